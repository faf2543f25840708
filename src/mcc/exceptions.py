"""The error tree. Every error a user can cause is an `MCCError` with a machine-readable code.

    MCCError (500, INTERNAL)
    ├── ValidationError (422, VALIDATION)      bad input; `fields` maps each field to its problem
    ├── NotFoundError (404, NOT_FOUND)
    ├── ConflictError (409, CONFLICT)          stale version, forbidden status transition
    ├── UnauthenticatedError (401, UNAUTHENTICATED)  not signed in, wrong password
    ├── ForbiddenError (403, FORBIDDEN)        signed in but not allowed; missing CSRF token
    └── ServiceUnavailableError (503, UNAVAILABLE)

Transports render these one way each (GraphQL `extensions.code`, JSON body, CLI message) and never
show anything but the message of an unexpected exception: that is logged, not leaked.
"""

from __future__ import annotations

from collections.abc import Mapping


class MCCError(Exception):
    code = "INTERNAL"
    status_code = 500

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def extensions(self) -> dict[str, object]:
        return {"code": self.code}


class ValidationError(MCCError):
    code = "VALIDATION"
    status_code = 422

    def __init__(self, message: str, fields: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.fields = dict(fields or {})

    def extensions(self) -> dict[str, object]:
        return {"code": self.code, "fields": self.fields}


class NotFoundError(MCCError):
    code = "NOT_FOUND"
    status_code = 404


class ConflictError(MCCError):
    code = "CONFLICT"
    status_code = 409


class UnauthenticatedError(MCCError):
    code = "UNAUTHENTICATED"
    status_code = 401


class ForbiddenError(MCCError):
    code = "FORBIDDEN"
    status_code = 403


class ServiceUnavailableError(MCCError):
    code = "UNAVAILABLE"
    status_code = 503
