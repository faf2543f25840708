"""Secrets the sync keeps in the database, encrypted with the server's secret key.

Encryption is Fernet (AES-128-CBC + HMAC-SHA256, from `cryptography`): authenticated, so a
tampered row or a changed secret key reads as "no token stored" instead of garbage. The Fernet
key is derived from the server key with HKDF under a purpose label, so it is never the key that
signs cookies.

`StoredRefreshToken` is what Workfront OAuth keeps here: the newest rotated refresh token, shared
by every process on the database (`mcc serve`, `mcc worker`, `mcc chat`) and kept across restarts.
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from mcc.db import Database
from mcc.logging import get_logger
from mcc.sync.repository import SyncRepository

log = get_logger(__name__)
PURPOSE = b"mcc.sync-secrets.v1"
OAUTH_REFRESH_TOKEN = "workfront.oauth.refresh_token"  # noqa: S105 - a row key, not a secret


class SecretBox:
    def __init__(self, server_key: str) -> None:
        derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=PURPOSE).derive(
            server_key.encode()
        )
        self._fernet = Fernet(base64.urlsafe_b64encode(derived))

    def seal(self, plaintext: str) -> str:
        return self._fernet.encrypt(plaintext.encode()).decode()

    def open(self, ciphertext: str) -> str | None:
        """The plaintext, or None if the row was sealed with another key or altered."""
        try:
            return self._fernet.decrypt(ciphertext.encode()).decode()
        except (InvalidToken, UnicodeDecodeError):
            return None


def seed_digest(seed: str) -> str:
    return hashlib.sha256(seed.encode()).hexdigest()


class StoredRefreshToken:
    """The newest refresh token descended from the configured one (`seed`).

    A stored token wins over the configured one: the configured one was voided by the first
    rotation. Unless the operator has configured a *different* token since (re-authorised):
    the stored descendant of the old one then no longer applies.
    """

    def __init__(self, db: Database, box: SecretBox, key: str = OAUTH_REFRESH_TOKEN) -> None:
        self._db = db
        self._box = box
        self._key = key

    async def load(self, seed: str) -> str | None:
        async with self._db.read() as session:
            row = await SyncRepository(session).get_secret(self._key)
            if row is None or row.seed_digest != seed_digest(seed):
                return None
            ciphertext = row.ciphertext
        token = self._box.open(ciphertext)
        if token is None:
            log.warning("sync.secret_unreadable", key=self._key,
                        hint="the secret key changed; using the configured token")  # fmt: skip
        return token

    async def save(self, seed: str, token: str) -> None:
        ciphertext = self._box.seal(token)
        async with self._db.write() as session:
            await SyncRepository(session).put_secret(self._key, ciphertext, seed_digest(seed))
