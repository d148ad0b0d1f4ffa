"""Speed of policy-fact and statement extraction, in ms per article and articles per second on one core
(target: the whole extractor, figures included, at 500 articles/s; these two within ~0.8 ms).

Two corpora: the generated press articles of benchmarks/extract.py (about 4 kB each, mostly prose),
and 5,000-character articles made of the fact fixtures taken in turn (dense with rules and quotes:
a worst case). Each row is the best of several repeats, in CPU time, so other work counts less.

"shared" rows are what a combined extractor pays: the sentence split (extract.sentences) and the
organisations in context (extract.organisations.OrgContext) are the figure extractor's too, so they
are computed once and passed in; the "alone" row computes them here.

usage: python benchmarks/extract_facts.py [ARTICLES]
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from disclosed.extract.organisations import OrgContext, default_register  # noqa: E402
from disclosed.extract.policies import extract_policies_and_statements, find_cues, find_policies  # noqa: E402
from disclosed.extract.sentences import split_sentences  # noqa: E402
from disclosed.extract.statements import find_bodies, find_statements, lower_keeping_offsets  # noqa: E402
from extract import article  # noqa: E402 - the generator of benchmarks/extract.py

FIXTURES = Path(__file__).parent.parent / "tests" / "fixtures" / "facts"


def fixture_articles(count: int, size: int = 5000) -> list[str]:
    """Articles of about `size` characters, each made of fixture documents taken in turn."""
    docs = [p.read_text("utf-8") for p in sorted(FIXTURES.glob("*.txt"))]
    out = []
    for start in range(count):
        text = ""
        i = start
        while len(text) < size:
            text += docs[i % len(docs)] + "\n\n"
            i += 1
        out.append(text[:size])
    return out


def ms_per_item(fn: Callable, items: list, repeats: int = 3) -> float:
    for item in items[:20]:  # warm caches: vocabularies, the register
        fn(item)
    best = float("inf")
    for _ in range(repeats):
        started = time.process_time()
        for item in items:
            fn(item)
        best = min(best, (time.process_time() - started) / len(items) * 1e3)
    return best


def report(label: str, texts: list[str]) -> None:
    register = default_register()
    shared = []
    for text in texts:
        sentences = split_sentences(text)
        orgs = OrgContext(text, register)
        spans = [(s.start, s.end) for s in sentences]
        bodies = find_bodies(text, orgs)
        cues = find_cues(lower_keeping_offsets(text), spans)
        shared.append((text, sentences, orgs, spans, bodies, cues))
    found = {id(item): find_statements(item[0], item[3], item[4], item[5].speech) for item in shared}
    rows = [
        ("shared: sentences + OrgContext", ms_per_item(lambda i: (split_sentences(i[0]),
                                                                 OrgContext(i[0], register)), shared)),
        ("  cue scan (one regex pass)", ms_per_item(
            lambda i: find_cues(lower_keeping_offsets(i[0]), i[3]), shared)),
        ("  statements", ms_per_item(lambda i: find_statements(i[0], i[3], i[4], i[5].speech), shared)),
        ("  policies", ms_per_item(lambda i: find_policies(i[0], found[id(i)], i[3], i[4], i[5]), shared)),
        ("policies + statements, shared given", ms_per_item(
            lambda i: extract_policies_and_statements(i[0], sentences=i[1], orgs=i[2]), shared)),
        ("policies + statements, alone", ms_per_item(extract_policies_and_statements, texts)),
    ]
    size = sum(len(t) for t in texts) / len(texts)
    print(f"{label} ({len(texts)} articles, {size:,.0f} chars on average)")
    for name, ms in rows:
        print(f"  {name:40s} {ms:6.3f} ms/article  {1e3 / ms:7.0f} articles/s")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    rng = random.Random(7)
    report("generated articles (benchmarks/extract.py)", [article(rng)[0] for _ in range(count)])
    report("fixture articles (dense: rules and quotes)", fixture_articles(min(count, 100)))


if __name__ == "__main__":
    main()
