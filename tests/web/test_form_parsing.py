"""The campaign edit form reads dates and budgets as strictly as the API: each refusal is shown
next to its field and nothing changes."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from mcc.db import Database
from mcc.models import Campaign
from tests.auth.support import Browser
from tests.web.test_campaign_pages import make


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("launch_date", "20310101", "must be a date written YYYY-MM-DD"),
        ("launch_date", "1704067200", "must be a date written YYYY-MM-DD"),
        ("launch_date", "2031-02-30", "is not a day of the calendar"),
        ("end_date", "2101-01-01", "must be between 2000-01-01 and 2100-12-31"),
        ("budget", "-0", "not an amount"),
        ("budget", "1_000", "not an amount"),
    ],
)
async def test_a_lenient_date_or_budget_is_shown_next_to_its_field(
    marketer: Browser, db: Database, field: str, value: str, problem: str
) -> None:
    campaign_id = await make(db)
    url = f"/campaigns/{campaign_id}"
    form = (await marketer.client.get(f"{url}/edit", headers={"HX-Request": "true"})).text
    version = re.search(r'name="expected_version" value="(\d+)"', form)
    assert version is not None

    bad = await marketer.client.post(
        url, data={field: value, "expected_version": version.group(1)}, headers=marketer.htmx
    )
    assert bad.status_code == 422
    assert f'id="e-{field}"' in bad.text
    assert problem in bad.text
    async with db.read() as session:
        unchanged = await session.get(Campaign, campaign_id)
        assert unchanged is not None
        assert (unchanged.launch_date, unchanged.end_date, unchanged.budget) == (
            date(2031, 3, 1), None, Decimal("30000.00")
        )  # fmt: skip
