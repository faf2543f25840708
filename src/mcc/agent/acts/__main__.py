"""`python -m mcc.agent.acts PATH`: train the act classifier and write its arrays to PATH.

The child of `warm_up(in_child=True)`: fitting keeps the GIL for seconds, so a server never
fits in its own interpreter.
"""

import sys
from pathlib import Path

from mcc.agent.acts import _train_to
from mcc.agent.acts.training import exit_with_parent

if __name__ == "__main__":
    # Not niced, unlike the embedding children: a newcomer's first message waits for this
    # (about 2 s of CPU), and at nice 5 on a busy machine it took 20 s.
    exit_with_parent()
    _train_to(Path(sys.argv[1]))
