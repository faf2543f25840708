"""Channel scope in what people write: lists, "only paid social", "SMS only", "no events",
"swap linkedin for x", each channel mapped to the product's channel vocabulary."""

from __future__ import annotations

import re

from mcc.agent.extraction.channel_sets import scope_channels
from mcc.agent.extraction.formats import online_format
from mcc.agent.extraction.spans import MASK, Candidate, Extraction, Text, value_end
from mcc.agent.extraction.vocabulary import SCOPES, PhraseMatch, channels_in

_CHANNELS_LABEL = re.compile(
    r"\b(?:channels?\s*(?:are|is|:|=|will\s+be)|(?:only|just|solely|exclusively)\s+"
    r"(?:use\s+|run\s+(?:on|in)\s+|on\s+|via\s+|through\s+)?)\s*",
    re.IGNORECASE,
)
_SWAP = re.compile(
    # "replace Google Ads (search) with the LinkedIn feed", "swap the members' email bulletin for
    # LinkedIn first": each side a channel's words, brackets and apostrophes too.
    r"\b(?:swap|replace|switch|change|trade)\s+(?:out\s+)?(?:the\s+)?(?P<old>[\w '’()-]{1,40}?)"
    r"\s+(?:for|with|to)\s+"
    r"(?P<new>[\w '’()-]{1,40}?)(?=\s*(?:[,.;!?\n]|$|please|instead|first|then))",
    re.IGNORECASE,
)
# Short names that are channels only where channels are listed ("channels: x, li", "email + LI",
# "fb and ig", "LI only"): elsewhere they are a letter or a syllable ("x2", "Wei Li").
# Also a word that is a channel only in a list of channels or scoped by "only": "email, social
# and search" runs paid search; "people who search for us" names no channel.
_SHORT_NAMES = {
    "x": "x", "li": "linkedin", "fb": "facebook", "ig": "instagram", "yt": "youtube",
    "search": "paid search",
}  # fmt: skip
_SHORT_CHANNEL = re.compile(
    r"(?<![\w-])(?P<short>x|li|fb|ig|yt|search)(?![\w-])(?:\s*\(twitter\))?", re.IGNORECASE
)
_CONNECTOR = re.compile(r"\s*(?:,|&|\+|/|\band\b|\bplus\b|\bor\b)\s*", re.IGNORECASE)
_WINDOW = 60
# "LI only", "just li", "add li too": a short name a scope or an addition is about.
_ONLY_BEFORE = re.compile(r"\b(?:only|just|add|include)\s+(?:on\s+|via\s+)?$", re.IGNORECASE)
_ADDED_BEFORE = re.compile(r"\b(?:add|include)\s+(?:on\s+|via\s+)?$", re.IGNORECASE)
_ONLY_NEXT = re.compile(r"\s*(?:only|alone|exclusively)\b", re.IGNORECASE)
_LISTED_BEFORE = re.compile(r"\x00\s*(?:,|&|\+|/|\band\b|\bplus\b|\bor\b)\s*$", re.IGNORECASE)
_LISTED_AFTER = re.compile(r"\s*(?:,|&|\+|/|\band\b|\bplus\b|\bor\b)\s*\x00", re.IGNORECASE)
_ONLY_AFTER = re.compile(
    r"\b(?:only|alone|exclusively|and\s+nothing\s+else|and\s+that'?s\s+it)\s*[.!]?\s*$",
    re.IGNORECASE,
)
CHANNEL_REMOVE = re.compile(
    r"\b(?:remove|drop|without|exclude|skip|no\s+more|not|no|minus|except|cut|lose|scratch|ditch"
    r"|(?<!n't\s)(?<!not\s)scrap"
    r"|nix|kill|delete|strike|forget(?:\s+about)?|take\s+out|leave\s+out"
    # "nothing on Google Ads", "zero paid social", "don't use LinkedIn"
    r"|nothing\s+(?:on|in|via|through|for)|none\s+(?:on|in|via)|zero"
    r"|(?:we\s+)?(?:don'?t|do\s+not)\s+(?:use|do|run|want|need)"
    # "— we won't do PPC this time", "we're not running email on this one"
    r"|(?:we\s+)?(?:won'?t|will\s+not|aren'?t|are\s+not|not)\s+(?:be\s+)?(?:do|doing|run|running|use"
    r"|using|touch|touching))\s+"
    r"(?:the\s+|any\s+)?$",
    re.IGNORECASE,
)


# A kind (of campaign, or a channel named like one) ruled out: "definitely not a webinar, more of
# a meetup", "it isn't really an ABM play", "an event rather than a webinar". The words that
# follow may name the kind meant instead.
RULED_OUT = re.compile(
    # "nothing paid for", "no paid this time", "without paid": the kind left out.
    r"\b(?:not|isn['’]?t|aren['’]?t|wasn['’]?t|never|than|instead\s+of|no\s+longer|nothing|no"
    r"|without)"
    r"(?:\s+(?:really|just|exactly|quite|so\s+much|even|actually))?"
    r"\s+(?:(?:a|an|the|any|your|our)\s+)?"
    r"(?:(?:typical|classic|standard|normal|usual|big|live)\s+)?$",
    re.IGNORECASE,
)


def _channel_names(text: Text, start: int, end: int) -> list[Candidate]:
    """The channels named between `start` and `end`, short names ("x", "li") included (the words
    were meant as channels there)."""
    found = [
        Candidate("channels", name, text.span(start + m.start, start + m.end))
        for m, name in channels_in(text.work[start:end])
    ]
    found += [
        Candidate("channels", _short_name(m), text.span(m.start(), m.end()))
        for m in _SHORT_CHANNEL.finditer(text.work, start, end)
    ]
    return found


def _short_name(match: re.Match[str]) -> str:
    return _SHORT_NAMES[match["short"].lower()]


def swap(text: Text, result: Extraction) -> None:
    """ "swap linkedin for x", "replace display with video", "video instead of display"."""
    match = _SWAP.search(text.work)
    if match is None or MASK in match.group():
        return
    old = _channel_names(text, match.start("old"), match.end("old"))
    new = _channel_names(text, match.start("new"), match.end("new"))
    if old and new:
        result.removed_channels += old
        result.channels += new
        text.mask(match.start(), match.end())


# A channel word that is what an objective counts or grows ("grow the newsletter to 5,000",
# "250 event registrations", "email subscribers") names no channel the campaign runs on.
_MEASURED_AFTER = re.compile(
    r"\s*(?:subscribers?|subscriptions?|sign-?ups?|readers(?:hip)?|registrations?|registrants"
    # "our email list" is where a send goes; "the email list size", "on the list by June" count.
    r"|list(?=\s+(?:size|growth|sign-?ups?|numbers?|count|by|to|from|of)\b)"
    r"|attendees|attendance|open\s+rates?|click(?:-through)?\s+rates?|followers|audience\s+size"
    # People named by where we met them ("website visitors", "webinar no-shows") are an audience.
    r"|visitors|no-?shows|viewers|traffic)\b",
    re.IGNORECASE,
)
_GROWN_BEFORE = re.compile(
    r"\b(?:grow|grows|growing|expand|expanding|build|building|double|triple|boost|boosting"
    r"|increase|increasing)\s+(?:the\s+|our\s+|its\s+)?$",
    re.IGNORECASE,
)
# "Channels: only paid search": the scope is the label's list; a channel word elsewhere in the
# message (inside the objective, the name) adds nothing to it.
_SCOPED_LABEL = re.compile(r"\s*(?:only|just|solely|exclusively)\b", re.IGNORECASE)
_AFTER_STOP = re.compile(r"[.!?;][ \t]+$")
_SENTENCE_END = re.compile(r"[.!?\n](?:\s|$)")
_SAID_CHANNELS = re.compile(r"\b(?:are|is|will\s+be)\s*$", re.IGNORECASE)
_NAMES_CHANNELS = re.compile(r"chann?e?ls?\b", re.IGNORECASE)  # not "invite-only dinner"
_LIST_END = re.compile(r"[.;!?\n](?:\s|$)|$")  # the list runs to its sentence's or line's end


# Ads on social networks, however they are listed: "Facebook ads", "FB/IG ads", "TikTok
# advertising", "paid Facebook and Instagram".
_NETWORK = r"(?:facebook|fb|instagram|insta|ig|meta|tiktok|snapchat|pinterest|reddit)"
_NETWORK_AT_END = re.compile(rf"\b{_NETWORK}$", re.IGNORECASE)
_NETWORKS = rf"{_NETWORK}(?:\s*(?:/|,|&|\+|\band\b|\bor\b)\s*{_NETWORK})*"
_PAID = r"(?:paid|sponsored|boosted|promoted)"
_PLATFORM_ADS = re.compile(
    rf"\b(?:paid\s+)?{_NETWORKS}\s+(?:ads?|adverts?|advertising|ad\s+campaigns?)\b"
    rf"|\b{_PAID}\s+{_NETWORKS}(?:\s+(?:posts?|content|reels?|videos?|ads?))?\b"
    rf"|\b{_NETWORKS}\s*[(\[]\s*paid\s*[)\]]"
    # "ads on Facebook", "advertising on Instagram and TikTok", "promoted tweets".
    rf"|\b(?:ads|adverts|advertising)\s+on\s+{_NETWORKS}\b|\bpromoted\s+tweets\b"
    # "paid posts on Meta and TikTok", "sponsored videos across Instagram".
    rf"|\b{_PAID}\s+(?:posts?|content|reels?|videos?|stories|placements?|ads?)\s+"
    rf"(?:on|across|via|in)\s+{_NETWORKS}\b"
    # "Facebook, Instagram and LinkedIn ads": the social networks' ads (LinkedIn's are its own).
    rf"|\b{_NETWORKS}(?=\s*(?:,|&|\+|\band\b)\s*linkedin\s+(?:ads|advertising)\b)"
    # "paid social on Facebook", "Meta ads (FB + IG)": the networks the paid social runs on.
    rf"|\b(?:paid\s+social|social\s+ads|meta\s+ads)\s*(?:[(\[]\s*|\s+(?:on|via|across)\s+)"
    rf"{_NETWORKS}\s*[)\]]?",
    re.IGNORECASE,
)
# "social (paid)", "social [paid]": the bracket says which kind of social.
_PAID_AFTER = re.compile(r"\s*[(\[]\s*paid\s*[)\]]", re.IGNORECASE)
# A short bracket after a channel says how it runs: "Email (owned list)", "LinkedIn (organic)".
_ASIDE_AFTER = re.compile(r"[ \t]*[(\[][^()\[\]\n]{1,40}[)\]]")
# "social (YouTube, TikTok)", "paid social [LinkedIn + Meta]": the bracket after a channel names
# where that channel runs, its platforms, not channels of their own (one channel to the tier).
_OPEN_AFTER = re.compile(r"\s*[(\[]\s*$")
_PLATFORM_JOIN = re.compile(
    r"(?:\s|,|&|\+|/|\x00|\b(?:and|or|our|the|on|via|mostly|mainly)\b)*", re.IGNORECASE
)


def _platform_of(work: str, start: int, listed: list[tuple[PhraseMatch, str]]) -> bool:
    opening = max(work.rfind("(", 0, start), work.rfind("[", 0, start))
    if opening < 0 or ")" in work[opening:start] or "]" in work[opening:start]:
        return False
    inside = work[opening + 1 : start]
    for other, _ in listed:
        if other.start >= opening:
            inside = inside.replace(work[other.start : other.end], "")
    if not _PLATFORM_JOIN.fullmatch(inside):
        return False
    # "every channel we have (email, LinkedIn)": a scope's bracket lists the channels it means.
    return any(
        other.end <= opening
        and name not in SCOPES
        and _OPEN_AFTER.fullmatch(work[other.end : opening + 1])
        for other, name in listed
    )


# What may stand before a "Channels:" label on its line: a bullet, a word or two ("Agreed").
_LINE_LEAD = re.compile(r"[\s\-*•·>|]*(?:[\w'’]+[ \t]+){0,2}")


def _says_the_channels(work: str, label: re.Match[str]) -> bool:
    """The label opens a sentence ("... 2038. Channels:") or says "channels are"."""
    after_stop = _AFTER_STOP.search(work[max(0, label.start() - 3) : label.start()])
    return bool(after_stop or _SAID_CHANNELS.search(label.group()))


def _opens_line(work: str, start: int) -> bool:
    """The label at `start` opens its line: a brief's "Channels:" line is the whole list, and
    a channel word in another line ("a write-up for our blog") adds nothing to it."""
    return bool(_LINE_LEAD.fullmatch(work, work.rfind("\n", 0, start) + 1, start))


# A capitalised word inside a sentence right before "PR": the name of an agency ("Halcyon PR").
_ORGANISATION_BEFORE = re.compile(r"(?<=[a-z,][ \t])(?-i:[A-Z][a-z]+)[ \t]+$")


def _lists_channels(text: Text, start: int, end: int) -> bool:
    """text[start:end] names a channel, or ads on a network read (and masked) already: the line
    "Channels: paid Instagram alone" is the whole list ("blog posts" elsewhere add nothing)."""
    return bool(channels_in(text.work[start:end]) or _PLATFORM_ADS.search(text.original[start:end]))


def _measured(work: str, start: int, end: int) -> bool:
    return bool(_MEASURED_AFTER.match(work, end) or _GROWN_BEFORE.search(work[:start]))


def channels(text: Text, result: Extraction) -> None:
    for ads in _PLATFORM_ADS.finditer(text.work):
        # "FB/IG ads", "paid Facebook and Instagram": paid social, one channel on those networks.
        text.mask(ads.start(), ads.end())
        if all(existing.value != "paid social" for existing in result.channels):
            evidence = text.span(ads.start(), ads.end())
            result.channels.append(Candidate("channels", "paid social", evidence))
    label = _CHANNELS_LABEL.search(text.work)
    scope: tuple[int, int] | None = None
    scoped = label and _NAMES_CHANNELS.match(label.group())
    if label and scoped:
        # "Channels: only paid search", or a brief's "Channels:" line: the list runs to its end.
        stop = _LIST_END.search(text.work, label.end())
        end = stop.start() if stop else len(text.work)
        line_end = text.work.find("\n", label.end())
        line_end = len(text.work) if line_end < 0 else line_end
        if _SCOPED_LABEL.match(text.work, label.end()):
            scope = (label.start(), end)
        elif _lists_channels(text, label.end(), line_end) and _opens_line(text.work, label.start()):
            scope = (label.start(), line_end)  # "Channels: LinkedIn; paid social"
        elif _says_the_channels(text.work, label) and _lists_channels(text, label.end(), end):
            # "... Launch: 27/04/2038. Channels: paid social and email.", "a six-episode podcast
            # ... channels are LinkedIn and paid social": the sentence that says which channels
            # lists them all ("podcast", "content for the website" said what it is), its items
            # apart by semicolons too ("Channels: email blasts; organic LinkedIn; PPC ads").
            sentence = _SENTENCE_END.search(text.work, label.end())
            scope = (label.start(), sentence.start() if sentence else len(text.work))
    if label and channels_in(text.work[label.end() : value_end(text.work, label.end())]):
        result.channels_mode = "replace"
    if _ONLY_AFTER.search(text.work) and channels_in(text.work):
        result.channels_mode = "replace"  # "SMS only", "email and nothing else"
    if label:
        # A short name is a channel in a list of channels ("channels: x, instagram").
        span_end = value_end(text.work, label.end())
        for short in _SHORT_CHANNEL.finditer(text.work, label.end(), span_end):
            candidate = Candidate("channels", _short_name(short), text.span(*short.span()))
            result.channels.append(candidate)
            text.mask(short.start(), short.end())
    listed = channels_in(text.work)
    # "email, ..., webinar and newsletter": beside email, a newsletter is a channel of its own.
    both = {m.phrase for m, _ in listed} >= {"newsletter"} and any(
        name == "email" and m.phrase != "newsletter" for m, name in listed
    )
    for match, channel in listed:
        if both and match.phrase == "newsletter":
            channel = "newsletter"
        if channel == "pr" and _ORGANISATION_BEFORE.search(text.original, 0, match.start):
            continue  # "our client at Halcyon PR": an agency's name, not press relations
        if channel in _WHAT_CONTENT_IS and _content(result) and _describes(text.work, match):
            continue  # "a content programme (SEO articles)": what the content is, no channel
        outside = scope is not None and not scope[0] <= match.start < scope[1]
        if outside or _measured(text.work, match.start, match.end):
            continue
        if _platform_of(text.work, match.start, listed):
            text.mask(match.start, match.end)  # "social (YouTube)": where that social runs
            continue
        paid = _PAID_AFTER.match(text.original, match.end) if channel == "social" else None
        if paid:  # "social (paid)": the paid kind, its bracket part of the evidence
            channel = "paid social"
        end = paid.end() if paid else match.end
        evidence = text.span(match.start, end)
        text.mask(match.start, end)
        aside = _ASIDE_AFTER.match(text.work, end)
        if aside and not channels_in(aside.group()):
            text.mask(end, aside.end())  # "Email (owned list)": about the channel, no audience
        candidate = Candidate("channels", channel, evidence)
        if CHANNEL_REMOVE.search(text.work[: match.start]) or left_out(
            text.work, match.start, match.end
        ):
            result.removed_channels.append(candidate)
        elif RULED_OUT.search(text.work[max(0, match.start - 40) : match.start]):
            continue  # "it's not a webinar, more of a meetup": what it is not, no channel
        elif all(existing.value != channel for existing in result.channels):
            result.channels.append(candidate)
    _short_channels(text, result)
    _networks_of_paid_social(text, result)
    _left_out_by_last_word(text, result)
    # "print, email and paid search; drop the print": a channel listed, then left out, is out.
    removed = {candidate.value for candidate in result.removed_channels}
    result.channels = [c for c in result.channels if c.value not in removed]
    # "multichannel: email, events and paid social": the named channels are the scope.
    named = [c for c in result.channels if c.value not in SCOPES]
    if named and len(named) < len(result.channels):
        result.channels = named


# "— we're leaving the mailing list out", "keep LinkedIn out of it": a channel set aside.
# "leave LinkedIn out", "take paid search off (the channels)", "cross email off the list".
_LEAVE_BEFORE = re.compile(
    r"\b(?:leav(?:e|es|ing)|left|keep(?:s|ing)?|kept|tak(?:e|es|ing)|took|pull(?:s|ing)?|knock"
    r"|cross|strike)\s+(?:the\s+|our\s+|any\s+)?$",
    re.IGNORECASE,
)
_OUT_AFTER = re.compile(r"\s+(?:out|off)\b", re.IGNORECASE)


# "— search ads are off", "paid social is off the table", "email is out this time".
_OFF_AFTER = re.compile(
    r"\s*(?:(?:\s(?:is|are)|'re|’re|'s|’s)\s+(?:off(?:\s+the\s+table)?|out(?:\s+of\s+scope)?"
    r"|excluded|dropped|not\s+(?:needed|included|happening|in\s+scope|an\s+option))"
    # "— paid search isn't part of this", "(search ads won't be used)", "LinkedIn sits it out".
    r"|\s(?:isn'?t|is\s+not|aren'?t|are\s+not|won'?t\s+be|will\s+not\s+be)\s+(?:part\s+of"
    r"\s+(?:it|this|that|the\s+\w+)|needed|included|used|in\s+scope|happening|an\s+option"
    r"|on\s+the\s+list|in\s+the\s+mix)"
    r"|\s(?:sits?|stays?)\s+(?:it\s+|this\s+one\s+)?out)\b",
    re.IGNORECASE,
)


def left_out(work: str, start: int, end: int) -> bool:
    """The words around `work[start:end]` leave that channel out ("paid search is off the
    table", "take LinkedIn off the list"): no channel, and no campaign type either."""
    if _OFF_AFTER.match(work, end):
        return True
    return bool(
        _LEAVE_BEFORE.search(work, max(0, start - 40), start) and _OUT_AFTER.match(work, end)
    )


# The words that say what a content campaign is made of or for ("SEO articles", "blog posts").
_WHAT_CONTENT_IS = frozenset({"seo", "blog"})


# "SEO articles", "SEO-led guides", "content for SEO": the word qualifies the content itself.
_CONTENT_AFTER = re.compile(
    r"(?:-?(?:led|driven|focused|first|friendly|optimi[sz]ed))?"
    # "a blog and guides content run": the blog is a kind of content there too.
    r"(?:\s*(?:and|&|\+|/)\s*(?:articles?|guides?|videos?|podcasts?|how-tos?|e-?books?))?"
    r"\s*(?:articles?|guides?|content|hub"
    r"|series|pieces?|pages?|programmes?|programs?|library|playbooks?)\b",
    re.IGNORECASE,
)
_FOR_BEFORE = re.compile(r"\bfor\s+$", re.IGNORECASE)


def _describes(work: str, match: PhraseMatch) -> bool:
    return bool(_CONTENT_AFTER.match(work, match.end) or _FOR_BEFORE.search(work[: match.start]))


def _content(result: Extraction) -> bool:
    kind = result.values.get("type")
    return kind is not None and kind.value == "content"


# Social networks as channel names: where paid social runs, not channels of ours beside it.
_SOCIAL_NETWORKS = frozenset({"facebook", "instagram", "tiktok", "snapchat", "pinterest", "x"})


def _networks_of_paid_social(text: Text, result: Extraction) -> None:
    """ "paid social on Facebook", "paid Facebook + Instagram", "Facebook ad campaign", "ads on
    Instagram", "Meta ads (FB + IG)": networks named with paid social, or next to the words of
    a paid type, are where the paid social runs: one channel, not channels of their own."""
    networks = [c for c in result.channels if c.value in _SOCIAL_NETWORKS]
    if not networks:
        return
    kind = result.values.get("type")
    beside = kind is not None and kind.value == "paid" and _beside(text.original, kind, networks)
    if beside and all(c.value != "paid social" for c in result.channels):
        result.channels.append(Candidate("channels", "paid social", networks[0].evidence))
    if beside or any(c.value == "paid social" for c in result.channels):
        result.channels = [c for c in result.channels if c.value not in _SOCIAL_NETWORKS]


_JOINS = " +&/,()"


def _beside(original: str, kind: Candidate, networks: list[Candidate]) -> bool:
    """A network's words right before or after the paid type's ("on" between them allowed)."""
    start = original.find(kind.evidence)
    if start < 0:
        return False
    end = start + len(kind.evidence)
    for network in networks:
        at = original.find(network.evidence)
        between = original[end:at] if at >= end else original[at + len(network.evidence) : start]
        if at >= 0 and not re.sub(r"\bon\b", "", between).strip(_JOINS):
            return True
    return False


# "(email, LinkedIn, paid search, paid social) except search": a listed channel left out by its
# last word alone.
_EXCEPT_WORD = re.compile(
    r"\b(?:except|minus|but\s+not|bar|not|without|drop|skip)\s+(?:the\s+|for\s+)?"
    r"(?P<word>search|social|display|print)(?:\s+ads?)?\b",
    re.IGNORECASE,
)


def _left_out_by_last_word(text: Text, result: Extraction) -> None:
    for match in _EXCEPT_WORD.finditer(text.original):
        word = match["word"].lower()
        for candidate in result.channels:
            removed = {left.value for left in result.removed_channels}
            named = str(candidate.value).split()[-1:] == [word] and candidate.value != word
            if named and candidate.value not in removed:
                left = Candidate("channels", candidate.value, text.span(*match.span("word")))
                result.removed_channels.append(left)


def _short_channels(text: Text, result: Extraction) -> None:
    """ "LinkedIn & X", "email + li", "fb and ig", "LI only": a short name joined to a channel
    by a list's connector, or scoped by "only", is a channel too."""
    shorts = list(_SHORT_CHANNEL.finditer(text.work))
    for index, short in enumerate(shorts):
        # What joins a short name to a list is next to it: a window each side, and its two
        # neighbours, keep a row of thousands of "x;" cells from costing their square.
        before = text.work[max(0, short.start() - _WINDOW) : short.start()]
        after = text.work[short.end() : short.end() + _WINDOW]
        listed = bool(_LISTED_BEFORE.search(before) or _LISTED_AFTER.match(after))
        listed = (
            listed
            or any(  # "fb and ig": two short names joined by a connector
                _CONNECTOR.fullmatch(text.work[short.end() : other.start()])
                or _CONNECTOR.fullmatch(text.work[other.end() : short.start()])
                for other in shorts[max(0, index - 1) : index + 2]
                if other is not short
            )
        )
        scoped = bool(_ONLY_BEFORE.search(before) or _ONLY_NEXT.match(after))
        if not (listed or scoped):
            continue
        name = _short_name(short)
        if all(existing.value != name for existing in result.channels):
            result.channels.append(Candidate("channels", name, text.span(*short.span())))
        if scoped and not _ADDED_BEFORE.search(before):
            result.channels_mode = "replace"  # "LI only"
        text.mask(short.start(), short.end())


def named_channels(evidence: str) -> set[str]:
    """The channels a value's evidence names, a short name included ("li" is LinkedIn): the
    evidence is the words extraction took as channels."""
    named = {name for _, name in channels_in(evidence)} | set(scope_channels(evidence))
    if ("social" in named and _PAID_AFTER.search(evidence)) or _PLATFORM_ADS.search(evidence):
        named.add("paid social")  # "social (paid)", "FB/IG ads"
    if online_format(evidence):
        named.add("webinar")  # "a live online session, nothing else" runs as a webinar
    return named | {_short_name(match) for match in _SHORT_CHANNEL.finditer(evidence)}


def ends_with_channel(text: str) -> bool:
    """`text` ends with a channel's name: a bracket after it ("Email (owned list)", "LinkedIn
    (organic)") says how that channel runs, not who the campaign is for."""
    tail = text.rstrip()[-40:]
    named = any(match.end == len(tail) for match, _ in channels_in(tail))
    return named or bool(_NETWORK_AT_END.search(tail))  # "Meta (paid)": a network's kind
