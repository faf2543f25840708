"""Refuse GraphQL documents that would cost far more to validate or run than they look.

Depth and alias limits don't count fragment spreads: fragments that each spread the next one
twice make a 1.5 KB document worth 2^20 fields, and validating it alone pins a CPU for seconds
to minutes. After parsing and before validation, we compute each operation's size with every
fragment expanded (memoised, so the check is linear in the document) and refuse what is too big.

Parsing itself is bounded: a document's length is checked before it is parsed, and a token cap
makes graphql-core stop lexing past it. Other shapes are
cheap to write and dear to check: 100k `@include` directives, 20k declared variables, or 600
copies of one field (the "fields can be merged" rule compares every pair) each freeze the loop in
validation, so one linear walk of the parsed document counts them first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    Visitor,
    visit,
)
from strawberry.extensions import SchemaExtension

MAX_SELECTIONS = 2000  # fields after expanding fragments; our widest real query uses ~40
MAX_FRAGMENTS = 50
MAX_DOCUMENT_CHARS = 64 * 1024  # our largest real document is under 3 KB
MAX_TOKENS = 5000  # the introspection query GraphiQL sends is about 400
MAX_DIRECTIVES = 50
MAX_VARIABLES = 100  # declared, across the document's operations
MAX_DUPLICATE_FIELDS = 20  # repeats of one response key within one selection set
MAX_LIST_ITEMS = 1000  # in any one list of the variables (inputs cap theirs lower: channels 100)
MAX_VARIABLE_VALUES = 10_000  # every value and container in the variables, nested ones included


@dataclass
class DocumentCounts:
    directives: int = 0
    variables: int = 0
    duplicate_fields: int = 0


class _Counter(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.counts = DocumentCounts()

    def enter_directive(self, *_: object) -> None:
        self.counts.directives += 1

    def enter_variable_definition(self, *_: object) -> None:
        self.counts.variables += 1

    def enter_selection_set(self, node: SelectionSetNode, *_: object) -> None:
        keys = Counter(_response_keys(node))
        self.counts.duplicate_fields += sum(count - 1 for count in keys.values())


def _response_keys(selection_set: SelectionSetNode) -> Iterator[str]:
    """The response keys a selection set writes, inline fragments flattened in (the merge rule
    compares across them too). Nested inline fragments are counted again at their own level,
    which only makes the count stricter."""
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            yield (selection.alias or selection.name).value
        elif isinstance(selection, InlineFragmentNode):
            yield from _response_keys(selection.selection_set)


def count(document: DocumentNode) -> DocumentCounts:
    """Directives, declared variables and repeated fields, in one walk of the parsed document."""
    counter = _Counter()
    visit(document, counter)
    return counter.counts


def expanded_size(document: DocumentNode, limit: int = MAX_SELECTIONS) -> int:
    """The number of fields the largest operation selects with fragments expanded (capped
    just above `limit`, so the count itself can't blow up)."""
    fragments = {
        definition.name.value: definition
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    sizes: dict[str, int] = {}

    def of_set(selection_set: SelectionSetNode | None, visiting: frozenset[str]) -> int:
        total = 0
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                total += 1 + of_set(selection.selection_set, visiting)
            elif isinstance(selection, InlineFragmentNode):
                total += of_set(selection.selection_set, visiting)
            elif isinstance(selection, FragmentSpreadNode):
                total += of_fragment(selection.name.value, visiting)
            if total > limit:
                return limit + 1
        return total

    def of_fragment(name: str, visiting: frozenset[str]) -> int:
        if name in sizes:
            return sizes[name]
        if name in visiting or name not in fragments:
            return 0  # a cycle or an unknown fragment: validation reports it properly
        sizes[name] = of_set(fragments[name].selection_set, visiting | {name})
        return sizes[name]

    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    return max((of_set(op.selection_set, frozenset()) for op in operations), default=0)


def variables_problem(variables: object) -> str | None:
    """Why the variables are too big to coerce, or None. graphql-core coerces every item of a
    list before a resolver sees it (30,000 channels took most of a second), so sizes are checked
    first, iteratively (no recursion to exhaust), stopping at the first excess."""
    pending = [variables]
    seen = 0
    while pending:
        value = pending.pop()
        seen += 1
        if seen > MAX_VARIABLE_VALUES:
            return f"Variables too large: more than {MAX_VARIABLE_VALUES:,} values"
        if isinstance(value, list):
            if len(value) > MAX_LIST_ITEMS:
                items, most = f"{len(value):,}", f"{MAX_LIST_ITEMS:,}"
                return f"Variables too large: a list of {items} items (at most {most})"
            pending.extend(value)
        elif isinstance(value, dict):
            pending.extend(value.values())
    return None


def _too_many(what: str, found: int, limit: int) -> GraphQLError:
    # Raised before validation, outside the operation the ErrorCodes extension wraps: the
    # error carries its code itself.
    message = f"Too many {what} ({found}; at most {limit})"
    return GraphQLError(message, extensions={"code": "GRAPHQL_VALIDATION"})


class DocumentLimits(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        # graphql-core's lexer stops past this many tokens: parsing a huge document is bounded.
        self.execution_context.parse_options["max_tokens"] = MAX_TOKENS
        yield

    def on_parse(self) -> Iterator[None]:
        query = self.execution_context.query or ""
        if len(query) > MAX_DOCUMENT_CHARS:
            message = (
                f"Document too long ({len(query):,} characters; at most {MAX_DOCUMENT_CHARS:,})"
            )
            raise GraphQLError(message, extensions={"code": "GRAPHQL_VALIDATION"})
        problem = variables_problem(self.execution_context.variables)
        if problem is not None:
            raise GraphQLError(problem, extensions={"code": "GRAPHQL_VALIDATION"})
        yield
        document = self.execution_context.graphql_document
        if document is None:
            return
        fragments = sum(isinstance(d, FragmentDefinitionNode) for d in document.definitions)
        if fragments > MAX_FRAGMENTS:
            raise _too_many("fragments", fragments, MAX_FRAGMENTS)
        counts = count(document)
        if counts.directives > MAX_DIRECTIVES:
            raise _too_many("directives", counts.directives, MAX_DIRECTIVES)
        if counts.variables > MAX_VARIABLES:
            raise _too_many("declared variables", counts.variables, MAX_VARIABLES)
        if counts.duplicate_fields > MAX_DUPLICATE_FIELDS:
            raise _too_many("repeated fields", counts.duplicate_fields, MAX_DUPLICATE_FIELDS)
        if expanded_size(document) > MAX_SELECTIONS:
            message = f"Query too large: more than {MAX_SELECTIONS} fields with fragments expanded"
            raise GraphQLError(message, extensions={"code": "GRAPHQL_VALIDATION"})
