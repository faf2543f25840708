"""Portfolio checks: launch collisions both ways, audience overlap with running campaigns, the
quarter budget cap, the calendar, and what another team's campaigns may reveal (a count only)."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from mcc.campaigns.schemas import CampaignCreate
from mcc.campaigns.service import CampaignService
from mcc.db import Database
from mcc.models import Campaign
from mcc.portfolio.checks import Candidate, Portfolio, audiences_overlap, check_campaign
from mcc.portfolio.settings import PortfolioSettings
from mcc.teams.scope import Scope
from mcc.teams.service import TeamService
from mcc.validation import parse
from tests.auth.support import Browser

LAUNCH = date(2031, 5, 6)


async def make(db: Database, name: str, launch: date, **extra: Any) -> uuid.UUID:
    data = {"name": name, "type": "webinar", "budget": Decimal(20000), "launch_date": launch,
            "channels": ["webinar"], "target_audience": "IT decision makers in EMEA",
            "objective": "500 registrations", **extra}  # fmt: skip
    team = data.pop("team", None)
    async with db.write() as session:
        campaign = await CampaignService(session).create(parse(CampaignCreate, data, what="c"))
        if team is not None:
            campaign.team_id = (await TeamService(session).create(team)).id
        return campaign.id


def _section(html: str) -> str:
    start = html.find('id="portfolio-warnings"')
    return "" if start < 0 else html[start : html.find("</section>", start)]


async def test_two_campaigns_for_the_same_audience_a_week_apart_warn_both_ways(
    db: Database, marketer: Browser
) -> None:
    earlier = await make(db, "Cloud Summit Webinar", LAUNCH)
    later = await make(db, "Cloud Summit Follow-up", LAUNCH + timedelta(days=7),
                       type="email", channels=["email"],
                       target_audience="IT decision-makers (EMEA)")  # fmt: skip
    await make(db, "Far Away Launch", LAUNCH + timedelta(days=40))  # outside the 14-day window

    first = _section((await marketer.client.get(f"/campaigns/{earlier}")).text)
    second = _section((await marketer.client.get(f"/campaigns/{later}")).text)

    assert (
        "“Cloud Summit Follow-up” launches 7 days after (2031-05-13) on the same audience" in first
    )
    assert f'href="/campaigns/{later}"' in first
    assert (
        "“Cloud Summit Webinar” launches 7 days before (2031-05-06) on the same audience" in second
    )
    assert "Far Away Launch" not in first + second


async def test_a_shared_channel_collides_and_unrelated_campaigns_do_not(
    db: Database, marketer: Browser
) -> None:
    mine = await make(db, "Spring Newsletter", LAUNCH, type="email", channels=["email"],
                      target_audience="SMB owners")  # fmt: skip
    await make(db, "Partner Mailing", LAUNCH + timedelta(days=3), type="email",
               channels=["email"], target_audience="channel partners")  # fmt: skip
    await make(db, "Enterprise Roadshow", LAUNCH + timedelta(days=2), type="event",
               channels=["event"], target_audience="enterprise CIOs")  # fmt: skip

    section = _section((await marketer.client.get(f"/campaigns/{mine}")).text)

    assert "“Partner Mailing” launches 3 days after (2031-05-09) on email." in section
    assert "Enterprise Roadshow" not in section


async def test_a_running_campaign_for_an_overlapping_audience_is_flagged(
    db: Database, marketer: Browser
) -> None:
    running = await make(db, "Always-on EMEA Nurture", LAUNCH - timedelta(days=90),
                         type="email", channels=["email"],
                         target_audience="IT decision makers")  # fmt: skip
    async with db.write() as session:
        row = await session.get(Campaign, running)
        assert row is not None
        row.status = "ACTIVE"
    mine = await make(db, "Cloud Summit Webinar", LAUNCH)

    section = _section((await marketer.client.get(f"/campaigns/{mine}")).text)

    assert "“Always-on EMEA Nurture” is running for an overlapping audience" in section


async def test_another_teams_campaign_is_counted_never_named(
    db: Database, marketer: Browser
) -> None:
    mine = await make(db, "Cloud Summit Webinar", LAUNCH)
    await make(db, "Secret Beta Launch", LAUNCH + timedelta(days=5), team="Beta")

    page = (await marketer.client.get(f"/campaigns/{mine}")).text
    calendar = (await marketer.client.get("/calendar", params={"month": "2031-05"})).text

    assert "A campaign in another team launches within 14 days" in _section(page)
    assert "Secret Beta Launch" not in page
    assert "Secret Beta Launch" not in calendar
    assert "A campaign in another team launches within 14 days" in calendar


async def test_the_calendar_shows_launches_in_their_days_with_warnings(
    db: Database, marketer: Browser
) -> None:
    first = await make(db, "Cloud Summit Webinar", LAUNCH)
    second = await make(db, "Cloud Summit Follow-up", LAUNCH + timedelta(days=7))

    response = await marketer.client.get("/calendar", params={"month": "2031-05"})

    assert response.status_code == 200
    html = response.text
    assert "May 2031" in html
    assert "2 launches" in html
    day = html[html.find('data-date="2031-05-06"') : html.find('data-date="2031-05-07"')]
    assert f'href="/campaigns/{first}"' in day
    assert "“Cloud Summit Follow-up” launches 7 days after" in day
    assert f'href="/campaigns/{second}"' in html
    assert 'href="/calendar?month=2031-04"' in html
    assert 'href="/calendar?month=2031-06"' in html


async def test_a_bad_month_is_a_clear_error(marketer: Browser) -> None:
    for month in ("2031-13", "May", "2031-5-1", "0000-01"):
        response = await marketer.client.get("/calendar", params={"month": month})
        assert response.status_code == 422, month
        assert "use YYYY-MM" in response.text


async def test_the_quarter_cap_warns_when_the_teams_launches_add_up_past_it(db: Database) -> None:
    await make(db, "Q2 Webinar", date(2031, 4, 10), budget=Decimal(60000))
    await make(db, "Q3 Webinar", date(2031, 7, 10), budget=Decimal(90000))  # another quarter
    mine = await make(db, "Q2 Launch", date(2031, 6, 20), budget=Decimal(50000),
                      target_audience="developers", channels=["social"], type="social")  # fmt: skip
    capped = PortfolioSettings(quarter_cap=Decimal(100000))
    async with db.read() as session:
        campaign = await session.get(Campaign, mine)
        assert campaign is not None
        warnings = await check_campaign(session, Scope.system(), campaign, capped)
        uncapped = await check_campaign(session, Scope.system(), campaign, PortfolioSettings())
        roomy = await check_campaign(
            session, Scope.system(), campaign, PortfolioSettings(quarter_cap=Decimal(110000))
        )
    messages = [warning.message for warning in warnings]
    assert "The team's Q2 2031 launches would total 110,000 USD, over the quarter cap of " \
        "100,000 USD." in messages  # fmt: skip
    assert not any("quarter cap" in w.message for w in uncapped + roomy)


async def test_a_draft_is_checked_before_it_exists(db: Database) -> None:
    await make(db, "Cloud Summit Webinar", LAUNCH)
    draft = Candidate(None, None, "IT decision makers", ("email",), LAUNCH + timedelta(days=14),
                      Decimal(1000), "USD")  # fmt: skip
    async with db.read() as session:
        portfolio = await Portfolio.load(session, PortfolioSettings(), LAUNCH, LAUNCH)
        assert [w.campaign_name for w in portfolio.check(draft, Scope.system())] == [
            "Cloud Summit Webinar"
        ]
        narrow = PortfolioSettings(window_days=7)
        portfolio = await Portfolio.load(session, narrow, LAUNCH, LAUNCH)
        assert portfolio.check(draft, Scope.system()) == []


def test_audiences_overlap_on_their_identifying_words() -> None:
    assert audiences_overlap("IT leaders", "IT leaders in EMEA")
    assert audiences_overlap("CIOs at enterprises", "enterprise CIO")
    assert not audiences_overlap("SMB owners", "enterprise CIOs")
    assert not audiences_overlap(None, "enterprise CIOs")
    assert not audiences_overlap("the customers", "our customers")  # no identifying words
