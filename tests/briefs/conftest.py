"""Brief fixtures: the assistant's offline runtime (as the agent tests use it) and the app."""

from tests.agent.conftest import _no_model_requests, agent_settings, chat, runtime
from tests.auth.conftest import admin, app, marketer

__all__ = ["_no_model_requests", "admin", "agent_settings", "app", "chat", "marketer", "runtime"]
