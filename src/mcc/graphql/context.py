"""What every resolver receives: the database (resolvers open the unit of work), settings, user.

Queries and subscriptions open `context.read()`, mutations `context.write()` (see `mcc.db`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TypeAlias

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.fastapi import BaseContext

from mcc.auth.schemas import CurrentUser
from mcc.config import Settings
from mcc.db import Database
from mcc.integrations.workmgmt import WorkManagement
from mcc.knowledge.service import KnowledgeService
from mcc.teams.scope import Scope

NOBODY = Scope(team_ids=frozenset(), can_edit=False)  # no user: sees nothing, changes nothing


class Context(BaseContext):
    def __init__(
        self,
        db: Database,
        settings: Settings,
        user: CurrentUser | None = None,
        knowledge: KnowledgeService | None = None,
        backend: WorkManagement | None = None,
    ) -> None:
        super().__init__()
        self.db = db
        self.settings = settings
        self.knowledge = knowledge  # the app's knowledge base (None outside an app)
        self.backend = backend  # the work-management system, for live reads (None: not set up)
        self.user = user  # who is calling; `AuthMiddleware` lets no one through without one

    @property
    def scope(self) -> Scope:
        """What the caller may see and change (`mcc.teams.scope`)."""
        return NOBODY if self.user is None else Scope.of(self.user)

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncSession]:
        async with self.db.read() as session:
            yield session

    @asynccontextmanager
    async def write(self) -> AsyncIterator[AsyncSession]:
        async with self.db.write() as session:
            yield session


Info: TypeAlias = strawberry.Info[Context, None]
