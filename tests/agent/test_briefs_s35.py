"""Briefs as people write them, read field by field (session 35).

"social (paid)" is paid social and "e-mails" email; a brief's "Channels:" line is the whole list
(a "blog" in its description adds nothing); "a content-led campaign" is a content campaign; a
spreadsheet row exported with semicolons is read by column; a meeting's "Attendees:" are no
audience beside its "Agreed audience:"; "Email (owned list)" says how the email runs, nobody to
reach; "Audience is X" in a sentence is never replaced by the tagger's guess; "I meant X for the
audience" corrects the audience. Wordings written for this file, not from an evaluation set.
"""

from __future__ import annotations

from datetime import date

from mcc.agent.extraction import extract
from mcc.agent.extraction.field_fixes import field_fix
from tests.agent.conftest import Chat

TODAY = date(2031, 1, 6)


def _read(text: str) -> tuple[dict[str, object], list[str]]:
    found = extract(text, today=TODAY)
    return {name: c.value for name, c in found.values.items()}, [
        str(c.value) for c in found.channels
    ]


def test_social_marked_paid_in_brackets_is_paid_social() -> None:
    _, channels = _read("We'll run it on LinkedIn plus social (paid), nothing else.")
    assert channels == ["linkedin", "paid social"]


def test_e_mails_with_a_hyphen_are_email() -> None:
    _, channels = _read("Channels: e-mails and paid search")
    assert channels == ["email", "paid search"]


def test_a_channels_line_is_the_whole_list() -> None:
    text = (
        'A how-to guide with a video walkthrough for our blog, called "Kiln Basics".\n'
        "Audience: pottery teachers in Leeds\n"
        "Channels: one channel, social (paid)"
    )
    _, channels = _read(text)
    assert channels == ["paid social"]


def test_a_channels_line_with_semicolons_keeps_every_channel() -> None:
    _, channels = _read('Webinar "Tide Tables"\nChannels: LinkedIn; paid social; email\nThanks')
    assert sorted(channels) == ["email", "linkedin", "paid social"]


def test_a_type_word_made_into_a_compound_names_the_type() -> None:
    assert _read('Please set up a content-led campaign, "Quiet Hours".')[0]["type"] == "content"
    assert _read("It's a social-first push for spring.")[0]["type"] == "social"
    assert _read('new campaign "Rook Row" (pay-per-click) for locksmiths')[0]["type"] == "paid"


def test_a_semicolon_separated_export_is_read_by_column() -> None:
    text = (
        "from the planner:\n"
        "Name;Type;Audience;Objective;Budget;Launch\n"
        '"Harbour Lights Run";"Event";"running clubs in Cork";"400 entries";"EUR 9,000";'
        '"2031-05-09"'
    )
    values, _ = _read(text)
    assert values["name"] == "Harbour Lights Run"
    assert values["target_audience"] == "running clubs in Cork"
    assert values["objective"] == "400 entries"
    assert (values["budget"], values["currency"]) == ("9000", "EUR")
    assert values["launch_date"] == "2031-05-09"


def test_meeting_attendees_are_not_the_audience() -> None:
    text = (
        "Notes from Tuesday's sync\n"
        "Attendees: Priya, Tomasz, Lena\n"
        'Decision: a webinar called "Cold Chain Clinic"\n'
        "Agreed audience: pharmacy buyers at hospital groups\n"
    )
    assert _read(text)[0]["target_audience"] == "pharmacy buyers at hospital groups"
    # Alone, the label still names who an event reaches.
    assert _read("Event next month. Attendees: dental practice owners")[0]["target_audience"] == (
        "dental practice owners"
    )


async def test_a_bracket_about_a_channel_is_no_audience(chat: Chat) -> None:
    reply = await chat.say(
        'next up: a field event called "Moss & Stone" on Email (house list) and paid search'
    )
    assert reply.draft is not None
    assert reply.draft.value_of("target_audience") is None


async def test_an_audience_said_in_a_sentence_is_kept_whole(chat: Chat) -> None:
    reply = await chat.say(
        'hiya, need a webinar for clients sorted please — "Slow Bread". Audience is bakery '
        "owners in Cork and Kerry; objective is 50 sourdough course sign-ups."
    )
    assert reply.draft is not None
    assert reply.draft.value_of("target_audience") == "bakery owners in Cork and Kerry"


def test_a_value_then_its_field_corrects_that_field() -> None:
    fix = field_fix("I meant hill farmers in Cumbria for the audience")
    assert fix is not None
    assert (fix.field, fix.value) == ("target_audience", "hill farmers in Cumbria")
    fix = field_fix("sorry, use 25 renewals as the goal please")
    assert fix is not None
    assert (fix.field, fix.value) == ("objective", "25 renewals")
    assert field_fix("I meant the webinar for the partners") is None


async def test_a_correction_naming_the_field_last_updates_it(chat: Chat) -> None:
    await chat.say(
        'Webinar "Fen Walks", for birdwatchers in Norfolk, objective 200 sign-ups, budget $8k, '
        "launch 2031-04-14, channels email"
    )
    reply = await chat.say("I meant wildfowl photographers in Norfolk for the audience")
    assert reply.draft is not None
    assert reply.draft.value_of("target_audience") == "wildfowl photographers in Norfolk"


def test_ads_on_social_networks_are_paid_social() -> None:
    for said in ("FB/IG ads", "Facebook and Instagram ads", "paid TikTok", "Meta (paid)"):
        assert _read(f"Channels: email, {said}")[1] == ["paid social", "email"], said


def test_more_spellings_of_the_four_channels() -> None:
    assert _read("Channels: EDM and Bing ads")[1] == ["email", "paid search"]
    assert _read("Channels: boosted posts plus AdWords")[1] == ["paid social", "paid search"]
    assert _read("Channels: edm")[1] == []  # lower case, it may be the music


def test_what_the_campaign_should_bring_is_the_objective() -> None:
    values, _ = _read(
        'Webinar "Quiet Quarter" for librarians in Fife. It should bring 60 book-club sign-ups.'
    )
    assert values["objective"] == "60 book-club sign-ups"
    values, _ = _read('Webinar "Quiet Quarter". Target outcome — 60 book-club sign-ups.')
    assert values["objective"] == "60 book-club sign-ups"
    assert "target_audience" not in values
