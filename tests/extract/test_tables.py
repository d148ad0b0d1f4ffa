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


# --- layouts FOI letters use (tables written for these tests) ----------------------------------

STAFF_COLUMNS = """Wiltshire Council replied to a request about staff who misused social media in 2022.
| Result | Staff | Contractors | Agency workers | Total |
| Suspended | 6 | 2 | - | 8 |
| Dismissed | 3 | [redacted] | 1 | 5 |
"""

POLICE_COLUMNS = """Norfolk Constabulary disclosed the outcomes below.
| Outcome | Police officers | PCSOs | Special constables |
| Written warning | 12 | 3 | 2 |
"""

NOTED_MARKS = """Response from Wiltshire Council about employees disciplined over social media posts.
| Sanction | 2021 | 2022 |
| Dismissed | x | 6 |
| Final written warning | c | 9 |
| Verbal warning | n/a | 7 |
x = figure suppressed because it is fewer than 3
c denotes a number between 1 and 4; - means nil
"""

CASES_ROWS = """Norfolk Constabulary: officers and social media, 2020 to 2022.
| | 2020 | 2021 | 2022 |
| Number of cases | 14 | 17 | 11 |
| Dismissed | 2 | 3 | 1 |
"""

YEARS_AS_ROWS = """Wiltshire Council - employees and the misuse of social media.
| Year | Dismissal | Final warning | Total |
| 2019-20 | 3 | * | 15 |
| 2020-21 | * | 6 | 18 |
| Total | 7 | 10 | 33 |
* denotes a figure between 1 and 4
"""

TWO_TITLED_TABLES = """Norfolk Constabulary response on social media misconduct.
Police officers
| Outcome | 2022 |
| Dismissed | 5 |
Police staff
| Outcome | 2022 |
| Dismissed | 2 |
"""

BLANK_LINE_TABLES = """Wiltshire Council: staff dismissed or warned over social media.
| Outcome | 2021 |
| Dismissed | 4 |

| Outcome | 2022 |
| Written warning | 8 |
"""


def _groups(figures):
    return {(f.staff_group, f.outcome, f.count) for f in figures}


def test_staff_group_columns_give_each_column_its_group_and_the_total_all(register):
    figures = extract_figures(STAFF_COLUMNS, register=register)
    assert {f.organisation for f in figures} == {"Wiltshire Council"}
    assert _groups(figures) == {
        ("staff", "suspended", 6),
        ("other", "suspended", 2),
        ("all", "suspended", 8),
        ("staff", "dismissed", 3),
        ("other", "dismissed", 4),
        ("other", "dismissed", 1),
        ("all", "dismissed", 5),
    }


def test_a_redacted_cell_is_a_suppressed_count_below_five(register):
    figures = extract_figures(STAFF_COLUMNS, register=register)
    (redacted,) = [f for f in figures if f.count_text == "[redacted]"]
    assert (redacted.count, redacted.qualifier, redacted.suppressed) == (4, "up_to", True)


def test_police_columns_map_to_officers_police_staff_and_other(register):
    figures = extract_figures(POLICE_COLUMNS, register=register)
    assert {f.organisation for f in figures} == {"Norfolk Constabulary"}
    assert _groups(figures) == {
        ("police_officers", "written_warning", 12),
        ("police_staff", "written_warning", 3),
        ("other", "written_warning", 2),
    }


def test_marks_take_the_threshold_their_note_gives_and_nil_marks_are_no_figure(register):
    figures = extract_figures(NOTED_MARKS, register=register)
    marked = {f.count_text: (f.count, f.qualifier, f.suppressed) for f in figures if f.suppressed}
    assert marked == {"x": (2, "up_to", True), "c": (4, "up_to", True)}
    assert {f.count_text for f in figures} == {"x", "c", "6", "9", "7"}


def test_a_number_of_cases_row_is_everyone_disciplined(register):
    figures = extract_figures(CASES_ROWS, register=register)
    disciplined = {(f.count, f.period_start) for f in figures if f.outcome == "disciplined"}
    assert disciplined == {(14, "2020"), (17, "2021"), (11, "2022")}
    assert {f.staff_group for f in figures} == {"police_officers"}


def test_years_as_rows_with_starred_cells_and_a_total_row(register):
    figures = extract_figures(YEARS_AS_ROWS, register=register)
    got = {(f.outcome, f.count, f.qualifier, f.period_start, f.period_end) for f in figures}
    assert ("dismissed", 3, "exact", "2019-04", "2020-03") in got
    assert ("final_written_warning", 4, "up_to", "2019-04", "2020-03") in got
    assert ("dismissed", 4, "up_to", "2020-04", "2021-03") in got
    assert ("dismissed", 7, "exact", "2019-04", "2021-03") in got
    assert ("disciplined", 33, "exact", "2019-04", "2021-03") in got
    assert ("disciplined", 15, "exact", "2019-04", "2020-03") in got


def test_the_title_above_each_table_gives_its_staff_group(register):
    figures = extract_figures(TWO_TITLED_TABLES, register=register)
    assert _groups(figures) == {("police_officers", "dismissed", 5), ("police_staff", "dismissed", 2)}


def test_a_blank_line_starts_a_new_table_with_its_own_headings(register):
    figures = extract_figures(BLANK_LINE_TABLES, register=register)
    got = {(f.outcome, f.count, f.period_start) for f in figures}
    assert got == {("dismissed", 4, "2021"), ("written_warning", 8, "2022")}


def test_space_aligned_rows_are_cut_into_the_columns_of_their_headings():
    from disclosed.extract.sentences import Sentence
    from disclosed.extract.tables import _aligned_spans

    text = (
        "                        2020    2021   Total\n"
        "Cases heard                3       -       3\n"
        "Final written warning     12       9      21\n"
    )
    rows, pos = [], 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\n")
        lead = len(body) - len(body.lstrip())
        rows.append(Sentence(pos + lead, pos + len(body), body.strip(), True))
        pos += len(line)
    cells = [[text[a:b] for a, b in spans] for spans in _aligned_spans(text, rows)]
    assert cells == [
        ["", "2020", "2021", "Total"],
        ["Cases heard", "3", "-", "3"],
        ["Final written warning", "12", "9", "21"],
    ]


def test_table_vocabulary_names_known_outcomes():
    from disclosed.extract.tables import heading_outcomes, withheld_cells
    from disclosed.vocab import load

    assert heading_outcomes()["cases heard"] == "disciplined"
    assert set(heading_outcomes().values()) <= set(load("outcomes")["codes"])
    assert "[redacted]" in withheld_cells()
    assert 2 <= load("tables")["default_suppression_bound"] <= 10


TITLE_ROWS = """Norfolk Constabulary: misconduct outcomes where social media was misused.
| Police officers | | |
| Outcome | 2020/21 | 2021/22 |
| Reprimand | 6 | 4 |
| Police staff | | |
| Outcome | 2020/21 | 2021/22 |
| Reprimand | 3 | 1 |
"""

TAB_CORNER = "Wiltshire Council: employees disciplined over social media.\n" + "\n".join(
    "\t".join(row) for row in [["", "2018", "2019"], ["Dismissed", "2", "5"], ["Written warning", "7", "3"]]
)


def test_title_rows_inside_a_table_give_the_group_of_the_rows_below(register):
    figures = extract_figures(TITLE_ROWS, register=register)
    got = {(f.staff_group, f.count, f.period_start) for f in figures}
    assert got == {
        ("police_officers", 6, "2020-04"),
        ("police_officers", 4, "2021-04"),
        ("police_staff", 3, "2020-04"),
        ("police_staff", 1, "2021-04"),
    }
    assert {f.outcome for f in figures} == {"reprimand"}


def test_a_tab_table_with_a_blank_corner_keeps_its_columns(register):
    figures = extract_figures(TAB_CORNER, register=register)
    got = {(f.outcome, f.count, f.period_start) for f in figures}
    assert got == {
        ("dismissed", 2, "2018"),
        ("dismissed", 5, "2019"),
        ("written_warning", 7, "2018"),
        ("written_warning", 3, "2019"),
    }


SPACE_ALIGNED = """Wiltshire Council: replies on social media discipline.

Outcome                 Employees   Contractors    Total
Suspended                   11           2           13
Final written warning        4           -            4
"""


def test_a_space_aligned_table_is_read_by_its_columns(register):
    figures = extract_figures(SPACE_ALIGNED, register=register)
    assert {f.organisation for f in figures} == {"Wiltshire Council"}
    assert _groups(figures) == {
        ("staff", "suspended", 11),
        ("other", "suspended", 2),
        ("all", "suspended", 13),
        ("staff", "final_written_warning", 4),
    }


def test_a_cell_listing_outcomes_gives_one_figure_per_outcome_in_its_years_column():
    text = (
        "Lancashire Constabulary answered the request for the number of officers disciplined.\n\n"
        "| | 2021 | 2022 |\n"
        "| Officers | 3 | 2 |\n"
        "| Outcome | 2x Written warning 1x Dismissed | 2 x Final written warning |\n"
    )
    got = {(f.outcome, f.count, f.period_start) for f in extract_figures(text)}
    assert {
        ("disciplined", 3, "2021"),
        ("disciplined", 2, "2022"),
        ("written_warning", 2, "2021"),
        ("dismissed", 1, "2021"),
        ("final_written_warning", 2, "2022"),
    } <= got
    assert all(f.attribution and f.attribution.startswith("table") for f in extract_figures(text))
