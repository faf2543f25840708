"""A turn's MiniLM runs begun on a second thread (`mcc.agent.prefetch`): the turn then finds them
made, and reads exactly what it reads without them."""

from __future__ import annotations

import threading
from datetime import date

import numpy as np
import pytest

from mcc.agent import prefetch
from mcc.agent.acts import classify, features
from mcc.agent.acts import embedded as acts_embedded
from mcc.agent.dialogue import read
from tests.support.model_runs import record_runs

BRIEF = "Paid social for hobby makers, objective 5k followers, budget $20,000, launch May 4"
TODAY = date(2026, 12, 7)


def test_a_prefetched_message_costs_its_turn_no_run_of_its_own(
    minilm: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs = record_runs(monkeypatch)
    prefetch.start(BRIEF)
    prefetch.wait()
    assert runs
    assert all(run.thread.startswith("mcc-prefetch") for run in runs), runs
    made = len(runs)
    classify(BRIEF)
    assert len(runs) == made  # the act classifier found its vector made
    # And that vector is the one a run of its own gives (the lanes keep no queries).
    embedder = acts_embedded.local_embedder()
    assert embedder is not None
    alone = embedder.embed_documents([features(BRIEF)])[0]
    vector = acts_embedded.MODEL.vector(features(BRIEF))
    assert vector is not None
    np.testing.assert_allclose(vector, alone, atol=1e-6)


def test_a_message_reads_the_same_with_and_without_its_runs_prefetched(
    minilm: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    helped = read(BRIEF, today=TODAY, pending=(), flagship_keywords=())
    prefetch.wait()
    monkeypatch.setattr(prefetch, "start", lambda text: None)
    alone = read(BRIEF, today=TODAY, pending=(), flagship_keywords=())
    assert helped == alone
    assert helped.found.values["budget"].value == "20000"


def test_a_busy_prefetch_thread_takes_no_more_work(
    minilm: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One turn's runs under way and one waiting: a third turn reads on its own thread."""
    release = threading.Event()
    monkeypatch.setattr(prefetch, "_runs", lambda text: iter([lambda: release.wait(30)]))
    taken: list[str] = []
    real = prefetch._worker.submit

    def recording(function: object, *args: object) -> object:
        if args:  # not `wait`'s empty call
            taken.append(str(args))
        return real(function, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(prefetch._worker, "submit", recording)
    for number in range(3):
        prefetch.start(f"message {number}")
    release.set()
    prefetch.wait()
    assert taken == ["('message 0',)", "('message 1',)"]
