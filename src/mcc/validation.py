"""Turn pydantic's validation errors into our `ValidationError`, with one message per field."""

from __future__ import annotations

from typing import Any, TypeVar

import pydantic

from mcc.exceptions import ValidationError

ModelT = TypeVar("ModelT", bound=pydantic.BaseModel)


def _field_name(location: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in location) or "input"


def _clean_message(message: str) -> str:
    # pydantic prefixes messages of custom validators with "Value error, "; users don't need it.
    return message.removeprefix("Value error, ")


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
            fields.setdefault(_field_name(item["loc"]), _clean_message(item["msg"]))
        summary = "; ".join(f"{name}: {message}" for name, message in fields.items())
        raise ValidationError(f"Invalid {what}: {summary}", fields) from None
