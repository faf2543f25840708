"""`MCC_OIDC_GROUPS`: which identity-provider groups give which team and role.

Format: comma-separated `GROUP=TEAM:ROLE` entries, e.g.
`mcc-emea-marketers=EMEA:marketer,mcc-vps=EMEA:vp,mcc-admins=*:admin`. A user gets every team
of every entry whose group they are in, and the highest role among them (a user has one role, as
for local accounts). TEAM `*` grants the role without a team (admins see every team anyway).
A user in none of the groups gets no account: the groups are the guest list.
"""

from __future__ import annotations

from dataclasses import dataclass

from mcc.auth.schemas import Role
from mcc.exceptions import ConfigurationError

ANY_TEAM = "*"
TEAM_NAME_MAX = 100


@dataclass(frozen=True)
class GroupRule:
    group: str
    team: str | None  # None: the `*` entry, a role without a team
    role: Role


@dataclass(frozen=True)
class Grant:
    """What a user's groups give them: the teams to belong to (exactly) and the role."""

    teams: frozenset[str]
    role: Role


def parse_group_rules(text: str) -> tuple[GroupRule, ...]:
    """The rules of `MCC_OIDC_GROUPS`; a malformed entry is an operator's error, named exactly."""
    rules: list[GroupRule] = []
    for raw in text.split(","):
        entry = raw.strip()
        if not entry:
            continue
        group, equals, target = entry.partition("=")
        team, colon, role = target.rpartition(":")
        if not equals or not colon or not group.strip() or not team.strip():
            raise ConfigurationError(
                f"MCC_OIDC_GROUPS entry {entry!r} is not GROUP=TEAM:ROLE "
                "(e.g. mcc-emea-marketers=EMEA:marketer, or mcc-admins=*:admin)"
            )
        try:
            parsed_role = Role(role.strip().lower())
        except ValueError:
            known = ", ".join(r.value for r in Role)
            raise ConfigurationError(
                f"MCC_OIDC_GROUPS entry {entry!r}: unknown role {role.strip()!r} (one of {known})"
            ) from None
        team_name = team.strip()
        if len(team_name) > TEAM_NAME_MAX:
            raise ConfigurationError(f"MCC_OIDC_GROUPS entry {entry!r}: team name too long")
        rules.append(
            GroupRule(group.strip(), None if team_name == ANY_TEAM else team_name, parsed_role)
        )
    return tuple(rules)


def grant_for(groups: list[str], rules: tuple[GroupRule, ...]) -> Grant | None:
    """The teams and role `groups` give, or None when no rule matches (no access)."""
    member_of = set(groups)
    matched = [rule for rule in rules if rule.group in member_of]
    if not matched:
        return None
    role = max((rule.role for rule in matched), key=lambda r: r.level)
    teams = frozenset(rule.team for rule in matched if rule.team is not None)
    return Grant(teams, role)
