"""One report, three formats: the dispatch shared by `mcc report` and anything else that
writes a report to a file."""

from __future__ import annotations

import json
from enum import StrEnum

from mcc.reports.model import PilotReport


class ReportFormat(StrEnum):
    JSON = "json"
    HTML = "html"
    PDF = "pdf"


def render(report: PilotReport, form: ReportFormat) -> bytes:
    """The report's bytes in `form` (PDF and HTML are heavier imports: loaded on demand)."""
    if form is ReportFormat.PDF:
        from mcc.reports.render_pdf import render_pdf

        return render_pdf(report)
    if form is ReportFormat.HTML:
        from mcc.reports.render_html import render_html

        return render_html(report).encode()
    return (json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n").encode()
