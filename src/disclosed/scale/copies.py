"""Near-duplicates at scale: the copy links `stories.CopyIndex` gives, found by shuffles of a Dask bag.

The workers computed each kept document's MinHash signature and shingle set (`tasks.py`, with the
stories code). Here each signature is cut into LSH bands; records keyed by band are shuffled so
each bucket of documents sharing a band meets in one place. As in `CopyIndex`, a document is a
candidate of its `max_run` nearest neighbours in a bucket, only the `confirm_top` candidates
sharing the most bands are confirmed, by the exact Jaccard similarity of shingle sets, and each
document keeps one link: to its most similar earlier document above the threshold. "Earlier" is
`order.order_key`, then the content hash; `CopyIndex` fed documents in that order gives the same
links. Copies of the same content (same sha256) count once, as the first in that order.

Every shuffle is keyed by integers (Python's hash of an int is the same in every worker).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np

from disclosed.model import CopyPair
from disclosed.scale.order import OrderKey, order_key_of
from disclosed.stories import DEFAULT_COPY_SETTINGS, CopySettings, jaccard

SortKey = tuple[OrderKey, str]  # the order key, then the sha256


def document_uid(sha256: str) -> int:
    """A document's integer id for shuffles: 60 bits of its content hash."""
    return int(sha256[:15], 16)


def _fingerprints(output: str, task: str) -> list[dict[str, Any]]:
    from disclosed.scale.tasks import read_dataset

    table = read_dataset(output, "fingerprints", task)
    return [] if table is None else table.to_pylist()


def _sort_key(row: dict[str, Any]) -> SortKey:
    return (order_key_of(row["published"], row["retrieved"], row["source"]), row["sha256"])


def _band_records(rows: Iterable[dict[str, Any]], settings: CopySettings) -> Iterator[tuple[int, tuple]]:
    rows_per_band = settings.rows
    width = 4 * rows_per_band
    for row in rows:
        if not row["shingles"]:
            continue  # an empty text is nobody's copy, as in CopyIndex
        signature = row["signature"]
        item = (_sort_key(row), document_uid(row["sha256"]))
        for band in range(settings.bands):
            cut = band.to_bytes(2, "little") + signature[band * width : (band + 1) * width]
            bucket = int.from_bytes(hashlib.blake2b(cut, digest_size=8).digest(), "little") >> 1
            yield bucket, (cut, item)


def _bucket_pairs(group: tuple[int, list], settings: CopySettings) -> Iterator[tuple[int, tuple]]:
    """(later uid, (later key, earlier key, earlier uid)) for each candidate pair of one bucket."""
    _, members = group
    exact: dict[bytes, dict[int, SortKey]] = {}
    for cut, (key, uid) in members:
        seen = exact.setdefault(cut, {})
        if uid not in seen or key < seen[uid]:
            seen[uid] = key  # the same content read twice: only its first copy is indexed
    for docs in exact.values():
        ordered = sorted((key, uid) for uid, key in docs.items())
        for k, (key_j, uid_j) in enumerate(ordered):
            for key_i, uid_i in ordered[max(0, k - settings.max_run) : k]:
                yield uid_j, (key_j, key_i, uid_i)


def _requests(group: tuple[int, list], settings: CopySettings) -> Iterator[tuple[int, tuple]]:
    """For one later document: its own request and one for each candidate to confirm, by rank."""
    uid_j, pairs = group
    shared: Counter[int] = Counter()
    keys: dict[int, SortKey] = {}
    for _key_j, key_i, uid_i in pairs:
        shared[uid_i] += 1
        keys[uid_i] = key_i
    top = sorted(shared, key=lambda i: (-shared[i], keys[i]))[: settings.confirm_top]
    yield uid_j, ("want", uid_j, -1)
    for rank, uid_i in enumerate(top):
        yield uid_i, ("want", uid_j, rank)


def _fingerprint_records(rows: Iterable[dict[str, Any]]) -> Iterator[tuple[int, tuple]]:
    for row in rows:
        yield document_uid(row["sha256"]), ("have", _sort_key(row), row["name"], row["shingles"])


def _answers(group: tuple[int, list]) -> Iterator[tuple[int, tuple]]:
    uid, records = group
    haves = [r for r in records if r[0] == "have"]
    if not haves:
        return
    _, _, name, shingles = min(haves, key=lambda r: r[1])
    for record in records:
        if record[0] == "want":
            yield record[1], (record[2], name, shingles)


def _confirm(group: tuple[int, list], settings: CopySettings) -> Iterator[tuple[str, str, float]]:
    _, answers = group
    answers = sorted(answers, key=lambda a: a[0])
    if not answers or answers[0][0] != -1:
        return
    own_name, own = answers[0][1], np.frombuffer(answers[0][2], dtype="<u4")
    best_name, best_sim = None, -1.0
    for _rank, name, shingles in answers[1:]:
        sim = jaccard(np.frombuffer(shingles, dtype="<u4"), own)
        if sim >= settings.threshold and sim > best_sim:
            best_name, best_sim = name, sim
    if best_name is not None:
        yield best_name, own_name, best_sim


def find_copies_at_scale(output: str, tasks: list[str], *, settings: CopySettings = DEFAULT_COPY_SETTINGS,
                         partitions: int | None = None, client: Any = None) -> list[CopyPair]:
    """The copy links among the documents that the tasks wrote under `output`, computed on the current
    `client` (a `distributed.Client`), or on Dask's default scheduler when None."""
    import dask.bag as db

    if not tasks:
        return []
    parts = partitions or max(1, min(len(tasks), 64))
    files = db.from_sequence(tasks, npartitions=max(1, len(tasks)))
    rows = files.map(lambda task: _fingerprints(output, task)).flatten()
    pairs = (rows.map_partitions(lambda part: list(_band_records(part, settings)))
             .groupby(lambda r: r[0], shuffle="tasks", npartitions=parts)
             .map_partitions(lambda part: [p for g in part
                                           for p in _bucket_pairs((g[0], [v for _, v in g[1]]), settings)]))
    requests = (pairs.groupby(lambda r: r[0], shuffle="tasks", npartitions=parts)
                .map_partitions(lambda part: [r for g in part for r in _requests((g[0], [v for _, v in g[1]]),
                                                                               settings)]))
    haves = rows.map_partitions(lambda part: list(_fingerprint_records(part)))
    answers = (db.concat([requests, haves])
               .groupby(lambda r: r[0], shuffle="tasks", npartitions=parts)
               .map_partitions(lambda part: [a for g in part
                                             for a in _answers((g[0], [v for _, v in g[1]]))]))
    links = (answers.groupby(lambda r: r[0], shuffle="tasks", npartitions=parts)
             .map_partitions(lambda part: [c for g in part
                                           for c in _confirm((g[0], [v for _, v in g[1]]), settings)]))
    found = client.compute(links).result() if client is not None else links.compute()
    return sorted((CopyPair.of(a, b, sim) for a, b, sim in found), key=lambda p: (p.a, p.b))
