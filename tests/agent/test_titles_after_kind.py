"""A title right after the kind of campaign, with no label or quotes ("Email campaign Leuven Lab
Supplies. Audience: ..."): the whole title, a place name at its head included, is the name; the
people a campaign is for are not. Every wording here was written for this file.
"""

from __future__ import annotations

from datetime import date

import pytest

from mcc.agent.extraction.fields import extract

TODAY = date(2031, 2, 3)


def _values(message: str) -> dict[str, str]:
    found = extract(message, today=TODAY, pending=())
    return {name: str(candidate.value) for name, candidate in found.values.items()}


@pytest.mark.parametrize(
    ("message", "name"),
    [
        (
            "Email campaign Tromsø Aurora Nights. Audience: tour operators in Norway.",
            "Tromsø Aurora Nights",
        ),
        ("Event campaign Lisbon Tile Walk for interior designers in Porto.", "Lisbon Tile Walk"),
        (
            "hi, social campaign Kreuzberg Bike Kitchen, audience cyclists in Berlin",
            "Kreuzberg Bike Kitchen",
        ),
        (
            "Webinar campaign: Osaka Robotics Hour. Objective: 90 registrations.",
            "Osaka Robotics Hour",
        ),
        ("Webinar — Perth Solar Q&A — for homeowners in WA", "Perth Solar Q&A"),
        ("Product launch — Quito Cacao Bar. Audience: chocolate shops.", "Quito Cacao Bar"),
        ("Kampagne / email campaign: Rheinufer Rabatt. Zielgruppe: Radfahrer", "Rheinufer Rabatt"),
        ("new paid campaign Halifax Harbour Tours", "Halifax Harbour Tours"),
        (
            "Partner campaign with our wholesaler: Tatra Trail Pact. Audience: gear shops.",
            "Tatra Trail Pact",
        ),
        ("Email campaign Gdańsk Amber Digest. Audience: jewellers.", "Gdańsk Amber Digest"),
        (
            "We want a partner campaign with our importer: Sava River Duo. Audience: kayak clubs.",
            "Sava River Duo",
        ),
    ],
)
def test_the_title_after_the_kind_is_the_name(message: str, name: str) -> None:
    assert _values(message)["name"] == name


@pytest.mark.parametrize(
    "message",
    [
        "Email campaign for Vets in Galway, budget 6k",
        "Email campaign For Vets, budget 6k",
        "Email campaign Monday, for vets in Galway",
    ],
)
def test_whom_it_is_for_or_a_day_is_no_name(message: str) -> None:
    assert "name" not in _values(message)


def test_a_sentence_that_starts_the_campaign_is_no_name() -> None:
    values = _values(
        "Event campaign Cork Jazz Nights — 4 venues. Audience: pub owners. Budget $30k. "
        "Starts October 12, 2031."
    )
    assert values["name"] == "Cork Jazz Nights"
    assert values["launch_date"] == "2031-10-12"
