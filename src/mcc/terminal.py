"""Printing stored text in a terminal without letting it format or control the terminal.

Campaign names, document titles and the like come from users. Rich would read `[/b]` in them
as markup (and crash on unbalanced tags) and `:x:` as an emoji; raw control characters (ESC,
BEL) would retitle or recolour the operator's terminal. Everything the CLI prints from data
goes through `safe` (for markup-enabled output) or `plain` (for `markup=False` output).
"""

from __future__ import annotations

import re

from rich.markup import escape

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain(text: object) -> str:
    """The text with control characters shown as �."""
    return _CONTROL.sub("\ufffd", str(text))


def safe(text: object) -> str:
    """Plain text, and Rich markup in it escaped so it prints as written."""
    return escape(plain(text))
