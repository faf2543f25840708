"""The many things people plan, by the product's campaign type they belong to.

Writers name a campaign by what it is, not by the product's ten types: "an open day", "a sampling
tour", "a podcast sponsorship", "a lunch-and-learn series", "an app relaunch". Each family below
gathers the head nouns of one type (DESIGN.md §6, the tier playbook and the brief template's list:
email, event, webinar, product launch, social, paid, partner, content, ABM):

- an event is anything the audience attends in person: days, evenings, tours, fairs, stands,
  seminars, pop-ups, sampling, activations;
- paid is bought placement: spots, ads and sponsorships in someone else's medium (a sponsorship
  of an event is the event's: "a sponsorship at the DevOps conference");
- a product launch is a new product, edition, relaunch or rebrand (the playbook's "major product
  launches": a new product, a new edition, a pricing and packaging change, a platform rebrand);
- content is made to be watched or read: video, film and podcast series, guides;
- social runs on the networks: lives, reels, creators, influencers;
- partner work goes through resellers, distributors, affiliates;
- email includes the nurture that the naming conventions list as a type of its own.

A word that is only a channel ("radio", "billboards", "SMS", "direct mail") stays a channel: only
its campaign forms ("a radio campaign", "a TV spot") name the type.
"""

from __future__ import annotations

from mcc.campaigns.schemas import CampaignType

_EVENT = (
    "open day", "open days", "demo day", "field day", "golf day", "analyst day", "media day",
    "volunteer day", "fun day", "family day", "family days", "careers day", "info day",
    "open evening", "info evening", "information evening", "trade night", "launch party",
    "tour", "sampling tour", "demo tour", "pop-up", "pop up", "pop-up shop", "pop-up store",
    "health fair", "recruitment fair", "careers fair", "job fair", "wedding fair",
    "volunteer fair", "exhibition stand", "trade stand", "stand at", "market stall", "exhibition",
    "seminar", "seminars", "seminar series", "symposium",
    "masterclass", "lunch and learn", "lunch and learns", "lunch & learn", "lunch-and-learn",
    "fireside chat", "reunion", "coffee morning", "breakfast series", "exec breakfast",
    "investor breakfast", "dealer meet", "sampling", "product sampling", "brand activation",
    "retail activation", "street team", "in-store activation", "festival stall", "bootcamp",
    "tech talk", "tech talks", "lunchtime talks", "sales kickoff", "charity run", "fun run",
    "sponsored walk", "gala", "gala dinner", "tasting", "screening event", "networking evening",
    "face-to-face briefing", "in-person briefing", "breakfast briefing",
)  # fmt: skip
_PAID = (
    "podcast sponsorship", "podcast ad", "podcast ads", "podcast ad read", "podcast ad buy",
    "tv sponsorship", "radio sponsorship", "tv spot", "tv spots", "radio spot", "radio spots",
    "radio ad", "radio ads",
    "tv ad", "tv ads", "print ad", "print ads", "magazine ad", "trade mag ad", "press ad",
    "radio campaign", "tv campaign", "billboard campaign", "outdoor campaign",
    "out-of-home campaign", "ooh campaign", "digital out-of-home", "programmatic campaign",
    "display campaign", "search campaign", "pre-roll", "native ads", "youtube ads",
    "paid ads", "ad buy", "media buy", "sponsored listings", "sponsored listing",
    "promoted listings", "shopping ads",
)  # fmt: skip
_PRODUCT_LAUNCH = (
    "relaunch", "re-launch", "rebrand", "platform rebrand", "brand relaunch", "app launch",
    "beta launch", "soft launch", "store launch", "new edition", "pricing and packaging change",
    "pricing change", "product drop", "new pricing", "pricing & packaging", "pricing and packaging",
    "new packaging and pricing",
)  # fmt: skip
_CONTENT = (
    "video series", "youtube series", "explainer video", "brand film", "podcast series",
    "gift guide", "buying guide", "thought leadership series", "educational series",
    "education series", "report launch", "recipe series", "content series", "article series",
    "benchmark report", "industry report", "survey report", "industry survey", "research study",
)  # fmt: skip
_SOCIAL = (
    "facebook campaign", "linkedin live", "instagram live", "reels campaign", "creator campaign",
    "influencer seeding", "influencer marketing", "micro-influencer campaign", "ugc campaign",
    "carousel series", "social challenge", "photo competition", "instagram reels",
    "influencer collab", "influencer collaboration", "influencer partnership", "creator collab",
    "creator partnership",
)  # fmt: skip
_PARTNER = (
    "partnership", "affiliate program", "affiliate programme", "affiliate campaign",
    "affiliate push", "affiliate scheme", "distributor incentive",
    "dealer incentive", "reseller incentive", "distributor program", "distributor programme",
    "co-op campaign", "co-op marketing", "co-op promotion", "co-op program", "co-op programme",
    "distributor campaign", "distributor promotion", "dealer campaign", "joint promo",
    "co-promo", "reseller promo", "partner promo", "distributor promo",
    # Two businesses doing it together: "team up with a letting agency", "a referral swap".
    "team up with", "teaming up with", "team-up", "referral swap", "referral partnership",
    "cross-promotion", "cross-promo", "joint offer",
)  # fmt: skip
_EMAIL = (
    "nurture", "nurture campaign", "lead nurture", "outbound sequence", "re-engagement emails",
    "win-back emails", "email sequence", "digest", "email digest", "weekly digest",
    "monthly digest",
)  # fmt: skip

FAMILY_PHRASES: dict[str, CampaignType] = {
    phrase: kind
    for phrases, kind in (
        (_EVENT, CampaignType.EVENT),
        (_PAID, CampaignType.PAID),
        (_PRODUCT_LAUNCH, CampaignType.PRODUCT_LAUNCH),
        (_CONTENT, CampaignType.CONTENT),
        (_SOCIAL, CampaignType.SOCIAL),
        (_PARTNER, CampaignType.PARTNER),
        (_EMAIL, CampaignType.EMAIL),
    )
    for phrase in phrases
}

# The last word of a kind the families do not list, when the span tagger is sure the words name
# the campaign's kind: "a tapas crawl", "an ear-styling consultation night", "a charity quiz",
# "a sunset trail" are all attended in person; "a flavour launch" is a product launch; "a
# win-back mailing" is email. Only these heads: "promo", "sale", "drive" or "push" say nothing of
# the kind.
_EVENT_HEADS = frozenset({
    "day", "days", "weekend", "weekends", "night", "nights", "evening", "evenings", "morning",
    "afternoon", "breakfast", "brunch", "lunch", "dinner", "dinners", "supper", "fair", "fairs",
    "festival", "show", "trail", "clinic", "clinics", "parade", "walk", "walks", "market",
    "tournament", "party", "parties", "bbq", "barbecue", "ball", "camp", "auction", "trip",
    "class", "classes", "workshop", "workshops", "meetup", "meet-up", "crawl", "tour", "tours",
    "gala", "quiz", "ceilidh", "picnic", "hackathon", "race", "retreat", "expo", "concert",
    "gig", "screening", "tasting", "tastings", "talk", "talks", "lecture", "social", "mixer",
    "open house", "drop-in", "cook-off", "bake-off", "hunt", "tea", "disco", "recital",
})  # fmt: skip
_HEADS = {
    **dict.fromkeys(_EVENT_HEADS, CampaignType.EVENT),
    "launch": CampaignType.PRODUCT_LAUNCH,
    **dict.fromkeys(("mailing", "mailshot", "e-shot", "eshot", "blast"), CampaignType.EMAIL),
}


def kind_by_head(phrase: str) -> CampaignType | None:
    """The kind the last word of `phrase` names, if it is one of the heads above."""
    words = phrase.lower().replace("’", "'").split()
    if not words:
        return None
    last = words[-1].strip(".,;:!?()'\"")
    two = " ".join([*words[-2:-1], last])
    return _HEADS.get(two) or _HEADS.get(last)
