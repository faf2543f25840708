"""A year-sized survey table must not take the server down (sweep F8): 20 admins opening the
Reports page at once on 60,000 answers all get their report, and `/healthz` keeps answering
within a second meanwhile. A real `mcc serve`, on both databases."""

from __future__ import annotations

import asyncio
import random
import time
from datetime import UTC, datetime

import httpx
from sqlalchemy import insert

from mcc.db import Database
from mcc.feedback.service import iso_week
from mcc.models import SurveyResponse
from tests.auth.support import issue_token
from tests.conftest import Backend
from tests.support.server import mcc_serve

ROWS = 60_000
READERS = 20
QUIET = {"MCC_EMBEDDER": "none", "MCC_KNOWLEDGE_LOAD_BUNDLED": "false"}


def survey_rows(count: int) -> list[dict[str, object]]:
    """`count` answers from people answering weekly through 2026, as an import would leave."""
    pick = random.Random(8)
    return [
        {
            "respondent": f"u{i // 50}@x.io",
            "week": f"2026-W{i % 50 + 1:02d}",
            "ease_of_use": pick.randint(1, 5),
            "response_quality": pick.randint(1, 5),
            "time_saved": pick.randint(1, 5),
            "overall_satisfaction": pick.randint(1, 5),
            "issues": pick.choice([None, "slow sync", "Slow sync.; login", "search misses"]),
            "minutes_saved": float(pick.randint(0, 120)),
            "source": "import",
        }
        for i in range(count)
    ]


async def seed(url: str) -> None:
    database = Database.from_url(url)
    try:
        async with database.write() as session:
            await session.execute(insert(SurveyResponse), survey_rows(ROWS))
    finally:
        await database.dispose()


async def test_twenty_reports_on_sixty_thousand_answers_keep_the_server_up(
    backend: Backend,
) -> None:
    url = await backend.new_database_url()
    with mcc_serve(url, env=QUIET) as server:
        await seed(url)
        auth = {"Authorization": f"Bearer {await issue_token(url)}"}
        async with httpx.AsyncClient(base_url=server.url, timeout=120) as http:
            reports = [
                asyncio.create_task(http.get("/reports", headers=auth)) for _ in range(READERS)
            ]
            slowest = 0.0
            # Health checks for as long as any report is in flight (no sleeping: each check
            # is a request; a stalled server shows as a slow one).
            while not all(task.done() for task in reports):
                started = time.monotonic()
                healthz = await http.get("/healthz", timeout=10)
                slowest = max(slowest, time.monotonic() - started)
                assert healthz.status_code == 200
            answers = await asyncio.gather(*reports)
    assert [answer.status_code for answer in answers] == [200] * READERS
    this_week = iso_week(datetime.now(UTC))
    counted = sum(1 for row in survey_rows(ROWS) if str(row["week"]) <= this_week)
    assert f"{counted:,}" in answers[0].text or str(counted) in answers[0].text
    assert slowest < 1.0, f"/healthz took {slowest:.2f} s while reports were computed"
