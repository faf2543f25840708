"""What words imply about a campaign's type when no type is named.

"25 named FMCG brands" is account-based marketing, "boost a few Instagram posts" paid media,
"post more on our insta" social, "bringing out a new range" a product launch, "door hangers" some
other kind (DESIGN.md §6). Implied, not stated: a type the user names wins (`campaign_type`),
and the guardrails accept a type these words imply as grounded.
"""

from __future__ import annotations

import re

from mcc.campaigns.schemas import CampaignType

_FEW = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|fifty)"
_ORGANISATIONS = (
    r"(?:retailers|customers|prospects|companies|clients|brands|firms|dealers|distributors"
    r"|hospitals|schools|banks|insurers|carriers|manufacturers|employers|chains|operators"
    r"|universities|councils|trusts|agencies|studios|practices|logos)"
)
# A campaign aimed at a list of named companies is account-based marketing, however it is said:
# "30 named target accounts", "our top strategic accounts", "a play on key enterprise accounts".
ACCOUNTS = re.compile(
    r"\b(?:named|target(?:ed)?|key|strategic|priority|top|selected|hand-?picked|dream|whale)"
    r"\s+(?:[\w-]+\s+){0,2}accounts\b|\b\d+\s+(?:named|target|key|strategic|priority)\s+"
    r"(?:[\w-]+\s+)?accounts\b"
    # "personal outreach to fifteen named retailers, ... account by account".
    rf"|\b{_FEW}\s+named\s+"
    # "25 named FMCG brands", "20 named mining companies": one word may say which.
    rf"(?:(?:target|key|priority|strategic)\s+)?(?:[\w-]+\s+)?{_ORGANISATIONS}\b"
    # "the fifteen freight firms we most want to win": a few organisations, each one wanted.
    rf"|\b{_FEW}\s+(?:[\w-]+\s+){{0,2}}?{_ORGANISATIONS}\s+(?:that\s+)?we\s+(?:most\s+|really\s+)?"
    r"(?:want|need|hope|would\s+love|'d\s+love)\s+to\s+(?:win|land|crack|sign|close)\b"
    r"(?!\s+(?:back|out|the\s+loop)\b)"
    # "the ten hospital trusts on our target list": a list of organisations to win.
    rf"|\b{_ORGANISATIONS}\s+(?:on|from)\s+our\s+(?:target|hit|wish|dream)\s+list\b"
    r"|\baccount[\s-]by[\s-]account\b",
    re.IGNORECASE,
)

# Posts on social networks, however they are listed, imply a social campaign: "LinkedIn and
# Instagram posts", "a few IG reels + TikTok videos", "posting on Facebook and LinkedIn",
# "organic posts". Like the accounts above, implied: a type the user states wins.
# Where a list of networks starts: not after its own joiners (a run of "insta, ..." is linear).
_LIST_START = r"(?<!,)(?<!,\s)(?<!&\s)(?<!/)(?<!\+)(?<!\band\s)(?<!\bor\s)"
_NETWORK = (
    r"(?:linked[\s-]?in|instagram|insta|ig|facebook|fb|tiktok|twitter|youtube|pinterest|threads"
    r"|snapchat|social(?:\s+media)?)"
)
SOCIAL_POSTS = re.compile(
    # Not posts paid to reach further ("boosted Facebook posts" are paid media).
    r"(?<!boosted\s)(?<!sponsored\s)(?<!promoted\s)(?<!paid\s)"
    rf"{_LIST_START}\b{_NETWORK}(?:\s*(?:,|and|&|\+|/|or)\s*{_NETWORK})*\s+(?:organic\s+)?"
    r"(?:posts?|reels?|stories|carousels?|shorts|videos?|updates|threads)\b"
    rf"|\bpost(?:s|ing)?\s+(?:(?:more|organically|regularly|daily|weekly|often)\s+){{0,2}}"
    # "post more on our insta", "regular posts on our restaurant Instagram", "posting on the
    # firm's LinkedIn page": the brand's own pages.
    rf"(?:on|to|across)\s+(?:(?:our|my|the)\s+)?(?:[\w'’-]+\s+){{0,2}}?{_NETWORK}\b(?!\s+ads?\b)"
    r"|\borganic(?:\s+\w+)?\s+(?:posts?|reels?|content|reach|presence)\b",
    re.IGNORECASE,
)


# Boosted posts and network ads imply paid: "boost a few Instagram posts", "Facebook ads".
PAID_POSTS = re.compile(
    # "boost a few Instagram posts", "put money behind some Instagram posts": paid reach.
    r"\b(?:boost(?:s|ed|ing)?|put(?:s|ting)?\s+(?:some\s+)?(?:money|budget|spend|cash)\s+behind)"
    r"\s+(?:(?:a\s+few|some|our|the|a|two|three|four|\d+)\s+)?"
    rf"(?:[\w'’-]+\s+){{0,2}}?{_NETWORK}\s+posts?\b(?!['’-])"
    rf"|{_LIST_START}\b{_NETWORK}(?:\s*(?:,|and|&|\+|/|or)\s*{_NETWORK})*\s+ads?\b",
    re.IGNORECASE,
)

# A new product brought out implies a launch ("launching v5 of our app", "bringing out a new
# range"); not a new campaign, promotion or programme (what the campaign is, not what it launches).
_ON_SALE = r"hit(?:s|ting)?\s+(?:the\s+)?(?:shelves|market|stores|shops)\b"
NEW_PRODUCT = re.compile(
    # (what is coming, not what shipped: "we released v2 last year" is no launch now)
    r"\b(?:launch(?:es|ing)?|releas(?:e|es|ing)|bring(?:s|ing)?\s+out|roll(?:s|ing)?\s+out"
    r"|unveil(?:s|ing)?|debut(?:s|ing)?)\s+(?:(?:for|of)\s+)?(?:(?:a|an|our|the|its|their)\s+)?"
    r"(?:(?:brand[\s-])?new\b|v\d|version\s+\d)"
    r"(?![\w'’.-]*(?:\s+[\w'’-]+){0,2}?\s+(?:campaign|promo(?:tion)?|program(?:me)?|initiative"
    r"|push|drive|series|season|year|store|shop|office|branch|podcast|report|scheme)\b)"
    # "bringing the home battery we've been building to market": what we make, to its buyers.
    r"|\bbring(?:s|ing)?\s+(?:our|the|a|an|this|it)\b[^.;!?\n]{0,60}?"
    r"\b(?-i:to\s+market)\b(?![ \t]+\w)"
    # "own-brand shampoo hitting the shelves", "a new hot sauce ready to hit the market".
    rf"|\b{_ON_SALE}",
    re.IGNORECASE,
)
# "ready to hit the market": the launch itself, not an aim (`fields`).
ON_SALE = re.compile(_ON_SALE, re.IGNORECASE)

# "a note into the inboxes of people who ...", "a digest landing in their inbox": email.
IN_THE_INBOX = re.compile(
    r"\b(?:in|into|to|hits?|hitting|lands?\s+in|landing\s+in)\s+(?:the\s+|their\s+|your\s+"
    r"|people['’]s\s+|customers['’]?\s+)?inbox(?:es)?\b",
    re.IGNORECASE,
)

# Print and street media no type names imply "other" (DESIGN.md §6): "door hangers", "posters".
PRINT_MEDIA = re.compile(
    r"(?<!\band\s)(?<!,\s)(?<!&\s)(?<!\+\s)(?<!\bplus\s)"
    r"\b(?:posters?|door[\s-]?hangers?|leaflets?|flyers?|printed\s+catalog(?:ue)?s?"
    r"|catalog(?:ue)?s?\s+in\s+the\s+post|postcards?|direct\s+mail|raffles?|prize\s+draws?"
    r"|window\s+displays?)\b"
    r"|\bsponsor(?:s|ed|ing|ship\s+of)?\s+[^.\n]{0,40}?\b(?:shirts|kits?|jerseys)\b",
    re.IGNORECASE,
)

# What words imply when no type is named, in the order tried (`_implied_type`; the guardrails).
IMPLYING: tuple[tuple[re.Pattern[str], CampaignType], ...] = (
    (ACCOUNTS, CampaignType.ABM),  # "25 named enterprise accounts" are account-based
    (PAID_POSTS, CampaignType.PAID),  # before the posts: "boost a few Instagram posts"
    (SOCIAL_POSTS, CampaignType.SOCIAL),  # "LinkedIn and Instagram posts" are social
    (NEW_PRODUCT, CampaignType.PRODUCT_LAUNCH),
    (IN_THE_INBOX, CampaignType.EMAIL),
    (PRINT_MEDIA, CampaignType.OTHER),
)


def implied_kinds(words: str) -> set[CampaignType]:
    """The types `words` imply (`IMPLYING`)."""
    return {kind for pattern, kind in IMPLYING if pattern.search(words)}
