"""Which MiniLM runs a test's code makes: a recorder around `OnnxEmbedder._hidden`."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pytest

from mcc.knowledge.embedders.onnx import OnnxEmbedder


@dataclass(frozen=True)
class Run:
    thread: str  # the name of the thread that made it
    token_ids: tuple[int, ...]


def record_runs(monkeypatch: pytest.MonkeyPatch) -> list[Run]:
    """Every model run from now on (until the monkeypatch is undone), in order."""
    runs: list[Run] = []
    real = OnnxEmbedder._hidden

    def recording(loaded: object, token_ids: Sequence[int]) -> np.ndarray:
        runs.append(Run(threading.current_thread().name, tuple(token_ids)))
        return real(loaded, token_ids)  # type: ignore[arg-type]

    monkeypatch.setattr(OnnxEmbedder, "_hidden", staticmethod(recording))
    return runs
