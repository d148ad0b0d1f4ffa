"""Citations: where a document says its story came from ("the Guardian reported", "this article was
originally published at Kable", "X have covered our research")."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from disclosed.model import Citation, Document
from disclosed.stories.phrases import citation_patterns, known_outlets

_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?]\s|\n")


def outlet_key(name: str) -> str:
    """The form outlet names are compared on: lower case, no leading "the", spaces folded."""
    return " ".join(_LEADING_THE.sub("", name).lower().replace("’", "'").split())


def same_outlet(a: str, b: str) -> bool:
    """Two spellings of one outlet: equal, one a prefix of the other ("International Data Group
    (IDG) News" and the same with "Service"), or a typo apart ("Charted"/"Chartered")."""
    if a == b:
        return True
    if not a or not b:
        return False
    return a.startswith(b) or b.startswith(a) or fuzz.ratio(a, b) >= 92


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    m = _SENTENCE_END.search(text, end)
    right = m.start() + 1 if m and text[m.start()] in ".!?" else (m.start() if m else len(text))
    return left, right


def find_citations(doc: Document) -> list[Citation]:
    """Every outlet the document republishes or cites, in text order, one citation per outlet and
    relation. A bare "the original article can be found here" takes the name of the outlet the
    document says it republishes, if it names one."""
    text = doc.text
    found: list[tuple[int, int, str | None, str]] = []
    lower = text.lower()
    for pattern in citation_patterns():
        if not any(t in lower for t in pattern.triggers):
            continue
        for m in pattern.regex.finditer(text):
            outlet = m.groupdict().get("outlet")
            if outlet is not None:
                outlet = _LEADING_THE.sub("", outlet).strip(" .,'’")
                if not outlet or (pattern.known_outlet and outlet_key(outlet) not in known_outlets()):
                    continue
            found.append((m.start(), m.end(), outlet, pattern.relation))
    found.sort(key=lambda f: f[0])
    named_republished = [o for _, _, o, r in found if o and r == "republishes"]
    out: list[Citation] = []
    seen: list[tuple[str, str]] = []
    for start, end, outlet, relation in found:
        if outlet is None and named_republished:
            outlet = named_republished[0]
        key = (relation, outlet_key(outlet) if outlet else "")
        # one citation per outlet: "International Data Group (IDG) News" and the same name with
        # "Service" after it are one outlet
        if any(r == key[0] and same_outlet(k, key[1]) for r, k in seen):
            continue
        seen.append(key)
        s, e = _sentence_around(text, start, end)
        out.append(
            Citation(
                document=doc.name,
                outlet=outlet,
                relation=relation,  # type: ignore[arg-type]
                evidence=" ".join(text[s:e].split()),
                evidence_start=s,
                evidence_end=e,
            )
        )
    return out
