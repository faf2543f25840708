"""Turn latency of the offline assistant over the shipped scenarios, against a baseline.

Each turn is a whole turn: load the conversation (a read), run the rules engine (extraction,
tier policy, plan, guardrails) with no transaction open, then store the user's message, the
reply and the state in one short write with the version check. The baseline, run alongside on
the same database, is the same read and write without the engine (a user message and a fixed
reply), so the ratio is the engine's own cost.

With `--workfront`, it also times a 4-turn creation over real HTTP (`POST /api/chat/stream`)
from the first message until the campaign has its project in the Workfront emulator (the
sync creates the project, then the plan's 12 tasks), against `createCampaign` over GraphQL to
a project (the sync alone; that input has no tasks) as the baseline.

    .venv/bin/python -m benchmarks.assistant_latency [--runs 3] [--workfront]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.support import admin_token
from mcc import migrations
from mcc.agent import clauses, instructions, minilm_readers, span_tagger
from mcc.agent.evaluation import bundled_files, load, run_all
from mcc.agent.service import HISTORY_LIMIT, runtime_for
from mcc.config import Environment, Settings
from mcc.conversations.service import ConversationService
from mcc.db import Database, create_engine


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def baseline(database: Database, turns: int, per_conversation: int) -> list[float]:
    """The same units of work per turn, without the engine: load the conversation (a read),
    then store two messages with the version check (a write), in conversations as long as the
    scenarios' on average."""
    latencies = []
    conversation_id = None
    for turn in range(turns):
        if turn % per_conversation == 0:
            conversation_id = None
        started = time.perf_counter()
        async with database.read() as session:
            snapshot = await ConversationService(session).snapshot(
                conversation_id, None, history=HISTORY_LIMIT
            )
        async with database.write() as session:
            await ConversationService(session).store_turn(
                snapshot, {}, "budget is 40k", "Updated budget.", {}
            )
        conversation_id = snapshot.conversation_id
        latencies.append(time.perf_counter() - started)
    return latencies


async def main(runs: int) -> None:
    scenarios = [s for path in bundled_files() for s in load(path)]
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(env=Environment.TEST, data_dir=Path(folder), _env_file=None)
        engine = create_engine(settings.resolved_database_url)
        await migrations.upgrade(engine)
        runtime = runtime_for(settings)
        clauses.warm_up(cache=settings.data_dir)  # every timed turn runs the clause tagger
        instructions.warm_up(cache=settings.data_dir)  # and the instruction detector
        span_tagger.warm_up(cache=settings.data_dir)  # and the lexical span tagger
        minilm_readers.wait_all()  # and every reader that uses MiniLM, where it is built
        for key, state in minilm_readers.states().items():
            print(f"{key}: {state}")
        await run_all(engine, scenarios[:3], settings, runtime)  # warm the indexes and caches
        turns: list[float] = []
        for _ in range(runs):
            for result in await run_all(engine, scenarios, settings, runtime):
                turns += result.latencies
        database = Database(engine, owns_engine=False)
        base = await baseline(database, len(turns), round(len(turns) / (runs * len(scenarios))))
        await engine.dispose()
    p50, p95 = percentile(turns, 0.5) * 1000, percentile(turns, 0.95) * 1000
    b50, b95 = percentile(base, 0.5) * 1000, percentile(base, 0.95) * 1000
    print(f"{len(scenarios)} scenarios x {runs} runs = {len(turns)} turns (SQLite)")
    mean = statistics.mean(turns) * 1000
    print(f"assistant turn: p50 {p50:.1f} ms, p95 {p95:.1f} ms, mean {mean:.1f} ms")
    print(f"baseline (load, store two messages, no engine): p50 {b50:.1f} ms, p95 {b95:.1f} ms")
    print(
        f"ratio p50 {p50 / b50:.1f}x, p95 {p95 / b95:.1f}x; target p95 < 100 ms: "
        f"{'met' if p95 < 100 else 'MISSED'}"
    )


CREATION = [
    "Create a new email campaign for SMB customers to promote Q1 offers.",
    "The campaign is called 'Bench {n}'. Objective is to increase sign-ups by 10%.",
    "Budget is $30,000. Launch date is {launch}.",
    "yes",
]


async def until_project(database: Database, name: str, started: float) -> float:
    from sqlalchemy import select

    from mcc.models import Campaign

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        async with database.read() as session:
            project = await session.scalar(select(Campaign.project_id).where(Campaign.name == name))
        if project:
            return time.perf_counter() - started
        await asyncio.sleep(0.01)
    raise RuntimeError(f"no Workfront project for {name} within 60 s")


async def workfront(samples: int) -> None:
    from datetime import date, timedelta

    import httpx
    from pydantic import SecretStr

    from benchmarks.sync_latency import Mcc, free_port
    from mcc.config import WorkManagementBackend
    from mcc.sandbox.launch import start_workfront_emulator
    from mcc.sandbox.workfront import DEFAULT_API_KEY

    launch = (date.today() + timedelta(weeks=10)).strftime("%B %d, %Y")
    with tempfile.TemporaryDirectory() as tmp:
        wf_port, mcc_port = free_port(), free_port()
        emulator = start_workfront_emulator("127.0.0.1", wf_port, Path(tmp) / "wf.db")
        url = f"sqlite+aiosqlite:///{Path(tmp) / 'mcc.db'}"
        settings = Settings(
            _env_file=None,
            env=Environment.PRODUCTION,
            data_dir=Path(tmp),
            database_url=url,
            port=mcc_port,
            log_level="WARNING",
            workmgmt_backend=WorkManagementBackend.WORKFRONT,
            workfront_url=f"http://127.0.0.1:{wf_port}",
            workfront_api_key=SecretStr(DEFAULT_API_KEY),
            outbox_poll_seconds=0.2,
            reconcile_seconds=3600,
        )
        database = Database.from_url(url)
        token = await admin_token(database)
        mcc = Mcc(settings)
        mcc.start()
        chat_times, direct_times = [], []
        try:
            async with httpx.AsyncClient(
                base_url=f"http://127.0.0.1:{mcc_port}",
                timeout=30,
                headers={"Authorization": f"Bearer {token}"},
            ) as client:
                for n in range(samples):
                    started, conversation = time.perf_counter(), None
                    for text in CREATION:
                        body = {"message": text.format(n=n, launch=launch)}
                        if conversation:
                            body["conversation_id"] = conversation
                        response = await client.post("/api/chat/stream", json=body)
                        done = response.text.rsplit("event: done", 1)[-1]
                        conversation = done.split('"conversationId": "', 1)[1].split('"', 1)[0]
                    chat_times.append(await until_project(database, f"Bench {n}", started))
                    started = time.perf_counter()
                    name = f"Direct {n}"
                    query = (
                        f'mutation {{ createCampaign(input: {{name: "{name}", type: "email", '
                        'budget: "30000"}) { campaignId } }'
                    )
                    (await client.post("/graphql", json={"query": query})).raise_for_status()
                    direct_times.append(await until_project(database, f"Direct {n}", started))
        finally:
            mcc.stop()
            emulator.terminate()
            emulator.wait(10)
            await database.dispose()
    c50, d50 = statistics.median(chat_times) * 1000, statistics.median(direct_times) * 1000
    print(f"4-turn chat -> Workfront project and 12 tasks: p50 {c50:.0f} ms, {samples} runs")
    print(f"createCampaign -> Workfront project, no tasks (the sync alone): p50 {d50:.0f} ms")
    print(f"ratio {c50 / d50:.1f}x")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workfront", action="store_true", help="also time chat -> project")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.runs))
    if arguments.workfront:
        asyncio.run(workfront(5))
