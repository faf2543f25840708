"""The trained act classifier as plain arrays, and its cache on disk.

Scoring a message needs only the vocabularies, the IDF weights and the logistic regression's
coefficients: sklearn's per-call checks cost milliseconds a turn, the arithmetic microseconds.
The same arrays are what the cache stores, so a restart loads the model without training and
without importing scikit-learn (seconds on a busy machine). The cache is a numpy `.npz` of
numbers and strings read with `allow_pickle=False`: loading it can never run code, even if the
file was tampered with. Its name carries a hash of `examples.txt`, the feature settings and the
scikit-learn version, so an upgrade that changes any of them trains again instead of reading a
stale model.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from sklearn.pipeline import Pipeline

# The features `train` builds; part of the cache key, and what the pure-Python analyzers mirror.
WORD_NGRAMS = (1, 2)
CHAR_NGRAMS = (2, 4)
FORMAT = 2  # bump when the stored arrays or what the classifier reads change meaning


def words(text: str) -> list[str]:
    """sklearn's word analyzer for `TfidfVectorizer(ngram_range=(1, 2), token_pattern=r"\\S+")`
    (a test compares them): lower case, whitespace tokens, then unigrams and bigrams."""
    tokens = text.lower().split()
    grams = list(tokens)
    for n in range(WORD_NGRAMS[0] + 1, min(WORD_NGRAMS[1] + 1, len(tokens) + 1)):
        grams += [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
    return grams


def chars(text: str) -> list[str]:
    """sklearn's `char_wb` analyzer, n-grams 2..4 inside space-padded words (a test compares)."""
    grams: list[str] = []
    for word in text.lower().split():
        word = f" {word} "
        for n in range(CHAR_NGRAMS[0], CHAR_NGRAMS[1] + 1):
            offset = 0
            grams.append(word[:n])
            while offset + n < len(word):
                offset += 1
                grams.append(word[offset : offset + n])
            if offset == 0:  # a word shorter than n counts once
                break
    return grams


ANALYZERS: tuple[Callable[[str], list[str]], ...] = (words, chars)


@dataclass(frozen=True)
class Part:
    """One feature block: its analyzer, vocabulary (gram -> column) and IDF weights."""

    analyze: Callable[[str], list[str]]
    vocabulary: dict[str, int]
    idf: Any
    sublinear: bool
    offset: int


class Scorer:
    """Probabilities of each class for a text, from arrays (same as the sklearn pipeline).

    `dense`: the coefficients of a sentence embedding learned next to the n-grams (classes x
    dimensions), or None for the n-grams alone; such a model is scored with the text's vector.
    """

    def __init__(
        self,
        parts: list[Part],
        coef: Any,
        intercept: Any,
        classes: list[str],
        dense: Any | None = None,
    ) -> None:
        self.parts, self.coef, self.intercept, self.classes = parts, coef, intercept, classes
        self.dense = dense

    @classmethod
    def from_pipeline(cls, model: Pipeline, *, dense: int = 0) -> Scorer:
        """The arrays of a fitted pipeline; `dense`: how many embedding columns follow the
        n-grams in its classifier's coefficients (0: none)."""
        union, classifier = model.named_steps["features"], model.named_steps["classify"]
        parts, offset = [], 0
        for analyze, (_, vectorizer) in zip(ANALYZERS, union.transformer_list, strict=True):
            vocabulary = {str(gram): int(i) for gram, i in vectorizer.vocabulary_.items()}
            parts.append(
                Part(analyze, vocabulary, vectorizer.idf_, bool(vectorizer.sublinear_tf), offset)
            )
            offset += len(vocabulary)
        classes = [str(label) for label in classifier.classes_]
        coef, intercept = classifier.coef_, classifier.intercept_
        if len(classes) == 2 and coef.shape[0] == 1:
            # A two-class model scores the second class only (a sigmoid); a zero row for the
            # first makes it the softmax every other model is scored with, same probabilities.
            coef = np.vstack([np.zeros_like(coef), coef])
            intercept = np.concatenate([np.zeros_like(intercept), intercept])
        if not dense:
            return cls(parts, coef, intercept, classes)
        return cls(parts, coef[:, :offset], intercept, classes, coef[:, offset:])

    def probabilities(self, text: str, vector: Any | None = None) -> Any:
        """The classes' probabilities; `vector` (the text's embedding) is required by, and only
        read by, a model with a dense block."""
        if (self.dense is None) != (vector is None):
            raise ValueError("a text's embedding goes with an embedding model, and only with one")
        scores = self.intercept.copy()
        if vector is not None:
            scores = scores + self.dense @ vector
        for part in self.parts:
            counts: dict[int, int] = {}
            for gram in part.analyze(text):
                index = part.vocabulary.get(gram)
                if index is not None:
                    counts[index] = counts.get(index, 0) + 1
            if not counts:
                continue
            indices = np.fromiter(counts, dtype=np.int64)
            tf = np.fromiter(counts.values(), dtype=np.float64)
            weights = (1.0 + np.log(tf) if part.sublinear else tf) * part.idf[indices]
            weights /= np.sqrt(weights @ weights)
            scores = scores + self.coef[:, part.offset + indices] @ weights
        scores = np.exp(scores - scores.max())
        return scores / scores.sum()

    def save(self, path: Path) -> None:
        """Write the arrays atomically (a crash mid-write leaves no half file to load)."""
        arrays: dict[str, Any] = {
            "coef": self.coef,
            "intercept": self.intercept,
            "classes": np.array(self.classes, dtype=str),
            "sublinear": np.array([part.sublinear for part in self.parts]),
        }
        if self.dense is not None:
            arrays["dense"] = self.dense
        for number, part in enumerate(self.parts):
            grams = sorted(part.vocabulary, key=part.vocabulary.__getitem__)
            arrays[f"grams{number}"] = np.array(grams, dtype=str)
            arrays[f"idf{number}"] = part.idf
        write_arrays(path, arrays)

    @classmethod
    def load(cls, path: Path) -> Scorer:
        """The cached model; any unreadable or inconsistent file raises `ValueError`."""
        try:
            with np.load(path, allow_pickle=False) as data:
                parts, offset = [], 0
                for number, analyze in enumerate(ANALYZERS):
                    grams = [str(gram) for gram in data[f"grams{number}"]]
                    idf = data[f"idf{number}"].astype(np.float64)
                    if len(idf) != len(grams):
                        raise ValueError("vocabulary and weights differ in size")
                    vocabulary = {gram: index for index, gram in enumerate(grams)}
                    sublinear = bool(data["sublinear"][number])
                    parts.append(Part(analyze, vocabulary, idf, sublinear, offset))
                    offset += len(grams)
                coef = data["coef"].astype(np.float64)
                intercept = data["intercept"].astype(np.float64)
                classes = [str(label) for label in data["classes"]]
                dense = data["dense"].astype(np.float64) if "dense" in data.files else None
        # BadZipFile: a truncated file (a full disk, a copy cut short). It is none of the others,
        # and escaped as a crash of every turn while /readyz said "starting".
        except (OSError, KeyError, IndexError, EOFError, zipfile.BadZipFile) as error:
            raise ValueError(f"unreadable classifier cache: {error}") from None
        if coef.shape != (len(classes), offset) or intercept.shape != (len(classes),):
            raise ValueError("classifier cache has inconsistent shapes")
        if dense is not None and dense.shape[0] != len(classes):
            raise ValueError("classifier cache has inconsistent shapes")
        return cls(parts, coef, intercept, classes, dense)


def write_arrays(path: Path, arrays: dict[str, Any]) -> None:
    """Write `arrays` as a numpy `.npz` atomically (a crash mid-write leaves no half file to
    load); every learned model of the assistant caches its arrays this way."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            np.savez(file, **arrays)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def cache_key(examples: bytes) -> str:
    """What the trained model depends on: the examples, the features and scikit-learn's
    version (read from its metadata, so computing the key does not import it)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        sklearn = version("scikit-learn")
    except PackageNotFoundError:  # pragma: no cover - a dependency of the package
        sklearn = "none"
    digest = hashlib.sha256(examples)
    digest.update(f"|{FORMAT}|{WORD_NGRAMS}|{CHAR_NGRAMS}|{sklearn}".encode())
    return digest.hexdigest()[:24]
