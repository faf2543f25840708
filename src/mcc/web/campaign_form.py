"""The campaign forms: the edit form (what it shows, a submission as a `CampaignUpdate`) and the
new-campaign form (a submission as a `CampaignCreate`, for `CampaignService.create`, the same
door to the tier, plan and warnings as every other).

Only fields whose submitted text differs from what the form showed become changes, so saving an
untouched form changes nothing, and one bad field is reported next to itself without losing what
the user typed in the others.

The edit form carries what it showed (`loaded.<field>`), so a save merges: the Workfront sync (a
status from a webhook, a write-back) or a colleague may change a campaign while someone edits it,
and only a field both changed is a conflict. A submission without them (an older page, a script)
keeps the strict check: any change since its `expected_version` is refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mcc.campaigns.money import AmountError, currency_of_budget, parse_amount
from mcc.campaigns.schemas import (
    ALLOWED_TRANSITIONS,
    CampaignCreate,
    CampaignStatus,
    CampaignUpdate,
)
from mcc.exceptions import ConflictError, ValidationError
from mcc.models import Campaign
from mcc.validation import parse

# No owner: the server sets it from whoever created the campaign, and it is never edited.
TEXT_FIELDS = (
    "name", "type", "tier", "status", "budget", "currency", "launch_date", "end_date",
    "channels", "target_audience", "objective", "description",
)  # fmt: skip
LABELS = {
    "name": "Name", "type": "Type", "tier": "Tier", "status": "Status", "budget": "Budget",
    "currency": "Currency", "launch_date": "Launch date", "end_date": "End date",
    "channels": "Channels", "target_audience": "Target audience", "objective": "Objective",
    "description": "Description", "owner": "Owner",
}  # fmt: skip


def shown_values(campaign: Campaign) -> dict[str, str]:
    """Each field as the form shows it (and as a submission is compared against)."""
    budget = "" if campaign.budget is None else f"{campaign.budget:f}"
    return {
        "name": campaign.name,
        "type": campaign.type,
        "tier": str(campaign.tier),
        "status": campaign.status,
        "budget": budget,
        "currency": campaign.currency or "",
        "launch_date": campaign.launch_date.isoformat() if campaign.launch_date else "",
        "end_date": campaign.end_date.isoformat() if campaign.end_date else "",
        "channels": ", ".join(campaign.channels),
        "target_audience": campaign.target_audience or "",
        "objective": campaign.objective or "",
        "description": campaign.description or "",
        "owner": campaign.owner or "",
    }


def status_choices(campaign: Campaign) -> list[str]:
    current = CampaignStatus(campaign.status)
    return [current.value, *sorted(status.value for status in ALLOWED_TRANSITIONS[current])]


# The new-campaign form: no tier (the policy sets it), no status (a new one is PLANNING).
CREATE_FIELDS = tuple(name for name in TEXT_FIELDS if name not in ("tier", "status"))


def to_create(form: Mapping[str, str]) -> CampaignCreate:
    """A new campaign from the form, validated; raises `ValidationError` naming fields."""
    data: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for name in CREATE_FIELDS:
        value = (form.get(name) or "").strip()
        if not value:
            continue
        if name == "budget":
            try:
                data["budget"], named = parse_amount(value)
                currency = currency_of_budget(named, form.get("currency"))
            except AmountError as error:
                problems["budget"] = str(error)
                continue
            if currency:
                data["currency"] = currency
        elif name == "channels":
            data["channels"] = _channel_list(value)
        else:
            data[name] = value
    data.setdefault("name", "")
    data.setdefault("type", "other")
    try:
        created = parse(CampaignCreate, data, what="campaign")
    except ValidationError as error:
        problems = {**error.fields, **problems}
    if problems:
        summary = "; ".join(f"{LABELS.get(k, k)}: {v}" for k, v in problems.items())
        raise ValidationError(f"Please fix: {summary}", problems)
    return created


LOADED = "loaded."  # the prefix of the hidden inputs holding what the form showed


def loaded_values(form: Mapping[str, str]) -> dict[str, str] | None:
    """What the submitted form showed when it was opened, or None if it does not say."""
    loaded = {name: form.get(LOADED + name) for name in TEXT_FIELDS}
    if any(value is None for value in loaded.values()):
        return None
    return {name: value or "" for name, value in loaded.items()}


def _same(name: str, first: str, second: str) -> bool:
    """Whether two texts of field `name` say the same: "25k" is the budget "25000.00" and
    "email,social" the channels "email, social", so a user typing what a colleague saved
    meanwhile is no conflict (s29/n2), as the same words already were not."""
    first, second = first.strip(), second.strip()
    if first == second:
        return True
    if name == "channels":
        return _channel_list(first) == _channel_list(second)
    if name == "budget" and first and second:
        try:
            return parse_amount(first) == parse_amount(second)
        except AmountError:
            return False
    return False


def _channel_list(text: str) -> list[str]:
    return [part for part in (p.strip() for p in text.split(",")) if part]


def _refuse_overlaps(shown: Mapping[str, str], loaded: Mapping[str, str],
                     form: Mapping[str, str]) -> None:  # fmt: skip
    """A field the user changed that someone else changed too (to something else) since the
    form was opened: theirs would be overwritten unseen, so nothing is saved."""
    overlaps = [
        name for name in TEXT_FIELDS
        if (submitted := form.get(name)) is not None
        and not _same(name, submitted, loaded[name])
        and not _same(name, shown[name], loaded[name])
        and not _same(name, submitted, shown[name])
    ]  # fmt: skip
    if overlaps:
        now = "; ".join(f"{LABELS[name]} is now “{shown[name]}”" for name in overlaps)
        raise ConflictError(
            f"Someone else changed what you changed since you opened this form ({now}). "
            "Your values are kept below: save again to replace theirs, or cancel to keep them."
        )


def shown_again(
    campaign: Campaign, form: Mapping[str, str], *, conflict: bool
) -> tuple[dict[str, str], dict[str, str]]:
    """A refused form shown again: (its values, its baseline). What the user changed stays as
    typed; every other field shows what is stored now, as does its baseline (a value changed
    meanwhile must not come back as the user's on the next save). A changed field keeps the
    baseline it was opened with, unless the refusal was that conflict: saving again then
    replaces the other change on purpose."""
    values = shown_values(campaign)
    baseline = {name: values[name] for name in TEXT_FIELDS}
    loaded = loaded_values(form)
    for name in TEXT_FIELDS:
        submitted = form.get(name)
        if submitted is not None and (loaded is None or not _same(name, submitted, loaded[name])):
            values[name] = submitted
            if loaded is not None and not conflict:
                baseline[name] = loaded[name]
    return values, baseline


def to_update(campaign: Campaign, form: Mapping[str, str]) -> CampaignUpdate:
    """The changes a submission asks for, validated; raises `ValidationError` naming fields, or
    `ConflictError` when a changed field was changed by someone else too (module docstring)."""
    shown = shown_values(campaign)
    loaded = loaded_values(form)
    if loaded is not None:
        _refuse_overlaps(shown, loaded, form)
    data: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for name in TEXT_FIELDS:
        submitted = form.get(name)
        if submitted is None or _same(name, submitted, shown[name]):
            continue
        if loaded is not None and _same(name, submitted, loaded[name]):
            continue  # untouched by the user: someone else's newer value stays
        value = submitted.strip()
        if name == "budget":
            if not value:
                data["budget"] = None
                continue
            try:
                amount, named = parse_amount(value)
                currency = currency_of_budget(named, form.get("currency"), kept=shown["currency"])
            except AmountError as error:
                problems["budget"] = str(error)
                continue
            data["budget"] = amount
            if named and currency:
                data["currency"] = currency
        elif name == "channels":
            data["channels"] = _channel_list(value)
        else:
            data[name] = value or None
    version = form.get("expected_version", "")
    if loaded is not None:
        # Merged against the campaign as read in this unit of work: a write racing this one
        # is still refused.
        data["expected_version"] = campaign.version
    elif version.isascii() and version.isdigit():  # "²" is a digit to isdigit, not to int
        data["expected_version"] = int(version)
    try:
        update = parse(CampaignUpdate, data, what="campaign")
    except ValidationError as error:
        problems = {**error.fields, **problems}
    if problems:
        summary = "; ".join(f"{LABELS.get(k, k)}: {v}" for k, v in problems.items())
        raise ValidationError(f"Please fix: {summary}", problems)
    return update
