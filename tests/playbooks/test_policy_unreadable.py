"""Sweep of 2 December (issue 15, findings F1 and F8): tier policies PyYAML cannot turn into
values, and policies built to make its scanner crawl. Each is refused at upload with a line, never
an internal error nor minutes of CPU, and the policy in force stays."""

from __future__ import annotations

import time

import pytest

from mcc.db import Database
from mcc.knowledge.parsing import DocumentError
from mcc.knowledge.service import KnowledgeService
from tests.playbooks.conftest import bundled_policy
from tests.playbooks.test_policy_strictness import LINE2, TIER2, checklist_unchanged, with_tier2
from tests.playbooks.test_sweep_regressions import checklist, policy_unchanged

UNREADABLE = {
    "python-tag-key": with_tier2(TIER2 + "\n  !!python/name:os.system : 1"),
    "merge-key": with_tier2(TIER2.replace("{min_budget: 25000,", "{<<: {min_budget: 25000},")),
    "unknown-tag": with_tier2(TIER2.replace("25000", "!foo 25000")),
    "5000-digits": with_tier2(TIER2.replace("25000", "9" * 5000)),
    "impossible-date": with_tier2(TIER2.replace("25000", "2001-13-45")),
    "tagged-timestamp": with_tier2(TIER2.replace("Marketing Director", "!!timestamp 2001-99-99")),
    "tagged-float": with_tier2(TIER2.replace("25000", "!!float abc")),
    "tagged-int": with_tier2(TIER2.replace("25000", "!!int abc")),
}


@pytest.mark.parametrize("text", UNREADABLE.values(), ids=UNREADABLE.keys())
async def test_a_value_yaml_cannot_build_is_refused_with_a_line(
    db: Database, kb: KnowledgeService, text: str
) -> None:
    with pytest.raises(DocumentError, match=r"campaign-tiers\.md, line \d+: ") as refused:
        await kb.ingest_upload("campaign-tiers.md", text.encode(), None)
    assert "line" in str(refused.value)
    await policy_unchanged(db)


async def test_a_value_refusal_points_at_the_tier_line(kb: KnowledgeService) -> None:
    with pytest.raises(DocumentError, match=rf"line {LINE2}: "):
        await kb.ingest_upload("campaign-tiers.md", UNREADABLE["tagged-float"].encode(), None)


@pytest.mark.parametrize(
    ("inside", "problem"),
    [
        ("x: " + "[" * 400_000 + "]" * 400_000 + "\n", "longer than"),
        ("x: " + "[" * 20_000 + "]" * 20_000 + "\n", "nested too deeply"),
        ("x: " + "{a: " * 30 + "1" + "}" * 30 + "\n", "nested too deeply"),
        ("# a comment line\n" * 5_000, "longer than"),
    ],
    ids=["800k-of-brackets", "20k-brackets", "30-mappings", "85k-of-comments"],
)
async def test_a_policy_built_to_make_the_parser_crawl_is_refused_at_once(
    db: Database, kb: KnowledgeService, inside: str, problem: str
) -> None:
    text = bundled_policy().replace("```yaml tier-policy\n", "```yaml tier-policy\n" + inside, 1)
    started = time.process_time()
    with pytest.raises(DocumentError, match=problem):
        await kb.ingest_upload("campaign-tiers.md", text.encode(), None)
    # CPU, not wall time: the refusal comes before PyYAML reads the block (it used to take
    # minutes of one core); the whole upload, parsing and storing included, is a fraction of it.
    assert time.process_time() - started < 5
    await policy_unchanged(db)


LENIENT = {  # sweep F2: YAML reads each of these as a value no one writing a policy means
    "base-60-weeks": (with_tier2(TIER2.replace("weeks: 6", "weeks: 1:30")), "lead_time_weeks"),
    "hex-channels": (with_tier2(TIER2.replace("channels: 2", "channels: 0x2")), "min_channels"),
    "tagged-quoted-budget": (with_tier2(TIER2.replace("25000", "!!int '25000'")), "tags"),
    "nine-decimals": (with_tier2(TIER2.replace("25000", "25000.123456789")), "min_budget"),
    "null-role": (
        with_tier2(TIER2.replace("min_channels: 2}", "min_channels: 2, approver_role: ~}")),
        "approver_role",
    ),
    "arabic-indic-weeks": (with_tier2(TIER2.replace("weeks: 6", "weeks: ٦")), "lead_time_weeks"),
}  # fmt: skip


@pytest.mark.parametrize(("text", "problem"), LENIENT.values(), ids=LENIENT.keys())
async def test_what_yaml_is_lenient_about_is_refused_at_the_line(
    db: Database, kb: KnowledgeService, text: str, problem: str
) -> None:
    with pytest.raises(DocumentError, match=rf"line {LINE2}: .*{problem}"):
        await kb.ingest_upload("campaign-tiers.md", text.encode(), None)
    await policy_unchanged(db)


@pytest.mark.parametrize("days", ["２１", "٢"])
async def test_a_checklist_day_in_other_digits_is_refused(
    db: Database, kb: KnowledgeService, days: str
) -> None:
    row = f"| Draft copy | Copywriter | {days} | 3 |\n"
    with pytest.raises(DocumentError, match="not a whole number of days"):
        await kb.ingest_upload("email.md", checklist(row), None)
    await checklist_unchanged(db)
