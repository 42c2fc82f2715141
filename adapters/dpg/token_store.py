"""Where the newest DPG refresh token is kept between gateway runs.

DPG rotates the refresh token on every use, so the one in memory is the only one that still
works: losing it (a restart) would mean signing in again. The store writes it atomically (a
temporary file in the same folder, then ``os.replace``) so a crash never leaves half a token.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

__all__ = ["StoredGrant", "TokenStore"]


@dataclass(frozen=True)
class StoredGrant:
    refresh_token: str
    account_uuid: str


class TokenStore:
    """A JSON file ``{"refresh_token", "account_uuid"}``, readable only by its owner."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def read(self) -> StoredGrant | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        token, account = data.get("refresh_token"), data.get("account_uuid")
        if isinstance(token, str) and isinstance(account, str) and token and account:
            return StoredGrant(token, account)
        return None

    def save(self, grant: StoredGrant) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        payload = json.dumps(
            {"refresh_token": grant.refresh_token, "account_uuid": grant.account_uuid}
        )
        fd, temp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, self.path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
