"""Statement segmentation: block layout, page furniture, sentence merging, offsets."""

from __future__ import annotations

import pytest

from stancelib.segmentation import DEFAULT_SPLITTER, SPLITTERS, Segment, split_statements


def pieces(text: str, splitter: str = DEFAULT_SPLITTER) -> list[tuple[str, str]]:
    segments = split_statements(text, splitter=splitter)
    for s in segments:
        assert text[s.start:s.end] == s.text
        assert s.text == s.text.strip() and s.text
    assert [s.start for s in segments] == sorted(s.start for s in segments)
    return [(s.kind, s.text) for s in segments]


def statements(text: str) -> list[str]:
    return [t for k, t in pieces(text) if k == "statement"]


def test_header_lines_headline_subheading_byline_dateline():
    text = ("Ports reopen after strike\nUnions hail 'a fair deal'\n\nBy Ana Lima and Joe Park\n\n"
            "SANTOS, May 2 (Wire) - Dockers returned to work on Friday. Queues eased.")
    assert pieces(text) == [
        ("headline", "Ports reopen after strike"),
        ("headline", "Unions hail 'a fair deal'"),
        ("byline", "By Ana Lima and Joe Park"),
        ("dateline", "SANTOS, May 2 (Wire) -"),
        ("statement", "Dockers returned to work on Friday."),
        ("statement", "Queues eased."),
    ]


@pytest.mark.parametrize("opening, dateline", [
    ("VELMAR — Talks resumed.", "VELMAR —"),
    ("Velmar, 4 March 2026 — Talks resumed.", "Velmar, 4 March 2026 —"),
    ("HALVIK, Norland (NP) — Talks resumed.", "HALVIK, Norland (NP) —"),
])
def test_dateline_forms(opening, dateline):
    assert pieces(f"Talks resume\n\n{opening}")[1:] == [("dateline", dateline), ("statement", "Talks resumed.")]


def test_body_starting_with_capitalised_word_and_dash_is_not_a_dateline():
    assert statements("Talks resume\n\nMoscow - long a sceptic - agreed to attend.") == [
        "Moscow - long a sceptic - agreed to attend."]


def test_live_blog_timestamps_last_updated_and_bullets():
    text = ("Live: Storm hits the coast\nLast updated 18:40 local time\n\n18:32\nRoads are closed.\n\n"
            "17:50\nHere is what we know:\n• Two bridges are shut.\n• Schools will stay closed.\n\n"
            "Share this article\nBack to top")
    assert pieces(text) == [
        ("headline", "Live: Storm hits the coast"),
        ("boilerplate", "Last updated 18:40 local time"),
        ("dateline", "18:32"),
        ("statement", "Roads are closed."),
        ("dateline", "17:50"),
        ("statement", "Here is what we know:"),
        ("statement", "Two bridges are shut."),
        ("statement", "Schools will stay closed."),
        ("boilerplate", "Share this article"),
        ("boilerplate", "Back to top"),
    ]


def test_numbered_and_plain_subheadings_are_headlines():
    text = ("Briefing: what we learned\n\nThe minister spoke for an hour.\n\n1. Talks are back on\n\n"
            "Talks resume on Friday.\n\nThe ridge\n\nNo change there.\n\nRelated Articles\n\n"
            "Why the ridge matters\n\nBack to top button")
    assert pieces(text) == [
        ("headline", "Briefing: what we learned"),
        ("statement", "The minister spoke for an hour."),
        ("headline", "1. Talks are back on"),
        ("statement", "Talks resume on Friday."),
        ("headline", "The ridge"),
        ("statement", "No change there."),
        ("boilerplate", "Related Articles"),
        ("boilerplate", "Why the ridge matters"),
        ("boilerplate", "Back to top button"),
    ]


def test_sentence_level_boilerplate_inside_a_paragraph():
    text = ("Q&A with the minister\n\nAna Ruiz leads the delegation. We spoke to her on Monday. "
            "This interview has been edited for length and clarity.\n\nQ: Is that a success?\n\n"
            "A: It is a pause. Pauses are useful.")
    assert pieces(text) == [
        ("headline", "Q&A with the minister"),
        ("statement", "Ana Ruiz leads the delegation."),
        ("statement", "We spoke to her on Monday."),
        ("boilerplate", "This interview has been edited for length and clarity."),
        ("statement", "Q: Is that a success?"),
        ("statement", "A: It is a pause."),
        ("statement", "Pauses are useful."),
    ]


def test_transcript_labels_stay_with_their_first_sentence_and_start_blocks():
    text = "Transcript\n\nHOST: Welcome. Shall we start?\nGUEST NAME: Yes. Gladly."
    segments = split_statements(text)
    assert [(s.text, s.block) for s in segments[1:]] == [
        ("HOST: Welcome.", 1), ("Shall we start?", 1), ("GUEST NAME: Yes.", 2), ("Gladly.", 2)]


def test_speech_furniture_and_place_date_line():
    text = ("Remarks by President Ana Lind at the Forum\nAs prepared for delivery\nPort Elsa, 30 July 2026\n\n"
            "Thank you. It is an honour.\n\n(Applause)\n\nThank you.")
    assert pieces(text) == [
        ("headline", "Remarks by President Ana Lind at the Forum"),
        ("boilerplate", "As prepared for delivery"),
        ("dateline", "Port Elsa, 30 July 2026"),
        ("statement", "Thank you."),
        ("statement", "It is an honour."),
        ("boilerplate", "(Applause)"),
        ("statement", "Thank you."),
    ]


def test_press_release_tail_after_ends_and_notes_to_editors():
    text = ("PRESS RELEASE\n\nAirline sets out schedule\n\nDUBLIN, 9 May 2026 - The airline published a schedule.\n\n"
            "-ENDS-\n\nNotes to editors\nKestrel Air is an airline.\nFor media enquiries contact the press office")
    kinds = pieces(text)
    assert kinds[:4] == [("boilerplate", "PRESS RELEASE"), ("headline", "Airline sets out schedule"),
                         ("dateline", "DUBLIN, 9 May 2026 -"), ("statement", "The airline published a schedule.")]
    assert [k for k, _ in kinds[4:]] == ["boilerplate"] * 4


def test_about_section_and_sign_off_line_are_boilerplate():
    text = ("Club fined\n\nThe league fined the club.\n\nPress Office, League of Nations\n\n"
            "About the League\nThe League runs football in 14 countries.")
    assert [k for k, _ in pieces(text)] == ["headline", "statement", "boilerplate", "boilerplate", "boilerplate"]


def test_author_bio_and_programme_note_at_the_end_are_boilerplate():
    text = ("Opinion: Tariffs are a trap\n\nBy Nadia Rahman\n\nTariff wars rarely start on purpose.\n\n"
            "Nadia Rahman is trade editor at the Courier. The views expressed are her own.")
    assert pieces(text)[-1] == ("boilerplate", "Nadia Rahman is trade editor at the Courier. "
                                               "The views expressed are her own.")
    text = "Transcript: the debate\n\nHOST: Welcome.\n\nMorning Report is broadcast weekdays from 6 a.m."
    assert pieces(text)[-1][0] == "boilerplate"


def test_quotation_spanning_sentences_is_one_statement():
    assert statements('Talks end\n\n"We will not move. Not today," she said. Talks end Friday.') == [
        '"We will not move. Not today," she said.', "Talks end Friday."]


def test_quotation_continued_after_its_attribution_is_one_statement():
    text = ("Deal struck\n\nThe union says talks went well. “We got a deal,” Amina Yusuf told reporters. "
            "“This is a good day.”\n\n“A,” said Lea Kirk. “B,” she added.")
    assert statements(text) == [
        "The union says talks went well.",
        "“We got a deal,” Amina Yusuf told reporters. “This is a good day.”",
        "“A,” said Lea Kirk.",
        "“B,” she added.",
    ]


def test_splitters_missing_a_break_between_two_quotations():
    text = ("Strike\n\nShe said it was “a start, not a solution.” “We heard more words today. "
            "Now we need numbers,” Kovač said.")
    assert statements(text) == ["She said it was “a start, not a solution.”",
                                "“We heard more words today. Now we need numbers,” Kovač said."]


def test_dash_quote_runs_until_its_attribution():
    text = ("Talks\n\n– I cannot say whether we are on track. “We will know that when we get a reply,” Lavrov said.\n\n"
            "– We are still waiting. Every week counts, he said.\n– Our position has not changed, he added.\n\n"
            "– No attribution here. A second sentence.")
    assert statements(text) == [
        "– I cannot say whether we are on track. “We will know that when we get a reply,” Lavrov said.",
        "– We are still waiting. Every week counts, he said.",
        "– Our position has not changed, he added.",
        "– No attribution here.",
        "A second sentence.",
    ]


def test_unclosed_quotation_does_not_swallow_the_paragraph():
    text = 'Quotes\n\nHe said: "We knew. Everybody knew.\n\n"But nobody listened," Marsh added.'
    assert statements(text) == ['He said: "We knew.', "Everybody knew.", '"But nobody listened," Marsh added.']


def test_single_curly_quotes():
    text = "Minister quits\n\n‘I made mistakes,’ Holt wrote. ‘The forces deserve better.’ Shaw accepted."
    assert statements(text) == ["‘I made mistakes,’ Holt wrote. ‘The forces deserve better.’", "Shaw accepted."]


def test_hard_wrapped_paragraphs_are_joined():
    text = ("Minister quits\n\nDefence Minister Clara Holt resigned on Tuesday after\nan inquiry found fault, "
            "the prime\nminister's office said. A spokeswoman for the\nMinistry of Defence declined to comment.")
    assert statements(text) == [
        "Defence Minister Clara Holt resigned on Tuesday after\nan inquiry found fault, the prime\n"
        "minister's office said.",
        "A spokeswoman for the\nMinistry of Defence declined to comment.",
    ]


def test_first_line_question_headline_and_plain_one_line_document():
    assert pieces("Can the count be trusted?\n\nYes, officials say.")[0] == ("headline", "Can the count be trusted?")
    assert pieces("“We have no plans to attack,” Lavrov said.") == [
        ("statement", "“We have no plans to attack,” Lavrov said.")]


@pytest.mark.parametrize("splitter", SPLITTERS)
def test_every_splitter_keeps_offsets(splitter):
    text = "Title\n\nThe attack on Sept. 9 hit Mr. Costin's firm. “Is it over?” she asked. It is."
    got = pieces(text, splitter=splitter)
    assert got[0] == ("headline", "Title")
    assert ("statement", "It is.") in got


def test_bad_arguments():
    with pytest.raises(TypeError):
        split_statements(None)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        split_statements("Text.", splitter="nltk")
    assert split_statements("") == [] and split_statements(" \n\n ") == []
    assert isinstance(split_statements("A sentence.")[0], Segment)


def test_standfirst_above_a_byline_section_label_and_closing_bio():
    text = ("Opinion\nThe quota is a bluff\nBoth sides are bargaining. The deal is already drafted.\n\n"
            "By Ines Moravec\n\nThe quota came as no surprise.\n\n"
            "Ines Moravec is a former customs official and a fellow at the Lindqvist Institute. "
            "The views expressed here are her own.")
    assert pieces(text) == [
        ("boilerplate", "Opinion"),
        ("headline", "The quota is a bluff"),
        ("headline", "Both sides are bargaining. The deal is already drafted."),
        ("byline", "By Ines Moravec"),
        ("statement", "The quota came as no surprise."),
        ("boilerplate", "Ines Moravec is a former customs official and a fellow at the Lindqvist Institute. "
                        "The views expressed here are her own."),
    ]


def test_a_bio_with_a_disclaimer_is_boilerplate_without_a_byline():
    text = ("Tariffs are a trap\n\nTariff wars rarely start on purpose.\n\n"
            "Omar Reyes teaches trade law in Lisse. The opinions expressed are his own.")
    assert pieces(text)[-1][0] == "boilerplate"


def test_byline_after_body_text_does_not_make_the_body_a_standfirst():
    text = ("Talks resume\n\nVELMAR — Talks resumed on Monday after a week-long break.\n\nBy Ana Lima")
    assert statements(text) == ["Talks resumed on Monday after a week-long break."]


def test_stage_directions_inside_turns_and_broadcast_line():
    text = ("Transcript: the minister\nBroadcast Friday 8 May 2026, 07:40\n\n"
            "HOST: Welcome. (Laughter) Shall we start?\n\nGUEST: Gladly. [Applause]\n\n"
            "HOST: Good. (Laughs.) Next question.")
    assert pieces(text) == [
        ("headline", "Transcript: the minister"),
        ("dateline", "Broadcast Friday 8 May 2026, 07:40"),
        ("statement", "HOST: Welcome."),
        ("boilerplate", "(Laughter)"),
        ("statement", "Shall we start?"),
        ("statement", "GUEST: Gladly."),
        ("boilerplate", "[Applause]"),
        ("statement", "HOST: Good."),
        ("boilerplate", "(Laughs.)"),
        ("statement", "Next question."),
    ]


def test_quotation_nested_in_a_quotation_stays_one_statement():
    text = ("Blackout\n\n“When we asked, their minister told us, ‘Cables fail all by themselves,’” Marek Holub "
            "recalled. “Apparently only ours do.”\n\n‘She said “never”,’ Kirk wrote. ‘We waited.’")
    assert statements(text) == [
        "“When we asked, their minister told us, ‘Cables fail all by themselves,’” Marek Holub recalled. "
        "“Apparently only ours do.”",
        "‘She said “never”,’ Kirk wrote. ‘We waited.’",
    ]


def test_dashed_ends_print_line_and_programme_note_are_furniture():
    text = ("Mill closes\n\nTALLIN, 3 May 2026 – Ferrow Mining closed its mill.\n\n— ENDS —\n\nAbout Ferrow Mining\n"
            "Ferrow Mining runs two mines.")
    assert [k for k, _ in pieces(text)] == ["headline", "dateline", "statement", "boilerplate", "boilerplate",
                                            "boilerplate"]
    text = ("Mill closes\n\nBy Ana Lima\n\nThe mill closed on Monday.\n\n"
            "Correction: An earlier version of this article misstated the day the mill closed.\n\n"
            "This article was amended on May 5, 2026 to correct the name of the owner.\n\n"
            "A version of this article appears in print on May 4, 2026, Section B, Page 2, with the headline: Mill Closes.")
    assert [k for k, _ in pieces(text)][2:] == ["statement", "boilerplate", "boilerplate", "boilerplate"]
    text = ("Morning Line: prices – transcript\n\nHOST: Welcome.\n\nGUEST: Thank you.\n\n"
            "Morning Line is on Radio Kaja every weekday at 07:00.")
    assert pieces(text)[-1] == ("boilerplate", "Morning Line is on Radio Kaja every weekday at 07:00.")


def test_crowd_reactions_are_stage_directions():
    text = ("Remarks at a rally\n\nFriends, thank you! (Crowd chants: “Toom! Toom!”) We are here to win.\n\n"
            "[Audience applauds]\n\n(Supporters chanting “Four more years”)\n\nThank you.")
    assert pieces(text)[1:] == [
        ("statement", "Friends, thank you!"),
        ("boilerplate", "(Crowd chants: “Toom! Toom!”)"),
        ("statement", "We are here to win."),
        ("boilerplate", "[Audience applauds]"),
        ("boilerplate", "(Supporters chanting “Four more years”)"),
        ("statement", "Thank you."),
    ]


def test_pull_quote_repeating_the_text_is_boilerplate():
    text = ("Opinion: the bridge\n\nBy Lea Mets\n\nThe bridge is late. But a city that cannot cross its river "
            "cannot call itself a capital.\n\n“A city that cannot cross its river cannot call itself a capital.”\n\n"
            "“A capital needs bridges,” the mayor said.\n\n“Nobody asked the people who live by the river.”\n\n"
            "“A city that cannot cross its river cannot call itself a capital”")
    assert [k for k, _ in pieces(text)] == ["headline", "byline", "statement", "statement", "boilerplate",
                                            "statement", "statement", "boilerplate"]
    # the source may be split by its attribution
    text = ("The fence\n\n“Every fence has a gate,” a customs officer told me, “and every gate has a price.”\n\n"
            "“Every fence has a gate – and every gate has a price.”\n\nThe minister disagrees.")
    assert [k for k, _ in pieces(text)] == ["headline", "statement", "boilerplate", "statement"]
    # a headline quoting the text, and the first of two bare quotations with the same words, are no display
    text = ("“We will not sign this deal today”\n\nThe minister left early.\n\n“We will not sign this deal today.”"
            "\n\nTalks resume on Friday.\n\n“We will not sign this deal today.”")
    assert [k for k, _ in pieces(text)] == ["headline", "statement", "statement", "statement", "boilerplate"]
