"""Briefs pasted with their labels in another language ("Nom:", "Doelgroep:", "Presupuesto:"),
bilingual headings ("Campagne email / email campaign"), a line headed by the kind ("Event:
"X"") or by whom it is for ("For: ..."), and dollars written after the figure with their country
("5 000 $ CA"). Every wording here was written for this file."""

from __future__ import annotations

from datetime import date

import pytest

from mcc.agent.extraction.foreign_labels import as_english_labels
from tests.agent.reading import readers

TODAY = date(2035, 3, 7)


_values = readers(TODAY)[0]


def test_a_french_brief_reads_every_label() -> None:
    values = _values(
        "Campagne email / email campaign\n"
        "Nom: Soirée Fromages\n"
        "Cible: restaurateurs à Lyon\n"
        "Objectif: 150 réservations\n"
        "Budget: 8 000 $ CA\n"
        "Date d'envoi: 2 octobre 2035"
    )
    assert values["name"] == "Soirée Fromages"
    assert values["type"] == "email"
    assert values["target_audience"] == "restaurateurs à Lyon"
    assert values["objective"] == "150 réservations"
    assert (values["budget"], values["currency"]) == ("8000", "CAD")
    assert values["launch_date"] == "2035-10-02"


def test_a_dutch_and_a_spanish_brief() -> None:
    dutch = _values(
        "Content campagne / content campaign\nNaam: Groene Daken\nDoelgroep: huiseigenaren in "
        "Gent\nDoel: 400 offerteaanvragen\nKanalen: email, paid social"
    )
    assert (dutch["name"], dutch["type"]) == ("Groene Daken", "content")
    assert dutch["target_audience"] == "huiseigenaren in Gent"
    assert dutch["objective"] == "400 offerteaanvragen"
    spanish = _values(
        'Evento: "Feria del Libro Joven"\nAudience / público: profesores de secundaria en Quito\n'
        "Objetivo: 300 inscritos\nPresupuesto: USD 12,000"
    )
    assert (spanish["name"], spanish["type"]) == ("Feria del Libro Joven", "event")
    assert spanish["target_audience"] == "profesores de secundaria en Quito"
    assert spanish["objective"] == "300 inscritos"
    assert spanish["budget"] == "12000"


@pytest.mark.parametrize(
    ("text", "rewritten"),
    [
        ("Nom: X", "name:X"),  # shorter in French: the space after the colon is used
        ("Doel: 40 leads", "goal: 40 leads"),
        ("Zielgruppe: Ärzte", "audience:   Ärzte"),
        ("Nombre: y", "name:   y"),
    ],
)
def test_labels_are_rewritten_in_the_same_length(text: str, rewritten: str) -> None:
    assert as_english_labels(text) == rewritten
    assert len(as_english_labels(text)) == len(text)


def test_words_that_are_no_label_stay() -> None:
    text = "Meta: ads on Instagram\nPublicity: tbc\nnom nom: cookies"
    assert as_english_labels(text) == text


def test_a_line_headed_by_the_kind_gives_the_type_and_for_gives_the_audience() -> None:
    values = _values(
        'Passing this on from the venue:\n\nWorkshop day\nEvent: "Clay & Coffee"\nFor: '
        "first-time potters in Bristol\nObjective: 40 seats sold"
    )
    assert (values["name"], values["type"]) == ("Clay & Coffee", "event")
    assert values["target_audience"] == "first-time potters in Bristol"


def test_an_address_after_a_kind_word_is_a_signature() -> None:
    assert "type" not in _values("Thanks,\nPriya\nEmail: priya@example.com")
