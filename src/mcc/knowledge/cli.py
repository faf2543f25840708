"""`mcc kb …`: ingest, search, list, show, remove and evaluate the knowledge base."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractContextManager, asynccontextmanager, nullcontext
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from mcc.audit.schemas import Actor, AuditSource
from mcc.cli_support import console, errors, open_database, run
from mcc.cli_support import load_settings as _settings
from mcc.config import Settings
from mcc.terminal import plain, safe

T = TypeVar("T")
kb_app = typer.Typer(help="Knowledge base: ingest, search, status, list, show, remove, eval.",
                     no_args_is_help=True)  # fmt: skip
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def _run(action: Callable[[], Awaitable[T]]) -> T:
    """Like every command: our errors are one line; so are a busy or unreachable database and
    an unreadable file, the failures a knowledge command can expect (never a traceback)."""
    from sqlalchemy.exc import SQLAlchemyError

    try:
        return run(action)
    except (SQLAlchemyError, OSError) as error:
        detail = " ".join(str(getattr(error, "orig", None) or error).split())[:200]
        if "locked" in detail or "busy" in detail:
            message = "the database is busy (another process holds its lock); try again shortly"
        elif isinstance(error, SQLAlchemyError):
            message = f"the database can't be used right now ({detail})"
        else:
            message = detail or type(error).__name__
        errors.print(f"[red]error:[/red] {safe(message)}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None


@asynccontextmanager
async def _service(settings: Settings) -> AsyncIterator[Any]:
    from mcc.knowledge.runtime import apply_parse_limits, build_embedder
    from mcc.knowledge.service import KnowledgeIndex, KnowledgeService

    apply_parse_limits(settings)
    async with open_database(settings) as database:
        yield KnowledgeService(database, KnowledgeIndex(database, build_embedder(settings)))


def _progress_bar() -> tuple[AbstractContextManager[Any], Callable[[str, int, int], None]]:
    """A Rich bar for long work (embedding), with its passages/s; silent off a terminal."""
    if not console.is_terminal:
        return nullcontext(), lambda _stage, _done, _total: None
    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[rate]}"), TimeRemainingColumn(), console=console,
                   transient=True)  # fmt: skip
    tasks: dict[str, Any] = {}
    started: dict[str, float] = {}

    def update(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(stage.capitalize(), total=total, rate="")
            started[stage] = time.perf_counter()
        elapsed = time.perf_counter() - started[stage]
        rate = f"{done / elapsed:.0f} passages/s" if stage == "embed" and done and elapsed else ""
        bar.update(tasks[stage], completed=done, total=total, rate=rate)

    return bar, update


@kb_app.command("ingest")
def ingest(
    paths: Annotated[
        list[Path], typer.Argument(help="Files or folders (folders map to categories).")
    ],
    category: Annotated[
        str | None, typer.Option(help="Put every document in this category.")
    ] = None,
    keep_missing: Annotated[bool, typer.Option(help="Keep documents gone from a folder.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Add or update documents: only changed files are re-indexed; bad files never stop the rest."""
    settings = _settings()
    bar, progress = _progress_bar()

    async def action() -> list[dict[str, Any]]:
        reports = []
        async with _service(settings) as service:
            for path in paths:
                report = await service.ingest_path(
                    path, category=category, prune=not keep_missing, progress=progress,
                    actor=Actor(AuditSource.CLI),
                )  # fmt: skip
                reports.append({"path": str(path), "added": report.added, "changed": report.changed,
                                "unchanged": report.unchanged, "removed": report.removed,
                                "problems": [vars(p) for p in report.problems]})  # fmt: skip
            # Embed now, with the progress bar, so that searches (and restarts) don't have to.
            await service.index.index(progress)
        return reports

    with bar:
        reports = _run(action)
    if as_json:
        typer.echo(json.dumps(reports, indent=2))
    for report in [] if as_json else reports:
        counts = ", ".join(
            f"{len(report[k])} {k}" for k in ("added", "changed", "unchanged", "removed")
        )
        console.print(f"[bold]{safe(report['path'])}[/bold]: {counts}", highlight=False)
        for problem in report["problems"]:
            console.print(f"  [red]skipped[/red] {safe(problem['message'])}", highlight=False)
    if any(report["problems"] for report in reports):
        raise typer.Exit(1)


@kb_app.command("search")
def search(
    question: Annotated[str, typer.Argument(help="What you want to know.")],
    k: Annotated[int, typer.Option("--k", help="How many passages (1-50).")] = 5,
    category: Annotated[str | None, typer.Option(help="Only this category.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Ranked passages with scores, snippets and citations."""
    settings = _settings()

    async def action() -> tuple[list[dict[str, Any]], str]:
        async with _service(settings) as service:
            hits = await service.search(question, k, category)
            return [_hit_json(hit) for hit in hits], service.index.dense_status

    hits, dense = _run(action)
    if as_json:
        typer.echo(json.dumps({"hits": hits, "dense": dense}, indent=2))
        return
    if not hits:
        console.print("Nothing in the knowledge base matches that.")
    for hit in hits:
        console.print(f"[bold]{hit['rank']}. {safe(hit['citation'])}[/bold]  ({hit['score']:.3f})",
                      highlight=False)  # fmt: skip
        console.print(f"   {safe(hit['snippet'])}", highlight=False)
        console.print(f"   [dim]{safe(hit['path'])} · {hit['version']}[/dim]", highlight=False)
    if not dense.startswith("available"):
        console.print(f"[yellow]Dense retrieval {dense}[/yellow]", highlight=False)


@kb_app.command("status")
def status(as_json: JsonOption = False) -> None:
    """The index's state: documents, passages, whether semantic search is on (this builds the
    index as a server start does, embedding only what has no stored vectors yet)."""
    settings = _settings()
    bar, progress = _progress_bar()

    async def action() -> Any:
        async with _service(settings) as service:
            return await service.index.try_build(progress)

    with bar:
        state = _run(action)
    if as_json:
        typer.echo(json.dumps(state.as_json(), indent=2))
    else:
        colour = {"ready": "green", "building": "yellow", "failed": "red"}[state.status]
        console.print(f"[{colour}]{state.status}[/{colour}] {safe(state.describe())}",
                      highlight=False)  # fmt: skip
    if state.status != "ready":
        raise typer.Exit(1)


def _hit_json(hit: Any) -> dict[str, Any]:
    citation = hit.citation
    return {
        "rank": hit.rank, "score": hit.score, "citation": citation.label, "title": citation.title,
        "section": citation.section, "path": citation.path or citation.doc_id,
        "version": citation.version, "category": hit.document.category, "snippet": hit.snippet,
        "mode": hit.mode,
    }  # fmt: skip


@kb_app.command("list")
def list_documents(
    category: Annotated[str | None, typer.Option(help="Only this category.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Documents by category, with their version."""
    settings = _settings()

    async def action() -> list[dict[str, Any]]:
        async with _service(settings) as service:
            return [
                {"key": d.key, "title": d.title, "category": d.category, "version": d.version,
                 "updatedAt": d.updated_at.isoformat(), "bytes": d.size_bytes}
                for d in await service.documents(category)
            ]  # fmt: skip

    rows = _run(action)
    if as_json:
        typer.echo(json.dumps(rows, indent=2))
        return
    table = Table("Category", "Document", "Title", "Version", "Updated")
    for row in rows:
        cells = (safe(row["category"]), safe(row["key"]), safe(row["title"]))
        table.add_row(*cells, str(row["version"]), row["updatedAt"][:16])
    console.print(table if rows else "The knowledge base is empty: `mcc kb ingest FOLDER`.")


@kb_app.command("show")
def show(
    key: Annotated[str, typer.Argument(help="The document's key (see `mcc kb list`).")],
    as_json: JsonOption = False,
) -> None:
    """One document with its version history."""
    settings = _settings()

    async def action() -> dict[str, Any]:
        async with _service(settings) as service:
            document, versions = await service.show(key)
            return {
                "key": document.key, "title": document.title, "category": document.category,
                "version": document.version, "source": document.source, "text": document.text,
                "history": [{"version": v.version, "change": v.change,
                             "at": v.created_at.isoformat()} for v in versions],
            }  # fmt: skip

    data = _run(action)
    if as_json:
        typer.echo(json.dumps(data, indent=2))
        return
    where = f"{safe(data['key'])}, {safe(data['category'])}, version {data['version']}"
    console.print(f"[bold]{safe(data['title'])}[/bold] ({where})", highlight=False)
    for entry in data["history"]:
        console.print(
            f"  v{entry['version']} {entry['change']} {entry['at'][:16]}", highlight=False
        )
    console.print(plain(data["text"]), highlight=False, markup=False)


@kb_app.command("remove")
def remove(key: Annotated[str, typer.Argument(help="The document's key.")]) -> None:
    """Remove a document from search (its history is kept)."""
    settings = _settings()

    async def action() -> None:
        async with _service(settings) as service:
            await service.remove(key, Actor(AuditSource.CLI))

    _run(action)
    console.print(f"Removed {safe(key)}.", highlight=False)


@kb_app.command("eval")
def evaluate(
    corpus: Annotated[Path, typer.Option(help="BEIR corpus.jsonl or a folder of documents.")],
    queries: Annotated[Path, typer.Option(help="BEIR queries.jsonl.")],
    qrels: Annotated[Path, typer.Option(help="BEIR qrels TSV with a header.")],
    mode: Annotated[str, typer.Option(help="bm25, dense, hybrid or all.")] = "all",
    as_json: JsonOption = False,
) -> None:
    """Measure retrieval on any BEIR-format dataset (a throw-away index; yours is untouched)."""
    from mcc.knowledge.evaluation import run_evaluation

    modes = ("bm25", "dense", "hybrid") if mode == "all" else (mode,)
    if any(m not in ("bm25", "dense", "hybrid") for m in modes):
        console.print(f"[red]error:[/red] unknown mode {mode!r}: use bm25, dense, hybrid or all")
        raise typer.Exit(2)
    for path in (corpus, queries, qrels):
        if not path.exists():
            console.print(f"[red]error:[/red] {path} does not exist", highlight=False)
            raise typer.Exit(2)
    bar, progress = _progress_bar()
    with bar:
        results = run_evaluation(corpus, queries, qrels, modes, progress)  # type: ignore[arg-type]
    if as_json:
        typer.echo(json.dumps(results, indent=2))
        return
    columns = ["ndcg@10", "recall@1", "recall@5", "recall@10", "recall@100", "mrr@10"]
    title = f"{results[0]['docs']} documents, {results[0]['queries']} queries"
    table = Table("Mode", *columns, "Index s", "Query ms p50", "p95", title=title)
    for row in results:
        table.add_row(str(row["mode"]), *(f"{float(row[c]):.3f}" for c in columns),
                      f"{float(row['index_seconds']):.1f}", f"{float(row['query_ms_p50']):.1f}",
                      f"{float(row['query_ms_p95']):.1f}")  # fmt: skip
    console.print(table)
