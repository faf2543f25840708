"""Knowledge pages: the bundled playbooks, guidelines and templates by category, each document
rendered, and a search box showing ranked passages with their citation.

Search goes through the assistant's `KnowledgeSearch` (BM25 over the bundled content, built on
first use), so the page ranks exactly what the assistant would cite. Documents are looked up
in the listing by name, never by joining user input onto a path.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from mcc.agent.knowledge import bundled_knowledge
from mcc.auth.deps import CurrentUserDep
from mcc.exceptions import NotFoundError
from mcc.knowledge.parsing import parse_file
from mcc.web.templating import render

router = APIRouter()
QUERY_MAX = 300
RESULTS = 8


@dataclass(frozen=True)
class Document:
    category: str
    slug: str
    title: str
    version: str
    path: Path

    @property
    def url(self) -> str:
        return f"/knowledge/{self.category}/{self.slug}"


@cache
def bundled_documents() -> dict[str, list[Document]]:
    """Documents by folder (category), read once per process: the bundle ships with the code."""
    root = Path(str(resources.files("mcc.knowledge") / "content"))
    groups: dict[str, list[Document]] = {}
    for path in sorted(root.rglob("*.md")):
        parsed = parse_file(path)
        category = path.parent.relative_to(root).as_posix()
        version = str(parsed.metadata.get("version", "")) or "bundled"
        groups.setdefault(category, []).append(
            Document(category, path.stem, parsed.title, version, path)
        )
    return groups


@dataclass(frozen=True)
class Result:
    title: str
    section: str
    snippet: str
    url: str


async def search(query: str) -> list[Result]:
    results = []
    for hit in await bundled_knowledge().search(query, k=RESULTS):
        path = Path(hit.document.path or "")
        url = f"/knowledge/{path.parent.as_posix()}/{path.stem}" if path.name else "/knowledge"
        results.append(Result(hit.document.title, hit.chunk.section, hit.snippet, url))
    return results


def _find(category: str, slug: str) -> Document:
    for document in bundled_documents().get(category, []):
        if document.slug == slug:
            return document
    raise NotFoundError(f"No document {category}/{slug}")


@router.get("/knowledge", response_class=HTMLResponse)
async def knowledge(request: Request, user: CurrentUserDep, q: str = "") -> HTMLResponse:
    query = q.strip()[:QUERY_MAX]
    hits = await search(query) if query else []
    context = {"section": "knowledge", "groups": bundled_documents(), "query": query, "hits": hits}
    return render(request, "knowledge.html", context, fragment="knowledge_results.html")


@router.get("/knowledge/{category}/{slug}", response_class=HTMLResponse)
async def knowledge_document(
    request: Request, user: CurrentUserDep, category: str, slug: str
) -> HTMLResponse:
    document = _find(category, slug)
    text = parse_file(document.path).text
    context = {"section": "knowledge", "document": document, "text": text}
    return render(request, "knowledge_document.html", context)
