"""Campaign rules as a user meets them: creation, listing, updates, transitions, bad input."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from mcc.campaigns.schemas import CampaignCreate, CampaignFilters, CampaignUpdate
from mcc.campaigns.service import CampaignService
from mcc.exceptions import ConflictError, NotFoundError, ValidationError
from mcc.models import Campaign
from mcc.validation import parse

CITE = " — Campaign Tier Definitions › Tier {} Campaigns"  # the clause of the tier playbook


def create_input(**fields: Any) -> CampaignCreate:
    return parse(
        CampaignCreate, {"name": "Q1 SMB Promotion", "type": "email", **fields}, what="campaign"
    )


def update_input(**fields: Any) -> CampaignUpdate:
    return parse(CampaignUpdate, fields, what="campaign update")


async def count(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count()).select_from(Campaign)) or 0)


async def test_create_keeps_what_the_user_said_and_nothing_more(session: AsyncSession) -> None:
    campaign = await CampaignService(session).create(
        create_input(
            name="  Q1 SMB Promotion ",
            type="Product Launch",
            budget=Decimal("30000"),
            launch_date=date(2026, 2, 15),
            channels=["Email", "social", "email"],
            target_audience="Small business owners",
        )
    )
    assert campaign.name == "Q1 SMB Promotion"
    assert campaign.type == "product_launch"
    assert campaign.status == "PLANNING"
    assert campaign.channels == ["email", "social"]
    assert campaign.currency == "USD"
    assert campaign.version == 1
    assert campaign.objective is None  # never given, never guessed
    assert campaign.end_date is None


@pytest.mark.parametrize(
    ("budget", "tier", "reason"),
    [
        (Decimal("150000"), 1, "Tier 1: budget $150,000 ≥ $100,000" + CITE.format(1)),
        (Decimal("100000"), 1, "Tier 1: budget $100,000 ≥ $100,000" + CITE.format(1)),
        (
            Decimal("25000"),
            2,
            "Tier 2: budget $25,000 is $25,000 to under $100,000" + CITE.format(2),
        ),
        (Decimal("24999.99"), 3, "Tier 3: budget $24,999.99 < $25,000" + CITE.format(3)),
        (None, 3, "Tier 3 by default: no tier or budget was given"),
    ],
)
async def test_tier_follows_budget_bands_including_lower_bounds(
    session: AsyncSession, budget: Decimal | None, tier: int, reason: str
) -> None:
    campaign = await CampaignService(session).create(create_input(budget=budget))
    assert (campaign.tier, campaign.tier_reason) == (tier, reason)


async def test_explicit_tier_wins_and_says_so(session: AsyncSession) -> None:
    campaign = await CampaignService(session).create(create_input(tier=1, budget=Decimal("500")))
    assert campaign.tier == 1
    assert campaign.tier_reason == "Tier 1: set explicitly"


async def test_foreign_currency_budget_does_not_pretend_to_match_usd_bands(
    session: AsyncSession,
) -> None:
    campaign = await CampaignService(session).create(
        create_input(budget=Decimal("200000"), currency="eur")
    )
    assert campaign.currency == "EUR"
    assert campaign.tier == 3
    assert "EUR" in (campaign.tier_reason or "")


@pytest.mark.parametrize(
    ("fields", "bad_field"),
    [
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"name": "line\nbreak"}, "name"),
        ({"type": "carrier pigeon"}, "type"),
        ({"tier": 0}, "tier"),
        ({"tier": 4}, "tier"),
        ({"budget": Decimal("-1")}, "budget"),
        ({"budget": Decimal("1.001")}, "budget"),
        ({"budget": Decimal("1e15")}, "budget"),
        ({"currency": "dollars", "budget": Decimal("1")}, "currency"),
        ({"channels": ["x" * 51]}, "channels"),
        ({"channels": [f"c{i}" for i in range(21)]}, "channels"),
        ({"description": "x" * 5001}, "description"),
        ({"launch_date": date(2026, 3, 1), "end_date": date(2026, 2, 1)}, "input"),
        ({"unknown_field": 1}, "unknown_field"),
    ],
)
async def test_invalid_create_names_the_field_and_stores_nothing(
    session: AsyncSession, fields: dict[str, Any], bad_field: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        await CampaignService(session).create(create_input(**fields))
    assert bad_field in raised.value.fields
    assert raised.value.message.startswith("Invalid campaign: ")
    assert await count(session) == 0


async def test_get_unknown_campaign_is_not_found(session: AsyncSession) -> None:
    with pytest.raises(NotFoundError):
        await CampaignService(session).get(uuid.uuid4())


async def test_list_filters_by_status_tier_type_and_search(session: AsyncSession) -> None:
    service = CampaignService(session)
    email = await service.create(create_input(name="Spring 50% sale", budget=Decimal("150000")))
    await service.create(create_input(name="Partner webinar", type="webinar"))
    event = await service.create(create_input(name="Summit", type="event", tier=2))
    await service.update(event.id, update_input(status="ACTIVE"))

    async def names(**filters: Any) -> list[str]:
        page = await service.list(parse(CampaignFilters, filters, what="filter"))
        return sorted(item.name for item in page.items)

    assert await names(status="active") == ["Summit"]
    assert await names(tier=1) == [email.name]
    assert await names(type="webinars") == ["Partner webinar"]
    assert await names(search="WEBINAR") == ["Partner webinar"]
    assert await names(search="50%") == ["Spring 50% sale"]
    assert await names(search="_") == []  # a wildcard typed by the user is a literal
    assert await names() == ["Partner webinar", "Spring 50% sale", "Summit"]


async def test_cursor_pagination_visits_every_campaign_once_newest_first(
    session: AsyncSession,
) -> None:
    service = CampaignService(session)
    created = [await service.create(create_input(name=f"Campaign {i:02}")) for i in range(7)]
    seen: list[str] = []
    token: str | None = None
    pages = 0
    while True:
        page = await service.list(limit=3, next_token=token)
        seen.extend(item.name for item in page.items)
        pages += 1
        token = page.next_token
        if token is None:
            break
    assert pages == 3
    assert seen == [campaign.name for campaign in reversed(created)]


@pytest.mark.parametrize("token", ["garbage", "", "eyJhIjoxfQ", "W10", "WyJub3QgYSBkYXRlIiwiMSJd"])
async def test_malformed_next_token_is_a_validation_error(
    session: AsyncSession, token: str
) -> None:
    if token == "":
        page = await CampaignService(session).list(next_token=token)  # empty means first page
        assert page.items == []
        return
    with pytest.raises(ValidationError) as raised:
        await CampaignService(session).list(next_token=token)
    assert "nextToken" in raised.value.fields


@pytest.mark.parametrize("limit", [0, -1, 101])
async def test_limit_out_of_range_is_rejected(session: AsyncSession, limit: int) -> None:
    with pytest.raises(ValidationError):
        await CampaignService(session).list(limit=limit)


async def test_update_changes_only_given_fields_and_bumps_version(session: AsyncSession) -> None:
    service = CampaignService(session)
    campaign = await service.create(create_input(description="first", objective="grow"))
    updated = await service.update(campaign.id, update_input(description=None, name="Renamed"))
    assert updated.name == "Renamed"
    assert updated.description is None
    assert updated.objective == "grow"
    assert updated.version == 2


async def test_stale_version_is_a_conflict_and_changes_nothing(session: AsyncSession) -> None:
    service = CampaignService(session)
    campaign = await service.create(create_input())
    await service.update(campaign.id, update_input(name="Second", expected_version=1))
    with pytest.raises(ConflictError, match="changed since you loaded it"):
        await service.update(campaign.id, update_input(name="Third", expected_version=1))
    assert (await service.get(campaign.id)).name == "Second"


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        (["ACTIVE", "PAUSED", "ACTIVE", "COMPLETED"], True),
        (["CANCELLED"], True),
        (["ACTIVE", "PAUSED", "CANCELLED"], True),
        (["PAUSED"], False),
        (["COMPLETED"], False),
        (["ACTIVE", "COMPLETED", "CANCELLED"], False),
        (["CANCELLED", "ACTIVE"], False),
        (["ACTIVE", "PLANNING"], False),
    ],
)
async def test_status_transitions(session: AsyncSession, path: list[str], allowed: bool) -> None:
    service = CampaignService(session)
    campaign = await service.create(create_input())
    if allowed:
        for status in path:
            campaign = await service.update(campaign.id, update_input(status=status))
        assert campaign.status == path[-1]
        return
    *ok_steps, bad_step = path
    for status in ok_steps:
        await service.update(campaign.id, update_input(status=status))
    with pytest.raises(ConflictError, match="Cannot move campaign"):
        await service.update(campaign.id, update_input(status=bad_step))
    assert (await service.get(campaign.id)).status == (ok_steps[-1] if ok_steps else "PLANNING")


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "LAUNCHED"},
        {"status": None},
        {"name": None},
        {"name": ""},
        {"tier": 7},
        {"tier": None},
        {"budget": Decimal("-5")},
        {"type": None},
    ],
)
async def test_invalid_update_is_rejected_before_touching_the_campaign(
    session: AsyncSession, fields: dict[str, Any]
) -> None:
    service = CampaignService(session)
    campaign = await service.create(create_input())
    with pytest.raises(ValidationError):
        await service.update(campaign.id, update_input(**fields))
    assert (await service.get(campaign.id)).version == 1


async def test_end_date_before_existing_launch_date_is_rejected(session: AsyncSession) -> None:
    service = CampaignService(session)
    campaign = await service.create(create_input(launch_date=date(2026, 5, 1)))
    with pytest.raises(ValidationError, match="before launch_date"):
        await service.update(campaign.id, update_input(end_date=date(2026, 4, 1)))


async def test_clearing_the_budget_clears_its_currency(session: AsyncSession) -> None:
    service = CampaignService(session)
    campaign = await service.create(create_input(budget=Decimal("10"), currency="GBP"))
    updated = await service.update(campaign.id, update_input(budget=None))
    assert (updated.budget, updated.currency) == (None, None)
    with pytest.raises(ValidationError, match="currency given without a budget"):
        await service.update(campaign.id, update_input(currency="EUR"))


async def test_a_budget_derived_tier_follows_the_budget(session: AsyncSession) -> None:
    service = CampaignService(session)
    campaign = await service.create(create_input(budget=Decimal("30000")))
    assert campaign.tier == 2
    cleared = await service.update(campaign.id, update_input(budget=None))
    assert (cleared.tier, cleared.tier_reason) == (
        3,
        "Tier 3 by default: no tier or budget was given",
    )
    fixed = await service.create(create_input(tier=1, budget=Decimal("30000")))
    assert (await service.update(fixed.id, update_input(budget=Decimal("10")))).tier == 1


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"launch_date": date(1, 1, 1)}, "launch_date"),
        ({"end_date": date(9999, 12, 31)}, "end_date"),
        ({"target_audience": "small\x00business"}, "target_audience"),
        ({"description": "a\ud800b"}, "description"),
    ],
)
async def test_text_and_dates_no_system_can_store_are_refused(
    session: AsyncSession, fields: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        await CampaignService(session).create(create_input(**fields))
    assert field in raised.value.fields
