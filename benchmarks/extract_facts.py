"""Speed of policy-fact and statement extraction: microseconds per 5,000-character article, and
articles per second on one core (target: the whole extractor at 500 articles/s, figures included).

The best of several repeats is reported, in CPU time, so other work on the machine counts less.
Finding registered bodies (the authority register's mention finder) is shown on its own line: the
figure extractor needs the same mentions, so a combined extractor finds them once.

usage: python benchmarks/extract_facts.py [ROUNDS]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from disclosed.extract.policies import find_policies
from disclosed.extract.statements import find_bodies, find_statements, sentence_spans

FIXTURES = Path(__file__).parent.parent / "tests" / "fixtures" / "facts"


def articles(size: int = 5000) -> list[str]:
    """Articles of about `size` characters, each made of fixture documents taken in turn."""
    docs = [p.read_text("utf-8") for p in sorted(FIXTURES.glob("*.txt"))]
    out = []
    for start in range(len(docs)):
        text = ""
        i = start
        while len(text) < size:
            text += docs[i % len(docs)] + "\n\n"
            i += 1
        out.append(text[:size])
    return out


def per_article(fn, texts: list, rounds: int, repeats: int = 5) -> float:
    for t in texts:  # warm caches: vocabularies, the register
        fn(t)
    best = float("inf")
    for _ in range(repeats):
        started = time.process_time()
        for _ in range(rounds):
            for t in texts:
                fn(t)
        best = min(best, (time.process_time() - started) / (rounds * len(texts)) * 1e6)
    return best


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    texts = articles()
    prepared = [(t, sentence_spans(t), find_bodies(t)) for t in texts]

    def both(item):
        text, sentences, bodies = item
        return find_policies(text, find_statements(text, sentences, bodies), sentences, bodies)

    rows = (
        ("registered bodies (register mention finder)", per_article(find_bodies, texts, rounds), texts),
        ("statements (bodies given)", per_article(lambda i: find_statements(*i), prepared, rounds), None),
        ("policies + statements (bodies given)", per_article(both, prepared, rounds), None),
        (
            "policies + statements, bodies found here",
            per_article(lambda t: find_policies(t), texts, rounds),
            None,
        ),
    )
    for label, us, _ in rows:
        print(f"{label:46s} {us:8.0f} µs per 5,000-char article  {1e6 / us:7.0f} articles/s")


if __name__ == "__main__":
    main()
