"""Subject–verb–object rules: "X visited Y", "Y was hosted by X", "X pledged aid to Y".

For every verb of the lexicon the rule finds its agents (following
conjunctions, relative clauses and control verbs), its objects (direct or
after the verb's prepositions, lists expanded), and the clause's modality:
negated or hypothetical clauses give nothing, future travel gives
``plansToVisit``, and only aid and support may be promised.
"""

from __future__ import annotations

from spacy.tokens import Token

from graph.model import EntityKind

from .context import (
    FACT,
    FUTURE,
    GATHERING_NOUNS,
    NONE,
    Context,
    Ref,
    Sentence,
    plural_title,
    reduced_passive,
)
from .lexicon import (
    ADJECTIVE_RELATIONS,
    AID_NOUNS,
    COMPANION_VERBS,
    DEMONYMS,
    FACILITY_NOUNS,
    GATHERING_VERBS,
    GIVING_VERBS,
    HARM_NOUNS,
    LIGHT_VERB_PHRASES,
    MATERIEL_NOUNS,
    MONEY_NOUNS,
    ORIGIN_OBJECT_VERBS,
    ORIGIN_PREPS,
    PEOPLE_NOUNS,
    PLACE_NOUNS,
    PLURAL_STYLES,
    RECIPROCAL_VERBS,
    RELATION_VERBS,
    SIGNED_NOUNS,
    SPEECH_VERBS,
    SUPPORT_NOUNS,
    TALK_NOUNS,
    TITLE_HEADS,
    TRAVEL_NOUNS,
    TRAVEL_VERBS,
    VerbRule,
)

#: Relations a promise or a future clause may still state.
FUTURE_OK = frozenset({"pledgedAidTo", "supports"})
#: Relations whose object may be an act standing for its agent.
#: Verbs of a gift's purpose whose object receives it ("to help Tonga recover").
_HELP_VERBS = frozenset({"help", "assist", "support", "aid"})
#: Verbs that make a sum for a body aid, not budget funding: "pledged $5 million to the Trust".
_DONATING_VERBS = frozenset({"pledge", "donate"})
_CURRENCIES = frozenset({"dollars", "euros", "pounds", "yen", "yuan", "rupees", "francs", "roubles", "rubles"})
_PLEDGE_VERBS = frozenset({"pledge", "promise", "commit", "vow"})
_TELLING_VERBS = frozenset({"tell", "assure", "inform", "brief", "thank", "urge", "press", "ask", "promise",
                            "reassure", "invite", "congratulate", "advise"})
_UNDER_ATTACK = frozenset({"attack", "fire", "shelling", "bombardment", "assault", "bombing"})
#: What one is warned of when the warning is a threat ("warned Taiwan of serious consequences").
_THREAT_NOUNS = frozenset({"consequence", "retaliation", "reprisal", "response", "action", "countermeasure",
                           "measure", "sanction", "war", "punishment", "revenge"})
_LEADING_VERBS = frozenset({"head", "lead", "chair", "found", "co-found", "cofound", "join"})
#: Leading verbs whose passive names the leader after "by" ("a party founded by X"; "joined by X" is company).
_LED_BY_VERBS = _LEADING_VERBS - {"join"}
#: Verbs of belonging to a body through a preposition: "served in the House", "worked for Y", "elected to Y".
_MEMBERSHIP_PREPS: dict[str, tuple[str, ...]] = {"serve": ("in", "on"), "work": ("for", "at"), "elect": ("to",),
                                                  "play": ("for",), "wrestle": ("for",), "sign": ("for",)}
#: Membership verbs whose passive subject is the member ("was elected to the Senate", "was signed for Stardom").
_PASSIVE_MEMBERSHIP = frozenset({"elect", "sign"})
#: What one threatens to do to Y: "threatened to strike Y" threatens Y.
_HARM_VERBS = frozenset({"attack", "strike", "invade", "hit", "bomb", "punish", "sanction", "destroy", "target",
                         "retaliate", "annihilate", "nuke"})
#: What is launched or fired at somebody.
_PROJECTILES = frozenset({"missile", "rocket", "drone", "shell", "bomb", "mortar", "projectile", "torpedo", "grenade"})
_FIRED_AT = ("at", "into", "on", "toward", "towards")
#: Generic objects of an attack that name no one: "struck targets in Y" hits Y.
_TARGET_NOUNS = frozenset({"target", "position", "site", "area", "facility", "base", "infrastructure", "installation",
                           "village", "town", "city", "district", "camp", "market", "neighbourhood", "neighborhood",
                           "port", "region", "province", "outskirts", "hideout", "stronghold", "outpost", "depot",
                           "airfield", "airbase", "compound", "headquarters", "school", "hospital", "building"})
#: Relations whose object acts, so that a capital named as it is its country.
_AGAINST_ACTORS = frozenset({"thanked", "condemned", "accused", "opposes", "urged", "threatened"})
ACT_OBJECTS = frozenset({"thanked", "supports", "condemned", "accused", "opposes", "urged", "threatened",
                         "attacked", "pledgedAidTo"})
#: Agreements whose "between X and Y" names the parties.
_AGREEMENT_NOUNS = frozenset({"agreement", "deal", "memorandum", "memoranda", "treaty", "pact", "accord", "accords",
                              "arrangement", "alliance"})
#: Travel verbs whose passive subject is the traveller ("was flown to Berlin").
_CARRIED_TRAVEL = frozenset({"fly", "airlift", "evacuate", "transfer"})
#: Verbs whose clause asks its subject to act ("demanded that Y release", "called for Y to go").
_ASKING_VERBS = frozenset({"call", "demand", "insist", "urge", "ask", "request", "recommend"})
#: Verbs whose "from Y" names who is asked for something.
_DEMAND_VERBS = frozenset({"demand", "request"})
#: "asked Y to ..." is an urging; "asked Y about ..." is a question.
_NEEDS_COMPLEMENT = frozenset({"ask", "press", "warn", "encourage", "challenge", "instruct", "order", "count",
                               "tell", "advise", "push"})
#: Verbs that urge only with an infinitive: "told Y to leave" (but "told Y that ..." reports).
_INFINITIVE_ONLY = frozenset({"tell", "advise", "push"})
#: Wrongs one can be said to be behind: "Y was behind the attack".
_WRONG_NOUNS = frozenset({"attack", "bombing", "killing", "murder", "shooting", "blast", "explosion", "assassination",
                          "strike", "poisoning", "hack", "plot", "massacre", "violence", "hacking", "cyberattack",
                          "downing", "sabotage"})
#: Acts one calls for from someone: "called for G7 action", "for Israeli restraint".
_CALLED_ACTS = frozenset({"action", "restraint", "withdrawal", "release", "cooperation", "help", "response",
                          "intervention", "investigation", "step", "measure", "engagement", "compliance",
                          "leadership", "involvement", "commitment", "participation", "pullout", "retreat"})
#: Last words of event names: hosting one hosts no agent.
_EVENT_WORDS = frozenset({"summit", "conference", "meeting", "forum", "games", "festival", "dialogue", "talks",
                          "congress", "convention", "olympics", "championship", "cup", "expo", "ceremony", "session"})
#: Objects of "enter"/"visit" that are no venue: "re-enter the workforce in Y".
_NOT_VENUES = frozenset({"workforce", "market", "markets", "race", "contest", "talks", "negotiations", "politics",
                         "service", "office", "force", "agreement", "phase", "stage", "competition", "field"})
#: Armed forces standing for their state: their movements are deployments.
_ARMED_NOUNS = frozenset({"troop", "troops", "force", "forces", "soldier", "soldiers", "army", "military", "navy",
                          "warship", "warships", "jet", "jets", "warplane", "warplanes", "unit", "units"})
#: Nouns for unnamed people of a body: "met members of the X and the Y" is
#: no meeting with X or Y, even when the parser lists Y beside "members".
_MEMBER_NOUNS = frozenset({"member", "members", "representative", "representatives", "staff", "official",
                           "officials", "employee", "employees", "delegation", "delegations", "troops",
                           "soldiers", "personnel", "workers", "volunteers", "families", "relatives"})


def extract_verbs(ctx: Context, sent: Sentence) -> None:
    """Run every verb rule over one sentence."""
    for tok in ctx.verbs_in(sent):
        lemma = tok.lemma_.lower()
        if lemma in TRAVEL_VERBS:
            _travel(ctx, tok, lemma, TRAVEL_VERBS[lemma])
        for rule in RELATION_VERBS.get(lemma, ()):
            _relation(ctx, tok, lemma, rule)
        if lemma in GIVING_VERBS:
            _giving(ctx, tok, lemma)
        _light_verb(ctx, tok, lemma)
        _adjective(ctx, tok)
        if lemma in SPEECH_VERBS or lemma == "hold":
            _responsible(ctx, tok, lemma)
        if lemma == "allege":
            _alleged_doer(ctx, tok)
        if lemma in RECIPROCAL_VERBS:
            _reciprocal(ctx, tok, lemma)
        if lemma == "join":
            _joined_talks(ctx, tok)
        if lemma in COMPANION_VERBS:
            _companions(ctx, tok, lemma)
        if lemma in ("call", "press", "push"):
            _call_for(ctx, tok)
        if lemma in _DEMAND_VERBS:
            _demand_from(ctx, tok)
        if lemma in _ASKING_VERBS:
            _asked_to_act(ctx, tok, lemma)
        if lemma in ("launch", "fire"):
            _projectiles(ctx, tok, lemma)
        if lemma in _LEADING_VERBS or lemma in _MEMBERSHIP_PREPS:
            _belongs(ctx, tok, lemma)
        if lemma in ("lead", "head"):
            _led_mission(ctx, tok, lemma)
        if lemma in ("take", "bring"):
            _trip_takes(ctx, tok, lemma)
        if lemma == "be":
            _on_the_way(ctx, tok)
        if lemma == "receive":
            _received(ctx, tok)
        if lemma == "come":
            _came_under_attack(ctx, tok)
        if lemma == "welcome":
            _welcomed_to(ctx, tok)
        if lemma == "expect":
            _expected_in(ctx, tok)
        if lemma in ("vow", "pledge", "promise"):
            _vowed_harm(ctx, tok)
        if lemma in _TELLING_VERBS:
            _told_at_meeting(ctx, tok, lemma)
        if lemma == "be":
            _with_you(ctx, tok)
            _responsible_in_quote(ctx, tok)


#: Parties sent somewhere: leading one there is going there ("will lead a trade mission to Vietnam").
_MISSION_NOUNS = frozenset({"delegation", "mission", "expedition", "pilgrimage"})


def _led_mission(ctx: Context, verb: Token, lemma: str) -> None:
    """"Mr Robb will lead a trade mission to Vietnam", "led a delegation to
    China": whoever leads a party sent to a place goes there."""
    mode = ctx.modality(verb)
    if mode == NONE:
        return
    for obj in (c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in _MISSION_NOUNS):
        targets = _prep_objects(ctx, obj, ("to",)) + _prep_objects(ctx, verb, ("to",))
        relation = "visited" if mode == FACT else "plansToVisit"
        _people_go(ctx, verb, verb, targets, relation, f"svo:{lemma}-{obj.lemma_.lower()}", 0.75, mode == FUTURE)


def _trip_takes(ctx: Context, verb: Token, lemma: str) -> None:
    """"The 10-day visit will take the royal couple to Sydney and Brisbane",
    "the tour took him to Kyiv": the people a trip takes somewhere go there."""
    mode = ctx.modality(verb)
    trips = [c for c in verb.children if c.dep_ == "nsubj" and c.lower_ in TRAVEL_NOUNS]
    if mode == NONE or not trips:
        return
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    targets = _prep_objects(ctx, verb, ("to",)) + [t for o in objects for t in _prep_objects(ctx, o, ("to",))]
    targets += [t for d in targets if d.lower_ not in _NOT_VENUES for t in _venue_places(ctx, d)]
    relation = "visited" if mode == FACT else "plansToVisit"
    for obj in objects:  # "took Prime Minister X | to Beijing": the parser may hang "to" on the name
        for tok in ctx.expand(obj):
            ref = ctx.refer(tok)
            if ref is None or ctx.index.kind(ref.key) is not EntityKind.PERSON:
                continue
            for place in _places(ctx, targets):
                ctx.add(ref.key, relation, place.key, verb, f"svo:trip-{lemma}", 0.75 * ref.factor * place.factor,
                        future=mode == FUTURE)


def _on_the_way(ctx: Context, verb: Token) -> None:
    """"Sir Mekere was in Sydney en route to the APEC meeting in Auckland",
    "was on his way to Tokyo": travelling towards a place not yet reached."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("en", "on")):
        way = next((p for p in prep.children if p.dep_ == "pobj" and p.lower_ in ("route", "way")), None)
        if way is None or (prep.lower_ == "en") != (way.lower_ == "route") or ctx.modality(verb) == NONE:
            continue
        targets = _prep_objects(ctx, way, ("to",))
        targets += [t for d in targets for t in _venue_places(ctx, d)]
        _people_go(ctx, verb, way, targets, "plansToVisit", "svo:en-route", 0.7, True)


def _people_go(ctx: Context, verb: Token, anchor: Token, targets: list[Token], relation: str, rule: str,
               confidence: float, future: bool) -> None:
    """The verb's agents that are people travel to the targets that are places
    ("China will lead the mission": a state sends, it does not travel)."""
    for agent in agents_of(ctx, verb):
        if ctx.index.kind(agent.key) is not EntityKind.PERSON:
            continue
        for place in _places(ctx, targets):
            ctx.add(agent.key, relation, place.key, anchor, rule, confidence * agent.factor * place.factor,
                    future=future)


def _told_at_meeting(ctx: Context, verb: Token, lemma: str) -> None:
    """"Scholz told Zelensky during a meeting in Kyiv that ...": telling
    someone at a meeting or talks is meeting them."""
    at_talks = any(p.lemma_.lower() in TALK_NOUNS or p.lower_ in TALK_NOUNS for c in verb.subtree
                   if c.dep_ == "prep" and c.lower_ in ("during", "at", "in") and _same_clause(c, verb)
                   for p in c.children if p.dep_ == "pobj")  # (the parser may hang "during" on the object)
    if not at_talks or ctx.modality(verb) != FACT:
        return
    for agent in agents_of(ctx, verb):
        for tok in (t for c in verb.children if c.dep_ in ("dobj", "dative") for t in ctx.expand(c)):
            other = ctx.agent(tok)
            if other is not None and other.key != agent.key:
                ctx.add(agent.key, "metWith", other.key, verb, f"svo:{lemma}-at-talks", 0.7 * agent.factor * other.factor)


def _welcomed_to(ctx: Context, verb: Token) -> None:
    """Note where a guest was welcomed ("welcomed President X and his
    delegation to Australia"): a later "the visit" with no destination goes there."""
    if ctx.modality(verb) != FACT:
        return
    guests = _direct_objects(ctx, verb)
    places = _places(ctx, _prep_objects(ctx, verb, ("to",)) + [t for g in guests for t in _prep_objects(ctx, g, ("to",))])
    for tok in guests if places else []:
        ref = ctx.agent(tok)
        if ref is not None and ctx.index.kind(ref.key) is EntityKind.PERSON:
            ctx.welcomed_to.setdefault(ref.key, places[0].key)


def _same_clause(tok: Token, verb: Token) -> bool:
    """No other verb stands between the token and the verb it hangs from."""
    node = tok.head
    while node.i != verb.i:
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return False
        node = node.head
    return True


def _came_under_attack(ctx: Context, verb: Token) -> None:
    """"Kharkiv came under attack from Russia": the one it came from attacked it."""
    if ctx.modality(verb) != FACT:
        return
    attacks = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "under"
               for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in _UNDER_ATTACK]
    if not attacks:
        return
    doers = _prep_objects(ctx, verb, ("from",)) + [t for a in attacks for t in _prep_objects(ctx, a, ("from",))]
    victims = [ctx.agent(t, act=True) for t, _ in ctx.subjects(verb)]
    for doer in (ctx.agent(t, act=True) for t in doers):
        for victim in victims:
            if doer is not None and victim is not None:
                ctx.add(doer.key, "attacked", victim.key, verb, "svo:come-under-attack",
                        0.75 * doer.factor * victim.factor)


def _received(ctx: Context, verb: Token) -> None:
    """"Ukraine will receive $3 billion from Germany": the giver pledged aid
    to the receiver (a country or body, for money as for goods)."""
    mode = ctx.modality(verb)
    if mode == NONE:
        return
    gifts = [g for g in (_gift_noun(c) for c in verb.children if c.dep_ == "dobj") if g is not None]
    if not gifts:
        return
    money = all(g.lower_ in MONEY_NOUNS or g.ent_type_ == "MONEY" for g in gifts)
    for giver_tok in _prep_objects(ctx, verb, ("from",)):
        giver = ctx.agent(giver_tok, act=True)
        if giver is None:
            continue
        for receiver in agents_of(ctx, verb):  # (money for a body at home is funding: a country receives aid)
            kind = ctx.index.kind(receiver.key)
            if kind is EntityKind.PLACE or kind is not EntityKind.PERSON and not money:
                ctx.add(giver.key, "pledgedAidTo", receiver.key, verb, "svo:receive-from",
                        0.7 * giver.factor * receiver.factor, future=mode == FUTURE)


def _belongs(ctx: Context, verb: Token, lemma: str) -> None:
    """"Trudeau heads the Liberal Party", "Mugabe co-founded ZANU", "Conyers
    served in the House", "was elected to the Senate": a person who leads,
    founds, joins, serves in or works for a body belongs to it (no office is named)."""
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)
    if lemma in _LED_BY_VERBS and (passive or verb.dep_ == "acl") and ctx.modality(verb) != NONE:
        _led_by(ctx, verb, lemma)
        return
    if ctx.modality(verb) != FACT or passive and lemma not in _PASSIVE_MEMBERSHIP or not passive and lemma == "elect":
        return
    if passive:  # "X was elected to the House": X, not whoever elected
        people = [r for r in (ctx.agent(t) for c in verb.children if c.dep_ == "nsubjpass" for t in ctx.expand(c))
                  if r is not None]
    elif any(c.dep_ == "nsubj" for c in verb.children) or verb.dep_ == "conj" or verb.dep_ == "advcl" and not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):  # ("Conyers co-founded Y", misparsed)
        people = agents_of(ctx, verb)  # (not "the appointment of X to lead Y": X leads)
    else:
        return
    if lemma in _LEADING_VERBS:
        if _prep_objects(ctx, verb, ("to", "into")):
            return  # "led the fleet to Botany Bay"
        bodies = _direct_objects(ctx, verb)
    else:
        bodies = _prep_objects(ctx, verb, _MEMBERSHIP_PREPS[lemma])
    for body in (ctx.index.key_at(t.i) for t in bodies):
        if body is None or ctx.index.kind(body) is not EntityKind.ORGANIZATION:
            continue
        for person in people:
            if ctx.index.kind(person.key) is EntityKind.PERSON:
                ctx.add(person.key, "affiliatedWith", body, verb, f"svo:{lemma}", 0.75 * person.factor)


def _led_by(ctx: Context, verb: Token, lemma: str) -> None:
    """"The agency is headed by X", "a firm led by X", "the group, founded by X in 1990", "will be chaired
    by X": whoever the body is led by belongs to it (a future chair too: the appointment is made)."""
    if verb.dep_ == "acl":
        bodies = [verb.head, *(c for c in verb.head.children if c.dep_ == "appos")]
        if verb.head.dep_ == "appos":  # "Super Colossal, a Sydney firm led by X"
            bodies.append(verb.head.head)
    else:
        bodies = _direct_objects(ctx, verb)
    bodies = [t for b in bodies for t in ctx.expand(b)]
    for body in dict.fromkeys(k for k in (ctx.index.key_at(t.i) for t in bodies) if k is not None):
        if ctx.index.kind(body) is not EntityKind.ORGANIZATION:
            continue
        for tok in (t for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
                    for t in ctx.expand(p)):
            person = ctx.agent(tok)
            if person is not None and ctx.index.kind(person.key) is EntityKind.PERSON:
                ctx.add(person.key, "affiliatedWith", body, verb, f"svo:{lemma}-by", 0.75 * person.factor)


def _harm_targets(ctx: Context, verb: Token) -> list[Token]:
    """Whom the verb's infinitive would harm: "to attack South Korea", "to retaliate against Israel"."""
    return [t for c in verb.children if c.dep_ == "xcomp" and c.lemma_.lower() in _HARM_VERBS
            for t in _direct_objects(ctx, c) + _prep_objects(ctx, c, ("against",))]


def _vowed_harm(ctx: Context, verb: Token) -> None:
    """"Iran vowed to retaliate against Israel", "pledged to punish Y": a promise of harm is a threat."""
    if ctx.modality(verb) == NONE:
        return
    for agent in agents_of(ctx, verb):
        for tok in _harm_targets(ctx, verb):
            obj = ctx.agent(tok, act=True)
            if obj is not None and obj.key != agent.key:
                ctx.add(agent.key, "threatened", obj.key, verb, f"svo:{verb.lemma_.lower()}-harm",
                        0.7 * agent.factor * obj.factor)


def _expected_in(ctx: Context, verb: Token) -> None:
    """"Macron is expected in Beijing later this month": a visitor awaited somewhere plans to go there."""
    if ctx.modality(verb) == NONE or not any(c.dep_ == "nsubjpass" for c in verb.children) \
            or any(c.dep_ == "xcomp" for c in verb.children):
        return  # ("is expected to visit Y" is read by the travel rules)
    places = _places(ctx, _prep_objects(ctx, verb, ("in", "at")))
    awaited = [ctx.actor(t) for c in verb.children if c.dep_ == "nsubjpass" for t in ctx.expand(c)]
    for agent in (a for a in awaited if a is not None):
        if ctx.index.kind(agent.key) is EntityKind.PERSON:
            for place in places:
                ctx.add(agent.key, "plansToVisit", place.key, verb, "svo:expected-in",
                        0.7 * agent.factor * place.factor, future=True)


def _projectiles(ctx: Context, verb: Token, lemma: str) -> None:
    """"launched missiles at Saudi Arabia", "fired rockets into Israel": an attack on Y."""
    if ctx.modality(verb) != FACT:
        return
    if not any(c.dep_ == "dobj" and c.lemma_.lower() in _PROJECTILES for c in verb.children):
        return
    missiles = [c for c in verb.children if c.dep_ == "dobj"]
    targets = _prep_objects(ctx, verb, _FIRED_AT) + [t for m in missiles for t in _prep_objects(ctx, m, _FIRED_AT)]
    for agent in agents_of(ctx, verb):
        for tok in targets:
            obj = ctx.agent(tok, act=True)
            if obj is not None:
                ctx.add(agent.key, "attacked", obj.key, verb, f"svo:{lemma}-at", 0.75 * agent.factor * obj.factor)


def agents_of(ctx: Context, verb: Token) -> list[Ref]:
    """The verb's subjects that are agents, each with its confidence factor."""
    out = []
    for tok, factor in ctx.subjects(verb):
        pair = ctx.group(tok) if tok.lower_ in PLURAL_STYLES else []
        if len(pair) >= 2:  # "Their Royal Highnesses, The Prince of Wales and The Duchess of Cornwall,"
            out += [Ref(r.key, r.factor * factor) for r in pair]
            continue
        ref = ctx.actor(tok)
        if ref is not None:
            out.append(Ref(ref.key, ref.factor * factor))
        elif tok.lower_ in ("they", "them") or tok.tag_ in ("NNS", "NNPS") or tok.lower_ in GATHERING_NOUNS \
                or plural_title(tok) is not None:
            out += [Ref(r.key, r.factor * factor) for r in ctx.group(tok)]
    return out


def announced(ctx: Context, key: int, anchor: Token) -> bool:
    """Whether a present-tense trip sentence ("X is visiting Y", "X's visit
    to Y underscores ...") continues a trip the document announced as future:
    the sentence's main verb is present and X already has a planned trip."""
    root = anchor
    while root.dep_ != "ROOT" and root.head.i != root.i:
        root = root.head
    return _present(root) and any(f.subject == key and f.relation == "plansToVisit" for f in ctx.facts)


def _present(root: Token) -> bool:
    """A main verb in the present: "provides", "is visiting"."""
    return root.tag_ in ("VBZ", "VBP") or root.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in root.children)


def settle_announced_trips(ctx: Context) -> None:
    """A visit told in the present ("President X's visit to Y provides an
    opportunity", "X is the first President to visit Y") in a text that also
    announces X's trip to Y is that trip, not one made: whichever sentence
    came first (``announced`` sees only the facts before it), only the plan
    stands."""
    planned = {(f.subject, f.obj) for f in ctx.facts if f.relation == "plansToVisit"}
    if planned:
        ctx.facts[:] = [f for f in ctx.facts if not (
            f.relation == "visited" and (f.subject, f.obj) in planned and _told_in_present(ctx, f.evidence.start_char))]


def _told_in_present(ctx: Context, start_char: int) -> bool:
    span = ctx.doc.char_span(start_char, start_char + 1, alignment_mode="expand")
    if span is None or not len(span):
        return False
    sent = ctx.sentence_of(span[0])
    root = next((t for t in ctx.doc[sent.start:sent.end] if t.head.i == t.i), None)
    return root is not None and _present(root)


def _prep_objects(ctx: Context, head: Token, preps: tuple[str, ...] | frozenset[str]) -> list[Token]:
    """Objects of the head's prepositions, also of prepositions coordinated
    with the verb ("will travel to Seoul and then to Delhi")."""
    out: list[Token] = []
    for child in head.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in preps and _fronted(head, child):
            continue  # "with the AIP, West stands in Richardson's place": a circumstance before the subject
        if child.dep_ in ("prep", "dative") and child.lower_ in preps:
            out += [t for p in child.children if p.dep_ == "pobj" and not _owners_listed(ctx, p) for t in ctx.expand(p)]
        elif child.dep_ == "conj" and child.pos_ in ("ADP", "ADV") and child.i > head.i:
            if child.lower_ in preps:
                out += [t for p in child.children if p.dep_ == "pobj" for t in ctx.expand(p)]
            out += _prep_objects(ctx, child, preps)
        elif child.dep_ == "npadvmod" and child.lower_ == "way":  # "came all the way to Tokyo"
            out += _prep_objects(ctx, child, preps)
        elif child.dep_ == "prep" and child.lower_ == "from" and "to" in preps:
            out += _prep_objects(ctx, child, ("to",))  # "from X's capital, Y, to Z": the parser hangs
            for origin in (p for p in child.children if p.dep_ == "pobj"):  # the range's end on its start
                out += _prep_objects(ctx, origin, ("to",))
    return out


def _fronted(verb: Token, prep: Token) -> bool:
    """A verb's "with" phrase written before its subject (a fronted origin, "from
    Japan, he will visit Korea", still tells where the traveller is)."""
    return prep.lower_ == "with" and verb.pos_ in ("VERB", "AUX") and prep.i < verb.i and any(
        c.dep_ in ("nsubj", "nsubjpass") and prep.i < c.i < verb.i for c in verb.children)


def _owners_listed(ctx: Context, pobj: Token) -> bool:
    """"commitment to Australia and New Zealand's cooperation": the list ends
    on a possessive, so the names own what follows (the parser took the first
    for the object)."""
    listed = ctx.expand(pobj)
    return len(listed) > 1 and any(c.dep_ == "case" for c in listed[-1].children)


def _continuations(ctx: Context, verb: Token) -> list[Token]:
    """"will visit Seoul and then on to Delhi": a coordinated "to" continues the trip."""
    out: list[Token] = []
    for child in verb.children:
        if child.dep_ == "conj" and child.pos_ in ("ADP", "ADV") and child.i > verb.i:
            out += _prep_objects(ctx, child, ("to",))
    return out


def _direct_objects(ctx: Context, verb: Token) -> list[Token]:
    passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if passive and passive[0].lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
        passive = [verb.head]  # "Carrie Lam, who is supported by Beijing": the antecedent
    if passive:
        return [t for p in passive for t in ctx.expand(p)]
    if reduced_passive(verb):
        return ctx.expand(verb.head)  # "the rebels, backed by Iran,": what the participle describes
    return [t for c in verb.children if c.dep_ in ("dobj", "dative") or _misread_object(verb, c) for t in ctx.expand(c)]


def _misread_object(verb: Token, child: Token) -> bool:
    """"Wiranto later visited Jakarta": the parser may hang a place name right
    after "visit" as an adverbial noun; a visit's place is its object."""
    return child.dep_ == "npadvmod" and child.i == verb.i + 1 and child.ent_type_ in ("GPE", "LOC", "FAC") \
        and verb.lemma_.lower() in ("visit", "tour")


def _shared_objects(ctx: Context, verb: Token) -> list[Token]:
    """"Greece condemned and rejected Turkey's plans": the parser hangs the
    object on the last verb only; a verb without one shares it."""
    if any(c.dep_ in ("nsubjpass", "prep", "xcomp", "ccomp") for c in verb.children):
        return []
    for conj in verb.children:
        if conj.dep_ == "conj" and conj.pos_ == "VERB" and conj.i > verb.i and not any(
                c.dep_ in ("nsubj", "nsubjpass", "aux") for c in conj.children) and any(
                c.dep_ == "cc" and c.i < conj.i for c in verb.children):
            return _direct_objects(ctx, conj)
    return []


def _places(ctx: Context, toks: list[Token]) -> list[Ref]:
    out = []
    for tok in toks:
        ref = ctx.refer(tok)
        if ref is not None and (ctx.index.kind(ref.key) is EntityKind.PLACE or _facility(ctx, ref.key)):
            out.append(ref)
    return out


def _facility(ctx: Context, key: int) -> bool:
    """"visited Wagaman Primary School", "toured the University of Sydney": a body named for the site it
    occupies is a place one can go to (the tagger calls them organisations)."""
    if ctx.index.kind(key) is not EntityKind.ORGANIZATION:
        return False
    words = [w.lower() for w in ctx.index.clusters[key].name.split()]
    return len(words) > 1 and (words[-1] in FACILITY_NOUNS or words[0] in FACILITY_NOUNS and words[1] == "of")


def _travel(ctx: Context, verb: Token, lemma: str, rule: VerbRule) -> None:
    mode = ctx.modality(verb)
    if mode == NONE:
        return
    carried = _carried_people(ctx, verb, lemma)  # "the army evacuated X to Y"
    if not carried and any(tok.lemma_.lower() in _ARMED_NOUNS for tok, _ in ctx.subjects(verb)):
        return  # "U.S. troops left Iraq": a deployment, not a visit
    # a people on the move ("Australians planning to go to Y") is nobody in particular
    # (nor is a town: "Devonport ... to re-enter the workforce in Tasmania")
    agents = [a for a in _travellers(ctx, verb, lemma, carried)
              if ctx.index.kind(a.key) not in (EntityKind.GROUP, EntityKind.PLACE)]
    if not agents or (not rule.direct and not carried and _carries_cargo(ctx, verb)):
        return
    if mode == FACT and all(announced(ctx, a.key, verb) for a in agents):
        mode = FUTURE  # "X will visit Y from 19 May ... X is visiting Y after ...": the announced trip
    relation = "visited" if mode == FACT else "plansToVisit"
    targets = _prep_objects(ctx, verb, rule.preps) + _continuations(ctx, verb)
    if rule.direct and lemma not in ORIGIN_OBJECT_VERBS:
        direct = _direct_objects(ctx, verb)
        targets += direct
        if lemma in ("visit", "tour", "enter"):
            # "visited troops in Afghanistan", "entered the consulate in Istanbul"
            if not any(d.lower_ in _NOT_VENUES for d in direct):
                targets += _prep_objects(ctx, verb, ("in",))
            targets += [t for d in direct if not _places(ctx, [d]) and d.lower_ not in _NOT_VENUES
                        for t in _prep_objects(ctx, d, ("in",))]
    targets += [t for d in targets if d.lower_ not in _NOT_VENUES for t in _venue_places(ctx, d)]
    if verb.dep_ == "relcl" and any(c.dep_ == "advmod" and c.lower_ == "where" for c in verb.children):
        targets.append(verb.head)  # "the airport, where X was arriving"
    origins = _prep_objects(ctx, verb, tuple(ORIGIN_PREPS))
    if lemma in ORIGIN_OBJECT_VERBS:
        origins += _direct_objects(ctx, verb)
    origins += [t for d in origins if d.lower_ not in _NOT_VENUES for t in _venue_places(ctx, d)]  # "from the city of Y"
    tense = "" if mode == FACT else ":future"
    for agent in agents:
        for place in _places(ctx, targets):
            ctx.add(agent.key, relation, place.key, verb, f"svo:{lemma}{tense}",
                    rule.confidence * agent.factor * place.factor, future=mode == FUTURE)
        for place in _places(ctx, origins):
            ctx.add(agent.key, "visited", place.key, verb, f"svo:{lemma}:from",
                    rule.confidence * 0.85 * agent.factor * place.factor)


def _travellers(ctx: Context, verb: Token, lemma: str, objects: list[Token]) -> list[Ref]:
    """Who travels: the subject, or for a carrying verb the one carried: in
    the passive ("X was flown to Y", "was airlifted from Omsk to Berlin"), or
    the people among ``objects`` (see ``_carried_people``)."""
    carried = [c for c in verb.children if c.dep_ == "nsubjpass"] if lemma in _CARRIED_TRAVEL else []
    carried = carried or objects
    if not carried:
        return agents_of(ctx, verb)
    refs = [ctx.actor(t) for c in carried for t in ctx.expand(c)]
    return [r for r in refs if r is not None and ctx.index.kind(r.key) is EntityKind.PERSON]


def _carried_people(ctx: Context, verb: Token, lemma: str) -> list[Token]:
    """"Marine One landed ... flying Trump to Walter Reed": the people an active
    carrying verb takes somewhere (none for a passive, whose subject is carried)."""
    if lemma not in _CARRIED_TRAVEL or any(c.dep_ == "nsubjpass" for c in verb.children):
        return []
    return [c for c in verb.children if c.dep_ == "dobj" and _person_named(ctx, c)]


def _person_named(ctx: Context, tok: Token) -> bool:
    ref = ctx.refer(tok)
    return ref is not None and ctx.index.kind(ref.key) is EntityKind.PERSON


def _parties(ctx: Context, noun: Token) -> list[Token]:
    """"the memoranda of understanding between Turkey and Libya", "the deal
    between X and Y": an agreement stands for the parties to it."""
    if noun.lemma_.lower() not in _AGREEMENT_NOUNS and noun.lower_ not in _AGREEMENT_NOUNS:
        return []
    heads = [noun] + [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                      for p in c.children if p.dep_ == "pobj"]  # "memoranda of understanding between"
    return [t for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "between"
            for p in c.children if p.dep_ == "pobj" for t in ctx.expand(p)]


def _venue_places(ctx: Context, target: Token, depth: int = 0) -> list[Token]:
    """The places a destination that is no place names: "flown to a hospital in
    Jakarta", "visiting the town of Pandeglang in the province of Banten"."""
    if depth > 1:
        return []
    if _places(ctx, [target]):  # "from Tomsk in Siberia": the region holding the place
        return [t for t in _prep_objects(ctx, target, ("in",)) if _places(ctx, [t])] + _region_after_comma(ctx, target)
    preps = ("in", "of") if target.lower_ in PLACE_NOUNS else ("in",)
    found = _prep_objects(ctx, target, preps)
    if target.lower_ in PLACE_NOUNS:  # "Tonga's capital, Nukuʻalofa": the place named and the one holding it
        found += [c for c in target.children if c.dep_ in ("appos", "poss") and _places(ctx, [c])]
    return found + [t for f in found for t in _venue_places(ctx, f, depth + 1)]


def _region_after_comma(ctx: Context, place: Token) -> list[Token]:
    """"to Cleveland, Ohio", "Tokyo, Japan": a place right after a place and a
    comma is the region holding it, unless the two are items of a list."""
    doc, key = ctx.doc, ctx.index.key_at(place.i)
    end = ctx.index.last_of(place.i)
    if end + 2 >= len(doc) or doc[end + 1].text != "," or place.dep_ == "conj":
        return []
    region = ctx.index.key_at(end + 2)
    if region is None or region == key or ctx.index.kind(region) is not EntityKind.PLACE:
        return []
    last = ctx.index.last_of(end + 2)
    after = doc[last + 1] if last + 1 < len(doc) else None
    if after is not None and (after.lower_ in ("and", "or") or after.text == "," and last + 2 < len(doc)
                              and doc[last + 2].lower_ in ("and", "or")):
        return []  # "Tokyo, Seoul and Beijing": a list
    if any(c.dep_ == "conj" for c in doc[end + 2:last + 1]) or any(c.dep_ == "conj" for c in place.children):
        return []
    return [doc[last]]


def _relation(ctx: Context, verb: Token, lemma: str, rule: VerbRule) -> None:
    if verb.text[:1].isupper() and verb.i > 0 and ctx.doc[verb.i - 1].lower_ in TITLE_HEADS \
            and ctx.doc[verb.i - 1].text[:1].isupper():
        return  # "Minister Assisting the Prime Minister": a title, not an act
    mode = ctx.modality(verb)
    if mode == NONE or (mode == FUTURE and rule.relation not in FUTURE_OK):
        return
    if mode == FUTURE and any(c.dep_ == "auxpass" for c in verb.children):
        return  # "the Council will be supported by an advisory group": a set-up, not a pledge
    if lemma in _NEEDS_COMPLEMENT and not _has_request(verb) and not (
            lemma == "warn" and any(c.dep_ == "prep" and (c.lower_ == "against" or c.lower_ == "of" and any(
                p.lemma_.lower() in _THREAT_NOUNS for p in c.children)) for c in verb.children)):
        return  # ("warned Israel against any attack" is a warning with its complement)
    if rule.relation == "attacked" and _verbal_attack(ctx, verb):
        return
    if rule.particle is not None and not any(c.lower_ == rule.particle for c in verb.children):
        return
    if rule.means and not _by_means(verb, rule.means) and not _named_person_on_person(ctx, verb):
        return
    if rule.objects and not rule.direct and not any(
            t.lemma_.lower() in rule.objects or t.lower_ in rule.objects for t in _direct_objects(ctx, verb)):
        return  # "attributed the bombing to X", not "attributed his success to X"
    targets = _prep_objects(ctx, verb, rule.preps)
    if rule.relation == "metWith" and rule.objects:  # "signed a partnership with X": the "with" hung on the deal
        targets += [t for d in _direct_objects(ctx, verb) if d.lemma_.lower() in rule.objects
                    for t in _prep_objects(ctx, d, rule.preps)]
    if rule.direct:
        direct = _direct_objects(ctx, verb) or _shared_objects(ctx, verb)
        if rule.objects:
            direct = [t for t in direct if t.lemma_.lower() in rule.objects or t.lower_ in rule.objects]
        elif direct and direct[0].lower_ in _MEMBER_NOUNS and ctx.index.key_at(direct[0].i) is None:
            direct = []
        targets += direct
    if rule.direct:
        targets += _what_it_called(verb)
    if rule.relation == "attacked" and any(t.lemma_.lower() in _TARGET_NOUNS for t in targets):
        places = [t for t in targets if t.lemma_.lower() in _TARGET_NOUNS]  # "struck targets in Lebanon",
        targets += [p for t in [verb, *places] for p in _prep_objects(ctx, t, ("in",))]  # "the port of Odesa",
        targets += [p for t in places for p in [*_prep_objects(ctx, t, ("of",)),  # "the Jenin refugee camp"
                                                  *(c for c in t.children if c.dep_ == "compound")]]
    if rule.relation == "threatened" and not targets:  # "threatened to attack South Korea"
        targets = _harm_targets(ctx, verb)
    if not targets:
        return
    act = rule.relation in ACT_OBJECTS
    if act:
        targets += [p for t in targets for p in _parties(ctx, t)]
    agents = agents_of(ctx, verb)
    doers = {a.key for a in agents} if reduced_passive(verb) else set()
    for agent in agents:
        for tok in targets:
            obj = ctx.agent(tok, act=act)
            if obj is None or obj.key in doers:
                continue  # ("the plan, supported by France and Germany": the plan is not France's to support)
            if lemma == "sign" and {ctx.index.kind(agent.key), ctx.index.kind(obj.key)} != {EntityKind.PERSON}:
                continue  # states sign by letter; two people signing together met
            if rule.relation == "urged" and tok.lower_ in PEOPLE_NOUNS:
                continue  # "advised U.S. citizens to leave": people told what to do, not their state
            if rule.relation in _AGAINST_ACTORS:
                obj = ctx.as_country(obj, tok)
            if rule.relation == "hosted" and lemma != "host" and not (
                    ctx.index.kind(obj.key) is EntityKind.PERSON or _prep_objects(ctx, verb, ("to",))):
                continue  # "welcomed the report", "welcomed the decision": no guest
            if rule.relation == "hosted" and (_is_event(ctx, obj.key)
                                              or ctx.index.kind(obj.key) is EntityKind.ORGANIZATION):
                continue  # hosting a summit, or "the G20" or "CHOGM" named for one, hosts nobody
            ctx.add(agent.key, rule.relation, obj.key, verb, f"svo:{lemma}",
                    rule.confidence * agent.factor * obj.factor)
            if rule.relation == "hosted" and ctx.index.kind(obj.key) is EntityKind.PERSON:
                _guest_at(ctx, verb, tok, obj, rule.confidence * obj.factor)



def _guest_at(ctx: Context, verb: Token, named: Token, guest: Ref, conf: float) -> None:
    """"Saudi Arabia hosted Zelenskiy in Jeddah": the guest went to the place
    of the hosting (a plan while the hosting is still to come)."""
    future = ctx.modality(verb) == FUTURE
    for place in _places(ctx, _prep_objects(ctx, verb, ("in",)) + _prep_objects(ctx, named, ("in",))):
        ctx.add(guest.key, "plansToVisit" if future else "visited", place.key, verb, "svo:host:guest",
                0.8 * conf * place.factor, future=future)


def _pairwise(ctx: Context, agents: list[Ref], anchor: Token, rule: str, conf: float) -> None:
    """metWith between every two of several agents."""
    keys = list({a.key: a for a in agents}.values())
    for n, a in enumerate(keys):
        for b in keys[n + 1:]:
            ctx.add(a.key, "metWith", b.key, anchor, rule, conf * a.factor * b.factor)


def _reciprocal(ctx: Context, verb: Token, lemma: str) -> None:
    """"X and Y met", "X and Y discussed trade", "X, Y and Z gathered in Cairo
    to discuss ...": each met each.  A meeting with someone named after the
    verb ("met with Z") is the plain rule's business."""
    if ctx.modality(verb) != FACT:
        return
    if any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children):
        return
    if lemma == "meet" and any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children):
        return
    if lemma in GATHERING_VERBS and not _talk_purpose(verb):
        return
    if lemma in ("sign", "witness") and not any(
            c.dep_ == "dobj" and (c.lemma_.lower() in SIGNED_NOUNS or any(
                n.lemma_.lower() in SIGNED_NOUNS for n in c.subtree)) for c in verb.children):
        return  # "A and B signed the accord", "witnessed the signing of ...": together, in person
    if not any(c.dep_ == "nsubj" for c in verb.children):
        return  # "X and Y flew to Z to discuss ...": talks with others, not each other
    if verb.tag_ not in ("VBD", "VBZ", "VBP") and not (
            verb.tag_ == "VBN" and any(c.dep_ == "aux" for c in verb.children)):
        return  # a participle ("... - discussing their priorities") is no clause of its own
    agents = agents_of(ctx, verb)
    if lemma != "meet":  # states "discuss" by phone and letter; people who discuss together met
        agents = [a for a in agents if ctx.index.kind(a.key) is EntityKind.PERSON]
    if len({a.key for a in agents}) >= 2:
        _pairwise(ctx, agents, verb, f"svo:{lemma}:each-other", RECIPROCAL_VERBS[lemma])


def _talk_purpose(verb: Token) -> bool:
    """"gathered to discuss ...", "convened for talks"."""
    for child in verb.children:
        if child.dep_ == "advcl" and child.lemma_.lower() in RECIPROCAL_VERBS:
            return True
        if child.dep_ == "prep" and child.lower_ == "for" and any(
                p.dep_ == "pobj" and p.lower_ in TALK_NOUNS for p in child.children):
            return True
    return False


def _joined_talks(ctx: Context, verb: Token) -> None:
    """"Z joined the talks": Z met whoever the talks just stated were between."""
    if ctx.modality(verb) != FACT or not any(
            c.dep_ == "dobj" and c.lower_ in TALK_NOUNS and any(g.lower_ == "the" for g in c.children)
            for c in verb.children):
        return
    here = ctx.sentence_of(verb).index
    parties: dict[int, float] = {}
    for fact in ctx.facts:
        sent = ctx.sentence_at_char(fact.evidence.start_char)
        if fact.relation == "metWith" and isinstance(fact.obj, int) and sent is not None \
                and here - 2 <= sent.index < here:
            parties.setdefault(fact.subject, fact.evidence.confidence)
            parties.setdefault(fact.obj, fact.evidence.confidence)
    for agent in agents_of(ctx, verb):
        for key, conf in parties.items():
            ctx.add(agent.key, "metWith", key, verb, "svo:join-talks", 0.8 * conf * agent.factor)


def _companions(ctx: Context, verb: Token, lemma: str) -> None:
    """"X and Y accompanied the Prime Minister", "he was joined by his wife
    Z": the companions went where the leader's latest trip went."""
    mode = ctx.modality(verb)
    if mode == NONE:
        return
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)
    if passive:
        leaders = [r for c in verb.children if c.dep_ == "nsubjpass" for t in ctx.expand(c)
                   for r in [ctx.agent(t)] if r is not None]
        companions = agents_of(ctx, verb)
    else:
        leaders = [r for c in verb.children if c.dep_ == "dobj" for t in ctx.expand(c)
                   for r in [ctx.agent(t)] if r is not None]
        companions = agents_of(ctx, verb)
    people = {EntityKind.PERSON}
    leaders = [r for r in leaders if ctx.index.kind(r.key) in people]
    companions = [c for c in companions if ctx.index.kind(c.key) in people]
    here = ctx.sentence_of(verb).start_char
    followed = False
    for leader in leaders:
        trips = [f for f in ctx.facts if f.subject == leader.key and f.relation in ("visited", "plansToVisit")
                 and f.evidence.start_char <= here]
        if not trips:
            continue
        followed = True
        last = trips[-1].evidence.start_char
        for trip in (f for f in trips if f.evidence.start_char == last):
            relation = "plansToVisit" if mode == FUTURE or trip.relation == "plansToVisit" else "visited"
            for comp in companions:
                ctx.add(comp.key, relation, trip.obj, verb, f"svo:{lemma}:companion",
                        0.8 * trip.evidence.confidence * comp.factor * leader.factor)
    deps = {c.dep_ for c in verb.children}
    if followed or lemma != "accompany" or verb.dep_ == "acl" or "agent" in deps and "auxpass" not in deps:
        return  # ("X accompanied by his ministers will visit Y": X's own trip, read as such)
    if not companions and any(c.dep_ == "auxpass" for c in verb.children):  # "accompanied on my visit by X"
        companions = [r for c in verb.subtree if c.lower_ == "by" and c.dep_ in ("agent", "prep")
                      for p in c.children if p.dep_ == "pobj" for t in ctx.expand(p)
                      for r in [ctx.agent(t)] if r is not None and ctx.index.kind(r.key) is EntityKind.PERSON]
    led = next((c for c in verb.children if c.dep_ == ("nsubjpass" if passive else "dobj")), None)
    for place in _trip_places(ctx, verb, led):  # "I will visit X ... I will be accompanied by Y": no named leader
        for comp in companions:
            ctx.add(comp.key, "visited" if mode == FACT else "plansToVisit", place, verb, "svo:accompany:trip",
                    0.6 * comp.factor, future=mode == FUTURE)


def _call_for(ctx: Context, verb: Token) -> None:
    """"called for G7 action", "pressed for Israeli restraint", "called for
    Russia's withdrawal": the one whose act is called for was urged."""
    if ctx.modality(verb) != FACT:
        return
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "for":
            continue
        for act in (p for p in prep.children if p.dep_ == "pobj" and p.lemma_.lower() in _CALLED_ACTS):
            for mod in act.children:
                if mod.i > act.i or mod.dep_ not in ("poss", "compound", "nmod", "amod"):
                    continue
                if mod.dep_ == "amod" and mod.lower_ not in DEMONYMS:
                    continue
                ref = ctx.agent(mod)
                if ref is None:
                    continue
                for agent in agents_of(ctx, verb):
                    ctx.add(agent.key, "urged", ref.key, verb, "svo:call-for", 0.6 * agent.factor * ref.factor)


def _demand_from(ctx: Context, verb: Token) -> None:
    """"demanded an explanation from Russia", "requested help from Australia",
    "demanded from Interpol to publish": the one something is demanded from
    was urged (RELATIONS.md: asked Y)."""
    if ctx.modality(verb) != FACT:
        return
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    found = _prep_objects(ctx, verb, ("from",)) + [t for o in objects for t in _prep_objects(ctx, o, ("from",))]
    if not found or not objects and not any(c.dep_ in ("xcomp", "advcl") and c.tag_ == "VB" for c in verb.children):
        return  # "demanded from Interpol to publish a notice": the act asked for is a clause
    for agent in agents_of(ctx, verb):
        for tok in found:
            ref = ctx.agent(tok)
            if ref is not None and ref.key != agent.key:
                ctx.add(agent.key, "urged", ref.key, verb, f"svo:{verb.lemma_.lower()}-from",
                        0.65 * agent.factor * ref.factor)


def _what_it_called(verb: Token) -> list[Token]:
    """"condemned what it called Russia's brutal attack": the thing so called
    (the parser hangs "what" on "called", so the verb has no object of its own)."""
    return [o for c in verb.children if c.dep_ == "ccomp" and c.lemma_.lower() == "call"
            and any(w.lower_ == "what" for w in c.children) for o in c.children if o.dep_ == "oprd"]


def _asked_to_act(ctx: Context, verb: Token, lemma: str) -> None:
    """"called for Russia to withdraw", "demanded that Belarus release the
    prisoners": the one asked to act is the subject of the asked-for clause."""
    if ctx.modality(verb) != FACT:
        return
    for clause in verb.children:
        if clause.dep_ not in ("advcl", "ccomp") or clause.i < verb.i:
            continue
        marks = {c.lower_ for c in clause.children if c.dep_ in ("mark", "aux", "neg")}
        if any(c.tag_ in ("WRB", "WP", "WDT") for c in clause.children):
            continue  # "asked why Y did not ...": a question
        wanted = ("for" in marks and "to" in marks) if lemma == "call" else (
            clause.tag_ == "VB" and marks <= {"that"} or marks in ({"should"}, {"that", "should"}))
        asked = [c for c in clause.children if c.dep_ == "nsubj"]
        if lemma == "call" and marks == {"to"}:  # "called for the government of Ukraine to reduce corruption"
            wanted, asked = True, [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"
                                   for p in c.children if p.dep_ == "pobj"]
        elif wanted and not asked and lemma == "ask":  # "asked the Court intervene": the object, misparsed
            asked = [c for c in verb.children if c.dep_ == "dobj"]
        if not wanted:
            continue
        for subj in asked:
            ref = ctx.agent(subj, act=True)
            if ref is None:
                continue
            for agent in agents_of(ctx, verb):
                ctx.add(agent.key, "urged", ref.key, verb, f"svo:{lemma}-clause", 0.7 * agent.factor * ref.factor)


def _with_you(ctx: Context, verb: Token) -> None:
    """"We are with you", "I am with him" said in a quote: solidarity, so the
    speaker supports Y (not "we were with him at the time": only the present)."""
    if verb.tag_ not in ("VBP", "VBZ") or ctx.quote_of(verb) is None or ctx.modality(verb) != FACT:
        return
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subj or subj[0].lower_ not in ("i", "we"):
        return
    for agent in agents_of(ctx, verb):
        for tok in _prep_objects(ctx, verb, ("with",)):
            ref = ctx.agent(tok)
            if ref is not None:
                ctx.add(agent.key, "supports", ref.key, verb, "svo:be-with", 0.6 * agent.factor * ref.factor)


def _for_harm(ctx: Context, adj: Token) -> bool:
    """"responsible for the attack" blames; "responsible for security" does not;
    a bare "responsible" blames."""
    harms = _prep_objects(ctx, adj, ("for",))
    return not harms or any(t.lemma_.lower() in HARM_NOUNS or t.lower_ in HARM_NOUNS for t in harms)


def _responsible_in_quote(ctx: Context, verb: Token) -> None:
    """A speaker saying "Y was responsible for the deaths of ..." accused Y."""
    quote = ctx.quote_of(verb)
    if quote is None or quote.speaker is None or ctx.modality(verb) != FACT:
        return
    for adj in verb.children:
        if adj.dep_ == "acomp" and adj.lower_ == "responsible" and _prep_objects(ctx, adj, ("for",)) \
                and _for_harm(ctx, adj):
            for tok in (t for c in verb.children if c.dep_ == "nsubj" for t in ctx.expand(c)):
                ref = ctx.agent(tok)
                if ref is not None:
                    ctx.add(quote.speaker, "accused", ref.key, verb, "quote:responsible",
                            0.7 * quote.confidence * ref.factor)


def _names_culprit(tok: Token) -> bool:
    """"Y are the (suspected) perpetrators", "Y was behind the attack"."""
    if tok.dep_ == "attr" and tok.lemma_.lower() in ("perpetrator", "culprit", "attacker", "bomber"):
        return True
    return tok.dep_ == "prep" and tok.lower_ == "behind" and any(
        p.dep_ == "pobj" and p.lemma_.lower() in _WRONG_NOUNS for p in tok.children)


def _has_request(verb: Token) -> bool:
    """"asked Y to leave" is a request; "asked Y whether ..." is a question;
    "asked Y for a delay" asks something of Y."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "for" and verb.lemma_.lower() in ("ask", "press") \
                and any(c.dep_ == "dobj" for c in verb.children) and any(p.dep_ == "pobj" for p in child.children):
            return True
        if child.dep_ in ("xcomp", "advcl") and child.i > verb.i \
                and any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children):
            return True  # (an infinitive after the object is often parsed as an adverbial clause)
        if child.dep_ == "ccomp" and child.i > verb.i and verb.lemma_.lower() not in _INFINITIVE_ONLY and not any(
                g.dep_ == "mark" and g.lower_ in ("if", "whether") or g.tag_ in ("WRB", "WP", "WDT")
                for g in child.children):
            return True
    return False


def _is_event(ctx: Context, key: int) -> bool:
    """A named event ("the G20 Summit", "Olympic Games"), not an agent to host."""
    words = ctx.index.clusters[key].name.lower().split()
    return bool(words) and words[-1] in _EVENT_WORDS


def _named_person_on_person(ctx: Context, verb: Token) -> bool:
    """"Fields killed a woman named Heather Heyer", "McArthur killed Andrew
    Kinsman": one named person killing another is an attack, whatever the
    means (a disease or a crash kills no one by name as its subject)."""
    subjects = [ctx.agent(t) for t, _ in ctx.subjects(verb)]
    objects = [ctx.agent(t) for t in _direct_objects(ctx, verb)]
    return any(s is not None and ctx.index.kind(s.key) is EntityKind.PERSON for s in subjects) \
        and any(o is not None and ctx.index.kind(o.key) is EntityKind.PERSON for o in objects)


def _by_means(verb: Token, means: frozenset[str]) -> bool:
    """"killed Y in an airstrike", "with a drone", "by a missile"; "a US airstrike killed Y"."""
    for child in verb.children:
        if child.dep_ == "nsubj" and child.lemma_.lower() in means | {m.rstrip("s") for m in means}:
            return True
        if child.dep_ in ("prep", "agent") and child.lower_ in ("in", "by", "with") and \
                any(p.dep_ == "pobj" and p.lower_ in means for p in child.children):
            return True
    return False


#: Occasions of words, not force: "attacked Biden during the debates".
_SPEECH_OCCASIONS = frozenset({"debate", "speech", "interview", "hearing", "tweet", "post", "statement", "ad",
                               "advertisement", "editorial", "column", "op-ed", "letter", "rally", "remark",
                               "address", "podcast", "broadcast", "conference", "briefing", "campaign"})


def _on_a_topic(ctx: Context, prep: Token) -> bool:
    """"attacked Trump on his taxes / on paying fewer taxes": "on" a subject, not a place or a day."""
    if prep.lower_ != "on":
        return False
    objs = [p for p in prep.children if p.dep_ in ("pobj", "pcomp")]
    return bool(objs) and all(p.ent_type_ not in ("DATE", "TIME", "GPE", "LOC", "FAC") and not _places(ctx, [p])
                              and p.lemma_.lower() not in _ON_PLACES for p in objs)


#: What an attack happens "on" that is a place or a moment ("on the street", "on the way").
_ON_PLACES = frozenset({"street", "road", "way", "bus", "train", "plane", "flight", "stage", "campus", "border",
                        "highway", "beach", "bridge", "ship", "boat", "board", "ground", "spot", "scene", "site",
                        "day", "night", "morning", "evening", "afternoon", "weekend", "occasion", "sidewalk"})


def _verbal_attack(ctx: Context, verb: Token) -> bool:
    """"X attacked Y for his comments / as a liar / on his taxes / during the
    debates": words, not force."""
    if not any(c.dep_ == "prep" and (c.lower_ in ("for", "as", "over") or _on_a_topic(ctx, c)
                                     or c.lower_ in ("during", "in") and any(
                                         p.lemma_.lower() in _SPEECH_OCCASIONS for p in c.children))
               for c in verb.children):
        return False
    for obj in _direct_objects(ctx, verb):
        ref = ctx.refer(obj)
        if ref is not None and ctx.index.kind(ref.key) is EntityKind.PERSON:
            return True
    return False


def _carries_cargo(ctx: Context, verb: Token) -> bool:
    """"flies cargo to Syria", "sent troops to": the object travels, not the subject."""
    for obj in verb.children:
        if obj.dep_ == "dobj":
            if any(t.ent_type_ in ("DATE", "TIME") for t in obj.subtree):
                continue  # "came to the UK a number of years ago": a time, parsed as an object
            ref = ctx.refer(obj)
            if ref is None or ctx.index.kind(ref.key) is not EntityKind.PLACE:
                return True
    return False


def _giving(ctx: Context, verb: Token, lemma: str) -> None:
    """"X will provide humanitarian aid to Y", "provide Y the support it needs",
    "pledged $50 million to Y"."""
    mode = ctx.modality(verb)
    if mode == NONE:
        return
    objs = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    if verb.dep_ == "relcl" and not objs:
        objs = [verb.head]  # "the assistance Australia was providing to Y"
    gifts = [g for g in (_gift_noun(o) for o in objs) if g is not None]
    given_with = [g for g in (_gift_noun(t) for t in _prep_objects(ctx, verb, ("with",))) if g is not None]
    if not gifts and given_with:  # "provided Kyiv with billions of dollars in military aid"
        gifts, objs = given_with, objs + given_with
    given_in = [t for t in _prep_objects(ctx, verb, ("in",)) if _is_gift(t) and t.lower_ not in MONEY_NOUNS]
    if not gifts and objs and given_in:  # "will send 100 million euros in aid to Gaza", "in aid" hung on the verb
        gifts = given_in
    if not gifts:
        if lemma in _PLEDGE_VERBS:
            _pledged_help(ctx, verb, lemma, mode)
        return
    for gift in gifts:
        relation = "supports" if gift.lemma_.lower() in SUPPORT_NOUNS else "pledgedAidTo"
        recipients = _prep_objects(ctx, verb, ("to", "for")) + _prep_objects(ctx, gift, ("to", "for"))
        recipients += [t for o in objs if o is not gift and gift in o.subtree  # "an increase in aid to Y"
                       for t in _prep_objects(ctx, o, ("to",))]
        recipients += [p for t in recipients if t.lower_ in PLACE_NOUNS  # "to the town of Minami-Sanriku"
                       for p in _prep_objects(ctx, t, ("of",))]
        recipients += [t for c in verb.children if c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in _HELP_VERBS
                       for t in _helped(ctx, c)]
        recipients += [o for o in objs if o is not gift and o.i < gift.i]
        for agent in agents_of(ctx, verb):
            for tok in recipients:
                obj = ctx.agent(tok, act=True)
                if obj is None or ((gift.lower_ in MONEY_NOUNS or gift.ent_type_ == "MONEY")
                                   and ctx.index.kind(obj.key) is not EntityKind.PLACE
                                   and lemma not in _DONATING_VERBS):
                    continue  # a grant to a university is funding, not aid; a sum pledged or donated to it is
                ctx.add(agent.key, relation, obj.key, verb, f"svo:{lemma}:{gift.lemma_.lower()}",
                        0.8 * agent.factor * obj.factor, future=mode == FUTURE)


def _pledged_help(ctx: Context, verb: Token, lemma: str, mode: str) -> None:
    """"China promised to help Pakistan rebuild": a pledge to help a country
    or body is aid pledged to it (a pledge to help a person is not)."""
    helpings = [c for c in verb.children if c.dep_ == "xcomp"]
    helpings += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"
                 for p in c.children if p.dep_ == "pcomp"]  # "committed to helping Tonga"
    for helping in helpings:
        if helping.lemma_.lower() not in _HELP_VERBS or helping.lemma_ == "support":
            continue
        for agent in agents_of(ctx, verb):
            for tok in _helped(ctx, helping):
                obj = ctx.agent(tok, act=True)
                if obj is not None and ctx.index.kind(obj.key) in (EntityKind.PLACE, EntityKind.ORGANIZATION):
                    ctx.add(agent.key, "pledgedAidTo", obj.key, verb, f"svo:{lemma}-to-help",
                            0.65 * agent.factor * obj.factor, future=mode == FUTURE)


def _helped(ctx: Context, helping: Token) -> list[Token]:
    """Whom a help verb helps: its object, or the subject of its bare
    infinitive ("to help Tonga recover": Tonga is helped)."""
    return _direct_objects(ctx, helping) + [g for x in helping.children if x.dep_ in ("xcomp", "ccomp")
                                            for g in x.children if g.dep_ == "nsubj"]


def _is_gift(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    return lemma in AID_NOUNS or tok.lower_ in AID_NOUNS or lemma in SUPPORT_NOUNS or (
        lemma in MATERIEL_NOUNS or tok.lower_ in MATERIEL_NOUNS)


def _gift_noun(obj: Token) -> Token | None:
    """The aid noun an object names: itself, or the noun after its "in" or
    "of" ("committed $180 million in humanitarian assistance to Y", "a
    package of assistance to Y"); a sum "in funding" or "in loans" is
    budget money, not aid, and is left out."""
    if _is_gift(obj):
        return obj
    if obj.lemma_.lower() in ("package", "programme", "program", "shipment", "consignment") and any(
            c.dep_ in ("compound", "amod") and _is_gift(c) for c in obj.children):
        return obj  # "a $2 billion aid package for Ukraine"
    for prep in obj.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "of"):
            for noun in prep.children:
                if noun.dep_ == "pobj" and noun.lemma_.lower() in AID_NOUNS - MONEY_NOUNS \
                        and noun.lower_ not in MONEY_NOUNS:
                    return noun
    if obj.lower_ in _CURRENCIES and any(c.dep_ == "nummod" for c in obj.children):
        return obj  # "50 million euros", which the tagger leaves a plain number
    return obj if obj.ent_type_ == "MONEY" else None  # ("pledged $50 million to Ukraine": a sum for a country is aid)


def _light_verb(ctx: Context, verb: Token, lemma: str) -> None:
    """"expressed gratitude to Y", "held talks with Y", "launched an attack on Y"."""
    for obj in verb.children:
        if obj.dep_ not in ("dobj", "nsubjpass"):
            continue
        for (v, noun, prep), (relation, conf) in LIGHT_VERB_PHRASES.items():
            if v != lemma or obj.lemma_.lower() != noun and obj.lower_ != noun:
                continue
            mode = ctx.modality(verb)
            if mode == NONE or (mode == FUTURE and relation not in FUTURE_OK):
                return
            targets = _prep_objects(ctx, obj, (prep,)) + _prep_objects(ctx, verb, (prep,))
            credited = [t for t in _prep_objects(ctx, obj, ("for",)) if ctx.agent(t, act=True) is not None]
            if relation == "thanked" and credited:
                targets = credited  # "expressed appreciation for Australia's support (to Y)": Australia
            if relation == "metWith" and not targets:  # "the two leaders held talks"
                _pairwise(ctx, agents_of(ctx, verb), verb, f"svo:{lemma}-{noun}:each-other", conf)
            owners = {r.key for c in obj.children if c.dep_ == "poss" for r in [ctx.actor(c)] if r is not None}
            for agent in agents_of(ctx, verb):
                if owners and not ctx.speaks_for(agent.key, owners):
                    continue  # "the Prime Minister will reaffirm Australia's support", read as Korea's prime minister
                for tok in targets:
                    ref = ctx.agent(tok, act=relation in ACT_OBJECTS)
                    if ref is not None:
                        ctx.add(agent.key, relation, ref.key, verb, f"svo:{lemma}-{noun}",
                                conf * agent.factor * ref.factor)


def _adjective(ctx: Context, verb: Token) -> None:
    """"X is grateful to Y", "X remains opposed to Y"."""
    for adj in verb.children:
        if adj.dep_ != "acomp" or adj.lower_ not in ADJECTIVE_RELATIONS:
            continue
        relation, preps, conf = ADJECTIVE_RELATIONS[adj.lower_]
        mode = ctx.modality(verb)
        if mode != FACT:
            return
        for agent in agents_of(ctx, verb):
            for tok in _prep_objects(ctx, adj, preps):
                ref = ctx.agent(tok, act=True)
                if ref is not None:
                    ctx.add(agent.key, relation, ref.key, verb, f"adj:{adj.lower_}", conf * agent.factor * ref.factor)


def _held_responsible(ctx: Context, verb: Token) -> list[Token]:
    """Whom "X held Y responsible" names, however the parser hangs the small
    clause: "responsible" beside the object, on the object, or as a clause
    (itself or under a verb) whose subject is Y."""
    out: list[Token] = []
    beside = any(c.lower_ == "responsible" and c.dep_ != "ccomp" for c in verb.children)
    for c in verb.children:
        if c.dep_ == "dobj" and (beside or any(g.lower_ == "responsible" for g in c.children)):
            out += ctx.expand(c)
        elif c.dep_ == "ccomp" and (c.lower_ == "responsible" or any(g.lower_ == "responsible" for g in c.children)):
            out += [t for s in c.children if s.dep_ == "nsubj" for t in ctx.expand(s)]
    return out


def _responsible(ctx: Context, verb: Token, lemma: str) -> None:
    """"X says Y is responsible for ..." / "X held Y responsible": X accused Y."""
    if ctx.modality(verb) != FACT:
        return
    accused: list[Token] = []
    if lemma == "hold":
        accused = _held_responsible(ctx, verb)
    else:
        for clause in verb.children:
            if clause.dep_ == "ccomp" and clause.lemma_ == "be" and \
                    any(c.lower_ == "responsible" and _for_harm(ctx, c) or _names_culprit(c) for c in clause.children) \
                    and ctx.modality(clause) == FACT:
                accused += [t for c in clause.children if c.dep_ == "nsubj" for t in ctx.expand(c)]
    for agent in agents_of(ctx, verb):
        for tok in accused:
            ref = ctx.agent(tok)
            if ref is not None:
                ref = ctx.as_country(ref, tok)  # "Washington holds Tehran responsible": Iran
                ctx.add(agent.key, "accused", ref.key, verb, "svo:responsible", 0.75 * agent.factor * ref.factor)


#: Verbs of a wrong done: "alleged the government is hiding the figures".
_WRONG_VERBS = frozenset({"kill", "murder", "attack", "hide", "conceal", "steal", "violate", "breach", "interfere",
                          "meddle", "rig", "lie", "bribe", "torture", "abuse", "harass", "assault", "rape", "defraud",
                          "embezzle", "launder", "smuggle", "sabotage", "hack", "threaten", "intimidate", "plot",
                          "orchestrate", "cheat", "falsify", "fabricate", "cover", "obstruct", "extort", "poison"})


def _wrongdoing(clause: Token) -> bool:
    """The clause's verb is a wrong, or it names a harm ("contributed to ... violence")."""
    return clause.lemma_.lower() in _WRONG_VERBS or any(
        t.lemma_.lower() in HARM_NOUNS or t.lower_ in HARM_NOUNS for t in clause.subtree)


def _alleged_doer(ctx: Context, verb: Token) -> None:
    """"X alleged Mahan had contributed to human violence": the one alleged to
    have done a wrong is accused.  Only an active clause that names a wrong: in
    "alleged Navalny was poisoned" and "alleged he drank tea laced with
    poison" Navalny suffered the act."""
    if ctx.modality(verb) != FACT:
        return
    doers = [t for clause in verb.children if clause.dep_ == "ccomp" and clause.i > verb.i
             and not any(c.dep_ in ("nsubjpass", "auxpass") for c in clause.children) and clause.lemma_ != "be"
             and _wrongdoing(clause) for c in clause.children if c.dep_ == "nsubj" for t in ctx.expand(c)]
    for agent in agents_of(ctx, verb):
        for tok in doers:
            ref = ctx.agent(tok)
            if ref is not None and ref.key != agent.key:
                ctx.add(agent.key, "accused", ref.key, verb, "svo:allege-clause", 0.55 * agent.factor * ref.factor)


#: Travel verbs whose subject's destinations a companion shares ("I will visit X. I will be accompanied by Y").
_TRIP_VERBS = frozenset({"visit", "travel", "tour"})


def _trip_places(ctx: Context, verb: Token, led: Token | None) -> list[int]:
    """The places of a trip no fact names the traveller of: the trip the
    accompanying is "on" ("on my visit to India"), else a trip verb with the
    same subject word ("I") in the nearest of this sentence and the five before."""
    ref = ctx.agent(led) if led is not None else None
    found = [p.key for c in verb.children if c.dep_ == "prep" and c.lower_ == "on"  # "on my visit to India"
             for n in c.children if n.dep_ == "pobj" and n.lower_ in TRAVEL_NOUNS
             for p in _places(ctx, _prep_objects(ctx, n, ("to",)))]
    if found:
        return list(dict.fromkeys(found))
    word = led.lower_ if led is not None else None
    here = ctx.sent_of_token[verb.i]
    for sent in reversed(ctx.sentences[max(0, here - 5):here + 1]):  # the nearest trip stated before
        for trip in ctx.words_in(sent, frozenset(), _TRIP_VERBS):
            if trip.pos_ != "VERB" or trip.i == verb.i:
                continue
            if word is not None and not any(s.lower_ == word or _same_agent(ctx, s, ref) for s, _ in ctx.subjects(trip)):
                continue
            targets = [c for c in trip.children if c.dep_ == "dobj"] + _prep_objects(ctx, trip, ("to",))
            found += [p.key for p in _places(ctx, [t for c in targets for t in ctx.expand(c)])]
        if found:
            break
    return list(dict.fromkeys(found))


def _same_agent(ctx: Context, tok: Token, ref: Ref | None) -> bool:
    other = ctx.agent(tok)
    return ref is not None and other is not None and other.key == ref.key
