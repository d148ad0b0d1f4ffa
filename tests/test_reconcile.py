"""Reconciliation: rows with independent sources and status, conflicts, and breakdown checks.

Figures are built by hand here: the library reconciles whatever figures it is given."""

from __future__ import annotations

from disclosed.model import Figure, Story
from disclosed.reconcile import reconcile

DWP = "Department for Work and Pensions"
MET = "Metropolitan Police Service"


def fig(document: str, organisation: str, outcome: str, count: int, **kw: object) -> Figure:
    return Figure(
        document=document, organisation=organisation, outcome=outcome, count=count,
        staff_group=kw.pop("staff_group", "staff"), evidence="-", evidence_start=0, evidence_end=1,
        count_text=str(count), **kw,
    )


def story(sid: str, *sources: list[str]) -> Story:
    docs = [d for group in sources for d in group]
    return Story(id=sid, title=sid, documents=docs, origin=docs[0], sources=[list(g) for g in sources])


def rows_for(dataset, outcome: str, organisation: str = DWP):
    return [r for r in dataset.rows if r.outcome == outcome and r.organisation == organisation]


def test_copies_count_once_and_an_independent_rewrite_makes_it_agreed() -> None:
    figures = [fig(d, DWP, "dismissed", 11) for d in ("wire.txt", "copy.txt", "rewrite.txt")]
    stories = [story("s1", ["wire.txt", "copy.txt"], ["rewrite.txt"])]
    (row,) = reconcile(figures, stories).rows
    assert (row.count, row.status, row.sources) == (11, "agreed", 2)
    assert row.documents == ["copy.txt", "rewrite.txt", "wire.txt"]
    only_copies = reconcile(figures[:2], stories).rows[0]
    assert (only_copies.status, only_copies.sources) == ("single_source", 1)


def test_passing_mention_in_another_story_is_an_independent_source_and_joins_the_dated_row() -> None:
    figures = [
        fig("ho.txt", DWP, "dismissed", 11),  # "this follows 11 dismissals at DWP", no period
        fig("dwp.txt", DWP, "dismissed", 11, period_start="2009-01"),
    ]
    (row,) = reconcile(figures, [story("s-ho", ["ho.txt"]), story("s-dwp", ["dwp.txt"])]).rows
    assert (row.count, row.status, row.sources, row.period_start) == (11, "agreed", 2, "2009-01")
    assert row.stories == ["s-dwp", "s-ho"]


def test_outlets_giving_different_counts_conflict_with_competing_values_and_sources() -> None:
    figures = [fig(d, DWP, "dismissed", n) for d, n in (("a.txt", 11), ("b.txt", 11), ("c.txt", 12))]
    ds = reconcile(figures, [story("s", ["a.txt"], ["b.txt"], ["c.txt"])])
    (row,) = ds.rows
    assert row.status == "conflicting"
    assert row.count == 11  # the value with the most independent sources
    assert [(v.count, v.documents, v.sources) for v in row.values] == [
        (11, ["a.txt", "b.txt"], 2),
        (12, ["c.txt"], 1),
    ]
    (check,) = ds.checks
    assert check.kind == "conflict" and check.story == "s"
    assert check.documents == ["a.txt", "b.txt", "c.txt"]
    assert "11" in check.message and "12" in check.message


def test_qualified_and_exact_values_that_agree_are_not_a_conflict() -> None:
    figures = [
        fig("a.txt", DWP, "disciplined", 100, qualifier="more_than"),
        fig("b.txt", DWP, "disciplined", 116),
    ]
    ds = reconcile(figures, [story("s", ["a.txt"], ["b.txt"])])
    (row,) = ds.rows
    assert (row.count, row.qualifier, row.status, row.sources) == (116, "exact", "agreed", 2)
    assert ds.checks == []
    clash = reconcile([fig("a.txt", DWP, "disciplined", 120, qualifier="more_than"), figures[1]],
                      [story("s", ["a.txt"], ["b.txt"])])
    assert clash.rows[0].status == "conflicting"


def test_only_qualified_values_give_the_tightest_bound() -> None:
    figures = [fig("a.txt", DWP, "disciplined", 40, qualifier="more_than"),
               fig("b.txt", DWP, "disciplined", 50, qualifier="at_least")]
    (row,) = reconcile(figures, [story("s", ["a.txt"], ["b.txt"])]).rows
    assert (row.count, row.qualifier, row.status) == (50, "at_least", "agreed")


def test_different_periods_staff_groups_and_topics_are_not_conflicts() -> None:
    figures = [
        fig("a.txt", MET, "dismissed", 1, staff_group="police_staff", period="the past 18 months"),
        fig("b.txt", MET, "dismissed", 4, staff_group="police_staff", period_start="2009"),
        fig("b.txt", MET, "dismissed", 3, staff_group="police_officers", period_start="2009"),
        fig("c.txt", "Ministry of Justice", "disciplined", 41, topic="it_security"),
        fig("c.txt", "Ministry of Justice", "disciplined", 40, qualifier="more_than", topic="internet_email"),
        fig("d.txt", "Ministry of Justice", "disciplined", 12),
    ]
    stories = [story("s1", ["a.txt"]), story("s2", ["b.txt"]), story("s3", ["c.txt"]), story("s4", ["d.txt"])]
    social = reconcile(figures, stories)
    assert social.checks == [] and all(r.status == "single_source" for r in social.rows)
    assert sorted((r.organisation, r.count) for r in social.rows) == [
        (MET, 1), (MET, 3), (MET, 4), ("Ministry of Justice", 12)
    ]
    every = reconcile(figures, stories, topic=None)
    assert every.checks == []
    assert sorted(r.topic for r in every.rows if r.organisation == "Ministry of Justice") == [
        "internet_email", "it_security", "social_media"
    ]
    assert reconcile(figures, stories, topic="it_security").rows[0].count == 41


def test_a_subset_and_its_total_are_separate_rows_not_a_conflict() -> None:
    figures = [
        fig("a.txt", "Home Office", "written_warning", 11, id="w"),
        fig("a.txt", "Home Office", "written_warning", 1, part_of="w", conduct="security breach"),
        fig("b.txt", "Home Office", "written_warning", 11),
        fig("b.txt", "Home Office", "written_warning", 1, conduct="Security breach"),  # no part_of given
    ]
    ds = reconcile(figures, [story("s", ["a.txt"], ["b.txt"])])
    assert ds.checks == []
    assert sorted((r.count, r.detail, r.status) for r in ds.rows) == [
        (1, "security breach", "agreed"), (11, None, "agreed")
    ]


def test_a_breakdown_that_adds_up_with_a_sibling_outcome_raises_nothing() -> None:
    figures = [
        fig("d.txt", DWP, "disciplined", 116, id="t", period_start="2009-01"),
        fig("d.txt", DWP, "dismissed", 11, period_start="2009-01"),
        fig("d.txt", DWP, "final_written_warning", 34, part_of="t", period_start="2009-01"),
        fig("d.txt", DWP, "written_warning", 35, part_of="t", period_start="2009-01"),
        fig("d.txt", DWP, "verbal_warning", 36, part_of="t", period_start="2009-01"),
    ]
    assert reconcile(figures, [story("s", ["d.txt"])]).checks == []
    undeclared = [f.model_copy(update={"part_of": None}) for f in figures]
    assert reconcile(undeclared, [story("s", ["d.txt"])]).checks == []
    # the sentence giving the dismissals did not repeat the period
    def dismissals_in(period: str | None) -> list[Figure]:
        moved = {"period_start": period}
        return [f.model_copy(update=moved) if f.outcome == "dismissed" else f for f in figures]

    no_period = dismissals_in(None)
    assert reconcile(no_period, [story("s", ["d.txt"])]).checks == []
    other_period = dismissals_in("2005")
    assert len(reconcile(other_period, [story("s", ["d.txt"])]).checks) == 1


def test_a_declared_breakdown_that_falls_short_is_flagged() -> None:
    figures = [
        fig("d.txt", DWP, "disciplined", 116, id="t"),
        fig("d.txt", DWP, "final_written_warning", 34, part_of="t"),
        fig("d.txt", DWP, "written_warning", 35, part_of="t"),
        fig("d.txt", DWP, "verbal_warning", 30, part_of="t"),
    ]
    (check,) = reconcile(figures, [story("s", ["d.txt"])]).checks
    assert (check.kind, check.expected, check.found, check.story) == ("breakdown", 116, 99, "s")
    assert check.documents == ["d.txt"]


def test_inferred_parts_are_flagged_only_when_they_exceed_the_total() -> None:
    base = [fig("m.txt", MET, "disciplined", 28, staff_group="police_officers")]
    parts = [("written_warning", 18), ("words_of_advice", 5), ("formal_misconduct", 4)]
    short = base + [fig("m.txt", MET, o, n, staff_group="police_officers") for o, n in parts]
    assert reconcile(short, [story("s", ["m.txt"])]).checks == []  # 27 of 28: maybe not all listed
    over = short + [fig("m.txt", MET, "no_further_action", 3, staff_group="police_officers")]
    (check,) = reconcile(over, [story("s", ["m.txt"])]).checks
    assert (check.expected, check.found) == (28, 30)
    other_group = short + [fig("m.txt", MET, "dismissed", 9, staff_group="police_staff")]
    assert reconcile(other_group, [story("s", ["m.txt"])]).checks == []


def test_a_qualified_total_is_not_checked_and_copies_failing_alike_give_one_check() -> None:
    loose = [fig("a.txt", DWP, "disciplined", 40, qualifier="more_than", id="t"),
             fig("a.txt", DWP, "dismissed", 30, part_of="t"),
             fig("a.txt", DWP, "written_warning", 30, part_of="t")]
    assert reconcile(loose, [story("s", ["a.txt"])]).checks == []
    bad = [fig(d, DWP, "disciplined", 10, id="t") for d in ("a.txt", "b.txt")] + [
        fig(d, DWP, o, 6, part_of="t") for d in ("a.txt", "b.txt") for o in ("dismissed", "written_warning")
    ]
    (check,) = reconcile(bad, [story("s", ["a.txt", "b.txt"])]).checks
    assert check.documents == ["a.txt", "b.txt"] and check.found == 12


def test_a_partial_breakdown_far_short_of_its_total_is_not_a_failed_check() -> None:
    figures = [
        fig("p.txt", MET, "disciplined", 31, id="t", staff_group="police_officers"),
        fig("p.txt", MET, "dismissed", 2, part_of="t", staff_group="police_officers"),
        fig("p.txt", MET, "resigned_or_retired", 1, part_of="t", staff_group="police_officers"),
    ]
    assert reconcile(figures, [story("s", ["p.txt"])]).checks == []


def test_suppressed_and_qualified_parts_are_checked_as_ranges() -> None:
    def breakdown(total: int, *parts: tuple[str, int, str]) -> list:
        head = [fig("r.txt", DWP, "disciplined", total, id="t")]
        return head + [fig("r.txt", DWP, o, n, qualifier=q, suppressed=q == "up_to", part_of="t")
                       for o, n, q in parts]

    # "<5" final warnings is 1..4, so 2 + (1..4) + 5 = 8..11 can be a total of 9
    fits = breakdown(9, ("dismissed", 2, "exact"), ("final_written_warning", 4, "up_to"),
                     ("written_warning", 5, "exact"))
    assert reconcile(fits, [story("s", ["r.txt"])]).checks == []
    # "more than a dozen" is at least 13: 5 + 13.. fits a total of 18 (and can't fall short of it),
    # but is more than a total of 17
    assert reconcile(breakdown(18, ("dismissed", 5, "exact"), ("final_written_warning", 12, "more_than")),
                     [story("s", ["r.txt"])]).checks == []
    (over,) = reconcile(breakdown(17, ("dismissed", 5, "exact"), ("final_written_warning", 12, "more_than")),
                        [story("s", ["r.txt"])]).checks
    assert (over.expected, over.found) == (17, 18)
