"""The extractor's vocabulary, as readable tables (general English, no seed names).

Everything a rule needs to know about words lives here: which verbs and nouns
state which relation, which words form job titles, which names, acronyms and
demonyms stand for which country or organisation.  Rules in the sibling
modules only walk the parse; adding a verb or a country is one more row here.
"""

from __future__ import annotations

from dataclasses import dataclass

# ---------------------------------------------------------------------------
# Verbs -> relations
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class VerbRule:
    """How one verb lemma states one relation.

    ``preps`` are prepositions whose object is the relation's object
    ("arrive *in* Y"); ``direct`` says whether the direct object is
    ("visit Y").  ``particle`` is a required particle or preposition that makes
    a phrasal verb ("call *on* Y", "stand *with* Y"); ``objects`` restricts the
    direct object to nouns of that set ("appreciate the *efforts* of Y");
    ``means`` asks for one of those nouns after "in", "by" or "with" ("killed
    Y *in an airstrike*": force, not an accident or a verdict).
    """

    relation: str
    direct: bool = True
    preps: tuple[str, ...] = ()
    particle: str | None = None
    objects: frozenset[str] = frozenset()
    confidence: float = 0.8
    means: frozenset[str] = frozenset()


#: Means of armed force: "killed Y in an airstrike", "with a drone".
STRIKE_NOUNS: frozenset[str] = frozenset(
    {"airstrike", "airstrikes", "strike", "strikes", "attack", "attacks", "raid", "raids", "bombing",
     "bombardment", "drone", "drones", "missile", "missiles", "rocket", "rockets", "shelling", "ambush",
     "assault", "offensive", "operation"}
)


#: Travel verbs: the relation is ``visited`` in the past, ``plansToVisit`` when
#: the verb is future or planned (decided by the modality check, not here).
#: Party adjectives written before a title ("Republican Senator X", "the
#: Democratic Speaker"): the party the person belongs to.  Capitalised only.
PARTY_ADJECTIVES: dict[str, str] = {
    "Democratic": "Democratic Party", "Republican": "Republican Party", "Labour": "Labour Party",
    "Labor": "Labor Party", "Conservative": "Conservative Party", "Liberal": "Liberal Party",
    "Democrat": "Democratic Party", "Tory": "Conservative Party",
}
#: Styles written between a title and a name ("the President, His Excellency Mr X", "Her Majesty").
STYLES: frozenset[str] = frozenset({"excellency", "highness", "majesty", "eminence", "holiness"})
#: The same styles for two people at once ("Their Majesties will visit Perth": the royal couple).
PLURAL_STYLES: frozenset[str] = frozenset({"excellencies", "highnesses", "majesties", "eminences"})
#: US states as a party-and-state tag after a lawmaker's name writes them ("Rep. X, D-Calif.",
#: "Sen. Y (R-Texas)"): AP abbreviations and postal codes.
_US_STATES = {
    "Alabama": ("Ala.", "AL"), "Alaska": ("AK",), "Arizona": ("Ariz.", "AZ"), "Arkansas": ("Ark.", "AR"),
    "California": ("Calif.", "CA"), "Colorado": ("Colo.", "CO"), "Connecticut": ("Conn.", "CT"),
    "Delaware": ("Del.", "DE"), "Florida": ("Fla.", "FL"), "Georgia": ("Ga.", "GA"), "Hawaii": ("HI",),
    "Idaho": ("ID",), "Illinois": ("Ill.", "IL"), "Indiana": ("Ind.", "IN"), "Iowa": ("IA",),
    "Kansas": ("Kan.", "Kans.", "KS"), "Kentucky": ("Ky.", "KY"), "Louisiana": ("La.", "LA"), "Maine": ("ME",),
    "Maryland": ("Md.", "MD"), "Massachusetts": ("Mass.", "MA"), "Michigan": ("Mich.", "MI"),
    "Minnesota": ("Minn.", "MN"), "Mississippi": ("Miss.", "MS"), "Missouri": ("Mo.", "MO"),
    "Montana": ("Mont.", "MT"), "Nebraska": ("Neb.", "Nebr.", "NE"), "Nevada": ("Nev.", "NV"),
    "New Hampshire": ("N.H.", "NH"), "New Jersey": ("N.J.", "NJ"), "New Mexico": ("N.M.", "NM"),
    "New York": ("N.Y.", "NY"), "North Carolina": ("N.C.", "NC"), "North Dakota": ("N.D.", "ND"), "Ohio": ("OH",),
    "Oklahoma": ("Okla.", "OK"), "Oregon": ("Ore.", "Oreg.", "OR"), "Pennsylvania": ("Pa.", "PA"),
    "Rhode Island": ("R.I.", "RI"), "South Carolina": ("S.C.", "SC"), "South Dakota": ("S.D.", "SD"),
    "Tennessee": ("Tenn.", "TN"), "Texas": ("Tex.", "TX"), "Utah": ("UT",), "Vermont": ("Vt.", "VT"),
    "Virginia": ("Va.", "VA"), "Washington": ("Wash.", "WA"), "West Virginia": ("W.Va.", "W.Va", "WV"),
    "Wisconsin": ("Wis.", "Wisc.", "WI"), "Wyoming": ("Wyo.", "WY"),
}
US_STATE_FORMS: dict[str, str] = {form: state for state, forms in _US_STATES.items() for form in (state, *forms)}
#: The party letter of such a tag ("I" for independents, who belong to no party).
PARTY_LETTERS: dict[str, str] = {"D": "Democratic Party", "R": "Republican Party"}
#: Letters after a name that name an office, not an honour ("the Hon Tony Burke
#: MP"): each is a position the person holds.
OFFICE_POSTNOMINALS: frozenset[str] = frozenset({"MP", "MHR", "MLA", "MLC", "MSP", "MEP", "MPP"})
#: Bodies a party adjective may qualify ("the Republican Senate Majority Leader").
PARTY_QUALIFIED_BODIES: frozenset[str] = frozenset(
    {"senate", "house", "congress", "parliament", "assembly", "caucus", "conference", "committee", "majority",
     "minority", "leadership", "government", "opposition"})

#: Nouns for a place that name it with "of" ("the town of Pandeglang").
PLACE_NOUNS: frozenset[str] = frozenset(
    {"city", "town", "province", "state", "region", "country", "capital", "municipality",
     "village", "district", "county", "island", "territory", "republic", "kingdom"})

TRAVEL_VERBS: dict[str, VerbRule] = {
    "visit": VerbRule("visited", direct=True, confidence=0.85),
    "tour": VerbRule("visited", direct=True, confidence=0.8),
    "reach": VerbRule("visited", direct=True, confidence=0.7),
    "arrive": VerbRule("visited", direct=False, preps=("in", "at"), confidence=0.85),
    "land": VerbRule("visited", direct=False, preps=("in", "at"), confidence=0.75),
    "travel": VerbRule("visited", direct=False, preps=("to", "into"), confidence=0.85),
    "fly": VerbRule("visited", direct=False, preps=("to", "into"), confidence=0.75),
    "come": VerbRule("visited", direct=False, preps=("to",), confidence=0.7),
    "go": VerbRule("visited", direct=False, preps=("to",), confidence=0.65),
    "head": VerbRule("visited", direct=False, preps=("to",), confidence=0.65),  # "headed for X when": not there yet
    "return": VerbRule("visited", direct=False, preps=("to",), confidence=0.7),
    "journey": VerbRule("visited", direct=False, preps=("to",), confidence=0.75),
    "transfer": VerbRule("visited", direct=False, preps=("to",), confidence=0.6),  # "was transferred to a hospital in Y"
    "stop": VerbRule("visited", direct=False, preps=("in", "at"), confidence=0.7),
    "leave": VerbRule("visited", direct=False, preps=("for",), confidence=0.7),
    "depart": VerbRule("visited", direct=False, preps=("for",), confidence=0.7),
    "enter": VerbRule("visited", direct=True, confidence=0.65),
    "airlift": VerbRule("visited", direct=False, preps=("to",), confidence=0.65),
    "evacuate": VerbRule("visited", direct=False, preps=("to",), confidence=0.6),
    "move": VerbRule("visited", direct=False, preps=("to",), confidence=0.6),  # "moved to Nigeria in the 1970s"
    "relocate": VerbRule("visited", direct=False, preps=("to",), confidence=0.65),
    "emigrate": VerbRule("visited", direct=False, preps=("to",), confidence=0.7),
}

#: "X accompanied Y", "Y was joined by X": X went where Y went.
COMPANION_VERBS: frozenset[str] = frozenset({"accompany", "join"})

#: "X left Japan", "X departed Ankara": the subject was in the object's place.
ORIGIN_OBJECT_VERBS: frozenset[str] = frozenset({"leave", "depart"})

#: "from Y" with any travel verb puts the traveller in Y before ("arrived in
#: Tokyo from Turkey").
ORIGIN_PREPS: frozenset[str] = frozenset({"from"})

#: Verbs for the other relations.  Keys are lemmas.
#: What two parties sign together, in person: "signed a partnership with X", "A and B signed the accord".
SIGNED_NOUNS: frozenset[str] = frozenset(
    {"agreement", "agreements", "deal", "memorandum", "memoranda", "treaty", "pact", "accord", "accords",
     "arrangement", "partnership", "partnerships", "declaration", "communique", "communiqué", "charter",
     "convention", "protocol", "contract", "signing", "signature"}
)
RELATION_VERBS: dict[str, tuple[VerbRule, ...]] = {
    "meet": (VerbRule("metWith", direct=True, preps=("with",), confidence=0.85),),
    "sign": (VerbRule("metWith", direct=False, preps=("with",), objects=SIGNED_NOUNS, confidence=0.6),),
    "confer": (VerbRule("metWith", direct=False, preps=("with",), confidence=0.7),),
    "sit": (VerbRule("metWith", direct=False, preps=("with",), particle="down", confidence=0.7),),
    "host": (VerbRule("hosted", confidence=0.85),),
    "welcome": (VerbRule("hosted", confidence=0.6),),
    "receive": (VerbRule("hosted", confidence=0.5),),
    "thank": (VerbRule("thanked", confidence=0.9),),
    "appreciate": (VerbRule("thanked", objects=frozenset(
        {"effort", "efforts", "help", "support", "work", "contribution", "contributions", "assistance",
         "hospitality", "generosity", "leadership", "solidarity", "role", "cooperation"}), confidence=0.6),),
    "support": (VerbRule("supports", confidence=0.8),),
    "back": (VerbRule("supports", confidence=0.75),),
    "endorse": (VerbRule("supports", confidence=0.7),),
    "stand": (VerbRule("supports", direct=False, preps=("with", "by", "behind"), confidence=0.7),),
    "side": (VerbRule("supports", direct=False, preps=("with",), confidence=0.7),),
    "second": (VerbRule("supports", confidence=0.6),),
    "champion": (VerbRule("supports", confidence=0.65),),
    "assist": (VerbRule("supports", confidence=0.6),),  # "commitment to assisting Y"
    "condemn": (VerbRule("condemned", confidence=0.9),),
    "denounce": (VerbRule("condemned", confidence=0.9),),
    "criticise": (VerbRule("condemned", confidence=0.85),),
    "criticize": (VerbRule("condemned", confidence=0.85),),
    "deplore": (VerbRule("condemned", confidence=0.8),),
    "slam": (VerbRule("condemned", confidence=0.7),),
    "rebuke": (VerbRule("condemned", confidence=0.75),),
    "decry": (VerbRule("condemned", confidence=0.8),),
    "censure": (VerbRule("condemned", confidence=0.8),),
    "lambast": (VerbRule("condemned", confidence=0.8),),
    "lambaste": (VerbRule("condemned", confidence=0.8),),
    "castigate": (VerbRule("condemned", confidence=0.8),),
    "chastise": (VerbRule("condemned", confidence=0.75),),
    "excoriate": (VerbRule("condemned", confidence=0.8),),
    "accuse": (VerbRule("accused", confidence=0.9),),
    "blame": (VerbRule("accused", confidence=0.85),),
    "fault": (VerbRule("accused", confidence=0.7),),
    "impeach": (VerbRule("accused", confidence=0.8),),  # a formal charge by a legislature
    "allege": (VerbRule("accused", confidence=0.6),),
    "attribute": (VerbRule("accused", direct=False, preps=("to",), objects=STRIKE_NOUNS | frozenset(
        {"killing", "killings", "murder", "murders", "blast", "blasts", "explosion", "explosions", "shooting",
         "shootings", "assassination", "violence", "massacre", "poisoning", "hack", "hacking", "cyberattack"}),
        confidence=0.7),),  # "attributed the bombing to X": only a wrong done is blamed  # with an act as object: "alleged Iranian involvement"
    "oppose": (VerbRule("opposes", confidence=0.8),),
    "reject": (VerbRule("opposes", confidence=0.6),),
    "resist": (VerbRule("opposes", confidence=0.6),),
    "rule": (VerbRule("opposes", direct=False, preps=("against",), confidence=0.65),),  # a court "ruled against X"
    "dismiss": (VerbRule("opposes", confidence=0.55),),  # with an act as object: "dismissed the claim from Berlin"
    "speak": (VerbRule("opposes", direct=False, preps=("against",), particle="out", confidence=0.65),),
    "urge": (VerbRule("urged", confidence=0.85),),
    "call": (VerbRule("urged", direct=False, preps=("on", "upon"), confidence=0.8),),
    "press": (VerbRule("urged", confidence=0.6),),
    "pressure": (VerbRule("urged", confidence=0.6),),
    "ask": (VerbRule("urged", confidence=0.55),),
    "implore": (VerbRule("urged", confidence=0.8),),
    "encourage": (VerbRule("urged", confidence=0.65),),
    "challenge": (VerbRule("urged", confidence=0.6),),
    "exhort": (VerbRule("urged", confidence=0.8),),
    "appeal": (VerbRule("urged", direct=False, preps=("to",), confidence=0.7),),
    "count": (VerbRule("urged", direct=False, preps=("on", "upon"), confidence=0.65),),  # "I count on Y to act"
    "plead": (VerbRule("urged", direct=False, preps=("with",), confidence=0.75),),
    "entreat": (VerbRule("urged", confidence=0.75),),
    "lobby": (VerbRule("urged", confidence=0.6),),
    "instruct": (VerbRule("urged", confidence=0.6),),  # only with "to ...": "instructed ODESC to report"
    "order": (VerbRule("urged", confidence=0.55),),
    "tell": (VerbRule("urged", confidence=0.6),),  # only with "to ...": "told Russia to withdraw"
    "advise": (VerbRule("urged", confidence=0.6),),
    "push": (VerbRule("urged", confidence=0.6),),
    "petition": (VerbRule("urged", confidence=0.65),),  # "petitioned the court", "was petitioned by X"
    "threaten": (VerbRule("threatened", confidence=0.85),),
    "warn": (VerbRule("threatened", confidence=0.65),),
    "attack": (VerbRule("attacked", confidence=0.85),),
    "invade": (VerbRule("attacked", confidence=0.9),),
    "kill": (VerbRule("attacked", means=STRIKE_NOUNS, confidence=0.75),),
    "assassinate": (VerbRule("attacked", confidence=0.8),),
    "murder": (VerbRule("attacked", confidence=0.8),),
    "stab": (VerbRule("attacked", confidence=0.8),),
    "strike": (VerbRule("attacked", confidence=0.7),),
    "bomb": (VerbRule("attacked", confidence=0.85),),
    "shell": (VerbRule("attacked", confidence=0.8),),
    "block": (VerbRule("opposes", confidence=0.6),),  # "blocked Ukraine's accession talks"
    "object": (VerbRule("opposes", direct=False, preps=("to",), confidence=0.7),),  # "objected to China's claims"
    "protest": (VerbRule("opposes", preps=("against",), confidence=0.65),),  # "protested against Y's decision"
    "veto": (VerbRule("opposes", confidence=0.65),),
    "raid": (VerbRule("attacked", confidence=0.75),),
    "assault": (VerbRule("attacked", confidence=0.8),),
    "ambush": (VerbRule("attacked", confidence=0.8),),
    "besiege": (VerbRule("attacked", confidence=0.8),),
}

#: Verbs that state a meeting among their coordinated subjects ("X and Y met
#: in Paris", "X and Y discussed trade"): lemma -> confidence.  ``gather`` and
#: ``convene`` need a purpose of talks ("gathered in Cairo to discuss ...").
RECIPROCAL_VERBS: dict[str, float] = {"meet": 0.8, "discuss": 0.6, "negotiate": 0.6, "confer": 0.65,
                                      "gather": 0.65, "convene": 0.65, "assemble": 0.6, "sign": 0.6, "witness": 0.6}
GATHERING_VERBS: frozenset[str] = frozenset({"gather", "convene", "assemble"})
#: Nouns of talks: "held talks", "joined the meeting", "gathered for a summit".
TALK_NOUNS: frozenset[str] = frozenset(
    {"talks", "meeting", "meetings", "summit", "discussions", "discussion", "negotiations", "consultations"}
)

#: Verbs whose infinitive complement is controlled by their object
#: ("urged Iran *to stop*": Iran stops), not by their subject.
OBJECT_CONTROL_VERBS: frozenset[str] = frozenset(
    {"urge", "ask", "push", "press", "help", "allow", "call", "tell", "force", "persuade", "invite"}
)

#: Giving verbs: with an aid noun as object and "to Y" (or Y as dative), the
#: subject pledged aid to Y.  Future tense still counts ("will provide aid").
GIVING_VERBS: frozenset[str] = frozenset(
    {"provide", "send", "give", "offer", "deliver", "pledge", "promise", "extend", "donate",
     "commit", "announce", "supply", "ship", "grant", "allocate", "lend", "approve", "vow"}
)
AID_NOUNS: frozenset[str] = frozenset(
    {"aid", "assistance", "care", "relief", "supplies", "funding", "funds", "donation",
     "donations", "food", "medicine", "medicines", "loan", "loans", "grant", "grants"}
)
#: Goods that are aid when given to a country or body ("sent tanks to Y",
#: "donated vaccine doses to Y"); as nouns alone they name no aid ("weapons to Y").
MATERIEL_NOUNS: frozenset[str] = frozenset(
    {"weapon", "weapons", "arms", "ammunition", "munitions", "equipment", "vaccine", "vaccines", "dose",
     "doses", "tent", "tents", "blanket", "blankets", "tank", "tanks"}
)
#: Aid nouns that are plain money: aid only when a country or people receives
#: it ("a grant to a university" is domestic funding).
MONEY_NOUNS: frozenset[str] = frozenset(
    {"funding", "funds", "loan", "loans", "grant", "grants", "donation", "donations"}
)
#: Modifiers that date a travel noun in the past ("her recent visit", "his
#: visit last year"), even in a future clause ("will reciprocate her visit").
PAST_MODIFIERS: frozenset[str] = frozenset({"recent", "previous", "last", "earlier", "past", "former", "historic"})
#: Nouns of support: "provide Y the support it needs", "offer support to Y".
SUPPORT_NOUNS: frozenset[str] = frozenset({"support", "backing", "solidarity", "commitment", "help"})

#: "X pledged to provide ..." / "X promised to send ...": promise verbs whose
#: infinitive complement keeps its force even though it is not yet done.
PROMISE_VERBS: frozenset[str] = frozenset({"pledge", "promise", "vow", "commit", "agree", "announce"})

#: Harms one is blamed for: "Y was responsible for the deaths of ..." said in a
#: quote is an accusation ("responsible for security" is not).
HARM_NOUNS: frozenset[str] = frozenset(
    {"death", "deaths", "killing", "killings", "murder", "murders", "attack", "attacks", "bombing", "bombings",
     "massacre", "violence", "crime", "crimes", "atrocities", "abuse", "abuses", "destruction", "downing",
     "shooting", "crash", "wounding", "disappearance", "assassination", "poisoning", "invasion", "hacking", "hack",
     "cyberattack", "sabotage"}
)

#: Nouns whose infinitive keeps its force as a promise or plan ("its commitment
#: to support Y", "plans to visit Y"); any other noun's infinitive is no fact
#: ("the right to oppose Y", "an attempt to attack Y").
PROMISE_NOUNS: frozenset[str] = frozenset(
    {"commitment", "pledge", "promise", "vow", "undertaking", "determination", "resolve", "plan", "plans",
     "intention", "decision", "agreement", "offer", "readiness", "willingness"}
)

#: Multi-word predicates: (verb lemma, object noun lemma, preposition) -> relation.
#: "express gratitude to Y", "raise a voice against Y".
LIGHT_VERB_PHRASES: dict[tuple[str, str, str], tuple[str, float]] = {
    ("express", "gratitude", "to"): ("thanked", 0.85),
    ("express", "thanks", "to"): ("thanked", 0.85),
    ("express", "appreciation", "to"): ("thanked", 0.8),
    ("record", "appreciation", "to"): ("thanked", 0.75),
    ("convey", "gratitude", "to"): ("thanked", 0.8),
    ("convey", "thanks", "to"): ("thanked", 0.8),
    ("convey", "appreciation", "to"): ("thanked", 0.8),
    ("extend", "gratitude", "to"): ("thanked", 0.8),
    ("extend", "thanks", "to"): ("thanked", 0.8),
    ("offer", "thanks", "to"): ("thanked", 0.8),
    ("express", "support", "for"): ("supports", 0.8),
    ("express", "solidarity", "with"): ("supports", 0.8),
    ("offer", "support", "to"): ("supports", 0.75),
    ("pledge", "support", "for"): ("supports", 0.8),
    ("pledge", "support", "to"): ("supports", 0.8),
    ("reaffirm", "support", "for"): ("supports", 0.8),
    ("voice", "support", "for"): ("supports", 0.8),
    ("hold", "talks", "with"): ("metWith", 0.8),
    ("hold", "meeting", "with"): ("metWith", 0.8),
    ("hold", "meetings", "with"): ("metWith", 0.8),
    ("hold", "discussions", "with"): ("metWith", 0.75),
    ("hold", "summit", "with"): ("metWith", 0.75),  # "A and B held a summit in Tokyo"
    ("have", "talks", "with"): ("metWith", 0.75),
    ("lodge", "protest", "with"): ("condemned", 0.7),  # "lodged a protest with Japan"
    ("throw", "support", "behind"): ("supports", 0.75),  # "threw its support behind Pakistan"
    ("throw", "weight", "behind"): ("supports", 0.75),
    ("lend", "support", "to"): ("supports", 0.75),
    ("voice", "opposition", "to"): ("opposes", 0.75),
    ("express", "opposition", "to"): ("opposes", 0.75),
    ("issue", "ruling", "against"): ("opposes", 0.7),  # "Judge X issued a ruling against Y"
    ("file", "charges", "against"): ("accused", 0.7),  # charges are an accusation made formal
    ("bring", "charges", "against"): ("accused", 0.7),
    ("lay", "charges", "against"): ("accused", 0.7),
    ("unseal", "charges", "against"): ("accused", 0.7),
    ("hand", "ruling", "against"): ("opposes", 0.7),
    ("file", "protest", "with"): ("condemned", 0.7),
    ("launch", "attack", "on"): ("attacked", 0.8),
    ("launch", "attacks", "on"): ("attacked", 0.8),
    ("carry", "attack", "on"): ("attacked", 0.75),
    ("issue", "warning", "to"): ("threatened", 0.6),
    ("vow", "revenge", "against"): ("threatened", 0.7),  # "Iran vowed revenge against Israel"
    ("vow", "revenge", "on"): ("threatened", 0.7),
    ("vow", "retaliation", "against"): ("threatened", 0.7),
    ("threaten", "retaliation", "against"): ("threatened", 0.75),
    ("make", "appeal", "to"): ("urged", 0.6),
}

#: Predicate adjectives: "X is grateful to Y", "X is opposed to Y".
ADJECTIVE_RELATIONS: dict[str, tuple[str, tuple[str, ...], float]] = {
    "grateful": ("thanked", ("to",), 0.75),
    "thankful": ("thanked", ("to",), 0.75),
    "opposed": ("opposes", ("to",), 0.7),
    "supportive": ("supports", ("of",), 0.7),
    "critical": ("condemned", ("of",), 0.6),
}

# ---------------------------------------------------------------------------
# Nouns -> relations ("X's meeting with Y", "the attack on Y")
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class NounRule:
    """A relation noun: its holder is the possessor, a compound or hyphen
    modifier ("Hamas attack"), or the subject of the clause it sits in; its
    object follows one of ``preps``."""

    relation: str
    preps: tuple[str, ...]
    confidence: float = 0.7


RELATION_NOUNS: dict[str, NounRule] = {
    "meeting": NounRule("metWith", ("with",), 0.8),
    "talks": NounRule("metWith", ("with",), 0.75),
    "talk": NounRule("metWith", ("with",), 0.6),
    "summit": NounRule("metWith", ("with",), 0.7),
    "discussions": NounRule("metWith", ("with",), 0.6),
    "attack": NounRule("attacked", ("on", "against", "inside", "in"), 0.75),
    "attacks": NounRule("attacked", ("on", "against", "inside", "in"), 0.75),
    "killing": NounRule("attacked", ("of",), 0.7),
    "murder": NounRule("attacked", ("of",), 0.7),
    "airstrike": NounRule("attacked", ("on", "against"), 0.65),
    "airstrikes": NounRule("attacked", ("on", "against", "in"), 0.65),
    "assassination": NounRule("attacked", ("of",), 0.75),
    "assault": NounRule("attacked", ("on", "against"), 0.75),
    "invasion": NounRule("attacked", ("of",), 0.8),
    "strike": NounRule("attacked", ("on", "against"), 0.6),
    "strikes": NounRule("attacked", ("on", "against"), 0.6),
    "bombing": NounRule("attacked", ("of",), 0.7),
    "firing": NounRule("attacked", ("into", "on", "at"), 0.6),
    "shelling": NounRule("attacked", ("of",), 0.7),
    "offensive": NounRule("attacked", ("on", "against", "in", "into"), 0.6),
    "support": NounRule("supports", ("for", "to"), 0.7),
    "backing": NounRule("supports", ("for", "of"), 0.7),
    "commitment": NounRule("supports", ("to",), 0.65),
    "solidarity": NounRule("supports", ("with",), 0.7),
    "condemnation": NounRule("condemned", ("of",), 0.8),
    "criticism": NounRule("condemned", ("of",), 0.6),
    "opposition": NounRule("opposes", ("to",), 0.6),
    "accusation": NounRule("accused", ("against",), 0.6),
    "threat": NounRule("threatened", ("to", "against"), 0.5),
    "gratitude": NounRule("thanked", ("to", "for"), 0.7),
    "appreciation": NounRule("thanked", ("for", "to"), 0.6),
    "thanks": NounRule("thanked", ("to",), 0.6),
}

#: Nouns for a role towards someone: "X's critics include Y", "Y, a critic of
#: X", "Y is a supporter of X" -> Y condemned / opposes / supports X.
ROLE_NOUNS: dict[str, tuple[str, float]] = {
    "critic": ("condemned", 0.6), "critics": ("condemned", 0.6),
    "opponent": ("opposes", 0.6), "opponents": ("opposes", 0.6),
    "supporter": ("supports", 0.65), "supporters": ("supports", 0.65),
    "backer": ("supports", 0.65), "backers": ("supports", 0.65),
    "loyalist": ("supports", 0.65), "loyalists": ("supports", 0.65),
    "donor": ("pledgedAidTo", 0.6), "donors": ("pledgedAidTo", 0.6),
}
#: Role nouns read only before a name ("Trump ally Steve Bannon"): an ally
#: "of" a country is as often a treaty partner as a backer.
NAME_ROLE_NOUNS: dict[str, tuple[str, float]] = {**ROLE_NOUNS, "ally": ("supports", 0.6)}

#: "Iran-backed militias", "U.S.-led coalition": hyphenated participles.
HYPHEN_PARTICIPLES: dict[str, str] = {
    "backed": "supports",
    "supported": "supports",
    "sponsored": "supports",
    "allied": "supports",
}

#: Verbs whose subject performs the act its object noun names ("launched an
#: attack on Y", "expressed support for Y", "made an accusation against Y");
#: other verbs leave the act with someone else ("approved the attacks on Y",
#: "condemned the attack on Y").
PERFORM_VERBS: frozenset[str] = frozenset(
    {"launch", "carry", "conduct", "mount", "stage", "make", "hold", "have", "lead", "begin", "start",
     "continue", "resume", "escalate", "intensify", "step", "orchestrate", "perpetrate", "commit",
     "execute", "unleash", "wage", "express", "voice", "offer", "extend", "give", "provide", "reaffirm",
     "reiterate", "pledge", "renew", "declare", "convey", "issue", "level", "deliver", "show", "lend",
     "announce", "affirm", "state", "restate", "underline", "emphasise", "emphasize", "stress", "signal",
     "join"}
)
#: Verbs whose object is a guest: "hosted X as part of his visit to Y" (X travels).
HOSTING_VERBS: frozenset[str] = frozenset({"host", "welcome", "receive"})

#: Travel nouns: "X's visit to Y", "a tour of Y", "his trip through Y".
TRAVEL_NOUNS: frozenset[str] = frozenset(
    {"visit", "trip", "tour", "journey", "blitz", "stop", "stopover", "swing", "voyage", "visits",
     "trips", "tours", "stops", "leg", "expedition", "expeditions", "arrival", "pilgrimage"}
)
TRAVEL_NOUN_PREPS: frozenset[str] = frozenset({"to", "of", "through", "in", "across", "around", "at"})
#: A clause on a travel noun that lists its stops ("a tour that started with Y").
TRAVEL_NOUN_CLAUSE_VERBS: frozenset[str] = frozenset({"start", "begin", "include", "end", "take", "finish"})
#: Modifiers and governing verbs that make a travel noun a plan, not a past trip.
PLANNED_MODIFIERS: frozenset[str] = frozenset(
    {"upcoming", "planned", "future", "next", "forthcoming", "scheduled", "proposed", "expected", "possible", "potential"}
)

# ---------------------------------------------------------------------------
# Modality
# ---------------------------------------------------------------------------

#: Auxiliaries that make a clause future.
FUTURE_AUX: frozenset[str] = frozenset({"will", "shall", "'ll", "wo"})
#: Auxiliaries that make a clause hypothetical: no fact at all.
HYPOTHETICAL_AUX: frozenset[str] = frozenset({"might", "may", "could", "would", "should", "must", "can", "ca"})
#: Verbs whose infinitive complement is a plan ("is expected to visit").
PLAN_VERBS: frozenset[str] = frozenset(
    {"expect", "plan", "schedule", "intend", "set", "due", "prepare", "announce", "aim", "go", "slate"}
)
#: Adjectives whose infinitive complement is a plan of the clause's subject
#: ("X is due to visit Y", "X stands ready to support Y").
PLAN_ADJECTIVES: frozenset[str] = frozenset({"due", "set", "poised", "slated", "scheduled", "expected", "ready", "prepared"})
#: Verbs whose complement is wished, denied or unreal: no fact.
IRREALIS_VERBS: frozenset[str] = frozenset(
    {"want", "hope", "try", "seek", "wish", "refuse", "decline", "fail", "deny", "consider", "threaten",
     "propose", "offer", "like", "need", "attempt", "urge", "ask", "push", "call", "press", "invite"}
)
#: Nouns whose clause is a claim, not a fact: "an allegation he assaulted Y".
HEDGE_NOUNS: frozenset[str] = frozenset(
    {"allegation", "claim", "accusation", "rumour", "rumor", "suspicion", "speculation", "report", "fear",
     "possibility", "prospect", "hope", "risk", "threat", "chance", "question", "suggestion", "belief"}
)
#: Verbs that undo a planned act ("cancelled his visit"): no fact.
CANCEL_VERBS: frozenset[str] = frozenset({"cancel", "postpone", "delay", "scrap", "call", "shelve", "abandon", "suspend"})
NEGATION_WORDS: frozenset[str] = frozenset({"not", "n't", "never", "no", "neither", "nor"})
#: Prepositions that negate their gerund ("without meeting Y").
NEGATING_PREPS: frozenset[str] = frozenset({"without", "instead"})

# ---------------------------------------------------------------------------
# Speech (quote attribution)
# ---------------------------------------------------------------------------

#: Last words of a named site one can visit ("Wagaman Primary School", "Royal Darwin Hospital").
FACILITY_NOUNS: frozenset[str] = frozenset(
    {"school", "college", "university", "hospital", "clinic", "base", "barracks", "mine", "plant", "factory",
     "refinery", "station", "airport", "port", "museum", "memorial", "embassy", "consulate", "palace", "cathedral",
     "church", "mosque", "temple", "synagogue", "prison", "stadium", "centre", "center", "campus", "shipyard",
     "dockyard", "field", "laboratory", "observatory", "library", "zoo", "park", "farm"}
)
SPEECH_VERBS: frozenset[str] = frozenset(
    {"say", "tell", "add", "state", "declare", "write", "note", "insist", "explain", "describe",
     "call", "warn", "announce", "argue", "claim", "remark", "stress", "emphasise", "emphasize",
     "reply", "respond", "answer", "ask", "comment", "continue", "conclude", "read", "tweet",
     "post", "acknowledge", "admit", "assert", "affirm", "reaffirm", "observe", "recall",
     "suggest", "urge", "pledge", "promise", "vow", "predict", "caution", "complain",
     "concede", "confirm", "deny", "quip", "joke", "mutter", "shout", "cry", "exclaim",
     "lament", "boast", "sing", "chant", "report", "term", "dub", "label", "condemn", "allege", "underline",
     "reiterate", "contend", "cite", "mention", "indicate", "point"}
)
#: Subjects that are a document, not a speaker ("the statement read"): the
#: quote belongs to whoever issued the statement in the sentence before.
DOCUMENT_NOUNS: frozenset[str] = frozenset(
    {"statement", "release", "communique", "communiqué", "readout", "letter", "report", "declaration",
     "message", "post", "tweet", "note", "memo", "transcript"}
)

# ---------------------------------------------------------------------------
# Titles
# ---------------------------------------------------------------------------

#: Head words of job titles ("minister", "secretary").
TITLE_HEADS: frozenset[str] = frozenset(
    {"president", "minister", "secretary", "spokesperson", "spokesman", "spokeswoman", "envoy",
     "ambassador", "chancellor", "governor", "senator", "representative", "congressman",
     "congresswoman", "assemblywoman", "assemblyman", "assemblymember", "alderman", "king", "queen", "prince", "princess", "emperor", "pope", "premier", "taoiseach",
     "chairman", "chairwoman", "chairperson", "chair", "director", "manager", "commandant", "commissioner", "general", "admiral",
     "colonel", "commander", "chief", "mayor", "leader", "head", "sheikh", "emir", "sultan", "ayatollah", "mufti",
     "judge", "justice", "speaker", "attorney", "counsel", "adviser", "advisor", "diplomat",
     "official", "officer", "lawmaker", "legislator", "mp", "deputy", "undersecretary",
     "secretary-general", "director-general", "president-elect", "ceo", "founder", "coach",
     "captain", "brigadier", "commodore", "archbishop", "bishop", "cardinal", "rabbi", "imam", "lieutenant", "major",
     "sergeant", "marshal", "inspector", "superintendent", "negotiator", "coordinator",
     "administrator", "treasurer", "counselor", "consul", "attaché", "delegate", "councillor",
     "councilor", "councilman", "councilwoman", "sen.", "rep.", "gov.", "gen.", "pres.",
     "prosecutor", "minister-president", "vice-president", "viceroy", "monarch", "dictator",
     "strongman", "rapporteur", "correspondent", "editor", "economist", "analyst", "professor",
     "constable", "columnist", "executive", "dean", "aide"}
)
#: Occupations written before a name like a title ("Sky News producer X",
#: "photojournalist X"): a job, held for an employer, never for a place ("a
#: Toronto lawyer" works in Toronto, not for it).
OCCUPATIONS: frozenset[str] = frozenset(
    {"journalist", "photojournalist", "reporter", "producer", "photographer", "cameraman", "presenter",
     "lawyer", "barrister", "solicitor", "physician", "surgeon", "detective", "sheriff", "priest", "pastor",
     "chaplain", "scientist", "contributor", "researcher", "commentator", "historian", "strategist", "pollster",
     "scholar", "lobbyist", "consultant", "astronaut", "cosmonaut",
     # the sciences and medicine ("ecologist Chip Taylor", "UCL astronomer X")
     "biologist", "ecologist", "geologist", "virologist", "immunologist", "epidemiologist", "meteorologist",
     "anthropologist", "archaeologist", "archeologist", "psychologist", "sociologist", "criminologist",
     "climatologist", "seismologist", "volcanologist", "zoologist", "paleontologist", "palaeontologist",
     "oncologist", "cardiologist", "neurologist", "pathologist", "toxicologist", "microbiologist", "entomologist",
     "ornithologist", "primatologist", "glaciologist", "hydrologist", "radiologist", "physiologist",
     "pharmacologist", "biomechanicist", "physicist", "astrophysicist", "chemist", "biochemist", "geneticist",
     "botanist", "statistician", "mathematician", "pediatrician", "paediatrician", "technician", "astronomer",
     "oceanographer", "geographer", "cartographer", "psychiatrist", "therapist", "pharmacist", "dentist",
     "paramedic", "linguist", "archivist", "curator",
     # a band's players, a kitchen's, an agency's ("Grateful Dead drummer X", "head chef Y", "CIA agent Z")
     "guitarist", "drummer", "bassist", "keyboardist", "chef", "agent"}
)
TITLE_HEADS = TITLE_HEADS | OCCUPATIONS
#: Words that may sit inside a title before its head ("Foreign Minister",
#: "Deputy Prime Minister", "Homeland Security Secretary").
TITLE_MODIFIERS: frozenset[str] = frozenset(
    {"prime", "assisting", "foreign", "defence", "defense", "finance", "interior", "home", "deputy", "vice",
     "acting", "senior", "chief", "top", "assistant", "associate", "executive", "first", "emeritus",
     "former", "then", "interim", "caretaker", "special", "high", "supreme", "state", "department",
     "health", "trade", "energy", "justice", "education", "economy", "economic", "agriculture",
     "environment", "transport", "labor", "labour", "culture", "treasury", "commerce", "war",
     "security", "homeland", "national", "presidential", "press", "white", "house", "general",
     "grand", "crown", "opposition", "party", "majority", "minority", "lead", "principal",
     "permanent", "junior", "military", "army", "naval", "navy", "air", "force", "police",
     "intelligence", "cabinet", "regional", "provincial", "federal", "foreign-affairs",
     "communications", "information", "immigration", "industry", "development", "sports",
     "housing", "infrastructure", "veterans", "affairs", "secretary", "minister", "elect", "designate", "rear", "technical", "technology", "operating", "financial", "solicitor", "surgeon", "postmaster", "auditor", "inspector", "outgoing", "incoming", "late", "ex", "co", "joint",
     "peace", "human", "rights", "climate", "parliamentary", "managing", "editorial", "creative", "artistic",
     "medical", "legal", "sport", "district", "circuit", "political"}
)
#: Job heads that speak for a body, and the body nouns written before them
#: that name that body rather than the job ("Police spokesman" holds the
#: position "spokesman"; an adjective stays: "military spokesperson").
SPOKESPERSON_HEADS: frozenset[str] = frozenset({"spokesperson", "spokesman", "spokeswoman"})
BODY_NOUNS: frozenset[str] = frozenset(
    {"police", "army", "navy", "government", "ministry", "party", "cabinet", "parliament", "court",
     "embassy", "council", "campaign", "company", "agency", "department", "office", "union"}
)
#: Modifiers that change the office itself: a description must carry the
#: same ones as the title it stands for ("the president" is not the vice president).
RANK_MODIFIERS: frozenset[str] = frozenset(
    {"vice", "deputy", "assistant", "former", "acting", "associate", "under", "junior", "co", "interim",
     "sub", "lieutenant", "ex", "late", "then", "outgoing", "incoming", "first", "second", "caretaker"}
)
#: Words kept in a title although they are not part of the office
#: ("former President": "former" stays, per RELATIONS.md).
#: Titles that take a portfolio after "for" ("Minister for Youth", "Secretary for Home Affairs").
PORTFOLIO_HEADS: frozenset[str] = frozenset({"minister", "secretary", "commissioner", "minster"})
TITLE_KEEP_PREFIXES: frozenset[str] = frozenset({"former", "acting", "interim", "caretaker", "then", "late", "outgoing", "incoming"})
#: Department words after "of" that belong to the title ("Secretary of State").
TITLE_OF_WORDS: frozenset[str] = frozenset(
    {"state", "defense", "defence", "the treasury", "treasury", "commerce", "energy", "health",
     "labor", "labour", "education", "agriculture", "transportation", "justice", "the interior",
     "interior", "homeland security", "veterans affairs", "housing", "staff", "the exchequer", "exchequer",
     "foreign affairs", "external affairs", "home affairs", "the army", "the navy", "the air force",
     "finance", "trade", "defense staff", "state for foreign affairs"}
)
#: Generic person descriptions that may stand for the person just named
#: ("the senior official", "the top diplomat").
GENERIC_PERSON_NOUNS: frozenset[str] = frozenset({"official", "diplomat", "politician", "leader", "lawmaker"})
#: Plural nouns that, with "the two" or "both", stand for the last two people
#: named ("the two leaders held talks").
GROUP_NOUNS: frozenset[str] = frozenset({"leaders", "men", "women", "sides", "counterparts", "heads", "officials"})
#: "his Russian counterpart, Sergei Lavrov": affiliation without a position.
RELATIONAL_NOUNS: frozenset[str] = frozenset({"counterpart", "counterparts", "colleague", "opposite", "host"})

#: Nouns that make an organisation of a name before them ("the Biden
#: administration"), or stand for the state when the name is a country.
ORG_HEAD_NOUNS: frozenset[str] = frozenset({"administration", "government", "cabinet", "regime", "campaign", "camp"})

#: Nouns that stand for their place: "the people of Gaza", "Gaza's residents".
PEOPLE_NOUNS: frozenset[str] = frozenset({"people", "population", "residents", "citizens", "civilians", "inhabitants", "victims"})

#: Nouns for an act or cause of an agent: "Russia's war", "U.S. efforts",
#: "the sovereignty of Ukraine"; the agent stands for the act (RELATIONS.md).
ACT_NOUNS: frozenset[str] = frozenset(
    {"attack", "attacks", "war", "invasion", "aggression", "efforts", "effort", "actions", "action",
     "policy", "policies", "decision", "move", "moves", "campaign", "offensive", "strikes", "strike",
     "bombing", "bombardment", "occupation", "annexation", "sovereignty", "integrity", "independence",
     "defense", "defence", "security", "right", "bid", "plan", "proposal", "initiative", "leadership",
     "role", "stance", "position", "cause", "fight", "struggle", "resistance", "aggressions",
     "provocation", "provocations", "test", "tests", "program", "programme", "government",
     "administration", "regime", "people", "work", "contribution", "contributions", "help",
     "assistance", "response", "operation", "operations", "crackdown", "violence", "atrocities",
     "crimes", "killing", "killings", "massacre", "shelling", "incursion", "election", "candidacy",
     "membership", "application", "accession", "talks", "reforms", "diplomacy", "mediation", "territorial",
     "evolution", "transition", "recovery", "reconstruction", "aspirations", "ambitions", "approach",
     "forces", "troops", "military", "army", "navy", "warplanes", "jets", "call", "calls", "statement",
     # weapons stand for who fires them ("Russian drones hit Kyiv")
     "drones", "missiles", "rockets", "artillery", "bombers", "warships", "airstrikes", "airstrike", "drone",
     "missile", "rocket", "raid", "raids", "ambush", "assault", "statements", "recommendation", "request", "suggestion", "appeal", "demand", "demands", "remarks",
     "comments", "claim", "claims", "conclusions", "accusation", "accusations", "allegation", "allegations", "support", "hospitality", "generosity", "franchise", "future",
     "order", "orders", "nomination", "appointment", "confirmation", "reelection", "re-election", "inauguration", "swearing",
     # measures whose possessor made them ("opposed Biden's spending bill", "Trump's tariffs")
     "bill", "bills", "legislation", "agenda", "sanctions", "tariffs", "ban", "measures",
     # acts whose possessor is the doer ("North Korea's missile launch", "Iran's
     # seizure of the tanker"); nouns whose possessor may be the victim
     # ("X's detention", "X's arrest") are left out on purpose
     "act", "acts", "launch", "launches", "refusal", "conduct", "behaviour", "behavior", "use",
     "deployment", "activities", "intervention", "interference", "meddling", "blockade", "threats",
     "abuses", "repression", "seizure", "escalation", "involvement", "rhetoric", "tactics", "testing",
     # what one is thanked or praised for ("appreciation for Sri Lanka's cooperation")
     "cooperation", "co-operation", "partnership", "friendship", "dedication", "sacrifice", "sacrifices",
     "courage", "bravery", "professionalism", "commitment", "kindness"}
)

# ---------------------------------------------------------------------------
# Pronouns
# ---------------------------------------------------------------------------

PERSON_PRONOUNS: frozenset[str] = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
FIRST_PERSON: frozenset[str] = frozenset({"i", "me", "my", "mine", "we", "us", "our", "ours", "myself", "ourselves"})
SECOND_PERSON: frozenset[str] = frozenset({"you", "your", "yours"})

# ---------------------------------------------------------------------------
# Countries, demonyms, capitals
# ---------------------------------------------------------------------------

# One row per country: canonical name | other names | demonyms | capital.
_COUNTRY_TABLE = """
Afghanistan||Afghan|Kabul
Albania||Albanian|Tirana
Algeria||Algerian|Algiers
Andorra||Andorran|
Angola||Angolan|Luanda
Argentina||Argentine,Argentinian|Buenos Aires
Armenia||Armenian|Yerevan
Australia||Australian|Canberra
Austria||Austrian|Vienna
Azerbaijan||Azerbaijani,Azeri|Baku
Bahrain||Bahraini|Manama
Bangladesh||Bangladeshi|Dhaka
Belarus||Belarusian|Minsk
Belgium||Belgian|Brussels
Benin||Beninese|Porto-Novo
Bhutan||Bhutanese|Thimphu
Bolivia||Bolivian|La Paz
Bosnia and Herzegovina|Bosnia|Bosnian|Sarajevo
Botswana||Botswanan|Gaborone
Brazil||Brazilian|Brasilia,Brasília
Brunei||Bruneian|
Bulgaria||Bulgarian|Sofia
Burkina Faso||Burkinabe|Ouagadougou
Burundi||Burundian|Gitega
Cambodia||Cambodian|Phnom Penh
Cameroon||Cameroonian|Yaounde
Canada||Canadian|Ottawa
Central African Republic|||Bangui
Chad||Chadian|N'Djamena
Chile||Chilean|Santiago
China|People's Republic of China,PRC,Mainland China|Chinese|Beijing
Colombia||Colombian|Bogota,Bogotá
Congo|Republic of the Congo|Congolese|Brazzaville
Democratic Republic of the Congo|DR Congo,DRC,Democratic Republic of Congo||Kinshasa
Costa Rica||Costa Rican|San Jose
Croatia||Croatian|Zagreb
Cuba||Cuban|Havana
Cyprus||Cypriot|Nicosia
Czech Republic|Czechia|Czech|Prague
Denmark||Danish|Copenhagen
Djibouti||Djiboutian|
Dominican Republic||Dominican|Santo Domingo
Ecuador||Ecuadorian|Quito
Egypt||Egyptian|Cairo
El Salvador||Salvadoran|San Salvador
Eritrea||Eritrean|Asmara
Estonia||Estonian|Tallinn
Eswatini|Swaziland|Swazi|Mbabane
Ethiopia||Ethiopian|Addis Ababa
Fiji||Fijian|Suva
Finland||Finnish|Helsinki
France||French|Paris
Gabon||Gabonese|Libreville
Gambia|The Gambia|Gambian|Banjul
Georgia||Georgian|Tbilisi
Germany||German|Berlin
Ghana||Ghanaian|Accra
Greece||Greek|Athens
Guatemala||Guatemalan|Guatemala City
Guinea||Guinean|Conakry
Haiti||Haitian|Port-au-Prince
Honduras||Honduran|Tegucigalpa
Hungary||Hungarian|Budapest
Iceland||Icelandic|Reykjavik
India||Indian|New Delhi
Indonesia||Indonesian|Jakarta
Iran|Islamic Republic of Iran|Iranian|Tehran
Iraq||Iraqi|Baghdad
Ireland|Republic of Ireland|Irish|Dublin
Israel||Israeli|
Italy||Italian|Rome
Ivory Coast|Cote d'Ivoire,Côte d'Ivoire|Ivorian|Yamoussoukro
Jamaica||Jamaican|Kingston
Japan||Japanese|Tokyo
Jordan||Jordanian|Amman
Kazakhstan||Kazakh|Astana
Kenya||Kenyan|Nairobi
Kosovo||Kosovar|Pristina
Kuwait||Kuwaiti|Kuwait City
Kyrgyzstan||Kyrgyz|Bishkek
Laos||Laotian|Vientiane
Latvia||Latvian|Riga
Lebanon||Lebanese|Beirut
Liberia||Liberian|Monrovia
Libya||Libyan|Tripoli
Liechtenstein|||Vaduz
Lithuania||Lithuanian|Vilnius
Luxembourg||Luxembourgish|
Madagascar||Malagasy|Antananarivo
Malawi||Malawian|Lilongwe
Malaysia||Malaysian|Kuala Lumpur
Maldives||Maldivian|Male
Mali||Malian|Bamako
Malta||Maltese|Valletta
Mauritania||Mauritanian|Nouakchott
Mauritius||Mauritian|Port Louis
Mexico||Mexican|Mexico City
Moldova||Moldovan|Chisinau
Monaco||Monegasque|
Mongolia||Mongolian|Ulaanbaatar
Montenegro||Montenegrin|Podgorica
Morocco||Moroccan|Rabat
Mozambique||Mozambican|Maputo
Myanmar|Burma|Burmese|Naypyidaw
Namibia||Namibian|Windhoek
Nepal||Nepali,Nepalese|Kathmandu
Netherlands|The Netherlands,Holland|Dutch|Amsterdam
New Zealand|NZ|New Zealander|Wellington
Nicaragua||Nicaraguan|Managua
Niger||Nigerien|Niamey
Nigeria||Nigerian|Abuja
North Korea|Democratic People's Republic of Korea,DPRK|North Korean|Pyongyang
North Macedonia|Macedonia|Macedonian|Skopje
Norway||Norwegian|Oslo
Oman||Omani|Muscat
Pakistan||Pakistani|Islamabad
Palestine|State of Palestine,Palestinian territories,Palestinian Territories,Occupied Palestinian Territories||Ramallah
Panama||Panamanian|Panama City
Papua New Guinea||Papua New Guinean|Port Moresby
Paraguay||Paraguayan|Asuncion
Peru||Peruvian|Lima
Philippines|The Philippines|Filipino,Philippine|Manila
Poland||Polish|Warsaw
Portugal||Portuguese|Lisbon
Qatar||Qatari|Doha
Romania||Romanian|Bucharest
Russia|Russian Federation|Russian|Moscow
Rwanda||Rwandan|Kigali
Saudi Arabia|Saudi|Saudi,Saudi Arabian|Riyadh
Senegal||Senegalese|Dakar
Serbia||Serbian|Belgrade
Sierra Leone||Sierra Leonean|Freetown
Singapore||Singaporean|
Slovakia||Slovak|Bratislava
Slovenia||Slovenian,Slovene|Ljubljana
Somalia||Somali|Mogadishu
South Africa||South African|Pretoria
South Korea|Republic of Korea,ROK|South Korean|Seoul
South Sudan||South Sudanese|Juba
Spain||Spanish|Madrid
Sri Lanka||Sri Lankan|Colombo
Sudan||Sudanese|Khartoum
Sweden||Swedish|Stockholm
Switzerland||Swiss|Bern
Syria|Syrian Arab Republic|Syrian|Damascus
Taiwan|Republic of China|Taiwanese|Taipei
Tajikistan||Tajik|Dushanbe
Tanzania||Tanzanian|Dodoma
Thailand||Thai|Bangkok
Timor-Leste|East Timor|Timorese|Dili
Togo||Togolese|Lome
Trinidad and Tobago||Trinidadian|Port of Spain
Tunisia||Tunisian|Tunis
Turkey|Turkiye,Türkiye|Turkish|Ankara
Turkmenistan||Turkmen|Ashgabat
Uganda||Ugandan|Kampala
Ukraine||Ukrainian|Kyiv,Kiev
United Arab Emirates|UAE,U.A.E.,Emirates|Emirati|Abu Dhabi
United Kingdom|UK,U.K.,Britain,Great Britain|British|London
United States|US,U.S.,USA,U.S.A.,America,United States of America|American|Washington
Uruguay||Uruguayan|Montevideo
Uzbekistan||Uzbek|Tashkent
Vatican|Vatican City,Holy See||
Venezuela||Venezuelan|Caracas
Vietnam|Viet Nam|Vietnamese|Hanoi
Yemen||Yemeni|Sanaa,Sana'a
Zambia||Zambian|Lusaka
Zimbabwe||Zimbabwean|Harare
Antigua and Barbuda||Antiguan|Saint John's
Bahamas|The Bahamas|Bahamian|Nassau
Barbados||Barbadian|Bridgetown
Belize||Belizean|Belmopan
Cape Verde|Cabo Verde|Cape Verdean|Praia
Comoros||Comorian|Moroni
Dominica||Dominican|Roseau
Grenada||Grenadian|
Guinea-Bissau||Bissau-Guinean|Bissau
Guyana||Guyanese|Georgetown
Kiribati||I-Kiribati|Tarawa
Lesotho||Basotho|Maseru
Marshall Islands||Marshallese|Majuro
Micronesia|Federated States of Micronesia|Micronesian|Palikir
Nauru||Nauruan|
Palau||Palauan|Ngerulmud
Saint Lucia||Saint Lucian|Castries
Samoa||Samoan|Apia
San Marino||Sammarinese|
Seychelles||Seychellois|
Solomon Islands||Solomon Islander|Honiara
Suriname||Surinamese|Paramaribo
Tonga||Tongan|Nuku'alofa
Tuvalu||Tuvaluan|Funafuti
Vanuatu||Ni-Vanuatu|Port Vila
"""

#: Region names with their variants (one place each).
_REGION_TABLE = """
Middle East|Mideast,Mid-East
West Bank|
Gaza|Gaza Strip
Europe|
Asia|
Africa|
Indo-Pacific|
Latin America|
"""


@dataclass(frozen=True)
class Country:
    """A country's names: canonical name, other names, demonyms, capitals."""

    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]


def _split(field: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in field.split(",") if part.strip())


def _read_countries(table: str) -> tuple[Country, ...]:
    rows = []
    for line in table.strip().splitlines():
        name, aliases, demonyms, capitals = (line.split("|") + ["", "", ""])[:4]
        rows.append(Country(name.strip(), _split(aliases), _split(demonyms), _split(capitals)))
    return tuple(rows)


COUNTRIES: tuple[Country, ...] = _read_countries(_COUNTRY_TABLE)


def alias_key(text: str) -> str:
    """How alias tables are looked up: lower case, no periods, no leading "the"."""
    key = text.lower().replace(".", "").replace("’", "'").strip()
    key = key.removeprefix("the ")
    return " ".join(key.split())


def _place_aliases() -> dict[str, str]:
    table: dict[str, str] = {}
    for country in COUNTRIES:
        for form in (country.name, *country.aliases):
            table.setdefault(alias_key(form), country.name)
    for line in _REGION_TABLE.strip().splitlines():
        name, _, variants = line.partition("|")
        for form in (name, *_split(variants)):
            table.setdefault(alias_key(form), name)
    return table


#: Names (lower case, no periods) -> canonical place name.
PLACE_ALIASES: dict[str, str] = _place_aliases()
#: Demonyms ("Japanese") -> the country they stand for in titles and as actors.
DEMONYMS: dict[str, str] = {
    alias_key(d): c.name for c in COUNTRIES for d in c.demonyms
}
#: Capitals -> their country, for a capital named as an actor ("Pyongyang said").
CAPITALS: dict[str, str] = {alias_key(cap): c.name for c in COUNTRIES for cap in c.capitals}

# Organisations: canonical name | aliases and acronyms.
_ORG_TABLE = """
Group of Seven|G7,G-7,Group of 7
Group of Twenty|G20,G-20,Group of 20
United Nations|UN,U.N.
United Nations Security Council|UN Security Council,U.N. Security Council,UNSC,Security Council
United Nations General Assembly|UN General Assembly,U.N. General Assembly,UNGA,General Assembly
European Union|EU,E.U.
North Atlantic Treaty Organization|NATO,North Atlantic Treaty Organisation
Association of Southeast Asian Nations|ASEAN
African Union|AU
Arab League|League of Arab States
Organization of American States|OAS
World Health Organization|WHO,World Health Organisation
International Monetary Fund|IMF
World Bank|
International Atomic Energy Agency|IAEA
International Criminal Court|ICC
Organization of the Petroleum Exporting Countries|OPEC
State Department|U.S. State Department,US State Department,Department of State
Pentagon|Department of Defense,Defense Department
Federal Bureau of Investigation|FBI
Central Intelligence Agency|CIA
European Commission|
Hamas|
Hezbollah|Hizbollah,Hizbullah
Palestine Liberation Organization|PLO
Islamic State|ISIS,ISIL,IS,Daesh,Islamic State of Iraq and the Levant,Islamic State of Iraq and Syria
Taliban|
Kremlin|
White House|
Twitter|
Facebook|
Instagram|
YouTube|
TikTok|
Telegram|
WhatsApp|
Weibo|
"""


def _org_aliases() -> dict[str, str]:
    table: dict[str, str] = {}
    for line in _ORG_TABLE.strip().splitlines():
        name, _, variants = line.partition("|")
        for form in (name, *_split(variants)):
            table.setdefault(alias_key(form), name)
    return table


#: Organisation names and acronyms (lower case, no periods) -> canonical name.
ORG_ALIASES: dict[str, str] = _org_aliases()

#: Every nationality adjective, for titles ("Japanese Foreign Minister") and
#: for scoring positions ("same words ignoring nationality adjectives").
NATIONALITY_WORDS: frozenset[str] = frozenset(DEMONYMS) | frozenset(
    {"u.s.", "us", "uk", "u.k.", "eu", "un", "u.n."}
)
