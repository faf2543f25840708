"""Feedback in Chromium against a real server: a marketer rates an answer with a comment (the
verdict survives a reload), then answers the pilot survey from the menu, twice in one week."""

from __future__ import annotations

import pytest
from playwright.async_api import Browser, expect

from mcc.auth.schemas import Role
from mcc.auth.service import AuthService
from mcc.db import Database
from tests.e2e.pages import ChatPage, Server, SignInPage, screenshot

EMAIL, PASSWORD = "fay@mcc.test", "feedback flow 123"


@pytest.fixture(scope="module")
async def pilot_user(server: Server) -> None:
    database = Database.from_url(server.database)
    try:
        async with database.write() as session:
            await AuthService(session).create_user(EMAIL, PASSWORD, role=Role.MARKETER)
    finally:
        await database.dispose()


async def test_rate_an_answer_and_answer_the_pilot_survey(
    browser: Browser, server: Server, pilot_user: None
) -> None:
    context = await browser.new_context(viewport={"width": 1280, "height": 860})
    page = await context.new_page()
    await SignInPage(page, server).sign_in(EMAIL, PASSWORD)
    chat = ChatPage(page, server)
    await chat.open()
    reply = await chat.say("What is the launch checklist?")
    rating = reply.locator("form.rating")
    await rating.get_by_text("Comment", exact=True).click()
    await rating.get_by_label("Comment on this answer").fill("Missing the legal review step")
    await rating.get_by_role("button", name="Not helpful", exact=True).click()
    await expect(page.locator("form.rating [role=status]")).to_contain_text("recorded")
    down = page.locator("form.rating").first.get_by_role("button", name="Not helpful", exact=True)
    await expect(down).to_have_attribute("aria-pressed", "true")
    await screenshot(page, "feedback-rated")

    await page.reload()
    answer = chat.replies.first.locator("form.rating")
    await expect(answer.get_by_role("button", name="Not helpful", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    await expect(answer.get_by_label("Comment on this answer")).to_have_value(
        "Missing the legal review step"
    )

    await page.get_by_role("link", name="Pilot survey").click()
    for question, score in (("Ease of use", "4"), ("Response quality", "3"),
                            ("Time saved", "4"), ("Overall satisfaction", "5")):  # fmt: skip
        await page.get_by_role("group", name=question).get_by_label(score, exact=True).check()
    await page.get_by_label("Issues you met").fill("The first answer took a while")
    await page.get_by_label("Minutes saved per campaign").fill("20")
    await page.get_by_role("button", name="Send my answers").click()
    await expect(page.locator("p.notice[role=status]")).to_contain_text("are saved.")
    await screenshot(page, "feedback-survey")

    await page.get_by_role("link", name="Pilot survey").click()
    await expect(page.get_by_text("You answered this week already")).to_be_visible()
    group = page.get_by_role("group", name="Overall satisfaction")
    await expect(group.get_by_label("5", exact=True)).to_be_checked()
    await group.get_by_label("4", exact=True).check()
    await page.get_by_role("button", name="Send my answers").click()
    await expect(page.locator("p.notice[role=status]")).to_contain_text("they replace")
    await context.close()
