"""The project's namespaces and the prefixes every export and query uses.

Local names are fixed by CONTRACT.md and RELATIONS.md; the namespace IRIs are
the project's choice and live here only.
"""

from __future__ import annotations

BASE = "https://w3id.org/kg-news/"
KG = BASE + "ontology#"          # classes and relations (graph/ontology.ttl)
ENTITY = BASE + "entity/"        # one IRI per real-world entity
SOURCE = BASE + "source/"        # one IRI per source text (from its sha256)
STATEMENT = BASE + "statement/"  # one rdf:Statement per fact
EVIDENCE = BASE + "evidence/"    # one prov:Derivation per supporting mention
RUN = BASE + "run/"              # one prov:Activity per build run
NAME = BASE + "name/"            # one kg:NameUse per (entity, source, name written)

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
DCTERMS = "http://purl.org/dc/terms/"
SCHEMA = "https://schema.org/"

#: Prefixes for Turtle output and for the header of every named query.
PREFIXES: dict[str, str] = {
    "kg": KG,
    "ent": ENTITY,
    "src": SOURCE,
    "st": STATEMENT,
    "ev": EVIDENCE,
    "run": RUN,
    "name": NAME,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "owl": OWL,
    "skos": SKOS,
    "prov": PROV,
    "nif": NIF,
    "dcterms": DCTERMS,
    "schema": SCHEMA,
}


def sparql_prefixes() -> str:
    """PREFIX lines for every namespace above, for queries written by hand."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
