"""A compressed request body is refused with a 415 that says so (s29/n2's hostile sweep).

Nothing in the app inflates one: a gzipped edit form was parsed as no fields at all, so the save
answered "Saved." having saved nothing, and a gzipped chat message was refused as invalid UTF-8.
"""

from __future__ import annotations

import gzip
import json
from urllib.parse import urlencode

from mcc.db import Database
from mcc.models import Campaign
from tests.auth.support import Browser
from tests.web.test_campaign_pages import make
from tests.web.test_edit_merge import open_form

GZIPPED_FORM = {"content-type": "application/x-www-form-urlencoded", "content-encoding": "gzip"}


async def test_a_gzipped_edit_form_is_refused_not_saved_as_nothing(
    marketer: Browser, db: Database
) -> None:
    campaign_id = await make(db)
    fields = {**await open_form(marketer, campaign_id), "objective": "Sent gzipped"}
    response = await marketer.client.post(
        f"/campaigns/{campaign_id}",
        content=gzip.compress(urlencode(fields).encode()),
        headers={**marketer.htmx, **GZIPPED_FORM},
    )
    assert response.status_code == 415
    error = response.json()["error"]
    assert error["code"] == "UNSUPPORTED_ENCODING"
    assert "uncompressed" in error["message"]
    async with db.read() as session:
        campaign = await session.get(Campaign, campaign_id)
        assert campaign is not None
        assert campaign.objective is None

    plain = await marketer.client.post(
        f"/campaigns/{campaign_id}", data=fields, headers=marketer.htmx
    )
    assert plain.status_code == 200
    assert "Saved." in plain.text


async def test_a_gzipped_chat_message_is_refused_as_compressed(marketer: Browser) -> None:
    body = gzip.compress(json.dumps({"message": "Who approves a Tier 1 campaign?"}).encode())
    response = await marketer.client.post(
        "/api/chat/stream",
        content=body,
        headers={**marketer.htmx, "content-type": "application/json", "content-encoding": "gzip"},
    )
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "UNSUPPORTED_ENCODING"


async def test_identity_encoding_is_the_plain_body(marketer: Browser, db: Database) -> None:
    campaign_id = await make(db)
    fields = {**await open_form(marketer, campaign_id), "objective": "Sent as it is"}
    response = await marketer.client.post(
        f"/campaigns/{campaign_id}",
        content=urlencode(fields).encode(),
        headers={**marketer.htmx, **GZIPPED_FORM, "content-encoding": "identity"},
    )
    assert response.status_code == 200
    assert "Saved." in response.text
