"""One HTTP worker of `mcc serve --workers N`: `create_app()` on the supervisor's socket.

Started by the supervisor as `python -m mcc.serving.worker FD DIRECTORY`, with the listening
socket inherited as file descriptor FD and the relay in DIRECTORY. Its settings come from the
environment like any `mcc serve`, with `MCC_RUN_WORKERS=false`: the supervisor runs the sync
workers, once for all.
"""

from __future__ import annotations

import socket
import sys
from pathlib import Path

KEEP_ALIVE_SECONDS = 75
"""How long an idle keep-alive connection stays open. uvicorn's 5 s default is shorter than a
person's pause between two requests: the server closed the connection just as the client reused
it, and the client saw a reset (the plan's load test, 1-5 s think time: one "connection reset by
peer" per 200-user run). Longer than the usual client's and proxy's idle timeout (60 s), so the
client is the one that closes first."""


def main(arguments: list[str]) -> None:
    import uvicorn

    from mcc.app import create_app
    from mcc.config import get_settings
    from mcc.logging import configure_logging
    from mcc.serving.link import ServingLink

    fd, directory = int(arguments[0]), Path(arguments[1])
    settings = get_settings()
    configure_logging(settings)
    app = create_app(settings, serving=ServingLink(directory))
    listening = socket.socket(fileno=fd)
    config = uvicorn.Config(app, log_config=None, timeout_graceful_shutdown=10,
                            timeout_keep_alive=KEEP_ALIVE_SECONDS)  # fmt: skip
    uvicorn.Server(config).run(sockets=[listening])


if __name__ == "__main__":
    main(sys.argv[1:])
