"""`python -m mcc.agent.span_tagger PATH`: train the span tagger and write its arrays to PATH (the
child of `mcc.agent.span_tagger.start`, so a server never fits in its own interpreter)."""

import sys
from pathlib import Path

from mcc.agent.acts.training import exit_with_parent
from mcc.agent.span_tagger import train_to

if __name__ == "__main__":
    exit_with_parent()
    train_to(Path(sys.argv[1]))
