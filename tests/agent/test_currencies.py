"""Budgets in the world's currencies: each written form reads to one ISO code, a mark several
countries share ("kr", "pesos") is asked about instead of shown as dollars, and "that's in Swiss
francs" changes only the currency. Every wording here was written for this file.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from mcc.agent.extraction.amounts import currency_code, find_amounts
from mcc.agent.extraction.fields import extract
from tests.agent.conftest import Chat, draft_fields


def _one(text: str) -> tuple[Decimal, str | None]:
    (money,) = find_amounts(text)
    return money.amount, money.currency


@pytest.mark.parametrize(
    ("text", "amount", "code"),
    [
        ("spend 18 500 Swiss francs", "18500", "CHF"),
        ("spend Fr. 9200", "9200", "CHF"),
        ("spend 260k kronor", "260000", "SEK"),
        ("spend 31 000 Norwegian kroner", "31000", "NOK"),
        ("spend 14k Danish kroner", "14000", "DKK"),
        ("spend 33 000 zł", "33000", "PLN"),
        ("spend 41k złoty", "41000", "PLN"),
        ("spend 175k rand", "175000", "ZAR"),
        ("spend 66,000 yuan", "66000", "CNY"),
        ("spend ¥66,000 RMB", "66000", "CNY"),
        ("spend ¥2,400,000", "2400000", "JPY"),
        ("spend RM 27k", "27000", "MYR"),
        ("spend ₱740,000", "740000", "PHP"),
        ("spend ₺85.000", "85000", "TRY"),
        ("spend ฿400,000", "400000", "THB"),
        ("spend 48 000 Kč", "48000", "CZK"),
        ("spend 2 600 000 Ft", "2600000", "HUF"),
        ("spend 310k Mexican pesos", "310000", "MXN"),
        ("spend 72k reais", "72000", "BRL"),
        ("spend 3,5 Mio. €", "3500000", "EUR"),
        ("spend 1.2 Mio EUR", "1200000", "EUR"),
        ("spend 18,000 UAE dirhams", "18000", "AED"),
        ("spend 90,000 Saudi riyals", "90000", "SAR"),
        ("spend 6,000,000 won", "6000000", "KRW"),
        ("spend NT$250,000", "250000", "TWD"),
        ("spend 20,000 lei", "20000", "RON"),
        ("spend TRY 640.000", "640000", "TRY"),
        ("spend PHP 1.2M", "1200000", "PHP"),
        ("spend Kč 71 000", "71000", "CZK"),
        ("Swiss francs, 26'000", "26000", "CHF"),
        ("spend 28.000 US-Dollar", "28000", "USD"),
        ("spend 7.800,- €", "7800", "EUR"),
        ("spend 2.2 million Egyptian pounds", "2200000", "EGP"),
    ],
)
def test_a_currency_written_any_way_reads_to_its_code(text: str, amount: str, code: str) -> None:
    assert _one(text) == (Decimal(amount), code)


@pytest.mark.parametrize("text", ["spend 52 000 kr", "spend kr 52.000", "spend 400k pesos"])
def test_a_currency_several_countries_share_is_no_code(text: str) -> None:
    (money,) = find_amounts(text)
    assert money.currency is None
    assert money.shared_currency


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("we won 3 pitches", None),
        ("a 120 ft banner", None),
        ("in real terms 40 people", None),
        ("try 3 variants", None),
    ],
)
def test_everyday_words_are_no_currency(text: str, code: str | None) -> None:
    assert all(money.currency == code for money in find_amounts(text))
    assert not any(money.shared_currency for money in find_amounts(text))


@pytest.mark.parametrize(
    ("words", "code"),
    [("Swiss francs", "CHF"), ("zloty", "PLN"), ("Norwegian kroner", "NOK"), ("kr", None)],
)
def test_a_currency_named_alone(words: str, code: str | None) -> None:
    assert currency_code(words) == code


BRIEF = (
    "email campaign called Fjellbris for climbing gym members in Bergen, goal 220 renewals, "
    "launch 4 May 2031, email only, budget {budget}"
)


async def test_a_shared_currency_is_asked_about_not_shown_as_dollars(chat: Chat) -> None:
    reply = await chat.say(BRIEF.format(budget="52 000 kr"))
    assert "budget" not in draft_fields(reply)
    assert "currency" not in draft_fields(reply)
    assert "Which currency is “52 000 kr” in?" in reply.content
    reply = await chat.say("52 000 NOK")
    assert draft_fields(reply)["budget"] == "52000"
    assert draft_fields(reply)["currency"] == "NOK"


def test_money_after_the_objective_between_dashes_is_the_budget() -> None:
    found = extract(
        "Email campaign Delta Refill for chemists in Luxor — objective: more repeat orders — "
        "900k Egyptian pounds — send on 4 May 2031.",
        today=date(2031, 2, 3),
        pending=(),
    )
    assert (found.values["budget"].value, found.values["currency"].value) == ("900000", "EGP")
    assert found.values["objective"].value == "more repeat orders"


async def test_a_brief_in_zloty_keeps_its_currency(chat: Chat) -> None:
    reply = await chat.say(BRIEF.format(budget="33 000 zł"))
    fields = draft_fields(reply)
    assert (fields["budget"], fields["currency"]) == ("33000", "PLN")


async def test_the_currency_named_alone_changes_only_the_currency(chat: Chat) -> None:
    await chat.say(BRIEF.format(budget="18 500"))
    reply = await chat.say("sorry, that's in Swiss francs")
    fields = draft_fields(reply)
    assert (fields["budget"], fields["currency"]) == ("18500", "CHF")


async def test_the_budget_question_gives_its_example_in_the_drafts_currency(chat: Chat) -> None:
    reply = await chat.say(
        "webinar called Kiln Talk for potters in Stoke, objective 40 bookings, launch 4 May 2031, "
        "email only, currency: EUR"
    )
    assert reply.draft is not None
    assert "budget" in reply.draft.asking
    assert "for example €30,000 or 30k" in reply.content
    assert "$" not in reply.content


@pytest.mark.parametrize(
    ("written", "currency", "shared"),
    [
        ("12k Fr.", "CHF", False),
        ("40 000 Schweizer Franken", "CHF", False),
        ("₽ 900 000", "RUB", False),
        ("50 000 roubles", "RUB", False),
        ("50000 円", "JPY", False),
        ("12000 Kuwaiti dinars", "KWD", False),
        ("30k Aussie dollars", "AUD", False),
        ("12000 dinars", None, True),  # several countries' money: asked, never dollars
        ("50 000 Kronen", None, True),
    ],
)
def test_currencies_the_hostile_sweep_found_recorded_as_dollars(
    written: str, currency: str | None, shared: bool
) -> None:
    """Hostile sweep s55: each of these was recorded as US dollars."""
    (money,) = find_amounts(written)
    assert (money.currency, money.shared_currency) == (currency, shared)
