"""Speaker attribution: quotes, reported speech, transcripts, titles, pronouns, organisations.

Loads spaCy's small English model once per session (about two seconds).
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("spacy")

from stancelib.attribution import attribute_statements, spacy_pipeline  # noqa: E402
from stancelib.evaluation.documents import evaluate_documents, gold_sets  # noqa: E402
from stancelib.segmentation import split_statements  # noqa: E402

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "article.txt"


@pytest.fixture(scope="session")
def nlp():
    try:
        return spacy_pipeline()
    except ImportError as exc:  # pragma: no cover - depends on the environment
        pytest.skip(str(exc))


def attribute(nlp, text: str, **kw) -> list[tuple[str | None, str]]:
    """(speaker, quote_type) per statement."""
    segments = split_statements(text)
    return [(a.speaker, a.quote_type) for a in attribute_statements(segments, nlp=nlp, **kw)]


def full(nlp, text: str, **kw):
    segments = split_statements(text)
    return list(zip([s.text for s in segments if s.kind == "statement"],
                    attribute_statements(segments, nlp=nlp, **kw)))


def test_direct_quotes_in_every_position(nlp):
    text = ("Port deal\n\n"
            "“We are ready,” said Transport Minister Oskar Lindqvist.\n\n"
            "Lindqvist said: “The deal is fair. Nobody got everything.”\n\n"
            "“I will recommend it,” he said, “and I expect a clear yes.”\n\n"
            "“The port reopens on Monday,” the minister told reporters. “Ships are already waiting.”")
    assert attribute(nlp, text) == [("Oskar Lindqvist", "direct")] * 4


def test_reported_speech_and_quoted_fragments(nlp):
    text = ("Talks\n\nForeign Minister Ana Ruiz said the meeting was “constructive” and added that talks would resume.\n\n"
            "Ruiz described the proposal as “a step forward”.\n\n"
            "She said she hoped to return “as soon as possible, perhaps next week.”")
    assert attribute(nlp, text) == [("Ana Ruiz", "reported")] * 3


def test_colon_or_participle_introducing_a_full_quotation_is_direct(nlp):
    text = ("Row\n\nThe Tarvanian Foreign Ministry rejected the report in a statement issued on Friday stating "
            "“These allegations are baseless and have been made before.”\n\n"
            "Asked whether that was a threat, Trade Minister Rui Matos said: “It is arithmetic, not a threat.”\n\n"
            "Matos reiterated the warning, saying the government would respond “firmly and without delay.”")
    assert attribute(nlp, text) == [("Tarvanian Foreign Ministry", "direct"), ("Rui Matos", "direct"),
                                    ("Rui Matos", "reported")]


def test_attribution_clause_closing_the_sentence_wins(nlp):
    text = ("Truce\n\nValdoria and Karsk agreed on Tuesday to extend the truce, Valdorian Foreign Minister "
            "Ana Ruiz said after talks in Geneva.")
    assert attribute(nlp, text) == [("Ana Ruiz", "reported")]


def test_invented_names_with_titles_and_appositions(nlp):
    text = ("Strike\n\n"
            "The next round will be held on March 24, the ministry's spokesman, Ivo Baros, said.\n\n"
            "“Our members have been patient,” union chairwoman Siri Dahl told a rally.\n\n"
            "“The fee is due,” said Jenna Cole, an analyst at Birch Street Capital.\n\n"
            "In a letter seen by Newswire, Corvane's general counsel, Mark Delaney, said the accounts were wrong.\n\n"
            "– We welcome the initiative, President Maren Lind’s spokesman, Pavel Horak, has told our correspondent.")
    assert attribute(nlp, text) == [("Ivo Baros", "reported"), ("Siri Dahl", "direct"), ("Jenna Cole", "direct"),
                                    ("Mark Delaney", "reported"), ("Pavel Horak", "direct")]


def test_surnames_pronouns_and_titles_resolve_to_the_person(nlp):
    text = ("Talks\n\n"
            "Valdorian Foreign Minister Ana Ruiz met her Karskian counterpart, Oleg Varna, in Geneva.\n\n"
            "Ruiz said both delegations had committed to meeting again.\n\n"
            "She said Varna had insisted on the ridge.\n\n"
            "“We are not going to trade people,” said the Valdorian foreign minister.\n\n"
            "Varna told reporters the extension was “a gift of time.”\n\n"
            "– That decision belongs to Velmar, he said.\n\n"
            "Union chairwoman Siri Dahl warned of wider strikes.\n\n"
            "“We go to every harbour,” the union chairwoman said.")
    assert [s for s, _ in attribute(nlp, text)] == [
        None, "Ana Ruiz", "Ana Ruiz", "Ana Ruiz", "Oleg Varna", "Oleg Varna", "Siri Dahl", "Siri Dahl"]


def test_a_title_with_capitals_refers_back_to_its_bearer(nlp):
    text = ("Talks\n\nUS Secretary of State Anthony Blinken met Russian Foreign Minister Sergei Lavrov.\n\n"
            "“Deeds are key, not words,” said the US Secretary of State.")
    assert attribute(nlp, text)[1] == ("Anthony Blinken", "direct")


def test_organisations_named_in_different_ways_are_one(nlp):
    text = ("Doping row\n\n"
            "The Global Biathlon Federation (GBF) suspended the national federation on Friday.\n\n"
            "Athletes cannot compete under their flag, the GBF said.\n\n"
            "Corvane Systems said it had ended its takeover of robot maker Helix Robotics.\n\n"
            "Helix rejected the claim.\n\n"
            "Dahl said the operator, Halvik Port Holdings, had to withdraw its threat.\n\n"
            "The company said it had “no choice.”\n\n"
            "The Russian Foreign Ministry reiterated its demands.\n\n"
            "Russia’s foreign ministry has denied the allegations.\n\n"
            "The Kesh Liberation Front accused the army of moving guns.\n\n"
            "The Front said it would send a delegation.\n\n"
            "The Ardenian Embassy in Lisse said it remained open to talks.")
    assert [s for s, _ in attribute(nlp, text)] == [
        "Global Biathlon Federation", "Global Biathlon Federation", "Corvane Systems", "Helix Robotics", "Dahl",
        "Halvik Port Holdings", "Russian Foreign Ministry", "Russian Foreign Ministry", "Kesh Liberation Front",
        "Kesh Liberation Front", "Ardenian Embassy"]


def test_generic_organisation_nouns_pick_the_latest_matching_one(nlp):
    text = ("Strike\n\nThe Karskian Defence Ministry said its troops held their fire.\n\n"
            "The Karskian Foreign Ministry later accused Valdoria of leaking the list.\n\n"
            "“Megaphone diplomacy will not bring a soldier home,” the ministry said.\n\n"
            "In a short statement, it said talks should continue.")
    assert [s for s, _ in attribute(nlp, text)][2:] == ["Karskian Foreign Ministry", "Karskian Foreign Ministry"]


def test_countries_groups_and_anonymous_sources(nlp):
    text = ("Border\n\nValdoria disputes that account.\n\n"
            "Kiev and the West fear that Moscow is preparing an invasion.\n\n"
            "A senior European diplomat who attended the session said the mood had improved.\n\n"
            "“They shout about details now,” the diplomat said.\n\n"
            "According to the Interior Ministry, 40 people were detained.")
    assert attribute(nlp, text) == [("Valdoria", "reported"), ("Kiev and the West", "reported"),
                                    ("senior European diplomat", "reported"), ("senior European diplomat", "direct"),
                                    ("Interior Ministry", "reported")]


def test_quotation_without_attribution_continues_the_last_quoted_speaker(nlp):
    text = ('Strike\n\n"This strike is unnecessary," said Chief Executive Fiona Gallagher.\n\n'
            '"Our door remains open."\n\nShe said: "We knew. Everybody knew.\n\nFlights resumed on Monday.')
    got = full(nlp, text)
    assert [(a.speaker, a.speaker_mention, a.quote_type) for _, a in got] == [
        ("Fiona Gallagher", "Chief Executive Fiona Gallagher", "direct"), ("Fiona Gallagher", None, "direct"),
        ("Fiona Gallagher", "She", "reported"), ("Fiona Gallagher", None, "direct"), (None, None, "narration")]


def test_narration_events_passives_modals_and_subordinate_speech(nlp):
    text = ("Clashes\n\nTensions have risen as troops gather near the border.\n\n"
            "Health Minister Dana Kral held a press conference, a day after the prime minister offered new posts.\n\n"
            "The islets are claimed by both countries.\n\n"
            "Under the law, the government can order arbitration.\n\n"
            "Neither government has responded to the offer.\n\n"
            "Blinken and Lavrov met in Geneva.")
    assert attribute(nlp, text) == [(None, "narration")] * 6


def test_transcript_q_and_a_mapped_from_the_introduction(nlp):
    text = ("Interview: the truce\n\nOleg Varna has been Karsk’s foreign minister since 2021. "
            "Meridian Weekly spoke to him on Thursday.\n\n"
            "Q: Minister, the truce was extended. Is that a success?\n\nA: It is a pause. Pauses are useful.")
    got = full(nlp, text, kind="interview")
    assert [(a.speaker, a.speaker_mention, a.quote_type) for _, a in got] == [
        (None, None, "narration"), (None, None, "narration"),
        ("Meridian Weekly", "Q", "direct"), ("Meridian Weekly", None, "direct"),
        ("Oleg Varna", "A", "direct"), ("Oleg Varna", None, "direct")]


def test_interviewer_from_pronoun_intro_or_byline(nlp):
    text = ("Helena Brandt: the door is open\n\nInterview by Paolo Conti\n\n"
            "Helena Brandt, the Meridian Union's trade commissioner, leads the inquiry. She spoke to Paolo Conti in Lisse.\n\n"
            "Q: What is your answer?\n\nA: My answer is the file.")
    assert attribute(nlp, text, kind="interview")[2:] == [("Paolo Conti", "direct"), ("Helena Brandt", "direct")]


def test_generic_labels_and_a_journalist_named_first(nlp):
    text = ("Interview\n\nCorrespondent Lea Roth spoke to Minister Omar Dahan in Tunis.\n\n"
            "INTERVIEWER: Will you sign?\n\nGUEST: Yes. Next week.")
    assert [s for s, _ in attribute(nlp, text, kind="interview")] == [None, "Lea Roth", "Omar Dahan", "Omar Dahan"]


def test_transcript_name_labels(nlp):
    text = ("Transcript\n\nHost Leila Haddad talks to Tomas Novak, chairman of the Electoral Commission.\n\n"
            "LEILA HADDAD: Welcome. Was it rigged?\n\nTOMAS NOVAK: No. Errors are not fraud.\n\nNOVAK: Anyone can watch.")
    got = full(nlp, text, kind="interview")
    assert [(a.speaker, a.speaker_mention) for _, a in got][1:] == [
        ("Leila Haddad", "LEILA HADDAD"), ("Leila Haddad", None), ("Tomas Novak", "TOMAS NOVAK"),
        ("Tomas Novak", None), ("Tomas Novak", "NOVAK")]


def test_speech_sentences_belong_to_the_author(nlp):
    text = "Remarks by President Maren Lind\n\nThank you. Some have said Oresia is building a base. That is false."
    assert attribute(nlp, text, author="Maren Lind", kind="speech") == [("Maren Lind", "direct")] * 3


def test_press_release_issuer_narration_and_quotes(nlp):
    text = ("Airline publishes strike schedule\n\nDUBLIN, 9 May 2026 - Kestrel Air today published a revised schedule. "
            "The airline rejects the union's claim that bases will move abroad.\n\n"
            "Valdoria calls on both sides to return to talks.\n\n"
            '"We are deeply sorry," said Chief Executive Fiona Gallagher.\n\n'
            "Around 60% of flights will operate.")
    got = full(nlp, text, author="Kestrel Air", kind="press_release")
    assert [(a.speaker, a.quote_type) for _, a in got] == [
        ("Kestrel Air", "narration"), ("Kestrel Air", "narration"), ("Kestrel Air", "narration"),
        ("Fiona Gallagher", "direct"), ("Kestrel Air", "narration")]


def test_oped_columnist_is_narration_but_quoted_people_are_not(nlp):
    text = ("Opinion: blink together\n\nBy Nadia Rahman\n\nI heard the silence last week. It should offer to help.\n\n"
            "Ardenia has already warned that it will hit back.\n\n"
            '"Without monitors, every truck becomes an accusation," a veteran mediator told me.\n\nHe is right.')
    assert attribute(nlp, text, kind="oped") == [(None, "narration"), (None, "narration"), ("Ardenia", "reported"),
                                                 ("veteran mediator", "direct"), (None, "narration")]


def test_mentions_are_written_forms_without_relative_clauses(nlp):
    text = ("Vote\n\nThe International Humanitarian Commission (IHC), which oversaw the exchange, said it went well.\n\n"
            "A spokesperson for the observer mission, Clara Nyberg, said it was too early to say.")
    got = full(nlp, text)
    assert [(a.speaker, a.speaker_mention) for _, a in got] == [
        ("International Humanitarian Commission", "The International Humanitarian Commission"),
        ("Clara Nyberg", "A spokesperson for the observer mission, Clara Nyberg")]


def test_unnamed_spokespeople_speak_for_their_organisation(nlp):
    text = ("Border\n\nA spokeswoman for the Ostrian Interior Ministry said the crossing would reopen.\n\n"
            "“Nobody will be turned back,” the spokeswoman added.\n\n"
            "Belka Shipping's spokesperson said the ferries would sail.\n\n"
            "A spokesman for President Tomas Reval said he would not comment.\n\n"
            "The ministry's spokesman, Ivo Baros, said the queue was short. The spokesman denied any delay.")
    assert attribute(nlp, text) == [("Ostrian Interior Ministry", "reported"), ("Ostrian Interior Ministry", "direct"),
                                    ("Belka Shipping", "reported"), ("Tomas Reval", "reported"),
                                    ("Ivo Baros", "reported"), ("Ivo Baros", "reported")]


def test_descriptions_refer_to_the_person_last_described_or_mentioned(nlp):
    text = ("Drought\n\nFarm Minister Elin Sotka met growers on Monday. The Energy Ministry said the dam was safe.\n\n"
            "The 58-year-old, an agronomist by training, said yields had halved.\n\n"
            "“We are close,” said Chief Executive Pia Norr.\n— We will see, the 47-year-old added.\n\n"
            "Karl Osten, a former mining engineer who joined the board in 2022, said costs were rising. "
            "The engineer added that prices would follow.\n\n"
            "Army chief General Ruben Dall retired in May. The former general said he had no regrets.")
    assert [s for s, _ in attribute(nlp, text)] == [
        None, "Energy Ministry", "Elin Sotka", "Pia Norr", "Pia Norr", "Karl Osten", "Karl Osten", None, "Ruben Dall"]


def test_anonymous_sources_are_their_core_description(nlp):
    text = ("Mine\n\nAn analyst at Torvik Securities, a Lisse brokerage, who asked not to be named because she "
            "was not authorised to speak, said the owner would hold out.\n\n"
            "“After that it gets expensive,” she said.\n\n"
            "A source in the Green Party negotiating team, speaking on condition of anonymity, has told us the talks "
            "failed. According to the source, the Liberals demanded a veto. “They knew our limits,” the source said.\n\n"
            "Senior officials said the deal was close.\n\nSources close to the prime minister said he would resign.\n\n"
            "A woman at the market said prices had doubled. “We cannot live like this,” the woman said.")
    assert [s for s, _ in attribute(nlp, text)] == [
        "analyst at Torvik Securities", "analyst at Torvik Securities",
        "source in the Green Party negotiating team", "source in the Green Party negotiating team",
        "source in the Green Party negotiating team", "senior officials", "sources close to the prime minister",
        "woman at the market",
        "woman at the market"]


def test_organisation_names_prefixes_short_forms_and_hyphenated_surnames(nlp):
    text = ("Markets\n\nLisse bank Hallberg & Moe said in a note that the budget would fail.\n\n"
            "Kessar announced a levy on copper. Brenna Metals said it would cut output. Brenna denied any link.\n\n"
            "The Kessar Copper Producers' Association called the levy a tax. Kessar said it would not back down.\n\n"
            "The bloc's envoy, Marta Kovac-Lind, called the levy “hostile”. Kovac-Lind promised a response.")
    assert [s for s, _ in attribute(nlp, text)] == [
        "Hallberg & Moe", "Kessar", "Brenna Metals", "Brenna Metals", "Kessar Copper Producers' Association",
        "Kessar", "Marta Kovac-Lind", "Marta Kovac-Lind"]


def test_reported_acts_beyond_speech_verbs(nlp):
    text = ("Coalition\n\nUnity leader Pavel Dorn walked out of the talks, accusing the Greens of “moving the goalposts.”"
            "\n\n"
            "The presidential office has confirmed that the president will meet the leaders.\n\n"
            "Figures published overnight by the National Election Board gave Dorn 41 percent of the vote.\n\n"
            "Data from the Statistics Office showed prices rose.\n\n"
            "Greens leader Ada Lenk later deleted the post, replacing it with a line saying talks could resume.\n\n"
            "The Interior Ministry issued a statement saying the march was banned.\n\n"
            "The observer mission's report said the vote was “largely orderly”.\n\n"
            "The Appeals Committee found that the ballots had been counted twice.\n\n"
            "A Green official I spoke to this week put it bluntly: “We will not sign this.”")
    assert attribute(nlp, text) == [
        ("Pavel Dorn", "reported"), ("presidential office", "reported"), ("National Election Board", "reported"),
        ("Statistics Office", "reported"), ("Ada Lenk", "reported"), ("Interior Ministry", "reported"),
        ("observer mission", "reported"), ("Appeals Committee", "reported"), ("Green official", "direct")]


def test_narration_stays_narration_around_the_new_acts(nlp):
    text = ("Talks\n\nResidents found their homes flooded.\n\nThe report was published on Monday.\n\n"
            "Figures show prices rose.\n\nThe reason is simple: “Nobody pays.”")
    assert attribute(nlp, text) == [(None, "narration")] * 4


def test_press_release_sub_bodies_and_third_parties_speak_for_themselves(nlp):
    text = ("FOR IMMEDIATE RELEASE\n\nLeague sanctions FC Dorn\n\n"
            "LESTRA, 2 May 2026 – The Southern Hockey League (SHL) today fined FC Dorn 50,000 euros.\n\n"
            "The SHL Disciplinary Panel found that the club had failed to protect the referees.\n\n"
            "In a statement on its website, Dorn Athletic said it accepted the fine.\n\n"
            "Karsk said on Friday it would host the replay. Valdoria calls on both clubs to stay calm.\n\n"
            "The SHL rejects the club's claim that security was its duty.")
    assert attribute(nlp, text, author="Southern Hockey League", kind="press_release") == [
        ("Southern Hockey League", "narration"), ("SHL Disciplinary Panel", "reported"), ("Dorn Athletic", "reported"),
        ("Karsk", "reported"), ("Southern Hockey League", "narration"), ("Southern Hockey League", "narration")]


def test_nested_quotation_belongs_to_the_outer_speaker(nlp):
    text = ("Blackout\n\nCyber chief Marek Holub blamed Ostria.\n\n"
            "“When we asked, their minister told us, ‘Cables fail all by themselves,’” Holub recalled. "
            "“Apparently only ours do.”")
    assert attribute(nlp, text)[1] == ("Marek Holub", "direct")


def test_empty_and_non_statement_documents(nlp):
    assert attribute_statements([], nlp=nlp) == []
    assert attribute(nlp, "Related Articles\n\nBack to top") == []


def test_organisation_names_with_and_inside_or_spelled_by_an_acronym_stay_whole(nlp):
    text = ("Dock strike\n\nThe Union of Port and Harbour Employees (UPHE), which represents 9,000 dockers, "
            "said it would strike.\n\nAccording to Norvik State Ports (NSP), ten ships are waiting.\n\n"
            "The Ministry of Trade and Industry said exports had fallen.\n\n"
            "Officials from the Ministry of Defence and Valdoria met on Monday.")
    got = full(nlp, text)
    assert [(a.speaker, a.speaker_mention) for _, a in got] == [
        ("Union of Port and Harbour Employees", "The Union of Port and Harbour Employees"),
        ("Norvik State Ports", "Norvik State Ports"),
        ("Ministry of Trade and Industry", "The Ministry of Trade and Industry"), (None, None)]


def test_common_nouns_refer_to_the_latest_organisation_of_their_kind(nlp):
    text = ("Strike\n\nThe Federation of Cabin and Ground Workers said its members would walk out.\n\n"
            "According to Talvi Airways, 40 flights were cancelled. The Lusaran Ministry of Transport said it was "
            "monitoring the dispute. The Brenn Chamber of Commerce urged both sides to talk.\n\n"
            "The operator said it had offered 4 percent. The union said the offer was too low. "
            "The company said it would not raise it.\n\n"
            "Kerevian operator Orbanet said its satellite was safe. “We followed every rule,” the company said.\n\n"
            "Brenna Metals, a subsidiary of Ostwind Line, cut 200 jobs. The National Association of Cabin Crew "
            "called the cuts shameful. The subsidiary said demand had collapsed. The union said it would sue.")
    assert [s for s, _ in attribute(nlp, text)] == [
        "Federation of Cabin and Ground Workers", "Talvi Airways", "Lusaran Ministry of Transport",
        "Brenn Chamber of Commerce", "Talvi Airways", "Federation of Cabin and Ground Workers", "Talvi Airways",
        "Orbanet", "Orbanet", None, "National Association of Cabin Crew", "Brenna Metals",
        "National Association of Cabin Crew"]


def test_common_nouns_meaning_organisations_with_other_head_words(nlp):
    text = ("Fines\n\nThe Energy Regulatory Authority fined Volta Power on Monday. Kessel Bank cut its rates.\n\n"
            "The regulator said customers had been overcharged. The lender said savers would benefit.")
    assert [s for s, _ in attribute(nlp, text)] == [None, None, "Energy Regulatory Authority", "Kessel Bank"]


def test_an_officer_named_after_the_organisation_and_title(nlp):
    text = ("Rates\n\nBank of Tessaly Governor Ilan Roos said inflation was falling.\n\n"
            "In a statement, the bank said its committee would meet in June.\n\n"
            "— The bank is independent, Roos told a conference.\n\n"
            "“We are patient,” said Grandmaster Oleg Sarin, the national champion. Mr. Sarin said he would "
            "play on.")
    got = full(nlp, text)
    assert [(a.speaker, a.quote_type) for _, a in got] == [
        ("Ilan Roos", "reported"), ("Bank of Tessaly", "reported"), ("Ilan Roos", "direct"),
        ("Oleg Sarin", "direct"), ("Oleg Sarin", "reported")]


def test_a_persons_party_and_a_descriptive_prefix_before_a_name(nlp):
    text = ("Election\n\nThe Green Renewal Party, whose leader is Otto Vey, won 14 seats.\n\n"
            "Mr. Vey’s party said it would join the coalition.\n\n"
            "The opposition Forward Alliance called the deal “a betrayal” and demanded a new vote.")
    got = full(nlp, text)
    assert [(a.speaker, a.quote_type) for _, a in got] == [
        (None, "narration"), ("Green Renewal Party", "reported"), ("Forward Alliance", "reported")]


def test_role_labels_go_to_the_person_named_in_that_role(nlp):
    text = ("Morning Line: budget special\n\nMorning Line, presented by Anneli Past, with economist Rein Kuus.\n\n"
            "PRESENTER: Good morning. Rein, are prices rising?\n\nKUUS: They are.\n\n"
            "PRESENTER: Thank you.")
    got = full(nlp, text, kind="interview")
    assert [(a.speaker, a.speaker_mention) for _, a in got][1:] == [
        ("Anneli Past", "PRESENTER"), ("Anneli Past", None), ("Rein Kuus", "KUUS"), ("Anneli Past", "PRESENTER")]
    text = "Panel\n\nHost Mari Saar is joined by Ivo Lepp, the fisheries minister.\n\nHOST: Welcome.\n\nLEPP: Thanks."
    assert [s for s, _ in attribute(nlp, text, kind="interview")][1:] == ["Mari Saar", "Ivo Lepp"]
    text = ("Panel\n\nHOST: Good evening, I’m Mari Saar, and this is Sea Talk. With me is Ivo Lepp.\n\n"
            "LEPP: Good evening.\n\nHOST: Why now?")
    assert [s for s, _ in attribute(nlp, text, kind="interview")] == ["Mari Saar", "Mari Saar", "Ivo Lepp",
                                                                      "Mari Saar"]


def test_title_and_role_labels_resolve_to_full_names_anywhere_in_the_document(nlp):
    text = ("Committee on Ports\n\nMembers present: Dame Ilona Vesk (Chair); Aron Tamm\n\n"
            "Witness: Karin Sool, Minister of Transport\n\nThe committee heard the minister on the port strike.\n\n"
            "THE CHAIR: Minister, welcome. Why the delay?\n\nMINISTER SOOL: The unions asked for time.\n\n"
            "MR TAMM: Did they?")
    got = full(nlp, text, kind="interview")
    assert [(a.speaker, a.speaker_mention) for _, a in got][1:] == [
        ("Ilona Vesk", "THE CHAIR"), ("Ilona Vesk", None), ("Karin Sool", "MINISTER SOOL"), ("Aron Tamm", "MR TAMM")]


def test_offices_kin_written_statements_and_a_subject_inside_the_quotation(nlp):
    text = ("Row\n\nTransport Minister Henrik Solvay’s office said the government respected the regulator.\n\n"
            "Marrow’s family said in a brief statement that they were “frightened but proud”.\n\n"
            "A statement from the Harbinger Weekly read: “Our reporters were doing their jobs. They must be freed.”\n\n"
            "\"We looked at it from every angle: higher fares, fewer flights and less choice,\" Authority chair "
            "Margit Sandoval-Ree told a news conference.")
    assert attribute(nlp, text) == [("Henrik Solvay", "reported"), ("Marrow’s family", "reported"),
                                    ("Harbinger Weekly", "direct"), ("Margit Sandoval-Ree", "direct")]


def test_broadcast_labels_with_roles_and_a_publication_as_interviewer(nlp):
    text = ("Radio Norrvik | Transcript\n\nSIGNE HAUG, HOST: Good morning. Farmers say wolves killed 300 sheep.\n\n"
            "ERIK VANNE: The pack has grown.\n\nHAUG: Thank you.")
    got = full(nlp, text, kind="interview")
    assert [(a.speaker, a.speaker_mention) for _, a in got] == [
        ("Signe Haug", "SIGNE HAUG, HOST"), ("Signe Haug", None), ("Erik Vanne", "ERIK VANNE"), ("Signe Haug", "HAUG")]
    text = ("The Weekend Courier | Culture\n\nLast month Matteo Arana resigned. We spoke to him at home.\n\n"
            "Q: Why resign?\n\nA: I did fight.\n\nFalk did not respond to a request for comment.")
    assert [s for s, _ in attribute(nlp, text, kind="interview")][2:] == ["Weekend Courier", "Matteo Arana", "Falk"]


def test_bare_plurals_and_a_name_detached_from_its_role(nlp):
    text = ("Row\n\nThe palace was looted in 1889, historians say.\n\n"
            "About 200 demonstrators chanted \"Bring them home!\" outside.\n\n"
            "According to Quillo's general counsel, Devan Ruthersby, the feature was switched off.")
    assert [s for s, _ in attribute(nlp, text)] == ["historians", "demonstrators", "Devan Ruthersby"]


def test_a_role_and_its_bearer_parsed_as_two_subjects_and_a_definite_plural_group(nlp):
    text = ("Inquiry\n\nCounsel to the inquiry, Beatrix Olumide-Hale, told the hearing that two aircraft were grounded.\n\n"
            "The two dissenting judges argued that the council had acted on police advice.")
    assert [s for s, _ in attribute(nlp, text)] == ["Beatrix Olumide-Hale", "dissenting judges"]


def test_press_release_reports_acts_of_other_parties(nlp):
    text = ("Ferrow Mining responds\n\nTALLIN, 3 May 2026 - Ferrow Mining today rejected the decision of the "
            "Environment Agency of Osmar to suspend its licence.\n\n"
            "The Agency notified the company on 1 May that the licence would be suspended.\n\n"
            "Deputy Minister Ruta Kalnina was quoted as saying that the mine “must close for good.”\n\n"
            "We disagree. The company will appeal.")
    assert attribute(nlp, text, author="Ferrow Mining", kind="press_release") == [
        ("Ferrow Mining", "narration"), ("Environment Agency of Osmar", "reported"), ("Ruta Kalnina", "reported"),
        ("Ferrow Mining", "narration"), ("Ferrow Mining", "narration")]


def test_hearsay_passives_attribute_to_the_one_quoted(nlp):
    text = ("Fines\n\nMinister Ada Kross was reported to have told colleagues that the fine was too small.\n\n"
            "Ivo Baros is understood to have said the same.\n\nThe minister is expected to announce a review.")
    assert attribute(nlp, text) == [("Ada Kross", "reported"), ("Ivo Baros", "reported"), (None, "narration")]


def test_a_ministrys_release_tells_its_own_ministry_from_another(nlp):
    text = ("Statement\n\nLESTRA, 12 May 2026 – The Ministry of Foreign Affairs of Kessar protests the detention "
            "of eleven fishermen.\n\nThe Valdorian Interior Ministry has said publicly that the crew will be charged. "
            "The Kessari Foreign Ministry rejects this claim. The Ministry calls for their release.")
    assert attribute(nlp, text, author="Ministry of Foreign Affairs of Kessar", kind="press_release") == [
        ("Ministry of Foreign Affairs of Kessar", "narration"), ("Valdorian Interior Ministry", "reported"),
        ("Ministry of Foreign Affairs of Kessar", "narration"), ("Ministry of Foreign Affairs of Kessar", "narration")]


def test_an_unnamed_spokesperson_named_with_a_compound(nlp):
    text = ("Expulsions\n\nThe Valdorian Interior Ministry said the diplomats had 48 hours to leave.\n\n"
            "A ministry spokeswoman said the decision was final. “They know what they did,” the spokeswoman added.")
    assert [s for s, _ in attribute(nlp, text)] == ["Valdorian Interior Ministry"] * 3


def test_an_opening_as_clause_attributes_the_quotation_after_it(nlp):
    text = ("The harbour\n\nBy Ana Lima\n\nMayor Oskar Brandt backs the sale.\n\n"
            "As the mayor himself put it in a debate in May, “A harbour without ships is a museum.”\n\n"
            "In the words of one dock worker, “Nobody asked us anything.”\n\n"
            "Shares fell as the company warned of losses. The council put it on the agenda.")
    assert attribute(nlp, text, kind="oped")[1:] == [("Oskar Brandt", "direct"), ("dock worker", "direct"),
                                                     (None, "narration"), (None, "narration")]


def test_a_new_speaker_introduced_as_one_of_a_group(nlp):
    text = ("Queue\n\nForeign Minister Piotr Adeyemi said the embassy would close.\n\n"
            "Hundreds queued outside. “We have waited since dawn,” said one of them, a student who gave only her "
            "first name, Mira. “It is too late,” said one of the protesters, a pensioner named Ilse.\n\n"
            "Another, a teacher from Vorn, said the queue was a disgrace.\n\n"
            "“Nobody told us,” said one of them.")
    assert [s for s, _ in attribute(nlp, text)] == [
        "Piotr Adeyemi", None, "Mira", "Ilse", "teacher from Vorn", "teacher from Vorn"]


def test_refusals_under_a_modal_are_reported_acts(nlp):
    text = ("Embassy\n\nForeign Ministry spokesman Davor Kren would not say whether Lysandra would recall its "
            "envoy, telling reporters it was “under review.”\n\nKren could not confirm the date.\n\n"
            "The minister should urge restraint. The two governments could not agree on a date.")
    assert attribute(nlp, text) == [("Davor Kren", "reported"), ("Davor Kren", "reported"), (None, "narration"),
                                    (None, "narration")]


def test_shipped_gold_set_meets_the_targets():
    m = evaluate_documents()
    overall = m["overall"]
    assert overall["boundary_f1"] >= 0.99
    assert overall["speaker_accuracy_quoted"] >= 0.98
    assert overall["quote_type_accuracy"] >= 0.95
    for kind, figures in m["per_kind"].items():
        assert figures["boundary_f1"] >= 0.9, kind
        assert figures["speaker_accuracy_quoted"] >= 0.85, kind


@pytest.mark.parametrize("name", ["tuning-2", "tuning-3", "tuning-4", "tuning-5", "tuning-6"])
def test_later_tuning_sets_meet_the_targets(name):
    overall = evaluate_documents(gold_sets()[name])["overall"]
    assert overall["boundary_f1"] >= 0.98
    assert overall["speaker_accuracy_quoted"] >= 0.93


def test_held_out_set_stays_at_its_measured_level():
    # Never used to change the rules; these floors sit just under what it scored when first run
    # (boundary F1 1.000, speaker accuracy 0.932), so a change that loses ground fails here.
    overall = evaluate_documents(gold_sets()["heldout"])["overall"]
    assert overall["boundary_f1"] >= 0.99
    assert overall["speaker_accuracy_quoted"] >= 0.92


SEED_EXPECTED = [
    ("Anthony Blinken", "reported"), ("Anthony Blinken", "reported"), ("Anthony Blinken", "direct"),
    ("Anthony Blinken", "reported"), ("Anthony Blinken", "direct"), ("Sergei Lavrov", "reported"),
    ("Anthony Blinken", "reported"), ("Sergei Lavrov", "reported"), ("Sergei Lavrov", "direct"),
    ("Anthony Blinken", "reported"), ("United States and NATO allies", "reported"), ("Anthony Blinken", "reported"),
    (None, "narration"), (None, "narration"), ("Kiev and the West", "reported"), ("Moscow", "reported"),
    ("Washington and its allies", "reported"), ("Russian Foreign Ministry", "reported"),
    ("Russian Foreign Ministry", "reported"), ("Sergei Lavrov", "reported"), ("Russian Foreign Ministry", "direct"),
]


@pytest.mark.skipif(not SEED.exists(), reason="seed article not available")
def test_seed_article(nlp):
    text = SEED.read_text(encoding="utf-8")
    segments = split_statements(text)
    others = [(s.kind, s.text) for s in segments if s.kind != "statement"]
    assert others[0] == ("headline", text.splitlines()[0].strip())
    assert others[1:] == [("boilerplate", "Related Articles"), ("boilerplate", "Back to top button")]
    body = [s for s in segments if s.kind == "statement"]
    assert len(body) == 21
    assert body[8].text.startswith("– I can not say") and body[8].text.endswith("Lavrov said.")
    atts = attribute_statements(segments, nlp=nlp)
    assert [(a.speaker, a.quote_type) for a in atts] == SEED_EXPECTED
