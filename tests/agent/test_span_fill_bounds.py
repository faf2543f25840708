"""Where a tagger's span may end: never inside an aside it opens, never over a labelled value.

Wordings written for this file (s29)."""

from __future__ import annotations

from mcc.agent.extraction import Candidate
from mcc.agent.span_tagger import fill, span_values


def test_an_audience_span_stops_at_the_bracket_it_opens() -> None:
    text = "A content series for plant managers in Ohio (more repeat orders). Budget 9k."
    start = text.index("plant")
    end = text.index(")")  # the tagger ran the audience into the aside
    value = span_values.span_value("audience", text, start, end)
    assert value is not None
    assert value.value == "plant managers in Ohio"


def test_a_span_that_closes_its_own_bracket_keeps_it() -> None:
    text = "A webinar for nurses (night shift) in Leeds, goal 80 sign-ups."
    start, end = text.index("nurses"), text.index(", goal")
    value = span_values.span_value("audience", text, start, end)
    assert value is not None
    assert value.value == "nurses (night shift) in Leeds"


def test_a_labelled_audience_is_never_replaced_by_a_guess() -> None:
    text = "Name: Dock Talk\nAudience (who we want): ops leads at ports of 50 to 500 staff\n"
    words = "ops leads at ports of 50 to 500 staff"
    # The rules' evidence holds the label's tail, as the labelled-line reader gives it.
    values = {"target_audience": Candidate("target_audience", words, f" want): {words}")}
    start = text.index(words)
    guess = [("audience", start, start + len("ops leads at ports of 50"), 0.99)]
    fill._replace(values, guess, text, [words])
    assert values["target_audience"].value == words


def test_an_unlabelled_audience_can_still_be_replaced() -> None:
    text = "Dock Talk is for ops leads at ports who run night shifts, goal 40 demos"
    read = "ops leads at ports who run night shifts, goal 40 demos"
    values = {"target_audience": Candidate("target_audience", read, read)}
    start = text.index("ops")
    guess = [("audience", start, text.index(", goal"), 0.99)]
    fill._replace(values, guess, text, [read])
    assert values["target_audience"].value == "ops leads at ports who run night shifts"


def _replaced(text: str, read: str, guessed: str) -> str:
    values = {"target_audience": Candidate("target_audience", read, read)}
    start = text.index(guessed)
    fill._replace(values, [("audience", start, start + len(guessed), 0.99)], text, [read])
    return str(values["target_audience"].value)


def test_the_tagger_does_not_cut_the_people_short() -> None:
    """A tagger span inside the rules' audience, without its relative clause's end or the word
    that says which people, is no better reading of it (seen in blind-11 DEV and blind-12 DEV)."""
    text = "It's for parents who registered for the open day but did not come. Goal: 40 visits"
    read = "parents who registered for the open day but did not come"
    assert _replaced(text, read, "parents who registered") == read
    text = "Win-back mailer for churned customers from the last 12 months, goal 300 returns"
    read = "churned customers from the last 12 months"
    assert _replaced(text, read, "customers from the last 12 months") == read
