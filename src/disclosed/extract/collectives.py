"""Totals over many bodies together: which kind of body and which area, and the label they get.

"312 officers across the 40 forces that replied" is a figure of its own (shared/eval/README.md):
its organisation is the kind of body in the plural with the area the text gives ("Police forces
in England and Wales", "Councils in Wales"), or the kind alone where no area is given.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, cached_property

from disclosed.extract.organisations import kind_cue_pattern
from disclosed.vocab import literal_trie_pattern, load

# the staff groups that say the kind of body by themselves
_KIND_OF_GROUP = {"police_officers": "police_force", "police_staff": "police_force"}


@cache
def _areas() -> tuple[re.Pattern[str], dict[str, str]]:
    areas: dict[str, str] = load("bodies")["areas"]
    return re.compile(rf"(?<![\w-])(?:{literal_trie_pattern(areas)})(?![\w])"), areas


@cache
def _labels() -> dict[str, str]:
    return dict(load("bodies")["collective_labels"])


@cache
def _across() -> re.Pattern[str]:
    # "Across North Wales, ...", "throughout Scotland": a count over an area's bodies
    return re.compile(
        rf"\b(?:[Aa]cross|[Tt]hroughout|[Nn]ationwide\s+in)\s+(?:the\s+)?(?:{literal_trie_pattern(_areas()[1])})\b"
    )


def speaks_across_area(text: str) -> bool:
    """Whether a sentence counts over an area's bodies ("Across North Wales, seven were sacked")."""
    return _across().search(text) is not None


@dataclass
class Collectives:
    """A document's kinds of body and areas, read once, for labelling its collective totals."""

    text: str
    title: str | None = None
    # spans of the bodies the text names: a place naming a body ("a North Wales officer") is no area
    bodies: list[tuple[int, int]] = field(default_factory=list)

    def _free(self, m: re.Match[str], offset: int = 0) -> bool:
        a, b = m.start() + offset, m.end() + offset
        return not any(s < b and a < e for s, e in self.bodies)

    @cached_property
    def _kind_counts(self) -> Counter[str]:
        pattern, kind_of = kind_cue_pattern()
        return Counter(kind_of[m.group().lower()] for m in pattern.finditer(self.text))

    @cached_property
    def _document_area(self) -> str | None:
        pattern, areas = _areas()
        cues, _ = kind_cue_pattern()
        for where, offset in ((self.title or "", None), (self.text, 0)):
            found = [m for m in pattern.finditer(where) if offset is None or self._free(m, offset)]
            # an area said of bodies ("England and Wales's 43 forces", "Welsh councils") first
            near = [m for m in found if cues.search(where, max(0, m.start() - 40), m.end() + 40)]
            for m in near or found:
                return areas[m.group()]
        return None

    def kind_near(self, start: int, end: int, staff_group: str | None) -> str | None:
        """The kind of body a count in text[start:end] speaks of: its staff group's, the sentence's
        kind words', else the kind the document speaks of most."""
        if staff_group in _KIND_OF_GROUP:
            return _KIND_OF_GROUP[staff_group]
        pattern, kind_of = kind_cue_pattern()
        local = Counter(kind_of[m.group().lower()] for m in pattern.finditer(self.text, start, end))
        for counts in (local, self._kind_counts):
            if counts:
                top = counts.most_common(1)[0][0]
                # a kind with no collective label (the armed forces) is no collective of another kind
                return top if top in _labels() else None
        return None

    def label(self, start: int, end: int, staff_group: str | None) -> tuple[str, str] | None:
        """(label, kind) of a total over many bodies stated in text[start:end], or None."""
        kind = self.kind_near(start, end, staff_group)
        if kind is None:
            return None
        pattern, areas = _areas()
        found = [m for m in pattern.finditer(self.text, start, end) if self._free(m)]
        area = areas[found[0].group()] if found else self._document_area
        name = _labels()[kind]
        return (f"{name} in {area}" if area else name), kind


__all__ = ["Collectives", "speaks_across_area"]
