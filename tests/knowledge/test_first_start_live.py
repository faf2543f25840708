"""A real `mcc serve` on a fresh database with the default local model (MiniLM), no warm-up:
from its first second, "Who approves a Tier 1 campaign?" gets the tier playbook every time
(keyword search while the semantic index loads, then hybrid), `/readyz` shows the index going
from building to ready, and `/healthz` stays fast while the model loads."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.auth.support import issue_token
from tests.conftest import Backend
from tests.support.net import free_port, wait_for

QUESTION = "Who approves a Tier 1 campaign?"
# The two playbooks that name who approves each tier.
APPROVERS = {"playbooks/campaign-tiers.md", "guidelines/budget-and-approvals.md"}
SEARCH = """query S($q: String!) {
  searchKnowledge(query: $q, k: 5) { citation path snippet mode note }
}"""


@contextmanager
def serving_with_the_local_model(database_url: str, log: Path, **settings: str) -> Iterator[str]:
    port = free_port()
    env = {key: value for key, value in os.environ.items()
           if key not in ("MCC_EMBEDDER", "MCC_EMBEDDER_RUNTIME")}  # fmt: skip
    env.update(MCC_DATABASE_URL=database_url, MCC_LOG_FORMAT="json", MCC_EMBEDDER="local")
    env.update(settings)
    # The request log goes to a file: a pipe nobody reads fills up and freezes the server.
    with log.open("w") as output:
        process = subprocess.Popen(
            # One process: the test follows one index from keyword to hybrid (with several
            # workers each has its own, and /readyz describes whichever worker answers).
            [sys.executable, "-m", "mcc", "serve", "--port", str(port), "--workers", "1"],
            env=env, stdout=output, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            process.wait(timeout=15)
    assert "Traceback" not in log.read_text(), log.read_text()[-4000:]


# Polls /healthz every 100 ms in a process of its own, so that the test's own work (creating a
# token, parsing answers) cannot delay a poll and be blamed on the server. Prints
# "<seconds since start> <latency>" per answer.
WATCH = """
import sys, time, httpx
began = time.monotonic()
with httpx.Client(timeout=5) as client:
    while True:
        started = time.perf_counter()
        try:
            client.get(sys.argv[1] + "/healthz").raise_for_status()
            took = time.perf_counter() - started
            print(f"{time.monotonic() - began:.1f} {took:.3f}", flush=True)
        except httpx.TransportError:
            pass
        time.sleep(max(0.0, 0.1 - (time.perf_counter() - started)))
"""


class HealthWatcher:
    """/healthz latencies seen by a separate process, from before the server listens."""

    def __init__(self, base: str, output: Path) -> None:
        self.output = output
        self._file = output.open("w")
        self._process = subprocess.Popen(
            [sys.executable, "-c", WATCH, base], stdout=self._file, stderr=subprocess.STDOUT
        )

    @property
    def times(self) -> list[tuple[float, float]]:
        lines = self.output.read_text().split("\n")
        return [(float(at), float(took)) for at, took in (ln.split() for ln in lines if ln)]

    def __enter__(self) -> HealthWatcher:
        return self

    def __exit__(self, *_: object) -> None:
        self._process.terminate()
        self._process.wait(10)
        self._file.close()


async def test_knowledge_answers_correctly_from_the_first_second_on_torch(
    backend: Backend, tmp_path: Path
) -> None:
    """torch stays a setting: its model loads in a child process while the server answers."""
    await _first_start(backend, tmp_path, MCC_EMBEDDER_RUNTIME="torch")


async def test_a_newcomer_waits_for_no_model_build(backend: Backend, tmp_path: Path) -> None:
    """The ONNX runtime on an empty model cache, as a newcomer's first start: the int8
    model is exported (torch, in a child process) while the server answers /healthz and
    questions. The only test that builds into a cache of its own, once per backend."""
    cache = tmp_path / "model-cache"
    began = time.monotonic()
    await _first_start(backend, tmp_path, MCC_EMBEDDER_RUNTIME="onnx",
                       MCC_EMBEDDER_CACHE_DIR=str(cache))  # fmt: skip
    built = list(cache.glob("*.int8.onnx"))
    assert len(built) == 1, f"the first start builds one cached model: {built}"
    # Reported by `pytest -s` (the README quotes it): how long a newcomer waits for hybrid.
    print(f"\nnewcomer on onnx, cold cache: hybrid after {time.monotonic() - began:.0f} s")


async def _first_start(backend: Backend, tmp_path: Path, **settings: str) -> None:
    url = await backend.new_database_url()
    log = tmp_path / "serve.log"
    watched = tmp_path / "healthz.txt"
    serving = serving_with_the_local_model(url, log, **settings)
    with serving as base, HealthWatcher(base, watched) as health:
        wait_for(lambda: bool(health.times), timeout=60, what="mcc serve to answer /healthz")
        token = await issue_token(url)
        client = httpx.Client(base_url=base, timeout=30,
                              headers={"Authorization": f"Bearer {token}"})  # fmt: skip
        states: list[str] = []
        modes: list[str] = []
        pace = threading.Event()  # never set: only paces the loop
        deadline = time.monotonic() + 400  # a loaded 2-core machine embeds slowly
        with client:
            while not states or states[-1] != "ready":
                assert time.monotonic() < deadline, f"index never ready: {states[-5:]}"
                response = client.post("/graphql", json={"query": SEARCH,
                                                         "variables": {"q": QUESTION}})  # fmt: skip
                body = response.json()
                assert response.status_code == 200, body
                assert "errors" not in body, body
                hits = body["data"]["searchKnowledge"]
                assert hits, "an early question must not be 'not covered'"
                assert hits[0]["path"] in APPROVERS, hits
                assert any(hit["path"] == "playbooks/campaign-tiers.md" for hit in hits), hits
                assert any("VP of Marketing" in hit["snippet"] for hit in hits), hits
                modes.append(hits[0]["mode"])
                if hits[0]["mode"] == "KEYWORD_WHILE_LOADING":
                    assert hits[0]["note"] == "keyword search while the semantic index loads"
                if len(modes) % 4 == 1:  # about once a second
                    ready = client.get("/readyz")
                    assert ready.status_code == 200  # still ready while the index builds
                    states.append(ready.json()["knowledge"]["status"])
                pace.wait(0.25)  # a question every quarter second, as a busy team would ask
            final = client.get("/readyz").json()["knowledge"]
            last = client.post("/graphql", json={"query": SEARCH, "variables": {"q": QUESTION}})
    assert states[0] == "building"
    assert "failed" not in states
    assert final["dense"] == "on"
    assert final["documents"] >= 30
    assert "KEYWORD_WHILE_LOADING" in modes
    (first_hybrid,) = {mode for mode in modes if mode != "KEYWORD_WHILE_LOADING"} or {"HYBRID"}
    assert first_hybrid == "HYBRID"
    assert last.json()["data"]["searchKnowledge"][0]["mode"] == "HYBRID"
    times = health.times
    assert len(times) >= 10
    # Its first second the server loads the playbooks and builds the keyword index (both in
    # worker threads): a poll may then wait a little longer. From then on, while the model loads
    # and embeds, polls are answered within 300 ms. A shared CI machine (2 cores, load 5-10)
    # stalls any process now and then: up to two slow polls are tolerated, none over 2 s. Loading
    # torch inside the server (the regression this guards against) gave 6-11 polls of 0.5-1.5 s.
    assert max(took for _, took in times) < 2.0, times
    started = times[0][0]
    slow = [(at, took) for at, took in times if took >= 0.3 and at > started + 1.0]
    assert len(slow) <= 2, f"of {len(times)} /healthz, (at s, took s): {slow}"
    print(f"\n/healthz: {len(times)} polls, p50 {sorted(t for _, t in times)[len(times) // 2]:.3f}"
          f" s, max {max(t for _, t in times):.3f} s")  # fmt: skip
