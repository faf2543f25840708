"""Leave-one-set-out measurement of the clause tagger (`mcc.agent.clauses`).

    PYTHONPATH=$PWD/src:. /work/main/.venv/bin/python scripts/clause_tagger_loso.py \
        [--held-out blind-10] [--embeddings] [--eval]

Trains the tagger WITHOUT the held-out set's DEV half (its phrasings are then unseen, as a TEST
half's are), then reports:
- clause accuracy on the held-out DEV clauses (labelled by `derive`), per role, for TF-IDF +
  logistic regression (what ships) and, with `--embeddings`, the shipped MiniLM sentence
  embeddings (ONNX) + logistic regression;
- with `--eval`, `mcc agent eval <held-out>/dev` with the rules alone and with rules + the tagger
  trained without it.
Never reads a TEST half.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import time
from collections import Counter
from pathlib import Path

import typer

from mcc.agent import clauses
from mcc.agent.acts import features
from mcc.agent.acts.scorer import Scorer
from mcc.agent.clauses import Role
from mcc.agent.clauses.derive import ROOT, derive, dev_files
from mcc.agent.evaluation import bundled_files

# Clauses in wordings of their own (in no set and no example file): the free-text roles, mostly.
PROBE = Path(__file__).with_name("clause_tagger_probe.txt")


def _accuracy(name: str, predicted: list[str], rows: list[tuple[Role, str]]) -> None:
    right = Counter(
        role.value for (role, _), guess in zip(rows, predicted, strict=True) if guess == role
    )
    total = Counter(role.value for role, _ in rows)
    hits = sum(right.values())
    print(f"{name}: {hits}/{len(rows)} = {hits / len(rows):.1%}")
    print("   " + ", ".join(f"{role} {right[role]}/{total[role]}" for role in sorted(total)))


def _embedding_accuracy(
    train: list[tuple[Role, str]], test: list[tuple[Role, str]], probe: list[tuple[Role, str]]
) -> None:
    from sklearn.linear_model import LogisticRegression

    from mcc.knowledge.embedders.local import default_embedder

    embedder = default_embedder()
    if embedder is None:
        print("MiniLM embeddings: not available on this machine")
        return
    started = time.perf_counter()
    vectors = embedder.embed_documents([text for _, text in train])
    per_text = (time.perf_counter() - started) / len(train) * 1000
    model = LogisticRegression(C=8.0, max_iter=3000).fit(vectors, [r.value for r, _ in train])
    guesses = model.predict(embedder.embed_documents([text for _, text in test]))
    _accuracy(f"MiniLM + LR ({per_text:.1f} ms/text)", [str(g) for g in guesses], test)
    guesses = model.predict(embedder.embed_documents([text for _, text in probe]))
    _accuracy("  on the probe clauses", [str(g) for g in guesses], probe)


def _fields(held_out: str, model: Scorer, diffs: Path | None = None) -> None:
    """Free-text values per user turn of the held-out DEV half, rules alone against rules +
    tagger: right (the expected value), wrong (another value where one is expected, or any value
    where the draft must have none), missed (none, though the expected value is in the turn),
    where the turn's draft names the field."""
    from mcc.agent.clauses.refine import refine
    from mcc.agent.evaluation import load
    from mcc.agent.extraction import extract

    clauses.install(model)
    score = {name: Counter() for name in ("rules", "rules + tagger")}
    lines: list[str] = []
    for path in dev_files(ROOT, set(dev_sets()) - {held_out}):
        for scenario in load(path):
            for turn in scenario.turns:
                draft = turn.expect.get("draft") or {}
                found = extract(turn.user, today=scenario.today)
                for name, values in (
                    ("rules", found),
                    ("rules + tagger", refine(found, turn.user)),
                ):
                    for field in ("name", "target_audience", "objective"):
                        if field not in draft:
                            continue
                        wanted, got = draft[field], values.values.get(field)
                        if got is None:
                            if wanted and wanted in turn.user:
                                score[name]["missed"] += 1
                                lines.append(f"{name}\tmissed\t{field}\t{wanted!r}\t-")
                            continue
                        right = str(got.value) == wanted
                        score[name]["right" if right else "wrong"] += 1
                        if not right:
                            lines.append(f"{name}\twrong\t{field}\t{wanted!r}\t{got.value!r}")
                    if lines and not lines[-1].startswith("  "):
                        lines.append(f"  turn: {turn.user!r}")
    for name, counts in score.items():
        print(f"{held_out}/dev free-text values per turn, {name}: {dict(counts)}")
    if diffs is not None:
        diffs.write_text("\n".join(lines) + "\n", "utf-8")


def dev_sets() -> list[str]:
    return sorted({p.parent.parent.name for p in dev_files(ROOT, set())})


def _eval(held_out: str, model: Scorer | None) -> dict[str, object]:
    """`mcc agent eval <held-out>/dev --json` in this process, with `model` as the tagger."""
    from mcc.agent.cli import evaluate

    clauses.install(model)
    # Neither the runtime nor the evaluation may load the shipped model over this one.
    clauses.start = lambda cache=None: None  # type: ignore[assignment]
    clauses.warm_up = lambda cache=None: None  # type: ignore[assignment]
    out = io.StringIO()
    # The command exits 1 when a scenario fails: the figures are printed all the same.
    with contextlib.redirect_stdout(out), contextlib.suppress(typer.Exit):
        evaluate([ROOT / "evals" / "assistant" / held_out / "dev"], as_json=True)
    summary: dict[str, object] = json.loads(out.getvalue())["summary"]
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--held-out", default="blind-10")
    parser.add_argument("--embeddings", action="store_true")
    parser.add_argument("--eval", action="store_true")
    parser.add_argument("--diffs", type=Path, help="write each wrong or missed value here")
    args = parser.parse_args()
    written = clauses.written_examples()
    others = dev_sets()
    train_rows = written + derive(dev_files(ROOT, {args.held_out}) + bundled_files())
    test_rows = derive(dev_files(ROOT, set(others) - {args.held_out}))
    seen = {text for _, text in train_rows}
    test_rows = [(role, text) for role, text in test_rows if text not in seen]
    print(f"train {len(train_rows)} clauses (without {args.held_out}), test {len(test_rows)}")
    pipeline = clauses.train(train_rows)
    model = Scorer.from_pipeline(pipeline)
    predicted = [
        model.classes[int(model.probabilities(features(text)).argmax())] for _, text in test_rows
    ]
    probe = clauses.parse(PROBE.read_text("utf-8"))
    probed = [model.classes[int(model.probabilities(features(t)).argmax())] for _, t in probe]
    _accuracy("TF-IDF words + chars + LR", predicted, test_rows)
    _accuracy("  on the probe clauses", probed, probe)
    if args.embeddings:
        _embedding_accuracy(train_rows, test_rows, probe)
    _fields(args.held_out, model, args.diffs)
    if args.eval:
        rules = _eval(args.held_out, None)
        tagged = _eval(args.held_out, model)
        for name, summary in (("rules only", rules), ("rules + tagger", tagged)):
            print(
                f"{args.held_out}/dev {name}: {summary['passed']}/{summary['runs']}",
                summary["safety"],
            )


if __name__ == "__main__":
    main()
