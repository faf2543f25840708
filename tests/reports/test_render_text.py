"""What users write reaches the printed report (F1) without breaking its layout (F2): text in
any script prints in the PDF (DejaVu Sans), what no font covers is marked and explained, and one
very long issue is clipped in the report (the data keeps it) and wraps in the HTML."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from mcc.reports import render_pdf as pdf_module
from mcc.reports.model import PilotReport
from mcc.reports.render_html import ISSUE_MAX, render_html, report_view
from mcc.reports.render_pdf import render_pdf
from tests.reports.handmade import handmade_report

SCRIPTS = {
    "arabic": "مرحبا بالعالم",
    "hebrew": "שלום עולם",
    "greek": "Καλημέρα κόσμε",
    "cyrillic": "Привет мир",
    "latin": "Żółć Ærøskøbing straße",
}


def pdf_text(report: PilotReport) -> str:
    data = render_pdf(report)
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def with_issues(issues: list[tuple[str, int]], scope: str | None = None) -> PilotReport:
    report = handmade_report()
    feedback = dataclasses.replace(report.feedback, common_issues=issues)
    return dataclasses.replace(report, feedback=feedback, scope=scope or report.scope)


def test_issue_texts_and_team_names_in_other_scripts_print_in_the_pdf() -> None:
    report = with_issues([(text, 2) for text in SCRIPTS.values()], scope="Teams: Отдел Ελλάδα")
    text = pdf_text(report)
    for name, written in SCRIPTS.items():
        # fpdf2 lays right-to-left text out in visual order, which is what pypdf reads back.
        assert (written[::-1] if name in ("arabic", "hebrew") else written) in text, name
    assert "Teams: Отдел Ελλάδα" in text
    assert "?????" not in text
    assert "could not be printed" not in text


def test_characters_no_font_covers_are_marked_and_explained() -> None:
    report = with_issues([("\u202eRTL override 東京の請求書 emoji 🎉", 1)], scope="Teams: 東京")
    text = pdf_text(report)
    assert "RTL override □□□□□□ emoji □" in text  # the bidi override is invisible: dropped
    assert "Teams: □□" in text
    assert "Some characters could not be printed in this PDF (shown as □)" in text


def test_without_the_font_the_pdf_falls_back_to_helvetica_with_the_note(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(pdf_module, "FONT_DIR", tmp_path)  # no DejaVu there
    text = pdf_text(with_issues([("Привет café", 1)]))
    assert "?????? café" in text
    assert "Some characters could not be printed in this PDF (shown as ?)" in text


def test_a_plain_report_has_no_note() -> None:
    assert "could not be printed" not in pdf_text(with_issues([("slow sync", 3)]))


def test_a_very_long_issue_is_clipped_in_the_report_and_wraps_in_the_html() -> None:
    long_word = "W" * 1800
    report = with_issues([(long_word, 1), ("short one", 1)])
    view = report_view(report)
    shown = dict(view.issues)
    clipped = "W" * (ISSUE_MAX - 1) + "…"
    assert clipped in shown
    assert "short one" in shown
    assert report.feedback.common_issues[0][0] == long_word  # the data keeps the whole text
    html = render_html(report)
    assert long_word not in html
    assert f"<td>{clipped}</td>" in html
    css = (Path(pdf_module.__file__).parents[1] / "web" / "static" / "app.css").read_text()
    assert "table.issues td:first-child { overflow-wrap: anywhere;" in css
    assert len(PdfReader(io.BytesIO(render_pdf(report))).pages) == len(
        PdfReader(io.BytesIO(render_pdf(with_issues([("short one", 1)])))).pages
    )
