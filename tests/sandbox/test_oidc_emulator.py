"""The OIDC emulator is strict where a real provider is: PKCE, single-use codes, client secret,
redirect URI, and ID tokens that verify against its JWKS. Over real HTTP on loopback."""

from __future__ import annotations

import base64
from collections.abc import Iterator

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import KeySet

from mcc.sandbox.oidc import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET
from mcc.sandbox.oidc.app import create_oidc_emulator
from mcc.sandbox.oidc.provider import IdentityProvider, s256
from tests.support.live import LiveServer

REDIRECT = "http://127.0.0.1:1/callback"
VERIFIER = "v" * 64


@pytest.fixture(scope="module")
def emulator() -> Iterator[tuple[str, IdentityProvider]]:
    app = create_oidc_emulator("http://placeholder")
    server = LiveServer(app).start()
    provider: IdentityProvider = app.state.idp
    provider.issuer = server.url
    try:
        yield server.url, provider
    finally:
        server.stop()


def _authorize(url: str, **overrides: str) -> httpx.Response:
    params = {"client_id": DEFAULT_CLIENT_ID, "redirect_uri": REDIRECT, "response_type": "code",
              "scope": "openid email groups", "state": "st", "nonce": "nn",
              "code_challenge": s256(VERIFIER), "code_challenge_method": "S256",
              **overrides}  # fmt: skip
    return httpx.get(f"{url}/authorize", params={k: v for k, v in params.items() if v})


def _code(response: httpx.Response) -> str:
    assert response.status_code == 303, response.text
    location = httpx.URL(response.headers["location"])
    assert location.params["state"] == "st"
    return location.params["code"]


def _token(url: str, code: str, verifier: str = VERIFIER, secret: str = DEFAULT_CLIENT_SECRET,
           ) -> httpx.Response:  # fmt: skip
    basic = base64.b64encode(f"{DEFAULT_CLIENT_ID}:{secret}".encode()).decode()
    return httpx.post(f"{url}/token", headers={"Authorization": f"Basic {basic}"},
                      data={"grant_type": "authorization_code", "code": code,
                            "redirect_uri": REDIRECT, "code_verifier": verifier})  # fmt: skip


def test_a_full_flow_yields_a_verifiable_id_token(emulator: tuple[str, IdentityProvider]) -> None:
    url, _ = emulator
    created = httpx.post(f"{url}/__emulator__/users", json={"email": "Ana@Corp.test",
                         "password": "pw", "groups": ["mcc-vps"]})  # fmt: skip
    assert created.status_code == 201
    assert httpx.post(f"{url}/__emulator__/auto-login", json={"email": "ana@corp.test"}).is_success
    discovery = httpx.get(f"{url}/.well-known/openid-configuration").json()
    assert discovery["issuer"] == url
    assert discovery["code_challenge_methods_supported"] == ["S256"]
    tokens = _token(url, _code(_authorize(url))).json()
    keys = KeySet.import_key_set(httpx.get(discovery["jwks_uri"]).json())
    claims = jwt.decode(tokens["id_token"], keys).claims
    assert (claims["iss"], claims["aud"], claims["nonce"]) == (url, DEFAULT_CLIENT_ID, "nn")
    assert (claims["email"], claims["groups"]) == ("ana@corp.test", ["mcc-vps"])
    info = httpx.get(
        f"{url}/userinfo", headers={"Authorization": f"Bearer {tokens['access_token']}"}
    )
    assert info.json()["sub"] == claims["sub"]


def test_pkce_codes_secrets_and_redirects_are_enforced(
    emulator: tuple[str, IdentityProvider],
) -> None:
    url, provider = emulator
    httpx.post(f"{url}/__emulator__/users", json={"email": "bo@corp.test", "password": "pw"})
    provider.auto_login = "bo@corp.test"
    no_pkce = _authorize(url, code_challenge="", code_challenge_method="")
    assert "error=invalid_request" in no_pkce.headers["location"]
    plain = _authorize(url, code_challenge_method="plain")
    assert "error=invalid_request" in plain.headers["location"]
    assert _authorize(url, client_id="stranger").status_code == 400
    assert _authorize(url, redirect_uri="javascript:alert(1)").status_code == 400
    assert "error=invalid_scope" in _authorize(url, scope="email").headers["location"]
    wrong_verifier = _token(url, _code(_authorize(url)), verifier="w" * 64)
    assert wrong_verifier.json()["error"] == "invalid_grant"
    assert _token(url, _code(_authorize(url)), secret="guess").status_code == 401
    code = _code(_authorize(url))
    assert _token(url, code).status_code == 200
    assert _token(url, code).json()["error"] == "invalid_grant"  # a code works once
    provider.auto_login = None
    form = _authorize(url)
    assert form.status_code == 200
    assert 'name="password"' in form.text
    refused = httpx.post(f"{url}/__emulator__/faults", json={"id_token": "nonsense"})
    assert refused.status_code == 400
