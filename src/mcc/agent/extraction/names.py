"""The campaign's name in a message: a label, "campaign" before a quotation, or the first
quotation; and where an unquoted, labelled name ends.

A dash between spaces usually ends a value ("Budget: 20k — flexible"), but in a name on a
labelled line it is often part of the title: "Name: Rowan Drive — Wave 2", "Campaign: Ember –
Part II". Names are stored exactly as typed, so a dash followed by a short title-cased tail that
runs to the end of the line (or value) stays in the name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mcc.agent.extraction.amounts import find_amounts
from mcc.agent.extraction.labels import EMOJI
from mcc.agent.extraction.lead_name import colon_title, dashed_titles, lead_names
from mcc.agent.extraction.leading_marks import without_sentence_stop
from mcc.agent.extraction.name_lines import labelled_line_end
from mcc.agent.extraction.people_words import AUDIENCE_NOUNS, PEOPLE_LIKE
from mcc.agent.extraction.spans import (
    LABEL_WORDS,
    MASK,
    Candidate,
    Extraction,
    Text,
    trim,
    value_end,
)
from mcc.agent.extraction.structured import unescaped
from mcc.agent.extraction.vocabulary import channels_in, types_in
from mcc.campaigns.schemas import NAME_MAX

# " — Wave 2", " – Part II", " - EMEA 2028": capitalised words or figures, no label, to the end.
_TITLE_TAIL = re.compile(
    rf"[ \t]+[—–-][ \t]+(?!{LABEL_WORDS}\b)"
    r"(?:[A-Z0-9][\w'’&+#/.()]*(?:[ \t]+|(?=[\n,;|\x00]|$))){1,4}(?=[\n,;|\x00]|$)",
)


def title_end(work: str, stop: int) -> int:
    """`stop`, moved past a dash-joined title tail that continues the name."""
    while (match := _TITLE_TAIL.match(work, stop)) is not None:
        stop = match.end()
    return len(work[:stop].rstrip(" \t")) if stop else stop


# "Churn Busters 🔥", "Winter Warm-Up ❄️": emoji typed right after a name are part of it (names
# are kept exactly as typed); not an emoji that opens the next labelled part ("X 🎯 type: abm").
_EMOJI_TAIL = re.compile(
    rf"(?:[ \t]?{EMOJI})+(?![ \t]*(?:{LABEL_WORDS})\b)",
    re.IGNORECASE,
)


def emoji_end(work: str, stop: int) -> int:
    """`stop`, moved past emoji that end the name right where it stops."""
    match = _EMOJI_TAIL.match(work, stop)
    return match.end() if match and stop and not work[stop - 1].isspace() else stop


# Words that end a name in lower case, or capitalised before a lower-case word ("Running on
# LinkedIn"); a title's own capitalised words go on ("Second Wind Running Club").
_ENDS_NAME = (
    "for", "targeting", "aimed", "launching", "launches", "starting", "starts", "that", "which",
    "about", "running", "runs", "from", "promoted", "promoting", "across", "via", "using",
    "through",
)  # fmt: skip
_ENDING = "|".join(word for word in _ENDS_NAME if word != "for")
_ENDING_TITLED = "|".join(word.capitalize() for word in _ENDS_NAME)
_NAME_STOP = re.compile(
    # "for" ends it ("Spring Push for CFOs in Leeds"), not inside a title that ends on a titled
    # word ("Grounds for Growth | product launch", "call it Bikes for Kids").
    r"\s+(?:(?-i:for\b(?![ \t]+"
    rf"(?!(?i:{AUDIENCE_NOUNS}|{PEOPLE_LIKE})\b)"  # "Spring Push for Dentists": the audience
    r"[A-Z][a-z]+[ \t]*(?:$|[|,;.)\"”’\n]))"
    rf"|(?:{_ENDING})\b|(?:{_ENDING_TITLED})\b(?=\s+[a-z]))|with\s+(?:a|an|the)|budget"
    r"|launch(?:ing)?\s+(?:on|in|next)|going\s+(?:to|out)|sent\s+to|to\s+(?:get|drive|grow|book"
    r"|win|boost|increase|generate)"
    # "rename it to X before you create it": the request goes on after the name.
    r"|before\s+(?:you|we|i|creating|saving|submitting|it\b)|(?:once|when)\s+(?:you|we)\b"
    # What the campaign is, after its name: "called summer splash its a pool party event".
    # In lower case only, as a title's own words are capitalised ("Called It's A Wrap").
    r"|(?-i:(?:it'?s|its|it\s+is|which\s+is)\s+(?:a|an|our|the)"
    # The next request after the name: "call it HealthFirst and make it a webinar".
    r"|and\s+(?:make|change|push|move|set|switch|update|add|drop|remove|bump|shift|also|then)"
    # A hedge after it: "call it Northbound if that's ok".
    r"|if\s+(?:that'?s|thats|it'?s|its|ok|okay|fine|possible|you\s+can|that\s+works)))\b"
    r"|,\s"
    # "let's go with MAX OUT as the name": the cue after the name.
    r"|\s+as\s+(?:the|our|its|a)\s+(?:campaign\s+)?(?:name|title)\b"
    # "call it Harbour Lights: a webinar for ...": what it is, after a colon; not a subtitle
    # ("Data Ops Live: Spring Edition").
    r"|:\s+(?=(?-i:[a-z]))",
    re.IGNORECASE,
)
# "change name to Holiday Hello pls": the courtesy that ends the request is no part of the name.
# Lower case only: a title typed in capitals keeps its last word ("Name: Say Please").
_POLITE_TAIL = re.compile(
    r"(?:[\s,]+(?:pls|plz|please|thanks|thank\s+you|thx|ty|cheers|instead|then|now|asap"
    r"|actually|first|though|again|for\s+now))+"
    r"[\s.!]*$"
)
# "Overture is the name — event, ...", "Coffee Break is what we call it — webinars": the label's
# words close a title said before them; what follows is no name.
_AFTER_TITLE = re.compile(
    r"\b(?:is|['’]s)\s+(?:the|our|its)\s+(?:working\s+|campaign\s+)?$"
    r"|\bis\s+what\s+(?:(?:we|i)(?:['’]re|\s+are|['’]m)?\s+)?$",
    re.IGNORECASE,
)
_QUOTES = {'"': '"', "'": "'", "“": "”", "‘": "’", "«": "»"}
# Words that may sit between "name" and its value in a change: "tweak the name first: X",
# "the name instead should be X", "name, please: X".
_NAME_ASIDE = (
    r"(?:[ \t]*,?[ \t]*(?:first|then|please|pls|instead|now|actually|again|though|too|here))*"
)
_NAME_LABEL = re.compile(
    rf"\b(?:(?:campaign|project)\s+)?name{_NAME_ASIDE}\s*(?:is|:|-|–|—|=|\||→|->|=>|⇒|will\s+be"
    r"|should\s+be)\s*"
    # "a content campaign with the name Pinecone", "under the working title X", "under the
    # banner X", "we've named it X", "Title of the campaign is X", "The name we picked is X".
    r"|\b(?:(?:with|under|by)\s+the\s+(?:working\s+)?(?:name|title|banner)(?:\s+of)?"
    r"|(?:re)?named\s+it|(?:name|title)\s+of\s+(?:the\s+|this\s+|our\s+)?(?:campaign|project"
    r"|programme|program)\s+(?:is|:|=|-)"
    r"|(?:name|title)\s+(?:we|i)(?:'ve|\s+have)?\s+(?:picked|chose|chosen|went\s+with|settled\s+on"
    r"|agreed\s+on|decided\s+on|came\s+up\s+with|like|want)\s+(?:is|:|=|-))\s+"
    r"(?=[\"“'‘«]|(?-i:[A-Z0-9]))"
    # "tweak the name to X", "can you change the campaign name into X"
    r"|\b(?:change|tweak|update|fix|switch|adjust|amend|edit|alter|correct|make)\s+(?:the\s+|its\s+)?"
    rf"(?:(?:campaign|project)\s+)?name{_NAME_ASIDE}\s+(?:to|into|as)\s+"
    # "Matter: X" is how a law firm's instruction names what it is about, "Card: X" a Trello card.
    # A brief's heading names it: "**Field request — X**", "# Campaign brief: X".
    r"|(?:^|(?<=\n))[ \t]*(?:\*\*|#{1,3}[ \t]*)?(?:(?:field|campaign|marketing|project)[ \t]+)?"
    r"(?:brief|request|ticket)[ \t]*[—–:][ \t]*(?=[\"“'‘]|(?-i:[A-Z0-9]))"
    # A ticket's key heading its title: "Jira OPS-88: Spring Boiler Service Reminder",
    # "ABM-31 | Tier-One Airlines Loyalty", "MKT-204 — Dealer Days".
    r"|(?:^|(?<=\n))[ \t]*(?:(?:jira|asana|linear|trello|ticket|issue|card|task)[ \t]+)?"
    r"(?-i:[A-Z][A-Z0-9]{1,9})-\d{1,6}[ \t]*(?:[:|—–]|-(?=[ \t]))[ \t]*(?=[\"“'‘]|(?-i:[A-Z0-9]))"
    # "Brief for Pincushion Parade" heading its brief.
    r"|(?:^|(?<=\n))[ \t]*(?:campaign[ \t]+)?(?:brief|request)[ \t]+for[ \t]+"
    r"(?=[\"“'‘]|(?-i:[A-Z0-9]))"
    # A numbered brief's "1. Title — X" too.
    r"|(?:^|(?<=\n))[ \t]*(?:(?:[-*•·]|\d{1,2}[.)])[ \t]*)?(?:campaign|project|title|matter|card)"
    r"(?:[ \t]*[:|]|[ \t]+[—–-])[ \t]*"
    # "25 named FMCG brands": a count before "named" makes it the accounts' word, no name.
    r"|\b(?:called|(?<!\d\s)named(?=\s+(?-i:[\"“'‘«A-Z]))|titled|title\s+it|call(?:in['’]?|ing)?\s+it|call\s+this(?:\s+one)?(?=\s+(?-i:[A-Z\"“'‘«]))|name\s+it|label\s+it|working\s+title\s*[:=-]"
    # "we're calling it X", "code name X", "for the name, use X".
    r"|(?:we'?re|we\s+are|i'?m|we\s+will\s+be)\s+calling\s+(?:it|this(?:\s+one)?|the\s+campaign)"
    r"|we\s+call\s+it|code\s*-?name(?:\s+is)?"
    # "working title Launch 2.0", "it goes by Starling", "branded as Aurora", "file this one as
    # X", "call the campaign X", "let's go with Hello Neighbour": a cue before a capitalised name.
    r"|(?:working\s+title|(?:goes|going)\s+by|(?:branded|known|marketed|billed)\s+as"
    r"|(?:file|save|log|label)\s+(?:it|this(?:\s+one)?)\s+as|call\s+the\s+campaign"
    # "need it in the system as Birmingham Booth", "put it into Workfront as X".
    r"|(?:need|want|put|enter|add|have|set\s+up)\s+(?:it|this(?:\s+one)?)\s+(?:in|into|on)\s+"
    r"(?:the\s+)?(?:system|workfront|tool|tracker|platform|calendar)\s+as"
    r"|let'?s\s+go\s+with)(?=\s+(?-i:[\"“'‘«A-Z0-9]))"
    # "trade the name for X", "the owners want it named X instead": a new name for the draft
    r"|(?:trade|swap)\s+(?:the\s+)?name\s+(?:for|to)"
    # "give it the name Balance Wheel", "use the name X", "go with the title X".
    r"|(?:(?:give|gave)\s+(?:it|this(?:\s+one)?|the\s+(?:campaign|draft))\s+(?:the|a)"
    r"|(?:use|go\s+with|take|pick)\s+the)\s+(?:new\s+)?(?:name|title)(?:\s+of)?\s*:?"
    r"(?=\s+(?-i:[\"“'‘«A-Z0-9]))"
    r"|want\s+it\s+(?:named|called)(?=\s+(?-i:[A-Z\"“'‘«]))"
    r"|only\s+the\s+name\s+changes,?\s+to"
    # "dubbed 2027 Kickstart", "working title is now X", "Name<tab>X" (a pasted table row).
    r"|dubbed|working\s+title\s+is(?:\s+now)?|(?:^|(?<=\n))(?:campaign\s+)?name(?=\t)"
    # An email's subject line: "RE: new campaign — Keycutters' Corner".
    r"|(?:^|(?<=\n))(?:re|subject|subj|fwd?)[ \t]*:[ \t]*(?:(?:a|the|new|another)[ \t]+)?"
    r"(?:campaign|project|brief|request)[ \t]*[—–:-]"
    # "new one: Glasshouse (abm)", "another one (webinar): Open Ledger": a new campaign's title.
    # On its own line's words ("here are the details for the new one:\n\nFormat: ..." names none).
    r"|(?<!the\s)\b(?:new|another|next)[ \t]+one(?:[ \t]*\([^()\n]{1,30}\))?[ \t]*:"
    r"(?=[ \t]*(?-i:[\"“'‘«A-Z0-9]))"
    # A terse brief's "... SMB finance managers. name Invoice KW Test": the short label at a
    # clause's start, a capitalised value after it.
    r"|(?:(?<![^\n.;,|/])|(?<=[\n.;,|/][ \t]))(?-i:name)(?=[ \t]+(?-i:[A-Z0-9]))"
    # "... shop. Campaign title: Hem Line. Target: ...": the label after a sentence's end.
    r"|(?<=[.;!?|][ \t])(?:the\s+)?(?:campaign|project)\s+(?:title|name)\s*:\s*"
    r"|for\s+the\s+(?:campaign\s+)?name\s*,?\s*(?:(?:let'?s\s+|please\s+)?(?:use|go\s+with|take"
    # "rename it later", "can I rename it afterwards?": when, not a name; "rename it before you
    # do: X", "rename it first - X": the words before the new name say when.
    r"|pick|put))?|rename\s+(?:it|the\s+campaign|this(?:\s+one)?)?"
    r"(?:\s*,?\s*(?:first|please|pls|before\s+(?:you|we)\s+(?:do|go\s+ahead|create\s+it|make\s+it)"
    r"|before\s+(?:creating|anything)(?:\s+it)?))?\s*(?:to|as|[:\-–—])?"
    r"(?!\s*(?:later|afterwards|after|down\s+the\s+line|at\s+some\s+point|again|once|first"
    r"|before|please|pls)\b)"
    # A new name for the draft: "change name to X", "switch the title to X", "update the
    # campaign's name to X", "new name: X".
    r"|(?:change|switch|update|set|make|alter|edit|fix|swap)\s+(?:the\s+|its\s+|our\s+)?"
    r"(?:campaign(?:'s|’s)?\s+)?(?:name|title)(?:\s+of\s+(?:it|this|the\s+campaign))?"
    r"\s+(?:to|as|into|for)"
    r"|(?:new|updated|different)\s+(?:name|title)\s*(?::|is|=|-|–|—|will\s+be|should\s+be)"
    # A fix of the name: "typo in the name, it should be: X", "name correction → X".
    r"|(?:name|title)[ \t]*,?[ \t]*(?:it|that)?[ \t]*(?:should|must|needs\s+to)[ \t]+"
    r"(?:be|read)[ \t]*:?"
    r"|(?:name|title)[ \t]+(?:correction|fix|typo|change|update)[ \t]*(?::|->|→|=>|=|-|–|—))"
    r"\s+",
    re.IGNORECASE,
)
# "wrong name — it's "X"": the words after a label that only lead into the quotation.
_INTO_QUOTE = re.compile(
    r"(?:it'?s|it’s|it\s+is|it\s+should\s+be|should\s+be|make\s+it)\s+(?=[\"“'‘«])",
    re.IGNORECASE,
)
# Dictation names its fields without punctuation: "name cobalt reach type webinar budget 20k".
# A name so said ends where the next field's label starts; it is kept as typed, lower case too.
_DICTATED_NAME = re.compile(
    r"\b(?:campaign\s+)?name\s+"
    rf"(?P<value>(?!(?:is|it|of|the|for|to|and|a|an|should|will|must|needs?)\b|{LABEL_WORDS}\b)"
    rf"[\w'’&+#-]+(?:[ \t]+(?!{LABEL_WORDS}\b)[\w'’&+#-]+){{0,5}})"
    r"(?=[ \t]+(?:type|budget|audience|target\s+audience|objective|goal|channels?|launch"
    r"|kpi)\b)",
    re.IGNORECASE,
)
# The name before the words that say it is one: "let's go with Granite Loop as the name".
_NAME_BEFORE_CUE = re.compile(
    r"\b(?:go\s+with|use|pick|choose|take|(?:gone|going|opted|settled)\s+(?:for|with|on))\s+"
    r"(?P<value>[^\W\d_][^,.;:!?\n\x00\"“”]{1,40}?)"
    # "as the tittle": the word typed with a letter twice is still the title.
    r"\s+as\s+(?:the|our|its|a)\s+(?:campaign\s+)?(?:name|title|tittle|titel)\b",
    re.IGNORECASE,
)
# A title, then the words that say it is the name: "Brightline is the working name", "Open Ledger
# is our campaign title" (a clause of its own, the title first).
_NAME_THEN_CUE = re.compile(
    r"(?:^|(?<=[.;!?\n,])|(?<=[—–]))[ \t]*"
    r"(?P<value>(?-i:[A-Z0-9])[\w'’&+#-]*(?:[ \t]+[\w'’&+#-]+){0,4}?)"
    r"[ \t]+(?:is[ \t]+(?:the|our|its)[ \t]+(?:working[ \t]+|campaign[ \t]+)?(?:name|title)\b"
    # "Harbour Lights is what we call it", "..., Harbour Lights is what we're calling it".
    r"|is[ \t]+what[ \t]+(?:we|i)(?:'re|[ \t]+are|'m)?[ \t]+(?:call|calling|name|naming)\b)",
    re.IGNORECASE,
)
# "Turning Pages (working title)": a title, then the bracket that says it is one.
_TITLE_IN_BRACKETS = re.compile(
    r"(?:^|(?<=[.;!?\n/])|(?<=[.;!?\n/][ \t]))[ \t]*(?:(?:also|and|plus|oh\s+and)[ \t]+)?"
    r"(?P<value>[^\W\d_][^,.;:!?\n\x00()]{0,40}?)[ \t]*"
    r"\((?:working|provisional|tentative|draft)[ \t]+(?:title|name)\)",
    re.IGNORECASE,
)
_OPEN_QUOTE = re.compile(r"(?<![\w'’])[\"“'‘«]")
_OTHER_QUOTE = re.compile(
    r"\b(?:objective|goal|aim|audience|target|kpi|tagline|subject(?:\s+line)?|headline|slogan"
    r"|message|says?|said|copy|theme|hashtag|cta|call\s+to\s+action"
    # 'when people google "emergency plumber"': what they search for, a keyword.
    r"|google[sd]?|googling|search(?:es|ed|ing)?(?:\s+for)?|keywords?|queries|query)\b"
    # A bracket right after the word ('tagline ("Ops, sorted")'), not after more words: "150
    # target accounts ('ABM Mailer Q3')" names the campaign in an aside.
    r"(?:\s*\(|[^,.;\n\"“'‘«(]{0,20}(?:is|:|-|=|of|reads?|like)?)\s*$",
    re.IGNORECASE,
)
# "That's the objective of "Copper Kettle Corner"": the campaign the aim belongs to.
_OWNER_QUOTE = re.compile(
    r"\b(?:that'?s|this\s+is|it'?s|is)\s+(?:the|our)\s+(?:objective|goal|aim|purpose)\s+of\s*$",
    re.IGNORECASE,
)
_WORDY = re.compile(r"[^\W\d_]")
# More words than any name in the written corpora (at most 6 there): a quotation this long is a
# message quoted whole ('Forwarding: "Hi, please run a LinkedIn event for plant engineers ..."'),
# whose details are read, not a name.
_QUOTED_MESSAGE_WORDS = 10


# 'fwd: "work out a joint promo with Acme"', 'From my boss: "set up the roadshow stop"': what
# someone else wrote, forwarded; and a quotation that opens as a sentence ('"we need a
# go-to-market for the new scanner"', '"let's publish a benchmark report"') is a message too.
_FORWARDED = re.compile(
    r"(?:\b(?:fwd?|forward(?:ed|ing)?(?:\s+(?:this|it|from))?(?:\s+(?:my|our|the)\s+[\w-]+)?"
    r"|from\s+(?:my|our|the)\s+(?:boss|manager|director|ceo|cmo|cfo|vp|head|team|lead|client)"
    r"|(?:boss|manager|director|ceo|cmo|client)\s+(?:says?|said|wrote|asked|forwarded\s+this))"
    r"\s*[:\-–—]?\s*)$",
    re.IGNORECASE,
)
_SENTENCE_QUOTE = re.compile(
    r"(?:let'?s|let\s+us|we|we'?re|we'?d|i|i'?m|i'?d|please|pls|can\s+you|could\s+you)\s",
    re.IGNORECASE,
)


def _quoted_message(text: Text, quoted: tuple[int, int]) -> bool:
    words = text.work[quoted[0] : quoted[1]]
    if len(words.split()) > _QUOTED_MESSAGE_WORDS:
        return True
    before = text.work[max(0, quoted[0] - 41) : quoted[0] - 1]
    return bool(_FORWARDED.search(before) or _SENTENCE_QUOTE.match(words.replace("’", "'")))


_CAMPAIGN_QUOTED = re.compile(r"\bcampaign\s+(?=[\"“'‘«])", re.IGNORECASE)


# "called Tax Season Ready (content)": a type in brackets after a name describes the campaign.
_BRACKETED = re.compile(r"[ \t]*\((?P<words>[\w -]{2,30})\)$")


_NEW_ONE = re.compile(r"(?:new|another|next)\s+one\b", re.IGNORECASE)


def _kind_after_new_one(work: str, label: re.Match[str]) -> bool:
    """ "another one: Email blast for dentists": the kind asked for, not a title."""
    if not _NEW_ONE.match(label.group()):
        return False
    words = work[label.end() : label.end() + 30].lstrip()
    return any(m.start == 0 for m, _ in (*types_in(words), *channels_in(words)))


_EMOJI_AFTER_BRACKET = re.compile(rf"\)(?:[ \t]*{EMOJI})+[ \t]*$")


def _without_bracketed_type(original: str, start: int, end: int) -> int:
    bracket = _BRACKETED.search(original, start, end)
    if bracket is None:
        return end
    words = bracket["words"].strip().lower()
    found = types_in(words)
    whole = len(found) == 1 and found[0][0].start == 0 and found[0][0].end == len(words)
    return bracket.start() if whole and bracket.start() > start else end


def _between_letters(work: str, at: int) -> bool:
    return 0 < at < len(work) - 1 and work[at - 1].isalpha() and work[at + 1].isalpha()


def quoted_at(text: Text, at: int) -> tuple[int, int] | None:
    """The span inside a quotation that opens at `at`, if one does."""
    if at >= len(text.work) or text.work[at] not in _QUOTES:
        return None
    closing = _QUOTES[text.work[at]]
    close = text.work.find(closing, at + 1)
    # 'Father's Day Gift Guide': an apostrophe between letters is no closing quote.
    while close != -1 and closing in "'’" and _between_letters(text.work, close):
        close = text.work.find(closing, close + 1)
    if close == -1 or close - at > NAME_MAX + 1:
        return None
    return at + 1, close


def _name_spans(text: Text) -> Iterator[tuple[int, int, int, int]]:
    """(mask start, mask end, name start, name end) for each way a name may be written, the
    surest first: a label with a quotation, "campaign" before a quotation, an unquoted label,
    then the first quotation in the message ("email 'Back to School 27' for teachers")."""
    labels = [
        m
        for m in _NAME_LABEL.finditer(text.work)
        if MASK not in m.group()
        and not _AFTER_TITLE.search(text.work, 0, m.start())
        and not _kind_after_new_one(text.work, m)
    ]
    for match in labels:
        lead = _INTO_QUOTE.match(text.work, match.end())
        quoted = quoted_at(text, lead.end() if lead else match.end())
        if quoted:
            yield match.start(), quoted[1] + 1, *quoted
    for match in _CAMPAIGN_QUOTED.finditer(text.work):
        quoted = quoted_at(text, match.end())
        if quoted and not _quoted_message(text, quoted):
            yield quoted[0] - 1, quoted[1] + 1, *quoted
    for match in labels:
        lead = _INTO_QUOTE.match(text.work, match.end())
        if quoted_at(text, lead.end() if lead else match.end()):
            continue
        stop = labelled_line_end(text.work, match.start(), match.end()) or min(
            value_end(text.work, match.end()),
            value_end(text.work, match.end(), _NAME_STOP),
        )
        stop = emoji_end(text.work, title_end(text.work, stop))
        start, end = trim(text.original, match.end(), stop)
        polite = _POLITE_TAIL.search(text.original[start:end])
        end = start + polite.start() if polite and polite.start() > 0 else end
        # "next one: Silver Maple Digest (content / email / $8,000)": the value stopped at a slash
        # inside the bracket, which describes the campaign and is no part of its name.
        opened = text.original.rfind("(", start, end)
        if opened > start and ")" not in text.original[opened:end]:
            stop = end = len(text.original[:opened].rstrip())
        if after_bracket := _EMOJI_AFTER_BRACKET.search(text.original, start, end):
            end = after_bracket.start() + 1  # "Glasshouse (abm) 🙌": the bracket ends the line
        if (cut := _without_bracketed_type(text.original, start, end)) < end:
            stop = end = cut  # the bracket stays for the type
        # "new one (in-person event): X": the bracket says the type, read after the name.
        bracket = match.group().find(")") if _NEW_ONE.match(match.group()) else -1
        yield match.start() + bracket + 1, stop, start, end
    for match in _DICTATED_NAME.finditer(text.work):
        # "name tags for the booth budget 5k": words that end a name are no part of one.
        if not _NAME_STOP.search(match["value"]):
            yield match.start(), match.end("value"), match.start("value"), match.end("value")
    for match in _NAME_BEFORE_CUE.finditer(text.work):
        yield match.start(), match.end(), match.start("value"), match.end("value")
    for match in _NAME_THEN_CUE.finditer(text.work):
        yield match.start("value"), match.end(), match.start("value"), match.end("value")
    for match in _TITLE_IN_BRACKETS.finditer(text.work):
        yield match.start("value"), match.end(), match.start("value"), match.end("value")
    titles = list(lead_names(text.work))
    for match in _OPEN_QUOTE.finditer(text.work):
        quoted = quoted_at(text, match.start())
        before = text.work[max(0, match.start() - 40) : match.start()]
        if _OTHER_QUOTE.search(before) and not _OWNER_QUOTE.search(before):
            continue  # a quoted objective, tagline or subject line is not the name
        if (
            quoted
            and _WORDY.search(text.work[quoted[0] : quoted[1]])
            and not _quoted_message(text, quoted)
        ):
            after = text.work[quoted[1] + 1 : quoted[1] + 2]
            # 'The "Unstuck" Series': a quoted word between title words is part of the title.
            inside = any(start < match.start() and quoted[1] < end for start, end in titles)
            if (not after or not after.isalnum()) and not inside:
                yield quoted[0] - 1, quoted[1] + 1, *quoted
    for start, end in titles:
        yield start, end, start, end
    for start, end in dashed_titles(text.work):
        yield start, end, start, end
    if (opening := colon_title(text.work)) is not None:
        yield *opening, *opening


# "greenfield q1 (lowercase pls)", "X (keep the caps)": a request about how the name is written,
# in brackets after it ("Harbor Circuit (pilot)" keeps its bracket); "Canvas)" of "(working title
# Canvas)": the bracket that closes around it.
_REMARK = re.compile(
    r"\s*\([^()]*\b(?:pls|plz|please|lower-?case|caps|capitals|as\s+(?:written|is|typed)|sic"
    r"|for\s+now)\b[^()]*\)$",
    re.IGNORECASE,
)


# What joins the next part, not the title: "Story Time -" of "Our content series - Story Time -
# is for ...". A sentence's stop after it goes too (`without_sentence_stop`): "The Long Table."
_JOINING_DASH = re.compile(r"[ \t]+[-–—:]+$")


def _without_remark(name: str) -> str:
    if name.endswith(")") and "(" not in name:
        return name[:-1].rstrip()
    cut = _REMARK.search(name)
    return without_trailing_mark(name[: cut.start()].rstrip() if cut and cut.start() > 0 else name)


def without_trailing_mark(name: str) -> str:
    """The name without a sentence's stop or a joining dash after it."""
    if name.count(".") > 1:
        return name  # "Ready. Set. Go." is written so
    return without_sentence_stop(_JOINING_DASH.sub("", name)) or name


_FILLER = re.compile(r"^(?:(?:um+|uh+|erm?)\b[,\s]+)+(?=\w)")


def find_name(text: Text, result: Extraction) -> None:
    """The campaign's name, the surest way it is written first; its words are masked."""
    # "Name as per subject line", "name: same as the subject": the e-mail's subject, its title.
    pointer = _NAME_AS_SUBJECT.search(text.work)
    subject = _subject_title(text.original) if pointer else None
    if pointer and subject and MASK not in text.work[subject[0] : subject[1]]:
        name = text.span(*subject)
        text.mask(*subject)
        text.mask(*pointer.span())
        result.values["name"] = Candidate("name", unescaped(name), name)
        return
    for mask_start, mask_end, start, end in _name_spans(text):
        # "it's called um the tuning fork": a voice note's filler is no word of the name.
        name = _FILLER.sub("", _without_remark(text.span(start, end)))
        if not name.strip() or _only_money(name):
            continue  # "NOK 250 000, email + LinkedIn": a budget written in capitals, no title
        text.mask(mask_start, mask_end)
        if len(name) > NAME_MAX:
            result.problems.append(
                f"That name is {len(name)} characters long; names are at most {NAME_MAX}."
            )
        elif any(ord(char) < 32 for char in name):
            result.problems.append("A name must be a single line of text.")
        else:
            result.values["name"] = Candidate("name", unescaped(name), name)
        return


# A name that points at the e-mail's subject ("Name as per subject line", "same as the subject").
_SUBJECT_POINTER = (
    r"(?:as\s+(?:per|in)|same\s+as|see|from|use|like)\s+(?:the\s+)?(?:e-?mail'?s?\s+)?subject\b"
)
_NAME_AS_SUBJECT = re.compile(
    rf"\b(?:(?:campaign\s+)?name|title|call\s+it)\s*[:=-]?\s*{_SUBJECT_POINTER}", re.IGNORECASE
)
# The subject line, without its reply and forward marks and a request dashed after the title
# ("Subject: RE: Gigabit Street Promo – please set up").
_SUBJECT_LINE = re.compile(
    r"(?im)^[ \t]*subject[ \t]*:[ \t]*(?:(?:re|fw|fwd|aw|wg|tr)[ \t]*:[ \t]*)*"
    r"(?P<title>[^\n]+?)(?:[ \t]+[–—-][ \t]+[^\n]*)?[ \t]*$"
)


def _subject_title(original: str) -> tuple[int, int] | None:
    line = _SUBJECT_LINE.search(original)
    return line.span("title") if line else None


def _only_money(name: str) -> bool:
    bare = name.strip(" \t.,;:!")
    return any(money.marked and money.raw == bare for money in find_amounts(bare))


# Small words a title keeps in lower case ("Back to Work", "Return of the Data", "Rock n' Roll").
_TITLE_SMALL = frozenset("a an and at by for from in of on or the to with vs vs. & n n' n’".split())  # noqa: SIM905
_TITLE_ANSWER_WORDS = 8
_SUBTITLE = re.compile(r"\w[:]\s+\S|\S\s+[-–—]\s+\S")
_LABEL_FIRST = re.compile(
    r"\s*(?:name|title|called|call\s+it|campaign(?:\s+name)?)\s*[:\-–—]", re.IGNORECASE
)

# Another field's label opening the reply: its value, not a title with a subtitle.
_OTHER_FIELD_FIRST = re.compile(
    r"\s*(?:budget|spend|audience|target(?:\s+audience)?|objective|goal|aim|kpi|type|channels?"
    r"|launch(?:\s+date)?|go[-\s]?live|start(?:\s+date)?|date)\s*[:\-–—]",
    re.IGNORECASE,
)


def _titled(token: str) -> bool:
    first = next((char for char in token if char.isalnum()), "")
    return first.isupper() or first.isdigit()


def is_title(words: str) -> bool:
    """Two or more words, each capitalised (or a figure) but a title's small words: "Meet the
    Makers", "Ad-Free August" name something; they describe nothing."""
    tokens = [token for token in words.split() if any(char.isalnum() for char in token)]
    if len(tokens) < 2 or not (_titled(tokens[0]) and _titled(tokens[-1])):
        return False
    return all(_titled(token) or token.lower() in _TITLE_SMALL for token in tokens)


def title_answer(text: Text, result: Extraction, pending: tuple[str, ...]) -> bool:
    """The reply to "What should it be called?" typed as a title is the name, whole.

    "Partner Enablement Live" or "Webinar Wednesdays" right after the name was asked names the
    campaign: read word by word, its first word set the type (partner, webinar) and the name
    was lost. A title is two or more capitalised words (a title's small words aside), on one
    line, with no sentence punctuation; words that are all a type's or channels' ("Paid
    Social") say what it is or where it runs, not what it is called. Only a title holding such
    a word is taken here; any other reply ("Sounds Good") goes the usual way, past the checks
    that keep a reply out of a field."""
    work = text.work.strip()
    # A title with a subtitle ("Data Ops Live: Spring Edition", "Q3 Push – EMEA") is one title;
    # the usual path read it as a label and its value, or kept only the part before the dash.
    subtitle = _SUBTITLE.search(work) is not None and not _LABEL_FIRST.match(work)
    if pending[:1] != ("name",) or "\n" in work or re.search(r"[,;?]", work):
        return False
    if _OTHER_FIELD_FIRST.match(work):
        return False  # "Budget: £75k" answers another question than the name's
    if ":" in work and not subtitle:
        return False
    tokens = [token for token in work.split() if any(char.isalnum() for char in token)]
    if not 2 <= len(tokens) <= _TITLE_ANSWER_WORDS or not _titled(tokens[0]):
        return False
    if not all(_titled(token) or token.lower() in _TITLE_SMALL for token in tokens):
        return False
    matches = [m for m, _ in types_in(work)] + [m for m, _ in channels_in(work)]
    if not matches and not subtitle:
        return False  # no word the type reader would take: the usual answer path reads it
    rest = work
    for match in matches:
        rest = rest[: match.start] + " " * (match.end - match.start) + rest[match.end :]
    if not any(_titled(token) and token.lower() not in _TITLE_SMALL for token in rest.split()):
        return False
    name = work.rstrip(" .!")
    start = text.work.find(name)
    text.mask(start, start + len(name))
    result.values["name"] = Candidate("name", name, name)
    return True
