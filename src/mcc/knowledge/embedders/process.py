"""`ProcessEmbedder`: the local model in a child process, so a server never imports torch.

Importing torch and loading MiniLM in a worker thread still froze the server's event loop: the
import holds the GIL while it initialises native extensions. Measured on a fresh `mcc serve`
(2 busy cores): `/healthz` took 0.5-1.5 s six times in the 15 s of the import, and stayed under
300 ms otherwise. In a child process the import costs the server nothing; texts go over a pipe
and vectors come back (a query's round trip is a fraction of a millisecond beside the model).

The child is started on first use and reads requests until its stdin closes, so it ends with
the server even if the server is killed. Calls are serialised with a lock (one model, one pipe)
and made from worker threads, as every embedder call is. The protocol is one JSON line per
request, and per reply a JSON status line (with the array's shape) followed by the vectors as
raw little-endian float32.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import IO

import numpy as np

from mcc.knowledge.embedders.base import EmbedderError, EmbedderUnavailableError, FloatArray


class ProcessEmbedder:
    """A `SentenceTransformerEmbedder` for `model_path`, run in a child process."""

    def __init__(self, model_path: Path, *, name: str, device: str = "cpu") -> None:
        self.model_path = model_path
        self._name = name
        self.device = device
        self._lock = threading.Lock()
        self._child: subprocess.Popen[bytes] | None = None

    @property
    def name(self) -> str:
        return self._name

    def embed_documents(self, texts: Sequence[str]) -> FloatArray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return self._call("documents", list(texts))

    def embed_query(self, text: str) -> FloatArray:
        return self._call("query", text)

    def close(self) -> None:
        with self._lock:
            if self._child is not None:
                self._child.kill()
                self._child.wait()
                self._child = None

    def _call(self, kind: str, payload: str | list[str]) -> FloatArray:
        with self._lock:
            child = self._start()
            assert child.stdin is not None
            assert child.stdout is not None
            try:
                child.stdin.write(json.dumps({"kind": kind, "input": payload}).encode() + b"\n")
                child.stdin.flush()
                status = json.loads(child.stdout.readline() or b'{"status": "gone"}')
                if status["status"] == "ok":
                    shape = tuple(status["shape"])
                    data = child.stdout.read(4 * int(np.prod(shape)))
                    return np.frombuffer(data, dtype="<f4").reshape(shape).copy()
            except (OSError, ValueError) as error:
                status = {"status": "gone", "message": str(error)}
            if status["status"] == "gone":
                self._child = None
                child.kill()
                raise EmbedderError(f"The embedding process stopped {status.get('message', '')}")
        if status["status"] == "unavailable":
            raise EmbedderUnavailableError(status["message"])
        raise EmbedderError(status["message"])

    def _start(self) -> subprocess.Popen[bytes]:
        if self._child is None or self._child.poll() is not None:
            self._child = subprocess.Popen(  # noqa: S603 - our interpreter, our module
                [sys.executable, "-m", __name__, str(self.model_path), self._name, self.device],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            )  # fmt: skip
        return self._child


def _serve(
    model_path: str, name: str, device: str, requests: IO[bytes], replies: IO[bytes]
) -> None:
    from mcc.knowledge.embedders.local import SentenceTransformerEmbedder

    embedder = SentenceTransformerEmbedder(Path(model_path), name=name, device=device)
    while line := requests.readline():
        request = json.loads(line)
        try:
            if request["kind"] == "query":
                vectors = embedder.embed_query(request["input"])
            else:
                vectors = embedder.embed_documents(request["input"])
        except EmbedderUnavailableError as error:
            replies.write(json.dumps({"status": "unavailable", "message": str(error)}).encode())
        except Exception as error:  # sent back to the server, which raises EmbedderError
            message = f"{type(error).__name__}: {error}"
            replies.write(json.dumps({"status": "error", "message": message}).encode())
        else:
            data = np.ascontiguousarray(vectors, dtype="<f4")
            replies.write(json.dumps({"status": "ok", "shape": data.shape}).encode() + b"\n")
            replies.write(data.tobytes())
            replies.flush()
            continue
        replies.write(b"\n")
        replies.flush()


if __name__ == "__main__":
    # Embedding is background work: on a busy machine the server's requests come first.
    os.nice(5)
    # stdout carries replies only: anything a library prints goes to stderr instead.
    replies = sys.stdout.buffer
    sys.stdout = sys.stderr
    try:
        _serve(sys.argv[1], sys.argv[2], sys.argv[3], sys.stdin.buffer, replies)
    except (BrokenPipeError, KeyboardInterrupt):
        # The server stopped (or was stopped) while a reply was on its way: nothing to report.
        sys.exit(0)
