"""Scale-out speed: a generated news crawl in WARC files, extracted on Dask with 1 and 2 workers,
against the single-process `ingest` of the same pages.

For each way of running it prints the fixed start-up cost (starting the cluster and running a job
of one small WARC file, which loads the library and its vocabularies in every worker; for ingest,
opening the store and ingesting that file) apart from the per-page cost (the full corpus on the
warm cluster), as pages/s. Target: 2 workers at least 1.7 times 1 worker.

Pages are news articles made of pseudo-words with a share of them (--relevant) about staff
disciplined over social media, some republished by several outlets (copies); the rest are about
anything else and are dropped by the prefilter, as on a real crawl.

    python benchmarks/scale.py [--pages 50000] [--per-file 500] [--relevant 0.05] [--ingest-pages N]
"""

from __future__ import annotations

import argparse
import io
import logging
import random
import tempfile
import time
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

BODIES = ["Harrowmere Constabulary", "Brackenford Borough Council", "the Department for Work and Pensions",
          "Kessington NHS Trust", "the Ministry of Justice", "Oldcastle Fire and Rescue Service"]
STAFF = ["officers", "employees", "staff", "nurses", "prison officers", "firefighters"]
OUTCOMES = ["were dismissed", "received written warnings", "were given final written warnings",
            "were suspended", "faced disciplinary action"]
PLATFORMS = ["Facebook", "Twitter", "WhatsApp", "Instagram", "TikTok"]
SYLLABLES = ["ba", "ri", "con", "tel", "mo", "vis", "ar", "den", "lu", "per", "sta", "ny", "qua", "er", "fol"]
TOPICS = ["the new bypass", "the summer fete", "the bus timetable", "a planning appeal", "the cup final",
          "the river cleanup", "school admissions", "the library reopening"]


def vocabulary(rng: random.Random, size: int = 5000) -> list[str]:
    return ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))) for _ in range(size)]


def prose(rng: random.Random, words: list[str], sentences: int) -> str:
    return " ".join(" ".join(rng.choice(words) for _ in range(rng.randint(8, 20))).capitalize() + "."
                    for _ in range(sentences))


def relevant_story(rng: random.Random, words: list[str]) -> str:
    body, staff, outcome = rng.choice(BODIES), rng.choice(STAFF), rng.choice(OUTCOMES)
    n, year = rng.randint(2, 60), rng.randint(2012, 2023)
    return (f"Figures obtained under the Freedom of Information Act show that {n} {staff} at {body} "
            f"{outcome} for misusing social media in {year}. Several had posted on {rng.choice(PLATFORMS)} "
            f"about colleagues. {prose(rng, words, 6)}")


def page(headline: str, text: str, published: str, site: str) -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split(". ") if p)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{headline}</title>"
            f"<meta property='og:site_name' content='{site}'>"
            f"<meta property='article:published_time' content='{published}T08:00:00Z'></head><body>"
            f"<nav><a href='/'>Home</a></nav><article><h1>{headline}</h1>{paragraphs}</article>"
            f"<footer>{site}</footer></body></html>").encode()


def write_corpus(folder: Path, pages: int, per_file: int, relevant: float, seed: int = 17) -> list[Path]:
    """`pages` pages in WARC files of `per_file` pages; a relevant story is republished by 1-3 outlets."""
    rng = random.Random(seed)
    words = vocabulary(rng)
    files: list[Path] = []
    written = 0
    pending: list[tuple[str, str, str, str]] = []  # (url, headline, text, date)
    while written < pages:
        path = folder / f"crawl-{len(files):05d}.warc.gz"
        with open(path, "wb") as stream:
            writer = WARCWriter(stream, gzip=True)
            for _ in range(min(per_file, pages - written)):
                if not pending:
                    day = f"20{rng.randint(15, 23)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                    if rng.random() < relevant:
                        text = relevant_story(rng, words)
                        for k in range(rng.randint(1, 3)):  # the same story on other sites
                            pending.append((f"https://site{rng.randint(0, 99)}.example/news/{written}-{k}",
                                            "Staff disciplined over posts", text + " " + prose(rng, words, k),
                                            day))
                    else:
                        pending.append((f"https://site{rng.randint(0, 99)}.example/local/{written}",
                                        f"Residents discuss {rng.choice(TOPICS)}",
                                        f"People met to talk about {rng.choice(TOPICS)}. "
                                        + prose(rng, words, rng.randint(6, 14)), day))
                url, headline, text, day = pending.pop()
                http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                        protocol="HTTP/1.1")
                record = writer.create_warc_record(
                    url, "response", payload=io.BytesIO(page(headline, text, day, url.split("/")[2])),
                    http_headers=http, warc_headers_dict={"WARC-Date": f"{day}T12:00:00Z"})
                writer.write_record(record)
                written += 1
        files.append(path)
    return files


def warm_worker() -> None:
    from disclosed.extract.document import extract_all
    from disclosed.model import Document

    extract_all(Document(text="Two officers were dismissed for Facebook posts in 2020.", source="warm",
                         format="text"))


def run_dask(workers: int, warm_up: Path, corpus: Path, out: Path) -> dict[str, float]:
    from distributed import Client, LocalCluster

    from disclosed.scale.job import run_job

    t0 = time.perf_counter()
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           silence_logs=logging.ERROR, dashboard_address=":0")
    client = Client(cluster)
    client.run(warm_worker)  # what every worker pays once: imports, vocabularies, the register
    run_job(client, [warm_up], str(out / "warm"))
    fixed = time.perf_counter() - t0
    t1 = time.perf_counter()
    last_task = [t1]
    report = run_job(client, [corpus], str(out / "full"),
                     on_task_done=lambda _t: last_task.__setitem__(0, time.perf_counter()))
    total = time.perf_counter() - t1
    copies = t1 + total - last_task[0]
    client.close()
    cluster.close()
    return {"fixed": fixed, "total": total, "copy_s": copies, "pages": report.read, "kept": report.kept,
            "figures": report.figures, "copies": report.copies}


def run_ingest(warm_up: Path, files: list[Path], db: Path) -> dict[str, float]:
    try:  # ingest.py is moving into runs/ (the store issue)
        from disclosed.runs.ingest import ingest_paths
    except ImportError:
        from disclosed.runs.ingest import ingest_paths
    from disclosed.store import open_store

    t0 = time.perf_counter()
    store = open_store(f"sqlite:///{db}")
    ingest_paths(store, [warm_up])
    fixed = time.perf_counter() - t0
    t1 = time.perf_counter()
    report = ingest_paths(store, files, jobs=1)
    return {"fixed": fixed, "total": time.perf_counter() - t1, "copy_s": 0.0, "pages": report.read,
            "kept": report.new,
            "figures": report.figures, "copies": -1}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=50_000)
    parser.add_argument("--per-file", type=int, default=500)
    parser.add_argument("--relevant", type=float, default=0.05, help="share of stories about the topic")
    parser.add_argument("--ingest-pages", type=int, default=None,
                        help="ingest only the first WARC files holding this many pages (default: all)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "corpus").mkdir()
        (root / "warm").mkdir()
        t = time.perf_counter()
        files = write_corpus(root / "corpus", args.pages, args.per_file, args.relevant)
        write_corpus(root / "warm", 20, 20, 0.5, seed=3)
        print(f"corpus: {args.pages} pages in {len(files)} WARC files, "
              f"written in {time.perf_counter() - t:.1f}s")
        results = {}
        for workers in (1, 2):
            results[f"dask, {workers} worker{'s' if workers > 1 else ''}"] = run_dask(
                workers, root / "warm", root / "corpus", root / f"out{workers}")
        ingest_files = files[: -(-(args.ingest_pages or args.pages) // args.per_file)]
        results["ingest, 1 process"] = run_ingest(root / "warm", ingest_files, root / "ingest.db")
        print(f"{'run':<18} {'pages':>6} {'fixed s':>8} {'run s':>8} {'of which copies s':>18} "
              f"{'pages/s':>8} {'kept':>6} {'figures':>8} {'copies':>7}")
        for name, r in results.items():
            print(f"{name:<18} {r['pages']:>6} {r['fixed']:>8.1f} {r['total']:>8.1f} {r['copy_s']:>18.1f} "
                  f"{r['pages'] / r['total']:>8.1f} {r['kept']:>6} {r['figures']:>8} {r['copies']:>7}")
        one, two = results["dask, 1 worker"], results["dask, 2 workers"]
        speedup = (two["pages"] / two["total"]) / (one["pages"] / one["total"])
        print(f"2 workers / 1 worker, per page: {speedup:.2f}x (target >= 1.7)")


if __name__ == "__main__":
    main()
