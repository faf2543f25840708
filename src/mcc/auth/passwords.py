"""argon2id password hashing (argon2-cffi's RFC 9106 low-memory profile).

`verify_dummy` spends the same time as a real check, so "no such user" and "wrong password" are
indistinguishable by timing as well as by message.
"""

from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True after the hashing parameters were raised; the next sign-in upgrades the hash."""
    return _hasher.check_needs_rehash(password_hash)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _hasher.hash("not a password anyone has")


def verify_dummy(password: str) -> None:
    verify_password(_dummy_hash(), password)
