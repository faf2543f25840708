"""What a fresh emulator holds: users, roles, a custom form and campaign templates.

IDs are stable (derived from names) so a demo configuration can name them, and the admin's
credentials are fixed and public: this is a local emulator, never a place for real secrets.
The templates follow the playbook tiers (approval by VP, Director, Manager) with predecessor
chains, so a project created from one has scheduled tasks at once.
"""

from __future__ import annotations

import hashlib
from typing import Any

from mcc.sandbox.workfront.objects import TYPES
from mcc.sandbox.workfront.service import WorkfrontService
from mcc.sandbox.workfront.store import Doc

ADMIN_USERNAME = "admin@mcc.example"
ADMIN_PASSWORD = "workfront"  # noqa: S105 - documented demo credential of a local emulator

# (name, duration in days, predecessor expression) per template task.
TEMPLATES: dict[str, tuple[str, list[tuple[str, float, str]]]] = {
    "MCC Tier 1 Campaign": (
        "Flagship or $100K+ campaign: full creative, legal review, VP approval.",
        [
            ("Campaign brief and kickoff", 2, ""),
            ("Creative concept", 5, "1"),
            ("Copywriting", 4, "2"),
            ("Design production", 6, "2"),
            ("Legal and brand review", 3, "3,4"),
            ("VP approval", 1, "5"),
            ("Channel setup and QA", 3, "6"),
            ("Launch", 0, "7"),
        ],
    ),
    "MCC Tier 2 Campaign": (
        "$25K-$100K campaign: creative, review, Director approval.",
        [
            ("Campaign brief", 1, ""),
            ("Creative and copy", 4, "1"),
            ("Brand review", 2, "2"),
            ("Director approval", 1, "3"),
            ("Channel setup and QA", 2, "4"),
            ("Launch", 0, "5"),
        ],
    ),
    "MCC Tier 3 Campaign": (
        "Under $25K, single channel: build, Manager approval, launch.",
        [
            ("Campaign brief", 1, ""),
            ("Build assets", 3, "1"),
            ("Manager approval", 1, "2"),
            ("Launch", 0, "3"),
        ],
    ),
}
CUSTOM_FIELDS = ("MCC Campaign ID", "MCC Tier", "MCC Budget", "MCC Objective", "MCC Channels")


def stable_id(kind: str, name: str) -> str:
    """A 32-hex ID derived from a name, identical across runs and machines."""
    return hashlib.sha256(f"mcc-workfront-emulator:{kind}:{name}".encode()).hexdigest()[:32]


def admin_id() -> str:
    """The seeded administrator's ID."""
    return stable_id("USER", ADMIN_USERNAME)


def seed(service: WorkfrontService) -> None:
    """Populate an empty store; a store that has users is left as it is."""
    if service.store.list_objects("USER"):
        return
    users: list[tuple[str, str, str, bool]] = [
        (ADMIN_USERNAME, "Ada", "Admin", True),
        ("mia@mcc.example", "Mia", "Marketer", False),
        ("dan@mcc.example", "Dan", "Director", False),
    ]
    with service.unit(None):
        for username, first, last, is_admin in users:
            values: dict[str, Any] = {
                "firstName": first,
                "lastName": last,
                "emailAddr": username,
                "username": username,
            }
            user = service.create(TYPES["USER"], values, None, obj_id=stable_id("USER", username))
            stored: Doc | None = service.store.get("USER", user["ID"])
            assert stored is not None
            stored.update(_password=ADMIN_PASSWORD, _admin=is_admin)
            service.store.put(stored)
        admin = admin_id()
        for role in ("Marketing Manager", "Designer", "Copywriter"):
            service.create(TYPES["ROLE"], {"name": role}, admin, obj_id=stable_id("ROLE", role))
        form = stable_id("CTGY", "MCC Campaign")
        service.create(
            TYPES["CTGY"], {"name": "MCC Campaign", "catObjCode": "PROJ"}, admin, obj_id=form
        )
        for name in CUSTOM_FIELDS:
            service.create(
                TYPES["PARAM"],
                {"name": name, "displayName": name, "fieldType": "text"},
                admin,
                obj_id=stable_id("PARAM", name),
            )
        for name, (description, tasks) in TEMPLATES.items():
            template = service.create(
                TYPES["TMPL"],
                {"name": name, "description": description},
                admin,
                obj_id=stable_id("TMPL", name),
            )
            for task_name, days, expression in tasks:
                service.create(
                    TYPES["TTSK"],
                    {
                        "templateID": template["ID"],
                        "name": task_name,
                        "duration": days,
                        "durationUnit": "D",
                        "predecessorExpression": expression or None,
                    },
                    admin,
                )
