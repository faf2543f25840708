"""Bar charts as geometry for inline SVG, computed here so templates only draw.

Server-side SVG needs no JavaScript, prints, and is read by screen readers through its
`aria-label` (the chart's figures in words), which a canvas chart cannot offer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

LABEL_WIDTH = 96
BAR_SPACE = 220
ROW_HEIGHT = 26
COLUMN_WIDTH = 30
PLOT_HEIGHT = 110
AXIS_HEIGHT = 34


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float
    kind: str  # CSS class suffix that picks the colour


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    width: int
    height: int
    bars: tuple[Bar, ...]
    horizontal: bool

    @property
    def description(self) -> str:
        return ", ".join(f"{bar.label}: {bar.value}" for bar in self.bars)


def horizontal(chart_id: str, title: str, items: list[tuple[str, int, str]]) -> Chart:
    """One row per item: label on the left, a bar proportional to the largest value."""
    peak = max((value for _, value, _ in items), default=0) or 1
    bars = tuple(
        Bar(label, value, LABEL_WIDTH, index * ROW_HEIGHT + 4, BAR_SPACE * value / peak, 18, kind)
        for index, (label, value, kind) in enumerate(items)
    )
    width = LABEL_WIDTH + BAR_SPACE + 40
    return Chart(chart_id, title, width, len(items) * ROW_HEIGHT + 4, bars, horizontal=True)


def monthly(chart_id: str, title: str, counts: dict[date, int], today: date) -> Chart:
    """One column per month; the current month is drawn in the accent colour."""
    peak = max(counts.values(), default=0) or 1
    bars = []
    for index, (month, value) in enumerate(counts.items()):
        height = PLOT_HEIGHT * value / peak
        current = (month.year, month.month) == (today.year, today.month)
        bars.append(
            Bar(
                month.strftime("%b %y"),
                value,
                index * COLUMN_WIDTH + 4,
                PLOT_HEIGHT - height + 16,
                COLUMN_WIDTH - 8,
                height,
                "current" if current else "month",
            )
        )
    width = len(bars) * COLUMN_WIDTH + 8
    return Chart(chart_id, title, width, PLOT_HEIGHT + 16 + AXIS_HEIGHT, tuple(bars), False)


# --- time series (the pilot report) ----------------------------------------------------------

LINE_WIDTH = 480
LINE_HEIGHT = 190
LINE_LEFT = 56  # room for the y-axis labels
LINE_RIGHT = 16
LINE_TOP = 12
LINE_BOTTOM = 30  # room for the dates


@dataclass(frozen=True)
class Mark:
    """One point of a line chart: where it is drawn and what it says."""

    label: str  # the date, ISO
    shown: str  # the value for people ("8.2 min")
    x: float
    y: float


@dataclass(frozen=True)
class Tick:
    position: float  # y for a value tick, x for a date
    label: str


@dataclass(frozen=True)
class LineChart:
    """A time series: dots joined by a line, a dashed target line, value and date ticks.

    Coordinates are in the SVG's own units; the PDF scales the same geometry to millimetres, so
    the printout and the page draw one chart.
    """

    id: str
    title: str
    width: int
    height: int
    marks: tuple[Mark, ...]
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]
    target: Tick | None
    left: float = LINE_LEFT
    right: float = LINE_WIDTH - LINE_RIGHT
    top: float = LINE_TOP
    bottom: float = LINE_HEIGHT - LINE_BOTTOM

    @property
    def polyline(self) -> str:
        return " ".join(f"{mark.x:.1f},{mark.y:.1f}" for mark in self.marks)

    @property
    def description(self) -> str:
        if not self.marks:
            return "No data yet."
        shown = ", ".join(f"{mark.label}: {mark.shown}" for mark in self.marks[:60])
        more = f" and {len(self.marks) - 60} more" if len(self.marks) > 60 else ""
        target = f" Target: {self.target.label}." if self.target else ""
        return f"{shown}{more}.{target}"


def timeline(
    chart_id: str,
    title: str,
    points: list[tuple[date, float]],
    shown: Callable[[float], str],
    *,
    target: float | None = None,
    floor: float | None = 0.0,
    ceiling: float | None = None,
) -> LineChart:
    """Dates spread evenly over the x axis by day; y from `floor` (or the lowest value, for
    figures that live near their top, like availability) to the highest of the values, the
    target and `ceiling` (the top of a scale, like 5 of 5)."""
    ordered = sorted(points)
    if not ordered:  # nothing to scale: the template says "No data yet", never a flat zero
        return LineChart(chart_id, title, LINE_WIDTH, LINE_HEIGHT, (), (), (), None)
    values = [value for _, value in ordered] + [v for v in (target, ceiling) if v is not None]
    low = floor if floor is not None else min(values)
    high = max(values)
    if high - low < 1e-9:  # one value (or all equal): give the line some room
        high = low + (abs(low) * 0.1 or 1.0)
    left, right = LINE_LEFT, LINE_WIDTH - LINE_RIGHT
    top, bottom = LINE_TOP, LINE_HEIGHT - LINE_BOTTOM
    first = ordered[0][0]
    days = max((ordered[-1][0] - first).days, 1)

    def x_of(day: date) -> float:
        if len({d for d, _ in ordered}) < 2:
            return (left + right) / 2
        return left + (right - left) * (day - first).days / days

    def y_of(value: float) -> float:
        return bottom - (bottom - top) * (value - low) / (high - low)

    marks = tuple(
        Mark(day.isoformat(), shown(value), x_of(day), y_of(value)) for day, value in ordered
    )
    y_ticks = tuple(Tick(y_of(low + (high - low) * i / 4), shown(low + (high - low) * i / 4))
                    for i in range(5))  # fmt: skip
    dates = sorted({day for day, _ in ordered})
    picked = [dates[round(i * (len(dates) - 1) / 3)] for i in range(4)] if len(dates) > 4 else dates
    x_ticks = tuple(Tick(x_of(day), day.strftime("%d %b")) for day in dict.fromkeys(picked))
    mark = Tick(y_of(target), shown(target)) if target is not None else None
    return LineChart(chart_id, title, LINE_WIDTH, LINE_HEIGHT, marks, y_ticks, x_ticks, mark)
