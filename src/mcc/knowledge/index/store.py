"""The index as one blob: a JSON manifest (documents, chunks, the embedder's name) and one float32
matrix of chunk vectors, in an ``.npz`` read with ``allow_pickle=False`` (a stored index is data,
never code). Tokens and BM25 are not stored: rebuilding them takes less time than reading them.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

import numpy as np

from mcc.exceptions import ValidationError
from mcc.knowledge.chunking import Chunk
from mcc.knowledge.embedders import FloatArray
from mcc.knowledge.index.models import DocumentInfo

__all__ = ["FORMAT", "Record", "dump_index", "load_index"]

FORMAT = 1
Record = tuple[DocumentInfo, list[Chunk], FloatArray | None]


def dump_index(records: Sequence[Record], embedder_name: str | None) -> bytes:
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "embedder": embedder_name,
        "documents": [
            {
                "info": asdict(info),
                "vectors": vectors is not None,
                "chunks": [
                    [c.ordinal, list(c.section_path), c.text, c.start, c.end] for c in chunks
                ],
            }
            for info, chunks, vectors in records
        ],
    }
    stored = [vectors for _, _, vectors in records if vectors is not None]
    matrix = np.concatenate(stored) if stored else np.zeros((0, 0), np.float32)
    buffer = io.BytesIO()
    raw = np.frombuffer(json.dumps(manifest).encode(), dtype=np.uint8)
    np.savez(buffer, manifest=raw, vectors=matrix.astype(np.float32, copy=False))
    return buffer.getvalue()


def load_index(data: bytes) -> tuple[str | None, list[Record]]:
    """(embedder name, records); raises `ValidationError` for anything but our format."""
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
            manifest = json.loads(arrays["manifest"].tobytes().decode())
            matrix = np.asarray(arrays["vectors"], dtype=np.float32)
        if manifest.get("format") != FORMAT:
            raise ValueError(f"format {manifest.get('format')!r}")
        records: list[Record] = []
        row = 0
        for doc in manifest["documents"]:
            info = DocumentInfo(**doc["info"])
            chunks = [
                Chunk(info.doc_id, o, info.title, tuple(p), t, s, e)
                for o, p, t, s, e in doc["chunks"]
            ]
            vectors = None
            if doc["vectors"]:
                vectors = matrix[row : row + len(chunks)].copy()
                row += len(chunks)
            records.append((info, chunks, vectors))
    except (ValueError, KeyError, TypeError, OSError) as exc:
        raise ValidationError(
            f"Not a knowledge index this version can read: {exc}", {"index": "unreadable"}
        ) from exc
    return manifest.get("embedder"), records
