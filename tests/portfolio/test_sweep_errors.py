"""Finding 12 of the hostile sweep: the calendar took any month, Starlette's own refusals printed
raw JSON in a browser, and a 10,000-character id came back in full in every error message."""

from __future__ import annotations

import pytest

from tests.auth.support import Browser

BROWSER = {"accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
LONG_ID = "x" * 10_000


@pytest.mark.parametrize("month", ["2101-01", "1999-12", "9999-12", "0001-01"])
async def test_the_calendar_holds_months_to_the_years_campaigns_may_have(
    marketer: Browser, month: str
) -> None:
    refused = await marketer.client.get("/calendar", params={"month": month})
    assert refused.status_code == 422
    error = refused.json()["error"]
    assert error["code"] == "VALIDATION"
    assert "2000-01 to 2100-12" in error["message"]

    page = await marketer.client.get("/calendar", params={"month": month}, headers=BROWSER)
    assert page.status_code == 422
    assert page.headers["content-type"].startswith("text/html")
    assert "2000-01 to 2100-12" in page.text
    assert "<!doctype html>" in page.text.lower()


async def test_the_last_and_first_months_do_not_link_past_the_range(marketer: Browser) -> None:
    last = await marketer.client.get("/calendar", params={"month": "2100-12"})
    first = await marketer.client.get("/calendar", params={"month": "2000-01"})
    assert (last.status_code, first.status_code) == (200, 200)
    assert "month=2101-01" not in last.text
    assert "month=1999-12" not in first.text


@pytest.mark.parametrize("path", ["/no-such-page", "/calendar/2031"])
async def test_a_page_that_does_not_exist_is_the_apps_error_page_in_a_browser(
    marketer: Browser, path: str
) -> None:
    page = await marketer.client.get(path, headers=BROWSER)
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert "Not found" in page.text
    assert '"detail"' not in page.text

    api = await marketer.client.get(path)
    assert api.status_code == 404
    assert api.json() == {"error": {"message": "Not Found", "code": "NOT_FOUND"}}


async def test_a_wrong_method_is_the_apps_json_error(marketer: Browser) -> None:
    response = await marketer.client.delete("/calendar", headers={"X-CSRF-Token": marketer.csrf})
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "METHOD_NOT_ALLOWED"
    page = await marketer.client.post(
        "/calendar", headers={**BROWSER, "X-CSRF-Token": marketer.csrf}
    )
    assert page.status_code == 405
    assert "Not available this way" in page.text
    assert "Something went wrong" not in page.text  # reads like a server fault


@pytest.mark.parametrize("path", [f"/api/campaigns/{LONG_ID}", f"/campaigns/{LONG_ID}"])
async def test_a_long_invalid_id_is_not_echoed_back_in_full(marketer: Browser, path: str) -> None:
    for headers in ({}, BROWSER):
        response = await marketer.client.get(path, headers=headers)
        assert response.status_code == 422, response.text[:200]
        assert "x" * 100 not in response.text
        assert "xxxxxxxx…" in response.text  # the echo is cut, and says so
        assert len(response.text) < 8000 if headers else len(response.text) < 500


async def test_graphql_does_not_echo_a_long_variable_in_full(marketer: Browser) -> None:
    response = await marketer.client.post(
        "/graphql",
        json={"query": "query($n: Boolean!){ __typename @skip(if: $n) }",
              "variables": {"n": LONG_ID}},
        headers={"X-CSRF-Token": marketer.csrf},
    )  # fmt: skip
    errors = response.json()["errors"]
    assert errors[0]["extensions"]["code"] == "GRAPHQL_VALIDATION"
    assert "x" * 100 not in response.text


@pytest.mark.parametrize("month", ["２０２７-０３", "٢٠٢٧-٠٣", " 2027-03", "2027-03\n"])
async def test_a_month_in_other_digits_or_with_spaces_is_refused(
    marketer: Browser, month: str
) -> None:
    refused = await marketer.client.get("/calendar", params={"month": month})
    assert refused.status_code == 422
    assert refused.json()["error"]["code"] == "VALIDATION"
