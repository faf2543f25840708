"""Feedback queries: one rating per answer and rater, one survey response per person and week."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from mcc.models import Conversation, Message, MessageRating, SurveyResponse, User

Person = tuple[uuid.UUID | None, str]  # (account id, email): rows are keyed by the account when
# there is one (an address change must not move them), by the email only for imported answers of
# addresses that are no account.


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

    async def account_id(self, email: str) -> uuid.UUID | None:
        """The account that has `email` now (the signed-in user's own address)."""
        return await self.session.scalar(
            select(User.id).where(func.lower(User.email) == email.lower())
        )

    @staticmethod
    def _whose(user_column: Any, email_column: Any, person: Person) -> ColumnElement[bool]:
        user_id, email = person
        if user_id is not None:
            return user_column == user_id  # type: ignore[no-any-return]
        return and_(user_column.is_(None), email_column == email)

    async def rating(self, message_id: uuid.UUID, rater: Person) -> MessageRating | None:
        return await self.session.scalar(
            select(MessageRating).where(
                MessageRating.message_id == message_id,
                self._whose(MessageRating.user_id, MessageRating.rater, rater),
            )
        )

    async def ratings_in(
        self, conversation_id: uuid.UUID, rater: Person
    ) -> dict[uuid.UUID, tuple[str, str]]:
        """The rater's verdicts and comments on a conversation's answers (the chat page)."""
        statement = (
            select(MessageRating.message_id, MessageRating.rating, MessageRating.comment)
            .join(Message, Message.id == MessageRating.message_id)
            .where(
                Message.conversation_id == conversation_id,
                self._whose(MessageRating.user_id, MessageRating.rater, rater),
            )
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

    async def survey(self, respondent: Person, week: str) -> SurveyResponse | None:
        return await self.session.scalar(
            select(SurveyResponse).where(
                self._whose(SurveyResponse.user_id, SurveyResponse.respondent, respondent),
                SurveyResponse.week == week,
            )
        )

    async def surveys(self, since: datetime | None = None) -> Sequence[SurveyResponse]:
        """Survey responses, oldest first (the report's input)."""
        statement = select(SurveyResponse).order_by(SurveyResponse.created_at, SurveyResponse.id)
        if since is not None:
            statement = statement.where(SurveyResponse.created_at >= since)
        return (await self.session.scalars(statement)).all()
