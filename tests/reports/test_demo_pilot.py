"""`mcc demo --pilot` on a fresh data directory: a labelled sample pilot in its own database,
produced through the assistant, the approvals, the Workfront emulator and the sync, spread over
weeks; the real data directory's database is never touched; a second run loads nothing."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select

from mcc.config import Settings
from mcc.db import Database
from mcc.models import Campaign, Message, MessageRating, SurveyResponse, User
from mcc.reports import source
from mcc.reports.demo_pilot import WEEKS, pilot_settings
from mcc.teams.scope import Scope
from tests.test_cli import Mcc


async def test_demo_pilot_loads_a_labelled_sample_into_its_own_database(tmp_path: Path) -> None:
    mcc = Mcc(f"sqlite+aiosqlite:///{tmp_path / 'real.db'}")  # the operator's real database
    mcc.env.update({"MCC_DATA_DIR": str(tmp_path), "MCC_TODAY": "2026-11-30"})
    result = await mcc("demo", "--pilot", "--no-serve")
    assert result.exit_code == 0, result.output
    for week in range(1, WEEKS + 1):
        assert f"Week {week}/{WEEKS}" in result.output
    loaded = "Sample pilot loaded: 48 conversations, 24 campaigns (24 Workfront projects, "
    assert loaded + "24 statuses synced back), 24 rated answers" in " ".join(result.output.split())
    assert not (tmp_path / "real.db").exists()  # MCC_DATABASE_URL is not the pilot's
    settings = pilot_settings(Settings(data_dir=tmp_path, _env_file=None))
    assert settings.data_dir == tmp_path / "demo-pilot"
    assert source.is_sample(settings)

    database = Database.from_url(settings.resolved_database_url)
    try:
        async with database.read() as session:
            users = await session.scalar(select(func.count()).select_from(User))
            active = await session.scalar(
                select(func.count()).select_from(Campaign).where(Campaign.status == "ACTIVE")
            )
            first, last = (await session.execute(
                select(func.min(Message.created_at), func.max(Message.created_at))
            )).one()  # fmt: skip
            ratings = await session.scalar(select(func.count()).select_from(MessageRating))
            cited = await session.scalar(
                select(func.count()).select_from(MessageRating).where(MessageRating.cited)
            )
            surveys = await session.scalar(select(func.count()).select_from(SurveyResponse))
            weeks = await session.scalar(select(func.count(func.distinct(SurveyResponse.week))))
        assert users == 8  # six marketers, their manager, a viewer
        # every campaign became a Workfront project through the outbox (the tally above counts
        # them in Workfront by extRefID), which Workfront started: its webhook event came back
        assert active == 24
        assert last - first > timedelta(weeks=3)  # weeks of activity, not one afternoon
        assert str(last.date()) <= "2026-11-30"
        assert (ratings, surveys, weeks) == (24, 24, WEEKS)
        assert cited  # the relevance sample: rated answers that cited playbooks
        # Up to the pilot's last day (MCC_TODAY of the command): after it, nothing ran.
        report = await source.compute(settings, database, None, date(2026, 11, 30), Scope.system())
        assert report.sample
        availability = next(c for c in report.criteria if c.key == "availability")
        assert availability.value is not None
        assert 99 < availability.value < 100  # one three-hour outage in four weeks
    finally:
        await database.dispose()

    again = await mcc("demo", "--pilot", "--no-serve")
    assert again.exit_code == 0
    assert "already loaded" in again.output


async def test_a_pilot_load_that_stopped_halfway_is_not_loaded_on_top(tmp_path: Path) -> None:
    mcc = Mcc(f"sqlite+aiosqlite:///{tmp_path / 'real.db'}")
    mcc.env["MCC_DATA_DIR"] = str(tmp_path)
    (tmp_path / "demo-pilot").mkdir()
    (tmp_path / "demo-pilot" / "mcc.db").write_bytes(b"")  # no SAMPLE marker: it never finished
    result = await mcc("demo", "--pilot", "--no-serve")
    assert result.exit_code == 1
    assert "stopped before it finished: delete" in " ".join(result.output.split())
    assert (tmp_path / "demo-pilot" / "mcc.db").read_bytes() == b""
