"""Quoted passages -> ``said`` facts, and the speaker for "I" and "we" inside them.

Quote marks are found on the characters, not the tokens: straight and curly
double quotes, and single quotes used as quote marks (an apostrophe inside a
word, "Ukraine’s", is not one).  A passage's speaker is the subject of the
speech verb it depends on ("'A,' she said", "X said Japan 'condemns' Y"),
else, for a passage standing as whole sentences, the speaker of the quote or
speech in the sentence before ("'A,' he said. 'B.'").  A passage with no
speech verb and no speaker before it (scare quotes) gives nothing.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.attrs import ORTH  # type: ignore[import-not-found]
from spacy.tokens import Doc, Token

from graph.model import EntityKind

from .context import Context, Quote, Ref, Sentence
from .entities import is_honorific
from .lexicon import (
    DOCUMENT_NOUNS,
    PLACE_ALIASES,
    SPEECH_VERBS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    alias_key,
)
from .verbs import agents_of

_OPENERS_BEFORE = set(" \t\n\r([{—–-\"“:;/")
_CLOSERS_AFTER = set(" \t\n\r.,;:!?)]}—–-\"”…")
#: Verbs that put words in someone's mouth without being verbs of saying:
#: "accused the network of 'swindling'", "justified the strike as 'defensive'";
#: and verbs of expressing whose quoted object is the subject's own words
#: ("expressed 'grave concern'", "gave its 'deepest sympathies'").
ATTRIBUTING_VERBS = frozenset({"accuse", "justify", "inform", "blame", "criticise", "criticize", "praise", "hail",
                               "defend", "brand", "characterise", "characterize", "dismiss", "denounce",
                               "express", "voice", "convey", "extend", "offer", "give", "refer"})
_QUOTING_VERBS = SPEECH_VERBS | ATTRIBUTING_VERBS | {"speak", "react"}
#: Verbs that introduce a passage only when finite: "X spoke on Fox News, '...'", "X reacted on Twitter, '...'"
#: (not "Speaking to PBS, he said '...'", where "said" does).
_FINITE_ONLY = frozenset({"speak", "react"})
#: Verbs by which a body puts out a document ("released a statement").
_ISSUING_VERBS = frozenset({"release", "issue", "publish", "post", "send", "put", "make"})
#: Short passages are fragments ("'a work in progress'"): less sure.
FRAGMENT_WORDS = 3


def find_quote_spans(text: str, apostrophes: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """Content spans (without the marks) of top-level quoted passages.

    ``apostrophes`` are offsets of marks the parser read as possessives
    ("the United States’ commitment"), which never close a quote.
    """
    doubles = _pair_doubles(text)
    singles = [s for s in _pair_singles(text, apostrophes) if not any(a <= s[0] < b for a, b in doubles)]
    return sorted(doubles + singles)


def _pair_doubles(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for i, ch in enumerate(text):
        if ch == "\n" and open_at is not None and text[i:i + 2] == "\n\n":
            spans.append((open_at, i))  # quote carried over into the next paragraph
            open_at = None
        elif ch == "“" or (ch == '"' and open_at is None and _can_open(text, i)):
            open_at = i + 1
        elif (ch == "”" or ch == '"') and open_at is not None:
            spans.append((open_at, i))
            open_at = None
    return [(a, b) for a, b in spans if b > a]


def _pair_singles(text: str, apostrophes: frozenset[int]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for i, ch in enumerate(text):
        if ch == "\n" and open_at is not None and text[i:i + 2] == "\n\n":
            if _starts_paragraph(text, open_at - 1):
                spans.append((open_at, i))
            open_at = None
        elif ch in "‘'" and open_at is None and _can_open(text, i):
            open_at = i + 1
        elif ch in "’'" and open_at is not None and _can_close(text, i) and i > open_at and i not in apostrophes \
                and not _proper_possessive(text, i):
            spans.append((open_at, i))
            open_at = None
    return spans


def _can_open(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before in _OPENERS_BEFORE and not after.isspace()


def _can_close(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and (after in _CLOSERS_AFTER)


def _proper_possessive(text: str, i: int) -> bool:
    """"the United States’ commitment ...,’": a capitalised word ending in s,
    a lower-case word after, and another closing mark later in the paragraph:
    the first mark is a possessive."""
    word = text[:i].rsplit(None, 1)[-1] if text[:i].strip() else ""
    if not (word[:1].isupper() and word.endswith("s") and text[i + 1:i + 3][:1] == " "
            and text[i + 2:i + 3].islower()):
        return False
    end = text.find("\n\n", i)
    rest = range(i + 1, end if end >= 0 else len(text))
    return any(text[j] in "’'" and _can_close(text, j) for j in rest)


def _starts_paragraph(text: str, i: int) -> bool:
    return i == 0 or text[max(0, i - 2):i].endswith("\n")


def tokens_spelt(doc: Doc, spellings: tuple[str, ...]) -> list[Token]:
    """Tokens written exactly so, found in spaCy's ORTH array (no ``Token`` built per word)."""
    wanted = {doc.vocab.strings.add(w) for w in spellings}
    return [doc[i] for i, h in enumerate(doc.to_array([ORTH]).tolist()) if h in wanted]


def find_quotes(ctx: Context) -> list[Quote]:
    """Every quoted passage in mined sentences, with its speaker when known."""
    text = ctx.article.text
    quotes: list[Quote] = []
    apostrophes = frozenset(t.idx for t in tokens_spelt(ctx.doc, ("’", "'")) if t.dep_ == "case" or t.tag_ == "POS")
    for start, end in find_quote_spans(text, apostrophes):
        toks = ctx.doc.char_span(start, end, alignment_mode="expand")
        if toks is None or len(toks) == 0 or not all(ctx.mined(t) for t in toks if not t.is_space):
            continue
        words = [t for t in toks if not t.is_space]
        if not words:
            continue
        first = ctx.sent_of_token[words[0].i]
        last = ctx.sent_of_token[words[-1].i]
        passage = text[start:end].strip().rstrip(",").strip()
        if _is_name(passage) or _NAMING.search(text, max(0, start - 40), start):
            continue
        quotes.append(Quote(start, end, passage, first, last))
    ctx.set_quotes(quotes)
    ctx.link_pronouns()
    events = _speech_events(ctx)
    for n, quote in enumerate(quotes):
        _attribute(ctx, quote, quotes[:n], events)
        _mark_speaker(ctx, quote)
    if any(q.speaker is None for q in quotes):
        ctx.link_pronouns()  # speakers now known make topics for "She credited ... she said"
        events = _speech_events(ctx)
        for n, quote in enumerate(quotes):
            if quote.speaker is None:
                _attribute(ctx, quote, quotes[:n], events)
                _mark_speaker(ctx, quote)
    quotes = _join_carried(text, quotes)
    return quotes + _nested_quotes(ctx, quotes, apostrophes)


def _join_carried(text: str, quotes: list[Quote]) -> list[Quote]:
    """A quote carried over paragraphs (an opening mark on each, the closing
    mark at the end) is one passage, said once, its paragraphs joined by a
    space. Its speaker is the one its attributed parts agree on; parts that
    name different speakers stay apart."""
    chains: list[list[Quote]] = []
    for quote in quotes:
        if chains and _carries_on(text, chains[-1][-1], quote):
            chains[-1].append(quote)
        else:
            chains.append([quote])
    return [q for chain in chains for q in _one_passage(chain)]


def _carries_on(text: str, before: Quote, after: Quote) -> bool:
    """``before`` ends its paragraph unclosed and ``after`` opens the next one."""
    return text[before.end_char:before.end_char + 1] == "\n" \
        and text[before.end_char:after.start_char].strip() in ("“", '"')


def _one_passage(chain: list[Quote]) -> list[Quote]:
    if len(chain) == 1:
        return chain
    named = [q for q in chain if q.speaker is not None and q.rule != "quote:continued"] \
        or [q for q in chain if q.speaker is not None]
    if not named or len({q.speaker for q in named}) > 1:
        return chain
    head = named[0]
    text = " ".join(q.text for q in chain)
    return [replace(head, start_char=chain[0].start_char, end_char=chain[-1].end_char, text=text,
                    first_sentence=chain[0].first_sentence, last_sentence=chain[-1].last_sentence)]


def _nested_quotes(ctx: Context, quotes: list[Quote], apostrophes: frozenset[int]) -> list[Quote]:
    """Quotes inside a quote: "I offered to resign and President Trump said,
    'Let's talk about it tomorrow.'" The inner passage is the inner speaker's,
    attributed only by a speech verb with a known subject right before it."""
    text = ctx.article.text
    found = []
    for outer in quotes:
        if outer.speaker is None:
            continue
        inner_text = text[outer.start_char:outer.end_char]
        for a, b in _pair_singles(inner_text, frozenset(x - outer.start_char for x in apostrophes)):
            start, end = outer.start_char + a, outer.start_char + b
            toks = ctx.doc.char_span(start, end, alignment_mode="expand")
            if toks is None or not len(toks):
                continue
            verb = _verb_before(ctx, toks[0], nested=True)
            agents = agents_of(ctx, verb) if verb is not None else []
            passage = text[start:end].strip().rstrip(",").strip()
            if verb is None or not agents or len(passage.split()) < 2 or _is_name(passage):
                continue
            first, last = ctx.sent_of_token[toks[0].i], ctx.sent_of_token[toks[-1].i]
            found.append(Quote(start, end, passage, first, last, speaker=agents[0].key, rule="quote:nested",
                               confidence=0.7 * agents[0].factor, verb=verb.i))
    return found



#: Words right before a quote that make it a name ("often referred to as 'The Lion Man'", "was called the
#: 'breadbasket'"), not words somebody said ("which Ross has referred to as 'gamesmanship'" is his).
_NAMING = re.compile(r"\b(?:(?:is|are|was|were|be|been|being)(?: \w+ly)? (?:called|dubbed|nicknamed|named)"
                     r"|(?<!has )(?<!had )(?<!have )(?:known|referred to|billed) as)(?: the| a| an)?\s*[\"“‘']$")
#: Words title case leaves in lower case.
_SMALL_WORDS = frozenset({"the", "and", "for", "nor", "but", "of", "to", "in", "on", "at", "by", "a", "an", "or"})


def _is_name(passage: str) -> bool:
    """"designated 'Year of the Girl Guide'", "the case 'Glawischnig-Piesczek vs.
    Facebook'": a short passage in title case with no sentence mark is a name
    or a title in quote marks, not words somebody said."""
    words = passage.split()
    long_words = [w for w in words if len(w.strip(".,;:!?'\"")) >= 3 and w.lower() not in _SMALL_WORDS]
    return 1 < len(words) <= 10 and len(long_words) >= 2 and all(w[:1].isupper() for w in long_words) \
        and not any(mark in passage for mark in ".!?")


def _mark_speaker(ctx: Context, quote: Quote) -> None:
    """A passage's speaker is who the text is about at its end, for pronouns after it."""
    if quote.speaker is None or ctx.index.kind(quote.speaker) is not EntityKind.PERSON:
        return
    toks = ctx.doc.char_span(quote.start_char, quote.end_char, alignment_mode="expand")
    if toks is not None and len(toks):
        ctx.add_person_ref(toks[-1].i, quote.speaker)


def _speech_events(ctx: Context) -> list[tuple[int, int, int, int]]:
    """(sentence, 0 for a root verb, token, speaker key) of every main-clause speech verb with a
    known agent ("X said ..."; not "..., where the ministry has said ...")."""
    out = []
    for tok in ctx.find_lemmas(SPEECH_VERBS):
        if tok.pos_ in ("VERB", "AUX") and ctx.quote_of(tok) is None and tok.dep_ in ("ROOT", "conj", "ccomp", "parataxis"):
            for ref in agents_of(ctx, tok)[:1]:
                out.append((ctx.sent_of_token[tok.i], 0 if tok.dep_ == "ROOT" else 1, tok.i, ref.key))
    return sorted(out)


def _attribute(ctx: Context, quote: Quote, before: list[Quote], events: list[tuple[int, int, int, int]]) -> None:
    verb = _speech_verb(ctx, quote)
    if verb is not None:
        speaker, rule, conf = _speaker_of(ctx, verb, quote, before, events)
        if speaker is not None:
            quote.speaker, quote.rule, quote.confidence = speaker, rule, conf
            quote.others = _co_speakers(ctx, verb, speaker)
            quote.addressee = _addressee(ctx, verb)
            quote.told = verb.lemma_.lower() == "tell"
            quote.verb = verb.i
            return
    for finder in (_according_to, _colon_speaker, _speaker_after):
        found = finder(ctx, quote)
        if found is not None:
            quote.speaker, quote.rule, quote.confidence, quote.verb = found
            return
    if not _whole_sentences(ctx, quote):
        return
    previous = [q for q in before if q.speaker is not None and quote.first_sentence - 1 <= q.last_sentence]
    if previous:
        quote.speaker, quote.rule, quote.confidence = previous[-1].speaker, "quote:continued", 0.75
        quote.addressee, quote.verb = previous[-1].addressee, previous[-1].verb
        return
    earlier = [(key, i) for sent, _, i, key in events if sent == quote.first_sentence - 1]
    if earlier and _ends_with_colon(ctx, quote.first_sentence - 1):
        quote.speaker, quote.rule, quote.confidence = earlier[-1][0], "quote:previous", 0.7
        quote.verb = earlier[-1][1]
    elif earlier and ctx.index.kind(earlier[-1][0]) is EntityKind.PERSON:
        quote.speaker, quote.rule, quote.confidence = earlier[-1][0], "quote:reported-before", 0.65
        quote.verb = earlier[-1][1]
    else:
        topic = _paragraph_topic_before(ctx, quote)
        if topic is not None:
            quote.speaker, quote.rule, quote.confidence = topic, "quote:topic-before", 0.6


def _paragraph_topic_before(ctx: Context, quote: Quote) -> int | None:
    """"Ms Bligh thanked the Prime Minister ...", then a paragraph that is
    only a quote: the person the paragraph before is about, when it names
    one person as its subject and no other person."""
    index = quote.first_sentence - 1
    if index < 0 or not _starts_paragraph(ctx.article.text, quote.start_char - 1):
        return None
    sent = ctx.sentences[index]
    if sent.paragraph == ctx.sentences[quote.first_sentence].paragraph:
        return None
    people = {k for i in range(sent.start, sent.end) for k in [ctx.index.key_at(i)]
              if k is not None and ctx.index.kind(k) is EntityKind.PERSON}
    root = next((t for t in ctx.doc[sent.start:sent.end] if t.dep_ == "ROOT"), None)
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None) if root is not None else None
    key = ctx.index.key_at(subj.i) if subj is not None else None
    return key if key is not None and people == {key} else None


def _speech_verb(ctx: Context, quote: Quote) -> Token | None:
    """The speech verb outside the passage that the passage depends on (or
    that depends on the passage, when the parser turned it round), in the
    passage's own paragraph: a parse that runs on over a paragraph break
    hangs a closing quote on the next paragraph's "said X"."""
    verb = _parsed_speech_verb(ctx, quote)
    if verb is None:
        return None
    text = ctx.article.text
    between = text[quote.end_char:verb.idx] if verb.idx >= quote.end_char else text[verb.idx:quote.start_char]
    return None if "\n" in between else verb


def _parsed_speech_verb(ctx: Context, quote: Quote) -> Token | None:
    toks = [t for t in ctx.doc.char_span(quote.start_char, quote.end_char, alignment_mode="expand") or ()]
    inside = {t.i for t in toks}
    for tok in toks:
        head = tok.head
        if head.i in inside or head.i == tok.i:
            for child in tok.children:
                if child.i not in inside and _quoting(child):
                    return child
            continue
        for _ in range(6):
            if _quoting(head) and head.i not in inside:
                return head
            if head.head.i == head.i:
                break
            head = head.head
    return _as_said(toks, inside) or (_verb_before(ctx, toks[0]) if toks else None)


def _as_said(toks: list[Token], inside: set[int]) -> Token | None:
    """"As President Ford said, he assumed office 'under extraordinary
    circumstances'", "'the gravest hour', as described by Curtin": a speech
    verb in an "as" clause on the clause that holds the passage."""
    for tok in toks[:1]:
        head = tok
        for _ in range(6):
            for child in head.children:
                if child.i not in inside and child.dep_ == "advcl" and _quoting(child) \
                        and any(m.dep_ == "mark" and m.lower_ == "as" for m in child.children) \
                        and any(c.dep_ == "nsubj" or c.dep_ == "agent" and any(p.pos_ == "PROPN" for p in c.children)
                                for c in child.children):
                    return child  # its own speaker: not "as expressed by him", left to the main clause's subject
            if head.head.i == head.i:
                break
            head = head.head
    return None


def _quoting(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    return lemma in _QUOTING_VERBS and tok.pos_ in ("VERB", "AUX") and (
        lemma not in _FINITE_ONLY or tok.tag_ in ("VBD", "VBZ", "VBP"))


def _verb_before(ctx: Context, first: Token, *, nested: bool = False) -> Token | None:
    """"..., she said, 'A'" parsed with the passage elsewhere: the speech verb
    right before the opening mark (only punctuation or a short adverbial
    phrase between) introduces it.  ``nested``: a quote inside a quote, whose
    verb is itself inside the outer passage and must stand right before it."""
    j = first.i - 1
    while j >= 0 and ctx.doc[j].is_punct and j >= first.i - 3:
        j -= 1
    if j < 0 or j == first.i - 1:
        return None
    tok = ctx.doc[j]
    if nested:
        return tok if tok.lemma_.lower() in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX") else None
    for _ in range(6):  # the verb itself, or the verb of adverbial phrases before the mark ("read, in part, '...'",
        # "saying earlier in the morning before the call, '...'")
        if tok.lemma_.lower() in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX") and ctx.quote_of(tok) is None:
            return tok
        if tok.head.i == tok.i or tok.head.i > first.i or tok.dep_ not in ("pobj", "prep", "advmod", "npadvmod"):
            return None
        tok = tok.head
    return None


def _speaker_of(ctx: Context, verb: Token, quote: Quote, before: list[Quote],
                events: list[tuple[int, int, int, int]]) -> tuple[int | None, str, float]:
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return None, "", 0.0  # "a process called 'exfiltration'": a name for a thing, nobody speaking
    fragment = len(quote.text.split()) <= FRAGMENT_WORDS
    where = "after" if verb.idx >= quote.end_char else "before"
    conf = 0.75 if fragment else 0.9
    if verb.lemma_.lower() in ATTRIBUTING_VERBS:
        where, conf = "attributed", conf * 0.85
    subjects = [t for t, _ in ctx.subjects(verb)]
    if subjects and subjects[0].lemma_.lower() in DOCUMENT_NOUNS:
        owner = _document_owner(ctx, subjects[0])
        if owner is not None:
            return owner, "quote:statement", conf * 0.9
        here = quote.first_sentence
        latest = max((sent for sent, *_ in events if here - 2 <= sent < here), default=None)
        issuers = [key for sent, _, _, key in events if sent == latest][:1]
        prior = [q.speaker for q in before if q.speaker is not None and q.last_sentence >= quote.first_sentence - 2]
        if issuers:
            return issuers[-1], "quote:statement", 0.7
        if prior:
            return prior[-1], "quote:statement", 0.65
        return None, "", 0.0
    quoted = _quoted_as_saying(ctx, verb)
    if quoted is not None:
        return quoted, f"quote:{where}", conf * 0.9
    agents = agents_of(ctx, _speaking_verb(verb))
    last_named = _person_ending_subject(ctx, verb, subjects)
    if last_named is not None and (not agents or agents[0].key != last_named):
        return last_named, f"quote:{where}", conf * 0.9
    if not agents:
        named = _titled_person_before(ctx, verb, None) if where == "after" else None
        return (named, f"quote:{where}", conf * 0.85) if named is not None else (None, "", 0.0)
    named = _person_in_inverted_subject(ctx, verb, agents[0].key) or _titled_person_before(ctx, verb, agents[0].key)
    if named is not None:
        return named, f"quote:{where}", conf * 0.9
    return agents[0].key, f"quote:{where}", conf * agents[0].factor


def _person_ending_subject(ctx: Context, verb: Token, subjects: list[Token]) -> int | None:
    """"Longtime Imus in the Morning writer and performer Rob Bartlett
    tweeted:": the parser may make an earlier word the subject and hang the
    name deep inside the subject phrase; a person named right before the verb,
    inside that phrase, is the one speaking."""
    if not subjects or verb.i == 0 or subjects[0].i > verb.i:
        return None
    key = ctx.index.key_at(verb.i - 1)
    if key is None or ctx.index.kind(key) is not EntityKind.PERSON or ctx.index.key_at(subjects[0].i) == key:
        return None
    if ctx.doc[verb.i - 1].dep_ not in ("conj", "appos"):
        return None  # "a spokesman for Senator Smith said": Smith is the one spoken for
    return key if subjects[0].left_edge.i <= verb.i - 1 <= subjects[0].right_edge.i else None


def _titled_person_before(ctx: Context, verb: Token, key: int | None) -> int | None:
    """"..., Caloundra coach Geoff Ingram said.": the parser may make the club
    the subject (``key``) and the title a preposition, or read the subject
    from inside the quote; a body, title words and a person's name right
    before the verb are the person speaking for the body."""
    if key is not None and ctx.index.kind(key) is EntityKind.PERSON or verb.i < 2:
        return None
    doc = ctx.doc
    apposed = doc[verb.i - 1].text == ","  # "The Institute's director, Dr. Anthony Fauci, said"
    end = verb.i - 2 if apposed else verb.i - 1
    person = ctx.index.key_at(end)
    if person is None or ctx.index.kind(person) is not EntityKind.PERSON:
        return None
    start = end
    while start > 0 and ctx.index.key_at(start - 1) == person:
        start -= 1
    if apposed:
        while start > 0 and is_honorific(doc[start - 1]):
            start -= 1
        if start < 3 or doc[start - 1].text != ",":
            return None
        start -= 1
    title = start
    while title > 0 and (doc[title - 1].lower_ in TITLE_HEADS or doc[title - 1].lower_ in TITLE_MODIFIERS):
        title -= 1
    if apposed and not (title < start and title > 1 and doc[title - 1].text in ("'s", "’s", "'", "’")):
        return None
    at = title - 1 - apposed
    body = ctx.index.key_at(at) if at >= 0 else None
    return person if title < start and body is not None and (key is None or body == key) else None


def _person_in_inverted_subject(ctx: Context, verb: Token, key: int) -> int | None:
    """"..., said University of California, San Diego's chancellor, Pradeep Khosla": after the verb, the
    parser may make the body the subject and hang the speaker deep inside it; the one person in apposition
    inside the subject is the speaker."""
    if ctx.index.kind(key) is EntityKind.PERSON:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i > verb.i), None)
    if subject is None:
        return None
    people = {k for t in subject.subtree if t.dep_ == "appos" for k in [ctx.index.key_at(t.i)]
              if k is not None and ctx.index.kind(k) is EntityKind.PERSON}  # ("Davis's": a place as possessor)
    return people.pop() if len(people) == 1 else None


def _quoted_as_saying(ctx: Context, verb: Token) -> int | None:
    """"Politico quoted Tim Manning as saying '...'", "cited X as saying": the
    speaker is who was quoted, not who quoted."""
    if verb.dep_ != "pcomp" or verb.head.lower_ != "as":
        return None
    holder = verb.head.head
    if holder.pos_ in ("VERB", "AUX"):  # "quoted X as saying", "X was quoted as saying"
        holder = next((c for c in holder.children if c.dep_ in ("dobj", "nsubjpass")), holder)
    if holder.pos_ in ("VERB", "AUX"):
        return None
    ref = ctx.agent(holder)
    return ref.key if ref is not None else None


def _co_speakers(ctx: Context, verb: Token, speaker: int) -> tuple[int, ...]:
    """The other members of a speaking group ("A and B said", "They concluded")."""
    speaking = _speaking_verb(verb)
    if _quoted_as_saying(ctx, verb) is not None:
        return ()  # who quoted is no speaker
    if any(ctx.quote_of(t) is not None for t, _ in ctx.subjects(speaking)):
        return ()  # a subject read from inside the passage is no speaker
    keys = [r.key for r in agents_of(ctx, speaking)]
    if keys and speaker in (_person_in_inverted_subject(ctx, verb, keys[0]), _titled_person_before(ctx, verb, keys[0])):
        return ()  # the body the speaker was read out of is no second speaker
    if _person_ending_subject(ctx, verb, [t for t, _ in ctx.subjects(verb)]) == speaker:
        return ()  # the word the parser made the subject is no second speaker
    return tuple(dict.fromkeys(k for k in keys if k != speaker))


def _according_to(ctx: Context, quote: Quote) -> tuple[int, str, float, int] | None:
    """"According to him, it was done with the help of 'honourable people'"."""
    for n in {quote.first_sentence, quote.last_sentence}:
        sent = ctx.sentences[n]
        for tok in ctx.doc[sent.start:sent.end]:
            if tok.lower_ == "according" and ctx.quote_of(tok) is None and tok.i + 2 < sent.end \
                    and ctx.doc[tok.i + 1].lower_ == "to":
                for obj in ctx.doc[tok.i + 1].children:
                    ref = ctx.agent(obj) if obj.dep_ == "pobj" else None
                    if ref is None and obj.dep_ == "pobj" and obj.lemma_.lower() in DOCUMENT_NOUNS:
                        owner = _document_owner(ctx, obj)  # "according to a tweet on Monday by X"
                        ref = Ref(owner) if owner is not None else None
                    if ref is not None:
                        return ref.key, "quote:according", 0.8 * ref.factor, tok.head.i
    return None


def _colon_speaker(ctx: Context, quote: Quote) -> tuple[int, str, float, int] | None:
    """"Bolsonaro opposed Macron's statement: '...'": a passage introduced by a
    colon is said by the subject of the clause before the colon."""
    text = ctx.article.text
    sent = ctx.sentences[quote.first_sentence]
    before = text[sent.start_char:quote.start_char].rstrip(" \"“‘'")
    if not before.endswith(":"):
        if quote.first_sentence == 0 or text[sent.start_char:quote.start_char].strip(" \"“‘'"):
            return None
        sent = ctx.sentences[quote.first_sentence - 1]  # the sentence before ends with the colon
        ending = text[sent.start_char:sent.end_char].rstrip()
        if not (ending.endswith(":") or ending.endswith(";") and "\n" in text[sent.end_char:quote.start_char]):
            return None  # ("Richard Marles the Federal Member for Corio believes;" as a paragraph: a colon mistyped)
        colon_char = sent.end_char - 1
    else:
        colon_char = sent.start_char + len(before) - 1
    colon = next((t for t in ctx.doc[sent.start:sent.end] if t.idx == colon_char), None)
    if colon is None:
        return None
    clause = colon.head if colon.head.i < colon.i else _clause_before_colon(ctx, sent.start, colon.i)
    if clause is None:
        return None
    agents: list = []
    for _ in range(5):  # the clause before the colon, else the verbs it hangs on ("X told Y [that ...]:")
        while clause.head.i != clause.i and clause.pos_ not in ("VERB", "AUX"):
            clause = clause.head
        agents = [a for a in (agents_of(ctx, clause) if clause.pos_ in ("VERB", "AUX") else [])
                  if ctx.index.kind(a.key) is not EntityKind.PLACE or alias_key(ctx.index.clusters[a.key].name)
                  in PLACE_ALIASES]  # a country may speak, a city named in passing not
        if agents or clause.head.i == clause.i:
            break
        clause = clause.head
    if not agents or ctx.modality(clause) == "none":
        return None
    person = _person_of_body(ctx, sent, agents[0].key)
    return agents[0].key if person is None else person, "quote:colon", 0.8 * agents[0].factor, clause.i


def _person_of_body(ctx: Context, sent: Sentence, body: int) -> int | None:
    """"Jo Anne Van Tilburg of the University of California, Los Angeles
    disagreed ...:" with the body parsed as the subject: the person the body
    is named after with "of" speaks for it."""
    if ctx.index.kind(body) is not EntityKind.ORGANIZATION:
        return None
    start = next((t.i for t in ctx.doc[sent.start:sent.end] if ctx.index.key_at(t.i) == body), None)
    if start is None:
        return None
    j = start - 1 - (start >= 1 and ctx.doc[start - 1].lower_ == "the")
    person = ctx.index.key_at(j - 1) if j >= 1 and ctx.doc[j].lower_ == "of" else None
    return person if person is not None and ctx.index.kind(person) is EntityKind.PERSON else None


def _clause_before_colon(ctx: Context, start: int, colon: int) -> Token | None:
    """The verb of the words before a colon that the parser hung on the quote
    after it: the quote's own subject ("Don loved ...") never speaks it."""
    heads = [t for t in ctx.doc[start:colon] if (t.head.i >= colon or t.head.i == t.i) and t.pos_ in ("VERB", "AUX")]
    return heads[-1] if heads else None


def _speaker_after(ctx: Context, quote: Quote) -> tuple[int, str, float, int] | None:
    """"'... in two days!' Macron told the world on Thursday": the sentence
    right after a closing mark is only a speech verb and its speaker."""
    if quote.last_sentence + 1 >= len(ctx.sentences) or not _whole_sentences(ctx, quote):
        return None
    nxt = ctx.sentences[quote.last_sentence + 1]
    gap = ctx.article.text[quote.end_char:nxt.start_char]
    if "\n" in gap or len(gap.strip(" \"”’'")) > 0:
        return None
    root = next((t for t in ctx.doc[nxt.start:nxt.end] if t.dep_ == "ROOT"), None)
    if root is None or root.lemma_.lower() not in SPEECH_VERBS or any(c.dep_ == "ccomp" for c in root.children):
        return None
    subjects = [c for c in root.children if c.dep_ == "nsubj" and c.i < root.i]
    agents = agents_of(ctx, root) if subjects else []
    if not agents:
        return None
    return agents[0].key, "quote:after-sentence", 0.8 * agents[0].factor, root.i


def _speaking_verb(verb: Token) -> Token:
    """"X said A, supports B and said C": a speech verb with no subject of its
    own speaks for the nearest speech verb above it that has one."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return verb
    tok = verb
    for _ in range(4):
        if tok.head.i == tok.i:
            break
        tok = tok.head
        if tok.lemma_.lower() in SPEECH_VERBS and any(c.dep_ == "nsubj" for c in tok.children):
            return tok
    return verb


def _document_owner(ctx: Context, noun: Token) -> int | None:
    """"Japan's statement said": the statement is Japan's; "Facebook released
    a statement which read": so is the statement its subject released; "a
    tweet by X" is X's."""
    for child in noun.children:
        if child.dep_ in ("poss", "compound") and child.i < noun.i:
            ref = ctx.actor(child)
            if ref is not None:
                return ref.key
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in _ISSUING_VERBS:
        agents = agents_of(ctx, noun.head)
        if agents:
            return agents[0].key
    for pobj in (p for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for p in c.children
                 if p.dep_ == "pobj"):  # "a tweet on Monday by X"
        ref = ctx.agent(pobj)
        if ref is not None:
            return ref.key
    return None


def _addressee(ctx: Context, verb: Token) -> int | None:
    if verb.lemma_.lower() not in ("tell", "ask", "assure", "inform", "remind"):
        return None
    doc = verb.doc
    for child in verb.children:
        if child.dep_ in ("dobj", "dative"):
            if child.i + 2 < len(doc) and doc[child.i + 1].is_quote and doc[child.i + 2].pos_ in ("VERB", "AUX"):
                continue  # "told MSNBC Cummings 'was a great man'": the name is the passage's subject
            ref = ctx.agent(child)
            if ref is not None:
                return ref.key
    return None


def _whole_sentences(ctx: Context, quote: Quote) -> bool:
    """The passage fills its sentences (only marks and spaces outside it)."""
    first = ctx.sentences[quote.first_sentence]
    last = ctx.sentences[quote.last_sentence]
    text = ctx.article.text
    outside = text[first.start_char:quote.start_char] + text[quote.end_char:last.end_char]
    return all(not ch.isalnum() for ch in outside)


def _ends_with_colon(ctx: Context, index: int) -> bool:
    if index < 0:
        return False
    sent = ctx.sentences[index]
    return ctx.article.text[sent.start_char:sent.end_char].rstrip().endswith(":")


def _official(ctx: Context, key: int) -> bool:
    """A person the document gives a title."""
    cluster = ctx.index.clusters[key]
    return cluster.kind is EntityKind.PERSON and bool(cluster.positions)


def emit_said(ctx: Context, quotes: list[Quote]) -> None:
    """One ``said`` fact per attributed passage, evidenced by its sentences."""
    for quote in quotes:
        if quote.speaker is None or not quote.text:
            continue
        first = ctx.sentences[quote.first_sentence]
        verb_sentence = quote.last_sentence
        last = ctx.sentences[max(verb_sentence, quote.last_sentence)]
        span = Sentence(first.index, first.start, last.end, first.start_char, max(first.end_char, last.end_char),
                        first.paragraph)
        anchor = ctx.doc[quote.verb] if quote.verb >= 0 else ctx.doc[first.start]  # its clause dates the quote
        ctx.add(quote.speaker, "said", quote.text, anchor, quote.rule, quote.confidence, sentence=span)
        for other in quote.others:
            ctx.add(other, "said", quote.text, anchor, quote.rule + ":group", quote.confidence * 0.9, sentence=span)
        if quote.told and quote.addressee is not None and _official(ctx, quote.speaker) \
                and _official(ctx, quote.addressee):
            # "'...,' Minister X told Minister Y": officials speaking to each
            # other's face, a conversation between them (not an interview).
            ctx.add(quote.speaker, "metWith", quote.addressee, anchor, "quote:told", 0.5, sentence=span)
