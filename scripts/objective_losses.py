"""Where a free-text field (the objective first) is lost on held-out written messages.

    PYTHONPATH=$PWD/src /work/main/.venv/bin/python scripts/objective_losses.py \
        [--folds 5] [--fields objective,target_audience,name,type] [--messages more.jsonl] \
        [--exclude more] [--contextual] [--show 'rules wrong' | all]

Leave-out split as `span_tagger_holdout.py` (a hash of each text; the span tagger trained on the
other folds and the clause-joined messages). With `--messages FILE`, FILE is a blind held-out set
instead: the tagger is trained once on every message it ships trained on (`corpus.TRAINED_ON`)
and FILE is only read; the blind held-out sets are `src/mcc/agent/extraction/written/ninth.jsonl`,
`tenth.jsonl`, `eleventh.jsonl` and `twelfth.jsonl` (session 46 tuned on the half of twelfth whose
seeded hash is even, `sha256("s46:" + line) % 2 == 0`, and reports the other).
`--exclude more` (or `messages`, `third`, `fourth`, `fifth`, `sixth`, `seventh`, `eighth`)
leaves that shipped corpus out of training (`CORPORA` must list every corpus of
`corpus.TRAINED_ON`): the blind split of s27 is
`--exclude more --messages src/mcc/agent/extraction/written/more.jsonl` (trained on w17's
messages, read on w18's). `--contextual`: the contextual tagger
(`span_tagger.contextual`, the built MiniLM's token vectors next to the lexical features) instead
of the lexical one.

Every held-out message is read the way a conversation reads it: `dialogue.read` with the field
the writer says was asked as pending, then, for a reply, the bare answer the engine takes whole
(`answers.answers_to_asked`). Each labelled field ends in one outcome:

- right: the value read is the writer's words (case and edge punctuation aside);
- rules wrong (overlap | elsewhere): the rules' value, other boundaries or other words;
- tagger wrong (overlap | elsewhere): a value only the tagger gave;
- answer wrong: the leftover taken whole as the answer to the question asked;
- empty, tagger silent | tagger unsure | tagger refused: nothing read; the tagger had no span for
  the field, or one below its `SURE` threshold, or one `fill` did not use (no brief, another
  field's words, a question, the guardrails);
- and, without a label, spurious: a value the writer never gave.

Each outcome is counted separately for first messages and for replies (asked for this field, or
for another). Never reads an evaluation set.
"""

from __future__ import annotations

import argparse
import hashlib
from collections import Counter
from datetime import date
from pathlib import Path

from mcc.agent import clauses, intents, span_tagger
from mcc.agent.acts.embedded import local_embedder
from mcc.agent.answers import answers_to_asked
from mcc.agent.dialogue import read
from mcc.agent.extraction.type_families import kind_by_head
from mcc.agent.extraction.vocabulary import types_in
from mcc.agent.span_tagger import contextual
from mcc.agent.span_tagger.corpus import (
    DRAFT,
    EIGHTH_MESSAGES,
    FIFTH_MESSAGES,
    FOURTH_MESSAGES,
    MESSAGES,
    MORE_MESSAGES,
    SEVENTH_MESSAGES,
    SIXTH_MESSAGES,
    THIRD_MESSAGES,
    Message,
    read_corpus,
    synthesised,
    templated,
    written,
)
from mcc.agent.span_tagger.fill import sure
from mcc.agent.span_tagger.model import TokenModel

Tagger = TokenModel | contextual.Contextual
CORPORA = {
    "messages": MESSAGES,
    "more": MORE_MESSAGES,
    "third": THIRD_MESSAGES,
    "fourth": FOURTH_MESSAGES,
    "fifth": FIFTH_MESSAGES,
    "sixth": SIXTH_MESSAGES,
    "seventh": SEVENTH_MESSAGES,
    "eighth": EIGHTH_MESSAGES,
}

_EDGE = " \t\"'“”‘’.,;:!?()"
_TODAY = date(2027, 2, 1)
_TAGGER_FIELD = {draft: field for field, draft in DRAFT.items()}


def _fold(message: Message, folds: int) -> int:
    return hashlib.sha256(message.text.encode()).digest()[-1] % folds


def _same(field: str, got: str, wanted: str) -> bool:
    if field == "type":
        # The writer's kind as the vocabulary names it, else by its last word ("tapas crawl").
        kinds = types_in(wanted)
        kind = kinds[0][1] if kinds else kind_by_head(wanted)
        return kind is not None and kind.value == got
    return got.strip(_EDGE).casefold() == wanted.strip(_EDGE).casefold()


def _overlaps(got: str, wanted: str) -> bool:
    a, b = set(got.casefold().split()), set(wanted.casefold().split())
    return bool(a & b)


def _install(model: Tagger | None) -> None:
    """Read with `model` alone (None: the rules alone)."""
    is_contextual = isinstance(model, contextual.Contextual)
    contextual.install(model if is_contextual else None)  # type: ignore[arg-type]
    span_tagger.install(None if is_contextual else model)  # type: ignore[arg-type]


def _values(message: Message, model: Tagger | None) -> tuple[dict[str, str], str | None]:
    """The fields read (name -> value) and which field the bare answer filled, if any."""
    _install(model)
    pending = (message.asked,) if message.asked else ()
    reading = read(message.text, today=_TODAY, pending=pending, flagship_keywords=())
    values = {name: str(c.value) for name, c in reading.found.values.items()}
    answers = answers_to_asked(
        reading.found,
        pending,
        message.text,
        is_reply=reading.is_reply(),
        unsure=intents.is_unsure(message.text),
        moves_date=reading.shift is not None,
    )
    for answer in answers:
        values[answer.field] = str(answer.value)
    return values, answers[0].field if answers else None


def _tagger_best(model: Tagger, message: Message, field: str) -> tuple[float, str] | None:
    best = None
    for kind, start, end, confidence in model.spans(message.text, message.asked):
        if kind == field and (best is None or confidence > best[0]):
            best = (confidence, message.text[start:end])
    return best


def _outcome(
    field: str,
    message: Message,
    model: Tagger,
    read_with: dict[str, str],
    read_without: dict[str, str],
    answered: str | None,
) -> str | None:
    wanted = {DRAFT[f]: message.text[s:e] for f, s, e in message.spans}.get(field)
    got = read_with.get(field)
    if wanted is None:
        return "spurious" if got is not None else None
    if got is not None and _same(field, got, wanted):
        return "right"
    if got is not None:
        where = "overlap" if _overlaps(got, wanted) else "elsewhere"
        if answered == field:
            return f"answer wrong ({where})"
        source = "rules" if read_without.get(field) == got else "tagger"
        best = _tagger_best(model, message, _TAGGER_FIELD[field]) if source == "rules" else None
        exact = best is not None and _same(field, best[1], wanted)
        return f"{source} wrong ({where})" + (" (tagger exact)" if exact else "")
    best = _tagger_best(model, message, _TAGGER_FIELD[field])
    if best is None:
        return "empty, tagger silent"
    if best[0] < sure()[_TAGGER_FIELD[field]]:
        return "empty, tagger unsure"
    return "empty, tagger refused" + (" (exact)" if _same(field, best[1], wanted) else "")


def _kind(message: Message, field: str) -> str:
    if not message.asked:
        return "first"
    return (
        "asked this"
        if message.asked == field or DRAFT.get(message.asked) == field
        else "asked other"
    )


def _tagger_counts(model: Tagger, held: list[Message], spans: Counter[tuple[str, str]]) -> None:
    """The tagger alone: its likeliest span per field against the writer's (exact, overlap)."""
    for message in held:
        best: dict[str, tuple[float, int, int]] = {}
        for field, start, end, confidence in model.spans(message.text, message.asked):
            if field not in best or confidence > best[field][0]:
                best[field] = (confidence, start, end)
        wanted = {field: (start, end) for field, start, end in message.spans}
        for field in set(best) | set(wanted):
            got, gold = best.get(field), wanted.get(field)
            if got and gold:
                spans[field, "exact"] += got[1:] == gold
                spans[field, "overlap"] += got[1] < gold[1] and gold[0] < got[2]
            spans[field, "predicted"] += bool(got)
            spans[field, "gold"] += bool(gold)


def _f1(hits: int, predicted: int, gold: int) -> float:
    precision, recall = hits / max(predicted, 1), hits / max(gold, 1)
    return 2 * precision * recall / max(precision + recall, 1e-9)


def _count(
    model: Tagger,
    held: list[Message],
    fields: list[str],
    counts: Counter[tuple[str, ...]],
    show: str = "",
) -> None:
    for message in held:
        without, _ = _values(message, None)
        with_tagger, answered = _values(message, model)
        for field in fields:
            outcome = _outcome(field, message, model, with_tagger, without, answered)
            if outcome is not None:
                counts[field, _kind(message, field), outcome] += 1
            if outcome is not None and show and (outcome.startswith(show) or show == "all"):
                wanted = {DRAFT[f]: message.text[s:e] for f, s, e in message.spans}.get(field)
                print(f"{field} {outcome}: got {with_tagger.get(field)!r} wanted {wanted!r}")
                print(f"    asked {message.asked!r}: {message.text!r}")


def _cached() -> Tagger:
    contextual.start()
    contextual.wait()
    tagger = contextual.current()
    if tagger is None:
        raise SystemExit("--cached needs the built MiniLM and the contextual tagger's cache")
    return tagger


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--fields", default="objective,target_audience,name,type")
    parser.add_argument("--messages", type=Path, help="a blind held-out messages.jsonl")
    parser.add_argument(
        "--exclude", choices=sorted(CORPORA), help="a shipped corpus not trained on"
    )
    parser.add_argument("--contextual", action="store_true", help="the contextual tagger")
    parser.add_argument(
        "--cached",
        action="store_true",
        help="with --contextual --messages: the contextual tagger a server would load (cached, "
        "trained on every shipped corpus), not one trained here",
    )
    parser.add_argument(
        "--show", default="", help="print the messages of outcomes starting so (all: every one)"
    )
    args = parser.parse_args()
    fields = args.fields.split(",")
    kept = [where for name, where in CORPORA.items() if name != args.exclude]
    shipped = written("\n".join(read_corpus(*where) for where in kept))
    extra = synthesised() + templated()
    embedder = local_embedder() if args.contextual else None
    if args.contextual and embedder is None:
        raise SystemExit("--contextual needs the built MiniLM (the knowledge base builds it)")

    def train(messages: list[Message]) -> Tagger:
        if embedder is None:
            return span_tagger.train(messages)
        return contextual.Contextual(contextual.train(embedder, messages), embedder)

    clauses.warm_up()
    counts: Counter[tuple[str, ...]] = Counter()
    spans: Counter[tuple[str, str]] = Counter()
    if args.messages:
        held = written(args.messages.read_text("utf-8"))
        model = _cached() if args.cached else train(shipped + extra)
        _count(model, held, fields, counts, args.show)
        _tagger_counts(model, held, spans)
        print(f"{len(held)} held-out messages from {args.messages}, trained on {kept}")
    else:
        for fold in range(args.folds):
            held = [m for m in shipped if _fold(m, args.folds) == fold]
            model = train([m for m in shipped if _fold(m, args.folds) != fold] + extra)
            _count(model, held, fields, counts, args.show)
            _tagger_counts(model, held, spans)
        print(f"{len(shipped)} written messages, {args.folds} folds")
    for field in ("name", "audience", "objective", "type"):
        predicted, gold = spans[field, "predicted"], spans[field, "gold"]
        exact = _f1(spans[field, "exact"], predicted, gold)
        overlap = _f1(spans[field, "overlap"], predicted, gold)
        print(f"tagger {field:10} gold {gold:4}  exact F1 {exact:.2f}  overlap F1 {overlap:.2f}")
    for field in fields:
        total = sum(n for key, n in counts.items() if key[0] == field and key[2] != "spurious")
        right = sum(n for key, n in counts.items() if key[0] == field and key[2] == "right")
        print(f"\n{field}: {right}/{total} right ({right / max(total, 1):.1%})")
        for key in sorted(k for k in counts if k[0] == field):
            print(f"  {key[1]:12} {key[2]:34} {counts[key]:4}")


if __name__ == "__main__":
    main()
