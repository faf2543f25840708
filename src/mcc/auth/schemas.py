"""Who is calling, what they may do, and the input rules for accounts."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from enum import StrEnum

from mcc.exceptions import ValidationError

EMAIL_MAX = 254
PASSWORD_MIN = 10
PASSWORD_MAX = 1024  # argon2 takes any length; a megabyte "password" is an attack, not a secret
TOKEN_NAME_MAX = 100

# Deliberately loose: the mail server is the judge of an address; we only refuse what can't be one.
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+|[^@\s]+@localhost|[^@\s]+@[^@\s.]+\.local")


class Role(StrEnum):
    """What a user may do; the order of `ROLE_LEVELS` is the order of authority.

    `manager`, `director` and `vp` are marketers who may also approve campaigns, each up to the
    tiers the tier policy gives their level; `admin` may do everything.
    """

    VIEWER = "viewer"  # reads its teams' campaigns (leadership dashboards); changes nothing
    MARKETER = "marketer"  # creates and edits its teams' campaigns, chats, asks the playbooks
    MANAGER = "manager"
    DIRECTOR = "director"
    VP = "vp"
    ADMIN = "admin"  # everything: every team, users, knowledge uploads, sync health

    @property
    def level(self) -> int:
        return ROLE_LEVELS[self]

    def at_least(self, other: Role) -> bool:
        return self.level >= other.level


ROLE_LEVELS: dict[Role, int] = {role: level for level, role in enumerate(Role)}


class AuthMethod(StrEnum):
    SESSION = "session"  # a browser: cookie-borne, so unsafe requests need a CSRF token
    TOKEN = "token"  # noqa: S105 - a script: the bearer header is not sent by browsers on their own


@dataclass(frozen=True)
class CurrentUser:
    id: uuid.UUID
    email: str
    role: Role
    method: AuthMethod
    # The teams whose campaigns this user sees (loaded with the user on every request).
    team_ids: frozenset[uuid.UUID] = frozenset()

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    @property
    def can_read_reports(self) -> bool:
        """The pilot report is for the people who decide go/no-go: admins and viewers."""
        return self.role in (Role.ADMIN, Role.VIEWER)

    @property
    def can_edit(self) -> bool:
        """Viewers read; every other role creates and edits its teams' campaigns."""
        return self.role is not Role.VIEWER


def parse_email(value: str) -> str:
    email = value.strip().lower()
    if not email:
        raise ValidationError("Email is empty: type an address", {"email": "must not be empty"})
    if len(email) > EMAIL_MAX or not _EMAIL.fullmatch(email):
        raise ValidationError(
            f"Invalid email {value.strip()!r}: expected an address like name@example.com",
            {"email": "not an email address"},
        )
    return email


def check_password(password: str) -> str:
    """The one rule: long enough to resist guessing; no composition rules (NIST SP 800-63B)."""
    if len(password) < PASSWORD_MIN:
        raise ValidationError(
            f"Password too short: use at least {PASSWORD_MIN} characters",
            {"password": f"at least {PASSWORD_MIN} characters"},
        )
    if len(password) > PASSWORD_MAX:
        raise ValidationError(
            f"Password too long: at most {PASSWORD_MAX} characters",
            {"password": f"at most {PASSWORD_MAX} characters"},
        )
    return password
