"""Attacks told over several sentences: one doer, victims named elsewhere.

News names who attacked in one sentence ("The Taliban have claimed
responsibility", "The United States carried out the airstrike") and whom or
what the attack hit in others, with no doer beside them ("al-Muhandis, who
was also killed in the airstrike", "the attacks struck the plant at Abqaiq").
When the document gives exactly one doer of attacks, those agentless hits
are that doer's: the definite "the attack" points back to it.  With two or
more doers nothing is linked (which attack a victim belongs to is unknown).
A noun phrase alone ("the attack on the embassy") is not linked: articles
name earlier attacks that way ("the December 31 attack on ..."), and nothing
in the phrase tells them from the claimed one.
The facts carry a modest confidence: the link is a reading of the discourse,
not of one clause.
"""

from __future__ import annotations

from spacy.tokens import Token

from .context import AGENT_KINDS, FACT, Context, Ref
from .lexicon import STRIKE_NOUNS
from .verbs import agents_of

#: Nouns for an attack, the thing a doer claims or carries out.
ATTACK_NOUNS = STRIKE_NOUNS | frozenset({"bombing", "bombings", "shooting", "explosion", "blast", "assault",
                                         "bomb", "bombs", "attack", "attacks", "operation"})
#: Verbs whose passive subject was the victim of an attack named beside them.
_HARM_VERBS = frozenset({"kill", "injure", "wound", "martyr"})
#: Verbs whose passive subject (or, with an attack as subject, object) was hit.
_HIT_VERBS = frozenset({"hit", "strike", "target", "ram"})
#: Verbs that hand an attack to its doer: "carried out the attack", "attack ascribed to X".
_DOING_VERBS = frozenset({"carry", "conduct", "launch", "stage", "perpetrate"})
_ASCRIBING_VERBS = frozenset({"ascribe", "attribute"})
CONFIDENCE = 0.5


#: Word forms the rules start from: looking these up (``Context.find``) spares
#: building a spaCy token for every word of the text, which costs more than the rules.
_CLAIM_FORMS = frozenset({"claim", "claims", "claimed", "claiming"})
_DOING_FORMS = frozenset({"carry", "carries", "carried", "carrying", "conduct", "conducts", "conducted",
                          "conducting", "launch", "launched", "launches", "launching", "stage", "staged",
                          "perpetrate", "perpetrated", "ascribe", "ascribed", "attribute", "attributed"})
_HIT_FORMS = frozenset({"kill", "killed", "injure", "injured", "wound", "wounded", "martyred", "hit", "hits",
                        "strike", "strikes", "struck", "stricken", "target", "targeted", "targetted", "ram",
                        "rammed", "include", "included", "includes"})


def note_claimed_doer(ctx: Context) -> None:
    """Before the sentence rules: the one doer who claimed or carried out "the
    attack", so that "condemned the attack" is read as condemning that doer."""
    claimed = _claimed(ctx)
    ctx.claimed_doers = frozenset(claimed)
    ctx.attack_doer = next(iter(claimed)) if len(claimed) == 1 else None


def link_claimed_attacks(ctx: Context) -> None:
    """Agentless hits of the document's one attack doer become its facts.

    Who claimed or carried out "the attack" is the doer; failing that, the one
    doer of the document's attack facts (an attack described with its doer in
    place, "an Al-Qaeda suicide attack", does not outvote a claim)."""
    claimed = set(ctx.claimed_doers) if ctx.claimed_doers is not None else _claimed(ctx)
    doers = claimed or _kinds({f.subject for f in ctx.facts if f.relation == "attacked"}, ctx)
    if len(doers) != 1:
        return
    doer = doers.pop()
    for verb, target in _agentless_hits(ctx):
        if target.key != doer and ctx.modality(verb) == FACT:
            ctx.add(doer, "attacked", target.key, verb, "attack:claimed", CONFIDENCE * target.factor)


def _claimed(ctx: Context) -> set[int]:
    """Who claimed responsibility, carried out the attack or had it ascribed to them."""
    found: set[int] = set()
    for tok in ctx.find(_CLAIM_FORMS | _DOING_FORMS):
        lemma = tok.lemma_.lower()
        if lemma == "claim":
            found |= _claimants(ctx, tok)
        elif lemma in _DOING_VERBS or lemma in _ASCRIBING_VERBS:
            found |= _attack_doers(ctx, tok, lemma)
    return _kinds(found, ctx)


def _kinds(keys: set[int], ctx: Context) -> set[int]:
    return {k for k in keys if ctx.index.kind(k) in AGENT_KINDS}


def _claimants(ctx: Context, verb: Token) -> set[int]:
    """"X claimed responsibility (for the attack)", "the attack was claimed by X"."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if any(o.lemma_.lower() == "responsibility" for o in objects):
        return {r.key for r in agents_of(ctx, verb)} or {
            r.key for s, _ in ctx.subjects(verb) for r in [_named(ctx, s)] if r is not None}
    passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if any(p.lower_ in ATTACK_NOUNS for p in passive):
        return _by_agents(ctx, verb)
    return set()


def _attack_doers(ctx: Context, verb: Token, lemma: str) -> set[int]:
    """"X carried out the attack", "the attack, conducted by X", "an attack ascribed to X"."""
    if lemma in _ASCRIBING_VERBS:
        if verb.head.lower_ in ATTACK_NOUNS or any(c.lower_ in ATTACK_NOUNS for c in verb.children
                                                   if c.dep_ == "nsubjpass"):
            return {r.key for p in verb.children if p.dep_ == "prep" and p.lower_ == "to"
                    for o in p.children if o.dep_ == "pobj" for r in [_named(ctx, o)] if r is not None}
        return set()
    if lemma == "carry" and not any(c.lower_ == "out" for c in verb.children):
        return set()
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    on_attack = any(o.lower_ in ATTACK_NOUNS for o in objects) or (
        verb.dep_ == "acl" and verb.head.lower_ in ATTACK_NOUNS) or (
        # "Dozens died in the attack, reportedly conducted by the Taliban": the participle hangs on the clause
        verb.dep_ == "advcl" and verb.tag_ == "VBN" and any(t.lower_ in ATTACK_NOUNS for t in verb.head.subtree
                                                             if t.i < verb.i))
    if not on_attack:
        return set()
    if any(c.dep_ == "agent" for c in verb.children):
        return _by_agents(ctx, verb)
    return {r.key for r in agents_of(ctx, verb)}


def _by_agents(ctx: Context, verb: Token) -> set[int]:
    return {r.key for a in verb.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"
            for r in [_named(ctx, o)] if r is not None}


def _named(ctx: Context, noun: Token) -> Ref | None:
    """The agent a noun names, or its name modifier ("the Houthi movement": Houthi)."""
    ref = ctx.agent(noun)
    if ref is None and noun.pos_ == "NOUN":
        ref = next((r for c in noun.children if c.dep_ == "compound" for r in [ctx.agent(c)] if r is not None), None)
    return ref


def _agentless_hits(ctx: Context) -> list[tuple[Token, Ref]]:
    """(verb, victim) for harm and hits that name no doer."""
    out: list[tuple[Token, Ref]] = []
    for tok in ctx.find(_HIT_FORMS):
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        lemma = tok.lemma_.lower()
        if lemma in _HARM_VERBS and _passive(tok) and not _named_agent(ctx, tok) and _by_attack(ctx, tok):
            out += [(tok, r) for r in _victims(ctx, tok)]
        elif lemma in _HIT_VERBS and _passive(tok) and not _named_agent(ctx, tok):
            out += [(tok, r) for r in _victims(ctx, tok) + _places_hit(ctx, tok, ("into",))]
        elif lemma in _HIT_VERBS and any(s.lower_ in ATTACK_NOUNS and not _has_doer_modifier(ctx, s)
                                         for s, _ in ctx.subjects(tok)):
            out += [(tok, r) for r in _hit_objects(ctx, tok)]
        elif lemma == "include" and any(s.lemma_.lower() in ("victim", "casualty", "target")
                                        for s in tok.children if s.dep_ == "nsubj"):
            out += [(tok, r) for o in tok.children if o.dep_ == "dobj" for t in ctx.expand(o)
                    for r in [ctx.refer(t)] if r is not None and _hittable(ctx, r)]
    return out


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _named_agent(ctx: Context, verb: Token) -> bool:
    """A "by" phrase naming a doer (not "by the airstrike")."""
    return any(ctx.refer(o) is not None for a in verb.children if a.dep_ == "agent"
               for o in a.children if o.dep_ == "pobj")


def _by_attack(ctx: Context, verb: Token) -> bool:
    """"killed in the airstrike", "martyred by the airstrike": harm by an attack
    that does not name its own doer ("killed in a US operation" is the US's)."""
    return any(o.lower_ in ATTACK_NOUNS and not _has_doer_modifier(ctx, o) and _definite(o)
               for p in verb.children if p.dep_ in ("prep", "agent")
               and p.lower_ in ("in", "by") for o in p.children if o.dep_ == "pobj")


def _has_doer_modifier(ctx: Context, noun: Token) -> bool:
    """"an Al-Qaeda suicide attack", "Russia's strikes", "a US counter-terrorism
    operation": the attack names its own doer."""
    return any(t.dep_ in ("poss", "compound", "amod", "nmod") and ctx.refer(t) is not None
               for t in noun.subtree if t.i < noun.i)


def _definite(noun: Token) -> bool:
    """"the airstrike" points back to the attack told of; "an operation" is another."""
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "these", "that", "those") for c in noun.children)


def _victims(ctx: Context, verb: Token) -> list[Ref]:
    """The passive subject, its antecedent for "who", or the owner of a hit thing
    ("oil facilities belonging to Saudi Aramco")."""
    out = []
    for subj in (c for c in verb.children if c.dep_ == "nsubjpass"):
        if subj.lower_ == "who" and verb.dep_ == "relcl":
            subj = verb.head
        for tok in ctx.expand(subj):
            ref = ctx.refer(tok)
            if ref is None:
                ref = _owner(ctx, tok)
            if ref is not None and _hittable(ctx, ref):
                out.append(ref)
    return out


def _owner(ctx: Context, noun: Token) -> Ref | None:
    """"facilities belonging to X", "the plant of X"."""
    for child in noun.children:
        if child.dep_ == "acl" and child.lemma_.lower() == "belong":
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ == "to":
                    for pobj in prep.children:
                        ref = ctx.refer(pobj) if pobj.dep_ == "pobj" else None
                        if ref is not None:
                            return ref
    return None


def _hit_objects(ctx: Context, verb: Token) -> list[Ref]:
    """What an attack struck: named things, or the place of a thing ("the plant at Abqaiq")."""
    return _named_or_placed(ctx, [t for c in verb.children if c.dep_ == "dobj" for t in ctx.expand(c)])


def _places_hit(ctx: Context, head: Token, preps: tuple[str, ...]) -> list[Ref]:
    """Objects of ``preps`` ("rammed into a military base in Maidan Shahr")."""
    return _named_or_placed(ctx, [o for c in head.children if c.dep_ == "prep" and c.lower_ in preps
                                  for o in c.children if o.dep_ == "pobj"])


def _named_or_placed(ctx: Context, things: list[Token]) -> list[Ref]:
    """Each thing hit as the entity it names, or else the place it is at or in."""
    out = []
    for tok in things:
        ref = ctx.refer(tok)
        if ref is None:
            ref = next((r for p in tok.children if p.dep_ == "prep" and p.lower_ in ("at", "in")
                        for o in p.children if o.dep_ == "pobj" for r in [ctx.refer(o)] if r is not None), None)
        if ref is not None and _hittable(ctx, ref):
            out.append(ref)
    return out


def _hittable(ctx: Context, ref: Ref) -> bool:
    return ctx.index.kind(ref.key) in AGENT_KINDS  # "Agent or Place", as RELATIONS.md has it
