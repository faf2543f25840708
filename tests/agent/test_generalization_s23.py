"""Voices the blind sets' DEV halves have few examples of, each in phrasings of our own (none is
in an evaluation set): short channel names in lists, mail signatures, sheets pasted with a header
row, money granted by a department, tier questions typed as keywords."""

from __future__ import annotations

from datetime import date

import pytest

from mcc.agent.extraction import extract
from mcc.agent.extraction.closings import without_closing
from mcc.agent.extraction.tabular import columns_as_labelled_lines
from mcc.agent.intents import is_tier_fragment
from tests.agent.conftest import Chat
from tests.agent.reading import readers

TODAY = date(2027, 11, 3)


values, channels = readers(TODAY)


# --- Short channel names: channels where channels are listed ---------------------------------


@pytest.mark.parametrize(
    ("message", "wanted"),
    [
        ("channels: email + li", {"email", "linkedin"}),
        ("LI and paid social", {"linkedin", "paid social"}),
        ("send it via email, li", {"email", "linkedin"}),
        ("li + email pls", {"email", "linkedin"}),
        ("fb and ig", {"facebook", "instagram"}),
        ("channels: x, li", {"x", "linkedin"}),
        ("LI only", {"linkedin"}),
        ("just li", {"linkedin"}),
    ],
)
def test_a_short_channel_name_in_a_list_is_the_channel(message: str, wanted: set[str]) -> None:
    assert channels(message) == wanted


@pytest.mark.parametrize(
    "message", ["Wei Li runs the account", "li-ion batteries for fleet managers", "fig 2 shows it"]
)
def test_a_short_name_outside_a_list_is_no_channel(message: str) -> None:
    assert channels(message) == set()


def test_li_only_replaces_the_channels() -> None:
    assert extract("LI only", today=TODAY).channels_mode == "replace"


# --- A mail's closing fills nothing -----------------------------------------------------------

BRIEF = "content campaign, plant managers in Ohio, 150 downloads, $12k, 2028-05-20, email only"


@pytest.mark.parametrize(
    "closing",
    [
        "\n\nThanks,\nSam | Events Lead",
        "\n— Priya, Field Events Manager",
        "\n\nBest regards\nJordan Lee\nHead of Events & Webinars | Acme GmbH\nSent from my iPhone",
        "\n\nCheers, Ana\nEvent Marketing Coordinator | EMEA",
        "\n\nSent from my Android phone",
        "\n\nViele Grüße\nJonas Weber | Leiter Events",
    ],
)
def test_a_signature_adds_no_channel_and_no_type(closing: str) -> None:
    found = values(BRIEF + closing)
    assert found["type"] == "content"
    assert found["target_audience"] == "plant managers in Ohio"
    assert channels(BRIEF + closing) == {"email"}


def test_a_signature_line_on_the_briefs_own_line_is_blanked() -> None:
    found = values("webinar for CFOs, budget 10k — Priya, Field Events Manager")
    assert found["type"] == "webinar"
    assert found["target_audience"] == "CFOs"
    assert channels("webinar for CFOs, budget 10k — Priya, Field Events Manager") == set()


@pytest.mark.parametrize(
    "message",
    ["Thanks!\nBudget: 40k", "thanks, budget is 40k", "cheers\nbudget 40k\nlaunch 2028-03-01"],
)
def test_details_after_a_thanks_are_still_read(message: str) -> None:
    assert values(message)["budget"] == "40000"


def test_a_message_that_only_names_roles_is_no_signature() -> None:
    # The answer to "who is it for?", not a sender.
    text = "Events Lead, Field Marketing Manager"
    assert without_closing(text) == text


def test_blanking_a_closing_keeps_the_length() -> None:
    text = BRIEF + "\n\nBest,\nSam | Events Lead\nSent from my iPhone"
    assert len(without_closing(text)) == len(text)


# --- A sheet with its header row above its values ----------------------------------------------


@pytest.mark.parametrize(
    "sheet",
    [
        "Name\tBudget\tLaunch\nSpring Push\t$40k\t2028-05-01",
        "from the tracker:\nName\tBudget\tLaunch\nSpring Push\t$40k\t2028-05-01\n",
        "Name | Budget | Launch\nSpring Push | $40k | 2028-05-01",
        "| Name | Budget | Launch |\n|---|---|---|\n| Spring Push | $40k | 2028-05-01 |",
        "Campaign name\tBudget (USD)\tGo-live date\nSpring Push\t40,000\t2028-05-01",
    ],
)
def test_a_sheets_values_are_read_by_their_column(sheet: str) -> None:
    found = values(sheet)
    assert found["name"] == "Spring Push"
    assert found["budget"] == "40000"
    assert found["launch_date"] == "2028-05-01"


def test_a_sheets_cells_are_the_evidence() -> None:
    sheet = "Audience\tObjective\tType\nops managers in Texas\t300 demos\twebinar"
    found = extract(sheet, today=TODAY).values
    assert found["target_audience"].evidence == "ops managers in Texas"
    assert found["objective"].evidence == "300 demos"


def test_a_sheet_of_several_campaigns_is_left_as_written() -> None:
    sheet = "Name\tBudget\nSpring Push\t$40k\nAutumn Pull\t$20k"
    assert columns_as_labelled_lines(sheet) == sheet


# --- Money a department grants is the budget, never the audience --------------------------------


@pytest.mark.parametrize(
    "grant",
    [
        "finance gave us 30k",
        "finance signed off on 30k",
        "sales leadership gave us 30k",
        "our CFO approved 30k",
        "Finance has allocated 30k",
    ],
)
def test_money_a_department_grants_is_the_budget(grant: str) -> None:
    found = values(f"webinar 'Lumen Talk', 90 signups, 2028-04-04, email, {grant}")
    assert found["budget"] == "30000"
    assert "target_audience" not in found
    assert found["objective"] == "90 signups"


def test_a_dash_separated_brief_keeps_its_parts_apart() -> None:
    found = values("Lumen Talk - webinar - 90 signups - launch 2028-04-04 - our CFO approved 30k")
    assert found["objective"] == "90 signups"
    assert "target_audience" not in found


# --- Tier questions typed as keywords ------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "tier 3 report deadline",
        "Tier 1 approvals",
        "post-campaign report due date tier 2",
        "TIER 2 SIGN-OFF",
        "budget range tier 2",
    ],
)
def test_a_tier_with_what_is_asked_about_it_is_a_question(message: str) -> None:
    assert is_tier_fragment(message)


@pytest.mark.parametrize(
    "message", ["tier 1 please", "tier 2", "a tier 1 campaign", "tier 1 or tier 2 budget"]
)
def test_a_tier_alone_is_no_question(message: str) -> None:
    assert not is_tier_fragment(message)


def test_the_number_of_a_tier_is_no_budget() -> None:
    assert "budget" not in values("budget range tier 2")
    assert values("tier 2, budget 2k")["budget"] == "2000"


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("post campaign report due tier 1", "30 days"),
        ("tier 3 report deadline", "14 days"),
        ("Tier 1 approvals", "VP"),
    ],
)
async def test_a_keyword_tier_question_gets_the_policy_answer(
    chat: Chat, question: str, fact: str
) -> None:
    reply = await chat.say(question)
    assert fact in reply.content
    assert reply.citations
    assert reply.draft is None or not reply.draft.fields


# --- Conversations ------------------------------------------------------------------------------


async def test_a_signed_mail_brief_previews_without_the_signatures_channel(chat: Chat) -> None:
    reply = await chat.say(
        "Hi team, please set up 'Copper Trail': content campaign for plant managers in Ohio, "
        "goal 150 downloads, budget $12k, launch 2026-05-20, channels email + li.\n\n"
        "Thanks,\nSam | Events Lead\nSent from my iPhone"
    )
    assert reply.draft is not None
    assert sorted(item.name for item in reply.draft.channels) == ["email", "linkedin"]
    assert reply.draft.value_of("type") == "content"


async def test_a_pasted_sheet_with_a_header_row_previews(chat: Chat) -> None:
    reply = await chat.say(
        "from the planning sheet:\nName\tType\tBudget\tLaunch\tAudience\tObjective\tChannels\n"
        "Spring Push\tproduct launch\t$40k\t2026-05-01\tops managers in Texas\t300 demos\temail"
    )
    assert reply.draft is not None
    assert reply.draft.value_of("name") == "Spring Push"
    assert reply.draft.value_of("target_audience") == "ops managers in Texas"
    assert reply.draft.value_of("objective") == "300 demos"


# --- blind-8's voices in other words ------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "Hallo zusammen, bitte anlegen: Cobalt Reach, webinar for CFOs in Spain, budget 15k EUR. "
        "Danke & Gruß, Jonas (Leiter Events)",
        "Hola equipo, por favor crear: Cobalt Reach, webinar for CFOs in Spain, budget 15k EUR. "
        "Saludos, Lucía",
        "Bonjour, merci de créer: Cobalt Reach, webinar for CFOs in Spain, budget 15k EUR. "
        "Bien cordialement, Camille (Responsable Events)",
    ],
)
def test_a_brief_greeted_and_signed_in_another_language(message: str) -> None:
    found = values(message)
    assert found["name"] == "Cobalt Reach"
    assert found["type"] == "webinar"
    assert found["target_audience"] == "CFOs in Spain"
    assert channels(message) <= {"webinar"}


@pytest.mark.parametrize(
    "message",
    [
        "pls set up: Cobalt Reach / content / CFOs in Spain / 15k",
        "please create: Cobalt Reach, content, CFOs in Spain, 15k",
    ],
)
def test_a_title_after_a_request_and_a_colon_is_the_name(message: str) -> None:
    assert values(message)["name"] == "Cobalt Reach"


@pytest.mark.parametrize(
    ("message", "audience"),
    [
        ("I need a content campaign for cfos in spain the goal is 200 downloads", "cfos in spain"),
        ("now another one for HR leads in Italy please", "HR leads in Italy"),
        ("a webinar for plant managers in Ohio thx", "plant managers in Ohio"),
    ],
)
def test_an_audience_ends_before_the_next_thought(message: str, audience: str) -> None:
    assert values(message)["target_audience"] == audience


def test_a_sheet_whose_first_column_is_the_campaign() -> None:
    sheet = (
        "Campaign\tType\tAudience\tGoal\tBudget\tLaunch date\n"
        "Cobalt Reach\twebinar\tCFOs in Spain\t200 registrations\t$15,000\t2028-06-03"
    )
    found = values(sheet)
    assert found["name"] == "Cobalt Reach"
    assert found["type"] == "webinar"
    assert found["target_audience"] == "CFOs in Spain"
    assert found["objective"] == "200 registrations"


@pytest.mark.parametrize(
    ("message", "budget"),
    [
        ("budget 20k — no, 25k — ok final answer 30k", "30000"),
        ("budget $9,000... wait no, $11,000, sorry, $12,000", "12000"),
        ("20k, I mean 25k, on second thought 28k", "28000"),
    ],
)
def test_the_last_of_several_corrections_stands(message: str, budget: str) -> None:
    assert values(message)["budget"] == budget


def test_adding_a_short_channel_name_adds_it() -> None:
    found = extract("sure, add li too", today=TODAY)
    assert {str(c.value) for c in found.channels} == {"linkedin"}
    assert found.channels_mode == "add"


# --- Dictation: days said as words next to their month -----------------------------------------


@pytest.mark.parametrize(
    ("message", "launch"),
    [
        ("launch date june third 2028", "2028-06-03"),
        ("going live on the twenty-first of May 2028", "2028-05-21"),
        ("launch march thirtieth 2028", "2028-03-30"),
        ("we start on the fifth of june 2028", "2028-06-05"),
        ("launch on the second Tuesday of May 2028", "2028-05-09"),
    ],
)
def test_a_day_said_as_a_word_is_the_date(message: str, launch: str) -> None:
    assert values(message)["launch_date"] == launch


def test_an_ordinal_before_a_month_in_a_title_is_no_date() -> None:
    assert "launch_date" not in values("the first May sale for retailers")


@pytest.mark.parametrize(
    "message",
    [
        "pls set up: Cobalt Reach / webinar / CFOs in Spain / 15k / email+li",
        "Cobalt Reach - webinar - CFOs in Spain - 15k - email and LinkedIn",
    ],
)
def test_the_part_right_after_an_unlabelled_title_is_its_type(message: str) -> None:
    found = values(message)
    assert found["name"] == "Cobalt Reach"
    assert found["type"] == "webinar"
