"""Requesters resolved to one name: "Radio Nine News", "Radio 9" and (in its own pages) "the station"
are one requester. Found in the phrasings the extractor does not know yet, from a vocabulary file.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from disclosed.errors import DisclosedError

REQUESTERS_FILE = Path(__file__).with_name("requesters.toml")

# A capitalised name: capitalised words (or numbers) joined by spaces and the small words names
# contain; case-sensitive inside otherwise case-insensitive patterns.
_NAME = (
    r"(?P<name>(?-i:(?:[Tt]he[ \t]+)?[A-Z][\w&'’.-]*"
    r"(?:[ \t]+(?:(?:of|and|for|on|&)[ \t]+)?(?:[A-Z0-9][\w&'’.-]*))*))"
)
_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "first": "1st",
}
_NOT_NAMES = frozenset({
    "the", "it", "they", "he", "she", "we", "this", "that", "these", "those", "freedom", "information",
    "foi", "act", "parliament", "figures", "data", "a", "an", "its", "their", "his", "her",
})
_PUNCT = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")


class VocabularyError(DisclosedError):
    """A requester vocabulary file that can't be read."""


@dataclass(frozen=True)
class RequesterVocabulary:
    """What resolving requesters needs: words to drop, aliases, own-outlet references, patterns."""

    leading: tuple[str, ...]
    trailing: tuple[str, ...]
    own_outlet: frozenset[str]
    aliases: dict[str, str]  # normalised spelling -> canonical name
    patterns: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]

    @classmethod
    def load(cls, path: str | Path = REQUESTERS_FILE) -> RequesterVocabulary:
        """Read a vocabulary file (TOML, the shape of stories/requesters.toml). Raises VocabularyError."""
        try:
            with open(path, "rb") as f:
                data = tomllib.load(f)
        except OSError as err:
            raise VocabularyError(f"{path}: cannot read ({err.strerror or type(err).__name__})") from None
        except tomllib.TOMLDecodeError as err:
            raise VocabularyError(f"{path}: not valid TOML ({err})") from None
        try:
            norm = data.get("normalise", {})
            leading = tuple(sorted((_plain(w) for w in norm.get("leading", [])), key=len, reverse=True))
            trailing = tuple(sorted((_plain(w) for w in norm.get("trailing", [])), key=len, reverse=True))
            references = data.get("references", {}).get("own_outlet", [])
            own = frozenset(_plain(w) for w in references)
            longest_first = sorted(references, key=len, reverse=True)
            reference = "(?P<name>" + "|".join(re.escape(w) for w in longest_first) + ")"
            vocab = cls(leading, trailing, own, {}, tuple(
                (re.compile(p["pattern"].replace("{name}", _NAME).replace("{reference}", reference),
                            re.IGNORECASE),
                 tuple(t.lower() for t in p["trigger"]))
                for p in data.get("pattern", [])
            ))
            for canonical, spellings in data.get("aliases", {}).items():
                for spelling in [canonical, *spellings]:
                    vocab.aliases[vocab._strip(_plain(spelling))] = canonical
        except (KeyError, TypeError, AttributeError, re.error) as err:
            raise VocabularyError(f"{path}: bad requester vocabulary ({type(err).__name__}: {err})") from None
        return vocab

    def _strip(self, plain: str) -> str:
        changed = True
        while changed and plain:
            changed = False
            for word in self.leading:
                if plain.startswith(word + " ") and len(plain) > len(word) + 1:
                    plain, changed = plain[len(word) + 1 :], True
            for word in self.trailing:
                if plain.endswith(" " + word) and len(plain) > len(word) + 1:
                    plain, changed = plain[: -len(word) - 1], True
        return plain

    def key(self, name: str | None, outlet: str | None = None) -> str | None:
        """The one name a requester goes by: its canonical alias, else its written name with the
        generic words dropped, case-folded. A reference to the document's own outlet ("the
        paper") is that outlet; None when it can't be told."""
        if not name:
            return None
        plain = _plain(name)
        if plain in self.own_outlet:
            return self.key(outlet) if outlet else None
        stripped = self._strip(plain)
        if not stripped or stripped in _NOT_NAMES:
            return None
        alias = self.aliases.get(stripped)
        return _plain(alias) if alias else stripped

    def known(self, name: str) -> bool:
        return self._strip(_plain(name)) in self.aliases

    def mentions(self, text: str) -> Iterator[tuple[str, int, int]]:
        """Requester names written in `text` by the vocabulary's phrasings: (name, start, end)."""
        lowered = text.lower()
        if len(lowered) != len(text):
            lowered = text  # a rare character whose lower case is longer: find triggers as written
        for pattern, triggers in self.patterns:
            for a, b in _windows(lowered, triggers):
                yield from self._matches(pattern, text, a, b)

    def _matches(self, pattern: re.Pattern[str], text: str, a: int, b: int) -> Iterator[tuple[str, int, int]]:
        for m in pattern.finditer(text, a, b):
            name = m.group("name").strip(" .,’'")
            if not name or (name.lower() in _NOT_NAMES and _plain(name) not in self.own_outlet):
                continue
            yield name, m.start(), m.end()


# How far before and after a trigger word a requester phrase can reach.
_BEFORE, _AFTER = 120, 160


def _windows(lowered: str, words: tuple[str, ...]) -> list[tuple[int, int]]:
    """Spans around each occurrence of the trigger words, overlapping ones merged."""
    spans = []
    for word in words:
        at = lowered.find(word)
        while at != -1:
            start = lowered.rfind(" ", 0, max(0, at - _BEFORE)) + 1  # not inside a word
            spans.append((start, min(len(lowered), at + len(word) + _AFTER)))
            at = lowered.find(word, at + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _plain(name: str) -> str:
    flat = name.casefold().replace("&", " and ").replace("’", "'").replace("-", " ")
    flat = re.sub(r"'s\b", "", flat)
    flat = _SPACES.sub(" ", _PUNCT.sub(" ", flat)).strip()
    return " ".join(_NUMBER_WORDS.get(w, w) for w in flat.split())


@cache
def default_vocabulary() -> RequesterVocabulary:
    return RequesterVocabulary.load(REQUESTERS_FILE)


__all__ = ["REQUESTERS_FILE", "RequesterVocabulary", "VocabularyError", "default_vocabulary"]
