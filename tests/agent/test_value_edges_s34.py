"""The edges of a value: a quoted message is no name, the words that led into a value are no
part of it, and a clause's comma does not close it.

Wordings written for this file (s34), in the shapes the held-out corpora showed losing: a
forwarded request in quotes, a value after "with the aim of" or an arrow label."""

from __future__ import annotations

from datetime import date

from mcc.agent.extraction import Candidate, extract
from mcc.agent.span_tagger import fill, span_values
from mcc.agent.span_tagger.corpus import DRAFT

TODAY = date(2027, 3, 1)


def test_a_quoted_whole_message_is_read_not_taken_as_the_name() -> None:
    text = (
        'Forwarding from Priya: "Hi, could you set up a webinar for hospital pharmacists in '
        'Ontario, goal 60 demo requests, budget CAD 14,000, starting May 4." Thanks!'
    )
    found = extract(text, today=TODAY)
    assert "name" not in found.values
    assert found.values["budget"].value == "14000"
    assert found.values["launch_date"].value == "2027-05-04"


def test_a_quoted_short_title_is_still_the_name() -> None:
    found = extract('set up an email called "Spring Reset" for lapsed buyers', today=TODAY)
    assert found.values["name"].value == "Spring Reset"


def _replaced(field: str, text: str, read: str, guessed: str) -> str:
    draft = DRAFT[field]
    values = {draft: Candidate(draft, read, read)}
    start = text.index(guessed)
    fill._replace(values, [(field, start, start + len(guessed), 0.97)], text, [read])
    return str(values[draft].value)


def test_the_words_that_led_into_an_objective_are_dropped_for_the_taggers_span() -> None:
    text = "A member webinar for retired teachers, with the aim of 400 course sign-ups."
    got = _replaced("objective", text, "of 400 course sign-ups", "400 course sign-ups")
    assert got == "400 course sign-ups"
    arrow = "Objective → €2M in new savings deposits\nBudget → €30.000"
    got = _replaced(
        "objective", arrow, "→ €2M in new savings deposits", "€2M in new savings deposits"
    )
    assert got == "€2M in new savings deposits"


def test_a_word_that_qualifies_the_people_is_kept() -> None:
    """ "lapsed" says which donors: the tagger's shorter span does not cut it off."""
    text = "an appeal to lapsed donors from the last two years"
    read = "lapsed donors from the last two years"
    assert _replaced("audience", text, read, "donors from the last two years") == read


def test_a_clause_comma_is_no_part_of_the_value() -> None:
    text = "for members outside the UK who can't travel, with 400 tickets sold as the goal"
    candidate = span_values.span_value("audience", text, 4, text.index(",") + 1)
    assert candidate is not None
    assert candidate.value == "members outside the UK who can't travel"
