"""Fusing a lexical and a dense score array into one ranking.

Both functions take full score arrays (one entry per chunk, ``-inf`` for chunks a filter
excludes) and return a fused array of the same shape where higher is better and excluded chunks
stay ``-inf``. Only each retriever's top ``depth`` candidates contribute; a BM25 score of 0 (no
query term) is no candidate at all. Chunks marked ``keyword_only`` (not embedded yet: their dense
score is ``-inf``) count their keyword side for both, so a document uploaded a moment ago ranks
by its keywords among the others instead of at half their weight. Which method the index uses,
and with which parameters, is decided by measurement: see `FusionConfig`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from mcc.knowledge.embedders import FloatArray

__all__ = ["FusionConfig", "convex_fusion", "reciprocal_rank_fusion", "top_candidates"]


@dataclass(frozen=True)
class FusionConfig:
    """``rrf``: sum of ``weight / (rrf_k + rank)``; ``convex``: ``alpha * bm25' + (1 - alpha) *
    dense'`` with each side min-max normalised over its own top ``depth`` candidates.
    Defaults are the values chosen on SciFact train (see `mcc.knowledge.index.hybrid`)."""

    method: Literal["rrf", "convex"] = "convex"
    rrf_k: float = 60.0
    depth: int = 1000
    alpha: float = 0.5
    bm25_weight: float = 1.0
    dense_weight: float = 1.0


def top_candidates(scores: FloatArray, depth: int, *, positive_only: bool) -> np.ndarray:
    """Indices of the best ``depth`` finite scores, best first."""
    valid = np.isfinite(scores) & (scores > 0 if positive_only else True)
    candidates = np.flatnonzero(valid)
    if candidates.size > depth:
        part = np.argpartition(-scores[candidates], depth - 1)[:depth]
        candidates = candidates[part]
    return candidates[np.argsort(-scores[candidates], kind="stable")]


def reciprocal_rank_fusion(
    bm25: FloatArray, dense: FloatArray, config: FusionConfig | None = None,
    keyword_only: np.ndarray | None = None,
) -> FloatArray:  # fmt: skip
    cfg = config or FusionConfig(method="rrf")
    fused = np.where(np.isfinite(bm25), 0.0, -np.inf).astype(np.float32)
    for scores, weight, positive in (
        (bm25, cfg.bm25_weight, True),
        (dense, cfg.dense_weight, False),
    ):
        top = top_candidates(scores, cfg.depth, positive_only=positive)
        fused[top] += weight / (cfg.rrf_k + np.arange(1, top.size + 1, dtype=np.float32))
    if keyword_only is not None and cfg.bm25_weight:
        keyword = np.where(np.isfinite(fused), fused, 0.0)  # only the BM25 side counted there
        fused = np.where(
            keyword_only, fused + keyword * (cfg.dense_weight / cfg.bm25_weight), fused
        ).astype(np.float32)
    return fused


def _minmax(scores: FloatArray, depth: int, positive_only: bool) -> FloatArray:
    out = np.zeros_like(scores, dtype=np.float32)
    top = top_candidates(scores, depth, positive_only=positive_only)
    if top.size == 0:
        return out
    high, low = float(scores[top[0]]), float(scores[top[-1]])
    if top.size == 1 or high == low:
        out[top] = 1.0
    else:
        # The floor is the depth-th score, not 0: BM25 and cosine have different floors.
        floor = 0.0 if positive_only and top.size < depth else low
        out[top] = (scores[top] - floor) / (high - floor)
    return out


def convex_fusion(
    bm25: FloatArray, dense: FloatArray, config: FusionConfig | None = None,
    keyword_only: np.ndarray | None = None,
) -> FloatArray:  # fmt: skip
    cfg = config or FusionConfig(method="convex")
    lexical, semantic = _minmax(bm25, cfg.depth, True), _minmax(dense, cfg.depth, False)
    if keyword_only is not None:
        semantic = np.where(keyword_only, lexical, semantic)
    fused = cfg.alpha * lexical + (1.0 - cfg.alpha) * semantic
    return np.where(np.isfinite(bm25), fused, -np.inf).astype(np.float32)
