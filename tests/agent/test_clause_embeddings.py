"""The clause tagger with sentence embeddings: used once loaded, the n-gram model until then and
whenever the embedder fails, its arrays cached next to the embedder's model. A fake embedder
stands in for MiniLM (no model files); one test uses the real one, built here if need be."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mcc.agent import clauses
from mcc.agent.acts import features
from mcc.agent.acts.scorer import Scorer
from mcc.agent.clauses import Role, embedded
from tests.agent.fake_embedder import FakeEmbedder


@pytest.fixture(autouse=True)
def _fresh(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    embedded.MODEL.reset()
    monkeypatch.setattr(embedded.MODEL, "enabled", True)  # off for the other agent tests
    clauses.warm_up()
    yield
    embedded.MODEL.reset()


def _start_with(monkeypatch: pytest.MonkeyPatch, fake: FakeEmbedder) -> None:
    monkeypatch.setattr(embedded.MODEL, "find", lambda: fake)
    # Trained here rather than in a child, whose interpreter would not know the fake.
    monkeypatch.setattr(embedded.MODEL, "in_child", False)
    assert embedded.MODEL.start() is not None
    embedded.MODEL.wait()


def test_without_the_embedder_the_ngram_model_tags(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embedded.MODEL, "find", lambda: None)
    assert embedded.MODEL.start() is None
    assert embedded.MODEL.state() == "off"
    tagged = clauses.tag("for florists in Leeds")
    assert tagged is not None
    ngrams = clauses.TAGGER.current()
    assert ngrams is not None
    expected = ngrams.probabilities(features("for florists in Leeds"))
    assert tagged[0].confidence == pytest.approx(float(expected.max()), abs=1e-4)


def test_the_joint_model_is_used_once_loaded_and_cached(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake = FakeEmbedder(tmp_path)
    _start_with(monkeypatch, fake)
    assert embedded.MODEL.state() == "on"
    cached = embedded.MODEL.cache_file(fake)  # type: ignore[arg-type]
    assert cached.exists()
    model = Scorer.load(cached)
    assert model.dense is not None
    for text in ["call it Harbour Lights", "300 more members", "retired teachers in Galway"]:
        joint = model.probabilities(features(text), fake.embed_query(features(text)))
        tagged = clauses.tag(text)
        assert tagged is not None
        assert tagged[0].role is Role(model.classes[int(joint.argmax())])
        assert tagged[0].confidence == pytest.approx(float(joint.max()), abs=1e-4)


def test_a_failing_embedder_leaves_the_ngram_model_in_charge(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _start_with(monkeypatch, FakeEmbedder(tmp_path, broken=True))
    assert embedded.MODEL.state() == "off"
    assert embedded.MODEL.probabilities(features("for florists in Leeds")) is None
    assert clauses.tag("for florists in Leeds") is not None


@pytest.mark.usefixtures("minilm")
def test_the_real_embedder_reads_aims_in_words_the_corpus_never_used() -> None:
    assert embedded.MODEL.start() is not None
    embedded.MODEL.wait()
    assert embedded.MODEL.state() == "on"
    for aim in ["a packed barn for the cider festival", "add 25 new wholesale stockists"]:
        tagged = clauses.tag(aim)
        assert tagged is not None
        assert [t.role for t in tagged] == [Role.OBJECTIVE]
