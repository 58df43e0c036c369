"""Parsing in pieces: long texts are cut at boundaries and joined back exactly."""

from __future__ import annotations

import hashlib
import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph import nlp
from graph.errors import KgError
from graph.model import Article

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _article(text: str, identifier: str = "long.txt") -> Article:
    return Article(identifier=identifier, text=text, sha256=hashlib.sha256(text.encode()).hexdigest())


def _pieces(text: str, limit: int) -> list[str]:
    return [text[a:b] for a, b in nlp.split_points(text, limit)]


def test_short_text_is_one_piece() -> None:
    assert nlp.split_points("One sentence.", 100) == [(0, 13)]
    assert nlp.split_points("", 100) == [(0, 0)]


def test_cut_prefers_a_blank_line_to_a_sentence_end() -> None:
    text = "A first sentence. A second one here.\n\nNext paragraph starts. And goes on for a while."
    pieces = _pieces(text, 60)
    assert pieces[0] == "A first sentence. A second one here.\n\n"
    assert "".join(pieces) == text


def test_cut_falls_back_to_line_then_sentence_then_space() -> None:
    assert _pieces("aaaa bbbb cccc\ndddd eeee ffff gggg", 24)[0] == "aaaa bbbb cccc\n"
    assert _pieces("Aaaa bbbb cccc. Dddd eeee ffff gggg", 24)[0] == "Aaaa bbbb cccc. "
    assert _pieces("aaaa bbbb cccc dddd eeee ffff gggg", 24)[0] == "aaaa bbbb cccc dddd "


def test_a_line_without_any_space_is_cut_hard_at_the_limit() -> None:
    text = "x" * 1050
    assert [len(p) for p in _pieces(text, 500)] == [500, 500, 50]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab .!?\n\r\t\"”é"), max_size=400), st.integers(2, 80))
def test_pieces_cover_the_text_exactly(text: str, limit: int) -> None:
    ranges = nlp.split_points(text, limit)
    assert "".join(text[a:b] for a, b in ranges) == text
    assert all(0 < b - a <= limit for a, b in ranges) or text == ""
    assert all(b == c for (_, b), (c, _) in itertools.pairwise(ranges))


def test_piece_size_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_PIECE_CHARS", "5000")
    assert nlp.piece_chars() == 5000
    monkeypatch.setenv("KG_PIECE_CHARS", "1")
    assert nlp.piece_chars() == nlp._MIN_PIECE_CHARS
    monkeypatch.setenv("KG_PIECE_CHARS", "lots")
    with pytest.raises(KgError, match="KG_PIECE_CHARS"):
        nlp.piece_chars()
    monkeypatch.delenv("KG_PIECE_CHARS")
    assert nlp.piece_chars() == nlp.PIECE_CHARS


def _long_text() -> str:
    """The seed articles, repeated: a text of about 20,000 characters."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    return "\n\n".join(seeds * 4)


@pytest.mark.model
def test_long_text_parsed_in_pieces_keeps_every_offset(monkeypatch: pytest.MonkeyPatch) -> None:
    from graph.extract import extract_document

    text = _long_text()
    monkeypatch.setenv("KG_PIECE_CHARS", "1500")
    assert len(nlp.split_points(text, 1500)) > 10
    article = _article(text)
    [(doc, same)] = list(nlp.parse([article, ]))
    assert same is article
    assert doc.text == text
    for tok in doc:
        assert text[tok.idx : tok.idx + len(tok.text)] == tok.text
    for ent in doc.ents:
        assert text[ent.start_char : ent.end_char] == ent.text
    assert len(list(doc.sents)) > 20 and len(doc.ents) > 50
    extraction = extract_document(doc, article)
    assert extraction.facts
    for fact in extraction.facts:
        ev = fact.evidence
        assert text[ev.start_char : ev.end_char] == ev.sentence
    for entity in extraction.entities:
        for span in entity.mentions:
            assert 0 <= span.start_char < span.end_char <= len(text)


@pytest.mark.model
def test_pieces_find_what_the_whole_text_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cutting at paragraph breaks changes nothing a sentence can see."""
    from graph.extract import extract_document

    text = _long_text()
    monkeypatch.setenv("KG_PIECE_CHARS", "1500")
    [(cut, article)] = list(nlp.parse([_article(text)]))
    monkeypatch.setenv("KG_PIECE_CHARS", str(len(text)))
    [(whole, _)] = list(nlp.parse([_article(text)]))
    assert {(e.start_char, e.label_) for e in cut.ents} == {(e.start_char, e.label_) for e in whole.ents}
    got = {(f.relation, f.evidence.start_char) for f in extract_document(cut, article).facts}
    want = {(f.relation, f.evidence.start_char) for f in extract_document(whole, article).facts}
    assert len(got & want) >= 0.9 * len(want)


@pytest.mark.model
def test_short_and_long_articles_in_one_stream_stay_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_PIECE_CHARS", "1500")
    articles = [_article("Blinken visited Tokyo.", "a"), _article(_long_text(), "b"),
                _article("Kishida met Biden in Tokyo.", "c")]
    out = list(nlp.parse(articles, batch_size=3))
    assert [a.identifier for _, a in out] == ["a", "b", "c"]
    assert all(doc.text == a.text for doc, a in out)


@pytest.mark.parametrize(("text", "end"), [
    ("Minister visits Paris\n\nThe minister arrived.", len("Minister visits Paris\n\n")),
    ("Minister visits Paris\n \n\tThe minister arrived.", len("Minister visits Paris\n \n\t")),
    ("The minister today visited\nParis and met the mayor.", 0),  # a hard-wrapped line
    ("The minister arrived.\n\nShe met the mayor.", 0),  # a sentence, not a headline
    ('He said: "we will go."\nThen he went.', 0),
    ("Just one line with no break", 0),
    ("Only a headline\n", 0),  # nothing after it: the whole text is one piece
    ("\n\nBody text.", 0),
    ("x" * 400 + "\nBody.", 0),  # too long for a headline
])
def test_headline_end(text: str, end: int) -> None:
    assert nlp.headline_end(text) == end


def test_a_title_line_needs_no_blank_line() -> None:
    text = "Talks in Japan\nBlinken met Kamikawa."
    assert nlp.headline_end(text, "Talks in Japan") == len("Talks in Japan\n")
    assert nlp.headline_end(text, "Another title") == 0


@pytest.mark.model
def test_a_headline_is_parsed_apart_from_the_story() -> None:
    """Run into the first sentence, the headline made the tagger call the visitor a place."""
    from graph.extract import extract_document

    text = "Blinken visits Seoul\n\nAntony Blinken visited Seoul on Thursday. He met President Yoon Suk Yeol.\n"
    [(doc, article)] = list(nlp.parse([_article(text)]))
    assert doc.text == text
    assert [s.text.strip() for s in doc.sents][0] == "Blinken visits Seoul"
    facts = {(f.relation, f.evidence.sentence) for f in extract_document(doc, article).facts}
    assert ("visited", "Antony Blinken visited Seoul on Thursday.") in facts
    assert ("metWith", "He met President Yoon Suk Yeol.") in facts


@pytest.mark.model
def test_a_bracket_glued_to_the_next_name_is_split_off() -> None:
    """A list whose line breaks were lost: "(AGL Energy)Mr Innes Willox" is a bracket, then a name."""
    model = nlp.load_model()
    words = [t.text for t in model("Mr Michael Fraser (AGL Energy)Mr Innes Willox (Ai Group)")]
    assert words[4:10] == ["AGL", "Energy", ")", "Mr", "Innes", "Willox"]
    assert [t.text for t in model("He (Sr.) said so.")] == ["He", "(", "Sr", ".", ")", "said", "so", "."]
