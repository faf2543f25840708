"""Checking a playbook before it becomes a rule: a broken one is refused with the line at fault.

An upload that would become the tier policy or a checklist is checked here, before the short
write that stores it, so a typo never replaces a working rule (the old version stays current).
Line numbers count in the file as uploaded (front matter included), from 1.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from mcc.auth.schemas import Role
from mcc.campaigns.schemas import TASKS_MAX
from mcc.campaigns.tiers import TierPolicy
from mcc.exceptions import ValidationError

_BLOCK = re.compile(r"```ya?ml\s+tier-policy\s*\n(?P<body>.*?)```", re.DOTALL)
_FRONT = re.compile(r"\A---\s*\n(?P<meta>.*?)\n---\s*\n", re.DOTALL)
_CHECKLIST = re.compile(r"^##\s+Task Checklist\s*$", re.MULTILINE)
_NEXT_SECTION = re.compile(r"^##\s", re.MULTILINE)
_SEPARATOR = re.compile(r"^[\s:|-]+$")
_ROLES = {role.value for role in Role} | {"auto", "none"}
_FIELDS = ("min_budget", "lead_time_weeks", "approver", "min_channels")
# A checklist's tasks become real tasks in the work-management system: as many as one campaign
# may carry, each named as a task may be, dated within two years of the launch.
TASK_NAME_MAX = 255
DAYS_MAX = 730
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class RulesError(ValidationError):
    """A playbook that cannot become a rule; the message names the file's line at fault."""

    def __init__(self, name: str, line: int | None, problem: str) -> None:
        where = f"{name}, line {line}" if line else name
        super().__init__(f"{where}: {problem}", {"file": name, "line": str(line or "")})
        self.line = line


def defines_rules(text: str, meta: Mapping[str, Any]) -> bool:
    """Whether a document is a rule (tier policy or checklist), so its upload is checked."""
    return bool(_BLOCK.search(text)) or bool(meta.get("campaign_type") and _CHECKLIST.search(text))


def check_playbook(name: str, raw: str) -> None:
    """Raise `RulesError` when `raw` (the file as uploaded) defines a rule it gets wrong."""
    block = _BLOCK.search(raw)
    if block is not None:
        _check_policy(name, raw, block)
    front = _FRONT.match(raw)
    heading = _CHECKLIST.search(raw)
    if front is not None and heading is not None:
        try:
            meta = yaml.safe_load(front["meta"]) or {}
        except yaml.YAMLError:
            meta = {}  # the knowledge parser reports a broken front matter itself
        if isinstance(meta, dict) and meta.get("campaign_type"):
            _check_checklist(name, raw, heading.end())


def _line(raw: str, offset: int) -> int:
    return raw.count("\n", 0, offset) + 1


def _check_policy(name: str, raw: str, block: re.Match[str]) -> None:
    first = _line(raw, block.start("body"))
    body = block["body"]
    try:
        _refuse_aliases(name, first, body)
        data = yaml.safe_load(body)
    except RecursionError:
        raise RulesError(name, first, "the tier policy is nested too deeply") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = first + mark.line if mark is not None else first
        problem = getattr(error, "problem", None) or "not valid YAML"
        raise RulesError(name, line, f"the tier policy is not valid YAML ({problem})") from None
    tiers = data.get("tiers") if isinstance(data, dict) else None
    if not isinstance(tiers, dict):
        raise RulesError(name, first, "the tier policy needs a `tiers:` mapping of tiers 1, 2, 3")

    def line_of(tier: Any) -> int:
        found = re.search(rf"^\s*['\"]?{re.escape(str(tier))}['\"]?\s*:", body, re.MULTILINE)
        return first + body.count("\n", 0, found.start()) if found else first

    floors: dict[int, Decimal] = {}
    for tier, spec in tiers.items():
        if not isinstance(tier, int) or tier not in (1, 2, 3):
            raise RulesError(name, line_of(tier), f"unknown tier {tier!r}: use 1, 2 and 3")
        if not isinstance(spec, dict):
            raise RulesError(name, line_of(tier), f"tier {tier} needs {', '.join(_FIELDS)}")
        missing = [field for field in _FIELDS if field not in spec]
        if missing:
            raise RulesError(name, line_of(tier), f"tier {tier} has no {', '.join(missing)}")
        try:
            floors[tier] = Decimal(str(spec["min_budget"]))
            if not floors[tier].is_finite() or floors[tier] < 0:
                raise InvalidOperation
        except InvalidOperation:
            raise RulesError(
                name,
                line_of(tier),
                f"tier {tier}: min_budget {spec['min_budget']!r} is not an amount",
            ) from None
        for field in ("lead_time_weeks", "min_channels"):
            if not isinstance(spec[field], int) or spec[field] < 0:
                raise RulesError(
                    name, line_of(tier), f"tier {tier}: {field} {spec[field]!r} is not a number"
                )
        role = str(spec.get("approver_role", "auto")).lower()
        if role not in _ROLES:
            known = ", ".join(sorted(_ROLES))
            raise RulesError(name, line_of(tier), f"tier {tier}: unknown role {role!r} ({known})")
    for tier in (1, 2, 3):
        if tier not in floors:
            raise RulesError(name, first, f"tier {tier} is missing: the policy needs tiers 1, 2, 3")
    # Bands: tier 1 from the highest floor, each lower tier strictly below, tier 3 from 0; two
    # equal floors would make one band overlap the other, a floor above 0 leaves budgets unplaced.
    for upper, lower in ((1, 2), (2, 3)):
        if floors[lower] >= floors[upper]:
            raise RulesError(
                name, line_of(lower),
                f"the budget bands overlap: tier {lower} starts at {floors[lower]}, not below "
                f"tier {upper}'s {floors[upper]}",
            )  # fmt: skip
    if floors[3] != 0:
        raise RulesError(
            name, line_of(3), f"budgets under {floors[3]} have no band: tier 3 must start at 0"
        )
    try:  # anything the checks above missed is still refused, never stored
        TierPolicy.from_data(data, title=name, sections={})
    except ValidationError as error:
        raise RulesError(name, first, error.message) from None


def _refuse_aliases(name: str, first: int, body: str) -> None:
    """A policy is a few plain lines: anchors and aliases add nothing to it but can expand a
    short file into gigabytes when it is read (the "billion laughs"), so they are refused."""
    for event in yaml.parse(body):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            line = first + (event.start_mark.line if event.start_mark is not None else 0)
            raise RulesError(name, line, "the tier policy may not use YAML anchors or aliases")


def _check_checklist(name: str, raw: str, start: int) -> None:
    following = _NEXT_SECTION.search(raw, start)
    section = raw[start : following.start() if following else len(raw)]
    offset = _line(raw, start) - 1
    rows = 0
    for index, text in enumerate(section.split("\n")):
        row = text.strip()
        if not row.startswith("|"):
            continue
        rows += 1
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        if rows == 1 or _SEPARATOR.fullmatch(row):
            continue  # the header and the separator
        line = offset + index + 1
        if len(cells) != 4:
            raise RulesError(
                name,
                line,
                f"a checklist row needs 4 cells (task, owner, starts, days), not {len(cells)}",
            )
        if rows - 2 > TASKS_MAX:
            raise RulesError(name, line, f"a checklist has at most {TASKS_MAX} tasks")
        task = cells[0]
        if not task or len(task) > TASK_NAME_MAX or _CONTROL.search(task):
            raise RulesError(
                name, line, f"a task needs a name of 1 to {TASK_NAME_MAX} printable characters"
            )
        for label, cell in (("starts (days before launch)", cells[2]), ("duration", cells[3])):
            if not re.fullmatch(r"-?\d{1,6}", cell):
                raise RulesError(name, line, f"{label} {cell[:20]!r} is not a whole number of days")
            if abs(int(cell)) > DAYS_MAX:
                raise RulesError(name, line, f"{label} {cell} is more than {DAYS_MAX} days")
        if int(cells[3]) < 1:
            raise RulesError(name, line, f"duration {cells[3]} must be at least 1 day")
    if rows < 3:
        raise RulesError(name, offset + 1, "the Task Checklist has no task rows")
