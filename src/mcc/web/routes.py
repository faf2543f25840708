"""The web UI's routes, one module per page family; `mcc.app` includes this router."""

from __future__ import annotations

from fastapi import APIRouter

from mcc.feedback import routes as feedback
from mcc.web import (
    approvals,
    calendar,
    campaign_new,
    campaign_pages,
    chat,
    conflicts,
    dashboard,
    knowledge,
    live,
    playbooks_page,
    reports,
    signin,
    sso,
    sync_pages,
)

router = APIRouter(include_in_schema=False)
for module in (
    signin,
    sso,
    dashboard,
    live,
    chat,
    feedback,
    campaign_new,  # before `campaign_pages`: /campaigns/new is not a campaign id
    campaign_pages,
    calendar,  # issue 15: the launch calendar
    conflicts,  # issue 15: sync conflicts on the campaign page
    approvals,
    knowledge,
    sync_pages,
    playbooks_page,
    reports,
):
    router.include_router(module.router)
