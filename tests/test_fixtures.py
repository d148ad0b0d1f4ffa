"""Checks on the fixture data itself (the bundled examples and tests/fixtures/figures), not on extraction."""

from __future__ import annotations

import gzip
import html
import json
import re
import tomllib
from pathlib import Path
from typing import get_args

import pytest

import disclosed
from disclosed.model import Qualifier, StaffGroup
from disclosed.vocab import OUTCOME_CODES

EXAMPLES = Path(disclosed.__file__).parent / "examples"
FIGURES = Path(__file__).parent / "fixtures" / "figures"
GOLD_FILES = [EXAMPLES / "expected.json", FIGURES / "gold.json"]

# The outcome codes of the figure contract, as the vocabulary declares them.
OUTCOMES = OUTCOME_CODES
STAFF_GROUPS = set(get_args(StaffGroup))
QUALIFIERS = set(get_args(Qualifier))
TOPICS = {"social_media", "internet_email", "it_security", "other"}
FIGURE_KEYS = {
    "organisation",
    "organisation_alt",
    "staff_group",
    "outcome",
    "accept_outcomes",
    "count",
    "qualifier",
    "platforms",
    "period_start",
    "period_end",
    "period",
    "conduct",
    "requester",
    "topic",
    "optional",
    "id",
    "part_of",
    "evidence",
}
PERIOD = re.compile(r"^\d{4}(-(0[1-9]|1[0-2]))?$")


def load_gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))["documents"]


def load_manifest() -> list[dict]:
    return tomllib.loads((EXAMPLES / "MANIFEST.toml").read_text(encoding="utf-8"))["document"]


def manifest_entry(name: str) -> dict:
    return next(e for e in load_manifest() if e["file"] == name)


def all_gold_figures():
    for path in GOLD_FILES:
        for doc, entry in load_gold(path).items():
            for figure in entry["figures"]:
                yield path.name, doc, figure


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.parent.name)
def test_gold_file_has_documents_with_story_requesters_and_figures(path: Path) -> None:
    documents = load_gold(path)
    assert documents
    for name, entry in documents.items():
        assert isinstance(entry["story"], str) and entry["story"], name
        assert all(isinstance(r, str) and r for r in entry["requesters"]), name
        assert isinstance(entry["figures"], list), name
        assert all(isinstance(n, str) for n in entry.get("not_figures", [])), name


def test_every_gold_figure_follows_the_contract() -> None:
    checked = 0
    for gold, doc, f in all_gold_figures():
        where = f"{gold}: {doc}: {f}"
        assert set(f) <= FIGURE_KEYS, where
        assert isinstance(f["organisation"], str), where
        assert f["organisation"].strip() == f["organisation"] != "", where
        assert f["staff_group"] in STAFF_GROUPS, where
        assert f["outcome"] in OUTCOMES, where
        assert set(f.get("accept_outcomes", [])) <= OUTCOMES, where
        assert f["outcome"] not in f.get("accept_outcomes", []), where
        assert type(f["count"]) is int and f["count"] >= 0, where
        assert f.get("qualifier", "exact") in QUALIFIERS, where
        assert all(isinstance(p, str) and p for p in f.get("platforms", [])), where
        for key in ("period_start", "period_end"):
            assert key not in f or PERIOD.match(f[key]), where
        if "period_start" in f and "period_end" in f:
            assert f["period_start"] <= f["period_end"], where
        assert f.get("topic", "social_media") in TOPICS, where
        assert isinstance(f.get("optional", False), bool), where
        checked += 1
    assert checked > 300


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.parent.name)
def test_one_figure_per_distinct_key_per_document(path: Path) -> None:
    for name, entry in load_gold(path).items():
        keys = [(f["organisation"], f["staff_group"], f["outcome"], f["count"]) for f in entry["figures"]]
        assert len(keys) == len(set(keys)), name


def test_every_fixture_document_has_gold_and_every_gold_document_exists() -> None:
    gold = load_gold(FIGURES / "gold.json")
    on_disk = {p.name for p in FIGURES.glob("*.txt")}
    assert set(gold) == on_disk
    assert len([n for n in on_disk if gold[n]["figures"]]) >= 30


def test_fixture_negatives_have_no_figures_and_positives_have_some() -> None:
    for name, entry in load_gold(FIGURES / "gold.json").items():
        if name.startswith("n"):
            assert entry["figures"] == [], name
        else:
            assert any(not f.get("optional") for f in entry["figures"]), name


def test_every_manifest_entry_exists_and_has_gold() -> None:
    gold = load_gold(EXAMPLES / "expected.json")
    names = {e["file"] for e in load_manifest()}
    for entry in load_manifest():
        assert (EXAMPLES / entry["file"]).is_file(), entry["file"]
        assert entry["format"] in {"text", "html", "pdf", "warc"}, entry["file"]
        for link in ("copy_of", "rewrite_of", "related"):
            assert entry.get(link, entry["file"]) in names, (entry["file"], link)
        keys = entry.get("pages", [entry["file"]])
        for key in keys:
            assert key in gold, key
            if entry["format"] != "warc":
                assert (gold[key]["figures"] == []) == bool(entry.get("negative")), key
    pages = {url for e in load_manifest() for url in e.get("pages", [])}
    assert set(gold) == names - {e["file"] for e in load_manifest() if "pages" in e} | pages
    assert len(names) >= 14


def test_encodings_declared_in_the_manifest_are_the_real_ones() -> None:
    cp1252 = EXAMPLES / manifest_entry("wyfrs_social_media_cp1252.txt")["file"]
    raw = cp1252.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert "“The public" in raw.decode("cp1252") and "£3,400" in raw.decode("cp1252")
    utf16 = (EXAMPLES / "negative_linkedin_older_workers_utf16.txt").read_bytes()
    assert utf16.startswith(b"\xff\xfe")
    assert "£85,000" in utf16.decode("utf-16")
    for entry in load_manifest():
        if entry["encoding"] == "utf-8":
            (EXAMPLES / entry["file"]).read_bytes().decode("utf-8")


def _visible_words(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return re.findall(r"[a-z0-9']+", text.lower())


def _shingles(words: list[str], n: int = 6) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def test_syndicated_copies_share_the_article_text_and_rewrites_do_not() -> None:
    for entry in load_manifest():
        for link, low, high in (("copy_of", 0.6, 1.0), ("rewrite_of", 0.0, 0.2)):
            if link not in entry:
                continue
            copy = _shingles(_visible_words(EXAMPLES / entry["file"]))
            original = _shingles(_visible_words(EXAMPLES / entry[link]))
            shared = len(copy & original) / min(len(copy), len(original))
            assert low <= shared <= high, (entry["file"], link, shared)


def test_pdf_example_has_a_text_layer_with_its_table() -> None:
    from pypdf import PdfReader

    reader = PdfReader(EXAMPLES / "dvla_foi_response_2023.pdf")
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Final written warning" in text and "<5" in text and "Driver and Vehicle Licensing Agency" in text


def test_warc_example_opens_and_holds_the_manifest_pages() -> None:
    from warcio.archiveiterator import ArchiveIterator

    path = EXAMPLES / "north_coast_chronicle_crawl.warc.gz"
    with gzip.open(path) as check:
        assert check.read(8) == b"WARC/1.0"
    urls = []
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type == "response":
                body = record.content_stream().read().decode("utf-8")
                assert "og:site_name" in body
                urls.append(record.rec_headers.get_header("WARC-Target-URI"))
    assert urls == manifest_entry("north_coast_chronicle_crawl.warc.gz")["pages"]


def test_html_examples_carry_page_metadata() -> None:
    for entry in load_manifest():
        if entry["format"] == "html":
            text = (EXAMPLES / entry["file"]).read_text(encoding="utf-8")
            for marker in ('property="og:site_name"', 'property="article:published_time"', "<title>"):
                assert marker in text, (entry["file"], marker)


_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
WORD_VALUES = {w: n for n, w in enumerate(_UNITS)} | {t: 20 + 10 * i for i, t in enumerate(_TENS)}
WORD_VALUES |= {f"{t}-{u}": WORD_VALUES[t] + WORD_VALUES[u] for t in _TENS for u in _UNITS[1:10]}
PHRASE_VALUES = {
    "half a dozen": 6,
    "a dozen": 12,
    "a single": 1,
    "an officer": 1,
    "another": 1,
    "a fourth": 1,
    "a further officer": 1,
}


def numbers_written_in(text: str) -> set[int]:
    """Every number a reader can see in the text: digits (with thousands commas) and number words."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", text)).lower()
    found = {int(d.replace(",", "")) for d in re.findall(r"\d[\d,]*", text) if d.replace(",", "").isdigit()}
    found |= {WORD_VALUES[w] for w in re.findall(r"[a-z]+(?:-[a-z]+)?", text) if w in WORD_VALUES}
    found |= {n for phrase, n in PHRASE_VALUES.items() if phrase in text}
    return found


def example_texts() -> dict[str, str]:
    from pypdf import PdfReader
    from warcio.archiveiterator import ArchiveIterator

    texts = {}
    for entry in load_manifest():
        path = EXAMPLES / entry["file"]
        if entry["format"] == "pdf":
            texts[entry["file"]] = "\n".join(p.extract_text() for p in PdfReader(path).pages)
        elif entry["format"] == "warc":
            with path.open("rb") as stream:
                for record in ArchiveIterator(stream):
                    url = record.rec_headers.get_header("WARC-Target-URI")
                    texts[url] = record.content_stream().read().decode("utf-8")
        else:
            raw = path.read_bytes()
            encoding = {"windows-1252": "cp1252"}.get(entry["encoding"], entry["encoding"].split(" ")[0])
            texts[entry["file"]] = raw.decode(encoding)
    return texts


def test_every_required_gold_count_is_written_in_its_document() -> None:
    texts = example_texts() | {p.name: p.read_text(encoding="utf-8") for p in FIGURES.glob("*.txt")}
    for gold, doc, f in all_gold_figures():
        if f.get("optional"):
            continue
        seen = numbers_written_in(texts[doc])
        # a suppressed cell ("<5", "fewer than five", "*" = fewer than 3) is gold count threshold-1, up_to
        suppressed = f.get("qualifier") == "up_to" and f["count"] + 1 in seen
        assert f["count"] in seen or suppressed, (gold, doc, f)
