"""A brief's objective the span tagger's span runs past or misses: a bare target in a list, a
target cut before another field's words, a figure the tokens split off."""

from __future__ import annotations

from datetime import date

from mcc.agent.dialogue import read
from mcc.agent.span_tagger.objective_cut import (
    after_wanting,
    deadline,
    objective_end,
    with_figure,
)
from mcc.agent.span_tagger.targets import bare_target


def _span(text: str, words: str) -> tuple[int, int]:
    at = text.index(words)
    return at, at + len(words)


def _target(text: str, used: list[str]) -> str | None:
    found = bare_target(text, used)
    return None if found is None else text[found[0] : found[1]]


def test_the_one_count_in_a_list_is_its_target() -> None:
    text = "kayak hire flyers, paddlers in Cornwall, 70 bookings, £600, from 3 May"
    assert _target(text, ["£600", "3 May", "paddlers in Cornwall"]) == "70 bookings"
    bullets = "* Glaze Night\n* pottery evening\n* +45% repeat visits\n* £350\n* Fri 4th"
    assert _target(bullets, ["£350", "Fri 4th"]) == "+45% repeat visits"
    said = "canal boat trips, retired teachers, 60 seats filled is the aim"
    assert _target(said, ["retired teachers"]) == "60 seats filled"
    stops = "harbour tour. retired sailors. £2k. 9-10 Aug. 85 tickets sold."
    assert _target(stops, ["£2k", "9-10 Aug"]) == "85 tickets sold"


def test_no_target_from_durations_dates_money_or_two_counts() -> None:
    assert _target("bonsai club mailer, 3 weeks, £400", ["£400"]) is None
    assert _target("bonsai club mailer, 12 March, £400", ["£400"]) is None
    assert _target("bonsai club mailer, 20 grand, 300 members", []) == "300 members"
    assert _target("bonsai club mailer, 300 members, 40 renewals", []) is None
    assert _target("bonsai club mailer, 300 members, £400", ["300 members"]) is None


def test_a_target_ends_before_the_next_fields_words() -> None:
    text = "need a mailer for choir leaders so that we get 90 sign-ups, we have $700, June"
    start, _ = _span(text, "90 sign-ups")
    assert text[start : objective_end(text, start, text.index("$700")) or 0] == "90 sign-ups"
    spoken = "we want thirty singers in the hall we've got 2 grand"
    start, _ = _span(spoken, "thirty singers")
    end = objective_end(spoken, start, spoken.index("2 grand"))
    assert spoken[start : end or 0] == "thirty singers in the hall"


def test_a_cut_span_without_a_figure_is_no_target() -> None:
    text = "a tour of our kiln works for pottery bloggers"
    start, _ = _span(text, "our kiln works")
    assert objective_end(text, start, text.index("pottery bloggers")) is None


def test_a_date_after_by_is_the_targets_deadline() -> None:
    text = "grow the choir to 60 voices by October"
    assert deadline(text, text.index("October"))
    assert not deadline("choir drive from October", len("choir drive from "))


def test_a_we_clauses_verb_leads_into_the_target() -> None:
    text = "so that we get 90 sign-ups"
    start, end = _span(text, "get 90 sign-ups")
    assert text[after_wanting(text, start, end) : end] == "90 sign-ups"
    labelled = "Goal: get 90 sign-ups"
    start, end = _span(labelled, "get 90 sign-ups")
    assert after_wanting(labelled, start, end) == start


def test_a_figure_split_off_the_span_joins_it() -> None:
    text = "for rowers, +2,500 app installs, $900"
    assert text[with_figure(text, text.index("500 app")) :].startswith("+2,500 app")
    words = "for rowers, £80k online orders"
    assert with_figure(words, words.index("online")) == words.index("£80k")
    assert with_figure("rowers on AB12 online", len("rowers on AB12 ")) == len("rowers on AB12 ")


def test_a_compact_brief_reads_its_bare_target() -> None:
    message = "Lantern walk, families in Ely, 400 lanterns lit, £1,200, 30 Oct"
    found = read(message, today=date(2027, 2, 1), pending=(), flagship_keywords=()).found
    assert str(found.values["objective"].value) == "400 lanterns lit"


def test_a_reply_or_a_question_gets_no_bare_target() -> None:
    for message in ("yes, 400 lanterns lit is fine", "can a lantern walk get 400 families?"):
        found = read(message, today=date(2027, 2, 1), pending=(), flagship_keywords=()).found
        assert "objective" not in found.values
