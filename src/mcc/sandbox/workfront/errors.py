"""The emulator's error type and the Workfront error body it renders to.

Workfront answers failures with ``{"error": {"class", "message", "title", "msgKey", "attributes",
"code"}}`` and a non-2xx status (reference §5, §10.10). The exact status per Java exception class
is not documented; the mapping here (401 auth, 404 unknown, 422 validation, 400 malformed, 429
throttled) is the reference's recommendation and is what MCC's client must tolerate.
"""

from __future__ import annotations

from typing import Any

AUTH_CLASS = "com.attask.common.AuthenticationException"
NOT_FOUND_CLASS = "com.attask.common.NotFoundException"
INVALID_PARAM_CLASS = "com.attask.common.InvalidParameterException"
VALIDATION_CLASS = "com.attask.common.ValidationException"
STATUS_VIOLATION_CLASS = "com.attask.common.ProjectStatusViolationException"
ILLEGAL_ARGUMENT_CLASS = "java.lang.IllegalArgumentException"
UNSUPPORTED_CLASS = "java.lang.UnsupportedOperationException"


class WorkfrontError(Exception):
    """A failure the emulator reports to the caller as a Workfront error body."""

    def __init__(
        self,
        status: int,
        error_class: str,
        message: str,
        *,
        msg_key: str = "exception.attask",
    ) -> None:
        super().__init__(message)
        self.status = status
        self.error_class = error_class
        self.message = message
        self.msg_key = msg_key

    def body(self) -> dict[str, Any]:
        """The JSON body: only ``error``, never ``data`` alongside it (reference §5)."""
        return {
            "error": {
                "class": self.error_class,
                "message": self.message,
                "title": None,
                "msgKey": self.msg_key,
                "attributes": [],
                "code": 0,
            }
        }


def auth_error(message: str = "Invalid session ID.") -> WorkfrontError:
    """401: missing, unknown or expired credentials."""
    return WorkfrontError(401, AUTH_CLASS, message, msg_key="exception.authentication")


def not_found(obj_code: str, obj_id: str) -> WorkfrontError:
    """404 for an ID that does not exist (``exception.norecordfound``)."""
    return WorkfrontError(
        404,
        NOT_FOUND_CLASS,
        f"The object {obj_code} with ID {obj_id} does not exist.",
        msg_key="exception.norecordfound",
    )


def invalid(message: str, error_class: str = VALIDATION_CLASS) -> WorkfrontError:
    """422: the request is well formed but breaks a business or validation rule."""
    return WorkfrontError(422, error_class, message)


def malformed(message: str) -> WorkfrontError:
    """400: the request cannot be parsed (bad JSON, unknown verb)."""
    return WorkfrontError(400, INVALID_PARAM_CLASS, message)
