"""The package layout is the data flow: each layer imports only the layers below it, never back.

Every import counts, also the ones inside functions ("late" imports); only ``if TYPE_CHECKING:``
blocks may look back up, since they never run. The README's package map lists the same order.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "klarsprak"

# Bottom to top: source → document → analysis → rules → diagnostics → outputs; the doors on top.
LAYERS = ["core", "text", "language", "checks", "engine", "output", "lsp", "web", "cli"]
# Doors that are siblings: the language server and the web page never import each other.
SIBLINGS = {frozenset({"lsp", "web"})}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in PACKAGE.rglob("*.py") if "data" not in path.relative_to(PACKAGE).parts}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Modules of klarsprak that ``name`` imports anywhere outside ``if TYPE_CHECKING:``."""
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.split(".")[0] == "klarsprak")
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            if base.split(".")[0] == "klarsprak":
                for alias in node.names:
                    full = f"{base}.{alias.name}"
                    found.add(full if full in modules else base)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
    found.discard(name)
    return {module for module in found if module in modules}


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return components


def test_every_module_sits_in_a_layer():
    loose = [name for name in _modules() if name != "klarsprak" and name != "klarsprak.__main__" and _layer(name) is None]
    assert not loose, f"modules outside the layer packages {LAYERS}: {loose}"


def test_no_import_cycles_late_imports_included():
    assert _cycles(_graph()) == []


def test_layers_import_only_downward():
    wrong = []
    for module, targets in _graph().items():
        own = _layer(module)
        for target in targets:
            other = _layer(target)
            if own is None or other is None or own == other:
                continue
            if frozenset({own, other}) in SIBLINGS or LAYERS.index(other) > LAYERS.index(own):
                wrong.append(f"{module} → {target}")
    assert not wrong, "imports that go up (or across doors):\n" + "\n".join(sorted(wrong))


def test_nothing_inside_the_package_imports_the_package_root():
    """``klarsprak/__init__.py`` is the public API for users; the layers never lean on it."""
    leaning = [module for module, targets in _graph().items() if "klarsprak" in targets and module != "klarsprak.__main__"]
    assert not leaning, leaning


def test_the_checker_sees_late_imports_and_skips_type_checking(tmp_path):
    """The checks above can fail: a late import is an edge, a TYPE_CHECKING import is not."""
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from klarsprak.engine.config import Config\n"
        "def late():\n    from klarsprak.engine.lint import Engine\n"
    )
    path = tmp_path / "probe.py"
    path.write_text(source, encoding="utf-8")
    modules = _modules()
    assert _imports("klarsprak.checks.probe", path, modules) == {"klarsprak.engine.lint"}
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_every_builtin_topic_module_is_registered():
    """``kind: builtin`` finds a check only if ``checks/builtin.py`` imports its module."""
    folder = PACKAGE / "checks" / "builtins"
    topics = {path.stem for path in folder.glob("*.py") if not path.stem.startswith("_") and path.stem != "registry"}
    imported = {module.rpartition(".")[2] for module in _graph()["klarsprak.checks.builtin"]}
    assert topics <= imported, f"not imported by checks/builtin.py: {sorted(topics - imported)}"


def test_the_readme_map_names_every_layer_and_only_modules_that_exist():
    """The package map in the README is the tree: each layer has a row, each module it names exists."""
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Arkitektur (for utviklere)", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `(\w+)/` \| [^|]+ \| (.+) \|$", section, flags=re.MULTILINE)
    assert sorted(package for package, _ in rows) == sorted(LAYERS)
    for package, modules in rows:
        named = re.sub(r"\([^()]*\)", "", modules)  # what stands in brackets explains, it is not a module
        for name in re.findall(r"`([\w/]+)`", named):
            name = name.rstrip("/")
            if not name.islower() or name.startswith("-"):
                continue  # a class or a command («Engine.check», «--format»)
            folder = PACKAGE / package
            assert (folder / f"{name}.py").is_file() or (folder / name).is_dir(), f"{package}/{name} is named but missing"
