"""Refuse GraphQL documents that would cost far more to validate or run than they look.

Depth and alias limits don't count fragment spreads: fragments that each spread the next one
twice make a 1.5 KB document worth 2^20 fields, and validating it alone pins a CPU for seconds
to minutes. After parsing and before validation, we compute each operation's size with every
fragment expanded (memoised, so the check is linear in the document) and refuse what is too big.
"""

from __future__ import annotations

from collections.abc import Iterator

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)
from strawberry.extensions import SchemaExtension

MAX_SELECTIONS = 2000  # fields after expanding fragments; our widest real query uses ~40
MAX_FRAGMENTS = 50


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


class DocumentLimits(SchemaExtension):
    def on_parse(self) -> Iterator[None]:
        yield
        document = self.execution_context.graphql_document
        if document is None:
            return
        fragments = sum(isinstance(d, FragmentDefinitionNode) for d in document.definitions)
        # Raised before validation, outside the operation the ErrorCodes extension wraps: the
        # error carries its code itself.
        code = {"code": "GRAPHQL_VALIDATION"}
        if fragments > MAX_FRAGMENTS:
            message = f"Too many fragments ({fragments}; at most {MAX_FRAGMENTS})"
            raise GraphQLError(message, extensions=code)
        if expanded_size(document) > MAX_SELECTIONS:
            message = f"Query too large: more than {MAX_SELECTIONS} fields with fragments expanded"
            raise GraphQLError(message, extensions=code)
