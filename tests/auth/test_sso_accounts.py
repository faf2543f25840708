"""Group mapping (`MCC_OIDC_GROUPS`) and just-in-time accounts, on both databases."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mcc.auth.schemas import Role
from mcc.auth.service import AuthService
from mcc.auth.sso.accounts import SsoAccounts
from mcc.auth.sso.groups import Grant, grant_for, parse_group_rules
from mcc.auth.sso.provider import Identity
from mcc.config import Settings
from mcc.exceptions import ConfigurationError, ConflictError, ForbiddenError, UnauthenticatedError
from mcc.models import Team, TeamMember

RULES = parse_group_rules(
    "mcc-emea-marketers=EMEA:marketer, mcc-vps=EMEA:vp,mcc-apac=APAC:Manager,mcc-admins=*:admin,"
)


def test_groups_map_to_teams_and_the_highest_role() -> None:
    assert grant_for(["mcc-emea-marketers", "other"], RULES) == Grant(frozenset({"EMEA"}),
                                                                       Role.MARKETER)  # fmt: skip
    assert grant_for(["mcc-apac", "mcc-vps"], RULES) == Grant(frozenset({"EMEA", "APAC"}), Role.VP)
    assert grant_for(["mcc-admins"], RULES) == Grant(frozenset(), Role.ADMIN)
    assert grant_for(["other"], RULES) is None
    assert grant_for([], RULES) is None


@pytest.mark.parametrize(
    ("text", "problem"),
    [("mcc-x", "not GROUP=TEAM:ROLE"), ("g=Team", "not GROUP=TEAM:ROLE"),
     ("=T:viewer", "not GROUP=TEAM:ROLE"), ("g=T:boss", "unknown role 'boss'"),
     ("g=:viewer", "not GROUP=TEAM:ROLE")],
)  # fmt: skip
def test_a_malformed_mapping_names_the_entry(text: str, problem: str) -> None:
    with pytest.raises(ConfigurationError, match=problem):
        parse_group_rules(text)


def test_sso_only_needs_sso_configured(tmp_path: object) -> None:
    with pytest.raises(ValueError, match="MCC_LOCAL_PASSWORDS=false needs SSO"):
        Settings(local_passwords=False)
    assert Settings(
        local_passwords=False, oidc_issuer="http://idp", oidc_client_id="c"
    ).oidc_enabled


async def _teams(session: AsyncSession, user_id: object) -> set[str]:
    rows = await session.scalars(
        select(Team.name).join(TeamMember, TeamMember.team_id == Team.id)
        .where(TeamMember.user_id == user_id)
    )  # fmt: skip
    return set(rows.all())


async def test_first_sign_in_creates_the_account_and_later_ones_follow_the_groups(
    session: AsyncSession,
) -> None:
    accounts = SsoAccounts(session)
    identity = Identity("http://idp|abc", "Ana@Corp.test", ["mcc-emea-marketers"])
    user = await accounts.sign_in(identity, grant_for(identity.groups, RULES))
    assert (user.email, user.role, user.password_hash) == ("ana@corp.test", "marketer", None)
    assert await _teams(session, user.id) == {"EMEA"}
    again = await accounts.sign_in(identity, grant_for(["mcc-apac"], RULES))
    assert again.id == user.id
    assert (again.role, await _teams(session, user.id)) == ("manager", {"APAC"})
    renamed = Identity("http://idp|abc", "ana.lopez@corp.test", ["mcc-apac"])
    assert (await accounts.sign_in(renamed, grant_for(renamed.groups, RULES))).id == user.id
    assert user.email == "ana.lopez@corp.test"


async def test_linking_refusing_and_deactivated_accounts(session: AsyncSession) -> None:
    local = await AuthService(session).create_user("bo@corp.test", "a long password")
    accounts = SsoAccounts(session)
    grant = grant_for(["mcc-emea-marketers"], RULES)
    linked = await accounts.sign_in(Identity("http://idp|bo", "bo@corp.test", []), grant)
    assert linked.id == local.id  # the provider vouches for the address: same person
    assert local.sso_subject == "http://idp|bo"
    with pytest.raises(ConflictError, match="linked to another"):
        await accounts.sign_in(Identity("http://idp|impostor", "bo@corp.test", []), grant)
    with pytest.raises(ForbiddenError, match="not in any group"):
        await accounts.sign_in(Identity("http://idp|cy", "cy@corp.test", []), None)
    await AuthService(session).deactivate(local)
    with pytest.raises(UnauthenticatedError, match="deactivated"):
        await accounts.sign_in(Identity("http://idp|bo", "bo@corp.test", []), grant)
