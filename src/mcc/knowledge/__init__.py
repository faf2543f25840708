"""The knowledge base's retrieval core: parse → chunk → index (BM25 + dense, fused) → search.

Modules: `parsing` (files to `ParsedDocument`), `chunking` (heading-aware chunks), `embedders`
(the `Embedder` protocol: local MiniLM, OpenAI-compatible, Ollama, Bedrock Titan), `index`
(`HybridIndex`), `evaluation` (BEIR-style metrics). This package holds no database code; the
service layer stores what `HybridIndex` exports. Importing it loads no model: that happens on the
first embedding.
"""
