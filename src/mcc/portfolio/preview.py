"""Portfolio warnings in the chat's preview: the assistant's one entry point into this package.

The preview itself is rendered by the engine from the draft alone (it has no database); this
adds, after the engine's turn and before it is stored, the warnings about how the draft sits
among the campaigns the user may see. They are notes like the lead-time one: the user's "yes"
still confirms (the preview's fingerprint does not include them, they never block).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal, InvalidOperation

from mcc.agent.views import DraftView
from mcc.config import Settings
from mcc.db import Database
from mcc.portfolio.checks import Candidate, Portfolio, PortfolioWarning
from mcc.portfolio.settings import PortfolioSettings
from mcc.teams.scope import Scope

CONFIRM_LINE = "Reply **yes**"


def _candidate(draft: DraftView, scope: Scope) -> Candidate | None:
    launch = draft.value_of("launch_date")
    if not launch:
        return None
    budget: Decimal | None = None
    try:
        raw = draft.value_of("budget")
        budget = Decimal(str(raw)) if raw is not None else None
    except InvalidOperation:
        budget = None
    # The team the campaign will belong to, when it can only be one; otherwise unknown (None),
    # and the quarter total, which is per team, is not checked.
    teams = scope.team_ids or frozenset()
    team = next(iter(teams)) if len(teams) == 1 else None
    currency = draft.value_of("currency")
    return Candidate(
        id=None,
        team_id=team,
        target_audience=str(draft.value_of("target_audience") or "") or None,
        channels=tuple(channel.name for channel in draft.channels),
        launch_date=date.fromisoformat(str(launch)),
        budget=budget if team is not None else None,
        currency=str(currency) if currency else None,
    )


async def portfolio_warnings(
    db: Database, scope: Scope | None, settings: Settings, draft: DraftView
) -> list[PortfolioWarning]:
    scope = scope or Scope.system()
    candidate = _candidate(draft, scope)
    if candidate is None or candidate.launch_date is None:
        return []
    day = candidate.launch_date
    async with db.read() as session:
        portfolio = await Portfolio.load(session, PortfolioSettings.of(settings), day, day)
    return portfolio.check(candidate, scope)


async def with_portfolio(
    db: Database,
    scope: Scope | None,
    settings: Settings,
    draft: DraftView | None,
    content: str,
    *,
    previewed: bool,
) -> tuple[DraftView | None, str]:
    """The draft and reply with the portfolio warnings added, when a preview is shown."""
    if draft is None or not draft.preview.shown:
        return draft, content
    warnings = await portfolio_warnings(db, scope, settings, draft)
    if not warnings:
        return draft, content
    notes = tuple(f"Portfolio: {warning.message}" for warning in warnings)
    draft = replace(
        draft,
        warnings=draft.warnings + notes,
        portfolio_warnings=tuple(warning.as_json() for warning in warnings),
    )
    if previewed:
        block = "\n".join(f"Note: {note}" for note in notes)
        at = content.rfind(CONFIRM_LINE)
        before, after = (content[:at], content[at:]) if at >= 0 else (f"{content}\n\n", "")
        content = f"{before}{block}\n\n{after}".rstrip("\n")
    return draft, content
