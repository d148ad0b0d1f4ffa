"""Speed of the authority register: mentions found per second and microseconds per 5,000-character article."""

from __future__ import annotations

import random
import time

from disclosed.authorities import get_register

# Filler prose in the register of FOI coverage, written for this benchmark.
_FILLER = (
    "A request under the Freedom of Information Act found that staff had been warned about their posts.",
    "Figures released this week show the number of cases rose over three years.",
    "We met officials who said the guidance on personal accounts had been updated in March.",
    "The department said it took any breach of its code of conduct seriously and would not comment further.",
    "Some of those disciplined had shared pictures from work, others had criticised colleagues online.",
    "A spokesperson added that training on the use of social networks is now given to every new starter.",
)


def make_articles(count: int, length: int = 5000, seed: int = 7, density: float = 0.3) -> list[str]:
    """Articles of about `length` characters mixing filler with names and aliases from the register."""
    rng = random.Random(seed)
    register = get_register()
    names = [name for a in register for name in (a.official_name, *a.aliases)]
    articles = []
    for _ in range(count):
        parts: list[str] = []
        size = 0
        while size < length:
            sentence = rng.choice(_FILLER)
            if rng.random() < density:
                sentence = f"At {rng.choice(names)}, {sentence[0].lower()}{sentence[1:]}"
            parts.append(sentence)
            size += len(sentence) + 1
        articles.append(" ".join(parts)[:length])
    return articles


def main() -> None:
    started = time.perf_counter()
    register = get_register()
    loaded = time.perf_counter() - started
    aliases = sum(1 + len(a.aliases) for a in register)
    print(f"register: {len(register)} bodies, {aliases} names and aliases, loaded in {loaded * 1000:.0f} ms")
    for label, density in (("dense", 0.3), ("typical", 0.05)):
        articles = make_articles(400, density=density)
        register.find_mentions(articles[0])  # warm the separator cache
        rounds = 5
        found = 0
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(rounds):
            for article in articles:
                found += len(register.find_mentions(article))
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        runs = rounds * len(articles)
        print(
            f"find_mentions ({label}, {found / runs:.1f} mentions per article): "
            f"{wall / runs * 1e6:.0f} µs per 5,000-character article ({cpu / runs * 1e6:.0f} µs of CPU), "
            f"{runs / wall:.0f} articles/s, {found / wall:.0f} mentions/s"
        )
    started = time.perf_counter()
    register.resolve("Metropolitian Police")  # the first fuzzy lookup maps which names crowd each other
    print(f"resolve: first fuzzy lookup {(time.perf_counter() - started) * 1000:.0f} ms")
    rng = random.Random(11)
    names = [name for a in register for name in (a.official_name, *a.aliases)]
    queries = []
    for name in rng.sample(names, 1000):
        if rng.random() < 0.5 and len(name) > 8:  # a one-letter slip, as in a hurried article
            cut = rng.randrange(len(name))
            name = name[:cut] + name[cut + 1 :]
        queries.append(name)
    queries += [f"the {w} Association of {v}" for w, v in zip("ABCDEFGHIJ", "KLMNOPQRST", strict=True)]
    started = time.perf_counter()
    resolved = sum(register.resolve(q) is not None for q in queries)
    per = (time.perf_counter() - started) / len(queries)
    print(f"resolve: {per * 1e6:.0f} µs per new mention ({resolved} of {len(queries)} resolved)")
    started = time.perf_counter()
    for q in queries:
        register.resolve(q)
    per = (time.perf_counter() - started) / len(queries)
    print(f"resolve: {per * 1e6:.1f} µs per mention seen before")


if __name__ == "__main__":
    main()
