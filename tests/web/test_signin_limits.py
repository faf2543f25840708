"""Browsers get pages, not JSON: an oversized sign-in field shows the sign-in form with the
reason, and any other browser form that fails validation shows the error page."""

from __future__ import annotations

import re

import httpx
import pytest
from fastapi import FastAPI

from mcc.auth.cookies import SESSION_COOKIE
from mcc.auth.service import AuthService
from mcc.db import Database
from tests.auth.support import BASE_URL, Browser

PAGE = {"Accept": "text/html,application/xhtml+xml"}
PASSWORD = "correct horse battery"


async def _signin_form(client: httpx.AsyncClient) -> str:
    form = await client.get("/signin", headers=PAGE)
    token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', form.text)
    assert token is not None
    return token.group(1)


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("email", "That email address is too long (at most 1,000 characters)."),
        ("password", "That password is too long (at most 2,000 characters)."),
    ],
)
async def test_an_oversized_sign_in_field_shows_the_form_with_the_reason(
    app: FastAPI, db: Database, field: str, message: str
) -> None:
    async with db.write() as session:
        await AuthService(session).create_user("ada@example.com", PASSWORD)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=BASE_URL) as browser:
        token = await _signin_form(browser)
        data = {"email": "ada@example.com", "password": PASSWORD, "csrf_token": token}
        data[field] = "a" * 1_000_000
        response = await browser.post("/signin", data=data, headers=PAGE)

        assert response.status_code == 422
        assert response.headers["content-type"].startswith("text/html")
        assert message in response.text
        assert 'name="password"' in response.text  # the form, ready for another try
        assert len(response.text) < 50_000  # the megabyte is not echoed back
        assert SESSION_COOKIE not in browser.cookies

        # The form still works afterwards: a fresh token, the right password, signed in.
        token = await _signin_form(browser)
        signed_in = await browser.post(
            "/signin",
            data={"email": "ada@example.com", "password": PASSWORD, "csrf_token": token},
            headers=PAGE,
        )
        assert signed_in.status_code == 303
        assert SESSION_COOKIE in browser.cookies


async def test_a_field_at_the_limit_is_checked_as_usual(app: FastAPI) -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=BASE_URL) as browser:
        token = await _signin_form(browser)
        response = await browser.post(
            "/signin",
            data={"email": "a" * 1000, "password": "p" * 2000, "csrf_token": token},
            headers=PAGE,
        )
    assert response.status_code == 401
    assert "Wrong email or password" in response.text


async def test_a_browser_form_failing_validation_gets_the_error_page(marketer: Browser) -> None:
    data = {"message": "x" * 50_000, "csrf_token": marketer.csrf}
    response = await marketer.client.post("/chat/messages", data=data, headers=PAGE)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")
    assert "Please check what you sent" in response.text
    assert "message: String should have at most 40000 characters" in response.text
    assert "x" * 100 not in response.text


async def test_a_program_still_gets_json_for_the_same_request(marketer: Browser) -> None:
    data = {"message": "x" * 50_000, "csrf_token": marketer.csrf}
    response = await marketer.client.post("/chat/messages", data=data)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "VALIDATION"
    assert response.json()["error"]["fields"] == {
        "message": "String should have at most 40000 characters"
    }
