"""The Asana pieces that need no server: statuses, phases, the marker, hook ids, signatures."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, date, datetime

import pytest

from mcc.integrations.asana import mapping, webhook
from mcc.integrations.workmgmt import (
    AFTER_LAUNCH,
    BEFORE_LAUNCH,
    LAUNCH,
    ExecutionStatus,
    plan_phase,
)

TOKEN = "test-webhook-token"


@pytest.mark.parametrize(
    ("project", "expected"),
    [
        ({"completed": True, "current_status_update": {"status_type": "on_hold"}},
         (ExecutionStatus.COMPLETE, "completed")),
        ({"current_status_update": {"status_type": "on_hold"}},
         (ExecutionStatus.ON_HOLD, "on_hold")),
        ({"current_status_update": {"status_type": "at_risk"}},
         (ExecutionStatus.ACTIVE, "at_risk")),
        ({"current_status_update": {"status_type": "dropped"}},
         (ExecutionStatus.CANCELLED, "dropped")),
        ({"archived": True, "current_status_update": None},
         (ExecutionStatus.CANCELLED, "archived")),
        ({"current_status_update": None}, (ExecutionStatus.PLANNING, "planning")),
        ({"current_status_update": {"status_type": "achieved"}}, (None, "achieved")),
    ],
)  # fmt: skip
def test_a_projects_status_reads_completed_then_its_newest_status_update(
    project: dict[str, object], expected: tuple[ExecutionStatus | None, str]
) -> None:
    assert mapping.project_status(project) == expected


def test_every_status_we_push_reads_back_as_itself() -> None:
    for status, status_type in mapping.STATUS_TYPE.items():
        read = mapping.project_status({"current_status_update": {"status_type": status_type}})
        assert read[0] is status


def test_steps_fall_into_phases_around_the_launch() -> None:
    launch = date(2026, 3, 10)
    assert plan_phase(date(2026, 3, 1), date(2026, 3, 9), launch) == BEFORE_LAUNCH
    assert plan_phase(date(2026, 3, 8), date(2026, 3, 10), launch) == LAUNCH
    assert plan_phase(date(2026, 3, 10), date(2026, 3, 10), launch) == LAUNCH
    assert plan_phase(date(2026, 3, 11), date(2026, 3, 20), launch) == AFTER_LAUNCH
    assert plan_phase(date(2026, 3, 11), date(2026, 3, 20), None) is None


def test_the_campaign_marker_survives_edits_of_the_notes() -> None:
    campaign = "6b0d3c1e-3f5b-4c8e-9d1a-2b7c4e5f6a7b"
    notes = mapping.with_marker("The brief", campaign)
    assert mapping.ext_ref_of(notes) == campaign
    rewritten = mapping.with_marker("A new brief", campaign)
    assert rewritten.count("mcc-campaign:") == 1
    assert rewritten.startswith("A new brief")
    assert mapping.ext_ref_of("no marker here") is None
    assert mapping.ext_ref_of(None) is None


def test_asana_times_read_as_utc() -> None:
    assert mapping.parse_datetime("2012-02-22T02:06:58.147Z") == datetime(
        2012, 2, 22, 2, 6, 58, 147000, tzinfo=UTC
    )
    assert mapping.format_time(datetime(2026, 1, 2, 3, 4, 5, 6000, tzinfo=UTC)) == (
        "2026-01-02T03:04:05.006Z"
    )


def test_a_hook_id_is_ours_only_with_our_mac_and_a_handshake_only_while_fresh() -> None:
    hook = webhook.mint_hook_id(TOKEN, now=1_000_000)
    key = webhook.hook_key(hook, TOKEN)
    assert key is not None
    assert hook.startswith(key)
    assert webhook.hook_key(hook, "another-server-token") is None
    assert webhook.hook_key(hook[:-1] + ("0" if hook[-1] != "0" else "1"), TOKEN) is None
    assert webhook.hook_key("1.2.3", TOKEN) is None
    assert webhook.hook_key(None, TOKEN) is None
    assert webhook.handshake_fresh(key, now=1_000_000 + 60)
    assert not webhook.handshake_fresh(key, now=1_000_000 + webhook.HANDSHAKE_WINDOW_S + 1)


def test_signatures_are_hmac_sha256_hex_of_the_raw_body() -> None:
    secret, body = "a" * 64, b'{"events":[]}'
    good = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    assert webhook.signature_matches(secret, body, good)
    assert webhook.signature_matches(secret, body, good.upper())  # hex case does not matter
    assert not webhook.signature_matches(secret, body + b" ", good)
    assert not webhook.signature_matches("b" * 64, body, good)
    assert not webhook.signature_matches(secret, body, None)


def _event(**overrides: object) -> dict[str, object]:
    event: dict[str, object] = {
        "action": "changed", "created_at": "2026-03-01T10:00:00.000Z",
        "resource": {"gid": "1209000000000007", "resource_type": "project"},
        "change": {"field": "completed", "action": "changed"}, "user": None,
    }  # fmt: skip
    event.update(overrides)
    return event


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ([], "no events array"),
        ({"events": "x"}, "no events array"),
        ({"events": [_event(action="exploded")]}, "action"),
        ({"events": [_event(resource={"gid": "abc", "resource_type": "task"})]}, "gid"),
        ({"events": [_event(resource={"gid": "1", "resource_type": "x" * 41})]}, "resource_type"),
        ({"events": [_event(created_at="yesterday")]}, "created_at"),
        ({"events": [_event(change={"a": {"b": {"c": {"d": {"e": {"f": {}}}}}}})]}, "nests"),
        ({"events": [_event()] * (webhook.MAX_EVENTS + 1)}, "More than"),
    ],
)
def test_malformed_deliveries_are_refused_with_a_reason(payload: object, reason: str) -> None:
    refused = webhook.refusal(payload)
    assert refused is not None
    assert reason in refused


def test_a_redelivery_has_the_same_dedupe_key_and_another_change_does_not() -> None:
    first = _event()
    assert webhook.refusal({"events": [first]}) is None
    assert webhook.dedupe_key(first) == webhook.dedupe_key(dict(first))
    later = _event(created_at="2026-03-01T10:00:01.000Z")
    assert webhook.dedupe_key(first) != webhook.dedupe_key(later)
    story = _event(resource={"gid": "5", "resource_type": "story"})
    assert webhook.kept_events({"events": [first, story]}) == [first]
    assert webhook.event_type(first) == "project.changed"
