"""Parse a GraphQL document once, not per request.

Clients send the same few documents over and over (the web UI's, the locustfile's); parsing one
cost about as much as running `listCampaigns(limit: 50)`. Strawberry's `ParserCache` parses
inside the extension hook, where a syntax error escapes strawberry's error handling (the client
got an error without its `GRAPHQL_VALIDATION` code), so this cache only hands back a document
parsed before and lets strawberry parse, and report, as usual on a miss.

Validation is cached by strawberry's `ValidationCache` (keyed by schema, document and rules:
the cached document object makes its key hit).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator

from graphql import DocumentNode
from strawberry.extensions import SchemaExtension

DOCUMENT_CACHE_SIZE = 256  # distinct documents kept; bounded, so unique texts can't grow memory

_documents: OrderedDict[tuple[str, str], DocumentNode] = OrderedDict()


class DocumentCache(SchemaExtension):
    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        key = (context.query or "", repr(sorted(context.parse_options.items())))
        cached = _documents.get(key)
        if cached is not None:
            _documents.move_to_end(key)
            context.graphql_document = cached
        yield
        if cached is None and context.graphql_document is not None:
            _documents[key] = context.graphql_document
            if len(_documents) > DOCUMENT_CACHE_SIZE:
                _documents.popitem(last=False)
