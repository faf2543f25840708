"""The object types the emulator knows: codes, long names, fields, references and collections.

Field names follow Workfront's ``/metadata`` (reference §3). Each type declares its default GET
field set (what the API returns without ``fields=``), its event-payload field list (reference
§8, Adobe's "event subscription resource fields"), its references (``project`` → ``projectID``
→ PROJ) for ``fields=project:status`` and filters like ``project:status=CUR``, and collections
(``tasks`` of a project). Asking for anything not declared is an error, as on a real tenant.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from mcc.sandbox.workfront.errors import WorkfrontError


class Kind(StrEnum):
    """How a field's value is typed, coerced from form strings, compared and rendered."""

    STR = "str"
    INT = "int"
    FLOAT = "float"
    BOOL = "bool"
    DATE = "date"
    LIST = "list"
    MAP = "map"


@dataclass(frozen=True)
class FieldDef:
    """One native field; ``editable=False`` fields are maintained by the emulator only."""

    name: str
    kind: Kind
    editable: bool = True


@dataclass(frozen=True)
class Reference:
    """``name`` (e.g. ``project``) resolves through ``fk`` (``projectID``) to ``target``."""

    name: str
    fk: str
    target: str


@dataclass(frozen=True)
class Collection:
    """Child objects of ``target`` whose ``fk`` holds the parent ID; ``fk=None`` = stored inline."""

    name: str
    target: str
    fk: str | None


@dataclass(frozen=True)
class ObjType:
    """Everything the API layer needs to know about one object code."""

    code: str
    label: str
    names: tuple[str, ...]
    fields: dict[str, FieldDef]
    defaults: tuple[str, ...]
    references: dict[str, Reference] = field(default_factory=dict)
    collections: dict[str, Collection] = field(default_factory=dict)
    event_fields: tuple[str, ...] = ()
    required: tuple[str, ...] = ("name",)
    custom_fields: bool = True


_COMMON = (
    "ID:s! objCode:s! name:s description:s extRefID:s entryDate:d! lastUpdateDate:d! "
    "enteredByID:s! lastUpdatedByID:s! customerID:s! accessorIDs:l! categoryID:s "
    "parameterValues:m"
)
_KINDS = {
    "s": Kind.STR,
    "i": Kind.INT,
    "f": Kind.FLOAT,
    "b": Kind.BOOL,
    "d": Kind.DATE,
    "l": Kind.LIST,
    "m": Kind.MAP,
}


def _fields(spec: str, *, common: bool = True) -> dict[str, FieldDef]:
    """Build field definitions from ``name:k`` tokens; a trailing ``!`` marks read-only."""
    tokens = ((_COMMON + " ") if common else "") + spec
    result: dict[str, FieldDef] = {}
    for token in tokens.split():
        name, _, kind = token.partition(":")
        result[name] = FieldDef(name, _KINDS[kind.rstrip("!")], editable=not kind.endswith("!"))
    return result


def words(text: str) -> tuple[str, ...]:
    """Field names written as one space-separated string, for legibility."""
    return tuple(text.split())


def _refs(*triples: tuple[str, str, str]) -> dict[str, Reference]:
    common = (
        ("enteredBy", "enteredByID", "USER"),
        ("lastUpdatedBy", "lastUpdatedByID", "USER"),
        ("category", "categoryID", "CTGY"),
    )
    return {name: Reference(name, fk, target) for name, fk, target in common + triples}


_SCHEDULE = (
    "status:s priority:i percentComplete:f plannedStartDate:d plannedCompletionDate:d "
    "projectedStartDate:d! projectedCompletionDate:d! actualStartDate:d actualCompletionDate:d "
    "progressStatus:s! condition:s conditionType:s ownerID:s referenceNumber:i! "
)
_ID_NAME = ("ID", "name", "objCode")

PROJECT = ObjType(
    code="PROJ",
    label="Project",
    names=("project", "proj"),
    fields=_fields(
        _SCHEDULE + "sponsorID:s templateID:s portfolioID:s programID:s groupID:s companyID:s "
        "currency:s scheduleMode:s completionType:s"
    ),
    defaults=words(
        "ID name objCode percentComplete plannedCompletionDate plannedStartDate priority "
        "projectedCompletionDate status"
    ),
    references=_refs(
        ("owner", "ownerID", "USER"),
        ("sponsor", "sponsorID", "USER"),
        ("template", "templateID", "TMPL"),
        ("portfolio", "portfolioID", "PORT"),
        ("program", "programID", "PRGM"),
    ),
    collections={"tasks": Collection("tasks", "TASK", "projectID")},
    event_fields=words(
        "ID name objCode entryDate accessorIDs lastUpdateDate groupID sponsorID description "
        "plannedCompletionDate enteredByID ownerID templateID priority companyID portfolioID "
        "referenceNumber lastUpdatedByID customerID currency categoryID status parameterValues"
    ),
)

TASK = ObjType(
    code="TASK",
    label="Task",
    names=("task",),
    fields=_fields(
        _SCHEDULE + "projectID:s parentID:s taskNumber:i! wbs:s! assignedToID:s roleID:s "
        "teamID:s duration:f durationUnit:s durationType:s workRequired:f work:f "
        "taskConstraint:s constraintDate:d predecessorExpression:s templateTaskID:s! "
        "milestoneID:s isCritical:b"
    ),
    defaults=words(
        "ID name objCode percentComplete plannedCompletionDate plannedStartDate priority "
        "progressStatus projectedCompletionDate projectedStartDate status taskNumber wbs"
    ),
    references=_refs(
        ("project", "projectID", "PROJ"),
        ("parent", "parentID", "TASK"),
        ("assignedTo", "assignedToID", "USER"),
        ("owner", "ownerID", "USER"),
        ("role", "roleID", "ROLE"),
        ("templateTask", "templateTaskID", "TTSK"),
    ),
    collections={
        "assignments": Collection("assignments", "ASSGN", "taskID"),
        "predecessors": Collection("predecessors", "PRED", "successorID"),
        "successors": Collection("successors", "PRED", "predecessorID"),
        "children": Collection("children", "TASK", "parentID"),
    },
    event_fields=words(
        "ID name objCode accessorIDs assignedToID categoryID customerID description "
        "enteredByID entryDate lastUpdateDate lastUpdatedByID parameterValues "
        "plannedCompletionDate priority projectID referenceNumber roleID status teamID"
    ),
    required=("name", "projectID"),
)

ISSUE = ObjType(
    code="OPTASK",
    label="Issue",
    names=("issue", "optask"),
    fields=_fields(_SCHEDULE + "projectID:s assignedToID:s teamID:s opTaskType:s"),
    defaults=words("ID name objCode plannedCompletionDate priority status"),
    references=_refs(("project", "projectID", "PROJ"), ("assignedTo", "assignedToID", "USER")),
    event_fields=words(
        "ID name objCode accessorIDs assignedToID categoryID customerID description "
        "enteredByID entryDate lastUpdateDate lastUpdatedByID ownerID parameterValues "
        "plannedCompletionDate priority projectID referenceNumber status teamID"
    ),
)

TEMPLATE = ObjType(
    code="TMPL",
    label="Template",
    names=("template", "tmpl"),
    fields=_fields("ownerID:s sponsorID:s portfolioID:s companyID:s priority:i referenceNumber:i!"),
    defaults=words("ID name objCode description"),
    references=_refs(("owner", "ownerID", "USER")),
    collections={"templateTasks": Collection("templateTasks", "TTSK", "templateID")},
    event_fields=words(
        "ID name objCode accessorIDs categoryID companyID customerID description entryDate "
        "lastUpdateDate lastUpdatedByID ownerID parameterValues priority portfolioID "
        "referenceNumber sponsorID"
    ),
)

TEMPLATE_TASK = ObjType(
    code="TTSK",
    label="TemplateTask",
    names=("templatetask", "ttsk"),
    fields=_fields(
        "templateID:s parentID:s taskNumber:i! duration:f durationUnit:s priority:i "
        "roleID:s assignedToID:s predecessorExpression:s"
    ),
    defaults=words("ID name objCode duration durationUnit taskNumber"),
    references=_refs(("template", "templateID", "TMPL"), ("parent", "parentID", "TTSK")),
    collections={
        "predecessors": Collection("predecessors", "TPRED", None),
        "assignments": Collection("assignments", "TASSGN", None),
    },
    required=("name", "templateID"),
)

USER = ObjType(
    code="USER",
    label="User",
    names=("user",),
    fields=_fields(
        "firstName:s lastName:s emailAddr:s username:s title:s isActive:b roleID:s "
        "homeGroupID:s homeTeamID:s managerID:s accessLevelID:s companyID:s"
    ),
    defaults=words("ID name objCode emailAddr firstName lastName title"),
    references=_refs(("role", "roleID", "ROLE"), ("manager", "managerID", "USER")),
    event_fields=words(
        "ID name objCode accessLevelID categoryID companyID customerID homeGroupID homeTeamID "
        "isActive lastUpdateDate lastUpdatedByID managerID parameterValues roleID title"
    ),
)

ASSIGNMENT = ObjType(
    code="ASSGN",
    label="Assignment",
    names=("assignment", "assgn"),
    fields=_fields(
        "taskID:s opTaskID:s projectID:s assignedToID:s assignedByID:s roleID:s teamID:s "
        "assignmentPercent:f isPrimary:b status:s work:f workRequired:f",
    ),
    defaults=words("ID objCode assignedToID assignmentPercent roleID status taskID"),
    references=_refs(
        ("task", "taskID", "TASK"),
        ("assignedTo", "assignedToID", "USER"),
        ("project", "projectID", "PROJ"),
    ),
    required=(),
    custom_fields=False,
)

PREDECESSOR = ObjType(
    code="PRED",
    label="Predecessor",
    names=("predecessor",),
    fields=_fields("predecessorID:s successorID:s predecessorType:s lagDays:f isEnforced:b isCP:b"),
    defaults=words("ID objCode predecessorID successorID predecessorType lagDays"),
    references=_refs(
        ("predecessor", "predecessorID", "TASK"), ("successor", "successorID", "TASK")
    ),
    required=("predecessorID", "successorID"),
    custom_fields=False,
)


def _simple(
    code: str,
    label: str,
    names: tuple[str, ...],
    extra: str = "",
    refs: tuple[tuple[str, str, str], ...] = (),
) -> ObjType:
    """A small type: common fields plus ``extra``, default fields ID/name/objCode."""
    return ObjType(
        code=code,
        label=label,
        names=names,
        fields=_fields(extra),
        defaults=_ID_NAME,
        references=_refs(*refs),
        event_fields=(
            *words("ID name objCode accessorIDs categoryID customerID description enteredByID"),
            *words("entryDate lastUpdateDate lastUpdatedByID parameterValues"),
            *(token.partition(":")[0] for token in extra.split()),
        ),
    )


PORTFOLIO = _simple(
    "PORT", "Portfolio", ("portfolio",), "ownerID:s", (("owner", "ownerID", "USER"),)
)
PROGRAM = _simple(
    "PRGM",
    "Program",
    ("program",),
    "ownerID:s portfolioID:s",
    (("portfolio", "portfolioID", "PORT"), ("owner", "ownerID", "USER")),
)
NOTE = ObjType(
    code="NOTE",
    label="Note",
    names=("note",),
    fields=_fields("noteText:s subject:s ownerID:s noteObjCode:s objID:s projectID:s taskID:s"),
    defaults=words("ID objCode noteText noteObjCode objID"),
    references=_refs(("owner", "ownerID", "USER"), ("project", "projectID", "PROJ")),
    required=("noteText",),
    custom_fields=False,
)
CATEGORY = _simple("CTGY", "Category", ("category",), "catObjCode:s")
PARAMETER = _simple("PARAM", "Parameter", ("parameter",), "fieldType:s dataType:s displayName:s")
ROLE = _simple("ROLE", "Role", ("role",), "")
DOCUMENT = _simple("DOCU", "Document", ("document",), "docObjCode:s objID:s ownerID:s")

TYPES: dict[str, ObjType] = {
    t.code: t
    for t in (
        PROJECT,
        TASK,
        ISSUE,
        TEMPLATE,
        TEMPLATE_TASK,
        USER,
        ASSIGNMENT,
        PREDECESSOR,
        PORTFOLIO,
        PROGRAM,
        NOTE,
        CATEGORY,
        PARAMETER,
        ROLE,
        DOCUMENT,
    )
}
_BY_NAME = {name: t for t in TYPES.values() for name in (t.code.lower(), *t.names)}

#: Built-in project statuses (reference §4): code → label.
PROJECT_STATUSES = {
    "CUR": "Current",
    "PLN": "Planning",
    "CPL": "Complete",
    "DED": "Dead",
    "ONH": "On Hold",
    "REQ": "Requested",
    "APR": "Approved",
    "REJ": "Rejected",
    "IDA": "Idea",
}
#: Built-in task statuses; CPA/CPI are only seen in third-party code, so they are accepted too.
TASK_STATUSES = {
    "NEW": "New",
    "INP": "In Progress",
    "CPL": "Complete",
    "CPA": "Complete - Pending Approval",
    "CPI": "Complete - Pending Issues",
}
ISSUE_STATUSES = {
    "NEW": "New",
    "INP": "In Progress",
    "AWF": "Awaiting Feedback",
    "ONH": "On Hold",
    "ROP": "Reopened",
    "CND": "Cannot Duplicate",
    "WTR": "Won't Resolve",
    "RLV": "Resolved",
    "VCP": "Verified Complete",
    "CLS": "Closed",
}
STATUSES = {"PROJ": PROJECT_STATUSES, "TASK": TASK_STATUSES, "OPTASK": ISSUE_STATUSES}


def resolve_type(name: str) -> ObjType:
    """Object code or long name, case-insensitive (``PROJ``, ``proj``, ``project``)."""
    found = _BY_NAME.get(name.lower())
    if found is None:
        raise WorkfrontError(
            404, "com.attask.common.NotFoundException", f"Unknown object type: {name}"
        )
    return found
