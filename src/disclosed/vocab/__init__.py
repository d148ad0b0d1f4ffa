"""The extractor's vocabularies, loaded once from the TOML files beside this module.

Each file holds one vocabulary as data: outcomes.toml (outcome codes and their phrases),
staff_groups.toml, platforms.toml, qualifiers.toml, numbers.toml, topics.toml and conduct.toml.
`phrase_pattern` compiles a phrase list into one regular-expression alternation, so matching a
sentence against a whole vocabulary is a single scan whatever the vocabulary's size.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
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


def normalise_phrase(phrase: str) -> str:
    """The form phrases are compared in: case-folded, hyphens and whitespace runs as one space."""
    return re.sub(r"[\s\-‐‑–]+", " ", phrase.casefold()).strip()


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


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """One case-insensitive pattern matching any phrase as whole words, the longest phrase first.

    A space in a phrase matches any run of whitespace or hyphens, so "re-united" and "re united"
    both match the phrase "re united"; straight and curly apostrophes are interchangeable.
    """
    trie: dict = {}
    for phrase in {normalise_phrase(p) for p in phrases}:
        if not phrase:
            continue
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = r"(?!\w)" if phrase[-1].isalnum() else ""
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


@dataclass(frozen=True)
class PhraseTable:
    """A vocabulary as one compiled pattern plus the value each normalised phrase stands for."""

    pattern: re.Pattern[str]
    values: dict[str, str]

    def value(self, matched: str) -> str:
        """The value of a phrase as it matched in the text."""
        return self.values[normalise_phrase(matched.replace("’", "'"))]

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        """(start, end, value) for each phrase in text[pos:endpos]."""
        end = len(text) if endpos is None else endpos
        for m in self.pattern.finditer(text, pos, end):
            yield m.start(), m.end(), self.value(m.group())


def _table(pairs: Iterable[tuple[str, str]]) -> PhraseTable:
    values: dict[str, str] = {}
    for phrase, value in pairs:
        values[normalise_phrase(phrase)] = value
    return PhraseTable(phrase_pattern(values), values)


@cache
def outcome_table() -> PhraseTable:
    """Outcome phrases ("sacked", "final written warning") to outcome codes."""
    codes = load("outcomes")["codes"]
    return _table((p, code) for code, entry in codes.items() for p in entry["phrases"])


@cache
def staff_group_table() -> PhraseTable:
    """Staff-group nouns ("civil servants", "PCSOs") to staff groups."""
    groups = load("staff_groups")["groups"]
    return _table((n, group) for group, entry in groups.items() for n in entry["nouns"])


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
def conduct_pattern() -> re.Pattern[str]:
    """All conduct patterns in one alternation (group `conduct<i>` for pattern i), for one scan."""
    patterns = load("conduct")["patterns"]
    parts = [p.replace("(?P<conduct>", f"(?P<conduct{i}>", 1) for i, p in enumerate(patterns)]
    return re.compile("|".join(f"(?:{p})" for p in parts))


__all__ = [
    "OUTCOME_CODES",
    "PhraseTable",
    "abbreviations",
    "QUALIFIERS",
    "QualifierSense",
    "STAFF_GROUPS",
    "TOPICS",
    "context_pattern",
    "conduct_keywords",
    "conduct_pattern",
    "conduct_patterns",
    "general_staff_nouns",
    "load",
    "normalise_phrase",
    "not_count_contexts",
    "number_phrases",
    "one_more_phrases",
    "number_words",
    "outcome_table",
    "phrase_pattern",
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
def abbreviations() -> frozenset[str]:
    """Words after which a full stop does not end a sentence (lower case, no full stop)."""
    return frozenset(a.casefold() for a in load("abbreviations")["abbreviations"])
