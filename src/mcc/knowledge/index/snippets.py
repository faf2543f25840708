"""The snippet shown under a search hit: the passage of the chunk densest in query terms.

Query terms are weighted by IDF so that a window holding "lead time" beats one holding "campaign"
three times; distinct terms count once (plus a little per repeat). The window is widened to word
boundaries, started at a sentence start when one is close, and marked with "…" where it cuts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from mcc.knowledge.index.bm25 import Tokenizer

__all__ = ["best_snippet"]

_SENTENCE_START = re.compile(r"(?:^|(?<=[.!?:])\s+|\n\s*)(?=\S)")


def best_snippet(
    text: str, weights: Mapping[str, float], tokenizer: Tokenizer, width: int = 240
) -> str:
    """A passage of about ``width`` characters of ``text`` (whitespace collapsed)."""
    if len(text) <= width:
        return " ".join(text.split())
    hits = [
        (start, stem) for start, _end, stem in tokenizer.spans(text) if stem and stem in weights
    ]
    anchor = 0
    if hits:
        best = -1.0
        for i, (start, _stem) in enumerate(hits):
            seen: dict[str, int] = {}
            for other_start, other_stem in hits[i:]:
                if other_start - start > width * 3 // 4:
                    break
                seen[other_stem] = seen.get(other_stem, 0) + 1
            score = sum(weights[s] * (1.0 + 0.1 * (n - 1)) for s, n in seen.items())
            if score > best:
                best, anchor = score, start
        lead = anchor - width // 5
        sentence = [m.end() for m in _SENTENCE_START.finditer(text, max(lead, 0), anchor + 1)]
        anchor = sentence[0] if sentence else max(lead, 0)
    start = anchor
    while 0 < start < len(text) and not text[start - 1].isspace():
        start -= 1
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start + width // 2, end)
        end = space if space > start else end
    passage = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + passage + ("…" if end < len(text) else "")
