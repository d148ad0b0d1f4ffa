"""Which outcome and staff noun each count in a sentence belongs to."""

from __future__ import annotations

import pytest

from disclosed.extract.clauses import find_cues, read_counts
from disclosed.extract.numbers import find_counts


def _read(sentence: str) -> list[tuple[int, str | None, str | None]]:
    readings = read_counts(sentence, find_counts(sentence), [])
    return [(r.count.value, r.outcome, r.staff_noun) for r in readings]


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("Nine clerks were fired.", "dismissed"),
        ("Nine clerks lost their jobs.", "dismissed"),
        ("Nine clerks were let go.", "dismissed"),
        ("Nine clerks quit.", "resigned_or_retired"),
        ("Nine clerks retired early.", "resigned_or_retired"),
        ("Nine clerks were suspended.", "suspended"),
        ("Nine clerks got final written warnings.", "final_written_warning"),
        ("Nine clerks got written warnings.", "written_warning"),
        ("Nine clerks were warned.", "warning"),
        ("Nine clerks were given oral warnings.", "verbal_warning"),
        ("Nine clerks were verbally reprimanded.", "verbal_warning"),
        ("Nine clerks received words of advice.", "words_of_advice"),
        ("Nine clerks received management advice.", "management_advice"),
        ("Nine clerks were reprimanded.", "reprimand"),
        ("Nine clerks faced misconduct hearings.", "formal_misconduct"),
        ("Nine clerks faced no further action.", "no_further_action"),
        ("Nine clerks were sent on refresher training.", "training"),
        ("Nine clerks were investigated.", "investigated"),
        ("Nine clerks faced disciplinary proceedings.", "disciplined"),
        ("Nine clerks were found to have breached the code.", "misconduct_found"),
    ],
)
def test_outcome_wordings(sentence: str, code: str):
    assert _read(sentence) == [(9, code, "staff")]


def test_verb_before_its_object_count():
    assert _read("The agency fired six workers and gave written warnings to four.") == [
        (6, "dismissed", "staff"),
        (4, "written_warning", "staff"),
    ]


def test_list_with_elided_verbs():
    sentence = "22 got written warnings, seven words of advice and three a misconduct hearing."
    assert [(v, o) for v, o, _ in _read(sentence)] == [
        (22, "written_warning"),
        (7, "words_of_advice"),
        (3, "formal_misconduct"),
    ]


def test_coordinated_counts_share_the_verb():
    assert _read("Four constables and two civilian staff resigned.") == [
        (4, "resigned_or_retired", "police_officers"),
        (2, "resigned_or_retired", "police_staff"),
    ]


def test_reasons_negations_plans_and_rule_names_are_not_outcomes():
    assert find_cues("They were punished for breaching the rules.")[0].code == "disciplined"
    assert [c.code for c in find_cues("Ten were sacked after an investigation.")] == ["dismissed"]
    assert find_cues("Staff were not dismissed.") == []
    assert find_cues("The trust will provide training to all staff.") == []
    assert find_cues("Its Disciplinary Policy applies.") == []


def test_a_partitive_over_outcome_cases_takes_the_verb():
    sentence = "Eleven of the investigations found that staff had breached the code."
    assert _read(sentence)[0][:2] == (11, "misconduct_found")


def test_group_named_before_the_counts():
    assert _read("Among the officers, eight were dismissed.") == [(8, "dismissed", "police_officers")]


def test_word_tests_before_the_window_patterns_agree_with_the_patterns():
    # the substring tests only skip windows a pattern cannot match: they must agree on every window
    from disclosed.extract import clauses

    windows = [
        "officers were not ",
        "she was never formally ",
        "he wasn’t ",
        "they didn't ",
        "neither officer was ",
        "she avoided being ",
        "escaped with a ",
        "a further ",
        "another ",
        "an additional ",
        "other ",
        "none of the ",
        "none of ",
        "the force said that ",
        "nobody knows how many ",
        "the others were ",
    ]
    pairs = [
        (clauses._negated_before, clauses._NEGATED_BEFORE),
        (clauses._another_before, clauses._ANOTHER_BEFORE),
        (clauses._none_of_before, clauses._NONE_OF_BEFORE),
    ]
    hits = 0
    for test, pattern in pairs:
        for window in windows:
            expected = pattern.search(window) is not None
            hits += expected
            assert test(window) == expected, (window, pattern.pattern)
    assert hits >= 9


def test_the_outcome_in_n_cases_is_the_one_before_the_count():
    assert _read("Sanctions ranged from words of advice in 33 cases to dismissal in two.") == [
        (33, "words_of_advice", None),
        (2, "dismissed", None),
    ]


def test_a_result_after_the_process_is_the_outcome():
    readings = _read("In 14 cases the investigations concluded with no further action.")
    assert readings[0][1] == "no_further_action"
    assert _read("Breaches of the code were found in 6 cases.")[0][1] == "misconduct_found"


def test_proceedings_brought_against_a_count_and_the_counts_after_it():
    readings = _read("Misconduct proceedings were brought against 12 constables and 3 volunteers.")
    assert [r[1] for r in readings] == ["disciplined", "disciplined"]
    assert [r[2] for r in readings] == ["police_officers", "other"]


def test_sanctions_without_a_contract_code_give_no_outcome_and_lend_none():
    assert _read("Five were demoted and two were sacked.") == [(5, "", None), (2, "dismissed", None)]
    assert _read("Three clerks were struck off the register.")[0][1] == ""
    assert not find_cues("Two were demoted.")
    assert find_cues("Two were demoted.", keep_void=True)[0].code == ""


def test_people_working_for_a_body_who_were_investigated_are_not_a_headcount():
    readings = read_counts(
        s := "In total 40 people working for the trust were subject to a disciplinary investigation.",
        find_counts(s),
        [],
    )
    assert (readings[0].headcount, readings[0].outcome) == (False, "investigated")
    readings = read_counts(s := "The trust has 9,000 people working for it.", find_counts(s), [])
    assert readings[0].headcount


def test_no_outcome_phrase_is_also_listed_as_a_phrase_without_a_code():
    from disclosed import vocab

    data = vocab.load("outcomes")
    coded = {vocab.normalise_phrase(p) for entry in data["codes"].values() for p in entry["phrases"]}
    void = [vocab.normalise_phrase(p) for p in data["not_outcomes"]["phrases"]]
    assert len(void) == len(set(void))
    assert not coded & set(void)
