"""Frames, remarks and picks around a drip's answers (session 42).

A marketer answering "what's the objective?" writes "so that fewer tenants miss rent", "we'd like
to see 60 volunteers sign up", "what the board wants: 30 signed renewals" or "90 bookings,
ideally": the frame before and the remark after are no part of the value, and a "what ... wants:"
clause states the value rather than asking. "just use other" picks the type whatever the words
before it suggest. Wordings written for this file, not copied from an evaluation set.
"""

from __future__ import annotations

import pytest

from mcc.agent.extraction.campaign_type import chooses_other
from mcc.agent.extraction.lead_ins import introduced
from mcc.agent.extraction.leading_marks import without_frame
from mcc.agent.yes_forms import reads_as_question
from tests.agent.conftest import Chat, draft_fields

_OPENER = 'email campaign called "Rent Ready"'


@pytest.mark.parametrize(
    ("answer", "objective"),
    [
        ("so that fewer tenants miss rent", "fewer tenants miss rent"),
        ("we'd like to see 60 volunteers sign up", "60 volunteers sign up"),
        ("we want them to book 30 viewings", "book 30 viewings"),
        ("hoping it'll bring in 12 new landlords", "bring in 12 new landlords"),
        ("90 renewals, ideally", "90 renewals"),
        ("300 app downloads lol", "300 app downloads"),
        ("what the board wants: 30 signed renewals", "30 signed renewals"),
        ("what matters is fewer late payments", "fewer late payments"),
        ("measured on tenancies signed within a month", "tenancies signed within a month"),
        ("we'd be over the moon with 45 new tenancies", "45 new tenancies"),
        ("we'd count it a win with 70 viewings booked", "70 viewings booked"),
        ("we want 20 referrals out of it", "20 referrals"),
        ("55 applications (for now)", "55 applications"),
    ],
)
async def test_the_objective_leaves_its_frame_and_remark(
    chat: Chat, answer: str, objective: str
) -> None:
    await chat.say(_OPENER)
    await chat.say("tenants in their first year with us")
    reply = await chat.say(answer)
    assert draft_fields(reply).get("objective") == objective


@pytest.mark.parametrize(
    ("answer", "audience"),
    [
        (
            "Ideal customers are landlords with two to five flats",
            "landlords with two to five flats",
        ),
        ("going after letting agents in Bristol", "letting agents in Bristol"),
        ("segment: tenants whose lease ends this year", "tenants whose lease ends this year"),
    ],
)
async def test_the_audience_leaves_its_frame(chat: Chat, answer: str, audience: str) -> None:
    await chat.say(_OPENER)
    reply = await chat.say(answer)
    assert draft_fields(reply).get("target_audience") == audience


@pytest.mark.parametrize(
    ("value", "field", "kept"),
    [
        ("people who are new to investing", "target_audience", "people who are new to investing"),
        ("retirees are our focus", "target_audience", "retirees are our focus"),
        ("This is for nurses", "target_audience", "This is for nurses"),
        ("so many more sign-ups", "objective", "so many more sign-ups"),
        ("seeds sold at the fair", "objective", "seeds sold at the fair"),
        ("after-school clubs in Leeds", "target_audience", "after-school clubs in Leeds"),
        ("120 leads (MQLs)", "objective", "120 leads (MQLs)"),
    ],
)
def test_words_that_only_look_like_a_frame_stay(value: str, field: str, kept: str) -> None:
    assert without_frame(field, value) == kept


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("what the client wants: 40 demo requests", False),
        ("what counts is signed contracts", False),
        ("what i'd like is for us to rank first for boiler repairs", False),
        ("what approvals are needed for a 200k launch", True),
        ("what lead time is recommended for a webinar", True),
        ("what budget does a tier 1 campaign need", True),
        ("what the client wants: 40 demo requests?", True),
    ],
)
def test_a_what_clause_that_names_its_value_asks_nothing(text: str, question: bool) -> None:
    assert reads_as_question(text) is question


@pytest.mark.parametrize(
    "opener",
    [
        'a bake sale for the school roof, type: other, name "Roof Fund Bake Sale"',
        'it\'s a door-knocking round, not on your list so other is fine — "Knock Knock Spring"',
        'a print ad in the church newsletter, just use other. Name "Pew News Advert"',
    ],
)
async def test_choosing_other_sets_the_type(chat: Chat, opener: str) -> None:
    reply = await chat.say(opener)
    assert draft_fields(reply).get("type") == "other"


async def test_other_qualifying_a_noun_picks_nothing(chat: Chat) -> None:
    reply = await chat.say('email campaign "Tell a Friend" so neighbours tell each other')
    assert draft_fields(reply).get("type") == "email"


# The type of a brief that never names it, by the meaning of what no field took (needs MiniLM).
@pytest.mark.parametrize(
    ("brief", "kind"),
    [
        (
            "We're unveiling the 2.0 of our diary app, dark mode and shared calendars. Name "
            '"Diary Two". Audience: freelancers who plan by the week. Objective: 5,000 upgrades. '
            "Budget $30,000. Start 2031-03-02.",
            "product_launch",
        ),
        (
            "Co-promoted with the bakery next door, costs split, their bread and our coffee as "
            'one deal. Name "Bread and Brew". Audience: commuters passing Mill Street. Objective: '
            "900 combo sales. Budget £1,500. Start 2031-04-06.",
            "partner",
        ),
        (
            "I'd like to send our yearly client letter straight to inboxes, nothing printed. "
            'Name "Client Letter 2031". Audience: private clients of our Leeds office. Objective: '
            "30 review meetings. Budget £700. Start 2031-04-13.",
            "email",
        ),
    ],
)
async def test_a_brief_that_describes_its_kind_gets_that_type(
    chat: Chat, kinds: None, brief: str, kind: str
) -> None:
    reply = await chat.say(brief)
    assert draft_fields(reply).get("type") == kind


async def test_a_brief_with_no_description_gets_no_type(chat: Chat, kinds: None) -> None:
    reply = await chat.say(
        'Name "Harbour Nights". Audience: sailors in Cowes. Objective: 40 bookings. '
        "Budget £2,000. Start 2031-05-04."
    )
    fields = draft_fields(reply)
    assert "type" not in fields
    assert reply.draft is not None
    assert "type" in reply.draft.asking


async def test_a_brief_that_describes_a_kind_no_type_names_is_other(
    chat: Chat, kinds: None
) -> None:
    reply = await chat.say(
        "We're holding a prize draw at the tills of our four shops, tickets a pound each. Name "
        '"Till Draw 31". Audience: Saturday shoppers in Hexham. Objective: £3,000 raised for '
        "the lifeboat station. Budget £400. Start 2031-06-07."
    )
    assert draft_fields(reply).get("type") == "other"


@pytest.mark.parametrize(
    ("brief", "kind"),
    [
        (
            'Campaign "Clear Smile Ads": search ads and boosted Instagram posts, for adults '
            "thinking about aligners, objective 90 consultations, £6,000, start 2031-05-03",
            "paid",
        ),
        (
            'Joint go-to-market with Fernhill Bikes, "Ride Together": for commuters in Bristol, '
            "objective 300 bundle sales, £5,000, start 2031-05-03",
            "partner",
        ),
    ],
)
async def test_words_around_a_kind_decide_it(chat: Chat, brief: str, kind: str) -> None:
    reply = await chat.say(brief)
    assert draft_fields(reply).get("type") == kind


@pytest.mark.parametrize(
    ("brief", "audience"),
    [
        (
            'Partner campaign "Tea Trail": Target group: hikers in the Peak District. Aim: 400 '
            "flasks sold. Budget: £3,000. Start: 2031-06-07.",
            "hikers in the Peak District",
        ),
        (
            'ABM push "Harbour Ten". Donors we\'re after: shipping firm owners in Hull. Objective: '
            "4 pledges. Budget: £9,000. Start: 2031-06-07.",
            "shipping firm owners in Hull",
        ),
        (
            'We want our user conference for payroll customers, called "Pay Day Live". '
            "It's mostly for school bursars in Kent. The objective is 60 demo requests. "
            "Budget £20,000, starting 7 June 2031.",
            "school bursars in Kent",
        ),
        (
            "It'll be a webinar for clients, and the people we want are ferry operators in Oban, "
            'and what we\'re after in the end is 30 trial sign-ups. Name it "Sound Crossing". '
            "Budget £2,000, starting 7 June 2031.",
            "ferry operators in Oban",
        ),
    ],
)
async def test_the_audience_the_brief_labels_wins(chat: Chat, brief: str, audience: str) -> None:
    reply = await chat.say(brief)
    assert draft_fields(reply).get("target_audience") == audience


# A review's hostile readings (session 42): ordinary words that only look like the new frames.
@pytest.mark.parametrize(
    "text",
    [
        "Webinar for CFOs in May, budget £5k. Other then that, nothing to add.",
        "we could go with other, smaller suppliers",
        "Other works by local artists hang in the lobby",
    ],
)
def test_other_in_ordinary_words_picks_no_type(text: str) -> None:
    assert not chooses_other(text)


@pytest.mark.parametrize(
    "value",
    [
        "parents are welcome, with kids under 5",
        "Students are a priority for us",
        "Gen Z is who we want",
    ],
)
def test_a_copula_without_people_after_it_stays(value: str) -> None:
    assert without_frame("target_audience", value) == value


@pytest.mark.parametrize(
    "text",
    ["what status is the draft in", "what the finance team is doing about it"],
)
def test_what_questions_without_their_mark_still_ask(text: str) -> None:
    assert reads_as_question(text)


def test_a_hedged_lead_in_still_introduces_the_people_after_it() -> None:
    # The tagger never replaces words the user introduced; "It's mostly for" introduces them.
    text = 'Our user conference for payroll clients, "Pay Day". It\'s mostly for bakers in Leeds.'
    assert introduced(text, "bakers in Leeds")
