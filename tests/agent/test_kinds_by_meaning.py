"""A campaign's kind from a description in the user's own words, by meaning (MiniLM): read when
the words clearly describe one type, left to the type question when they do not, and never
before MiniLM is loaded. The descriptions below are our own, none from an evaluation set."""

from __future__ import annotations

from datetime import date

import pytest

from mcc.agent import campaign_kinds, span_tagger
from mcc.agent.campaign_kinds.described import described_kind, kind_by_meaning
from mcc.agent.extraction import extract
from mcc.agent.guardrails import FieldUpdate, check_grounded
from mcc.agent.span_tagger.fill import fill
from mcc.campaigns.schemas import CampaignType


@pytest.mark.usefixtures("kinds")
@pytest.mark.parametrize(
    ("phrase", "kind"),
    [
        ("a drinks reception for our customers on the terrace", CampaignType.EVENT),
        ("a co-branded bundle deal with our distributor", CampaignType.PARTNER),
        ("tailored outreach to the 30 accounts sales cares most about", CampaignType.ABM),
        ("a live online walkthrough people sign up for", CampaignType.WEBINAR),
        ("a send to everyone on our customer mailing list", CampaignType.EMAIL),
        ("a half-day hands-on course at our warehouse", CampaignType.EVENT),
    ],
)
def test_a_clear_description_names_its_type(phrase: str, kind: CampaignType) -> None:
    assert kind_by_meaning(phrase) is kind


@pytest.mark.usefixtures("kinds")
@pytest.mark.parametrize(
    "phrase", ["spring sale", "a summer push", "holiday promo", "a loyalty points relaunch"]
)
def test_words_that_say_nothing_of_the_kind_name_none(phrase: str) -> None:
    assert kind_by_meaning(phrase) is None


@pytest.mark.usefixtures("kinds")
def test_the_phrase_runs_to_the_name_and_its_kind_passes_the_guardrail() -> None:
    text = 'We want a joint offer with the garden centre chain we resell through called "Bloom".'
    start = text.index("joint offer")
    found = described_kind(text, start, start + len("joint offer"))
    assert found is not None
    kind, phrase = found
    assert kind is CampaignType.PARTNER
    assert phrase == "joint offer with the garden centre chain we resell through"
    update = FieldUpdate("type", kind.value, phrase)
    assert check_grounded(update, [text], today=date(2027, 2, 1), flagship_keywords=()) is None


def test_without_minilm_nothing_is_inferred() -> None:
    campaign_kinds.MODEL.reset()  # not loaded (yet, or at all)
    assert kind_by_meaning("a drinks reception for our customers on the terrace") is None


@pytest.mark.usefixtures("kinds")
def test_the_span_taggers_kind_words_fill_the_type_by_meaning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The tagger is sure "rooftop drinks reception" names the kind (the contextual tagger's
    span, as on a machine with MiniLM built): the type is the event it describes, read as surely
    as an answer to "what type?" must be. (After "What I need is", the lead-in's reading asks for
    more: `DESCRIBED`, which this phrase, at 0.53, is not.)"""
    text = (
        "A rooftop drinks reception for our key clients, named 'Skyline Social'. "
        "Audience: finance directors in Leeds. Budget £8k, 14 May 2027, email and LinkedIn."
    )
    start = text.index("rooftop")
    span = ("type", start, start + len("rooftop drinks reception"), 0.99)
    monkeypatch.setattr(span_tagger, "spans", lambda _text, _asked="": [span])
    found = fill(extract(text, today=date(2027, 2, 1)), text)
    assert found.values["type"].value == "event"
    assert "objective" not in found.values  # the kind is no aim
