"""The package's imports form no cycle: every module of docgen/ can be read bottom up.

Each module's imports are read from its source (ast), wherever they stand: at the top,
inside a function (the lazy imports of the build path) or under `if TYPE_CHECKING:`.
`from docgen.x import y` depends on the module `docgen.x.y` if there is one, else on
`docgen.x`. Importing a submodule runs its package's `__init__` first, but that is not
counted as the submodule depending on it: only the imports a module writes are.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "docgen"


def modules() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The modules of the package that module `name` imports, anywhere in its source."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name in known}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                if f"{base}.{alias.name}" in known:
                    found.add(f"{base}.{alias.name}")
                elif base in known:
                    found.add(base)
    found.discard(name)
    return found


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(name, path, known) for name, path in known.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per group of modules that import each other, as a path back to its start."""
    reach = {name: _reachable(name, edges) for name in edges}
    found: list[list[str]] = []
    grouped: set[str] = set()
    for start in sorted(edges):
        group = {other for other in reach[start] if start in reach[other]}
        if start in grouped or not group:
            continue
        grouped |= group
        found.append(_shortest_cycle(start, edges))
    return found


def _reachable(start: str, edges: dict[str, set[str]]) -> set[str]:
    seen: set[str] = set()
    todo = list(edges[start])
    while todo:
        here = todo.pop()
        if here not in seen:
            seen.add(here)
            todo += edges.get(here, set())
    return seen


def _shortest_cycle(start: str, edges: dict[str, set[str]]) -> list[str]:
    """The shortest path from `start` back to itself (breadth first, names sorted)."""
    paths = {start: [start]}
    queue = [start]
    while queue:
        here = queue.pop(0)
        for there in sorted(edges.get(here, set())):
            if there == start:
                return [*paths[here], start]
            if there not in paths:
                paths[there] = [*paths[here], there]
                queue.append(there)
    raise AssertionError(f"{start} is in no cycle")


def test_the_reader_finds_imports_of_every_kind(tmp_path: Path) -> None:
    known = {name: Path() for name in ("docgen", "docgen.a", "docgen.b", "docgen.c",
                                       "docgen.sub", "docgen.sub.d", "docgen.sub.f")}
    probe = tmp_path / "e.py"
    probe.write_text("import os\nimport docgen.a\nfrom docgen import b, __version__\n"
                     "from docgen.sub import d, thing\n"
                     "def lazy():\n    from docgen.c import helper\n"
                     "if TYPE_CHECKING:\n    from . import f\n    from .. import a\n",
                     encoding="utf-8")
    assert imports("docgen.sub.e", probe, known) == {
        "docgen.a", "docgen.b", "docgen", "docgen.sub.d", "docgen.sub", "docgen.c",
        "docgen.sub.f"}


def test_a_cycle_is_found_and_named() -> None:
    edges = {"a": {"b"}, "b": {"c", "a"}, "c": {"a", "d"}, "d": set(), "e": {"d", "f"},
             "f": {"e"}}
    assert cycles(edges) == [["a", "b", "a"], ["e", "f", "e"]]


def _no_cycle(edges: dict[str, set[str]]) -> None:
    found = cycles(edges)
    assert not found, "import cycles in docgen/:\n" + "\n".join(
        " -> ".join(cycle) for cycle in found)


def test_the_package_has_no_import_cycle() -> None:
    _no_cycle(graph())


def test_the_light_modules_import_only_the_standard_library() -> None:
    """`docgen validate` imports docgen.paths: it must stay as light as it is."""
    for name in ("paths", "version", "errors"):
        tree = ast.parse((PACKAGE / f"{name}.py").read_text(encoding="utf-8"))
        roots = {alias.name.partition(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.Import) for alias in node.names}
        roots |= {(node.module or "").partition(".")[0] for node in ast.walk(tree)
                  if isinstance(node, ast.ImportFrom)}
        assert roots <= set(sys.stdlib_module_names), (name, roots)
