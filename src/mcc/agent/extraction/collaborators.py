"""Who a campaign is run with is not who it is for.

"Co-marketing campaign with a partner", "a joint push alongside our reseller": the partner is the
co-marketer of a partner campaign, the company the work is shared with. Those words name people,
so a terse brief's clause reader would otherwise take them for the audience; the audience is who
the campaign is *for* ("for CFOs", "aimed at clinics"), which such a clause does not say.
"""

from __future__ import annotations

import re

_COLLABORATOR = (
    r"(?:partners?|resellers?|distributors?|vendors?|sponsors?|agenc(?:y|ies)|alliances?"
    r"|integrators?|affiliates?|co-?sponsors?|co-?hosts?|dealers?|channel\s+partners?)"
)
_MADE_WITH = re.compile(
    r"\b(?:(?:together|jointly)\s+with|with|alongside|co-?(?:hosted|branded|run|funded)\s+(?:by|with)"
    r"|in\s+partnership\s+with|teaming\s+up\s+with)\s+"
    r"(?:(?:a|an|the|our|one\s+of\s+our|some|two|three|several|their)\s+)?"
    rf"(?:[\w&'-]+\s+){{0,2}}?{_COLLABORATOR}\b",
    re.IGNORECASE,
)
# A clause that also says whom it reaches still names an audience ("with a partner for CFOs").
_FOR_SOMEONE = re.compile(r"\b(?:for|targeting|aimed\s+at|to\s+reach|reaching)\b", re.IGNORECASE)


def names_only_collaborators(clause: str) -> bool:
    """The clause's people are whom the campaign is run with, not whom it is for."""
    return bool(_MADE_WITH.search(clause)) and not _FOR_SOMEONE.search(clause)
