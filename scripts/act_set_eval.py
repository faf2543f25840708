"""The dialogue-act classifier and the yes gate on a blind act set (`evals/assistant/acts-1`).

    PYTHONPATH=$PWD/src .venv/bin/python scripts/act_set_eval.py [--embedded] [acts-1/dev ...]

For each folder's `acts.tsv` (context, act, text): how many messages `classify` gives the
labelled act, per act, as a reply in the row's context (and in total without it); and, for the
replies to a preview, how many that are not a yes `is_explicit_yes` takes for one (a creation
without a yes) and how many yeses it misses. Tune on a DEV half only.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

from mcc.agent.acts import Context, classify, embedded, warm_up
from mcc.agent.guardrails import is_explicit_yes

DEFAULT = [Path("evals/assistant/acts-1/dev")]


def measure(folder: Path) -> None:
    with (folder / "acts.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    without = sum(classify(row["text"]).act.value == row["act"] for row in rows)
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for row in rows:
        total[row["act"]] += 1
        right[row["act"]] += classify(row["text"], Context(row["context"])).act.value == row["act"]
    per_act = ", ".join(f"{act} {right[act]}/{total[act]}" for act in sorted(total))
    print(f"{folder}: acts in context {sum(right.values())}/{len(rows)} ({per_act})")
    print(f"  without the context: {without}/{len(rows)}")
    replies = [row for row in rows if row["context"] == "preview"]
    yeses = [row for row in replies if row["act"] == "confirm"]
    false_yes = [r for r in replies if r["act"] != "confirm" and is_explicit_yes(r["text"])]
    missed = [row for row in yeses if not is_explicit_yes(row["text"])]
    print(f"  yes gate on {len(replies)} replies to a preview: {len(false_yes)} non-yes taken "
          f"for a yes, {len(missed)} of {len(yeses)} yeses missed")  # fmt: skip


def main() -> None:
    warm_up()
    arguments = sys.argv[1:]
    if "--embedded" in arguments:  # the model with sentence embeddings (trained and cached once)
        arguments.remove("--embedded")
        if embedded.MODEL.start() is None:
            sys.exit("no built local embedder (build the knowledge index once)")
        embedded.MODEL.wait()
    for folder in [Path(arg) for arg in arguments] or DEFAULT:
        measure(folder)


if __name__ == "__main__":
    main()
