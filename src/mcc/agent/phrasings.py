"""How people word a knowledge question, mapped to how the bundled playbooks word the answer.

The knowledge answers (`mcc.agent.knowledge`) read a question through this table: each phrasing
that matches adds the playbooks' words for it, and British spellings are read in the American
form the playbooks use. Kept apart from the retrieval logic so the vocabulary can grow without
the answering code growing with it.
"""

from __future__ import annotations

import re

# How people ask, mapped to how the playbooks write. A match adds the playbook's words to the query
# and lets them stand in for the asker's words when a passage is checked for relevance; the
# asker's words still count, so nothing here can make an unrelated passage look relevant.
PHRASINGS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), words)
    for pattern, words in (
        (
            # Not a size: "max characters in an SMS" asks a length, not a frequency.
            # Nor "character limit", "size cap": the unit before the word says so too.
            r"\bhow\s+often\b|(?<!\bcharacter\s)(?<!\bcharacters\s)(?<!\bchars\s)(?<!\blength\s)"
            r"(?<!\bsize\s)(?<!\bword\s)(?<!\bpixel\s)\b(?:max(?:imum)?|limits?|caps?|how\s+many)\b"
            r"(?!\s+(?:\w+\s+)?(?:characters?|chars|length|size|words|letters|pixels|px|days|weeks"
            r"|hours|minutes)\b)",
            "frequency cap more than",
        ),
        # "Comms" is how people say the communications team the playbooks name.
        (r"\bcomms\b", "communications"),
        # "how long should an online session run?": the webinar playbook's format.
        (
            r"\b(?:online|virtual|live[\s-]?stream(?:ed)?)\s+(?:sessions?|talks?|seminars?|classes"
            r"|class|workshops?|briefings?)\b|\bweb\s+sessions?\b",
            "webinar",
        ),
        (r"\bpromos?\b", "promotional"),
        # How often to publish ("how often should we post", "posting frequency on X"): the
        # playbooks give a cadence per day, week or month.
        (
            r"\bhow\s+(?:often|frequently|many\s+times)\b|\bcadence\b|\bfrequency\b",
            "cadence per week day month",
        ),
        # How long a message may be, however it is asked ("max characters", "character limit",
        # "how long can a subject line be").
        (
            r"\b(?:characters?|chars|length|letters)(?:\s+(?:limits?|caps?|max(?:imum)?|counts?))?\b"
            r"|\bhow\s+long\s+(?:can|should|may)\b",
            "characters or fewer",
        ),
        # How long a written piece is: "how long should a blog post be?" ("1,200–2,000 words").
        (
            r"\bhow\s+long\s+(?:can|should|may|is|are)\s+(?:an?\s+|the\s+|our\s+|my\s+)?"
            r"(?:blog|post|article|pillar|page|guide|case\s+stud|e-?book|white\s*paper)",
            "words",
        ),
        # "is there a length limit for campaign names?": "Keep names under 80 characters".
        (
            r"\b(?:length|long|characters?|chars)\b[^?.!]{0,30}\bnames?\b"
            r"|\bnames?\b[^?.!]{0,30}\b(?:length|long|characters?|chars)\b",
            "under characters",
        ),
        # When sends may go out ("what hours can we text", "send window", "quiet hours").
        (
            r"\b(?:what|which)\s+(?:hours|times?)\b|\bwhat\s+time\b|\btime\s+of\s+day\b"
            r"|\b(?:send(?:ing)?|texting|quiet|contact)\s+(?:hours|window|times?)\b",
            "between local time window",
        ),
        # A minimum size ("minimum tap target size", "how big should buttons be").
        (r"\bmin(?:imum)?\b|\bsmallest\b", "at least"),
        (r"\bsizes?\b|\bhow\s+(?:big|large|small)\b", "px pt size"),
        (r"\b(?:a|per|each|every|in\s+a)\s+month\b|\bmonthly\b", "30 days"),
        (r"\b(?:a|per|each|every|in\s+a)\s+week\b|\bweekly\b", "7 days"),
        (r"\bexecs?\b", "executive"),
        # "how soon can I touch the bids?": the paid playbook says what may not be changed.
        (r"\b(?:touch|tweak|fiddle|mess|adjust|optimi[sz]e)\w*\b", "change"),
        # "utm medium for linkedin ads": the playbooks say paid or sponsored.
        (r"\b(?:ads|adverts?|advertising)\b", "paid sponsored"),
        (r"\b(?:what|which)\s+days?\b", "monday tuesday wednesday thursday friday"),
        # A text message, not "alt text" or "body text": the word as a message or as a verb.
        (
            r"\btext\s+messages?\b|\btexts\b|\btexting\b"
            r"|\b(?:can|could|should|may|to|we|i)\s+text\b(?!\s+(?:size|contrast|colou?r|links?)\b)",
            "sms",
        ),
        # "can I text people at 9pm?": a clock time asks about a send window.
        (r"\b\d{1,2}(?::\d{2})?\s*(?:am|pm)\b|\b\d{1,2}:\d{2}\b", "between local time window"),
        # "when should we pause a live campaign?": the launch checklist's stop conditions.
        (r"\b(?:pause|paus(?:ed|ing)|halt|pull\s+the\s+plug)\b", "stop conditions pause"),
        (r"\bover\s*(?:budget|spend)\b|\boverspen\w*|\bgo(?:ing|es)?\s+over\b", "overrun forecast"),
        # "what hours can we send SMS": the playbooks write send windows as local times.
        (
            r"\bhours?\b|\btimes?\s+of\s+(?:the\s+)?day\b|\bwhat\s+time\b",
            "time local between window",
        ),
        # A duration's answer is in days or weeks ("about ten business days for Tier 2").
        (
            r"\bhow\s+long\b|\bhow\s+many\s+(?:business\s+|working\s+|calendar\s+)?(?:days|weeks|hours"
            r"|minutes)\b",
            "length minutes characters turnaround days weeks",
        ),
        (r"\b(?:people|folks|recipients|subscribers|prospects|customers|clients)\b", "contacts"),
        (r"\bbuy(?:ing)?\b|\bbought\b", "purchased"),
        (r"\brent(?:ing|ed)?\b", "rented"),
        (r"\bsign[\s-]?ups?\b", "registrations"),
        (r"\bregistrants?\b", "attendees registered"),
        # "what do I have to tick off before launch?": the launch checklist's boxes, not one
        # approval. Before "sign off", which alone asks who approves.
        (
            r"\b(?:tick|check|cross)(?:s|ed|ing)?\s+(?:\w+\s+)?off\b|\bboxes\s+to\s+(?:tick|check)\b",
            "launch checklist five business days before launch approvals readiness tracking setup",
        ),
        (r"\bsign[\s-]?off\b|\bgreen[\s-]?light\b|\bok(?:ay)?\b", "approval"),
        (r"\bwrap[\s-]?up\b|\bdebrief\b|\bretro(?:spective)?\b", "report"),
        (r"\bmoney\b|\bspend\b|\bcost\b", "budget"),
        (r"\bdeadline\b|\bdue\b", "within days"),
        (r"\bhonou?r(?:ed|ing)?\b", "honor"),
        (r"\bunsubscribes?\b|\bunsubscribing\b", "opt-out opt-outs"),
        (r"\bhow\s+(?:fast|quickly|soon)\b", "within days"),
        # "a one-star review", "a bad review": the advocacy playbook's critical reviews.
        (
            r"\b(?:one|two|1|2|low|bad|negative|poor|angry|nasty)[\s-]+stars?\b"
            r"|\b(?:bad|negative|poor|angry|nasty|harsh)\s+(?:reviews?|ratings?)\b",
            "critical",
        ),
        (r"\bratings?\b|\brated\b", "reviews"),
        # "how soon do we answer a review?": the playbooks respond or reply.
        (r"\b(?:answer|respond|reply)(?:s|ed|ing)?\b|\bget\s+back\s+to\b", "respond reply"),
        # "how fast should sales get in touch?": the service levels' first contact.
        (
            r"\b(?:get|be|keep)\s+in\s+touch\b|\breach\s+out\b|\bcall\s+(?:them\s+)?back\b",
            "contact",
        ),
        # "someone asked for a demo": the hand-raisers' requests.
        (r"\bask(?:s|ed|ing)?\s+(?:us\s+|me\s+)?for\b", "request requests"),
        (
            r"\bhow\s+far\s+out\b|\bhow\s+early\b|\bhow\s+far\s+ahead\b",
            "weeks business days out before",
        ),
        # "US customers": the country, not the pronoun the stop words drop (typed in capitals).
        (r"(?-i:\bUS\b)|\bU\.S\.(?:A\.)?|\bUSA\b|\bAmerican?\b", "united states"),
        # "when does legal have to review?", "does legal need to see every email?": when the
        # playbooks say a step is required. Not any "must" ("how far ahead must I request ...").
        (
            r"\bmandatory\b|\bobligatory\b|\bwhen\s+(?:does|do|is|are)\b[^?.!]*\b(?:have|has|need)s?\s+to\b"
            r"|^\W*(?:does|do)\s+\w+\s+(?:have|need)\s+to\b",
            "required",
        ),
        (r"\ba\s*/\s*b\b|\bsplit[\s-]tests?\b|\bab\s+tests?\b", "test cell split variant"),
        (r"\blists?\b", "recipients segment contacts"),
        (r"\binvites?\b", "invitations"),
        # "how fast does legal turn around a review": the playbooks' service-level tables.
        (r"\bturn(?:s|ed)?[\s-]?around\b|\bturnaround\b", "turnaround business days"),
        # "how should I name the campaign ID": the naming convention's format line.
        (r"\bnam(?:e|ing)\b(?=.*\b(?:ids?|utms?|conventions?|format)\b)", "format naming"),
        # "what's the MQL score threshold?", "what score makes someone an MQL?": the lifecycle
        # table's "lead score of 65 or more" (the scoring sections list points, no threshold).
        (
            # The whole span, so each of its words ("threshold" too) is read as these.
            r"\b(?:thresholds?|cut-?offs?|min(?:imum)?\s+score|score\s+(?:needed|required)"
            r"|what\s+(?:lead\s+)?score)\b[^?.!]{0,40}?\bmqls?\b"
            r"|\bmqls?\b[^?.!]{0,40}?\b(?:thresholds?|cut-?offs?)\b",
            "lead score of or more qualified definition stage",
        ),
    )
)


# British spellings and their American form, which the playbooks use: "colour", "organise",
# "analyse", "centre", "programme", "licence". A wrong guess ("hour" is left alone by the length)
# only adds a word no passage has.
_BRITISH = tuple(
    (re.compile(pattern), american)
    for pattern, american in (
        (r"(?<=\w{3})our(?=s?$|ed$|ing$|able$)", "or"),
        (r"(?<=\w{3})is(?=e$|es$|ed$|ing$|ation$|ations$|er$|ers$)", "iz"),
        (r"(?<=\w{3})ys(?=e$|es$|ed$|ing$)", "yz"),
        (r"(?<=\w{3})tre(?=s?$)", "ter"),
        (r"(?<=\w{4})mme(?=s?$)", "m"),
        (r"(?<=\w{4})ogue(?=s?$)", "og"),
        (r"(?<=lic|def|off)ence(?=s?$)", "ense"),
    )
)


def american_spelling(word: str) -> str:
    for pattern, american in _BRITISH:
        word = pattern.sub(american, word)
    return word
