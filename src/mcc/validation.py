"""Turn pydantic's validation errors into our `ValidationError`, with one message per field; read
numbers and dates from machine-facing text strictly.

Python and pydantic are lenient readers: `Decimal("1_000")` is 1000, `Decimal("1e5")` is 100000,
`date.fromisoformat("20260101")` is a date and pydantic reads "1704067200" as a Unix time. An API
that accepts those stores something the caller may not have meant, so the API doors read exactly
one spelling: a plain decimal (`1500`, `1500.50`, `-3`) and `YYYY-MM-DD`. People's spellings
("$30k", "next Friday") are read by `campaigns.money` and the assistant's extraction, not here.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

import pydantic

from mcc.exceptions import ValidationError

ModelT = TypeVar("ModelT", bound=pydantic.BaseModel)


_PLAIN_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# A budget or a date needs no more; a longer text is refused before any work is done on it.
_NUMBER_TEXT_MAX = 40


def read_decimal(text: str) -> Decimal:
    """A plain decimal text as a `Decimal`; `ValueError` with a reason for anything else."""
    if len(text) > _NUMBER_TEXT_MAX or not _PLAIN_DECIMAL.fullmatch(text):
        raise ValueError(
            f"must be a plain number such as 1500 or 1500.50 (got {text[:_NUMBER_TEXT_MAX]!r}; "
            "no spaces, underscores, exponents or words)"
        )
    return Decimal(text)


def read_date(text: str) -> date:
    """A `YYYY-MM-DD` text as a `date`; `ValueError` with a reason for anything else."""
    if not _ISO_DATE.fullmatch(text):
        raise ValueError(f"must be a date written YYYY-MM-DD (got {text[:_NUMBER_TEXT_MAX]!r})")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a day of the calendar") from None


def strict_decimal(value: object) -> object:
    """A pydantic "before" validator: text and JSON numbers read by `read_decimal`, a `Decimal`
    kept; anything else refused (a `ValueError` names the field in the error)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, float):
        # JSON numbers such as 1500.5 arrive as floats; their shortest repr is what was sent.
        return read_decimal(repr(value))
    if not isinstance(value, str):
        raise ValueError("must be a number such as 1500 or 1500.50")
    return read_decimal(value)


def strict_date(value: object) -> object:
    """A pydantic "before" validator: text read by `read_date`, a `date` kept; anything else
    refused (a `ValueError` names the field in the error)."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"must be a date written YYYY-MM-DD (got {value!r})")
    return read_date(value)


def _field_name(location: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in location) or "input"


def _message(error: Any) -> str:
    """A field's problem in the words our own validators use: a description over its limit read
    "String should have at most 5000 characters" beside a name's "must be at most 200
    characters (got 300)" on the same form (s29/n2)."""
    if error["type"] == "string_too_long" and isinstance(error.get("input"), str):
        limit = error.get("ctx", {}).get("max_length")
        if isinstance(limit, int):
            return f"must be at most {limit:,} characters (got {len(error['input']):,})"
    # pydantic prefixes messages of custom validators with "Value error, "; users don't need it.
    return str(error["msg"]).removeprefix("Value error, ")


def bad_text(value: Any, path: str) -> tuple[str, str] | None:
    """(field, problem) for text no database should get: NUL, or lone surrogates (not UTF-8)."""
    if isinstance(value, str):
        if "\x00" in value:
            return path, "must not contain NUL characters"
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return path, "is not valid Unicode text"
        return None
    if isinstance(value, dict):
        for key, item in value.items():
            found = bad_text(item, f"{path}.{key}" if path else str(key))
            if found:
                return found
    if isinstance(value, list | tuple):
        for index, item in enumerate(value):
            found = bad_text(item, f"{path}.{index}")
            if found:
                return found
    return None


def parse(model: type[ModelT], data: dict[str, Any], *, what: str) -> ModelT:
    """Validate `data` as `model` or raise `ValidationError` naming every bad field."""
    bad = bad_text(data, "")
    if bad:
        field, problem = bad
        raise ValidationError(f"Invalid {what}: {field}: {problem}", {field: problem})
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as error:
        fields: dict[str, str] = {}
        for item in error.errors(include_url=False):
            fields.setdefault(_field_name(item["loc"]), _message(item))
        summary = "; ".join(f"{name}: {message}" for name, message in fields.items())
        raise ValidationError(f"Invalid {what}: {summary}", fields) from None
