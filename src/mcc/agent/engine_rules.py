"""The offline engine: deterministic rules, no model, the default.

A turn is read in a fixed order: hostile requests, cancel, an explicit yes, a "no" to a preview,
greetings and help, status and lists, knowledge questions, then campaign details. Details go
through `CampaignTools.apply` (grounding), and the preview through `CampaignTools.show_preview`,
exactly as the LLM engine's tool calls do. The same input always gives the same reply.
"""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

from mcc.agent import campaign_kinds, copies, dialogue, follow_ups, intents, rendering
from mcc.agent.acts import REPLIES, Act, Context
from mcc.agent.answers import answers_to_asked
from mcc.agent.channel_scope import scope_not_type
from mcc.agent.dialogue import Reading
from mcc.agent.draft_recap import asked_of_draft, asks_about_draft, draft_tier_reply, recap
from mcc.agent.extraction.channel_sets import ORGANIC_ONLY_NOTE
from mcc.agent.extraction.implied_types import ACCOUNTS
from mcc.agent.extraction.lead_ins import as_plain_lead_ins
from mcc.agent.extraction.names import is_title
from mcc.agent.extraction.not_people import only_whom_sent_to
from mcc.agent.extraction.people_words import generic_group
from mcc.agent.extraction.proceed_questions import proceed_body, wishes_to_do
from mcc.agent.extraction.spans import Candidate
from mcc.agent.guardrails import FieldUpdate
from mcc.agent.knowledge import topic_words
from mcc.agent.lookup import list_answer, status_answer
from mcc.agent.policy_answers import is_policy_fragment
from mcc.agent.preview_checks import asks_for_check, check_reply
from mcc.agent.recorrection import apply_bare_correction
from mcc.agent.state import FIELD_LABELS, REQUIRED_FIELDS, DialogueState, Stage
from mcc.agent.tools import CampaignTools, Evaluation, TokenSink, TurnContext, emit_text
from mcc.agent.unsure_answers import after_echo, said_unsure
from mcc.campaigns.schemas import CampaignType

ASK_AT_ONCE = 2
_PRONOUNS = frozenset({"it", "this", "that", "this one", "that one", "the campaign", "ours"})
ACTIVE = frozenset({Stage.COLLECTING, Stage.PREVIEWED})
# What the assistant's last message asked, as the act classifier's context (none when idle).
_CONTEXTS = {
    Stage.COLLECTING: Context.DETAILS,
    Stage.PREVIEWED: Context.PREVIEW,
    Stage.CREATED: Context.CREATED,
}
FREE_TEXT = ("name", "target_audience", "objective")
_ANSWERED_PLAINLY = ("target_audience", "objective")
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

        async def read(text: str) -> dialogue.Reading:
            # Reading a message is CPU work that grows with its length (a pasted brief of 10,000
            # characters: most of a second): off the event loop, so other requests go on.
            return await asyncio.to_thread(
                dialogue.read,
                text,
                today=ctx.today,
                pending=tuple(state.asked),
                flagship_keywords=ctx.policy.flagship_keywords,
                context=_CONTEXTS.get(state.stage),
                open_fields=_open_fields(state),
            )

        # Asked for a field, "uh small farms with dairy herds?" answers it, unsure: a "?" that
        # asks nothing, when without it the words give a field asked for; otherwise ("typical
        # spend for a webinar?") it is the question it looks like.
        # Likewise "who? retired teachers": the question echoed, then the answer.
        unsure = (said_unsure(message) or after_echo(message, state.asked)) if state.asked else None
        reading = await read(unsure or message)
        if unsure is not None and set(state.asked) & set(reading.found.values):
            message = unsure
        elif unsure is not None:
            reading = await read(message)
        found, act = reading.found, reading.act
        if reading.hostile:
            return (
                f"{REFUSALS[reading.hostile]} I create one campaign at a time, only from what "
                "you tell me, and only after you say yes to its preview. Nothing was created or "
                "changed." + (f" {self._next_step(tools)}" if active else "")
            )
        learned = _learned_kind(state, reading, message)
        if learned is not None:
            found.values["type"] = learned
        has_details = not found.empty or bool(reading.swap_in) or reading.shift is not None
        # "no paid channels, organic": an answer about the channels (no pause), though it
        # names none yet.
        has_details = has_details or ORGANIC_ONLY_NOTE in found.problems
        # "argh no, CFOs in Spain" right after the audience changed: a new audience.
        if active and not has_details:
            has_details = apply_bare_correction(message, found, state)
        # "never mind — webinar 'X' for CFOs, 20k..." drops the topic, not the campaign it brings.
        switches = reading.fresh or reading.is_brief() or (not active and bool(found.values))
        # "can we start a fresh one?" drops the draft to plan the next: set aside, not cancelled.
        next_one = act is Act.CANCEL and active and intents.wants_campaign(message)
        if act is Act.CANCEL and not (switches and has_details) and not next_one:
            if tools.cancel():
                return "Cancelled: nothing was created. Tell me when you want to plan another."
            return "There's no draft in progress, so there's nothing to cancel."
        if state.stage is Stage.CREATED and copies.asks_for_copy(message):
            # Before a yes: "duplicate it please" asks for a new draft, a yes would create nothing.
            return self._copy(ctx, tools, reading)
        if act is Act.CONFIRM:
            return await self._confirm(tools)
        if state.stage is Stage.PREVIEWED and not has_details and asks_for_check(message):
            # "looks ok?": a question about the draft on screen, never a knowledge search.
            evaluation = tools.evaluate()
            said = check_reply(evaluation.verdict, evaluation.warnings)
            return f"{said}\n\n{self._next_step(tools)}"
        # Doubt about a preview ("hmm, not sure") is answered as a pause: the draft waits.
        doubts_preview = act is Act.UNSURE and state.stage is Stage.PREVIEWED
        pauses = act in {Act.HOLD, Act.DECLINE} or doubts_preview
        if not has_details and pauses and reading.is_reply():
            return self._hold(tools, Act.HOLD if doubts_preview else act)
        if not has_details and (intents.is_greeting(message) or intents.is_help(message)):
            return HELP if intents.is_help(message) or not active else self._next_step(tools)
        if not has_details and intents.is_thanks(message) and not reading.fresh:
            return "You're welcome." + (f" {self._next_step(tools)}" if active else "")
        tier_said = draft_tier_reply(message, tools.evaluate().verdict) if active else None
        if tier_said is not None:
            return f"{tier_said}\n\n{self._next_step(tools)}"
        if active and not has_details and asks_about_draft(message):
            # "what do you have so far?": where the draft stands, then the next question.
            said = recap(state, tools.evaluate().missing, ctx.policy.currency)
            return f"{said}\n\n{self._next_step(tools)}"
        # "we want to run a customer evening. how do we get that going?": the tail only asks
        # to begin; what the message is for is in the words before it.
        body = proceed_body(message) if not active else None
        plans_body = body is not None and self._plans(body, reading)
        wants = (
            intents.wants_campaign(message)
            or reading.fresh
            or reading.plans_campaign()
            or (reading.is_brief() and not active and not intents.is_single_question(message))
            or plans_body
        )
        # "we're planning something for the spring and I'm new here — how long does the launch
        # war room stay open?": context, then the question the message is for.
        if wants and not has_details and not reading.fresh and intents.asks_last(message):
            wants = plans_body
        answer = await self._lookup(ctx, reading, wants)
        if answer is not None:
            return answer
        field = intents.field_to_change(message) if not has_details and active else None
        if field is not None and reading.act is Act.CHANGE:
            # "rename it before you do": keep the draft, ask for the new value, create nothing.
            state.asked = [field]
            return (
                f"Sure: what should the new {FIELD_LABELS[field]} be? Nothing is created until "
                "you say yes to the updated preview."
            )
        question = intents.question_body(message)
        proposes = active and has_details and intents.is_proposal(message)
        # "What we want out of it: brand recall. Audience is trustees who sign off on spend. 68k
        # dollars ...": details after a lead-in, though it opens with "what" and says "sign off".
        opens_with_lead_in = as_plain_lead_ins(message[:80]) != message[:80]
        answers = active and found.details >= 2 and opens_with_lead_in and "?" not in message
        # "actually, what we're aiming for is to book 200 interpreter hours": a new aim, led in.
        answers = answers or (
            active
            and opens_with_lead_in
            and "?" not in message
            and any(name in found.values for name in _ANSWERED_PLAINLY)
        )
        # "is for cat owners in Hamburg", "can't tell you yet, we want more upgrades": no question
        # mark, and the people or the aim the draft still lacks: an answer, whatever its first
        # word ("tell me the lead time for a webinar" names a type, and still asks).
        answers = answers or (
            active
            and "?" not in message
            and any(not state.draft.has(name) for name in _ANSWERED_PLAINLY if name in found.values)
        )
        asks = (
            intents.is_question(message)
            and bool(topic_words(question))
            and not proposes
            and not answers
            and not (has_details and intents.checks_what_it_gives(message))
        )
        # "hashtag limit on linkedin" with no draft open looks a rule up; it plans nothing.
        # A value of its own ("webinar, max 20k") makes it a draft's detail instead.
        looks_up = not active and (
            (not set(found.values) - {"type", "channels"} and intents.is_rule_fragment(question))
            # "tier 3 report deadline": a tier alone with the words of what is asked about it.
            or (
                set(found.values) == {"stated_tier"}
                and not found.channels
                and intents.is_tier_fragment(question)
            )
        )
        if not wants and (asks or is_policy_fragment(question) or looks_up):
            tier = tools.evaluate().verdict.tier if active else None
            question = follow_ups.resolve(state, message, question)
            follow_ups.remember(state, question)
            knowledge = await tools.search_knowledge(asked_of_draft(question, tier, ctx.policy))
            return knowledge.text + (f"\n\n{self._next_step(tools)}" if active else "")
        if state.stage is Stage.CREATED and has_details and not self._starts_new(reading):
            name = state.created.name if state.created else "The campaign"
            return (
                f"“{name}” is already created, so I won't change it from here: edit it in "
                "Workfront or the dashboard. To plan another campaign, tell me about it."
            )
        if not has_details and reading.is_reply() and not wants:
            return self._not_a_value(tools, reading)

        if not (wants or active) and self._only_quoted_words(reading):
            has_details = False  # "translate 'good morning' into Icelandic" plans nothing
        if active and self._only_quoted_words(reading) and self._names_kept(state, message):
            # The same mid-draft: quoted words rename a named draft only when the user says so.
            return self._not_a_value(tools, reading)
        if wants or active or has_details:
            start_new = (
                reading.fresh
                # "forget that one — webinar 'X' for CFOs": the draft dropped for the one brought
                or (act is Act.CANCEL and active and switches and has_details)
                or next_one
                or (wants and not active)
                or (state.stage is Stage.CREATED and self._starts_new(reading))
            )
            # The guardrails judge every value against the conversation's words: CPU work too,
            # in a thread. Nothing else touches this turn's state while it is awaited.
            return await asyncio.to_thread(
                self._details, ctx, tools, reading, start_new=start_new, wants=wants
            )
        return (
            "I'm not sure what you mean, and it may be outside what I do: I can only help you "
            "plan a campaign, answer questions from the playbooks, or report a campaign's "
            "status. Say “help” for examples."
        )

    @staticmethod
    def _only_quoted_words(reading: Reading) -> bool:
        """Quoted words inside a request about something else, with no campaign in sight: a
        name only when the rest of the message plans a campaign, never a draft of its own."""
        found = reading.found
        return (
            set(found.values) == {"name"}
            and not found.channels
            and len(found.leftover.split()) >= 2
            and reading.shift is None
            and not reading.swap_in
        )

    @staticmethod
    def _names_kept(state: DialogueState, message: str) -> bool:
        """The draft has a name, nobody asked for one and the message names no name field."""
        return (
            state.draft.has("name")
            and "name" not in state.asked
            and not intents.mentions_field(message, "name")
        )

    async def _lookup(self, ctx: TurnContext, reading: Reading, wants: bool) -> str | None:
        """A status or list question, answered from the data; None when it is neither."""
        message = ctx.message.strip()
        if wants:
            return None
        reference = intents.status_reference(message)
        vague = reference is not None and intents.names_no_campaign(reference)
        if reference is not None and (reference.lower() in _PRONOUNS or vague):
            reference = None  # "how's it going": the campaign just created, if any
            if ctx.state.created is not None:
                reference = str(ctx.state.created.campaign_id)
        if reference is None and ctx.state.created is not None and intents.is_bare_status(message):
            reference = str(ctx.state.created.campaign_id)  # "status?" right after a creation
        if reference is not None:
            live = ctx.backend if intents.wants_live(message) else None
            reference = intents.without_live(reference) if live else reference
            return await status_answer(
                ctx.db, reference, live=live, staged=ctx.staged, scope=ctx.identity.scope
            )
        if intents.is_list(message) and reading.found.empty:
            return await list_answer(ctx.db, ctx.identity.scope)
        return None

    @staticmethod
    def _plans(body: str, reading: Reading) -> bool:
        """The words before a tail that asks how to go on want a campaign: a wish to make one
        ("we want to run a customer evening"), or a campaign's kind stated as the plan ("display
        advertising, that's what we want")."""
        if intents.wants_campaign(body) or wishes_to_do(body):
            return True
        guess = dialogue.guess(body)
        sure = guess.confidence >= dialogue.CONFIDENT
        if guess.act is Act.NEW_CAMPAIGN and sure:
            return True
        asks = guess.act in {Act.QUESTION, Act.STATUS, Act.LIST} and sure
        return "type" in reading.found.values and not asks

    @staticmethod
    def _starts_new(reading: Reading) -> bool:
        """After a creation, details with a name or a type are another campaign."""
        values = reading.found.values
        return reading.fresh or "name" in values or "type" in values

    def _copy(self, ctx: TurnContext, tools: CampaignTools, reading: Reading) -> str:
        """ "Clone it for EMEA": the created campaign's values but its name, then this message's."""
        copied_from = copies.start_from_created(ctx.state)
        lead = (
            f"I copied “{copied_from}” into a new draft, all but its name; nothing is created "
            "until you say yes to its preview."
        )
        return f"{lead}\n\n{self._details(ctx, tools, reading, start_new=False, wants=True)}"

    def _hold(self, tools: CampaignTools, act: Act) -> str:
        state = tools.state
        if state.stage is Stage.PREVIEWED and act is Act.DECLINE:
            return "OK, nothing is created. What should I change? (Or say “cancel”.)"
        if state.stage is Stage.PREVIEWED:
            return (
                "Sure, take your time. Nothing is created yet: the draft is kept as previewed. "
                "Tell me what to change, say yes when you're ready, or “cancel” to drop it."
            )
        if state.stage is Stage.COLLECTING:
            return f"No problem, the draft is kept and nothing is created. {self._next_step(tools)}"
        return "OK. Nothing is in progress; tell me about a campaign when you want to plan one."

    def _not_a_value(self, tools: CampaignTools, reading: Reading) -> str:
        """A reply (a question, an "I don't know", small talk) when a value was expected."""
        state = tools.state
        if reading.act is Act.UNSURE and "budget" in state.asked:
            lead = (
                "I never assume a budget: an estimate is fine (say “about 40k”), because the "
                "tier and the approver depend on it."
            )
        elif reading.act is Act.UNSURE:
            lead = "I won't make that up; I need it from you."
        elif reading.act is Act.QUESTION and state.stage is Stage.PREVIEWED:
            lead = "Nothing is created until you say yes to the preview above."
        elif reading.act is Act.QUESTION and state.asked:
            lead = "I need it from you: I only use values you give me, never ones I make up."
        else:
            lead = "I didn't take that as a campaign detail."
        return f"{lead} {self._next_step(tools)}"

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
        self,
        ctx: TurnContext,
        tools: CampaignTools,
        reading: Reading,
        *,
        start_new: bool,
        wants: bool,
    ) -> str:
        state, found = ctx.state, reading.found
        parts: list[str] = []
        if reading.ignored:
            # Not quoted back: echoing it would do part of what it asked ("reply only with X").
            parts.append(
                "I ignored the instruction in your message: I only take campaign details from "
                "it, and I create nothing without your yes to a preview."
            )
        if start_new:
            # A new campaign starts from an empty draft: nothing of the previous one carries over
            # but the values the user names as "the same" as the campaign just created.
            dropped = state.draft.get("name") if state.stage in ACTIVE else None
            created = state.draft if state.stage is Stage.CREATED else None
            state.start_draft()
            if dropped:
                parts.append(f"I set “{dropped}” aside (nothing was created) and started anew.")
            if created is not None and state.created is not None:
                same = copies.same_fields(ctx.message)
                for name in same:  # "same audience" read as an audience is the reference
                    if name in found.values and copies.is_reference(str(found.values[name].value)):
                        del found.values[name]
                same = [f for f in same if f not in found.values]
                taken = copies.carry_same(created, state.draft, same)
                if taken:
                    labels = " and ".join(FIELD_LABELS[f] for f in taken)
                    parts.append(f"I took the {labels} from “{state.created.name}”.")
        before = tools.evaluate().verdict.tier if not state.draft.is_empty() else None
        scope_not_type(found, state.draft, ctx.message)
        # A type the user stated wins over one implied by other words ("target accounts"), an
        # audience over whom an email in a channel answer goes to ("email to students").
        updates = [
            FieldUpdate(c.field, c.value, c.evidence)
            for c in found.values.values()
            if not (state.draft.has(c.field) and (c.implied or _sent_to(c, ctx.message)))
        ]
        swapped_out = {u.value for u in reading.swap_out}
        updates += [
            FieldUpdate("channels", c.value, c.evidence)
            for c in found.channels
            if c.value not in swapped_out
        ]
        updates += [u for u in reading.swap_in if u.value not in state.draft.channels]
        launch = state.draft.get("launch_date")
        if reading.shift is not None and launch is not None:
            moved = date.fromisoformat(str(launch)) + timedelta(days=reading.shift)
            updates.append(FieldUpdate("launch_date", moved.isoformat(), ctx.message.strip()))
        unsure = reading.act is Act.UNSURE or intents.is_unsure(ctx.message)
        answered = answers_to_asked(
            found,
            reading.asked if ctx.state.asked else (),
            ctx.message,
            is_reply=reading.is_reply(),
            unsure=unsure,
            moves_date=reading.shift is not None,
        )
        updates += answered
        removed = [FieldUpdate("channels", c.value, c.evidence) for c in found.removed_channels]
        removed += [u for u in reading.swap_out if u.value in state.draft.channels]
        outcome = tools.apply(updates, channel_mode=found.channels_mode, remove_channels=removed)
        rules = {c.field: c.rule for c in found.values.values() if c.rule}
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
        elif unsure and not answered and set(state.asked) & set(FREE_TEXT) and not new:
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
        # The outline names the type's checklist: with no type yet there is none to name, and
        # "no checklist for this type" would read as if the type were known and had none.
        outlines = first_tier or any(c.field == "type" for c in outcome.changes)
        if outlines and state.draft.has("type"):
            parts.append(self._outline(ctx))
        if not parts and not wants:
            parts.append("I didn't find campaign details in that.")
        parts.append(self._ask(tools, evaluation))
        return "\n\n".join(part for part in parts if part)

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
        return rendering.questions(
            fields, rendering.currency_of(tools.state.draft, tools.ctx.policy.currency)
        )

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


def _learned_kind(state: DialogueState, reading: Reading, message: str) -> Candidate | None:
    """The kind of campaign a message describes without a type's words ("a livestreamed talk
    with Q&A", "a co-branded offer with the gym next door"), read by meaning, for a draft that
    has none, when the message gives nothing else: the whole message is the description. That is
    an answer to "what type?" (as sure as `ASKED` when the type is all that was asked, else as an
    opener must be) or an opener (new campaign, details); never a reply about the conversation
    (a question, a yes, a hold), and never "other", which the type question asks for plainly.
    Implied unless the type alone was asked: a stated type replaces it."""
    if reading.found.values or reading.found.channels or reading.hostile:
        return None  # a name, an audience...: the readers' values, the leftover for theirs
    if state.draft.has("type") and state.stage is not Stage.CREATED:
        return None
    if "name" in state.asked and is_title(message.strip()):
        return None  # "Meet the Makers" asked with the name: the title, whatever it evokes
    only_type = state.asked == ["type"]
    asked = "type" in state.asked
    if reading.act not in _DESCRIBING and not (asked and reading.act not in REPLIES):
        return None
    kind = campaign_kinds.kind_of(message, asked=only_type)
    if kind is None or kind is CampaignType.OTHER:
        return None
    return Candidate("type", kind.value, message.strip(), implied=not only_type)


# The acts of a message that may describe a campaign of its own accord.
_DESCRIBING = frozenset({Act.NEW_CAMPAIGN, Act.DETAILS})


def _sent_to(candidate: Candidate, message: str) -> bool:
    return candidate.field == "target_audience" and only_whom_sent_to(candidate.evidence, message)


def _open_fields(state: DialogueState) -> tuple[str, ...]:
    """The free-text fields a bare answer may fill: those the draft lacks, and an audience an
    opener named only in passing ("a webinar for clients", "an email to subscribers"), which
    the people the user names next replace."""
    audience = state.draft.get("target_audience")
    # (and the accounts an ABM opener targets: "12 named banks in the Nordics", then "heads of
    # risk at those banks" says who in them)
    passing = audience is not None and (
        generic_group(str(audience)) or ACCOUNTS.match(str(audience)) is not None
    )
    return tuple(
        f for f in FREE_TEXT if not state.draft.has(f) or (f == "target_audience" and passing)
    )
