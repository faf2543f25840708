"""Re-check on change: a changed policy lists the open campaigns it would change, to apply
(audited, synced) or dismiss (audited, not listed again), over the service, GraphQL and the CLI."""

from __future__ import annotations

import json
import uuid
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from mcc.audit.schemas import Actor, AuditSource
from mcc.campaigns.schemas import CampaignCreate, CampaignStatus, CampaignType, CampaignUpdate
from mcc.campaigns.service import UPDATE_PROJECT, CampaignService
from mcc.db import Database
from mcc.exceptions import ForbiddenError
from mcc.knowledge.service import KnowledgeService
from mcc.models import AuditEntry, OutboxMessage
from mcc.playbooks.recheck import RecheckService
from mcc.teams.scope import Scope
from tests.conftest import Backend
from tests.playbooks.conftest import changed_policy
from tests.test_cli import Mcc

ADMIN = Actor(AuditSource.API)


async def create(db: Database, name: str, budget: str, **fields: object) -> uuid.UUID:
    async with db.write() as session:
        data = CampaignCreate(name=name, type=CampaignType.EMAIL, budget=Decimal(budget), **fields)
        return (await CampaignService(session).create(data)).id


async def pending(db: Database) -> dict[str, list[tuple[str, str, str]]]:
    async with db.read() as session:
        found = await RecheckService(session, Scope.system(), ADMIN).pending()
    return {p.name: [(c.field, c.current, c.proposed) for c in p.changes] for p in found}


async def test_a_changed_threshold_lists_the_open_campaigns_it_changes(
    db: Database, kb: KnowledgeService
) -> None:
    moved = await create(db, "Moves down", "30000")
    await create(db, "Stays", "10000")
    await create(db, "Set by hand", "30000", tier=2)
    cancelled = await create(db, "Cancelled", "30000")
    async with db.write() as session:
        update = CampaignUpdate(status=CampaignStatus.CANCELLED)
        await CampaignService(session).update(cancelled, update)
    assert await pending(db) == {}

    await kb.ingest_upload("campaign-tiers.md", changed_policy(50000), None)

    listed = await pending(db)
    assert list(listed) == ["Moves down"]
    tier, approver = listed["Moves down"]
    assert tier[0:2] == ("tier", "Tier 2")
    assert "Tier 3" in tier[2]
    assert "Campaign Tier Definitions v2" in tier[2]
    assert approver == ("approver", "Marketing Director", "Marketing Manager")

    async with db.write() as session:
        await RecheckService(session, Scope.system(), ADMIN).apply(moved)
    assert await pending(db) == {}
    async with db.read() as session:
        campaign = await CampaignService(session).get(moved)
        entry = await session.scalar(
            select(AuditEntry).where(AuditEntry.action == "playbook_applied")
        )
        rows = await session.scalars(
            select(OutboxMessage).where(
                OutboxMessage.topic == UPDATE_PROJECT, OutboxMessage.aggregate_id == str(moved)
            )
        )
        pushed = [row.payload for row in rows]
    assert campaign.tier == 3
    assert "v2" in (campaign.tier_reason or "")
    assert entry is not None
    assert pushed == [{"changes": {"tier": 3}, "before": {}}]  # the tier alone


async def test_a_dismissed_proposal_is_not_listed_again_until_the_rules_change_again(
    db: Database, kb: KnowledgeService
) -> None:
    kept = await create(db, "Kept", "30000")
    await kb.ingest_upload("campaign-tiers.md", changed_policy(50000), None)
    async with db.write() as session:
        await RecheckService(session, Scope.system(), ADMIN).dismiss(kept)
    assert await pending(db) == {}
    async with db.read() as session:
        assert (await CampaignService(session).get(kept)).tier == 2
    await kb.ingest_upload("campaign-tiers.md", changed_policy(60000), None)
    assert list(await pending(db)) == ["Kept"]


async def test_only_admins_recheck(db: Database) -> None:
    async with db.read() as session:
        with pytest.raises(ForbiddenError):
            RecheckService(session, Scope(team_ids=frozenset(), can_edit=True), ADMIN)


async def test_recheck_over_graphql(
    db: Database, kb: KnowledgeService, client: httpx.AsyncClient
) -> None:
    moved = await create(db, "Moves down", "30000")
    await kb.ingest_upload("campaign-tiers.md", changed_policy(50000), None)
    query = "{ playbookRecheck { campaignId name changes { field current proposed } } }"
    body = (await client.post("/graphql", json={"query": query})).json()
    assert [item["campaignId"] for item in body["data"]["playbookRecheck"]] == [str(moved)]
    mutation = "mutation($id: ID!) { applyPlaybookRecheck(campaignId: $id) { name } }"
    body = (
        await client.post("/graphql", json={"query": mutation, "variables": {"id": str(moved)}})
    ).json()
    assert body["data"]["applyPlaybookRecheck"]["name"] == "Moves down"
    body = (
        await client.post("/graphql", json={"query": mutation, "variables": {"id": str(moved)}})
    ).json()
    assert body["errors"][0]["extensions"]["code"] == "CONFLICT"
    body = (
        await client.post("/graphql", json={"query": mutation, "variables": {"id": "nope"}})
    ).json()
    assert body["errors"][0]["extensions"]["code"] == "VALIDATION"


async def test_recheck_from_the_command_line(backend: Backend, tmp_path: Path) -> None:
    mcc = Mcc(await backend.new_database_url())
    mcc.env["MCC_EMBEDDER"] = "none"
    assert (await mcc("db", "upgrade")).exit_code == 0
    created = await mcc("campaigns", "create", "--name", "CLI promo", "--type", "email",
                        "--budget", "30000", "--json")  # fmt: skip
    campaign_id = json.loads(created.output)["campaignId"]
    policy = tmp_path / "campaign-tiers.md"
    policy.write_bytes(changed_policy(50000))
    result = await mcc("kb", "ingest", str(policy))
    assert result.exit_code == 0, result.output
    result = await mcc("playbooks", "recheck", "--json")
    assert [p["campaignId"] for p in json.loads(result.output)] == [campaign_id]
    result = await mcc("playbooks", "recheck", "--apply", campaign_id)
    assert result.exit_code == 0, result.output
    assert "Applied: CLI promo" in result.output
    result = await mcc("playbooks", "recheck")
    assert "No open campaign would change" in result.output


async def test_the_admin_page_lists_and_applies(
    db: Database, kb: KnowledgeService, client: httpx.AsyncClient
) -> None:
    moved = await create(db, "Moves down", "30000")
    await kb.ingest_upload("campaign-tiers.md", changed_policy(50000), None)
    page = await client.get("/admin/playbooks")
    assert page.status_code == 200
    assert "Moves down" in page.text
    assert "Marketing Director → Marketing Manager" in page.text
    applied = await client.post(f"/admin/playbooks/{moved}/apply", headers={"HX-Request": "true"})
    assert applied.status_code == 200, applied.text
    assert "Applied the playbooks to Moves down" in applied.text
    assert "No open campaign would change" in applied.text


async def test_a_changed_checklist_replans_open_campaigns_on_apply(
    db: Database, kb: KnowledgeService
) -> None:
    launch = date.today() + timedelta(days=120)
    planned = await create(db, "Planned", "10000", launch_date=launch)
    chat_like = await create(
        db, "From the chat", "30000", tier=2,
        tier_reason="Tier 2: budget $30,000 is $25,000 to under $100,000 — Campaign Tiers",
    )  # fmt: skip
    flagship_reason = "Tier 1: flagship or major launch (“flagship”)"
    flagship = await create(db, "Flagship", "30000", tier=1, tier_reason=flagship_reason)
    checklist = (
        "---\ntitle: Our Email Playbook\ncampaign_type: email\n---\n# Email\n\nHow we send.\n\n"
        "## Task Checklist\n\n| Task | Owner role | Starts (days before launch) | Duration |\n"
        "| --- | --- | --- | --- |\n| Write copy | Writer | 10 | 2 |\n| Send | Ops | 0 | 1 |\n"
    )
    await kb.ingest_upload("email.md", checklist.encode(), None)
    await kb.ingest_upload("campaign-tiers.md", changed_policy(50000), None)

    listed = await pending(db)
    assert set(listed) == {"Planned", "From the chat"}  # a flagship's tier is never re-derived
    assert [c[0] for c in listed["Planned"]] == ["plan"]
    assert "Our Email Playbook v2 › Task Checklist" in listed["Planned"][0][2]
    async with db.write() as session:
        await RecheckService(session, Scope.system(), ADMIN).apply(planned)
    async with db.read() as session:
        tasks = await CampaignService(session).repository.tasks_of(planned)
        message = await session.scalar(
            select(OutboxMessage)
            .where(OutboxMessage.aggregate_id == str(planned))
            .order_by(OutboxMessage.created_at.desc())
            .limit(1)
        )
        assert (await CampaignService(session).get(flagship)).tier == 1
        assert (await CampaignService(session).get(chat_like)).tier == 2
    assert [t.name for t in tasks] == ["Write copy", "Send"]
    assert message is not None
    assert [t["name"] for t in message.payload["tasks"]] == ["Write copy", "Send"]


async def test_an_applied_tier_replaces_the_reason_the_campaign_page_quotes(
    db: Database, kb: KnowledgeService, client: httpx.AsyncClient
) -> None:
    """Finding (newcomer run, the same flaw as an edited budget): the campaign page quotes the
    tier's stored reason as "tier policy: ..." next to "Why:"; after a re-check moved the tier,
    it still quoted the old policy's Tier 2 beside the new Tier 3."""
    old = "Tier 2: budget $30,000 is $25,000 to under $100,000 — Campaign Tier Definitions v1"
    provenance = {"tier": {"tier": 2, "reason": old, "approver": "Marketing Director"}}
    moved = await create(db, "Moves down", "30000", provenance=provenance)
    await kb.ingest_upload("campaign-tiers.md", changed_policy(50000), None)
    async with db.write() as session:
        await RecheckService(session, Scope.system(), ADMIN).apply(moved)

    page = (await client.get(f"/campaigns/{moved}")).text
    assert old not in page
    assert "tier policy: Tier 3" in page
