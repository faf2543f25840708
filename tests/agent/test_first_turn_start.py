"""A new server's first turn: the act classifier it waits for trains while the server starts.

`mcc serve` starts training it on a new data directory before importing the app
(`acts.train_ahead`); the server's own `warm_up` then waits for that child through the file's lock
instead of training a second time.
"""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path
from typing import Any

import pytest

from mcc.agent import acts
from mcc.agent.acts import Act, classify
from tests.support.net import wait_for


@pytest.fixture
def children(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The training children started (real ones: `Popen` is wrapped, not replaced)."""
    started: list[list[str]] = []
    real = subprocess.Popen

    def popen(command: list[str], *args: Any, **kwargs: Any) -> subprocess.Popen[str]:
        started.append(command)
        return real(command, *args, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", popen)
    monkeypatch.setattr(acts, "_model", None)  # a fresh process: no model yet
    return started


def test_training_ahead_makes_the_model_the_first_turn_loads(
    children: list[list[str]], tmp_path: Path
) -> None:
    acts.train_ahead(tmp_path)
    wait_for(lambda: bool(children), what="the training child to start", timeout=30)
    # The server's first turn comes while the child trains: it waits for that child's file.
    acts.warm_up(in_child=True, cache=tmp_path)
    assert len(children) == 1  # trained once, not again by warm_up
    assert acts.cache_file(tmp_path).exists()
    assert classify("yes, go ahead and create it", acts.Context.PREVIEW).act is Act.CONFIRM


def test_nothing_trains_ahead_where_the_model_is_cached(
    children: list[list[str]], tmp_path: Path
) -> None:
    acts.warm_up(in_child=True, cache=tmp_path)  # the first start trained and cached it
    assert len(children) == 1
    acts.train_ahead(tmp_path)  # a restart
    assert len(children) == 1
    assert [t.name for t in threading.enumerate() if t.name == "mcc-acts-ahead"] == []


def test_a_failed_training_ahead_leaves_the_server_to_train(
    children: list[list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A data directory the server cannot write (the lock cannot be made): the thread logs it and
    # ends; warm_up, which reports failures to /readyz, then trains without a cache.
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder should be")
    acts.train_ahead(tmp_path)
    ahead = [t for t in threading.enumerate() if t.name == "mcc-acts-ahead"]
    for thread in ahead:
        thread.join(timeout=60)
    assert children == []
    acts.warm_up(in_child=True, cache=tmp_path)
    assert classify("yes, go ahead and create it", acts.Context.PREVIEW).act is Act.CONFIRM
