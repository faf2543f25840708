"""What pilot users think: a thumbs up/down on an assistant answer, and the weekly pilot survey."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    column,
)
from sqlalchemy.orm import Mapped, mapped_column

from mcc.models.base import Base, TimestampMixin

NO_ACCOUNT = column("user_id").is_(None)  # rows of an address that is no account (imports)


class MessageRating(TimestampMixin, Base):
    """One person's verdict on one assistant answer; rating again replaces it."""

    __tablename__ = "message_ratings"
    # One verdict per answer and person: the person is the account (an SSO address change or a
    # reused address must not move a verdict to someone else), not the email.
    __table_args__ = (
        UniqueConstraint("user_id", "message_id"),
        Index("uq_message_ratings_address", "message_id", "rater", unique=True,
              sqlite_where=NO_ACCOUNT, postgresql_where=NO_ACCOUNT),
    )  # fmt: skip

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True, default=uuid.uuid4)
    message_id: Mapped[uuid.UUID] = mapped_column(
        Uuid(), ForeignKey("messages.id", ondelete="CASCADE"), nullable=False
    )
    rater: Mapped[str] = mapped_column(String(254), nullable=False, index=True)  # email then
    user_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid(), ForeignKey("users.id", ondelete="SET NULL"), index=True
    )  # who rated; None once the account is deleted (then counts for the whole org only)
    rating: Mapped[str] = mapped_column(String(8), nullable=False)  # "up" | "down"
    comment: Mapped[str | None] = mapped_column(Text)
    # A copy of the answer's citations at rating time: relevance is judged on what was shown,
    # and stays measurable if the message's details change or the document is removed.
    citations: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)
    # Whether the answer cited anything: lets SQL count "cited answers rated up" on both
    # backends without JSON functions.
    cited: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)


class SurveyResponse(TimestampMixin, Base):
    """The plan's pilot feedback form: one response per person per ISO week (a new one replaces)."""

    __tablename__ = "survey_responses"
    # One response per account and week; imported answers of addresses that are no account have
    # no user_id and are unique per address and week (a partial index: NULLs never collide).
    __table_args__ = (
        UniqueConstraint("user_id", "week"),
        Index("uq_survey_responses_address_week", "respondent", "week", unique=True,
              sqlite_where=NO_ACCOUNT, postgresql_where=NO_ACCOUNT),
    )  # fmt: skip

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True, default=uuid.uuid4)
    respondent: Mapped[str] = mapped_column(String(254), nullable=False, index=True)  # email then
    user_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid(), ForeignKey("users.id", ondelete="SET NULL"), index=True
    )  # None: imported for an address that is no account (whole-organisation report only)
    week: Mapped[str] = mapped_column(String(8), nullable=False, index=True)  # ISO, "2026-W49"
    ease_of_use: Mapped[int] = mapped_column(Integer, nullable=False)
    response_quality: Mapped[int] = mapped_column(Integer, nullable=False)
    time_saved: Mapped[int] = mapped_column(Integer, nullable=False)
    overall_satisfaction: Mapped[int] = mapped_column(Integer, nullable=False)
    issues: Mapped[str | None] = mapped_column(Text)
    minutes_saved: Mapped[float | None] = mapped_column(Float)
    campaign_created: Mapped[bool | None] = mapped_column(Boolean)
    source: Mapped[str] = mapped_column(String(20), nullable=False, default="app")  # or "import"
