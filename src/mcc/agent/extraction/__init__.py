"""Deterministic extraction of campaign fields from what a user types (the offline engine's
ears, and the guardrails' way of checking that an LLM's value is really in the user's words)."""

from mcc.agent.extraction.date_mentions import DateMention
from mcc.agent.extraction.dates import find_dates
from mcc.agent.extraction.fields import extract, kpi_target
from mcc.agent.extraction.phrase_dates import warm_up
from mcc.agent.extraction.spans import Candidate, Extraction
from mcc.agent.extraction.structured import unescaped

__all__ = [
    "Candidate",
    "DateMention",
    "Extraction",
    "extract",
    "find_dates",
    "kpi_target",
    "unescaped",
    "warm_up",
]
