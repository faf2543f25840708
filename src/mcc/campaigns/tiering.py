"""The tier of a campaign that arrives without one (API, CLI), from the tier policy.

The policy is the one the assistant uses (the bundled tier playbook's `tier-policy` block, or
`MCC_TIER_POLICY_FILE`): budget bands including their lower bound, and channel scope. Without a
budget the policy leaves the tier pending; a campaign still needs one, so it gets Tier 3 and a
reason that says it is a default.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from mcc.config import get_settings

if TYPE_CHECKING:
    from mcc.agent.policy import TierPolicy

DEFAULT_TIER = 3


@lru_cache(maxsize=4)
def load_policy(path: Path | None) -> TierPolicy:
    """The tier policy (cached): the API's defaults and the assistant read the same one."""
    from mcc.agent.policy import TierPolicy  # the assistant's module: loaded on first use

    return TierPolicy.load(path)


def tier_from_budget(
    budget: Decimal | None, currency: str | None, channels: Sequence[str] = ()
) -> tuple[int, str]:
    """(tier, reason). Never guesses a budget: without one the reason says the tier is a default."""
    policy = load_policy(get_settings().tier_policy_file)
    verdict = policy.classify(
        budget=budget, currency=currency, channels=list(channels), flagship=None, stated_tier=None
    )
    if verdict.tier is not None:
        return verdict.tier, verdict.reason
    if budget is not None and currency and currency != policy.currency:
        return DEFAULT_TIER, (
            f"Tier 3 by default: the budget is in {currency}, and the budget bands are in "
            f"{policy.currency}; set the tier explicitly"
        )
    return DEFAULT_TIER, "Tier 3 by default: no tier or budget was given"
