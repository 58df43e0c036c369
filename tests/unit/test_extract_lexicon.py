"""The lexicon tables are consistent and broad enough (no model)."""

from __future__ import annotations

from graph.extract import lexicon as lx
from graph.model import RELATIONS


def test_every_rule_names_a_known_relation():
    relations = {r.relation for rules in lx.RELATION_VERBS.values() for r in rules}
    relations |= {r.relation for r in lx.TRAVEL_VERBS.values()}
    relations |= {r.relation for r in lx.RELATION_NOUNS.values()}
    relations |= {rel for rel, _ in lx.LIGHT_VERB_PHRASES.values()}
    relations |= set(lx.HYPHEN_PARTICIPLES.values())
    assert relations <= set(RELATIONS)
    # every entity relation but the title ones has at least one rule
    assert set(RELATIONS) - relations - {"holdsPosition", "affiliatedWith", "said", "plansToVisit", "pledgedAidTo"} \
        == set()


def test_country_table_is_broad_and_unambiguous():
    assert len(lx.COUNTRIES) >= 150
    assert lx.PLACE_ALIASES["us"] == lx.PLACE_ALIASES["united states of america"] == "United States"
    assert lx.PLACE_ALIASES["britain"] == "United Kingdom"
    assert lx.DEMONYMS["japanese"] == "Japan" and lx.DEMONYMS["british"] == "United Kingdom"
    assert lx.CAPITALS["pyongyang"] == "North Korea"


def test_alias_key_ignores_case_periods_and_the():
    assert lx.alias_key("The U.S.") == lx.alias_key("us") == "us"
    assert lx.ORG_ALIASES[lx.alias_key("G7")] == lx.ORG_ALIASES[lx.alias_key("Group of 7")] == "Group of Seven"
