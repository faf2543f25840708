"""The refusal of a playbook that cannot become a rule."""

from __future__ import annotations

from mcc.exceptions import ValidationError


class RulesError(ValidationError):
    """A playbook that cannot become a rule; the message names the file's line at fault."""

    def __init__(self, name: str, line: int | None, problem: str) -> None:
        where = f"{name}, line {line}" if line else name
        super().__init__(f"{where}: {problem}", {"file": name, "line": str(line or "")})
        self.line = line
