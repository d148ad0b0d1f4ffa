"""Attribution: who each count belongs to, chosen by explicit rules and recorded on the figure."""

from __future__ import annotations

from disclosed.extract import extract_figures


def _keys(text: str) -> set[tuple[str, str | None, str, int]]:
    return {(f.organisation, f.staff_group, f.outcome, f.count) for f in extract_figures(text)}


def test_every_figure_says_how_its_body_was_chosen():
    figures = extract_figures("Kent Police dismissed four officers over Facebook posts last year.")
    assert figures and all(f.attribution for f in figures)
    assert figures[0].attribution == "named in the same clause"


def test_a_place_name_with_a_kind_word_is_that_places_body():
    figures = extract_figures(
        "Forces across the south were asked for figures. A Sussex constable was sacked, and Kent Police "
        "gave written warnings to three officers."
    )
    by_org = {f.organisation: f for f in figures}
    assert "Sussex Police" in by_org
    assert "place name" in (by_org["Sussex Police"].attribution or "")


def test_the_outlet_that_obtained_the_figures_owns_none_of_them():
    keys = _keys(
        "Figures obtained by the BBC show Leeds City Council suspended six staff over social media posts."
    )
    assert ("Leeds City Council", "staff", "suspended", 6) in keys
    assert not any(org == "British Broadcasting Corporation" for org, *_ in keys)


def test_a_total_over_many_bodies_gets_a_collective_label():
    keys = _keys(
        "Across the 38 forces in England and Wales that replied, 240 officers were disciplined for "
        "misusing social media. Kent Police disciplined 19 of them and Essex Police 12."
    )
    assert ("Police forces in England and Wales", "police_officers", "disciplined", 240) in keys
    assert ("Kent Police", "police_officers", "disciplined", 19) in keys


def test_one_count_for_each_body_of_a_list():
    keys = _keys(
        "Nine officers resigned over the posts: four in Kent, plus a single officer from each of "
        "Surrey, Sussex and Essex."
    )
    for force in ("Surrey Police", "Sussex Police", "Essex Police"):
        assert (force, "police_officers", "resigned_or_retired", 1) in keys


def test_apiece_pairs_a_count_with_each_body_before_it():
    keys = _keys(
        "Council workers were warned over their posts. Wiltshire and Somerset reported four cases apiece."
    )
    assert ("Wiltshire Council", "staff", "investigated", 4) in keys
    assert ("Somerset Council", "staff", "investigated", 4) in keys


def test_a_count_of_bodies_is_no_figure():
    keys = _keys("Two northern police forces said 14 officers had been dismissed between them.")
    assert not any(count == 2 for *_, count in keys)


def test_a_counterfactual_counts_the_outcome_that_happened():
    keys = _keys(
        "Norfolk Constabulary dismissed five officers, and three more would have been dismissed had "
        "they not resigned first."
    )
    assert ("Norfolk Constabulary", "police_officers", "resigned_or_retired", 3) in keys
    assert ("Norfolk Constabulary", "police_officers", "dismissed", 3) not in keys


def test_lettered_answers_take_the_question_of_their_letter():
    text = (
        "Suffolk Constabulary\n\n(a) How many officers were suspended over social media in 2021?\n"
        "(b) How many of them were dismissed?\n\n(a) = 6\n(b) = 1\n"
    )
    keys = _keys(text)
    assert ("Suffolk Constabulary", "police_officers", "suspended", 6) in keys
    assert ("Suffolk Constabulary", "police_officers", "dismissed", 1) in keys


def test_a_ranking_pairs_each_count_with_its_body():
    keys = _keys(
        "Councils were asked how many complaints they had logged. Leeds City Council had the most "
        "complaints, 22, followed by Bradford Council with 15."
    )
    assert ("Leeds City Council", "staff", "investigated", 22) in keys
    assert ("City of Bradford Metropolitan District Council", "staff", "investigated", 15) in keys or (
        "Bradford Council",
        "staff",
        "investigated",
        15,
    ) in keys


def test_a_misspelt_name_is_taken_as_its_body_and_the_figure_says_so():
    figures = extract_figures("Lancasshire Constabulary suspended two officers over TikTok clips.")
    assert [(f.organisation, f.count) for f in figures] == [("Lancashire Constabulary", 2)]
    assert "near match to Lancashire Constabulary" in (figures[0].attribution or "")


def test_a_name_differing_in_its_first_letter_is_another_body_not_a_near_match():
    figures = extract_figures("Wessex Police suspended two officers over TikTok clips.")
    assert all(f.organisation != "Essex Police" for f in figures)
