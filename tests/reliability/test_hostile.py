"""Hostile files: each one is stored correctly or gives one line naming it; the run goes on, memory
stays under 1 GB, and nothing partial is stored. Made here, by the test."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from disclosed.store import open_store
from disclosed.store import stories as story_store

pytestmark = pytest.mark.heavy

HERE = Path(__file__).parent
ARTICLE = ("Staff sanctions at Sefton Council\n\nSefton Council sacked {n} employees over Facebook posts in "
           "2021, a Freedom of Information request has revealed. It costs £{n}00 a year to train them.")


def _pdf(path: Path, pages: int) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    for i in range(pages):
        pdf.add_page()
        pdf.cell(0, 10, f"Page {i + 1}: Sefton Council dismissed 4 staff over Facebook posts.")
    pdf.output(str(path))


def _hostile(folder: Path) -> dict[bytes, str]:
    """Write the files; file name (bytes) -> what must happen: "stored" or "failed"."""
    folder.mkdir()
    files: dict[bytes, str] = {}

    def put(name: bytes, data: bytes, outcome: str) -> None:
        (Path(os.fsdecode(folder)) / os.fsdecode(name)).write_bytes(data)
        files[name] = outcome

    put(b"bad_name_\xff\xfe.txt", ARTICLE.format(n=3).encode(), "stored")
    put(b"new\nline [red]x[bold] \x1b[31mred.txt", ARTICLE.format(n=4).encode(), "stored")
    # NULs past the first 4 KB (a file starting with them is binary) and rare: text, which PostgreSQL
    # refuses to store with them
    padding = b"\n\nThe council publishes its staff handbook every spring." * 100
    nuls = b"\x00" * 3 + b" More text after the NULs."
    put(b"nul_bytes.txt", ARTICLE.format(n=5).encode() + padding + nuls, "stored")
    put(b"stray_ff.txt", ARTICLE.format(n=6).encode().replace(b"2021,", b"2021,\xff"), "stored")
    hours = b"The library opens at nine on weekdays and at ten on Saturdays. " * 4
    put(b"template.html", (b"<html><head><title>Library hours</title></head><body><article><h1>Library "
                           b"hours</h1><p>" + hours + b"</p><template><p>Sefton Council dismissed 77 staff "
                           b"over Twitter posts.</p></template></article></body></html>"), "stored")
    put(b"one_line_no_spaces.txt", b"x" * (30 * 1024 * 1024), "either")
    deep = b"<div>" * 200_000 + b"text" + b"</div>" * 200_000
    put(b"deep.html", b"<html><body>" + deep + b"</body></html>", "either")
    warc = gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\n" + b"x" * 5000)[:200]
    put(b"truncated.warc.gz", warc, "failed")
    _pdf(folder / "many_pages.pdf", 40)
    files[b"many_pages.pdf"] = "failed"
    put(b"binary.bin", bytes(range(256)) * 100, "failed")
    put(b"good.txt", ARTICLE.format(n=8).encode(), "stored")
    return files


def test_hostile_files_are_one_line_each_and_the_run_goes_on(tmp_path, db_url):
    folder = tmp_path / "hostile"
    files = _hostile(folder)
    result = subprocess.run([sys.executable, str(HERE / "hostile_run.py"), db_url, str(folder)],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["peak_mb"] < 1024, out

    failed = {Path(source).name: reason for source, reason in out["failed"]}
    assert all("\n" not in source + reason for source, reason in out["failed"])
    store = open_store(db_url)
    stored = {d["name"]: d for d in store.documents()}
    for raw, outcome in files.items():
        shown = raw.decode("utf-8", "backslashreplace")
        if outcome == "stored":
            assert shown in stored and shown not in failed, (shown, failed)
        elif outcome == "failed":
            assert shown in failed and shown not in stored, (shown, stored)
        else:
            assert (shown in failed) != (shown in stored), shown  # one or the other, never both
    assert failed["many_pages.pdf"] == "too many pages (40 > 20 limit)"
    # the warning for the stray byte names the file
    assert any("stray_ff.txt" in line and "invalid UTF-8" in line for line in result.stderr.splitlines())

    texts = {name: doc.text for _, doc in store.iter_documents() for name in [doc.name]}
    assert "\x00" not in texts["nul_bytes.txt"] and "More text after the NULs" in texts["nul_bytes.txt"]
    assert "£600" in texts["stray_ff.txt"] and "\ufffd" in texts["stray_ff.txt"]
    assert "77" not in texts["template.html"]
    figures = story_store.named_figures(store)
    assert not [f for f in figures if f.count == 77]
    by_doc = {f.document for f in figures}
    assert {"bad_name_\\xff\\xfe.txt", "good.txt", "nul_bytes.txt"} <= by_doc
