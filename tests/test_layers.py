"""The layers of DESIGN.md: imports go plugins -> catalog and scrapers -> catalog, never back."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

# Folder -> import names it must not use. plugins/ and scrapers/ install as catalog_plugins and catalog_scrapers.
FORBIDDEN = {
    "catalog": {"mkdocs", "material", "requests", "catalog_plugins", "catalog_scrapers", "plugins", "scrapers"},
    "plugins": {"catalog_scrapers", "scrapers", "requests"},
    "scrapers": {"catalog_plugins", "plugins", "mkdocs", "material"},
}


def imports(tree: ast.AST, top_level_only: bool):
    """(line, module) of each import; with top_level_only, those not inside a function."""
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    for node in nodes:
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module


def layer_files():
    for layer in FORBIDDEN:
        for path in sorted((REPO / layer).rglob("*.py")):
            yield layer, path


@pytest.mark.parametrize("layer, path", list(layer_files()), ids=lambda v: str(v).split("/main/")[-1])
def test_imports_go_one_way(layer, path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    # The command line is the composition root: it may reach outward, but only lazily.
    top_level_only = path == REPO / "catalog" / "cli.py"
    bad = [(line, module) for line, module in imports(tree, top_level_only)
           if module.split(".")[0] in FORBIDDEN[layer]]
    assert not bad, f"{path.relative_to(REPO)} imports across layers: {bad}"
