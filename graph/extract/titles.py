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

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from graph.model import EntityKind

from .context import FACT, FUTURE, NONE, Context, Ref, Sentence, _is_description_head
from .entities import (
    DEPARTMENT_HEADS,
    PORTFOLIO_LAST_WORDS,
    POSTNOMINALS,
    Mention,
    is_honorific,
    listed_portfolios,
    portfolio_opens,
)
from .lexicon import (
    BODY_NOUNS,
    COUNTRIES,
    DEMONYMS,
    GENERIC_PERSON_NOUNS,
    OCCUPATIONS,
    OFFICE_POSTNOMINALS,
    PARTY_ADJECTIVES,
    PARTY_LETTERS,
    PERSON_PRONOUNS,
    PLACE_NOUNS,
    PORTFOLIO_HEADS,
    RELATIONAL_NOUNS,
    SPOKESPERSON_HEADS,
    STYLES,
    TITLE_HEADS,
    TITLE_KEEP_PREFIXES,
    TITLE_MODIFIERS,
    TITLE_OF_WORDS,
    US_STATE_FORMS,
    alias_key,
)

_STOP_PUNCT = set(",;:()[]\"“”‘’—–")
_POSSESSIVE = {"'s", "’s", "’", "'"}
#: Words that carry a title on to its complement ("Minister for Foreign Affairs", "Ambassador to Afghanistan").
_CONNECTORS = ("for", "to")
#: Military ranks: a title of their own after another title.
#: Verbs whose subject holds the office named with "as" ("served as mayor").
_SERVING_VERBS = frozenset({"serve", "act", "work", "remain", "continue", "retire", "resign", "step", "return",
                            "stay", "sit", "begin", "start", "succeed", "quit", "join"})
#: Verbs linking a person to an office they hold ("is", "became", "while remaining Minister for Trade").
_COPULAS = ("be", "become", "remain")
#: Verbs whose object holds the office named with "as" ("appointed X as envoy"), or, in the
#: passive, the office named after them ("X was appointed foreign secretary").
_APPOINTING_VERBS = frozenset({"appoint", "name", "elect", "nominate", "confirm", "install", "choose", "select",
                               "designate", "reappoint", "re-elect", "reelect", "swear", "hire", "recruit",
                               "promote"})
#: Nouns for a place that name it in an "of" phrase ("the Polish city of Gdańsk").
_PLACE_NOUNS = PLACE_NOUNS
#: Title words that in lower case are ordinals ("the first woman president").
_ORDINAL_MODIFIERS = frozenset({"first", "second"})
#: Title words that are common words in lower case.
_CAPITALISED_ONLY = frozenset({"justice", "general", "major", "speaker", "marshal", "cardinal"})
#: Nouns that tie a person to a body without naming a position ("a founding Civic Platform member").
#: "held the post of Speaker": nouns for an office, and verbs of holding one.
_OFFICE_NOUNS = ("office", "post", "position", "role", "job")
_HOLDING_VERBS = frozenset({"hold", "assume", "take", "resume", "occupy", "retain", "keep", "fill"})
_MEMBER_NOUNS = frozenset({"member", "members", "nominee", "candidate"})
#: A party's name for one of its members, a noun after "is a" ("X is a Republican").
_PARTY_NOUNS = frozenset(w.lower() for w in PARTY_ADJECTIVES)
#: Adjectives that say how settled a role is, not how well it is held ("the party's presumptive nominee").
_NEUTRAL_MODIFIERS = frozenset({"presumptive", "expected", "likely", "probable", "designated", "official",
                                "current", "incumbent", "new", "sitting"})
#: Words for a party's own people that are no office: "Democratic rival X".
#: Chambers a title's "of" names as the body, not part of the title ("Speaker of the House";
#: "of" for "House of Representatives").
_CHAMBERS = frozenset({"house", "senate", "assembly", "parliament", "congress", "commons", "lords", "representatives",
                       "of"})
#: Titles of leaders, each held by one person at a time: two of them side by side are two people.
_LEADER_TITLES = frozenset({"president", "minister", "premier", "chancellor", "king", "queen", "governor", "mayor",
                            "taoiseach", "emperor", "pope", "sultan", "emir"})
#: Titles of a seat in a legislature, held beside an office ("Minister Senator X").
_SEAT_TITLES = frozenset({"senator", "congressman", "congresswoman", "mp"})
#: Titles a portfolio is written before ("Emergencies Minister", "Manufacturing Secretary").
_PARTY_ROLES = frozenset({"rival", "challenger", "candidate", "nominee"})
#: Academic ranks and forms of address: not positions (dev README, RELATIONS.md).
_NOT_POSITIONS = frozenset({"professor", "prof", "prof.", "dr", "dr.", "doctor", "imam", "sheikh"})
#: Royal styles written between an office and the name ("Foreign Minister Prince X").
_ROYAL_STYLES = frozenset({"prince", "princess", "sheikh", "sheikha"})
#: Words of _NOT_POSITIONS that name an office when they stand apart from the name.
_OFFICES_WHEN_APPOSED = frozenset({"imam"})
_RANKS = frozenset({"general", "admiral", "colonel", "major", "captain", "lieutenant", "brigadier", "commodore",
                    "marshal", "sergeant", "commander"})


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
    shared: dict[int, tuple[list[str], int | None]] = {}  # a plural title's first name -> the title
    listed: dict[int, tuple[list[str], int | None]] = {}  # the same by where each name starts
    nation: tuple[int, int] | None = None  # where the last "Russian President X" ends, and its country
    listed_nations = _nation_lists(ctx)
    for m in ctx.index.person_mentions():
        if not ctx.mined(ctx.doc[m.start]):
            continue
        head = _mention_head(ctx, m.end)
        prefix = _prefix_title(ctx, m.start)
        inherited = prefix is None
        if prefix is None:
            prefix = shared.get(head.head.i) if head.dep_ in ("conj", "appos") and head.head.i < head.i else None
        if prefix is None:
            prefix = listed.get(_listed_before(ctx, m.start), None)
        if prefix is None:
            prefix = _member_of_before(ctx, m.start)
        if prefix is not None:
            titles, affiliation = prefix
            written: list[str | None] = [*titles] or [None]
            for each in written:
                found.append(TitleFinding(m.key, each, affiliation, head, "title:prefix", 0.9))
            if affiliation is None and titles and nation is not None and _same_nation_list(ctx, nation[0], m.start):
                found.append(TitleFinding(m.key, None, nation[1], head, "title:shared-nationality", 0.75))
            nation = (m.end, affiliation) if affiliation is not None and ctx.index.kind(affiliation) is \
                EntityKind.PLACE and _demonym_led(ctx, m.start) else None
            if m.start > 0 and _plural_title(ctx.doc[m.start - 1]) or head.i in shared or m.start in listed \
                    or inherited:  # the list goes on: "A, B and C" (C hangs on B)
                shared[head.i] = prefix  # "Representatives A, B and C": each is one
                listed[m.start] = prefix
        leadership = _including_nation(ctx, head)
        if leadership is None:
            leadership = listed_nations.get(m.start)
        if leadership is not None:  # "the new Chinese leadership, including President Hu Jintao and Premier Wen Jiabao"
            found.append(TitleFinding(m.key, None, leadership, head, "title:including", 0.75))
        apposed_from = len(found)
        for member in _apposed_party_members(head):  # "Adam Schiff, a Democrat from California,"
            found.append(TitleFinding(m.key, None, party(ctx, member), head, "title:apposition", 0.8))
            for seat in (_seat_on(ctx, c) for c in member.children if c.dep_ == "prep" and c.lower_ == "on"):
                if seat is not None:  # "Carolyn Maloney, the most senior Democrat on the Oversight Committee,"
                    found.append(TitleFinding(m.key, None, seat, head, "title:apposition", 0.8))
        appositions = [np for np in _appositions(ctx, head) if not (
            np.i > m.end and (_person_between(ctx, m.key, m.end, np.i) or _introduces_next_name(ctx, m.key, np))
            or np.i < m.start and _person_between(ctx, m.key, np.i, m.start))]
        # ("X, Director of Y, Professor Z AO, Vice-Chancellor of W": Z's, misparsed as X's)
        if not appositions:
            before = _title_before_comma(ctx, m.start)
            if before is not None and (before[0] or before[1] is not None):
                comma_titles: list[str | None] = [*before[0]] or [None]
                for each in comma_titles:
                    found.append(TitleFinding(m.key, each, before[1], head, "title:comma", 0.75))
        for np in appositions:
            if np.i < m.start and not any(t.is_punct for t in ctx.doc[np.i:m.start]):
                continue  # a title in front of the name, no apposition: the prefix rule reads it
            if np.i < m.start and all(c.dep_ in ("punct", "conj", "cc", "appos") for c in np.children):
                continue  # "thank you Commodore, Admiral, Tanya Plibersek": people addressed in turn
            if ctx.title_before_name(np) and not (np.i < m.start <= np.i + 6):
                continue  # "X, the Chief of the Defence Force General Y": Y's title, misparsed
            title, affiliation = _np_title(ctx, np)
            if title and affiliation is None and np.i > m.start:
                affiliation = _listed_body_after(ctx, np.i)
            if title or affiliation is not None:
                found.append(TitleFinding(m.key, title, affiliation, head, "title:apposition", 0.8))
            for second in (c for c in np.children if c.dep_ == "conj" and _titled_np(c) and title
                           and not _other_person_in(ctx, (m.key, ctx.index.key_at(c.i)), [*range(np.i, c.i), *(
                               t.i for d in c.children if d.dep_ not in ("conj", "cc") for t in d.subtree)])):
                more, _ = _np_title(ctx, second)  # "GM's Chairman and Chief Executive Officer": two offices
                if more:
                    found.append(TitleFinding(m.key, more, None, head, "title:apposition", 0.75))
            member_of = _np_party(ctx, np)
            if member_of is not None and member_of != affiliation:  # "the Democratic chairman of the X Committee"
                found.append(TitleFinding(m.key, None, member_of, head, "title:apposition", 0.8))
        if not any(f.rule == "title:apposition" for f in found[apposed_from:]):
            for title in (after := _title_of_body_after(ctx, m))[0]:  # "X AO, Vice-Chancellor of RMIT, and Y"
                found.append(TitleFinding(m.key, title, after[1], head, "title:apposition", 0.75))
        group = _plural_title_np(head)
        if group is not None:  # "Two Democratic Representatives, Collin Peterson and Jeff Van Drew,"
            title, affiliation = _np_title(ctx, group)
            if title:
                found.append(TitleFinding(m.key, _singular_title(title), affiliation, head, "title:apposition", 0.75))
        body = _of_body(ctx, m.start, m.end, titled=prefix is not None or m.doc_title_before)
        if body is not None:
            found.append(TitleFinding(m.key, None, body, head, "title:of", 0.8))
        seat = _seat_before(ctx, m.start) if prefix is not None else None
        if seat is not None and seat != prefix[1]:  # type: ignore[index]
            found.append(TitleFinding(m.key, None, seat, head, "title:prefix", 0.85))
        role_of = _party_role_before(ctx, m.start) if prefix is None else None
        if role_of is None:
            role_of = _party_before_nouns(ctx, m.start)
        if role_of is not None and (prefix is None or role_of != prefix[1]):
            found.append(TitleFinding(m.key, None, role_of, head, "title:party-role", 0.8))
        for body in _party_state_tag(ctx, m.end):  # "Rep. Nancy Pelosi, D-Calif.,"
            found.append(TitleFinding(m.key, None, body, head, "title:party-state", 0.85))
        for letters in _office_letters(ctx.doc, m.end):
            found.append(TitleFinding(m.key, letters, None, head, "title:letters", 0.85))
        owner = _possessive_body(ctx, m.start)
        if owner is not None and prefix is None:
            found.append(TitleFinding(m.key, None, owner, head, "title:possessive", 0.8))
    found += _copular_titles(ctx)
    found += _listed_for(ctx, found)
    for f in found:
        if f.title:
            ctx.index.clusters[f.person].add_position(f.title)
        if f.affiliation is not None:
            ctx.affiliations.setdefault(f.person, set()).add(f.affiliation)
    return found


def _listed_for(ctx: Context, found: list[TitleFinding]) -> list[TitleFinding]:
    """"The Ministers who attended were for New Zealand: Finance Minister X;
    Trade Minister Y; and for Australia: Treasurer Z": a list headed "for" a
    country or body and a colon holds its titles for it, up to the next such
    header or the sentence's end (a title already tied to a body keeps it)."""
    headers = _for_headers(ctx)
    if not headers:
        return []
    tied = {f.person for f in found if f.affiliation is not None}
    out: list[TitleFinding] = []
    for f in found:
        if f.rule != "title:prefix" or f.person in tied or not f.title:
            continue
        sent = ctx.sentence_of(f.anchor)
        before = [(i, body) for i, body in headers if sent.start <= i < f.anchor.i]
        if before:
            out.append(TitleFinding(f.person, None, before[-1][1], f.anchor, "title:listed-for", 0.75))
            tied.add(f.person)
    return out


def _for_headers(ctx: Context) -> list[tuple[int, int]]:
    """Where each "for X:" ends in the text, and its country or body."""
    doc = ctx.doc
    out = []
    for tok in ctx.find({"for"}):
        key = ctx.index.key_at(tok.i + 1) if tok.i + 1 < len(doc) else None
        if key is None or ctx.index.kind(key) not in (EntityKind.PLACE, EntityKind.ORGANIZATION):
            continue
        end = ctx.index.last_of(tok.i + 1) + 1
        if end < len(doc) and doc[end].text == ":":
            out.append((end, key))
    return out


def collect_descriptions(ctx: Context) -> list[TitleFinding]:
    """Titles of descriptions that stand for a named person ("the Japanese
    Prime Minister"), after the roles named with "as" (which descriptions
    may then refer to: "his roles as Premier" ... "the former Premier")."""
    found = _as_roles(ctx) + _office_of_roles(ctx) + _counterparts(ctx) + _copular_titles(ctx, pronouns=True)
    for f in found:
        if f.title:
            ctx.index.clusters[f.person].add_position(f.title)
    found += _own_parties(ctx)
    for tok in ctx.find(TITLE_HEADS):
        if ctx.index.key_at(tok.i) is not None or not _is_description_head(tok):
            continue
        if tok.lower_ not in TITLE_HEADS or tok.lower_ in GENERIC_PERSON_NOUNS:
            continue  # "the senior official" names no position
        if ctx.title_before_name(tok):
            continue  # "the Chief of the Defence Force General X": the prefix rule reads it
        ref = ctx.description(tok)
        if ref is None or _predicated_of_another(ctx, tok, ref.key) or _own_relation(ctx, tok, ref.key):
            continue
        title, affiliation = _np_title(ctx, tok)
        if title or affiliation is not None:
            found.append(TitleFinding(ref.key, title, affiliation, tok, "title:description", 0.7))
    return found + _indefinite_offices(ctx)


def _indefinite_offices(ctx: Context) -> list[TitleFinding]:
    """"the first visit to Australia by a President of Lebanon" beside "President
    Sleiman": the one person the text gives that title holds it for that
    country (no one else in the text holds it)."""
    found = []
    for tok in ctx.find(TITLE_HEADS):
        if not tok.text[:1].isupper() or not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children) \
                or ctx.index.key_at(tok.i) is not None:
            continue
        title, body = _np_title(ctx, tok)
        if not title or body is None or ctx.index.kind(body) is not EntityKind.PLACE:
            continue
        holders = [c.key for c in ctx.index.clusters if c.kind is EntityKind.PERSON
                   and any(_norm(p) == _norm(title) for p in c.positions)]
        if len(holders) == 1 and body not in ctx.affiliations.get(holders[0], set()):
            found.append(TitleFinding(holders[0], None, body, tok, "title:indefinite", 0.7))
    return found


def _own_relation(ctx: Context, tok: Token, key: int) -> bool:
    """"according to his agent, Hunter had surgery", "her lawyer said": the
    pronoun's person has the agent or lawyer, and is not one."""
    return any(c.dep_ == "poss" and c.lower_ in PERSON_PRONOUNS and ctx.antecedent(c) == key for c in tok.children)


def _predicated_of_another(ctx: Context, tok: Token, key: int) -> bool:
    """"Mr Daniel Tucker is an indigenous man ... and the founder of Carey Mining": a title in the
    complement of "be" describes the clause's subject, not the last person called founder."""
    while tok.dep_ in ("conj", "appos", "pobj", "prep") and tok.head.i != tok.i:
        if tok.dep_ == "appos" and (named := ctx.index.key_at(tok.head.i)) is not None and named != key \
                and ctx.index.kind(named) is EntityKind.PERSON and _right_after_name(ctx, tok) \
                and not _introduces_next_name(ctx, named, tok):
            return True  # "Friedler, formerly the president and chief executive officer of Y": Friedler's offices
        tok = tok.head
    if tok.dep_ != "attr":
        return False
    subject = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    named = ctx.index.key_at(subject.i) if subject is not None else None
    return named is not None and named != key and ctx.index.kind(named) is EntityKind.PERSON


def _right_after_name(ctx: Context, appos: Token) -> bool:
    """The apposed phrase starts right after its head's name: a comma and at most an adverb between."""
    between = ctx.doc[ctx.index.last_of(appos.head.i) + 1: appos.left_edge.i]
    return all(t.text == "," or t.pos_ == "ADV" for t in between)


def _own_parties(ctx: Context) -> list[TitleFinding]:
    """"Jeremy Corbyn said his Labour Party ...": a party a person calls "his" or
    "her" is the person's (a party only: "his government" may be another's)."""
    found = []
    for m in ctx.index.mentions:
        if ctx.index.kind(m.key) is not EntityKind.ORGANIZATION or ctx.doc[m.end - 1].lower_ != "party":
            continue
        before = ctx.doc[m.start - 1] if m.start > 0 else None
        if before is None or before.lower_ not in ("his", "her") or ctx.quote_of(before) is not None:
            continue
        person = ctx.antecedent(before)
        if person is not None:
            found.append(TitleFinding(person, None, m.key, ctx.doc[m.end - 1], "title:own-party", 0.7))
    return found


def emit_title_facts(ctx: Context, findings: list[TitleFinding]) -> None:
    """One fact per person and title (a title contained in a longer one of
    the same person is dropped: "Secretary" beside "Secretary of State")."""
    titles: dict[int, dict[str, TitleFinding]] = {}
    for f in findings:
        if ctx.index.kind(f.person) is not EntityKind.PERSON:
            continue
        if f.title and f.title.strip(" ,;:") != f.title:  # "the Minister for Climate Change and Water, Senator X"
            f = replace(f, title=f.title.strip(" ,;:"))
        if f.title:
            titles.setdefault(f.person, {}).setdefault(_norm(f.title), f)
        if f.affiliation is not None and ctx.index.kind(f.affiliation) in (EntityKind.ORGANIZATION, EntityKind.PLACE) \
                and not (f.title and f.title.split()[-1] in OCCUPATIONS  # lower case: a job, not "Chief Scientist"
                         and ctx.index.kind(f.affiliation) is EntityKind.PLACE):
            ctx.add(f.person, "affiliatedWith", f.affiliation, f.anchor, f.rule, f.confidence)
    for person, by_norm in titles.items():
        for norm, f in by_norm.items():
            if _bare_occupation(ctx, f):
                continue
            if set(norm.split()) <= _NOT_POSITIONS and not (norm in _OFFICES_WHEN_APPOSED and f.rule == "title:apposition"):
                continue  # "Imam Khomeini": a form of address; "X, Imam of Zetland Mosque,": the office
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
    if tok.lower_ in _ORDINAL_MODIFIERS and not tok.text[:1].isupper():
        return False  # "the first Prime Minister of Iraq to visit": an ordinal, not "First Secretary"
    return tok.lower_ in TITLE_HEADS or tok.lower_ in TITLE_MODIFIERS or _plural_title(tok)


def _plural_title(tok: Token) -> bool:
    """"Representatives", "Presidents", "NASA astronauts": a plural title before a list of names (in lower
    case only a job or a seat, not a word for any people in charge: "leaders A and B")."""
    if not (tok.lower_.endswith("s") and tok.lower_ not in TITLE_HEADS):
        return False
    singular = _singular(tok.lower_)
    if tok.text[:1].isupper():  # ("MPs": the tagger may read an acronym's plural as singular)
        return (tok.tag_ in ("NNS", "NNPS", "NNP") or tok.text[:-1].isupper()) and singular in TITLE_HEADS
    return singular in TITLE_HEADS and singular not in GENERIC_PERSON_NOUNS and singular not in RELATIONAL_NOUNS \
        and _names_listed_after(tok)  # the tagger may call "astronauts" a verb; its place in the names says noun


def _names_listed_after(tok: Token) -> bool:
    """A lower-case plural is a title only right before two or more names ("officers A and B"); before
    one ("told journalists X remained alive") it is the verb's object, and X starts a clause."""
    name = tok.head
    return tok.dep_ == "compound" and name.i > tok.i and name.pos_ == "PROPN" \
        and any(c.dep_ == "conj" and c.pos_ == "PROPN" for c in name.children)


def _plural_title_np(head: Token) -> Token | None:
    """The plural title a listed name stands in apposition to ("Two Democratic
    Representatives, A and B": the noun "Representatives" for A and for B)."""
    tok = head
    while tok.dep_ == "conj" and tok.head.i < tok.i and not _plural_title(tok.head):
        tok = tok.head
    noun = tok.head
    if tok.dep_ not in ("appos", "conj") or noun.i > tok.i or noun.i + 1 >= len(head.doc) \
            or head.doc[noun.i + 1].text != ",":  # the comma marks the apposition (the parser may say conj)
        return None
    if _plural_title(noun) and noun.text[:1].isupper() and _singular(noun.lower_) not in GENERIC_PERSON_NOUNS:
        return noun
    return None


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("men"):
        return word[:-3] + "man"  # "chairmen", "spokeswomen"
    return word.removesuffix("s")


def _singular_title(title: str) -> str:
    """"Democratic Representatives" -> "Representative": the title each named member holds."""
    words = title.split()
    last = words[-1]
    if last.lower() not in TITLE_HEADS and _singular(last.lower()) in TITLE_HEADS:
        words[-1] = _singular(last)
    return " ".join(words)


def _listed_before(ctx: Context, start: int) -> int:
    """Where the person named just before starts, when only "of PLACE" and
    "and" or a comma stand between ("Presidents A of X and B of Y"); -1 if none."""
    doc = ctx.doc
    j = start - 1
    if j < 1 or doc[j].lower_ not in ("and", ","):
        return -1
    j -= 1
    key = ctx.index.key_at(j)
    if key is not None and ctx.index.kind(key) is EntityKind.PLACE:
        j = _mention_start(ctx, j, key) - 1
        j -= 1 if j >= 0 and doc[j].lower_ == "the" else 0
        if j < 1 or doc[j].lower_ != "of":
            return -1
        j -= 1
        key = ctx.index.key_at(j)
    if key is None or ctx.index.kind(key) is not EntityKind.PERSON:
        return -1
    return _mention_start(ctx, j, key)


def _title_before_comma(ctx: Context, start: int) -> tuple[list[str], int | None] | None:
    """"... and the Minister for Foreign Affairs, Kevin Rudd expressed": a
    title phrase, a comma, then the name, where the parser lost the
    apposition.  Only when the phrase opens the sentence or follows "and"
    ("After meeting the President, Xi said": Xi is not the President)."""
    doc = ctx.doc
    addressed = start
    while addressed > 1 and (is_honorific(doc[addressed - 1]) or doc[addressed - 1].lower_ in STYLES
                             or doc[addressed - 1].lower_ in ("his", "her") and doc[addressed].lower_ in STYLES
                             or doc[addressed - 1].lower_ in ("the", "rt", "rt.", "right", "-")
                             or doc[addressed - 1].text[:1].isupper() and doc[addressed - 1].lower_ in _RANKS_AND_CLERGY):
        addressed -= 1  # "the President, Mr X", "the Prime Minister, the Rt Hon Sir X", "..., His Excellency X"
    if addressed < 3 or doc[addressed - 1].text != ",":
        return None
    found = _prefix_title(ctx, addressed - 1)
    if found is None:
        return None
    j = start - 2
    while j > 0 and (ctx.index.key_at(j) is not None or _is_title_word(doc[j]) or doc[j].lower_ in ("of", "for", "to", "and")
                     or doc[j].text[:1].isupper() and doc[j].is_alpha):
        j -= 1
    if _after_a_named_person(ctx, addressed - 2):
        return None  # "Terry Crane, Head of the X Taskforce, Lois Joll,": Crane's title, in apposition
    if _apposition_closes(ctx, start) and (addressed < start or any(t[:1].isupper() for t in found[0])):
        return found  # "UN Secretary-General, Ban Ki-moon, and": the name closed by punctuation, an apposition
    opener = doc[j]
    if opener.lower_ == "the":
        opener = doc[j - 1] if j > 0 else opener
        at_start = j == ctx.sentence_of(doc[j]).start
    else:
        at_start = j == ctx.sentence_of(doc[j]).start and _is_title_word(doc[j])
    return found if at_start or opener.lower_ == "and" else None


def _title_of_body_after(ctx: Context, m: Mention) -> tuple[list[str], int | None]:
    """"Mr X, Executive Director and Chief Executive Officer of Leighton
    Holdings, Professor Y AO, Vice-Chancellor of RMIT, and ...": read on the
    words where the parser lost the list, a comma, capitalised title words
    and "of" a named body closed by punctuation or "and" are the name's."""
    doc = ctx.doc
    j = m.end
    while j < len(doc) and doc[j].text in POSTNOMINALS:
        j += 1
    if j + 3 >= len(doc) or doc[j].text != ",":
        return [], None
    k = j + 1
    while k < len(doc) and (_is_title_word(doc[k]) and doc[k].text[:1].isupper() or doc[k].lower_ == "and"
                            or doc[k].text == "-" and not doc[k].whitespace_):
        k += 1
    run = list(doc[j + 1:k])
    if not run or k + 1 >= len(doc) or doc[k].lower_ != "of" or run[-1].lower_ == "and" \
            or not any(t.lower_ in TITLE_HEADS for t in run):
        return [], None
    at = k + 1 + (doc[k + 1].lower_ == "the")
    body = ctx.index.key_at(at) if at < len(doc) else None
    if body is None or ctx.index.kind(body) not in (EntityKind.ORGANIZATION, EntityKind.PLACE):
        return [], None
    after = ctx.index.last_of(at) + 1
    if after < len(doc) and doc[after].text not in (",", ".", ";", ")") and doc[after].lower_ != "and":
        return [], None
    both = _two_offices(run, False)
    parts = [run] if both is None else [run[:both], run[both + 1:]]
    return [" ".join(t.text for t in p).replace(" - ", "-") for p in parts], body


def _introduces_next_name(ctx: Context, key: int, np: Token) -> bool:
    """"the President of China, His Excellency Hu Jintao, the President of the
    United States of America, the Honourable George W. Bush,": a title phrase
    followed by a comma and another person's name is that person's."""
    doc = ctx.doc
    j = np.right_edge.i + 1
    if j >= len(doc) or doc[j].text != ",":
        return False
    j += 1
    while j < len(doc) and (is_honorific(doc[j]) or doc[j].lower_ in STYLES or doc[j].lower_ in ("the", "his", "her")):
        j += 1
    other = ctx.index.key_at(j) if j < len(doc) else None
    if other is None or other == key or ctx.index.kind(other) is not EntityKind.PERSON:
        return False
    after = ctx.index.last_of(j) + 1
    while after < len(doc) and doc[after].text in POSTNOMINALS:
        after += 1
    return after >= len(doc) or doc[after].text in (",", ".", ";") or doc[after].lower_ == "and"
    # (listed in turn; not "X, Hagan's former spokeswoman, Hagan died")


def _other_person_in(ctx: Context, own: tuple[int | None, ...], positions: list[int]) -> bool:
    """"the Roads Minister, Tim Pallas, and Member for Ballarat, Catherine King": a
    second title with another name before it or inside it is that person's (``own``:
    the holder, and the title itself when the tagger took it for a name)."""
    return any((k := ctx.index.key_at(i)) is not None and k not in own and ctx.index.kind(k) is EntityKind.PERSON
               for i in positions)


def _person_between(ctx: Context, key: int, start: int, end: int) -> bool:
    """A person other than ``key`` is listed between tokens ``start`` and
    ``end``, after a comma ("X, Director of Y, Professor Z AO,"; "the Prime
    Minister, Mr Modi, and the President, Mr Macron"; not "X, Hagan's former
    spokeswoman")."""
    doc = ctx.doc
    for i in range(start + 1, end):
        k = ctx.index.key_at(i)
        if k is None or k == key or ctx.index.kind(k) is not EntityKind.PERSON or ctx.index.key_at(i - 1) == k:
            continue
        j = i - 1
        while j > start and (is_honorific(doc[j]) or doc[j].lower_ in STYLES or doc[j].lower_ == "the" or doc[j].text[:1].isupper() and doc[j].lower_ in _RANKS_AND_CLERGY
                             or doc[j].lower_ in ("professor", "dr", "dr.")):
            j -= 1
        if doc[j].text == "," and (i + 1 >= len(doc) or doc[ctx.index.last_of(i) + 1].text not in _POSSESSIVE):
            return True
    return False


def _after_a_named_person(ctx: Context, j: int) -> bool:
    """The title phrase ending at token ``j`` follows a comma right after a
    person's name, with no "the" or "and" of its own: "X, Head of Y, Z," is
    X's apposition, where "X, the President of Y, Z," introduces Z."""
    doc = ctx.doc
    floor = max(ctx.sentence_of(doc[j]).start, j - 12)
    while j > floor and not doc[j].is_punct or doc[j].text in ("-", "'", "’", "&"):
        if doc[j].lower_ == "and" or ctx.index.key_at(j) is not None \
                and ctx.index.kind(ctx.index.key_at(j)) is EntityKind.PERSON:  # type: ignore[arg-type]
            return False  # "X, Wayne Swan and the Minister for Trade, Y": the phrase is no apposition
        j -= 1
    key = ctx.index.key_at(j - 1) if j > 0 and doc[j].text == "," else None
    return key is not None and ctx.index.kind(key) is EntityKind.PERSON and doc[j + 1].lower_ not in ("the", "and")


#: Ranks written between a comma and a name ("the Secretary of State, Cardinal Bertone", "HE Major General X").
_RANKS_AND_CLERGY = _RANKS | {"cardinal", "archbishop", "bishop", "general", "marshal", "air", "chief", "vice",
                              "lieutenant", "major", "rear", "sergeant", "detective", "superintendent"}


def _apposition_closes(ctx: Context, start: int) -> bool:
    """The name starting at ``start`` (and any letters after it) ends at a comma, a full stop or a bracket."""
    key = ctx.index.key_at(start)
    end = start
    while end < len(ctx.doc) and (ctx.index.key_at(end) == key or ctx.doc[end].text in POSTNOMINALS):
        end += 1
    return end == len(ctx.doc) or ctx.doc[end].text in (",", ".", ";", ")")


def _listed_body_after(ctx: Context, end: int) -> int | None:
    """"Dr X, President, Australian Federation of Islamic Councils 2. ...": in
    a list of people written name, office, body, the body after the bare
    office is the holder's.  The body must close the item (a comma, a full
    stop, "and", a bracket or the next number), so a clause going on after a
    comma is never read as one."""
    doc = ctx.doc
    if end + 2 >= len(doc) or doc[end + 1].text != ",":
        return None
    key = ctx.index.key_at(end + 2)
    if key is None or ctx.index.kind(key) is not EntityKind.ORGANIZATION or ctx.index.key_at(end + 1) == key:
        return None
    after = ctx.index.last_of(end + 2) + 1
    if after < len(doc) and not (doc[after].text in (",", ".", ";", "(", ")") or doc[after].lower_ == "and"
                                 or doc[after].like_num or doc[after].is_space):
        return None
    return key


def _seat_before(ctx: Context, start: int) -> int | None:
    """"United States Senator from Vermont X": the place a seat is held for,
    written before the name, beside the country the title run names."""
    j = start - 1
    key = ctx.index.key_at(j) if j >= 0 else None
    if key is None or ctx.index.kind(key) is not EntityKind.PLACE:
        return None
    first = _mention_start(ctx, j, key)
    return key if first >= 2 and ctx.doc[first - 1].lower_ == "from" and _is_title_word(ctx.doc[first - 2]) else None


def _party_state_tag(ctx: Context, end: int) -> list[int]:
    """"Rep. Nancy Pelosi, D-Calif.", "Sen. Bernie Sanders (I-Vt.)": the party letter and state after a
    US lawmaker's name are the party and the state the lawmaker belongs to."""
    doc = ctx.doc
    if end + 3 >= len(doc) or doc[end].text not in (",", "(") or doc[end + 2].text != "-" \
            or doc[end + 1].text not in ("D", "R", "I"):
        return []
    stop = next((i for i in range(end + 3, min(len(doc), end + 7)) if doc[i].text in (",", ")") or doc[i].is_space),
                None)
    if stop is None:
        return []
    written = doc[end + 3: stop].text.strip()
    state = US_STATE_FORMS.get(written) or US_STATE_FORMS.get(written.rstrip(".")) or US_STATE_FORMS.get(written + ".")
    if state is None:
        return []
    found = [ctx.index.ensure(EntityKind.PLACE, state, written, _chars(doc[end + 3], doc[stop - 1]))]
    party_name = PARTY_LETTERS.get(doc[end + 1].text)
    if party_name is not None:
        found.append(party(ctx, doc[end + 1], party_name))
    return found


def _office_letters(doc: Doc, end: int) -> list[str]:
    """"the Hon Tony Burke MP", "Andrew Robb AO MP": the letters after a name
    that name an office (not an honour)."""
    out = []
    while end < len(doc) and doc[end].text in POSTNOMINALS:
        if doc[end].text in OFFICE_POSTNOMINALS:
            out.append(doc[end].text)
        end += 1
    return out


def _prefix_title(ctx: Context, start: int) -> tuple[list[str], int | None] | None:
    """The title written right before a name, and the body it names."""
    doc = ctx.doc
    sent = ctx.sentence_of(doc[start])
    listed = _portfolio_list_before(ctx, start, sent.start)
    if listed is not None:  # "Tourism, Resources and Energy Minister X": the portfolios, commas and all
        return [doc[listed:start].text], None
    run: list[Token] = []
    bracketed: list[str] = []
    j = start - 1
    portfolio = _portfolio_before(ctx, start, sent.start)
    while j >= sent.start:
        tok = doc[j]
        key = ctx.index.key_at(j)
        if portfolio is not None and j >= portfolio:
            pass  # "Minister for Agriculture, Fisheries and Forestry Tony Burke": the portfolio, commas and all
        elif tok.lower_ == "the" and j > sent.start and doc[j - 1].lower_ in ("of", *_CONNECTORS) and run:
            pass  # "Chief of the Defence Force General X"
        elif not run and is_honorific(tok) and j > sent.start:
            j -= 1  # "Iraqi Prime Minister Dr Haider Al-Abadi": the form of address is no part of the title
            if doc[j].lower_ == "the" and j > sent.start:
                j -= 1  # "Prime Minister the Hon Malcolm Turnbull MP"
            continue
        elif tok.text == ")" and not run[1:] and j - 2 >= sent.start and doc[j - 2].text == "(" \
                and (acronym := ctx.index.key_at(j - 1)) is not None \
                and ctx.index.kind(acronym) is EntityKind.ORGANIZATION:
            j -= 1  # "Organisation of Islamic Cooperation (OIC) head X": the body, by its acronym
            continue
        elif tok.text == ")" and (opening := _parenthesised_title(doc, j, sent.start)) is not None:
            bracketed.append(doc[opening + 1: j].text)
            j = opening - 1
            continue  # "Labour MP (Member of Parliament) Tom Watson": the spelt-out title, one more form
        elif tok.is_space or tok.text in _STOP_PUNCT or tok.lower_ in ("the", "a", "an"):
            break
        elif run and j == run[0].i - 1 and run[0].lower_ in OCCUPATIONS and _field_adjective(tok):
            pass  # "evolutionary biologist X": the field is part of the occupation
        elif run and tok.text.islower() and tok.lower_ in _NEUTRAL_MODIFIERS:
            j -= 1  # "Egypt's current President X": how settled the office is, no part of it
            continue
        elif tok.text in POSTNOMINALS and j > 0 and ctx.index.key_at(j - 1) is not None:
            break  # "Prime Minister Tony Abbott MP and Prime Minister X": the letters are Abbott's
        elif key is not None:
            if ctx.index.kind(key) is EntityKind.PERSON:
                break
            if run and run[0].lower_ == "and" and ctx.index.key_at(run[0].i) != key and _after_of(ctx, j, key):
                break  # "Prime Minister X of the United Kingdom and Prime Minister Y": the UK is X's
            if run and run[0].lower_ == "of" and ctx.index.key_at(run[0].i) != key and _mention_start(ctx, j, key) > 0 \
                    and doc[_mention_start(ctx, j, key) - 1].lower_ == "the":
                break  # "The State Visit of President X": a noun phrase of its own, not a body before a title
        elif not (_is_title_word(tok) or tok.lower_ in ("of", "and", "&") or tok.lower_ in DEMONYMS
                  or tok.text in PARTY_ADJECTIVES or _portfolio_word(tok, run)
                  or tok.lower_ in BODY_NOUNS and j > sent.start + 2 and doc[j - 1].lower_ == "the"
                  or tok.lower_ in _CONNECTORS or tok.lower_ == "from" or tok.text in _POSSESSIVE or tok.text == "-"):
            break
        run.insert(0, tok)
        j -= 1
    if run and run[-1].lower_ in ("of", "and", "&", "the", "from") or run and run[-1].lower_ in _CONNECTORS:
        return None  # "the mayor of X": X is the place, not a titled name
    while len(run) > 1 and run[0].text.islower() and run[1].lower_ == "of" and run[0].lower_ not in TITLE_HEADS:
        run.pop(0)  # "the home of Prime Minister X": a place of the title's holder, no title word
    while run and (run[0].lower_ in ("of", "and", "&", "the", "from") or run[0].lower_ in _CONNECTORS
                   or run[0].text in _POSSESSIVE):
        run.pop(0)
    run = _own_part(ctx, run)
    if not any((t.lower_ in TITLE_HEADS or _plural_title(t)) and ctx.index.key_at(t.i) is None for t in run):
        return None
    if run[-1].lower_ in OCCUPATIONS and run[0].i > 0 and doc[run[0].i - 1].tag_ == "PRP$":
        return None  # "his former lawyer Michael Cohen": a lawyer for him, not an office
    titles, affiliation = _split_run(ctx, run)
    if titles:
        titles += [b for b in bracketed if _norm(b) not in {_norm(t) for t in titles}]
    if affiliation is None and titles:
        affiliation = _possessor_of_run(ctx, run[0].i)
    return [_singular_title(t) for t in titles], affiliation


def _possessor_of_run(ctx: Context, first: int) -> int | None:
    """"South Korea's foreign ministry spokesperson X": the state or body whose
    lower-case office words come before the title holds the office."""
    doc, j = ctx.doc, first - 1
    while j >= 1 and first - j <= 3 and doc[j].text.islower() and doc[j].pos_ in ("NOUN", "ADJ") \
            and ctx.index.key_at(j) is None:
        j -= 1
    if j < 1 or doc[j].text not in _POSSESSIVE:
        return None
    key = ctx.index.key_at(j - 1)
    return key if key is not None and ctx.index.kind(key) in (EntityKind.PLACE, EntityKind.ORGANIZATION) else None


def _portfolio_before(ctx: Context, start: int, floor: int) -> int | None:
    """Where "for" stands when the words right before a name are a minister's
    portfolio: "Minister for Youth Kate Ellis", "Minister for Climate Change
    and Energy Efficiency Greg Combet".  Capitalised words, "and" and commas
    lead back to "for" after a capitalised title word; the portfolio ends on
    a capitalised word, not on a comma (that comma opens an apposition)."""
    doc = ctx.doc
    if start - 1 < floor or not doc[start - 1].text[:1].isupper() or is_honorific(doc[start - 1]):
        return None  # "the Minister for Defence, Mr Reith": an apposition after the comma
    j = start - 1
    while j > floor and start - j <= 12:
        tok = doc[j]
        key = ctx.index.key_at(j)
        if key is not None and ctx.index.kind(key) is EntityKind.PERSON:
            return None
        if portfolio_opens(doc, j + 1):
            return j if j + 1 < start and doc[j + 1].text[:1].isupper() else None
        if not (tok.text[:1].isupper() and tok.is_alpha or tok.lower_ in ("and", "&", ",") or _possessive_mark(tok)
                or tok.lower_ == "the" and j > floor and doc[j - 1].lower_ in ("and", "&", ",")):
            return None  # "the" only after "and": "for Broadband, Communications and the Digital Economy"
        j -= 1
    return None


def _portfolio_list_before(ctx: Context, start: int, floor: int) -> int | None:
    """Where a list of portfolios written before a minister's title starts
    ("Tourism, Resources and Energy Minister X", "Infrastructure, Transport,
    Regional Development and Local Government Minister Y"): capitalised
    field words joined by commas and "and", each item ending on a
    portfolio's last word. The tagger often reads the list as a body."""
    doc = ctx.doc
    head = start - 1
    if head <= floor or doc[head].lower_ not in PORTFOLIO_HEADS or not doc[head].text[:1].isupper():
        return None
    j = head - 1
    while j >= floor:
        tok, key = doc[j], ctx.index.key_at(j)
        if key is not None and ctx.index.kind(key) is not EntityKind.ORGANIZATION or tok.lower_ in TITLE_HEADS:
            break
        if not (tok.text == "," or tok.lower_ in ("and", "&", "the") or tok.text[:1].isupper() and tok.is_alpha):
            break
        j -= 1
    first = j + 1
    while first < head and (doc[first].lower_ in ("and", "&", "the") or doc[first].text == ","):
        first += 1
    items = doc[first:head]
    return first if any(t.text == "," for t in items) and listed_portfolios(items.text) else None


def _ends_on_portfolio(toks: list[Token]) -> bool:
    """"Minister for Agriculture, Fisheries and Forestry": capitalised words
    after a title's "for" are its portfolio, title words or not."""
    at = next((n for n, t in enumerate(toks) if t.lower_ == "for" and n > 0), None)
    return at is not None and at + 1 < len(toks) and toks[-1].text[:1].isupper() and all(
        t.text[:1].isupper() or t.lower_ in ("and", "&", ",") or _possessive_mark(t) for t in toks[at + 1:])


def _member_of_before(ctx: Context, start: int) -> tuple[list[str], int | None] | None:
    """"Member of Parliament (MP) Yvette Cooper", "member of the Rajya Sabha X": a seat in a named
    chamber written before the name is a title, and the chamber its body ("member" alone is no title)."""
    doc = ctx.doc
    floor = ctx.sentence_of(doc[start]).start
    j, letters = start - 1, []
    if j > floor and doc[j].text == ")":
        opening = _parenthesised_title(doc, j, floor)
        if opening is None:
            return None
        letters, j = [doc[opening + 1: j].text], opening - 1
    k = next((k for k in range(j - 2, max(floor, j - 7) - 1, -1)
              if doc[k].lower_ in ("member", "members") and doc[k + 1].lower_ == "of"), None)
    if k is None or j < k + 2:
        return None
    chamber = [t for t in doc[k + 2: j + 1] if t.lower_ != "the" or t.i > k + 2]
    if not chamber or not all(t.text[:1].isupper() or t.lower_ in ("of", "and") or t.lower_ in _CHAMBERS
                              for t in chamber) or any(ctx.index.key_at(t.i) is not None and ctx.index.kind(
                                  ctx.index.key_at(t.i)) is EntityKind.PERSON for t in chamber):  # type: ignore[arg-type]
        return None
    key = ctx.index.key_at(j)
    if key is None or ctx.index.kind(key) is not EntityKind.ORGANIZATION:
        text = doc[chamber[0].i: j + 1].text
        key = ctx.index.ensure(EntityKind.ORGANIZATION, text, text, _chars(chamber[0], doc[j]))
    seat = doc[k].text[:-1] if doc[k].lower_ == "members" else doc[k].text  # "members of X A and B": each a member
    return [f"{seat} {doc[k + 1: j + 1].text}", *letters], key


def _own_part(ctx: Context, run: list[Token]) -> list[Token]:
    """"a spokesperson for Russian President X", "an adviser to US President
    X": the title before "for"/"to" is somebody else's when a title of the
    name's own follows it ("Minister for Foreign Affairs X" has none)."""
    for k in range(len(run) - 2, 0, -1):
        if run[k].lower_ in ("for", "to") and run[k].text.islower() and run[k + 1].lower_ != "the" and any(
                t.lower_ in TITLE_HEADS and ctx.index.key_at(t.i) is None for t in run[:k]) and any(
                t.lower_ in TITLE_HEADS and t.text[:1].isupper() and ctx.index.key_at(t.i) is None for t in run[k + 1:]) \
                and (all(_is_title_word(t) or t.lower_ in DEMONYMS or t.text in PARTY_ADJECTIVES or _place_word(ctx, t)
                         for t in run[k + 1:])
                     or _ends_on_portfolio(run[k + 1:])) \
                and not (run[k - 1].lower_ in PORTFOLIO_HEADS and run[-1].lower_ in _SEAT_TITLES and len(run) - k >= 3):
            return run[k + 1:]  # not "Secretary for Urban Water Senator X", "Minister for Trade Senator X": a seat
    return run


def _place_word(ctx: Context, tok: Token) -> bool:
    key = ctx.index.key_at(tok.i)
    return key is not None and ctx.index.kind(key) is EntityKind.PLACE


def _parenthesised_title(doc: Doc, close: int, floor: int) -> int | None:
    """Where "(" opens a bracket of title words that ends at ``close`` ("(MP)",
    "(Member of Parliament)"), or None when the bracket holds anything else."""
    i = close - 1
    while i > floor and close - i <= 5 and doc[i].text != "(":
        i -= 1
    inside = doc[i + 1: close]
    if doc[i].text != "(" or not len(inside):
        return None
    words = [t for t in inside if t.lower_ not in ("of", "the", "for")]
    ok = all(_is_title_word(t) or t.text in OFFICE_POSTNOMINALS or t.lower_ in BODY_NOUNS
             or t.lower_ == "member" and t.nbor().lower_ == "of" for t in words)
    return i if ok and words else None


def _portfolio_word(tok: Token, run: list[Token]) -> bool:
    """"Emergencies Minister X", "Deputy Emergency Situations Minister X": an
    untagged capitalised noun before a minister's title names the portfolio."""
    if run and tok.text.islower() and tok.is_alpha and tok.tag_ == "NN" and tok.dep_ == "compound" \
            and tok.head.i == run[0].i and run[0].text.islower() and run[0].lower_ in TITLE_HEADS \
            and run[0].lower_ not in _NOT_POSITIONS and tok.lower_ not in BODY_NOUNS \
            and tok.lower_ not in ("committee", "party") and not tok.lower_.endswith("ing"):
        return True  # "local wildlife officer X", "team leader X": the field is part of the job
    joined = len(run) >= 3 and run[0].lower_ in ("and", "&") and run[1].text[:1].isupper() \
        and not _is_title_word(run[1])  # "Road Transport and Bridges Minister X": two fields
    return bool(run) and tok.text[:1].isupper() and tok.is_alpha \
        and (not tok.ent_type_ or _named_portfolio(tok) or tok.ent_type_ in ("PERSON", "ORG")) \
        and (tok.tag_ in ("NNP", "NNPS", "NN", "NNS") or tok.tag_ == "JJ" and _named_portfolio(tok)) \
        and (run[0].lower_ not in ("of", "and", "&") or joined) and _heads_portfolio(run)


def _heads_portfolio(run: list[Token]) -> bool:
    """A minister's title ends the run within three words, or within five
    when only capitalised field words and "and" come before it."""
    head = next((n for n, t in enumerate(run[:5]) if t.lower_ in PORTFOLIO_HEADS), None)
    return head is not None and (head < 3 or all(t.text[:1].isupper() or t.lower_ in ("and", "&") for t in run[:head]))


def _named_portfolio(tok: Token) -> bool:
    """"India's External Affairs Minister X": the tagger's "External Affairs" is the portfolio."""
    j = tok.i
    doc = tok.doc
    while j + 1 < len(doc) and doc[j + 1].text[:1].isupper() and doc[j + 1].lower_ not in PORTFOLIO_HEADS:
        j += 1
    return doc[j].lower_ in PORTFOLIO_LAST_WORDS and j + 1 < len(doc) and doc[j + 1].lower_ in PORTFOLIO_HEADS \
        and j - tok.i <= 2


def _mention_start(ctx: Context, j: int, key: int) -> int:
    """Where the mention of ``key`` that ends at token ``j`` starts."""
    i = j
    while i > 0 and ctx.index.key_at(i - 1) == key:
        i -= 1
    return i


def _after_of(ctx: Context, j: int, key: int) -> bool:
    """The mention ending at token ``j`` follows "of" (or "of the")."""
    i = _mention_start(ctx, j, key)
    if i > 0 and ctx.doc[i - 1].lower_ == "the":
        i -= 1
    return i > 0 and ctx.doc[i - 1].lower_ == "of"


def _party_role_before(ctx: Context, start: int) -> int | None:
    """"Democratic rival Joe Biden", "Labor candidate X", "Republican Kevin
    McCarthy": the party (or body) named before the name or a party role noun."""
    if start >= 1 and ctx.doc[start - 1].text in PARTY_ADJECTIVES:
        return _party_named(ctx, ctx.doc[start - 1])  # "Republican Kevin McCarthy"
    if start < 2 or ctx.doc[start - 1].lower_ not in _PARTY_ROLES:
        return None
    tok = ctx.doc[start - 2]
    named = _party_named(ctx, tok)
    if named is not None:
        return named
    key = ctx.index.key_at(tok.i)
    return key if key is not None and ctx.index.kind(key) is EntityKind.ORGANIZATION else None


def _party_named(ctx: Context, tok: Token) -> int | None:
    """The party a capitalised party adjective names, unless the tagger made
    the word part of another name ("Democratic Republic of the Congo")."""
    if tok.text not in PARTY_ADJECTIVES:
        return None
    key = ctx.index.key_at(tok.i)
    return party(ctx, tok) if key is None or ctx.index.kind(key) is EntityKind.GROUP else None


def _party_before_nouns(ctx: Context, start: int) -> int | None:
    """"Democratic committee chairman X": a party adjective before the common
    nouns of a titled name, which the title run stops short of."""
    j = start - 1
    while j >= 0 and start - j <= 4 and ctx.doc[j].text.islower() and ctx.doc[j].pos_ == "NOUN" \
            and ctx.index.key_at(j) is None:
        j -= 1
    return None if j == start - 1 or j < 0 else _party_named(ctx, ctx.doc[j])


def _split_run(ctx: Context, run: list[Token]) -> tuple[list[str], int | None]:
    """[former][body words][title words] -> (titles as written, body key).

    A military rank written after a full title is a title of its own ("Chief
    of the Defence Force General X": two titles)."""
    definite = bool(run) and run[0].i > 0 and ctx.doc[run[0].i - 1].lower_ == "the"
    cut = _second_leader(run) if definite else None
    if cut is not None:
        return _split_run(ctx, run[cut:])
    both = _two_offices(run, definite)
    if both is not None:  # "former US Secretary of State and former US Senator X": each title read on its own
        first, second = _split_run(ctx, run[:both]), _split_run(ctx, run[both + 1:])
        return first[0] + second[0], second[1] if second[1] is not None else first[1]
    run = _without_description(run)
    keep: list[Token] = []
    while run and run[0].lower_ in TITLE_KEEP_PREFIXES:
        keep.append(run.pop(0))
    if not any(t.lower_ in TITLE_HEADS or _plural_title(t) for t in run):
        return [], None
    title, affiliation = _split_body(ctx, run)
    if not title:
        return [], affiliation
    if keep:
        title = " ".join(t.text for t in keep) + " " + title
    words = title.split()
    if len(words) >= 2 and words[-1].lower() in _ROYAL_STYLES and words[-2].lower() in TITLE_HEADS:
        words = words[:-1]  # "Saudi Foreign Minister Prince Saud al Faisal": the royal style is no office
        title = " ".join(words)
    if len(words) >= 3 and words[-2].lower() in ("for", "to", "of") and words[-1].lower() in TITLE_HEADS \
            and words[-1][:1].isupper() and words[-2].islower() and words[-1].lower() not in TITLE_OF_WORDS:
        return [words[-1]], None  # "a spokesperson for President X", "a State Dinner for President X": somebody else's
    if len(words) >= 3 and any(w.lower() in TITLE_HEADS for w in words[:-1]) and (
            words[-1].lower() in _RANKS and (not _is_title_modifier(words[-2]) or "of" in words)
            or words[-1].lower() in TITLE_HEADS and not _is_title_word_text(words[-2])
            and words[-1].lower() not in TITLE_OF_WORDS
            and any(w in ("for", "to", "of") for w in words)):
        return [" ".join(words[:-1]), words[-1]], affiliation  # "... for Urban Water Senator X": two titles
    if len(words) >= 2 and words[-1].lower() in _SEAT_TITLES and words[-1][:1].isupper() and (
            words[-2].lower() in TITLE_HEADS and words[-2][:1].isupper()
            or any(w in ("for", "to") for w in words[1:-1]) and words[0].lower() in TITLE_HEADS):
        return [" ".join(words[:-1]), words[-1]], affiliation  # "Manufacturing Minister Senator X", "Minister for
        # the Digital Economy Senator X": an office and a seat
    if len(words) == 2 and words[-1].lower() in _RANKS - {"general"} and words[0].lower() in TITLE_HEADS \
            and not _is_title_modifier(words[0]) and words[0][:1].isupper():
        return [words[0], words[1]], affiliation  # "Commandant Admiral X": an office and a rank
    if len(words) >= 2 and words[-2].islower() and words[-2] in TITLE_HEADS and not _is_title_modifier(words[-2]) \
            and words[-1][:1].isupper() and words[-1].lower() in TITLE_HEADS:
        return [" ".join(words[:-1]), words[-1]], affiliation  # "AU chairperson President X": two titles
    if " and " in title and not definite:  # "the Prime Minister and CEO X": two people
        left, right = title.rsplit(" and ", 1)
        if any(w.lower() in TITLE_HEADS for w in left.split()) and any(w.lower() in TITLE_HEADS for w in right.split()) \
                and right.split()[0].lower() != "the":  # not "Minister for Broadband and the Digital Economy Senator X"
            return [left, right], affiliation  # "Deputy Prime Minister and Minister of Economy X": two offices
    return [title], affiliation


def _nationality_word(tok: Token) -> bool:
    """A capitalised demonym ("Russian", "Polish"), not the common word ("polish")."""
    return tok.lower_ in DEMONYMS and tok.text[:1].isupper()


def _demonym_led(ctx: Context, start: int) -> bool:
    """The title run before the name opens with a nationality ("Russian President X")."""
    j = start - 1
    while j >= 0 and (_is_title_word(ctx.doc[j]) or ctx.doc[j].lower_ == "of"):
        j -= 1
    return j >= 0 and _nationality_word(ctx.doc[j])


def _same_nation_list(ctx: Context, previous_end: int, start: int) -> bool:
    """"Russian President Vladimir Putin and Foreign Minister Sergei Lavrov":
    only "and" and title words between the two names, so the nationality
    written before the first title is the second's too."""
    gap = ctx.doc[previous_end:start]
    return len(gap) >= 2 and gap[0].lower_ == "and" and all(
        _is_title_word(t) and ctx.index.key_at(t.i) is None and t.lower_ not in _LEADER_WORDS for t in gap[1:])
    # ("American President X and Prime Minister Y": a leader's title may be another country's)


#: Words of a head of state's or government's title: the leaders' titles but a minister's, a governor's
#: or a mayor's (each held within one country), with "Prime" and "leader".
_LEADER_WORDS = _LEADER_TITLES - {"minister", "governor", "mayor"} | {"prime", "leader"}


def _without_description(run: list[Token]) -> list[Token]:
    """"the topmost senior Polish archbishop X": lower-case words before a
    nationality describe the person, the title starts at the nationality
    ("former" and its kind stay)."""
    nationality = next((k for k, t in enumerate(run) if _nationality_word(t)), 0)
    if nationality and all(t.text.islower() and t.lower_ not in TITLE_HEADS for t in run[:nationality]):
        return [t for t in run[:nationality] if t.lower_ in TITLE_KEEP_PREFIXES] + run[nationality:]
    return run


def _two_offices(run: list[Token], definite: bool) -> int | None:
    """Where "and" joins two whole titles of one person in a title run ("former
    Secretary of State and former Senator X"), if it does. After "the" only
    for two cabinet offices, which one minister often holds together ("the
    Deputy Prime Minister and Treasurer X"): "the Governor and CEO X" may be
    two people."""
    for i, tok in enumerate(run[1:-1], start=1):
        if tok.lower_ != "and":
            continue
        nxt = run[i + 1]
        if (nxt.lower_ in TITLE_KEEP_PREFIXES or _is_title_word(nxt) or nxt.lower_ in DEMONYMS) \
                and any(t.lower_ in TITLE_HEADS for t in run[:i]) and any(t.lower_ in TITLE_HEADS for t in run[i + 1:]) \
                and run[i - 1].lower_ not in ("of", "for", "to") \
                and (not definite or any(t.lower_ == "minister" for t in run[:i]) and nxt.lower_ in _CABINET_OFFICES):
            return i
    return None


#: Offices a minister may hold beside another, by the word that opens them.
_CABINET_OFFICES = frozenset({"minister", "treasurer", "attorney-general"})


def _second_leader(run: list[Token]) -> int | None:
    """"the Prime Minister and President X": after "the", two leaders' titles
    joined by "and" are two people, and only the second, starting where this
    returns, is X's."""
    cut = next((i for i, t in enumerate(run) if t.lower_ == "and"), None)
    if cut is not None and 0 < cut < len(run) - 1 \
            and run[cut - 1].lower_ in _LEADER_TITLES and run[-1].lower_ in _LEADER_TITLES:
        return cut + 1
    if cut is not None and 0 < cut < len(run) - 1 and " ".join(t.lower_ for t in run[:cut]) in _HEADS_OF_GOVERNMENT \
            and run[cut + 1].lower_ in PORTFOLIO_HEADS and _ends_on_portfolio(run[cut + 1:]):
        return cut + 1  # "the Prime Minister and Minister for Defence Materiel X": two people
    if cut is not None and 0 < cut < len(run) - 1 and " ".join(t.lower_ for t in run[:cut]) in _SOLE_OFFICES:
        return cut + 1  # "the Prime Minister and CEO Abdullah": a prime minister holds no second title so
    return None


#: Offices whose holder is not written with a second title after "the ... and": "the Prime Minister and
#: Treasurer X" names two people, where "the President and CEO X" may be one.
_SOLE_OFFICES = frozenset({"prime minister", "taoiseach"})


#: Whole titles of one leader: "the Prime Minister and Minister for X Y" are two people ("the Deputy Prime
#: Minister and Minister for X" may be one).
_HEADS_OF_GOVERNMENT = frozenset({"prime minister", "president", "premier", "chancellor", "taoiseach"})


def _is_title_word_text(word: str) -> bool:
    return word.lower() in TITLE_HEADS or word.lower() in TITLE_MODIFIERS


def _is_title_modifier(word: str) -> bool:
    return word.lower() in TITLE_MODIFIERS


def _split_body(ctx: Context, run: list[Token]) -> tuple[str | None, int | None]:
    first_title = next((i for i, t in enumerate(run) if ctx.index.key_at(t.i) is None and _is_title_word(t)
                        and t.lower_ not in DEMONYMS and t.text not in PARTY_ADJECTIVES), None)
    if first_title is None:
        return None, None
    if 2 <= first_title < len(run) - 1 and run[first_title - 1].lower_ == "of" and _plural_title(run[first_title]) \
            and ctx.index.key_at(run[first_title - 2].i) is not None:
        first_title += 1  # "House | of Representatives | Speaker": the chamber's name runs on
    bodies: list[tuple[int, int]] = []  # (key, first token position in run)
    for i, tok in enumerate(run[:first_title]):
        key = ctx.index.key_at(tok.i)
        if key is None and tok.lower_ in DEMONYMS:
            key = ctx.index.country(DEMONYMS[tok.lower_], tok.text)
        if tok.text in PARTY_ADJECTIVES and (key is None or ctx.index.kind(key) is EntityKind.GROUP):
            key = party(ctx, tok)
        if key is not None and (not bodies or bodies[-1][0] != key):
            bodies.append((key, i))
    if bodies and any(t.lower_ in _CONNECTORS for t in run[bodies[-1][1]:first_title]):
        bodies = []  # "a State Dinner for President X": the body is not the president's
    title_start = first_title
    while title_start > 0 and _portfolio_word(run[title_start - 1], run[title_start:]) \
            and ctx.index.key_at(run[title_start - 1].i) is None and run[title_start - 1].lower_ not in DEMONYMS \
            and run[title_start - 1].text not in PARTY_ADJECTIVES:
        title_start -= 1  # "Emergencies Minister": the portfolio is part of the title
    if title_start > 0 and run[title_start].lower_ in OCCUPATIONS and _field_adjective(run[title_start - 1]):
        title_start -= 1  # "evolutionary biologist X"
    affiliation = bodies[-1][0] if bodies else None
    if len(bodies) >= 2 and ctx.index.kind(bodies[-1][0]) is EntityKind.PLACE \
            and ctx.index.kind(bodies[-2][0]) is EntityKind.ORGANIZATION:
        affiliation = bodies[-2][0]  # "U.N. Syria envoy"; "Reserve Bank of Australia Governor": the bank's name
        if not (bodies[-1][1] > 0 and run[bodies[-1][1] - 1].lower_ == "of"):
            title_start = bodies[-1][1]
    title_toks = _after_named_chamber(run[title_start:])
    tail = _named_body_tail(ctx, title_toks)
    tail = _tail_start(title_toks) if tail is None else tail
    if tail is not None:
        if title_toks[tail].lower_ in ("of", "from") and (
                affiliation is None or ctx.index.kind(affiliation) is EntityKind.PLACE):
            named = next((k for k in (ctx.index.key_at(t.i) for t in title_toks[tail + 1:])
                          if k is not None and ctx.index.kind(k) is not EntityKind.PERSON), None)
            if affiliation is None or named is not None and ctx.index.kind(named) is EntityKind.ORGANIZATION:
                affiliation = named  # "Hong Kong director of Amnesty International X": the body, not the region
        if title_toks[tail].lower_ in ("of", "from"):
            title_toks = title_toks[:tail]  # "Senator from Vermont X": Vermont is the body
    elif not _ends_on_portfolio(title_toks):
        while title_toks and not _is_title_word(title_toks[-1]):
            title_toks.pop()
    if not title_toks:
        return None, affiliation
    while len(title_toks) > 1 and title_toks[-1].lower_ in _NOT_POSITIONS:
        title_toks.pop()  # "chief executive Professor X": the rank is no part of the office
    if title_toks[-1].lower_ in _NOT_POSITIONS or not any(t.lower_ in TITLE_HEADS or _plural_title(t) for t in title_toks):
        return None, affiliation  # "Syracuse University pop culture professor X": a rank, and the body it is held at
    if title_toks[-1].lower_ in SPOKESPERSON_HEADS or len(title_toks) >= 3 \
            or len(title_toks) == 2 and title_toks[0].lower_ in BODY_NOUNS and title_toks[1].lower_ in TITLE_HEADS:
        while len(title_toks) > 1 and title_toks[0].lower_ in BODY_NOUNS:
            title_toks.pop(0)  # "Police spokesman X", "Police Senior Superintendent X": the police are the body
    text = ctx.doc[title_toks[0].i: title_toks[-1].i + 1].text
    return text, affiliation


def _after_named_chamber(toks: list[Token]) -> list[Token]:
    """"House of Representatives Speaker X", "House of Commons Speaker Y": a
    chamber named with "of" before the office is no part of it; the office is
    the title words after the chamber's last name word."""
    of = next((n for n, t in enumerate(toks) if t.lower_ == "of"), None)
    if of is None or of == 0 or any(t.lower_ in TITLE_HEADS for t in toks[:of]):
        return toks
    last_name = max((n for n in range(of + 1, len(toks)) if not _is_title_word(toks[n])
                     or _plural_title(toks[n]) and n + 1 < len(toks)), default=None)  # "of Representatives"
    if last_name is None or last_name + 1 >= len(toks) or not toks[last_name].text[:1].isupper():
        return toks
    return toks[last_name + 1:]


def _np_party(ctx: Context, head: Token) -> int | None:
    """The party adjective of a title noun phrase, if any ("the Republican
    Senate Majority Leader": the adjective may hang on a body word before the title)."""
    for child in head.doc[head.left_edge.i: head.i]:
        if child.dep_ in ("amod", "compound", "nmod") and child.text in PARTY_ADJECTIVES:
            key = ctx.index.key_at(child.i)
            if key is None or ctx.index.kind(key) is EntityKind.GROUP or key == ctx.index.key_at(head.i):
                return party(ctx, child)
    return None


def party(ctx: Context, tok: Token, name: str | None = None) -> int:
    """The party a capitalised party adjective names ("Republican" -> Republican Party), or ``name``
    for a party letter ("D" of "D-Calif.")."""
    return ctx.index.ensure(EntityKind.ORGANIZATION, name or PARTY_ADJECTIVES[tok.text], tok.text, _chars(tok, tok))


def _chars(first: Token, last: Token) -> tuple[int, int]:
    """The characters from ``first`` to ``last``, for a mention the rules name themselves."""
    return first.idx, last.idx + len(last.text)


#: Last words of a civil body's name ("World Health Organization", "Reserve Bank").
_CIVIL_BODY_WORDS = frozenset({"organization", "organisation", "agency", "commission", "bank", "fund", "institute",
                               "foundation", "association", "corporation", "company", "university", "council",
                               "committee", "union", "authority", "bureau", "department", "ministry", "office"})


def _named_body_tail(ctx: Context, toks: list[Token]) -> int | None:
    """"Secretary of the Department of Foreign Affairs and Trade X": after
    "of (the)" one body's name runs to the end of the title, title words and
    all; that is the body, not part of the title."""
    for n, tok in enumerate(toks[1:], 1):
        if tok.lower_ != "of":
            continue
        rest = toks[n + 1 + (n + 1 < len(toks) and toks[n + 1].lower_ == "the"):]
        keys = {ctx.index.key_at(t.i) for t in rest}
        key = next(iter(keys)) if len(keys) == 1 else None
        if rest and key is not None and ctx.index.kind(key) is EntityKind.ORGANIZATION and (
                rest[0].lower_ in DEPARTMENT_HEADS or rest[-1].lower_ in _CIVIL_BODY_WORDS):
            return n  # (not a portfolio tagged as a body, "Minister of Foreign Affairs", nor a service
            # whose chief's title names it, "Chief of Army")
        return None
    return None


def _tail_start(toks: list[Token]) -> int | None:
    """Where a title's complement starts when no title word follows it:
    "Premier of Tasmania" (the body), "Ambassador to Afghanistan" (part of the title)."""
    named_body = bool(toks) and toks[-1].ent_type_ == "ORG" and toks[-1].lower_ in _CIVIL_BODY_WORDS
    for n, tok in enumerate(toks):
        if tok.lower_ in ("of", "from", *_CONNECTORS) and n > 0 \
                and not any(_is_title_word(t) and t.ent_type_ not in ("GPE", "LOC") and not (named_body and t.ent_type_)
                            for t in toks[n + 1:]):
            # ("of the United States": a place, although "united" can be part of a title; "of the World
            # Health Organization": a body named with a title word)
            return n
    return None


def _of_body(ctx: Context, start: int, end: int, *, titled: bool) -> int | None:
    """"Martin Smith of PBS", "Prime Minister Tuilaepa of Samoa": the body named
    right after a person with "of" (a place only for a titled person)."""
    doc = ctx.doc
    j = end
    if j + 1 < len(doc) and doc[j].lower_ == "from" and titled:
        key = ctx.index.key_at(j + 1)  # "Senator Bernie Sanders from Vermont"
        return key if key is not None and ctx.index.kind(key) is EntityKind.PLACE else None
    if j + 1 < len(doc) and doc[j].text == "(":
        return _bracketed_body(ctx, j) if titled or start > 0 and is_honorific(doc[start - 1]) \
            or is_honorific(doc[start]) else None  # "Mr X (AGL Energy)", not "Goulburn (NSW)"
    commaed = j + 2 < len(doc) and doc[j].text == "," and doc[j + 1].lower_ == "of"
    if commaed:
        j += 1  # "Anderson Cooper, of CNN,": a body only (a place after a comma is where one is from)
    if j + 1 >= len(doc) or doc[j].lower_ != "of":
        return None
    j += 1 + (doc[j + 1].lower_ == "the")
    described = j
    while j < min(len(doc), described + 3) and ctx.index.key_at(j) is None and doc[j].text.islower() \
            and doc[j].pos_ in ("ADJ", "NOUN") and doc[j].dep_ in ("amod", "compound"):
        j += 1  # "Yvette Cooper of the opposition Labour Party": what the body is, before its name
    if j > described and (ctx.index.key_at(j) is None
                          or ctx.index.kind(ctx.index.key_at(j)) is not EntityKind.ORGANIZATION):  # type: ignore[arg-type]
        return None
    if j + 2 < len(doc) and ctx.index.key_at(j) is None and doc[j].pos_ == "NOUN" and doc[j + 1].text in _POSSESSIVE:
        j += 2  # "Arnel dela Vega of the army's Western Mindanao Command"
    key = ctx.index.key_at(j) if j < len(doc) else None
    if key is None:
        return None
    after = ctx.index.last_of(j) + 1
    if after + 1 < len(doc) and doc[after].text in _POSSESSIVE and ctx.index.key_at(after + 1) is not None \
            and ctx.index.kind(ctx.index.key_at(after + 1)) is EntityKind.ORGANIZATION:  # type: ignore[arg-type]
        key = ctx.index.key_at(after + 1)  # "Sally Wasef of Australia's Griffith University"
        assert key is not None
    kind = ctx.index.kind(key)
    if kind is EntityKind.ORGANIZATION or (kind is EntityKind.PLACE and not commaed
                                           and (titled or _of_hangs_on_name(doc, end) and not _nation(ctx, key))):
        return key
    return None


#: Country names and their other names, as alias keys, less those a US state shares ("Georgia").
_COUNTRY_FORMS = frozenset(alias_key(form) for c in COUNTRIES for form in (c.name, *c.aliases)) \
    - frozenset(alias_key(form) for form in US_STATE_FORMS)


def _nation(ctx: Context, key: int) -> bool:
    """A country (not a state it shares a name with): "Brigid Kosgei of Kenya won" names
    where an untitled person is from, where "Steve Scalise of Louisiana" names a seat."""
    name = alias_key(ctx.index.clusters[key].name)
    return name in _COUNTRY_FORMS


def _bracketed_body(ctx: Context, opening: int) -> int | None:
    """"Mr Michael Fraser (AGL Energy)", "Jane Smith (University of Sydney)": a body named alone in
    brackets after a name is the body the person comes from (a place there is no affiliation)."""
    doc = ctx.doc
    inside = [t for t in doc[opening + 1: opening + 9] if t.lower_ != "the"]
    close = next((i for i, t in enumerate(inside) if t.text == ")"), None)
    keys = {ctx.index.key_at(t.i) for t in inside[:close]} if close else {None}
    key = keys.pop() if len(keys) == 1 else None
    return key if key is not None and ctx.index.kind(key) is EntityKind.ORGANIZATION else None


def _of_hangs_on_name(doc: Doc, end: int) -> bool:
    """"Steve Scalise of Louisiana calling ...": the parser hangs the "of" on
    the name itself (not on a noun before it: "the death of X of Y")."""
    name_head = doc[end - 1]
    return doc[end].head.i == name_head.i and name_head.dep_ not in ("pobj", "dobj") \
        and not any(c.dep_ == "poss" for c in name_head.children)


def _possessive_body(ctx: Context, start: int) -> int | None:
    """"BBC's Jonathan Marcus": an organisation's own person."""
    doc = ctx.doc
    if start < 2 or doc[start - 1].text not in _POSSESSIVE:
        return None
    key = ctx.index.key_at(start - 2)
    if key is None or ctx.index.kind(key) is not EntityKind.ORGANIZATION:
        return None
    return key


def _copular_titles(ctx: Context, *, pronouns: bool = False) -> list[TitleFinding]:
    """"al-Muhandis was the deputy commander of the PMF", "X is a columnist
    for Y", "since becoming Prime Minister, X": a named person is the subject
    of "be" or "become" with a title noun.  ``pronouns``: only the clauses
    whose subject is "he" or "she", read once pronouns can be resolved."""
    found = []
    for tok in ctx.find(TITLE_HEADS | _MEMBER_NOUNS | _PARTY_NOUNS):
        lemma = tok.head.lemma_
        if tok.lower_ in _PARTY_NOUNS:  # "Trump is a Republican", "she became a Democrat"
            if tok.text in PARTY_ADJECTIVES and tok.dep_ == "attr" and lemma in ("be", "become") \
                    and any(c.dep_ == "det" for c in tok.children):
                found += [TitleFinding(k, None, party(ctx, tok), tok, "title:copula", 0.75)
                          for k in _copula_subjects(ctx, tok, pronouns)]
            continue
        appointed = tok.dep_ == "oprd" and lemma in _APPOINTING_VERBS and any(
            c.dep_ == "nsubjpass" for c in tok.head.children) and not any(
            t.text == "Order" for t in tok.subtree)  # "X was elected president of Y" (not "a Member of the Order of Y")
        if not (tok.dep_ == "attr" and lemma in _COPULAS or tok.dep_ in ("dobj", "oprd", "xcomp") and lemma in _COPULAS[1:]
                or appointed) or not _titled_np(tok):
            continue
        if tok.lower_ in RELATIONAL_NOUNS or tok.lower_ in GENERIC_PERSON_NOUNS and _np_title(ctx, tok)[1] is None:
            continue  # "X is a leader" says little; "X became leader of the Conservative Party" names the office
        if any(c.dep_ == "amod" and c.text.islower() and not _is_title_word(c) and c.lower_ not in TITLE_KEEP_PREFIXES
               and c.lower_ not in _ORDINAL_MODIFIERS and c.lower_ not in _NEUTRAL_MODIFIERS for c in tok.children):
            continue  # "an outstanding representative for the Pacific": praise, not an office
        keys = _copula_subjects(ctx, tok, pronouns, passive=appointed)
        if not keys:
            continue
        for role in (tok, *_stacked_titles(ctx, tok)):
            title, body = _np_title(ctx, role) if role is tok else _stacked_office(ctx, role)
            if title or body is not None:
                found += [TitleFinding(k, title, body, role, "title:copula", 0.75) for k in keys]
    return found


def _stacked_titles(ctx: Context, role: Token) -> list[Token]:
    """"X becomes Minister for Tourism and Minister for Small Business", "X
    is the co-chair of A, Chair of B and chair of C": another title word
    after "and" or a comma, in one run of office words, is one more office of
    the same holder (the parser hangs it anywhere, so the words decide), when
    its own "for", "to" or "of" phrase follows; not when a name comes
    between ("Minister for Trade X and Minister Y") or after it ("and
    Secretary of State Y said"), nor another word ("and Minister Assisting
    the Prime Minister")."""
    doc, found = ctx.doc, []
    for i in range(role.i + 1, min(len(doc), role.i + 40)):
        tok = doc[i]
        key = ctx.index.key_at(i)
        if key is not None and ctx.index.kind(key) is EntityKind.PERSON or not (
                tok.text[:1].isupper() or tok.lower_ in _RUN_JOINERS or tok.text in (",", "-")
                or _possessive_mark(tok) or tok.lower_ in TITLE_HEADS and tok.text.islower()):
            break
        if tok.lower_ != "and" and tok.text != ",":
            continue
        again = next((j for j in range(i + 1, min(len(doc), i + 4))
                      if doc[j].lower_ == role.lower_ or doc[j].lower_ in TITLE_HEADS), None)
        if again is None or again + 1 >= len(doc) or doc[again + 1].lower_ not in ("for", "to", "of") \
                or not all(doc[j].text[:1].isupper() for j in range(i + 1, again)):
            continue
        same = doc[again].lower_ == role.lower_ and doc[again].text[:1].isupper()
        if same or _office_run_ends_unnamed(ctx, doc[again]):
            found.append(doc[again])
    return found


def _stacked_office(ctx: Context, role: Token) -> tuple[str | None, int | None]:
    """A listed office's title and body, the body read from the words when
    the parser hung its "of" phrase elsewhere ("and chair of the X
    Committee", "of" under the previous body)."""
    title, body = _np_title(ctx, role)
    doc = ctx.doc
    j = role.i + 1
    if body is None and j + 1 < len(doc) and doc[j].lower_ == "of" and doc[j] not in role.children \
            and (title or "").lower().endswith(role.lower_):  # not "Minister of Health": a portfolio
        j += 1 + (doc[j + 1].lower_ == "the")
        key = ctx.index.key_at(j) if j < len(doc) else None
        after = ctx.index.last_of(j) + 1 if key is not None else j
        if key is not None and ctx.index.kind(key) is EntityKind.ORGANIZATION \
                and not (after < len(doc) and doc[after].pos_ == "NOUN" and doc[after].text.islower()):
            body = key  # not "of the National company": a name misread in a description
    return title, body


def _office_run_ends_unnamed(ctx: Context, head: Token) -> bool:
    """The office words from ``head`` on ("Chair of the Strategic Policy Group") run into no name: in
    "and Secretary of State Antony Blinken said" the office is Blinken's."""
    doc = ctx.doc
    for j in range(head.i + 1, min(len(doc), head.i + 15)):
        key = ctx.index.key_at(j)
        if key is not None and ctx.index.kind(key) is EntityKind.PERSON:
            return False
        if not (doc[j].text[:1].isupper() or doc[j].lower_ in _RUN_JOINERS or _possessive_mark(doc[j])):
            return True
    return True


#: Lower-case words inside a run of capitalised office words ("Minister for the Arts and ...").
_RUN_JOINERS = frozenset({"for", "to", "of", "the", "and", "&", "on"})


def _copula_subjects(ctx: Context, tok: Token, pronouns: bool, *, passive: bool = False) -> list[int]:
    """The people a copula's complement describes: its named subject ("Since becoming Prime Minister, Mr
    Rudd"; "Mike Pompeo, who is"), every one of a plural complement's listed subjects ("A, B and C are all
    members"), or with ``pronouns`` its "he" or "she" once resolved ("He became finance minister");
    none unless the clause states a fact."""
    subj = [c for c in tok.head.children if c.dep_ == ("nsubjpass" if passive else "nsubj")] \
        or [t for t, _ in ctx.subjects(tok.head)][:1]
    if subj and subj[0].head.i != tok.head.i and _named_before_verb(ctx, tok.head):
        return []  # "A will become X and B will become Y", B misparsed: Y is not A's
    if not subj or (subj[0].lower_ in ("he", "she")) != pronouns or not _states_office(ctx, tok.head, tok):
        return []
    if pronouns:
        ref = ctx.refer(subj[0])
        key = ref.key if ref is not None else None
    else:
        key = ctx.index.key_at(_before_letters(ctx.doc, subj[0].i))
        if key is None:  # "The new leader of the National Party, the Hon Mark Vaile MP, will become"
            key = next((k for c in subj[0].children if c.dep_ == "appos"
                        for k in [ctx.index.key_at(_before_letters(ctx.doc, c.i))] if k is not None), None)
        if key is None and subj[0].tag_ == "WP" and subj[0].lower_ == "who":
            key = _named_before_who(ctx, subj[0])
    if key is None or ctx.index.kind(key) is not EntityKind.PERSON:
        return []
    if tok.tag_ not in ("NNS", "NNPS"):
        return [key]
    return list(dict.fromkeys(k for t in ctx.expand(subj[0]) for k in [ctx.index.key_at(t.i)]
                              if k is not None and ctx.index.kind(k) is EntityKind.PERSON))


def _named_before_verb(ctx: Context, verb: Token) -> bool:
    """A name stands right before the verb and its auxiliaries: the verb's own subject, whatever the parse."""
    i = verb.i - 1
    while i >= 0 and ctx.doc[i].dep_ in ("aux", "auxpass", "neg") and ctx.doc[i].head.i == verb.i:
        i -= 1
    return i >= 0 and ctx.index.key_at(_before_letters(ctx.doc, i)) is not None


def _before_letters(doc: Doc, i: int) -> int:
    """The name before post-nominal letters the parser made the head ("The Hon X MP will become")."""
    while i > 0 and doc[i].text in POSTNOMINALS:
        i -= 1
    return i


def _states_office(ctx: Context, verb: Token, office: Token) -> bool:
    """The clause states the office: as a fact, or as announced ("X will
    become Minister for Trade", "Y will be appointed", "X will be
    Parliamentary Secretary for Health": an office written as its formal
    name), but not "X will be the next leader" (a forecast as often as an
    announcement) or "if elected"."""
    mode = ctx.modality(verb)
    if mode == FACT or mode == FUTURE and verb.lemma_.lower() != "be":
        return True
    return mode == FUTURE and office.text[:1].isupper() and not any(
        c.dep_ == "det" or c.dep_ == "amod" and c.text.islower() for c in office.children) and not any(
        m.dep_ == "mark" and m.lower_ in ("if", "unless") for c in verb.children if c.dep_ == "advcl" for m in c.children)


def _named_before_who(ctx: Context, who: Token) -> int | None:
    """The person a relative "who" follows at once ("X who", "X, who"): the
    parser often hangs the clause on another noun, the words still say whom."""
    j = who.i - 1
    if j >= 0 and ctx.doc[j].text == ",":
        j -= 1
    key = ctx.index.key_at(j) if j >= 0 else None
    return key if key is not None and ctx.index.kind(key) is EntityKind.PERSON else None


def _as_roles(ctx: Context) -> list[TitleFinding]:
    """"her tenure as Australia's Chief Scientist", "his roles as Premier and
    Education Minister", "X served as mayor", "named X as envoy": the title
    after "as", held by the possessor of the noun it qualifies, by the subject
    of a verb of serving, or by the object of a verb of appointing."""
    found = []
    for tok in ctx.find(("as",)):
        if tok.dep_ != "prep":
            continue
        plural = [p for p in tok.children if p.dep_ == "pobj" and p.tag_ == "NNS" and _singular(p.lower_) in TITLE_HEADS]
        if plural:
            found += _shared_role(ctx, tok.head, plural[0])
            continue
        roles = [t for p in tok.children if p.dep_ == "pobj" for t in ctx.expand(p) if _role_noun(t)]
        holder = _role_holder(ctx, tok.head) if roles else None
        if holder is None:
            continue
        roles += [s for t in roles for s in _stacked_titles(ctx, t) if s not in roles]
        found += _role_titles(ctx, holder.key, roles, "title:as", 0.75 * holder.factor)
    return found


def _shared_role(ctx: Context, head: Token, role: Token) -> list[TitleFinding]:
    """"A, B and C, who serve as chairmen of ...": a plural office after a verb
    of serving is each subject's, in the singular (the bodies, one each, are
    left to the singular phrasings)."""
    if head.pos_ not in ("VERB", "AUX") or head.lemma_.lower() not in _SERVING_VERBS or ctx.modality(head) != FACT:
        return []
    title, _ = _np_title(ctx, role)
    subjects = [t for t, _ in ctx.subjects(head)]
    tops = []
    for t in subjects:
        while t.dep_ == "conj" and t.head.i < t.i:
            t = t.head  # "A, B and C, who serve": the relative clause hangs on C, the list on A
        tops.append(t)
    people = {k for top in tops for t in ctx.expand(top) for k in [ctx.index.key_at(t.i)]
              if k is not None and ctx.index.kind(k) is EntityKind.PERSON}
    if not title or len(people) < 2:
        return []
    return [TitleFinding(k, _singular_title(title), None, role, "title:as", 0.7) for k in sorted(people)]


def _office_of_roles(ctx: Context) -> list[TitleFinding]:
    """"X resumed the office of Speaker of the House", "X held the post of
    Speaker": the title after "the office/post of", held by the verb's subject."""
    found = []
    for noun in ctx.find(_OFFICE_NOUNS):
        verb = noun.head
        if noun.dep_ != "dobj" or verb.lemma_.lower() not in _HOLDING_VERBS or ctx.modality(verb) != FACT:
            continue
        roles = [t for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
                 for t in p.children if t.dep_ == "pobj" and _role_noun(t)]
        subjects = [t for t, _ in ctx.subjects(verb)][:1]
        ref = ctx.refer(subjects[0]) if subjects and roles else None
        if ref is None or ctx.index.kind(ref.key) is not EntityKind.PERSON:
            continue
        found += _role_titles(ctx, ref.key, roles, "title:office-of", 0.75 * ref.factor)
    return found


def _role_titles(ctx: Context, holder: int, roles: list[Token], rule: str, confidence: float) -> list[TitleFinding]:
    """The titles (and bodies) that role nouns name, each held by ``holder``."""
    found = []
    for n, role in enumerate(roles):
        title, body = _np_title(ctx, role) if n == 0 else _stacked_office(ctx, role)
        if title:
            found.append(TitleFinding(holder, title, body, role, rule, confidence))
    return found


def _role_noun(tok: Token) -> bool:
    """A title noun, or a capitalised noun named with a title word ("Chief Scientist")."""
    if any(c.lower_ in ("a", "an") for c in tok.children):
        return False  # "as a leader": a description, not an office
    if _titled_np(tok):
        return tok.lower_ not in RELATIONAL_NOUNS and tok.lower_ not in _MEMBER_NOUNS
    return tok.text[:1].isupper() and tok.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ == "compound" and _is_title_word(c) and c.text[:1].isupper() for c in tok.children)


def _role_holder(ctx: Context, head: Token):  # type: ignore[no-untyped-def]
    """Whose role an "as" phrase names (see ``_as_roles``); None when unclear."""
    for _ in range(3):
        if head.pos_ in ("NOUN", "PROPN"):
            named = ctx.index.key_at(head.i)
            if named is not None and ctx.index.kind(named) is EntityKind.PERSON:
                return Ref(named)  # "Her Majesty Queen Elizabeth II, as Head of the Commonwealth,": hers, not "Her"'s
            poss = [c for c in head.children if c.dep_ == "poss"]
            if poss:
                ref = ctx.refer(poss[0])
                return ref if ref is not None and ctx.index.kind(ref.key) is EntityKind.PERSON else None
            if head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.pos_ in ("NOUN", "PROPN"):
                head = head.head.head  # "his service to the people of X as Premier"
                continue
            return None
        if head.pos_ in ("VERB", "AUX"):
            lemma = head.lemma_.lower()
            if ctx.modality(head) == NONE:
                return None  # "if elected, she would serve as Vice President": not (yet) hers
            if lemma in _SERVING_VERBS:
                subjects = [t for t, _ in ctx.subjects(head)]
            elif lemma in _APPOINTING_VERBS:
                subjects = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
            else:
                return None
            for tok in subjects[:1]:
                ref = ctx.refer(tok)
                if ref is not None and ctx.index.kind(ref.key) is EntityKind.PERSON:
                    return ref
            return None
        return None
    return None


def _counterparts(ctx: Context) -> list[TitleFinding]:
    """"his Greek, Cypriot and French counterparts, A, B and C, respectively":
    each named counterpart holds the possessor's title for the country of the
    same rank in the list (one country for one name needs no "respectively")."""
    found = []
    for tok in ctx.find(("counterpart", "counterparts")):
        countries = [c for a in tok.children if a.dep_ in ("amod", "compound") and a.lower_ in DEMONYMS
                     for c in ctx.expand(a) if c.lower_ in DEMONYMS]
        named = [c for c in tok.children if c.dep_ == "appos"]
        if not named and tok.dep_ == "conj":
            named = [c for c in tok.head.children if c.dep_ == "appos" and c.i > tok.i]
        people = [p for n in named for p in ctx.expand(n)]
        keys = [ctx.index.key_at(p.i) for p in people]
        if not keys or any(k is None or ctx.index.kind(k) is not EntityKind.PERSON for k in keys):
            continue
        title = _possessor_title(ctx, tok)
        paired = len(countries) == len(keys)
        for n, key in enumerate(keys):
            assert key is not None
            body = ctx.index.country(DEMONYMS[countries[n].lower_], countries[n].text) if paired else None
            if title or body is not None:
                found.append(TitleFinding(key, title, body, ctx.doc[people[n].i], "title:counterpart", 0.7))
    return found


def _possessor_title(ctx: Context, tok: Token) -> str | None:
    """The title of whoever "his" counterpart belongs to, as the document wrote it."""
    for child in tok.children:
        if child.dep_ == "poss":
            ref = ctx.refer(child)
            if ref is not None and ctx.index.kind(ref.key) is EntityKind.PERSON:
                positions = ctx.index.clusters[ref.key].positions
                return positions[0] if positions else None
    return None


def _mention_head(ctx: Context, end: int) -> Token:
    """The token that heads a name in the parse: its last word, or the
    post-nominal letters the name governs from ("Quentin Bryce AC CVO")."""
    last = ctx.doc[end - 1]
    while last.dep_ == "compound" and end <= last.head.i <= end + 2 and last.head.text.isupper() \
            and last.head.is_alpha:
        last = last.head  # "Martin Ferguson AM MP": up the chain of letters
    return last


def _appositions(ctx: Context, head: Token) -> list[Token]:
    """Title nouns in apposition to a name, either way round; a title inside
    another one's "of" phrase stands for the whole ("the Special
    Representative of the Secretary General, X": the representative)."""
    out = [c for c in head.children if c.dep_ == "appos" and _titled_np(c)]
    if head.dep_ == "appos" and head.head.lower_ in STYLES and head.head.dep_ == "appos":
        head = head.head  # "The President of Russia, His Excellency Mr Vladimir Putin": the style stands between
    if head.dep_ == "appos" and _titled_np(head.head):
        np = head.head
        while np.dep_ == "pobj" and np.head.lower_ == "of" and _titled_np(np.head.head) \
                and ctx.index.key_at(np.i) is None:
            np = np.head.head
        later = [c for c in np.children if c.dep_ == "conj" and c.i < head.i and _titled_np(c)
                 and any(d.dep_ == "det" and d.lower_ == "the" for d in c.children)]
        out.append(later[-1] if later else np)  # "The Prime Minister and the Minister for X, Senator Y": Y is the minister
    elif head.dep_ in ("nsubj", "nsubjpass") and head.head.i != head.i:
        for sib in head.head.children:  # "The Labour Party's leader, Jeremy Corbyn announced": two subjects
            if sib.dep_ == head.dep_ and sib.i < head.i and _titled_np(sib) \
                    and [t.text for t in ctx.doc[sib.i + 1: head.left_edge.i]] == [","]:
                out.append(sib)
    elif head.dep_ == "appos" and head.head.dep_ == "pobj" and head.head.head.lower_ in ("of", "for") \
            and _titled_np(head.head.head.head) and _names_a_body(ctx, head.head):
        out.append(head.head.head.head)  # "the prosecutor general of Tehran, X", "a spokesman for the Kremlin, X"
    return out


#: Nouns for the people who run a country: "Singaporean leaders including X".
_LEADERSHIP_NOUNS = frozenset({"leadership", "leaders", "officials", "ministers", "government", "delegation",
                               "counterparts", "authorities"})


def _nation_lists(ctx: Context) -> dict[int, int]:
    """Where each person's name starts -> country, for the titled people listed
    right after a nation's leaders ("senior Chinese leaders, President Hu
    Jintao, Premier Wen Jiabao and ...", "other Singaporean leaders including
    Senior Minister Goh Chok Tong"): only titles, names, commas and "and"
    between them, so the list ends where the sentence goes on."""
    doc, out = ctx.doc, {}
    for tok in ctx.find(_LEADERSHIP_NOUNS | {"members"}):
        named = _group_nation(ctx, tok)
        if named is None:
            continue
        country, end = named
        before = tok.i - 1
        while before > 0 and doc[before].lower_ != "other" and (doc[before].pos_ == "ADJ"
                                                                 or _nationality_word(doc[before])):
            before -= 1
        if doc[before].lower_ == "other" and before >= 2 and doc[before - 1].lower_ == "and" \
                and (key := ctx.index.key_at(before - 2)) is not None and ctx.index.kind(key) is EntityKind.PERSON:
            out[_mention_start(ctx, before - 2, key)] = country  # "Prime Minister Blair and other senior members of it"
        if end + 2 >= len(doc) or doc[end + 1].lower_ not in (",", ":", "including"):
            continue
        j, titled = end + 2, False
        while j < len(doc) and not doc[j].is_sent_start:
            key = ctx.index.key_at(j)
            if key is not None and ctx.index.kind(key) is EntityKind.PERSON:
                if not titled:
                    break  # "met Chinese officials, and Joe Biden said": the list is over
                out[j], titled = country, False
                j = ctx.index.last_of(j)
            elif _is_title_word(doc[j]) or is_honorific(doc[j]):
                titled = True
            elif doc[j].lower_ == "and":
                titled = False
            elif not (key is not None or doc[j].text in (",", "'s", "’s") or doc[j].lower_ in ("the", "of", "including")
                      or doc[j].text in POSTNOMINALS):
                break
            j += 1
    return out


def _group_nation(ctx: Context, group: Token) -> tuple[int, int] | None:
    """The country of a nation's leaders, and where the phrase naming them
    ends: "Singaporean leaders", "members of the British Government" (members
    only of a country or its government)."""
    if group.lower_ in _LEADERSHIP_NOUNS:
        nationality = next((c for c in group.children if c.dep_ in ("amod", "compound") and _nationality_word(c)),
                           None)
        return None if nationality is None else \
            (ctx.index.country(DEMONYMS[nationality.lower_], nationality.text), group.i)
    for pobj in (p for c in group.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                 if p.dep_ == "pobj"):
        key = ctx.index.key_at(pobj.i)
        if key is not None and ctx.index.kind(key) is EntityKind.PLACE:
            return key, ctx.index.last_of(pobj.i)
        if pobj.lower_ == "government":
            return _group_nation(ctx, pobj)
    return None


def _including_nation(ctx: Context, head: Token) -> int | None:
    """The country of "Chinese leaders, including X (and Y)": a list member of
    a nation's leadership belongs to that nation."""
    tok = head
    while tok.dep_ == "conj" and tok.head.i < tok.i:
        tok = tok.head
    if tok.dep_ != "pobj" or tok.head.lower_ != "including":
        return None
    group = tok.head.head
    if group.lower_ not in _LEADERSHIP_NOUNS:
        return None
    for mod in group.children:
        if mod.dep_ in ("amod", "compound", "poss") and _nationality_word(mod):
            return ctx.index.country(DEMONYMS[mod.lower_], mod.text)
    return None


def _apposed_party_members(head: Token) -> list[Token]:
    """"X, a Democrat," / "a Republican, X,": a party's member noun beside the name."""
    near = [c for c in head.children if c.dep_ == "appos"] + ([head.head] if head.dep_ == "appos" else [])
    return [t for t in near if t.text in PARTY_ADJECTIVES and t.pos_ in ("NOUN", "PROPN")
            and any(c.dep_ == "det" for c in t.children)]


def _names_a_body(ctx: Context, tok: Token) -> bool:
    """"the Kremlin", "Israel's army": a named body, or a noun a named body owns."""
    return ctx.index.key_at(tok.i) is not None or any(
        c.dep_ == "poss" and ctx.index.key_at(c.i) is not None for c in tok.children)


def _titled_np(tok: Token) -> bool:
    lower = tok.lower_
    if lower in _CAPITALISED_ONLY and not tok.text[:1].isupper() \
            and not any(c.dep_ == "compound" and c.lower_ in TITLE_HEADS for c in tok.lefts):
        return False  # "justice" is no judge, "general" no rank (but "prosecutor general" is)
    if _hyphen_title_end(tok):
        return True  # (the tagger may call "general" in "secretary-general" an adjective)
    return (lower in TITLE_HEADS or lower in RELATIONAL_NOUNS or lower in _MEMBER_NOUNS) and tok.pos_ in ("NOUN", "PROPN")


def _hyphen_title_end(tok: Token) -> bool:
    """"general" in "secretary-general", "elect" in "president-elect": the tokenizer splits the title at
    its hyphen and the parser makes the last piece the head."""
    doc = tok.doc
    return tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 2].whitespace_ \
        and f"{doc[tok.i - 2].lower_}-{tok.lower_}" in TITLE_HEADS


def _hyphen_title_start(tok: Token) -> int:
    """Where a title split at its hyphen ends, from its first piece ("secretary" of "secretary-general")."""
    doc = tok.doc
    if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and not tok.whitespace_ \
            and f"{tok.lower_}-{doc[tok.i + 2].lower_}" in TITLE_HEADS:
        return tok.i + 2
    return tok.i


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
            if child.text in PARTY_ADJECTIVES and (key is None or ctx.index.kind(key) is EntityKind.GROUP
                                                   or key == ctx.index.key_at(head.i)):
                affiliation = party(ctx, child)  # "the Democratic Speaker of the House", "Labour Senators" tagged whole
            elif key is not None and ctx.index.kind(key) in (EntityKind.PLACE, EntityKind.ORGANIZATION):
                affiliation = key
            elif child.lower_ in DEMONYMS:
                affiliation = ctx.index.country(DEMONYMS[child.lower_], child.text)
            elif _is_title_word(child) and child.lower_ not in TITLE_KEEP_PREFIXES:  # "former": read below
                title_start = min(title_start, child.i)
                title_start = _extend_left_title(ctx, child, title_start)
            elif child.i == head.i - 1 and head.lower_ in OCCUPATIONS and _field_adjective(child):
                title_start = child.i  # "a marine ecologist", "an evolutionary biologist"
            elif child.dep_ == "compound" and child.i == head.i - 1 and _plain_nouns(child):
                title_start = min(title_start, child.left_edge.i)  # "an airport protocol officer"
    title_end = _hyphen_title_start(head)  # "the secretary-general of the United Nations"
    electorate = _electorate(ctx, head)
    for child in head.rights:
        if electorate is not None:
            break  # "the MP for Tottenham": the seat's place, not a portfolio
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ != "pobj":
                    continue
                words = alias_key(ctx.doc[pobj.left_edge.i: pobj.i + 1].text)
                key = ctx.index.key_at(pobj.i)
                office = [w for w in words.split() if w != "the"]
                state_of = _state_of(ctx, pobj)
                if state_of is not None:
                    affiliation = state_of  # "President of the State of Israel": Israel, not a department
                elif words in TITLE_OF_WORDS or (_titled_np(pobj) and key is None and pobj.text[:1].isupper()) \
                        or _named_division(ctx, pobj) \
                        or office and not _named_body_runs_on(ctx, pobj) and all(w in TITLE_MODIFIERS for w in office) \
                        and not (key is not None and (set(office) <= _CHAMBERS or office[-1] == "party")):
                    # ("Speaker of the House", "member of the Labour Party": the body)
                    title_end = pobj.i  # "Secretary of State", "Chief of the Defence Force", "leader of the opposition"
                elif key is not None and ctx.index.kind(key) in (EntityKind.PLACE, EntityKind.ORGANIZATION):
                    affiliation = key
                elif key is None and pobj.lower_ in _PLACE_NOUNS:
                    affiliation = _of_entity(ctx, pobj) or affiliation  # "mayor of the city of Gdańsk"
                elif key is None and affiliation is None:
                    affiliation = _possessor_body(ctx, pobj)  # "the head of the UK's counter-terror police"
        elif child.dep_ == "prep" and child.lower_ in _CONNECTORS and child.i == head.i + 1 \
                and (complement_end := _complement_end(ctx, child)) is not None:
            title_end = complement_end  # "Minister for Foreign Affairs", "Ambassador to Peru"
        elif child.dep_ == "prep" and child.lower_ == "at" and affiliation is None:
            for pobj in child.children:  # "a deputy administrator at FEMA"
                key = ctx.index.key_at(pobj.i) if pobj.dep_ == "pobj" else None
                if key is not None and ctx.index.kind(key) is EntityKind.ORGANIZATION:
                    affiliation = key
        elif child.dep_ == "prep" and child.lower_ == "from" and affiliation is None:
            for pobj in child.children:  # "the junior Senator from New York"
                key = ctx.index.key_at(pobj.i) if pobj.dep_ == "pobj" else None
                if key is not None and ctx.index.kind(key) is EntityKind.PLACE:
                    affiliation = key
        elif child.dep_ == "prep" and child.lower_ == "for" and affiliation is None \
                and head.lower_ not in _MEMBER_NOUNS:  # a candidate for the Senate is not in it
            for pobj in child.children:  # "a spokesman for the PMF", "the Secretary of Justice for Puerto Rico"
                key = ctx.index.key_at(pobj.i) if pobj.dep_ == "pobj" else None
                if head.lower_ in PORTFOLIO_HEADS and pobj.lower_ in PORTFOLIO_LAST_WORDS and pobj.text[:1].isupper():
                    continue  # "... and Parliamentary Secretary for Multicultural Affairs": a portfolio, no body
                if key is not None and ctx.index.kind(key) in (EntityKind.ORGANIZATION, EntityKind.PLACE):
                    affiliation = key
        elif child.dep_ == "prep" and child.lower_ == "on" and affiliation is None:
            affiliation = _seat_on(ctx, child)
    nxt = ctx.doc[head.i + 1] if head.i + 1 < len(ctx.doc) else None
    if title_end == head.i and nxt is not None and nxt.text == "Assisting":
        title_end = _assisting_end(ctx.doc, head.i + 1)  # "Minister Assisting the Prime Minister on Y"
    if title_end == head.i and nxt is not None and nxt.dep_ == "prep" and nxt.head.i == head.head.i != head.i:
        title_end = _office_served(nxt, list(nxt.subtree)[1:]) or title_end  # "was Secretary to the Minister", misparsed
    if title_end == head.i and nxt is not None and nxt.dep_ == "prep" and nxt.lower_ in _CONNECTORS \
            and nxt.head.i < head.i and head.dep_ == "conj" and head.text[:1].isupper():
        title_end = _complement_end(ctx, nxt) or title_end  # "Minister for X and Minister | for Y": "for Y" hung on the first
    if head.lower_ == "member" and affiliation is not None:
        seat = _seat_in_chamber(head)
        if seat is not None:
            return seat, affiliation
    if electorate is not None and affiliation is None:
        affiliation = electorate  # "Labor Senator for New South Wales": the party, when one is named
    if head.lower_ in RELATIONAL_NOUNS or head.lower_ in _MEMBER_NOUNS and electorate is None:
        return None, affiliation
    doc = ctx.doc
    while title_start >= 2 and doc[title_start - 1].text == "-" and _is_title_word(doc[title_start - 2]):
        title_start -= 2  # "vice-president"
    if title_start >= 1 and doc[title_start - 1].lower_ in TITLE_KEEP_PREFIXES:
        title_start -= 1  # "former vice-president"
    # keep "former" although it is an adjective, but not the names between ("former U.S. Secretary of State")
    keep = ""
    for child in head.lefts:
        if child.lower_ in TITLE_KEEP_PREFIXES and child.i < title_start:
            between = range(child.i + 1, title_start)
            if all(ctx.index.key_at(i) is not None or doc[i].lower_ in DEMONYMS for i in between):
                keep = child.text + " " if len(between) else ""
                title_start = title_start if len(between) else child.i
    if any(ctx.index.person_at(i) for i in range(head.i + 1, title_end + 1)):
        title_end = head.i  # a misparse ran the title on over somebody's name
    while head.lower_ in SPOKESPERSON_HEADS and title_start < head.i and doc[title_start].pos_ == "NOUN":
        title_start += 1  # "a fire service spokesman", "a police spokesman": the body speaks through a spokesman
    title = keep + ctx.doc[title_start: title_end + 1].text
    if any(c.lower_ == "formerly" for c in head.lefts) and not title.lower().startswith("former"):
        title = "former " + title  # "X, formerly the mayor of Y": a former mayor
    return title, affiliation


def _assisting_end(doc: Doc, at: int) -> int:
    """Where "Minister Assisting [the Prime Minister] [on Asian Century Policy]" ends:
    the office assisted, then the field, each a run of capitalised words."""
    j = at + 1
    if j < len(doc) and doc[j].lower_ == "the":
        j += 1
    for run in (0, 1):
        skip = 2 if j + 1 < len(doc) and doc[j + 1].lower_ == "the" else 1  # "on the Centenary of Anzac"
        if run and not (j + skip < len(doc) and doc[j].lower_ in ("on", "for") and doc[j + skip].text[:1].isupper()):
            break
        j += run * skip
        while j < len(doc) and (doc[j].text[:1].isupper() or doc[j].text == "-"
                                or doc[j].lower_ in ("and", "of") and j + 1 < len(doc) and doc[j + 1].text[:1].isupper()):
            j += 1
    return j - 1 if doc[j - 1].text[:1].isupper() else at


def _electorate(ctx: Context, head: Token) -> int | None:
    """"the Labour MP for Tottenham", "the Federal Member for Corio", "a
    senator for Queensland": a seat held for a named place is the title, and
    the place is what it is held for (split as "Senator from Vermont" is)."""
    if head.lower_ not in _SEAT_HEADS or head.lower_ == "member" and not head.text[:1].isupper():
        return None
    prep = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ == "for" and c.i == head.i + 1), None)
    place = next((p for p in prep.children if p.dep_ == "pobj" and p.tag_ == "NNP"), None) if prep else None
    if place is None:
        return None
    key = ctx.index.key_at(place.i)
    if key is not None:
        return None if ctx.index.kind(key) is EntityKind.PERSON else key
    start = place.left_edge.i
    if not all(t.text[:1].isupper() for t in ctx.doc[start: place.i + 1]):
        return None
    return ctx.index.ensure(EntityKind.PLACE, ctx.doc[start: place.i + 1].text, ctx.doc[start: place.i + 1].text,
                            _chars(ctx.doc[start], place))


#: Seats held for a place: "the MP for X", "the Member for X", "a senator for X".
_SEAT_HEADS = frozenset({"member", "mp", "mhr", "mla", "mpp", "msp", "senator", "representative", "congressman",
                         "congresswoman", "assemblyman", "assemblywoman", "councillor", "councilor"})


def _bare_occupation(ctx: Context, f: TitleFinding) -> bool:
    """"journalist Jamal Khashoggi", "director Alfred Hitchcock", "record
    producer Terry Melcher": an occupation word before a name, with no body
    or employer anywhere in the mention, says what someone does, not a
    position held for anyone (a body before it, "Company meteorologist X", or
    after the name, "ecologist X of the University of Kansas", makes it one)."""
    words = (f.title or "").split()
    if f.rule != "title:prefix" or f.affiliation is not None or not words \
            or words[-1].lower() not in _BARE_OCCUPATIONS or any(w[:1].isupper() for w in words[1:]) \
            or any(w.lower() in _EMPLOYER_NOUNS for w in words):
        return False
    if any(c.dep_ == "prep" and c.lower_ in ("of", "at", "from", "with", "for") for c in f.anchor.children):
        return False
    start = f.anchor.i
    while start > 0 and ctx.index.key_at(start - 1) == f.person:
        start -= 1
    first = start - len(words)
    if first < 0 or [t.lower_ for t in ctx.doc[first:start]] != [w.lower() for w in words]:
        return False
    if words[0][:1].isupper() and not ctx.doc[first].is_sent_start:
        return False  # "Director Anthony Fauci": written as a title
    j = first - 1
    if j > 0 and ctx.doc[j].lower_ == "and":  # "Foundation founder and director X": the body of the first title
        j -= 1
        while j > 0 and first - j <= 4 and ctx.doc[j].text.islower() and ctx.doc[j].tag_ in ("NN", "JJ"):
            j -= 1
    before = ctx.doc[j] if j >= 0 else None
    return before is None or not (before.ent_type_ or before.text[:1].isupper() and not before.is_sent_start
                                  or before.lower_ in _EMPLOYER_NOUNS or before.dep_ == "poss")


#: Occupations (no office, rank or seat) that name no position without a body.
_BARE_OCCUPATIONS = (OCCUPATIONS - {"sheriff", "detective", "chaplain", "priest", "pastor"}) | {"director"}
#: Nouns for an employer that a context names: "Company meteorologist X", "Police director Y".
_EMPLOYER_NOUNS = frozenset({"company", "firm", "police", "presidential", "government", "agency", "team", "club",
                             "university", "hospital", "network", "newspaper", "magazine", "station", "studio",
                             "white", "house", "campaign", "party", "department", "ministry", "office", "school"})


def _field_adjective(tok: Token) -> bool:
    """"evolutionary", "medical", "clinical", "political": a lower-case
    adjective of the kind that names a field, not a judgement ("renowned",
    "influential"), before an occupation."""
    return tok.text.islower() and tok.tag_ == "JJ" and tok.lower_.endswith(_FIELD_ENDINGS) \
        and tok.lower_ not in _JUDGING_ADJECTIVES


#: How adjectives that name a field end ("evolutionary", "medical", "forensic").
_FIELD_ENDINGS = ("al", "ary", "ic")
#: Adjectives with those endings that judge rather than classify.
_JUDGING_ADJECTIVES = frozenset({"influential", "controversial", "exceptional", "legendary", "iconic", "prolific",
                                 "celebrated", "eccentric", "visionary", "original", "critical", "local", "several",
                                 "typical", "principal", "real", "total", "usual", "national", "international",
                                 "special", "general", "potential", "additional", "essential", "crucial", "liberal",
                                 "radical", "historic", "enthusiastic", "charismatic", "dynamic", "heroic",
                                 "ordinary", "extraordinary", "necessary", "primary", "secondary", "temporary",
                                 "voluntary", "honorary", "revolutionary", "former"})


def _seat_on(ctx: Context, prep: Token) -> int | None:
    """The committee or board of an "on" phrase ("the most senior Democrat on the Oversight Committee")."""
    for pobj in prep.children:
        key = ctx.index.key_at(pobj.i) if pobj.dep_ == "pobj" else None
        if key is not None and ctx.index.kind(key) is EntityKind.ORGANIZATION and pobj.lower_ in _SEATED_BODIES:
            return key
    return None


#: Bodies one sits "on": "a member on the Board", "the senior Democrat on the Committee".
_SEATED_BODIES = frozenset({"committee", "board", "council", "commission", "panel", "subcommittee", "taskforce"})


def _seat_in_chamber(member: Token) -> str | None:
    """"a member of Parliament", "member of the House of Representatives": a seat in a legislature is an
    office (a member of a board or a party holds none)."""
    chambers = [p for c in member.children if c.dep_ == "prep" and c.lower_ == "of"
                for p in c.children if p.dep_ == "pobj" and p.lower_ in _CHAMBERS - {"of", "representatives"}
                or p.dep_ == "pobj" and p.lower_ == "house"]
    if not chambers:
        return None
    doc, end = member.doc, chambers[0].i
    while end + 2 < len(doc) and doc[end + 1].lower_ == "of" and doc[end + 2].text[:1].isupper():
        end += 2  # "of Representatives", not the clause after the name
    keep = next((c.lower_ + " " for c in member.lefts if c.lower_ in TITLE_KEEP_PREFIXES), "")
    return keep + doc[member.i: end + 1].text  # "former ALP Member of Parliament": a former member


def _state_of(ctx: Context, pobj: Token) -> int | None:
    """"the State of Israel", "the Republic of Korea" (untagged as one name): the place."""
    if pobj.lower_ not in ("state", "republic", "kingdom"):
        return None
    for prep in (c for c in pobj.children if c.dep_ == "prep" and c.lower_ == "of"):
        for place in (p for p in prep.children if p.dep_ == "pobj"):
            key = ctx.index.key_at(place.i)
            if key is not None and ctx.index.kind(key) is EntityKind.PLACE:
                return key
    return None


def _named_division(ctx: Context, pobj: Token) -> bool:
    """"President of International Operations": two to four capitalised words,
    none of them a name, after a title's "of" name a division of the body."""
    words = list(pobj.subtree)
    return 2 <= len(words) <= 4 and all(t.text[:1].isupper() or t.lower_ in ("and", "&") for t in words) \
        and all(ctx.index.key_at(t.i) is None and not t.ent_type_ for t in words) \
        and words[-1].lower_ not in PLACE_NOUNS


def _possessor_body(ctx: Context, noun: Token) -> int | None:
    """The place or body a noun is said to belong to ("the UK's police")."""
    for child in noun.children:
        key = ctx.index.key_at(child.i) if child.dep_ == "poss" else None
        if key is not None and ctx.index.kind(key) in (EntityKind.PLACE, EntityKind.ORGANIZATION):
            return key
    return None


def _named_body_runs_on(ctx: Context, pobj: Token) -> bool:
    """"Speaker of the House of Representatives": the body's name goes on past
    the office words, so it is a body (an affiliation), not part of the title
    (as "Chief of the Defence Force" is)."""
    key = ctx.index.key_at(pobj.i)
    return key is not None and pobj.i + 1 < len(ctx.doc) and ctx.index.key_at(pobj.i + 1) == key


def _title_complement(ctx: Context, prep: Token) -> bool:
    return _complement_end(ctx, prep) is not None


def _complement_end(ctx: Context, prep: Token) -> int | None:
    """Where a "for"/"to" phrase that is part of the title ends: capitalised
    words, no article ("for Foreign Affairs", "to Peru"; not "for the PMF");
    a portfolio may join fields with commas and one "and" ("for Climate
    Change, Industry and Innovation"), and ends where a second title starts
    ("for Pacific Island Affairs and Parliamentary Secretary for ...")."""
    words = list(prep.subtree)[1:]
    served = _office_served(prep, words)
    if served is not None:
        return served
    while words and words[-1].lower_ in ("and", "&", ","):
        words.pop()  # "Minister for Trade | and Minister Assisting ...": the "and" hung on the portfolio
    for n, t in enumerate(words[:-1]):
        if t.lower_ in ("and", "&") and (not words[n + 1].text[:1].isupper() or words[n + 1].text[:1].isupper() and (
                _is_title_word(words[n + 1]) and words[n + 1].lower_ not in PORTFOLIO_LAST_WORDS
                and any(w.lower_ in TITLE_HEADS for w in words[n + 1:n + 4]))):
            words = words[:n]  # a second title, or a clause ("and his Parliamentary Secretary"), is no field
            break
    if len(words) >= 3 and all(t.text[:1].isupper() or t.lower_ in ("and", "&") or t.text == "," for t in words) \
            and "," in (t.text for t in words) and len(words) <= 9 and words[-1].text != ",":
        return words[-1].i if sum(t.lower_ in ("and", "&") for t in words) == 1 \
            and not _second_title(words) and _no_person_in(ctx, words) else None
    return words[-1].i if words and _plain_complement(ctx, prep, words) else None


def _office_served(prep: Token, words: list[Token]) -> int | None:
    """Where "Parliamentary Secretary to the Minister for Foreign Affairs"
    ends: a capitalised office to another office ("to the" and a capitalised
    title) takes the whole of it ("spokeswoman to the Prime Minister" is a
    spokeswoman, serving a person)."""
    if prep.lower_ != "to" or not prep.nbor(-1).text[:1].isupper() or len(words) < 2 or words[0].lower_ != "the" \
            or not words[1].text[:1].isupper() \
            or not (_is_title_word(words[1]) or _plural_title(words[1])):
        return None
    end = None
    for n, t in enumerate(words[1:13], start=1):
        if t.lower_ == "and" and any(w.lower_ == prep.nbor(-1).lower_ for w in words[n + 1:n + 3]):
            break  # "Secretary to the Attorney-General and Parliamentary Secretary for Health": a second office
        if not (t.text[:1].isupper() or t.lower_ in ("for", "of", "and", "the", "&") or t.text == "-"
                or _possessive_mark(t)):
            break
        if t.text[:1].isupper() or _possessive_mark(t):
            end = t.i
    return end


def _no_person_in(ctx: Context, words: list[Token]) -> bool:
    return not any(ctx.index.person_at(t.i) for t in words)


def _plain_complement(ctx: Context, prep: Token, words: list[Token]) -> bool:
    posting = ctx.index.key_at(words[1].i) if len(words) >= 3 and words[0].lower_ == "the" else None
    if prep.lower_ == "to" and posting is not None and ctx.index.kind(posting) is not EntityKind.PERSON:
        words = words[1:]  # "ambassador to the United Nations": the posting, article and all
    return bool(words) and len(words) <= 6 and words[0].text[:1].isupper() and words[-1].text[:1].isupper() \
        and all(t.text[:1].isupper() or t.lower_ in ("and", "&") or _possessive_mark(t) for t in words) \
        and sum(t.lower_ in ("and", "&") for t in words) <= 1 and not _second_title(words) \
        and words[0].lower_ not in ("the", "a", "an") and _no_person_in(ctx, words)


def _possessive_mark(tok: Token) -> bool:
    """The apostrophe of a plural possessive inside a portfolio ("for Veterans' Affairs")."""
    return tok.tag_ == "POS" or (tok.text in ("'", "’") and tok.i > 0 and tok.nbor(-1).text.endswith("s"))


def _second_title(words: list[Token]) -> bool:
    """"for Education and Australian Ambassador": after "and" a new title
    starts (a demonym or a title head), so the "and" ends the portfolio."""
    after = [t for i, t in enumerate(words) if any(w.lower_ in ("and", "&") for w in words[:i])]
    return any(t.lower_ in TITLE_HEADS or t.lower_ in DEMONYMS for t in after)


def _of_entity(ctx: Context, noun: Token) -> int | None:
    """The place or body in a noun's "of" phrase ("the city of Gdańsk")."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                key = ctx.index.key_at(pobj.i) if pobj.dep_ == "pobj" else None
                if key is not None and ctx.index.kind(key) in (EntityKind.PLACE, EntityKind.ORGANIZATION):
                    return key
    return None


def _plain_nouns(tok: Token) -> bool:
    """A lower-case noun compound ("airport protocol") that can be part of a title."""
    sub = list(tok.subtree)
    return all(t.pos_ == "NOUN" and t.text.islower() and t.dep_ == "compound" for t in sub) and len(sub) <= 3


def _extend_left_title(ctx: Context, tok: Token, start: int) -> int:
    for child in tok.lefts:
        if child.dep_ in ("amod", "compound") and _is_title_word(child) and ctx.index.key_at(child.i) is None \
                and child.lower_ not in DEMONYMS:
            start = min(start, child.i)
    return start


def sentence_span(ctx: Context, tok: Token) -> Sentence:
    return ctx.sentence_of(tok)
