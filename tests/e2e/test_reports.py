"""The Reports page in Chromium against a real server: the Metrics Summary, the charts with
their numbers, the PDF download, the period filter, and a print layout without navigation.
Keeps `docs/screenshots/reports.png` for the README."""

from __future__ import annotations

from pathlib import Path

from playwright.async_api import Page, expect

from tests.e2e.pages import Server

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


async def test_the_reports_page_shows_the_pilot_and_downloads_it(
    page: Page, server: Server
) -> None:
    await page.set_viewport_size({"width": 1280, "height": 900})
    await page.goto(server.base + "/")
    await page.get_by_role("link", name="Reports", exact=True).click()
    await expect(page).to_have_url(server.base + "/reports")
    await expect(page.get_by_role("heading", name="Pilot report", level=1)).to_be_visible()
    table = page.locator("table.metrics")
    await expect(table.locator("tbody tr")).to_have_count(6)
    for metric in ("Campaign creation time", "Sync latency", "User satisfaction",
                   "System availability", "Knowledge relevance"):  # fmt: skip
        await expect(table.get_by_role("rowheader", name=metric)).to_be_visible()
    await expect(page.locator("#go-line")).to_contain_text("GO")
    charts = page.locator("figure.chart svg[role=img]")
    assert await charts.count() >= 4
    await expect(page.locator("#chart-creation figcaption")).to_contain_text(
        "Campaign creation time"
    )
    DOCS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(DOCS / "reports.png"))

    async with page.expect_download() as pending:
        await page.get_by_role("link", name="Download PDF").click()
    download = await pending.value
    saved = await download.path()
    assert Path(saved).read_bytes().startswith(b"%PDF-")
    assert download.suggested_filename.startswith("pilot-report-")

    await page.get_by_label("Since").fill("2026-01-05")
    await page.get_by_role("button", name="Show").click()
    await expect(page).to_have_url(server.base + "/reports?since=2026-01-05")
    await expect(page.get_by_role("link", name="Download PDF")).to_have_attribute(
        "href", "/reports/pilot.pdf?since=2026-01-05"
    )
    await expect(page.locator(".report-head p")).to_contain_text("From 2026-01-05")

    await page.emulate_media(media="print")
    await expect(page.locator("header.topbar")).to_be_hidden()
    await expect(page.locator("form.report-controls")).to_be_hidden()
    await expect(page.locator("table.metrics")).to_be_visible()
