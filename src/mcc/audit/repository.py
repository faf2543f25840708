"""Audit queries: insert and read. There is deliberately no update or delete here."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mcc.models import AuditEntry, User


class AuditRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, entry: AuditEntry) -> None:
        self.session.add(entry)

    async def latest(self, campaign_id: uuid.UUID | None, limit: int) -> Sequence[AuditEntry]:
        """Newest first; one campaign's entries, or everything."""
        statement = select(AuditEntry)
        if campaign_id is not None:
            statement = statement.where(AuditEntry.campaign_id == campaign_id)
        statement = statement.order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)
        return (await self.session.scalars(statement)).all()

    async def user_by_email(self, email: str) -> User | None:
        return await self.session.scalar(select(User).where(User.email == email.strip().lower()))
