"""The package's import graph: no cycles, packages by stage, incremental state behind its face,
and Markdown and Pygments load only for a build."""

from __future__ import annotations

import ast
import importlib
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "footnoted"
# The places modules are imported inside functions: each command loads the build's modules
# (and with them Python-Markdown and Pygments) only when it runs; `import` loads each
# importer only when its kind runs (footnoted/importers/__init__.py).
LAZY = ("footnoted.commands", "footnoted.importers")


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported_modules(name: str, path: Path, top_level: bool) -> set[str]:
    """The package's modules that `name` imports, at its top level or inside functions."""
    tree = ast.parse(path.read_text("utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Import | ast.ImportFrom):
            continue
        if (node.col_offset == 0) != top_level:
            continue
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module) if part)
            targets = [module] + [f"{module}.{alias.name}" for alias in node.names]
        found.update(target for target in targets if target in MODULES and target != name)
    return found


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph as a list of modules, or None."""
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> list[str] | None:
        if module in path:
            return path[path.index(module):] + [module]
        if module in done:
            return None
        for target in sorted(graph[module]):
            cycle = visit(target, path + [module])
            if cycle:
                return cycle
        done.add(module)
        return None

    return next((cycle for module in sorted(graph) if (cycle := visit(module, []))), None)


def test_every_module_imports():
    for name in MODULES:
        importlib.import_module(name)
        assert Path(sys.modules[name].__file__).is_relative_to(PACKAGE), name


def test_find_cycle_finds_one():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_the_package_has_no_import_cycle():
    # A module's own package is left out: importing it runs only its __init__.py.
    graph = {name: {target for target in imported_modules(name, path, top_level=True)
                    if not name.startswith(target + ".")}
             for name, path in MODULES.items()}
    assert find_cycle(graph) is None


def test_no_module_imports_inside_functions_but_the_commands():
    inside = {name: imported_modules(name, path, top_level=False)
              for name, path in MODULES.items() if not name.startswith(LAZY)}
    assert {name: found for name, found in inside.items() if found} == {}


def test_the_command_line_loads_neither_markdown_nor_pygments():
    code = ("import sys, footnoted.cli; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'markdown', 'pygments'}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO)}, check=True, timeout=60)
    assert done.stdout.strip() == "[]"


def test_no_module_imports_another_modules_private_name():
    private = {}
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom):
                found = [alias.name for alias in node.names
                         if alias.name.startswith("_") and not alias.name.startswith("__")]
                if found:
                    private[name] = found
    assert private == {}


def test_the_build_asks_incremental_state_only_through_its_face():
    import footnoted.incremental as incremental

    reaching_in = sorted(f"{name} -> {target}" for name, path in MODULES.items()
                         if not name.startswith("footnoted.incremental")
                         for top_level in (True, False)
                         for target in imported_modules(name, path, top_level)
                         if target.startswith("footnoted.incremental."))
    assert reaching_in == []
    assert len(incremental.__all__) <= 11  # 11th: SearchStore, the search index kept per term
    assert all(getattr(incremental, name) is not None for name in incremental.__all__)


def test_the_folder_list_is_the_architecture():
    """At most 8 modules flat in footnoted/, the rest in a package per part of the flow,
    and no module name in two folders (docs/architecture.md)."""
    flat = [name for name in MODULES if name.count(".") == 1
            and not name.endswith(("__main__",)) and MODULES[name].parent == PACKAGE]
    assert len(flat) <= 8, flat
    folders: dict[str, list[str]] = {}
    for path in MODULES.values():
        if path.name != "__init__.py":
            folders.setdefault(path.stem, []).append(path.parent.name)
    assert {stem: where for stem, where in folders.items() if len(where) > 1} == {}
