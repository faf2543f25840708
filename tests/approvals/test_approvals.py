"""Approvals as the people involved meet them, through GraphQL, on both databases: a campaign
waits for its tier's approver with its Workfront writes held; only a member of its team at that
level or above, never its author, decides; a change after approval asks again; every step is in
the audit log with its actor and door."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from mcc.db import Database
from mcc.models import OutboxMessage
from tests.approvals.conftest import People
from tests.support.graphql import error_codes

CREATE = """mutation($budget: Decimal!, $name: String!) {
  createCampaign(input: {name: $name, type: "event", budget: $budget, launchDate: "2031-06-01"})
  { campaignId status tier }
}"""
UPDATE = """mutation($id: ID!, $budget: Decimal, $status: String) {
  updateCampaign(id: $id, input: {budget: $budget, status: $status}) { status tier }
}"""
APPROVE = "mutation($id: ID!, $c: String) { approveCampaign(id: $id, comment: $c) { status } }"
REJECT = "mutation($id: ID!, $c: String!) { rejectCampaign(id: $id, comment: $c) { status } }"
PENDING = "{ pendingApprovals { campaign { campaignId } requiredRole approverTitle reason } }"
AUDIT = """query($id: ID, $limit: Int) {
  auditLog(campaignId: $id, limit: $limit) { actor source action changes comment }
}"""


async def create(people: People, who: str, budget: str, name: str = "Summit") -> str:
    body = await people.gql(who, CREATE, budget=budget, name=name)
    assert "errors" not in body, body
    campaign_id: str = body["data"]["createCampaign"]["campaignId"]
    return campaign_id


async def outbox(db: Database, campaign_id: str) -> list[tuple[str, str]]:
    async with db.read() as session:
        rows = await session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.aggregate_id == campaign_id)
            .order_by(OutboxMessage.created_at)
        )
        return [(row.topic, row.status) for row in rows]


async def waiting_ids(people: People, who: str) -> list[str]:
    body = await people.gql(who, PENDING)
    return [item["campaign"]["campaignId"] for item in body["data"]["pendingApprovals"]]


async def history(people: People, campaign_id: str) -> list[dict[str, Any]]:
    body = await people.gql("admin", AUDIT, id=campaign_id)
    entries: list[dict[str, Any]] = body["data"]["auditLog"]
    return entries[::-1]  # oldest first


async def test_a_tier_1_campaign_waits_for_a_vp_of_its_team(people: People, db: Database) -> None:
    body = await people.gql("author", CREATE, budget="150000", name="Flagship Summit")
    created = body["data"]["createCampaign"]
    assert (created["tier"], created["status"]) == (1, "PENDING_APPROVAL")
    campaign_id = created["campaignId"]
    assert await outbox(db, campaign_id) == [("workmgmt.create_project", "held")]

    assert campaign_id in await waiting_ids(people, "vp")
    for nobody in ("author", "manager", "director", "other_vp", "colleague"):
        assert campaign_id not in await waiting_ids(people, nobody), nobody
    waiting = (await people.gql("vp", PENDING))["data"]["pendingApprovals"][0]
    assert (waiting["requiredRole"], waiting["approverTitle"]) == ("vp", "VP of Marketing")

    refusals = {
        "author": "FORBIDDEN",  # its own campaign
        "director": "FORBIDDEN",  # below VP
        "other_vp": "NOT_FOUND",  # another team's campaign is not theirs to see
    }
    for who, code in refusals.items():
        body = await people.gql(who, APPROVE, id=campaign_id, c="ok")
        assert error_codes(body) == [code], (who, body)
    assert await outbox(db, campaign_id) == [("workmgmt.create_project", "held")]

    body = await people.gql("vp", APPROVE, id=campaign_id, c="Go, within budget")
    assert body["data"]["approveCampaign"]["status"] == "PLANNING"
    assert await outbox(db, campaign_id) == [
        ("workmgmt.create_project", "pending"),
        ("workmgmt.add_note", "pending"),
    ]
    again = await people.gql("vp", APPROVE, id=campaign_id)
    assert error_codes(again) == ["CONFLICT"]

    steps = [(e["actor"], e["source"], e["action"]) for e in await history(people, campaign_id)]
    assert steps == [
        ("author@mcc.test", "api", "created"),
        ("author@mcc.test", "api", "approval_requested"),
        ("vp@mcc.test", "api", "approved"),
    ]
    approved = (await history(people, campaign_id))[-1]
    assert approved["changes"] == {"status": ["PENDING_APPROVAL", "PLANNING"]}
    assert approved["comment"] == "Go, within budget"


async def test_a_rejection_needs_a_comment_and_the_owner_can_ask_again(
    people: People, db: Database
) -> None:
    campaign_id = await create(people, "author", "40000")  # Tier 2: a director approves
    blank = await people.gql("director", REJECT, id=campaign_id, c="   ")
    assert error_codes(blank) == ["VALIDATION"]
    body = await people.gql("director", REJECT, id=campaign_id, c="Halve the venue budget")
    assert body["data"]["rejectCampaign"]["status"] == "REJECTED"
    assert campaign_id not in await waiting_ids(people, "director")
    assert {status for _, status in await outbox(db, campaign_id)} == {"held"}
    rejected = (await history(people, campaign_id))[-1]
    assert (rejected["action"], rejected["comment"]) == ("rejected", "Halve the venue budget")

    # The owner changes the budget: it goes back to the approver, still held.
    body = await people.gql("author", UPDATE, id=campaign_id, budget="30000")
    assert body["data"]["updateCampaign"]["status"] == "PENDING_APPROVAL"
    assert campaign_id in await waiting_ids(people, "director")
    body = await people.gql("director", APPROVE, id=campaign_id)
    assert body["data"]["approveCampaign"]["status"] == "PLANNING"
    assert {status for _, status in await outbox(db, campaign_id)} == {"pending"}


async def test_a_new_budget_after_approval_asks_again_at_the_new_tier(
    people: People, db: Database
) -> None:
    campaign_id = await create(people, "author", "10000")  # Tier 3: a manager approves
    assert (await people.gql("manager", APPROVE, id=campaign_id))["data"]
    body = await people.gql("colleague", UPDATE, id=campaign_id, budget="60000")
    assert body["data"]["updateCampaign"] == {"status": "PENDING_APPROVAL", "tier": 2}
    assert (await outbox(db, campaign_id))[-1] == ("workmgmt.update_project", "held")
    # Tier 2 now: the manager may no longer approve it, the director may.
    assert error_codes(await people.gql("manager", APPROVE, id=campaign_id)) == ["FORBIDDEN"]
    # The colleague changed it, so the colleague cannot approve the change either.
    assert error_codes(await people.gql("colleague", APPROVE, id=campaign_id)) == ["FORBIDDEN"]
    body = await people.gql("admin", APPROVE, id=campaign_id, c="ok by admin")
    assert body["data"]["approveCampaign"]["status"] == "PLANNING"
    assert (await outbox(db, campaign_id))[-2] == ("workmgmt.update_project", "pending")


async def test_an_admins_own_campaign_is_not_held(people: People, db: Database) -> None:
    campaign_id = await create(people, "admin", "500000")
    assert await outbox(db, campaign_id) == [("workmgmt.create_project", "pending")]
    assert campaign_id not in await waiting_ids(people, "vp")


async def test_bad_requests_change_nothing(people: People, db: Database) -> None:
    campaign_id = await create(people, "author", "150000")
    assert error_codes(await people.gql("vp", APPROVE, id="not-a-uuid")) == ["VALIDATION"]
    unknown = str(uuid.uuid4())
    assert error_codes(await people.gql("vp", APPROVE, id=unknown)) == ["NOT_FOUND"]
    long = await people.gql("vp", APPROVE, id=campaign_id, c="x" * 2001)
    assert error_codes(long) == ["VALIDATION"]
    # A status edit cannot skip the approval.
    skipped = await people.gql("author", UPDATE, id=campaign_id, status="ACTIVE")
    assert error_codes(skipped) == ["CONFLICT"]
    assert error_codes(await people.gql("vp", AUDIT, id=campaign_id, limit=0)) == ["VALIDATION"]
    assert error_codes(await people.gql("vp", AUDIT)) == ["FORBIDDEN"]
    assert (await people.gql("admin", AUDIT, limit=1))["data"]["auditLog"][0]["action"]
    assert await outbox(db, campaign_id) == [("workmgmt.create_project", "held")]
    assert campaign_id in await waiting_ids(people, "vp")


async def test_a_campaign_cancelled_while_waiting_is_no_longer_anyones_decision(
    people: People, db: Database
) -> None:
    campaign_id = await create(people, "author", "150000")
    body = await people.gql("author", UPDATE, id=campaign_id, status="CANCELLED")
    assert body["data"]["updateCampaign"]["status"] == "CANCELLED"
    assert campaign_id not in await waiting_ids(people, "vp")
    assert error_codes(await people.gql("vp", APPROVE, id=campaign_id)) == ["CONFLICT"]
    # Never approved, so never sent: the cancellation waits behind the held creation.
    assert {status for _, status in await outbox(db, campaign_id)} == {"held"}
    last = (await history(people, campaign_id))[-1]
    assert (last["action"], last["changes"]) == (
        "status_changed",
        {"status": ["PENDING_APPROVAL", "CANCELLED"]},
    )


SEND = """mutation($id: ID, $message: String!) {
  sendAgentMessage(conversationId: $id, message: $message) {
    conversationId content actions { type campaignId }
  }
}"""


async def test_the_assistant_says_who_must_approve_after_the_yes(
    people: People, db: Database
) -> None:
    said: dict[str, Any] = {"conversationId": None}
    for message in (
        "Create a new email campaign for SMB customers to promote Q1 offers.",
        "Campaign name: Chat Launch. Budget: $150,000. Launch: June 1, 2031. "
        "Objective: increase sign-ups by 10%.",
        "yes",
    ):
        body = await people.gql("author", SEND, id=said["conversationId"], message=message)
        assert "errors" not in body, body
        said = body["data"]["sendAgentMessage"]
    assert "status PENDING_APPROVAL" in said["content"]
    assert "waiting for VP approval (VP of Marketing)" in said["content"]
    campaign_id = said["actions"][0]["campaignId"]
    assert campaign_id in await waiting_ids(people, "vp")
    assert await outbox(db, campaign_id) == [("workmgmt.create_project", "held")]
    created = (await history(people, campaign_id))[0]
    assert (created["actor"], created["source"], created["action"]) == (
        "author@mcc.test", "chat", "created"
    )  # fmt: skip
