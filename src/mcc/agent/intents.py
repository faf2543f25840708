"""What a message is for, for the offline engine: pure functions of the text.

Confirmation, cancellation and hostile requests are recognised in `guardrails` (both engines use
them); this module adds the conversational intents: greetings, help, status, listing, questions
for the knowledge base, and the wish to plan a campaign.
"""

from __future__ import annotations

import re

from mcc.agent.extraction.closings import ASKING_FOR, TAG_CHECK
from mcc.agent.extraction.implied_types import NEW_PRODUCT
from mcc.agent.extraction.leading_marks import without_reply_opening
from mcc.agent.extraction.own_questions import as_labels
from mcc.agent.extraction.vocabulary import MEASURE_AFTER, types_in

_GREETING = re.compile(
    r"^(?:hi|hello|hey|hiya|good\s+(?:morning|afternoon|evening)|howdy|greetings)\b[\s!.,]*"
    r"(?:there|team|assistant)?[\s!.,]*$",
    re.IGNORECASE,
)
_THANKS = re.compile(r"^(?:thanks|thank\s+you|thx|cheers|great,?\s+thanks)\b[\s!.,]*", re.I)
_HELP = re.compile(
    # "thanks, what can you do?": the courtesy before the question asks nothing else.
    r"^(?:(?:thanks|thank\s+you|thx|cheers|ok(?:ay)?|cool|great|hi|hey|hello|so)\b[\s,!.]*)*"
    r"(?:help|\?|what\s+can\s+you\s+do|how\s+does\s+this\s+work|what\s+do\s+you\s+do"
    r"|who\s+are\s+you|commands)\b[\s?!.]*$",
    re.IGNORECASE,
)
_STATUS = re.compile(
    r"\bstatus\s+(?:of|for|on)\s+(?P<a>.+)$"
    r"|^(?:how\s+is|how'?s|where\s+(?:are\s+we|is)\s+(?:with|on)?)\s*(?P<b>.+?)\s+(?:doing|going)"
    r"[\s?.!]*$"
    r"|^(?P<c>.+?)\s+status[\s?.!]*$"
    # "check on Spring Promo"; not the user's own checking ("what do I check two days before
    # go-live?", "wanted to check one thing: ..."), which asks something else.
    r"|\bcheck\s+on\s+(?P<k>.+?)[\s?.!]*$"
    r"|(?<!\bi\s)(?<!\bwe\s)(?<!\bto\s)(?<!\bshould\s)(?<!\bmust\s)(?<!'ll\s)(?<!’ll\s)\bcheck\s+"
    r"(?!(?:one|a|something|if|whether|how|what|when|that|this|quickly|quick)\b)(?P<d>.+?)[\s?.!]*$"
    # "what's the latest on Spring Promo", "any news on X", "is X on track?"
    r"|^(?:(?:what'?s|what\s+is)\s+the\s+|any\s+)?(?:latest|news|update|progress)\s+(?:on|with|for)"
    r"\s+(?P<e>.+?)[\s?.!]*$"
    r"|^is\s+(?!(?:it|this|that|there)\b)(?P<f>.+?)\s+(?:on\s+track|on\s+schedule|behind(?:\s+schedule)?"
    r"|running\s+late|delayed|stuck|approved(?:\s+yet)?|live(?:\s+yet)?)[\s?.!]*$"
    # "status pls: X", "X: where are we", "where's X at?", "what's happening with X".
    r"|^status\s*(?:pls|please|check|update|report)?\s*[:—–-]\s*(?P<g>.+?)[\s?.!]*$"
    r"|^(?P<h>[^:—–]+?)\s*[:—–]\s*(?:status|update|progress|news|where\s+are\s+we(?:\s+at)?"
    r"|where\s+is\s+it(?:\s+at)?|how'?s\s+it\s+(?:going|looking))[\s?.!]*$"
    r"|^where(?:'s|\s+is|\s+are\s+we\s+(?:with|on))\s+(?P<i>.+?)\s+at[\s?.!]*$"
    r"|^(?:what'?s|what\s+is)\s+(?:happening|going\s+on|up|new|the\s+story)\s+(?:with|on)\s+"
    r"(?P<j>.+?)[\s?.!]*$",
    re.IGNORECASE,
)
_LIST = re.compile(
    r"\b(?:list|show(?:\s+me)?|what\s+are|which\s+are|see)\s+(?:all\s+|my\s+|our\s+|the\s+)*"
    r"(?:recent\s+|existing\s+|current\s+)?campaigns\b"
    r"|\bwhat\s+campaigns\b|^campaigns\??$",
    re.IGNORECASE,
)
_QUESTION_START = re.compile(
    r"^(?:what|what's|whats|how|when|why|which|who|whom|where|should|can|could|do|does|is|are"
    # "May 14. email and linkedin" is a date, not "may I ...": the month before a day's figure.
    # "Who: CFOs" is a label.
    r"|must|may(?![ \t]+(?:the[ \t]+)?\d)|explain|tell\s+me|describe)\b(?![ \t]*:)",
    re.IGNORECASE,
)
_CREATE = re.compile(
    r"\b(?:create|creating|set\s+up|setting\s+up|plan|planning|build|start|launch\s+a|run\s+a"
    r"|organi[sz]e|new|draft|kick\s+off|put\s+together|spin\s+up"
    # "can you help me make a regional conference?", "get a content program going", "book a
    # co-marketing program": a newcomer's everyday verbs for the same request.
    r"|(?:make|making|do)(?=\s+(?:a|an|another|our|my|one)\b)|book|host|hosting|arrange"
    r"|sort\s+out|put\s+on)\b"
    r"[^.?!]{0,40}?\b(?:campaign|webinar|event|email|e-mail|launch|program|programme|presence"
    r"|newsletter|series|promotion|push|activation|conference|roadshow|meetup|sponsorship|blast"
    r"|sequence|nurture|summit|workshop|booth|burst|drive)s?\b"
    r"|\b(?:i\s+(?:need|want|would\s+like|'d\s+like)\s+(?:to\s+)?(?:create|plan|run|set\s+up|do)"
    r"|help\s+me\s+(?:plan|create|set\s+up|organi[sz]e|run|make|build|get))\b"
    # "get a content program going": the campaign got started, not a document fetched.
    r"|\bget(?:ting)?\s+(?:a|an|another|our|my)\s+[^.?!]{0,40}?\s"
    r"(?:going|started|off\s+the\s+ground|rolling|live|set\s+up|sorted)\b"
    # "can we start a fresh one?", "let's do another one": the next campaign, its noun implied.
    r"|\b(?:start|begin|open|do|make|set\s+up|create|draft|spin\s+up)\s+(?:a\s+|an\s+)?"
    r"(?:fresh|new|another|second|next|other)\s+one\b",
    re.IGNORECASE,
)
_HOWTO = re.compile(
    r"^(?:how|what|what'?s|when|why|which|who|where|is|are|does|do|did|have|has|was|were"
    # "anything I need to tick off before hosting a webinar?": what it takes, not a request.
    r"|anything\s+(?:else\s+)?(?:i|we)\s+(?:need|should|must|have|ought)"
    r"|any\s+(?:tips|advice|checklist|steps))\b",
    re.IGNORECASE,
)
_UNSURE = re.compile(
    r"\b(?:don'?t\s+know|not\s+sure|no\s+idea|tbd|to\s+be\s+decided|dunno|idk|whatever|you\s+"
    r"(?:decide|choose|pick)|up\s+to\s+you|make\s+(?:one|it|something)\s+up|anything|suggest"
    r"|(?<!\bit\s)later|skip|maybe|perhaps|hmm+|not\s+now|no\s+clue"
    # A value by reference to one we never saw ("same as last time") is no value we can use.
    r"|same\s+as\s+(?:last|before|usual|the\s+(?:last|previous|other|usual)\b)|the\s+usual"
    r"|as\s+usual)\b",
    re.IGNORECASE,
)


def is_greeting(text: str) -> bool:
    return bool(_GREETING.match(text.strip()))


def is_thanks(text: str) -> bool:
    return bool(_THANKS.match(text.strip()))


def is_help(text: str) -> bool:
    return bool(_HELP.match(text.strip()))


def status_reference(text: str) -> str | None:
    """The campaign a status question is about ("the Q4 Product Launch campaign"), if any."""
    match = _STATUS.search(text.strip())
    if match is None:
        return None
    reference = next(group for group in match.groups() if group)
    return reference.strip(" ?.!")


_LIVE = re.compile(
    r"\b(?:live|right\s+now|real[-\s]?time|latest|up[-\s]to[-\s]date|refresh|"
    r"(?:in|from|check|ask)\s+workfront)\b",
    re.IGNORECASE,
)


def wants_live(text: str) -> bool:
    """The user wants the status as Workfront has it now, not as last synced."""
    return bool(_LIVE.search(text))


def without_live(reference: str) -> str:
    """A campaign reference without the "live"/"in Workfront" words around it."""
    return re.sub(r"\s+", " ", _LIVE.sub(" ", reference)).strip(" ?.!")


def is_list(text: str) -> bool:
    return bool(_LIST.search(text))


# How people lead into a question, whatever the question: a greeting or filler ("hey there,",
# "ok so", "btw"), a remark about the question itself ("quick q:", "sorry if this is a dumb
# question but", "pardon the newbie question —"), or a phrase that embeds it ("I was wondering
# how...", "need to know the...", "curious what..."). None of it says what is asked.
_FILLER_LEAD = re.compile(
    r"^(?:(?:hi|hey|hello|hiya|yo|heya|ok(?:ay)?|so|um+|uh+|hmm+|right|also|and|oh|btw|actually|by\s+the"
    r"\s+way|real(?:ly)?\s+quick|quick(?:\s+one)?|one\s+(?:more\s+)?thing|there|team|all|folks"
    # "Morning! When do ...": a greeting, with or without its "good".
    r"|guys|everyone|please|pls|(?:good\s+)?(?:morning|afternoon|evening)|howdy|g'?day"
    # An aside before the question: "before I forget,", "not campaign related, but", "off topic:".
    r"|before\s+i\s+forget|while\s+i\s+(?:have|remember|think\s+of\s+it)"
    r"|(?:not|nothing\s+to\s+do\s+with\s+(?:a|the|this|my)|un)\s*(?:campaign|draft)[\s-]?related"
    r"(?:[\s,]+but)?|off[\s-]topic(?:[\s,]+but)?|random(?:\s+one)?|side\s+(?:note|question))\b"
    r"[\s,:;!.—–-]*)+",
    re.IGNORECASE,
)
_ABOUT_QUESTION = re.compile(
    # Not the user's answer to the assistant's question ("to answer your question: 30k").
    r"^(?![^?:—–]{0,25}?\b(?:answer(?:ing|s)?|re(?:garding)?|as\s+for|per|(?:in\s+)?reply(?:ing)?"
    r"|(?:in\s+)?response)\b[^?:—–]{0,12}?\b(?:your|ur|the|that|those|these)\s+(?:q|qq|questions?"
    r"|query|queries)\b)"
    r"[^?:—–]{0,60}?\b(?:q|qq|question|query|ask)\b(?:\s+(?:maybe|perhaps|here|for\s+you))?"
    r"\s*(?:(?:[,:;—–]|\s-+\s)+\s*(?:but\b)?|\bbut\b)\s*",
    re.IGNORECASE,
)
# An apology that opens a question ("sorry if obvious but", "apologies for the basic q —"):
# set aside like a filler. Only with "if/for/to" after it, so "sorry, I meant 20k" stays whole.
_APOLOGY = re.compile(
    r"^(?:sorry|apologies|pardon|forgive\s+me|excuse\s+me|sry|soz)\s+(?:if|for|to)\b[^?:]{0,50}?"
    r"(?:(?:[,:;—–]|\s-+\s)\s*(?:but\b)?|\bbut\b)\s*",
    re.IGNORECASE,
)
_EMBEDDING = re.compile(
    r"^(?:i\s+(?:was\s+|am\s+|'m\s+)?(?:just\s+)?(?:wondering|curious)|i\s+wonder|wondering"
    r"|curious|just\s+(?:checking|wondering|curious)|(?:i\s+)?need\s+to\s+know|(?:can|could)"
    r"\s+you\s+(?:tell|remind)\s+me|tell\s+me|remind\s+me|do\s+you\s+know|any\s+idea"
    r"|help\s+me\s+understand|i'?d\s+like\s+to\s+know|(?:please\s+)?explain)\b[\s,:—–-]*"
    r"(?:about\s+)?",
    re.IGNORECASE,
)
# Sign-offs after a question: thanks, please, smileys, extra question marks.
_SIGN_OFF = re.compile(
    # "... an asset? Ta.": British thanks, a word of its own ("meta" keeps its "ta").
    r"(?:[\s,.!—–-]*(?:thx|thanks|thank\s+you|ty|tia|(?<!\w)ta|cheers|pls|plz|please|asap|:\)|:-\)"
    r"|[\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F]+))+[\s.!]*$",
    re.IGNORECASE,
)
# A sign-off is short: it is looked for in the message's tail only, so a run of thousands of dots
# or blanks costs the pattern's retries over that tail, not over the whole run.
_SIGN_OFF_TAIL = 200


def _without_sign_off(text: str) -> str:
    head, tail = text[:-_SIGN_OFF_TAIL], text[-_SIGN_OFF_TAIL:]
    return head + _SIGN_OFF.sub("", tail)


_QUESTION_WORDS = re.compile(
    r"^(?:what|what's|whats|how|how's|when|when's|why|which|who|who's|whom|where|should|can|could"
    r"|do|does|did|is|are|was|were|will|would|must|may(?![ \t]+(?:the[ \t]+)?\d)|might|shall|has"
    r"|have|if)\b(?![ \t]*:)",
    re.IGNORECASE,
)


# A question asked at the end of a clause list: "3 channels, 10k budget: which tier is that".
_TRAILING_QUESTION = re.compile(
    r"[,;:—–]\s*(?:so\s+|then\s+)?(?:(?:which|what)\s+tier|who\s+(?:approves|signs)"
    r"|how\s+(?:long|early|much|many|soon|far)|(?:is|would|does|will)\s+(?:that|it|this)\b)"
    r"[^,;:]*$",
    re.IGNORECASE,
)


# A topic, then the question about it: "VP approvals - how long do they take", "newsletter:
# when's the content deadline", "demo request comes in - how quick must sdr reach out". One line,
# a short topic, and a wh-word opening what follows the dash or colon.
_TOPIC_THEN_QUESTION = re.compile(
    r"^[^\n,;:—–?]{1,60}?(?:[:—–]|\s-+\s)\s*(?:so\s+|and\s+|then\s+)?"
    r"(?:what|what's|whats|how|how's|when|when's|why|which|who|who's|whom|where)\b[^\n:]*$",
    re.IGNORECASE,
)


def _split_question(text: str) -> tuple[str, bool]:
    """The question without its lead-in and sign-off, and whether a lead-in announced a
    question ("quick q:", "I was wondering", "need to know")."""
    body, announced = text.strip(), False
    for _ in range(3):  # lead-ins stack: "hey — quick q: I was wondering..."
        before = body
        body = _APOLOGY.sub("", _FILLER_LEAD.sub("", body), count=1)
        body, asked = _ABOUT_QUESTION.subn("", body, count=1)
        body, embedded = _EMBEDDING.subn("", body, count=1)
        announced = announced or bool(asked or embedded)
        if body == before:
            break
    body = _without_sign_off(body).strip()
    return re.sub(r"\?{2,}", "?", body) or text.strip(), announced and bool(body)


def question_body(text: str) -> str:
    """The question without its lead-in and sign-off: "sorry if dumb question but when do event
    invitations go out thx" -> "when do event invitations go out"."""
    return _split_question(text)[0]


# A question, then a remark about it: "someone left us a one-star review, how quickly do we
# reply publicly? my manager asked me to find out". Not a field asked and answered at once
# ("whos it for? head chefs"), which `own_questions` reads as a label and its value.
_QUESTION_THEN_REMARK = re.compile(
    r"(?:^|[,;.!—–]\s*|\s-\s)(?:how|what|what's|when|where|who|why|which)\b(?!\s+about\b)"
    r"[^?.!\n]{3,160}\?[ \t]+(?!(?:and|plus|also|or|&)\b)[^?\n]{1,80}$",
    re.IGNORECASE,
)
# A question mark followed only by a gloss in brackets: "wie lange vorher...? (lead time)",
# "when do invites go out? (for the roadshow)".
_GLOSSED_QUESTION = re.compile(r"\?\s*[(\[][^()\[\]\n]{1,80}[)\]][\s.!]*$")


# A question word used as a form's label ("Why: ...", "Who — CFOs", "what success looks like:
# 1 in 10 books a call") labels what follows; it asks nothing.
_WORD_AS_LABEL = re.compile(
    r"(?:why|who|what(?:\s+success\s+looks\s+like)?|when|where|how\s+much)\s*(?::|\s[–—]\s)"
    # "who it's aimed at: retired teachers", "what we're after: more bookings": a few words more.
    r"|(?:who|what|when|where|how\s+much)(?:\s+[\w'’]+){1,4}?:\s+\S",
    re.IGNORECASE,
)


# A modal with no subject after it ("should be Oct 14", "must read 'Q3 Push'"): the draft's
# value as it should be, said without "it"; a question puts its subject after the modal.
_SUBJECTLESS_MODAL = re.compile(
    r"(?:should|must|shall|would|will|could|can|might|may)(?:\s+(?:now|really|actually|rather))?"
    r"\s+(?:be|read|say|have\s+been)\b",
    re.IGNORECASE,
)


# "what we want is meetings with 40 named accounts", "what they need are ...": a clause that
# opens with "what" and names the thing wanted, no question.
_WHAT_CLEFT = re.compile(
    r"(?:what|all)\s+(?:we|i|they|the\s+client|the\s+team)(?:'re|\s+are|'d|\s+would)?\s+"
    r"(?:really\s+|mainly\s+|mostly\s+)?(?:want|need|like|hope\s+for|are\s+after|after"
    r"|aim\s+for|looking\s+for)\w*\s+(?:is|are|=|:)\s",
    re.IGNORECASE,
)


def checks_what_it_gives(text: str) -> bool:
    """The message gives something and ends by checking it ("... — is that ok?"): details to
    read, with a check the next question answers, not a question for the playbooks."""
    return bool(TAG_CHECK.search(text.strip()))


# A courtesy before what the message is about ("how's it going — thinking about a joint promo",
# "hope you're well! need a webinar"): it asks nothing.
_COURTESY = re.compile(
    r"^(?:(?:hi|hey|hello|hiya|morning)\b[\s,!.]*)?"
    r"(?:how'?s\s+(?:it\s+going|things|life)|how\s+(?:are|r)\s+(?:you|u|ya|things)(?:\s+doing)?"
    r"|hope\s+(?:you'?re|you\s+are|ur|u\s+r|all'?s|all\s+is)\s+(?:well|good|ok)|you\s+(?:ok|well|good))"
    r"(?:\s+(?:today|mate|there|all))?\s*[,:;!?.—–-]+\s*(?=\w)",
    re.IGNORECASE,
)


def without_greeting_question(text: str) -> str:
    """`text` without an opening "how's it going —" / "hope you're well!" before more words."""
    return _COURTESY.sub("", text.strip(), count=1)


def is_question(text: str) -> bool:
    """Asked as a question: a question mark at the end, a question word opening the question
    once its lead-in is set aside ("hey, what goes into a brief"), a lead-in that announces one
    ("quick q: legal turnaround for tier 1"), or a question closing a list of facts."""
    stripped = without_greeting_question(text)
    if _WORD_AS_LABEL.match(stripped) and not stripped.endswith("?"):
        return False  # "why: we need more inbound ...": a label and its answer
    if _SUBJECTLESS_MODAL.match(stripped) and not stripped.endswith("?"):
        return False  # "should be 2036-10-14, sorry": "(it) should be", a correction
    body, announced = _split_question(stripped)
    if _WHAT_CLEFT.match(body) and "?" not in stripped:
        return False
    return (
        announced
        or stripped.endswith("?")
        or body.endswith("?")
        or bool(_GLOSSED_QUESTION.search(stripped))
        or bool(_QUESTION_START.match(stripped) or _QUESTION_WORDS.match(body))
        or bool(_TRAILING_QUESTION.search(body))
        or bool(_TOPIC_THEN_QUESTION.match(body))
        or (bool(_QUESTION_THEN_REMARK.search(stripped)) and as_labels(stripped) == stripped)
    )


# A change offered as a question ("can we do the 21st instead?", "how about 18k?", "what if we
# add events?"): with a draft open and a value in it, a proposal to apply, not a question to look
# up.
_PROPOSAL = re.compile(
    r"^(?:(?:can|could|shall|should|may|might)\s+(?:we|i|you)\s+(?:please\s+)?(?:do|make|move|push"
    r"|pull|bring|change|use|go\s+with|set|switch|bump|have|try|call|rename|add|drop|remove|up|raise"
    r"|lower|cut|shift|run|launch|start|target|aim|put)"
    # "can it go live on May 24?", "could the launch move to the 18th?": the campaign's own
    # change, asked.
    r"|(?:can|could|may|might)\s+(?:it|the\s+(?:launch|go[\s-]?live|campaign|budget|date|start))"
    r"\s+(?:please\s+)?(?:go\s+live|launch|start|move|shift|be|run|kick\s+off|slip|happen)"
    r"|(?:how|what)\s+about|what\s+if\s+(?:we|i)|why\s+don'?t\s+(?:we|you)|is\s+it\s+ok(?:ay)?\s+(?:if|to)"
    r"|would\s+it\s+be\s+(?:ok(?:ay)?|possible)\s+to|let'?s\s+(?:say|do|make))\b"
    r"|\binstead\b",
    re.IGNORECASE,
)


# "do it but with £45k", "do it with 45k": the imperative, not the question "do I need...".
_IMPERATIVE_DO = re.compile(r"^(?:just\s+)?do\s+(?:it|this|that)\b(?!\s*\?)", re.IGNORECASE)


def is_proposal(text: str) -> bool:
    """A change offered as a question or an imperative ("can we do the 21st instead?", "do it
    but with 45k"), in any sentence: "Sounds good! Actually, can you make the goal 50?"."""
    return any(
        _PROPOSAL.search(body) or _IMPERATIVE_DO.match(body)
        for body in (question_body(part) for part in _PROPOSAL_PARTS.split(text.strip()))
    )


# "not so fast — can you make the end date 2027-03-31?": a dash opens the proposal too.
_PROPOSAL_PARTS = re.compile(r"(?<=[.!?])\s+|\s+[—–-]+\s+|(?<=\w)[,:]\s+(?=(?:can|could|how)\b)")


_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def is_single_question(text: str) -> bool:
    """One short question on one line: what it gives (an amount, a tier, a type) describes the
    question ("is $25,000 tier 2 or tier 3?"), not a campaign to plan. A pasted brief or email
    with a question in it has more lines or sentences."""
    stripped = ASKING_FOR.sub("?", text.strip())
    return (
        "\n" not in stripped
        and len(stripped.split()) <= 30
        and len(_SENTENCE_END.findall(stripped.rstrip("?!. "))) == 0
        and is_question(stripped)
    )


# A newcomer's "we're doing X, where do I start?": their campaign, and how to begin it here.
_WHERE_TO_START = re.compile(
    r"\b(?:where|how)\s+(?:do|should|can|would)\s+(?:i|we)\s+(?:start|begin|get\s+started)\b"
    r"|\bwhat\s+do\s+you\s+need\s+from\s+(?:me|us)\b|\bwhat(?:'s|\s+is)\s+(?:the\s+)?first\s+step\b"
    # "we're thinking about a webinar for the winter, how does this work?": how it goes here.
    # Only as the whole question: "how does it work with approvals?" asks the playbooks.
    r"|\bhow\s+(?:does|will|would)\s+(?:this|that|it)\s+work(?=[\s?!.]*$)"
    r"|\bhow\s+(?:do|should|can)\s+(?:i|we)\s+(?:go\s+about|proceed\s+with|do)\s+(?:it|this|that)"
    r"(?=[\s?!.]*$)",
    re.IGNORECASE,
)
_OURS = re.compile(
    r"\b(?:we|i)(?:'re|'ve|'ll|\s+are|\s+have|\s+need|\s+want|\s+will|\s+must)\b", re.IGNORECASE
)


# The last clause of a message, after a dash or a sentence's end: "... I'm new here — how long
# does the launch war room stay open?".
_LAST_CLAUSE = re.compile(r"(?:^|[.!;]\s+|\s[—–-]+\s+)(?P<last>[^.!;—–]+\?+)\s*$")


def asks_last(text: str) -> bool:
    """The message ends with a question of its own, after what the writer tells about
    themselves: a question about the playbooks, not a request to plan ("we're planning
    something for the spring — how long does the war room stay open?")."""
    match = _LAST_CLAUSE.search(text.strip())
    if match is None or match.start("last") == 0:
        return False
    last = match["last"].strip()
    return bool(_QUESTION_START.match(last)) and not _CREATE.search(last)


# "can we start a draft?", "could you open one for it?": a request to begin, put as a question.
_START_A_DRAFT = re.compile(
    r"\b(?:can|could|shall|may)\s+(?:we|you|i)\s+(?:please\s+)?(?:start|open|begin|set\s+up|create"
    r"|make|get)\s+(?:a|the|one|our)?\s*(?:draft|one)\b",
    re.IGNORECASE,
)
# "how do I start a social video series? it's for sometime next month": how to begin one, then
# what theirs is: their campaign, not a question about campaigns in general.
_HOW_TO_START = re.compile(
    r"\bhow\s+(?:do|can|should)\s+(?:i|we)\s+(?:start|set\s+up|create|kick\s+off|begin)\s+"
    r"(?:a|an|our|the)\b[^?]{0,80}\?\s+(?:it'?s|it\s+is|we|we'?re|our|the\s+idea|for)\b",
    re.IGNORECASE,
)


# "can we start a paid-media sprint?", "help me put together a run of social posts": a verb of
# making, an article, and a campaign type's words within a few words (whatever noun ends them).
_MAKE_A = re.compile(
    r"\b(?:create|set\s+up|start|put\s+together|spin\s+up|kick\s+off|load|organi[sz]e|build"
    r"|plan|get\s+going\s+on|get\s+started\s+on|get|book|arrange"
    # "the boss wants a small ABM trial sorted", "we need a webinar for May": wanting one.
    r"|(?P<want>wants?|needs?|would\s+like|['’]d\s+like|asked\s+(?:me\s+)?for"
    # "could ye help with a blog series?", "thinking about an organic social drumbeat"
    r"|help(?:\s+(?:me|us))?\s+with|thinking\s+(?:about|of)))"
    r"\s+(?:up\s+)?(?:an?|another|our|my|one|some)\s+"
    r"(?!(?:quick\s+|small\s+)?(?:question|query|problem|issue|doubt)s?\b)"
    r"(?P<what>[^.?!,;\n]{1,40})",
    re.IGNORECASE,
)


_WANTED_WORDS = 2


def _makes_a_type(text: str) -> bool:
    for match in _MAKE_A.finditer(text):
        what = match["what"]
        # Wanting "a checklist for a webinar" asks for a document: a type wanted is its first words.
        near = _WANTED_WORDS if match["want"] else len(what)
        found = [m for m, _ in types_in(what) if len(what[: m.start].split()) <= near]
        # "can you help me with a launch for our new app?": a new product to launch, no type word.
        if any(not MEASURE_AFTER.match(what, m.end) for m in found) or NEW_PRODUCT.match(what):
            return True
    return False


def wants_campaign(text: str) -> bool:
    """The user wants to plan a campaign (not: asks how campaigns are planned)."""
    if _WHERE_TO_START.search(text) and _OURS.search(text) and types_in(text):
        return True  # "so we're doing a social content calendar, where do I start?"
    if (_START_A_DRAFT.search(text) or _HOW_TO_START.search(text)) and types_in(text):
        return True
    made = _CREATE.search(text) or _makes_a_type(text)
    return bool(made) and not _HOWTO.match(question_body(text))


def is_unsure(text: str) -> bool:
    # "hmm, more gifts left in wills": the pause before an answer is no doubt about it.
    return bool(_UNSURE.search(without_reply_opening(text.strip())))


_BARE_STATUS = re.compile(
    r"^(?:(?:and|so|ok(?:ay)?|right|hmm+)[\s,]+){0,3}(?:(?:what'?s\s+the\s+|what\s+is\s+the\s+|any\s+)?"
    r"(?:(?:current|latest)\s+)?(?:status|update|progress)|where\s+is\s+it(?:\s+at)?"
    r"|(?:is|has)\s+it\s+(?:been\s+)?(?:approved|live|created|launched|running|out)(?:\s+yet)?"
    r"|how'?s\s+it\s+going"
    # "what happens next with it", "what's next for it": where it stands decides what follows.
    r"|what\s+(?:happens|comes)\s+(?:next|now)(?:\s+(?:with|for|to)\s+(?:it|this|that))?"
    r"|what'?s\s+next(?:\s+(?:with|for)\s+(?:it|this|that))?)\b"
    # The courtesy or time word that ends it: "status pls", "update now?", "status then?".
    r"(?:[\s?.!,]*\b(?:now|yet|pls|plz|please|then|again|thanks|thx|check|report))*[\s?.!]*$",
    re.IGNORECASE,
)


def is_bare_status(text: str) -> bool:
    """A status question naming no campaign ("status?"): about the one just created."""
    return bool(_BARE_STATUS.match(text.strip()))


# Words around "status" that name no campaign: "what's the status?" reads as a status question
# about "what's the", which is the campaign just created, not one to look up by that name.
_NO_CAMPAIGN_WORDS = frozenset(
    """what what's whats is the it it's its this that current latest overall campaign
    campaign's my our one and so ok okay now then new pls plz please quick hey hi""".split()  # noqa: SIM905
)


def names_no_campaign(reference: str) -> bool:
    """A status question's reference made only of question words and fillers."""
    words = re.findall(r"[\w']+", reference.lower().replace("’", "'"))
    return not words or all(word in _NO_CAMPAIGN_WORDS for word in words)


_FIELD_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # "oops, it's called 'X'", "should be titled 'X'": the name said as what it is called.
    (
        "name",
        re.compile(r"\b(?:rename|re-name|name|title|titled|call\s+it|(?:is|'s)\s+called)\b", re.I),
    ),
    ("budget", re.compile(r"\b(?:budget|spend|amount)\b", re.I)),
    ("launch_date", re.compile(r"\b(?:launch|date|go[-\s]live|start)\b", re.I)),
    ("target_audience", re.compile(r"\b(?:audience|target)\b", re.I)),
    ("objective", re.compile(r"\b(?:objective|goal|kpi|target\s+number)\b", re.I)),
    ("channels", re.compile(r"\b(?:channels?)\b", re.I)),
    ("type", re.compile(r"\b(?:type|kind)\b", re.I)),
)


def mentions_field(text: str, field: str) -> bool:
    """The message names `field` ("rename", "call it", "budget"...)."""
    return any(name == field and pattern.search(text) for name, pattern in _FIELD_WORDS)


def field_to_change(text: str) -> str | None:
    """The one field a change request names without a new value ("rename it before you do")."""
    named = [field for field, pattern in _FIELD_WORDS if pattern.search(text)]
    return named[0] if len(named) == 1 else None


# The words of a rule someone looks up ("hashtag limit on linkedin", "max email sends per week"):
# a short message built on one asks the playbooks, even with no question form.
_RULE_WORD = re.compile(
    r"\b(?:limits?|max(?:imum)?|min(?:imum)?|how\s+many|rules?|policy|guidelines?|requirements?"
    r"|turnaround|allowed|cap"
    # A specification looked up: "LinkedIn single image size", "IG story dimensions", "subject
    # line length", "banner specs", "video aspect ratio".
    r"|sizes?|dimensions?|specs?|specifications?|resolution|aspect\s+ratio|length|word\s+count"
    r"|character\s+count|file\s+size|file\s+format|lead\s+times?|send\s+window"
    # "best time of day to send a promo email", "utm medium for linkedin ads"
    r"|(?:best|ideal|optimal)\s+(?:time|day)|utm\w*|naming\s+conventions?)\b",
    re.IGNORECASE,
)
_RULE_FRAGMENT_WORDS = 8


# "best time of day to send a promo email": a superlative opening asks for the rule, so the
# fragment may run longer than a bare one.
_RULE_OPENING = re.compile(
    r"^(?:the\s+)?(?:best|ideal|optimal|recommended|typical|standard|minimum|maximum|min|max)\b",
    re.IGNORECASE,
)
_RULE_OPENING_WORDS = 12


def is_rule_fragment(text: str) -> bool:
    """A short fragment that asks for a rule of the playbooks without question form."""
    most = _RULE_OPENING_WORDS if _RULE_OPENING.match(text.strip()) else _RULE_FRAGMENT_WORDS
    return len(text.split()) <= most and bool(_RULE_WORD.search(text))


# A tier and what is asked about it, typed as keywords: "tier 3 report deadline", "Tier 1
# approvals", "post campaign report deadline for tier 1". A campaign being planned says more
# than its tier (a name, an amount, a date, a channel), which the caller checks.
_TIER_MENTION = re.compile(r"\btier[\s-]?(?:[123]|one|two|three)\b", re.IGNORECASE)
_NOT_A_TOPIC = re.compile(
    r"^(?:(?:a|an|the|for|of|on|in|at|is|it|its|it'?s|this|that|please|pls|plz|thanks|thx|ok(?:ay)?"
    r"|campaign|one|then|so|and|just|make|set|new)\b[\s,.:;!-]*)*$",
    re.IGNORECASE,
)


def is_tier_fragment(text: str) -> bool:
    """A short line of keywords naming one tier and something about it, without question form."""
    mentions = _TIER_MENTION.findall(text)
    rest = _TIER_MENTION.sub(" ", text).strip(" \t.,:;!-")
    return (
        len(mentions) == 1
        and "\n" not in text.strip()
        and len(text.split()) <= _RULE_FRAGMENT_WORDS
        and bool(rest)
        and not _NOT_A_TOPIC.match(rest)
    )
