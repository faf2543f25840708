"""A newcomer's first message: how long it waits on a fresh `mcc serve`, against the same question
asked again on the same server a moment later (the baseline, in the same run).

Each round starts `mcc serve` on a new data directory (nothing cached: the assistant's classifier
is trained and the knowledge index built as the server starts), asks a knowledge question as soon
as `/healthz` answers, then asks it again. Printed: how long the server took to answer `/healthz`,
the first and the repeated turn per round, and their medians (a newcomer waits for the start and
the first turn: work moved from one to the other shows); the machine's load average at the start
and the end (the machine may be shared).

    .venv/bin/python -m benchmarks.first_message [--rounds 3] [--embedder none|local]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time

import httpx
from tests.auth.support import issue_token
from tests.support.server import mcc_serve

QUESTION = "Who needs to approve a Tier 1 campaign?"
SEND = "mutation($m: String!) { sendAgentMessage(message: $m) { content } }"


async def _ask(client: httpx.AsyncClient, token: str) -> float:
    started = time.perf_counter()
    response = await client.post(
        "/graphql",
        headers={"Authorization": f"Bearer {token}"},
        json={"query": SEND, "variables": {"m": QUESTION}},
    )
    response.raise_for_status()
    if "errors" in response.json():
        raise RuntimeError(response.text[:500])
    return time.perf_counter() - started


async def _round(embedder: str) -> tuple[float, float, float]:
    launched = time.perf_counter()
    with mcc_serve(None, env={"MCC_EMBEDDER": embedder}, timeout=120) as server:
        started = time.perf_counter() - launched
        token = await issue_token(server.database_url)
        async with httpx.AsyncClient(base_url=server.url, timeout=300) as client:
            await client.get("/healthz")  # this process's own first request, not the server's
            first = await _ask(client, token)
            again = await _ask(client, token)
    return started, first, again


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--embedder", default="local", help="MCC_EMBEDDER of the server")
    arguments = parser.parse_args()
    print("load average at start: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    starts, firsts, agains = [], [], []
    for number in range(1, arguments.rounds + 1):
        start, first, again = asyncio.run(_round(arguments.embedder))
        starts.append(start)
        firsts.append(first)
        agains.append(again)
        print(
            f"round {number}: /healthz after {start * 1000:6.0f} ms, "
            f"first message {first * 1000:6.0f} ms, again {again * 1000:6.0f} ms"
        )
    print(
        f"median: /healthz after {statistics.median(starts) * 1000:.0f} ms, "
        f"first message {statistics.median(firsts) * 1000:.0f} ms, "
        f"again {statistics.median(agains) * 1000:.0f} ms (MCC_EMBEDDER={arguments.embedder})"
    )
    print("load average at end: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
