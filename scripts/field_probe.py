"""Free-text fields and the type read from messages in wordings no rule or example was tuned on.

    PYTHONPATH=$PWD/src:. /work/main/.venv/bin/python scripts/field_probe.py [--rules-only] [-v]

Each message of `scripts/field_probe.txt` is read as the assistant reads a first message
(`mcc.agent.dialogue.read`: the rules, the clause tagger, the explicit field fixes and the
guardrails on replies), and each field is scored: right (the expected value, ignoring case and
edge punctuation), missed (none, though one is expected) or wrong (another value, or a value
where none is expected). `--rules-only` reads without the taggers, `--no-spans` without the
span tagger; `-v` prints each miss.
"""

from __future__ import annotations

import argparse
from collections import Counter
from datetime import date
from pathlib import Path

from mcc.agent import clauses, span_tagger
from mcc.agent.dialogue import read

PROBE = Path(__file__).with_name("field_probe.txt")
FIELDS = {"name": "name", "audience": "target_audience", "objective": "objective", "type": "type"}
_EDGE = " \t\"'“”‘’.,;:!?"


def parse(source: str) -> list[tuple[str, dict[str, str]]]:
    """(message, expected values) per block; "*" is a field not scored."""
    blocks: list[tuple[str, dict[str, str]]] = []
    lines: list[str] = []
    expected: dict[str, str] = {}
    for raw in [*source.splitlines(), ""]:
        if raw.startswith("#"):
            continue
        if raw.startswith(">"):
            lines.append(raw[2:])
        elif "=" in raw:
            key, value = (part.strip() for part in raw.split("=", 1))
            expected[FIELDS[key]] = value
        elif not raw.strip() and lines:
            blocks.append(("\n".join(lines), expected))
            lines, expected = [], {}
    return blocks


def _same(got: str, wanted: str) -> bool:
    return got.strip(_EDGE).casefold() == wanted.strip(_EDGE).casefold()


def score(verbose: bool) -> Counter[tuple[str, str]]:
    counts: Counter[tuple[str, str]] = Counter()
    for message, expected in parse(PROBE.read_text("utf-8")):
        found = read(message, today=date(2027, 3, 1), pending=(), flagship_keywords=()).found
        for field in FIELDS.values():
            wanted = expected.get(field)
            if wanted == "*":
                continue
            candidate = found.values.get(field)
            got = None if candidate is None else str(candidate.value)
            if wanted is None and got is None:
                continue
            if got is None:
                outcome = "missed"
            elif wanted is not None and _same(got, wanted):
                outcome = "right"
            else:
                outcome = "wrong"
            counts[field, outcome] += 1
            if verbose and outcome != "right":
                print(f"{outcome:6} {field}: got {got!r}, wanted {wanted!r}\n   {message!r}")
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rules-only", action="store_true")
    parser.add_argument("--no-spans", action="store_true", help="without the span tagger")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    if args.rules_only:
        clauses.install(None)
    else:
        clauses.warm_up()
    if args.rules_only or args.no_spans:
        span_tagger.install(None)
    else:
        span_tagger.warm_up()
    counts = score(args.verbose)
    for field in FIELDS.values():
        row = {outcome: counts[field, outcome] for outcome in ("right", "missed", "wrong")}
        print(f"{field:16} {row}")
    totals = {
        o: sum(n for (_, out), n in counts.items() if out == o)
        for o in ("right", "missed", "wrong")
    }
    print(f"{'all':16} {totals}")


if __name__ == "__main__":
    main()
