"""The Approvals page in a signed-in browser session: the list, the forms, their errors."""

from __future__ import annotations

from html import unescape

from sqlalchemy import select

from mcc.app import create_app
from mcc.auth.schemas import Role
from mcc.config import Settings
from mcc.db import Database
from mcc.models import Team, TeamMember, User
from tests.approvals.conftest import People
from tests.approvals.test_approvals import create, outbox
from tests.auth.support import browser


async def join(db: Database, email: str, team: str) -> None:
    async with db.write() as session:
        team_id = await session.scalar(select(Team.id).where(Team.name == team))
        user_id = await session.scalar(select(User.id).where(User.email == email))
        assert team_id is not None
        assert user_id is not None
        session.add(TeamMember(team_id=team_id, user_id=user_id))


async def test_a_vp_decides_on_the_approvals_page(
    people: People, db: Database, settings: Settings
) -> None:
    campaign_id = await create(people, "author", "150000", name="Page Summit")
    app = create_app(settings, database=db)
    async with browser(app, db, "pagevp@mcc.test", Role.VP) as vp:
        empty = await vp.client.get("/approvals")
        assert "Nothing waits for your approval." in empty.text  # not in the team yet
        await join(db, "pagevp@mcc.test", "Brand")
        page = unescape((await vp.client.get("/approvals")).text)
        assert "Page Summit" in page
        assert "VP of Marketing (vp or above)" in page
        assert "new Tier 1 campaign" in page

        form = {"csrf_token": vp.csrf, "comment": "  "}
        blank = await vp.client.post(f"/approvals/{campaign_id}/reject", data=form)
        assert blank.status_code == 422
        assert "A rejection needs a comment" in blank.text
        odd = await vp.client.post(f"/approvals/{campaign_id}/maybe", data=form)
        assert odd.status_code == 404
        assert await outbox(db, campaign_id) == [("workmgmt.create_project", "held")]

        form["comment"] = "Fine by me"
        done = await vp.client.post(f"/approvals/{campaign_id}/approve", data=form)
        assert done.status_code == 303
        after = unescape((await vp.client.get(done.headers["location"])).text)
        assert "Approved “Page Summit”." in after
        assert "Nothing waits for your approval." in after
        detail = unescape((await vp.client.get(f"/campaigns/{campaign_id}")).text)
        assert "Approved by pagevp@mcc.test" in detail
        assert "“Fine by me”" in detail
