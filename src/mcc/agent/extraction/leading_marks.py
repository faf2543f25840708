"""What is left at a free-text value's start by the clause before it, never part of the value:
the full stop or closing bracket of the previous sentence (". SMB finance managers",
"). SMB accountants"), an emoji used as a bullet ("👥 active mobile users"), or a leftover
"for:" label ("for: MQLs that went cold"), or a hedge ("mainly ski instructors"); and a
hedge or a keen "!!" at its end ("dairy farmers mainly", "200 registrations!!")."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from mcc.agent.extraction.people_words import names_people
from mcc.agent.extraction.spans import ABBREVIATED, Extraction

_FIELDS = ("target_audience", "objective")
# A full stop or separator only before a space: ".NET developers" keeps its dot.
# How a reply opens before its answer ("yeah harbour pilots", "oh, Q1 pipeline", "that'd be
# sign-ups for the taster day"): it answers, it is no part of the answer.
_OPENING = (
    r"(?-i:yeah|yep|yup|oh|ah|well)\b[,\s]+"
    # "hmm, more gifts left in wills": a pause before the answer ("hmm" alone is a doubt).
    r"|(?-i:hmm+|um+|uh+|uhm+|erm?)[,.…]+\s+"
    # "ok — more ferry bookings", "right, a fuller diary": an acknowledgement and its mark.
    r"|(?-i:ok(?:ay)?|right|alright|so|sure)\s*[,—–]+\s*"
    # "ok so people who follow us", "sooo more sign-ups": the run-up to an answer.
    r"|(?-i:(?:ok(?:ay)?|right|and)\s+so|so{2,}|who\?|what\?)[,.…\s]+"
    r"|(?:that|it)(?:'d|’d|\s+would|\s+will|'ll|’ll)\s+be\b[,:\s]+"
    # "they're mostly retired teachers", "those would be surfers": who they are, said of them
    r"|(?-i:[Tt]hey(?:'re|’re|\s+are|'d\s+be|’d\s+be|\s+would\s+be)|[Tt]hose\s+(?:are|would\s+be))\s+"
    # "So yeah ...", "I mean more members", "Truthfully millennials ...", "Genuinely? people to
    # ...": the run-up to an answer and how candid it is (never a company's name: lower case, or
    # one of these words with its mark)
    r"|(?-i:[Ss]o)\s+(?=yeah|basically|um|uh|like\b)|(?-i:[Ii]\s+mean|reckon)[,\s]+"
    r"|(?-i:truthfully|genuinely|frankly|honestly|to\s+be\s+honest)[?!,:]*\s+"
    r"|(?-i:Truthfully|Genuinely|Frankly|Honestly|To\s+be\s+honest)(?:[?!,:]+\s+|\s+(?=(?-i:[a-z])))"
    # Dictated punctuation after a spoken label: "objective [comma] three hundred new members".
    r"|(?-i:comma)\s+"
    # "let's go with Blank Canvas", "we went with florists": the answer after the choosing
    r"|(?-i:(?:let'?s|we'?ll|i'?ll|we\s+went|we'?re\s+going|going)\s+(?:go\s+)?with)\s+"
    # "oh and ideally 25 signed contracts": the joiner of a second answer in one message
    r"|(?-i:(?:oh\s+)?(?:and|also))\s+"
)
# How sure the writer is, said before the value: "I think", "i reckon", "I'd say".
_I_THINK = r"[Ii](?:\s+(?:think|guess|reckon|suppose|would\s+say)|['’]d\s+say)"
# Any hedge that opens an answer ("I think 80 bookings", "hopefully more walk-ins").
HEDGE = re.compile(rf"(?:{_I_THINK}|hopefully|probably|ideally)[,\s]+", re.IGNORECASE)
_LEADING = re.compile(
    # "sure — awareness": the dash the acknowledgement left (a hyphen only before a space, so
    # "-20% churn" keeps its sign).
    r"^(?:[)\]}]+\s*|[.;,:](?=\s)\s*|[—–]+\s*|-+(?=\s)\s*|(?:for|to|who)\s*:\s*"
    # A hedge ("mainly ski instructors between seasons", "honestly just 250 sign-ups"): how
    # much, or how sure, not who or what.
    r"|(?:mainly|mostly|primarily|largely|chiefly|predominantly|ultimately|essentially|um+|uh+"
    r"|erm?)\b[,\s]+(?=\w)"
    # What the value is to the campaign, said before it ("pitched at bakers in Lyon", "should
    # drive more repeat orders", "[end goal] being X"): in lower case, a frame, not the value.
    r"|(?-i:(?:pitched|aimed|geared|targeted)\s+(?:att?|towards?)|going\s+after|speaking\s+to"
    r"|talking\s+to|(?:it\s+)?should\s+(?:reach|drive|bring(?:\s+in)?|get|deliver|generate|win)"
    r"|being)\s+(?=\w)"
    # A short label before "=" or an arrow ("outcome we want = X", "who → X").
    r"|(?:[\w'’]+\s+){0,4}[\w'’]+\s*(?:=|→|->|=>)\s*(?=\w)"
    # In lower case only: "Really Good Foods buyers" names a company; not "just in time".
    r"|(?-i:honestly|basically|probably|prob|probs|really|just|ideally|hopefully|simply"
    r"|realistically|optimistically|pretty\s+much|looking\s+at|more\s+or\s+less(?=,)"
    # "I think bigger crowds than last time", "i reckon 80 booked consultations"
    rf"|{_I_THINK})\b"
    r"(?!\s+in\s+time)[,\s]+(?=\w)"
    # "with the hope of more bookings", "hoping for 40 sign-ups": the wish, before what is wished
    r"|(?-i:(?:with|in)\s+the\s+hope\s+of|hoping\s+for)\s+(?=\w)"
    # "[our audience] comprises car wash owners": the verb after a label, not the people
    r"|(?-i:comprises|consists\s+of|is\s+made\s+up\s+of)\s+(?=\w)"
    # "the likes of board game cafés", "think escape room fans in Brno": who, by example
    r"|(?:the\s+likes\s+of|(?:people|persons|folks)\s+like|(?-i:think)(?!\s+tanks?\b))\s+(?=\w)"
    # "We hope 600 tasting boxes sold": the wish, before what is wished
    r"|(?:we|i)\s+(?:hope|are\s+hoping|'re\s+hoping)(?:\s+for)?\s+(?=\w)"
    rf"|(?:{_OPENING})(?=\w))",
    re.IGNORECASE,
)
# The same at a value's end ("dairy farmers in Wisconsin mainly", "... if that helps"), and the
# exclamation marks of a keen reply ("200 registrations!!").
_TRAILING = re.compile(
    # A comment in square brackets after the value ("[comment from Delroy: love it]").
    r"[ \t]*\[(?:comment|note|nb|edit|todo|reply)\b[^\[\]\n]{0,80}\][ \t.]*$|"
    r"(?:[\s,]+(?:mainly|mostly|primarily|largely|probably|i\s+(?:guess|think|suppose|reckon)"
    r"|if\s+that\s+(?:helps|makes\s+sense|works)|if\s+possible)\b)?[\s.!]*!+[\s.!]*$"
    r"|[\s,]+(?:mainly|mostly|primarily|largely|probably|i\s+(?:guess|think|suppose|reckon)"
    r"|i'?d\s+say|i\s+would\s+say"
    r"|if\s+that\s+(?:helps|makes\s+sense|works)|if\s+possible|btw|by\s+the\s+way|tbh|though"
    # "candle makers who sell at craft fairs and um": a voice note's filler before the next part
    r"|(?:and\s+)?(?:um+|uh+|erm?)"
    r"|for\s+now|for\s+a\s+start|to\s+start\s+with|right\s*\?"
    # A remark at the end ("my patients obviously", "season ticket holders only", "... y'all",
    # "... no pressure haha", "..., at least that's the plan", "... full stop" dictated).
    # In lower case: "Locals Only", "VIP Only" are names.
    r"|(?-i:obviously|only|basically|lol|lmao|haha+|y['’]?all|i['’]?d\s+imagine|I['’]?d\s+imagine|i\s+hope"
    r"|hopefully|fingers\s+crossed|touch\s+wood|no\s+pressure(?:\s+haha+)?|full\s+stop"
    r"|if\s+we['’]?re\s+lucky|(?:at\s+least\s+)?that['’]?s\s+the\s+(?:plan|idea|hope|dream)"
    r"|as\s+always|for\s+sure)"
    # "nurses in private clinics is who this is for": the people, then what they are to it.
    r"|is\s+who\s+(?:this|it|that)(?:(?:\s+is|'s|’s)\s+for)?|(?:is|are)\s+(?:the|our)\s+(?:audience|target))\b"
    r"[\s.!?]*$"
    # A reason, an aside on the people or who above all, after the value: "... because they have
    # time to volunteer", "... bc delivery fees are killing us", "..., which is a big group round
    # here", "..., especially tenors".
    r"|(?:[\s,;]+|\s*[—–]\s*)(?-i:because|bc|b/c|cos|coz|['’]cause)\s(?!of\b)[^\n]{0,120}$"
    r"|,\s*(?:which\s+(?:is|are|was|were)|especially|particularly|esp\.?)\s[^\n]{0,80}$"
    # "— more in a sec", "..., details to follow": the writer's promise of the rest.
    r"|[\s,;:—–-]+(?:(?:and\s+)?(?:more|the\s+rest|details|more\s+details)\s+(?:in\s+a\s+(?:sec|second"
    r"|minute|mo|bit)|to\s+follow|to\s+come|soon|shortly|coming|later)|stay\s+tuned)\b[\s.!…]*$",
    re.IGNORECASE,
)


_TRAILING_REACH = 400


def _bullet(char: str) -> bool:
    """An emoji or symbol ("👥", "➡", "✉️" with its variation selector); "$", "+", "~", "<"
    open values ("$80k in sales", "+35% signups", "<2% churn") and stay."""
    return unicodedata.category(char) in {"So", "Sk", "Mn", "Cf"}


# A reply's opening alone, read before the message, unlike the hedges above ("just organic" says
# "only").
_REPLY_OPENING = re.compile(rf"^(?:{_OPENING})(?=\w)", re.IGNORECASE)


def without_reply_opening(text: str) -> str:
    return _REPLY_OPENING.sub("", text, count=1)


def clean_start(value: str) -> str:
    previous = None
    while value and value != previous:
        previous = value
        while value and _bullet(value[0]):
            value = value[1:].lstrip()
        value = _LEADING.sub("", value, count=1).lstrip()
    # Only a value's last few hundred characters can be its trailing remark: a pasted run of
    # thousands of commas or spaces would cost the square of its length.
    cut = max(0, len(value) - _TRAILING_REACH)
    value = (value[:cut] + _TRAILING.sub("", value[cut:])).rstrip()
    # "1,000 pledges to volunteer 💪": an emoji after the value says how keen, not what.
    while value and _bullet(value[-1]):
        value = value[:-1].rstrip()
    return value


# What frames an objective as a wish or a purpose, never part of the outcome (in any case: a
# message may open with it): "hoping to get 250 sign-ups", "so that more families pick us",
# "[we'd like to] see 40 charities join", "[we want] them to register 80 deals", "[what I'd like
# is] for us to be the first result", "[hoping] it'll bring in 20 grad hires".
_OBJECTIVE_FRAME = re.compile(
    r"^(?:(?:we'?re\s+|i'?m\s+)?(?:(?:hoping|aiming|trying)(?:\s+(?:to|that|for))?|looking\s+(?:to|for))"
    r"\s+(?=\S)"
    r"|(?:so\s+that|so|in\s+order\s+(?:that|to))\s+(?!many\b|much\b|far\b|long\b)"
    r"|(?:for\s+)?(?:us|them|people|everyone|folks)\s+to\s+(?=[a-z])"
    r"|(?:it|this|that)(?:'ll|’ll|\s+will|\s+would|'d|’d)\s+(?=[a-z])"
    r"|see\s+(?=\S)"
    # "[we're hoping] this brings 80 booked consultations": what the campaign should bring
    r"|(?:this|it)\s+(?:will\s+)?(?:brings?|gets?|drives?|delivers?|generates?)\s+(?:in\s+|us\s+)?"
    # "want 150 callout jobs", "we need 40 signed contracts": the wish before a counted aim
    r"|(?:we\s+|i\s+)?(?:want|need)\s+(?=\d)"
    # "we want to sell 1000 sewing patterns", "we hope 600 tasting boxes sold": the wish said
    r"|(?:we|i)(?:\s+(?:want|would\s+like|wanna|hope|plan|intend|aim)|['’]d\s+like)\s+to\s+(?=[a-z])"
    r"|(?:we|i)\s+(?:hope|expect)\s+(?:for\s+)?(?=\d)"
    # "[we're] measured on meetings held", "judged by signed contracts"
    r"|(?:(?:we'?re|it'?s|we\s+are|it\s+is)\s+)?(?:measured|judged|tracked|scored)\s+(?:on|by|against)\s+)",
    re.IGNORECASE,
)
# What frames an audience as the subject of a sentence: "[The people we'd most like to reach]
# are freelancers", "[Target] customers are salaried professionals": the people come after the
# copula (not "people who are new to ...": a relative clause describes them).
_AUDIENCE_FRAME = re.compile(
    # "use season ticket holders", "go with florists in Leeds": a correction's verb
    r"^(?:(?:use|go\s+with|switch\s+(?:it\s+)?to|change\s+(?:it\s+)?to)\s+(?=\S)|"
    # "[(we're there to) meet] procurement managers": whom the campaign meets or reaches
    r"(?:to\s+)?(?:meet|connect\s+with|talk\s+to|get\s+in\s+front\s+of|reach)\s+(?=\S)|"
    # "[clients aimed at] football fans who live abroad": what the people are to it, then them
    r"(?:[A-Za-z]+\s+)?(?:aimed|targeted|geared|pitched)\s+at\s+(?=\S)|"
    r"(?:(?!(?i:who|that|which|this|it|there|here)\b)[A-Za-z]+\s+){0,2}(?:are|is)\s+(?=\S)"
    # not what they are to it: "retirees are our focus", "nurses are the target"
    r"(?!(?:our|the|my|their)\s+(?:focus|target|audience|priority|main|core|key|ideal|market)\b))"
)
# Remarks after an objective that say how sure or how keen, not what: "120 trial signups,
# ideally", "two proof-of-concepts, fingers crossed", "50k streams in the first week lol".
_OBJECTIVE_REMARK = re.compile(
    r"(?:\s*,\s*(?:realistically|ideally|hopefully|optimistically|fingers\s+crossed|touch\s+wood"
    r"|simple(?:\s+as(?:\s+that)?)?|that'?s\s+it|no\s+pressure|hope\s+that\s+makes\s+sense)"
    # "a full house at every session I'm happy": how the outcome would feel, not what it is
    r"|,?\s+(?:i'?m|we'?re|i'?d\s+be|we'?d\s+be|everyone'?s|the\s+boss(?:\s+is|'s))\s+"
    r"(?:happy|thrilled|delighted|chuffed|stoked|over\s+the\s+moon|pleased)"
    r"|\s+(?:lol|lmao|haha+|imo|tbh)"
    # "3000 new subscribers would be ace": how the outcome would feel
    r"|\s+(?:would|will|['’]d)\s+be\s+(?:ace|great|nice|good|amazing|brilliant|lovely|fab"
    r"|fantastic|awesome|ideal|perfect|a\s+win|a\s+dream|the\s+dream)"
    # "40 sales-qualified leads out of it", "25 site assessments off the back of it"
    r"|\s+(?:out\s+of|off\s+the\s+back\s+of|from)\s+(?:it|this(?:\s+one)?|the\s+campaign)"
    # "300 installs (for now)", "90 bookings (ideally)"
    r"|\s*\((?:for\s+now|ideally|hopefully|roughly|approx\.?|approximately|ish|at\s+least|tbc)\))"
    r"[\s.!]*$",
    re.IGNORECASE,
)
# A sentence's stop after the value's last word, not an abbreviation's ("approx.", "Inc.") or an
# initial's ("J.").
_LAST_WORD_STOP = re.compile(r"(?P<word>[\w'’-]*)\.$")
# (The abbreviations a value goes on past, `spans.ABBREVIATED`, and the ones that may end it.)
_ABBREVIATIONS = (
    frozenset(ABBREVIATED)
    | {"etc", "no"}
    | {"min", "max", "mins", "hrs", "wk", "wks", "yr", "yrs", "mo", "mos", "ave"}
)


def without_sentence_stop(value: str) -> str:
    stop = _LAST_WORD_STOP.search(value)
    if stop is None or value.endswith(".."):
        return value
    word = stop["word"].lower()
    if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
        return value
    return value[: stop.end() - 1]


_FRAMES = {"objective": _OBJECTIVE_FRAME, "target_audience": _AUDIENCE_FRAME}
_TOGETHER = re.compile(r"\s+together$", re.IGNORECASE)
_REMARK_REACH = 60


def without_frame(field: str, value: str) -> str:
    """`value` without the words that frame it as its field (see `_OBJECTIVE_FRAME`)."""
    for _ in range(2):  # "hoping to | see 40 sign-ups": a wish, then what is seen
        frame = _FRAMES[field].match(value)
        if frame is None or len(value) - frame.end() < 2:
            break
        if field == "target_audience" and not names_people(value[frame.end() :]):
            break  # "parents are welcome", "students are a priority": no people after it
        value = value[frame.end() :]
    if field in ("objective", "target_audience"):
        value = without_sentence_stop(value)  # "get 75 schools to sign up[.]"
    if field == "target_audience":
        # "team up with an agency to reach landlords together": how, not who
        value = _TOGETHER.sub("", value) or value
    if field == "objective":
        # Only its last words can be a remark: reading the whole value from every position
        # would cost a run of blanks its square.
        cut = max(0, len(value) - _REMARK_REACH)
        value = value[:cut] + _OBJECTIVE_REMARK.sub("", value[cut:])
    return value


# A remark on its own clause ("10/27/2037, all being well") is no audience or aim.
_ONLY_A_REMARK = re.compile(
    r"(?:all\s+being\s+well|fingers\s+crossed|touch\s+wood|god\s+willing|if\s+all\s+goes\s+well"
    r"|with\s+(?:any\s+)?luck|no\s+pressure|hopefully)[\s.!]*",
    re.IGNORECASE,
)


def without_leading_marks(found: Extraction) -> Extraction:
    values = dict(found.values)
    for name in _FIELDS:
        candidate = values.get(name)
        if candidate is None or not isinstance(candidate.value, str):
            continue
        cleaned = without_frame(name, clean_start(candidate.value))
        if cleaned != candidate.value or _ONLY_A_REMARK.fullmatch(cleaned):
            if len(cleaned) < 2 or _ONLY_A_REMARK.fullmatch(cleaned):
                del values[name]
            else:
                values[name] = replace(candidate, value=cleaned)
    return found if values == found.values else replace(found, values=values)
