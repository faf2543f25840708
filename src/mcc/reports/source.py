"""Where the Reports page and `mcc report` get a `PilotReport`, and whether it is the sample.

The demo pilot (`mcc demo --pilot`) lives in its own data directory, never mixed into real data,
and leaves `SAMPLE_MARKER` there: a report computed from that database is labelled `sample`.
"""

from __future__ import annotations

from datetime import date

from mcc.config import Settings
from mcc.db import Database
from mcc.exceptions import ValidationError
from mcc.reports.model import PilotReport
from mcc.teams.scope import Scope

SAMPLE_MARKER = "SAMPLE-PILOT"
EARLIEST = date(2000, 1, 1)


def is_sample(settings: Settings) -> bool:
    """The demo pilot's database: the SQLite file of a data directory it marked (whether
    `MCC_DATABASE_URL` is unset or names that same file)."""
    own = settings.model_copy(update={"database_url": None}).resolved_database_url
    marked = (settings.data_dir / SAMPLE_MARKER).exists()
    return marked and settings.resolved_database_url == own


def parse_since(value: str | None, until: date) -> date | None:
    """`--since` / `?since=`: blank means from the start; anything else must be a past date."""
    if value is None or not value.strip():
        return None
    try:
        since = date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(
            f"since: {value.strip()[:40]!r} is not a date; expected YYYY-MM-DD",
            {"since": "expected YYYY-MM-DD"},
        ) from None
    if since > until or since < EARLIEST:
        raise ValidationError(
            f"since: {since.isoformat()} is outside the pilot (from 2000-01-01 to "
            f"{until.isoformat()})",
            {"since": "out of range"},
        )
    return since


async def compute(
    settings: Settings, database: Database, since: date | None, until: date, scope: Scope
) -> PilotReport:
    """The report of what `scope` may see (the reader's, or `Scope.system()` for an operator)."""
    # Imported here: the figures pull in the recording's repositories, which the page's module
    # does not need until a report is asked for.
    from mcc.reports.figures import pilot_report

    return await pilot_report(database, since, until, scope=scope, sample=is_sample(settings))
