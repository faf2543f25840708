"""Logging an error costs milliseconds and stays small, whatever the failing frame holds."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

import pytest

from mcc.config import Environment, LogFormat, Settings
from mcc.logging import configure_logging, get_logger


def _nested(depth: int, width: int) -> Any:
    node: Any = {"leaf": "x" * 200}
    for level in range(depth):
        node = {f"k{level}_{i}": node if i == 0 else list(range(50)) for i in range(width)}
    return node


def _fail_with_huge_locals() -> None:
    payload = _nested(depth=200, width=20)  # what a malformed webhook once carried
    rows = [payload] * 5_000
    raise ValueError(f"cannot apply {len(rows)} rows")


@pytest.fixture
def restore_logging() -> Any:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers, root.level = handlers, level


@pytest.mark.parametrize("log_format", [LogFormat.CONSOLE, LogFormat.JSON])
def test_an_exception_in_a_frame_with_huge_locals_logs_fast_and_small(
    log_format: LogFormat, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    restore_logging: None,
) -> None:  # fmt: skip
    settings = Settings(_env_file=None, env=Environment.DEVELOPMENT, data_dir=tmp_path,
                        log_format=log_format)  # fmt: skip
    configure_logging(settings)
    log = get_logger("test.logging")
    huge_field = _nested(depth=50, width=5)
    try:
        _fail_with_huge_locals()
    except ValueError:
        started = time.perf_counter()
        log.exception("inbox.apply_failed", payload=huge_field, note="y" * 100_000)
        elapsed = time.perf_counter() - started
    output = capsys.readouterr().err
    assert elapsed < 0.05, f"logging took {elapsed * 1000:.0f} ms"
    assert "inbox.apply_failed" in output
    assert "ValueError: cannot apply 5000 rows" in output
    assert "_fail_with_huge_locals" in output  # the traceback is there, its locals are not
    assert "k199_0" not in output
    assert "leaf" not in output
    assert len(output) < 20_000


def test_stdlib_errors_are_bounded_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], restore_logging: None
) -> None:
    settings = Settings(_env_file=None, env=Environment.DEVELOPMENT, data_dir=tmp_path)
    configure_logging(settings)
    try:
        _fail_with_huge_locals()
    except ValueError:
        logging.getLogger("uvicorn.error").exception("Exception in ASGI application")
    output = capsys.readouterr().err
    assert "ValueError: cannot apply 5000 rows" in output
    assert "leaf" not in output
    assert len(output) < 20_000
