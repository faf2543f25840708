"""Field spans in sentences people really write: amounts in any format, the budget told apart
from other figures, dates by the message's conventions, channel scope, types from context, and
names and clauses that end where the user meant. Phrasings are our own (not from a blind set)."""

from __future__ import annotations

from datetime import date

import pytest

from mcc.agent.extraction import Extraction, extract, find_dates

TODAY = date(2027, 3, 1)  # a Monday


def read(text: str, pending: tuple[str, ...] = ()) -> Extraction:
    return extract(text, today=TODAY, pending=pending)


def value(text: str, field: str, pending: tuple[str, ...] = ()) -> str | int | None:
    found = read(text, pending).values.get(field)
    return None if found is None else found.value


@pytest.mark.parametrize(
    ("text", "budget", "currency"),
    [
        ("we have roughly 45 grand to play with", "45000", None),
        ("budget is £62k all in", "62000", "GBP"),
        ("spend cap $18.5K", "18500", "USD"),
        ("the budget: 27 500 EUR", "27500", "EUR"),
        ("budget ~ 9.000 EUR", "9000", "EUR"),
        ("we're allocating €7.250 for it", "7250", "EUR"),
        ("CAD 40k budget", "40000", "CAD"),
        ("budget of 2.5M", "2500000", None),
        ("budget: seventy five thousand dollars", "75000", "USD"),
        ("the total spend will be two hundred thousand euros", "200000", "EUR"),
        ("we can put fifty grand behind it", "50000", None),
        ("budget $ 12 000", "12000", "USD"),
        ("budget 1.500,00 €", "1500", "EUR"),
        ("It has a 33k budget", "33000", None),
        ("€ 8 400 budget", "8400", "EUR"),
        ("with 19 thousand pounds to spend", "19000", "GBP"),
        ("budget 15 000", "15000", None),
    ],
)
def test_amounts_in_many_formats(text: str, budget: str, currency: str | None) -> None:
    found = read(text)
    assert value(text, "budget") == budget
    assert (found.values["currency"].value if "currency" in found.values else None) == currency


@pytest.mark.parametrize(
    ("text", "budget"),
    [
        # This year's budget next to last year's spend.
        ("budget this time 40k, last year we spent 55k", "40000"),
        ("we spent $90k last year; this year's budget is $70k", "70000"),
        ("budget 28k (was 35k in 2026)", "28000"),
        ("budget: 12k, down from 20k", "12000"),
        # A target in money is not the budget.
        ("goal: $2M in new pipeline, budget $60k", "60000"),
        ("aim for €500k of sourced revenue with €25k", "25000"),
        ("objective is a $40 cost per lead, budget 15k", "15000"),
        # A budget inside the objective sentence is still the budget.
        ("The aim is to book 80 demos with a $22,000 budget.", "22000"),
        ("objective: sign 30 resellers, and we have a budget of 14k for that", "14000"),
    ],
)
def test_the_budget_is_the_amount_meant_as_the_budget(text: str, budget: str) -> None:
    assert value(text, "budget") == budget


@pytest.mark.parametrize(
    "text",
    [
        "objective $5M pipeline",
        "goal: 300 signups",
        "we spent 30k last year",
        "budget TBD",
        "budget is to be confirmed, 400 leads",
        "invite 250 people to the dinner",
        "a thousand attendees",
    ],
)
def test_no_budget_is_invented(text: str) -> None:
    assert value(text, "budget") is None


def test_a_budget_inside_the_objective_is_not_left_in_the_objective() -> None:
    found = read(
        "email 'Q2 Upsell' for SMB admins. The aim is to drive 90 upgrades with a $12k budget."
    )
    assert found.values["budget"].value == "12000"
    objective = str(found.values["objective"].value)
    assert "12k" not in objective
    assert not objective.endswith(("with a", "with"))
    assert "90 upgrades" in objective


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("oops, that's in euros", "EUR"),
        ("sorry, make it GBP", "GBP"),
        ("the currency is CHF", "CHF"),
        ("those numbers are in pounds", "GBP"),
        ("switch to US dollars", "USD"),
    ],
)
def test_a_currency_alone_changes_only_the_currency(text: str, currency: str) -> None:
    found = read(text)
    assert "budget" not in found.values
    assert found.values["currency"].value == currency


def test_a_bare_number_answers_the_budget_question_only() -> None:
    assert value("about 20000", "budget", pending=("budget",)) == "20000"
    assert value("about 20000", "budget") is None
    assert value("20,000 please", "budget", pending=("name",)) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("launch on the second Tuesday of May", "2027-05-11"),
        ("go live the first Monday of April", "2027-04-05"),
        ("launch the last Friday of June 2027", "2027-06-25"),
        ("launch by the end of Q3", "2027-09-30"),
        ("start of Q4", None),  # no date word before it: not a launch date
        ("launch at the start of Q4", "2027-10-01"),
        ("launching April 9", "2027-04-09"),
        ("launch January 20", "2028-01-20"),  # already past this year: the next one
        ("go-live 9 Sept", "2027-09-09"),
        ("live on 2027-11-03", "2027-11-03"),
        ("starts in three weeks", "2027-03-22"),
        ("launch 10 days from now", "2027-03-11"),
        ("go live in 2 months", "2027-05-01"),
        ("launch on 22/10/2027", "2027-10-22"),
        ("launch on 10/22/2027", "2027-10-22"),
        ("launch 7/4", "2027-07-04"),
        ("launch 14.09.2027", "2027-09-14"),
    ],
)
def test_dates_people_write(text: str, expected: str | None) -> None:
    assert value(text, "launch_date") == expected


def test_an_ambiguous_numeric_date_follows_the_message_and_says_how_it_was_read() -> None:
    us = read("launch 04/05/2027, budget $20k").values["launch_date"]
    eu = read("launch 04/05/2027, budget €20k").values["launch_date"]
    assert us.value == "2027-04-05"
    assert "month/day" in str(us.rule)
    assert eu.value == "2027-05-04"
    assert "day/month" in str(eu.rule)
    # Grounding asks whether the words can name a date: both readings can.
    assert {m.value for m in find_dates("04/05/2027", TODAY)} == {
        date(2027, 4, 5),
        date(2027, 5, 4),
    }


@pytest.mark.parametrize(
    "text", ["launch February 30", "launch 31/04/2027", "launch on April 31st", "launch 2/30"]
)
def test_an_impossible_date_is_asked_about_never_moved(text: str) -> None:
    found = read(text)
    assert "launch_date" not in found.values
    assert any("which date did you mean" in problem for problem in found.problems)


@pytest.mark.parametrize(
    ("text", "channels", "mode", "removed"),
    [
        ("only paid social", ["paid social"], "replace", []),
        ("just LinkedIn", ["linkedin"], "replace", []),
        ("SMS only.", ["sms"], "replace", []),
        ("LinkedIn plus email", ["linkedin", "email"], "add", []),
        ("no events", [], "add", ["events"]),
        (
            "channels: email and webinar, no paid search",
            ["email", "webinar"],
            "replace",
            ["paid search"],
        ),
        (
            "we'll be on every channel we have: email, display and podcasts",
            ["email", "display", "podcast"],
            "add",
            [],
        ),
    ],
)
def test_channel_scope(text: str, channels: list[str], mode: str, removed: list[str]) -> None:
    found = read(text)
    assert [c.value for c in found.channels] == channels
    assert found.channels_mode == mode
    assert [c.value for c in found.removed_channels] == removed


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("We're organising our keynote at the annual summit in Lisbon", "event"),
        ("I want to plan a booth at a trade fair", "event"),
        ("help me with a live online session for admins", "webinar"),
        ("planning a virtual roundtable on data privacy", "webinar"),
        ("we're doing a joint promotion with a distributor", "partner"),
        ("set up a co-branded push with our reseller", "partner"),
        ("a short nurture sequence for trialists", "email"),
        ("let's plan the launch of our new analytics add-on", "product_launch"),
        ("running LinkedIn ads for the CFO audience", "paid"),
        ("a TikTok challenge for Gen Z", "social"),
        ("we need a research report on hiring trends", "content"),
        ("plan an executive dinner in Boston", "event"),
        ("📣 webinar 'Ops Office Hours' for admins", "webinar"),
    ],
)
def test_type_from_context(text: str, kind: str) -> None:
    assert value(text, "type") == kind


@pytest.mark.parametrize(
    "text",
    [
        "channels are email and paid social",
        "our audience loves events",
        "objective: 40 booth visits",
    ],
)
def test_a_type_word_elsewhere_is_not_the_type(text: str) -> None:
    assert value(text, "type") is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("email 'Winter Win-Back' for lapsed buyers", "Winter Win-Back"),
        ("webinar “Data Mesh 101”, audience data engineers", "Data Mesh 101"),
        ("ABM for 40 named accounts called 'Tier A Logistics'", "Tier A Logistics"),
        ("it's named Harvest Push, for farmers", "Harvest Push"),
        ('Name: "Q4 Renewals" for finance leaders', "Q4 Renewals"),
    ],
)
def test_names(text: str, name: str) -> None:
    assert value(text, "name") == name


def test_a_possessive_apostrophe_is_not_a_quotation() -> None:
    assert value("our customers' favourite event, this year's budget 20k", "name") is None


@pytest.mark.parametrize(
    ("text", "audience", "objective"),
    [
        (
            "email 'Spring Nudge' to dormant trial users, objective 70 reactivations, $3k",
            "dormant trial users",
            "70 reactivations",
        ),
        (
            "It's for heads of procurement at hospitals, the goal is 25 demos, budget 9k",
            "heads of procurement at hospitals",
            "25 demos",
        ),
        (
            "goal: 1,200 downloads, this year's budget: 18k (last year 25k), launch 2027-05-03",
            None,
            "1,200 downloads",
        ),
    ],
)
def test_clauses_end_where_the_user_meant(text: str, audience: str | None, objective: str) -> None:
    assert value(text, "target_audience") == audience
    assert value(text, "objective") == objective


def test_evidence_is_the_users_exact_words() -> None:
    text = "email 'Mid-Year Push' for SMB owners, we can spend roughly 30 grand, live 6/1"
    found = read(text)
    for candidate in found.values.values():
        assert candidate.evidence in text
    assert found.values["budget"].value == "30000"
    assert found.values["launch_date"].value == "2027-06-01"


@pytest.mark.parametrize(
    ("text", "removed", "added"),
    [
        ("swap linkedin for x", ["linkedin"], ["x"]),
        ("replace display with video please", ["display"], ["video"]),
        ("switch email to SMS", ["email"], ["sms"]),
    ],
)
def test_swapping_a_channel(text: str, removed: list[str], added: list[str]) -> None:
    found = read(text)
    assert [c.value for c in found.removed_channels] == removed
    assert [c.value for c in found.channels] == added


def test_x_is_a_channel_only_in_a_list_of_channels() -> None:
    assert [c.value for c in read("channels: x, instagram").channels] == ["x", "instagram"]
    assert read("we grew 3x last year").channels == []


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        (
            "Event 'Ops Forum' — plant managers in Ohio — objective 60 demos — budget 9 000 € "
            "— 14.09.2027",
            {
                "name": "Ops Forum",
                "target_audience": "plant managers in Ohio",
                "objective": "60 demos",
                "budget": "9000",
                "launch_date": "2027-09-14",
            },
        ),
        (
            "📣 webinar 🏷️ 'API Week' 👉 platform engineers 🎯 600 registrations "
            "💰 $7,000 📅 2027-08-03",
            {
                "name": "API Week",
                "target_audience": "platform engineers",
                "objective": "600 registrations",
                "budget": "7000",
                "launch_date": "2027-08-03",
            },
        ),
        (
            "Fwd: brief\nCampaign: Nordic Retail Days\nWhat: a roadshow for store managers\n"
            "Why: book 45 demos\nBudget: 30.000 EUR\nDate: 02/06/2027",
            {
                "name": "Nordic Retail Days",
                "type": "event",
                "objective": "book 45 demos",
                "budget": "30000",
                "launch_date": "2027-06-02",
            },
        ),
        (
            "paid, 'Spring Retarget', lapsed trial users, 900 conversions, 14k, go live 2027-04-20",
            {
                "name": "Spring Retarget",
                "type": "paid",
                "target_audience": "lapsed trial users",
                "objective": "900 conversions",
                "budget": "14000",
                "launch_date": "2027-04-20",
            },
        ),
    ],
)
def test_briefs_in_different_layouts(text: str, fields: dict[str, str]) -> None:
    found = read(text)
    assert {name: found.values[name].value for name in fields if name in found.values} == fields


def test_a_short_answer_is_not_taken_for_an_audience_clause() -> None:
    assert value("Partner Push", "target_audience", pending=("name",)) is None


@pytest.mark.parametrize(
    ("text", "objective"),
    [
        ("for 12 hospitals, aiming for 6 opportunities, budget 70k", "6 opportunities"),
        ("we're aiming to double webinar attendance", "double webinar attendance"),
        ("we want first meetings with 10 of them", "first meetings with 10 of them"),
        ("Why: open 20 new enterprise opportunities", "open 20 new enterprise opportunities"),
        ("target 150 scanned badges at the booth", "150 scanned badges at the booth"),
    ],
)
def test_objectives_people_write(text: str, objective: str) -> None:
    assert value(text, "objective") == objective


def test_a_wish_without_a_figure_is_no_objective() -> None:
    assert value("we want it live 15/06/2027", "objective") is None


def test_this_week_in_small_talk_is_no_date() -> None:
    assert value("haha this week has been wild, budget is like 7 grand", "launch_date") is None
    assert value("launch this week", "launch_date") is not None


@pytest.mark.parametrize(
    ("text", "launch", "end"),
    [
        ("runs 1-15 June", "2027-06-01", "2027-06-15"),
        ("from July 4 to 18", "2027-07-04", "2027-07-18"),
        ("September 1–30, 2027", "2027-09-01", "2027-09-30"),
        ("between May 3 and May 28", "2027-05-03", "2027-05-28"),
        ("launch 2027-06-01, ends 2027-06-30", "2027-06-01", "2027-06-30"),
        ("go live on Monday the 7th of June", "2027-06-07", None),
        ("launch Tuesday, June 8", "2027-06-08", None),
    ],
)
def test_date_ranges(text: str, launch: str, end: str | None) -> None:
    assert value(text, "launch_date") == launch
    assert value(text, "end_date") == end


def test_a_range_with_an_impossible_day_is_asked_about() -> None:
    found = read("runs 10-40 June")
    assert "launch_date" not in found.values
    assert found.problems == ["June has no 40th — which date did you mean?"]


def test_a_figure_range_is_not_a_date() -> None:
    assert value("email for admins, 5-10 demos, budget 5k", "launch_date") is None


@pytest.mark.parametrize("text", ["budget 40-50k", "budget $40k to $50k", "spend €10k–€15k"])
def test_a_budget_range_is_asked_about(text: str) -> None:
    found = read(text)
    assert "budget" not in found.values
    assert any("range" in problem for problem in found.problems)


def test_swiss_grouping_and_a_sign_after_the_symbol() -> None:
    assert value("budget CHF 50'000", "budget") == "50000"
    assert read("Budget: $-5,000").problems == ["A budget cannot be negative."]


@pytest.mark.parametrize(
    ("text", "kind", "channels"),
    [
        ("let's run a LinkedIn campaign for HR heads", "social", ["linkedin"]),
        ("Google search ads for plumbers", "paid", ["paid search"]),
        ("an Instagram giveaway for teens", "social", ["instagram"]),
        ("we're exhibiting at Web Summit", "event", []),
        ("hosting a workshop in our office", "event", []),
        ("a virtual summit for partners", "webinar", []),
        ("we're launching version 5 of the app", "product_launch", []),
    ],
)
def test_a_platform_in_the_type_phrase_is_its_channel(
    text: str, kind: str, channels: list[str]
) -> None:
    found = read(text)
    assert found.values["type"].value == kind
    assert [c.value for c in found.channels] == channels


def test_a_dash_after_a_label_is_no_minus_sign() -> None:
    found = read("* audience - HR managers\n* budget - 6k\n* date - 12/01/2027")
    assert found.values["budget"].value == "6000"
    assert found.values["target_audience"].value == "HR managers"
    assert found.problems == []


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        (
            'email for admins, the objective is "double signups", budget 5k',
            "objective",
            "double signups",
        ),
        ("the goal: 'win back 50 accounts' with email 'Win Back Q3'", "name", "Win Back Q3"),
        (
            "the goal: 'win back 50 accounts' with email 'Win Back Q3'",
            "objective",
            "win back 50 accounts",
        ),
        ('audience: "power users"', "target_audience", "power users"),
    ],
)
def test_a_quoted_value_belongs_to_its_label(text: str, field: str, expected: str) -> None:
    assert value(text, field) == expected


@pytest.mark.parametrize(
    "text",
    [
        "subject line: 'Your upgrade awaits', email for trial users",
        'the tagline is "Work smarter", webinar for ops leads',
        'email for admins, the objective is "double signups"',
    ],
)
def test_a_quotation_meant_for_something_else_is_not_the_name(text: str) -> None:
    assert value(text, "name") is None


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        ("launch next quarter", "launch_date", "2027-04-01"),
        ("launch at the end of next month", "launch_date", "2027-04-30"),
        ("go live in a fortnight", "launch_date", "2027-03-15"),
        ("launch on the 15th", "launch_date", "2027-03-15"),
        ("ends at the end of the quarter", "end_date", "2027-03-31"),
    ],
)
def test_periods(text: str, field: str, expected: str) -> None:
    assert value(text, field) == expected


@pytest.mark.parametrize(
    "text",
    [
        "we want it live 6/1, budget $5k",
        "launch end of Q3",
        "runs 1-15 June",
        "launch at the end of next month",
        "launch on the 15th",
        "launch 03/05/2027 (UK date), £9k",
        "go live the second Tuesday of May",
    ],
)
def test_every_date_can_be_found_again_in_its_own_words(text: str) -> None:
    """The guardrails re-read a value's evidence alone: it must name the same date."""
    for name, candidate in read(text).values.items():
        if name.endswith("_date"):
            evidence = candidate.evidence
            found = find_dates(evidence, TODAY) or find_dates(f"in {evidence}", TODAY)
            assert date.fromisoformat(str(candidate.value)) in {m.value for m in found}
