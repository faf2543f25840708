"""Amounts as marketers type them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mcc.campaigns.money import AmountError, currency_of_budget, parse_amount


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("$30,000", "30000", "USD"),
        ("30k", "30000", None),
        ("30K", "30000", None),
        ("$1.5M", "1500000", "USD"),
        ("EUR 20,000", "20000", "EUR"),
        ("20 000 €", "20000", "EUR"),
        ("25K USD", "25000", "USD"),
        ("£7,500.50", "7500.5", "GBP"),
        ("$2.5 million", "2500000", "USD"),
        ("12 dollars", "12", "USD"),
        ("100000", "100000", None),
        ("eur 5k", "5000", "EUR"),
        ("1 000 000", "1000000", None),
        ("1\u00a0000 €", "1000", "EUR"),  # a no-break space, as some keyboards type
        # The world's currencies, read as the assistant reads them (one vocabulary)
        ("CHF 12'000", "12000", "CHF"),
        ("A$ 75,000", "75000", "AUD"),
        ("NZ$20k", "20000", "NZD"),
        ("25 000 zł", "25000", "PLN"),
        ("Kč 95 000", "95000", "CZK"),
        ("RM 30k", "30000", "MYR"),
        ("₹ 500000", "500000", "INR"),
        ("45,000 Swiss francs", "45000", "CHF"),
        ("80000 Norwegian kroner", "80000", "NOK"),
        ("US dollars 19,000", "19000", "USD"),
        ("20k EGP", "20000", "EGP"),
        # Points between groups of three are thousands, as most of Europe writes them
        ("€ 20.000", "20000", "EUR"),
        ("1.500.000,50 €", "1500000.5", "EUR"),
        ("1.5", "1.5", None),
        ("0.001", "0.001", None),
    ],
)
def test_reads_common_forms(text: str, amount: str, currency: str | None) -> None:
    assert parse_amount(text) == (Decimal(amount), currency)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "lots", "$", "30kk", "1,00", "-5", "XYZ 10", "$10 EUR", "10 20", "1e6",
     "-0", "$-0", "1_000", "NaN", "Infinity", "1,000 000", "1\n000", "1\t000", "٣٠٠٠"],
)  # fmt: skip
def test_refuses_what_it_would_have_to_guess(text: str) -> None:
    with pytest.raises(AmountError):
        parse_amount(text)


@pytest.mark.parametrize("text", ["40 000 kr", "50k pesos", "12,000 francs"])
def test_a_currency_several_countries_share_is_asked_never_read_as_dollars(text: str) -> None:
    with pytest.raises(AmountError, match="several countries"):
        parse_amount(text)


def test_word_like_codes_are_money_only_in_capitals() -> None:
    assert parse_amount("TRY 5000") == (Decimal(5000), "TRY")
    with pytest.raises(AmountError):
        parse_amount("try 5000")


@given(st.integers(min_value=0, max_value=10**12))
def test_thousands_separators_round_trip(value: int) -> None:
    assert parse_amount(f"${value:,}") == (Decimal(value), "USD")
    assert parse_amount(str(value)) == (Decimal(value), None)


@given(st.text(max_size=40))
def test_never_crashes_on_arbitrary_text(text: str) -> None:
    try:
        amount, _currency = parse_amount(text)
    except AmountError:
        return
    assert amount >= 0


def test_every_active_iso_code_is_a_currency_and_word_like_ones_only_in_capitals() -> None:
    assert parse_amount("50000 TZS") == (Decimal(50000), "TZS")
    assert parse_amount("12000 uah") == (Decimal(12000), "UAH")
    assert parse_amount("300 ALL") == (Decimal(300), "ALL")  # the Albanian lek
    with pytest.raises(AmountError, match="unknown currency"):
        parse_amount("300 all")


@pytest.mark.parametrize("text", ["1" + " " * 100_000 + "x", "1" * 1_000_000, "$" + "9" * 65])
def test_an_overlong_amount_is_refused_before_it_is_read(text: str) -> None:
    with pytest.raises(AmountError, match="at most 64 characters"):
        parse_amount(text)


@pytest.mark.parametrize(
    ("named", "chosen", "kept", "currency"),
    [
        ("CHF", None, None, "CHF"),
        (None, "eur", None, "EUR"),
        ("CHF", "chf", None, "CHF"),
        ("CHF", "USD", "USD", "CHF"),  # the field left as the form showed it
    ],
)
def test_the_budgets_currency_and_the_field_agree(
    named: str | None, chosen: str | None, kept: str | None, currency: str
) -> None:
    assert currency_of_budget(named, chosen, kept=kept) == currency


def test_a_field_set_against_the_budgets_currency_is_refused() -> None:
    with pytest.raises(AmountError, match="CHF but the currency is EUR"):
        currency_of_budget("CHF", "EUR")
