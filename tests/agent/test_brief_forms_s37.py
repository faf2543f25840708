"""Briefs in the forms and frames people paste (session 37, from blind-17's DEV half's kinds).

A one-person chat pasted with its "[09:15] Dana Whitfield" headers; a numbered brief's "1. Title
— X"; a request's heading ("**Project request — X**"); a form whose headings sit on lines of
their own above their values; labels in a team's own words ("Motion:", "ICP:", "Outcome:",
"Customers - X", "Result wanted - X"); emoji labels (👥, 🏆); "pointed at" and "aiming it at"
before the people; "whose contract is about to expire" as part of who they are; "we want more
X" as the aim; "paid posts on Meta and TikTok" as one paid social channel; "leaving email out".
Wordings written for this file, not copied from an evaluation set.
"""

from __future__ import annotations

from datetime import date

import pytest

from mcc.agent.extraction import extract

TODAY = date(2031, 1, 6)


def _read(text: str) -> tuple[dict[str, object], list[str], list[str]]:
    found = extract(text, today=TODAY)
    values: dict[str, object] = {name: c.value for name, c in found.values.items()}
    channels = [str(c.value) for c in found.channels]
    return values, channels, [str(c.value) for c in found.removed_channels]


def test_a_pasted_chat_of_one_person_reads_without_its_headers() -> None:
    values, channels, _ = _read(
        "[09:15] Dana Whitfield\nplease add this one\n[09:16] Dana Whitfield\n"
        'Webinar (panel) — "Copper Kettle Forum"\n[09:16] Dana Whitfield\n'
        "target group: site managers at quarries"
    )
    assert values["type"] == "webinar"
    assert values["name"] == "Copper Kettle Forum"
    assert values["target_audience"] == "site managers at quarries"
    assert "webinar" not in channels


def test_a_numbered_brief_and_a_request_heading_name_the_campaign() -> None:
    values, _, _ = _read("1. Title — Lantern Lane Fair\n2. Format — Evening event\n")
    assert values["name"] == "Lantern Lane Fair"
    assert values["type"] == "event"
    values, _, _ = _read("**Project request — Tidewater Tours**\n- Motion: Paid media burst\n")
    assert values["name"] == "Tidewater Tours"
    assert values["type"] == "paid"


def test_labels_in_a_teams_own_words() -> None:
    values, _, _ = _read(
        "- Motion: Partner co-marketing\n- ICP: orchard owners in Kent\n"
        "- Outcome: more wholesale orders\n- Spend: 9,000 USD"
    )
    assert values["target_audience"] == "orchard owners in Kent"
    assert values["objective"] == "more wholesale orders"
    values, _, _ = _read(
        "Need an email on the system:\nName - Salt Marsh Notes\n"
        "Customers - kayak club secretaries\nResult wanted - renewed club memberships"
    )
    assert values["name"] == "Salt Marsh Notes"
    assert values["target_audience"] == "kayak club secretaries"
    assert values["objective"] == "renewed club memberships"


def test_a_forms_headings_above_their_values() -> None:
    values, _, _ = _read(
        "Overview\nA webinar, run by the growth team.\n\nWho it's for\nparish council clerks\n\n"
        "What success means\nmore booked demos\n\nMoney\n$12,000"
    )
    assert values["target_audience"] == "parish council clerks"
    assert values["objective"] == "more booked demos"
    assert values["budget"] == "12000"


def test_emoji_labels_for_the_people_and_the_aim() -> None:
    values, _, _ = _read(
        'a partner tie-up please\n🏷️ "Moor & Mist"\n👥 hill farmers in Cumbria\n'
        "🏆 more co-op members"
    )
    assert values["target_audience"] == "hill farmers in Cumbria"
    assert values["objective"] == "more co-op members"


@pytest.mark.parametrize(
    "said",
    [
        "an event, pointed at bakery owners in Leeds. Budget $9k.",
        "He is aiming it at bakery owners in Leeds. The aim is more trade orders.",
    ],
)
def test_the_words_that_point_at_the_people_are_no_part_of_them(said: str) -> None:
    values, _, _ = _read(said)
    assert values["target_audience"] == "bakery owners in Leeds"


def test_what_is_about_to_happen_to_them_is_part_of_who_they_are() -> None:
    values, _, _ = _read("a webinar for tenants whose contract is about to expire")
    assert values["target_audience"] == "tenants whose contract is about to expire"


def test_a_wish_for_more_is_the_aim_and_a_kind_counted_is_no_type() -> None:
    values, _, _ = _read("it's for retired engineers and we want more repeat orders")
    assert values["objective"] == "more repeat orders"
    values, _, _ = _read("we're after a bigger conference turnout")
    assert values["objective"] == "a bigger conference turnout"
    assert "type" not in values


def test_paid_posts_on_two_networks_are_one_paid_social_channel() -> None:
    _, channels, _ = _read("channels: LinkedIn and paid posts on Instagram and TikTok")
    assert sorted(channels) == ["linkedin", "paid social"]


def test_a_channel_left_out_is_not_used() -> None:
    _, channels, removed = _read("Channels: paid search + LinkedIn — we're leaving email out.")
    assert sorted(channels) == ["linkedin", "paid search"]
    assert removed == ["email"]


def test_when_a_rename_may_happen_is_no_name() -> None:
    values, _, _ = _read('"Quarry Lights" is our working title — can I rename it later?')
    assert values["name"] == "Quarry Lights"


def test_the_list_an_email_goes_to_is_no_audience() -> None:
    values, _, _ = _read("I want to start an email blast to our list but I don't have the rest")
    assert "target_audience" not in values
    values, _, _ = _read("an email to our list of 400 garden designers")
    assert values["target_audience"] == "our list of 400 garden designers"


def test_named_target_companies_are_account_based() -> None:
    values, _, _ = _read("personalised outreach to ten named target companies, for CFOs")
    assert values["type"] == "abm"


@pytest.mark.parametrize(
    "said",
    [
        "A webinar for ferry operators, with the aim being more off-peak crossings.",
        "A webinar for ferry operators. We would measure success by more off-peak crossings.",
        "A webinar for ferry operators. We like to achieve more off-peak crossings.",
        "A webinar for ferry operators; what we're wanting is more off-peak crossings",
    ],
)
def test_frames_that_lead_into_the_aim_are_no_part_of_it(said: str) -> None:
    values, _, _ = _read(said)
    assert values["objective"] == "more off-peak crossings"


def test_a_bulleted_form_in_its_own_words() -> None:
    values, _, _ = _read(
        "• Reaching: florists in Bristol\n• Result we need: more wedding bookings\n"
        "• Funds allocated: 12,000 USD\n• Commencing: 3 March 2031"
    )
    assert values["target_audience"] == "florists in Bristol"
    assert values["objective"] == "more wedding bookings"
    assert values["budget"] == "12000"
    assert values["launch_date"] == "2031-03-03"
