"""The chat page: sending through the fallback stream, history on reload, privacy, rendering."""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi import FastAPI

from mcc.db import Database
from mcc.web.markdown import render_markdown
from tests.auth.support import Browser, browser

DETAILS = (
    "Create an email campaign called Spring Promo for small business owners, objective increase "
    "sign-ups by 10%, budget $30,000, launch 2031-03-01"
)


def sse_events(body: str) -> list[tuple[str, Any]]:
    events = []
    for frame in re.split(r"\r?\n\r?\n", body.strip()):
        kind = re.search(r"^event: (.+)$", frame, re.M)
        data = re.search(r"^data: (.+)$", frame, re.M)
        if kind and data:
            events.append((kind.group(1).strip(), json.loads(data.group(1))))
    return events


async def say(user: Browser, text: str, conversation: str | None = None) -> dict[str, Any]:
    data = {"message": text, **({"conversation_id": conversation} if conversation else {})}
    headers = {"X-CSRF-Token": user.csrf, "Accept": "text/event-stream"}
    response = await user.client.post("/api/chat/stream", data=data, headers=headers)
    assert response.status_code == 200, response.text
    events = sse_events(response.text)
    assert [kind for kind, _ in events[:-1]] == ["token"] * (len(events) - 1)
    kind, done = events[-1]
    assert kind == "done"
    return dict(done)


async def test_streamed_draft_confirmed_and_history_kept_on_reload(
    marketer: Browser,
) -> None:
    done = await say(marketer, DETAILS)
    conversation = done["conversationId"]
    card = await marketer.client.get(
        f"/chat/{conversation}/messages/{done['messageId']}", headers={"HX-Request": "true"}
    )
    assert 'class="draft"' in card.text
    assert "Tier 2" in card.text
    assert "from your words: “$30,000”" in card.text
    assert 'data-chat-send="Yes, create it"' in card.text

    created = await say(marketer, "Yes, create it", conversation)
    campaign_id = created["actions"][0]["campaignId"]
    page = await marketer.client.get(f"/chat/{conversation}")
    assert page.status_code == 200
    assert page.text.count('class="message user"') == 2
    assert f'href="/campaigns/{campaign_id}"' in page.text
    assert "Spring Promo" in (await marketer.client.get("/")).text
    listing = await marketer.client.get(f"/chat/{conversation}/list")
    assert 'aria-current="page"' in listing.text


async def test_plain_form_post_redirects_to_the_conversation(marketer: Browser) -> None:
    sent = await marketer.client.post(
        "/chat/messages", data={"message": "hello", "csrf_token": marketer.csrf}
    )
    assert sent.status_code == 303
    assert sent.headers["location"].startswith("/chat/")


async def test_conversations_are_private(marketer: Browser, app: FastAPI, db: Database) -> None:
    done = await say(marketer, "hello")
    async with browser(app, db, "other@mcc.test") as other:
        page = await other.client.get(f"/chat/{done['conversationId']}")
        assert page.status_code == 404
        assert "hello" not in (await other.client.get("/chat")).text
        refused = await other.client.post(
            "/chat/messages",
            data={"message": "hi", "conversation_id": done["conversationId"]},
            headers={"X-CSRF-Token": other.csrf},
        )
        assert refused.status_code == 404


async def test_empty_and_malformed_messages_are_refused(marketer: Browser) -> None:
    headers = {"X-CSRF-Token": marketer.csrf}
    empty = await marketer.client.post("/chat/messages", data={"message": "  "}, headers=headers)
    assert empty.status_code == 422
    assert "empty" in empty.json()["error"]["message"]
    bad = await marketer.client.post(
        "/chat/messages", data={"message": "hi", "conversation_id": "x"}, headers=headers
    )
    assert bad.status_code == 422
    assert (await marketer.client.get("/chat/not-a-uuid")).status_code == 422


def test_markdown_is_rendered_and_sanitised() -> None:
    html = str(render_markdown(
        "**bold** <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=y>\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |"
    ))  # fmt: skip
    assert "<strong>bold</strong>" in html
    assert "<table>" in html
    assert "<script" not in html
    assert 'href="javascript' not in html
    assert "<img" not in html
    assert "&lt;script&gt;" in html
