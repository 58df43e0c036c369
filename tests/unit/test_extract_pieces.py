"""Long texts are mined piece by piece, with offsets into the whole text."""

from __future__ import annotations

import pytest

from graph.extract import extract_document
from graph.nlp import parse
from graph.reading import article_from_text

pytestmark = pytest.mark.model

STORY = (
    "Foreign Minister Maria Lopez visited Lima on Monday. "
    "Lopez met President Juan Ortega in the capital. "
    '"We share one goal," Lopez said.\n\n'
)


def _extract(text: str):  # type: ignore[no-untyped-def]
    article = article_from_text("long.txt", text)
    ((doc, article),) = list(parse([article]))
    return article, extract_document(doc, article)


def test_pieces_give_the_same_facts_with_exact_offsets(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Talks in Lima\n\n" + STORY * 12
    _, whole = _extract(text)
    monkeypatch.setenv("KG_PIECE_CHARS", "700")
    article, pieces = _extract(text)

    def seen(ext):  # type: ignore[no-untyped-def]
        names = {e.key: e.name for e in ext.entities}
        return {(names[f.subject], f.relation, names.get(f.obj, f.obj) if isinstance(f.obj, int) else f.obj)
                for f in ext.facts}

    assert seen(pieces) == seen(whole)
    assert len(pieces.facts) >= len(whole.facts)  # a title is stated again in each piece
    for fact in pieces.facts:
        assert article.text[fact.evidence.start_char:fact.evidence.end_char] == fact.evidence.sentence
    lopez = [e for e in pieces.entities if e.name == "Maria Lopez"]
    assert len(lopez) == 1, "one entity across pieces"
    assert all(article.text[m.start_char:m.end_char] in ("Maria Lopez", "Lopez") for m in lopez[0].mentions)
    assert max(m.start_char for m in lopez[0].mentions) > 2 * 700  # mentions from the third piece


def test_a_sentence_is_not_cut_after_a_bracket(nlp):
    from graph.extract import segment

    text = "Labour MP (Member of Parliament) Hilary Benn spoke at the rally.\n\nIt rained. Everyone left."
    doc = nlp(text)
    assert any(s[-1].text == ")" for s in doc.sents)  # the parser's cut, which segment() undoes
    sentences, _ = segment(doc, article_from_text("t.txt", text))
    assert [text[s.start_char:s.end_char] for s in sentences] == [
        "Labour MP (Member of Parliament) Hilary Benn spoke at the rally.", "It rained.", "Everyone left."]
