"""Known misunderstandings of the offline assistant (issue 10), each in phrasings of our own (none
is in an evaluation set). A wrong value is worse than an empty one: each family checks the value
the user said is read, or none at all."""

from __future__ import annotations

from datetime import date

import pytest

from mcc.agent.extraction import extract
from tests.agent.conftest import Chat
from tests.agent.reading import readers

TODAY = date(2029, 2, 12)


values, channels = readers(TODAY)


def evidence(text: str, field: str) -> str:
    return extract(text, today=TODAY, flagship_keywords=()).values[field].evidence


# --- 1. Dictated dates: the day and year said as words ---------------------------------------


@pytest.mark.parametrize(
    ("message", "wanted"),
    [
        ("we go live august twenty-second twenty thirty", "2030-08-22"),
        ("kick off on the thirtieth of april, twenty thirty three", "2033-04-30"),
        ("launch september first two thousand and thirty one", "2031-09-01"),
        ("start date: may 14 twenty twenty nine", "2029-05-14"),
        ("launching october thirty first", "2029-10-31"),
        ("it starts the nineteenth of march", "2029-03-19"),
    ],
)
def test_a_dictated_date_reads_the_day_and_year_said(message: str, wanted: str) -> None:
    assert values(message)["launch_date"] == wanted


@pytest.mark.parametrize(
    ("message", "words"),
    [
        ("we go live august twenty-second twenty thirty", "august twenty-second twenty thirty"),
        ("kick off the twentieth of may", "the twentieth of may"),
        ("launching november ninth", "november ninth"),
    ],
)
def test_a_dictated_date_keeps_all_its_words_as_evidence(message: str, words: str) -> None:
    # Half a word ("november nin") grounds no date, and the date was dropped.
    assert evidence(message, "launch_date") == words


@pytest.mark.parametrize(
    "message",
    ["budget twenty thirty for the push", "twenty thirty vision: launch in june", "plan for 2030"],
)
def test_year_words_away_from_a_day_and_month_are_no_date(message: str) -> None:
    assert "2030" not in values(message).get("launch_date", "")


async def test_a_dictated_launch_date_reaches_the_draft(chat: Chat) -> None:
    reply = await chat.say(
        "webinar 'Quiet Harbour' for logistics managers, objective 90 registrations, budget "
        "$6,000, email only, launch november twelfth twenty twenty six"
    )
    assert reply.draft is not None
    assert reply.draft.value_of("launch_date") == "2026-11-12"


# --- 2. A range said in words is no one amount -----------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "budget fifteen to eighteen k",
        "we can spend between sixty and seventy thousand",
        "budget somewhere from ten to twelve thousand pounds",
        "fifty or sixty grand budget",
        "budget between 45 and 55 thousand",
        "spend: 12 to 15 grand",
    ],
)
def test_a_range_in_words_leaves_the_budget_empty(message: str) -> None:
    assert "budget" not in values(message)


@pytest.mark.parametrize(
    ("message", "wanted"),
    [
        ("budget sixty-five k", "65000"),
        ("we have forty two thousand to spend", "42000"),
        ("budget fifty grand, one-to-one meetings with buyers", "50000"),
    ],
)
def test_one_amount_in_words_is_still_the_budget(message: str, wanted: str) -> None:
    assert values(message)["budget"] == wanted


async def test_a_range_in_words_is_asked_about(chat: Chat) -> None:
    reply = await chat.say(
        "content campaign 'Slate Notes' for plant managers, objective 200 downloads, budget "
        "thirty five to forty k, email only, launch 2026-06-01"
    )
    assert reply.draft is not None
    assert reply.draft.value_of("budget") is None
    assert "budget" in reply.content.lower()


# --- 3. Channels listed after a name are channels, not the type ------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "Name: Autumn Relay, email, LinkedIn",
        "Title: Harbor Lights; email + sms",
        "called Tin Roof, email and paid social",
        "Name - Ember Days, email, linkedin, events",
    ],
)
def test_a_channel_list_after_a_name_sets_channels_and_no_type(message: str) -> None:
    assert "type" not in values(message)
    assert "email" in channels(message)


@pytest.mark.parametrize(
    ("message", "wanted"),
    [
        ("Name: Autumn Relay, email campaign, LinkedIn", "email"),
        ("email blast 'Tin Roof', email and LinkedIn", "email"),
        ("Name: Ember Days, webinar, email, LinkedIn", "webinar"),
    ],
)
def test_a_real_type_word_next_to_channels_is_still_the_type(message: str, wanted: str) -> None:
    assert values(message)["type"] == wanted


# --- 4. A bare correction right after a change applies to the field just changed -------------

BRIEF = (
    "webinar 'Copper Gate' for CFOs in France, objective 60 registrations, budget $5,000, "
    "launch 2026-06-01, email only"
)


@pytest.mark.parametrize(
    ("correction", "wanted"),
    [
        ("argh no, CFOs in Spain and Portugal", "CFOs in Spain and Portugal"),
        ("no - HR leads at fintechs in Berlin", "HR leads at fintechs in Berlin"),
        ("sorry, I meant finance directors in Italy", "finance directors in Italy"),
        ("ugh, nope: controllers in Austria", "controllers in Austria"),
    ],
)
async def test_a_bare_correction_fixes_the_field_just_changed(
    chat: Chat, correction: str, wanted: str
) -> None:
    await chat.say(BRIEF)
    await chat.say("actually change the audience to CFOs in Germany")
    reply = await chat.say(correction)
    assert reply.draft is not None
    assert reply.draft.value_of("target_audience") == wanted
    assert not any(a["type"] == "campaign_created" for a in reply.actions)


@pytest.mark.parametrize(
    "reply_text", ["no, that's fine", "nope, keep it", "no, leave it as is", "no worries"]
)
async def test_a_verdict_after_a_change_fills_nothing(chat: Chat, reply_text: str) -> None:
    await chat.say(BRIEF)
    await chat.say("actually change the audience to CFOs in Germany")
    reply = await chat.say(reply_text)
    assert reply.draft is not None
    assert reply.draft.value_of("target_audience") == "CFOs in Germany"


async def test_a_bare_correction_after_a_whole_brief_fills_nothing(chat: Chat) -> None:
    # Many fields came from the last turn: which one "no, X" corrects is anyone's guess.
    await chat.say(BRIEF)
    reply = await chat.say("no, CTOs in Spain")
    assert reply.draft is not None
    assert reply.draft.value_of("target_audience") == "CFOs in France"


# --- 5. Dictated labels without punctuation: the name as typed ------------------------------


@pytest.mark.parametrize(
    ("message", "wanted"),
    [
        ("new campaign name amber relay type webinar budget ten k", "amber relay"),
        ("campaign name harbor nights budget 30k type event", "harbor nights"),
        ("name silver line audience nurses in ohio type email", "silver line"),
        ("ok name Kite Run 2 channels email and linkedin", "Kite Run 2"),
    ],
)
def test_a_dictated_name_ends_at_the_next_label(message: str, wanted: str) -> None:
    assert values(message)["name"] == wanted


@pytest.mark.parametrize(
    "message",
    [
        "name tags for the booth budget 5k",
        "name badges via the venue type event",
        "we still need a name budget 20k",
    ],
)
def test_name_words_that_are_no_title_are_no_dictated_name(message: str) -> None:
    assert "name" not in values(message)


@pytest.mark.parametrize(
    ("message", "field", "wanted"),
    [
        ("objective 200 registrations launch june first", "objective", "200 registrations"),
        ("audience nurses in ohio budget 12k", "target_audience", "nurses in ohio"),
        ("objective grow signups launch 2029-05-02", "objective", "grow signups"),
    ],
)
def test_a_dictated_value_stops_before_the_next_labelled_value(
    message: str, field: str, wanted: str
) -> None:
    assert values(message)[field] == wanted


async def test_a_dictated_brief_reads_its_lowercase_name(chat: Chat) -> None:
    reply = await chat.say(
        "new campaign name granite loop type webinar budget twenty k audience IT managers "
        "objective 200 registrations launch june first twenty twenty six channels email"
    )
    assert reply.draft is not None
    assert reply.draft.value_of("name") == "granite loop"
    assert reply.draft.value_of("objective") == "200 registrations"
    assert reply.draft.value_of("launch_date") == "2026-06-01"


# --- 6. JSON briefs: a budget object, and escaped quotes in strings --------------------------


@pytest.mark.parametrize(
    ("message", "wanted"),
    [
        ('{"name": "Fern Lab", "budget": {"amount": 40000, "currency": "EUR"}}', "40000"),
        ('{"budget": {"value": 12500}, "audience": "plant managers"}', "12500"),
        ('{"total_budget": {"amount": "$9,000"}, "type": "email"}', "9000"),
    ],
)
def test_a_budget_object_in_json_is_the_budget(message: str, wanted: str) -> None:
    assert values(message)["budget"] == wanted


def test_a_budget_objects_currency_is_kept() -> None:
    assert values('{"budget": {"amount": 40000, "currency": "EUR"}}')["currency"] == "EUR"


def test_an_amount_in_another_object_is_no_budget() -> None:
    assert "budget" not in values('{"results": {"amount": 40000}, "type": "email"}')


@pytest.mark.parametrize(
    ("message", "wanted"),
    [
        ('{"name": "The \\"Big\\" Reveal", "type": "email"}', 'The "Big" Reveal'),
        ('{"campaign_name": "Say \\"Hi\\" Week"}', 'Say "Hi" Week'),
        ('{"name": "Back\\\\Slash Days"}', "Back\\Slash Days"),
    ],
)
def test_escaped_characters_in_a_json_name_are_read_as_meant(message: str, wanted: str) -> None:
    assert values(message)["name"] == wanted


async def test_a_json_brief_with_a_budget_object_previews_its_name_and_budget(chat: Chat) -> None:
    reply = await chat.say(
        '{"name": "The \\"Quiet\\" Series", "type": "content", "channels": ["email"], '
        '"audience": "plant managers in Lyon", "objective": "200 downloads", '
        '"budget": {"amount": 18000, "currency": "EUR"}, "launch_date": "2026-09-01"}'
    )
    assert reply.draft is not None
    assert reply.draft.value_of("name") == 'The "Quiet" Series'
    assert str(reply.draft.value_of("budget")) == "18000"
    assert reply.draft.value_of("currency") == "EUR"  # not shown as dollars


# --- 7. Routing: questions with a greeting and a sign-off, rules asked without a "?" ---------


@pytest.mark.parametrize(
    "question",
    [
        "Morning! When does an asset need legal review? Ta.",
        "Afternoon all - how early should event invites go out? ta",
        "when does legal have to review our social posts?",
        "G'day, when do webinar reminder emails go out? Cheers",
    ],
)
async def test_a_question_with_a_greeting_and_a_sign_off_is_answered(
    chat: Chat, question: str
) -> None:
    reply = await chat.say(question)
    assert reply.citations
    assert reply.draft is None or not reply.draft.fields


@pytest.mark.parametrize(
    "fragment",
    [
        "best time of day to send a promo email",
        "ideal time of day to post on LinkedIn",
        "recommended subject line length for a promo email",
    ],
)
async def test_a_rule_asked_without_a_question_mark_is_looked_up(chat: Chat, fragment: str) -> None:
    reply = await chat.say(fragment)
    assert reply.citations
    assert reply.draft is None or not reply.draft.fields


@pytest.mark.parametrize(
    "message",
    ["minimum tap target size", "target CPA for paid search", "target open rate for newsletters"],
)
def test_a_measured_target_names_no_audience(message: str) -> None:
    assert "target_audience" not in values(message)


@pytest.mark.parametrize(
    ("message", "wanted"),
    [("target CFOs in Spain", "CFOs in Spain"), ("target: hospital buyers", "hospital buyers")],
)
def test_target_before_people_is_still_the_audience(message: str, wanted: str) -> None:
    assert values(message)["target_audience"] == wanted
