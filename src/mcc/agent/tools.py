"""The assistant's tools: what either engine may do to a conversation's draft and the data.

Each tool runs with the turn's `TurnContext`: the caller's identity, the database and the
dialogue state come from the context, never from a tool's arguments, so a model cannot act as
someone else or on another conversation. Every draft change goes through `check_grounded`, and
creation through `confirmation_gate` (see `mcc.agent.guardrails`). Tools run with no transaction
open: they read in their own short read units of work and stage their writes (`ctx.staged`),
which the turn's final write applies (see `mcc.agent.staging`).
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Literal, Protocol

from mcc.agent import rendering
from mcc.agent.extraction import kpi_target
from mcc.agent.extraction.vocabulary import ALL_CHANNELS, CHANNEL_FAMILY, SCOPES, TYPE_CHANNEL
from mcc.agent.guardrails import FieldUpdate, check_grounded, confirmation_gate
from mcc.agent.knowledge import CitationRef, KnowledgeAnswer, KnowledgeSearch, answer
from mcc.agent.staging import CreateCampaign, StagedAction
from mcc.agent.state import (
    CreatedRef,
    DialogueState,
    DraftValue,
    PreviewMark,
    Provenance,
    Stage,
    fingerprint,
)
from mcc.approvals.service import needs_approval, rule_for, waiting_for
from mcc.auth.schemas import Role
from mcc.campaigns.plans import Checklist, Plan, schedule
from mcc.campaigns.schemas import CampaignCreate, CampaignType, parse_campaign_type
from mcc.campaigns.tiers import TierPolicy, TierVerdict
from mcc.db import Database
from mcc.integrations.workmgmt import WorkManagement
from mcc.teams.scope import Scope
from mcc.validation import parse

TYPE_RULE = "a campaign type that is itself a channel fills the channel"


@dataclass(frozen=True)
class Identity:
    """Who is talking to the assistant; None until sign-in exists (campaign owner stays empty).

    `scope` is what they may see and change (None: the system's, e.g. `mcc agent` commands).
    """

    user: str | None = None
    scope: Scope | None = None

    @property
    def role(self) -> Role | None:
        """The person's role (it decides whether a confirmed campaign waits for approval);
        None when no person is talking (the system, an evaluation)."""
        if self.scope is None or self.scope.user_id is None:
            return None
        return self.scope.role


@dataclass
class TurnContext:
    db: Database  # for tools' own short reads; never a transaction held across the turn
    identity: Identity
    state: DialogueState
    knowledge: KnowledgeSearch
    policy: TierPolicy
    checklists: Mapping[str, Checklist]
    conversation_id: uuid.UUID
    message: str
    user_messages: list[str]
    transcript: list[tuple[str, str]]  # (role, text) before this message, oldest first
    today: date
    min_relevance: float
    backend: WorkManagement | None = None  # for live status; None when no backend is configured
    # The knowledge document the policy was read from (its key), which policy answers cite;
    # None: decided by comparing with the bundled policy (an operator's file cites no document).
    policy_doc: str | None = None
    citations: list[CitationRef] = field(default_factory=list)
    actions: list[dict[str, Any]] = field(default_factory=list)
    staged: list[StagedAction] = field(default_factory=list)  # applied by the turn's write
    preview_text: str | None = None


@dataclass(frozen=True)
class Change:
    field: str
    old: str | int | None
    new: str | int


@dataclass
class UpdateOutcome:
    changes: list[Change] = field(default_factory=list)
    rejected: list[tuple[FieldUpdate, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Evaluation:
    missing: list[str]
    verdict: TierVerdict
    warnings: list[str]
    plan: Plan | None
    fingerprint: str | None


class CampaignTools:
    def __init__(self, ctx: TurnContext) -> None:
        self.ctx = ctx

    @property
    def state(self) -> DialogueState:
        return self.ctx.state

    # --- the draft ----------------------------------------------------------------------------

    def apply(
        self,
        updates: list[FieldUpdate],
        *,
        channel_mode: Literal["add", "replace"] = "add",
        remove_channels: list[FieldUpdate] | None = None,
    ) -> UpdateOutcome:
        """Apply grounded updates; refuse the rest with reasons. Starts a draft when needed."""
        outcome = UpdateOutcome()
        accepted: list[tuple[FieldUpdate, str | int]] = []
        for update in [*updates, *(remove_channels or [])]:
            reason = check_grounded(
                update,
                self.ctx.user_messages,
                today=self.ctx.today,
                flagship_keywords=self.ctx.policy.flagship_keywords,
                current=self.state.draft.get(update.field),
                asked=self.state.asked,
            )
            value: str | int | None = None
            if reason is None:
                value, reason = self._normalise(update)
            if reason is not None or value is None:
                outcome.rejected.append((update, reason or "invalid value"))
            else:
                accepted.append((update, value))
        if not accepted:
            return outcome
        if self.state.stage not in {Stage.COLLECTING, Stage.PREVIEWED}:
            self.state.start_draft()
        removed = {id(update) for update in remove_channels or []}
        adds = [(u, v) for u, v in accepted if u.field == "channels" and id(u) not in removed]
        if channel_mode == "replace" and adds:
            self._replace_channels(outcome)
        elif any(value not in SCOPES for _, value in adds):
            self._drop_scope(outcome)
        for update, value in accepted:
            if update.field == "channels":
                self._channel(update, str(value), remove=id(update) in removed, outcome=outcome)
            else:
                self._set(update, value, outcome)
        self._settle_type_channel(outcome)
        self._settle_currency()
        if outcome.changes:
            self.state.invalidate_preview()
        return outcome

    def _normalise(self, update: FieldUpdate) -> tuple[str | int | None, str | None]:
        draft, value = self.state.draft, update.value
        if update.field == "type":
            return parse_campaign_type(str(value)).value, None
        if update.field == "stated_tier":
            tier = int(value)
            return (tier, None) if tier in (1, 2, 3) else (None, "tiers are 1, 2 or 3")
        if update.field == "budget":
            return str(Decimal(str(value)).normalize() + Decimal(0)), None
        if update.field in {"launch_date", "end_date"}:
            day = date.fromisoformat(str(value))
            if day < self.ctx.today:
                return None, f"{rendering.show_value(update.field, day.isoformat())} is in the past"
            launch = day if update.field == "launch_date" else draft.get("launch_date")
            end = day if update.field == "end_date" else draft.get("end_date")
            if launch and end and date.fromisoformat(str(end)) < date.fromisoformat(str(launch)):
                return None, "the end date would be before the launch date"
            return day.isoformat(), None
        if update.field == "channels":
            return str(value).strip().lower(), None
        return str(value).strip(), None

    def _provenance(self, update: FieldUpdate, rule: str | None = None) -> Provenance:
        source: Literal["user", "rule"] = "rule" if rule else "user"
        return Provenance(source=source, evidence=update.evidence, turn=self.state.turn, rule=rule)

    def _set(self, update: FieldUpdate, value: str | int, outcome: UpdateOutcome) -> None:
        draft = self.state.draft
        old = draft.get(update.field)
        draft.fields[update.field] = DraftValue(value=value, provenance=self._provenance(update))
        if old != value:
            outcome.changes.append(Change(update.field, old, value))

    def _settle_type_channel(self, outcome: UpdateOutcome) -> None:
        """Keep the channel the type implies (by rule) unless the user named one that covers it."""
        channels, kind = self.state.draft.channels, self.state.draft.get("type")
        implied = TYPE_CHANNEL.get(CampaignType(str(kind))) if kind else None
        family = CHANNEL_FAMILY.get(implied or "", frozenset({implied}))
        # "A paid campaign on every channel we have": the scope covers the type's own channel
        # (it stored "paid media" beside "all channels").
        family |= {ALL_CHANNELS}
        named = {name for name, item in channels.items() if item.source == "user"}
        for name, item in list(channels.items()):
            if item.rule == TYPE_RULE and (name != implied or named & family):
                del channels[name]
                outcome.changes.append(Change("channels", name, "(removed)"))
        if implied and not (set(channels) & family):
            evidence = self.state.draft.fields["type"].provenance.evidence or str(kind)
            channels[implied] = Provenance(
                source="rule", evidence=evidence, turn=self.state.turn, rule=TYPE_RULE
            )
            outcome.changes.append(Change("channels", None, implied))

    def _settle_currency(self) -> None:
        """A budget with no currency named is in the policy's currency, recorded as a rule (so
        the draft says which currency the tier was judged in; "that's in euros" replaces it)."""
        draft, currency = self.state.draft, self.ctx.policy.currency
        if draft.has("budget") and not draft.has("currency"):
            provenance = Provenance(
                source="rule",
                turn=self.state.turn,
                rule=f"no currency named: the tier policy's currency ({currency})",
            )
            draft.fields["currency"] = DraftValue(value=currency, provenance=provenance)

    def _replace_channels(self, outcome: UpdateOutcome) -> None:
        for name in list(self.state.draft.channels):
            del self.state.draft.channels[name]
            outcome.changes.append(Change("channels", name, "(removed)"))

    def _drop_scope(self, outcome: UpdateOutcome) -> None:
        """ "Multichannel", then "email, paid social and search": the channels named are what the
        scope stood for, so the scope ("all channels") gives way to them instead of counting as
        one more channel."""
        for scope in sorted(SCOPES & set(self.state.draft.channels)):
            del self.state.draft.channels[scope]
            outcome.changes.append(Change("channels", scope, "(removed)"))

    def _channel(
        self, update: FieldUpdate, name: str, *, remove: bool, outcome: UpdateOutcome
    ) -> None:
        channels = self.state.draft.channels
        if remove and name in channels:
            del channels[name]
            outcome.changes.append(Change("channels", name, "(removed)"))
        elif not remove and name not in channels:
            channels[name] = self._provenance(update)
            outcome.changes.append(Change("channels", None, name))
        elif not remove and channels[name].source == "rule":
            channels[name] = self._provenance(update)  # the user's own words are better evidence

    def evaluate(self) -> Evaluation:
        draft, policy = self.state.draft, self.ctx.policy
        budget = draft.get("budget")
        currency = draft.get("currency")
        verdict = policy.classify(
            budget=Decimal(str(budget)) if budget is not None else None,
            currency=str(currency) if currency else None,
            channels=list(draft.channels),
            flagship=str(draft.get("flagship")) if draft.get("flagship") else None,
            stated_tier=int(draft.get("stated_tier") or 0) or None,
        )
        warnings = list(verdict.notes)
        launch = draft.get("launch_date")
        plan: Plan | None = None
        if launch:
            launch_day = date.fromisoformat(str(launch))
            warning = policy.lead_time_warning(verdict, launch_day, self.ctx.today)
            if warning:
                warnings.append(warning)
            if budget is not None and currency:
                foreign = policy.foreign_lead_time_warning(
                    verdict, Decimal(str(budget)), str(currency), launch_day, self.ctx.today
                )
                warnings += [foreign] if foreign else []
            checklist = self.ctx.checklists.get(str(draft.get("type")))
            if checklist is not None and draft.get("name"):
                end = draft.get("end_date")
                plan = schedule(
                    checklist,
                    str(draft.get("name")),
                    launch_day,
                    date.fromisoformat(str(end)) if end else None,
                )
                late = sum(task.start < self.ctx.today for task in plan.tasks)
                if late:
                    warnings.append(
                        f"{late} of the {len(plan.tasks)} tasks would have started before today."
                    )
        objective = draft.get("objective")
        if objective and not kpi_target(str(objective)):
            warnings.append("The objective has no measurable target (for example “by 10%”).")
        missing = draft.missing()
        fp = None
        if not missing:
            fp = fingerprint(
                {
                    "fields": {k: v.value for k, v in draft.fields.items()},
                    "channels": sorted(draft.channels),
                    "tier": verdict.reason,
                    "plan": plan.as_json() if plan else None,
                }
            )
        return Evaluation(missing, verdict, warnings, plan, fp)

    def show_preview(self) -> str | None:
        """Render the preview and remember what was shown; None while fields are missing."""
        evaluation = self.evaluate()
        if evaluation.missing or evaluation.fingerprint is None or evaluation.verdict.tier is None:
            return None
        text = rendering.preview(
            self.state.draft,
            evaluation.verdict,
            evaluation.plan,
            evaluation.warnings,
            self.ctx.policy.currency,
            skips_approval=_skips_approval(
                evaluation.verdict.tier, self.ctx.identity.role, self.ctx.policy
            ),
        )
        self.state.preview = PreviewMark(fingerprint=evaluation.fingerprint, turn=self.state.turn)
        self.state.stage = Stage.PREVIEWED
        self.ctx.preview_text = text
        return text

    def cancel(self) -> bool:
        """Drop the draft in progress; True when there was one."""
        if self.state.stage not in {Stage.COLLECTING, Stage.PREVIEWED}:
            return False
        self.state.stage = Stage.CANCELLED
        self.state.preview = None
        self.state.asked = []
        return True

    def campaign_data(
        self, evaluation: Evaluation, provenance: dict[str, Any] | None = None
    ) -> CampaignCreate:
        """What a "yes" creates from the draft: the exact preview is built from the same."""
        draft = self.state.draft
        plan = [task.as_json() for task in evaluation.plan.tasks] if evaluation.plan else []
        return parse(
            CampaignCreate,
            {
                "name": draft.get("name"),
                "type": draft.get("type"),
                "tier": evaluation.verdict.tier,
                "tier_reason": evaluation.verdict.reason,
                "channels": list(draft.channels),
                "target_audience": draft.get("target_audience"),
                "objective": draft.get("objective"),
                "budget": Decimal(str(draft.get("budget"))),
                "currency": str(draft.get("currency") or self.ctx.policy.currency),
                "launch_date": draft.get("launch_date"),
                "end_date": draft.get("end_date"),
                "provenance": provenance or {},
                "tasks": plan,  # the sync creates these in Workfront
            },
            what="campaign",
        )

    async def confirm_and_create(self) -> tuple[uuid.UUID | None, str]:
        """Stage the previewed campaign's creation if the gate allows; (its id or None, message).

        The campaign exists once the turn's final write commits, together with the reply."""
        evaluation = self.evaluate()
        refusal = confirmation_gate(self.state, self.ctx.message, evaluation.fingerprint)
        if refusal is not None:
            return None, refusal
        draft = self.state.draft
        currency = str(draft.get("currency") or self.ctx.policy.currency)
        provenance: dict[str, Any] = {
            "fields": {name: value.provenance.as_json() for name, value in draft.fields.items()},
            "channels": {name: item.as_json() for name, item in draft.channels.items()},
            "plan": [task.as_json() for task in evaluation.plan.tasks] if evaluation.plan else [],
            "plan_source": evaluation.plan.source if evaluation.plan else None,
            "tier": evaluation.verdict.as_json(),
            "conversation_id": str(self.ctx.conversation_id),
            "confirmed": {"turn": self.state.turn, "message": self.ctx.message},
        }
        if "currency" not in draft.fields:
            provenance["fields"]["currency"] = Provenance(
                source="rule", rule=f"no currency named: the tier policy's currency ({currency})"
            ).as_json()
        payload = self.campaign_data(evaluation, provenance)
        # Staged, not written: the turn's final write creates it with the messages and state.
        campaign_id, name = uuid.uuid4(), payload.name
        self.ctx.staged.append(
            CreateCampaign(
                campaign_id,
                payload,
                self.ctx.identity.user,
                self.ctx.identity.scope,
                self.ctx.conversation_id,
            )
        )
        assert evaluation.fingerprint is not None  # the gate passed, so the draft is complete
        self.state.stage = Stage.CREATED
        self.state.created = CreatedRef(
            campaign_id=campaign_id,
            name=name,
            fingerprint=evaluation.fingerprint,
            turn=self.state.turn,
        )
        self.state.created_ids.append(campaign_id)
        self.state.preview = None
        self.ctx.actions.append(
            {
                "type": "campaign_created",
                "campaignId": str(campaign_id),
                "name": name,
                "tasks": len(evaluation.plan.tasks) if evaluation.plan else 0,
                "waitsFor": _waits_for(payload.tier, self.ctx.identity.role),
            }
        )
        return campaign_id, name

    # --- knowledge and data -------------------------------------------------------------------

    async def search_knowledge(self, question: str) -> KnowledgeAnswer:
        result = await answer(
            self.ctx.knowledge,
            question,
            min_relevance=self.ctx.min_relevance,
            policy=self.ctx.policy,
            policy_doc=self.ctx.policy_doc,
        )
        self.ctx.citations.extend(result.citations)
        return result


def _waits_for(tier: int | None, role: Role | None) -> str | None:
    """ "VP approval (VP of Marketing)" when the campaign will wait for it, else None."""
    rule = needs_approval(tier, role) if tier is not None else None
    return f"{waiting_for(rule)} ({rule.approver})" if rule is not None else None


def _skips_approval(tier: int | None, role: Role | None, policy: TierPolicy) -> bool:
    """The tier has an approver, but this person's campaigns do not wait for one (an admin)."""
    return tier is not None and role is Role.ADMIN and rule_for(tier, policy) is not None


TokenSink = Callable[[str], Awaitable[None]]


class Engine(Protocol):
    """Turns one user message into the assistant's reply, acting only through `CampaignTools`.

    `emit` receives the reply's text as it is produced (for streaming); the returned text is the
    whole reply, which is what gets stored.
    """

    async def respond(self, ctx: TurnContext, emit: TokenSink | None = None) -> str: ...


async def emit_text(text: str, emit: TokenSink | None, size: int = 24) -> None:
    """Stream a reply that was composed at once, in word-aligned chunks of about `size` chars."""
    if emit is None:
        return
    chunk = ""
    for word in text.split(" "):
        chunk = f"{chunk} {word}" if chunk else word
        if len(chunk) >= size:
            await emit(chunk + " ")
            chunk = ""
    if chunk:
        await emit(chunk)
