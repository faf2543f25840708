"""The renderings of a hand-made pilot report: every figure appears in the HTML and in the
PDF's text, "no data" is never shown as 0, and a sample report says so on every page."""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import date
from html import unescape

import pytest
from pypdf import PdfReader

from mcc.reports.model import PilotReport, Point, Verdict
from mcc.reports.render_html import render_html
from mcc.reports.render_pdf import render_pdf
from tests.reports.handmade import empty_report, handmade_report


def pdf_pages(report: PilotReport) -> list[str]:
    data = render_pdf(report)
    assert data.startswith(b"%PDF-")
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def row(html: str, key: str) -> str:
    found = re.search(rf'<tr id="criterion-{key}">(.*?)</tr>', html, re.S)
    assert found, key
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1))))


def test_html_shows_every_criterion_with_target_actual_verdict_and_how() -> None:
    report = handmade_report()
    html = render_html(report)
    for criterion in report.criteria:
        cells = row(html, criterion.key)
        assert criterion.name in cells
        assert criterion.target in cells
        assert (criterion.actual or "no data") in cells
        assert criterion.verdict.value in cells
        assert criterion.how in cells
    availability = row(html, "availability")
    assert "no data" in availability
    assert "NO DATA" in availability
    assert " 0 " not in availability
    assert "0.0" not in availability
    assert "(n =" not in availability
    assert "NO GO — below target: Sync latency; no data yet: System availability." in html
    assert "SAMPLE DATA" not in html


def test_html_shows_the_feedback_analysis_and_charts_with_their_numbers() -> None:
    html = render_html(handmade_report())
    for figure in ("18 from 6 people", "83.3%", "540 min", "30.0 min", "25.0 min", "30 / 8",
                   "78.9%", "slow first answer", "missing legal review step"):  # fmt: skip
        assert figure in html, figure
    # each question: mean and median in the table, its distribution as a chart
    assert re.search(r"Response quality</th><td>18</td><td>3.56</td><td>4.0</td>", html)
    desc = re.search(r'<desc id="chart-ease_of_use-desc">(.*?)</desc>', html)
    assert desc
    assert desc.group(1) == "1 of 5: 0, 2 of 5: 1, 3 of 5: 3, 4 of 5: 9, 5 of 5: 5"
    # time series: an accessible SVG, the numbers beside it, the target drawn
    assert html.count('role="img"') == 4 + 4 + 1
    creation = re.search(r'<desc id="chart-creation-desc">(.*?)</desc>', html)
    assert creation
    assert creation.group(1).startswith("2026-10-05: 6.0 min, 2026-10-08: 7.0 min")
    assert "Target: 10.0 min." in creation.group(1)
    assert "<td>2026-10-26</td><td>230.0 s</td>" in html  # sync latency table
    availability = re.search(r'<figure class="chart line-chart" id="chart-availability">.*?'
                             r"</figure>", html, re.S)  # fmt: skip
    assert availability
    assert "No data yet" in availability.group(0)
    assert "<polyline" not in availability.group(0)
    assert "<script" not in html
    assert "http" not in html.split("</style>")[1]


def test_a_go_report_says_go() -> None:
    report = handmade_report()
    passing = [dataclasses.replace(c, verdict=Verdict.PASS) for c in report.criteria]
    html = render_html(dataclasses.replace(report, criteria=passing))
    assert "GO — every success criterion meets its target." in html
    assert "NO GO" not in html


def test_an_empty_report_shows_no_data_everywhere_never_zero() -> None:
    report = empty_report()
    html = render_html(report)
    for criterion in report.criteria:
        assert "no data" in row(html, criterion.key)
    for label in (
        "Satisfied (4 or 5 of 5)",
        "Minutes saved, total",
        "Cited answers rated relevant",
    ):
        assert re.search(rf"<dt>{re.escape(label)}</dt><dd>no data</dd>", html), label
    assert re.search(r"Ease of use</th><td>0</td><td>no data</td><td>no data</td>", html)
    assert html.count(">No data yet</text>") == 4  # the four time series
    assert html.count('<p class="muted">No answers yet</p>') == 4  # the four questions
    assert "of 5: 0" not in html
    assert "From the start to 2026-11-01" in html
    text = "\n".join(pdf_pages(report))
    assert text.count("NO DATA") == len(report.criteria)
    assert "No data yet" in text


def test_a_sample_report_is_labelled_on_the_page_in_every_section_and_on_every_pdf_page() -> None:
    report = handmade_report(sample=True)
    html = render_html(report)
    assert '<p class="sample-banner" role="note">SAMPLE DATA — demo pilot</p>' in html
    assert html.count('<span class="sample-tag">sample</span>') == 3
    assert "Pilot report (sample)" in html
    pages = pdf_pages(report)
    assert len(pages) >= 2
    for text in pages:
        assert text.startswith("SAMPLE DATA - demo pilot"), text[:80]


def test_the_pdf_carries_every_figure_of_the_html() -> None:
    report = handmade_report()
    text = re.sub(r"\s+", " ", "\n".join(pdf_pages(report)))
    for criterion in report.criteria:
        assert criterion.name.split()[-1] in text
        assert (criterion.actual or "no data") in text, criterion.key
        assert criterion.target.replace("≥", ">=") in text
    assert re.search(r"System availability >= 99% no data NO DATA", text)
    assert re.search(r"Sync latency < 2 min 2\.6 min \(n = 41\) FAIL", text)
    verdict = "NO GO - below target: Sync latency; no data yet: System availability."
    for figure in ("18 from 6 people", "83.3%", "540 min", "30 / 8", "78.9%",
                   "Response quality 18 3.56 4.0", "slow first answer 4", verdict):  # fmt: skip
        assert figure in text, figure
    assert "SAMPLE DATA" not in text
    for title in ("Campaign creation time (minutes", "Sync latency (seconds", "target 10.0 min"):
        assert title in text


@pytest.mark.parametrize(
    ("hostile", "escaped", "printed"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)"),
        ("Ümlaut → ≥ “quoted” 日本", "Ümlaut → ≥ “quoted” 日本", 'Ümlaut -> >= "quoted" □□'),
    ],
)
def test_text_from_users_is_escaped_in_html_and_printable_in_pdf(
    hostile: str, escaped: str, printed: str
) -> None:
    report = handmade_report()
    feedback = dataclasses.replace(report.feedback, common_issues=[(hostile, 3)])
    report = dataclasses.replace(
        report, feedback=feedback, availability_by_day=[Point(date(2026, 10, 6), 0.995)]
    )
    html = render_html(report)
    assert f"<td>{escaped}</td><td>3</td>" in html
    assert "<script>alert" not in html
    assert "<td>2026-10-06</td><td>99.5%</td>" in html
    text = "\n".join(pdf_pages(report))
    assert printed in text
