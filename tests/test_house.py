"""The house rules a machine can check: no import cycles, SQL only in repositories, small files,
and an exception tree whose drawing shows every class.

Read from the source with `ast`, so nothing is imported to check the structure:

- **Import cycles** count every import between modules of `mcc`, wherever it is written: at
  module level, inside a function (a deferred import still ties the two modules together: the
  CLI circle was made of those), and under `if TYPE_CHECKING:` (a type still depends on its
  module). `from package import name` counts as importing the submodule when `name` is one,
  otherwise the package. A cycle is a strongly connected group of modules.
- **SQL** is a call of `select`, `insert`, `update`, `delete` or `text` imported from
  `sqlalchemy` (or called as `sqlalchemy.select(...)`). It may be built in a class whose name
  ends in `Repository`, in `db.py`, in `migrations/` and in the emulators under `sandbox/`.
- **Size**: no Python file in `src/`, `tests/` or `benchmarks/` over 600 lines.

Work that other changes still have to do is listed in the allowlists below, each entry naming
the file and why. An allowlist can only shrink: a test fails when an entry no longer applies.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import mcc
from mcc.exceptions import MCCError

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
PACKAGE = SRC / "mcc"
MAX_LINES = 600
SQL_BUILDERS = {"select", "insert", "update", "delete", "text"}

# Modules still in an import cycle (dotted names). Empty: keep it so.
CYCLE_ALLOWLIST: frozenset[str] = frozenset()

# Files that still build SQL outside a repository. Empty: keep it so.
SQL_ALLOWLIST: frozenset[str] = frozenset()


def _modules() -> dict[str, Path]:
    """Every module of `mcc` by dotted name (a package by its `__init__.py`)."""
    found: dict[str, Path] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imported(module: str, path: Path, known: dict[str, Path]) -> Iterator[str]:
    """The modules of `mcc` that `module` imports, anywhere in its file."""
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in known:
                    yield alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")
                anchor = anchor if is_package else anchor[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                if submodule in known:
                    yield submodule
                elif base in known:
                    yield base


def _import_graph() -> dict[str, set[str]]:
    known = _modules()
    return {
        name: {target for target in _imported(name, path, known) if target != name}
        for name, path in known.items()
    }


def _cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected groups of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(group)
    return groups


def _builds_sql(path: Path) -> list[int]:
    """Lines where SQL is built outside a `...Repository` class."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    builders: set[str] = set()  # local names bound to sqlalchemy's statement builders
    modules: set[str] = set()  # local names bound to the sqlalchemy module
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "sqlalchemy":
            builders |= {a.asname or a.name for a in node.names if a.name in SQL_BUILDERS}
        elif isinstance(node, ast.Import):
            modules |= {a.asname or a.name for a in node.names if a.name == "sqlalchemy"}
    allowed: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name.endswith("Repository"):
            allowed |= {id(inner) for inner in ast.walk(node)}
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or id(node) in allowed:
            continue
        func = node.func
        named = isinstance(func, ast.Name) and func.id in builders
        dotted = (
            isinstance(func, ast.Attribute)
            and func.attr in SQL_BUILDERS
            and isinstance(func.value, ast.Name)
            and func.value.id in modules
        )
        if named or dotted:
            lines.append(node.lineno)
    return lines


def _sql_outside_repositories() -> dict[str, list[int]]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(SRC).as_posix()
        if relative == "mcc/db.py" or relative.startswith(("mcc/migrations/", "mcc/sandbox/")):
            continue
        if lines := _builds_sql(path):
            found[relative] = lines
    return found


def test_no_import_cycles_between_modules() -> None:
    cycles = _cycles(_import_graph())
    unexpected = [sorted(group) for group in cycles if not group <= CYCLE_ALLOWLIST]
    assert not unexpected, f"import cycles (break them; see the module docstring): {unexpected}"


def test_cycle_allowlist_has_no_stale_entries() -> None:
    in_cycles = set().union(*_cycles(_import_graph()))
    assert not CYCLE_ALLOWLIST - in_cycles, "no longer in a cycle: remove from CYCLE_ALLOWLIST"


def test_sql_only_in_repositories() -> None:
    found = _sql_outside_repositories()
    unexpected = {path: lines for path, lines in found.items() if path not in SQL_ALLOWLIST}
    assert not unexpected, f"SQL built outside a repository (file: lines): {unexpected}"


def test_sql_allowlist_has_no_stale_entries() -> None:
    assert not SQL_ALLOWLIST - set(_sql_outside_repositories()), "remove from SQL_ALLOWLIST"


def test_no_file_over_600_lines() -> None:
    files = [p for folder in ("src", "tests", "benchmarks") for p in (ROOT / folder).rglob("*.py")]
    over = {
        p.relative_to(ROOT).as_posix(): n
        for p in files
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not over, f"files over {MAX_LINES} lines (make each a package): {over}"


def _all_error_classes() -> list[type[MCCError]]:
    for info in pkgutil.walk_packages(mcc.__path__, "mcc."):
        if ".migrations" not in info.name and not info.name.endswith("__main__"):
            importlib.import_module(info.name)
    found: list[type[MCCError]] = []
    pending: list[type[MCCError]] = [MCCError]
    while pending:
        cls = pending.pop()
        found.append(cls)
        pending.extend(c for c in cls.__subclasses__() if c.__module__.startswith("mcc."))
    return found


def test_the_exception_tree_draws_every_error_class() -> None:
    import mcc.exceptions

    drawing = mcc.exceptions.__doc__ or ""
    missing = [
        f"{cls.__name__} ({cls.status_code}, {cls.code})"
        for cls in _all_error_classes()
        if not re.search(rf"\b{cls.__name__} \({cls.status_code}, {cls.code}\)", drawing)
    ]
    assert not missing, f"draw these in the docstring of src/mcc/exceptions.py: {missing}"


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": {"a"}, "c": {"a"}}, [{"a", "b"}]),
        ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"d"}}, [{"a", "b", "c"}]),
    ],
)
def test_cycle_finder(graph: dict[str, set[str]], expected: list[set[str]]) -> None:
    """The checker itself: it finds a cycle when there is one (so the rule can fail)."""
    assert _cycles(graph) == expected


def test_sql_finder(tmp_path: Path) -> None:
    source = tmp_path / "module.py"
    source.write_text(
        "import sqlalchemy as sa\n"
        "from sqlalchemy import select as pick\n"
        "class CampaignRepository:\n"
        "    def all(self):\n"
        "        return pick(1)\n"
        "def page():\n"
        "    return pick(2), sa.text('x')\n",
        encoding="utf-8",
    )
    assert _builds_sql(source) == [7, 7]
