"""The emulator's error type and Asana's error body (reference §2).

Asana answers ``{"errors": [{"message", "help"}]}`` with the status; 500s also carry a
five-word ``phrase`` (an incident id). Messages follow the documented ``"<field>: Missing
input"`` form where the docs give one; the rest are the emulator's own clear wording.
"""

from __future__ import annotations

import secrets
from typing import Any

HELP = (
    "For more information on API status codes and how to handle them, read the docs on errors: "
    "https://developers.asana.com/docs/errors"
)
_WORDS = ("sad", "squid", "snuggle", "softly", "happy", "otter", "dances", "slowly", "brave",
          "panda", "sings", "loudly", "quiet", "heron", "waits", "calmly")  # fmt: skip


class AsanaError(Exception):
    """A failure the emulator reports as an Asana error body."""

    def __init__(self, status: int, message: str, *, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        """``{"errors": [...]}``; a 500 adds the incident ``phrase`` as Asana does."""
        error: dict[str, Any] = {"message": self.message, "help": HELP}
        if self.status >= 500:
            error["phrase"] = " ".join(secrets.choice(_WORDS) for _ in range(5))
        return {"errors": [error]}


def missing(field: str) -> AsanaError:
    """400 ``<field>: Missing input`` (the documented wording)."""
    return AsanaError(400, f"{field}: Missing input")


def invalid(message: str) -> AsanaError:
    """400 for a malformed or contradictory request."""
    return AsanaError(400, message)


def not_found(gid: str = "") -> AsanaError:
    """404: unknown object or route (Asana does not say which)."""
    return AsanaError(404, f"Unknown object: {gid}" if gid else "Not Found")


def forbidden(message: str) -> AsanaError:
    """403: the caller may not do this."""
    return AsanaError(403, message)


def not_authorized() -> AsanaError:
    """401 with the documented body."""
    return AsanaError(401, "Not Authorized")
