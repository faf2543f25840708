"""The offline engine: deterministic rules, no model, the default.

A turn is read in a fixed order: hostile requests, cancel, an explicit yes, a "no" to a preview,
greetings and help, status and lists, knowledge questions, then campaign details. Details go
through `CampaignTools.apply` (grounding), and the preview through `CampaignTools.show_preview`,
exactly as the LLM engine's tool calls do. The same input always gives the same reply.
"""

from __future__ import annotations

from mcc.agent import intents, rendering
from mcc.agent.extraction import Extraction, extract
from mcc.agent.guardrails import (
    FieldUpdate,
    hostile_reason,
    is_cancel,
    is_explicit_yes,
    is_negative,
)
from mcc.agent.knowledge import topic_words
from mcc.agent.lookup import list_answer, status_answer
from mcc.agent.policy_answers import is_policy_fragment
from mcc.agent.state import FIELD_LABELS, REQUIRED_FIELDS, Stage
from mcc.agent.tools import CampaignTools, Evaluation, TokenSink, TurnContext, emit_text

ASK_AT_ONCE = 2
FREE_TEXT = ("name", "target_audience", "objective")
HELP = (
    "I'm the campaign assistant. I can:\n"
    "- plan a campaign with you: I ask for what's missing (name, type, channels, audience, "
    "objective, budget, launch date), classify its tier from the playbook and say why, and show "
    "you the Workfront project and tasks; nothing is created until you say yes to that preview;\n"
    "- answer questions from the playbooks, with sources;\n"
    "- report a campaign's status (“status of Q1 SMB Promotion”) or list recent campaigns.\n"
    "Say “cancel” at any time to drop a draft."
)
REFUSALS = {
    "instructions": "I can't set my rules aside.",
    "bulk": "I can't create campaigns in bulk.",
    "destructive": "I can't delete or wipe campaigns from chat.",
}


class RulesEngine:
    async def respond(self, ctx: TurnContext, emit: TokenSink | None = None) -> str:
        text = await self._reply(ctx, CampaignTools(ctx))
        await emit_text(text, emit)
        return text

    async def _reply(self, ctx: TurnContext, tools: CampaignTools) -> str:
        message, state = ctx.message.strip(), ctx.state
        active = state.stage in {Stage.COLLECTING, Stage.PREVIEWED}
        hostile = hostile_reason(message)
        if hostile:
            return (
                f"{REFUSALS[hostile]} I create one campaign at a time, only from what you tell "
                "me, and only after you say yes to its preview. Nothing was created or changed."
                + (f" {self._next_step(tools)}" if active else "")
            )
        if is_cancel(message):
            if tools.cancel():
                return "Cancelled: nothing was created. Tell me when you want to plan another."
            return "There's no draft in progress, so there's nothing to cancel."
        found = extract(
            message,
            today=ctx.today,
            pending=tuple(state.asked),
            flagship_keywords=ctx.policy.flagship_keywords,
        )
        if is_explicit_yes(message) and found.empty:
            return await self._confirm(tools)
        if state.stage is Stage.PREVIEWED and is_negative(message) and found.empty:
            return "OK, nothing is created. What should I change? (Or say “cancel”.)"
        if found.empty and (intents.is_greeting(message) or intents.is_help(message)):
            return HELP if intents.is_help(message) or not active else self._next_step(tools)
        if found.empty and intents.is_thanks(message):
            return "You're welcome." + (f" {self._next_step(tools)}" if active else "")
        reference = intents.status_reference(message)
        if reference is not None and not intents.wants_campaign(message):
            live = ctx.backend if intents.wants_live(message) else None
            reference = intents.without_live(reference) if live else reference
            return await status_answer(
                ctx.db, reference, live=live, staged=ctx.staged, scope=ctx.identity.scope
            )
        if intents.is_list(message) and not intents.wants_campaign(message):
            return await list_answer(ctx.db, ctx.identity.scope)
        wants = intents.wants_campaign(message)
        asks = intents.is_question(message) and bool(topic_words(message))
        if not wants and (asks or is_policy_fragment(message)):
            knowledge = await tools.search_knowledge(message)
            return knowledge.text + (f"\n\n{self._next_step(tools)}" if active else "")
        if state.stage is Stage.CREATED and not wants and not found.empty:
            name = state.created.name if state.created else "The campaign"
            return (
                f"“{name}” is already created, so I won't change it from here: edit it in "
                "Workfront or the dashboard. To plan another campaign, tell me about it."
            )
        if wants or active or not found.empty:
            return self._details(ctx, tools, found, wants)
        if state.stage is Stage.PREVIEWED:
            return self._next_step(tools)
        return (
            "I'm not sure what you mean. I can plan a campaign with you, answer questions from "
            "the playbooks, or report a campaign's status. Say “help” for examples."
        )

    async def _confirm(self, tools: CampaignTools) -> str:
        campaign_id, said = await tools.confirm_and_create()
        if campaign_id is None:
            return f"{said} {self._next_step(tools)}".strip()
        tasks = tools.ctx.actions[-1].get("tasks", 0)
        waits = tools.ctx.actions[-1].get("waitsFor")
        if waits:
            return (
                f"Created campaign **{said}** ({campaign_id}), status PENDING_APPROVAL: it is "
                f"waiting for {waits}. Nothing goes to Workfront until then; once approved, the "
                f"project and its {tasks} tasks are created."
            )
        return (
            f"Created campaign **{said}** ({campaign_id}), status PLANNING. The Workfront project "
            f"and its {tasks} tasks are being created now; ask me for its status any time."
        )

    def _details(
        self, ctx: TurnContext, tools: CampaignTools, found: Extraction, wants: bool
    ) -> str:
        state = ctx.state
        if wants and state.stage not in {Stage.COLLECTING, Stage.PREVIEWED}:
            state.start_draft()
        before = tools.evaluate().verdict.tier if not state.draft.is_empty() else None
        updates = [FieldUpdate(c.field, c.value, c.evidence) for c in found.values.values()]
        updates += [FieldUpdate("channels", c.value, c.evidence) for c in found.channels]
        unsure = intents.is_unsure(ctx.message)
        leftover = self._leftover_update(ctx, found, unsure)
        if leftover is not None:
            updates.append(leftover)
        removed = [FieldUpdate("channels", c.value, c.evidence) for c in found.removed_channels]
        outcome = tools.apply(updates, channel_mode=found.channels_mode, remove_channels=removed)
        rules = {c.field: c.rule for c in found.values.values() if c.rule}
        parts: list[str] = []
        currency = rendering.currency_of(state.draft, ctx.policy.currency)
        new = [c for c in outcome.changes if c.old is None and not str(c.new).startswith("(")]
        fixed = [c for c in outcome.changes if c.old is not None and not str(c.new).startswith("(")]
        if new:
            added = [c.new for c in new if c.field == "channels"]
            shown = [
                rendering.change_line(c.field, None, c.new, currency)
                for c in new
                if c.field != "channels"
            ]
            if added:
                shown.append("channels: " + ", ".join(str(name) for name in added))
            parts.append("Got it: " + "; ".join(shown) + ".")
        if fixed:
            shown = [rendering.change_line(c.field, c.old, c.new, currency) for c in fixed]
            parts.append("Updated " + "; ".join(shown) + ".")
        parts += [
            f"(I read {FIELD_LABELS[f]} “{rule}”.)"
            for f, rule in rules.items()
            if any(c.field == f for c in outcome.changes)
        ]
        parts += [
            f"I didn't use “{u.evidence}” for the {u.field}: {why}." for u, why in outcome.rejected
        ]
        parts += found.problems
        if unsure and "budget" in state.asked and not state.draft.has("budget"):
            parts.append(
                "I never assume a budget: an estimate is fine (say “about 40k”), because the "
                "tier and the approver depend on it."
            )
        elif unsure and leftover is None and set(state.asked) & set(FREE_TEXT):
            parts.append("I won't make that up; I need it from you.")
        if not outcome.changes and state.stage is Stage.PREVIEWED:
            return "\n\n".join([*parts, self._next_step(tools)])
        evaluation = tools.evaluate()
        if not evaluation.missing:
            shown_preview = tools.show_preview()
            if shown_preview is not None:
                state.asked = []
                return "\n\n".join([*parts, shown_preview])
        if evaluation.verdict.tier is not None and evaluation.verdict.tier != before:
            parts.append(rendering.tier_line(evaluation.verdict))
        if any(
            c.field in {"launch_date", "budget", "type", "stated_tier", "channels", "flagship"}
            for c in outcome.changes
        ):
            parts += [w for w in evaluation.warnings if w.startswith("Lead time")]
        first_tier = before is None and evaluation.verdict.tier is not None
        if first_tier or any(c.field == "type" for c in outcome.changes):
            parts.append(self._outline(ctx))
        if not parts and not wants:
            parts.append("I didn't find campaign details in that.")
        parts.append(self._ask(tools, evaluation))
        return "\n\n".join(part for part in parts if part)

    def _leftover_update(
        self, ctx: TurnContext, found: Extraction, unsure: bool
    ) -> FieldUpdate | None:
        """A bare answer ("Spring Promo") to the free-text question the assistant just asked."""
        pending = [f for f in ctx.state.asked if f in FREE_TEXT and f not in found.values]
        text = found.leftover
        bare = not (found.values or found.channels or found.removed_channels or found.problems)
        if not pending or not text or not bare or unsure or intents.is_question(ctx.message):
            return None
        if is_negative(text) or is_explicit_yes(text):
            return None
        if pending[0] != "name" and len(text) < 3:
            return None
        if pending[0] == "name" and len(text) > 200:
            return None
        return FieldUpdate(pending[0], text, text)

    def _outline(self, ctx: TurnContext) -> str:
        kind = str(ctx.state.draft.get("type"))
        checklist = ctx.checklists.get(kind)
        if checklist is None:
            return (
                "The playbooks have no task checklist for this type, so the Workfront project "
                "will start without tasks."
            )
        names = "; ".join(item.name for item in checklist.items)
        return (
            f"I'll plan it from the checklist in {checklist.citation} ({len(checklist.items)} "
            f"tasks: {names}), scheduled back from the launch date, and show you the exact "
            "Workfront project and tasks to confirm before anything is created."
        )

    def _ask(self, tools: CampaignTools, evaluation: Evaluation) -> str:
        missing = evaluation.missing
        order = [f for f in REQUIRED_FIELDS if f in missing]
        fields = order[:ASK_AT_ONCE]
        tools.state.asked = fields
        return rendering.questions(fields)

    def _next_step(self, tools: CampaignTools) -> str:
        state = tools.state
        if state.stage is Stage.PREVIEWED:
            return (
                "Nothing is created yet: reply yes to create the campaign exactly as previewed, "
                "or tell me what to change."
            )
        if state.stage is Stage.COLLECTING:
            evaluation = tools.evaluate()
            if evaluation.missing:
                return self._ask(tools, evaluation)
        return "Tell me about the campaign you'd like to plan."
