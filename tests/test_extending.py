"""docs/extending.md, followed once: on a copy of the project (src/, ontology/, data/registry/ in a
temporary directory) the test makes the edits a checklist lists — a toy language (German, a few
words of it), a toy reference kind (an EU directive), a toy named query, a toy view — and sees each
flow through extraction, the build, SPARQL, the network and the explorer, run as `resograph`
commands from that copy.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from corpus import FIXTURES

ROOT = Path(__file__).resolve().parents[1]
DIRECTIVE_IRI = "https://w3id.org/resograph/id/eu/directive-toy"

pytestmark = pytest.mark.slow  # one project copy, one build and five `resograph` runs in subprocesses


def edit(path: Path, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` (the checklist's anchor) in ``path``."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path.name}: the anchor {old!r} moved; update docs/extending.md"
    path.write_text(text.replace(old, new), encoding="utf-8")


# -- the checklists' edits -------------------------------------------------------------------------

GERMAN = '''GERMAN = Language(
    code="de",
    months={"januar": 1, "februar": 2, "marz": 3, "april": 4, "mai": 5, "juni": 6, "juli": 7,
            "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12},
    stopwords=("der", "die", "das", "und", "zu", "den", "von", "mit", "ihre", "ihrer", "auf", "fur"),
    bodies={"un-sc": (r"sicherheitsrat(?:es|s)?",), "un-ga": (r"generalversammlung",)},
    body_needles=("sicherheitsrat", "generalversammlung"),
    conjunctions=("und", "oder", "sowie"),
    possessives=("ihre", "ihrer", "seine", "seiner"),
    vote_needle="stimme",
)

'''

GERMAN_TEXT = """Die Generalversammlung,

Unter Hinweis auf ihre Resolution 79/136 vom 6. Dezember 2024 und die Resolution 2482 (2019) des Sicherheitsrates,

1. Beschließt, mit der Prüfung dieser Frage befasst zu bleiben.
"""


def add_language(home: Path) -> None:
    """Checklist "A language": one unit in reading/languages.py, its phrases in clause-functions.ttl."""
    edit(home / "src" / "resograph" / "reading" / "languages.py",
         "LANGUAGES: tuple[Language, ...] = (FRENCH, ENGLISH, SPANISH)",
         GERMAN + "LANGUAGES: tuple[Language, ...] = (FRENCH, ENGLISH, SPANISH, GERMAN)")
    with open(home / "ontology" / "clause-functions.ttl", "a", encoding="utf-8") as fh:
        fh.write('\nrgcf:recalling skos:altLabel "Unter Hinweis auf"@de .\n'
                 'rgcf:decides skos:altLabel "Beschließt"@de .\n')
    (home / "de.txt").write_text(GERMAN_TEXT, encoding="utf-8")


def add_reference_kind(home: Path) -> None:
    """Checklist "A reference kind": an EU directive, known to the registry by name."""
    src = home / "src" / "resograph"
    edit(src / "core" / "kinds.py", '    Kind("un-document", "UNDocument", "square", "■", 8),\n',
         '    Kind("un-document", "UNDocument", "square", "■", 8),\n'
         '    Kind("directive", "Directive", "box", "▬", 9),\n')
    edit(src / "core" / "kinds.py", '    (UN_SYMBOL, "un-document", None),\n',
         '    (r"^eu:directive-", "directive", None),\n    (UN_SYMBOL, "un-document", None),\n')
    edit(src / "core" / "keys.py", '"mechanism:", "body:")', '"mechanism:", "body:", "eu:")')
    onto = home / "ontology" / "resograph.ttl"
    edit(onto, "rg:Constitution rg:Report ) .", "rg:Constitution rg:Report rg:Directive ) .")  # disjoint
    with open(onto, "a", encoding="utf-8") as fh:
        fh.write("""
rg:Directive a owl:Class ;
    rdfs:subClassOf eli:LegalResource ;
    rdfs:label "Directive"@en, "Directive"@fr ;
    rdfs:comment "A directive of the European Union (toy kind of tests/test_extending.py)."@en,
        "Directive de l'Union européenne (type d'essai de tests/test_extending.py)."@fr ;
    rdfs:isDefinedBy <https://w3id.org/resograph/ontology> .
""")
    shapes = home / "ontology" / "shapes.ttl"
    text = shapes.read_text(encoding="utf-8")
    assert text.count("rg:Report, rg:UNDocument ;") == 2 and text.count("rg:Report rg:UNDocument )") == 1
    text = text.replace("rg:Report, rg:UNDocument ;", "rg:Report, rg:UNDocument, rg:Directive ;")
    shapes.write_text(text.replace("rg:Report rg:UNDocument )", "rg:Report rg:UNDocument rg:Directive )"),
                      encoding="utf-8")
    (home / "data" / "registry" / "toy-eu.ttl").write_text(f"""\
@prefix rg: <https://w3id.org/resograph/ontology#> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

# A toy instrument: no such directive exists; its source is this test.
<{DIRECTIVE_IRI}> a eli:LegalResource, rg:Directive ;
    dcterms:identifier "eu:directive-toy" ;
    rg:inRegistry true ;
    dcterms:title "Toy Directive on worked examples"@en ;
    skos:prefLabel "Toy Directive on worked examples"@en ;
    dcterms:source <https://w3id.org/resograph/id/source/test_extending.py> .
""", encoding="utf-8")


TOY_QUERY = """\
# Instruments of one kind (rg: class name) and the documents that cite them (toy query of docs/extending.md).
# @param kind string = Directive -- the kind's class in the ontology, e.g. Treaty, Directive
PREFIX rg: <https://w3id.org/resograph/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>

SELECT ?kind ?key ?citer WHERE {
  ?instrument a ?class ; dcterms:identifier ?key .
  FILTER(STR(?class) = CONCAT(STR(rg:), ?kind))
  ?doc eli:cites ?instrument ; dcterms:identifier ?citer .
}
ORDER BY ?key ?citer
"""


def add_named_query(home: Path) -> None:
    """Checklist "A named query": one .rq file, nothing to register."""
    (home / "src" / "resograph" / "query" / "queries" / "toy-kind-citers.rq").write_text(TOY_QUERY, encoding="utf-8")


TOY_VIEW = '''\
"""`resograph kinds`: instruments per kind in the citation network (toy view of docs/extending.md)."""

from __future__ import annotations

from resograph.views import network
from resograph.views.analysis import kind_counts


def register(sub) -> None:
    p = sub.add_parser("kinds", help="count the instruments of each kind",
                       epilog="Example: resograph kinds --build build")
    p.add_argument("--build", default="build", metavar="DIR", help="build directory (default: build)")
    p.set_defaults(func=run)


def run(args) -> int:
    for kind, n in kind_counts(network.load(args.build)):
        print(f"{kind}\\t{n}")
    return 0
'''

TOY_ANALYSIS = '''

def kind_counts(G: nx.DiGraph) -> list[tuple[str, int]]:
    """(kind, instruments of that kind), most frequent first (toy view of docs/extending.md).

    >>> from resograph.views.network import load
    >>> dict(kind_counts(load("tests/fixtures/explorer-sample.ttl")))["article"]
    4
    """
    counts = Counter(d.get("kind") or "?" for _, d in G.nodes(data=True))
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
'''


def add_view(home: Path) -> None:
    """Checklist "A view": a function of the network in views/, a command that prints it."""
    src = home / "src" / "resograph"
    with open(src / "views" / "analysis.py", "a", encoding="utf-8") as fh:
        fh.write(TOY_ANALYSIS)
    (src / "commands" / "kinds.py").write_text(TOY_VIEW, encoding="utf-8")


# -- the copy, its build, its commands ------------------------------------------------------------

@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("extended")
    shutil.copytree(ROOT / "src", home / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    shutil.copytree(ROOT / "ontology", home / "ontology")
    shutil.copytree(ROOT / "data" / "registry", home / "data" / "registry")
    add_language(home)
    add_reference_kind(home)
    add_named_query(home)
    add_view(home)
    text = (FIXTURES / "dev02_interpol_en_uncoop.txt").read_text(encoding="utf-8")
    first = text.index("RECALLING")  # a preambular paragraph of our own before the first "RECALLING"
    (home / "citing.txt").write_text(text[:first] + "RECALLING the Toy Directive on worked examples,\n\n"
                                     + text[first:], encoding="utf-8")
    return home


def resograph(home: Path, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(home / "src"), "RESOGRAPH_HOME": str(home)}
    proc = subprocess.run([sys.executable, "-m", "resograph.cli", *args], capture_output=True, text=True,
                          cwd=home, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.fixture(scope="module")
def built(home) -> Path:
    resograph(home, "build", "citing.txt", "de.txt", "--out", "b", "-q")
    return home / "b"


def test_the_copy_runs_its_own_code(home):
    env = {**os.environ, "PYTHONPATH": str(home / "src"), "RESOGRAPH_HOME": str(home)}
    out = subprocess.run([sys.executable, "-c", "import resograph.core.kinds as k; print(k.__file__)"],
                         capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == str(home / "src" / "resograph" / "core" / "kinds.py")


def test_a_new_language_is_read_and_its_citations_reach_the_graph(home, built):
    x = json.loads(resograph(home, "extract", "de.txt", "--format", "json"))
    assert (x["document"]["language"], x["document"]["body"]) == ("de", "un-ga")  # stop words, body name
    assert [(p["id"], p["function"]) for p in x["paragraphs"]] == [("pp_1", "recalling"), ("op_1", "decides")]
    assert [(c["paragraph"], c["target"]) for c in x["citations"]] == \
        [("pp_1", "A/RES/79/136"), ("pp_1", "S/RES/2482(2019)")]  # "des Sicherheitsrates" names the SC
    lines = (built / "resograph.nt").read_text(encoding="utf-8").splitlines()
    for target in ("A/RES/79/136", "S/RES/2482(2019)"):
        cites = f"/pp_1> <http://data.europa.eu/eli/ontology#cites> <https://w3id.org/resograph/id/{target}> ."
        assert any(line.startswith("<https://w3id.org/resograph/id/unidentified:") and line.endswith(cites)
                   for line in lines), target  # the text carries no symbol: a key from its bytes
    unchanged = subprocess.run([sys.executable, "-m", "resograph.cli", "extract", str(home / "de.txt"),
                                "--format", "json"], capture_output=True, text=True, cwd=ROOT, check=True)
    assert json.loads(unchanged.stdout)["citations"] == []  # the project as it is reads no German


def test_a_new_reference_kind_flows_from_text_to_graph_network_and_explorer(home, built):
    x = json.loads(resograph(home, "extract", "citing.txt", "--format", "json"))
    toy = [c for c in x["citations"] if c["target"] == "eu:directive-toy"]
    assert [(c["function"], c["resolved"]) for c in toy] == [("recalling", True)]
    nt = (built / "resograph.nt").read_text(encoding="utf-8")
    typed = f"<{DIRECTIVE_IRI}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    assert f"{typed} <https://w3id.org/resograph/ontology#Directive> ." in nt
    assert f"{typed} <http://data.europa.eu/eli/ontology#LegalResource> ." in nt
    assert f"<{DIRECTIVE_IRI}> <https://w3id.org/resograph/ontology#inRegistry> " in nt
    page = (home / "page.html")
    resograph(home, "explore", "--build", "b", "--out", str(page))
    html = page.read_text(encoding="utf-8")
    assert '"kind": "directive"' in html or '"kind":"directive"' in html
    assert '"box"' in html and "▬" in html  # the kind's shape on the canvas, its glyph in the legend


def test_a_new_named_query_is_listed_and_answers(home, built):
    assert "toy-kind-citers" in resograph(home, "queries")
    rows = json.loads(resograph(home, "query", "toy-kind-citers", "--build", "b", "--format", "json"))
    bindings = [{k: v["value"] for k, v in b.items()} for b in rows["results"]["bindings"]]
    assert bindings == [{"kind": "Directive", "key": "eu:directive-toy", "citer": "GA-2025-93-RES-05"}]
    treaties = json.loads(resograph(home, "query", "toy-kind-citers", "--build", "b", "--param", "kind=Treaty",
                                    "--format", "json"))
    assert "eu:directive-toy" not in json.dumps(treaties)


def test_a_new_view_is_a_command_over_the_network(home, built):
    counts = dict(line.split("\t") for line in resograph(home, "kinds", "--build", "b").splitlines())
    assert counts["directive"] == "1"
    assert "kinds" in resograph(home, "--help")
