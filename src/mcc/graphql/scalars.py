"""`Decimal` and `Date` scalars that leave reading the value to the input models.

Strawberry's own scalars read with `Decimal(...)` and `date.fromisoformat(...)`, which accept
"1_000", "1e5" and "20260101", and a value they refuse comes back as a GRAPHQL_VALIDATION error
about a variable, not naming the field. These keep the text as sent, so `mcc.validation`'s strict
readers (run by the campaign input models, as for every other door) accept or refuse it: the
same rule and the same VALIDATION error with the field named, whether the value came through
GraphQL, the web form, the CLI or the assistant. Schema names and output forms are unchanged.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import strawberry
from strawberry.exceptions import StrawberryInputCoercionError


def _as_sent(kind: str, numbers: bool) -> Any:
    def parse(value: object) -> object:
        if isinstance(value, str):
            return value
        if numbers and isinstance(value, int | float) and not isinstance(value, bool):
            return value
        raise StrawberryInputCoercionError(f"{kind} must be sent as a string")

    return parse


DecimalScalar = strawberry.scalar(
    name="Decimal",
    description='Decimal (fixed-point), sent as a plain number text such as "1500.50"',
    serialize=str,
    parse_value=_as_sent("Decimal", numbers=True),
)
DateScalar = strawberry.scalar(
    name="Date",
    description="Date written YYYY-MM-DD",
    serialize=lambda value: value.isoformat(),
    parse_value=_as_sent("Date", numbers=False),
)

SCALAR_OVERRIDES: dict[object, Any] = {Decimal: DecimalScalar, date: DateScalar}
