"""Portfolio fixtures: the app and a signed-in marketer, as the web tests use them."""

from tests.auth.conftest import admin, app, marketer

__all__ = ["admin", "app", "marketer"]
