"""Feedback GraphQL: `rateMessage` on an assistant answer, `submitSurvey` for the pilot survey."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from mcc.exceptions import UnauthenticatedError
from mcc.feedback.service import FeedbackService, Rating, SurveyAnswers, parse_message_id
from mcc.graphql.context import Info
from mcc.models import MessageRating, SurveyResponse


@strawberry.enum(name="Rating")
class RatingValue(Enum):
    UP = "up"
    DOWN = "down"


@strawberry.type(name="MessageRating")
class MessageRatingNode:
    message_id: strawberry.ID
    rating: RatingValue
    comment: str | None
    citation_count: int
    rated_at: datetime

    @classmethod
    def of(cls, row: MessageRating) -> MessageRatingNode:
        return cls(
            message_id=strawberry.ID(str(row.message_id)), rating=RatingValue(row.rating),
            comment=row.comment, citation_count=len(row.citations), rated_at=row.updated_at,
        )  # fmt: skip


@strawberry.type(name="SurveyResponse")
class SurveyResponseNode:
    week: str
    ease_of_use: int
    response_quality: int
    time_saved: int
    overall_satisfaction: int
    issues: str | None
    minutes_saved: float | None
    replaced: bool = strawberry.field(description="True when it replaced this week's earlier one")

    @classmethod
    def of(cls, row: SurveyResponse, replaced: bool) -> SurveyResponseNode:
        return cls(
            week=row.week, ease_of_use=row.ease_of_use, response_quality=row.response_quality,
            time_saved=row.time_saved, overall_satisfaction=row.overall_satisfaction,
            issues=row.issues, minutes_saved=row.minutes_saved, replaced=replaced,
        )  # fmt: skip


def _service_user(info: Info) -> str:
    user = info.context.user
    if user is None:  # `AuthMiddleware` lets no one through without one; never rate as nobody
        raise UnauthenticatedError("Sign in to give feedback")
    return user.email


@strawberry.type
class FeedbackMutation:
    @strawberry.mutation(
        description="Rate an assistant answer of your own conversation; rating again replaces."
    )
    async def rate_message(
        self, info: Info, message_id: strawberry.ID, rating: RatingValue, comment: str | None = None
    ) -> MessageRatingNode:
        parsed = parse_message_id(message_id)
        email = _service_user(info)
        async with info.context.write() as session:
            row = await FeedbackService(session, email).rate(parsed, Rating(rating.value), comment)
            return MessageRatingNode.of(row)

    @strawberry.mutation(
        description="The pilot survey (scores 1-5); a second one in the same ISO week replaces it."
    )
    async def submit_survey(
        self,
        info: Info,
        ease_of_use: int,
        response_quality: int,
        time_saved: int,
        overall_satisfaction: int,
        issues: str | None = None,
        minutes_saved: float | None = None,
    ) -> SurveyResponseNode:
        answers = SurveyAnswers(
            ease_of_use, response_quality, time_saved, overall_satisfaction, issues, minutes_saved
        )
        email = _service_user(info)
        async with info.context.write() as session:
            row, replaced = await FeedbackService(session, email).submit_survey(answers)
            return SurveyResponseNode.of(row, replaced)
