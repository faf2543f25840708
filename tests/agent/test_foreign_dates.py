"""Launch dates as briefs from other countries write them ("2. Juni 2031", "le 15 mai", "20 de
mayo de 2031"), and windows said loosely ("around the middle of March"). Every wording here was
written for this file.
"""

from __future__ import annotations

from datetime import date

import pytest

from mcc.agent.extraction.fields import extract

TODAY = date(2031, 2, 3)


def _launch(message: str) -> tuple[str, str] | None:
    found = extract(message, today=TODAY, pending=())
    launch = found.values.get("launch_date")
    return (str(launch.value), launch.evidence) if launch else None


@pytest.mark.parametrize(
    ("message", "value", "words"),
    [
        ("Start: 7. Juli 2031. Budget 4k", "2031-07-07", "7. Juli 2031"),
        ("lancement le 12 mai, budget 4k", "2031-05-12", "12 mai"),
        ("fecha de lanzamiento: 9 de octubre de 2031", "2031-10-09", "9 de octubre de 2031"),
        ("go-live 21 maart 2031", "2031-03-21", "21 maart 2031"),
        ("lancio 3 settembre", "2031-09-03", "3 settembre"),
        ("lançamento 15 de março de 2031", "2031-03-15", "15 de março de 2031"),
        ("on commence le 1er juillet 2031", "2031-07-01", "1er juillet 2031"),
    ],
)
def test_a_date_in_another_language_is_read_with_its_own_words(
    message: str, value: str, words: str
) -> None:
    assert _launch(message) == (value, words)


@pytest.mark.parametrize("message", ["we sell mayo and mars bars", "Marco runs the mai tai bar"])
def test_a_month_name_without_a_day_is_another_word(message: str) -> None:
    assert _launch(message) is None


def test_the_middle_of_a_month_is_read_as_mid_month() -> None:
    assert _launch("launch the middle of April") == ("2031-04-15", "the middle of April")


def test_a_window_said_around_is_asked_about() -> None:
    found = extract("budget 9k, launch around the middle of April", today=TODAY, pending=())
    assert "launch_date" not in found.values
    assert any("window" in problem for problem in found.problems)
