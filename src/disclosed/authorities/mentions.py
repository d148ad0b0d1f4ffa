"""Finding every mention of a registered body in a text: a trie of name words walked from each candidate word.

Speed matters here (hundreds of articles a second), so a text is turned into words by numpy in a
few array operations rather than a Python loop or a regex over every word: each character is
mapped through a table (letters and digits kept, everything else a space, possessive "'s"
blanked), words are where runs of non-spaces start and end, and each word gets a 64-bit hash
summed from its letters. Only words whose hash is that of some name's first word are looked
at from Python; a hash collision costs a dictionary miss, never a wrong match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import numpy as np

from disclosed.authorities.names import is_acronym
from disclosed.model import Authority

_END = ""  # trie key under which the aliases ending at a node are kept; no word is empty
_SPACE, _APOSTROPHE, _S = 32, 39, ord("s")
_LAST_BMP = 0xFFFF

# Between two words of a name only these may stand: spaces, one line break, a hyphen, "&", a
# possessive, a comma or brackets. A full stop, a colon or a blank line ends the name.
_SEPARATOR = re.compile(r"(?:['\u2019]s)?[ \t\u00a0]*(?:[-\u2010\u2013&,()]|\r?\n)?[ \t\u00a0(]*\Z")


@cache
def _char_table() -> np.ndarray:
    """Code point -> code point matched on: letters and digits kept, apostrophes one kind, the rest space."""
    codes = np.arange(_LAST_BMP + 1, dtype=np.uint32)
    keep = np.array([chr(c).isalnum() for c in range(_LAST_BMP + 1)], dtype=bool)
    table = np.where(keep, codes, _SPACE).astype(np.uint32)
    for apostrophe in ("'", "\u2019", "\u2018", "\u02bc"):
        table[ord(apostrophe)] = _APOSTROPHE
    table[_LAST_BMP] = _SPACE  # characters beyond the BMP (emoji) are clipped to this
    return table


def _mapped(lowered: str) -> np.ndarray:
    """Code points of a lower-cased text as matched on, possessive "'s" and apostrophes made spaces."""
    codes = np.frombuffer(lowered.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    mapped = _char_table().take(np.minimum(codes, _LAST_BMP))
    apostrophes = np.flatnonzero(mapped == _APOSTROPHE)
    if apostrophes.size:
        n = mapped.size
        after = apostrophes + 1
        possessive = after < n
        possessive[possessive] &= mapped[after[possessive]] == _S
        closing = after + 1
        possessive &= (closing >= n) | (mapped[np.minimum(closing, n - 1)] == _SPACE)
        mapped[after[possessive]] = _SPACE
        mapped[apostrophes] = _SPACE
    return mapped


def _word_bounds(mapped: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(starts, ends) of the runs of non-spaces."""
    if not mapped.size:
        empty = np.zeros(0, dtype=np.intp)
        return empty, empty
    word = mapped != _SPACE
    edges = np.flatnonzero(word[1:] != word[:-1]) + 1  # alternately a word's start and end
    if word[0]:
        edges = np.concatenate(([0], edges))
    if word[-1]:
        edges = np.concatenate((edges, [mapped.size]))
    return edges[0::2], edges[1::2]


@cache
def _char_hashes() -> np.ndarray:
    """A random 64-bit value per code point, 0 for the space: a word's hash is the sum over its letters."""
    values = np.random.default_rng(20240601).integers(1, 2**63, size=_LAST_BMP + 1, dtype=np.uint64)
    values[_SPACE] = 0
    return values


def _word_hashes(mapped: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """A 64-bit hash per word. Anagrams share one ("met", "tem"); that only costs a dictionary miss."""
    if not starts.size:
        return np.zeros(0, dtype=np.uint64)
    with np.errstate(over="ignore"):
        return np.add.reduceat(_char_hashes().take(mapped), starts)


_PAIR_FACTOR = np.uint64(0x9E3779B97F4A7C15)


def _pair_hashes(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """One hash for each pair of neighbouring words."""
    with np.errstate(over="ignore"):
        return first * _PAIR_FACTOR + second


# Hashes are sifted through a bitmap on their low bits: a false positive (about one word in a
# thousand) only costs a dictionary miss in the walk.
_BITMAP_BITS = 21
_BITMAP_MASK = np.uint64((1 << _BITMAP_BITS) - 1)


def _bitmap(hashes: np.ndarray) -> np.ndarray:
    bitmap = np.zeros(1 << _BITMAP_BITS, dtype=bool)
    bitmap[hashes & _BITMAP_MASK] = True
    return bitmap


def _maybe_members(hashes: np.ndarray, bitmap: np.ndarray) -> np.ndarray:
    """Mask of the hashes that may be in the set the bitmap was made from (never misses one that is)."""
    return bitmap.take(hashes & _BITMAP_MASK)


def match_words(lowered: str) -> tuple[str, np.ndarray]:
    """A lower-cased text as the trie sees it, with the same length, and where each of its words starts.

    "dwp's staff, stoke-on-trent" -> "dwp   staff  stoke on trent": the possessive goes, hyphens
    and punctuation become spaces, so offsets stay those of the original text.
    """
    mapped = _mapped(lowered)
    return mapped.tobytes().decode("utf-32-le"), _word_bounds(mapped)[0]


@dataclass(frozen=True, slots=True)
class Mention:
    """A registered body named in a text: `text[start:end]` is how it was written."""

    start: int
    end: int
    text: str
    authority: Authority


@dataclass(frozen=True, slots=True)
class _Alias:
    """One written form of a name as the trie stores it, with how strictly its case must match."""

    tokens: tuple[str, ...]  # as written in the register
    authority: Authority
    exact: tuple[bool, ...]  # per token: must the text write it exactly so?
    single_word: bool
    commas: frozenset[int]  # the alias has a comma after these words: "Department for Environment, Food"


def short_match_words(lowered: str) -> tuple[str, list[int]]:
    """`match_words` for short strings such as aliases, in plain Python (numpy's set-up costs more there)."""
    table = _char_list()
    mapped = [table[min(ord(c), _LAST_BMP)] for c in lowered]
    n = len(mapped)
    for i, code in enumerate(mapped):
        if code == _APOSTROPHE:
            if i + 1 < n and mapped[i + 1] == _S and (i + 2 >= n or mapped[i + 2] == _SPACE):
                mapped[i + 1] = _SPACE
            mapped[i] = _SPACE
    starts = [k for k, code in enumerate(mapped) if code != _SPACE and (k == 0 or mapped[k - 1] == _SPACE)]
    return "".join(map(chr, mapped)), starts


@cache
def _char_list() -> list[int]:
    return _char_table().tolist()


def alias_words(form: str) -> tuple[list[str], list[str], frozenset[int]]:
    """(lower-case words, words as written, indices of words a comma follows) of an alias.

    "&" is read as "and" and a leading "the" is dropped.
    """
    form = form.replace("&", " and ")
    lowered = form.lower()
    if len(lowered) != len(form):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in form)
    spaced, starts = short_match_words(lowered)
    words = spaced.split()
    ends = [s + len(w) for w, s in zip(words, starts, strict=True)]
    written = [form[s:e] for s, e in zip(starts, ends, strict=True)]
    commas = [k for k in range(len(words) - 1) if "," in form[ends[k] : starts[k + 1]]]
    while words and words[0] == "the":
        words, written, commas = words[1:], written[1:], [k - 1 for k in commas]
    return words, written, frozenset(commas)


def alias_entry(
    written: list[str], authority: Authority, case_bound: frozenset[str], commas: frozenset[int] = frozenset()
) -> _Alias:
    """How an alias must be written to count: single words and acronyms exactly, other words in any case."""
    single = len(written) == 1
    exact = tuple(single or is_acronym(t) or t.lower() in case_bound for t in written)
    return _Alias(tuple(written), authority, exact, single, commas)


class MentionFinder:
    """A word trie over every written form of every alias; `find` is one pass over a text's words."""

    def __init__(self, forms: list[tuple[str, Authority]], case_bound: frozenset[str]) -> None:
        self._root: dict = {}
        for form, authority in forms:
            words, written, commas = alias_words(form)
            if not words:
                continue
            node = self._root
            for word in words:
                node = node.setdefault(word, {})
            node.setdefault(_END, []).append(alias_entry(written, authority, case_bound, commas))
        # Which words can start a mention: a one-word name on its own, or a longer name's first
        # two words side by side ("&" standing for a second word "and"). Kept as sorted hashes so
        # that a text's words are sifted in a few array operations.
        words = sorted({w for first, node in self._root.items() for w in (first, *node) if w})
        mapped = _mapped(" ".join(words))
        hash_of = dict(zip(words, _word_hashes(mapped, _word_bounds(mapped)[0]).tolist(), strict=True))
        singles, firsts, seconds = [], [], []
        for first, node in self._root.items():
            if _END in node:
                singles.append(hash_of[first])
            for second, child in node.items():
                if second == _END:
                    continue
                firsts.append(hash_of[first])
                seconds.append(hash_of[second])
                if second == "and":
                    for third in child:
                        if third != _END:
                            words_hash = hash_of.get(third)
                            if words_hash is None:
                                mapped = _mapped(third)
                                words_hash = int(_word_hashes(mapped, _word_bounds(mapped)[0])[0])
                            firsts.append(hash_of[first])
                            seconds.append(words_hash)
        self._singles = _bitmap(np.array(singles, dtype=np.uint64))
        self._pairs = _bitmap(
            _pair_hashes(np.array(firsts, dtype=np.uint64), np.array(seconds, dtype=np.uint64))
        )
        # a walk never looks further than the longest name's words, plus one to see it end
        self._reach = 1 + max((len(alias_words(form)[0]) for form, _ in forms), default=1)
        self._separators: dict[str, tuple[bool, bool, bool]] = {}

    def _separator(self, sep: str) -> tuple[bool, bool, bool]:
        """(may a name continue across `sep`, does `sep` hold an "&", does it hold a comma)."""
        known = self._separators.get(sep)
        if known is None:
            known = (bool(_SEPARATOR.match(sep)) and sep.count("&") <= 1, "&" in sep, "," in sep)
            if len(self._separators) < 10_000:
                self._separators[sep] = known
        return known

    def find(self, text: str) -> list[Mention]:
        lowered = text.lower()
        if len(lowered) != len(text):  # a few characters lengthen when lower-cased ("İ")
            lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        mapped = _mapped(lowered)
        starts_array, ends_array = _word_bounds(mapped)
        hashes = _word_hashes(mapped, starts_array)
        may_start = _maybe_members(hashes, self._singles)
        may_start[:-1] |= _maybe_members(_pair_hashes(hashes[:-1], hashes[1:]), self._pairs)
        candidates = np.flatnonzero(may_start).tolist()
        mentions: list[Mention] = []
        root = self._root
        free = 0
        for i in candidates:
            if i < free:
                continue
            node = root.get(lowered[starts_array[i] : ends_array[i]])
            if node is None:
                continue  # a hash collision
            # The walk works on the few words from i on, as plain ints.
            starts = starts_array[i : i + self._reach].tolist()
            ends = ends_array[i : i + self._reach].tolist()
            before = (int(ends_array[i - 1]), text[starts_array[i - 1] : ends_array[i - 1]]) if i else None
            path = [0]  # per alias word, its word (counted from i); -1 where the text wrote "&" for "and"
            commas: set[int] = set()  # places on the path a comma follows
            best: tuple[int, Authority] | None = None
            j = 0
            n = len(starts)
            while True:
                terminal = node.get(_END)
                if terminal is not None:
                    hit = self._accept(terminal, text, starts, ends, path, commas, before)
                    if hit is not None:
                        best = (j, hit)
                if j + 1 >= n:
                    break
                # Most walks end here, on a next word no name continues with; the separator
                # between the words is only looked at once the words themselves fit.
                following = lowered[starts[j + 1] : ends[j + 1]]
                nxt = node.get(following)
                via_ampersand = False
                if nxt is None:
                    after_and = node.get("and")
                    if after_and is None:
                        break
                    nxt = after_and.get(following)
                    if nxt is None:
                        break
                    via_ampersand = True
                ok, ampersand, comma = self._separator(text[ends[j] : starts[j + 1]])
                if not ok or ampersand != via_ampersand:
                    break
                if comma:
                    commas.add(len(path) - 1)
                if via_ampersand:
                    path.append(-1)
                node = nxt
                j += 1
                path.append(j)
            if best is not None:
                last, authority = best
                start, end = starts[0], ends[last]
                if text[end : end + 1] == ")" and text.count("(", start, end) > text.count(")", start, end):
                    end += 1  # "Department of Health (Northern Ireland)" keeps its closing bracket
                mentions.append(Mention(start, end, text[start:end], authority))
                free = i + last + 1
        return mentions

    def _accept(
        self,
        terminal: list[_Alias],
        text: str,
        starts: list[int],
        ends: list[int],
        path: list[int],
        commas: set[int],
        before: tuple[int, str] | None,
    ) -> Authority | None:
        """The body whose alias the words on `path` spell with acceptable case, if any.

        `before` is the end and text of the word before the walk's first word, if there is one.
        """
        for entry in terminal:
            if len(entry.tokens) != len(path):
                continue
            if commas and not commas <= entry.commas:
                continue  # "Kent, Police said" is no "Kent Police"
            for k, exact in enumerate(entry.exact):
                if exact:
                    w = path[k]
                    if w < 0 or text[starts[w] : ends[w]] != entry.tokens[k]:
                        break
            else:
                if entry.single_word and before is not None and not entry.tokens[0].isupper():
                    # "Army" alone is the British Army, but not in "Salvation Army": a capitalised
                    # word just before a one-word name makes it part of some other name.
                    prev_end, prev = before
                    joined = text[prev_end : starts[0]] == " "
                    if joined and prev[:1].isupper() and prev not in ("The", "THE"):
                        continue
                return entry.authority
        return None
