"""Lead-ins in the user's own words, read as the field labels they mean.

People seldom write "Objective:" in a chat. They open a clause with what it is to them: "What
we're hoping for is retention of members", "The thing we need most is brand recall", "KPI we care
about — footfall", "Success for us = bookings", "The objective it is 60 enquiries" (a calque),
"The people we want to reach are claims handlers", "It should reach data engineers who ...",
"Meant for gym owners". Such a lead-in at a clause's start is rewritten, in the working text only
and at the same length (positions and evidence stay the user's words), as the plain label of its
field, right-aligned where the phrase was, so the labelled-value rules read what follows it.
"""

from __future__ import annotations

import re

from mcc.agent.campaign_kinds.described import described_kind
from mcc.agent.extraction.aim_phrases import AIM_LEAD_INS
from mcc.agent.extraction.campaign_request import asks_for_a_campaign
from mcc.agent.extraction.chat_answers import chat_answers_as_labels
from mcc.agent.extraction.people_words import names_people
from mcc.agent.extraction.vocabulary import types_in

# Where a clause starts: the message's or a line's start, after a sentence's end, a semicolon,
# a colon, a comma, a bracket or a dash.
# A connective or a hedge may open it too: ", and what we're after is", "mostly we want".
_CLAUSE = (
    r"(?P<pre>(?:^|[\n.!?;:,(]\s*|\s[-—–]\s*)"
    r"(?:(?:and|but|plus|so|oh|mostly|mainly|basically|honestly|really)\s+){0,2})"
)
_WE = r"(?:we|i|they|the\s+(?:client|board|team|boss))(?:'re|’re|'m|’m|\s+are|\s+am)?"
_OBJECTIVE_LEAD = re.compile(
    _CLAUSE + r"(?P<phrase>(?:"
    # "What we're hoping for", "The thing we need most", "All I care about", "What we want out
    # of it", "The one thing the client expects from this campaign".
    r"(?:what|the\s+(?:one\s+|main\s+|only\s+|big\s+|real\s+)?thing|all)\s+(?:that\s+)?"
    + _WE
    + r"\s+(?:really\s+|most\s+|mainly\s+|truly\s+|actually\s+)?(?:want|need|care\s+about"
    r"|hope\s+for|hoping\s+for|after|looking\s+for|aiming\s+for|going\s+for|chasing|expects?"
    r"|(?:would|'d)\s+like|wanting|needing)(?:\s+most)?(?:\s+(?:to\s+see|to\s+get))?"
    r"(?:\s+(?:out\s+of|from)\s+(?:it|this|the\s+campaign|this\s+campaign|this\s+one))?"
    # "what we're after in the end is ...", "what we want above all is ..."
    r"(?:\s+(?:in\s+the\s+end|ultimately|overall|above\s+all|here|really))?"
    # "What matters is", "what counts for us", "what really matters here".
    r"|what\s+(?:really\s+)?(?:matters|counts)(?:\s+(?:most|here|to\s+(?:us|me)|for\s+[\w-]+))?"
    # "KPI we care about", "Success for us", "The win that matters", "Our north star".
    r"|(?:the\s+|our\s+|my\s+)?(?:kpis?|suc+es+|(?:big\s+)?win|north\s+star|measure\s+of\s+success"
    r"|success\s+metric)(?:\s+(?:we|i)\s+care\s+about|\s+for\s+(?:us|me|them)|\s+that\s+matters"
    r"|\s+looks\s+like|\s+would\s+look\s+like)?"
    # "The objective it is" (a calque), "The goal for this one is", "The point of it is", "The
    # outcome we need is", "Our main aim here is": a word of purpose, what it is of or who wants it.
    r"|(?:the|our|my|their)\s+(?:(?:main|whole|real|key|big|primary|overall|ultimate|only)\s+)?"
    r"(?:point|outcome|result|purpose|aim|goal|objective|target|hope|intent(?:ion)?|focus"
    r"|priority|ask|deliverable|ambition)"
    r"(?:\s+(?:it|here|(?:of|for|behind|with)\s+(?:it|us|me|this(?:\s+one|\s+campaign)?"
    r"|the\s+campaign)))?"
    r"(?:\s+(?:that\s+)?(?:we|i)(?:'re|’re|\s+are|'m|’m|\s+am)?\s+(?:really\s+)?(?:need|want"
    r"|expect|after|hope\s+for|hoping\s+for|aiming\s+for|going\s+for|chasing))?"
    r"))(?P<sep>\s*(?:is|are|would\s+be|will\s+be|:|—|–|-|=)\s+)",
    re.IGNORECASE,
)
# What the writers say they are after: "We're after brand recall among hospital buyers", "I'm
# chasing 40 new members"; not what they ask for ("we're after a webinar for CFOs": a type follows).
_AFTER_LEAD = re.compile(
    _CLAUSE
    + r"(?P<phrase>(?:we|i)(?:'re|’re|\s+are|'m|’m|\s+am)\s+(?:really\s+|mainly\s+|mostly\s+)?"
    r"(?:after|chasing|aiming\s+for|going\s+for|hoping\s+for)"
    # "we want filling every seat" (not "we want to ...": a purpose the rules read as it is; nor
    # "we want people seeing 'Lantern Lab'": the quotation names the campaign)
    r"|we\s+(?:really\s+|mainly\s+)?want(?=\s+(?!to\b|it\b|this\b|that\b|you\b|the\s+(?:budget"
    r"|name|launch|date|channels?)\b)(?![^.\n]{0,40}\s['\"“‘]))"
    # "It should bring more repeat bookings", "the campaign needs to deliver 40 meetings".
    r"|(?:it|this(?:\s+one)?|the\s+campaign)\s+(?:should|must|needs\s+to|has\s+to|will|is\s+meant\s+to)"
    r"\s+(?:bring(?:\s+in)?|deliver|drive|generate|produce|get\s+us|win\s+us)"
    # "It targets X, aims at Y": the aim without its "at"
    r"|(?:(?:it|this(?:\s+one)?|the\s+campaign)\s+)?(?:aims|is\s+aiming)\s+(?:at|for)"
    # "..., with the aim being X", "We would measure success by X", "We like to achieve X".
    r"|(?:with\s+the\s+(?:main\s+)?)?(?:aim|goal|objective|intention|hope|idea)\s+being"
    r"|(?:we|i)(?:\s+would|'d|\s+will|'ll)?\s+(?:measure|judge)\s+success\s+(?:by|on|as)"
    r"|success\s+(?:will|would|is\s+to)\s+be\s+measured\s+(?:by|on|as)"
    r"|(?:we|i)\s+(?:would\s+|'d\s+)?(?:like|want|hope|aim|need)\s+to\s+achieve"
    # "we'd be chuffed with 300 sign-ups", "we'd count it a win with 400 orders", "we'd call it a
    # success if we walk out with 100 badges": what would count as success.
    r"|(?:we|i)(?:'d|’d|\s+would|'ll|\s+will)\s+(?:be\s+(?:happy|chuffed|thrilled|delighted"
    r"|pleased|stoked|over\s+the\s+moon)\s+with|(?:count|call|consider)\s+it\s+(?:a\s+)?(?:win"
    r"|success)(?:\s+(?:with|if\s+we\s+(?:get|hit|see|reach|walk\s+out\s+with|end\s+up\s+with)))?)"
    # an outcome counted ("with 300 sign-ups"), not "happy with either Tuesday or Thursday"
    r"(?=[^.\n]{0,30}\d))"
    r"(?P<sep>\s+)",
    re.IGNORECASE,
)
# A reason that is the aim: "Why? Because we want press coverage in the trade journals."
_BECAUSE_LEAD = re.compile(
    _CLAUSE + r"(?P<phrase>(?:why\??\s*)?because\s+(?:we|i)\s+(?:really\s+|just\s+)?(?:want|need))"
    r"(?P<sep>\s+)(?!to\b|a\b|an\b)",
    re.IGNORECASE,
)
_AUDIENCE_LEAD = re.compile(
    _CLAUSE + r"(?P<phrase>(?:"
    # "This one's for kayak clubs", "It's aimed at ..."
    r"(?:this(?:\s+one)?|it|the\s+campaign)(?:'s|’s|\s+is)\s+(?:mostly\s+|mainly\s+|primarily\s+"
    r"|really\s+|largely\s+)?(?:(?:meant|aimed|targeted)\s+at"
    r"|for|targeting)(?=\s+(?!a\b|an\b|the\s+(?:launch|campaign|budget)\b|\d))"
    # "we're targetting retired teachers" (a letter doubled in the frame, never in the value).
    r"|(?:we'?re|we\s+are|we'?ll\s+be|i'?m)\s+(?:target+ing|aiming\s+(?:it\s+)?at)"
    # "She is aiming it at ...", ", pointed at ...", "— geared at ...".
    r"|(?:(?:she|he|they)(?:'s|\s+is|\s+are)\s+)?(?:aiming|pointing)\s+(?:it|this)\s+at"
    r"|(?:pointed|geared|directed)\s+at(?=\s+(?!\w+ing\b))"
    # "The people are ...", "the folks it's for are ...".
    r"|(?:the|our)\s+(?:people|folks|crowd)(?:\s+(?:it'?s|this\s+is|we'?re\s+targeting)"
    r"(?:\s+for)?)?(?=\s+are\b)"
    # "The target group is", "Our target market:".
    r"|(?:the|our)\s+target\s+(?:group|market|demographic|segment|audience)s?"
    # "The people we want to reach are", "The folks we're trying to get in front of".
    r"|the\s+(?:people|folks|ones|customers|users|crowd|group|audience)\s+(?:that\s+)?"
    + _WE
    + r"\s+(?:want|need|hope|trying|aim|aiming|planning)\s+to\s+(?:reach|target|talk\s+to"
    r"|speak\s+to|get\s+in\s+front\s+of|attract)"
    # "the people we want are", "the folks we're after:"
    r"|the\s+(?:people|folks|ones|customers|crowd|group|audience)\s+(?:that\s+)?(?:we|i)"
    r"(?:'re|’re|\s+are|'m)?\s+(?:really\s+|most\s+)?(?:want|need|after|targeting|target)"
    r"(?=\s*(?:are\b|is\b|:))"
    # "It should reach", "This needs to speak to".
    r"|(?:it|this|the\s+campaign)\s+(?:should|must|will|needs\s+to|has\s+to|is\s+meant\s+to"
    r"|is\s+supposed\s+to|ought\s+to)\s+(?:reach|target|speak\s+to|talk\s+to|go\s+out\s+to)"
    # "Meant for", "Intended for" (at a clause's start only: "a guide meant for" is read as is).
    r"|(?:meant|intended|designed|made)\s+for"
    r"))(?P<sep>\s*(?:is|are|:|—|–|-|=)?\s+)",
    re.IGNORECASE,
)


# A thing asked for opens with an article ("a hands-on training day"), an aim seldom does.
# A figure after it is the aim's ("a 15% lift", "a 500 sign-up target"); a length is not ("a
# 45-minute demo").
_ARTICLE = re.compile(r"(?:a|an|one|some)\s+(?![\d,.]+(?:%|\s))", re.IGNORECASE)
_ARTICLE_OR_OURS = re.compile(r"(?:a|an|one|some|another|our|the|this)\s", re.IGNORECASE)


# A hedge inside a lead-in ("It's mostly for"): the lead-in then also says what the campaign is
# mainly for, so only people after it make it the audience's.
_HEDGED = re.compile(r"\b(?:mostly|mainly|primarily|really|largely)\b", re.IGNORECASE)


# An order to make the campaign: what is asked is the campaign itself, not what it should achieve.
_REQUEST = re.compile(
    r"\s*(?:(?:please|pls|kindly)\s+)?(?:(?:can|could|would)\s+you\s+(?:please\s+)?)?"
    r"(?:set\s+up|create|make|build|run|launch|put\s+together|organi[sz]e|plan|draft|spin\s+up)\b",
    re.IGNORECASE,
)


# A lead-in of going after something: people after it are the audience, anything else the aim.
# What is counted, not whom: "we're after more repeat customers", "leads from accountants".
_COUNTED = re.compile(
    r"\s*(?:more|fewer|less|extra|additional|new|repeat|leads?|sign-?ups?|bookings?|orders?|sales)\b",
    re.IGNORECASE,
)
# Where the words for the people end and what qualifies them begins.
HEAD_ENDS = re.compile(
    r"\s+(?:among|in|at|from|of|for|with|who|whose|that|across|on|near|around|by|to|over|under"
    r"|aged|living|working|based)\b",
    re.IGNORECASE,
)
# "The target is tailors who do alterations": the target a group of people is the audience (a
# figure or a result is the aim: "the target is 300 sign-ups").
_TARGET_WORD = re.compile(r"\btarget$", re.IGNORECASE)
# (not "what we're after is": the aim a pseudo-cleft leads into)
_CHASING = re.compile(r"^(?:we|i)\b.*(?:after|chasing|going\s+for)$", re.IGNORECASE)


def _relabel(match: re.Match[str], label: str) -> str:
    region = match["phrase"] + match["sep"].rstrip()
    if len(region) < len(label):
        return match.group()
    rest = match.string[match.end() : match.end() + 40]
    if _REQUEST.match(rest):
        return match.group()  # "the ask: please set up a one-to-one ABM campaign ...": a request
    opening = " ".join(rest.split()[:4])
    kinds = types_in(opening)
    # "a webinar for CFOs", "webinar for CFOs": not "more open-day bookings" (what it counts).
    if kinds and (_ARTICLE_OR_OURS.match(opening) or kinds[0][0].start == 0):
        # "What we need is a webinar for CFOs", "This one's for a partner campaign": the request
        return match.group()
    if asks_for_a_campaign(rest):
        return match.group()  # "we want send an email for our hotel": the request, verb and all
    if label == "aim:" and _ARTICLE.match(rest) and described_kind(match.string, match.end(), 0):
        return match.group()  # "What I need is a hands-on training day": the request too
    clause = re.split(r"[,.;:!?\n]", rest, maxsplit=1)[0]
    head = HEAD_ENDS.split(clause, maxsplit=1)[0]  # "dog owners" of "dog owners in Leeds"
    counted = _COUNTED.match(clause) or re.search(r"\d", clause)
    people = names_people(head, surely=True) and not counted
    chasing = _CHASING.search(match["phrase"]) or _TARGET_WORD.search(match["phrase"])
    if label == "aim:" and chasing and people:
        # "we're after dog owners in Leeds": whom they are after ("after 90 SQLs": a count)
        label = "audience:"
    # Judged on the words that follow (`led_in` passes only a value's first letter: too few to
    # say, and then the lead-in stands).
    hedged = label == "audience:" and _HEDGED.search(match["phrase"]) and len(rest.split()) >= 2
    if hedged and not names_people(rest):
        return match.group()  # "It's mainly for brand awareness": what for, not whom
    trailing = match["sep"][len(match["sep"].rstrip()) :]
    return match["pre"] + label.rjust(len(region)) + trailing


def as_plain_lead_ins(text: str) -> str:
    """`text` with lead-ins read as plain labels ("objective" as "aim:"); the same length."""
    text = _OBJECTIVE_LEAD.sub(lambda m: _relabel(m, "aim:"), text)
    text = _BECAUSE_LEAD.sub(lambda m: _relabel(m, "aim:"), text)
    text = _AFTER_LEAD.sub(lambda m: _relabel(m, "aim:"), text)
    return _AUDIENCE_LEAD.sub(lambda m: _relabel(m, "audience:"), text)


def led_in(text: str, value: str) -> bool:
    """`value` follows a lead-in of `text` ("What we're hoping for is <value>")."""
    at = text.find(value)
    if at <= 0:
        return False
    said = text[:at].rstrip()
    relabelled = as_plain_lead_ins(text[:at] + value[:1])[:at].rstrip()
    return relabelled != said and relabelled.endswith(("aim:", "audience:"))


_AIM = re.compile(AIM_LEAD_INS, re.IGNORECASE)
_AIM_REACH = 80
# A label is a short phrase: "Audience (the people we target):"; a sentence ending in ":" is not.
_LABEL_WORDS = 8


# The field named as the clause's subject: "Audience is X", "the target audience are X".
_FIELD_IS = re.compile(
    # The label typed in a hurry counts too ("the objetive is", "audiance is").
    r"(?:^|[,;]\s*|\band\s+)(?:the\s+|our\s+)?(?:target\s+)?(?:audience|objective|goal|aim"
    r"|aud[a-z]{4,7}|obj[a-z]{4,7})"
    r"\s+(?:is|are|will\s+be|would\s+be|should\s+be),?$",
    re.IGNORECASE,
)


def introduced(text: str, value: str) -> bool:
    """The value follows a label of its own ("Audience: ...", "Intended audience —"), a lead-in
    ("The people we want to reach are ...") or fills a table's cell ("| Audience | ... |"): the
    user said where it starts and ends, which no tagger's guess overrides."""
    at = text.find(value)
    if at < 0:
        return False
    line = text[text.rfind("\n", 0, at) + 1 : at].rstrip()
    if line.startswith("|") and line.endswith("|"):  # a table row's cell: "| Audience | ... |"
        rest = text[at + len(value) :]
        return rest[: rest.find("\n") if "\n" in rest else len(rest)].strip().startswith("|")
    if led_in(text, value):  # "What we're hoping for is ...", "It should reach ..."
        return True
    # "the real win is ...", "we're hoping this brings ...": an aim's own lead-in
    if any(m.end() == at for m in _AIM.finditer(text, max(0, at - _AIM_REACH), at + 1)):
        return True
    # A pasted chat's answer to "audience?", on the line after its speaker's header: the chat
    # reading labels it there.
    chat = chat_answers_as_labels(text)
    if chat != text and chat[:at].rstrip(" \t").endswith(":\n"):
        return True
    sentence = line[max(line.rfind(end) for end in (". ", "! ", "? ", "; ")) + 1 :]
    # "Audience:", "Audience —", "audience → ...", "objective -> ...": a label and its value.
    labelled = sentence.endswith((":", "—", "–", "=", "→", "->", "=>", "⇒"))
    labelled = labelled or sentence.endswith(" -")
    said = _FIELD_IS.search(sentence.strip())  # "Audience is ...", "and the objective is ..."
    return (labelled or said is not None) and len(sentence.split()) <= _LABEL_WORDS
