"""The extraction stage: a parsed document -> its entities and facts, with provenance.

``extract_document(doc, article)`` is the only entry point.  It runs, in order:

1. ``entities.build_index``: NER mentions, corrected and clustered;
2. sentence segmentation (spaCy's, also split at blank lines, with
   boilerplate ``article.skip_spans`` cut off or the sentence left unmined);
3. ``titles``: positions next to names (needed to resolve "the secretary");
4. ``quotes``: quoted passages and their speakers (needed for "I", "we");
5. per sentence, in text order: ``verbs`` and ``nominal`` rules;
6. ``attacks``: hits told without a doer, given to the document's one attacker;
7. title facts and ``said`` facts.

Each fact carries the exact sentence, the rule that fired and a confidence.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.attrs import IS_SPACE  # type: ignore[import-not-found]
from spacy.tokens import Doc, Token

from graph.model import Article, DocumentExtraction, Fact, LocalEntity, Span

from .attacks import link_claimed_attacks, note_claimed_doer
from .context import Context, Sentence
from .entities import build_index
from .nominal import extract_nominal
from .quotes import emit_said, find_quotes
from .titles import collect_descriptions, collect_positions, emit_title_facts
from .verbs import extract_verbs, settle_announced_trips

__all__ = ["extract_document", "segment"]

#: Punctuation no sentence ends with.
_NOT_FINAL = frozenset({")", ",", ";", "(", "-", "–", "—"})


def extract_document(doc: Doc, article: Article) -> DocumentExtraction:
    """Entities and facts of one article, from its spaCy parse.

    A text longer than one parse piece (``graph.nlp.piece_chars``) is mined
    piece by piece: resolving a name or a pronoun costs a look over the
    document's mentions, which is nothing in an article but quadratic in a
    5 MB file, and no reference reaches across 200,000 characters anyway.
    """
    from graph.nlp import piece_chars, split_points

    limit = piece_chars()
    if len(article.text) > limit:
        parts = _extract_pieces(doc, article, split_points(article.text, limit))
        if parts is not None:
            return parts
    return _extract_whole(doc, article)


def _extract_whole(doc: Doc, article: Article) -> DocumentExtraction:
    index = build_index(doc)
    sentences, sent_of_token = segment(doc, article)
    ctx = Context(doc, article, index, sentences, sent_of_token)
    findings = collect_positions(ctx)
    ctx.index_person_refs()
    findings += collect_descriptions(ctx)
    quotes = find_quotes(ctx)
    note_claimed_doer(ctx)
    for sent in sentences:
        extract_verbs(ctx, sent)
        extract_nominal(ctx, sent)
    link_claimed_attacks(ctx)
    settle_announced_trips(ctx)
    emit_title_facts(ctx, findings)
    emit_said(ctx, quotes)
    facts = tuple(sorted(ctx.facts, key=lambda f: (f.evidence.start_char, f.relation, str(f.subject), str(f.obj))))
    return DocumentExtraction(article=article, entities=index.local_entities(), facts=facts)


def _extract_pieces(
    doc: Doc, article: Article, ranges: list[tuple[int, int]]
) -> DocumentExtraction | None:
    """Mine each piece as its own text, then shift offsets back and merge
    entities of one kind and name; None when a piece cannot be cut cleanly."""
    entities: dict[tuple[str, str], LocalEntity] = {}
    facts: list[Fact] = []
    for start, end in ranges:
        span = doc.char_span(start, end, alignment_mode="contract")
        if span is None:
            return None
        sub = span.as_doc()
        offset = span.start_char
        if article.text[offset:offset + len(sub.text)] != sub.text:
            return None
        part = _extract_whole(sub, _sub_article(article, offset, offset + len(sub.text)))
        keys = {e.key: _merge_entity(entities, e, offset) for e in part.entities}
        for fact in part.facts:
            ev = replace(fact.evidence, start_char=fact.evidence.start_char + offset,
                         end_char=fact.evidence.end_char + offset)
            obj = keys[fact.obj] if isinstance(fact.obj, int) else fact.obj
            facts.append(replace(fact, subject=keys[fact.subject], obj=obj, evidence=ev))
    facts.sort(key=lambda f: (f.evidence.start_char, f.relation, str(f.subject), str(f.obj)))
    return DocumentExtraction(article=article, entities=tuple(entities.values()), facts=tuple(facts))


def _sub_article(article: Article, start: int, end: int) -> Article:
    skips = tuple(Span(max(s.start_char, start) - start, min(s.end_char, end) - start)
                  for s in article.skip_spans if s.start_char < end and start < s.end_char)
    return replace(article, text=article.text[start:end], skip_spans=skips)


def _merge_entity(entities: dict[tuple[str, str], LocalEntity], ent: LocalEntity, offset: int) -> int:
    """The document-wide key of a piece's entity (same kind and name: one entity)."""
    mentions = tuple(Span(m.start_char + offset, m.end_char + offset) for m in ent.mentions)
    known = entities.get((ent.kind.value, ent.name))
    if known is None:
        merged = replace(ent, key=len(entities), mentions=mentions)
    else:
        merged = replace(
            known,
            surface_forms=tuple(dict.fromkeys((*known.surface_forms, *ent.surface_forms))),
            positions=tuple(dict.fromkeys((*known.positions, *ent.positions))),
            mentions=known.mentions + mentions,
        )
    entities[(ent.kind.value, ent.name)] = merged
    return merged.key


def segment(doc: Doc, article: Article) -> tuple[list[Sentence], list[int]]:
    """Sentences to mine, and each token's sentence index (-1: not mined).

    spaCy's sentences are split again at blank lines (a headline or a
    boilerplate line glued to the next paragraph), then boilerplate at a
    sentence's edge is cut off; a sentence with boilerplate inside it is
    not mined at all.
    """
    sentences: list[Sentence] = []
    sent_of_token = [-1] * len(doc)
    paragraph = 0
    space = doc.to_array([IS_SPACE]).tolist()  # a Token is built for the spaces only
    piece: list[int] = []
    for sent in doc.sents:
        if piece and _ends_sentence(doc[next((i for i in reversed(piece) if not space[i]), piece[-1])]):
            _close(doc, article, piece, paragraph, sentences, sent_of_token, space)
            piece = []
        for i in range(sent.start, sent.end):
            if space[i] and "\n" in doc[i].text:
                if piece:
                    _close(doc, article, piece, paragraph, sentences, sent_of_token, space)
                    piece = []
                if doc[i].text.count("\n") >= 2:
                    paragraph += 1
                continue
            piece.append(i)
    if piece:
        _close(doc, article, piece, paragraph, sentences, sent_of_token, space)
    return sentences, sent_of_token


def _ends_sentence(tok: Token) -> bool:
    """Whether a sentence may end at this token: a full stop (also one that
    ends an abbreviation, "the U.S."), a mark or a closing quote.  The parser
    sometimes starts a sentence after a bracket, a comma or a plain word
    ("Labour MP (Member of Parliament) | Tom Watson", "join NZ | Prime Minister
    Helen Clark"): such a cut is undone (line breaks still split)."""
    return tok.text[-1:] in ".!?" or tok.is_punct and tok.text not in _NOT_FINAL


def _close(doc: Doc, article: Article, piece: list[int], paragraph: int,
           sentences: list[Sentence], sent_of_token: list[int], space: list[int]) -> None:
    spans = [(s.start_char, s.end_char) for s in article.skip_spans]
    if not spans:  # the common case: only the first and last word are needed
        words = [i for i in piece if not space[i]]
        if words:
            first, last = doc[words[0]], doc[words[-1]]
            _add_sentence(Sentence(len(sentences), first.i, last.i + 1, first.idx, last.idx + len(last.text),
                                   paragraph), sentences, sent_of_token)
        return
    toks = [doc[i] for i in piece if not space[i]]

    def skipped(t) -> bool:  # type: ignore[no-untyped-def]
        return any(a < t.idx + len(t.text) and t.idx < b for a, b in spans)

    while toks and skipped(toks[0]):
        toks.pop(0)
    while toks and skipped(toks[-1]):
        toks.pop()
    if not toks or any(skipped(t) for t in toks):
        return
    start_char, end_char = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    _add_sentence(Sentence(len(sentences), toks[0].i, toks[-1].i + 1, start_char, end_char, paragraph),
                  sentences, sent_of_token)


def _add_sentence(sent: Sentence, sentences: list[Sentence], sent_of_token: list[int]) -> None:
    sentences.append(sent)
    for i in range(sent.start, sent.end):
        sent_of_token[i] = sent.index
