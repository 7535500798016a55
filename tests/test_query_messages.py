"""What `resograph query` and the endpoint say when a query cannot be answered as asked (issue 15):
a SPARQL syntax error is one readable line with its line and column, and a key that exists nowhere
in the graph is an error with the closest keys, not an empty answer."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from resograph.cli import main
from resograph.query import sparql
from resograph.query.syntax import expected_tokens, explain, found_at, unknown_word

ROOT = Path(__file__).resolve().parents[1]
GOLD = json.loads((ROOT / "tests" / "fixtures" / "GA-2025-93-RES-03.fr.gold.json").read_text())
GOLD_TARGETS = {c["target"] for c in GOLD["citations"]}



@pytest.fixture(scope="module")
def seed_graph(seed_build):
    return sparql.open_source(seed_build, "oxigraph")


# --------------------------------------------------------------------------- syntax errors


def _error(graph, text: str) -> sparql.QuerySyntaxError:
    with pytest.raises(sparql.QuerySyntaxError) as info:
        sparql.run(graph, text, source="q.rq")
    return info.value


@pytest.mark.parametrize("text, says", [
    ("PREFIX rg: <https://w3id.org/resograph/ontology#>\nSELECT * WHERE { ?s a foo:Treaty }",
     "the prefix `foo:` is not declared"),
    ('SELECT * WHERE { ?s ?p "Vienna }', "unterminated string"),  # the read-only gate finds this one
    ("PREFIX : <x>\nSELECT * WHERE { ?s ?p ?o }", "an IRI here does not parse"),
    ("SELECT * WHERE { ?s ?p ?o } ORDER BY", "unexpected end of the query; expected one of `$` `(`"),
    ("SELECT ?x WHERE {\n  ?x ?y ?z ", "unexpected end of the query; expected one of `,` `.` `;`"),
    ("SELECT ?x WHERE {\n  ?x ?y\n}", "unexpected end of the query: something before it is left incomplete"),
    ("SELECT * WHERE { ?s ?p ?o }\nLIMT 5", "`LIMT` (line 2, column 1) is not a SPARQL keyword"),
    ('SELECT * WHERE { ?s ?p "x"@fr . FILTR(?o > 1.5e3) }', "`FILTR` (line 1, column 33) is not a SPARQL keyword"),
    ("SELECT * WHERE { ?s rdfs label ?o }", "`rdfs` (line 1, column 21) is not a SPARQL keyword"),
])
def test_syntax_errors_are_one_readable_line(seed_graph, text, says):
    err = _error(seed_graph, text)
    message = str(err)
    line, column = map(int, re.search(r"SPARQL syntax error at line (\d+), column (\d+): ", message).groups())
    assert 1 <= line <= text.count("\n") + 1 and column >= 1
    assert says in message
    # one line, short, and none of the parser's Unicode character classes
    assert "\n" not in message and len(message) < 250 and "\\u{" not in message and "..=" not in message


def test_no_word_of_a_valid_query_is_taken_for_a_typo():
    # every named query parses: none of its words (keywords, numbers, language tags) is flagged
    for name, q in sparql.load_catalogue().items():
        lines = q.text.split("\n")
        assert unknown_word(q.text, len(lines), len(lines[-1]) + 1) is None, name
    text = 'SELECT * WHERE { ?s ?p "Vienne"@fr-CH ; ?q -2.5e-3 , .5 , true . ?s a ?t } LIMIT 5 OFFSET 1'
    assert unknown_word(text, 1, len(text) + 1) is None


def test_the_parsers_list_becomes_tokens_and_keywords():
    expected = ('one of "$", "(", "\\"", ABS, AVG, [\'A\' ..= \'Z\' | \'\\u{00C0}\'..=\'\\u{00D6}\'], '
                'Prefix not found, IRI parsing failed, [_]')
    quoted, keywords = expected_tokens(expected)
    assert quoted == ["$", "(", '"'] and keywords == ["ABS", "AVG"]


def test_what_stands_at_the_error():
    text = "SELECT ?x\nWHERE { ?x ?y }\n"
    assert found_at(text, 2, 15) == "`}`"
    assert found_at(text, 2, 16) == "end of the query"
    assert found_at(text, 9, 1) == ""  # a position outside the text names nothing
    assert explain('one of ",", "}"', text, 2, 15) == "unexpected `}`; expected one of `,` `}`"
    assert explain("[_]", text, 2, 15) == "unexpected `}`; expected a name, variable, IRI or literal"
    open_string = 'SELECT * WHERE { ?s ?p "abc'
    assert explain('one of "\\"", "\\\\", [_]', open_string, 1, 28) == "a string is not closed (a quote is missing)"


def test_the_cli_prints_the_readable_line(seed_build, capsys):
    assert main(["query", "SELECT * WHERE { ?s a foo:Treaty }", "--build", str(seed_build)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and re.search(r"syntax error at line 1, column \d+: the prefix `foo:`", err)


# --------------------------------------------------------------------------- keys that exist nowhere


def test_a_key_that_exists_nowhere_is_an_error_with_the_closest_keys(seed_build, capsys):
    assert "A/RES/51/2" not in GOLD_TARGETS and "A/RES/51/1" in GOLD_TARGETS
    assert main(["query", "citers", "--param", "key=A/RES/51/2", "--build", str(seed_build)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""  # no "(0 rows)" table
    err = captured.err.strip()
    assert len(err.splitlines()) == 1
    assert "--param key=A/RES/51/2: no such key in" in err
    close = re.search(r"did you mean (.*)\?\)$", err).group(1).split(", ")
    assert close[0] == "A/RES/51/1" and len(close) <= 3


@pytest.mark.parametrize("store", ["oxigraph", "memory"])
def test_a_key_in_the_graph_still_answers(seed_build, capsys, store):
    assert main(["query", "citers", "--param", "key=A/RES/51/1", "--build", str(seed_build), "--store", store,
                 "--format", "csv"]) == 0
    rows = capsys.readouterr().out.strip().splitlines()
    assert rows[0].startswith("key,citer") and any(",GA-2025-93-RES-03," in r for r in rows[1:])


def test_an_unknown_key_as_a_full_iri_or_far_from_any(seed_build, capsys):
    iri = "https://w3id.org/resograph/id/A/RES/51/9"
    assert main(["query", "neighbourhood", "--param", f"key={iri}", "--build", str(seed_build)]) == 2
    assert f"--param key={iri}: no such key" in capsys.readouterr().err
    assert main(["query", "citers", "--param", "key=zzzz", "--build", str(seed_build)]) == 2
    err = capsys.readouterr().err
    assert "no such key" in err and "did you mean" not in err
