"""Approver, lead-time and "which tier" questions, answered from the tier policy itself.

These facts have one source of truth, the tier policy (`mcc.campaigns.tiers`): quoting a passage
that happens to rank first would repeat whatever a document says, and the phrasing people use
("who signs off a 200k launch?", "how much notice for a webinar?") shares few words with the
playbook. So the question's topic is recognised here, the tier is computed from what the question
gives (a stated tier, an amount, a type or flagship signal, channels) with the same
`TierPolicy.classify` every campaign goes through, and the answer names the tier, why, and cites
the policy's section. When the question doesn't give enough to decide the tier, the answer lists
the three tiers instead of assuming a budget.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from mcc.agent.extraction.vocabulary import CHANNEL_FAMILY, TYPE_CHANNEL, channels_in, types_in
from mcc.campaigns.plans import Checklist, bundled_checklists
from mcc.campaigns.tiers import TierPolicy, money


class Topic(StrEnum):
    APPROVER = "approver"
    LEAD_TIME = "lead_time"
    DEADLINE = "deadline"
    TIER = "tier"
    BUDGET = "budget"
    BOUNDS = "bounds"


_APPROVER = re.compile(
    r"\bwho(?:'s|\s+is|\s+has|\s+needs|\s+must|\s+should|\s+can|\s+will|\s+do(?:es)?)?\b[^?.!]*?"
    r"(?<![\w-])(?:approv\w*|sign(?:s|ing)?[\s-]*off|okays?|green[\s-]?lights?|authori[sz]\w*"
    # "who signs?" asks for the approver too; "who signs up" is the audience.
    r"|blesse?s?|signs?(?!\s+(?:up|in)\b))\b"
    r"|(?<![\w-])approvers?\b|\bsign[\s-]?off\s+(?:level|chain|from)"
    r"|\b(?:whose|which|what)\s+(?:approval|sign[\s-]?off|signatures?|ok(?:ay)?|blessing"
    r"|green[\s-]?light)"
    # "which director approves a tier 2?", "which level of manager okays it?"
    r"|\b(?:which|what)\s+(?:[\w-]+\s+){0,3}(?:approves?|signs?[\s-]*off|okays?|authori[sz]es)\b"
    r"|\b(?:vp|director|manager|exec\w*)\s+(?:approval|sign[\s-]?off)"
    # "do we need the VP to approve an 8k email?", "does a director have to sign off on it?"
    # (but "does the director approve a tier 1 if the VP is away?" asks who may stand in)
    r"|\b(?:vp|director|manager|cmo)\s+(?:to|(?:have|has|need|needs)\s+to|must)\s+"
    r"(?:approv\w*|sign(?:s|ing)?[\s-]*off|ok(?:ay)?)\b"
    # "does a 10k newsletter need approval from anyone?", "is sign-off required for a webinar?"
    # (not "need approval to move the date": a change after approval is the guidelines' topic)
    r"|\b(?:need|needs|require[sd]?|(?:have|has|need|needs)\s+to\s+get)\s+(?:an?\s+|any\s+)?"
    r"(?:approval|sign[\s-]?off)\b"
    r"(?!\s+(?:to|before|when|if|after)\b)"
    r"|\b(?:approval|sign[\s-]?off)\s+(?:is\s+|be\s+)?(?:needed|required|necessary)\b"
    r"(?!\s+(?:to|before|when|if|after)\b)",
    re.IGNORECASE,
)
# "does MDF reduce the budget that decides the approver?" asks what sets the approver (the
# tier's inputs), not who it is.
_WHAT_DECIDES = re.compile(
    r"\b(?:decid\w*|determin\w*|sets?|affect\w*|drives?|changes?)\s+(?:the\s+|who\s+(?:the\s+)?)?"
    r"(?:approver|tier)\b",
    re.IGNORECASE,
)
# "creative deadline for tier 2 stuff?", "when must the brief be signed off for a tier 1?": the
# lead-time table's other columns, the latest day for each gate.
_DEADLINE = re.compile(
    r"\b(?:creative|brief)\b[^?.!]{0,30}\b(?:deadlines?|due|final|lock(?:ed)?"
    r"|signed\s+off|sign[\s-]?off|approved|cut-?off|no\s+later)\b"
    r"|\b(?:deadlines?|due\s+dates?|cut-?offs?)\b[^?.!]{0,30}\b(?:creative|brief)\b",
    re.IGNORECASE,
)
_LEAD_TIME = re.compile(
    r"\blead[\s-]?times?\b|\brunway\b|\bnotice\b|\bin\s+advance\b|\bahead\s+of\s+time\b"
    r"|\bhow\s+(?:early|soon|far\s+(?:ahead|out|in\s+advance|back))\b"
    r"|\bhow\s+(?:many\s+weeks|much\s+(?:time|lead))\b"
    r"|\bhow\s+long\s+(?:before|ahead|in\s+advance|do\s+(?:i|we)\s+need\s+to\s+(?:plan|prep))"
    r"|\bwhen\s+(?:should|do|must|can|would|to)\s+(?:i|we|you|one)?\s*(?:start|begin|kick\s+off)"
    r"|\b(?:prep|preparation|planning|work)\s+(?:start|begin)"
    r"|\bstart\s+(?:planning|prepping|preparing|prep|work)\b"
    # "what's the earliest I can launch a $30k campaign", "soonest we could go live with ..."
    r"|\b(?:earliest|soonest)\b[^?.!]{0,40}\b(?:launch|go\s+live|go-live|run|start)"
    # A lead time put to the policy to check: "6 weeks for a 40k campaign, right?", "is three
    # weeks enough for a tier 2?"
    r"|\b(?:\d{1,2}|one|two|three|four|five|six|eight|ten|twelve)\s+(?:weeks?|days?)\s+"
    r"(?:(?:is|are|be)\s+)?(?:enough\s+|ok(?:ay)?\s+|fine\s+)?(?:for|on)\s+(?:an?|the|our|my|this)\b",
    re.IGNORECASE,
)
# "VP approvals - how long do they take": how long an approval takes is the approvals
# guideline's turnaround, not who approves.
_DURATION = re.compile(
    r"\bhow\s+(?:long|many\s+(?:business\s+|working\s+)?days|quick(?:ly)?|fast)\b"
    r"|\bturn[\s-]?around\b|\bsla\b|\bhow\s+much\s+time\b",
    re.IGNORECASE,
)
# A fragment that names the policy fact first ("notice period for a small customer meetup, tier
# 3", "lead time on an 80k launch"): a lookup however long the campaign it describes.
_FACT_FIRST = re.compile(
    r"^(?:the\s+|our\s+|min(?:imum)?\s+)?(?:notice(?:\s+period)?|lead[\s-]?times?|runway"
    r"|approvers?|sign[\s-]?off(?:\s+level)?)\s+(?:for|on|of|needed\s+for|required\s+for)\b",
    re.IGNORECASE,
)
_FACT_FIRST_WORDS = 16
_TIER = re.compile(
    r"\b(?:what|which)\s+tier\b|\btier\s+\d\s+or\s+(?:tier\s+)?\d\b"
    r"|\b(?:is|would|be|count\s+as|make\s+it)\b[^?.!]*\btier\b"
    # "only costs 60k, still tier 1??", "40k budget — tier 2 right?": a tier offered for checking.
    r"|\b(?:still|really|even|actually|definitely)\s+(?:a\s+)?tier\s*[123]\b"
    r"|\btier\s*[123]\s*(?:\?|,?\s*(?:right|correct|yes|no)\b)",
    re.IGNORECASE,
)
_STATED = re.compile(r"\btier\s*([123])\b|\bt([123])\b", re.IGNORECASE)
_AMOUNT = re.compile(
    r"(?P<cur>[$€£])?\s?(?P<num>\d+(?:[.,]\d+)*)\s?"
    r"(?P<mult>k|m|mm|grand|thousand|million)?\b"
    r"(?:\s?(?P<code>usd|eur|gbp|dollars?|euros?|pounds?|bucks))?",
    re.IGNORECASE,
)
_MULTIPLIER = {
    "k": 1_000,
    "grand": 1_000,
    "thousand": 1_000,
    "m": 1_000_000,
    "mm": 1_000_000,
    "million": 1_000_000,
}
_CURRENCY = {
    "$": "USD",
    "usd": "USD",
    "dollars": "USD",
    "dollar": "USD",
    "bucks": "USD",
    "euro": "EUR",
    "pound": "GBP",
    "€": "EUR",
    "eur": "EUR",
    "euros": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "pounds": "GBP",
}
# A fragment such as "tier 2 lead time pls" is a policy question even without a question mark.
_FRAGMENT_WORDS = 8


@dataclass(frozen=True)
class PolicyReply:
    """The answer's text, which cites [1] (and [2] for a checklist), and what [1]/[2] are."""

    text: str
    citations: tuple[tuple[str, str], ...]  # (label, doc id)


# "How early should invitations go out?" asks when one task of a campaign happens (the playbook
# for it says), not the campaign's lead time: a verb for a task's own timing gives it away.
_TASK_TIMING = re.compile(
    r"\b(?:sen[dt]|sending|go(?:es)?\s+out|went\s+out|invit\w*|promot\w*|remind\w*"
    r"|announc\w*|publish\w*|post(?:ed|ing)|register\w*|registration|finali[sz]\w*|ship\w*"
    r"|print\w*|dry[\s-]?run|rehears\w*|follow(?:ed|ing|s)?[\s-]?ups?|book\w*|submit\w*"
    r"|turnaround|design\w*|translat\w*|report\w*"
    # "how far back does the attribution lookback window go?": a measurement window.
    r"|look[\s-]?back|attribution"
    # "how far ahead must I request a LinkedIn post?", "how soon must event leads be called?":
    # a request to another team, a lead's follow-up or a recording has its own service level.
    r"|request\w*|recording|receiv\w*|(?:call|contact|respond|repl(?:y|ie)|answer)(?:s|ed|ing)?"
    # "how soon can I touch the bids?": a change to a live campaign, not a lead time.
    r"|touch\w*|tweak\w*|adjust\w*|optimi[sz]\w*|bids?|bidding|targeting"
    # "how early should speakers get to the green room?": a person's arrival on the day.
    r"|arriv\w*|get\s+(?:to|there|in)|show\s+up|turn\s+up|green\s+room|speakers?)\b",
    re.IGNORECASE,
)
_COUNT_WORDS = {"one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_CHANNEL_COUNT = re.compile(
    r"\b(?P<n>\d|one|single|two|three|four|five|six)[\s-]+channels?\b|\b(?P<many>multi[\s-]?channel"
    r"|omni[\s-]?channel|cross[\s-]?channel|every\s+channel|all\s+(?:the\s+|our\s+)?channels)\b",
    re.IGNORECASE,
)


# "what budget do tier 2 campaigns usually need?", "how much should it be for tier 3?": the
# tier's budget band, asked from the tier.
_BUDGET_OF_TIER = re.compile(
    r"\b(?:what|which|how\s+much|how\s+big)\b[^?.!]{0,30}?(?:budget|spend|money|cost|it\s+be)\b"
    r"|\bbudget\s+(?:band|range|bracket)\b",
    re.IGNORECASE,
)


# "where's the line between tier 2 and tier 3?", "what separates tier 1 from 2?": where one tier
# ends and the next begins.
_BOUNDS = re.compile(
    r"\b(?:line|cut-?off|threshold|boundary|border|difference|split|separates?|divides?"
    r"|distinguish\w*|tells?\s+apart)\b[^?.!]{0,40}?\btier\s*[123]\b[^?.!]{0,30}?"
    r"\b(?:and|from|vs\.?|versus|or)\s+(?:(?:a\s+)?tier\s*)?[123]\b",
    re.IGNORECASE,
)


def topic(question: str) -> Topic | None:
    """The policy fact a question asks for; approver before lead time before tier."""
    if _WHAT_DECIDES.search(question):
        return None
    if _APPROVER.search(question) and not _DURATION.search(question):
        return Topic.APPROVER
    if _DEADLINE.search(question) and not _DURATION.search(question):
        return Topic.DEADLINE
    if _LEAD_TIME.search(question) and not _TASK_TIMING.search(question):
        return Topic.LEAD_TIME
    if _BOUNDS.search(question):
        return Topic.BOUNDS
    if _TIER.search(question) and (
        _amount(question) or _flagship_or_type(question) or _channel_count(question)
    ):
        return Topic.TIER
    if _BUDGET_OF_TIER.search(question) and _stated(question) and not _amount(question):
        return Topic.BUDGET
    return None


def _channel_count(question: str) -> int | None:
    """How many channels a question gives by number ("four channels", "single-channel");
    "multichannel" and "every channel" give no number."""
    match = _CHANNEL_COUNT.search(question)
    if match is None or not match["n"]:
        return None
    word = match["n"].lower()
    return int(word) if word.isdigit() else _COUNT_WORDS[word]


def is_policy_fragment(text: str) -> bool:
    """A short message that asks a policy fact without question form ("tier 2 lead time pls")."""
    words = len(text.split())
    short = words <= _FRAGMENT_WORDS or (
        words <= _FACT_FIRST_WORDS and "\n" not in text.strip() and bool(_FACT_FIRST.match(text))
    )
    return short and topic(text) in {Topic.APPROVER, Topic.LEAD_TIME}


def _amount(question: str) -> tuple[Decimal, str | None] | None:
    for match in _AMOUNT.finditer(question):
        currency = match["cur"] or match["code"]
        if not (currency or match["mult"]):
            continue  # "tier 2", "7 days": a bare number is not a budget
        try:
            number = Decimal(match["num"].replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the pattern only admits digits
            continue
        factor = _MULTIPLIER.get((match["mult"] or "").lower(), 1)
        return number * factor, _CURRENCY.get(currency.lower()) if currency else None
    return None


# An amount as a ceiling: "who approves stuff under 25k?", "less than $100k".
_BELOW = re.compile(
    r"\b(?:under|below|less\s+than|lower\s+than|cheaper\s+than|sub)[\s-]+[$€£]?\s?\d",
    re.IGNORECASE,
)
_CENT = Decimal("0.01")


def _flagship_or_type(question: str) -> str | None:
    found = types_in(question)
    return found[0][0].phrase if found else None


def _stated(question: str) -> int | None:
    tiers = {int(a or b) for a, b in _STATED.findall(question)}
    return tiers.pop() if len(tiers) == 1 else None


@dataclass(frozen=True)
class Placed:
    """The tier a question's campaign falls in, and why (None: the user named the tier)."""

    tier: int
    why: str | None


def _place(question: str, policy: TierPolicy) -> Placed | str | None:
    """The tier the question implies; a note when it can't be decided for a stated reason."""
    amount = _amount(question)
    lowered = question.lower()
    flagship = next((word for word in policy.flagship_keywords if word in lowered), None)
    count = _channel_count(question)
    if amount is None and flagship is None and count is None:
        stated = _stated(question)
        return Placed(stated, None) if stated is not None else None
    channels = _channels_named(question)
    if count is not None and len(channels) < count:
        # "four channels" names none of them: the count is what the policy reads.
        channels += [f"channel {n}" for n in range(len(channels) + 1, count + 1)]
    below = amount is not None and bool(_BELOW.search(question))
    verdict = policy.classify(
        # "under 25k" is any budget below 25k: the band just under it, never 25k's own.
        budget=(amount[0] - _CENT if below else amount[0]) if amount else None,
        currency=amount[1] if amount else None,
        channels=channels,
        flagship=flagship,
        stated_tier=None,
    )
    foreign = amount is not None and amount[1] not in {None, policy.currency}
    if verdict.tier is None or (foreign and verdict.tier != 1):
        # Without the budget band only a Tier 1 signal is conclusive: another band might apply.
        return " ".join(verdict.notes) or None
    # The verdict's reason reads "Tier N: <deciding criteria> — <citation>".
    why = verdict.reason.split(": ", 1)[-1].rsplit(" — ", 1)[0]
    if below and amount is not None:
        # "below $100k" spans Tier 2 and Tier 3: no one tier, every tier's answer is given.
        lowest = policy.classify(
            budget=Decimal(0),
            currency=amount[1],
            channels=channels,
            flagship=flagship,
            stated_tier=None,
        )
        if lowest.tier != verdict.tier:
            return None
        symbol = {"USD": "$", "EUR": "€", "GBP": "£"}.get(amount[1] or policy.currency, "")
        why = re.sub(r"budget [^;]+", f"a budget under {symbol}{amount[0]:,.0f}", why)
    return Placed(verdict.tier, re.sub(r" \(channel \d(?:, channel \d)*\)", "", why))


def _channels_named(question: str) -> list[str]:
    """The channels a question names, a type that is a channel among them ("an email")."""
    channels = [name for _, name in channels_in(question)]
    for _, kind in types_in(question):
        channel = TYPE_CHANNEL.get(kind)
        # "paid social" names the paid type's channel already: no "paid media" beside it.
        if channel and not set(channels) & CHANNEL_FAMILY.get(channel, frozenset({channel})):
            channels.append(channel)
    return channels


def _by_channels(question: str, policy: TierPolicy, doc_id: str) -> PolicyReply | None:
    """ "what tier is email + paid social + paid search + a booth?": the tier its channels set,
    and what the budget still decides (it went to a search, which cited passages). None when
    the question names no channel."""
    channels = _channels_named(question)
    if len(channels) < 2:  # "what tier is a webinar?": the playbooks' own words answer it
        return None
    verdict = policy.classify(
        budget=None, currency=None, channels=channels, flagship=None, stated_tier=None
    )
    if verdict.tier is not None:  # enough channels for Tier 1, whatever the budget
        why = verdict.reason.split(": ", 1)[-1].rsplit(" — ", 1)[0]
        return _tier(policy, Placed(verdict.tier, why), doc_id)
    cite = policy.cite("How the Tier")
    one, two = (money(policy.rules[t].min_budget, policy.currency) for t in (1, 2))
    listed = ", ".join(channels)
    if len(channels) >= policy.rules[2].min_channels:
        said = (
            f"{len(channels)} channels ({listed}) make it at least **Tier 2** [1]; a budget of "
            f"{one} or more, or a flagship event or major launch, makes it Tier 1."
        )
    else:  # a policy with a higher channel floor for Tier 2
        said = (
            f"Its channels ({listed}) set no tier above **Tier 3** [1]: a budget of {two} or "
            f"more makes it Tier 2, {one} or more (or a flagship event or major launch) Tier 1."
        )
    text = (
        f"{said} Tell me the budget (in {policy.currency}) and I'll name the tier."
        f"\n\nSources: [1] {cite}"
    )
    return PolicyReply(text, ((cite, doc_id),))


def places(question: str, policy: TierPolicy) -> bool:
    """The question says what decides a tier: a budget, channels, a flagship word or a tier."""
    return _place(question, policy) is not None


def _checklist(question: str) -> Checklist | None:
    found = types_in(question)
    return bundled_checklists().get(found[0][1].value) if found else None


def answer(question: str, policy: TierPolicy, doc_id: str) -> PolicyReply | None:
    """The policy's answer to an approver, lead-time or tier question, or None for other topics."""
    asked = topic(question)
    if asked is None:
        return None
    if asked is Topic.BUDGET:
        return _budget_band(policy, _stated(question) or 3, doc_id)
    if asked is Topic.BOUNDS:
        cite = policy.cite("How the Tier")
        return PolicyReply(f"{_deciders(policy)} [1]\n\nSources: [1] {cite}", ((cite, doc_id),))
    placed = _place(question, policy)
    if asked is Topic.TIER and placed is None:
        return _by_channels(question, policy, doc_id)
    if asked is Topic.TIER:
        return _tier(policy, placed, doc_id) if isinstance(placed, Placed) else None
    if asked is Topic.APPROVER:
        lines = _approver(policy, placed)
        citations = [(policy.cite("Approvals"), doc_id)]
    elif asked is Topic.DEADLINE:
        lines = _deadlines(policy, placed)
        citations = [(policy.cite("Lead Times"), doc_id)]
    else:
        lines = _lead_time(policy, placed)
        citations = [(policy.cite("Lead Times"), doc_id)]
        checklist = _checklist(question)
        items = checklist.items if checklist is not None else ()
        first = max(items, key=lambda i: i.starts_before) if items else None
        # A checklist that starts later than the tier's minimum ("21 days" beside "6 weeks")
        # reads as a second, smaller lead time: the policy's minimum is the answer.
        if (
            isinstance(placed, Placed)
            and first is not None
            and first.starts_before < policy.rules[placed.tier].lead_time_weeks * 7
        ):
            first = None
        if checklist is not None and first is not None:
            citations.append((checklist.citation, checklist.campaign_type))
            lines.append(
                f"\nThe {checklist.title}'s checklist starts with “{first.name}” "
                f"{first.starts_before} days (about {round(first.starts_before / 7)} weeks) "
                "before launch [2]."
            )
    sources = "; ".join(f"[{n}] {label}" for n, (label, _) in enumerate(citations, start=1))
    return PolicyReply("\n".join(lines) + f"\n\nSources: {sources}", tuple(citations))


def _intro(placed: Placed) -> str:
    if placed.why is None:
        return f"For a Tier {placed.tier} campaign"
    return f"That's **Tier {placed.tier}** ({placed.why}), so"


def _undecided(placed: Placed | str | None) -> list[str]:
    return [placed] if isinstance(placed, str) else []


def _approver(policy: TierPolicy, placed: Placed | str | None) -> list[str]:
    if not isinstance(placed, Placed):
        return [
            *_undecided(placed),
            "It depends on the tier; the tier policy names one approver per tier [1]:",
            *(f"- Tier {t}: {policy.rules[t].approver}" for t in (1, 2, 3)),
            _deciders(policy),
        ]
    return [
        f"{_intro(placed)} the approver is the **{policy.rules[placed.tier].approver}** [1]. The "
        "campaign waits for that approval before anything is written to the work-management "
        "system, and nobody approves their own campaign."
    ]


def _lead_time(policy: TierPolicy, placed: Placed | str | None) -> list[str]:
    if not isinstance(placed, Placed):
        return [
            *_undecided(placed),
            "It depends on the tier. Minimum lead time from approved brief to launch [1]:",
            *(_weeks_line(policy, t) for t in (1, 2, 3)),
            "A launch inside the lead time is possible: it gets a lead-time warning, and the "
            "risk goes in the brief for the approver to acknowledge; the warning never blocks a "
            "confirmed campaign.",
            _deciders(policy),
        ]
    weeks = policy.rules[placed.tier].lead_time_weeks
    return [
        f"{_intro(placed)} the minimum lead time is **{weeks} weeks** ({weeks * 7} days) from "
        "approved brief to launch [1]. A later start is possible, but the risk goes in the brief "
        "for the approver to acknowledge."
    ]


def _deadlines(policy: TierPolicy, placed: Placed | str | None) -> list[str]:
    def gates(tier: int) -> str:
        rule = policy.rules[tier]
        said = [f"minimum lead time {rule.lead_time_weeks} weeks"]
        if rule.brief_approved_days is not None:
            said.append(
                f"brief approved no later than {rule.brief_approved_days} days before launch"
            )
        if rule.creative_final_days is not None:
            said.append(
                f"creative final no later than {rule.creative_final_days} days before launch"
            )
        return "; ".join(said)

    if isinstance(placed, Placed):
        return [f"{_intro(placed)} the gates are: {gates(placed.tier)} [1]."]
    return [
        *_undecided(placed),
        "It depends on the tier [1]:",
        *(f"- Tier {tier}: {gates(tier)}" for tier in (1, 2, 3)),
        _deciders(policy),
    ]


def _tier(policy: TierPolicy, placed: Placed, doc_id: str) -> PolicyReply:
    cite = policy.cite("How the Tier")
    rule = policy.rules[placed.tier]
    why = f": {placed.why}" if placed.why else ""
    # "the user conference only costs 60k": the rule that makes a small budget not matter.
    bands = (
        "A flagship event or major launch is Tier 1 whatever its budget."
        if placed.why and placed.why.startswith("flagship") and placed.tier == 1
        else "Budget bands include their lower bound."
    )
    text = (
        f"It's **Tier {placed.tier}**{why} [1]. {bands} "
        f"Approver: {rule.approver}; minimum lead time: {rule.lead_time_weeks} weeks."
        f"\n\nSources: [1] {cite}"
    )
    return PolicyReply(text, ((cite, doc_id),))


def _budget_band(policy: TierPolicy, tier: int, doc_id: str) -> PolicyReply:
    """The budget band of `tier`: from its lower bound to the next tier's, which it stays under."""
    cite = policy.cite("How the Tier")
    rule = policy.rules[tier]
    above = policy.rules.get(tier - 1)
    low = money(rule.min_budget, policy.currency)
    if above is None:
        band = f"{low} or more"
    elif rule.min_budget == 0:
        band = f"under {money(above.min_budget, policy.currency)}"
    else:
        band = f"{low} to under {money(above.min_budget, policy.currency)}"
    text = (
        f"**Tier {tier}** is a budget of {band} [1] (or set by its channels or a flagship "
        f"signal). Approver: {rule.approver}; minimum lead time: {rule.lead_time_weeks} weeks. "
        "I never assume a campaign's budget: tell me yours, an estimate is fine."
        f"\n\nSources: [1] {cite}"
    )
    return PolicyReply(text, ((cite, doc_id),))


def _weeks_line(policy: TierPolicy, tier: int) -> str:
    weeks = policy.rules[tier].lead_time_weeks
    return f"- Tier {tier}: {weeks} weeks ({weeks * 7} days)"


def _deciders(policy: TierPolicy) -> str:
    one, two = (money(policy.rules[t].min_budget, policy.currency) for t in (1, 2))
    return (
        f"The tier is the most demanding one any criterion implies: a budget of {one} or more, a "
        f"flagship event or major launch, or {policy.rules[1].min_channels}+ channels is Tier 1; "
        f"{two} to under {one}, or {policy.rules[2].min_channels}–"
        f"{policy.rules[1].min_channels - 1} channels is Tier 2; otherwise Tier 3. Tell me the "
        f"budget (in {policy.currency}) and I'll name the tier."
    )
