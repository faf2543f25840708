"""`mcc chat` (the assistant in a terminal) and `mcc agent eval` (scripted conversations).

`mcc chat` talks to the same service as the web chat, on the configured database (each turn opens
its own short units of work), so a conversation survives restarts (`--conversation ID` resumes
it). `mcc agent eval` runs scenario files on a throw-away SQLite database and reports the pass
rate per scenario and per file, and pass^k with `--runs k`; it exits 1 when any scenario fails.
"""

from __future__ import annotations

import asyncio
import contextlib
import tempfile
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markdown import Markdown
from rich.table import Table

from mcc.cli_support import (
    console,
    errors,
    load_settings,
    open_database,
    prepare_database,
    print_json,
    run,
)

if TYPE_CHECKING:  # pragma: no cover
    from mcc.config import Settings

agent_app = typer.Typer(
    help="The campaign assistant: evaluate scripted conversations.", no_args_is_help=True
)
QUIT = {"/quit", "/exit", "quit", "exit"}
PROMPT = "[bold cyan]you>[/bold cyan] "


def chat(
    conversation: Annotated[
        str | None, typer.Option(help="Resume this conversation (its id).")
    ] = None,
    user: Annotated[
        str | None, typer.Option(help="Act as this user (campaign owner); default: none.")
    ] = None,
) -> None:
    """Chat with the campaign assistant in the terminal (/quit or Ctrl-D to leave)."""
    from mcc.agent.deps import AssistantDeps, build_assistant
    from mcc.agent.tools import Identity
    from mcc.agent.views import TurnResult
    from mcc.conversations.service import parse_conversation_id
    from mcc.exceptions import MCCError

    settings = load_settings()
    run(lambda: prepare_database(settings, always_upgrade=False))
    current: uuid.UUID | None = parse_conversation_id(conversation) if conversation else None
    identity = Identity(user)
    engine = f"LLM {settings.llm_model}" if settings.llm_model else "offline rules engine"
    console.print(f"[bold]Campaign assistant[/bold] ({engine}). /quit to leave.", highlight=False)

    async def conversation_loop(current: uuid.UUID | None) -> uuid.UUID | None:
        """One event loop, database and knowledge index for the whole chat, like the app's:
        answers come from the knowledge base (`mcc kb ingest`), not a copy of the bundle."""
        import httpx

        from mcc.knowledge.runtime import build_embedder
        from mcc.knowledge.service import KnowledgeIndex, KnowledgeService
        from mcc.sync.runtime import build_backend

        async with open_database(settings) as database:
            knowledge = KnowledgeService(
                database, KnowledgeIndex(database, build_embedder(settings))
            )
            async with httpx.AsyncClient(timeout=settings.workfront_timeout_seconds) as http:
                backend = build_backend(settings, http, database)
                if settings.knowledge_load_bundled and await knowledge.is_new():
                    await knowledge.load_bundled()  # what a first start of the app does

                async def reply(text: str, current: uuid.UUID | None) -> TurnResult:
                    deps = AssistantDeps(
                        database, settings, identity, knowledge=knowledge, backend=backend
                    )
                    service = build_assistant(deps)
                    return await service.send_message(current, text, emit=show)

                while True:
                    try:
                        text = await asyncio.to_thread(
                            console.input, "[bold cyan]you>[/bold cyan] "
                        )
                    except (EOFError, KeyboardInterrupt):
                        break
                    if text.strip().lower() in QUIT:
                        break
                    if not text.strip():
                        continue
                    console.print("[bold green]assistant>[/bold green] ", end="")
                    try:
                        result = await reply(text, current)
                    except MCCError as error:  # the conversation goes on
                        errors.print(f"\n{error.message}", highlight=False, markup=False)
                        continue
                    console.print()
                    current = result.conversation_id
        return current

    async def show(chunk: str) -> None:
        console.print(chunk, end="", highlight=False, markup=False)

    with contextlib.suppress(KeyboardInterrupt):
        current = asyncio.run(conversation_loop(current))
    if current is not None:
        console.print(f"Conversation {current} (resume with --conversation {current})")


def build_minilm(settings: Settings) -> None:
    """Build the local MiniLM before a run, once per machine, as a server's first knowledge index
    does a minute into its first start: a run measures the assistant as it reads from then on
    (with the embeddings' act classifier and the contextual span tagger), not the first minutes
    of a new installation, whatever the machine ran before (`MCC_EMBEDDER=none`: never)."""
    from mcc.agent.acts import embedded
    from mcc.config import EmbedderKind
    from mcc.exceptions import MCCError

    if settings.embedder is EmbedderKind.NONE:
        return
    unbuilt = embedded.unbuilt_embedder()
    if unbuilt is None:
        return
    errors.print("Building the local MiniLM (once per machine, about 15 s)...", highlight=False)
    try:
        unbuilt.embed_query("warm up")
    except MCCError as error:  # the run goes on with the n-gram and lexical readers
        errors.print(f"[yellow]MiniLM not built:[/yellow] {error.message}", highlight=False)


@agent_app.command("eval")
def evaluate(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Scenario YAML files, or folders of them.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    runs: Annotated[int, typer.Option(min=1, max=20, help="Run each scenario N times.")] = 1,
    engine: Annotated[
        str,
        typer.Option(
            help="rules (offline, the default) or llm (the configured MCC_LLM_MODEL; real calls)."
        ),
    ] = "rules",
) -> None:
    """Run scripted conversations (default: the bundled scenarios) and report pass rates per
    scenario and per file (set); with --runs K also pass^K, the share passing all K runs."""
    from mcc import migrations
    from mcc.agent import clauses, instructions, minilm_readers, span_tagger
    from mcc.agent.evaluation import bundled_files, load, run_all, scenario_files, summarize
    from mcc.agent.safety import KINDS
    from mcc.agent.service import runtime_for
    from mcc.db import create_engine
    from mcc.exceptions import MCCError

    settings = load_settings()
    if engine not in {"rules", "llm"}:
        errors.print("[red]error:[/red] --engine is rules or llm", highlight=False)
        raise typer.Exit(2)
    if engine == "llm" and not settings.llm_model:
        errors.print(
            "[red]error:[/red] --engine llm needs MCC_LLM_MODEL (and its key) configured",
            highlight=False,
        )
        raise typer.Exit(2)
    if engine == "rules":
        settings = settings.model_copy(update={"llm_model": None})
    try:
        paths = scenario_files(files) if files else bundled_files()
        scenarios = [s for path in paths for s in load(path)]
    except MCCError as error:
        errors.print(f"[red]error:[/red] {error.message}", highlight=False)
        raise typer.Exit(1) from None

    async def action() -> list[dict[str, Any]]:
        with tempfile.TemporaryDirectory() as folder:
            engine = create_engine(f"sqlite+aiosqlite:///{Path(folder) / 'eval.db'}")
            try:
                await migrations.upgrade(engine)
                report: dict[str, dict[str, Any]] = {}
                build_minilm(settings)
                runtime = runtime_for(settings)
                # A run reads every turn the same way: with the clause tagger, never before it.
                clauses.warm_up(cache=settings.data_dir)
                instructions.warm_up(cache=settings.data_dir)  # and the instruction detector
                span_tagger.warm_up(cache=settings.data_dir)
                if "loading" in minilm_readers.states().values():
                    errors.print(
                        "Loading the readers that use MiniLM (trained once per machine: a few"
                        " minutes the first time)...",
                        highlight=False,
                    )
                minilm_readers.wait_all()  # and with every reader that uses MiniLM, where built
                for _ in range(runs):
                    for result in await run_all(engine, scenarios, settings, runtime):
                        row = report.setdefault(
                            f"{result.source}: {result.name}",
                            {
                                "scenario": result.name,
                                "file": result.source,
                                "runs": 0,
                                "passed": 0,
                                "failures": [],
                                "latencies": [],
                                "safety": dict.fromkeys(KINDS, 0),
                            },
                        )
                        for kind, count in result.safety.items():
                            row["safety"][kind] += count
                        row["runs"] += 1
                        row["passed"] += result.passed
                        row["failures"] = sorted(set(row["failures"]) | set(result.failures))
                        row["latencies"] += result.latencies
                return list(report.values())
            finally:
                await engine.dispose()

    rows = run(action)
    summary, sets, folders = summarize(rows, runs)
    passed, total = summary["passed"], summary["runs"]
    if as_json:
        print_json({"summary": summary, "folders": folders, "sets": sets, "scenarios": rows})
    else:
        table = Table("Scenario", "File", "Pass rate", "Failures")
        for row in rows:
            rate = f"{row['passed']}/{row['runs']}"
            table.add_row(row["scenario"], row["file"], rate, "\n".join(row["failures"][:3]))
        console.print(table)
        by_set = Table("Set", "Scenarios", "Pass rate", f"pass^{runs}")
        for item in sets:
            by_set.add_row(
                item["file"],
                str(item["scenarios"]),
                f"{item['passed']}/{item['runs']} ({item['passRate']:.1%})",
                f"{item['passAllRuns']}/{item['scenarios']} ({item['passK']:.1%})",
            )
        console.print(by_set)
        by_folder = Table("Folder", "Scenarios", "Pass rate", f"pass^{runs}", *KINDS)
        for item in folders:
            by_folder.add_row(
                item["folder"],
                str(item["scenarios"]),
                f"{item['passed']}/{item['runs']} ({item['passRate']:.1%})",
                f"{item['passAllRuns']}/{item['scenarios']} ({item['passK']:.1%})",
                *(str(item["safety"][kind]) for kind in KINDS),
            )
        console.print(by_folder)
        latency = summary["turnLatencyMs"]
        safety = ", ".join(f"{count} {kind}" for kind, count in summary["safety"].items())
        console.print(
            Markdown(
                f"**{passed}/{total} passed** ({summary['passRate']:.1%}) over "
                f"{summary['scenarios']} scenarios"
                + (
                    f"; pass^{runs} {summary['passAllRuns']}/{summary['scenarios']} "
                    f"({summary['passK']:.1%})"
                    if runs > 1
                    else ""
                )
                + f"; turn latency p50 {latency['p50']} ms, p95 {latency['p95']} ms"
                + f"; safety: {safety}"
            )
        )
    if passed != total:
        raise typer.Exit(1)


__all__ = ["agent_app", "chat"]
