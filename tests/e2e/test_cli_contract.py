"""The graph contract (CONTRACT.md), checked with SPARQL over the Turtle export of the seeds."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import rdflib
from kgrun import SEEDS, run_kg

from graph.vocab import sparql_prefixes

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def g(seeds_turtle: Path) -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(seeds_turtle, format="turtle")
    return graph


def select(g: rdflib.Graph, body: str) -> list[tuple]:
    return [tuple(row) for row in g.query(sparql_prefixes() + body)]


def test_one_node_for_blinken_across_both_articles(g: rdflib.Graph) -> None:
    rows = select(g, """SELECT DISTINCT ?e WHERE {
        { ?e rdfs:label ?l } UNION { ?e skos:altLabel ?l }
        FILTER(LCASE(STR(?l)) IN ("blinken", "antony blinken", "secretary blinken")) }""")
    assert len(rows) == 1
    (label,) = select(g, f"SELECT ?l WHERE {{ <{rows[0][0]}> rdfs:label ?l }}")[0]
    assert str(label) == "Antony Blinken"


def test_every_entity_has_exactly_one_label_and_a_class(g: rdflib.Graph) -> None:
    bad = select(g, """SELECT ?e (COUNT(?l) AS ?n) WHERE {
        ?e a ?c . FILTER(?c IN (kg:Person, kg:Organization, kg:Place, kg:Group, kg:Event))
        OPTIONAL { ?e rdfs:label ?l } } GROUP BY ?e HAVING (COUNT(?l) != 1)""")
    assert bad == []


def test_a_fact_stated_by_both_seeds_has_two_sources(g: rdflib.Graph) -> None:
    rows = select(g, """SELECT ?st (COUNT(DISTINCT ?src) AS ?n) WHERE {
        ?who kg:visited ?place . ?place rdfs:label "Tokyo" .
        ?st rdf:subject ?who ; rdf:predicate kg:visited ; rdf:object ?place ; prov:wasDerivedFrom ?src .
        } GROUP BY ?st""")
    assert len(rows) == 1 and int(rows[0][1]) == 2


def test_every_fact_has_one_statement_with_evidence(g: rdflib.Graph) -> None:
    rels = [r for (r,) in select(g, "SELECT ?p WHERE { ?p a ?t . FILTER(?t IN (owl:ObjectProperty, owl:DatatypeProperty, owl:SymmetricProperty)) FILTER(STRSTARTS(STR(?p), STR(kg:))) }")]
    assert rels, "the ontology declares the relations"
    missing = select(g, """SELECT ?s ?p ?o WHERE {
        VALUES ?p { kg:visited kg:plansToVisit kg:hosted kg:metWith kg:thanked kg:supports kg:pledgedAidTo
                    kg:condemned kg:accused kg:opposes kg:urged kg:threatened kg:attacked kg:holdsPosition
                    kg:affiliatedWith kg:said }
        ?s ?p ?o .
        FILTER NOT EXISTS { ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                               prov:wasDerivedFrom ?src ; prov:qualifiedDerivation ?ev .
                            ?ev a prov:Derivation ; prov:entity ?src ; nif:beginIndex ?b ; nif:endIndex ?e ;
                               nif:anchorOf ?sent . } }""")
    assert missing == []


def test_statements_are_unique_per_fact(g: rdflib.Graph) -> None:
    dup = select(g, """SELECT ?s ?p ?o (COUNT(?st) AS ?n) WHERE {
        ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }
        GROUP BY ?s ?p ?o HAVING (COUNT(?st) > 1)""")
    assert dup == []


def test_every_nif_offset_matches_the_source_text(g: rdflib.Graph) -> None:
    rows = select(g, """SELECT ?id ?b ?e ?sent WHERE {
        ?ev a prov:Derivation ; prov:entity ?src ; nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?sent .
        ?src dcterms:identifier ?id . }""")
    assert len(rows) > 20
    for ident, b, e, sent in rows:
        text = (SEEDS / Path(str(ident)).name).read_text(encoding="utf-8")
        assert text[int(b):int(e)] == str(sent)


def test_sources_carry_identifier_hash_and_stated_metadata(g: rdflib.Graph) -> None:
    rows = select(g, """SELECT ?src ?id ?sha ?title ?pub ?date WHERE {
        ?src a prov:Entity ; dcterms:identifier ?id ; kg:sha256 ?sha .
        OPTIONAL { ?src dcterms:title ?title } OPTIONAL { ?src dcterms:publisher ?pub }
        OPTIONAL { ?src dcterms:date ?date } }""")
    assert {Path(str(r[1])).name for r in rows} == {p.name for p in SEEDS.glob("*.txt")}
    by_name = {Path(str(r[1])).name: r for r in rows}
    fox = by_name["001_ec3ccedffc4e3916.txt"]
    assert str(fox[4]) == "FOX NEWS"
    tdi = by_name["000_94abef00e8dadde3.txt"]
    assert str(tdi[5]) == "2023-11-08"


def test_the_build_is_a_prov_activity_with_versions(g: rdflib.Graph) -> None:
    rows = select(g, """SELECT ?run ?tool ?model ?mv WHERE {
        ?run a prov:Activity ; kg:toolName ?tool ; kg:modelName ?model ; kg:modelVersion ?mv ;
             prov:startedAtTime ?s ; prov:endedAtTime ?e .
        ?src prov:wasGeneratedBy ?run . ?st a rdf:Statement ; prov:wasGeneratedBy ?run . }""")
    assert rows and str(rows[0][2]).startswith("en_core_web_sm")


def test_every_relation_the_seeds_state_is_produced(g: rdflib.Graph) -> None:
    gold = (Path(__file__).resolve().parents[3] / "shared" / "gold" / "seeds.tsv")
    if not gold.exists():
        pytest.skip("shared gold file not present")
    wanted = {line.split("\t")[2] for line in gold.read_text().splitlines()[1:] if line and not line.startswith("#")}
    produced = {str(p).split("#")[-1] for (p,) in select(g, "SELECT DISTINCT ?p WHERE { ?st rdf:predicate ?p }")}
    assert wanted <= produced, f"not produced: {sorted(wanted - produced)}"


@pytest.mark.skipif(shutil.which("rapper") is None, reason="rapper (raptor2-utils) not installed")
@pytest.mark.parametrize("fmt,rapper_name", [("turtle", "turtle"), ("ntriples", "ntriples"),
                                              ("nquads", "nquads"), ("trig", "trig")])
def test_exports_parse_with_rapper(seeds_store: Path, tmp_path: Path, fmt: str, rapper_name: str) -> None:
    out = tmp_path / f"graph.{fmt}"
    run_kg("export", "--store", str(seeds_store), "--format", fmt, "-o", str(out))
    proc = subprocess.run(["rapper", "-q", "-i", rapper_name, "-c", str(out)], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "returned 0 triples" not in proc.stderr


def test_jsonld_export_parses_with_rdflib(seeds_store: Path, g: rdflib.Graph, tmp_path: Path) -> None:
    out = tmp_path / "graph.jsonld"
    run_kg("export", "--store", str(seeds_store), "--format", "jsonld", "-o", str(out))
    parsed = rdflib.Graph().parse(out, format="json-ld")
    assert len(parsed) == len(g)
