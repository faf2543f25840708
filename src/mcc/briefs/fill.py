"""Fill the assistant's draft from a brief's sentences — the briefs' one entry into the agent.

It uses the agent's own parts, unchanged: `extract` reads each sentence as if the user had typed
it, and `CampaignTools.apply` takes the values through the same guardrails as a chat turn (the
brief's sentences are the "user's words" the evidence must be found in). The first sentence that
states a field wins; a field the draft already has is kept. Each value's provenance then names
the brief and the sentence, and the reply lists them and asks for what is missing (or shows the
preview when nothing is).
"""

from __future__ import annotations

from mcc.agent import rendering
from mcc.agent.extraction import Candidate, extract
from mcc.agent.guardrails import FieldUpdate
from mcc.agent.state import FIELD_LABELS, DraftValue, Stage
from mcc.agent.tools import CampaignTools, TurnContext
from mcc.briefs.parsing import Brief


def _found(ctx: TurnContext, brief: Brief) -> tuple[list[FieldUpdate], dict[str, str]]:
    """The updates the brief states, and for each (field or channel) the sentence it is from."""
    draft = ctx.state.draft
    picked: dict[str, tuple[Candidate, str]] = {}
    channels: dict[str, tuple[Candidate, str]] = {}
    for sentence in brief.sentences:
        found = extract(sentence, today=ctx.today, flagship_keywords=ctx.policy.flagship_keywords)
        for name, candidate in found.values.items():
            if name not in picked and not draft.has(name):
                picked[name] = (candidate, sentence)
        for candidate in found.channels:
            channels.setdefault(str(candidate.value), (candidate, sentence))
    updates = [FieldUpdate(c.field, c.value, c.evidence) for c, _ in picked.values()]
    updates += [FieldUpdate("channels", c.value, c.evidence) for c, _ in channels.values()]
    sources = {name: sentence for name, (_, sentence) in picked.items()}
    sources.update({f"channel:{name}": sentence for name, (_, sentence) in channels.items()})
    return updates, sources


def fill_from_brief(ctx: TurnContext, brief: Brief) -> str:
    """Fill the draft in `ctx.state` from `brief`; returns the assistant's reply."""
    state = ctx.state
    if state.stage not in {Stage.COLLECTING, Stage.PREVIEWED}:
        state.start_draft()  # a brief describes a new campaign, unless one is being drafted
    ctx.user_messages = [*ctx.user_messages, *brief.sentences]  # the words evidence must be in
    updates, sources = _found(ctx, brief)
    tools = CampaignTools(ctx)
    outcome = tools.apply(updates)
    draft = state.draft
    for name, item in list(draft.fields.items()):
        sentence = sources.get(name)
        if sentence and item.provenance.turn == state.turn and item.provenance.source == "user":
            cited = item.provenance.model_copy(update={"document": brief.filename,
                                                       "sentence": sentence})  # fmt: skip
            draft.fields[name] = DraftValue(value=item.value, provenance=cited)
    for name, provenance in list(draft.channels.items()):
        sentence = sources.get(f"channel:{name}")
        if sentence and provenance.turn == state.turn and provenance.source == "user":
            draft.channels[name] = provenance.model_copy(
                update={"document": brief.filename, "sentence": sentence}
            )
    currency = rendering.currency_of(draft, ctx.policy.currency)
    lines = [f"I read the brief **{brief.filename}** ({len(brief.sentences)} sentences)."]
    filled = [
        f"- {FIELD_LABELS.get(name, name)}: {rendering.show_value(name, item.value, currency)} "
        f"— from “{item.provenance.sentence}”"
        for name, item in draft.fields.items()
        if item.provenance.document == brief.filename and item.provenance.turn == state.turn
    ]
    filled += [
        f"- channel: {name} — from “{provenance.sentence}”"
        for name, provenance in draft.channels.items()
        if provenance.document == brief.filename and provenance.turn == state.turn
    ]
    if filled:
        lines += ["", "From it I filled:", *filled]
    else:
        lines.append("I found no campaign details in it.")
    if outcome.rejected:
        lines += ["", "Left out:"]
        lines += [
            f"- {update.field} “{update.value}”: {reason}" for update, reason in outcome.rejected
        ]
    missing = draft.missing()
    if missing:
        names = ", ".join(FIELD_LABELS.get(name, name) for name in missing)
        state.asked = missing[:1]
        lines += ["", f"Still missing: {names}. {rendering.questions(missing[:1])}".rstrip()]
        return "\n".join(lines)
    preview = tools.show_preview()
    if preview:
        lines += ["", preview]
    return "\n".join(lines)
