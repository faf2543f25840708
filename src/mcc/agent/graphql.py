"""The plan's `sendAgentMessage` mutation, its `AgentResponse`, and the assistant's extras:
the draft (each field's value and provenance, what is missing, the tier with its reason, the
warnings and the preview's Workfront project), the citations and the actions taken."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry.scalars import JSON

from mcc.agent.service import AgentService
from mcc.agent.tools import Identity
from mcc.agent.views import TurnResult
from mcc.conversations.service import parse_conversation_id
from mcc.graphql.context import Info


@strawberry.type
class Provenance:
    source: str = strawberry.field(description="user (their words) or rule (a named rule).")
    evidence: str | None = strawberry.field(description="The user's words the value came from.")
    turn: int | None
    rule: str | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Provenance:
        return cls(
            source=data["source"],
            evidence=data.get("evidence"),
            turn=data.get("turn"),
            rule=data.get("rule"),
        )


@strawberry.type
class DraftField:
    name: str
    value: JSON
    display: str
    provenance: Provenance


@strawberry.type
class DraftChannel:
    name: str
    provenance: Provenance


@strawberry.type
class TierVerdict:
    tier: int
    reason: str
    citation: str
    approver: str | None
    lead_time_weeks: int | None


@strawberry.type
class PlannedTask:
    name: str
    owner_role: str
    start: str
    due: str


@strawberry.type
class PlannedProject:
    project_name: str
    planned_start: str
    planned_completion: str
    source: str
    tasks: list[PlannedTask]


@strawberry.type
class DraftPreview:
    shown: bool = strawberry.field(description="Shown and waiting for the user's yes.")
    confirmed: bool
    project: PlannedProject | None


@strawberry.type
class Draft:
    status: str
    fields: list[DraftField]
    channels: list[DraftChannel]
    missing: list[str]
    asking: list[str]
    tier: TierVerdict | None
    warnings: list[str]
    preview: DraftPreview
    created_campaign_id: strawberry.ID | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Draft:
        tier, preview = data["tier"], data["preview"]
        project = preview["project"]
        return cls(
            status=data["status"],
            fields=[
                DraftField(
                    name=f["name"],
                    value=f["value"],
                    display=f["display"],
                    provenance=Provenance.from_json(f["provenance"]),
                )
                for f in data["fields"]
            ],
            channels=[
                DraftChannel(name=c["name"], provenance=Provenance.from_json(c["provenance"]))
                for c in data["channels"]
            ],
            missing=data["missing"],
            asking=data["asking"],
            tier=TierVerdict(
                tier=tier["tier"],
                reason=tier["reason"],
                citation=tier["citation"],
                approver=tier["approver"],
                lead_time_weeks=tier["leadTimeWeeks"],
            )
            if tier
            else None,
            warnings=data["warnings"],
            preview=DraftPreview(
                shown=preview["shown"],
                confirmed=preview["confirmed"],
                project=PlannedProject(
                    project_name=project["projectName"],
                    planned_start=project["plannedStart"],
                    planned_completion=project["plannedCompletion"],
                    source=project["source"],
                    tasks=[
                        PlannedTask(
                            name=t["name"],
                            owner_role=t["ownerRole"],
                            start=t["start"],
                            due=t["due"],
                        )
                        for t in project["tasks"]
                    ],
                )
                if project
                else None,
            ),
            created_campaign_id=(
                strawberry.ID(data["createdCampaignId"]) if data["createdCampaignId"] else None
            ),
        )


@strawberry.type
class Citation:
    index: int
    label: str = strawberry.field(description="Document › Section, as cited in the text [n].")
    doc_id: str
    snippet: str


@strawberry.type
class AgentAction:
    type: str = strawberry.field(description="What the assistant did, e.g. campaign_created.")
    campaign_id: strawberry.ID | None
    name: str | None


@strawberry.type
class AgentResponse:
    conversation_id: strawberry.ID
    message_id: strawberry.ID
    content: str
    timestamp: datetime
    draft: Draft | None
    citations: list[Citation]
    actions: list[AgentAction]

    @classmethod
    def from_result(cls, result: TurnResult) -> AgentResponse:
        return cls(
            conversation_id=strawberry.ID(str(result.conversation_id)),
            message_id=strawberry.ID(str(result.message_id)),
            content=result.content,
            timestamp=result.timestamp,
            draft=Draft.from_json(result.draft) if result.draft else None,
            citations=[
                Citation(index=c.index, label=c.label, doc_id=c.doc_id, snippet=c.snippet)
                for c in result.citations
            ],
            actions=[
                AgentAction(
                    type=a["type"],
                    campaign_id=strawberry.ID(a["campaignId"]) if a.get("campaignId") else None,
                    name=a.get("name"),
                )
                for a in result.actions
            ],
        )


@strawberry.type
class AgentMutation:
    @strawberry.mutation(
        description="Send a message to the assistant; omit conversationId to start."
    )
    async def send_agent_message(
        self, info: Info, message: str, conversation_id: strawberry.ID | None = None
    ) -> AgentResponse:
        parsed = parse_conversation_id(conversation_id) if conversation_id else None
        user = info.context.user
        identity = Identity(user.email if user is not None else None)
        service = AgentService(
            info.context.db, info.context.settings, identity=identity,
            knowledge=info.context.knowledge, backend=info.context.backend,
        )  # fmt: skip
        result = await service.send_message(parsed, message)
        return AgentResponse.from_result(result)
