"""The web UI's routes, one module per page family; `mcc.app` includes this router."""

from __future__ import annotations

from fastapi import APIRouter

from mcc.feedback import routes as feedback
from mcc.web import (
    approvals,
    campaign_pages,
    chat,
    dashboard,
    knowledge,
    live,
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
    campaign_pages,
    approvals,
    knowledge,
    sync_pages,
    reports,
):
    router.include_router(module.router)
