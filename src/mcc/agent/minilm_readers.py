"""The readers that use MiniLM, named once: whatever starts, waits for or reports them reads this.

Each loads its arrays from the data directory's cache, or trains them in a child interpreter,
in the background once the local MiniLM is built; the rules and the n-gram models read until
it is "on". The service starts them, `mcc agent eval` and the latency benchmark wait for them
(every turn read the same way), and /readyz reports each by its key.
"""

from __future__ import annotations

from typing import Any, Protocol


class Reader(Protocol):
    def start(self) -> Any: ...

    def wait(self) -> None: ...

    def state(self) -> str: ...


def readers() -> dict[str, Reader]:
    """Each reader by its /readyz key, in the order they are started."""
    from mcc.agent import acts, campaign_kinds, clauses, span_tagger

    return {
        # Replies read with sentence embeddings (the n-gram act classifier until "on").
        "acts": acts.embedded.MODEL,
        # The span tagger with MiniLM's token vectors (the lexical one's spans until "on").
        "spans_contextual": span_tagger.contextual,
        # The clause tagger with MiniLM's sentence vectors (the n-gram one's roles until "on").
        "clauses_embedded": clauses.embedded.MODEL,
        # The kinds of campaign read by meaning (the rules' type words alone until "on").
        "campaign_kinds": campaign_kinds.MODEL,
    }


def start_all() -> None:
    for reader in readers().values():
        reader.start()


def wait_all() -> None:
    for reader in readers().values():
        reader.wait()


def states() -> dict[str, str]:
    return {key: reader.state() for key, reader in readers().items()}
