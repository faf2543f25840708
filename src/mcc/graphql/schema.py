"""The GraphQL schema, composed from each domain's `graphql.py`, with depth and alias limits."""

from __future__ import annotations

import strawberry
from graphql import ASTValidationRule, GraphQLError
from strawberry.extensions import AddValidationRules, ValidationCache
from strawberry.extensions.max_aliases import create_validator as alias_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule
from strawberry.tools import merge_types
from strawberry.types.execution import ExecutionContext

from mcc.agent.graphql import AgentMutation
from mcc.approvals.graphql import ApprovalMutation, ApprovalQuery
from mcc.audit.graphql import AuditQuery
from mcc.briefs.graphql import BriefMutation
from mcc.campaigns.graphql import CampaignMutation, CampaignQuery, CampaignSubscription
from mcc.config import Settings
from mcc.conversations.graphql import ConversationQuery
from mcc.feedback.graphql import FeedbackMutation
from mcc.graphql.caching import DOCUMENT_CACHE_SIZE, DocumentCache
from mcc.graphql.errors import ErrorCodes, log_errors
from mcc.graphql.limits import DocumentLimits
from mcc.graphql.scalars import SCALAR_OVERRIDES
from mcc.knowledge.graphql import KnowledgeMutation, KnowledgeQuery
from mcc.playbooks.graphql import PlaybookMutation, PlaybookQuery
from mcc.sync.graphql import ConflictMutation, ConflictQuery

Query = merge_types(
    "Query",
    (
        CampaignQuery,
        ConversationQuery,
        KnowledgeQuery,
        ApprovalQuery,
        AuditQuery,
        PlaybookQuery,
        ConflictQuery,
    ),
)
Mutation = merge_types(
    "Mutation",
    (
        CampaignMutation,
        AgentMutation,
        KnowledgeMutation,
        ApprovalMutation,
        FeedbackMutation,
        PlaybookMutation,
        ConflictMutation,
        BriefMutation,
    ),
)


class Schema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        log_errors(errors, execution_context)


def build_schema(settings: Settings) -> Schema:
    # The depth and alias rules are classes made once per schema, not per request: validation
    # results are cached by (schema, document, rules), and a new rule class per request would
    # make every request a cache miss.
    rules: list[type[ASTValidationRule]] = [
        depth_rule(settings.graphql_max_depth, None, None),
        alias_rule(settings.graphql_max_aliases),
    ]
    return Schema(
        query=Query,
        mutation=Mutation,
        subscription=CampaignSubscription,
        scalar_overrides=SCALAR_OVERRIDES,
        extensions=[
            # Factories, not instances: an extension holds per-operation state.
            # DocumentLimits first: its size checks run before a cached document is used.
            DocumentLimits,
            DocumentCache,
            lambda: AddValidationRules(rules),
            lambda: ValidationCache(maxsize=DOCUMENT_CACHE_SIZE),
            ErrorCodes,
        ],
    )
