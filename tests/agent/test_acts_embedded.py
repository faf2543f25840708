"""The act classifier with sentence embeddings: used once loaded, the n-gram model until then and
whenever the embedder fails, and its arrays cached like the n-gram model's. A fake embedder
stands in for MiniLM (it needs no model files); one test uses the real one when it is built."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from mcc.agent import acts, service
from mcc.agent.acts import Act, Context, classify, embedded, features
from mcc.agent.acts.scorer import Scorer
from mcc.agent.service import runtime_for
from mcc.config import EmbedderKind, Settings
from tests.agent.fake_embedder import FakeEmbedder


@pytest.fixture(autouse=True)
def _fresh(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    embedded._reset()
    monkeypatch.setattr(embedded.MODEL, "enabled", True)  # off for the other agent tests
    yield
    embedded._reset()


def _start_with(monkeypatch: pytest.MonkeyPatch, fake: FakeEmbedder) -> None:
    monkeypatch.setattr(embedded.MODEL, "find", lambda: fake)
    # Trained here rather than in a child, whose interpreter would not know the fake.
    monkeypatch.setattr(embedded.MODEL, "in_child", False)
    assert embedded.MODEL.start() is not None
    embedded.MODEL.wait()


def test_without_the_embedder_the_ngram_model_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    looked: list[None] = []
    monkeypatch.setattr(embedded.MODEL, "find", lambda: looked.append(None))
    assert embedded.MODEL.start() is None
    assert embedded.MODEL.start() is None
    assert len(looked) == 1  # not on every turn: a server calls `start` on each
    acts.warm_up()
    for text in ["ship it", "hmm, dunno", "what's the status?"]:
        assert embedded.MODEL.probabilities(features(text)) is None
        assert acts._model is not None
        expected = acts._model.probabilities(features(text))
        assert classify(text).confidence == pytest.approx(float(expected.max()), abs=1e-4)


def test_minilm_built_after_the_server_started_is_found_without_a_restart(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A new installation: the knowledge base builds MiniLM a minute into the first run."""
    clock = [1000.0]
    monkeypatch.setattr(embedded, "_now", lambda: clock[0])
    built: list[FakeEmbedder] = []
    monkeypatch.setattr(embedded.MODEL, "find", lambda: built[0] if built else None)
    assert embedded.MODEL.start() is None
    fake = FakeEmbedder(tmp_path)
    monkeypatch.setattr(embedded.MODEL, "in_child", False)  # the child would not know the fake
    built.append(fake)  # the knowledge base's build is done
    assert embedded.MODEL.start() is None  # looked for a moment ago: not yet again
    clock[0] += embedded.LOOK_AGAIN_AFTER
    assert embedded.MODEL.start() is not None
    embedded.MODEL.wait()
    assert embedded.MODEL.state() == "on"
    assert embedded.MODEL.probabilities(features("sounds good, go ahead")) is not None


def test_the_joint_model_is_used_once_loaded_and_cached(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake = FakeEmbedder(tmp_path)
    _start_with(monkeypatch, fake)
    cached = embedded.MODEL.cache_file(fake)  # type: ignore[arg-type]
    assert cached.exists()
    model = Scorer.load(cached)
    assert model.dense is not None
    assert model.dense.shape == (len(model.classes), 16)
    for text in ["go for it", "bin the draft", "cheers mate"]:
        joint = model.probabilities(features(text), fake.embed_query(features(text)))
        assert classify(text).confidence == pytest.approx(float(joint.max()), abs=1e-4)


def test_a_failing_embedder_leaves_the_ngram_model_in_charge(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _start_with(monkeypatch, FakeEmbedder(tmp_path, broken=True))
    for text in ["yes please", "wait a moment", "cancel it"]:
        assert embedded.MODEL.probabilities(features(text)) is None
    assert classify("cancel it").act is Act.CANCEL


@pytest.mark.parametrize("text", ["ship it", "hold on", "what tier is it?"])
def test_a_dense_model_needs_the_vector_and_a_plain_one_refuses_it(text: str) -> None:
    acts.warm_up()
    plain = acts._model
    assert plain is not None
    with pytest.raises(ValueError, match="embedding"):
        plain.probabilities(features(text), np.zeros(4))
    dense = Scorer(plain.parts, plain.coef, plain.intercept, plain.classes, np.zeros((12, 4)))
    with pytest.raises(ValueError, match="embedding"):
        dense.probabilities(features(text))


def test_the_real_embedder_generalises_in_context() -> None:
    if embedded.local_embedder() is None:
        pytest.skip("the local MiniLM is not built on this machine")
    assert embedded.MODEL.start() is not None
    embedded.MODEL.wait()
    assert embedded.MODEL.probabilities(features("hi")) is not None
    assert classify("toss-up, honestly can't say", Context.PREVIEW).act is Act.UNSURE
    assert classify("super, ta very much", Context.CREATED).act is Act.SMALLTALK
    assert classify("chuck the whole draft in the bin", Context.PREVIEW).act is Act.CANCEL


@pytest.mark.parametrize(
    ("kind", "started"), [(EmbedderKind.NONE, False), (EmbedderKind.LOCAL, True)]
)
def test_no_embedder_setting_keeps_minilm_out_of_the_assistant(
    monkeypatch: pytest.MonkeyPatch, settings: Settings, kind: EmbedderKind, started: bool
) -> None:
    """MCC_EMBEDDER=none: an operator turned embeddings off, so the assistant does not load
    MiniLM either (~110 MB) even where it is built; it reads replies with n-grams."""
    calls: list[None] = []
    monkeypatch.setattr(embedded.MODEL, "start", lambda: calls.append(None))
    service._runtime.cache_clear()
    runtime_for(settings.model_copy(update={"embedder": kind}))
    assert bool(calls) is started
    assert embedded.MODEL.state() == "off"
