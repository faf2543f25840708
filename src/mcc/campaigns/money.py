"""Amounts as people type them: "$30,000", "30k", "$1.5M", "EUR 20,000", "20 000 €", "25K USD",
"CHF 12'000", "A$ 75,000", "25 000 zł", "45,000 Swiss francs".

Returns exact `Decimal`s (never floats) and the currency only when the text names one; the caller
decides what a missing currency means. The currencies are `mcc.campaigns.currencies`, the same
vocabulary the assistant reads, so a budget typed into the form and one told to the assistant are
read alike; a mark several countries share ("40 000 kr", "50k pesos") is refused with a question,
never read as dollars.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from mcc.campaigns.currencies import (
    AMBIGUOUS,
    DOLLAR_AFTER,
    DOLLAR_SIGN,
    LETTERS_AFTER,
    LETTERS_BEFORE,
    SYMBOL_CHARS,
    WORD_AFTER,
    WORD_BEFORE,
    code_of,
)

MULTIPLIERS = {"k": Decimal(1_000), "thousand": Decimal(1_000), "m": Decimal(1_000_000),
               "mm": Decimal(1_000_000), "million": Decimal(1_000_000),
               "b": Decimal(1_000_000_000), "bn": Decimal(1_000_000_000),
               "billion": Decimal(1_000_000_000)}  # fmt: skip

_SIGN = rf"{DOLLAR_SIGN}|[{re.escape(SYMBOL_CHARS)}]"
# Anything letter-like is captured, so that an unknown one is refused by name ("XYZ 10").
_PRE = rf"(?P<pre>{_SIGN}|{LETTERS_BEFORE}|{WORD_BEFORE}(?![^\W\d_])|[A-Za-z]{{3}}\b)"
_POST = rf"(?P<post>{DOLLAR_AFTER}|{_SIGN}|{LETTERS_AFTER}|{WORD_AFTER}\b|[^\W\d_]{{3,9}})"
_AMOUNT = re.compile(
    rf"^\s*{_PRE}?\s*"
    # One thousands separator, used throughout ("1,000,000", "1 000 000", "12'000"): "1,000 000"
    # or "1\n000" are not amounts anyone writes. ASCII digits only, as `Decimal` would read others.
    r"(?P<number>[0-9]{1,3}(?P<sep>[, '’\u00a0\u202f])[0-9]{3}(?:(?P=sep)[0-9]{3})*(?:\.[0-9]+)?"
    # Points between groups of three, as most of Europe writes ("20.000 €", "1.500.000,50"): a
    # budget is never written to a tenth of a cent, so "20.000" is twenty thousand, as the
    # assistant reads it too.
    r"|(?P<dotted>[1-9][0-9]{0,2}(?:\.[0-9]{3})+(?:,[0-9]{1,2})?)"
    r"|[0-9]+(?:\.[0-9]+)?|\.[0-9]+)\s*"
    r"(?P<mult>k|thousand|mm|m|million|bn|b|billion)?\b\s*"
    rf"{_POST}?\s*$",
    re.IGNORECASE,
)


class AmountError(ValueError):
    """The text is not an amount we can read without guessing."""


def _currency(token: str | None) -> str | None:
    if not token:
        return None
    code = code_of(token)
    if code == AMBIGUOUS:
        raise AmountError(
            f"{token.strip()!r} is the currency of several countries: write its code "
            "(for example 40000 NOK or CHF 8000)"
        )
    if code is None:
        raise AmountError(f"unknown currency {token!r}")
    return code


# No budget is longer: a longer text is refused before the pattern reads it (a pasted 100 KB
# "budget" of spaces cost the pattern seconds of CPU, and every other request waited).
MAX_AMOUNT_CHARS = 64


def parse_amount(text: str) -> tuple[Decimal, str | None]:
    """(amount, ISO currency or None). Raises `AmountError` with a reason for anything else."""
    if len(text) > MAX_AMOUNT_CHARS:
        raise AmountError(f"an amount is at most {MAX_AMOUNT_CHARS} characters")
    match = _AMOUNT.match(text)
    if not match:
        raise AmountError(f"not an amount: {text!r} (try 30000, 30k, $1.5M or EUR 20,000)")
    pre, post = _currency(match["pre"]), _currency(match["post"])
    if pre and post and pre != post:
        raise AmountError(f"two different currencies in {text!r}")
    try:
        if match["dotted"]:
            number = Decimal(match["dotted"].replace(".", "").replace(",", "."))
        else:
            number = Decimal(re.sub(r"[, '’\u00a0\u202f]", "", match["number"]))
    except InvalidOperation:  # pragma: no cover - the pattern only admits digits
        raise AmountError(f"not a number: {match['number']!r}") from None
    multiplier = MULTIPLIERS[match["mult"].lower()] if match["mult"] else Decimal(1)
    return (number * multiplier).normalize() + Decimal(0), pre or post


def currency_of_budget(
    named: str | None, chosen: str | None, *, kept: str | None = None
) -> str | None:
    """The currency of a budget whose text names `named` beside a currency field set to
    `chosen`: one of them, or `AmountError` when they disagree ("CHF 12'000" with EUR chosen).
    `kept` is the field's value as the form showed it: left as it was, the budget's text wins."""
    chosen = (chosen or "").strip().upper() or None
    if named is None or chosen is None or chosen == named or chosen == (kept or "").upper():
        return named or chosen
    raise AmountError(f"the budget is in {named} but the currency is {chosen}: make them agree")
