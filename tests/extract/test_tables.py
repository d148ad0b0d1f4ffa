"""Figures read from tables rendered as "| a | b |" rows or tab-separated lines."""

from __future__ import annotations

from disclosed.extract import extract_figures

YEARS_TABLE = """Kent Police: officers and staff dismissed after misuse of social media.
| Group | 2018 | 2019 | Total |
| Police officers | 5 | * | 8 |
| Police staff | 2 | 0 | 2 |
* Numbers fewer than three are shown as an asterisk.
"""

OUTCOMES_TABLE = "Reply from Leeds City Council on social media cases in 2020/21.\n" + "\n".join(
    "\t".join(row)
    for row in [
        ["Outcome", "Employees"],
        ["Dismissal", "3"],
        ["Final written warning", "<5"],
        ["Training", "11"],
        ["Total", "18"],
    ]
)


def _rows(figures):
    return {(f.staff_group, f.outcome, f.count, f.period_start, f.period_end) for f in figures}


def test_year_columns_give_per_year_figures_and_the_total_the_whole_period(register):
    figures = extract_figures(YEARS_TABLE, register=register)
    assert {f.organisation for f in figures} == {"Kent Police"}
    assert _rows(figures) == {
        ("police_officers", "dismissed", 5, "2018", "2018"),
        ("police_officers", "dismissed", 2, "2019", "2019"),
        ("police_officers", "dismissed", 8, "2018", "2019"),
        ("police_staff", "dismissed", 2, "2018", "2018"),
        ("police_staff", "dismissed", 2, "2018", "2019"),
    }


def test_a_footnoted_mark_is_a_suppressed_up_to_count(register):
    figures = extract_figures(YEARS_TABLE, register=register)
    (star,) = [f for f in figures if f.count_text == "*"]
    assert (star.count, star.qualifier, star.suppressed) == (2, "up_to", True)


def test_cells_break_down_the_total_of_their_row(register):
    figures = extract_figures(YEARS_TABLE, register=register)
    ids = {(f.count, f.period_start, f.period_end, f.staff_group): f.id for f in figures}
    total = ids[(8, "2018", "2019", "police_officers")]
    assert {f.count for f in figures if f.part_of == total} == {5, 2}


def test_outcome_rows_in_a_tab_table_and_the_total_is_everyone_disciplined(register):
    figures = extract_figures(OUTCOMES_TABLE, register=register)
    assert {(f.outcome, f.count, f.qualifier) for f in figures} == {
        ("dismissed", 3, "exact"),
        ("final_written_warning", 4, "up_to"),
        ("training", 11, "exact"),
        ("disciplined", 18, "exact"),
    }
    assert {f.organisation for f in figures} == {"Leeds City Council"}
    assert {(f.period_start, f.period_end) for f in figures} == {("2020-04", "2021-03")}


def test_evidence_is_the_row_and_holds_the_cell(register):
    for text in (YEARS_TABLE, OUTCOMES_TABLE):
        for f in extract_figures(text, register=register):
            assert text[f.evidence_start : f.evidence_end] == f.evidence
            assert f.count_text in f.evidence
            assert "\n" not in f.evidence


def test_a_table_without_any_outcome_is_not_read(register):
    text = "Kent Police headcount.\n| Group | 2019 |\n| Officers | 3,600 |\n| Staff | 2,100 |\n"
    assert extract_figures(text, register=register) == []
