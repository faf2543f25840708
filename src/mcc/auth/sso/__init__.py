"""Single sign-on with OpenID Connect: the provider client, group mapping, JIT accounts, routes.

The flow is the authorization code flow with PKCE (S256), `state` and `nonce`, all three kept in a
short-lived signed cookie so no server-side state is needed between the redirect and the callback.
The ID token is checked against the provider's JWKS (signature), `iss`, `aud`, `exp` and `nonce`.
"""
