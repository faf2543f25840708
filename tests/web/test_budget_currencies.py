"""Budgets in the world's currencies through the campaign forms (hostile sweep s55): the budget's
own currency is kept when the Currency field was left as shown, a Currency chosen against it is
refused naming both, and an overlong budget is refused before it is read (a 100 KB budget of
spaces held the server for 38 s)."""

from __future__ import annotations

import re
import time
from decimal import Decimal

import pytest

from mcc.campaigns.money import MAX_AMOUNT_CHARS
from mcc.db import Database
from mcc.exceptions import ValidationError
from mcc.models import Campaign
from mcc.web.campaign_form import to_create
from tests.auth.support import Browser
from tests.web.test_campaign_pages import make


async def _edit(marketer: Browser, db: Database, data: dict[str, str]) -> tuple[int, str]:
    campaign_id = await make(db)
    url = f"/campaigns/{campaign_id}"
    form = (await marketer.client.get(f"{url}/edit", headers={"HX-Request": "true"})).text
    version = re.search(r'name="expected_version" value="(\d+)"', form)
    shown = re.search(r'name="currency"[^>]*value="([A-Z]*)"', form)
    assert version is not None
    assert shown is not None
    data = {"currency": shown.group(1), **data, "expected_version": version.group(1)}
    response = await marketer.client.post(url, data=data, headers=marketer.htmx)
    return response.status_code, response.text


async def _stored(db: Database) -> tuple[Decimal | None, str | None]:
    async with db.read() as session:
        campaign = (await session.execute(Campaign.__table__.select())).first()
        assert campaign is not None
        return campaign.budget, campaign.currency


async def test_the_budgets_currency_wins_over_the_field_left_as_shown(
    marketer: Browser, db: Database
) -> None:
    status, _ = await _edit(marketer, db, {"budget": "CHF 12'000"})
    assert status in (200, 303)
    assert await _stored(db) == (Decimal("12000.00"), "CHF")


async def test_a_currency_chosen_against_the_budgets_is_refused(
    marketer: Browser, db: Database
) -> None:
    status, text = await _edit(marketer, db, {"budget": "CHF 12'000", "currency": "EUR"})
    assert status == 422
    assert "make them agree" in text
    assert await _stored(db) == (Decimal("30000.00"), "USD")


async def test_an_overlong_budget_is_refused_at_once(marketer: Browser, db: Database) -> None:
    started = time.perf_counter()
    status, text = await _edit(marketer, db, {"budget": "1" + " " * 100_000 + "x"})
    assert status == 422
    assert f"at most {MAX_AMOUNT_CHARS} characters" in text
    # The refusal is a length check, not the pattern's backtracking (38 s before).
    assert time.perf_counter() - started < 10
    assert await _stored(db) == (Decimal("30000.00"), "USD")


@pytest.mark.parametrize(
    ("budget", "currency", "stored"),
    [
        ("CHF 12'000", "", ("12000", "CHF")),
        ("CHF 12'000", "chf", ("12000", "CHF")),
        ("50000 TZS", "", ("50000", "TZS")),
        ("5 000 $ CA", "", ("5000", "CAD")),
    ],
)
def test_the_create_form_keeps_the_budgets_currency(
    budget: str, currency: str, stored: tuple[str, str]
) -> None:
    created = to_create(
        {"name": "Lakeside", "type": "email", "budget": budget, "currency": currency}
    )
    assert (created.budget, created.currency) == (Decimal(stored[0]), stored[1])


@pytest.mark.parametrize(
    ("budget", "currency", "problem"),
    [
        ("CHF 12'000", "EUR", "make them agree"),
        ("12000", "ABC", "no ISO 4217"),
        ("40 000 kr", "", "several countries"),
    ],
)
def test_the_create_form_refuses_what_it_would_have_to_guess(
    budget: str, currency: str, problem: str
) -> None:
    with pytest.raises(ValidationError, match=problem):
        to_create({"name": "Lakeside", "type": "email", "budget": budget, "currency": currency})
