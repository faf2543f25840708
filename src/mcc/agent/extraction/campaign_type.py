"""The campaign's type in a message: a type word where the words around it say it names the
campaign (not a channel in a list), else a webinar from its online format ("a live-streamed
panel"), else a type its words imply (`implied_types.IMPLYING`: the accounts it targets, posts on
the networks, a new product brought out, print media)."""

from __future__ import annotations

import re

from mcc.agent.campaign_kinds import ASKED
from mcc.agent.campaign_kinds.described import described_kind
from mcc.agent.extraction.channels import CHANNEL_REMOVE, RULED_OUT, ends_with_channel, left_out
from mcc.agent.extraction.formats import online_format
from mcc.agent.extraction.implied_types import IMPLYING
from mcc.agent.extraction.proceed_questions import WANTING_TO, proceed_body
from mcc.agent.extraction.remarks import after_remarks
from mcc.agent.extraction.spans import MASK, Candidate, Extraction, Text
from mcc.agent.extraction.vocabulary import (
    MEASURE_AFTER,
    TYPE_CHANNEL,
    TYPE_PHRASE_CHANNEL,
    PhraseMatch,
    channels_in,
    types_in,
)
from mcc.campaigns.schemas import CampaignType

# Types named after the medium they run in: in a list of channels, the medium.
_MEDIA_TYPES = frozenset({CampaignType.EMAIL, CampaignType.SOCIAL, CampaignType.PAID})
# The items next to a word in a list ("email, LinkedIn", "LinkedIn & events").
_NEXT_ITEM = re.compile(r"[ \t]*(?:[,&+/]|\band\b|\bplus\b)[ \t]*(?P<item>[^,;.&+/\n]+)", re.I)
_PREVIOUS_ITEM = re.compile(
    r"(?P<item>[^,;.&+/:\n\x00]+)[ \t]*(?:[,&+/]|\band\b|\bplus\b)[ \t]*$", re.IGNORECASE
)
_TYPE_CONTEXT_AFTER = re.compile(
    # Same line only: "email" ending a channel list is no type because the next line is a name.
    r"^[ \t]*(?:[ \t](?:media[ \t]+)?(?:campaign|campaing|program(?:me)?|series|promotion|promo"
    # "[MKT-4471] Partner marketing request": a ticket's title names the kind requested.
    r"|blast|send|push|initiative|activation|sponsorship|presence|drip|burst|flight|blitz|called"
    r"|request"
    r"|named|titled|for|aimed\s+at"
    r"|targeting)\b|[\x00\"“'‘«])",
    re.IGNORECASE,
)
# People named by what they did at a campaign of that type, or by their part in an account's
# deal: "webinar no-shows", "event attendees", "ABM buying committees". Who it is for, not what.
_PEOPLE_AFTER = re.compile(
    r"[ \t]*(?:no[\s-]?shows|non[\s-]?attendees|attendees|registrants|visitors|viewers"
    r"|participants|drop[\s-]?offs|dropouts|buying\s+(?:committees?|groups?|centers?|centres?)"
    r"|decision[\s-]?makers|stakeholders)\b",
    re.IGNORECASE,
)
_CHANNEL_LINE = re.compile(r"\b(?:chann?e?ls?|ch|mix|via|across|on)\b", re.IGNORECASE)
_TYPE_CONTEXT_BEFORE = re.compile(
    r"(?:\b(?:a|an|new|our|the|this|some|few|type(?:\s+is)?|it'?s(?:\s+an?)?|it\s+is(?:\s+an?)?"
    r"|make\s+it\s+an?"
    # Not "the channels are [paid social]": a channel list's item is no type.
    r"|tier\s*[123]|run\s+an?|plan\s+an?|set\s+up\s+an?|(?:conduct|hold)(?:ing)?\s+(?:an?|one))(?:\s+(?!for\b|to\b|with\b|and\b|chann?e?ls?\b)"
    r"[\w'’-]+){0,2}"
    r"|\b(?:plan(?:ning)?|run(?:ning)?|organi[sz](?:e|ing)|host(?:ing)?|set(?:ting)?\s+up"
    # "we'll run one webinar": "one" right before the type word (not "no one reads email")
    r"|(?<!\bno\s)\bone"
    r"|do(?:ing)?|need|want|create|creating)"
    r"|\b(?:type|kind|format)\s*[:|–—=→](?:\s*[\w'’-]+){0,4}"
    r"|(?:^|\n)[ \t]*(?:[-*•·][ \t]*)?what[ \t]*[:|–—]"
    # "a short burst of paid ads", "a series of webinars": a run of the campaign's kind.
    r"|\b(?:burst|series|set|round|wave|flight|run|couple|handful|string)\s+of(?:\s+[\w'’-]+)?"
    # "new draft → Paid burst → ...": the terse line that opens a draft names its kind next.
    r"|\b(?:new\s+)?(?:draft|campaign)\s*(?:→|->|=>|:|[–—-]))\s*$",
    re.IGNORECASE,
)
_MESSAGE_START = re.compile(
    r"[\W_]*(?:(?!(?:channels?|are|is|via|on|in|by|through|with|using|only|just|and|plus|also"
    r"|no|not|without|drop|remove|add|skip|scratch|ditch|nix|kill|delete|strike|forget|cut)\b"
    r"(?![-'’]))[\w'’-]+(?:[.,!]*\s+|[.,!]+)){0,3}",
    re.IGNORECASE,
)


# A clause that says where the campaign runs: "channels: just boosted posts".
_CHANNELS_LABEL = re.compile(r"\bchann?e?ls?\s*(?:[:=—–-]|are\b|is\b|will\s+be\b)", re.IGNORECASE)


# Words that end a channel list and say what the campaign is: "Channels: LinkedIn, type: email",
# "main channel is email, so it's an email campaign".
_LIST_ENDS = re.compile(r"\b(?:type|kind|format|campaign|it'?s|so|want|we)\b|[|:]", re.IGNORECASE)


# A verb of using or a route before a type word that is also a channel: where the campaign runs.
_USED_BEFORE = re.compile(
    r"\b(?:use|using|used|via|through|thru|over)\s+(?:the\s+|our\s+|some\s+|a\s+bit\s+of\s+)?$",
    re.IGNORECASE,
)


def _in_channel_list(clause: str) -> bool:
    """The clause ends inside the list a channels label opens ("channels: our email list / ")."""
    labels = list(_CHANNELS_LABEL.finditer(clause))
    return bool(labels) and not _LIST_ENDS.search(clause, labels[-1].end())


def _implied_type(text: Text, result: Extraction) -> None:
    """ABM from the accounts it targets, paid or social from its posts on social networks, a
    product launch from the new product it brings out, "other" from print media, when no word
    of the message named a type."""
    if "type" in result.values:
        return
    # Read in the message as written: the accounts may also be the audience ("target accounts
    # in banking"), which the audience's span has already taken from the working text.
    for pattern, kind in IMPLYING:
        match = pattern.search(text.original)
        if match is None:
            continue
        before = text.original[max(0, match.start() - _NEAR) : match.start()]
        clause = re.split(r"[\n.;]", before)[-1]
        if kind is not CampaignType.ABM and _CHANNELS_LABEL.search(clause):
            continue  # "channels: just boosted Facebook posts" says where it runs, not what
        if CHANNEL_REMOVE.search(before[-40:]):
            continue  # "organic only, no Facebook ads": a channel left out, no type
        result.values["type"] = Candidate("type", kind.value, match.group(), implied=True)
        return


# A line's start opens one too: a pasted chat's "Webinar (live Q&A) — "X"" under its header.
_CLAUSE_OPEN = re.compile(r"(?:[—–:;,(|\n]|\s-)\s*$")
# How far around a type word its checks look (a line of a brief is shorter).
_NEAR = 300
_CLAUSE_OPEN_ADJ = re.compile(r"[:;(]\s*(?:[\w'’-]+\s+){1,2}$")  # "decided: one-off ..."
# "(webinar)", "[type: event]", "(in-person event)": a word or two may say which kind.
_BRACKET_OPEN = re.compile(
    r"[(\[]\s*(?:(?:type|format|kind)\s*[:=–—-]?\s*)?(?:[A-Za-z]+(?:-[A-Za-z]+)*\s+){0,2}$",
    re.IGNORECASE,
)
_KIND_VERBS = frozenset({"team up with", "teaming up with"})
# "Event: "Terroir Tasting Tour"", "Webinar: Hybrid Classroom Tools": a line headed by the kind,
# the title after its colon (not "Email: jo@example.com", a signature's address).
_KIND_HEADS_LINE = re.compile(r"(?:^|\n)[ \t]*(?:[-*•·>][ \t]*)?$")
_TITLE_AFTER_COLON = re.compile(rf"[ \t]*:[ \t]*(?:{MASK}|[\"“'‘«]|(?-i:[A-Z])(?![^\s@]*@))")
_TYPE_KEY = re.compile(
    r"(?:^|\n)[ \t]*(?:campaign[ \t]+)?(?:type|kind|format|motion|category)[ \t]*[:=][ \t]*"
    r"[\"“'‘]?$",
    re.IGNORECASE,
)
_BRACKET_CLOSE = re.compile(r"\s*[)\]]")
# The clause may end on the noun the type qualifies: "(ABM outreach)", "— partner tie-up,".
_CLAUSE_CLOSE = re.compile(
    r"(?:\s+(?:campaign|outreach|push|effort|play|program(?:me)?|drive|sprint|initiative"
    r"|activation|tie-up|burst|motion))?\s*(?:[,;.)(—–|]|\s-\s|$)",
    re.IGNORECASE,
)


def _format_type(text: Text, result: Extraction) -> None:
    """A webinar from its format ("a live-streamed panel", "an online demo session"), when no
    word of the message named a type."""
    match = online_format(text.original)
    if match is None:
        return
    evidence = text.span(match.start(), match.end())
    found = result.values.get("type")
    # "a workshop, held on Zoom": the event word is part of the online format that makes it a
    # webinar; any other type the user named stands.
    event = found is not None and found.value == CampaignType.EVENT.value
    if found is not None and not (event and found.evidence in evidence):
        return
    if found is None and MASK in text.work[match.start() : match.end()]:
        return  # words another field already took ("objective: online session sign-ups")
    text.mask(match.start(), match.end())
    result.values["type"] = Candidate("type", CampaignType.WEBINAR.value, evidence)


def _inside(match: PhraseMatch, longer: PhraseMatch) -> bool:
    """`match` is part of the longer phrase `longer`."""
    wider = longer.end - longer.start > match.end - match.start
    return wider and longer.start <= match.start and match.end <= longer.end


# What qualifies people after a plural ("partners [at] law firms", "affiliates [who] ...").
_QUALIFIED = re.compile(r"\s+(?:at|in|from|of|who|whose|that|with|on|across)\b", re.IGNORECASE)
# A bracket opened right before a type word: "social (paid)" says which kind of social when the
# words before the bracket name a channel (`ends_with_channel`).
_OPEN_BRACKET = re.compile(r"[(\[]\s*$")


def _named_type(text: Text, result: Extraction, pending: tuple[str, ...]) -> None:
    found = types_in(text.work)
    bare = text.work.strip(" .!,\x00").lower()
    channel_words = [m for m, _ in channels_in(text.work)]
    for match, kind in found:
        if any(_inside(match, longer) for longer in channel_words):
            continue  # "newsletter sponsorship", "social ads": a channel, not the type
        if _PEOPLE_AFTER.match(text.work, match.end) or MEASURE_AFTER.match(text.work, match.end):
            continue  # "webinar no-shows", "ABM buying committees": people, the audience
        said = text.work[match.start : match.end]
        if (
            said[-1:] in "sS"
            and not match.phrase.endswith("s")
            and _QUALIFIED.match(text.work, match.end)
        ):
            continue  # "partners at law firms", "affiliates who ...": people, the audience
        if CHANNEL_REMOVE.search(text.work[max(0, match.start - 40) : match.start]):
            continue  # "we won't run paid social on this one": a channel left out, no type
        if left_out(text.work, match.start, match.end):
            continue  # "take paid search off the channels": a channel left out, no type
        if RULED_OUT.search(text.work[max(0, match.start - 40) : match.start]):
            continue  # "definitely not a webinar, more of a meetup": the kind it is not
        bracket = _OPEN_BRACKET.search(text.work, 0, match.start)
        closed = text.work[match.end :].startswith((")", "]"))
        if bracket and closed and ends_with_channel(text.work[: bracket.start()]):
            continue  # "social (paid)": which kind of that channel, not the campaign's type
        # The words around it, in a window: each check looks at what is next to the type word,
        # and a message of hundreds of type words ("ads on X and ads on X ...") stays linear.
        after = text.work[match.end : match.end + _NEAR]
        before = text.work[max(0, match.start - _NEAR) : match.start]
        alone = bare == match.phrase or (len(found) == 1 and "type" in pending)
        listed = match.phrase in TYPE_PHRASE_CHANNEL or kind in TYPE_CHANNEL
        line = before.rsplit("\n", 1)[-1] + match.phrase + after.split("\n", 1)[0]
        if listed and _in_channel_list(re.split(r"[\n.;]", before)[-1]):
            continue  # "channels: our customer email list / LinkedIn": where it runs, not what
        if listed and "type" not in pending and _USED_BEFORE.search(before):
            continue  # "we'll use e-mail", "going out via paid Instagram": where, not what
        medium = match.phrase in TYPE_PHRASE_CHANNEL or kind in _MEDIA_TYPES
        following = _NEXT_ITEM.match(after)
        preceding = _PREVIOUS_ITEM.search(before)
        listed_next = bool(following and channels_in(following["item"]))
        listed_after = bool(preceding and channels_in(preceding["item"]))
        channel_list = listed and ((medium and listed_next) or listed_after)
        # The message starts with it (after an emoji, or an adjective: "Annual user conference"),
        # unless it is a medium opening a list of channels or any word inside one ("Name: X,
        # email, LinkedIn, events" says where it runs; "Name: X, webinar, email" what it is).
        opens_brief = match.start <= _NEAR and _MESSAGE_START.fullmatch(after_remarks(before))
        alone = alone or (bool(opens_brief) and not channel_list)
        # A clause of its own in a list: "another one — ABM, name it ...", "new: webinar; ...".
        # Not for a type that is also a channel: "on linkedin, email, and events" lists channels.
        # Unless it is the one channel word of a line that is no channel list ("decided: live
        # webinar, name ...", "decided: one-off promotional email, ...").
        named = match.phrase not in TYPE_PHRASE_CHANNEL and len(channels_in(line)) < 2
        named = named and not _CHANNEL_LINE.search(before.rsplit("\n", 1)[-1])
        opens = _CLAUSE_OPEN.search(before) or (named and _CLAUSE_OPEN_ADJ.search(before))
        own = (not listed or named) and opens
        own = own and _CLAUSE_CLOSE.match(after)
        alone = alone or bool(own) or _follows_title(text, result, match.start, after)
        # The answer to "which channels?" lists channels ("email and SMS"): a channel word at its
        # start is no new type unless the words around it say so ("an email campaign").
        if listed and "channels" in pending and "type" not in pending:
            alone = False
        # With the type known, a list of channels ("email, SMS and display pls") answers where
        # it runs: its first word is no new type unless it stands alone ("actually email").
        if listed and "type" not in pending and pending and bare != match.phrase:
            alone = alone and len(channel_words) < 2
        # A type in brackets of its own labels the campaign: 'run "X" (webinar), email and
        # LinkedIn', "[type: event]", even among channel words.
        alone = alone or bool(_BRACKET_OPEN.search(before) and _BRACKET_CLOSE.match(after))
        # 'kind = "content hub"', "format: video series": the value of a type's key.
        alone = alone or bool(_TYPE_KEY.search(before))
        alone = alone or bool(_KIND_HEADS_LINE.search(before) and _TITLE_AFTER_COLON.match(after))
        # "we'd like to team up with a letting agency": a doing that is the kind itself.
        alone = alone or match.phrase in _KIND_VERBS
        # A masked value right after the last item of a channel list ("... / paid search goal
        # X") is the next field, not the quoted name a type word goes before.
        context_after = _TYPE_CONTEXT_AFTER.match(after) and not (
            channel_list and after.lstrip(" \t").startswith(MASK)
        )
        if alone or context_after or _TYPE_CONTEXT_BEFORE.search(before):
            evidence = text.span(match.start, match.end)
            # "named accounts" say who the campaign is for, and imply ABM: the words stay for
            # the audience, and a type the user stated wins over them.
            implied = kind is CampaignType.ABM and match.phrase.endswith("accounts")
            if not implied:
                text.mask(match.start, match.end)
            result.values["type"] = Candidate("type", kind.value, evidence, implied=implied)
            channel = TYPE_PHRASE_CHANNEL.get(match.phrase)
            if channel:
                result.channels.append(Candidate("channels", channel, evidence))
            return


# "Cobalt Reach / webinar / CFOs in Spain": the part right after an unlabelled title says what
# the campaign is, even in a line that also lists channels.
_AFTER_TITLE = re.compile(r"[ \t]*[,/(—–][ \t]*$|[ \t]+-[ \t]+$")


def _follows_title(text: Text, result: Extraction, start: int, after: str) -> bool:
    name = result.values.get("name")
    if name is None or not _CLAUSE_CLOSE.match(after):
        return False
    before = text.original[:start]
    title_end = before.rfind(name.evidence)
    return (
        title_end >= 0
        and not _LABELLED_NAME.search(before)
        and bool(_AFTER_TITLE.fullmatch(before, title_end + len(name.evidence)))
    )


_LABELLED_NAME = re.compile(r"(?i)\b(?:name|title|called|named)\s*[:=]?\s*[\"'“‘]?[^\n]*$")


# A campaign of a kind none of the product's types names ("an SMS blast", "a donation drive",
# "a direct mail drop"), given as the type: when asked for it, or after a type label. It is an
# "other" campaign; asking again could never get a listed type out of it.
_KIND_HEAD = (
    r"(?:campaign|promo|promotion|drive|appeal|sale|offer|push|drop|blast|broadcast|mailing"
    r"|mailer|mail|programme|program|initiative|challenge|contest|competition|sweepstakes"
    r"|fundraiser|outreach|pilot)"
)
_KIND = rf"(?P<kind>(?!(?:a|an|the|new|another)\s)(?:[\w&'’+-]+[ \t]+){{1,4}}{_KIND_HEAD})"
_ASKED_KIND = re.compile(
    r"^[ \t]*(?:(?:it'?s|its|it\s+is|it'?ll\s+be|we'?re\s+doing)[ \t]+)?"
    rf"(?:(?:an?|the)[ \t]+)?{_KIND}[ \t.!]*$",
    re.IGNORECASE,
)
_LABELLED_KIND = re.compile(
    rf"(?im)^[ \t]*(?:[-*•·][ \t]*)?(?:campaign[ \t]+)?type[ \t]*[:=|–—][ \t]*{_KIND}[ \t]*$"
)


def unlisted_kind(words: str) -> bool:
    """`words` are a kind of campaign that none of the product's types names."""
    return not types_in(words) and bool(_ASKED_KIND.match(words))


def _unlisted_type(text: Text, result: Extraction, pending: tuple[str, ...]) -> None:
    if "type" in result.values:
        return
    asked = _ASKED_KIND.match(text.work) if pending[:1] == ("type",) else None
    match = asked or _LABELLED_KIND.search(text.work)
    if match is None or MASK in match["kind"]:
        return
    # Unmasked: its channel words are still the channels ("an SMS blast" runs in SMS).
    evidence = text.span(match.start("kind"), match.end("kind"))
    result.values["type"] = Candidate("type", CampaignType.OTHER.value, evidence)


# Words that introduce what the campaign is, in a newcomer's sentence rather than a type word:
# "What we have in mind is a barbecue for customers at our depot", "The plan is three emails
# to our mailing list", "We're thinking of personalised outreach to twelve hospital groups".
_DESCRIBED = re.compile(
    r"\b(?:what\s+(?:we|i)\s+(?:have|had)\s+in\s+mind|what\s+(?:we|i)(?:'re|’re|\s+are|'m|\s+am)"
    r"\s+(?:planning|thinking\s+of|picturing|imagining)|the\s+(?:plan|idea|concept)"
    r"|(?:we|i)(?:'re|’re|\s+are|'m|\s+am)\s+(?:thinking\s+of|picturing|imagining)"
    # What the writer wants to do, as the thing done: "we want to run a customer evening",
    # "thinking about a joint offer with our distributor", "putting on an online masterclass".
    rf"|{WANTING_TO}"
    r"\s+(?:run|host|hold|put\s+on|organi[sz]e|do|try|start|set\s+up|kick\s+off"
    r"|put\s+together|send|create|make|build|plan|get)"
    r"|(?:^|[.!—–:]\s*|\b(?:we'?re|i'?m|we\s+are|i\s+am)\s+)(?:thinking\s+(?:about|of)"
    r"|considering|putting\s+on|running|hosting|holding|organi[sz]ing|sponsoring|planning))"
    r"(?:\s+(?:is|was|would\s+be|will\s+be|here\s+is))?\s*[:—–-]?\s+"
    r"(?=(?:a|an|some|one|two|three|four|five|six|tailored|personalised|personalized)\s)",
    re.IGNORECASE,
)


def _described_type(text: Text, result: Extraction) -> None:
    """The type a newcomer describes after "what we have in mind is", by meaning, when no
    word of the message named one."""
    if "type" in result.values:
        return
    for match in _DESCRIBED.finditer(text.original):
        described = described_kind(text.original, match.end(), 0)
        if described is not None:
            kind, phrase = described
            result.values["type"] = Candidate("type", kind.value, phrase, implied=True)
            return


_OPENING_WORDS = re.compile(
    r"^(?:[\W_]*\b(?:ok(?:ay)?|so|right|well|um+|hey|hi|yo|hiya)\b)*[\W_]*", re.I
)


def _kind_asked_to_begin(text: Text, result: Extraction) -> None:
    """The kind a newcomer names before asking how to begin ("re-engagement emails to dormant
    users — where do I start?"), by meaning, when no word of the message named one."""
    if "type" in result.values:
        return
    body = proceed_body(text.original)
    if body is None:
        return
    start = _OPENING_WORDS.match(body)
    # The request to begin after it says a kind is described: as sure as an answer must be.
    described = described_kind(body, start.end() if start else 0, 0, least=ASKED)
    if described is not None:
        kind, phrase = described
        result.values["type"] = Candidate("type", kind.value, phrase, implied=True)


# The writer choosing "other" as the type, whatever the words before it suggest: "it's a loyalty
# programme relaunch, just use other", "print ad in the parish magazine, type other", "SMS
# campaign, I know it's not on your list so other is fine", "leaflet drop, type: other". Not
# "other channels", "each other", "the other campaign": "other" there qualifies a noun.
_CHOSEN_OTHER = re.compile(
    # A type label: "type other", "type: other", "campaign type is other".
    r"\b(?:campaign\s+)?(?:type|category)\s*(?:is\s+|[:=–—-]\s*)?[\"'“‘]?other[\"'”’]?"
    r"(?=\s*(?:[.,;!)—–]|\s-\s|$))"
    # A pick: "just use other.", "so other —" (not "go with other, smaller suppliers").
    r"|\b(?:just\s+)?(?:use|pick|choose|select|go\s+with|put\s+(?:it|this)\s+(?:as|under|in)"
    r"|mark\s+(?:it|this)(?:\s+as)?|treat\s+(?:it|this)\s+as|file\s+(?:it|this)\s+under"
    r"|counts?\s+as|so)\s+[\"'“‘]?other[\"'”’]?"
    r"(?=\s*(?:[.;!)—–]|\s-\s|$|(?:type|it\s+is|for\s+(?:the\s+)?type)\b))"
    # A verdict on it: "— other works.", "so other is fine", "other it is".
    r"|(?:^|[,;.!(—–]\s*|\s-\s|\b(?:so|just)\s+)[\"'“‘]?other[\"'”’]?\s+(?:works(?=\s*(?:[.,;!—–]|$"
    r"|\s+for\s+(?:me|us)))|is\s+fine|is\s+ok(?:ay)?|will\s+do|it\s+is)\b",
    re.IGNORECASE,
)


def chooses_other(words: str) -> bool:
    """`words` choose "other" as the campaign's type ("just use other", "type: other")."""
    return _CHOSEN_OTHER.search(words) is not None


def _chosen_other(text: Text, result: Extraction) -> None:
    """The type the writer chose as "other", over any the words implied."""
    match = _CHOSEN_OTHER.search(text.original)
    if match is not None:
        evidence = match.group().strip(" ,;.!(—–-")
        result.values["type"] = Candidate("type", CampaignType.OTHER.value, evidence)


def campaign_type(text: Text, result: Extraction, pending: tuple[str, ...]) -> None:
    """The type the message states, or else the one its words imply (run after the fields
    whose words could be mistaken for a type, before the channels)."""
    _named_type(text, result, pending)
    _format_type(text, result)  # "a live-streamed demo of our new app" is a webinar
    _implied_type(text, result)
    _described_type(text, result)
    _kind_asked_to_begin(text, result)
    _unlisted_type(text, result, pending)
    _chosen_other(text, result)
