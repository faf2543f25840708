"""Where committed events go: each resource's event stream (``/events``) and webhook deliveries.

After a unit of work commits, :class:`Publisher` appends every event to the stream of each
resource it bubbles up to (reference §6.6), then queues one delivery per webhook that sees any
of the unit's events (events that happen together travel in one ``{"events": [...]}`` POST,
§6.3). The body is serialised here, once, so the signature is computed over the exact bytes
sent. Fault switches duplicate deliveries or hold a batch and release it newest first.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable

from mcc.sandbox.asana.faults import Clock, Faults
from mcc.sandbox.asana.service import Event
from mcc.sandbox.asana.store import Doc, Store

EVENTS_PER_CALL = 100
#: Webhooks on these resources need filters and never see task or story events (§6.2).
_CONTAINER_TYPES = ("workspace", "team")


def matches(webhook: Doc, resource_type: str, event: Doc) -> bool:
    """Whether a webhook on a resource of ``resource_type`` receives ``event`` (§6.2)."""
    kind = event["resource"]["resource_type"]
    filters: list[Doc] = webhook.get("filters") or []
    if resource_type in _CONTAINER_TYPES and kind not in ("project",):
        return False
    if not filters:
        return resource_type not in _CONTAINER_TYPES
    for rule in filters:
        if rule.get("resource_type") not in (None, kind):
            continue
        subtype = rule.get("resource_subtype")
        if subtype and subtype != event["resource"].get("resource_subtype"):
            continue
        if rule.get("action") not in (None, event["action"]):
            continue
        wanted = rule.get("fields")
        if wanted and (event.get("change") or {}).get("field") not in wanted:
            continue
        return True
    return False


class Publisher:
    """Turns committed events into stream entries and queued, signed-later deliveries."""

    def __init__(self, store: Store, faults: Faults, clock: Clock) -> None:
        self.store = store
        self.faults = faults
        self.clock = clock
        self.wake: Callable[[], None] = lambda: None

    def publish(self, events: list[Event]) -> None:
        """Record and queue the events of one committed unit."""
        webhooks = [w for w in self.store.all("webhook") if w.get("active")]
        per_hook: dict[str, list[Doc]] = {}
        with self.store.transaction():
            for event in events:
                for target in event.targets:
                    self.store.add_event(target, event.body)
                for hook in webhooks:
                    if hook["resource"] not in event.targets:
                        continue
                    if matches(hook, hook["_resource_type"], event.body):
                        per_hook.setdefault(hook["gid"], []).append(event.body)
        for gid, bodies in per_hook.items():
            self.queue(gid, {"events": bodies}, kind="events")
        if per_hook:
            self.release_held(force=False)
            self.wake()

    def queue(self, webhook: str, payload: Doc, *, kind: str) -> None:
        """Queue one POST to a webhook's target (``kind``: events or heartbeat)."""
        settings = self.faults.current
        body = json.dumps(payload, separators=(",", ":")).encode()
        status = "held" if settings.reorder_batch >= 2 and kind == "events" else "pending"
        now = self.clock.now()
        first = self.store.add_delivery(webhook=webhook, kind=kind, body=body, status=status,
                                        now=now)  # fmt: skip
        if settings.duplicate_deliveries and kind == "events":
            self.store.add_delivery(webhook=webhook, kind=kind, body=body, status=status,
                                    now=now, duplicate_of=first)  # fmt: skip

    def release_held(self, *, force: bool) -> int:
        """Send held deliveries newest first once a batch is full, stale, or ``force``."""
        settings = self.faults.current
        held = self.store.deliveries(status="held")
        if not held:
            return 0
        stale = self.clock.now() - held[0]["created_at"] >= settings.reorder_hold_ms / 1000
        if not (force or stale or len(held) >= max(settings.reorder_batch, 1)):
            return 0
        base = held[0]["id"] - 1
        now = self.clock.now()
        for position, row in enumerate(reversed(held)):
            self.store.update_delivery(row["id"], status="pending", next_attempt_at=now,
                                       sort_key=base + position / (len(held) + 1))  # fmt: skip
        return len(held)


class SyncTokens:
    """The Events API's sync tokens (§6.6): opaque, stored, expiring."""

    def __init__(self, store: Store, faults: Faults, clock: Clock) -> None:
        self.store = store
        self.faults = faults
        self.clock = clock

    def fresh(self, resource: str) -> str:
        """A token for "from now on" (what a 412 carries)."""
        return self._issue(resource, self.store.last_event_id())

    def _issue(self, resource: str, position: int) -> str:
        token = secrets.token_hex(16)
        self.store.put_sync_token(token, resource, position, self.clock.now())
        return token

    def read(self, resource: str, token: str | None) -> tuple[list[Doc], str, bool] | None:
        """(events, next token, has_more) after ``token``; None when it is missing, unknown,
        for another resource or too old (the caller answers 412 with :meth:`fresh`)."""
        if not token:
            return None
        found = self.store.sync_token(token)
        if found is None or found[0] != resource:
            return None
        if self.clock.now() - found[2] > self.faults.current.sync_token_ttl_s:
            return None
        rows = self.store.events_after(resource, found[1], EVENTS_PER_CALL + 1)
        more = len(rows) > EVENTS_PER_CALL
        rows = rows[:EVENTS_PER_CALL]
        position = rows[-1][0] if rows else found[1]
        events = [{**body, "type": body["resource"]["resource_type"]} for _, body in rows]
        return events, self._issue(resource, position), more
