"""The trained span tagger as plain arrays: fitted in a child process, scored without sklearn.

Scoring a token is a sum of coefficient columns (one per feature name it has), plus, for the
contextual tagger (`mcc.agent.span_tagger.contextual`), its dense coefficients times the token's
vector, and a softmax; the arrays are what the cache stores (`mcc.agent.acts.scorer.write_arrays`,
read back with `allow_pickle=False`, so loading a tampered file can never run code).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from mcc.agent.acts.scorer import write_arrays
from mcc.agent.span_tagger.corpus import Message
from mcc.agent.span_tagger.features import Token, after_tag, features, spans_of, tags_of, tokens

_FORGOTTEN = 4


class TokenModel:
    """Per-token probabilities of each BIO tag, from a vocabulary of feature names."""

    def __init__(
        self,
        vocabulary: dict[str, int],
        coef: Any,
        intercept: Any,
        classes: list[str],
        dense: Any | None = None,
    ):
        self.vocabulary, self.coef, self.intercept = vocabulary, coef, intercept
        self.classes = classes
        # Classes x dimensions: the weights of each token's dense vector (None: lexical only).
        self.dense = dense
        # What each previous tag adds to a token's scores (row: the previous tag), the same for
        # every message: worked out once here, not on every turn.
        self._after = np.zeros((len(classes), len(classes)))
        for previous, label in enumerate(classes):
            indices = [i for n in after_tag(label, []) if (i := vocabulary.get(n)) is not None]
            self._after[previous] = coef[:, indices].sum(axis=1)

    def _scores(self, text: str, items: Sequence[Token], asked: str, vectors: Any | None) -> Any:
        """Each token's tag scores without the previous tag (tokens x classes)."""
        rows = features(text, items, asked)
        read = np.zeros((len(rows), len(self.classes)))
        if self.dense is not None:
            if vectors is None:
                raise ValueError("this span tagger reads each token's vector")
            read = np.asarray(vectors, dtype=np.float64) @ self.dense.T
        own = np.empty((len(rows), len(self.classes)))
        for number, row in enumerate(rows):
            indices = [i for name in row if (i := self.vocabulary.get(name)) is not None]
            own[number] = self.intercept + self.coef[:, indices].sum(axis=1) + read[number]
        return own

    def decode(
        self, text: str, items: Sequence[Token], asked: str = "", vectors: Any | None = None
    ) -> tuple[list[int], Any]:
        """The most probable sequence of tags (Viterbi over the tagger's tag-after-tag
        probabilities), and each token's tag probabilities given the tag the sequence puts
        before it. Reading left to right on its own best guess, one unsure word ended a value
        early or let it run on; the whole sequence weighs every token's choice against its
        neighbours'."""
        own = self._scores(text, items, asked, vectors)
        outside = self.classes.index("O") if "O" in self.classes else 0
        best = np.full(len(self.classes), -np.inf)
        best[outside] = 0.0
        steps = np.zeros((len(items), len(self.classes), len(self.classes)))
        pointers = np.zeros((len(items), len(self.classes)), dtype=np.int64)
        for number in range(len(items)):
            scores = own[number][None, :] + self._after
            scores = np.exp(scores - scores.max(axis=1, keepdims=True))
            steps[number] = scores / scores.sum(axis=1, keepdims=True)  # row: previous tag
            with np.errstate(divide="ignore"):
                paths = best[:, None] + np.log(steps[number])
            pointers[number] = paths.argmax(axis=0)
            best = paths.max(axis=0)
        path = [int(best.argmax())]
        for number in range(len(items) - 1, 0, -1):
            path.append(int(pointers[number][path[-1]]))
        path.reverse()
        before = [outside, *path[:-1]]
        return path, steps[np.arange(len(items)), before]

    def spans(
        self, text: str, asked: str = "", vectors: Any | None = None
    ) -> list[tuple[str, int, int, float]]:
        """The spans the tagger marks in `text`: (field, start, end, mean probability). The
        best sequence of tags (`decode`) says which field (or none) each token belongs to, its
        B- and I- tags alike, so a span is not cut where the tagger hesitates between beginning
        and inside ("CFOs of | regional banks"); runs of the same field are the spans, and a
        token's confidence is its field's probability over both tags after the tag before it."""
        items = tokens(text)
        if not items:
            return []
        path, probabilities = self.decode(text, items, asked, vectors)
        field_of = ["O" if label == "O" else label[2:] for label in self.classes]
        tags: list[str] = []
        confidence: list[float] = []
        for number, index in enumerate(path):
            field = field_of[index]
            tags.append("O" if field == "O" else f"I-{field}")
            same = [column for column, other in enumerate(field_of) if other == field]
            confidence.append(float(probabilities[number, same].sum()))
        return spans_of(items, tags, confidence)

    def save(self, path: Path) -> None:
        names = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        arrays = {
            "names": np.array(names, dtype=str),
            "coef": self.coef,
            "intercept": self.intercept,
            "classes": np.array(self.classes, dtype=str),
        }
        if self.dense is not None:
            arrays["dense"] = self.dense
        write_arrays(path, arrays)

    @classmethod
    def load(cls, path: Path) -> TokenModel:
        """The cached model; any unreadable or inconsistent file raises `ValueError`."""
        try:
            with np.load(path, allow_pickle=False) as data:
                names = [str(name) for name in data["names"]]
                coef = data["coef"].astype(np.float64)
                intercept = data["intercept"].astype(np.float64)
                classes = [str(label) for label in data["classes"]]
                dense = data["dense"].astype(np.float64) if "dense" in data.files else None
        except (OSError, KeyError, EOFError, ValueError) as error:  # ValueError: not an archive
            raise ValueError(f"unreadable span tagger cache: {error}") from None
        if coef.shape != (len(classes), len(names)) or intercept.shape != (len(classes),):
            raise ValueError("span tagger cache has inconsistent shapes")
        if dense is not None and (dense.ndim != 2 or dense.shape[0] != len(classes)):
            raise ValueError("span tagger cache has inconsistent dense shapes")
        return cls({name: i for i, name in enumerate(names)}, coef, intercept, classes, dense)


def training_rows(messages: Sequence[Message]) -> tuple[list[list[str]], list[str]]:
    """Each token's feature names and its true tag, message after message."""
    rows: list[list[str]] = []
    tags: list[str] = []
    for message in messages:
        items = tokens(message.text)
        truth = tags_of(items, message.spans)
        read = features(message.text, items, message.asked)
        before = ["O", *truth][: len(truth)]
        # Every few tokens the previous tag is shown as O: tagging, the tagger reads its own
        # guesses, and one missed word must not end the value or keep the next one out.
        before = ["O" if (len(tags) + n) % _FORGOTTEN == 0 else tag for n, tag in enumerate(before)]
        rows += [[*row, *after_tag(tag, row)] for row, tag in zip(read, before, strict=True)]
        tags += truth
    return rows, tags


def fit(
    rows: Sequence[list[str]],
    tags: Sequence[str],
    *,
    regularisation: float,
    vectors: Sequence[Any] | None = None,
    max_iter: int = 400,
) -> TokenModel:
    """A logistic regression over the tokens' feature names, and their `vectors` (one array a
    message, one row a token) as more columns when given (run in the child process)."""
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    vocabulary: dict[str, int] = {}
    columns: list[int] = []
    pointers = [0]
    for row in rows:
        columns += [vocabulary.setdefault(name, len(vocabulary)) for name in dict.fromkeys(row)]
        pointers.append(len(columns))
    matrix = _matrix(columns, pointers, len(vocabulary), vectors)
    classifier = LogisticRegression(C=regularisation, max_iter=max_iter)
    with threadpool_limits(1):  # see mcc.agent.acts.training.fit: one BLAS thread is faster
        classifier.fit(matrix, list(tags))
    classes = [str(label) for label in classifier.classes_]
    width = len(vocabulary)
    coef = classifier.coef_
    dense = None if vectors is None else coef[:, width:]
    return TokenModel(vocabulary, coef[:, :width], classifier.intercept_, classes, dense)


def _matrix(
    columns: list[int], pointers: list[int], width: int, vectors: Sequence[Any] | None
) -> Any:
    """The training matrix: each row a token's feature names (ones), then its vector's columns,
    written straight into one float32 CSR matrix. The contextual tagger's vectors (1,152 columns
    a token, ~150k tokens) are most of it; in float64, through a dense stack and the COO copy of
    a general `hstack`, its first training peaked at 7.2 GB resident."""
    from scipy.sparse import csr_matrix  # type: ignore[import-untyped]

    lexical = np.asarray(columns, dtype=np.int32)
    starts = np.asarray(pointers, dtype=np.int64)
    if vectors is None:  # the lexical tagger: float64, as it has always been fitted
        data = np.ones(len(lexical), dtype=np.float64)
        return csr_matrix((data, lexical, starts), shape=(len(starts) - 1, width))
    blocks = [np.asarray(block, dtype=np.float32) for block in vectors]
    size = blocks[0].shape[1] if blocks else 0
    dense_columns = np.arange(width, width + size, dtype=np.int32)
    counts = np.diff(starts)
    indptr = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts + size, out=indptr[1:])
    data = np.empty(int(indptr[-1]), dtype=np.float32)
    indices = np.empty(int(indptr[-1]), dtype=np.int32)
    row = 0
    for block in blocks:
        for token in block:
            at, lex = int(indptr[row]), int(counts[row])
            data[at : at + lex] = 1.0
            indices[at : at + lex] = lexical[starts[row] : starts[row] + lex]
            data[at + lex : at + lex + size] = token
            indices[at + lex : at + lex + size] = dense_columns
            row += 1
    matrix = csr_matrix((data, indices, indptr), shape=(len(counts), width + size))
    matrix.sort_indices()
    return matrix
