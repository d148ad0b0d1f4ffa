"""`disclosed stories`, `dataset`, `checks` and `rebuild` as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import shutil
import tomllib
from importlib import resources
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent.parent / "fixtures" / "stories"


@pytest.fixture(scope="module", autouse=True)
def _cli(cli):
    global _invoke
    _invoke = cli


_invoke = None


def _disclosed(*args: str, db: Path):
    return _invoke(*args, db=db, cwd=db.parent)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, _cli) -> Path:
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    result = _disclosed("demo", db=db)
    assert result.returncode == 0, result.stderr
    return db


def _manifest() -> dict[str, dict]:
    text = (resources.files("disclosed") / "examples" / "MANIFEST.toml").read_text(encoding="utf-8")
    return {d["file"]: d for d in tomllib.loads(text)["document"]}


def _stories(db: Path) -> list[dict]:
    result = _disclosed("stories", "--format", "json", db=db)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_stories_json_follows_the_examples_manifest(demo_db):
    stories = _stories(demo_db)
    assert all({"story", "title", "documents", "copies"} <= set(s) for s in stories)
    story_of = {d: s for s in stories for d in s["documents"]}
    manifest = _manifest()

    wire = [f for f, d in manifest.items() if d["story"] == "hmrc-cpa-2016"]
    assert len(wire) == 3
    hmrc = story_of[wire[0]]
    assert sorted(hmrc["documents"]) == sorted(wire)
    # each syndicated copy is recorded as a copy of the original
    pairs = {tuple(sorted(p)) for p in hmrc["copies"]}
    for f in wire:
        if "copy_of" in manifest[f]:
            assert tuple(sorted((f, manifest[f]["copy_of"]))) in pairs

    rewrites = [f for f, d in manifest.items() if "rewrite_of" in d]
    assert rewrites
    for f in rewrites:
        assert story_of[f] is story_of[manifest[f]["rewrite_of"]]
        assert not story_of[f]["copies"]

    for f, d in manifest.items():
        if "related" in d:
            assert story_of[f]["story"] != story_of[d["related"]]["story"]


def test_dataset_rows_for_a_story_with_two_independent_sources(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("cornwall_gazette.txt", "cornwall_newsletter.txt"):
        shutil.copy(FIXTURES / name, docs)
    db = tmp_path / "a.db"
    ingested = _disclosed("ingest", str(docs), db=db)
    assert ingested.returncode == 0, ingested.stdout + ingested.stderr
    (story,) = _stories(db)
    assert sorted(story["documents"]) == ["cornwall_gazette.txt", "cornwall_newsletter.txt"]

    rows = json.loads(_disclosed("dataset", "--format", "json", "--org", "cornwall", db=db).stdout)
    by_outcome = {r["outcome"]: r for r in rows}
    assert set(by_outcome) == {"dismissed", "written_warning"}
    dismissed = by_outcome["dismissed"]
    assert (dismissed["count"], dismissed["sources"], dismissed["status"]) == (6, 2, "agreed")
    assert dismissed["documents"] == ["cornwall_gazette.txt", "cornwall_newsletter.txt"]
    assert dismissed["competing"] == []

    table = list(csv.DictReader(io.StringIO(_disclosed("dataset", "--format", "csv", db=db).stdout)))
    assert {r["outcome"]: r["status"] for r in table} == {"dismissed": "agreed", "written_warning": "agreed"}
    assert json.loads(_disclosed("dataset", "--format", "json", "--topic", "it_security", db=db).stdout) == []

    checks = _disclosed("checks", db=db)
    assert checks.returncode == 0 and "no failed checks" in checks.stdout + checks.stderr


def test_checks_list_a_breakdown_that_does_not_add_up(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(FIXTURES / "breakdown_not_adding_up.txt", docs)
    db = tmp_path / "a.db"
    ingested = _disclosed("ingest", str(docs), db=db)
    assert ingested.returncode == 0, ingested.stdout + ingested.stderr
    result = _disclosed("checks", "--format", "json", db=db)
    assert result.returncode == 0
    (check,) = json.loads(result.stdout)
    assert check["kind"] == "breakdown" and check["organisation"] == "Kestrel Borough Council"
    assert (check["expected"], check["found"]) == (20, 24)
    assert check["documents"] == ["breakdown_not_adding_up.txt"]


def test_rebuild_prints_counts_and_keeps_the_stories(demo_db, tmp_path):
    db = tmp_path / "copy.db"
    shutil.copy(demo_db, db)
    before = _stories(db)
    result = _disclosed("rebuild", db=db)
    assert result.returncode == 0, result.stderr
    copies = sum(len(s["copies"]) for s in before)
    assert f"copy pairs {copies}," in result.stdout and f"stories {len(before)};" in result.stdout
    assert _stories(db) == before


def test_an_unknown_topic_is_one_line_error(demo_db):
    result = _disclosed("dataset", "--topic", "gardening", db=demo_db)
    assert result.returncode == 1
    assert result.stderr.startswith("Error: --topic") and "Traceback" not in result.stderr
