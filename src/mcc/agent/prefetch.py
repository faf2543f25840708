"""The MiniLM runs a turn will need, started on a second thread while the rules read the message.

Reading a message runs the model several times, one run after another: the clause tagger embeds
each clause, the contextual span tagger reads the whole message's token states, the act classifier
its vector. A run costs about 0.6 ms a wordpiece on a core without VNNI (AVX2 only), so a 20-word
brief waited ~70 ms for them. Started here, in the opposite order to the caller's, they run on the
second core while the caller reads: whichever thread comes to a run first makes it, and the other
finds it made or waits for it (`_Loaded.query_states`). Nothing read changes: the same texts give
the same vectors, whichever thread ran them.

One thread, and at most one turn's runs waiting for it: under load, when every core is busy with
turns of its own, a turn whose prefetch could not start reads exactly as before.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import partial

from mcc.agent import clauses
from mcc.agent.acts import embedded as acts_embedded
from mcc.agent.acts import features
from mcc.agent.clauses.split import split
from mcc.agent.span_tagger import contextual
from mcc.logging import get_logger

log = get_logger(__name__)

_worker = ThreadPoolExecutor(1, thread_name_prefix="mcc-prefetch")
# One turn's runs under way and one waiting: more would be work queued behind other turns, done
# after their callers have made the runs themselves.
_slots = threading.BoundedSemaphore(2)


def start(text: str) -> None:
    """Start the runs reading `text` will make, if the thread is free enough to help."""
    if not _slots.acquire(blocking=False):
        return
    try:
        _worker.submit(_run, text)
    except RuntimeError:  # the interpreter is shutting down: the caller runs them itself
        _slots.release()


def wait() -> None:
    """Until the runs started so far are over (tests)."""
    _worker.submit(lambda: None).result()


def _run(text: str) -> None:
    try:
        for run in _runs(text):
            run()
    except Exception as error:  # the caller makes the same run and meets the error itself
        log.debug("agent.prefetch_failed", error=str(error))
    finally:
        _slots.release()


def _runs(text: str) -> Iterator[Callable[[], object]]:
    """The runs in the opposite order to the caller's: it embeds the clauses first, the whole
    message's token states and vector last."""
    tagger = contextual.current()
    if tagger is not None:
        yield lambda: tagger.embedder.token_states(text)
    if acts_embedded.MODEL.current() is not None:
        yield lambda: acts_embedded.MODEL.vector(features(text))
    pieces = split(text)
    if clauses.embedded.MODEL.current() is not None and len(pieces) <= clauses.EMBEDDED_CLAUSES:
        for piece in reversed(pieces):
            yield partial(clauses.embedded.MODEL.vector, features(piece.text))
