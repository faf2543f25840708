"""Grounded answers from the knowledge base, with inline citations.

The assistant sees the knowledge base only through `KnowledgeSearch` (the DB-backed knowledge
service implements it too). The default adapter indexes the bundled playbooks with BM25 once,
lazily, without loading the dense model. An answer quotes the hits it relies on and numbers them
([1], [2]); when no hit covers enough of the question's words (`min_relevance`, a share from 0 to
1) it says the playbooks don't cover it instead of stretching an unrelated passage.
"""

from __future__ import annotations

import asyncio
import re
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from mcc.agent import policy_answers
from mcc.agent.extraction.vocabulary import types_in
from mcc.campaigns.plans import Checklist, bundled_checklists
from mcc.campaigns.tiers import BUNDLED

if TYPE_CHECKING:
    from mcc.campaigns.tiers import TierPolicy
    from mcc.knowledge.index import HybridIndex, SearchHit, Tokenizer

NOT_COVERED = (
    "The playbooks don't cover that, so I won't guess. I can answer questions about campaign "
    "tiers, approvals, lead times, the channel playbooks and the templates, or help you plan a "
    "campaign."
)
# Words that carry no topic: question words, pronouns, fillers, and words every playbook uses.
_STOP = frozenset(
    """a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing don down during each few for
    from further had has have haven having he her here hers him his how i if in into is isn
    it its itself just let me more most my no nor not of off on once only or other our ours
    out over own same she should so some such than that the their them then there these they
    this those through to too under until up very was we were what when where which while
    who whom why will with would you your yours actually also anyone anything really tell
    say go going got get gets us may might must shall need needs want wants like know please
    help thanks thank lot lots much many way ways thing things something someone yet ok okay
    best practice practices good make campaign campaigns marketing yes yeah yep no nope
    maybe sure hmm hi hello hey far ahead long soon early advance""".split()  # noqa: SIM905
)
_CHECKLIST_QUESTION = re.compile(
    r"\b(?:steps?|checklist|tasks?|process|timeline|schedule|to-?do|workflow|phases?)\b",
    re.IGNORECASE,
)


class KnowledgeSearch(Protocol):
    async def search(
        self, query: str, k: int = 5, category: str | None = None
    ) -> list[SearchHit]: ...


@dataclass(frozen=True)
class CitationRef:
    index: int
    label: str
    doc_id: str
    snippet: str

    def as_json(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "label": self.label,
            "docId": self.doc_id,
            "snippet": self.snippet,
        }


@dataclass(frozen=True)
class KnowledgeAnswer:
    text: str
    citations: tuple[CitationRef, ...]
    covered: bool


class BundledKnowledge:
    """BM25 over the bundled content, built on first search (about a quarter of a second)."""

    def __init__(self, root: Path | None = None) -> None:
        self._root = root
        self._index: HybridIndex | None = None
        self._lock = threading.Lock()

    def _build(self) -> HybridIndex:
        from mcc.knowledge.index import DocumentInput, HybridIndex
        from mcc.knowledge.parsing import parse_file
        from mcc.knowledge.service import bundled_content

        with self._lock:
            if self._index is None:
                root = self._root or bundled_content()
                items = [
                    DocumentInput(
                        str(path.relative_to(root)),
                        parse_file(path),
                        path=str(path.relative_to(root)),
                    )
                    for path in sorted(root.rglob("*.md"))
                ]
                index = HybridIndex(embedder=None)
                index.add_documents(items)
                self._index = index
            return self._index

    async def search(self, query: str, k: int = 5, category: str | None = None) -> list[SearchHit]:
        index = self._index if self._index is not None else await asyncio.to_thread(self._build)
        return index.search(query, k, mode="bm25", category=category)


@cache
def bundled_knowledge() -> BundledKnowledge:
    return BundledKnowledge()


@cache
def _tokenizer() -> Tokenizer:
    from mcc.knowledge.index import Tokenizer

    return Tokenizer()


def topic_words(question: str) -> list[str]:
    return [w for w in re.findall(r"[\w$%-]+", question.lower()) if w not in _STOP]


def relevance(question: str, hit: SearchHit) -> float:
    """The share of the question's topic words (stemmed) that the hit's passage contains."""
    tokenize = _tokenizer()
    terms = list(dict.fromkeys(tokenize(" ".join(topic_words(question)))))
    if not terms:
        return 0.0
    found = set(tokenize(hit.chunk.indexed_text))
    return sum(term in found for term in terms) / len(terms)


def _checklist_answer(checklist: Checklist) -> KnowledgeAnswer:
    lines = [f"The {checklist.title}'s task checklist [1], counted back from the launch date:"]
    for number, item in enumerate(checklist.items, start=1):
        when = (
            "on launch day"
            if item.starts_before == 0
            else f"{abs(item.starts_before)} days {'before' if item.starts_before > 0 else 'after'}"
            " launch"
        )
        lines.append(f"{number}. {item.name} — {item.owner_role}, starts {when}")
    lines.append(f"\nSources: [1] {checklist.citation}")
    citation = CitationRef(1, checklist.citation, checklist.campaign_type, "")
    return KnowledgeAnswer("\n".join(lines), (citation,), True)


# The document the tier policy's citation points to (an admin's own policy file has no document).
POLICY_DOC = BUNDLED[1].removeprefix("content/")


@cache
def _bundled_policy() -> TierPolicy:
    from mcc.campaigns.tiers import TierPolicy

    return TierPolicy.bundled()


async def answer(
    search: KnowledgeSearch,
    question: str,
    *,
    min_relevance: float,
    limit: int = 3,
    policy: TierPolicy | None = None,
) -> KnowledgeAnswer:
    """An answer quoting the relevant hits with numbered citations, or `NOT_COVERED`.

    Approver, lead-time and tier questions are answered from `policy` (when given), the single
    source of those facts; checklist questions from the type's checklist; the rest by retrieval.
    """
    if policy is not None:
        doc_id = POLICY_DOC if policy == _bundled_policy() else ""
        reply = policy_answers.answer(question, policy, doc_id)
        if reply is not None:
            citations = tuple(
                CitationRef(number, label, doc_id, "")
                for number, (label, doc_id) in enumerate(reply.citations, start=1)
            )
            return KnowledgeAnswer(reply.text, citations, True)
    found_types = types_in(question)
    if found_types and _CHECKLIST_QUESTION.search(question):
        checklist = bundled_checklists().get(found_types[0][1].value)
        if checklist is not None:
            return _checklist_answer(checklist)
    query = " ".join(topic_words(question)) or question
    hits = await search.search(query, k=8)
    chosen: list[SearchHit] = []
    for hit in hits:
        labels = {h.citation.label for h in chosen}
        if relevance(question, hit) >= min_relevance and hit.citation.label not in labels:
            chosen.append(hit)
        if len(chosen) == limit:
            break
    if not chosen:
        return KnowledgeAnswer(NOT_COVERED, (), False)
    citations = tuple(
        CitationRef(number, hit.citation.label, hit.document.doc_id, hit.snippet)
        for number, hit in enumerate(chosen, start=1)
    )
    lines = ["Here's what the playbooks say:", ""]
    lines += [f"- {_clean(ref.snippet)} [{ref.index}]" for ref in citations]
    lines += ["", "Sources: " + "; ".join(f"[{ref.index}] {ref.label}" for ref in citations)]
    notes = {hit.mode_note for hit in chosen if hit.mode_note}
    lines += [f"({note})" for note in sorted(notes)]
    return KnowledgeAnswer("\n".join(lines), citations, True)


def _clean(snippet: str) -> str:
    return re.sub(r"\s+", " ", snippet.replace("**", "")).strip()
