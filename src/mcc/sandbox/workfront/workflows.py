"""Multi-object workflows: template instantiation, copies, assignments and actions.

``POST /project`` with ``templateID`` copies the template's tasks (with their predecessors and
assignments) into the new project and schedules them (reference §7, §10.7); ``attachTemplate``
does the same into an existing project. Copies (``copySourceID``) duplicate a project with its
tasks. Actions answer ``{"result": ...}`` like a tenant does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mcc.sandbox.workfront import dates, rules, schedule
from mcc.sandbox.workfront.errors import STATUS_VIOLATION_CLASS, UNSUPPORTED_CLASS, invalid
from mcc.sandbox.workfront.objects import TYPES, ObjType
from mcc.sandbox.workfront.store import Doc

if TYPE_CHECKING:
    from mcc.sandbox.workfront.service import Unit, WorkfrontService


def number_task(svc: WorkfrontService, task: Doc) -> None:
    """Give a new task its ``taskNumber`` in the project and its ``wbs`` outline number."""
    task["taskNumber"] = svc.store.next_value(f"taskNumber:{task['projectID']}")
    parent = svc.store.get("TASK", task["parentID"]) if task.get("parentID") else None
    if parent is None:
        task["wbs"] = str(task["taskNumber"])
    else:
        siblings = [t for t in svc.store.list_objects("TASK") if t.get("parentID") == parent["ID"]]
        task["wbs"] = f"{parent['wbs']}.{len(siblings) + 1}"


def sync_primary_assignment(svc: WorkfrontService, task: Doc, unit: Unit) -> None:
    """``assignedToID`` on a task implies an assignment of that user (and vice versa)."""
    user_id = task.get("assignedToID")
    assignments = [a for a in svc.store.list_objects("ASSGN") if a.get("taskID") == task["ID"]]
    if user_id and not any(a.get("assignedToID") == user_id for a in assignments):
        rules.new_document(
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


def primary_from_assignments(svc: WorkfrontService, task: Doc) -> None:
    """After an assignment change, ``assignedToID`` is the first assigned user (or None)."""
    users = [
        a["assignedToID"]
        for a in svc.store.list_objects("ASSGN")
        if a.get("taskID") == task["ID"] and a.get("assignedToID")
    ]
    if task.get("assignedToID") != (users[0] if users else None):
        task["assignedToID"] = users[0] if users else None
        svc.save(task, touch=False)


def links_from_expression(svc: WorkfrontService, task: Doc) -> None:
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
        rules.new_document(
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


def instantiate_template(svc: WorkfrontService, project: Doc, template_id: str, unit: Unit) -> None:
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
        task = rules.new_document(svc, TYPES["TASK"], values, unit)
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
            rules.new_document(
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
            rules.new_document(
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
    rules.rollup(svc, project["ID"])


def copy_object(
    svc: WorkfrontService, otype: ObjType, source_id: str, updates: dict[str, Any], unit: Unit
) -> Doc:
    """``POST /{obj}?copySourceID=…``: a new object from an existing one (projects with tasks)."""
    source = svc.store.get(otype.code, source_id)
    if source is None:
        raise invalid(f"Invalid copySourceID: no {otype.code} with ID {source_id}")
    if otype.code == "PROJ" and rules.base_status(source.get("status")) == "CPL":
        raise invalid("A Complete project cannot be copied", STATUS_VIOLATION_CLASS)
    values = {
        name: value
        for name, value in source.items()
        if name in otype.fields
        and otype.fields[name].editable
        and value is not None
        and name not in ("templateID", "extRefID", "actualStartDate", "actualCompletionDate")
    }
    values.update(updates)
    if otype.code == "TASK":
        values.pop("predecessorExpression", None)
        values.update(status="NEW", percentComplete=0.0)
    copy = rules.new_document(svc, otype, values, unit)
    if otype.code == "PROJ":
        tasks = [t for t in svc.store.list_objects("TASK") if t.get("projectID") == source_id]
        mapping: dict[str, str] = {}
        for task in tasks:
            fields = {
                n: task[n]
                for n in (
                    "name",
                    "description",
                    "duration",
                    "durationUnit",
                    "priority",
                    "plannedStartDate",
                    "plannedCompletionDate",
                    "assignedToID",
                    "parameterValues",
                )
                if task.get(n) is not None
            }
            made = rules.new_document(svc, TYPES["TASK"], {**fields, "projectID": copy["ID"]}, unit)
            mapping[task["ID"]] = made["ID"]
        for pred in svc.store.list_objects("PRED"):
            if pred.get("successorID") in mapping and pred.get("predecessorID") in mapping:
                rules.new_document(
                    svc,
                    TYPES["PRED"],
                    {
                        "predecessorID": mapping[pred["predecessorID"]],
                        "successorID": mapping[pred["successorID"]],
                        "predecessorType": pred.get("predecessorType"),
                        "lagDays": pred.get("lagDays"),
                    },
                    unit,
                )
    return copy


def run_action(
    svc: WorkfrontService,
    otype: ObjType,
    doc: Doc | None,
    name: str,
    args: dict[str, str],
    unit: Unit,
) -> Any:
    """Object actions (``PUT /{obj}/{ID}/{action}``); returns the ``result`` value."""
    if doc is None:
        raise invalid(f"Unknown action {name} for {otype.label}", UNSUPPORTED_CLASS)
    if otype.code == "PROJ" and name == "attachTemplate":
        if not args.get("templateID"):
            raise invalid("attachTemplate requires templateID")
        instantiate_template(svc, doc, args["templateID"], unit)
        return doc["ID"]
    if otype.code == "TASK" and name == "assign":
        if args.get("objCode", "USER").upper() != "USER" or not args.get("objID"):
            raise invalid("assign requires objID of a USER")
        if svc.store.get("USER", args["objID"]) is None:
            raise invalid(f"Invalid objID: no USER with ID {args['objID']}")
        if not doc.get("assignedToID"):
            doc["assignedToID"] = args["objID"]
            svc.save(doc)
        sync_primary_assignment(svc, {**doc, "assignedToID": args["objID"]}, unit)
        return doc["ID"]
    if otype.code == "TASK" and name == "unassign":
        for assignment in svc.store.list_objects("ASSGN"):
            if assignment.get("taskID") == doc["ID"] and (
                assignment.get("assignedToID") == args.get("userID")
            ):
                svc.remove(assignment)
        primary_from_assignments(svc, doc)
        return doc["ID"]
    if otype.code == "TASK" and name == "move":
        if not args.get("projectID"):
            raise invalid("move requires projectID")
        rules.apply_update(svc, otype, doc, {"projectID": args["projectID"]}, unit)
        number_task(svc, doc)
        svc.save(doc)
        return doc["ID"]
    raise invalid(f"Unknown action {name} for {otype.label}", UNSUPPORTED_CLASS)
