"""Dates written the way briefs from other countries write them: "2. Juni 2034", "le 15 mai",
"20 de mayo de 2034", "5 giugno", "3 maart", "1er juillet", "15 de março".

`foreign_months` rewrites such a date, day first, into the English words the date rules read,
padded with spaces before the month to the same length, so every span still points at the
user's own words. A month's name is only read beside a day: "mars", "mayo" or "marco" alone
are other words.
"""

from __future__ import annotations

import re

_MONTHS = {
    "jan": "januar jänner janvier enero gennaio janeiro januari",
    "feb": "februar février fevrier febrero febbraio fevereiro februari",
    "mar": "märz maerz mars marzo março marco maart",
    "apr": "avril abril aprile",
    "may": "mai mayo maggio maio mei maj",
    "jun": "juni juin junio giugno junho",
    "jul": "juli juillet julio luglio julho",
    "aug": "août aout agosto augustus augusti",
    "sep": "septembre septiembre setiembre settembre setembro",
    "oct": "oktober octobre octubre ottobre outubro",
    "nov": "noviembre novembre novembro",
    "dec": "dezember décembre decembre diciembre dicembre dezembro",
}
_ENGLISH = {name: abbr for abbr, names in _MONTHS.items() for name in names.split()}
_NAME = "|".join(sorted(_ENGLISH, key=len, reverse=True))
# The day, its mark ("2.", "1er", "1º"), "de" before the month and before the year.
_DATE = re.compile(
    rf"(?<![\w.])(?P<day>\d{{1,2}})(?P<mark>\.|er|º|°|ª)?(?P<of>[ \t]+de)?[ \t]+"
    rf"(?P<month>{_NAME})\b(?:(?P<of_year>[ \t]+de)?(?=[ \t]+\d{{4}}\b))?",
    re.IGNORECASE,
)


def foreign_months(text: str) -> str:
    """`text` with each day-first date in another language's words in English ones, same
    length."""
    if not _DATE.search(text):
        return text
    chars = list(text)
    for match in _DATE.finditer(text):
        for group in ("mark", "of", "of_year"):
            if match[group]:
                start, end = match.span(group)
                chars[start:end] = " " * (end - start)
        start, end = match.span("month")
        chars[start:end] = _ENGLISH[match["month"].lower()].title().rjust(end - start)
    return "".join(chars)
