"""`disclosed ingest`, `documents` and `demo` as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import re


def test_ingest_prints_a_summary_and_exit_0(run, tmp_path, write_articles):
    write_articles(tmp_path / "docs", 3)
    db = tmp_path / "a.db"
    result = run("ingest", str(tmp_path / "docs"), db=db)
    assert result.returncode == 0, result.stderr
    assert "read 3, new 3, already stored 0, failed 0" in result.stdout
    assert result.stderr == ""  # no progress bar, spinner or blank line when not on a terminal
    again = run("ingest", str(tmp_path / "docs"), db=db)
    assert "read 3, new 0, already stored 3, failed 0" in again.stdout


def test_ingest_failures_exit_1_with_one_line_per_file_and_no_traceback(run, tmp_path, write_articles):
    write_articles(tmp_path / "docs", 2)
    (tmp_path / "docs" / "empty.txt").write_text("")
    result = run("ingest", str(tmp_path / "docs"), str(tmp_path / "nowhere"), db=tmp_path / "a.db")
    assert result.returncode == 1
    failed = [line for line in result.stdout.splitlines() if line.startswith("failed ")]
    assert len(failed) == 2
    assert any("empty.txt" in line for line in failed) and any("nowhere" in line for line in failed)
    assert "Traceback" not in result.stdout + result.stderr


def test_a_bad_database_is_one_line_on_stderr(run, tmp_path):
    result = run("ingest", str(tmp_path), db=tmp_path / "missing-folder" / "x.db")
    assert result.returncode == 1
    assert result.stderr.startswith("Error: ") and "does not exist" in result.stderr
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


def test_documents_listing_in_every_format(run, tmp_path, write_articles):
    write_articles(tmp_path / "docs", 2)
    db = tmp_path / "a.db"
    run("ingest", str(tmp_path / "docs"), db=db)
    as_json = json.loads(run("documents", "--format", "json", db=db).stdout)
    assert [d["name"] for d in as_json] == ["article_00000.txt", "article_00001.txt"]
    lines = run("documents", "--format", "jsonl", db=db).stdout.splitlines()
    assert [json.loads(line)["format"] for line in lines] == ["text", "text"]
    rows = list(csv.DictReader(io.StringIO(run("documents", "--format", "csv", db=db).stdout)))
    assert rows[0]["name"] == "article_00000.txt" and int(rows[0]["figures"]) > 0
    assert "article_00001.txt" in run("documents", "--format", "table", db=db).stdout


def test_db_from_environment_variable(run, tmp_path, write_articles):
    write_articles(tmp_path / "docs", 1)
    result = run("ingest", str(tmp_path / "docs"), env={"DISCLOSED_DB": str(tmp_path / "env.db")})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "env.db").exists() and not (tmp_path / "disclosed.db").exists()


def test_demo_stores_the_bundled_examples_and_shows_them(run, tmp_path):
    result = run("demo", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "disclosed.db").exists()
    lines = result.stdout.splitlines()
    assert len(lines) <= 12, result.stdout  # a short summary, not every table
    assert any(re.match(r"\d+ documents \(.*\), \d+ figures about", line) for line in lines)
    assert "Try next" in result.stdout and "disclosed show DOC" in result.stdout
    docs = json.loads(run("documents", "--format", "json", db=tmp_path / "disclosed.db").stdout)
    assert len(docs) >= 12
    assert {"text", "html", "pdf", "warc"} <= {d["format"] for d in docs}
    again = run("demo", cwd=tmp_path)
    assert "new 0" in again.stdout
