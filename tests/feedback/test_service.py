"""Ratings and the survey through the service, on both databases: who may rate what, what a
rating keeps, re-rating and re-answering replace, and the relevance share computed by hand."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from mcc.db import Database
from mcc.exceptions import NotFoundError, ValidationError
from mcc.feedback.service import (
    FeedbackService,
    Rating,
    SurveyAnswers,
    citation_relevance,
    iso_week,
)
from mcc.models import MessageRating, SurveyResponse
from tests.feedback.conftest import CITATIONS, make_chat

ME, OTHER = "me@mcc.test", "other@mcc.test"


async def count(db: Database, model: type[MessageRating] | type[SurveyResponse]) -> int:
    async with db.read() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_a_rating_keeps_the_answers_citations_and_rating_again_replaces(
    db: Database,
) -> None:
    chat = await make_chat(db, ME)
    async with db.write() as session:
        row = await FeedbackService(session, ME).rate(chat.answer_id, Rating.DOWN, " too vague ")
        kept = (row.rating, row.comment, row.citations, row.cited)
        assert kept == ("down", "too vague", CITATIONS, True)
    async with db.write() as session:
        await FeedbackService(session, ME).rate(chat.answer_id, Rating.UP, "")
    async with db.read() as session:
        rows = (await session.scalars(select(MessageRating))).all()
        mine = await FeedbackService(session, ME).ratings_in(chat.conversation_id)
    assert [(r.rating, r.comment, r.rater) for r in rows] == [("up", None, ME)]
    assert mine == {chat.answer_id: ("up", "")}


async def test_only_answers_of_my_own_conversations(db: Database) -> None:
    theirs = await make_chat(db, OTHER)
    mine = await make_chat(db, ME)
    with pytest.raises(NotFoundError):  # someone else's answer looks like no answer
        async with db.write() as session:
            await FeedbackService(session, ME).rate(theirs.answer_id, Rating.UP)
    with pytest.raises(ValidationError, match="Only the assistant's answers"):
        async with db.write() as session:
            await FeedbackService(session, ME).rate(mine.question_id, Rating.UP)
    with pytest.raises(ValidationError, match="too long"):
        async with db.write() as session:
            await FeedbackService(session, ME).rate(mine.answer_id, Rating.UP, "x" * 2001)
    with pytest.raises(ValidationError, match="not text"):
        async with db.write() as session:
            await FeedbackService(session, ME).rate(mine.answer_id, Rating.UP, "a\x00b")
    assert await count(db, MessageRating) == 0


async def test_relevance_is_the_share_of_cited_answers_rated_up(db: Database) -> None:
    async with db.read() as session:
        empty = await citation_relevance(session)
    assert (empty.rated, empty.up, empty.share) == (0, 0, None)
    # Three people rate the cited answer up, one down; uncited answers do not count.
    people = ["a@mcc.test", "b@mcc.test", "c@mcc.test", "d@mcc.test"]
    chat = await make_chat(db, None)  # a conversation without an owner: open to its id holders
    async with db.write() as session:
        for person, verdict in zip(people, "uuud", strict=True):
            service = FeedbackService(session, person)
            await service.rate(chat.answer_id, Rating.UP if verdict == "u" else Rating.DOWN)
            await service.rate(chat.plain_answer_id, Rating.DOWN)
    async with db.read() as session:
        relevance = await citation_relevance(session)
        later = await citation_relevance(session, since=datetime(2999, 1, 1, tzinfo=UTC))
    assert (relevance.rated, relevance.up, relevance.share) == (4, 3, 0.75)
    assert later.rated == 0


ANSWERS = SurveyAnswers(4, 5, 3, 4, "Slow on the first question", 25)


async def test_one_survey_per_person_per_iso_week_a_second_replaces(db: Database) -> None:
    monday = datetime(2026, 11, 30, 9, tzinfo=UTC)
    sunday = datetime(2026, 12, 6, 23, tzinfo=UTC)
    next_monday = datetime(2026, 12, 7, 0, 30, tzinfo=UTC)
    assert iso_week(monday) == iso_week(sunday) == "2026-W49" != iso_week(next_monday)
    async with db.write() as session:
        first, replaced = await FeedbackService(session, ME).submit_survey(ANSWERS, at=monday)
        assert not replaced
    async with db.write() as session:
        again = SurveyAnswers(2, 2, 2, 2, None, None)
        second, replaced = await FeedbackService(session, ME).submit_survey(again, at=sunday)
        assert replaced
        assert second.id == first.id
    async with db.write() as session:
        await FeedbackService(session, ME).submit_survey(ANSWERS, at=next_monday)
        await FeedbackService(session, OTHER).submit_survey(ANSWERS, at=monday)
    async with db.read() as session:
        rows = (
            await session.scalars(
                select(SurveyResponse).order_by(SurveyResponse.respondent, SurveyResponse.week)
            )
        ).all()
    assert [(r.respondent, r.week, r.overall_satisfaction, r.issues) for r in rows] == [
        (ME, "2026-W49", 2, None),
        (ME, "2026-W50", 4, "Slow on the first question"),
        (OTHER, "2026-W49", 4, "Slow on the first question"),
    ]


@pytest.mark.parametrize(
    ("answers", "fields"),
    [
        (SurveyAnswers(0, 5, 3, 6), {"ease_of_use", "overall_satisfaction"}),
        (SurveyAnswers(3, 3, 3, 3, None, -5), {"minutes_saved"}),
        (SurveyAnswers(3, 3, 3, 3, None, float("inf")), {"minutes_saved"}),
        (SurveyAnswers(True, 3, 3, 3), {"ease_of_use"}),
    ],
)
async def test_a_bad_survey_names_its_fields_and_stores_nothing(
    db: Database, answers: SurveyAnswers, fields: set[str]
) -> None:
    with pytest.raises(ValidationError) as caught:
        async with db.write() as session:
            await FeedbackService(session, ME).submit_survey(answers)
    assert set(caught.value.fields) == fields
    assert await count(db, SurveyResponse) == 0


async def test_concurrent_ratings_and_surveys_leave_one_row_each(fresh_db: Database) -> None:
    """A double click or two tabs: every request succeeds, one row remains (no 500)."""
    chat = await make_chat(fresh_db, ME)

    async def rate(verdict: Rating) -> None:
        async with fresh_db.write() as session:
            await FeedbackService(session, ME).rate(chat.answer_id, verdict)

    async def answer(score: int) -> None:
        async with fresh_db.write() as session:
            await FeedbackService(session, ME).submit_survey(SurveyAnswers(score, 3, 3, 3))

    await asyncio.gather(*(rate(Rating.UP if i % 2 else Rating.DOWN) for i in range(6)))
    await asyncio.gather(*(answer(score) for score in range(1, 6)))
    assert (await count(fresh_db, MessageRating), await count(fresh_db, SurveyResponse)) == (1, 1)
