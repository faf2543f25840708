"""Campaign vocabulary (types, statuses, transitions) and validated inputs.

Inputs are pydantic models so every transport (GraphQL, JSON, CLI, the assistant) gets the same
rules and the same messages. A field the user never gave stays `None`: nothing is guessed here.
"""

from __future__ import annotations

import re
import uuid
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from mcc.campaigns.currencies import ISO_CODES
from mcc.exceptions import ValidationError
from mcc.validation import strict_date, strict_decimal

NAME_MAX = 200
TEXT_MAX = 5000
CHANNELS_MAX = 20
# Entries accepted before de-duplication ("Email, email, EMAIL" is fine); past it the list is
# refused unread, so a 30,000-item list costs a length check.
CHANNEL_ENTRIES_MAX = 100
CHANNEL_MAX = 50
BUDGET_MAX = Decimal("1000000000000")  # a trillion: beyond this a typo is likelier than a budget


class CampaignStatus(StrEnum):
    # Waiting for the approver the tier policy names; its Workfront writes are held meanwhile.
    PENDING_APPROVAL = "PENDING_APPROVAL"
    # Returned to its owner with the approver's comment; a resubmission asks again.
    REJECTED = "REJECTED"
    PLANNING = "PLANNING"
    ACTIVE = "ACTIVE"
    PAUSED = "PAUSED"
    COMPLETED = "COMPLETED"
    CANCELLED = "CANCELLED"


# Moves a user may make. COMPLETED and CANCELLED are final; any open state may be cancelled.
# Leaving PENDING_APPROVAL for PLANNING or REJECTED is an approver's decision (`approvals`), never
# a status edit; a REJECTED campaign goes back to PENDING_APPROVAL when its owner resubmits it.
ALLOWED_TRANSITIONS: dict[CampaignStatus, frozenset[CampaignStatus]] = {
    CampaignStatus.PENDING_APPROVAL: frozenset({CampaignStatus.CANCELLED}),
    CampaignStatus.REJECTED: frozenset({CampaignStatus.PENDING_APPROVAL, CampaignStatus.CANCELLED}),
    CampaignStatus.PLANNING: frozenset({CampaignStatus.ACTIVE, CampaignStatus.CANCELLED}),
    CampaignStatus.ACTIVE: frozenset(
        {CampaignStatus.PAUSED, CampaignStatus.COMPLETED, CampaignStatus.CANCELLED}
    ),
    CampaignStatus.PAUSED: frozenset(
        {CampaignStatus.ACTIVE, CampaignStatus.COMPLETED, CampaignStatus.CANCELLED}
    ),
    CampaignStatus.COMPLETED: frozenset(),
    CampaignStatus.CANCELLED: frozenset(),
}


class CampaignType(StrEnum):
    EMAIL = "email"
    EVENT = "event"
    WEBINAR = "webinar"
    PRODUCT_LAUNCH = "product_launch"
    SOCIAL = "social"
    PAID = "paid"
    PARTNER = "partner"
    CONTENT = "content"
    ABM = "abm"
    OTHER = "other"


# How people write the types; keys are compared after lower-casing and collapsing separators.
TYPE_ALIASES: dict[str, CampaignType] = {
    "email marketing": CampaignType.EMAIL,
    "newsletter": CampaignType.EMAIL,
    "e mail": CampaignType.EMAIL,
    "events": CampaignType.EVENT,
    "conference": CampaignType.EVENT,
    "trade show": CampaignType.EVENT,
    "tradeshow": CampaignType.EVENT,
    "webinars": CampaignType.WEBINAR,
    "product launch": CampaignType.PRODUCT_LAUNCH,
    "launch": CampaignType.PRODUCT_LAUNCH,
    "social media": CampaignType.SOCIAL,
    "paid media": CampaignType.PAID,
    "paid search": CampaignType.PAID,
    "paid social": CampaignType.PAID,
    "ppc": CampaignType.PAID,
    "advertising": CampaignType.PAID,
    "partner marketing": CampaignType.PARTNER,
    "co marketing": CampaignType.PARTNER,
    "comarketing": CampaignType.PARTNER,
    "content marketing": CampaignType.CONTENT,
    "seo": CampaignType.CONTENT,
    "account based marketing": CampaignType.ABM,
}


def parse_campaign_type(value: str) -> CampaignType:
    key = re.sub(r"[\s_\-]+", " ", value.strip().lower())
    for member in CampaignType:
        if key == member.value.replace("_", " "):
            return member
    if key in TYPE_ALIASES:
        return TYPE_ALIASES[key]
    allowed = ", ".join(member.value for member in CampaignType)
    raise ValueError(f"unknown campaign type {value!r}; use one of: {allowed}")


def parse_status(value: str) -> CampaignStatus:
    try:
        return CampaignStatus(value.strip().upper())
    except ValueError:
        allowed = ", ".join(member.value for member in CampaignStatus)
        raise ValueError(f"unknown status {value!r}; use one of: {allowed}") from None


def parse_campaign_id(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value.strip())
    except (ValueError, AttributeError):
        raise ValidationError(
            f"Invalid campaign id {value!r}: expected a UUID", {"id": "not a UUID"}
        ) from None


def _clean_name(value: str) -> str:
    name = value.strip()
    if not name:
        raise ValueError("must not be empty")
    if len(name) > NAME_MAX:
        raise ValueError(f"must be at most {NAME_MAX} characters (got {len(name)})")
    if any(ord(char) < 32 for char in name):
        raise ValueError("must be a single line without control characters")
    return name


def _check_channel_entries(value: Any) -> Any:
    """Before pydantic reads the items: a huge list is refused by its length alone."""
    if isinstance(value, list | tuple) and len(value) > CHANNEL_ENTRIES_MAX:
        raise ValueError(f"at most {CHANNELS_MAX} channels (got a list of {len(value):,})")
    return value


def _clean_channels(values: list[str]) -> list[str]:
    channels: dict[str, None] = {}  # ordered and de-duplicated in linear time
    for raw in values:
        if len(raw) > CHANNEL_MAX * 4:  # before any regex runs over it
            raise ValueError(f"channel names must be at most {CHANNEL_MAX} characters")
        channel = re.sub(r"\s+", " ", raw.strip().lower())
        if not channel:
            raise ValueError("channel names must not be empty")
        if len(channel) > CHANNEL_MAX:
            raise ValueError(f"channel names must be at most {CHANNEL_MAX} characters")
        channels[channel] = None
    if len(channels) > CHANNELS_MAX:
        raise ValueError(f"at most {CHANNELS_MAX} channels")
    return list(channels)


def _clean_currency(value: str) -> str:
    # ASCII letters checked before upper-casing: "ßd" upper-cases to "SSD", a real code.
    if not re.fullmatch(r"[A-Za-z]{3}", value.strip()):
        raise ValueError("must be a three-letter ISO 4217 code such as USD or EUR")
    currency = value.strip().upper()
    if currency not in ISO_CODES:
        raise ValueError(f"{currency} is no ISO 4217 currency code (for example USD, EUR, GBP)")
    return currency


def _check_budget(value: Decimal) -> Decimal:
    if not value.is_finite():
        raise ValueError("must be a number")
    if value.is_signed():
        # "-0" is no budget anyone means, and stored it reads back as "-0.00": refused like
        # any other negative amount.
        raise ValueError("must not be negative")
    if value > BUDGET_MAX:
        raise ValueError(f"must be at most {BUDGET_MAX:,}")
    cents = value.quantize(Decimal("0.01"))
    if value != cents:
        raise ValueError("must have at most two decimal places")
    return cents  # the stored form, so a fresh object reads the same as a reloaded one


LongText = Annotated[str, Field(max_length=TEXT_MAX)]
TASKS_MAX = 100


class PlannedTask(BaseModel):
    """One step of a campaign's plan; becomes a task in the work-management system."""

    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, Field(min_length=1, max_length=255)]
    start: date
    due: date
    owner_role: Annotated[str, Field(max_length=100)] | None = None

    @field_validator("start", "due")
    @classmethod
    def _within_range(cls, value: date) -> date:
        _check_date(value)  # as the campaign's own dates: year 1 or 9999 is a typo
        return value

    @model_validator(mode="after")
    def _due_after_start(self) -> Self:
        if self.due < self.start:
            raise ValueError(f"task {self.name!r} is due before it starts")
        return self


DATE_MIN, DATE_MAX = date(2000, 1, 1), date(2100, 12, 31)


def _check_date(value: date | None) -> date | None:
    # Far-off dates are typos, and systems downstream (Workfront) cannot even write them.
    if value is not None and not DATE_MIN <= value <= DATE_MAX:
        raise ValueError(f"must be between {DATE_MIN} and {DATE_MAX}")
    return value


class _CampaignFields(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)

    description: LongText | None = None
    target_audience: LongText | None = None
    objective: LongText | None = None
    budget: Decimal | None = None
    currency: str | None = None
    launch_date: date | None = None
    end_date: date | None = None

    @field_validator("launch_date", "end_date", mode="before")
    @classmethod
    def _date_text(cls, value: object) -> object:
        # YYYY-MM-DD only: pydantic alone reads "1704067200" as a Unix time.
        return None if value is None else strict_date(value)

    @field_validator("launch_date", "end_date")
    @classmethod
    def _dates(cls, value: date | None) -> date | None:
        return _check_date(value)

    @field_validator("budget", mode="before")
    @classmethod
    def _budget_text(cls, value: object) -> object:
        # A plain number only: Decimal alone reads "1_000" and "1e5".
        return None if value is None else strict_decimal(value)

    @field_validator("budget")
    @classmethod
    def _budget(cls, value: Decimal | None) -> Decimal | None:
        return None if value is None else _check_budget(value)

    @field_validator("currency")
    @classmethod
    def _currency(cls, value: str | None) -> str | None:
        return None if value is None else _clean_currency(value)

    @field_validator("description", "target_audience", "objective")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        # An empty string is "not given", not a value; keeping it would show as a blank field.
        return value if value is None or value.strip() else None


class CampaignCreate(_CampaignFields):
    name: str
    type: CampaignType
    tier: Annotated[int, Field(ge=1, le=3)] | None = None
    # Why the tier was chosen, when the caller decided it (the assistant's policy verdict).
    tier_reason: LongText | None = None
    channels: list[str] = Field(default_factory=list)
    provenance: dict[str, Any] = Field(default_factory=dict)
    tasks: Annotated[list[PlannedTask], Field(max_length=TASKS_MAX)] = Field(default_factory=list)
    # Only the system (acting for no one) names an owner; for a person the service sets it to
    # them. There is no `owner` in `CampaignUpdate`: ownership is not edited.
    owner: Annotated[str, Field(max_length=NAME_MAX)] | None = None

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        return _clean_name(value)

    @field_validator("owner")
    @classmethod
    def _owner_blank_is_none(cls, value: str | None) -> str | None:
        return value if value is None or value.strip() else None

    @field_validator("type", mode="before")
    @classmethod
    def _type(cls, value: Any) -> Any:
        return parse_campaign_type(value) if isinstance(value, str) else value

    @field_validator("channels", mode="before")
    @classmethod
    def _channel_entries(cls, value: Any) -> Any:
        return _check_channel_entries(value)

    @field_validator("channels")
    @classmethod
    def _channels(cls, value: list[str]) -> list[str]:
        return _clean_channels(value)

    @model_validator(mode="after")
    def _dates_and_currency(self) -> Self:
        if self.launch_date and self.end_date and self.end_date < self.launch_date:
            raise ValueError("the end date must be on or after the launch date")
        if self.currency and self.budget is None:
            raise ValueError("currency given without a budget")
        return self


class CampaignUpdate(_CampaignFields):
    """A partial update: only the fields present in the input change (`model_fields_set`)."""

    name: str | None = None
    type: CampaignType | None = None
    tier: Annotated[int, Field(ge=1, le=3)] | None = None
    status: CampaignStatus | None = None
    channels: list[str] | None = None
    expected_version: Annotated[int, Field(ge=1)] | None = None

    @field_validator("name")
    @classmethod
    def _name(cls, value: str | None) -> str:
        if value is None:
            raise ValueError("must not be empty")
        return _clean_name(value)

    @field_validator("type", mode="before")
    @classmethod
    def _type(cls, value: Any) -> Any:
        if value is None:
            raise ValueError("must not be empty")
        return parse_campaign_type(value) if isinstance(value, str) else value

    @field_validator("status", mode="before")
    @classmethod
    def _status(cls, value: Any) -> Any:
        if value is None:
            raise ValueError("must not be empty")
        return parse_status(value) if isinstance(value, str) else value

    @field_validator("tier", mode="before")
    @classmethod
    def _tier_not_null(cls, value: Any) -> Any:
        if value is None:
            raise ValueError("must not be empty")
        return value

    @field_validator("channels", mode="before")
    @classmethod
    def _channel_entries(cls, value: Any) -> Any:
        return _check_channel_entries(value)

    @field_validator("channels")
    @classmethod
    def _channels(cls, value: list[str] | None) -> list[str]:
        return _clean_channels(value or [])

    def changes(self) -> dict[str, Any]:
        """The fields the caller set, without the version guard."""
        return {
            name: getattr(self, name)
            for name in self.model_fields_set
            if name != "expected_version"
        }


class CampaignFilters(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: CampaignStatus | None = None
    tier: Annotated[int, Field(ge=1, le=3)] | None = None
    type: CampaignType | None = None
    search: Annotated[str, Field(max_length=NAME_MAX)] | None = None

    @field_validator("status", mode="before")
    @classmethod
    def _status(cls, value: Any) -> Any:
        return parse_status(value) if isinstance(value, str) else value

    @field_validator("type", mode="before")
    @classmethod
    def _type(cls, value: Any) -> Any:
        return parse_campaign_type(value) if isinstance(value, str) else value

    @field_validator("search")
    @classmethod
    def _search(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None
