"""The pilot report computed from what was recorded as it happened (`mcc.pilot`, `mcc.feedback`).

How each criterion is measured (the `how` of each row says the same to the reader):

- **Creation time** (< 10 min): chat campaigns only, from the first user message of the draft
  (the conversation's first, or the first after the previous campaign it created) to the
  Workfront project created (the outbox delivered it, the project id stored). The verdict is on
  the mean, as the plan's summary reports it; the median is shown beside it. Campaigns made in
  the form, the API or the CLI have no first message and do not count.
- **Sync latency** (< 2 min): per webhook event that changed our records, the backend's event
  time to the change applied here. The verdict is on the 95th percentile (nearest rank): most
  events being fast must not hide a slow sync; the mean is shown beside it.
- **Satisfaction** (80%): the share of survey responses with overall satisfaction 4 or 5.
- **Availability** (99%): health checks every `MCC_UPTIME_CHECK_SECONDS` (`mcc.pilot.uptime`);
  the time covered by healthy checks over the time since the first check ever recorded (or
  the period's start, if later) up to the period's end or now. A gap while the server was down
  has no checks, so it counts as unavailable.
- **Knowledge relevance** (75%): thumbs up among the rated answers that cited playbooks.
- **Creation success rate** (≥ 90%, our target: the plan reports 92% but sets none): campaigns
  confirmed in the period (any origin) whose project was created, over all confirmed. One still
  waiting for approval or delivery is not created yet.

Every figure is computed for one reader's `Scope` (`mcc.reports.repository` says what each scope
covers): an admin, and `mcc report` run by an operator, see the whole organisation; anyone else
the campaigns of their teams and the answers of their teammates. Availability is the
deployment's, the same for every reader.

The period is whole UTC days, `since` (default: the beginning) to `until` (default: today)
inclusive; survey responses count by the ISO weeks that overlap it. A criterion with no samples
is NO DATA, never 0.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from mcc.db import Database
from mcc.exceptions import ValidationError
from mcc.feedback.service import iso_week
from mcc.models import CampaignTiming, UptimeDay
from mcc.reports import analysis
from mcc.reports.model import (
    WHOLE_ORGANISATION,
    Criterion,
    FeedbackAnalysis,
    PilotReport,
    Point,
    Verdict,
)
from mcc.reports.repository import ReportRepository
from mcc.teams.scope import Scope

CREATION_TARGET_MINUTES = 10.0
SYNC_TARGET_SECONDS = 120.0
SATISFACTION_TARGET = 0.80
AVAILABILITY_TARGET = 0.99
RELEVANCE_TARGET = 0.75
SUCCESS_TARGET = 0.90


@dataclass(frozen=True)
class Period:
    """[start, end) in UTC; `start` None means since the beginning."""

    since: date | None
    until: date
    start: datetime | None
    end: datetime

    @classmethod
    def of(cls, since: date | None, until: date) -> Period:
        if since is not None and since > until:
            raise ValidationError(
                f"The period starts ({since}) after it ends ({until})",
                {"since": "must not be after until"},
            )
        start = None if since is None else datetime.combine(since, time(), UTC)
        end = datetime.combine(until + timedelta(days=1), time(), UTC)
        return cls(since, until, start, end)


@dataclass(frozen=True)
class Rows:
    """Everything the report reads, loaded in one read; the figures are computed after it."""

    timings: Sequence[CampaignTiming]
    latencies: list[tuple[datetime, float]]
    surveys: analysis.SurveyTotals  # aggregated by the database, never row by row
    ratings: analysis.RatingTotals
    first_check_at: datetime | None
    uptime: Sequence[UptimeDay]
    scope: str  # whose data: "Whole organisation", "Teams: Growth"


NO_TEAM = "No team: your own answers only"


async def load(database: Database, period: Period, scope: Scope) -> Rows:
    async with database.read() as session:
        reports = ReportRepository(session, scope)
        first_week = None if period.since is None else iso_week(period.start or period.end)
        last_week = iso_week(period.end - timedelta(days=1))
        first_check = await reports.first_check_at()
        uptime_from = period.since or (first_check or period.end).date()
        return Rows(
            timings=await reports.campaign_timings(period.start, period.end),
            latencies=await reports.sync_latencies(period.start, period.end),
            surveys=await reports.survey_totals(first_week, last_week),
            ratings=await reports.rating_totals(period.start, period.end),
            first_check_at=first_check,
            uptime=await reports.uptime_days(uptime_from, period.until),
            scope=await _scope_label(reports, scope),
        )


async def _scope_label(reports: ReportRepository, scope: Scope) -> str:
    if scope.sees_everything:
        return WHOLE_ORGANISATION
    names = await reports.team_names()
    return "Teams: " + ", ".join(names) if names else NO_TEAM


async def pilot_report(
    database: Database,
    since: date | None = None,
    until: date | None = None,
    *,
    scope: Scope,
    now: datetime | None = None,
    sample: bool = False,
) -> PilotReport:
    """The report for the period, of what `scope` may see (see the module docstring): no
    default, every caller says whose report it is; `now` for tests."""
    now = now or datetime.now(UTC)
    period = Period.of(since, until or now.date())
    rows = await load(database, period, scope)
    # Pure arithmetic on rows already loaded; off the event loop, a long pilot has many rows.
    return await asyncio.to_thread(compute, rows, period, now, sample)


def compute(rows: Rows, period: Period, now: datetime, sample: bool) -> PilotReport:
    feedback = analysis.analyse(rows.surveys, rows.ratings)
    creation, creation_points = _creation_time(rows.timings)
    sync, sync_points = _sync_latency(rows.latencies)
    availability, by_day = _availability(rows, period, now)
    return PilotReport(
        generated_at=now,
        since=period.since,
        until=period.until,
        sample=sample,
        criteria=[
            creation,
            sync,
            _satisfaction(feedback),
            availability,
            _relevance(feedback),
            _success_rate(rows.timings),
        ],
        feedback=feedback,
        creation_minutes=creation_points,
        sync_latency_seconds=sync_points,
        satisfaction_by_week=analysis.satisfaction_by_week(rows.surveys.by_week),
        availability_by_day=by_day,
        scope=rows.scope,
    )


def _verdict(value: float | None, passes: Callable[[float], bool]) -> Verdict:
    if value is None:
        return Verdict.NO_DATA
    return Verdict.PASS if passes(value) else Verdict.FAIL


def _percent(share: float) -> str:
    return f"{share * 100:.1f}%"


def _minutes(delta: timedelta) -> float:
    return delta.total_seconds() / 60


def _creation_time(timings: Sequence[CampaignTiming]) -> tuple[Criterion, list[Point]]:
    points = [
        Point(t.confirmed_at.date(), _minutes(t.project_created_at - t.first_message_at))
        for t in timings
        if t.first_message_at is not None and t.project_created_at is not None
    ]
    minutes = [point.value for point in points]
    average, middle = analysis.mean(minutes), analysis.median(minutes)
    actual = None if average is None else f"{average:.1f} min (median {middle:.1f} min)"
    return Criterion(
        key="creation_time", name="Campaign creation time", target="< 10 min", actual=actual,
        value=average, unit="min",
        verdict=_verdict(average, lambda v: v < CREATION_TARGET_MINUTES), samples=len(minutes),
        how="Mean, over campaigns created in chat, of the first message of the draft to the "
        "Workfront project created; campaigns from forms, the API or the CLI do not count.",
    ), points  # fmt: skip


def _sync_latency(latencies: list[tuple[datetime, float]]) -> tuple[Criterion, list[Point]]:
    seconds = [value for _, value in latencies]
    high, average = analysis.p95(seconds), analysis.mean(seconds)
    actual = None if high is None else f"p95 {high:.1f} s (mean {average:.1f} s)"
    return Criterion(
        key="sync_latency", name="Sync latency", target="< 2 min", actual=actual, value=high,
        unit="s", verdict=_verdict(high, lambda v: v < SYNC_TARGET_SECONDS),
        samples=len(seconds),
        how="95th percentile (nearest rank), over Workfront events that changed a campaign, "
        "of the event's time in Workfront to the change applied here.",
    ), [Point(at.date(), value) for at, value in latencies]  # fmt: skip


def _share_criterion(
    key: str, name: str, target: float, share: float | None, samples: int, how: str
) -> Criterion:
    return Criterion(
        key=key, name=name, target=f"{target * 100:.0f}%",
        actual=None if share is None else _percent(share),
        value=None if share is None else share * 100, unit="%",
        verdict=_verdict(share, lambda v: v >= target), samples=samples, how=how,
    )  # fmt: skip


def _satisfaction(feedback: FeedbackAnalysis) -> Criterion:
    return _share_criterion(
        "satisfaction", "User satisfaction", SATISFACTION_TARGET, feedback.satisfaction_rate,
        feedback.responses,
        "Share of pilot survey responses rating overall satisfaction 4 or 5 (of 5).",
    )  # fmt: skip


def _relevance(feedback: FeedbackAnalysis) -> Criterion:
    return _share_criterion(
        "knowledge", "Knowledge relevance", RELEVANCE_TARGET, feedback.relevant_share,
        feedback.cited_answers_rated,
        "Thumbs up among the rated assistant answers that cited playbooks.",
    )  # fmt: skip


def _success_rate(timings: Sequence[CampaignTiming]) -> Criterion:
    created = sum(1 for t in timings if t.project_created_at is not None)
    share = created / len(timings) if timings else None
    return _share_criterion(
        "success_rate", "Campaign creation success rate", SUCCESS_TARGET, share, len(timings),
        "Campaigns confirmed (chat, form, API or CLI) whose Workfront project was created, "
        "of all confirmed; the plan sets no target, 90% is ours.",
    )  # fmt: skip


def _availability(rows: Rows, period: Period, now: datetime) -> tuple[Criterion, list[Point]]:
    """Healthy time over the time since the first check (see the module docstring)."""
    points: list[Point] = []
    share: float | None = None
    checks = sum(day.checks for day in rows.uptime)
    if rows.first_check_at is not None:
        start = max(rows.first_check_at, period.start or rows.first_check_at)
        end = min(period.end, now)
        if end > start:
            healthy = sum(day.healthy_seconds for day in rows.uptime)
            share = min(1.0, healthy / (end - start).total_seconds())
            points = _availability_by_day(rows.uptime, start, end)
    criterion = _share_criterion(
        "availability", "System availability", AVAILABILITY_TARGET, share, checks,
        "Time covered by healthy health checks (database and knowledge index answering) over "
        "the time since the first check; time with no check (server down) is unavailable.",
    )  # fmt: skip
    return criterion, points


def _availability_by_day(days: Sequence[UptimeDay], start: datetime, end: datetime) -> list[Point]:
    healthy = {day.day: day.healthy_seconds for day in days}
    points = []
    day = start.date()
    while datetime.combine(day, time(), UTC) < end:
        day_start = max(start, datetime.combine(day, time(), UTC))
        day_end = min(end, datetime.combine(day + timedelta(days=1), time(), UTC))
        seconds = (day_end - day_start).total_seconds()
        if seconds > 0:
            points.append(Point(day, min(1.0, healthy.get(day, 0.0) / seconds)))
        day += timedelta(days=1)
    return points
