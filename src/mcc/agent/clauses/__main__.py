"""`python -m mcc.agent.clauses PATH`: train the clause tagger and write its arrays to PATH (the
child of `mcc.agent.clauses.start`, so a server never fits in its own interpreter)."""

import sys
from pathlib import Path

from mcc.agent.acts.training import exit_with_parent
from mcc.agent.clauses import _train_to

if __name__ == "__main__":
    exit_with_parent()
    _train_to(Path(sys.argv[1]))
