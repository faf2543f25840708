"""A small LRU map, and the key a question is cached under.

Many people ask a knowledge base the same few questions ("What's the checklist for launching a
campaign?"), so the index keeps the answers of recent questions (`HybridIndex`: its results, emptied
whenever its documents or settings change) and the vectors of recent queries (kept: a query's
vector depends on the model only).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Generic, TypeVar

__all__ = ["LRUCache", "normalise_query"]

K = TypeVar("K")
V = TypeVar("V")


def normalise_query(text: str) -> str:
    """The cache key of a question: lower-cased with runs of white space made one space.

    Both sides of retrieval ignore what this removes: BM25 lower-cases and splits on words, and
    MiniLM's tokenizer is uncased and splits on white space.
    """
    return " ".join(text.lower().split())


class LRUCache(Generic[K, V]):
    """At most `size` entries, the least recently used dropped first; thread-safe."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: K) -> V | None:
        with self._lock:
            value = self._items.get(key)
            if value is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return value

    def put(self, key: K, value: V) -> None:
        if self.size <= 0:
            return
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)
