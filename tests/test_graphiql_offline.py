"""GraphiQL says why it is blank when its scripts cannot load.

Finding (newcomer run, no internet access): the README points to /graphql for the GraphiQL
explorer; the page loads React and GraphiQL from unpkg.com, so offline it said "Loading..."
forever, with no hint why. The page now replaces that text once it has loaded without GraphiQL."""

from __future__ import annotations

import httpx

from mcc.app import create_app
from mcc.config import Settings
from mcc.db import Database
from mcc.graphql.ide import OFFLINE_NOTICE, SWAGGER_OFFLINE_NOTICE


async def test_the_graphiql_page_explains_an_offline_browser(
    db: Database, settings: Settings, auth_headers: dict[str, str]
) -> None:
    app = create_app(settings.model_copy(update={"graphiql": True}), database=db)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://mcc.test", headers=auth_headers
    ) as client:
        page = await client.get("/graphql", headers={"accept": "text/html"})

    assert page.status_code == 200
    assert "https://unpkg.com/" in page.text  # what an offline browser cannot fetch
    assert OFFLINE_NOTICE in page.text
    assert page.text.index(OFFLINE_NOTICE) < page.text.index("</body>")


async def test_the_swagger_page_explains_an_offline_browser(
    db: Database, settings: Settings, auth_headers: dict[str, str]
) -> None:
    app = create_app(settings.model_copy(update={"graphiql": True}), database=db)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://mcc.test", headers=auth_headers
    ) as client:
        page = await client.get("/api/docs")
        spec = await client.get("/openapi.json")

    assert page.status_code == 200
    assert "https://cdn.jsdelivr.net/" in page.text  # what an offline browser cannot fetch
    assert SWAGGER_OFFLINE_NOTICE in page.text
    assert page.text.index(SWAGGER_OFFLINE_NOTICE) < page.text.index("</body>")
    assert spec.status_code == 200  # what it points to instead
    assert "/api/docs" not in spec.json()["paths"]


async def test_no_api_explorer_outside_development(
    db: Database, settings: Settings, auth_headers: dict[str, str]
) -> None:
    app = create_app(settings.model_copy(update={"graphiql": False}), database=db)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://mcc.test", headers=auth_headers
    ) as client:
        assert (await client.get("/api/docs")).status_code == 404
