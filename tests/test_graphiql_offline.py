"""The API explorers say why they are blank when their scripts cannot load.

Finding (newcomer run, no internet access): the README points to /graphql for the GraphiQL
explorer; the page loads React and GraphiQL from unpkg.com, so offline it said "Loading..."
forever, with no hint why; Swagger UI at /api/docs (cdn.jsdelivr.net) stayed blank. Each page now
fills its box with a line once it has loaded without its script."""

from __future__ import annotations

import httpx

from mcc.app import create_app
from mcc.config import Settings
from mcc.db import Database
from mcc.graphql.ide import OFFLINE_NOTICE, SWAGGER_OFFLINE_NOTICE


async def fetch(
    db: Database, settings: Settings, headers: dict[str, str], *paths: str, development: bool
) -> list[httpx.Response]:
    """`paths` as a browser asks for pages, from an app with the explorers on or off."""
    app = create_app(settings.model_copy(update={"graphiql": development}), database=db)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://mcc.test", headers=headers
    ) as client:
        return [await client.get(path, headers={"accept": "text/html"}) for path in paths]


async def test_the_graphiql_page_explains_an_offline_browser(
    db: Database, settings: Settings, auth_headers: dict[str, str]
) -> None:
    [page] = await fetch(db, settings, auth_headers, "/graphql", development=True)

    assert page.status_code == 200
    assert "https://unpkg.com/" in page.text  # what an offline browser cannot fetch
    assert OFFLINE_NOTICE in page.text
    assert page.text.index(OFFLINE_NOTICE) < page.text.index("</body>")


async def test_the_swagger_page_explains_an_offline_browser(
    db: Database, settings: Settings, auth_headers: dict[str, str]
) -> None:
    page, spec = await fetch(
        db, settings, auth_headers, "/api/docs", "/openapi.json", development=True
    )

    assert page.status_code == 200
    assert "https://cdn.jsdelivr.net/" in page.text  # what an offline browser cannot fetch
    assert SWAGGER_OFFLINE_NOTICE in page.text
    assert page.text.index(SWAGGER_OFFLINE_NOTICE) < page.text.index("</body>")
    assert spec.status_code == 200  # what it points to instead
    assert "/api/docs" not in spec.json()["paths"]


async def test_no_api_explorer_outside_development(
    db: Database, settings: Settings, auth_headers: dict[str, str]
) -> None:
    [docs] = await fetch(db, settings, auth_headers, "/api/docs", development=False)
    assert docs.status_code == 404
