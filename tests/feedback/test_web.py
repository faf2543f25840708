"""The thumbs under each answer and the survey page, as a signed-in browser uses them, and the
GraphQL mutations: what the user sees after rating, and bad input refused with nothing stored."""

from __future__ import annotations

import re

from mcc.db import Database
from mcc.models import Conversation, Message, MessageRating, SurveyResponse
from tests.auth.support import Browser
from tests.feedback.conftest import make_chat
from tests.feedback.test_service import count


def pressed(html: str, value: str) -> bool:
    button = re.search(rf'<button[^>]*value="{value}"[^>]*>', html)
    assert button, html
    return 'aria-pressed="true"' in button.group(0)


async def test_thumbs_under_each_answer_rate_and_re_rate(marketer: Browser, db: Database) -> None:
    chat = await make_chat(db, marketer.email)
    page = await marketer.client.get(f"/chat/{chat.conversation_id}")
    assert page.text.count('class="rating"') == 2  # two answers; the question has none
    path = f"/chat/messages/{chat.answer_id}/rating"
    up = await marketer.client.post(path, data={"rating": "up"}, headers=marketer.htmx)
    assert up.status_code == 200
    assert pressed(up.text, "up")
    assert not pressed(up.text, "down")
    assert "Thanks" in up.text
    form = {"rating": "down", "comment": "Cited the wrong playbook"}
    down = await marketer.client.post(path, data=form, headers=marketer.htmx)
    assert pressed(down.text, "down")
    assert not pressed(down.text, "up")
    # The verdict and comment are there after a reload, on that answer only.
    page = await marketer.client.get(f"/chat/{chat.conversation_id}")
    answer = page.text.split(f'id="message-{chat.answer_id}"')[1].split("</article>")[0]
    assert pressed(answer, "down")
    assert "Cited the wrong playbook" in answer
    other = page.text.split(f'id="message-{chat.plain_answer_id}"')[1].split("</article>")[0]
    assert not pressed(other, "up")
    assert not pressed(other, "down")
    assert await count(db, MessageRating) == 1


async def test_without_javascript_rating_returns_to_the_conversation(
    marketer: Browser, db: Database
) -> None:
    chat = await make_chat(db, marketer.email)
    response = await marketer.client.post(
        f"/chat/messages/{chat.answer_id}/rating",
        data={"rating": "up", "csrf_token": marketer.csrf},
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/chat/{chat.conversation_id}#message-{chat.answer_id}"


async def test_bad_ratings_are_refused_and_change_nothing(
    marketer: Browser, admin: Browser, db: Database
) -> None:
    chat = await make_chat(db, marketer.email)
    path = f"/chat/messages/{chat.answer_id}/rating"
    sideways = await marketer.client.post(path, data={"rating": "sideways"}, headers=marketer.htmx)
    assert sideways.status_code == 422
    assert "expected up or down" in sideways.text
    long = {"rating": "up", "comment": "x" * 2001}
    too_long = await marketer.client.post(path, data=long, headers=marketer.htmx)
    assert too_long.status_code == 422
    assert "too long" in too_long.text
    # Even an admin cannot rate someone else's answer: it looks like no answer.
    theirs = await admin.client.post(path, data={"rating": "up"}, headers=admin.htmx)
    assert theirs.status_code == 404
    not_id = await marketer.client.post(
        "/chat/messages/nope/rating", data={"rating": "up"}, headers=marketer.htmx
    )
    assert not_id.status_code == 422
    question = await marketer.client.post(
        f"/chat/messages/{chat.question_id}/rating", data={"rating": "up"}, headers=marketer.htmx
    )
    assert question.status_code == 422
    assert await count(db, MessageRating) == 0


SURVEY = {
    "ease_of_use": "4",
    "response_quality": "5",
    "time_saved": "3",
    "overall_satisfaction": "4",
    "issues": "Slow first answer",
    "minutes_saved": "25",
}


async def test_survey_page_from_the_menu_saves_and_a_second_answer_replaces(
    marketer: Browser, db: Database
) -> None:
    page = await marketer.client.get("/survey")
    assert page.status_code == 200
    assert '<a href="/survey"' in page.text  # in the menu
    headers = {"X-CSRF-Token": marketer.csrf}
    saved = await marketer.client.post("/survey", data=SURVEY, headers=headers)
    assert "are saved." in saved.text
    again = await marketer.client.get("/survey")
    assert "You answered this week already" in again.text
    assert 'name="response_quality" value="5" required checked' in again.text
    assert "Slow first answer" in again.text
    replaced = await marketer.client.post(
        "/survey", data={**SURVEY, "overall_satisfaction": "2"}, headers=headers
    )
    assert "they replace the ones you gave earlier this week" in replaced.text
    assert await count(db, SurveyResponse) == 1


async def test_a_bad_survey_shows_what_to_fix_and_keeps_what_was_typed(
    marketer: Browser, db: Database
) -> None:
    bad = {**SURVEY, "ease_of_use": "9", "minutes_saved": "lots"}
    response = await marketer.client.post(
        "/survey", data=bad, headers={"X-CSRF-Token": marketer.csrf}
    )
    assert response.status_code == 422
    assert "ease of use" in response.text
    assert "minutes saved" in response.text
    assert "Slow first answer" in response.text
    assert await count(db, SurveyResponse) == 0


RATE = "mutation($id: ID!, $r: Rating!, $c: String) { rateMessage(messageId: $id, rating: $r, comment: $c) { rating comment citationCount } }"  # noqa: E501
SUBMIT = "mutation($e: Int!, $m: Float) { submitSurvey(easeOfUse: $e, responseQuality: 4, timeSaved: 4, overallSatisfaction: 5, minutesSaved: $m) { week overallSatisfaction replaced } }"  # noqa: E501


async def test_graphql_rate_message_and_submit_survey(marketer: Browser, db: Database) -> None:
    chat = await make_chat(db, marketer.email)
    headers = {"X-CSRF-Token": marketer.csrf}

    async def call(query: str, variables: dict[str, object]) -> dict[str, object]:
        body = {"query": query, "variables": variables}
        response = await marketer.client.post("/graphql", json=body, headers=headers)
        assert response.status_code == 200
        result: dict[str, object] = response.json()
        return result

    rated = await call(RATE, {"id": str(chat.answer_id), "r": "DOWN", "c": "Off topic"})
    expected = {"rating": "DOWN", "comment": "Off topic", "citationCount": 2}
    assert rated["data"] == {"rateMessage": expected}
    bad = await call(RATE, {"id": "not-a-uuid", "r": "UP"})
    assert bad["errors"][0]["extensions"]["code"] == "VALIDATION"  # type: ignore[index]
    first = await call(SUBMIT, {"e": 4, "m": 30})
    assert first["data"]["submitSurvey"]["replaced"] is False  # type: ignore[index]
    second = await call(SUBMIT, {"e": 5, "m": None})
    assert second["data"]["submitSurvey"]["replaced"] is True  # type: ignore[index]
    refused = await call(SUBMIT, {"e": 6, "m": -1})
    error = refused["errors"][0]["extensions"]  # type: ignore[index]
    assert error["code"] == "VALIDATION"
    assert set(error["fields"]) == {"ease_of_use", "minutes_saved"}
    assert (await count(db, MessageRating), await count(db, SurveyResponse)) == (1, 1)


async def test_the_reply_that_creates_a_campaign_invites_to_the_survey(
    marketer: Browser, db: Database
) -> None:
    async with db.write() as session:
        conversation = Conversation(owner=marketer.email)
        session.add(conversation)
        await session.flush()
        created = {"actions": [{"type": "campaign_created", "campaignId": "c-1"}]}
        reply = Message(conversation_id=conversation.id, role="assistant", content="Created.",
                        details=created)  # fmt: skip
        plain = Message(conversation_id=conversation.id, role="assistant", content="Hello.")
        session.add_all([reply, plain])
        await session.flush()
    base = f"/chat/{conversation.id}/messages"
    invited = await marketer.client.get(f"{base}/{reply.id}", headers=marketer.htmx)
    assert 'href="/survey"' in invited.text
    assert 'class="rating"' in invited.text  # a streamed reply gets the thumbs too
    other = await marketer.client.get(f"{base}/{plain.id}", headers=marketer.htmx)
    assert 'href="/survey"' not in other.text
