"""How long the assistant's readers hold the interpreter for hostile message shapes, against an
ordinary brief of the same length read in the same run.

s35's hostile sweep sent 10,000-character messages of one repeated character (dashes, blanks
after "social", semicolons, colons, bullets before a "Channels:" line) and a row of 4,900 "x;"
cells to `mcc serve`: each held the interpreter for 3-17 s (regexes retrying a run from every
position, a short-channel scan costing its square), and `/healthz` waited all that time. This
script times whole turns (the agent service, the rules engine, the guardrails reading every
message of the history, the storage) through the evaluation harness, each shape sent twice in
one conversation, against an ordinary pasted brief of the same length sent the same way. It
exits non-zero when a shape's slowest turn takes more than `--ratio` times the baseline's.

    PYTHONPATH=src:. .venv/bin/python -m benchmarks.hostile_messages [--ratio 5]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from datetime import date
from pathlib import Path

from mcc import migrations
from mcc.agent import acts, clauses
from mcc.agent.evaluation import Scenario, Turn, run_all
from mcc.agent.service import runtime_for
from mcc.config import Environment, Settings
from mcc.db import create_engine

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
    # Hundreds of type and channel words (s36: each type word's checks read the whole message,
    # and each channel word scanned every phrase of the vocabulary: 22 s of CPU).
    "ads on a network, 500 times": "ads on Facebook and " * 500,
    "a type word, 1,100 times": "webinar, " * 1_100,
    "questions answered at once": "whos it for? " * 769,
    "month-dash-day, 1,400 times": "14-Sep-" * 1_400,
    # Shapes of sessions 37 and 38's readers: form headings, chat headers, dash labels, words
    # before the people, a wish for more, -ing words after people, a making verb and a type,
    # question-shaped labels, "how does this work?" and a pause before each answer.
    "form headings, 450 times": "Who it's for\nx\n\n" * 450,
    "chat headers, 380 times": "[10:03] Priyanka Raman\nx\n" * 380,
    "dash labels, 520 times": "Customers - x\n" * 520,
    "pointed at, 520 times": "pointed at x, " * 520,
    "we want more, 760 times": "we want more " * 760,
    "people then -ing, 310 times": "runners recovering from injury, " * 310,
    "start a type, 290 times": "can we start a paid-media sprint? " * 290,
    "question labels, 310 times": "who it's aimed at: farmers, and " * 310,
    "how does this work, 230 times": "we're doing a webinar, how does this work? " * 230,
    "hmm before each answer, 470 times": "hmm, more volunteers " * 470,
    # Session 39's: checks after a value, channels said off, bare sentences, wanting a type.
    "a check after each value, 200 times": "spend is $9k — will that stretch far enough? " * 200,
    "channels said off, 220 times": "LinkedIn (no spend), search ads are off, " * 220,
    "bare sentences, 350 times": "potters at weekend markets. " * 350,
    "wanting a type, 270 times": "the boss wants an ABM trial sorted, " * 270,
    # Session 40's: a tail asking how to begin, frames before a value, channels said out.
    "where do I start, 300 times": "a joint offer, where do I start? " * 300,
    "a wish then a tail, 160 times": "we want to run a quiz night. how do we get going? " * 160,
    "labels with =, 500 times": "outcome we want = x " * 500,
    "channels not part of it, 250 times": "paid search isn't part of this, " * 250,
    "ok so before each answer, 470 times": "ok so bakers in Lyon " * 470,
    # Session 41's: frames before a value, remarks after it, money for things, people before lists.
    "measured on, 330 times": "measured on 300 booked tours " * 330,
    "a remark after a lead-in, 285 times": "we want more tee times, simple as. " * 285,
    "money for things, 310 times": "£4,000 for catering and drinks, " * 310,
    "our customer email list, 240 times": "channels our customer email list only, " * 240,
    # s42: an objective's remarks are read at its end only (a run of blanks cost its square)
    "an objective of 9,000 blanks": "Objective: more" + " " * 9_000 + "bookings",
    # s42: a brief that never names its type has its leftover read by meaning (MiniLM runs)
    "an untyped brief of 180 sentences": (
        'Name "Quiet Harbour". Audience: sailors in Cowes. Budget £2,000. '
        + "We are doing something new for the harbour this year. " * 180
    ),
    # s43: a list of networks is searched from its first item only (from every item, quadratic)
    "a list of 1,400 networks": "insta, " * 1400,
    "boosted posts and network ads, 240 times": "boost a few Instagram posts, TikTok ads, " * 240,
    # s44: aim lead-ins read at most eight times a message (each looked at to its sentence's end)
    "if we get, 1,000 times": "if we get " * 1000,
    "I need it to, 760 times": "I need it to " * 760,
    # s44: a slash ends a value only before a sentence of its own; form questions as labels
    "answers split by slashes, 500 times": "florists in Leeds / " * 500,
    "form questions, 300 times": "Who is it for? florists in Leeds\n" * 300,
    # s45: a value before its label, "-wise" labels, a transcript's clock, a past campaign's money
    "a value before its label, 300 times": "more bookings is the goal, " * 300,
    "audience-wise, 700 times": "audience-wise " * 700,
    "timestamps, 600 times": "00:25 budget is 9k\n" * 600,
    "a previous campaign's money, 300 times": "the previous one cost $5k and " * 300,
}


def _conversation(label: str, message: str) -> Scenario:
    """The message twice in one conversation: the second turn's guardrails also read the first
    from the history, as a real second turn does."""
    turns = (Turn(message, {}), Turn(message, {}))
    return Scenario(label, turns, TODAY)


async def whole_turns(runs: int) -> dict[str, float]:
    """Each shape's slowest whole turn (service, engine, guardrails, storage), best of `runs`."""
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(env=Environment.TEST, data_dir=Path(folder), _env_file=None)
        engine = create_engine(settings.resolved_database_url)
        await migrations.upgrade(engine)
        runtime = runtime_for(settings)
        acts.warm_up()  # the act classifier trains on first use: not part of a message's time
        # Readings by meaning (a brief's described type) run once MiniLM is loaded, as on a
        # server after its first minute: measured with it.
        if acts.embedded.MODEL.start() is not None:
            acts.embedded.MODEL.wait()
        if clauses.embedded.MODEL.start() is not None:  # and the clause tagger's (a message of
            clauses.embedded.MODEL.wait()  # many clauses falls back on the n-grams)
        brief = (BRIEF * (LIMIT // len(BRIEF) + 1))[:LIMIT]
        shapes = {"baseline: an ordinary brief": brief, **SHAPES}
        scenarios = [_conversation(label, message) for label, message in shapes.items()]
        await run_all(engine, scenarios[:1], settings, runtime)  # warm the indexes and caches
        best: dict[str, float] = {}
        for _ in range(runs):
            for result in await run_all(engine, scenarios, settings, runtime):
                slowest = max(result.latencies)
                best[result.name] = min(best.get(result.name, slowest), slowest)
        await engine.dispose()
        return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ratio", type=float, default=5.0, help="most a shape may take")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    best = asyncio.run(whole_turns(args.runs))
    baseline = best.pop("baseline: an ordinary brief")
    print(f"baseline: an ordinary brief of {LIMIT:,} characters  {baseline * 1000:8.1f} ms a turn")
    slow = []
    for label, message in SHAPES.items():
        ratio = best[label] / baseline
        print(f"{label:32} {len(message):6,} chars  {best[label] * 1000:8.1f} ms  x{ratio:5.2f}")
        if ratio > args.ratio:
            slow.append(label)
    if slow:
        print(f"slower than x{args.ratio} the baseline: {', '.join(slow)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
