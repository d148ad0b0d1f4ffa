"""Generic references ("the force", "the council") and the kinds of body each can stand for (data)."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources


@cache
def _references() -> dict[str, frozenset[str]]:
    data = tomllib.loads(resources.files(__package__).joinpath("data/references.toml").read_text("utf-8"))
    return {word: frozenset(kinds) for word, kinds in data["references"].items()}


def kind_of_reference(word: str) -> set[str]:
    """The kinds of body a generic noun can refer to: "force" -> {"police_force"}; empty if not generic."""
    return set(_references().get(word.strip().lower().removeprefix("the ").strip(), frozenset()))


def reference_words() -> list[str]:
    """Every generic noun the register knows, for the extractor's pattern building."""
    return sorted(_references())
