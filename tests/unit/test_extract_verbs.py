"""Subject-verb-object rules: travel, lists, passive, negation, modality, aid."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def test_visit_expands_a_list_of_places(facts):
    got = facts("Chancellor Olaf Scholz visited Kenya, Nigeria and Ghana.", "visited")
    assert got == {("Olaf Scholz", "visited", p) for p in ("Kenya", "Nigeria", "Ghana")}


def test_arrival_from_a_place_gives_both_places_and_a_date(extract):
    ext = extract("Prime Minister Justin Trudeau arrived in Delhi from Singapore on Tuesday.", date="2024-03-15")
    names = {e.key: e.name for e in ext.entities}
    visited = {(names[f.obj], f.evidence.date) for f in ext.facts if f.relation == "visited"}
    assert visited == {("Delhi", "2024-03-12"), ("Singapore", "2024-03-12")}


def test_negated_and_hypothetical_travel_gives_nothing(facts):
    text = "Olaf Scholz did not visit Poland. Scholz might visit Spain. Scholz never traveled to Chile."
    assert facts(text, "visited") == set() and facts(text, "plansToVisit") == set()


def test_future_travel_is_a_plan(facts):
    got = facts("Emmanuel Macron will travel to Beijing and then to Shanghai next week.")
    assert ("Emmanuel Macron", "plansToVisit", "Beijing") in got
    assert ("Emmanuel Macron", "plansToVisit", "Shanghai") in got
    assert not any(r == "visited" for _, r, _ in got)


def test_meeting_and_hosting(facts):
    assert facts("Emmanuel Macron met with Olaf Scholz in Paris.", "metWith") == {
        ("Emmanuel Macron", "metWith", "Olaf Scholz")}
    assert facts("Emmanuel Macron was hosted by Kenya.", "hosted") == {("Kenya", "hosted", "Emmanuel Macron")}


def test_a_future_meeting_is_no_fact(facts):
    assert facts("Emmanuel Macron will meet Olaf Scholz in Paris.", "metWith") == set()


@pytest.mark.parametrize("text, expected", [
    ("Britain condemned Russia's invasion of Ukraine.", ("United Kingdom", "condemned", "Russia")),
    ("Sweden criticised Iran's nuclear program.", ("Sweden", "condemned", "Iran")),
    ("Canada accused India of interference.", ("Canada", "accused", "India")),
    ("Poland blamed Belarus for the crisis.", ("Poland", "accused", "Belarus")),
    ("Donald Trump was impeached by the Senate in December.", ("Senate", "accused", "Donald Trump")),
    ("Hungary opposes Sweden's membership.", ("Hungary", "opposes", "Sweden")),
    ("Germany urged Israel to allow aid into Gaza.", ("Germany", "urged", "Israel")),
    ("Egypt called on Hamas to release the hostages.", ("Egypt", "urged", "Hamas")),
    ("North Korea threatened South Korea with retaliation.", ("North Korea", "threatened", "South Korea")),
    ("Russia invaded Ukraine in 2022.", ("Russia", "attacked", "Ukraine")),
    ("Italy supports Ukraine.", ("Italy", "supports", "Ukraine")),
    ("Emmanuel Macron thanked Olaf Scholz for his help.", ("Emmanuel Macron", "thanked", "Olaf Scholz")),
])
def test_relation_verbs(facts, text, expected):
    assert expected in facts(text)


def test_aid_promised_or_sent_is_pledged_aid(facts):
    assert ("Germany", "pledgedAidTo", "Sudan") in facts("Germany will provide humanitarian aid to Sudan.")
    assert ("Australia", "pledgedAidTo", "Fiji") in facts("Australia sent assistance to Fiji.")
    assert ("Japan", "pledgedAidTo", "Haiti") in facts("Japan pledged to provide emergency relief to the people of Haiti.")


def test_urging_someone_about_nothing_is_no_urge(facts):
    assert facts("Reporters asked Olaf Scholz about the budget.", "urged") == set()


def test_relative_clause_subject(facts):
    assert ("Olaf Scholz", "visited", "Tokyo") in facts("Olaf Scholz, who reached Tokyo on Monday, said little.")


def test_unnamed_agents_give_no_fact(facts):
    assert facts("Officials visited Kenya. Rebels attacked the town.") == set()


def test_predicate_adjective(facts):
    assert ("Penny Wong", "thanked", "Japan") in facts("Penny Wong is grateful to Japan.")


def test_a_question_is_no_urge_and_a_request_is(facts):
    text = "Reporters asked Olaf Scholz whether he would stay. Germany asked Israel to stop."
    assert facts(text, "urged") == {("Germany", "urged", "Israel")}


def test_cargo_travels_not_the_carrier(facts):
    assert facts("Emirates flies cargo to Syria.", "visited") == set()


def test_verbal_attack_on_a_person_is_no_attack(facts):
    assert facts("Joe Biden attacked Donald Trump for his comments.", "attacked") == set()


def test_appreciating_needs_an_act_of_the_object(facts):
    assert ("Chile", "thanked", "Peru") in facts("Chile appreciated the efforts of Peru.")
    assert facts("Kim Jong Un appreciated Vladimir Putin's poems.", "thanked") == set()


@pytest.mark.parametrize("text, expected", [
    ("Olaf Scholz encouraged Serbia to hold the vote.", ("Olaf Scholz", "urged", "Serbia")),
    ("Keir Starmer challenged Rishi Sunak to call an election.", ("Keir Starmer", "urged", "Rishi Sunak")),
    ("Spain seconded Portugal's proposal.", ("Spain", "supports", "Portugal")),
    ("Jacinda Ardern spoke out against China's crackdown.", ("Jacinda Ardern", "opposes", "China")),
    ("Israeli forces killed Yahya Sinwar in a drone strike.", ("Israel", "attacked", "Yahya Sinwar")),
])
def test_more_relation_verbs(facts, text, expected):
    assert expected in facts(text)


def test_challenging_a_ruling_or_killing_without_force_is_no_fact(facts):
    assert facts("Keir Starmer challenged the ruling of Rishi Sunak.", "urged") == set()
    assert facts("The virus killed Yahya Sinwar.", "attacked") == set()


def test_meeting_unnamed_members_of_bodies_gives_no_meeting(facts):
    got = facts("Olaf Scholz met members of the Bundeswehr and the German Red Cross in Mali.", "metWith")
    assert got == set()


def test_acts_named_with_by_stand_for_their_doer(facts):
    assert ("Norway", "condemned", "Hamas") in facts("Norway condemned the firing of rockets by Hamas.")
    assert ("Olaf Scholz", "opposes", "Viktor Orban") in facts(
        "Olaf Scholz rejected claims made by Viktor Orban about the budget.")


def test_numbered_nationals_are_people_not_their_state(facts):
    assert facts("Penny Wong thanked nine Canadians for their help.", "thanked") == set()


def test_subject_of_a_passive_clause_carries_to_its_conjunct(facts):
    got = facts("Olaf Scholz was greeted by soldiers and met the Governor of Kandahar, Ahmad Wali.", "metWith")
    assert got == {("Ahmad Wali", "metWith", "Olaf Scholz")} or got == {("Olaf Scholz", "metWith", "Ahmad Wali")}


def _met(got: set, a: str, b: str) -> bool:
    return (a, "metWith", b) in got or (b, "metWith", a) in got


def test_coordinated_subjects_meet_each_other(facts):
    got = facts("Olaf Scholz and Emmanuel Macron met in Berlin on Friday.", "metWith")
    assert _met(got, "Olaf Scholz", "Emmanuel Macron")
    got = facts("Olaf Scholz, Emmanuel Macron and Giorgia Meloni gathered in Rome to discuss migration.", "metWith")
    assert len(got) == 3 and _met(got, "Emmanuel Macron", "Giorgia Meloni")


def test_gathering_without_talks_is_no_meeting(facts):
    assert facts("Olaf Scholz and Emmanuel Macron gathered in Rome for the concert.", "metWith") == set()


def test_they_and_the_two_leaders(facts):
    text = ("Penny Wong and Wang Yi arrived in Canberra on Monday. The two leaders held talks at Parliament House. "
            "They urged Russia to end the war.")
    got = facts(text)
    assert _met(got, "Penny Wong", "Wang Yi")
    assert {("Penny Wong", "urged", "Russia"), ("Wang Yi", "urged", "Russia")} <= got


def test_they_after_an_unnamed_group_is_nobody(facts):
    text = "Penny Wong and Wang Yi arrived in Canberra. Protesters gathered outside. They urged Russia to leave."
    assert facts(text, "urged") == set()


def test_joining_the_talks(facts):
    text = ("Olaf Scholz and Emmanuel Macron held talks in Paris. Giorgia Meloni joined the talks later.")
    got = facts(text, "metWith")
    assert _met(got, "Giorgia Meloni", "Olaf Scholz") and _met(got, "Giorgia Meloni", "Emmanuel Macron")


def test_visiting_people_in_a_place_visits_the_place(facts):
    got = facts("Rishi Sunak visited British soldiers in Estonia on Monday.", "visited")
    assert ("Rishi Sunak", "visited", "Estonia") in got
    assert ("Rishi Sunak", "visited", "Riga") in facts("Rishi Sunak entered the embassy in Riga.", "visited")


def test_arriving_where(facts):
    got = facts("Police closed the road to Heathrow Airport, where Joe Biden was arriving by plane.", "visited")
    assert ("Joe Biden", "visited", "Heathrow Airport") in got


def test_companions_go_where_the_leader_went(facts):
    text = ("Prime Minister Rishi Sunak visited Estonia on Monday. "
            "Foreign Secretary James Cleverly and Defence Secretary Grant Shapps accompanied the Prime Minister.")
    got = facts(text, "visited")
    assert {("James Cleverly", "visited", "Estonia"), ("Grant Shapps", "visited", "Estonia")} <= got


def test_companions_of_a_planned_trip_plan_too(facts):
    text = "Rishi Sunak will travel to Kenya next week. Grant Shapps will accompany him."
    got = facts(text)
    assert ("Grant Shapps", "plansToVisit", "Kenya") in got and ("Grant Shapps", "visited", "Kenya") not in got


def test_its_in_a_for_phrase_is_the_object(facts):
    got = facts("Penny Wong thanked Japan for its support for Fiji.")
    assert ("Japan", "supports", "Fiji") in got


def test_a_conjunct_clause_keeps_its_own_modality(facts):
    got = facts("Chancellor Olaf Scholz said the plan should be dropped, and his rivals, which include Friedrich Merz, "
                "blame him for the crisis.", "accused")
    assert ("Friedrich Merz", "accused", "Olaf Scholz") in got


def test_we_are_with_you_in_a_quote_is_support(facts):
    got = facts('Olaf Scholz wrote: "We are with Volodymyr Zelensky in these hard days."', "supports")
    assert ("Olaf Scholz", "supports", "Volodymyr Zelensky") in got
    assert facts("We were with Volodymyr Zelensky in Kyiv last year.", "supports") == set()


def test_asking_how_is_a_question_even_with_a_participle_after(facts):
    got = facts("Reporters asked Olaf Scholz how the money was spent, found through an audit.", "urged")
    assert got == set()


def test_travelling_together_to_discuss_is_no_meeting_of_the_two(facts):
    got = facts("Rishi Sunak and Grant Shapps flew to Kenya to discuss the drought.", "metWith")
    assert got == set()


def test_unnamed_members_of_a_party_are_nobody(facts):
    assert facts("Other Republicans urged Mitch McConnell to act.", "urged") == set()


def test_appreciation_for_an_act_thanks_its_doer(facts):
    got = facts("Penny Wong expressed appreciation for Japan's support to Fiji.", "thanked")
    assert got == {("Penny Wong", "thanked", "Japan")}


def test_looking_forward_to_hosting_is_not_hosting(facts):
    assert facts("Rishi Sunak looks forward to welcoming Joe Biden to London.", "hosted") == set()


def test_troop_movements_are_no_visits(facts):
    assert facts("American troops left Syria in 2019 and returned to Iraq.") & {
        ("United States", "visited", "Syria"), ("United States", "visited", "Iraq")} == set()


def test_a_participle_clause_takes_the_main_clause_tense(facts):
    got = facts("Rishi Sunak will make a trip abroad next week, attending a summit in Rome and making a visit "
                "to Malta.")
    assert ("Rishi Sunak", "plansToVisit", "Malta") in got and ("Rishi Sunak", "visited", "Malta") not in got


def test_a_grant_to_a_body_is_funding_not_aid(facts):
    assert facts("The Government will provide a $2 million grant to Monash University.", "pledgedAidTo") == set()
    assert ("Japan", "pledgedAidTo", "Fiji") in facts("Japan will provide a grant to Fiji.")


def test_a_right_to_oppose_is_no_opposition(facts):
    assert facts("Penny Wong respects Peter Dutton's right to oppose the Government.", "opposes") == set()
    got = facts("Canada's commitment to support the people of Tonga remains strong.", "supports")
    assert any(o == "Tonga" for _, _, o in got)


def test_a_participle_on_a_noun_belongs_to_the_noun(facts):
    got = facts("Japan imposed sanctions on firms supporting North Korea.", "supports")
    assert ("Japan", "supports", "North Korea") not in got
    got = facts("Olaf Scholz joined the calls by German officials asking Poland to act.", "urged")
    assert ("Olaf Scholz", "urged", "Poland") in got


def test_people_picked_out_by_a_relative_clause_are_not_the_nation(facts):
    assert facts("Japan will provide assistance to Australians who were injured in the blast.",
                 "pledgedAidTo") == set()


def test_responsible_for_a_harm_in_a_quote_is_an_accusation(facts):
    got = facts('"Hamas was responsible for the deaths of hundreds of civilians," Prime Minister Benjamin Netanyahu '
                'said.', "accused")
    assert got == {("Benjamin Netanyahu", "accused", "Hamas")}
    got = facts('"Hamas was responsible for security at the crossing," Prime Minister Benjamin Netanyahu said.',
                "accused")
    assert got == set()


def test_a_people_travelling_is_no_visit(facts):
    assert facts("Canadians travelled to Mexico in large numbers last winter.", "visited") == set()


def test_calling_for_an_agents_act_urges_the_agent(facts):
    assert ("Germany", "urged", "Israel") in facts("Germany called for Israeli restraint.")
    assert ("Australia", "urged", "Russia") in facts("Australia called for Russia's withdrawal from Ukraine.")
    assert facts("Norway called for Palestinian statehood.", "urged") == set()


def test_aid_a_relative_clause_gives(facts):
    assert ("Japan", "pledgedAidTo", "Kenya") in facts("Sweden welcomed the development assistance Japan was "
                                                       "providing to Kenya.")


def test_the_embassy_is_the_one_embassy_named_before(facts):
    got = facts("Jane Doe wrote to the French Embassy in Dublin. Foreign Minister Simon Coveney urged the embassy to "
                "act.", "urged")
    assert ("Simon Coveney", "urged", "French Embassy") in got or any(
        s == "Simon Coveney" and "Embassy" in o for s, _, o in got)
    got = facts("Jane Doe wrote to the French Embassy and the German Embassy. Simon Coveney urged the embassy to act.",
                "urged")
    assert got == set()


def test_welcoming_a_report_hosts_nobody(facts):
    assert facts("The Government of Canada welcomed the National Council report.", "hosted") == set()
    assert ("Olaf Scholz", "hosted", "Emmanuel Macron") in facts("Chancellor Olaf Scholz welcomed Emmanuel Macron "
                                                                 "to Berlin.")


def test_an_allegation_is_no_fact(facts):
    assert facts("The arrest came after an allegation he assaulted Maria Petrova, his ex-wife.", "attacked") == set()


def test_the_police_is_not_a_named_police_unit(facts):
    got = facts("The Metropolitan Police Counter Terrorism Command opened an inquiry. Sadiq Khan thanked the police "
                "for their work.", "thanked")
    assert got == set()


def test_hosting_an_event_hosts_nobody(facts):
    assert facts("Japan will host the G20 Summit in Osaka.", "hosted") == set()
    assert facts("Victoria hosted the Commonwealth Games in 2006.", "hosted") == set()


def test_fears_of_an_attack_are_no_attack(facts):
    assert facts("The fort was built out of fears of Russian naval attacks on Sydney.", "attacked") == set()


def test_towns_do_not_travel_and_a_workforce_is_no_venue(facts):
    assert facts("Payments for nurses in Devonport to re-enter the workforce in Tasmania.", "visited") == set()
    assert facts("Jane Smith re-entered the workforce in Tasmania.", "visited") == set()


def test_a_present_tense_trip_after_an_announcement_is_the_planned_trip(facts):
    text = ("Prince Harry will visit Canada from 3 to 5 May. Prince Harry is visiting Canada after travelling to "
            "Mexico. Prince Harry's visit to Ottawa underscores the ties.")
    got = facts(text)
    assert {("Harry", "plansToVisit", "Canada"), ("Harry", "plansToVisit", "Ottawa")} <= got
    assert not any(r == "visited" and o in ("Canada", "Ottawa") for _, r, o in got)


def test_a_present_tense_trip_without_an_announcement_stays_a_visit(facts):
    assert ("Harry", "visited", "Canada") in facts("Prince Harry is visiting Canada this week.")


def test_an_invitation_to_visit_is_no_visit(facts):
    got = facts("The Prime Minister invited President Ashraf Ghani to visit Australia in 2016.")
    assert not any(r in ("visited", "plansToVisit") for _, r, _ in got)


def test_a_future_passive_set_up_is_no_pledge_of_support(facts):
    assert facts("The Select Council will be supported by an Advisory Group.", "supports") == set()
    assert ("Germany", "supports", "Ukraine") in facts("Germany will support Ukraine.")


def test_a_participle_discussing_is_no_meeting_of_its_neighbours(facts):
    got = facts("The Minister met with nurses, the AMA and the Royal College of Surgeons - discussing their plans.",
                "metWith")
    assert not any({s, o} == {"AMA", "Royal College of Surgeons"} for s, _, o in got)


def test_states_discussing_did_not_meet(facts):
    assert facts("Canada and Mexico discussed the trade deal.", "metWith") == set()


@pytest.mark.parametrize("text, triple", [
    ("Chile decried Peru's decision on Friday.", ("Chile", "condemned", "Peru")),
    ("The assembly censured Hungary over the law, and Senator Ana Ruiz lambasted Brazil.",
     ("Ana Ruiz", "condemned", "Brazil")),
    ("Norway castigated Iran for the executions.", ("Norway", "condemned", "Iran")),
    ("Ghana faulted Togo for the border closure.", ("Ghana", "accused", "Togo")),
    ("Finland resisted Russia for months.", ("Finland", "opposes", "Russia")),
    ("Mali appealed to Algeria to reopen the border.", ("Mali", "urged", "Algeria")),
    ("Chad pleaded with Sudan to halt the shelling.", ("Chad", "urged", "Sudan")),
    ("Peru lobbied Chile to drop the tariff.", ("Peru", "urged", "Chile")),
    ("Rwanda conferred with Uganda in Kigali.", ("Rwanda", "metWith", "Uganda")),
    ("Emmanuel Macron sat down with Olaf Scholz in Lima.", ("Emmanuel Macron", "metWith", "Olaf Scholz")),
    ("Azerbaijan besieged Armenia for weeks.", ("Azerbaijan", "attacked", "Armenia")),
])
def test_less_common_verbs_of_each_relation(facts, text, triple):
    assert triple in facts(text)


def test_sitting_without_down_is_no_meeting(facts):
    assert facts("Emmanuel Macron sat with Olaf Scholz at the dinner.", "metWith") == set()


@pytest.mark.parametrize("text", ["Greece holds Turkey responsible for the collision.",
                                  "Greece held Turkey responsible for the collision.",
                                  "Greece held Turkey responsible."])
def test_holding_someone_responsible_accuses_them(facts, text):
    assert ("Greece", "accused", "Turkey") in facts(text)


def test_not_holding_someone_responsible_is_no_accusation(facts):
    assert facts("Greece does not hold Turkey responsible for the collision.", "accused") == set()


@pytest.mark.parametrize("text, triple", [
    ("Norway has committed $40 million in humanitarian assistance to Sudan.", ("Norway", "pledgedAidTo", "Sudan")),
    ("Japan will provide $5 million of emergency aid to Nepal.", ("Japan", "pledgedAidTo", "Nepal")),
    ("Canada announced a package of medical assistance to Haiti.", ("Canada", "pledgedAidTo", "Haiti")),
])
def test_a_sum_or_package_of_aid_is_aid(facts, text, triple):
    assert triple in facts(text)


def test_a_sum_in_budget_funding_is_no_aid(facts):
    assert facts("The Government has committed $13 billion in road funding for Queensland.", "pledgedAidTo") == set()


def test_a_subject_headed_by_its_post_nominal_letters_is_the_named_person(facts):
    assert ("Quentin Bryce", "visited", "Kenya") in facts("Governor-General Quentin Bryce AC CVO visited Kenya.")


def test_one_carried_to_a_place_travels_there(facts):
    assert ("Paul Wright", "visited", "Geneva") in facts("Senator Paul Wright was flown to a clinic in Geneva.")
    assert ("Maria Lopez", "visited", "Vienna") in facts("Opposition leader Maria Lopez was airlifted to Vienna.")
    assert facts("The cargo was flown to Geneva.", "visited") == set()  # no traveller


def test_a_place_named_inside_the_destination(facts):
    got = facts("Chancellor Olaf Scholz, who was visiting the city of Chicago in the state of Illinois, spoke.",
                "visited")
    assert {("Olaf Scholz", "visited", "Chicago"), ("Olaf Scholz", "visited", "Illinois")} <= got


def test_what_is_demanded_from_someone_urges_them(facts):
    assert facts("Chancellor Olaf Scholz demanded an explanation from China.", "urged") == {
        ("Olaf Scholz", "urged", "China")}
    assert facts("Fiji requested assistance from New Zealand.", "urged") == {("Fiji", "urged", "New Zealand")}
    assert facts("Olaf Scholz received a letter from China.", "urged") == set()


def test_an_act_alleged_or_dismissed_stands_for_its_doer(facts):
    assert facts("Both Canada and France have alleged Russian involvement.", "accused") == {
        ("Canada", "accused", "Russia"), ("France", "accused", "Russia")}
    assert facts("The Chinese government dismissed the claim from Washington as baseless.", "opposes") == {
        ("China", "opposes", "United States")}  # a capital acting is its country (RELATIONS.md)


def test_a_two_word_demonym_names_the_doer_of_an_act(facts):
    assert facts("Canada condemns the North Korean nuclear test.", "condemned") == {
        ("Canada", "condemned", "North Korea")}


def test_instructing_someone_to_act_urges_them(facts):
    got = facts("President Emmanuel Macron instructed NATO to prepare a plan.", "urged")
    assert {s for s, _, _ in got} == {"Emmanuel Macron"} and len(got) == 1
    assert facts("President Emmanuel Macron ordered a review of NATO.", "urged") == set()  # nobody told to act


def test_the_first_leader_to_visit(facts):
    assert ("Narendra Modi", "visited", "Israel") in facts(
        "Narendra Modi is the first Indian prime minister to visit Israel.")
    assert ("Narendra Modi", "plansToVisit", "Israel") in facts(
        "Narendra Modi will be the first Indian prime minister to visit Israel.")


def test_the_owner_of_a_commitment_to_support(facts):
    got = facts("Chancellor Olaf Scholz praised Canada's commitment to supporting Ukraine.", "supports")
    assert got == {("Canada", "supports", "Ukraine")}


def test_an_agreement_stands_for_its_parties(facts):
    got = facts("Chancellor Olaf Scholz denounced the deal between Russia and Iran.", "condemned")
    assert got == {("Olaf Scholz", "condemned", "Russia"), ("Olaf Scholz", "condemned", "Iran")}


def test_a_gathering_of_titled_people_is_those_people(facts):
    text = ("On Monday an assembly of several foreign ministers in Rome condemned the deal between Russia and Iran. "
            "French foreign minister Catherine Colonna and her German counterpart, Annalena Baerbock, met there.")
    got = facts(text, "condemned")
    assert {s for s, _, _ in got} == {"Catherine Colonna", "Annalena Baerbock"}
    text = "Several ministers condemned Russia. Foreign Minister Annalena Baerbock spoke."
    assert facts(text, "condemned") == set()  # "ministers" alone says too little about whom


def test_a_guest_welcomed_to_a_place_is_hosted_not_a_visit(facts):
    got = facts("Prime Minister Julia Gillard today welcomed President Joko Widodo to Australia.")
    assert ("Julia Gillard", "hosted", "Joko Widodo") in got
    assert not any(r == "visited" for _, r, _ in got)  # the dev conventions: being welcomed is no travel wording


def test_the_subject_of_an_asked_for_clause_was_urged(facts):
    assert facts("Germany called for Russia to withdraw its troops.", "urged") == {("Germany", "urged", "Russia")}
    assert facts("The European Union demanded that Belarus release all political prisoners.", "urged") == {
        ("European Union", "urged", "Belarus")}
    assert facts("The European Union insisted that Belarus is a dictatorship.", "urged") == set()


def test_a_warning_against_an_act_threatens(facts):
    assert facts("China warned Taiwan against declaring independence.", "threatened") == {
        ("China", "threatened", "Taiwan")}


def test_what_it_called_an_attack(facts):
    assert facts("The White House strongly condemned what it called Russia's brutal attack.", "condemned") == {
        ("White House", "condemned", "Russia")}


def test_asking_why_is_a_question_not_an_urging(facts):
    assert facts("President Donald Trump asked why Joe Biden did not implement the policies.", "urged") == set()


def test_a_time_parsed_as_an_object_is_no_cargo(facts):
    got = facts("Omar Haddad came to the UK a number of years ago, after the war in Syria.")
    assert ("Omar Haddad", "visited", "United Kingdom") in got


def test_headed_for_is_not_yet_there(facts):
    got = facts("Anna Petrova was flying from Tomsk headed for Moscow when she fell ill.")
    assert ("Anna Petrova", "visited", "Moscow") not in got


def test_attributing_a_wrong_to_someone_accuses_them(facts):
    got = facts("The governor of Aden, Ahmed Lamlas, attributed the explosion to Taliban militants.")
    assert ("Ahmed Lamlas", "accused", "Taliban") in got
    assert not [f for f in facts("Coach Mia Lund attributed the win to Taliban fighters.") if f[1] == "accused"]


def test_an_object_pronoun_is_not_the_inherited_subject(facts):
    got = facts("Governor Ann Lee criticised Mayor Joan Park on Facebook, accusing her of negligence.")
    assert ("Ann Lee", "accused", "Joan Park") in got
    assert not [f for f in got if f[2] == "Facebook"]


def test_a_place_after_locative_in_outvotes_an_organisation_tag(facts):
    got = facts("Ivan Sokolov was flown from the city of Novosibirsk in Siberia to Berlin. "
                "Doctors in Novosibirsk said he was stable.")
    assert {("Ivan Sokolov", "visited", p) for p in ("Novosibirsk", "Siberia", "Berlin")} <= got


def test_a_city_the_tagger_ran_into_its_region_is_two_places(nlp):
    from spacy.tokens import Span

    from graph.extract.entities import build_index
    doc = nlp("He flew from Kazan in Tatarstan to Moscow.")
    doc.ents = [Span(doc, 3, 6, "ORG"), Span(doc, 7, 8, "GPE")]  # the small model's mistake, made by hand
    index = build_index(doc)
    assert [(m.text, m.kind.name) for m in index.mentions][:2] == [("Kazan", "PLACE"), ("Tatarstan", "PLACE")]


def test_transferred_to_a_hospital_in_a_city(facts):
    got = facts("Maria Kovac was transferred from the clinic to a hospital in Vienna on Monday.")
    assert ("Maria Kovac", "visited", "Vienna") in got
    assert not [f for f in facts("The bank transferred funds to Vienna.") if f[1] == "visited"]


def test_a_pronoun_after_a_possessive_in_its_own_sentence(facts):
    text = ("President Ana Lopes addressed Parliament with Prime Minister Jan Kos. "
            "It will be Prime Minister Kos's second visit to France and he will visit Paris.")
    got = facts(text)
    assert ("Jan Kos", "plansToVisit", "Paris") in got
    assert ("Ana Lopes", "plansToVisit", "Paris") not in got


def test_count_on_someone_to_act(facts):
    got = facts('EU foreign policy chief Josep Borrell wrote, "I count on Serbia to act with restraint."')
    assert ("Josep Borrell", "urged", "Serbia") in got
    assert not [f for f in facts("Josep Borrell said Brussels can count on Serbia.") if f[1] == "urged"]


def test_naming_the_perpetrators_accuses_them(facts):
    got = facts("General Maria Santos said the New People's Army are the suspected perpetrators.")
    assert any(f[0] == "Maria Santos" and f[1] == "accused" for f in got)
    got = facts("Minister Anna Berg said Hamas was behind the attack.")
    assert ("Anna Berg", "accused", "Hamas") in got


def test_named_examples_of_an_unnamed_plural(facts):
    got = facts("Britain urged countries including France and Italy to send ships.", "urged")
    assert got == {("United Kingdom", "urged", "France"), ("United Kingdom", "urged", "Italy")}


def test_asking_someone_for_something_is_a_request(facts):
    assert ("Olaf Scholz", "urged", "Emmanuel Macron") in facts("Olaf Scholz asked Emmanuel Macron for a delay.")
    assert facts("Reporters asked Emmanuel Macron about the delay.", "urged") == set()


def test_a_passive_relative_clause_names_its_antecedent(facts):
    got = facts("Protesters asked President Aleksandar Vucic, who is supported by the Russian government, to resign.")
    assert ("Russia", "supports", "Aleksandar Vucic") in got


def test_a_body_s_militia_acts_as_the_body(facts):
    got = facts("The alliance is made up of YPG militia which support the Kurdistan Workers' Party.", "supports")
    assert got == {("YPG", "supports", "Kurdistan Workers' Party")}


def test_a_sum_pledged_to_a_country_is_aid(facts):
    assert ("Japan", "pledgedAidTo", "Ukraine") in facts("Japan pledged $50 million to Ukraine on Monday.")
    assert facts("The state gave $2 million to the University of Sydney.", "pledgedAidTo") == set()


@pytest.mark.parametrize("text, expected", [
    ("President Lula is expected to visit Lisbon in May.", ("Lula", "plansToVisit", "Lisbon")),
    ("President Recep Tayyip Erdogan is due to visit Athens on Thursday.",
     ("Recep Tayyip Erdogan", "plansToVisit", "Athens")),
    ("Germany stands ready to support Ukraine.", ("Germany", "supports", "Ukraine")),
    ("Poland said it stands with Ukraine.", ("Poland", "supports", "Ukraine")),
    ("The United States has thrown its weight behind Kenya's plan to lead the mission.",
     ("United States", "supports", "Kenya")),
    ("Senator Joe Manchin opposed President Joe Biden's spending bill.", ("Joe Manchin", "opposes", "Joe Biden")),
    ("Beijing protested against Washington's decision to sell arms to Taiwan.", ("China", "opposes", "United States")),
    ("Greece condemned and rejected Turkey's drilling plans.", ("Greece", "condemned", "Turkey")),
    ("Britain is sending tanks to Ukraine.", ("United Kingdom", "pledgedAidTo", "Ukraine")),
    ("Australia donated 2 million vaccine doses to Indonesia.", ("Australia", "pledgedAidTo", "Indonesia")),
    ("The IMF agreed to lend Egypt $3 billion.", ("International Monetary Fund", "pledgedAidTo", "Egypt")),
    ("China has promised to help Pakistan rebuild after the floods.", ("China", "pledgedAidTo", "Pakistan")),
    ("Pakistan struck militant hideouts in Iran.", ("Pakistan", "attacked", "Iran")),
    ("China warned Taiwan of serious consequences.", ("China", "threatened", "Taiwan")),
    ("The European Union announced a $2 billion aid package for Ukraine.",
     ("European Union", "pledgedAidTo", "Ukraine")),
    ("Ukraine will receive $3 billion from Germany.", ("Germany", "pledgedAidTo", "Ukraine")),
    ("Gaza came under fire from Israel on Monday.", ("Israel", "attacked", "Gaza")),
    ("Iran vowed revenge against Israel for the killing.", ("Iran", "threatened", "Israel")),
    ("Chancellor Olaf Scholz told President Volodymyr Zelensky during a meeting in Kyiv that help would come.",
     ("Olaf Scholz", "metWith", "Volodymyr Zelensky")),
    ("Chancellor Olaf Scholz paid a visit to Kyiv on Monday.", ("Olaf Scholz", "visited", "Kyiv")),
    ("The United States blamed Tehran for the attack.", ("United States", "accused", "Iran")),
    ("Hungary blocked Ukraine's accession talks.", ("Hungary", "opposes", "Ukraine")),
    ("North Korea threatened to attack South Korea.", ("North Korea", "threatened", "South Korea")),
    ("Israeli warplanes struck targets in Lebanon on Sunday.", ("Israel", "attacked", "Lebanon")),
    ("Houthi rebels launched missiles at Saudi Arabia.", ("Houthi", "attacked", "Saudi Arabia")),
    ("Egyptian President Abdel Fattah el-Sisi received Qatar's emir, Sheikh Tamim bin Hamad Al Thani, in Cairo.",
     ("Abdel Fattah el-Sisi", "hosted", "Tamim bin Hamad Al Thani")),
    ("Washington has provided Ukraine with billions of dollars in military aid.", ("United States", "pledgedAidTo", "Ukraine")),
    ("South Korea lodged a protest with Japan over the textbook.", ("South Korea", "condemned", "Japan")),
    ("Boko Haram attacked a village in Nigeria.", ("Boko Haram", "attacked", "Nigeria")),
    ("The European Union will send 100 million euros in aid to Gaza.", ("European Union", "pledgedAidTo", "Gaza")),
    ("Australia has committed $10 million to help Tonga recover.", ("Australia", "pledgedAidTo", "Tonga")),
    ("South Korea said North Korea was responsible for the hacking.", ("South Korea", "accused", "North Korea")),
    ("The United States holds Tehran responsible for the attack.", ("United States", "accused", "Iran")),
    ("China has thrown its support behind Pakistan.", ("China", "supports", "Pakistan")),
    ("Spain voiced its opposition to the plan by Morocco.", ("Spain", "opposes", "Morocco")),
    ("India objected to China's claims in the region.", ("India", "opposes", "China")),
    ("Russia bombed the port of Odesa.", ("Russia", "attacked", "Odesa")),
    ("Israel raided the Jenin refugee camp.", ("Israel", "attacked", "Jenin")),
])
def test_common_news_wording(facts, text, expected):
    assert expected in facts(text)


def test_what_is_not_an_attack_or_opposition(facts):
    assert facts("Police blocked the road to the airport.", "opposes") == set()
    assert facts("The army struck a deal with the rebels.", "attacked") == set()
    assert facts("Russia attacked Kyiv.", "attacked") == {("Russia", "attacked", "Kyiv")}  # a target stays a city


def test_aid_named_after_a_sum_takes_its_recipient(facts):
    got = facts("Defence Secretary Lloyd Austin announced $100 million in new security assistance for Ukraine.")
    assert ("Lloyd Austin", "pledgedAidTo", "Ukraine") in got


def test_two_leaders_held_a_summit(facts):
    got = facts("Prime Minister Fumio Kishida and President Yoon Suk Yeol held a summit in Tokyo.", "metWith")
    assert got == {("Fumio Kishida", "metWith", "Yoon Suk Yeol")}
    assert facts("Saudi Arabia held a summit in Riyadh.", "metWith") == set()


def test_a_grant_to_help_a_body_at_home_is_no_aid(facts):
    assert facts("The council gave $2 million to help the university.", "pledgedAidTo") == set()


def test_what_is_no_pledge_of_aid(facts):
    assert facts("The minister pledged to help the victims.", "pledgedAidTo") == set()
    assert facts("Australia sold tanks to Ukraine.", "pledgedAidTo") == set()


def test_a_verb_without_an_object_shares_the_next_verb_s(facts):
    got = facts("Japan condemned the attack and urged Russia to stop.")
    assert ("Japan", "condemned", "Russia") not in got
    assert ("Japan", "urged", "Russia") in got


def test_it_is_the_body_that_reports_not_a_person(facts):
    assert facts("Foreign Minister Penny Wong said it supports Ukraine.", "supports") == set()


def test_only_a_plan_adjective_carries_the_subject(facts):
    assert facts("President Recep Tayyip Erdogan is likely to visit Athens.", "plansToVisit") == set()
    assert facts("President Recep Tayyip Erdogan was happy to visit Athens.", "visited") == set()


def test_leading_a_body_is_belonging_to_it(facts):
    assert facts("Justin Trudeau heads the Liberal Party.") == {("Justin Trudeau", "affiliatedWith", "Liberal Party")}
    assert facts("Senator Bernie Sanders leads the polls.", "affiliatedWith") == set()


@pytest.mark.parametrize("text, body", [
    ("John Conyers served in the House of Representatives for five decades.", "House of Representatives"),
    ("Kay Hagan worked at Goldman Sachs before entering politics.", "Goldman Sachs"),
    ("Nancy Pelosi was elected to the House of Representatives in 1987.", "House of Representatives"),
    ("Keir Starmer joined the Labour Party in 1980.", "Labour Party"),
])
def test_serving_working_or_being_elected_in_a_body_is_belonging_to_it(facts, text, body):
    person = text.split(" ")[0] + " " + text.split(" ")[1]
    assert (person, "affiliatedWith", body) in facts(text, "affiliatedWith")


@pytest.mark.parametrize("text, person, body", [
    ("The World Health Organization is headed by Tedros Adhanom Ghebreyesus.", "Tedros Adhanom Ghebreyesus",
     "World Health Organization"),
    ("The Business Council of Australia, chaired by Jennifer Westacott, welcomed the plan.", "Jennifer Westacott",
     "Business Council of Australia"),
    ("The National Drought Taskforce will be led by Andrew Forrest.", "Andrew Forrest", "National Drought Taskforce"),
])
def test_whoever_a_body_is_led_by_belongs_to_it(facts, text, person, body):
    assert (person, "affiliatedWith", body) in facts(text, "affiliatedWith")


def test_being_led_by_is_no_membership_of_an_event_or_a_denied_leadership(facts):
    assert facts("The march was led by Greta Thunberg.", "affiliatedWith") == set()
    assert facts("The World Health Organization is not headed by Tedros Adhanom Ghebreyesus.",
                 "affiliatedWith") == set()


def test_no_membership_from_a_place_or_a_negation(facts):
    assert facts("Kay Hagan worked in Charlotte.", "affiliatedWith") == set()
    assert facts("Keir Starmer never joined the Labour Party.", "affiliatedWith") == set()


def test_no_threat_aid_or_meeting_without_their_words(facts):
    assert facts("The WHO warned Europe of a new wave.", "threatened") == set()
    assert facts("The team received a trophy from FIFA.", "pledgedAidTo") == set()
    assert facts("Victoria's hospital system will receive $179 million from the Commonwealth.", "pledgedAidTo") == set()
    assert facts("Chancellor Olaf Scholz told reporters at the summit that Russia would fail.", "metWith") == set()
    assert facts("Prime Minister Julia Gillard welcomed the appointment of General Mick Slater to lead the "
                 "Queensland Flood Recovery Taskforce.", "affiliatedWith") == set()


def test_meetings_told_by_their_circumstances(facts):
    got = facts("Prime Minister Julia Gillard met NATO leaders. The Prime Minister advised President Hamid Karzai "
                "of the increase during their bilateral meeting at the Chicago NATO-ISAF Summit.", "metWith")
    assert ("Julia Gillard", "metWith", "Hamid Karzai") in got
    got = facts("Prime Minister Julia Gillard today welcomed Prime Minister Morgan Tsvangirai of Zimbabwe to "
                "Australia. The leaders held formal discussions this morning.", "metWith")
    assert got == {("Julia Gillard", "metWith", "Morgan Tsvangirai")}
    got = facts("Following their meeting in Canberra today, Prime Minister Tony Abbott MP and Prime Minister "
                "Nguyen Tan Dung of Vietnam underscored the strength of ties.", "metWith")
    assert got == {("Tony Abbott", "metWith", "Nguyen Tan Dung")}


def test_the_leaders_of_a_body_are_not_two_people_named_before(facts):
    assert facts("President Joe Biden spoke in Paris. The leaders of the G7 met on Friday.", "metWith") == set()


def test_a_passive_act_done_in_a_statement_by_its_signers(facts):
    got = facts("Turkey was condemned in a joint statement by Egypt, Greece and Cyprus on October 8.", "condemned")
    assert got == {("Egypt", "condemned", "Turkey"), ("Greece", "condemned", "Turkey"), ("Cyprus", "condemned", "Turkey")}
    assert facts("Turkey was condemned in a statement on Monday.", "condemned") == set()


def test_a_named_site_is_a_place_one_visits(facts):
    got = facts("Prime Minister Anthony Albanese visited Westmead Hospital on Tuesday.", "visited")
    assert got == {("Anthony Albanese", "visited", "Westmead Hospital")}
    got = facts("Prime Minister Anthony Albanese toured the University of Sydney on Friday.", "visited")
    assert got == {("Anthony Albanese", "visited", "University of Sydney")}
    assert facts("Prime Minister Anthony Albanese visited Microsoft on Friday.", "visited") == set()


@pytest.mark.parametrize("text, expected", [
    ("Germany told Russia to release the activist.", {("Germany", "urged", "Russia")}),
    ("Germany pushed Russia to release the activist.", {("Germany", "urged", "Russia")}),
    ("Germany advised Russia to release the activist.", {("Germany", "urged", "Russia")}),
    ("Germany told Russia that the activist was ill.", set()),  # telling that is reporting, not urging
])
def test_telling_pushing_or_advising_someone_to_act_is_urging(facts, text, expected):
    assert facts(text, "urged") == expected


@pytest.mark.parametrize("text, place", [
    ("Ginger Baker moved to Nigeria in the 1970s.", "Nigeria"),
    ("Walter Munk emigrated to the United States in 1932.", "United States"),
    ("Eddie Van Halen relocated to Pasadena as a child.", "Pasadena"),
])
def test_moving_somewhere_is_going_there(facts, text, place):
    person = " ".join(text.split()[:2]) if "Van" not in text else "Eddie Van Halen"
    assert facts(text, "visited") == {(person, "visited", place)}


def test_advising_a_nation_s_citizens_is_not_urging_the_nation(facts):
    assert facts("The embassy advised U.S. citizens to leave the country immediately.", "urged") == set()


def test_a_visitor_expected_somewhere_plans_to_go_there(facts):
    got = facts("French President Emmanuel Macron is expected in Beijing later this month.", "plansToVisit")
    assert got == {("Emmanuel Macron", "plansToVisit", "Beijing")}
    assert facts("Emmanuel Macron is not expected in Beijing this month.", "plansToVisit") == set()


@pytest.mark.parametrize("text, expected", [
    ("North Korea threatened to retaliate against the United States over the drills.",
     {("North Korea", "threatened", "United States")}),
    ("Iran vowed to retaliate against Israel for the strike.", {("Iran", "threatened", "Israel")}),
    ("Iran vowed to rebuild the damaged reactor.", set()),
])
def test_a_promise_of_harm_is_a_threat(facts, text, expected):
    assert facts(text, "threatened") == expected


def test_weapons_stand_for_the_state_that_fires_them(facts):
    assert facts("Russian drones struck Kyiv overnight.", "attacked") == {("Russia", "attacked", "Kyiv")}


@pytest.mark.parametrize("text, place", [
    ("The Malaysian Prime Minister Najib Razak will visit Perth on Wednesday.", "Perth"),
    ("While in Australia, President Nathan will visit Canberra, Hobart and Perth.", "Hobart"),
    ("Queen Silvia will visit Australia. Queen Silvia will also visit Sydney, Adelaide and Yulara.", "Adelaide"),
])
def test_a_bare_name_a_visit_goes_to_is_a_place(facts, text, place):
    assert any(r == "plansToVisit" and o == place for _, r, o in facts(text))


def test_accepting_an_invitation_to_visit_is_a_planned_visit(facts):
    got = facts("Barack Obama has accepted the Prime Minister's invitation to visit Darwin next month.", "plansToVisit")
    assert got == {("Barack Obama", "plansToVisit", "Darwin")}


@pytest.mark.parametrize("text", [
    "Barack Obama has received an invitation to visit Germany next month.",
    "The Prime Minister's invitation to visit Germany was declined by Obama.",
])
def test_an_invitation_alone_is_no_visit(facts, text):
    assert not facts(text, "plansToVisit")


def test_a_person_is_still_a_person_when_visited(facts):
    got = facts("Biden will visit Netanyahu on Monday. Benjamin Netanyahu said it was welcome.")
    assert not any(o == "Netanyahu" and r == "plansToVisit" for _, r, o in got)


@pytest.mark.parametrize("text, places", [
    ("Secretary of State Antony Blinken visited Tokyo, Japan on Monday.", {"Tokyo", "Japan"}),
    ("President Trump fell ill days after traveling to Cleveland, Ohio to take part in the debate.",
     {"Cleveland", "Ohio"}),
    ("Secretary of State Antony Blinken visited Tokyo, Seoul and Beijing last week.", {"Tokyo", "Seoul", "Beijing"}),
    ("Secretary of State Antony Blinken visited Tokyo, Seoul, and Beijing last week.", {"Tokyo", "Seoul", "Beijing"}),
])
def test_a_region_after_a_comma_is_visited_too_but_a_list_is_a_list(facts, text, places):
    assert {o for _, r, o in facts(text) if r == "visited"} == places


@pytest.mark.parametrize("text, fact", [
    ("SpaceX, backed by Elon Musk, launched the rocket.", ("Elon Musk", "supports", "SpaceX")),
    ("Russia's invasion, condemned by France and Germany, continued.", ("France", "condemned", "Russia")),
])
def test_a_participle_with_a_by_agent_is_a_passive_of_the_noun_it_describes(facts, text, fact):
    assert fact in facts(text)


def test_a_participle_s_agents_are_not_its_object(facts):
    assert not facts("The plan, supported by France and Germany, failed.", "supports")


def test_an_unnamed_plural_subject_s_examples_at_the_clause_s_end(facts):
    got = facts("Multiple officials pressured Trump not to commute the sentence, including Senators Mike Lee and "
                "Mike Bost.", "urged")
    assert got == {("Mike Lee", "urged", "Trump"), ("Mike Bost", "urged", "Trump")}


def test_examples_of_an_unnamed_object_stay_with_the_object(facts):
    got = facts("Officials met leaders, including Senators Mike Lee and Mike Bost.", "urged")
    assert not got


@pytest.mark.parametrize("text, pair", [
    ("Prime Minister Kevin Rudd today signed a partnership with Prime Minister Derek Sikua of Solomon Islands.",
     ("Kevin Rudd", "Derek Sikua")),
    ("Presidents Muhammadu Buhari of Nigeria and Patrice Talon of Benin signed the agreement on Sunday.",
     ("Muhammadu Buhari", "Patrice Talon")),
    ("Prime Minister Malcolm Turnbull and Prime Minister Ranil Wickremesinghe witnessed the signing of a trade "
     "arrangement.", ("Malcolm Turnbull", "Ranil Wickremesinghe")),
])
def test_signing_an_agreement_together_is_meeting(facts, text, pair):
    assert (pair[0], "metWith", pair[1]) in facts(text, "metWith")


@pytest.mark.parametrize("text", [
    "Joe Biden and Kamala Harris signed a letter to Congress.",
    "Trump signed an executive order with Pence watching.",
    "New South Wales and Victoria today signed bilateral agreements with the Commonwealth.",
])
def test_signing_anything_else_is_no_meeting(facts, text):
    assert not facts(text, "metWith")


def test_the_guest_of_a_hosting_went_to_its_place(facts):
    got = facts("Saudi Arabia hosted Ukrainian President Volodymyr Zelenskiy in Jeddah for talks on Wednesday.")
    assert {("Saudi Arabia", "hosted", "Volodymyr Zelenskiy"), ("Volodymyr Zelenskiy", "visited", "Jeddah")} <= got


@pytest.mark.parametrize("text, fact", [
    ("Kobe Bryant played for the Los Angeles Lakers for 20 years.", ("Kobe Bryant", "affiliatedWith", "Los Angeles Lakers")),
    ("As well as Stardom, Hana Kimura also wrestled for Senjo.", ("Hana Kimura", "affiliatedWith", "Senjo")),
])
def test_playing_for_a_team_is_membership(facts, text, fact):
    assert fact in facts(text, "affiliatedWith")


@pytest.mark.parametrize("text, triple", [
    ("The Australian Government has today pledged up to $5 million to The Queen Elizabeth Diamond Jubilee Trust.",
     ("Australia", "pledgedAidTo", "Queen Elizabeth Diamond Jubilee Trust")),
    ("Germany donated $10 million to the World Food Programme.", ("Germany", "pledgedAidTo", "World Food Programme")),
])
def test_a_sum_pledged_or_donated_to_a_body_is_aid(facts, text, triple):
    assert triple in facts(text, "pledgedAidTo")


@pytest.mark.parametrize("text, triple", [
    ("Mr Geoff Clark is the ATSIC Chairman. The ATSIC Chairman wishes to thank the Australian Cricket Board.",
     ("Geoff Clark", "thanked", "Australian Cricket Board")),
    ("Julia Gillard said she wished to thank the Japanese Government.", ("Julia Gillard", "thanked", "Japan")),
])
def test_wishing_to_thank_is_thanking(facts, text, triple):
    assert triple in facts(text, "thanked")


def test_not_wishing_to_thank_is_no_thanks(facts):
    assert facts("Julia Gillard did not wish to thank the Japanese Government.", "thanked") == set()


def test_a_place_the_parser_hung_on_visit_as_an_adverb_is_visited(facts):
    got = facts("President Joko Widodo spoke. Widodo visited Jakarta.", "visited")
    assert got == {("Joko Widodo", "visited", "Jakarta")}


@pytest.mark.parametrize("text, triple", [
    ("The Minister for Trade, Mr Andrew Robb, will lead a trade mission to Vietnam in 2015.",
     ("Andrew Robb", "plansToVisit", "Vietnam")),
    ("Senator Smith led a delegation to China last week.", ("Smith", "visited", "China")),
])
def test_leading_a_mission_to_a_place_is_going_there(facts, text, triple):
    assert triple in facts(text)


def test_a_state_leading_a_mission_does_not_travel(facts):
    assert facts("China will lead a mission to Fiji.", "plansToVisit") == set()


def test_opposing_an_x_led_act_opposes_its_leader(facts):
    assert facts("Germany opposed the US-led invasion of Iraq.", "opposes") == {("Germany", "opposes", "United States")}


def test_a_person_listed_after_another_s_title_is_met_too(facts):
    got = facts("Senator Carr and Premier Weatherill met Dan Akerson, GM's Chairman and Chief Executive Officer and "
                "Tim Lee, GM's President of International Operations.", "metWith")
    assert {("Carr", "metWith", "Tim Lee"), ("Weatherill", "metWith", "Tim Lee")} <= got


@pytest.mark.parametrize("text, triple", [
    ("Bruce McArthur killed Andrew Kinsman in 2017.", ("Bruce McArthur", "attacked", "Andrew Kinsman")),
    ("John Smith was stabbed by Tom Jones.", ("Tom Jones", "attacked", "John Smith")),
    ("Tom Jones murdered John Smith.", ("Tom Jones", "attacked", "John Smith")),
])
def test_a_named_person_killing_stabbing_or_murdering_another_attacked_them(facts, text, triple):
    assert triple in facts(text, "attacked")


def test_a_death_with_no_named_killer_is_no_attack(facts):
    assert facts("The virus killed Andrew Kinsman. Jones was killed in a crash.", "attacked") == set()


@pytest.mark.parametrize("text, triple", [
    ("Sir Mekere Morauta was in Sydney en route to the APEC leaders' meeting in Auckland.",
     ("Mekere Morauta", "plansToVisit", "Auckland")),
    ("President Joe Biden was on his way to Tokyo when the plane was diverted.", ("Joe Biden", "plansToVisit", "Tokyo")),
])
def test_on_the_way_to_a_place_is_a_planned_visit(facts, text, triple):
    assert triple in facts(text, "plansToVisit")
    assert (triple[0], "visited", triple[2]) not in facts(text, "visited")


@pytest.mark.parametrize("text", [
    "It is a real honour for Australia to host the G20 in Brisbane.",
    "Australia takes enormous pride in being the first nation to host CHOGM three times.",
])
def test_hosting_a_body_named_for_its_summit_hosts_nobody(facts, text):
    assert not facts(text, "hosted")


def test_supporting_a_states_evolution_supports_the_state(facts):
    assert ("Australia", "supports", "Indonesia") in facts(
        "Australia has welcomed and supported Indonesia's evolution into a strong democracy.", "supports")


@pytest.mark.parametrize("text, companion, place", [
    ("I will visit Papua New Guinea and Solomon Islands from 6-8 March. I will be accompanied by the Hon Duncan "
     "Kerr SC MP, Parliamentary Secretary for Pacific Island Affairs.", "Duncan Kerr", "Solomon Islands"),
    ("I shall visit Thailand from 23 to 26 April. I will open a museum on 24 April. It will be a great honour to be "
     "accompanied on my visit by Sir John Carrick and Mr Tom Uren.", "Tom Uren", "Thailand"),
    ("I will be accompanied on my visit to India by Jane Roe.", "Jane Roe", "India"),
])
def test_companions_of_an_unnamed_traveller_go_on_the_trip_stated(facts, text, companion, place):
    assert (companion, "plansToVisit", place) in facts(text, "plansToVisit")


def test_a_leader_accompanied_by_ministers_is_no_companion(facts):
    got = facts("I am pleased to announce that Prime Minister Thaksin Shinawatra of Thailand accompanied by eight "
                "members of his Cabinet will visit Australia from 4 July.")
    assert ("Thaksin Shinawatra", "visited", "Australia") not in got


@pytest.mark.parametrize("text, asker, asked", [
    ("Joe Biden called for the government of Ukraine to reduce corruption.", "Joe Biden", "Ukraine"),
    ("Adil Abdul-Mahdi recommended the United States troops in Iraq withdraw.", "Adil Abdul-Mahdi", "United States"),
])
def test_calling_for_or_recommending_that_someone_act_urges_them(facts, text, asker, asked):
    assert (asker, "urged", asked) in facts(text, "urged")


def test_calling_for_calm_urges_nobody(facts):
    assert not facts("Jane Roe called for calm after the vote.", "urged")


@pytest.mark.parametrize("text, judge", [
    ("On Monday, Judge Victor Marrero issued a ruling against President Donald Trump.", "Victor Marrero"),
    ("The Supreme Court ruled against Donald Trump on Monday.", "Supreme Court"),
])
def test_ruling_against_someone_opposes_them(facts, text, judge):
    assert (judge, "opposes", "Donald Trump") in facts(text, "opposes")


def test_ruling_in_someones_favour_opposes_nobody(facts):
    assert not facts("The court ruled in favour of Donald Trump.", "opposes")


def test_bringing_charges_against_someone_accuses_them(facts):
    got = facts("Yesterday the United States Department of Justice unsealed further charges against Jong Woo Son.",
                "accused")
    assert got == {("United States Department of Justice", "accused", "Jong Woo Son")}


def test_a_range_from_a_capital_to_a_place_hung_on_its_start(facts):
    got = facts("Akilisi Pohiva, the prime minister of Tonga, died today. Pohiva, who had been Tonga's prime minister "
                "since his election in 2014, was evacuated Wednesday afternoon from Tonga's capital, Nukuʻalofa, to a "
                "hospital in Auckland, New Zealand, with pneumonia.", "visited")
    assert {("Akilisi Pohiva", "visited", p) for p in ("Auckland", "New Zealand", "Nukuʻalofa", "Tonga")} <= got


@pytest.mark.parametrize("text, triple", [
    ("The European Union will provide 50 million euros to support Ukraine.",
     ("European Union", "pledgedAidTo", "Ukraine")),
    ("Japan gave 10 million dollars to Nepal.", ("Japan", "pledgedAidTo", "Nepal")),
])
def test_a_sum_written_in_a_currency_word_is_a_gift(facts, text, triple):
    assert triple in facts(text, "pledgedAidTo")


@pytest.mark.parametrize("text, triple", [
    ("Iran demanded from Interpol to publish a red notice for Donald Trump.", ("Iran", "urged", "Interpol")),
    ("The Court of Session had been petitioned by Joanna Cherry for a ruling.",
     ("Joanna Cherry", "urged", "Court of Session")),
])
def test_demanding_from_someone_or_petitioning_them_urges_them(facts, text, triple):
    assert triple in facts(text, "urged")


def test_a_letter_from_someone_is_no_demand_on_them(facts):
    assert facts("Iran received a letter from Interpol to publish a red notice.", "urged") == set()


def test_alleging_someone_did_a_wrong_accuses_them(facts):
    got = facts("US Ambassador Richard Grenell alleged Mahan Air had contributed to incredible human suffering, "
                "violence, and political instability.", "accused")
    assert got == {("Richard Grenell", "accused", "Mahan Air")}


@pytest.mark.parametrize("text", [
    "Associates of Alexei Navalny alleged he drank tea laced with poison.",
    "John Smith alleged Alexei Navalny was poisoned by agents.",
    "John Smith alleged Alexei Navalny won the vote.",
])
def test_alleging_what_befell_someone_accuses_no_one(facts, text):
    assert facts(text, "accused") == set()


@pytest.mark.parametrize("text", [
    "Kamala Harris attacked Joe Biden during Democratic debates.",
    "Democrats continued to attack Donald Trump on his taxes.",
    "Joe Biden attacked Donald Trump on paying fewer taxes.",
])
def test_an_attack_on_a_topic_or_during_a_debate_is_words(facts, text):
    assert facts(text, "attacked") == set()


@pytest.mark.parametrize("text", [
    "John Smith attacked Bill Jones on the street with a knife.",
    "John Smith attacked Bill Jones on Monday.",
])
def test_an_attack_on_a_street_or_a_day_is_force(facts, text):
    assert ("John Smith", "attacked", "Bill Jones") in facts(text, "attacked")


@pytest.mark.parametrize("text, relation, expected", [
    ("President Joe Biden leaves on Tuesday. The trip will take him to Poland and Lithuania.", "plansToVisit",
     {("Joe Biden", "plansToVisit", "Poland"), ("Joe Biden", "plansToVisit", "Lithuania")}),
    ("The tour took Prime Minister John Key to Beijing and Shanghai.", "visited",
     {("John Key", "visited", "Beijing"), ("John Key", "visited", "Shanghai")}),
    ("The road will take John Key to Beijing.", "plansToVisit", set()),
    ("The visit will not take John Key to Beijing.", "plansToVisit", set()),
])
def test_the_people_a_trip_takes_somewhere_go_there(facts, text, relation, expected):
    assert facts(text, relation) == expected


@pytest.mark.parametrize("text, expected", [
    ("A helicopter flew President Donald Trump to Washington.", {("Donald Trump", "visited", "Washington")}),
    ("The army evacuated John Smith to Brisbane.", {("John Smith", "visited", "Brisbane")}),
    ("Qantas flew 300 tonnes of aid to Tonga.", set()),
    ("Troops evacuated the town to Brisbane.", set()),
])
def test_a_person_carried_somewhere_goes_there(facts, text, expected):
    assert facts(text, "visited") == expected


@pytest.mark.parametrize("text, expected", [
    ("The leaders of France, Germany and Italy met in Rome on Tuesday.",
     {("France", "metWith", "Germany"), ("France", "metWith", "Italy"), ("Germany", "metWith", "Italy")}),
    ("On Thursday, the delegations of Cyprus, Greece and Israel had met for their seventh trilateral summit.",
     {("Cyprus", "metWith", "Greece"), ("Cyprus", "metWith", "Israel"), ("Greece", "metWith", "Israel")}),
])
def test_envoys_of_states_who_meet_are_their_states_meeting(facts, text, expected):
    assert facts(text, "metWith") == expected


def test_unnamed_representatives_of_a_state_do_not_speak_as_the_state(facts):
    got = facts("Representatives from Iran acknowledged their government had \"unintentionally\" shot down a jet.")
    assert not any(r == "said" for _, r, _ in got)


@pytest.mark.parametrize("text, expected", [
    ("Prime Minister Ana Costa welcomed Prime Minister Lars Berg to Portugal. On trade, the Prime Ministers "
     "discussed the transition to cleaner shipping.", {("Ana Costa", "metWith", "Lars Berg")}),
    ("Prime Minister Ana Costa welcomed President Omar Bello to Portugal. President Bello praised the ties. "
     "The visit is the first since 1990. Trade has doubled. Exports grew. Leaders discussed a range of "
     "security challenges.", {("Ana Costa", "metWith", "Omar Bello")}),
])
def test_the_plural_title_or_bare_leaders_who_discuss_met(facts, text, expected):
    # "the Prime Ministers" is tagged as a name of its own; "Leaders" bare, its two named further back
    assert facts(text, "metWith") == expected


def test_a_bare_plural_title_may_be_anyone(facts):
    got = facts("Prime Minister Ana Costa welcomed Prime Minister Lars Berg to Portugal. The plan was endorsed "
                "by Prime Ministers in August.", "supports")
    assert got == set()


def test_a_list_ending_on_a_possessive_owns_the_object(facts):
    got = facts("Prime Minister Ana Costa reaffirmed her commitment to Portugal and Spain’s ongoing defence "
                "cooperation.", "supports")
    assert got == set()
    got = facts("Prime Minister Ana Costa reaffirmed her commitment to Portugal and Spain.", "supports")
    assert got == {("Ana Costa", "supports", "Portugal"), ("Ana Costa", "supports", "Spain")}


def test_a_meeting_that_will_be_held_has_not_happened(facts):
    got = facts("Prime Ministers Ana Costa and Lars Berg today released the study. The Prime Ministers agreed to "
                "the study in January 2012 for consideration at their 2013 Leaders' meeting, which will mark the "
                "30th anniversary of the Trade Agreement.", "metWith")
    assert got == set()


def test_a_visit_told_in_the_present_before_its_announcement_is_the_plan(facts):
    got = facts("President Ana Costa’s visit to Australia provides an opportunity to build on our ties. "
                "The President and her party will travel to Perth and Sydney during the visit. "
                "President Costa will visit Australia from 2 to 5 April.", "visited")
    assert got == set()


def test_a_past_visit_beside_an_announced_one_stays(facts):
    got = facts("President Ana Costa visited Australia in 2015. President Costa will visit Australia again in April.",
                "visited")
    assert got == {("Ana Costa", "visited", "Australia")}


def test_a_country_before_the_second_leaders_title_is_no_party_to_the_meeting(facts):
    got = facts("Australian Prime Minister John Howard and Papua New Guinea Prime Minister Sir Mekere Morauta met in "
                "Sydney today.", "metWith")
    assert got == {("John Howard", "metWith", "Mekere Morauta")}


def test_a_phrase_before_the_subject_is_a_circumstance_not_the_verbs_object(facts):
    assert facts("But for California, with the AIP, Kanye West stands in Richardson's usual place.",
                 "supports") == set()
    assert facts("Kanye West stands with the AIP.", "supports") == {("Kanye West", "supports", "AIP")}
    got = facts("Antony Blinken came to Tokyo. However, from Japan, Blinken will visit South Korea.", "visited")
    assert ("Antony Blinken", "visited", "Japan") in got  # a fronted origin still tells where he is
