"""Resolving one mention to one body: an exact match on the normalised name, then a cautious fuzzy match."""

from __future__ import annotations

import numpy as np
from rapidfuzz import fuzz, process

from disclosed.authorities.names import name_key, written_words
from disclosed.model import Authority

# A near-miss must score this high (rapidfuzz ratio, 0-100) on the whole name, and every word
# that differs must itself be this close, so "Gwent Police" never becomes "Kent Police".
FUZZY_MIN_SCORE = 90.0
FUZZY_MIN_WORD_SCORE = 75.0
# A slip adds or drops a letter; a word that grew more may have two words run together
# ("MidSuffolk") and may be another body's name with a prefix.
FUZZY_MAX_WORD_LENGTH_CHANGE = 1
# Two different bodies scoring within this margin of each other make a guess unsafe.
FUZZY_MARGIN = 4.0
FUZZY_MIN_LENGTH = 10


class Resolver:
    """Exact lookups by normalised key; rapidfuzz over the same keys for misspellings."""

    def __init__(self, forms: list[tuple[str, Authority]]) -> None:
        self._exact: dict[str, list[tuple[str, Authority]]] = {}
        for form, authority in forms:
            self._exact.setdefault(name_key(form), []).append((form, authority))
        # Fuzzy matching only ever proposes multi-word names: one-word aliases are acronyms
        # or short forms where one letter makes a different body.
        self._fuzzy_keys = [k for k in self._exact if " " in k]
        self._fuzzy_owner = [self._exact[k][0][1] for k in self._fuzzy_keys]
        # A near-miss has as many words as the name it misspells, so keys are grouped by word
        # count and a lookup only scores the names of its own length.
        self._by_words: dict[int, tuple[list[str], list[int]]] = {}
        for index, key in enumerate(self._fuzzy_keys):
            keys, indices = self._by_words.setdefault(key.count(" ") + 1, ([], []))
            keys.append(key)
            indices.append(index)
        self._crowded: set[int] | None = None

    def crowded(self) -> set[int]:
        """Indices of keys within fuzzy reach of another body's key ("East Sussex" and "West Sussex").

        A misspelling near such a key could be either body, so fuzzy matching never lands on one.
        Worked out on the first fuzzy lookup: it compares every key with every other of its length.
        """
        if self._crowded is None:
            crowded: set[int] = set()
            for keys, indices in self._by_words.values():
                scores = process.cdist(
                    keys, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE - FUZZY_MARGIN, dtype=np.uint8
                )
                for a, b in zip(*np.nonzero(scores), strict=True):
                    a, b = indices[int(a)], indices[int(b)]
                    if self._fuzzy_owner[a] != self._fuzzy_owner[b] and _words_close(
                        self._fuzzy_keys[a].split(), self._fuzzy_keys[b].split()
                    ):
                        crowded.update((a, b))
            self._crowded = crowded
        return self._crowded

    def exact(self, mention: str) -> Authority | None:
        key = name_key(mention)
        entries = self._exact.get(key)
        if not entries:
            return None
        if " " in key:
            return entries[0][1]
        # One-word aliases are case-bound: "MoD" and "MOD" are listed, "mod" is a word.
        written = written_words(mention)
        for form, authority in entries:
            if written_words(form) == written:
                return authority
        return None

    def fuzzy(self, mention: str, exclude: Authority | None = None) -> Authority | None:
        key = name_key(mention)
        if len(key) < FUZZY_MIN_LENGTH or " " not in key:
            return None
        bucket = self._by_words.get(key.count(" ") + 1)
        if bucket is None:
            return None
        keys, indices = bucket
        found = process.extract(
            key, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE - FUZZY_MARGIN, limit=8
        )
        hits = [(k, score, indices[i]) for k, score, i in found if self._fuzzy_owner[indices[i]] != exclude]
        if not hits:
            return None
        best_key, best_score, best_index = hits[0]
        owner = self._fuzzy_owner[best_index]
        if best_score < FUZZY_MIN_SCORE:
            return None
        if any(
            self._fuzzy_owner[i] != owner and score >= best_score - FUZZY_MARGIN for _, score, i in hits[1:]
        ):
            return None
        if not _words_close(key.split(), best_key.split()):
            return None
        if best_index in self.crowded():
            return None
        return owner


def _words_close(asked: list[str], known: list[str]) -> bool:
    """Every word that differs between two names of equal length is a misspelling, not another word.

    A slip keeps a word's first letter: "Wessex" is another place than "Essex", not a misspelling of it.
    """
    if len(asked) != len(known):
        return False
    return all(
        a == k
        or (
            a[:1] == k[:1]
            and abs(len(a) - len(k)) <= FUZZY_MAX_WORD_LENGTH_CHANGE
            and fuzz.ratio(a, k) >= FUZZY_MIN_WORD_SCORE
        )
        for a, k in zip(asked, known, strict=True)
    )
