"""Every figure of the pilot report, computed by hand on a small fixture and compared.

The fixture (period 2026-11-02 .. 2026-11-15, two ISO weeks; the report is made on 11-20):

- campaigns A..D from chat (first message → project: 8, 12, 5 min; D has no project yet), E from
  the form (project created), F confirmed before the period;
- 21 events applied (19 × 5 s, 100 s, 300 s) and one after the period;
- five survey responses over weeks 45 and 46 (four people), one in week 44;
- seven ratings in the period (four of answers with citations, three of them up), one after;
- health checks every 6 hours from 11-01 18:00: down from 11-05 06:00 to 11-06 06:00 (five
  slots missing), one unhealthy check on 11-10 12:00.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from mcc.campaigns.schemas import CampaignCreate
from mcc.campaigns.service import CampaignService
from mcc.db import Database
from mcc.exceptions import ValidationError
from mcc.models import (
    CampaignTiming,
    Conversation,
    Message,
    MessageRating,
    SurveyResponse,
    SyncTiming,
)
from mcc.pilot.uptime import record_check
from mcc.reports.figures import pilot_report
from mcc.reports.model import Point, Verdict
from mcc.teams.scope import Scope
from mcc.validation import parse

SINCE, UNTIL = date(2026, 11, 2), date(2026, 11, 15)
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
SIX_HOURS = 6 * 3600.0
EVERYONE = Scope.system()


def series(points: list[Point]) -> list[tuple[date, object]]:
    return [(point.at, point.value) for point in points]


def at(day: int, hour: int = 0, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


async def campaign(db: Database, first: datetime | None, confirmed: datetime,
                   project: datetime | None) -> None:  # fmt: skip
    async with db.write() as session:
        fields = {"name": f"C {uuid.uuid4().hex[:6]}", "type": "email"}
        data = parse(CampaignCreate, fields, what="campaign")
        created = await CampaignService(session).create(data)
        await session.flush()
        timing = await session.get(CampaignTiming, created.id)
        assert timing is not None  # recorded by the creation itself
        timing.first_message_at, timing.confirmed_at = first, confirmed
        timing.project_created_at = project
        timing.conversation_id = uuid.uuid4() if first else None


async def survey(db: Database, who: str, week: str, scores: tuple[int, int, int, int],
                 issues: str | None, minutes: float | None) -> None:  # fmt: skip
    ease, quality, saved, overall = scores
    async with db.write() as session:
        session.add(SurveyResponse(
            respondent=who, week=week, ease_of_use=ease, response_quality=quality,
            time_saved=saved, overall_satisfaction=overall, issues=issues, minutes_saved=minutes,
        ))  # fmt: skip


async def ratings(db: Database, given: list[tuple[str, bool, datetime]]) -> None:
    async with db.write() as session:
        conversation = Conversation(owner="p@mcc.test", title="t", state={})
        session.add(conversation)
        await session.flush()
        for verdict, cited, when in given:
            message = Message(conversation_id=conversation.id, role="assistant", content="a",
                              details={})  # fmt: skip
            session.add(message)
            await session.flush()
            session.add(MessageRating(
                message_id=message.id, rater="p@mcc.test", rating=verdict, cited=cited,
                citations=[{"title": "Playbook"}] if cited else [], created_at=when,
                updated_at=when,
            ))  # fmt: skip


@pytest.fixture
async def pilot(db: Database) -> Database:
    # Creation: A 8 min, B 12 min, C 5 min, D not created, E from the form, F before the period.
    await campaign(db, at(2, 10), at(2, 10, 6), at(2, 10, 8))
    await campaign(db, at(3, 9), at(3, 9, 10), at(3, 9, 12))
    await campaign(db, at(4, 14), at(4, 14, 3), at(4, 14, 5))
    await campaign(db, at(5, 11), at(5, 11, 4), None)
    await campaign(db, None, at(5, 12), at(5, 12, 1))
    await campaign(db, at(30, 10, month=10), at(30, 10, 2, month=10), at(30, 10, 3, month=10))
    # Sync: 19 events of 5 s, one of 100 s, one of 300 s; one more after the period.
    async with db.write() as session:
        for index, seconds in enumerate([5.0] * 19 + [100.0, 300.0]):
            applied = at(3 + index % 10, 12)
            session.add(SyncTiming(event_id=uuid.uuid4(), source="workfront", object_type="project",
                                   event_at=applied - timedelta(seconds=seconds),
                                   applied_at=applied, seconds=seconds))  # fmt: skip
        later = SyncTiming(event_id=uuid.uuid4(), source="workfront", object_type="task",
                           event_at=at(16, 9), applied_at=at(16, 10), seconds=3600.0)  # fmt: skip
        session.add(later)
    # Survey: weeks 45 (Nov 2-8) and 46 (Nov 9-15); week 44 is before the period.
    await survey(db, "alice", "2026-W45", (5, 4, 4, 5), "Slow sync; missing event playbook", 30)
    await survey(db, "bob", "2026-W45", (3, 3, 2, 3), "slow sync.", 10)
    await survey(db, "carol", "2026-W45", (4, 5, 5, 4), None, None)
    await survey(db, "dave", "2026-W45", (2, 2, 1, 2), "Missing event playbook\nlogin expired", 0)
    await survey(db, "alice", "2026-W46", (4, 4, 3, 4), "Slow  Sync", 20)
    await survey(db, "erin", "2026-W44", (1, 1, 1, 1), "everything", 99)
    # Ratings: cited up ×3, cited down ×1, uncited up ×2, uncited down ×1; one after the period.
    await ratings(db, [("up", True, at(3)), ("up", True, at(4)), ("up", True, at(9)),
                       ("down", True, at(10)), ("up", False, at(5)), ("up", False, at(6)),
                       ("down", False, at(7)), ("down", True, at(18))])  # fmt: skip
    # Uptime: every 6 h from 11-01 18:00 (the first check ever) to 11-15 18:00.
    down = {at(5, 6), at(5, 12), at(5, 18), at(6, 0), at(6, 6)}
    slot = at(1, 18)
    while slot <= at(15, 18):
        if slot not in down:
            assert await record_check(db, slot, slot != at(10, 12), SIX_HOURS)
        slot += timedelta(hours=6)
    return db


async def test_every_figure_matches_the_hand_computation(pilot: Database) -> None:
    report = await pilot_report(pilot, SINCE, UNTIL, now=NOW, scope=EVERYONE)
    criteria = {c.key: c for c in report.criteria}
    assert list(criteria) == [
        "creation_time", "sync_latency", "satisfaction", "availability", "knowledge",
        "success_rate",
    ]  # fmt: skip

    creation = criteria["creation_time"]  # (8 + 12 + 5) / 3; median 8
    assert creation.value == pytest.approx(25 / 3)
    assert (creation.samples, creation.verdict) == (3, Verdict.PASS)
    assert creation.actual == "8.3 min (median 8.0 min)"
    assert series(report.creation_minutes) == [
        (date(2026, 11, 2), pytest.approx(8.0)),
        (date(2026, 11, 3), pytest.approx(12.0)),
        (date(2026, 11, 4), pytest.approx(5.0)),
    ]

    sync = criteria["sync_latency"]  # nearest rank: ceil(0.95 × 21) = 20th of 21 sorted = 100 s
    assert (sync.value, sync.samples, sync.verdict) == (100.0, 21, Verdict.PASS)
    assert sync.actual == f"p95 100.0 s (mean {(19 * 5 + 100 + 300) / 21:.1f} s)"
    assert sorted(p.value for p in report.sync_latency_seconds) == [5.0] * 19 + [100.0, 300.0]

    satisfaction = criteria["satisfaction"]  # overall 5, 3, 4, 2, 4: three of five are ≥ 4
    assert satisfaction.value == pytest.approx(60.0)
    assert (satisfaction.samples, satisfaction.verdict) == (5, Verdict.FAIL)
    assert satisfaction.actual == "60.0%"

    availability = criteria["availability"]  # 56 slots in 14 days, 5 missing, 1 unhealthy
    assert availability.value == pytest.approx(50 / 56 * 100)
    assert (availability.samples, availability.verdict) == (51, Verdict.FAIL)
    expected_days = {date(2026, 11, 5): 0.25, date(2026, 11, 6): 0.5, date(2026, 11, 10): 0.75}
    days = [SINCE + timedelta(days=n) for n in range(14)]
    assert series(report.availability_by_day) == [
        (day, pytest.approx(expected_days.get(day, 1.0))) for day in days
    ]

    knowledge = criteria["knowledge"]  # cited: up, up, up, down
    assert (knowledge.value, knowledge.samples, knowledge.verdict) == (75.0, 4, Verdict.PASS)

    success = criteria["success_rate"]  # A, B, C, E created of A..E
    assert (success.value, success.samples, success.verdict) == (80.0, 5, Verdict.FAIL)
    assert not report.go

    feedback = report.feedback
    assert (feedback.responses, feedback.respondents) == (5, 4)
    by_question = {r.question: r for r in feedback.ratings}
    assert by_question["ease_of_use"].mean == pytest.approx(18 / 5)
    assert by_question["ease_of_use"].median == 4
    assert by_question["ease_of_use"].distribution == {1: 0, 2: 1, 3: 1, 4: 2, 5: 1}
    assert by_question["response_quality"].mean == pytest.approx(18 / 5)
    assert by_question["response_quality"].distribution == {1: 0, 2: 1, 3: 1, 4: 2, 5: 1}
    assert by_question["time_saved"].mean == pytest.approx(3.0)
    assert by_question["time_saved"].median == 3
    assert by_question["time_saved"].distribution == {1: 1, 2: 1, 3: 1, 4: 1, 5: 1}
    assert by_question["overall_satisfaction"].mean == pytest.approx(18 / 5)
    assert by_question["overall_satisfaction"].median == 4
    assert all(r.responses == 5 for r in feedback.ratings)
    assert feedback.satisfaction_rate == pytest.approx(0.6)
    # Minutes saved: 30, 10, 0, 20 (carol gave none).
    assert (feedback.minutes_saved_total, feedback.minutes_saved_mean) == (60, 15)
    assert feedback.minutes_saved_median == 15
    assert feedback.common_issues == [
        ("slow sync", 3), ("missing event playbook", 2), ("login expired", 1),
    ]  # fmt: skip
    assert (feedback.thumbs_up, feedback.thumbs_down) == (5, 2)
    assert (feedback.cited_answers_rated, feedback.relevant_share) == (4, 0.75)
    assert series(report.satisfaction_by_week) == [
        (date(2026, 11, 2), pytest.approx((5 + 3 + 4 + 2) / 4)),
        (date(2026, 11, 9), pytest.approx(4.0)),
    ]
    plain = report.to_json()
    assert plain["since"] == "2026-11-02"
    assert plain["criteria"][3]["verdict"] == "FAIL"


async def test_without_since_availability_starts_at_the_first_check(pilot: Database) -> None:
    """From 11-01 18:00 (one more healthy slot) to the end of 11-15: 57 slots, 51 healthy."""
    report = await pilot_report(pilot, None, UNTIL, now=NOW, scope=EVERYONE)
    availability = next(c for c in report.criteria if c.key == "availability")
    assert availability.value == pytest.approx(51 / 57 * 100)
    assert report.availability_by_day[0] == Point(date(2026, 11, 1), 1.0)
    # Campaign F (October) now counts too: 4 creation samples, 5 of 6 created.
    creation = next(c for c in report.criteria if c.key == "creation_time")
    assert creation.samples == 4
    assert creation.value == pytest.approx((8 + 12 + 5 + 3) / 4)


async def test_a_slot_is_counted_once_whoever_records_it(db: Database) -> None:
    assert await record_check(db, at(1, 18, 1), True, SIX_HOURS)
    assert not await record_check(db, at(1, 19), True, SIX_HOURS)  # the same 18:00 slot
    report = await pilot_report(db, date(2026, 11, 1), date(2026, 11, 1), now=NOW, scope=EVERYONE)
    availability = next(c for c in report.criteria if c.key == "availability")
    assert availability.samples == 1
    assert availability.value == pytest.approx(100.0)  # 18:00-24:00, one healthy 6 h check


async def test_no_data_is_no_data_never_zero(db: Database) -> None:
    report = await pilot_report(db, SINCE, UNTIL, now=NOW, scope=EVERYONE)
    for criterion in report.criteria:
        assert (criterion.verdict, criterion.value, criterion.actual, criterion.samples) == (
            Verdict.NO_DATA, None, None, 0,
        )  # fmt: skip
    assert not report.go
    feedback = report.feedback
    assert feedback.satisfaction_rate is feedback.relevant_share is None
    assert feedback.minutes_saved_total is None
    assert all(r.mean is None and r.median is None for r in feedback.ratings)
    assert report.availability_by_day == []
    assert report.creation_minutes == []


async def test_a_period_that_ends_before_it_starts_is_refused(db: Database) -> None:
    with pytest.raises(ValidationError, match="starts"):
        await pilot_report(db, UNTIL, SINCE, now=NOW, scope=EVERYONE)
