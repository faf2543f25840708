"""A full stop after an abbreviation sits inside a value: "Basalt Build Co. Tenders" is one name,
not the name "Basalt Build Co" and an audience "Tenders"; a field's label after it still ends
the value ("Acme Ltd. Budget 5k")."""

from __future__ import annotations

from datetime import date

import pytest

from tests.agent.reading import readers

TODAY = date(2034, 1, 16)


_values = readers(TODAY)[0]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "name — Harrow Plumbing Co. Referrals; type — email campaign",
            "Harrow Plumbing Co. Referrals",
        ),
        ("Name: Quillon Inc. Partner Summit. Type: webinar", "Quillon Inc. Partner Summit"),
        ("call it St. Brigid's Day Bake Sale", "St. Brigid's Day Bake Sale"),
        ("campaign name: Dr. Patel's Open Clinic", "Dr. Patel's Open Clinic"),
    ],
)
def test_a_name_goes_on_past_an_abbreviation(text: str, name: str) -> None:
    values = _values(text)
    assert values["name"] == name
    assert "target_audience" not in values


def test_a_label_after_the_abbreviation_still_ends_the_value() -> None:
    values = _values("name: Fenwick Ltd. Budget 5k")
    assert values["name"] == "Fenwick Ltd"
    assert values["budget"] == "5000"


def test_an_audience_keeps_approx_and_the_next_sentence_is_another_field() -> None:
    values = _values("audience: CFOs at approx. 200 logistics firms. goal: 50 demos booked")
    assert values["target_audience"] == "CFOs at approx. 200 logistics firms"
    assert values["objective"] == "50 demos booked"


def test_an_ordinary_full_stop_still_ends_a_name() -> None:
    values = _values("name: Lantern Walk. audience: families in Bristol")
    assert values["name"] == "Lantern Walk"
    assert values["target_audience"] == "families in Bristol"
