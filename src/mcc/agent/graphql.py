"""The plan's `sendAgentMessage` mutation, its `AgentResponse`, and the assistant's extras:
the draft (each field's value and provenance, what is missing, the tier with its reason, the
warnings and the preview's Workfront project), the citations and the actions taken.

The types are built from the turn's typed objects (`mcc.agent.views.DraftView`, the policy's
`TierVerdict`, the plan), never from its JSON."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.scalars import JSON

from mcc.agent import state, views
from mcc.agent.deps import assistant_for_graphql
from mcc.campaigns import plans, tiers
from mcc.conversations.service import parse_conversation_id
from mcc.graphql.context import Info
from mcc.portfolio.graphql import PortfolioWarningNode


@strawberry.type
class Provenance:
    source: str = strawberry.field(description="user (their words) or rule (a named rule).")
    evidence: str | None = strawberry.field(description="The user's words the value came from.")
    turn: int | None
    rule: str | None
    document: str | None = strawberry.field(description="The brief the value was read from.")
    sentence: str | None = strawberry.field(description="The brief's sentence holding it.")

    @classmethod
    def from_model(cls, provenance: state.Provenance) -> Provenance:
        return cls(
            source=provenance.source,
            evidence=provenance.evidence,
            turn=provenance.turn,
            rule=provenance.rule,
            document=provenance.document,
            sentence=provenance.sentence,
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

    @classmethod
    def from_verdict(cls, verdict: tiers.TierVerdict) -> TierVerdict | None:
        if verdict.tier is None:
            return None
        return cls(
            tier=verdict.tier,
            reason=verdict.reason,
            citation=verdict.citation,
            approver=verdict.approver,
            lead_time_weeks=verdict.lead_time_weeks,
        )


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

    @classmethod
    def from_plan(cls, plan: plans.Plan) -> PlannedProject:
        return cls(
            project_name=plan.project_name,
            planned_start=plan.planned_start.isoformat(),
            planned_completion=plan.planned_completion.isoformat(),
            source=plan.source,
            tasks=[
                PlannedTask(
                    name=task.name,
                    owner_role=task.owner_role,
                    start=task.start.isoformat(),
                    due=task.due.isoformat(),
                )
                for task in plan.tasks
            ],
        )


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
    exact_requests: JSON | None = strawberry.field(
        description="While the preview is shown: the exact requests a yes sends (project "
        "fields, custom fields, template, every task with its dates), as the outbox row will "
        "carry them; the campaign's id, allocated at yes, reads {campaign id}."
    )
    portfolio_warnings: list[PortfolioWarningNode] = strawberry.field(
        description="While the preview is shown: launch collisions, audience overlap and the "
        "quarter budget among the campaigns you may see (others counted, never named); they "
        "inform, a yes still creates."
    )

    @classmethod
    def from_view(cls, draft: views.DraftView) -> Draft:
        project = draft.preview.project
        return cls(
            status=draft.status,
            fields=[
                DraftField(
                    name=item.name,
                    value=JSON(item.value),
                    display=item.display,
                    provenance=Provenance.from_model(item.provenance),
                )
                for item in draft.fields
            ],
            channels=[
                DraftChannel(name=item.name, provenance=Provenance.from_model(item.provenance))
                for item in draft.channels
            ],
            missing=list(draft.missing),
            asking=list(draft.asking),
            tier=TierVerdict.from_verdict(draft.tier) if draft.tier is not None else None,
            warnings=list(draft.warnings),
            preview=DraftPreview(
                shown=draft.preview.shown,
                confirmed=draft.preview.confirmed,
                project=PlannedProject.from_plan(project) if project is not None else None,
            ),
            created_campaign_id=(
                strawberry.ID(str(draft.created_campaign_id)) if draft.created_campaign_id else None
            ),
            exact_requests=JSON(draft.exact_requests) if draft.exact_requests is not None else None,
            portfolio_warnings=[
                PortfolioWarningNode.from_json(w) for w in draft.portfolio_warnings
            ],
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
    def from_result(cls, result: views.TurnResult) -> AgentResponse:
        return cls(
            conversation_id=strawberry.ID(str(result.conversation_id)),
            message_id=strawberry.ID(str(result.message_id)),
            content=result.content,
            timestamp=result.timestamp,
            draft=Draft.from_view(result.draft) if result.draft is not None else None,
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
        result = await assistant_for_graphql(info.context).send_message(parsed, message)
        return AgentResponse.from_result(result)
