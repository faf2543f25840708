"""The contextual span tagger (issue 10): the lexical tagger's spans until it is loaded, its own
after, its arrays cached per machine and reused, the lexical tagger kept whenever MiniLM is not
built or fails. A hashing fake stands in for MiniLM (no model files); one test uses the real one
when it is built. Every wording here was written for this file."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from mcc.agent import span_tagger
from mcc.agent.acts import embedded
from mcc.agent.dialogue import read
from mcc.agent.span_tagger import contextual
from mcc.agent.span_tagger.corpus import Message
from mcc.agent.span_tagger.model import TokenModel

_WIDTH = 8


class FakeMiniLM:
    """A state a word from a hash of it and of the word before (a little context), with
    [CLS] and [SEP] rows around them; no model, deterministic."""

    def __init__(self, folder: Path, *, broken: bool = False) -> None:
        self.model_file = folder / "fake.onnx"
        self.cache_dir = folder
        self.broken = broken
        self.runs = 0

    def token_states(self, text: str) -> tuple[Any, list[tuple[int, int]]]:
        if self.broken:
            raise RuntimeError("the ONNX session failed")
        self.runs += 1
        words = list(re.finditer(r"\S+", text))
        states = np.zeros((len(words) + 2, _WIDTH), dtype=np.float32)
        before = ""
        for row, word in enumerate(words, 1):
            for part, weight in ((word.group().lower(), 1.0), (before, 0.5)):
                states[row, hashlib.sha256(part.encode()).digest()[0] % _WIDTH] += weight
            before = word.group().lower()
        return states, [(0, 0), *(word.span() for word in words), (0, 0)]


def _message(text: str, fields: dict[str, str]) -> Message:
    spans = [
        (field, text.index(words), text.index(words) + len(words))
        for field, words in fields.items()
    ]
    return Message(text, tuple(spans))


# A small invented corpus: enough for a model, fast to fit.
_WRITTEN = {
    "a quiz night for beekeepers to sell hive kits": {
        "audience": "beekeepers", "objective": "sell hive kits", "type": "quiz night"},
    "webinar for glaziers to book site surveys": {
        "audience": "glaziers", "objective": "book site surveys", "type": "webinar"},
    "goal: win back lapsed ferry pass holders": {"objective": "win back lapsed ferry pass holders"},
    "call it Copper Kettle Days, for tea shop owners": {
        "name": "Copper Kettle Days", "audience": "tea shop owners"},
    "aimed at harbour pilots, we want 40 trial sign-ups": {
        "audience": "harbour pilots", "objective": "40 trial sign-ups"},
    "a podcast series for sommeliers": {"audience": "sommeliers", "type": "podcast series"},
}  # fmt: skip
_EXAMPLES = [_message(text, fields) for text, fields in _WRITTEN.items()] * 3


@pytest.fixture(autouse=True)
def _fresh(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    contextual._reset()
    monkeypatch.setattr(contextual, "enabled", True)  # off for the other agent tests
    yield
    contextual._reset()


def _start_with(monkeypatch: pytest.MonkeyPatch, fake: FakeMiniLM) -> list[Path]:
    """Start with `fake` as the built MiniLM; the paths trained to (in this process: a child's
    interpreter would not know the fake)."""
    trained: list[Path] = []

    def train_here(_module: str, path: Path, _what: str) -> None:
        trained.append(path)
        contextual.train(fake, _EXAMPLES).save(path)

    monkeypatch.setattr(contextual, "local_embedder", lambda: fake)
    monkeypatch.setattr(contextual, "train_in_child", train_here)
    assert contextual.start() is not None
    contextual.wait()
    return trained


_TEXT = "a quiz night for glaziers to book hive kits"


def test_the_lexical_tagger_reads_until_the_contextual_one_is_loaded(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    lexical = span_tagger.TAGGER.current()
    assert lexical is not None
    assert contextual.state() == "off"
    assert span_tagger.spans(_TEXT) == lexical.spans(_TEXT)
    fake = FakeMiniLM(tmp_path)
    _start_with(monkeypatch, fake)
    assert contextual.state() == "on"
    model = TokenModel.load(contextual.cache_file(fake))  # type: ignore[arg-type]
    assert model.dense is not None
    assert model.dense.shape == (len(model.classes), 3 * _WIDTH)  # the token and its neighbours
    before = fake.runs
    assert span_tagger.spans(_TEXT) == contextual.Contextual(model, fake).spans(_TEXT)
    assert fake.runs > before  # the message's tokens were read in context


def test_minilm_built_after_the_server_started_is_found_without_a_restart(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    clock = [50.0]
    monkeypatch.setattr(embedded, "_now", lambda: clock[0])
    built: list[FakeMiniLM] = []
    monkeypatch.setattr(contextual, "local_embedder", lambda: built[0] if built else None)
    assert contextual.start() is None  # a new installation: not built yet
    fake = FakeMiniLM(tmp_path)
    monkeypatch.setattr(
        contextual,
        "train_in_child",
        lambda _module, path, _what: contextual.train(fake, _EXAMPLES).save(path),
    )
    built.append(fake)  # the knowledge base's first index built it
    assert contextual.start() is None  # looked a moment ago
    clock[0] += embedded.LOOK_AGAIN_AFTER
    assert contextual.start() is not None
    contextual.wait()
    assert contextual.state() == "on"


def test_the_cached_model_is_reused_not_trained_again(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake = FakeMiniLM(tmp_path)
    assert len(_start_with(monkeypatch, fake)) == 1
    first = span_tagger.spans(_TEXT)
    contextual._reset()  # a new process on the same machine
    assert _start_with(monkeypatch, fake) == []
    assert span_tagger.spans(_TEXT) == first


def test_without_a_built_minilm_the_lexical_tagger_stays(monkeypatch: pytest.MonkeyPatch) -> None:
    looked: list[None] = []
    monkeypatch.setattr(contextual, "local_embedder", lambda: looked.append(None))
    assert contextual.start() is None
    assert contextual.start() is None
    assert len(looked) == 1  # looked for once a process: finding it hashes the weights
    assert contextual.state() == "off"
    assert contextual.current() is None


def test_a_failing_minilm_leaves_the_lexical_tagger_in_charge(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _start_with(monkeypatch, FakeMiniLM(tmp_path, broken=True))
    assert contextual.state() == "off"
    lexical = span_tagger.TAGGER.current()
    assert lexical is not None
    assert span_tagger.spans(_TEXT) == lexical.spans(_TEXT)


def test_a_model_with_dense_coefficients_needs_the_vectors(tmp_path: Path) -> None:
    model = contextual.train(FakeMiniLM(tmp_path), _EXAMPLES)
    with pytest.raises(ValueError, match="vector"):
        model.spans(_TEXT)


def test_the_real_minilm_ends_an_audience_where_its_sentence_does() -> None:
    """The lexical tagger runs this audience on to "wanting"; in context, it ends before it."""
    if embedded.local_embedder() is None:
        pytest.skip("the local MiniLM is not built on this machine")
    message = "Webinar for finance directors at housing associations wanting to cut arrears, 3k"
    assert contextual.start() is not None
    contextual.wait()  # trained once a machine (a minute or more), then loaded from its cache
    assert contextual.state() == "on"
    found = read(message, today=date(2027, 2, 1), pending=(), flagship_keywords=()).found
    assert str(found.values["target_audience"].value) == "finance directors at housing associations"
