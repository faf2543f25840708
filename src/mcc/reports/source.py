"""Where the Reports page and `mcc report` get a `PilotReport`, and whether it is the sample.

The figures are computed by `mcc.reports.figures.pilot_report` (built in parallel with the
renderings); until it is present this seam answers with a report that has no data, which is
what an empty pilot shows anyway. Once both halves are merged, `compute` imports it directly.

The demo pilot (`mcc demo --pilot`) lives in its own data directory, never mixed into real data,
and leaves `SAMPLE_MARKER` there: a report computed from that database is labelled `sample`.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
from datetime import UTC, date, datetime
from typing import cast

from mcc.config import Settings
from mcc.db import Database
from mcc.exceptions import ValidationError
from mcc.reports.model import Criterion, FeedbackAnalysis, PilotReport, RatingSummary, Verdict

SAMPLE_MARKER = "SAMPLE-PILOT"
EARLIEST = date(2000, 1, 1)

# The plan's success criteria, as the Metrics Summary names them (for the no-data report).
PLAN_CRITERIA = (
    ("creation_time", "Campaign creation time", "< 10 min", "min"),
    ("sync_latency", "Sync latency", "< 2 min", "s"),
    ("satisfaction", "User satisfaction", "≥ 80%", "%"),
    ("availability", "System availability", "≥ 99%", "%"),
    ("knowledge", "Knowledge relevance", "≥ 75%", "%"),
    ("success_rate", "Campaign creation success rate", "≥ 95%", "%"),
)
QUESTIONS = (
    ("ease_of_use", "Ease of use"),
    ("response_quality", "Response quality"),
    ("time_saved", "Time saved"),
    ("overall_satisfaction", "Overall satisfaction"),
)


def is_sample(settings: Settings) -> bool:
    """The demo pilot's database: the SQLite file of a data directory it marked (whether
    `MCC_DATABASE_URL` is unset or names that same file)."""
    own = settings.model_copy(update={"database_url": None}).resolved_database_url
    marked = (settings.data_dir / SAMPLE_MARKER).exists()
    return marked and settings.resolved_database_url == own


def parse_since(value: str | None, until: date) -> date | None:
    """`--since` / `?since=`: blank means from the start; anything else must be a past date."""
    if value is None or not value.strip():
        return None
    try:
        since = date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(
            f"since: {value.strip()[:40]!r} is not a date; expected YYYY-MM-DD",
            {"since": "expected YYYY-MM-DD"},
        ) from None
    if since > until or since < EARLIEST:
        raise ValidationError(
            f"since: {since.isoformat()} is outside the pilot (from 2000-01-01 to "
            f"{until.isoformat()})",
            {"since": "out of range"},
        )
    return since


async def compute(
    settings: Settings, database: Database, since: date | None, until: date
) -> PilotReport:
    sample = is_sample(settings)
    try:
        figures = importlib.import_module("mcc.reports.figures")
    except ModuleNotFoundError:
        report = no_data_report(since, until)
    else:
        produced = figures.pilot_report(database, since, until, sample=sample)
        report = cast(PilotReport, await produced if inspect.isawaitable(produced) else produced)
    return dataclasses.replace(report, sample=True) if sample else report


def no_data_report(since: date | None, until: date) -> PilotReport:
    how = "Not measured yet."
    criteria = [
        Criterion(key, name, target, None, None, unit, Verdict.NO_DATA, 0, how)
        for key, name, target, unit in PLAN_CRITERIA
    ]
    ratings = [
        RatingSummary(key, label, 0, None, None, dict.fromkeys(range(1, 6), 0))
        for key, label in QUESTIONS
    ]
    feedback = FeedbackAnalysis(0, 0, ratings, None, None, None, None, [], 0, 0, 0, None)
    return PilotReport(datetime.now(UTC), since, until, False, criteria, feedback)
