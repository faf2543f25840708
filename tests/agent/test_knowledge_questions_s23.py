"""Knowledge questions asked the way marketers ask them, answered from the bundled documents.

Each case was written from a document under `src/mcc/knowledge/content/` (not from the code): the
question in one of many voices (terse keywords, chatty, typos, British spelling, a question inside
a longer message), the part of the cited section's label that shows where the answer comes from,
and facts the reply must state, copied from that document. Questions the documents do not cover
must say so and cite nothing. A question asked mid-draft is answered and the draft is kept.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from mcc.agent.knowledge import NOT_COVERED
from tests.agent.conftest import Chat


@dataclass(frozen=True)
class Asked:
    question: str
    source: str  # part of a cited label: the document (and section) the answer comes from
    facts: tuple[str, ...]  # what the reply must say, as the document says it

    def __str__(self) -> str:
        return self.question


TIERS = "Campaign Tier Definitions"
APPROVALS = "Campaign Tier Definitions › Approvals"
LEAD_TIMES = "Campaign Tier Definitions › Lead Times"
DECIDED = "Campaign Tier Definitions › How the Tier Is Decided"
BUDGETS = "Budget and Approval Guidelines"
EMAIL = "Email Campaign Playbook"
WEBINARS = "Webinar Playbook"
EVENTS = "Event and Conference Playbook"
ACCESSIBILITY = "Accessibility Guidelines"
LEGAL = "Legal and Privacy Review Guidelines"
NAMING = "Naming Conventions"
VOICE = "Brand Voice and Tone Guidelines"
LAUNCH = "Campaign Launch Checklist"
SCRIPT = "Webinar Script Outline Template"

COVERED = [
    # Approvers: the tier policy's table, one approver per tier.
    Asked("who needs to approve a 200k launch?", APPROVALS, ("VP of Marketing", "Tier 1")),
    Asked("quick q: who signs off on a 40k paid social push", APPROVALS, ("Marketing Director",)),
    Asked("approvers tier 1", APPROVALS, ("VP of Marketing",)),
    Asked("do we need the VP to approve an 8k email?", APPROVALS, ("Marketing Manager",)),
    Asked("hey, who has to okay our annual user conference this year?", APPROVALS, ("VP",)),
    Asked("whos the approver for a tier 3 campagin", APPROVALS, ("Marketing Manager",)),
    Asked("remind me who authorises a tier 2 campaign?", APPROVALS, ("Marketing Director",)),
    Asked("approver for a 3-channel webinar?", APPROVALS, ("Marketing Director", "Tier 2")),
    # Lead times: from approved brief to launch.
    Asked(
        "how early do I start on a field event?",
        LEAD_TIMES,
        ("Tier 1: 12 weeks", "Tier 2: 6 weeks", "Tier 3: 3 weeks"),
    ),
    Asked("tier 2 lead time", LEAD_TIMES, ("6 weeks",)),
    Asked("lead time for a 150k trade show??", LEAD_TIMES, ("12 weeks",)),
    Asked("is 4 weeks enough for a tier 1?", LEAD_TIMES, ("12 weeks",)),
    Asked("what's the minimum runway for a tier 3 campaign", LEAD_TIMES, ("3 weeks",)),
    Asked(
        "When should we kick off planning for a major product launch?", LEAD_TIMES, ("12 weeks",)
    ),
    Asked("how far out do we need to plan a $30k webinar", LEAD_TIMES, ("6 weeks", "Tier 2")),
    # Tiers and their bands.
    Asked("what tier is a 25k roadshow?", DECIDED, ("Tier 2",)),
    Asked("is a $99,999 campaign tier 1 or tier 2?", DECIDED, ("Tier 2",)),
    Asked("what budget do tier 2 campaigns need", DECIDED, ("$25,000",)),
    Asked("how many channels makes something tier 1?", TIERS, ("four or more to Tier 1",)),
    Asked("what contingency do tier 1 campaigns hold?", TIERS, ("10%",)),
    # Budgets and spend.
    Asked(
        "we're going over budget - when do I need re-approval?",
        BUDGETS,
        ("more than 10% or more than $10,000",),
    ),
    Asked("can I move budget from paid social to display?", BUDGETS, ("20%",)),
    Asked("how fast does a VP approval come back?", BUDGETS, ("5 business days",)),
    Asked("does partner MDF reduce the budget that decides the approver?", BUDGETS, ("gross",)),
    Asked("do I need a PO for a 3k purchase?", "Purchase Orders", ("$5,000 or more",)),
    # Channels: email, social, SMS, webinars, events.
    Asked("How often can we email Gold customers?", EMAIL, ("3 marketing emails", "8 in 30 days")),
    Asked("max emails per contact per week", EMAIL, ("3 marketing emails",)),
    Asked("what's the rule on subject line length?", EMAIL, ("50 characters",)),
    Asked("best time of day to send a promo email?", EMAIL, ("9:00–11:00",)),
    Asked("minimum list size for a standalone email send", EMAIL, ("500 contacts",)),
    Asked("how many recipients per cell for an A/B test", EMAIL, ("2,000",)),
    Asked("at what hard bounce rate do we stop sending?", "", ("2%",)),
    Asked("how often should we post on LinkedIn?", "Social Media Playbook", ("4–5 posts",)),
    Asked("can I text people at 9pm?", "SMS", ("21:00",)),
    Asked("how long should our webinars be", WEBINARS, ("45 minutes",)),
    Asked("when do the webinar reminder emails go out?", WEBINARS, ("7 days, 1 day and 1 hour",)),
    Asked("how many fields on a webinar registration form?", WEBINARS, ("five fields",)),
    Asked("what paid social budget do we put behind a webinar?", WEBINARS, ("$3,000–$8,000",)),
    Asked("booth design deadline for a trade show?", EVENTS, ("8 weeks out",)),
    Asked("giveaway cost limit per unit at events", EVENTS, ("$15",)),
    Asked(
        "what's on the checklist before a webinar?",
        "Webinar Playbook › Task Checklist",
        ("Approve topic, speakers and brief",),
    ),
    # Accessibility.
    Asked("what contrast ratio do we need for body text", ACCESSIBILITY, ("4.5:1",)),
    Asked("do we need captions on live webinars?", "", ("live captions",)),
    Asked("alt text — how long?", ACCESSIBILITY, ("125 characters",)),
    Asked("minimum tap target size?", ACCESSIBILITY, ("24 × 24",)),
    Asked("minimum font size in marketing emails?", ACCESSIBILITY, ("14 px",)),
    Asked(
        "Hi team, hope you're well! I'm pulling our Q3 plans together and wanted to check one "
        "thing: what colour contrast do landing pages need?",
        ACCESSIBILITY,
        ("4.5:1",),
    ),
    # Legal and privacy.
    Asked(
        "do we need legal for a customer testimonial in a tier 3 email?",
        LEGAL,
        ("testimonials",),
    ),
    Asked("how long does legal take to review a landing page?", LEGAL, ("5 business days",)),
    Asked("can we buy an email list for the roadshow?", "Data and List Hygiene", ("urchased",)),
    Asked("Do German contacts need double opt-in?", LEGAL, ("double opt-in",)),
    Asked("what's the rule on cookies before consent in the EU?", LEGAL, ("prior consent",)),
    Asked("how quickly must we honour unsubscribes?", "", ("10 business days",)),
    Asked("can I run a sweepstakes without legal review", LEGAL, ("10 business days",)),
    # Naming conventions.
    Asked(
        "what's the naming convention for campaign IDs?",
        NAMING,
        ("YYYYqN_tier_region_type_short-name",),
    ),
    Asked("utm medium for linkedin ads", NAMING, ("paid-social",)),
    Asked("should UTM values be lowercase?", NAMING, ("owercase",)),
    Asked("how do I name the workfront project", NAMING, ("[T#] YYYY-QN | Region | Type | Name",)),
    # Brand voice.
    Asked("can we use exclamation marks in subject lines?", VOICE, ("never in a subject line",)),
    Asked("do we use the oxford comma??", VOICE, ("Oxford",)),
    Asked("is 'best-in-class' ok in copy?", VOICE, ("substantiation",)),
    Asked("sentence case or title case for buttons?", VOICE, ("Sentence case",)),
    # Launch checklist.
    Asked("what do I check two business days before go-live?", LAUNCH, ("Two Business Days",)),
    Asked("when do we have to pause a campaign that's already out?", LAUNCH, ("0.3%",)),
    Asked("can the person who built the email also run the launch checklist?", "", ("not",)),
    # Webinar script outline.
    Asked("how long is the Q&A in the webinar script?", "", ("Q&A",)),
    Asked("how fast do registrants get the webinar recording?", "", ("24 hours",)),
    Asked("what poll questions should we ask in a webinar?", SCRIPT, ("poll",)),
]

NOT_COVERED_QUESTIONS = [
    "what's the weather in London tomorrow?",
    "how much does a Super Bowl ad cost?",
    "what's our stock price?",
    "what's the office wifi password?",
    "can we sponsor a Formula 1 team?",
    "who won the world cup?",
    "how do I reset my laptop password",
    # Covered words around an uncovered subject: the subject decides.
    "how far ahead must I request a parking space?",
    "can we run a TV ad on a list of 1500?",
    "what are the rules for texting in Antarctica?",
    "when does legal have to review a Super Bowl ad?",
]


def _plain(text: str) -> str:
    return text.replace("**", "")


@pytest.mark.parametrize("case", COVERED, ids=str)
async def test_a_covered_question_is_answered_from_its_document(chat: Chat, case: Asked) -> None:
    reply = await chat.say(case.question)
    labels = [citation.label for citation in reply.citations]
    assert NOT_COVERED not in reply.content, case.question
    assert any(case.source in label for label in labels), (labels, reply.content)
    for fact in case.facts:
        assert fact in _plain(reply.content), (fact, reply.content)
    assert reply.actions == []


@pytest.mark.parametrize("question", NOT_COVERED_QUESTIONS)
async def test_a_question_the_documents_do_not_cover_says_so(chat: Chat, question: str) -> None:
    reply = await chat.say(question)
    assert NOT_COVERED in reply.content, reply.content
    assert not reply.citations


@pytest.mark.parametrize(
    ("question", "source", "fact"),
    [
        ("btw how often can we email people?", EMAIL, "3 marketing emails"),
        ("quick q: do we need legal review for a customer quote?", LEGAL, "testimonials"),
        ("remind me what the lead time is for tier 2", LEAD_TIMES, "6 weeks"),
        ("oh and who approves this kind of thing, tier 3?", APPROVALS, "Marketing Manager"),
    ],
)
async def test_a_question_mid_draft_is_answered_and_the_draft_kept(
    chat: Chat, question: str, source: str, fact: str
) -> None:
    await chat.say("new email campaign 'Spring Nudge' for trial users, budget 8k, 3 weeks from now")
    reply = await chat.say(question)
    assert any(source in citation.label for citation in reply.citations), reply.content
    assert fact in _plain(reply.content)
    assert reply.draft is not None
    assert {f.name: f.value for f in reply.draft.fields}["name"] == "Spring Nudge"
    assert reply.actions == []
