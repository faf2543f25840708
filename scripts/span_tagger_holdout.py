"""Leave-out measurement of the span tagger (`mcc.agent.span_tagger`) on w17's written messages.

    PYTHONPATH=$PWD/src /work/main/.venv/bin/python scripts/span_tagger_holdout.py \
        [--folds 5] [--no-synthesis] [--read]

Cuts `extraction/written/messages.jsonl` into `--folds` parts by a hash of each text; for each
part, trains on the other parts (plus the messages joined from the clause corpus, unless
`--no-synthesis`) and tags the held-out part. Reports per field exact and overlap F1 of the
tagger's likeliest span for each field. With `--read`, each held-out first message is also read
as the assistant reads it (`mcc.agent.dialogue.read`) without and with the tagger trained
without it: how many fields the rules leave empty that the tagger fills right (the value of the
message, ignoring case and edge punctuation) or wrong. Never reads an evaluation set.
"""

from __future__ import annotations

import argparse
import hashlib
from collections import Counter
from datetime import date
from pathlib import Path

from mcc.agent import clauses, span_tagger
from mcc.agent.dialogue import read
from mcc.agent.span_tagger.corpus import DRAFT, Message, synthesised, templated, written
from mcc.agent.span_tagger.model import TokenModel

_EDGE = " \t\"'“”‘’.,;:!?()"


def _fold(message: Message, folds: int) -> int:
    return hashlib.sha256(message.text.encode()).digest()[-1] % folds


def _best(model: TokenModel, message: Message) -> dict[str, tuple[int, int]]:
    best: dict[str, tuple[float, int, int]] = {}
    for field, start, end, confidence in model.spans(message.text, message.asked):
        if field not in best or confidence > best[field][0]:
            best[field] = (confidence, start, end)
    return {field: (start, end) for field, (_, start, end) in best.items()}


def _span_counts(model: TokenModel, held: list[Message], counts: Counter[tuple[str, str]]) -> None:
    for message in held:
        got = _best(model, message)
        wanted = {field: (start, end) for field, start, end in message.spans}
        for field in set(got) | set(wanted):
            g, w = got.get(field), wanted.get(field)
            if g and w:
                overlap = g[0] < w[1] and w[0] < g[1]
                counts[field, "exact" if g == w else "overlap" if overlap else "wrong"] += 1
            counts[field, "predicted"] += bool(g)
            counts[field, "gold"] += bool(w)


def _fields(message: str) -> dict[str, str]:
    found = read(message, today=date(2027, 2, 1), pending=(), flagship_keywords=()).found
    return {k: str(v.value) for k, v in found.values.items() if k in DRAFT.values()}


def _same(got: str, wanted: str) -> bool:
    return got.strip(_EDGE).casefold() == wanted.strip(_EDGE).casefold()


def _read_counts(
    model: TokenModel, held: list[Message], counts: Counter[tuple[str, str]], show: bool
) -> None:
    for message in held:
        if message.asked:
            continue
        wanted = {DRAFT[f]: message.text[s:e] for f, s, e in message.spans if f != "type"}
        span_tagger.install(None)
        rules = _fields(message.text)
        span_tagger.install(model)
        tagged = _fields(message.text)
        for field in ("name", "target_audience", "objective"):
            if rules.get(field) == tagged.get(field):
                continue
            want, got = wanted.get(field), tagged.get(field)
            outcome = "right" if want and got and _same(got, want) else "wrong"
            if rules.get(field) is None:
                counts[field, f"filled {outcome}"] += 1
            else:
                before = "right" if want and _same(rules[field], want) else "wrong"
                counts[field, f"changed {before}->{outcome}"] += 1
            if show:
                print(f"{field}: rules {rules.get(field)!r} -> {got!r}, wanted {want!r}")
                print(f"   {message.text!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-synthesis", action="store_true")
    parser.add_argument("--synthesis", type=int, help="how many clause-joined messages")
    parser.add_argument("--read", action="store_true")
    parser.add_argument("--messages", type=Path, help="another messages.jsonl than the shipped one")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    messages = written(args.messages.read_text("utf-8") if args.messages else None)
    extra = [] if args.no_synthesis else synthesised() + templated()
    if args.synthesis is not None:
        extra = synthesised(count=args.synthesis) + templated(count=args.synthesis // 2)
    spans: Counter[tuple[str, str]] = Counter()
    reads: Counter[tuple[str, str]] = Counter()
    if args.read:
        clauses.warm_up()
    for fold in range(args.folds):
        held = [m for m in messages if _fold(m, args.folds) == fold]
        model = span_tagger.train([m for m in messages if _fold(m, args.folds) != fold] + extra)
        _span_counts(model, held, spans)
        if args.read:
            _read_counts(model, held, reads, args.verbose)
    print(f"{len(messages)} written messages, {args.folds} folds, synthesis: {bool(extra)}")
    for field in ("name", "audience", "objective", "type"):
        predicted, gold = spans[field, "predicted"], spans[field, "gold"]
        row = []
        exact, overlap = spans[field, "exact"], spans[field, "exact"] + spans[field, "overlap"]
        for name, hits in (("exact", exact), ("overlap", overlap)):
            precision, recall = hits / max(predicted, 1), hits / max(gold, 1)
            f1 = 2 * precision * recall / max(precision + recall, 1e-9)
            row.append(f"{name} F1 {f1:.2f}")
        print(f"{field:10} gold {gold:4}  predicted {predicted:4}  " + "  ".join(row))
    if args.read:
        for key in sorted(reads):
            print(f"read {key[0]:16} {key[1]:22} {reads[key]}")


if __name__ == "__main__":
    main()
