"""Per-authority performance and a batch's answers collated, on the hand-made requests in conftest."""

from __future__ import annotations

from datetime import date

from disclosed.foi.performance import authority_performance, collate_batch
from disclosed.model import Figure, render_table

TODAY = date(2024, 8, 1)


def test_authority_performance(tracked) -> None:
    perf = {p.authority: p for p in authority_performance(tracked.values(), TODAY)}
    assert list(perf) == [
        "Afon Valley Fire and Rescue Service", "Glenmoor Council", "Northshire Constabulary"
    ]

    north = perf["Northshire Constabulary"]
    # r1: sent Fri 2023-12-15, answered 2024-01-10: Dec 18-22 (5), 27-29 (8), Jan 3-5 (11), 8-10 (14).
    # r2: sent Mon 2024-06-03, refused 2024-07-05: Jun 4-28 (19), Jul 1-5 (24); due 2024-07-01, so late.
    # r3: extended, answered 2024-07-25: 24 by Jul 5, Jul 8-11 (28), 12 x (NI), 15-19 (33), 22-25 (37);
    #     extended due 2024-07-30, so on time.
    # r4: sent 2024-06-03, no answer by 2024-08-01: overdue since 2024-07-01.
    assert (north.requests, north.answered, north.overdue) == (4, 3, 1)
    assert north.median_working_days == 24
    assert (north.answered_late, north.share_late) == (1, 1 / 3)
    assert (north.refused, north.share_refused, north.partially_successful) == (1, 1 / 3, 1)
    assert north.exemptions == {"s.40(2)": 2, "s.12": 1}

    glen = perf["Glenmoor Council"]
    # r5 (FOISA): sent 2024-06-03, refused 2024-06-28: Jun 4-7 (4), 10-14 (9), 17-21 (14), 24-28 (19).
    # r6: review asked for 2024-07-10 without an answer: not answered; review due 2024-08-08
    # (counted in test_calendar), so not overdue.
    assert (glen.requests, glen.answered, glen.overdue) == (2, 1, 0)
    assert glen.median_working_days == 19
    assert (glen.share_late, glen.share_refused) == (0.0, 1.0)
    assert glen.exemptions == {"not held": 1}

    afon = perf["Afon Valley Fire and Rescue Service"]
    # r7: sent Mon 2024-06-03, answered Fri 2024-06-14: Jun 4-7 (4), 10-14 (9). r8 is a draft.
    assert (afon.requests, afon.answered, afon.median_working_days, afon.share_refused) == (2, 1, 9, 0.0)


def _fig(org: str, outcome: str, count: int, **kw) -> Figure:
    return Figure(organisation=org, outcome=outcome, count=count, evidence="e", evidence_start=0,
                  evidence_end=1, count_text=kw.pop("count_text", str(count)), **kw)


def test_collate_batch(tracked) -> None:
    north, afon = "Northshire Constabulary", "Afon Valley Fire and Rescue Service"
    requests = [tracked["r1"], tracked["r5"], tracked["r7"], tracked["r4"]]
    figures = {
        "r1": [
            _fig(north, "disciplined", 11),
            _fig(north, "disciplined", 7, staff_group="police_officers"),  # narrower than the total
            _fig(north, "dismissed", 2, period_start="2021"),
            _fig(north, "dismissed", 3, period_start="2022"),
            _fig(north, "investigated", 14, qualifier="more_than"),
            _fig(north, "written_warning", 4, suppressed=True, qualifier="up_to", count_text="fewer than 5"),
            _fig("Some Other Police", "dismissed", 40),  # another body's figure quoted in the letter
        ],
        "r7": [_fig(afon, "dismissed", 1, staff_group="staff")],
    }
    table = collate_batch(requests, figures, TODAY)
    # dismissed is reported by two authorities, so it comes first; then by name.
    assert table.columns == ["authority", "law", "status", "answered", "late", "exemptions",
                             "dismissed", "disciplined", "investigated", "written_warning"]
    rows = {row["authority"]: row for row in table.rows}
    assert [row["authority"] for row in table.rows] == [afon, "Glenmoor Council", north, north]
    r1_row = table.rows[2] if table.rows[2]["status"] == "successful" else table.rows[3]
    assert r1_row == {
        "authority": north, "law": "FOIA", "status": "successful", "answered": "2024-01-10", "late": "no",
        "exemptions": "", "disciplined": "11", "dismissed": "2 (2021); 3 (2022)", "investigated": ">14",
        "written_warning": "fewer than 5",
    }
    assert rows["Glenmoor Council"]["status"] == "refused"
    assert rows["Glenmoor Council"]["exemptions"] == "not held"
    assert rows[afon]["dismissed"] == "1"
    overdue = [row for row in table.rows if row["status"].endswith("(overdue)")]
    assert [row["status"] for row in overdue] == ["sent (overdue)"]
    grid = table.to_table()
    assert grid.rows[0] == table.columns and len(grid.rows) == 5
    assert "| authority | law |" in render_table(grid)
