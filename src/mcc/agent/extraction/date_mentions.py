"""What a date in a message is: its value and words (`DateMention`), or a question back
(`DateProblem`) when the words name no date we may use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

Role = Literal["launch", "end"]


@dataclass(frozen=True)
class DateMention:
    value: date
    text: str
    start: int
    end: int
    role: Role | None
    rule: str | None = None


@dataclass(frozen=True)
class DateProblem:
    """Words that name a date we must not use; `message` asks the user which date they meant."""

    text: str
    start: int
    end: int
    message: str
