"""Web fixtures: the same app and signed-in browsers as the auth tests."""

from tests.auth.conftest import admin, app, marketer

__all__ = ["admin", "app", "marketer"]
