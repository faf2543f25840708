"""Multi-object workflows a client asks for: copies and object actions.

Copies (``copySourceID``) duplicate a project with its tasks; actions (``attachTemplate``,
``assign``, ``unassign``, ``move``) answer ``{"result": ...}`` like a tenant does. Both go through
the per-type rules in ``rules.py`` (which also instantiate a template on ``POST /project`` with
``templateID``, reference §7, §10.7), so a copy obeys the same rules as a create.
"""

from __future__ import annotations

from typing import Any

from mcc.sandbox.workfront import rules
from mcc.sandbox.workfront.errors import STATUS_VIOLATION_CLASS, UNSUPPORTED_CLASS, invalid
from mcc.sandbox.workfront.objects import TYPES, ObjType
from mcc.sandbox.workfront.store import Doc
from mcc.sandbox.workfront.tenant import Tenant, Unit


def copy_object(
    svc: Tenant, otype: ObjType, source_id: str, updates: dict[str, Any], unit: Unit
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
    svc: Tenant,
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
        rules.instantiate_template(svc, doc, args["templateID"], unit)
        return doc["ID"]
    if otype.code == "TASK" and name == "assign":
        if args.get("objCode", "USER").upper() != "USER" or not args.get("objID"):
            raise invalid("assign requires objID of a USER")
        if svc.store.get("USER", args["objID"]) is None:
            raise invalid(f"Invalid objID: no USER with ID {args['objID']}")
        if not doc.get("assignedToID"):
            doc["assignedToID"] = args["objID"]
            svc.save(doc)
        rules.sync_primary_assignment(svc, {**doc, "assignedToID": args["objID"]}, unit)
        return doc["ID"]
    if otype.code == "TASK" and name == "unassign":
        for assignment in svc.store.list_objects("ASSGN"):
            if assignment.get("taskID") == doc["ID"] and (
                assignment.get("assignedToID") == args.get("userID")
            ):
                svc.remove(assignment)
        rules.primary_from_assignments(svc, doc)
        return doc["ID"]
    if otype.code == "TASK" and name == "move":
        if not args.get("projectID"):
            raise invalid("move requires projectID")
        rules.apply_update(svc, otype, doc, {"projectID": args["projectID"]}, unit)
        rules.number_task(svc, doc)
        svc.save(doc)
        return doc["ID"]
    raise invalid(f"Unknown action {name} for {otype.label}", UNSUPPORTED_CLASS)
