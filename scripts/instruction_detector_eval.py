"""How well the learned instruction detector finds instructions it never saw, and what it costs.

    PYTHONPATH=$PWD/src .venv/bin/python scripts/instruction_detector_eval.py [--show]

1. Leave-out on the blind briefs (`mcc/agent/instructions/written/messages.jsonl`): the briefs
   are split 80/20 by a fixed seed; the detector trains on the clause corpus and the 80%, and
   each sentence of the 20% is scored. A sentence is an instruction when it holds (or is mostly)
   one of the brief's labelled instructions. Precision and recall per threshold, for the rules
   alone, the detector alone, and both (what `split_instructions` does).
2. The DEV half of acts-1's hidden instructions (never trained on), the same sentence measure.
3. False alarms on conversations: every sentence of every multi-sentence user turn of the blind
   sets' DEV halves and the bundled scenarios that the detector flags and the rules do not
   (`--show` lists them): each is a detail dropped unless it is an instruction.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable, Iterable, Sequence
from difflib import SequenceMatcher
from pathlib import Path

import yaml

from mcc.agent import instructions
from mcc.agent.acts.corpus import features
from mcc.agent.acts.scorer import Scorer
from mcc.agent.guardrails import hostile_reason
from mcc.agent.hidden_instructions import sentences

SEED = 20261203
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
ACTS_DEV = Path("evals/assistant/acts-1/dev/instructions.tsv")
Brief = tuple[str, tuple[str, ...]]


def labelled_sentences(briefs: Iterable[Brief]) -> list[tuple[bool, str]]:
    """Each brief's sentences, an instruction when it overlaps a labelled instruction by at
    least half of the shorter of the two."""
    rows = []
    for text, found in briefs:
        for sentence in sentences(text):
            rows.append((any(_overlaps(sentence, part) for part in found), sentence))
    return rows


def _overlaps(sentence: str, part: str) -> bool:
    part = part.strip()
    if part in sentence or sentence in part:
        return True
    match = SequenceMatcher(None, sentence, part, autojunk=False).find_longest_match()
    return match.size * 2 >= min(len(sentence), len(part))


def _learned(chance: float, sentence: str, threshold: float) -> bool:
    """What `split_instructions` drops on the detector's word (`instructions.detected`)."""
    return chance >= threshold and instructions.droppable(sentence)


def scores(
    rows: Sequence[tuple[bool, str]], chance: Callable[[str], float], threshold: float
) -> str:
    found = {"rules": [0, 0, 0], "detector": [0, 0, 0], "both": [0, 0, 0]}  # tp, fp, fn
    for gold, sentence in rows:
        rule = bool(hostile_reason(sentence))
        learned = _learned(chance(sentence), sentence, threshold)
        for name, said in (("rules", rule), ("detector", learned), ("both", rule or learned)):
            tally = found[name]
            tally[0] += said and gold
            tally[1] += said and not gold
            tally[2] += gold and not said
    parts = []
    for name, (tp, fp, fn) in found.items():
        precision = tp / (tp + fp) if tp + fp else 1.0
        parts.append(
            f"{name} P {precision:.3f} R {tp / max(tp + fn, 1):.3f} (tp {tp} fp {fp} fn {fn})"
        )
    return f"  t={threshold:.1f}: " + "; ".join(parts)


def _acts_dev() -> list[Brief]:
    lines = ACTS_DEV.read_text("utf-8").splitlines()[1:]
    return [(text, (part,)) for text, part in (line.split("\t") for line in lines if line)]


def _conversation_turns() -> list[str]:
    files = sorted(Path("evals/assistant").glob("blind-*/dev/*.yaml"))
    files += sorted(Path("src/mcc/agent/scenarios").rglob("*.yaml"))
    turns = []
    for file in files:
        for scenario in (yaml.safe_load(file.read_text("utf-8")) or {}).get("scenarios", []):
            turns += [str(turn["user"]) for turn in scenario.get("turns", []) if "user" in turn]
    return turns


def main() -> None:
    show = "--show" in sys.argv
    briefs = instructions.parse_messages(instructions._messages_text())
    order = list(range(len(briefs)))
    random.Random(SEED).shuffle(order)  # noqa: S311 - a fixed split, not a secret
    held = {order[i] for i in range(len(order) // 5)}
    train = [brief for i, brief in enumerate(briefs) if i not in held]
    test = [brief for i, brief in enumerate(briefs) if i in held]
    rows = instructions.clause_rows(instructions._clauses_text()) + instructions.message_rows(train)
    model = Scorer.from_pipeline(instructions.train(rows))
    index = model.classes.index(instructions.INSTRUCTION)

    def chance(sentence: str) -> float:
        return float(model.probabilities(features(sentence))[index])

    print(f"trained on {len(rows)} rows ({sum(gold for gold, _ in rows)} instructions)")
    for what, held_out in (("w16 briefs held out (20%)", test), ("acts-1 DEV", _acts_dev())):
        sentence_rows = labelled_sentences(held_out)
        print(
            f"{what}: {len(held_out)} briefs, {len(sentence_rows)} sentences, "
            f"{sum(gold for gold, _ in sentence_rows)} instructions"
        )
        for threshold in THRESHOLDS:
            print(scores(sentence_rows, chance, threshold))
        if show:
            for gold, sentence in sentence_rows:
                said = chance(sentence)
                found = _learned(said, sentence, instructions.THRESHOLD)
                if gold != (found or bool(hostile_reason(sentence))):
                    print(f"    {'missed' if gold else 'false alarm'} {said:.2f}: {sentence!r}")
    full = Scorer.from_pipeline(instructions.train())
    full_index = full.classes.index(instructions.INSTRUCTION)
    multi = [sentences(turn) for turn in _conversation_turns()]
    multi = [parts for parts in multi if len(parts) >= 2]
    flagged = [
        (float(full.probabilities(features(s))[full_index]), s)
        for parts in multi
        for s in parts
        if not hostile_reason(s) and instructions.droppable(s)
    ]
    print(
        f"conversations: {len(multi)} multi-sentence turns, "
        f"{sum(len(p) for p in multi)} sentences (model trained on everything)"
    )
    for threshold in THRESHOLDS:
        alarms = [s for p, s in flagged if p >= threshold]
        print(f"  t={threshold:.1f}: {len(alarms)} sentences flagged by the detector only")
    if show:
        for p, s in sorted(flagged, reverse=True):
            if p >= min(THRESHOLDS):
                print(f"    {p:.2f}: {s!r}")


if __name__ == "__main__":
    main()
