"""Bar charts as geometry for inline SVG, computed here so templates only draw.

Server-side SVG needs no JavaScript, prints, and is read by screen readers through its
`aria-label` (the chart's figures in words), which a canvas chart cannot offer.
"""

from __future__ import annotations

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
