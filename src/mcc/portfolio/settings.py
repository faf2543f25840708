"""The portfolio checks' knobs, read from `Settings` once per call site.

Kept apart from `mcc.config` so the checks can be tested with any window or cap without building
a whole `Settings`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from mcc.config import Settings

DEFAULT_WINDOW_DAYS = 14


@dataclass(frozen=True)
class PortfolioSettings:
    # Two launches this many days apart or closer collide when they share an audience or channel.
    window_days: int = DEFAULT_WINDOW_DAYS
    # Most a team may plan to spend on one quarter's launches (in `cap_currency`); None: no cap.
    quarter_cap: Decimal | None = None
    cap_currency: str = "USD"

    @classmethod
    def of(cls, settings: Settings) -> PortfolioSettings:
        return cls(
            window_days=settings.portfolio_window_days,
            quarter_cap=settings.portfolio_quarter_budget_cap,
            cap_currency=settings.portfolio_cap_currency,
        )
