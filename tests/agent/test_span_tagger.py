"""The span tagger (issue 10): BIO tags over tokens, its blind training messages, its cache, and
what it fills: a field the rules left empty, never a reply or a question, in wordings written
for this file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mcc.agent import span_tagger
from mcc.agent.clauses import Role
from mcc.agent.dialogue import read
from mcc.agent.span_tagger.corpus import synthesised, templated, value_in, written
from mcc.agent.span_tagger.features import features, spans_of, tags_of, tokens
from mcc.agent.span_tagger.model import TokenModel
from tests.support.fresh import run_fresh

FIELDS = ("name", "target_audience", "objective", "type")


def _read(message: str, *, spans: bool = True) -> dict[str, str]:
    model = span_tagger.TAGGER.current()
    if not spans:
        span_tagger.install(None)
    try:
        found = read(message, today=date(2027, 2, 1), pending=(), flagship_keywords=()).found
    finally:
        span_tagger.install(model)
    return {k: str(v.value) for k, v in found.values.items() if k in FIELDS}


def test_bio_tags_go_to_spans_and_back() -> None:
    text = "kayak rental promo for river guides in Idaho, 2k"
    start = text.index("river")
    end = start + len("river guides in Idaho")
    items = tokens(text)
    tags = tags_of(items, [("audience", start, end)])
    assert tags[items.index(next(t for t in items if t.text == "river"))] == "B-audience"
    assert spans_of(items, tags, [1.0] * len(items)) == [("audience", start, end, 1.0)]


def test_a_token_reads_the_label_before_it_and_the_field_asked_for() -> None:
    text = "Audience: glassblowers"
    rows = features(text, tokens(text), asked="audience")
    assert "colon=audience" in rows[-1]
    assert "asked=audience" in rows[-1]


@pytest.mark.parametrize(
    ("role", "clause", "value"),
    [
        (Role.NAME, "we're branding it Tidewater Tuesdays", "Tidewater Tuesdays"),
        (Role.NAME, "title «Moss & Stone»", "Moss & Stone"),
        (Role.AUDIENCE, "so ferry commuters", "ferry commuters"),
        (Role.OBJECTIVE, "(aim: 35 refills a week)", "35 refills a week"),
        (Role.TYPE, "a pop-up tasting", "pop-up tasting"),
    ],
)
def test_a_clause_value_is_its_words_without_the_lead_in(
    role: Role, clause: str, value: str
) -> None:
    start, end = value_in(role, clause)
    assert clause[start:end] == value


def test_the_training_messages_are_deterministic_and_their_spans_are_their_words() -> None:
    assert synthesised(count=30) == synthesised(count=30)
    for message in [*synthesised(count=30), *templated(count=30), *written()]:
        for _, start, end in message.spans:
            assert 0 <= start < end <= len(message.text)
            assert message.text[start:end].strip() == message.text[start:end]


def test_the_cached_arrays_tag_as_the_model_does(tmp_path: Path) -> None:
    model = span_tagger.TAGGER.current()
    assert model is not None
    model.save(tmp_path / "spans.npz")
    loaded = TokenModel.load(tmp_path / "spans.npz")
    text = "a quiz night for allotment holders to raise 900 pounds, budget 1k"
    assert loaded.spans(text) == model.spans(text)


def test_a_fresh_process_loads_the_cache_without_importing_sklearn(tmp_path: Path) -> None:
    model = span_tagger.TAGGER.current()
    assert model is not None
    model.save(span_tagger.cache_file(tmp_path))
    text = "a quiz night for allotment holders to raise 900 pounds, budget 1k"
    script = (
        "import sys; from pathlib import Path; from mcc.agent import span_tagger\n"
        f"span_tagger.warm_up(cache=Path({str(tmp_path)!r}))\n"
        f"print(repr(span_tagger.spans({text!r})))\n"
        "print('sklearn' in sys.modules)\n"
    )
    output = run_fresh(script)
    tagged, imported = output.strip().splitlines()
    assert (tagged, imported) == (repr(model.spans(text)), "False")


def test_a_damaged_cache_is_an_error_not_a_model(tmp_path: Path) -> None:
    (tmp_path / "spans.npz").write_bytes(b"not an archive")
    with pytest.raises(ValueError, match="span tagger cache"):
        TokenModel.load(tmp_path / "spans.npz")


@pytest.mark.parametrize(
    ("message", "objective"),
    [
        (
            # "fill the 6am counter" the clause tagger reads since s38's noun-phrase aims.
            "bakery loyalty mailer for night-shift nurses near the hospital, pack the 6am "
            "counter, £900",
            "pack the 6am counter",
        ),
        (
            "Poster campaign for parents at the school gates, double the after-school club "
            "sign-ups, 2k",
            "double the after-school club sign-ups",
        ),
    ],
)
def test_an_objective_between_the_other_items_is_read(message: str, objective: str) -> None:
    """Not the brief's closing item (which the rules' list reading takes, `closing_target`):
    one between the others, which the rules' phrases miss and the taggers read (the clause
    tagger now reads "pack the 6am counter" alone, since session 45's corpora)."""
    assert _read(message)["objective"] == objective


def test_an_audience_described_by_a_participle_is_read_whole() -> None:
    """The tagger used to lengthen the rules' "cyclists"; since session 50 the rules read the
    participle clause themselves (`people_clauses`), and the tagger keeps it whole."""
    message = "Shop window and social campaign for cyclists passing Bridge Road, 3k, more repairs"
    assert _read(message, spans=False)["target_audience"] == "cyclists passing Bridge Road"
    assert _read(message)["target_audience"] == "cyclists passing Bridge Road"


def test_a_budget_after_an_audience_is_no_part_of_it() -> None:
    message = "a webinar for harp makers in Wales with a budget of 4k to sell 20 kits"
    assert _read(message)["target_audience"] == "harp makers in Wales"


def test_a_label_is_no_name() -> None:
    message = "Memo: please set up an email nurture for piano tuners, 2k, we want 30 bookings"
    assert _read(message).get("name") is None


def test_nothing_is_filled_from_a_reply_or_a_question() -> None:
    assert _read("yes please go ahead and create it") == {}
    # A wh-question is no target; "can it sell 200 season passes?" in a brief is one (both blind
    # corpora, w20 and w21, label the target of such a yes/no question as the objective).
    message = "sms blast for ferry commuters in Brisbane, 1k, how many season passes would it sell?"
    assert "objective" not in _read(message)


def test_a_question_without_its_mark_fills_nothing() -> None:
    message = "how soon should posters for an outdoor film night go up"
    assert _read(message, spans=False) == _read(message)


def test_a_lone_change_is_no_brief_to_complete() -> None:
    message = "hmm, launch should be 9 June instead — sort that before anything else"
    assert "target_audience" not in _read(message)
