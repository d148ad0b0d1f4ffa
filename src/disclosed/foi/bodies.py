"""Which body a request goes to: a body of the authority register, one imported from
WhatDoTheyKnow's list, or any other body (a parish council, a school, a housing association)
tracked as written under the law the user names.

A name is never silently changed: an exact name or alias is taken as it is; a near miss
("Home Ofice") is taken only when the user says yes; an unknown or ambiguous name gets
"did you mean" suggestions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal, Protocol

from pydantic import BaseModel

from disclosed.authorities.names import name_key, spelled_forms
from disclosed.errors import InvalidInputError
from disclosed.foi.records import Law
from disclosed.model import Authority

Source = Literal["register", "whatdotheyknow", "outside"]
SUGGESTIONS = 5
LAW_HINT = "or give --law foia|foisa|eir|eisr to track a body outside the register as written"


class AuthorityLookup(Protocol):
    """The part of the authority register a request needs (disclosed.authorities.get_register()).
    A register that also has `search(query, limit)` gives "did you mean" suggestions."""

    def resolve(self, name: str) -> Authority | None: ...


class KnownBody(BaseModel):
    """A body known outside the packaged register (imported from WhatDoTheyKnow's authorities list)."""

    name: str
    short_name: str | None = None  # a display name; matched only when it is not a bare place name
    nation: str | None = None
    source: Source = "whatdotheyknow"
    match_short_name: bool = True


class BodyChoice(BaseModel):
    """The body a name was taken to mean, where it came from, and what the user should be told."""

    query: str
    name: str  # the official name (register), the imported name, or the name as written
    nation: str | None = None
    kind: str | None = None
    source: Source
    law: Law | None = None  # the law the user named (--law), if any
    note: str | None = None  # "resolved 'Home Ofice' to Home Office", "not in the register: ..."


def _exact_forms(authority: Authority) -> set[str]:
    return {
        name_key(form)
        for name in (authority.official_name, *authority.aliases)
        for form in spelled_forms(name)
    }


# Words too common in bodies' names to make one a suggestion for another.
_LINKING = frozenset(
    {
        "the",
        "of",
        "and",
        "for",
        "in",
        "on",
        "at",
        "to",
        "service",
        "services",
        "council",
        "trust",
        "nhs",
        "foundation",
        "authority",
        "department",
        "office",
        "borough",
        "county",
        "district",
        "city",
        "metropolitan",
        "police",
        "fire",
        "rescue",
        "health",
        "board",
        "agency",
        "hm",
    }
)


def _words(*names: str) -> set[str]:
    return {w for n in names for w in name_key(n).split() if w not in _LINKING}


def _suggestions(name: str, register: AuthorityLookup, known: Sequence[KnownBody]) -> list[str]:
    found: list[str] = []
    search = getattr(register, "search", None)
    words = _words(name)
    if search is not None:
        # A suggestion shares a word with the name ("Kent": Kent Police, Kent County Council...).
        found.extend(
            a.official_name
            for a in search(name, SUGGESTIONS * 2)
            if words & _words(a.official_name, *a.aliases)
        )
    key = name_key(name)
    if key:
        for body in known:
            if key in name_key(body.name) and body.name not in found:
                found.append(body.name)
    return found[:SUGGESTIONS]


def _known_match(name: str, known: Sequence[KnownBody]) -> KnownBody | None:
    key = name_key(name)
    for body in known:
        if name_key(body.name) == key or (
            body.match_short_name and body.short_name and name_key(body.short_name) == key
        ):
            return body
    return None


def choose_body(
    name: str,
    register: AuthorityLookup,
    *,
    law: Law | None = None,
    yes: bool = False,
    known: Sequence[KnownBody] = (),
) -> BodyChoice:
    """The body `name` means, or InvalidInputError saying why none was taken.

    An exact name or alias of the register (or of `known`, the imported bodies) is taken. A near
    miss of a registered name is taken only with `yes` (the note says "resolved X to Y"); with
    `law` given instead, the name is tracked as written, outside the register, and the note
    names the close registered body. An unknown name is tracked as written when `law` is given,
    else refused with suggestions.
    """
    query = name.strip()
    if not query:
        raise InvalidInputError("authority", "an authority's name is needed")
    found = register.resolve(query)
    if found is not None and name_key(query) in _exact_forms(found):
        return BodyChoice(
            query=query,
            name=found.official_name,
            nation=found.nation,
            kind=found.kind,
            source="register",
            law=law,
        )
    imported = _known_match(query, known)
    if imported is not None:
        return BodyChoice(
            query=query,
            name=imported.name,
            nation=imported.nation,
            source=imported.source,
            law=law,
            note=f"{imported.name!r} is not in the packaged register; it was imported from WhatDoTheyKnow",
        )
    if found is not None:  # a near miss
        if law is not None:
            return BodyChoice(
                query=query,
                name=query,
                source="outside",
                law=law,
                note=f"{query!r} is not in the authority register (the closest registered body "
                f"is {found.official_name}); tracked as written under {law.upper()}",
            )
        if yes:
            return BodyChoice(
                query=query,
                name=found.official_name,
                nation=found.nation,
                kind=found.kind,
                source="register",
                note=f"resolved {query!r} to {found.official_name}",
            )
        raise InvalidInputError(
            "authority",
            f"{query!r} is not in the register: resolved to {found.official_name}? Rerun with "
            f"--yes to take it, {LAW_HINT}",
        )
    if law is not None:
        return BodyChoice(
            query=query,
            name=query,
            source="outside",
            law=law,
            note=f"{query!r} is not in the authority register; tracked as written under {law.upper()}",
        )
    suggested = _suggestions(query, register, known)
    hint = f"; did you mean {'? '.join(suggested)}?" if suggested else ""
    raise InvalidInputError("authority", f"unknown authority {query!r}{hint} ({LAW_HINT})")


def choose_bodies(
    names: Iterable[str],
    register: AuthorityLookup,
    *,
    law: Law | None = None,
    yes: bool = False,
    known: Sequence[KnownBody] = (),
) -> list[BodyChoice]:
    """`choose_body` for every name of a batch; every problem is reported at once, and two names
    for the same body are refused."""
    chosen: list[BodyChoice] = []
    problems: list[str] = []
    unknown: list[str] = []
    seen: dict[str, str] = {}
    for name in names:
        try:
            choice = choose_body(name, register, law=law, yes=yes, known=known)
        except InvalidInputError as err:
            if err.reason.startswith("unknown authority") and "did you mean" not in err.reason:
                unknown.append(name)
            else:
                problems.append(err.reason.split(f" ({LAW_HINT})")[0].removesuffix(f", {LAW_HINT}"))
            continue
        key = name_key(choice.name)
        if key in seen:
            raise InvalidInputError(
                "authority", f"{seen[key]!r} and {name!r} are the same authority ({choice.name})"
            )
        seen[key] = name
        chosen.append(choice)
    if unknown:
        listed = ", ".join(repr(n) for n in unknown)
        problems.insert(0, f"unknown {'authority' if len(unknown) == 1 else 'authorities'} {listed}")
    if problems:
        raise InvalidInputError("authority", "; ".join(problems) + f" ({LAW_HINT})")
    return chosen
