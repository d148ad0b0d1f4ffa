"""Everyday use of the command line: which files are documents, removing documents, read-only commands
that never create a database, empty results that say why, checked choices and ranges, tables at 80
columns, documents named by short id and path, `show`, and text that can't garble the terminal."""

from __future__ import annotations

import csv
import io
import json
import re
from importlib import resources
from pathlib import Path

import pytest

LETTER = (
    "Freedom of Information request {ref}\n\n"
    "Thank you for your request of {when}. {org} can confirm that {n} members of staff were dismissed "
    "for misusing Facebook during 2022, and {w} further employees received a final written warning "
    "over posts on X. Our head of people, Priya Raman, said: \"We expect every colleague to think "
    "before they post.\"\n"
)


def _letter(path: Path, org: str = "The Home Office", n: int = 4, w: int = 7, ref: str = "FOI-1") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(LETTER.format(ref=ref, when="3 March 2023", org=org, n=n, w=w), encoding="utf-8")
    return path


def _jsonl(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, cli) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    result = cli("demo", cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder / "disclosed.db"


# -- which files are documents -------------------------------------------------------------------

def test_ingesting_the_examples_folder_stores_no_file_that_is_not_a_document(run, tmp_path):
    examples = Path(str(resources.files("disclosed") / "examples"))
    db = tmp_path / "x.db"
    result = run("ingest", str(examples), db=db)
    assert result.returncode == 0, result.stderr
    assert re.search(r"failed 0, skipped 2;", result.stdout)
    assert "MANIFEST.toml" in result.stderr and "expected.json" in result.stderr
    names = {d["name"] for d in json.loads(run("documents", "-f", "json", db=db).stdout)}
    assert names and not {n for n in names if n.endswith((".toml", ".json"))}
    stories = json.loads(run("stories", "-f", "json", db=db).stdout)
    assert not any(d.endswith(".toml") for s in stories for d in s["documents"])


def test_data_code_and_images_are_skipped_and_counted(run, tmp_path):
    docs = tmp_path / "docs"
    _letter(docs / "letter.txt")
    (docs / "gold.json").write_text('{"count": 12, "note": "The Home Office dismissed 12 staff."}')
    (docs / "settings.toml").write_text('title = "The Home Office dismissed 3 officers"\n')
    (docs / "table.csv").write_text("organisation,dismissed\nHome Office,9\n")
    (docs / "make.py").write_text("# The Home Office dismissed 5 staff\nprint('hi')\n")
    (docs / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (docs / "README.md").write_text("This folder holds letters. The Home Office dismissed 2 staff.\n")
    result = run("ingest", str(docs), db=tmp_path / "x.db")
    assert result.returncode == 0, result.stderr
    assert "read 1, new 1, already stored 0, failed 0, skipped 6;" in result.stdout
    assert "gold.json: not a document (.json)" in result.stderr
    figures = _jsonl(run("figures", "-f", "jsonl", db=tmp_path / "x.db").stdout)
    assert {f["document"] for f in figures} == {"letter.txt"}


def test_include_exclude_and_disclosedignore(run, tmp_path):
    docs = tmp_path / "docs"
    _letter(docs / "2023" / "reply.txt", ref="A")
    _letter(docs / "2023" / "drafts" / "reply.txt", ref="B", n=9)
    _letter(docs / "2024" / "reply.txt", ref="C", n=11)
    _letter(docs / "2024" / "notes.md", ref="D", n=13)
    (docs / "2024" / ".disclosedignore").write_text("# our own notes\n*.md\n")
    db = tmp_path / "x.db"

    result = run("ingest", str(docs), "--exclude", "drafts/", db=db)
    assert result.returncode == 0, result.stderr
    assert "new 2," in result.stdout and "skipped 2;" in result.stdout
    assert "matches --exclude" in result.stderr and ".disclosedignore" in result.stderr
    paths = {Path(d["path"]).relative_to(docs).as_posix() for d in json.loads(run("documents", "-f", "json",
                                                                                     db=db).stdout)}
    assert paths == {"2023/reply.txt", "2024/reply.txt"}

    # --include reads only what it matches, even what an ignore file or the name rules would skip
    included = run("ingest", str(docs), "--include", "*.md", db=db)
    assert "new 1," in included.stdout and "skipped 3;" in included.stdout


def test_a_bad_include_glob_is_one_line(run, tmp_path):
    _letter(tmp_path / "docs" / "a.txt")
    result = run("ingest", str(tmp_path / "docs"), "--include", "a/**/***[", db=tmp_path / "x.db")
    assert result.returncode in (0, 1)
    assert "Traceback" not in result.stderr


# -- removing documents ------------------------------------------------------------------------------

def test_remove_deletes_a_document_with_its_records_and_updates_stories(run, tmp_path):
    docs = tmp_path / "docs"
    first = _letter(docs / "a" / "response.txt", org="The Home Office", n=4, ref="HO-1")
    _letter(docs / "b" / "response.txt", org="HM Revenue and Customs", n=6, ref="HMRC-7")
    db = tmp_path / "x.db"
    assert run("ingest", str(docs), db=db).returncode == 0
    listed = json.loads(run("documents", "-f", "json", db=db).stdout)
    assert len(listed) == 2
    home = next(d for d in listed if d["path"] == str(first))

    ambiguous = run("remove", "response.txt", db=db)
    assert ambiguous.returncode == 1 and "names 2 documents" in ambiguous.stderr
    assert home["document_id"] in ambiguous.stderr

    result = run("remove", home["document_id"], db=db)
    assert result.returncode == 0, result.stderr
    assert f"removed {home['document_id']}" in result.stdout and "stories updated" in result.stdout
    left = json.loads(run("documents", "-f", "json", db=db).stdout)
    assert [d["path"] for d in left] == [str(docs / "b" / "response.txt")]
    assert {f["organisation"] for f in _jsonl(run("figures", "-f", "jsonl", db=db).stdout)} == {
        "HM Revenue and Customs"}
    assert not _jsonl(run("statements", "--org", "home office", "-f", "jsonl", db=db).stdout)
    stories = json.loads(run("stories", "-f", "json", db=db).stdout)
    assert all("response.txt" in s["documents"] for s in stories) and len(stories) == 1

    missing = run("remove", "nosuchdoc.txt", db=db)
    assert missing.returncode == 1 and missing.stderr.startswith("Error: no stored document matches")
    typo = run("show", "respnse.txt", db=db)
    assert typo.returncode == 1 and "did you mean 'response.txt'?" in typo.stderr


def test_an_foi_response_is_kept_unless_forced(run, tmp_path):
    db = tmp_path / "x.db"
    made = run("foi", "new", "Home Office", "--title", "Social media", "--text", "How many?", "--received",
               "2024-03-04", db=db)
    assert made.returncode == 0, made.stderr
    request_id = made.stdout.splitlines()[0].split()[0]
    reply = _letter(tmp_path / "reply.txt", ref="HO-REPLY")
    attached = run("foi", "respond", request_id, str(reply), "--on", "2024-03-28", db=db)
    assert attached.returncode == 0, attached.stderr

    kept = run("remove", str(reply), db=db)
    assert kept.returncode == 1
    assert "kept" in kept.stdout and "an FOI response" in kept.stdout and "--force" in kept.stdout
    assert len(json.loads(run("documents", "-f", "json", db=db).stdout)) == 1

    forced = run("remove", str(reply), "--force", db=db)
    assert forced.returncode == 0, forced.stderr
    assert json.loads(run("documents", "-f", "json", db=db).stdout) == []


# -- read-only commands -----------------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["documents"], ["figures"], ["policies"], ["statements"], ["people"], ["stories"], ["dataset"],
    ["checks"], ["rebuild"], ["reextract"], ["show", "abcd1234"], ["remove", "abcd1234"],
])
def test_read_only_commands_never_create_a_database(run, tmp_path, args):
    result = run(*args, "--db", "nosuch.db", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == "Error: no database at nosuch.db (ingest creates one)\n"
    assert list(tmp_path.iterdir()) == []


def test_the_default_database_is_not_created_by_a_listing(run, tmp_path):
    result = run("figures", cwd=tmp_path)
    assert result.returncode == 1 and "no database at disclosed.db" in result.stderr
    assert not (tmp_path / "disclosed.db").exists()


# -- empty results, choices, ranges ----------------------------------------------------------------------

def test_empty_results_say_why_with_did_you_mean(run, demo_db):
    result = run("figures", "--org", "Surey Polce", db=demo_db)
    assert result.returncode == 0 and result.stdout == ""
    assert "no figures match --org 'Surey Polce'" in result.stderr
    assert "did you mean 'Surrey Police'" in result.stderr

    policies = run("policies", "--org", "Kent Police", db=demo_db)
    assert policies.returncode == 0 and "no policy facts match --org 'Kent Police'" in policies.stderr

    stored = _jsonl(run("figures", "-f", "jsonl", db=demo_db).stdout)
    outcomes = {f["outcome"] for f in stored}
    surrey = {f["outcome"] for f in stored if f["organisation"] == "Surrey Police"}
    elsewhere = sorted(outcomes - surrey)[0]
    both = run("figures", "--org", "Surrey Police", "--outcome", elsewhere, db=demo_db)
    assert both.stdout == "" and "together (each matches some on its own)" in both.stderr


def test_an_empty_database_says_so(run, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "nothing.txt").write_text("A short note with no figures in it at all.\n")
    db = tmp_path / "x.db"
    assert run("ingest", str(docs), db=db).returncode == 0
    result = run("figures", db=db)
    assert result.stdout == "" and "no figures in the 1 stored documents" in result.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["figures", "--outcome", "sacked"], "--outcome: 'sacked' is not one of dismissed"),
    (["figures", "--outcome", "sacked"], "did you mean 'dismissed'?"),
    (["figures", "--staff-group", "polis"], "--staff-group: 'polis' is not one of staff, all"),
    (["figures", "--topic", "gardening"], "--topic: 'gardening' is not one of social_media"),
    (["dataset", "--topic", "socal_media"], "did you mean 'social_media'"),
    (["documents", "--type", "docx"], "--type: 'docx' is not one of text, html, pdf, warc"),
    (["figures", "--format", "xml"], "'xml' is not one of 'table', 'json', 'jsonl', 'csv'"),
])
def test_choices_are_checked_in_one_line(run, demo_db, args, message):
    result = run(*args, db=demo_db)
    assert result.returncode in (1, 2)
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert message in result.stderr and result.stdout == ""


def test_a_choice_is_accepted_in_any_case(run, demo_db):
    rows = _jsonl(run("figures", "--outcome", "Dismissed", "-f", "jsonl", db=demo_db).stdout)
    assert rows and {r["outcome"] for r in rows} == {"dismissed"}


@pytest.mark.parametrize("args", [["--max-size", "-5"], ["--max-size", "0"], ["--jobs", "0"],
                                  ["--jobs", "-2"], ["--jobs", "1000"]])
def test_numbers_are_range_checked(run, tmp_path, args):
    _letter(tmp_path / "docs" / "a.txt")
    result = run("ingest", str(tmp_path / "docs"), *args, db=tmp_path / "x.db")
    assert result.returncode == 2
    assert result.stderr.startswith("Error: Invalid value for") and result.stderr.count("\n") == 1
    assert re.search(r"(greater|less) than or equal to", result.stderr)
    assert not (tmp_path / "x.db").exists()


# -- tables -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["documents", "figures", "policies", "statements", "people", "stories",
                                     "dataset"])
def test_tables_fit_80_columns_and_cut_with_an_ellipsis(run, demo_db, command):
    result = run(command, "-f", "table", db=demo_db, env={"COLUMNS": "80"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) > 4
    assert max(len(line) for line in lines) <= 80
    assert "…" in result.stdout
    # one row is one line: no cell folded over several lines
    rows = [line for line in lines if line.startswith("│")]
    listed = run(command, "-f", "json", db=demo_db)
    assert len(rows) == len(json.loads(listed.stdout))


def test_wide_shows_every_column_in_full(run, demo_db):
    narrow = run("figures", "-f", "table", db=demo_db, env={"COLUMNS": "80"}).stdout
    wide = run("figures", "-f", "table", "--wide", db=demo_db, env={"COLUMNS": "200"}).stdout
    assert "qualifier" not in narrow and "platforms" not in narrow
    assert "qualifier" in wide and "platforms" in wide and "requester" in wide


def test_booleans_read_as_words(run, demo_db):
    table = run("figures", "-f", "table", "--wide", db=demo_db, env={"COLUMNS": "400"}).stdout
    assert "True" not in table and "False" not in table and " no " in table
    rows = list(csv.DictReader(io.StringIO(run("figures", "-f", "csv", db=demo_db).stdout)))
    assert {r["suppressed"] for r in rows} <= {"true", "false"}


# -- documents by short id and path --------------------------------------------------------------------

def test_two_files_of_one_name_are_told_apart(run, tmp_path):
    docs = tmp_path / "docs"
    _letter(docs / "police" / "response.txt", org="Kent Police", n=3, ref="K-1")
    _letter(docs / "council" / "response.txt", org="Leeds City Council", n=8, ref="L-2")
    db = tmp_path / "x.db"
    assert run("ingest", str(docs), db=db).returncode == 0

    figures = _jsonl(run("figures", "-f", "jsonl", db=db).stdout)
    by_path = {}
    for f in figures:
        assert f["document"] == "response.txt" and re.fullmatch(r"[0-9a-f]{8}", f["document_id"])
        by_path.setdefault(f["path"], set()).add(f["document_id"])
    assert set(by_path) == {str(docs / "police" / "response.txt"), str(docs / "council" / "response.txt")}
    assert all(len(ids) == 1 for ids in by_path.values()) and len(set.union(*by_path.values())) == 2

    rows = list(csv.DictReader(io.StringIO(run("statements", "-f", "csv", db=db).stdout)))
    assert {"document", "document_id", "path"} <= set(rows[0])

    table = run("figures", "-f", "table", db=db, env={"COLUMNS": "120"}).stdout
    for ids in by_path.values():
        assert next(iter(ids)) in table
    assert "police/response.txt" in table and "council/response.txt" in table


def test_extract_rows_carry_the_short_id_and_path(run, tmp_path):
    letter = _letter(tmp_path / "a" / "letter.txt")
    rows = _jsonl(run("extract", str(letter), "-f", "jsonl").stdout)
    assert rows and all(r["path"] == str(letter) and len(r["document_id"]) == 8 for r in rows)
    assert all(r["document"] == "letter.txt" for r in rows)


def test_show_prints_the_text_with_records_marked_and_their_ids(run, tmp_path):
    letter = _letter(tmp_path / "letter.txt", n=4, w=7)
    db = tmp_path / "x.db"
    assert run("ingest", str(letter), db=db).returncode == 0
    (doc,) = json.loads(run("documents", "-f", "json", db=db).stdout)

    shown = run("show", doc["document_id"], db=db)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith(f"{doc['document_id']} {letter}")
    labels = re.findall(r"\[((?:[fps]\d+(?:, )?)+)\]", shown.stdout)
    assert labels, shown.stdout
    assert re.search(r"f\d+ +figure +Home Office: 4 staff dismissed", shown.stdout)
    assert "2 figures (bold)" in shown.stdout and "statement" in shown.stdout

    as_json = json.loads(run("show", str(letter), "-f", "json", db=db).stdout)
    assert as_json["document_id"] == doc["document_id"] and as_json["path"] == str(letter)
    text = as_json["text"]
    figure = next(r for r in as_json["records"] if r["type"] == "figure" and r["count"] == 4)
    assert re.fullmatch(r"f\d+", figure["record_id"])
    assert "4 members of staff were dismissed" in text[figure["evidence_start"]:figure["evidence_end"]]
    assert {r["type"] for r in as_json["records"]} >= {"figure", "statement"}


def test_show_marks_spans_in_the_terminal(tmp_path, run):
    from rich.console import Console

    from disclosed.cli.show import STYLES, _Mark, _marked_text

    body = "One. Two staff were dismissed. Three."
    marked = _marked_text(body, [_Mark("f1", "figure", 5, 30, "", {})])
    console = Console(force_terminal=True, width=200, color_system="standard")
    with console.capture() as captured:
        console.print(marked)
    assert STYLES["figure"] == "bold" and "\x1b[1mTwo staff were dismissed." in captured.get()
    assert marked.plain == "One. Two staff were dismissed.[f1] Three."


# -- text that reaches the terminal --------------------------------------------------------------------

def test_names_and_titles_print_as_themselves(run, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    name = "[bold]leak [redacted].html"
    (docs / name).write_text(
        "<html><head><title>Staff [/x] \x1b[31mred[0m title [redacted]</title></head><body><article>"
        "<p>The Home Office dismissed 4 civil servants for misusing Facebook during 2022, figures "
        "released under the Freedom of Information Act show.</p><p>A further seven were warned in "
        "writing about posts on X.</p></article></body></html>", encoding="utf-8")
    db = tmp_path / "x.db"
    ingested = run("ingest", str(docs), db=db)
    assert ingested.returncode == 0, ingested.stdout + ingested.stderr
    table = run("documents", "-f", "table", "--wide", db=db, env={"COLUMNS": "300"})
    assert table.returncode == 0, table.stderr
    assert "[bold]leak [redacted].html" in table.stdout and "Staff [/x]" in table.stdout
    assert "\x1b" not in table.stdout
    title = json.loads(run("documents", "-f", "json", db=db).stdout)[0]["title"]
    if title and "\x1b" in title:
        assert "\\x1b" in table.stdout
    shown = run("show", name, db=db)
    assert shown.returncode == 0 and "[bold]leak [redacted].html" in shown.stdout
    assert "\x1b" not in shown.stdout


def test_a_failed_file_with_markup_in_its_name_prints_as_itself(run, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "[red]empty [b].txt").write_text("")
    result = run("ingest", str(docs), db=tmp_path / "x.db")
    assert result.returncode == 1
    assert "[red]empty [b].txt: empty document" in result.stdout


def test_control_and_format_characters_are_shown_escaped():
    from rich.console import Console

    from disclosed.cli.output import OutputFormat, print_rows, safe

    assert safe("red \x1b[31mtext\x1b[0m") == "red \\x1b[31mtext\\x1b[0m"
    assert safe("abc\u202edef\u200b") == "abc\\u202edef\\u200b"
    assert safe("two\nlines\tand  tabs") == "two lines and tabs"
    console = Console(width=120, record=True, file=io.StringIO())
    print_rows([{"title": "[/x] [redacted] \x07bell", "ok": True}], OutputFormat.table, console=console)
    shown = console.export_text()
    assert "[/x] [redacted] \\x07bell" in shown and "yes" in shown and "\x07" not in shown


def test_a_folder_of_fixtures_with_readme_and_gold_files_ingests_only_documents(run, tmp_path):
    docs = tmp_path / "fixtures"
    _letter(docs / "one.txt")
    (docs / "README.md").write_text("# Fixtures\n\nThe Home Office dismissed 40 staff, says this note.\n")
    (docs / "gold.json").write_text('[{"organisation": "Home Office", "count": 4}]\n')
    (docs / "LICENSE").write_text("Anyone may use these. The Home Office dismissed 9 staff.\n")
    result = run("ingest", str(docs), db=tmp_path / "x.db")
    assert "new 1," in result.stdout and "skipped 3;" in result.stdout
    assert "README.md: describes the folder, not a document" in result.stderr


def test_a_document_is_named_by_short_id_hash_start_path_file_name_or_row_id(run, tmp_path, monkeypatch):
    letter = _letter(tmp_path / "in" / "letter.txt")
    db = tmp_path / "x.db"
    assert run("ingest", str(letter), db=db).returncode == 0
    (doc,) = json.loads(run("documents", "-f", "json", db=db).stdout)
    relative = "in/letter.txt"  # the same file, named relative to the folder the command runs in
    for reference in (doc["document_id"], doc["sha256"][:5], doc["sha256"], str(letter), relative,
                      "letter.txt", str(doc["id"])):
        shown = run("show", reference, "-f", "json", db=db, cwd=tmp_path)
        assert shown.returncode == 0, (reference, shown.stderr)
        assert json.loads(shown.stdout)["document_id"] == doc["document_id"]


@pytest.mark.parametrize(("words", "expected"), [
    ("disclosed figures --outcome dis", {"dismissed", "disciplined"}),
    ("disclosed figures --staff-group police_", {"police_officers", "police_staff"}),
    ("disclosed dataset --topic so", {"social_media"}),
    ("disclosed documents --type p", {"pdf"}),
    ("disclosed extract --type st", {"statement"}),
])
def test_choices_complete_in_the_shell(run, words, expected):
    result = run(env={"_DISCLOSED_COMPLETE": "complete_bash", "COMP_WORDS": words,
                      "COMP_CWORD": str(len(words.split()) - 1)})
    assert result.returncode == 0, result.stderr
    assert set(result.stdout.split()) == expected
