"""`disclosed foi ...` as a user runs it: due dates, new requests and batches, statuses, responses,
listings of what is overdue or due soon, and the deadlines calendar."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from disclosed.foi.requests import new_request
from disclosed.foi.statuses import change_status
from disclosed.store import foi as tracker
from disclosed.store import open_store

FIXTURES = Path(__file__).parents[1] / "fixtures" / "foi"
TEMPLATE = str(FIXTURES / "template.txt")


# Worked by hand, day by day, from the bank holidays of each part of the UK.
@pytest.mark.parametrize(
    ("received", "law", "due"),
    [
        # Christmas, Boxing Day, New Year's Day and Scotland's 2 January are all excluded by both laws.
        ("2023-12-15", "foia", "2024-01-18"),
        ("2023-12-15", "foisa", "2024-01-18"),
        # Good Friday (29 March) counts for neither; Easter Monday (1 April) is a working day in Scotland.
        ("2024-03-22", "foia", "2024-04-23"),
        ("2024-03-22", "foisa", "2024-04-22"),
        # St Patrick's Day (Monday 17 March) is a bank holiday in Northern Ireland, so not a FOIA working day.
        ("2025-03-14", "foia", "2025-04-14"),
        ("2025-03-14", "foisa", "2025-04-11"),
        # Scotland's summer holiday (5 August) excludes a FOIA day; England's (26 August) not a FOISA one.
        ("2024-07-29", "foia", "2024-08-28"),
        ("2024-07-29", "foisa", "2024-08-27"),
    ],
)
def test_due_date_first_line_is_the_date_only(run, received, law, due):
    result = run("foi", "due-date", received, "--law", law)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == due
    assert "20th working day" in result.stdout.splitlines()[1]


@pytest.mark.parametrize(("args", "field"), [
    (["15/12/2023"], "received"),
    (["2024-02-30"], "received"),
    (["2024-02-03", "--law", "gdpr"], "law"),
])
def test_due_date_bad_input_is_one_line_naming_the_field(run, args, field):
    result = run("foi", "due-date", *args)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: {field}: ") and result.stderr.count("\n") == 1


def _json(result) -> object:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_new_prints_id_and_due_date_and_show_tells_the_story(run, tmp_path):
    db = tmp_path / "foi.db"
    made = run("foi", "new", "Home Office", "--title", "Social media discipline", "--template-file", TEMPLATE,
               "--received", "2024-04-02", "--requester", "A. Researcher", db=db)
    assert made.returncode == 0, made.stderr
    rid, second = made.stdout.splitlines()[:2]
    assert "due 2024-04-30" in second
    shown = _json(run("foi", "show", rid, "--format", "json", db=db))
    assert shown["authority"] == "Home Office" and shown["law"] == "foia"
    assert shown["text"].startswith("Dear Home Office,") and shown["text"].rstrip().endswith("A. Researcher")
    assert [d["due"] for d in shown["deadlines"]] == ["2024-04-30"]


def test_a_scottish_authority_is_asked_under_foisa(run, tmp_path):
    made = run("foi", "new", "Police Scotland", "--title", "t", "--text", "Dear {authority}", "--received",
               "2024-03-22", db=tmp_path / "foi.db")
    assert made.returncode == 0, made.stderr
    assert "(FOISA)" in made.stdout and "due 2024-04-22" in made.stdout


def test_unknown_authority_exits_1_and_stores_nothing(run, tmp_path):
    db = tmp_path / "foi.db"
    result = run("foi", "new", "Ministry of Imaginary Affairs", "--title", "t", "--text", "q", db=db)
    assert result.returncode == 1
    assert result.stderr.startswith("Error: authority: ") and "Ministry of Imaginary Affairs" in result.stderr
    assert "Traceback" not in result.stderr
    assert _json(run("foi", "list", "--format", "json", db=db)) == []


def test_batch_from_a_file_is_all_or_nothing(run, tmp_path):
    db = tmp_path / "foi.db"
    names = tmp_path / "authorities.txt"
    names.write_text("# round one\nHome Office\nPolice Scotland\n\nMinistry of Imaginary Affairs\n")
    failed = run("foi", "batch", "--authorities-file", str(names), "--title", "t", "--template-file",
                 TEMPLATE, db=db)
    assert failed.returncode == 1 and "Ministry of Imaginary Affairs" in failed.stderr
    assert _json(run("foi", "list", "--format", "json", db=db)) == []
    names.write_text("# round one\nHome Office\nPolice Scotland\n")
    made = run("foi", "batch", "--authorities-file", str(names), "Cabinet Office", "--title", "t",
               "--template-file", TEMPLATE, "--received", "2024-03-22", "--format", "json", db=db)
    rows = {r["authority"]: r for r in _json(made)}
    assert set(rows) == {"Home Office", "Police Scotland", "Cabinet Office"}
    assert (rows["Home Office"]["law"], rows["Home Office"]["due"]) == ("foia", "2024-04-23")
    assert (rows["Police Scotland"]["law"], rows["Police Scotland"]["due"]) == ("foisa", "2024-04-22")
    listed = _json(run("foi", "list", "--format", "json", db=db))
    assert len({r["batch"] for r in listed}) == 1 and len(listed) == 3


def test_status_change_that_makes_no_sense_changes_nothing(run, tmp_path):
    db = tmp_path / "foi.db"
    rid = run("foi", "new", "Home Office", "--title", "t", "--text", "q", db=db).stdout.splitlines()[0]
    bad = run("foi", "status", rid, "internal_review", "--on", "2024-05-01", db=db)
    assert bad.returncode == 1
    assert bad.stderr.strip() == "Error: status: cannot move from draft to internal_review"
    history = _json(run("foi", "show", rid, "--format", "json", db=db))["history"]
    assert [c["status"] for c in history] == ["draft"]
    bad_date = run("foi", "status", rid, "sent", "--on", "1 May 2024", db=db)
    assert bad_date.returncode == 1 and bad_date.stderr.startswith("Error: on: ")
    missing = run("foi", "status", "no-such-id", "sent", db=db)
    assert missing.returncode == 1 and "no-such-id" in missing.stderr


def test_status_with_exemptions_is_kept(run, tmp_path):
    db = tmp_path / "foi.db"
    rid = run("foi", "new", "Home Office", "--title", "t", "--text", "q", "--received", "2024-03-04",
              db=db).stdout.splitlines()[0]
    moved = run("foi", "status", rid, "refused", "--on", "2024-03-28", "--exemption", "section 12",
                "--exemption", "s.40(2)", "--note", "cost", db=db)
    assert moved.returncode == 0, moved.stderr
    assert moved.stdout.startswith(f"{rid}: sent -> refused on 2024-03-28")
    last = _json(run("foi", "show", rid, "--format", "json", db=db))["history"][-1]
    assert (last["status"], last["exemptions"], last["note"]) == ("refused", ["s.12", "s.40(2)"], "cost")


def test_respond_stores_figures_with_the_requester_and_only_proposes(run, tmp_path):
    db = tmp_path / "foi.db"
    rid = run("foi", "new", "Home Office", "--title", "t", "--text", "q", "--received", "2024-03-04",
              "--requester", "A. Researcher", db=db).stdout.splitlines()[0]
    shown = run("foi", "respond", rid, str(FIXTURES / "response_refusal.txt"), "--on", "2024-03-28", db=db)
    assert shown.returncode == 0, shown.stderr
    assert "proposed status: refused (strong evidence, citing s.12(1))" in shown.stdout
    assert "not applied" in shown.stdout
    assert _json(run("foi", "show", rid, "--format", "json", db=db))["status"] == "sent"

    answered = run("foi", "respond", rid, str(FIXTURES / "response_dismissals.txt"), "--on", "2024-03-28",
                   db=db)
    assert answered.returncode == 0, answered.stderr
    figures = _json(run("figures", "--format", "json", db=db))
    seven = [f for f in figures if f["count"] == 7]
    assert seven and seven[0]["outcome"] == "dismissed" and seven[0]["document"] == "response_dismissals.txt"
    assert {f["requester"] for f in figures} == {"A. Researcher"}

    weak = run("foi", "respond", rid, str(FIXTURES / "response_vague.txt"), "--apply", db=db)
    assert weak.returncode == 1 and "weak" in weak.stderr
    applied = run("foi", "respond", rid, str(FIXTURES / "response_refusal.txt"), "--on", "2024-03-28",
                  "--apply", db=db)
    assert applied.returncode == 0 and f"applied: {rid} is now refused" in applied.stdout
    shown = _json(run("foi", "show", rid, "--format", "json", db=db))
    assert shown["status"] == "refused" and shown["history"][-1]["exemptions"] == ["s.12(1)"]
    assert len(shown["responses"]) == 2 and len(shown["figures"]) == len(figures)
    proposal = shown["responses"][0]["proposal"]
    assert (proposal["status"], proposal["exemptions"]) == ("refused", ["s.12(1)"])
    assert proposal["confidence"] == "strong"
    assert proposal["reason"] and proposal["evidence"] and proposal["parts"]


def _seed(db: Path) -> dict[str, str]:
    """Four requests, each leaving a different deadline open (dates worked out by hand):
    A: response due 2024-04-04 (received 4 March; NI's St Patrick's Day holiday moved to 18 March);
    B: response due 2024-04-30 (received 2 April, no holidays in the way);
    C: internal review asked 1 February, due 2024-02-29;
    E: refused again after review on 20 February, complaint window closes 2024-05-20."""
    def make(received: date) -> object:
        r = new_request("Home Office", title="Social media", template="q", on=received, received=received)
        return change_status(r, "sent", received)

    a, b = make(date(2024, 3, 4)), make(date(2024, 4, 2))
    c = change_status(change_status(make(date(2024, 1, 8)), "refused", date(2024, 1, 30)), "internal_review",
                      date(2024, 2, 1))
    e = change_status(c, "refused", date(2024, 2, 20)).model_copy(update={"id": "e" * 32})
    store = open_store(str(db))
    tracker.save_requests(store, [a, b, c, e])
    store.close()
    return {"A": a.id, "B": b.id, "C": c.id, "E": e.id}


def test_list_overdue_and_due_within_include_reviews_and_appeal_windows(run, tmp_path):
    db = tmp_path / "foi.db"
    ids = _seed(db)
    overdue = _json(run("foi", "list", "--overdue", "--today", "2024-04-10", "--format", "json", db=db))
    assert {(r["id"], r["deadline"], r["due"]) for r in overdue} == {
        (ids["A"], "response", "2024-04-04"), (ids["C"], "review", "2024-02-29")}
    soon = _json(run("foi", "list", "--due-within", "30", "--today", "2024-04-10", "-f", "json", db=db))
    assert [(r["id"], r["due"]) for r in soon] == [(ids["B"], "2024-04-30")]
    later = _json(run("foi", "list", "--due-within", "30", "--today", "2024-05-01", "-f", "json", db=db))
    assert [(r["id"], r["deadline"], r["due"]) for r in later] == [(ids["E"], "appeal_window", "2024-05-20")]
    bad = run("foi", "list", "--today", "10/04/2024", db=db)
    assert bad.returncode == 1 and bad.stderr.startswith("Error: today: ")


def test_calendar_writes_every_open_deadline(run, tmp_path):
    db = tmp_path / "foi.db"
    ids = _seed(db)
    result = run("foi", "calendar", db=db, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "wrote 4 deadlines to disclosed-deadlines.ics"
    cal = Calendar.from_ical((tmp_path / "disclosed-deadlines.ics").read_bytes())
    events = {str(e["uid"]).split("-")[0]: e for e in cal.walk("VEVENT")}
    assert len(cal.walk("VEVENT")) == 4
    assert events[ids["A"]].decoded("dtstart") == date(2024, 4, 4)
    assert events[ids["E"]].decoded("dtstart") == date(2024, 5, 20)
    out = tmp_path / "sub" / "x.ics"
    assert run("foi", "calendar", "-o", str(out), db=db).returncode == 1  # no such folder: one line
    assert not out.exists()


def test_collate_link_and_performance(run, tmp_path):
    db = tmp_path / "foi.db"
    made = _json(run("foi", "batch", "Home Office", "Cabinet Office", "--title", "t", "--template-file",
                     TEMPLATE, "--received", "2024-03-04", "--requester", "A. Researcher", "--format", "json",
                     db=db))
    ids = {r["authority"]: r["id"] for r in made}
    batch = run("foi", "list", "--format", "json", db=db)
    batch_id = _json(batch)[0]["batch"]
    run("foi", "respond", ids["Home Office"], str(FIXTURES / "response_dismissals.txt"), "--on", "2024-03-25",
        "--apply", "--confirm", db=db)
    rows = {r["authority"]: r for r in _json(run("foi", "collate", batch_id, "--today", "2024-04-10",
                                                  "--format", "json", db=db))}
    assert rows["Home Office"]["status"] == "successful" and rows["Home Office"]["late"] == "no"
    assert rows["Home Office"]["dismissed"].startswith("7 (2019-2022)")
    assert rows["Cabinet Office"]["status"] == "sent (overdue)" and "dismissed" not in rows["Cabinet Office"]
    assert run("foi", "collate", "no-such-batch", db=db).returncode == 1

    linked = run("foi", "link", ids["Home Office"], "story-42", db=db)
    assert linked.returncode == 0 and "linked" in linked.stdout
    assert _json(run("foi", "show", ids["Home Office"], "--format", "json", db=db))["stories"] == [
        {"story_id": "story-42", "note": None}]

    perf = {p["authority"]: p for p in _json(run("foi", "performance", "--today", "2024-04-10", "--format",
                                                  "json", db=db))}
    assert (perf["Home Office"]["answered"], perf["Home Office"]["answered_late"]) == (1, 0)
    assert (perf["Cabinet Office"]["answered"], perf["Cabinet Office"]["overdue"]) == (0, 1)


def test_new_tracks_a_body_outside_the_register_with_its_law(run, tmp_path):
    db = tmp_path / "foi.db"
    made = run("foi", "new", "Parish Council of Nowhere", "--law", "foia", "--title", "t", "--text", "q",
               db=db)
    assert made.returncode == 0, made.stderr
    assert "not in the authority register; tracked as written under FOIA" in made.stderr
    rid = made.stdout.splitlines()[0]
    shown = _json(run("foi", "show", rid, "--format", "json", db=db))
    assert (shown["authority"], shown["law"]) == ("Parish Council of Nowhere", "foia")
    refused = run("foi", "new", "Parish Council of Nowhere", "--title", "t", "--text", "q", db=db)
    assert refused.returncode == 1 and "--law foia|foisa|eir|eisr" in refused.stderr


def test_a_near_miss_needs_yes_and_kent_gets_suggestions(run, tmp_path):
    db = tmp_path / "foi.db"
    typo = run("foi", "new", "Home Ofice", "--title", "t", "--text", "q", db=db)
    assert typo.returncode == 1 and "resolved to Home Office? Rerun with --yes" in typo.stderr
    assert _json(run("foi", "list", "--format", "json", db=db)) == []  # nothing stored
    taken = run("foi", "new", "Home Ofice", "--yes", "--title", "t", "--text", "q", db=db)
    assert taken.returncode == 0 and "resolved 'Home Ofice' to Home Office" in taken.stderr
    kent = run("foi", "batch", "Kent", "Home Office", "--title", "t", "--text", "q", db=db)
    assert kent.returncode == 1
    assert "did you mean Kent Police? Kent County Council? Kent Fire and Rescue Service?" in kent.stderr


def test_whatdotheyknow_imports_from_the_command_line(run, tmp_path):
    db = tmp_path / "foi.db"
    here = FIXTURES / "whatdotheyknow"
    first = run("foi", "import-authorities", str(here / "all-authorities.csv"), db=db)
    assert first.returncode == 0 and "4 bodies added, 0 updated" in first.stdout
    assert "0 bodies added, 0 updated" in run("foi", "import-authorities", str(here / "all-authorities.csv"),
                                              db=db).stdout
    made = run("foi", "new", "UWAT", "--title", "t", "--text", "q", db=db)  # an imported body, by its acronym
    assert made.returncode == 0 and "imported from WhatDoTheyKnow" in made.stderr
    imported = run("foi", "import-wdtk", str(here / "request.json"), "--attachment", str(here / "reply.txt"),
                   db=db)
    assert imported.returncode == 0, imported.stderr
    assert "imported; 2 new events, 1 replies attached; status partially_successful" in imported.stdout
    again = run("foi", "import-wdtk", str(here / "request.json"), "--attachment", str(here / "reply.txt"),
                db=db)
    assert "already imported; 0 new events, 0 replies attached" in again.stdout


def test_a_response_stores_its_policy_facts_and_statements(run, tmp_path):
    db = tmp_path / "foi.db"
    rid = run("foi", "new", "Home Office", "--title", "t", "--text", "q", "--received", "2024-03-04",
              db=db).stdout.splitlines()[0]
    assert run("foi", "respond", rid, str(FIXTURES / "response_policy_statement.txt"), db=db).returncode == 0
    store = open_store(str(db))
    assert [p.detail for p in store.policies()][:1] == ["social media policy"]
    assert [s.speaker_organisation for s in store.statements()] == ["Home Office"]


def test_due_date_with_the_longer_time_limits(run, tmp_path):
    terms = tmp_path / "terms.txt"
    terms.write_text("2024-04-15 2024-07-19\n2024-09-04 2024-12-20\n", encoding="utf-8")
    school = run("foi", "due-date", "2024-07-12", "--school-terms", str(terms))
    assert school.returncode == 0
    assert school.stdout.splitlines()[0] == "2024-09-24"  # hand-counted in tests/foi/test_special_limits.py
    assert run("foi", "due-date", "2024-06-03", "--archive").stdout.splitlines()[0] == "2024-07-16"
    assert run("foi", "due-date", "2024-07-12", "--overseas").stdout.splitlines()[0] == "2024-10-08"
    eisr = run("foi", "due-date", "2024-06-03", "--law", "eisr", "--extended")
    assert eisr.stdout.splitlines()[0] == "2024-07-29"
    both = run("foi", "due-date", "2024-06-03", "--archive", "--overseas")
    assert both.returncode == 1 and "choose one of --archive, --overseas" in both.stderr


def test_a_unique_prefix_of_an_id_works(run, tmp_path):
    db = tmp_path / "foi.db"
    rid = run("foi", "new", "Home Office", "--title", "t", "--text", "q", "--received", "2024-03-04",
              db=db).stdout.splitlines()[0]
    shown = _json(run("foi", "show", rid[:8], "--format", "json", db=db))
    assert shown["id"] == rid
    moved = run("foi", "status", rid[:8], "refused", "--on", "2024-03-20", db=db)
    assert moved.returncode == 0 and moved.stdout.startswith(f"{rid}: sent -> refused")
    answered = run("foi", "respond", rid[:8], str(FIXTURES / "response_refusal.txt"), db=db)
    assert answered.returncode == 0, answered.stderr
    assert len(_json(run("foi", "show", rid, "--format", "json", db=db))["responses"]) == 1
    assert run("foi", "show", "zzzzzzzz", db=db).returncode == 1
