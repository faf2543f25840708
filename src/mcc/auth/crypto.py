"""Secrets: the server key, random credentials, their hashes, signed cookies and CSRF tokens.

Credentials are 256-bit random strings; the database stores their SHA-256 (a fast hash is right
here: unlike passwords, the input has full entropy). Cookies are additionally signed with the
server key, so a forged or truncated cookie is rejected before any database lookup.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
import tempfile
from pathlib import Path

from itsdangerous import BadSignature, TimestampSigner

from mcc.config import Settings

SECRET_FILE = "secret_key"  # noqa: S105 - a file name
TOKEN_PREFIX = "mcc_"  # noqa: S105 - a label that makes leaked tokens greppable


def load_secret_key(settings: Settings) -> str:
    """`MCC_SECRET_KEY`, or the key kept in the data directory (generated on first use).

    The key is written to a private temporary file first and then linked into place, which
    fails if the file already exists: processes starting together (`mcc serve --workers N` on a
    fresh data directory) agree on one key, and none ever reads the file before its key is in
    it (created empty with O_EXCL and written after, a second worker read it empty and died).
    """
    if settings.secret_key is not None:
        return settings.secret_key.get_secret_value()
    path = Path(settings.data_dir) / SECRET_FILE
    if not path.exists():
        _create_key_file(path)
    key = path.read_text().strip()
    if not key:
        raise RuntimeError(f"{path} is empty: delete it to generate a new key")
    return key


def _create_key_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{SECRET_FILE}.")  # 0600
    try:
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_urlsafe(48))
            file.flush()
            os.fsync(file.fileno())
        with contextlib.suppress(FileExistsError):  # another process was first: its key wins
            os.link(temporary, path)
    finally:
        os.unlink(temporary)


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def new_api_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class Signer:
    """Signs cookie values and derives CSRF tokens from the server key."""

    def __init__(self, key: str, *, max_age_seconds: int) -> None:
        self._key = key.encode()
        self._signer = TimestampSigner(key, salt="mcc.session")
        self._max_age = max_age_seconds

    def sign(self, value: str) -> str:
        return self._signer.sign(value).decode()

    def unsign(self, signed: str) -> str | None:
        """The value, or None when the signature is wrong or older than the session lifetime."""
        try:
            return self._signer.unsign(signed, max_age=self._max_age).decode()
        except (BadSignature, UnicodeDecodeError):
            return None

    def csrf_token(self, bound_to: str) -> str:
        """A token only someone holding `bound_to` (the session or pre-sign-in cookie) can know."""
        mac = hmac.new(self._key, b"csrf|" + bound_to.encode(), hashlib.sha256)
        return mac.hexdigest()
