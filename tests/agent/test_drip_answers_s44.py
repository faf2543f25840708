"""How newcomers answer one question after another (session 44).

A form pasted with its questions ("Who is it for? harbour masters in Cornwall"), an aim led into
by a phrase of its own ("the real win would be 30 new stockists", "i need it to double our
mailing list"), a hedge or a check around a value ("hopefully 300 new members", "— realistic?"),
two answers in one message ("retired teachers in Norfolk / more weekday visits than last
spring"), and the words that imply a kind of campaign ("the twelve logistics firms we most want
to land", "bringing our oat drink to market"). Wordings written for this file, not copied from
an evaluation set.
"""

from __future__ import annotations

from datetime import date

import pytest

from mcc.agent.extraction import extract
from mcc.agent.extraction.closings import without_check
from mcc.agent.extraction.implied_types import implied_kinds
from mcc.agent.extraction.labels import as_plain_labels
from mcc.campaigns.schemas import CampaignType
from tests.agent.conftest import Chat, draft_fields


async def test_a_pasted_form_with_its_questions_is_read_as_labels(chat: Chat) -> None:
    reply = await chat.say(
        "Campaign request form\n"
        "What is the campaign called? Harbour Lights\n"
        "What kind of campaign? a webinar\n"
        "Who is it for? harbour masters in Cornwall\n"
        "What's the goal? 150 registrations\n"
        "How much money is there? $12,000\n"
        "When does it go live? 2038-03-09"
    )
    fields = draft_fields(reply)
    assert fields.get("name") == "Harbour Lights"
    assert fields.get("type") == "webinar"
    assert fields.get("target_audience") == "harbour masters in Cornwall"
    assert fields.get("objective") == "150 registrations"
    assert reply.draft is not None
    assert reply.draft.missing == ()


def test_one_question_before_words_is_no_form() -> None:
    text = "Who approves this? I need to know before Friday"
    assert as_plain_labels(text) == text


async def test_a_quoted_name_the_aim_belongs_to_is_the_name(chat: Chat) -> None:
    reply = await chat.say(
        "Our challenge is clear: we need 40 more members. That's the goal of \"Tidewater "
        'Talks", a webinar for sailing club secretaries.'
    )
    fields = draft_fields(reply)
    assert fields.get("name") == "Tidewater Talks"
    assert fields.get("objective") == "40 more members"


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        ("tailored outreach to the twelve logistics firms we most want to land", "abm"),
        ("one-to-one work with the eight councils on our target list", "abm"),
        ("bringing our new oat drink to market", "product_launch"),
    ],
)
def test_the_words_imply_the_kind(words: str, kind: str) -> None:
    assert implied_kinds(words) == {CampaignType(kind)}


@pytest.mark.parametrize(
    "words",
    [
        "bringing the team to Market Square",
        "the three firms we want to thank",
        "customers on our mailing list",
    ],
)
def test_nearby_words_imply_no_kind(words: str) -> None:
    assert implied_kinds(words) == set()


async def test_a_channel_line_names_no_type(chat: Chat) -> None:
    reply = await chat.say(
        'A product launch called "Quay Days" for sea kayakers in Devon. '
        "Channels: the customer email list / LinkedIn."
    )
    fields = draft_fields(reply)
    assert fields.get("type") == "product_launch"
    assert reply.draft is not None
    assert "email" in [channel.name for channel in reply.draft.channels]


@pytest.mark.parametrize(
    ("check", "value"),
    [
        ("more walk-ins from students — realistic?", "more walk-ins from students"),
        ("200 sign-ups - too ambitious?", "200 sign-ups"),
        ("a fuller diary — thoughts?\n10k", "a fuller diary \n10k"),
    ],
)
def test_a_one_word_check_after_a_value_is_no_part_of_it(check: str, value: str) -> None:
    assert without_check(check) == value


async def _asked_for_the_aim(chat: Chat) -> None:
    await chat.say("we need a webinar for our climbing wall")
    await chat.say('call it "Chalk Talk"')
    await chat.say("boulderers in Sheffield")


@pytest.mark.parametrize(
    ("answer", "objective"),
    [
        ("hopefully 300 new members", "300 new members"),
        ("the goal is simply more repeat visits", "more repeat visits"),
        ("I reckon 90 bookings", "90 bookings"),
        ("the real win would be 30 new stockists", "30 new stockists"),
        ("we're hoping this gets us 200 downloads", "200 downloads"),
        ("i need it to double our mailing list", "double our mailing list"),
        ("if we reach 500 sign-ups we're thrilled", "500 sign-ups"),
        ("end result: 60 route setters trained", "60 route setters trained"),
        ("the aim is to get 40 dentists to try the kit", "get 40 dentists to try the kit"),
        ("the aim is to get more online bookings", "more online bookings"),
    ],
)
async def test_an_aim_in_its_own_words_answers_the_objective(
    chat: Chat, answer: str, objective: str
) -> None:
    await _asked_for_the_aim(chat)
    reply = await chat.say(answer)
    assert draft_fields(reply).get("objective") == objective


async def test_two_answers_split_by_a_slash_fill_two_fields(chat: Chat) -> None:
    await chat.say("we need a webinar for our climbing wall")
    await chat.say('call it "Chalk Talk"')
    reply = await chat.say("retired teachers in Norfolk / more weekday visits than last spring")
    fields = draft_fields(reply)
    assert fields.get("target_audience") == "retired teachers in Norfolk"
    assert fields.get("objective") == "more weekday visits than last spring"


@pytest.mark.parametrize(
    ("answer", "audience"),
    [
        ("Our target audience comprises marina owners.", "marina owners"),
        ("for the likes of junior rowing clubs in Kent", "junior rowing clubs in Kent"),
        ("think vintage camera buffs in Leeds", "vintage camera buffs in Leeds"),
        ("hmm, lifeguard squads I'd say", "lifeguard squads"),
    ],
)
async def test_who_it_is_for_in_its_own_words_answers_the_audience(
    chat: Chat, answer: str, audience: str
) -> None:
    await chat.say("we need a webinar for our climbing wall")
    await chat.say('call it "Chalk Talk"')
    reply = await chat.say(answer)
    assert draft_fields(reply).get("target_audience") == audience


async def test_an_opener_for_enthusiasts_names_them_though_the_kind_is_open(chat: Chat) -> None:
    reply = await chat.say(
        "we want to do something for model railway enthusiasts, no idea what yet"
    )
    assert draft_fields(reply).get("target_audience") == "model railway enthusiasts"


async def test_a_hedged_aim_before_the_audience_fills_both(chat: Chat) -> None:
    await chat.say("we need a webinar for our climbing wall")
    await chat.say('call it "Chalk Talk"')
    reply = await chat.say(
        "I think more members than last winter, and it should speak to students in Sheffield"
    )
    fields = draft_fields(reply)
    assert fields.get("objective") == "more members than last winter"
    assert fields.get("target_audience") == "students in Sheffield"


async def test_a_labelled_date_after_the_aim_is_no_part_of_it(chat: Chat) -> None:
    await chat.say("we need a webinar for our climbing wall")
    await chat.say('call it "Chalk Talk"')
    await chat.say("boulderers in Sheffield")
    reply = await chat.say(
        "the real win is to double our youth squad, and first session: 2038-02-17"
    )
    fields = draft_fields(reply)
    assert fields.get("objective") == "double our youth squad"
    assert fields.get("launch_date") == "2038-02-17"


async def test_a_plan_to_run_the_campaign_is_no_aim(chat: Chat) -> None:
    reply = await chat.say("the plan is to run Facebook ads for the bakery")
    fields = draft_fields(reply)
    assert fields.get("type") == "paid"
    assert "objective" not in fields


@pytest.mark.parametrize(
    ("answer", "name"),
    [
        ("callin it Salt Spray", "Salt Spray"),
        ("Low Tide Lessons (working title)", "Low Tide Lessons"),
        ("let's go with Harbour Lights", "Harbour Lights"),
    ],
)
async def test_a_name_in_everyday_words_is_the_name(chat: Chat, answer: str, name: str) -> None:
    await chat.say("we need a webinar for our sailing school")
    reply = await chat.say(answer)
    assert draft_fields(reply).get("name") == name


async def test_a_short_date_ending_an_answer_is_the_launch(chat: Chat) -> None:
    await chat.say(
        'A webinar called "Chalk Talk" for boulderers in Sheffield, to get 40 new members.'
    )
    reply = await chat.say("about 9 grand, and probably 26/3")
    fields = draft_fields(reply)
    assert fields.get("budget") == "9000"
    assert str(fields.get("launch_date")).endswith("-03-26")


async def test_a_date_before_a_line_about_money_keeps_its_day(chat: Chat) -> None:
    await chat.say(
        'A webinar called "Chalk Talk" for boulderers in Sheffield, to get 40 new members.'
    )
    reply = await chat.say("starts March 15\nmoney-wise 6,000 USD")
    assert str(draft_fields(reply).get("launch_date")).endswith("-03-15")


async def test_paid_instagram_is_the_paid_social_channel(chat: Chat) -> None:
    reply = await chat.say(
        'A product launch called "Quay Days" for sea kayakers. Channels: paid Instagram and email.'
    )
    assert reply.draft is not None
    assert {"paid social", "email"} <= {channel.name for channel in reply.draft.channels}


@pytest.mark.parametrize(
    ("opener", "kind"),
    [
        ("quick one — could you help with a series of blog posts about repairs?", "content"),
        ("thinking about a joint promo with the hotel next door", "partner"),
    ],
)
async def test_asking_for_help_with_a_campaign_starts_it(
    chat: Chat, opener: str, kind: str
) -> None:
    reply = await chat.say(opener)
    assert draft_fields(reply).get("type") == kind


async def test_help_with_a_question_starts_no_campaign(chat: Chat) -> None:
    reply = await chat.say("can you help me with a question about email approvals?")
    assert reply.draft is None or draft_fields(reply).get("type") is None


# What a review of this session's readers found them misreading; each stays read as it was.
_TODAY = date(2037, 6, 23)


def _read(text: str) -> dict[str, str | int]:
    found = extract(text, today=_TODAY, pending=(), flagship_keywords=())
    return {name: candidate.value for name, candidate in found.values.items()}


@pytest.mark.parametrize(
    "text",
    [
        "Hope it gets signed off soon, the webinar is for HR leaders in Ohio.",
        "Main thing: don't email people who unsubscribed.",
        "If we get the budget approved we'll go in March.",
        "I need it to be live before the 14th of July.",
        "I need it to go out on email and LinkedIn only.",
        "We're hoping this gets approved by Friday.",
        "The plan is simple. Webinar for CFOs.",
        "Plan is we go live on 3 March with a webinar",
        'We share the objective of "zero waste by 2040" with our customers.',
    ],
)
def test_a_lead_in_before_no_result_makes_no_objective(text: str) -> None:
    fields = _read(text)
    assert "objective" not in fields
    assert "name" not in fields


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("Hope it gets signed off soon, the webinar is for HR leaders in Ohio.", "type", "webinar"),
        ("Channels: LinkedIn, type: email", "type", "email"),
        ("Main channel is email, so it's an email campaign for lapsed donors", "type", "email"),
        (
            "Who are the competitors? Workday and BambooHR\nWho is it for? HR leaders in Ohio",
            "target_audience",
            "HR leaders in Ohio",
        ),
        ("Audience: new parents — too broad? Also a webinar.", "target_audience", "new parents"),
        ("Audience: new parents — too broad? Also a webinar.", "type", "webinar"),
        (
            "Audience: new prospects / our existing customers in Leeds",
            "target_audience",
            "new prospects / our existing customers in Leeds",
        ),
        (
            "Audience: just-retired teachers in Wales",
            "target_audience",
            "just-retired teachers in Wales",
        ),
        ("Audience: plus size women in Leeds", "target_audience", "plus size women in Leeds"),
    ],
)
def test_what_the_review_found_is_read_as_written(text: str, field: str, value: str) -> None:
    assert _read(text).get(field) == value


def test_a_why_question_in_a_form_is_no_objective() -> None:
    fields = _read(
        "Who is it for? dentists in Leeds\nWhy? They keep asking about our whitening kit"
    )
    assert fields.get("target_audience") == "dentists in Leeds"
    assert "objective" not in fields


def test_clients_to_win_back_are_no_account_based_campaign() -> None:
    assert implied_kinds("the 200 clients we need to win back before renewal") == set()


def test_get_before_a_place_is_no_verb_kept() -> None:
    fields = _read("We want to get 200 registrations to Manchester workshops.")
    assert fields.get("objective") == "200 registrations to Manchester workshops"


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("we're going after boutique gyms in Lisbon", "target_audience", "boutique gyms in Lisbon"),
        ("aimed squarely at hobby potters in Cork", "target_audience", "hobby potters in Cork"),
        ("our crowd's upholstery hobbyists", "target_audience", "upholstery hobbyists"),
    ],
)
def test_an_audience_lead_in_keeps_every_word_of_the_people(
    text: str, field: str, value: str
) -> None:
    assert _read(text).get(field) == value


def test_we_are_going_after_a_figure_is_no_audience() -> None:
    assert "target_audience" not in _read("we're going after 90 qualified leads")


def test_a_product_named_by_its_use_is_no_objective() -> None:
    assert "objective" not in _read("We need a launch for our new booking app")


async def test_a_remark_on_its_own_clause_fills_no_field(chat: Chat) -> None:
    await chat.say('A webinar called "Chalk Talk" for boulderers in Sheffield.')
    reply = await chat.say("launch 10/27/2037, all being well")
    assert draft_fields(reply).get("objective") is None


async def test_an_aim_after_hoping_this_brings_keeps_only_the_result(chat: Chat) -> None:
    await chat.say("we need a webinar for our climbing wall")
    await chat.say('call it "Chalk Talk"')
    reply = await chat.say(
        "mainly boulderers in Sheffield. also we're hoping this brings 80 new members"
    )
    fields = draft_fields(reply)
    assert fields.get("target_audience") == "boulderers in Sheffield"
    assert fields.get("objective") == "80 new members"
