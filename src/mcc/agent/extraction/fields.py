"""Campaign fields in a user's message, each with the exact words it came from.

Extraction runs strongest signal first and masks what it used, so later, looser patterns cannot
reuse the same words: names (a label, or the first quotation), full dates and dates a launch or
end word points at, the budget (`budget_field`: the amount meant as the budget, with its cue words),
labelled objectives and audiences (each ending where the user's clause ends: a full stop,
another field's label, or a clause whose words another field used), the remaining dates, then
unlabelled objectives ("to increase sign-ups by 10%"), audiences ("for SMB customers"), types,
channels, and in a terse brief a bare clause of people (the audience) or of a figure (the
objective). Because budget and dates go first, "the goal is 500 sales with a $30,000 budget"
keeps the budget out of the objective. What is left over is kept for an answer to a question
the assistant just asked ("What should it be called?" -> "Spring Promo").
"""

from __future__ import annotations

import re
from datetime import date

from mcc.agent.extraction.aim_phrases import AIM_LEAD_INS, MOST_LEAD_INS, leads_to_a_result
from mcc.agent.extraction.aim_words import DOING as _DOING
from mcc.agent.extraction.aim_words import GERUNDS as _GERUNDS
from mcc.agent.extraction.aim_words import KPI_FIGURE as _KPI_FIGURE
from mcc.agent.extraction.aim_words import PEOPLE_VERBS as _PEOPLE_VERBS
from mcc.agent.extraction.aim_words import PURPOSE_VERBS as _PURPOSE_VERBS
from mcc.agent.extraction.aim_words import VERBS as _VERBS
from mcc.agent.extraction.budget_field import read_budget
from mcc.agent.extraction.campaign_request import asks_for_a_campaign
from mcc.agent.extraction.campaign_type import campaign_type
from mcc.agent.extraction.cells import cells_as_evidence
from mcc.agent.extraction.channel_sets import channel_sets
from mcc.agent.extraction.channels import channels, swap
from mcc.agent.extraction.chat_answers import without_own_chat_headers
from mcc.agent.extraction.collaborators import names_only_collaborators
from mcc.agent.extraction.date_fields import read_dates
from mcc.agent.extraction.deck import deck_title
from mcc.agent.extraction.flagship import signals
from mcc.agent.extraction.implied_types import ACCOUNTS, IN_THE_INBOX, ON_SALE, PAID_POSTS
from mcc.agent.extraction.labels_after import values_before_labels
from mcc.agent.extraction.names import find_name, quoted_at, title_answer
from mcc.agent.extraction.not_people import ASKED_BY, LIST_WORDS, PEOPLE_BEFORE, SENT_TO_LIST
from mcc.agent.extraction.people_clauses import PEOPLE_NAMED
from mcc.agent.extraction.people_words import AUDIENCE_NOUNS as _AUDIENCE_NOUNS
from mcc.agent.extraction.people_words import names_people
from mcc.agent.extraction.spans import (
    CLAUSE,
    MASK,
    Candidate,
    Extraction,
    Text,
    drop_connector,
    trim,
    value_end,
)
from mcc.agent.extraction.tabular import columns_as_labelled_lines
from mcc.agent.extraction.vocabulary import channels_in, runs_into_type, types_in
from mcc.agent.extraction.wanted import after_get

# "book" that is a noun's word, not the verb: "book club organisers", "book lovers".
_BOOK_NOUN = r"(?!book\s+(?:club|clubs|lovers|readers|shops?|stores?|sellers)\b)"
_OBJECTIVE_FREE = re.compile(
    # "whose car lease is about to end", "who are going to renew": no purpose, the people's own.
    r"(?<!\babout\s)(?<!\bgoing\s)(?<!\bhas\s)(?<!\bhave\s)(?<!\bhad\s)(?<!\bused\s)"
    rf"\b(?:to|wanna|gonna|gotta|aimed\s+at|in\s+order\s+to"
    rf"|so\s+(?:that\s+)?(?:we|they|the\s+team|sales)\s+(?:can|could|will)"
    # A reason that is the aim: "because we want to take share from the incumbent".
    r"|because\s+(?:we|i|the\s+team)\s+(?:want|need|would\s+like|'d\s+like|hope|have)\s+to"
    rf")\s+(?={_PURPOSE_VERBS}\b)"
    # (not a thing named by its use: "the new booking app", "our ordering system")
    rf"|\b(?={_GERUNDS}\b(?!\s+(?:apps?|system|tool|page|platform|site|website|engine|form|software"
    r"|portal|calendar|widget|messages|emails|sequence|flow|journey|series|videos|guide)\b))"
    # Not "push it out on LinkedIn": the campaign itself ("it") sent somewhere is no aim.
    # Nor "book" as a noun's word: "book club organisers in Uppsala" are people.
    rf"|^\s*{_BOOK_NOUN}(?={_VERBS}\b(?!\s+(?:it|this|them)\b))"
    # "we want first meetings with 10 of them": a wish with a figure in it is the objective.
    r"|\baim(?:ing)?\s+to\s+"
    r"|\b(?:we\s+want|we'?d\s+(?:like|love)|we\s+would\s+love|we\s+(?:just\s+|really\s+)?need|(?:we'?re\s+)?(?:hoping|aiming|looking)\s+for"
    # "we're after 90 SQLs", "we are chasing $1.2M in pipeline", "success looks like 400 regs".
    r"|(?:we'?re|we\s+are|i'?m|they'?re|the\s+team\s+is)\s+(?:after|chasing|going\s+for"
    r"|shooting\s+for|gunning\s+for|pushing\s+for|counting\s+on)"
    # "hopefully a fuller diary", "ideally 40 bookings": the hope is the aim, as "we want".
    r"|aim\s+for|hopefully|ideally)\s+(?:(?:is|are|would\s+be|will\s+be)\s+)?(?:(?:this|it)\s+)?"
    r"(?:to\s+)?"
    # ... or a comparative: "we want more word of mouth", "we're after a bigger turnout".
    r"(?=[^.;,\n\x00]*\d|(?!more\s+(?:time|info|information|details?|help|options|budget"
    r"|money)\b)(?:more|fewer|less|higher|lower|better|bigger|greater|stronger"
    r"|an?\s+(?:bigger|higher|larger|better|stronger|greater|fuller|busier|faster|quicker"
    r"|healthier|longer|wider|increase|rise|lift|boost|uplift))\b)"
    # "success looks like ...", "the hope is awareness": frames that only ever lead into an aim,
    # with or without a figure.
    r"|\b(?:(?:suc+es+|(?:a|the|our)\s+win(?=\s+looks\s+like))\s+(?:looks\s+like|means|would\s+be|is|[:=])|(?:the|our)\s+hope\s+is"
    # "our problem: we need repeat bookings from planners": the need a problem states.
    r"|(?:our|the|my)\s+(?:problem|challenge|issue|pain\s+point)(?:\s+is\s+(?:simple|clear))?"
    r"\s*(?:is|:|—|–|-)\s*(?:that\s+)?"
    r"(?:we|i)\s+(?:really\s+)?(?:need|want))\s+"
    r"(?:(?:this|it)\s+)?(?:to\s+)?"
    # "want 80 attendees", "need ~300 regs": a wish for a figure that counts something.
    rf"|\b(?:want|wants|need|needs|hop(?:e|ing)\s+for|expecting|expect)\s+(?={_KPI_FIGURE})"
    # "hoping for awareness in the DACH region": hope and aim lead into an aim, figure or not
    # (not "hoping for a webinar in May", the campaign itself).
    r"|\b(?:hoping|aiming)\s+for\s+(?!(?:a|an|one|some|another)\b)"
    rf"|{AIM_LEAD_INS}",
    re.IGNORECASE,
)
# A verb with an article: what opens a request for a campaign rather than an objective.
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n|$")
# How a question about a value opens (not "can you ...", which asks for the campaign).
_ASKING = re.compile(
    r"\s*(?:(?:ok|so|and|hmm|also),?\s+)?(?:what|which|how|why|who|should|shall|could\s+we"
    r"|can\s+we|would\s+(?:it|we|that)|is|are|do|does|any)\b",
    re.IGNORECASE,
)
# A share, an amount or a count ("400 qualified leads"); not a year, nor across a preposition.
_KPI = re.compile(
    r"\b(?:by|to|of)\s+\d+(?:\.\d+)?\s?%|\d+(?:\.\d+)?\s?%|[$€£]\s?\d[\d,.]*\s?[kmb]?\b"
    r"|\b(?!(?:19|20)\d\d\b)\d[\d,.]*\s?[km]?\s+(?:(?!(?:for|in|by|to|of|with|from|per|across)\b)"
    r"[\w-]+\s+){0,3}?(?:mqls?|sqls?|leads|sign-?ups|registrations|registrants|attendees"
    r"|customers|demos|meetings|opportunities|opps|downloads|trials|subscribers|deals|installs"
    r"|orders|sales|upgrades|renewals|conversions|visits|clicks|reviews|referrals|calls|bookings"
    r"|seats|tickets|users|accounts|members|donors|donations|applications|enrol?ments|enrollments"
    r"|impressions|views|followers|responses|submissions|test[\s-]drives|units|visitors"
    r"|appointments|quotes|pipeline)\b",
    re.IGNORECASE,
)
# "🎯 HR leaders at mid-size firms": a target that names people (and does not start with a
# verb or a figure, like "🎯 1,000 orders") is the audience, not the objective.
_AIMED_AT_PEOPLE = rf"\s*(?!\d|{_VERBS}\b)[^\n\x00\d]{{0,40}}?\b{_AUDIENCE_NOUNS}\b"
# A label said to be wrong ("the objective isn't right, it's Q4 pipeline"): what follows is no
# value; the correction after it is.
_SAID_WRONG = (
    r"\s*(?:is|are|was|were)(?:n['’]?t|\s+not)\b(?!\s+(?:only|just)\b)"
    r"|\s*(?:is|are|was)\s+(?:wrong|off|incorrect)\b"
)
_OBJECTIVE_LABEL = re.compile(
    r"(?:\b(?:obj?e?ct[iy]?ve?|goal|aim|purpose|kpi|(?:target|desired|expected)\s+(?:outcome|result))s?\b"
    # A compound label is one label: "Objective/goal:", "KPI goal:", "Goal & KPI:".
    r"(?:\s*[/&+]\s*(?:obj?e?ct[iy]?ve?|goals?|aims?|purpose|kpis?|targets?)\b"
    r"|[ \t]+(?:obj?e?ct[iy]?ve?|goals?|aims?|kpis?|targets?)\b(?=[ \t]*:))?"
    r"|\bwhy(?=\s*[:–—])|\btarget(?=\s*(?::|is|would\s+be|will\s+be)?\s*\d)"
    # (not "target 25 named FMCG brands": the accounts to target)
    r"(?!\s*\d+\s+named\b)"
    # A terse brief's short label at a clause's start, without a colon: "obj cut churn by 5%".
    r"|(?:(?<![^\n.;,|])|(?<=[\n.;,|][ \t]))(?-i:obj|Obj|OBJ)(?=[ \t]+[\w$€£~])"
    r"|📈|🏆\uFE0F?|🥅|🎯(?!\s*(?:target|audience|objective|goal|budget|name|type|channels?|launch|date)\b)"
    rf"(?!{_AIMED_AT_PEOPLE}))"
    # "That's the objective of "Copper Kettle Corner"": the campaign it belongs to, quoted.
    r"(?!\s+of\s+[\"“«\x00])"
    rf"(?!{_SAID_WRONG})"
    r"(?:['’]s(?=\s)|\s*(?:(?:is|are)\b|:|-|–|—|=|→|->|will\s+be|should\s+be|of(?=\s+\w+ing\b)))?\s*"
    r"(?:(?:actually|now|really|rather|instead)\b\s*)?(?:to\s+)?",
    re.IGNORECASE,
)
_AUDIENCE_LABEL = re.compile(
    r"(?:\b(?:target\s+aud[iy]?[ae]n[cs]e|aud[iy]?[ae]n[cs]e|target\s+market|targeting"
    # "Target group: sheep station managers", "Target group are ...": the whole
    # label, not "target" labelling "group: ...".
    r"|target\s+(?:group|segment|persona|customer|participant|demographic|user|reader|buyer)s?"
    r"(?=[ \t]*(?:[:–—=]|(?:is|are)\s))"
    # "target: CFOs", "target CFOs"; not the noun in "meetings with the target accounts".
    r"|(?<!\bwith\s)(?<!\bthe\s)(?<!\bour\s)(?<!\bof\s)target\b(?!\s*:?\s*\d|\s+(?:accounts?|companies|firms|brands|logos|businesses)\b"
    # "Target go-live is 28 September", "target launch: May": when, not who
    r"|\s+(?:go[-\s]?live|launch|live|start|release|kick-?off|deadline|budget|spend|end)\b"
    # "tap target size", "target CPA", "target open rate": a measured target names no people.
    r"|\s+(?:[\w-]+\s+)?(?:sizes?|areas?|dimensions?|cpa|cpl|cpc|roas|rates?|dates?|lengths?|ratios?|metrics?"
    r"|outcomes?|results?|goals?|objectives?"
    r"|numbers?|values?|kpis?|figures?))"
    # "aud: ...", "TG:" (target group), "Attendees:" (who it reaches), the non-native "The
    # public is ..." (from "le public").
    r"|(?:aud|tg|attendees|invitees|recipients|participants|guests)(?=[ \t]*:)"
    # "The clients targeted: X" (from "la clientèle visée"), "Persons aimed at: X"
    r"|(?:clients|customers|people|users|persons|public)\s+(?:target+ed|aimed\s+at)(?=[ \t]*[:–—])"
    r"|the\s+public(?=\s+(?:is|are|will\s+be)\b)"
    # "aud security architects in banks": the short label at a clause's start; not "AUD 20k".
    r"|(?:(?<![^\n.;,|])|(?<=[\n.;,|][ \t]))(?-i:aud|Aud)(?=[ \t]+[^\W\d_])"
    # "Who it's for" heading a deck's nested line ("  – CFOs") labels the audience.
    r"|who(?:\s+(?:it'?s|it\s+is|this\s+is|we'?re|we\s+are)\s+(?:for|aimed\s+at|targett?ing|after))?"
    r"(?=\s*[:–—])"
    # "for whom: season ticket holders", "who for - ...".
    r"|(?:for\s+whom|to\s+whom|who\s+for)(?=\s*[:–—])"
    # "Supporters we're after: ...", "Buyers we are targeting —": whoever the writer names as
    # sought, under a label of their own words (what is sought in numbers is the objective's).
    r"|(?!(?:what|results?|numbers?|outcomes?|targets?|goals?|kpis?|metrics?|figures?|aims?)\b)"
    r"[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*)?\s+(?:we'?re|we’re|we\s+are)\s+(?:after"
    r"|targett?ing|going\s+after|trying\s+to\s+reach|aiming\s+at)(?=[ \t]*[:–—])"
    # "the people we most want to reach right now are ...": the people after the copula.
    r"|(?:people|crowd)\s+we\s+(?:most\s+|really\s+|mainly\s+)?(?:want|need)\s+to\s+"
    r"(?:reach|target|talk\s+to|get\s+in\s+front\s+of)(?:\s+(?:most|first|right\s+now|now"
    r"|this\s+time))?(?=\s+(?:are|is)\s)"
    r"|(?:people|ppl|folks|crowd)\s+we\s+(?:want|need|(?:are\s+)?(?:targeting|after))"
    r"(?:\s+r(?=\s))?"  # "ppl we want r motorbike couriers in Hanoi"
    r"|who\s+we(?:'re|\s+are)\s+(?:targeting|after)|(?:our|the)\s+crowd(?:'s|’s|\s+is)"
    # "we're (going) after dog owners": whom; not a count or a comparative (the aim), nor "what
    # we're after is ..." (a pseudo-cleft leading into the aim)
    # (A reply's bare "going after maintenance directors at 8 airlines" too.)
    r"|(?:(?:we'?re|we\s+are|i'?m)\s+(?:going\s+|really\s+|mainly\s+)?|(?<![\w-]\s)going\s+)after"
    r"(?=\s+(?![\d$€£~]|(?:more|fewer|bigger|an?|is|are|was)\b))"
    # "aimed at increasing sign-ups" is an objective; "aimed at marketing ops people" and
    # "aimed at existing customers" are people: an -ing word that is an adjective of a noun.
    # So are "pointed at", "geared at" and "she is aiming it at".
    # "at" as a whole word: "aimed att IT directors" keeps the "t" out of the people.
    rf"|(?:(?:aimed|pointed|directed|geared|targeted)(?:\s+\w+ly)?|(?:aiming|pointing)\s+(?:it|this))\s+at\b"
    rf"(?!\s+(?:{_GERUNDS}\b|\w+ing\b(?!{_AIMED_AT_PEOPLE}))))"
    # An arrow alone points at the people ("👉", "→ dentists"), not after another field's label
    # ("type → small ABM trial", "name → X").
    r"|(?<!\S)(?<!type\s)(?<!name\s)(?<!kind\s)(?<!format\s)(?<!budget\s)(?<!money\s)(?<!goal\s)"
    r"(?:->|→|⇒)|👉|👥\uFE0F?|🎯(?=" + _AIMED_AT_PEOPLE + "))"
    rf"(?!{_SAID_WRONG})"
    r"\s*(?:(?:is|are)\b|:|-|–|—|=|→|->|will\s+be|would\s+be|should\s+be|to(?=\s))?\s*"
    # "the audience is actually dentists": the word of the correction is no part of it.
    r"(?:(?:actually|now|really|rather|instead)\b\s*)?",
    re.IGNORECASE,
)
# "It targets trial users who never activated across email": the campaign as the subject of
# "targets". Read after the channels, so the channel clause that often follows is not audience.
_AUDIENCE_SUBJECT = re.compile(
    r"\b(?:it|this|which|that|the\s+campaign)\s+(?:targets|reaches|is\s+aimed\s+at)\s+",
    re.IGNORECASE,
)
_IS_FOR = re.compile(r"\b(?:it['’]?s|it\s+is|this\s+is|is|are)[ \t]+for\b", re.IGNORECASE)
_AUDIENCE_FOR = re.compile(
    # "we want to do a partner campaign": "to" before a verb of doing opens no audience.
    # "firms of 20 to 80 people": a range's "to" reaches nobody.
    # ("a how-to series": the hyphen's "to" reaches nobody.)
    r"\b(?:for|(?<!\d[ \t])(?<![\d-])to(?:[ \t]+reach)?|reaching|towards?"
    # "into the inboxes of people who bought a kettle", "retargeting people who visited our site"
    # ("retarget it at hairdressers": a new audience for the draft, no kind of campaign.)
    r"|(?:inbox(?:es)?|letterbox(?:es)?|doormats?)[ \t]+of"
    r"|re-?target[ \t]+(?:it|this(?:[ \t]+one)?|the[ \t]+campaign)[ \t]+(?:at|to|towards?)"
    r"|(?P<retarget>re-?target(?:ing)?))[ \t]+"
    # "an email to our list", "another one for the list": where it is sent, or an idiom.
    rf"(?!(?:our|the|my)[ \t]+(?:[\w-]+[ \t]+)?{LIST_WORDS}\b(?![ \t]+of\b))"
    rf"(?!{_BOOK_NOUN}(?:{_VERBS}|{_PEOPLE_VERBS})\b|{_DOING}\b|team[ \t]+up\b)"
    rf"(?P<v>{PEOPLE_NAMED})",
    re.IGNORECASE,
)


# "ask happy customers (NPS 9-10) to leave a review", "invite power users to the beta": the
# people asked to do something are whom the campaign reaches.
_ASKED_TO = re.compile(
    r"\b(?:ask(?:ing)?|invit(?:e|ing)|encourag(?:e|ing)|nudg(?:e|ing)|remind(?:ing)?|urg(?:e|ing)"
    r"|persuad(?:e|ing)|convinc(?:e|ing)|get(?:ting)?)[ \t]+"
    # "ask sales to follow up", "get our agency to ...": our own people are asked, not reached.
    r"(?!(?:our|the|my)?[ \t]*(?:sales|marketing|legal|finance|team|boss|agency|them|him|her)\b)"
    rf"(?P<v>{PEOPLE_NAMED})"
    r"(?=[ \t]*(?:\([^()\n]{1,80}\))?[ \t]+to[ \t]+\w)",
    re.IGNORECASE,
)
_BRACKET_AFTER = re.compile(r"[ \t]*\([^()\n]{1,80}\)")
_TARGET = re.compile(r"(?:target(?:ing)?|reach(?:ing)?|go\s+after)\s+", re.IGNORECASE)
# "to reach landlords in Devon" says whom; "to reach 5,000 downloads", "to reach a wider
# audience", "to reach more buyers" say what for.
_REACH_PEOPLE = re.compile(
    r"reach(?:ing)?[ \t]+(?![\d$€£~]|(?:a|an|more|new|as|about|around|over|at|up|out|our"
    r"|the[ \t]+(?:goal|target|mark|number))\b)",
    re.IGNORECASE,
)
_AUDIENCE_NOUN = re.compile(rf"\b{_AUDIENCE_NOUNS}\b", re.IGNORECASE)
_NOT_AUDIENCE = re.compile(
    # "IT" in capitals is the department ("IT managers in DACH"), never the pronoun "it".
    rf"\s*(?!(?-i:IT)\b)(?:{_VERBS}|{_GERUNDS}|to|we|i|it|is|are|was|please|pls|thanks|hi|hello"
    r"|let'?s|no|not|only|just"
    # "another for the list", "one more for the pile": the next request's opener.
    r"|another|one\s+more|next\s+(?:one|up)"
    # "pre-roll spots before people's videos": when or where it shows, not whom.
    r"|so|and|but|before|after|during|when|while|until)\b",
    re.IGNORECASE,
)
# "finance signed off on 30k", "sales leadership gave us 25k": people who grant the money are the
# sentence's subject, not the campaign's audience.
_GRANTED_BY = re.compile(
    rf"^\s*(?:the\s+|our\s+|my\s+)?(?:[\w-]+\s+)?{_AUDIENCE_NOUNS}(?:\s+[\w-]+)?\s+"
    r"(?:has\s+|have\s+|just\s+|already\s+|finally\s+|kindly\s+)*(?:gave|give[sn]?|approved"
    r"|approves?|okay?e?d|ok'?d|signed|allocated|allotted|granted|released|earmarked|budgeted"
    r"|committed|confirmed|agreed|set\s+aside|put\s+aside|green-?l(?:it|ighted)|cleared"
    r"|authori[sz]ed|funded|gives|offered|promised)\b",
    re.IGNORECASE,
)
_KPI_CLAUSE = re.compile(_KPI_FIGURE + r"[\w\s-]{0,20}", re.IGNORECASE)
_FILLER = re.compile(
    r"^(?:(?:it'?s|it\s+is|that'?s|the|a|an|our|we\s+want|i\s+want|i'?d\s+like|let'?s\s+go\s+with"
    r"|let'?s\s+call\s+it|how\s+about|ok(?:ay)?|sure|yes|well|so|um|please|and|then|call\s+it)"
    r"(?:[\s,:]+|$))+",
    re.IGNORECASE,
)


def _in_brackets(work: str, start: int, end: int) -> int:
    """Where a value read from `start` ends when it opens inside brackets ("(goal: 1,000 signups)
    aimed at ..."): at the closing bracket, the aside's end."""
    line_start = work.rfind("\n", 0, start) + 1
    before = work[line_start:start]
    if before.count("(") > before.count(")"):
        closing = work.find(")", start, end)
        if closing >= 0:
            return closing
    return end


def _asked(work: str, start: int) -> bool:
    """The sentence around `start` asks about a value ("could we aim it at CFOs instead?",
    "what objective would you suggest?"), it gives none; "can you set up a webinar aimed at
    CFOs?" asks for a campaign and gives its audience."""
    sentence_end = _SENTENCE_END.search(work, start)
    if sentence_end is None or sentence_end.group() != "?":
        return False
    opening = max(work.rfind(mark, 0, start) for mark in ".!?\n") + 1
    return bool(_ASKING.match(work, opening))


# Labels that name who is in the room rather than who the campaign is for: a meeting's minutes
# open with "Attendees: Kofi, Mei, Sandra" above their "Agreed audience: ...", which wins.
_WEAK_AUDIENCE_LABEL = re.compile(
    r"(?:attendees|invitees|recipients|participants|guests)\b", re.IGNORECASE
)


_ARROW = re.compile(r"\s*(?:->|→|⇒)\s*")


def _names_a_kind(value: str) -> bool:
    """The value opens with a campaign type's words ("Paid burst", "Webinar series")."""
    kinds = types_in(value)
    return bool(kinds) and kinds[0][0].start == 0


def _labelled(
    text: Text,
    pattern: re.Pattern[str],
    name: str,
    result: Extraction,
    weak: re.Pattern[str] | None = None,
) -> None:
    matches = [
        match
        for match in pattern.finditer(text.work)
        if MASK not in match.group() and not _asked(text.work, match.start())
    ]
    if weak is not None and any(not weak.match(match.group()) for match in matches):
        matches = [match for match in matches if not weak.match(match.group())]
    for match in matches:
        quoted = quoted_at(text, match.end())
        if quoted:  # objective: "double sign-ups" — the quotation is the value
            (start, stop), end = quoted, quoted[1] + 1
        else:
            end = _in_brackets(text.work, match.start(), value_end(text.work, match.end()))
            start, stop = trim(text.original, match.end(), end)
            stop = trim(text.original, start, drop_connector(text.original, start, stop))[1]
            label = text.original[match.start() : match.end()]
            if re.search(r"\bto\s*$", label, re.IGNORECASE) and ":" not in label:
                # "the aim is to get X": X; under a label the user typed, their words stay.
                start = after_get(text.original, start, stop)
        if stop - start < 2:
            continue
        if _ARROW.fullmatch(match.group()) and _names_a_kind(text.original[start:stop]):
            continue  # "new draft → Paid burst → ...": the arrow leads to the kind, not people
        text.mask(match.start(), end)
        value = text.span(start, stop)
        # A label on the line above (a chat's answer, labelled where its speaker was) is no
        # part of what the user wrote for the field: the value is its own evidence.
        said = start if "\n" in text.original[match.start() : start] else match.start()
        result.values[name] = Candidate(name, value, text.span(said, stop))
        return


_WORD_BEFORE = 40


def _objective_free(text: Text, result: Extraction) -> None:
    aims: list[tuple[int, int, int, int]] = []
    lead_ins = 0
    for match in _OBJECTIVE_FREE.finditer(text.work):
        lead_ins += bool(match["aim"])
        if _asked(text.work, match.start()) or lead_ins > MOST_LEAD_INS:
            continue
        window = max(0, match.start() - _WORD_BEFORE)  # the word before: linear in gerunds
        if not match.group() and PEOPLE_BEFORE.search(text.work, window, match.start()):
            continue  # "cyclists recovering from injury": who they are, not what it is for
        start = match.end()
        end = _in_brackets(text.work, match.start(), value_end(text.work, start))
        first, last = trim(text.original, start, end)
        last = trim(text.original, first, drop_connector(text.original, first, last))[1]
        if last - first < 4 or asks_for_a_campaign(text.original[first:last]):
            continue
        if match["aim"] and not leads_to_a_result(text.original[first:last]):
            continue  # "the plan is simple", "if we get the budget approved": no aim
        if _REACH_PEOPLE.match(text.original, first):
            continue  # "to reach landlords in Devon": whom, the audience; not an aim
        aimed = _TARGET.match(text.original, first)
        if aimed and ACCOUNTS.match(text.original, aimed.end()):
            continue  # "we'd like to target 25 named FMCG brands": the accounts, not an aim
        if PAID_POSTS.match(text.original, first):
            continue  # "we want to boost a few Instagram posts": the paid campaign itself
        if ON_SALE.match(text.original, first) or IN_THE_INBOX.match(text.original, first):
            continue  # "ready to hit the market", "to land in their inboxes": the campaign itself
        aims.append((match.start(), end, first, last))
    # A measurable aim ("We're hoping to drive 600 registrations") over a wordier one before it
    # ("a campaign to promote our summit to security leaders"), which held the audience too.
    measured = [aim for aim in aims if re.search(r"\d", text.original[aim[2] : aim[3]])]
    if aims:
        opening, end, first, last = (measured or aims)[0]
        text.mask(opening, end)
        # "the idea is to get inbound leads": what is wanted is the leads; "get" only joins them
        # to the frame (a label keeps the user's own "Objective: get 50 demo requests").
        if text.original[opening:first].strip():
            first = after_get(text.original, first, last)
        value = text.span(first, last)
        result.values["objective"] = Candidate("objective", value, text.span(opening, last).strip())


def _audience_for(text: Text, result: Extraction) -> None:
    asked = list(_ASKED_TO.finditer(text.work))
    found = list(_AUDIENCE_FOR.finditer(text.work))
    # "outreach to twelve named target companies ... It's for van drivers who ...": the sentence
    # that says whom it is for, before any other "to" or "for".
    said = [m for m in found if _IS_FOR.search(text.work, max(0, m.start() - 16), m.start() + 4)]
    for match in asked + said + [m for m in found if m not in said]:
        if MASK in match.group() or runs_into_type(text.original, *match.span("v")):
            continue
        start, end = trim(text.original, match.start("v"), match.end("v"))
        # "for cfos in spain the goal is ...", "for HR leads in Italy please": not the people.
        end = trim(text.original, start, drop_connector(text.original, start, end))[1]
        bracket = _BRACKET_AFTER.match(text.work, end) if match in asked else None
        end = bracket.end() if bracket else end  # "happy customers (NPS 9-10)": who exactly
        # "Retargeting people who ...": the lead word is the campaign's kind, read as the type.
        text.mask(match.start("v") if match.groupdict().get("retarget") else match.start(), end)
        value = text.span(start, end)
        result.values["target_audience"] = Candidate(
            "target_audience", value, text.span(match.start(), end)
        )
        return


def _audience_clause(text: Text, result: Extraction) -> None:
    """In a terse brief ("email, 'Renewal Push', existing customers up for renewal, 12k"), a
    clause of its own that names people is the audience: only in a message that already gave
    other fields, so a short answer to another question is never taken for it."""
    if "target_audience" in result.values or result.details < 2:
        return
    for clause in CLAUSE.finditer(text.work):
        words = clause.group().split()
        if MASK in clause.group() or not 1 <= len(words) <= 8:
            continue
        # "90 signups" counts people as a target: the objective's, not the audience.
        if _GRANTED_BY.match(clause.group()) or _KPI_CLAUSE.fullmatch(clause.group().strip()):
            continue
        if names_only_collaborators(clause.group()):
            continue  # "campaign with a partner": the co-marketer, not the audience
        if SENT_TO_LIST.search(clause.group()):
            continue  # "a send to our customer database": where it goes, not who they are
        if ASKED_BY.match(clause.group()):
            continue
        if MASK in text.work[clause.end() : clause.end() + 2] and _AUDIENCE_NOUN.fullmatch(
            words[-1]
        ):
            continue  # "our customer [email] list": the people's word names what follows
        if not names_people(clause.group().strip()):
            continue  # "a customer survey drive": a thing the people's word qualifies
        if _AUDIENCE_NOUN.search(clause.group()) and not _NOT_AUDIENCE.match(clause.group()):
            start, end = trim(text.original, clause.start(), clause.end())
            text.mask(start, end)
            value = text.span(start, end)
            result.values["target_audience"] = Candidate("target_audience", value, value)
            return


# Counts of people, which answer "who is it for?" as well ("our 500 biggest customers").
_COUNTED_PEOPLE = re.compile(
    r"\b(?:customers|subscribers|attendees|registrants|members|users|accounts|donors|followers"
    r"|visitors)\b",
    re.IGNORECASE,
)


def _objective_clause(
    text: Text, result: Extraction, *, alone: bool = False, pending: tuple[str, ...] = ()
) -> None:
    """In a terse brief, a clause that is only a figure and what it counts ("400 sign-ups",
    "35% open rate") is the objective, when the message gave other fields and no objective.

    `alone`: read before the types and channels, a clause that is such a figure is the
    objective when it is the whole message or when the type's or a channel's word is what it
    counts: "200 webinar registrations", "1,500 newsletter sign-ups. launch June 10th" give the
    objective; they do not make the campaign a webinar or add email."""
    if alone:
        if "objective" in result.values:
            return
        whole = text.work.strip(" \t\n.!")
        people = pending[:1] == ("target_audience",) and _COUNTED_PEOPLE.search(whole)
        for clause in CLAUSE.finditer(text.work):
            words = clause.group()
            if MASK in words or not _KPI_CLAUSE.fullmatch(words):
                continue
            if words.strip(" \t\n.!") == whole and people:
                return  # "our 500 biggest customers" answers "who is it for?"
            if words.strip(" \t\n.!") == whole or types_in(words) or channels_in(words):
                start, end = trim(text.original, clause.start(), clause.end())
                text.mask(start, end)
                value = text.span(start, end)
                result.values["objective"] = Candidate("objective", value, value)
                return
        return
    if "objective" in result.values or result.details < 2:
        return
    for clause in CLAUSE.finditer(text.work):
        if MASK not in clause.group() and _KPI_CLAUSE.fullmatch(clause.group()):
            start, end = trim(text.original, clause.start(), clause.end())
            text.mask(start, end)
            value = text.span(start, end)
            result.values["objective"] = Candidate("objective", value, value)
            return


# What an aim opens with: a verb of results, or a word of more or less ("awareness", "more
# demo requests", "fewer returns", "higher renewal rates").
_AIM_OPENING = re.compile(
    rf"\s*(?:{_VERBS}|{_GERUNDS}|more|fewer|less|higher|lower|better|bigger"
    # "brand awareness", "Q3 pipeline": a word may qualify the thing wanted.
    r"|(?:[\w-]+\s+)?(?:awareness|uptake|adoption|pipeline|retention|attendance|revenue))\b",
    re.IGNORECASE,
)


def reads_as(phrase: str) -> str | None:
    """The free-text field a bare phrase plainly is, by the rules' words alone: an aim (a verb
    of results, a figure it counts, "awareness"), people (an audience noun), or None."""
    if _AIM_OPENING.match(phrase) or _KPI_CLAUSE.fullmatch(phrase.strip()):
        return "objective"
    if _AUDIENCE_NOUN.search(phrase) and not _NOT_AUDIENCE.match(phrase):
        return "target_audience"
    return None


def kpi_target(objective: str) -> str | None:
    """The measurable target in an objective ("by 15%", "500 MQLs"), if it has one."""
    match = _KPI.search(objective)
    return match.group().strip() if match else None


def extract(
    message: str,
    *,
    today: date,
    pending: tuple[str, ...] = (),
    flagship_keywords: tuple[str, ...] = (),
) -> Extraction:
    """Every field value the message states, and the text left over for a pending question."""
    by_column = columns_as_labelled_lines(without_own_chat_headers(message))
    text = Text(by_column)
    result = Extraction()
    if not (title_answer(text, result, pending) or deck_title(text, result)):
        find_name(text, result)
    signals(text, flagship_keywords, result)
    read_dates(text, today, result, pending, sure=True)
    read_budget(text, result, pending)
    values_before_labels(text, result)
    _labelled(text, _OBJECTIVE_LABEL, "objective", result)
    _labelled(text, _AUDIENCE_LABEL, "target_audience", result, _WEAK_AUDIENCE_LABEL)
    read_dates(text, today, result, pending)
    if "objective" not in result.values:
        _objective_free(text, result)
    if "target_audience" not in result.values:
        _audience_for(text, result)
    _objective_clause(text, result, alone=True, pending=pending)
    channel_sets(text, result, pending)
    swap(text, result)
    campaign_type(text, result, pending)
    channels(text, result)
    if "target_audience" not in result.values:
        _labelled(text, _AUDIENCE_SUBJECT, "target_audience", result)
    _audience_clause(text, result)
    _objective_clause(text, result)
    if by_column != message:
        cells_as_evidence(message, result)
    leftover = re.sub(rf"{MASK}+", " ", text.work)
    result.leftover = _FILLER.sub("", leftover.strip(" \t\n.,;:!")).strip(" \t\n.,;:!")
    return result
