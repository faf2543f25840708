"""Amounts as people type them: "$30,000", "30k", "$1.5M", "EUR 20,000", "20 000 €", "25K USD".

Returns exact `Decimal`s (never floats) and the currency only when the text names one; the caller
decides what a missing currency means.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
CODES = {
    "USD", "EUR", "GBP", "JPY", "CAD", "AUD", "CHF", "INR", "SEK", "NOK", "DKK", "SGD", "NZD",
    # More ISO 4217 codes budgets arrive in; not those that are also words or product names
    # ("PHP 8", "TRY", "PEN", "COP"), which would turn a figure beside them into money.
    "BRL", "CZK", "PLN", "HUF", "ZAR", "MXN", "AED", "SAR", "KRW", "CNY", "HKD", "ILS", "THB",
    "MYR", "IDR", "TWD", "RON", "BGN", "ISK", "CLP", "EGP", "NGN", "KES", "VND", "QAR",
}  # fmt: skip
WORDS = {"dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR", "pounds": "GBP"}
MULTIPLIERS = {"k": Decimal(1_000), "thousand": Decimal(1_000), "m": Decimal(1_000_000),
               "mm": Decimal(1_000_000), "million": Decimal(1_000_000),
               "b": Decimal(1_000_000_000), "bn": Decimal(1_000_000_000),
               "billion": Decimal(1_000_000_000)}  # fmt: skip

_CURRENCY = r"(?P<{name}>[$€£¥]|[A-Za-z]{{3}}\b)"
_AMOUNT = re.compile(
    r"^\s*" + _CURRENCY.format(name="pre") + r"?\s*"
    # One thousands separator, used throughout ("1,000,000", "1 000 000"): "1,000 000" or
    # "1\n000" are not amounts anyone writes. ASCII digits only, as `Decimal` would read others.
    r"(?P<number>[0-9]{1,3}(?P<sep>[, \u00a0\u202f])[0-9]{3}(?:(?P=sep)[0-9]{3})*(?:\.[0-9]+)?"
    r"|[0-9]+(?:\.[0-9]+)?|\.[0-9]+)\s*"
    r"(?P<mult>k|thousand|mm|m|million|bn|b|billion)?\b\s*"
    r"(?P<post>[$€£¥]|[A-Za-z]{3,7})?\s*$",
    re.IGNORECASE,
)


class AmountError(ValueError):
    """The text is not an amount we can read without guessing."""


def _currency(token: str | None) -> str | None:
    if not token:
        return None
    if token in SYMBOLS:
        return SYMBOLS[token]
    upper, lower = token.upper(), token.lower()
    if upper in CODES:
        return upper
    if lower in WORDS:
        return WORDS[lower]
    raise AmountError(f"unknown currency {token!r}")


def parse_amount(text: str) -> tuple[Decimal, str | None]:
    """(amount, ISO currency or None). Raises `AmountError` with a reason for anything else."""
    match = _AMOUNT.match(text)
    if not match:
        raise AmountError(f"not an amount: {text!r} (try 30000, 30k, $1.5M or EUR 20,000)")
    pre, post = _currency(match["pre"]), _currency(match["post"])
    if pre and post and pre != post:
        raise AmountError(f"two different currencies in {text!r}")
    try:
        number = Decimal(re.sub(r"[, \u00a0\u202f]", "", match["number"]))
    except InvalidOperation:  # pragma: no cover - the pattern only admits digits
        raise AmountError(f"not a number: {match['number']!r}") from None
    multiplier = MULTIPLIERS[match["mult"].lower()] if match["mult"] else Decimal(1)
    return (number * multiplier).normalize() + Decimal(0), pre or post
