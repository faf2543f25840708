"""One plan for every door: the tier, its approver, the plan and the warnings of a new campaign,
from the rules in force. `CampaignService.create` calls it for chat, GraphQL, REST, CLI and the
UI alike, and the re-check calls it to see what the current rules would make of a campaign."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from mcc.campaigns.plans import Plan, schedule
from mcc.campaigns.tiers import tier_from_budget
from mcc.playbooks.rules import Rules


@dataclass(frozen=True)
class Planned:
    tier: int
    reason: str
    approver: str | None
    plan: Plan | None  # None: no launch date, or no checklist for the type
    warnings: tuple[str, ...]
    from_policy: bool  # False: the caller set the tier (kept as given, never re-tiered)


def plan_campaign(
    rules: Rules,
    *,
    name: str,
    campaign_type: str,
    budget: Decimal | None,
    currency: str | None,
    channels: Sequence[str],
    launch: date | None,
    end: date | None,
    today: date,
    tier: int | None = None,
    tier_reason: str | None = None,
) -> Planned:
    """`tier` given (the assistant's verdict, or set by hand) is kept with its reason, unless
    it is less demanding than the budget's band: a client never picks an easier approval than
    the policy asks for (the assistant's verdict is never below the band, so it is kept)."""
    if tier is not None:
        reason, from_policy = tier_reason or f"Tier {tier}: set explicitly", False
        floor = rules.policy.classify(
            budget=budget, currency=currency, channels=list(channels), flagship=None,
            stated_tier=None,
        )  # fmt: skip
        if floor.tier is not None and floor.tier < tier:
            asked, tier, from_policy = tier, floor.tier, True
            reason = f"{floor.reason} (Tier {asked} was asked for; the policy requires more)"
    else:
        tier, reason = tier_from_budget(budget, currency, channels, rules.policy)
        from_policy = True
    rule = rules.policy.rules.get(tier)
    warnings: list[str] = []
    plan = None
    if launch is not None:
        checklist = rules.checklist(campaign_type)
        if checklist is not None:
            plan = schedule(checklist, name, launch, end)
            late = sum(task.start < today for task in plan.tasks)
            if late:
                warnings.append(
                    f"{late} of the {len(plan.tasks)} tasks would have started before today."
                )
        if rule is not None and (launch - today).days < rule.lead_time_weeks * 7:
            warnings.append(
                f"Lead time: Tier {tier} needs {rule.lead_time_weeks} weeks before the launch on "
                f"{launch.isoformat()} ({rules.policy.cite('Lead Times')})."
            )
    return Planned(
        tier, reason, rule.approver if rule else None, plan, tuple(warnings), from_policy
    )
