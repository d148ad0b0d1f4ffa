"""Web app latency with 100,000 figures: p50/p95 of the overview, organisation, figure and search
pages and the figures API, under 8 concurrent clients, against the real server (uvicorn).

    .venv/bin/python benchmarks/web.py [--figures 100000] [--clients 8] [--requests 400] [--db URL]

Builds a SQLite store of synthetic documents (10 figures each, stories not computed), starts the app on
a free loopback port, warms the snapshot, then times each page separately.
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import uvicorn

from disclosed.model import Document, Figure
from disclosed.store import open_store
from disclosed.web.app import WebConfig, create_app

ORGS = [
    "Home Office",
    "Department for Work and Pensions",
    "HM Revenue and Customs",
    "Ministry of Justice",
    "Greater Manchester Police",
    "Surrey Police",
    "Cumbria Constabulary",
    "Natural England",
    "Driver and Vehicle Licensing Agency",
    "Forestry Commission",
]
OUTCOMES = ["dismissed", "written_warning", "final_written_warning", "investigated", "no_further_action"]
PLATFORMS = ["Facebook", "Twitter", "WhatsApp", "Instagram", "TikTok", "LinkedIn"]
WORDS = [
    "staff",
    "disciplined",
    "misuse",
    "social",
    "media",
    "posts",
    "accounts",
    "guidance",
    "conduct",
    "review",
    "panel",
    "officers",
    "complaint",
    "investigation",
    "warning",
    "dismissal",
    "policy",
    "online",
    "messages",
    "photographs",
    "public",
]


def build(db: str, figures: int, per_doc: int = 10, seed: int = 3) -> None:
    rng = random.Random(seed)
    store = open_store(db)
    for d in range(figures // per_doc):
        org = ORGS[d % len(ORGS)]
        sentences, figs = [], []
        for k in range(per_doc):
            year = 2015 + (d + k) % 10
            outcome = OUTCOMES[k % len(OUTCOMES)]
            n = rng.randint(1, 60)
            platform = rng.choice(PLATFORMS)
            filler = " ".join(rng.choice(WORDS) for _ in range(12))
            sentence = f"In {year} {org} recorded {n} cases ({outcome}) involving {platform}; {filler}."
            start = sum(len(s) + 2 for s in sentences)
            sentences.append(sentence)
            figs.append(
                Figure(
                    document=f"doc{d}.txt",
                    id=f"f{k}",
                    organisation=org,
                    staff_group="staff",
                    outcome=outcome,
                    count=n,
                    platforms=[platform],
                    period_start=str(year),
                    period_end=str(year),
                    evidence=sentence,
                    evidence_start=start,
                    evidence_end=start + len(sentence),
                    count_text=str(n),
                )
            )
        text = "\n\n".join(sentences)
        store.add_document(
            Document(text=text, title=f"{org} disclosure {d}", source=f"doc{d}.txt", format="text"), figs
        )
    store.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--figures", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=400, help="requests per page")
    parser.add_argument("--db", help="use this database as it is instead of building one")
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="disclosed-web-bench-")
    db = args.db or str(Path(folder) / "bench.db")
    if not args.db:
        t = time.perf_counter()
        build(db, args.figures)
        print(f"built {args.figures} figures in {time.perf_counter() - t:.1f} s")
    store = open_store(db)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(store, WebConfig()), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    with httpx.Client(base_url=base, timeout=120) as c:
        t = time.perf_counter()
        c.get("/").raise_for_status()
        print(f"first request (snapshot of the store) {time.perf_counter() - t:.1f} s")
        figure_ids = [
            f["id"]
            for f in c.get("/api/figures", params={"organisation": "Natural England", "limit": 500}).json()
        ]
    pages = {
        "overview": lambda i: "/",
        "organisation": lambda i: f"/organisations/{ORGS[i % len(ORGS)]}",
        "figure": lambda i: f"/figures/{figure_ids[i % len(figure_ids)]}",
        "search": lambda i: f"/search?q={WORDS[i % len(WORDS)]}+{WORDS[(i * 7) % len(WORDS)]}",
        "figures API": lambda i: (
            f"/api/figures?organisation={ORGS[i % len(ORGS)]}&year={2015 + i % 10}&limit=100"
        ),
    }
    local = threading.local()

    def timed(path: str) -> float:
        client = getattr(local, "client", None)
        if client is None:
            client = local.client = httpx.Client(base_url=base, timeout=120)
        t0 = time.perf_counter()
        client.get(path).raise_for_status()
        return (time.perf_counter() - t0) * 1000

    print(
        f"{'page':<14} {'p50 ms':>8} {'p95 ms':>8}   ({args.clients} clients, {args.requests} requests each)"
    )
    with ThreadPoolExecutor(args.clients) as pool:
        for name, make in pages.items():
            times = list(pool.map(timed, [make(i) for i in range(args.requests)]))
            q = statistics.quantiles(times, n=100)
            print(f"{name:<14} {statistics.median(times):>8.1f} {q[94]:>8.1f}")
    server.should_exit = True
    thread.join(10)


if __name__ == "__main__":
    main()
