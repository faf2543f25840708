"""Users, workspaces, teams and custom fields (reference §5.1, §5.7)."""

from __future__ import annotations

from starlette.responses import Response

from mcc.sandbox.asana.errors import AsanaError, invalid
from mcc.sandbox.asana.http import Call, api
from mcc.sandbox.asana.service import require
from mcc.sandbox.asana.store import Doc

CUSTOM_FIELD_TYPES = ("text", "enum", "multi_enum", "number", "date", "people")
RESERVED_FIELD_NAMES = frozenset({"assignee", "due date", "name", "notes", "projects", "tags"})


def _user(call: Call, value: str) -> Doc:
    service = call.emu.service
    gid = call.user if value == "me" else value
    for user in service.store.all("user"):
        if gid in (user["gid"], user.get("email")):
            return user
    return service.get(gid, "user")  # raises 404


async def get_user(call: Call) -> Response:
    return call.one(_user(call, call.path["user_gid"]))


async def get_workspaces(call: Call) -> Response:
    return call.many(call.emu.store.all("workspace"))


async def get_workspace(call: Call) -> Response:
    return call.one(call.emu.service.get(call.path["workspace_gid"], "workspace"))


async def workspace_users(call: Call) -> Response:
    gid = call.emu.service.get(call.path["workspace_gid"], "workspace")["gid"]
    return call.many([u for u in call.emu.store.all("user") if gid in u.get("workspaces", [])])


async def workspace_teams(call: Call) -> Response:
    gid = call.emu.service.get(call.path["workspace_gid"], "workspace")["gid"]
    return call.many([t for t in call.emu.store.all("team") if t.get("organization") == gid])


async def get_team(call: Call) -> Response:
    return call.one(call.emu.service.get(call.path["team_gid"], "team"))


async def team_users(call: Call) -> Response:
    team = call.emu.service.get(call.path["team_gid"], "team")
    return call.many([u for u in call.emu.store.all("user") if u["gid"] in team["_members"]])


async def user_teams(call: Call) -> Response:
    user = _user(call, call.path["user_gid"])
    organization = call.query.get("organization")
    if not organization:
        raise AsanaError(400, "organization: Missing input")
    teams = call.emu.store.all("team")
    return call.many(
        [t for t in teams if t.get("organization") == organization and user["gid"] in t["_members"]]
    )


# -- custom fields -----------------------------------------------------------------------------


def _options(call: Call, raw: object) -> list[Doc]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise invalid("enum_options: Must be an array")
    found = []
    for item in raw:
        if not isinstance(item, dict) or not item.get("name"):
            raise AsanaError(400, "enum_options.name: Missing input")
        found.append(_option(call, item))
    return found


def _option(call: Call, item: Doc) -> Doc:
    return {"gid": call.emu.store.new_gid(), "resource_type": "enum_option",
            "name": str(item["name"]), "enabled": bool(item.get("enabled", True)),
            "color": str(item.get("color") or "none")}  # fmt: skip


async def create_custom_field(call: Call) -> Response:
    service = call.emu.service
    data = call.data
    workspace = service.resolve(require(data, "workspace"), "workspace", "workspace")
    subtype = data.get("resource_subtype") or data.get("type")
    if not subtype:
        raise AsanaError(400, "resource_subtype: Missing input")
    if subtype not in CUSTOM_FIELD_TYPES:
        raise invalid(f"resource_subtype: Not one of {', '.join(CUSTOM_FIELD_TYPES)}")
    name = str(require(data, "name")).strip()
    if name.lower() in RESERVED_FIELD_NAMES:
        raise invalid(f"name: {name!r} is the name of a built-in field")
    for other in call.emu.store.all("custom_field"):
        if other["_workspace"] == workspace["gid"] and other["name"].lower() == name.lower():
            raise invalid(f"name: A custom field named {name!r} already exists")
    with service.unit(call.user):
        field = service.create("custom_field", {
            "name": name, "resource_subtype": subtype, "type": subtype,
            "description": str(data.get("description") or ""),
            "enum_options": _options(call, data.get("enum_options")) if "enum" in subtype else [],
            "precision": int(data.get("precision") or 0), "is_global_to_workspace": True,
            "is_formula_field": False, "created_by": call.user, "_workspace": workspace["gid"],
        })  # fmt: skip
    return call.created(field)


async def get_custom_field(call: Call) -> Response:
    return call.one(call.emu.service.get(call.path["custom_field_gid"], "custom_field"))


async def workspace_custom_fields(call: Call) -> Response:
    gid = call.emu.service.get(call.path["workspace_gid"], "workspace")["gid"]
    return call.many([f for f in call.emu.store.all("custom_field") if f["_workspace"] == gid])


async def create_enum_option(call: Call) -> Response:
    service = call.emu.service
    with service.unit(call.user):
        field = service.get(call.path["custom_field_gid"], "custom_field")
        if "enum" not in field["resource_subtype"]:
            raise invalid("custom_field: Only enum fields have options")
        require(call.data, "name")
        if len(field["enum_options"]) >= 500:
            raise invalid("enum_options: A field has at most 500 options")
        option = _option(call, call.data)
        field["enum_options"].append(option)
        service.save(field)
    return _raw_created(call, option)


def _raw_created(call: Call, record: Doc) -> Response:
    from starlette.responses import JSONResponse

    return JSONResponse({"data": record}, status_code=201)


routes = [
    api("GET", "/users/{user_gid}", get_user),
    api("GET", "/users/{user_gid}/teams", user_teams),
    api("GET", "/workspaces", get_workspaces),
    api("GET", "/workspaces/{workspace_gid}", get_workspace),
    api("GET", "/workspaces/{workspace_gid}/users", workspace_users),
    api("GET", "/workspaces/{workspace_gid}/teams", workspace_teams),
    api("GET", "/workspaces/{workspace_gid}/custom_fields", workspace_custom_fields),
    api("GET", "/teams/{team_gid}", get_team),
    api("GET", "/teams/{team_gid}/users", team_users),
    api("POST", "/custom_fields", create_custom_field),
    api("GET", "/custom_fields/{custom_field_gid}", get_custom_field),
    api("POST", "/custom_fields/{custom_field_gid}/enum_options", create_enum_option),
]
