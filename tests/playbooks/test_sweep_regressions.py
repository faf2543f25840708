"""Findings of the hostile sweep of the playbook uploads (2026-12-02), each kept refused.

An alias bomb in a tier policy froze a server for 18 s once read; a checklist of 10,000 rows, a
row 99,999,999 days long, a task named with a NUL or 5,000 characters were all accepted and then
broke or flooded campaign creation everywhere; deep YAML and malformed DOCX gave internal errors.
Each is now refused at upload, with the line at fault, and the old rule stays.
"""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import pytest

from mcc.campaigns.schemas import CampaignCreate, CampaignType
from mcc.campaigns.service import CampaignService
from mcc.db import Database
from mcc.knowledge.parsing import DocumentError, UnreadableDocumentError, parse_bytes
from mcc.knowledge.service import KnowledgeService
from mcc.playbooks.rules import current_rules
from tests.playbooks.conftest import bundled_policy

HEADER = "| Task | Owner role | Starts (days before launch) | Duration (days) |\n"


def checklist(*rows: str) -> bytes:
    # Prose before the table as a real playbook has: a NUL past the first 4 KB is not taken for
    # a binary file by the parser, so the checklist check is what must refuse it.
    prose = "Write for the reader, test every link, and send at a time they read mail. " * 60
    return (
        "---\ntitle: Email Campaign Playbook\ncampaign_type: email\n---\n# Email\n\n"
        + prose
        + "\n\n"
        "## Task Checklist\n\n" + HEADER + "| --- | --- | --- | --- |\n" + "".join(rows)
    ).encode()


async def policy_unchanged(db: Database) -> None:
    async with db.read() as session:
        rules = await current_rules(session)
    assert rules.policy_source is not None
    assert rules.policy_source.version == 1
    assert rules.policy.rules[2].min_budget == 25000


async def test_a_policy_with_yaml_aliases_is_refused_before_it_is_expanded(
    db: Database, kb: KnowledgeService
) -> None:
    bomb = bundled_policy().replace(
        "tiers:", 'a: &a ["lol", "lol", "lol"]\nb: &b [*a, *a, *a]\ntiers:', 1
    )
    with pytest.raises(DocumentError, match="anchors or aliases"):
        await kb.ingest_upload("campaign-tiers.md", bomb.encode(), None)
    await policy_unchanged(db)


async def test_a_deeply_nested_policy_is_a_clear_refusal_not_an_internal_error(
    db: Database, kb: KnowledgeService
) -> None:
    deep = bundled_policy().replace("tiers:", "x: " + "[" * 5000 + "]" * 5000 + "\ntiers:", 1)
    with pytest.raises(DocumentError, match="tier policy"):
        await kb.ingest_upload("campaign-tiers.md", deep.encode(), None)
    await policy_unchanged(db)


@pytest.mark.parametrize(
    ("rows", "problem"),
    [
        ("| A | Ops | 99999999 | 99999999 |\n", "not a whole number|more than 730 days"),
        ("| A | Ops | 20000 | 1 |\n", "more than 730 days"),
        ("| A | Ops | 5 | 9000 |\n", "more than 730 days"),
        ("| A\x00B | Ops | 5 | 1 |\n", "printable characters"),
        ("| " + "n" * 5000 + " | Ops | 5 | 1 |\n", "printable characters"),
        ("".join(f"| Task {i} | Ops | 5 | 1 |\n" for i in range(101)), "at most 100 tasks"),
    ],
    ids=["huge-days", "decades-early", "decades-long", "nul-name", "long-name", "too-many-rows"],
)
async def test_a_checklist_that_would_break_or_flood_campaigns_is_refused(
    db: Database, kb: KnowledgeService, rows: str, problem: str
) -> None:
    with pytest.raises(DocumentError, match=rf"line \d+: .*({problem})"):
        await kb.ingest_upload("email.md", checklist(rows), None)
    async with db.read() as session:
        rules = await current_rules(session)
    assert rules.checklist_sources["email"].version == 1  # the bundled checklist still applies


async def test_a_checklist_at_the_limits_is_accepted(kb: KnowledgeService) -> None:
    rows = "".join(f"| Task {i} | Ops | {730 - i} | 1 |\n" for i in range(100))
    await kb.ingest_upload("email.md", checklist(rows), None)


def _docx(document_xml: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats'
            '-package.relationships+xml"/><Override PartName="/word/document.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            "</Relationships>",
        )
        archive.writestr("word/document.xml", document_xml)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "xml",
    ["<w:document><oops", "<a>" * 20000 + "</a>" * 20000],
    ids=["malformed", "too-deep"],
)
def test_a_docx_whose_xml_cannot_be_read_is_an_unreadable_document(xml: str) -> None:
    with pytest.raises(UnreadableDocumentError, match="not a readable DOCX"):
        parse_bytes(_docx(xml), "brief.docx")


@pytest.mark.parametrize(("asked", "expected"), [(3, 1), (2, 1), (1, 1)])
async def test_a_client_never_sets_a_tier_less_demanding_than_the_budget_band(
    db: Database, asked: int, expected: int
) -> None:
    """A $5M campaign sent through the API with `tier: 3` and its own reason needed only a
    manager's approval; the budget's band now decides the least demanding tier it can have."""
    async with db.write() as session:
        data = CampaignCreate(
            name=f"Five million {asked}", type=CampaignType.EMAIL, budget=Decimal("5000000"),
            tier=asked, tier_reason="trust me",
        )  # fmt: skip
        campaign = await CampaignService(session).create(data)
    assert campaign.tier == expected
    if asked != expected:
        assert "trust me" not in (campaign.tier_reason or "")
        assert f"Tier {asked} was asked for" in (campaign.tier_reason or "")


async def test_a_more_demanding_tier_than_the_band_is_kept_as_given(db: Database) -> None:
    async with db.write() as session:
        data = CampaignCreate(
            name="Small but flagship", type=CampaignType.EMAIL, budget=Decimal("1000"), tier=1,
            tier_reason="Tier 1: the CEO's keynote",
        )  # fmt: skip
        campaign = await CampaignService(session).create(data)
    assert (campaign.tier, campaign.tier_reason) == (1, "Tier 1: the CEO's keynote")


def test_explicit_task_dates_are_held_to_the_years_a_campaign_may_have() -> None:
    """`tasks: [{start: 0001-01-01, due: 9999-12-31}]` was stored; Workfront cannot write it."""
    with pytest.raises(ValueError, match="between 2000-01-01 and 2100-12-31"):
        CampaignCreate(
            name="Old tasks", type=CampaignType.EMAIL,
            tasks=[{"name": "t", "start": "0001-01-01", "due": "9999-12-31"}],
        )  # fmt: skip
