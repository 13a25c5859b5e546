"""No import cycle between the project's modules — counting every import statement, also
those inside functions and under `if TYPE_CHECKING:`, since an import moved into a function
to dodge a cycle is still a cycle in the design.

The layering itself (tui → screens → session/widgets → strings → api_client, server apart) is
checked by import-linter in scripts/test (pyproject's [tool.importlinter]).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("tui", "screens", "session", "widgets", "strings", "api_client", "server")

# Cycles known and being removed elsewhere; each entry names who removes it. Keep empty.
ALLOWED: frozenset[frozenset[str]] = frozenset()


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules() -> dict[str, Path]:
    modules: dict[str, Path] = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" not in path.parts:
                modules[module_name(path)] = path
    return modules


def imported(module: str, path: Path, known: dict[str, Path]) -> Iterator[str]:
    """The project modules `module` imports, anywhere in its source."""
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in known:
                    yield alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                if not is_package:
                    base = base[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                if sub in known:
                    yield sub  # `from package import module`
                elif target in known:
                    yield target


def graph() -> dict[str, set[str]]:
    known = project_modules()
    return {
        name: {m for m in imported(name, path, known) if m != name} for name, path in known.items()
    }


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(v: str) -> None:
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_the_finder_sees_a_cycle_through_an_import_inside_a_function() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(edges) == [["a", "b", "c"]]
    source = "def f():\n    from screens.home import HomeScreen\n"
    tree = ast.parse(source)
    assert any(isinstance(n, ast.ImportFrom) for n in ast.walk(tree))


def test_no_import_cycle_between_project_modules() -> None:
    edges = graph()
    assert "screens.base" in edges and "tui.app" in edges  # the scan found the project
    found = [c for c in cycles(edges) if frozenset(c) not in ALLOWED]
    described = "\n".join(" ↔ ".join(c) for c in found)
    assert not found, f"import cycles:\n{described}"


def test_no_screen_imports_another_screen() -> None:
    """Screens open one another through places (session/places.py) and the one map
    (tui/navigation.py), never by importing each other: only the base screens are shared."""
    edges = graph()
    shared = {"screens", "screens.base", "screens.list_pane", "screens.text_page"}
    found = sorted(
        f"{name} → {target}"
        for name, targets in edges.items()
        if name.startswith("screens.") and name not in shared
        for target in targets
        if target.startswith("screens") and target not in shared
    )
    assert "screens.home" in edges  # the scan found the screens
    assert not found, "screens importing screens:\n" + "\n".join(found)
