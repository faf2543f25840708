"""The API explorers' pages (GraphiQL at /graphql, Swagger UI at /api/docs), told what went wrong
when they cannot load.

Both load their scripts from a CDN (GraphiQL from unpkg.com, Swagger UI from cdn.jsdelivr.net). On
an offline installation (the README's "runs offline on embedded defaults") GraphiQL said
"Loading..." forever and Swagger UI showed a blank page, with no hint why. Once the page has
loaded, a line fills the explorer's box when its script did not arrive."""

from __future__ import annotations

import json

OFFLINE_NOTICE = (
    "GraphiQL could not load: its scripts come from unpkg.com, which this browser cannot "
    "reach. The API itself works: send queries with curl and an API token (README, Quick start)."
)
SWAGGER_OFFLINE_NOTICE = (
    "Swagger UI could not load: its scripts come from cdn.jsdelivr.net, which this browser "
    "cannot reach. The API itself works: /openapi.json describes it, and curl with an API token "
    "calls it (README, Quick start)."
)


def with_offline_notice(
    html: str, *, loaded: str = "GraphiQL", box: str = "graphiql", notice: str = OFFLINE_NOTICE
) -> str:
    """The page with a script before `</body>` (at the end if it has none) that puts `notice` in
    the element `box` when the global `loaded` is missing after the page's load."""
    fallback = (
        "<script>window.addEventListener('load', function () {"
        f" if (window.{loaded}) return;"
        f" var box = document.getElementById({json.dumps(box)});"
        f" if (box) box.textContent = {json.dumps(notice)};"
        " });</script>"
    )
    head, body_end, tail = html.rpartition("</body>")
    return f"{head}{fallback}{body_end}{tail}" if body_end else html + fallback
