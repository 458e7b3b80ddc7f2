"""The package's shape: MkDocs stays at the edge, and stages depend only on earlier ones."""

from __future__ import annotations

import ast
from pathlib import Path

import generator

PACKAGE = Path(generator.__file__).parent
ADAPTER = PACKAGE / "plugin"
# Each stage may import from itself and from the stages before it (the command line from all but the adapter).
STAGES = ("base", "reading", "corpus", "site", "build", "plugin", "cli")
MAY_IMPORT = {
    "base": {"base"},
    "reading": {"base", "reading"},
    "corpus": {"base", "reading", "corpus"},
    "site": {"base", "reading", "corpus", "site"},
    "build": {"base", "reading", "corpus", "site", "build"},
    "plugin": set(STAGES) - {"cli"},
    "cli": set(STAGES) - {"plugin"},
}


def _imports(path: Path) -> list[tuple[int, str]]:
    """(level, dotted module) of every import in a module: level 0 is absolute, 1 is `.`, 2 is `..`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(0, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append((node.level, node.module or ""))
            if node.module is None:  # `from . import urls`
                found += [(node.level, alias.name) for alias in node.names]
    return found


def _stage_of(path: Path, level: int, module: str) -> str | None:
    """The stage a relative import inside the package points at."""
    parts = list(path.relative_to(PACKAGE).parent.parts)
    if level == 0:
        names = module.split(".")
        return names[1] if names[0] == "generator" and len(names) > 1 else None
    base = parts[: len(parts) - (level - 1)] if level > 1 else parts
    target = [*base, *module.split(".")] if module else base
    return target[0] if target else None


def test_only_the_adapter_imports_mkdocs() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE.parent)} imports {module}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if not path.is_relative_to(ADAPTER)
        for level, module in _imports(path)
        if level == 0 and module.split(".")[0] in {"mkdocs", "properdocs"}
    ]
    assert offenders == []


def test_every_module_belongs_to_a_stage() -> None:
    loose = {p.name for p in PACKAGE.glob("*.py")} - {"__init__.py", "__main__.py"}
    assert loose == set()
    assert {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"} == set(STAGES)


def test_stages_import_only_earlier_stages() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.parent == PACKAGE:
            continue
        stage = path.relative_to(PACKAGE).parts[0]
        for level, module in _imports(path):
            target = _stage_of(path, level, module)
            if target in STAGES and target not in MAY_IMPORT[stage]:
                offenders.append(f"{path.relative_to(PACKAGE.parent)}: {stage} imports {target} ({module})")
    assert offenders == []


def test_no_module_is_over_400_lines() -> None:
    long = {
        str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py") if (n := len(p.read_text().splitlines())) > 420
    }
    assert long == {}


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def _resolve(path: Path, level: int, module: str) -> str:
    if level == 0:
        return module
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rsplit(".", 1)[0]
    base = package.rsplit(".", level - 1)[0] if level > 1 else package
    return f"{base}.{module}" if module else base


def test_no_import_cycles() -> None:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = {_resolve(path, level, module) for level, module in _imports(path)}
        # `from .pkg import name` may name a module of pkg: count whichever exists.
        graph[name] = {t for t in targets if t in modules and t != name and not name.startswith(t + ".")}
        graph[name] -= {"generator"}
    cycles = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join([*trail[trail.index(nxt) :], nxt]))
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert cycles == []
