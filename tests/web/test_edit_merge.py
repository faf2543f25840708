"""Saving the edit form while the campaign changed underneath it (the Workfront sync applying a
webhook, a colleague): changes to other fields merge, the same field changed by both is refused
with both values shown, and saving again replaces the other change deliberately."""

from __future__ import annotations

import uuid
from decimal import Decimal
from html.parser import HTMLParser

from mcc.campaigns.schemas import CampaignUpdate
from mcc.campaigns.service import CampaignService
from mcc.db import Database
from mcc.models import Campaign
from mcc.validation import parse
from tests.auth.support import Browser
from tests.web.test_campaign_pages import make


class _FormReader(HTMLParser):
    """The fields a browser would submit from the page: inputs, textareas, selected options."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        name = named.get("name")
        if tag == "input" and name:
            self.fields[name] = named.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea, self.fields[name] = name, ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in named:
            self.fields[self._select] = named.get("value") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.fields[self._textarea] += data


async def open_form(marketer: Browser, campaign_id: uuid.UUID) -> dict[str, str]:
    page = await marketer.client.get(f"/campaigns/{campaign_id}/edit", headers=marketer.htmx)
    assert page.status_code == 200
    reader = _FormReader()
    reader.feed(page.text)
    return reader.fields


async def meanwhile(db: Database, campaign_id: uuid.UUID, **changes: object) -> None:
    """Someone else's change, saved between opening the form and saving it."""
    async with db.write() as session:
        await CampaignService(session).update(campaign_id, parse(CampaignUpdate, changes, what="c"))


async def stored(db: Database, campaign_id: uuid.UUID) -> Campaign:
    async with db.read() as session:
        campaign = await session.get(Campaign, campaign_id)
        assert campaign is not None
        return campaign


async def test_a_status_from_workfront_while_editing_is_kept_and_the_edit_saved(
    marketer: Browser, db: Database
) -> None:
    campaign_id = await make(db)
    form = await open_form(marketer, campaign_id)
    assert form["status"] == "PLANNING"
    await meanwhile(db, campaign_id, status="ACTIVE", description="Synced from Workfront")

    form["objective"] = "Book 40 demos with finance teams"
    saved = await marketer.client.post(
        f"/campaigns/{campaign_id}", data=form, headers=marketer.htmx
    )

    assert saved.status_code == 200, saved.text
    assert "Saved." in saved.text
    campaign = await stored(db, campaign_id)
    # The form still said PLANNING and the old description: not reverted, since the user did
    # not touch them.
    assert (campaign.objective, campaign.status, campaign.description) == (
        "Book 40 demos with finance teams", "ACTIVE", "Synced from Workfront"
    )  # fmt: skip


async def test_the_same_field_changed_by_both_is_refused_then_replaced_on_purpose(
    marketer: Browser, db: Database
) -> None:
    campaign_id = await make(db)
    form = await open_form(marketer, campaign_id)
    await meanwhile(db, campaign_id, name="Spring Promo (their name)", objective="Their goal")

    form["name"], form["channels"] = "Spring Promo (my name)", "email, social"
    refused = await marketer.client.post(
        f"/campaigns/{campaign_id}", data=form, headers=marketer.htmx
    )

    assert refused.status_code == 409
    assert "Name is now “Spring Promo (their name)”" in refused.text
    assert "Objective" not in refused.text.split("</p>")[0]  # only the overlapping field
    assert 'value="Spring Promo (my name)"' in refused.text  # what the user typed is kept
    campaign = await stored(db, campaign_id)
    assert (campaign.name, campaign.channels) == ("Spring Promo (their name)", ["email"])

    reader = _FormReader()
    reader.feed(refused.text)
    again = await marketer.client.post(
        f"/campaigns/{campaign_id}", data=reader.fields, headers=marketer.htmx
    )
    assert again.status_code == 200, again.text
    campaign = await stored(db, campaign_id)
    assert (campaign.name, campaign.channels, campaign.objective) == (
        "Spring Promo (my name)", ["email", "social"], "Their goal"
    )  # fmt: skip


async def test_both_making_the_same_change_is_no_conflict(marketer: Browser, db: Database) -> None:
    campaign_id = await make(db)
    form = await open_form(marketer, campaign_id)
    await meanwhile(db, campaign_id, objective="Fill 300 seats")

    form["objective"] = "Fill 300 seats"
    saved = await marketer.client.post(
        f"/campaigns/{campaign_id}", data=form, headers=marketer.htmx
    )

    assert saved.status_code == 200, saved.text
    assert (await stored(db, campaign_id)).objective == "Fill 300 seats"


async def test_a_submission_that_does_not_say_what_it_loaded_keeps_the_version_check(
    marketer: Browser, db: Database
) -> None:
    campaign_id = await make(db)
    form = await open_form(marketer, campaign_id)
    await meanwhile(db, campaign_id, description="Changed meanwhile")

    plain = {"name": "Scripted rename", "expected_version": form["expected_version"]}
    stale = await marketer.client.post(
        f"/campaigns/{campaign_id}", data=plain, headers=marketer.htmx
    )

    assert stale.status_code == 409
    assert "changed since you loaded it" in stale.text
    assert (await stored(db, campaign_id)).name == "Spring Promo"


async def test_a_form_refused_for_a_typo_still_merges_when_saved_again(
    marketer: Browser, db: Database
) -> None:
    campaign_id = await make(db)
    form = await open_form(marketer, campaign_id)
    await meanwhile(db, campaign_id, status="ACTIVE")

    form["objective"], form["name"] = "Renewals up 5%", ""
    refused = await marketer.client.post(
        f"/campaigns/{campaign_id}", data=form, headers=marketer.htmx
    )
    assert refused.status_code == 422
    reader = _FormReader()
    reader.feed(refused.text)
    shown = reader.fields
    # The status changed meanwhile shows as it is now; what the user typed is kept.
    assert (shown["status"], shown["objective"], shown["name"]) == ("ACTIVE", "Renewals up 5%", "")

    shown["name"] = "Renewal push"
    saved = await marketer.client.post(
        f"/campaigns/{campaign_id}", data=shown, headers=marketer.htmx
    )
    assert saved.status_code == 200, saved.text
    campaign = await stored(db, campaign_id)
    assert (campaign.status, campaign.objective, campaign.name) == (
        "ACTIVE", "Renewals up 5%", "Renewal push"
    )  # fmt: skip


async def test_a_status_picked_while_it_became_final_is_kept_and_refused_in_words(
    marketer: Browser, db: Database
) -> None:
    """s29/n2: the campaign was cancelled in Workfront while the user picked Paused. The refused
    form's select offered only Cancelled, so saving again "replaced theirs" with their own value
    and answered "Saved."; the user's pick is kept, and saving again says why it cannot be."""
    campaign_id = await make(db)
    await meanwhile(db, campaign_id, status="ACTIVE")
    form = await open_form(marketer, campaign_id)
    await meanwhile(db, campaign_id, status="CANCELLED")

    form["status"] = "PAUSED"
    refused = await marketer.client.post(
        f"/campaigns/{campaign_id}", data=form, headers=marketer.htmx
    )
    assert refused.status_code == 409
    assert "Status is now “CANCELLED”" in refused.text
    reader = _FormReader()
    reader.feed(refused.text)
    assert reader.fields["status"] == "PAUSED"

    again = await marketer.client.post(
        f"/campaigns/{campaign_id}", data=reader.fields, headers=marketer.htmx
    )
    assert again.status_code == 409
    assert "CANCELLED is final" in again.text
    assert (await stored(db, campaign_id)).status == "CANCELLED"


async def test_the_same_change_in_other_words_is_no_conflict(
    marketer: Browser, db: Database
) -> None:
    """s29/n2: a colleague saved a budget of 25,000 and channels email and social; the user typed
    "25k" and "email,social" into a form opened before. Same values: saved, not refused."""
    campaign_id = await make(db)
    form = await open_form(marketer, campaign_id)
    await meanwhile(db, campaign_id, budget="25000", channels=["email", "social"])

    form["budget"], form["channels"], form["objective"] = "25k", "email,social", "Renewals"
    saved = await marketer.client.post(
        f"/campaigns/{campaign_id}", data=form, headers=marketer.htmx
    )

    assert saved.status_code == 200, saved.text
    campaign = await stored(db, campaign_id)
    assert (campaign.budget, campaign.channels, campaign.objective) == (
        Decimal(25000), ["email", "social"], "Renewals"
    )  # fmt: skip


async def test_a_different_amount_over_a_colleagues_budget_is_still_refused(
    marketer: Browser, db: Database
) -> None:
    campaign_id = await make(db)
    form = await open_form(marketer, campaign_id)
    await meanwhile(db, campaign_id, budget="25000")

    form["budget"] = "26k"
    refused = await marketer.client.post(
        f"/campaigns/{campaign_id}", data=form, headers=marketer.htmx
    )
    assert refused.status_code == 409
    assert "Budget is now “25000.00”" in refused.text
