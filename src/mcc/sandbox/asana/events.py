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
from functools import partial

from mcc.sandbox.asana.faults import Clock, Faults, FaultSettings
from mcc.sandbox.asana.service import Event
from mcc.sandbox.asana.store import Doc, Store
from mcc.sandbox.delivery import WebhookQueue

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


class Publisher(WebhookQueue[FaultSettings]):
    """Turns committed events into stream entries and queued, signed-later deliveries."""

    store: Store

    def __init__(self, store: Store, faults: Faults, clock: Clock) -> None:
        super().__init__(store, faults, clock.now)

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
        """Queue one POST to a webhook's target (``kind``: events, or heartbeat, which is never
        held back nor sent twice)."""
        body = json.dumps(payload, separators=(",", ":")).encode()
        add = partial(self.store.add_delivery, webhook=webhook, kind=kind, body=body,
                      now=self.now())  # fmt: skip
        self.enqueue(add, faultable=kind == "events")


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
