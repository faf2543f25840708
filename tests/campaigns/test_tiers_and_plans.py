"""The tier policy read from the playbook: bands, criteria, reasons with clauses, lead times."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from mcc.campaigns.plans import bundled_checklists, parse_checklist, schedule
from mcc.campaigns.tiers import TierPolicy
from mcc.exceptions import ValidationError

POLICY = TierPolicy.bundled()


def verdict(
    budget: int | None = None,
    channels: tuple[str, ...] = ("email",),
    flagship: str | None = None,
    stated: int | None = None,
    currency: str | None = None,
) -> tuple[int | None, str]:
    result = POLICY.classify(
        budget=Decimal(budget) if budget is not None else None,
        currency=currency,
        channels=list(channels),
        flagship=flagship,
        stated_tier=stated,
    )
    return result.tier, result.reason


def test_the_policy_comes_from_the_playbook_block() -> None:
    assert POLICY.rules[1].min_budget == Decimal(100000)
    assert POLICY.rules[2].approver == "Marketing Director"
    assert POLICY.rules[3].lead_time_weeks == 3
    assert "user conference" in POLICY.flagship_keywords


@pytest.mark.parametrize(
    ("budget", "tier"),
    [(0, 3), (24_999, 3), (25_000, 2), (99_999, 2), (100_000, 1), (1_500_000, 1)],
)
def test_budget_bands_include_their_lower_bound(budget: int, tier: int) -> None:
    assert verdict(budget)[0] == tier


def test_reasons_name_the_criterion_and_cite_the_clause() -> None:
    tier, reason = verdict(150_000)
    assert (tier, reason) == (
        1,
        "Tier 1: budget $150,000 ≥ $100,000 — Campaign Tier Definitions › Tier 1 Campaigns",
    )


def test_the_most_demanding_criterion_wins() -> None:
    assert verdict(10_000, flagship="user conference")[0] == 1
    assert verdict(10_000, channels=("email", "paid social", "paid search", "events"))[0] == 1
    assert verdict(10_000, channels=("webinar", "email", "linkedin"))[0] == 2
    assert verdict(150_000, stated=3)[0] == 1
    tier, reason = verdict(10_000, channels=("a", "b"), stated=2)
    assert tier == 2
    assert "2 channels" in reason
    assert "you described it as Tier 2" in reason


def test_no_tier_without_a_budget_unless_tier_1_is_forced() -> None:
    assert verdict(None)[0] is None
    assert verdict(None, flagship="major launch")[0] == 1


def test_a_foreign_currency_is_not_compared_with_dollar_bands() -> None:
    result = POLICY.classify(
        budget=Decimal(200_000),
        currency="EUR",
        channels=["email"],
        flagship=None,
        stated_tier=None,
    )
    assert result.tier == 3
    assert "not applied" in result.notes[0]


def test_lead_time_warning_informs() -> None:
    tier_2 = POLICY.classify(
        budget=Decimal(30_000),
        currency=None,
        channels=["email"],
        flagship=None,
        stated_tier=None,
    )
    today = date(2026, 1, 5)
    warning = POLICY.lead_time_warning(tier_2, date(2026, 2, 2), today)
    assert warning is not None
    assert "28 days away" in warning
    assert "6 weeks" in warning
    assert "Lead Times" in warning
    assert POLICY.lead_time_warning(tier_2, date(2026, 2, 16), today) is None


def test_an_admin_policy_file(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(
        "tiers:\n"
        "  1: {min_budget: 50000, lead_time_weeks: 10, approver: CMO, min_channels: 5}\n"
        "  2: {min_budget: 10000, lead_time_weeks: 4, approver: Director, min_channels: 3}\n"
        "  3: {min_budget: 0, lead_time_weeks: 2, approver: Manager, min_channels: 1}\n"
    )
    policy = TierPolicy.load(path)
    assert policy.rules[1].approver == "CMO"
    result = policy.classify(
        budget=Decimal(60_000),
        currency=None,
        channels=["email"],
        flagship=None,
        stated_tier=None,
    )
    assert result.tier == 1


@pytest.mark.parametrize(
    "text",
    [
        "tiers: [",
        "tiers:\n  1: {min_budget: x}\n",
        "tiers:\n  1: {min_budget: 1, lead_time_weeks: 1, approver: A, min_channels: 1}\n",
    ],
)
def test_a_malformed_policy_file_is_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(text)
    with pytest.raises(ValidationError):
        TierPolicy.load(path)
    with pytest.raises(ValidationError):
        TierPolicy.load(tmp_path / "missing.yaml")


def test_every_campaign_type_playbook_has_a_checklist() -> None:
    assert sorted(bundled_checklists()) == [
        "abm",
        "content",
        "email",
        "event",
        "paid",
        "partner",
        "product_launch",
        "social",
        "webinar",
    ]


def test_tasks_are_scheduled_back_from_the_launch_date() -> None:
    plan = schedule(bundled_checklists()["email"], "Q1 SMB Promotion", date(2026, 2, 15))
    first, launch_day, last = plan.tasks[0], plan.tasks[9], plan.tasks[-1]
    assert (first.name, first.start, first.due) == (
        "Approve email brief and objective",
        date(2026, 1, 25),
        date(2026, 1, 26),
    )
    assert (launch_day.start, launch_day.due) == (date(2026, 2, 15), date(2026, 2, 15))
    assert last.start == date(2026, 2, 22)  # negative offsets are after launch
    assert plan.planned_start == date(2026, 1, 25)
    assert plan.source == "Email Campaign Playbook › Task Checklist"
    assert first.as_json() == {
        "name": "Approve email brief and objective",
        "owner_role": "Campaign Manager",
        "start": "2026-01-25",
        "due": "2026-01-26",
    }


def test_a_playbook_without_a_type_or_checklist_has_no_plan() -> None:
    assert parse_checklist("# No front matter") is None
    assert parse_checklist("---\ntitle: X\n---\n## Task Checklist\n") is None
