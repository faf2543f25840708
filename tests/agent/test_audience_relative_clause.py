"""An audience with a relative clause ("users who ...", "accounts that ...") keeps the clause up
to its end or the next field's word, never a clause cut before its verb's object."""

from __future__ import annotations

from datetime import date

import pytest

from mcc.agent.extraction import extract

TODAY = date(2026, 5, 4)


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        ("a webinar for admins who manage large teams, 6k", "admins who manage large teams"),
        ("for clinics in Ohio that run two sites, budget 9k", "clinics in Ohio that run two sites"),
        ("email for trial users who never opened the app (objective: 200 activations)",
         "trial users who never opened the app"),
        ("for founders whose seed round closed and budget 4k", "founders whose seed round closed"),
    ],
)  # fmt: skip
def test_the_clause_stays_with_the_audience(text: str, audience: str) -> None:
    found = extract(text, today=TODAY, pending=())
    assert found.values["target_audience"].value == audience


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        ("for CFOs in Spain who want to cut costs, budget 10k", "CFOs in Spain"),
        ("for nurses who we hope to reach by June", "nurses"),
        ("for retailers that, budget 9k", "retailers"),
    ],
)
def test_a_clause_cut_short_is_left_out(text: str, audience: str) -> None:
    found = extract(text, today=TODAY, pending=())
    assert found.values["target_audience"].value == audience
