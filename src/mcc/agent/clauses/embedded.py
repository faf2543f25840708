"""The clause tagger with sentence embeddings: the shipped MiniLM's vector next to the n-grams.

The n-grams know the words of the labelled clauses; a clause in words none of them used ("a
busier Tuesday night", "shift the last 200 tickets") falls to whichever role shares its nouns.
Held out, on a corpus written blind after the others (`written/clauses-w46.tsv`, trained on the
rest), the joint model labels more clauses right than the n-grams alone (see `written/README.md`),
so it is used once it is ready, and the n-gram model until then, exactly like the act classifier's
embeddings (`mcc.agent.acts.embedded`):

- only when the knowledge base has already built and cached MiniLM (it is never built here),
  loaded in a background thread: a first message never waits for it, nothing is downloaded;
- trained in a child process (embedding every labelled clause: seconds) and cached next to the
  embedder's built model, keyed by the clause corpus and the model file;
- each clause embeds once (its vector is cached).
"""

from __future__ import annotations

import sys
from pathlib import Path

from mcc.agent.acts.embedded import JointModel
from mcc.agent.acts.training import exit_with_parent
from mcc.agent.clauses.corpus import examples, training_source


def _examples() -> list[tuple[str, str]]:
    return [(role.value, text) for role, text in examples()]


# Read by `mcc.agent.clauses.tag` once loaded (its few clauses at most), the n-grams until then.
MODEL = JointModel("clauses-embedded", __name__, training_source, _examples, remembered=4096)


if __name__ == "__main__":  # the child of `start`: train and write the joint model to PATH
    exit_with_parent()
    MODEL.train_to(Path(sys.argv[1]))
