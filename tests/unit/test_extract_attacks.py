"""Attacks told over several sentences: the one doer of "the attack" and its victims."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def test_a_claimed_attack_gives_its_doer_the_places_it_struck(facts):
    text = ("Fuel depots belonging to the state-owned Sonatrach were hit by drone strikes on Sunday. "
            "The Polisario Front claimed responsibility for the attacks.")
    assert ("Polisario Front", "attacked", "Sonatrach") in facts(text, "attacked")


def test_victims_of_the_airstrike_are_the_doers(facts):
    text = ("Israeli forces killed Hassan Nasrallah in an airstrike on Friday. "
            "He was meeting Ali Karaki, who was also killed in the airstrike.")
    got = facts(text, "attacked")
    assert ("Israel", "attacked", "Ali Karaki") in got


def test_two_doers_link_nothing(facts):
    text = ("Hamas claimed responsibility for the attack. Israel carried out the strike. "
            "Ahmed Yassin was killed in the attack.")
    assert not any(o == "Ahmed Yassin" for _, _, o in facts(text, "attacked"))


def test_a_victim_named_with_its_own_attacker_is_not_relinked(facts):
    text = ("Al-Shabaab claimed responsibility for the bombing. "
            "In 2010, Kampala was the target of an attack, and Ahmed Said was killed by police.")
    got = facts(text, "attacked")
    assert ("Al-Shabaab", "attacked", "Ahmed Said") not in got


def test_the_attack_stands_for_its_one_claimed_doer(facts):
    text = ("The Taliban claimed responsibility for the bombing in Kabul. "
            "President Ashraf Ghani condemned the attack on Monday.")
    assert ("Ashraf Ghani", "condemned", "Taliban") in facts(text, "condemned")
    text = ("The Taliban claimed responsibility for the bombing in Kabul. "
            "President Ashraf Ghani condemned the December 31 attack on the embassy.")
    assert not any(o == "Taliban" for _, _, o in facts(text, "condemned"))


def test_a_known_organisation_cut_short_by_the_tagger_is_whole(extract):
    ext = extract("The Islamic State of Iraq and the Levant claimed responsibility for the bombing.")
    names = {e.name for e in ext.entities}
    assert "Levant" not in names


def test_an_attack_that_names_its_own_doer_is_not_relinked(facts):
    text = ("Osama bin Laden attacked New York in 2001. "
            "Hamza bin Laden has been killed in a US counter-terrorism operation.")
    assert ("Osama bin Laden", "attacked", "Hamza bin Laden") not in facts(text, "attacked")


@pytest.mark.parametrize("text", [
    "Qasem Soleimani was killed last week by a US airstrike in Iraq.",
    "A US airstrike killed Qasem Soleimani.",
])
def test_a_state_s_airstrike_stands_for_the_state(facts, text):
    assert ("United States", "attacked", "Qasem Soleimani") in facts(text, "attacked")


def test_a_capital_standing_for_its_country_lends_it_no_name(extract):
    got = extract("Navalny was airlifted to Berlin, Germany. A Berlin-based charity paid, and Berlin said it "
                  "would help.")
    germany = [e for e in got.entities if e.name == "Germany"]
    assert germany and all("Berlin" not in e.surface_forms for e in germany)
