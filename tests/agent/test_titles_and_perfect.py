"""Two readings the larger act corpora must not change: a title with an emoji is a value, not
small talk, and "perfect" answering "Shall I create it?" approves what was shown."""

from __future__ import annotations

import pytest

from mcc.agent.guardrails import is_explicit_yes, reply_act


@pytest.mark.parametrize("title", ["Harbour Lights 🌊", "Autumn Push 🍂", "🚀 Rocket Relaunch 🚀"])
def test_a_title_with_an_emoji_is_a_value_not_a_reply(title: str) -> None:
    assert reply_act(title) is None


@pytest.mark.parametrize("reply", ["perfect", "Perfect!", "perfect, go ahead"])
def test_perfect_approves_the_preview(reply: str) -> None:
    assert is_explicit_yes(reply)


@pytest.mark.parametrize("reply", ["perfect, thanks", "not perfect", "perfect?", "perfect but 45k"])
def test_perfect_with_thanks_a_doubt_or_a_change_is_not_a_yes(reply: str) -> None:
    assert not is_explicit_yes(reply)
