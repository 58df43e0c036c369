"""Named-entity mentions -> one cluster per real-world entity in a document.

The small spaCy model mislabels names now and then ("Blinken" as a place in one
sentence, "G7" as a country); the document itself usually settles it, because
the same name is labelled correctly elsewhere or an alias table knows it.
Clustering then joins surnames to full names, acronyms to long forms and
country aliases or demonyms to one country, so each cluster becomes one
``LocalEntity``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise

from spacy.attrs import DEP, LOWER, ORTH, TAG  # type: ignore[import-not-found]
from spacy.tokens import Doc, Span, Token

from graph.model import EntityKind, LocalEntity
from graph.model import Span as CharSpan

from .lexicon import (
    CAPITALS,
    DEMONYMS,
    OFFICE_POSTNOMINALS,
    ORG_ALIASES,
    ORG_HEAD_NOUNS,
    PARTY_ADJECTIVES,
    PARTY_QUALIFIED_BODIES,
    PLACE_ALIASES,
    PLACE_NOUNS,
    PLURAL_STYLES,
    PORTFOLIO_HEADS,
    SPEECH_VERBS,
    STYLES,
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
#: Function words a name never ends with (the tagger's boundary ran one word too far).
_TRAILING_WORDS = frozenset({"and", "or", "of", "in", "for", "the", "to", "at", "on", "with", "&"})
#: Forms of address: not part of a name, but a surface form with it ("Mr Rudd").
HONORIFICS = frozenset({"mr", "mr.", "ms", "ms.", "mrs", "mrs.", "miss", "dr", "dr.", "sir", "dame", "madam",
                        "mme", "mme.", "messrs", "lord", "lady", "hon", "hon.", "honourable", "honorable", "rt",
                        "rt.", "excellency"})
#: Last words of a government named for its leader ("the Abbott Government").
_GOVERNMENT_WORDS = frozenset({"government", "governments", "administration", "administrations", "cabinet"})
#: Head nouns of a committee's name, which may run on over "and", "on" and "for".
_COMMITTEE_NOUNS = frozenset({"committee", "commission", "subcommittee", "council", "panel", "tribunal"})
def is_honorific(tok: Token) -> bool:
    """A form of address: "Mr", "Dr", "the Hon", and "HE" (His or Her Excellency, upper case only)."""
    return tok.lower_ in HONORIFICS or tok.text == "HE"


#: Every country and capital the alias tables know, by alias key.
_PLACE_KEYS = frozenset(PLACE_ALIASES) | frozenset(CAPITALS)
#: Forms of address only a person takes ("Lord" and "Lady" also open place and company names).
_PERSONAL_HONORIFICS = HONORIFICS - {"lord", "lady"}
#: Letters after a name (offices, honours, silk) that are no part of it: "the
#: Hon Andrew Robb AO MP" is Andrew Robb.  Matched as written, upper case.
POSTNOMINALS = frozenset({"MP", "MHR", "MLA", "MLC", "MSP", "MEP", "AO", "AC", "AM", "OAM", "QC", "KC", "SC",
                          "CVO", "OBE", "MBE", "CBE", "KBE", "DBE", "GCMG", "KCMG", "CMG", "PC", "FRS",
                          "GCVO", "KCVO", "LVO", "MVO", "GBE", "CH", "OM", "KG", "KT", "CB", "KCB", "GCB", "DSO",
                          "VC", "GC", "MC", "AK", "AFC", "DSC", "CSC", "CSM", "APM", "PSM", "AFSM", "ESM",
                          "ONZ", "GNZM", "KNZM", "DNZM", "CNZM", "ONZM", "MNZM", "QSO", "QSM", "JP"})
#: Kinship nouns: the name right after one is a person ("his wife Therese Rein").
KIN_NOUNS = frozenset({"wife", "husband", "son", "daughter", "brother", "sister", "mother", "father", "partner",
                       "fiancée", "fiancee", "fiancé", "fiance", "widow", "widower", "spouse", "nephew", "niece",
                       "uncle", "aunt", "cousin", "grandson", "granddaughter", "grandfather", "grandmother"})
#: Words after an organisation's name that the name is also used without ("ABS-CBN Corporation").
_CORPORATE_WORDS = frozenset({"corporation", "corp", "corp.", "inc", "inc.", "ltd", "ltd.", "company", "group",
                              "plc", "limited", "holdings"})
#: Lower-case particles inside personal names ("Staffan di Mistura", "Mohammad bin Salman").
#: "d'Estaing", "d’Alema", "l'Hôpital": a particle elided onto a capitalised name, one token.
_ELIDED_PARTICLE = re.compile(r"[dl]['’][A-ZÀ-Ý][^\W\d_]+")
NAME_PARTICLES = frozenset({"di", "de", "da", "del", "della", "van", "von", "der", "den", "bin", "ibn", "al",
                            "el", "le", "la", "du", "dos", "das", "ben", "abu", "ter", "dela", "delos", "des"})
#: Last words that make a name an organisation whatever the tagger said
#: ("Civic Platform" tagged as a person, "Great Orchestra of Christmas Charity" as a place).
ORG_LAST_WORDS = frozenset({"party", "platform", "front", "union", "movement", "alliance", "league", "council",
                            "committee", "ministry", "department", "agency", "corporation", "company", "bank",
                            "university", "institute", "foundation", "association", "charity", "network",
                            "organisation", "organization", "commission", "coalition", "congress", "parliament",
                            "inc", "inc.", "ltd", "ltd.", "corp", "corp.", "group", "club", "society", "trust",
                            "service", "office", "authority", "court", "tribunal", "assembly", "senate", "guard",
                            "police", "army", "navy", "force", "forces", "partnership", "federation", "chamber",
                            "bureau", "consortium", "international"})
#: Last words of a body's name the tagger may leave untagged ("Resolute Support Mission").
_BODY_LAST_WORDS = frozenset({"mission", "commission", "committee", "council", "agency", "ministry", "department",
                              "party", "alliance", "coalition", "foundation", "institute", "authority", "tribunal"})
_ROMAN = re.compile(r"[IVX]{1,4}")  # a regnal number: "Elizabeth II"
#: Body nouns that stand alone for the one body of that kind a text names ("the Court").
_BARE_BODY_NOUNS = frozenset({"court", "council", "assembly", "parliament", "commission", "committee", "senate",
                              "tribunal", "party", "congress", "cabinet", "ministry"})
#: Prepositions of movement or place before a name: "from X", "to X".
_LOCATIVE_PREPS = frozenset({"from", "to", "in", "at", "near", "into", "via", "outside"})
#: Last words of media companies' names the tagger leaves off ("Abu Dhabi Media").
_MEDIA_LAST_WORDS = frozenset({"media", "news", "tv", "television", "radio", "press", "times", "post"})
#: Honours named after a person: "the Malcolm McIntosh Prize" is no one to meet or host.
_HONOUR_NOUNS = frozenset({"prize", "prizes", "award", "awards", "medal", "trophy", "scholarship", "scholarships",
                           "fellowship", "fellowships", "lecture", "oration", "memorial", "cup", "shield"})
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
        #: The document's LOWER hashes, read from spaCy's array once for every word-list pass (and the Context).
        self.lowers: list[int] = doc.to_array([LOWER]).tolist()

    def last_of(self, i: int) -> int:
        """The last token of the mention token ``i`` belongs to (``i`` itself outside any mention)."""
        key = self.token_key[i]
        while key >= 0 and i + 1 < len(self.token_key) and self.token_key[i + 1] == key:
            i += 1
        return i

    def key_at(self, i: int) -> int | None:
        key = self.token_key[i]
        return None if key < 0 else key

    def person_at(self, i: int) -> bool:
        """Whether token ``i`` is part of a person's mention."""
        key = self.token_key[i]
        return key >= 0 and self.clusters[key].kind is EntityKind.PERSON

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
    mentions = [m for m in (_trim(ent) for ent in doc.ents if ent.label_ in LABEL_KINDS or _org_shaped(ent)) if m]
    mentions += [_mention(doc, ent.start, end, EntityKind.PERSON, "PERSON") for ent in doc.ents
                 if (end := _speaker_shaped(ent)) is not None]
    mentions = [m for m in mentions if not _inside_title(doc, m) and not _portfolio_owner(doc, m)]
    mentions += _untagged_bodies(doc, mentions, index.lowers)
    mentions += _untagged_acronyms(doc, mentions)
    mentions += _untagged_speakers(doc, mentions)
    mentions += _untagged_places(doc, mentions, index.lowers)
    mentions += _untagged_listed_places(doc, mentions)
    mentions = sorted(mentions + _untagged_titled_names(doc, mentions, index.lowers), key=lambda m: m.start)
    mentions = sorted(mentions + _untagged_names_after_portfolio(doc, mentions, index.lowers), key=lambda m: m.start)
    mentions = _peers_named_by_title(doc, mentions, index.lowers)
    mentions = sorted(mentions + _untagged_listed_names(doc, mentions), key=lambda m: m.start)
    mentions = sorted(mentions + _untagged_names_after_title_comma(doc, mentions), key=lambda m: m.start)
    mentions = sorted(mentions + _untagged_names_apposed_a_title(doc, mentions), key=lambda m: m.start)
    mentions = _untagged_employers(doc, mentions)
    mentions = _untagged_bodies_of(doc, mentions)
    mentions = _repair_mentions(doc, mentions)
    mentions = _join_split_names(doc, mentions)
    mentions = _split_body_from_name(doc, mentions)
    mentions = [_extend_org_head(doc, m) for m in mentions]
    mentions = _whole_committee_names(doc, mentions)
    mentions = _whole_department_names(doc, mentions)
    mentions = _names_their_acronym_spells(doc, mentions)
    mentions = _university_campuses(doc, mentions)
    mentions = _extend_to_known_names(doc, mentions)
    _fix_kinds(doc, mentions)
    for m in mentions:
        if m.kind is EntityKind.PERSON:
            _clean_person_name(doc, m)
    _link_acronyms(doc, mentions)
    _assign_canonicals(doc, mentions)
    for m in mentions:
        if m.canonical:
            m.key = index.ensure(m.kind, m.canonical, m.text, _char_span(doc, m))
    for m in _untagged_repeats(doc, mentions):
        index.ensure(m.kind, m.canonical, m.text, _char_span(doc, m))
        mentions.append(m)
    index.mentions = sorted((m for m in mentions if m.key >= 0), key=lambda m: m.start)
    for m in index.mentions:
        for i in range(m.start, m.end):
            index.token_key[i] = m.key
    _add_titled_forms(doc, index)
    return index


def _clean_person_name(doc: Doc, m: Mention) -> None:
    """"the Hon Phil Goff" -> "Phil Goff"; "Prime Minister Kan." at a
    sentence's end, where the tokenizer read "Kan." as an abbreviation -> "Kan"."""
    start = m.start
    while m.end - start > 1 and (_address_word(doc, start) or doc[start].lower_ in ("the", "rt", "rt.", "right")):
        start += 1
    if m.end - start >= 3 and _in_portfolio(doc, start):
        start = m.end - 2  # "Minister for Defence Materiel Mike Kelly": the tagger took the portfolio's last word
    if start > m.start:
        cut = doc[start].idx - doc[m.start].idx
        m.start, m.text = start, m.text[cut:] if len(m.text) > cut else m.text
    last = doc[m.end - 1].text
    if last.endswith(".") and len(last) > 3 and last[:-1].isalpha() and last[:-1].lower() not in ("jr", "sr", "snr", "jnr") \
            and m.text.endswith(last):
        m.text = m.text[:-1]


#: Last words of a portfolio the tagger reads as a body's name ("External Affairs" before "Minister").
PORTFOLIO_LAST_WORDS = ("affairs", "relations", "development", "change", "education", "energy", "technology",
                        "health", "resources", "tourism", "trade", "finance", "transport", "infrastructure",
                        "agriculture", "communications", "employment", "industry", "justice", "environment",
                        "housing", "immigration", "innovation", "science", "training", "skills", "welfare",
                        "economy", "services", "broadband", "water", "defence", "defense", "sport", "arts",
                        "heritage", "fisheries", "forestry", "families", "ageing", "veterans", "citizenship",
                        "communities", "manufacturing", "mining")


def _untagged_bodies(doc: Doc, mentions: list[Mention], lowers: list[int]) -> list[Mention]:
    """"the NATO-led Resolute Support Mission" left untagged: a run of two or
    more capitalised proper nouns ending in an organisation noun is a body."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    wanted = _word_hashes(doc, "body-last", _BODY_LAST_WORDS)
    out = []
    for i, lower in enumerate(lowers):
        if lower not in wanted or i in taken or doc[i].ent_type_ or doc[i].tag_ != "NNP":
            continue
        start = i
        while start > 0 and start - 1 not in taken and not doc[start - 1].ent_type_ and doc[start - 1].tag_ == "NNP" \
                and doc[start - 1].is_alpha and doc[start - 1].text[:1].isupper():
            start -= 1
        if i - start >= 1 and doc[start].sent.start != start:  # not a capitalised sentence opening
            out.append(Mention(start, i + 1, doc[start:i + 1].text, EntityKind.ORGANIZATION, "ORG"))
            taken.update(range(start, i + 1))
    return out


def _untagged_acronyms(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"The United States Coast Guard (USCG) ... USCG Captain Monica Rochester": an acronym the document
    defines after a body's name names that body wherever it stands, tagged or not."""
    defined = {doc[m.end + 1].text for m in mentions if m.kind is not EntityKind.PERSON and m.end + 2 < len(doc)
               and doc[m.end].text == "(" and doc[m.end + 2].text == ")" and _acronym_shaped(doc[m.end + 1].text)
               and len(m.text.split()) > 1 and m.text[:1] == doc[m.end + 1].text[:1]}  # not "Armidale (NSW)"
    if not defined:
        return []
    taken = {i for m in mentions for i in range(m.start, m.end)}
    wanted = {doc.vocab.strings[a] for a in defined}
    return [Mention(i, i + 1, doc[i].text, EntityKind.ORGANIZATION, "ORG")
            for i, orth in enumerate(doc.to_array([ORTH]).tolist()) if orth in wanted and i not in taken]


#: What a body does to speak besides the speech verbs: "X released a statement which read".
_STATEMENT_VERBS = frozenset({"release", "issue", "publish", "post"})
_STATEMENT_NOUNS = frozenset({"statement", "statements", "communique", "communiqué", "notice"})


def _portfolio_owner(doc: Doc, m: Mention) -> bool:
    """"Veterans' Affairs Minister", "Women's Affairs": the possessor names a
    portfolio, not a body or a person."""
    end = m.end
    while end < len(doc) and doc[end].text in _POSSESSIVE:
        end += 1
    return end > m.end and end < len(doc) and doc[end].lower_ == "affairs" and doc[end].text[:1].isupper()


def _untagged_speakers(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"Facebook further claimed, '...'": a one-word name the small model
    never tags, standing as the subject of a speech verb, when the document
    writes the same word capitalised inside other sentences too (so it is a
    name, not a sentence's first word).  A word that ever follows another
    capitalised word may be a surname ("Gáspár Maróth"): left to the name rules.
    Read from spaCy's arrays: a Token is built only for proper-noun subjects."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    rows = doc.to_array([TAG, DEP, ORTH]).tolist()
    nnp, nsubj = doc.vocab.strings.add("NNP"), doc.vocab.strings.add("nsubj")
    out = []
    for i in (k for k, (tag, dep, _) in enumerate(rows) if tag == nnp and dep == nsubj and k not in taken):
        tok = doc[i]
        if not tok.text[:1].isupper() or not tok.is_alpha \
                or any(c.dep_ in ("compound", "amod", "det", "poss") for c in tok.children) \
                or tok.lower_ in TITLE_HEADS or tok.lower_ in TITLE_MODIFIERS or tok.lower_ in DEMONYMS \
                or is_honorific(tok) or not _speaks(tok.head):
            continue
        same = [doc[k] for k, row in enumerate(rows) if row[2] == rows[i][2] and k != i]
        if any(not t.is_sent_start for t in same) and not any(
                t.i > 0 and doc[t.i - 1].is_alpha and doc[t.i - 1].text[:1].isupper() for t in same + [tok]):
            out.append(Mention(tok.i, tok.i + 1, tok.text, EntityKind.ORGANIZATION, "ORG"))
    return out


def _speaks(verb: Token) -> bool:
    """A speech verb, or releasing a statement."""
    lemma = verb.lemma_.lower()
    return lemma in SPEECH_VERBS or lemma in _STATEMENT_VERBS and any(
        c.dep_ == "dobj" and c.lower_ in _STATEMENT_NOUNS for c in verb.children)


_WORD_HASHES: dict[str, frozenset[int]] = {}


def _positions_of(doc: Doc, lowers: list[int], word: str) -> list[int]:
    """Where a lower-case word stands, from spaCy's array (no Token is built for the others)."""
    wanted = doc.vocab.strings.add(word)
    return [i for i, lower in enumerate(lowers) if lower == wanted]


def _word_hashes(doc: Doc, name: str, words: Iterable[str]) -> frozenset[int]:
    """The string-store hashes of a fixed word list, worked out once (not once per document)."""
    found = _WORD_HASHES.get(name)
    if found is None:
        found = _WORD_HASHES[name] = frozenset(doc.vocab.strings.add(w) for w in words)
    return found


def _untagged_places(doc: Doc, mentions: list[Mention], lowers: list[int]) -> list[Mention]:
    """"paid a visit to Kyiv" with "Kyiv" untagged: a capitalised country or
    capital the alias tables know (one or two words) is a place."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    firsts = _word_hashes(doc, "place-firsts", [k.split()[0] for k in _PLACE_KEYS if len(k.split()) <= 2])
    out = []
    for i, lower in enumerate(lowers):
        if lower not in firsts or i in taken or doc[i].ent_type_ or not doc[i].text[:1].isupper():
            continue
        for width in (2, 1):
            end = i + width
            if end > len(doc) or any(j in taken or doc[j].ent_type_ or not doc[j].text[:1].isupper()
                                     for j in range(i, end)):
                continue
            if alias_key(doc[i:end].text) in _PLACE_KEYS and _alias_case_fits(doc[i:end].text):
                out.append(Mention(i, end, doc[i:end].text, EntityKind.PLACE, "GPE"))
                taken.update(range(i, end))
                break
    return out + _named_by_place_noun(doc, lowers, taken)


def _named_by_place_noun(doc: Doc, lowers: list[int], taken: set[int]) -> list[Mention]:
    """"struck the city of Kharkiv" with "Kharkiv" untagged: the capitalised
    name after "the city (town, province) of" is a place."""
    out = []
    nouns = _word_hashes(doc, "place-of-nouns", _PLACE_OF_NOUNS)
    the = doc.vocab.strings.add("the")
    for i in _positions_of(doc, lowers, "of"):
        if not 2 <= i < len(doc) - 1 or lowers[i - 1] not in nouns or lowers[i - 2] != the:
            continue
        end = i + 1
        while end < len(doc) and end - i <= 3 and end not in taken and not doc[end].ent_type_ \
                and doc[end].text[:1].isupper() and doc[end].is_alpha:
            end += 1
        if end > i + 1:
            out.append(Mention(i + 1, end, doc[i + 1:end].text, EntityKind.PLACE, "GPE"))
            taken.update(range(i + 1, end))
    return out


#: Nouns that name a place by "of": "the city of Kharkiv", "the province of Banten".
_PLACE_OF_NOUNS = frozenset({"city", "town", "village", "province", "region", "state", "district", "island",
                             "port", "county", "municipality", "prefecture"})


def _untagged_listed_places(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"will visit Sydney, Adelaide and Yulara" with "Adelaide" untagged: a
    lone capitalised word listed between or after tagged places is a place."""
    places = {i for m in mentions if m.kind is EntityKind.PLACE for i in range(m.start, m.end)}
    if len(places) < 2:
        return []
    taken = {i for m in mentions for i in range(m.start, m.end)}
    person_words = {w for m in mentions if m.kind is EntityKind.PERSON for w in m.text.split()}
    out = []
    for i in sorted({c.i for p in places for c in doc[p].children if c.dep_ == "conj"}):
        tok = doc[i]
        if i in taken or tok.ent_type_ or not _strict_name_word(tok) or tok.text in person_words \
                or (i + 1 < len(doc) and doc[i + 1].text[:1].isupper() and doc[i + 1].is_alpha):
            continue
        if any(c.dep_ == "conj" and c.i in places for c in tok.children) or tok.head.i in places \
                and tok.head.dep_ in ("dobj", "pobj", "conj"):
            out.append(Mention(i, i + 1, tok.text, EntityKind.PLACE, "GPE"))
    return out


def _untagged_titled_names(doc: Doc, mentions: list[Mention], lowers: list[int]) -> list[Mention]:
    """"the United Kingdom's Queen Elizabeth II" with no entity tagged: two or
    three untagged name words right after a capitalised title are a person
    (one word only if the document tags it in a person's name elsewhere)."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    person_words = {w for m in mentions if m.kind is EntityKind.PERSON for w in m.text.split()}  # "Chief Scientist": no name
    wanted = _word_hashes(doc, "titles", [w for h in TITLE_HEADS for w in (h, h + "s")]  # "Presidents A of X and B of Y"
                          + ["hon", "hon.", "honourable", "honorable"]  # "the Hon Tony Burke MP"
                          + sorted(_PERSONAL_HONORIFICS | {"hj"}))  # "Her Excellency Ms Yingluck Shinawatra"
    out = []
    for i, lower in enumerate(lowers):
        if lower not in wanted or not doc[i].text[:1].isupper() or i + 1 >= len(doc) or i + 1 in taken:
            continue
        end = i + 1
        longest = 4 if doc[i].lower_ in _PERSONAL_HONORIFICS else 3  # "Mrs Iriana Joko Widodo"
        while end < len(doc) and end - i <= longest and end not in taken and not doc[end].ent_type_ \
                and (_strict_name_word(doc[end]) or end > i + 1 and _ROMAN.fullmatch(doc[end].text)):
            end += 1
        start = i + 1
        while start < end - 1 and _address_word(doc, start):
            start += 1  # "Excellency Ms Yingluck Shinawatra": the name after every form of address
        known = end - start > 1 or any(doc[j].text in person_words for j in range(start, end)) \
            and not is_honorific(doc[i]) or _apposed_between_commas(doc, i, end) \
            or end == start + 1 and end < len(doc) and doc[end].tag_ == "POS" and not is_honorific(doc[i]) \
            and doc[i - 1].text[:1].isupper() \
            or doc[i].lower_ in _ROYAL_TITLES and start == i + 1 and _royal_name(doc[start])  # "Queen Sirikit"
        # ("Mr Holding" alone: the tagger's own reading stands, unless set off by commas: "the Minister, Mr Robb,"
        # or owning something after a two-word title: "Foreign Minister Ayrault’s visit")
        if end > start and known and (end == len(doc) or doc[end].tag_ != "NNP" or doc[end].text in POSTNOMINALS):
            out.append(Mention(start, end, doc[start:end].text, EntityKind.PERSON, "PERSON", doc_title_before=True))
            taken.update(range(i + 1, end))
    return out


#: Titles of those known by one name: "King Bhumibol and Queen Sirikit visited Australia".
_ROYAL_TITLES = frozenset({"king", "queen", "prince", "princess", "emperor", "empress", "sultan", "pope", "emir",
                           "sheikh", "crown"})


def _royal_name(tok: Token) -> bool:
    """One word after a royal title that is a name, not a place or body named for a king ("King College")."""
    lower = tok.lower_
    return lower not in ORG_LAST_WORDS and lower not in _NAMED_PLACE_NOUNS and lower not in _BODY_LAST_WORDS \
        and lower not in _HONOUR_NOUNS and lower not in ORG_HEAD_NOUNS


#: Titles held for an employer, written after its name ("ABS-CBN CEO X", "Aslef general secretary X").
_EMPLOYEE_TITLES = frozenset({"ceo", "director", "chairman", "chairwoman", "chairperson", "chair", "president", "head",
                              "founder", "co-founder", "spokesman", "spokeswoman", "spokesperson", "manager",
                              "editor", "professor", "researcher", "scientist", "coach", "executive", "officer",
                              "economist", "analyst", "correspondent", "reporter", "producer"})


def _untagged_employers(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"ABS-CBN CEO Carlo Katigbak", "Aslef general secretary Mick Whelan",
    "Scripps Oceanography director X" with the body untagged or tagged in
    part: capitalised name words right before an employee's title and a
    person's name are the employer, with a place or body tagged right before
    them ("Samoa Observer editor X"). Not before a minister's title:
    "Tourism Minister X" names a portfolio."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    ends = {m.end: m for m in mentions}
    found: list[Mention] = []
    dropped: set[int] = set()
    for m in mentions:
        end = _employer_end(doc, m, taken) if m.kind is EntityKind.PERSON else None
        if end is None:
            continue
        j = end - 1
        while j >= 0 and end - j <= 4 and j not in taken and not doc[j].ent_type_ and _employer_word(doc, j):
            j -= 1
        start = j + 1
        if start == end or not any(t.is_alpha for t in doc[start:end]) or "-" in (doc[start].text, doc[end - 1].text) \
                or doc[end - 1].lower_ in PLACE_ALIASES or doc[end - 1].lower_ in DEMONYMS:
            continue
        before = ends.get(start)
        if before is not None and before.kind in (EntityKind.ORGANIZATION, EntityKind.PLACE):
            start = before.start  # "Samoa Observer", "Scripps Oceanography"
            dropped.add(id(before))
        found.append(Mention(start, end, doc[start:end].text, EntityKind.ORGANIZATION, "ORG"))
        taken.update(range(start, end))
    return sorted([m for m in mentions if id(m) not in dropped] + found, key=lambda m: m.start)


#: Lower-case heads of a body named by its place or people ("the Maidan Wardak provincial council").
_LOWER_BODY_HEADS = ORG_LAST_WORDS | {"board", "command", "centre", "center"}


def _untagged_bodies_of(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"Sharif Hotak, of the Maidan Wardak provincial council", "Crystal
    C'Bearing of the Northern Arapaho tribal historic preservation office":
    after a person and "of the", capitalised words and then lower-case
    ones ending on a body's noun name that body; anything the tagger found
    inside ("Maidan Wardak" as a person) is part of it."""
    found: list[Mention] = []
    inside: set[int] = set()
    for m in mentions:
        span = _body_after_of(doc, m.end) if m.kind is EntityKind.PERSON else None
        named = span is None and m.kind is EntityKind.PERSON and (span := _named_body_after_of(doc, m.end)) is not None
        if span is None:
            continue
        start, end = span
        covered = [o for o in mentions if start <= o.start and o.end <= end + 1 and o is not m]
        if any(o.end > end or o.kind is EntityKind.ORGANIZATION and (not named or (o.start, o.end) == span)
               for o in covered) or named and any(o.start < end and o.end > start and (o.start < start or o.end > end)
                                                  for o in mentions):
            continue  # a body tagged already, or one running on (from "the")
        inside |= {id(o) for o in covered}
        found.append(Mention(start, end, doc[start:end].text, EntityKind.ORGANIZATION, "ORG"))
    return sorted([m for m in mentions if id(m) not in inside] + found, key=lambda m: m.start)


def _body_after_of(doc: Doc, end: int) -> tuple[int, int] | None:
    """The span of "of the [Capitalised words] [lower-case words] body-noun" after a name ending at ``end``."""
    j = end + (end < len(doc) and doc[end].text == ",")
    if j + 3 >= len(doc) or doc[j].lower_ != "of" or doc[j + 1].lower_ != "the":
        return None
    start = k = j + 2
    while k < len(doc) and k - start < 5 and doc[k].text[:1].isupper() and doc[k].is_alpha and doc[k].tag_ == "NNP":
        k += 1
    capitals = k
    while k < len(doc) and k - start < 8 and doc[k].is_lower and doc[k].is_alpha and doc[k].pos_ in ("ADJ", "NOUN"):
        k += 1
    if capitals == start or k == capitals or doc[k - 1].lower_ not in _LOWER_BODY_HEADS \
            or k < len(doc) and (doc[k].text[:1].isupper() and doc[k].is_alpha or doc[k].tag_ == "POS"):
        return None
    return start, k


def _named_body_after_of(doc: Doc, end: int) -> tuple[int, int] | None:
    """"Sabrina Bennoui of Reporters Without Borders", "Paul McCartney of The
    Beatles": after a person and "of", a run of capitalised words the tagger
    left untagged or tagged in part is the body the person is with; a place
    ends the run and a single word needs "the" (it may be a town)."""
    j = end + (end < len(doc) and doc[end].text == ",")
    if j + 1 >= len(doc) or doc[j].lower_ != "of":
        return None
    start = k = j + 1 + (doc[j + 1].lower_ == "the")
    while k < len(doc) and k - start < 5 and doc[k].text[:1].isupper() and doc[k].is_alpha \
            and doc[k].ent_type_ not in ("GPE", "LOC", "NORP", "DATE", "FAC"):
        k += 1
    if k == start or k < len(doc) and (doc[k].text[:1].isupper() or doc[k].tag_ == "POS" or doc[k].is_digit):
        return None
    if k + 1 < len(doc) and doc[k].lower_ in ("of", "and", "&", "for") and doc[k + 1].text[:1].isupper():
        return None  # "the Order of Australia", "the Bill and Melinda Gates Foundation": the name runs on
    if doc[start].tag_ not in ("NNP", "NNPS") or doc[k - 1].tag_ not in ("NNP", "NNPS"):
        return None
    tagged = any(t.ent_type_ in ("ORG", "PERSON") for t in doc[start:k]) or doc[k - 1].lower_ in ORG_LAST_WORDS
    if not tagged and (doc[start - 1].lower_ != "the" and k - start < 3 or k - start == 1):
        return None  # "X of South Bend": a town, untagged; "St Mary of the Cross"
    return start, k


def _employer_end(doc: Doc, person: Mention, taken: set[int]) -> int | None:
    """Where an employer's name would end: before the employee's title words right before ``person``."""
    j = person.start - 1
    words = []
    while j >= 0 and j not in taken and (doc[j].lower_ in TITLE_HEADS or doc[j].lower_ in TITLE_MODIFIERS):
        words.append(doc[j].lower_)
        j -= 1
    employee = any(w in _EMPLOYEE_TITLES for w in words) or "secretary" in words and "general" in words
    if not employee or any(w in PORTFOLIO_HEADS for w in words if w != "secretary"):
        return None
    return j + 1


def _employer_word(doc: Doc, j: int) -> bool:
    """A capitalised name word of a body, or a hyphen inside one ("ABS-CBN")."""
    tok = doc[j]
    if tok.text == "-":
        return 0 < j < len(doc) - 1 and not doc[j - 1].whitespace_ and not tok.whitespace_
    lower = tok.lower_
    return tok.text[:1].isupper() and tok.is_alpha and (tok.tag_ == "NNP" or tok.text.isupper() and len(tok) > 1) \
        and lower not in TITLE_HEADS \
        and lower not in TITLE_MODIFIERS and lower not in DEMONYMS and lower not in PLACE_ALIASES \
        and not is_honorific(tok) and tok.text not in PARTY_ADJECTIVES


def _untagged_names_after_title_comma(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"said the university's chancellor, Pradeep Khosla." with the name
    untagged: two or three name words set off by a comma after a title word
    and closed by punctuation are the title holder."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    out = []
    for tok in doc:
        i = tok.i
        if tok.text != "," or i < 1 or doc[i - 1].lower_ not in TITLE_HEADS or i + 3 >= len(doc):
            continue
        end = i + 1
        while end < len(doc) and end - i <= 3 and end not in taken and not doc[end].ent_type_ \
                and _strict_name_word(doc[end]):
            end += 1
        if 2 <= end - i - 1 <= 3 and end < len(doc) and doc[end].is_punct and doc[end].text not in ("-", "'", "’"):
            out.append(Mention(i + 1, end, doc[i + 1:end].text, EntityKind.PERSON, "PERSON", doc_title_before=True))
            taken.update(range(i + 1, end))
    return out


def _untagged_names_apposed_a_title(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"Jasim Uddin, a spokesperson for the fire service, told ...": two or
    three capitalised words the tagger left untagged, with a title set off
    after them by a comma ("a spokesperson", "the mayor of X"), are a person."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    out = []
    for tok in doc:
        if tok.i in taken or tok.ent_type_ or not _strict_name_word(tok) or is_honorific(tok) \
                or tok.i + 1 >= len(doc) or doc[tok.i + 1].text != "," or not any(
                c.dep_ == "appos" and c.lower_ in TITLE_HEADS and c.tag_ == "NN"
                and any(d.dep_ in ("det", "poss") for d in c.children) for c in tok.children):
            continue
        start = tok.i
        while start > 0 and tok.i - start < 2 and start - 1 not in taken and not doc[start - 1].ent_type_ \
                and _strict_name_word(doc[start - 1]) and not is_honorific(doc[start - 1]):
            start -= 1
        if start < tok.i:
            out.append(Mention(start, tok.i + 1, doc[start:tok.i + 1].text, EntityKind.PERSON, "PERSON"))
            taken.update(range(start, tok.i + 1))
    return out


def _apposed_between_commas(doc: Doc, address: int, end: int) -> bool:
    """"the Minister for Trade and Investment, Mr Robb, will": a form of
    address and one name word set off by commas right after a title."""
    return end == address + 2 and is_honorific(doc[address]) and address > 1 and doc[address - 1].text == "," \
        and end < len(doc) and doc[end].text == "," and doc[address - 2].text[:1].isupper()


def _untagged_names_after_portfolio(doc: Doc, mentions: list[Mention], lowers: list[int]) -> list[Mention]:
    """"Minister for Youth Kate Ellis" with nothing tagged: the last two name
    words of a capitalised run after a title's "for" are the minister, when
    the portfolio keeps a word of its own and the document never writes
    either name word in lower case (as it would "Climate Change")."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    out = []
    heads = _word_hashes(doc, "portfolio-heads", PORTFOLIO_HEADS)
    for i in _positions_of(doc, lowers, "for"):
        if not 1 <= i < len(doc) - 3 or lowers[i - 1] not in heads or not doc[i - 1].text[:1].isupper():
            continue
        end = i + 1
        while end < len(doc) and end - i <= 9 and end not in taken and not doc[end].ent_type_ \
                and (doc[end].text[:1].isupper() and doc[end].is_alpha or doc[end].lower_ in ("and", "&", ",")):
            end += 1
        if end - i < 4 or (end < len(doc) and doc[end].tag_ == "NNP") or doc[end - 3].lower_ in ("and", "&", ",") \
                or not all(_strict_name_word(doc[k]) and not _written_lower(doc, doc[k].lower_) for k in (end - 2, end - 1)):
            continue
        out.append(Mention(end - 2, end, doc[end - 2:end].text, EntityKind.PERSON, "PERSON", doc_title_before=True))
    return out


#: Titles of peers and royals that name a person with "of" and a place: "the Duke of Cambridge".
_PEERAGE = frozenset({"duke", "duchess", "earl", "countess", "marquess", "marchioness", "viscount", "viscountess",
                      "baron", "baroness", "prince", "princess"})


def _peers_named_by_title(doc: Doc, mentions: list[Mention], lowers: list[int]) -> list[Mention]:
    """"The Duke and Duchess of Cambridge", "the Prince of Wales": a peer's
    title and its place name a person; each title of a pair is a person of
    its own, and later "the Duke" alone is the one Duke the text named so."""
    named: dict[str, str] = {}  # title word -> the person's name ("duke" -> "Duke of Cambridge")
    out: list[Mention] = []
    peerage = _word_hashes(doc, "peerage", _PEERAGE)
    found = [i for i, lower in enumerate(lowers) if lower in peerage]
    for i in found:
        tok = doc[i]
        if not tok.text[:1].isupper():
            continue
        titles, j = [i], i + 1
        if j + 1 < len(doc) and doc[j].lower_ == "and" and doc[j + 1].lower_ in _PEERAGE and doc[j + 1].text[:1].isupper():
            titles, j = [i, j + 1], j + 2  # "Duke and Duchess of Cambridge"
        end = _place_after_of(doc, j)
        if end is None or _apposed_to_a_name(doc, i, end, mentions):
            continue  # ("Prince Harry, the Duke of Sussex,": a title of the person named)
        place = doc[j + 1:end].text
        for t in titles:
            name = f"{doc[t].text} of {place}"
            named.setdefault(doc[t].lower_, name)
            out.append(Mention(t, end if t == titles[-1] else t + 1, name, EntityKind.PERSON, "PERSON"))
    if not out:
        return mentions
    taken = {k for m in out for k in range(m.start, m.end)}
    for i in found:  # "The Duke and Duchess will travel": each the one so titled
        tok = doc[i]
        name = named.get(tok.lower_, "")
        if name and tok.text[:1].isupper() and i not in taken and not (i + 1 < len(doc) and doc[i + 1].lower_ == "of") \
                and not (i + 1 < len(doc) and doc[i + 1].ent_type_ == "PERSON"):
            out.append(Mention(i, i + 1, tok.text, EntityKind.PERSON, "PERSON", canonical=name))
            taken.add(i)
    kept = [m for m in mentions if not any(k in taken for k in range(m.start, m.end))]
    return sorted(kept + out, key=lambda m: m.start)


def _apposed_to_a_name(doc: Doc, start: int, end: int, mentions: list[Mention]) -> bool:
    """A comma joins the words to a person's name right before or after them."""
    persons = [m for m in mentions if m.kind is EntityKind.PERSON]
    before = start - 1
    if before >= 0 and doc[before].lower_ == "the":
        before -= 1
    if before >= 1 and doc[before].text == "," and any(m.end == before for m in persons):
        return True
    return end + 1 < len(doc) and doc[end].text == "," and any(m.start == end + 1 for m in persons)


def _place_after_of(doc: Doc, j: int) -> int | None:
    """Where "of" and one to three capitalised words after ``j`` end ("of Cambridge", "of New South Wales")."""
    if j + 1 >= len(doc) or doc[j].lower_ != "of":
        return None
    end = j + 1
    while end < len(doc) and end - j <= 3 and doc[end].text[:1].isupper() and doc[end].is_alpha \
            and doc[end].lower_ not in _PEERAGE:
        end += 1
    return end if end > j + 1 else None


def _written_lower(doc: Doc, lower: str) -> bool:
    return any(t.text == lower for t in doc)


def _untagged_listed_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"Eliot Engel, Adam Schiff and Elijah Cummings" with the last one
    untagged: a two- or three-word run of name words coordinated with a
    person's name is a person too."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    out = []
    for m in mentions:
        if m.kind is not EntityKind.PERSON:
            continue
        for conj in doc[m.end - 1].children:
            if conj.dep_ != "conj" or conj.i in taken:
                continue
            start = conj.i
            while start > conj.i - 2 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == conj.i:
                start -= 1
            span = doc[start:conj.i + 1]
            if 2 <= len(span) <= 3 and not any(t.i in taken or t.ent_type_ for t in span) \
                    and all(_strict_name_word(t) for t in span):
                out.append(Mention(start, conj.i + 1, span.text, EntityKind.PERSON, "PERSON"))
                taken.update(range(start, conj.i + 1))
    return out


#: A titled one-word name that is also a month ("Prime Minister May") is not looked for again.
_MONTH_STEMS = frozenset({"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"})


def _untagged_repeats(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Names the tagger missed once but found elsewhere in the document: a
    person's surname ("Scholz told reporters" after "Olaf Scholz"), a
    one-word organisation name, and an organisation's name without its
    corporate word ("ABS-CBN CEO" beside "ABS-CBN Corporation") become
    mentions of those entities."""
    known: dict[str, Mention] = {}
    for m in mentions:
        if m.key < 0:
            continue
        words = m.text.split()
        if m.kind is EntityKind.PERSON and len(words) > 1:
            known.setdefault(words[-1], m)
        elif m.kind is EntityKind.ORGANIZATION and len(words) == 2 and words[-1].lower() in _CORPORATE_WORDS:
            known.setdefault(words[0], m)
        elif m.kind is EntityKind.ORGANIZATION and len(words) == 1 and (len(m.text) > 2 or m.text.isupper()):
            known.setdefault(m.text, m)  # "Facebook further claimed" after "Facebook" was tagged elsewhere
    for m in mentions:  # after the full names, which a surname stands for first
        if m.key >= 0 and m.kind is EntityKind.PERSON and m.start > 0 and doc[m.start - 1].lower_ in TITLE_HEADS \
                and m.text.isalpha() \
                and m.text[1:].islower() and m.text.lower()[:3] not in _MONTH_STEMS:
            known.setdefault(m.text, m)  # "minister Wiranto was stabbed. Wiranto, who was visiting": one name
    if not known:
        return []
    taken = {i for m in mentions for i in range(m.start, m.end)}
    out = []
    wanted = {doc.vocab.strings.add(k) for k in known}
    for i, orth in enumerate(doc.to_array([ORTH]).tolist()):
        if orth not in wanted:
            continue  # a look-up per word in spaCy's array: building every Token cost more
        tok = doc[i]
        source = known.get(tok.text)
        if source is None or tok.i in taken or tok.ent_type_ or not tok.text[:1].isupper():
            continue
        if tok.i + 1 < len(doc) and doc[tok.i + 1].text[:1].isupper() and doc[tok.i + 1].pos_ == "PROPN" \
                and source.kind is EntityKind.PERSON:
            continue  # "Scholz Foundation": another name
        if source.text == tok.text and source.kind is EntityKind.PERSON and tok.i > 0 \
                and doc[tok.i - 1].text[:1].isupper() and doc[tok.i - 1].is_alpha \
                and not doc[tok.i - 1].is_sent_start:
            continue  # "Michaelia Cash" beside "Minister Cash": a full name the tagger missed, not the one-word name
        m = Mention(tok.i, tok.i + 1, tok.text, source.kind, source.label, source.canonical, source.key)
        if not _inside_title(doc, m):  # ("Representatives Eliot Engel, Adam Schiff": a title)
            out.append(m)
    return out


def _char_span(doc: Doc, m: Mention) -> tuple[int, int]:
    return doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1].text)


def _trim(ent: Span) -> Mention | None:
    """The entity without a leading "the", possessive ending or edge punctuation."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].text in _EDGE_PUNCT
                           or doc[start].text[:1].islower() and doc[start].pos_ in ("VERB", "AUX")):
        start += 1  # "to meet President Widodo" tagged whole: the verb is no part of the name
    while start < end and start > 0 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ \
            and doc[start].text.islower():
        start += 1  # "the United States-led Iraq War" tagged "led Iraq War": the participle is the leader's
    while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].text in _EDGE_PUNCT
                           or doc[end - 1].is_space or doc[end - 1].lower_ in _TRAILING_WORDS):
        end -= 1  # "Nauru Foreign Affairs and", "United Nations Assistance Mission in": cut off
    if end - start > 1 and _list_number(doc, end - 1):
        end -= 1  # "Australian Federation of Islamic Councils 2. Sheikh X": the next item's number
    for i in range(start + 1, end):
        if doc[i].text == "(":  # "Organisation of Islamic Cooperation (OIC": the name stops there
            end = i
            break
    if end - start >= 2 and doc[start].text in PARTY_ADJECTIVES and doc[start + 1].lower_ in PARTY_QUALIFIED_BODIES:
        start += 1  # "the Republican Senate": the Senate, which a party holds; the party is read as a title word
    if start >= end or all(t.lower_ in STYLES or t.lower_ in PLURAL_STYLES for t in doc[start:end]):
        return None  # "Their Majesties": a style, nobody's name
    if start > 0 and doc[start - 1].text == "#" and not doc[start - 1].whitespace_:
        return None  # "the hashtags #MAGA and #TRUMP2020": tags, nobody who acts or speaks
    if end - start == 1 and doc[start].lower_ in _PRONOUN_WORDS and not doc[start].text.isupper():
        return None  # "They Can't Stop All of Us" with "Us" tagged as a country: a pronoun
    kind = LABEL_KINDS.get(ent.label_, EntityKind.ORGANIZATION)
    if end - start > 2 and doc[start].lower_ in _PERSONAL_HONORIFICS and all(t.text[:1].isupper() and t.is_alpha for t in doc[start + 1:end]):
        kind = EntityKind.PERSON  # "the Hon Julie Bishop" tagged as an organisation: only a person is addressed so
    if kind is EntityKind.PERSON and doc[end - 1].lower_ in _GOVERNMENT_WORDS:
        return None  # "the Gillard and Weatherill Governments": governments named for their leaders, no person
    if kind is EntityKind.PERSON:
        if all(t.lower_ in TITLE_HEADS or is_honorific(t) for t in doc[start:end]) and ent.end < len(doc) \
                and doc[ent.end].ent_type_ == "PERSON":
            return None  # "Taoiseach | Enda Kenny", "Emir Sheikh | Tamim": the first is the second's title
        start = _strip_title_words(doc, start, end)
        if end - start == 1 and doc[start].lower_ in TITLE_HEADS and end < len(doc) and doc[end].lower_ == "of":
            return None  # "X, Dean of UC Berkeley School of Law," with "Dean" tagged as a person: the office
        if end - start == 1 and (doc[start].tag_ == "VBG" or doc[start].lower_ in TITLE_MODIFIERS) \
                and _after_title(doc, start):
            return None  # "Minister Assisting the Prime Minister": a word of the title, not a name
        while end - start > 1 and (doc[end - 1].text in POSTNOMINALS or doc[end - 1].text == ","
                                   or doc[end - 1].lower_.rstrip(".") in _LIST_HONORIFICS):
            end -= 1  # "Martin Ferguson AM MP": the letters are honours and offices; "Abbott Mr | Ruddock": the next name's
    if kind is EntityKind.PERSON and end - start >= 2 and doc[start].lower_ in NAME_PARTICLES \
            and doc[start].text.islower() and start > 0 and _given_name_before(doc, start):
        start -= 1  # "Arnel | dela Vega": the tagger left the given name before the particle out
    text = doc[start:end].text.strip()
    for suffix in ("’s", "'s"):
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
    if not text or not (text[0].isupper() or text[0].isdigit() or _particle_name(text)):
        return None
    if kind is not EntityKind.PERSON and _only_title(text):
        return None  # "the Governor-General" tagged as a body: an office nobody is named for
    before = doc[start - 1] if start > 0 else None
    titled = before is not None and before.text[:1].isupper() and before.lower_ in TITLE_HEADS
    return Mention(start, end, text, kind, ent.label_, doc_title_before=titled)


def _given_name_before(doc: Doc, i: int) -> bool:
    """A capitalised untagged name word right before token ``i``, no title or form of address."""
    tok = doc[i - 1]
    return tok.is_alpha and tok.text[:1].isupper() and tok.tag_ == "NNP" and not tok.ent_type_ \
        and tok.lower_ not in TITLE_HEADS and tok.lower_ not in TITLE_MODIFIERS and not is_honorific(tok)


#: Last words of a place or institution named after a person ("King George Sound",
#: "General Santos City", "King George V School"): the name is no person's.
_NAMED_BODY_NOUNS = frozenset({"school", "college", "hospital", "museum", "library", "academy"})
_NAMED_PLACE_NOUNS = _NAMED_BODY_NOUNS | frozenset(
    {"sound", "city", "base", "bay", "island", "islands", "street", "road", "avenue", "airport", "station", "bridge",
     "park", "square", "stadium", "port", "river", "lake", "highway", "harbour", "harbor", "reef", "strait",
     "canal", "valley", "beach", "gulf", "peninsula", "county", "district", "building", "tower", "palace",
     "cathedral", "church", "mosque", "temple", "memorial", "oval", "arena", "centre", "center", "telescope",
     "observatory", "spacecraft"})

#: Of those, the words no one's surname is, which outvote the tagger's "person".
_UNNAMEABLE_PLACE_NOUNS = _NAMED_BODY_NOUNS | frozenset(
    {"city", "sound", "island", "islands", "airport", "station", "base", "bridge", "stadium", "cathedral", "mosque",
     "temple", "avenue", "road", "strait", "peninsula", "harbour", "harbor", "telescope", "observatory",
     "spacecraft"})

_TITLE_PREFIXES = frozenset({"prime", "vice", "deputy", "chief", "acting", "foreign", "first"})
#: Pronouns the tagger may read as names in a capitalised title ("They Can't Stop All of Us").
_PRONOUN_WORDS = frozenset({"us", "we", "it", "them", "they", "me", "him", "her", "you", "i"})


def _alias_case_fits(text: str) -> bool:
    """A short place alias matches only in capitals: "Us" in a title is no "US"."""
    short = text.replace(".", "")
    return len(short) > 3 or short.isupper()


def _list_number(doc: Doc, i: int) -> bool:
    """A number that opens the next item of a numbered list ("... Councils 2.
    Sheikh X, Mufti of Australia 3. Dr Y"): followed by a full stop, and the
    number before it opens an item too, so "Apollo 11." keeps its number."""
    tok = doc[i]
    if not (tok.is_digit and len(tok.text) <= 2 and i + 1 < len(doc) and doc[i + 1].text == "."):
        return False
    before = str(int(tok.text) - 1)
    return any(t.text == before and t.i + 1 < len(doc) and doc[t.i + 1].text == "." for t in doc[:i])


def _only_title(text: str) -> bool:
    words = text.lower().replace("-", " ").split()
    return bool(words) and all(w in TITLE_HEADS or w in _TITLE_PREFIXES for w in words) and words[-1] in TITLE_HEADS


def _org_shaped(ent: Span) -> bool:
    """A name the tagger filed as a product or work ("Civic Platform" as a
    PRODUCT) whose capitalised last word is an organisation noun: a body."""
    words = ent.text.split()
    return ent.label_ in ("PRODUCT", "WORK_OF_ART") and len(words) >= 2 \
        and all(w[:1].isupper() for w in words) and words[-1].lower() in ORG_LAST_WORDS


def _speaking_subject(root: Token) -> bool:
    """The name's head is the subject of a speech verb ("X said", "X of Y told")."""
    return root.dep_ == "nsubj" and root.head.lemma_.lower() in SPEECH_VERBS


def _speaker_shaped(ent: Span) -> int | None:
    """Where the name ends, for a two- or three-word name the tagger filed as
    a work or product that says something ("Crystal C'Bearing said", "Crystal
    C'Bearing of the X office told"): works do not speak, people do."""
    if ent.label_ not in ("WORK_OF_ART", "PRODUCT"):
        return None
    end = next((t.i for t in ent if t.lower_ in ("of", ",")), ent.end)
    name = ent.doc[ent.start:end]
    if not 2 <= len(name) <= 3 or not _speaking_subject(name.root):
        return None
    return end if all(t.tag_ == "NNP" and t.text[:1].isupper() and t.lower_ not in TITLE_HEADS for t in name) \
        else None


def _particle_name(text: str) -> bool:
    """"al-Muhandis", "el-Sisi": a name that starts with a lower-case particle."""
    particle, dash, rest = text.partition("-")
    return bool(dash) and particle in NAME_PARTICLES and rest[:1].isupper()


#: Descriptions the tagger takes into a name at the start of a sentence ("Actor Denzel Washington").
_DESCRIPTION_NOUNS = frozenset({"actor", "actress", "singer", "rapper", "comedian", "musician", "novelist", "poet",
                                "filmmaker", "playwright", "activist", "businessman", "businesswoman", "billionaire",
                                "entrepreneur", "footballer", "cricketer", "golfer", "boxer", "athlete"})


def _strip_title_words(doc: Doc, start: int, end: int) -> int:
    """"President Biden", "Ms Gillard" tagged whole as a person: the name starts after the title."""
    if doc[start].lower_ in _GIVEN_NAME_TITLES and end - start > 1 and doc[start + 1].tag_ == "NNP" \
            and (start == 0 or not doc[start - 1].text[:1].isupper() and doc[start - 1].lower_ not in ("the", "former")):
        return start  # "Dean Widders": a given name ("Law School Dean X", "the former Dean X" are titles)
    while end - start > 1 and (doc[start].lower_ in TITLE_HEADS or doc[start].lower_ in TITLE_MODIFIERS
                               or doc[start].lower_ in _DESCRIPTION_NOUNS
                               or is_honorific(doc[start]) or _style_word(doc, start)
                               or doc[start].lower_.endswith("s") and doc[start].lower_[:-1] in TITLE_HEADS
                               or doc[start].lower_ in ("of", "the") and start > 0
                               and doc[start - 1].lower_ in TITLE_HEADS):
        start += 1  # "President of Ukraine Volodymyr Zelenskyy": the place is split off later
    return start


#: Title words that are also given names, read as names at the start of a person's name.
_GIVEN_NAME_TITLES = frozenset({"dean"})


def _style_word(doc: Doc, i: int) -> bool:
    """"His Majesty", "Her Royal Highness": a style before a royal or an ambassador is no part of the name."""
    lower = doc[i].lower_
    return lower in STYLES or lower in ("his", "her", "royal") and i + 1 < len(doc) \
        and (doc[i + 1].lower_ in STYLES or doc[i + 1].lower_ == "royal")


def _is_name_word(tok: Token) -> bool:
    """A capitalised word that can continue a personal name (not a title, form of address or nationality)."""
    lower = tok.lower_
    return (tok.text[:1].isupper() and tok.is_alpha and tok.pos_ == "PROPN" and not tok.ent_type_
            and lower not in TITLE_HEADS and lower not in TITLE_MODIFIERS and lower not in HONORIFICS and tok.text != "HE"
            and lower not in STYLES
            and not (lower.endswith("s") and lower[:-1] in TITLE_HEADS)  # "Representatives A, B"
            and lower not in DEMONYMS and lower not in PLACE_ALIASES and tok.text not in POSTNOMINALS
            and lower not in _DESCRIPTION_NOUNS)


def _repair_mentions(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Boundaries the small model gets wrong, fixed from the words themselves.

    - "Presidential Spokesperson Harry Roque" tagged as one organisation:
      the title is cut off and the rest is a person;
    - "Archbishop of Gdańsk" tagged as an organisation: a title of a place,
      so only the place is a mention;
    - "Prime Minister Tuilaepa of Samoa" tagged as one person: the person
      stops before "of" and the place is a mention of its own;
    - "Lee Hsien" for "Lee Hsien Loong", "Staffan" for "Staffan di Mistura":
      a person's name runs on over untagged capitalised words and particles;
    - "Ms Quentin Bryce AC CVO": post-nominal letters are no part of the name.
    """
    out: list[Mention] = []
    taken = {i for m in mentions for i in range(m.start, m.end)}
    places = {alias_key(m.text) for m in mentions if m.label in ("GPE", "LOC")} | set(PLACE_ALIASES)
    persons = {m.text.split()[-1] for m in mentions if m.kind is EntityKind.PERSON}
    for m in mentions:
        for piece in _split_mention(doc, m, places, persons):
            if piece.kind is EntityKind.PERSON:
                piece = _extend_name(doc, piece, taken)
            out.append(piece)
    return sorted(out, key=lambda m: m.start)


def _join_split_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"Mohammed bin Abdulrahman | Al Thani" tagged as two people, "Ursula von der | Leyen" as a person and
    a place: a personal name that runs straight into another person's name, or that ends on a particle
    ("von der") before a capitalised name, is one name."""
    out: list[Mention] = []
    for m in mentions:  # (in text order: _repair_mentions sorts them)
        last = out[-1] if out else None
        if last is not None and last.kind is EntityKind.PERSON and m.start == last.end and m.end - m.start <= 3 \
                and doc[m.start].text[:1].isupper() and doc[last.end - 1].whitespace_ \
                and (m.kind is EntityKind.PERSON or doc[last.end - 1].lower_ in NAME_PARTICLES):
            start = next((i for i in range(last.start, last.end) if not _address_word(doc, i)), m.start)
            out[-1] = _mention(doc, start, m.end, EntityKind.PERSON, last.label, last.doc_title_before)
            continue  # ("H.E. Dr | Purnomo Yusgiantoro": the forms of address are no part of the name)
        out.append(m)
    return out


#: Last words of a chamber's or body's name that a person's name may run into ("House of Representatives Darin LaHood").
_CHAMBER_ENDS = ORG_LAST_WORDS | {"representatives", "commons", "lords", "deputies", "states", "international"}


def _split_body_from_name(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"members of the House of Representatives Darin LaHood and Mike Bost"
    tagged as one organisation: the body's name ends on its last word and the
    two or three name words after it are a person, when a title comes before
    the body or another person is listed right after; so are two or three
    name words after a comma inside a body's span."""
    persons = {m.start for m in mentions if m.kind is EntityKind.PERSON}
    out: list[Mention] = []
    for m in mentions:
        comma = next((k for k in range(m.end - 2, m.start, -1) if doc[k].text == ","), None)
        if m.kind is not EntityKind.PERSON and comma is not None and 2 <= m.end - comma - 1 <= 3 \
                and all(_strict_name_word(doc[j]) for j in range(comma + 1, m.end)):
            out.append(Mention(m.start, comma, doc[m.start:comma].text, m.kind, m.label))
            out.append(Mention(comma + 1, m.end, doc[comma + 1:m.end].text, EntityKind.PERSON, "PERSON"))
            continue  # "the Islamic Council of Victoria, Bayram Aktepe" tagged as one body
        cut = next((k for k in range(m.end - 5, m.end - 1) if k > m.start and doc[k - 1].lower_ in _CHAMBER_ENDS
                    and _name_words(doc, k, m.end)), None) \
            if m.kind is EntityKind.ORGANIZATION and m.end - m.start >= 3 else None
        listed = m.end + 1 < len(doc) and doc[m.end].lower_ in ("and", ",") and m.end + 1 in persons
        of = m.start - 1 - (m.start >= 1 and doc[m.start - 1].lower_ == "the")  # "President of the European ..."
        titled = of >= 1 and doc[of].lower_ == "of" and (
            doc[of - 1].lower_ in TITLE_HEADS or doc[of - 1].lower_.rstrip("s") in TITLE_HEADS)
        if cut is None or not (listed or titled):
            out.append(m)
            continue
        out.append(Mention(m.start, cut, doc[m.start:cut].text, m.kind, m.label))
        out.append(Mention(cut, m.end, doc[cut:m.end].text, EntityKind.PERSON, "PERSON"))
    return out


def _name_words(doc: Doc, start: int, end: int) -> bool:
    """Two or three name words, a hyphenated one counting once ("Jean-Claude Juncker")."""
    words = 0
    for j in range(start, end):
        joined = doc[j].text == "-" and j > start and not doc[j - 1].whitespace_ and not doc[j].whitespace_
        if joined or j > start and doc[j - 1].text == "-" and not doc[j - 1].whitespace_:
            if not joined and not (_strict_name_word(doc[j]) or doc[j].is_alpha and doc[j].is_lower):
                return False  # "Man-kei Tam": a lower-case syllable after the hyphen
            continue
        if not _strict_name_word(doc[j]):
            return False
        words += 1
    return 2 <= words <= 3


def _address_word(doc: Doc, i: int) -> bool:
    """A form of address or style before a name: "Mr", "H.E.", "Her Excellency", the Malay "Hj"."""
    return is_honorific(doc[i]) or doc[i].text == "H.E." or doc[i].lower_ == "hj" or _style_word(doc, i)


def _mention(doc: Doc, start: int, end: int, kind: EntityKind, label: str, titled: bool = False) -> Mention:
    return Mention(start, end, doc[start:end].text, kind, label, doc_title_before=titled)


#: Forms of address that start a new name when one turns up inside a tagged person ("Mr Abbott Mr Ruddock").
_LIST_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "senator"})


def _split_mention(doc: Doc, m: Mention, places: set[str], persons: set[str]) -> list[Mention]:
    """One mention as the pieces it really names (see ``_repair_mentions``)."""
    toks = list(range(m.start, m.end))
    words = [doc[i].lower_ for i in toks]
    if m.kind is not EntityKind.PERSON and len(toks) >= 3 and words[0] in TITLE_HEADS and words[1] in ("for", "to") \
            and doc[m.start].text[:1].isupper():
        return []  # "the Minister for Trade" tagged as a body: a title, read by the title rules
    if m.kind is not EntityKind.PERSON and len(toks) >= 3 and words[0] in TITLE_HEADS and words[1] == "of":
        rest = m.start + 2 + (1 if words[2] == "the" else 0)
        if rest < m.end:
            kind = EntityKind.PLACE if alias_key(doc[rest:m.end].text) in places else m.kind
            return [_mention(doc, rest, m.end, kind, m.label)]
        return []
    if m.kind is not EntityKind.PERSON and len(toks) >= 2 and words[-1] in TITLE_HEADS \
            and doc[m.end - 1].text[:1].isupper() and m.end < len(doc) and doc[m.end].text[:1].isupper():
        end = m.end - 1  # "Coast Guard Commandant Admiral X" tagged as one body: the title is no part of it
        while end - m.start > 1 and words[end - 1 - m.start] in TITLE_HEADS | TITLE_MODIFIERS:
            end -= 1
        return [_mention(doc, m.start, end, m.kind, m.label)]
    if m.kind is not EntityKind.PERSON and "in" in words[1:-1] and m.start > 0 \
            and (doc[m.start - 1].lower_ in _LOCATIVE_PREPS or doc[m.start - 1].lower_ == "of"
                 and m.start > 1 and doc[m.start - 2].lower_ in PLACE_NOUNS):
        cut = m.start + words.index("in", 1)  # "from Tomsk in Siberia" tagged as one organisation: two places
        if all(doc[i].text[:1].isupper() and doc[i].is_alpha for i in [*range(m.start, cut), *range(cut + 1, m.end)]) \
                and cut - m.start <= 3 and m.end - cut - 1 <= 3:
            return [_mention(doc, m.start, cut, EntityKind.PLACE, "GPE"),
                    _mention(doc, cut + 1, m.end, EntityKind.PLACE, "GPE")]
    if m.kind is not EntityKind.PERSON and len(toks) >= 3 and m.start >= 2 and doc[m.start - 1].lower_ == "for" \
            and doc[m.start - 2].lower_ in PORTFOLIO_HEADS and doc[m.start - 2].text[:1].isupper() \
            and words[-1] not in ORG_LAST_WORDS and words[-3] not in ("and", "&", ",") \
            and all(_strict_name_word(doc[i]) and not _written_lower(doc, doc[i].lower_) for i in (m.end - 2, m.end - 1)):
        return [_mention(doc, m.end - 2, m.end, EntityKind.PERSON, "PERSON", titled=True)]  # "for Employment | Jason Clare"
    if m.kind is not EntityKind.PERSON:
        body = next((n for n in range(len(toks) - 1, 0, -1) if alias_key(doc[m.start:m.start + n].text) in places), 0)
        lead = body  # "United States Representative Elijah Cummings": a place, a title, a name
        while lead < len(toks) and doc[toks[lead]].text[:1].isupper() and (
                words[lead] in TITLE_HEADS or words[lead] in TITLE_MODIFIERS):
            lead += 1
        rest = toks[lead:]
        if lead > body and m.label != "FAC" and any(w in TITLE_HEADS for w in words[body:lead]) \
                and (2 <= len(rest) <= 4 or len(rest) == 1 and body == 0 and _trimmed_verb(doc, m.start)
                     and _strict_name_word(doc[toks[lead]])) \
                and all(_name_like(doc[i]) and doc[i].tag_ != "NNPS" for i in rest) \
                and not any(words[n] in ORG_LAST_WORDS or words[n] in ORG_HEAD_NOUNS for n in range(lead, len(toks))) \
                and (words[-1] not in _NAMED_PLACE_NOUNS or "of" in words):  # "King George Sound": a place
            person = _mention(doc, m.start + lead, m.end, EntityKind.PERSON, "PERSON", titled=True)
            if body:
                return [_mention(doc, m.start, m.start + body, EntityKind.PLACE, "GPE"), person]
            return [person]
        for cut in range(m.start + 1, m.end - 1):  # "Tasmania Lara Giddings": a place, then a person
            if alias_key(doc[m.start:cut].text) in places and doc[m.end - 1].text in persons \
                    and all(_name_like(doc[i]) for i in range(cut, m.end)):
                return [_mention(doc, m.start, cut, EntityKind.PLACE, "GPE"),
                        _mention(doc, cut, m.end, EntityKind.PERSON, "PERSON")]
        cut = m.end - 2  # "Senator from Vermont Bernie Sanders": after a title, a place and a two-word name
        if cut > m.start and _after_title(doc, m.start) \
                and (alias_key(doc[m.start:cut].text) in places
                     or doc[m.start - 1].lower_ in ("from", "of") and m.label not in ("GPE", "LOC")) \
                and all(_strict_name_word(doc[i]) for i in range(cut, m.end)):
            return [_mention(doc, m.start, cut, EntityKind.PLACE, "GPE"),
                    _mention(doc, cut, m.end, EntityKind.PERSON, "PERSON", titled=True)]
        of = m.start + words.index("of", 1) if "of" in words[1:-1] else 0
        if of and 2 <= of - m.start <= 3 and m.start > 0 and doc[m.start - 1].lower_ in ("and", ",") \
                and alias_key(doc[of + 1:m.end].text) in places \
                and all(_strict_name_word(doc[i]) for i in range(m.start, of)):
            return [_mention(doc, m.start, of, EntityKind.PERSON, "PERSON"),  # "... and Macky Sall of Senegal"
                    _mention(doc, of + 1, m.end, EntityKind.PLACE, "GPE")]
        return [m]
    for cut in range(m.start + 1, m.end - 1):  # "Peru Jon Philp": a place before a two-word name
        if alias_key(doc[m.start:cut].text) in places and m.end - cut >= 2 \
                and all(_name_like(doc[i]) for i in range(cut, m.end)):
            return [_mention(doc, m.start, cut, EntityKind.PLACE, "GPE"),
                    _mention(doc, cut, m.end, EntityKind.PERSON, m.label)]
    if "of" in words[1:-1]:
        cut = m.start + words.index("of", 1)
        tail = doc[cut + 1:m.end]
        if alias_key(tail.text) in places:
            return [_mention(doc, m.start, cut, EntityKind.PERSON, m.label, m.doc_title_before),
                    _mention(doc, cut + 1, m.end, EntityKind.PLACE, "GPE")]
    end = m.end
    while end - m.start > 2 and doc[end - 1].text.isupper() and 2 <= len(doc[end - 1].text) <= 4 \
            and doc[end - 1].is_alpha:
        end -= 1  # "Quentin Bryce AC CVO"
    if end != m.end:
        return [_mention(doc, m.start, end, m.kind, m.label, m.doc_title_before)]
    return _listed_people(doc, m)


def _listed_people(doc: Doc, m: Mention) -> list[Mention]:
    """"Senator Vanstone Dr Nelson" tagged as one person: names listed without
    commas, each after its own form of address, are two people."""
    inner = [i for i in range(m.start + 1, m.end - 1)
             if doc[i].lower_.rstrip(".") in _LIST_HONORIFICS and doc[i].text[:1].isupper()]
    if m.kind is not EntityKind.PERSON or not inner or not all(
            doc[i - 1].text[:1].isupper() and doc[i - 1].is_alpha and doc[i - 1].lower_ not in HONORIFICS for i in inner):
        return [m]
    cuts = [m.start, *inner, m.end]
    return [_mention(doc, a + (a in inner), b, m.kind, m.label) for a, b in pairwise(cuts) if b - a - (a in inner) >= 1]


def _trimmed_verb(doc: Doc, start: int) -> bool:
    """The tagger's span began with the verb before ``start`` ("meet President X"):
    a sign it read a title and a name as an organisation."""
    return start > 0 and doc[start - 1].ent_type_ != "" and doc[start - 1].pos_ in ("VERB", "AUX")


def _after_title(doc: Doc, start: int) -> bool:
    """A title word, or a title word and "from"/"of", right before ``start``."""
    j = start - 1
    if j >= 1 and doc[j].lower_ in ("from", "of"):
        j -= 1
    return j >= 0 and doc[j].lower_ in TITLE_HEADS and doc[j].text[:1].isupper()


def _strict_name_word(tok: Token) -> bool:
    """A word that can only be part of a personal name here: capitalised, no
    title, organisation or place word, not plural."""
    lower = tok.lower_
    return (tok.text[:1].isupper() and tok.is_alpha and tok.tag_ == "NNP" and lower not in TITLE_HEADS
            and lower not in TITLE_MODIFIERS and lower not in ORG_LAST_WORDS and lower not in ORG_HEAD_NOUNS
            and lower not in PLACE_ALIASES and lower not in DEMONYMS and tok.text not in POSTNOMINALS)


def _name_like(tok: Token) -> bool:
    return tok.text[:1].isupper() and (tok.is_alpha or "-" in tok.text) and tok.lower_ not in TITLE_HEADS


def _extend_name(doc: Doc, m: Mention, taken: set[int]) -> Mention:
    """A person's name runs on over untagged name words ("Lee Hsien Loong")
    and over particles followed by one ("Staffan di Mistura")."""
    start, end = m.start, m.end
    while end < len(doc) and end not in taken:
        tok = doc[end]
        if _is_name_word(tok) and not tok.is_sent_start:
            end += 1
        elif _ELIDED_PARTICLE.fullmatch(tok.text) and not tok.ent_type_:
            end += 1  # "Valéry Giscard d'Estaing": an elided particle joined to its name
        elif tok.text == "-" and not doc[end - 1].whitespace_ and not tok.whitespace_ and end + 1 < len(doc) \
                and doc[end + 1].is_alpha and doc[end + 1].text.islower() and len(doc[end + 1]) <= 5 \
                and m.kind is EntityKind.PERSON and (doc[end - 1].text[:1].isupper() or doc[end - 2].text == "-"):
            end += 2  # "Moon Jae-in", "Prayuth Chan-o-cha": the tagger stops at the hyphen of a name
        elif tok.lower_ in NAME_PARTICLES and tok.text.islower() and end + 1 < len(doc) \
                and doc[end + 1].text[:1].isupper() and doc[end + 1].is_alpha and end + 1 not in taken:
            end += 2
        else:
            break
    while start > 0 and start - 1 not in taken and _is_name_word(doc[start - 1]) and not doc[start - 1].is_sent_start \
            and doc[start - 1].tag_ == "NNP" and doc[start - 1].dep_ in ("compound", "nmod", "flat") \
            and not portfolio_opens(doc, start - 1):
        start -= 1
    if (start, end) == (m.start, m.end):
        return m
    return _mention(doc, start, end, m.kind, m.label, m.doc_title_before or _title_before(doc, start))


def _in_portfolio(doc: Doc, i: int) -> bool:
    """Capitalised words and "and" lead back from ``i`` to a minister's "for" ("Minister for Defence | Materiel")."""
    j = i - 1
    while j >= 2 and i - j <= 6 and (doc[j].text[:1].isupper() and doc[j].is_alpha or doc[j].lower_ == "and"):
        j -= 1
    return j < i - 1 and portfolio_opens(doc, j + 1)


def portfolio_opens(doc: Doc, i: int) -> bool:
    """The word is the first of a minister's portfolio ("Minister for Youth Kate Ellis"), no name word."""
    return i >= 2 and doc[i - 1].lower_ == "for" and doc[i - 2].lower_ in PORTFOLIO_HEADS and doc[i - 2].text[:1].isupper()


def _title_before(doc: Doc, start: int) -> bool:
    before = doc[start - 1] if start > 0 else None
    return before is not None and before.text[:1].isupper() and before.lower_ in TITLE_HEADS


def _portfolio_before_a_name(doc: Doc, m: Mention) -> bool:
    """"Road Transport and Bridges Minister Obaidul Quader" with "Bridges"
    tagged as a person: a one-word name right before a capitalised minister's
    title that another name follows is the title's portfolio."""
    return m.end - m.start == 1 and m.end + 1 < len(doc) and doc[m.end].lower_ in PORTFOLIO_HEADS \
        and doc[m.end].text[:1].isupper() and doc[m.end + 1].ent_type_ == "PERSON" \
        and m.start > 0 and doc[m.start - 1].lower_ in ("and", "&")


def listed_portfolios(text: str) -> bool:
    """"Communications and Information Technology", "Tourism, Resources and
    Energy", "Regional Development and Local Government": every listed item
    ends on a portfolio's last word (no acronym: "NSW Transport and ..." is a
    state's)."""
    items = [item.split() for item in re.split(r",|\band\b|&", text)]
    items = [item[1:] if item and item[0].lower() == "the" else item for item in items]  # "and the Digital Economy"
    return len(items) > 1 and all(item and (item[-1].lower() in PORTFOLIO_LAST_WORDS
                                            or [w.lower() for w in item[-2:]] == ["local", "government"])
                                  for item in items) \
        and not any(word.isupper() for item in items for word in item)


def _inside_title(doc: Doc, m: Mention) -> bool:
    """"State" in "Secretary of State", "Defence" in "the Defence Secretary":
    part of a title, not an organisation."""
    if m.kind is EntityKind.PERSON:
        return _portfolio_before_a_name(doc, m)
    if m.end < len(doc) and doc[m.end].lower_ in PORTFOLIO_HEADS and doc[m.end].text[:1].isupper() \
            and m.text.split()[-1].lower() in PORTFOLIO_LAST_WORDS \
            and (len(m.text.split()) <= 3 or listed_portfolios(m.text)) \
            and not any(w.lower() in ("of", "department", "ministry", "office") for w in m.text.split()) \
            and not (m.start > 0 and doc[m.start - 1].lower_ == "the"):
        return True  # "India's External Affairs Minister X": the portfolio of the title, no body
    if m.kind is EntityKind.ORGANIZATION and m.end + 2 < len(doc) and doc[m.end].lower_ in ("and", "&") \
            and doc[m.end + 1].text[:1].isupper() and doc[m.end + 1].lower_ not in TITLE_MODIFIERS \
            and doc[m.end + 1].lower_ not in TITLE_HEADS \
            and doc[m.end + 2].lower_ in PORTFOLIO_HEADS and doc[m.end + 2].text[:1].isupper() \
            and doc[m.end + 3 if m.end + 3 < len(doc) else m.end + 2].ent_type_ == "PERSON":
        return True  # "Bangladeshi Road Transport | and Bridges Minister X": the portfolio's first half
    if m.end - m.start == 1 and m.end < len(doc) and doc[m.end].ent_type_ == "PERSON" \
            and (doc[m.start].lower_ in TITLE_HEADS or doc[m.start].lower_.rstrip("s") in TITLE_HEADS):
        return True  # "Representatives | Eliot Engel, Adam Schiff": a title before names, no body
    words = alias_key(m.text)
    if m.end < len(doc) and doc[m.end].lower_ in TITLE_HEADS and words in TITLE_MODIFIERS \
            and words not in ("house", "senate"):  # "House Speaker X": the Speaker of the House
        return True
    if words not in TITLE_OF_WORDS:
        return False
    j = m.start - 1 if m.start > 0 and doc[m.start - 1].lower_ != "the" else m.start - 2  # "of the Exchequer"
    return j >= 1 and doc[j].lower_ == "of" and doc[j - 1].lower_ in TITLE_HEADS


#: The first words of every known organisation name of two or more words.
_ORG_NAME_STARTS = frozenset(" ".join(key.split()[:n]) for key in ORG_ALIASES
                             for n in range(1, len(key.split())))


def _extend_to_known_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"The Islamic State of Iraq and the Levant" cut by the tagger after "Iraq":
    a mention that runs on into a known organisation's full name takes it
    whole (the mentions it swallows go)."""
    out: list[Mention] = []
    swallowed: set[int] = set()
    for m in sorted(mentions, key=lambda x: x.start):
        if m.start in swallowed:
            continue
        if alias_key(m.text) not in _ORG_NAME_STARTS:
            out.append(m)  # no known name starts so: one look-up instead of five
            continue
        longer = next((end for end in range(min(len(doc), m.end + 5), m.end, -1)
                       if doc[end - 1].is_alpha and alias_key(doc[m.start:end].text) in ORG_ALIASES
                       and not any(t.is_sent_start for t in doc[m.start + 1:end])), None)
        if longer is not None and m.kind is not EntityKind.PERSON:
            swallowed |= set(range(m.end, longer))
            m = Mention(m.start, longer, doc[m.start:longer].text, EntityKind.ORGANIZATION, "ORG")
        out.append(m)
    return out


def _extend_org_head(doc: Doc, m: Mention) -> Mention:
    """"the Biden administration": a person's name before an organisation noun.
    "the Malcolm McIntosh Prize": before an honour's noun, an honour."""
    nxt = doc[m.end] if m.end < len(doc) else None
    if m.kind is EntityKind.PERSON and m.end - m.start > 1 and doc[m.end - 1].lower_ in _HONOUR_NOUNS:
        return Mention(m.start, m.end, m.text, EntityKind.EVENT, "EVENT")
    if m.kind is EntityKind.PERSON and nxt is not None and nxt.lower_ in _HONOUR_NOUNS and nxt.text[:1].isupper():
        return Mention(m.start, m.end + 1, f"{m.text} {nxt.text}", EntityKind.EVENT, "EVENT")
    if nxt is not None and nxt.lower_ in ORG_HEAD_NOUNS and m.kind is EntityKind.PERSON:
        return Mention(m.start, m.end + 1, f"{m.text} {nxt.text}", EntityKind.ORGANIZATION, "ORG")
    if nxt is not None and m.kind is EntityKind.PLACE:
        end = _body_after_place(doc, m.end)
        if end is not None:  # "the United States District Court": the place names the body, untagged
            return Mention(m.start, end, doc[m.start:end].text, EntityKind.ORGANIZATION, "ORG")
    if nxt is not None and m.kind is EntityKind.ORGANIZATION and not nxt.ent_type_ and nxt.tag_ == "NNP" \
            and nxt.text[:1].isupper() and nxt.lower_ in _MEDIA_LAST_WORDS | ORG_LAST_WORDS:
        return Mention(m.start, m.end + 1, f"{m.text} {nxt.text}", m.kind, m.label)  # "Abu Dhabi" + "Media"
    return m


def _body_after_place(doc: Doc, start: int) -> int | None:
    """Where an untagged body name right after a place ends: up to three
    capitalised words, the last a body's last word ("District Court", "Coast Guard")."""
    end = None
    for i in range(start, min(start + 3, len(doc))):
        tok = doc[i]
        if tok.ent_type_ or tok.tag_ != "NNP" or not tok.text[:1].isupper() or not tok.is_alpha:
            break
        if tok.lower_ in ORG_LAST_WORDS:
            end = i + 1
    return end


def _whole_committee_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"the House Oversight and Reform Committee", "the Select Committee on
    Benghazi": a committee's name runs over "and" before its head noun and over
    "on"/"for" after it, and back to its "the" over untagged capitalised
    words, where the tagger cut it."""
    out = list(mentions)
    grown: list[Mention] = []  # the names that ran on; what they swallowed goes
    for n, m in enumerate(out):
        if m.kind is not EntityKind.ORGANIZATION or doc[m.end - 1].lower_ not in _COMMITTEE_NOUNS:
            continue
        start, end = m.start, m.end
        if end + 1 < len(doc) and doc[end].lower_ in ("on", "for") and _capital_word(doc[end + 1]):
            end += 1
            while end < len(doc) and end - m.end <= 4 and (_capital_word(doc[end]) or doc[end].lower_ == "and"
                                                          and end + 1 < len(doc) and _capital_word(doc[end + 1])):
                end += 1
        first = start
        while first > 1 and _capital_word(doc[first - 1]) and not doc[first - 1].ent_type_ \
                and not doc[first - 1].is_sent_start and start - first < 3:
            first -= 1
        if first < start and doc[first - 1].lower_ == "the":
            start = first  # "the Strategic Maritime Management Committee", tagged from "Maritime"
        if start >= 2 and doc[start - 1].lower_ == "and" and _capital_word(doc[start - 2]):
            start -= 1
            while start > 0 and m.start - start <= 4 and _capital_word(doc[start - 1]) and not doc[start - 1].is_sent_start:
                start -= 1
        if (start, end) != (m.start, m.end):
            out[n] = Mention(start, end, doc[start:end].text, m.kind, m.label)
            grown.append(out[n])
    return _without_swallowed(out, grown)


def _whole_department_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"the Department of the Prime | Minister and Cabinet", "the Department of
    Foreign Affairs and | Trade": a department's (ministry's, office's) name cut
    inside a portfolio of two parts joined by "and" runs on to the second
    part's capitalised words (not over a form of address or a person)."""
    out = list(mentions)
    grown: list[Mention] = []
    starts = {o.start: o for o in mentions}
    for n, m in enumerate(out):
        words = m.text.split()
        if m.kind is EntityKind.ORGANIZATION and len(words) == 1 and words[0].lower() in DEPARTMENT_HEADS \
                and m.end + 1 < len(doc) and doc[m.end].lower_ == "of":
            after = m.end + 1 + (doc[m.end + 1].lower_ == "the")
            body = starts.get(after)
            end = body.end if body is not None and body.kind is EntityKind.ORGANIZATION else after
            while body is None and end < len(doc) and end - after < 4 and _department_word(doc, end) \
                    and doc[end].lower_ not in TITLE_HEADS:
                end += 1  # "Department of the | Treasury Secretary X", the portfolio read into the title
            if end > after:  # "Department of the | Treasury"
                out[n] = Mention(m.start, end, doc[m.start:end].text, m.kind, m.label)
                grown.append(out[n])
            continue
        if m.kind is not EntityKind.ORGANIZATION or len(words) < 2 or words[0].lower() not in DEPARTMENT_HEADS \
                or words[1].lower() != "of":
            continue
        end = m.end
        if doc[end - 1].lower_ != "and":  # "... the Prime | Minister and Cabinet": up to the "and"
            while end < m.end + 2 and end < len(doc) and _department_word(doc, end):
                end += 1
            if end >= len(doc) or doc[end].lower_ != "and":
                continue
            end += 1
        after = end
        while end < len(doc) and end - after < 3 and _department_word(doc, end) \
                and (end == after or doc[end].lower_ not in TITLE_HEADS):
            end += 1
        if end > after:
            out[n] = Mention(m.start, end, doc[m.start:end].text, m.kind, m.label)
            grown.append(out[n])
    return _without_swallowed(out, grown)


def _department_word(doc: Doc, i: int) -> bool:
    return _capital_word(doc[i]) and not is_honorific(doc[i]) and doc[i].ent_type_ != "PERSON"


#: First words of a department's name ("Department of X", "Ministry of Y").
DEPARTMENT_HEADS = frozenset({"department", "ministry", "office"})


def _without_swallowed(mentions: list[Mention], grown: list[Mention]) -> list[Mention]:
    """The mentions less those a grown name now covers (the name ran on over them)."""
    return [m for m in mentions if not any(o is not m and o.start <= m.start and m.end <= o.end for o in grown)]


def _names_their_acronym_spells(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"the National Institute of Allergy and Infectious Diseases (NIAID)": the
    tagger cut the name at "and", but the acronym it defines spells the whole
    name, so the name runs on to the bracket."""
    out = list(mentions)
    for n, m in enumerate(out):
        end = _bracket_after_name(doc, m)
        if end is None:
            continue
        acronym = doc[end + 1].text.replace(".", "")
        if not _initials(m.text).endswith(acronym) and _initials(doc[m.start:end].text).endswith(acronym):
            out[n] = Mention(m.start, end, doc[m.start:end].text, m.kind, m.label)
    grown = [m for m, before in zip(out, mentions) if m is not before]
    if not grown:
        return out
    return _without_swallowed(out, grown)


def _university_campuses(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"the University of California, Los Angeles": a university's campus after
    a comma is part of its name (one or two capitalised words, then no list)."""
    out: list[Mention] = []
    skip: set[int] = set()
    for n, m in enumerate(mentions):
        if id(m) in skip:
            continue
        end = m.end
        if m.kind is EntityKind.ORGANIZATION and m.text.lower().startswith("university of") and end + 1 < len(doc) \
                and doc[end].text == ",":
            k = end + 1
            while k < len(doc) and k - end <= 2 and doc[k].text[:1].isupper() and doc[k].is_alpha:
                k += 1
            after = doc[k] if k < len(doc) else None
            if k > end + 1 and not (after is not None and after.lower_ in ("and", "or")) \
                    and not (after is not None and after.text == "," and k + 1 < len(doc) and doc[k + 1].lower_ == "and"):
                for o in mentions[n + 1:]:
                    if o.start < k:
                        skip.add(id(o))
                m = Mention(m.start, k, doc[m.start:k].text, m.kind, m.label)
        out.append(m)
    return out


def _bracket_after_name(doc: Doc, m: Mention) -> int | None:
    """Where "(" stands when at most five capitalised or joining words lead
    from a body's name to a bracketed acronym, else None."""
    if m.kind is not EntityKind.ORGANIZATION:
        return None
    end = m.end
    while end < len(doc) and end - m.end <= 5 and doc[end].text != "(":
        if not (_capital_word(doc[end]) or doc[end].lower_ in ("and", "of", "for", "&")):
            return None
        end += 1
    if end == m.end or end + 2 >= len(doc) or doc[end].text != "(" or doc[end + 2].text != ")" \
            or not _acronym_shaped(doc[end + 1].text) or len(doc[end + 1].text.replace(".", "")) < 3:
        return None
    return end


def _capital_word(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.is_alpha and tok.ent_type_ != "PERSON"


#: Jobs of running a body, written in lower case before "of" and the body ("the general manager of X").
_BODY_RUNNING_TITLES = frozenset({"manager", "director", "chairman", "chairwoman", "chairperson", "chef", "owner",
                                  "founder", "co-founder", "executive", "ceo", "proprietor", "editor", "principal",
                                  "headmaster", "dean"})


def _fix_kinds(doc: Doc, mentions: list[Mention]) -> None:
    """Let the document outvote a single mislabelling, and the alias tables all votes.

    A name tagged as a person once is a person everywhere; so is the first
    or last word of a full personal name ("Jamal" beside "Jamal Khashoggi"),
    unless the alias tables know it as a place.  A name whose last word is an
    organisation noun ("Civic Platform") is an organisation; a name coordinated
    with personal names ("A B, C D and E F") is a person; between place and
    organisation the majority of the document's taggings decides.
    """
    votes: dict[str, Counter[EntityKind]] = {}
    name_words: set[str] = set()
    for m in mentions:
        votes.setdefault(m.text, Counter())[m.kind] += 1
    for m in mentions:
        if m.kind is EntityKind.PERSON and " " in m.text:
            words = m.text.split()
            if _acronym_named(words[0], votes):
                m.kind = EntityKind.ORGANIZATION  # "NSW Disaster Assistance Arrangements": no person's name
                continue
            name_words.update((words[0], words[-1]))
    name_keys = {alias_key(w) for w in name_words}
    _places_after_in(doc, mentions, votes)
    _bodies_after_body_titles(doc, mentions, votes)
    person_tokens = {i for m in mentions if m.kind is EntityKind.PERSON for i in range(m.start, m.end)}
    place_tokens = {i for m in mentions if m.kind is EntityKind.PLACE or alias_key(m.text) in PLACE_ALIASES
                    or alias_key(m.text) in CAPITALS for i in range(m.start, m.end)}
    for m in mentions:
        key = alias_key(m.text)
        last = m.text.split()[-1].lower()
        if m.start > 0 and doc[m.start - 1].lower_ in KIN_NOUNS and key not in ORG_ALIASES:
            m.kind = EntityKind.PERSON  # "his wife Therese Rein": only a person is someone's wife
            while m.end < len(doc) and m.end - m.start < 4 and _is_name_word(doc[m.end]):
                m.end += 1  # the tagger took "Therese" alone (as a nationality)
            m.text = doc[m.start:m.end].text
        elif key in ORG_ALIASES and (m.kind is not EntityKind.PERSON or " " not in m.text and key not in name_keys):
            m.kind = EntityKind.ORGANIZATION
        elif (key in PLACE_ALIASES or key in CAPITALS) \
                and m.kind in (EntityKind.ORGANIZATION, EntityKind.PLACE, EntityKind.PERSON):
            m.kind = EntityKind.PLACE if key not in name_keys or m.kind is not EntityKind.PERSON else m.kind
        elif (last in ORG_LAST_WORDS or last in _MEDIA_LAST_WORDS) and len(m.text.split()) > 1 \
                and m.kind is not EntityKind.EVENT:
            m.kind = EntityKind.ORGANIZATION
        elif m.kind is EntityKind.PERSON and " " not in m.text and m.text not in name_words \
                and not votes[m.text][EntityKind.PERSON] - 1 and _listed_with_places(doc, m, place_tokens):
            m.kind = EntityKind.PLACE  # "will visit Canberra, Hobart and Perth": one place in a list of places
            place_tokens.update(range(m.start, m.end))
        elif len(m.text.split()) > 1 and m.text.split()[-1][:1].isupper() and "of" not in m.text.split() and (
                last in _NAMED_PLACE_NOUNS and m.label in ("GPE", "LOC", "FAC") or last in _UNNAMEABLE_PLACE_NOUNS):
            m.kind = EntityKind.ORGANIZATION if last in _NAMED_BODY_NOUNS else EntityKind.PLACE  # "Santos City"
        elif votes[m.text][EntityKind.PERSON] or m.text in name_words or (_titled(m) and m.label != "FAC") \
                or _speaks_for_a_body(doc, m) \
                or _after_a_titled_body(doc, m, mentions) or _who_follows(doc, m) \
                or _after_lower_title(doc, m) \
                or _listed_with_people(doc, m, person_tokens) or _apposed_to_title(doc, m) or _addressed(doc, m):
            m.kind = EntityKind.PERSON
        elif m.kind in (EntityKind.ORGANIZATION, EntityKind.PLACE):
            other = EntityKind.PLACE if m.kind is EntityKind.ORGANIZATION else EntityKind.ORGANIZATION
            if votes[m.text][other] > votes[m.text][m.kind]:
                m.kind = other


def _acronym_named(first: str, votes: dict[str, Counter[EntityKind]]) -> bool:
    """A name opening on an acronym the document tags alone as a place or a
    body ("NSW" beside "NSW Disaster Assistance Arrangements" tagged as a
    person) names a body: personal names do not start with one."""
    tally = votes.get(first)
    return len(first) >= 3 and first.isupper() and first.isalpha() and tally is not None \
        and tally[EntityKind.PLACE] + tally[EntityKind.ORGANIZATION] > 0


def _speaks_for_a_body(doc: Doc, m: Mention) -> bool:
    """"Nils-Erik Haagenrud of Rogaland Fire and Rescue said" with the name
    tagged as a body: a name of two or three name words, then "of" and a
    body, speaking, is a person speaking for that body."""
    words = [t for t in doc[m.start:m.end] if t.text != "-"]
    if m.kind is not EntityKind.ORGANIZATION or not 2 <= len(words) <= 4 or m.end + 1 >= len(doc) \
            or doc[m.end].lower_ != "of" or doc[m.end + 1].ent_type_ != "ORG":
        return False
    return _speaking_subject(doc[m.start:m.end].root) and all(
        t.text[:1].isupper() and t.is_alpha and t.lower_ not in ORG_LAST_WORDS and t.lower_ not in ORG_HEAD_NOUNS
        and t.lower_ not in TITLE_HEADS and t.lower_ not in PLACE_ALIASES for t in words)


def _after_a_titled_body(doc: Doc, m: Mention, mentions: list[Mention]) -> bool:
    """"Former US Ambassador to the United Nations Nikki Haley": a two- or
    three-word name right after a title's body ("to the United Nations", "of
    the Treasury") is the title holder, not another body."""
    words = m.text.split()
    if m.kind is EntityKind.PERSON or not 2 <= len(words) <= 3 or not all(_strict_name_word(t) for t in doc[m.start:m.end]):
        return False
    body = next((o for o in mentions if o.end == m.start and o is not m), None)
    if body is None or body.kind is EntityKind.PERSON:
        return False
    j = body.start - 1
    if j >= 0 and doc[j].lower_ == "the":
        j -= 1
    return j >= 1 and doc[j].lower_ in ("to", "of", "for") and doc[j - 1].lower_ in TITLE_HEADS \
        and doc[j - 1].text[:1].isupper()


def _who_follows(doc: Doc, m: Mention) -> bool:
    """"Kamikawa, who visited Kyiv": only a person is a "who" (one word or two, no body word; not a region
    after a comma, as "the mayor of South Bend, Indiana, who")."""
    return m.end + 1 < len(doc) and doc[m.end].text == "," and doc[m.end + 1].lower_ == "who" \
        and not (m.start > 0 and doc[m.start - 1].text == ",") \
        and m.end - m.start <= 2 and all(_strict_name_word(t) for t in doc[m.start:m.end]) \
        and alias_key(m.text) not in PLACE_ALIASES and alias_key(m.text) not in ORG_ALIASES


def _addressed(doc: Doc, m: Mention) -> bool:
    """A form of address before the name, or an office's letters after it,
    belong to a person only."""
    return m.start > 0 and is_honorific(doc[m.start - 1]) and doc[m.start - 1].lower_ not in ("lord", "lady") \
        or m.end < len(doc) and doc[m.end].text in OFFICE_POSTNOMINALS


def _places_after_in(doc: Doc, mentions: list[Mention], votes: dict[str, Counter[EntityKind]]) -> None:
    """"visited Alice Springs ... in Darwin": a name the tagger calls a person
    but that the document only ever writes after locative "in" (or as the
    object of a visit next to such a use) is a place.  People are not "in"
    each other; a name word of another person's full name stays a person."""
    persons = [m for m in mentions if m.kind is EntityKind.PERSON]
    for text in {m.text for m in persons}:
        same = [m for m in mentions if m.text == text]
        others = {w for m in persons if m.text != text and " " in m.text for w in m.text.split()}
        if text in others or any(w in others for w in text.split()) or len(text.split()) > 3:
            continue
        if all(_after_in(doc, m) for m in same):
            _all_places(same, votes)
    for text in {m.text for m in mentions if m.kind is EntityKind.ORGANIZATION and " " not in m.text}:
        same = [m for m in mentions if m.text == text]  # "the hospital in Omsk", "redirected to Omsk"
        if alias_key(text) in ORG_ALIASES or _acronym_shaped(text) \
                or not any(m.kind is EntityKind.PLACE for m in same) \
                or not all(m.kind is EntityKind.PLACE or _after_locative(doc, m) for m in same):
            continue
        _all_places(same, votes)
    for text in {m.text for m in mentions if m.kind is EntityKind.ORGANIZATION and _named_as_place(doc, m)}:
        _all_places([m for m in mentions if m.text == text], votes)  # "visiting the town of Pandeglang", tagged a body


def _all_places(same: list[Mention], votes: dict[str, Counter[EntityKind]]) -> None:
    """Every mention of one name is a place, and the document's vote says so."""
    for m in same:
        m.kind = EntityKind.PLACE
    votes[same[0].text] = Counter({EntityKind.PLACE: len(same)})


def _named_as_place(doc: Doc, m: Mention) -> bool:
    """The name right after "the town (city, province ...) of": a place, whatever the tagger said,
    unless it is a known body or ends on a body's word ("the City of London Corporation")."""
    return m.start >= 3 and doc[m.start - 1].lower_ == "of" and doc[m.start - 2].lower_ in _PLACE_OF_NOUNS \
        and doc[m.start - 3].lower_ == "the" and alias_key(m.text) not in ORG_ALIASES and not _acronym_shaped(m.text) \
        and m.text.split()[-1].lower() not in ORG_LAST_WORDS


def _bodies_after_body_titles(doc: Doc, mentions: list[Mention], votes: dict[str, Counter[EntityKind]]) -> None:
    """"the general manager of Cipriani Dolci", "the head chef of ... Cipriani Dolci restaurant": what a
    manager, chef or director is "of" is a body, whatever the tagger says; a name the document never
    addresses or titles as a person is an organisation everywhere."""
    for text in {m.text for m in mentions if m.kind is EntityKind.PERSON}:
        same = [m for m in mentions if m.text == text]
        others = {w for m in mentions if m.text != text and m.kind is EntityKind.PERSON for w in m.text.split()}
        if others & set(text.split()) or any(_titled(m) or _addressed(doc, m) for m in same):
            continue
        if any(_of_a_body_title(doc, m) for m in same):
            for m in same:
                m.kind = EntityKind.ORGANIZATION
            votes[text] = Counter({EntityKind.ORGANIZATION: len(same)})


def _of_a_body_title(doc: Doc, m: Mention) -> bool:
    """The mention (or the noun it names) is what a lower-case job of running a body is "of"."""
    head = doc[m.end - 1]
    if head.dep_ == "compound" and head.head.i >= m.end:
        head = head.head  # "of ... Cipriani Dolci restaurant"
    while head.dep_ == "poss":
        head = head.head  # "of New York City's Cipriani Dolci restaurant"
    prep = head.head
    return head.dep_ == "pobj" and prep.lower_ == "of" and prep.head.lower_ in _BODY_RUNNING_TITLES \
        and prep.head.text.islower()


def _after_in(doc: Doc, m: Mention) -> bool:
    """The mention is the object of a locative "in" (not "in Smith's view"),
    or a one-word name a visit goes to ("will visit Canberra, Hobart and
    Perth", "In Hobart and Perth"), listed or not."""
    head = doc[m.end - 1]
    if head.dep_ == "pobj" and head.head.lower_ == "in" and m.start > 0 and doc[m.start - 1].lower_ == "in":
        return True
    if m.end - m.start != 1:
        return False
    while head.dep_ == "conj":
        head = head.head
    return head.dep_ == "dobj" and head.head.lemma_.lower() in _VISIT_LEMMAS \
        or head.dep_ == "pobj" and head.head.lower_ == "in" and head.i > 0 and doc[head.i - 1].lower_ == "in"


#: Verbs whose object is a place ("visit Perth"): a bare name visited is no person.
_VISIT_LEMMAS = frozenset({"visit", "tour"})


def _after_locative(doc: Doc, m: Mention) -> bool:
    """The mention follows a preposition of place or movement ("in", "to", "from")."""
    return m.start > 0 and doc[m.start - 1].lower_ in _LOCATIVE_PREPS


def _listed_with_people(doc: Doc, m: Mention, person_tokens: set[int]) -> bool:
    """"Nikos Dendias, Nikos Christodoulides and Jean-Yves Le Drian": a two- or
    three-word name in a list (or apposition) of personal names is one too."""
    words = m.text.split()
    if m.kind is EntityKind.PERSON or not 2 <= len(words) <= 3 or not all(w[:1].isupper() for w in words) \
            or m.start > 0 and doc[m.start - 1].text == "(":
        return False  # "Dr Ian Thomas (Boeing Australia)": a bracket after a name says where the person is from
    head = doc[m.end - 1]
    near = [head.head] if head.dep_ in ("conj", "appos") else []
    near += [c for c in head.children if c.dep_ == "conj" or c.dep_ == "appos" and not _of_a_job(head)]
    return any(t.i in person_tokens and t.i not in range(m.start, m.end) for t in near)


def _of_a_job(tok: Token) -> bool:
    """"the manager of Barmouth Publicity, David Clay,": the parser hangs the
    name on the body a lower-case job is "of"; the name is the manager's."""
    prep = tok.head
    return tok.dep_ == "pobj" and prep.lower_ in ("of", "for") and prep.head.pos_ in ("NOUN", "PROPN") \
        and (prep.head.text.islower() or prep.head.lower_ in TITLE_HEADS)


def _listed_with_places(doc: Doc, m: Mention, place_tokens: set[int]) -> bool:
    """A one-word name coordinated with a place ("Canberra, Hobart and Perth")."""
    tok = doc[m.end - 1]
    linked = [tok.head] if tok.dep_ == "conj" else []
    linked += [c for c in tok.children if c.dep_ == "conj"]
    return any(t.i in place_tokens for t in linked)


def _apposed_to_title(doc: Doc, m: Mention) -> bool:
    """"a State Department spokesperson, Morgan Ortagus," / "Morgan Ortagus, a
    spokesperson for ...": a two- or three-word capitalised name in apposition
    to a lower-case title noun is a person, whatever the tagger said (a body
    has no spokesperson in apposition to it)."""
    words = m.text.split()
    if m.kind is EntityKind.PERSON or not 1 <= len(words) <= 3 or not all(_strict_name_word(t) for t in doc[m.start:m.end]):
        return False
    head = doc[m.end - 1]
    if len(words) == 1 and (alias_key(m.text) in _PLACE_KEYS or alias_key(m.text) in ORG_ALIASES
                            or head.dep_ not in ("nsubj", "nsubjpass") or _acronym_shaped(m.text)):
        return False  # one word only as the subject it describes ("Erdogan, Turkey's president, said"),
        # not a known place ("Kyiv, the capital") nor a region in an apposition ("South Bend, Indiana")
    near = [head.head] if head.dep_ == "appos" else []
    near += [c for c in head.children if c.dep_ == "appos"]
    # "the president of Namibia, Hage Geingob": the parser hangs the name on the place
    near += [t.head.head for t in near if t.dep_ == "pobj" and t.head.lower_ == "of"]
    return any(t.lower_ in TITLE_HEADS and t.text[:1].islower() and t.tag_ == "NN"
               and not m.start <= t.i < m.end for t in near)


def _after_lower_title(doc: Doc, m: Mention) -> bool:
    """"Sea-Eye spokesperson Carlotta Weibl", "energy minister Yuval Steinitz":
    a two- or three-word name right after a lower-case title noun is a person."""
    words = m.text.split()
    before = doc[m.start - 1] if m.start > 0 else None
    return before is not None and before.text.islower() and before.lower_ in TITLE_HEADS and before.tag_ == "NN" \
        and 2 <= len(words) <= 3 and all(_strict_name_word(t) for t in doc[m.start:m.end])


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
                and after.end < len(doc) and doc[after.end].text == ")" and _acronym_shaped(after.text)):
            after.kind = EntityKind.ORGANIZATION
            after.canonical = ORG_ALIASES.get(alias_key(m.text), m.text)
            m.canonical = after.canonical
    for m in mentions:
        compact = m.text.replace(".", "")
        if not m.canonical and compact.isupper() and compact in long_forms:
            m.kind = EntityKind.ORGANIZATION
            m.canonical = ORG_ALIASES.get(alias_key(long_forms[compact]), long_forms[compact])


def _acronym_shaped(text: str) -> bool:
    """"G7", "UNHCR", "U.N.", "CoAG": one word, capitals only or at least two.

    "Relief Foundation (Australia)" names where the body is, not a short
    form of it: taking the country for the body's alias merged the two.
    """
    compact = text.replace(".", "").replace("-", "")
    return " " not in compact and (compact.isupper() or sum(c.isupper() for c in compact) >= 2)


def _initials(name: str) -> str:
    """The letters an acronym of the name would have; a dotted abbreviation
    gives all its letters ("U.S. Senate": USS, so "U.S." is not its acronym)."""
    skip = {"of", "the", "and", "for", "on", "in", "&"}
    return "".join(w.replace(".", "").upper() if "." in w.rstrip(".") else w[0].upper()
                   for w in name.replace("-", " ").split() if w.lower() not in skip and w[:1].isalpha())


def _assign_canonicals(doc: Doc, mentions: list[Mention]) -> None:
    """Each mention's cluster name: alias tables, fullest person name, own text."""
    full_names = [m for m in mentions if m.kind is EntityKind.PERSON and " " in m.text]
    org_name = _organisation_names(mentions)
    for m in mentions:
        key = alias_key(m.text)
        if m.kind is EntityKind.PERSON:
            m.canonical = _full_name(m, [f for f in full_names if not _addressed_apart(doc, m, f)]) or m.text
        elif m.kind is EntityKind.ORGANIZATION and (country := _government_of(m.text)):
            m.kind, m.canonical = EntityKind.PLACE, country  # "the UK Government" acts as the UK
        elif m.kind is EntityKind.ORGANIZATION:
            m.canonical = org_name.get(m.canonical or m.text, m.text)
        elif m.kind is EntityKind.PLACE:
            m.canonical = PLACE_ALIASES.get(key, m.text) if _alias_case_fits(m.text) else m.text
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
    _join_plurals(mentions)


_MALE_ADDRESS = frozenset({"mr", "mr.", "sir", "lord"})
_FEMALE_ADDRESS = frozenset({"mrs", "mrs.", "ms", "ms.", "miss", "madam", "madame", "lady", "dame"})


def _addressed_apart(doc: Doc, m: Mention, full: Mention) -> bool:
    """"Mr Michael D Higgins ... Mrs Higgins": a surname addressed as a woman
    is not the man of that name (nor the other way round)."""
    def address(x: Mention) -> str:
        before = doc[x.start - 1].lower_ if x.start > 0 else ""
        return "m" if before in _MALE_ADDRESS else "f" if before in _FEMALE_ADDRESS else ""
    mine, theirs = address(m), address(full)
    return bool(mine and theirs and mine != theirs)


def _government_of(name: str) -> str:
    """The country a "<country or demonym> Government", "Government of <country>"
    or "State of <country>" name stands for, or ""."""
    key = alias_key(name)
    for lead in ("government of ", "state of ", "republic of ", "kingdom of "):
        if key.startswith(lead) and key[len(lead):] in PLACE_ALIASES:
            return PLACE_ALIASES[key[len(lead):]]
    words = key.split()
    if len(words) < 2 or words[-1] != "government":
        return ""
    head = " ".join(words[:-1])
    return DEMONYMS.get(head) or PLACE_ALIASES.get(head, "")


def _join_plurals(mentions: list[Mention]) -> None:
    """"the Houthis" beside "Houthi": a plural of an organisation's or group's
    name is that organisation or group (whatever the tagger called it)."""
    singular = {m.text: m for m in mentions
                if m.canonical and m.kind in (EntityKind.ORGANIZATION, EntityKind.GROUP) and " " not in m.text}
    for m in mentions:
        base = singular.get(m.text[:-1]) if m.text.endswith("s") and " " not in m.text else None
        if base is not None and base is not m and m.kind is not EntityKind.PLACE:
            m.kind, m.canonical = base.kind, base.canonical


def _organisation_names(mentions: list[Mention]) -> dict[str, str]:
    """Organisation group -> its name: the longest form the document uses, or
    the table's long form when the document only uses an acronym."""
    forms: dict[str, list[str]] = {}
    orgs = [m for m in mentions if m.kind is EntityKind.ORGANIZATION]
    for m in orgs:
        if not m.canonical:
            m.canonical = ORG_ALIASES.get(alias_key(m.text), "") or _bare_body_of(m, orgs)
        forms.setdefault(m.canonical or m.text, []).append(m.text)
    names = {}
    for group, texts in forms.items():
        longest = max(texts, key=lambda t: (len(t.split()), len(t)))
        names[group] = group if len(longest.split()) == 1 and group != longest else longest
    return names


def _bare_body_of(m: Mention, orgs: list[Mention]) -> str:
    """"the Court" beside "the Supreme Court": a body noun alone is the one
    longer body name the document gives that ends in it (none if two)."""
    if " " in m.text or m.text.lower() not in _BARE_BODY_NOUNS:
        return ""
    longer = {o.text for o in orgs if " " in o.text and _head_word(o.text) == m.text}
    return longer.pop() if len(longer) == 1 else ""


def _head_word(name: str) -> str:
    """"Supreme Court of Canada" -> "Court": the word before "of", else the last."""
    words = name.split()
    return words[words.index("of") - 1] if "of" in words[1:] else words[-1]


def _stands_for_state(doc: Doc, m: Mention) -> bool:
    """A demonym stands for its country before a title or a state noun."""
    last = doc[m.end - 1]
    if last.dep_ not in ("amod", "compound", "nmod"):
        return last.dep_ in ("nsubj", "nsubjpass") and last.tag_ not in ("NNPS", "NNS")
    head = last.head.lower_
    return head in TITLE_HEADS or head in _STATE_NOUNS or head in TITLE_MODIFIERS


def _full_name(m: Mention, full_names: list[Mention]) -> str | None:
    """The fullest person name ending (or starting) with this mention's words.

    With several candidates ("Elijah Cummings" and, later, his mother "Ruth
    Cummings"), the one the document names first wins: a bare surname is the
    article's protagonist, relatives are named in full.
    """
    words = m.text.split()
    candidates = [f for f in full_names if _name_contains(f.text.split(), words)]
    if not candidates:
        return None
    best = min(candidates, key=lambda f: f.start)
    longest = max((f for f in candidates if _name_contains(f.text.split(), best.text.split())),
                  key=lambda f: len(f.text.split()))
    return longest.text


def _name_contains(full: list[str], part: list[str]) -> bool:
    if len(part) > len(full):
        return False
    if full[-len(part):] == part or full[: len(part)] == part:
        return True
    if len(part) == 1 and part[0] in full[1:]:
        return True
    # "Abadi" for "Haider Al-Abadi": the Arabic article is often left off a surname
    return len(part) == 1 and _without_article(full[-1]) == part[0]


def _without_article(word: str) -> str:
    for article in ("Al-", "al-", "El-", "el-", "Al ", "Ul-"):
        if word.startswith(article) and len(word) > len(article) + 1 and word[len(article)].isupper():
            return word[len(article):]
    return word


#: Styles that are often written as part of the name itself.
_NAME_STYLES = frozenset({"sheikh", "sheikha", "sheik"})


def _add_titled_forms(doc: Doc, index: EntityIndex) -> None:
    """"Secretary Blinken", "Mr Rudd": a person named with one or two capitalised
    title words, or with a form of address."""
    for m in index.person_mentions():
        j = m.start
        words: list[str] = []
        while j > 0 and len(words) < 2:
            tok = doc[j - 1]
            if tok.text[:1].isupper() and (tok.lower_ in TITLE_HEADS or tok.lower_ in TITLE_MODIFIERS
                                           or tok.lower_ in HONORIFICS) and index.token_key[tok.i] < 0:
                words.insert(0, tok.text)
                j -= 1
            else:
                break
        if words and words[-1].lower() in HONORIFICS:
            words = words[-1:]  # "Mr Rudd"
        elif not words or not any(w.lower() in TITLE_HEADS for w in words):
            continue
        if j > 0 and (index.token_key[j - 1] >= 0 or doc[j - 1].lower_ in DEMONYMS or doc[j - 1].lower_ == "of"):
            continue  # "Japanese Foreign Minister X": not a bare titled form
        index.clusters[m.key].add_form(" ".join(words + [m.text]))
        if len(words) > 1 and words[-1].lower() in _NAME_STYLES:  # "Prime Minister Sheikh Hasina": "Sheikh Hasina"
            index.clusters[m.key].add_form(f"{words[-1]} {m.text}")


def capital_country(text: str) -> str | None:
    """The country whose capital this is, for a capital named as an actor."""
    return CAPITALS.get(alias_key(text))
