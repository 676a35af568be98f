"""The package's layout rules, held by walking every module's imports (no module is imported).

- Layers, bottom to top: the model and version; the markdown tree; reading (digest text -> Digest);
  formats (Digest/Paper -> HTML, BibTeX, JSON, pages); the Sphinx side and the command-line tools;
  the package root. A module imports only from its own layer or lower ones.
- Only ``sphinx_arxivdigest/sphinx/`` imports Sphinx, docutils or sphinx-design (Sphinx's extensions).
- The model imports nothing of the package at module level (a function-level façade such as
  ``Digest.to_bibtex()`` may import a format lazily).
- No module imports another module's ``_private`` name (gettext's ``_`` is a public convention);
  module-level imports have no cycle.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "sphinx_arxivdigest"
NAME = "sphinx_arxivdigest"
SPHINX_WORLD = ("sphinx", "docutils", "sphinx_design", "myst_parser", "myst_nb")


def layer(module: str) -> int:
    """0 model/version, 1 markdown, 2 reading, 3 formats, 4 sphinx/cli/tools, 5 package root."""
    parts = module.split(".")[1:]
    if not parts:
        return 5
    head = parts[0]
    if head in ("model", "version"):
        return 0
    if head in ("markdown", "markdown_compat"):
        return 1
    if head == "reading":
        return 2
    if head == "formats":
        return 3
    return 4  # sphinx/, cli, __main__ and other entry points


@dataclass(frozen=True)
class Import:
    module: str  # the importing module
    target: str  # the imported module (absolute)
    names: tuple[str, ...]
    top_level: bool  # at module level (not inside a function or class body)
    line: int


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imports_of(path: Path) -> list[Import]:
    module = module_name(path)
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: list[Import] = []

    def visit(node: ast.AST, top: bool) -> None:
        for child in ast.iter_child_nodes(node):
            nested = top and not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.If) and _is_type_checking(child):
                continue  # annotations only: no import at run time
            if isinstance(child, ast.Import):
                found.extend(Import(module, alias.name, (), top, child.lineno) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                target = _resolve(module, path.name == "__init__.py", child)
                names = tuple(alias.name for alias in child.names)
                # ``from . import x`` and ``from .pkg import mod`` name modules, not attributes.
                for name in names:
                    candidate = f"{target}.{name}"
                    if _exists(candidate):
                        found.append(Import(module, candidate, (), top, child.lineno))
                        names = tuple(n for n in names if n != name)
                if names or not child.names:
                    found.append(Import(module, target, names, top, child.lineno))
            visit(child, nested)

    visit(tree, True)
    return found


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _exists(module: str) -> bool:
    if not module.startswith(NAME):
        return False
    relative = Path(*module.split(".")[1:]) if "." in module else Path()
    return (PACKAGE / relative).with_suffix(".py").exists() or (PACKAGE / relative / "__init__.py").exists()


MODULES = sorted(PACKAGE.rglob("*.py"))
IMPORTS = [item for path in MODULES for item in imports_of(path)]
INTERNAL = [item for item in IMPORTS if item.target == NAME or item.target.startswith(NAME + ".")]


def test_the_walk_sees_the_package() -> None:
    names = {module_name(path) for path in MODULES}
    assert {f"{NAME}.model", f"{NAME}.markdown", f"{NAME}.sphinx.extension", f"{NAME}.formats.card_html"} <= names
    assert len(INTERNAL) > 50


def test_arrows_point_down() -> None:
    upward = [
        f"{item.module}:{item.line} imports {item.target} (layer {layer(item.module)} -> {layer(item.target)})"
        for item in INTERNAL
        if item.top_level and layer(item.target) > layer(item.module)
    ]
    assert upward == []


def test_only_the_sphinx_folder_imports_sphinx_or_docutils() -> None:
    outside = [
        f"{item.module}:{item.line} imports {item.target}"
        for item in IMPORTS
        if item.target.split(".")[0] in SPHINX_WORLD and not item.module.startswith(f"{NAME}.sphinx")
        and item.module != NAME  # the root's setup() imports sphinx/ lazily, and Sphinx only for typing
    ]
    assert outside == []


def test_the_model_imports_nothing_of_the_package_at_module_level() -> None:
    found = [f"{item.module}:{item.line} {item.target}" for item in INTERNAL
             if item.module == f"{NAME}.model" and item.top_level]
    assert found == []


def test_no_module_imports_another_modules_private_names() -> None:
    private = [
        f"{item.module}:{item.line} imports {name} from {item.target}"
        for item in INTERNAL
        for name in item.names
        if name.startswith("_") and name != "_" and not name.startswith("__") and item.target != item.module
    ]
    assert private == []


def test_module_level_imports_have_no_cycle() -> None:
    graph: dict[str, set[str]] = {}
    for item in INTERNAL:
        if item.top_level and item.target != item.module:
            graph.setdefault(item.module, set()).add(item.target)
    cycles: list[list[str]] = []
    state: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                cycles.append([*stack[stack.index(target):], target] if target in stack else [node, target])
            elif target not in state:
                visit(target, [*stack, target])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    # A package importing its own submodules (``__init__`` re-exporting) is not a cycle of modules.
    real = [cycle for cycle in cycles if not any(b.startswith(a + ".") for a, b in zip(cycle, cycle[1:]))]
    assert real == []


@pytest.mark.parametrize("path", MODULES, ids=lambda path: module_name(path))
def test_every_module_says_what_it_holds(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    if path.name != "__main__.py":
        assert ast.get_docstring(tree), f"{module_name(path)} has no module docstring"
