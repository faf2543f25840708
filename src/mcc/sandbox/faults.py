"""Fault switches shared by the emulators: a validated, thread-safe holder of one settings record.

Each emulator (Workfront, Asana) declares its own dataclass of switches, each with the value
that reproduces a healthy service, and subclasses :class:`FaultSwitches` only for what differs
(how API errors are drawn, dropped creates...). Holding, partial updates from
``POST /__emulator__/faults`` (unknown names, wrong types and negative numbers are refused with
a ``ValueError`` naming the first bad switch, and nothing changes) and resets live here once.

The webhook delivery core (:mod:`mcc.sandbox.delivery`) reads the switches every backend must
have, named in :class:`DeliverySwitches`.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Mapping
from dataclasses import asdict, fields
from typing import Any, ClassVar, Generic, Protocol, TypeVar


class DeliverySwitches(Protocol):
    """The switches the shared delivery queue and worker read (each backend's dataclass)."""

    __dataclass_fields__: ClassVar[dict[str, Any]]
    duplicate_deliveries: bool  # every event delivery is sent twice
    reorder_batch: int  # ≥2: hold that many deliveries, then send them newest first
    reorder_hold_ms: int  # release a partial held batch after this long
    fail_first_attempts: int  # each delivery's first N attempts fail (not sent)
    delivery_timeout_s: float  # how long a receiver has to answer
    retry_delay_scale: float  # 1.0 = the service's own backoff; 0.001 for tests


S = TypeVar("S", bound=DeliverySwitches)


class FaultSwitches(Generic[S]):
    """Thread-safe holder of the current settings ``S``.

    ``nullable`` names switches whose healthy value is None and that may be set back to null;
    ``choices`` restricts string switches to a few values.
    """

    nullable: ClassVar[frozenset[str]] = frozenset()
    choices: ClassVar[Mapping[str, tuple[str, ...]]] = {}

    def __init__(self, settings_type: type[S], initial: dict[str, Any] | None = None) -> None:
        self._lock = threading.Lock()
        self._type = settings_type
        self._settings = settings_type()
        if initial:
            self.update(initial)

    @property
    def current(self) -> S:
        """A copy of the settings in force (switches are scalars: a shallow copy is whole)."""
        with self._lock:
            return copy.copy(self._settings)

    def snapshot(self) -> dict[str, Any]:
        """The settings as JSON."""
        return asdict(self.current)

    def update(self, changes: dict[str, Any]) -> dict[str, Any]:
        """Apply a partial update atomically; raises ``ValueError`` naming the first bad switch."""
        healthy = self._type()
        known = {f.name for f in fields(healthy)}
        with self._lock:
            candidate = asdict(self._settings)
            for name, value in changes.items():
                if name not in known:
                    raise ValueError(f"unknown fault switch {name!r}")
                candidate[name] = self._checked(name, value, getattr(healthy, name))
            self._settings = self._type(**candidate)
            self._updated(changes)
            return asdict(self._settings)

    def _checked(self, name: str, value: Any, default: Any) -> Any:
        """``value`` as the switch stores it; the type is the healthy value's (bool ≠ int)."""
        if value is None and name in self.nullable:
            return None
        wanted = int if default is None else type(default)
        if wanted is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if type(value) is not wanted:
            raise ValueError(f"{name} must be {wanted.__name__}")
        if name in self.choices and value not in self.choices[name]:
            raise ValueError(f"{name} must be one of {self.choices[name]}")
        if isinstance(value, int | float) and not isinstance(value, bool) and value < 0:
            raise ValueError(f"{name} must not be negative")
        return value

    def _updated(self, changes: dict[str, Any]) -> None:
        """Called under the lock after ``changes`` were applied (e.g. to re-seed a random)."""

    def reset(self) -> None:
        """Back to a healthy service."""
        with self._lock:
            self._settings = self._type()
