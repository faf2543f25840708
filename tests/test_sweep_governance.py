"""Regressions found by a hostile sweep of the governance surfaces (issue 11): approvals, the
audit log, teams and roles, SSO and account protection.

Each test reproduces one finding or pins a surface the sweep attacked: what was sent, what went
wrong (or what a user must keep seeing), on both database backends where it touches the database.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import func, select

from mcc.app import create_app
from mcc.auth.service import AuthService
from mcc.config import Settings
from mcc.db import Database
from mcc.models import AuditEntry, OutboxMessage, Team, TeamMember
from tests.approvals.conftest import PEOPLE, People
from tests.approvals.test_approvals import APPROVE, REJECT, create
from tests.support.graphql import error_codes

APPROVERS = ("manager", "director", "vp", "admin")


@pytest.fixture
async def crowd(fresh_db: Database, settings: Settings) -> AsyncIterator[People]:
    """`tests/approvals`' two teams and roles on a database of its own: parallel requests each
    run their own transaction, which the shared rolled-back test connection cannot do."""
    tokens: dict[str, str] = {}
    async with fresh_db.write() as session:
        teams = {name: Team(name=name) for name in ("Brand", "Field")}
        session.add_all(teams.values())
        await session.flush()
        auth = AuthService(session)
        for name, role, team in PEOPLE:
            user = await auth.create_user(f"{name}@mcc.test", None, role=role, teams=[])
            if team is not None:
                session.add(TeamMember(team_id=teams[team].id, user_id=user.id))
            tokens[name] = await auth.create_api_token(user, "tests")
    app = create_app(settings, database=fresh_db)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://mcc.test") as client:
        yield People(client, tokens)


async def test_parallel_decisions_on_one_campaign_have_exactly_one_winner(
    crowd: People, fresh_db: Database
) -> None:
    """Finding (PostgreSQL): 100 parallel approve/reject calls on one campaign against a real
    `mcc serve` gave one winner, 92 CONFLICT and 7 INTERNAL errors: each decider read the
    campaign unlocked, and the losers failed the version check at commit (StaleDataError). Now
    the campaign row is locked while deciding: one winner, every other caller a CONFLICT, one
    decision in the audit log and one Workfront note."""
    people, db = crowd, fresh_db
    campaign_id = await create(people, "author", "500")  # Tier 3: every approver may decide

    async def decide(index: int) -> list[str]:
        who = APPROVERS[index % len(APPROVERS)]
        if index % 2:
            body = await people.gql(who, APPROVE, id=campaign_id, c=f"ok {index}")
        else:
            body = await people.gql(who, REJECT, id=campaign_id, c=f"no {index}")
        return error_codes(body) or ["OK"]

    outcomes = Counter(
        code for codes in await asyncio.gather(*(decide(i) for i in range(40))) for code in codes
    )
    assert outcomes["OK"] == 1, outcomes
    assert set(outcomes) == {"OK", "CONFLICT"}, outcomes
    async with db.read() as session:
        decisions = await session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action.in_(("approved", "rejected")))
        )
        notes = await session.scalar(
            select(func.count())
            .select_from(OutboxMessage)
            .where(OutboxMessage.topic == "workmgmt.add_note")
        )
    assert (decisions, notes) == (1, 1)
