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


@cache
def request_headings() -> tuple[frozenset[str], frozenset[str], re.Pattern[str]]:
    """Headings that start a quoted request, headings that end it, and the wording that asks."""
    data = _data()["request"]
    asks = re.compile("|".join(f"(?:{a})" for a in data["asks"]), re.IGNORECASE)
    return frozenset(data["starts"]), frozenset(data["ends"]), asks


@cache
def background_cues() -> re.Pattern[str]:
    """Wording marking a figure as stated in passing (see [background] in phrases.toml)."""
    cues = sorted(_data()["background"]["cues"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")\b", re.IGNORECASE)


@cache
def unlinking_bodies() -> frozenset[str]:
    """Registered bodies that being named by two documents does not make them one story."""
    return frozenset(_data()["same_body"]["ignore"])
