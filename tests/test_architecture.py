"""The package's architecture, read from its source (AST, nothing imported): layers that import only
downwards, no import cycle, no reaching into another module's private names, namespaces and
instrument kinds stated once, functions short enough to read.

Layers, top to bottom: core < reading < graph < query < views < tools < (api, cli, commands).
A module imports only from its own layer or the ones before it in that list (README, "How it works").
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "resograph"
LAYERS = ["core", "reading", "graph", "query", "views", "tools", "top"]
MAX_LINES = 60


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
TREES = {name: ast.parse(path.read_text(encoding="utf-8"), str(path)) for name, path in MODULES.items()}


def layer(module: str) -> int:
    """The rank of a module's layer; the package itself, api, cli and commands are the top."""
    parts = module.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 and parts[1] in LAYERS else LAYERS.index("top")


def resolve(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    is_package = MODULES[module].name == "__init__.py"
    base = base[: len(base) - node.level + (1 if is_package else 0)]
    return ".".join(base + ([node.module] if node.module else []))


def imports(module: str) -> Iterator[tuple[str, int, bool]]:
    """(imported resograph module, line, at module level) for every import of ``module``.

    ``from resograph.x import y`` counts as an import of ``resograph.x.y`` when that is a module.
    """
    top_level = {id(n) for n in TREES[module].body}
    for node in ast.walk(TREES[module]):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            source = resolve(module, node)
            names = [f"{source}.{a.name}" if f"{source}.{a.name}" in MODULES else source for a in node.names]
        else:
            continue
        for name in names:
            if name.startswith("resograph"):
                while name not in MODULES:  # resograph.core.keys.iri → resograph.core.keys
                    name = name.rsplit(".", 1)[0]
                yield name, node.lineno, id(node) in top_level


def import_graph() -> nx.DiGraph:
    G = nx.DiGraph()
    G.add_nodes_from(MODULES)
    for module in MODULES:
        for target, _, _ in imports(module):
            if target != module:
                G.add_edge(module, target)
    return G


def test_the_source_tree_is_read():
    assert {"resograph.core.keys", "resograph.reading.extract", "resograph.graph.build",
            "resograph.query.sparql", "resograph.views.explore", "resograph.tools.synth",
            "resograph.api", "resograph.cli"} <= set(MODULES)
    assert ("resograph.graph.rdf", "resograph.core.keys") in import_graph().edges


def test_no_module_imports_a_layer_above_its_own():
    upward = [f"{m}:{line} imports {t} ({LAYERS[layer(t)]} is above {LAYERS[layer(m)]})"
              for m in MODULES for t, line, _ in imports(m)
              if layer(t) > layer(m) and m != "resograph"]  # the package re-exports the api lazily
    assert upward == []


def test_the_package_itself_imports_only_core_at_import_time():
    eager = [t for t, _, top in imports("resograph") if top]
    assert all(layer(t) == 0 for t in eager), eager


# No cycle is left (the build redesign removed build ⇄ incremental); a new one fails the test.
KNOWN_CYCLES: list[set[str]] = []


def test_no_import_cycle():
    G = import_graph()
    G.remove_node("resograph")  # its lazy __getattr__ imports the api on first use only
    cycles = [set(c) for c in nx.simple_cycles(G)]
    assert [c for c in cycles if c not in KNOWN_CYCLES] == [], cycles


def test_the_layer_check_catches_an_upward_import():
    tree = ast.parse("from resograph.views.network import from_rdf\nimport resograph.graph.rdf\n")
    TREES["resograph.core.probe"], MODULES["resograph.core.probe"] = tree, PACKAGE / "core" / "probe.py"
    try:
        found = [(t, layer(t)) for t, _, _ in imports("resograph.core.probe")]
    finally:
        del TREES["resograph.core.probe"], MODULES["resograph.core.probe"]
    assert found == [("resograph.views.network", 4), ("resograph.graph.rdf", 2)]


# -- private names ---------------------------------------------------------------------------------

def private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def defined_here(tree: ast.Module) -> set[str]:
    """Every name a module defines itself: functions, classes, assigned names and attributes."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.attr)
    return names


PUBLIC_DESPITE_UNDERSCORE = {"os._exit"}  # documented public API


def private_reaches(module: str) -> Iterator[str]:
    """``import a._b``, ``from a import _b`` and ``x._b`` where the module does not define ``_b``
    itself: uses of a name another module (ours or a library's) keeps to itself."""
    tree = TREES[module]
    own = defined_here(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if any(private(p) for p in a.name.split(".")):
                    yield f"{module}:{node.lineno} import {a.name}"
        elif isinstance(node, ast.ImportFrom):
            for a in node.names:
                if private(a.name) or any(private(p) for p in (node.module or "").split(".")):
                    yield f"{module}:{node.lineno} from {resolve(module, node)} import {a.name}"
        elif isinstance(node, ast.Attribute) and private(node.attr) and node.attr not in own:
            if ast.unparse(node) not in PUBLIC_DESPITE_UNDERSCORE:
                yield f"{module}:{node.lineno} {ast.unparse(node)}"


# Reaches into private names that remain, each for a reason given beside it. A new one fails the test.
KNOWN_PRIVATE = {
    # the first characters a pattern can match, read from the parser re compiles with (no public API)
    "resograph.reading.segment": {"import re._parser", "from re import _constants"},
}


def _strip_line(found: str) -> str:
    module, rest = found.split(":", 1)
    return rest.split(" ", 1)[1]


def test_nothing_reaches_into_another_modules_private_names():
    new = sorted(f for m in MODULES for f in private_reaches(m)
                 if _strip_line(f) not in KNOWN_PRIVATE.get(m, set()))
    assert new == []


def test_the_private_name_check_finds_one():
    tree = ast.parse("import re._parser\nfrom resograph.graph import store\nfrom x import _y\nstore._fsync_dir(1)\n")
    TREES["resograph.core.probe"], MODULES["resograph.core.probe"] = tree, PACKAGE / "core" / "probe.py"
    try:
        found = sorted(_strip_line(f) for f in private_reaches("resograph.core.probe"))
    finally:
        del TREES["resograph.core.probe"], MODULES["resograph.core.probe"]
    assert found == ["from x import _y", "import re._parser", "store._fsync_dir"]


# -- one place for namespaces and kinds ------------------------------------------------------------

def calls_to(name: str) -> list[str]:
    return [f"{m}:{n.lineno}" for m, tree in TREES.items() for n in ast.walk(tree)
            if isinstance(n, ast.Call) and (getattr(n.func, "id", None) == name
                                            or getattr(n.func, "attr", None) == name)]


def test_namespaces_are_made_in_one_module():
    assert {site.split(":")[0] for site in calls_to("Namespace")} == {"resograph.core.namespaces"}


def string_constants(module: str) -> set[str]:
    return {n.value for n in ast.walk(TREES[module]) if isinstance(n, ast.Constant) and isinstance(n.value, str)}


@pytest.mark.parametrize("iri", ["https://w3id.org/resograph/ontology#", "https://w3id.org/resograph/id/",
                                 "https://w3id.org/resograph/clause-function/",
                                 "http://data.europa.eu/eli/ontology#", "http://purl.org/spar/cito/",
                                 "http://www.w3.org/ns/oa#", "http://www.w3.org/ns/shacl#"])
def test_a_namespace_iri_is_written_once(iri):
    assert [m for m in MODULES if iri in string_constants(m)] == ["resograph.core.namespaces"]


@pytest.mark.parametrize("module", ["resograph.graph.rdf", "resograph.views.network", "resograph.views.explore",
                                    "resograph.core.keys"])
def test_kind_readers_read_the_table(module):
    assert "resograph.core.kinds" in {t for t, _, _ in imports(module)}
    names = {"TreatyArticle", "UNDocument", "triangleDown", "un-document", "#1f4e9c"}
    assert not names & string_constants(module)  # no kind, class, shape or colour restated


# -- function length -------------------------------------------------------------------------------

def long_functions() -> dict[str, int]:
    """qualified name → lines (def to last line, decorators excluded) of every function over MAX_LINES."""
    out = {}
    for module, tree in TREES.items():
        stack = [(tree, module)]
        while stack:
            node, prefix = stack.pop()
            for child in ast.iter_child_nodes(node):
                if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    name = f"{prefix}.{child.name}"
                    if not isinstance(child, ast.ClassDef):
                        lines = child.end_lineno - child.lineno + 1
                        if lines > MAX_LINES:
                            out[name] = lines
                    stack.append((child, name))
    return out


# Functions over 60 lines (the report prints the list with sizes).
KNOWN_LONG: set[str] = set()  # none left; a new one fails the test


def test_no_new_function_over_60_lines(capsys):
    found = long_functions()
    with capsys.disabled():
        listing = ", ".join(f"{name} {n}" for name, n in sorted(found.items(), key=lambda kv: -kv[1]))
        print(f"\nfunctions over {MAX_LINES} lines: {listing or 'none'}")
    assert sorted(set(found) - KNOWN_LONG) == []


def test_a_command_imports_only_its_own_module():
    """`resograph build` registers and imports the build command alone (every command's imports
    together, networkx and the views among them, were ~0.5 s of each start); a line that names no
    command still lists them all."""
    import subprocess
    import sys

    probe = ("import sys\nfrom resograph.cli import build_parser\n"
             "p = build_parser(['build', '--help'])\n"
             "print(sorted(p._subparsers._group_actions[0].choices))\n"
             "print(sorted(m for m in sys.modules if m.startswith(('networkx', 'resograph.views', "
             "'resograph.commands.'))))\n"
             "print(len(build_parser(['--help'])._subparsers._group_actions[0].choices))\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    chosen, imported, every = out.stdout.splitlines()
    assert chosen == "['build']"
    assert imported == "['resograph.commands.build']"
    assert int(every) == len(list((PACKAGE / "commands").glob("[!_]*.py")))
