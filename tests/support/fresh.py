"""A script in a fresh interpreter with this test run's import path: what a newly started
process loads (a cache, a model) without anything this test process already imported."""

from __future__ import annotations

import os
import subprocess
import sys


def run_fresh(script: str, *, timeout: float = 120) -> str:
    """The standard output of `python -c script` (a non-zero exit fails with its output)."""
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
        env=os.environ | {"PYTHONPATH": os.pathsep.join(sys.path)},
    )
    return done.stdout
