"""Names given in prose, channels left out in the same breath, and dictated punctuation
(session 48).

After probes-48's DEV half, a battery of this file's own wordings: "we've named it X" kept its
cue in the name, "Let's call it X: a webinar ..." kept what followed the colon, "Title of the
campaign is X" and "The name we picked is X" kept their label, "X is what we call it", "under the
banner X", "Set up X: an email series" and a title set off between commas after what the campaign
is ("a livestream with Q&A, Stream Team, for nurses") gave no name. "(email, LinkedIn, paid search,
paid social) except search" kept paid search, and "print, email ...; drop the print" kept print.
A dictated brief's "period" ended up in its objective.
"""

from __future__ import annotations

from datetime import date

import pytest

from mcc.agent import dialogue
from mcc.agent.acts import Context
from mcc.agent.extraction.dictation import with_spoken_marks
from tests.agent.conftest import Chat, draft_fields


def _read(message: str, pending: tuple[str, ...] = ()) -> dialogue.Reading:
    return dialogue.read(
        message,
        today=date(2033, 1, 18),
        pending=pending,
        flagship_keywords=("keynote",),
        context=Context.DETAILS,
        open_fields=(),
    )


@pytest.mark.parametrize(
    "message",
    [
        "Webinar for dentists; we've named it Harbour Lights.",
        "Let's call it Harbour Lights: a webinar for dentists.",
        "Title of the campaign is Harbour Lights. It's a webinar for dentists.",
        "The name we picked is Harbour Lights; a webinar for dentists.",
        "Planning a webinar for dentists, Harbour Lights is what we call it.",
        "A webinar for dentists under the banner Harbour Lights.",
        "Hosting a 45-minute webinar with Q&A, Harbour Lights, for dentists, goal 150 sign-ups.",
        "webinar for dentists on the new aligners, working title Harbour Lights",
        "It goes by Harbour Lights — a webinar for dentists.",
        "A webinar branded as Harbour Lights, for dentists.",
        "ok let's go with Harbour Lights as the name. webinar, 5k",
        "Harbour Lights is the name — webinar, for dentists, 12 May.",
        "Harbour Lights is what we call it — monthly webinars for dentists.",
        "The webinar, Harbour Lights, is for dentists, monthly.",
        "Next up, Harbour Lights: a webinar for dentists, $5k.",
        "And a second campaign for the same clinic: Harbour Lights, a webinar for dentists.",
        "Webinar (working title Harbour Lights) for dentists, 1 Sept, $20K.",
    ],
)
def test_a_name_in_prose_is_the_name_alone(message: str) -> None:
    name = _read(message).found.values.get("name")
    assert name is not None
    assert name.value == "Harbour Lights"


@pytest.mark.parametrize(
    ("message", "title"),
    [
        ("Set up Tidewater: an email series for dentists.", "Tidewater"),
        ("Now let's do Tidewater — an email series for dentists, £5k.", "Tidewater"),
        ("Then there's Back to the Coast — a content series for surfers.", "Back to the Coast"),
        ("name: tidewater q1 (lowercase pls). email series for dentists", "tidewater q1"),
    ],
)
def test_a_title_after_a_request_and_before_what_it_is(message: str, title: str) -> None:
    name = _read(message).found.values.get("name")
    assert name is not None
    assert name.value == title


@pytest.mark.parametrize(
    "message",
    [
        "a webinar for dentists in New York, for the spring",
        "Set up Monday: a webinar for dentists",
        "a webinar, Paid Social, for dentists",
        "Plan a webinar for our partners in Cork, 20 Sept, €25k.",
    ],
)
def test_places_days_and_kinds_between_commas_are_no_name(message: str) -> None:
    assert "name" not in _read(message).found.values


@pytest.mark.parametrize(
    ("message", "kept", "left_out"),
    [
        (
            "Every channel we normally use (email, LinkedIn, paid search, paid social) except "
            "search.",
            ["email", "linkedin", "paid social"],
            "paid search",
        ),
        (
            "Normally we'd do print, email, LinkedIn and paid search; drop the print.",
            ["email", "linkedin", "paid search"],
            "print",
        ),
    ],
)
def test_a_channel_listed_then_left_out_is_out(
    message: str, kept: list[str], left_out: str
) -> None:
    found = _read(message, ("channels",)).found
    assert sorted(str(c.value) for c in found.channels) == sorted(kept)
    assert left_out in {c.value for c in found.removed_channels}


def test_spoken_punctuation_is_read_as_marks_of_the_same_length() -> None:
    said = "the objective is more sign-ups period the budget is 9k period channels colon email"
    marked = with_spoken_marks(said)
    assert len(marked) == len(said)
    assert " ".join(marked.split()) == (
        "the objective is more sign-ups. the budget is 9k. channels: email"
    )
    assert with_spoken_marks("a free trial period for new users") == (
        "a free trial period for new users"
    )


async def test_a_dictated_brief_keeps_its_objective_clean(chat: Chat) -> None:
    reply = await chat.say(
        "please create a webinar period the name is Harbour Lights period the audience is "
        "dentists in Leeds period the objective is more implant enquiries period the budget is "
        "USD 9 thousand period"
    )
    fields = draft_fields(reply)
    assert fields.get("objective") == "more implant enquiries"
    assert fields.get("target_audience") == "dentists in Leeds"
