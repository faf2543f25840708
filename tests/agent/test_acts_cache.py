"""The act classifier's cache: the first start trains and caches the model in the data directory,
a restart loads it without training (and without importing scikit-learn), and a stale or damaged
cache is never trusted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from mcc.agent import acts
from mcc.agent.acts import classify, normal
from mcc.agent.acts.scorer import ANALYZERS, cache_key
from tests.support.fresh import run_fresh

TEXTS = [
    "ship it",
    "Hold on — rename it to 'Q3  Push' first?",
    "no clue, you pick 🙂",
    "",
    "a",
    "budget £40k, launch 15/06/2027",
]


@pytest.fixture(scope="module")
def pipeline() -> object:
    return acts.train()


@pytest.fixture
def trainings(monkeypatch: pytest.MonkeyPatch, pipeline: object) -> list[str]:
    """A fresh process's state (no model yet) whose trainings are counted (each one reuses the
    module's pipeline, in this process, instead of fitting again in a child)."""
    calls: list[str] = []

    def train() -> object:
        calls.append("train")
        return pipeline

    def run(function: Callable[..., object], *args: object, in_child: bool) -> object:
        return function(*args)

    monkeypatch.setattr(acts, "_model", None)
    monkeypatch.setattr(acts, "train", train)
    monkeypatch.setattr(acts, "_run", run)
    return calls


def test_the_pure_python_analyzers_match_sklearns(pipeline: object) -> None:
    union = pipeline.named_steps["features"]  # type: ignore[attr-defined]
    for analyze, (_, vectorizer) in zip(ANALYZERS, union.transformer_list, strict=True):
        for text in TEXTS:
            assert analyze(normal(text)) == vectorizer.build_analyzer()(normal(text)), text


def test_a_restart_loads_the_cached_model_without_training(
    trainings: list[str], tmp_path: Path
) -> None:
    acts.warm_up(in_child=True, cache=tmp_path)
    assert trainings == ["train"]
    assert acts.cache_file(tmp_path).exists()
    first = [classify(text) for text in TEXTS]

    acts._model = None  # a restart
    acts.warm_up(in_child=True, cache=tmp_path)
    assert trainings == ["train"]  # loaded, not trained again
    assert [classify(text) for text in TEXTS] == first


def test_a_damaged_cache_is_trained_again_and_replaced(
    trainings: list[str], tmp_path: Path
) -> None:
    path = acts.cache_file(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a model")
    acts.warm_up(cache=tmp_path)
    assert trainings == ["train"]
    assert classify("ship it").act is acts.Act.CONFIRM
    acts._model = None
    acts.warm_up(cache=tmp_path)
    assert trainings == ["train"]  # the replaced file loads


def test_new_examples_or_a_new_sklearn_use_another_cache_file() -> None:
    assert cache_key(b"confirm | yes\n") != cache_key(b"confirm | yes\nconfirm | yep\n")
    assert acts.cache_file(Path("/data")).name.startswith("acts-")


def test_a_fresh_process_loads_the_cache_without_importing_sklearn(
    trainings: list[str], tmp_path: Path
) -> None:
    acts.warm_up(cache=tmp_path)
    expected = classify("perfect, make it happen").act.value
    script = (
        "import sys, time; from pathlib import Path; from mcc.agent import acts\n"
        "started = time.perf_counter()\n"
        f"acts.warm_up(in_child=True, cache=Path({str(tmp_path)!r}))\n"
        "print(acts.classify('perfect, make it happen').act.value)\n"
        "print('sklearn' in sys.modules)\n"
    )
    output = run_fresh(script)
    act, imported = output.split()
    assert (act, imported) == (expected, "False")
