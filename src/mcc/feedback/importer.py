"""Read survey answers collected elsewhere (the plan's form, a spreadsheet) from CSV.

Columns are the plan's analysis script's: `ease_of_use`, `response_quality`, `time_saved`,
`overall_satisfaction` (1-5), `issues_encountered`, `estimated_time_saved_minutes`,
`campaign_created_successfully`, plus `email` (who answered) and optional `submitted_at` (a date
or ISO time; it picks the ISO week, default now). Each bad row is named with its line and reason;
good rows are kept. Parsing is pure, so `--dry-run` checks a file without a database.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import UTC, date, datetime

from mcc.auth.schemas import parse_email
from mcc.exceptions import ValidationError
from mcc.feedback.service import COMMENT_MAX, SCORES, SurveyAnswers

MAX_BYTES = 5 * 1024 * 1024  # thousands of answers; a bigger file is a wrong file
REQUIRED = ("email", *SCORES)
OPTIONAL = (
    "submitted_at",
    "issues_encountered",
    "estimated_time_saved_minutes",
    "campaign_created_successfully",
)
# Python's csv refuses a cell over 131,072 characters and stops there, which dropped every
# later row (sweep F5). A cell may be as long as the file: the row's own check then names the
# line and the field that is too long, and reading goes on.
csv.field_size_limit(MAX_BYTES)
TRUE, FALSE = {"true", "yes", "y", "1"}, {"false", "no", "n", "0"}


@dataclass(frozen=True)
class Row:
    line: int
    email: str
    at: datetime | None
    answers: SurveyAnswers


@dataclass(frozen=True)
class BadRow:
    line: int
    reason: str


def _score(name: str, text: str) -> int:
    value = text.strip()
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= 5:
        raise ValueError(f"{name} must be a whole number from 1 to 5, not {value!r}")
    return int(value)


def _when(text: str) -> datetime | None:
    value = text.strip()
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"submitted_at {value!r} is not a date (YYYY-MM-DD or ISO time)") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    if moment.date() > datetime.now(UTC).date() or moment.date() < date(2000, 1, 1):
        raise ValueError(f"submitted_at {value!r} is not a plausible answer date")
    return moment.astimezone(UTC)


def _flag(text: str) -> bool | None:
    value = text.strip().lower()
    if not value:
        return None
    if value in TRUE | FALSE:
        return value in TRUE
    raise ValueError(f"campaign_created_successfully must be true or false, not {text.strip()!r}")


def _minutes(text: str) -> float | None:
    value = text.strip()
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        raise ValueError(f"estimated_time_saved_minutes {value!r} is not a number") from None


def _row(line: int, record: dict[str, str]) -> Row:
    try:
        email = parse_email(record["email"])
    except ValidationError as problem:
        raise ValueError(problem.message) from None
    scores = [_score(name, record[name]) for name in SCORES]
    issues = (record.get("issues_encountered") or "").strip()
    if len(issues) > COMMENT_MAX:  # named by its column, as the file's author knows it
        raise ValueError(f"issues_encountered longer than {COMMENT_MAX:,} characters")
    answers = SurveyAnswers(
        scores[0], scores[1], scores[2], scores[3],
        issues=record.get("issues_encountered") or None,
        minutes_saved=_minutes(record.get("estimated_time_saved_minutes") or ""),
        campaign_created=_flag(record.get("campaign_created_successfully") or ""),
    )  # fmt: skip
    try:
        checked = answers.checked()
    except ValidationError as problem:
        raise ValueError(problem.message) from None
    return Row(line, email, _when(record.get("submitted_at") or ""), checked)


def parse_csv(data: bytes) -> tuple[list[Row], list[BadRow]]:
    """Good rows and bad rows (line, reason); a file that is no survey CSV at all raises."""
    if len(data) > MAX_BYTES:
        raise ValidationError(f"The file is {len(data):,} bytes; at most {MAX_BYTES:,}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError("The file is not UTF-8 text: save it as CSV (UTF-8)") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise ValidationError(
            f"The CSV lacks the column(s) {', '.join(missing)}; "
            f"expected {', '.join(REQUIRED + OPTIONAL)}"
        )
    reader.fieldnames = header
    good: list[Row] = []
    bad: list[BadRow] = []
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as problem:
            # The reader counts a line once its record is complete: the broken one is the next.
            # Reading goes on after it, so the good rows below are kept.
            bad.append(BadRow(reader.line_num + 1, f"not readable as CSV ({problem})"))
            continue
        line = reader.line_num
        if None in record:  # more cells than columns
            bad.append(BadRow(line, "more values than columns"))
            continue
        cells = {key: value or "" for key, value in record.items()}
        if not any(value.strip() for value in cells.values()):
            continue  # a blank line is not an answer
        try:
            good.append(_row(line, cells))
        except ValueError as problem:
            bad.append(BadRow(line, str(problem)))
    return good, bad
