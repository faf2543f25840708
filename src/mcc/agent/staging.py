"""Writes a turn's tools stage instead of doing: applied by the turn's one short final write.

The engine runs with no transaction open (a model call can take seconds), so a tool that must
change data records what to do here. `AgentService` applies the staged actions in the same unit
of work that stores the messages and the dialogue state, after the conversation's version check:
the created campaign, its outbox row, the messages and the state commit together or not at all.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from mcc.audit import service as audit
from mcc.audit.schemas import AuditSource
from mcc.campaigns.schemas import CampaignCreate
from mcc.campaigns.service import CampaignService
from mcc.integrations.workmgmt import RemoteProject
from mcc.pilot import recording as pilot
from mcc.sync.apply import apply_project
from mcc.teams.scope import Scope
from mcc.teams.service import TeamService


class StagedAction(Protocol):
    async def apply(self, session: AsyncSession) -> None: ...


@dataclass(frozen=True)
class CreateCampaign:
    """Create a confirmed campaign through the campaign service (its outbox row included).

    The id is chosen when the action is staged, so the reply can name it before the write.
    It is owned by the user and filed under their first team (by name): a chat cannot ask.
    """

    campaign_id: uuid.UUID
    payload: CampaignCreate
    actor: str | None
    scope: Scope | None = None
    conversation_id: uuid.UUID | None = None  # for the pilot's creation time

    async def apply(self, session: AsyncSession) -> None:
        scope = self.scope or Scope.system()
        team = await TeamService(session).first_team_of(scope)
        actor = await audit.person(session, self.actor, AuditSource.CHAT)
        await CampaignService(session, scope, actor).create(
            self.payload, actor=self.actor, campaign_id=self.campaign_id, team=team
        )
        if self.conversation_id is not None:
            await pilot.confirmed_in_chat(session, self.campaign_id, self.conversation_id)


@dataclass(frozen=True)
class ApplyProject:
    """Take a project read live from the work-management system onto its campaign, like any sync
    (an older state than the one stored by then is ignored)."""

    project: RemoteProject

    async def apply(self, session: AsyncSession) -> None:
        await apply_project(session, self.project, source="assistant")
