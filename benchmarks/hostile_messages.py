"""How long the assistant's readers hold the interpreter for hostile message shapes, against an
ordinary brief of the same length read in the same run.

s35's hostile sweep sent 10,000-character messages of one repeated character (dashes, blanks
after "social", semicolons, colons, bullets before a "Channels:" line) and a row of 4,900 "x;"
cells to `mcc serve`: each held the interpreter for 3-17 s (regexes retrying a run from every
position, a short-channel scan costing its square), and `/healthz` waited all that time. This
script times, for each shape, the two readers a turn runs: `dialogue.read` (in a thread, but
holding the interpreter's lock) and the message-level intents the rules engine calls on the
event loop (`question_body`, `is_question`, `is_single_question`, `is_proposal`), after the
engine's own clean-up (`readable`). The baseline is an ordinary pasted brief repeated to the
same length. It exits non-zero when a shape takes more than `--ratio` times the baseline.

    PYTHONPATH=src:. .venv/bin/python -m benchmarks.hostile_messages [--ratio 5]
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date

from mcc.agent import acts, dialogue, intents
from mcc.agent.extraction.runs import readable

TODAY = date(2031, 1, 6)
LIMIT = 10_000  # characters: the longest message the API accepts
BRIEF = (
    'Hi team, please set up a webinar called "Harbour Lights" for marina operators in Devon. '
    "We want 120 registrations. Budget $18,000, launch 2031-03-12, channels email and LinkedIn.\n"
)
SHAPES = {
    "blanks after a channel": "social" + " " * 9_980 + "x",
    "a run of dashes": "-" * 9_999,
    "a run of dots": "." * 9_999,
    "a run of semicolons": ";" * 9_999,
    "a run of colons": ":" * 9_999,
    "em dashes then a check": "—" * 9_000 + " is that ok?",
    "bullets before a Channels line": " \t-*" * 2_400 + "Channels: email",
    "blanks inside US dollars": "8000 US" + " " * 9_900 + "dollars",
    "a row of 4,900 short cells": "Name;Type;Audience\n" + "x;" * 4_900,
}


def seconds(message: str) -> float:
    """One turn's reading of `message`: the reader in its thread, then the engine's intents."""
    started = time.perf_counter()
    dialogue.read(message, today=TODAY, pending=(), flagship_keywords=())
    text = readable(message)
    intents.question_body(text)
    intents.is_question(text)
    intents.is_single_question(text)
    intents.is_proposal(text)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ratio", type=float, default=5.0, help="most a shape may take")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    acts.warm_up()  # the act classifier trains on first use: not part of any message's time
    brief = (BRIEF * (LIMIT // len(BRIEF) + 1))[:LIMIT]
    baseline = min(seconds(brief) for _ in range(args.runs))
    print(f"baseline: an ordinary brief of {len(brief):,} characters  {baseline * 1000:8.1f} ms")
    slow = []
    for label, message in SHAPES.items():
        taken = min(seconds(message) for _ in range(args.runs))
        ratio = taken / baseline
        print(f"{label:32} {len(message):6,} chars  {taken * 1000:8.1f} ms  x{ratio:5.2f}")
        if ratio > args.ratio:
            slow.append(label)
    if slow:
        print(f"slower than x{args.ratio} the baseline: {', '.join(slow)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
