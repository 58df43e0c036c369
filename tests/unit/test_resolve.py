"""Cross-document entity resolution: the merges users expect, and the ones they must not get."""

from __future__ import annotations

import hashlib
import itertools

from graph.model import Article, DocumentExtraction, EntityKind, LocalEntity
from graph.resolve import normalise, resolve

P, O, L = EntityKind.PERSON, EntityKind.ORGANIZATION, EntityKind.PLACE


def doc(name: str, *entities: tuple) -> DocumentExtraction:
    """A document holding the given (name, kind, surface forms, positions) entities."""
    text = f"text of {name}"
    article = Article(identifier=name, text=text, sha256=hashlib.sha256(text.encode()).hexdigest())
    ents = tuple(
        LocalEntity(key=i, kind=kind, name=n, surface_forms=tuple(forms), positions=tuple(pos))
        for i, (n, kind, forms, pos) in enumerate(entities)
    )
    return DocumentExtraction(article=article, entities=ents, facts=())


def label_of(resolution, ext: DocumentExtraction, key: int) -> str:
    return resolution.entities[resolution.global_key(ext.article.sha256, key)].label


def test_normalise_ignores_case_periods_accents_and_the():
    assert normalise("the U.S.") == normalise("US") == "us"
    assert normalise("São Paulo") == normalise("sao paulo")


def test_surname_only_person_joins_the_one_full_name_with_that_surname():
    a = doc("a", ("Blinken", P, ["Secretary Blinken"], ["Secretary of State"]))
    b = doc("b", ("Antony Blinken", P, ["Blinken"], ["Secretary of State"]))
    r = resolve([a, b])
    assert label_of(r, a, 0) == label_of(r, b, 0) == "Antony Blinken"
    ent = r.entities[r.global_key(a.article.sha256, 0)]
    assert set(ent.alt_labels) == {"Blinken", "Secretary Blinken"}


def test_surname_shared_by_two_people_is_not_guessed():
    a = doc("a", ("Smith", P, [], []))
    b = doc("b", ("Anna Smith", P, [], []), ("John Smith", P, [], []))
    r = resolve([a, b])
    assert len(set(r.members.values())) == 3


def test_misspelt_surname_with_same_first_name_and_title_merges_keeping_both_spellings():
    a = doc("a", ("Yoko Kamikava", P, [], ["Foreign Minister"]))
    b = doc("b", ("Yoko Kamikawa", P, ["Kamikawa"], ["Foreign Minister"]))
    r = resolve([a, b])
    key = r.global_key(a.article.sha256, 0)
    assert key == r.global_key(b.article.sha256, 0)
    ent = r.entities[key]
    assert {ent.label, *ent.alt_labels} >= {"Yoko Kamikava", "Yoko Kamikawa"}


def test_similar_names_without_shared_position_stay_apart():
    a = doc("a", ("John Smyth", P, [], ["Senator"]))
    b = doc("b", ("John Smith", P, [], ["Governor"]))
    c = doc("c", ("Maria Lopes", P, [], []))
    d = doc("d", ("Maria Lopez", P, [], []))
    r = resolve([a, b, c, d])
    assert len(set(r.members.values())) == 4


def test_acronym_and_full_name_join_through_a_shared_surface_form():
    a = doc("a", ("Group of Seven", O, ["G7"], []))
    b = doc("b", ("G7", L, [], []))
    r = resolve([a, b])
    assert label_of(r, a, 0) == label_of(r, b, 0) == "Group of Seven"
    assert r.entities[r.global_key(b.article.sha256, 0)].kind is O


def test_person_and_place_with_one_name_are_two_entities_with_distinct_keys():
    a = doc("a", ("Georgia", L, [], []))
    b = doc("b", ("Georgia", P, [], []))
    r = resolve([a, b])
    assert len(r.entities) == 2
    assert len({e.key for e in r.entities.values()}) == 2


def test_result_does_not_depend_on_document_order():
    docs = [
        doc("a", ("Blinken", P, [], []), ("U.S.", L, [], [])),
        doc("b", ("Antony Blinken", P, [], []), ("United States", L, ["U.S."], [])),
        doc("c", ("Yoko Kamikawa", P, [], ["Foreign Minister"])),
        doc("d", ("Yoko Kamikava", P, [], ["Foreign Minister"])),
    ]
    results = {
        tuple(sorted((k, e.label, e.alt_labels) for k, e in resolve(list(order)).entities.items()))
        for order in itertools.permutations(docs)
    }
    assert len(results) == 1


def test_the_spelling_mentioned_most_becomes_the_label() -> None:
    from graph.model import Span

    def doc(name: str, mentions: int, sha: str) -> DocumentExtraction:
        art = Article(identifier=f"{sha}.txt", text="x" * 100, sha256=sha)
        spans = tuple(Span(i, i + 1) for i in range(mentions))
        return DocumentExtraction(art, (LocalEntity(1, EntityKind.PERSON, name, (), ("Minister",), spans),), ())

    res = resolve([doc("Yoko Kamikava", 1, "a" * 64), doc("Yoko Kamikawa", 3, "b" * 64)])
    (entity,) = res.entities.values()
    assert entity.label == "Yoko Kamikawa"
    assert entity.alt_labels == ("Yoko Kamikava",)


def test_a_place_is_labelled_by_the_name_most_sources_use() -> None:
    def doc(name: str, sha: str, forms: tuple[str, ...] = ()) -> DocumentExtraction:
        art = Article(identifier=f"{sha}.txt", text="x", sha256=sha)
        return DocumentExtraction(art, (LocalEntity(1, EntityKind.PLACE, name, forms),), ())

    docs = [doc("Freedonia", str(i) * 64) for i in range(8)]
    docs.append(doc("Freedonia Relief Fund", "a" * 64, ("Freedonia",)))
    (entity,) = resolve(docs).entities.values()
    assert entity.label == "Freedonia"
    common = [doc("WTO", str(i) * 64) for i in range(4)] + [doc("World Trade Organization", "b" * 64, ("WTO",))]
    (entity,) = resolve(common).entities.values()
    assert entity.label == "World Trade Organization"


def test_a_surname_its_own_text_kept_apart_from_a_full_name_stays_apart():
    a = doc("a", ("Michael D Higgins", P, ["President Higgins"], ["President"]),
            ("Higgins", P, ["Mrs Higgins"], []))
    r = resolve([a])
    assert label_of(r, a, 0) == "Michael D Higgins" and label_of(r, a, 1) == "Higgins"


def test_two_bodies_sharing_only_a_generic_word_stay_apart():
    a = doc("a", ("Puerto Rico Senate", O, ["Senate"], []))
    b = doc("b", ("U.S. Senate", O, ["Senate"], []))
    r = resolve([a, b])
    assert r.global_key(a.article.sha256, 0) != r.global_key(b.article.sha256, 0)
    assert label_of(r, a, 0) == "Puerto Rico Senate" and label_of(r, b, 0) == "U.S. Senate"
