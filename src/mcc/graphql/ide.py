"""The GraphiQL page, told what went wrong when it cannot load.

Strawberry's GraphiQL page loads React and GraphiQL from unpkg.com. On an offline installation
(the README's "runs offline on embedded defaults") the page said "Loading..." forever, with no
hint why. Once the page has loaded, a line replaces that text when GraphiQL did not arrive."""

from __future__ import annotations

import json

OFFLINE_NOTICE = (
    "GraphiQL could not load: its scripts come from unpkg.com, which this browser cannot "
    "reach. The API itself works: send queries with curl and an API token (README, Quick start)."
)

_FALLBACK = (
    "<script>window.addEventListener('load', function () {"
    " if (window.GraphiQL) return;"
    " var box = document.getElementById('graphiql');"
    f" if (box) box.textContent = {json.dumps(OFFLINE_NOTICE)};"
    " });</script>"
)


def with_offline_notice(html: str) -> str:
    """The IDE's page with the fallback script before `</body>` (at the end if it has none)."""
    head, body_end, tail = html.rpartition("</body>")
    return f"{head}{_FALLBACK}{body_end}{tail}" if body_end else html + _FALLBACK
