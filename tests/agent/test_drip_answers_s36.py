"""Details given over several short messages, in the writer's order (session 36).

Asked "What should it be called? Who is it for?", people answer whatever they have: an
objective ("awareness in the Nordics"), a count ("300 webinar sign-ups"), a budget and the
people in one message. The answer goes to the field its words are, not to the first one asked;
a count of what a type produces ("300 webinar sign-ups") is the objective and changes no type;
a question the writer answers at once ("who's it for? X") labels X; an order in place of an aim
("the ask: please set up ...") is the request; a markdown page's heading is its title. Wordings
written for this file, not from an evaluation set.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from mcc.agent import intents
from mcc.agent.extraction import extract
from mcc.agent.extraction.amounts import find_amounts
from mcc.agent.extraction.own_questions import as_labels
from tests.agent.conftest import Chat

TODAY = date(2031, 1, 6)


def _values(text: str, pending: tuple[str, ...] = ()) -> dict[str, object]:
    found = extract(text, today=TODAY, pending=pending)
    return {name: c.value for name, c in found.values.items()}


async def test_an_answer_fills_the_field_its_words_are(chat: Chat) -> None:
    await chat.say("I need to set up a partner campaign")
    # Asked for the name and the audience, the writer gives the objective.
    reply = await chat.say("brand awareness across the Nordics")
    assert reply.draft is not None
    assert reply.draft.value_of("objective") == "brand awareness across the Nordics"
    assert reply.draft.value_of("name") is None
    # A title is still the name it was asked for.
    reply = await chat.say("Fjord Lights")
    assert reply.draft is not None
    assert reply.draft.value_of("name") == "Fjord Lights"


async def test_a_count_of_what_a_type_produces_is_the_objective(chat: Chat) -> None:
    await chat.say("new paid search campaign please")
    reply = await chat.say("300 webinar sign-ups")
    assert reply.draft is not None
    assert reply.draft.value_of("objective") == "300 webinar sign-ups"
    assert reply.draft.value_of("type") == "paid"
    assert "webinar" not in [channel.name for channel in reply.draft.channels]


def test_a_counted_clause_beside_other_details_is_the_objective() -> None:
    values = _values("linkedin and paid social. 2,000 newsletter subscribers", ("name",))
    assert values["objective"] == "2,000 newsletter subscribers"
    assert "type" not in values


def test_counted_people_still_answer_who_it_is_for() -> None:
    assert "objective" not in _values("our 400 biggest customers", ("target_audience",))


async def test_the_people_beside_a_date_answer_who_it_is_for(chat: Chat) -> None:
    await chat.say("we want to run an email campaign")
    await chat.say('call it "Tin Roof Days"')
    reply = await chat.say("roofing contractors in Leeds. go live on 12 May")
    assert reply.draft is not None
    assert reply.draft.value_of("target_audience") == "roofing contractors in Leeds"
    assert str(reply.draft.value_of("launch_date")).endswith("-05-12")


def test_a_question_answered_at_once_labels_the_answer() -> None:
    assert as_labels("who's it for? tree surgeons in Kent").split() == [
        "audience:",
        "tree",
        "surgeons",
        "in",
        "Kent",
    ]
    assert as_labels("the goal? 50 quote requests").endswith("goal: 50 quote requests")
    # Same length: evidence stays the user's words.
    assert len(as_labels("whos it for? vets")) == len("whos it for? vets")
    # A question that asks something is left alone.
    assert as_labels("budget? what is the tier 2 cap?") == "budget? what is the tier 2 cap?"
    values = _values("whos it for? tree surgeons in Kent", ("name", "target_audience"))
    assert values["target_audience"] == "tree surgeons in Kent"


@pytest.mark.parametrize(
    ("said", "field", "value"),
    [
        ("yeah marine engineers in Bergen", "target_audience", "marine engineers in Bergen"),
        ("oh, tool hire shops in Wales", "target_audience", "tool hire shops in Wales"),
        ("that'd be 90 trial sign-ups", "objective", "90 trial sign-ups"),
        ("allotment holders in Derby btw", "target_audience", "allotment holders in Derby"),
    ],
)
async def test_the_words_that_open_or_close_a_reply_are_no_part_of_it(
    chat: Chat, said: str, field: str, value: str
) -> None:
    await chat.say('an email campaign called "Quay Street"')
    reply = await chat.say(said)
    assert reply.draft is not None
    assert reply.draft.value_of(field) == value


async def test_a_check_after_a_value_keeps_the_value(chat: Chat) -> None:
    await chat.say('an email campaign called "Quay Street" for ferry operators')
    reply = await chat.say("more bookings from repeat guests — can we track that?")
    assert reply.draft is not None
    assert reply.draft.value_of("objective") == "more bookings from repeat guests"
    reply = await chat.say("we can do 22,000 dollars — is that ok for this?")
    assert reply.draft is not None
    assert reply.draft.value_of("budget") == "22000"


def test_a_currency_named_before_the_figure() -> None:
    [money] = find_amounts("US dollars 14,500")
    assert (money.amount, money.currency) == (Decimal(14500), "USD")
    [money] = find_amounts("euros 6,000")
    assert (money.amount, money.currency) == (Decimal(6000), "EUR")


def test_labels_typed_with_a_letter_missing_or_doubled() -> None:
    assert _values("the objetive is 45 new stockists")["objective"] == "45 new stockists"
    assert _values('we have gone for "Kelp & Cod" as the tittle')["name"] == "Kelp & Cod"
    # Short words stay themselves: "dates" is no "date", "goals" no "goal".
    assert "launch_date" not in _values("the dates are in the sheet")


def test_hope_and_aim_lead_into_the_objective() -> None:
    values = _values("hoping for stronger brand recall in Munich — 9,000 dollars")
    assert values["objective"] == "stronger brand recall in Munich"
    assert "objective" not in _values("hoping for a webinar in May")


def test_a_name_said_before_its_cue() -> None:
    assert _values("roughly 20k. Lantern Row is the working name")["name"] == "Lantern Row"


def test_when_it_goes_out_is_the_launch() -> None:
    values = _values("hoping for 40 SQLs by end of Q2; we need it out June 3")
    assert values["launch_date"] == "2031-06-03"


def test_a_get_that_moves_its_object_stays_in_the_objective() -> None:
    assert _values("we need to get returns on online orders below 4%")["objective"] == (
        "get returns on online orders below 4%"
    )
    assert _values("the idea is to get 30 dealer sign-ups")["objective"] == "30 dealer sign-ups"


def test_a_month_and_its_day_is_no_question() -> None:
    assert not intents.is_question("May 9. email and paid social")
    assert intents.is_question("may I ask who approves a tier 1 campaign?")


@pytest.mark.parametrize(
    "said",
    [
        "we're planning a roadshow for the spring, could you start a draft?",
        "how do I set up a webinar? it's for our installers next quarter",
    ],
)
def test_asking_to_start_a_draft_wants_a_campaign(said: str) -> None:
    assert intents.wants_campaign(said)


def test_a_vague_period_is_left_open() -> None:
    found = extract("a webinar for some time next month", today=TODAY)
    assert "launch_date" not in found.values
    assert any("window" in problem for problem in found.problems)


def test_who_asked_for_the_campaign_is_no_audience() -> None:
    values = _values("our CMO asked me to get a paid social campaign in for the summer")
    assert values.get("type") == "paid"
    assert "target_audience" not in values
    values = _values("my boss asked me to get a campaign with our reseller partner in for June")
    assert values.get("type") == "partner"
    assert "objective" not in values


def test_the_ask_is_the_request_not_the_aim() -> None:
    values = _values('The ask: please set up an ABM campaign called "Granite Gate".')
    assert values["type"] == "abm"
    assert "objective" not in values


def test_a_markdown_page_heading_is_the_name() -> None:
    text = (
        "# Harbour Lights Tour\n\nType: webinar\nAudience: ferry operators\n\n"
        "## Notes\n\nfrom our wiki"
    )
    assert _values(text)["name"] == "Harbour Lights Tour"


def test_matter_names_a_law_firm_instruction() -> None:
    text = "Business Development — instruction\nMatter: Keystone Counsel Week\nType: webinar"
    assert _values(text)["name"] == "Keystone Counsel Week"


def test_the_channels_line_is_the_whole_list_even_for_network_ads() -> None:
    found = extract(
        'a whitepaper plus blog posts, called "Deep Field"\nChannels: paid TikTok only',
        today=TODAY,
    )
    assert [c.value for c in found.channels] == ["paid social"]


def test_linkedin_posts_are_the_linkedin_channel() -> None:
    found = extract("channels: LinkedIn organic posts and EDMs", today=TODAY)
    assert sorted(c.value for c in found.channels) == ["email", "linkedin"]


def test_a_run_of_the_campaigns_kind_names_its_type() -> None:
    assert _values("a quick burst of paid ads for the sale")["type"] == "paid"
    assert _values('new draft → Webinar series → "Open Kitchen"')["type"] == "webinar"
    assert _values("outreach to twelve named hospitals, account by account")["type"] == "abm"


def test_a_split_figure_is_no_span() -> None:
    text = 'campaign "Tide Mark" for harbour masters\n- Objective is a 25% rise in bookings'
    assert _values(text)["objective"] == "a 25% rise in bookings"


def test_a_field_that_needs_fixing_takes_the_value_after_it() -> None:
    from mcc.agent.extraction.field_fixes import field_fix

    fix = field_fix("the objective needs fixing — 60 stockist sign-ups")
    assert fix is not None
    assert (fix.field, fix.value) == ("objective", "60 stockist sign-ups")


def test_a_name_fixed_with_its_quotation() -> None:
    assert _values('wrong name — it\'s "Slate & Sail"')["name"] == "Slate & Sail"


def test_an_agency_called_pr_is_no_channel() -> None:
    found = extract("writing for our client at Kestrel PR: a webinar for vets", today=TODAY)
    assert "pr" not in [c.value for c in found.channels]
    found = extract("channels: PR and email", today=TODAY)
    assert [c.value for c in found.channels] == ["pr", "email"]


def test_a_social_video_series_is_social_without_a_video_channel() -> None:
    found = extract("a social video series for bakers, 9k", today=TODAY)
    assert found.values["type"].value == "social"
    assert "video" not in [c.value for c in found.channels]


def test_a_question_then_a_remark_about_it_is_a_question() -> None:
    said = "a customer tagged us in a complaint, how fast must we answer? asking for my lead"
    assert intents.is_question(said)
    # A field asked and answered at once is no question.
    assert not intents.is_question("whos it for? dental nurses in Cork")
    assert not intents.is_question("we want 40 demos. how about linkedin? and email too")


def test_a_measurement_window_is_no_lead_time() -> None:
    from mcc.agent.policy_answers import Topic, topic

    assert topic("how far back does the attribution lookback window go?") is None
    assert topic("how far ahead should we plan a tier 2 launch?") is Topic.LEAD_TIME


@pytest.mark.parametrize(
    ("said", "day"),
    [
        ("go live on Waitangi Day 2031", "2031-02-06"),
        ("Commencement: Veterans Day 2031", "2031-11-11"),
        ("launch on St Andrew's Day", "2031-11-30"),
        ("start on Cinco de Mayo", "2031-05-05"),
        ("live from: nine weeks to the day from today", "2031-03-10"),
    ],
)
def test_more_days_a_launch_is_timed_to(said: str, day: str) -> None:
    assert _values(said)["launch_date"] == day


def test_a_trello_card_title_is_the_name() -> None:
    text = "Card: Lantern Walks\nList: Ready\nAudience — night-shift nurses"
    assert _values(text)["name"] == "Lantern Walks"


def test_arrows_label_a_terse_brief() -> None:
    values = _values("audience → bell ringers in York\nobjective → 25 new recruits")
    assert values["target_audience"] == "bell ringers in York"
    assert values["objective"] == "25 new recruits"


def test_the_people_wanted_label_the_audience() -> None:
    text = (
        "Campaign: Grain Store Days\nFormat: Customer appreciation event\nShoppers we want: bakers"
    )
    values = _values(text)
    assert values["target_audience"] == "bakers"
    assert values["type"] == "event"


def test_what_the_campaign_is_names_no_audience() -> None:
    values = _values('next: "Sea Glass" is a customer appreciation event on LinkedIn')
    assert "target_audience" not in values


def test_a_weekday_of_next_month() -> None:
    assert _values("go live the first Monday of next month")["launch_date"] == "2031-02-03"
    found = extract("launch the first Monday of next month", today=date(2031, 12, 10))
    assert found.values["launch_date"].value == "2032-01-05"


@pytest.mark.parametrize(
    "said",
    [
        "channels: ads on Instagram",
        "channels: sponsored Facebook posts",
        "we'll run Facebook ads",
        "we'll use paid social on TikTok",
        "channels: Meta ads (FB + IG)",
        "we'll use paid Facebook + Instagram",
        "we'll use instagram advertising",
    ],
)
def test_ads_on_a_social_network_are_paid_social(said: str) -> None:
    found = extract(said, today=TODAY)
    assert [c.value for c in found.channels] == ["paid social"]


@pytest.mark.parametrize(
    "said", ["e-newsletter", "mailers", "e-shots", "mailshots", "our mailing list", "email blasts"]
)
def test_email_as_teams_call_it(said: str) -> None:
    found = extract(f"channels: {said} and LinkedIn", today=TODAY)
    assert sorted(c.value for c in found.channels) == ["email", "linkedin"]


def test_seo_describing_content_is_no_channel() -> None:
    found = extract("a content programme (SEO articles), running on email", today=TODAY)
    assert [c.value for c in found.channels] == ["email"]


@pytest.mark.parametrize(
    ("said", "day"),
    [
        ("launch 2031-03-14T09:00:00Z", "2031-03-14"),
        ("go live 14. March 2031", "2031-03-14"),
        ("launch Mar-14-2031", "2031-03-14"),
        ("launch two weeks on Friday", "2031-01-24"),
        ("launch Friday week", "2031-01-17"),
        ("launch the day after tomorrow", "2031-01-08"),
        ("launch next month on the 5th", "2031-02-05"),
        ("launch ninety days from today", "2031-04-06"),
    ],
)
def test_date_layouts_and_counted_days(said: str, day: str) -> None:
    assert _values(said)["launch_date"] == day


@pytest.mark.parametrize(
    ("said", "amount", "currency"),
    [
        ("$900 a week for ten weeks, which comes to $9,000", "9000", "USD"),
        ("$10k from us and $10k from the dealer fund, $20k between us", "20000", "USD"),
        ("budget R$ 80.000", "80000", "BRL"),
        ("budget: CZK 950 000", "950000", "CZK"),
        ("budget PLN 120k", "120000", "PLN"),
    ],
)
def test_totals_and_more_currencies(said: str, amount: str, currency: str) -> None:
    values = _values(said, ("budget",))
    assert (values["budget"], values["currency"]) == (amount, currency)


@pytest.mark.parametrize(
    ("said", "day"),
    [
        ("launch 21/Mar/2031", "2031-03-21"),
        ("launch the final Friday in May 2031", "2031-05-30"),
        ("launch six weeks on from today", "2031-02-17"),
        ("launch a hundred days from today", "2031-04-16"),
        ("go live on Halloween night", "2031-10-31"),
        ("launch: US Labor Day", "2031-09-01"),
    ],
)
def test_more_date_layouts_from_people(said: str, day: str) -> None:
    assert _values(said)["launch_date"] == day


def test_a_channel_we_will_not_run_is_not_used() -> None:
    found = extract(
        "channels: email and LinkedIn — we won't run paid social on this one", today=TODAY
    )
    assert sorted(c.value for c in found.channels) == ["email", "linkedin"]
    found = extract("channels: text ads on Google paid per click", today=TODAY)
    assert [c.value for c in found.channels] == ["paid search"]


async def test_an_answer_finds_its_field_while_the_clause_tagger_still_trains(
    chat: Chat, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fresh install's first minute: the clause tagger is not loaded yet (`tag` is None), and
    the rules' words alone send a plain aim or plain people to their field."""
    from mcc.agent import clauses

    monkeypatch.setattr(clauses, "tag", lambda _message: None)
    await chat.say("need a partner campaign set up")
    reply = await chat.say("brand awareness across the Nordics")
    assert reply.draft is not None
    assert reply.draft.value_of("objective") == "brand awareness across the Nordics"
    reply = await chat.say("Fjord Lights")
    assert reply.draft is not None
    assert reply.draft.value_of("name") == "Fjord Lights"


@pytest.mark.parametrize(
    ("said", "pending", "field", "value"),
    [
        (
            "the objetive is quote requests from dental practices, and we start June 9",
            ("target_audience", "objective"),
            "objective",
            "quote requests from dental practices",
        ),
        (
            'we went with "Salt Road" as the tittle, and mostly we want a 15% lift in re-orders',
            ("name", "target_audience"),
            "objective",
            "a 15% lift in re-orders",
        ),
        (
            "aimed at plumbers with their own vans; starting from June 9",
            ("objective", "budget"),
            "target_audience",
            "plumbers with their own vans",
        ),
    ],
)
@pytest.mark.usefixtures("runtime")  # the taggers loaded, as a running server has them
def test_the_tagger_keeps_what_says_whose_or_where(
    said: str, pending: tuple[str, ...], field: str, value: str
) -> None:
    """A value the user labelled (even with a typo) or led into stays whole; the tagger's
    shorter guess ("quote requests", "plumbers") does not cut the words that say whose or where."""
    from mcc.agent import dialogue

    reading = dialogue.read(
        said, today=TODAY, pending=pending, flagship_keywords=(), open_fields=pending
    )
    assert reading.found.values[field].value == value
