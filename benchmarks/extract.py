"""Benchmark: extraction throughput and memory on generated articles, single process.

Generates press articles of 300-1,000 words, mostly prose that states no figure (background,
quotes, policy sentences, numbers that count something else) with 3-10 figures per article, some
in breakdowns of a total, some in passing, now and then an FOI table. Runs, one article after
another: the figure extractor (`extract_figures`), the policy and statement extractor
(`extract_policies_and_statements`) and all three together (`extract_all` on a Document).
Prints articles/s and MB/s of text (CPU time, extraction alone) and memory after 1,000 articles
and at the end, to show that memory stays flat in the corpus size.

    .venv/bin/python benchmarks/extract.py [--articles 5000] [--seed 7] [--only figures|facts|all]
    .venv/bin/python benchmarks/extract.py --scaling   # cost against document length and vocabulary size
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from collections.abc import Callable, Iterator

from disclosed.extract import extract_figures
from disclosed.model import Document

BODIES = [
    ("the Home Office", "the department", "civil servants"),
    ("Kent Police", "the force", "officers"),
    ("the Department for Work and Pensions", "the department", "staff"),
    ("Leeds City Council", "the council", "employees"),
    ("the Ministry of Justice", "the ministry", "staff"),
    ("Police Scotland", "the force", "police officers"),
    ("HM Revenue and Customs", "the department", "employees"),
    ("Greater Manchester Police", "the force", "police staff"),
    ("the Metropolitan Police", "the force", "officers"),
    ("Cardiff Council", "the council", "council workers"),
    ("the DVLA", "the agency", "staff"),
    ("Merseyside Police", "the force", "PCSOs"),
    ("Birmingham City Council", "the council", "staff"),
    ("the Ministry of Defence", "the ministry", "civilian staff"),
]
TOTALS = [
    "disciplined {n} {g} for misusing social media",
    "took disciplinary action against {n} {g} over their use of social media",
    "investigated {n} {g} over posts on {p}",
    "found that {n} {g} had breached its social media policy",
]
OUTCOMES = [
    "were sacked",
    "were dismissed",
    "received final written warnings",
    "were given written warnings",
    "were suspended",
    "resigned before their hearings",
    "were given words of advice",
    "received management advice",
    "were reprimanded",
    "were given verbal warnings",
]
PERIODS = [
    "since 2015",
    "between 2016 and 2020",
    "in the past five years",
    "last year",
    "in 2021/22",
    "since January 2018",
]
PLATFORMS = ["Facebook", "Twitter", "WhatsApp", "Instagram", "TikTok", "Snapchat", "LinkedIn"]
SMALL = ["three", "four", "five", "six", "seven", "nine", "eleven", "12", "14", "17", "23"]
LARGE = ["31", "46", "58", "more than 60", "at least 72", "about 90", "116", "more than 140"]
REQUESTERS = ["the Press Association", "a local newspaper", "the campaign group Open Records", "the BBC"]
FILLER = [
    "The figures cover every part of the organisation, from front-line teams to head office.",
    "Campaigners said the rules should be clearer and applied consistently across the public sector.",
    "The guidance was first issued in 2012 and has been revised twice since then.",
    "Critics argued that the policy went too far and risked stifling legitimate debate.",
    "Officials declined to comment on individual cases, citing data protection law.",
    "The organisation employs more than 5,000 people across 40 sites in the region.",
    "A 24-page report setting out the new approach is expected later this year.",
    "Training on online conduct is now part of the induction programme for new starters.",
    "Readers can contact the newsdesk on 0161 555 0100 with further information.",
    "The budget for the digital team rose by £1.2 million to £4.5 million over three years.",
    "Nearly 40% of respondents to a staff survey said they were unsure what the rules allowed.",
    "The review was led by a retired judge and took 18 months to complete.",
    "Privacy groups have long warned that monitoring personal accounts raises difficult questions.",
    "Many of the posts were made late at night and outside working hours.",
    "The issue has been debated at several meetings of the scrutiny committee.",
    "Some of the material was shared in closed groups that members thought were private.",
    "The new code takes effect on 1 April and applies to agency workers as well.",
    "Employment lawyers say tribunals increasingly look at what was posted and who could see it.",
    "The organisation has run awareness sessions at each of its offices since the spring.",
    "A consultation on the changes closed in March after receiving 312 responses.",
    "Those figures do not include cases that were still open when the request was answered.",
    "Similar concerns have been raised in other parts of the public sector in recent years.",
    "The information was released after an internal review upheld the original request.",
    "Managers were reminded that an online comment can bring the whole organisation into disrepute.",
]
QUOTES = [
    '"We expect the highest standards of behaviour from everyone who works for us, online and off," '
    "a spokesperson for {b} said.",
    'A spokeswoman said: "The vast majority of our people use social media responsibly."',
    '"Where the standards are not met we will act, and we publish the outcome," {b} said in a statement.',
    'Union organiser Sam Patel said: "Members need clear guidance, not a culture of fear."',
    '"It is right that people are held to account for what they post," said Councillor Ann Hughes.',
    '"The numbers are small compared with the size of the workforce," a senior official told us.',
]
POLICIES = [
    "Under {b}'s social media policy, staff must not post anything that could damage public confidence.",
    "The policy bars employees from commenting on operational matters online without permission.",
    "{R} now requires staff to declare any social media account that identifies their employer.",
    "Officers are banned from posting photographs taken on duty, under rules introduced in 2016.",
    "The code of conduct says workers should not accept friend requests from members of the public "
    "they deal with at work.",
]


def _cap(sentence: str) -> str:
    return sentence[0].upper() + sentence[1:]


def _figure_block(rng: random.Random, body: tuple[str, str, str], requester: str) -> tuple[list[str], int]:
    """Sentences stating figures about `body`, and how many figures they state."""
    name, ref, group = body
    total = rng.choice(LARGE)
    lead = rng.choice(TOTALS).format(n=total, g=group, p=rng.choice(PLATFORMS))
    out = [
        _cap(
            f"{name} {lead} {rng.choice(PERIODS)}, figures obtained by {requester} under the "
            "Freedom of Information Act show."
        )
    ]
    figures = 1
    parts = rng.sample(OUTCOMES, rng.randint(1, 3))
    numbers = rng.sample(SMALL, len(parts))
    if len(parts) == 1:
        out.append(f"Of these, {numbers[0]} {parts[0]}.")
    else:
        listed = ", ".join(f"{n} {o}" for n, o in zip(numbers[:-1], parts[:-1], strict=True))
        out.append(f"Of those, {listed} and {numbers[-1]} {parts[-1]}.")
    figures += len(parts)
    if rng.random() < 0.6:
        out.append(
            f"The cases involved posts on {rng.choice(PLATFORMS)} and {rng.choice(PLATFORMS)}, {ref} said."
        )
    if rng.random() < 0.5:
        other = rng.choice(BODIES)
        out.append(
            f"It follows the dismissal of {rng.choice(SMALL)} {other[2]} at {other[0]} in 2019 "
            "for offensive posts."
        )
        figures += 1
    return out, figures


def _table(rng: random.Random) -> str:
    rows = ["| Outcome | 2019 | 2020 | Total |"]
    for outcome in rng.sample(["Dismissed", "Final written warning", "Written warning", "Suspended"], 3):
        a, b = rng.randint(0, 30), rng.randint(0, 30)
        rows.append(f"| {outcome} | {a} | {b if b > 2 else '<5'} | {a + b} |")
    return "\n".join(rows)


def article(rng: random.Random) -> tuple[str, int]:
    """One article of 300-1,000 words and the number of figures it was written to state."""
    target = rng.randint(300, 1000)
    body = rng.choice(BODIES)
    requester = rng.choice(REQUESTERS)
    paragraphs: list[list[str]] = [[f"{_cap(body[0])} staff disciplined over social media posts"]]
    stated = 0
    blocks = rng.randint(1, 3)
    words = 0
    block_at = sorted(rng.sample(range(1, 12), blocks))
    step = 0
    while words < target:
        step += 1
        if block_at and step >= block_at[0]:
            block_at.pop(0)
            sentences, n = _figure_block(rng, body if not stated else rng.choice(BODIES), requester)
            stated += n
            paragraphs.append(sentences)
        elif step == 6 and rng.random() < 0.15:
            paragraphs.append([_table(rng)])
            stated += 9
        else:
            para = []
            for _ in range(rng.randint(2, 4)):
                roll = rng.random()
                if roll < 0.12:
                    s = rng.choice(QUOTES).format(b=body[0])
                elif roll < 0.2:
                    s = rng.choice(POLICIES).format(b=body[0], R=_cap(body[0]))
                else:
                    s = rng.choice(FILLER)
                para.append(_cap(s))
            paragraphs.append(para)
        words += sum(len(s.split()) for s in paragraphs[-1])
    return "\n\n".join(" ".join(p) for p in paragraphs), stated


def articles(n: int, seed: int) -> Iterator[str]:
    rng = random.Random(seed)
    for _ in range(n):
        yield article(rng)[0]


def rss_mb() -> float:
    """Current resident memory in MB (Linux), falling back to the peak where /proc is missing."""
    try:
        with open("/proc/self/statm") as fh:
            pages = int(fh.read().split()[1])
        return pages * resource.getpagesize() / 1e6
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def _figures(text: str) -> int:
    return len(extract_figures(text))


def _facts(text: str) -> int:
    from disclosed.extract.policies import extract_policies_and_statements  # only when measured

    policies, statements = extract_policies_and_statements(text, None)
    return len(policies) + len(statements)


def _all(text: str) -> int:
    from disclosed.extract.document import extract_all  # only when measured

    got = extract_all(Document(text=text, source="bench.txt", format="text"))
    return len(got.figures) + len(got.policies) + len(got.statements)


KINDS: dict[str, tuple[str, Callable[[str], int]]] = {
    "figures": ("figures (extract_figures)", _figures),
    "facts": ("policies + statements", _facts),
    "all": ("all three (extract_all)", _all),
}


def run(label: str, extract: Callable[[str], int], n: int, seed: int) -> None:
    print(f"{label}:")
    checkpoints = {1000, n}
    chars = found = 0
    extracting = 0.0
    for done, text in enumerate(articles(n, seed), 1):
        t0 = time.process_time()
        found += extract(text)
        extracting += time.process_time() - t0
        chars += len(text.encode("utf-8"))
        if done in checkpoints:
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
            print(
                f"  {done:6d} articles: {done / extracting:7.0f} articles/s  "
                f"{1e3 * extracting / done:5.2f} ms/article  {chars / 1e6 / extracting:5.2f} MB/s  "
                f"{found / done:5.1f} records/article  avg {chars / done / 1e3:4.1f} kB  "
                f"RSS {rss_mb():6.1f} MB  peak RSS {peak:6.1f} MB"
            )


def scaling(seed: int) -> None:
    """Figure extraction time per kB for longer documents, and one vocabulary scan against its size."""
    from disclosed.vocab import PhraseMatcher, load, lower_text

    rng = random.Random(seed)
    pieces = [article(rng)[0] for _ in range(64)]
    extract_figures(pieces[0])
    print("figure extraction against document length (same articles, joined):")
    for per_doc in (1, 4, 16, 64):
        docs = ["\n\n".join(pieces[i : i + per_doc]) for i in range(0, len(pieces), per_doc)]
        t0 = time.process_time()
        for d in docs:
            extract_figures(d)
        spent = time.process_time() - t0
        kb = sum(len(d) for d in docs) / 1e3
        print(f"  {kb / len(docs):7.1f} kB documents: {1e3 * spent / kb:6.3f} ms per kB")
    outcomes = [p for entry in load("outcomes")["codes"].values() for p in entry["phrases"]]
    lowered = lower_text("\n\n".join(pieces[:16]))
    print(f"one vocabulary scan against vocabulary size ({len(lowered) / 1e3:.0f} kB of text):")
    for times in (1, 4, 16, 64):
        # invented phrases of two or three invented words, so the trie grows at every level
        invented = [
            " ".join(
                "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(4, 9)))
                for _ in range(rng.randint(2, 3))
            )
            for _ in range(len(outcomes) * (times - 1))
        ]
        phrases = outcomes + invented
        matcher = PhraseMatcher(phrases)
        t0 = time.process_time()
        for _ in range(20):
            list(matcher.finditer(lowered))
        per_scan = (time.process_time() - t0) / 20
        print(f"  {len(set(phrases)):6d} phrases: {1e3 * per_scan / (len(lowered) / 1e3):6.3f} ms per kB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--only", choices=sorted(KINDS), help="run one kind of extraction only")
    parser.add_argument("--scaling", action="store_true", help="cost against document and vocabulary size")
    args = parser.parse_args()
    if args.scaling:
        scaling(args.seed)
        return
    warm = "Warm-up: the Home Office sacked 3 staff, a spokesperson said."
    for key, (label, extract) in KINDS.items():
        if args.only in (None, key):
            extract(warm)  # load vocabularies and the register before timing
            run(label, extract, args.articles, args.seed)


if __name__ == "__main__":
    main()
