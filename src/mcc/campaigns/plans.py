"""The plan: the matching playbook's task checklist, scheduled back from the launch date.

Each campaign-type playbook (front matter `campaign_type: ...`) has a `## Task Checklist` table:
`| Task | Owner role | Starts (days before launch) | Duration (days) |`, negative meaning after
launch. A task starts that many calendar days before the launch and is due `duration - 1` days
after it starts (a one-day task is due the day it starts). The preview shows these tasks exactly
as the Workfront sync will create them; the confirmed plan travels with the campaign in
`provenance["plan"]` (the neutral `PlannedTask.as_json` form).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any

import yaml

_FRONT = re.compile(r"\A---\s*\n(?P<meta>.*?)\n---\s*\n", re.DOTALL)
_CHECKLIST = re.compile(r"^##\s+Task Checklist\s*$(?P<body>.*?)(?=^##\s|\Z)", re.M | re.DOTALL)
_ROW = re.compile(r"^\|\s*(?P<cells>.+?)\s*\|\s*$", re.MULTILINE)
CHECKLIST_SECTION = "Task Checklist"


@dataclass(frozen=True)
class ChecklistItem:
    name: str
    owner_role: str
    starts_before: int
    duration: int


@dataclass(frozen=True)
class Checklist:
    campaign_type: str
    title: str
    items: tuple[ChecklistItem, ...]

    @property
    def citation(self) -> str:
        return f"{self.title} › {CHECKLIST_SECTION}"


@dataclass(frozen=True)
class PlannedTask:
    """A task as the work-management system will receive it (neutral names, ISO dates)."""

    name: str
    owner_role: str
    start: date
    due: date

    def as_json(self) -> dict[str, str]:
        return {
            "name": self.name,
            "owner_role": self.owner_role,
            "start": self.start.isoformat(),
            "due": self.due.isoformat(),
        }


@dataclass(frozen=True)
class Plan:
    project_name: str
    planned_start: date
    planned_completion: date
    tasks: tuple[PlannedTask, ...]
    source: str

    def as_json(self) -> dict[str, Any]:
        return {
            "projectName": self.project_name,
            "plannedStart": self.planned_start.isoformat(),
            "plannedCompletion": self.planned_completion.isoformat(),
            "source": self.source,
            "tasks": [
                {
                    "name": task.name,
                    "ownerRole": task.owner_role,
                    "start": task.start.isoformat(),
                    "due": task.due.isoformat(),
                }
                for task in self.tasks
            ],
        }


def parse_checklist(text: str, *, title: str | None = None) -> Checklist | None:
    """The playbook's checklist, or None when it is not a campaign-type playbook."""
    front = _FRONT.match(text)
    if front is None:
        return None
    meta = yaml.safe_load(front["meta"]) or {}
    return checklist_from(meta, text, title=title)


def checklist_from(
    meta: Mapping[str, Any], text: str, *, title: str | None = None
) -> Checklist | None:
    """The checklist of a stored knowledge document (front matter already split into `meta`);
    `title` overrides the cited title (the knowledge base adds the document's version)."""
    kind = meta.get("campaign_type")
    section = _CHECKLIST.search(text)
    if not kind or section is None:
        return None
    items: list[ChecklistItem] = []
    for row in _ROW.finditer(section["body"]):
        cells = [cell.strip() for cell in row["cells"].split("|")]
        if len(cells) != 4 or not re.fullmatch(r"-?\d+", cells[2]):
            continue  # the header and the separator (uploads are checked row by row first)
        items.append(ChecklistItem(cells[0], cells[1], int(cells[2]), max(1, int(cells[3]))))
    return Checklist(str(kind), title or str(meta.get("title", kind)), tuple(items))


@cache
def bundled_checklists() -> dict[str, Checklist]:
    """Checklists of the bundled playbooks by campaign type (read once per process)."""
    folder = resources.files("mcc.knowledge").joinpath("content/playbooks")
    found: dict[str, Checklist] = {}
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if entry.name.endswith(".md"):
            checklist = parse_checklist(entry.read_text("utf-8"))
            if checklist is not None:
                found[checklist.campaign_type] = checklist
    return found


def schedule(
    checklist: Checklist, project_name: str, launch: date, end: date | None = None
) -> Plan:
    tasks = tuple(
        PlannedTask(
            item.name,
            item.owner_role,
            launch - timedelta(days=item.starts_before),
            launch - timedelta(days=item.starts_before) + timedelta(days=item.duration - 1),
        )
        for item in checklist.items
    )
    start = min((task.start for task in tasks), default=launch)
    completion = max([task.due for task in tasks] + [end or launch])
    return Plan(project_name, start, completion, tasks, checklist.citation)


def describe(value: date) -> str:
    """How dates read in replies and warnings: "Sunday, February 15, 2026"."""
    return f"{value:%A}, {value:%B} {value.day}, {value.year}"
