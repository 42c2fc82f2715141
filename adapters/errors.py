"""The one error tree every adapter raises (or returns, per key, from a batch load).

::

    BackendError
    ├── NotFound
    ├── Unauthorized
    ├── Forbidden
    ├── Conflict
    ├── InvalidInput
    ├── RateLimited
    ├── NotSupported
    ├── HostNotAllowed
    ├── Unavailable
    │   └── Timeout
    └── BadUpstreamResponse
        └── DocumentTooLarge

Each class carries the stable GraphQL error ``code`` it becomes. Only the gateway turns these
into GraphQL errors (``gateway/errors.py``); adapters never build a client-facing message with a
backend URL or credential in it.
"""

from __future__ import annotations

from typing import ClassVar

__all__ = [
    "BackendError",
    "BadUpstreamResponse",
    "Conflict",
    "DocumentTooLarge",
    "Forbidden",
    "HostNotAllowed",
    "InvalidInput",
    "NotFound",
    "NotSupported",
    "RateLimited",
    "Timeout",
    "Unauthorized",
    "Unavailable",
]


class BackendError(Exception):
    """Something a backend said or did that the caller should know about.

    Args:
        message: safe to show to a GraphQL client (no URLs with credentials, no stack).
        source: the configured source name, filled in by the adapter.
        backend_code: the backend's own machine code (``idempotency_key_conflict``), if any.
        status: the backend's HTTP status, if any.
        field: the input field at fault, if any (for ``userErrors``).
    """

    code: ClassVar[str] = "BACKEND_ERROR"

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        backend_code: str | None = None,
        status: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        #: True when the backend certainly never received the request (connection refused,
        #: circuit open): a write that failed this way did not happen and is safe to retry.
        self.unsent = False
        self.source = source
        self.backend_code = backend_code
        self.status = status
        self.field = field

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, source={self.source!r})"


class NotFound(BackendError):
    code = "NOT_FOUND"


class Unauthorized(BackendError):
    code = "UNAUTHENTICATED"


class Forbidden(BackendError):
    code = "FORBIDDEN"


class Conflict(BackendError):
    code = "CONFLICT"


class InvalidInput(BackendError):
    code = "BAD_USER_INPUT"


class RateLimited(BackendError):
    code = "RATE_LIMITED"

    def __init__(
        self,
        message: str,
        *,
        retry_after: float | None = None,
        source: str | None = None,
        backend_code: str | None = None,
        status: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(
            message, source=source, backend_code=backend_code, status=status, field=field
        )
        self.retry_after = retry_after


class NotSupported(BackendError):
    code = "NOT_SUPPORTED"


class HostNotAllowed(BackendError):
    """A document URL points at a host the source does not allow (or at a private address)."""

    code = "HOST_NOT_ALLOWED"


class Unavailable(BackendError):
    """The backend could not be reached, or answered 5xx."""

    code = "BACKEND_UNAVAILABLE"


class Timeout(Unavailable):
    code = "BACKEND_TIMEOUT"


class BadUpstreamResponse(BackendError):
    """The backend answered, but with something we cannot read (not JSON, wrong shape)."""

    code = "BAD_BACKEND_RESPONSE"


class DocumentTooLarge(BadUpstreamResponse):
    code = "DOCUMENT_TOO_LARGE"
