"""Places the register's bodies serve, and which body a bare place name stands for by kind.

"Kent" names a place, a force, a council and a fire service alike (councils.csv never lists a bare
place as an alias for that reason). The place of a body is read from its registered names with the
endings of its kind taken off (data/places.toml); `body_at(place, kind)` gives the one body of
that kind serving the place, preferring current bodies over former ones.
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from disclosed.model import Authority


@cache
def _places_data() -> dict[str, Any]:
    return tomllib.loads(resources.files(__package__).joinpath("data/places.toml").read_text("utf-8"))


def place_of(name: str, kind: str) -> str | None:
    """The place a body's name says it serves ("Dorset Police" -> "Dorset"), or None."""
    data = _places_data()
    for ending in data["endings"].get(kind, ()):
        if name.endswith(ending):
            place = name[: -len(ending)]
            for beginning in data["beginnings"].get(kind, ()):
                place = place.removeprefix(beginning)
            return place.strip() or None
    return None


@dataclass(frozen=True)
class PlaceIndex:
    """Place name -> kind -> the body of that kind serving it."""

    bodies: dict[str, dict[str, Authority]]

    def body_at(self, place: str, kind: str) -> Authority | None:
        return self.bodies.get(place, {}).get(kind)

    def successor_began(self, official_name: str) -> int | None:
        """The year the body began, when it succeeded former bodies the register lists."""
        return _places_data()["successor_began"].get(official_name)

    def kinds_at(self, place: str) -> dict[str, Authority]:
        return self.bodies.get(place, {})

    @property
    def pattern(self) -> re.Pattern[str]:
        return _place_pattern(tuple(sorted(self.bodies)))


@cache
def _place_pattern(places: tuple[str, ...]) -> re.Pattern[str]:
    from disclosed.vocab import literal_trie_pattern

    # a capital first ("[A-Z]" lets `re` skip to capitals), then the trie of names from there
    return re.compile(rf"(?<![\w-])(?:{literal_trie_pattern(places)})(?![\w-])")


def build_place_index(authorities: list[Authority]) -> PlaceIndex:
    """The places of every body of a placed kind; a place two current bodies of one kind share is left out."""
    stop = set(_places_data()["stop"]["places"])
    found: dict[str, dict[str, list[Authority]]] = defaultdict(lambda: defaultdict(list))
    for a in authorities:
        for name in (a.official_name, *a.aliases):
            place = place_of(name, a.kind)
            if place is None or place in stop or not place[0].isupper() or len(place) < 3:
                continue
            if a.kind == "police_force" and a.tier not in ("territorial", "former"):
                continue  # the special forces (BTP, MDP, CNC) serve no place
            if a not in found[place][a.kind]:
                found[place][a.kind].append(a)
    bodies: dict[str, dict[str, Authority]] = {}
    for place, by_kind in found.items():
        for kind, options in by_kind.items():
            current = [a for a in options if a.tier != "former"] or options
            if len(current) == 1:
                bodies.setdefault(place, {})[kind] = current[0]
    return PlaceIndex(bodies)


__all__ = ["PlaceIndex", "build_place_index", "place_of"]
