"""No import circles in the ``easyread`` package.

Every module's source is parsed (nothing is imported) and the graph of its top-level imports
is built: the imports that run when the module is loaded (at module level, also inside ``if``,
``try`` and ``with`` blocks and class bodies), but not those inside functions (imported
lazily, when called) nor those under ``if TYPE_CHECKING:`` (never run). An edge goes to the
module named, or for ``from package import name`` to the submodule ``package.name`` when
there is one. A circle in that graph fails the test and is named, so a newcomer sees which
import to move.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "easyread"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def top_level_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """The import statements that run when the module is loaded."""
    found: list[ast.Import | ast.ImportFrom] = []
    stack: list[ast.stmt] = list(reversed(tree.body))
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        elif isinstance(node, ast.If):
            body = [] if _is_type_checking(node.test) else node.body
            stack.extend(reversed([*body, *node.orelse]))
        elif isinstance(node, ast.Try):
            stack.extend(reversed([*node.body, *(s for h in node.handlers for s in h.body),
                                   *node.orelse, *node.finalbody]))
        elif isinstance(node, (ast.With, ast.ClassDef)):
            stack.extend(reversed(node.body))
    return found


def import_graph() -> dict[str, set[str]]:
    files = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        is_package = path.name == "__init__.py"
        edges: set[str] = set()
        for node in top_level_imports(ast.parse(path.read_text("utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = node.module or ""
                if node.level:
                    anchor = name.split(".") if is_package else name.split(".")[:-1]
                    anchor = anchor[: len(anchor) - (node.level - 1)]
                    base = ".".join([*anchor, *([base] if base else [])])
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in files else base for a in node.names]
            edges.update(t for t in targets if t in files and t != name)
        graph[name] = edges
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One circle (``[a, b, ..., a]``) in the graph, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            if nxt not in state:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            cycle = visit(start)
            if cycle:
                return cycle
    return None


def test_graph_sees_the_package() -> None:
    graph = import_graph()
    assert "easyread.batch" in graph and "easyread.cli" in graph
    assert "easyread.errors" in graph["easyread.inputs"]


def test_no_import_cycles() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_finds_a_cycle_and_ignores_lazy_and_type_checking_imports() -> None:
    code = ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import b\n"
            "def f():\n    import c\n")
    tree = ast.parse(code)
    assert [ast.unparse(n) for n in top_level_imports(tree)] == ["from typing import TYPE_CHECKING"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) is None
