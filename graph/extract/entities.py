"""Named-entity mentions -> one cluster per real-world entity in a document.

The small spaCy model mislabels names now and then ("Blinken" as a place in one
sentence, "G7" as a country); the document itself usually settles it, because
the same name is labelled correctly elsewhere or an alias table knows it.
Clustering then joins surnames to full names, acronyms to long forms and
country aliases or demonyms to one country, so each cluster becomes one
``LocalEntity``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from graph.model import EntityKind, LocalEntity
from graph.model import Span as CharSpan

from .lexicon import (
    CAPITALS,
    DEMONYMS,
    ORG_ALIASES,
    ORG_HEAD_NOUNS,
    PLACE_ALIASES,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    TITLE_OF_WORDS,
    alias_key,
)

#: spaCy labels kept, and the kind each stands for before document evidence.
LABEL_KINDS: dict[str, EntityKind] = {
    "PERSON": EntityKind.PERSON,
    "ORG": EntityKind.ORGANIZATION,
    "GPE": EntityKind.PLACE,
    "LOC": EntityKind.PLACE,
    "FAC": EntityKind.PLACE,
    "NORP": EntityKind.GROUP,
    "EVENT": EntityKind.EVENT,
}
_POSSESSIVE = {"'s", "’s", "'", "’"}
_EDGE_PUNCT = set(".,;:!?\"“”‘’'()[]—–-")
#: Heads that make a demonym stand for its country ("Japanese officials").
_STATE_NOUNS = ORG_HEAD_NOUNS | {"official", "officials", "authorities", "forces", "troops", "military",
                                 "army", "navy", "embassy", "delegation", "leader", "leaders", "side",
                                 "counterpart", "counterparts", "state", "ministry", "foreign"}


@dataclass
class Mention:
    """One naming of an entity: token range [start, end) and its text."""

    start: int
    end: int
    text: str
    kind: EntityKind
    label: str
    canonical: str = ""
    key: int = -1
    doc_title_before: bool = False


@dataclass
class Cluster:
    """Mentions that name one entity; becomes a ``LocalEntity``."""

    key: int
    kind: EntityKind
    name: str
    forms: list[str] = field(default_factory=list)
    positions: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)

    def add_form(self, text: str) -> None:
        if text and text not in self.forms:
            self.forms.append(text)

    def add_position(self, title: str) -> None:
        if title and title not in self.positions:
            self.positions.append(title)


class EntityIndex:
    """The document's entities, and which token belongs to which entity."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.clusters: list[Cluster] = []
        self.token_key: list[int] = [-1] * len(doc)
        self.mentions: list[Mention] = []
        self._by_canonical: dict[tuple[EntityKind, str], int] = {}

    def key_at(self, i: int) -> int | None:
        key = self.token_key[i]
        return None if key < 0 else key

    def kind(self, key: int) -> EntityKind:
        return self.clusters[key].kind

    def person_mentions(self) -> list[Mention]:
        return [m for m in self.mentions if self.clusters[m.key].kind is EntityKind.PERSON]

    def ensure(self, kind: EntityKind, canonical: str, surface: str, span: tuple[int, int] | None) -> int:
        """The cluster for ``canonical`` (created if new), with ``surface`` noted."""
        ident = (kind, alias_key(canonical))
        key = self._by_canonical.get(ident)
        if key is None:
            key = len(self.clusters)
            self.clusters.append(Cluster(key, kind, canonical))
            self._by_canonical[ident] = key
        cluster = self.clusters[key]
        cluster.add_form(surface)
        if span is not None:
            cluster.spans.append(span)
        return key

    def country(self, name: str, surface: str, span: tuple[int, int] | None = None) -> int:
        """The cluster of a country named by an alias, demonym or capital."""
        return self.ensure(EntityKind.PLACE, name, surface, span)

    def local_entities(self) -> tuple[LocalEntity, ...]:
        """Clusters as ``LocalEntity`` records; the name never repeats as a form."""
        out = []
        for c in self.clusters:
            forms = tuple(f for f in c.forms if f != c.name)
            spans = tuple(CharSpan(s, e) for s, e in sorted(set(c.spans)))
            out.append(LocalEntity(c.key, c.kind, c.name, forms, tuple(c.positions), spans))
        return tuple(out)


# ---------------------------------------------------------------------------
# Building the index
# ---------------------------------------------------------------------------


def build_index(doc: Doc) -> EntityIndex:
    """Mentions from NER, corrected with document evidence, clustered."""
    index = EntityIndex(doc)
    mentions = [m for m in (_trim(ent) for ent in doc.ents if ent.label_ in LABEL_KINDS) if m]
    mentions = [m for m in mentions if not _inside_title(doc, m)]
    mentions = [_extend_org_head(doc, m) for m in mentions]
    _fix_kinds(mentions)
    _link_acronyms(doc, mentions)
    _assign_canonicals(doc, mentions)
    for m in mentions:
        if m.canonical:
            m.key = index.ensure(m.kind, m.canonical, m.text, _char_span(doc, m))
    index.mentions = sorted((m for m in mentions if m.key >= 0), key=lambda m: m.start)
    for m in index.mentions:
        for i in range(m.start, m.end):
            index.token_key[i] = m.key
    _add_titled_forms(doc, index)
    return index


def _char_span(doc: Doc, m: Mention) -> tuple[int, int]:
    return doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1].text)


def _trim(ent: Span) -> Mention | None:
    """The entity without a leading "the", possessive ending or edge punctuation."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].text in _EDGE_PUNCT):
        start += 1
    while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].text in _EDGE_PUNCT
                           or doc[end - 1].is_space):
        end -= 1
    for i in range(start + 1, end):
        if doc[i].text == "(":  # "Organisation of Islamic Cooperation (OIC": the name stops there
            end = i
            break
    if start >= end:
        return None
    kind = LABEL_KINDS[ent.label_]
    if kind is EntityKind.PERSON:
        start = _strip_title_words(doc, start, end)
    text = doc[start:end].text.strip()
    for suffix in ("’s", "'s"):
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
    if not text or not (text[0].isupper() or text[0].isdigit()):
        return None
    before = doc[start - 1] if start > 0 else None
    titled = before is not None and before.text[:1].isupper() and before.lower_ in TITLE_HEADS
    return Mention(start, end, text, kind, ent.label_, doc_title_before=titled)


def _strip_title_words(doc: Doc, start: int, end: int) -> int:
    """"President Biden" tagged whole as a person: the name starts after the title."""
    while end - start > 1 and (doc[start].lower_ in TITLE_HEADS or doc[start].lower_ in TITLE_MODIFIERS):
        start += 1
    return start


def _inside_title(doc: Doc, m: Mention) -> bool:
    """"State" in "Secretary of State", "Defence" in "the Defence Secretary":
    part of a title, not an organisation."""
    if m.kind is EntityKind.PERSON:
        return False
    words = alias_key(m.text)
    if m.end < len(doc) and doc[m.end].lower_ in TITLE_HEADS and words in TITLE_MODIFIERS:
        return True
    if words not in TITLE_OF_WORDS:
        return False
    return m.start >= 2 and doc[m.start - 1].lower_ == "of" and doc[m.start - 2].lower_ in TITLE_HEADS


def _extend_org_head(doc: Doc, m: Mention) -> Mention:
    """"the Biden administration": a person's name before an organisation noun."""
    nxt = doc[m.end] if m.end < len(doc) else None
    if nxt is not None and nxt.lower_ in ORG_HEAD_NOUNS and m.kind is EntityKind.PERSON:
        return Mention(m.start, m.end + 1, f"{m.text} {nxt.text}", EntityKind.ORGANIZATION, "ORG")
    return m


def _fix_kinds(mentions: list[Mention]) -> None:
    """Let the document outvote a single mislabelling, and the alias tables all votes."""
    votes: dict[str, Counter[EntityKind]] = {}
    surnames: set[str] = set()
    for m in mentions:
        votes.setdefault(m.text, Counter())[m.kind] += 1
        if m.kind is EntityKind.PERSON and " " in m.text:
            surnames.add(m.text.split()[-1])
    for m in mentions:
        key = alias_key(m.text)
        if key in ORG_ALIASES and m.kind is not EntityKind.PERSON:
            m.kind = EntityKind.ORGANIZATION
        elif key in PLACE_ALIASES and m.kind in (EntityKind.ORGANIZATION, EntityKind.PLACE, EntityKind.PERSON):
            m.kind = EntityKind.PLACE if key not in surnames else m.kind
        elif votes[m.text][EntityKind.PERSON] or m.text in surnames or _titled(m):
            m.kind = EntityKind.PERSON


def _titled(m: Mention) -> bool:
    """"Chancellor Olaf Scholz" tagged as an organisation: a capitalised
    title word right before a name makes it a person."""
    return m.start > 0 and m.doc_title_before


def _link_acronyms(doc: Doc, mentions: list[Mention]) -> None:
    """"the Group of Seven (G7)", "United Nations ... UN": one organisation.

    An acronym in parentheses right after a name, or equal to the initials
    of a name in the document, takes that name as its canonical form.
    """
    long_forms: dict[str, str] = {}
    for m in mentions:
        if m.kind is EntityKind.ORGANIZATION and len(m.text.split()) > 1:
            long_forms.setdefault(_initials(m.text), m.text)
    for i, m in enumerate(mentions[:-1]):
        after = mentions[i + 1]
        if (m.kind is EntityKind.ORGANIZATION and after.start == m.end + 1 and doc[m.end].text == "("
                and after.end < len(doc) and doc[after.end].text == ")"):
            after.kind = EntityKind.ORGANIZATION
            after.canonical = ORG_ALIASES.get(alias_key(m.text), m.text)
            m.canonical = after.canonical
    for m in mentions:
        compact = m.text.replace(".", "")
        if not m.canonical and compact.isupper() and compact in long_forms:
            m.kind = EntityKind.ORGANIZATION
            m.canonical = ORG_ALIASES.get(alias_key(long_forms[compact]), long_forms[compact])


def _initials(name: str) -> str:
    skip = {"of", "the", "and", "for", "on", "in", "&"}
    return "".join(w[0].upper() for w in name.replace("-", " ").split() if w.lower() not in skip and w[:1].isalpha())


def _assign_canonicals(doc: Doc, mentions: list[Mention]) -> None:
    """Each mention's cluster name: alias tables, fullest person name, own text."""
    full_names = [m for m in mentions if m.kind is EntityKind.PERSON and " " in m.text]
    org_name = _organisation_names(mentions)
    for m in mentions:
        key = alias_key(m.text)
        if m.kind is EntityKind.PERSON:
            m.canonical = _full_name(m, full_names) or m.text
        elif m.kind is EntityKind.ORGANIZATION:
            m.canonical = org_name.get(m.canonical or m.text, m.text)
        elif m.kind is EntityKind.PLACE:
            m.canonical = PLACE_ALIASES.get(key, m.text)
        elif m.kind is EntityKind.GROUP:
            if key in DEMONYMS and _stands_for_state(doc, m):
                m.kind = EntityKind.PLACE
                m.canonical = DEMONYMS[key]
            elif key in DEMONYMS and doc[m.end - 1].dep_ in ("amod", "compound"):
                m.canonical = ""  # "Palestinian territories": an adjective, no entity
            else:
                m.canonical = m.text
        else:
            m.canonical = m.text


def _organisation_names(mentions: list[Mention]) -> dict[str, str]:
    """Organisation group -> its name: the longest form the document uses, or
    the table's long form when the document only uses an acronym."""
    forms: dict[str, list[str]] = {}
    for m in mentions:
        if m.kind is EntityKind.ORGANIZATION:
            if not m.canonical:
                m.canonical = ORG_ALIASES.get(alias_key(m.text), "")
            forms.setdefault(m.canonical or m.text, []).append(m.text)
    names = {}
    for group, texts in forms.items():
        longest = max(texts, key=lambda t: (len(t.split()), len(t)))
        names[group] = group if len(longest.split()) == 1 and group != longest else longest
    return names


def _stands_for_state(doc: Doc, m: Mention) -> bool:
    """A demonym stands for its country before a title or a state noun."""
    last = doc[m.end - 1]
    if last.dep_ not in ("amod", "compound", "nmod"):
        return last.dep_ in ("nsubj", "nsubjpass") and last.tag_ not in ("NNPS", "NNS")
    head = last.head.lower_
    return head in TITLE_HEADS or head in _STATE_NOUNS or head in TITLE_MODIFIERS


def _full_name(m: Mention, full_names: list[Mention]) -> str | None:
    """The fullest person name ending (or starting) with this mention's words.

    With several candidates ("Joe Biden", "Jill Biden"), the nearest one
    before the mention wins, else the first after it.
    """
    words = m.text.split()
    candidates = [f for f in full_names if _name_contains(f.text.split(), words)]
    if not candidates:
        return None
    before = [f for f in candidates if f.start <= m.start]
    best = max(before, key=lambda f: f.start) if before else min(candidates, key=lambda f: f.start)
    longest = max((f for f in candidates if _name_contains(f.text.split(), best.text.split())),
                  key=lambda f: len(f.text.split()))
    return longest.text


def _name_contains(full: list[str], part: list[str]) -> bool:
    if len(part) > len(full):
        return False
    if full[-len(part):] == part or full[: len(part)] == part:
        return True
    return len(part) == 1 and part[0] in full[1:]


def _add_titled_forms(doc: Doc, index: EntityIndex) -> None:
    """"Secretary Blinken": a person named with one or two capitalised title words."""
    for m in index.person_mentions():
        j = m.start
        words: list[str] = []
        while j > 0 and len(words) < 2:
            tok = doc[j - 1]
            if tok.text[:1].isupper() and (tok.lower_ in TITLE_HEADS or tok.lower_ in TITLE_MODIFIERS) \
                    and index.token_key[tok.i] < 0:
                words.insert(0, tok.text)
                j -= 1
            else:
                break
        if not words or not any(w.lower() in TITLE_HEADS for w in words):
            continue
        if j > 0 and (index.token_key[j - 1] >= 0 or doc[j - 1].lower_ in DEMONYMS or doc[j - 1].lower_ == "of"):
            continue  # "Japanese Foreign Minister X": not a bare titled form
        index.clusters[m.key].add_form(" ".join(words + [m.text]))


def capital_country(text: str) -> str | None:
    """The country whose capital this is, for a capital named as an actor."""
    return CAPITALS.get(alias_key(text))
