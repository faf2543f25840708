"""A learned model a turn never waits for: loaded from the data directory's cache, or trained in
a child process in the background (the clause tagger, the instruction detector, the span tagger).

With no cached model, `start` trains in `python -m <module> PATH` on a thread and returns at once;
until the model is there, `current()` is None and the rules alone read the message. `warm_up`
waits for it (the evaluations and the tests, which must be deterministic). The cache is named by
a hash of the training text (`cache_key`), so a changed corpus trains a new model. `state()` is
what `/readyz` shows of it.
"""

from __future__ import annotations

import tempfile
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Generic, Protocol, TypeVar

from mcc.agent.acts.scorer import cache_key
from mcc.agent.acts.training import train_in_child
from mcc.logging import get_logger

log = get_logger(__name__)


class Stored(Protocol):
    """A model kept as arrays in a file (`Scorer`, the span tagger's `TokenModel`)."""

    def save(self, path: Path) -> None: ...


Model = TypeVar("Model", bound=Stored)


class CachedModel(Generic[Model]):
    """One model's arrays, its cache file and its background training.

    `module`: the package whose `python -m` trains the model and writes it to the path given;
    `name`: the cache file's prefix and the log events' word; `source`: the training text the
    cache is keyed by; `what`: how an error names the model; `load`: reads a model's file
    (raising ValueError for a damaged one).
    """

    def __init__(
        self,
        module: str,
        name: str,
        source: Callable[[], str],
        what: str,
        load: Callable[[Path], Model],
    ) -> None:
        self.module, self.name, self.source, self.what = module, name, source, what
        self.load = load
        self.model: Model | None = None
        self.building: threading.Thread | None = None
        self._lock = threading.Lock()

    def cache_file(self, folder: Path) -> Path:
        return folder / "cache" / f"{self.name}-{cache_key(self.source().encode())}.npz"

    def install(self, model: Model | None) -> None:
        """Use `model` from now on (None: no model, the rules alone; the measurements use it)."""
        with self._lock:
            self.model = model

    def current(self) -> Model | None:
        return self.model

    def state(self) -> str:
        """ "on" (loaded), "loading" (training or loading in the background), or "off" (not
        started, or it failed: the rules alone read messages)."""
        if self.model is not None:
            return "on"
        if self.building is not None and self.building.is_alive():
            return "loading"
        return "off"

    def train_in_child(self, path: Path) -> None:
        """Train in `python -m module PATH`: a server never fits in its own interpreter."""
        train_in_child(self.module, path, self.what)

    def start(self, cache: Path | None = None) -> None:
        """Load the cached model now (milliseconds), or train it in the background."""
        if self.model is not None:
            return
        if cache is not None and self.cache_file(cache).exists():
            self._load_or_train(cache)
            return
        with self._lock:
            if self.building is None or not self.building.is_alive():
                self.building = threading.Thread(
                    target=self._background, args=(cache,), name=self.name, daemon=True
                )
                self.building.start()

    def warm_up(self, cache: Path | None = None) -> None:
        """Load or train the model and wait for it."""
        building = self.building
        if building is not None:
            building.join()
        if self.model is None:
            self._load_or_train(cache)

    def _background(self, cache: Path | None) -> None:
        try:
            self._load_or_train(cache)
        except (OSError, ValueError) as error:  # the rules alone keep reading messages
            log.warning(f"agent.{self.name}_unavailable", error=str(error))

    def _load_or_train(self, cache: Path | None) -> None:
        path = self.cache_file(cache) if cache is not None else None
        if path is not None and path.exists():
            try:
                loaded = self.load(path)
            # BadZipFile: a truncated file, which a `load` may let through (the span tagger's
            # did: every turn failed with INTERNAL and /readyz said "starting" for ever).
            except (ValueError, zipfile.BadZipFile) as error:  # damaged: train it again
                log.warning(f"agent.{self.name}_cache_unreadable", path=str(path), error=str(error))
            else:
                self._keep(loaded)
                return
        with tempfile.TemporaryDirectory(prefix=f"mcc-{self.name}-") as folder:
            target = path or Path(folder) / f"{self.name}.npz"
            try:
                self.train_in_child(target)
                trained = self.load(target)
            except (OSError, ValueError) as error:  # a read-only data directory, say
                if path is None:
                    raise
                log.warning(f"agent.{self.name}_cache_unwritable", path=str(path), error=str(error))
                target = Path(folder) / f"{self.name}.npz"
                self.train_in_child(target)
                trained = self.load(target)
        self._keep(trained)

    def _keep(self, model: Model) -> None:
        """The first model loaded stays (a model installed meanwhile is not replaced)."""
        with self._lock:
            self.model = self.model or model
