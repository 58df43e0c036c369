"""What every rule family shares: sentences, reference resolution, modality, facts.

A ``Context`` wraps one parsed document.  Rules ask it who a token refers to
(a name, a pronoun, "the secretary", "Russia's war"), who the subject of a
verb is (following conjunctions, relative clauses and control verbs), whether
a clause is a fact, a plan or neither, and they hand it facts with the
sentence they were read from.  Everything here is a walk over a few tokens of
the dependency tree, so the whole extraction stays linear in document length.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.attrs import LEMMA, POS, TAG  # type: ignore[import-not-found]
from spacy.symbols import AUX, VERB  # type: ignore[import-not-found]
from spacy.tokens import Doc, Token

from graph.model import Article, EntityKind, Evidence, Fact

from .dates import resolve_date
from .entities import (
    HONORIFICS,
    POSTNOMINALS,
    EntityIndex,
    capital_country,
    is_honorific,
)
from .lexicon import (
    ACT_NOUNS,
    DEMONYMS,
    DOCUMENT_NOUNS,
    FIRST_PERSON,
    FUTURE_AUX,
    GENERIC_PERSON_NOUNS,
    GROUP_NOUNS,
    HEDGE_NOUNS,
    HYPOTHETICAL_AUX,
    IRREALIS_VERBS,
    NEGATING_PREPS,
    NEGATION_WORDS,
    OBJECT_CONTROL_VERBS,
    PEOPLE_NOUNS,
    PERSON_PRONOUNS,
    PLAN_ADJECTIVES,
    PLAN_VERBS,
    PLANNED_MODIFIERS,
    PLURAL_STYLES,
    PROMISE_NOUNS,
    PROMISE_VERBS,
    RANK_MODIFIERS,
    RECIPROCAL_VERBS,
    SECOND_PERSON,
    SPEECH_VERBS,
    STYLES,
    TITLE_HEADS,
    TITLE_KEEP_PREFIXES,
    TITLE_MODIFIERS,
    alias_key,
)

#: Dependencies through which a clause takes the date of the one above it.
_DATE_INHERITING = frozenset({"xcomp", "acl", "advcl", "dobj", "pobj", "prep", "oprd"})
AGENT_KINDS = frozenset({EntityKind.PERSON, EntityKind.ORGANIZATION, EntityKind.PLACE, EntityKind.GROUP})
_QUANTIFIERS = frozenset({"every", "each", "some", "any", "all", "many", "few", "no", "several", "most"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})
#: Nouns for a gathering whose "of" names its members ("an assembly of foreign ministers").
GATHERING_NOUNS = frozenset({"assembly", "gathering", "meeting", "group", "delegation", "coalition", "bloc"})
#: Words whose "from" names who said or asked them ("the claim from Berlin");
#: for most acts "from" names a source or a place ("aid from the U.S." is not the U.S.'s act).
_WORDS_FROM = frozenset({"claim", "claims", "accusation", "accusations", "allegation", "allegations",
                         "request", "demand", "demands", "call", "calls", "statement", "statements",
                         "remarks", "comments", "proposal", "appeal", "threat", "threats"})
#: How much a resolution step costs in confidence.
PRONOUN_FACTOR = 0.85
DESCRIPTION_FACTOR = 0.85
ACT_FACTOR = 0.9

FACT, FUTURE, NONE = "fact", "future", "none"
_VERB_POS = frozenset({VERB, AUX})
_VERB_TAGS = ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ")


@dataclass(frozen=True)
class Sentence:
    """A sentence as mined: token range, exact character range, paragraph."""

    index: int
    start: int
    end: int
    start_char: int
    end_char: int
    paragraph: int


@dataclass
class Quote:
    """A quoted passage: content offsets, text, speaker and addressee keys."""

    start_char: int
    end_char: int
    text: str
    first_sentence: int
    last_sentence: int
    speaker: int | None = None
    addressee: int | None = None
    rule: str = ""
    confidence: float = 0.0
    told: bool = False  # attributed with "told": the addressee heard it in person
    others: tuple[int, ...] = ()  # further speakers of a group quote ("They concluded ...")
    verb: int = -1  # token of the attributing verb: its clause dates the quote ("said on Tuesday")


@dataclass
class Ref:
    """A token resolved to an entity, with the confidence factor of the path."""

    key: int
    factor: float = 1.0


@dataclass
class Context:
    """One document under extraction."""

    doc: Doc
    article: Article
    index: EntityIndex
    sentences: list[Sentence]
    sent_of_token: list[int]
    quotes: list[Quote] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    person_refs: list[tuple[int, int, bool]] = field(default_factory=list)  # (token, key, is_subject)
    affiliations: dict[int, set[int]] = field(default_factory=dict)  # person -> bodies named with a title
    attack_doer: int | None = None  # the one doer who claimed or carried out "the attack" (attacks.py)
    claimed_doers: frozenset[int] | None = None  # every such doer, found once per document
    welcomed_to: dict[int, int] = field(default_factory=dict)  # guest -> the place "welcomed ... to" (verbs.py)
    _quote_of_token: list[int] = field(default_factory=list)
    _seen: set[tuple[int, str, int | str, int]] = field(default_factory=set)
    _lemma: list[int] | None = None
    _by_lower: dict[int, list[int]] | None = None
    _by_lemma: dict[int, list[int]] | None = None
    _verbish: list[bool] | None = None
    _speaker_refs: set[int] = field(default_factory=set)  # person refs that mark a quote's speaker

    # -- sentences and quotes ------------------------------------------------
    def sentence_of(self, tok: Token) -> Sentence:
        return self.sentences[self.sent_of_token[tok.i]]

    def mined(self, tok: Token) -> bool:
        """Whether the token lies in a sentence that may be mined."""
        return self.sent_of_token[tok.i] >= 0

    def set_quotes(self, quotes: list[Quote]) -> None:
        self.quotes = quotes
        marks = [-1] * len(self.doc)
        for n, q in enumerate(quotes):
            for tok in self.doc.char_span(q.start_char, q.end_char, alignment_mode="expand") or ():
                marks[tok.i] = n
        self._quote_of_token = marks

    def quote_of(self, tok: Token) -> Quote | None:
        if not self._quote_of_token:
            return None
        n = self._quote_of_token[tok.i]
        return None if n < 0 else self.quotes[n]

    def find(self, words: frozenset[str] | set[str] | tuple[str, ...]) -> list[Token]:
        """Mined tokens whose lower-case form is one of ``words``, in text order.

        The document's LOWER hashes are read once from spaCy's array into an
        index from hash to positions, so the rules that look for a few words
        ("as", pronouns, title nouns) build a ``Token`` for those words only and
        never walk the whole text again."""
        if self._by_lower is None:
            self._by_lower = _positions(self._lowers())
        return self._tokens_at(self._by_lower, _hashes(self.doc, words))

    def find_lemmas(self, lemmas: frozenset[str] | set[str]) -> list[Token]:
        """Mined tokens whose lemma is one of ``lemmas`` (lower case), in text order."""
        if self._by_lemma is None:
            self._by_lemma = _positions(self._lemmas())
        return self._tokens_at(self._by_lemma, _hashes(self.doc, lemmas, capitalised=True))

    def _lowers(self) -> list[int]:
        """The document's LOWER hashes, read from spaCy's array once (by the entity index)."""
        return self.index.lowers

    def _lemmas(self) -> list[int]:
        """The document's LEMMA hashes, read from spaCy's array once."""
        if self._lemma is None:
            self._lemma = self.doc.to_array([LEMMA]).tolist()
        return self._lemma

    def _tokens_at(self, index: dict[int, list[int]], hashes: frozenset[int]) -> list[Token]:
        found = sorted(i for h in hashes for i in index.get(h, ()))
        return [self.doc[i] for i in found if self.sent_of_token[i] >= 0]

    def verbs_in(self, sent: Sentence) -> list[Token]:
        """The sentence's verbs (a verb or auxiliary part of speech, or a VB*
        tag), read from spaCy's arrays: no ``Token`` for the other words."""
        if self._verbish is None:
            pos, tags = self.doc.to_array([POS, TAG]).T.tolist()
            wanted = _hashes(self.doc, _VERB_TAGS)
            self._verbish = [p in _VERB_POS or t in wanted for p, t in zip(pos, tags)]
        return [self.doc[i] for i in range(sent.start, sent.end) if self._verbish[i]]

    def words_in(self, sent: Sentence, lowers: frozenset[str], lemmas: frozenset[str] = frozenset()) -> list[Token]:
        """The sentence's tokens whose lower-case form (or lemma) is one of the given words."""
        wanted, by_lemma = _hashes(self.doc, lowers), _hashes(self.doc, lemmas, capitalised=True)
        lower, lemma = self._lowers(), self._lemmas()
        return [self.doc[i] for i in range(sent.start, sent.end) if lower[i] in wanted or lemma[i] in by_lemma]

    # -- references ------------------------------------------------------------
    def refer(self, tok: Token, *, act: bool = False) -> Ref | None:
        """The entity a token names or stands for, if any.

        ``act`` lets an act or a possession stand for its agent ("Russia's
        war", "U.S. efforts", "the people of Gaza"), as RELATIONS.md asks for
        relations between agents.
        """
        if any(c.dep_ == "det" and c.lower_ in _QUANTIFIERS for c in tok.children):
            return None  # "every Democrat", "some Americans": nobody in particular
        if tok.tag_ in ("NNS", "NNPS") and any(c.dep_ == "nummod" or c.lower_ in ("other", "many", "some")
                                               for c in tok.children):
            return None  # "nine Australians", "other Republicans": people, not their state or party
        if tok.tag_ in ("NNS", "NNPS") and any(c.dep_ == "relcl" and any(g.lower_ == "who" for g in c.children)
                                               for c in tok.children):
            return None  # "Australians who were injured": some people, not the nation
        key = self.index.key_at(tok.i)
        if key is not None and self.index.kind(key) is not EntityKind.PERSON and any(
                c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children):
            named = self._apposed_person(tok)
            if named is not None:  # "a Republican, Mark Amodei, said": the person, not the party
                return Ref(named)
        if key is None and tok.text in POSTNOMINALS:
            key = self._name_before_letters(tok)
        if key is not None and self.index.kind(key) is not EntityKind.PERSON:
            titled = self._titled_person_after(key, tok)
            if titled is not None:  # "African Export-Import Bank president Okey Oramah said": the parser made the bank the head
                return Ref(titled)
        if key is not None and act and self.index.kind(key) is EntityKind.EVENT \
                and any(c.dep_ == "amod" and c.lower_ in ("led", "launched") for c in tok.children):
            led = self._act_agent(tok)  # "the United States-led Iraq War": a named war stands for who leads it
            if led is not None:
                return led
        if key is not None:
            return Ref(key)
        lower = tok.lower_
        if lower in TITLE_HEADS and tok.dep_ in ("nsubj", "nsubjpass"):
            named = self.person_after_title(tok)
            if named is not None:  # "President of Ukraine Volodymyr Zelenskyy said", the title parsed as head
                return Ref(named)
        if tok.pos_ == "PRON" or lower in PERSON_PRONOUNS or lower in FIRST_PERSON or lower in SECOND_PERSON:
            return self._pronoun(tok)
        if lower in DEMONYMS:
            return Ref(self.index.country(DEMONYMS[lower], tok.text), DESCRIPTION_FACTOR)
        if tok.ent_type_ == "NORP":
            span = _ent_span(tok)  # "North Korean", "South African": the demonym is the whole span
            if span is not None and span.lower() in DEMONYMS:
                return Ref(self.index.country(DEMONYMS[span.lower()], span), DESCRIPTION_FACTOR)
        if tok.pos_ in ("NOUN", "PROPN"):
            desc = self.description(tok)
            if desc is not None:
                return desc
        if tok.pos_ in ("NOUN", "PROPN", "NUM"):
            named = _named_in_apposition(self, tok)
            if named is not None:  # "Dunn's mother, Charlotte Charles, said", "One of the authors, X, told"
                return Ref(named, DESCRIPTION_FACTOR)
        if (tok.tag_ == "NNS" or lower == "militia") and lower in _MEMBERS_OF_BODY:
            for c in tok.children:  # "Houthi rebels", "Taliban fighters": the body acting
                key = self.index.key_at(c.i) if c.dep_ == "compound" else None
                if key is not None and self.index.kind(key) is EntityKind.ORGANIZATION:
                    return Ref(key, DESCRIPTION_FACTOR)
        if tok.pos_ == "NOUN" and tok.tag_ == "NN":
            body = self._body_description(tok)
            if body is not None:
                return body
        if act and (tok.lemma_.lower() in ACT_NOUNS or lower in ACT_NOUNS or lower in PEOPLE_NOUNS):
            found = self._act_agent(tok)
            if found is not None:
                return found
        if act and tok.pos_ in ("NOUN", "PROPN"):
            by = self._by_agent(tok)
            if by is None and self.attack_doer is not None and _the_attack(tok) and not _is_subject(tok):
                return Ref(self.attack_doer, ACT_FACTOR * DESCRIPTION_FACTOR)  # "condemned the attack"
            return by
        return None

    def _apposed_person(self, tok: Token) -> int | None:
        return next((self.index.key_at(c.i) for c in tok.children if c.dep_ == "appos" and self._is_person(c)), None)

    def _body_description(self, tok: Token) -> Ref | None:
        """"the embassy" -> the one organisation named before whose name has
        that word ("the US Embassy in London"); none if two such bodies."""
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) or any(
                c.dep_ in ("amod", "compound", "poss", "nmod") for c in tok.children):
            return None
        word = tok.lower_
        found = {m.key for m in self.index.mentions if m.end <= tok.i
                 and self.index.kind(m.key) is EntityKind.ORGANIZATION
                 and self.doc[m.start:m.end].root.lower_ == word}  # head word: not "the police" for "Police X Command"
        return Ref(found.pop(), DESCRIPTION_FACTOR * 0.9) if len(found) == 1 else None

    def _by_agent(self, tok: Token) -> Ref | None:
        """The doer an act names with "by": "the firing of rockets by Hamas",
        "myths created by X" -> Hamas, X (act of Y stands for Y)."""
        heads = [tok] + [c for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN"]
        if tok.dep_ == "dobj" and not any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.head.children):
            heads.append(tok.head)  # "condemned the firing of rockets ... by X", the "by" hung on the verb
        for head in heads:
            for prep in head.children:
                if prep.dep_ in ("prep", "agent") and prep.lower_ == "by":
                    for pobj in prep.children:
                        ref = self.agent(pobj) if pobj.dep_ == "pobj" else None
                        if ref is not None:
                            return Ref(ref.key, ref.factor * ACT_FACTOR)
        return None

    def _act_agent(self, tok: Token) -> Ref | None:
        """"Russia's war" -> Russia; "the diplomatic efforts of the U.S." -> U.S.;
        "the US-led invasion" -> the US, who leads it."""
        for child in tok.children:
            if child.dep_ == "amod" and child.lower_ in ("led", "launched") and child.i >= 2 \
                    and self.doc[child.i - 1].text == "-" and child.i < tok.i:
                ref = self.refer(self.doc[child.i - 2])
                if ref is not None and self.index.kind(ref.key) in AGENT_KINDS:
                    return Ref(ref.key, ref.factor * ACT_FACTOR)
            if child.dep_ in ("poss", "compound", "nmod", "amod") and child.i < tok.i:
                ref = self.refer(child)
                if ref is not None and self.index.kind(ref.key) in AGENT_KINDS:
                    return Ref(ref.key, ref.factor * ACT_FACTOR)
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        ref = self.refer(pobj, act=True)
                        if ref is not None:
                            return Ref(ref.key, ref.factor * ACT_FACTOR)
        if tok.lower_ in _WORDS_FROM:
            for child in tok.children:  # "the claim from Berlin", "a request from Iraq": who made it
                if child.dep_ == "prep" and child.lower_ == "from":
                    for pobj in child.children:
                        ref = self.refer(pobj) if pobj.dep_ == "pobj" else None
                        if ref is not None and self.index.kind(ref.key) in AGENT_KINDS:
                            return Ref(ref.key, ref.factor * ACT_FACTOR)
        return None

    def _pronoun(self, tok: Token) -> Ref | None:
        lower = tok.lower_
        quote = self.quote_of(tok)
        if lower in FIRST_PERSON:
            if quote is not None and quote.speaker is not None:
                return Ref(quote.speaker, PRONOUN_FACTOR)
            return None
        if lower in SECOND_PERSON:
            return self._addressee(tok, quote)
        if lower in PERSON_PRONOUNS:
            key = self.antecedent(tok)
            return None if key is None else Ref(key, PRONOUN_FACTOR)
        if lower == "its" and tok.dep_ == "poss":
            return self._credited_object(tok) or self._own_clause_body(tok)
        if lower == "it" and tok.dep_ in ("nsubj", "nsubjpass"):
            return self._reporting_body(tok)
        return None

    def _reporting_body(self, tok: Token) -> Ref | None:
        """"Poland said it stands with Ukraine", "the ministry announced it would
        send aid": "it" as the subject of a reported clause is the body or
        country that reports it (a person is never "it")."""
        clause = tok.head
        if clause.dep_ != "ccomp" or clause.head.pos_ not in ("VERB", "AUX"):
            return None
        for subj, factor in self.subjects(clause.head):
            if subj.i >= tok.i:
                continue
            ref = self.refer(subj)
            if ref is not None and self.index.kind(ref.key) in (EntityKind.ORGANIZATION, EntityKind.PLACE):
                return Ref(ref.key, PRONOUN_FACTOR * factor * ref.factor)
            return None
        return None

    def _own_clause_body(self, tok: Token) -> Ref | None:
        """"Norway reaffirmed its commitment to Y": "its" is the body or country
        that is the subject of its own clause (a person is never "its")."""
        node = tok.head
        for _ in range(6):
            if node.pos_ in ("VERB", "AUX"):
                break
            if node.head.i == node.i:
                return None
            node = node.head
        else:
            return None
        for subj, factor in self.subjects(node):
            if subj.i >= tok.i or subj.lower_ in ("its", "it"):
                continue
            key = self.index.key_at(subj.i)
            if key is not None and self.index.kind(key) in (EntityKind.ORGANIZATION, EntityKind.PLACE):
                return Ref(key, PRONOUN_FACTOR * factor)
            return None
        return None

    def _credited_object(self, tok: Token) -> Ref | None:
        """"thanked Mozambique for its support", "blamed Iran for its role":
        "its" in the verb's "for" phrase is the verb's object."""
        node = tok.head
        for _ in range(6):
            if node.dep_ == "prep" and node.lower_ == "for" and node.head.pos_ == "VERB":
                objs = [c for c in node.head.children if c.dep_ == "dobj" and c.i < tok.i]
                ref = self.agent(objs[0]) if objs else None
                return Ref(ref.key, ref.factor * PRONOUN_FACTOR) if ref is not None else None
            if node.head.i == node.i:
                return None
            node = node.head
        return None

    def _addressee(self, tok: Token, quote: Quote | None) -> Ref | None:
        """"You" in a quote: whom the speaker told, or whom the speaker's
        previous fact was about (the quote before addressed them)."""
        if quote is None or quote.speaker is None:
            return None
        if quote.addressee is not None:
            return Ref(quote.addressee, PRONOUN_FACTOR)
        current = self.sent_of_token[tok.i]
        for fact in reversed(self.facts):
            sent = self._sentence_at_char(fact.evidence.start_char)
            if sent is None or sent.index < current - 1:
                break
            if fact.subject == quote.speaker and isinstance(fact.obj, int) and sent.index < current:
                return Ref(fact.obj, PRONOUN_FACTOR * 0.8)
        return None

    def sentence_at_char(self, char: int) -> Sentence | None:
        """The mined sentence holding a character offset (a fact's evidence)."""
        return self._sentence_at_char(char)

    def _sentence_at_char(self, char: int) -> Sentence | None:
        for sent in self.sentences:
            if sent.start_char <= char < sent.end_char:
                return sent
        return None

    def speaks_for(self, person: int, owners: set[int]) -> bool:
        """Whether a person may voice the stance of ``owners``: no state the
        document ties the person to, or one of them among the owners."""
        states = {a for a in self.affiliations.get(person, set()) if self.index.kind(a) is EntityKind.PLACE}
        return not states or bool(states & owners)

    def antecedent(self, tok: Token) -> int | None:
        """The person a he/she/his/her refers to: the latest subject that is a
        person in this sentence (before the pronoun) or the two before, else
        the latest person named there."""
        here = self.sent_of_token[tok.i]
        reason = self._reason_object(tok)
        if reason is not None:
            return reason
        window = self._recent_refs(tok.i, here - 2, outside_quotes=self.quote_of(tok) is None)
        if tok.lower_ in ("him", "her") and tok.dep_ in ("dobj", "dative"):
            # "X will accompany him": an object pronoun is not its own clause's subject
            own = {t.i for c in tok.head.children if c.dep_ == "nsubj" for t in c.subtree}
            own_keys = {self.index.key_at(t.i) for t, _ in self.subjects(tok.head)} - {None}
            window = [r for r in window if r[0] not in own and r[1] not in own_keys]  # nor an inherited one
        if tok.dep_ in ("nsubj", "nsubjpass"):  # "Speaking to Martin Smith of PBS, he said": never Smith
            window = [r for r in window if self.sent_of_token[r[0]] != here or r[2] or self.doc[r[0]].dep_ == "poss"]
        if not window:
            return None
        same = [r for r in window if self.sent_of_token[r[0]] == here
                and (r[2] or self.doc[r[0]].dep_ == "poss")]  # not an object: "Speaking to X, he said"
        pool = same or window  # "It will be Cameron's second visit and he will ...": this sentence's person first
        subjects = [r for r in pool if r[2]]
        if not same and subjects:  # "X agreed to a deal in which Y became premier. 'Only God ...,' he declared": X
            last = self.sent_of_token[subjects[-1][0]]
            main = [r for r in subjects if self.sent_of_token[r[0]] == last and not _in_relative(self.doc[r[0]])]
            subjects = main or subjects
        pick = subjects[-1] if subjects else pool[-1]
        return pick[1]

    def add_person_ref(self, i: int, key: int, subject: bool = True) -> None:
        """Note that token ``i`` refers to person ``key`` (a quote's speaker)."""
        if all(r[0] != i for r in self.person_refs):
            bisect.insort(self.person_refs, (i, key, subject))
            self._speaker_refs.add(i)

    def link_pronouns(self) -> None:
        """Resolve he/she/his/her outside quotes in text order and add each to
        the person references, so that a chain of pronouns ("Cengiz spoke.
        She credited ... she said") reaches back past the two-sentence window."""
        refs = list(self.person_refs)
        known = {r[0] for r in refs}
        for tok in self.find(PERSON_PRONOUNS):
            if tok.i in known or self.quote_of(tok) is not None:
                continue
            self.person_refs = refs
            key = self.antecedent(tok)
            if key is not None:
                bisect.insort(refs, (tok.i, key, _is_subject(tok)))
        self.person_refs = refs

    def _recent_refs(self, before: int, first_sentence: int, outside_quotes: bool = False) -> list[tuple[int, int, bool]]:
        """Person references before token ``before`` in sentences from
        ``first_sentence`` on, in text order; a binary search and a short walk
        back, so resolving every pronoun of a long text stays cheap."""
        out = []
        n = bisect.bisect_left(self.person_refs, (before,))
        while n > 0:
            n -= 1
            ref = self.person_refs[n]
            sent = self.sent_of_token[ref[0]]
            if sent < 0:
                continue
            if sent < first_sentence:
                break
            if outside_quotes and ref[0] not in self._speaker_refs and self.quote_of(self.doc[ref[0]]) is not None:
                continue  # a name inside a quote is no antecedent for a pronoun outside it (its speaker is)
            out.append(ref)
        out.reverse()
        return out

    def _reason_object(self, tok: Token) -> int | None:
        """"X thanked Y for his service": a possessive in the "for" phrase of a
        verb with a person as object is that person's."""
        if tok.dep_ != "poss":
            return None
        node = tok.head
        for _ in range(8):
            if node.dep_ == "prep" and node.lower_ == "for" and node.head.pos_ == "VERB":
                for obj in node.head.children:
                    if obj.dep_ == "dobj" and obj.i < tok.i:
                        key = self.index.key_at(obj.i)
                        if key is not None and self.index.kind(key) is EntityKind.PERSON:
                            return key
                return None
            if node.head.i == node.i:
                return None
            node = node.head
        return None

    def _sent_index(self, i: int) -> int:
        n = self.sent_of_token[i]
        return n if n >= 0 else -10

    def description(self, tok: Token) -> Ref | None:
        """"the secretary", "the Japanese Prime Minister", "the senior official"
        -> the person the document gives that title (or, for a generic
        description, the person just named)."""
        if self.index.key_at(tok.i) is not None or not _is_description_head(tok):
            return None
        named = _named_in_apposition(self, tok)
        if named is not None:
            return Ref(named)
        if self.title_before_name(tok):
            return None  # "assistant coach Ben Radmall", "US Secretary of State Mike Pompeo": a title before a name
        if any(c.dep_ == "poss" and self._is_person(c) for c in tok.children):
            return None  # "Hagan's former spokeswoman": somebody else than Hagan
        words = title_words(tok)
        if tok.lower_ in GENERIC_PERSON_NOUNS and not (set(words) & (TITLE_HEADS - GENERIC_PERSON_NOUNS)):
            return self._generic(tok)
        body = self._description_body(tok)
        candidates = []
        for cluster in self.index.clusters:
            if cluster.kind is EntityKind.PERSON and any(_titles_match(words, p) for p in cluster.positions):
                known = self.affiliations.get(cluster.key, set())
                if body is None or not known or body in known:
                    candidates.append(cluster.key)
        if not candidates:
            return None
        if len(candidates) == 1:
            return Ref(candidates[0], DESCRIPTION_FACTOR)
        before = [r for r in self.person_refs if r[0] < tok.i and r[1] in candidates]
        return Ref(before[-1][1], DESCRIPTION_FACTOR * 0.9) if before else None

    def _is_person(self, tok: Token) -> bool:
        key = self.index.key_at(tok.i)
        return key is not None and self.index.kind(key) is EntityKind.PERSON

    def title_before_name(self, tok: Token) -> bool:
        """Whether the title words at ``tok`` run on into a person's name."""
        j = self._past_title(tok.i)
        key = self.index.key_at(j) if j < len(self.doc) else None
        if key is None:
            return False
        return j == tok.i + 1 or self.index.kind(key) is EntityKind.PERSON

    def person_after_title(self, tok: Token) -> int | None:
        """The person whose name the title words at ``tok`` run into, if any."""
        j = self._past_title(tok.i)
        key = self.index.key_at(j) if j < len(self.doc) else None
        return key if key is not None and self.index.kind(key) is EntityKind.PERSON else None

    def _past_title(self, i: int) -> int:
        j = i + 1
        while j < len(self.doc) and j <= i + 6 and (
                self.doc[j].lower_ in ("of", "the", "for", "to") or self.doc[j].lower_ in TITLE_HEADS
                or self.doc[j].lower_ in TITLE_MODIFIERS or self._body_at(j, i) or self._second_title_at(j)):
            j += 1
        return j

    def _second_title_at(self, j: int) -> bool:
        """"Deputy Prime Minister and Treasurer Wayne Swan": "and" joins a
        second capitalised title of the same name."""
        nxt = self.doc[j + 1] if j + 1 < len(self.doc) else None
        return self.doc[j].lower_ == "and" and nxt is not None and nxt.text[:1].isupper() \
            and (nxt.lower_ in TITLE_HEADS or nxt.lower_ in TITLE_MODIFIERS)

    def _titled_person_after(self, key: int, tok: Token) -> int | None:
        """A body named as part of a person's title ("Bank president Okey Oramah"):
        the person, when the body's name runs straight into title words, then the name."""
        end = self.index.last_of(tok.i)
        if end + 1 >= len(self.doc) or self.doc[end + 1].lower_ not in TITLE_HEADS:
            return None
        j = end + 1
        while j < len(self.doc) and j <= end + 4 and (
                self.doc[j].lower_ in TITLE_HEADS or self.doc[j].lower_ in TITLE_MODIFIERS):
            j += 1
        person = self.index.key_at(j) if j < len(self.doc) else None
        if person is None or self.index.kind(person) is not EntityKind.PERSON:
            return None
        if not any(c.dep_ == "appos" and self.index.key_at(c.i) == person for c in tok.subtree):
            return None  # the parse must also tie the name to this phrase
        return person

    def _body_at(self, j: int, start: int) -> bool:
        """A place or body inside a title's "of" phrase ("Premier of Tasmania X")."""
        key = self.index.key_at(j)
        return key is not None and j > start + 1 and self.index.kind(key) is not EntityKind.PERSON

    def titled_holder(self, tok: Token) -> Ref | None:
        """"the first visit to Australia by a President of Lebanon": the one
        person the document gives that title for that body (the body is
        required: "a president" alone could be anyone)."""
        if tok.lower_ not in TITLE_HEADS or self.index.key_at(tok.i) is not None:
            return None
        body = self._description_body(tok)
        for prep in tok.children:
            for pobj in prep.children if prep.dep_ == "prep" and prep.lower_ == "of" else ():
                body = self.index.key_at(pobj.i) if body is None else body
        if body is None:
            return None
        words = title_words(tok)
        found = [c.key for c in self.index.clusters if c.kind is EntityKind.PERSON
                 and any(_titles_match(words, p) for p in c.positions)
                 and body in self.affiliations.get(c.key, {body})]  # a president of nowhere known may be it
        return Ref(found[0], DESCRIPTION_FACTOR) if len(found) == 1 else None

    def _description_body(self, tok: Token) -> int | None:
        """The body a description names ("the U.S. President" -> United States):
        a person titled for another body is not meant."""
        for child in tok.children:
            if child.dep_ in ("poss", "compound", "nmod", "amod") and child.i < tok.i:
                key = self.index.key_at(child.i)
                if key is None and child.lower_ in DEMONYMS:
                    key = self.index.country(DEMONYMS[child.lower_], child.text)
                if key is not None:
                    return key
        return None

    def _generic(self, tok: Token) -> Ref | None:
        here = self.sent_of_token[tok.i]
        window = self._recent_refs(tok.i, here - 1)
        return Ref(window[-1][1], DESCRIPTION_FACTOR * 0.8) if window else None

    def index_person_refs(self) -> None:
        """Every token naming a person, by name or by title, in text order."""
        refs = []
        for m in self.index.person_mentions():
            head = self.doc[m.end - 1]
            refs.append((m.end - 1, m.key, _is_subject(head)))
        self.person_refs = sorted(refs)
        described = []
        for tok in self.find(TITLE_HEADS | GENERIC_PERSON_NOUNS):
            if _is_description_head(tok) and self.index.key_at(tok.i) is None:
                ref = self.description(tok)
                if ref is not None:
                    described.append((tok.i, ref.key, _is_subject(tok)))
        self.person_refs = sorted(refs + described)

    def _name_before_letters(self, tok: Token) -> int | None:
        """"Quentin Bryce AC CVO visited": the parser heads the name with its
        last post-nominal letters; the name they follow is the referent."""
        for child in tok.children:
            if child.dep_ == "compound" and child.i < tok.i:
                key = self.index.key_at(child.i)
                if key is None and child.text in POSTNOMINALS:
                    key = self._name_before_letters(child)
                if key is not None:
                    return key
        return None

    def agent(self, tok: Token, *, act: bool = False) -> Ref | None:
        """``refer`` limited to agents; a capital acting is its country."""
        ref = self.refer(tok, act=act)
        if ref is None or self.index.kind(ref.key) not in AGENT_KINDS:
            return None
        return ref

    def as_country(self, ref: Ref, tok: Token) -> Ref:
        """A capital named as the one acted on stands for its country ("blamed Tehran")."""
        if self.index.kind(ref.key) is not EntityKind.PLACE:
            return ref
        country = capital_country(self.index.clusters[ref.key].name)
        return Ref(self.index.country(country, country), ref.factor * 0.8) if country is not None else ref

    def actor(self, tok: Token) -> Ref | None:
        """A subject: an agent, where a capital stands for its country."""
        ref = self.agent(tok, act=True)
        if ref is None:
            return None
        if self.index.kind(ref.key) is EntityKind.PLACE:
            name = self.index.clusters[ref.key].name
            country = capital_country(name)
            if country is not None and _is_subject(tok):
                # the country under its own name: neither the capital ("Berlin", a place of its own, visited
                # in the same text) nor the act that stood for it ("a Kabul car bombing") names the country
                return Ref(self.index.country(country, country), ref.factor * 0.8)
        return ref

    def group(self, tok: Token, depth: int = 0) -> list[Ref]:
        """The agents a plural word stands for, or nothing.

        "they"/"them": the latest plural subject before it (this sentence or
        the two before), if that subject lists two or more named agents
        ("Gillard and Rudd met ... They called on the UN"); an unnamed plural
        subject in between ("Officials said ...") stops the search.  "the two
        leaders", "both ministers": the last two people named.
        """
        lower = tok.lower_
        if lower in ("they", "them") and depth < 3:
            return self._plural_antecedent(tok, depth)
        if tok.tag_ in ("NNS", "NNPS"):
            included = self._included(tok)
            if included:
                return included
        if lower in GATHERING_NOUNS and depth < 2:  # "an assembly of several foreign ministers"
            members = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                       for p in c.children if p.dep_ == "pobj" and p.tag_ in ("NNS", "NNPS")]
            return self.group(members[0], depth + 1) if members else []
        holders = self._title_holders(tok)
        if holders:
            return holders
        if lower == "leaders" and [c.lower_ for c in tok.children] in (["the"], []):
            return self._the_leaders(tok)  # "The leaders held formal discussions", "Leaders agreed"
        if lower in PLURAL_STYLES or lower in GROUP_NOUNS:  # "Their Royal Highnesses, The Duke and Duchess of X,"
            named = [Ref(k) for c in tok.children if c.dep_ == "appos" for t in self.expand(c)
                     for k in [self.index.key_at(t.i)] if k is not None and self.index.kind(k) is EntityKind.PERSON]
            if len(named) >= 2:
                return named
        royal_pair = lower in PLURAL_STYLES and any(c.lower_ == "their" for c in tok.children)  # "Their Majesties"
        if royal_pair or (tok.tag_ in ("NNS", "NNPS") and lower in GROUP_NOUNS or plural_title(tok) is not None) \
                and any((c.dep_ == "nummod" and c.lower_ == "two") or c.lower_ == "both" for c in tok.children):
            keys: list[int] = []
            for _, key, _ in reversed([r for r in self.person_refs if r[0] < tok.i]):
                if key not in keys:
                    keys.append(key)
                if len(keys) == 2:
                    return [Ref(k, DESCRIPTION_FACTOR * 0.9) for k in keys]
        return []

    def _the_leaders(self, tok: Token) -> list[Ref]:
        """"the leaders" right after a passage that names exactly two people
        (this sentence and the two before, else the five before): those two."""
        here = self.sent_of_token[tok.i]
        for back in (2, 5):  # further back only where fewer than two are named near
            keys = list(dict.fromkeys(r[1] for r in self._recent_refs(tok.i, here - back, outside_quotes=True)))
            if len(keys) >= 2:
                break
        return [Ref(k, DESCRIPTION_FACTOR * 0.8) for k in keys] if len(keys) == 2 else []

    def _title_holders(self, tok: Token) -> list[Ref]:
        """"the foreign ministers", "several foreign ministers": the people the
        document gives that title (two or more), named before or after.  A
        bare plural ("ministers") or a number ("three ministers") says too
        little about whom."""
        head = plural_title(tok)
        if head is None or head in GENERIC_PERSON_NOUNS:
            return []
        if any(c.dep_ == "nummod" for c in tok.children):
            return []
        words = title_words(tok)[:-1] + [head] if title_words(tok) else [head]
        if len(words) < 2:
            return []
        keys = [c.key for c in self.index.clusters if c.kind is EntityKind.PERSON
                and any(_titles_match(words, p) for p in c.positions)]
        return [Ref(k, DESCRIPTION_FACTOR * 0.8) for k in keys] if len(keys) >= 2 else []

    def _included(self, tok: Token) -> list[Ref]:
        """"his critics, which include Greenpeace", "countries including France
        and Japan", "allies such as Canada": the named members of a group;
        "the leaders of France, Germany and Italy met", "delegations from
        Russia and Ukraine met": the states or bodies their envoys met for
        (only in a meeting: what unnamed representatives say is not the
        state's word)."""
        listed: list[Token] = []
        for child in tok.children:
            if child.dep_ == "prep" and (child.lower_ in ("including", "like", "as") or child.lower_ in ("of", "from")
                                         and tok.lower_ in _ENVOY_NOUNS and tok.dep_ == "nsubj"
                                         and tok.head.lemma_.lower() in RECIPROCAL_VERBS):
                listed += [t for p in child.children if p.dep_ == "pobj" for t in self.expand(p)]
            elif child.dep_ == "relcl" and child.lemma_.lower() == "include":
                listed += [t for o in child.children if o.dep_ == "dobj" for t in self.expand(o)]
        refs: dict[int, Ref] = {}
        for t in listed:
            ref = self.agent(t) or self._named_head(t)
            if ref is not None:
                refs.setdefault(ref.key, Ref(ref.key, ref.factor * 0.9))
        return list(refs.values())

    def _named_head(self, tok: Token) -> Ref | None:
        """"activism group Greenpeace": a common noun with its name after it."""
        for child in tok.children:
            if child.dep_ in ("appos", "compound") and child.i > tok.i:
                return self.agent(child)
        nxt = tok.i + 1
        if nxt < len(self.doc) and self.index.key_at(nxt) is not None:
            return self.agent(self.doc[nxt])
        return None

    def _plural_antecedent(self, tok: Token, depth: int) -> list[Ref]:
        here = self.sent_of_token[tok.i]
        first = next((s for s in self.sentences if s.index >= here - 2), None)
        if here < 0 or first is None:
            return []
        for i in range(tok.i - 1, first.start - 1, -1):
            cand = self.doc[i]
            if cand.dep_ not in ("nsubj", "nsubjpass") or self.sent_of_token[i] < 0:
                continue
            if cand.lower_ in ("they", "them"):
                return self.group(cand, depth + 1)
            members = self.group(cand, depth + 1) if cand.tag_ in ("NNS", "NNPS") else []
            if not members:
                listed = self.expand(cand)
                refs = [r for r in (self.agent(t) for t in listed) if r is not None]
                members = list({r.key: Ref(r.key, r.factor * PRONOUN_FACTOR) for r in refs}.values())
                if len(listed) < 2 and cand.tag_ not in ("NNS", "NNPS"):
                    continue  # a singular subject: not what "they" points back to
            return members if len(members) >= 2 else []
        return []

    # -- syntax helpers ------------------------------------------------------------
    @staticmethod
    def expand(tok: Token) -> list[Token]:
        """A token and the tokens coordinated with it ("Israel, Jordan and Iraq");
        for an unnamed plural, the named examples it gives ("allies such as
        Germany", "countries including France and Italy")."""
        out = [tok]
        stack = [tok]
        if tok.tag_ == "NNS" and not tok.ent_type_:
            for child in tok.children:
                if child.dep_ == "prep" and (child.lower_ == "including" or child.lower_ == "as" and any(
                        g.lower_ == "such" for g in child.children)):
                    stack += [p for p in child.children if p.dep_ == "pobj"]
                    out += [p for p in child.children if p.dep_ == "pobj"]
        while stack:
            cur = stack.pop()
            for child in [*cur.children, *Context._listed_past_title(cur)]:
                listed = child.dep_ == "conj" or (
                    child.dep_ == "appos" and child.ent_type_ and child.ent_type_ == cur.ent_type_)
                if listed and any(g.tag_ == "VBD" and g.i < child.i for g in child.children):
                    continue  # "support for the Mission and informed President X": a clause, misparsed
                if listed and Context._names_a_title_holder(child):
                    continue  # "Prime Minister X and Papua New Guinea Prime Minister Y": the country is Y's
                if listed and child not in out:
                    out.append(child)
                    stack.append(child)
        return out

    @staticmethod
    def _names_a_title_holder(tok: Token) -> bool:
        """A listed place or body written right before a capitalised title and a
        person's name: the body of that person's title, not an item of its own."""
        if tok.ent_type_ not in ("GPE", "ORG", "NORP", "PERSON"):  # ("Papua New Guinea" tagged as a person)
            return False
        doc = tok.doc
        j = tok.i + 1
        while j < len(doc) and j - tok.i <= 4 and doc[j].text[:1].isupper() and (
                doc[j].lower_ in TITLE_HEADS or doc[j].lower_ in TITLE_MODIFIERS):
            j += 1
        while j < len(doc) and is_honorific(doc[j]):
            j += 1
        return j > tok.i + 1 and j < len(doc) and doc[j].ent_type_ == "PERSON" and any(
            doc[k].lower_ in TITLE_HEADS for k in range(tok.i + 1, j))

    @staticmethod
    def _listed_past_title(tok: Token) -> list[Token]:
        """"met Dan Akerson, GM's Chairman and Chief Executive Officer and Tim
        Lee, ...": the parser hangs the next name on the title in apposition;
        a person coordinated with a person's title is listed with the person."""
        if tok.ent_type_ != "PERSON":
            return []
        out = []
        for title in (c for c in tok.children if c.dep_ == "appos" and not c.ent_type_):
            chain = [title]
            while chain:
                for conj in (c for c in chain.pop().children if c.dep_ == "conj"):
                    if conj.ent_type_ == "PERSON":
                        out.append(conj)
                    elif not conj.ent_type_:
                        chain.append(conj)  # "Chairman and Chief Executive Officer and Tim Lee"
        return out

    def _past_according(self, subject: Token, verb: Token) -> Token:
        """"According to the agency ISNA, the prosecutor, Ali Mehr, said": the
        parser makes the source the subject; the speaker is the person named
        between it and the verb."""
        left = subject.left_edge.i
        while left >= 2 and not self.doc[left - 1].is_punct and self.doc[left - 1].lower_ != "to":
            left -= 1  # "According to the news agency Reuters": the phrase runs on to the subject
        if left < 2 or self.doc[left - 2].lower_ != "according" or self.doc[left - 1].lower_ != "to":
            return subject
        for i in range(verb.i - 1, subject.i, -1):
            key = self.index.key_at(i)
            if key is not None and self.index.kind(key) is EntityKind.PERSON:
                return self.doc[i]
        return subject

    def subjects(self, verb: Token, depth: int = 0) -> list[tuple[Token, float]]:
        """The agents of a verb, with a confidence factor for inherited ones."""
        if depth > 5:
            return []
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or reduced_passive(verb)
        if passive:
            agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
            if not agents:  # "was condemned in a joint statement by Egypt, Greece and Cyprus"
                agents = [b for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "through")
                          for d in c.children if d.dep_ == "pobj" and d.lemma_.lower() in DOCUMENT_NOUNS
                          for by in d.children if by.dep_ == "prep" and by.lower_ == "by"
                          for b in by.children if b.dep_ == "pobj"]
            return [(t, 1.0) for a in agents for t in self.expand(a)]
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
        if subj:
            before = [c for c in subj if c.i < verb.i]
            if len(before) >= 2 and self.index.key_at(before[-1].i) is None \
                    and before[-1].left_edge.i == before[-2].i + 1 and self._is_person(before[-2]):
                before.pop()  # "Richard Marles the Federal Member for Corio believes": the title is his
            first = before[-1] if before else next(  # the nearest: not a misparsed dateline; after the verb,
                (c for c in subj if self.index.key_at(c.i) is not None), subj[0])  # the named one ("said study co-author X")
            first = self._past_according(first, verb)
            if first.lower_ in _RELATIVE and verb.dep_ == "relcl":
                return [(t, 1.0) for t in self.expand(verb.head)]
            listed = self._members_listed_late(first, verb)
            if listed:
                return listed
            return [(t, 1.0) for t in self.expand(first)]
        dep, head = verb.dep_, verb.head
        if head.i == verb.i:
            return self._left_clause_subject(verb)
        if dep == "conj" and any(c.dep_ == "nsubjpass" for c in head.children):
            # "He was briefed by officers and met the governor": he met.
            return [(t, 0.95) for c in head.children if c.dep_ == "nsubjpass" for t in self.expand(c)]
        if dep == "xcomp" and head.lemma_.lower() in OBJECT_CONTROL_VERBS:
            objs = [c for c in head.children if c.dep_ in ("dobj", "dative")]
            if objs:
                return [(t, 0.9) for t in self.expand(objs[0])]
        if dep == "xcomp" and not any(c.dep_ == "agent" for c in head.children):
            raised = [c for c in head.children if c.dep_ == "nsubjpass"]
            if raised:  # "X is expected to visit Y", "X was asked to lead": X does it
                return [(t, 0.95) for t in self.expand(raised[0])]
        if dep == "pcomp" and head.pos_ == "ADP" and head.head.pos_ == "NOUN":
            poss = [c for c in head.head.children if c.dep_ == "poss"]
            if poss:  # "Australia's commitment to supporting Iraq": Australia supports
                return [(t, 0.9) for t in self.expand(poss[0])]
        if dep in ("xcomp", "conj", "advcl", "pcomp", "ccomp", "prep", "pobj") or \
                (dep == "acl" and head.pos_ in ("VERB", "AUX")):
            if dep == "ccomp":
                own = self._left_clause_subject(verb)
                if own:
                    return own
            inherited = self.subjects(head, depth + 1)
            return [(t, f * 0.95) for t, f in inherited]
        if dep == "acl" and head.lemma_.lower() in ("invitation", "invite"):
            if _accepted_invitation(head):
                return [(t, f * 0.9) for t, f in self.subjects(head.head, depth + 1)]
            return []  # "the Prime Minister's invitation to visit Darwin": the inviter stays; whoever accepts goes
        if dep == "acl" and head.pos_ in ("NOUN", "PROPN"):
            poss = [c for c in head.children if c.dep_ == "poss"]
            if poss:
                return [(t, 0.9) for t in self.expand(poss[0])]
            if verb.tag_ == "VBG" and head.pos_ == "NOUN" and head.lower_ not in DOCUMENT_NOUNS                     and head.lemma_.lower() not in ("call", "appeal", "demand", "request", "petition") and not (
                    head.dep_ == "pobj" and head.head.lower_ in ("by", "from", "of")):
                return [(head, 1.0)]  # "entities supporting X": the entities do it (not "the calls by officials asking X")
            return [(t, f * 0.9) for t, f in self.subjects(head.head, depth + 1)] if head.head.i != head.i else []
        if dep in ("dobj", "nsubj", "attr") and head.pos_ in ("VERB", "AUX") or (
                dep == "acomp" and verb.lower_ in PLAN_ADJECTIVES and head.pos_ in ("VERB", "AUX")):
            return [(t, f * 0.9) for t, f in self.subjects(head, depth + 1)]
        if dep == "relcl" and head.dep_ == "attr" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            # "X is the first Prime Minister of Iraq to visit Australia": X visits
            return [(t, f * 0.9) for t, f in self.subjects(head.head, depth + 1)]
        return []

    def _members_listed_late(self, subject: Token, verb: Token) -> list[tuple[Token, float]]:
        """"Multiple officials pressured Trump not to commute the sentence, including A and B": an
        unnamed plural subject's examples hung at the clause's end, when the object is a name (a name
        has no members to include)."""
        if subject.tag_ != "NNS" or subject.ent_type_ or any(c.lower_ == "including" for c in subject.children):
            return []
        if not any(c.dep_ == "dobj" and self.index.key_at(c.i) is not None for c in verb.children):
            return []
        clauses = [verb, *(c for c in verb.children if c.dep_ == "xcomp")]
        found = [p for v in clauses for c in v.children if c.dep_ == "prep" and c.lower_ == "including"
                 for p in c.children if p.dep_ == "pobj"]
        return [(t, 0.9) for p in found for t in self.expand(p)]

    def _left_clause_subject(self, verb: Token) -> list[tuple[Token, float]]:
        """Repair for "X condemns A, supports B" parsed with the first clause
        as a complement of the second: share that clause's subject."""
        for child in verb.children:
            if child.dep_ == "ccomp" and child.i < verb.i:
                subj = [c for c in child.children if c.dep_ == "nsubj"]
                if subj and subj[0].lower_ not in _RELATIVE:
                    return [(t, 0.75) for t in self.expand(subj[0])]
        return []

    def modality(self, verb: Token) -> str:
        """FACT, FUTURE or NONE for the clause of ``verb`` (negation, modals,
        plans, conditions, wishes), looking up through control verbs."""
        state = FACT
        tok = verb
        if verb.lemma_.lower() in _COURTESY_ACTS and verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _POLITE_WISHES:
            # "wishes to thank", "would like to thank": the thanks are given in saying so
            return NONE if any(c.dep_ == "neg" or c.dep_ == "mark" and c.lower_ in ("if", "unless")
                               for c in (*verb.children, *verb.head.children)) else FACT
        for _ in range(6):
            children = list(tok.children)
            if any(c.dep_ == "neg" or (c.lower_ in NEGATION_WORDS and c.dep_ in ("advmod", "det", "preconj"))
                   for c in children):
                return NONE
            if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in children):
                return NONE
            auxes = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
            if auxes & HYPOTHETICAL_AUX:
                if "would" in auxes and self._reported(tok):
                    state = FUTURE
                else:
                    return NONE
            if auxes & FUTURE_AUX or tok is verb and tok.pos_ == "NOUN" and any(
                    c.dep_ == "relcl" and {a.lower_ for a in c.children if a.dep_ in ("aux", "auxpass")} & FUTURE_AUX
                    for c in children):  # "their leaders' meeting, which will be held next year"
                state = FUTURE
            if tok.lower_ in PLANNED_MODIFIERS:
                state = FUTURE
            if any(c.dep_ == "amod" and c.lower_ in PLANNED_MODIFIERS for c in children):
                state = FUTURE
            head, dep = tok.head, tok.dep_
            if head.i == tok.i:
                break
            hl = head.lemma_.lower()
            if dep == "pcomp" and head.lower_ in NEGATING_PREPS:
                return NONE
            if dep == "pobj" and head.lower_ == "of" and head.head.lower_ == "ahead":
                state = FUTURE
            if dep == "pcomp" and head.lower_ == "to" and any(c.lower_ == "forward" for c in head.head.children):
                state = FUTURE  # "looks forward to welcoming X": not yet
            if dep == "advcl" and tok.tag_ == "VBG" and not any(c.dep_ == "nsubj" for c in children):
                tok = head  # "will make a trip, attending X and making a visit to Y": the main clause's tense
                continue
            infinitive = "to" in auxes or any(c.lower_ == "to" and c.dep_ == "aux" for c in children)
            if dep == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" and \
                    head.head.lemma_.lower() in HEDGE_NOUNS:
                return NONE  # "fears of Russian attacks on Y", "the threat of an invasion"
            if dep in ("acl", "ccomp", "relcl") and head.pos_ == "NOUN" and head.lemma_.lower() in HEDGE_NOUNS:
                return NONE  # "an allegation he assaulted Y", "reports that X attacked Y"
            if dep == "acl" and infinitive and head.pos_ == "NOUN":
                # "the right to oppose X", "a plan to visit Y", "its commitment to support Y"
                if hl in PROMISE_NOUNS or head.lower_ in PROMISE_NOUNS or _accepted_invitation(head):
                    state = FUTURE
                else:
                    return NONE
                tok = head
                continue
            if dep == "xcomp" or (dep in ("advcl", "acl", "ccomp") and infinitive):
                if hl in PLAN_VERBS or hl in PROMISE_VERBS or head.lower_ in PLAN_ADJECTIVES or (
                        hl == "go" and head.tag_ == "VBG"):
                    state = FUTURE
                elif hl in IRREALIS_VERBS and dep == "xcomp" or hl in IRREALIS_VERBS and dep in ("advcl", "acl") and hl in ("seek", "try", "hope"):
                    return NONE
                tok = head
                continue
            if dep == "acl" and head.pos_ in ("NOUN", "PROPN") or dep == "relcl" and infinitive and head.dep_ == "attr":
                tok = head  # "will be the first president to visit Fiji": the clause's tense
                continue
            if dep in ("nsubj", "nsubjpass") and tok.pos_ in ("NOUN", "PROPN") and head.pos_ in ("VERB", "AUX"):
                tok = head  # "the visit to Japan will be a chance": the clause's tense is the noun's
                continue
            if dep in ("dobj", "pobj", "prep", "pcomp", "attr") and tok.pos_ in ("NOUN", "PROPN", "ADP", "VERB"):
                if hl in PLAN_VERBS and dep == "dobj":
                    state = FUTURE
                if dep == "dobj" and hl in IRREALIS_VERBS:
                    return NONE
                tok = head
                continue
            if dep == "conj" and not auxes and not any(c.dep_ in ("nsubj", "nsubjpass") for c in children):
                tok = head  # a conjunct with its own subject is a clause of its own
                continue
            break
        return state

    def _reported(self, tok: Token) -> bool:
        head = tok.head
        return tok.dep_ == "ccomp" and head.lemma_.lower() in SPEECH_VERBS

    def date_for(self, anchor: Token, future: bool = False) -> str | None:
        """The day the anchor's clause names ("on Tuesday", "on Oct. 7"), or
        the clause it is part of: a participle, an infinitive or a noun phrase
        takes the date of the verb it hangs on ("On Monday, X joined the
        calls asking Y"), a reported clause (ccomp) or relative clause does not."""
        tok = anchor
        for _ in range(4):
            found = self._own_date(tok, future)
            if found or tok.head.i == tok.i or tok.dep_ not in _DATE_INHERITING:
                return found
            tok = tok.head
        return None

    def _own_date(self, anchor: Token, future: bool) -> str | None:
        for child in anchor.children:
            targets = []
            if child.dep_ == "prep" and child.lower_ in ("on", "in", "at"):
                targets = [p for p in child.children if p.dep_ == "pobj"]
            elif child.dep_ in ("npadvmod", "tmod") or (child.ent_type_ == "DATE" and child.dep_ != "compound"):
                targets = [child]
            for t in targets:
                if t.ent_type_ != "DATE":
                    continue
                span = _ent_span(t)
                if span is not None:
                    found = resolve_date(span, self.article.date, future=future)
                    if found:
                        return found
        return None

    # -- facts -------------------------------------------------------------------
    def add(self, subject: int, relation: str, obj: int | str, anchor: Token, rule: str,
            confidence: float, *, sentence: Sentence | None = None, future: bool = False) -> None:
        """Record one fact with its evidence; drops self-relations and repeats."""
        if isinstance(obj, int) and obj == subject:
            return
        sent = sentence or self.sentence_of(anchor)
        if relation == "metWith" and isinstance(obj, int) and obj < subject:
            subject, obj = obj, subject
        seen = (subject, relation, obj, sent.start_char)
        if seen in self._seen:
            return
        self._seen.add(seen)
        text = self.article.text[sent.start_char:sent.end_char]
        evidence = Evidence(sent.start_char, sent.end_char, text, rule,
                            round(max(0.05, min(confidence, 0.99)), 3),
                            self.date_for(anchor, future) if anchor is not None else None)
        self.facts.append(Fact(subject, relation, obj, evidence))


#: Acts done by saying one wishes to do them, and the wishes that say so.
_COURTESY_ACTS = frozenset({"thank", "congratulate"})
_POLITE_WISHES = frozenset({"wish", "like", "want"})


def _ent_span(tok: Token) -> str | None:
    """The text of the entity the token is in, found from its IOB tags.

    Walking the tags costs the entity's length; scanning ``doc.ents`` made
    extraction quadratic on long articles (a 5 MB text never finished).
    """
    if not tok.ent_iob_ or tok.ent_iob_ == "O":
        return None
    doc = tok.doc
    start = tok.i
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end].text


def _the_attack(tok: Token) -> bool:
    """"the attack", "the airstrike": a bare definite attack noun, which points
    back to the attack the document is about (not "the December 31 attack",
    "the attack on the embassy", "an attack")."""
    if tok.lower_ not in _ATTACK_WORDS:
        return False
    lefts = list(tok.lefts)
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "these", "today's") for c in lefts) \
        and all(c.dep_ == "det" or c.lower_ in ("recent", "latest", "deadly", "brutal", "cowardly") for c in lefts) \
        and not any(c.dep_ == "prep" for c in tok.rights)


_ATTACK_WORDS = frozenset({"attack", "attacks", "airstrike", "airstrikes", "strike", "strikes", "bombing",
                           "bombings", "shooting", "raid", "assault"})


#: Plural nouns for a body's own people: "Houthi rebels" act as the Houthis.
_MEMBERS_OF_BODY = frozenset({"rebels", "militants", "fighters", "insurgents", "gunmen", "jihadists", "forces",
                              "militia", "militias", "troops", "soldiers", "officials", "leaders", "members"})


_HASHES: dict[tuple[object, bool], frozenset[int]] = {}


def _hashes(doc: Doc, words: Iterable[str], capitalised: bool = False) -> frozenset[int]:
    """The string-store hashes of some words (and of their capitalised forms),
    worked out once per word list: the rules ask for the same lists in every
    sentence of every document."""
    key = (words if isinstance(words, (frozenset, tuple)) else frozenset(words), capitalised)
    found = _HASHES.get(key)
    if found is None:
        strings = doc.vocab.strings
        found = frozenset(strings.add(w) for w in key[0]) | (  # type: ignore[union-attr]
            frozenset(strings.add(w.capitalize()) for w in key[0]) if capitalised else frozenset())  # type: ignore[union-attr]
        _HASHES[key] = found
    return found


def _positions(hashes: list[int]) -> dict[int, list[int]]:
    """Each hash's positions in the document, in order."""
    index: dict[int, list[int]] = {}
    for i, h in enumerate(hashes):
        index.setdefault(h, []).append(i)
    return index


#: Plural nouns for people who act for a state or body named after "of"/"from".
_ENVOY_NOUNS = frozenset({"leaders", "delegations", "delegates", "representatives", "envoys", "negotiators",
                          "diplomats", "officials", "ministers", "heads"})


def reduced_passive(verb: Token) -> bool:
    """"SpaceX, backed by Elon Musk,": a past participle on a noun with a "by"
    agent is a passive whose subject is that noun."""
    head = verb.head
    if verb.dep_ == "advcl" and verb.tag_ == "VBN" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children) \
            and any(p.pos_ == "PROPN" for c in verb.children if c.dep_ == "agent" for p in c.children):
        return True  # "..., as described by Prime Minister Curtin": its named agent speaks, not the clause's subject
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and head.pos_ in ("NOUN", "PROPN") \
        and any(c.dep_ == "agent" for c in verb.children) \
        and not (head.dep_ == "pobj" and head.head.lower_ in ("in", "at", "on", "near"))  # "... in the Congo Basin, supported by X"


def _accepted_invitation(noun: Token) -> bool:
    """"has accepted an invitation to visit X": whoever accepts will go."""
    return noun.lemma_.lower() in ("invitation", "invite") and noun.dep_ == "dobj" \
        and noun.head.lemma_.lower() in ("accept", "take")


def _named_in_apposition(ctx: Context, tok: Token) -> int | None:
    """"the president of Namibia, Hage Geingob", "a student named Wong": the description names its person."""
    for child in tok.children:
        if child.dep_ == "acl" and child.lower_ in ("named", "called"):
            key = next((ctx.index.key_at(n.i) for n in child.children if n.dep_ in ("oprd", "dobj", "attr")), None)
            if key is not None and ctx.index.kind(key) is EntityKind.PERSON:
                return key
        if child.dep_ == "appos":
            if child.lower_ in STYLES:  # "the President, His Excellency Mr X"
                child = next((c for c in child.children if c.dep_ == "appos"), child)
            key = ctx.index.key_at(child.i)
            if key is None and child.text in POSTNOMINALS:
                key = ctx.index.key_at(child.i - 1)  # "..., John Sanderson AC": the parser heads the name with its letters
            if key is not None and ctx.index.kind(key) is EntityKind.PERSON:
                return key
    doc = tok.doc
    end = tok.right_edge.i if tok.right_edge.i - tok.i <= 5 and doc[tok.right_edge.i].text != "," else tok.i
    if end + 2 < len(doc) and doc[end + 1].text == "," and tok.pos_ == "NOUN":
        j = end + 2  # "Qatar's emir, Sheikh Tamim, ..." with the apposition lost by the parser
        while j < min(len(doc) - 1, end + 7) and ctx.index.key_at(j) is None and (doc[j].text[:1].isupper() and (
                doc[j].lower_ in TITLE_HEADS or doc[j].lower_ in TITLE_MODIFIERS or doc[j].lower_ in HONORIFICS
                or doc[j].text == "HE") or doc[j].text == "-" or doc[j].lower_ == "the"):
            j += 1  # "the Governor of Western Australia, HE Lieutenant-General John Sanderson"
        key = ctx.index.key_at(j)
        owners = {ctx.index.key_at(c.i) for c in tok.children if c.dep_ == "poss"}
        if key is not None and ctx.index.kind(key) is EntityKind.PERSON and key not in owners:
            return key  # (not "According to X, Hagan's spokeswoman, Hagan died": Hagan is not her own)
    for prep in tok.children:  # "the manager of Abu Dhabi Media, Dr Ali Tamim,": the name hung on the body
        for pobj in (p for p in prep.children if p.dep_ == "pobj") if prep.lower_ in ("of", "for") else ():
            owner = next((c for c in pobj.children if c.dep_ == "poss"), pobj)  # "the spokesman for Israel's army, X"
            if ctx.index.key_at(owner.i) is not None and \
                    ctx.index.kind(ctx.index.key_at(owner.i)) is not EntityKind.PERSON:  # type: ignore[arg-type]
                found = _named_in_apposition(ctx, pobj)
                if found is not None:
                    return found
    return None


def _in_relative(tok: Token) -> bool:
    """The token sits in a relative clause ("the deal in which Y became premier")."""
    for _ in range(12):
        if tok.dep_ == "relcl":
            return True
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _is_subject(tok: Token) -> bool:
    while tok.dep_ in ("compound", "flat") and tok.head.i != tok.i:
        if tok.head.pos_ == "NOUN" and tok.head.text[:1].islower() and tok.head.lower_ not in TITLE_HEADS:
            return False  # "the EastMed project is open", "the Trump administration said": a modifier
        tok = tok.head
    if tok.dep_ == "appos" and tok.head.ent_type_ in ("", "CARDINAL"):
        tok = tok.head  # "One of the Vice Presidents, Rebecca X, also commented" (not a name hung on another name)
    return tok.dep_ in ("nsubj", "nsubjpass")


def _is_description_head(tok: Token) -> bool:
    """A title or generic person noun heading a noun phrase without a name."""
    lower = tok.lower_
    if lower not in TITLE_HEADS and lower not in GENERIC_PERSON_NOUNS:
        return False
    if tok.dep_ in ("compound", "amod") or tok.tag_ in ("NNS", "NNPS"):
        return False
    children = list(tok.children)
    if any(c.lower_ in ("a", "an", "another", "every", "each", "any", "no") for c in children):
        return False
    return any((c.dep_ == "det" and c.lower_ in ("the", "this", "that")) or c.dep_ == "poss"
               or (c.dep_ in ("amod", "compound", "nmod") and (c.lower_ in DEMONYMS or c.ent_type_ in ("GPE", "NORP")))
               for c in children)


def plural_title(tok: Token) -> str | None:
    """The singular of a plural title noun ("ministers": minister), also where
    the tagger read a capitalised plural as a name of its own ("the Prime
    Ministers" tagged NNP, lemma "Ministers")."""
    lemma = tok.lemma_.lower()
    if tok.tag_ in ("NNS", "NNPS") and lemma in TITLE_HEADS:
        return lemma
    lower = tok.lower_
    if tok.tag_ not in ("NNP", "NNPS") or tok.ent_type_ or not lower.endswith("s") \
            or not any(c.lower_ in ("the", "both", "two") for c in tok.children):
        return None  # a bare "Prime Ministers" may be any
    singular = lower[:-3] + "y" if lower.endswith("ies") else lower[:-1]
    return singular if singular in TITLE_HEADS else None


def title_words(tok: Token) -> list[str]:
    """The lower-case title words of a description ("the Japanese Prime
    Minister" -> prime, minister; "the secretary of state" -> secretary, of, state)."""
    words = []
    for child in tok.lefts:
        if child.dep_ in ("compound", "amod") and (child.lower_ in TITLE_MODIFIERS or child.lower_ in TITLE_HEADS):
            words.append(child.lower_)
    words.append(tok.lower_)
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.lower_ in TITLE_MODIFIERS:
                    words += ["of", pobj.lower_]
        elif child.dep_ == "prep" and child.lower_ == "for" and any(  # "the Minister for the Environment"
                p.dep_ == "pobj" and p.text[:1].isupper() and not any(c.dep_ == "poss" for c in p.children)
                for p in child.children):
            words += ["for", *(t.lower_ for t in child.subtree if t.is_alpha and t.lower_ not in ("for", "the"))]
    return words


def _titles_match(words: list[str], position: str) -> bool:
    """Whether a description fits a title the document gave a person.

    Same head word; the description may leave out modifiers ("the Minister"
    for "Foreign Minister") but not add any ("Prime Minister" is not
    "Foreign Minister"); rank words must agree ("the president" is not the
    vice president); an "of" part may be added or left out ("the Secretary
    of State" for "Secretary X"), a "for" part must be the title's own."""
    pos = alias_key(position).replace("-", " ").split()
    desc = [w.replace("-", " ") for w in words]
    desc = " ".join(desc).split()
    d_rest, _, d_for = " ".join(desc).partition(" for ")
    p_rest, _, p_for = " ".join(pos).partition(" for ")
    if d_for and d_for != p_for:
        return False  # "the Minister for the Environment" is not the Prime Minister
    d_rest, _, d_to = d_rest.partition(" to ")
    p_rest, _, p_to = p_rest.partition(" to ")
    if d_to != p_to and (d_to or " of " in d_rest):
        return False  # "Parliamentary Secretary to the Prime Minister" is no Prime Minister, nor the Secretary of a department
    d_main, _, d_of = d_rest.partition(" of ")
    p_main, _, p_of = p_rest.partition(" of ")
    d_words, p_words = d_main.split(), p_main.split()
    if not d_words or not p_words or d_words[-1] != p_words[-1]:
        return False
    d_mods, p_mods = set(d_words[:-1]), set(p_words[:-1])
    if "former" in d_mods and not p_mods & TITLE_KEEP_PREFIXES:
        d_mods.discard("former")  # "the former Premier" for a "Premier" (not "the incoming president")
    if d_mods & RANK_MODIFIERS != p_mods & RANK_MODIFIERS:
        return False
    if not d_mods <= p_mods:
        return False
    return not d_of or not p_of or d_of == p_of
