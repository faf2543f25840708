"""Portfolio fixtures: the app and signed-in browsers as the web tests use them, and the
assistant's offline chat for the preview."""

from tests.agent.conftest import _no_model_requests, agent_settings, chat, runtime
from tests.auth.conftest import admin, app, marketer

__all__ = ["_no_model_requests", "admin", "agent_settings", "app", "chat", "marketer", "runtime"]
