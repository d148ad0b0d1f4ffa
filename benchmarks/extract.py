"""Benchmark: figure extraction throughput and memory on generated articles, single process.

Generates articles of 300-1,000 words (a seeded mix of filler sentences and sentences stating
figures, some with a rendered table) and runs `extract_figures` on each, one after another.
Prints articles/s, MB/s and memory after 1,000 and 5,000 articles, to show throughput and that
memory stays flat.

    .venv/bin/python benchmarks/extract.py [--articles 5000] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from collections.abc import Iterator

from disclosed.extract import extract_figures

BODIES = [
    "the Home Office",
    "Kent Police",
    "the Department for Work and Pensions",
    "Leeds City Council",
    "the Ministry of Justice",
    "Police Scotland",
    "HM Revenue and Customs",
    "Greater Manchester Police",
    "the Metropolitan Police",
    "Cardiff Council",
    "the DVLA",
    "Merseyside Police",
]
GROUPS = [
    "staff",
    "employees",
    "civil servants",
    "officers",
    "police staff",
    "PCSOs",
    "workers",
    "councillors",
]
OUTCOMES = [
    "were sacked",
    "were dismissed",
    "received final written warnings",
    "were given written warnings",
    "were suspended",
    "resigned",
    "faced disciplinary action",
    "were investigated",
    "got words of advice",
    "were found to have breached the rules",
    "were given management advice",
    "were reprimanded",
]
# Share of sentences that state a figure (tables come at a twelfth of that): press coverage of a
# disclosure states a handful of figures in a few hundred words (the seed articles: 6-11 each).
FIGURE_SHARE = 0.12
PLATFORMS = ["Facebook", "Twitter", "WhatsApp", "Instagram", "TikTok", "Snapchat", "LinkedIn"]
NUMBERS = ["three", "eleven", "27", "more than 40", "fewer than five", "a dozen", "116", "at least 8", "nine"]
FILLER = [
    "The figures were published on the organisation's website on Tuesday afternoon.",
    "A spokesperson said the vast majority of people used social media responsibly.",
    "Campaigners said the rules should be clearer and applied consistently across the public sector.",
    "The guidance was first issued in 2012 and has been revised twice since then.",
    "Critics argued that the policy went too far and risked stifling legitimate debate.",
    "The union said it would support any member who felt they had been treated unfairly.",
    "Officials declined to comment on individual cases, citing data protection law.",
    "The organisation employs more than 5,000 people across 40 sites in the region.",
    "A 24-page report setting out the new approach is expected later this year.",
    "Training on online conduct is now part of the induction programme for new starters.",
    "Mr. Jones, 52, said the matter had been handled properly at every stage.",
    "Readers can contact the newsdesk on 0161 555 0100 with further information.",
]


def figure_sentence(rng: random.Random) -> str:
    return (
        f"{rng.choice(BODIES).capitalize()} said {rng.choice(NUMBERS)} {rng.choice(GROUPS)} "
        f"{rng.choice(OUTCOMES)} over posts on {rng.choice(PLATFORMS)} between 2015 and 2019."
    )


def table(rng: random.Random) -> str:
    rows = ["| Outcome | 2019 | 2020 | Total |"]
    for outcome in rng.sample(["Dismissed", "Final written warning", "Written warning", "Suspended"], 3):
        a, b = rng.randint(0, 30), rng.randint(0, 30)
        rows.append(f"| {outcome} | {a} | {b if b > 2 else '<5'} | {a + b} |")
    return "\n".join(rows)


def article(rng: random.Random, figure_share: float = FIGURE_SHARE) -> str:
    target = rng.randint(300, 1000)
    parts: list[str] = [f"{rng.choice(BODIES).capitalize()} disciplines staff over social media"]
    words = 0
    while words < target:
        roll = rng.random()
        if roll < figure_share:
            s = figure_sentence(rng)
        elif roll < figure_share + figure_share / 12:
            s = table(rng)
        else:
            s = rng.choice(FILLER)
        parts.append(s)
        words += len(s.split())
    return "\n\n".join(" ".join(parts[i : i + 3]) for i in range(0, len(parts), 3))


def articles(n: int, seed: int, figure_share: float = FIGURE_SHARE) -> Iterator[str]:
    rng = random.Random(seed)
    for _ in range(n):
        yield article(rng, figure_share)


def rss_mb() -> float:
    """Current resident memory in MB (Linux), falling back to the peak where /proc is missing."""
    try:
        with open("/proc/self/statm") as fh:
            pages = int(fh.read().split()[1])
        return pages * resource.getpagesize() / 1e6
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--figure-share", type=float, default=FIGURE_SHARE, help="share of sentences that state a figure"
    )
    args = parser.parse_args()
    extract_figures("Warm-up: the Home Office sacked 3 staff.")  # load vocabularies and register once
    checkpoints = {1000, args.articles}
    chars = figures = 0
    extracting = 0.0
    for done, text in enumerate(articles(args.articles, args.seed, args.figure_share), 1):
        t0 = time.perf_counter()
        figures += len(extract_figures(text))
        extracting += time.perf_counter() - t0
        chars += len(text.encode("utf-8"))
        if done in checkpoints:
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
            print(
                f"{done:6d} articles: {done / extracting:8.0f} articles/s  "
                f"{chars / 1e6 / extracting:6.2f} MB/s  "
                f"{figures / done:5.1f} figures/article  avg {chars / done / 1e3:4.1f} kB  "
                f"RSS {rss_mb():6.1f} MB  peak RSS {peak:6.1f} MB"
            )


if __name__ == "__main__":
    main()
