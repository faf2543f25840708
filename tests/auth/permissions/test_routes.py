"""Every route of the app, as each user of two teams (each role), an admin and a user of both
teams: who sees which campaign, who may change it, and who gets 403 or 404. 0 leaks.

`ROUTES` names a check for every route; a route added without one fails
`test_every_route_has_a_permission_check`, so a new door cannot skip this suite.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

from fastapi import FastAPI
from starlette.routing import Mount

from mcc.auth.schemas import Role
from mcc.campaigns.schemas import CampaignUpdate
from mcc.campaigns.service import CampaignService
from mcc.teams.scope import Scope
from mcc.web.live import campaign_events
from tests.auth.permissions import approvals, briefs, conflicts, portfolio
from tests.auth.permissions.world import Person, World

Check = Callable[[World, Person], Awaitable[None]]


def app_routes(app: FastAPI) -> Iterator[tuple[str, str]]:
    """(method, path) of every route, included routers flattened; WebSockets as "WS"."""

    def walk(routes: list[Any], prefix: str) -> Iterator[tuple[str, str]]:
        for route in routes:
            original = getattr(route, "original_router", None)
            if original is not None:  # FastAPI's included router
                yield from walk(original.routes, prefix + route.include_context.prefix)
            elif isinstance(route, Mount):
                yield "MOUNT", prefix + route.path
            elif getattr(route, "methods", None) is None:
                yield "WS", prefix + route.path
            else:
                for method in sorted(route.methods - {"HEAD"}):
                    yield method, prefix + route.path

    return walk(app.routes, "")


def _names_in(text: str, world: World) -> set[str]:
    return {team for team, name in world.names.items() if name in text}


def _ids_in(text: str, world: World) -> set[str]:
    return {team for team, campaign_id in world.campaigns.items() if str(campaign_id) in text}


# --- campaigns --------------------------------------------------------------------------------


async def api_get(world: World, person: Person) -> None:
    for team, campaign_id in world.campaigns.items():
        response = await world.call(person, "GET", f"/api/campaigns/{campaign_id}")
        if person.sees(team):
            assert response.status_code == 200, (person, team, response.text)
            assert response.json()["campaignId"] == str(campaign_id)
            assert response.json()["owner"] != ""
        else:
            assert response.status_code == 404, (person, team, response.text)
            assert world.names[team] not in response.text


async def api_list(world: World, person: Person) -> None:
    response = await world.call(person, "GET", "/api/campaigns", params={"limit": 100})
    assert response.status_code == 200
    assert _names_in(response.text, world) == world.visible(person), person


async def api_create(world: World, person: Person) -> None:
    """Editors create in their team (naming it when they have several); viewers may not."""
    body: dict[str, Any] = {"name": f"REST by {person.email}", "type": "email"}
    if person.teams:
        body["team"] = person.teams[-1]
    response = await world.call(person, "POST", "/api/campaigns", json=body)
    if not person.can_edit:
        assert response.status_code == 403, (person, response.text)
        return
    assert response.status_code == 201, (person, response.text)
    assert response.json()["owner"] == person.email
    owned = await world.call(person, "POST", "/api/campaigns", json={**body, "owner": "x@y.z"})
    assert owned.status_code == 422, (person, owned.text)
    # Sweep finding: a client's "provenance" was stored and shown as where a value came from.
    claimed = {**body, "provenance": {"budget": {"source": "cfo approved"}}}
    forged = await world.call(person, "POST", "/api/campaigns", json=claimed)
    assert forged.status_code == 422, (person, forged.text)


async def new_campaign_form(world: World, person: Person) -> None:
    response = await world.call(person, "GET", "/campaigns/new")
    assert response.status_code == (200 if person.can_edit else 403), (person, response.text)


async def new_campaign_create(world: World, person: Person) -> None:
    form = {"name": f"Form by {person.email}", "type": "email"}
    if person.teams:
        form["team"] = person.teams[-1]
    response = await world.call(person, "POST", "/campaigns/new", data=form)
    assert response.status_code == (303 if person.can_edit else 403), (person, response.text)


async def dashboard(world: World, person: Person, path: str) -> None:
    response = await world.call(person, "GET", path)
    assert response.status_code == 200
    assert _names_in(response.text, world) == world.visible(person), person
    shown = len(world.visible(person))
    live = await world.call(person, "GET", path, headers={"HX-Request": "true"})
    assert _names_in(live.text, world) == world.visible(person), person
    # The figures and charts count only what the user may see, too.
    assert f'<span class="stat-value" id="stat-total">{shown}</span>' in live.text, person
    assert f'<span class="muted">({shown})</span>' in live.text, person


async def campaign_page(world: World, person: Person) -> None:
    for team, campaign_id in world.campaigns.items():
        response = await world.call(person, "GET", f"/campaigns/{campaign_id}")
        if person.sees(team):
            assert response.status_code == 200, (person, team)
            assert (f"/campaigns/{campaign_id}/edit" in response.text) == person.can_edit, person
        else:
            assert response.status_code == 404, (person, team)
            assert world.names[team] not in response.text
    await portfolio.campaign_page_warnings(world, person)


async def campaign_edit(world: World, person: Person) -> None:
    for team, campaign_id in world.campaigns.items():
        response = await world.call(person, "GET", f"/campaigns/{campaign_id}/edit")
        expected = 404 if not person.sees(team) else 200 if person.can_edit else 403
        assert response.status_code == expected, (person, team, response.status_code)
        if expected != 200:
            assert "<form" not in response.text or world.names[team] not in response.text


async def campaign_save(world: World, person: Person) -> None:
    for team, campaign_id in world.campaigns.items():
        before = await world.campaign_row(team)
        form = {"description": f"edited by {person.email}", "expected_version": str(before[1])}
        response = await world.call(person, "POST", f"/campaigns/{campaign_id}", data=form)
        expected = 404 if not person.sees(team) else 303 if person.can_edit else 403
        assert response.status_code == expected, (person, team, response.status_code)
        after = await world.campaign_row(team)
        assert (after[1] > before[1]) == (expected == 303), (person, team)


async def event_stream(world: World, person: Person) -> None:
    """The SSE route's generator for this user: only its teams' changes come through (the same
    filter against a real `mcc serve` is in `test_live_server.py`)."""
    assert person.user is not None
    events = campaign_events(world.db, Scope.of(person.user))
    assert (await anext(events)).event == "ready"
    order = ["General", "Beta", "Alpha"]
    for team in order + order[::-1]:  # each visible campaign changes twice, others in between
        async with world.db.write() as session:
            await CampaignService(session).update(
                world.campaigns[team], CampaignUpdate(objective=f"{team} {uuid.uuid4()}")
            )
    seen: list[str] = []
    last = next(team for team in order if person.sees(team))  # its second change comes last
    while seen.count(last) < 2:
        event = await asyncio.wait_for(anext(events), timeout=10)
        campaign_id = json.loads(str(event.data))["campaignId"]
        seen += [team for team, cid in world.campaigns.items() if str(cid) == campaign_id]
    await events.aclose()
    assert set(seen) == world.visible(person), (person, seen)


# --- conversations (per user) -----------------------------------------------------------------


def _others(world: World, person: Person) -> list[Person]:
    index = world.people.index(person)
    return (
        [world.people[(index + 1) % len(world.people)], world.people[-1]]
        if (world.people[-1] is not person)
        else [world.people[0]]
    )


async def chat_page(world: World, person: Person) -> None:
    response = await world.call(person, "GET", "/chat")
    assert response.status_code == 200
    assert str(person.conversation_id) in response.text
    assert not any(str(o.conversation_id) in response.text for o in _others(world, person))


async def chat_conversation(world: World, person: Person, suffix: str) -> None:
    for owner in [person, *_others(world, person)]:
        path = f"/chat/{owner.conversation_id}{suffix.format(message=owner.message_id)}"
        response = await world.call(person, "GET", path)
        assert response.status_code == (200 if owner is person else 404), (person, owner, path)


async def chat_list(world: World, person: Person) -> None:
    """The sidebar lists the caller's own conversations, whichever one the path names."""
    for owner in [person, *_others(world, person)]:
        response = await world.call(person, "GET", f"/chat/{owner.conversation_id}/list")
        assert response.status_code == 200
        assert str(person.conversation_id) in response.text
        strangers = [o for o in world.people if o is not person and o is not owner]
        assert not any(str(o.conversation_id) in response.text for o in strangers)


async def chat_form(world: World, person: Person) -> None:
    for owner in _others(world, person):
        form = {"message": "list campaigns", "conversation_id": str(owner.conversation_id)}
        response = await world.call(person, "POST", "/chat/messages", data=form)
        assert response.status_code == 404, (person, owner)
    form = {"message": "list campaigns", "conversation_id": str(person.conversation_id)}
    response = await world.call(person, "POST", "/chat/messages", data=form)
    assert response.status_code == 303
    page = await world.call(person, "GET", response.headers["location"])
    assert _ids_in(page.text, world) == world.visible(person), person


async def chat_stream(world: World, person: Person) -> None:
    other = _others(world, person)[0]
    body = {"message": "list campaigns", "conversation_id": str(other.conversation_id)}
    refused = await world.call(person, "POST", "/api/chat/stream", json=body)
    assert refused.status_code == 404
    for team, name in world.names.items():
        asked = {"message": f"What is the status of {name}?"}
        response = await world.call(person, "POST", "/api/chat/stream", json=asked)
        assert response.status_code == 200
        found = str(world.campaigns[team]) in response.text
        assert found == person.sees(team), (person, team, response.text[-400:])


# --- knowledge, operations, public ------------------------------------------------------------


async def same_for_everyone(world: World, person: Person, path: str) -> None:
    """No campaign or user data: everyone signed in gets the same page."""
    response = await world.call(person, "GET", path)
    assert response.status_code < 500, response.text
    assert not _names_in(response.text, world)
    baseline = await world.call(world.people[0], "GET", path)
    assert response.status_code == baseline.status_code


async def admin_only(
    world: World, person: Person, method: str, path: str, admin_status: int, **kwargs: Any
) -> None:
    response = await world.call(person, method, path, **kwargs)
    expected = admin_status if person.is_admin else 403
    assert response.status_code == expected, (person, path, response.status_code, response.text)


async def report_readers(world: World, person: Person, path: str, media_type: str) -> None:
    """The pilot report (admins and viewers): never a campaign's name; the reader's own scope
    (an admin's the whole organisation, a viewer's their teams), kept by no shared cache."""
    response = await world.call(person, "GET", path)
    expected = 200 if person.role in (Role.ADMIN, Role.VIEWER) else 403
    assert response.status_code == expected, (person, path, response.status_code)
    if expected == 200:
        assert response.headers["content-type"].startswith(media_type)
        assert response.headers["cache-control"] == "private, no-store", path
        assert not _names_in(response.text, world), path
        if media_type == "text/html":
            teams = ", ".join(sorted(person.teams))
            scope = "Whole organisation" if person.is_admin else f"Teams: {teams}"
            if not person.is_admin and not teams:
                scope = "No team: your own answers only"
            assert f"<strong>{scope}</strong>" in response.text, (person, path)


async def public(world: World, person: Person, method: str, path: str) -> None:
    """Served to anyone (sign-in, probes, webhooks); never campaign data."""
    if method != "GET":
        return  # sign-in and webhooks carry no campaign data back; their own suites test them
    for caller in (None, person):
        response = await world.call(caller, method, path)
        assert not _names_in(response.text, world), path


async def signout(world: World, person: Person) -> None:
    response = await world.call(person, "POST", "/signout")
    assert response.status_code == 303  # a token has no session to end: it keeps working
    assert (await world.call(person, "GET", "/api/campaigns")).status_code == 200


async def graphql_door(world: World, person: Person) -> None:
    """The door only: each field is driven as each user in `test_graphql.py`."""
    body = await world.graphql(person, "{ listCampaigns(limit: 100) { items { name } } }")
    assert _names_in(json.dumps(body), world) == world.visible(person)


async def approvals_page(world: World, person: Person) -> None:
    await approvals.pending(world)
    response = await world.call(person, "GET", "/approvals")
    assert response.status_code == 200, response.text
    assert approvals.pending_in(response.text) == approvals.waiting_for(person), person
    assert not _names_in(response.text, world) - world.visible(person)


async def approvals_decide(world: World, person: Person) -> None:
    """A refused decision is the page with the reason and changes nothing."""
    statuses = {"NOT_FOUND": 404, "FORBIDDEN": 403}
    for team, campaign_id in (await approvals.pending(world)).items():
        expected = approvals.refusal(person, team)
        if expected is None:
            continue  # allowed decisions: tests/approvals
        for decision in ("approve", "reject"):
            path = f"/approvals/{campaign_id}/{decision}"
            response = await world.call(person, "POST", path, data={"comment": "no"})
            assert response.status_code == statuses[expected], (person, path, response.text)
            assert approvals.pending_name(team) not in response.text or approvals.may_decide(
                person, team
            )


async def rate_answer(world: World, person: Person) -> None:
    """Only answers of the caller's own conversations, recorded as the caller."""
    for owner in [*_others(world, person), person]:
        path = f"/chat/messages/{owner.answer_id}/rating"
        response = await world.call(person, "POST", path, data={"rating": "down"})
        assert response.status_code == (303 if owner is person else 404), (person, owner)
    assert await world.feedback_rows(person) == (1, 0)


async def survey_form(world: World, person: Person) -> None:
    answers = {"ease_of_use": "4", "response_quality": "5", "time_saved": "3",
               "overall_satisfaction": "4", "minutes_saved": "20"}  # fmt: skip
    response = await world.call(person, "POST", "/survey", data=answers)
    assert response.status_code == 200, response.text
    assert "are saved" in response.text
    assert (await world.feedback_rows(person))[1] == 1


NONE = uuid.UUID(int=7)
ROUTES: dict[tuple[str, str], Check] = {
    ("GET", "/api/campaigns"): api_list,
    ("GET", "/api/campaigns/{campaign_id}"): api_get,
    ("GET", "/"): lambda w, p: dashboard(w, p, "/"),
    ("GET", "/dashboard"): lambda w, p: dashboard(w, p, "/dashboard"),
    ("GET", "/campaigns/{campaign_id}"): campaign_page,
    ("GET", "/calendar"): portfolio.calendar_page,
    ("POST", "/campaigns/{campaign_id}/conflicts/{conflict_id}"): conflicts.resolve_conflict_form,
    ("GET", "/campaigns/{campaign_id}/edit"): campaign_edit,
    ("POST", "/campaigns/{campaign_id}"): campaign_save,
    ("GET", "/events/campaigns"): event_stream,
    ("GET", "/chat"): chat_page,
    ("GET", "/chat/{conversation_id}"): lambda w, p: chat_conversation(w, p, ""),
    ("GET", "/chat/{conversation_id}/list"): chat_list,
    ("GET", "/chat/{conversation_id}/messages/{message_id}"): (
        lambda w, p: chat_conversation(w, p, "/messages/{message}")
    ),
    ("POST", "/chat/messages"): chat_form,
    ("POST", "/api/chat/stream"): chat_stream,
    ("POST", "/api/chat/brief"): briefs.brief_api,
    ("POST", "/chat/brief"): briefs.brief_form,
    ("POST", "/chat/messages/{message_id}/rating"): rate_answer,
    ("GET", "/survey"): lambda w, p: same_for_everyone(w, p, "/survey"),
    ("POST", "/survey"): survey_form,
    ("GET", "/knowledge"): lambda w, p: same_for_everyone(w, p, "/knowledge"),
    ("GET", "/knowledge/documents/{key:path}"): (
        lambda w, p: same_for_everyone(w, p, "/knowledge/documents/playbooks/none.md")
    ),
    ("POST", "/knowledge/upload"): lambda w, p: admin_only(
        w, p, "POST", "/knowledge/upload", 415, files={"file": ("x.exe", b"MZ", "text/plain")}
    ),
    ("POST", "/knowledge/documents/{key:path}/remove"): (
        lambda w, p: admin_only(w, p, "POST", "/knowledge/documents/none.md/remove", 404)
    ),
    ("GET", "/reports"): lambda w, p: report_readers(w, p, "/reports", "text/html"),
    ("GET", "/reports/pilot.html"): (
        lambda w, p: report_readers(w, p, "/reports/pilot.html", "text/html")
    ),
    ("GET", "/reports/pilot.pdf"): (
        lambda w, p: report_readers(w, p, "/reports/pilot.pdf", "application/pdf")
    ),
    ("GET", "/admin/sync"): lambda w, p: admin_only(w, p, "GET", "/admin/sync", 200),
    ("GET", "/admin/playbooks"): lambda w, p: admin_only(w, p, "GET", "/admin/playbooks", 200),
    ("POST", "/admin/playbooks/{campaign_id}/apply"): (
        lambda w, p: admin_only(w, p, "POST", f"/admin/playbooks/{NONE}/apply", 404)
    ),
    ("POST", "/admin/playbooks/{campaign_id}/dismiss"): (
        lambda w, p: admin_only(w, p, "POST", f"/admin/playbooks/{NONE}/dismiss", 404)
    ),
    ("POST", "/admin/sync/outbox/{message_id}/retry"): (
        lambda w, p: admin_only(w, p, "POST", f"/admin/sync/outbox/{NONE}/retry", 404)
    ),
    ("POST", "/admin/sync/inbox/{event_id}/replay"): (
        lambda w, p: admin_only(w, p, "POST", f"/admin/sync/inbox/{NONE}/replay", 404)
    ),
    ("GET", "/signin"): lambda w, p: public(w, p, "GET", "/signin"),
    ("POST", "/signin"): lambda w, p: public(w, p, "POST", "/signin"),
    # SSO is not configured in this world: both answer without campaign data (test_sso_live.py
    # covers the configured flow).
    ("GET", "/signin/sso"): lambda w, p: public(w, p, "GET", "/signin/sso"),
    ("GET", "/signin/sso/callback"): lambda w, p: public(w, p, "GET", "/signin/sso/callback"),
    ("POST", "/signout"): signout,
    ("GET", "/healthz"): lambda w, p: public(w, p, "GET", "/healthz"),
    ("GET", "/readyz"): lambda w, p: public(w, p, "GET", "/readyz"),
    ("GET", "/metrics"): lambda w, p: public(w, p, "GET", "/metrics"),
    ("POST", "/webhooks/{source}"): lambda w, p: public(w, p, "POST", "/webhooks/workfront"),
    ("POST", "/webhooks/asana"): lambda w, p: public(w, p, "POST", "/webhooks/asana"),
    ("GET", "/openapi.json"): lambda w, p: same_for_everyone(w, p, "/openapi.json"),
    ("GET", "/graphql"): lambda w, p: same_for_everyone(w, p, "/graphql"),
    ("POST", "/graphql"): graphql_door,
    ("WS", "/graphql"): graphql_door,  # subscriptions: `test_graphql.py` and the live server
    ("MOUNT", "/static"): lambda w, p: public(w, p, "GET", "/static/app.css"),
    # Last: they add a waiting campaign per team, which the checks above do not expect.
    ("GET", "/approvals"): approvals_page,
    ("POST", "/approvals/{campaign_id}/{decision}"): approvals_decide,
    # After those: it adds campaigns (some waiting for approval) the checks above do not expect.
    ("POST", "/api/campaigns"): api_create,
    ("GET", "/campaigns/new"): new_campaign_form,
    ("POST", "/campaigns/new"): new_campaign_create,
}


async def test_every_route_has_a_permission_check(world: World) -> None:
    transport: Any = world.client._transport
    routes = set(app_routes(transport.app))
    missing = routes - set(ROUTES)
    assert not missing, f"routes without a permission check in ROUTES: {sorted(missing)}"
    assert not set(ROUTES) - routes, "ROUTES names routes the app no longer has"


async def test_each_user_sees_and_changes_only_what_their_role_and_teams_allow(
    world: World,
) -> None:
    for (method, path), check in ROUTES.items():
        for person in world.people:
            try:
                await check(world, person)
            except AssertionError as error:
                raise AssertionError(f"{method} {path} as {person}: {error}") from error
