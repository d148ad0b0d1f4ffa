"""End to end: documents I wrote, read into figures with organisations, groups and breakdowns."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from disclosed.extract import extract_document, extract_figures
from disclosed.model import Document


def _keys(figures):
    return {(f.organisation, f.staff_group, f.outcome, f.count) for f in figures}


ARTICLE = (Path(__file__).parent / "fixtures" / "dft_article.txt").read_text("utf-8")


def test_a_total_and_its_breakdown(register):
    figures = extract_figures(ARTICLE, published=date(2019, 6, 1), register=register)
    assert _keys(figures) == {
        ("Department for Transport", "staff", "disciplined", 52),
        ("Department for Transport", "staff", "dismissed", 9),
        ("Department for Transport", "staff", "written_warning", 20),
        ("Driver and Vehicle Licensing Agency", "staff", "dismissed", 4),
    }
    by_count = {f.count: f for f in figures}
    assert by_count[9].part_of == by_count[52].id
    assert by_count[20].part_of == by_count[52].id
    assert by_count[52].period_start == "2016-04"


def test_requester_applies_to_the_disclosure_not_to_figures_in_passing(register):
    figures = extract_figures(ARTICLE, published=date(2019, 6, 1), register=register)
    by_org = {f.organisation: f for f in figures}
    assert by_org["Department for Transport"].requester == "Open Desk"
    assert by_org["Driver and Vehicle Licensing Agency"].requester is None
    dvla = by_org["Driver and Vehicle Licensing Agency"]
    assert (dvla.period_start, dvla.period_end) == ("2018", "2018")
    assert dvla.platforms == ["Twitter"]


def test_police_groups_and_the_force(register):
    text = (
        "Cumbria Constabulary sacked eleven staff over social media misuse between 2014 and 2017.\n"
        "Seven police officers and four civilian staff were among them, the force said.\n"
        "A further two officers resigned before their hearings. "
        "The force took no further action against one PCSO."
    )
    figures = extract_figures(text, register=register)
    assert _keys(figures) == {
        ("Cumbria Constabulary", "all", "dismissed", 11),
        ("Cumbria Constabulary", "police_officers", "dismissed", 7),
        ("Cumbria Constabulary", "police_staff", "dismissed", 4),
        ("Cumbria Constabulary", "police_officers", "resigned_or_retired", 2),
        ("Cumbria Constabulary", "police_staff", "no_further_action", 1),
    }


def test_headcounts_money_and_ages_are_not_figures(register):
    text = (
        "Kent Police, which has 3,700 officers, spent £20,000 on a 40-page review. "
        "A 31-year-old constable was among three officers dismissed in 2020."
    )
    assert _keys(extract_figures(text, register=register)) == {
        ("Kent Police", "police_officers", "dismissed", 3)
    }


def test_none_of_is_not_a_count(register):
    text = "The Home Office investigated 14 civil servants. None of the 14 was sacked."
    assert _keys(extract_figures(text, register=register)) == {("Home Office", "staff", "investigated", 14)}


def test_a_repeated_figure_is_one_figure_with_the_richer_attributes(register):
    text = (
        "Home Office sacks 6 over Facebook\n"
        "Six Home Office civil servants were dismissed for misusing Facebook and Snapchat in 2012."
    )
    (figure,) = extract_figures(text, register=register)
    assert figure.count == 6 and figure.outcome == "dismissed"
    assert figure.period_start == "2012"


def test_qualifiers_and_suppression(register):
    text = "The Ministry of Justice sacked fewer than 5 staff and warned more than 30 others over tweets."
    figures = {f.outcome: f for f in extract_figures(text, register=register)}
    assert (figures["dismissed"].count, figures["dismissed"].qualifier, figures["dismissed"].suppressed) == (
        4,
        "up_to",
        True,
    )
    assert (figures["warning"].count, figures["warning"].qualifier) == (30, "more_than")


def test_topic_from_what_was_misused(register):
    text = (
        "The DWP disciplined 15 staff for misuse of email and the internet. "
        "It also took action against 8 staff for breaches of its IT security policy."
    )
    topics = {f.count: f.topic for f in extract_figures(text, register=register)}
    assert topics == {15: "internet_email", 8: "it_security"}


def test_unregistered_body_keeps_its_written_name(register):
    figures = extract_figures(
        "Westshire Constabulary dismissed 3 officers over WhatsApp messages.", register=register
    )
    assert _keys(figures) == {("Westshire Constabulary", "police_officers", "dismissed", 3)}
    assert figures[0].platforms == ["WhatsApp"]


def test_extract_document_names_the_document(register):
    doc = Document(text="The Home Office sacked 3 staff.", source="/tmp/a/b/story.txt", format="text")
    (figure,) = extract_document(doc, register=register)
    assert figure.document == "story.txt"


def test_evidence_spans(register):
    for f in extract_figures(ARTICLE, register=register):
        assert ARTICLE[f.evidence_start : f.evidence_end] == f.evidence
        assert f.count_text in f.evidence


def test_nothing_in_empty_or_figureless_text(register):
    assert extract_figures("", register=register) == []
    assert extract_figures("The council has a social media policy.", register=register) == []


def test_a_breakdown_sentence_without_outcome_takes_the_total_outcome(register):
    text = (
        "Kent Police disciplined 30 people over social media posts in 2021. "
        "The total was made up of 21 officers, six PCSOs and three special constables."
    )
    figures = extract_figures(text, register=register)
    assert _keys(figures) >= {
        ("Kent Police", "police_officers", "disciplined", 21),
        ("Kent Police", "police_staff", "disciplined", 6),
        ("Kent Police", "other", "disciplined", 3),
    }
    total = next(f for f in figures if f.count == 30)
    assert {f.count for f in figures if f.part_of == total.id} == {21, 6, 3}


def test_a_counted_group_given_a_new_outcome_later(register):
    text = (
        "Kent Police investigated 12 officers and four PCSOs last year. "
        "The PCSOs were given words of advice. All 12 officers were later sacked."
    )
    figures = extract_figures(text, register=register)
    assert ("Kent Police", "police_staff", "words_of_advice", 4) in _keys(figures)
    assert ("Kent Police", "police_officers", "dismissed", 12) in _keys(figures)
    for f in figures:
        assert text[f.evidence_start : f.evidence_end] == f.evidence and f.count_text in f.evidence


def test_a_body_in_apposition_keeps_the_figure(register):
    text = "The DVLA, an agency of the department, dismissed five workers over Facebook posts."
    assert _keys(extract_figures(text, register=register)) == {
        ("Driver and Vehicle Licensing Agency", "staff", "dismissed", 5)
    }


def test_a_headline_before_any_body_takes_the_body_of_the_first_figure(register):
    text = "Nine sacked over Twitter posts\n\nLeeds City Council said it had sacked nine employees in 2019."
    assert _keys(extract_figures(text, register=register)) == {
        ("Leeds City Council", "staff", "dismissed", 9)
    }


def test_foi_questions_answers_and_labelled_lists(register):
    text = (Path(__file__).parent / "fixtures" / "foi_questions_and_lists.txt").read_text("utf-8")
    figures = extract_figures(text, register=register)
    assert _keys(figures) == {
        ("Cumbria Constabulary", "police_officers", "disciplined", 23),
        ("Cumbria Constabulary", "police_officers", "dismissed", 3),
        ("Cumbria Constabulary", "police_officers", "final_written_warning", 6),
        ("Cumbria Constabulary", "police_officers", "written_warning", 9),
        ("Cumbria Constabulary", "police_officers", "management_advice", 5),
        ("Cumbria Constabulary", "police_staff", "disciplined", 4),
    }
    answer = next(f for f in figures if f.count == 23)
    assert answer.period_start == "2018-01"
    assert answer.evidence.startswith("How many officers") and answer.evidence.endswith("23")
    suppressed = next(f for f in figures if f.staff_group == "police_staff")
    assert (suppressed.qualifier, suppressed.suppressed) == ("up_to", True)


def test_list_items_take_the_outcome_and_group_of_their_lead_in(register):
    text = (
        "Forces asked by the paper gave these numbers of officers disciplined over online posts:\n"
        "- Kent Police: 8\n"
        "- Cumbria Constabulary: 5 officers and 2 police staff\n"
        "- Metropolitan Police Service: 30, of whom four were sacked\n"
        "- Leeds City Council: none\n"
        "The paper said the numbers were small.\n"
    )
    figures = extract_figures(text, register=register)
    assert _keys(figures) == {
        ("Kent Police", "police_officers", "disciplined", 8),
        ("Cumbria Constabulary", "police_officers", "disciplined", 5),
        ("Cumbria Constabulary", "police_staff", "disciplined", 2),
        ("Metropolitan Police Service", "police_officers", "disciplined", 30),
        ("Metropolitan Police Service", "police_officers", "dismissed", 4),
    }
    by_count = {f.count: f for f in figures}
    assert by_count[4].part_of == by_count[30].id


def test_a_list_ends_at_the_first_line_that_is_not_an_item(register):
    text = (
        "Officers disciplined, by force:\n- Kent Police: 8\nOther forces did not reply.\n"
        "- Cumbria Constabulary: 5\n"
    )
    keys = _keys(extract_figures(text, register=register))
    assert keys == {("Kent Police", "police_officers", "disciplined", 8)}


def test_a_share_of_the_cases_is_a_breakdown_of_the_total(register):
    text = (
        "The Home Office disciplined 90 staff over their online conduct between 2019 and 2022. "
        "Of these, 12 were dismissed. About 40 of the cases involved posts on TikTok."
    )
    figures = extract_figures(text, register=register)
    assert _keys(figures) == {
        ("Home Office", "staff", "disciplined", 90),
        ("Home Office", "staff", "dismissed", 12),
        ("Home Office", "staff", "disciplined", 40),
    }
    share = next(f for f in figures if f.count == 40)
    assert share.qualifier == "about" and share.platforms == ["TikTok"]
    assert share.part_of == next(f.id for f in figures if f.count == 90)


def test_thousands_loosely_tied_to_an_outcome_are_not_figures(register):
    text = (
        "Kent Police, with about 3,600 officers and a budget of £300m, said it had dismissed six "
        "officers for misusing Facebook. The force, which answers more than 1,000 calls a day, "
        "said training had been given."
    )
    keys = _keys(extract_figures(text, register=register))
    assert keys == {("Kent Police", "police_officers", "dismissed", 6)}


def test_what_people_considered_doing_is_not_an_outcome(register):
    text = "Kent Police said nine officers had considered resigning because of abuse they received online."
    assert extract_figures(text, register=register) == []


def test_a_total_column_across_staff_groups_counts_everyone(register):
    text = (
        "Kent Police gave these outcomes for social media misconduct cases in 2021.\n"
        "| Outcome | Police officers | Police staff | Total |\n"
        "| Dismissed | 3 | 1 | 4 |\n"
        "| Written warning | 6 | 2 | 8 |\n"
    )
    keys = _keys(extract_figures(text, register=register))
    assert ("Kent Police", "all", "dismissed", 4) in keys
    assert ("Kent Police", "all", "written_warning", 8) in keys
    assert ("Kent Police", "police_staff", "dismissed", 1) in keys
    assert ("Kent Police", "police_officers", "written_warning", 6) in keys


def test_a_council_named_in_welsh_is_found_under_its_english_name():
    figures = extract_figures("Cyngor Gwynedd gave four staff written warnings over Facebook posts.")
    assert _keys(figures) == {("Gwynedd Council", "staff", "written_warning", 4)}


# -- sentence phenomena met on unseen documents (sentences written for these tests) -------------


def test_a_list_with_the_verb_left_out_gives_each_count_to_the_body_before_it(register):
    text = "Kent Police sacked 14 officers over posts, Cumbria Constabulary six and the Met three."
    assert _keys(extract_figures(text, register=register)) == {
        ("Kent Police", "police_officers", "dismissed", 14),
        ("Cumbria Constabulary", "police_officers", "dismissed", 6),
        ("Metropolitan Police Service", "police_officers", "dismissed", 3),
    }


def test_followed_by_with_and_a_verbless_item_after_a_share_of_the_cases(register):
    text = (
        "The Met led the list with 90 investigations of officers, followed by Kent Police with 40 and "
        "Cumbria Constabulary with 12."
    )
    found = {(f.organisation, f.count) for f in extract_figures(text, register=register)}
    assert found == {("Metropolitan Police Service", 90), ("Kent Police", 40), ("Cumbria Constabulary", 12)}


def test_each_of_two_bodies_gets_the_count(register):
    text = (
        "Leeds City Council disciplined 30 employees over social media. The Home Office and the DWP "
        "each recorded fewer than five."
    )
    found = _keys(extract_figures(text, register=register))
    assert ("Home Office", "staff", "disciplined", 4) in found
    assert ("Department for Work and Pensions", "staff", "disciplined", 4) in found


def test_a_total_across_many_bodies_and_its_share_belong_to_no_body(register):
    text = (
        "Across government, 410 officials were disciplined for online misconduct. Of these, 70 were "
        "sacked. The Home Office accounted for 120 of the cases and the DWP for 95."
    )
    assert _keys(extract_figures(text, register=register)) == {
        ("Home Office", "staff", "disciplined", 120),
        ("Department for Work and Pensions", "staff", "disciplined", 95),
    }


def test_staff_group_breakdowns_of_a_total(register):
    text = (
        "Kent Police investigated 80 of its workforce over messages. Of those, 61 were police officers "
        "and 19 police staff."
    )
    found = _keys(extract_figures(text, register=register))
    assert ("Kent Police", "police_officers", "investigated", 61) in found
    assert ("Kent Police", "police_staff", "investigated", 19) in found
    text = "Cumbria Constabulary disciplined 33 people over posts. Twenty of them were officers."
    assert ("Cumbria Constabulary", "police_officers", "disciplined", 20) in _keys(
        extract_figures(text, register=register)
    )


def test_proceedings_brought_against_several_groups(register):
    text = (
        "Misconduct proceedings over online posts were brought against 21 officers, 5 special constables "
        "and 8 members of police staff at Kent Police."
    )
    assert _keys(extract_figures(text, register=register)) == {
        ("Kent Police", "police_officers", "disciplined", 21),
        ("Kent Police", "other", "disciplined", 5),
        ("Kent Police", "police_staff", "disciplined", 8),
    }


def test_outcome_nearest_the_count_in_a_range_and_results_of_investigations(register):
    text = (
        "At Leeds City Council, outcomes went from management advice in 27 cases to dismissal in three. "
        "Another 8 investigations ended with no further action."
    )
    found = _keys(extract_figures(text, register=register))
    assert ("Leeds City Council", "staff", "management_advice", 27) in found
    assert ("Leeds City Council", "staff", "dismissed", 3) in found
    assert ("Leeds City Council", "staff", "no_further_action", 8) in found


def test_demotion_and_striking_off_are_not_dismissals(register):
    text = (
        "The Home Office disciplined 25 employees. Four were demoted and two were sacked. "
        "Three nurses were struck off by their regulator."
    )
    found = _keys(extract_figures(text, register=register))
    assert ("Home Office", "staff", "dismissed", 2) in found
    assert not {k for k in found if k[3] in (3, 4)}


def test_ending_contracts_of_agency_workers_is_their_dismissal(register):
    text = "At the DWP the contracts of 6 agency workers employed on the helpline were terminated."
    assert _keys(extract_figures(text, register=register)) == {
        ("Department for Work and Pensions", "other", "dismissed", 6)
    }


def test_a_share_of_them_keeps_the_group_of_the_sentence_before(register):
    text = "Kent Police received 50 complaints about the posts of its officers. It upheld 22 of them."
    found = _keys(extract_figures(text, register=register))
    assert ("Kent Police", "police_officers", "misconduct_found", 22) in found


def test_an_officer_or_member_of_staff_is_the_whole_force(register):
    text = "The Met said 12 cases had ended with an officer or member of staff being dismissed."
    assert _keys(extract_figures(text, register=register)) == {
        ("Metropolitan Police Service", "all", "dismissed", 12)
    }


def test_a_bullet_without_an_outcome_continues_the_list(register):
    text = (
        "Figures by force:\n\n- Kent Police: 17 officers disciplined\n\n"
        "- Cumbria Constabulary: fewer than five, the force said\n"
    )
    found = _keys(extract_figures(text, register=register))
    assert ("Cumbria Constabulary", "police_officers", "disciplined", 4) in found


def test_the_posts_take_the_platform_of_the_sentence_before_and_later_platforms_do_not_leak(register):
    text = (
        "Staff at Leeds City Council had shared jokes about residents on Instagram.\n\n"
        "The posts led to 9 employees being disciplined, and 2 of them were sacked.\n\n"
        "In addition, 3 employees received a written warning.\n\n"
        "Separately, the council has started a TikTok channel for its parks."
    )
    figures = extract_figures(text, register=register)
    assert {f.count: f.platforms for f in figures} == {9: ["Instagram"], 2: ["Instagram"], 3: ["Instagram"]}


def test_officers_and_civilian_staff_together_are_the_whole_force():
    figures = extract_figures(
        "Six constables and support staff at Durham Constabulary were suspended over Snapchat messages."
    )
    assert [(f.organisation, f.staff_group, f.count) for f in figures] == [("Durham Constabulary", "all", 6)]


def test_staff_after_a_force_name_ending_in_police_are_the_whole_force():
    figures = extract_figures("Twelve Kent Police staff were disciplined over TikTok videos in 2022.")
    assert [(f.staff_group, f.outcome, f.count) for f in figures] == [("all", "disciplined", 12)]


def test_a_person_named_by_rank_counts_one():
    figures = extract_figures("Gwent Police confirmed that PC Lee Rowan was dismissed over Instagram posts.")
    assert [(f.organisation, f.staff_group, f.outcome, f.count) for f in figures] == [
        ("Gwent Police", "police_officers", "dismissed", 1)
    ]


def test_a_person_named_by_rank_as_an_object_is_not_counted():
    figures = extract_figures("Three complaints against Sgt Ann Marsh of Gwent Police were investigated.")
    assert [f.count for f in figures] == [3]


def test_a_short_form_the_document_defines_is_that_body():
    text = (
        "Kent Fire and Rescue Service (KFRS) has reviewed its crews' group chats. "
        "KFRS said two firefighters were suspended over the messages."
    )
    figures = extract_figures(text)
    assert [(f.organisation, f.outcome, f.count) for f in figures] == [
        ("Kent Fire and Rescue Service", "suspended", 2)
    ]


def test_a_warning_of_either_kind_is_a_warning_and_counselling_is_advice():
    figures = extract_figures(
        "Moray Council gave six staff verbal or written warnings over Facebook posts; "
        "three more were counselled."
    )
    assert {(f.outcome, f.count) for f in figures} == {("warning", 6), ("words_of_advice", 3)}


def test_another_standing_alone_is_one_more_of_the_group_just_counted():
    figures = extract_figures(
        "Avon and Somerset Constabulary sacked one volunteer over Twitter posts and another resigned."
    )
    assert {(f.staff_group, f.outcome, f.count) for f in figures} == {
        ("other", "dismissed", 1),
        ("other", "resigned_or_retired", 1),
    }


def test_what_the_cases_were_found_to_be_is_their_outcome():
    figures = extract_figures(
        "Hull City Council said that in three cases it was found there was no case to answer over the posts."
    )
    assert [(f.outcome, f.count) for f in figures] == [("no_further_action", 3)]
