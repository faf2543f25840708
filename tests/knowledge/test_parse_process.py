"""A large upload is parsed in a bounded child process: the server's event loop (and `/healthz`)
keeps answering meanwhile, the child's result or error arrives as if parsed here, and running
past its time or memory is a clear refusal, not a stuck or dead server."""

from __future__ import annotations

import asyncio
import weakref

import httpx
import pytest

from mcc.app import create_app
from mcc.config import Settings
from mcc.db import Database
from mcc.knowledge import parse_process
from mcc.knowledge.parse_process import (
    CHILD_FROM_BYTES,
    ParsingBusyError,
    UploadAbandonedError,
    parse_upload,
)
from mcc.knowledge.parsing import (
    DocumentTooLargeError,
    ParsedDocument,
    UnreadableDocumentError,
    parse_bytes,
)
from mcc.knowledge.service import KnowledgeIndex, KnowledgeService
from tests.knowledge.conftest import HashingEmbedder
from tests.knowledge.test_parsing import pdf_of
from tests.support.graphql import upload_document
from tests.support.live import eventually_async

RARE = "quillwort"


def big_pdf(pages: int = 80) -> bytes:
    """A valid PDF of `pages` pages of prose, built by hand (`pdf_of`), the rare word on
    the last page: about 400 KB, seconds of pypdf."""
    line = "Campaign owners review the brief with the channel leads before the launch date"
    page_numbers = [4 + 2 * n for n in range(pages)]  # 1 catalog, 2 pages, 3 font
    kids = " ".join(f"{number} 0 R" for number in page_numbers)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for n, number in enumerate(page_numbers):
        words = f"{line} {RARE}" if n == pages - 1 else line
        stream = " ".join(f"({words} {row}) Tj 0 -12 Td" for row in range(50))
        content = f"BT /F1 10 Tf 40 760 Td {stream} ET".encode()
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 3 0 R >> >> >>" % (number + 1))  # fmt: skip
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    return pdf_of(objects)


async def test_a_large_file_is_parsed_in_a_child_exactly_as_here() -> None:
    data = big_pdf()
    assert len(data) >= CHILD_FROM_BYTES
    before = parse_process.children_started
    document = await parse_upload(data, "uploads/handbook.pdf")
    assert parse_process.children_started == before + 1
    assert document == await asyncio.to_thread(parse_bytes, data, "uploads/handbook.pdf")


async def test_many_large_uploads_at_once_parse_at_most_the_cap_of_children_at_a_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _cap(monkeypatch, 2)
    monkeypatch.setattr(parse_process, "most_at_once", 0)
    body = ("Partners co-sell the launch with the field team. " * 6000).encode()
    assert len(body) >= CHILD_FROM_BYTES
    files = [(f"# Brief {n}\n\n".encode() + body, f"brief-{n}.md") for n in range(5)]
    documents = await asyncio.gather(*(parse_upload(data, name) for data, name in files))
    assert [document.title for document in documents] == [f"Brief {n}" for n in range(5)]
    assert parse_process.most_at_once == 2


async def test_a_small_file_is_parsed_in_a_thread() -> None:
    before = parse_process.children_started
    document = await parse_upload(b"# Brief\n\nShort text.\n", "brief.md")
    assert (document.title, parse_process.children_started) == ("Brief", before)


async def test_the_childs_document_error_is_raised_here_with_its_message() -> None:
    broken = b"%PDF-1.4\n" + b"garbage " * (CHILD_FROM_BYTES // 8)
    with pytest.raises(UnreadableDocumentError, match=r"broken\.pdf is not a readable PDF"):
        await parse_upload(broken, "broken.pdf")


async def test_a_parse_past_its_time_is_killed_and_refused_with_advice() -> None:
    with pytest.raises(DocumentTooLargeError, match=r"took more than .* split it"):
        await parse_upload(big_pdf(), "slow.pdf", seconds=0.001)


async def test_a_parse_past_its_memory_is_refused_with_advice() -> None:
    with pytest.raises(DocumentTooLargeError, match=r"needs more than 64 MB to read"):
        await parse_upload(big_pdf(), "huge.pdf", memory_bytes=64 * 1024 * 1024)


async def test_healthz_keeps_answering_while_a_big_pdf_is_parsed(
    db: Database, settings: Settings, auth_headers: dict[str, str]
) -> None:
    app = create_app(settings, database=db)
    kb = app.state.knowledge = KnowledgeService(db, KnowledgeIndex(db, HashingEmbedder()))
    await kb.load_bundled()
    await kb.index.index()
    before = parse_process.children_started
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://mcc.test", headers=auth_headers
    ) as client:
        upload = asyncio.create_task(upload_document(client, "handbook.pdf", big_pdf()))
        answered_while_parsing = 0
        while not upload.done():
            # A generous bound: a parse holding this process's GIL kept it for seconds.
            health = await asyncio.wait_for(client.get("/healthz"), 10)
            assert health.status_code == 200
            if parse_process.children_started > before and not upload.done():
                answered_while_parsing += 1
        body = await upload
    await kb.index.close()
    assert body["data"]["uploadKnowledgeDocument"]["added"] == ["uploads/handbook.pdf"]
    assert parse_process.children_started == before + 1
    assert answered_while_parsing > 0
    (hit,) = await kb.search(RARE, 1)
    assert hit.document.doc_id == "uploads/handbook.pdf"


async def test_an_upload_whose_client_left_kills_its_child_frees_its_slot_and_stores_nothing(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server does not cancel a request whose client disconnected: before, a closed tab kept
    its child parsing (one of the few slots) for up to two minutes, then stored the file."""
    import psutil

    _cap(monkeypatch, 1)
    kb = KnowledgeService(db, KnowledgeIndex(db, HashingEmbedder()))
    left = asyncio.Event()
    abandoned = asyncio.create_task(
        kb.ingest_upload("left.pdf", big_pdf(400), None, client_gone=left.wait)
    )

    async def parsing() -> bool:
        return parse_process._running == 1

    await eventually_async(parsing, timeout=30, message="the first upload's child")
    waiting = asyncio.create_task(kb.ingest_upload("stayed.pdf", big_pdf(), None))
    left.set()
    with pytest.raises(UploadAbandonedError, match=r"left\.pdf: the uploader disconnected"):
        await abandoned
    report = await waiting  # the freed slot let the other upload through
    await kb.index.close()
    assert report.added == ["uploads/stayed.pdf"]
    assert [d.key for d in await kb.documents("uploads")] == ["uploads/stayed.pdf"]
    assert not [
        child
        for child in psutil.Process().children(recursive=True)
        if "mcc.knowledge.parse_process" in child.cmdline()
    ]


async def test_past_the_queue_a_large_upload_is_refused_at_once_with_retry_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each waiting upload holds its whole file in memory: the queue has a length, and the
    upload past it hears "try again" at once instead of waiting minutes."""
    _cap(monkeypatch, 1)
    monkeypatch.setattr(parse_process, "QUEUED_AT_MOST", 1)
    parsing = await _holding_the_slot("first.pdf")
    queued = asyncio.create_task(parse_upload(big_pdf(), "second.pdf"))
    await eventually_async(_one_waiting, message="the second upload in the queue")
    with pytest.raises(ParsingBusyError, match=r"third\.pdf: 1 large uploads .* Try again") as busy:
        await parse_upload(big_pdf(), "third.pdf")
    assert busy.value.status_code == 503
    assert busy.value.headers == {"Retry-After": str(parse_process.RETRY_AFTER_SECONDS)}
    # GraphQL answers 200 with the error in its body: the wait is there too, not only in a header.
    assert busy.value.extensions() == {
        "code": "UNAVAILABLE",
        "retryAfter": parse_process.RETRY_AFTER_SECONDS,
    }
    first, second = await asyncio.gather(parsing, queued)  # the queue itself is served
    assert (first.title, second.title) == ("first", "second")


async def test_an_upload_that_waits_too_long_for_a_slot_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _cap(monkeypatch, 1)
    monkeypatch.setattr(parse_process, "SLOT_WAIT_SECONDS", 0.05)
    parsing = await _holding_the_slot("first.pdf")
    with pytest.raises(ParsingBusyError, match=r"late\.pdf: other large uploads kept"):
        await parse_upload(big_pdf(), "late.pdf")
    assert parse_process._waiting == 0
    assert (await parsing).title == "first"


def _cap(monkeypatch: pytest.MonkeyPatch, children: int) -> None:
    """At most `children` parses at a time, with fresh slots (the loop's semaphore, made at the
    first parse, would otherwise keep an earlier test's cap)."""
    monkeypatch.setattr(parse_process, "PARALLEL_CHILDREN", children)
    monkeypatch.setattr(parse_process, "_slots", weakref.WeakKeyDictionary())


async def _holding_the_slot(filename: str) -> asyncio.Task[ParsedDocument]:
    """A long parse (400 pages), once its child runs in the only slot."""
    parsing = asyncio.create_task(parse_upload(big_pdf(400), filename))

    async def running() -> bool:
        return parse_process._running == 1

    await eventually_async(running, timeout=30, message=f"{filename}'s child")
    return parsing


async def _one_waiting() -> bool:
    return parse_process._waiting == 1
