"""Knowledge pages: documents by category with their versions, each document with its history,
a search box showing ranked passages with citations, and (admins) upload and removal.

Everything goes through the knowledge service, so the page lists and ranks exactly what the
assistant would cite. Documents are addressed by their key, looked up in the database; nothing
a user types is ever joined onto a file path.
"""

from __future__ import annotations

from itertools import groupby
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from mcc.audit.schemas import Actor, AuditSource
from mcc.auth.deps import AdminDep, CurrentUserDep
from mcc.exceptions import ValidationError
from mcc.knowledge.ingest import read_upload, until_disconnected
from mcc.knowledge.runtime import knowledge_service
from mcc.web.templating import is_htmx, render

router = APIRouter()
QUERY_MAX = 300
RESULTS = 8


async def _page(request: Request, query: str = "", *, notice: str | None = None) -> HTMLResponse:
    service = knowledge_service(request.app)
    documents = await service.documents()
    groups = {category: list(items) for category, items in groupby(documents, lambda d: d.category)}
    hits, search_error = [], None
    if query:
        try:
            hits = await service.search(query, RESULTS)
        except ValidationError as failure:
            search_error = failure.message
    context = {
        "section": "knowledge", "groups": groups, "query": query, "hits": hits,
        "search_error": search_error, "notice": notice,
        "dense": service.index.dense_status, "index_state": service.state,
    }  # fmt: skip
    return render(request, "knowledge.html", context, fragment="knowledge_results.html")


@router.get("/knowledge", response_class=HTMLResponse)
async def knowledge(request: Request, user: CurrentUserDep, q: str = "") -> HTMLResponse:
    return await _page(request, q.strip()[:QUERY_MAX])


@router.get("/knowledge/documents/{key:path}", response_class=HTMLResponse)
async def knowledge_document(request: Request, user: CurrentUserDep, key: str) -> HTMLResponse:
    document, history = await knowledge_service(request.app).show(key)
    context = {"section": "knowledge", "document": document, "history": history}
    return render(request, "knowledge_document.html", context)


@router.post("/knowledge/upload", response_model=None)
async def upload(
    request: Request,
    user: AdminDep,
    file: Annotated[UploadFile, File()],
    category: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    """Add or update one document. The form posts through htmx, which carries the CSRF header
    (a multipart body is too big to search for a form field); errors show as a message."""
    limit = request.app.state.settings.knowledge_max_bytes
    data = await read_upload(file.read, file.filename or "", limit)
    report = await knowledge_service(request.app).ingest_upload(
        file.filename or "",
        data,
        category.strip() or None,
        Actor.of(user, AuditSource.UI),
        client_gone=until_disconnected(request.is_disconnected),
    )
    key = (report.added or report.changed or report.unchanged)[0]
    url = f"/knowledge/documents/{quote(key)}"  # a name may hold "?", "#" or "%"
    if is_htmx(request):
        return Response(status_code=204, headers={"HX-Redirect": url})
    return RedirectResponse(url, status_code=303)


@router.post("/knowledge/documents/{key:path}/remove", response_model=None)
async def remove(request: Request, user: AdminDep, key: str) -> Response:
    await knowledge_service(request.app).remove(key, Actor.of(user, AuditSource.UI))
    return await _page(request, notice=f"Removed {key}; its history is kept.")
