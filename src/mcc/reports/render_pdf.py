"""The pilot report as a printable A4 PDF, for the stakeholder meeting.

Drawn with fpdf2 (pure Python: works offline on a server without a browser) from the same
`ReportView` as the HTML, and its charts from the same geometry (`mcc.web.charts`) scaled from
SVG units to millimetres, so the figures on paper are the figures on the page.

Text is drawn in DejaVu Sans (Debian `fonts-dejavu-core`, embedded as a subset) so issue texts
and team names in Greek, Cyrillic, Arabic, Hebrew, ... print as in the HTML. A character no font
covers (CJK, emoji) prints as "□" and the report ends with a note saying so, rather than a run of
"?" that reads like data. Without the font, the built-in Helvetica (Latin-1) is used, with the
same placeholder and note.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from fpdf import FPDF, FontFace, XPos, YPos
from fpdf.fonts import TTFFont

from mcc.reports.model import PilotReport
from mcc.reports.render_html import ReportView, report_view
from mcc.web import charts

INK = (31, 41, 55)
MUTED = (75, 85, 99)
GRID = (229, 231, 235)
ACCENT = (29, 78, 216)
TARGET = (185, 28, 28)
BARS = {"rating": (37, 99, 235), "issue": (217, 119, 6)}
VERDICT_FILL = {"pass": (220, 252, 231), "fail": (254, 226, 226), "nodata": (229, 231, 235)}
WARN_FILL, WARN_INK = (254, 243, 199), (146, 64, 14)
PAGE_WIDTH = 180.0  # A4 (210 mm) less 15 mm margins
CHART_WIDTH = 87.0
CHART_GAP = PAGE_WIDTH - 2 * CHART_WIDTH

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
MISSING = "\u25a1"  # "□": in DejaVu Sans; "?" in Helvetica (Latin-1 has no box)
MISSING_NOTE = (
    "Some characters could not be printed in this PDF (shown as {mark}); "
    "the HTML report shows the full text."
)
_ASCII = str.maketrans({"—": "-", "–": "-", "≥": ">=", "≤": "<=", "…": "...", "’": "'",
                        "‘": "'", "“": '"', "”": '"', "·": "-", "→": "->", "×": "x"})  # fmt: skip
_LATIN1 = frozenset(range(256))


def _unicode_font(folder: Path) -> dict[str, Path] | None:
    """The DejaVu Sans files (regular, bold) when installed, else None (Helvetica then)."""
    paths = {style: folder / name for style, name in FONT_FILES.items()}
    return paths if all(path.is_file() for path in paths.values()) else None


class _Document(FPDF):
    def __init__(self, banner: str | None, font_dir: Path) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.banner = banner
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(auto=True, margin=16)
        self.set_title("MCC pilot report")
        self.set_creator("Marketing Command Center")
        self.lost = False  # some character had no glyph: the report ends with a note
        files = _unicode_font(font_dir)
        if files is None:
            self.face, self.glyphs, self.missing = "Helvetica", _LATIN1, "?"
        else:
            for style, path in files.items():
                self.add_font("DejaVu", style, str(path))
            self.face, self.missing = "DejaVu", MISSING
            font = self.fonts["dejavu"]
            assert isinstance(font, TTFFont)
            self.glyphs = frozenset(font.cmap)

    def clean(self, text: str) -> str:
        """`text` in characters the font can draw: invisible controls (bidi overrides, NUL)
        dropped, anything else without a glyph replaced by a visible mark. Typographic dashes,
        quotes and arrows are spelt in ASCII in both fonts, so the text reads the same."""
        out = []
        for char in text.translate(_ASCII):
            if unicodedata.category(char) in ("Cc", "Cf"):
                continue
            if ord(char) in self.glyphs:
                out.append(char)
            else:
                self.lost = True
                out.append(self.missing)
        return "".join(out)

    def header(self) -> None:
        """The sample label on every page, so no printed page can pass for real data."""
        if self.banner:
            self.set_font(self.face, "B", 11)
            self.set_fill_color(*WARN_FILL)
            self.set_text_color(*WARN_INK)
            self.cell(0, 8, self.clean(self.banner), align="C", fill=True, border=1,
                      new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip
            self.ln(3)
        self.set_text_color(*INK)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.face, "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, f"Marketing Command Center - pilot report - page {self.page_no()}/{{nb}}",
                  align="C")  # fmt: skip

    def heading(self, text: str) -> None:
        if self.will_page_break(30):
            self.add_page()
        self.ln(3)
        self.set_font(self.face, "B", 13)
        self.set_text_color(*INK)
        self.cell(0, 8, self.clean(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def text_line(self, text: str, size: float = 10, style: str = "") -> None:
        self.set_font(self.face, style, size)
        self.multi_cell(0, size * 0.5, self.clean(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def render_pdf(report: PilotReport) -> bytes:
    """The report as PDF bytes; CPU work, so callers on the event loop run it in a thread."""
    view = report_view(report)
    pdf = _Document(view.banner, FONT_DIR)
    pdf.add_page()
    pdf.set_font(pdf.face, "B", 18)
    pdf.cell(0, 10, pdf.clean(view.title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*MUTED)
    pdf.text_line(f"{view.period} - generated {view.generated}", 9)
    pdf.text_line(f"Figures of {view.scope} (availability: the whole deployment)", 9)
    pdf.ln(2)
    _go_line(pdf, view)
    pdf.heading("Metrics summary")
    _metrics(pdf, view)
    pdf.heading("Over time")
    _chart_rows(pdf, list(view.timelines))
    pdf.heading("Feedback analysis")
    _feedback(pdf, view)
    if pdf.lost:
        pdf.ln(4)
        pdf.text_line(MISSING_NOTE.format(mark=pdf.missing), 9, "B")
    return bytes(pdf.output())


def _go_line(pdf: _Document, view: ReportView) -> None:
    fill, ink = ((220, 252, 231), (20, 83, 45)) if view.go else ((254, 226, 226), (127, 29, 29))
    pdf.set_fill_color(*fill)
    pdf.set_text_color(*ink)
    pdf.set_font(pdf.face, "B", 11)
    pdf.multi_cell(0, 7, pdf.clean(view.go_line), fill=True, padding=2,
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip
    pdf.set_text_color(*INK)


def _metrics(pdf: _Document, view: ReportView) -> None:
    pdf.set_font(pdf.face, "", 8.5)
    heading = FontFace(emphasis="BOLD", fill_color=(243, 244, 246))
    with pdf.table(col_widths=(34, 18, 28, 18, 82), headings_style=heading,
                   line_height=4.4, padding=1.2) as table:  # fmt: skip
        table.row([pdf.clean(name) for name in ("Metric", "Target", "Actual", "Status",
                                             "How measured")])  # fmt: skip
        for criterion in view.criteria:
            row = table.row()
            row.cell(pdf.clean(criterion.name), style=FontFace(emphasis="BOLD"))
            row.cell(pdf.clean(criterion.target))
            actual = view.actual(criterion)
            samples = f" (n = {criterion.samples})" if criterion.actual is not None else ""
            row.cell(pdf.clean(actual + samples))
            kind = view.verdict_class(criterion)
            row.cell(criterion.verdict.value,
                     style=FontFace(emphasis="BOLD", fill_color=VERDICT_FILL[kind]))  # fmt: skip
            row.cell(pdf.clean(criterion.how), style=FontFace(color=MUTED))


def _feedback(pdf: _Document, view: ReportView) -> None:
    pdf.set_font(pdf.face, "", 9)
    with pdf.table(col_widths=(70, 110), first_row_as_headings=False, line_height=5) as facts:
        for label, value in view.facts:
            facts.row([pdf.clean(label), pdf.clean(value)])
    pdf.ln(3)
    heading = FontFace(emphasis="BOLD", fill_color=(243, 244, 246))
    with pdf.table(col_widths=(70, 36, 37, 37), headings_style=heading, line_height=5) as table:
        table.row(["Question (1 to 5)", "Responses", "Mean", "Median"])
        for question in view.questions:
            table.row([pdf.clean(question.label), str(question.responses), question.mean,
                       question.median])  # fmt: skip
    pdf.ln(3)
    _chart_rows(pdf, [question.chart for question in view.questions if question.chart])
    pdf.heading("Common issues")
    if not view.issues:
        pdf.text_line("No issues reported.", 9)
        return
    with pdf.table(col_widths=(150, 30), headings_style=heading, line_height=5) as table:
        table.row(["Issue", "Mentions"])
        for text, count in view.issues:
            table.row([pdf.clean(text), str(count)])
    pdf.ln(3)
    if view.issues_chart is not None:
        _chart_rows(pdf, [view.issues_chart])


def _chart_rows(pdf: _Document, drawn: list[charts.Chart | charts.LineChart]) -> None:
    """Two charts side by side per row, each with its title above it."""
    for index in range(0, len(drawn), 2):
        pair = drawn[index : index + 2]
        scale = CHART_WIDTH / max(chart.width for chart in pair)
        height = max(chart.height for chart in pair) * scale + 7
        if pdf.will_page_break(height):
            pdf.add_page()
        top = pdf.get_y()
        for column, chart in enumerate(pair):
            left = pdf.l_margin + column * (CHART_WIDTH + CHART_GAP)
            pdf.set_xy(left, top)
            pdf.set_font(pdf.face, "B", 8.5)
            pdf.set_text_color(*INK)
            pdf.cell(CHART_WIDTH, 5, pdf.clean(chart.title))
            if isinstance(chart, charts.LineChart):
                _line_chart(pdf, chart, left, top + 6, scale)
            else:
                _bar_chart(pdf, chart, left, top + 6, scale)
        pdf.set_xy(pdf.l_margin, top + height + 2)


def _line_chart(pdf: _Document, chart: charts.LineChart, left: float, top: float, k: float) -> None:
    def at(x: float, y: float) -> tuple[float, float]:
        return left + x * k, top + y * k

    pdf.set_font(pdf.face, "", 6)
    pdf.set_line_width(0.2)
    for tick in chart.y_ticks:
        pdf.set_draw_color(*GRID)
        pdf.line(*at(chart.left, tick.position), *at(chart.right, tick.position))
        pdf.set_text_color(*MUTED)
        x, y = at(chart.left - 4, tick.position)
        pdf.text(x - pdf.get_string_width(pdf.clean(tick.label)), y + 1, pdf.clean(tick.label))
    for tick in chart.x_ticks:
        x, y = at(tick.position, chart.bottom + 14)
        pdf.text(x - pdf.get_string_width(tick.label) / 2, y, pdf.clean(tick.label))
    if chart.target is not None:
        pdf.set_draw_color(*TARGET)
        pdf.set_text_color(*TARGET)
        with pdf.local_context():
            pdf.set_dash_pattern(dash=1.2, gap=0.8)
            pdf.line(
                *at(chart.left, chart.target.position), *at(chart.right, chart.target.position)
            )
        label = pdf.clean(f"target {chart.target.label}")
        x, y = at(chart.right, chart.target.position - 3)
        pdf.text(x - pdf.get_string_width(label), y, label)
    if not chart.marks:
        pdf.set_text_color(*MUTED)
        pdf.set_font(pdf.face, "", 9)
        x, y = at((chart.left + chart.right) / 2, (chart.top + chart.bottom) / 2)
        pdf.text(x - pdf.get_string_width("No data yet") / 2, y, "No data yet")
        return
    pdf.set_draw_color(*ACCENT)
    pdf.set_fill_color(*ACCENT)
    pdf.set_line_width(0.4)
    points = [at(mark.x, mark.y) for mark in chart.marks]
    if len(points) > 1:
        pdf.polyline(points)
    for x, y in points:
        pdf.circle(x, y, 0.6, style="F")
    pdf.set_text_color(*INK)


def _bar_chart(pdf: _Document, chart: charts.Chart, left: float, top: float, k: float) -> None:
    pdf.set_font(pdf.face, "", 7)
    for bar in chart.bars:
        label = pdf.clean(bar.label)
        pdf.set_text_color(*INK)
        x, y = left + (bar.x - 8) * k, top + (bar.y + 13) * k
        pdf.text(x - pdf.get_string_width(label), y, label)
        pdf.set_fill_color(*BARS.get(bar.kind, ACCENT))
        if bar.width > 0:
            pdf.rect(left + bar.x * k, top + bar.y * k, bar.width * k, bar.height * k, style="F")
        pdf.text(left + (bar.x + bar.width + 6) * k, y, str(bar.value))
