"""The extractor's vocabularies, loaded once from the TOML files beside this module.

Each file holds one vocabulary as data: outcomes.toml (outcome codes and their phrases),
staff_groups.toml, platforms.toml, qualifiers.toml, numbers.toml, topics.toml and conduct.toml.
`phrase_pattern` compiles a phrase list into one regular-expression alternation, so matching a
sentence against a whole vocabulary is a single scan whatever the vocabulary's size.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

VOCAB_DIR = Path(__file__).parent

# The outcome codes of the figure contract (shared/eval/README.md); every code in outcomes.toml
# must be one of these.
OUTCOME_CODES: frozenset[str] = frozenset(
    {
        "disciplined",
        "investigated",
        "misconduct_found",
        "suspended",
        "dismissed",
        "resigned_or_retired",
        "final_written_warning",
        "written_warning",
        "warning",
        "verbal_warning",
        "words_of_advice",
        "management_advice",
        "reprimand",
        "formal_misconduct",
        "no_further_action",
        "training",
    }
)
STAFF_GROUPS: frozenset[str] = frozenset({"staff", "all", "police_officers", "police_staff", "other"})
QUALIFIERS: frozenset[str] = frozenset({"exact", "more_than", "at_least", "about", "up_to"})
TOPICS: frozenset[str] = frozenset({"social_media", "internet_email", "it_security", "other"})


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed TOML file `name` (without extension) from the vocabulary directory."""
    with open(VOCAB_DIR / f"{name}.toml", "rb") as fh:
        return tomllib.load(fh)


_GAPS = re.compile(r"[\s\-‐‑–]+")


def normalise_phrase(phrase: str) -> str:
    """The form phrases are compared in: case-folded, hyphens and whitespace runs as one space."""
    return _GAPS.sub(" ", phrase.casefold()).strip()


_GAP = r"[\s\-‐‑–]+"


def _trie_regex(node: dict) -> str:
    """A regex matching the phrases stored in a character trie, sharing their prefixes.

    Python's `re` tries the alternatives of a flat alternation one by one at every position;
    a trie alternation branches on the next character instead, so matching a sentence against
    a vocabulary costs about the same whatever the vocabulary's size.
    """
    ends = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        if ch == " ":
            piece = _GAP
        elif ch == "'":
            piece = "['’]"
        else:
            piece = re.escape(ch)
        branches.append(piece + _trie_regex(node[ch]))
    if not branches:
        return node[""]
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        # the longest phrase wins: try to continue first, else end here
        return f"(?:{body}|{node['']})"
    return body


def literal_trie_pattern(words: Iterable[str]) -> str:
    """A regex alternation of literal words factored as a character trie, the longest word first
    ("seventeen|seven"): Python's `re` tries every branch of a plain alternation at each position,
    a trie only the branches that share the letters read so far. No anchors or flags: callers add
    the word boundaries and case handling they need."""
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)


def _phrase_trie(phrases: Iterable[str]) -> dict:
    trie: dict = {}
    for phrase in {normalise_phrase(p) for p in phrases}:
        if not phrase:
            continue
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = r"(?!\w)" if phrase[-1].isalnum() else ""
    return trie


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """One case-insensitive pattern matching any phrase as whole words, the longest phrase first.

    A space in a phrase matches any run of whitespace or hyphens, so "re-united" and "re united"
    both match the phrase "re united"; straight and curly apostrophes are interchangeable.
    """
    trie = _phrase_trie(phrases)
    if not trie:
        return re.compile(r"(?!x)x")
    word_start = {k: v for k, v in trie.items() if k.isalnum()}
    other_start = {k: v for k, v in trie.items() if not k.isalnum()}
    parts = []
    if word_start:
        parts.append(r"(?<!\w)" + _trie_regex(word_start))
    if other_start:
        parts.append(_trie_regex(other_start))
    return re.compile("|".join(parts), re.IGNORECASE)


def lower_text(text: str) -> str:
    """`text` in lower case with every character at its offset (str.lower can lengthen a few)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


_NON_WORD = re.compile(r"\W")


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what `\w` matches in a str pattern


# every byte that is not an ASCII letter, digit or underscore (the ASCII word characters) becomes a space
_ASCII_SEPARATORS = bytes(c if chr(c).isalnum() or chr(c) == "_" else 32 for c in range(256))


def separated_words(lowered: str) -> str:
    """`lowered` with each character other than an ASCII word character turned into a space, so that
    `.split()` gives its words. Offsets are kept. In ASCII text these are exactly the runs of word
    characters a phrase pattern's whole-word tests see; elsewhere a non-ASCII letter also parts
    words ("café" gives "caf"), so a word found may sit inside a longer one (see
    PhraseMatcher.occurs), but a word the patterns see whole is always found."""
    return lowered.encode("ascii", "replace").translate(_ASCII_SEPARATORS).decode("ascii")


class PhraseMatcher:
    """Finds a phrase list's phrases in lower-cased text, as `phrase_pattern` does in any case.

    Python's `re` scans case-insensitive patterns and patterns that open with a look-behind one
    position at a time; a case-sensitive trie over lower-cased text lets it jump between
    candidate first letters, three to five times faster. The whole-word test at the start of a
    match is made here instead of in the pattern.
    """

    def __init__(self, phrases: Iterable[str]) -> None:
        phrases = list(phrases)
        trie = _phrase_trie(phrases)
        self.pattern = re.compile(_trie_regex(trie) if trie else r"(?!x)x")
        # each phrase's words, by first word: a phrase can only occur where all its words do
        self._rest_by_first: dict[str, list[frozenset[str]]] = {}
        self.gated = True
        for phrase in {normalise_phrase(p) for p in phrases}:
            words = separated_words(phrase).split()
            if not words or not phrase.isascii():
                self.gated = False  # a phrase that is not made of words: always search
                continue
            self._rest_by_first.setdefault(words[0], []).append(frozenset(words[1:]))
        self._firsts = frozenset(self._rest_by_first)

    def occurs(self, words: set[str], ascii_text: bool = True) -> bool | None:
        """Whether a phrase occurs in a text whose words (see `separated_words`) are `words`: True
        when a one-word phrase is among them (in ASCII text; elsewhere it may be part of a longer
        word, so only a search can tell), False when no phrase has all its words there (a phrase
        needs each of its words whole), None when only a search can tell."""
        if not self.gated:
            return None
        maybe = False
        for first in self._firsts.intersection(words):
            for rest in self._rest_by_first[first]:
                if not rest and ascii_text:
                    return True
                maybe = maybe or rest <= words
        return None if maybe else False

    def finditer(self, lowered: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        """Each phrase in lowered[pos:endpos] (a `lower_text`), leftmost first, none overlapping."""
        end = len(lowered) if endpos is None else endpos
        search = self.pattern.search
        while pos <= end:
            m = search(lowered, pos, end)
            if m is None:
                return
            s = m.start()
            if s and _is_word(lowered[s]) and _is_word(lowered[s - 1]):
                # inside a word ("ten" in "often"): no phrase starts before the word ends
                w = _NON_WORD.search(lowered, s, end)
                if w is None:
                    return
                pos = w.start()
                continue
            yield m
            pos = m.end() if m.end() > s else s + 1

    def search(self, lowered: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """The first phrase in lowered[pos:endpos], or None."""
        return next(self.finditer(lowered, pos, endpos), None)


_SPELLINGS_KEPT = 4096


@dataclass(frozen=True)
class PhraseTable:
    """A vocabulary as one compiled pattern plus the value each normalised phrase stands for.

    `pattern` matches in text of any case; `finditer` and `search` take the faster route
    through lower-cased text (see PhraseMatcher) and give the same matches.
    """

    pattern: re.Pattern[str]
    values: dict[str, str]
    matcher: PhraseMatcher
    # each spelling as matched -> its value: the same few spellings recur in every document, and
    # normalising one costs more than the dict look-up that replaces it
    _by_spelling: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def value(self, matched: str) -> str:
        """The value of a phrase as it matched in the text."""
        found = self._by_spelling.get(matched)
        if found is None:
            found = self.values[normalise_phrase(matched.replace("’", "'"))]
            if len(self._by_spelling) < _SPELLINGS_KEPT:  # odd spacings are endless: keep memory bounded
                self._by_spelling[matched] = found
        return found

    def finditer(
        self, text: str, pos: int = 0, endpos: int | None = None, lowered: str | None = None
    ) -> Iterator[tuple[int, int, str]]:
        """(start, end, value) for each phrase in text[pos:endpos]; pass `lower_text(text)` as
        `lowered` when you have it."""
        low = lower_text(text) if lowered is None else lowered
        for m in self.matcher.finditer(low, pos, endpos):
            yield m.start(), m.end(), self.value(m.group())

    def search(self, text: str, lowered: str | None = None) -> bool:
        """Whether any phrase occurs in `text`."""
        return self.matcher.search(lower_text(text) if lowered is None else lowered) is not None


def _table(pairs: Iterable[tuple[str, str]]) -> PhraseTable:
    values: dict[str, str] = {}
    for phrase, value in pairs:
        values[normalise_phrase(phrase)] = value
    return PhraseTable(phrase_pattern(values), values, PhraseMatcher(values))


@cache
def outcome_table() -> PhraseTable:
    """Outcome phrases ("sacked", "final written warning") to outcome codes."""
    codes = load("outcomes")["codes"]
    return _table((p, code) for code, entry in codes.items() for p in entry["phrases"])


@cache
def counted_nouns() -> dict[str, str]:
    """Nouns counted instead of people ("three cases") and the outcome code such a count takes."""
    return dict(load("outcomes")["counted_nouns"])


@cache
def counted_nouns_describing() -> tuple[str, ...]:
    """Words after counted nouns that describe cases already counted ("two cases involved Twitter")."""
    return tuple(load("outcomes")["counted_nouns_describing"]["verbs"])


@cache
def counterfactual_happened() -> tuple[str, ...]:
    """Words before an outcome that happened though negated ("had they not resigned")."""
    return tuple(load("outcomes")["counterfactual"]["happened_after"])


@cache
def counterfactual_before() -> tuple[str, ...]:
    """Words before an outcome that did not happen ("would have been sacked had they not resigned")."""
    return tuple(load("outcomes")["counterfactual"]["before"])


@cache
def counted_noun_matcher() -> PhraseMatcher:
    """Finds the counted nouns of `counted_nouns` in a text."""
    return PhraseMatcher(list(counted_nouns()))


@cache
def not_outcome_matcher() -> PhraseMatcher:
    """Phrases that look like outcomes but have no contract code ("demoted", "struck off")."""
    return PhraseMatcher(load("outcomes")["not_outcomes"]["phrases"])


@cache
def staff_group_table() -> PhraseTable:
    """Staff-group nouns ("civil servants", "PCSOs") to staff groups."""
    groups = load("staff_groups")["groups"]
    return _table((n, group) for group, entry in groups.items() for n in entry["nouns"])


@cache
def staff_conjunctions() -> frozenset[str]:
    """Words joining an officer noun and a staff noun into the whole force ("officers and support staff")."""
    return frozenset(normalise_phrase(w) for w in load("staff_groups")["conjunctions"])


@cache
def general_staff_nouns() -> frozenset[str]:
    """Nouns that name a workforce without saying which part (see staff_groups.toml)."""
    groups = load("staff_groups")["groups"]
    return frozenset(
        normalise_phrase(n) for entry in groups.values() if entry.get("general") for n in entry["nouns"]
    )


@cache
def platform_table() -> PhraseTable:
    """Platform spellings ("Friends Re-united", "tweets") to platform names ("Friends Reunited")."""
    platforms = load("platforms")["platforms"]
    return _table((s, name) for name, spellings in platforms.items() for s in spellings)


@dataclass(frozen=True)
class QualifierSense:
    """What a qualifier phrase means: its qualifier, and whether it excludes its number."""

    qualifier: str
    strict: bool


@cache
def qualifier_table() -> tuple[PhraseTable, dict[str, QualifierSense]]:
    """Qualifier phrases to a key, and each key's QualifierSense."""
    data = load("qualifiers")["qualifiers"]
    senses = {
        key: QualifierSense(entry.get("qualifier", key), bool(entry.get("strict", False)))
        for key, entry in data.items()
    }
    return _table((p, key) for key, entry in data.items() for p in entry["phrases"]), senses


@cache
def suppression_ceiling() -> int:
    """The largest number a strict upper bound ("fewer than N") is read as FOI suppression for."""
    return int(load("qualifiers")["suppression_ceiling"])


@cache
def number_words() -> tuple[str, ...]:
    """Words a spelled-out number is made of."""
    return tuple(load("numbers")["number_words"])


@cache
def number_phrases() -> dict[str, int]:
    """Phrases that stand for a number on their own ("a dozen": 12)."""
    return {normalise_phrase(k): int(v) for k, v in load("numbers")["number_phrases"].items()}


@cache
def singular_leads() -> tuple[str, ...]:
    """Articles that count one person before a singular staff noun ("a Dorset officer")."""
    return tuple(load("numbers")["singular_leads"])


@cache
def one_more_verbs() -> tuple[str, ...]:
    """Verbs after which "another" alone is one more person ("and another was disciplined")."""
    return tuple(load("numbers")["one_more_verbs"])


@cache
def named_not_after() -> tuple[str, ...]:
    """Words after which a person named by rank is an object, not the one counted ("against")."""
    return tuple(load("numbers")["named_not_after"])


@cache
def named_ranks() -> tuple[str, ...]:
    """Ranks and titles written before a person's name ("PC", "ACFO"): the person counts one."""
    return tuple(load("numbers")["named_ranks"])


@cache
def singular_not_after() -> tuple[str, ...]:
    """Words after which "a <staff noun>" is an object, not a person counted ("against an officer")."""
    return tuple(load("numbers")["singular_not_after"])


@cache
def one_more_phrases() -> tuple[str, ...]:
    """Phrases that count one person before a singular staff noun ("a further officer")."""
    return tuple(load("numbers")["one_more"])


@cache
def not_count_contexts() -> dict[str, tuple[str, ...]]:
    """Units after, words before, and idioms after "one" that make a number not a count."""
    return {key: tuple(values) for key, values in load("numbers")["not_counts"].items()}


@cache
def topic_table() -> PhraseTable:
    """Topic cues ("IT security", "email") to topics; social-media cues map to "social_media"."""
    data = load("topics")
    pairs = [(c, topic) for topic, entry in data["topics"].items() for c in entry["cues"]]
    pairs += [(c, "social_media") for c in data["social_media"]["cues"]]
    return _table(pairs)


@cache
def conduct_patterns() -> tuple[re.Pattern[str], ...]:
    """Regular expressions whose `conduct` group is a short statement of the misuse."""
    return tuple(re.compile(p) for p in load("conduct")["patterns"])


@cache
def conduct_keywords() -> tuple[str, ...]:
    """Words one of which every conduct pattern needs (a cheap test before the patterns)."""
    return tuple(dict.fromkeys(k.lower() for k in load("conduct")["keywords"]))


@cache
def conduct_pattern(which: frozenset[int] | None = None) -> re.Pattern[str]:
    """The conduct patterns (all, or those numbered in `which`) in one alternation, group
    `conduct<i>` for pattern i, for one scan."""
    patterns = load("conduct")["patterns"]
    parts = [
        p.replace("(?P<conduct>", f"(?P<conduct{i}>", 1)
        for i, p in enumerate(patterns)
        if which is None or i in which
    ]
    return re.compile("|".join(f"(?:{p})" for p in parts) or r"(?!x)x")


@cache
def conduct_pattern_keywords() -> tuple[tuple[str, tuple[int, ...]], ...]:
    """(keyword, numbers of the conduct patterns written with it): a pattern can only match text
    holding one of its own keywords, so a text runs only the patterns whose keywords it holds."""
    patterns = [p.lower() for p in load("conduct")["patterns"]]
    return tuple((k, tuple(i for i, p in enumerate(patterns) if k in p)) for k in conduct_keywords())


__all__ = [
    "OUTCOME_CODES",
    "PhraseMatcher",
    "PhraseTable",
    "abbreviations",
    "named_not_after",
    "named_ranks",
    "staff_conjunctions",
    "QUALIFIERS",
    "QualifierSense",
    "STAFF_GROUPS",
    "TOPICS",
    "context_matcher",
    "context_pattern",
    "conduct_keywords",
    "conduct_pattern",
    "conduct_pattern_keywords",
    "conduct_patterns",
    "general_staff_nouns",
    "load",
    "lower_text",
    "normalise_phrase",
    "not_count_contexts",
    "number_phrases",
    "one_more_phrases",
    "one_more_verbs",
    "number_words",
    "not_outcome_matcher",
    "outcome_table",
    "phrase_pattern",
    "separated_words",
    "platform_table",
    "qualifier_table",
    "staff_group_table",
    "suppression_ceiling",
    "topic_table",
]


@cache
def context_pattern(name: str) -> re.Pattern[str]:
    """The phrases of one list in context.toml (in_passing, many_bodies, cases, breakdown) as one pattern."""
    return phrase_pattern(load("context")[name])


@cache
def context_matcher(name: str) -> PhraseMatcher:
    """`context_pattern(name)` as a PhraseMatcher, for lower-cased text."""
    return PhraseMatcher(load("context")[name])


@cache
def abbreviations() -> frozenset[str]:
    """Words after which a full stop does not end a sentence (lower case, no full stop)."""
    return frozenset(a.casefold() for a in load("abbreviations")["abbreviations"])
