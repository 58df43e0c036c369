"""Titles and appositions -> ``holdsPosition`` and ``affiliatedWith``.

"U.S. Secretary of State Antony Blinken" gives the position "Secretary of
State" and the affiliation United States; "State Department spokesperson
Matthew Miller" gives "spokesperson" and the State Department; "his Russian
counterpart, Sergei Lavrov" gives Russia only.  The same analysis runs on
descriptions that the context resolved to a person ("the Japanese Prime
Minister").  Positions are collected first, because descriptions and
pronouns are resolved through them.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from graph.model import EntityKind

from .context import Context, Sentence, _is_description_head
from .lexicon import (
    DEMONYMS,
    GENERIC_PERSON_NOUNS,
    RELATIONAL_NOUNS,
    TITLE_HEADS,
    TITLE_KEEP_PREFIXES,
    TITLE_MODIFIERS,
    TITLE_OF_WORDS,
    alias_key,
)

_STOP_PUNCT = set(",;:()[]\"“”‘’—–")
_POSSESSIVE = {"'s", "’s", "’", "'"}


@dataclass(frozen=True)
class TitleFinding:
    """A person's title and/or affiliation, read at one token."""

    person: int
    title: str | None
    affiliation: int | None
    anchor: Token
    rule: str
    confidence: float


def collect_positions(ctx: Context) -> list[TitleFinding]:
    """Titles next to names and in appositions; each becomes a known position."""
    found: list[TitleFinding] = []
    for m in ctx.index.person_mentions():
        if not ctx.mined(ctx.doc[m.start]):
            continue
        head = ctx.doc[m.end - 1]
        prefix = _prefix_title(ctx, m.start)
        if prefix is not None:
            title, affiliation = prefix
            found.append(TitleFinding(m.key, title, affiliation, head, "title:prefix", 0.9))
        for np in _appositions(ctx, head):
            title, affiliation = _np_title(ctx, np)
            if title or affiliation is not None:
                found.append(TitleFinding(m.key, title, affiliation, head, "title:apposition", 0.8))
    for f in found:
        if f.title:
            ctx.index.clusters[f.person].add_position(f.title)
        if f.affiliation is not None:
            ctx.affiliations.setdefault(f.person, set()).add(f.affiliation)
    return found


def collect_descriptions(ctx: Context) -> list[TitleFinding]:
    """Titles of descriptions that stand for a named person ("the Japanese Prime Minister")."""
    found = []
    for tok in ctx.doc:
        if not ctx.mined(tok) or ctx.index.key_at(tok.i) is not None or not _is_description_head(tok):
            continue
        if tok.lower_ not in TITLE_HEADS or tok.lower_ in GENERIC_PERSON_NOUNS:
            continue  # "the senior official" names no position
        ref = ctx.description(tok)
        if ref is None:
            continue
        title, affiliation = _np_title(ctx, tok)
        if title or affiliation is not None:
            found.append(TitleFinding(ref.key, title, affiliation, tok, "title:description", 0.7))
    return found


def emit_title_facts(ctx: Context, findings: list[TitleFinding]) -> None:
    """One fact per person and title (a title contained in a longer one of
    the same person is dropped: "Secretary" beside "Secretary of State")."""
    titles: dict[int, dict[str, TitleFinding]] = {}
    for f in findings:
        if ctx.index.kind(f.person) is not EntityKind.PERSON:
            continue
        if f.title:
            titles.setdefault(f.person, {}).setdefault(_norm(f.title), f)
        if f.affiliation is not None and ctx.index.kind(f.affiliation) in (EntityKind.ORGANIZATION, EntityKind.PLACE):
            ctx.add(f.person, "affiliatedWith", f.affiliation, f.anchor, f.rule, f.confidence)
    for person, by_norm in titles.items():
        for norm, f in by_norm.items():
            words = set(norm.split())
            if any(words < set(other.split()) for other in by_norm if other != norm
                   and _same_keep(norm, other)):
                continue
            ctx.add(person, "holdsPosition", f.title or "", f.anchor, f.rule, f.confidence)


def _same_keep(a: str, b: str) -> bool:
    """"former President" is not contained in "President"; "Secretary" is in "Secretary of State"."""
    keep_a = set(a.split()) & TITLE_KEEP_PREFIXES
    keep_b = set(b.split()) & TITLE_KEEP_PREFIXES
    return keep_a == keep_b


def _norm(title: str) -> str:
    return " ".join(alias_key(title).split())


def _is_title_word(tok: Token) -> bool:
    return tok.lower_ in TITLE_HEADS or tok.lower_ in TITLE_MODIFIERS


def _prefix_title(ctx: Context, start: int) -> tuple[str | None, int | None] | None:
    """The title written right before a name, and the body it names."""
    doc = ctx.doc
    sent = ctx.sentence_of(doc[start])
    run: list[Token] = []
    j = start - 1
    while j >= sent.start:
        tok = doc[j]
        key = ctx.index.key_at(j)
        if tok.is_space or tok.text in _STOP_PUNCT or tok.lower_ in ("the", "a", "an"):
            break
        if key is not None:
            if ctx.index.kind(key) is EntityKind.PERSON:
                break
        elif not (_is_title_word(tok) or tok.lower_ in ("of", "and", "&") or tok.lower_ in DEMONYMS
                  or tok.text in _POSSESSIVE or tok.text == "-"):
            break
        run.insert(0, tok)
        j -= 1
    if run and run[-1].lower_ in ("of", "and", "&"):
        return None  # "the mayor of X": X is the place, not a titled name
    while run and (run[0].lower_ in ("of", "and", "&") or run[0].text in _POSSESSIVE):
        run.pop(0)
    if not any(t.lower_ in TITLE_HEADS and ctx.index.key_at(t.i) is None for t in run):
        return None
    return _split_run(ctx, run)


def _split_run(ctx: Context, run: list[Token]) -> tuple[str | None, int | None]:
    """[former][body words][title words] -> (title as written, body key)."""
    keep: list[Token] = []
    while run and run[0].lower_ in TITLE_KEEP_PREFIXES:
        keep.append(run.pop(0))
    if not any(t.lower_ in TITLE_HEADS for t in run):
        return None, None
    title, affiliation = _split_body(ctx, run)
    if title and keep:
        title = " ".join(t.text for t in keep) + " " + title
    return title, affiliation


def _split_body(ctx: Context, run: list[Token]) -> tuple[str | None, int | None]:
    first_title = next(i for i, t in enumerate(run) if ctx.index.key_at(t.i) is None and _is_title_word(t)
                       and t.lower_ not in DEMONYMS)
    bodies: list[tuple[int, int]] = []  # (key, first token position in run)
    for i, tok in enumerate(run[:first_title]):
        key = ctx.index.key_at(tok.i)
        if key is None and tok.lower_ in DEMONYMS:
            key = ctx.index.country(DEMONYMS[tok.lower_], tok.text)
        if key is not None and (not bodies or bodies[-1][0] != key):
            bodies.append((key, i))
    title_start = first_title
    affiliation = bodies[-1][0] if bodies else None
    if len(bodies) >= 2 and ctx.index.kind(bodies[-1][0]) is EntityKind.PLACE \
            and ctx.index.kind(bodies[-2][0]) is EntityKind.ORGANIZATION:
        affiliation, title_start = bodies[-2][0], bodies[-1][1]  # "U.N. Syria envoy"
    title_toks = run[title_start:]
    while title_toks and not _is_title_word(title_toks[-1]):
        title_toks.pop()
    if not title_toks:
        return None, affiliation
    text = ctx.doc[title_toks[0].i: title_toks[-1].i + 1].text
    return text, affiliation


def _appositions(ctx: Context, head: Token) -> list[Token]:
    """Title nouns in apposition to a name, either way round."""
    out = [c for c in head.children if c.dep_ == "appos" and _titled_np(c)]
    if head.dep_ == "appos" and _titled_np(head.head):
        out.append(head.head)
    return out


def _titled_np(tok: Token) -> bool:
    return (tok.lower_ in TITLE_HEADS or tok.lower_ in RELATIONAL_NOUNS) and tok.pos_ in ("NOUN", "PROPN")


def _np_title(ctx: Context, head: Token) -> tuple[str | None, int | None]:
    """Title and body of a title noun phrase ("Russia's foreign minister",
    "the U.S. secretary of state", "his Russian counterpart")."""
    affiliation: int | None = None
    title_start = head.i
    for child in head.lefts:
        key = ctx.index.key_at(child.i)
        if child.dep_ == "poss" and key is not None:
            affiliation = key
        elif child.dep_ in ("amod", "compound", "nmod"):
            if key is not None and ctx.index.kind(key) in (EntityKind.PLACE, EntityKind.ORGANIZATION):
                affiliation = key
            elif child.lower_ in DEMONYMS:
                affiliation = ctx.index.country(DEMONYMS[child.lower_], child.text)
            elif _is_title_word(child):
                title_start = min(title_start, child.i)
                title_start = _extend_left_title(ctx, child, title_start)
    title_end = head.i
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ != "pobj":
                    continue
                words = alias_key(ctx.doc[pobj.left_edge.i: pobj.i + 1].text)
                key = ctx.index.key_at(pobj.i)
                if words in TITLE_OF_WORDS:
                    title_end = pobj.i
                elif key is not None and ctx.index.kind(key) in (EntityKind.PLACE, EntityKind.ORGANIZATION):
                    affiliation = key
    if head.lower_ in RELATIONAL_NOUNS:
        return None, affiliation
    doc = ctx.doc
    while title_start >= 2 and doc[title_start - 1].text == "-" and _is_title_word(doc[title_start - 2]):
        title_start -= 2  # "vice-president"
    if title_start >= 1 and doc[title_start - 1].lower_ in TITLE_KEEP_PREFIXES:
        title_start -= 1  # "former vice-president"
    # keep "former" although it is an adjective
    for child in head.lefts:
        if child.lower_ in TITLE_KEEP_PREFIXES:
            title_start = min(title_start, child.i)
    return ctx.doc[title_start: title_end + 1].text, affiliation


def _extend_left_title(ctx: Context, tok: Token, start: int) -> int:
    for child in tok.lefts:
        if child.dep_ in ("amod", "compound") and _is_title_word(child) and ctx.index.key_at(child.i) is None \
                and child.lower_ not in DEMONYMS:
            start = min(start, child.i)
    return start


def sentence_span(ctx: Context, tok: Token) -> Sentence:
    return ctx.sentence_of(tok)
