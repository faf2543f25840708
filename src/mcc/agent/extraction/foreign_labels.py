"""Labels of a pasted brief in the languages briefs arrive in: "Nom:", "Cible:", "Doelgroep:",
"Presupuesto:", "Kanäle:", "Fecha:", each read as the English label of its field.

A brief forwarded from a French, Spanish, German, Dutch, Italian or Portuguese colleague keeps
its own labels ("Objectif: 1 000 commandes"); the readers know the English ones. Each label
that opens a line is rewritten in place, in the same number of characters (the evidence stays
where the user wrote it): the English word, or a shorter label of the same field when the
foreign one is shorter, taking the spaces after the colon if it must ("Nom: X" -> "name:X").
"""

from __future__ import annotations

import re

# Each field's labels in English, longest first: the first one that fits is written.
_ENGLISH = {
    "name": ("name",),
    "type": ("type",),
    "audience": ("audience", "aud"),
    "objective": ("objective", "goal", "aim"),
    "budget": ("budget",),
    "launch date": ("launch date", "launch", "date"),
    "channels": ("channels", "channel"),
}
_FOREIGN = {
    "name": (
        "nom", "nom de la campagne", "nom de campagne", "nombre", "nombre de la campaña",
        "nombre de campaña", "nome", "nome da campanha", "nome della campagna", "naam",
        "campagnenaam", "kampagnenname", "kampagne", "titel", "titre", "título", "titolo",
    ),
    "type": (
        "type de campagne", "tipo", "tipo de campaña", "tipo de campanha", "tipo di campagna",
        "typ", "kampagnentyp", "soort", "soort campagne",
    ),
    "audience": (
        "cible", "public", "public cible", "audience cible", "público", "publico",
        "público objetivo", "publico objetivo", "audiencia", "público-alvo", "publico-alvo",
        "pubblico", "destinatari", "zielgruppe", "doelgroep", "publiek",
    ),
    "objective": (
        "objectif", "objectifs", "objetivo", "objetivos", "obiettivo", "ziel", "ziele", "doel",
        "doelstelling",
    ),
    "budget": ("presupuesto", "orçamento", "orcamento", "bilancio", "begroting", "etat"),
    "launch date": (
        "date de lancement", "date d'envoi", "date de début", "lancement", "fecha",
        "fecha de lanzamiento", "fecha de envío", "fecha de inicio", "lanzamiento",
        "data de lançamento", "data de envio", "lançamento", "data di lancio", "lancio",
        "startdatum", "starttermin", "datum", "lancering", "verzenddatum", "versanddatum",
        "einführung", "veröffentlichung",
    ),
    "channels": ("canaux", "canales", "canais", "canali", "kanäle", "kanale", "kanalen"),
}  # fmt: skip
_FIELD_OF = {word: field for field, words in _FOREIGN.items() for word in words}
_LABEL = re.compile(
    r"(?m)^(?P<lead>[ \t]*(?:(?:[-*•·>]+|\d{1,2}[.)])[ \t]*)?)"
    r"(?P<phrase>[^\W\d_][^\W\d_'’ -]{1,28}?(?:[ \t]*/[ \t]*[^\W\d_][^\W\d_'’ -]{1,28}?)?)"
    r"(?P<colon>[ \t]*:)(?P<space>[ \t]*)"
)
_ENGLISH_OF = {word: field for field, words in _ENGLISH.items() for word in words}


def _field(phrase: str) -> str | None:
    """The field a label names: a foreign word, or a bilingual pair with one ("Audience /
    público", "Doel / goal")."""
    parts = [part.strip().lower().replace("’", "'") for part in phrase.split("/")]
    fields = {_FIELD_OF.get(part) or _ENGLISH_OF.get(part) for part in parts}
    known = fields - {None}
    # Foreign last ("Audience / público"); English last is `labels._BILINGUAL`'s ("Nom / name").
    foreign = parts[-1] in _FIELD_OF
    return known.pop() if foreign and len(known) == 1 else None


def _english(match: re.Match[str]) -> str:
    field = _field(match["phrase"])
    if field is None:
        return match.group()
    room = len(match.group()) - len(match["lead"]) - 1  # the colon stays
    label = next((word for word in _ENGLISH[field] if len(word) <= room), None)
    if label is None:
        return match.group()
    return f"{match['lead']}{label}:{' ' * (room - len(label))}"


# A bilingual heading ("Campagne email / email campaign", "Content campagne / content
# campaign"): the English half says it; the other half, read too, made "email / email" a list
# of channels rather than the campaign's kind.
_BILINGUAL_HEADING = re.compile(
    r"(?im)^(?P<other>[ \t]*[^\n/]*\b(?:campagne|kampagne|campaña|campanha|campagna)\b[^\n/]*/)"
    r"(?=[^\n/]*\bcampaign\b[^\n/]*$)"
)


def as_english_labels(text: str) -> str:
    """`text` with the labels that open its lines in another language written in English, and
    a bilingual heading's other half blank; the same length."""
    text = _BILINGUAL_HEADING.sub(lambda match: " " * len(match["other"]), text)
    if ":" not in text:
        return text
    return _LABEL.sub(_english, text)
