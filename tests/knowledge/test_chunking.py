from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mcc.knowledge.chunking import ChunkingConfig, chunk_text

DOC = """# Campaign Tier Definitions

Every campaign gets a tier.

## Tier 1 Campaigns

Tier 1 covers the biggest programs.

| Tier | Lead time | Approver |
| --- | --- | --- |
| 1 | 12 weeks | VP of Marketing |
| 2 | 6 weeks | Marketing Director |

### Requirements

- Lead time of 12 weeks.
- Approver: VP of Marketing.
  Continued line of the same item.
- Executive review.

```yaml
tiers: {1: 12}
```

## Tier 2 Campaigns

Tier 2 covers sizeable work.
"""


def test_section_paths_follow_the_heading_hierarchy() -> None:
    chunks = chunk_text("tiers.md", "Campaign Tier Definitions", DOC)
    assert [c.section for c in chunks] == [
        "Campaign Tier Definitions",
        "Campaign Tier Definitions › Tier 1 Campaigns",
        "Campaign Tier Definitions › Tier 1 Campaigns › Requirements",
        "Campaign Tier Definitions › Tier 2 Campaigns",
    ]
    assert [c.ordinal for c in chunks] == [0, 1, 2, 3]
    assert all(c.text == DOC[c.start : c.end] for c in chunks)
    assert all(c.doc_id == "tiers.md" and c.chunk_id == f"tiers.md#{c.ordinal}" for c in chunks)
    assert not any(line.startswith("#") for c in chunks for line in c.text.splitlines())


@pytest.mark.parametrize(
    ("text", "sections"),
    [
        # Icons in a handbook page's headings: '<i class="fas fa-users"></i> How we work'.
        (
            '## <i class="fas fa-users fa-fw color-orange"></i> How we work\n\nAs one team.\n\n'
            "## Use <code>utm_source</code> values\n\nLower case.\n",
            ["How we work", "Use utm_source values"],
        ),
        # and Markdown marks: '... › If our sponsorship **does include** speaking session'.
        (
            "## If our sponsorship **does include** speaking session\n\nTag the ECM.\n\n"
            "## Set `utm_source` in [the builder](/handbook/utm) __first__\n\nLower case.\n",
            [
                "If our sponsorship does include speaking session",
                "Set utm_source in the builder first",
            ],
        ),
    ],
    ids=["inline-html", "emphasis-code-links"],
)
def test_markup_in_a_heading_stays_out_of_the_citation(text: str, sections: list[str]) -> None:
    """Found by uploading handbook pages in newcomer runs: every citation showed the markup."""
    chunks = chunk_text("handbook.md", "Handbook", text)
    assert [c.section for c in chunks] == sections


def test_indexed_text_carries_title_and_section() -> None:
    chunks = chunk_text("t", "Tier Guide", "## Budget\n\nAt least $100,000.")
    assert chunks[0].indexed_text == "Tier Guide\nBudget\nAt least $100,000."
    # The title is not repeated when the path already starts with it.
    chunks = chunk_text("t", "Campaign Tier Definitions", DOC)
    assert chunks[1].indexed_text.startswith("Campaign Tier Definitions › Tier 1 Campaigns\n")


def test_the_embedded_text_has_the_title_and_the_nearest_heading_only() -> None:
    chunks = chunk_text("t", "Campaign Tier Definitions", DOC)
    by_section = {c.section: c for c in chunks}
    deep = by_section["Campaign Tier Definitions › Tier 1 Campaigns › Requirements"]
    assert deep.embedded_text == f"Campaign Tier Definitions\nRequirements\n{deep.text}"
    top = by_section["Campaign Tier Definitions"]  # the title is not repeated as its heading
    assert top.embedded_text == f"Campaign Tier Definitions\n{top.text}"
    (bare,) = chunk_text("t", "Notes", "No heading at all.")
    assert bare.embedded_text == "Notes\nNo heading at all."
    # BM25 keeps the whole path: "tier 1 requirements" finds the chunk by its words.
    assert "Tier 1 Campaigns" in deep.indexed_text


def test_tables_lists_and_code_stay_whole_when_they_fit() -> None:
    chunks = chunk_text("t", "T", DOC, ChunkingConfig(max_chars=150, overlap_chars=40))
    table = "| 1 | 12 weeks | VP of Marketing |\n| 2 | 6 weeks | Marketing Director |"
    assert sum(table in c.text for c in chunks) == 1
    listing = "- Approver: VP of Marketing.\n  Continued line of the same item.\n- Executive"
    assert sum(listing in c.text for c in chunks) == 1
    assert sum("```yaml\ntiers: {1: 12}\n```" in c.text for c in chunks) == 1


def test_oversized_table_is_split_between_rows() -> None:
    rows = "\n".join(f"| row {i} | {'x' * 40} |" for i in range(20))
    text = f"## Big\n\n| a | b |\n| --- | --- |\n{rows}\n"
    chunks = chunk_text("t", "T", text, ChunkingConfig(max_chars=200, overlap_chars=50))
    assert len(chunks) > 1
    for chunk in chunks:
        assert len(chunk.text) <= 200
        assert all(line.startswith("|") and line.endswith("|") for line in chunk.text.split("\n"))


def test_long_prose_is_split_with_overlap_at_sentence_boundaries() -> None:
    sentences = [f"Sentence number {i} talks about campaign budgets and pacing." for i in range(40)]
    text = "## Budgets\n\n" + " ".join(sentences)
    config = ChunkingConfig(max_chars=300, overlap_chars=100)
    chunks = chunk_text("t", "T", text, config)
    assert len(chunks) > 3
    for previous, chunk in itertools.pairwise(chunks):
        assert len(chunk.text) <= 300
        assert chunk.start < previous.end, "consecutive chunks of a section overlap"
        assert previous.end - chunk.start <= 100
        assert chunk.text.startswith("Sentence number"), "overlap starts at a sentence"
    covered = "".join(text[c.start : c.end] for c in chunks)
    assert all(s in covered for s in sentences)


def test_no_overlap_across_sections_or_after_a_table() -> None:
    chunks = chunk_text("t", "T", DOC, ChunkingConfig(max_chars=150, overlap_chars=60))
    for previous, chunk in itertools.pairwise(chunks):
        if previous.section_path != chunk.section_path or previous.text.endswith("|"):
            assert chunk.start >= previous.end


def test_heading_only_or_empty_text_gives_no_chunks() -> None:
    assert chunk_text("t", "T", "") == []
    assert chunk_text("t", "T", "# A\n\n## B\n") == []


def test_config_is_validated() -> None:
    with pytest.raises(ValueError, match="max_chars"):
        ChunkingConfig(max_chars=10)
    with pytest.raises(ValueError, match="overlap"):
        ChunkingConfig(max_chars=200, overlap_chars=150)


_words = st.text(alphabet="abcdefghij", min_size=1, max_size=12)
_line = st.one_of(
    st.lists(_words, min_size=1, max_size=30).map(lambda ws: " ".join(ws) + "."),
    st.lists(_words, min_size=1, max_size=8).map(lambda ws: "- " + " ".join(ws)),
    st.lists(_words, min_size=1, max_size=4).map(lambda ws: "| " + " | ".join(ws) + " |"),
    _words.map(lambda w: "## " + w),
    st.just(""),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_line, max_size=60), st.integers(100, 400), st.integers(0, 50))
def test_chunks_are_exact_bounded_slices_covering_every_word(
    lines: list[str], max_chars: int, overlap: int
) -> None:
    text = "\n".join(lines)
    chunks = chunk_text("d", "Title", text, ChunkingConfig(max_chars, overlap))
    assert [c.ordinal for c in chunks] == list(range(len(chunks)))
    for chunk in chunks:
        assert chunk.text == text[chunk.start : chunk.end]
        assert chunk.text == chunk.text.strip() != ""
        assert len(chunk.text) <= max_chars
    body = [line for line in lines if line.strip() and not line.startswith("#")]
    words = {w for line in body for w in re.findall(r"[a-j]+", line)}
    found = {w for c in chunks for w in re.findall(r"[a-j]+", c.text)}
    assert words <= found
