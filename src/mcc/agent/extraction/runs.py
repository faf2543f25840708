"""What a message holds that no reader should see: long runs of punctuation and blanks, and
the invisible characters that reorder text on screen.

A message of 10,000 dashes, blanks between "US" and "dollars", or bullets before a "Channels:"
line holds no field, but many readers' patterns retry such a run from every position: seconds of
CPU under the interpreter's lock, during which every other request waits (s35's hostile sweep:
a single such message stalled `/healthz` for up to 16 s). A run longer than any a person types
between two words is kept to its first characters; words, figures and line structure stay, so
every value read is still the user's own words.

Bidirectional controls (U+202A-U+202E, U+2066-U+2069) make text display in another order than
it is stored: "The name is \u202egnirpS\u202c" shows "Spring" but names "gnirpS". They are
dropped, so a value is stored as it reads.
"""

from __future__ import annotations

import re

_LONGEST = 40  # no separator, rule or indentation a person types is longer
_RUN = re.compile(rf"[^\w\n]{{{_LONGEST + 1},}}|\n{{{_LONGEST + 1},}}")


def without_long_runs(text: str) -> str:
    """`text` with each run of more than `_LONGEST` punctuation marks or blanks (or newlines)
    cut to its first `_LONGEST`."""
    return _RUN.sub(lambda match: match.group()[:_LONGEST], text)


_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Characters that show nothing inside a word or a figure ("12\u200b000 €" shows "12000 €"): a
# zero-width space, a word joiner, a soft hyphen, a byte-order mark, the direction marks.
# (Not the zero-width joiner, which holds an emoji's parts together.)
INVISIBLE = re.compile("[\u200b\u2060\u00ad\ufeff\u200e\u200f]")
# Spaces narrower than a space that keyboards and pasted documents put between a figure's
# groups ("12 000 €" with a thin space): each is a space.
_NARROW_SPACES = re.compile("[\u2009\u2007\u2008\u200a]")


def readable(text: str) -> str:
    """`text` without bidirectional controls and invisible characters, narrow spaces as spaces,
    and its long runs cut short."""
    text = INVISIBLE.sub("", _BIDI_CONTROLS.sub("", text))
    return without_long_runs(_NARROW_SPACES.sub(" ", text))
