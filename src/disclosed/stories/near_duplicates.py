"""Near-duplicate detection: normalised word shingles, vectorised MinHash signatures, LSH banding.

A document's `Fingerprint` is its set of shingle hashes plus a MinHash signature; both are numpy
uint32 arrays that serialise to bytes, so a store can keep them and rebuild a `CopyIndex` without
re-reading texts. Candidate pairs come from LSH bands and are confirmed by the exact Jaccard
similarity of the shingle sets, so the reported similarity is never an estimate.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from disclosed.model import CopyPair, Document
from disclosed.stories.phrases import boilerplate_phrases

_SHIFT32 = np.uint64(32)
_FNV_PRIME = np.uint64(0x100000001B3)
_SEED = 20260521

# Typographic variants that copies of one story disagree on: curly vs straight quotes, dash kinds.
_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
        "\u2212": "-", "\u00a0": " ",
    }
)
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class CopySettings:
    """Near-duplicate settings; the defaults are justified by the sweep in benchmarks/stories.py."""

    shingle_size: int = 3  # words per shingle
    num_perm: int = 192  # MinHash permutations
    bands: int = 64  # LSH bands; rows per band = num_perm // bands (3: half-shared texts collide)
    threshold: float = 0.25  # exact Jaccard of shingle sets at or above which two documents are copies
    max_run: int = 64  # in one LSH bucket, compare each document with at most this many neighbours
    # Each document keeps one copy link: to its most similar earlier document. Only its candidates
    # sharing the most LSH bands are confirmed exactly. This keeps pairs and work linear in the
    # corpus: a cluster of k near-identical documents (template letters, heavy boilerplate) gives
    # k - 1 links, not k * (k - 1) / 2 pairs, and copies still connect transitively.
    confirm_top: int = 8

    @property
    def rows(self) -> int:
        return self.num_perm // self.bands

    @property
    def fingerprint_version(self) -> str:
        """Stored fingerprints are only comparable under the same shingling and permutations."""
        return f"w{self.shingle_size}-p{self.num_perm}-s{_SEED}"


DEFAULT_COPY_SETTINGS = CopySettings()


@dataclass(frozen=True)
class Fingerprint:
    """A document's sorted unique shingle hashes and its MinHash signature (both uint32)."""

    shingles: np.ndarray
    signature: np.ndarray

    def signature_bytes(self) -> bytes:
        return self.signature.astype("<u4").tobytes()

    def shingles_bytes(self) -> bytes:
        return self.shingles.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, shingles: bytes, signature: bytes) -> Fingerprint:
        return cls(
            shingles=np.frombuffer(shingles, dtype="<u4").astype(np.uint32),
            signature=np.frombuffer(signature, dtype="<u4").astype(np.uint32),
        )


def normalise_for_shingles(text: str) -> list[str]:
    """The words copies are compared on: boilerplate lines dropped, case, quotes, dashes and
    punctuation folded ("don’t" and "don't" both give "dont")."""
    return _WORD.findall(_normalised(text))


def _normalised(text: str) -> str:
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_FOLD)
    # apostrophes go (after folding, all are "'"): "don't" is one word, quote marks are punctuation
    return _drop_furniture(text.lower()).replace("'", "")


@cache
def _furniture() -> re.Pattern[str] | None:
    phrases = boilerplate_phrases()
    if not phrases:
        return None
    return re.compile("|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)))


def _drop_furniture(text: str) -> str:
    """The text without its short lines (under 200 characters) that contain a boilerplate phrase."""
    rx = _furniture()
    if rx is None or not any(p in text for p in boilerplate_phrases()):
        return text
    pieces, pos = [], 0
    for m in rx.finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        if start < pos:
            continue  # on a line already dropped
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        if end - start < 200:
            pieces.append(text[pos:start])
            pos = end
    if not pieces:
        return text
    pieces.append(text[pos:])
    return "".join(pieces)


class _Hasher:
    """Word and shingle hashing plus the MinHash permutations for one setting."""

    def __init__(self, settings: CopySettings) -> None:
        self.settings = settings
        rng = np.random.default_rng(_SEED)
        odd = rng.integers(0, 1 << 63, size=settings.num_perm, dtype=np.uint64)
        self.a = odd * np.uint64(2) + np.uint64(1)
        self.b = rng.integers(0, 1 << 63, size=settings.num_perm, dtype=np.uint64)
        self.band_mix = rng.integers(1, 1 << 63, size=settings.rows, dtype=np.uint64) | np.uint64(1)
        self._words: dict[str, int] = {}

    def word_ids(self, words: Sequence[str]) -> np.ndarray:
        """A stable 32-bit hash (crc32) per word, cached: a corpus repeats a small vocabulary."""
        cache = self._words
        if len(cache) > 2_000_000:
            cache.clear()
        get = cache.get
        ids = [get(w) for w in words]
        if None in ids:
            for i, w in enumerate(words):
                if ids[i] is None:
                    ids[i] = cache[w] = zlib.crc32(w.encode("utf-8"))
        return np.array(ids, dtype=np.uint64)

    def shingles(self, text: str) -> np.ndarray:
        ids = self.word_ids(normalise_for_shingles(text))
        k = self.settings.shingle_size
        if ids.size == 0:
            return np.empty(0, dtype=np.uint32)
        n = max(ids.size - k + 1, 1)
        h = np.full(n, 0xCBF29CE484222325, dtype=np.uint64)
        for j in range(min(k, ids.size)):
            h = (h * _FNV_PRIME) ^ ids[j : j + n]
        # splitmix64 finaliser, so nearby shingles spread over all 32 kept bits
        h ^= h >> np.uint64(31)
        h *= np.uint64(0x7FB5D329728EA185)
        h ^= h >> np.uint64(27)
        return np.unique((h >> np.uint64(32)).astype(np.uint32))

    def signatures(self, shingle_sets: Sequence[np.ndarray]) -> np.ndarray:
        """MinHash signatures (len(shingle_sets) x num_perm, uint32), one vectorised pass per batch."""
        out = np.full((len(shingle_sets), self.settings.num_perm), 0xFFFFFFFF, dtype=np.uint32)
        nonempty = [i for i, s in enumerate(shingle_sets) if s.size]
        if not nonempty:
            return out
        sizes = np.array([shingle_sets[i].size for i in nonempty])
        starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
        x = np.concatenate([shingle_sets[i] for i in nonempty]).astype(np.uint64)
        rows = np.array(nonempty)
        for p in range(self.settings.num_perm):
            # multiply-add-shift: a 2-universal hash of 32-bit keys, computed mod 2**64 (numpy
            # wraps), whose top 32 bits serve as the permuted value
            v = x * self.a[p]
            v += self.b[p]
            v >>= _SHIFT32
            out[rows, p] = np.minimum.reduceat(v, starts)
        return out

    def band_keys(self, signatures: np.ndarray) -> np.ndarray:
        """One uint64 key per band (n x bands): equal keys mean equal rows in that band."""
        s = self.settings
        sig = signatures[:, : s.bands * s.rows].astype(np.uint64).reshape(len(signatures), s.bands, s.rows)
        keys = (sig * self.band_mix).sum(axis=2, dtype=np.uint64)
        keys ^= np.arange(s.bands, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
        return keys


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard similarity of two sorted unique uint32 arrays."""
    if a.size == 0 or b.size == 0:
        return 0.0
    inter = np.intersect1d(a, b, assume_unique=True).size
    return inter / (a.size + b.size - inter)


class CopyIndex:
    """An incremental near-duplicate index: add documents one at a time or in batches, and get
    back the copies each new document has among everything indexed so far.

    Memory is linear in the corpus: per document its shingle set, its signature and one uint64
    per band; LSH buckets are found by comparing band keys (vectorised for single additions,
    by sorting for batches) rather than kept in a dict of lists.
    """

    def __init__(self, settings: CopySettings = DEFAULT_COPY_SETTINGS) -> None:
        if settings.num_perm % settings.bands:
            raise ValueError("num_perm must be a multiple of bands")
        self.settings = settings
        self._hasher = _Hasher(settings)
        self._ids: list[str] = []
        self._positions: dict[str, int] = {}
        # all shingle sets in one growing buffer: doc i's set is _pool[_bounds[i]:_bounds[i + 1]]
        self._pool = np.empty(0, dtype=np.uint32)
        self._pool_used = 0
        self._bounds = np.zeros(1, dtype=np.int64)
        self._signatures = np.empty((0, settings.num_perm), dtype=np.uint32)
        self._keys = np.empty((0, settings.bands), dtype=np.uint64)
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._positions

    def fingerprint(self, text: str) -> Fingerprint:
        shingles = self._hasher.shingles(text)
        return Fingerprint(shingles, self._hasher.signatures([shingles])[0])

    def fingerprints(self, texts: Sequence[str]) -> list[Fingerprint]:
        shingles = [self._hasher.shingles(t) for t in texts]
        sigs = self._hasher.signatures(shingles)
        return [Fingerprint(s, sigs[i]) for i, s in enumerate(shingles)]

    def add(self, doc_id: str, text: str | Fingerprint) -> list[CopyPair]:
        """Index one document; return its copies among the documents indexed before it."""
        fp = text if isinstance(text, Fingerprint) else self.fingerprint(text)
        return self.add_fingerprints([(doc_id, fp)])

    def add_many(self, items: Iterable[tuple[str, str]], batch_size: int = 500) -> list[CopyPair]:
        """Index many (doc_id, text) pairs; return every copy pair that involves a new document.
        Texts are hashed in batches and not kept, so `items` can be a generator over a large corpus."""
        start = self._size
        batch: list[tuple[str, str]] = []
        for item in items:
            batch.append(item)
            if len(batch) >= batch_size:
                self._append_texts(batch)
                batch = []
        self._append_texts(batch)
        return self._confirm(self._candidates_sorted(start))

    def _append_texts(self, batch: Sequence[tuple[str, str]]) -> None:
        fps = self.fingerprints([text for _, text in batch])
        self._append([(doc_id, fp) for (doc_id, _), fp in zip(batch, fps, strict=True)])

    def add_fingerprints(self, items: Sequence[tuple[str, Fingerprint]]) -> list[CopyPair]:
        """Index documents whose fingerprints are already known (e.g. read back from a store)."""
        start = self._size
        self._append(items)
        if len(items) <= 64:  # a vectorised scan per new document beats sorting every band
            return self._confirm(self._candidates_scan(start))
        return self._confirm(self._candidates_sorted(start))

    def extend(self, items: Sequence[tuple[str, Fingerprint]]) -> None:
        """Index documents without looking for their copies: a store reloading fingerprints whose
        copy pairs it already holds, or a rebuild that asks `copies()` once at the end."""
        self._append(items)

    def copies(self, since: int = 0) -> list[CopyPair]:
        """Every copy pair involving a document indexed at position `since` or later (0: all)."""
        return self._confirm(self._candidates_sorted(since))

    def fingerprint_of(self, doc_id: str) -> Fingerprint:
        i = self._positions[doc_id]
        return Fingerprint(self._shingle_set(i).copy(), self._signatures[i].copy())

    def _shingle_set(self, i: int) -> np.ndarray:
        return self._pool[self._bounds[i] : self._bounds[i + 1]]

    def _append(self, items: Sequence[tuple[str, Fingerprint]]) -> None:
        for doc_id, fp in items:
            if doc_id in self._positions:
                raise ValueError(f"document already indexed: {doc_id}")
            if fp.signature.shape != (self.settings.num_perm,):
                raise ValueError(f"{doc_id}: fingerprint made with other settings than {self.settings}")
        n = len(items)
        if not n:
            return
        need = self._size + n
        if need > len(self._signatures):
            cap = max(need, len(self._signatures) * 3 // 2, 64)
            sig = np.empty((cap, self.settings.num_perm), dtype=np.uint32)
            keys = np.empty((cap, self.settings.bands), dtype=np.uint64)
            sig[: self._size] = self._signatures[: self._size]
            keys[: self._size] = self._keys[: self._size]
            self._signatures, self._keys = sig, keys
        sizes = np.array([fp.shingles.size for _, fp in items], dtype=np.int64)
        pool_need = self._pool_used + int(sizes.sum())
        if pool_need > len(self._pool):
            pool = np.empty(max(pool_need, len(self._pool) * 3 // 2, 4096), dtype=np.uint32)
            pool[: self._pool_used] = self._pool[: self._pool_used]
            self._pool = pool
        for _, fp in items:
            self._pool[self._pool_used : self._pool_used + fp.shingles.size] = fp.shingles
            self._pool_used += fp.shingles.size
        self._bounds = np.concatenate((self._bounds, self._bounds[-1] + np.cumsum(sizes)))
        new_sigs = np.stack([fp.signature for _, fp in items]).astype(np.uint32)
        self._signatures[self._size : need] = new_sigs
        self._keys[self._size : need] = self._hasher.band_keys(new_sigs)
        for doc_id, _ in items:
            self._positions[doc_id] = len(self._ids)
            self._ids.append(doc_id)
        self._size = need

    def _candidates_scan(self, start: int) -> tuple[np.ndarray, np.ndarray]:
        """Candidate pairs (i < j, j >= start) by comparing each new document's band keys with all,
        with the number of bands each pair shares."""
        found, shared = [], []
        for j in range(start, self._size):
            if self._bounds[j + 1] == self._bounds[j]:
                continue
            bands = (self._keys[:j] == self._keys[j]).sum(axis=1)
            hit = np.nonzero(bands)[0]
            found.extend((int(i), j) for i in hit)
            shared.extend(int(b) for b in bands[hit])
        return np.array(found, dtype=np.int64).reshape(-1, 2), np.array(shared, dtype=np.int64)

    def _candidates_sorted(self, start: int) -> tuple[np.ndarray, np.ndarray]:
        """Candidate pairs (i < j, j >= start) from runs of equal band keys, found by sorting, with
        the number of bands each pair was found in."""
        n = self._size
        empty = np.diff(self._bounds) == 0
        chunks = []
        for band in range(self.settings.bands):
            col = self._keys[:n, band]
            order = np.argsort(col, kind="stable")
            sorted_keys = col[order]
            same = sorted_keys[1:] == sorted_keys[:-1]
            if not same.any():
                continue
            for d in range(1, self.settings.max_run + 1):
                if d > 1:
                    # sorted, so key[k] == key[k + d] means the whole run k..k+d is one bucket
                    same = sorted_keys[d:] == sorted_keys[:-d]
                    if not same.any():
                        break
                k = np.nonzero(same)[0]
                a, b = order[k], order[k + d]
                chunks.append(np.stack([np.minimum(a, b), np.maximum(a, b)], axis=1))
        if not chunks:
            return np.empty((0, 2), dtype=np.int64), np.empty(0, dtype=np.int64)
        pairs = np.concatenate(chunks)
        pairs = pairs[(pairs[:, 1] >= start) & ~empty[pairs[:, 0]] & ~empty[pairs[:, 1]]]
        codes, shared = np.unique(pairs[:, 0].astype(np.int64) * n + pairs[:, 1], return_counts=True)
        return np.stack([codes // n, codes % n], axis=1), shared

    def _confirm(self, found: tuple[np.ndarray, np.ndarray]) -> list[CopyPair]:
        """For each later document j: its most similar earlier document above the threshold, among
        the `confirm_top` candidates sharing the most bands (ties: the earlier document first)."""
        candidates, shared = found
        if not len(candidates):
            return []
        # sort by j, then most shared bands first, then earliest i
        order = np.lexsort((candidates[:, 0], -shared, candidates[:, 1]))
        out = []
        cands = candidates[order]
        starts = np.flatnonzero(np.r_[True, cands[1:, 1] != cands[:-1, 1]])
        ends = np.r_[starts[1:], len(cands)]
        for a, b in zip(starts.tolist(), ends.tolist(), strict=True):
            j = int(cands[a, 1])
            best, best_sim = -1, -1.0
            for i in cands[a : min(b, a + self.settings.confirm_top), 0].tolist():
                sim = jaccard(self._shingle_set(i), self._shingle_set(j))
                if sim >= self.settings.threshold and sim > best_sim:
                    best, best_sim = i, sim
            if best >= 0:
                out.append(CopyPair.of(self._ids[best], self._ids[j], best_sim))
        return out


def find_copies(docs: Sequence[Document], settings: CopySettings = DEFAULT_COPY_SETTINGS) -> list[CopyPair]:
    """Every pair of documents (by `Document.name`) whose normalised texts are near-duplicates."""
    index = CopyIndex(settings)
    return sorted(index.add_many((d.name, d.text) for d in docs), key=lambda p: (p.a, p.b))
