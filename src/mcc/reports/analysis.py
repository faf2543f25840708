"""The plan's feedback analysis script, on survey and rating totals (pure: no database).

Averages and medians of the four 1–5 questions with their distributions, minutes saved, the
common issues, thumbs on answers, and the relevance sample (rated answers that cited sources).
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from mcc.reports.model import FeedbackAnalysis, Point, RatingSummary

QUESTIONS = {
    "ease_of_use": "Ease of use",
    "response_quality": "Response quality",
    "time_saved": "Time saved",
    "overall_satisfaction": "Overall satisfaction",
}
SCORES = range(1, 6)  # every answer is 1–5 (the form and the import refuse anything else)
SATISFIED = 4  # an overall satisfaction of 4 or 5 counts as satisfied
COMMON_ISSUES = 10  # the most frequent issues listed
# The common issues are counted over the most recent answers that wrote any, not every answer
# ever given: a bounded read, and what people complain about lately is what matters.
RECENT_ISSUES = 5_000
# One response may list several issues: one per line, or separated by semicolons.
ISSUE_SEPARATORS = re.compile(r"[;\n]+")


def mean(values: Sequence[float]) -> float | None:
    return statistics.fmean(values) if values else None


def median(values: Sequence[float]) -> float | None:
    return float(statistics.median(values)) if values else None


def p95(values: Sequence[float]) -> float | None:
    """The nearest-rank 95th percentile: the smallest value at least 95% of values reach."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[math.ceil(0.95 * len(ordered)) - 1]


def normalise_issue(text: str) -> str:
    """Lower case, single spaces, no surrounding punctuation: "Slow sync." == "slow  sync"."""
    return " ".join(text.lower().split()).strip(" .,!?:-–—\"'")


def common_issues(texts: Sequence[str | None]) -> list[tuple[str, int]]:
    """Each issue counted once per response, most frequent first (then alphabetically)."""
    counts: Counter[str] = Counter()
    for text in texts:
        if text:
            issues = {normalise_issue(part) for part in ISSUE_SEPARATORS.split(text)}
            counts.update(issue for issue in issues if issue)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return ranked[:COMMON_ISSUES]


@dataclass(frozen=True)
class SurveyTotals:
    """The survey answers a report covers, already aggregated by the database
    (`ReportRepository.survey_totals`): a year of weekly answers from a thousand people is
    60,000 rows, which must never be loaded one by one to compute a handful of figures."""

    responses: int
    respondents: int
    distributions: dict[str, dict[int, int]]  # question -> score -> responses
    minutes_count: int  # responses that said how many minutes they saved
    minutes_total: float | None
    minutes_median: float | None
    issues: list[str]  # the most recent RECENT_ISSUES non-empty issue texts
    by_week: list[tuple[str, int, int]]  # (ISO week, sum of overall satisfaction, responses)


@dataclass(frozen=True)
class RatingTotals:
    """Thumbs on answers, counted by the database: (verdict, cited) -> ratings."""

    counts: dict[tuple[str, bool], int]


def distribution_median(distribution: dict[int, int]) -> float | None:
    """The median of the scores a distribution counts (as `statistics.median` of the scores
    themselves: the middle one, or the mean of the two middle ones)."""
    total = sum(distribution.values())
    if not total:
        return None
    wanted = [(total - 1) // 2, total // 2]  # 0-based ranks of the middle score(s)
    found: list[int] = []
    seen = 0
    for score in sorted(distribution):
        seen += distribution[score]
        while wanted and wanted[0] < seen:
            found.append(score)
            wanted.pop(0)
    return (found[0] + found[1]) / 2


def _summary(question: str, counted: dict[int, int]) -> RatingSummary:
    distribution = dict.fromkeys(range(1, 6), 0)
    for score, times in counted.items():
        distribution[score] = distribution.get(score, 0) + times
    responses = sum(distribution.values())
    total = sum(score * times for score, times in distribution.items())
    return RatingSummary(
        question=question,
        label=QUESTIONS[question],
        responses=responses,
        # Integer scores: the exact sum over the count is what `statistics.fmean` gives.
        mean=total / responses if responses else None,
        median=distribution_median(distribution),
        distribution=distribution,
    )


def week_monday(week: str) -> date:
    """ "2026-W49" → the Monday of that ISO week."""
    year, number = week.split("-W")
    return date.fromisocalendar(int(year), int(number), 1)


def satisfaction_by_week(by_week: Sequence[tuple[str, int, int]]) -> list[Point]:
    return [Point(week_monday(week), total / count) for week, total, count in by_week if count]


def analyse(surveys: SurveyTotals, ratings: RatingTotals) -> FeedbackAnalysis:
    overall = surveys.distributions.get("overall_satisfaction", {})
    satisfied = sum(times for score, times in overall.items() if score >= SATISFIED)
    responses = surveys.responses
    counts = ratings.counts
    cited = counts.get(("up", True), 0) + counts.get(("down", True), 0)
    return FeedbackAnalysis(
        responses=responses,
        respondents=surveys.respondents,
        ratings=[
            _summary(question, surveys.distributions.get(question, {})) for question in QUESTIONS
        ],
        satisfaction_rate=satisfied / responses if responses else None,
        minutes_saved_total=surveys.minutes_total if surveys.minutes_count else None,
        minutes_saved_mean=(
            surveys.minutes_total / surveys.minutes_count
            if surveys.minutes_count and surveys.minutes_total is not None
            else None
        ),
        minutes_saved_median=surveys.minutes_median,
        common_issues=common_issues(surveys.issues),
        thumbs_up=sum(n for (verdict, _), n in counts.items() if verdict == "up"),
        thumbs_down=sum(n for (verdict, _), n in counts.items() if verdict == "down"),
        cited_answers_rated=sum(n for (_, was_cited), n in counts.items() if was_cited),
        relevant_share=counts.get(("up", True), 0) / cited if cited else None,
    )
