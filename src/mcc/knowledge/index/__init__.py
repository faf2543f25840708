"""Hybrid retrieval over document chunks: `bm25`, `dense`, `fusion`, `snippets`, and `hybrid`
(the `HybridIndex` that ties them together). Importing this package loads neither torch nor any
model; the embedder loads on first use."""

from mcc.knowledge.index.bm25 import BM25Config, BM25Scorer, Tokenizer
from mcc.knowledge.index.dense import CachedEmbedder, ProgressCallback, embed_batched, text_key
from mcc.knowledge.index.fusion import FusionConfig, convex_fusion, reciprocal_rank_fusion
from mcc.knowledge.index.hybrid import HybridIndex
from mcc.knowledge.index.models import (
    Citation,
    DocumentHit,
    DocumentInfo,
    DocumentInput,
    IndexConfig,
    SearchHit,
    SearchMode,
)

__all__ = [
    "BM25Config",
    "BM25Scorer",
    "CachedEmbedder",
    "Citation",
    "DocumentHit",
    "DocumentInfo",
    "DocumentInput",
    "FusionConfig",
    "HybridIndex",
    "IndexConfig",
    "ProgressCallback",
    "SearchHit",
    "SearchMode",
    "Tokenizer",
    "convex_fusion",
    "embed_batched",
    "reciprocal_rank_fusion",
    "text_key",
]
