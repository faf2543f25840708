"""Words people use for campaign types and channels, and which types are channels themselves.

Phrases are matched on word boundaries, longest first, so "paid social" wins over "social".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from mcc.agent.extraction.type_families import FAMILY_PHRASES
from mcc.agent.extraction.typos import typo_matches
from mcc.campaigns.schemas import CampaignType

TYPE_PHRASES: dict[str, CampaignType] = {
    "account-based marketing": CampaignType.ABM,
    "account based marketing": CampaignType.ABM,
    "account-based": CampaignType.ABM,
    "account based": CampaignType.ABM,
    "abm": CampaignType.ABM,
    "major product launch": CampaignType.PRODUCT_LAUNCH,
    "product launch": CampaignType.PRODUCT_LAUNCH,
    "feature launch": CampaignType.PRODUCT_LAUNCH,
    "product release": CampaignType.PRODUCT_LAUNCH,
    "launch campaign": CampaignType.PRODUCT_LAUNCH,
    "major launch": CampaignType.PRODUCT_LAUNCH,
    "co-marketing": CampaignType.PARTNER,
    "co marketing": CampaignType.PARTNER,
    "partner marketing": CampaignType.PARTNER,
    "partner": CampaignType.PARTNER,
    "webinar series": CampaignType.WEBINAR,
    "webinars": CampaignType.WEBINAR,
    "webinar": CampaignType.WEBINAR,
    "virtual event": CampaignType.WEBINAR,
    "user conference": CampaignType.EVENT,
    "conference": CampaignType.EVENT,
    "trade show": CampaignType.EVENT,
    "tradeshow": CampaignType.EVENT,
    "roadshow": CampaignType.EVENT,
    "summit": CampaignType.EVENT,
    "meetup": CampaignType.EVENT,
    "events": CampaignType.EVENT,
    "event": CampaignType.EVENT,
    # The word for an event in the languages briefs arrive in ("Evento: ...", "Veranstaltung").
    "evento": CampaignType.EVENT,
    "événement": CampaignType.EVENT,
    "evenement": CampaignType.EVENT,
    "veranstaltung": CampaignType.EVENT,
    "webinaire": CampaignType.WEBINAR,
    "email marketing": CampaignType.EMAIL,
    "e-mail": CampaignType.EMAIL,
    "email": CampaignType.EMAIL,
    "newsletter": CampaignType.EMAIL,
    "social media": CampaignType.SOCIAL,
    "organic social": CampaignType.SOCIAL,
    # Posts on the brand's own pages nobody pays to promote: organic social.
    "unpaid posts": CampaignType.SOCIAL,
    "unpaid social": CampaignType.SOCIAL,
    # A video series on social is the social campaign, not a "video" channel beside it.
    "social video series": CampaignType.SOCIAL,
    "social video": CampaignType.SOCIAL,
    "social": CampaignType.SOCIAL,
    "paid search": CampaignType.PAID,
    "paid social": CampaignType.PAID,
    "paid media": CampaignType.PAID,
    "ppc": CampaignType.PAID,
    "pay-per-click": CampaignType.PAID,
    "advertising": CampaignType.PAID,
    "paid": CampaignType.PAID,
    "content marketing": CampaignType.CONTENT,
    "content": CampaignType.CONTENT,
    "seo": CampaignType.CONTENT,
    "ebook": CampaignType.CONTENT,
    # What people plan without naming the type: the thing itself says which type it is.
    "joint promotion": CampaignType.PARTNER,
    "joint campaign": CampaignType.PARTNER,
    "joint webinar": CampaignType.PARTNER,
    "co-branded": CampaignType.PARTNER,
    "co-promotion": CampaignType.PARTNER,
    "reseller promotion": CampaignType.PARTNER,
    "reseller campaign": CampaignType.PARTNER,
    "channel partner": CampaignType.PARTNER,
    "promotional email": CampaignType.EMAIL,
    "email blast": CampaignType.EMAIL,
    "email send": CampaignType.EMAIL,
    "email sequence": CampaignType.EMAIL,
    "nurture sequence": CampaignType.EMAIL,
    "drip campaign": CampaignType.EMAIL,
    "nurture drip": CampaignType.EMAIL,
    "email drip": CampaignType.EMAIL,
    "drip sequence": CampaignType.EMAIL,
    "nurture track": CampaignType.EMAIL,
    "nurture stream": CampaignType.EMAIL,
    "nurture program": CampaignType.EMAIL,
    "email nurture": CampaignType.EMAIL,
    "newsletter send": CampaignType.EMAIL,
    "mailer": CampaignType.EMAIL,
    # A drip is a timed series of emails, whatever else the sentence says ("a drip of 3 emails").
    "drip": CampaignType.EMAIL,
    "email series": CampaignType.EMAIL,
    "series of emails": CampaignType.EMAIL,
    "emial": CampaignType.EMAIL,
    "google search ads": CampaignType.PAID,
    "search ads": CampaignType.PAID,
    "google ads": CampaignType.PAID,
    "display ads": CampaignType.PAID,
    "banner ads": CampaignType.PAID,
    "linkedin ads": CampaignType.PAID,
    "facebook ads": CampaignType.PAID,
    "instagram ads": CampaignType.PAID,
    "tiktok ads": CampaignType.PAID,
    "retargeting": CampaignType.PAID,
    "ad campaign": CampaignType.PAID,
    "ads": CampaignType.PAID,
    "launch of our new": CampaignType.PRODUCT_LAUNCH,
    "launch of the new": CampaignType.PRODUCT_LAUNCH,
    "launch of our": CampaignType.PRODUCT_LAUNCH,
    "launching our new": CampaignType.PRODUCT_LAUNCH,
    "release of our new": CampaignType.PRODUCT_LAUNCH,
    "release of our": CampaignType.PRODUCT_LAUNCH,
    "release of the new": CampaignType.PRODUCT_LAUNCH,
    "rollout of our": CampaignType.PRODUCT_LAUNCH,
    "unveiling of our": CampaignType.PRODUCT_LAUNCH,
    "debut of our": CampaignType.PRODUCT_LAUNCH,
    "go-to-market": CampaignType.PRODUCT_LAUNCH,
    "joint go-to-market": CampaignType.PARTNER,
    "virtual panel": CampaignType.WEBINAR,
    "live online session": CampaignType.WEBINAR,
    "online session": CampaignType.WEBINAR,
    "virtual session": CampaignType.WEBINAR,
    "online workshop": CampaignType.WEBINAR,
    "virtual workshop": CampaignType.WEBINAR,
    "virtual roundtable": CampaignType.WEBINAR,
    "online masterclass": CampaignType.WEBINAR,
    "livestream": CampaignType.WEBINAR,
    "live stream": CampaignType.WEBINAR,
    "webcast": CampaignType.WEBINAR,
    "web seminar": CampaignType.WEBINAR,
    "instagram giveaway": CampaignType.SOCIAL,
    "giveaway": CampaignType.SOCIAL,
    "social contest": CampaignType.SOCIAL,
    "hashtag challenge": CampaignType.SOCIAL,
    "tiktok challenge": CampaignType.SOCIAL,
    "influencer campaign": CampaignType.SOCIAL,
    "whitepaper": CampaignType.CONTENT,
    "white paper": CampaignType.CONTENT,
    "blog posts": CampaignType.CONTENT,
    "blog series": CampaignType.CONTENT,
    # "a series of blog articles and a guide", "two blog posts": written pieces are content.
    "blog articles": CampaignType.CONTENT,
    "blog article": CampaignType.CONTENT,
    "blog post": CampaignType.CONTENT,
    "articles": CampaignType.CONTENT,
    "guides": CampaignType.CONTENT,
    "e-book": CampaignType.CONTENT,
    "case study": CampaignType.CONTENT,
    "research report": CampaignType.CONTENT,
    "infographic": CampaignType.CONTENT,
    "executive dinner": CampaignType.EVENT,
    "dinner": CampaignType.EVENT,
    "booth": CampaignType.EVENT,
    "keynote": CampaignType.EVENT,
    "field event": CampaignType.EVENT,
    "hackathon": CampaignType.EVENT,
    "expo": CampaignType.EVENT,
    "trade fair": CampaignType.EVENT,
    "roundtable": CampaignType.EVENT,
    "breakfast briefing": CampaignType.EVENT,
    "happy hour": CampaignType.EVENT,
    "road show": CampaignType.EVENT,
    "customer day": CampaignType.EVENT,
    "open house": CampaignType.EVENT,
    "in-person workshop": CampaignType.EVENT,
    "named accounts": CampaignType.ABM,
    "target accounts": CampaignType.ABM,
    "linkedin campaign": CampaignType.SOCIAL,
    "linkedin posts": CampaignType.SOCIAL,
    "social posts": CampaignType.SOCIAL,
    "instagram campaign": CampaignType.SOCIAL,
    "tiktok campaign": CampaignType.SOCIAL,
    "exhibiting at": CampaignType.EVENT,
    "workshop": CampaignType.EVENT,
    "virtual summit": CampaignType.WEBINAR,
    "online event": CampaignType.WEBINAR,
    "rollout of our new": CampaignType.PRODUCT_LAUNCH,
    "roll-out of our new": CampaignType.PRODUCT_LAUNCH,
    "launching version": CampaignType.PRODUCT_LAUNCH,
    "new release": CampaignType.PRODUCT_LAUNCH,
    "other-type": CampaignType.OTHER,
    "other type": CampaignType.OTHER,
    "type other": CampaignType.OTHER,
}
# What people plan by name ("an open day", "a podcast sponsorship"), by the type it belongs to.
TYPE_PHRASES |= {
    phrase: kind for phrase, kind in FAMILY_PHRASES.items() if phrase not in TYPE_PHRASES
}

# "every channel we have": a scope the user stated, not channels to invent.
ALL_CHANNELS = "all channels"
# "multichannel": more than one channel, not every one (the playbook's Tier 2 "multi-channel,
# using 2-3 channels"), kept as said until the channels are named.
MULTICHANNEL = "multichannel"
# The scopes that stand for channels not yet named: named channels take their place.
SCOPES = frozenset({ALL_CHANNELS, MULTICHANNEL})
# The channels the organisation runs campaigns in, as the playbooks name them: what "everything
# except events" or "all digital channels" stands for.
ORGANISATION_CHANNELS = (
    "email", "paid social", "paid search", "social", "linkedin", "events", "webinar", "newsletter"
)  # fmt: skip
# Canonical channel names and the phrases that name them.
CHANNEL_PHRASES: dict[str, str] = {
    "e-mail": "email",
    # Voice dictation writes the names apart: "e mail", "linked in".
    "e mail": "email",
    "email": "email",
    "emails": "email",
    "edm": "email",
    "edms": "email",
    "e-blast": "email",
    "e-blasts": "email",
    "eblast": "email",
    "electronic mail": "email",
    "mailchimp": "email",
    "e-mails": "email",
    # Email as teams call it: "e-newsletter", "mailers", "e-shots", "mailshots", "email blasts".
    "e-newsletter": "email",
    "e-newsletters": "email",
    "enewsletter": "email",
    "mailers": "email",
    "emailers": "email",
    "e-shot": "email",
    "e-shots": "email",
    "eshot": "email",
    "eshots": "email",
    "mailshot": "email",
    "mailshots": "email",
    "mailing list": "email",
    "email list": "email",
    "e-mail list": "email",
    "email blast": "email",
    "email blasts": "email",
    "email nurture": "email",
    "email drip": "email",
    "email sends": "email",
    "newsletter": "email",
    # A newsletter someone else sends, with the campaign's ad in it: a channel of its own.
    "sponsored newsletter": "newsletter",
    "newsletter sponsorship": "newsletter",
    "newsletter placement": "newsletter",
    "newsletter ads": "newsletter",
    "newsletter ad": "newsletter",
    "paid search": "paid search",
    "sponsored search": "paid search",
    "search ads": "paid search",
    "google ads": "paid search",
    "sem": "paid search",
    "search engine marketing": "paid search",
    "bing ads": "paid search",
    "bing": "paid search",
    "microsoft ads": "paid search",
    "adwords": "paid search",
    "paid google": "paid search",
    "google adwords": "paid search",
    "pay per click": "paid search",
    "paid per click": "paid search",
    "text ads on google": "paid search",
    "google text ads": "paid search",
    "pay-per-click": "paid search",
    "ppc": "paid search",
    "paid social": "paid social",
    "social ads": "paid social",
    "social media ads": "paid social",
    "meta ads": "paid social",
    "sponsored social": "paid social",
    "social advertising": "paid social",
    "boosted posts": "paid social",
    "sponsored posts": "paid social",
    "promoted posts": "paid social",
    "paid media": "paid media",
    "display ads": "display",
    "display": "display",
    "programmatic": "display",
    "organic social": "social",
    "organic posts": "social",
    "social media": "social",
    "social": "social",
    "linkedin": "linkedin",
    # Posts on LinkedIn are the LinkedIn channel, not organic social besides it.
    "linkedin organic posts": "linkedin",
    "linkedin organic": "linkedin",
    "organic linkedin": "linkedin",
    "linkedin posts": "linkedin",
    "linkedin company page": "linkedin",
    "linked in": "linkedin",
    "facebook": "facebook",
    "instagram": "instagram",
    "twitter": "x",
    "tiktok": "tiktok",
    "youtube": "youtube",
    "video": "video",
    "events": "events",
    "booth": "events",
    "booths": "events",
    "in person": "events",
    "in-person": "events",
    "event": "events",
    "webinars": "webinar",
    "webinar": "webinar",
    "direct mail": "direct mail",
    "sms": "sms",
    "text messages": "sms",
    "push notifications": "push",
    "podcasts": "podcast",
    "podcast": "podcast",
    "pr": "pr",
    "press": "pr",
    "blog": "blog",
    "seo": "seo",
    "content syndication": "content syndication",
    "influencers": "influencer",
    "influencer": "influencer",
    "print": "print",
    "radio": "radio",
    "tv": "tv",
    "billboards": "out of home",
    "out of home": "out of home",
    "ooh": "out of home",
    "affiliates": "affiliate",
    "affiliate": "affiliate",
    "website": "website",
    "in-app": "in-app",
    # A scope, not a list: kept as the user's own scope ("every channel we have") rather than
    # expanded into channels they never named.
    "every channel we have": "all channels",
    "every channel": "all channels",
    "all channels": "all channels",
    "all our channels": "all channels",
    "all the channels": "all channels",
    "all of the channels": "all channels",
    "all available channels": "all channels",
    "every available channel": "all channels",
    "every single channel": "all channels",
    "cross-channel": "all channels",
    "all of our channels": "all channels",
    "multichannel": "multichannel",
    "multi-channel": "multichannel",
    # "paid Instagram", "paid Facebook and TikTok": the network paid to reach further.
    "paid instagram": "paid social",
    "paid insta": "paid social",
    "paid ig": "paid social",
    "paid facebook": "paid social",
    "paid fb": "paid social",
    "paid meta": "paid social",
    "paid tiktok": "paid social",
    "omnichannel": "all channels",
    "omni-channel": "all channels",
    # "promote it everywhere", "every platform we're on" ("customers everywhere" is no scope).
    "it everywhere": "all channels",
    "everywhere we can": "all channels",
    "every platform": "all channels",
    "all platforms": "all channels",
    "all our platforms": "all channels",
}

# A campaign of one of these types runs in that channel: the type fills the channel.
TYPE_CHANNEL: dict[CampaignType, str] = {
    CampaignType.EMAIL: "email",
    CampaignType.SOCIAL: "social",
    CampaignType.PAID: "paid media",
    CampaignType.EVENT: "events",
    CampaignType.WEBINAR: "webinar",
}
_NETWORKS = frozenset({"linkedin", "facebook", "instagram", "x", "tiktok", "youtube"})
# Channels that already cover a type's own channel: a paid campaign on paid search does not also
# need "paid media" added for it.
# A paid campaign on a network named ("LinkedIn ads", "Facebook ads") is paid social there: the
# network is its paid channel, not one more channel next to "paid media".
CHANNEL_FAMILY: dict[str, frozenset[str]] = {
    "paid media": frozenset({"paid media", "paid search", "paid social", "display"}) | _NETWORKS,
    "social": frozenset({"social"}) | _NETWORKS,
}
# A more precise type phrase names a more precise channel ("paid search campaign").
TYPE_PHRASE_CHANNEL: dict[str, str] = {
    "paid search": "paid search",
    "paid social": "paid social",
    "social ads": "paid social",
    "social media ads": "paid social",
    "meta ads": "paid social",
    "ppc": "paid search",
    "newsletter": "email",
    "linkedin campaign": "linkedin",
    "linkedin posts": "linkedin",
    "linkedin ads": "linkedin",
    "instagram campaign": "instagram",
    "instagram giveaway": "instagram",
    "tiktok campaign": "tiktok",
    "tiktok challenge": "tiktok",
    # Ads on a social network are the paid social channel ("facebook" is no channel of ours).
    "facebook ads": "paid social",
    "instagram ads": "paid social",
    "tiktok ads": "paid social",
    "google search ads": "paid search",
    "google ads": "paid search",
    "search ads": "paid search",
    "display ads": "display",
    "banner ads": "display",
}


@dataclass(frozen=True)
class PhraseMatch:
    phrase: str
    start: int
    end: int


@cache
def _pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    ordered = sorted(phrases, key=len, reverse=True)
    body = "|".join(re.escape(phrase).replace(r"\ ", r"[\s-]+") for phrase in ordered)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


def find_phrases(text: str, phrases: tuple[str, ...], *, typos: bool = False) -> list[PhraseMatch]:
    """The phrases `text` names, in order; with `typos`, also those typed with a typo."""
    if not phrases:
        return []
    found = [
        PhraseMatch(_normal(match.group()), match.start(), match.end())
        for match in _pattern(phrases).finditer(text)
    ]
    if typos:
        found += [
            PhraseMatch(_normal(typo.phrase), typo.start, typo.end)
            for typo in typo_matches(text, phrases)
            if all(typo.end <= m.start or typo.start >= m.end for m in found)
        ]
        found.sort(key=lambda match: match.start)
    return found


def _normal(phrase: str) -> str:
    return re.sub(r"[\s-]+", " ", phrase.lower()).replace("e mail", "e-mail")


@cache
def _types_by_key() -> dict[str, CampaignType]:
    found: dict[str, CampaignType] = {}
    for candidate, campaign_type in TYPE_PHRASES.items():
        found.setdefault(_normal(candidate), campaign_type)  # the first listed wins, as before
    return found


@cache
def _channels_by_key() -> dict[str, str]:
    found: dict[str, str] = {}
    for candidate, channel in CHANNEL_PHRASES.items():
        found.setdefault(_normal(candidate), channel)
    return found


def type_of(phrase: str) -> CampaignType | None:
    return _types_by_key().get(_normal(phrase))


def channel_of(phrase: str) -> str | None:
    # One lookup, not a scan of every phrase: a message of hundreds of channel words stays fast.
    return _channels_by_key().get(_normal(phrase))


# "a content-led campaign", "social-first", "an email-only push": a type word made into a
# compound that says the campaign is mostly that kind (phrases match whole hyphenated words).
_COMPOUND_TYPE = re.compile(
    r"(?<![\w-])(?P<word>content|social|e-?mail|events?|paid|partner|webinar|abm|newsletter)-"
    # "a newsletter-style send", "a webinar-style briefing": made in that kind's form.
    r"(?:led|first|focused|driven|heavy|centric|based|only|style|type|format)(?![\w-])",
    re.IGNORECASE,
)


# "a virtual open evening", "an online careers fair": a thing attended, held online, is a webinar.
_HELD_ONLINE = re.compile(r"\b(?:virtual|online|remote)[ \t]+$", re.IGNORECASE)


def types_in(text: str) -> list[tuple[PhraseMatch, CampaignType]]:
    found = find_phrases(text, tuple(TYPE_PHRASES), typos=True)
    typed: list[tuple[PhraseMatch, CampaignType]] = []
    for match in found:
        if (kind := type_of(match.phrase)) is None:
            continue
        online = _HELD_ONLINE.search(text, max(0, match.start - 12), match.start)
        if kind is CampaignType.EVENT and online is not None:
            # The evidence is "online seminar", which says webinar where "seminar" alone does not.
            match, kind = PhraseMatch(match.phrase, online.start(), match.end), CampaignType.WEBINAR
        typed.append((match, kind))
    for compound in _COMPOUND_TYPE.finditer(text):
        kind = type_of(compound["word"])
        if kind is not None and all(
            m.end <= compound.start() or m.start >= compound.end() for m, _ in typed
        ):
            # The whole compound is the type's words: "-style send" is no audience of its own.
            typed.append((PhraseMatch(_normal(compound["word"]), *compound.span()), kind))
    return sorted(typed, key=lambda pair: pair[0].start)


# Abbreviations that are also words: a channel only in capitals ("OOH"; "ooh wait" is a sound).
_CAPITALS_ONLY = frozenset({"ooh", "edm", "edms"})  # "EDM" is email; "edm" may be the music


def channels_in(text: str) -> list[tuple[PhraseMatch, str]]:
    found = find_phrases(text, tuple(CHANNEL_PHRASES), typos=True)
    return [
        (match, name)
        for match in found
        if (name := channel_of(match.phrase)) is not None
        # "EDMs": the capitals of the abbreviation, its plural's "s" aside.
        and (
            match.phrase not in _CAPITALS_ONLY
            or text[match.start : match.end].removesuffix("s").isupper()
        )
    ]


# The noun a type word qualifies when it names the campaign ("a partner campaign").
_CAMPAIGN_NOUN = re.compile(
    r"[ \t]+(?:marketing[ \t]+)?(?:campaign|program(?:me)?|promo(?:tion)?|push|initiative"
    r"|series)\b",
    re.IGNORECASE,
)


def runs_into_type(text: str, start: int, end: int) -> bool:
    """text[start:end] ends in a type word that a campaign noun follows: "a partner" of "for a
    partner campaign" is the campaign's kind, not people it is for."""
    ends_typed = any(start <= m.start and m.end == end for m, _ in types_in(text[:end]))
    return ends_typed and _CAMPAIGN_NOUN.match(text, end) is not None


# "a bigger reunion turnout", "webinar registrations": what a kind of campaign yields, measured
# (an objective's words), not the kind of this one.
MEASURE_AFTER = re.compile(
    r"[ \t]*(?:turnout|attendance|registrations?|sign[\s-]?ups|footfall|bookings)\b", re.IGNORECASE
)
