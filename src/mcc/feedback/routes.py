"""Feedback pages: the thumbs under each assistant answer (an htmx fragment) and the pilot survey.

Both call `FeedbackService`, as GraphQL does; the signed-in user is the rater, never a form field.
Without JavaScript the rating form posts normally and comes back to the conversation.
"""

from __future__ import annotations

import math
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from mcc.auth.deps import CurrentUserDep
from mcc.auth.schemas import CurrentUser
from mcc.db import Database
from mcc.exceptions import ValidationError
from mcc.feedback.service import (
    COMMENT_MAX,
    MINUTES_MAX,
    SCORES,
    FeedbackService,
    SurveyAnswers,
    iso_week,
    parse_message_id,
    parse_rating,
)
from mcc.models.base import utcnow
from mcc.web.templating import is_htmx, render

router = APIRouter()
QUESTIONS = {
    "ease_of_use": "Ease of use",
    "response_quality": "Response quality",
    "time_saved": "Time saved",
    "overall_satisfaction": "Overall satisfaction",
}


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


@router.post("/chat/messages/{message_id}/rating", response_class=HTMLResponse)
async def rate(request: Request, user: CurrentUserDep, message_id: str) -> Response:
    form = await request.form()
    parsed = parse_message_id(message_id)
    database: Database = request.app.state.db
    context: dict[str, Any] = {"message_id": parsed, "error": None, "saved": False}
    try:
        rating = parse_rating(_text(form, "rating"))
        async with database.write() as session:
            service = FeedbackService(session, user.email)
            row = await service.rate(parsed, rating, _text(form, "comment"))
            conversation_id = await service.conversation_of(parsed)
        context.update(my_rating=row.rating, my_comment=row.comment or "", saved=True)
    except ValidationError as problem:
        async with database.read() as session:
            mine = await FeedbackService(session, user.email).my_rating(parsed)
        context.update(my_rating=mine[0], my_comment=mine[1], error=problem.message)
        return render(request, None, context, fragment="rating.html", status_code=422)
    if not is_htmx(request):
        return RedirectResponse(f"/chat/{conversation_id}#message-{parsed}", status_code=303)
    return render(request, None, context, fragment="rating.html")


def answers_from_form(form: FormData) -> SurveyAnswers:
    """The form's strings as answers; anything unreadable becomes a value `checked()` refuses."""

    def score(name: str) -> int:
        text = _text(form, name).strip()
        # isascii: "²" is a digit to isdigit but not to int (it was a 500).
        return int(text) if text.isascii() and text.isdigit() and len(text) < 3 else 0

    minutes_text = _text(form, "minutes_saved").strip()
    try:
        minutes = float(minutes_text) if minutes_text else None
    except ValueError:
        minutes = math.nan
    return SurveyAnswers(
        score("ease_of_use"), score("response_quality"), score("time_saved"),
        score("overall_satisfaction"), _text(form, "issues"), minutes,
    )  # fmt: skip


async def _survey_page(
    request: Request, user: CurrentUser, *, values: dict[str, Any] | None = None,
    notice: str | None = None, error: ValidationError | None = None, status_code: int = 200,
) -> Response:  # fmt: skip
    if values is None:
        database: Database = request.app.state.db
        async with database.read() as session:
            mine = await FeedbackService(session, user.email).my_survey()
        values = {}
        if mine is not None:
            values = {name: getattr(mine, name) for name in (*SCORES, "issues", "minutes_saved")}
            values["answered"] = True
    context = {
        "section": "survey", "questions": QUESTIONS, "values": values, "notice": notice,
        "error": error.message if error else None, "fields": error.fields if error else {},
        "week": iso_week(utcnow()), "comment_max": COMMENT_MAX, "minutes_max": MINUTES_MAX,
    }  # fmt: skip
    return render(request, "survey.html", context, status_code=status_code)


@router.get("/survey", response_class=HTMLResponse)
async def survey(request: Request, user: CurrentUserDep) -> Response:
    return await _survey_page(request, user)


@router.post("/survey", response_class=HTMLResponse)
async def submit_survey(request: Request, user: CurrentUserDep) -> Response:
    form = await request.form()
    answers = answers_from_form(form)
    database: Database = request.app.state.db
    try:
        async with database.write() as session:
            row, replaced = await FeedbackService(session, user.email).submit_survey(answers)
    except ValidationError as problem:
        values = {name: _text(form, name) for name in (*SCORES, "issues", "minutes_saved")}
        return await _survey_page(
            request, user, values=values, error=problem, status_code=problem.status_code
        )
    said = "Thank you: your answers for " + row.week + " are saved"
    said += " (they replace the ones you gave earlier this week)." if replaced else "."
    return await _survey_page(request, user, notice=said)
