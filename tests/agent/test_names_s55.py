"""Names as pasted documents and plain sentences give them (probes-51): a ticket's key before its
title, an e-mail whose body says the name is its subject, a title before "running as a ...
campaign", a page's path above a pasted table, a title whose words look like a tier. Every
wording here was written for this file."""

from __future__ import annotations

from datetime import date

import pytest

from tests.agent.reading import readers

TODAY = date(2035, 3, 7)


_values = readers(TODAY)[0]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Jira MKT-412: Harvest Table Invites\nDescription: email to past diners",
            "Harvest Table Invites",
        ),
        ("CRM-7 | Northern Lights Upsell\ntype: email", "Northern Lights Upsell"),
        ("OPS-1033 — Quiet Hours Launch\naudience: night-shift nurses", "Quiet Hours Launch"),
    ],
)
def test_a_tickets_key_heads_its_title(text: str, name: str) -> None:
    assert _values(text)["name"] == name


@pytest.mark.parametrize(
    "text",
    [
        "Subject: RE: Tidepool Weekends – can you set this up?\n\nName as per subject line. "
        "Email campaign to families in Cornwall.",
        "Subject: Fwd: Tidepool Weekends\n\ncampaign name: same as the subject. email campaign",
    ],
)
def test_a_name_that_points_at_the_subject_is_the_subjects_title(text: str) -> None:
    assert _values(text)["name"] == "Tidepool Weekends"


def test_a_title_before_running_as_a_campaign() -> None:
    values = _values("i want Kettle Corn Club running as a social campaign for students")
    assert values["name"] == "Kettle Corn Club"
    assert values["type"] == "social"


def test_a_pages_path_above_a_pasted_table_is_no_value() -> None:
    values = _values(
        "From Notion → Campaigns → Q3 → Lighthouse Loyalty\n"
        "| Field | Value |\n| --- | --- |\n| Name | Lighthouse Loyalty |\n"
        "| Audience | regular ferry passengers |"
    )
    assert values["name"] == "Lighthouse Loyalty"
    assert values["target_audience"] == "regular ferry passengers"


def test_a_title_that_looks_like_a_tier_states_none() -> None:
    values = _values("ABM-12 | Tier-One Insurers Push\ntype: ABM\naudience: claims directors")
    assert values["name"] == "Tier-One Insurers Push"
    assert "stated_tier" not in values
    assert _values("name: Tier 2 Refresh, it is a tier 3 campaign")["stated_tier"] == "3"
