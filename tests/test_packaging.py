"""An installed MCC has every data file the code reads: the package-data globs in pyproject.toml
cover every non-Python file under src/mcc (a training corpus left out of them would leave an
installed assistant without its examples, while a checkout, where the tests run, has them)."""

from __future__ import annotations

import tomllib
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).parents[1]
PACKAGE = ROOT / "src" / "mcc"


def _globs() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    return list(config["tool"]["setuptools"]["package-data"]["mcc"])


def _shipped(relative: PurePosixPath, globs: list[str]) -> bool:
    # setuptools expands "**" across folders; PurePosixPath.full_match (3.13) is not available
    # on 3.11, so "**/" is tried as zero and as any number of folders.
    for pattern in globs:
        variants = {pattern, pattern.replace("**/", ""), pattern.replace("**", "*")}
        if any(relative.match(variant) and _same_depth(relative, variant) for variant in variants):
            return True
        if "**" in pattern:
            head = pattern.split("**")[0]
            if str(relative).startswith(head) and relative.match(pattern.split("**/")[-1]):
                return True
    return False


def _same_depth(relative: PurePosixPath, pattern: str) -> bool:
    return len(relative.parts) == len(PurePosixPath(pattern).parts)


def test_every_data_file_under_the_package_is_in_package_data() -> None:
    globs = _globs()
    data = [
        PurePosixPath(path.relative_to(PACKAGE).as_posix())
        for path in PACKAGE.rglob("*")
        if path.is_file()
        and path.suffix not in {".py", ".pyc"}
        and "__pycache__" not in path.parts
        and not path.name.startswith("README")  # notes for editors, not read by the code
    ]
    assert data, "no data files found: the test is looking in the wrong place"
    missing = [str(path) for path in data if not _shipped(path, globs)]
    assert not missing, f"not in [tool.setuptools.package-data] of pyproject.toml: {missing}"


def test_the_glob_check_refuses_a_file_outside_every_glob() -> None:
    globs = _globs()
    assert not _shipped(PurePosixPath("agent/acts/written/notes.csv"), globs)
    assert _shipped(PurePosixPath("agent/acts/written/acts.tsv"), globs)
    assert _shipped(PurePosixPath("knowledge/content/playbooks/campaign-tiers.md"), globs)
