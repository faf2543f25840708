"""Per-type business rules: defaults, validation, status coupling, scheduling and rollups.

These are the behaviours a client can observe on a tenant (reference §3, §4, §7, §10.7-8):
projects default to ``CUR`` and tasks to ``NEW``; an unknown status is refused; a task set to
``CPL`` reaches 100 %, and 100 % completes it; a project becomes Complete only when every task
is; a Complete project cannot be deleted; tasks get planned dates from the project's start (or,
with ``scheduleMode=C``, back from its completion), their predecessors and constraints; the
project's percent complete and end date roll up from its tasks.

Creating a document can create others, so those helpers live here too: a task's number and WBS,
its primary assignment, its predecessors from ``predecessorExpression``, and a template's tasks
copied into a new project (``POST /project`` with ``templateID``, or ``attachTemplate``).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from mcc.sandbox.workfront import dates, schedule
from mcc.sandbox.workfront.errors import STATUS_VIOLATION_CLASS, invalid
from mcc.sandbox.workfront.objects import STATUSES, TYPES, ObjType, words
from mcc.sandbox.workfront.query import coerce, unsupported_field
from mcc.sandbox.workfront.store import Doc
from mcc.sandbox.workfront.tenant import CUSTOMER_ID, GROUP_ID, Tenant, Unit, new_id

_SCHEDULING = frozenset(
    words(
        "duration durationUnit taskConstraint constraintDate predecessors predecessorExpression "
        "plannedStartDate plannedCompletionDate"
    )
)


def derive(doc: Doc, now: datetime) -> Doc:
    """Add the fields Workfront computes on read (projected dates, ``progressStatus``)."""
    if doc.get("objCode") not in ("PROJ", "TASK", "OPTASK"):
        return doc
    out = dict(doc)
    out["projectedStartDate"] = doc.get("plannedStartDate")
    out["projectedCompletionDate"] = doc.get("plannedCompletionDate")
    done = str(doc.get("status") or "").split(":")[0] in ("CPL", "CPA", "CPI", "CLS", "DED")
    due = doc.get("plannedCompletionDate")
    late = not done and due is not None and dates.from_internal(due) < now
    out["progressStatus"] = "LT" if late else "ON"
    return out


def base_status(value: Any) -> str:
    """``CPL:A`` → ``CPL`` (the pending-approval suffix, reference §4)."""
    return str(value or "").split(":")[0]


def _assign(
    svc: Tenant, otype: ObjType, doc: Doc, updates: dict[str, Any], unit: Unit
) -> tuple[set[str], dict[str, list[Any]]]:
    """Apply client updates to ``doc``; returns changed native names and collection writes."""
    changed: set[str] = set()
    collections: dict[str, list[Any]] = {}
    custom = dict(doc.get("parameterValues") or {})
    for key, raw in updates.items():
        if key in ("ID", "objCode"):
            continue
        if key.startswith("DE:") and otype.custom_fields:
            custom[key] = raw
        elif key == "parameterValues" and otype.custom_fields:
            values = json.loads(raw) if isinstance(raw, str) else raw
            if not isinstance(values, dict):
                raise invalid("parameterValues must be an object")
            custom.update(values)
        elif key in otype.collections:
            members = json.loads(raw) if isinstance(raw, str) else raw
            if not isinstance(members, list) or not all(isinstance(m, dict) for m in members):
                raise invalid(f"{key} must be a list of objects")
            collections[key] = members
        elif key in otype.fields:
            fdef = otype.fields[key]
            if not fdef.editable:
                raise invalid(f"Field {key} of {otype.label} is not editable")
            doc[key] = coerce(fdef, raw, svc.zone, unit.now)
            changed.add(key)
        else:
            raise unsupported_field(unit.version, key, otype)
    if otype.custom_fields:
        doc["parameterValues"] = {k: v for k, v in custom.items() if v not in (None, "")}
    for ref in otype.references.values():
        target_id = doc.get(ref.fk)
        checked = ref.fk in changed and target_id is not None
        if checked and svc.store.get(ref.target, str(target_id)) is None:
            raise invalid(f"Invalid {ref.fk}: no {ref.target} with ID {target_id}")
    statuses = STATUSES.get(otype.code)
    if statuses is not None and "status" in changed and base_status(doc["status"]) not in statuses:
        raise invalid(f"Invalid status {doc['status']!r} for {otype.label}")
    return changed, collections


def _common(svc: Tenant, otype: ObjType, unit: Unit) -> Doc:
    stamp = dates.to_internal(unit.now)
    doc: Doc = dict.fromkeys(otype.fields)
    doc.update(
        ID=new_id(),
        objCode=otype.code,
        entryDate=stamp,
        enteredByID=unit.user_id,
        customerID=CUSTOMER_ID,
        accessorIDs=[unit.user_id] if unit.user_id else [],
        parameterValues={},
    )
    if "referenceNumber" in otype.fields:
        doc["referenceNumber"] = svc.store.next_value("referenceNumber")
    return doc


def _type_defaults(svc: Tenant, otype: ObjType, doc: Doc, unit: Unit) -> None:
    stamp = dates.to_internal(unit.now)
    if otype.code in ("PROJ", "TASK", "OPTASK"):
        doc.update(priority=0, percentComplete=0.0, condition="ON", conditionType="PM")
        doc["status"] = "CUR" if otype.code == "PROJ" else "NEW"
    if otype.code == "PROJ":
        doc.update(groupID=GROUP_ID, scheduleMode="S", ownerID=unit.user_id)
        doc.update(plannedStartDate=stamp, plannedCompletionDate=stamp)
    if otype.code in ("TASK", "TTSK"):
        doc.update(duration=1.0, durationUnit="D", durationType="A", isCritical=False)
    if otype.code == "USER":
        doc["isActive"] = True


def new_document(
    svc: Tenant,
    otype: ObjType,
    updates: dict[str, Any],
    unit: Unit,
    *,
    obj_id: str | None = None,
) -> Doc:
    """Create and store one object; returns the stored document.

    ``obj_id`` lets seed data use stable IDs; clients can never choose an ID.
    """
    doc = _common(svc, otype, unit)
    if obj_id is not None:
        doc["ID"] = obj_id
    _type_defaults(svc, otype, doc, unit)
    explicit, collections = _assign(svc, otype, doc, updates, unit)
    missing = [name for name in otype.required if doc.get(name) in (None, "")]
    if otype.code == "USER" and not doc.get("name"):
        doc["name"] = f"{doc.get('firstName') or ''} {doc.get('lastName') or ''}".strip()
        missing = [name for name in missing if name != "name" or not doc["name"]]
    if missing:
        raise invalid(f"{otype.label} requires field {missing[0]}")
    if (
        otype.code == "PROJ"
        and "plannedCompletionDate" in explicit
        and ("plannedStartDate" not in explicit)
    ):
        doc["plannedStartDate"] = doc["plannedCompletionDate"]
    if otype.code == "TASK":
        number_task(svc, doc)
    if otype.code == "TTSK":
        doc["taskNumber"] = svc.store.next_value(f"taskNumber:{doc['templateID']}")
    _status_rules(svc, otype, doc, explicit, unit)
    svc.save(doc)
    _write_collections(svc, otype, doc, collections, unit)
    if otype.code == "PROJ" and doc.get("templateID"):
        instantiate_template(svc, doc, doc["templateID"], unit)
    if otype.code == "TASK":
        sync_primary_assignment(svc, doc, unit)
        schedule_task(svc, doc, explicit)
        rollup(svc, doc["projectID"])
    return doc


def apply_update(
    svc: Tenant, otype: ObjType, doc: Doc, updates: dict[str, Any], unit: Unit
) -> None:
    """Apply a sparse update to a stored document, with the same rules as creation."""
    old_project = doc.get("projectID")
    changed, collections = _assign(svc, otype, doc, updates, unit)
    _status_rules(svc, otype, doc, changed, unit)
    svc.save(doc)
    _write_collections(svc, otype, doc, collections, unit)
    if otype.code == "TASK":
        if "assignedToID" in changed:
            sync_primary_assignment(svc, doc, unit)
        if (changed | set(collections)) & _SCHEDULING:
            schedule_task(svc, doc, changed)
        rollup(svc, doc["projectID"])
        if old_project and old_project != doc["projectID"]:
            rollup(svc, old_project)


def _status_rules(svc: Tenant, otype: ObjType, doc: Doc, changed: set[str], unit: Unit) -> None:
    stamp = dates.to_internal(unit.now)
    percent = doc.get("percentComplete")
    if percent is not None and not 0 <= float(percent) <= 100:
        raise invalid("percentComplete must be between 0 and 100")
    if otype.code == "TASK":
        status = base_status(doc["status"])
        if "status" not in changed and "percentComplete" in changed and percent is not None:
            if float(percent) >= 100:
                doc["status"] = status = "CPL"
            elif float(percent) > 0 and status in ("NEW", "CPL"):
                doc["status"] = status = "INP"
        if status in ("INP", "CPL", "CPA", "CPI"):
            doc["actualStartDate"] = doc.get("actualStartDate") or stamp
        if status in ("CPL", "CPA", "CPI"):
            doc["percentComplete"] = 100.0
            doc["actualCompletionDate"] = doc.get("actualCompletionDate") or stamp
        elif "status" in changed:
            doc["actualCompletionDate"] = None
            if doc.get("percentComplete") == 100.0 and "percentComplete" not in changed:
                doc["percentComplete"] = 0.0 if status == "NEW" else 50.0
    if otype.code == "PROJ" and "status" in changed:
        status = base_status(doc["status"])
        if status == "CPL":
            open_tasks = [
                t["name"]
                for t in svc.store.list_objects("TASK")
                if t.get("projectID") == doc["ID"] and base_status(t.get("status")) != "CPL"
            ]
            if open_tasks:
                raise invalid(
                    f"Project {doc['name']!r} cannot be Complete while {len(open_tasks)} "
                    f"task(s) are not complete (first: {open_tasks[0]!r})",
                    STATUS_VIOLATION_CLASS,
                )
            doc["percentComplete"] = 100.0
            doc["actualCompletionDate"] = doc.get("actualCompletionDate") or stamp
        if status == "CUR":
            doc["actualStartDate"] = doc.get("actualStartDate") or stamp


def _write_collections(
    svc: Tenant, otype: ObjType, doc: Doc, collections: dict[str, list[Any]], unit: Unit
) -> None:
    """Collections in an update replace the whole collection (reference §2)."""
    for name, members in collections.items():
        collection = otype.collections[name]
        if collection.fk is None:  # inline (template-task predecessors/assignments)
            code = collection.target
            doc[name] = [{"objCode": code, **m} for m in members]
            svc.save(doc, touch=False)
            continue
        for child in svc.store.list_objects(collection.target):
            if child.get(collection.fk) == doc["ID"]:
                svc.remove(child)
        for member in members:
            values = dict(member)
            values[collection.fk] = doc["ID"]
            if collection.target == "ASSGN":
                values.setdefault("projectID", doc.get("projectID"))
            new_document(svc, TYPES[collection.target], values, unit)
        if otype.code == "TASK" and name == "assignments":
            primary_from_assignments(svc, doc)


def schedule_task(svc: Tenant, task: Doc, explicit: set[str]) -> None:
    """Give a task planned dates: explicit ones win, else predecessors/constraints/project."""
    length = schedule.duration(task.get("duration"), task.get("durationUnit"))
    start_given = "plannedStartDate" in explicit and task.get("plannedStartDate")
    end_given = "plannedCompletionDate" in explicit and task.get("plannedCompletionDate")
    if start_given or end_given:
        if start_given and not end_given:
            start = dates.from_internal(task["plannedStartDate"])
            task["plannedCompletionDate"] = dates.to_internal(start + length)
        elif end_given and not start_given:
            end = dates.from_internal(task["plannedCompletionDate"])
            task["plannedStartDate"] = dates.to_internal(end - length)
        svc.save(task, touch=False)
        return
    project = svc.store.get("PROJ", task["projectID"])
    assert project is not None
    if task.get("predecessorExpression"):
        links_from_expression(svc, task)
    links, known = [], {}
    for pred in svc.store.list_objects("PRED"):
        if pred.get("successorID") != task["ID"]:
            continue
        other = svc.store.get("TASK", pred["predecessorID"])
        if other and other.get("plannedStartDate") and other.get("plannedCompletionDate"):
            kind = str(pred.get("predecessorType") or "fs")
            links.append(schedule.Link(other["ID"], kind, float(pred.get("lagDays") or 0)))
            known[other["ID"]] = (
                dates.from_internal(other["plannedStartDate"]),
                dates.from_internal(other["plannedCompletionDate"]),
            )
    mode = str(project.get("scheduleMode") or "S").upper()
    anchor_field = "plannedCompletionDate" if mode == "C" and not links else "plannedStartDate"
    anchor = dates.from_internal(project[anchor_field] or dates.to_internal(svc.now()))
    constraint_date = task.get("constraintDate")
    item = schedule.Item(
        task["ID"],
        length,
        links,
        task.get("taskConstraint"),
        dates.from_internal(constraint_date) if constraint_date else None,
    )
    planned = schedule.plan([item], anchor=anchor, mode=mode if not links else "S", known=known)
    start, end = planned[task["ID"]]
    task.update(
        plannedStartDate=dates.to_internal(start), plannedCompletionDate=dates.to_internal(end)
    )
    svc.save(task, touch=False)


def rollup(svc: Tenant, project_id: str) -> None:
    """Recompute a project's percent complete and planned span from its tasks."""
    project = svc.store.get("PROJ", project_id)
    tasks = [t for t in svc.store.list_objects("TASK") if t.get("projectID") == project_id]
    if project is None or not tasks:
        return
    before = dict(project)
    percents = [float(t.get("percentComplete") or 0) for t in tasks]
    project["percentComplete"] = round(sum(percents) / len(percents), 2)
    starts = [t["plannedStartDate"] for t in tasks if t.get("plannedStartDate")]
    ends = [t["plannedCompletionDate"] for t in tasks if t.get("plannedCompletionDate")]
    if str(project.get("scheduleMode") or "S").upper() == "C":
        if starts:
            project["plannedStartDate"] = min(starts, key=dates.from_internal)
    elif ends:
        latest = max(ends, key=dates.from_internal)
        start = project.get("plannedStartDate")
        keep_start = start and dates.from_internal(start) > dates.from_internal(latest)
        project["plannedCompletionDate"] = start if keep_start else latest
    if project != before:
        svc.save(project, touch=False)


def delete_document(svc: Tenant, otype: ObjType, doc: Doc) -> None:
    """Delete an object and what depends on it."""
    if otype.code == "PROJ":
        if base_status(doc.get("status")) == "CPL":
            raise invalid(
                "A project with status Complete cannot be deleted", STATUS_VIOLATION_CLASS
            )
        for task in svc.store.list_objects("TASK"):
            if task.get("projectID") == doc["ID"] and svc.store.get("TASK", task["ID"]):
                delete_document(svc, TYPES["TASK"], task)
    elif otype.code == "TASK":
        for child in svc.store.list_objects("TASK"):
            if child.get("parentID") == doc["ID"]:
                delete_document(svc, otype, child)
        for assignment in svc.store.list_objects("ASSGN"):
            if assignment.get("taskID") == doc["ID"]:
                svc.remove(assignment)
        for pred in svc.store.list_objects("PRED"):
            if doc["ID"] in (pred.get("successorID"), pred.get("predecessorID")):
                svc.remove(pred)
    elif otype.code == "TMPL":
        for ttsk in svc.store.list_objects("TTSK"):
            if ttsk.get("templateID") == doc["ID"]:
                svc.remove(ttsk)
    svc.remove(doc)
    if otype.code == "TASK" and doc.get("projectID"):
        rollup(svc, doc["projectID"])


def number_task(svc: Tenant, task: Doc) -> None:
    """Give a new task its ``taskNumber`` in the project and its ``wbs`` outline number."""
    task["taskNumber"] = svc.store.next_value(f"taskNumber:{task['projectID']}")
    parent = svc.store.get("TASK", task["parentID"]) if task.get("parentID") else None
    if parent is None:
        task["wbs"] = str(task["taskNumber"])
    else:
        siblings = [t for t in svc.store.list_objects("TASK") if t.get("parentID") == parent["ID"]]
        task["wbs"] = f"{parent['wbs']}.{len(siblings) + 1}"


def sync_primary_assignment(svc: Tenant, task: Doc, unit: Unit) -> None:
    """``assignedToID`` on a task implies an assignment of that user (and vice versa)."""
    user_id = task.get("assignedToID")
    assignments = [a for a in svc.store.list_objects("ASSGN") if a.get("taskID") == task["ID"]]
    if user_id and not any(a.get("assignedToID") == user_id for a in assignments):
        new_document(
            svc,
            TYPES["ASSGN"],
            {
                "taskID": task["ID"],
                "projectID": task["projectID"],
                "assignedToID": user_id,
                "assignmentPercent": 100.0,
                "isPrimary": not assignments,
            },
            unit,
        )


def primary_from_assignments(svc: Tenant, task: Doc) -> None:
    """After an assignment change, ``assignedToID`` is the first assigned user (or None)."""
    users = [
        a["assignedToID"]
        for a in svc.store.list_objects("ASSGN")
        if a.get("taskID") == task["ID"] and a.get("assignedToID")
    ]
    if task.get("assignedToID") != (users[0] if users else None):
        task["assignedToID"] = users[0] if users else None
        svc.save(task, touch=False)


def links_from_expression(svc: Tenant, task: Doc) -> None:
    """Replace a task's predecessors with those of its ``predecessorExpression``."""
    by_number = {
        t["taskNumber"]: t
        for t in svc.store.list_objects("TASK")
        if t.get("projectID") == task["projectID"]
    }
    for pred in svc.store.list_objects("PRED"):
        if pred.get("successorID") == task["ID"]:
            svc.remove(pred)
    unit = svc.current()
    for number, kind, lag in schedule.parse_expression(str(task["predecessorExpression"])):
        other = by_number.get(number)
        if other is None or other["ID"] == task["ID"]:
            raise invalid(f"Invalid predecessor task number {number}")
        new_document(
            svc,
            TYPES["PRED"],
            {
                "predecessorID": other["ID"],
                "successorID": task["ID"],
                "predecessorType": kind,
                "lagDays": lag,
                "isEnforced": False,
            },
            unit,
        )


def instantiate_template(svc: Tenant, project: Doc, template_id: str, unit: Unit) -> None:
    """Copy a template's tasks into ``project`` and schedule them as one plan."""
    template = svc.store.get("TMPL", template_id)
    if template is None:
        raise invalid(f"Invalid templateID: no TMPL with ID {template_id}")
    ttsks = sorted(
        (t for t in svc.store.list_objects("TTSK") if t.get("templateID") == template_id),
        key=lambda t: t.get("taskNumber") or 0,
    )
    if not project.get("description") and template.get("description"):
        project["description"] = template["description"]
    project["templateID"] = template_id
    svc.save(project, touch=False)
    mapping: dict[str, Doc] = {}
    by_number = {t.get("taskNumber"): t["ID"] for t in ttsks}
    for ttsk in ttsks:
        values = {
            key: ttsk.get(key)
            for key in ("name", "description", "duration", "durationUnit", "priority", "roleID")
            if ttsk.get(key) is not None
        }
        values.update(projectID=project["ID"])
        task = new_document(svc, TYPES["TASK"], values, unit)
        task["templateTaskID"] = ttsk["ID"]
        task["parameterValues"] = dict(ttsk.get("parameterValues") or {})
        svc.save(task, touch=False)
        mapping[ttsk["ID"]] = task
    items = []
    for ttsk in ttsks:
        task = mapping[ttsk["ID"]]
        if ttsk.get("parentID") in mapping:
            task["parentID"] = mapping[ttsk["parentID"]]["ID"]
            svc.save(task, touch=False)
        links = list(ttsk.get("predecessors") or [])
        for number, kind, lag in schedule.parse_expression(ttsk.get("predecessorExpression") or ""):
            if number in by_number:
                links.append(
                    {"predecessorID": by_number[number], "predecessorType": kind, "lagDays": lag}
                )
        sched_links = []
        for link in links:
            source = mapping.get(str(link.get("predecessorID")))
            if source is None:
                continue
            kind = str(link.get("predecessorType") or "fs")
            lag = float(link.get("lagDays") or 0)
            new_document(
                svc,
                TYPES["PRED"],
                {
                    "predecessorID": source["ID"],
                    "successorID": task["ID"],
                    "predecessorType": kind,
                    "lagDays": lag,
                    "isEnforced": False,
                },
                unit,
            )
            sched_links.append(schedule.Link(source["ID"], kind, lag))
        for assignment in ttsk.get("assignments") or []:
            values = {
                k: assignment[k]
                for k in ("assignedToID", "roleID", "assignmentPercent")
                if assignment.get(k) is not None
            }
            new_document(
                svc,
                TYPES["ASSGN"],
                {**values, "taskID": task["ID"], "projectID": project["ID"]},
                unit,
            )
        primary_from_assignments(svc, task)
        length = schedule.duration(task.get("duration"), task.get("durationUnit"))
        items.append(schedule.Item(task["ID"], length, sched_links))
    mode = str(project.get("scheduleMode") or "S").upper()
    anchor_field = "plannedCompletionDate" if mode == "C" else "plannedStartDate"
    anchor = dates.from_internal(project[anchor_field])
    for task_id, (start, end) in schedule.plan(items, anchor=anchor, mode=mode).items():
        placed = svc.store.get("TASK", task_id)
        assert placed is not None
        placed.update(
            plannedStartDate=dates.to_internal(start), plannedCompletionDate=dates.to_internal(end)
        )
        svc.save(placed, touch=False)
    rollup(svc, project["ID"])
