"""CPU cost of filling a draft from a pasted brief, for 6,000 and 60,000 characters.

    PYTHONPATH=src .venv/bin/python benchmarks/brief_extract.py [--repeat 3]

For each kind of text (a realistic brief, and the hostile sweep's worst: runs of figures, dates
and ranges, each a candidate the extractor must judge) it reads the brief and fills a draft as
`POST /api/briefs` does (`read_brief` then `fill_from_brief`, no database), and prints the CPU
seconds and characters per second at both sizes. Before the fix a candidate's cue words were
re-searched in its whole clause, so one long line cost the square of its length (a 60,000-character
paste of "1/2 1/2 ..." took 15 s of CPU); the old code cannot run beside the new, so the script
checks the shape instead: the cost of one sentence must grow about linearly with its length
(60 -> 600 characters: at most 25x), and so must the brief's (6k -> 60k: at most 20x). It exits 1
when either does not, or when a 60,000-character brief takes more than `--budget` seconds.
The machine may be shared: the best of `--repeat` runs is kept.
"""

from __future__ import annotations

import argparse
import sys
import time
import uuid
from collections.abc import Callable
from datetime import date
from functools import partial

from mcc.agent.extraction import extract
from mcc.agent.state import DialogueState
from mcc.agent.tools import Identity, TurnContext
from mcc.briefs.fill import fill_from_brief
from mcc.briefs.parsing import read_brief
from mcc.campaigns.plans import bundled_checklists
from mcc.campaigns.tiers import TierPolicy

TODAY = date(2026, 12, 2)
REALISTIC = (
    "Campaign name: Spring Cloud Summit. We want to reach IT directors in EMEA with an email and "
    "paid social push. The budget is $40,000 and launch is on March 3, 2027. The objective is to "
    "generate 300 qualified leads for the new analytics suite; last year we spent $25,000. "
)
KINDS = {
    "realistic brief": REALISTIC,
    "figures 1/2 1/2": "1/2 ",
    "amounts $1 $1": "$1 ",
    "ranges 1-2 1-2": "1-2 ",
    "dates 12 May": "12 May ",
}


def _text(unit: str, chars: int) -> str:
    return (unit * (chars // len(unit) + 1))[:chars]


def _best(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.process_time()
        run()
        times.append(time.process_time() - started)
    return min(times)


def _fill(text: str) -> None:
    brief = read_brief(text.encode(), "pasted-brief.txt")
    context = TurnContext(
        db=None,  # type: ignore[arg-type]  # filling reads no database
        identity=Identity(), state=DialogueState(), knowledge=None,  # type: ignore[arg-type]
        policy=TierPolicy.bundled(), checklists=bundled_checklists(),
        conversation_id=uuid.uuid4(), message="", user_messages=[], transcript=[],
        today=TODAY, min_relevance=0.0,
    )  # fmt: skip
    fill_from_brief(context, brief)


def _sentences(sentence: str) -> None:
    for _ in range(20):
        extract(sentence, today=TODAY)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--budget", type=float, default=2.0, help="CPU s for 60k characters")
    args = parser.parse_args(argv)
    failures = []
    print(f"{'text':<18} {'6k CPU s':>9} {'6k chars/s':>11} {'60k CPU s':>10} "
          f"{'60k chars/s':>12} {'x':>6} {'sentence 60->600':>17}")  # fmt: skip
    for name, unit in KINDS.items():
        small = _best(partial(_fill, _text(unit, 6_000)), args.repeat)
        large = _best(partial(_fill, _text(unit, 60_000)), args.repeat)
        short = _best(partial(_sentences, _text(unit, 60)), args.repeat)
        long = _best(partial(_sentences, _text(unit, 600)), args.repeat)
        growth, sentence = large / max(small, 1e-6), long / max(short, 1e-6)
        print(f"{name:<18} {small:>9.3f} {6_000 / max(small, 1e-6):>11,.0f} {large:>10.3f} "
              f"{60_000 / max(large, 1e-6):>12,.0f} {growth:>6.1f} {sentence:>16.1f}x")  # fmt: skip
        if growth > 20 or sentence > 25:
            failures.append(f"{name}: grows faster than linear ({growth:.1f}x, {sentence:.1f}x)")
        if large > args.budget:
            failures.append(f"{name}: 60k characters took {large:.2f} s CPU (> {args.budget} s)")
    for failure in failures:
        print("FAIL", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
