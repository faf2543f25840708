"""What the assistant says, as text: field values, questions, the tier, the preview.

The preview is rendered here and only here, for both engines, so what the user confirms is
exactly what `CampaignTools.confirm_and_create` creates: the same fields, tier and tasks.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from mcc.agent.extraction import kpi_target
from mcc.agent.state import FIELD_LABELS, Draft
from mcc.campaigns.plans import Plan, describe
from mcc.campaigns.tiers import TierVerdict, money

QUESTIONS: dict[str, str] = {
    "type": "What type of campaign is it: email, event, webinar, product launch, social, paid, "
    "partner, content or ABM?",
    "name": "What should the campaign be called?",
    "target_audience": "Who is the target audience?",
    "objective": "What's the objective, ideally with a measurable target (for example "
    "“increase sign-ups by 10%”)?",
    "budget": "What's the budget (for example {example} or 30k)?",
    "launch_date": "When should it launch?",
    "channels": "Which channels will it run in (for example email, paid social, events)?",
    "end_date": "When does it end?",
}
TYPE_LABELS = {"product_launch": "product launch", "abm": "ABM"}


def show_value(field: str, value: str | int | None, currency: str = "USD") -> str:
    if value is None:
        return "—"
    if field == "budget":
        return money(Decimal(str(value)), currency)
    if field in {"launch_date", "end_date"}:
        return describe(date.fromisoformat(str(value)))
    if field == "type":
        return TYPE_LABELS.get(str(value), str(value))
    if field == "stated_tier":
        return f"Tier {value}"
    return str(value)


def currency_of(draft: Draft, default: str) -> str:
    return str(draft.get("currency") or default)


def questions(fields: Sequence[str], currency: str = "USD") -> str:
    """The questions for `fields`; the budget's example in `currency` (the draft's, else the
    policy's): a team that budgets in euros is not shown dollars."""
    example = money(Decimal(30_000), currency)
    return " ".join(
        QUESTIONS[field].format(example=example) for field in fields if field in QUESTIONS
    )


def tier_line(verdict: TierVerdict) -> str:
    if verdict.tier is None:
        return verdict.reason
    return (
        f"This is **{verdict.reason}**. Approver: {verdict.approver}; lead time: "
        f"{verdict.lead_time_weeks} weeks."
    )


def preview(
    draft: Draft,
    verdict: TierVerdict,
    plan: Plan | None,
    warnings: Sequence[str],
    default_currency: str,
    *,
    skips_approval: bool = False,
) -> str:
    """The preview to say yes to. `skips_approval`: the tier names an approver but the person
    creating it does not wait for one (an admin), which the preview says rather than let the
    approver line promise a wait that never comes."""
    currency = currency_of(draft, default_currency)
    objective = str(draft.get("objective") or "")
    target = kpi_target(objective)
    lines = [
        "Here's the campaign I'll create. Please check it:",
        "",
        f"- Name: {draft.get('name')}",
        f"- Type: {show_value('type', draft.get('type'))}",
        f"- Channels: {', '.join(draft.channels)}",
        f"- Audience: {draft.get('target_audience')}",
        f"- Objective: {objective}" + (f" (target: {target})" if target else ""),
        f"- Budget: {show_value('budget', draft.get('budget'), currency)} ({currency})",
        f"- Launch: {show_value('launch_date', draft.get('launch_date'))}",
    ]
    if draft.get("end_date"):
        lines.append(f"- End: {show_value('end_date', draft.get('end_date'))}")
    approval = f"- {verdict.reason}; approver: {verdict.approver}"
    if skips_approval:
        approval += " (you are an admin: it is created without waiting for that approval)"
    lines.append(approval)
    lines.append("")
    if plan is None:
        lines.append(
            f"Workfront project “{draft.get('name')}” with no tasks: the playbooks have no "
            "checklist for this campaign type."
        )
    else:
        lines.append(
            f"Workfront project “{plan.project_name}” ({plan.planned_start:%b} "
            f"{plan.planned_start.day}, {plan.planned_start.year} – {plan.planned_completion:%b} "
            f"{plan.planned_completion.day}, {plan.planned_completion.year}) with "
            f"{len(plan.tasks)} tasks from the checklist in {plan.source}:"
        )
        lines.append("")
        lines.append("| # | Task | Owner | Start | Due |")
        lines.append("| --- | --- | --- | --- | --- |")
        for number, task in enumerate(plan.tasks, start=1):
            lines.append(
                f"| {number} | {task.name} | {task.owner_role} | {task.start.isoformat()} "
                f"| {task.due.isoformat()} |"
            )
    if warnings:
        lines.append("")
        lines += [f"Note: {warning}" for warning in warnings]
    lines.append("")
    lines.append(
        "Reply **yes** to create it in Workfront exactly as shown, or tell me what to change."
    )
    return "\n".join(lines)


def change_line(field: str, old: str | int | None, new: str | int, currency: str) -> str:
    label = FIELD_LABELS.get(field, field)
    if old is None:
        return f"{label}: {show_value(field, new, currency)}"
    return f"{label} {show_value(field, old, currency)} → {show_value(field, new, currency)}"
