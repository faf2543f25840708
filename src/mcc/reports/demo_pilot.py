"""`mcc demo --pilot`: a clearly labelled sample pilot, produced the way a real one would be.

Never mixed into real data: it lives in its own data directory (`<data dir>/demo-pilot/`, its
own SQLite database and Workfront emulator file, whatever `MCC_DATABASE_URL` says), which it
marks with `SAMPLE_MARKER` so every report computed from it is labelled as sample data.

Nothing is written behind the product's back: pilot users talk to the real assistant (the
offline rules engine) until it creates their campaigns, the real outbox worker creates the
projects in a Workfront emulator over HTTP on loopback, Workfront status changes come back
as its webhook events through the real inbox, and ratings and survey answers go through the
feedback service. Weeks pass on a simulated clock (`mcc.clock`) shared by our records and the
emulator's, set before each step instead of sleeping.
"""

from __future__ import annotations

import asyncio
import random
import socket
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import httpx
from pydantic import SecretStr

from mcc.agent.service import AgentService
from mcc.agent.tools import Identity
from mcc.approvals.service import ApprovalService
from mcc.audit.schemas import Actor, AuditSource
from mcc.auth.schemas import AuthMethod, CurrentUser, Role
from mcc.auth.service import AuthService
from mcc.campaigns.service import CampaignService
from mcc.clock import SimulatedClock, simulated
from mcc.config import Settings, WorkManagementBackend
from mcc.db import Database
from mcc.exceptions import MCCError
from mcc.feedback.service import FeedbackService, Rating, SurveyAnswers
from mcc.inbox.repository import InboxRepository
from mcc.integrations.backends import WEBHOOKS
from mcc.integrations.workmgmt import WorkManagement
from mcc.outbox.worker import OutboxWorker
from mcc.pilot.uptime import record_check
from mcc.reports.source import SAMPLE_MARKER
from mcc.sandbox.workfront import DEFAULT_API_KEY
from mcc.sync.inbound import InboxWorker
from mcc.sync.outbound import ProjectSync
from mcc.sync.runtime import build_backend
from mcc.teams.scope import Scope
from mcc.teams.service import TeamService

PILOT_DIR = "demo-pilot"
WEEKS = 4
SAMPLE_CHECK_SECONDS = 3600.0  # hourly: four weeks of 30-second checks would take long to write
PEOPLE = ("ana", "ben", "chloe", "dev", "emma", "femi")
DOMAIN = "demo-pilot.example"
VIEWER = f"leadership@{DOMAIN}"
MANAGER = "maya"
AUDIENCES = ("loyalty members", "trial users", "lapsed customers", "new subscribers")
OBJECTIVES = ("increase repeat purchases by 8%", "convert 5% of trials",
              "win back 3% of lapsed customers", "grow newsletter clicks by 10%")  # fmt: skip
THEMES = ("Spring Offer", "Loyalty Boost", "Win Back", "Welcome Series", "Flash Sale", "Webinar")
QUESTIONS = ("What is the launch checklist?", "Who approves a tier 1 campaign?",
             "What should an email campaign brief contain?")  # fmt: skip
ISSUES = ("The first answer took a while", "Wanted to edit the draft inline",
          "Missing the legal review step", "", "", "")  # fmt: skip

Progress = Callable[[str], None]


def pilot_settings(settings: Settings) -> Settings:
    """The demo pilot's own data directory and SQLite database, never the configured one."""
    return settings.model_copy(
        update={"data_dir": settings.data_dir / PILOT_DIR, "database_url": None}
    )


def is_loaded(settings: Settings) -> bool:
    return (settings.data_dir / SAMPLE_MARKER).exists()


@dataclass
class Tally:
    conversations: int = 0
    campaigns: int = 0
    projects: int = 0
    status_changes: int = 0
    ratings: int = 0
    surveys: int = 0

    def __str__(self) -> str:
        synced = f"{self.projects} Workfront projects, {self.status_changes} statuses synced back"
        return (f"{self.conversations} conversations, {self.campaigns} campaigns ({synced}), "
                f"{self.ratings} rated answers, {self.surveys} survey answers")  # fmt: skip


async def load_pilot(settings: Settings, progress: Progress, *, weeks: int = WEEKS) -> Tally:
    """Produce the sample pilot into `settings` (already `pilot_settings`, migrated), ending
    at the current date. Deterministic for a given end date."""
    if settings.database_url is not None or settings.data_dir.name != PILOT_DIR:
        raise MCCError("The demo pilot loads only into its own data directory")
    rng = random.Random(2026)  # noqa: S311 - sample data, not security
    end = settings.current_date()
    start = end - timedelta(weeks=weeks)
    start -= timedelta(days=start.weekday())  # a Monday
    clock_start = datetime.combine(start, time(8, 0), UTC)
    clock = SimulatedClock(clock_start)
    tally = Tally()
    database = Database.from_url(settings.resolved_database_url)
    try:
        with simulated(clock):
            async with _emulator(settings, clock) as url:
                local = settings.model_copy(update={
                    "workmgmt_backend": WorkManagementBackend.WORKFRONT, "workfront_url": url,
                    "workfront_api_key": SecretStr(DEFAULT_API_KEY)})  # fmt: skip
                async with httpx.AsyncClient(timeout=30) as http:
                    backend = build_backend(local, http, database)
                    assert backend is not None
                    # Subscribed as `mcc serve` would be; the emulator queues what it would send.
                    hook = f"http://{settings.host}:{settings.port}/webhooks/workfront"
                    await backend.ensure_subscriptions(hook, local.resolved_webhook_token())
                    people, manager = await _people(database)
                    pilot = _Pilot(local, database, backend, http, url, clock, rng, tally, manager)
                    for week in range(weeks):
                        monday = start + timedelta(weeks=week)
                        days = sorted((monday + timedelta(days=index % 5), index)
                                       for index in range(len(people)))  # fmt: skip
                        for day, index in days:
                            await pilot.workday(people[index], day, week)
                        progress(f"Week {week + 1}/{weeks} (from {monday.isoformat()}): {tally}")
        await _health_checks(database, clock_start, end, rng)
        progress("Health checks recorded for the pilot's weeks (availability)")
        (settings.data_dir / SAMPLE_MARKER).write_text(
            "Sample data from `mcc demo --pilot`: every report from here is labelled SAMPLE.\n"
        )
    finally:
        await database.dispose()
    return tally


async def _health_checks(
    database: Database, start: datetime, end: date, rng: random.Random
) -> None:
    """An hourly health check from the pilot's first morning up to now (the real clock: the
    served demo's own recorder goes on from there), with one short outage in the second week,
    so availability is a figure in the sample report as it is in a real one."""
    outage = start + timedelta(days=8, hours=rng.randint(2, 10))
    # Up to now, or the end of the pilot's last day when the settings pin an earlier date.
    now = min(datetime.now(UTC), datetime.combine(end + timedelta(days=1), time(0), UTC))
    at = start
    while at + timedelta(seconds=SAMPLE_CHECK_SECONDS) <= now:
        healthy = not outage <= at < outage + timedelta(hours=3)
        await record_check(database, at, healthy, SAMPLE_CHECK_SECONDS)
        at += timedelta(seconds=SAMPLE_CHECK_SECONDS)


async def _people(database: Database) -> tuple[list[CurrentUser], CurrentUser]:
    """Six pilot marketers and their manager (who approves their campaigns) in the default
    team, and a leadership viewer who reads the reports."""
    async with database.write() as session:
        auth = AuthService(session)
        team = await TeamService(session).default_team()
        people = []
        for name, role in [(name, Role.MARKETER) for name in PEOPLE] + [(MANAGER, Role.MANAGER)]:
            user = await auth.create_user(f"{name}@{DOMAIN}", None, role=role)
            people.append(CurrentUser(user.id, user.email, role, AuthMethod.SESSION,
                                      frozenset({team.id})))  # fmt: skip
        await auth.create_user(VIEWER, None, role=Role.VIEWER)
    return people[:-1], people[-1]


@asynccontextmanager
async def _emulator(settings: Settings, clock: SimulatedClock) -> AsyncIterator[str]:
    """The Workfront emulator on a free loopback port, in this process so that it shares the
    simulated clock; its file stays in the pilot's directory for `mcc demo` to serve later."""
    import uvicorn

    from mcc.sandbox.workfront.app import create_workfront_emulator

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    path = Path(settings.data_dir / "workfront-emulator.db")
    app = create_workfront_emulator(str(path), clock=clock.now, delivery=False)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    config = uvicorn.Config(app, log_config=None, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=[listener]))
    try:
        for _ in range(500):  # a deadline, not a wait for time to pass
            if server.started or task.done():
                break
            await asyncio.sleep(0.01)
        if not server.started:
            raise MCCError("The Workfront emulator for the demo pilot did not start")
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task
        listener.close()


@dataclass
class _Pilot:
    settings: Settings
    database: Database
    backend: WorkManagement
    http: httpx.AsyncClient
    workfront_url: str
    clock: SimulatedClock
    rng: random.Random
    tally: Tally
    manager: CurrentUser

    def at(self, day: date, hour: int, minute: int = 0) -> None:
        """Move the clock to that moment, never back: records and Workfront's change dates
        must follow each other in time (the sync orders changes by them)."""
        moment = datetime.combine(day, time(hour, minute), UTC)
        self.clock.set(max(moment, self.clock.now() + timedelta(minutes=1)))

    def later(self, low: float, high: float) -> None:
        self.clock.advance(timedelta(minutes=self.rng.uniform(low, high)))

    async def workday(self, person: CurrentUser, day: date, week: int) -> None:
        """One pilot day of one person: a campaign through the assistant, a question to the
        playbooks, a rating, Workfront moving the campaign on, and the weekly survey."""
        self.at(day, 9 + self.rng.randrange(6), self.rng.randrange(60))
        assistant = AgentService(
            self.database,
            self.settings.model_copy(update={"today": day}),
            identity=Identity(person.email, Scope.of(person)),
            backend=self.backend,
        )
        campaign = await self._campaign(assistant, person, day, week)
        self.later(2, 20)
        answer = await assistant.send_message(None, self.rng.choice(QUESTIONS))
        self.tally.conversations += 1
        self.later(0.2, 2)
        helpful = self.rng.random() < 0.82 - 0.04 * (week == 0)
        async with self.database.write() as session:
            comment = None if helpful else "Not quite what our playbook says"
            rating = Rating.UP if helpful else Rating.DOWN
            await FeedbackService(session, person.email).rate(answer.message_id, rating, comment)
        self.tally.ratings += 1
        if campaign is not None:
            await self._status_change(campaign, day)
        await self._survey(person, day, week)

    async def _campaign(
        self, assistant: AgentService, person: CurrentUser, day: date, week: int
    ) -> uuid.UUID | None:
        name = f"{self.rng.choice(THEMES)} {person.email.split('@')[0].title()} W{week + 1}"
        launch = (day + timedelta(days=30 + self.rng.randrange(30))).strftime("%B %d, %Y")
        brief = (f'Email campaign "{name}", audience {self.rng.choice(AUDIENCES)}, objective '
                 f"{self.rng.choice(OBJECTIVES)}, budget {self.rng.randrange(4, 12)}k, "
                 f"launch {launch}")  # fmt: skip
        first = await assistant.send_message(None, brief)
        self.tally.conversations += 1
        self.later(1.5, 9 if self.rng.random() < 0.9 else 14)  # reading the preview
        confirmed = await assistant.send_message(first.conversation_id, "yes")
        created = [a for a in confirmed.actions if a.get("type") == "campaign_created"]
        if not created:
            return None
        self.tally.campaigns += 1
        campaign_id = uuid.UUID(str(created[0]["campaignId"]))
        if created[0].get("waitsFor"):  # the manager approves it from the Approvals page
            self.later(0.5, 4)
            async with self.database.write() as session:
                actor = Actor.of(self.manager, AuditSource.UI)
                await ApprovalService(session, actor).approve(campaign_id, "Good to go")
        self.later(0.1, 0.8)  # the outbox worker picks the row up
        worker = OutboxWorker(self.database, ProjectSync(self.database, self.backend).handlers())
        for _ in range(20):  # the project, then its note: one row per pass, until none is due
            if not await worker.run_once():
                break
        self.tally.projects += await self._project_of(campaign_id) is not None
        return campaign_id

    async def _project_of(self, campaign_id: uuid.UUID) -> str | None:
        """The campaign's Workfront project, found as Workfront knows it (by `extRefID`)."""
        response = await self.http.get(
            f"{self.workfront_url}/attask/api/v21.0/PROJ/search",
            params={"apiKey": DEFAULT_API_KEY, "extRefID": str(campaign_id), "fields": "ID"},
        )
        response.raise_for_status()
        found = response.json().get("data") or []
        return str(found[0]["ID"]) if found else None

    async def _webhooks(self) -> None:
        """Workfront's event deliveries, stored in the inbox as the webhook route stores them
        (the emulator queues them instead of posting: the loader serves no HTTP)."""
        response = await self.http.get(f"{self.workfront_url}/__emulator__/deliveries")
        response.raise_for_status()
        rules = WEBHOOKS[WorkManagementBackend.WORKFRONT.value]
        async with self.database.write() as session:
            inbox = InboxRepository(session)
            for delivery in response.json()["deliveries"]:
                payload = delivery["payload"]
                if rules.refusal(payload) is None:
                    await inbox.store(rules.source, rules.dedupe_key(payload),
                                      rules.event_type(payload), payload)  # fmt: skip

    async def _status_change(self, campaign_id: uuid.UUID, day: date) -> None:
        """Someone starts the project in Workfront; the sync brings the status back."""
        remote = await self._project_of(campaign_id)
        if remote is None:
            return
        self.at(day + timedelta(days=1), 10, self.rng.randrange(60))
        response = await self.http.put(
            f"{self.workfront_url}/attask/api/v21.0/PROJ/{remote}",
            params={"apiKey": DEFAULT_API_KEY, "status": "CUR"},
        )
        response.raise_for_status()
        self.clock.advance(timedelta(seconds=self.rng.uniform(2, 8)))  # the webhook arrives
        await self._webhooks()
        self.clock.advance(timedelta(seconds=self.rng.uniform(10, 100)))  # the inbox's turn
        inbox = InboxWorker(self.database, self.backend)
        for _ in range(50):
            if not await inbox.run_once():
                break
        async with self.database.read() as session:
            campaign = await CampaignService(session).get(campaign_id)
        self.tally.status_changes += campaign.status == "ACTIVE"

    async def _survey(self, person: CurrentUser, day: date, week: int) -> None:
        self.at(day, 17, self.rng.randrange(50))
        lift = min(week, 2) * 0.15  # the pilot gets better as people learn the assistant
        ease, quality, saved, overall = (
            min(5, max(1, round(self.rng.gauss(3.7 + lift, 0.8)))) for _ in range(4)
        )
        answers = SurveyAnswers(ease, quality, saved, overall,
                                issues=self.rng.choice(ISSUES) or None,
                                minutes_saved=float(self.rng.randrange(10, 45, 5)),
                                campaign_created=True)  # fmt: skip
        async with self.database.write() as session:
            await FeedbackService(session, person.email).submit_survey(answers)
        self.tally.surveys += 1
