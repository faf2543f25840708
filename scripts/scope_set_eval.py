"""Channel scope and hidden instructions on a blind set (`evals/assistant/acts-1`), via the engine.

    PYTHONPATH=$PWD/src .venv/bin/python scripts/scope_set_eval.py [--verbose] [FOLDER ...]

FOLDER defaults to evals/assistant/acts-1/dev.

Every message goes through the offline engine, as a user's would (a real service on a throwaway
SQLite database, one conversation per message):

- `channels.tsv` (text, channels): a draft is opened ("a product launch", a type that is no
  channel), the assistant asks which channels, and the phrase is the answer. A row passes when
  the draft's channels are exactly the labelled set (`all` = the scope "all channels").
- `instructions.tsv` (text, instruction): the message opens a conversation. A row passes when the
  draft keeps every field the extraction reads from the message once the instruction is cut out,
  with the same value; no field holds a value the message without the instruction does not give,
  nor words of the instruction; and the reply says that an instruction was ignored.

Prints the totals per folder; `--verbose` lists the misses. Tune on a DEV half only.
"""

from __future__ import annotations

import asyncio
import csv
import re
import sys
import tempfile
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

from mcc import migrations
from mcc.agent import clauses, instructions
from mcc.agent.deps import AssistantDeps, build_assistant
from mcc.agent.evaluation import isolated, seat_evaluator
from mcc.agent.extraction import extract
from mcc.agent.service import AgentRuntime, runtime_for
from mcc.agent.views import TurnResult
from mcc.campaigns.tiers import load_policy
from mcc.cli_support import load_settings
from mcc.config import Settings
from mcc.db import Database, create_engine

DEFAULT = [Path("evals/assistant/acts-1/dev")]
TODAY = date(2026, 3, 2)
# Everything but the channels, so that the phrase answers "which channels?".
OPENING = (
    "Let's plan a product launch called Scope Check for IT buyers, objective 500 signups, "
    "budget 50k, launch 1 June."
)
# The product's channel names in the set's vocabulary; a name not listed is its own.
LABEL_OF: dict[str, tuple[str, ...]] = {
    "social": ("organic social",),
    "paid media": ("paid social", "paid search"),
    "all channels": ("all",),
}
_TOLD = re.compile(r"\bignor(?:ed|ing)\b[^.]*\binstruction", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+")
FREE_TEXT = ("name", "target_audience", "objective")

Send = Callable[[str, Any], Any]


def _rows(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _label_set(channels: Iterable[str]) -> set[str]:
    return {label for name in channels for label in LABEL_OF.get(name, (name,))}


def _fields(result: TurnResult) -> dict[str, str]:
    if result.draft is None:
        return {}
    values = {item.name: str(item.value) for item in result.draft.fields}
    # A type's own channel is the draft's rule, not words read from the message.
    channels = sorted(c.name for c in result.draft.channels if c.provenance.source == "user")
    if channels:
        values["channels"] = ", ".join(channels)
    return values


def _shares_words(value: str, instruction: str, rest: str) -> bool:
    """`value` holds two words in a row of the instruction, or is one of its words, that the
    rest of the message does not also say."""
    said, kept = _WORD.findall(instruction.lower()), _WORD.findall(rest.lower())
    words = _WORD.findall(value.lower())

    def runs(tokens: list[str], size: int) -> set[tuple[str, ...]]:
        return {tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}

    if len(words) == 1:
        return words[0] in said and words[0] not in kept
    return bool(runs(words, 2) & (runs(said, 2) - runs(kept, 2)))


def _expected(text: str, instruction: str, keywords: tuple[str, ...]) -> dict[str, str]:
    """What the message says without the instruction, as the extraction reads it."""
    rest = re.sub(r"\s+", " ", text.replace(instruction, " ")).strip()
    found = extract(rest, today=TODAY, pending=(), flagship_keywords=keywords)
    values = {name: str(candidate.value) for name, candidate in found.values.items()}
    if found.channels:
        values["channels"] = ", ".join(sorted({str(c.value) for c in found.channels}))
    return values


async def _channels(send: Send, rows: list[dict[str, str]], verbose: bool) -> str:
    right = 0
    for row in rows:
        opened = await send(OPENING, None)
        result = await send(row["text"], opened.conversation_id)
        got = _label_set(item.name for item in result.draft.channels) if result.draft else set()
        wanted = set(row["channels"].split("|"))
        right += got == wanted
        if got != wanted and verbose:
            print(f"  channels miss: {row['text']!r}: got {sorted(got)}, wanted {sorted(wanted)}")
    return f"channels {right}/{len(rows)}"


async def _instructions(
    send: Send, rows: list[dict[str, str]], verbose: bool, keywords: tuple[str, ...]
) -> str:
    kept = clean = told = passed = 0
    for row in rows:
        text, instruction = row["text"], row["instruction"]
        result = await send(text, None)
        draft, wanted = _fields(result), _expected(text, instruction, keywords)
        lost = {k: v for k, v in wanted.items() if draft.get(k) != v}
        leaked = {
            k: v
            for k, v in draft.items()
            # A free-text value the rest does not give may be read differently (a clause of
            # the brief); any other value the rest does not give came from the instruction.
            if (k not in wanted and k not in FREE_TEXT and k != "currency")
            or _shares_words(v, instruction, text.replace(instruction, " "))
        }
        said = bool(_TOLD.search(result.content))
        kept, clean, told = kept + (not lost), clean + (not leaked), told + said
        passed += not lost and not leaked and said
        if verbose and (lost or leaked or not said):
            print(f"  instruction miss: {text!r}")
            for name, value in lost.items():
                print(f"    lost {name} = {value!r} (draft: {draft.get(name)!r})")
            for name, value in leaked.items():
                print(f"    stored {name} = {value!r}")
            if not said:
                print(f"    not told: {result.content[:160]!r}")
    total = len(rows)
    return (
        f"instructions {passed}/{total} (details kept {kept}/{total}, nothing of the "
        f"instruction stored {clean}/{total}, told it was ignored {told}/{total})"
    )


async def _measure(settings: Settings, runtime: AgentRuntime, folders: list[Path], verbose: bool):
    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite+aiosqlite:///{Path(folder) / 'scope.db'}")
        try:
            await migrations.upgrade(engine)
            async with isolated(engine) as database:
                send = await _sender(database, settings, runtime)
                keywords = load_policy(settings.tier_policy_file).flagship_keywords
                for path in folders:
                    found = [await _channels(send, _rows(path, "channels.tsv"), verbose)]
                    rows = _rows(path, "instructions.tsv")
                    found.append(await _instructions(send, rows, verbose, keywords))
                    print(f"{path}: " + "; ".join(found))
        finally:
            await engine.dispose()


async def _sender(database: Database, settings: Settings, runtime: AgentRuntime) -> Send:
    async with database.write() as session:
        evaluator = await seat_evaluator(session)

    async def send(text: str, conversation: Any) -> TurnResult:
        service = build_assistant(AssistantDeps(database, settings, evaluator), runtime=runtime)
        return await service.send_message(conversation, text)

    return send


def main() -> None:
    args = sys.argv[1:]
    verbose = "--verbose" in args
    folders = [Path(arg) for arg in args if arg != "--verbose"] or DEFAULT
    settings = load_settings().model_copy(update={"llm_model": None, "today": TODAY})
    clauses.warm_up(cache=settings.data_dir)
    instructions.warm_up(cache=settings.data_dir)
    asyncio.run(_measure(settings, runtime_for(settings), folders, verbose))


if __name__ == "__main__":
    main()
