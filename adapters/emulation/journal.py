"""A record of every request an emulator received, for counting backend calls in tests."""

from __future__ import annotations

import fnmatch
from collections import Counter
from dataclasses import dataclass, field

__all__ = ["Journal", "RecordedRequest"]


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    query: str
    headers: dict[str, str]  # lower-cased names
    body: bytes

    @property
    def target(self) -> str:
        return f"{self.path}?{self.query}" if self.query else self.path


@dataclass
class Journal:
    """Every request in arrival order.

    Usage::

        emulator.control.journal.count("GET", "/api/v1/galleries/*")
    """

    requests: list[RecordedRequest] = field(default_factory=list)

    def record(self, request: RecordedRequest) -> None:
        self.requests.append(request)

    def matching(self, method: str | None = None, path: str = "*") -> list[RecordedRequest]:
        """Requests whose method matches and whose path matches the glob ``path``."""
        return [
            r
            for r in self.requests
            if (method is None or r.method == method.upper()) and fnmatch.fnmatchcase(r.path, path)
        ]

    def count(self, method: str | None = None, path: str = "*") -> int:
        return len(self.matching(method, path))

    def by_route(self) -> Counter[str]:
        return Counter(f"{r.method} {r.path}" for r in self.requests)

    def clear(self) -> None:
        self.requests.clear()

    def __len__(self) -> int:
        return len(self.requests)
