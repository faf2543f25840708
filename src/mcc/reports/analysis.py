"""The plan's feedback analysis script, on survey rows and ratings (pure: no database).

Averages and medians of the four 1–5 questions with their distributions, minutes saved, the
common issues, thumbs on answers, and the relevance sample (rated answers that cited sources).
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date

from mcc.models import SurveyResponse
from mcc.reports.model import FeedbackAnalysis, Point, RatingSummary

QUESTIONS = {
    "ease_of_use": "Ease of use",
    "response_quality": "Response quality",
    "time_saved": "Time saved",
    "overall_satisfaction": "Overall satisfaction",
}
SATISFIED = 4  # an overall satisfaction of 4 or 5 counts as satisfied
COMMON_ISSUES = 10  # the most frequent issues listed
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


def _summary(question: str, values: list[int]) -> RatingSummary:
    distribution = dict.fromkeys(range(1, 6), 0)
    for value in values:
        distribution[value] = distribution.get(value, 0) + 1
    return RatingSummary(
        question=question,
        label=QUESTIONS[question],
        responses=len(values),
        mean=mean(values),
        median=median(values),
        distribution=distribution,
    )


def week_monday(week: str) -> date:
    """ "2026-W49" → the Monday of that ISO week."""
    year, number = week.split("-W")
    return date.fromisocalendar(int(year), int(number), 1)


def satisfaction_by_week(responses: Sequence[SurveyResponse]) -> list[Point]:
    by_week: dict[str, list[int]] = defaultdict(list)
    for response in responses:
        by_week[response.week].append(response.overall_satisfaction)
    return [
        Point(week_monday(week), statistics.fmean(values))
        for week, values in sorted(by_week.items())
    ]


def analyse(
    responses: Sequence[SurveyResponse], ratings: Sequence[tuple[str, bool]]
) -> FeedbackAnalysis:
    minutes = [r.minutes_saved for r in responses if r.minutes_saved is not None]
    satisfied = sum(1 for r in responses if r.overall_satisfaction >= SATISFIED)
    cited = [verdict for verdict, was_cited in ratings if was_cited]
    return FeedbackAnalysis(
        responses=len(responses),
        respondents=len({r.respondent for r in responses}),
        ratings=[
            _summary(question, [int(getattr(r, question)) for r in responses])
            for question in QUESTIONS
        ],
        satisfaction_rate=satisfied / len(responses) if responses else None,
        minutes_saved_total=math.fsum(minutes) if minutes else None,
        minutes_saved_mean=mean(minutes),
        minutes_saved_median=median(minutes),
        common_issues=common_issues([r.issues for r in responses]),
        thumbs_up=sum(1 for verdict, _ in ratings if verdict == "up"),
        thumbs_down=sum(1 for verdict, _ in ratings if verdict == "down"),
        cited_answers_rated=len(cited),
        relevant_share=cited.count("up") / len(cited) if cited else None,
    )
