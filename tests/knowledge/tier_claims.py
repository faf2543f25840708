"""Finds what a Markdown document states about the tiers, to check it against the tier policy.

A claim is a budget threshold, a lead time (weeks, or days before launch), an approver role or a
channel count stated for one tier. Documents are read as a writer wrote them: prose is joined
across wrapped lines and cut into sentences and list items; a table row is read with its header,
so "| Tier 2 | 6 weeks |" under "Minimum lead time" is a lead-time claim; a tier named only in the
section heading ("## Tier 1 Campaigns" → "- Lead time of 12 weeks") applies to the section.

Only the shapes that state a tier fact are read ("$25,000 is Tier 2", "budget of $100,000 or more
... Tier 1", "Tier 3 ... under $25,000", "VP of Marketing for Tier 1", "Approver: X", a sentence
that says "lead time" and pairs a tier with a duration). Sentences that merely mention a tier near
a number ("a Tier 1 campaign typically needs three weeks from first concept to final sign-off")
are not claims about the policy and are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from mcc.campaigns.tiers import TierPolicy, money

_ONES = "zero one two three four five six seven eight nine ten eleven twelve"
_NTHS = "zeroth first second third fourth fifth sixth seventh eighth ninth tenth"
WORDS = {word: number for number, word in enumerate(_ONES.split())}
ORDINALS = {word: number for number, word in enumerate(_NTHS.split())}
_NUMBER = r"(\d+|" + "|".join(WORDS) + r")"
_TIER = re.compile(r"\bTier\s*([123])\b", re.IGNORECASE)
_MONEY = r"\$\s?(\d[\d,]*(?:\.\d+)?)\s?(k|K|m|M)?"
_RANGE = re.compile(_MONEY + r"\s*(?:to\s+under|–|-|to)\s*" + _MONEY)
_AT_LEAST = re.compile(
    r"(?:at\s+least\s+|≥\s*)" + _MONEY + r"|" + _MONEY + r"\s+(?:or\s+more|and\s+(?:above|over))"
)
_UNDER = re.compile(r"\b(?:under|less\s+than|below)\s+" + _MONEY)
_IS_TIER = re.compile(_MONEY + r"\W{0,3}\s+(?:is|=)\s+\W{0,2}Tier\s*([123])\b", re.IGNORECASE)
_LEAD = re.compile(r"\blead[\s-]?times?\b", re.IGNORECASE)
_DURATION = re.compile(
    _NUMBER + r"(?:\s*[–-]\s*" + _NUMBER + r")?\W{0,3}\s*(weeks?|days?|months?)\b", re.I
)
_NEEDS_TIME = re.compile(
    r"\bTier\s*([123])\s+(?:campaign|program|event|launch)s?\s+(?:typically\s+|usually\s+)?"
    r"(?:needs?|requires?|takes?)\s+(?:at\s+least\s+)?(?:about\s+)?\**"
    + _NUMBER
    + r"\s+(weeks?|days?)",
    re.IGNORECASE,
)
_DAYS = {"day": 1, "week": 7, "month": 30}
_ROLE = (
    r"(?:VP|Vice\s+President|Head|CMO|Chief\s+[A-Z]\w+\s+Officer)(?:\s+of\s+[A-Z]\w+)?"
    r"|(?:[A-Z]\w+\s+){1,2}(?:Director|Manager|Lead)"
)
_ROLE_FOR = re.compile(r"(" + _ROLE + r")\s+for\s+Tier\s*([123])\b")
_APPROVER_LABEL = re.compile(r"\bApprover\W{0,3}:\W{0,3}\s*(" + _ROLE + r")")
_NEEDS_ROLE = re.compile(
    r"\bTier\s*([123])(?:\s+campaigns?)?,?\s+(?:and\s+)?(?:needs|requires)\s+(?:the\s+)?"
    r"(?:approval\s+(?:of|from)\s+(?:the\s+)?)?(" + _ROLE + r")"
)
_CHANNELS = re.compile(
    _NUMBER + r"\s+or\s+more\s+channels|\b(" + "|".join(ORDINALS) + r")\s+channel\b", re.I
)
_CHANNEL_RANGE = re.compile(_NUMBER + r"\s*(?:–|-|to|or)\s*" + _NUMBER + r"\s+channels\b", re.I)
_CLAUSE = re.compile(r",\s|;\s|:\s|\.\s")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+(?:\[[ xX]\]\s+)?")
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-Z$*(])")


@dataclass(frozen=True)
class Claim:
    line: int
    kind: str  # "budget", "lead time", "approver", "channels"
    tier: int
    stated: str
    expected: str | None  # None: the statement agrees with the policy

    def __str__(self) -> str:
        return f"line {self.line}: Tier {self.tier} {self.kind} stated as {self.stated!r}, " + (
            f"the policy says {self.expected!r}" if self.expected else "agrees"
        )


@dataclass
class _Unit:
    """A sentence, list item or table row, with the line each character came from."""

    text: str
    lines: list[int]
    heading_tier: int | None
    header: list[str] | None = None  # a table row's column headers
    cells: list[str] | None = None

    def line_at(self, offset: int) -> int:
        return self.lines[min(offset, len(self.lines) - 1)]


def _number(text: str) -> int:
    lowered = text.lower()
    return int(lowered) if lowered.isdigit() else WORDS.get(lowered, ORDINALS.get(lowered, -1))


def _amount(number: str, multiplier: str | None) -> Decimal:
    value = Decimal(number.replace(",", ""))
    return value * {"k": 1000, "m": 1_000_000}.get((multiplier or "").lower(), 1)


def _cell(text: str) -> str:
    return re.sub(r"[*_`]", "", text).strip()


def units(markdown: str) -> Iterator[_Unit]:
    """Sentences, list items and table rows of a document, front matter and code left out."""
    lines = markdown.splitlines()
    heading_tier: int | None = None
    buffer: list[tuple[int, str]] = []
    header: list[str] | None = None
    fenced = front = False

    def flush() -> Iterator[_Unit]:
        if not buffer:
            return
        text, where = "", []
        for number, line in buffer:
            piece = line.strip()
            text += piece + " "
            where += [number] * (len(piece) + 1)
        buffer.clear()
        start = 0
        for match in [*_SENTENCE_END.finditer(text), None]:
            end = match.start() if match else len(text)
            yield _Unit(text[start:end], where[start:end] or [where[-1]], heading_tier)
            start = match.end() if match else end

    for number, line in enumerate(lines, start=1):
        if number == 1 and line.strip() == "---":
            front = True
            continue
        if front:
            front = line.strip() != "---"
            continue
        if line.strip().startswith("```"):
            fenced = not fenced
            yield from flush()
            continue
        if fenced:
            continue
        heading = _HEADING.match(line)
        if heading:
            yield from flush()
            tiers = {int(t) for t in _TIER.findall(heading[2])}
            heading_tier = tiers.pop() if len(tiers) == 1 else None
            header = None
            continue
        if line.strip().startswith("|"):
            yield from flush()
            cells = [_cell(c) for c in line.strip().strip("|").split("|")]
            if header is None:
                header = cells
            elif not all(re.fullmatch(r":?-+:?", c) for c in cells if c):
                yield _Unit(line, [number] * len(line), heading_tier, header, cells)
            continue
        header = None
        if not line.strip() or _ITEM.match(line):
            yield from flush()
        if line.strip():
            buffer.append((number, _ITEM.sub("", line)))
    yield from flush()


def claims(markdown: str, policy: TierPolicy) -> Iterator[Claim]:
    """Every tier fact the document states, each marked as agreeing with the policy or not."""
    for unit in units(markdown):
        if unit.cells is not None:
            yield from _table_claims(unit, policy)
        else:
            yield from _prose_claims(unit, policy)


def _tier_near(unit: _Unit, offset: int) -> int | None:
    """The tier named in the same clause, else the closest one in the unit, else the section's."""
    mentions = [(m.start(), int(m[1])) for m in _TIER.finditer(unit.text)]
    cuts = [0, *(m.end() for m in _CLAUSE.finditer(unit.text)), len(unit.text) + 1]
    start = max(cut for cut in cuts if cut <= offset)
    end = min(cut for cut in cuts if cut > offset)
    clause = [(abs(at - offset), tier) for at, tier in mentions if start <= at < end]
    found = clause or [(abs(at - offset), tier) for at, tier in mentions]
    return min(found)[1] if found else unit.heading_tier


def _budget_claim(
    unit: _Unit, offset: int, tier: int, stated: str, ok: bool, policy: TierPolicy
) -> Claim:
    rule = policy.rules[tier]
    floor = money(rule.min_budget, policy.currency)
    above = [r.min_budget for r in policy.rules.values() if r.min_budget > rule.min_budget]
    band = f"from {floor}" + (f" to under {money(min(above), policy.currency)}" if above else "")
    return Claim(unit.line_at(offset), "budget", tier, stated, None if ok else band)


def _floor(policy: TierPolicy, tier: int) -> Decimal:
    return policy.rules[tier].min_budget


def _ceiling(policy: TierPolicy, tier: int) -> Decimal | None:
    above = [r.min_budget for r in policy.rules.values() if r.min_budget > _floor(policy, tier)]
    return min(above) if above else None


def _tier_of(policy: TierPolicy, amount: Decimal) -> int:
    bands = sorted(policy.rules.values(), key=lambda rule: rule.min_budget, reverse=True)
    return next(rule.tier for rule in bands if amount >= rule.min_budget)


def _prose_claims(unit: _Unit, policy: TierPolicy) -> Iterator[Claim]:
    yield from _budget_claims(unit, policy)
    if _LEAD.search(unit.text):
        yield from _lead_claims(unit, policy)
    else:
        for needs in _NEEDS_TIME.finditer(unit.text):
            duration = _DURATION.search(unit.text, needs.start(2))
            if duration is not None:
                tier = int(needs[1])
                yield _duration_claim(
                    unit, needs.start(), tier, duration, at_least=False, policy=policy
                )
    yield from _approver_claims(unit, policy)
    yield from _channel_claims(unit, policy)


def _budget_claims(unit: _Unit, policy: TierPolicy) -> Iterator[Claim]:
    """ "$25,000 is Tier 2", "$25,000 to under $100,000", "$100,000 or more", "under $25,000"."""
    text = unit.text
    taken: list[tuple[int, int]] = []
    for match in _IS_TIER.finditer(text):
        taken.append(match.span())
        ok = _tier_of(policy, _amount(match[1], match[2])) == int(match[3])
        yield _budget_claim(unit, match.start(), int(match[3]), match[0], ok, policy)
    for match in _RANGE.finditer(text):
        tier = _tier_near(unit, match.start())
        if tier is not None:
            taken.append(match.span())
            low, high = _amount(match[1], match[2]), _amount(match[3], match[4])
            ok = low == _floor(policy, tier) and high == _ceiling(policy, tier)
            yield _budget_claim(unit, match.start(), tier, match[0], ok, policy)
    for match in _AT_LEAST.finditer(text):
        tier = _tier_near(unit, match.start())
        if tier is not None and not _inside(match.span(), taken):
            amount = _amount(match[1] or match[3], match[2] or match[4])
            ok = amount == _floor(policy, tier)
            yield _budget_claim(unit, match.start(), tier, match[0], ok, policy)
    for match in _UNDER.finditer(text):
        tier = _tier_near(unit, match.start())
        if tier is not None and not _inside(match.span(), taken):
            ok = _amount(match[1], match[2]) == _ceiling(policy, tier)
            yield _budget_claim(unit, match.start(), tier, match[0], ok, policy)


def _channel_claims(unit: _Unit, policy: TierPolicy) -> Iterator[Claim]:
    """ "2–3 channels" (a band) and "4 or more channels" / "a fourth channel" (a floor)."""
    for match in _CHANNEL_RANGE.finditer(unit.text):
        tier = _tier_near(unit, match.start())
        if tier is not None and tier > 1:
            band = (policy.rules[tier].min_channels, policy.rules[tier - 1].min_channels - 1)
            ok = (_number(match[1]), _number(match[2])) == band
            expected = None if ok else f"{band[0]}–{band[1]} channels"
            yield Claim(unit.line_at(match.start()), "channels", tier, match[0], expected)
    for match in _CHANNELS.finditer(unit.text):
        tier = _tier_near(unit, match.start())
        if tier is not None:
            floor = policy.rules[tier].min_channels
            ok = _number(match[1] or match[2]) == floor
            expected = None if ok else f"{floor} or more channels"
            yield Claim(unit.line_at(match.start()), "channels", tier, match[0], expected)


def _inside(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(start <= span[0] < end for start, end in taken)


def _days(number: str, unit: str) -> int:
    return _number(number) * _DAYS[unit.lower().rstrip("s")]


def _duration_claim(
    unit: _Unit, offset: int, tier: int, match: re.Match[str], *, at_least: bool, policy: TierPolicy
) -> Claim:
    """A lead time must equal the tier's; a planning horizon may be longer, never shorter."""
    weeks = policy.rules[tier].lead_time_weeks
    low, high = _days(match[1], match[3]), _days(match[2] or match[1], match[3])
    ok = low >= weeks * 7 if at_least else low == high == weeks * 7
    wanted = f"{'at least ' if at_least else ''}{weeks} weeks ({weeks * 7} days)"
    kind = "planning horizon" if at_least else "lead time"
    return Claim(unit.line_at(offset), kind, tier, match[0], None if ok else wanted)


def _lead_claims(unit: _Unit, policy: TierPolicy) -> Iterator[Claim]:
    """Each tier named in a lead-time sentence, with the first duration after it."""
    mentions = list(_TIER.finditer(unit.text))
    if not mentions and unit.heading_tier is not None:
        for match in _DURATION.finditer(unit.text):
            yield _duration_claim(
                unit, match.start(), unit.heading_tier, match, at_least=False, policy=policy
            )
        return
    for index, mention in enumerate(mentions):
        end = mentions[index + 1].start() if index + 1 < len(mentions) else len(unit.text)
        found = _DURATION.search(unit.text, mention.end(), end)
        if found is not None:
            tier = int(mention[1])
            yield _duration_claim(unit, found.start(), tier, found, at_least=False, policy=policy)


def _same_role(stated: str, approver: str) -> bool:
    return " ".join(stated.lower().split()) == " ".join(approver.lower().split())


def _approver_claims(unit: _Unit, policy: TierPolicy) -> Iterator[Claim]:
    found: list[tuple[int, int, str]] = []
    for match in _ROLE_FOR.finditer(unit.text):
        found.append((match.start(), int(match[2]), match[1]))
    for match in _NEEDS_ROLE.finditer(unit.text):
        found.append((match.start(), int(match[1]), match[2]))
    for match in _APPROVER_LABEL.finditer(unit.text):
        tier = _tier_near(unit, match.start())
        if tier is not None:
            found.append((match.start(), tier, match[1]))
    for offset, tier, role in found:
        approver = policy.rules[tier].approver
        expected = None if _same_role(role, approver) else approver
        yield Claim(unit.line_at(offset), "approver", tier, role, expected)


_EXACT_COLUMNS = ("lead time", "brief approved")
_AT_LEAST_COLUMNS = ("planning horizon", "planning start", "start planning", "notice")


def _table_claims(unit: _Unit, policy: TierPolicy) -> Iterator[Claim]:
    assert unit.header is not None
    assert unit.cells is not None
    columns = dict(zip((h.lower() for h in unit.header), unit.cells, strict=False))
    tier_cell = next((v for k, v in columns.items() if re.search(r"\btier\b", k)), "")
    tiers = [int(t) for t in re.findall(r"\b([123])\b", tier_cell)]
    if not tiers or not re.fullmatch(r"(?:Tier\s*)?[123](?:\s*(?:or|,|and|/)\s*[123])*", tier_cell):
        # A row without a tier column can still state one in prose ("| $25,000 is Tier 2 |").
        yield from _prose_claims(_Unit(unit.text, unit.lines, unit.heading_tier), policy)
        return
    # Several tiers in one cell ("Tier 2 or 3"): the most demanding one must hold.
    tier, line = min(tiers), unit.lines[0]
    for name, value in columns.items():
        exact = any(word in name for word in _EXACT_COLUMNS)
        if exact or any(word in name for word in _AT_LEAST_COLUMNS):
            for match in _DURATION.finditer(value):
                # "6 weeks (Tier 2), 3 weeks (Tier 3)": a tier named after a duration is its own.
                own = _TIER.search(value, match.end())
                which = int(own[1]) if own else tier
                yield _duration_claim(unit, 0, which, match, at_least=not exact, policy=policy)
        elif name == "approver" or name.endswith(" approver"):
            approver = policy.rules[tier].approver
            expected = None if _same_role(value, approver) else approver
            yield Claim(line, "approver", tier, value, expected)
        elif name == "budget":
            amounts = re.findall(_MONEY, value)
            if amounts:
                # Other criteria can raise a tier above its budget band, never lower it.
                band = _tier_of(policy, _amount(*amounts[0]))
                expected = None if tier <= band else f"at least Tier {band} on budget alone"
                yield Claim(line, "budget", tier, value, expected)
