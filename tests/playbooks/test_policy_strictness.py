"""Finding 13 of the hostile sweep: the tier-policy check accepted what YAML lets through.

Two policy blocks in one file, two YAML documents in one block, non-UTF-8 bytes, `min_budget:
'25000'` as a string, booleans, NaN and infinities, a trillion-week lead time, a repeated tier,
an unknown key: each was stored and could become the rule in force. Each is now refused at upload
with the line (and key) at fault, and the old policy stays in force; checklists likewise.
"""

from __future__ import annotations

import re

import pytest

from mcc.db import Database
from mcc.knowledge.parsing import DocumentError
from mcc.knowledge.service import KnowledgeService
from mcc.playbooks.rules import current_rules
from tests.playbooks.conftest import bundled_policy
from tests.playbooks.test_sweep_regressions import checklist, policy_unchanged

TIER2 = (
    "  2: {min_budget: 25000, lead_time_weeks: 6, approver: Marketing Director, min_channels: 2}"
)


def policy_line(text: str) -> int:
    """The line of the uploaded file that holds `text` (the tier 2 line unless moved)."""
    return bundled_policy().splitlines().index(text) + 1


def with_tier2(line: str) -> str:
    assert TIER2 in bundled_policy()
    return bundled_policy().replace(TIER2, line, 1)


LINE2 = policy_line(TIER2)
CASES = {
    "string-budget": (with_tier2(TIER2.replace("25000", "'25000'")), "min_budget '25000'"),
    "bool-budget": (with_tier2(TIER2.replace("25000", "true")), "min_budget True"),
    "nan-budget": (with_tier2(TIER2.replace("25000", ".nan")), "min_budget nan"),
    "inf-budget": (with_tier2(TIER2.replace("25000", ".inf")), "min_budget inf"),
    "negative-budget": (with_tier2(TIER2.replace("25000", "-5")), "min_budget -5"),
    "huge-budget": (with_tier2(TIER2.replace("25000", "9" * 40)), "min_budget 9999"),
    "bool-weeks": (with_tier2(TIER2.replace("weeks: 6", "weeks: yes")), "lead_time_weeks True"),
    "huge-weeks": (with_tier2(TIER2.replace("weeks: 6", "weeks: 10000000")), "lead_time_weeks"),
    "float-channels": (with_tier2(TIER2.replace("channels: 2", "channels: 2.5")), "min_channels"),
    "list-approver": (with_tier2(TIER2.replace("Marketing Director", "[a, b]")), "approver"),
    "unknown-key": (with_tier2(TIER2.replace("min_channels", "min_chanels")), "'min_chanels'"),
    "repeated-key": (
        with_tier2(TIER2.replace("min_budget: 25000", "min_budget: 25000, min_budget: 1")),
        "min_budget is given twice",
    ),
    "repeated-tier": (with_tier2(TIER2 + "\n" + TIER2), "tier 2 is given twice|given twice"),
    "bool-tier": (with_tier2(TIER2.replace("  2:", "  true:")), "unknown tier True"),
    "missing-tier": (with_tier2(""), "tier 2 is missing"),
    "unordered-bands": (with_tier2(TIER2.replace("25000", "200000")), "bands overlap"),
}


@pytest.mark.parametrize(("text", "problem"), CASES.values(), ids=CASES.keys())
async def test_a_policy_with_a_wrong_value_is_refused_at_its_line(
    db: Database, kb: KnowledgeService, text: str, problem: str
) -> None:
    with pytest.raises(DocumentError) as refused:
        await kb.ingest_upload("campaign-tiers.md", text.encode(), None)
    message = str(refused.value)
    assert re.search(problem, message), message
    line = (
        LINE2 + 1
        if problem.startswith("tier 2 is given")
        else LINE2 - 1
        if "missing" in problem
        else LINE2
    )
    assert f"campaign-tiers.md, line {line}:" in message, message
    await policy_unchanged(db)


async def test_each_refusal_names_the_line_of_the_key_at_fault(kb: KnowledgeService) -> None:
    text, _ = CASES["string-budget"]
    with pytest.raises(
        DocumentError, match=rf"campaign-tiers.md, line {LINE2}: tier 2: min_budget"
    ):
        await kb.ingest_upload("campaign-tiers.md", text.encode(), None)


async def test_two_policy_blocks_in_one_file_are_refused(
    db: Database, kb: KnowledgeService
) -> None:
    policy = bundled_policy()
    block = policy[
        policy.index("```yaml tier-policy") : policy.index("```\n", policy.index("currency")) + 4
    ]
    second = policy + "\n\n## Older policy\n\n" + block.replace("25000", "50000")
    second_line = second.count("\n", 0, second.rindex("```yaml tier-policy")) + 1
    with pytest.raises(DocumentError, match=rf"line {second_line}: a second tier-policy block"):
        await kb.ingest_upload("campaign-tiers.md", second.encode(), None)
    await policy_unchanged(db)


async def test_two_yaml_documents_in_one_block_are_refused(
    db: Database, kb: KnowledgeService
) -> None:
    text = bundled_policy().replace("currency: USD\n", "currency: USD\n---\ncurrency: EUR\n", 1)
    with pytest.raises(DocumentError, match="two YAML documents"):
        await kb.ingest_upload("campaign-tiers.md", text.encode(), None)
    await policy_unchanged(db)


async def test_an_unclosed_policy_block_is_refused_not_stored_as_prose(
    db: Database, kb: KnowledgeService
) -> None:
    text = bundled_policy().replace("currency: USD\n```", "currency: USD\n", 1)
    with pytest.raises(DocumentError, match="not closed"):
        await kb.ingest_upload("campaign-tiers.md", text.encode(), None)
    await policy_unchanged(db)


async def test_a_policy_that_is_not_utf8_is_refused_at_the_line_of_the_bad_byte(
    db: Database, kb: KnowledgeService
) -> None:
    text = with_tier2(TIER2.replace("Marketing Director", "Directeur March\xe9")).encode("cp1252")
    with pytest.raises(DocumentError, match=rf"line {LINE2}: the file is not UTF-8"):
        await kb.ingest_upload("campaign-tiers.md", text, None)
    await policy_unchanged(db)


async def test_the_bundled_policy_and_a_utf8_accent_are_accepted(kb: KnowledgeService) -> None:
    text = with_tier2(TIER2.replace("Marketing Director", "Directeur Marché"))
    await kb.ingest_upload("campaign-tiers.md", text.encode(), None)


ROW = "| Draft copy | Copywriter | 20 | 3 |\n"
CHECKLIST_CASES = {
    "repeated-task": ((ROW, ROW), "listed twice"),
    "empty-owner": (("| Draft copy |  | 20 | 3 |\n",), "owner role"),
}


@pytest.mark.parametrize(("rows", "problem"), CHECKLIST_CASES.values(), ids=CHECKLIST_CASES.keys())
async def test_a_checklist_with_a_wrong_row_is_refused(
    db: Database, kb: KnowledgeService, rows: tuple[str, ...], problem: str
) -> None:
    with pytest.raises(DocumentError, match=rf"line \d+: .*{problem}"):
        await kb.ingest_upload("email.md", checklist(*rows), None)
    await checklist_unchanged(db)


async def test_a_second_checklist_or_a_non_utf8_one_is_refused(
    db: Database, kb: KnowledgeService
) -> None:
    two = (
        checklist(ROW)
        + b"\n## Task Checklist\n\n| Task | Owner | S | D |\n| - | - | - | - |\n"
        + ROW.encode()
    )
    with pytest.raises(DocumentError, match="a second Task Checklist"):
        await kb.ingest_upload("email.md", two, None)
    latin = checklist(ROW.replace("Draft", "R\xe9vision")).replace(b"\xc3\xa9", b"\xe9")
    with pytest.raises(DocumentError, match="not UTF-8"):
        await kb.ingest_upload("email.md", latin, None)
    odd = checklist(ROW).replace(b"campaign_type: email", b"campaign_type: [email, x]")
    with pytest.raises(DocumentError, match="campaign_type"):
        await kb.ingest_upload("email.md", odd, None)
    await checklist_unchanged(db)


async def checklist_unchanged(db: Database) -> None:
    async with db.read() as session:
        rules = await current_rules(session)
    assert rules.checklist_sources["email"].version == 1
