"""Ingest speed and memory: 10,000 generated text documents and 1,000 HTML pages into SQLite.

Prints documents per second for each kind (read, extract, store) and peak RSS after the first
fifth and after all of them (flat memory means the two are close), then the time of the stories
update that an ingest run ends with, once for the whole store. Targets: >= 500 text docs/s,
>= 200 HTML pages/s.

    python benchmarks/ingest.py [--text 10000] [--html 1000]
"""

from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
from pathlib import Path

from disclosed.runs.ingest import default_jobs, ingest_files, list_inputs
from disclosed.runs.stories import refresh_stories
from disclosed.store import open_store

BODIES = ["Home Office", "Department for Work and Pensions", "Ministry of Justice", "HM Revenue and Customs",
          "Metropolitan Police Service", "Greater Manchester Police", "Kent County Council"]
OUTCOMES = ["were dismissed", "received written warnings", "were given final written warnings",
            "were suspended", "faced disciplinary action", "resigned before a hearing"]
SYLLABLES = ["ba", "ri", "con", "tel", "mo", "vis", "ar", "den", "lu", "per", "sta", "ny", "qua", "er", "fol"]


def vocabulary(rng: random.Random, size: int = 5000) -> list[str]:
    """Pseudo-words, so that generated articles differ the way real ones do (not near-duplicates)."""
    return ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))) for _ in range(size)]


def prose(rng: random.Random, words: list[str], sentences: int) -> str:
    return " ".join(" ".join(rng.choice(words) for _ in range(rng.randint(8, 20))).capitalize() + "."
                    for _ in range(sentences))


def article(rng: random.Random, i: int, words: list[str]) -> str:
    body = rng.choice(BODIES)
    lines = [f"Social media discipline at {body} ({i})", ""]
    for _ in range(rng.randint(4, 10)):
        lines.append(f"{rng.randint(2, 90)} staff at the {body} {rng.choice(OUTCOMES)} for misusing "
                     f"Facebook since {rng.randint(2008, 2020)}. " + prose(rng, words, rng.randint(2, 6)))
        lines.append("")
    return "\n".join(lines)


def page(rng: random.Random, i: int, words: list[str]) -> str:
    nav = "".join(f'<li><a href="/s{k}">Section {k}</a></li>' for k in range(12))
    paras = "".join(f"<p>{p}</p>" for p in article(rng, i, words).split("\n\n")[1:])
    return (f"<!doctype html><html><head><title>Story {i}</title>"
            f'<meta property="og:site_name" content="Bench Gazette">'
            f'<meta property="article:published_time" content="2013-0{1 + i % 9}-1{i % 9}"></head><body>'
            f"<nav><ul>{nav}</ul></nav><aside><h3>Most read</h3><ul>{nav}</ul></aside>"
            f"<article><h1>Story {i}</h1>{paras}</article>"
            f"<footer><p>Copyright Bench Gazette. All rights reserved.</p>{nav}</footer></body></html>")


def write_corpus(folder: Path, n: int, kind: str, seed: int) -> list[Path]:
    rng = random.Random(seed)
    words = vocabulary(rng)
    folder.mkdir(parents=True)
    paths = []
    for i in range(n):
        p = folder / f"{kind}_{i:06d}.{ 'html' if kind == 'html' else 'txt'}"
        p.write_text(page(rng, i, words) if kind == "html" else article(rng, i, words), encoding="utf-8")
        paths.append(p)
    return paths


def peak_rss_mb() -> float:
    """Peak RSS of this process plus its largest worker (workers are reaped between the two halves)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + workers) / 1024


def timed_ingest(store, folder: Path, label: str, jobs: int) -> None:
    inputs = list_inputs([folder])
    fifth = len(inputs) // 5
    start = time.perf_counter()
    first = ingest_files(store, inputs[:fifth], jobs=jobs, update_stories=False)
    rss_fifth = peak_rss_mb()
    rest = ingest_files(store, inputs[fifth:], jobs=jobs, update_stories=False)
    elapsed = time.perf_counter() - start
    n = first.new + rest.new
    failed = len(first.failed) + len(rest.failed)
    print(f"{label:5s}: {n} documents in {elapsed:.1f} s = {n / elapsed:,.0f} docs/s "
          f"(failed {failed}); peak RSS {rss_fifth:.0f} MB after {fifth}, {peak_rss_mb():.0f} MB after {n}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text", type=int, default=10_000)
    parser.add_argument("--html", type=int, default=1_000)
    parser.add_argument("--jobs", type=int, default=default_jobs(), help="worker processes (default: CPUs)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_corpus(root / "text", args.text, "text", 1)
        write_corpus(root / "html", args.html, "html", 2)
        store = open_store(str(root / "bench.db"))
        print(f"jobs: {args.jobs}")
        timed_ingest(store, root / "text", "text", args.jobs)
        timed_ingest(store, root / "html", "html", args.jobs)
        start = time.perf_counter()
        failed = refresh_stories(store)
        elapsed = time.perf_counter() - start
        print(f"stories: updated for {store.count_documents()} documents in {elapsed:.1f} s "
              f"(failed {len(failed)}); peak RSS {peak_rss_mb():.0f} MB")
        print(f"stored {store.count_documents()} documents, {store.count_figures()} figures")


if __name__ == "__main__":
    main()
