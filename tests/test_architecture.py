"""The layout issue 15 asked for, kept: numbers one import from their page, small modules, thin pages, no
import cycle, Streamlit only in atlas_data/dashboard/, and a README layout table that names every module."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "atlas_data"
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)
PAGES = sorted((ROOT / "pages").glob("*.py"))
MAX_MODULE_LINES = 600
MAX_PAGE_LINES = 100


def dotted(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


# The one import made inside a function that closes a loop: a parser's message quotes the cell's value as
# privacy.quoted allows (`a text of 24 characters`), and privacy's rules know the parsers' labels.
LAZY_IMPORTS_IN_A_LOOP = {("atlas_data.reading.text", "atlas_data.reading.privacy")}


def imports(path: Path, lazy: bool = True) -> set[str]:
    """The atlas_data modules a file imports at module level (and, with `lazy`, inside functions)."""
    found = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in (ast.walk(tree) if lazy else tree.body):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("atlas_data"):
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if (PACKAGE.parent / (candidate.replace(".", "/") + ".py")).exists()
                          else node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("atlas_data")}
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_is_over_600_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_MODULE_LINES


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_pages_are_thin(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_PAGE_LINES


def test_no_string_names_a_query():
    for path in [*MODULES, *PAGES, ROOT / "app.py"]:
        text = path.read_text(encoding="utf-8")
        assert "getattr(queries" not in text and not re.search(r"ui\.(raw_)?data\(", text), path


def test_no_import_cycle():
    """No loop of imports, counting those inside functions, but for the one documented above."""
    graph = {dotted(p): {m for m in imports(p) if m != dotted(p)} for p in MODULES}
    graph = {k: {m for m in v if m in graph and (k, m) not in LAZY_IMPORTS_IN_A_LOOP} for k, v in graph.items()}
    done, path = set(), []

    def visit(node):
        if node in path:
            cycle = path[path.index(node):] + [node]
            raise AssertionError(" -> ".join(cycle))
        if node in done:
            return
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt != "atlas_data":                   # the package's own __init__ re-exports, imported by all
                visit(nxt)
        path.pop()
        done.add(node)
    for node in sorted(graph):
        visit(node)


def test_only_the_dashboard_imports_streamlit():
    outside = [dotted(p) for p in MODULES if "dashboard" not in p.parts and re.search(
        r"^\s*(import streamlit|from streamlit)", p.read_text(encoding="utf-8"), re.M)]
    assert outside == []


def test_the_readme_layout_table_names_every_module():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme[readme.index("## Layout"):readme.index("\n## ", readme.index("## Layout") + 5)]
    missing = [str(p.relative_to(PACKAGE)) for p in MODULES
               if p.name != "__init__.py" and str(p.relative_to(PACKAGE)) not in layout and p.name not in layout]
    assert missing == []
