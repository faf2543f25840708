"""`python -m mcc.agent.instructions PATH`: train the instruction detector and write its arrays
to PATH (the child of `mcc.agent.instructions.start`: a server never fits in its own
interpreter)."""

import sys
from pathlib import Path

from mcc.agent.acts.training import exit_with_parent
from mcc.agent.instructions import _train_to

if __name__ == "__main__":
    exit_with_parent()
    _train_to(Path(sys.argv[1]))
