"""A field edited on the campaign page says who changed it, not the conversation's words.

Finding (newcomer run): a budget created in chat from "45k" and edited to 52k on the campaign
page still read `from your words: “45k”`, and the tier's line still quoted the old budget's
reason next to the new one ("tier policy: ... $45,000" above "Why: ... $52,000")."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from mcc.campaigns.schemas import CampaignCreate
from mcc.campaigns.service import CampaignService
from mcc.db import Database
from mcc.validation import parse
from tests.auth.support import Browser
from tests.web.test_edit_merge import open_form

OLD_REASON = "Tier 2: budget $45,000 is $25,000 to under $100,000 — Campaign Tier Definitions"


async def created_in_chat(db: Database) -> uuid.UUID:
    """A campaign with the provenance the assistant stores (nested, per field and channel)."""
    said = {"source": "user", "rule": None}
    data = {
        "name": "CFO Cash Clinic", "type": "webinar", "budget": Decimal(45000),
        "launch_date": date(2031, 6, 10), "channels": ["email", "webinar"],
        "objective": "300 signups",
        "provenance": {
            "fields": {"budget": {**said, "evidence": "45k"},
                       "objective": {**said, "evidence": "goal is 300 signups"}},
            "channels": {"email": {**said, "evidence": "email"},
                         "webinar": {**said, "evidence": "webinar series"}},
            "tier": {"tier": 2, "reason": OLD_REASON, "approver": "Marketing Director"},
        },
    }  # fmt: skip
    async with db.write() as session:
        campaign = await CampaignService(session).create(parse(CampaignCreate, data, what="c"))
        return campaign.id


async def test_an_edited_field_names_who_changed_it_and_the_rest_keep_their_words(
    marketer: Browser, db: Database
) -> None:
    campaign_id = await created_in_chat(db)
    form = await open_form(marketer, campaign_id)
    form["budget"], form["channels"] = "52k", "email, linkedin"

    saved = await marketer.client.post(
        f"/campaigns/{campaign_id}", data=form, headers=marketer.htmx
    )

    assert saved.status_code == 200, saved.text
    page = (await marketer.client.get(f"/campaigns/{campaign_id}")).text
    assert "52,000 USD" in page
    assert "“45k”" not in page
    assert f"changed by {marketer.email} via ui" in page
    assert "from your words: “goal is 300 signups”" in page  # untouched: still the user's
    assert "email: from your words: “email”" in page  # a channel kept keeps its words
    assert f"linkedin: changed by {marketer.email} via ui" in page
    assert "webinar series" not in page  # a channel removed takes its provenance along
    assert OLD_REASON not in page  # the stale reason; "Why:" gives the current one
    assert "Why: Tier 2: budget $52,000" in page
