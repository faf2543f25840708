"""Sign-in: local accounts, browser sessions, CSRF tokens, API tokens and roles.

Every request passes through `AuthMiddleware`, which resolves who is calling (a session cookie or
a bearer token) and refuses anyone else, so a new route is protected by default rather than by
remembering a decorator. Routes read the caller through `mcc.auth.deps`.
"""
