"""A new name given with the words that say when ("rename it before you do: X") (session 48).

After the preview, "rename it before you do: Summit Stage" renamed the campaign "before you do:
Summit Stage": the words between "rename it" and the new name were taken for part of it.
"""

from __future__ import annotations

import pytest

from tests.agent.conftest import Chat, draft_fields

_BRIEF = (
    "new event campaign called Summit Keynote for IT directors, goal 300 demo requests, "
    "budget $30k, launch 11 May 2027, LinkedIn plus email"
)


@pytest.mark.parametrize(
    "message",
    [
        "rename it before you do: Summit Stage",
        "rename it first - Summit Stage",
        "wait, rename it first: Summit Stage",
        "rename it before you create it: Summit Stage",
        "rename it to Summit Stage before you do",
    ],
)
async def test_the_new_name_is_the_words_after_when(chat: Chat, message: str) -> None:
    reply = await chat.say(_BRIEF)
    assert reply.draft is not None
    assert reply.draft.preview.shown
    reply = await chat.say(message)
    assert draft_fields(reply).get("name") == "Summit Stage"
    assert not reply.actions  # nothing created


@pytest.mark.parametrize("message", ["rename it before you do", "rename it first"])
async def test_without_a_name_it_asks_for_one(chat: Chat, message: str) -> None:
    await chat.say(_BRIEF)
    reply = await chat.say(message)
    assert draft_fields(reply).get("name") == "Summit Keynote"
    assert reply.draft is not None
    assert list(reply.draft.asking[:1]) == ["name"]
    reply = await chat.say("Summit Stage")
    assert draft_fields(reply).get("name") == "Summit Stage"
    assert not reply.actions
