"""Numbers typed with digits that are digits only to `str.isdigit` ("²", superscript two): each
was checked with isdigit, then given to int(), which refused it, a 500 (s29/n2 hostile sweep)."""

from __future__ import annotations

from mcc.db import Database
from mcc.feedback.importer import parse_csv
from mcc.models import Campaign, SurveyResponse
from tests.auth.support import Browser
from tests.feedback.test_service import count
from tests.feedback.test_web import SURVEY
from tests.web.test_campaign_pages import make


async def test_a_superscript_page_number_is_the_first_page(marketer: Browser, db: Database) -> None:
    await make(db)
    response = await marketer.client.get("/", params={"page": "²"})
    assert response.status_code == 200
    assert "Spring Promo" in response.text


async def test_a_superscript_survey_score_is_refused_with_the_form(
    marketer: Browser, db: Database
) -> None:
    response = await marketer.client.post(
        "/survey", data={**SURVEY, "ease_of_use": "²"}, headers={"X-CSRF-Token": marketer.csrf}
    )
    assert response.status_code == 422
    assert "ease of use" in response.text
    assert await count(db, SurveyResponse) == 0


async def test_a_superscript_version_is_a_stale_form_not_a_crash(
    marketer: Browser, db: Database
) -> None:
    campaign_id = await make(db)
    response = await marketer.client.post(
        f"/campaigns/{campaign_id}",
        data={"objective": "Typed with a bad version", "expected_version": "²"},
        headers=marketer.htmx,
    )
    assert response.status_code == 200
    assert "Saved." in response.text
    async with db.read() as session:
        campaign = await session.get(Campaign, campaign_id)
        assert campaign is not None
        assert campaign.objective == "Typed with a bad version"


def test_a_superscript_score_in_an_imported_row_is_named_in_words() -> None:
    header = "email,submitted_at,ease_of_use,response_quality,time_saved,overall_satisfaction"
    data = f"{header}\nana@pilot.test,2026-11-30,²,5,4,5\n".encode()
    good, bad = parse_csv(data)
    assert good == []
    assert [row.reason for row in bad] == [
        "ease_of_use must be a whole number from 1 to 5, not '²'"
    ]
