"""Organisations in context: every body a document names, and which body a sentence is about.

`OrgContext` is built once per document. It holds the explicit mentions (from the authority
register, plus capitalised names with a public-body head word that the register doesn't know,
kept under the name the text gives), and resolves generic references ("the force", "the
department's") to the latest named body of a matching kind. `organisation_at` answers "which
body does this span of text speak about", falling back to the document's current body. Other
extractors (policies, statements) reuse it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from disclosed.errors import DisclosedError


@dataclass(frozen=True, slots=True)
class OrgMention:
    """A body named or referred to in the document text: `text` is document_text[start:end]."""

    start: int
    end: int
    text: str
    name: str  # the official name when the register knows the body, else the name as written
    kind: str | None  # the register's kind ("police_force", "ministerial_department"...), or a guess
    registered: bool
    reference: bool = False  # "the force", "the department": resolved from context
    via: str | None = None  # how the name was found when not as written: "place name + officers"


# Capitalised names the register may not know, recognised by their head word.
_CAP = r"(?:[A-Z][\w'’&.-]*)"
_SP = r"[ \t]+"
_UNREGISTERED = re.compile(
    rf"\b(?:(?:Department|Ministry|Office){_SP}(?:for|of){_SP}(?:the{_SP})?{_CAP}(?:{_SP}(?:and|&|for|of){_SP}{_CAP}|{_SP}{_CAP}){{0,4}}"
    rf"|(?:{_CAP}{_SP}){{1,4}}(?:Police(?:{_SP}Service)?|Constabulary|(?:City{_SP}|County{_SP}|Borough{_SP}|District{_SP})?Council"
    rf"|(?:NHS{_SP})?(?:Foundation{_SP})?Trust|Health{_SP}Board|Fire{_SP}and{_SP}Rescue{_SP}Service|Fire{_SP}Service"
    rf"|Agency|Executive|Commission|Authority|School|Academy)"
    rf"|Home{_SP}Office|Cabinet{_SP}Office|Foreign{_SP}Office|Scotland{_SP}Yard|HMRC|DWP|MoJ|MoD|DfT|DfE"
    rf"|Cyngor{_SP}(?:(?:Sir|Dinas|Bwrdeistref{_SP}Sirol){_SP})?{_CAP}(?:{_SP}{_CAP})?)\b"
)
# The same names, found faster: every name starts with a capital letter at a word start, and a
# pattern that opens with a character class lets `re` jump from capital to capital instead of
# trying each position; the name itself is read by a lookahead from that capital (group "name").
_UNREGISTERED_AT_CAPITAL = re.compile(r"[A-Z](?<!\w.)(?<=(?=(?P<name>" + _UNREGISTERED.pattern + r")).)")


def _unregistered_names(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each match of _UNREGISTERED in `text`, exactly as its finditer gives them."""
    resume = 0
    for m in _UNREGISTERED_AT_CAPITAL.finditer(text):
        if m.start() < resume:
            continue  # a capital inside the name just found: finditer would resume after the name
        resume = m.end("name")
        yield m.start(), resume


_SPEAKS_AFTER = re.compile(
    r"['’]?s?\s+(?:has\s+|have\s+|had\s+)?(?:said|says|confirmed|revealed|disclosed|released|admitted|told|"
    r"stated|responded|replied|explained|added)\b"
)
_SPEAKS_BEFORE = re.compile(
    r"(?:according\s+to|figures\s+from|data\s+from|response\s+from)\s+(?:the\s+)?$", re.I
)
_STOP_LEAD = {
    "The",
    "A",
    "An",
    "In",
    "At",
    "By",
    "From",
    "For",
    "Of",
    "And",
    "But",
    "This",
    "That",
    "Its",
    "Their",
}
_KIND_BY_HEAD = [
    (re.compile(r"\b(?:Police|Constabulary|Scotland Yard)\b"), "police_force"),
    (re.compile(r"\b(?:Council|Cyngor)\b"), "council"),
    (re.compile(r"\bHealth Board\b"), "health_board"),
    (re.compile(r"\bTrust\b"), "nhs_trust"),
    (re.compile(r"\bFire\b"), "fire_and_rescue"),
    (re.compile(r"\b(?:Agency|Executive|Commission|Authority)$"), "other_public_body"),
    (re.compile(r"\b(?:School|Academy)$"), "school"),
    (
        re.compile(r"\b(?:Department|Ministry|Office)\b|^(?:DWP|MoJ|MoD|DfT|DfE|HMRC)$"),
        "ministerial_department",
    ),
]


def guess_kind(name: str) -> str | None:
    """A body's kind guessed from its head word, for names the register doesn't know."""
    for pattern, kind in _KIND_BY_HEAD:
        if pattern.search(name):
            return kind
    return None


@cache
def default_register() -> Any | None:
    """The shipped authority register, or None when it can't be loaded (the extractor still runs)."""
    try:
        from disclosed.authorities import get_register

        register = get_register()
    except (ImportError, DisclosedError, OSError):
        return None
    return register if len(register) else None


def _kind_of_reference(word: str) -> set[str]:
    try:
        from disclosed.authorities import kind_of_reference
    except ImportError:
        return set()
    return kind_of_reference(word)


@cache
def _reference_pattern() -> re.Pattern[str]:
    try:
        from disclosed.authorities import reference_words

        words = reference_words()
    except ImportError:
        words = ["force", "department", "council", "ministry", "trust", "service", "constabulary"]
    alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    # "[Tt]h" first, the word-start test after it: `re` then skips fast to each "t" (same matches
    # as a leading \b)
    return re.compile(rf"[Tt]h(?<!\w[Tt]h)(?:e|is|at)\s+(?P<word>{alternation})(?:['’]s)?\b")


_WELSH_COUNCIL = re.compile(r"^Cyngor\s+(?:(?:Sir|Dinas|Bwrdeistref\s+Sirol)\s+)?(?P<place>.+)$")


def _resolve_name(register: Any | None, written: str) -> tuple[str, str | None, bool, str | None]:
    """(name, kind, registered, via) for a name the register's mention finder did not catch; `via`
    says so when the register knows the body only by a near match of the name as written."""
    if register is not None:
        candidates = [written]
        if re.search(r"\bof\b", written):
            candidates.append(re.sub(r"\b(Department) of\b", r"\1 for", written))
        if re.search(r"\bfor\b", written):
            candidates.append(re.sub(r"\b(Department) for\b", r"\1 of", written))
        welsh = _WELSH_COUNCIL.match(written)
        if welsh:  # "Cyngor Gwynedd" is Gwynedd Council, "Cyngor Sir Ceredigion" a county council
            candidates += [f"{welsh.group('place')} Council", f"{welsh.group('place')} County Council"]
        for candidate in candidates:
            authority = register.resolve(candidate)
            if authority is not None:
                near = getattr(register, "is_near_match", None)
                via = f"near match to {authority.official_name}" if near and near(candidate) else None
                return authority.official_name, authority.kind, True, via
    return written, guess_kind(written), False, None


def _headline_words(name: str) -> bool:
    """Whether a capitalised name holds words no body's name has ("Against", "Over", "Facebook")."""
    from disclosed.vocab import platform_table

    if set(name.split()) & _bodies_vocab_set("headline_words"):
        return True
    return any(True for _ in platform_table().finditer(name))


@cache
def _bodies_vocab_set(key: str) -> frozenset[str]:
    return frozenset(_bodies_vocab()[key])


@cache
def _reference_idiom() -> re.Pattern[str]:
    from disclosed.vocab import literal_trie_pattern

    words = literal_trie_pattern(_bodies_vocab()["reference_idioms_before"])
    return re.compile(rf"\b(?:{words})\s+$", re.IGNORECASE)


@cache
def _role_vocab() -> tuple[frozenset[str], frozenset[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    from disclosed.vocab import literal_trie_pattern

    data = _bodies_vocab()
    outlets = frozenset(n.casefold() for n in data["outlets"])
    heads = frozenset(data["outlet_heads"])
    before = re.compile(
        rf"(?<!\w)(?:{literal_trie_pattern(data['requester_cues_before'])})\s+(?:the\s+)?$", re.IGNORECASE
    )
    after = re.compile(rf"\s*(?:{literal_trie_pattern(data['requester_cues_after'])})(?!\w)", re.IGNORECASE)
    own_staff = re.compile(
        r"['’]?s?\s+(?:own\s+)?(?:staff|employees|workers|journalists|presenters|personnel)\b"
    )
    return outlets, heads, before, after, own_staff


def _role(text: str, m: OrgMention) -> str | None:
    outlets, heads, before, after, own_staff = _role_vocab()
    if m.reference:
        return None
    words = m.text.split()
    is_outlet = (
        m.name.casefold() in outlets
        or m.text.casefold().removeprefix("the ") in outlets
        or (not m.registered and bool(words) and words[-1] in heads)
    )
    if is_outlet:
        return None if own_staff.match(text, m.end) else "outlet"
    if before.search(text, max(0, m.start - 30), m.start) or after.match(text, m.end, m.end + 30):
        return "requester"
    return None


def find_organisations(
    text: str, register: Any | None = None, published: date | None = None
) -> list[OrgMention]:
    """Every body named in `text` (not generic references), in text order, none overlapping;
    `published`, the document's date, chooses between a former body and its successor."""
    mentions: list[OrgMention] = []
    if register is not None:
        for m in register.find_mentions(text):
            a = m.authority
            mentions.append(OrgMention(m.start, m.end, m.text, a.official_name, a.kind, True))
    taken = [(m.start, m.end) for m in mentions]
    for s, e in _unregistered_names(text):
        written = text[s:e]
        first = written.split()[0]
        if first in _STOP_LEAD:
            s += len(first) + 1
            written = text[s:e].lstrip()
            s = e - len(written)
        if "\n" in written or any(s < b and a < e for a, b in taken):
            continue
        if " " not in written.strip() and not any(ch.isupper() for ch in written[1:]):
            continue  # a head word alone ("The Police Federation" less its lead and tail)
        name, kind, registered, via = _resolve_name(register, written)
        if not registered and _headline_words(written):
            continue  # a Title Case headline's words ("Facebook Complaints Against Police"), not a body
        mentions.append(OrgMention(s, e, written, name, kind, registered, via=via))
        taken.append((s, e))
    if register is not None and ("trust" in text or "hospitals" in text):
        mentions.extend(_loose_trust_names(text, register, taken))
    if register is not None and hasattr(register, "places"):
        named = {m.name for m in mentions}
        mentions.extend(_place_mentions(text, register, taken, published, named))
    mentions.sort(key=lambda m: m.start)
    return _own_abbreviations(text, mentions)


# a short form the document defines in brackets right after a body's name: "Kent Fire and Rescue
# Service (KFRS)"; two to nine letters, capitals first
_DEFINED_SHORT = re.compile(r"[ \t]*\((?P<short>[A-Z][A-Za-z&]{1,8})\)")


def _own_abbreviations(text: str, mentions: list[OrgMention]) -> list[OrgMention]:
    """The mentions with every short form the document defines for a body ("... Service (SFRS)")
    read as that body from the definition on, before any body the register knows by the same
    letters: the text's own definition wins over the register's guess."""
    defined: dict[str, tuple[int, OrgMention]] = {}
    for m in mentions:
        d = _DEFINED_SHORT.match(text, m.end)
        if (
            d is not None
            and not m.reference
            and d.group("short") != m.text
            and d.group("short") not in defined
        ):
            defined[d.group("short")] = (d.start("short"), m)
    if not defined:
        return mentions
    out: list[OrgMention] = []
    taken = []
    for m in mentions:
        hit = defined.get(m.text)
        if hit is not None and m.start >= hit[0] and m.name != hit[1].name:
            body = hit[1]
            m = OrgMention(
                m.start, m.end, m.text, body.name, body.kind, body.registered, via="the document's short form"
            )
        out.append(m)
        taken.append((m.start, m.end))
    for short, (pos, body) in defined.items():
        for f in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text[pos:]):
            a, b = pos + f.start(), pos + f.end()
            if not any(a < y and x < b for x, y in taken):
                out.append(
                    OrgMention(
                        a, b, short, body.name, body.kind, body.registered, via="the document's short form"
                    )
                )
    out.sort(key=lambda m: m.start)
    return out


# "Newcastle upon Tyne foundation trust", "Nottingham University hospitals": a trust named by its
# place and a lowercase head word, as articles do after naming it in full elsewhere
_LOOSE_TRUST = re.compile(
    r"\b(?P<words>[A-Z][\w'’-]+(?:[ \t]+(?:upon|and|of|on|[A-Z][\w'’-]+))*)[ \t]+"
    r"(?P<head>(?:NHS[ \t]+)?(?:foundation[ \t]+)?trust|hospitals(?:[ \t]+trust)?)\b"
)


def _loose_trust_names(text: str, register: Any, taken: list[tuple[int, int]]) -> list[OrgMention]:
    """Trusts named loosely: the one NHS trust whose official name starts with the words written."""
    out = []
    for m in _LOOSE_TRUST.finditer(text):
        s, e = m.start(), m.end()
        if any(s < b and a < e for a, b in taken):
            continue
        words = m.group("words")
        first = words.split()[0]
        if first in _STOP_LEAD:
            words = words[len(first) :].strip()
            s = m.start("words") + m.group("words").index(words) if words else s
        if len(words) < 4:
            continue
        key = words.casefold()
        matches = [
            a for a in register.of_kind("nhs_trust") if a.official_name.casefold().startswith(key + " ")
        ]
        if len(matches) == 1:
            a = matches[0]
            via = f"near match to {a.official_name}"
            out.append(OrgMention(s, e, text[s:e], a.official_name, a.kind, True, via=via))
            taken.append((s, e))
    return out


@cache
def _bodies_vocab() -> dict[str, Any]:
    from disclosed.vocab import load

    return load("bodies")


@cache
def kind_cue_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every word that tells the kind of body a bare place stands for, to match
    against lower-cased text."""
    from disclosed.vocab import literal_trie_pattern

    kind_of: dict[str, str] = {}
    for kind, words in _bodies_vocab()["kind_cues"].items():
        for w in words:
            kind_of.setdefault(w.lower(), kind)
    # lower-case words, matched against lower-cased text (`vocab.lower_text`): faster than IGNORECASE
    pattern = re.compile(rf"(?<!\w)(?:{literal_trie_pattern(kind_of)})(?!\w)")
    return pattern, kind_of


_CLAUSE_END = re.compile(r"[.;!?\n]")


_FORMER_BEFORE = re.compile(r"\b(?:old|former|legacy|then|defunct|now-defunct)\s+$", re.IGNORECASE)
# a place after one of these is where something is, not who acted: "an agency based in Swansea"
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|from|near|of|to|into|across|around|outside|within|based|throughout)\s+$"
)


def _place_mentions(
    text: str,
    register: Any,
    taken: list[tuple[int, int]],
    published: date | None = None,
    named: set[str] | frozenset[str] = frozenset(),
) -> list[OrgMention]:
    """Bare place names standing for a body: "a Dorset officer" (the force), "in Powys the council"
    (the council). The kind is that of the nearest kind word in the sentence ("officer",
    "council", "firefighters"), else the kind the document speaks of most."""
    index = register.places
    spans = sorted(taken)
    starts = [a for a, _ in spans]
    found = []
    for m in index.pattern.finditer(text):
        if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "_-"):
            continue  # inside a word
        i = bisect_right(starts, m.start())
        # a named body starting before the place may cover it; one starting inside it does
        if (i and spans[i - 1][1] > m.start()) or (i < len(spans) and spans[i][0] < m.end()):
            continue
        found.append((m.start(), m.end()))
    if not found:
        return []
    from disclosed.vocab import lower_text

    low = lower_text(text)
    cue_pattern, kind_of = kind_cue_pattern()
    totals: Counter[str] | None = None  # the kinds the whole document speaks of, counted if needed
    out = []
    for s, e in found:
        nxt = text[e : e + 2]
        if len(nxt) == 2 and nxt[0] == " " and nxt[1].isupper():
            continue  # part of a longer name the register does not hold ("Kent Online")
        place = text[s:e]
        kinds = index.kinds_at(place)
        # the sentence around the place: from the last clause end before it to the next after it
        lo = max((m.end() for m in _CLAUSE_END.finditer(text, max(0, s - 200), s)), default=max(0, s - 200))
        hi_m = _CLAUSE_END.search(text, e, e + 200)
        hi = hi_m.start() if hi_m else min(len(text), e + 200)
        near = [
            (min(abs(m.start() - e), abs(s - m.end())), kind_of[m.group()], text[m.start() : m.end()])
            for m in cue_pattern.finditer(low, lo, hi)
        ]
        near = [n for n in near if n[1] in kinds]
        if near:
            _, kind, cue = min(near)
            via = f"place name + {cue.lower()}"
        else:
            if totals is None:
                totals = Counter(kind_of[m.group()] for m in cue_pattern.finditer(low))
            ranked = [k for k, _ in totals.most_common() if k in kinds]
            if not ranked or _LOCATIVE_BEFORE.search(text, max(0, s - 12), s):
                continue
            kind = ranked[0]
            via = "place name + the document's kind of body"
        body = kinds[kind]
        if body.tier == "former" and body.successor and not _FORMER_BEFORE.search(text, max(0, s - 12), s):
            began = index.successor_began(body.successor)
            successor = register.by_name(body.successor)
            # the successor where the document names it or is dated after it began
            dated_after = published is not None and began is not None and published.year >= began
            if successor is not None and (dated_after or successor.official_name in named):
                body, via = successor, f"{via}; {body.official_name} succeeded by {successor.official_name}"
        out.append(OrgMention(s, e, place, body.official_name, body.kind, True, via=via))
    return out


class OrgContext:
    """The bodies of one document and the references to them, for asking who a passage is about."""

    def __init__(self, text: str, register: Any | None = None, published: date | None = None) -> None:
        self._text = text
        self.named = find_organisations(text, register, published)
        refs: list[OrgMention] = []
        # one pass in text order: the latest named body of each kind so far answers a reference
        latest_of_kind: dict[str | None, OrgMention] = {}
        latest_any: OrgMention | None = None
        named_iter = iter(self.named)
        upcoming = next(named_iter, None)
        idiom = _reference_idiom()
        for m in _reference_pattern().finditer(text):
            if idiom.search(text, max(0, m.start() - 16), m.start()):
                continue  # "leaving the force", "joined the service": no body meant
            while upcoming is not None and upcoming.start < m.start():
                if upcoming.end > m.start():
                    break  # the reference lies inside a name ("the Department for ...")
                latest_of_kind[upcoming.kind] = upcoming
                latest_any = upcoming
                upcoming = next(named_iter, None)
            if upcoming is not None and upcoming.start < m.end() and m.start() < upcoming.end:
                continue
            kinds = _kind_of_reference(m.group("word"))
            candidates = [latest_of_kind[k] for k in kinds if k in latest_of_kind] if kinds else [latest_any]
            candidates = [c for c in candidates if c is not None]
            if candidates:
                target = max(candidates, key=lambda c: c.start)
                refs.append(
                    OrgMention(
                        m.start(), m.end(), m.group(), target.name, target.kind, target.registered, True
                    )
                )
        self.mentions = sorted(self.named + refs, key=lambda m: m.start)
        self._roles: dict[int, str | None] = {}
        # the document's main body: named most often, counting twice where it speaks or
        # discloses ("the Ministry of Defence said", "according to Kent Police"); never an outlet
        counts: Counter[str] = Counter()
        for m in self.named:
            if self.role(m) is not None:
                continue
            counts[m.name] += 1
            if _SPEAKS_AFTER.match(text, m.end) or _SPEAKS_BEFORE.search(text, max(0, m.start - 20), m.start):
                counts[m.name] += 1
        self.main: str | None = None
        if counts:
            top = max(counts.values())
            self.main = next(m.name for m in self.named if counts[m.name] == top)
        self._kinds = {m.name: m.kind for m in self.named}
        self._starts = [m.start for m in self.mentions]
        self._ends = [m.end for m in self.mentions]  # mentions never overlap, so ends are sorted too

    def role(self, m: OrgMention) -> str | None:
        """ "outlet" or "requester" for a body that reported or asked for the figures ("the BBC has
        learned", "obtained by the TaxPayers' Alliance"), else None (a body figures may belong to).
        An outlet whose own staff the text counts ("BBC staff") is a body like any other."""
        if m.start in self._roles:
            return self._roles[m.start]
        role = _role(self._text, m)
        self._roles[m.start] = role
        return role

    def bodies_within(self, start: int, end: int) -> list[OrgMention]:
        """Mentions inside [start, end) that figures may belong to: outlets and requesters left out."""
        return [m for m in self.within(start, end) if self.role(m) is None]

    def latest_body_before(self, pos: int) -> OrgMention | None:
        """The last mention ending before `pos` that is not an outlet or requester."""
        i = bisect_right(self._ends, pos)
        while i:
            m = self.mentions[i - 1]
            if self.role(m) is None:
                return m
            i -= 1
        return None

    def speaker_in(self, start: int, end: int) -> OrgMention | None:
        """The first body in [start, end) that speaks or discloses ("X said"), else the first named."""
        named = [m for m in self.within(start, end) if not m.reference and self.role(m) is None]
        for m in named:
            if _SPEAKS_AFTER.match(self._text, m.end) or _SPEAKS_BEFORE.search(
                self._text, max(0, m.start - 20), m.start
            ):
                return m
        return named[0] if named else None

    def kind_of(self, name: str | None) -> str | None:
        """The kind of a body named in this document."""
        return self._kinds.get(name) if name else None

    def within(self, start: int, end: int) -> list[OrgMention]:
        """Mentions (named or referred to) lying inside document offsets [start, end)."""
        lo = bisect_left(self._starts, start)
        hi = bisect_right(self._ends, end)
        return [m for m in self.mentions[lo:hi] if m.start >= start and m.end <= end]

    def latest_before(self, pos: int) -> OrgMention | None:
        """The last mention (named or referred to) ending before document offset `pos`."""
        i = bisect_right(self._ends, pos)
        return self.mentions[i - 1] if i else None


__all__ = [
    "OrgContext",
    "OrgMention",
    "default_register",
    "find_organisations",
    "guess_kind",
    "kind_cue_pattern",
]
