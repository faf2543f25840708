"""Authentication carriers and error bodies/status codes over real HTTP."""

from __future__ import annotations

import base64
import json
from typing import Any
from urllib.parse import parse_qs, urlparse

import httpx
import pytest

from .conftest import API

ERROR_KEYS = {"class", "message", "title", "msgKey", "attributes", "code"}


def assert_error(response: httpx.Response, status: int, cls_suffix: str = "") -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == ERROR_KEYS
    assert body["error"]["class"].endswith(cls_suffix)
    error: dict[str, Any] = body["error"]
    return error


async def test_missing_and_bad_credentials_are_401(admin: httpx.AsyncClient) -> None:
    assert_error(await admin.get(f"{API}/project/search"), 401, "AuthenticationException")
    bad = await admin.get(f"{API}/project/search", params={"apiKey": "wrong"})
    assert_error(bad, 401, "AuthenticationException")
    bad_session = await admin.get(f"{API}/project/search", headers={"sessionID": "nope"})
    assert_error(bad_session, 401)
    bad_bearer = await admin.get(f"{API}/project/search", headers={"Authorization": "Bearer x"})
    assert_error(bad_bearer, 401)


async def test_api_key_header_and_login_session(
    admin: httpx.AsyncClient, info: dict[str, Any]
) -> None:
    by_header = await admin.get(f"{API}/project/search", headers={"apiKey": info["apiKey"]})
    assert by_header.status_code == 200
    wrong = await admin.post(f"{API}/login", params={"username": info["username"], "password": "x"})
    assert_error(wrong, 401)
    login = await admin.post(
        f"{API}/login", params={"username": info["username"], "password": info["password"]}
    )
    session = login.json()["data"]
    assert session["userID"] == info["adminUserID"]
    headers = {"sessionID": session["sessionID"]}
    assert (await admin.get(f"{API}/user/search", headers=headers)).status_code == 200
    by_param = await admin.get(f"{API}/user/search", params={"sessionID": session["sessionID"]})
    assert by_param.status_code == 200
    assert (await admin.get(f"{API}/logout", headers=headers)).json() == {"data": {"success": True}}
    assert_error(await admin.get(f"{API}/user/search", headers=headers), 401)


async def test_get_api_key_action(admin: httpx.AsyncClient, info: dict[str, Any]) -> None:
    key = await admin.put(
        f"{API}/USER",
        params={"action": "getApiKey", "username": info["username"], "password": info["password"]},
    )
    assert key.json() == {"data": {"result": info["apiKey"]}}
    mia = await admin.put(
        f"{API}/USER/generateApiKey",
        params={"username": "mia@mcc.example", "password": info["password"]},
    )
    mia_key = mia.json()["data"]["result"]
    assert (await admin.get(f"{API}/task/search", params={"apiKey": mia_key})).status_code == 200


async def test_ims_bearer_token(admin: httpx.AsyncClient) -> None:
    refused = await admin.post("/ims/token/v3", data={"grant_type": "client_credentials"})
    assert refused.status_code == 401
    token = await admin.post(
        "/ims/token/v3",
        data={
            "grant_type": "client_credentials",
            "client_id": "c",
            "client_secret": "s",
            "scope": "openid,AdobeID",
        },
    )
    body = token.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 86399
    headers = {"Authorization": f"Bearer {body['access_token']}", "x-gw-ims-org-id": "O@AdobeOrg"}
    assert (await admin.get(f"{API}/project/search", headers=headers)).status_code == 200


async def test_workfront_oauth_code_refresh_and_jwt(
    admin: httpx.AsyncClient, info: dict[str, Any]
) -> None:
    authorize = await admin.get(
        "/integrations/oauth2/authorize",
        params={
            "client_id": "app",
            "redirect_uri": "http://127.0.0.1:9/cb",
            "response_type": "code",
            "state": "xyz",
        },
    )
    assert authorize.status_code == 302
    query = parse_qs(urlparse(authorize.headers["location"]).query)
    assert query["state"] == ["xyz"]
    grant = await admin.post(
        "/integrations/oauth2/api/v1/token",
        data={"grant_type": "authorization_code", "code": query["code"][0]},
        auth=("app", "secret"),
    )
    tokens = grant.json()
    assert tokens["token_type"] == "sessionID"
    headers = {"sessionID": tokens["access_token"]}
    assert (await admin.get(f"{API}/project/search", headers=headers)).status_code == 200
    reused = await admin.post(
        "/integrations/oauth2/api/v1/token",
        data={
            "grant_type": "authorization_code",
            "code": query["code"][0],
            "client_id": "app",
            "client_secret": "secret",
        },
    )
    assert reused.status_code == 400  # codes are single-use
    refreshed = await admin.post(
        "/integrations/oauth2/api/v1/token",
        json={
            "grant_type": "refresh_token",
            "refresh_token": tokens["refresh_token"],
            "client_id": "app",
            "client_secret": "secret",
        },
    )
    assert refreshed.status_code == 200
    assert refreshed.json()["refresh_token"] != tokens["refresh_token"]  # rotation
    claims = base64.urlsafe_b64encode(json.dumps({"sub": info["adminUserID"]}).encode())
    jwt = "e30." + claims.decode().rstrip("=") + ".sig"
    exchanged = await admin.post(
        "/integrations/oauth2/api/v1/jwt/exchange",
        data={"client_id": "app", "client_secret": "secret", "jwt_token": jwt},
    )
    assert exchanged.json()["token_type"] == "sessionID"


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "suffix", "needle"),
    [
        (
            "GET",
            "/project/0123456789abcdef0123456789abcdef",
            {},
            404,
            "NotFoundException",
            "does not exist",
        ),
        (
            "POST",
            "/project",
            {"params": {"name": "x", "status": "ZZZ"}},
            422,
            "ValidationException",
            "Invalid status",
        ),
        (
            "POST",
            "/project",
            {"params": {"description": "no name"}},
            422,
            "",
            "requires field name",
        ),
        (
            "POST",
            "/project",
            {"params": {"name": "x", "madeUp": "1"}},
            422,
            "",
            "APIModel V21_0 does not support field madeUp (Project)",
        ),
        (
            "POST",
            "/project",
            {"params": {"name": "x", "ID": "1", "entryDate": "2026-01-01"}},
            422,
            "",
            "not editable",
        ),
        (
            "POST",
            "/project",
            {"content": b"{not json", "headers": {"Content-Type": "application/json"}},
            400,
            "",
            "not valid JSON",
        ),
        (
            "POST",
            "/task",
            {"params": {"name": "orphan", "projectID": "f" * 32}},
            422,
            "",
            "Invalid projectID",
        ),
        (
            "POST",
            "/project",
            {"params": {"name": "x", "plannedStartDate": "soon"}},
            422,
            "",
            "Invalid date",
        ),
        ("PATCH", "/project", {"params": {"method": "PATCH"}}, 400, "", "Unsupported method"),
    ],
)
async def test_error_codes(
    wf: httpx.AsyncClient,
    method: str,
    path: str,
    kwargs: dict[str, Any],
    status: int,
    suffix: str,
    needle: str,
) -> None:
    http_method = "POST" if method == "PATCH" else method
    error = assert_error(await wf.request(http_method, path, **kwargs), status, suffix)
    assert needle in error["message"]


async def test_complete_project_cannot_be_deleted(wf: httpx.AsyncClient) -> None:
    project = (await wf.post("/project", params={"name": "Done"})).json()["data"]
    await wf.put(f"/project/{project['ID']}", params={"status": "CPL"})
    refused = await wf.delete(f"/project/{project['ID']}")
    assert_error(refused, 422, "com.attask.common.ProjectStatusViolationException")
    assert (await wf.get(f"/project/{project['ID']}")).status_code == 200
    with_suffix = await wf.post(
        "/task", params={"name": "t", "projectID": project["ID"], "status": "INP:A"}
    )
    assert with_suffix.json()["data"]["status"] == "INP:A"  # pending-approval suffix tolerated
