"""Structured logging: key-value events through structlog, for a console or as JSON lines.

A log line must cost microseconds, whatever it carries: an error inside a worker that holds a
huge payload once took 46 s (268,534 lines) to render because the development renderer printed
every frame's local variables. So, in every mode: tracebacks are plain text without locals, cut
to a bounded size, and every other field is cut to a bounded repr before any renderer sees it.
"""

from __future__ import annotations

import logging
import reprlib
import sys
import traceback
from typing import Any

import structlog

from mcc.config import LogFormat, Settings

MAX_FIELD_CHARS = 1_000
MAX_TRACEBACK_CHARS = 8_000
MAX_TRACEBACK_FRAMES = 30
_repr = reprlib.Repr()
_repr.maxlevel, _repr.maxstring, _repr.maxother = 3, MAX_FIELD_CHARS, 200
_repr.maxdict = _repr.maxlist = _repr.maxtuple = _repr.maxset = 10


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    half = limit // 2
    return f"{text[:half]} …[{len(text) - limit} chars cut]… {text[-half:]}"


def _bounded_field(value: Any) -> Any:
    """Scalars pass; strings are cut; containers become a bounded repr (never walked whole)."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return _cut(value, MAX_FIELD_CHARS)
    return _cut(_repr.repr(value), MAX_FIELD_CHARS)


def _format_exception(exc_info: Any) -> str:
    """The traceback as plain text: no locals, at most the innermost frames, a bounded size."""
    if exc_info is True:
        exc_info = sys.exc_info()
    elif isinstance(exc_info, BaseException):
        exc_info = (type(exc_info), exc_info, exc_info.__traceback__)
    if not isinstance(exc_info, tuple) or exc_info[0] is None:
        return ""
    _kind, error, _tb = exc_info
    lines = traceback.format_exception(error, limit=-MAX_TRACEBACK_FRAMES)
    return _cut("".join(lines).rstrip("\n"), MAX_TRACEBACK_CHARS)


def bound_event(
    _logger: Any, _name: str, event_dict: structlog.types.EventDict
) -> structlog.types.EventDict:
    """Render the exception ourselves (cheaply) and bound every field, for any renderer."""
    exc_info = event_dict.pop("exc_info", None)
    if exc_info:
        formatted = _format_exception(exc_info)
        if formatted:
            event_dict["exception"] = formatted
    for key, value in event_dict.items():
        if key != "exception" and not key.startswith("_"):
            event_dict[key] = _bounded_field(value)
    return event_dict


def configure_logging(settings: Settings) -> None:
    """Route structlog and the standard library (uvicorn, sqlalchemy) through one renderer."""
    shared: list[structlog.types.Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        bound_event,
    ]
    renderer: structlog.types.Processor
    if settings.resolved_log_format is LogFormat.JSON:
        renderer = structlog.processors.JSONRenderer()
    else:
        # `bound_event` has already turned any exception into bounded text; the plain formatter
        # is only a safe fallback (the Rich one would print locals and cost seconds).
        renderer = structlog.dev.ConsoleRenderer(
            colors=sys.stderr.isatty(), exception_formatter=structlog.dev.plain_traceback
        )

    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=shared,
            processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer],
        )
    )
    # On the handler too: libraries that set their own logger to DEBUG (bm25s does) would
    # otherwise reach our output past the root level.
    handler.setLevel(settings.log_level)
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(settings.log_level)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers = []
        logging.getLogger(name).propagate = True
    # Alembic narrates each step at INFO; our commands report the outcome themselves.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    # httpx logs each request URL at INFO, query string included: that would write Workfront's
    # apiKey into the logs. Our clients log what matters without credentials.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    # Our own request log replaces uvicorn's access log, which would duplicate every line.
    logging.getLogger("uvicorn.access").setLevel(logging.WARNING)


def get_logger(name: str) -> structlog.stdlib.BoundLogger:
    return structlog.stdlib.get_logger(name)
