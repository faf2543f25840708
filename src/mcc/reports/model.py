"""What a pilot report says, independent of how it is computed or rendered.

The report is computed once (`mcc.reports.figures`) and rendered several ways (JSON for scripts,
HTML for the Reports page, PDF for the stakeholder meeting); this module is the contract between
the two halves, so a figure cannot differ between the page and the printout.

`None` means "no data yet" and is never shown as zero: a pilot with no survey answers has no
satisfaction figure, and its criterion is neither PASS nor FAIL.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

WHOLE_ORGANISATION = "Whole organisation"


class Verdict(StrEnum):
    PASS = "PASS"  # noqa: S105 - a verdict, not a password
    FAIL = "FAIL"
    NO_DATA = "NO DATA"


@dataclass(frozen=True)
class Criterion:
    """One row of the plan's Metrics Summary: target, actual, PASS/FAIL."""

    # creation_time | sync_latency | satisfaction | availability | knowledge | success_rate
    key: str
    name: str  # "Campaign creation time"
    target: str  # "< 10 min", as the plan writes it
    actual: str | None  # formatted for people ("8.2 min"); None when there is no data
    value: float | None  # the number behind `actual`, in `unit`
    unit: str  # "min", "s", "%"
    verdict: Verdict
    samples: int  # how many observations the figure rests on
    how: str  # one sentence: how the figure is measured


@dataclass(frozen=True)
class RatingSummary:
    """One 1–5 question of the pilot survey."""

    question: str  # "ease_of_use" | "response_quality" | "time_saved" | "overall_satisfaction"
    label: str  # "Ease of use"
    responses: int
    mean: float | None
    median: float | None
    distribution: dict[int, int]  # rating 1..5 -> count, every rating present (0 when none)


@dataclass(frozen=True)
class Point:
    """One point of a time series (a chart's x and y)."""

    at: date
    value: float


@dataclass(frozen=True)
class FeedbackAnalysis:
    """The plan's analysis script, from survey answers and thumbs on answers."""

    responses: int
    respondents: int
    ratings: list[RatingSummary]
    satisfaction_rate: float | None  # share of responses with overall_satisfaction >= 4, 0..1
    minutes_saved_total: float | None
    minutes_saved_mean: float | None
    minutes_saved_median: float | None
    common_issues: list[tuple[str, int]]  # (issue, times mentioned), most frequent first
    thumbs_up: int
    thumbs_down: int
    cited_answers_rated: int  # rated answers that carried citations (the relevance sample)
    relevant_share: float | None  # thumbs up among those, 0..1


@dataclass(frozen=True)
class PilotReport:
    """`scope` names whose data the figures cover ("Whole organisation", "Teams: Growth"): a
    report is computed for one reader's scope (`mcc.reports.figures`), and every rendering says so.
    """

    generated_at: datetime
    since: date | None
    until: date
    sample: bool  # True for the labelled demo pilot (`mcc demo --pilot`), never for real data
    criteria: list[Criterion]  # the five criteria, then the creation success rate
    feedback: FeedbackAnalysis
    creation_minutes: list[Point] = field(default_factory=list)  # per campaign, at confirmation
    sync_latency_seconds: list[Point] = field(default_factory=list)  # per applied event
    satisfaction_by_week: list[Point] = field(default_factory=list)  # mean overall, week's Monday
    availability_by_day: list[Point] = field(default_factory=list)  # share of healthy checks, 0..1
    scope: str = WHOLE_ORGANISATION

    @property
    def go(self) -> bool:
        """The plan's go/no-go: every criterion with data passes, and none is missing."""
        return all(c.verdict is Verdict.PASS for c in self.criteria)

    def to_json(self) -> dict[str, Any]:
        """Plain JSON types (dates as ISO strings), for `mcc report --format json`."""
        plain: dict[str, Any] = _plain(dataclasses.asdict(self))
        return plain | {"go": self.go}


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value
