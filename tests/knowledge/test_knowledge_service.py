"""The knowledge base as a marketing-ops admin runs it: ingest, re-ingest, remove, search."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mcc.db import Database
from mcc.exceptions import NotFoundError, ValidationError
from mcc.knowledge.parsing import DocumentError
from mcc.knowledge.service import KnowledgeIndex, KnowledgeService, bundled_content
from tests.knowledge.conftest import HashingEmbedder

TIERS = """---
title: Campaign Tier Definitions
---
# Campaign Tier Definitions

## Tier 1 Campaigns
Budget of $100,000 or more. The VP of Marketing approves. Start 12 weeks ahead.

## Tier 3 Campaigns
Budget under $25,000. A Marketing Manager approves. Start 3 weeks ahead.
"""
EMAIL = """# Email Checklist

## QA
Send seed tests to every major inbox. Check links, unsubscribe and the physical address.
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "kb"
    (root / "playbooks").mkdir(parents=True)
    (root / "guidelines").mkdir()
    (root / "playbooks" / "tiers.md").write_text(TIERS)
    (root / "guidelines" / "email.md").write_text(EMAIL)
    return root


def service(db: Database, embedder: HashingEmbedder | None = None) -> KnowledgeService:
    return KnowledgeService(db, KnowledgeIndex(db, embedder))


async def test_reingesting_changes_only_what_changed_and_keeps_history(
    fresh_db: Database, folder: Path
) -> None:
    kb = service(fresh_db)
    first = await kb.ingest_path(folder)
    assert sorted(first.added) == ["guidelines/email.md", "playbooks/tiers.md"]

    again = await kb.ingest_path(folder)
    assert (again.added, again.changed, len(again.unchanged)) == ([], [], 2)

    (folder / "playbooks" / "tiers.md").write_text(TIERS.replace("12 weeks", "14 weeks"))
    (folder / "guidelines" / "email.md").unlink()
    third = await kb.ingest_path(folder)
    assert (third.changed, third.removed) == (["playbooks/tiers.md"], ["guidelines/email.md"])

    document, history = await kb.show("playbooks/tiers.md")
    assert document.version == 2
    assert "14 weeks" in document.text
    assert [(v.version, v.change) for v in history] == [(1, "added"), (2, "changed")]
    assert "12 weeks" in (history[0].text or "")
    with pytest.raises(NotFoundError):
        await kb.show("guidelines/email.md")
    assert [d.key for d in await kb.documents()] == ["playbooks/tiers.md"]
    assert [d.category for d in await kb.documents("playbooks")] == ["playbooks"]


async def test_bad_files_are_reported_and_the_rest_goes_on(
    fresh_db: Database, folder: Path
) -> None:
    (folder / "playbooks" / "empty.md").write_text("   \n")
    (folder / "playbooks" / "virus.exe").write_bytes(b"MZ\x90\x00")
    (folder / "playbooks" / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    (folder / ".hidden.md").write_text("# secret")
    report = await service(fresh_db).ingest_path(folder)
    assert sorted(report.added) == ["guidelines/email.md", "playbooks/tiers.md"]
    problems = {problem.path: problem.message for problem in report.problems}
    assert set(problems) == {"playbooks/empty.md", "playbooks/virus.exe", "playbooks/broken.pdf"}
    assert all(message for message in problems.values())


async def test_a_missing_path_and_bad_uploads_are_clear_errors(fresh_db: Database) -> None:
    kb = service(fresh_db)
    with pytest.raises(ValidationError, match="no such file"):
        await kb.ingest_path(Path("/nowhere/at/all"))
    with pytest.raises(DocumentError):
        await kb.ingest_upload("notes.md", b"", None)
    with pytest.raises(DocumentError):
        await kb.ingest_upload("payload.sh", b"rm -rf /", None)
    with pytest.raises(ValidationError, match="no file name"):
        await kb.ingest_upload("  ", b"# x", None)
    assert await kb.count() == 0


async def test_search_cites_the_section_and_filters_by_category(
    fresh_db: Database, folder: Path
) -> None:
    kb = service(fresh_db)
    await kb.ingest_path(folder)
    hits = await kb.search("who approves a budget of 100,000 or more", k=3)
    assert hits[0].citation.label == "Campaign Tier Definitions › Tier 1 Campaigns"
    assert "VP of Marketing" in hits[0].snippet
    assert hits[0].citation.version == "v1"
    filtered = await kb.search("seed tests", category="guidelines")
    assert filtered
    assert all(hit.document.category == "guidelines" for hit in filtered)
    assert await kb.search("xylophone quantum") == []
    for bad in ("", "   ", "x" * 2001):
        with pytest.raises(ValidationError):
            await kb.search(bad)
    with pytest.raises(ValidationError):
        await kb.search("tiers", k=0)


async def test_uploads_are_searchable_at_once(fresh_db: Database, folder: Path) -> None:
    kb = service(fresh_db)
    await kb.ingest_path(folder)
    await kb.search("warm up the index")  # built before the upload: updated in place
    report = await kb.ingest_upload("webinar-tips.md", b"# Webinar Tips\n\nRehearse twice.", None)
    assert report.added == ["uploads/webinar-tips.md"]
    (hit,) = await kb.search("rehearse", k=1)
    assert hit.citation.label == "Webinar Tips"
    await kb.remove("uploads/webinar-tips.md")
    assert await kb.search("rehearse") == []
    with pytest.raises(NotFoundError):
        await kb.remove("uploads/webinar-tips.md")


async def test_vectors_are_stored_so_a_restart_embeds_nothing(
    fresh_db: Database, folder: Path
) -> None:
    first = HashingEmbedder()
    kb = service(fresh_db, first)
    await kb.ingest_path(folder)
    await kb.index.index()
    assert first.embedded
    hits = await kb.search("who approves tier 1")
    assert hits[0].dense_score is not None

    restarted = HashingEmbedder()
    again = service(fresh_db, restarted)
    await again.search("who approves tier 1")
    assert restarted.embedded == []

    (folder / "guidelines" / "email.md").write_text(EMAIL + "\nAlso test dark mode.\n")
    await again.ingest_path(folder)
    await again.index.wait_for_vectors()  # embedded in the background, after the ingest answered
    assert 0 < len(restarted.embedded) < len(first.embedded)  # only the changed document


async def test_the_bundled_playbooks_load(fresh_db: Database) -> None:
    kb = service(fresh_db)
    report = await kb.load_bundled()
    expected = len(list(bundled_content().rglob("*.md")))
    assert len(report.added) == expected >= 25
    assert not report.problems
    assert {d.category for d in await kb.documents()} == {"playbooks", "guidelines", "templates"}


async def test_a_new_knowledge_base_stays_as_the_admin_left_it(fresh_db: Database) -> None:
    kb = service(fresh_db)
    assert await kb.is_new()
    await kb.load_bundled()
    for document in await kb.documents():
        await kb.remove(document.key)
    assert not await kb.is_new()  # a restart will not bring the bundled playbooks back


async def test_links_out_of_the_folder_and_special_files_are_reported_not_read(
    fresh_db: Database, folder: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash")
    (folder / "playbooks" / "passwd.txt").symlink_to(secret)
    (folder / "playbooks" / "gone.md").symlink_to(tmp_path / "missing.md")
    os.mkfifo(folder / "playbooks" / "pipe.md")
    report = await service(fresh_db).ingest_path(folder)
    assert sorted(report.added) == ["guidelines/email.md", "playbooks/tiers.md"]
    problems = {problem.path: problem.message for problem in report.problems}
    assert "outside the folder" in problems["playbooks/passwd.txt"]
    assert "not read" in problems["playbooks/gone.md"]
    assert "not a regular file" in problems["playbooks/pipe.md"]


async def test_strange_categories_are_refused(fresh_db: Database) -> None:
    kb = service(fresh_db)
    for category in ("../../etc", "x" * 51, "a/b"):
        with pytest.raises(DocumentError, match="category"):
            await kb.ingest_upload("notes.md", b"# Notes\n\ntext", category)
    assert await kb.count() == 0
