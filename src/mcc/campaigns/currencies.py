"""Currencies as people write them beside an amount, each read to one ISO 4217 code.

Symbols ("€", "₺", "฿"), prefixed dollars ("A$", "NZ$", "NT$"), letters before the figure ("RM
30k", "CHF 12'000", "Fr. 8000") or after it ("25 000 zł", "60 000 Kč", "300 000 Ft"), and
names, with or without their country ("Swiss francs", "kronor", "Mexican pesos", "złoty"). A
mark several countries share ("kr", "francs", "pesos", "kroner") is money whose currency only
the user can say: `AMBIGUOUS`, never a guess (and never the default dollar).
"""

from __future__ import annotations

import re

AMBIGUOUS = "?"

# The active ISO 4217 codes, read in any case beside a figure ("25K usd") — all but those that
# are also words or abbreviations ("PHP 8", "TRY", "ALL", "TOP", "AMD"): `WORDLIKE_CODES` below,
# money only in capitals.
CODES = frozenset(
    re.findall(
        r"[A-Z]{3}",
        """
    AED AFN ANG AOA AUD AWG AZN BBD BDT BGN BHD BIF BMD BND BRL BWP BYN BZD CAD CDF CHF CLP CNY
    CZK DJF DKK DZD EGP ERN ETB EUR FJD FKP GBP GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS
    INR IQD IRR ISK JMD JOD JPY KES KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MDL MGA
    MKD MMK MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NZD OMR PAB PGK PKR PLN PYG QAR RON RSD
    RUB RWF SAR SBD SEK SGD SLE SRD SSP STN SYP SZL THB TJS TMT TND TTD TWD TZS UAH UGX USD UYU
    UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG
""",
    )
)

SYMBOLS = {
    "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW", "₦": "NGN", "₪": "ILS",
    "₺": "TRY", "₱": "PHP", "฿": "THB", "₫": "VND", "₴": "UAH", "₽": "RUB", "円": "JPY", "₸": "KZT",
    "₾": "GEL", "₼": "AZN", "₮": "MNT", "₡": "CRC", "₲": "PYG", "₵": "GHS",
}  # fmt: skip
SYMBOL_CHARS = "".join(SYMBOLS)
# Dollars of other countries written with their prefix ("A$ 75,000", "NZ$20k", "C$ 9,000").
PREFIXED_DOLLARS = {
    "US$": "USD", "U.S.$": "USD", "A$": "AUD", "AU$": "AUD", "C$": "CAD", "CA$": "CAD",
    "NZ$": "NZD", "S$": "SGD", "R$": "BRL", "HK$": "HKD", "MX$": "MXN", "NT$": "TWD",
}  # fmt: skip
# The prefixes above as a pattern ("NZ$", "U.S.$", "$" alone), longest first.
DOLLAR_SIGN = (
    "(?:"
    + "|".join(re.escape(p[:-1]) for p in sorted(PREFIXED_DOLLARS, key=len, reverse=True))
    + r")?\$"
)
# The dollar sign then its country, after the figure, as French and Spanish write it ("5 000 $ CA",
# "2 500 $US").
_DOLLAR_COUNTRIES = {"CA": "CAD", "US": "USD", "AU": "AUD", "NZ": "NZD", "HK": "HKD", "SG": "SGD"}
DOLLAR_AFTER = rf"\$[ \t]?(?-i:{'|'.join(_DOLLAR_COUNTRIES)})\b"
# Letters written as a currency's sign, matched in their own case ("RM" is ringgit, "rm" is not).
_LETTER_SIGNS = {
    "RM": "MYR", "Rp": "IDR", "Rs": "INR", "Rs.": "INR", "Fr.": "CHF", "SFr.": "CHF", "sFr.": "CHF",
    "zł": "PLN", "Kč": "CZK", "Ft": "HUF", "kr": AMBIGUOUS, "kr.": AMBIGUOUS, "Kr": AMBIGUOUS,
    "Kr.": AMBIGUOUS,
}  # fmt: skip
# ISO codes that are also words ("PHP 8", "TRY it"): money only in capitals beside a figure.
WORDLIKE_CODES = frozenset(
    re.findall(
        r"[A-Z]{3}",
        """
    TRY PHP PEN COP ARS ALL TOP CUP GEL MAD BOB SOS MOP DOP BAM SVC KGS MNT CVE BTN SHP AMD BSD
    CRC NPR SDG SCR
""",
    )
)
# Every code a currency may be recorded in.
ISO_CODES = CODES | WORDLIKE_CODES
_WORDLIKE = "|".join(sorted(WORDLIKE_CODES))
# Before a figure, only the codes no heading writes in capitals ("TOP 10 ACCOUNTS", "ALL 50
# STORES" are no money); after one, all of them ("300 ALL").
_WORDLIKE_BEFORE = "TRY|PHP|PEN|COP|ARS"
# Letter signs written before the figure / after it.
LETTERS_BEFORE = rf"(?:(?-i:RM|Rp|S?Fr\.|sFr\.|[kK]r\.?|zł|Kč|Ft|{_WORDLIKE_BEFORE})|Rs\.?)"
LETTERS_AFTER = rf"(?-i:S?Fr\.|sFr\.|zł|Kč|Ft|[kK]r\b\.?|(?:{_WORDLIKE})\b)"

# A currency's name (singular and plural forms) -> its code by the country named before it; the
# None key is the name alone, `AMBIGUOUS` where countries share it.
_NAMES: dict[tuple[str, ...], dict[str | None, str]] = {
    ("dollar", "dollars", "bucks"): {
        None: "USD", "us": "USD", "u.s.": "USD", "american": "USD", "australian": "AUD",
        "canadian": "CAD", "new zealand": "NZD", "nz": "NZD", "singapore": "SGD",
        "hong kong": "HKD", "taiwan": "TWD", "new taiwan": "TWD", "aussie": "AUD", "kiwi": "NZD",
    },
    ("euro", "euros"): {None: "EUR"},
    ("pound", "pounds"): {None: "GBP", "british": "GBP", "uk": "GBP", "egyptian": "EGP"},
    ("quid", "sterling"): {None: "GBP"},
    ("rupee", "rupees"): {None: "INR", "indian": "INR", "pakistani": "PKR", "sri lankan": "LKR"},
    ("yen",): {None: "JPY", "japanese": "JPY"},
    ("franc", "francs", "franken"): {None: AMBIGUOUS, "swiss": "CHF", "schweizer": "CHF"},
    ("krona", "kronor"): {None: "SEK", "swedish": "SEK"},
    ("krone", "kroner", "kronen"): {None: AMBIGUOUS, "norwegian": "NOK", "danish": "DKK"},
    ("króna", "krónur", "kronur"): {None: "ISK", "icelandic": "ISK"},
    ("crown", "crowns"): {"swedish": "SEK", "norwegian": "NOK", "danish": "DKK", "czech": "CZK"},
    ("peso", "pesos"): {
        None: AMBIGUOUS, "mexican": "MXN", "chilean": "CLP", "philippine": "PHP",
        "colombian": "COP", "argentine": "ARS", "argentinian": "ARS",
    },
    ("riyal", "riyals", "rial", "rials"): {None: AMBIGUOUS, "saudi": "SAR", "qatari": "QAR"},
    ("dirham", "dirhams"): {None: "AED", "uae": "AED", "emirati": "AED", "moroccan": "MAD"},
    ("yuan", "renminbi", "rmb"): {None: "CNY", "chinese": "CNY"},
    ("zloty", "zlotys", "złoty", "złotych", "zlotych"): {None: "PLN", "polish": "PLN"},
    ("rand",): {None: "ZAR", "south african": "ZAR"},
    ("ringgit", "ringgits"): {None: "MYR", "malaysian": "MYR"},
    ("reais", "real"): {None: "BRL", "brazilian": "BRL"},
    ("won",): {None: "KRW", "korean": "KRW", "south korean": "KRW"},
    ("forint", "forints"): {None: "HUF", "hungarian": "HUF"},
    ("koruna", "korun", "koruny"): {None: "CZK", "czech": "CZK"},
    ("baht",): {None: "THB", "thai": "THB"},
    ("shekel", "shekels", "shekalim"): {None: "ILS", "israeli": "ILS", "new israeli": "ILS"},
    ("naira",): {None: "NGN", "nigerian": "NGN"},
    ("lira", "liras", "lire"): {None: "TRY", "turkish": "TRY"},
    ("rupiah",): {None: "IDR", "indonesian": "IDR"},
    ("hryvnia", "hryvnias"): {None: "UAH", "ukrainian": "UAH"},
    ("leu", "lei"): {None: "RON", "romanian": "RON"},
    ("shilling", "shillings"): {None: AMBIGUOUS, "kenyan": "KES"},
    ("ruble", "rubles", "rouble", "roubles"): {None: "RUB", "russian": "RUB", "belarusian": "BYN"},
    ("dinar", "dinars"): {
        None: AMBIGUOUS, "kuwaiti": "KWD", "bahraini": "BHD", "jordanian": "JOD", "serbian": "RSD",
        "algerian": "DZD", "tunisian": "TND", "iraqi": "IQD",
    },
}  # fmt: skip
# Names that are also everyday words ("we won 3", "real 50 people", "rand 2"): only after a figure.
_ONLY_AFTER = {"won", "real", "rand", "crown", "crowns", "lei", "leu"}
_UNIT_CODES = {unit: codes for units, codes in _NAMES.items() for unit in units}
_NATIONS = sorted({nation for codes in _NAMES.values() for nation in codes if nation}, key=len)


def _alternation(words: list[str]) -> str:
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)


_NATION = rf"(?:(?:{_alternation(_NATIONS)})[\s-]+)"  # "Swiss francs", "US-Dollar"
_ANY_UNIT = _alternation(list(_UNIT_CODES))
_LEADING_UNIT = _alternation([unit for unit in _UNIT_CODES if unit not in _ONLY_AFTER])
# A currency's name before a figure ("US dollars 19,000", "euros 500") / after one.
WORD_BEFORE = rf"(?:{_NATION}?(?:{_LEADING_UNIT}))"
WORD_AFTER = rf"(?:{_NATION}?(?:{_ANY_UNIT}))"
# The names alone, for "figure + plural noun" readings that must not take "dollars" for things.
UNIT_WORDS = _ANY_UNIT


def code_of(token: str | None) -> str | None:
    """The ISO code a written currency names (`AMBIGUOUS` if several share it), or None."""
    if not token:
        return None
    token = token.strip().rstrip(",")  # "Swiss francs, 40'000"
    if token in SYMBOLS:
        return SYMBOLS[token]
    if token.startswith("$") and token[1:].strip() in _DOLLAR_COUNTRIES:
        return _DOLLAR_COUNTRIES[token[1:].strip()]
    if token in _LETTER_SIGNS:
        return _LETTER_SIGNS[token]
    if token in WORDLIKE_CODES:
        return token
    if token.lower() in {"rs", "rs."}:
        return "INR"
    if token.upper() in PREFIXED_DOLLARS:
        return PREFIXED_DOLLARS[token.upper()]
    words = re.sub(r"[\s-]+", " ", token.lower()).split(" ")
    unit, nation = words[-1], " ".join(words[:-1]) or None
    codes = _UNIT_CODES.get(unit)
    if codes is not None:
        return codes.get(nation)
    if token.upper() in CODES:
        return token.upper()
    return None
