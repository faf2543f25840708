"""Pilot reports written by hand, for testing the renderings apart from the figures."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta

from mcc.reports.model import (
    Criterion,
    FeedbackAnalysis,
    PilotReport,
    Point,
    RatingSummary,
    Verdict,
)

START = date(2026, 10, 5)
QUESTIONS = (
    ("ease_of_use", "Ease of use"),
    ("response_quality", "Response quality"),
    ("time_saved", "Time saved"),
    ("overall_satisfaction", "Overall satisfaction"),
)
CREATION_HOW = "From the first message to the Workfront project, per campaign."
SYNC_HOW = "From the Workfront event's time to the change applied here."


def criteria() -> list[Criterion]:
    """Every verdict appears: PASS, FAIL and NO DATA (whose actual is None)."""
    return [
        Criterion("creation_time", "Campaign creation time", "< 10 min", "7.4 min", 7.4, "min",
                  Verdict.PASS, 23, CREATION_HOW),
        Criterion("sync_latency", "Sync latency", "< 2 min", "2.6 min", 156.0, "s",
                  Verdict.FAIL, 41, SYNC_HOW),
        Criterion("satisfaction", "User satisfaction", ">= 80%", "83.3%", 83.3, "%",
                  Verdict.PASS, 18, "Survey answers with overall satisfaction 4 or 5."),
        Criterion("availability", "System availability", ">= 99%", None, None, "%",
                  Verdict.NO_DATA, 0, "Share of health checks that found the app healthy."),
        Criterion("knowledge", "Knowledge relevance", ">= 75%", "78.9%", 78.9, "%",
                  Verdict.PASS, 19, "Thumbs up among rated answers that cited the playbooks."),
        Criterion("success_rate", "Campaign creation success rate", ">= 95%", "95.8%", 95.8, "%",
                  Verdict.PASS, 24, "Confirmed campaigns whose Workfront project was created."),
    ]  # fmt: skip


def ratings() -> list[RatingSummary]:
    distributions = ({1: 0, 2: 1, 3: 3, 4: 9, 5: 5}, {1: 1, 2: 2, 3: 4, 4: 8, 5: 3},
                     {1: 0, 2: 0, 3: 5, 4: 7, 5: 6}, {1: 0, 2: 1, 3: 2, 4: 10, 5: 5})  # fmt: skip
    means = (4.0, 3.56, 4.06, 4.06)
    return [
        RatingSummary(key, label, 18, mean, 4.0, distribution)
        for (key, label), mean, distribution in zip(QUESTIONS, means, distributions, strict=True)
    ]


def handmade_report(*, sample: bool = False) -> PilotReport:
    feedback = FeedbackAnalysis(
        responses=18, respondents=6, ratings=ratings(), satisfaction_rate=0.8333,
        minutes_saved_total=540.0, minutes_saved_mean=30.0, minutes_saved_median=25.0,
        common_issues=[("slow first answer", 4), ("missing legal review step", 2)],
        thumbs_up=30, thumbs_down=8, cited_answers_rated=19, relevant_share=0.7895,
    )  # fmt: skip
    days = [START + timedelta(days=3 * i) for i in range(8)]
    return PilotReport(
        generated_at=datetime(2026, 11, 2, 9, 30, tzinfo=UTC),
        since=START,
        until=date(2026, 11, 1),
        sample=sample,
        criteria=criteria(),
        feedback=feedback,
        creation_minutes=[Point(day, 6.0 + i % 3) for i, day in enumerate(days)],
        sync_latency_seconds=[Point(day, 90.0 + 20 * i) for i, day in enumerate(days)],
        satisfaction_by_week=[Point(START + timedelta(weeks=w), 3.8 + w / 10) for w in range(4)],
        availability_by_day=[],
    )


def empty_feedback() -> FeedbackAnalysis:
    return FeedbackAnalysis(
        responses=0, respondents=0,
        ratings=[RatingSummary(key, label, 0, None, None, dict.fromkeys(range(1, 6), 0))
                 for key, label in QUESTIONS],
        satisfaction_rate=None, minutes_saved_total=None, minutes_saved_mean=None,
        minutes_saved_median=None, common_issues=[], thumbs_up=0, thumbs_down=0,
        cited_answers_rated=0, relevant_share=None,
    )  # fmt: skip


def empty_report() -> PilotReport:
    """A pilot with nothing recorded yet: every criterion NO DATA, no series, no answers."""
    nothing = [
        dataclasses.replace(c, actual=None, value=None, verdict=Verdict.NO_DATA, samples=0)
        for c in criteria()
    ]
    return PilotReport(
        generated_at=datetime(2026, 11, 2, 9, 30, tzinfo=UTC), since=None,
        until=date(2026, 11, 1), sample=False, criteria=nothing, feedback=empty_feedback(),
    )  # fmt: skip
