"""Parsing a large upload in a child process: off the server's GIL, bounded in time and memory.

pypdf and python-docx are pure Python: a parse of a 20 MB PDF in a worker thread held the GIL for
most of its seconds, so the event loop (every request, `/healthz` too) answered late while it
ran. Files from `CHILD_FROM_BYTES` up are parsed by ``python -m mcc.knowledge.parse_process``
instead: the parent writes the limits and the file to its stdin and reads the `ParsedDocument`,
or the `DocumentError` to raise, as JSON from its stdout. The child caps its own address space
(`RLIMIT_AS`, set before it parses) and is killed after `seconds` seconds; either becomes a
`DocumentTooLargeError` that tells the uploader what to do. A smaller file parses in
milliseconds: a thread costs less than starting a child (about half a second).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import os
import sys
import weakref
from collections.abc import Awaitable, Callable
from typing import Any, Final

from mcc.exceptions import MCCError, ServiceUnavailableError
from mcc.knowledge import parsing
from mcc.knowledge.parsing import (
    DocumentError,
    DocumentTooLargeError,
    ParsedDocument,
    ParseLimits,
    current_limits,
    parse_bytes,
)
from mcc.logging import get_logger

__all__ = [
    "CHILD_FROM_BYTES",
    "PARALLEL_CHILDREN",
    "PARSE_MEMORY_BYTES",
    "PARSE_TIMEOUT",
    "ParsingBusyError",
    "UploadAbandonedError",
    "parse_upload",
]

log = get_logger(__name__)
CHILD_FROM_BYTES: Final = 256 * 1024
PARSE_TIMEOUT: Final = 120.0  # seconds; a 400-page PDF takes pypdf about 20 on a busy core
# Address space, not resident memory: the interpreter and its libraries map ~300 MB before any
# parsing; a DOCX's XML tree takes several times the XML's size (`max_zip_xml_bytes`: 16 MB).
PARSE_MEMORY_BYTES: Final = 1536 * 1024 * 1024

children_started = 0
"""How many parses this process handed to a child (tests check a large file went to one)."""
# Children parsing at once, at most one per core: twenty large uploads at the same moment would
# otherwise start twenty interpreters of ~100 MB each contending for two cores; the rest wait
# their turn (the wait does not count against `seconds`).
PARALLEL_CHILDREN = max(1, os.cpu_count() or 1)
# The wait has bounds of its own: each waiting upload holds its whole file in memory, and an
# uploader should hear "try again" rather than watch a spinner for minutes. Past QUEUED_AT_MOST
# waiting, or after SLOT_WAIT_SECONDS without a slot, the upload is refused with 503 and
# Retry-After; nothing is stored.
QUEUED_AT_MOST = 4 * PARALLEL_CHILDREN
SLOT_WAIT_SECONDS = PARSE_TIMEOUT
RETRY_AFTER_SECONDS = 30
_waiting = 0
most_at_once = 0
"""The most children this process ran at the same time (tests check the cap holds)."""
_running = 0
# One semaphore per event loop: an asyncio.Semaphore belongs to the loop that first waits on it.
_slots: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
    weakref.WeakKeyDictionary()
)


def _slot() -> asyncio.Semaphore:
    loop = asyncio.get_running_loop()
    slot = _slots.get(loop)
    if slot is None:
        slot = _slots[loop] = asyncio.Semaphore(PARALLEL_CHILDREN)
    return slot


class UploadAbandonedError(MCCError):
    """The uploader went away while its file waited for or held a parsing slot (nobody reads
    the answer; the code is nginx's for a client that closed the request)."""

    code = "CLIENT_GONE"
    status_code = 499


async def parse_upload(
    data: bytes, filename: str, *, limits: ParseLimits | None = None,
    seconds: float = PARSE_TIMEOUT, memory_bytes: int = PARSE_MEMORY_BYTES,
    client_gone: Callable[[], Awaitable[object]] | None = None,
) -> ParsedDocument:  # fmt: skip
    """`parse_bytes` without holding up the event loop: in a thread for a small file, in a
    bounded child process from `CHILD_FROM_BYTES` up. Raises `DocumentError` as it does.

    `client_gone` returns once the uploader has disconnected: the server does not cancel a
    request whose client left, so without it a closed browser tab kept its child parsing for up
    to `seconds` in one of the few slots (and then stored the file nobody waited for). The
    child is killed, the slot freed, and `UploadAbandonedError` raised instead."""
    limits = limits or current_limits()
    if len(data) < CHILD_FROM_BYTES:
        return await asyncio.to_thread(parse_bytes, data, filename, limits=limits)
    parsing = _parse_in_turn(data, filename, limits, seconds, memory_bytes)
    if client_gone is None:
        return await parsing
    return await _unless_gone(parsing, client_gone(), filename)


async def _unless_gone(
    parsing: Awaitable[ParsedDocument], gone: Awaitable[object], filename: str
) -> ParsedDocument:
    parse_task = asyncio.ensure_future(parsing)
    gone_task = asyncio.ensure_future(gone)
    try:
        await asyncio.wait({parse_task, gone_task}, return_when=asyncio.FIRST_COMPLETED)
        if parse_task.done():
            return parse_task.result()
        raise UploadAbandonedError(f"{filename}: the uploader disconnected while it was parsed")
    finally:  # also when this request is cancelled: no task outlives it
        for task in (gone_task, parse_task):
            task.cancel()
        await asyncio.gather(gone_task, parse_task, return_exceptions=True)


class ParsingBusyError(ServiceUnavailableError):
    """Too many large uploads are waiting to be read: this one is refused, to be sent again."""

    def __init__(self, filename: str, why: str) -> None:
        super().__init__(
            f"{filename}: {why}; nothing was stored. Try again in a minute, or upload it as "
            "Markdown or plain text (read at once)."
        )
        self.headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}

    def extensions(self) -> dict[str, object]:
        # GraphQL answers 200 with the error in its body, where no Retry-After header goes:
        # its clients read when to send again here.
        return {**super().extensions(), "retryAfter": RETRY_AFTER_SECONDS}


async def _parse_in_turn(
    data: bytes, filename: str, limits: ParseLimits, seconds: float, memory_bytes: int
) -> ParsedDocument:
    global _running, most_at_once, _waiting
    slot = _slot()
    if slot.locked() and _waiting >= QUEUED_AT_MOST:
        raise ParsingBusyError(filename, f"{_waiting} large uploads are already waiting to be read")
    _waiting += 1
    try:
        async with asyncio.timeout(SLOT_WAIT_SECONDS):
            await slot.acquire()
    except TimeoutError:
        raise ParsingBusyError(
            filename, f"other large uploads kept the server busy for {SLOT_WAIT_SECONDS:.0f} s"
        ) from None
    finally:
        _waiting -= 1
    try:
        _running += 1
        most_at_once = max(most_at_once, _running)
        try:
            return await _parse_in_child(data, filename, limits, seconds, memory_bytes)
        finally:
            _running -= 1
    finally:
        slot.release()


async def _parse_in_child(
    data: bytes, filename: str, limits: ParseLimits, seconds: float, memory_bytes: int
) -> ParsedDocument:
    global children_started
    header = {"filename": filename, "limits": dataclasses.asdict(limits), "memory": memory_bytes}
    # Our own interpreter and module; the file travels on stdin, never as an argument.
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-m", __name__, stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    children_started += 1
    request = json.dumps(header).encode() + b"\n" + data
    try:
        out, err = await asyncio.wait_for(child.communicate(request), seconds)
    except TimeoutError:
        raise DocumentTooLargeError(
            f"{filename} took more than {seconds:.0f} s to read; split it into smaller "
            "documents, or save it as Markdown or plain text.",
            filename,
        ) from None
    finally:
        if child.returncode is None:  # timed out, or this request was cancelled
            with contextlib.suppress(ProcessLookupError):
                child.kill()
            await child.wait()
    try:
        answer: dict[str, Any] = json.loads(out)
    except ValueError:
        tail = err.decode(errors="replace").strip().splitlines()[-1:] or ["no output"]
        log.warning("knowledge.parse_child_failed", file=filename, code=child.returncode,
                    error=tail[0][:300])  # fmt: skip
        raise DocumentTooLargeError(
            f"{filename} needs more than {memory_bytes // 2**20:,} MB to read, or could not be "
            "read; split it into smaller documents, or save it as Markdown or plain text.",
            filename,
        ) from None
    if "error" in answer:
        error = answer["error"]
        kind = getattr(parsing, error["kind"], DocumentError)
        if not (isinstance(kind, type) and issubclass(kind, DocumentError)):
            kind = DocumentError
        raise kind(error["message"], error["filename"])
    return ParsedDocument(**answer["document"])


def _child() -> int:
    """The child's side: one request on stdin, one JSON answer on stdout."""
    import resource

    header = json.loads(sys.stdin.buffer.readline())
    data = sys.stdin.buffer.read()
    with contextlib.suppress(ValueError, OSError):  # a platform without the limit parses anyway
        resource.setrlimit(resource.RLIMIT_AS, (header["memory"], header["memory"]))
    filename = header["filename"]
    try:
        document = parse_bytes(data, filename, limits=ParseLimits(**header["limits"]))
    except DocumentError as error:
        answer: dict[str, Any] = {"error": {
            "kind": type(error).__name__, "message": error.message, "filename": error.filename,
        }}  # fmt: skip
    except MemoryError:
        return 3  # no JSON: the parent says the file needs more memory than allowed
    else:
        answer = {"document": dataclasses.asdict(document)}
    sys.stdout.write(json.dumps(answer))
    return 0


if __name__ == "__main__":
    sys.exit(_child())
