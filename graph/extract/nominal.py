"""Noun-phrase rules: "X's meeting with Y", "the Hamas attack on Israel",
"his tour of the Middle East", "Iran-backed Houthis", "our support".

A relation noun's holder is its possessor, a name compounded with it, or
else the subject of the clause it sits in ("told Y after talks with Z": the
teller held the talks).  Its object follows the noun's prepositions.
"""

from __future__ import annotations

from spacy.tokens import Token

from graph.model import EntityKind

from .context import AGENT_KINDS, FACT, FUTURE, NONE, Context, Ref, Sentence
from .lexicon import (
    AID_NOUNS,
    CANCEL_VERBS,
    DEMONYMS,
    HOSTING_VERBS,
    HYPHEN_PARTICIPLES,
    MONEY_NOUNS,
    NAME_ROLE_NOUNS,
    PAST_MODIFIERS,
    PERFORM_VERBS,
    RELATION_NOUNS,
    RELATION_VERBS,
    ROLE_NOUNS,
    SPEECH_VERBS,
    SUPPORT_NOUNS,
    TRAVEL_NOUN_CLAUSE_VERBS,
    TRAVEL_NOUN_PREPS,
    TRAVEL_NOUNS,
    NounRule,
)
from .verbs import (
    ACT_OBJECTS,
    FUTURE_OK,
    _facility,
    _prep_objects,
    agents_of,
    announced,
)

#: Verbs through which a clause's subject also holds an organisation's
#: commitment ("The Secretary reaffirmed the United States' commitment to Y").
_AFFIRM_VERBS = frozenset({"reaffirm", "reiterate", "express", "voice", "stress", "underline", "underscore",
                           "emphasize", "emphasise", "pledge", "offer", "declare", "affirm", "renew"})
_ROUTE_PREPS = frozenset({"through", "across", "around"})
#: What an attack does to its target in a relative clause: "the strike that killed Y".
_HIT_VERBS = frozenset({"kill", "hit", "target", "strike", "destroy", "wound", "injure", "damage"})
#: A request and the verbs that answer one: "complied with the request of X".
_REQUEST_NOUNS = frozenset({"request", "requests", "demand", "demands", "plea", "appeal", "behest", "urging"})
_ANSWERING_VERBS = frozenset({"comply", "grant", "accept", "heed", "honour", "honor", "fulfil", "fulfill",
                              "answer", "approve", "agree", "reject", "refuse", "deny", "decline"})
_HAVE_VERBS = frozenset({"have", "enjoy", "get", "receive"})
#: "Kennedy's pro-Israel position", "the anti-Kremlin party X".
_STANCE_PREFIXES = {"pro": "supports", "anti": "opposes"}


def extract_nominal(ctx: Context, sent: Sentence) -> None:
    """Run every noun rule over one sentence."""
    for tok in ctx.words_in(sent, _NOMINAL_WORDS, AID_NOUNS):
        if ctx.index.key_at(tok.i) is not None:
            continue
        lower = tok.lower_
        if tok.pos_ in ("NOUN", "PROPN") and lower in RELATION_NOUNS:
            _relation_noun(ctx, tok, RELATION_NOUNS[lower])
        if tok.pos_ in ("NOUN", "PROPN") and lower in TRAVEL_NOUNS:
            _travel_noun(ctx, tok)
        if tok.pos_ == "NOUN" and (lower in AID_NOUNS or tok.lemma_.lower() in AID_NOUNS):
            _aid_noun(ctx, tok)
        if tok.pos_ == "NOUN" and lower in ROLE_NOUNS:
            _role_noun(ctx, tok)
        if lower in NAME_ROLE_NOUNS:
            _role_before_name(ctx, tok)
        if lower in ("guest", "guests") and tok.dep_ == "pobj" and tok.head.lower_ == "as":
            _guest_of(ctx, tok)
        if lower in HYPHEN_PARTICIPLES and tok.i >= 2 and tok.nbor(-1).text == "-":
            _hyphen(ctx, tok)
        if tok.pos_ == "NOUN" and lower in _REQUEST_NOUNS:
            _request_granted(ctx, tok)
        if lower in _STANCE_PREFIXES and tok.i + 2 < len(tok.doc) and tok.nbor(1).text == "-":
            _stance_prefix(ctx, tok)


#: Every word a noun rule starts from (the loop builds a ``Token`` for these only).
_NOMINAL_WORDS = frozenset(RELATION_NOUNS) | TRAVEL_NOUNS | AID_NOUNS | frozenset(NAME_ROLE_NOUNS) | frozenset(HYPHEN_PARTICIPLES) \
    | _REQUEST_NOUNS | {"guest", "guests"} | frozenset(_STANCE_PREFIXES)


def _request_granted(ctx: Context, noun: Token) -> None:
    """"The Queen will comply with the request of Prime Minister Johnson",
    "granted X's request": whoever made the request urged whoever answered it
    (dev README: a request Y responded to)."""
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else noun.head
    behest = noun.dep_ == "pobj" and noun.head.lower_ in ("at", "upon", "on", "per") and verb.pos_ in ("VERB", "AUX")
    if not behest and (noun.dep_ not in ("dobj", "pobj") or verb.lemma_.lower() not in _ANSWERING_VERBS):
        return  # ("the Queen suspended parliament at the request of X": done at X's behest)
    if noun.dep_ == "pobj" and noun.head.lower_ not in ("with", "to") and not behest:
        return
    if ctx.modality(verb) == NONE:
        return
    askers = [r for c in noun.children if c.dep_ == "poss" for r in [ctx.agent(c)] if r is not None]
    askers += [r for p in noun.children if p.dep_ == "prep" and p.lower_ in ("of", "from")
               for t in p.children if t.dep_ == "pobj" for r in [ctx.agent(t)] if r is not None]
    for asker in askers:
        for answerer in agents_of(ctx, verb):
            ctx.add(asker.key, "urged", answerer.key, noun, "noun:at-request" if behest else "noun:request-granted",
                    0.65 * asker.factor * answerer.factor)


def _holders(ctx: Context, noun: Token) -> tuple[list[Ref], bool]:
    """Who holds the noun's act; second value: found on the noun itself."""
    own: list[Ref] = []
    children = list(noun.children)
    if noun.dep_ == "dobj" and not any(c.dep_ in ("nsubjpass", "auxpass") for c in noun.head.children):
        children += [c for c in noun.head.children if c.lower_ == "by" and c.i > noun.i]  # "by X" hung on the verb
    for child in children:
        if child.dep_ == "prep" and child.lower_ == "by" and child.i > noun.i:
            # "the firing of rockets into Y by X", "the attack on Y by X"
            own += [r for p in child.children if p.dep_ == "pobj" for t in ctx.expand(p)
                    for r in [ctx.actor(t)] if r is not None]
        if child.i > noun.i:
            continue
        if child.dep_ == "poss" or (child.dep_ in ("compound", "nmod") and ctx.index.key_at(child.i) is not None):
            ref = ctx.actor(child)
            if ref is not None:
                own += [ctx.actor(t) or ref for t in ctx.expand(child)]
        elif child.dep_ == "amod" and child.lower_ in DEMONYMS:
            ref = ctx.refer(child)
            if ref is not None:
                own.append(ref)
    if own:
        return own, True
    shared = _shared_possessor(ctx, noun)
    if shared:
        return shared, True
    if any(c.dep_ == "poss" for c in noun.children):
        return [], False  # "my discussions with X" in a release with no named author: the holder is unknown
    if not _clause_holds(noun):
        return [], False
    verb = _governing_verb(noun)
    return (agents_of(ctx, verb) if verb is not None else []), False


def _shared_possessor(ctx: Context, noun: Token) -> list[Ref]:
    """"Australia and China have reaffirmed their (our) commitment to X": a
    plural possessive the pronouns leave open, outside quotes, is the
    clause's listed subjects'."""
    poss = next((c for c in noun.children if c.dep_ == "poss" and c.lower_ in ("their", "our")), None)
    verb = noun.head if noun.dep_ == "dobj" else None
    if poss is None or verb is None or ctx.quote_of(poss) is not None:
        return []
    agents = agents_of(ctx, verb)
    return agents if len(agents) >= 2 else []


def _clause_holds(noun: Token) -> bool:
    """Whether the clause's subject holds a noun's act: "told Y after talks
    with Z", "expressed gratitude to Z", "launched an attack on Z"; not
    "condemns the attack on Z" (the attacker is someone else)."""
    if noun.lower_ in RELATION_NOUNS and RELATION_NOUNS[noun.lower_].relation == "metWith":
        return True
    head = noun.head.lemma_.lower()
    return noun.dep_ == "dobj" and head in PERFORM_VERBS and head not in RELATION_VERBS \
        and head not in SPEECH_VERBS


def _governing_verb(noun: Token) -> Token | None:
    """The verb a noun phrase hangs from, through prepositions and nouns."""
    tok = noun
    for _ in range(6):
        if tok.head.i == tok.i:
            return None
        if tok.dep_ not in ("pobj", "prep", "dobj", "pcomp", "advcl", "npadvmod", "conj", "appos", "attr") \
                and not (tok.dep_ == "acl" and tok.pos_ == "VERB"):
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok
    return None


def _opposed(noun: Token) -> bool:
    """"Hungary opposes the start of accession talks with Ukraine", "rejected calls for talks": talks or
    support a verb stands against were not held or given."""
    verb = _governing_verb(noun)
    return verb is not None and verb.lemma_.lower() in _AGAINST_VERBS


#: Verbs that stand against what their object names.
_AGAINST_VERBS = frozenset({"oppose", "reject", "block", "veto", "resist", "boycott", "refuse", "obstruct",
                            "delay", "postpone", "suspend", "halt", "freeze"})


def _cancelled(noun: Token) -> bool:
    """"cancelled his visit", "the planned trip to Warsaw, which was cancelled"
    (the clause may hang on the place: a place is not cancelled, the trip is)."""
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in CANCEL_VERBS:
        return True
    near = [noun] + [p for c in noun.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    return any(c.dep_ == "relcl" and c.lemma_.lower() in CANCEL_VERBS - {"call"} for t in near for c in t.children)


def _relation_noun(ctx: Context, noun: Token, rule: NounRule) -> None:
    mode = ctx.modality(noun)
    if mode == FUTURE and noun.dep_ == "pobj" and noun.head.lower_ in ("during", "after", "following"):
        finite = _finite_verb(_governing_verb(noun))  # "agreed to deepen ties during talks": the talks were held
        mode = ctx.modality(finite) if finite is not None else mode
    if mode == NONE or _cancelled(noun) or (mode == FUTURE and rule.relation not in FUTURE_OK):
        return
    if rule.relation in ("metWith", "supports") and _opposed(noun):
        return
    holders, own = _holders(ctx, noun)
    victims: list[Token] = []
    if rule.relation == "attacked" and noun.lower_ in _VICTIM_NOUNS:
        convicted = _convicted_of(ctx, noun)
        if convicted:  # "Waseem was sentenced for her murder": the convicted killed her
            holders, own = convicted, True
            victims = [t for c in noun.children if c.dep_ == "poss" for t in ctx.expand(c)]
        elif noun.lower_.startswith("murder") and not _by_objects(noun):
            return  # "police investigate the murder of X": nobody named did it
    if rule.relation == "supports" and noun.lower_ in SUPPORT_NOUNS:
        holders += _affirming_subjects(ctx, noun, own, holders)
        if _gives_aid(noun):  # "a commitment of $5 million in assistance to Y"
            rule = NounRule("pledgedAidTo", rule.preps, rule.confidence)
    objects = _prep_objects(ctx, noun, rule.preps) + _gerund_objects(ctx, noun, rule) + victims
    if noun.lower_ in ("support", "backing") and noun.dep_ == "dobj" and noun.head.lemma_.lower() in _HAVE_VERBS:
        # "Ukraine has the support of Poland": Poland supports Ukraine
        objects += [t for c in noun.head.children if c.dep_ == "nsubj" for t in ctx.expand(c)]
        holders += [r for t in _prep_objects(ctx, noun, ("of",)) for r in [ctx.actor(t)] if r is not None]
    if rule.relation == "attacked" and own:
        objects += _targets(noun)
    if rule.relation == "attacked" and not objects and noun.dep_ == "dobj" \
            and noun.head.lemma_.lower() in PERFORM_VERBS and noun.head.pos_ == "VERB":
        objects += _prep_objects(ctx, noun.head, tuple(p for p in rule.preps if p != "in"))
        # ("began a military offensive into Syria": the parser hangs "into" on the verb)
    if rule.relation == "metWith":
        _between(ctx, noun, rule)
    act = rule.relation in ACT_OBJECTS
    conf = rule.confidence * (1.0 if own else 0.85)
    for holder in holders:
        for tok in objects:
            obj = ctx.agent(tok, act=act)
            if obj is None:
                continue
            ctx.add(holder.key, rule.relation, obj.key, noun, f"noun:{noun.lower_}",
                    conf * holder.factor * obj.factor, future=mode == FUTURE)


#: Crimes whose possessor is the victim ("her murder"), and the verbs that find someone guilty of one.
_VICTIM_NOUNS = frozenset({"murder", "murders", "killing", "killings", "assassination"})
_CONVICTING_VERBS = frozenset({"sentence", "convict", "jail", "imprison"})


def _convicted_of(ctx: Context, noun: Token) -> list[Ref]:
    """Who was sentenced or convicted for the crime: "X was sentenced for her
    murder", "X was convicted of the killing of Y" (a charge is no conviction)."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in ("for", "of"):
        return []
    verb = noun.head.head
    if verb.lemma_.lower() not in _CONVICTING_VERBS:
        return []
    named = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if not named and any(c.dep_ == "auxpass" for c in verb.children):
        sent = ctx.sentence_of(verb)  # "On Friday in Pakistan, Mohammed Waseem, ..., was sentenced": subject misparsed
        named = [t for t in ctx.doc[sent.start:verb.i] if t.dep_ not in ("pobj", "poss", "compound")
                 and (key := ctx.index.key_at(t.i)) is not None and ctx.index.kind(key) is EntityKind.PERSON][:1]
    return [r for c in named for t in ctx.expand(c) for r in [ctx.actor(t)] if r is not None]


def _targets(noun: Token) -> list[Token]:
    """"Y was the target of an X attack", "Y, the target of X's strikes",
    "the US airstrike that killed Y"."""
    hit = [t for c in noun.children if c.dep_ == "relcl" and c.lemma_.lower() in _HIT_VERBS
           for o in c.children if o.dep_ == "dobj" for t in Context.expand(o)]
    if hit:
        return hit
    of = noun.head
    if noun.dep_ != "pobj" or of.lower_ != "of" or of.head.lemma_.lower() not in ("target", "victim"):
        return []
    target = of.head
    if target.dep_ == "attr":
        return [t for c in target.head.children if c.dep_ == "nsubj" for t in Context.expand(c)]
    if target.dep_ == "appos":
        return Context.expand(target.head)
    return []


def _gives_aid(noun: Token) -> bool:
    """Whether a commitment is one of money or aid ("of $5 million in assistance")."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for tok in prep.subtree:
                if tok.ent_type_ == "MONEY" or tok.lemma_.lower() in AID_NOUNS:
                    return True
    return False


def _gerund_objects(ctx: Context, noun: Token, rule: NounRule) -> list[Token]:
    """"commitment to supporting Y": the gerund's object, when the gerund
    states the noun's own relation."""
    out: list[Token] = []
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ not in rule.preps:
            continue
        for ger in prep.children:
            if ger.dep_ == "pcomp" and any(r.relation == rule.relation
                                           for r in RELATION_VERBS.get(ger.lemma_.lower(), ())):
                out += [t for c in ger.children if c.dep_ == "dobj" for t in ctx.expand(c)]
    return out


def _aid_noun(ctx: Context, noun: Token) -> None:
    """"Australian aid to the Palestinian people", "the doubling of Japan's
    assistance to Y": a holder named on the noun gave aid to Y."""
    mode = ctx.modality(noun)
    if mode == NONE or _cancelled(noun):
        return
    holders, own = _holders(ctx, noun)
    if not own:
        return  # clause subjects are the giving verbs' business
    objects = _prep_objects(ctx, noun, ("to",))
    if noun.dep_ == "pobj" and noun.head.lower_ in ("of", "in") and noun.head.head.pos_ == "NOUN":
        objects += _prep_objects(ctx, noun.head.head, ("to",))  # "the doubling of X aid to Y", "an increase in X aid to Y"
    money = noun.lower_ in MONEY_NOUNS
    for holder in holders:
        for tok in objects:
            obj = ctx.agent(tok, act=True)
            if obj is not None and not (money and ctx.index.kind(obj.key) is not EntityKind.PLACE):
                ctx.add(holder.key, "pledgedAidTo", obj.key, noun, f"noun:{noun.lower_}",
                        0.7 * holder.factor * obj.factor, future=mode == FUTURE)


def _role_noun(ctx: Context, noun: Token) -> None:
    """"his critics, which include Y", "Y, a critic of X", "Y is a supporter
    of X's independence": Y condemned / opposes / supports X."""
    if ctx.modality(noun) != FACT:
        return
    relation, conf = ROLE_NOUNS[noun.lower_]
    targets = [r for c in noun.children if c.dep_ == "poss" for r in [ctx.agent(c)] if r is not None]
    preps = ("of", "to") if relation == "pledgedAidTo" else ("of",)  # "the largest donor to Y"
    targets += [r for t in _prep_objects(ctx, noun, preps) for r in [ctx.agent(t, act=True)] if r is not None]
    members = ctx.group(noun)
    held = noun
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.dep_ in ("attr", "acomp") \
            and noun.head.head.lower_ in ("more", "less", "much", "something", "bit"):
        held = noun.head.head  # "Bolton was much more of a critic of Russia": the copula's subject is one
    if held.dep_ == "appos":
        members += [r for r in [ctx.agent(held.head)] if r is not None]
    elif held.dep_ == "attr":
        members += agents_of(ctx, held.head)
    for member in members:
        for target in targets:
            ctx.add(member.key, relation, target.key, noun, f"noun:{noun.lower_}",
                    conf * member.factor * target.factor)


def _role_before_name(ctx: Context, noun: Token) -> None:
    """"Kremlin critic X", "Trump loyalist X": news writes the role as a
    label right before the name, and the name right before the label is its
    target.  Read on the words: the parser hangs the label anywhere."""
    doc = noun.doc
    if noun.i == 0 or noun.i + 1 >= len(doc) or ctx.modality(noun) == NONE:
        return
    holder = ctx.index.key_at(noun.i + 1)
    target = ctx.index.key_at(noun.i - 1)
    if holder is None or target is None or holder == target or ctx.index.key_at(noun.i) is not None \
            or ctx.index.kind(holder) is not EntityKind.PERSON or ctx.index.kind(target) not in AGENT_KINDS:
        return
    relation, conf = NAME_ROLE_NOUNS[noun.lower_]
    ctx.add(holder, relation, target, noun, f"noun:{noun.lower_}:label", conf)


def _guest_of(ctx: Context, guest: Token) -> None:
    """"X's visit to Z as a guest of Y", "X came as a guest of Y": Y hosted X."""
    if ctx.modality(guest) != FACT:
        return
    hosts = [r for t in _prep_objects(ctx, guest, ("of",)) for r in [ctx.agent(t)] if r is not None]
    if not hosts:
        return
    holder = guest.head.head  # what "as" hangs on
    if holder.lower_ in TRAVEL_NOUNS:
        guests = _travel_holders(ctx, holder)
    elif holder.pos_ in ("VERB", "AUX") and holder.lemma_.lower() in HOSTING_VERBS:
        guests = [r for c in holder.children if c.dep_ == "dobj" for r in [ctx.agent(c)] if r is not None]
    elif holder.pos_ in ("VERB", "AUX"):
        guests = agents_of(ctx, holder)
    else:
        return
    for g in guests:
        for host in hosts:
            ctx.add(host.key, "hosted", g.key, guest, "noun:guest-of", 0.7 * g.factor * host.factor)


def _affirming_subjects(ctx: Context, noun: Token, own: bool, owners: list[Ref]) -> list[Ref]:
    """"The Secretary reaffirmed the U.S. commitment to Y": the Secretary too,
    unless the document ties the subject to other states only ("The Prime
    Minister reaffirmed Australia's commitment to Iraq", the description read
    as Iraq's prime minister, is not his commitment)."""
    if not own or noun.dep_ != "dobj" or noun.head.lemma_.lower() not in _AFFIRM_VERBS:
        return []
    return [s for s in agents_of(ctx, noun.head) if ctx.speaks_for(s.key, {o.key for o in owners})]


def _between(ctx: Context, noun: Token, rule: NounRule) -> None:
    """"the meeting between X and Y": X met Y."""
    parties = [t for t in _prep_objects(ctx, noun, ("between",))
               if t.pos_ in ("NOUN", "PROPN") and t.ent_type_ != "NORP"]  # not "between Australian and X ministers"
    refs = [r for r in (ctx.agent(t) for t in parties) if r is not None] or _attendees(ctx, noun)
    if not parties and _participants_are_the_subjects(noun) and not _prep_objects(ctx, noun, ("with",)):
        verb = _governing_verb(noun)  # "Following their meeting, A and B said": A met B
        if verb is not None and verb.lower_ in ("following", "after") and verb.dep_ in ("prep", "advcl"):
            verb = _governing_verb(verb)
        verb = _finite_verb(verb)
        refs = [r for r in (agents_of(ctx, verb) if verb is not None else [])
                if ctx.index.kind(r.key) is EntityKind.PERSON]
        if len(refs) == 1 and verb is not None:  # "A MP and B underscored", misparsed: the names in the subject
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            keys = [] if subject is None else [k for t in subject.subtree for k in [ctx.index.key_at(t.i)]
                                                if k is not None and ctx.index.kind(k) is EntityKind.PERSON]
            if len(set(keys)) == 2:
                refs = [Ref(k, refs[0].factor * 0.9) for k in dict.fromkeys(keys)]
    for a in range(len(refs)):
        for b in range(a + 1, len(refs)):
            ctx.add(refs[a].key, "metWith", refs[b].key, noun, f"noun:{noun.lower_}:between",
                    rule.confidence * refs[a].factor * refs[b].factor)


def _finite_verb(verb: Token | None) -> Token | None:
    """The verb an infinitive complements, up to the finite one ("agreed to deepen": "agreed")."""
    while verb is not None and verb.dep_ == "xcomp" and verb.head.i != verb.i:
        verb = verb.head
    return verb


def _participants_are_the_subjects(noun: Token) -> bool:
    """"Following their meeting, A and B said", "A and B agreed ... during talks in Tokyo": talks named with
    no other party are between the clause's subjects."""
    if any(c.dep_ == "poss" and c.lower_ == "their" for c in noun.children):
        return True
    return noun.dep_ == "pobj" and noun.head.lower_ in ("during", "after", "following") and noun.tag_ == "NNS" \
        and all(c.dep_ in ("det", "amod", "prep", "compound") and c.lower_ not in ("a", "an") for c in noun.children) \
        and not any(c.dep_ == "det" and c.lower_ != "the" for c in noun.children)


def _attendees(ctx: Context, noun: Token) -> list[Ref]:
    """"The meeting was attended by A and B, C and D": everyone named in the list met everyone else (a
    list of more than six is a gathering, not talks)."""
    verb = noun.head
    if noun.dep_ != "nsubjpass" or verb.lemma_.lower() != "attend" or ctx.modality(verb) != FACT:
        return []
    keys = [ctx.index.key_at(t.i) for c in verb.children if c.dep_ == "agent" for t in c.subtree]
    people = list(dict.fromkeys(k for k in keys if k is not None and ctx.index.kind(k) is EntityKind.PERSON))
    return [Ref(k, 0.9) for k in people] if 2 <= len(people) <= 6 else []


def _travel_noun(ctx: Context, noun: Token) -> None:
    """"his tour of the Middle East", "an upcoming visit to Tokyo"."""
    mode = ctx.modality(noun)
    if mode == NONE or _cancelled(noun):
        return
    if noun.lower_ == "arrival" and any(c.dep_ == "poss" and c.lower_ in ("our", "my") for c in noun.children):
        return  # "signalled our arrival at the Games": a team's debut, said by one of it
    targets = _prep_objects(ctx, noun, TRAVEL_NOUN_PREPS)
    host = noun.head
    if noun.dep_ == "dobj" or (noun.dep_ == "pobj" and host.lower_ == "of"):
        # "concluding his blitz through Y", "a pair of tours through Y": the
        # route hangs on the verb or on the quantity noun.
        host = host if noun.dep_ == "dobj" else host.head
        targets += _prep_objects(ctx, host, _ROUTE_PREPS)
        if noun.dep_ == "dobj" and host.lemma_.lower() in ("make", "pay"):
            targets += _prep_objects(ctx, host, ("to",))  # "made a State Visit to Australia": "to" on the verb
    for child in noun.children:
        if child.dep_ == "relcl" and child.lemma_.lower() in TRAVEL_NOUN_CLAUSE_VERBS:
            targets += _prep_objects(ctx, child, ("with", "in", "at", "to"))
    targets += [t for by in _by_objects(noun) for t in _prep_objects(ctx, by, ("to",))]
    # ("the visit by X to Moscow": the parser hangs the destination on the visitor)
    places = [r for r in (ctx.refer(t) for t in targets)  # "a visit to the Royal Darwin Hospital": a site
              if r is not None and (ctx.index.kind(r.key) is EntityKind.PLACE or _facility(ctx, r.key))]
    holders = _travel_holders(ctx, noun) if places else _welcomed_visitors(ctx, noun)
    if not places and holders:  # "welcomed President Ghani to Australia ... President Ghani's visit has ..."
        places = [Ref(ctx.welcomed_to[holders[0].key], 0.9)]
    if not places:
        return
    if mode == FUTURE and _dated_past(ctx, noun):
        mode = FACT  # "will reciprocate her visit to Y last year"
    elif mode == FACT and holders and all(announced(ctx, h.key, noun) for h in holders):
        mode = FUTURE  # "The Prime Minister's visit to Y underscores ..." after "will travel to Y"
    relation = "visited" if mode == FACT else "plansToVisit"
    for holder in holders:
        for place in places:
            ctx.add(holder.key, relation, place.key, noun, f"noun:{noun.lower_}" + ("" if mode == FACT else ":future"),
                    0.7 * holder.factor * place.factor, future=mode == FUTURE)


def _welcomed_visitors(ctx: Context, noun: Token) -> list[Ref]:
    """A visit with no destination ("President Ghani's visit", "This visit")
    is the one of a guest the document welcomed to a place: the possessor, or
    the only such guest."""
    if not ctx.welcomed_to or noun.lower_ not in ("visit", "visits", "stay", "trip"):
        return []
    poss = [c for c in noun.children if c.dep_ == "poss"]
    if poss:
        ref = ctx.agent(poss[0])
        return [ref] if ref is not None and ref.key in ctx.welcomed_to else []
    if len(ctx.welcomed_to) == 1 and any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in noun.children):
        return [Ref(next(iter(ctx.welcomed_to)), 0.8)]
    return []


def _dated_past(ctx: Context, noun: Token) -> bool:
    """"her recent visit", "his visit last year", "the visit in March 2000"
    (a date before the article's)."""
    published = ctx.article.date
    for anchor in (noun, noun.head):
        day = ctx.date_for(anchor, future=True)  # "on 23 May" in a future clause is the next 23 May
        if day and published and day < published[:10]:
            return True
    if published and published[:4].isdigit():  # "her visit ... in March 2000" (article of 2001)
        scope = list(noun.subtree)
        if noun.dep_ == "dobj":  # "will return her visit ... in March 2000": the date is the visit's
            scope += [t for p in noun.head.children if p.dep_ == "prep" and p.lower_ in ("in", "on")
                      for t in p.subtree]
        years = [int(t.text) for t in scope if t.ent_type_ == "DATE" and t.is_digit and len(t.text) == 4]
        if years and max(years) < int(published[:4]):
            return True
    for child in noun.children:
        if child.dep_ == "amod" and child.lower_ in PAST_MODIFIERS:
            return True
    # "last year" on the noun or on the verb whose object it is (a future verb cannot be last year)
    for child in list(noun.children) + (list(noun.head.children) if noun.dep_ == "dobj" else []):
        if child.dep_ == "npadvmod" and any(g.lower_ in ("last", "previous") for g in child.children):
            return True
    return False


def _travel_holders(ctx: Context, noun: Token) -> list[Ref]:
    """The traveller: possessor, else the holder of the trip it is part of
    ("his last stop on a tour"), else the subject of the clause."""
    tok = noun
    for _ in range(4):
        poss = [c for c in tok.children if c.dep_ == "poss"]
        if poss:
            guest = _guest(ctx, tok) if poss[0].lower_ in ("his", "her", "their") else None
            ref = guest or _fronted_owner(ctx, tok, poss[0]) or ctx.actor(poss[0])
            return [ref] if ref is not None else []
        if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.lower_ in TRAVEL_NOUNS:
            tok = tok.head.head
            continue
        break
    holders, _ = _holders(ctx, tok)
    if holders:
        return [Ref(h.key, h.factor * 0.9) for h in holders]
    if _by_someone(tok):  # "the first visit to Australia by a President of Lebanon": that president, if named
        listed = [t for b in _by_objects(tok) for t in ctx.expand(b)]  # "the visit by X", "by both X and Y"
        named = [r for r in (ctx.actor(t) for t in listed) if r is not None
                 and ctx.index.kind(r.key) in (EntityKind.PERSON, EntityKind.ORGANIZATION)]
        if named:
            return list({r.key: r for r in named}.values())
        return [r for r in (ctx.titled_holder(t) for t in _by_objects(tok)) if r is not None][:1]
    head = _clause_head(tok)
    agents = [Ref(r.key, r.factor * 0.8) for r in agents_of(ctx, head)] if head is not None else []
    if not agents and tok is noun:
        fronted = _named_after_fronted_phrase(ctx, noun)
        agents = [Ref(fronted, 0.7)] if fronted is not None else []
    return agents


def _named_after_fronted_phrase(ctx: Context, noun: Token) -> int | None:
    """"On a recent visit to Australia, the Commonwealth Secretary-General X
    advised ...": a trip in a phrase that opens the sentence is the trip of the
    person named right after its comma, titles aside, when a verb follows the
    name (the parser often loses that subject under a long title)."""
    prep = noun.head
    sent = ctx.sentence_of(noun)
    if noun.dep_ != "pobj" or prep.i != sent.start or prep.lower_ not in _FRONTING_PREPS \
            or any(c.dep_ == "poss" and c.lower_ not in ("his", "her") for c in noun.children):
        return None
    doc = ctx.doc
    comma = next((i for i in range(noun.i + 1, min(sent.end, noun.i + 12)) if doc[i].text == ","), None)
    if comma is None:
        return None
    j = comma + 1
    while j < sent.end and not ctx.index.person_at(j) and (doc[j].lower_ == "the" or doc[j].text[:1].isupper()
                                                         or doc[j].text == "-"):
        j += 1  # "the Commonwealth Secretary-General": a title, and the body in it
    key = ctx.index.key_at(j) if j < sent.end else None
    if key is None or ctx.index.kind(key) is not EntityKind.PERSON:
        return None
    after = ctx.index.last_of(j) + 1
    return key if after < sent.end and doc[after].pos_ in ("VERB", "AUX") else None


#: Prepositions that open a sentence with the trip its subject made or makes ("During his visit to Y, X met").
_FRONTING_PREPS = frozenset({"on", "during", "after", "following"})


def _fronted_owner(ctx: Context, noun: Token, poss: Token) -> Ref | None:
    """"During his visit to New Delhi, Kishida met Modi": a possessive pronoun in
    a phrase before the clause's subject stands for that subject."""
    if poss.lower_ not in ("his", "her", "their"):
        return None
    head = _clause_head(noun)
    subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")] if head is not None else []
    if not subjects or subjects[0].i < noun.i:
        return None
    ref = ctx.agent(subjects[0])
    return ref if ref is not None and ctx.index.kind(ref.key) is EntityKind.PERSON else None


def _by_objects(noun: Token) -> list[Token]:
    """What the "by" phrase on the noun or on its destination names."""
    heads = [noun] + [p for c in noun.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    return [p for h in heads for c in h.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"
            for p in c.children if p.dep_ == "pobj"]


def _by_someone(noun: Token) -> bool:
    """A "by" phrase on the noun or on its destination names the traveller."""
    heads = [noun] + [p for c in noun.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    return any(c.dep_ in ("prep", "agent") and c.lower_ == "by" for h in heads for c in h.children)


def _guest(ctx: Context, noun: Token) -> Ref | None:
    """"X hosted Y as part of his visit to Z": the guest is the traveller."""
    verb = _governing_verb(noun)
    if verb is None or verb.lemma_.lower() not in HOSTING_VERBS:
        return None
    for obj in verb.children:
        if obj.dep_ == "dobj":
            ref = ctx.agent(obj)
            if ref is not None and ctx.index.kind(ref.key) is EntityKind.PERSON:
                return Ref(ref.key, ref.factor * 0.9)
    return None


def _clause_head(noun: Token) -> Token | None:
    """The verb of the clause, through prepositions and adjectives ("Fresh
    from a pair of tours ..., the official is shifting")."""
    tok = noun
    for _ in range(8):
        if tok.head.i == tok.i:
            return tok if tok.pos_ in ("VERB", "AUX") else None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok
    return None


def _stance_prefix(ctx: Context, prefix: Token) -> None:
    """"Kennedy's pro-Israel position": Kennedy supports Israel.  The stance
    is its possessor's, or the named body's it describes ("the anti-Trump
    Lincoln Project"); an unnamed one ("pro-Russian separatists") is no one's."""
    doc = prefix.doc
    target = ctx.index.key_at(prefix.i + 2)
    if target is None or ctx.index.kind(target) not in AGENT_KINDS or ctx.modality(prefix) == NONE:
        return
    end = ctx.index.last_of(prefix.i + 2) + 1
    noun = doc[end] if end < len(doc) else None
    while noun is not None and noun.dep_ == "compound" and noun.head.i > noun.i:
        noun = noun.head
    if noun is None:
        return
    holder = ctx.index.key_at(noun.i)
    if holder is None:
        holder = next((r.key for c in noun.children if c.dep_ == "poss" for r in [ctx.agent(c)] if r is not None), None)
    if holder is not None and holder != target and ctx.index.kind(holder) in AGENT_KINDS:
        ctx.add(holder, _STANCE_PREFIXES[prefix.lower_], target, prefix, f"noun:{prefix.lower_}-", 0.55)


def _hyphen(ctx: Context, participle: Token) -> None:
    """"Iran-backed Houthis": Iran supports the Houthis (named objects only)."""
    holder = ctx.agent(participle.nbor(-2))
    head = participle.head
    target = ctx.agent(head) if head.i != participle.i and head.i > participle.i else None  # the noun it modifies
    if holder is None or target is None:
        return
    relation = HYPHEN_PARTICIPLES[participle.lower_]
    ctx.add(holder.key, relation, target.key, participle, f"noun:{participle.lower_}", 0.75)
