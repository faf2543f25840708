"""Tier from budget bands, used when a campaign arrives without a tier.

Bands follow DESIGN.md §6 and include their lower bound: Tier 1 ≥ $100,000, Tier 2 ≥ $25,000,
Tier 3 below. The assistant's full policy (channels, flagship events, lead times) lives with the
assistant; this is the rule every transport shares for a bare API call.
"""

from __future__ import annotations

from decimal import Decimal

TIER_1_MIN = Decimal("100000")
TIER_2_MIN = Decimal("25000")
BAND_CURRENCY = "USD"


def tier_from_budget(budget: Decimal | None, currency: str | None) -> tuple[int, str]:
    """(tier, reason). Never guesses a budget: without one the reason says the tier is a default."""
    if budget is None:
        return 3, "Tier 3 by default: no tier or budget was given"
    if (currency or BAND_CURRENCY) != BAND_CURRENCY:
        return 3, (
            f"Tier 3 by default: the budget is in {currency}, and the budget bands are in "
            f"{BAND_CURRENCY}; set the tier explicitly"
        )
    amount = f"${budget:,.0f}" if budget == budget.to_integral() else f"${budget:,.2f}"
    if budget >= TIER_1_MIN:
        return 1, f"Tier 1: budget {amount} ≥ $100,000"
    if budget >= TIER_2_MIN:
        return 2, f"Tier 2: budget {amount} is between $25,000 and $100,000"
    return 3, f"Tier 3: budget {amount} < $25,000"
