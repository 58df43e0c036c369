"""graph.mapping: IRIs, and the contract (CONTRACT.md 1-3) checked with SPARQL."""

from __future__ import annotations

import re
from dataclasses import replace

import pyoxigraph as ox
import pytest
from graph_fixtures import (
    RUN_1,
    TEXT_A,
    TEXT_B,
    extraction_a,
    fixture_graph,
    resolution_for,
    sha,
    two_sources,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from graph import vocab
from graph.mapping import (
    MAX_SLUG_CHARS,
    anchored_span,
    decimal_literal,
    entity_iri,
    entity_iris,
    map_to_rdf,
    mint_iri,
    ontology_quads,
    statement_iri,
    text_literal,
)
from graph.model import (
    RELATIONS,
    Article,
    DocumentExtraction,
    Entity,
    EntityKind,
    Evidence,
    Fact,
    LocalEntity,
    Resolution,
    StoredSource,
)

PREFIXES = vocab.sparql_prefixes()
SLUG = re.compile(r"[a-z0-9_]+\Z")


def select(db: ox.Store, query: str) -> list[tuple[str, ...]]:
    """Rows of plain values (IRI strings, literal texts) for a SELECT."""
    return [
        tuple(t.value if t is not None else None for t in row)  # type: ignore[union-attr]
        for row in db.query(PREFIXES + query)
    ]


def sorted_ntriples(quads: list[ox.Quad]) -> list[str]:
    data = ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES)
    return sorted(data.decode("utf-8").splitlines())


# ---------------------------------------------------------------- IRIs

@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Antony Blinken", "antony_blinken"),
        ("José Martí", "jose_marti"),
        ("U.S.", "u_s"),
        ('  "quoted" <angle> name  ', "quoted_angle_name"),
        ("Ålesund—Østfold", "alesund_ostfold"),  # Ø has no decomposition: a table maps it
    ],
)
def test_mint_iri_slugs(name: str, slug: str) -> None:
    assert mint_iri(vocab.ENTITY, name) == vocab.ENTITY + slug


def test_non_latin_names_get_distinct_hash_slugs() -> None:
    moscow, kyiv, emoji = (mint_iri("x:", n) for n in ("Москва", "Київ", "\U0001F600"))
    assert len({moscow, kyiv, emoji}) == 3
    assert all(SLUG.match(i[2:]) for i in (moscow, kyiv, emoji))


def test_long_names_are_capped_and_stay_distinct() -> None:
    a = mint_iri("x:", "a" * 300 + "1")
    b = mint_iri("x:", "a" * 300 + "2")
    assert a != b
    assert len(a) - 2 <= MAX_SLUG_CHARS + 13


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_minted_iris_only_use_safe_characters(name: str) -> None:
    iri = mint_iri(vocab.ENTITY, name)
    local = iri[len(vocab.ENTITY):]
    assert SLUG.match(local), local
    assert len(local) <= MAX_SLUG_CHARS + 13
    # The IRI survives N-Triples and Turtle as is.
    triple = ox.Triple(ox.NamedNode(iri), ox.NamedNode(iri), ox.NamedNode(iri))
    for fmt in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TURTLE):
        data = ox.serialize([triple], format=fmt, **({"prefixes": vocab.PREFIXES} if fmt == ox.RdfFormat.TURTLE else {}))
        assert next(iter(ox.parse(data, format=fmt))).subject.value == iri


def test_statement_iri_is_deterministic_and_tells_iris_from_literals() -> None:
    s, p = "https://e/x", "https://e/p"
    assert statement_iri(s, p, "https://e/y") == statement_iri(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode("https://e/y"))
    assert statement_iri(s, p, "https://e/y") != statement_iri(s, p, ox.Literal("https://e/y"))


def test_clashing_entity_keys_get_distinct_iris() -> None:
    ents = {k: Entity(k, EntityKind.PERSON, k) for k in ("José", "Jose", "Maria")}
    iris = entity_iris(Resolution(ents))
    assert len(set(iris.values())) == 3
    assert iris["Maria"] == entity_iri("Maria")
    reversed_order = entity_iris(Resolution(dict(reversed(list(ents.items())))))
    assert iris == reversed_order


# ---------------------------------------------------------------- literals

@settings(max_examples=100, deadline=None)
@given(st.text())
def test_any_text_survives_as_a_literal(text: str) -> None:
    lit = text_literal(text)
    if not any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        assert lit.value == text
    triple = ox.Triple(ox.NamedNode("https://e/s"), ox.NamedNode("https://e/p"), lit)
    for fmt in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TURTLE):
        back = list(ox.parse(ox.serialize([triple], format=fmt), format=fmt))
        assert back[0].object == lit


def test_confidence_is_a_clamped_decimal() -> None:
    assert decimal_literal(0.9).value == "0.9"  # type: ignore[union-attr]
    assert decimal_literal(1.7).value in ("1", "1.0")  # type: ignore[union-attr]
    assert decimal_literal(-2).value in ("0", "0.0")  # type: ignore[union-attr]
    assert decimal_literal(float("nan")) is None
    assert decimal_literal(0.5).datatype.value == vocab.XSD + "decimal"  # type: ignore[union-attr]


def test_anchored_span_repairs_offsets_that_miss_the_sentence() -> None:
    text = "One. Two here. Three."
    ev = Evidence(0, 3, "Two here.", "r", 0.5)
    assert anchored_span(text, ev) == (5, 14)
    with pytest.raises(ValueError):
        anchored_span(text, Evidence(0, 3, "Absent.", "r", 0.5))


# ---------------------------------------------------------------- the contract

@pytest.fixture(scope="module")
def db() -> ox.Store:
    return fixture_graph()


def test_ontology_is_in_the_graph(db: ox.Store) -> None:
    assert len(ontology_quads()) > 100
    for rel in RELATIONS:
        rows = select(db, f"SELECT ?l ?c ?d ?r WHERE {{ kg:{rel} rdfs:label ?l ; rdfs:comment ?c ; rdfs:domain ?d ; rdfs:range ?r }}")
        assert rows, rel
    assert db.query(PREFIXES + "ASK { kg:metWith a owl:SymmetricProperty }")
    for cls in ("Person", "Organization", "Place", "Group", "Event"):
        assert db.query(PREFIXES + f"ASK {{ kg:{cls} a owl:Class ; rdfs:subClassOf ?s . FILTER(STRSTARTS(STR(?s), STR(schema:))) }}")


def test_every_fact_has_exactly_one_statement(db: ox.Store) -> None:
    rels = " ".join(f"kg:{r}" for r in RELATIONS)
    rows = select(db, f"""
        SELECT ?s ?p ?o (COUNT(DISTINCT ?st) AS ?n) WHERE {{
          VALUES ?p {{ {rels} }}
          ?s ?p ?o .
          OPTIONAL {{ ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }}
        }} GROUP BY ?s ?p ?o""")
    assert len(rows) == 6  # visited, holdsPosition, affiliatedWith, metWith (merged), two said
    assert all(r[3] == "1" for r in rows)
    statements = select(db, "SELECT ?st WHERE { ?st a rdf:Statement }")
    assert len(statements) == len(rows)


def test_two_sources_give_one_statement_with_two_derivations(db: ox.Store) -> None:
    rows = select(db, """
        SELECT ?src ?ev WHERE {
          ?st rdf:subject ent:antony_blinken ; rdf:predicate kg:visited ; rdf:object ent:tokyo ;
              prov:wasDerivedFrom ?src ; prov:qualifiedDerivation ?ev .
          ?ev prov:entity ?src .
        }""")
    assert {r[0] for r in rows} == {
        vocab.SOURCE + sha(TEXT_A), vocab.SOURCE + sha(TEXT_B)}
    # the duplicate mention in article A is one evidence node, with the higher confidence
    assert len({r[1] for r in rows}) == 2
    conf = select(db, """SELECT ?c WHERE { ?ev kg:rule "verb:arrived" ; kg:confidence ?c }""")
    assert conf == [("0.9",)]
    runs = select(db, """SELECT ?run WHERE { ?st rdf:predicate kg:visited ; prov:wasGeneratedBy ?run }""")
    assert {r[0] for r in runs} == {vocab.RUN + "run1", vocab.RUN + "run2"}


def test_offsets_slice_out_the_anchor(db: ox.Store) -> None:
    texts = {vocab.SOURCE + sha(TEXT_A): TEXT_A, vocab.SOURCE + sha(TEXT_B): TEXT_B}
    rows = list(db.query(PREFIXES + """
        SELECT ?src ?b ?e ?s WHERE { ?ev a prov:Derivation ; prov:entity ?src ;
          nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?s }"""))
    assert len(rows) == 8
    for src, b, e, sentence in rows:
        assert texts[src.value][int(b.value):int(e.value)] == sentence.value


def test_offsets_are_typed_non_negative_integers() -> None:
    # Oxigraph stores integer subtypes as xsd:integer, so look at the mapping's own output.
    sources, resolution, runs = two_sources()
    offsets = [q.object for q in map_to_rdf(sources, resolution, runs)
               if q.predicate.value in (vocab.NIF + "beginIndex", vocab.NIF + "endIndex")]
    assert len(offsets) == 16
    assert {o.datatype.value for o in offsets} == {vocab.XSD + "nonNegativeInteger"}


def test_met_with_is_stored_once_and_self_loops_are_dropped(db: ox.Store) -> None:
    rows = select(db, "SELECT ?a ?b WHERE { ?a kg:metWith ?b }")
    assert rows == [(vocab.ENTITY + "antony_blinken", vocab.ENTITY + "yoko_kamikawa")]
    evidence = select(db, "SELECT ?ev WHERE { ?st rdf:predicate kg:metWith ; prov:qualifiedDerivation ?ev }")
    assert len(evidence) == 2
    assert not db.query(PREFIXES + "ASK { ?x ?p ?x . FILTER(STRSTARTS(STR(?x), STR(ent:))) }")


def test_entities_have_one_label_alt_labels_and_classes(db: ox.Store) -> None:
    rows = select(db, "SELECT ?e (COUNT(?l) AS ?n) WHERE { ?e rdfs:label ?l . FILTER(STRSTARTS(STR(?e), STR(ent:))) } GROUP BY ?e")
    assert len(rows) == 4 and all(r[1] == "1" for r in rows)
    alts = select(db, "SELECT ?a WHERE { ent:antony_blinken skos:altLabel ?a }")
    assert sorted(a[0] for a in alts) == ["Blinken", "Secretary Blinken"]
    types = select(db, "SELECT ?t WHERE { ent:united_states a ?t }")
    assert {t[0] for t in types} == {vocab.KG + "Place", vocab.KG + "Organization"}


def test_literal_facts(db: ox.Store) -> None:
    assert select(db, "SELECT ?q WHERE { ent:antony_blinken kg:said ?q }") == [
        ("We all speak with one voice,",), ("We speak with one clear voice,",)]
    assert select(db, "SELECT ?p WHERE { ent:antony_blinken kg:holdsPosition ?p }") == [("Secretary of State",)]


def test_source_nodes(db: ox.Store) -> None:
    a = f"<{vocab.SOURCE + sha(TEXT_A)}>"
    b = f"<{vocab.SOURCE + sha(TEXT_B)}>"
    assert db.query(PREFIXES + f"""ASK {{ {a} a prov:Entity, schema:NewsArticle ;
        dcterms:identifier "seeds/a.txt" ; kg:sha256 "{sha(TEXT_A)}" ; dcterms:title "Blinken visits Tokyo" ;
        dcterms:publisher "FOX NEWS" ; dcterms:date "2023-11-07"^^xsd:date ;
        schema:url <https://example.com/a?x=1> ; kg:encoding "utf-8" ; prov:wasGeneratedBy run:run1 }}""")
    assert sorted(r[0] for r in select(db, f"SELECT ?i WHERE {{ {b} dcterms:identifier ?i }}")) == ["copy/b.txt", "seeds/b.txt"]
    assert not db.query(PREFIXES + f"ASK {{ {b} dcterms:date ?d }}")  # 2023-13-45 is no date
    assert select(db, f"SELECT ?u WHERE {{ {b} schema:url ?u . FILTER(isLiteral(?u)) }}") == [("not a url <>",)]


def test_only_runs_that_generated_a_source_are_written() -> None:
    sources, resolution, runs = two_sources()
    extra = replace(RUN_1, run_id="unused")
    db = ox.Store()
    db.extend(list(map_to_rdf(sources, resolution, [*runs, extra])))
    rows = select(db, "SELECT ?r ?t WHERE { ?r a prov:Activity ; kg:toolName ?t ; kg:modelName ?m ; kg:modelVersion ?v ; prov:startedAtTime ?s ; prov:endedAtTime ?e }")
    assert sorted(r[0] for r in rows) == [vocab.RUN + "run1", vocab.RUN + "run2"]


def test_a_fact_with_no_source_left_is_gone() -> None:
    sources, _, runs = two_sources()
    only_b = [sources[1]]
    res = resolution_for(extraction_a(), sources[1].extraction)
    db = ox.Store()
    db.extend(list(map_to_rdf(only_b, res, runs)))
    assert not db.query(PREFIXES + "ASK { ?s kg:metWith ?o }")
    assert select(db, "SELECT ?src WHERE { ?st rdf:predicate kg:visited ; prov:wasDerivedFrom ?src }") == [
        (vocab.SOURCE + sha(TEXT_B),)]


# ---------------------------------------------------------------- determinism

def test_same_input_gives_identical_sorted_ntriples() -> None:
    sources, resolution, runs = two_sources()
    first = sorted_ntriples(list(map_to_rdf(sources, resolution, runs)))
    shuffled = Resolution(dict(reversed(list(resolution.entities.items()))), resolution.members)
    second = sorted_ntriples(list(map_to_rdf(list(reversed(sources)), shuffled, list(reversed(runs)))))
    assert first == second
    # the order of quads, not only their set, is stable too
    once = [str(q) for q in map_to_rdf(sources, resolution, runs)]
    again = [str(q) for q in map_to_rdf(list(reversed(sources)), shuffled, runs)]
    assert once == again


def test_a_sorted_stream_maps_like_a_list_and_an_unsorted_one_is_refused() -> None:
    """A store's records are streamed (never all in memory); the graph is the same."""
    sources, resolution, runs = two_sources()
    ordered = sorted(sources, key=lambda s: s.sha256)
    as_list = [str(q) for q in map_to_rdf(sources, resolution, runs)]
    assert [str(q) for q in map_to_rdf(iter(ordered), resolution, runs)] == as_list
    with pytest.raises(ValueError, match="not sorted"):
        list(map_to_rdf(iter(list(reversed(ordered))), resolution, runs))


def test_unmapped_local_entity_is_a_bug_not_silence() -> None:
    a = extraction_a()
    with pytest.raises(KeyError):
        list(map_to_rdf([StoredSource(a, ("a",), "run1")], Resolution({}, {}), [RUN_1]))


# ---------------------------------------------------------------- names per source, quote variants

def test_each_source_records_the_name_it_wrote(db: ox.Store) -> None:
    rows = select(db, """
        SELECT ?name ?src WHERE { ?u a kg:NameUse ; kg:nameOf ?e ; kg:name ?name ; kg:usedIn ?src .
                                  ?e rdfs:label "Antony Blinken" }""")
    assert sorted(rows) == sorted([("Antony Blinken", vocab.SOURCE + sha(TEXT_A)),
                                   ("Secretary Blinken", vocab.SOURCE + sha(TEXT_A)),
                                   ("Blinken", vocab.SOURCE + sha(TEXT_B))])


def _quote_source(text: str, quote: str, ident: str) -> StoredSource:
    art = Article(identifier=ident, text=text, sha256=sha(text))
    ents = (LocalEntity(1, EntityKind.PERSON, "Ann Lee"),)
    return StoredSource(DocumentExtraction(art, ents, (
        Fact(1, "said", quote, Evidence(0, len(text), text, "quote", 0.9)),)), (ident,), "run1")


def _variants(quotes: list[tuple[str, str]]) -> list[tuple[str, str]]:
    sources = [_quote_source(f'"{q}," Ann Lee said.', q, ident) for q, ident in quotes]
    res = Resolution({"Ann Lee": Entity("Ann Lee", EntityKind.PERSON, "Ann Lee")},
                     {(s.sha256, 1): "Ann Lee" for s in sources})
    db = ox.Store()
    db.extend(list(map_to_rdf(sources, res, [RUN_1])))
    return select(db, """SELECT ?a ?b WHERE { ?x kg:quoteVariantOf ?y ; rdf:object ?a .
                                              ?y rdf:object ?b . FILTER(STR(?a) < STR(?b)) }""")


def test_two_sources_wording_one_remark_differently_are_linked_both_ways() -> None:
    assert _variants([("This is a very pivotal moment for the leaders", "a.txt"),
                      ("This is a very important moment as well for the leaders", "b.txt")]) == [
        ("This is a very important moment as well for the leaders",
         "This is a very pivotal moment for the leaders")]


def test_different_remarks_and_one_sources_remarks_are_not_variants() -> None:
    assert _variants([("We will rebuild every school in the valley", "a.txt"),
                      ("Prices have fallen for the third month running", "b.txt")]) == []
    text = '"We will rebuild the schools," Ann Lee said. "We will rebuild the roads," Ann Lee said.'
    art = Article(identifier="one.txt", text=text, sha256=sha(text))
    first, second = text.split(" \"")[0], '"' + text.split(" \"")[1]
    facts = (Fact(1, "said", "We will rebuild the schools", Evidence(0, len(first), first, "quote", 0.9)),
             Fact(1, "said", "We will rebuild the roads",
                  Evidence(len(first) + 1, len(text), second, "quote", 0.9)))
    source = StoredSource(DocumentExtraction(art, (LocalEntity(1, EntityKind.PERSON, "Ann Lee"),), facts),
                          ("one.txt",), "run1")
    db = ox.Store()
    db.extend(list(map_to_rdf([source], Resolution(
        {"Ann Lee": Entity("Ann Lee", EntityKind.PERSON, "Ann Lee")}, {(source.sha256, 1): "Ann Lee"}),
        [RUN_1])))
    assert not db.query(PREFIXES + "ASK { ?x kg:quoteVariantOf ?y }")
