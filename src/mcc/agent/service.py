"""The campaign assistant's entry point: one user message in, one persisted reply out.

A turn runs in three steps, so that no transaction is open while the engine thinks (an LLM call,
a knowledge search that may build its index, a live Workfront read can each take seconds, and on
SQLite an open write transaction blocks every other writer):

1. **load**, in a read unit of work: the conversation, its dialogue state, its recent history;
2. **run the engine** with no transaction open; tools read in their own short reads and stage
   their writes (`mcc.agent.staging`);
3. **one short write**: the conversation's version check, the staged actions (a confirmed
   campaign and its outbox row), the user's message, the reply and the new state, committed
   together or not at all. If another turn on the same conversation was stored in between, this
   one is refused with CONFLICT and nothing of it is stored: two racing "yes" create one campaign.

A turn that fails at any step stores nothing.
"""

from __future__ import annotations

import asyncio
import threading
import time
import uuid
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from mcc.agent.addressing import without_opening_mention
from mcc.agent.extraction.runs import readable
from mcc.agent.knowledge import KnowledgeSearch, bundled_knowledge
from mcc.agent.state import DialogueState, Stage
from mcc.agent.tools import CampaignTools, Engine, Identity, TokenSink, TurnContext
from mcc.agent.views import DraftView, TurnResult
from mcc.campaigns.assembly import draft_requests
from mcc.campaigns.plans import Checklist, bundled_checklists
from mcc.campaigns.tiers import TierPolicy, load_policy
from mcc.config import EmbedderKind, Settings, get_settings
from mcc.conversations.service import (
    ConversationService,
    Role,
    Snapshot,
    check_message_text,
)
from mcc.db import Database
from mcc.exceptions import TooManyRequestsError
from mcc.integrations.workmgmt import WorkManagement
from mcc.pilot import recording as pilot
from mcc.playbooks.rules import Rules, current_rules
from mcc.portfolio.preview import with_portfolio

HISTORY_LIMIT = 200
# Offline turns one user may have in flight in this process: such a turn costs up to a second or
# two of CPU, and fifty sent at once by one user kept another's one-line turn waiting 48 s
# (hostile sweep s55). More are refused at once (429), never queued.
TURNS_PER_USER = 2
_IN_FLIGHT: Counter[str] = Counter()


@dataclass(frozen=True)
class OpenTurn:
    """A turn loaded and ready for the engine (or a brief): see `AgentService.open_turn`."""

    snapshot: Snapshot
    state: DialogueState
    ctx: TurnContext
    rules: Rules
    runtime: AgentRuntime


@dataclass(frozen=True)
class AgentRuntime:
    """What a turn needs besides the database: the engine, the knowledge and the policy."""

    engine: Engine
    knowledge: KnowledgeSearch
    policy: TierPolicy
    checklists: Mapping[str, Checklist]
    min_relevance: float


@lru_cache(maxsize=8)
def _runtime(
    model: str | None,
    base_url: str | None,
    api_key: str | None,
    policy_file: Path | None,
    min_relevance: float,
) -> AgentRuntime:
    from mcc.agent.extraction import warm_up

    warm_up()
    if model:
        from mcc.agent.engine_llm import LLMEngine, model_from_settings

        engine: Engine = LLMEngine(model_from_settings(model, base_url, api_key))
    else:
        from mcc.agent.engine_rules import RulesEngine

        engine = RulesEngine()
    return AgentRuntime(
        engine, bundled_knowledge(), load_policy(policy_file), bundled_checklists(), min_relevance
    )


_building = threading.Lock()


def engine_name(engine: Engine) -> str:
    """ "rules" or "llm" (from the class, `RulesEngine`/`LLMEngine`): a label, never a model."""
    return type(engine).__name__.lower().removesuffix("engine") or "unknown"


def runtime_for(settings: Settings) -> AgentRuntime:
    """The process's runtime for these settings (built once: engines and indexes are reused).

    The first build loads dateparser's data and the model library, which takes a second or more:
    an async caller runs this in a thread (`AgentService.runtime`), and the lock makes the
    turns that arrive meanwhile wait for that one build instead of each building their own.
    """
    from mcc.agent import acts, clauses, instructions, minilm_readers, span_tagger

    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
    with _building:
        # The dialogue-act classifier (once per process, outside the runtime's cache key): loaded
        # from the data directory's cache, or trained in a child process (the first start after
        # an upgrade) and cached there.
        acts.warm_up(in_child=True, cache=settings.data_dir)
        # The act classifier with sentence embeddings: loaded (or trained) in the background
        # when the local MiniLM is built; the n-gram model answers until then. Not with
        # MCC_EMBEDDER=none: an operator who turned embeddings off gets no model in memory.
        # So are the other readers that use MiniLM (`minilm_readers`).
        if settings.embedder is not EmbedderKind.NONE:
            minilm_readers.start_all()
        # The clause tagger loads from the cache, or trains in the background: never waited for.
        clauses.start(cache=settings.data_dir)
        # So does the instruction detector (the rules alone find pasted instructions meanwhile).
        instructions.start(cache=settings.data_dir)
        span_tagger.start(cache=settings.data_dir)
        return _runtime(
            settings.llm_model or None,
            settings.llm_base_url,
            key,
            settings.tier_policy_file,
            settings.agent_min_relevance,
        )


class AgentService:
    """Runs turns; opens its own units of work on `db` (callers hold no transaction)."""

    def __init__(
        self,
        db: Database,
        settings: Settings | None = None,
        *,
        runtime: AgentRuntime | None = None,
        identity: Identity | None = None,
        knowledge: KnowledgeSearch | None = None,
        backend: WorkManagement | None = None,
    ) -> None:
        self.db = db
        self.settings = settings or get_settings()
        self._runtime = runtime
        self._knowledge = knowledge
        self.backend = backend
        self.identity = identity or Identity()

    async def runtime(self) -> AgentRuntime:
        """The engine, knowledge and policy for these settings, built off the event loop."""
        if self._runtime is None:
            self._runtime = await asyncio.to_thread(runtime_for, self.settings)
        if self._knowledge is not None:
            # The app's database-backed knowledge base replaces the bundled-playbooks default.
            self._runtime = replace(self._runtime, knowledge=self._knowledge)
            self._knowledge = None
        return self._runtime

    async def open_turn(
        self, conversation_id: uuid.UUID | None, text: str, *, said: bool = True
    ) -> OpenTurn:
        """Load what a turn needs: the conversation, its state one turn on, the playbooks in
        force and the engine's runtime. `said`: `text` counts as the user's own words (a chat
        message does; a brief's summary line does not)."""
        async with self.db.read() as session:
            # The new message is the last of the history the engine sees: load one fewer.
            snapshot = await ConversationService(session).snapshot(
                conversation_id, self.identity.user, history=HISTORY_LIMIT - 1
            )
            # The playbooks in force (`mcc.playbooks.rules`): an admin's uploaded tier policy or
            # checklist applies to this turn in every worker process, as it does to the API.
            rules = await current_rules(session)
        state = DialogueState.load(snapshot.state)
        state.turn += 1
        history = [(m.role, m.content) for m in snapshot.history]
        runtime = await self.runtime()
        policy = rules.policy if rules.policy_source is not None else runtime.policy
        uploaded = {kind: rules.checklists[kind] for kind in rules.checklist_sources}
        ctx = TurnContext(
            db=self.db,
            identity=self.identity,
            state=state,
            knowledge=runtime.knowledge,
            policy=policy,
            checklists={**runtime.checklists, **uploaded},
            conversation_id=snapshot.conversation_id,
            # "@assistant what lead time ...": the mention says whom it is for, no more. Runs
            # of marks or blanks are cut short and bidi controls dropped (`readable`) for every
            # reader, engine and guardrail: a 10,000-blank message held the interpreter for
            # seconds in each pattern that retried the run from every position.
            message=readable(without_opening_mention(text)),
            user_messages=[
                readable(without_opening_mention(content))
                for role, content in [*history, *([(Role.USER, text)] if said else [])]
                if role == Role.USER
            ],
            transcript=history,
            today=self.settings.current_date(),
            min_relevance=runtime.min_relevance,
            backend=self.backend,
            policy_doc=rules.policy_source.key if rules.policy_source is not None else None,
        )
        return OpenTurn(snapshot, state, ctx, rules, runtime)

    async def draft_after(
        self, turn: OpenTurn, content: str, *, started: bool
    ) -> tuple[DraftView | None, str]:
        """The draft card after the turn, with what a shown preview adds: the exact requests
        "yes" will enqueue (issue 15, built as creation builds them) and the portfolio's
        warnings, which inform and never block (`mcc.portfolio.preview`)."""
        ctx = turn.ctx
        evaluation = CampaignTools(ctx).evaluate() if started else None
        draft = DraftView.build(turn.state, evaluation, ctx.policy.currency)
        if draft is not None and evaluation is not None and draft.preview.shown:
            data = CampaignTools(ctx).campaign_data(evaluation)
            requests = draft_requests(turn.rules, data, today=ctx.today)
            draft = replace(draft, exact_requests=requests)
        return await with_portfolio(
            self.db, self.identity.scope, self.settings, draft, content,
            previewed=ctx.preview_text is not None,
        )  # fmt: skip

    async def send_message(
        self, conversation_id: uuid.UUID | None, text: str, emit: TokenSink | None = None
    ) -> TurnResult:
        """Run one turn. Bad input raises before anything is read or written; a turn that
        raises later (the engine, a CONFLICT) stores nothing."""
        check_message_text(text)
        who = self.identity.user or ""
        # Offline turns are CPU (the rules' reading); a model's turns mostly wait on the provider.
        offline = not self.settings.llm_model
        if offline and _IN_FLIGHT[who] >= TURNS_PER_USER:
            raise TooManyRequestsError(
                f"You already have {TURNS_PER_USER} messages being answered; send this one when "
                "they are done."
            )
        _IN_FLIGHT[who] += 1
        try:
            return await self._send(conversation_id, text, emit)
        finally:
            _IN_FLIGHT[who] -= 1
            if not _IN_FLIGHT[who]:
                del _IN_FLIGHT[who]

    async def _send(
        self, conversation_id: uuid.UUID | None, text: str, emit: TokenSink | None
    ) -> TurnResult:
        started_at = time.perf_counter()
        turn = await self.open_turn(conversation_id, text)
        snapshot, state, ctx, runtime = turn.snapshot, turn.state, turn.ctx, turn.runtime
        content = await runtime.engine.respond(ctx, emit)
        started = state.stage is not Stage.IDLE or not state.draft.is_empty()
        draft, content = await self.draft_after(turn, content, started=started)
        details = {
            "draft": draft.as_json() if draft is not None else None,
            "citations": [ref.as_json() for ref in ctx.citations],
            "actions": ctx.actions,
        }
        async with self.db.write() as session:
            conversations = ConversationService(session)
            # The version check comes first: a turn that lost the race applies nothing.
            reply = await conversations.store_turn(snapshot, state.dump(), text, content, details)
            for action in ctx.staged:
                await action.apply(session)
            # The wait a person sees, up to the reply's storage: what the pilot's latency means.
            waited = time.perf_counter() - started_at
            await pilot.turn_finished(session, engine_name(runtime.engine), waited)
        return TurnResult(
            snapshot.conversation_id, reply, draft, list(ctx.citations), list(ctx.actions)
        )
