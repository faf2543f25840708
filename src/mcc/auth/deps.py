"""Route dependencies: `CurrentUserDep` (whoever `AuthMiddleware` let in) and `AdminDep`."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from starlette.requests import HTTPConnection

from mcc.auth.schemas import CurrentUser
from mcc.exceptions import ForbiddenError, UnauthenticatedError


def get_current_user(connection: HTTPConnection) -> CurrentUser:
    user: CurrentUser | None = connection.scope.get("state", {}).get("user")
    if user is None:  # only on a public path: the middleware refuses everyone else earlier
        raise UnauthenticatedError("Sign in first")
    return user


def get_admin(user: Annotated[CurrentUser, Depends(get_current_user)]) -> CurrentUser:
    if not user.is_admin:
        raise ForbiddenError("Only administrators can see this page")
    return user


def csrf_token(connection: HTTPConnection) -> str | None:
    token: str | None = connection.scope.get("state", {}).get("csrf_token")
    return token


CurrentUserDep = Annotated[CurrentUser, Depends(get_current_user)]
AdminDep = Annotated[CurrentUser, Depends(get_admin)]
