"""A knowledge base holding the bundled playbooks, and a changed tier policy to upload."""

from __future__ import annotations

import re

import pytest

from mcc.db import Database
from mcc.knowledge.service import KnowledgeIndex, KnowledgeService, bundled_content
from tests.sync.conftest import (  # noqa: F401  (the emulator over real HTTP, as sync uses it)
    emulator,
    emulator_server,
    http,
    sync_settings,
    workfront,
)


@pytest.fixture
async def kb(db: Database) -> KnowledgeService:
    service = KnowledgeService(db, KnowledgeIndex(db, None))
    await service.load_bundled()
    return service


def bundled_policy() -> str:
    return (bundled_content() / "playbooks" / "campaign-tiers.md").read_text("utf-8")


def changed_policy(tier2_floor: int = 50000, *, title: str = "Campaign Tier Definitions") -> bytes:
    """The bundled playbook with Tier 2 starting at `tier2_floor` instead of 25,000."""
    text = re.sub(r"(2: \{min_budget: )25000", rf"\g<1>{tier2_floor}", bundled_policy())
    return text.replace("title: Campaign Tier Definitions", f"title: {title}").encode()
