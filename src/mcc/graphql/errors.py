"""GraphQL errors with a machine-readable `extensions.code`.

Our own errors keep their message and gain their code (and `fields` for validation); GraphQL's
parse and validation errors get `GRAPHQL_VALIDATION`; anything unexpected is logged with its
traceback and shown only as `INTERNAL`, so no stack detail leaks to clients.
"""

from __future__ import annotations

from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.exceptions import StrawberryInputCoercionError
from strawberry.extensions import SchemaExtension
from strawberry.types.execution import ExecutionContext

from mcc.exceptions import MCCError, clip_echoes
from mcc.logging import get_logger

log = get_logger(__name__)


def _with_code(error: GraphQLError, message: str, extensions: dict[str, object]) -> GraphQLError:
    return GraphQLError(
        message=message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=None,
        extensions=extensions,
    )


def _is_client_error(error: GraphQLError) -> bool:
    """Parse, validation and variable-coercion errors: the document or its variables are wrong."""
    original = error.original_error
    return original is None or isinstance(original, (StrawberryInputCoercionError, GraphQLError))


def format_error(error: GraphQLError) -> GraphQLError:
    original = error.original_error
    if isinstance(original, MCCError):
        return _with_code(error, original.message, original.extensions())
    if _is_client_error(error):
        # graphql-core quotes a variable's value in full: clipped as our own messages are.
        return _with_code(error, clip_echoes(error.message), {"code": "GRAPHQL_VALIDATION"})
    return _with_code(error, "Internal server error", {"code": "INTERNAL"})


def log_errors(errors: list[GraphQLError], execution_context: ExecutionContext | None) -> None:
    """Log what the operator must look at; a user's bad input is not an operator's problem."""
    for error in errors:
        original = error.original_error
        if original is None or isinstance(original, MCCError) or _is_client_error(error):
            continue
        log.error(
            "graphql.unexpected_error",
            path=error.path,
            operation=execution_context.operation_name if execution_context else None,
            exc_info=(type(original), original, original.__traceback__),
        )


class ErrorCodes(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None)
        if result is not None and errors:
            result.errors = [format_error(error) for error in errors]
