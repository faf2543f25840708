"""`mcc feedback import`: the plan's CSV columns, bad rows named by line, good rows kept."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import create_async_engine

from mcc.models import SurveyResponse
from tests.test_cli import Mcc, mcc

__all__ = ["mcc"]

CSV = """email,submitted_at,ease_of_use,response_quality,time_saved,overall_satisfaction,campaign_created_successfully,issues_encountered,estimated_time_saved_minutes
ana@pilot.test,2026-11-30,4,5,4,5,true,,30
bo@pilot.test,2026-11-30,9,5,4,5,true,,30
"not an email",2026-11-30,4,4,4,4,yes,,
cy@pilot.test,2026-12-01,3,3,2,3,no,"Slow sync, twice",15.5

ana@pilot.test,2026-12-02,2,2,2,2,false,Confusing tiers,
dee@pilot.test,someday,4,4,4,4,,,
eve@pilot.test,2026-11-30,4,4,4,4,maybe,,
"""  # noqa: E501


async def rows(url: str) -> list[tuple[str, str, int, str | None, float | None, bool | None]]:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            result = await connection.execute(
                select(
                    SurveyResponse.respondent, SurveyResponse.week,
                    SurveyResponse.overall_satisfaction, SurveyResponse.issues,
                    SurveyResponse.minutes_saved, SurveyResponse.campaign_created,
                ).order_by(SurveyResponse.respondent)
            )  # fmt: skip
            return [tuple(row) for row in result.all()]  # type: ignore[misc]
    finally:
        await engine.dispose()


async def test_import_keeps_good_rows_and_names_bad_ones(mcc: Mcc, tmp_path: Path) -> None:
    assert (await mcc("db", "upgrade")).exit_code == 0
    file = tmp_path / "pilot_feedback.csv"
    file.write_text(CSV, encoding="utf-8")

    dry = await mcc("feedback", "import", str(file), "--dry-run", "--json")
    assert dry.exit_code == 1  # bad rows
    report = json.loads(dry.output)
    assert (report["valid"], report["imported"]) == (3, 0)
    assert await rows(mcc.env["MCC_DATABASE_URL"]) == []

    done = await mcc("feedback", "import", str(file))
    assert done.exit_code == 1
    assert "Imported 3 response(s) (1 replaced an earlier answer that week)." in done.output
    assert "line 3: ease_of_use must be a whole number from 1 to 5, not '9'" in done.output
    assert "line 4: Invalid email 'not an email'" in done.output
    assert "line 8: submitted_at 'someday' is not a date" in done.output
    assert "line 9: campaign_created_successfully must be true or false, not 'maybe'" in done.output
    assert await rows(mcc.env["MCC_DATABASE_URL"]) == [
        ("ana@pilot.test", "2026-W49", 2, "Confusing tiers", None, False),
        ("cy@pilot.test", "2026-W49", 3, "Slow sync, twice", 15.5, False),
    ]


async def test_a_file_that_is_no_survey_is_refused_whole(mcc: Mcc, tmp_path: Path) -> None:
    assert (await mcc("db", "upgrade")).exit_code == 0
    file = tmp_path / "other.csv"
    file.write_text("name,budget\nSpring,100\n", encoding="utf-8")
    result = await mcc("feedback", "import", str(file))
    assert result.exit_code == 1
    assert "lacks the column(s) email, ease_of_use" in result.output
    missing = await mcc("feedback", "import", str(tmp_path / "nope.csv"))
    assert missing.exit_code == 1


HEADER = "email,ease_of_use,response_quality,time_saved,overall_satisfaction,issues_encountered\n"


async def test_an_oversize_cell_names_its_line_and_keeps_the_rows_after_it(
    mcc: Mcc, tmp_path: Path
) -> None:
    assert (await mcc("db", "upgrade")).exit_code == 0
    file = tmp_path / "cell.csv"
    huge = "x" * 200_000  # over Python csv's default cell limit (131,072)
    file.write_text(f"{HEADER}a@pilot.test,5,5,5,5,{huge}\nb@pilot.test,4,4,4,4,ok\n")
    done = await mcc("feedback", "import", str(file))
    assert done.exit_code == 1
    assert "line 2: issues_encountered longer than 2,000 characters" in done.output
    assert "Imported 1 response(s)." in done.output
    assert [row[0] for row in await rows(mcc.env["MCC_DATABASE_URL"])] == ["b@pilot.test"]


async def test_a_long_import_commits_in_batches_and_shows_its_progress(
    mcc: Mcc, tmp_path: Path
) -> None:
    assert (await mcc("db", "upgrade")).exit_code == 0
    file = tmp_path / "many.csv"
    body = "".join(f"p{i}@pilot.test,4,4,4,{i % 5 + 1},\n" for i in range(1_200))
    file.write_text(HEADER + body)
    done = await mcc("feedback", "import", str(file))
    assert done.exit_code == 0, done.output
    assert "Imported 1200 response(s)." in done.output
    assert "1,200/1,200 rows (" in done.output
    assert "rows/s)" in done.output
    assert len(await rows(mcc.env["MCC_DATABASE_URL"])) == 1_200
