"""How people lead into a campaign's aim in a sentence of their own, without the word
objective or goal: "the win here is a 20% lift in repeat bookings", "plan is basically to get
60 clinics to switch", "main thing: get parents to book a free taster", "we're hoping this brings
25 signed contracts", "i need it to add 35 new corporate clients", "if we get a full house at
every session I'm happy". The lead-in frames the aim; the aim is what follows it.
"""

from __future__ import annotations

import re

# A noun for what the campaign is for, before "is" or a colon: "the win here is", "end result:".
_AIM_NOUN = (
    r"(?:win|plan|main\s+thing|big\s+thing|one\s+thing|end\s+result|end\s*game|dream|hope"
    r"|ambition|mission|north\s+star|big\s+ask|wish|measure\s+of\s+success)"
)
# At a sentence's or a line's start only: "our win rate is 20%" in the middle of a brief says
# something else.
AIM_LEAD_INS = (
    r"(?P<aim>(?:(?<![^\n.;!?/])|(?<=[\n.;!?/][ \t])|(?<=[\n.;!?/][ \t]{2}))"
    r"(?:(?:the|our|my)[ \t]+)?(?:real[ \t]+|main[ \t]+|big[ \t]+)?"
    + _AIM_NOUN
    + r"(?:[ \t]+(?:here|for\s+us|for\s+this(?:\s+one)?))?[ \t]*(?:is|would\s+be|will\s+be|:|=)"
    r"[ \t]+(?:basically[ \t]+|simply[ \t]+|really[ \t]+|just[ \t]+)?"
    # (not the campaign itself: "our plan is to run TikTok ads for the café")
    r"(?!(?:to[ \t]+)?(?:run|do|hold|host|launch|create|set\s+up|start|put\s+on|organi[sz]e"
    r"|have|make|send|post|try)\b)(?:to[ \t]+)?"
    # "we're hoping this brings 25 signed service contracts", "hope it drives more calls"
    r"|\b(?:we'?re\s+|i'?m\s+)?hop(?:e|ing)\s+(?:this|it)\s+(?:will\s+)?"
    r"(?:brings?|gets?|drives?|delivers?|generates?|wins?)\s+(?:in\s+|us\s+)?"
    # "i need it to add 35 new corporate clients": what the campaign has to do, its verb kept
    r"|\b(?:i|we)\s+(?:need|want|would\s+like|'d\s+like)\s+(?:it|this(?:\s+one)?)\s+to\s+(?=[a-z])"
    # "if we get a full house at every session I'm happy": the outcome that would satisfy
    r"|\bif\s+we\s+(?:get|hit|reach|see|land)\s+(?=\S))"
)
# What an aim is made of: a figure that is no date, or a word for a result. "the plan is simple",
# "I need it to be live before the 14th", "if we get the budget approved" lead into no aim.
_RESULT = re.compile(
    r"\b(?:more|fewer|less|higher|lower|better|bigger|greater|stronger|fuller|double|triple"
    r"|twice|grow|increase|boost|lift|raise|cut|reduce|win|awareness|sign-?ups?|bookings?|sales"
    r"|leads|members|customers|clients|orders|enquiries|inquiries|downloads|registrations"
    r"|subscribers|reviews|visits|visitors|calls|demos|meetings|trials|installs|donations|donors"
    r"|tickets|contracts|deals|revenue|pipeline|footfall|full\s+house|sell[\s-]?out|packed)\b",
    re.IGNORECASE,
)
_NOT_RESULT = re.compile(
    r"\s*(?:(?:be|go|start|run|launch|happen|finish|end|look|sound|stay|cost|come|ship|land"
    r"|don'?t|do\s+not|never|we|it|they|i|you|approved|signed|sorted)\b|get(?:s)?\s+"
    r"(?:approved|signed|done|sorted))",
    re.IGNORECASE,
)
_DATE_FIGURE = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)?(?:\s+of)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\s+\d|\b\d{1,2}(?:st|nd|rd|th)\b"
    r"|\b\d{1,2}[/.]\d{1,2}\b|\b(?:19|20)\d\d\b|\b\d{1,2}(?::\d\d)?\s*(?:am|pm)\b",
    re.IGNORECASE,
)
# Lead-ins read per message at most (each one's value is looked for up to its sentence's end: a
# run of "if we get if we get ..." stays linear).
MOST_LEAD_INS = 8


# Words that make what follows a lead-in a step of the work, not its result: "if we get the
# budget approved we'll go", "if we see any issues we'll pause it".
_STEP = re.compile(
    r"\b(?:approved|signed\s+off|sign[\s-]?off|sorted|done|ready|finished|we|we'?ll|we'?re|i'?ll"
    r"|they|they'?ll)\b",
    re.IGNORECASE,
)
_FEWEST_WORDS = 3


def leads_to_a_result(value: str) -> bool:
    """What follows an aim lead-in is an aim: a result word, a figure that is no date, or a
    phrase of a few words ("get parents to book a free taster"); not a step of the work, nor
    one word ("the plan is simple")."""
    if _NOT_RESULT.match(value) or _STEP.search(value):
        return False
    figures = _DATE_FIGURE.sub(" ", value)
    if _RESULT.search(value) or re.search(r"\d", figures):
        return True
    return len(value.split()) >= _FEWEST_WORDS and not _DATE_FIGURE.search(value)
