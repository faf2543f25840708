"""Assistant fixtures: a fixed "today", the offline runtime, a helper to talk to the service.

No test reaches a model: pydantic-ai refuses real model requests for the whole package, as its
own test suite does, and the LLM engine runs on `TestModel`/`FunctionModel`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date

import pytest
from pydantic_ai import models

from mcc.agent import campaign_kinds, clauses, instructions, span_tagger
from mcc.agent.acts import embedded
from mcc.agent.service import AgentRuntime, AgentService, runtime_for
from mcc.agent.tools import Identity
from mcc.agent.views import TurnResult
from mcc.config import Settings
from mcc.db import Database

TODAY = date(2026, 1, 5)  # a Monday
USER = Identity("marketer@mcc.test")


@pytest.fixture(autouse=True, scope="session")
def _no_model_requests() -> Iterator[None]:
    with models.override_allow_model_requests(False):
        yield


@pytest.fixture(autouse=True, scope="session")
def _clause_tagger() -> None:
    """Every test reads with the clause tagger and the instruction detector: a server trains them
    in the background, and a test that ran before one is there would read differently from one
    that ran after."""
    clauses.warm_up()
    instructions.warm_up()
    span_tagger.warm_up()


@pytest.fixture(autouse=True, scope="session")
def _acts_without_embeddings() -> Iterator[None]:
    """Every test reads acts with the n-gram model: the model with embeddings exists only where
    MiniLM was built, and a test must read the same on every machine (`test_acts_embedded`
    turns it on)."""
    embedded.MODEL.enabled = False
    span_tagger.contextual.enabled = False  # likewise the contextual span tagger
    clauses.embedded.MODEL.enabled = False  # and the clause tagger's embeddings
    campaign_kinds.MODEL.enabled = False  # and the kinds of campaign by meaning
    yield
    embedded.MODEL.enabled = True
    span_tagger.contextual.enabled = True
    clauses.embedded.MODEL.enabled = True
    campaign_kinds.MODEL.enabled = True


@pytest.fixture
def minilm() -> Iterator[None]:
    """The real embedder for the tests of reading by meaning, built here if no test has built it
    yet (ONNX Runtime is a dependency of the project, so only a missing model download could stop
    it, and nothing downloads); off again after the test, as `_acts_without_embeddings` wants
    (a module-wide embedder would leak into the module's tests that read without one)."""
    candidate = embedded._candidate()
    assert candidate is not None, "the local MiniLM must be available to the project"
    candidate.embed_query("build it")  # builds the int8 model once per machine
    embedded._reset()
    embedded.MODEL.enabled = True
    assert embedded.MODEL.start() is not None
    embedded.MODEL.wait()
    yield
    embedded._reset()
    embedded.MODEL.enabled = False


@pytest.fixture
def kinds(minilm: None) -> Iterator[None]:
    """The learned kinds of campaign with the real MiniLM (trained in a child process, or loaded
    from the cache), off again after the test."""
    campaign_kinds.MODEL.reset()
    campaign_kinds.MODEL.enabled = True
    assert campaign_kinds.MODEL.start() is not None
    campaign_kinds.MODEL.wait()
    assert campaign_kinds.MODEL.state() == "on"
    yield
    campaign_kinds.MODEL.reset()
    campaign_kinds.MODEL.enabled = False


@pytest.fixture
def agent_settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"today": TODAY})


@pytest.fixture
def runtime(agent_settings: Settings) -> AgentRuntime:
    return runtime_for(agent_settings)


class Chat:
    """One conversation, turn after turn, like a client of the API."""

    def __init__(
        self, db: Database, settings: Settings, runtime: AgentRuntime, identity: Identity = USER
    ) -> None:
        self.db, self.settings, self.runtime, self.identity = db, settings, runtime, identity
        self.conversation_id: uuid.UUID | None = None
        self.replies: list[TurnResult] = []

    async def say(self, text: str) -> TurnResult:
        service = AgentService(self.db, self.settings, runtime=self.runtime, identity=self.identity)
        result = await service.send_message(self.conversation_id, text)
        self.conversation_id = result.conversation_id
        self.replies.append(result)
        return result


def draft_fields(reply: TurnResult) -> dict[str, str | int]:
    """The draft's filled fields as the user sees them, by name; none without a draft."""
    draft = reply.draft
    return {item.name: item.value for item in draft.fields} if draft is not None else {}


@pytest.fixture
def chat(db: Database, agent_settings: Settings, runtime: AgentRuntime) -> Chat:
    return Chat(db, agent_settings, runtime)
