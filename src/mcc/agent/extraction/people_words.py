"""Words for people: what an audience names, and whether a phrase's head is such a word.

An audience names people ("lapsed donors", "hauliers with fewer than twenty lorries", "the
CFO"), not a thing the campaign is for ("our kids' smartwatch", "venue and food", "the community
centre", "a customer survey drive"): the word a phrase is about, its head, is what says which.
"""

from __future__ import annotations

import re

AUDIENCE_NOUNS = (
    r"(?:customers?|users?|owners?|prospects?|buyers?|leads|accounts|developers?|admins?"
    r"|administrators|engineers?|marketers?|executives?|execs|leaders?|decision[\s-]makers"
    r"|cfos?|ctos?|cios?|cmos?|cisos?|vps?|directors?|managers?|teams?|companies|businesses"
    r"|enterprises?|smbs?|startups?|partners?|resellers?|attendees|students|parents|teachers"
    r"|clinicians|doctors|nurses|retailers?|shoppers?|members|donors|fans|subscribers"
    r"|professionals|agencies|analysts|architects|founders|owners|segment|personas?|audiences?"
    r"|contacts|trialists|visitors|patients|travell?ers|gamers|millennials|gen\s*z|families|couples"
    r"|heads|firms|orgs|organi[sz]ations|schools|universities|hospitals|clinics|banks|insurers"
    r"|telcos|officers|specialists|reps|people|folks|holders|creators|sellers|merchants|dealers"
    r"|distributors|installers|contractors|devs|detractors|promoters|mqls|sqls|registrants"
    r"|signups|sign-ups|champions|influencers|practitioners|operators|planners|recruiters"
    r"|participants|entrants|winners|alumni|graduates|volunteers|employees|staff|learners|readers"
    r"|viewers|listeners|followers|players|guests|delegates|prospects|churned|lapsed|parents"
    r"|hr|(?-i:IT)|finance|procurement|sales|lawyers|accountants|pharmacists|dentists|vets"
    r"|list|base|community|prospect\s+list|installed\s+base"
    r"|regulars|enthusiasts|buffs|nerds|geeks|junkies|locals|squads|crews|clubs|societies|charities"
    # Words for people no ending names ("school bursars", "ski coaches", "first-time landlords").
    r"|bursars|scholars|registrars|vicars|chaplains|clergy|chefs|cooks|nannies|midwives|coaches"
    # (Not "kids", "men", "adults": what a product is for as often as whom a campaign reaches.)
    r"|athletes|tradespeople|tradies|landlords|pupils|mums|moms|dads|brides|grooms|surgeons"
    r"|physios|gps|clerks|captains|pilots|crew|monks|nuns|priests|imams|rabbis|wardens|stewards"
    r"|paramedics|veterans|cadets|scouts|counsel|solicitors|barristers|attorneys)"
)
# People the list does not name, by the endings of words for people ("florists", "principals",
# "physicians", "retirees", "tenants"), without the common things that end the same way.
PEOPLE_LIKE = (
    r"(?!(?:events|documents|payments|segments|components|comments|restaurants|plants|grants"
    r"|variants|degrees|numbers|orders|offers|letters|papers|others|banners|posters|flyers"
    r"|vouchers|centers|filters|headers|covers|layers|chapters|quarters|matters|stickers|markers"
    r"|answers|folders|reminders|newsletters|containers|computers|servers|printers|browsers"
    r"|trackers|doors|floors|colors|colours|errors|sensors|monitors|factors|sectors|mirrors"
    r"|playlists|installments|investments|improvements|requirements|shipments|assignments"
    r"|treatments|rentals|materials|proposals|referrals|renewals|arrivals|approvals|festivals"
    r"|intervals|tutorials|manuals|signals|portals|journals|totals|registrations|conversions"
    r"|downloads|meetings|demos|sales|leads|fasteners|sneakers|heaters|coolers"
    r"|mixers|blenders|burgers|boilers|lockers|planters|strollers|scooters|routers)\b)"
    r"[a-z][a-z-]{2,}(?:ists|ians|ants|ents|ors|ees|ers|als)"
)

_AUDIENCE_NOUN = re.compile(rf"{AUDIENCE_NOUNS}|{PEOPLE_LIKE}", re.IGNORECASE)
# Where the head of a phrase about people ends: at what says which of them (a preposition, a
# relative, a participle: "owners [in Leeds]", "parents [who ...]", "customers [buying ...]"),
# a list's joint or a clause's mark. Never at its first word ("lapsed donors").
_HEAD_END = re.compile(
    r"\s+(?=(?:in|at|of|from|for|across|on|with|within|near|around|outside|over|under|between"
    r"|without|up|who|whose|that|which|aged|based|via|by|to|and|or|&)\b|[\w'’-]+(?:ing|ed)\b)"
    r"|\s*[,;(:—–]"
)
# A word for people the lists do not hold: a plural ("hauliers", "kids"; not "-ss", "-us"), a
# practitioner ("florist", "librarian"), a role or a collective. Not every singular "-er" or
# "-ee": "our new cider", "the coffee" are things.
_PERSON_WORD = re.compile(
    r"[a-z][a-z'’-]*[^su's]s|[a-z][a-z-]{2,}(?:ist|ian)"
    r"|everyone|anyone|public|youth|children|men|women|people|folk|crowd|staff|gen\s*z|head|chief"
    r"|lead|boss|team",
    re.IGNORECASE,
)


def names_people(phrase: str, *, surely: bool = False) -> bool:
    """Whether the head of `phrase` is a word for people (`_AUDIENCE_NOUN`, `_PERSON_WORD`);
    `surely`: a word the lists hold, not any plural ("crumbs and coffee" is a title)."""
    ends = _HEAD_END.search(phrase, 1)
    head = (phrase[: ends.start()] if ends else phrase).strip().rstrip(".!?'’")
    if not head:
        return False
    last = head.split()[-1].strip("'’\"")
    return bool(
        _AUDIENCE_NOUN.fullmatch(last)
        or (not surely and _PERSON_WORD.fullmatch(last))
        or _AUDIENCE_NOUN.fullmatch(head)
    )


# A group named only by how it relates to the business ("clients", "our existing customers",
# "lapsed customers", "subscribers"): what an opener's "a webinar for clients" or "an email to
# subscribers" says in passing, before the user says who exactly.
_GENERIC_GROUP = re.compile(
    r"(?:(?:our|the|all|my)\s+)?(?:(?:existing|current|past|former|lapsed|new|loyal|active"
    r"|regular|key|local|paying)\s+)?"
    r"(?:clients|customers|subscribers|members|users|followers|fans|donors|buyers|prospects"
    r"|leads|contacts|guests|patients|people|everyone|partners|list|audience|base)"
    # "clients for our team": who asked, not a part of the group
    r"(?:\s+for\s+(?:our|my|the)\s+(?:team|company|business|firm|shop|office))?",
    re.IGNORECASE,
)


def generic_group(value: str) -> bool:
    """`value` names people only by how they relate to the business ("lapsed customers")."""
    return _GENERIC_GROUP.fullmatch(" ".join(value.split()).strip(" .,!")) is not None
