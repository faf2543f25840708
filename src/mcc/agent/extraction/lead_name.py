"""A name written in running prose, with no label: the title a brief opens with.

People often start a brief with the campaign's title and then describe it: "Mosaic Retarget —
partner promo via email", "Pulse Winback, content, linkedin only", "Sable Co-Promo | content |
LinkedIn", or put it after the request: "pls set up Banyan Spring — it's a booth", "new partner
campaign Granite Data Days, email only", "We'd like to run Quartz CFO Program, a content
campaign", "So the plan is that Yarrow Deals goes live ...", "a second one: Rialto Spotlight
(partner / email)". The title is a run of capitalised words (a title's small words between
them) that ends at a separator, and the words after it describe a campaign. It is the least sure
way a name is written, so it is read only when no label, verb or quotation gave one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice

from mcc.agent.campaign_kinds.described import kind_by_meaning
from mcc.agent.extraction.labels import EMOJI
from mcc.agent.extraction.people_words import names_people
from mcc.agent.extraction.vocabulary import channels_in, types_in

# What may come before the title: nothing, a request to set one up, "new ... campaign", the
# next one of a series ("next one:", "and a second one:"), a "name" with no colon.
_LEAD = (
    r"(?:(?:hi|hey|hello|ok|okay|so|now|um+|uh+|great|cool|thanks|right|also|hallo|hola|bonjour"
    r"|salut|olá|ola|moin|ciao|servus|zusammen|equipo|team|all|everyone)[\s,.!]+){0,4}"
    # The request, in the languages briefs arrive in ("bitte anlegen:", "por favor crear").
    r"(?:(?:bitte|por\s+favor|porfa|merci\s+de|per\s+favore)\s+)?"
    r"(?:(?:anlegen|erstellen|crear|créer|criar|creare)(?:\s*[:—–])?\s+)?"
    r"(?:(?:pls|please|can\s+(?:u|you)|could\s+(?:u|you)|would\s+you|let'?s|i'?d\s+like\s+to"
    r"|we'?d\s+like\s+to|(?:i|we)\s+want(?:\s+to)?|we\s+need\s+to|need\s+to"
    r"|(?:it'?s|it’s|it\s+is)\s+time\s+to)\s+)?"
    r"(?:(?:set\s+up|setup|create|make|add|start|starting|kicking\s+off|plan|run|build|spin\s+up"
    r"|draft|open|log)(?:\s*[:—–])?\s+)?"  # "pls set up: Cobalt Reach / webinar / ..."
    r"(?:(?:new|another|a\s+new|the)\s+(?:[\w-]+\s+){0,2}?(?:campaign|one)"
    r"(?:\s+(?:please|pls))?\s*[:,—–-]?\s*(?:name\s+)?"
    r"|new\s*:\s*"
    r"|(?:and\s+)?(?:a\s+|the\s+)?(?:second|third|next|another|last|other)\s+(?:one|campaign)"
    r"(?:\s+(?:please|pls|is|will\s+be)|['’]s)?\s*[:,—–-]?\s*(?:name\s+)?"
    r"|campaign\s+(?:name\s+)?"
    r"|so\s+the\s+plan\s+is(?:\s+that)?\s+"
    r"|name\s+)?"
)
_SMALL_WORDS = r"of|the|and|&|de|du|la|x|vs\.?|for\s+(?-i:[A-Z])"
_SMALL = rf"(?:{_SMALL_WORDS})"
# ... and the small words a title set off by a cue may hold ("Then there's Back to the Coast —"):
# after an opening request, "at" and "in" start a place ("Event at SXSW in Austin").
_TITLE_SMALL = rf"(?:{_SMALL_WORDS}|to|in|on|at|a|an|with|by|from|n['’])"


def _cued_title(least: int, most: int) -> str:
    """The named group of a title set off by a cue: a capitalised word (or a figure, a hashtag),
    then `least` to `most` more, two small words at most between them."""
    more = rf"(?:[ \t]+(?:{_TITLE_SMALL}[ \t]+){{0,2}}{_WORD}){{{least},{most}}}"
    return rf"(?P<name>#?(?-i:[A-Z0-9]){_REST}{more})"


_REST = r"(?:[\w'’&+#]|[-.](?=\w))*"
# A word of the title; one in quotes too ("The \"Unstuck\" Series").
_WORD = rf"(?:(?-i:[A-Z0-9]){_REST}|[\"“](?-i:[A-Z0-9]){_REST}[\"”])"
# The first word starts with a capital letter or a hashtag ("#BuildWithUs Spring"), and may be a
# prefix with a colon ("Q2: Retail Ops Webinar"): "25K USD budget" is an amount, not a title.
# Emoji typed right after the title are part of it ("Green IT Pledge 🌱").
_TITLE = (
    rf"(?P<name>(?:(?-i:[A-Z])[A-Za-z]*\d[\w]*:[ \t]+)?#?(?-i:[A-Z]){_REST}"
    rf"(?:[ \t]+(?:{_SMALL}[ \t]+)?{_WORD}){{1,6}}(?:[ \t]?{EMOJI})*)"
)
# Where the title ends: a dash or colon between words, a comma, a bar, a parenthesis, a slash,
# or the verb of the sentence ("goes live", "launches").
_END = (
    r"(?=[ \t]+[—–-][ \t]|:[ \t]|[ \t]*,[ \t]|[ \t]*\|[ \t]|[ \t]+\(|[ \t]+/[ \t]"
    r"|[ \t]+(?:goes|going|will\s+go|launches|launching|starts|is\s+a|is\s+an|-\s*it"
    # "i want Pet Insurance Made Simple running as a paid campaign"
    r"|(?:running|runs|live|out)\s+as\s+(?:a|an|our|the)|as\s+(?:a|an|our)\s+[\w-]+\s+campaign)\b"
    r"|[ \t]+(?:type|budget|channels?|audience|objective|launch)\b)"
)
_AT = re.compile(
    rf"(?:^|(?<=\n)|(?<=[.!;][ \t])|(?<=[.!;][ \t]{{2}}))[ \t]*{_LEAD}{_TITLE}{_END}", re.IGNORECASE
)
# The words after the title describe a campaign: a type, a channel, money, a launch, "it's a".
_DESCRIBES = re.compile(
    r"campaign|promo|partner|content|abm|webinar|event|newsletter|email|linkedin|search|social"
    r"|budget|spend|launch|live|audience|objective|type|it'?s\s+a|thing|\d|[$€£]",
    re.IGNORECASE,
)
# A sentence that opens with one of these is not a title ("Actually LinkedIn, not email").
_OPENERS = frozenset(
    """actually also and but so then oh ok okay yes yeah no nope please pls sorry make change set
    move put push switch swap use add drop remove keep let can could would should just hi hey
    hello dear thanks thank great sure perfect cool wait hmm hope good morning update launch
    budget audience objective type channel channels name title date target goal kpi start new
    scratch cancel forget what how when why who where which is are does do january february
    march april may june july august september october november december jan feb mar apr jun
    jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday
    starts starting runs running goes going live send sends sending kicks ends ending due""".split()  # noqa: SIM905
)
# "CAD 40k budget", "USD 12,500": an amount, not a title.
_AMOUNT = re.compile(r"\d[\d,.]*[kKmM]\b|\d{1,3}(?:,\d{3})+")
_LABELS = re.compile(
    r"^(?:launch|start|go[\s-]live|target|due)\s+(?:date|audience)$|^(?:target\s+audience)$",
    re.IGNORECASE,
)


def _channel_list(name: str) -> bool:
    """Mostly channel words ("Email and LinkedIn"): a list, not a title ("Retail Ops Webinar")."""
    named = sum(match.end - match.start for match, _ in channels_in(name))
    return named * 2 > len(name.replace(" ", ""))


# "Second one is Featherlight: a social series", "Then there's Juniper — a co-marketing campaign",
# "a totally separate one: Loom, an ABM campaign": the title of the next campaign, a single word
# too, before what describes it.
_NEXT_ONE = re.compile(
    r"(?:\b(?:second|third|next|another|other|last)\s+(?:one|campaign)\s+(?:is|will\s+be)\s+"
    r"|\b(?:then|and|also|plus)\s+there['’]?s\s+(?:also\s+)?"
    r"|\b(?:second|third|next|another|other|separate|new)\s+(?:one|campaign)"
    r"(?:\s+(?-i:[a-z][a-z ]{0,30}?))?\s*:\s*"
    r"|\b(?:next\s+up|up\s+next)\s*[,:—–-]?\s*)"
    rf"(?:called\s+|named\s+)?{_cued_title(0, 5)}"
    r"(?=[ \t]*[:—–]|[ \t]+-[ \t]|[ \t]*,)",
    re.IGNORECASE,
)
# "Email campaign Leuven Lab Supplies. Audience: ...", "hey — social campaign Hanoi Street Eats,
# for ...", "Event campaign: Poznań Print Day.", "Webinar — Haifa Chip Talk — for ...", "Product
# launch — Dhaba Direct.": the kind of campaign opens the sentence, then its title, which ends
# there or where whom it is for begins.
_KIND_THEN_TITLE = re.compile(
    r"(?:^|(?<=[\n.!;:,—–/|])|(?<=\s-))[ \t]*"
    # ("We want a partner campaign with ...", "please, an event: ...")
    r"(?:(?:please|pls|bitte),?[ \t]+)?(?:(?:we|i)[ \t]+(?:want|need|would[ \t]+like)[ \t]+)?"
    r"(?:(?:a|an|one|our|the|new|une|un|ein|eine)[ \t]+)?"
    r"(?P<kind>(?:[\w-]+[ \t]+){0,2}?[\w-]+)[ \t]*"
    # ("Une campagne email : Petit Atelier": the kind may follow the word for campaign.)
    r"(?:[ \t](?:campaign|kampagne|campagne|campaña|campanha)(?:[ \t]+[\w-]+(?=[ \t]*[:—–]))?"
    r"[ \t]*[:—–-]?"
    # ("Partner campaign with our distributor: Ljubljana Outdoor Alliance.")
    r"|[ \t](?:campaign|kampagne|campagne|campaña|campanha)[ \t]+(?:with|for)[ \t]+"
    r"[^:.\n—–]{1,40}?:"
    r"|[ \t]*[:—–]|[ \t]+-)[ \t]*(?:(?:called|named)[ \t]+)?"
    + _cued_title(0, 6)
    + r"(?=[ \t]*(?:[.!;,(\n]|[—–][ \t]|-[ \t]|$)"
    r"|[ \t]+(?:for|to|aimed|targeting)[ \t]+(?-i:[a-z]))",
    re.IGNORECASE,
)
# "a livestream with Q&A, Stream Team, for nurses": a title set off between commas after what the
# campaign is, before whom it is for or its details (not the people themselves: "webinar, CFOs
# in Spain, 20k").
_APPOSITIVE = re.compile(
    r"(?P<kind>[^.!?\n]{4,120}?),[ \t]+"
    + _cued_title(1, 5)
    + r"[ \t]*,[ \t]+(?=for\b|aimed\b|targeting\b|goal\b|budget\b|launch|live\b|starting\b"
    r"|is\b|are\b|will\b|runs?\b|starts?\b|[$€£]|\d)",
    re.IGNORECASE,
)
# "Set up Tidewater: an email series for dentists": a request, then the title, then what it is.
_REQUESTED = re.compile(
    r"(?:^|(?<=[.!;\n])[ \t]*|(?<=\bpls|\bplz)[ \t]+|(?<=please)[ \t]+)[ \t]*"
    r"(?:(?:now|ok|okay|so|and|also|then|right),?[ \t]+)?"
    r"(?:(?:let['’]?s[ \t]+)?(?:set[ \t]+up|create|make|add|start|launch|run|plan|build|draft"
    r"|spin[ \t]+up|open|do))[ \t]+" + _cued_title(0, 5) + r"(?=[ \t]*[:—–][ \t]+\S)",
    re.IGNORECASE,
)


_APPOSITIVES = 3


def _kind_named(words: str) -> bool:
    """The words say what the campaign is: a type's word, or a kind by meaning."""
    return bool(types_in(words)) or kind_by_meaning(words) is not None


def _a_kind(name: str) -> bool:
    """The words are a type's whole phrase ("Product Launch"), not a title with one in it."""
    return any(match.end - match.start >= len(name.strip()) for match, _ in types_in(name))


def _a_title(name: str) -> bool:
    """Capitalised words that may be a title: not a sentence's opener ("Actually LinkedIn"), a
    label, a list of channels or an amount."""
    first = name.split()[0].lower().strip("'’#:")
    return not (
        first in _OPENERS or _LABELS.match(name) or _channel_list(name) or _AMOUNT.search(name)
    )


def lead_names(work: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each title that opens a sentence or follows a request in `work`."""
    for match in _NEXT_ONE.finditer(work):
        if _a_title(match["name"]):
            yield match.start("name"), match.end("name")
    for match in _REQUESTED.finditer(work):
        if _a_title(match["name"]) and _DESCRIBES.search(work, match.end(), match.end() + 80):
            yield match.start("name"), match.end("name")
    # Each candidate's kind may be read by meaning (one MiniLM run): a brief's first few only.
    for match in islice(_APPOSITIVE.finditer(work), _APPOSITIVES):
        if not match["name"][0].isalpha() or _OPENERS.intersection(match["name"].lower().split()):
            continue  # "..., 20 Sept, €25k": a date between the commas
        if names_people(match["name"]) or _a_kind(match["name"]):
            continue
        if _a_title(match["name"]) and _kind_named(match["kind"]):
            yield match.start("name"), match.end("name")
    for match in _AT.finditer(work):
        if _a_title(match["name"]) and _DESCRIBES.search(work, match.end(), match.end() + 80):
            yield match.start("name"), match.end("name")
    for match in _KIND_THEN_TITLE.finditer(work):
        name = match["name"]
        if types_in(match["kind"]) and _a_title(name) and not _a_kind(name):
            if names_people(name, surely=True) or name.split()[0].lower() in {"for", "to"}:
                continue  # "Email campaign For Dentists in Leeds": whom it is for
            yield match.start("name"), match.end("name")


# "Got an email series for ya — Tweed.", "we need a webinar – Spring Forward!": the title after
# a dash that follows the kind of campaign, ending its sentence.
_DASHED = re.compile(
    r"(?P<kind>\b(?:an?|the|our|one)\s+[^.!?\n—–]{2,60}?)[ \t]+[—–-][ \t]+"
    + _cued_title(0, 4)
    + r"(?=[ \t]*(?:[.!\n]|$))",
    re.IGNORECASE,
)


def dashed_titles(work: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each title after a dash that follows a kind of campaign in `work`."""
    for match in _DASHED.finditer(work):
        if types_in(match["kind"]) and _a_title(match["name"]) and not types_in(match["name"]):
            yield match.start("name"), match.end("name")


# "Rooftop Sessions: summer concert series ...", "Open Arms:, USD 35,000, ...", "peak week:;
# starting april 9; ...": a brief that opens with a short title and a colon. Not a label
# ("Budget:", "Goal:"), a heading of a message ("Quick one:", "Heads up:", "Re:"), a type or
# channel ("Webinar:"), a date or an amount.
_COLON_TITLE = re.compile(
    r"\A[ \t]*(?P<name>#?[^\W\d_][\w'’&+#-]*(?:[ \t]+[\w'’&+#-]+){0,3})[ \t]*:(?=[ \t,;-])",
)
# The first words of a message's headings ("Quick one:", "Heads up:", "Short version:").
_HEADINGS = frozenset(
    """quick heads fyi note brief request details summary context background subject re fwd fw
    to from cc ps reminder idea plan proposal ask question issue problem here campaign campaigns
    for who why step phase option agenda important urgent action todo correction edit edits fix
    changes status tldr overview info information spec specs dear team everyone folks guys
    morning afternoon evening asap follow followup next another draft attention nb short long
    our my the two three reference""".split()  # noqa: SIM905
)


def colon_title(work: str) -> tuple[int, int] | None:
    """(start, end) of the short title a brief opens with before a colon, if it does."""
    match = _COLON_TITLE.match(work)
    if match is None:
        return None
    name = match["name"]
    words = name.lower().strip("#").split()
    if words[0] in _OPENERS or words[0] in _HEADINGS:
        return None
    if types_in(name) or channels_in(name) or _AMOUNT.search(name):
        return None
    # A title, not a heading ("Pharma: HCP email program", "Short version: ..."): two title-cased
    # words or more ("Blue Monday Blues:"), or any words with the colon opening a list of fields
    # ("evergreen:, for vets", "peak week:; starting april 9", "Northbound: - ₦6m").
    titled = len(words) > 1 and bool(_TITLED.fullmatch(name))
    if not (titled or _LIST_OPENS.match(work, match.end())):
        return None
    window = (match.end(), match.end() + 80)
    if not (_DESCRIBES.search(work, *window) or _AIMED.search(work, *window)):
        return None
    return match.start("name"), match.end("name")


_TITLED = re.compile(rf"#?(?-i:[A-Z0-9]){_REST}(?:[ \t]+(?:{_SMALL}[ \t]+)?{_WORD})+")
_LIST_OPENS = re.compile(r"[,;]|[ \t]+[-–—][ \t]")


# Who or when a campaign is for, after a colon title: "Evergreen: for vets in rural Ireland".
_AIMED = re.compile(r"\b(?:for|starting|from|aimed|targeting)\b", re.IGNORECASE)
