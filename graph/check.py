"""``kg check``: verify a store against the contract and against itself.

A store is two things that must agree (docs/GRAPH.md, "The store"): the
records (one ``DocumentExtraction`` per source text, the ground truth) and the
graph derived from them.  A disk that lied, a hand edit, a crash in the wrong
place or a bug would show as one of these disagreements, so ``check_store``
looks for each of them and says what it found, one line per problem:

* records: every text still hashes to its sha256, every fact names entities
  the record holds, every evidence's offsets slice out its sentence;
* the graph against the records: one source node per record (same hash,
  same names), exactly the statements the records give (CONTRACT.md 2);
* the graph against the contract: every fact has exactly one statement and
  the statement at least one evidence, every evidence's ``nif`` offsets slice
  its ``anchorOf`` out of the source text the records hold, every entity a
  fact names has one label and a type, nothing points at a node that is not
  there;
* the sources on disk: a file still at its identifier path is read again and
  a change is reported (a note, not a fault: the store is not wrong, only
  older than the file).

Reading only: the store is opened read-only and nothing is written.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from graph import vocab
from graph.errors import StoreError
from graph.model import RELATIONS, DocumentExtraction, EntityKind
from graph.store import GraphStore

#: At most this many lines are printed per kind of problem; the rest are counted.
MAX_LINES_PER_KIND = 20
_JSONL_LINE = re.compile(r"#L\d+\Z")


@dataclass
class CheckReport:
    """What ``check_store`` found: problems (the store is wrong) and notes."""

    store: str
    problems: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    notes: list[str] = field(default_factory=list)
    sources: int = 0
    facts: int = 0
    evidence: int = 0
    entities: int = 0
    reread: int = 0

    def problem(self, kind: str, message: str) -> None:
        self.problems[kind].append(message)

    @property
    def problem_count(self) -> int:
        return sum(len(v) for v in self.problems.values())

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    def lines(self) -> list[str]:
        """The problems (a few per kind), the notes, then a one-line summary."""
        out: list[str] = []
        for kind in sorted(self.problems):
            found = self.problems[kind]
            out += [f"problem: {m}" for m in found[:MAX_LINES_PER_KIND]]
            if len(found) > MAX_LINES_PER_KIND:
                out.append(f"problem: ... and {len(found) - MAX_LINES_PER_KIND} more of the kind '{kind}'")
        out += [f"note: {n}" for n in self.notes]
        out.append(self.summary())
        return out

    def summary(self) -> str:
        held = (f"{self.sources} sources, {self.facts} facts, {self.evidence} evidence, "
                f"{self.entities} entities")
        if self.ok:
            return (f"OK: store {self.store} holds {held}; every offset matches its source text "
                    f"({self.reread} sources re-read from disk)")
        kinds = ", ".join(f"{len(v)} {k}" for k, v in sorted(self.problems.items()))
        return f"FAILED: store {self.store} ({held}): {self.problem_count} problems ({kinds})"


def check_store(store: GraphStore, *, reread: bool = True) -> CheckReport:
    """Check ``store`` (records, graph, sources on disk); never changes it."""
    report = CheckReport(str(store.path))
    records = _load_records(store, report)
    report.sources = len(records)
    for sha, (extraction, _) in sorted(records.items()):
        _check_record(sha, extraction, report)
    stale = _is_dirty(store, report)
    if stale:
        report.problem("stale graph", "the graph lags behind the records (a build or remove "
                       "was interrupted): run `kg build` (any path) to rewrite it")
    graph = _open_graph(store, records, report)
    if graph is not None:
        _check_graph(graph, records, report, stale=stale)
    if reread:
        _reread_sources(records, report)
    return report


def check_graph(graph: ox.Store, store: GraphStore) -> CheckReport:
    """Check another copy of the graph (an export parsed back) against the store's records.

    The same checks as ``check_store`` except the records' own: what an export
    must hold to keep the contract, read from what was exported.
    """
    report = CheckReport(str(store.path))
    records = _load_records(store, report)
    report.sources = len(records)
    _check_graph(graph, records, report, stale=False)
    return report


# ---------------------------------------------------------------- records

Records = dict[str, tuple[DocumentExtraction, tuple[str, ...]]]


def _load_records(store: GraphStore, report: CheckReport) -> Records:
    """Every readable record by sha256; an unreadable one is a problem, not a stop."""
    import json

    records: Records = {}
    try:
        rows = store._query("SELECT sha256, extraction FROM sources ORDER BY sha256")
        names = store._query("SELECT identifier, sha256 FROM identifiers")
    except StoreError as err:
        report.problem("unreadable records", str(err))
        return records
    by_sha: dict[str, list[str]] = defaultdict(list)
    for identifier, sha in names:
        by_sha[sha].append(identifier)
    for sha, data in rows:
        try:
            extraction = DocumentExtraction.from_dict(json.loads(data))
        except (ValueError, KeyError, TypeError) as err:
            report.problem("corrupt record", f"record {sha[:12]} cannot be read: {_one_line(err)}")
            continue
        records[sha] = (extraction, tuple(sorted(by_sha.get(sha, ()))))
        if not by_sha.get(sha):
            report.problem("nameless record", f"record {sha[:12]} has no identifier (path or URL)")
    known = set(records) | {sha for sha, _ in rows}
    for sha, idents in sorted(by_sha.items()):
        if sha not in known:
            report.problem("dangling identifier", f"{idents[0]} names record {sha[:12]}, which is not there")
    return records


def _check_record(sha: str, extraction: DocumentExtraction, report: CheckReport) -> None:
    """A record agrees with itself: hash of its text, entity keys, evidence offsets."""
    art = extraction.article
    name = f"record {sha[:12]}"
    actual = hashlib.sha256(art.text.encode("utf-8", "surrogatepass")).hexdigest()
    if actual != sha or art.sha256 != sha:
        report.problem("text changed", f"{name} ({art.identifier}): its text no longer hashes to {sha[:12]}")
    keys = {e.key for e in extraction.entities}
    for fact in extraction.facts:
        ev = fact.evidence
        if fact.subject not in keys or (not fact.is_literal and fact.obj not in keys):
            report.problem("unknown entity", f"{name}: a {fact.relation} fact names an entity "
                           "the record does not hold")
        if art.text[ev.start_char:ev.end_char] != ev.sentence:
            report.problem("offsets", f"{name} ({art.identifier}): evidence {ev.start_char}-"
                           f"{ev.end_char} does not slice out its sentence {_short(ev.sentence)}")


# ---------------------------------------------------------------- graph

_P = {
    "rdf": vocab.RDF, "rdfs": vocab.RDFS, "prov": vocab.PROV, "nif": vocab.NIF,
    "kg": vocab.KG, "dcterms": vocab.DCTERMS,
}
_PREFIXES = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in _P.items())
_RELATIONS = " ".join(f"kg:{r}" for r in RELATIONS)
_ENTITY_RELATIONS = " ".join(f"kg:{r}" for r in RELATIONS if r not in ("holdsPosition", "said"))
_KINDS = " ".join(f"kg:{k.value}" for k in EntityKind)


def _open_graph(store: GraphStore, records: Records, report: CheckReport) -> ox.Store | None:
    try:
        name = store.current_generation()
        if name is None:
            if records:
                report.problem("missing graph", "the store holds records but no graph "
                               "(no CURRENT): run `kg build` (any path) to write it")
            return None
        return store.graph()
    except StoreError as err:
        report.problem("unreadable graph", str(err))
        return None


def _select(graph: ox.Store, query: str) -> list[tuple[str, ...]]:
    """Rows of a SELECT as plain strings (an unbound cell is '')."""
    answer = graph.query(_PREFIXES + query)
    if not isinstance(answer, ox.QuerySolutions):
        raise TypeError("expected a SELECT")
    names = [v.value for v in answer.variables]
    rows: list[tuple[str, ...]] = []
    for solution in answer:
        rows.append(tuple("" if solution[v] is None else solution[v].value for v in names))
    return rows


def _is_dirty(store: GraphStore, report: CheckReport) -> bool:
    try:
        return store.is_dirty()
    except StoreError as err:
        report.problem("unreadable records", str(err))
        return False


def _check_graph(graph: ox.Store, records: Records, report: CheckReport, *, stale: bool) -> None:
    """The graph against the contract and, unless it is known to lag, against the records.

    A stale graph (interrupted build) is still checked whole against the
    contract, and its evidence against the texts the records still hold.
    """
    try:
        if not stale:
            _check_sources(graph, records, report)
        _check_runs(graph, report)
        _check_facts(graph, report)
        _check_evidence(graph, records, report, stale=stale)
        _check_entities(graph, report)
        if not stale:
            _check_statement_set(graph, records, report)
    except (OSError, RuntimeError, SyntaxError) as err:  # Oxigraph's errors while reading
        report.problem("unreadable graph", f"store {report.store}: the graph cannot be read: "
                       f"{_one_line(err)}")


def _check_sources(graph: ox.Store, records: Records, report: CheckReport) -> None:
    rows = _select(graph, "SELECT ?src ?sha ?id WHERE { ?src a prov:Entity . "
                          "OPTIONAL { ?src kg:sha256 ?sha } OPTIONAL { ?src dcterms:identifier ?id } }")
    names: dict[str, set[str]] = defaultdict(set)
    for src, sha, identifier in rows:
        if not sha:
            report.problem("source node", f"source node <{src}> has no kg:sha256")
            continue
        if identifier:
            names[sha].add(identifier)
        else:
            names.setdefault(sha, set())
    for sha in sorted(set(records) - set(names)):
        report.problem("records vs graph", f"record {sha[:12]} ({_ident(records, sha)}) "
                       "has no source node in the graph")
    for sha in sorted(set(names) - set(records)):
        report.problem("records vs graph", f"the graph has a source {sha[:12]} that no record holds")
    for sha in sorted(set(names) & set(records)):
        if names[sha] != set(records[sha][1]):
            report.problem("records vs graph", f"source {sha[:12]}: its names in the graph "
                           f"{sorted(names[sha])} differ from the records' {list(records[sha][1])}")


def _check_runs(graph: ox.Store, report: CheckReport) -> None:
    """CONTRACT.md 3: sources and statements come from a run that names tool and model."""
    for node, kind in _select(graph, """SELECT DISTINCT ?x ?kind WHERE {
            { ?x a prov:Entity BIND("source" AS ?kind) } UNION { ?x a rdf:Statement BIND("statement" AS ?kind) }
            FILTER NOT EXISTS { ?x prov:wasGeneratedBy ?run . ?run a prov:Activity } }"""):
        report.problem("provenance", f"{kind} <{node}> was generated by no prov:Activity")
    for (run,) in _select(graph, """SELECT ?run WHERE { ?run a prov:Activity
            FILTER NOT EXISTS { ?run kg:toolName ?t ; kg:toolVersion ?tv ; kg:modelName ?m ;
                                     kg:modelVersion ?mv ; prov:startedAtTime ?s ; prov:endedAtTime ?e } }"""):
        report.problem("provenance", f"run <{run}> lacks its tool, model or times")
    for src, sha in _select(graph, """SELECT ?src ?sha WHERE { ?src a prov:Entity ; kg:sha256 ?sha }"""):
        if not src.endswith(sha) and sha not in src:
            report.problem("source node", f"source <{src}> is not named by its hash {sha[:12]}")


def _check_facts(graph: ox.Store, report: CheckReport) -> None:
    """Every fact has exactly one statement, every statement its fact and evidence."""
    facts = _select(graph, f"""SELECT ?s ?p ?o (COUNT(DISTINCT ?st) AS ?n) WHERE {{
        VALUES ?p {{ {_RELATIONS} }} ?s ?p ?o .
        OPTIONAL {{ ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }}
    }} GROUP BY ?s ?p ?o""")
    report.facts = len(facts)
    for s, p, o, n in facts:
        if n != "1":
            report.problem("fact without statement" if n == "0" else "duplicate statement",
                           f"fact {_local(s)} {_local(p)} {_short(o)} has {n} statements (needs 1)")
    for (st,) in _select(graph, """SELECT ?st WHERE { ?st a rdf:Statement .
            OPTIONAL { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }
            FILTER(!BOUND(?o) || NOT EXISTS { ?s ?p ?o }) }"""):
        report.problem("statement without fact", f"statement <{st}> has no asserted triple")
    for (st,) in _select(graph, """SELECT ?st WHERE { ?st a rdf:Statement
            FILTER NOT EXISTS { ?st prov:qualifiedDerivation ?ev } }"""):
        report.problem("statement without evidence", f"statement <{st}> has no evidence")
    for st, src in _select(graph, """SELECT DISTINCT ?st ?src WHERE {
            { ?st prov:qualifiedDerivation/prov:entity ?src
              FILTER NOT EXISTS { ?st prov:wasDerivedFrom ?src } }
            UNION
            { ?st a rdf:Statement ; prov:wasDerivedFrom ?src
              FILTER NOT EXISTS { ?st prov:qualifiedDerivation/prov:entity ?src } } }"""):
        report.problem("derivation", f"statement <{st}>: prov:wasDerivedFrom and its evidence "
                       f"disagree about source <{src}>")


def _check_evidence(graph: ox.Store, records: Records, report: CheckReport, *, stale: bool) -> None:
    """Every evidence node is whole, and its offsets slice its sentence out of the source text."""
    rows = _select(graph, """SELECT ?ev ?st ?src ?sha ?b ?e ?anchor WHERE {
        { ?ev a prov:Derivation } UNION { ?x prov:qualifiedDerivation ?ev }
        OPTIONAL { ?st prov:qualifiedDerivation ?ev }
        OPTIONAL { ?ev prov:entity ?src OPTIONAL { ?src kg:sha256 ?sha } }
        OPTIONAL { ?ev nif:beginIndex ?b } OPTIONAL { ?ev nif:endIndex ?e }
        OPTIONAL { ?ev nif:anchorOf ?anchor } }""")
    seen: set[str] = set()
    for ev, st, src, sha, begin, end, anchor in rows:
        if ev in seen:
            continue
        seen.add(ev)
        if not st:
            report.problem("dangling evidence", f"evidence <{ev}> belongs to no statement")
        if src and not sha:
            report.problem("dangling evidence", f"evidence <{ev}> points to <{src}>, "
                           "which is no source node of the graph")
            continue
        if not (sha and begin and end and anchor):
            report.problem("incomplete evidence", f"evidence <{ev}> lacks its source, offsets or sentence")
            continue
        if sha not in records:
            if stale:  # its source was removed and the graph not yet rewritten
                continue
            report.problem("dangling evidence", f"evidence <{ev}> points to source {sha[:12]}, "
                           "which no record holds")
            continue
        text = records[sha][0].article.text
        b, e = int(begin), int(end)
        if text[b:e] != anchor:
            report.problem("offsets", f"evidence <{ev}>: {_ident(records, sha)}[{b}:{e}] is "
                           f"{_short(text[b:e])}, not its sentence {_short(anchor)}")
    report.evidence = len(seen)


def _check_entities(graph: ox.Store, report: CheckReport) -> None:
    """Every node a fact names exists: one label, a class of the ontology."""
    rows = _select(graph, f"""SELECT ?x (COUNT(DISTINCT ?label) AS ?labels)
                                  (COUNT(DISTINCT ?kind) AS ?kinds) WHERE {{
        {{ VALUES ?p {{ {_RELATIONS} }} ?x ?p ?o }}
        UNION {{ VALUES ?p {{ {_ENTITY_RELATIONS} }} ?s ?p ?x }}
        UNION {{ VALUES ?c {{ {_KINDS} }} ?x a ?c }}
        OPTIONAL {{ ?x rdfs:label ?label }}
        OPTIONAL {{ VALUES ?kind {{ {_KINDS} }} ?x a ?kind }}
    }} GROUP BY ?x""")
    report.entities = len(rows)
    for node, labels, kinds in rows:
        if labels != "1":
            report.problem("entity", f"entity {_local(node)} has {labels} rdfs:label (needs exactly 1)")
        if kinds == "0":
            report.problem("dangling node", f"{_local(node)} is named by a fact but has no "
                           "Person/Organization/Place/Group/Event type")


def _check_statement_set(graph: ox.Store, records: Records, report: CheckReport) -> None:
    """The graph holds exactly the statements the records give (it is their function)."""
    from graph.mapping import collect_statements, entity_iris
    from graph.model import StoredSource
    from graph.resolve import resolve

    sources = [StoredSource(ext, names, "") for ext, names in records.values()]
    try:
        resolution = resolve(s.extraction for s in sources)
        expected = set(collect_statements(sources, resolution, entity_iris(resolution)))
    except (KeyError, ValueError, TypeError) as err:
        report.problem("records", f"the records cannot be mapped to a graph: {_one_line(err)}")
        return
    present = {st for (st,) in _select(graph, "SELECT ?st WHERE { ?st a rdf:Statement }")}
    missing, extra = expected - present, present - expected
    if missing:
        report.problem("records vs graph", f"{len(missing)} statements the records give are not "
                       f"in the graph (e.g. <{min(missing)}>)")
    if extra:
        report.problem("records vs graph", f"{len(extra)} statements in the graph come from no "
                       f"record (e.g. <{min(extra)}>)")


# ---------------------------------------------------------------- sources on disk

def _reread_sources(records: Records, report: CheckReport) -> None:
    """Read again every source whose identifier is a file here; note any change."""
    from graph.reading import Skipped, read_file

    for sha, (_, names) in sorted(records.items()):
        for name in names:
            if "://" in name or _JSONL_LINE.search(name) or not os.path.isfile(name):
                continue
            items = read_file(name)
            report.reread += 1
            texts = [i for i in items if not isinstance(i, Skipped)]
            if not texts:
                why = items[0].reason if items else "nothing readable"
                report.notes.append(f"{name} can no longer be read ({why}); the store keeps its text")
            elif texts[0].sha256 != sha:
                report.notes.append(f"{name} changed on disk since it was built "
                                    "(run `kg build` to add the new text)")


# ---------------------------------------------------------------- helpers

def _ident(records: Records, sha: str) -> str:
    names = records[sha][1] if sha in records else ()
    return names[0] if names else sha[:12]


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri.rstrip("/#"))[-1] or iri


def _short(text: str, limit: int = 50) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= limit else flat[: limit - 1] + "…")


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split()) or type(err).__name__


def problems_of(report: CheckReport) -> Iterable[str]:
    """Every problem line, uncapped (for tests and scripts)."""
    for kind in sorted(report.problems):
        yield from report.problems[kind]
