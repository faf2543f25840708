"""Labelled clauses from conversations whose expected drafts are known.

    python -m mcc.agent.clauses.derive [--skip blind-10] [--out FILE]

Reads the DEV halves of the blind sets (`evals/assistant/blind-*/dev/`, never a TEST half) and
the bundled scenarios. In each user turn, a clause that holds an expected free-text value
(name, audience, objective) verbatim and is mostly that value gets the value's role; a clause
holding the budget, the launch date, the channels or the type the rules read gets `amount`,
`date`, `channels`, or `type` (`request` when it asks for the campaign); the clauses of an
instruction the guardrails set aside get `instruction`; a one-clause turn that the act
classifier confidently takes for a reply gets `reply`. Nothing else is labelled: the blind sets
expect an audience only where a line is labelled, so an unlabelled clause is no evidence of
"other". `--skip` leaves sets out (the leave-one-set-out measurement).
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from mcc.agent.acts import REPLIES, classify
from mcc.agent.clauses import Role
from mcc.agent.clauses.split import Clause, split
from mcc.agent.evaluation import bundled_files, load
from mcc.agent.extraction import extract
from mcc.agent.guardrails import split_instructions

_FREE_TEXT = {"name": Role.NAME, "target_audience": Role.AUDIENCE, "objective": Role.OBJECTIVE}
_REQUEST = re.compile(
    r"\b(?:set\s*(?:up|this\s+up)|create|need|want|wanna|run|launch|do|build|get|spin\s+up"
    r"|put\s+together|plan|organi[sz]e|can\s+you|could\s+you|please|pls|kindly|would\s+like"
    r"|'d\s+like|new|start|draft|add|book|make|doing|planning|running)\b",
    re.IGNORECASE,
)
ROOT = Path(__file__).resolve().parents[4]


def dev_files(root: Path, skip: set[str]) -> list[Path]:
    """The DEV halves' files, set by set (blind-1 .. blind-N), without the skipped sets."""
    files = []
    for folder in sorted((root / "evals" / "assistant").glob("blind-*")):
        if folder.name not in skip:
            files += sorted((folder / "dev").glob("*.yaml"))
    return files


def _mostly(value: str, clause: str) -> bool:
    return value in clause and len(value) >= 0.6 * len(clause)


def label_turn(text: str, draft: dict[str, object], today: object) -> list[tuple[Role, str]]:
    clauses = split(text)
    rows: list[tuple[Role, str]] = []
    done: set[Clause] = set()
    for field, role in _FREE_TEXT.items():
        value = draft.get(field)
        if not isinstance(value, str) or len(value) < 3 or value not in text:
            continue
        for clause in clauses:
            if clause not in done and (_mostly(value, clause.text) or clause.text in value):
                rows.append((role, clause.text))
                done.add(clause)
    kept, ignored = split_instructions(text)
    for clause in clauses:
        if clause not in done and any(clause.text in part for part in ignored):
            rows.append((Role.INSTRUCTION, clause.text))
            done.add(clause)
    found = extract(kept, today=today)  # type: ignore[arg-type]
    evidence: list[tuple[Role, str]] = [(Role.CHANNELS, c.evidence) for c in found.channels]
    for field, role in (("budget", Role.AMOUNT), ("launch_date", Role.DATE), ("type", Role.TYPE)):
        if field in found.values:
            evidence.append((role, found.values[field].evidence))
    for clause in clauses:
        if clause in done:
            continue
        for role, words in evidence:
            if words and words in clause.text:
                if role is Role.TYPE and _REQUEST.search(clause.text):
                    role = Role.REQUEST
                elif role is Role.TYPE and len(clause.text.split()) > 4:
                    break
                rows.append((role, clause.text))
                done.add(clause)
                break
    if len(clauses) == 1 and not done and found.empty:
        guess = classify(text)
        if guess.act in REPLIES and guess.confidence >= 0.8:
            rows.append((Role.REPLY, clauses[0].text))
    return rows


def derive(files: list[Path]) -> list[tuple[Role, str]]:
    rows: dict[tuple[Role, str], None] = {}
    for path in files:
        for scenario in load(path):
            for turn in scenario.turns:
                draft = turn.expect.get("draft") or {}
                for row in label_turn(turn.user.replace("\r", ""), draft, scenario.today):
                    rows.setdefault(row, None)
    # One role per text: the first file's (the order is fixed, so the output is too).
    first: dict[str, Role] = {}
    for role, text in rows:
        first.setdefault(text, role)
    return sorted(((role, text) for text, role in first.items()), key=lambda r: (r[0], r[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--skip", action="append", default=[], help="a set to leave out")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("derived.txt"))
    args = parser.parse_args()
    files = dev_files(ROOT, set(args.skip)) + bundled_files()
    rows = derive(files)
    lines = [
        "# Derived by `python -m mcc.agent.clauses.derive` from the blind sets' DEV halves and the",
        "# bundled scenarios (never a TEST half). Do not edit: run it again.",
        *(f"{role.value} | {text}" for role, text in rows),
    ]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} clauses -> {args.out}")


if __name__ == "__main__":
    main()
