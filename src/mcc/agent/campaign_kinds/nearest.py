"""The kind a phrase describes by its nearest descriptions: MiniLM's cosine between the phrase
and a few dozen descriptions per type written from DESIGN.md §6 and the playbooks' type
definitions. The kind is the type whose nearest descriptions are nearest, when they are near
enough and clearly nearer than any other type's.

It was the only reader of kinds by meaning before the learned model (`campaign_kinds`), which
reads three times as many held-out kinds; it stays as the fallback for a phrase the model is
not sure of ("bought spots in search results", "a referral swap with the clinic next door"),
which it read before: without it those went back to the type question (TEST: 6 conversations).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np

from mcc.agent.acts import embedded
from mcc.campaigns.schemas import CampaignType

_DESCRIPTIONS: dict[CampaignType, tuple[str, ...]] = {
    CampaignType.EMAIL: (
        "a promotional email to our subscribers", "a newsletter send", "an email to customers",
        "a mailing to our list", "a drip sequence of emails", "an inbox campaign",
        "a series of emails to lapsed buyers", "a message to everyone on our mailing list",
        "a re-engagement email", "an email announcement to the customer base",
        "a one-off email blast", "an automated welcome series", "a monthly digest email",
        "a sequence of three emails", "a send to our subscribers' inboxes",
        # Said as a plan, in a sentence.
        "we want to send a message to everyone on our list",
        "a regular update that lands in our members' inboxes", "a welcome sequence for sign-ups",
        "a thank-you mail-out to our customers", "a win-back message to people who stopped buying",
    ),
    CampaignType.EVENT: (
        "an in-person event", "a reception for clients", "a dinner for customers",
        "a training day at our office", "a meetup in our showroom", "a conference booth",
        "a stand at the trade show", "a breakfast briefing for executives",
        "a workshop at our venue", "a tasting evening at the shop", "a roadshow across cities",
        "an open house at the factory", "a drinks evening for partners", "a hands-on class",
        "a customer appreciation day", "a networking night", "a launch party at a bar",
        "a charity fun run", "a summit for customers", "a field event in three cities",
        "a pop-up at the market", "a community day in the park",
        "an in-person course at our site", "a seminar in a hotel conference room",
        "we want people to come to our shop for an evening", "a get-together at our office",
        "hosting guests at our venue for a day", "a stall at the local fair",
        "a tour of our factory for visitors", "a meet-and-greet at the store",
    ),
    CampaignType.WEBINAR: (
        "a webinar", "a live online session people register for", "a virtual demo",
        "an online workshop", "a streamed panel discussion", "a live Q&A over Zoom",
        "an online training session with registration", "a web seminar",
        "a live broadcast demo with sign-up", "a virtual roundtable", "an online masterclass",
        "a 30-minute online talk", "a livestream with a registration form",
        "a talk people join from home after signing up", "an online information session",
        "a session on Teams or Zoom for registered guests", "a virtual open evening",
        "an online class people book a place on",
    ),
    CampaignType.PRODUCT_LAUNCH: (
        "a product launch", "the launch of our new app", "the release of version 2",
        "the rollout of a new feature", "introducing our new product line",
        "the debut of our new model", "going to market with a new service",
        "the unveiling of the new range", "a launch of the new edition",
        "announcing our new pricing and packaging", "a rebrand of the platform",
        "bringing the new flavour to market",
        "we're bringing a new product to market", "our new model is ready to go on sale",
        "rolling out our new app to customers", "we are starting to offer a new service",
        "debuting a new line of products", "a go-to-market plan for the new device",
        "our new item is about to hit the shelves",
        # Said as the release itself (session 42): what ships, goes live or goes on sale.
        "releasing a new feature to the users of our app", "shipping the new version to customers",
        "general availability of our new module", "our new product goes on sale",
        "the next generation of our device comes out", "a new edition of our software goes live",
    ),
    CampaignType.SOCIAL: (
        "an organic social media campaign", "posts on Instagram and TikTok",
        "a series of LinkedIn posts", "an influencer collaboration", "a hashtag challenge",
        "content for our social channels", "a creator partnership on TikTok",
        "a social media contest", "a user-generated content drive", "daily stories and reels",
        "a giveaway on our social accounts",
        "posting regularly on our own Facebook page for free", "videos on our own TikTok account",
        "organic posts on our company page", "growing our Instagram following without paying",
        "sharing customer photos on our own accounts",
        "posting every day from our brand account",
        "organic posts on our own profiles, no ad spend",
        "sharing updates with our online community in its own forums",
    ),
    CampaignType.PAID: (
        "a paid ads campaign", "search ads on Google", "display advertising",
        "sponsored posts we pay for", "a media buy", "a radio ad", "billboards around town",
        "pay-per-click advertising", "programmatic banner ads", "a TV spot",
        "paid promotion on social networks", "retargeting ads", "a print advert in a magazine",
        "a podcast ad read",
        "putting money behind our posts so more people see them", "boosting posts with a budget",
        "sponsored listings at the top of search results", "buying placements to reach buyers",
        "paying to show our ads to a target group",
        "ads we pay for per click", "search and shopping ads",
        "paid placements in apps and on websites",
    ),
    CampaignType.PARTNER: (
        "a joint promotion with a reseller", "a co-marketing campaign with a partner",
        "a co-branded offer with a distributor", "a referral program with our partners",
        "an affiliate push", "a campaign run together with our channel partners",
        "an incentive for our dealers", "a bundle offer with another company",
        "a promotion through our resellers", "a joint webinar series with an alliance partner",
        "a co-op campaign with retailers", "a partner enablement push",
        "teaming up with another business to reach customers together",
        "we and a neighbouring shop promote each other", "a referral swap with another firm",
        "splitting the cost of a promotion with a supplier", "a collab with a local brand",
        "a co-op deal with another retailer", "a revenue share with firms that recommend us",
        "a joint offer with another brand, costs shared",
        "a joint go-to-market with another company",
    ),
    CampaignType.CONTENT: (
        "a content campaign", "an ebook", "a whitepaper", "a research report we publish",
        "a blog series", "a guide for customers", "a video series", "a podcast series",
        "an industry survey report", "case studies", "a thought leadership article series",
        "an infographic and blog posts", "a downloadable toolkit", "a resource hub",
        "articles on our website so people find us", "publishing how-to guides on our site",
        "a series of explainers on our website", "a report we publish for our industry",
        "a training-plan series on our blog",
        "a free library of templates and guides to download", "how-to articles and checklists",
    ),
    CampaignType.ABM: (
        "account-based marketing", "personalised outreach to named target accounts",
        "a program for our top enterprise prospects", "one-to-one marketing to key accounts",
        "tailored campaigns for 20 strategic accounts", "outreach to a list of target companies",
        "an account-based play for buying committees", "one-to-few outreach to named accounts",
        "personalised gifts and ads for our top accounts",
        "a campaign aimed at specific named companies",
        "going after a short list of companies one by one", "custom messaging for each target firm",
        "a bespoke approach for each bank on our list", "marketing to each of 30 chosen companies",
        "a targeted play for the hospitals we want to win",
        "an individual plan for each company on a short target list",
        "a tailored value case and personal letters for each named firm",
    ),
    # Kinds no type names (DESIGN.md §6: "other"): near these, the words name no type above.
    CampaignType.OTHER: (
        "direct mail postcards", "a printed leaflet drop", "text messages to customers' phones",
        "SMS reminders", "a door-to-door canvass", "a catalogue in the post",
        "a loyalty card scheme", "a price promotion in stores", "a seasonal sale",
        "a recruitment drive for staff", "a fundraising appeal", "a survey of customers",
        "a raffle or prize draw", "a window display in our shops",
        "free samples handed out in stores",
        "flyers handed out in the street", "a reward scheme for customers who refer friends",
        "inserts in the parcels we ship", "a membership drive",
    ),
}  # fmt: skip

# How near the nearest descriptions must be, and by how much nearer than another type's: the
# middle of the settings that named no wrong type on 40 phrases of our own (26 of one type, 14
# of none; 0.38 to 0.45 with a margin of 0.1 or more read 16 of the 26 and no wrong one).
NEAR = 0.42
MARGIN = 0.1
_NEAREST = 3


@lru_cache(maxsize=1)
def _prototypes(embedder_id: int) -> dict[CampaignType, Any]:
    """Each type's description vectors (rows, unit length), embedded once per embedder."""
    texts = [t for texts in _DESCRIPTIONS.values() for t in texts]
    vectors = np.asarray(embedded.MODEL.embed_documents(texts), dtype=np.float64)
    out, at = {}, 0
    for kind, described in _DESCRIPTIONS.items():
        out[kind], at = vectors[at : at + len(described)], at + len(described)
    return out


def warm_up() -> None:
    """Embed the descriptions now, once the act classifier's MiniLM is in (a kinds reader's
    last loading step): 0.7 s that the first brief naming no type waited for."""
    embedded.MODEL.wait()
    if embedded.MODEL.vector("warm up") is not None:
        _prototypes(embedded.MODEL.embedder_id())


def nearest_scores(phrase: str) -> dict[CampaignType, float] | None:
    """Each type's closeness to `phrase` (the mean of its nearest descriptions' cosines), or
    None without a loaded MiniLM."""
    vector = embedded.MODEL.vector(phrase)
    if vector is None:
        return None
    prototypes = _prototypes(embedded.MODEL.embedder_id())
    return {
        kind: float(np.sort(rows @ vector)[-_NEAREST:].mean()) for kind, rows in prototypes.items()
    }


def nearest_kind(phrase: str, *, other: bool = False) -> CampaignType | None:
    """The type `phrase` describes, when one is clearly nearest; else None. "Other" (a kind no
    type names) only when asked for `other`: a brief's leftover describes the campaign itself,
    while a phrase the tagger took for a kind may be none at all."""
    found = nearest_scores(phrase)
    if not found:
        return None
    ranked = sorted(found.items(), key=lambda item: item[1], reverse=True)
    (best, score), (_, second) = ranked[0], ranked[1]
    clear = score >= NEAR and score - second >= MARGIN
    return best if clear and (other or best is not CampaignType.OTHER) else None
