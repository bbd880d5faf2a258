"""The code's shape is what docs/architecture.md says: every module mapped, no stale entries, stages as
subpackages with entry points only at the top, no import cycles, no stage reaching into a private name."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "architecture.md"
TOP_LEVEL = {"__init__.py", "__main__.py", "cli.py", "api.py"}


def _modules() -> set[str]:
    return {p.relative_to(ROOT).as_posix() for p in (ROOT / "pipeline").rglob("*.py") if p.name != "__init__.py"}


def _mapped() -> set[str]:
    return set(re.findall(r"`(pipeline/[\w/]+\.py)`", DOC.read_text(encoding="utf-8")))


def test_every_module_is_mapped_and_every_mapped_module_exists():
    modules, mapped = _modules(), _mapped()
    assert sorted(modules - mapped) == [], "modules missing from docs/architecture.md"
    assert sorted(mapped - modules) == [], "docs/architecture.md names modules that do not exist"


def test_top_level_holds_only_entry_points():
    top = {p.name for p in (ROOT / "pipeline").glob("*.py")}
    assert top == TOP_LEVEL
    packages = [p for p in (ROOT / "pipeline").iterdir() if p.is_dir() and (p / "__init__.py").exists()]
    assert len(packages) >= 10
    for package in packages:  # each stage says its job in one docstring
        assert ast.get_docstring(ast.parse((package / "__init__.py").read_text(encoding="utf-8"))), package


def _imports(path: Path) -> set[str]:
    """Modules of ``pipeline`` that this file imports, at module level or inside functions."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pipeline"):
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("pipeline"))
    return out


def _graph() -> dict[str, set[str]]:
    files = {
        p.relative_to(ROOT).with_suffix("").as_posix().replace("/", ".").removesuffix(".__init__"): p
        for p in (ROOT / "pipeline").rglob("*.py")
    }
    return {name: {m for m in _imports(path) if m in files and m != name} for name, path in files.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Import cycles of a module graph, each as the path that closes it (depth-first, deterministic)."""
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return cycles


def test_the_cycle_finder_finds_cycles():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
    assert _cycles({"a": {"b"}, "b": set(), "c": {"a", "b"}}) == []


def test_no_import_cycles():
    graph = _graph()
    assert "pipeline.roles.assign" in graph["pipeline.runner.document"]  # the graph is read, lazy imports too
    assert _cycles(graph) == []


def test_no_module_reaches_into_another_modules_private_names():
    offenders = []
    for path in (ROOT / "pipeline").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pipeline"):
                offenders += [f"{path.relative_to(ROOT)}: {a.name}" for a in node.names if a.name.startswith("_")]
    assert offenders == []
