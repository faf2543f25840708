"""A small OpenID Connect identity provider, for tests and demos of MCC's single sign-on.

It speaks the parts of OIDC that MCC uses, strictly: discovery, a JWKS with an RSA key generated
at start, the authorization code flow with PKCE (S256 required, checked at `/token`), `state` and
`nonce` passed through, RS256 ID tokens with the user's groups, and `/userinfo`. Users, groups,
auto-login, key rotation and token faults are set through `/__emulator__` (see `controls.py`).
"""

#: The client the emulator knows unless told otherwise (public: a local emulator).
DEFAULT_CLIENT_ID = "mcc-local"
DEFAULT_CLIENT_SECRET = "mcc-local-secret"  # noqa: S105 - a local emulator's published default
