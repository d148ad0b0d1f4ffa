"""Near-duplicates at scale: the copy links `stories.CopyIndex` gives, found by shuffles of a Dask bag.

The workers computed each kept document's MinHash signature and shingle set (`tasks.py`, with the
stories code). Here each signature is cut into LSH bands and hashed to one key per band; the keys
are shuffled so each bucket of documents sharing a band meets in one partition. As in `CopyIndex`,
a document is a candidate of its `max_run` nearest neighbours in a bucket, only the `confirm_top`
candidates sharing the most bands are confirmed, by the exact Jaccard similarity of shingle sets,
and each document keeps one link: to its most similar earlier document above the threshold.

"Earlier" is `order.order_key`, then the content hash: the client reads those few columns, ranks
the documents once, and every later step works on ranks. `CopyIndex` fed the documents in that
order gives the same links. Copies of the same content (same sha256) count once, as the first in
that order. Each shuffle moves one numpy chunk per (source, destination) partition, not one record
per pair, so the cost per pair is numpy's.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from disclosed.model import CopyPair
from disclosed.scale.order import order_key_of
from disclosed.stories import DEFAULT_COPY_SETTINGS, CopySettings, jaccard

_MIX_SEED = 20261204


def document_uid(sha256: str) -> int:
    """A document's integer id: 60 bits of its content hash."""
    return int(sha256[:15], 16)


class Ranking:
    """Each document's rank in the order that decides which copy is earlier, by content id."""

    def __init__(self, keyed: list[tuple[tuple, str, str]]) -> None:
        first: dict[str, tuple[tuple, str]] = {}
        for key, sha, name in keyed:  # the same content twice: its first occurrence in the order
            if sha not in first or key < first[sha][0]:
                first[sha] = (key, name)
        ordered = sorted(first.items(), key=lambda item: (item[1][0], item[0]))
        self.names = [name for _, (_, name) in ordered]
        uids = np.array([document_uid(sha) for sha, _ in ordered], dtype=np.int64)
        self._order = np.argsort(uids)
        self._uids = uids[self._order]

    def __len__(self) -> int:
        return len(self.names)

    def ranks(self, uids: np.ndarray) -> np.ndarray:
        return self._order[np.searchsorted(self._uids, uids)]


def _table(output: str, task: str, columns: list[str]) -> Any:
    from disclosed.scale.tasks import read_dataset

    table = read_dataset(output, "fingerprints", task)
    return None if table is None else table.select(columns)


def _keyed(output: str, task: str) -> list[tuple[tuple, str, str]]:
    table = _table(output, task, ["sha256", "name", "published", "retrieved", "source"])
    if table is None:
        return []
    return [(order_key_of(r["published"], r["retrieved"], r["source"]), r["sha256"], r["name"])
            for r in table.to_pylist()]


def _signatures(output: str, task: str, ranking: Ranking) -> tuple[np.ndarray, np.ndarray, list[bytes]]:
    """(ranks, signatures n x num_perm, shingle bytes) of the task's documents with a non-empty text."""
    table = _table(output, task, ["sha256", "shingles", "signature"])
    if table is None or not table.num_rows:
        return np.empty(0, dtype=np.int64), np.empty((0, 0), dtype=np.uint32), []
    rows = [r for r in table.to_pylist() if r["shingles"]]  # an empty text is nobody's copy
    if not rows:
        return np.empty(0, dtype=np.int64), np.empty((0, 0), dtype=np.uint32), []
    ranks = ranking.ranks(np.array([document_uid(r["sha256"]) for r in rows], dtype=np.int64))
    sigs = np.stack([np.frombuffer(r["signature"], dtype="<u4") for r in rows]).astype(np.uint64)
    return ranks, sigs, [r["shingles"] for r in rows]


def _band_keys(sigs: np.ndarray, settings: CopySettings) -> np.ndarray:
    """One uint64 key per (document, band): equal keys mean equal signature rows in that band."""
    rng = np.random.default_rng(_MIX_SEED)
    mix = rng.integers(1, 1 << 63, size=settings.rows, dtype=np.uint64) | np.uint64(1)
    salt = rng.integers(1, 1 << 63, size=settings.bands, dtype=np.uint64)
    banded = sigs[:, : settings.bands * settings.rows].reshape(len(sigs), settings.bands, settings.rows)
    keys = (banded * mix).sum(axis=2, dtype=np.uint64) ^ salt
    keys ^= keys >> np.uint64(29)  # spread the bits, so `key % partitions` spreads the buckets
    keys *= np.uint64(0xBF58476D1CE4E5B9)
    keys ^= keys >> np.uint64(32)
    return keys


def _split(by: np.ndarray, parts: int, *columns: np.ndarray) -> list[tuple[int, tuple]]:
    dest = (by % np.uint64(parts)).astype(np.int64) if by.dtype == np.uint64 else by % parts
    return [(p, tuple(c[dest == p] for c in columns)) for p in range(parts) if (dest == p).any()]


def _bands_out(part: list[str], output: str, ranking: Ranking, settings: CopySettings,
               parts: int) -> list[tuple[int, tuple]]:
    out = []
    for task in part:
        ranks, sigs, _ = _signatures(output, task, ranking)
        if len(ranks):
            keys = _band_keys(sigs, settings)
            out.extend(_split(keys.ravel(), parts, keys.ravel(), np.repeat(ranks, settings.bands)))
    return out


def _concat(chunks: list[tuple]) -> tuple[np.ndarray, ...]:
    return tuple(np.concatenate([c[k] for c in chunks]) for k in range(len(chunks[0])))


def _pairs_out(groups: list[tuple[int, list]], settings: CopySettings, parts: int) -> list[tuple[int, tuple]]:
    """Candidate pairs (earlier rank i, later rank j) of the buckets in one partition, sent by j."""
    out = []
    for _, records in groups:
        keys, ranks = _concat([chunk for _, chunk in records])
        both = np.unique(np.stack([keys, ranks.astype(np.uint64)], axis=1), axis=0)  # a duplicate once
        keys, ranks = both[:, 0], both[:, 1].astype(np.int64)  # sorted by key, then rank
        found_i, found_j = [], []
        for d in range(1, settings.max_run + 1):
            same = np.nonzero(keys[d:] == keys[:-d])[0]
            if not len(same):
                break
            found_i.append(ranks[same])
            found_j.append(ranks[same + d])
        if found_i:
            i, j = np.concatenate(found_i), np.concatenate(found_j)
            out.extend(_split(j, parts, i, j))
    return out


def _requests_out(groups: list[tuple[int, list]], n: int, settings: CopySettings,
                  parts: int) -> list[tuple[int, tuple]]:
    """For each later document, its `confirm_top` candidates by (most shared bands, earliest), as
    requests (document wanted, for whom, position; -1 for itself) sent to where the wanted one is."""
    out = []
    for _, records in groups:
        i, j = _concat([chunk for _, chunk in records])
        codes, shared = np.unique(i * n + j, return_counts=True)
        i, j = codes // n, codes % n
        order = np.lexsort((i, -shared, j))
        i, j = i[order], j[order]
        starts = np.flatnonzero(np.r_[True, j[1:] != j[:-1]])
        position = np.arange(len(j)) - np.repeat(starts, np.diff(np.r_[starts, len(j)]))
        keep = position < settings.confirm_top
        want = np.concatenate([i[keep], j[starts]])
        whom = np.concatenate([j[keep], j[starts]])
        pos = np.concatenate([position[keep], np.full(len(starts), -1)])
        out.extend((p, ("want", *chunk)) for p, chunk in _split(want, parts, want, whom, pos))
    return out


def _shingles_out(part: list[str], output: str, ranking: Ranking, parts: int) -> list[tuple[int, tuple]]:
    out = []
    for task in part:
        ranks, _, shingles = _signatures(output, task, ranking)
        for p in range(parts):
            mine = [(int(r), s) for r, s in zip(ranks, shingles, strict=True) if r % parts == p]
            if mine:
                out.append((p, ("have", mine)))
    return out


def _answers_out(groups: list[tuple[int, list]], parts: int) -> list[tuple[int, tuple]]:
    out = []
    for _, records in groups:
        have: dict[int, bytes] = {}
        wants = []
        for _, record in records:
            if record[0] == "have":
                have.update(record[1])
            else:
                wants.append(record[1:])
        by_dest: dict[int, list] = {}
        for want, whom, pos in wants:
            for x, j, k in zip(want.tolist(), whom.tolist(), pos.tolist(), strict=True):
                by_dest.setdefault(j % parts, []).append((j, k, have[x], x))
        out.extend(by_dest.items())
    return out


def _confirm(groups: list[tuple[int, list]], settings: CopySettings) -> list[tuple[int, int, float]]:
    found = []
    for _, records in groups:
        per_doc: dict[int, list] = {}
        for _, answers in records:
            for j, k, shingles, x in answers:
                per_doc.setdefault(j, []).append((k, x, shingles))
        for j, answers in per_doc.items():
            answers.sort()
            own = np.frombuffer(answers[0][2], dtype="<u4")
            best, best_sim = -1, -1.0
            for _k, x, shingles in answers[1:]:
                sim = jaccard(np.frombuffer(shingles, dtype="<u4"), own)
                if sim >= settings.threshold and sim > best_sim:
                    best, best_sim = x, sim
            if best >= 0:
                found.append((best, j, best_sim))
    return found


def _groups(bag: Any, parts: int) -> Any:
    return bag.groupby(lambda record: record[0], shuffle="tasks", npartitions=parts)


def find_copies_at_scale(output: str, tasks: list[str], *, settings: CopySettings = DEFAULT_COPY_SETTINGS,
                         partitions: int | None = None, client: Any = None) -> list[CopyPair]:
    """The copy links among the documents that the tasks wrote under `output`, computed on
    `client` (a `distributed.Client`), or on Dask's default scheduler when None."""
    import dask
    import dask.bag as db

    if not tasks:
        return []

    def run(collection: Any) -> Any:
        return client.compute(collection).result() if client is not None else collection.compute()

    files = db.from_sequence(tasks, npartitions=len(tasks))
    ranking = Ranking(run(files.map(lambda task: _keyed(output, task)).flatten()))
    if not len(ranking):
        return []
    n, parts = len(ranking), partitions or max(1, min(len(tasks), 64))
    shared = dask.delayed(ranking, traverse=False)
    bands = files.map_partitions(_bands_out, output, shared, settings, parts)
    pairs = _groups(bands, parts).map_partitions(_pairs_out, settings, parts)
    requests = _groups(pairs, parts).map_partitions(_requests_out, n, settings, parts)
    haves = files.map_partitions(_shingles_out, output, shared, parts)
    answers = _groups(db.concat([requests, haves]), parts).map_partitions(_answers_out, parts)
    links = _groups(answers, parts).map_partitions(_confirm, settings)
    found = run(links)
    return sorted((CopyPair.of(ranking.names[i], ranking.names[j], sim) for i, j, sim in found),
                  key=lambda p: (p.a, p.b))


