"""Start an emulator as a child process and wait (with a deadline) until it answers.

`mcc demo` uses this so the app and the emulator are separate processes, as they would be in
life: the app only ever reaches Workfront or Asana over HTTP.
"""

from __future__ import annotations

import ctypes
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from mcc.exceptions import ServiceUnavailableError

PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>


def _die_with_parent() -> None:
    """In the child: have Linux send SIGTERM when the parent dies, however it dies. uvicorn
    re-raises the SIGTERM it handled, so the parent's own clean-up code may never run."""
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def start_workfront_emulator(
    host: str, port: int, db_path: Path, *, timeout: float = 30.0
) -> subprocess.Popen[bytes]:
    """``mcc sandbox workfront`` as a child process, answering when this returns."""
    return _start("workfront", "Workfront", host, port, db_path, timeout)


def start_asana_emulator(
    host: str, port: int, db_path: Path, *, timeout: float = 30.0
) -> subprocess.Popen[bytes]:
    """``mcc sandbox asana`` as a child process, answering when this returns."""
    return _start("asana", "Asana", host, port, db_path, timeout)


def _start(
    kind: str, label: str, host: str, port: int, db_path: Path, timeout: float
) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "mcc", "sandbox", kind, "--host", host,
               "--port", str(port), "--db", str(db_path)]  # fmt: skip
    # Our own interpreter and arguments: nothing here comes from outside.
    process = subprocess.Popen(  # noqa: S603
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=_die_with_parent if sys.platform == "linux" else None,
    )
    url = f"http://{host}:{port}/__emulator__/health"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServiceUnavailableError(
                f"The {label} emulator exited at start (is port {port} free?)"
            )
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.05)
    process.terminate()
    raise ServiceUnavailableError(f"The {label} emulator did not answer on port {port}")
