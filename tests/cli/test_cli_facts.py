"""`disclosed extract` (all three types), `policies`, `statements` and `people` as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent.parent / "fixtures" / "facts"
DOCS = [
    "21_south_wales_ten_point.txt",
    "22_glasgow_reasonable_limits.txt",
    "25_welsh_government_permission.txt",
    "28_norfolk_continued_quote.txt",
]


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in DOCS:
        shutil.copy(FIXTURES / name, folder / name)
    return folder


@pytest.fixture
def db(run, tmp_path: Path, docs: Path) -> Path:
    path = tmp_path / "facts.db"
    result = run("ingest", str(docs), db=path)
    assert result.returncode == 0, result.stderr
    return path


def _jsonl(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_extract_prints_every_type_each_line_with_its_type(run, docs):
    result = run("extract", str(docs / "21_south_wales_ten_point.txt"), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    rows = _jsonl(result.stdout)
    assert {r["type"] for r in rows} == {"figure", "policy", "statement"}
    policy = {(r["organisation"], r["kind"], r["stance"], tuple(r["platforms"])) for r in rows
              if r["type"] == "policy"}
    assert ("South Wales Police", "access", "banned", ("Facebook",)) in policy
    assert ("South Wales Police", "access", "allowed", ("Twitter",)) in policy
    said = [r for r in rows if r["type"] == "statement"]
    assert all(r["document"] == "21_south_wales_ten_point.txt" for r in rows)
    assert {r["speaker"] for r in said if r["speaker"]} == {"Gwen Harries"}  # and the force itself
    assert {r["speaker_organisation"] for r in said} == {"South Wales Police"}
    figure = next(r for r in rows if r["type"] == "figure")
    assert figure["organisation"] == "South Wales Police" and figure["count"] == 14


def test_extract_type_filter_is_repeatable(run, docs):
    files = [str(p) for p in sorted(docs.iterdir())]
    only_policy = _jsonl(run("extract", *files, "--type", "policy", "--format", "jsonl").stdout)
    assert only_policy and {r["type"] for r in only_policy} == {"policy"}
    both = _jsonl(run("extract", *files, "--type", "policy", "--type", "statement", "--format",
                      "jsonl").stdout)
    assert {r["type"] for r in both} == {"policy", "statement"}
    assert len([r for r in both if r["type"] == "policy"]) == len(only_policy)


def test_extract_unknown_type_is_one_line_error(run, docs):
    result = run("extract", str(docs / DOCS[0]), "--type", "quote")
    assert result.returncode == 1
    assert result.stderr.startswith("Error: --type") and "Traceback" not in result.stderr


def test_extract_table_shows_one_table_per_type(run, docs):
    out = run("extract", str(docs / "25_welsh_government_permission.txt"), "--format", "table").stdout
    assert "Policy facts" in out and "Statements" in out and "permission" in out


def test_extract_csv_is_one_table_with_a_type_column(run, docs):
    out = run("extract", str(docs / "22_glasgow_reasonable_limits.txt"), "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["type"] for r in rows} == {"figure", "policy", "statement"}
    assert any(r["type"] == "policy" and r["stance"] == "limited" for r in rows)


def test_policies_lists_stored_facts(run, db):
    rows = _jsonl(run("policies", "--format", "jsonl", db=db).stdout)
    assert {r["type"] for r in rows} == {"policy"}
    assert any(
        r["organisation"] == "Welsh Government" and (r["kind"], r["stance"]) == ("exception", "permission")
        for r in rows
    )


def test_policies_org_shows_the_profile_with_sources(run, db):
    result = run("policies", "--org", "Welsh Government", "--format", "json", db=db)
    assert result.returncode == 0, result.stderr
    rules = json.loads(result.stdout)
    assert {(r["kind"], r["stance"]) for r in rules} >= {("exception", "permission"), ("guidance", "issued")}
    assert all(r["organisation"] == "Welsh Government" for r in rules)
    assert all(r["sources"] == ["25_welsh_government_permission.txt"] for r in rules)


def test_policies_org_accepts_part_of_a_name(run, db):
    rules = json.loads(run("policies", "--org", "Glasgow", "--format", "json", db=db).stdout)
    wanted = {("personal_use", "limited"), ("sanctions", "in_place")}
    assert {(r["kind"], r["stance"]) for r in rules} == wanted


def test_statements_filter_by_speaker_and_organisation(run, db):
    by_speaker = _jsonl(run("statements", "--speaker", "harries", "--format", "jsonl", db=db).stdout)
    assert len(by_speaker) == 2
    assert {r["speaker_organisation"] for r in by_speaker} == {"South Wales Police"}
    by_org = _jsonl(run("statements", "--org", "Norfolk", "--format", "jsonl", db=db).stdout)
    quotes = " ".join(r["quote"] for r in by_org)
    assert "patchwork of bans" in quotes and {r["speaker_organisation"] for r in by_org} == {
        "Norfolk County Council"
    }


def test_people_lists_named_speakers_with_titles(run, db):
    rows = list(csv.DictReader(io.StringIO(run("people", "--format", "csv", db=db).stdout)))
    names = {r["name"]: r for r in rows}
    assert {"Gwen Harries", "Alan McBride", "Morag Reilly", "Jenny Price", "Helen Ashworth"} <= set(names)
    assert "chief constable" in names["Gwen Harries"]["titles"]
    people = json.loads(run("people", "--format", "json", db=db).stdout)
    harries = next(p for p in people if p["name"] == "Gwen Harries")
    assert harries["organisations"] == ["South Wales Police"] and harries["statements"] == 2
