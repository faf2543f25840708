"""Who gets in: sessions, bearer tokens, CSRF, public paths, sign-in and sign-out over HTTP."""

from __future__ import annotations

import re

import httpx
import pytest
from fastapi import FastAPI

from mcc.auth.cookies import PRESESSION_COOKIE, SESSION_COOKIE
from mcc.auth.service import AuthService
from mcc.db import Database
from mcc.web.signin import safe_next
from tests.auth.support import BASE_URL, Browser

PASSWORD = "correct horse battery"
CREATE = {"query": 'mutation { createCampaign(input: {name: "X", type: "email"}) { name } }'}
LIST = {"query": "{ listCampaigns { items { name } } }"}


@pytest.fixture
async def anonymous(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE_URL)


async def test_signed_out_pages_redirect_to_sign_in_and_apis_answer_401(
    anonymous: httpx.AsyncClient,
) -> None:
    page = await anonymous.get("/chat?x=1", headers={"Accept": "text/html"})
    assert page.status_code == 303
    assert page.headers["location"] == "/signin?next=%2Fchat%3Fx%3D1"
    htmx = await anonymous.get("/", headers={"Accept": "text/html", "HX-Request": "true"})
    assert (htmx.status_code, htmx.headers["HX-Redirect"]) == (401, "/signin")
    for response in (
        await anonymous.get("/api/campaigns"),
        await anonymous.post("/graphql", json=LIST),
        await anonymous.get("/events/campaigns"),
    ):
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "UNAUTHENTICATED"
    bad_token = await anonymous.get("/api/campaigns", headers={"Authorization": "Bearer nope"})
    assert bad_token.json()["error"]["message"] == "Invalid, expired or revoked API token"


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/metrics", "/signin", "/static/app.js"])
async def test_public_paths_need_no_sign_in(anonymous: httpx.AsyncClient, path: str) -> None:
    assert (await anonymous.get(path)).status_code == 200


async def test_session_requests_without_the_csrf_token_are_refused(marketer: Browser) -> None:
    client = marketer.client
    assert (await client.post("/graphql", json=LIST)).status_code == 403
    refused = await client.post("/graphql", json=CREATE, headers={"X-CSRF-Token": "forged"})
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["error"]["message"]
    assert (await client.get("/api/campaigns")).json()["items"] == []  # nothing was created
    accepted = await client.post("/graphql", json=CREATE, headers={"X-CSRF-Token": marketer.csrf})
    assert accepted.json() == {"data": {"createCampaign": {"name": "X"}}}


async def test_a_urlencoded_form_may_carry_the_token_as_a_field(marketer: Browser) -> None:
    form = {"message": "hello", "csrf_token": marketer.csrf}
    sent = await marketer.client.post("/chat/messages", data=form)
    assert sent.status_code == 303
    missing = await marketer.client.post("/chat/messages", data={"message": "hello"})
    assert missing.status_code == 403


async def test_bearer_tokens_need_no_csrf_token(app: FastAPI, client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json=CREATE)
    assert response.json() == {"data": {"createCampaign": {"name": "X"}}}


async def test_sign_in_sign_out_round_trip(
    app: FastAPI, db: Database, anonymous: httpx.AsyncClient
) -> None:
    async with db.write() as session:
        await AuthService(session).create_user("ada@example.com", PASSWORD)
    form = await anonymous.get("/signin?next=/knowledge")
    token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', form.text)
    assert token is not None
    assert PRESESSION_COOKIE in anonymous.cookies
    wrong = await anonymous.post(
        "/signin", data={"email": "ada@example.com", "password": "nope nope nope",
                         "csrf_token": token.group(1), "next": "/knowledge"},
    )  # fmt: skip
    assert wrong.status_code == 401
    assert "Wrong email or password" in wrong.text
    assert 'value="ada@example.com"' in wrong.text
    signed_in = await anonymous.post(
        "/signin", data={"email": "ada@example.com", "password": PASSWORD,
                         "csrf_token": token.group(1), "next": "/knowledge"},
    )  # fmt: skip
    assert (signed_in.status_code, signed_in.headers["location"]) == (303, "/knowledge")
    cookie = signed_in.headers["set-cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    page = await anonymous.get("/knowledge")
    assert page.status_code == 200
    assert "ada@example.com" in page.text
    csrf = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page.text)
    assert csrf is not None
    stolen = anonymous.cookies[SESSION_COOKIE]
    out = await anonymous.post("/signout", data={"csrf_token": csrf.group(1)})
    assert (out.status_code, out.headers["location"]) == (303, "/signin")
    anonymous.cookies.set(SESSION_COOKIE, stolen)  # a copy of the cookie no longer works
    assert (await anonymous.get("/api/campaigns")).status_code == 401


async def test_sign_in_needs_the_form_token(db: Database, anonymous: httpx.AsyncClient) -> None:
    async with db.write() as session:
        await AuthService(session).create_user("ada@example.com", PASSWORD)
    await anonymous.get("/signin")
    forged = await anonymous.post(
        "/signin", data={"email": "ada@example.com", "password": PASSWORD, "csrf_token": "x"}
    )
    assert forged.status_code == 403
    assert "expired" in forged.text
    assert SESSION_COOKIE not in anonymous.cookies


@pytest.mark.parametrize(
    ("value", "expected"),
    [("/chat/1?a=b", "/chat/1?a=b"), ("https://evil.example", "/"), ("//evil.example", "/"),
     ("/\\evil.example", "/"), ("", "/"), (None, "/")],
)  # fmt: skip
def test_sign_in_only_continues_to_local_paths(value: str | None, expected: str) -> None:
    assert safe_next(value) == expected


async def test_marketers_cannot_open_admin_pages(marketer: Browser, admin: Browser) -> None:
    refused = await marketer.client.get("/admin/sync", headers={"Accept": "text/html"})
    assert refused.status_code == 403
    assert "Only administrators" in refused.text
    assert (await admin.client.get("/admin/sync")).status_code == 200
