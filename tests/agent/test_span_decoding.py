"""The span tagger reads a message's best sequence of tags, and its confident spans replace the
rules' free text only whole.

Wordings written for this file (s33); the figures behind the thresholds are in
`mcc.agent.span_tagger.fill.REPLACE` and the README."""

from __future__ import annotations

import numpy as np

from mcc.agent.extraction import Candidate
from mcc.agent.span_tagger import fill, span_values
from mcc.agent.span_tagger.corpus import DRAFT
from mcc.agent.span_tagger.model import TokenModel

_CLASSES = ["B-objective", "I-objective", "O"]
_NAMES = ["w=grow", "tag-1=B-objective", "tag-1=O"]


def _hesitant_model() -> TokenModel:
    """A tagger a little more sure that "grow" is outside a value than its start, but sure that
    whatever follows a started objective goes on with it."""
    coef = np.zeros((len(_CLASSES), len(_NAMES)))
    coef[_CLASSES.index("O"), _NAMES.index("w=grow")] = -0.2
    coef[_CLASSES.index("I-objective"), _NAMES.index("tag-1=B-objective")] = 5.0
    coef[_CLASSES.index("I-objective"), _NAMES.index("tag-1=O")] = -10.0
    coef[_CLASSES.index("O"), _NAMES.index("tag-1=O")] = 0.4
    vocabulary = {name: i for i, name in enumerate(_NAMES)}
    return TokenModel(vocabulary, coef, np.zeros(len(_CLASSES)), _CLASSES)


def test_the_best_sequence_wins_over_the_best_first_word() -> None:
    """Word by word, "grow" is outside (0.55) and then so is "pipeline"; as a sequence,
    "grow pipeline" as one objective is likelier (0.45 x 0.99 against 0.55 x 0.6)."""
    text = "grow pipeline"
    spans = _hesitant_model().spans(text)
    assert [(field, text[start:end]) for field, start, end, _ in spans] == [
        ("objective", "grow pipeline")
    ]
    # Each token's confidence is its field's probability after the tag before it.
    assert 0.4 < spans[0][3] < 0.8


def _replaced(field: str, text: str, read: str, guessed: str, used: list[str]) -> str:
    draft = DRAFT[field]
    values = {draft: Candidate(draft, read, read)}
    start = text.index(guessed)
    proposal = [(field, start, start + len(guessed), 0.97)]
    fill._replace(values, proposal, text, [read, *used])
    return str(values[draft].value)


def test_a_sure_objective_replaces_the_rules_run_on() -> None:
    text = "Webinar for plant managers: drive 40 demo requests from the recording in Q3"
    read = "drive 40 demo requests from the recording in Q3 for plant"
    got = _replaced("objective", text, read, "drive 40 demo requests from the recording", [])
    assert got == "drive 40 demo requests from the recording"


def test_a_span_cut_by_another_fields_words_replaces_nothing() -> None:
    """The type took "partner": the tagger's span without it would be the bare "40"."""
    text = "partner co-marketing campaign\nget 40 partner-sourced opportunities\n$60k"
    read = "get 40 partner-sourced opportunities"
    got = _replaced("objective", text, read, "40 partner-sourced opportunities", ["partner"])
    assert got == read


def test_the_writers_next_clause_is_no_part_of_the_people() -> None:
    text = (
        "it goes to developers who starred our GitHub repo and what we really want out of it "
        "is reactivate 10% of lapsed users"
    )
    read = "developers who starred our GitHub repo and what we really want out of it"
    guessed = "developers who starred our GitHub repo and what we"
    got = _replaced("audience", text, read, guessed, [])
    assert got == "developers who starred our GitHub repo"


def test_a_list_separator_ends_a_value() -> None:
    text = "name: Umber Voices / objective: grow pipeline by 2 million / budget: USD 99,999"
    start = text.index("grow")
    end = text.index("budget")
    free = span_values.free_end("objective", start, end, text, [])
    assert free is not None
    assert text[start:free] == "grow pipeline by 2 million"
