"""The GraphQL router, with the multipart (file upload) request checked before strawberry reads it,
and a GraphiQL page that says so when it cannot load its scripts (`mcc.graphql.ide`).

Strawberry trusts the multipart form: `operations=null` or a `map` path into nothing raised a
TypeError (a 500), and a mapped part sent without a filename reached the resolver as a string
(INTERNAL). The guard checks the form against the GraphQL multipart request spec
(https://github.com/jaydenseric/graphql-multipart-request-spec) and answers 400 with what is wrong.
"""

from __future__ import annotations

import json
from typing import Any

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from fastapi import Request
from fastapi.responses import HTMLResponse
from starlette.datastructures import UploadFile
from strawberry.fastapi import GraphQLRouter
from strawberry.file_uploads.utils import replace_placeholders_with_files

from mcc.graphql.context import Context
from mcc.graphql.ide import with_offline_notice

MAX_MAPPED_FILES = 10  # one upload per request is what the product sends


def _bad(reason: str) -> HTTPException:
    return HTTPException(400, f"Invalid multipart GraphQL request: {reason}")


def _json_field(form: Any, name: str) -> Any:
    raw = form.get(name)
    if raw is None:
        raise _bad(f"the '{name}' field is missing")
    if not isinstance(raw, str):
        raise _bad(f"the '{name}' field must be JSON text, not a file")
    try:
        return json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise _bad(f"the '{name}' field is not valid JSON") from exc


def check_multipart(form: Any) -> dict[str, Any]:
    """The operation with its files in place, or a 400 saying which rule the form breaks."""
    operations = _json_field(form, "operations")
    if not isinstance(operations, dict):
        raise _bad("'operations' must be a JSON object (one operation)")
    files_map = _json_field(form, "map")
    if not isinstance(files_map, dict) or not all(
        isinstance(paths, list) and paths and all(isinstance(p, str) for p in paths)
        for paths in files_map.values()
    ):
        raise _bad("'map' must be an object of part name to a list of variable paths")
    if len(files_map) > MAX_MAPPED_FILES:
        raise _bad(f"at most {MAX_MAPPED_FILES} files per request")
    for name, paths in files_map.items():
        part = form.get(name)
        if part is None:
            raise _bad(f"'map' names part '{name}', which the request does not have")
        if not isinstance(part, UploadFile) or not part.filename:
            raise _bad(f"part '{name}' must be a file with a filename")
        for path in paths:
            if not path.startswith("variables."):
                raise _bad(f"map path '{path}' must start with 'variables.'")
    try:
        result: dict[str, Any] = replace_placeholders_with_files(operations, files_map, form)
    except (KeyError, IndexError, ValueError, TypeError) as exc:
        raise _bad("a 'map' path does not lead to a variable in 'operations'") from exc
    return result


class GuardedGraphQLRouter(GraphQLRouter[Context, None]):
    async def parse_multipart(self, request: AsyncHTTPRequestAdapter) -> dict[str, str]:
        try:
            form_data = await request.get_form_data()
        except ValueError as exc:
            raise HTTPException(400, "Unable to parse the multipart body") from exc
        return check_multipart(form_data.form)

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        return HTMLResponse(with_offline_notice(self.graphql_ide_html))
