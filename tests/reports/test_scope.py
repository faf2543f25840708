"""The pilot report shows each reader only what they may see elsewhere (finding 10).

Two teams with known data, every figure computed by hand per reader:

- Growth: campaigns in 4 and 6 min and one not created yet; sync events of 10 s and 20 s;
  survey answers of its marketer (overall 5) and of its viewer (4); one cited answer rated up.
- Brand: campaigns in 30 and 50 min; a sync event of 500 s; its marketer's answer (overall 1)
  naming a secret project; one cited answer rated down.
- Outside every team: a sync event recorded with no campaign (1000 s), an answer imported for an
  address that is no account (overall 2), and a viewer in no team with one answer (overall 3)
  and one uncited answer rated up.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi import FastAPI
from sqlalchemy import func, select, update

from mcc.auth.schemas import Role
from mcc.auth.service import AuthService
from mcc.campaigns.schemas import CampaignCreate
from mcc.campaigns.service import CampaignService
from mcc.db import Database
from mcc.feedback.service import FeedbackService, SurveyAnswers, iso_week
from mcc.models import (
    CampaignTiming,
    Conversation,
    Message,
    MessageRating,
    SurveyResponse,
    SyncTiming,
    Team,
    User,
)
from mcc.pilot.uptime import record_check
from mcc.reports.figures import NO_TEAM, pilot_report
from mcc.reports.model import WHOLE_ORGANISATION, PilotReport, Verdict
from mcc.teams.scope import Scope
from mcc.validation import parse
from tests.auth.support import Browser, browser
from tests.conftest import Backend
from tests.reports.test_render_page import pdf_text
from tests.test_cli import Mcc

# A day in the past, so that today's report (the page's default period) includes it.
DAY = (datetime.now(UTC) - timedelta(days=2)).replace(hour=9, minute=0, second=0, microsecond=0)
NOW = DAY + timedelta(days=2)
GROWTH_ISSUE = "Growth board is slow"
VIEWER_ISSUE = "Viewer wants darker charts"
BRAND_SECRET = "Project Nightjar launch leaks"
OUTSIDER_ISSUE = "Imported outsider complaint"
LONELY_ISSUE = "Lonely viewer issue"
SECRETS = (BRAND_SECRET, OUTSIDER_ISSUE, LONELY_ISSUE)


@dataclass
class Pilot:
    db: Database
    growth: uuid.UUID
    brand: uuid.UUID
    viewer: Scope  # Growth's viewer, as `Scope.of` builds it for the pages
    lonely: Scope  # a viewer in no team


def figures(report: PilotReport) -> dict[str, tuple[object, int, Verdict]]:
    return {c.key: (c.value, c.samples, c.verdict) for c in report.criteria}


async def _campaign(db: Database, team: str, minutes: float | None) -> uuid.UUID:
    async with db.write() as session:
        fields = {"name": f"{team} {uuid.uuid4().hex[:6]}", "type": "email"}
        data = parse(CampaignCreate, fields, what="campaign")
        created = await CampaignService(session).create(data, team=team)
        await session.flush()
        timing = await session.get(CampaignTiming, created.id)
        assert timing is not None
        timing.first_message_at, timing.confirmed_at = DAY, DAY + timedelta(minutes=1)
        timing.conversation_id = uuid.uuid4()
        timing.project_created_at = None if minutes is None else DAY + timedelta(minutes=minutes)
        return created.id


async def _rate(db: Database, rater: str, verdict: str, cited: bool) -> None:
    async with db.write() as session:
        conversation = Conversation(owner=rater, title="t", state={})
        session.add(conversation)
        await session.flush()
        message = Message(conversation_id=conversation.id, role="assistant", content="a",
                          details={})  # fmt: skip
        session.add(message)
        await session.flush()
        session.add(MessageRating(message_id=message.id, rater=rater, rating=verdict, cited=cited,
                                  citations=[{"title": "P"}] if cited else [],
                                  created_at=DAY, updated_at=DAY))  # fmt: skip


async def seed(db: Database) -> tuple[uuid.UUID, uuid.UUID]:
    """The two teams' data (module docstring); (Growth's id, Brand's id)."""
    async with db.write() as session:
        growth, brand = Team(name="Growth"), Team(name="Brand")
        session.add_all([growth, brand])
        await session.flush()
        auth = AuthService(session)
        await auth.create_user("grow@mcc.test", None, role=Role.MARKETER, teams=["Growth"])
        await auth.create_user("brand@mcc.test", None, role=Role.MARKETER, teams=["Brand"])
        await auth.create_user("admin@mcc.test", None, role=Role.ADMIN)
        team_ids = growth.id, brand.id
    first = await _campaign(db, "Growth", 4)
    await _campaign(db, "Growth", 6)
    await _campaign(db, "Growth", None)
    brand_first = await _campaign(db, "Brand", 30)
    await _campaign(db, "Brand", 50)
    week = iso_week(DAY)
    async with db.write() as session:
        for campaign_id, seconds in ((first, 10.0), (first, 20.0), (brand_first, 500.0),
                                     (None, 1000.0)):  # fmt: skip
            applied = DAY + timedelta(hours=1)
            session.add(SyncTiming(event_id=uuid.uuid4(), source="workfront",
                                   object_type="project", campaign_id=campaign_id,
                                   event_at=applied - timedelta(seconds=seconds),
                                   applied_at=applied, seconds=seconds))  # fmt: skip
        for who, overall, issue in (("grow@mcc.test", 5, GROWTH_ISSUE),
                                    ("viewer@mcc.test", 4, VIEWER_ISSUE),
                                    ("Brand@mcc.test", 1, BRAND_SECRET),
                                    ("outsider@elsewhere.test", 2, OUTSIDER_ISSUE),
                                    ("lonely@mcc.test", 3, LONELY_ISSUE)):  # fmt: skip
            session.add(SurveyResponse(respondent=who, week=week, ease_of_use=3,
                                       response_quality=3, time_saved=3,
                                       overall_satisfaction=overall, issues=issue,
                                       minutes_saved=float(overall), created_at=DAY,
                                       updated_at=DAY))  # fmt: skip
    await _rate(db, "grow@mcc.test", "up", True)
    await _rate(db, "brand@mcc.test", "down", True)
    await _rate(db, "lonely@mcc.test", "up", False)
    assert await record_check(db, DAY, True, 3600.0)
    return team_ids


@pytest.fixture
async def pilot(db: Database) -> Pilot:
    growth, brand = await seed(db)
    scopes = {}
    async with db.write() as session:
        auth = AuthService(session)
        for email, teams in (("viewer@mcc.test", ["Growth"]), ("lonely@mcc.test", [])):
            user = await auth.create_user(email, None, role=Role.VIEWER, teams=teams)
            ids = frozenset([growth] if teams else [])
            scopes[email] = Scope(ids, can_edit=False, user_id=user.id, email=email,
                                  role=Role.VIEWER)  # fmt: skip
    await link_accounts(db)
    return Pilot(db, growth, brand, scopes["viewer@mcc.test"], scopes["lonely@mcc.test"])


async def link_accounts(db: Database) -> None:
    """What migration 0017 (and the app, when it records them) does: answers and ratings name
    the account whose address they were given under; other addresses keep email only."""
    async with db.write() as session:
        accounts = {u.email.lower(): u.id for u in (await session.scalars(select(User))).all()}
        # `updated_at` stays as seeded, as in the migration's SQL: the ORM's onupdate would stamp
        # the real clock, and a run crossing midnight (DAY is fixed at collection) then moved
        # every rating out of the report's period.
        for model, address in ((SurveyResponse, SurveyResponse.respondent),
                               (MessageRating, MessageRating.rater)):  # fmt: skip
            for email, user_id in accounts.items():
                await session.execute(
                    update(model)
                    .where(func.lower(address) == email)
                    .values(user_id=user_id, updated_at=model.updated_at)
                )


async def report_of(pilot: Pilot, scope: Scope) -> PilotReport:
    return await pilot_report(pilot.db, None, NOW.date(), scope=scope, now=NOW)


async def test_a_viewer_gets_their_teams_figures_only(pilot: Pilot) -> None:
    report = await report_of(pilot, pilot.viewer)
    assert report.scope == "Teams: Growth"
    shown = figures(report)
    # Growth's campaigns: 4 and 6 min (mean 5), 2 of 3 created; its events 10 and 20 s.
    assert shown["creation_time"] == (5.0, 2, Verdict.PASS)
    assert shown["success_rate"] == (pytest.approx(200 / 3), 3, Verdict.FAIL)
    assert shown["sync_latency"] == (20.0, 2, Verdict.PASS)  # nearest rank: 2nd of 2
    assert sorted(p.value for p in report.sync_latency_seconds) == [10.0, 20.0]
    # Answers of Growth's marketer (5) and of the viewer themself (4): both satisfied.
    assert shown["satisfaction"] == (100.0, 2, Verdict.PASS)
    feedback = report.feedback
    assert (feedback.responses, feedback.respondents) == (2, 2)
    assert (feedback.minutes_saved_total, feedback.minutes_saved_mean) == (9.0, 4.5)
    assert sorted(text for text, _ in feedback.common_issues) == sorted(
        [GROWTH_ISSUE.lower(), VIEWER_ISSUE.lower()]
    )
    assert (feedback.thumbs_up, feedback.thumbs_down) == (1, 0)
    assert shown["knowledge"] == (100.0, 1, Verdict.PASS)
    # Availability is the deployment's: the same for every reader.
    everyone = await report_of(pilot, Scope.system())
    assert shown["availability"] == figures(everyone)["availability"]
    assert shown["availability"][1] == 1


async def test_an_admin_and_the_operator_see_the_whole_organisation(pilot: Pilot) -> None:
    report = await report_of(pilot, Scope.system())
    assert report.scope == WHOLE_ORGANISATION
    shown = figures(report)
    assert shown["creation_time"] == (pytest.approx((4 + 6 + 30 + 50) / 4), 4, Verdict.FAIL)
    assert shown["success_rate"] == (80.0, 5, Verdict.FAIL)
    # Every event, including the one recorded with no campaign: 4th of 4 is the p95.
    assert shown["sync_latency"] == (1000.0, 4, Verdict.FAIL)
    assert shown["satisfaction"] == (40.0, 5, Verdict.FAIL)  # 5, 4 of 5, 4, 1, 2, 3
    assert report.feedback.respondents == 5
    assert shown["knowledge"] == (50.0, 2, Verdict.FAIL)
    assert (report.feedback.thumbs_up, report.feedback.thumbs_down) == (2, 1)


async def test_a_viewer_in_no_team_sees_their_own_answers_and_no_campaign(pilot: Pilot) -> None:
    report = await report_of(pilot, pilot.lonely)
    assert report.scope == NO_TEAM
    shown = figures(report)
    for key in ("creation_time", "success_rate", "sync_latency", "knowledge"):
        assert shown[key] == (None, 0, Verdict.NO_DATA), key
    assert shown["satisfaction"] == (0.0, 1, Verdict.FAIL)  # their own 3 of 5
    assert report.feedback.common_issues == [(LONELY_ISSUE.lower(), 1)]
    assert (report.feedback.thumbs_up, report.feedback.thumbs_down) == (1, 0)


async def test_the_other_teams_report_is_its_own(pilot: Pilot) -> None:
    """What `mcc report --team Brand` computes: Brand's figures, none of Growth's."""
    report = await report_of(pilot, Scope(frozenset([pilot.brand]), can_edit=False))
    assert report.scope == "Teams: Brand"
    shown = figures(report)
    assert shown["creation_time"] == (40.0, 2, Verdict.FAIL)
    assert shown["sync_latency"] == (500.0, 1, Verdict.FAIL)
    # The respondent's address differs in case from the account's: still Brand's marketer.
    assert report.feedback.common_issues == [(BRAND_SECRET.lower(), 1)]
    assert shown["knowledge"] == (0.0, 1, Verdict.FAIL)


@pytest.fixture
async def growth_viewer(app: FastAPI, pilot: Pilot) -> AsyncIterator[Browser]:
    async with browser(app, pilot.db, "viewer2@mcc.test", Role.VIEWER, ["Growth"]) as signed_in:
        yield signed_in


@pytest.fixture
async def admin_reader(app: FastAPI, pilot: Pilot) -> AsyncIterator[Browser]:
    async with browser(app, pilot.db, "boss@mcc.test", Role.ADMIN) as signed_in:
        yield signed_in


async def test_the_page_and_downloads_are_the_readers_and_say_so(
    growth_viewer: Browser, admin_reader: Browser
) -> None:
    page = await growth_viewer.client.get("/reports")
    assert page.status_code == 200
    assert "<strong>Teams: Growth</strong>" in page.text
    assert "5.0 min (median 5.0 min)" in page.text  # Growth's creation time
    assert GROWTH_ISSUE.lower() in page.text
    html = await growth_viewer.client.get("/reports/pilot.html")
    pdf = await growth_viewer.client.get("/reports/pilot.pdf")
    text = pdf_text(pdf.content)
    assert "Teams: Growth" in html.text
    assert "Teams: Growth" in text
    assert "5.0 min (median 5.0 min)" in text
    for secret in SECRETS:
        for body in (page.text, html.text, text):
            assert secret.lower() not in body.lower()
    for response in (page, html, pdf):  # no shared cache may keep one reader's report
        assert response.headers["cache-control"] == "private, no-store"

    whole = await admin_reader.client.get("/reports")
    assert "<strong>Whole organisation</strong>" in whole.text
    for issue in (GROWTH_ISSUE, BRAND_SECRET, OUTSIDER_ISSUE):
        assert issue.lower() in whole.text
    assert "22.5 min (median 18.0 min)" in whole.text


async def test_no_query_parameter_widens_a_viewers_report(
    growth_viewer: Browser, pilot: Pilot
) -> None:
    for params in ({"team": "Brand"}, {"teams": str(pilot.brand)}, {"team_id": str(pilot.brand)},
                   {"scope": "all"}, {"as": "admin@mcc.test"}, {"all": "1"}):  # fmt: skip
        for path in ("/reports", "/reports/pilot.html", "/reports/pilot.pdf"):
            response = await growth_viewer.client.get(path, params=params)
            assert response.status_code == 200, (path, params)
            body = pdf_text(response.content) if path.endswith(".pdf") else response.text
            assert "Teams: Growth" in body, (path, params)
            assert BRAND_SECRET.lower() not in body.lower(), (path, params)
            assert "40.0 min" not in body  # Brand's creation time


async def test_mcc_report_covers_everything_or_the_teams_named(
    backend: Backend, tmp_path: Path
) -> None:
    url = await backend.new_database_url()
    runner = Mcc(url)
    assert (await runner("db", "upgrade")).exit_code == 0
    runner.env["MCC_DATA_DIR"] = str(tmp_path)
    database = Database.from_url(url)
    try:
        await seed(database)
    finally:
        await database.dispose()

    whole = await runner("report")
    assert whole.exit_code == 0, whole.output
    assert json.loads(whole.stdout)["scope"] == WHOLE_ORGANISATION
    brand = await runner("report", "--team", "brand")
    assert brand.exit_code == 0, brand.output
    data = json.loads(brand.stdout)
    assert data["scope"] == "Teams: Brand"
    creation = next(c for c in data["criteria"] if c["key"] == "creation_time")
    assert (creation["value"], creation["samples"]) == (40.0, 2)
    both = json.loads((await runner("report", "--team", "Brand", "--team", "Growth")).stdout)
    assert both["scope"] == "Teams: Brand, Growth"
    unknown = await runner("report", "--team", "Nobody")
    assert unknown.exit_code == 1
    assert "No team named 'Nobody'" in unknown.output


# Sweep F7: answers and ratings belong to the account, not to its address: an SSO address
# change keeps them in the team's report; an address given again to another team hands over
# nothing.


LATER = NOW + timedelta(days=14)  # a week with no seeded answer


async def rename(pilot: Pilot, old: str, new: str) -> None:
    """What `auth/sso/accounts.py` does when the identity provider changes the address."""
    async with pilot.db.write() as session:
        user = await session.scalar(select(User).where(User.email == old))
        assert user is not None
        user.email = new


def issues(report: object) -> list[str]:
    return sorted(text for text, _ in report.feedback.common_issues)  # type: ignore[attr-defined]


async def test_an_address_change_keeps_answers_in_the_team_and_reuse_hands_over_nothing(
    pilot: Pilot,
) -> None:
    brand = Scope(frozenset([pilot.brand]), can_edit=False)
    before_growth, before_brand = (
        issues(await report_of(pilot, pilot.viewer)),
        issues(await report_of(pilot, brand)),
    )
    assert GROWTH_ISSUE.lower() in before_growth
    await rename(pilot, "grow@mcc.test", "grow2@mcc.test")
    async with pilot.db.write() as session:  # the old address, now someone in Brand
        await AuthService(session).create_user(
            "grow@mcc.test", None, role=Role.MARKETER, teams=["Brand"]
        )
    growth_report = await report_of(pilot, pilot.viewer)
    assert issues(growth_report) == before_growth  # still Growth's answer
    assert figures(growth_report)["knowledge"][1] == 1  # and Growth's rating
    brand_report = await report_of(pilot, brand)
    assert issues(brand_report) == before_brand == [BRAND_SECRET.lower()]
    assert figures(brand_report)["knowledge"][1] == 1  # only Brand's own rating


async def test_after_an_address_change_the_survey_shows_and_replaces_this_weeks_answer(
    pilot: Pilot,
) -> None:
    answers = SurveyAnswers(4, 4, 4, 4, "first", None)
    async with pilot.db.write() as session:
        first, replaced = await FeedbackService(session, "grow@mcc.test").submit_survey(
            answers, at=LATER
        )
        assert not replaced
    await rename(pilot, "grow@mcc.test", "grow2@mcc.test")
    async with pilot.db.write() as session:
        service = FeedbackService(session, "grow2@mcc.test")
        mine = await service.my_survey(at=LATER)
        assert mine is not None
        assert mine.issues == "first"
        again, replaced = await service.submit_survey(
            SurveyAnswers(2, 2, 2, 2, "second", None), at=LATER
        )
        assert replaced
        assert again.id == first.id
    async with pilot.db.write() as session:  # the reused address starts with no answer
        await AuthService(session).create_user("grow@mcc.test", None, role=Role.VIEWER)
        assert await FeedbackService(session, "grow@mcc.test").my_survey(at=LATER) is None
        rows = (await session.scalars(select(SurveyResponse).where(
            SurveyResponse.issues == "second"))).all()  # fmt: skip
        assert len(rows) == 1
