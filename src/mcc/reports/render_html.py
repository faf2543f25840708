"""The pilot report as HTML: the Reports page's body and a standalone file to download.

Both are drawn by one template (`reports/body.html`) from one view (`report_view`), which also
feeds the PDF, so a figure reads the same on the page, in the file and on paper. Every figure a
reader would rather see is an inline SVG chart with the numbers beside it (a table or
`<details>`), which needs no JavaScript, prints, and is read out by screen readers.

`None` in the report is "no data": shown as "no data", never as 0, and its criterion is NO DATA.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from mcc.reports.model import Criterion, PilotReport, Point, RatingSummary, Verdict
from mcc.web import charts

WEB_DIR = Path(__file__).resolve().parent.parent / "web"
NO_DATA = "no data"
SAMPLE_BANNER = "SAMPLE DATA — demo pilot"
# The plan's targets, drawn as dashed lines on the charts of the same figure.
CREATION_TARGET_MIN = 10.0
SYNC_TARGET_S = 120.0
SATISFACTION_TARGET = 4.0  # "satisfied" is 4 or 5 of 5
AVAILABILITY_TARGET = 0.99


def number(value: float | None, unit: str = "", digits: int = 1) -> str:
    if value is None:
        return NO_DATA
    shown = f"{value:,.{digits}f}"
    return f"{shown} {unit}".strip()


def share(value: float | None) -> str:
    return NO_DATA if value is None else f"{value * 100:.1f}%"


@dataclass(frozen=True)
class Question:
    """One survey question as shown: its figures and its distribution chart."""

    label: str
    responses: int
    mean: str
    median: str
    chart: charts.Chart | None


@dataclass(frozen=True)
class ReportView:
    """Everything the renderings show, formatted once."""

    report: PilotReport
    title: str
    period: str
    scope: str  # whose data the figures cover: "Whole organisation", "Teams: Growth"
    generated: str
    banner: str | None
    go_line: str
    go: bool
    criteria: list[Criterion]
    facts: list[tuple[str, str]]  # the feedback analysis' headline figures
    questions: list[Question]
    issues: list[tuple[str, int]]
    issues_chart: charts.Chart | None
    timelines: list[charts.LineChart]

    @staticmethod
    def actual(criterion: Criterion) -> str:
        return criterion.actual if criterion.actual is not None else NO_DATA

    @staticmethod
    def verdict_class(criterion: Criterion) -> str:
        return {Verdict.PASS: "pass", Verdict.FAIL: "fail"}.get(criterion.verdict, "nodata")


def go_line(report: PilotReport) -> str:
    """The plan's decision in one sentence, naming what stands in the way."""
    if report.go:
        return "GO — every success criterion meets its target."
    failing = [c.name for c in report.criteria if c.verdict is Verdict.FAIL]
    missing = [c.name for c in report.criteria if c.verdict is Verdict.NO_DATA]
    reasons = []
    if failing:
        reasons.append("below target: " + ", ".join(failing))
    if missing:
        reasons.append("no data yet: " + ", ".join(missing))
    return "NO GO — " + "; ".join(reasons or ["no criteria measured"]) + "."


def _question(rating: RatingSummary) -> Question:
    items = [
        (f"{score} of 5", rating.distribution.get(score, 0), "rating") for score in range(1, 6)
    ]
    # A question nobody answered has no distribution: "no answers yet", not five zero bars.
    chart = (
        charts.horizontal(f"chart-{rating.question}", rating.label, items)
        if rating.responses
        else None
    )
    return Question(
        rating.label,
        rating.responses,
        number(rating.mean, digits=2),
        number(rating.median),
        chart,
    )


def _timelines(report: PilotReport) -> list[charts.LineChart]:
    def series(points: list[Point]) -> list[tuple[date, float]]:
        return [(point.at, point.value) for point in points]

    return [
        charts.timeline("chart-creation", "Campaign creation time (minutes, per campaign)",
                         series(report.creation_minutes), lambda v: number(v, "min"),
                         target=CREATION_TARGET_MIN),
        charts.timeline("chart-sync", "Sync latency (seconds, per Workfront event)",
                         series(report.sync_latency_seconds), lambda v: number(v, "s"),
                         target=SYNC_TARGET_S),
        charts.timeline("chart-satisfaction", "Overall satisfaction by week (mean of 1–5)",
                         series(report.satisfaction_by_week), lambda v: number(v, digits=2),
                         target=SATISFACTION_TARGET, floor=1.0, ceiling=5.0),
        charts.timeline("chart-availability", "Availability by day (healthy checks)",
                         series(report.availability_by_day), share,
                         target=AVAILABILITY_TARGET, floor=None, ceiling=1.0),
    ]  # fmt: skip


def report_view(report: PilotReport) -> ReportView:
    feedback = report.feedback
    since = report.since.isoformat() if report.since else "the start"
    facts = [
        ("Survey responses", f"{feedback.responses} from {feedback.respondents} people"),
        ("Satisfied (4 or 5 of 5)", share(feedback.satisfaction_rate)),
        ("Minutes saved, total", number(feedback.minutes_saved_total, "min", 0)),
        ("Minutes saved per campaign, mean", number(feedback.minutes_saved_mean, "min")),
        ("Minutes saved per campaign, median", number(feedback.minutes_saved_median, "min")),
        ("Answers rated helpful / not helpful", f"{feedback.thumbs_up} / {feedback.thumbs_down}"),
        ("Rated answers with citations", str(feedback.cited_answers_rated)),
        ("Cited answers rated relevant", share(feedback.relevant_share)),
    ]
    issues = [(_short(text, ISSUE_MAX), count) for text, count in feedback.common_issues[:10]]
    issues_chart = (
        charts.horizontal("chart-issues", "Common issues (times mentioned)",
                          [(_short(text), count, "issue") for text, count in issues])
        if issues else None
    )  # fmt: skip
    return ReportView(
        report=report,
        title="Pilot report" + (" (sample)" if report.sample else ""),
        period=f"From {since} to {report.until.isoformat()}",
        scope=report.scope,
        generated=report.generated_at.strftime("%Y-%m-%d %H:%M UTC"),
        banner=SAMPLE_BANNER if report.sample else None,
        go_line=go_line(report),
        go=report.go,
        criteria=list(report.criteria),
        facts=facts,
        questions=[_question(rating) for rating in feedback.ratings],
        issues=issues,
        issues_chart=issues_chart,
        timelines=_timelines(report),
    )


ISSUE_MAX = 200  # a frequency table, not a transcript: one long answer must not fill a page


def _short(text: str, limit: int = 14) -> str:
    """A chart label that fits its column; the table beside it has the whole text."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_environment = Environment(
    loader=FileSystemLoader(WEB_DIR / "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def _stylesheet() -> str:
    """The app's CSS and the report's, inlined: the downloaded file must stand alone."""
    static = WEB_DIR / "static"
    return "\n".join((static / name).read_text() for name in ("app.css", "report.css"))


def render_html(report: PilotReport) -> str:
    """A standalone HTML document (inline CSS, no scripts, no links to the server)."""
    context: dict[str, Any] = {"view": report_view(report), "stylesheet": _stylesheet()}
    return _environment.get_template("reports/standalone.html").render(context)
