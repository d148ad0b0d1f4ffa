"""Benchmark for stories: copy detection precision and recall on a generated corpus with planted
near-duplicates, documents per second and peak memory of copy detection plus story grouping.

    python benchmarks/stories.py                 # 10,000 and 100,000 documents
    python benchmarks/stories.py --sizes 10000   # one size
    python benchmarks/stories.py --sweep         # precision/recall per setting, on 10,000 documents

Each size runs in a fresh subprocess so that its peak memory (max RSS) is its own. The corpus is
streamed: texts are hashed as they are generated and not kept, as the store would feed them.
Planted copies carry the edits real syndication makes: a new headline, a new footer or byline,
a few sentences rewritten, words changed, a paragraph dropped, quotes and dashes typed
differently; a fifth of them are heavy rewrites sharing about half their shingles.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from disclosed.model import CopyPair, Document, Figure
from disclosed.stories import CopyIndex, CopySettings, find_citations, group_into_stories

OUTCOMES = ["dismissed", "disciplined", "written_warning", "final_written_warning", "resigned_or_retired"]
COPY_SHARE = 0.25  # originals that get copies
REWRITE_SHARE = 0.1  # originals that also get an independent rewrite (same figures, new words)


@dataclass
class Planted:
    texts: int = 0
    clusters: list[list[str]] = field(default_factory=list)  # original + its copies
    stories: dict[str, int] = field(default_factory=dict)  # document -> planted story number


class Corpus:
    """A deterministic stream of (document, figures) with planted copies and rewrites."""

    def __init__(self, n: int, seed: int = 7) -> None:
        self.n = n
        self.rng = random.Random(seed)
        self.np_rng = np.random.default_rng(seed)
        syll = ["ka", "lo", "mi", "ren", "tas", "vo", "pel", "dri", "sun", "gor", "ba", "chi", "em", "fal",
                "hu", "jor", "ne", "qui", "ost", "war"]
        words = {"".join(self.rng.choice(syll) for _ in range(self.rng.randint(1, 3))) for _ in range(40000)}
        self.vocab = np.array(sorted(words))
        ranks = np.arange(1, len(self.vocab) + 1)
        self.cdf = np.cumsum(1 / ranks**1.05)
        self.cdf /= self.cdf[-1]
        self.stock = [self.sentence() for _ in range(400)]  # quotes and phrases many articles reuse
        self.orgs = [f"Body {i}" for i in range(600)]
        self.requesters = [f"Requester {i}" for i in range(40)]
        self.planted = Planted()

    def sentence(self, lo: int = 8, hi: int = 26) -> str:
        picks = np.searchsorted(self.cdf, self.np_rng.random(self.rng.randint(lo, hi)))
        words = self.vocab[np.minimum(picks, len(self.vocab) - 1)]
        s = " ".join(words)
        if self.rng.random() < 0.2:  # a quotation
            s = f'"{s}," he said'
        return s[0].upper() + s[1:] + "."

    def article(self) -> list[list[str]]:
        paras = []
        for _ in range(self.rng.randint(3, 6)):
            paras.append([self.rng.choice(self.stock) if self.rng.random() < 0.12 else self.sentence()
                          for _ in range(self.rng.randint(2, 4))])
        return paras

    @staticmethod
    def render(title: str, paras: list[list[str]], footer: str = "") -> str:
        body = "\n\n".join(" ".join(p) for p in paras)
        return f"{title}\n\n{body}" + (f"\n\n{footer}" if footer else "")

    def copy_of(self, paras: list[list[str]], heavy: bool) -> tuple[str, list[list[str]], str]:
        """A syndicated copy: a few sentences rewritten and some words changed (a heavy rewrite:
        a third of the sentences and half the others reworded), a paragraph sometimes dropped, a
        new headline and footer, quotes typed differently."""
        new = [list(p) for p in paras]
        flat = [(i, j) for i, p in enumerate(new) for j in range(len(p))]
        changed = max(1, round(len(flat) * 0.3)) if heavy else self.rng.randint(1, 3)
        for i, j in self.rng.sample(flat, min(changed, len(flat))):
            new[i][j] = self.sentence()
        for p in new:
            for j, s in enumerate(p):
                if self.rng.random() < (0.5 if heavy else 0.15):
                    words = s.split()
                    words[self.rng.randrange(len(words))] = str(self.vocab[self.rng.randrange(2000)])
                    p[j] = " ".join(words)
        if not heavy and len(new) > 3 and self.rng.random() < 0.2:
            del new[self.rng.randrange(1, len(new))]
        if self.rng.random() < 0.5:
            new = [[s.replace(' "', " \u201c").replace('," ', ",\u201d ") for s in p] for p in new]
        footer = " ".join(self.sentence(6, 14) for _ in range(self.rng.randint(1, 2)))
        if self.rng.random() < 0.5:
            footer += "\nComments are closed."
        return self.sentence(5, 10), new, footer

    def figures(self, org: str, requester: str) -> list[tuple[str, int]]:
        return [(self.rng.choice(OUTCOMES), self.rng.randint(1, 300)) for _ in range(self.rng.randint(1, 3))]

    def stream(self) -> Iterator[tuple[str, str, date, tuple]]:
        """(name, text, published, figures) for n documents; copies follow their original within a
        few hundred documents, as syndication follows publication."""
        pending: list[tuple[int, tuple]] = []
        emitted = 0
        story = 0
        start = date(2012, 1, 1)
        while emitted < self.n:
            due = [p for p in pending if p[0] <= emitted]
            if due:
                pending.remove(due[0])
                emitted += 1
                yield due[0][1]
                continue
            story += 1
            org, requester = self.rng.choice(self.orgs), self.rng.choice(self.requesters)
            day = start + timedelta(days=self.rng.randrange(3650))
            # (organisation, outcome, count, requester): plain tuples, as a store row would be
            figs = tuple((org, o, c, requester) for o, c in self.figures(org, requester))
            paras = self.article()
            name = f"doc{story:06d}-0.txt"
            cluster = [name]
            self.planted.stories[name] = story
            if self.rng.random() < COPY_SHARE:
                for k in range(self.rng.choice([1, 1, 1, 2, 3])):
                    title, cparas, footer = self.copy_of(paras, heavy=self.rng.random() < 0.2)
                    cname = f"doc{story:06d}-c{k}.txt"
                    cluster.append(cname)
                    self.planted.stories[cname] = story
                    published = day + timedelta(days=self.rng.randint(0, 3))
                    item = (cname, self.render(title, cparas, footer), published, figs)
                    pending.append((emitted + self.rng.randint(1, 300), item))
            if self.rng.random() < REWRITE_SHARE:
                rname = f"doc{story:06d}-r.txt"
                self.planted.stories[rname] = story
                item = (rname, self.render(self.sentence(5, 10), self.article()),
                        day + timedelta(days=self.rng.randint(0, 5)), figs)
                pending.append((emitted + self.rng.randint(1, 300), item))
            if len(cluster) > 1:
                self.planted.clusters.append(cluster)
            emitted += 1
            yield name, self.render(self.sentence(5, 10), paras), day, figs


def truth_pairs(clusters: list[list[str]], names: set[str]) -> set[tuple[str, str]]:
    out = set()
    for c in clusters:
        c = [x for x in c if x in names]
        out.update((a, b) if a < b else (b, a) for i, a in enumerate(c) for b in c[i + 1 :])
    return out


def precision_recall(found: set[tuple[str, str]], truth: set[tuple[str, str]]) -> tuple[float, float]:
    hit = len(found & truth)
    return (hit / len(found) if found else 1.0), (hit / len(truth) if truth else 1.0)


def closure(pairs: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """All pairs within the connected components of `pairs`: documents found to be copies of one
    text, directly or through a third copy (what story grouping and source counting use)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        parent[find(a)] = find(b)
    groups: dict[str, list[str]] = {}
    for x in parent:
        groups.setdefault(find(x), []).append(x)
    return truth_pairs(list(groups.values()), set(parent))


def run_one(n: int) -> dict:
    """Copy detection while the corpus streams past (texts are hashed, then dropped), then story
    grouping over the documents' metadata and figures, as a rebuild from the store would load them."""
    corpus = Corpus(n)
    index = CopyIndex()
    meta: list[tuple[str, date, str, tuple]] = []
    citations = {}
    gen_time = 0.0
    t0 = time.perf_counter()

    def texts() -> Iterator[tuple[str, str]]:
        nonlocal gen_time
        it = corpus.stream()
        while True:
            g = time.perf_counter()
            try:
                name, text, day, figs = next(it)
            except StopIteration:
                return
            gen_time += time.perf_counter() - g
            doc = Document(text=text, source=name, format="text", published=day)
            found = find_citations(doc)
            if found:
                citations[name] = found
            meta.append((name, day, doc.sha256, figs))
            yield name, text

    copies: list[CopyPair] = index.add_many(texts())
    index_mb = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    del index  # grouping needs the copies, not the index
    t_copies = time.perf_counter()

    docs = [Document(text="", source=name, format="text", published=day, sha256=sha)
            for name, day, sha, _ in meta]
    shared: dict[tuple, list[Figure]] = {}
    figures_by_doc: dict[str, list[Figure]] = {}
    for name, _, _, figs in meta:
        if figs not in shared:
            shared[figs] = [
                Figure(organisation=org, staff_group="staff", outcome=o, count=c, requester=req,
                       evidence="-", evidence_start=0, evidence_end=1, count_text=str(c))
                for org, o, c, req in figs
            ]
        figures_by_doc[name] = shared[figs]
    names = {d.name for d in docs}
    meta.clear()
    del shared
    t_loaded = time.perf_counter()
    stories = group_into_stories(docs, figures_by_doc, copies, citations)
    t1 = time.perf_counter()
    elapsed = (t_copies - t0 - gen_time) + (t1 - t_loaded)
    found = {(c.a, c.b) for c in copies}
    truth = truth_pairs(corpus.planted.clusters, names)
    p, r = precision_recall(found, truth)
    pc, rc = precision_recall(closure(found), truth)
    # each planted copy against the original it was made from (copies of one original are also
    # counted as pairs in `truth`, and are harder: both sides were edited)
    planted_copies = {(c[0], x) if c[0] < x else (x, c[0]) for c in corpus.planted.clusters for x in c[1:]
                      if c[0] in names and x in names}
    # story grouping: planted stories (original, copies, rewrite) that came out as exactly one story
    story_of = {d: i for i, s in enumerate(stories) for d in s.documents}
    planted: dict[int, set[int]] = {}
    for d, s in corpus.planted.stories.items():
        if d in story_of:
            planted.setdefault(s, set()).add(story_of[d])
    sizes: dict[int, int] = {}
    for s in stories:
        sizes[len(s.documents)] = sizes.get(len(s.documents), 0) + 1
    exact = sum(1 for v in planted.values() if len(v) == 1)
    members: dict[int, int] = {}
    for s in planted.values():
        for x in s:
            members[x] = members.get(x, 0) + 1
    merged = sum(1 for v in members.values() if v > 1)
    return {
        "documents": n,
        "copy_pairs_planted": len(truth_pairs(corpus.planted.clusters, names)),
        "copy_pairs_found": len(found),
        "precision": round(p, 4),
        "recall_copy_vs_original": round(len(found & planted_copies) / len(planted_copies), 4),
        "recall": round(r, 4),
        "precision_transitive": round(pc, 4),
        "recall_transitive": round(rc, 4),
        "seconds": round(elapsed, 1),
        "seconds_copies": round(t_copies - t0 - gen_time, 1),
        "seconds_grouping": round(t1 - t_loaded, 1),
        "seconds_loading_records": round(t_loaded - t_copies, 1),
        "seconds_generating": round(gen_time, 1),
        "documents_per_second": round(n / elapsed),
        "stories": len(stories),
        "planted_stories_kept_whole": round(exact / len(planted), 4),
        "stories_merging_planted_stories": merged,
        "peak_memory_mb_after_copies": index_mb,
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def sweep(n: int) -> list[dict]:
    """Exact-Jaccard precision/recall per threshold for a few shingle sizes and LSH bandings."""
    out = []
    items = [(name, text) for name, text, _, _ in Corpus(n).stream()]
    corpus = Corpus(n)
    for _ in corpus.stream():
        pass
    truth = truth_pairs(corpus.planted.clusters, {name for name, _ in items})
    configs = [(2, 192, 64), (3, 128, 32), (3, 128, 64), (3, 192, 64), (3, 240, 80), (4, 192, 64),
               (5, 192, 64)]
    for k, perms, bands in configs:
        settings = CopySettings(shingle_size=k, num_perm=perms, bands=bands, threshold=0.0)
        index = CopyIndex(settings)
        t = time.perf_counter()
        pairs = index.add_many(items)
        seconds = time.perf_counter() - t
        sims = {(c.a, c.b): c.similarity for c in pairs}
        true_sims = sorted(sims.get(p, 0.0) for p in truth)
        for threshold in (0.15, 0.2, 0.25, 0.3, 0.35, 0.4):
            found = {p for p, s in sims.items() if s >= threshold}
            p, r = precision_recall(found, truth)
            pc, rc = precision_recall(closure(found), truth)
            out.append({"shingle": k, "perms": perms, "bands": bands, "threshold": threshold,
                        "precision": round(p, 4), "recall": round(r, 4), "candidates": len(pairs),
                        "precision_transitive": round(pc, 4), "recall_transitive": round(rc, 4),
                        "seconds": round(seconds, 1),
                        "copy_jaccard_p5": round(true_sims[len(true_sims) // 20], 3),
                        "max_non_copy_jaccard": round(max((s for p_, s in sims.items() if p_ not in truth),
                                                          default=0.0), 3)})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--sweep", action="store_true")
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return
    if args.sweep:
        print(f"{'shingle':>7} {'perms':>5} {'bands':>5} {'thresh':>6} {'P':>6} {'R':>6} "
              f"{'P_tr':>6} {'R_tr':>6} "
              f"{'cands':>7} {'secs':>5} {'copyJ_p5':>8} {'maxNonCopyJ':>11}")
        for row in sweep(10_000):
            print(f"{row['shingle']:>7} {row['perms']:>5} {row['bands']:>5} {row['threshold']:>6} "
                  f"{row['precision']:>6} {row['recall']:>6} {row['precision_transitive']:>6} "
                  f"{row['recall_transitive']:>6} {row['candidates']:>7} {row['seconds']:>5} "
                  f"{row['copy_jaccard_p5']:>8} {row['max_non_copy_jaccard']:>11}")
        return
    for n in args.sizes:
        result = subprocess.run([sys.executable, __file__, "--one", str(n)], capture_output=True, text=True,
                                check=True)
        row = json.loads(result.stdout)
        print(" ".join(f"{k}={v}" for k, v in row.items()), flush=True)


if __name__ == "__main__":
    main()
