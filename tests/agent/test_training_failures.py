"""A start whose act classifier could not be trained (its child killed by the OOM killer or an
operator's kill -9, a model file that reads as garbage) is retried, and `/readyz` says so
meanwhile: the start task used to die with the error and leave "starting" there for ever."""

from __future__ import annotations

import zipfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from mcc.agent import routes
from mcc.agent.acts.cached import CachedModel
from mcc.agent.acts.scorer import Scorer


async def test_a_killed_training_child_is_retried_and_readyz_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app: Any = SimpleNamespace(state=SimpleNamespace(settings=object()))
    seen: list[str] = []

    def runtime_for(_settings: object) -> None:
        seen.append(app.state.assistant)
        if len(seen) < 3:
            raise OSError("training the act classifier failed: ")

    monkeypatch.setattr(routes, "runtime_for", runtime_for)
    monkeypatch.setattr(routes, "RETRY_FIRST_SECONDS", 0.0)
    await routes._build_runtime(app)
    assert seen[0] == "starting"
    assert seen[1].startswith("unavailable: training the act classifier failed")
    assert "retrying" in seen[2]
    assert app.state.assistant == "ready"


async def test_an_unusable_llm_setting_is_not_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    from mcc.exceptions import ConfigurationError

    app: Any = SimpleNamespace(state=SimpleNamespace(settings=object()))
    calls: list[int] = []

    def runtime_for(_settings: object) -> None:
        calls.append(1)
        raise ConfigurationError("MCC_LLM_MODEL: no such provider")

    monkeypatch.setattr(routes, "runtime_for", runtime_for)
    await routes._build_runtime(app)
    assert (len(calls), app.state.assistant) == (1, "unavailable: MCC_LLM_MODEL: no such provider")


def test_a_truncated_model_file_reads_as_damaged_and_is_trained_again(tmp_path: Path) -> None:
    # A cut-short .npz is not a zip at all: zipfile's BadZipFile escaped as an internal error of
    # every turn (and /readyz said "starting" for ever) instead of the retraining a damaged
    # file gets.
    whole = tmp_path / "whole.npz"
    np.savez(whole, coef=np.zeros((2, 3)))
    cut = tmp_path / "acts.npz"
    cut.write_bytes(whole.read_bytes()[:100])
    with pytest.raises(ValueError, match="unreadable classifier cache"):
        Scorer.load(cut)


def test_a_model_whose_load_lets_a_truncated_zip_through_is_trained_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def load(path: Path) -> FakeModel:
        if path.read_bytes() == b"cut":
            raise zipfile.BadZipFile("File is not a zip file")
        return FakeModel()

    model: CachedModel[FakeModel] = CachedModel("unused", "fake", lambda: "text", "fake", load)
    cut = model.cache_file(tmp_path)
    cut.parent.mkdir(parents=True)
    cut.write_bytes(b"cut")
    monkeypatch.setattr(model, "train_in_child", lambda path: path.write_bytes(b"trained"))
    model.start(cache=tmp_path)
    assert model.state() == "on"
    assert cut.read_bytes() == b"trained"


class FakeModel:
    def save(self, path: Path) -> None:
        path.write_bytes(b"trained")
