"""Titles and appositions -> holdsPosition and affiliatedWith; descriptions."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def test_prefix_title_with_country_and_office(facts):
    got = facts("U.S. Secretary of Defense Lloyd Austin arrived in Manila.")
    assert ("Lloyd Austin", "holdsPosition", "Secretary of Defense") in got
    assert ("Lloyd Austin", "affiliatedWith", "United States") in got


def test_demonym_stands_for_the_country(extract):
    ext = extract("British Foreign Secretary David Cameron spoke in Riga.")
    names = {e.key: e for e in ext.entities}
    aff = [names[f.obj] for f in ext.facts if f.relation == "affiliatedWith"]
    assert [a.name for a in aff] == ["United Kingdom"] and "British" in aff[0].surface_forms


def test_organisation_before_a_job(facts):
    got = facts("Pentagon spokesperson Sabrina Singh declined to comment.")
    assert ("Sabrina Singh", "holdsPosition", "spokesperson") in got
    assert ("Sabrina Singh", "affiliatedWith", "Pentagon") in got


def test_former_is_kept(facts):
    assert ("Donald Trump", "holdsPosition", "former President") in facts("Former President Donald Trump spoke.") \
        or ("Donald Trump", "holdsPosition", "Former President") in facts("Former President Donald Trump spoke.")


def test_apposition_both_ways(facts):
    got = facts("Sergei Lavrov, Russia's foreign minister, met Wang Yi. His Chinese counterpart, Wang Yi, smiled.")
    assert ("Sergei Lavrov", "holdsPosition", "foreign minister") in got
    assert ("Sergei Lavrov", "affiliatedWith", "Russia") in got
    assert ("Wang Yi", "affiliatedWith", "China") in got


def test_the_place_after_of_is_not_a_titled_name(facts):
    assert facts("He thanked the mayor of Fort Worth.", "holdsPosition") == set()


def test_description_resolves_to_the_titled_person(facts):
    text = ("Prime Minister Mark Rutte arrived in Oslo. Later the Dutch Prime Minister thanked Norway.")
    got = facts(text)
    assert ("Mark Rutte", "thanked", "Norway") in got
    assert ("Mark Rutte", "affiliatedWith", "Netherlands") in got


def test_a_shorter_title_inside_a_longer_one_is_dropped(facts):
    text = "Secretary Lloyd Austin landed. The Secretary of Defense met reporters."
    assert facts(text, "holdsPosition") == {("Lloyd Austin", "holdsPosition", "Secretary of Defense")}
