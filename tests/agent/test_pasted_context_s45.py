"""Details pasted inside noise, changed before the yes, and a second brief after the first
(session 45): a transcript's timestamps, a past campaign's numbers in the background, a doc's
comments, the way people rename a draft or swap a channel, and labels in a non-native brief.
Wordings written for this file, not copied from an evaluation set.
"""

from __future__ import annotations

from datetime import date

import pytest

from mcc.agent.extraction import extract
from tests.agent.conftest import Chat, draft_fields

TODAY = date(2037, 6, 23)


def _values(message: str) -> dict[str, str | int]:
    return {field: c.value for field, c in extract(message, today=TODAY).values.items()}


def test_a_transcripts_timestamps_are_no_amounts() -> None:
    values = _values(
        "00:00 right, recording\n00:09 it's called Brass Tacks\n00:21 budget is €42k\n"
        "00:30 launch date March 21"
    )
    assert values["budget"] == "42000"
    assert values["currency"] == "EUR"


def test_a_chats_clock_is_no_amount() -> None:
    assert _values("Maeve [9:14]: morning\nTomas [9:16]: budget 12k for this one")["budget"] == (
        "12000"
    )


@pytest.mark.parametrize(
    ("message", "budget"),
    [
        (
            "Background: the previous campaign, Old Mill, went to bakers in Ghent, cost $61 000"
            " and started in May 2036. None of that carries over.\n\nThis one: Flour Power for"
            " cafés in Bruges. Budget €8.5k.",
            "8500",
        ),
        (
            "Last year's run (Quiet Hours) had a budget of 90,000 US dollars. Now: budget $20k.",
            "20000",
        ),
        ("last year we spent 20k, this year the budget is 30k", "30000"),
    ],
)
def test_a_past_campaigns_money_is_not_this_budget(message: str, budget: str) -> None:
    assert _values(message)["budget"] == budget


def test_a_past_campaigns_money_alone_is_no_budget() -> None:
    assert "budget" not in _values("Previously: Copper Kettle, 4.5k pounds, florists in Leeds.")


async def test_a_docs_comment_after_a_value_is_no_part_of_it(chat: Chat) -> None:
    reply = await chat.say(
        "CAMPAIGN: Kiln Time\nTYPE: webinar\nAUDIENCE: hobby potters in Stoke [comment from Ana:"
        " agreed]\nOBJECTIVE: 40 more class bookings [comment from Raj: love it]\nBUDGET: $6,000"
    )
    fields = draft_fields(reply)
    assert fields.get("target_audience") == "hobby potters in Stoke"
    assert fields.get("objective") == "40 more class bookings"


def test_a_non_native_briefs_labels() -> None:
    values = _values(
        "Bonjour, I need a run of paid ads for our bakery in Lyon. The name: Pain Perdu. The"
        " clients targeted: office workers near Part-Dieu. The objective: 300 lunch orders."
    )
    assert values["name"] == "Pain Perdu"
    assert values["target_audience"] == "office workers near Part-Dieu"
    assert values["objective"] == "300 lunch orders"


def test_a_campaign_title_after_a_sentence_ends_before_the_full_stop() -> None:
    values = _values(
        "I would like to register a webinar. Campaign title: Hem Line. Target: tailors."
    )
    assert values["name"] == "Hem Line"


@pytest.mark.parametrize(
    ("message", "field", "value"),
    [
        (
            "The target is tailors who do alterations",
            "target_audience",
            "tailors who do alterations",
        ),
        ("the target is 300 sign-ups", "objective", "300 sign-ups"),
        ("a win looks like more tile samples ordered", "objective", "more tile samples ordered"),
        ("call this one Powder Hound", "name", "Powder Hound"),
        ("crowd we want: season ticket holders", "target_audience", "season ticket holders"),
    ],
)
def test_frames_of_a_brief(message: str, field: str, value: str) -> None:
    assert _values(message)[field] == value


@pytest.mark.parametrize(
    "change",
    [
        "trade the name for Spin Cycle",
        "the owners want it named Spin Cycle instead",
        "yep — only the name changes, to Spin Cycle",
    ],
)
async def test_a_rename_before_the_yes(chat: Chat, change: str) -> None:
    await chat.say(
        'Email campaign "Soap Box" for launderette owners in Leeds, goal 200 sign-ups, $9,000,'
        " launch 2037-09-14"
    )
    reply = await chat.say(change)
    assert draft_fields(reply).get("name") == "Spin Cycle"
    assert reply.draft is not None
    assert reply.draft.created_campaign_id is None


@pytest.mark.parametrize(
    ("change", "channels"),
    [
        ("replace Google Ads (search) with the LinkedIn feed", ["linkedin"]),
        ("swap the members' email bulletin for paid search first", ["paid search"]),
        ("scrap LinkedIn from the mix", ["email"]),
    ],
)
async def test_a_channel_swapped_in_its_own_words(
    chat: Chat, change: str, channels: list[str]
) -> None:
    first = "email and LinkedIn" if "scrap" in change else "Google Ads (search)"
    if "bulletin" in change:
        first = "the members' email bulletin"
    await chat.say(
        f'Partner campaign "Loop" for bike shops in Utrecht, goal 40 stockists, €12,000, launch'
        f" 2037-10-14, channels: {first}"
    )
    reply = await chat.say(change)
    assert reply.draft is not None
    assert sorted(channel.name for channel in reply.draft.channels) == channels


def test_a_weekday_after_a_date_is_no_name() -> None:
    values = _values(
        "the audience is cellar door managers; objective 90 tastings; budget $40k; live on"
        " 2038-09-26 (Sun)"
    )
    assert "name" not in values


async def test_a_working_title_stays_the_name(chat: Chat) -> None:
    await chat.say("can you set up a product launch for me?")
    reply = await chat.say("Harbour Pilots (working title)")
    fields = draft_fields(reply)
    assert fields.get("name") == "Harbour Pilots"
    assert "target_audience" not in fields


async def test_a_field_said_to_be_wrong_takes_the_new_value(chat: Chat) -> None:
    await chat.say(
        'Webinar "Deep Roots" for tree surgeons in Kent, goal 60 sign-ups, $7,000, launch'
        " 2037-09-14"
    )
    reply = await chat.say("the objective isn't right, it's Q4 pipeline")
    assert draft_fields(reply).get("objective") == "Q4 pipeline"


@pytest.mark.parametrize(
    "fix", ["wrong crowd — make it florists in York", "wrong crowd, we want florists in York"]
)
async def test_the_audience_fixed_in_other_words_fills_only_the_audience(
    chat: Chat, fix: str
) -> None:
    await chat.say(
        'Email campaign "Soap Box" for launderette owners in Leeds, goal 200 sign-ups, $9,000,'
        " launch 2037-09-14"
    )
    fields = draft_fields(await chat.say(fix))
    assert fields.get("target_audience") == "florists in York"
    assert fields.get("objective") == "200 sign-ups"


@pytest.mark.parametrize(
    "message",
    [
        "the market is off this week, so launch 3 May",
        "Desired budget: 8k GBP",
        "Let's call this one done",
        "we want it named after the founder",
        "They are the crowd.",
        "Budget is the goal",
        "people-wise I'm not sure yet",
        "A win would be nice after last quarter",
        "hope for the best, honestly",
    ],
)
def test_what_the_review_found_fills_no_free_text_field(message: str) -> None:
    """A helper's probes of this session's rules: none of these names a campaign, an audience or
    an aim."""
    values = _values(message)
    assert not {"name", "target_audience", "objective"} & set(values)


@pytest.mark.parametrize(
    ("message", "budget"),
    [
        ("We previously discussed it: the budget is 20k EUR.", "20000"),
        ("Like last year, budget 5k", "5000"),
        ("Last year we spent 20k; this year budget 30k", "30000"),
    ],
)
def test_this_campaigns_money_said_near_the_past_is_the_budget(message: str, budget: str) -> None:
    assert _values(message)["budget"] == budget


@pytest.mark.parametrize(
    "message", ["we'll pull email addresses from the CRM", "we can't scrap email, it's our biggest"]
)
def test_a_channel_named_but_not_dropped_stays(message: str) -> None:
    assert not extract(message, today=TODAY).removed_channels


def test_a_question_that_opens_with_how_are_you_is_a_question() -> None:
    from mcc.agent import intents

    assert intents.is_question("How are you supposed to handle lead times for a tier 1 campaign")
