"""Free-text fields in phrasings no rule was tuned on, in wordings written for this file: an
audience that goes on with a relative clause and stops where the purpose begins, an objective
said as a purpose, a reason or after "what we're after is", a name after "we're calling it" or
before "as the name", the type from a format label, and nothing from a question. Also the blind
clause corpus (`clauses/written/*.tsv`) in the tagger's training and cache key."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mcc.agent import clauses
from mcc.agent.clauses import Role, as_labelled, corpus
from mcc.agent.dialogue import read

FIELDS = ("name", "target_audience", "objective", "type")


@pytest.fixture(scope="module", autouse=True)
def tagger() -> None:
    clauses.warm_up()


def _read(message: str) -> dict[str, str]:
    found = read(message, today=date(2027, 2, 1), pending=(), flagship_keywords=()).found
    return {k: str(v.value) for k, v in found.values.items() if k in FIELDS}


@pytest.mark.parametrize(
    ("message", "audience"),
    [
        (
            "an email to beekeepers who sell at farmers markets, budget 4k",
            "beekeepers who sell at farmers markets",
        ),
        (
            "paid social for renters whose lease ends in the summer, 9k",
            "renters whose lease ends in the summer",
        ),
        (
            "a webinar for pilots who fly regional routes to explain the new roster app",
            "pilots who fly regional routes",
        ),
        (
            "event for school bus operators in Kent because we want 30 of them on the pilot",
            "school bus operators in Kent",
        ),
        (
            "email for fishmongers in Cork so that we can sell 90 scales",
            "fishmongers in Cork",
        ),
    ],
)
def test_an_audience_keeps_its_relative_clause_and_stops_where_the_purpose_begins(
    message: str, audience: str
) -> None:
    assert _read(message)["target_audience"] == audience


@pytest.mark.parametrize(
    ("message", "objective"),
    [
        (
            "email for fishmongers in Cork so that we can sell 90 scales",
            "sell 90 scales",
        ),
        (
            "webinar for glaziers, what we're after is 70 quote requests",
            "70 quote requests",
        ),
        (
            "a booth at the cider fair for pub landlords with the aim of signing 15 stockists",
            "signing 15 stockists",
        ),
        (
            "social ads for climbers in Utah because we want to open 3 new gyms' waitlists",
            "open 3 new gyms' waitlists",
        ),
        (
            "email to tilers, our target is 500 catalogue requests",
            "500 catalogue requests",
        ),
        (
            "an event for ferry crews, 6k, success = 40 safety pledges",
            "40 safety pledges",
        ),
    ],
)
def test_an_objective_said_as_a_purpose_or_a_target_is_read_without_its_lead_in(
    message: str, objective: str
) -> None:
    assert _read(message)["objective"] == objective


@pytest.mark.parametrize(
    ("message", "objective"),
    [
        ("email to reach glassblowers in Murano so that we can sell 30 kilns", "sell 30 kilns"),
        ("webinar to reach ferriers in Kent, 5k, we want 40 signups", "40 signups"),
        (
            "social ads to reach 8,000 app installs among hikers",
            "reach 8,000 app installs among hikers",
        ),
    ],
)
def test_to_reach_people_says_whom_not_what_for(message: str, objective: str) -> None:
    assert _read(message)["objective"] == objective


@pytest.mark.parametrize(
    ("message", "objective"),
    [
        ("content push (goal: 2,500 guide downloads) for harbour pilots", "2,500 guide downloads"),
        ("webinar (aim: 60 signups) for loft converters in Leeds", "60 signups"),
        ("email (objective: 1,200 coupon uses) to bakery owners", "1,200 coupon uses"),
    ],
)
def test_an_objective_in_brackets_ends_at_the_closing_bracket(message: str, objective: str) -> None:
    assert _read(message)["objective"] == objective


@pytest.mark.parametrize(
    ("message", "name"),
    [
        ("We're calling it Tin Roof Talks, a webinar for roofers", "Tin Roof Talks"),
        ("let's go with Mossgate Days as the name, event for gardeners", "Mossgate Days"),
        ("code name Kestrel. Email for glaziers", "Kestrel"),
        ("For the name, use Saltbox Live. It's a webinar for chefs.", "Saltbox Live"),
        ("title it Dry Stone Week. event for wallers in Yorkshire", "Dry Stone Week"),
    ],
)
def test_a_name_after_or_before_the_words_that_say_it_is_one(message: str, name: str) -> None:
    assert _read(message)["name"] == name


@pytest.mark.parametrize(
    "message",
    [
        "could we aim it at dentists instead?",
        "what objective would you suggest for a trade show?",
        "what's a good goal for a webinar with 40 seats?",
    ],
)
def test_a_question_about_a_value_fills_nothing(message: str) -> None:
    values = _read(message)
    assert "objective" not in values
    assert "target_audience" not in values


@pytest.mark.parametrize(
    "message",
    [
        "Hi all, quick favour. Webinar for glaziers in Hull please, 5k",
        "Email for stonemasons. Reason: our renewals slipped, 7k",
        "Hey, small thing. Event for coopers in Kent, budget 6k",
        "Webinar for farriers in Kent, we want 50 signups. Cheers, Tomasz",
        "Email for thatchers who joined in 2026, 5k. Thanks, Ines",
        "Event for luthiers in Cremona, budget 8k. Best regards, Marta",
    ],
)
def test_a_greeting_a_label_or_a_signature_is_never_guessed_as_a_name(message: str) -> None:
    assert "name" not in _read(message)


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("Format: a series of in-store events\nFor: florists in Bath", "event"),
        ("we'd like an email series for potters who joined in 2026, 4k", "email"),
        ("Type: a live online session for tilers", "webinar"),
    ],
)
def test_the_type_from_a_format_label_or_a_wish_for_a_kind_of_campaign(
    message: str, kind: str
) -> None:
    assert _read(message)["type"] == kind


@pytest.mark.parametrize(
    ("table", "lines"),
    [
        ("role\tclause\naudience\tbeekeepers in Devon\n", "audience | beekeepers in Devon"),
        ("objective\tsell 40 hives\n\n", "objective | sell 40 hives"),
        (
            "role\tclause\nname\tHive Week\nreply\tfine, go on\n",
            "name | Hive Week\nreply | fine, go on",
        ),
    ],
)
def test_a_written_table_reads_as_labelled_clauses(table: str, lines: str) -> None:
    assert as_labelled(table, "t.tsv") == lines
    assert clauses.parse(lines)[0][0] in set(Role)


def test_a_row_without_a_tab_is_an_error_naming_the_file() -> None:
    with pytest.raises(ValueError, match=r"corpus\.tsv row 2"):
        as_labelled("role\tclause\naudience beekeepers\n", "corpus.tsv")


def test_written_tables_are_trained_on_and_change_the_cache_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = Path(clauses.__file__).parent
    for name in clauses.FILES:
        (tmp_path / name).write_text((package / name).read_text("utf-8"), "utf-8")
    monkeypatch.setattr(corpus, "_folder", lambda: tmp_path)
    before, rows = clauses.cache_file(tmp_path), len(clauses.examples())
    (tmp_path / "written").mkdir()
    (tmp_path / "written" / "blind.tsv").write_text(
        "role\tclause\naudience\tbeekeepers in Devon\nobjective\tsell 40 hives\n", "utf-8"
    )
    (tmp_path / "written" / "notes.txt").write_text("not a table", "utf-8")
    assert clauses.cache_file(tmp_path) != before
    assert len(clauses.examples()) == rows + 2
    assert (Role.AUDIENCE, "beekeepers in Devon") in clauses.written_examples()
    assert not any(text == "beekeepers in Devon" for _, text in clauses.examples()[:rows])
