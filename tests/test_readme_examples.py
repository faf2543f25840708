"""The README's GraphQL examples work as written: every `curl -d '...'` body in it is sent to the
app as the shell would send it, and GraphQL answers without errors.

Finding (newcomer run): the Quick start's `createCampaign` example broke its query over three
lines inside a JSON string, so pasting it answered `{"error": {"code": "MALFORMED", "message":
"Body is not valid JSON"}}`, the first thing a new user tries after signing in."""

from __future__ import annotations

import re
from pathlib import Path

import httpx

README = Path(__file__).resolve().parents[1] / "README.md"
# A single-quoted shell word after -d: the shell passes it through byte for byte, newlines too.
CURL_BODY = re.compile(r"-d '([^']*)'")


def graphql_bodies() -> list[str]:
    """The -d bodies of the README's curl commands that post to /graphql."""
    text = README.read_text()
    found = []
    for match in CURL_BODY.finditer(text):
        command = text[text.rindex("curl ", 0, match.start()) : match.start()]
        if "/graphql" in command:
            found.append(match.group(1))
    return found


def test_the_readme_has_graphql_examples() -> None:
    assert len(graphql_bodies()) >= 2  # createCampaign and listCampaigns in the Quick start


async def test_every_readme_graphql_example_answers_without_errors(
    client: httpx.AsyncClient,
) -> None:
    for body in graphql_bodies():
        response = await client.post(
            "/graphql", content=body, headers={"content-type": "application/json"}
        )
        assert response.status_code == 200, (body, response.text)
        answer = response.json()
        assert not {"errors", "error"} & answer.keys(), (body, answer)
