"""Checking an uploaded tier policy, key by key, before it can become the rule in force.

The policy is a few plain YAML lines, so anything beyond them is refused rather than guessed:
YAML is lenient (a quoted `'25000'` is a string, a repeated key silently keeps the last value,
`True` equals tier 1, `.nan` is a float), and each leniency once let a wrong policy through to
tier every new campaign. Checks run on the composed YAML nodes, so each refusal names the line
of the key at fault; line numbers count in the file as uploaded, from 1.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Any

import yaml

from mcc.auth.schemas import Role
from mcc.campaigns.schemas import BUDGET_MAX, CHANNELS_MAX
from mcc.campaigns.tiers import TierPolicy
from mcc.exceptions import ValidationError
from mcc.playbooks.errors import RulesError

BLOCK = re.compile(r"```ya?ml\s+tier-policy\s*\n(?P<body>.*?)```", re.DOTALL)
OPENER = re.compile(r"^[ \t]*```ya?ml[ \t]+tier-policy\b", re.MULTILINE)
_ROLES = {role.value for role in Role} | {"auto", "none"}
_REQUIRED = ("min_budget", "lead_time_weeks", "approver", "min_channels")
_OPTIONAL = ("approver_role",)
_TOP = ("tiers", "flagship_keywords", "currency")
LEAD_WEEKS_MAX = 104  # two years: a checklist's tasks reach at most 730 days before launch
TEXT_MAX = 255
KEYWORDS_MAX = 100
# A policy is a few dozen lines. Both bounds are checked before any YAML is read: PyYAML's
# pure-Python scanner slows down sharply with flow nesting ("[[[[..."), so an 800 KB upload of
# brackets kept a server thread busy for minutes, unkillable short of SIGKILL.
POLICY_CHARS_MAX = 64_000
NESTING_MAX = 20
# What PyYAML raises for a value it cannot build: an unknown or Python tag, `!!float abc`, a
# 5,000-digit integer, `2001-13-45` read as a timestamp...
_UNREADABLE = (yaml.YAMLError, ValueError, TypeError, OverflowError, ArithmeticError)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_WHOLE = re.compile(r"[0-9]+")
_AMOUNT = re.compile(r"[0-9]+(\.[0-9]{1,2})?")  # campaign budgets have at most two decimals


def check_policy(name: str, raw: str) -> None:
    """Raise `RulesError` unless `raw` holds exactly one well-formed tier-policy block."""
    openers = list(OPENER.finditer(raw))
    blocks = list(BLOCK.finditer(raw))
    if len(openers) > 1:
        line = _line(raw, openers[1].start())
        raise RulesError(
            name, line, "a second tier-policy block: a file holds one policy (remove one of them)"
        )
    if not blocks:
        raise RulesError(
            name, _line(raw, openers[0].start()), "the tier-policy block is not closed with ```"
        )
    block = blocks[0]
    body, first = block["body"], _line(raw, block.start("body"))
    if len(body) > POLICY_CHARS_MAX:
        raise RulesError(
            name, first, f"the tier policy is longer than {POLICY_CHARS_MAX:,} characters"
        )
    deepest = _deepest_bracket(body)
    if deepest is not None:
        raise RulesError(
            name, first + body.count("\n", 0, deepest), "the tier policy is nested too deeply"
        )
    try:
        _Policy(name, body, first).check()
    except RulesError:
        raise
    except (*_UNREADABLE, RecursionError) as error:  # never a 500: the line of the block
        raise RulesError(
            name, first, f"the tier policy can't be read ({type(error).__name__})"
        ) from None


def _deepest_bracket(body: str) -> int | None:
    """The offset where flow brackets first nest deeper than NESTING_MAX, if they do (a cheap,
    linear look that ignores quoting: a real policy never comes near the bound)."""
    depth = 0
    for offset, char in enumerate(body):
        if char in "[{":
            depth += 1
            if depth > NESTING_MAX:
                return offset
        elif char in "]}":
            depth = max(0, depth - 1)
    return None


def _line(raw: str, offset: int) -> int:
    return raw.count("\n", 0, offset) + 1


class _Policy:
    def __init__(self, name: str, body: str, first: int) -> None:
        self.name, self.body, self.first = name, body, first

    def fail(self, node: yaml.Node | None, problem: str) -> RulesError:
        line = self.first + node.start_mark.line if node is not None else self.first
        return RulesError(self.name, line, problem)

    def check(self) -> None:
        root = self._compose()
        if not isinstance(root, yaml.MappingNode):
            raise self.fail(root, "the tier policy needs a `tiers:` mapping of tiers 1, 2, 3")
        top = self._mapping(root, "the policy", _TOP)
        tiers_node = top.get("tiers")
        if not isinstance(tiers_node, yaml.MappingNode):
            raise self.fail(
                tiers_node or root, "the tier policy needs a `tiers:` mapping of tiers 1, 2, 3"
            )
        floors: dict[int, tuple[Decimal, yaml.Node]] = {}
        for key_node, spec_node in tiers_node.value:
            tier = self._value(key_node)
            if type(tier) is not int or tier not in (1, 2, 3):  # `True` equals 1: refused too
                raise self.fail(key_node, f"unknown tier {_shown(tier)}: use 1, 2 and 3")
            if tier in floors:
                raise self.fail(key_node, f"tier {tier} is given twice in the policy")
            floors[tier] = (self._tier(tier, key_node, spec_node), key_node)
        for tier in (1, 2, 3):
            if tier not in floors:
                raise self.fail(
                    tiers_node, f"tier {tier} is missing: the policy needs tiers 1, 2, 3"
                )
        # Bands: tier 1 from the highest floor, each lower tier strictly below, tier 3 from 0;
        # two equal floors would make one band overlap the other, a floor above 0 leaves
        # budgets unplaced.
        for upper, lower in ((1, 2), (2, 3)):
            if floors[lower][0] >= floors[upper][0]:
                raise self.fail(
                    floors[lower][1],
                    f"the budget bands overlap: tier {lower} starts at {floors[lower][0]}, not "
                    f"below tier {upper}'s {floors[upper][0]}",
                )
        if floors[3][0] != 0:
            raise self.fail(
                floors[3][1], f"budgets under {floors[3][0]} have no band: tier 3 must start at 0"
            )
        self._keywords(top.get("flagship_keywords"))
        self._currency(top.get("currency"))
        try:  # anything the checks above missed is still refused, never stored
            TierPolicy.from_data(yaml.safe_load(self.body), title=self.name, sections={})
        except ValidationError as error:
            raise self.fail(None, error.message) from None
        except _UNREADABLE as error:
            raise self.fail(
                None, f"the tier policy can't be read ({type(error).__name__})"
            ) from None

    def _compose(self) -> yaml.Node | None:
        try:
            self._refuse_aliases()
            return yaml.compose(self.body, Loader=yaml.SafeLoader)
        except RecursionError:
            raise self.fail(None, "the tier policy is nested too deeply") from None
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = self.first + mark.line if mark is not None else self.first
            problem = getattr(error, "problem", None) or "not valid YAML"
            if "expected a single document" in str(error):
                problem = "two YAML documents (`---`): a block holds one policy"
            raise RulesError(
                self.name, line, f"the tier policy is not valid YAML ({problem})"
            ) from None

    def _refuse_aliases(self) -> None:
        """Anchors and aliases add nothing to a policy but can expand a short file into
        gigabytes when it is read (the "billion laughs"), so they are refused."""
        for event in yaml.parse(self.body):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                line = self.first + (event.start_mark.line if event.start_mark is not None else 0)
                raise RulesError(
                    self.name, line, "the tier policy may not use YAML anchors or aliases"
                )

    def _value(self, node: yaml.Node) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            return _NESTED  # never taken for a plain value
        resolve = yaml.SafeLoader("").resolve
        implicit = resolve(yaml.ScalarNode, node.value, (True, False))  # type: ignore[no-untyped-call]
        if node.tag != (implicit if node.style is None else "tag:yaml.org,2002:str"):
            # `!!int '25000'` would slip a quoted amount past the rule against one.
            raise self.fail(node, f"YAML tags are not allowed here ({node.tag})")
        try:
            return yaml.SafeLoader("").construct_object(node, deep=True)
        except _UNREADABLE:
            raise self.fail(node, f"can't read the value {node.value[:40]!r} here") from None

    def _mapping(
        self, node: yaml.MappingNode, where: str, allowed: tuple[str, ...]
    ) -> dict[str, yaml.Node]:
        """The mapping's values by key; a repeated or unknown key is refused at its line."""
        found: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = self._value(key_node)
            if not isinstance(key, str) or key not in allowed:
                raise self.fail(
                    key_node, f"unknown key {_shown(key)} in {where} (use {', '.join(allowed)})"
                )
            if key in found:
                raise self.fail(key_node, f"{key} is given twice in {where}")
            found[key] = value_node
        return found

    def _tier(self, tier: int, key_node: yaml.Node, spec_node: yaml.Node) -> Decimal:
        if not isinstance(spec_node, yaml.MappingNode):
            raise self.fail(key_node, f"tier {tier} needs {', '.join(_REQUIRED)}")
        fields = self._mapping(spec_node, f"tier {tier}", _REQUIRED + _OPTIONAL)
        missing = [field for field in _REQUIRED if field not in fields]
        if missing:
            raise self.fail(key_node, f"tier {tier} has no {', '.join(missing)}")
        budget_node = fields["min_budget"]
        budget = self._value(budget_node)
        if (
            not isinstance(budget_node, yaml.ScalarNode)
            or not _AMOUNT.fullmatch(budget_node.value)
            or type(budget) not in (int, float)
            or not math.isfinite(budget)
            or not 0 <= budget <= BUDGET_MAX
        ):
            raise self.fail(
                budget_node,
                f"tier {tier}: min_budget {_shown(budget)} is not an amount from 0 to "
                f"{BUDGET_MAX:,} (write a plain number, unquoted)",
            )
        for field, ceiling in (("lead_time_weeks", LEAD_WEEKS_MAX), ("min_channels", CHANNELS_MAX)):
            self._whole(tier, field, fields[field], ceiling)
        self._text(f"tier {tier}: approver", fields["approver"])
        role_node = fields.get("approver_role")
        role = self._value(role_node) if role_node is not None else "auto"
        if not isinstance(role, str) or role.lower() not in _ROLES:
            known = ", ".join(sorted(_ROLES))
            raise self.fail(
                role_node, f"tier {tier}: unknown role {_shown(role)} for approver_role ({known})"
            )
        return Decimal(str(budget))

    def _whole(self, tier: int, field: str, node: yaml.Node, ceiling: int) -> None:
        value = self._value(node)
        # Plain digits only: YAML 1.1 also reads `1:30` as 90, `0x1A`, `1_0` and other scripts'
        # digits as integers, none of which anyone means in a policy.
        plain = isinstance(node, yaml.ScalarNode) and _WHOLE.fullmatch(node.value)
        if not plain or type(value) is not int or not 0 <= value <= ceiling:
            raise self.fail(
                node,
                f"tier {tier}: {field} {_shown(value)} is not a whole number from 0 to {ceiling}",
            )

    def _text(self, label: str, node: yaml.Node) -> None:
        value = self._value(node)
        if (
            not isinstance(value, str)
            or not value.strip()
            or len(value) > TEXT_MAX
            or _CONTROL.search(value)
        ):
            raise self.fail(
                node, f"{label} {_shown(value)} must be text of 1 to {TEXT_MAX} characters"
            )

    def _keywords(self, node: yaml.Node | None) -> None:
        if node is None:
            return
        if not isinstance(node, yaml.SequenceNode) or len(node.value) > KEYWORDS_MAX:
            raise self.fail(
                node, f"flagship_keywords must be a list of at most {KEYWORDS_MAX} words"
            )
        for item in node.value:
            self._text("a flagship keyword", item)

    def _currency(self, node: yaml.Node | None) -> None:
        if node is None:
            return
        value = self._value(node)
        if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z]{3}", value):
            raise self.fail(node, f"currency {_shown(value)} must be a 3-letter code such as USD")


class _Nested:
    def __repr__(self) -> str:
        return "(a list or mapping)"


_NESTED = _Nested()


def _shown(value: Any) -> str:
    """A value as quoted in a refusal, cut short: a policy line may be long."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
