"""An objective asked as whether the campaign can reach it, an audience cut at its relative
pronoun, a table's cell and a pointer phrase ("that is who this is for"): the span tagger's say
on each, with its spans given (the taggers' own output depends on their training).

Wordings written for this file (s30)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from mcc.agent import span_tagger
from mcc.agent.dialogue import read
from mcc.agent.extraction import Candidate
from mcc.agent.extraction.lead_ins import introduced
from mcc.agent.span_tagger import fill, span_values

Spans = list[tuple[str, int, int, float]]
Tag = Callable[..., None]


def _spans_of(text: str, *wanted: tuple[str, str, float]) -> Spans:
    return [
        (field, text.index(words), text.index(words) + len(words), p) for field, words, p in wanted
    ]


@pytest.fixture
def tagged(monkeypatch: pytest.MonkeyPatch) -> Tag:
    """Install what the tagger says of a text: `tagged(text, (field, words, p), ...)`."""

    def install(text: str, *wanted: tuple[str, str, float]) -> None:
        spans = _spans_of(text, *wanted)
        monkeypatch.setattr(span_tagger, "spans", lambda t, asked="": spans if t == text else [])

    return install


def _objective(text: str) -> str | None:
    reading = read(text, today=date(2026, 12, 4), pending=(), flagship_keywords=())
    value = reading.found.values.get("objective")
    return None if value is None else str(value.value)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        (
            "Could a podcast ad run for bakery owners drive 900 trials? Budget $14k, from 3 May.",
            "drive 900 trials",
        ),
        (
            "Pop-up shop for students in Cork, €6k, 12 Sept — any chance it brings 400 sign-ups?",
            "400 sign-ups",
        ),
        (
            "If we sponsor the hackathon for Rust developers, can it get us 150 GitHub stars? "
            "£3k, 2 June.",
            "150 GitHub stars",
        ),
    ],
)
def test_an_objective_asked_as_a_yes_no_question_in_a_brief_is_the_objective(
    tagged: Tag, text: str, target: str
) -> None:
    tagged(text, ("objective", target if "get us" not in text else "us " + target, 0.95))
    assert _objective(text) == target


def test_a_wh_question_in_a_brief_fills_no_objective(tagged: Tag) -> None:
    text = "Webinar for clinic managers, $9k, 4 March. What do you reckon, 300 registrations?"
    tagged(text, ("objective", "300 registrations", 0.95))
    assert span_values.ends_question(text, text.index("?"), "objective", text.index("300"))
    text = "Booth at the dental expo, £8k, 3 April. How many leads will 200 scans give us?"
    tagged(text, ("objective", "200 scans give us", 0.95))
    assert _objective(text) is None


def test_get_us_before_a_figure_is_no_part_of_the_objective() -> None:
    text = "A roadshow for vet practices, £28k, spring, to get us 25 new clinics"
    start = text.index("get us")
    value = span_values.span_value("objective", text, start, len(text))
    assert value is not None
    assert value.value == "25 new clinics"
    text = "Goal: get the waitlist to 10k"  # no figure right after "get": the verb stays
    value = span_values.span_value("objective", text, text.index("get"), len(text))
    assert value is not None
    assert value.value == "get the waitlist to 10k"


def test_an_audience_cut_at_its_relative_pronoun_keeps_the_relative_clause() -> None:
    text = "Dental chains that opened a clinic this year — £9k, 2 May, a direct-mail piece"
    end = text.index(" opened")
    assert text[: span_values.relative_end("audience", text, 0, end)] == (
        "Dental chains that opened a clinic this year"
    )
    assert span_values.relative_end("objective", text, 0, end) == end


def test_a_table_cell_is_a_labelled_value() -> None:
    text = "| Field | Value |\n|---|---|\n| Audience | heads of IT at mid-size law firms |\n"
    assert introduced(text, "heads of IT at mid-size law firms")
    assert not introduced(text, "mid-size law firms")  # part of a cell is no cell


def test_a_table_audience_is_never_cut_by_a_guess() -> None:
    words = "heads of IT at mid-size law firms"
    text = f"| Field | Value |\n|---|---|\n| Audience | {words} |\n| Budget | $22k |\n"
    values = {"target_audience": Candidate("target_audience", words, words)}
    start = text.index("IT at")
    fill._replace(
        values, [("audience", start, start + len("IT at mid-size law firms"), 0.99)], text, [words]
    )
    assert values["target_audience"].value == words


def test_a_pointer_phrase_leaves_the_audience_to_the_words_it_points_to(tagged: Tag) -> None:
    text = (
        "Hospital buyers who renew in Q1 — that is who this is for. Goal: 40 renewals. "
        "$30,000, launch 2033-03-01, email. Name it Renew Right."
    )
    tagged(text, ("audience", "Hospital buyers who", 0.95))
    reading = read(text, today=date(2026, 12, 4), pending=(), flagship_keywords=())
    audience = reading.found.values.get("target_audience")
    assert audience is not None
    assert audience.value == "Hospital buyers who renew in Q1"


@pytest.mark.parametrize(
    "text",
    [
        "Is it realistic for a pop-up bar to book 60 tastings? Gin lovers in Leith, £4k, 11 March.",
        "Do you think a letterbox drop could get us 40 valuations? Homeowners in Didsbury, £450.",
    ],
)
def test_an_opinion_asked_on_a_target_in_a_brief_is_the_objective(text: str) -> None:
    start = text.index("book") if "book" in text else text.index("us 40") + 3
    end = text.index("?")
    assert not span_values.ends_question(text, end, "objective", start)


def test_a_counted_target_the_rules_took_for_the_audience_is_the_objective() -> None:
    text = "Festival wristband giveaway for students, £22,000, June 1, 6,000 new accounts."
    values = {
        "target_audience": Candidate("target_audience", "6,000 new accounts", "6,000 new accounts")
    }
    at = text.index("6,000")
    fill._counted_audience(values, [("objective", at, at + len("6,000 new accounts"), 0.95)], text)
    assert "target_audience" not in values
    assert values["objective"].value == "6,000 new accounts"


def test_a_counted_audience_stays_when_the_tagger_is_unsure_or_it_is_labelled() -> None:
    text = "Festival wristband giveaway, £22,000, June 1, 6,000 new accounts."
    words = "6,000 new accounts"
    at = text.index(words)
    values = {"target_audience": Candidate("target_audience", words, words)}
    fill._counted_audience(values, [("objective", at, at + len(words), 0.8)], text)
    assert values["target_audience"].value == words
    labelled = f"Audience: {words}\nBudget: £22,000"
    at = labelled.index(words)
    fill._counted_audience(values, [("objective", at, at + len(words), 0.99)], labelled)
    assert values["target_audience"].value == words


def test_a_counted_target_is_never_taken_for_an_unsure_reply() -> None:
    text = "Email re-engagement, dormant subscribers, £0, tomorrow, 25% open rate."
    value = span_values.span_value("objective", text, text.index("25%"), text.index("."))
    assert value is not None
    assert value.value == "25% open rate"


def test_a_result_at_the_audiences_tail_is_the_objective_without_the_taggers_say() -> None:
    text = "A podcast sponsorship for indie game devs drive 400 Discord sign-ups, $12k, 3 May."
    words = "indie game devs drive 400 Discord sign-ups"
    values = {"target_audience": Candidate("target_audience", words, words)}
    fill._result_tail(values, text)
    assert values["target_audience"].value == "indie game devs"
    assert values["objective"].value == "drive 400 Discord sign-ups"


def test_a_relative_clause_saying_what_the_audience_does_stays_the_audience() -> None:
    text = "Trade ads for retailers that sell 1,000 units a month, $12k, 3 May."
    words = "retailers that sell 1,000 units a month"
    values = {"target_audience": Candidate("target_audience", words, words)}
    fill._result_tail(values, text)
    assert values == {"target_audience": Candidate("target_audience", words, words)}
    words = "buyers who book 30 trips a year"
    text = f"Travel fair for {words}, £5k, June."
    values = {"target_audience": Candidate("target_audience", words, words)}
    fill._result_tail(values, text)
    assert "objective" not in values
