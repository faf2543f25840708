"""Feedback queries: one rating per answer and rater, one survey response per person and week."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from mcc.models import Conversation, Message, MessageRating, SurveyResponse


class FeedbackRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def insert(self, row: MessageRating | SurveyResponse) -> bool:
        """Insert unless a concurrent transaction inserted the same key first (a double click,
        two tabs): False then, and the caller updates that row instead. A savepoint keeps the
        failed insert from spoiling the rest of the unit of work."""
        try:
            async with self.session.begin_nested():
                self.session.add(row)
                await self.session.flush()
        except IntegrityError:
            return False
        return True

    async def message(self, message_id: uuid.UUID) -> tuple[Message, Conversation] | None:
        row = (
            await self.session.execute(
                select(Message, Conversation)
                .join(Conversation, Conversation.id == Message.conversation_id)
                .where(Message.id == message_id)
            )
        ).first()
        return None if row is None else (row[0], row[1])

    async def rating(self, message_id: uuid.UUID, rater: str) -> MessageRating | None:
        return await self.session.scalar(
            select(MessageRating).where(
                MessageRating.message_id == message_id, MessageRating.rater == rater
            )
        )

    async def ratings_in(
        self, conversation_id: uuid.UUID, rater: str
    ) -> dict[uuid.UUID, tuple[str, str]]:
        """The rater's verdicts and comments on a conversation's answers (the chat page)."""
        statement = (
            select(MessageRating.message_id, MessageRating.rating, MessageRating.comment)
            .join(Message, Message.id == MessageRating.message_id)
            .where(Message.conversation_id == conversation_id, MessageRating.rater == rater)
        )
        return {
            row[0]: (row[1], row[2] or "") for row in (await self.session.execute(statement)).all()
        }

    async def cited_counts(self, since: datetime | None) -> dict[str, int]:
        """Ratings of answers that cited sources, by verdict ({"up": n, "down": m})."""
        statement = (
            select(MessageRating.rating, func.count())
            .where(MessageRating.cited.is_(True))
            .group_by(MessageRating.rating)
        )
        if since is not None:
            statement = statement.where(MessageRating.updated_at >= since)
        return {row[0]: int(row[1]) for row in (await self.session.execute(statement)).all()}

    async def survey(self, respondent: str, week: str) -> SurveyResponse | None:
        return await self.session.scalar(
            select(SurveyResponse).where(
                SurveyResponse.respondent == respondent, SurveyResponse.week == week
            )
        )

    async def surveys(self, since: datetime | None = None) -> Sequence[SurveyResponse]:
        """Survey responses, oldest first (the report's input)."""
        statement = select(SurveyResponse).order_by(SurveyResponse.created_at, SurveyResponse.id)
        if since is not None:
            statement = statement.where(SurveyResponse.created_at >= since)
        return (await self.session.scalars(statement)).all()
