"""Lexical retrieval: bm25s over English-stemmed, stop-word-filtered tokens.

The tokenizer is ours (bm25s's own regex, lower-casing, bm25s's English stop words, PyStemmer's
Snowball English stemmer) so that the snippet finder stems exactly as the index does. The bm25s
index is immutable; `BM25Scorer` is rebuilt from cached tokens when documents change, which takes
milliseconds for a knowledge base (about 0.3 s for SciFact's 5k abstracts).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

import numpy as np

from mcc.knowledge.embedders import FloatArray

__all__ = ["BM25Config", "BM25Scorer", "Tokenizer"]

_TOKEN: Final = re.compile(r"(?u)\b\w\w+\b")
# Texts whose tokens are remembered. The assistant re-reads the same passages' and questions'
# tokens on every knowledge turn (relevance, focus, snippets: a third of a turn's own work);
# a full memo is emptied rather than evicted one by one, which is cheap and bounds the memory.
_MEMO_MAX: Final = 4096


@dataclass(frozen=True)
class BM25Config:
    """Defaults tuned on SciFact train (see `mcc.knowledge.index.hybrid`)."""

    k1: float = 1.2
    b: float = 0.75
    method: Literal["lucene", "robertson", "atire", "bm25l", "bm25+"] = "lucene"


class Tokenizer:
    """Lower-cased word tokens, English stop words removed, Snowball-stemmed."""

    def __init__(self) -> None:
        # Imported here: bm25s pulls in scipy (~0.4 s), which a CLI's --help should not pay for.
        import Stemmer  # type: ignore[import-not-found]
        from bm25s.stopwords import STOPWORDS_EN  # type: ignore[import-untyped]

        self._stemmer = Stemmer.Stemmer("english")
        self._stopwords = frozenset(STOPWORDS_EN)
        self._memo: dict[str, tuple[str, ...]] = {}

    def __call__(self, text: str) -> list[str]:
        stems = self._memo.get(text)
        if stems is None:
            words = [w for w in _TOKEN.findall(text.lower()) if w not in self._stopwords]
            stems = tuple(self._stemmer.stemWords(words))
            if len(self._memo) >= _MEMO_MAX:
                self._memo.clear()
            self._memo[text] = stems
        return list(stems)  # a copy: callers may change theirs

    def spans(self, text: str) -> Iterator[tuple[int, int, str | None]]:
        """(start, end, stem) for every word; stem is None for a stop word."""
        for match in _TOKEN.finditer(text):
            word = match.group().lower()
            stem = None if word in self._stopwords else str(self._stemmer.stemWord(word))
            yield match.start(), match.end(), stem


class BM25Scorer:
    """Scores every indexed text for a query (dense array, one score per text, 0 = no match)."""

    def __init__(
        self, tokenized: Sequence[Sequence[str]], config: BM25Config | None = None
    ) -> None:
        cfg = config or BM25Config()
        self.size = len(tokenized)
        self._df: Counter[str] = Counter()
        for tokens in tokenized:
            self._df.update(set(tokens))
        self._model: Any = None
        if self._df:
            import bm25s  # type: ignore[import-untyped]

            self._model = bm25s.BM25(k1=cfg.k1, b=cfg.b, method=cfg.method)
            self._model.index([list(t) for t in tokenized], show_progress=False)

    def scores(self, query_tokens: Sequence[str]) -> FloatArray:
        if self._model is None:
            return np.zeros(self.size, dtype=np.float32)
        ids = self._model.get_tokens_ids([t for t in query_tokens if t in self._df])
        if not ids:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._model.get_scores_from_ids(ids), dtype=np.float32)

    def idf(self, stem: str) -> float:
        """Robertson-Sparck Jones IDF (non-negative); weighs query terms in snippets."""
        df = self._df.get(stem, 0)
        return math.log(1.0 + (self.size - df + 0.5) / (df + 0.5))
