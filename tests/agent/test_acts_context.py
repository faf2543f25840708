"""The act classifier in context: what the assistant just asked (a preview, a missing field, a
creation) weighs what a reply can mean, the larger written training file is read when present,
and a learned yes still never creates on its own. None of these lines is in the training data or
in a blind evaluation set."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mcc.agent import acts
from mcc.agent.acts import Act, Context, classify, corpus, examples, normal
from mcc.agent.acts.context import EXPECTED, UNEXPECTED, weights
from mcc.agent.acts.training import parse_written
from mcc.agent.dialogue import read

TODAY = date(2027, 3, 1)
TRAINED = {normal(text) for _, text in examples()}

IN_CONTEXT: list[tuple[Context, Act, str]] = [
    (Context.PREVIEW, Act.UNSURE, "dunno if that's right tbh"),
    (Context.PREVIEW, Act.UNSURE, "ehh, not sure about this yet"),
    (Context.PREVIEW, Act.UNSURE, "i'm torn on this one"),
    (Context.PREVIEW, Act.DECLINE, "nah, not keen"),
    (Context.PREVIEW, Act.DECLINE, "nope, wouldn't make that"),
    (Context.PREVIEW, Act.DECLINE, "hard no from me"),
    (Context.PREVIEW, Act.HOLD, "gimme two minutes"),
    (Context.PREVIEW, Act.HOLD, "keep it parked"),
    (Context.PREVIEW, Act.HOLD, "let me check with my boss, back shortly"),
    (Context.CREATED, Act.STATUS, "has finance approved it yet?"),
    (Context.CREATED, Act.STATUS, "any word back on the approval yet?"),
    (Context.CREATED, Act.STATUS, "what's outstanding on it"),
    (Context.CREATED, Act.SMALLTALK, "cheers, that's ace"),
    (Context.CREATED, Act.SMALLTALK, "much obliged, you star"),
    (Context.CREATED, Act.SMALLTALK, "cheers for sorting that, legend"),
    (Context.CREATED, Act.NEW_CAMPAIGN, "let's kick off another"),
    (Context.CREATED, Act.NEW_CAMPAIGN, "and now one for the autumn webinar"),
    (Context.CREATED, Act.NEW_CAMPAIGN, "nice, do another for EMEA"),
    (Context.DETAILS, Act.UNSURE, "no idea on that one"),
    (Context.DETAILS, Act.UNSURE, "haven't decided the budget"),
    (Context.DETAILS, Act.UNSURE, "not got a clue about the date"),
    (Context.DETAILS, Act.DETAILS, "roughly 50 grand"),
    (Context.DETAILS, Act.DETAILS, "mid-sized retailers in Ohio"),
    (Context.DETAILS, Act.DETAILS, "going live second week of October"),
]


@pytest.mark.parametrize(("context", "act", "text"), IN_CONTEXT)
def test_unseen_replies_get_their_act_in_context(context: Context, act: Act, text: str) -> None:
    assert normal(text) not in TRAINED  # a real generalisation test
    assert classify(text, context).act is act


def test_without_a_context_every_act_keeps_its_weight() -> None:
    classes = [act.value for act in Act]
    assert weights(None, classes) == [1.0] * len(classes)


@pytest.mark.parametrize(
    ("context", "unexpected"),
    [
        (Context.PREVIEW, Act.NEW_CAMPAIGN),
        (Context.PREVIEW, Act.DETAILS),
        (Context.DETAILS, Act.CONFIRM),
        (Context.DETAILS, Act.NEW_CAMPAIGN),
        (Context.CREATED, Act.CONFIRM),
        (Context.CREATED, Act.HOLD),
        (Context.CREATED, Act.UNSURE),
    ],
)
def test_an_act_the_context_does_not_expect_is_weighed_down(
    context: Context, unexpected: Act
) -> None:
    classes = [act.value for act in Act]
    prior = dict(zip(classes, weights(context, classes), strict=True))
    assert prior[unexpected.value] == UNEXPECTED
    assert all(prior[act] == 1.0 for act in EXPECTED[context])


@pytest.mark.parametrize("text", ["bump it to 45k", "change the audience to CFOs", "add email"])
def test_a_change_after_a_creation_stays_a_change(text: str) -> None:
    # Not read as another campaign: the engine then says the campaign is already created.
    assert Act.CHANGE.value in EXPECTED[Context.CREATED]
    assert classify(text, Context.CREATED).act in {Act.CHANGE, Act.DETAILS}


@pytest.mark.parametrize(
    "text", ["I guess it looks fine?", "ok-ish, i suppose", "yeah probably fine, not sure"]
)
def test_a_learned_yes_in_context_never_creates_without_the_gate(text: str) -> None:
    reading = read(text, today=TODAY, pending=(), flagship_keywords=(), context=Context.PREVIEW)
    assert reading.act is not Act.CONFIRM


def test_the_written_file_is_parsed_by_its_header() -> None:
    source = "context\tact\ttext\npreview\thold\tsec, on a call\nany\tsmalltalk\tcheers\n\n"
    assert parse_written(source, Act, "x") == [
        (Act.HOLD, "sec, on a call"),
        (Act.SMALLTALK, "cheers"),
    ]
    assert parse_written("", Act, "x") == []


@pytest.mark.parametrize(
    "source",
    [
        "act\ttext\nhold\twait",  # no context column
        "context\tact\ttext\nlater\thold\twait",  # an unknown context
        "context\tact\ttext\npreview\tmaybe\twait",  # an unknown act
        "context\tact\ttext\npreview\thold\t ",  # no text
    ],
)
def test_a_malformed_written_file_is_an_error(source: str) -> None:
    with pytest.raises(ValueError, match=r"line 2|header"):
        parse_written(source, Act, "x")


def test_the_written_file_is_learned_from_when_present(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    without = acts.cache_file(tmp_path)
    written = [("written/x.tsv", "context\tact\ttext\ncreated\tstatus\twhere's it got to\n")]
    monkeypatch.setattr(corpus, "written_files", lambda: written)
    assert examples()[-1] == (Act.STATUS, "where's it got to")
    assert acts.cache_file(tmp_path) != without  # a merged file trains a new model
