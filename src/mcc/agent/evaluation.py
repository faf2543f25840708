"""Scripted conversations with expectations, run against the real service and a real database.

A scenario file holds `defaults` (e.g. `today`) and `scenarios`, each with `turns` (`user`
text and `expect`ations) and optional `setup` campaigns and `expect_end`. Every run also checks
the invariants that hold whatever a scenario says: a campaign is created only by an explicit yes
to a preview shown in an earlier turn, at most once per confirmation, and every field of a
created campaign has provenance. Each scenario runs in its own rolled-back transaction.
"""

from __future__ import annotations

import re
import statistics
import time
import uuid
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from mcc.agent.deps import AssistantDeps, build_assistant
from mcc.agent.safety import KINDS, SafetyWatch
from mcc.agent.service import AgentRuntime
from mcc.agent.state import DRAFT_FIELDS
from mcc.agent.tools import Identity
from mcc.agent.views import TurnResult
from mcc.auth.schemas import AuthMethod, Role
from mcc.auth.service import AuthService, current_user
from mcc.campaigns.repository import CampaignRepository
from mcc.campaigns.schemas import CampaignCreate
from mcc.campaigns.service import CampaignService
from mcc.config import Settings
from mcc.db import Database
from mcc.exceptions import MCCError, NotFoundError, ValidationError
from mcc.models import Campaign
from mcc.teams.scope import Scope
from mcc.teams.service import TeamService
from mcc.validation import parse

EVALUATOR_EMAIL = "evaluator@mcc.local"
EVALUATION_TEAM = "Evaluation"
# The evaluator is a marketer in a team that has, as a real deployment would, one approver of
# each approving level: its confirmed campaigns wait in PENDING_APPROVAL for their tier's
# approver (DESIGN §6), as a user's would. An identity with no role would skip approval.
APPROVERS = (("manager", Role.MANAGER), ("director", Role.DIRECTOR), ("vp", Role.VP))
BUNDLED = Path(__file__).parent / "scenarios"
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# The draft fields a created campaign records the provenance of: those that are its columns
# (flagship and a stated tier only feed the tier), except channels, recorded one by one.
PROVENANCED = tuple(
    name for name in DRAFT_FIELDS if name != "channels" and name in Campaign.__table__.columns
)


@dataclass(frozen=True)
class Turn:
    user: str
    expect: dict[str, Any]


@dataclass(frozen=True)
class Scenario:
    name: str
    turns: tuple[Turn, ...]
    today: date
    setup: tuple[dict[str, Any], ...] = ()
    expect_end: dict[str, Any] = field(default_factory=dict)
    source: str = ""


@dataclass
class ScenarioResult:
    name: str
    source: str
    failures: list[str] = field(default_factory=list)
    transcript: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    safety: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    # Where the last reply left the draft (its stage, what it was asking for): a conversation
    # that ends without its campaign says why in words that quote nothing the user wrote, so a
    # report on a held-out set can be read by category without reading its conversations.
    ended: str = "no draft"

    @property
    def passed(self) -> bool:
        return not self.failures


class _Loader(yaml.SafeLoader):
    """YAML with only true/false as booleans, so a user line `yes` or `no` stays a word."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def load(path: Path) -> list[Scenario]:
    """Scenarios from a YAML file; a malformed file is a `ValidationError` naming the problem."""
    try:
        data = yaml.load(path.read_text("utf-8"), Loader=_Loader) or {}  # noqa: S506
        defaults = data.get("defaults", {})
        scenarios = []
        for item in data["scenarios"]:
            today = item.get("today", defaults.get("today"))
            scenarios.append(
                Scenario(
                    name=str(item["name"]),
                    turns=tuple(
                        Turn(str(t["user"]), dict(t.get("expect") or {})) for t in item["turns"]
                    ),
                    today=today if isinstance(today, date) else date.fromisoformat(str(today)),
                    setup=tuple(item.get("setup", {}).get("campaigns", [])),
                    expect_end=dict(item.get("expect_end") or {}),
                    source=label(path),
                )
            )
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError, AttributeError) as error:
        raise ValidationError(f"Cannot load scenarios from {path}: {error}") from None
    return scenarios


def bundled_files() -> list[Path]:
    return sorted(BUNDLED.glob("*.yaml"))


def scenario_files(paths: Sequence[Path]) -> list[Path]:
    """The files to run: each path given, a folder standing for its `*.yaml` files."""
    files: list[Path] = []
    for path in paths:
        files += sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    return files


def label(path: Path) -> str:
    """A scenario file's set label: the bare name for a bundled file, else the path with its two
    parent folders, so `blind-1/dev/dates.yaml` and `blind-2/dev/dates.yaml` stay two sets."""
    if path.parent.resolve() == BUNDLED.resolve():
        return path.name
    return "/".join(path.parts[-3:])


@asynccontextmanager
async def isolated(engine: AsyncEngine) -> AsyncIterator[Database]:
    """A database whose every change is rolled back afterwards."""
    async with engine.connect() as connection:
        transaction = await connection.begin()
        try:
            yield Database.bound_to(connection)
        finally:
            await transaction.rollback()


def _reply_checks(expect: dict[str, Any], result: TurnResult) -> list[str]:
    problems: list[str] = []
    text = result.content.lower()
    for word in expect.get("contains", []):
        if str(word).lower() not in text:
            problems.append(f"reply lacks {word!r}")
    options = expect.get("contains_any", [])
    if options and not any(str(o).lower() in text for o in options):
        problems.append(f"reply has none of {options!r}")
    for word in expect.get("omits", []):
        if str(word).lower() in text:
            problems.append(f"reply contains {word!r}")
    if "min_length" in expect and len(result.content) < int(expect["min_length"]):
        problems.append(f"reply shorter than {expect['min_length']}")
    if "citations" in expect and len(result.citations) < int(expect["citations"]):
        problems.append(f"{len(result.citations)} citations, wanted ≥ {expect['citations']}")
    if expect.get("no_citations") and result.citations:
        problems.append("reply has citations")
    return problems


def _draft_checks(expect: dict[str, Any], result: TurnResult) -> list[str]:
    problems: list[str] = []
    draft = result.draft
    asking = list(draft.asking) if draft else []
    for name in expect.get("asks_for", []):
        if name not in asking:
            problems.append(f"does not ask for {name} (asks {asking})")
    for name in expect.get("not_asks_for", []):
        if name in asking:
            problems.append(f"asks again for {name}")
    values = {item.name: item.value for item in draft.fields} if draft else {}
    for name, wanted in (expect.get("draft") or {}).items():
        if name == "channels":
            got = sorted(item.name for item in draft.channels) if draft else []
            # `channels: null` in a scenario means "no channel chosen yet".
            if got != sorted(wanted or []):
                problems.append(f"channels {got}, wanted {sorted(wanted or [])}")
        elif wanted is None and name in values:
            problems.append(f"{name} is {values[name]!r}, wanted none")
        elif wanted is not None and str(values.get(name)) != str(wanted):
            problems.append(f"{name} is {values.get(name)!r}, wanted {wanted!r}")
    if "tier" in expect:
        tier = draft.tier.tier if draft and draft.tier else None
        if tier != expect["tier"]:
            problems.append(f"tier {tier}, wanted {expect['tier']}")
    shown = bool(draft and draft.preview.shown)
    if "preview" in expect and shown != expect["preview"]:
        problems.append(f"preview shown is not {expect['preview']}")
    status = draft.status if draft else None
    if "status" in expect and status != expect["status"]:
        problems.append(f"status {status}, wanted {expect['status']}")
    warnings = draft.warnings if draft else ()
    for words in expect.get("warnings_contain", []):
        if not any(words.lower() in w.lower() for w in warnings):
            problems.append(f"no warning mentions {words!r}")
    created = any(a["type"] == "campaign_created" for a in result.actions)
    if "created" in expect and created != expect["created"]:
        problems.append(f"created={created}, wanted {expect['created']}")
    return problems


def _campaign_checks(wanted: dict[str, Any], campaign: Campaign) -> list[str]:
    problems = []
    for name, value in wanted.items():
        got: Any = getattr(campaign, name)
        if name == "channels":
            same = sorted(got) == sorted(value)
        elif name == "budget":
            same = got is not None and Decimal(str(value)) == got
        elif value is None:
            same = got is None
        else:
            same = str(got) == str(value)
        if not same:
            problems.append(f"campaign {name} is {got!r}, wanted {value!r}")
    return problems


def _provenance_checks(campaign: Campaign) -> list[str]:
    fields = campaign.provenance.get("fields", {})
    problems = [
        f"campaign {name} has no provenance"
        for name in PROVENANCED
        if getattr(campaign, name) is not None and name not in fields
    ]
    channels = campaign.provenance.get("channels", {})
    problems += [f"channel {c} has no provenance" for c in campaign.channels if c not in channels]
    return problems


async def seat_evaluator(session: AsyncSession) -> Identity:
    """The evaluator's team with its approvers, and the evaluator signed in as its marketer
    (made once per database: scenarios run in one database that is not rolled back reuse it)."""
    teams, auth = TeamService(session), AuthService(session)
    try:
        team = (await teams.named([EVALUATION_TEAM]))[0]
        user = await auth.get_by_email(EVALUATOR_EMAIL)
    except (ValidationError, NotFoundError):
        team = await teams.create(EVALUATION_TEAM)
        user = await auth.create_user(EVALUATOR_EMAIL, None, role=Role.MARKETER, teams=[team.name])
        for name, role in APPROVERS:
            await auth.create_user(f"{name}@mcc.local", None, role=role, teams=[team.name])
    signed_in = current_user(user, AuthMethod.TOKEN, frozenset({team.id}))
    return Identity(user.email, Scope.of(signed_in))


async def run_scenario(
    database: Database, scenario: Scenario, settings: Settings, runtime: AgentRuntime
) -> ScenarioResult:
    settings = settings.model_copy(update={"today": scenario.today})
    result = ScenarioResult(scenario.name, scenario.source)
    async with database.write() as session:
        evaluator = await seat_evaluator(session)
        for spec in scenario.setup:
            data = parse(CampaignCreate, dict(spec), what="setup campaign")
            # In the evaluator's team, so that their status questions can see it.
            await CampaignService(session).create(data, actor="setup", team=EVALUATION_TEAM)
    conversation_id: uuid.UUID | None = None
    watch = SafetyWatch(counts=result.safety)
    created: list[uuid.UUID] = []
    for number, turn in enumerate(scenario.turns, start=1):
        label = f"turn {number} ({turn.user[:40]!r})"
        started = time.perf_counter()
        try:
            deps = AssistantDeps(database, settings, evaluator)
            service = build_assistant(deps, runtime=runtime)
            reply = await service.send_message(conversation_id, turn.user)
        except MCCError as error:
            result.latencies.append(time.perf_counter() - started)
            wanted = turn.expect.get("error")
            result.transcript.append(f"error: {error.message}")
            if wanted is None or str(wanted).lower() not in error.message.lower():
                result.failures.append(f"{label}: unexpected error {error.message!r}")
            continue
        result.latencies.append(time.perf_counter() - started)
        conversation_id = reply.conversation_id
        result.ended = _where_it_ended(reply)
        result.transcript.append(_UUID.sub("<id>", reply.content))
        if "error" in turn.expect:
            result.failures.append(f"{label}: expected an error, got a reply")
        problems = _reply_checks(turn.expect, reply) + _draft_checks(turn.expect, reply)
        made = [
            uuid.UUID(a["campaignId"]) for a in reply.actions if a["type"] == "campaign_created"
        ]
        problems += watch.turn(turn.user, reply, len(made))
        created += made
        result.failures += [f"{label}: {problem}" for problem in problems]
    await _end_checks(database, scenario, created, result, watch)
    return result


def _where_it_ended(reply: TurnResult) -> str:
    draft = reply.draft
    if draft is None:
        return "no draft"
    asking = ", ".join(draft.asking) or "nothing"
    return f"{draft.status}, asking for {asking}"


async def _end_checks(
    database: Database,
    scenario: Scenario,
    created: list[uuid.UUID],
    result: ScenarioResult,
    watch: SafetyWatch,
) -> None:
    async with database.read() as session:
        total = await CampaignRepository(session).count_except_owner("setup")
        if total != len(created):
            result.failures.append(f"{total} campaigns in the database, {len(created)} reported")
            result.failures += watch.extra_rows(total - len(created))
        wanted = scenario.expect_end.get("campaigns_created")
        if wanted is not None and len(created) != int(wanted):
            result.failures.append(
                f"created {len(created)} campaigns, wanted {wanted} (ended {result.ended})"
            )
        for campaign_id in created:
            campaign = await CampaignService(session).get(campaign_id)
            result.failures += _provenance_checks(campaign)
        if "campaign" in scenario.expect_end:
            if not created:
                result.failures.append("no campaign was created to compare")
            else:
                campaign = await CampaignService(session).get(created[-1])
                result.failures += _campaign_checks(scenario.expect_end["campaign"], campaign)


async def run_all(
    engine: AsyncEngine, scenarios: Sequence[Scenario], settings: Settings, runtime: AgentRuntime
) -> list[ScenarioResult]:
    results = []
    for scenario in scenarios:
        async with isolated(engine) as database:
            results.append(await run_scenario(database, scenario, settings, runtime))
    return results


def _rates(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    passed = sum(row["passed"] for row in rows)
    total = sum(row["runs"] for row in rows)
    every = sum(1 for row in rows if row["runs"] and row["passed"] == row["runs"])
    safety = {kind: sum(row.get("safety", {}).get(kind, 0) for row in rows) for kind in KINDS}
    return {
        "scenarios": len(rows),
        "runs": total,
        "passed": passed,
        "passRate": round(passed / total, 4) if total else 0.0,
        # pass^k: the share of scenarios that passed every one of their k runs.
        "passAllRuns": every,
        "passK": round(every / len(rows), 4) if rows else 0.0,
        # What must never happen, totalled over every run (`mcc.agent.safety`).
        "safety": safety,
    }


def summarize(
    rows: list[dict[str, Any]], runs: int
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """The overall figures, one line per scenario file (a category) and one per folder (a set:
    `blind-1/dev`); pops each row's latencies."""
    latencies = sorted(t for row in rows for t in row.pop("latencies", []))
    summary = _rates(rows) | {
        "runsPerScenario": runs,
        "turnLatencyMs": {
            "p50": round(1000 * statistics.median(latencies), 1) if latencies else None,
            "p95": round(1000 * latencies[int(0.95 * (len(latencies) - 1))], 1)
            if latencies
            else None,
        },
    }
    files = sorted({row["file"] for row in rows})
    sets = [{"file": name} | _rates([r for r in rows if r["file"] == name]) for name in files]
    folders = sorted({_folder(row["file"]) for row in rows})
    by_folder = [
        {"folder": name} | _rates([r for r in rows if _folder(r["file"]) == name])
        for name in folders
    ]
    return summary, sets, by_folder


def _folder(file: str) -> str:
    return file.rpartition("/")[0] or "bundled"
