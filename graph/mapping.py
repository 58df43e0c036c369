"""Facts, entities and sources -> RDF quads (PROV-O provenance, NIF offsets).

This is the only module that mints IRIs, so that every IRI in the graph goes
through one function (``mint_iri``) whose output alphabet is ``[a-z0-9_]``:
whatever the text (quotes, angle brackets, emoji, right-to-left script, very
long names), no IRI can break Turtle or N-Triples.

The shape of the output is fixed by docs/GRAPH.md; everything goes into the
default graph, the ontology included, so that every export carries it.
``map_to_rdf`` is a pure function of its input and sorts wherever the input
order could leak into the output, so that building the same sources twice
yields the same quads (CONTRACT.md section 1, stable IRIs).
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from graph import vocab
from graph.model import (
    SYMMETRIC_RELATIONS,
    BuildInfo,
    Evidence,
    Fact,
    Resolution,
    StoredSource,
)

log = logging.getLogger(__name__)

ONTOLOGY_PATH = Path(__file__).with_name("ontology.ttl")
ONTOLOGY_IRI = vocab.BASE + "ontology"

#: Longest slug kept as is; longer ones are cut and get a hash suffix.
MAX_SLUG_CHARS = 80
_HASH_CHARS = 12
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_RELATION_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
#: Latin letters that NFKD does not decompose into ASCII.
_LATIN_EXTRA = str.maketrans({
    "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss",
    "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "TH",
    "ı": "i",
})


# ---------------------------------------------------------------- IRIs

def _digest(*parts: str) -> str:
    """A sha256 hex digest of ``parts``, unambiguous however they are split."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        h.update(str(len(data)).encode("ascii") + b":" + data)
    return h.hexdigest()


def slugify(name: str) -> str:
    """The ``[a-z0-9_]`` slug ``mint_iri`` uses; see there for the rules."""
    chars = []
    for char in unicodedata.normalize("NFKD", name.translate(_LATIN_EXTRA)):
        if unicodedata.combining(char):
            continue  # the accent of a decomposed letter: "é" -> "e"
        chars.append(char.lower() if char.isascii() else "_")
    slug = _NOT_SLUG.sub("_", "".join(chars)).strip("_")
    if not slug:
        # Non-Latin script or symbols only: nothing to transliterate, so the
        # name is known by its hash (distinct names, distinct slugs).
        return "h" + _digest(name)[:16]
    if len(slug) > MAX_SLUG_CHARS:
        slug = slug[:MAX_SLUG_CHARS].rstrip("_") + "_" + _digest(name)[:_HASH_CHARS]
    return slug


def mint_iri(namespace: str, name: str) -> str:
    """The IRI for ``name`` in ``namespace``: the one way IRIs are made.

    The local part is a slug of the name: accents transliterated (NFKD),
    lowercased, every run of other characters turned into one ``_``; a name
    with no Latin letter or digit gets a sha256-based slug; a slug longer than
    ``MAX_SLUG_CHARS`` is cut and suffixed with a hash of the full name.  The
    local part therefore only ever holds ``[a-z0-9_]``.
    """
    return namespace + slugify(name)


def entity_iri(key: str) -> str:
    """The IRI of a global entity (``Entity.key``)."""
    return mint_iri(vocab.ENTITY, key)


def source_iri(sha256: str) -> str:
    """The IRI of a source: its content hash, so one text is one source."""
    return mint_iri(vocab.SOURCE, sha256)


def _term_key(term: ox.NamedNode | ox.Literal | str) -> str:
    """A canonical string for a term (its N-Triples form), for hashing.

    A plain ``str`` is taken as an IRI, so ``"http://x"`` and
    ``NamedNode("http://x")`` hash alike.
    """
    return f"<{term}>" if isinstance(term, str) else str(term)


def statement_iri(
    subject: ox.NamedNode | str,
    predicate: ox.NamedNode | str,
    obj: ox.NamedNode | ox.Literal | str,
) -> str:
    """The IRI of the one statement node of the triple (s, p, o).

    A plain ``str`` stands for an IRI; pass a ``pyoxigraph.Literal`` object for
    a literal-valued fact.
    """
    return mint_iri(
        vocab.STATEMENT,
        _digest(_term_key(subject), _term_key(predicate), _term_key(obj))[:32],
    )


def evidence_iri(statement: str, source_sha: str, begin: int, end: int, rule: str) -> str:
    """The IRI of one supporting mention: statement, source, offsets and rule."""
    return mint_iri(
        vocab.EVIDENCE, _digest(statement, source_sha, str(begin), str(end), rule)[:32]
    )


def run_iri(run_id: str) -> str:
    """The IRI of a build run."""
    return mint_iri(vocab.RUN, run_id)


# ---------------------------------------------------------------- terms

def _iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


def _ns(namespace: str, local: str) -> ox.NamedNode:
    return ox.NamedNode(namespace + local)


RDF_TYPE = _ns(vocab.RDF, "type")
RDFS_LABEL = _ns(vocab.RDFS, "label")
SKOS_ALT = _ns(vocab.SKOS, "altLabel")
XSD_DATE = _ns(vocab.XSD, "date")
XSD_DATETIME = _ns(vocab.XSD, "dateTime")
XSD_DECIMAL = _ns(vocab.XSD, "decimal")
XSD_NNI = _ns(vocab.XSD, "nonNegativeInteger")


def _kg(local: str) -> ox.NamedNode:
    return _ns(vocab.KG, local)


def _prov(local: str) -> ox.NamedNode:
    return _ns(vocab.PROV, local)


def text_literal(value: str) -> ox.Literal:
    """A plain string literal; every character kept.

    Control characters, quotes and newlines are escaped by the serialisers.
    Only lone surrogates (which are not Unicode scalar values and cannot be in
    RDF at all) become U+FFFD.
    """
    try:
        return ox.Literal(value)
    except ValueError:
        fixed = value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        return ox.Literal(fixed)


def date_literal(value: str | None) -> ox.Literal | None:
    """An ``xsd:date`` literal for a valid ISO date ``YYYY-MM-DD``, else None."""
    if not value or not _ISO_DATE.match(value):
        return None
    try:
        date.fromisoformat(value)
    except ValueError:
        return None
    return ox.Literal(value, datatype=XSD_DATE)


def datetime_literal(value: str | None) -> ox.Literal | None:
    """An ``xsd:dateTime`` literal for a valid ISO date-time, else None."""
    if not value:
        return None
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if "T" not in value:
        return None
    return ox.Literal(value, datatype=XSD_DATETIME)


def decimal_literal(value: float) -> ox.Literal | None:
    """An ``xsd:decimal`` in 0..1 (clamped), four places at most; None for NaN."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite():
        return None
    number = min(max(number, Decimal(0)), Decimal(1)).quantize(Decimal("0.0001"))
    text = format(number.normalize(), "f")
    if "." not in text:
        text += ".0"
    return ox.Literal(text, datatype=XSD_DECIMAL)


def url_term(url: str) -> ox.NamedNode | ox.Literal:
    """The source URL as an IRI when it is a valid absolute http(s) IRI, else a literal."""
    if re.match(r"https?://[^/?#\s]+", url, re.IGNORECASE):
        try:
            return ox.NamedNode(url)
        except ValueError:
            pass
    return text_literal(url)


def _nni(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=XSD_NNI)


# ---------------------------------------------------------------- ontology

def _rename_blank_nodes(quads: list[ox.Quad]) -> list[ox.Quad]:
    """Give the ontology's blank nodes fixed ids (the parser's are random).

    Without this, the ``owl:unionOf`` list would get new blank node ids on
    every build and the sorted N-Triples of two builds would differ.
    """
    names: dict[str, ox.BlankNode] = {}

    def fixed(term: object) -> object:
        if isinstance(term, ox.BlankNode):
            if term.value not in names:
                names[term.value] = ox.BlankNode(f"kgont{len(names) + 1}")
            return names[term.value]
        return term

    return [
        ox.Quad(fixed(q.subject), q.predicate, fixed(q.object), ox.DefaultGraph())  # type: ignore[arg-type]
        for q in quads
    ]


@lru_cache(maxsize=1)
def _ontology_quads() -> tuple[ox.Quad, ...]:
    parsed = ox.parse(path=str(ONTOLOGY_PATH), format=ox.RdfFormat.TURTLE)
    return tuple(_rename_blank_nodes(list(parsed)))


def ontology_quads() -> list[ox.Quad]:
    """The ontology (graph/ontology.ttl) as quads in the default graph."""
    return list(_ontology_quads())


# ---------------------------------------------------------------- mapping

@dataclass
class _Support:
    """One supporting mention of a statement, merged over duplicate facts."""

    source_sha: str
    begin: int
    end: int
    sentence: str
    rule: str
    confidence: float
    dates: set[str] = field(default_factory=set)


@dataclass
class _Statement:
    subject: ox.NamedNode
    predicate: ox.NamedNode
    obj: ox.NamedNode | ox.Literal
    supports: dict[tuple[str, int, int, str], _Support] = field(default_factory=dict)


def entity_iris(resolution: Resolution) -> dict[str, str]:
    """Entity key -> IRI, with a hash suffix where two keys share a slug.

    ``entity_iri`` alone could give "José" and "Jose" one IRI and so merge two
    entities; here each key of a clash gets a suffix from its own hash, which
    depends on the set of keys only, never on their order.
    """
    by_iri: dict[str, list[str]] = defaultdict(list)
    for key in resolution.entities:
        by_iri[entity_iri(key)].append(key)
    table: dict[str, str] = {}
    for iri, keys in by_iri.items():
        if len(keys) == 1:
            table[keys[0]] = iri
        else:
            for key in keys:
                table[key] = mint_iri(vocab.ENTITY, f"{slugify(key)}_{_digest(key)[:8]}")
    return table


def _entity_quads(resolution: Resolution, iris: dict[str, str]) -> Iterator[ox.Quad]:
    for key in sorted(resolution.entities):
        ent = resolution.entities[key]
        node = _iri(iris[key])
        kinds = sorted({ent.kind.value, *(k.value for k in ent.kinds)})
        for kind in kinds:
            yield ox.Quad(node, RDF_TYPE, _kg(kind))
        yield ox.Quad(node, RDFS_LABEL, text_literal(ent.label))
        for alt in sorted(set(ent.alt_labels) - {ent.label}):
            yield ox.Quad(node, SKOS_ALT, text_literal(alt))


def _source_quads(source: StoredSource) -> Iterator[ox.Quad]:
    art = source.extraction.article
    node = _iri(source_iri(art.sha256))
    yield ox.Quad(node, RDF_TYPE, _prov("Entity"))
    yield ox.Quad(node, RDF_TYPE, _ns(vocab.SCHEMA, "NewsArticle"))
    for ident in sorted(set(source.identifiers)):
        yield ox.Quad(node, _ns(vocab.DCTERMS, "identifier"), text_literal(ident))
    yield ox.Quad(node, _kg("sha256"), text_literal(art.sha256))
    if art.title:
        yield ox.Quad(node, _ns(vocab.DCTERMS, "title"), text_literal(art.title))
    if art.publisher:
        yield ox.Quad(node, _ns(vocab.DCTERMS, "publisher"), text_literal(art.publisher))
    published = date_literal(art.date)
    if published is not None:
        yield ox.Quad(node, _ns(vocab.DCTERMS, "date"), published)
    if art.url:
        yield ox.Quad(node, _ns(vocab.SCHEMA, "url"), url_term(art.url))
    yield ox.Quad(node, _kg("encoding"), text_literal(art.encoding))
    yield ox.Quad(node, _ns(vocab.DCTERMS, "format"), text_literal(art.media_type))
    yield ox.Quad(node, _prov("wasGeneratedBy"), _iri(run_iri(source.run_id)))


def _run_quads(info: BuildInfo) -> Iterator[ox.Quad]:
    node = _iri(run_iri(info.run_id))
    yield ox.Quad(node, RDF_TYPE, _prov("Activity"))
    for prop, value in (("startedAtTime", info.started), ("endedAtTime", info.ended)):
        stamp = datetime_literal(value)
        if stamp is not None:
            yield ox.Quad(node, _prov(prop), stamp)
    yield ox.Quad(node, _kg("toolName"), text_literal(info.tool_name))
    yield ox.Quad(node, _kg("toolVersion"), text_literal(info.tool_version))
    yield ox.Quad(node, _kg("modelName"), text_literal(info.model_name))
    yield ox.Quad(node, _kg("modelVersion"), text_literal(info.model_version))


def anchored_span(text: str, ev: Evidence) -> tuple[int, int]:
    """Offsets such that ``text[begin:end] == ev.sentence``.

    The extractor promises that its offsets slice out the sentence; if they do
    not (a bug upstream), the nearest occurrence of the sentence is used so
    that the graph still keeps the contract, and the mismatch is logged.
    """
    if text[ev.start_char:ev.end_char] == ev.sentence:
        return ev.start_char, ev.end_char
    hits = [m.start() for m in re.finditer(re.escape(ev.sentence), text)] if ev.sentence else []
    if hits:
        begin = min(hits, key=lambda pos: abs(pos - ev.start_char))
        log.warning("evidence offsets %d-%d do not slice out their sentence; using %d",
                    ev.start_char, ev.end_char, begin)
        return begin, begin + len(ev.sentence)
    raise ValueError(f"evidence sentence not found in the text: {ev.sentence[:60]!r}")


def _fact_triple(
    source: StoredSource, fact: Fact, resolution: Resolution, iris: dict[str, str]
) -> tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal] | None:
    """The plain triple a fact asserts, after resolution; None for a self-loop."""
    if not _RELATION_NAME.match(fact.relation):
        raise ValueError(f"relation name is not a local name: {fact.relation!r}")
    sha = source.sha256
    subject = _iri(iris[resolution.global_key(sha, fact.subject)])
    predicate = _kg(fact.relation)
    if fact.is_literal:
        return subject, predicate, text_literal(str(fact.obj))
    if not isinstance(fact.obj, int):
        raise TypeError(f"{fact.relation} needs an entity key as object, got {fact.obj!r}")
    obj = _iri(iris[resolution.global_key(sha, fact.obj)])
    if obj == subject:
        return None
    if fact.relation in SYMMETRIC_RELATIONS and obj.value < subject.value:
        subject, obj = obj, subject
    return subject, predicate, obj


def collect_statements(
    sources: Iterable[StoredSource], resolution: Resolution, iris: dict[str, str]
) -> dict[str, _Statement]:
    """Statement IRI -> the triple and every mention supporting it."""
    statements: dict[str, _Statement] = {}
    for source in sources:
        add_statements(statements, source, resolution, iris)
    return statements


def add_statements(
    statements: dict[str, _Statement], source: StoredSource, resolution: Resolution, iris: dict[str, str]
) -> None:
    """Add one source's facts to ``statements`` (keeping only what the graph needs of them)."""
    text = source.extraction.article.text
    for fact in source.extraction.facts:
        triple = _fact_triple(source, fact, resolution, iris)
        if triple is None:
            continue
        try:
            begin, end = anchored_span(text, fact.evidence)
        except ValueError as err:
            log.warning("%s: fact dropped: %s", source.sha256[:12], err)
            continue
        st_iri = statement_iri(*triple)
        st = statements.setdefault(st_iri, _Statement(*triple))
        key = (source.sha256, begin, end, fact.evidence.rule)
        sup = st.supports.get(key)
        if sup is None:
            sup = st.supports[key] = _Support(
                source.sha256, begin, end, text[begin:end], fact.evidence.rule,
                fact.evidence.confidence,
            )
        sup.confidence = max(sup.confidence, fact.evidence.confidence)
        if fact.evidence.date:
            sup.dates.add(fact.evidence.date)


def _statement_quads(
    st_iri: str, st: _Statement, runs_by_source: dict[str, str]
) -> Iterator[ox.Quad]:
    node = _iri(st_iri)
    yield ox.Quad(node, RDF_TYPE, _ns(vocab.RDF, "Statement"))
    yield ox.Quad(node, _ns(vocab.RDF, "subject"), st.subject)
    yield ox.Quad(node, _ns(vocab.RDF, "predicate"), st.predicate)
    yield ox.Quad(node, _ns(vocab.RDF, "object"), st.obj)
    shas = sorted({sup.source_sha for sup in st.supports.values()})
    for sha in shas:
        yield ox.Quad(node, _prov("wasDerivedFrom"), _iri(source_iri(sha)))
    for run in sorted({runs_by_source[sha] for sha in shas}):
        yield ox.Quad(node, _prov("wasGeneratedBy"), _iri(run_iri(run)))
    dates = sorted({d for sup in st.supports.values() for d in sup.dates})
    for value in dates:
        lit = date_literal(value)
        if lit is not None:
            yield ox.Quad(node, _kg("date"), lit)
    for key in sorted(st.supports):
        yield from _evidence_quads(node, st_iri, st.supports[key])


def _evidence_quads(statement: ox.NamedNode, st_iri: str, sup: _Support) -> Iterator[ox.Quad]:
    ev = _iri(evidence_iri(st_iri, sup.source_sha, sup.begin, sup.end, sup.rule))
    yield ox.Quad(statement, _prov("qualifiedDerivation"), ev)
    yield ox.Quad(ev, RDF_TYPE, _prov("Derivation"))
    yield ox.Quad(ev, _prov("entity"), _iri(source_iri(sup.source_sha)))
    yield ox.Quad(ev, _ns(vocab.NIF, "beginIndex"), _nni(sup.begin))
    yield ox.Quad(ev, _ns(vocab.NIF, "endIndex"), _nni(sup.end))
    yield ox.Quad(ev, _ns(vocab.NIF, "anchorOf"), text_literal(sup.sentence))
    confidence = decimal_literal(sup.confidence)
    if confidence is not None:
        yield ox.Quad(ev, _kg("confidence"), confidence)
    yield ox.Quad(ev, _kg("rule"), text_literal(sup.rule))
    for value in sorted(sup.dates):
        lit = date_literal(value)
        if lit is not None:
            yield ox.Quad(ev, _kg("date"), lit)


def name_use_iri(entity: str, source_sha: str, name: str) -> str:
    """The IRI of one name a source wrote for an entity."""
    return mint_iri(vocab.NAME, _digest(entity, source_sha, name)[:32])


def _name_use_quads(
    source: StoredSource, resolution: Resolution, iris: dict[str, str]
) -> Iterator[ox.Quad]:
    """The name each source wrote for each entity it mentions.

    ``skos:altLabel`` keeps every spelling but not who wrote it; analysts
    checking a misspelt name ("Kamikava" / "Kamikawa") need to see which
    article used which, so each (entity, source, name) gets a small node.
    """
    sha = source.sha256
    seen: set[tuple[str, str]] = set()
    for local in source.extraction.entities:
        key = resolution.members.get((sha, local.key))
        if key is None or (key, local.name) in seen:
            continue
        seen.add((key, local.name))
        entity = iris[key]
        node = _iri(name_use_iri(entity, sha, local.name))
        yield ox.Quad(node, RDF_TYPE, _kg("NameUse"))
        yield ox.Quad(node, _kg("nameOf"), _iri(entity))
        yield ox.Quad(node, _kg("name"), text_literal(local.name))
        yield ox.Quad(node, _kg("usedIn"), _iri(source_iri(sha)))


#: Two quotes of one speaker from different sources are variants of one remark
#: when their words overlap this much (token F1) and each has this many words.
VARIANT_MIN_OVERLAP = 0.5
VARIANT_MIN_WORDS = 4


def _quote_words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _overlap(a: list[str], b: list[str]) -> float:
    """Token F1 between two word lists (multiset overlap)."""
    common = sum((Counter(a) & Counter(b)).values())
    return 0.0 if common == 0 else 2 * common / (len(a) + len(b))


def quote_variants(statements: dict[str, _Statement]) -> list[tuple[str, str]]:
    """Pairs of ``said`` statements that render one remark in different words.

    Sources disagree on wording ("a very pivotal moment for the G7 leaders" /
    "a very important moment as well for the G7"); both quotes stay, and the
    link lets an analyst see that they are one remark.  Only quotes of the same
    speaker with no supporting source in common are compared, so a speaker's two
    remarks in one article are never taken for variants.
    """
    said = _kg("said")
    by_speaker: dict[str, list[tuple[str, list[str], frozenset[str]]]] = defaultdict(list)
    for st_iri in sorted(statements):
        st = statements[st_iri]
        if st.predicate != said:
            continue
        words = _quote_words(st.obj.value)
        if len(words) >= VARIANT_MIN_WORDS:
            shas = frozenset(sup.source_sha for sup in st.supports.values())
            by_speaker[st.subject.value].append((st_iri, words, shas))
    pairs = []
    for quotes in by_speaker.values():
        for i, (a_iri, a_words, a_src) in enumerate(quotes):
            for b_iri, b_words, b_src in quotes[i + 1:]:
                if not a_src & b_src and _overlap(a_words, b_words) >= VARIANT_MIN_OVERLAP:
                    pairs.append((a_iri, b_iri))
    return pairs


def map_to_rdf(
    sources: Iterable[StoredSource],
    resolution: Resolution,
    runs: Sequence[BuildInfo],
) -> Iterator[ox.Quad]:
    """The whole graph for these sources: ontology, entities, sources, facts, runs.

    Yields quads in the default graph, in an order that depends only on the
    input's content (sources are sorted by hash, everything else by key).  Of
    ``runs``, only those that generated a source are written, so the graph
    stays a function of the sources it holds.  Facts whose subject equals
    their object after resolution are dropped; ``metWith`` facts are stored in
    one direction (smaller IRI first), so "A met B" and "B met A" are one fact.

    A list is sorted here; any other iterable is consumed once, as it comes,
    and must already be sorted by hash (``GraphStore.sources()`` is).  That
    streams a store's records: each is mapped and let go, and only the
    statements (triples and supporting sentences) are held to the end, not
    the articles' texts and entities, so a rewrite's memory follows the facts.

    Raises ``KeyError`` when a fact names a local entity that ``resolution``
    does not map, ``ValueError`` for a malformed relation name, a literal
    where an entity key belongs, or an unsorted stream: all are bugs of an
    earlier stage, not of the input.
    """
    ordered = sorted(sources, key=lambda s: s.sha256) if isinstance(sources, Sequence) else sources
    iris = entity_iris(resolution)
    yield from _ontology_quads()
    yield from _entity_quads(resolution, iris)
    runs_by_source: dict[str, str] = {}
    statements: dict[str, _Statement] = {}
    last = ""
    for source in ordered:
        if source.sha256 <= last:
            raise ValueError(f"sources not sorted by hash: {source.sha256[:12]} after {last[:12]}")
        last = source.sha256
        runs_by_source[source.sha256] = source.run_id
        yield from _source_quads(source)
        yield from _name_use_quads(source, resolution, iris)
        add_statements(statements, source, resolution, iris)
    for st_iri in sorted(statements):
        st = statements[st_iri]
        yield ox.Quad(st.subject, st.predicate, st.obj)
        yield from _statement_quads(st_iri, st, runs_by_source)
    variant = _kg("quoteVariantOf")
    for a, b in quote_variants(statements):
        yield ox.Quad(_iri(a), variant, _iri(b))
        yield ox.Quad(_iri(b), variant, _iri(a))
    used_runs = set(runs_by_source.values())
    for info in sorted(runs, key=lambda r: r.run_id):
        if info.run_id in used_runs:
            yield from _run_quads(info)
            used_runs.discard(info.run_id)
