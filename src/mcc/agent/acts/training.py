"""Training shared by the assistant's two learned classifiers (dialogue acts, clause roles).

Both learn from "label | text" lines with the same recipe (TF-IDF over words and character
n-grams, then logistic regression; the features `mcc.agent.acts.scorer` mirrors at run time), and
both fit in a child interpreter: fitting runs long stretches of compiled code that keep the GIL
(seconds on a busy 2-core machine), which would starve a server's event loop even from a thread.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from mcc.agent.acts.scorer import CHAR_NGRAMS, WORD_NGRAMS

if TYPE_CHECKING:  # pragma: no cover
    from sklearn.pipeline import Pipeline

Label = TypeVar("Label")


def parse_labelled(
    source: str, label: Callable[[str], Label], what: str
) -> list[tuple[Label, str]]:
    """The "label | text" lines of `source` (blank lines and # comments skipped); a malformed
    line or an unknown label is an error naming `what` and the line (a test loads them all)."""
    rows: list[tuple[Label, str]] = []
    for number, line in enumerate(source.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        name, sep, text = line.partition("|")
        if not sep or not text.strip():
            raise ValueError(f"{what} line {number}: expected 'label | text'")
        rows.append((label(name.strip()), text.strip()))
    return rows


def fit(texts: Sequence[str], labels: Sequence[str], *, max_iter: int) -> Pipeline:
    """The scikit-learn pipeline fitted on `texts` (already `features`-normalised), deterministic
    (fixed data order, the lbfgs solver)."""
    # Imported here: scikit-learn takes a moment to import, and only training needs it.
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    union = FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=WORD_NGRAMS, token_pattern=r"\S+")),  # noqa: S106
            (
                "chars",
                TfidfVectorizer(analyzer="char_wb", ngram_range=CHAR_NGRAMS, sublinear_tf=True),
            ),
        ]
    )
    model = Pipeline(
        [("features", union), ("classify", LogisticRegression(C=8.0, max_iter=max_iter))]
    )
    # One BLAS thread: lbfgs makes small products, and OpenBLAS's threads spinning against each
    # other on a busy 2-core machine made the fit 11x slower (6.8 s against 0.6 s, same result).
    with threadpool_limits(1):
        model.fit(list(texts), list(labels))
    return model


def train_in_child(module: str, path: Path, what: str) -> None:
    """Run `python -m module PATH`, whose main trains and writes the model's arrays to `path`.

    A plain interpreter that imports that package and scikit-learn only (a multiprocessing
    "spawn" child re-imported the whole server first, seconds more)."""
    done = subprocess.run(  # noqa: S603 - our interpreter, our module
        [sys.executable, "-m", module, str(path)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise OSError(f"training {what} failed: {done.stderr.strip()[-500:]}")
