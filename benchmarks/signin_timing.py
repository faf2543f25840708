"""How long a refused sign-in takes, by why it is refused: the answer time must not tell an
attacker which accounts exist. Baseline in the same run: an unknown address *without* the dummy
argon2 check (only the lookup), i.e. what the timing would leak without it; and the throttle's
refusal (429), which runs no password check at all.

    .venv/bin/python -m benchmarks.signin_timing [--rounds 30]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from mcc import migrations
from mcc.auth.repository import AuthRepository
from mcc.auth.service import AuthService
from mcc.auth.throttle import Attempt, SignInThrottle
from mcc.db import Database
from mcc.exceptions import UnauthenticatedError

PASSWORD = "a fine long password"  # a throw-away database


async def _time(action: Callable[[], Awaitable[object]], rounds: int) -> list[float]:
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        with contextlib.suppress(UnauthenticatedError):
            await action()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


async def main(rounds: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        database = Database.from_url(f"sqlite+aiosqlite:///{Path(tmp) / 'mcc.db'}")
        await migrations.upgrade(database.engine)
        async with database.write() as session:
            service = AuthService(session)
            await service.create_user("known@example.com", PASSWORD)
            await service.deactivate(await service.create_user("gone@example.com", PASSWORD))
            await service.create_user("sso@example.com", None)

        def refusal(email: str) -> Callable[[], Awaitable[object]]:
            async def attempt() -> object:
                async with database.read() as session:
                    return await AuthService(session).authenticate(email, "wrong password")

            return attempt

        async def lookup_only() -> object:
            async with database.read() as session:
                return await AuthRepository(session).get_user_by_email("nobody@example.com")

        throttle = SignInThrottle(account_limit=1, client_limit=1, window_seconds=60)
        throttle.begin(Attempt("known@example.com", "10.0.0.1"))

        async def throttled() -> object:
            return throttle.retry_after(Attempt("known@example.com", "10.0.0.1"))

        await _time(refusal("warm-up@example.com"), 2)  # builds the dummy hash once
        cases = {
            "known account, wrong password": refusal("known@example.com"),
            "unknown address": refusal("nobody@example.com"),
            "deactivated account": refusal("gone@example.com"),
            "SSO-only account (no password)": refusal("sso@example.com"),
            "not an address": refusal("not an address"),
            "baseline: unknown, lookup only (no dummy check)": lookup_only,
            "baseline: throttled (429, no check)": throttled,
        }
        results = {name: await _time(action, rounds) for name, action in cases.items()}
        await database.dispose()
    reference = statistics.median(results["known account, wrong password"])
    print(f"{'case':<50} {'p50 ms':>8} {'p90 ms':>8} {'vs known':>9}")
    for name, timings in results.items():
        p50 = statistics.median(timings)
        p90 = statistics.quantiles(timings, n=10)[-1]
        print(f"{name:<50} {p50:>8.2f} {p90:>8.2f} {p50 / reference:>8.2f}x")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    asyncio.run(main(parser.parse_args().rounds))
