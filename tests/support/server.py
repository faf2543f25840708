"""A real `mcc serve` process on a free loopback port, started the way the README starts it.

Nothing is pre-built: the data directory is fresh (or the database URL is new), so whatever a real
first start builds lazily (migrations, the bundled playbooks, the knowledge index, the model) is
built while the test talks to it. `rss_mb()` reads the process's resident memory for bomb tests.

`mcc serve` runs one worker process per core by default; tests ask for `workers=1` unless they
are about several workers, so that what they measure (memory, the index's state, the log) is one
process's, whatever the machine's core count.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.support.net import free_port, wait_for

WEBHOOK_TOKEN = "newcomer-webhook-token-0123456789"


@dataclass
class ServerProcess:
    url: str
    database_url: str
    data_dir: Path
    process: subprocess.Popen[str]
    log: Path

    def rss_mb(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        line = next(line for line in status.splitlines() if line.startswith("VmRSS:"))
        return int(line.split()[1]) / 1024

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def worker_holding(server_pid: int, server_port: int, client_port: int) -> int | None:
    """Which worker process of `mcc serve --workers N` (children of `server_pid`) holds the server
    end of the connection from `client_port`; None until the kernel says."""
    import psutil

    for worker in psutil.Process(server_pid).children():
        for connection in worker.net_connections("tcp"):
            if connection.laddr.port == server_port and connection.raddr and (
                connection.raddr.port == client_port
            ):  # fmt: skip
                return int(worker.pid)
    return None


@contextmanager
def mcc_serve(
    database_url: str | None = None,
    *,
    env: dict[str, str] | None = None,
    timeout: float = 60,
    port: int | None = None,
    workers: int = 1,
) -> Iterator[ServerProcess]:
    """`python -m mcc serve` on a fresh data directory; yields once `/healthz` answers."""
    with tempfile.TemporaryDirectory(prefix="mcc-newcomer-") as tmp:
        data_dir = Path(tmp) / "var"
        url = database_url or f"sqlite+aiosqlite:///{data_dir / 'mcc.db'}"
        port = port or free_port()
        log = Path(tmp) / "server.log"
        # A test's own MCC_* variables (monkeypatched) win over these defaults; the database
        # and `env` given here win over everything.
        defaults = {"MCC_DATA_DIR": str(data_dir), "MCC_WEBHOOK_TOKEN": WEBHOOK_TOKEN,
                    "MCC_LOG_FORMAT": "json"}  # fmt: skip
        full_env = {**defaults, **os.environ, "MCC_DATABASE_URL": url, **(env or {})}
        with log.open("w") as sink:
            command = [sys.executable, "-m", "mcc", "serve", "--port", str(port)]
            process = subprocess.Popen(
                [*command, "--workers", str(workers)],
                env=full_env,
                stdout=sink,
                stderr=subprocess.STDOUT,
                text=True,
            )
        server = ServerProcess(f"http://127.0.0.1:{port}", url, data_dir, process, log)

        def up() -> bool:
            if process.poll() is not None:
                raise RuntimeError(f"mcc serve exited:\n{server.output()[-5000:]}")
            try:
                return httpx.get(f"{server.url}/healthz", timeout=1).status_code == 200
            except httpx.TransportError:
                return False

        try:
            wait_for(up, timeout=timeout, what="mcc serve to answer /healthz")
            yield server
        except BaseException:
            # pytest shows a failed test's stdout: the server's side of the story.
            print(f"--- mcc serve output (last 20,000 characters) ---\n{server.output()[-20000:]}")
            raise
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
