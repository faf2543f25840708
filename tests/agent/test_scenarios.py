"""Every shipped scenario passes on the offline engine, on each database, and five runs of the
whole set give identical transcripts (the engine is deterministic)."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from mcc.agent.evaluation import Scenario, bundled_files, load, run_all, run_scenario
from mcc.agent.service import AgentRuntime
from mcc.config import Settings
from mcc.db import Database

SCENARIOS = [scenario for path in bundled_files() for scenario in load(path)]


def test_the_plan_and_forty_more_scenarios_ship() -> None:
    files = {scenario.source for scenario in SCENARIOS}
    assert "plan_flows.yaml" in files
    own = [s for s in SCENARIOS if s.source != "plan_flows.yaml"]
    assert len(own) >= 40
    assert len({(s.source, s.name) for s in SCENARIOS}) == len(SCENARIOS)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: f"{s.source}:{s.name}")
async def test_scenario(
    db: Database, agent_settings: Settings, runtime: AgentRuntime, scenario: Scenario
) -> None:
    result = await run_scenario(db, scenario, agent_settings, runtime)
    assert result.failures == []


async def test_five_runs_are_identical(
    engine: AsyncEngine, agent_settings: Settings, runtime: AgentRuntime
) -> None:
    transcripts = []
    for _ in range(5):
        results = await run_all(engine, SCENARIOS, agent_settings, runtime)
        assert all(result.passed for result in results)
        transcripts.append([result.transcript for result in results])
    assert all(transcript == transcripts[0] for transcript in transcripts[1:])
