"""Cross-document entity resolution: each document's entities -> one node per real-world entity.

Within a document the extractor has already clustered mentions ("Blinken",
"the secretary", "he" -> Antony Blinken).  Here clusters from different
documents are joined.  The rules are deliberately conservative, because a wrong
merge poisons every fact of two people while a missed merge only splits one:

* same normalised name (case, accents, periods, a leading "the" ignored);
* organisations and places also join on any shared surface form ("G7" seen
  with "Group of Seven" in one article and alone in another);
* a person known only by a surname joins the one full name in the corpus that
  ends with it, and only if exactly one does;
* two full names that differ by a small misspelling of the surname
  ("Kamikava" / "Kamikawa") join only when the first name is the same and the
  two documents give the person the same position; two different people with
  similar names and no shared title stay apart.

The result depends on the set of documents only, never on their order: every
choice is made on sorted data, so an entity's key (and so its IRI) is stable.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .model import DocumentExtraction, Entity, EntityKind, LocalEntity, Resolution

#: Kind order used to break ties when documents disagree on an entity's kind.
_KIND_ORDER = (
    EntityKind.PERSON,
    EntityKind.ORGANIZATION,
    EntityKind.PLACE,
    EntityKind.GROUP,
    EntityKind.EVENT,
)

#: Shortest surname for which a one- or two-letter misspelling may be forgiven.
_MIN_FUZZY_SURNAME = 5


def normalise(name: str) -> str:
    """A comparison key: no accents, no case, no periods, no leading "the"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().replace("’", "'")
    text = re.sub(r"[.\u2024]", "", text)
    text = re.sub(r"'s$", "", text)
    text = re.sub(r"[^\w&'+-]+", " ", text).strip()
    return re.sub(r"^the\s+", "", text)


@dataclass(frozen=True)
class _Member:
    """One document's entity, with what resolution compares."""

    sha256: str
    local: LocalEntity

    @property
    def ref(self) -> tuple[str, int]:
        return (self.sha256, self.local.key)

    @property
    def is_person(self) -> bool:
        return self.local.kind is EntityKind.PERSON

    @property
    def name_tokens(self) -> list[str]:
        return normalise(self.local.name).split()

    @property
    def position_keys(self) -> frozenset[str]:
        return frozenset(_position_key(p) for p in self.local.positions if p.strip())


def _position_key(title: str) -> str:
    """Titles compare without "former", case or punctuation."""
    words = normalise(title).split()
    return " ".join(w for w in words if w not in {"former", "then", "acting"})


class _UnionFind:
    """Disjoint sets over member refs; the smallest ref is the root, for determinism."""

    def __init__(self, refs: Iterable[tuple[str, int]]) -> None:
        self.parent = {r: r for r in refs}

    def find(self, ref: tuple[str, int]) -> tuple[str, int]:
        root = ref
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[ref] != root:
            self.parent[ref], ref = root, self.parent[ref]
        return root

    def union(self, a: tuple[str, int], b: tuple[str, int]) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


def resolve(extractions: Iterable[DocumentExtraction]) -> Resolution:
    """Join the entities of all documents into global entities."""
    members = sorted(
        (_Member(ext.article.sha256, ent) for ext in extractions for ent in ext.entities),
        key=lambda m: m.ref,
    )
    sets = _UnionFind(m.ref for m in members)
    _join_same_names(members, sets)
    _join_shared_forms(members, sets)
    _join_surnames(members, sets)
    _join_misspellings(members, sets)
    return _build_resolution(members, sets)


def _join_same_names(members: Sequence[_Member], sets: _UnionFind) -> None:
    by_name: dict[tuple[bool, str], list[_Member]] = defaultdict(list)
    for m in members:
        by_name[(m.is_person, normalise(m.local.name))].append(m)
    for group in by_name.values():
        for other in group[1:]:
            sets.union(group[0].ref, other.ref)


#: Bare words that name a different body in each document ("the Senate" of
#: Puerto Rico, of the U.S.): sharing one joins nothing across documents.
_GENERIC_FORMS = frozenset(normalise(w) for w in (
    "Senate", "Senates", "House", "Congress", "Parliament", "Government", "Court", "Council", "Assembly",
    "Ministry", "Department", "Party", "Police", "Army", "Navy", "Commission", "Committee", "Board", "Agency",
    "Cabinet", "Administration", "University", "Church", "State", "Legislature", "Tribunal", "Office"))


def _join_shared_forms(members: Sequence[_Member], sets: _UnionFind) -> None:
    """Non-person entities join on any shared surface form (acronyms, aliases),
    except a bare generic word, which each document uses for its own body."""
    by_form: dict[str, list[_Member]] = defaultdict(list)
    for m in members:
        if m.is_person:
            continue
        for form in {normalise(f) for f in (m.local.name, *m.local.surface_forms)}:
            if form and form not in _GENERIC_FORMS:
                by_form[form].append(m)
    for group in by_form.values():
        for other in group[1:]:
            sets.union(group[0].ref, other.ref)


def _join_surnames(members: Sequence[_Member], sets: _UnionFind) -> None:
    """A surname-only person joins the single full name that ends with it in
    another document ("Mrs Higgins" beside "Mr Michael D Higgins" in one text
    are two people: the extractor would have joined them were they one)."""
    full_by_surname: dict[str, set[str]] = defaultdict(set)
    full_members: dict[str, list[_Member]] = defaultdict(list)
    for m in members:
        tokens = m.name_tokens
        if m.is_person and len(tokens) >= 2:
            full = " ".join(tokens)
            full_by_surname[tokens[-1]].add(full)
            full_members[full].append(m)
    for m in members:
        tokens = m.name_tokens
        if not m.is_person or len(tokens) != 1:
            continue
        candidates = [c for c in sorted(full_by_surname.get(tokens[0], ()))
                      if not any(o.sha256 == m.sha256 for o in full_members[c])]  # its own text kept them apart
        candidates = _narrow_by_position(m, candidates, full_members)
        if len(candidates) == 1:
            sets.union(m.ref, full_members[candidates[0]][0].ref)


def _narrow_by_position(
    m: _Member, candidates: list[str], full_members: dict[str, list[_Member]]
) -> list[str]:
    """With several full names for one surname, keep those sharing a position."""
    if len(candidates) <= 1 or not m.position_keys:
        return candidates
    return [
        c for c in candidates
        if any(m.position_keys & other.position_keys for other in full_members[c])
    ]


def _join_misspellings(members: Sequence[_Member], sets: _UnionFind) -> None:
    """Same first name, near-identical surname, same position: one person."""
    by_first: dict[str, list[_Member]] = defaultdict(list)
    for m in members:
        tokens = m.name_tokens
        if m.is_person and len(tokens) >= 2 and m.position_keys:
            by_first[tokens[0]].append(m)
    for group in by_first.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if sets.find(a.ref) != sets.find(b.ref) and _misspelt_pair(a, b):
                    sets.union(a.ref, b.ref)


def _misspelt_pair(a: _Member, b: _Member) -> bool:
    ta, tb = a.name_tokens, b.name_tokens
    if len(ta) != len(tb) or ta[:-1] != tb[:-1]:
        return False
    sa, sb = ta[-1], tb[-1]
    if min(len(sa), len(sb)) < _MIN_FUZZY_SURNAME or sa[0] != sb[0]:
        return False
    limit = 1 if min(len(sa), len(sb)) < 7 else 2
    return _edit_distance(sa, sb, limit) <= limit and bool(a.position_keys & b.position_keys)


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, giving up early once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _build_resolution(members: Sequence[_Member], sets: _UnionFind) -> Resolution:
    groups: dict[tuple[str, int], list[_Member]] = defaultdict(list)
    for m in members:
        groups[sets.find(m.ref)].append(m)
    drafts = [_draft_entity(group) for _, group in sorted(groups.items())]
    label_counts = Counter(label for label, _, _ in drafts)
    entities: dict[str, Entity] = {}
    refs: dict[tuple[str, int], str] = {}
    for (label, kind, alts), group in zip(drafts, (g for _, g in sorted(groups.items()))):
        key = _entity_key(label, kind, label_counts, entities)
        entities[key] = Entity(key=key, kind=kind, label=label, alt_labels=alts)
        for m in group:
            refs[m.ref] = key
    return Resolution(entities=entities, members=refs)


def _draft_entity(group: Sequence[_Member]) -> tuple[str, EntityKind, tuple[str, ...]]:
    """Pick the fullest, most mentioned name as the label; every other form is an alias.

    Mentions, not documents, break ties between spellings of equal length: a
    misspelling usually occurs once, the right spelling throughout an article.
    """
    name_use: Counter[str] = Counter()
    for m in group:
        name_use[m.local.name] += max(1, len(m.local.mentions))
    candidates = list(name_use)
    if not any(m.is_person for m in group):
        # a place or body is named by what most sources call it; a longer name
        # wins only if it is in common use ("World Trade Organisation" beside
        # "WTO"), never a stray merged form beside "Australia"
        docs = Counter(m.local.name for m in group)
        top = max(docs.values())
        candidates = [n for n in candidates if docs[n] * 4 >= top]
    label = min(candidates, key=lambda n: (-len(n.split()), -name_use[n], -len(n), n))
    kind_use = Counter(m.local.kind for m in group)
    kind = min(kind_use, key=lambda k: (-kind_use[k], _KIND_ORDER.index(k)))
    forms = {f.strip() for m in group for f in (m.local.name, *m.local.surface_forms)}
    alts = tuple(sorted(f for f in forms if f and f != label))
    return label, kind, alts


def _entity_key(
    label: str, kind: EntityKind, label_counts: Counter[str], taken: dict[str, Entity]
) -> str:
    """The label itself, qualified by kind only when two entities share a label."""
    key = label if label_counts[label] == 1 else f"{label} ({kind.value})"
    suffix = 2
    base = key
    while key in taken:
        key = f"{base} {suffix}"
        suffix += 1
    return key
