"""An answer to the field the assistant just asked for, and a brief the rules read only part of
(issue 10): the span tagger fills the field asked for in a reply, the act classifier no longer
vetoes a value the rules read for it (only the exact reply rules do), and a type the tagger is
sure of makes a message a brief. Wordings written for this file."""

from __future__ import annotations

from datetime import date

import pytest

from mcc.agent.dialogue import Reading, read
from mcc.agent.guardrails import FieldUpdate, check_grounded

TODAY = date(2027, 2, 1)


def _read(message: str, asked: str = "") -> Reading:
    pending = (asked,) if asked else ()
    return read(message, today=TODAY, pending=pending, flagship_keywords=())


def _values(reading: Reading) -> dict[str, str]:
    return {name: str(c.value) for name, c in reading.found.values.items()}


def test_an_objective_asked_for_is_kept_whatever_act_the_classifier_guesses() -> None:
    reading = _read("sell out both nights", asked="objective")
    assert _values(reading).get("objective") == "sell out both nights"


def test_a_command_the_tagger_proposes_for_the_field_asked_is_no_value() -> None:
    # The tagger's span is a guess, not the user's answer: the act classifier still judges it.
    reading = _read("move the launch to 3 May and sort that out first", asked="target_audience")
    assert "target_audience" not in _values(reading)


@pytest.mark.parametrize("reply", ["yes go ahead", "ok", "no idea honestly", "can you pick one?"])
def test_a_reply_to_the_question_is_still_no_objective(reply: str) -> None:
    assert "objective" not in _values(_read(reply, asked="objective"))


def test_a_brief_with_a_type_only_the_tagger_reads_gets_its_objective() -> None:
    message = "Canal-side pottery taster for retired teachers, book 60 wheel sessions"
    assert _values(_read(message)).get("objective") == "book 60 wheel sessions"


def test_the_guardrails_judge_the_field_asked_for_by_the_exact_rules() -> None:
    # The classifier guesses "clear the spare stock" is a cancel (0.60): a weak guess that names
    # no draft is no refusal of the value, asked for or not (s28, `weak_cancels`).
    said = ["clear the spare stock"]
    update = FieldUpdate("objective", "clear the spare stock", "clear the spare stock")
    assert check_grounded(update, said, today=TODAY, flagship_keywords=()) is None
    answered = check_grounded(
        update, said, today=TODAY, flagship_keywords=(), asked=["objective", "budget"]
    )
    assert answered is None
    cancel = FieldUpdate("objective", "cancel the whole thing", "cancel the whole thing")
    for asked in ([], ["objective"]):
        refused = check_grounded(
            cancel, ["cancel the whole thing"], today=TODAY, flagship_keywords=(), asked=asked
        )
        assert refused is not None, asked
    yes = FieldUpdate("objective", "yes go ahead", "yes go ahead")
    refusal = check_grounded(
        yes, ["yes go ahead"], today=TODAY, flagship_keywords=(), asked=["objective"]
    )
    assert refusal is not None
    assert "reply" in refusal
