"""The `Embedder` protocol, its errors, and the row normalisation every implementation applies."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from mcc.exceptions import ServiceUnavailableError

FloatArray = npt.NDArray[np.float32]


class EmbedderError(ServiceUnavailableError):
    """The embedding service failed or answered something unusable. ``retryable`` is true for
    transport errors, 429 and 5xx; false for a bad key or model name, which a retry will not fix."""

    code = "EMBEDDER_FAILED"

    def __init__(self, message: str, *, retryable: bool = False) -> None:
        super().__init__(message)
        self.retryable = retryable


class EmbedderUnavailableError(EmbedderError):
    code = "EMBEDDER_UNAVAILABLE"


@runtime_checkable
class Embedder(Protocol):
    @property
    def name(self) -> str: ...

    def embed_documents(self, texts: Sequence[str]) -> FloatArray: ...

    def embed_query(self, text: str) -> FloatArray: ...


def normalise_rows(vectors: npt.ArrayLike) -> FloatArray:
    array = np.atleast_2d(np.asarray(vectors, dtype=np.float32))
    norms = np.linalg.norm(array, axis=1, keepdims=True)
    return np.asarray(array / np.where(norms == 0, 1.0, norms), dtype=np.float32)


def first_row(matrix: FloatArray) -> FloatArray:
    return np.asarray(matrix[0], dtype=np.float32)
