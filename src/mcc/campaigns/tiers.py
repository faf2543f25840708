"""Where the tier is decided: the tier policy as data, read from the tier playbook, for every
door (chat, GraphQL, REST, CLI). Which playbook is current (the knowledge base's, versioned, or
an operator's `MCC_TIER_POLICY_FILE`) is `mcc.playbooks.rules`' business; this module parses
and applies one.

The playbook publishes its rules in a fenced ```` ```yaml tier-policy ```` block; the prose around
it gives the clause each verdict cites. The verdict takes the most demanding tier that any
criterion implies (budget band, flagship signal, channel scope, a tier the user stated), and its
reason names every deciding criterion and the clause. Bands include their lower bound. A budget
is never assumed: without one there is no tier unless another criterion already forces Tier 1.

A campaign that arrives without a tier (API, CLI) gets one from the same policy
(`tier_from_budget`); when the policy leaves it pending, a campaign still needs one, so it gets
Tier 3 and a reason that says it is a default.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from mcc.auth.schemas import Role
from mcc.campaigns.plans import describe
from mcc.config import get_settings
from mcc.exceptions import ValidationError

# The channels a campaign stores for the scopes "every channel we have" and "multichannel"
# (the assistant's `ALL_CHANNELS` and `MULTICHANNEL`; any door may send them).
EVERY_CHANNEL = "all channels"
MULTICHANNEL = "multichannel"

_BLOCK = re.compile(r"```ya?ml\s+tier-policy\s*\n(?P<body>.*?)```", re.DOTALL)
_TITLE = re.compile(r"^title:\s*(?P<title>.+)$", re.MULTILINE)
_HEADING = re.compile(r"^##\s+(?P<heading>.+?)\s*$", re.MULTILINE)
# A row of the playbook's lead-time table: tier, minimum weeks, brief approved and creative final.
_GATES = re.compile(
    r"^\|\s*Tier\s+(?P<tier>\d)\s*\|\s*(?P<weeks>\d+)\s+weeks\s*\|\s*(?P<brief>\d+)\s+days before"
    r" launch\s*\|\s*(?P<creative>\d+)\s+days before launch\s*\|\s*$",
    re.MULTILINE,
)
BUNDLED = ("mcc.knowledge", "content/playbooks/campaign-tiers.md")
DEFAULT_TIER = 3


@dataclass(frozen=True)
class TierRule:
    tier: int
    min_budget: Decimal
    lead_time_weeks: int
    approver: str
    min_channels: int
    # The role that approves this tier (and every role above it); None: no approval needed.
    approver_role: Role | None = None
    # The latest the brief is approved and the creative final, in days before launch: the
    # playbook's lead-time table (`gated`); None where it has none (a plain YAML policy).
    brief_approved_days: int | None = None
    creative_final_days: int | None = None


@dataclass(frozen=True)
class Criterion:
    tier: int
    reason: str


@dataclass(frozen=True)
class TierVerdict:
    tier: int | None
    reason: str
    citation: str
    approver: str | None = None
    lead_time_weeks: int | None = None
    notes: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "tier": self.tier,
            "reason": self.reason,
            "citation": self.citation,
            "approver": self.approver,
            "leadTimeWeeks": self.lead_time_weeks,
        }


def money(amount: Decimal, currency: str = "USD") -> str:
    symbol = {"USD": "$", "EUR": "€", "GBP": "£"}.get(currency)
    text = f"{amount:,.0f}" if amount == amount.to_integral() else f"{amount:,.2f}"
    return f"{symbol}{text}" if symbol else f"{currency} {text}"


@dataclass(frozen=True)
class TierPolicy:
    rules: dict[int, TierRule]
    flagship_keywords: tuple[str, ...]
    currency: str
    title: str
    sections: dict[str, str]

    @classmethod
    def bundled(cls) -> TierPolicy:
        package, name = BUNDLED
        return cls.from_markdown(resources.files(package).joinpath(name).read_text("utf-8"))

    @classmethod
    def load(cls, path: Path | None) -> TierPolicy:
        """The admin's file when configured (Markdown with the block, or plain YAML)."""
        if path is None:
            return cls.bundled()
        try:
            text = path.read_text("utf-8")
        except OSError as error:
            raise ValidationError(f"Cannot read the tier policy {path}: {error.strerror}") from None
        if path.suffix.lower() in {".md", ".markdown"}:
            return cls.from_markdown(text)
        return cls.from_data(_yaml(text, path.name), title=path.stem, sections={})

    @classmethod
    def from_markdown(cls, text: str, *, title: str | None = None) -> TierPolicy:
        """`title` overrides the cited title (the knowledge base adds the document's version)."""
        block = _BLOCK.search(text)
        if block is None:
            raise ValidationError("The tier playbook has no ```yaml tier-policy``` block.")
        found = _TITLE.search(text)
        sections = {m["heading"]: m["heading"] for m in _HEADING.finditer(text)}
        policy = cls.from_data(
            _yaml(block["body"], "tier-policy"),
            title=title or (found["title"].strip() if found else "Campaign Tiers"),
            sections=sections,
        )
        return policy.gated(text)

    def gated(self, text: str) -> TierPolicy:
        """The policy with each tier's gates from the playbook's lead-time table ("| Tier 2 | 6
        weeks | 42 days before launch | 10 days before launch |"), where its row agrees with
        the tier's lead time; a row that does not is left out (the block decides)."""
        rules = dict(self.rules)
        for row in _GATES.finditer(text):
            rule = rules.get(int(row["tier"]))
            if rule is not None and int(row["weeks"]) == rule.lead_time_weeks:
                rules[rule.tier] = replace(
                    rule,
                    brief_approved_days=int(row["brief"]),
                    creative_final_days=int(row["creative"]),
                )
        return replace(self, rules=rules)

    @classmethod
    def from_data(cls, data: Any, *, title: str, sections: dict[str, str]) -> TierPolicy:
        try:
            rules = {
                int(tier): TierRule(
                    int(tier),
                    Decimal(str(spec["min_budget"])),
                    int(spec["lead_time_weeks"]),
                    str(spec["approver"]),
                    int(spec["min_channels"]),
                    _approver_role(spec.get("approver_role", "auto"), str(spec["approver"])),
                )
                for tier, spec in data["tiers"].items()
            }
            keywords = tuple(str(word).lower() for word in data.get("flagship_keywords", []))
            currency = str(data.get("currency", "USD")).upper()
        except (KeyError, TypeError, ValueError, AttributeError, InvalidOperation) as error:
            raise ValidationError(f"The tier policy is malformed: {error!r}") from None
        if sorted(rules) != [1, 2, 3]:
            raise ValidationError("The tier policy must define tiers 1, 2 and 3.")
        return cls(rules, keywords, currency, title, sections)

    def cite(self, heading: str) -> str:
        """ "Title › Section" for a section of the policy (the title alone when it has none)."""
        for name in self.sections:
            if name.lower().startswith(heading.lower()):
                return f"{self.title} › {name}"
        return self.title

    # --- criteria -------------------------------------------------------------------------

    def _budget(self, budget: Decimal) -> Criterion:
        bands = sorted(self.rules.values(), key=lambda rule: rule.min_budget, reverse=True)
        shown = money(budget, self.currency)
        for index, rule in enumerate(bands):
            if budget >= rule.min_budget:
                floor = money(rule.min_budget, self.currency)
                if index == 0:
                    return Criterion(rule.tier, f"budget {shown} ≥ {floor}")
                ceiling = money(bands[index - 1].min_budget, self.currency)
                if rule.min_budget == 0:
                    return Criterion(rule.tier, f"budget {shown} < {ceiling}")
                return Criterion(rule.tier, f"budget {shown} is {floor} to under {ceiling}")
        raise AssertionError("the lowest band starts at 0")  # pragma: no cover

    def _channels(self, channels: list[str]) -> Criterion:
        count = len(channels)
        ranked = sorted(self.rules.values(), key=lambda rule: rule.min_channels, reverse=True)
        named = {name.lower() for name in channels}
        if EVERY_CHANNEL in named:
            # "On every channel we have" is the widest scope there is, whatever the count of
            # names stored for it (one: the scope itself): it counted as a single channel.
            return Criterion(ranked[0].tier, f"every channel ({', '.join(channels)})")
        if MULTICHANNEL in named:
            # "Multichannel" is two channels at least, the playbook's "multi-channel, using 2-3".
            count = max(count, 2)
            rule = next((r for r in ranked if count >= r.min_channels), ranked[-1])
            return Criterion(rule.tier, f"more than one channel ({', '.join(channels)})")
        rule = next((r for r in ranked if count >= r.min_channels), ranked[-1])
        listed = ", ".join(channels)
        if count == 1:
            return Criterion(rule.tier, f"a single channel ({listed})")
        return Criterion(rule.tier, f"{count} channels ({listed})")

    def classify(
        self,
        *,
        budget: Decimal | None,
        currency: str | None,
        channels: list[str],
        flagship: str | None,
        stated_tier: int | None,
    ) -> TierVerdict:
        criteria: list[Criterion] = []
        notes: list[str] = []
        if budget is not None and (currency or self.currency) == self.currency:
            criteria.append(self._budget(budget))
        elif budget is not None:
            notes.append(
                f"The budget is in {currency}; the policy's bands are in {self.currency}, so "
                "the budget band was not applied (no conversion is guessed)."
            )
        if flagship:
            criteria.append(Criterion(1, f"flagship or major launch (“{flagship}”)"))
        if channels:
            criteria.append(self._channels(channels))
        if stated_tier is not None:
            criteria.append(Criterion(stated_tier, f"you described it as Tier {stated_tier}"))
        if budget is None and not any(c.tier == 1 for c in criteria):
            return TierVerdict(
                None,
                "Tier pending: the budget decides it, and I never assume a budget.",
                self.cite("How the Tier"),
            )
        if not criteria:
            return TierVerdict(None, "Tier pending: no criterion applies yet.", self.cite("How"))
        tier = min(c.tier for c in criteria)
        deciding = "; ".join(c.reason for c in criteria if c.tier == tier)
        citation = self.cite(f"Tier {tier}")
        if budget is None:
            notes.append("The budget is still needed before approval.")
        rule = self.rules[tier]
        return TierVerdict(
            tier,
            f"Tier {tier}: {deciding} — {citation}",
            citation,
            rule.approver,
            rule.lead_time_weeks,
            tuple(notes),
        )

    def lead_time_warning(self, verdict: TierVerdict, launch: date, today: date) -> str | None:
        """A warning (never a block) when the launch is inside the tier's lead time."""
        if verdict.tier is None or verdict.lead_time_weeks is None:
            return None
        days = (launch - today).days
        needed = verdict.lead_time_weeks * 7
        if days >= needed:
            return None
        away = "today" if days == 0 else f"{days} day{'s' if days != 1 else ''} away"
        return (
            f"Lead time: the launch on {describe(launch)} is {away}; Tier {verdict.tier} needs "
            f"{verdict.lead_time_weeks} weeks ({self.cite('Lead Times')}). You can still go "
            f"ahead: record the risk in the brief for the {verdict.approver} to acknowledge."
        )

    def foreign_lead_time_warning(
        self, verdict: TierVerdict, budget: Decimal, currency: str, launch: date, today: date
    ) -> str | None:
        """A budget in another currency has no band (no conversion is guessed), yet the launch
        may be too close for the tier its amount would have in the policy's currency: say so
        (a warning to check, never a tier), rather than stay silent about a lead-time risk."""
        if currency == self.currency:
            return None
        band = self._budget(budget).tier
        if verdict.tier is not None and verdict.tier <= band:
            return None  # the tier already applied is as demanding: its own warning covers it
        weeks = self.rules[band].lead_time_weeks
        days = (launch - today).days
        if days >= weeks * 7:
            return None
        return (
            f"Lead time: the launch on {describe(launch)} is {days} days away; if the budget of "
            f"{budget:,.0f} {currency} falls in the Tier {band} band once converted, Tier {band} "
            f"needs {weeks} weeks ({self.cite('Lead Times')}). Check it with your approver."
        )


def _approver_role(given: Any, title: str) -> Role | None:
    """The role behind the approver's title, unless the policy names it (`approver_role: vp`,
    or `none` for a tier that needs no approval)."""
    if given is None or str(given).lower() == "none":
        return None
    if str(given).lower() != "auto":
        return Role(str(given).lower())  # ValueError: reported as a malformed policy
    words = set(re.findall(r"[a-z]+", title.lower()))
    if "vp" in words or {"vice", "president"} <= words:
        return Role.VP
    if "director" in words:
        return Role.DIRECTOR
    if "manager" in words:
        return Role.MANAGER
    # A title we cannot place ("CMO") is treated as the most senior approver, so nothing goes
    # out with less approval than the policy meant; `approver_role` says it exactly.
    return Role.VP


def _yaml(text: str, name: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ValidationError(f"The tier policy {name} is not valid YAML: {error}") from None


@lru_cache(maxsize=4)
def load_policy(path: Path | None) -> TierPolicy:
    """The package's or the operator's policy file (cached: files of the installation, not
    documents an admin edits; those are read per version by `mcc.playbooks.rules`)."""
    return TierPolicy.load(path)


def tier_from_budget(
    budget: Decimal | None,
    currency: str | None,
    channels: Sequence[str] = (),
    policy: TierPolicy | None = None,
) -> tuple[int, str]:
    """(tier, reason). Never guesses a budget: without one the reason says the tier is a default."""
    policy = policy or load_policy(get_settings().tier_policy_file)
    verdict = policy.classify(
        budget=budget, currency=currency, channels=list(channels), flagship=None, stated_tier=None
    )
    if verdict.tier is not None:
        return verdict.tier, verdict.reason
    if budget is not None and currency and currency != policy.currency:
        return DEFAULT_TIER, (
            f"Tier 3 by default: the budget is in {currency}, and the budget bands are in "
            f"{policy.currency}; set the tier explicitly"
        )
    return DEFAULT_TIER, "Tier 3 by default: no tier or budget was given"
