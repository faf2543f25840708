"""The playbooks are the rules: an admin's upload changes the tiers and plans campaigns get,
every door gets the same plan, and a broken playbook is refused with the line at fault."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal

import httpx
import pytest

from mcc.campaigns.plans import bundled_checklists
from mcc.campaigns.schemas import CampaignCreate, CampaignType
from mcc.campaigns.service import CampaignService
from mcc.db import Database
from mcc.knowledge.parsing import DocumentError
from mcc.knowledge.service import KnowledgeService
from mcc.playbooks.rules import current_rules
from tests.playbooks.conftest import bundled_policy, changed_policy

POLICY_KEY = "playbooks/campaign-tiers.md"
HEADER = "| Task | Owner role | Starts (days before launch) | Duration (days) |\n"


async def create(db: Database, name: str, budget: str, **fields: object) -> tuple[int, str]:
    async with db.write() as session:
        data = CampaignCreate(name=name, type=CampaignType.EMAIL, budget=Decimal(budget), **fields)
        campaign = await CampaignService(session).create(data)
        return campaign.tier, campaign.tier_reason or ""


async def test_the_bundled_rules_apply_with_an_empty_knowledge_base(db: Database) -> None:
    async with db.read() as session:
        rules = await current_rules(session)
    assert rules.policy_source is None
    assert rules.policy.rules[2].min_budget == 25000
    assert "email" in rules.checklists


async def test_an_uploaded_policy_replaces_the_same_key_and_retiers_with_its_version(
    db: Database, kb: KnowledgeService
) -> None:
    tier, reason = await create(db, "Spring promo", "30000")
    assert tier == 2
    assert "Campaign Tier Definitions v1" in reason

    report = await kb.ingest_upload("our-tiers.md", changed_policy(50000), None)
    assert report.changed == [POLICY_KEY]  # the same key, its next version: not a rival

    tier, reason = await create(db, "Summer promo", "30000")
    assert tier == 3
    assert "Campaign Tier Definitions v2" in reason
    assert "< $50,000" in reason


@pytest.mark.parametrize(
    ("edit", "line", "problem"),
    [
        (lambda t: t.replace("2: {min_budget: 25000", "2: {min_budget: 25000,,"), 25, "YAML"),
        (lambda t: t.replace("2: {min_budget: 25000", "2: {min_budget: 100000"), 25, "overlap"),
        (lambda t: t.replace("3: {min_budget: 0", "3: {min_budget: 5000"), 26, "no band"),
        (
            lambda t: t.replace("approver: VP of Marketing,", "approver: CMO, approver_role: cmo,"),
            24,
            "unknown role",
        ),
        (lambda t: t.replace("  2: {min_budget", "  7: {min_budget"), 25, "unknown tier"),
    ],
)
async def test_a_broken_policy_upload_is_refused_with_its_line_and_the_old_one_stays(
    db: Database, kb: KnowledgeService, edit: object, line: int, problem: str
) -> None:
    broken = edit(bundled_policy())  # type: ignore[operator]
    assert broken != bundled_policy()
    with pytest.raises(DocumentError, match=rf"line {line}: .*{problem}"):
        await kb.ingest_upload("campaign-tiers.md", broken.encode(), None)
    async with db.read() as session:
        rules = await current_rules(session)
    assert rules.policy_source is not None
    assert rules.policy_source.version == 1
    assert rules.policy.rules[2].min_budget == 25000


async def test_a_checklist_row_with_a_non_number_is_refused_with_its_line(
    kb: KnowledgeService,
) -> None:
    text = (
        "---\ntitle: Email Campaign Playbook\ncampaign_type: email\n---\n# Email\n\nText.\n\n"
        "## Task Checklist\n\n"
        + HEADER
        + "| --- | --- | --- | --- |\n| Write copy | Writer | 10 | 2 |\n| Send | Ops | two | 1 |\n"
    )
    with pytest.raises(DocumentError, match=r"line 14: .*'two' is not a whole number"):
        await kb.ingest_upload("email.md", text.encode(), None)


async def test_an_uploaded_checklist_plans_new_campaigns_of_its_type(
    db: Database, kb: KnowledgeService
) -> None:
    text = (
        "---\ntitle: Our Email Playbook\ncampaign_type: email\n---\n# Email\n\nHow we send.\n\n"
        "## Task Checklist\n\n"
        + HEADER
        + "| --- | --- | --- | --- |\n| Write copy | Writer | 10 | 2 |\n| Send | Ops | 0 | 1 |\n"
    )
    report = await kb.ingest_upload("email.md", text.encode(), None)
    assert report.changed == ["playbooks/email-campaigns.md"]
    launch = date.today() + timedelta(days=60)
    async with db.write() as session:
        data = CampaignCreate(name="Promo", type=CampaignType.EMAIL, launch_date=launch)
        campaign = await CampaignService(session).create(data)
        tasks = await CampaignService(session).repository.tasks_of(campaign.id)
    assert [(t.name, t.planned_start, t.planned_due) for t in tasks] == [
        ("Write copy", launch - timedelta(days=10), launch - timedelta(days=9)),
        ("Send", launch, launch),
    ]
    assert campaign.provenance["plan_source"] == "Our Email Playbook v2 › Task Checklist"


async def test_explicit_tasks_are_kept_as_given(db: Database) -> None:
    launch = date.today() + timedelta(days=60)
    task = {"name": "Only this", "start": launch, "due": launch}
    async with db.write() as session:
        data = CampaignCreate(
            name="Promo", type=CampaignType.EMAIL, launch_date=launch, tasks=[task]
        )
        campaign = await CampaignService(session).create(data)
        tasks = await CampaignService(session).repository.tasks_of(campaign.id)
    assert [t.name for t in tasks] == ["Only this"]


async def test_every_door_gets_the_same_tier_plan_and_warnings(
    db: Database, client: httpx.AsyncClient
) -> None:
    """GraphQL, REST and the service (which the CLI, the UI and the chat call) agree."""
    launch = date.today() + timedelta(days=10)  # inside Tier 2's six weeks: a lead-time warning
    fields = {"name": "Door", "type": "email", "budget": "30000", "launchDate": launch.isoformat()}
    rest = await client.post("/api/campaigns", json=fields)
    assert rest.status_code == 201, rest.text
    query = """mutation($input: CreateCampaignInput!) {
      createCampaign(input: $input) { campaignId tier tierReason } }"""
    body = await client.post("/graphql", json={"query": query, "variables": {"input": fields}})
    graphql = body.json()["data"]["createCampaign"]
    form = {"name": "Door", "type": "email", "budget": "$30k", "launch_date": launch.isoformat()}
    ui = await client.post("/campaigns/new", data=form)
    assert ui.status_code == 303, ui.text
    ui_id = uuid.UUID(ui.headers["location"].rsplit("/", 1)[1])
    async with db.write() as session:
        data = CampaignCreate(name="Door", type=CampaignType.EMAIL, budget=Decimal("30000"),
                              launch_date=launch)  # fmt: skip
        direct = await CampaignService(session).create(data)
        direct_tasks = await CampaignService(session).repository.tasks_of(direct.id)
        from_ui = await CampaignService(session).get(ui_id)
        ui_tasks = await CampaignService(session).repository.tasks_of(ui_id)
        graphql_tasks = await CampaignService(session).repository.tasks_of(
            uuid.UUID(graphql["campaignId"])
        )
    created = rest.json()
    assert created["tier"] == graphql["tier"] == direct.tier == 2
    assert created["tierReason"] == graphql["tierReason"] == direct.tier_reason
    planned = [(t.name, t.planned_start.isoformat()) for t in direct_tasks if t.planned_start]
    assert [(t["name"], t["start"]) for t in created["tasks"]] == planned
    assert [
        (t.name, t.planned_start.isoformat()) for t in graphql_tasks if t.planned_start
    ] == planned
    assert [(t.name, t.planned_start.isoformat()) for t in ui_tasks if t.planned_start] == planned
    assert (from_ui.tier, from_ui.tier_reason) == (direct.tier, direct.tier_reason)
    assert len(planned) == len(bundled_checklists()["email"].items)
    assert any("Lead time" in w for w in created["warnings"])
    assert created["warnings"] == direct.provenance["warnings"]
