"""A campaign's tier is never less demanding than the tier policy asks for its budget, on an edit
as at creation (s29/n2's hostile sweep: a marketer set Tier 3 on their $250,000 campaign in the
edit form, "Saved.", and its approval went from the VP of Marketing to a manager)."""

from __future__ import annotations

import uuid

from mcc.campaigns.schemas import CampaignUpdate
from mcc.campaigns.service import CampaignService
from mcc.db import Database
from mcc.validation import parse
from tests.auth.support import Browser
from tests.web.test_campaign_pages import make
from tests.web.test_edit_merge import open_form, stored

UPDATE = "mutation($id: ID!, $input: UpdateCampaignInput!) { updateCampaign(id: $id, input: $input) { tier } }"  # noqa: E501


async def big_campaign(db: Database) -> uuid.UUID:
    campaign_id = await make(db)
    async with db.write() as session:
        update = parse(CampaignUpdate, {"budget": "250000"}, what="c")
        await CampaignService(session).update(campaign_id, update)
    return campaign_id


async def test_the_edit_form_refuses_a_tier_below_the_budgets_band(
    marketer: Browser, db: Database
) -> None:
    campaign_id = await big_campaign(db)
    assert (await stored(db, campaign_id)).tier == 1
    form = {**await open_form(marketer, campaign_id), "tier": "3"}

    refused = await marketer.client.post(
        f"/campaigns/{campaign_id}", data=form, headers=marketer.htmx
    )

    assert refused.status_code == 422
    assert "Tier 3 is less demanding than the policy asks" in refused.text
    assert 'id="e-tier">must be Tier 1 for this campaign' in refused.text
    assert (await stored(db, campaign_id)).tier == 1

    api = await marketer.client.post(
        "/graphql",
        json={"query": UPDATE, "variables": {"id": str(campaign_id), "input": {"tier": 3}}},
        headers=marketer.htmx,
    )
    assert api.json()["errors"][0]["extensions"]["code"] == "VALIDATION"
    assert (await stored(db, campaign_id)).tier == 1


async def test_a_hand_set_tier_that_a_new_budget_outgrows_is_raised(
    marketer: Browser, db: Database
) -> None:
    campaign_id = await make(db)
    for change in ({"budget": "5000"}, {"tier": "2"}):  # Tier 3 by the budget, then 2 by hand
        form = {**await open_form(marketer, campaign_id), **change}
        saved = await marketer.client.post(
            f"/campaigns/{campaign_id}", data=form, headers=marketer.htmx
        )
        assert saved.status_code == 200, saved.text
    assert (await stored(db, campaign_id)).tier_reason == "Tier 2: set explicitly"

    form = {**await open_form(marketer, campaign_id), "budget": "250000"}
    saved = await marketer.client.post(
        f"/campaigns/{campaign_id}", data=form, headers=marketer.htmx
    )

    assert saved.status_code == 200, saved.text
    campaign = await stored(db, campaign_id)
    assert campaign.tier == 1
    assert "it was Tier 2; the policy requires more" in (campaign.tier_reason or "")
