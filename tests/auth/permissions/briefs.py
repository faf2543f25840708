"""Brief checks shared by the route and GraphQL suites (issue 15): a brief goes only into the
caller's own conversation (another's is NOT_FOUND), and the preview it leads to warns of
colliding launches naming only campaigns the caller may see (others are counted, never named)."""

from __future__ import annotations

import json
from typing import Any

from tests.auth.permissions.portfolio import launching
from tests.auth.permissions.world import Person, World

BRIEF = (
    "Set up an email campaign called 'Permission Probe'.\n"
    "Target audience is SMB owners.\nObjective is to grow signups by 10%.\n"
    "Budget is $10,000.\nLaunch date is May 6, 2031.\n"
)
SUBMIT = """mutation($text: String, $id: ID) {
  submitBrief(text: $text, conversationId: $id) { content conversationId }
}"""


def _names(text: str, world: World) -> set[str]:
    return {team for team, name in world.names.items() if name in text}


def _other(world: World, person: Person) -> Person:
    return next(other for other in world.people if other is not person)


def _check_preview(content: str, world: World, person: Person) -> None:
    assert "Permission Probe" in content, content
    assert _names(content, world) == world.visible(person), (person, content)
    hidden = len(world.campaigns) - len(world.visible(person))
    if hidden:
        assert "in another team" in content or "in other teams" in content, (person, content)


async def brief_api(world: World, person: Person) -> None:
    other = _other(world, person)
    theirs = {"text": BRIEF, "conversation_id": str(other.conversation_id)}
    refused = await world.call(person, "POST", "/api/chat/brief", data=theirs)
    assert refused.status_code == 404, (person, refused.text)
    async with launching(world):
        response = await world.call(person, "POST", "/api/chat/brief", data={"text": BRIEF})
    assert response.status_code == 200, (person, response.text)
    body: dict[str, Any] = response.json()
    _check_preview(body["content"], world, person)


async def brief_form(world: World, person: Person) -> None:
    other = _other(world, person)
    theirs = {"text": BRIEF, "conversation_id": str(other.conversation_id)}
    refused = await world.call(person, "POST", "/chat/brief", data=theirs)
    assert refused.status_code == 404, (person, refused.status_code)
    files = {"file": ("brief.txt", BRIEF.encode(), "text/plain")}
    async with launching(world):
        response = await world.call(person, "POST", "/chat/brief", files=files)
    assert response.status_code == 303, (person, response.text)
    page = (await world.call(person, "GET", response.headers["location"])).text
    # The reply only: the page's conversation list shows the person's earlier questions.
    start = page.rfind('class="message assistant"')
    _check_preview(page[start : page.find("</article>", start)], world, person)


async def submit_brief(world: World, person: Person) -> None:
    other = _other(world, person)
    refused = await world.graphql(person, SUBMIT, {"text": BRIEF, "id": str(other.conversation_id)})
    assert refused["errors"][0]["extensions"]["code"] == "NOT_FOUND", (person, refused)
    assert "Permission Probe" not in json.dumps(refused.get("data"))
    async with launching(world):
        body = await world.graphql(person, SUBMIT, {"text": BRIEF})
    _check_preview(body["data"]["submitBrief"]["content"], world, person)
