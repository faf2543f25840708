"""Who may call the Asana emulator: the personal access token, OAuth, and nobody else; and
what survives a restart."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from mcc.sandbox.asana import DEFAULT_TOKEN, create_asana_emulator
from tests.support.asana import Asana, asana_server, emu
from tests.support.live import LiveServer

__all__ = ["asana_server", "emu"]  # fixtures


@pytest.mark.parametrize(
    "authorization", [None, "Bearer wrong-token", f"Basic {DEFAULT_TOKEN}", "Bearer"]
)
async def test_no_valid_token_is_401(emu: Asana, authorization: str | None) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    async with httpx.AsyncClient(base_url=emu.url + "/api/1.0", headers=headers) as client:
        response = await client.get("/users/me")
        unknown_route = await client.get("/nothing/here")
    assert response.status_code == 401
    assert response.json()["errors"][0]["message"] == "Not Authorized"
    assert unknown_route.status_code == 401  # no token: not even told what exists


async def test_oauth_code_refresh_and_expiry(emu: Asana) -> None:
    oauth = emu.info["oauth"]
    redirect = "http://127.0.0.1:9/callback"
    authorized = await emu.admin.get("/-/oauth_authorize", params={
        "client_id": oauth["client_id"], "redirect_uri": redirect, "response_type": "code",
        "state": "xyz"})  # fmt: skip
    assert authorized.status_code == 302
    query = parse_qs(urlsplit(authorized.headers["location"]).query)
    assert query["state"] == ["xyz"]
    form = {"grant_type": "authorization_code", "client_id": oauth["client_id"],
            "client_secret": oauth["client_secret"], "redirect_uri": redirect,
            "code": query["code"][0]}  # fmt: skip
    tokens = (await emu.admin.post("/-/oauth_token", data=form)).json()
    assert tokens["expires_in"] == 3600
    assert tokens["token_type"] == "bearer"
    reused = await emu.admin.post("/-/oauth_token", data=form)
    assert reused.status_code == 400  # a code works once

    bearer = {"Authorization": f"Bearer {tokens['access_token']}"}
    me = await emu.admin.get("/api/1.0/users/me", headers=bearer)
    assert me.json()["data"]["gid"] == emu.info["user"]
    await emu.admin.post("/__emulator__/clock", json={"advance_s": 3601})
    assert (await emu.admin.get("/api/1.0/users/me", headers=bearer)).status_code == 401

    refreshed = await emu.admin.post("/-/oauth_token", data={
        "grant_type": "refresh_token", "refresh_token": tokens["refresh_token"],
        "client_id": oauth["client_id"], "client_secret": oauth["client_secret"]})  # fmt: skip
    fresh = {"Authorization": f"Bearer {refreshed.json()['access_token']}"}
    assert (await emu.admin.get("/api/1.0/users/me", headers=fresh)).status_code == 200
    bad_client = await emu.admin.post("/-/oauth_token", data={**form, "client_secret": "nope"})
    assert bad_client.status_code == 401


def test_the_store_survives_a_restart(tmp_path: Path) -> None:
    path = str(tmp_path / "asana.db")
    auth = {"Authorization": f"Bearer {DEFAULT_TOKEN}"}
    first = LiveServer(create_asana_emulator(path)).start()
    try:
        info = httpx.get(f"{first.url}/__emulator__/info").json()
        created = httpx.post(f"{first.url}/api/1.0/teams/{info['team']}/projects",
                             json={"data": {"name": "Kept"}}, headers=auth)  # fmt: skip
        assert created.status_code == 201
    finally:
        first.stop()
    second = LiveServer(create_asana_emulator(path)).start()
    try:
        again = httpx.get(f"{second.url}/__emulator__/info").json()
        assert again["workspace"] == info["workspace"]  # not seeded twice
        listed = httpx.get(f"{second.url}/api/1.0/projects",
                           params={"workspace": info["workspace"]}, headers=auth)  # fmt: skip
        assert [p["name"] for p in listed.json()["data"]] == ["Kept"]
    finally:
        second.stop()
