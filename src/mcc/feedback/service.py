"""Feedback rules: who may rate which answer, what a survey answer must be, and the relevance
share the pilot report quotes ("75%+ relevant knowledge results").

A person rates only answers in conversations they can see (`visible_to`), always as themselves:
the rater is the signed-in user, never an argument. Rating again replaces the earlier verdict,
and a second survey in the same ISO week replaces the first (the plan asks once per week; a
person correcting a slip should not be refused). Services never commit.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from mcc.conversations.service import visible_to
from mcc.exceptions import NotFoundError, ValidationError
from mcc.feedback.repository import FeedbackRepository, Person
from mcc.models import MessageRating, SurveyResponse
from mcc.models.base import utcnow
from mcc.validation import bad_text

COMMENT_MAX = 2000
MINUTES_MAX = 24 * 60  # time saved on one campaign; more is a typo, not a saving
SCORES = ("ease_of_use", "response_quality", "time_saved", "overall_satisfaction")


class Rating(StrEnum):
    UP = "up"
    DOWN = "down"


def parse_rating(value: str) -> Rating:
    try:
        return Rating(value.strip().lower())
    except ValueError:
        raise ValidationError(
            f"Invalid rating {value!r}: expected up or down", {"rating": "expected up or down"}
        ) from None


def parse_message_id(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value.strip())
    except (ValueError, AttributeError):
        raise ValidationError(
            f"Invalid message id {value!r}: expected a UUID", {"messageId": "not a UUID"}
        ) from None


def check_text(value: str | None, field: str) -> str | None:
    """Optional free text: trimmed, None when empty, refused when binary or too long."""
    text = (value or "").strip()
    if bad_text(text, field):
        raise ValidationError(
            f"The {field} contains characters that are not text", {field: "invalid characters"}
        )
    if len(text) > COMMENT_MAX:
        raise ValidationError(
            f"The {field} is too long: {len(text):,} characters, at most {COMMENT_MAX:,}",
            {field: f"at most {COMMENT_MAX:,} characters"},
        )
    return text or None


def iso_week(moment: datetime) -> str:
    """ "2026-W49": the survey's period, as the calendar (ISO 8601) counts weeks."""
    year, week, _ = moment.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass(frozen=True)
class SurveyAnswers:
    """The plan's feedback form: four scores 1-5, the issues met, and minutes saved."""

    ease_of_use: int
    response_quality: int
    time_saved: int
    overall_satisfaction: int
    issues: str | None = None
    minutes_saved: float | None = None
    campaign_created: bool | None = None

    def checked(self) -> SurveyAnswers:
        """The answers, cleaned, or a ValidationError naming every bad field."""
        errors: dict[str, str] = {}
        for name in SCORES:
            value: Any = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
                errors[name] = "a whole number from 1 to 5"
        minutes = self.minutes_saved
        if minutes is not None and (not math.isfinite(minutes) or not 0 <= minutes <= MINUTES_MAX):
            errors["minutes_saved"] = f"a number of minutes from 0 to {MINUTES_MAX}"
        if errors:
            listed = ", ".join(f"{k.replace('_', ' ')} ({v})" for k, v in errors.items())
            raise ValidationError(f"Check the survey: {listed}", errors)
        issues = check_text(self.issues, "issues")
        return SurveyAnswers(
            self.ease_of_use, self.response_quality, self.time_saved,
            self.overall_satisfaction, issues, minutes, self.campaign_created,
        )  # fmt: skip


@dataclass(frozen=True)
class Relevance:
    """Of the rated answers that cited sources, how many were rated up."""

    rated: int
    up: int

    @property
    def share(self) -> float | None:
        return None if self.rated == 0 else self.up / self.rated


async def citation_relevance(session: AsyncSession, since: datetime | None = None) -> Relevance:
    """The pilot's knowledge-relevance figure, from real questions: the share of rated answers
    with citations that were rated up (answers without sources say nothing about retrieval)."""
    counts = await FeedbackRepository(session).cited_counts(since)
    return Relevance(rated=sum(counts.values()), up=counts.get(Rating.UP.value, 0))


class FeedbackService:
    def __init__(self, session: AsyncSession, user_email: str) -> None:
        self.session = session
        self.user = user_email  # always the signed-in user: nobody rates or answers as another
        self.repository = FeedbackRepository(session)
        self._person: Person | None = None

    async def person(self) -> Person:
        """The account behind the email (looked up once): rows are keyed by it, so a later
        address change or a reused address does not move them (imports of addresses that are
        no account keep the email only)."""
        if self._person is None:
            self._person = (await self.repository.account_id(self.user), self.user)
        return self._person

    async def rate(
        self, message_id: uuid.UUID, rating: Rating, comment: str | None = None
    ) -> MessageRating:
        """Record (or replace) the user's verdict on an assistant answer of their own
        conversation, with a copy of the answer's citations."""
        comment = check_text(comment, "comment")
        found = await self.repository.message(message_id)
        if found is None or not visible_to(found[1], self.user):
            raise NotFoundError("Message not found")
        message = found[0]
        if message.role != "assistant":
            raise ValidationError(
                "Only the assistant's answers can be rated", {"messageId": "not an answer"}
            )
        details = message.details if isinstance(message.details, dict) else {}
        raw = details.get("citations")
        citations = [c for c in raw if isinstance(c, dict)] if isinstance(raw, list) else []
        values = {"rating": rating.value, "comment": comment, "citations": citations,
                  "cited": bool(citations), "updated_at": utcnow()}  # fmt: skip
        person = await self.person()
        row = await self.repository.rating(message_id, person)
        if row is None:
            row = MessageRating(message_id=message_id, rater=self.user, user_id=person[0], **values)
            if await self.repository.insert(row):
                return row
            row = await self.repository.rating(message_id, person)  # theirs won: replace it
            assert row is not None
        for name, value in values.items():
            setattr(row, name, value)
        await self.session.flush()
        return row

    async def my_rating(self, message_id: uuid.UUID) -> tuple[str | None, str]:
        """The user's verdict and comment on an answer ((None, "") when not rated)."""
        row = await self.repository.rating(message_id, await self.person())
        return (None, "") if row is None else (row.rating, row.comment or "")

    async def conversation_of(self, message_id: uuid.UUID) -> uuid.UUID:
        found = await self.repository.message(message_id)
        if found is None or not visible_to(found[1], self.user):
            raise NotFoundError("Message not found")
        return found[1].id

    async def ratings_in(self, conversation_id: uuid.UUID) -> dict[uuid.UUID, tuple[str, str]]:
        return await self.repository.ratings_in(conversation_id, await self.person())

    async def submit_survey(
        self, answers: SurveyAnswers, *, at: datetime | None = None, source: str = "app"
    ) -> tuple[SurveyResponse, bool]:
        """Store the user's survey for the ISO week of `at` (now); a second one that week
        replaces the first. Returns the response and whether it replaced one."""
        clean = answers.checked()
        moment = at or utcnow()
        week = iso_week(moment)
        fields = (*SCORES, "issues", "minutes_saved", "campaign_created")
        values: dict[str, object] = {name: getattr(clean, name) for name in fields}
        values.update(source=source, updated_at=utcnow())
        person = await self.person()
        row = await self.repository.survey(person, week)
        if row is None:
            row = SurveyResponse(
                respondent=self.user, user_id=person[0], week=week, created_at=moment, **values
            )
            if await self.repository.insert(row):
                return row, False
            row = await self.repository.survey(person, week)  # a concurrent one won
            assert row is not None
        for name, value in values.items():
            setattr(row, name, value)
        await self.session.flush()
        return row, True

    async def my_survey(self, at: datetime | None = None) -> SurveyResponse | None:
        """This week's response of the user, if any (the form shows it to edit)."""
        return await self.repository.survey(await self.person(), iso_week(at or utcnow()))
