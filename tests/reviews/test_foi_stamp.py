"""The FOI requester stamped on a response's figures is an override: `reextract` keeps it."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from disclosed.cli import register

FIXTURES = Path(__file__).parent / "fixtures"


def _run(*args: str) -> str:
    result = CliRunner().invoke(register(), [str(a) for a in args], env={"DISCLOSED_DB": None})
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
    return result.stdout


def test_foi_respond_stamps_the_requester_and_reextract_keeps_it(tmp_path):
    db = str(tmp_path / "foi.db")
    rid = _run("foi", "new", "Home Office", "--title", "Social media discipline",
               "--text", "How many officers were disciplined?", "--received", "2024-02-01",
               "--requester", "Jo Bloggs", "--db", db).splitlines()[0]
    _run("foi", "respond", rid, FIXTURES / "harbour.txt", "--on", "2024-03-01", "--db", db)
    stamped = json.loads(_run("figures", "--format", "json", "--db", db))
    assert len(stamped) == 3 and {f["requester"] for f in stamped} == {"Jo Bloggs"}

    _run("reextract", "--db", db)
    after = json.loads(_run("figures", "--format", "json", "--db", db))
    assert len(after) == 3 and {f["requester"] for f in after} == {"Jo Bloggs"}
    # the stamp is in the history, and does not count as a person's review
    listed = _run("reviews", "--format", "json", "--db", db)
    changes = json.loads(listed)
    assert {c["action"] for c in changes} == {"stamp"} and {c["by"] for c in changes} == {f"foi {rid}"}
