"""A value read from a sheet by column keeps the cell the user typed as its evidence."""

from __future__ import annotations

from dataclasses import replace

from mcc.agent.extraction.spans import Candidate, Extraction


def cells_as_evidence(message: str, result: Extraction) -> None:
    """A value read from a sheet by column has its cell as evidence ("ops managers in Texas"),
    not the labelled line it was read as ("Audience: ops managers in Texas"), which the user
    never typed."""

    def in_cell(candidate: Candidate) -> Candidate:
        if candidate.evidence in message or ":" not in candidate.evidence:
            return candidate
        cell = candidate.evidence.split(":", 1)[1].strip()
        return replace(candidate, evidence=cell) if cell in message else candidate

    result.values = {name: in_cell(candidate) for name, candidate in result.values.items()}
    result.channels = [in_cell(candidate) for candidate in result.channels]
