"""Money in what people type, and which amount in a message is the campaign's budget.

People write amounts many ways: "$30,000", "30k", "$74.9K", "roughly 30 grand", "£40k",
"18 000 EUR", "15.000 USD" and "€12.500" (a European thousands point), "AUD 30k", "a hundred and
twenty thousand dollars". `find_amounts` reads them all into exact `Decimal`s with the currency
only when the words name one (the caller decides what no currency means).

A message often holds more than one amount: last year's spend next to this year's budget, a
pipeline target in the objective, a cost-per-lead goal. `budget_amount` picks the one the user
meant as the budget: an amount next to a budget word ("budget", "spend", "to spend") wins; an
amount that is a target or a past figure ("$3M in pipeline", "down from 50k last year") is never
the budget. With no budget word, the single plain money amount is taken, as people write "$5k"
in a list of details.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from mcc.agent.extraction.corrections import corrects
from mcc.campaigns.currencies import (
    AMBIGUOUS,
    CODES,
    DOLLAR_AFTER,
    DOLLAR_SIGN,
    LETTERS_AFTER,
    LETTERS_BEFORE,
    SYMBOL_CHARS,
    UNIT_WORDS,
    WORD_AFTER,
    WORD_BEFORE,
    code_of,
)

_SCALE = {
    "k": 1_000, "thousand": 1_000, "thou": 1_000, "grand": 1_000, "m": 1_000_000, "mm": 1_000_000,
    "mn": 1_000_000, "million": 1_000_000, "b": 1_000_000_000, "bn": 1_000_000_000,
    "billion": 1_000_000_000, "lakh": 100_000, "lakhs": 100_000, "lac": 100_000,
    "lacs": 100_000, "crore": 10_000_000, "crores": 10_000_000, "mio": 1_000_000,
    "mio.": 1_000_000, "mrd": 1_000_000_000, "mrd.": 1_000_000_000,
}  # fmt: skip
_CODE = f"(?:{'|'.join(sorted(CODES))})"
# Digits as written: grouped by one separator used throughout ("1,000,000", "18 000",
# "15.000"), with an optional decimal part, or plain ("74.9", "30000").
_DIGITS = (
    # Indian grouping ("8,00,000", "1,20,00,000"): lakhs and crores, pairs then a last three.
    r"(?P<num>\d{1,2}(?:,\d{2})+,\d{3}(?!\d|,\d)"
    r"|\d{1,3}(?P<sep>[,.\u00a0\u202f '’])\d{3}(?:(?P=sep)\d{3})*(?:[.,]\d{1,2})?(?!\d)"
    r"|\d+(?:[.,]\d+)?)"
)
_MULT = (
    r"(?:\s?(?P<mult>k|mm|mn|m|bn|b|thousand|thou|million|billion|grand|lakhs?|lacs?|crores?"
    r"|mio\.|mio|mrd\.|mrd))?"
)
_AMOUNT = re.compile(
    rf"(?<![\w.,])(?P<neg>-)?"
    # The currency before the figure: a symbol, a code, or its words ("US dollars 19,000").
    rf"(?:(?P<pre>{DOLLAR_SIGN}|[{SYMBOL_CHARS}]"
    rf"|(?:{_CODE}|{LETTERS_BEFORE})(?=\s?-?\d)"
    # (not the currency of an amount before it: "nineteen thousand dollars\n5. Launch ...").
    r"|(?<!\d[ \t])(?<!thousand[ \t])(?<!million[ \t])(?<!hundred[ \t])"
    rf"{WORD_BEFORE},?(?=[ \t]?-?\d))"
    r"\s?(?P<neg2>-\s?)?)?"
    rf"{_DIGITS}{_MULT}"
    r"(?![\w%])"
    # "9.500,- €": the dash where the cents would be.
    r"(?:,[-–—]{1,2}(?=\s?[^\W\d]|\s?[€$£]))?"
    rf"(?:\s?(?P<post>{DOLLAR_AFTER}|[{SYMBOL_CHARS}]|{_CODE}\b|{LETTERS_AFTER}|{WORD_AFTER}\b))?",
    re.IGNORECASE,
)
_UNITS = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_NUMBER_WORD = (
    rf"(?:{'|'.join(sorted(_UNITS, key=len, reverse=True))}|half|quarters?|hundred|thousand"
    r"|million)"
)
# "a hundred and twenty thousand dollars", "fifty grand", "two million euros": a scale word
# is required, so "two speakers" is no amount.
_WORDS_AMOUNT = re.compile(
    # "a quarter of a million", "half of a million": "of" only after the fraction.
    rf"\b(?P<words>{_NUMBER_WORD}(?:(?:\s+and\s+|(?<=half)\s+of\s+|(?<=quarter)\s+of\s+"
    rf"|(?<=quarters)\s+of\s+|[\s-]+){_NUMBER_WORD})*)"
    rf"(?:\s+(?P<grand>grand|k))?(?:\s+(?P<post>{WORD_AFTER}))?\b",
    re.IGNORECASE,
)
_GRANTED = (
    r"(?:given|granted|gave|gives|awarded|allocated|allotted|allowed|handed|earmarked|set\s+aside|signed\s+off"
    r"|approved|assigned|ring-?fenced|provided|received|secured|got\s+approval\s+for)"
)
_BUDGET_BEFORE = re.compile(
    r"(?:\b(?:budget(?:ed)?|budjet|buget|budgt|bdgt|bgt|spend(?:ing)?|funding|funds|cost(?:s|ing)?|allocat\w*|invest\w*"
    r"|cap(?:ped)?|ceiling"
    # Money handed to the team is its budget: "we were given $74.2K", "finance granted us 30k",
    # "they've earmarked €12k for it", "we got signed off on 50 grand".
    rf"|{_GRANTED})\b[^.;,\n\d$€£¥₹₩₦₪\x00]{{0,24}}|\b(?:budget|spend)\s*[:=-]\s*)$",
    re.IGNORECASE,
)
_BUDGET_AFTER = re.compile(
    r"^\s*(?:\)?\s*)?(?:(?:total|overall|all[\s-]in|max(?:imum)?)\s+)?"
    r"(?:budget|to\s+spend|spend|in\s+(?:total\s+)?(?:budget|spend)|all[\s-]in|total)\b",
    re.IGNORECASE,
)
_NOT_BUDGET_AFTER = re.compile(
    r"^\s*(?:(?:in|of|worth\s+of|new|net[\s-]new|qualified|sourced|influenced|additional)\s+)*"
    r"(?:(?:expansion|sales|new[\s-]business|enterprise|partner|q[1-4])\s+)?"
    r"(?:pipeline|pipe|revenue|arr|mrr|acv|tcv|bookings|sales|deals?|savings|opportunit\w*"
    r"|gmv|upsell|ltv|(?:a|per)\s+(?:lead|click|mql|sql|signup|sign-up|registration|head)|cpl"
    r"|cpc|cpa)\b"
    r"|^\s*\)?\s*(?:last|previous|prior)\s+(?:year|quarter|time)|^\s*ago\b"
    # "we spent 30k before" is past spend; "45k before creating" is when this change applies.
    r"|^\s*before\b(?!\s+(?:creat|you|we|i\b|it\b|go|launch|submit|sav|confirm|do(?:ing)?\b))"
    r"|^\s*(?:in|for)\s+20\d\d\b",
    re.IGNORECASE,
)
_NOT_BUDGET_BEFORE = re.compile(
    r"(?:\b(?:last\s+(?:year|quarter|time|fy|fiscal(?:\s+year)?)|previous(?:ly)?|prior"
    r"|down\s+from|up\s+from|actuals?|historic(?:al)?|last\s+year'?s"
    # ("the budget I gave was wrong: USD 61,000" corrects it: the amount after is the new one)
    rf"|(?:was|were)(?!\s+(?:(?:just|only|already|finally)\s+)?{_GRANTED}\b)"
    r"(?!\s+(?:wrong|incorrect|off|a\s+typo|mistyped|a\s+mistake)\s*[:—–-])|compared\s+(?:to|with)|vs\.?|versus|instead\s+of|not|spent|generated|drive"
    r"|generate|pipeline\s+of|revenue\s+of|worth"
    # "cost per lead under $80", "CPA below €40": a unit cost the objective aims at.
    r"|cost[\s-]+per[\s-]+\w+|cp[almc]|cpql|cac)\b[^.;,\n\d$€£¥]{0,16}"
    r"|\bfrom\s+)$",
    re.IGNORECASE,
)
# An amount that is the object of a verb of results is the objective's ("raise £40k for the
# shelter", "bring in $2M", "book €300k of orders"), never the budget: the budget is spent, not
# raised. Only the amount right after the verb (a hedge between): "raise awareness with 30k"
# spends its 30k.
_RESULT_VERB_BEFORE = re.compile(
    r"\b(?:rais(?:e|es|ed|ing)|generat(?:e|es|ed|ing)|book(?:s|ed|ing)?|hit(?:s|ting)?"
    r"|reach(?:es|ed|ing)?|clos(?:e|es|ed|ing)|win(?:s|ning)?|(?:bring(?:s|ing)?|brought)\s+in"
    r"|earn(?:s|ed|ing)?|sell(?:s|ing)?|sold|collect(?:s|ed|ing)?|achiev(?:e|es|ed|ing)"
    r"|secure\s+(?:pledges|donations|commitments)\s+of|pull(?:s|ing)?\s+in|unlock(?:s|ed|ing)?)"
    r"\s+(?:(?:at\s+least|over|more\s+than|another|an\s+extra|extra|up\s+to|around|about"
    r"|roughly|some|a\s+further|a\s+total\s+of|north\s+of)\s+)?$",
    re.IGNORECASE,
)
# "£60,000 raised by Christmas", "$2M closed-won": the result, after the amount.
_RESULT_AFTER = re.compile(
    r"^\s*(?:raised|generated|booked|closed(?:[\s-]won)?|in\s+(?:donations|pledges|gifts"
    r"|ticket\s+sales|sponsorship\s+revenue))\b",
    re.IGNORECASE,
)
# "2k test drives", "100k port-ins", "1M impressions", "10k new followers": a figure without a
# currency that counts things (a plural noun, maybe after one adjective) is no money at all.
_COUNTED_AFTER = re.compile(
    r"^\s*\+?\s*(?:(?!(?:for|in|and|or|of|on|to|with|per|a|an|the|from|at|by|into|over)\b)[a-z]+\s+)?"
    r"(?!(?:this|is|was|has|as|plus|thanks|across|towards|yes|its|us|does|goes|pls|plz|tops"
    rf"|{UNIT_WORDS})\b)[a-z][a-z-]*[a-z][^\Ws]s\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:19|20)\d\d")
# "40-50k", "20 to 25k", and two amounts to choose from ("either 30k or 50k"): no one amount.
# Said in words too: "twenty to twenty-five k", "between thirty and forty thousand".
_RANGE_BEFORE = re.compile(
    # A range is written on one line: "$5,000\n- 3 week burst" is a bullet after an amount.
    rf"(?:\d|\b{_NUMBER_WORD})[ \t]*[kKmM]?[ \t]*(?:-|–|to|or)[ \t]*$"
    r"|\bbetween\s+[^.;,\n]{1,32}?\s+and\s*$",
    re.IGNORECASE,
)
_RANGE_AFTER = re.compile(
    rf"[ \t]*(?:-|–|to\b|or\b)[ \t]*(?:[$€£]?\s?\d|{_NUMBER_WORD}\b)", re.IGNORECASE
)
_WITH_BEFORE = re.compile(r"\b(?:with|using|for)\s+(?:an?\s+|only\s+|just\s+)?$", re.IGNORECASE)
_OBJECTIVE_BEFORE = re.compile(
    # Within the objective's clause: a dash, like a comma, ends it ("objective: X — €9k — ...").
    r"\b(?:objective|goal|aim|kpi|target)s?\b(?:(?![ \t]-[ \t])[^.;\n,—–|]){0,40}$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Money:
    """An amount as written: `raw` is the exact span, `amount` exact, `currency` if named."""

    amount: Decimal
    currency: str | None
    raw: str
    start: int
    end: int
    negative: bool = False
    marked: bool = True  # written as money (a currency, a "k", "grand"), not a bare number
    # Written in a currency several countries share ("40 000 kr", "50k pesos"): money, but which
    # money only the user can say (`currency` is None).
    shared_currency: bool = False


_INDIAN = re.compile(r"\d{1,2}(?:,\d{2})+,\d{3}")


def _number(num: str, sep: str | None, has_mult: bool) -> Decimal | None:
    """The number in `num`, reading "15.000" as fifteen thousand and "74.9" as a decimal."""
    text = num
    if sep in {"\u00a0", "\u202f", " ", "'", "’"}:
        text = text.replace(sep, "")
        text = text.replace(",", ".")
    elif sep == ",":
        text = text.replace(",", "")
    elif sep == ".":
        # "1.500,00" or "15.000": points group thousands; a trailing ",dd" is the decimals.
        head, _, cents = text.partition(",")
        text = head.replace(".", "") + (f".{cents}" if cents else "")
    elif sep is None and "." in text:
        pass
    elif _INDIAN.fullmatch(text):
        text = text.replace(",", "")
    elif "," in text:
        whole, _, part = text.partition(",")
        # "20,000" without a second group is still thousands; "7,5k" is seven and a half.
        text = f"{whole}.{part}" if has_mult or len(part) != 3 else whole + part
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _plain(value: Decimal) -> Decimal:
    return value.normalize() + Decimal(0)


def _words_value(words: str) -> Decimal | None:
    total, current = Decimal(0), Decimal(0)
    seen = False
    split = re.split(r"[\s-]+", words.lower())
    for at, word in enumerate(split):
        after = split[at + 1] if at + 1 < len(split) else ""
        if word == "and" or (word == "a" and after == "half"):
            continue  # "one and a half million": the "a" belongs to the half
        if word in {"quarter", "quarters"}:
            # "a quarter of a million" is 250,000; "three quarters of a million" 750,000.
            current = (current or Decimal(1)) * Decimal("0.25")
            seen = True
            for skip in range(at + 1, min(at + 3, len(split))):
                if split[skip] in {"of", "a"}:
                    split[skip] = "and"
            continue
        if word == "half":
            # "half a million" is 500,000, never "a million"; "two and a half" is 2.5.
            current += Decimal("0.5")
            seen = True
            if after == "a":
                split[at + 1] = "and"
        elif word in _UNITS:
            current += _UNITS[word]
            seen = True
        elif word == "hundred":
            current = (current or Decimal(1)) * 100
            seen = True
        elif word in {"thousand", "million"}:
            total += (current or Decimal(1)) * _SCALE[word]
            current = Decimal(0)
            seen = True
    return _plain(total + current) if seen else None


_TWO_CURRENCIES = "two"


def _currency_of(pre: str | None, post: str | None) -> str | None:
    """The one currency the signs around a figure name: None if none, `AMBIGUOUS` if only a shared
    one ("40 000 kr"), `_TWO_CURRENCIES` if they disagree ("$500 EUR")."""
    codes = {code for code in (code_of(pre), code_of(post)) if code}
    if codes == {"JPY", "CNY"} and (pre or "").strip() == "¥":
        return "CNY"  # "¥80,000 RMB": the yen's sign is the yuan's too
    if len(codes) == 2 and AMBIGUOUS in codes:
        codes.discard(AMBIGUOUS)  # "kr. 75.000 DKK"
    if len(codes) > 1:
        return _TWO_CURRENCIES
    return next(iter(codes), None)


def find_amounts(text: str) -> list[Money]:
    """Every amount in `text`, in order, each with its exact span."""
    found: list[Money] = []
    for match in _AMOUNT.finditer(text):
        num, sep, mult = match["num"], match["sep"], match["mult"]
        currency = _currency_of(match["pre"], match["post"])
        if currency == _TWO_CURRENCIES:
            continue
        dollars = (match["pre"] or "").endswith("$") and match["pre"].upper() != "R$"
        if sep == "." and dollars and "," not in num:
            # "$10.555" is US-style: the point is a decimal point (and three decimals are
            # refused), while "15.000 USD", "€12.500" or Brazil's "R$ 150.000" group thousands.
            sep = None
        value = _number(num, sep, bool(mult))
        if value is None:
            continue
        if mult:
            value *= _SCALE[mult.lower()]
        found.append(
            Money(
                _plain(value),
                None if currency == AMBIGUOUS else currency,
                match.group().strip(),
                match.start(),
                match.end(),
                negative=bool(match["neg"] or match["neg2"]),
                marked=bool(currency or mult),
                shared_currency=currency == AMBIGUOUS,
            )
        )
    for match in _WORDS_AMOUNT.finditer(text):
        words = match["words"].lower()
        if not re.search(r"thousand|million", words) and not match["grand"]:
            continue
        if any(m.start < match.end() and match.start() < m.end for m in found):
            continue
        value = _words_value(words)
        if value is None:
            continue
        if match["grand"]:
            value *= 1000
        code = code_of(match["post"])
        found.append(
            Money(
                value,
                None if code == AMBIGUOUS else code,
                match.group(),
                match.start(),
                match.end(),
                marked=bool(match["post"] or match["grand"]),
                shared_currency=code == AMBIGUOUS,
            )
        )
    return sorted(found, key=lambda money: money.start)


# The cues around an amount are a few words long ("budget of", "down from", "40 to"; the longest,
# "objectives" and 40 characters, fits): each is
# looked for in this many characters beside it, not in the whole clause or text, so a line of
# many amounts costs linear time (a pasted brief of "$1 $2 ..." took seconds of CPU).
_WINDOW = 64
# Each pattern of the clause before an amount needs a word: in a run of figures most amounts have
# none, and one search for a letter is far cheaper than four that each try every position.
_ANY_LETTER = re.compile(r"[^\W\d_]")
_ANY_DIGIT = re.compile(r"\d")


def _clause_before(text: str, start: int) -> str:
    floor = max(0, start - _WINDOW)
    cut = max(text.rfind(mark, floor, start) for mark in (".\u0020", ";", "\n", "! ", "? "))
    return text[max(cut + 1, floor) : start]


_CORRECTED = 4  # the score of an amount that corrects one said before it
# The sum of the parts said before it: "$25k from us plus $15k from the partner — $40k all in",
# "$3,500 a month for six months, so $21,000 in total", "a total of €18k".
_TOTAL_AFTER = re.compile(
    r"^\s*\)?\s*(?:all[\s-]in|in\s+total|in\s+all|altogether|combined|overall|total"
    r"|between\s+(?:us|them|both|the\s+two(?:\s+of\s+us)?))\b",
    re.I,
)
_TOTAL_BEFORE = re.compile(
    r"\b(?:(?:a|the|grand)\s+total\s+of|total(?:l?ing)?|in\s+total|all[\s-]in|altogether"
    # "$1,800 a week for twelve weeks, which comes to $21,600", "adds up to", "making".
    r"|(?:which\s+)?comes?\s+to|coming\s+to|adds?\s+up\s+to|adding\s+up\s+to|making)"
    r"\s*[:=]?\s*(?:of\s+)?(?:about\s+|approx\.?\s+|around\s+|roughly\s+)?$",
    re.IGNORECASE,
)


# A sentence about a past campaign ("The previous campaign, X, ... cost $57 500", "X (last year)
# had a budget of 97,500"): its amounts are history, unless the sentence turns to this one.
_PAST_CAMPAIGN = re.compile(
    r"(?<!\blike\s)(?<!\bas\s)\b(?:(?:the\s+)?previous\s+[a-z]+"
    r"|last\s+(?:year|time)(?:['’]s)?|\(last\s+year\)|prior\s+campaign|old\s+campaign)\b|\bpreviously\s*:",
    re.IGNORECASE,
)
_THIS_CAMPAIGN = re.compile(
    r"\b(?:this\s+(?:year|time|one|campaign|round|webinar|event)|now|new\s+(?:one|campaign)"
    r"|instead|but)\b",
    re.IGNORECASE,
)
# How far back a sentence about a past campaign is looked for (a run of amounts stays linear).
_PAST_REACH = 200


@lru_cache(maxsize=8)
def _mentions_the_past(text: str) -> bool:
    # Once per text, not once per amount: a pasted page of figures has thousands of amounts.
    return _PAST_CAMPAIGN.search(text) is not None


def _in_past_campaign(text: str, start: int, end: int) -> bool:
    """The amount's sentence is about a past campaign and does not turn to this one."""
    if not _mentions_the_past(text):
        return False
    reach = max(0, start - _PAST_REACH)
    opening = max(text.rfind(mark, reach, start) for mark in (". ", "! ", "? ", "\n", "; ")) + 1
    past = list(_PAST_CAMPAIGN.finditer(text, max(opening, reach), start))
    if not past:
        return False
    closing = min(
        (at for mark in (". ", "\n", "; ") if (at := text.find(mark, end)) >= 0), default=len(text)
    )
    turns = _THIS_CAMPAIGN.search(text, past[-1].end(), min(closing, end + _PAST_REACH))
    return turns is None


def budget_score(text: str, money: Money) -> int | None:
    """How surely `money` is the budget (higher is surer); None when it is not a budget."""
    if _in_past_campaign(text, money.start, money.end):
        return None
    before = _clause_before(text, money.start)
    # The line's end ends the amount's context: in a brief, "Budget |" on the next line labels
    # the next line's amount, not "grow pipeline by 2M" above it.
    after = text[money.end : money.end + _WINDOW].split("\n", 1)[0]
    if not _ANY_LETTER.search(before):
        before = ""  # no word at all: none of the four clause patterns can match
    if _NOT_BUDGET_AFTER.match(after) or _NOT_BUDGET_BEFORE.search(before):
        return None
    if _RESULT_VERB_BEFORE.search(before) or _RESULT_AFTER.match(after):
        return None
    if money.currency is None and _COUNTED_AFTER.match(after):
        return None
    if not money.marked and _YEAR.fullmatch(money.raw):
        return None  # "2026 spend was $150k": a year labels the amount after it
    # A correction replaces an amount said before it: a bare figure after "actually" with none
    # before ("Objective is actually 60 demo bookings") corrects nothing.
    if corrects(before) and (money.marked or _ANY_DIGIT.search(before)):
        return _CORRECTED  # "$20k — sorry, $35k", "(correction: $45,000)": the second is meant
    if _TOTAL_AFTER.match(after) or _TOTAL_BEFORE.search(before):
        return _CORRECTED  # the total stands over the parts, whichever came first
    if _BUDGET_BEFORE.search(before) or _BUDGET_AFTER.match(after):
        return 3
    if money.marked and _WITH_BEFORE.search(before):
        return 2  # "... with €25k": the means, not the goal
    if _OBJECTIVE_BEFORE.search(before):
        return 0  # a figure in the objective: the budget only when nothing else is
    return 2 if money.marked else 1


def is_range(text: str, money: Money) -> bool:
    """ "40-50k", "$40k to $50k": two ends of a range, not an amount."""
    before = text[max(0, money.start - _WINDOW) : money.start]
    return bool(_RANGE_BEFORE.search(before) or _RANGE_AFTER.match(text, money.end))


def budget_amount(text: str, amounts: list[Money]) -> Money | None:
    """The amount the user meant as the budget, or None."""
    scored = [(score, money) for money in amounts if (score := budget_score(text, money))]
    if not scored:
        return None
    best = max(score for score, _ in scored)
    if best == 1:
        return None  # a bare number with no budget word is no budget
    chosen = [money for score, money in scored if score == best]
    # Corrections of corrections ("20k — no, 25k — ok final answer 30k"): the last one stands.
    return chosen[-1] if best == _CORRECTED else chosen[0]


def cue_span(text: str, money: Money) -> tuple[int, int]:
    """The span of the amount with the budget words around it ("with a $30,000 budget")."""
    start, end = money.start, money.end
    after = _BUDGET_AFTER.match(text[end:])
    if after:
        end += after.end()
    before = re.search(
        r"(?:\b(?:with\s+)?(?:an?\s+|the\s+|our\s+)?(?:total\s+)?(?:budget|spend)"
        r"(?:\s+(?:is|of|at|will\s+be|=|:))?\s*[:=-]?\s*"
        r"|\b(?:we\s+(?:can|could|will|'ll)\s+)?spend(?:ing)?\s+(?:about|around|roughly|up\s+to)?\s*"
        r"|\bwith\s+(?:an?\s+)?)$",
        text[:start],
        re.IGNORECASE,
    )
    if before:
        start = before.start()
    return start, end


def currency_code(token: str) -> str | None:
    """The ISO code a currency word, symbol or code names ("euros" -> EUR), or None."""
    words = re.sub(r"\s+", " ", token.strip().lower())
    words = {"us dollars": "dollars", "pounds sterling": "pounds", "pound sterling": "pounds"}.get(
        words, words
    )
    code = code_of(words) or code_of(token.strip())
    return None if code == AMBIGUOUS else code


_DATE_FIELDS = ("launch_date", "end_date")


def answers_budget(pending: tuple[str, ...], money: Money) -> bool:
    """A bare amount ("25000", "it's 7k") in reply to the question just asked is the budget when
    that question was the budget's, and also when it asked for another field a number cannot
    fill (the audience, the objective, the name) while the budget is still to come: an amount
    of a thousand or more, or written as money ("7k", "$900"), is no name, audience or
    objective. A date question's answer is a date ("2027" is no budget)."""
    if pending[:1] == ("budget",):
        return True
    if not pending or pending[0] in _DATE_FIELDS:
        return False
    return money.marked or money.amount >= 1000
