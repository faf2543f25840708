"""Regressions found by a hostile sweep of the governance surfaces (issue 11): approvals, the
audit log, teams and roles, SSO and account protection.

Each test reproduces one finding or pins a surface the sweep attacked: what was sent, what went
wrong (or what a user must keep seeing), on both database backends where it touches the database.
"""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import func, select

from mcc.app import create_app
from mcc.auth.cookies import SESSION_COOKIE, AuthConfig
from mcc.auth.service import AuthService
from mcc.config import Settings
from mcc.db import Database
from mcc.models import AuditEntry, Campaign, OutboxMessage, User
from tests.approvals.conftest import People, seated
from tests.approvals.test_approvals import APPROVE, REJECT, create
from tests.auth.support import BASE_URL
from tests.support.graphql import error_codes

APPROVERS = ("manager", "director", "vp", "admin")


@pytest.fixture
async def crowd(fresh_db: Database, settings: Settings) -> AsyncIterator[People]:
    """On a database of its own: parallel requests each run their own transaction, which the
    shared rolled-back test connection cannot do."""
    async with seated(fresh_db, settings) as people:
        yield people


@pytest.fixture
async def crew(db: Database, settings: Settings) -> AsyncIterator[People]:
    async with seated(db, settings) as people:
        yield people


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


async def _status(db: Database, campaign_id: str) -> str:
    async with db.read() as session:
        campaign = await session.get(Campaign, uuid.UUID(campaign_id))
        assert campaign is not None
        return campaign.status


@pytest.mark.parametrize("mutation", [APPROVE, REJECT])
async def test_a_decision_comment_with_a_nul_is_refused_and_changes_nothing(
    crew: People, db: Database, mutation: str
) -> None:
    """Finding: `rejectCampaign(comment: "\\u0000")` rejected the campaign and stored the NUL
    on SQLite (PostgreSQL cannot store it: an INTERNAL error there), where every other text field
    refuses NUL with VALIDATION. Now the comment is checked like the rest."""
    campaign_id = await create(crew, "author", "500")
    body = await crew.gql("vp", mutation, id=campaign_id, c="fine\x00")
    assert error_codes(body) == ["VALIDATION"], body
    assert body["errors"][0]["extensions"]["fields"] == {
        "comment": "must not contain NUL characters"
    }
    assert await _status(db, campaign_id) == "PENDING_APPROVAL"


async def test_the_approvals_form_refuses_a_post_without_the_csrf_token(
    crew: People, db: Database, settings: Settings
) -> None:
    """Pinned: a browser session's form post to `/approvals/{id}/approve` without its CSRF token
    (a cross-site form) is a 403 and approves nothing; with the token, another team's VP gets a
    404 page and the campaign still waits; the team's VP approves."""
    campaign_id = await create(crew, "author", "500")
    app = create_app(settings, database=db)
    config: AuthConfig = app.state.auth

    async def signed_in(email: str) -> tuple[httpx.AsyncClient, str]:
        async with db.write() as session:
            user = await session.scalar(select(User).where(User.email == email))
            assert user is not None
            started = await AuthService(session).start_session(user, config.session_lifetime)
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE_URL)
        client.cookies.set(SESSION_COOKIE, config.signer.sign(started.token))
        return client, config.signer.csrf_token(started.token)

    path = f"/approvals/{campaign_id}/approve"
    vp, csrf = await signed_in("vp@mcc.test")
    other, other_csrf = await signed_in("other_vp@mcc.test")
    async with vp, other:
        forged = await vp.post(path, data={"comment": "forged"})
        assert forged.status_code == 403
        assert await _status(db, campaign_id) == "PENDING_APPROVAL"
        stranger = await other.post(path, data={"comment": "x", "csrf_token": other_csrf})
        assert stranger.status_code == 404
        assert await _status(db, campaign_id) == "PENDING_APPROVAL"
        approved = await vp.post(path, data={"comment": "go", "csrf_token": csrf})
        assert approved.status_code == 303
        assert await _status(db, campaign_id) == "PLANNING"
