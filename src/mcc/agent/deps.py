"""The one way a transport gets the assistant: typed dependencies in, an `AgentService` out.

Every door (the SSE route, the chat page's form, GraphQL's `sendAgentMessage`, `mcc chat`,
`mcc agent eval`) states what a turn needs as `AssistantDeps` and calls `build_assistant`, so a
new dependency is added here once rather than fished out of `app.state` at each door.
`AssistantDep` is the FastAPI dependency for routes, `assistant_for_graphql` the one for
GraphQL's context (which the app has already filled from the same state).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends
from starlette.requests import HTTPConnection

from mcc.agent.knowledge import KnowledgeSearch
from mcc.agent.service import AgentRuntime, AgentService
from mcc.agent.tools import Identity
from mcc.auth.deps import CurrentUserDep
from mcc.config import Settings
from mcc.db import Database
from mcc.graphql.context import Context
from mcc.integrations.workmgmt import WorkManagement
from mcc.teams.scope import Scope


@dataclass(frozen=True)
class AssistantDeps:
    """What a turn needs from its surroundings.

    `knowledge` None means the bundled playbooks (no database-backed knowledge base yet);
    `backend` None means no work-management system is set up (no live status reads).
    """

    db: Database
    settings: Settings
    identity: Identity
    knowledge: KnowledgeSearch | None = None
    backend: WorkManagement | None = None


def build_assistant(deps: AssistantDeps, *, runtime: AgentRuntime | None = None) -> AgentService:
    """The assistant for these dependencies; `runtime` reuses an engine already built (eval)."""
    return AgentService(
        deps.db,
        deps.settings,
        runtime=runtime,
        identity=deps.identity,
        knowledge=deps.knowledge,
        backend=deps.backend,
    )


def assistant_for_request(connection: HTTPConnection, user: CurrentUserDep) -> AgentService:
    """FastAPI dependency: the assistant acting for the signed-in user, from the app's state.

    The knowledge base is the app's when it has been created (at start-up), else the bundle.
    """
    state = connection.app.state
    deps = AssistantDeps(
        db=state.db,
        settings=state.settings,
        identity=Identity(user.email, Scope.of(user)),
        knowledge=getattr(state, "knowledge", None),
        backend=getattr(state, "backend", None),
    )
    return build_assistant(deps)


def assistant_for_graphql(context: Context) -> AgentService:
    """The assistant acting for the GraphQL caller, from the request's context."""
    user = context.user
    deps = AssistantDeps(
        db=context.db,
        settings=context.settings,
        identity=Identity(user.email if user is not None else None, context.scope),
        knowledge=context.knowledge,
        backend=context.backend,
    )
    return build_assistant(deps)


AssistantDep = Annotated[AgentService, Depends(assistant_for_request)]
