"""Every GraphQL query, mutation and subscription field, as each user of the permission world:
a campaign of another team is null or NOT_FOUND (never a hint it exists), a viewer's change is
FORBIDDEN and changes nothing, the owner and the team come from the caller. 0 leaks.

`FIELDS` names a check for every field of the schema; a field added without one fails
`test_every_graphql_field_has_a_permission_check`.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from mcc.campaigns.schemas import CampaignUpdate
from mcc.campaigns.service import CampaignService
from mcc.config import Settings
from mcc.graphql.context import Context
from mcc.graphql.schema import build_schema
from mcc.teams.repository import TeamRepository
from mcc.teams.service import DEFAULT_TEAM
from tests.auth.permissions import approvals, briefs, conflicts
from tests.auth.permissions.world import TEAMS, Person, World
from tests.support.live import eventually_async

Check = Callable[[World, Person], Awaitable[None]]


def _code(body: dict[str, Any]) -> str | None:
    errors = body.get("errors") or []
    return errors[0]["extensions"]["code"] if errors else None


def _names_in(body: dict[str, Any], world: World) -> set[str]:
    text = json.dumps(body.get("data"))
    return {team for team, name in world.names.items() if name in text}


async def get_campaign(world: World, person: Person) -> None:
    for team, campaign_id in world.campaigns.items():
        body = await world.graphql(
            person,
            "query($id: ID!) { getCampaign(id: $id) { name owner } }",
            {"id": campaign_id.hex},
        )
        found = body["data"]["getCampaign"]
        assert (found is not None) == person.sees(team), (person, team, body)
        if found is not None and team in TEAMS:
            assert found["owner"] == f"marketer-{team.lower()}@mcc.test", "its author owns it"


async def list_campaigns(world: World, person: Person) -> None:
    body = await world.graphql(person, "{ listCampaigns(limit: 100) { items { name } } }")
    assert _names_in(body, world) == world.visible(person), person
    searched = await world.graphql(person, '{ listCampaigns(search: "launch") { items { name } } }')
    assert _names_in(searched, world) == world.visible(person) - {DEFAULT_TEAM}


async def get_conversation(world: World, person: Person) -> None:
    query = "query($id: ID!) { getConversation(conversationId: $id) { conversationId } }"
    for owner in world.people:
        body = await world.graphql(person, query, {"id": str(owner.conversation_id)})
        assert (body["data"]["getConversation"] is not None) == (owner is person), (person, owner)


async def same_for_everyone(world: World, person: Person, query: str) -> None:
    body = await world.graphql(person, query)
    baseline = await world.graphql(world.people[0], query)
    assert body == baseline
    assert not _names_in(body, world)


CREATE = """mutation($input: CreateCampaignInput!) {
  createCampaign(input: $input) { campaignId owner }
}"""


async def _team_of(world: World, campaign_id: str) -> str:
    async with world.db.read() as session:
        campaign = await CampaignService(session).get(uuid.UUID(campaign_id))
        team = await TeamRepository(session).by_id(campaign.team_id) if campaign.team_id else None
        return team.name if team else ""


async def create_campaign(world: World, person: Person) -> None:
    base = {"name": f"New by {person.email}", "type": "email"}
    owned = await world.graphql(person, CREATE, {"input": {**base, "owner": "ceo@example.com"}})
    assert _code(owned) == "VALIDATION", owned  # the owner is never the client's to say
    if not person.can_edit:
        body = await world.graphql(person, CREATE, {"input": base})
        assert _code(body) == "FORBIDDEN", body
        return
    outsider = (
        next(team for team in TEAMS if team not in person.teams)
        if len(person.teams) < len(TEAMS)
        else None
    )
    if outsider is not None and not person.is_admin:
        body = await world.graphql(person, CREATE, {"input": {**base, "team": outsider}})
        assert _code(body) == "VALIDATION", body
    body = await world.graphql(person, CREATE, {"input": base})
    if len(person.teams) > 1:
        assert _code(body) == "VALIDATION", body  # in several teams: it must say which
        body = await world.graphql(person, CREATE, {"input": {**base, "team": person.teams[-1]}})
    assert _code(body) is None, body
    created = body["data"]["createCampaign"]
    assert created["owner"] == person.email
    expected_team = person.teams[-1] if person.teams else DEFAULT_TEAM
    assert await _team_of(world, created["campaignId"]) == expected_team


UPDATE = """mutation($id: ID!, $input: UpdateCampaignInput!) {
  updateCampaign(id: $id, input: $input) { version }
}"""


async def update_campaign(world: World, person: Person) -> None:
    for team, campaign_id in world.campaigns.items():
        before = await world.campaign_row(team)
        variables = {"id": str(campaign_id), "input": {"objective": f"by {person.email}"}}
        body = await world.graphql(person, UPDATE, variables)
        expected = (
            None
            if person.sees(team) and person.can_edit
            else ("FORBIDDEN" if person.sees(team) else "NOT_FOUND")
        )
        assert _code(body) == expected, (person, team, body)
        assert ((await world.campaign_row(team))[1] > before[1]) == (expected is None)
        if expected is not None:
            assert world.names[team] not in json.dumps(body)
    owner = {"id": str(world.campaigns[TEAMS[0]]), "input": {"owner": person.email}}
    assert _code(await world.graphql(person, UPDATE, owner)) == "VALIDATION"


SEND = """mutation($message: String!, $id: ID) {
  sendAgentMessage(message: $message, conversationId: $id) { content }
}"""


async def send_agent_message(world: World, person: Person) -> None:
    for team, name in world.names.items():
        body = await world.graphql(person, SEND, {"message": f"What is the status of {name}?"})
        content = body["data"]["sendAgentMessage"]["content"]
        assert (str(world.campaigns[team]) in content) == person.sees(team), (person, content)
    listed = await world.graphql(person, SEND, {"message": "list campaigns"})
    content = listed["data"]["sendAgentMessage"]["content"]
    shown = {team for team, cid in world.campaigns.items() if str(cid) in content}
    # Only the 10 most recent are listed (the ones `createCampaign` added may push some out).
    assert shown <= world.visible(person), (person, content)
    assert "**" in content, content
    other = next(o for o in world.people if o is not person)
    body = await world.graphql(person, SEND, {"message": "hi", "id": str(other.conversation_id)})
    assert _code(body) == "NOT_FOUND"


UPLOAD = """mutation($file: Upload!) { uploadKnowledgeDocument(file: $file) { added } }"""


async def upload_knowledge(world: World, person: Person) -> None:
    operations = {"query": UPLOAD, "variables": {"file": None}}
    response = await world.call(
        person, "POST", "/graphql",
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]})},
        files={"0": ("x.exe", b"MZ", "text/plain")},
    )  # fmt: skip
    code = _code(response.json())
    assert code == ("UNSUPPORTED_FORMAT" if person.is_admin else "FORBIDDEN"), (person, code)


async def on_campaign_updated(world: World, person: Person) -> None:
    """The subscription sends only the caller's teams' campaigns: invisible changes are made
    between two changes of a visible one, so a leak would arrive before the second."""
    settings: Settings = world.settings
    schema = build_schema(settings)
    query = "subscription { onCampaignUpdated { name } }"
    context = Context(world.db, settings, person.user)
    stream: Any = await schema.subscribe(query, context_value=context)
    first = asyncio.ensure_future(anext(stream))

    async def subscribed() -> bool:  # the resolver subscribes on its first step
        return world.db.events.subscriber_count > 0

    await eventually_async(subscribed, timeout=5, message="the subscription to start")
    order = [DEFAULT_TEAM, "Beta", "Alpha"]
    # One transaction: its events are published together on commit, so the resolver's reads
    # never overlap a write on the test's single connection.
    async with world.db.write() as session:
        # A change to another field each time: one transaction announces each (campaign,
        # fields) once, so the second round must change something else to be announced again.
        for team in order:
            await CampaignService(session).update(
                world.campaigns[team], CampaignUpdate(description=str(uuid.uuid4()))
            )
        for team in order[::-1]:
            await CampaignService(session).update(
                world.campaigns[team], CampaignUpdate(objective=str(uuid.uuid4()))
            )
    last = next(team for team in order if person.sees(team))
    seen: list[str] = []
    result = await asyncio.wait_for(first, timeout=10)
    while True:
        assert result.errors is None, result.errors
        name = result.data["onCampaignUpdated"]["name"]
        seen += [team for team, known in world.names.items() if known == name]
        if seen.count(last) == 2:
            break
        result = await asyncio.wait_for(anext(stream), timeout=10)
    await stream.aclose()
    assert set(seen) == world.visible(person), (person, seen)


async def pending_approvals(world: World, person: Person) -> None:
    await approvals.pending(world)
    body = await world.graphql(person, "{ pendingApprovals { campaign { name } } }")
    assert _code(body) is None, body
    assert approvals.pending_in(json.dumps(body)) == approvals.waiting_for(person), person


async def decide(world: World, person: Person, mutation: str) -> None:
    """Refused decisions change nothing; allowed ones are left to tests/approvals."""
    for team, campaign_id in (await approvals.pending(world)).items():
        expected = approvals.refusal(person, team)
        if expected is None:
            continue
        query = f'mutation($id: ID!) {{ {mutation}(id: $id, comment: "no") {{ status }} }}'
        body = await world.graphql(person, query, {"id": str(campaign_id)})
        assert _code(body) == expected, (person, team, body)
        assert approvals.pending_name(team) not in json.dumps(body)
    admin = world.person("admin@mcc.test")
    still = await world.graphql(admin, "{ pendingApprovals { campaign { campaignId } } }")
    waiting = {
        uuid.UUID(item["campaign"]["campaignId"]) for item in still["data"]["pendingApprovals"]
    }
    assert set((await approvals.pending(world)).values()) <= waiting, still


async def audit_log(world: World, person: Person) -> None:
    query = "query($id: ID) { auditLog(campaignId: $id, limit: 50) { action } }"
    for team, campaign_id in world.campaigns.items():
        body = await world.graphql(person, query, {"id": str(campaign_id)})
        assert _code(body) == (None if person.sees(team) else "NOT_FOUND"), (person, team, body)
    everything = await world.graphql(person, query)
    assert _code(everything) == (None if person.is_admin else "FORBIDDEN"), (person, everything)


async def rate_message(world: World, person: Person) -> None:
    """Only answers of the caller's own conversations, recorded as the caller."""
    query = "mutation($id: ID!) { rateMessage(messageId: $id, rating: UP) { messageId rating } }"
    for owner in world.people:
        body = await world.graphql(person, query, {"id": str(owner.answer_id)})
        if owner is person:
            assert body["data"]["rateMessage"]["rating"] == "UP", body
        else:
            assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND", (person, owner, body)
    assert await world.feedback_rows(person) == (1, 0)


async def submit_survey(world: World, person: Person) -> None:
    query = "mutation { submitSurvey(easeOfUse: 4, responseQuality: 4, timeSaved: 3, overallSatisfaction: 5) { week } }"  # noqa: E501
    body = await world.graphql(person, query)
    assert body["data"]["submitSurvey"]["week"], body
    assert (await world.feedback_rows(person))[1] == 1


async def exact_requests(world: World, person: Person) -> None:
    """A campaign's exact preview: for the campaigns the caller sees, NOT_FOUND otherwise."""
    query = "query($id: ID!) { campaignExactRequests(campaignId: $id) }"
    for team, campaign_id in world.campaigns.items():
        body = await world.graphql(person, query, {"id": str(campaign_id)})
        assert _code(body) == (None if person.sees(team) else "NOT_FOUND"), (person, team, body)


async def playbook_recheck(world: World, person: Person) -> None:
    """Admins only: the proposals span every team's campaigns."""
    body = await world.graphql(person, "{ playbookRecheck { campaignId } }")
    assert _code(body) == (None if person.is_admin else "FORBIDDEN"), (person, body)


async def playbook_decide(world: World, person: Person, mutation: str) -> None:
    """Admins only; an id that is no open campaign is NOT_FOUND for them."""
    query = f"mutation($id: ID!) {{ {mutation}(campaignId: $id) {{ name }} }}"
    body = await world.graphql(person, query, {"id": str(uuid.uuid4())})
    assert _code(body) == ("NOT_FOUND" if person.is_admin else "FORBIDDEN"), (person, body)


FIELDS: dict[tuple[str, str], Check] = {
    ("Query", "getCampaign"): get_campaign,
    ("Query", "listCampaigns"): list_campaigns,
    ("Query", "getConversation"): get_conversation,
    ("Query", "searchKnowledge"): lambda w, p: same_for_everyone(
        w, p, '{ searchKnowledge(query: "launch budget") { citation snippet } }'
    ),
    ("Query", "knowledgeDocuments"): lambda w, p: same_for_everyone(
        w, p, "{ knowledgeDocuments { key title } }"
    ),
    ("Mutation", "createCampaign"): create_campaign,
    ("Mutation", "updateCampaign"): update_campaign,
    ("Mutation", "sendAgentMessage"): send_agent_message,
    ("Mutation", "submitBrief"): briefs.submit_brief,
    ("Mutation", "uploadKnowledgeDocument"): upload_knowledge,
    ("Subscription", "onCampaignUpdated"): on_campaign_updated,
    ("Mutation", "rateMessage"): rate_message,
    ("Mutation", "submitSurvey"): submit_survey,
    ("Query", "playbookRecheck"): playbook_recheck,
    ("Query", "campaignExactRequests"): exact_requests,
    ("Mutation", "applyPlaybookRecheck"): lambda w, p: playbook_decide(
        w, p, "applyPlaybookRecheck"
    ),
    ("Mutation", "dismissPlaybookRecheck"): lambda w, p: playbook_decide(
        w, p, "dismissPlaybookRecheck"
    ),
    ("Query", "campaignConflicts"): conflicts.list_conflicts,
    ("Mutation", "resolveConflict"): conflicts.resolve_conflict,
    # Last: they add a waiting campaign per team, which the checks above do not expect.
    ("Query", "auditLog"): audit_log,
    ("Query", "pendingApprovals"): pending_approvals,
    ("Mutation", "approveCampaign"): lambda w, p: decide(w, p, "approveCampaign"),
    ("Mutation", "rejectCampaign"): lambda w, p: decide(w, p, "rejectCampaign"),
}


def schema_fields(settings: Settings) -> set[tuple[str, str]]:
    schema = build_schema(settings)._schema
    kinds = {
        "Query": schema.query_type,
        "Mutation": schema.mutation_type,
        "Subscription": schema.subscription_type,
    }
    return {(kind, name) for kind, root in kinds.items() if root for name in root.fields}


async def test_every_graphql_field_has_a_permission_check(world: World) -> None:
    fields = schema_fields(world.settings)
    missing = fields - set(FIELDS)
    assert not missing, f"GraphQL fields without a permission check in FIELDS: {sorted(missing)}"
    assert not set(FIELDS) - fields, "FIELDS names fields the schema no longer has"


async def test_each_user_gets_only_what_their_role_and_teams_allow_over_graphql(
    world: World,
) -> None:
    for (kind, name), check in FIELDS.items():
        for person in world.people:
            try:
                await check(world, person)
            except AssertionError as error:
                raise AssertionError(f"{kind}.{name} as {person}: {error}") from error
