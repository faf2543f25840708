"""`Scope`: what one caller may see and change, decided in one place.

Built from the signed-in `CurrentUser` (its role and the teams it belongs to, which the auth
middleware loads with the user on every request, so a membership change applies to the next
request). The campaign repository filters every query by it and the campaign service checks it
before every change, so each door (REST, pages, GraphQL, SSE, chat, CLI) gets the same answer:

- a campaign of a team the caller is not in does not exist for them (NOT_FOUND, never a hint);
- a viewer reads its teams' campaigns and changes nothing (FORBIDDEN);
- marketer, manager, director and vp create and edit their teams' campaigns;
- an admin, and the system itself (sync workers, `mcc` commands run without `--as`), see all.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from mcc.auth.schemas import CurrentUser, Role
from mcc.exceptions import ForbiddenError

VIEWER_CANNOT_EDIT = "Viewers can read campaigns but not change them; ask an admin for a role"


@dataclass(frozen=True)
class Scope:
    # None: every team, and campaigns of no team (rows the sync imported before teams existed).
    team_ids: frozenset[uuid.UUID] | None
    can_edit: bool
    user_id: uuid.UUID | None = None  # None: the system, not a person
    email: str | None = None
    role: Role = Role.ADMIN

    @classmethod
    def of(cls, user: CurrentUser) -> Scope:
        return cls(
            team_ids=None if user.is_admin else user.team_ids,
            can_edit=user.can_edit,
            user_id=user.id,
            email=user.email,
            role=user.role,
        )

    @classmethod
    def system(cls) -> Scope:
        """Everything: the sync, the workers and operator commands that act as no one."""
        return cls(team_ids=None, can_edit=True)

    @property
    def sees_everything(self) -> bool:
        return self.team_ids is None

    def sees(self, team_id: uuid.UUID | None) -> bool:
        return self.team_ids is None or (team_id is not None and team_id in self.team_ids)

    def require_edit(self) -> None:
        if not self.can_edit:
            raise ForbiddenError(VIEWER_CANNOT_EDIT)
