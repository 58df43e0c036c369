"""Quality scoring against a gold file (CONTRACT.md section 5), independent of RDF.

A gold line names a fact by surface forms; a predicted fact carries every
label of its subject and object.  They match when they come from the same
source, have the same relation, and share a form on both sides (case and a
leading "the" ignored); literal objects match by words (positions: the same
words without nationality adjectives; quotes: token F1 of at least 0.6);
``metWith`` matches either way round.  Each prediction matches at most one
gold line and the other way round (a maximum bipartite matching per source
and relation), so a fact stated twice counts once.
"""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .errors import GoldFileError
from .model import LITERAL_RELATIONS, RELATIONS, SYMMETRIC_RELATIONS, DocumentExtraction

__all__ = [
    "GoldFact",
    "PredictedFact",
    "RelationScore",
    "Report",
    "format_report",
    "predicted_from_extraction",
    "quote_f1",
    "read_gold",
    "score",
]

#: Token F1 a quote needs to match (CONTRACT.md section 5).
QUOTE_F1 = 0.6
_HEADER = ("source", "subject", "relation", "object")
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class GoldFact:
    """One gold line: surface forms of subject and object, canonical first."""

    source: str
    subject: tuple[str, ...]
    relation: str
    obj: tuple[str, ...]
    line: int = 0


@dataclass(frozen=True)
class PredictedFact:
    """One predicted fact: every label of its subject and object (a literal
    object is the one-element set of its text)."""

    source: str
    subject_labels: frozenset[str]
    relation: str
    obj_labels: frozenset[str]
    sentence: str = ""
    rule: str = ""


@dataclass
class RelationScore:
    """Counts for one relation (or overall)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    """Scores per relation and overall, with the misses and false hits."""

    per_relation: dict[str, RelationScore]
    overall: RelationScore
    misses: list[GoldFact] = field(default_factory=list)
    false_hits: list[PredictedFact] = field(default_factory=list)


# ---------------------------------------------------------------------------
# Reading gold files
# ---------------------------------------------------------------------------


def read_gold(path: str | os.PathLike[str]) -> list[GoldFact]:
    """The gold facts of a TSV file; ``GoldFileError`` names file and line of a bad one."""
    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFileError(f"{path}: cannot read the gold file ({exc})") from exc
    facts: list[GoldFact] = []
    header_seen = False
    for number, raw in enumerate(lines, start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        fields = raw.split("\t")
        if not header_seen:
            header_seen = True
            if tuple(f.strip().lower() for f in fields) == _HEADER:
                continue
            raise GoldFileError(f"{path}:{number}: expected the header 'source<TAB>subject<TAB>relation<TAB>object'")
        facts.append(_gold_line(str(path), number, fields))
    return facts


def _gold_line(path: str, number: int, fields: list[str]) -> GoldFact:
    where = f"{path}:{number}"
    if len(fields) != 4:
        raise GoldFileError(f"{where}: expected 4 tab-separated fields, found {len(fields)}")
    source, subject, relation, obj = (f.strip() for f in fields)
    if relation not in RELATIONS:
        raise GoldFileError(f"{where}: unknown relation {relation!r} (see RELATIONS.md)")
    subjects = tuple(s.strip() for s in subject.split("|") if s.strip())
    objects = (obj,) if relation in LITERAL_RELATIONS else tuple(o.strip() for o in obj.split("|") if o.strip())
    if not source or not subjects or not objects or not objects[0]:
        raise GoldFileError(f"{where}: empty source, subject or object")
    return GoldFact(os.path.basename(source), subjects, relation, objects, number)


# ---------------------------------------------------------------------------
# Matching
# ---------------------------------------------------------------------------


def normalise_label(text: str) -> str:
    """Case-insensitive, a leading "the" ignored, spaces collapsed."""
    words = text.strip().lower().split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _forms_match(gold: Iterable[str], labels: frozenset[str]) -> bool:
    wanted = {normalise_label(label) for label in labels}
    return any(normalise_label(g) in wanted for g in gold)


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _position_words(text: str) -> list[str]:
    from .extract.lexicon import (
        NATIONALITY_WORDS,  # the table of demonyms lives with the extractor
    )

    nationality = {w.replace(".", "") for w in NATIONALITY_WORDS}
    return [w for w in _words(text.replace(".", "")) if w not in nationality]


def quote_f1(a: str, b: str) -> float:
    """Token F1 between two passages (bags of lower-case words)."""
    wa, wb = Counter(_words(a)), Counter(_words(b))
    common = sum((wa & wb).values())
    if not common:
        return 0.0
    p, r = common / sum(wb.values()), common / sum(wa.values())
    return 2 * p * r / (p + r)


def _literal_match(relation: str, gold: str, labels: frozenset[str]) -> bool:
    if relation == "said":
        return any(quote_f1(gold, label) >= QUOTE_F1 for label in labels)
    target = _position_words(gold)
    return any(_position_words(label) == target for label in labels)


def matches(gold: GoldFact, pred: PredictedFact) -> bool:
    """Whether a prediction states the gold fact (same source and relation)."""
    if gold.source != pred.source or gold.relation != pred.relation:
        return False
    if gold.relation in LITERAL_RELATIONS:
        return _forms_match(gold.subject, pred.subject_labels) and _literal_match(
            gold.relation, gold.obj[0], pred.obj_labels)
    straight = _forms_match(gold.subject, pred.subject_labels) and _forms_match(gold.obj, pred.obj_labels)
    if straight or gold.relation not in SYMMETRIC_RELATIONS:
        return straight
    return _forms_match(gold.subject, pred.obj_labels) and _forms_match(gold.obj, pred.subject_labels)


def _max_matching(golds: list[GoldFact], preds: list[PredictedFact]) -> dict[int, int]:
    """Maximum bipartite matching gold -> prediction (Kuhn's augmenting paths)."""
    edges = [[p for p, pred in enumerate(preds) if matches(gold, pred)] for gold in golds]
    owner: dict[int, int] = {}

    def augment(g: int, seen: set[int]) -> bool:
        for p in edges[g]:
            if p in seen:
                continue
            seen.add(p)
            if p not in owner or augment(owner[p], seen):
                owner[p] = g
                return True
        return False

    for g in range(len(golds)):
        augment(g, set())
    return {g: p for p, g in owner.items()}


def _dedupe(predicted: Iterable[PredictedFact]) -> list[PredictedFact]:
    """A fact stated twice in one document counts once (first evidence kept)."""
    seen: set[tuple[str, frozenset[str], str, frozenset[str]]] = set()
    out = []
    for p in predicted:
        key = (p.source, p.subject_labels, p.relation, p.obj_labels)
        if p.relation in SYMMETRIC_RELATIONS:
            alt = (p.source, p.obj_labels, p.relation, p.subject_labels)
            if alt in seen:
                continue
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def score(gold: Sequence[GoldFact], predicted: Iterable[PredictedFact]) -> Report:
    """Precision, recall and F1 per relation and overall."""
    preds = _dedupe(predicted)
    groups: dict[tuple[str, str], tuple[list[GoldFact], list[PredictedFact]]] = {}
    for g in gold:
        groups.setdefault((g.source, g.relation), ([], []))[0].append(g)
    for p in preds:
        groups.setdefault((p.source, p.relation), ([], []))[1].append(p)
    per_relation: dict[str, RelationScore] = {}
    misses: list[GoldFact] = []
    false_hits: list[PredictedFact] = []
    for (_, relation), (golds, group_preds) in sorted(groups.items()):
        pairs = _max_matching(golds, group_preds)
        rs = per_relation.setdefault(relation, RelationScore())
        rs.tp += len(pairs)
        rs.fn += len(golds) - len(pairs)
        rs.fp += len(group_preds) - len(pairs)
        misses += [g for i, g in enumerate(golds) if i not in pairs]
        matched = set(pairs.values())
        false_hits += [p for i, p in enumerate(group_preds) if i not in matched]
    overall = RelationScore(
        sum(r.tp for r in per_relation.values()),
        sum(r.fp for r in per_relation.values()),
        sum(r.fn for r in per_relation.values()),
    )
    ordered = {r: per_relation[r] for r in RELATIONS if r in per_relation}
    ordered.update({r: s for r, s in sorted(per_relation.items()) if r not in ordered})
    return Report(ordered, overall, misses, false_hits)


# ---------------------------------------------------------------------------
# Output and adapters
# ---------------------------------------------------------------------------


def format_report(report: Report, *, errors: bool = False) -> str:
    """An aligned table; with ``errors``, every miss and false hit below it."""
    rows = [("relation", "precision", "recall", "F1", "tp", "fp", "fn")]
    for name, rs in [*report.per_relation.items(), ("OVERALL", report.overall)]:
        rows.append((name, f"{rs.precision:.3f}", f"{rs.recall:.3f}", f"{rs.f1:.3f}",
                     str(rs.tp), str(rs.fp), str(rs.fn)))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths)))
             for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    if errors:
        lines.append("")
        lines.append(f"misses ({len(report.misses)}):")
        for g in report.misses:
            lines.append(f"  {g.source}\t{'|'.join(g.subject)}\t{g.relation}\t{'|'.join(g.obj)}")
        lines.append(f"false hits ({len(report.false_hits)}):")
        for p in report.false_hits:
            lines.append(f"  {p.source}\t{_show(p.subject_labels)}\t{p.relation}\t{_show(p.obj_labels)}"
                         + (f"\t[{p.rule}]" if p.rule else ""))
            if p.sentence:
                lines.append(f"      “{' '.join(p.sentence.split())[:200]}”")
    return "\n".join(lines)


def _show(labels: frozenset[str]) -> str:
    return "|".join(sorted(labels, key=lambda s: (-len(s), s)))


def predicted_from_extraction(ext: DocumentExtraction) -> list[PredictedFact]:
    """One ``PredictedFact`` per fact of a document's extraction."""
    source = os.path.basename(ext.article.identifier)
    labels = {e.key: frozenset((e.name, *e.surface_forms)) for e in ext.entities}
    out = []
    for fact in ext.facts:
        obj = frozenset({str(fact.obj)}) if fact.is_literal else labels[int(fact.obj)]
        out.append(PredictedFact(source, labels[fact.subject], fact.relation, obj,
                                 fact.evidence.sentence, fact.evidence.rule))
    return out



# --- reading predictions from the graph, through the contract only -----------------

_FACTS_QUERY = """
SELECT ?id ?s ?p ?o ?sent ?rule WHERE {
  ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
      prov:qualifiedDerivation ?ev .
  ?ev prov:entity ?src ; nif:anchorOf ?sent .
  OPTIONAL { ?ev kg:rule ?rule }
  ?src dcterms:identifier ?id .
}"""

_LABELS_QUERY = """
SELECT ?e ?l WHERE { { ?e rdfs:label ?l } UNION { ?e skos:altLabel ?l } }"""


def predicted_from_store(graph: Any) -> list[PredictedFact]:
    """Every fact of the graph, per source file name, with the names of its ends.

    Reads only what CONTRACT.md promises (statements, derivations, labels), so
    the score is the one an outside tool would compute from the Turtle export.
    """
    from .vocab import sparql_prefixes

    labels: dict[str, set[str]] = defaultdict(set)
    for row in graph.query(sparql_prefixes() + _LABELS_QUERY):
        labels[row[0].value].add(row[1].value)
    seen: dict[tuple[str, str, str, str], PredictedFact] = {}
    for row in graph.query(sparql_prefixes() + _FACTS_QUERY):
        ident, s, p, o, sentence, rule = (term.value if term is not None else "" for term in row)
        relation = p.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        source = ident.replace("\\", "/").rsplit("/", 1)[-1]
        key = (source, s, relation, o)
        if key in seen:
            continue
        obj = frozenset(labels.get(o, ())) if type(row[3]).__name__ == "NamedNode" else frozenset({o})
        seen[key] = PredictedFact(
            source=source,
            subject_labels=frozenset(labels.get(s, ())),
            relation=relation,
            obj_labels=obj,
            sentence=sentence,
            rule=rule,
        )
    return sorted(seen.values(), key=lambda f: (f.source, f.relation, sorted(f.subject_labels)))
