"""A description, audience or objective over its 5,000 characters: the edit form's textareas stop
there, and a longer one is refused in the words the name's limit uses (s29/n2: a pasted brief
read "String should have at most 5000 characters", pydantic's wording, with no limit shown)."""

from __future__ import annotations

import re

import pytest

from mcc.campaigns.schemas import CampaignCreate
from mcc.db import Database
from mcc.exceptions import ValidationError
from mcc.models import Campaign
from mcc.validation import parse
from tests.auth.support import Browser
from tests.web.test_campaign_pages import make
from tests.web.test_edit_merge import open_form


async def test_the_form_stops_at_the_limit_and_says_it_in_words(
    marketer: Browser, db: Database
) -> None:
    campaign_id = await make(db)
    page = await marketer.client.get(f"/campaigns/{campaign_id}/edit", headers=marketer.htmx)
    for name in ("description", "target_audience", "objective"):
        assert re.search(
            rf'<textarea id="f-{name}" name="{name}" rows="2" maxlength="5000"', page.text
        )

    fields = {**await open_form(marketer, campaign_id), "description": "b" * 6000}
    response = await marketer.client.post(
        f"/campaigns/{campaign_id}", data=fields, headers=marketer.htmx
    )
    assert response.status_code == 422
    assert "Description: must be at most 5,000 characters (got 6,000)" in response.text
    assert "String should have" not in response.text
    async with db.read() as session:
        campaign = await session.get(Campaign, campaign_id)
        assert campaign is not None
        assert campaign.description is None


def test_every_door_gets_the_same_words() -> None:
    data = {"name": "Long", "type": "email", "objective": "o" * 5001}
    with pytest.raises(ValidationError) as refused:
        parse(CampaignCreate, data, what="campaign")
    assert refused.value.fields == {"objective": "must be at most 5,000 characters (got 5,001)"}
