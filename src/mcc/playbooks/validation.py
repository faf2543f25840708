"""Checking a playbook before it becomes a rule: a broken one is refused with the line at fault.

An upload that would become the tier policy or a checklist is checked here, before the short
write that stores it, so a typo never replaces a working rule (the old version stays current).
Line numbers count in the file as uploaded (front matter included), from 1.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import yaml

from mcc.campaigns.schemas import TASKS_MAX
from mcc.playbooks.errors import RulesError
from mcc.playbooks.policy_check import OPENER, check_policy

_FRONT = re.compile(r"\A---\s*\n(?P<meta>.*?)\n---\s*\n", re.DOTALL)
_CHECKLIST = re.compile(r"^##\s+Task Checklist\s*$", re.MULTILINE)
_NEXT_SECTION = re.compile(r"^##\s", re.MULTILINE)
_SEPARATOR = re.compile(r"^[\s:|-]+$")
# A checklist's tasks become real tasks in the work-management system: as many as one campaign
# may carry, each named as a task may be, dated within two years of the launch.
TASK_NAME_MAX = 255
DAYS_MAX = 730
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TYPE = re.compile(r"[a-z][a-z0-9_]{0,49}")


def defines_rules(text: str, meta: Mapping[str, Any]) -> bool:
    """Whether a document is a rule (tier policy or checklist), so its upload is checked."""
    return bool(OPENER.search(text)) or bool(meta.get("campaign_type") and _CHECKLIST.search(text))


def check_playbook(name: str, raw: str) -> None:
    """Raise `RulesError` when `raw` (the file as uploaded) defines a rule it gets wrong."""
    if OPENER.search(raw):
        check_policy(name, raw)
    front = _FRONT.match(raw)
    heading = _CHECKLIST.search(raw)
    if front is not None and heading is not None:
        try:
            meta = yaml.safe_load(front["meta"]) or {}
        except yaml.YAMLError:
            meta = {}  # the knowledge parser reports a broken front matter itself
        if isinstance(meta, dict) and meta.get("campaign_type"):
            kind = meta["campaign_type"]
            if not isinstance(kind, str) or not _TYPE.fullmatch(kind):
                line = _line(raw, raw.find("campaign_type"))
                raise RulesError(
                    name, line, f"campaign_type {str(kind)[:40]!r} must be a word such as email"
                )
            second = _CHECKLIST.search(raw, heading.end())
            if second is not None:
                raise RulesError(
                    name,
                    _line(raw, second.start()),
                    "a second Task Checklist: a playbook holds one checklist (merge them)",
                )
            _check_checklist(name, raw, heading.end())


def decode_rules(name: str, data: bytes) -> str:
    """A rule file's text, which must be UTF-8: the knowledge parser falls back to Windows-1252
    for ordinary documents, but a rule read in the wrong encoding would cite and apply mangled
    names (an approver, a task), so it is refused with the line of the first byte at fault."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise RulesError(
            name, line, "the file is not UTF-8 text; save it as UTF-8 and upload it again"
        ) from None


def _line(raw: str, offset: int) -> int:
    return raw.count("\n", 0, offset) + 1


def _check_checklist(name: str, raw: str, start: int) -> None:
    following = _NEXT_SECTION.search(raw, start)
    section = raw[start : following.start() if following else len(raw)]
    offset = _line(raw, start) - 1
    rows = 0
    names: set[str] = set()
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
        task, owner = cells[0], cells[1]
        if not task or len(task) > TASK_NAME_MAX or _CONTROL.search(task):
            raise RulesError(
                name, line, f"a task needs a name of 1 to {TASK_NAME_MAX} printable characters"
            )
        if task.casefold() in names:
            raise RulesError(name, line, f"task {task[:40]!r} is listed twice")
        names.add(task.casefold())
        if not owner or len(owner) > TASK_NAME_MAX or _CONTROL.search(owner):
            raise RulesError(
                name, line, f"an owner role needs 1 to {TASK_NAME_MAX} printable characters"
            )
        for label, cell in (("starts (days before launch)", cells[2]), ("duration", cells[3])):
            if not re.fullmatch(r"-?[0-9]{1,6}", cell):
                raise RulesError(name, line, f"{label} {cell[:20]!r} is not a whole number of days")
            if abs(int(cell)) > DAYS_MAX:
                raise RulesError(name, line, f"{label} {cell} is more than {DAYS_MAX} days")
        if int(cells[3]) < 1:
            raise RulesError(name, line, f"duration {cells[3]} must be at least 1 day")
    if rows < 3:
        raise RulesError(name, offset + 1, "the Task Checklist has no task rows")
