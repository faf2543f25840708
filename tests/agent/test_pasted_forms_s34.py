"""Briefs pasted in the shapes people copy them from: a two-column markdown table, a CSV header
with its row, a printed form with dotted leaders, numbered action items. Each is read field by
field, and a value under its own label is never taken for a reply.

Wordings written for this file (s34), not from an evaluation set."""

from __future__ import annotations

from datetime import date

from mcc.agent.extraction import extract
from mcc.agent.extraction.tabular import columns_as_labelled_lines
from mcc.agent.guardrails import FieldUpdate, check_grounded

TODAY = date(2031, 1, 6)


def _values(text: str) -> dict[str, object]:
    return {name: c.value for name, c in extract(text, today=TODAY).values.items()}


def test_a_two_column_markdown_table_is_read_row_by_row() -> None:
    text = (
        "| Field | Value |\n|---|---|\n| Campaign | Tidewater Tastings |\n| Kind | webinar |\n"
        "| Who | sommeliers at coastal hotels |\n| Why | 90 tasting-kit orders |\n"
        "| Spend | USD 18,500 |\n| Go-live | 2031-03-12 |"
    )
    values = _values(text)
    assert values["name"] == "Tidewater Tastings"  # not "Tidewater Tastings |"
    assert values["target_audience"] == "sommeliers at coastal hotels"
    assert values["objective"] == "90 tasting-kit orders"
    assert values["budget"] == "18500"
    assert values["launch_date"] == "2031-03-12"


def test_a_table_whose_header_names_fields_is_still_read_by_column() -> None:
    text = "| Name | Budget |\n|---|---|\n| Quay Lights | $9k |"
    assert columns_as_labelled_lines(text) == "Name: Quay Lights\nBudget: $9k"


def test_pipes_without_a_table_rule_are_left_alone() -> None:
    text = "| a note | not a table |\n| just | pipes |\n| in | text |"
    assert columns_as_labelled_lines(text) == text


def test_a_csv_header_and_its_row_are_read_by_column() -> None:
    text = (
        "row from the planning sheet:\n"
        "name,type,audience,objective,budget,launch_date\n"
        '"Fernhill Open Studios",Event,"art teachers in Devon","300 studio visits","GBP 6,000",'
        '"14 Jun 2031"'
    )
    values = _values(text)
    assert values["name"] == "Fernhill Open Studios"
    assert values["target_audience"] == "art teachers in Devon"
    assert values["objective"] == "300 studio visits"
    assert (values["budget"], values["currency"]) == ("6000", "GBP")
    assert values["launch_date"] == "2031-06-14"


def test_a_printed_forms_dotted_leaders_end_its_labels() -> None:
    text = (
        "REQUEST FORM\n01 Name ........ Saltmarsh Supper Club\n02 Type ........ event\n"
        "03 Audience .... chefs running farm-to-table kitchens\n04 Budget ...... 22k USD"
    )
    values = _values(text)
    assert values["name"] == "Saltmarsh Supper Club"
    assert values["target_audience"] == "chefs running farm-to-table kitchens"
    assert values["budget"] == "22000"  # not the "04" of the line's number


def test_numbered_items_with_a_word_after_the_label() -> None:
    text = (
        "Notes from the planning call:\n1. Audience agreed: estate agents in Leeds\n"
        "2. Objective agreed: 40 valuation bookings\n3. Budget agreed: £7,000"
    )
    values = _values(text)
    assert values["target_audience"] == "estate agents in Leeds"
    assert values["objective"] == "40 valuation bookings"


def test_a_value_under_its_label_is_not_judged_a_reply() -> None:
    """The act classifier may take a phrase about a waiting list for a status question; under
    "Audience" in the user's own table it is the audience."""
    message = (
        "| Field | Value |\n|---|---|\n| Audience | families on the waiting list |\n"
        "| Budget | $5k |"
    )
    update = FieldUpdate(
        "target_audience", "families on the waiting list", "families on the waiting list"
    )
    assert check_grounded(update, [message], today=TODAY, flagship_keywords=()) is None
    # A reply under a label is still a reply by the exact rules.
    command = "Name: yes, create it"
    update = FieldUpdate("name", "yes, create it", "yes, create it")
    assert check_grounded(update, [command], today=TODAY, flagship_keywords=()) is not None
