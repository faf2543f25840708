"""scripts/bootstrap.sh installs only what is missing: a .venv installed with the "dev" extras
(by scripts/test.sh) already has everything scripts/demo.sh needs.

Finding (newcomer run): after `scripts/test.sh`, `scripts/demo.sh` ran pip again (its stamp said
`extras=dev`, the demo wanted `extras=`), which fails offline, and online drops nothing but costs
a reinstall each time the two alternate. Run on a copy with a stand-in for .venv/bin/python that
records what it is asked to do, so no package is ever installed."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "bootstrap.sh", tmp_path / "scripts" / "bootstrap.sh")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text('#!/bin/sh\necho "$@" >> "$(dirname "$0")/../pip-calls"\n')
    python.chmod(0o755)
    return tmp_path


def stamp(checkout: Path, extras: str) -> None:
    digest = hashlib.sha256((checkout / "pyproject.toml").read_bytes()).hexdigest()
    (checkout / ".venv" / ".mcc-installed").write_text(f"{digest} extras={extras}\n")


def bootstrap(checkout: Path, *extras: str) -> list[str]:
    """The pip commands one run asked for."""
    subprocess.run(
        ["bash", str(checkout / "scripts" / "bootstrap.sh"), *extras],
        check=True, capture_output=True, env={"PATH": "/usr/bin:/bin", "PYTHON": sys.executable},
    )  # fmt: skip
    calls = checkout / ".venv" / "pip-calls"
    return calls.read_text().splitlines() if calls.exists() else []


def test_the_demo_after_the_tests_installs_nothing(checkout: Path) -> None:
    stamp(checkout, "dev")
    assert bootstrap(checkout) == []
    assert bootstrap(checkout, "dev") == []


def test_the_tests_after_the_demo_install_the_dev_extras(checkout: Path) -> None:
    stamp(checkout, "")
    calls = bootstrap(checkout, "dev")
    assert any(call.endswith("-e .[dev]") for call in calls), calls


def test_a_changed_pyproject_reinstalls(checkout: Path) -> None:
    stamp(checkout, "dev")
    (checkout / "pyproject.toml").write_text("# changed\n")
    assert any(call.endswith("-e .") for call in bootstrap(checkout)), "no reinstall"
