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


def test_title_with_for_and_to_complements(facts):
    got = facts("The Minister for Foreign Affairs, Kevin Rudd, spoke. Canada's Ambassador to Peru Jon Philp listened.")
    assert ("Kevin Rudd", "holdsPosition", "Minister for Foreign Affairs") in got
    assert ("Jon Philp", "holdsPosition", "Ambassador to Peru") in got
    assert ("Jon Philp", "affiliatedWith", "Canada") in got


def test_rank_after_a_full_title_is_a_second_title(facts):
    got = facts("The Chief of the Defence Force General David Hurley arrived.", "holdsPosition")
    assert got == {("David Hurley", "holdsPosition", "Chief of the Defence Force"),
                   ("David Hurley", "holdsPosition", "General")}


def test_of_body_after_a_title_in_front_of_a_name(facts):
    got = facts("She congratulated the incoming Premier of Tasmania Lara Giddings. Premier Giddings thanked Tasmania.")
    assert ("Lara Giddings", "holdsPosition", "incoming Premier") in got
    assert ("Lara Giddings", "affiliatedWith", "Tasmania") in got


def test_as_roles_go_to_the_possessor(facts):
    got = facts("The minister thanked Penny Sackett for her tenure as Australia's Chief Scientist.")
    assert ("Penny Sackett", "holdsPosition", "Chief Scientist") in got
    assert ("Penny Sackett", "affiliatedWith", "Australia") in got


def test_former_description_of_an_as_role(facts):
    text = ("Julia Gillard thanked David Bartlett. She praised David for his roles as Premier and Education Minister. "
            "The former Premier smiled.")
    got = facts(text, "holdsPosition")
    assert {("David Bartlett", "holdsPosition", t) for t in ("Premier", "Education Minister", "former Premier")} <= got
    assert not any(s == "Julia Gillard" for s, _, _ in got)


def test_person_of_an_organisation_and_possessive_organisation(facts):
    got = facts("Speaking to Martin Smith of PBS, he smiled. Reuters' Anna Holt and BBC's Jonathan Marcus agreed.")
    assert ("Martin Smith", "affiliatedWith", "PBS") in got
    assert ("Jonathan Marcus", "affiliatedWith", "BBC") in got


def test_counterparts_respectively(facts):
    text = ("Egyptian foreign minister Sameh Shoukry and his Greek, Cypriot and French counterparts, Nikos Dendias, "
            "Nikos Christodoulides and Jean-Yves Le Drian, respectively, gathered in Cairo.")
    got = facts(text)
    for name, country in (("Nikos Dendias", "Greece"), ("Nikos Christodoulides", "Cyprus"),
                          ("Jean-Yves Le Drian", "France")):
        assert (name, "affiliatedWith", country) in got
        assert (name, "holdsPosition", "foreign minister") in got


def test_copular_title_and_for_body(facts):
    got = facts("Later Khashoggi was a columnist for The Washington Post. Ahmed Assadi, a spokesman for the PMF, spoke.")
    assert ("Khashoggi", "holdsPosition", "columnist") in got
    assert ("Khashoggi", "affiliatedWith", "Washington Post") in got
    assert ("Ahmed Assadi", "affiliatedWith", "PMF") in got


def test_academic_ranks_and_lower_case_common_words_are_no_positions(facts):
    got = facts("Professor Penny Sackett resigned. Agnès Callamard, a UN rapporteur, said true justice takes time.",
                "holdsPosition")
    assert ("Penny Sackett", "holdsPosition", "Professor") not in got
    assert not any(t == "justice" for _, _, t in got)


def test_title_in_front_of_a_name_is_no_description(facts):
    text = "Foreign Secretary Dominic Raab spoke with US Secretary of State Mike Pompeo."
    got = facts(text, "holdsPosition")
    assert ("Dominic Raab", "holdsPosition", "Secretary of State") not in got
    assert ("Mike Pompeo", "holdsPosition", "Secretary of State") in got


def test_incoming_description_is_not_the_sitting_holder(facts):
    text = ("President Donald Trump spoke on Monday. Officials let the incoming president elect see the files.")
    assert ("Donald Trump", "holdsPosition", "incoming president") not in facts(text, "holdsPosition")


def test_academic_rank_after_an_office_is_dropped(facts):
    got = facts("Cancer Council chief executive Professor Ian Olver said evidence was key.", "holdsPosition")
    assert ("Ian Olver", "holdsPosition", "chief executive") in got


def test_becoming_a_title_and_a_misparsed_apposition(facts):
    got = facts("Since becoming Prime Minister a fortnight ago, Mr Kevin Rudd has met four times with the ACTU.",
                "holdsPosition")
    assert ("Kevin Rudd", "holdsPosition", "Prime Minister") in got
    text = ("The Minister for Defence Materiel Mike Kelly, the Chief of the Defence Force General David Hurley and "
            "Australia’s Ambassador to Afghanistan Jon Philp accompanied the Prime Minister.")
    got = facts(text, "holdsPosition")
    assert not any("Hurley" in title for _, _, title in got)


def test_a_description_with_its_own_for_part_is_another_office(facts):
    text = ("Prime Minister Malcolm Turnbull and Prime Minister Benjamin Netanyahu met in Sydney. "
            "The Australian Minister for the Environment and Energy will visit Israel next year.")
    got = facts(text, "affiliatedWith")
    assert ("Benjamin Netanyahu", "affiliatedWith", "Australia") not in got


def test_a_title_head_after_a_for_complement_is_a_second_title(facts):
    text = ("At the ceremony, Parliamentary Secretary for Sustainability and Urban Water Senator Don Farrell "
            "said he was impressed.")
    got = facts(text, "holdsPosition")
    assert ("Don Farrell", "holdsPosition", "Senator") in got
    assert ("Don Farrell", "holdsPosition", "Parliamentary Secretary for Sustainability and Urban Water") in got


def test_an_office_in_an_of_phrase_stays_in_the_title(facts):
    got = facts("General Peter Cosgrove retired as Chief of the Defence Force in 2005.", "holdsPosition")
    assert ("Peter Cosgrove", "holdsPosition", "Chief of the Defence Force") in got


def test_praise_with_a_title_noun_is_no_office(facts):
    got = facts("Internationally, Ratu Mara was an outstanding representative for the Pacific.", "holdsPosition")
    assert got == set()
    assert ("Mark Warner", "holdsPosition", "chairman") in facts(
        "Later, Senator Mark Warner was the Democratic chairman of the Intelligence Committee.", "holdsPosition")


def test_from_names_the_body_of_a_title(facts):
    got = facts("Voters in Vermont met on Monday. Later, Senator from Vermont Bernie Sanders endorsed Joe Biden.")
    assert ("Bernie Sanders", "holdsPosition", "Senator") in got
    assert ("Bernie Sanders", "affiliatedWith", "Vermont") in got


def test_of_a_place_s_organisation(facts):
    got = facts("Lead author Sally Wasef of Australia's Griffith University explained the study to the press.")
    assert ("Sally Wasef", "affiliatedWith", "Griffith University") in got


def test_a_city_after_a_title_is_no_person(facts):
    got = facts("Part time Mayor of New York City, Bill de Blasio, dropped out of the race.")
    assert not any(s in ("York City", "New York City") for s, _, _ in got)


def test_a_body_noun_before_spokesman_is_not_part_of_the_job(facts):
    got = facts("Army spokesman Ali Hassan said the road was closed. Military spokesperson Yahya Sarea agreed.",
                "holdsPosition")
    assert ("Ali Hassan", "holdsPosition", "spokesman") in got
    assert ("Yahya Sarea", "holdsPosition", "Military spokesperson") in got


def test_a_portfolio_of_two_fields_joined_by_and(facts):
    got = facts("The Minister for Mines and Energy, Martin Ferguson, spoke.", "holdsPosition")
    assert ("Martin Ferguson", "holdsPosition", "Minister for Mines and Energy") in got


def test_and_before_a_second_title_ends_the_portfolio(facts):
    got = facts("It was signed by Ms Yuko Obuchi, Japanese Vice Minister for Education and Australian Ambassador "
                "to Japan, Mr Murray McLean.", "holdsPosition")
    assert not any("Ambassador" in title for name, _, title in got if name == "Yuko Obuchi")


def test_an_office_of_a_named_body_is_title_and_affiliation(facts):
    got = facts("Kevin McCarthy, the Speaker of the House of Representatives, said nothing.")
    assert ("Kevin McCarthy", "holdsPosition", "Speaker") in got
    assert ("Kevin McCarthy", "affiliatedWith", "House of Representatives") in got


def test_chief_executive_in_apposition(facts):
    got = facts("Tim Cook, the chief executive of Apple, spoke on Monday.")
    assert ("Tim Cook", "holdsPosition", "chief executive") in got


def test_a_relative_who_clause_gives_the_title(facts):
    got = facts("Emmanuel Macron argued with Antony Blinken who is the secretary of state.", "holdsPosition")
    assert got == {("Antony Blinken", "holdsPosition", "secretary of state")}


def test_an_ordinal_is_no_part_of_the_title(facts):
    got = facts("Jacinda Ardern is the first prime minister of New Zealand to visit Fiji.", "holdsPosition")
    assert got == {("Jacinda Ardern", "holdsPosition", "prime minister")}


def test_two_titles_before_one_name(facts):
    got = facts("ANC chairman President Cyril Ramaphosa spoke in Durban.", "holdsPosition")
    assert got == {("Cyril Ramaphosa", "holdsPosition", "chairman"), ("Cyril Ramaphosa", "holdsPosition", "President")}


def test_an_ambassador_to_a_named_body(facts):
    got = facts("Andrew Young served as the ambassador to the United Nations.", "holdsPosition")
    assert got == {("Andrew Young", "holdsPosition", "ambassador to the United Nations")}
    got = facts("Jane Doe, spokeswoman to the Prime Minister, spoke on Monday.", "holdsPosition")
    assert got == {("Jane Doe", "holdsPosition", "spokeswoman")}


def test_a_party_adjective_before_a_title_is_the_party(facts):
    got = facts("Republican Senator Susan Collins said no.")
    assert ("Susan Collins", "affiliatedWith", "Republican Party") in got
    assert ("Susan Collins", "holdsPosition", "Senator") in got
    got = facts("The Democratic Republic of Congo Foreign Minister Jean Kalala spoke.", "affiliatedWith")
    assert not any(o == "Democratic Party" for _, _, o in got)


def test_a_plural_title_before_or_beside_a_list_of_names(facts):
    got = facts("Ministers Penny Wong and Richard Marles travelled to Fiji.", "holdsPosition")
    assert got == {("Penny Wong", "holdsPosition", "Minister"), ("Richard Marles", "holdsPosition", "Minister")}
    got = facts("Two Labour Senators, Kim Carr and Penny Wong, voted against the bill.", "holdsPosition")
    assert got == {("Kim Carr", "holdsPosition", "Senator"), ("Penny Wong", "holdsPosition", "Senator")}
    assert facts("The two leaders, Joe Biden and Xi Jinping, met in Bali.", "holdsPosition") == set()


def test_the_title_of_somebody_else_is_not_the_named_persons(facts):
    got = facts("Statements came from a spokesperson for President Rodrigo Duterte.", "holdsPosition")
    assert got == {("Rodrigo Duterte", "holdsPosition", "President")}


def test_a_body_word_before_a_long_title_is_no_part_of_it(facts):
    got = facts("Police Senior Superintendent Mary Chan said officers were threatened.", "holdsPosition")
    assert got == {("Mary Chan", "holdsPosition", "Senior Superintendent")}


def test_a_form_of_address_between_title_and_name(facts):
    got = facts("The Prime Minister met Iraqi Prime Minister Dr Haider Al-Abadi in Baghdad.")
    assert ("Haider Al-Abadi", "holdsPosition", "Prime Minister") in got
    assert ("Haider Al-Abadi", "affiliatedWith", "Iraq") in got


def test_members_of_a_party_and_a_party_one_calls_his(facts):
    got = facts("Opposition leader Jeremy Corbyn said his Labour Party was eager for an election.", "affiliatedWith")
    assert ("Jeremy Corbyn", "affiliatedWith", "Labour Party") in got
    got = facts("Hillary Clinton, Bernie Sanders and Joe Biden are members of the Democratic Party.", "affiliatedWith")
    assert {s for s, _, _ in got} == {"Hillary Clinton", "Bernie Sanders", "Joe Biden"}


def test_a_party_beside_another_body_in_one_title(facts):
    got = facts("Adam Schiff, the Democratic chairman of the House Intelligence Committee, is to preside.",
                "affiliatedWith")
    assert got == {("Adam Schiff", "affiliatedWith", "Democratic Party"),
                   ("Adam Schiff", "affiliatedWith", "House Intelligence Committee")}


def test_a_body_before_or_after_a_title_is_the_affiliation(facts):
    got = facts("NATO Secretary-General Jens Stoltenberg wrote that Turkey must act with restraint.")
    assert ("Jens Stoltenberg", "holdsPosition", "Secretary-General") in got
    assert any(s == "Jens Stoltenberg" and r == "affiliatedWith" for s, r, _ in got)
    got = facts("Erdogan criticised the proclamation by the President of the United States Donald Trump on Monday.")
    assert ("Donald Trump", "holdsPosition", "President") in got
    assert ("Donald Trump", "affiliatedWith", "United States") in got


def test_title_before_a_name_hung_on_the_place(facts):
    got = facts("The attorney general of Ohio, Dave Yost, filed the lawsuit on Monday.")
    assert ("Dave Yost", "holdsPosition", "attorney general") in got
    assert ("Dave Yost", "affiliatedWith", "Ohio") in got


def test_caretaker_is_kept_in_the_title(facts):
    got = facts("The caretaker Prime Minister, Mark Rutte, chaired the meeting.")
    assert ("Mark Rutte", "holdsPosition", "caretaker Prime Minister") in got


def test_a_hypothetical_role_is_no_title(facts):
    got = facts("If she wins, Maria Lopez would serve as mayor of Madrid.")
    assert not [f for f in got if f[1] == "holdsPosition"]
    assert ("Maria Lopez", "holdsPosition", "mayor") in facts("Maria Lopez served as mayor of Madrid.")


def test_party_nominee_and_rival(facts):
    got = facts("Tom Harkin, the Democratic Party's nominee for governor, debated Republican rival Kim Reynolds.")
    assert ("Tom Harkin", "affiliatedWith", "Democratic Party") in got
    assert ("Kim Reynolds", "affiliatedWith", "Republican Party") in got


def test_a_candidate_for_a_body_is_not_in_it(facts):
    got = facts("Jane Ortiz, a candidate for the Senate, spoke in Austin.")
    assert not [f for f in got if f[1] == "affiliatedWith" and f[2] == "Senate"]


def test_the_body_a_title_of_phrase_names_by_possessive(facts):
    got = facts("The head of Japan's coast guard, Yoshio Seguchi, spoke on Sunday.")
    assert ("Yoshio Seguchi", "affiliatedWith", "Japan") in got


def test_a_senator_from_a_state_the_tagger_ran_into_the_name(facts):
    got = facts("On Monday, United States Senator from Montana Jon Tester endorsed the plan. Tester spoke.")
    assert ("Jon Tester", "holdsPosition", "Senator") in got


def test_a_name_hung_on_the_body_of_a_description(facts):
    got = facts("The general manager of Gulf Media, Dr Omar Saleh, spoke to reporters.")
    assert ("Omar Saleh", "holdsPosition", "general manager") in got
    assert ("Omar Saleh", "affiliatedWith", "Gulf Media") in got


def test_an_untitled_name_of_a_place_belongs_to_it(facts):
    got = facts("Yesterday, Lina Berg of Vermont won the primary in Burlington.")
    assert ("Lina Berg", "affiliatedWith", "Vermont") in got
    assert not [f for f in facts("Police reported the death of Lina Berg of Vermont.") if f[1] == "affiliatedWith"]


def test_two_offices_joined_by_and_before_a_name(facts):
    got = facts("Party chairman and Foreign Minister Tomas Novak resigned on Monday.")
    assert ("Tomas Novak", "holdsPosition", "Foreign Minister") in got
    assert ("Tomas Novak", "holdsPosition", "Party chairman") in got or ("Tomas Novak", "holdsPosition", "chairman") in got
    one = facts("Minister for Trade and Industry Tomas Novak resigned on Monday.")
    assert ("Tomas Novak", "holdsPosition", "Minister for Trade and Industry") in one


def test_the_office_and_a_titled_name_are_two_people(facts):
    got = facts("The Governor and CEO Lena Dahl discussed the budget.")
    assert ("Lena Dahl", "holdsPosition", "Governor") not in got


def test_a_title_subject_and_a_name_subject_side_by_side(facts):
    got = facts("The Green Party's leader, Sarah Wilson announced she would stand again.")
    assert ("Sarah Wilson", "holdsPosition", "leader") in got
    assert ("Sarah Wilson", "affiliatedWith", "Green Party") in got


def test_the_office_of_a_title(facts):
    got = facts("Republican Dana Cole, who held the post of Governor until May, lost the vote. "
                "Lisa Park resumed the office of Mayor of Denver yesterday.")
    assert ("Dana Cole", "holdsPosition", "Governor") in got
    assert ("Dana Cole", "affiliatedWith", "Republican Party") in got
    assert ("Lisa Park", "holdsPosition", "Mayor of Denver") in got or ("Lisa Park", "holdsPosition", "Mayor") in got
    assert not [f for f in facts("Lisa Park will take the role of Mayor next year.") if f[1] == "holdsPosition"]


def test_a_lower_case_title_of_a_body_before_a_name(facts):
    got = facts("Offering condolences, speaker of the parliament Omar Farid wrote on Instagram.")
    assert ("Omar Farid", "holdsPosition", "speaker") in got


def test_a_prefix_run_stops_at_another_persons_place(facts):
    got = facts("Guests include Prime Minister Mark Rutte of the Netherlands and Prime Minister Jonas Gahr of Norway.")
    assert ("Jonas Gahr", "affiliatedWith", "Netherlands") not in got


def test_a_title_the_tagger_took_into_a_body_and_a_rank(facts):
    got = facts("An order by Coast Guard Commandant Admiral Elena Ruiz directed units to help.")
    assert ("Elena Ruiz", "holdsPosition", "Commandant") in got
    assert ("Elena Ruiz", "holdsPosition", "Admiral") in got
    assert ("Elena Ruiz", "affiliatedWith", "Coast Guard") in got
    assert ("Kwame Raoul", "holdsPosition", "Attorney General") in facts("Attorney General Kwame Raoul sued.")


def test_party_adjective_inside_a_title_phrase(facts):
    got = facts("Chuck Grassley, the Republican Senate Finance Chairman, opposed the bill.")
    assert ("Chuck Grassley", "affiliatedWith", "Republican Party") in got
    assert not any("Republican Senate" in o for _, _, o in got)


def test_party_adjective_before_common_nouns(facts):
    got = facts("Democratic committee member Adam Schiff of California said the hearing would go ahead.")
    assert ("Adam Schiff", "affiliatedWith", "Democratic Party") in got
    got = facts("Conservative MP Dominic Grieve tabled an amendment.")
    assert {("Dominic Grieve", "affiliatedWith", "Conservative Party"), ("Dominic Grieve", "holdsPosition", "MP")} <= got


def test_form_of_address_between_title_and_name(facts):
    got = facts("Treasurer the Hon Wayne Swan MP and the Trade Minister the Hon Craig Emerson MP announced the deal.")
    assert {("Wayne Swan", "holdsPosition", "Treasurer"), ("Wayne Swan", "holdsPosition", "MP"),
            ("Craig Emerson", "holdsPosition", "Trade Minister"), ("Craig Emerson", "holdsPosition", "MP")} <= got


def test_office_letters_after_an_untagged_name(facts):
    got = facts("The Minister for Health, the Hon Nicola Roxon MP, would open the hospital.")
    assert ("Nicola Roxon", "holdsPosition", "MP") in got
    assert ("Nicola Roxon", "holdsPosition", "Minister for Health") in got


def test_spelt_out_title_in_brackets(facts):
    got = facts("Labour MP (Member of Parliament) Hilary Benn spoke at the rally.")
    assert {("Hilary Benn", "holdsPosition", "MP"), ("Hilary Benn", "holdsPosition", "Member of Parliament")} <= got


def test_plural_title_before_two_untagged_names(facts):
    got = facts("On Monday Presidents Cyril Ramaphosa of South Africa and Paul Kagame of Rwanda opened the summit.")
    assert {("Paul Kagame", "holdsPosition", "President"), ("Paul Kagame", "affiliatedWith", "Rwanda")} <= got
    got = facts("On Monday Presidents Nana Addo of Ghana and Macky Sall of Senegal opened the summit.")
    assert ("Macky Sall", "affiliatedWith", "Senegal") in got  # tagged as one organisation: split


def test_irish_head_of_government(facts):
    assert ("Enda Kenny", "holdsPosition", "Taoiseach") in facts("Taoiseach Enda Kenny said Ireland would wait.")


def test_formerly_and_a_body_after_at(facts):
    got = facts("CNN interviewed Carla Diaz, formerly a deputy director at UNICEF, on Monday.")
    assert {("Carla Diaz", "holdsPosition", "former deputy director"), ("Carla Diaz", "affiliatedWith", "UNICEF")} <= got


def test_portfolio_words_before_a_minister(facts):
    assert ("Rustam Aliev", "holdsPosition", "Deputy Civil Defence Minister") in facts(
        "Deputy Civil Defence Minister Rustam Aliev told reporters the search was over.")
    got = facts("Resources Minister Senator Chris Evans opened the mine.")
    assert {("Chris Evans", "holdsPosition", "Resources Minister"), ("Chris Evans", "holdsPosition", "Senator")} <= got


def test_two_leaders_side_by_side_are_two_people(facts):
    got = facts("After the talks the Prime Minister and President Macron will visit Noumea.", "holdsPosition")
    assert got == {("Macron", "holdsPosition", "President")}


def test_two_whole_offices_of_one_person(facts):
    got = facts("The award went to former British Foreign Secretary and former Labour MP David Miliband.")
    assert {("David Miliband", "holdsPosition", "former Foreign Secretary"),
            ("David Miliband", "holdsPosition", "former MP")} <= got


def test_a_body_noun_before_a_title_is_the_body(facts):
    assert ("Ruth Jones", "holdsPosition", "chief") in facts("The city's police chief Ruth Jones said the road was closed.")


def test_a_named_division_after_of_stays_in_the_title(facts):
    got = facts("They met John Peterson, Iberdrola's Director of Renewable Energy Projects.", "holdsPosition")
    assert ("John Peterson", "holdsPosition", "Director of Renewable Energy Projects") in got


def test_an_occupation_before_a_name(facts):
    got = facts("Al Jazeera producer Omar Khalil and photojournalist Lina Haddad were injured.")
    assert {("Omar Khalil", "holdsPosition", "producer"), ("Omar Khalil", "affiliatedWith", "Al Jazeera"),
            ("Lina Haddad", "holdsPosition", "photojournalist")} <= got


def test_an_occupation_is_not_held_for_a_place(facts):
    got = facts("Howard Stern, a Chicago lawyer representing the family, spoke.")
    assert ("Howard Stern", "holdsPosition", "lawyer") in got
    assert not any(r == "affiliatedWith" for _, r, _ in got)


def test_the_place_a_seat_is_held_for(facts):
    got = facts("On Friday, United States Senator from Ohio Sherrod Brown spoke.")
    assert {("Sherrod Brown", "affiliatedWith", "United States"), ("Sherrod Brown", "affiliatedWith", "Ohio")} <= got
    assert ("Sherrod Brown", "affiliatedWith", "Ohio") in facts("Later, Senator Sherrod Brown from Ohio spoke.")


def test_a_party_s_presumptive_nominee(facts):
    got = facts("Mitt Romney became the Republican Party's presumptive nominee in April.")
    assert ("Mitt Romney", "affiliatedWith", "Republican Party") in got


def test_a_title_and_a_comma_before_a_name_the_parser_lost(facts):
    got = facts("The Treasurer, Wayne Swan and the Minister for Trade, Craig Emerson announced the deal.")
    assert ("Craig Emerson", "holdsPosition", "Minister for Trade") in got
    got = facts("After meeting the Prime Minister, Xi Jinping said the talks went well.", "holdsPosition")
    assert got == set()


def test_he_became_a_title(facts):
    got = facts("Manmohan Singh was an economist. He became finance minister in 1991.")
    assert ("Manmohan Singh", "holdsPosition", "finance minister") in got


def test_two_titles_in_one_apposition(facts):
    got = facts("Mary Barra, GM's Chairman and Chief Executive Officer, spoke.", "holdsPosition")
    assert got == {("Mary Barra", "holdsPosition", "Chairman"), ("Mary Barra", "holdsPosition", "Chief Executive Officer")}


def test_speaker_of_the_house_is_a_title_and_a_body(facts):
    got = facts("Kevin McCarthy, the Republican Speaker of the House, spoke.")
    assert {("Kevin McCarthy", "holdsPosition", "Speaker"), ("Kevin McCarthy", "affiliatedWith", "House")} <= got


def test_a_department_after_of_is_no_second_title(facts):
    got = facts("Secretary of Justice Maria Lopez resigned on Monday.", "holdsPosition")
    assert got == {("Maria Lopez", "holdsPosition", "Secretary of Justice")}


def test_letters_after_one_name_are_not_the_next_name_s_title(facts):
    got = facts("Prime Minister Tony Abbott MP and Prime Minister John Key of New Zealand met in Sydney.")
    assert ("John Key", "holdsPosition", "MP") not in got
    assert ("Tony Abbott", "holdsPosition", "MP") in got


def test_a_lawyer_for_someone_is_no_office(facts):
    assert facts("The inquiry began after his former lawyer Michael Cohen was convicted.", "holdsPosition") == set()


def test_his_or_her_excellency_written_he(facts):
    got = facts("They met Governor HE Peter Cosgrove in Sydney.")
    assert got == {("Peter Cosgrove", "holdsPosition", "Governor")}


def test_what_stands_before_a_title_for_someone_else(facts):
    got = facts("In Canberra, the Governor-General will host a State Dinner for President Moshe Katsav.")
    assert ("Moshe Katsav", "holdsPosition", "President") in got
    assert not any(r == "affiliatedWith" for _, r, _ in got)
    got = facts("This included the home of Prime Minister Tuilaepa, who needed a dose.", "holdsPosition")
    assert got == {("Tuilaepa", "holdsPosition", "Prime Minister")}


def test_a_sentence_cut_after_a_plain_word_is_rejoined(facts):
    got = facts("At the ceremony I will join NZ Prime Minister Helen Clark.")
    assert ("Helen Clark", "affiliatedWith", "New Zealand") in got


def test_a_style_between_title_and_name_and_the_state_of_a_country(facts):
    got = facts("The President of the Russian Federation, His Excellency Mr Vladimir Putin, will visit Canberra.")
    assert {("Vladimir Putin", "holdsPosition", "President"), ("Vladimir Putin", "affiliatedWith", "Russia")} <= got
    got = facts("We welcome Mr Moshe Katsav, President of the State of Israel, to Canberra.")
    assert {("Moshe Katsav", "holdsPosition", "President"), ("Moshe Katsav", "affiliatedWith", "Israel")} <= got


def test_a_plural_title_reaches_every_listed_name(facts):
    got = facts("Representatives Eliot Engel, Adam Schiff and Elijah Cummings issued the subpoena.", "holdsPosition")
    assert {s for s, _, _ in got} == {"Eliot Engel", "Adam Schiff", "Elijah Cummings"}


def test_words_before_a_nationality_describe_the_person(facts):
    got = facts("The topmost senior Polish archbishop Wojciech Polak said it was sad.")
    assert {("Wojciech Polak", "holdsPosition", "archbishop"), ("Wojciech Polak", "affiliatedWith", "Poland")} <= got
    got = facts("The former Polish archbishop Wojciech Polak said it was sad.", "holdsPosition")
    assert got == {("Wojciech Polak", "holdsPosition", "former archbishop")}


def test_a_nationality_before_two_titled_names_is_both_s(facts):
    got = facts("Russian President Vladimir Putin and Foreign Minister Sergei Lavrov met Chinese leader Xi Jinping.")
    assert ("Sergei Lavrov", "affiliatedWith", "Russia") in got
    got = facts("American President Joe Biden and Prime Minister Rishi Sunak met.", "affiliatedWith")
    assert ("Rishi Sunak", "affiliatedWith", "United States") not in got  # a leader's title may be another country's


def test_a_title_before_for_is_somebody_else_s(facts):
    got = facts("A spokesperson for Russian President Vladimir Putin said it was false.")
    assert ("Vladimir Putin", "holdsPosition", "President") in got
    assert ("Vladimir Putin", "affiliatedWith", "Russia") in got
    assert not any("spokesperson" in o for _, r, o in got if r == "holdsPosition")
    got = facts("Minister for Foreign Affairs Penny Wong said it was false.", "holdsPosition")
    assert got == {("Penny Wong", "holdsPosition", "Minister for Foreign Affairs")}


def test_how_settled_an_office_is_is_no_part_of_it(facts):
    got = facts("Egypt's current President Abdel Fattah al-Sisi announced three days of mourning.")
    assert {("Abdel Fattah al-Sisi", "affiliatedWith", "Egypt"),
            ("Abdel Fattah al-Sisi", "holdsPosition", "President")} <= got


def test_a_party_noun_before_a_name_is_membership(facts):
    got = facts("Democrat Joe Manchin voted against the bill.", "affiliatedWith")
    assert got == {("Joe Manchin", "affiliatedWith", "Democratic Party")}


def test_a_chamber_before_speaker_is_the_body(facts):
    got = facts("House Speaker Nancy Pelosi confirmed a vote.")
    assert {("Nancy Pelosi", "holdsPosition", "Speaker"), ("Nancy Pelosi", "affiliatedWith", "House")} <= got


def test_a_person_s_spokeswoman_is_somebody_else(facts):
    got = facts("Kay Hagan was a senator. According to Sadie Weiner, Hagan's former spokeswoman, Hagan died "
                "from a virus.", "holdsPosition")
    assert ("Kay Hagan", "holdsPosition", "former spokeswoman") not in got


@pytest.mark.parametrize("text, expected", [
    ("A spokesman for the Kremlin, Dmitry Peskov, said the talks had ended.",
     {("Dmitry Peskov", "holdsPosition", "spokesman"), ("Dmitry Peskov", "affiliatedWith", "Kremlin")}),
    ("Javier Milei was elected president of Argentina in 2023.",
     {("Javier Milei", "holdsPosition", "president"), ("Javier Milei", "affiliatedWith", "Argentina")}),
    ("James Cleverly was appointed foreign secretary on Tuesday.",
     {("James Cleverly", "holdsPosition", "foreign secretary")}),
    ("Adam Schiff, a Democrat from California, criticised the decision.",
     {("Adam Schiff", "affiliatedWith", "Democratic Party")}),
])
def test_wire_news_titles(facts, text, expected):
    assert expected <= facts(text)


def test_no_office_when_the_appointment_is_denied(facts):
    assert facts("Javier Milei was not elected president.", "holdsPosition") == set()


def test_members_of_a_nation_s_leadership_belong_to_the_nation(facts):
    got = facts("I will meet the new Chinese leadership, including President Hu Jintao and Premier Wen Jiabao.",
                "affiliatedWith")
    assert got == {("Hu Jintao", "affiliatedWith", "China"), ("Wen Jiabao", "affiliatedWith", "China")}
    assert facts("I met several people, including Foreign Minister Wang Yi.", "affiliatedWith") == set()


@pytest.mark.parametrize("text, expected", [
    ("District Judge Gray Miller ruled the draft violated the Constitution.",
     ("Gray Miller", "holdsPosition", "District Judge")),
    ("Daily Xtra's editorial director, Rachel Giese, said the pleas might help.",
     ("Rachel Giese", "holdsPosition", "editorial director")),
])
def test_qualifiers_that_belong_to_a_job(facts, text, expected):
    assert expected in facts(text)


def test_scholars_and_scientists_hold_their_job_at_a_body(facts):
    got = facts("Kelly Dittmar, a political scientist at Rutgers University, said the change was historic.")
    assert {("Kelly Dittmar", "holdsPosition", "political scientist"),
            ("Kelly Dittmar", "affiliatedWith", "Rutgers University")} <= got


def test_the_field_written_before_a_job_is_part_of_it(facts):
    got = facts("The incident gained attention after local wildlife officer Mohan Krishnan shared his experience.",
                "holdsPosition")
    assert got == {("Mohan Krishnan", "holdsPosition", "wildlife officer")}
    got = facts("Princeton University neuroscience professor Sam Wang said the maps were fair.", "holdsPosition")
    assert got == set()  # a professorship is no position, and its field is none either


def test_a_lower_case_plural_job_before_a_list_of_names(facts):
    got = facts("The rocket carried NASA astronauts Sunita Williams and Barry Wilmore into orbit.")
    assert {("Sunita Williams", "holdsPosition", "astronaut"), ("Barry Wilmore", "holdsPosition", "astronaut"),
            ("Sunita Williams", "affiliatedWith", "NASA"), ("Barry Wilmore", "affiliatedWith", "NASA")} <= got
    got = facts("The surgeon told journalists Karen Walsh had survived the operation.", "holdsPosition")
    assert got == set()  # one name after the plural: the verb's object, then a clause


def test_a_generic_title_with_the_body_it_leads_is_an_office(facts):
    got = facts("Keir Starmer became leader of the Labour Party in 2020.")
    assert {("Keir Starmer", "holdsPosition", "leader"), ("Keir Starmer", "affiliatedWith", "Labour Party")} <= got
    assert facts("Keir Starmer is a leader.", "holdsPosition") == set()


def test_a_party_after_of_is_the_body_not_part_of_the_title(facts):
    got = facts("Mary Jones is a member of the Labour Party.", "affiliatedWith")
    assert got == {("Mary Jones", "affiliatedWith", "Labour Party")}


def test_a_party_noun_after_is_a_is_membership(facts):
    assert facts("Mike Johnson is a Republican.", "affiliatedWith") == {
        ("Mike Johnson", "affiliatedWith", "Republican Party")}
    assert facts("Mary Jones was born in Ohio. She is a Democrat.", "affiliatedWith") == {
        ("Mary Jones", "affiliatedWith", "Democratic Party")}
    assert facts("Mike Johnson is not a Republican.", "affiliatedWith") == set()


def test_a_seat_in_a_named_chamber_is_a_title_and_the_chamber_its_body(facts):
    got = facts("Member of Parliament (MP) Caroline Lucas of the Green Party said the plan was dangerous.")
    assert {("Caroline Lucas", "holdsPosition", "Member of Parliament"), ("Caroline Lucas", "holdsPosition", "MP"),
            ("Caroline Lucas", "affiliatedWith", "Parliament"),
            ("Caroline Lucas", "affiliatedWith", "Green Party")} <= got
    got = facts("Mary Smith, a member of the Senate, voted against the bill.")
    assert {("Mary Smith", "holdsPosition", "member of the Senate"), ("Mary Smith", "affiliatedWith", "Senate")} <= got
    got = facts("Catherine Tanna is a member of the Commonwealth Games Board.", "holdsPosition")
    assert got == set()  # a board member holds no office


def test_a_body_in_brackets_after_an_addressed_name(facts):
    got = facts("The forum will hear Dr Ian Thomas (Boeing Australia) and Ms Kerrie Mather (Qantas Airways).",
                "affiliatedWith")
    assert {("Ian Thomas", "affiliatedWith", "Boeing Australia"),
            ("Kerrie Mather", "affiliatedWith", "Qantas Airways")} <= got
    got = facts("Rain fell across Goulburn (NSW) and Shepparton (Vic).", "affiliatedWith")
    assert got == set()


def test_words_describing_a_body_between_of_and_its_name(facts):
    got = facts("Rachel Reeves of the opposition Labour Party said the budget had failed.", "affiliatedWith")
    assert got == {("Rachel Reeves", "affiliatedWith", "Labour Party")}


def test_a_title_said_of_one_person_is_not_a_description_of_another(facts):
    got = facts("Ms Jane Hill is the founder of Hill Partners. Mr Daniel Tucker is an indigenous man from Perth "
                "and the founder and Managing Director of Carey Mining.", "affiliatedWith")
    assert ("Jane Hill", "affiliatedWith", "Carey Mining") not in got


def test_an_acronym_s_plural_title_before_two_names(facts):
    got = facts("Geelong MPs Richard Marles and Darren Cheeseman welcomed the announcement.", "holdsPosition")
    assert got == {("Richard Marles", "holdsPosition", "MP"), ("Darren Cheeseman", "holdsPosition", "MP")}


@pytest.mark.parametrize("text", [
    "Antonio Guterres, the United Nations secretary-general, called for an immediate ceasefire.",
    "Antonio Guterres, the secretary-general of the United Nations, called for an immediate ceasefire.",
])
def test_a_title_split_at_its_hyphen_is_read_whole(facts, text):
    got = facts(text)
    assert {("Antonio Guterres", "holdsPosition", "secretary-general"),
            ("Antonio Guterres", "affiliatedWith", "United Nations")} <= got


def test_emeritus_is_part_of_the_title(facts):
    got = facts("Bishop Emeritus Dinualdo Gutierrez died early yesterday.", "holdsPosition")
    assert got == {("Dinualdo Gutierrez", "holdsPosition", "Bishop Emeritus")}


def test_clerical_titles(facts):
    got = facts("Iran's supreme leader, Ayatollah Ali Khamenei, vowed revenge against Israel.", "holdsPosition")
    assert got == {("Ali Khamenei", "holdsPosition", "Ayatollah"), ("Ali Khamenei", "holdsPosition", "supreme leader")}


@pytest.mark.parametrize("text, person, bodies", [
    ("Rep. Nancy Pelosi, D-Calif., voted against the measure.", "Nancy Pelosi", {"Democratic Party", "California"}),
    ("Sen. Ted Cruz (R-Texas) said the vote was rigged.", "Ted Cruz", {"Republican Party", "Texas"}),
    ("Sen. Bernie Sanders, I-Vt., said the bill was weak.", "Bernie Sanders", {"Vermont"}),
])
def test_a_party_and_state_tag_after_a_lawmaker(facts, text, person, bodies):
    assert {o for s, _, o in facts(text, "affiliatedWith") if s == person} == bodies


@pytest.mark.parametrize("text, person, title", [
    ("Prime Minister Kevin Rudd and the Minister for Agriculture, Fisheries and Forestry Tony Burke today "
     "visited Emerald.", "Tony Burke", "Minister for Agriculture, Fisheries and Forestry"),
    ("Prime Minister Kevin Rudd and Minister for Youth Kate Ellis today announced new youth centres.",
     "Kate Ellis", "Minister for Youth"),
    ("Prime Minister Julia Gillard and Minister for Climate Change and Energy Efficiency Greg Combet visited "
     "the mine today.", "Greg Combet", "Minister for Climate Change and Energy Efficiency"),
    ("The Minister for Defence Materiel Mike Kelly accompanied the Prime Minister.", "Mike Kelly",
     "Minister for Defence Materiel"),
    ("The pilgrimage will be led by the Minister for Veterans' Affairs, Mr Scott.", "Scott",
     "Minister for Veterans' Affairs"),
])
def test_a_minister_s_portfolio_before_the_name(facts, text, person, title):
    assert (person, "holdsPosition", title) in facts(text, "holdsPosition")


def test_a_portfolio_does_not_swallow_a_state(facts):
    got = facts("He resigned as Labor Senator for New South Wales.", "holdsPosition")
    assert not any(s in ("South Wales", "New South Wales") for s, _, _ in got)


def test_the_leader_and_a_minister_with_a_portfolio_are_two_people(facts):
    got = facts("The Prime Minister and Minister for Defence Materiel Jason Clare announced the contract.",
                "holdsPosition")
    assert ("Jason Clare", "holdsPosition", "Minister for Defence Materiel") in got
    assert not any(t.startswith("Prime Minister and") for _, _, t in got)


def test_a_title_for_someone_else_ends_before_the_portfolio(facts):
    got = facts("Mr Fredericks was previously Chief of Staff to Minister for Climate Change and Water Penny Wong.",
                "holdsPosition")
    assert ("Penny Wong", "holdsPosition", "Minister for Climate Change and Water") in got


@pytest.mark.parametrize("text, person, title, body", [
    ("Napolitano's office confirmed an invitation from the President of the Italian Republic, Mr Giorgio "
     "Napolitano.", "Giorgio Napolitano", "President", "Italian Republic"),
    ("In Papua New Guinea, I will meet the Prime Minister, the Rt Hon Sir Michael Somare, and other ministers.",
     "Michael Somare", "Prime Minister", None),
    ("He will also meet New Zealand's Governor-General, Sir Anand Satyanand GNZM QSO, and Mr Goff.",
     "Anand Satyanand", "Governor-General", "New Zealand"),
])
def test_a_title_then_a_comma_and_an_addressed_name(facts, text, person, title, body):
    got = facts(text)
    assert (person, "holdsPosition", title) in got
    if body:
        assert (person, "affiliatedWith", body) in got


def test_a_description_is_not_taken_when_its_apposition_names_another(facts):
    got = facts("In Hobart and Perth, he will meet the Governor of Tasmania, HE the Hon William Cox AC, and the "
                "Governor of Western Australia, HE Lieutenant-General John Sanderson AC.", "affiliatedWith")
    assert ("John Sanderson", "affiliatedWith", "Western Australia") in got
    assert ("William Cox", "affiliatedWith", "Western Australia") not in got
    assert ("William Cox", "affiliatedWith", "Tasmania") in got


def test_chancellor_of_the_exchequer_is_one_title(facts):
    got = facts("The Chancellor of the Exchequer, Mr Gordon Brown, said the budget was sound.")
    assert ("Gordon Brown", "holdsPosition", "Chancellor of the Exchequer") in got
    assert not any(r == "affiliatedWith" for _, r, _ in got)


def test_assembly_titles(facts):
    got = facts('Newly elected Assemblywoman Selena Torres said, "It is exciting."')
    assert ("Selena Torres", "holdsPosition", "Assemblywoman") in got


def test_a_manager_named_after_the_body_he_runs(facts):
    got = facts('The manager of Barmouth Publicity, David Clay, called it "a retrograde step".')
    assert {("David Clay", "holdsPosition", "manager"), ("David Clay", "affiliatedWith", "Barmouth Publicity"),
            ("David Clay", "said", "a retrograde step")} <= got


@pytest.mark.parametrize("text, people, country", [
    ("During my visit I will meet senior Chinese leaders, President Hu Jintao, Premier Wen Jiabao and National "
     "People's Congress Chairman, Wu Bangguo.", {"Hu Jintao", "Wen Jiabao", "Wu Bangguo"}, "China"),
    ("I will meet other Singaporean leaders including Senior Minister Goh Chok Tong and Deputy Prime Minister "
     "Tony Tan.", {"Goh Chok Tong", "Tony Tan"}, "Singapore"),
])
def test_titled_people_listed_after_a_nation_s_leaders_belong_to_it(facts, text, people, country):
    assert {s for s, _, o in facts(text, "affiliatedWith") if o == country} == people


def test_a_nation_s_leaders_list_ends_with_an_untitled_name(facts):
    assert not facts("He met Chinese officials, and Joe Biden said it went well.", "affiliatedWith")


def test_a_seat_on_a_committee_is_an_affiliation(facts):
    got = facts("Representative Carolyn Maloney, the most senior Democrat on the Oversight and Reform Committee, "
                "has stepped into the role.", "affiliatedWith")
    assert ("Carolyn Maloney", "affiliatedWith", "Oversight and Reform Committee") in got


def test_a_title_for_a_place_is_held_for_that_place(facts):
    got = facts("Ricardo Rossello will be replaced by Wanda Vazquez, the Secretary of Justice for Puerto Rico.",
                "affiliatedWith")
    assert ("Wanda Vazquez", "affiliatedWith", "Puerto Rico") in got


def test_members_of_a_chamber_listed_before_their_names(facts):
    got = facts("Republican members of the House of Representatives Darin LaHood and Mike Bost pressured Trump.")
    for person in ("Darin LaHood", "Mike Bost"):
        assert (person, "holdsPosition", "member of the House of Representatives") in got
        assert (person, "affiliatedWith", "House of Representatives") in got


def test_a_plural_title_before_names_is_no_body_though_the_document_names_one(facts):
    got = facts("The United States House of Representatives issued a subpoena. The subpoena was issued jointly by "
                "Representatives Eliot Engel, Adam Schiff, and Elijah Cummings.", "holdsPosition")
    assert {("Eliot Engel", "holdsPosition", "Representative"),
            ("Adam Schiff", "holdsPosition", "Representative")} <= got


def test_a_plural_office_served_by_a_listed_relative_s_antecedents(facts):
    got = facts("The subpoena was issued by Representatives Eliot Engel, Adam Schiff, and Elijah Cummings, who serve "
                "as chairmen of the House's committees.", "holdsPosition")
    assert {(p, "holdsPosition", "chairman") for p in ("Eliot Engel", "Adam Schiff", "Elijah Cummings")} <= got


def test_a_plural_office_needs_named_holders(facts):
    assert not any(t == "chairman" for _, _, t in facts("They serve as chairmen.", "holdsPosition"))


@pytest.mark.parametrize("text, person, title, body", [
    ("Following my discussion with the new British Prime Minister, Theresa May, trade talks began.",
     "Theresa May", "Prime Minister", "United Kingdom"),
    ("At UNGA I will join summits hosted by UN Secretary-General, Ban Ki-moon, and President Obama.",
     "Ban Ki-moon", "Secretary-General", "United Nations"),
])
def test_a_capitalised_title_a_comma_and_a_name_closed_by_punctuation(facts, text, person, title, body):
    got = facts(text)
    assert (person, "holdsPosition", title) in got and (person, "affiliatedWith", body) in got


def test_after_a_title_and_a_comma_a_name_that_starts_a_clause_is_not_its_holder(facts):
    got = facts("After meeting the President, Xi said the talks went well.", "holdsPosition")
    assert ("Xi", "holdsPosition", "President") not in got


def test_a_body_after_a_comma_and_of(facts):
    got = facts('Anderson Cooper, of CNN, one of her four sons, stated, "She was extraordinary."', "affiliatedWith")
    assert got == {("Anderson Cooper", "affiliatedWith", "CNN")}


def test_an_academic_rank_leaves_no_title_word_behind(facts):
    got = facts("Syracuse University pop culture professor Robert Thompson remarked on it.", "holdsPosition")
    assert ("Robert Thompson", "holdsPosition", "culture") not in got


@pytest.mark.parametrize("text, person, title", [
    ("The Governor-General will meet the Secretary of State, Cardinal Tarcisio Bertone.", "Tarcisio Bertone",
     "Secretary of State"),
    ("The visit reciprocates that of the Governor-General, HE Major General Michael Jeffery, in March 2004.",
     "Michael Jeffery", "Governor-General"),
])
def test_a_title_a_comma_and_a_ranked_name(facts, text, person, title):
    assert (person, "holdsPosition", title) in facts(text, "holdsPosition")


def test_a_possessor_before_lower_case_office_words(facts):
    got = facts("South Korea's foreign ministry spokesperson Lim Soo-suk said Seoul opposes the plan.",
                "affiliatedWith")
    assert got == {("Lim Soo-suk", "affiliatedWith", "South Korea")}


@pytest.mark.parametrize("text, person, title, body", [
    ("India's External Affairs Minister S. Jaishankar will visit Moscow.", "S. Jaishankar",
     "External Affairs Minister", "India"),
    ("I met Department of Homeland Security Secretary Kirstjen Nielsen.", "Kirstjen Nielsen", "Secretary",
     "Department of Homeland Security"),
])
def test_a_portfolio_the_tagger_read_as_a_body(facts, text, person, title, body):
    got = facts(text)
    assert (person, "holdsPosition", title) in got and (person, "affiliatedWith", body) in got


@pytest.mark.parametrize("text, person, body", [
    ("Prime Minister Julia Gillard welcomed President Sleiman to Australia, the first visit to Australia by a "
     "President of Lebanon.", "Sleiman", "Lebanon"),
    ("Prime Minister Julia Gillard welcomed President Bongo. Leaders agreed that the visit, the first by a "
     "President of Gabon, was a sign of friendship.", "Bongo", "Gabon"),
])
def test_an_indefinite_office_of_a_country_is_the_one_holder_s(facts, text, person, body):
    assert (person, "affiliatedWith", body) in facts(text, "affiliatedWith")


def test_an_indefinite_office_with_two_holders_is_nobody_s(facts):
    got = facts("President Higgins is the first Irish President to visit since President McAleese. It is the first "
                "visit by a President of Ireland in years.", "affiliatedWith")
    assert not any(r == "affiliatedWith" and o == "Ireland" and s == "McAleese" for s, r, o in got)


def test_a_numbered_list_of_names_offices_and_bodies(facts):
    got = facts("INVITEES 1. Dr Ameer Ali, President, Australian Federation of Islamic Councils 2. Sheikh Taj Aldin "
                "Alhilali, Mufti of Australia 3. Dr Mohammad Taha Al Salami, President, Iraqi Islamic Council of "
                "Australia 4. Mr Ali Roude, Director, Islamic Council of Victoria")
    assert ("Ameer Ali", "affiliatedWith", "Australian Federation of Islamic Councils") in got
    assert ("Mohammad Taha Al Salami", "affiliatedWith", "Iraqi Islamic Council of Australia") in got
    assert ("Ameer Ali", "holdsPosition", "President") in got


def test_a_body_after_an_office_and_a_comma_must_close_the_item(facts):
    got = facts("Mr John Smith, Chairman, Qantas Airways announced that fares would rise.", "affiliatedWith")
    assert ("John Smith", "affiliatedWith", "Qantas Airways") not in got


@pytest.mark.parametrize("text, person, country", [
    ("President Smith and other senior Kenyan officials met the delegation.", "Smith", "Kenya"),
    ("I will meet Prime Minister Lee Hsien Loong and other Singaporean leaders.", "Lee Hsien Loong", "Singapore"),
    ("I will hold discussions with Prime Minister Blair and other senior members of the British Government.",
     "Blair", "United Kingdom"),
])
def test_a_name_and_other_leaders_of_a_nation(facts, text, person, country):
    assert (person, "affiliatedWith", country) in facts(text, "affiliatedWith")


def test_titled_names_listed_after_members_of_a_government(facts):
    got = facts("He met members of the British Government, including Foreign Secretary Straw.", "affiliatedWith")
    assert ("Straw", "affiliatedWith", "United Kingdom") in got


def test_a_name_and_other_leaders_of_no_nation(facts):
    assert facts("President Smith and other leaders met the delegation.", "affiliatedWith") == set()


def test_an_imam_apart_from_the_name_holds_the_office(facts):
    assert ("Amin Hady", "holdsPosition", "Imam") in facts("Dr Amin Hady, Imam of Zetland Mosque, attended.")
    assert facts("Imam Khomeini founded the republic.", "holdsPosition") == set()


def test_a_two_field_portfolio_the_tagger_split_into_names(facts):
    got = facts("On Saturday, Bangladeshi Road Transport and Bridges Minister Obaidul Quader said transport would stop.")
    assert got == {("Obaidul Quader", "holdsPosition", "Road Transport and Bridges Minister"),
                   ("Obaidul Quader", "affiliatedWith", "Bangladesh")}


def test_a_place_before_and_another_minister_stays_a_place(facts):
    got = facts("Prime Minister David Cameron of the United Kingdom and Prime Minister Narendra Modi of India will "
                "visit Australia.", "affiliatedWith")
    assert ("David Cameron", "affiliatedWith", "United Kingdom") in got
    got = facts("Her Royal Highness Crown Princess Victoria and Prime Minister Goran Persson visited.", "holdsPosition")
    assert ("Goran Persson", "holdsPosition", "Crown Princess") not in got


@pytest.mark.parametrize("text, person, body", [
    ("Statements came from Organisation of Islamic Cooperation (OIC) head Yousef Al-Othaimeen and Pope Francis.",
     "Yousef Al-Othaimeen", "Organisation of Islamic Cooperation"),
    ("The International Atomic Energy Agency (IAEA) chief Rafael Grossi visited Iran.", "Rafael Grossi",
     "International Atomic Energy Agency"),
])
def test_a_body_named_with_its_acronym_in_brackets_before_a_title(facts, text, person, body):
    assert (person, "affiliatedWith", body) in facts(text, "affiliatedWith")


@pytest.mark.parametrize("text, person, title", [
    ("As such, Greg Combet is now the Minister for Climate Change, Industry and Innovation.", "Greg Combet",
     "Minister for Climate Change, Industry and Innovation"),
    ("Matt Thistlethwaite becomes Parliamentary Secretary for Pacific Island Affairs and Parliamentary Secretary for "
     "Multicultural Affairs.", "Matt Thistlethwaite", "Parliamentary Secretary for Pacific Island Affairs"),
])
def test_a_portfolio_with_commas_or_before_a_second_title(facts, text, person, title):
    got = facts(text)
    assert (person, "holdsPosition", title) in got
    assert not any(r == "affiliatedWith" and o.endswith("Affairs") for _, r, o in got)


def test_a_royal_style_between_an_office_and_the_name_is_no_office(facts):
    got = facts("The Foreign Minister will hold talks with Saudi Foreign Minister Prince Saud al Faisal in Jeddah.",
                "holdsPosition")
    assert got == {("Saud al Faisal", "holdsPosition", "Foreign Minister")}
    assert ("Mohammed bin Salman", "holdsPosition", "Crown Prince") in facts("Crown Prince Mohammed bin Salman spoke.")


def test_a_portfolio_ends_before_a_clause_joined_by_and(facts):
    got = facts("As such, Greg Combet is now the Minister for Climate Change, Industry and Innovation and his "
                "Parliamentary Secretary, Yvette D'Ath will also have a revised title.", "holdsPosition")
    assert ("Greg Combet", "holdsPosition", "Minister for Climate Change, Industry and Innovation") in got


def test_joining_as_a_minister_holds_the_office(facts):
    got = facts("Today Gary Gray joins the Cabinet as Minister for Resources and Energy, Minister for Tourism and "
                "Minister for Small Business.", "holdsPosition")
    assert {("Gary Gray", "holdsPosition", "Minister for Resources and Energy"),
            ("Gary Gray", "holdsPosition", "Minister for Tourism")} <= got


@pytest.mark.parametrize("text", [
    "The Deputy Prime Minister and Treasurer Wayne Swan said the fixed price period would provide stability.",
    "Prime Minister Julia Gillard, Deputy Prime Minister and Treasurer Wayne Swan and Minister for Climate Change "
    "Greg Combet today announced the carbon price.",
])
def test_two_offices_joined_by_and_are_two_titles_of_the_name_they_run_into(facts, text):
    got = facts(text, "holdsPosition")
    assert {("Wayne Swan", "holdsPosition", "Deputy Prime Minister"), ("Wayne Swan", "holdsPosition", "Treasurer")} <= got
    assert not any(p == "Julia Gillard" and t != "Prime Minister" for p, _, t in got)


def test_the_prime_minister_and_a_ceo_are_two_people(facts):
    got = facts("The Prime Minister and CEO Abdullah Abdullah discussed the election.", "holdsPosition")
    assert got == {("Abdullah Abdullah", "holdsPosition", "CEO")}


def test_a_title_between_two_names_after_commas_belongs_to_the_first(facts):
    got = facts("The Prime Minister joined Terry Crane, Head of the CHOGM 2011 Taskforce, Lois Joll, Perth Modern "
                "School Principal, and representatives from the education sector.")
    assert ("Terry Crane", "holdsPosition", "Head") in got
    assert not any(p == "Lois Joll" and o in ("Head", "CHOGM 2011 Taskforce") for p, _, o in got)
    still = facts("The Chairpersons' Committee, consisting of the Prime Minister of Australia, the Hon John Howard, the "
                  "President of Nigeria, HE Chief Olusegun Obasanjo, met.", "holdsPosition")
    assert ("Olusegun Obasanjo", "holdsPosition", "President") in still


@pytest.mark.parametrize("text, person, title", [
    ("The Hon Warren Truss MP will become Minister for Transport and Regional Services.", "Warren Truss",
     "Minister for Transport and Regional Services"),
    ("The new leader of the National Party, the Hon Mark Vaile MP, will become Deputy Prime Minister while "
     "remaining Minister for Trade.", "Mark Vaile", "Deputy Prime Minister"),
    ("Mark Vaile will become Deputy Prime Minister while remaining Minister for Trade.", "Mark Vaile",
     "Minister for Trade"),
    ("The Hon Peter McGauran MP is promoted to Cabinet as Minister for Agriculture, Fisheries and Forestry.",
     "Peter McGauran", "Minister for Agriculture, Fisheries and Forestry"),
])
def test_an_announced_office_is_held(facts, text, person, title):
    assert (person, "holdsPosition", title) in facts(text, "holdsPosition")


@pytest.mark.parametrize("text", [
    "If elected, Jane Roe would become Minister for Trade.",
    "Jane Roe will not become Minister for Trade.",
    "Jane Roe will be Minister for Trade if Labor wins.",
])
def test_an_office_in_a_condition_or_denied_is_not_held(facts, text):
    assert not facts(text, "holdsPosition")


def test_an_office_after_a_second_misparsed_subject_is_not_the_first_ones(facts):
    got = facts("Ms Helen Williams will become Secretary of the Department of Human Services and Ms Patricia Scott "
                "will become Secretary of the Department of Communications, Information Technology and the Arts.")
    assert ("Helen Williams", "affiliatedWith", "Department of Human Services") in got
    assert not any(s == "Helen Williams" and "Communications" in o for s, _, o in got)


@pytest.mark.parametrize("text, person, title", [
    ("At present, the Hon Bruce Billson is Parliamentary Secretary to the Ministers for Foreign Affairs and Trade.",
     "Bruce Billson", "Parliamentary Secretary to the Ministers for Foreign Affairs and Trade"),
    ("Senator Sandy Macdonald will become Parliamentary Secretary to the Deputy Prime Minister and Minister for "
     "Trade.", "Sandy Macdonald", "Parliamentary Secretary to the Deputy Prime Minister and Minister for Trade"),
])
def test_an_office_to_another_office_is_one_title(facts, text, person, title):
    assert (person, "holdsPosition", title) in facts(text, "holdsPosition")


def test_an_as_role_of_a_styled_name_is_the_names_not_the_styles(facts):
    got = facts("Prime Minister Julia Gillard spoke. Her Majesty Queen Elizabeth II, as Head of the Commonwealth, will "
                "officially open the Meeting.")
    assert ("Elizabeth II", "holdsPosition", "Head") in got
    assert not any(s == "Julia Gillard" and o in ("Head", "Commonwealth") for s, _, o in got)


@pytest.mark.parametrize("text", [
    "Mr Akers met the President of the European Commission Jean-Claude Juncker in Brussels.",
    "Mr Akers met NATO Secretary General Jens Stoltenberg and the President of the European Commission Jean-Claude "
    "Juncker in Brussels.",
])
def test_a_hyphenated_name_the_tagger_joined_to_the_body_before_it(facts, text):
    got = facts(text)
    assert {("Jean-Claude Juncker", "holdsPosition", "President"),
            ("Jean-Claude Juncker", "affiliatedWith", "European Commission")} <= got


def test_a_brigadier_or_commodore_is_a_rank(facts):
    assert ("Baker", "holdsPosition", "Brigadier") in facts("I will also meet Brigadier Baker and others.")
    assert ("Bainimarama", "holdsPosition", "Commodore") in facts("Commodore Bainimarama seized power in 2006.")


def test_titles_addressed_in_turn_before_a_name_are_not_hers(facts):
    got = facts("Thank you very much and thank you Commodore, Admiral, Tanya Plibersek - representing the Leader of "
                "the Opposition.", "holdsPosition")
    assert not any(s == "Tanya Plibersek" for s, _, _ in got)


def test_a_list_of_names_each_with_title_of_body(facts):
    got = facts("Mr Hamish Tyrwhitt, Executive Director and Chief Executive Officer of Leighton Holdings, Professor "
                "Margaret Gardner AO, Vice-Chancellor of RMIT, and Ms Rebecca Dee-Bradbury, President of Kraft Foods, "
                "will advise the Government.")
    assert {("Hamish Tyrwhitt", "holdsPosition", "Executive Director"),
            ("Hamish Tyrwhitt", "holdsPosition", "Chief Executive Officer"),
            ("Hamish Tyrwhitt", "affiliatedWith", "Leighton Holdings")} <= got
    assert ("Hamish Tyrwhitt", "holdsPosition", "Vice-Chancellor") not in got


def test_a_possessive_name_inside_an_apposition_keeps_it(facts):
    got = facts("Sadie Weiner, Hagan's former spokeswoman, said the senator died on Monday.", "holdsPosition")
    assert ("Sadie Weiner", "holdsPosition", "former spokeswoman") in got


def test_a_title_before_another_listed_name_is_not_the_next_ones(facts):
    got = facts("During the Summit, the Governor-General will meet with the Prime Minister, the Honourable Mr "
                "Narendra Modi, and the President of the French Republic, His Excellency Mr Emmanuel Macron.",
                "holdsPosition")
    assert ("Narendra Modi", "holdsPosition", "Prime Minister") in got
    assert ("Emmanuel Macron", "holdsPosition", "Prime Minister") not in got


def test_titles_listed_each_before_its_name(facts):
    got = facts("I have been honoured to host visits with the President of China, His Excellency Hu Jintao, the "
                "President of the United States of America, the Honourable George W. Bush, and the President of the "
                "Russian Federation, His Excellency Mr Vladimir Putin.")
    assert {("Hu Jintao", "affiliatedWith", "China"), ("Vladimir Putin", "holdsPosition", "President"),
            ("Vladimir Putin", "affiliatedWith", "Russia")} <= got
    assert not any(s == "Hu Jintao" and r == "holdsPosition" and o != "President" for s, r, o in got)


@pytest.mark.parametrize("text, title", [
    ("John Smith, a police spokesman, said two were arrested.", "spokesman"),
    ("John Smith, a fire service spokesman, said two were hurt.", "spokesman"),
    ("John Smith, a military spokesperson, said two were hurt.", "military spokesperson"),
])
def test_a_body_noun_before_an_apposed_spokesman_is_the_body(facts, text, title):
    assert facts(text, "holdsPosition") == {("John Smith", "holdsPosition", title)}


@pytest.mark.parametrize("text, person, title", [
    ("Tourism, Resources and Energy Minister Martin Ferguson attended.", "Martin Ferguson",
     "Tourism, Resources and Energy Minister"),
    ("They heard Infrastructure, Transport, Regional Development and Local Government Minister Anthony Albanese.",
     "Anthony Albanese", "Infrastructure, Transport, Regional Development and Local Government Minister"),
    ("Communications and Information Technology Minister Steven Joyce spoke.", "Steven Joyce",
     "Communications and Information Technology Minister"),
])
def test_listed_portfolios_before_a_minister_are_the_title_not_a_body(facts, text, person, title):
    got = facts(text)
    assert (person, "holdsPosition", title) in got
    assert not any(s == person and r == "affiliatedWith" for s, r, _ in got)


@pytest.mark.parametrize("text, person, titles", [
    ("Prime Minister Julia Gillard and Minister for Tertiary Education, Skills, Science and Research Chris Evans "
     "today encouraged scientists to apply.", "Chris Evans",
     {"Minister for Tertiary Education, Skills, Science and Research"}),
    ("Prime Minister Julia Gillard and Minister for Families, Housing, Community Services and Indigenous Affairs "
     "Jenny Macklin visited Westmead Hospital.", "Jenny Macklin",
     {"Minister for Families, Housing, Community Services and Indigenous Affairs"}),
    ("Prime Minister Julia Gillard and Minister for Broadband, Communications and the Digital Economy Senator "
     "Stephen Conroy announced the next round.", "Stephen Conroy",
     {"Minister for Broadband, Communications and the Digital Economy", "Senator"}),
    ("Minister for Trade Senator Penny Wong spoke.", "Penny Wong", {"Minister for Trade", "Senator"}),
    ("An adviser to Democratic Senator John Smith spoke.", "John Smith", {"Senator"}),
])
def test_a_long_portfolio_and_a_seat_after_it(facts, text, person, titles):
    assert {o for s, r, o in facts(text, "holdsPosition") if s == person} == titles


def test_a_list_of_names_before_a_minister_is_no_portfolio(facts):
    got = facts("The deal was signed by Boeing, Airbus and Trade Minister Simon Birmingham.", "holdsPosition")
    assert got == {("Simon Birmingham", "holdsPosition", "Trade Minister")}


def test_a_state_before_listed_portfolios_is_not_part_of_them(facts):
    got = facts("NSW Transport and Infrastructure Minister Andrew Constance said the line would open.")
    assert ("Andrew Constance", "holdsPosition", "NSW Transport and Infrastructure Minister") not in got


def test_a_plural_possessive_portfolio_is_part_of_the_title(facts):
    got = facts("Prime Minister Julia Gillard and Veterans' Affairs Minister Warren Snowdon encouraged all "
                "Australians to reflect.")
    assert ("Warren Snowdon", "holdsPosition", "Veterans' Affairs Minister") in got
    assert not any(r == "affiliatedWith" and o == "Veterans" for _, r, o in got)


@pytest.mark.parametrize("text, person, titles", [
    ("Gary Gray becomes Minister for Tourism and Minister for Small Business.", "Gary Gray",
     {"Minister for Tourism", "Minister for Small Business"}),
    ("Today Gary Gray joins the Cabinet as Minister for Resources and Energy, Minister for Tourism and Minister for "
     "Small Business.", "Gary Gray",
     {"Minister for Resources and Energy", "Minister for Tourism", "Minister for Small Business"}),
    ("Matt Thistlethwaite becomes Parliamentary Secretary for Pacific Island Affairs and Parliamentary Secretary for "
     "Multicultural Affairs.", "Matt Thistlethwaite",
     {"Parliamentary Secretary for Pacific Island Affairs", "Parliamentary Secretary for Multicultural Affairs"}),
    ("Shayne Neumann MP will be Parliamentary Secretary to the Attorney-General and Parliamentary Secretary for "
     "Health and Ageing.", "Shayne Neumann",
     {"MP", "Parliamentary Secretary to the Attorney-General", "Parliamentary Secretary for Health and Ageing"}),
])
def test_the_same_title_word_again_after_and_is_a_second_office(facts, text, person, titles):
    assert {o for s, _, o in facts(text, "holdsPosition") if s == person} == titles


@pytest.mark.parametrize("text, person, expected", [
    ("Mr Lewis is the co-chair of the National Counter Terrorism Committee, Chair of the Strategic Maritime "
     "Management Committee and chair of the Australian Government Counter Terrorism Policy Committee.", "Lewis",
     {("holdsPosition", "co-chair"), ("holdsPosition", "Chair"),
      ("affiliatedWith", "National Counter Terrorism Committee"),
      ("affiliatedWith", "Strategic Maritime Management Committee"),
      ("affiliatedWith", "Australian Government Counter Terrorism Policy Committee")}),
    ("Ms Gail Kelly is the Managing Director and CEO of Westpac.", "Gail Kelly",
     {("holdsPosition", "Managing Director"), ("holdsPosition", "CEO"), ("affiliatedWith", "Westpac")}),
    ("Jane Doe served as chair of the board and president of the Law Society.", "Jane Doe",
     {("holdsPosition", "chair"), ("holdsPosition", "president"), ("affiliatedWith", "Law Society")}),
])
def test_a_list_of_offices_each_with_its_own_body_is_all_held(facts, text, person, expected):
    got = facts(text)
    assert {(r, o) for s, r, o in got if s == person and r in ("holdsPosition", "affiliatedWith")} == expected


def test_a_listed_office_s_body_is_a_name_not_a_described_one(facts):
    got = facts("The Prime Minister announced Mr Mike Quigley as the Executive Chair and CEO of the National company.")
    assert not any(r == "affiliatedWith" for _, r, _ in got)


def test_a_listed_office_that_runs_into_a_name_is_that_person_s(facts):
    got = facts("John Smith is chairman of the Senate Committee on Foreign Relations and Secretary of State "
                "Antony Blinken agreed.", "holdsPosition")
    assert ("John Smith", "holdsPosition", "Secretary of State") not in got
    assert ("Antony Blinken", "holdsPosition", "Secretary of State") in got


def test_an_office_served_joined_by_and_stays_one_office(facts):
    got = facts("Bob Smith is Parliamentary Secretary to the Deputy Prime Minister and Minister for Trade.",
                "holdsPosition")
    assert got == {("Bob Smith", "holdsPosition", "Parliamentary Secretary to the Deputy Prime Minister and Minister "
                                                  "for Trade")}


@pytest.mark.parametrize("text, expected", [
    ("Andrew Leigh will be Parliamentary Secretary to the Prime Minister.",
     {("Andrew Leigh", "holdsPosition", "Parliamentary Secretary to the Prime Minister")}),
    ("Bernie Ripoll will be Parliamentary Secretary for Small Business.",
     {("Bernie Ripoll", "holdsPosition", "Parliamentary Secretary for Small Business")}),
    ("Andrew Leigh will be the next Prime Minister.", set()),
    ("Andrew Leigh will be a great Treasurer.", set()),
    ("If elected, Andrew Leigh will be Treasurer.", set()),
])
def test_an_announced_office_by_its_formal_name(facts, text, expected):
    assert facts(text, "holdsPosition") == expected


def test_an_office_served_is_not_the_office_of_the_one_served(facts):
    got = facts("Julia Gillard is the Prime Minister. Andrew Leigh will be Parliamentary Secretary to the Prime "
                "Minister. The Prime Minister said she was pleased.", "holdsPosition")
    assert ("Andrew Leigh", "holdsPosition", "Prime Minister") not in got
    assert ("Julia Gillard", "holdsPosition", "Prime Minister") in got


@pytest.mark.parametrize("text, person, title", [
    ('"It is the best candidate," said UCL astronomer Angelos Tsiaras.', "Angelos Tsiaras", "astronomer"),
    ("Immunologist Kristian Andersen of Scripps Research said the virus spreads.", "Kristian Andersen",
     "Immunologist"),
    ("The prize went to evolutionary biologist Professor Richard Shine of the University of Sydney.", "Richard Shine",
     "evolutionary biologist"),
    ("Monica Schoch-Spana, a medical anthropologist, said it was clear.", "Monica Schoch-Spana",
     "medical anthropologist"),
    ("Renowned biologist John Smith of Oxford University said it was clear.", "John Smith", "biologist"),
    ("Influential physicist John Smith of CERN said it was clear.", "John Smith", "physicist"),
])
def test_a_scientist_is_named_by_the_field_not_by_praise(facts, text, person, title):
    got = facts(text, "holdsPosition")
    assert {o for s, _, o in got if s == person} == {title}


def test_an_occupation_word_is_no_part_of_the_name(extract):
    ext = extract("Immunologist Kristian Andersen of Scripps Research said the virus spreads.")
    assert "Kristian Andersen" in {e.name for e in ext.entities}


@pytest.mark.parametrize("text, person, title, place", [
    ("David Lammy, the MP for Tottenham, said the plan was wrong.", "David Lammy", "MP", "Tottenham"),
    ("Richard Marles, the Federal Member for Corio, said today the plan was good.", "Richard Marles",
     "Federal Member", "Corio"),
    ("Larissa Waters, a senator for Queensland, said it was wrong.", "Larissa Waters", "senator", "Queensland"),
])
def test_a_seat_held_for_a_place_is_split_from_the_place(facts, text, person, title, place):
    got = facts(text)
    assert {o for s, r, o in got if s == person and r == "holdsPosition"} == {title}
    assert (person, "affiliatedWith", place) in got


def test_a_member_for_some_years_holds_no_seat(facts):
    assert facts("John Smith, a member for ten years, said it was wrong.", "holdsPosition") == set()


def test_a_second_title_after_another_name_is_not_the_first_persons(facts):
    got = facts("The Prime Minister, Kevin Rudd, the Victorian Roads Minister, Tim Pallas, and Member for Ballarat, "
                "Catherine King, today announced the start.")
    assert ("Kevin Rudd", "holdsPosition", "Member") not in got
    assert ("Tim Pallas", "holdsPosition", "Member") not in got
    assert {("Catherine King", "holdsPosition", "Member"), ("Catherine King", "affiliatedWith", "Ballarat")} <= got
    got = facts("Senator Carr met Dan Akerson, GM's Chairman and Chief Executive Officer and Tim Lee, GM's President "
                "of International Operations.", "holdsPosition")
    assert ("Dan Akerson", "holdsPosition", "Chief Executive Officer") in got


def test_a_name_apposed_to_the_second_of_two_offices_holds_only_that_one(facts):
    got = facts("The Prime Minister and the Minister for Climate Change and Water, Senator Penny Wong, today called "
                "for nominations.", "holdsPosition")
    assert ("Penny Wong", "holdsPosition", "Minister for Climate Change and Water") in got
    assert not any(o.endswith(",") for _, _, o in got)
    got = facts("The Deputy Prime Minister and Treasurer, Wayne Swan, said so.", "holdsPosition")
    assert {("Wayne Swan", "holdsPosition", "Deputy Prime Minister"), ("Wayne Swan", "holdsPosition", "Treasurer")} <= got


@pytest.mark.parametrize("text", [
    "Julia Gillard is the Prime Minister. Minister Snowdon will take on a new role as Minister Assisting the Prime "
    "Minister on the Centenary of Anzac.",
    "Don Farrell will also be Minister Assisting on Tourism, and Bernie Ripoll will be Parliamentary Secretary for "
    "Small Business.",
])
def test_assisting_in_a_title_is_neither_a_name_nor_an_act(extract, text):
    ext = extract(text)
    assert "Assisting" not in {e.name for e in ext.entities}
    assert not [f for f in ext.facts if f.relation == "supports"]


@pytest.mark.parametrize("text, other", [
    ("President Donald Trump granted clemency. Friedler, formerly the president and chief executive officer of "
     "Virginia-based Symplicity Corporation, pled guilty.", "Donald Trump"),
    ("Anthony Fauci, the director of NIAID, said so. According to Dr. Tom Frieden, formerly the director of the "
     "United States' Centers for Disease Control and Prevention, the pandemic is unprecedented.", "Anthony Fauci"),
])
def test_an_office_apposed_to_a_name_is_not_resolved_to_another_holder(facts, text, other):
    got = facts(text)
    assert not any(s == other and o.startswith("former") for s, _, o in got)
    assert not any(s == other and o in ("Symplicity Corporation", "Centers for Disease Control and Prevention")
                   for s, _, o in got)


def test_a_title_before_a_second_name_in_a_misparsed_list_still_finds_its_holder(facts):
    got = facts("At the invitation of the President of the Republic of Indonesia, H.E Dr. Susilo Bambang Yudhoyono, "
                "the Prime Minister of the Commonwealth of Australia, the Honourable Tony Abbott MP, paid his first "
                "official overseas visit to Indonesia. Prime Minister Abbott thanked President Yudhoyono.",
                "affiliatedWith")
    assert ("Tony Abbott", "affiliatedWith", "Commonwealth of Australia") in got


def test_a_title_word_again_without_its_own_phrase_is_no_second_office(facts):
    got = facts("Craig Emerson will retain his roles as Minister for Trade and Minister Assisting the Prime Minister "
                "on Asian Century Policy.", "holdsPosition")
    assert ("Craig Emerson", "holdsPosition", "Minister") not in got


@pytest.mark.parametrize("text, person, title", [
    ("Craig Emerson will retain his roles as Minister for Trade and Minister Assisting the Prime Minister on Asian "
     "Century Policy.", "Craig Emerson", "Minister Assisting the Prime Minister on Asian Century Policy"),
    ("Joe Ludwig, the newly appointed Minister Assisting the Attorney General on Queensland Floods Recovery, said so.",
     "Joe Ludwig", "Minister Assisting the Attorney General on Queensland Floods Recovery"),
    ("Craig Emerson will retain his roles as Minister for Trade and Minister Assisting the Prime Minister on Asian "
     "Century Policy.", "Craig Emerson", "Minister for Trade"),
])
def test_a_minister_assisting_another_office(facts, text, person, title):
    assert (person, "holdsPosition", title) in facts(text, "holdsPosition")


def test_a_minister_assisting_the_prime_minister_is_not_the_prime_minister(facts):
    got = facts("Prime Minister Julia Gillard and the Minister Assisting the Prime Minister on the Centenary of Anzac "
                "Warren Snowdon today announced an additional $5 million.", "holdsPosition")
    assert ("Julia Gillard", "holdsPosition", "Prime Minister") in got
    assert not any(s == "Julia Gillard" and "Assisting" in o for s, _, o in got)


@pytest.mark.parametrize("text, person, title", [
    ("Prime Minister Julia Gillard, School Education Minister Peter Garrett and Federal Member for Perth Stephen "
     "Smith joined together today to open the centre.", "Peter Garrett", "School Education Minister"),
    ("Queensland Health Minister Cameron Dick said so.", "Cameron Dick", "Health Minister"),
])
def test_a_field_the_tagger_read_as_a_body_before_minister_is_the_portfolio(facts, text, person, title):
    got = facts(text)
    assert (person, "holdsPosition", title) in got
    assert not any(s == person and r == "affiliatedWith" and o.endswith(("Education", "Health")) for s, r, o in got)


@pytest.mark.parametrize("text, person, place", [
    ("Republican Representatives attacked the inquiry, with Steve Scalise of Louisiana calling it unfair.",
     "Steve Scalise", "Louisiana"),
    ("Republican committee member Doug Collins of Georgia said on Twitter that nobody was conducting an inquiry.",
     "Doug Collins", "Georgia"),
])
def test_an_untitled_person_of_a_state_holds_a_seat_for_it(facts, text, person, place):
    assert (person, "affiliatedWith", place) in facts(text, "affiliatedWith")


@pytest.mark.parametrize("text", [
    "Yesterday, Brigid Kosgei of Kenya won the 2019 Chicago Marathon.",
    "Yesterday, Karsten Warholm of Norway won the 400 metres hurdles final.",
])
def test_an_untitled_person_of_a_country_is_only_from_there(facts, text):
    assert facts(text, "affiliatedWith") == set()


def test_a_region_before_an_office_of_a_named_body_is_not_the_body(facts):
    got = facts("Hong Kong director of Amnesty International Man-kei Tam said in a statement.")
    assert ("Man-kei Tam", "affiliatedWith", "Amnesty International") in got
    assert ("Man-kei Tam", "affiliatedWith", "Hong Kong") not in got


@pytest.mark.parametrize("text, person, title", [
    ("Yesterday, United States House of Representatives Speaker Nancy Pelosi confirmed a vote.", "Nancy Pelosi",
     "Speaker"),
    ("The House passed the bill. House of Representatives Speaker Nancy Pelosi confirmed a vote.", "Nancy Pelosi",
     "Speaker"),
    ("Reserve Bank of Australia Governor Philip Lowe said rates would rise.", "Philip Lowe", "Governor"),
])
def test_a_body_named_with_of_before_an_office_is_no_part_of_it(facts, text, person, title):
    assert {o for s, _, o in facts(text, "holdsPosition") if s == person} == {title}


@pytest.mark.parametrize("text", [
    "She also performed in a film by director Alfred Hitchcock.",
    "Day had one child, record producer Terry Melcher, with her first husband.",
    "Hatice Cengiz, fiancée of journalist Jamal Khashoggi, addressed reporters.",
    "The death of pioneering oceanographer Walter Munk was announced on Friday.",
    "Independent filmmaker and journalist Brady Haran posted a podcast.",
])
def test_an_occupation_with_no_body_in_the_mention_is_no_position(facts, text):
    # what someone does, not a position held for anyone (the dev gold's reading of "actor Ricky Schroder")
    assert facts(text, "holdsPosition") == set()


@pytest.mark.parametrize("text, person, title", [
    ("Company meteorologist Evan Duffey said the wind was strong.", "Evan Duffey", "meteorologist"),
    ("Presidential physician Sean Conley issued a statement.", "Sean Conley", "Presidential physician"),
    ("Free and Equal Elections Foundation founder and director Christina Tobin moderated the debate.",
     "Christina Tobin", "director"),
    ("Ecologist Ryan Norris of the University of Guelph also said so.", "Ryan Norris", "Ecologist"),
    ("On Monday, Director Anthony Fauci spoke to reporters.", "Anthony Fauci", "Director"),
    ("County sheriff Kerry Lee told the BBC it was bad.", "Kerry Lee", "sheriff"),
])
def test_an_occupation_with_an_employer_in_the_mention_or_an_office_stays(facts, text, person, title):
    assert (person, "holdsPosition", title) in facts(text, "holdsPosition")


@pytest.mark.parametrize("text, expected", [
    ("Guests included Grateful Dead drummer Mickey Hart.", {("Mickey Hart", "holdsPosition", "drummer"),
                                                              ("Mickey Hart", "affiliatedWith", "Grateful Dead")}),
    ("Former Central Intelligence Agency agent Tony Mendez died on Saturday.",
     {("Tony Mendez", "holdsPosition", "Former agent"), ("Tony Mendez", "affiliatedWith", "Central Intelligence Agency")}),
    ("Erwin Chemerinsky, Dean of UC Berkeley School of Law, called it silly.",
     {("Erwin Chemerinsky", "holdsPosition", "Dean"), ("Erwin Chemerinsky", "affiliatedWith", "UC Berkeley School of Law")}),
])
def test_a_band_agency_or_school_names_the_players_agents_and_deans(facts, text, expected):
    got = facts(text)
    assert expected <= got
    assert not any(s == "Dean" for s, _, _ in got)  # the office alone is nobody


def test_the_agent_or_lawyer_of_a_person_is_not_that_person(facts):
    got = facts("Robert Hunter died on Monday. His family gave no cause, but, according to his agent, Hunter had "
                "undergone surgery recently. According to his lawyer, Hunter had been ill.", "holdsPosition")
    assert got == set()


def test_dean_before_a_surname_in_a_list_is_a_given_name(facts):
    got = facts("Leading players Matt Bowen, Greg Inglis, David Peachey, Dean Widders and Michael Long will attend.")
    assert not any(r == "holdsPosition" for _, r, _ in got)


def test_a_list_headed_for_a_country_holds_its_titles_for_it(facts):
    got = facts("The Ministers who attended the meeting were for New Zealand: Finance Minister Bill English; Trade "
                "Minister Tim Groser; and for Australia: Treasurer Wayne Swan; Defence Minister John Faulkner.",
                "affiliatedWith")
    assert got == {("Bill English", "affiliatedWith", "New Zealand"), ("Tim Groser", "affiliatedWith", "New Zealand"),
                   ("Wayne Swan", "affiliatedWith", "Australia"), ("John Faulkner", "affiliatedWith", "Australia")}


def test_a_title_with_its_own_body_keeps_it_under_a_list_header(facts):
    got = facts("Those attending were, for Australia: Treasurer Wayne Swan; and IMF Managing Director Christine "
                "Lagarde.", "affiliatedWith")
    assert ("Christine Lagarde", "affiliatedWith", "Australia") not in got


@pytest.mark.parametrize("text, person", [
    ("Senator Stephen Conroy, Minister for Broadband, Communications and the Digital Economy, launched the NBN.",
     "Stephen Conroy"),
    ("His experiences as an artist are invaluable to Peter Garrett in his position as Minister for the Arts.",
     "Peter Garrett"),
])
def test_a_portfolio_after_for_is_no_body(facts, text, person):
    got = facts(text, "affiliatedWith")
    assert not any(s == person and o in ("Arts", "Broadband, Communications") for s, _, o in got)


@pytest.mark.parametrize("text, person, title, body", [
    ("The Secretary of the Department of Foreign Affairs and Trade Mr Peter Varghese said so.", "Peter Varghese",
     "Secretary", "Department of Foreign Affairs and Trade"),
    ("Members include the Secretary of the Department of the Prime Minister and Cabinet Dr Ian Watt AO.", "Ian Watt",
     "Secretary", "Department of the Prime Minister and Cabinet"),
    ("Director-General of the World Health Organization Tedros Adhanom Ghebreyesus said so.",
     "Tedros Adhanom Ghebreyesus", "Director-General", "World Health Organization"),
])
def test_an_office_of_a_named_body_before_a_name(facts, text, person, title, body):
    got = facts(text)
    assert {(person, "holdsPosition", title), (person, "affiliatedWith", body)} <= got


@pytest.mark.parametrize("text, person, title", [
    ("Minister of Foreign Affairs Wang Yi said so.", "Wang Yi", "Minister of Foreign Affairs"),
    ("It is good to be here with the Chief of Army, General David Morrison.", "David Morrison", "Chief of Army"),
    ("I met Department of Homeland Security Secretary Kirstjen Nielsen.", "Kirstjen Nielsen", "Secretary"),
])
def test_a_portfolio_or_service_named_in_the_office_stays_in_it(facts, text, person, title):
    assert (person, "holdsPosition", title) in facts(text, "holdsPosition")


def test_a_department_cut_before_its_portfolio_is_whole_before_the_office(facts):
    got = facts("I also met with Vice President Mike Pence, Department of the Treasury Secretary Steven Mnuchin, and "
                "Department of Homeland Security Secretary Kirstjen Nielsen.")
    assert {("Steven Mnuchin", "holdsPosition", "Secretary"),
            ("Steven Mnuchin", "affiliatedWith", "Department of the Treasury"),
            ("Kirstjen Nielsen", "affiliatedWith", "Department of Homeland Security")} <= got
