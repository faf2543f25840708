"""The Reports page and its downloads, as an admin, a viewer and a marketer; and
`mcc report --format html|pdf|json` writing the same report to a file."""

from __future__ import annotations

import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from mcc.config import Settings
from mcc.reports.source import SAMPLE_MARKER
from tests.auth.support import Browser
from tests.conftest import Backend
from tests.reports.conftest import Figures
from tests.test_cli import Mcc


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


async def test_admins_read_the_report_and_download_it(admin: Browser, figures: Figures) -> None:
    await reads_and_downloads(admin, figures)


async def test_viewers_read_the_report_and_download_it(viewer: Browser, figures: Figures) -> None:
    await reads_and_downloads(viewer, figures)


async def reads_and_downloads(reader: Browser, figures: Figures) -> None:
    page = await reader.client.get("/reports")
    assert page.status_code == 200
    assert '<a href="/reports" aria-current="page">Reports</a>' in page.text
    for criterion in figures.report.criteria:
        row = re.search(rf'<tr id="criterion-{criterion.key}">(.*?)</tr>', page.text, re.S)
        assert row, criterion.key
        assert (criterion.actual or "no data") in row.group(1)
        assert criterion.verdict.value in row.group(1)
    assert "NO GO — below target: Sync latency" in page.text
    assert 'href="/reports/pilot.pdf"' in page.text
    assert 'href="/reports/pilot.html"' in page.text
    assert "SAMPLE DATA" not in page.text

    pdf = await reader.client.get("/reports/pilot.pdf")
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert "attachment" in pdf.headers["content-disposition"]
    text = pdf_text(pdf.content)
    for criterion in figures.report.criteria:
        assert f"{criterion.actual or 'no data'}" in text
    html = await reader.client.get("/reports/pilot.html")
    assert html.status_code == 200
    assert (
        'filename="pilot-report-2026-10-05-2026-11-01.html"' in html.headers["content-disposition"]
    )
    assert "default-src 'none'" in html.headers["content-security-policy"]
    assert "<style>" in html.text
    assert "7.4 min" in html.text


async def test_marketers_get_403_and_no_menu_entry(marketer: Browser, figures: Figures) -> None:
    for path in ("/reports", "/reports/pilot.pdf", "/reports/pilot.html"):
        response = await marketer.client.get(path)
        assert response.status_code == 403, path
        assert "7.4 min" not in response.text
    assert figures.asked == []  # refused before anything was computed
    dashboard = await marketer.client.get("/")
    assert 'href="/reports"' not in dashboard.text


async def test_since_narrows_the_period_and_bad_dates_are_refused(
    admin: Browser, figures: Figures, settings: Settings
) -> None:
    page = await admin.client.get("/reports", params={"since": "2026-10-12"})
    assert page.status_code == 200
    assert figures.asked == [(date(2026, 10, 12), settings.current_date())]
    assert 'value="2026-10-12"' in page.text
    assert 'href="/reports/pilot.pdf?since=2026-10-12"' in page.text
    await admin.client.get("/reports/pilot.pdf", params={"since": "2026-10-12"})
    assert figures.asked[-1][0] == date(2026, 10, 12)
    for bad, message in (("yesterday", "is not a date"), ("2999-01-01", "outside the pilot"),
                         ("<b>", "is not a date")):  # fmt: skip
        for path in ("/reports", "/reports/pilot.pdf", "/reports/pilot.html"):
            refused = await admin.client.get(path, params={"since": bad})
            assert refused.status_code == 422, (path, bad)
            assert message in refused.text
    assert len(figures.asked) == 2
    in_browser = await admin.client.get(
        "/reports", params={"since": "<b>"}, headers={"Accept": "text/html"}
    )
    assert in_browser.status_code == 422
    assert "since: &#39;&lt;b&gt;&#39; is not a date" in in_browser.text


async def test_before_any_figures_every_criterion_says_no_data(admin: Browser) -> None:
    page = await admin.client.get("/reports")
    assert page.status_code == 200
    assert page.text.count(">NO DATA</span>") == 6
    assert "NO GO — no data yet: Campaign creation time, Sync latency" in page.text


async def test_the_demo_pilots_data_directory_marks_the_report_as_sample(
    admin: Browser, figures: Figures, settings: Settings
) -> None:
    (settings.data_dir / SAMPLE_MARKER).write_text("mcc demo --pilot\n")
    page = await admin.client.get("/reports")
    assert '<p class="sample-banner" role="note">SAMPLE DATA — demo pilot</p>' in page.text
    pdf = await admin.client.get("/reports/pilot.pdf")
    assert "pilot-report-sample-" in pdf.headers["content-disposition"]
    assert pdf_text(pdf.content).startswith("SAMPLE DATA - demo pilot")
    dashboard = await admin.client.get("/")
    assert '<p class="sample-strip" role="note">SAMPLE DATA — demo pilot' in dashboard.text
    (settings.data_dir / SAMPLE_MARKER).unlink()
    assert "sample-strip" not in (await admin.client.get("/")).text


@pytest.fixture
async def mcc(backend: Backend, tmp_path: Path) -> Mcc:
    runner = Mcc(await backend.new_database_url())
    assert (await runner("db", "upgrade")).exit_code == 0
    runner.env["MCC_DATA_DIR"] = str(tmp_path)
    return runner


async def test_mcc_report_writes_pdf_html_and_json(
    mcc: Mcc, figures: Figures, tmp_path: Path
) -> None:
    out = tmp_path / "pilot.pdf"
    result = await mcc("report", "--format", "pdf", "--out", str(out), "--since", "2026-10-05")
    assert result.exit_code == 0, result.output
    assert str(out) in result.output
    text = pdf_text(out.read_bytes())
    for criterion in figures.report.criteria:
        assert (criterion.actual or "no data") in text
        assert criterion.verdict.value in text
    assert figures.asked[0][0] == date(2026, 10, 5)

    page = tmp_path / "pilot.html"
    assert (await mcc("report", "--format", "html", "--out", str(page))).exit_code == 0
    assert page.read_text().startswith("<!doctype html>")
    assert "Sync latency" in page.read_text()

    shown = await mcc("report")  # json on stdout, the default
    assert shown.exit_code == 0
    data = json.loads(shown.stdout)
    assert data["go"] is False
    assert [c["verdict"] for c in data["criteria"]] == [
        c.verdict.value for c in figures.report.criteria
    ]


async def test_mcc_report_refuses_bad_arguments_and_writes_nothing(
    mcc: Mcc, tmp_path: Path
) -> None:
    out = tmp_path / "never.pdf"
    no_file = await mcc("report", "--format", "pdf")
    assert no_file.exit_code == 2
    assert "--out FILE" in no_file.output
    bad = await mcc("report", "--format", "pdf", "--out", str(out), "--since", "soon")
    assert bad.exit_code in (1, 2)
    assert "'soon' is not a date" in bad.output
    wrong = await mcc("report", "--format", "docx", "--out", str(out))
    assert wrong.exit_code == 2
    assert not out.exists()
