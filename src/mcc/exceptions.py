"""The error tree. Every error a user can cause is an `MCCError` with a machine-readable code.

    MCCError (500, INTERNAL)
    ├── ValidationError (422, VALIDATION)      bad input; `fields` maps each field to its problem
    │   └── DocumentError (422, DOCUMENT_INVALID)    knowledge/parsing.py: not a document
    │       ├── UnsupportedFormatError (415, UNSUPPORTED_FORMAT)
    │       ├── DocumentTooLargeError (413, DOCUMENT_TOO_LARGE)
    │       ├── UnreadableDocumentError (422, DOCUMENT_UNREADABLE)
    │       └── EmptyDocumentError (422, DOCUMENT_EMPTY)
    │   └── RulesError (422, VALIDATION)      playbooks/errors.py: a broken rule, its line
    ├── NotFoundError (404, NOT_FOUND)
    ├── ConflictError (409, CONFLICT)          stale version, forbidden status transition
    ├── UnauthenticatedError (401, UNAUTHENTICATED)  not signed in, wrong password or token
    ├── ForbiddenError (403, FORBIDDEN)        signed in but not allowed; missing CSRF token
    ├── UploadAbandonedError (499, CLIENT_GONE)   knowledge/parse_process.py: uploader left
    ├── TooManyRequestsError (429, BUSY)       one user's turns already in flight (agent/service.py)
    ├── ServiceUnavailableError (503, UNAVAILABLE)
    │   ├── ParsingBusyError (503, UNAVAILABLE)           knowledge/parse_process.py: queue full
    │   └── EmbedderError (503, EMBEDDER_FAILED)          knowledge/embedders/base.py
    │       └── EmbedderUnavailableError (503, EMBEDDER_UNAVAILABLE)
    ├── ConfigurationError (500, CONFIGURATION)           unusable settings (a backend's)
    └── WorkManagementError (502, WORKMGMT)               integrations/workmgmt.py
        ├── TechnicalError (503, WORKMGMT_UNAVAILABLE)    transient: retry later
        └── LogicalError (422, WORKMGMT_REJECTED)         permanent: show the user
            └── RemoteNotFound (404, WORKMGMT_NOT_FOUND)

Codes a transport answers before any domain code runs, with no class of their own:
MALFORMED (400, a body that is not JSON or not the expected shape), TOO_LARGE (413, a body over
the limit), METHOD_NOT_ALLOWED (405: Starlette's refusals are rendered in app.py as ours are)
and GRAPHQL_VALIDATION (a GraphQL document the schema refuses). A request without
valid credentials is UNAUTHENTICATED everywhere, the webhook's token check included.

Transports render these one way each (GraphQL `extensions.code`, JSON body, CLI message) and never
show anything but the message of an unexpected exception: that is logged, not leaked. A new
subclass is drawn here too (`tests/test_house.py` checks the drawing against the classes).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# A message echoes what the client sent ("Invalid campaign id '...'"): a 10,000-character id
# came back in full, in the JSON body, the error page and the logs. Every run of characters
# without a space longer than ECHO_MAX is cut here, in the one class every transport renders,
# and a whole message is held to MESSAGE_MAX.
ECHO_MAX = 80
MESSAGE_MAX = 2000
_LONG_RUN = re.compile(rf"\S{{{ECHO_MAX + 1},}}")


def clip_echoes(message: str) -> str:
    """`message` with each over-long run of non-space characters cut to ECHO_MAX, marked "…"."""
    clipped = _LONG_RUN.sub(lambda m: m[0][: ECHO_MAX - 1] + "…", message)
    return clipped if len(clipped) <= MESSAGE_MAX else clipped[: MESSAGE_MAX - 1] + "…"


class MCCError(Exception):
    code = "INTERNAL"
    status_code = 500

    def __init__(self, message: str) -> None:
        message = clip_echoes(message)
        super().__init__(message)
        self.message = message

    def extensions(self) -> dict[str, object]:
        return {"code": self.code}


class ValidationError(MCCError):
    code = "VALIDATION"
    status_code = 422

    def __init__(self, message: str, fields: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.fields = {clip_echoes(str(k)): clip_echoes(str(v)) for k, v in (fields or {}).items()}

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


class TooManyRequestsError(MCCError):
    """One user asks more at once than their share: refused so that others are not kept waiting."""

    code = "BUSY"
    status_code = 429


class ServiceUnavailableError(MCCError):
    code = "UNAVAILABLE"
    status_code = 503


class ConfigurationError(MCCError):
    """Settings that cannot work (a backend without its URL or secrets): an operator's error."""

    code = "CONFIGURATION"
    status_code = 500
