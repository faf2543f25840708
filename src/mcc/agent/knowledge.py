"""Grounded answers from the knowledge base, with inline citations.

The assistant sees the knowledge base only through `KnowledgeSearch` (the DB-backed knowledge
service implements it too). The default adapter indexes the bundled playbooks with BM25 once,
lazily, without loading the dense model. An answer quotes the hits it relies on and numbers them
([1], [2]); when no hit covers enough of the question's words (`min_relevance`, a share from 0 to
1) it says the playbooks don't cover it instead of stretching an unrelated passage.
"""

from __future__ import annotations

import asyncio
import itertools
import re
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from mcc.agent import answer_types, policy_answers
from mcc.agent.extraction.vocabulary import types_in
from mcc.agent.phrasings import PHRASINGS, american_spelling
from mcc.agent.table_rows import unit_row
from mcc.agent.typos import corrected
from mcc.agent.whole_sentences import whole
from mcc.campaigns.plans import Checklist, bundled_checklists
from mcc.campaigns.tiers import BUNDLED

if TYPE_CHECKING:
    from mcc.campaigns.tiers import TierPolicy
    from mcc.knowledge.index import HybridIndex, SearchHit, Tokenizer

NOT_COVERED = (
    "I couldn't find that in the knowledge base: the playbooks don't cover it, so I won't guess. "
    "I can answer questions about campaign "
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
    maybe sure hmm hi hello hey far ahead long soon early advance rule rules guideline
    guidelines guidance policy policies standard standards goes went contain contains
    include includes happens happen mean means supposed exactly typically usually normally
    generally stuff dumb silly stupid quick question sorry wondering curious take takes
    took random q qq thx thnx ty cheers pls plz btw fyi s re regarding concerning wrt
    already still currently basically literally whats hows whos wheres whens asking boss
    ta left somebody anybody gave give gives given giving""".split()  # noqa: SIM905
)
_CHECKLIST_QUESTION = re.compile(
    r"\b(?:steps?|checklist|tasks?|process|timeline|schedule|to-?do|workflow|phases?)\b"
    r"|\bhow\s+(?:do|should|can|would)\s+(?:i|we|you)\s+(?:create|plan|run|set\s+up|organi[sz]e"
    r"|put\s+together|prepare|prep|go\s+about)\b"
    # "what do I need to have done before our trade show?", "what needs doing before a webinar?"
    r"|\bwhat\b[^?.!]{0,40}\b(?:done|doing|do|prepare|prep|ready|happen)\b[^?.!]{0,20}\bbefore\b"
    # "anything I need to tick off before hosting a webinar?"
    r"|\b(?:anything|what)\b[^?.!]{0,40}\b(?:tick|check|sort|cover|remember|prepare|prep)"
    r"(?:\s+off|\s+out)?\b[^?.!]{0,30}\bbefore\b",
    re.IGNORECASE,
)

# "can the person who built the email also run the launch checklist?" asks about the launch
# checklist template, whatever campaign type the question names.
_PRE = re.compile(r"\bpre-(?=[^\W\d_])", re.IGNORECASE)
_LAUNCH_CHECKLIST = re.compile(r"\b(?:launch|pre-?launch|go-?live|qa)\s+checklist\b", re.IGNORECASE)


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
    words = [corrected(w, _STOP) for w in re.findall(r"[\w$%-]+", question.lower())]
    return [w for w in words if w not in _STOP]


# A capitalised word naming a group of people ("Gold customers", "EMEA prospects"), not the
# question's first word: the user's own segment, which no playbook names.
_SEGMENT_NAME = re.compile(
    r"(?<=\s)([A-Z][\w-]*)\s+(?=(?:customers?|clients?|users?|subscribers?|contacts?|accounts?"
    r"|members?|segments?|leads?|prospects?|partners?|audiences?|tiers?|lists?)\b)"
)


_FIGURE = re.compile(r"\d+(?:st|nd|rd|th)?")


@dataclass(frozen=True)
class _Concepts:
    required: list[set[str]]  # one per topic word: the stems any of which covers it
    optional: list[set[str]]  # phrasings matched only by question words ("how many")
    added: list[str]  # the playbooks' words, for the query


def _concepts(question: str) -> _Concepts:
    """The question's concepts; a phrasing that matches joins its words to the concepts of the
    topic words it matched, and one matched only by question words is optional: it can raise a
    passage's relevance, never lower it."""
    tokenize = _tokenizer()
    required = {term: {term} for term in tokenize(" ".join(topic_words(question)))}
    # "Gold customers": the playbooks' rules apply to every segment, whatever the user calls it,
    # so the segment's name may raise a passage's relevance but its absence never lowers it.
    optional: list[set[str]] = [
        {term}
        for name in _SEGMENT_NAME.findall(f" {question}")
        for term in tokenize(name)
        if required.pop(term, None) is not None
    ]
    # "an A/B test on a list of 1500": the user's own figure, which a playbook's threshold
    # ("at least 2,000 recipients") answers without repeating it; a figure it does state raises.
    # So is a day of the month ("an event on the 30th").
    optional += [
        {term} for term in list(required) if _FIGURE.fullmatch(term) and required.pop(term)
    ]
    added: list[str] = []
    for word in topic_words(question):
        american = american_spelling(word)
        if american != word:  # "colour contrast": the playbooks spell it "color"
            added.append(american)
            for term in tokenize(word):
                required.setdefault(term, {term}).update(tokenize(american))
    for pattern, words in PHRASINGS:
        for match in pattern.finditer(question):
            stems = set(tokenize(words))
            added.append(words)
            own = tokenize(" ".join(topic_words(match.group())))
            for term in own:
                required.setdefault(term, {term}).update(stems)
            if not own:
                optional.append(stems)
    return _Concepts(list(required.values()), optional, added)


def search_query(question: str) -> str:
    """The words sent to the index: the topic words plus the playbooks' words for them."""
    return " ".join([*topic_words(question), *_concepts(question).added]) or question


_HEADING_BOOST = 0.25  # per concept the section's headings name
_TYPED_LEEWAY = 0.15  # less relevance asked of a passage stating the kind of fact asked for
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+|\s[-*]\s|\|")


_COMMON = 0.5  # the share of bundled documents a word must be in to be common


@cache
def _bundled_stems() -> tuple[frozenset[str], frozenset[str]]:
    """The stems at least half of the bundled documents use, and every stem any of them uses."""
    from mcc.knowledge.service import bundled_content

    tokenize = _tokenizer()
    documents = [set(tokenize(path.read_text("utf-8"))) for path in bundled_content().rglob("*.md")]
    counts: dict[str, int] = {}
    for stems in documents:
        for stem in stems:
            counts[stem] = counts.get(stem, 0) + 1
    common = frozenset(stem for stem, n in counts.items() if n >= _COMMON * len(documents))
    return common, frozenset(counts)


def relevance(question: str, hit: SearchHit) -> float:
    """The share of the question's concepts that the hit's passage contains (0 to 1).

    The words must also meet: unless one sentence (or list item, or table cell) of the passage,
    read under its headings, holds two of the question's concepts, the passage only shares
    scattered words with it ("lead sharing" in one bullet, "pricing" in another, for "share
    price") and scores 0.
    """
    concepts = _concepts(question)
    if not concepts.required:
        return 0.0
    tokenize = _tokenizer()
    chunk = hit.chunk
    found = set(tokenize(chunk.indexed_text))
    present = [concept for concept in concepts.required if concept & found]
    if not present:
        return 0.0  # the question's words ("how long") alone name no topic of it
    bonus = sum(bool(concept & found) for concept in concepts.optional)
    # A word most playbooks use ("pages", "email") says where the question applies, not what it
    # asks: "what contrast ratio do our pages need?" is answered by the sentence about contrast.
    # Not when a word of the question is in no playbook at all ("sponsor a Formula 1 team"):
    # then the question is about something else, and the playbooks' words only meet by chance.
    common, _ = _bundled_stems()
    specific = [concept for concept in present if not concept <= common]
    unknown = _names_the_unknown(concepts)
    if len(present) >= 2 and (len(specific) != 1 or unknown):
        heading = set(tokenize(f"{chunk.title} {chunk.section}"))
        sentences = (heading | set(tokenize(part)) for part in _SENTENCE.split(chunk.text))
        if not any(sum(bool(c & words) for c in present) >= 2 for words in sentences):
            return 0.0
    return (len(present) + bonus) / (len(concepts.required) + bonus)


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
    policy_doc: str | None = None,
) -> KnowledgeAnswer:
    """An answer quoting the relevant hits with numbered citations, or `NOT_COVERED`.

    Approver, lead-time and tier questions are answered from `policy` (when given), the single
    source of those facts; checklist questions from the type's checklist; the rest by retrieval.
    """
    if policy is not None:
        # Cited as the knowledge document it was read from; the bundled one when it is that.
        if policy_doc is not None:
            doc_id = policy_doc
        else:
            doc_id = POLICY_DOC if policy == _bundled_policy() else ""
        reply = policy_answers.answer(question, policy, doc_id)
        if reply is not None:
            citations = tuple(
                CitationRef(number, label, doc_id, "")
                for number, (label, doc_id) in enumerate(reply.citations, start=1)
            )
            return KnowledgeAnswer(reply.text, citations, True)
    # "pre-webinar to-do list?": the type after "pre-" is what the checklist is for.
    found_types = types_in(_PRE.sub("before ", question))
    if (
        found_types
        and _CHECKLIST_QUESTION.search(question)
        and not _LAUNCH_CHECKLIST.search(question)
    ):
        checklist = bundled_checklists().get(found_types[0][1].value)
        if checklist is not None:
            return _checklist_answer(checklist)
    chosen: list[SearchHit] = []
    for asked in dict.fromkeys((_last_question(question), question)):
        # The question sentence alone first: "hope you're well! I'm pulling our Q3 plans
        # together and wanted to check: what colour contrast do landing pages need?" is about
        # contrast; the whole message when the sentence leans on it ("How long should they be?").
        question = asked
        hits = _by_focus(question, await search.search(search_query(question), k=8))
        chosen = _relevant(question, hits, min_relevance, limit)
        if chosen and not _unknown_name(question, hits):
            break
    else:
        return KnowledgeAnswer(NOT_COVERED, (), False)
    quoted = [(hit, whole(_focus(question, hit), hit.chunk.text)) for hit in chosen]
    # A passage that is only a blank template table quotes nothing: the others answer.
    quoted = [(hit, text) for hit, text in quoted if text] or [
        (hit, _focus(question, hit)) for hit in chosen
    ]
    chosen = [hit for hit, _ in quoted]
    citations = tuple(
        CitationRef(number, hit.citation.label, hit.document.doc_id, text)
        for number, (hit, text) in enumerate(quoted, start=1)
    )
    lines = ["Here's what the playbooks say:", ""]
    lines += [f"- {_clean(ref.snippet)} [{ref.index}]" for ref in citations]
    lines += ["", "Sources: " + "; ".join(f"[{ref.index}] {ref.label}" for ref in citations)]
    notes = {hit.mode_note for hit in chosen if hit.mode_note}
    lines += [f"({note})" for note in sorted(notes)]
    return KnowledgeAnswer("\n".join(lines), citations, True)


def _names_the_unknown(concepts: _Concepts) -> bool:
    """A word of the question is in no bundled document ("when does the cafeteria open?"):
    the question is about something the playbooks do not treat."""
    _, known = _bundled_stems()
    return any(not concept & known for concept in concepts.required)


def _relevant(
    question: str, hits: list[SearchHit], min_relevance: float, limit: int
) -> list[SearchHit]:
    """The hits relevant enough to quote, one per section, best first."""
    # The passages holding more of the question come first ("We run webinars. How long should
    # they be?": the webinar format section, not an email section that only shares "how long").
    concepts = _concepts(question)
    tokenize = _tokenizer()

    def holds_all(hit: SearchHit) -> bool:
        """The passage holds every topic of the question (not only the optional ones, which a
        phrasing matched by question words adds); otherwise the ranking's order stands."""
        found = set(tokenize(hit.chunk.indexed_text))
        return all(c & found for c in concepts.required)

    asked_for = answer_types.expected(question)

    def answers_it(hit: SearchHit) -> bool:
        """One of the passage's sentences states the kind of fact asked for beside a topic of
        the question ("Plan for 6–8 weeks from first ask to publication" for "how long does a
        customer story take?"), not only the question's words."""
        if not asked_for or _names_the_unknown(concepts):
            return False
        for part in _CLAUSE.split(hit.chunk.text):
            if answer_types.states(asked_for, part) and any(
                c & set(tokenize(part)) for c in concepts.required
            ):
                return True
        return False

    # A passage stating the kind of fact asked for, beside the question's topic, answers with
    # fewer of the question's words: the rest are the user's own situation ("Our event happened
    # on the 29th but the invoice hasn't come yet. When do I need to tell Finance?").
    typed = {id(hit): answers_it(hit) for hit in hits}  # each passage's sentences read once
    passing = [
        hit
        for hit in hits
        if (share := relevance(question, hit)) >= min_relevance
        or (share >= min_relevance - _TYPED_LEEWAY and typed[id(hit)])
    ]
    chosen: list[SearchHit] = []
    for hit in sorted(passing, key=lambda hit: (holds_all(hit), typed[id(hit)]), reverse=True):
        if hit.citation.label not in {h.citation.label for h in chosen}:
            chosen.append(hit)
        if len(chosen) == limit:
            break
    return chosen


_LAST_SENTENCE = re.compile(r"(?<=[.!?:])\s+(?=\S)")
_ASKS = re.compile(
    r"^(?:what|what's|whats|how|when|why|which|who|who's|whom|where|should|can|could|do|does"
    r"|is|are|will|would|must|may)\b[^?]*\?+$",
    re.IGNORECASE,
)


# A greeting or lead-in before the question ("Hi team, how far ahead ...", "quick q — what ...").
_LEAD_IN = re.compile(
    r"^(?:(?:hi|hey|hello|morning|yo)\b[^,:;—–?]{0,20}|quick\s+q(?:uestion)?|sorry\b[^,:;—–?]{0,30}"
    r"|btw|fyi|also|oh\s+and)\s*[,:;—–-]+\s*",
    re.IGNORECASE,
)


def _last_question(text: str) -> str:
    """The message's last question sentence, or the whole message when it has no other. What
    follows the question is a sign-off or an aside ("(asking for my boss)", "Ta.", "thx!"), and
    a greeting before it is no part of it."""
    sentences = [_LEAD_IN.sub("", part) for part in _LAST_SENTENCE.split(text.strip())]
    # A question may open on its situation ("someone left us a one-star review, how quickly do
    # we reply?"): the sentence that ends in a question mark, when none opens on a question word.
    asked = [part for part in sentences if _ASKS.match(part)] or [
        part for part in sentences if part.rstrip().endswith("?")
    ]
    return asked[-1] if asked else text


# A name of two words or more inside the question (capitalised, not its first word): "how much
# does a Super Bowl ad cost", "the dress code at Web Summit". It is what the question is about.
# One capitalised word may be a segment or a product of ours ("Gold customers"): not enough.
_NAME = re.compile(r"(?<=\s)[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)+")


def _unknown_name(question: str, hits: list[SearchHit]) -> bool:
    """The question names something no retrieved passage mentions: the passages share its other
    words ("ad", "cost", "year") but are about something else, so they do not answer it."""
    letters = [char for char in question if char.isalpha()]
    if letters and not any(char.islower() for char in letters):
        return False  # typed in capitals ("ALT TEXT — HOW LONG?"): its capitals name nothing
    tokenize = _tokenizer()
    body = re.sub(r"^[\W_]*\w+", "", question.strip())  # a question's first word is capitalised
    names = [set(tokenize(name)) for name in _NAME.findall(f" {body}")]
    names = [stems for stems in names if stems]
    if not names:
        return False
    found: set[str] = set()
    for hit in hits:
        found |= set(tokenize(f"{hit.chunk.title} {hit.chunk.section} {hit.chunk.indexed_text}"))
    return any(not stems & found for stems in names)


_CLAUSE = re.compile(r"(?<=[.!?])\s+(?=[A-Z*(\[])|\n\s*(?:[-*]|\d+\.)\s+|\n{2,}")
_SNIPPET_CHARS = 320


def _focus(question: str, hit: SearchHit) -> str:
    """The passage's sentences that answer the question: the index's snippet opens the section,
    which may say nothing about what was asked ("Booth design is final 8 weeks out" sits in
    the middle of a trade-show section). The sentence holding most of the question's concepts,
    with the next one, when it holds more of them than the snippet does."""
    found = _concepts(question)
    tokenize = _tokenizer()
    # What the section's headings already name ("Launch Checklist › Approvals") says nothing about
    # which of its sentences answers: the sentences are weighed on the question's other concepts.
    heading = set(tokenize(f"{hit.chunk.title} {hit.chunk.section}"))
    required = [c for c in found.required if not c & heading]
    optional = [c for c in found.optional if not c & heading]
    concepts = required + optional
    if found.required and not concepts:
        # The headings name the whole question ("launch checklist re approvals" and "Launch
        # Checklist › Approvals"): the section answers from its start, not from a sentence that
        # happens to repeat the words.
        return _opening(hit.chunk.text)

    named = _named_numbers(question)
    asked_for = answer_types.expected(question)

    def covered(text: str) -> tuple[int, int, int]:
        """The numbered things of the question `text` names ("tier 2": first, a sentence about
        Tier 3 answers another question), the concepts it holds, then how many distinct words of
        theirs it has ("approved by the tier approver" says more about approvals than "approval
        reference noted"; a word said again says nothing more)."""
        words = tokenize(text)
        held = sum(bool(concept & set(words)) for concept in required)
        # The kind of fact asked for counts once, whether the sentence states one ("second
        # Tuesday" for "when ...?") or holds the playbooks' words for what is asked ("characters
        # or fewer" for "how long can it be"): both say how, not what, the question asks.
        held += answer_types.states(asked_for, text) or any(c & set(words) for c in optional)
        numbered = len(named & _named_numbers(text))
        theirs = {word for word in words if any(word in concept for concept in concepts)}
        return numbered, held, len(theirs)

    # A schedule's bare number means something only with its header's unit: that row first.
    row = unit_row(hit.chunk.text, lambda text: sum(covered(text)[:2]))
    if row is not None:
        return f"{row}. {hit.snippet}"
    sentences = [part.strip() for part in _CLAUSE.split(hit.chunk.text) if part.strip()]
    if not sentences:
        return hit.snippet
    best = max(range(len(sentences)), key=lambda i: (*covered(sentences[i]), -i))
    text = sentences[best]
    after = best + 1
    if text.endswith(":") and after < len(sentences):
        # "required when any of these triggers applies:" introduces a list: the item of it that
        # holds the question's words ("Customer testimonials, ...") follows, not the first item.
        after = max(range(after, len(sentences)), key=lambda i: (covered(sentences[i])[1:], -i))
    if after < len(sentences) and len(text) + len(sentences[after]) < _SNIPPET_CHARS:
        text += " " + sentences[after]
    # Compared as shown: the sentence with the one after it, against the index's snippet.
    # More of the question, not more words; on a tie, whole sentences rather than a window of
    # the index's that starts mid-sentence ("…or more than $10,000" for "more than 10% or ..."),
    # unless they are a table's rows, which read worse than any window.
    mine, theirs = covered(text)[:2], covered(hit.snippet)[:2]
    cut = hit.snippet.startswith("…") and "|" not in text
    if mine < theirs or (mine == theirs and not cut):
        return hit.snippet
    return text if len(text) <= _SNIPPET_CHARS else text[:_SNIPPET_CHARS].rsplit(" ", 1)[0] + "…"


def _opening(text: str) -> str:
    """A section's first words, cut at a word within the snippet's length."""
    text = text.strip()
    return text if len(text) <= _SNIPPET_CHARS else text[:_SNIPPET_CHARS].rsplit(" ", 1)[0] + "…"


# "Tier 2", "round 1", "step 3": a number that names one of several. The index drops bare
# numbers, so "how long is the review for tier 2" would match a sentence about Tier 3 as well as
# one about Tier 2; the sentence that names the same one answers it.
_NAMED_NUMBER = re.compile(r"\b(tier|round|step|phase|level|stage)[\s-]?(\d{1,2})\b", re.IGNORECASE)


def _named_numbers(text: str) -> set[str]:
    return {f"{word.lower()} {number}" for word, number in _NAMED_NUMBER.findall(text)}


def _by_focus(question: str, hits: list[SearchHit]) -> list[SearchHit]:
    """Hits re-ranked so that a section whose headings name the question's concepts comes first:
    "Email › Frequency cap" answers "how often can we email people?" better than a longer
    nurture section that mentions the cap in passing, though BM25 scores them alike."""
    concepts = _concepts(question).required
    tokenize = _tokenizer()

    words = re.findall(r"[a-z]+", question.lower())
    pairs = {f"{a} {b}" for a, b in itertools.pairwise(words)}

    def focus(hit: SearchHit) -> float:
        heading = set(tokenize(f"{hit.chunk.title} {hit.chunk.section}"))
        # A phrase of the question that names the document ("campaign brief") outranks a
        # document that only shares one of its words ("creative brief").
        title = " ".join(re.findall(r"[a-z]+", hit.chunk.title.lower()))
        # Whole words: "review a campaign" names no "Creative Review and Proofing" document.
        named = any(f" {pair} " in f" {title} " for pair in pairs)
        boost = _HEADING_BOOST * (sum(bool(c & heading) for c in concepts) + 2 * named)
        return hit.score * (1 + boost)

    return sorted(hits, key=focus, reverse=True)


def _clean(snippet: str) -> str:
    return re.sub(r"\s+", " ", snippet.replace("**", "")).strip()
