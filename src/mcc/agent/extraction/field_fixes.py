"""A free-text field corrected in a message of its own: "wrong audience, it's CFOs in Spain",
"let me fix the goal, it should be 200 demos", "the objective is off — make it 30 renewals".

The message names the field it fixes and then gives the new value, so the value is everything
after the words of the fix (up to a closing "please" or "thanks"). Only the audience and the
objective are read here: the other fields have their own rules (names, amounts, dates), and the
clause tagger that finds audiences and objectives inside a brief is no part of this.
"""

from __future__ import annotations

import re

from mcc.agent.extraction.spans import Candidate, Extraction

_FIELD_WORDS = {
    "target_audience": (r"(?:target\s+)?(?:audience|group|segment|persona|crowd)s?"),
    "objective": r"(?:goal|objective|aim|kpi|purpose)s?",
}
_FIX_VERBS = (
    r"(?:fix|correct|change|update|amend|adjust|edit|tweak|redo|switch|scratch|scrap|ditch"
    r"|replace|swap)"
)
_OPENER = r"(?:(?:no|nope|oops|sorry|actually|wait|hmm|ah|ok(?:ay)?)\W+)*"
_ASK = (
    r"(?:(?:let\s+me|let'?s|i\s+(?:need|want|have)\s+to|please|pls|can\s+(?:you|we)"
    r"|could\s+(?:you|we))\s+)?"
)
_HEAD = (
    _OPENER
    + r"(?:"
    # "wrong audience", "that's the wrong goal"
    + r"(?:(?:that'?s|it'?s)\s+)?(?:the\s+)?wrong\s+(?:the\s+)?{field}"
    # "let me fix the goal", "please change the audience", "correct the objective"
    + rf"|{_ASK}{_FIX_VERBS}\s+(?:the\s+|our\s+|its\s+|that\s+)?{{field}}"
    # "I got the objective wrong", "we put the wrong audience", "I had the goal wrong"
    + r"|(?:i|we)\s+(?:got|had|put|wrote|typed|gave(?:\s+you)?)\s+(?:the\s+)?(?:{field}\s+wrong"
    + r"|wrong\s+{field})"
    # "the audience is wrong", "goal is off", "audience needs fixing"
    + r"|(?:the\s+)?{field}(?:\s+(?:is|was|came\s+out|comes\s+out|looks|seems|went\s+in"
    + r"|got\s+put\s+in)|\s*['’]s)\s+(?:(?:all|a\s+bit|slightly)\s+)?"
    + r"(?:wrong|incorrect|off|not\s+right)"
    # "the objective isn't right, it's X", "audience wasn't correct"
    + r"|(?:the\s+)?{field}\s+(?:isn['’]?t|wasn['’]?t|is\s+not|was\s+not)\s+(?:quite\s+)?"
    + r"(?:right|correct)(?=\s*[,;:.!—–-])"
    # "objective needs fixing — X", "the audience needs changing: X"
    + r"|(?:the\s+)?{field}\s+needs\s+(?:fixing|changing|correcting|updating"
    + r"|a\s+(?:fix|change|tweak))"
    # "correction to the audience", "fix for the goal", "audience correction"
    + r"|(?:small\s+|quick\s+)?(?:fix|correction|change|update)\s+(?:to|on|for)\s+"
    + r"(?:the\s+)?{field}"
    + r"|{field}\s+(?:fix|correction|change|update)"
    + r")"
)
_BRIDGE = (
    # "fix the audience please: ...": a "please" between the field and its new value.
    r"(?:\s+(?:please|pls|plz))?"
    r"\s*[,:;.!—–-]*\s*"
    r"(?:(?:it'?s|it\s+is|(?:it\s+|that\s+)?(?:should|needs\s+to|ought\s+to|has\s+to|must)\s+"
    # "it should read sign-ups to the pilot", "it needs to say X": what the field says.
    r"(?:be|read|say)|make\s+it(?:\s+(?:read|say))?|to|into|->|→|=|is|we\s+want|i\s+meant?)"
    r"\s*[:,]?\s+)?"
    r"(?:actually\s+|really\s+|now\s+)?"
)
_CLOSING = re.compile(
    r"(?:\s*[,;.!—–-]\s*|\s+)(?:please|pls|thanks?(?:\s+you)?|thx|ty|cheers)?[\s.!]*$",
    re.IGNORECASE,
)
_FIXES = {
    field: re.compile(
        r"^\s*" + _HEAD.format(field=words) + _BRIDGE + r"(?P<value>\S.*?)\s*$",
        re.IGNORECASE | re.DOTALL,
    )
    for field, words in _FIELD_WORDS.items()
}
# The value first, the field after it: "I meant public librarians for the audience", "sorry,
# use 30 renewals as the goal".
_TAIL_FIXES = {
    field: re.compile(
        r"^\s*" + _OPENER + r"(?:i\s+meant?|i\s+mean|it\s+should\s+(?:be|say|read)|(?:please\s+)?"
        r"(?:use|put|make\s+it))\s+(?P<value>\S.*?)\s+(?:for|as)\s+(?:the\s+|our\s+)?"
        + words
        + r"(?=(?:\s*[,;.!—–-]\s*|\s+)?(?:please|pls|thanks?(?:\s+you)?|thx|ty|cheers)?[\s.!]*$)",
        re.IGNORECASE | re.DOTALL,
    )
    for field, words in _FIELD_WORDS.items()
}
_TOO_LONG = 14  # words: a longer tail is a message of its own, not a corrected value


def field_fix(text: str) -> Candidate | None:
    """The audience or objective a one-field correction message gives, if it is one."""
    for field, pattern in [*_FIXES.items(), *_TAIL_FIXES.items()]:
        match = pattern.match(text)
        if match is None:
            continue
        value = _CLOSING.sub("", match.group("value")).strip(" \"'“”")
        if not value or len(value.split()) > _TOO_LONG or value.endswith("?"):
            return None
        return Candidate(field, value, text[match.start("value") : match.end()].strip())
    return None


def with_field_fix(found: Extraction, text: str) -> Extraction:
    """`found` with the corrected audience or objective of `text`, when the whole of `text` is
    such a fix: its value replaces what the general rules read ("audience is wrong: make it X"
    is no audience "wrong: make it X")."""
    fix = field_fix(text)
    if fix is None:
        return found
    # "it should be 150 SQLs by end of quarter": a date or a channel inside the corrected value
    # is part of it, not a field of its own.
    inside = str(fix.value).casefold()
    values = {
        name: candidate
        for name, candidate in found.values.items()
        # (nor a value of its own words: "wrong people, we want dentists" is no aim "dentists")
        if candidate.evidence.casefold() not in inside
        and str(candidate.value).casefold() not in inside
    }
    values[fix.field] = fix
    channels = [c for c in found.channels if c.evidence.casefold() not in inside]
    return Extraction(
        values,
        channels,
        found.channels_mode,
        found.removed_channels,
        found.problems,
        found.leftover,
    )
