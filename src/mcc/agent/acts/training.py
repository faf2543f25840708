"""Training shared by the assistant's two learned classifiers (dialogue acts, clause roles).

Both learn from "label | text" lines with the same recipe (TF-IDF over words and character
n-grams, then logistic regression; the features `mcc.agent.acts.scorer` mirrors at run time), and
both fit in a child interpreter: fitting runs long stretches of compiled code that keep the GIL
(seconds on a busy 2-core machine), which would starve a server's event loop even from a thread.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from mcc.agent.acts.context import Context
from mcc.agent.acts.scorer import CHAR_NGRAMS, WORD_NGRAMS

if TYPE_CHECKING:  # pragma: no cover
    from sklearn.pipeline import FeatureUnion, Pipeline

Label = TypeVar("Label")
TRAINING_NICENESS = 10
PARENT_ENV = "MCC_TRAINING_PARENT"  # the pid a training child ends with
PARENT_POLL_SECONDS = 0.5


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


def _ngrams() -> FeatureUnion:
    """The TF-IDF word and character n-grams (unfitted)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion

    return FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=WORD_NGRAMS, token_pattern=r"\S+")),  # noqa: S106
            (
                "chars",
                TfidfVectorizer(analyzer="char_wb", ngram_range=CHAR_NGRAMS, sublinear_tf=True),
            ),
        ]
    )


def parse_written(source: str, label: Callable[[str], Label], what: str) -> list[tuple[Label, str]]:
    """The rows of a TSV with the header `context, act, text` ("" gives none); the context is
    checked (one of `Context`, or `any`) but not returned. A malformed row is an error."""
    rows: list[tuple[Label, str]] = []
    lines = source.splitlines()
    if not lines:
        return rows
    if lines[0].split("\t") != ["context", "act", "text"]:
        raise ValueError(f"{what}: expected the header 'context<TAB>act<TAB>text'")
    contexts = {context.value for context in Context} | {"any"}
    for number, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 3 or fields[0] not in contexts or not fields[2].strip():
            raise ValueError(f"{what} line {number}: expected 'context<TAB>act<TAB>text'")
        try:
            rows.append((label(fields[1].strip()), fields[2].strip()))
        except ValueError:
            raise ValueError(f"{what} line {number}: unknown act {fields[1]!r}") from None
    return rows


def fit(
    texts: Sequence[str],
    labels: Sequence[str],
    *,
    max_iter: int,
    balanced: bool = False,
    solver: str = "lbfgs",
) -> Pipeline:
    """The scikit-learn pipeline fitted on `texts` (already `features`-normalised), deterministic
    (fixed data order, a deterministic solver); `balanced`: each class weighs the same in total,
    so a rare class (one instruction for thirty details) is not learned as noise. `solver`:
    "newton-cg" for a model a user's turn waits for (`mcc.agent.acts`): on the act classifier's
    373,000 weights it converges in 7 Newton steps, 2.0 s against lbfgs's 4.6 s (77 steps, most
    of it in L-BFGS-B's own bookkeeping), to a tighter optimum with the same predictions."""
    # Imported here: scikit-learn takes a moment to import, and only training needs it.
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    model = Pipeline(
        [
            ("features", _ngrams()),
            (
                "classify",
                LogisticRegression(
                    C=8.0,
                    max_iter=max_iter,
                    class_weight="balanced" if balanced else None,
                    solver=solver,
                ),
            ),
        ]
    )
    # One BLAS thread: lbfgs makes small products, and OpenBLAS's threads spinning against each
    # other on a busy 2-core machine made the fit 11x slower (6.8 s against 0.6 s, same result).
    with threadpool_limits(1):
        model.fit(list(texts), list(labels))
    return model


def fit_with_vectors(
    texts: Sequence[str], vectors: Any, labels: Sequence[str], *, max_iter: int
) -> Pipeline:
    """`fit`'s pipeline with each text's sentence embedding (`vectors`, one row a text) as more
    columns after the n-grams: the classifier's last coefficients are the embedding's."""
    from scipy.sparse import csr_matrix, hstack  # type: ignore[import-untyped]
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from threadpoolctl import threadpool_limits

    union = _ngrams()
    classifier = LogisticRegression(C=8.0, max_iter=max_iter)
    with threadpool_limits(1):
        grams = union.fit_transform(list(texts))
        classifier.fit(hstack([grams, csr_matrix(vectors)]).tocsr(), list(labels))
    return Pipeline([("features", union), ("classify", classifier)])


def train_in_child(module: str, path: Path, what: str, *, waited_for: bool = False) -> None:
    """Run `python -m module PATH`, whose main trains and writes the model's arrays to `path`.

    `waited_for`: a user's turn waits for this model (the act classifier), so it trains at the
    server's own priority; the others are background work, at `TRAINING_NICENESS`.

    A plain interpreter that imports that package and scikit-learn only (a multiprocessing
    "spawn" child re-imported the whole server first, seconds more). One process trains a given
    file at a time (a lock file beside it): the workers of `mcc serve --workers N`, started
    together after an upgrade, each went to train the same model in its own child; now the
    first trains and the others, finding the file written while they waited, load it."""
    before = _version_of(path)
    with _exclusive(path.with_name(path.name + ".lock")):
        if _version_of(path) != before:  # written by another process meanwhile
            return
        child = subprocess.Popen(  # noqa: S603 - our interpreter, our module
            [sys.executable, "-m", module, str(path)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            env={**os.environ, PARENT_ENV: str(os.getpid())},
        )  # fmt: skip
        if not waited_for:
            # Background work, like the embedding children: a fresh data directory trains
            # four models (~30 s of CPU) while the first users chat; their turns come first.
            with contextlib.suppress(OSError):  # the child may already be gone
                os.setpriority(os.PRIO_PROCESS, child.pid, TRAINING_NICENESS)
        _, errors = child.communicate()
    if child.returncode < 0:  # the OOM killer, an operator's kill -9: it printed nothing
        signal_name = signal.Signals(-child.returncode).name
        raise OSError(f"training {what} failed: its process was killed ({signal_name})")
    if child.returncode != 0:
        raise OSError(f"training {what} failed: {errors.strip()[-500:]}")


def exit_with_parent() -> None:
    """In a training child (first thing its main calls): end when the server that started it
    ends. A server stopped by SIGTERM or killed left its children training on for seconds, for a
    data directory nobody would read: a test suite that starts servers by the dozen paid for
    every one of them."""
    parent = int(os.environ.get(PARENT_ENV, "0"))
    if not parent:  # run by hand: nobody to follow
        return

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _version_of(path: Path) -> tuple[int, int] | None:
    """The file's (inode, mtime): it changes when a model is written (atomically, by rename)."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return stat.st_ino, stat.st_mtime_ns


@contextlib.contextmanager
def _exclusive(lock: Path) -> Iterator[None]:
    """Hold an exclusive lock on `lock` (created if missing) across processes."""
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
