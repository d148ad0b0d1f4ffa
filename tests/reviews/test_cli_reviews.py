"""`disclosed review` and `disclosed reviews` on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import json
from datetime import date, timedelta

from typer.testing import CliRunner

from disclosed.cli import register


def _run(*args, db: str, code: int = 0):
    result = CliRunner().invoke(register(), [str(a) for a in args] + ["--db", db], env={"DISCLOSED_DB": None})
    assert result.exit_code == code, (result.stdout, result.stderr, result.exception)
    return result


def _json(result) -> list[dict]:
    return json.loads(result.stdout)


def test_review_from_the_command_line(db_url, harbour, rewrite):
    _run("ingest", harbour, db=db_url)
    pending = _json(_run("reviews", "--pending", "--format", "json", db=db_url))
    assert len(pending) == 3
    ids = {p["outcome"]: p["figure"] for p in pending}

    out = _run("review", ids["written_warning"], "--set", "organisation=Harbourside Council",
               "--set", "staff_group=staff", "--note", "council staff, not police", "--by", "alice",
               "--seen", "0", db=db_url).stdout
    assert "corrected by alice" in out and "'Northshire Police' -> 'Harbourside Council'" in out
    _run("review", ids["dismissed"], "--confirm", "--by", "bob", db=db_url)
    _run("review", ids["resigned_or_retired"], "--reject", "--by", "bob", "--note", "not a sanction",
         db=db_url)

    figures = {f["outcome"]: f for f in _json(_run("figures", "--format", "json", db=db_url))}
    assert set(figures) == {"written_warning", "dismissed"}
    assert figures["written_warning"]["organisation"] == "Harbourside Council"
    assert _json(_run("reviews", "--pending", "--format", "json", db=db_url)) == []

    # a second reviewer who read version 0 is told it changed; alice's value stays
    stale = _run("review", ids["written_warning"], "--set", "count=10", "--by", "carol", "--seen", "0",
                 db=db_url, code=1)
    assert "changed since you read it" in stale.stderr and "Traceback" not in stale.stderr
    assert {f["count"] for f in _json(_run("figures", "--format", "json", db=db_url))} == {9, 6}

    changes = _json(_run("reviews", "--format", "json", db=db_url))
    assert [(c["action"], c["by"]) for c in changes] == [("correct", "alice"), ("confirm", "bob"),
                                                          ("reject", "bob")]
    assert changes[0]["note"] == "council staff, not police"
    assert [c["action"] for c in _json(_run("reviews", "--by", "bob", "--format", "json", db=db_url))] == [
        "confirm", "reject"]
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    assert _json(_run("reviews", "--since", tomorrow, "--format", "json", db=db_url)) == []
    bad = _run("reviews", "--since", "last week", db=db_url, code=1)
    assert "--since" in bad.stderr and "Traceback" not in bad.stderr

    _run("reextract", db=db_url)
    figures = {f["outcome"]: f for f in _json(_run("figures", "--format", "json", db=db_url))}
    assert set(figures) == {"written_warning", "dismissed"}
    assert figures["written_warning"]["organisation"] == "Harbourside Council"
    assert _json(_run("reviews", "--orphaned", "--format", "json", db=db_url)) == []

    rewrite(harbour)  # the warnings paragraph is gone from the article
    _run("remove", "harbour.txt", db=db_url)
    _run("ingest", harbour, db=db_url)
    orphans = _json(_run("reviews", "--orphaned", "--format", "json", db=db_url))
    assert [(o["by"], o["status"]) for o in orphans] == [("alice", "orphaned")]


def test_bad_review_input_is_one_line(db_url, harbour):
    _run("ingest", harbour, db=db_url)
    fig = _json(_run("reviews", "--pending", "--format", "json", db=db_url))[0]["figure"]
    for args, words in [
        ((fig, "--set", "colour=blue"), "not a field"),
        ((fig, "--set", "count=many"), "count"),
        ((fig, "--confirm", "--reject"), "one of"),
        ((999999, "--confirm"), "not stored"),
    ]:
        res = _run("review", *args, "--by", "x", db=db_url, code=1)
        assert words in res.stderr and len(res.stderr.strip().splitlines()) == 1, res.stderr
    assert _json(_run("reviews", "--format", "json", db=db_url)) == []
