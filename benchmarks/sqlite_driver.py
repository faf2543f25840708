"""What a request's database work costs on SQLite: one hop per statement vs aiosqlite's four.

`mcc.sqlite_driver` runs each statement as one call on aiosqlite's thread; SQLAlchemy's own
adapter makes four (open a cursor, execute, fetch, close). This times the database work of the
two requests of the plan's load test, on two files migrated and filled alike, alternating
drivers round by round so both meet the same machine:

- a list: resolve the API token (one query: token, user, teams), then `listCampaigns(limit: 50)`
  as the GraphQL resolver reads it (selected columns only), in one read unit of work;
- a write: the same token resolution, then a short write unit of work (a campaign created).

CPU time (what the 2 cores run out of at 200 users) and wall time per request, p50 and p95.

    PYTHONPATH=src .venv/bin/python -m benchmarks.sqlite_driver [--rounds 20] [--requests 100]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from sqlalchemy.ext.asyncio import create_async_engine

from benchmarks.support import admin_token
from mcc.auth.service import AuthService
from mcc.campaigns.repository import CampaignRepository
from mcc.campaigns.schemas import CampaignCreate, CampaignFilters
from mcc.campaigns.service import CampaignService
from mcc.db import Database, _fix_sqlite_transactions, create_engine
from mcc.validation import parse

COLUMNS = ("name", "status", "tier", "type", "launch_date", "budget")


def four_hop_database(url: str) -> Database:
    """The engine `create_engine` made before: SQLAlchemy's own aiosqlite adapter."""
    engine = create_async_engine(url, connect_args={"timeout": 30})
    _fix_sqlite_transactions(engine)
    return Database(engine)


async def prepared(database: Database, campaigns: int) -> str:
    token = await admin_token(database)
    async with database.write() as session:
        service = CampaignService(session)
        for index in range(campaigns):
            data = {"name": f"Driver {index}", "type": "email", "budget": 1000 + index}
            await service.create(parse(CampaignCreate, data, what="campaign"))
    return token


async def list_request(database: Database, token: str, serial: int) -> None:
    async with database.read() as session:
        assert await AuthService(session).resolve_token(token) is not None
        rows = await CampaignRepository(session).list_columns(CampaignFilters(), 50, None, COLUMNS)
        assert len(rows) == 51


async def write_request(database: Database, token: str, serial: int) -> None:
    async with database.read() as session:
        assert await AuthService(session).resolve_token(token) is not None
    async with database.write() as session:
        data = {"name": f"Written {serial}", "type": "webinar"}
        await CampaignService(session).create(parse(CampaignCreate, data, what="campaign"))


Request = Callable[[Database, str, int], Awaitable[None]]


async def timed(
    request: Request, database: Database, token: str, count: int, into: dict[str, list[float]]
) -> None:
    for serial in range(count):
        cpu, wall = time.process_time(), time.perf_counter()
        await request(database, token, serial)
        into["cpu"].append((time.process_time() - cpu) * 1000)
        into["wall"].append((time.perf_counter() - wall) * 1000)


def p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


async def main(rounds: int, requests: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="mcc-driver-"))
    drivers = {
        "one hop (mcc.sqlite_driver)": create_engine,
        "four hops (aiosqlite adapter)": None,
    }
    databases: dict[str, Database] = {}
    tokens: dict[str, str] = {}
    for index, name in enumerate(drivers):
        url = f"sqlite+aiosqlite:///{folder / f'{index}.db'}"
        databases[name] = Database(create_engine(url)) if drivers[name] else four_hop_database(url)
        tokens[name] = await prepared(databases[name], 60)
    results: dict[tuple[str, str], dict[str, list[float]]] = {
        (name, kind): {"cpu": [], "wall": []} for name in drivers for kind in ("list", "write")
    }
    for _ in range(rounds):
        for name, database in databases.items():
            await timed(list_request, database, tokens[name], requests, results[(name, "list")])
            await timed(
                write_request, database, tokens[name], requests // 4, results[(name, "write")]
            )
    print(f"{rounds} rounds, {requests} lists and {requests // 4} writes per driver per round")
    header = ("cpu p50", "cpu p95", "wall p50", "wall p95")
    print(f"{'driver':32} {'request':7} " + " ".join(f"{h:>9}" for h in header) + "  (ms)")
    for (name, kind), figures in results.items():
        print(
            f"{name:32} {kind:7} {p(figures['cpu'], 50):9.2f} {p(figures['cpu'], 95):9.2f}"
            f" {p(figures['wall'], 50):9.2f} {p(figures['wall'], 95):9.2f}"
        )
    for kind in ("list", "write"):
        one, four = (statistics.mean(results[(name, kind)]["cpu"]) for name in drivers)
        print(f"{kind}: mean CPU {one:.2f} ms vs {four:.2f} ms ({four / one:.2f}x)")
    for database in databases.values():
        await database.engine.dispose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()
    asyncio.run(main(args.rounds, args.requests))
