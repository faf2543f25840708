"""Every bundled document agrees with the tier policy on budgets, lead times and approvers.

The policy is the one `mcc.campaigns.tiers` decides tiers with (the bundled playbook's
```yaml tier-policy``` block). Each bundled Markdown file is scanned for what it states about a tier
(`tier_claims`); a statement that disagrees fails with the file and line, so an edit that
contradicts the policy, in any document, fails CI. The mutation tests prove the scan catches
each kind of contradiction in the real documents, not only in made-up text.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

import mcc.knowledge
from mcc.campaigns.tiers import TierPolicy, load_policy
from tests.knowledge.tier_claims import Claim, claims

CONTENT = Path(mcc.knowledge.__file__).parent / "content"
DOCUMENTS = sorted(CONTENT.rglob("*.md"))
POLICY = load_policy(None)  # what `tiers.py` classifies with when no admin file is configured


def contradictions(text: str, policy: TierPolicy = POLICY) -> list[Claim]:
    return [claim for claim in claims(text, policy) if claim.expected is not None]


def test_every_bundled_document_agrees_with_the_tier_policy() -> None:
    found = [
        f"{path.relative_to(CONTENT)}:{claim}"
        for path in DOCUMENTS
        for claim in contradictions(path.read_text("utf-8"))
    ]
    assert not found, "documents contradict the tier policy:\n" + "\n".join(found)


def test_the_scan_reads_the_tier_facts_of_every_document() -> None:
    """Guards the guard: a scan that silently stopped finding claims would pass everything."""
    assert len(DOCUMENTS) >= 30
    per_kind: Counter[str] = Counter()
    per_document: Counter[str] = Counter()
    for path in DOCUMENTS:
        for claim in claims(path.read_text("utf-8"), POLICY):
            per_kind[claim.kind] += 1
            per_document[path.name] += 1
    assert per_kind["budget"] >= 12
    assert per_kind["lead time"] >= 15
    assert per_kind["approver"] >= 9
    assert per_kind["channels"] >= 5
    assert {
        "campaign-tiers.md",
        "budget-and-approvals.md",
        "creative-review-process.md",
        "events-and-conferences.md",
        "paid-media.md",
        "account-based-marketing.md",
    } <= set(per_document)


def _edited(relative: str, old: str, new: str) -> tuple[str, int]:
    """A bundled document with one edit, and the line the edit is on."""
    text = (CONTENT / relative).read_text("utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {relative}"
    line = text[: text.index(old)].count("\n") + 1
    return text.replace(old, new), line


TIERS_MD = "playbooks/campaign-tiers.md"
EVENTS_MD = "playbooks/events-and-conferences.md"
CREATIVE_NOW = (
    "Creative review itself, from first concept to final sign-off, typically takes **three "
    "weeks** for a\nTier 1 campaign"
)
# The sentence this issue found cited as a lead time ("Tier 1 needs three weeks").
CREATIVE_BEFORE = (
    "A Tier 1 campaign typically needs **three weeks** from first concept to final sign-off"
)
EDITS = [
    (TIERS_MD, "Lead time of **6 weeks**", "Lead time of **4 weeks**", "lead time", 2),
    (TIERS_MD, "| Tier 1 | 12 weeks | 84 days", "| Tier 1 | 10 weeks | 84 days", "lead time", 1),
    (TIERS_MD, "| Tier 2 | 6 weeks | 42 days", "| Tier 2 | 6 weeks | 35 days", "lead time", 2),
    (TIERS_MD, "| Tier 3 | Marketing Manager |", "| Tier 3 | Marketing Director |", "approver", 3),
    (TIERS_MD, "$24,999 is Tier 3", "$25,000 is Tier 3", "budget", 3),
    (TIERS_MD, "is under\n$25,000**", "is under\n$30,000**", "budget", 3),
    (
        "guidelines/budget-and-approvals.md",
        "Marketing Director for Tier 2",
        "Marketing Manager for Tier 2",
        "approver",
        2,
    ),
    ("playbooks/paid-media.md", "$100,000 or more in a", "$75,000 or more in a", "budget", 1),
    (
        "playbooks/account-based-marketing.md",
        "four or more channels",
        "three or more channels",
        "channels",
        1,
    ),
    (
        EVENTS_MD,
        "| Tier 3 | 3 weeks | 6–8 weeks |",
        "| Tier 3 | 2 weeks | 6–8 weeks |",
        "lead time",
        3,
    ),
    (
        EVENTS_MD,
        "| Tier 2 | 6 weeks | 3–4 months |",
        "| Tier 2 | 6 weeks | 2–4 weeks |",
        "planning horizon",
        2,
    ),
    ("guidelines/creative-review-process.md", CREATIVE_NOW, CREATIVE_BEFORE, "lead time", 1),
    (
        "playbooks/webinars.md",
        "A webinar promoted through email alone is Tier 3.",
        "A webinar promoted through email alone is Tier 3, with a lead time of four weeks.",
        "lead time",
        3,
    ),
]


@pytest.mark.parametrize(("relative", "old", "new", "kind", "tier"), EDITS)
def test_an_edit_that_contradicts_the_policy_fails_with_its_line(
    relative: str, old: str, new: str, kind: str, tier: int
) -> None:
    text, line = _edited(relative, old, new)
    found = contradictions(text)
    assert [(c.kind, c.tier) for c in found] == [(kind, tier)], found
    assert found[0].line in {line, line + 1}  # the edit spans at most two wrapped lines


def test_the_prose_follows_the_policy_block() -> None:
    """The playbook's prose is checked against its own machine-readable block: changing the
    block without the prose (or the reverse) is caught, line by line."""
    text = (CONTENT / "playbooks/campaign-tiers.md").read_text("utf-8")
    changed = text.replace("lead_time_weeks: 6,", "lead_time_weeks: 8,")
    policy = TierPolicy.from_markdown(changed)
    found = contradictions(changed, policy)
    assert {(c.kind, c.tier) for c in found} == {("lead time", 2)}
    lines = changed.splitlines()
    assert all("6 weeks" in lines[c.line - 1] or "42 days" in lines[c.line - 1] for c in found)
    assert len(found) >= 3  # the Tier 2 section, the lead-time table's weeks and its days


def test_the_policy_gates_are_the_lead_time_table() -> None:
    """The days before launch the brief and the creative are due, which the assistant answers
    from the policy, are read from every row of the playbook's lead-time table."""
    text = (CONTENT / "playbooks" / "campaign-tiers.md").read_text("utf-8")
    rows = re.findall(
        r"^\| Tier (\d) \| (\d+) weeks \| (\d+) days before launch \| (\d+) days before launch \|$",
        text,
        re.MULTILINE,
    )
    assert len(rows) == 3
    for tier, weeks, brief, creative in rows:
        rule = POLICY.rules[int(tier)]
        assert (rule.lead_time_weeks, rule.brief_approved_days, rule.creative_final_days) == (
            int(weeks),
            int(brief),
            int(creative),
        )
