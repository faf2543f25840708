"""`python -m mcc.agent.campaign_kinds PATH`: the child `MODEL.start` runs to train the model and
write its arrays to PATH."""

import sys
from pathlib import Path

from mcc.agent.acts.training import exit_with_parent
from mcc.agent.campaign_kinds import MODEL

if __name__ == "__main__":
    exit_with_parent()
    MODEL.train_to(Path(sys.argv[1]))
