"""What a fresh emulator holds: one organization, its team, two people, two project templates.

The workspace is an *organization* (``is_organization: true``) as company Asana accounts are,
so projects need a team (reference §5.1-5.2), which is the case MCC must handle. The personal
access token belongs to the first user. Templates carry sections and tasks whose dates are
offsets from the project's start, so ``instantiateProject`` can shift them (§5.4).
"""

from __future__ import annotations

from mcc.sandbox.asana.service import AsanaService
from mcc.sandbox.asana.store import GID_BASE, Doc

WORKSPACE_NAME = "MCC Marketing"
TEAM_NAME = "Marketing"
ADMIN_EMAIL = "admin@mcc-asana.test"

_TEMPLATES: list[Doc] = [
    {
        "name": "Campaign launch",
        "description": "Plan, build, launch and review a marketing campaign.",
        "sections": [
            {"name": "Plan", "tasks": [["Brief and objectives", 0], ["Audience and budget", 3]]},
            {"name": "Build", "tasks": [["Creative", 10], ["Landing page", 14]]},
            {"name": "Launch", "tasks": [["Go live", 21]]},
            {"name": "Review", "tasks": [["Results report", 35]]},
        ],
    },
    {
        "name": "Webinar",
        "description": "Promote, run and follow up a webinar.",
        "sections": [
            {"name": "Promote", "tasks": [["Invitations", 0], ["Reminders", 7]]},
            {"name": "Run", "tasks": [["Rehearsal", 12], ["Live session", 14]]},
            {"name": "Follow up", "tasks": [["Recording and survey", 15]]},
        ],
    },
]


def _gid(number: int) -> str:
    """A seeded object's fixed gid: a demo's settings stay valid across resets."""
    return str(GID_BASE + number)


def seed(service: AsanaService) -> None:
    """Create the seeded objects unless the store already has a workspace (a restart)."""
    if service.store.all("workspace"):
        return
    with service.unit(None):
        admin = service.create("user", {"name": "Ada Admin", "email": ADMIN_EMAIL,
                                        "photo": None, "workspaces": []}, gid=_gid(1))  # fmt: skip
        planner = service.create(
            "user",
            {"name": "Riley Planner", "photo": None, "email": "riley@mcc-asana.test",
             "workspaces": []},
            gid=_gid(2),
        )  # fmt: skip
        workspace = service.create(
            "workspace",
            {"name": WORKSPACE_NAME, "is_organization": True, "email_domains": ["mcc-asana.test"]},
            gid=_gid(3),
        )
        for user in (admin, planner):
            user["workspaces"] = [workspace["gid"]]
            service.save(user)
        team = service.create(
            "team",
            {"name": TEAM_NAME, "organization": workspace["gid"], "description": "",
             "_members": [admin["gid"], planner["gid"]]},
            gid=_gid(4),
        )  # fmt: skip
        for number, template in enumerate(_TEMPLATES, start=10):
            service.create(
                "project_template",
                {
                    "name": template["name"],
                    "description": template["description"],
                    "html_description": f"<body>{template['description']}</body>",
                    "team": team["gid"],
                    "_workspace": workspace["gid"],
                    "owner": admin["gid"],
                    "public": True,
                    "color": "light-green",
                    "requested_dates": [
                        {"gid": "1", "name": "Start Date", "description": "First task starts"},
                        {"gid": "2", "name": "Due Date", "description": "The project is due"},
                    ],
                    "requested_roles": [],
                    "_blueprint": template["sections"],
                },
                gid=_gid(number),
            )


def info(service: AsanaService) -> Doc:
    """The seeded gids a demo or test needs (``/__emulator__/info``)."""
    store = service.store
    workspace = store.all("workspace")[0]
    team = store.all("team")[0]
    users = store.all("user")
    return {
        "workspace": workspace["gid"],
        "team": team["gid"],
        "user": users[0]["gid"],
        "users": {u["email"]: u["gid"] for u in users},
        "templates": {t["name"]: t["gid"] for t in store.all("project_template")},
    }
