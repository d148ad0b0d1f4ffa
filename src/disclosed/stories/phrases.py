"""Loads stories/phrases.toml once: boilerplate lines, citation patterns and known outlet names."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PHRASES_FILE = Path(__file__).with_name("phrases.toml")

# A capitalised name: words starting with a capital (or a bracketed acronym), joined by spaces and
# the small words names contain. Case-sensitive even inside an otherwise case-insensitive pattern.
OUTLET_NAME = (
    r"(?P<outlet>(?-i:(?:[Tt]he[ \t]+)?[A-Z][\w&'’.-]*"
    r"(?:[ \t]+(?:(?:of|and|for|on|&)[ \t]+)?(?:[A-Z][\w&'’.-]*|\([A-Z][\w&.-]*\)))*))"
)


@dataclass(frozen=True)
class CitationPattern:
    relation: str
    regex: re.Pattern[str]
    known_outlet: bool
    triggers: tuple[str, ...]


@cache
def _data() -> dict:
    with PHRASES_FILE.open("rb") as f:
        return tomllib.load(f)


@cache
def boilerplate_phrases() -> tuple[str, ...]:
    return tuple(p.lower() for p in _data()["boilerplate"]["lines"])


@cache
def citation_patterns() -> tuple[CitationPattern, ...]:
    out = []
    for entry in _data()["citation"]:
        source = entry["pattern"].replace("{outlet}", OUTLET_NAME)
        out.append(
            CitationPattern(
                relation=entry["relation"],
                regex=re.compile(source, re.IGNORECASE),
                known_outlet=bool(entry.get("known_outlet", False)),
                triggers=tuple(entry["trigger"]),
            )
        )
    return tuple(out)


@cache
def known_outlets() -> frozenset[str]:
    return frozenset(n.lower() for n in _data()["outlets"]["names"])
