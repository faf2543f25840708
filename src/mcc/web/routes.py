"""The home page. The web UI issue grows this into sign-in, chat and the dashboard."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from mcc import __version__

router = APIRouter(include_in_schema=False)

HOME = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Marketing Command Center</title>
<style>
body{{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}}
a{{color:#0b57d0}} code{{background:#f1f3f4;padding:0 .25rem}}</style></head>
<body>
<h1>Marketing Command Center</h1>
<p>Version {version}. The server is up.</p>
<ul>
<li><a href="/graphql">GraphQL API</a>{graphiql}</li>
<li><a href="/api/campaigns">Campaigns as JSON</a></li>
<li><a href="/readyz">Readiness</a> · <a href="/metrics">Metrics</a></li>
</ul>
</body></html>
"""


@router.get("/", response_class=HTMLResponse)
async def home(request: Request) -> str:
    graphiql = " (open it in a browser for the GraphiQL explorer)"
    enabled = request.app.state.settings.graphiql_enabled
    return HOME.format(version=__version__, graphiql=graphiql if enabled else "")
