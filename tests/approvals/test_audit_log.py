"""The audit log is append-only on both databases, and `mcc audit` prints it."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from mcc.audit import service as audit
from mcc.audit.schemas import Actor, AuditSource
from mcc.auth.schemas import Role
from mcc.auth.service import AuthService
from mcc.campaigns.schemas import CampaignCreate
from mcc.campaigns.service import CampaignService
from mcc.db import Database
from mcc.knowledge.service import KnowledgeIndex, KnowledgeService
from mcc.validation import parse
from tests.conftest import Backend
from tests.test_cli import Mcc


async def test_entries_cannot_be_changed_or_deleted(db: Database) -> None:
    async with db.write() as session:
        payload = parse(CampaignCreate, {"name": "Audited", "type": "email"}, what="campaign")
        campaign = await CampaignService(session, actor=Actor(AuditSource.CLI)).create(payload)
    async with db.read() as session:
        entries = await audit.history(session, campaign.id)
    assert [(e.actor, e.source, e.action) for e in entries] == [("cli", "cli", "created")]
    assert entries[0].changes["name"] == [None, "Audited"]
    for statement in ("UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"):
            async with db.write() as session:
                await session.execute(text(statement))
    async with db.read() as session:
        assert [e.actor for e in await audit.history(session, campaign.id)] == ["cli"]


async def test_mcc_audit_lists_a_campaigns_history(backend: Backend) -> None:
    mcc = Mcc(await backend.new_database_url())
    await mcc("db", "upgrade")
    created = await mcc("campaigns", "create", "--name", "CLI made", "--type", "email", "--json")
    campaign_id = json.loads(created.output)["campaignId"]
    result = await mcc("audit", "--campaign", campaign_id, "--json")
    assert result.exit_code == 0, result.output
    [entry] = json.loads(result.output)
    assert (entry["actor"], entry["source"], entry["action"]) == ("cli", "cli", "created")
    table = await mcc("audit")
    assert "created" in table.output
    assert "CLI made" in table.output
    bad = await mcc("audit", "--campaign", "nope")
    assert bad.exit_code == 1
    assert "UUID" in bad.output


async def test_account_token_and_knowledge_changes_are_recorded(db: Database) -> None:
    admin = Actor(AuditSource.UI, email="boss@mcc.test", role=Role.ADMIN)
    async with db.write() as session:
        auth = AuthService(session, Actor(AuditSource.CLI))
        user = await auth.create_user("new@mcc.test", None, role=Role.VIEWER)
        token = await auth.create_api_token(user, "dashboards")
        await auth.revoke_token(user, token[:12])
    kb = KnowledgeService(db, KnowledgeIndex(db, None))
    await kb.ingest_upload("tips.md", b"# Tips\n\nRehearse twice.", None, admin)
    await kb.remove("uploads/tips.md", admin)
    async with db.read() as session:
        entries = list(await audit.history(session, limit=10))[::-1]
    seen = [(e.actor, e.source, e.action, e.entity_id) for e in entries]
    assert seen == [
        ("cli", "cli", "user_created", "new@mcc.test"),
        ("cli", "cli", "token_created", "new@mcc.test"),
        ("cli", "cli", "token_revoked", "new@mcc.test"),
        ("boss@mcc.test", "ui", "knowledge_added", "uploads/tips.md"),
        ("boss@mcc.test", "ui", "knowledge_removed", "uploads/tips.md"),
    ]
    assert entries[0].changes == {"email": [None, "new@mcc.test"], "role": [None, "viewer"]}
    assert token not in str([e.changes for e in entries])  # only the public prefix is kept
