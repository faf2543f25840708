"""The span tagger's training messages: blind-written only.

Two sources, both written by sessions that never saw the evaluation sets' TEST halves:
- `extraction/written/messages.jsonl` (written blind by helper w17), `more.jsonl` (by w18,
  stronger on objectives, replies and changes; `README.more.md`) and `third.jsonl` (by w19, first
  briefs in many shapes; `README.third.md`), `fourth.jsonl` (by w20, objectives, names and
  types; `README.fourth.md`), `fifth.jsonl` (by w21), `sixth.jsonl` (by w22), `seventh.jsonl`
  (by w23), `eighth.jsonl` (by w24) and `thirteenth.jsonl` (by a session 49 helper: names given
  in 108 ways, `README.thirteenth.md`), each trained on once the next blind sets replaced it as
  the held-out set (now `ninth.jsonl`, by w25, marketing teams' briefs in intake-form, ticket,
  letter and e-mail shapes, `README.ninth.md`, and `tenth.jsonl`, by w26, a conversation's
  replies, partial briefs and changes, `README.tenth.md`, and `eleventh.jsonl`, by a session 44
  helper, a newcomer's answers one question at a time, `README.eleventh.md`; training on ninth and
  tenth was tried there and lost more DEV scenarios than it gained): whole messages, each with
  the exact words of its fields (`{"asked", "text", "fields": {field: words, "channels": [..]}}`);
- messages put together from the blind clause corpus (`clauses/written/clauses.tsv`): a few
  clauses of different roles joined with the connectors people type (", ", " - ", "; ", a line
  break, " and "), each field clause marked by its words without the lead-in ("the goal is",
  "call it"), and some single clauses as the answer to the field the assistant asked for.
A message's spans are (field, start, end) over its text; the fields are the tagger's: name,
audience, objective, type.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from importlib import resources

from mcc.agent.clauses import Role
from mcc.agent.clauses.refine import bare

# The written messages' field keys -> the tagger's fields.
FIELD_OF = {
    "name": "name",
    "target_audience": "audience",
    "objective": "objective",
    "campaign_type": "type",
}
# The field asked for, as the assistant names it (`pending` of `mcc.agent.dialogue.read`).
ASKED_AS = {"campaign_type": "type", "start_date": "launch_date"}
DRAFT = {"name": "name", "audience": "target_audience", "objective": "objective", "type": "type"}
ROLE_FIELD = {
    Role.NAME: "name",
    Role.AUDIENCE: "audience",
    Role.OBJECTIVE: "objective",
    Role.TYPE: "type",
}
MESSAGES = ("mcc.agent.extraction", "written/messages.jsonl")
MORE_MESSAGES = ("mcc.agent.extraction", "written/more.jsonl")
THIRD_MESSAGES = ("mcc.agent.extraction", "written/third.jsonl")
FOURTH_MESSAGES = ("mcc.agent.extraction", "written/fourth.jsonl")
FIFTH_MESSAGES = ("mcc.agent.extraction", "written/fifth.jsonl")
SIXTH_MESSAGES = ("mcc.agent.extraction", "written/sixth.jsonl")
SEVENTH_MESSAGES = ("mcc.agent.extraction", "written/seventh.jsonl")
EIGHTH_MESSAGES = ("mcc.agent.extraction", "written/eighth.jsonl")
# By a session 49 helper: first messages that give a name in 108 ways, and ones that give none
# beside capitalised words that are no name (`README.thirteenth.md`).
THIRTEENTH_MESSAGES = ("mcc.agent.extraction", "written/thirteenth.jsonl")
# The written corpora trained on. `ninth.jsonl`, `tenth.jsonl`, `eleventh.jsonl` and
# `twelfth.jsonl` (by a session 46 helper: bare answers whose last words look like another field's,
# and the remarks around them, `README.twelfth.md`) are not: they are the blind held-out sets
# (`scripts/objective_losses.py --messages`).
TRAINED_ON = (
    MESSAGES,
    MORE_MESSAGES,
    THIRD_MESSAGES,
    FOURTH_MESSAGES,
    FIFTH_MESSAGES,
    SIXTH_MESSAGES,
    SEVENTH_MESSAGES,
    EIGHTH_MESSAGES,
    THIRTEENTH_MESSAGES,
)
CLAUSES = ("mcc.agent.clauses", "written/clauses.tsv")
SYNTHESISED = 600  # messages put together from the clause corpus
TEMPLATED = 300  # ... and from its values in `_TEMPLATES`
_SEED = 20261203
_CONNECTORS = (", ", ", ", ". ", "; ", " - ", " — ", "\n", " and ", ", also ")
# What leads into a name: "call it", "name:", "working title is", "we're going with".
_NAME_LEAD = re.compile(
    r"\b(?:call(?:s|ed|ing)?(?:\s+(?:it|this|the\s+campaign))?(?:\s+as)?"
    r"|nam(?:e|ed|ing)(?:\s+(?:it|this))?(?:\s+as)?(?:\s+(?:is|will\s+be|should\s+be|shall\s+be"
    r"|of\s+this\s+is\s+to\s+be|we\s+\w+\s+on\s+is|is\s+to\s+be))?|name's"
    r"|(?:working\s+)?title[ds]?(?:\s+(?:it|is|will\s+be|should\s+be))?"
    r"|going\s+with|landed\s+on|branding\s+it|let's\s+do|dub(?:bed)?\s+it)\s*[:=,-]?\s*",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"[\"“«‘'](?P<words>[^\"”»’']{2,60})[\"”»’']")
# An aside's bracket or a short label before an audience or objective: "(aim: ", "so ".
_OPENING = re.compile(r"[(\[]?\s*(?:[A-Za-z]+\s*:\s*|so\s+|and\s+)?")
_TAIL = re.compile(r"\s+(?:i\s+think|please|pls|period|for\s+now|maybe)$", re.IGNORECASE)


@dataclass(frozen=True)
class Message:
    text: str
    spans: tuple[tuple[str, int, int], ...]
    asked: str = ""


def read_corpus(package: str, name: str) -> str:
    """A shipped corpus's text ("" when it is missing)."""
    file = resources.files(package).joinpath(name)
    return file.read_text("utf-8") if file.is_file() else ""


def source() -> str:
    """Everything the tagger learns from (its cache key): both corpora, as written."""
    return (
        "\n".join(read_corpus(*where) for where in (*TRAINED_ON, CLAUSES))
        + f"|{SYNTHESISED}|{TEMPLATED}|{_SEED}|{_TEMPLATES}"
    )


def written(text: str | None = None) -> list[Message]:
    """The written messages trained on, every writer's, or those of `text` (a field whose words
    are not in the text is left out)."""
    rows = []
    if text is None:
        text = "\n".join(read_corpus(*where) for where in TRAINED_ON)
    for line in text.splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        message = str(item["text"])
        spans = []
        for key, field in FIELD_OF.items():
            words = item["fields"].get(key)
            at = message.find(words) if isinstance(words, str) and words else -1
            if at >= 0:
                spans.append((field, at, at + len(words)))
        asked = str(item.get("asked") or "")
        rows.append(Message(message, tuple(spans), ASKED_AS.get(asked, asked)))
    return rows


def value_in(role: Role, clause: str) -> tuple[int, int]:
    """Where the value of a `role` clause is in it: its words without lead-in or tail."""
    if role is Role.NAME:
        quoted = _QUOTED.search(clause)
        if quoted:
            return quoted.span("words")
        leads = list(_NAME_LEAD.finditer(clause))
        start = leads[-1].end() if leads and leads[-1].end() < len(clause) else 0
        tail = _TAIL.search(clause, start)
        return start, tail.start() if tail else len(clause)
    if role is Role.TYPE:
        start = len(re.match(r"(?:an?|the)\s+|", clause, re.IGNORECASE).group())  # type: ignore[union-attr]
        return start, len(clause)
    start, end = len(_OPENING.match(clause).group()), len(clause)  # type: ignore[union-attr]
    while end > start and clause[end - 1] in ")].":
        end -= 1
    return bare(clause, start, end)


def clause_rows() -> list[tuple[Role, str]]:
    rows = []
    for number, line in enumerate(read_corpus(*CLAUSES).splitlines()):
        role, tab, clause = line.partition("\t")
        if number == 0 or not tab or not clause.strip():
            continue
        rows.append((Role(role.strip()), clause.strip()))
    return rows


def synthesised(
    rows: list[tuple[Role, str]] | None = None, count: int = SYNTHESISED
) -> list[Message]:
    """Messages joined from clauses of the clause corpus (deterministic: a fixed seed)."""
    rows = clause_rows() if rows is None else rows
    draw = random.Random(_SEED)  # noqa: S311 - training data, not secrets
    by_role: dict[Role, list[str]] = {}
    for role, clause in rows:
        by_role.setdefault(role, []).append(clause)
    messages = []
    for _ in range(count):
        if draw.random() < 0.15:  # an answer to the field just asked for
            role = draw.choice(list(ROLE_FIELD))
            clause = draw.choice(by_role[role])
            start, end = value_in(role, clause)
            field = ROLE_FIELD[role]
            messages.append(Message(clause, ((field, start, end),), DRAFT[field]))
            continue
        roles = draw.sample(list(ROLE_FIELD), draw.randint(1, 4))
        roles += [r for r in (Role.AMOUNT, Role.DATE, Role.CHANNELS, Role.OTHER, Role.REPLY)
                  if r in by_role and draw.random() < 0.25]  # fmt: skip
        draw.shuffle(roles)
        if Role.REQUEST in by_role and draw.random() < 0.5:
            roles.insert(0, Role.REQUEST)
        text, spans = "", []
        for position, role in enumerate(roles):
            clause = draw.choice(by_role[role])
            if position:
                text += draw.choice(_CONNECTORS)
            if role in ROLE_FIELD:
                start, end = value_in(role, clause)
                spans.append((ROLE_FIELD[role], len(text) + start, len(text) + end))
            text += clause
        messages.append(Message(text, tuple(spans)))
    return messages


# Sentences that run values together with no comma between them ("a webinar for CFOs to book
# demos"): a clause-joined message never does, so without them the tagger would run a value on
# to the next comma. Slots: {type}, {audience}, {objective} (a purpose, after "to"), {name}.
_TEMPLATES = (
    "{opening} a {type} for {audience} to {objective}",
    "{opening} {type} for {audience} to {objective}, budget {amount}",
    "{opening} a {type} called {name} for {audience}",
    "{opening} a {type} aimed at {audience} so we can {objective}",
    "{name}: {type} targeting {audience}",
    "{opening} {type} to {objective} among {audience}",
    "{type} for {audience} next month to {objective}",
    "{opening} a {type} named {name} to {objective}",
    "{opening} a {type} to reach {audience}",
    "{audience} are who we want to reach with a {type} to {objective}",
)
_OPENINGS = ("we want", "can you set up", "I need", "please create", "let's run", "planning",
             "could we do", "set up", "")  # fmt: skip
_AMOUNTS = ("40k", "$12,000", "about 25 grand", "€8k")


def templated(rows: list[tuple[Role, str]] | None = None, count: int = TEMPLATED) -> list[Message]:
    """Messages from `_TEMPLATES` with the clause corpus's values in the slots."""
    rows = clause_rows() if rows is None else rows
    draw = random.Random(_SEED + 1)  # noqa: S311 - training data, not secrets
    values: dict[str, list[str]] = {"name": [], "audience": [], "objective": [], "type": []}
    for role, clause in rows:
        field = ROLE_FIELD.get(role)
        if field is None or (field == "objective" and not clause.lower().startswith("to ")):
            continue  # a purpose only where "to" leads it into the sentence
        start, end = value_in(role, clause)
        if end - start >= 2:
            values[field].append(clause[start:end])
    messages = []
    for _ in range(count):
        picked = {field: draw.choice(options) for field, options in values.items()}
        picked["opening"] = draw.choice(_OPENINGS)
        picked["amount"] = draw.choice(_AMOUNTS)
        messages.append(_filled(draw.choice(_TEMPLATES), picked))
    return messages


def _filled(template: str, picked: dict[str, str]) -> Message:
    """`template` with its slots filled; the spans of the field slots."""
    text, spans, cut = "", [], 0
    for slot in re.finditer(r"\{(\w+)\}", template):
        text += template[cut : slot.start()]
        words = picked[slot.group(1)]
        if slot.group(1) in FIELD_OF.values():
            spans.append((slot.group(1), len(text), len(text) + len(words)))
        text += words
        cut = slot.end()
    text += template[cut:]
    lead = len(text) - len(text.lstrip())
    moved = tuple((field, start - lead, end - lead) for field, start, end in spans)
    return Message(text.strip(), moved)


def examples() -> list[Message]:
    return written() + synthesised() + templated()
