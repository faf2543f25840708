"""The fields MCC owns on the remote project (name, objective, budget), as text the way the
outbox writes them: what a queued update records as "what the remote last had from us"."""

from __future__ import annotations

from collections.abc import Iterable

from mcc.models import Campaign

OWNED_FIELDS = ("name", "objective", "budget")
# A user change to one of these campaign fields changes that owned remote field.
_OWNER_OF = {"name": "name", "objective": "objective", "budget": "budget", "currency": "budget"}


def budget_text(campaign: Campaign) -> str | None:
    """Our budget as the outbox writes it to the project's custom field."""
    if campaign.budget is None:
        return None
    return f"{campaign.budget} {campaign.currency or ''}".strip()


def owned_values(campaign: Campaign, changed: Iterable[str]) -> dict[str, str | None]:
    """owned field -> its value now, for each owned field that `changed` campaign fields touch.
    Taken before a user's change is applied, it is what the remote should still carry."""
    values = {"name": campaign.name, "objective": campaign.objective,
              "budget": budget_text(campaign)}  # fmt: skip
    return {_OWNER_OF[name]: values[_OWNER_OF[name]] for name in changed if name in _OWNER_OF}


def owned_changed(changed: Iterable[str]) -> set[str]:
    """The owned fields that a change of these campaign fields touches."""
    return {_OWNER_OF[name] for name in changed if name in _OWNER_OF}
