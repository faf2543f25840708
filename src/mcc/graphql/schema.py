"""The GraphQL schema, composed from each domain's `graphql.py`, with depth and alias limits."""

from __future__ import annotations

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaxAliasesLimiter, QueryDepthLimiter
from strawberry.tools import merge_types
from strawberry.types.execution import ExecutionContext

from mcc.agent.graphql import AgentMutation
from mcc.approvals.graphql import ApprovalMutation, ApprovalQuery
from mcc.audit.graphql import AuditQuery
from mcc.campaigns.graphql import CampaignMutation, CampaignQuery, CampaignSubscription
from mcc.config import Settings
from mcc.conversations.graphql import ConversationQuery
from mcc.feedback.graphql import FeedbackMutation
from mcc.graphql.errors import ErrorCodes, log_errors
from mcc.graphql.limits import DocumentLimits
from mcc.graphql.scalars import SCALAR_OVERRIDES
from mcc.knowledge.graphql import KnowledgeMutation, KnowledgeQuery

Query = merge_types(
    "Query", (CampaignQuery, ConversationQuery, KnowledgeQuery, ApprovalQuery, AuditQuery)
)
Mutation = merge_types(
    "Mutation",
    (CampaignMutation, AgentMutation, KnowledgeMutation, ApprovalMutation, FeedbackMutation),
)


class Schema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        log_errors(errors, execution_context)


def build_schema(settings: Settings) -> Schema:
    return Schema(
        query=Query,
        mutation=Mutation,
        subscription=CampaignSubscription,
        scalar_overrides=SCALAR_OVERRIDES,
        extensions=[
            # Factories, not instances: an extension holds per-operation state.
            DocumentLimits,
            lambda: QueryDepthLimiter(max_depth=settings.graphql_max_depth),
            lambda: MaxAliasesLimiter(max_alias_count=settings.graphql_max_aliases),
            ErrorCodes,
        ],
    )
