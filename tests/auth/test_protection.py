"""Account protection rules in-process: the throttle's window, lifetimes, deactivation, password
resets, token expiry and the same answer time for known and unknown accounts (both databases)."""

from __future__ import annotations

import statistics
import time
from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from mcc.auth.durations import parse_lifetime
from mcc.auth.schemas import Role
from mcc.auth.service import SIGN_IN_FAILED, AuthService
from mcc.auth.throttle import Attempt, SignInThrottle
from mcc.exceptions import UnauthenticatedError, ValidationError
from mcc.models.base import utcnow

PASSWORD = "a fine long password"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_throttle_locks_an_account_after_the_limit_and_releases_it_as_failures_age() -> None:
    clock = Clock()
    throttle = SignInThrottle(account_limit=3, client_limit=100, window_seconds=60, clock=clock)
    attempt = Attempt("ana@example.com", "10.0.0.1")
    for _ in range(3):
        assert throttle.retry_after(attempt) is None
        throttle.begin(attempt)
        clock.now += 10
    # Failures at 1000, 1010, 1020; now 1030: the oldest leaves the window at 1060.
    assert throttle.retry_after(attempt) == 30
    assert throttle.retry_after(Attempt("ana@example.com", "10.9.9.9")) == 30  # any client
    assert throttle.retry_after(Attempt("bob@example.com", "10.0.0.1")) is None
    clock.now = 1060.5
    assert throttle.retry_after(attempt) is None  # one slot free again
    throttle.begin(attempt)
    assert throttle.retry_after(attempt) == 10  # the next oldest (1010) leaves at 1070


def test_throttle_limits_a_client_across_accounts_and_success_clears_the_account() -> None:
    clock = Clock()
    throttle = SignInThrottle(account_limit=3, client_limit=5, window_seconds=60, clock=clock)
    for number in range(5):
        throttle.begin(Attempt(f"user{number}@example.com", "10.0.0.1"))
    assert throttle.retry_after(Attempt("new@example.com", "10.0.0.1")) == 60
    assert throttle.retry_after(Attempt("new@example.com", "10.0.0.2")) is None
    ok = Attempt("ok@example.com", "10.0.0.3")
    for _ in range(2):
        throttle.begin(ok)
    throttle.begin(ok)
    throttle.succeeded(ok)  # the third attempt was right: the account starts afresh
    assert throttle.retry_after(ok) is None
    throttle.begin(ok)
    throttle.begin(ok)
    assert throttle.retry_after(ok) is None


def test_throttle_memory_is_bounded() -> None:
    throttle = SignInThrottle(account_limit=3, client_limit=3, window_seconds=60, max_keys=100)
    for number in range(1000):
        throttle.begin(Attempt(f"spray{number}@example.com", f"10.0.{number // 250}.{number}"))
    assert len(throttle._failures) <= 100


@pytest.mark.parametrize(
    ("text", "expected"),
    [("30d", timedelta(days=30)), ("12h", timedelta(hours=12)), ("90m", timedelta(minutes=90)),
     (" 45S ", timedelta(seconds=45)), ("2w", timedelta(weeks=2))],
)  # fmt: skip
def test_lifetimes(text: str, expected: timedelta) -> None:
    assert parse_lifetime(text) == expected


@pytest.mark.parametrize("text", ["", "30", "d", "0d", "-1d", "1y", "3651d", "1.5h", "30 days"])
def test_bad_lifetimes_are_refused_with_the_format(text: str) -> None:
    with pytest.raises(ValidationError, match="Invalid duration"):
        parse_lifetime(text)


async def test_an_expired_token_is_refused_and_a_negative_lifetime_is_invalid(
    session: AsyncSession,
) -> None:
    service = AuthService(session)
    user = await service.create_user("script@example.com", None)
    lasting = await service.create_api_token(user, "ci", expires_in=timedelta(days=30))
    forever = await service.create_api_token(user, "cron")
    assert (await service.resolve_token(lasting)) is not None
    tokens = {token.name: token for token in await service.repository.tokens_of(user.id)}
    assert tokens["cron"].expires_at is None
    assert tokens["ci"].expires_at is not None
    tokens["ci"].expires_at = utcnow() - timedelta(seconds=1)
    await session.flush()
    assert await service.resolve_token(lasting) is None
    assert await service.resolve_token(forever) is not None
    with pytest.raises(ValidationError, match="positive"):
        await service.create_api_token(user, "bad", expires_in=timedelta(0))


async def test_deactivate_ends_sessions_revokes_tokens_and_refuses_sign_in(
    session: AsyncSession,
) -> None:
    service = AuthService(session)
    user = await service.create_user("leaver@example.com", PASSWORD)
    other = await service.create_user("stayer@example.com", PASSWORD)
    started = await service.start_session(user, timedelta(days=1))
    kept = await service.start_session(other, timedelta(days=1))
    tokens = [await service.create_api_token(user, f"t{n}") for n in range(2)]
    assert await service.deactivate(user) == 2
    assert await service.resolve_session(started.token) is None
    assert [await service.resolve_token(token) for token in tokens] == [None, None]
    assert await service.resolve_session(kept.token) is not None
    with pytest.raises(UnauthenticatedError, match=SIGN_IN_FAILED):
        await service.authenticate("leaver@example.com", PASSWORD)


async def test_reset_password_replaces_it_and_ends_sessions(session: AsyncSession) -> None:
    service = AuthService(session)
    user = await service.create_user("forgetful@example.com", PASSWORD, role=Role.VIEWER)
    started = await service.start_session(user, timedelta(days=1))
    generated = await service.reset_password(user)
    assert len(generated) >= 16
    assert await service.resolve_session(started.token) is None
    with pytest.raises(UnauthenticatedError):
        await service.authenticate("forgetful@example.com", PASSWORD)
    assert (await service.authenticate("forgetful@example.com", generated)).id == user.id
    await service.reset_password(user, "chosen by the operator")
    assert (await service.authenticate("forgetful@example.com", "chosen by the operator")).id
    with pytest.raises(ValidationError, match="too short"):
        await service.reset_password(user, "short")


async def _median_failure_seconds(service: AuthService, email: str, rounds: int) -> float:
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        with pytest.raises(UnauthenticatedError, match=SIGN_IN_FAILED):
            await service.authenticate(email, "not the password")
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


async def test_known_and_unknown_accounts_take_the_same_time_to_refuse(
    session: AsyncSession,
) -> None:
    """Without the dummy argon2 check an unknown address answers ~100x faster (a lookup only):
    timing would tell which accounts exist. Medians, interleaved, generous bounds: a shared
    2-core machine is noisy, but a missing dummy check is two orders of magnitude."""
    service = AuthService(session)
    known = await service.create_user("known@example.com", PASSWORD)
    deactivated = await service.create_user("gone@example.com", PASSWORD)
    await service.deactivate(deactivated)
    await service.create_user("sso-only@example.com", None)
    assert known.password_hash is not None
    await _median_failure_seconds(service, "warm-up@example.com", 1)  # builds the dummy hash
    medians = {email: await _median_failure_seconds(service, email, 5)
               for email in ("known@example.com", "nobody@example.com", "gone@example.com",
                             "sso-only@example.com", "not an address")}  # fmt: skip
    reference = medians["known@example.com"]
    for email, median in medians.items():
        assert 0.5 < median / reference < 2.0, f"{email}: {median:.3f}s vs known {reference:.3f}s"
