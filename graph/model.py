"""Plain data passed between the pipeline's stages.

Nothing here imports spaCy or rdflib: every stage can be tested, cached and
shipped to another process with only these frozen dataclasses.  The records are
JSON-friendly (``to_dict`` / ``from_dict``) because one document's extraction is
stored as such a record, so that the graph can always be rebuilt exactly from the
set of sources it holds.

Flow: ``Article -> (spaCy Doc) -> DocumentExtraction -> Resolution -> quads``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any


class EntityKind(str, Enum):
    """The ontology classes an entity can have (CONTRACT.md section 1)."""

    PERSON = "Person"
    ORGANIZATION = "Organization"
    PLACE = "Place"
    GROUP = "Group"
    EVENT = "Event"


#: Relations whose object is a literal, not an entity (RELATIONS.md).
LITERAL_RELATIONS: frozenset[str] = frozenset({"holdsPosition", "said"})

#: Every relation local name of RELATIONS.md, version 1.
RELATIONS: tuple[str, ...] = (
    "visited",
    "plansToVisit",
    "hosted",
    "metWith",
    "thanked",
    "supports",
    "pledgedAidTo",
    "condemned",
    "accused",
    "opposes",
    "urged",
    "threatened",
    "attacked",
    "holdsPosition",
    "affiliatedWith",
    "said",
)

#: Relations that hold both ways; stored once, in a canonical direction.
SYMMETRIC_RELATIONS: frozenset[str] = frozenset({"metWith"})


@dataclass(frozen=True)
class Span:
    """A half-open range of character offsets (Unicode code points) into a text."""

    start_char: int
    end_char: int


@dataclass(frozen=True)
class Article:
    """One source document as read, before any NLP.

    ``text`` is exactly what offsets point into: the file's decoded text for
    plain text, or the extracted text for HTML and JSON Lines.  ``skip_spans``
    are regions (boilerplate such as "Category" or "Also Read: ...") that must
    not be mined for facts; they stay in ``text`` so offsets remain exact.
    """

    identifier: str
    text: str
    sha256: str
    title: str | None = None
    date: str | None = None  # ISO 8601 date, YYYY-MM-DD
    publisher: str | None = None
    url: str | None = None
    dateline: str | None = None  # place of the dateline, e.g. "Washington"
    encoding: str = "utf-8"
    media_type: str = "text/plain"
    skip_spans: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @staticmethod
    def from_dict(data: dict[str, Any]) -> Article:
        data = dict(data)
        data["skip_spans"] = tuple(Span(**s) for s in data.get("skip_spans", ()))
        return Article(**data)


@dataclass(frozen=True)
class LocalEntity:
    """An entity as one document knows it: a cluster of its mentions.

    ``key`` is unique within the document only.  ``name`` is the fullest proper
    name the document uses for it (no title, no leading "the").  ``surface_forms``
    are every other way the document names it (surnames, acronyms, demonyms,
    titled forms such as "Secretary Blinken"); pronouns and descriptions are not
    surface forms.  ``positions`` (titles seen with a person) help to decide
    whether two similar names in different documents are one person.
    """

    key: int
    kind: EntityKind
    name: str
    surface_forms: tuple[str, ...] = ()
    positions: tuple[str, ...] = ()
    mentions: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["kind"] = self.kind.value
        return data

    @staticmethod
    def from_dict(data: dict[str, Any]) -> LocalEntity:
        data = dict(data)
        data["kind"] = EntityKind(data["kind"])
        data["surface_forms"] = tuple(data.get("surface_forms", ()))
        data["positions"] = tuple(data.get("positions", ()))
        data["mentions"] = tuple(Span(**s) for s in data.get("mentions", ()))
        return LocalEntity(**data)


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: the sentence, the rule that fired, how sure we are.

    ``sentence`` equals ``article.text[start_char:end_char]`` exactly.
    ``date`` is the ISO date the sentence gives the event, resolved against the
    article's publication date, when it gives one.
    """

    start_char: int
    end_char: int
    sentence: str
    rule: str
    confidence: float
    date: str | None = None


@dataclass(frozen=True)
class Fact:
    """One relation instance read from one sentence of one document.

    ``subject`` is a ``LocalEntity.key``.  ``obj`` is a ``LocalEntity.key`` for
    entity-valued relations, or the literal text for ``holdsPosition`` and
    ``said`` (see ``LITERAL_RELATIONS``).
    """

    subject: int
    relation: str
    obj: int | str
    evidence: Evidence

    @property
    def is_literal(self) -> bool:
        return self.relation in LITERAL_RELATIONS

    def to_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "relation": self.relation,
            "obj": self.obj,
            "evidence": asdict(self.evidence),
        }

    @staticmethod
    def from_dict(data: dict[str, Any]) -> Fact:
        return Fact(
            subject=data["subject"],
            relation=data["relation"],
            obj=data["obj"],
            evidence=Evidence(**data["evidence"]),
        )


@dataclass(frozen=True)
class DocumentExtraction:
    """Everything one document contributes to the graph, before entity resolution."""

    article: Article
    entities: tuple[LocalEntity, ...]
    facts: tuple[Fact, ...]

    def entity(self, key: int) -> LocalEntity:
        for ent in self.entities:
            if ent.key == key:
                return ent
        raise KeyError(key)

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.to_dict(),
            "entities": [e.to_dict() for e in self.entities],
            "facts": [f.to_dict() for f in self.facts],
        }

    @staticmethod
    def from_dict(data: dict[str, Any]) -> DocumentExtraction:
        return DocumentExtraction(
            article=Article.from_dict(data["article"]),
            entities=tuple(LocalEntity.from_dict(e) for e in data["entities"]),
            facts=tuple(Fact.from_dict(f) for f in data["facts"]),
        )


@dataclass(frozen=True)
class Entity:
    """A real-world entity across the whole graph, after resolution.

    ``key`` is a stable, order-independent identifier (the mapping stage turns
    it into an IRI).  ``label`` is the fullest proper name in the corpus;
    ``alt_labels`` every other surface form, each spelling kept.
    """

    key: str
    kind: EntityKind
    label: str
    alt_labels: tuple[str, ...] = ()
    kinds: tuple[EntityKind, ...] = ()  # further classes, beside ``kind``


@dataclass(frozen=True)
class Resolution:
    """The result of cross-document entity resolution.

    ``members`` maps (article sha256, local entity key) to a global
    ``Entity.key``.
    """

    entities: dict[str, Entity]
    members: dict[tuple[str, int], str] = field(default_factory=dict)

    def global_key(self, sha256: str, local_key: int) -> str:
        return self.members[(sha256, local_key)]


@dataclass(frozen=True)
class BuildInfo:
    """Facts about one build run, for its ``prov:Activity``."""

    run_id: str
    started: str  # ISO 8601 date-time, UTC
    ended: str
    tool_name: str
    tool_version: str
    model_name: str
    model_version: str


@dataclass(frozen=True)
class StoredSource:
    """A source as the store holds it: its extraction, every name it was read
    under (same text, several paths: one source), and the run that added it."""

    extraction: DocumentExtraction
    identifiers: tuple[str, ...]
    run_id: str

    @property
    def sha256(self) -> str:
        return self.extraction.article.sha256
