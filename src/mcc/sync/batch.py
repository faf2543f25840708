"""A batch of decoded inbox events, collapsed to what each remote object needs: its newest state.

A burst in Workfront (a status changed on 20 projects, twice) arrives as many events, several
per object. Applying each one costs a transaction and, for all but the newest, changes nothing
in the end: `mcc.sync.apply` keeps the state with the latest last-modified time. So a batch is
reduced, before any transaction opens, to one step per object:

- a task's newest deletion (its tombstone), if any, then
- the object's newest state, unless that deletion is at least as new (the state is stale).

This is the same outcome as applying the events one by one by time, which is the sync's rule
("apply by the object's lastUpdateDate/event time, never regress"): events that lose are
*superseded* (recorded as ignored, like any stale state). Ties go to the first arrival, as they
did one by one (an equal time is no newer, so the second changed nothing). Events that carry
nothing to apply (a project deletion described only by id) are ignored as before.

Projects go before tasks: a project's state may link its campaign (by `extRefID`), and a task
of that project can only be adopted once the link exists.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from mcc.integrations.workmgmt import ChangeEvent, ChangeKind


@dataclass(frozen=True)
class Decoded:
    """A claimed inbox event and what it says."""

    event_id: uuid.UUID
    change: ChangeEvent


@dataclass
class ObjectStep:
    """What one remote object's events in a batch come down to."""

    object_type: str
    object_id: str
    deletion: Decoded | None = None  # a task's newest deletion
    state: Decoded | None = None  # the newest state, newer than `deletion`
    superseded: list[uuid.UUID] = field(default_factory=list)  # stale, or with nothing to apply

    @property
    def applied(self) -> list[Decoded]:
        return [item for item in (self.deletion, self.state) if item is not None]


def is_deletion(change: ChangeEvent) -> bool:
    return change.kind is ChangeKind.DELETED and change.object_type == "task"


def state_time(change: ChangeEvent) -> datetime | None:
    """When the object was in the state this event carries (None: it carries no state)."""
    if change.project is not None:
        return change.project.updated_at
    if change.task is not None:
        return change.task.updated_at
    return None


def collapse(batch: Sequence[Decoded]) -> list[ObjectStep]:
    """One step per object (projects first, then in order of first arrival); see the module."""
    steps: dict[tuple[str, str], ObjectStep] = {}
    for item in batch:
        change = item.change
        key = (change.object_type, change.object_id)
        step = steps.setdefault(key, ObjectStep(change.object_type, change.object_id))
        loser: Decoded | None = item
        if is_deletion(change):
            if step.deletion is None or change.occurred_at > step.deletion.change.occurred_at:
                loser, step.deletion = step.deletion, item
        else:
            at = state_time(change)
            if at is not None and (step.state is None or at > _time(step.state)):
                loser, step.state = step.state, item
        if loser is not None:
            step.superseded.append(loser.event_id)
    for step in steps.values():
        state, deletion = step.state, step.deletion
        # Deleted at or after the time it was in that state: the state is stale.
        if state and deletion and _time(state) <= deletion.change.occurred_at:
            step.superseded.append(state.event_id)
            step.state = None
    return sorted(steps.values(), key=lambda step: step.object_type != "project")


def _time(item: Decoded) -> datetime:
    at = state_time(item.change)
    assert at is not None  # only items with a state are kept as `state`
    return at
