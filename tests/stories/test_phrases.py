"""The phrase data in stories/phrases.toml: well formed, no duplicates, every pattern usable."""

from __future__ import annotations

import tomllib

from disclosed.stories.phrases import (
    PHRASES_FILE,
    boilerplate_phrases,
    citation_patterns,
    known_outlets,
)


def test_citation_patterns_compile_with_known_relations() -> None:
    patterns = citation_patterns()
    assert patterns
    assert {p.relation for p in patterns} <= {"republishes", "cites"}
    for p in patterns:
        assert p.triggers and all(t == t.lower() for t in p.triggers)
        if p.known_outlet:  # a pattern restricted to known outlets must capture a name
            assert "outlet" in p.regex.groupindex


def test_outlet_and_boilerplate_lists_have_no_duplicates() -> None:
    data = tomllib.loads(PHRASES_FILE.read_text(encoding="utf-8"))
    names = [n.lower() for n in data["outlets"]["names"]]
    assert len(names) == len(set(names)) == len(known_outlets())
    assert all(not n.startswith("the ") for n in names)  # names are kept without a leading "the"
    lines = data["boilerplate"]["lines"]
    assert len(lines) == len(set(lines)) == len(boilerplate_phrases())
    assert all(line == line.lower() for line in lines)  # compared against lower-cased text
