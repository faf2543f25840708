"""Who the people are, in the words around them: the clauses that describe an audience ("CFOs
who run Kubernetes", "merchants shipping over 100 orders a week", "owners in Leeds") and where
its words stop ("... via paid social", "... so that", "... to upgrade").

`PEOPLE_NAMED` is the pattern of an audience said in a sentence; the field readers build on it.
"""

from __future__ import annotations

from mcc.agent.extraction.people_words import AUDIENCE_NOUNS as _AUDIENCE_NOUNS
from mcc.agent.extraction.people_words import PEOPLE_LIKE as _PEOPLE_LIKE

# Where the audience's words stop: "CIOs in Ontario via paid social", "owners in the UK on
# email" go on with the channels, which are no part of who the campaign is for.
_NOT_CHANNEL_CLAUSE = (
    r"(?!(?:via|through|using)\b|(?:on|across|over)[ \t]+(?:just[ \t]+|only[ \t]+)?"
    r"(?:e-?mail|linkedin|paid|organic|social|display|sms|text|events?|direct|search|all|every"
    r"|facebook|instagram|tiktok|youtube|twitter|x\b|webinars?|podcasts?|print|radio|tv"
    # "a series for new runners on our site": where it is published, not who they are.
    # ("visitors on our site", "readers on our blog" are who they are.)
    r"|(?<!visitors[ \t]on[ \t])(?<!users[ \t]on[ \t])(?<!readers[ \t]on[ \t])"
    r"(?<!people[ \t]on[ \t])"
    r"(?:our|the)[ \t]+(?:web)?(?:site|blog))\b)"
)
# Who the people are, said after them: "trial users whose trial ends this week", "engineers who
# run Kubernetes in production"; it stops where the sentence goes on to what the campaign is for,
# when, with what or through which channel ("... to upgrade", "... so that", "... by email").
_RELATIVE = r"(?:who|whose|that|which)"
_CUT_SHORT = ("we", "i", "you", "they", "want", "wants", "need", "needs", "hope", "hopes", "plan",
              "plans", "wish", "like", "try", "tries", "aim", "aims", "intend", "expect", "have",
              "has", "are", "is", "were", "was")  # fmt: skip
_DETERMINER = r"(?:our|the|a|an|my|their|his|her|its|this|these|those|\d)"
# A participle after the people ("parents thinking about our nursery", "founders sharing desks"),
# not the campaign's own doing ("CFOs starting in May", "nurses using LinkedIn").
_PARTICIPLE = (
    r"(?!(?:starting|using|going|launching|running|beginning|kicking|ending|targeting|including"
    r"|featuring|focusing|aiming|hoping|wanting|looking|trying|planning|promoting|offering|selling"
    r"|driving|pushing|getting|making|asking|during|bring|thing|something|anything|everything"
    r"|nothing|morning|evening|spring|king|ring|sing|wing|string|pudding|wedding|building"
    # Trades and things named by an -ing noun: "partner marketing push", "customer onboarding".
    r"|marketing|advertising|branding|pricing|packaging|training|meeting|listing|booking|funding"
    r"|housing|clothing|catering|banking|accounting|consulting|engineering|manufacturing|printing"
    r"|publishing|recruiting|retailing|hosting|landscaping|roofing|plumbing|flooring|lighting"
    r"|heating|cleaning|coaching|tutoring|nursing|parenting|farming|fishing|mining|trucking"
    r"|gaming|streaming|ticketing|onboarding|networking|learning|fundraising|outreach|messaging"
    r"|mailing|billing|shopping|sourcing|staffing|lending|licensing|financing|planning|ordering)\b)"
    r"[a-z]{2,}ing\b"
)
_RELATIVE_CLAUSE = (
    # "whose lease is about to end": "to" after "about", "going", "have" is the people's own.
    # "who subscribe to our bread box": a "to" before a determiner is the verb's, not a purpose.
    # "merchants shipping over 100 orders a week": a participle describes them as a clause does.
    rf"(?:(?:[ \t]+{_RELATIVE}|(?=[ \t]+{_PARTICIPLE}))(?:[ \t]+(?!(?:to(?![ \t]+{_DETERMINER})"
    r"(?<!about[ \t]to)(?<!going[ \t]to)(?<!have[ \t]to)"
    r"(?<!has[ \t]to)(?<!had[ \t]to)(?<!used[ \t]to)(?<!due[ \t]to)"
    r"|so|because|via|through|using|with|by"
    r"|in[ \t]+order|and[ \t]+(?:we|our|the|it|i)|across|over(?![ \t]+\d)"
    r"|on[ \t]+(?:e-?mail|linkedin|social"
    r"|paid)|starting|from[ \t]+\d|before|after|during|next|this[ \t]+(?:quarter|spring|summer"
    r"|autumn|fall|winter)|is[ \t]+(?:it|that)|please|pls|thanks|thx"
    r"|in[ \t]+(?:q[1-4]|january|february|march|april|may|june|july|august"
    r"|september|october|november|december)|budget)\b)"
    # A word, not an emoji: "parents thinking about our nursery 🙂 how do we ..." ends at it.
    r"[^\s,.;:!?()\x00\U0001F000-\U0001FAFF\u2600-\u27BF]+){1,12}"
    # ... and never ends cut short, on its own subject or on a verb still waiting for its object
    # ("CFOs who want | to cut costs", "nurses who we hope | to reach"): then it is left out.
    # a whole word: no giving letters back to dodge the check
    + r"(?![^\s,.;:!?()\x00\U0001F000-\U0001FAFF\u2600-\u27BF])"
    + "".join(rf"(?<!\b{word})" for word in _CUT_SHORT)
    + ")"
)
# Where who the campaign is for ends and why, how or when begins: "customers from last year
# because we'd like ...", "owners in Leeds so that ...", "dealers in Ohio with a budget of 30k".
_NOT_PURPOSE = r"(?!(?:because|since|so|to|with|by|and|but|as|via|before|after|until)\b)"
PEOPLE_NAMED = (
    rf"(?:(?:(?:(?!{_RELATIVE}\b)[\w&/+'’-]+[ \t]+){{0,5}}(?:{_AUDIENCE_NOUNS}|{_PEOPLE_LIKE})\b"
    rf"(?:[ \t]+{_NOT_CHANNEL_CLAUSE}(?:in|at|of|from|across|on)[ \t]+[\w&/+'’-]+"
    rf"(?:[ \t]+{_NOT_CHANNEL_CLAUSE}{_NOT_PURPOSE}(?!{_RELATIVE}\b)[\w&/+'’-]+){{0,3}})?"
    # People no word list names are still people when "who" follows: "pilots who fly ...".
    rf"|(?:(?!{_RELATIVE}\b|the\b|a\b|an\b)[\w&/+'’-]+[ \t]+){{0,3}}(?!{_RELATIVE}\b)"
    rf"[\w&/+'’-]+(?=[ \t]+(?:who|whose)\b))"
    rf"{_RELATIVE_CLAUSE}?)"
)
