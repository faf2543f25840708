"""The budget and its currency in a message: the amount meant as the budget (`amounts`), with
the cue words around it masked so no later reading reuses them; a range, an open bound ("under
25k"), a negative or an impossible amount is a problem to ask about, not a value; a currency
named alone ("oops, that's in euros") changes only the currency; "no budget at all" is 0.
"""

from __future__ import annotations

import re
from decimal import Decimal

from mcc.agent.extraction.amounts import (
    answers_budget,
    budget_amount,
    cue_span,
    currency_code,
    find_amounts,
    is_range,
)
from mcc.agent.extraction.flagship import STATED_TIER
from mcc.agent.extraction.no_spend import no_spend
from mcc.agent.extraction.spans import MASK, Candidate, Extraction, Text
from mcc.campaigns.currencies import WORD_BEFORE
from mcc.campaigns.schemas import BUDGET_MAX

# An open bound names no amount ("under 25k", "at least 10k"); a cap does ("up to $50k", "no
# more than 60k", "at most 45k": the most that will be spent, as "capped at" and "max" say).
_BOUND = re.compile(
    r"\b(?:under|below|less\s+than|over|above|(?<!\bno\s)(?<!\bnot\s)more\s+than|at\s+least"
    r"|between)\s*$|[<>]\s*$",
    re.IGNORECASE,
)

_APPROX = re.compile(
    r"\b(?:about|around|roughly|approximately|approx\.?|circa|ca\.|maybe|say|it'?s|its|is"
    r"|budget|of|let'?s|make\s+it|call\s+it|we\s+have|probably)\b|~",
    re.IGNORECASE,
)

_CURRENCY_ONLY = re.compile(
    r"(?:\b(?:in|into|to|as|switch\s+to|change\s+to|make\s+it|use)\s+|\bcurrency[\"']?\s*"
    r"(?:is|:|=|should\s+be|to)?\s*[\"']?)(?:the\s+)?(?P<cur>pounds?\s+sterling"
    # A name that is also an everyday word ("in real terms") is no currency here.
    rf"|{WORD_BEFORE}\b|[A-Z]{{3}}\b|[$€£])(?!\s?\d)",
    re.IGNORECASE,
)


def read_budget(text: Text, result: Extraction, pending: tuple[str, ...]) -> None:
    # The number of a tier ("budget range tier 2") is no amount.
    tiers = [tier.span("n") for tier in STATED_TIER.finditer(text.work)]
    amounts = [
        m
        for m in find_amounts(text.work)
        if MASK not in m.raw and not any(s <= m.start < e for s, e in tiers)
    ]
    money = budget_amount(text.work, amounts)
    if money is None and len(amounts) == 1 and answers_budget(pending, amounts[0]):
        bare = _APPROX.sub("", text.work).strip(" .!~")
        money = amounts[0] if bare == amounts[0].raw else None
    if money is None:
        if not no_spend(text, result):  # "no budget at all": a budget of 0
            read_currency_only(text, result, pending)
        return
    raw = money.raw
    start, end = cue_span(text.work, money)
    text.mask(start, end)
    if is_range(text.original, money):
        result.problems.append(
            f"“{raw}” is one end of a range, not an amount; what's your best estimate of the "
            "budget?"
        )
        return
    bound = _BOUND.search(text.work[: money.start])
    if bound:
        result.problems.append(
            f"“{bound.group().strip()} {raw}” is a range, not an amount; what's your best "
            "estimate of the budget?"
        )
        return
    if money.shared_currency:
        # "40 000 kr", "50k pesos": several countries' money; a guess (or the default dollar)
        # would record a budget the user never gave.
        result.problems.append(
            f"Which currency is “{raw}” in? Several countries write it that way: give me the "
            "amount with the currency's code (for example EUR, SEK, NOK, MXN)."
        )
        return
    if money.negative:
        result.problems.append("A budget cannot be negative.")
        return
    amount = money.amount
    if amount > BUDGET_MAX:
        result.problems.append(f"A budget of {amount:,} is more than I can record.")
        return
    if amount != amount.quantize(Decimal("0.01")):
        result.problems.append("A budget has at most two decimal places.")
        return
    result.values["budget"] = Candidate("budget", str(amount), raw)
    if money.currency:
        result.values["currency"] = Candidate("currency", money.currency, raw)
    elif re.search(r"\bcurrency\s*[:=]", text.work, re.IGNORECASE):
        read_currency_only(text, result)  # a form's own field: "budget: 35000", "currency: EUR"


# The whole reply is a currency ("SEK", "Swedish kronor"): the answer to which currency a budget
# is in, when the budget was asked for (never a value of another field).
_BARE_CURRENCY = re.compile(
    rf"\s*(?:it'?s\s+|in\s+)?(?P<cur>{WORD_BEFORE}|(?-i:[A-Z]{{3}}))[\s.!]*", re.IGNORECASE
)


def read_currency_only(text: Text, result: Extraction, pending: tuple[str, ...] = ()) -> None:
    """ "oops, that's in euros": a currency named with no amount changes only the currency."""
    bare = _BARE_CURRENCY.fullmatch(text.work) if "budget" in pending else None
    match = bare or _CURRENCY_ONLY.search(text.work)
    if match is None or MASK in match.group():
        return
    code = currency_code(match["cur"])
    if code is not None:
        text.mask(match.start(), match.end())
        # The user's words, not the working text's ("currency: EUR" for '"currency": "EUR"'),
        # from the start of the word the match starts in (a JSON key's quote moved it).
        start = match.start()
        while start > 0 and text.original[start - 1].isalnum():
            start -= 1
        evidence = text.span(start, match.end())
        result.values["currency"] = Candidate("currency", code, evidence)
