"""Start an emulator as a child process and wait (with a deadline) until it answers.

`mcc demo` uses this so the app and the emulator are separate processes, as they would be in
life: the app only ever reaches Workfront over HTTP.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx

from mcc.exceptions import ServiceUnavailableError


def start_workfront_emulator(
    host: str, port: int, db_path: Path, *, timeout: float = 30.0
) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "mcc", "sandbox", "workfront", "--host", host,
               "--port", str(port), "--db", str(db_path)]  # fmt: skip
    # Our own interpreter and arguments: nothing here comes from outside.
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
    url = f"http://{host}:{port}/__emulator__/health"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServiceUnavailableError(
                f"The Workfront emulator exited at start (is port {port} free?)"
            )
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.05)
    process.terminate()
    raise ServiceUnavailableError(f"The Workfront emulator did not answer on port {port}")
