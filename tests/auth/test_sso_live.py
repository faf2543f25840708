"""SSO against the OIDC emulator: a real `mcc serve`, a browser-like client following redirects.

Done-when line: "SSO sign-in works against the identity-provider emulator, groups land in the
right teams". Every test goes through discovery, /authorize with PKCE, /token and the JWKS.
"""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import select

from mcc.models import Team, TeamMember, User
from tests.auth.live_fixtures import Idp, Live
from tests.support.live import eventually_async


async def _teams_and_role(live: Live, email: str) -> tuple[set[str], str, bool] | None:
    database = await live.database()
    try:
        async with database.read() as session:
            user = await session.scalar(select(User).where(User.email == email))
            if user is None:
                return None
            names = await session.scalars(
                select(Team.name).join(TeamMember, TeamMember.team_id == Team.id)
                .where(TeamMember.user_id == user.id)
            )  # fmt: skip
            return set(names.all()), user.role, user.password_hash is None
    finally:
        await database.dispose()


def _browser(live: Live) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=live.url, follow_redirects=True, timeout=20)


async def _sso(client: httpx.AsyncClient, next_path: str = "/") -> httpx.Response:
    return await client.get("/signin/sso", params={"next": next_path})


async def test_the_sign_in_page_offers_sso_and_the_form_signs_in_through_the_idp(
    live: Live, idp: Idp
) -> None:
    idp.add_user("ana@corp.test", ["mcc-emea-marketers", "unrelated"], password="ana-secret")
    idp.provider.auto_login = None
    async with _browser(live) as client:
        page = await client.get("/signin")
        assert "Sign in with SSO" in page.text
        assert 'name="password"' in page.text  # local passwords still allowed here
        login = await _sso(client, "/chat")
        # At the provider's own sign-in form: PKCE and state/nonce travelled in the URL.
        assert login.url.host == "127.0.0.1"
        assert login.url.port != httpx.URL(live.url).port
        query = dict(login.url.params)
        assert query["code_challenge_method"] == "S256"
        assert len(query["code_challenge"]) == 43
        assert query["state"]
        assert query["nonce"]
        assert "openid" in query["scope"].split()
        form = login.url.copy_with(query=None)
        wrong = await client.post(form, data={**query, "username": "ana@corp.test",
                                              "password": "nope"})  # fmt: skip
        assert wrong.status_code == 401
        done = await client.post(form, data={**query, "username": "ana@corp.test",
                                             "password": "ana-secret"})  # fmt: skip
        assert done.status_code == 200, done.text[:300]
        assert str(done.url) == f"{live.url}/chat"
        assert "ana@corp.test" in done.text
    assert await _teams_and_role(live, "ana@corp.test") == ({"EMEA"}, "marketer", True)
    token_calls = [entry for entry in idp.provider.log if entry["path"] == "/token"]
    assert token_calls
    assert token_calls[-1]["has_verifier"]


async def test_groups_are_reapplied_at_each_sign_in(live: Live, idp: Idp) -> None:
    idp.add_user("vera@corp.test", ["mcc-emea-marketers"])
    idp.provider.auto_login = "vera@corp.test"
    async with _browser(live) as client:
        assert (await _sso(client)).url == f"{live.url}/"
    assert await _teams_and_role(live, "vera@corp.test") == ({"EMEA"}, "marketer", True)
    # Promoted and moved at the provider: the next sign-in follows, APAC is created on the fly.
    idp.add_user("vera@corp.test", ["mcc-vps", "mcc-apac-marketers"])
    async with _browser(live) as client:
        assert (await _sso(client)).url == f"{live.url}/"
    assert await _teams_and_role(live, "vera@corp.test") == ({"EMEA", "APAC"}, "vp", True)
    idp.add_user("vera@corp.test", ["mcc-admins"])
    async with _browser(live) as client:
        await _sso(client)
    assert await _teams_and_role(live, "vera@corp.test") == (set(), "admin", True)


async def test_a_user_in_no_mapped_group_gets_no_account(live: Live, idp: Idp) -> None:
    idp.add_user("outsider@corp.test", ["everyone"])
    idp.provider.auto_login = "outsider@corp.test"
    async with _browser(live) as client:
        page = await _sso(client)
        assert page.status_code == 403
        assert "not in any group" in page.text
        assert (await client.get("/", headers={"Accept": "text/html"})).url.path == "/signin"
    assert await _teams_and_role(live, "outsider@corp.test") is None


@pytest.mark.parametrize(
    "fault", ["bad_signature", "wrong_audience", "wrong_issuer", "expired", "wrong_nonce"]
)
async def test_an_id_token_that_fails_a_check_signs_nobody_in(
    live: Live, idp: Idp, fault: str
) -> None:
    idp.add_user(f"{fault}@corp.test", ["mcc-emea-marketers"])
    idp.provider.auto_login = f"{fault}@corp.test"
    idp.provider.id_token_fault = fault
    try:
        async with _browser(live) as client:
            page = await _sso(client)
            assert page.status_code == 401, page.text[:300]
            assert "could not be verified" in page.text
            assert (await client.get("/api/campaigns")).status_code == 401
    finally:
        idp.provider.id_token_fault = None
    assert await _teams_and_role(live, f"{fault}@corp.test") is None


async def test_a_forged_callback_and_a_replayed_code_are_refused(live: Live, idp: Idp) -> None:
    idp.add_user("sam@corp.test", ["mcc-emea-marketers"])
    idp.provider.auto_login = "sam@corp.test"
    async with httpx.AsyncClient(base_url=live.url, timeout=20) as client:
        start = await client.get("/signin/sso")
        authorize = await client.get(start.headers["location"])
        callback = httpx.URL(authorize.headers["location"])
        # Another browser (no flow cookie) presenting the code: login CSRF, refused.
        async with httpx.AsyncClient(timeout=20) as attacker:
            stolen = await attacker.get(callback)
            assert stolen.status_code == 400
            assert "another browser" in stolen.text
        # The right browser with a tampered state: refused too.
        tampered = callback.copy_merge_params({"state": "forged"})
        assert (await client.get(tampered)).status_code == 400
    async with httpx.AsyncClient(base_url=live.url, timeout=20) as client:
        start = await client.get("/signin/sso")
        authorize = await client.get(start.headers["location"])
        callback = httpx.URL(authorize.headers["location"])
        flow_cookies = dict(client.cookies)
        assert (await client.get(callback)).status_code == 303
    # The same browser state and code again (a replayed request): the provider refuses the
    # spent code, so nobody gets a second session from it.
    async with httpx.AsyncClient(base_url=live.url, timeout=20, cookies=flow_cookies) as replay:
        replayed = await replay.get(callback)
        assert replayed.status_code == 401
        assert "refused the sign-in" in replayed.text
        assert "mcc_session" not in replayed.cookies


async def test_a_rotated_signing_key_is_picked_up_from_the_jwks(live: Live, idp: Idp) -> None:
    idp.add_user("rita@corp.test", ["mcc-emea-marketers"])
    idp.provider.auto_login = "rita@corp.test"
    async with _browser(live) as client:
        assert (await _sso(client)).status_code == 200
    idp.provider.rotate_key()

    async def signed_in_again() -> bool:
        async with _browser(live) as client:
            return (await _sso(client)).url == f"{live.url}/"

    # The JWKS is re-read for an unknown key id, at most every few seconds.
    await eventually_async(signed_in_again, timeout=15, message="sign-in with the new key")
