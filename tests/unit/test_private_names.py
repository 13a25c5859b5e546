"""No project module imports another module's private (`_name`) names: a private name is
free to change with its module, so reaching into it couples modules in secret."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("server", "api_client", "strings", "tui", "screens", "widgets", "session")
# Known offenders; nothing may be added here.
KNOWN: set[tuple[str, str, str]] = set()


def _private_imports(path: Path, root: Path = ROOT) -> list[tuple[str, str, str]]:
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom) or node.level or node.module is None:
            continue
        if node.module.split(".")[0] not in PACKAGES:
            continue
        for alias in node.names:
            if alias.name.startswith("_") and not alias.name.startswith("__"):
                rel = path.relative_to(root).as_posix()
                found.append((rel, node.module, alias.name))
    return found


def test_no_module_imports_another_modules_private_names() -> None:
    found = {
        hit
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        for hit in _private_imports(path)
    }
    assert found - KNOWN == set()


def test_the_check_sees_a_private_import(tmp_path: Path) -> None:
    probe = tmp_path / "server" / "probe.py"
    probe.parent.mkdir()
    probe.write_text("from server.auth.sessions import _touch, authenticate\n", encoding="utf-8")
    assert _private_imports(probe, tmp_path) == [
        ("server/probe.py", "server.auth.sessions", "_touch")
    ]
