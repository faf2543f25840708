"""The pilot report's cost on a big survey table (sweep F8): 6,000 then 60,000 survey answers
in a fresh SQLite database, the report timed as it is computed now (aggregates in SQL) and by
the old path kept here as a reference only (every answer loaded as an ORM object, then the
figures computed in Python).

    .venv/bin/python -m benchmarks.report_scale [--rows 6000 60000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert, select
from tests.reports.test_report_scale import survey_rows

from mcc.db import Database
from mcc.models import SurveyResponse
from mcc.reports.analysis import common_issues
from mcc.reports.figures import pilot_report
from mcc.teams.scope import Scope


async def old_path(database: Database) -> int:
    """Reference only: what the report did before, loading every answer."""
    async with database.read() as session:
        rows = (await session.scalars(select(SurveyResponse))).all()
    for question in ("ease_of_use", "response_quality", "time_saved", "overall_satisfaction"):
        values = [getattr(row, question) for row in rows]
        statistics.fmean(values), statistics.median(values)
    minutes = [row.minutes_saved for row in rows if row.minutes_saved is not None]
    statistics.median(minutes)
    common_issues([row.issues for row in rows])
    return len(rows)


async def timed(label: str, repeat: int, action: object) -> None:
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        await action()  # type: ignore[operator]
        seconds.append(time.perf_counter() - started)
    print(f"  {label:<28} median {statistics.median(seconds):6.3f} s  (of {repeat})")


async def scale(rows: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory(prefix="mcc-report-scale-") as tmp:
        url = f"sqlite+aiosqlite:///{Path(tmp) / 'mcc.db'}"
        env = {**os.environ, "MCC_DATABASE_URL": url, "MCC_DATA_DIR": tmp}
        subprocess.run([sys.executable, "-m", "mcc", "db", "upgrade"], env=env, check=True,
                       capture_output=True)  # fmt: skip
        database = Database.from_url(url)
        try:
            async with database.write() as session:
                await session.execute(insert(SurveyResponse), survey_rows(rows))
            print(f"{rows:,} survey answers:")
            await timed("report (aggregates in SQL)", repeat,
                        lambda: pilot_report(database, scope=Scope.system()))  # fmt: skip
            await timed("old path (every row loaded)", repeat, lambda: old_path(database))
        finally:
            await database.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[6_000, 60_000])
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    for rows in arguments.rows:
        asyncio.run(scale(rows, arguments.repeat))


if __name__ == "__main__":
    main()
