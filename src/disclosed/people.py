"""Across documents: the register of named speakers (one Person however many titles the articles
gave them) and each body's policy profile (its current rules, since when, and on whose word)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from datetime import date

from pydantic import BaseModel, Field
from rapidfuzz import fuzz

from disclosed.model import Person, PersonTitle, PolicyFact, Statement

# Spellings at least this similar (rapidfuzz ratio, 0-100, on the normalised name) are one person:
# "Steven George-Hilley" / "Steven George Hilley" / "Stephen George-Hilley".
SAME_PERSON_SIMILARITY = 90.0

_HONORIFIC = re.compile(
    r"^(?:mr|mrs|ms|miss|mx|dr|sir|dame|lord|lady|baroness|professor|prof|cllr|councillor)\.?\s+"
)
_NOT_LETTER = re.compile(r"[^a-z ]+")
_SPACES = re.compile(r"\s+")


def name_key(name: str) -> str:
    """A name as compared: accents, case, honorifics, hyphens and punctuation aside."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    folded = _HONORIFIC.sub("", _SPACES.sub(" ", folded).strip())
    folded = _NOT_LETTER.sub(" ", folded.replace("-", " "))
    return _SPACES.sub(" ", folded).strip()


def _same_person(a: str, b: str) -> bool:
    if a == b:
        return True
    # the surnames must agree closely too, so "Jane Roe" and "Jane Rowe-Smith" stay apart
    if fuzz.ratio(a.split()[-1], b.split()[-1]) < 80:
        return False
    return fuzz.ratio(a, b) >= SAME_PERSON_SIMILARITY


def _when(item: Statement | PolicyFact) -> tuple[date, str]:
    return (item.published or date.min, item.document or "")


def build_people(statements: Iterable[Statement]) -> list[Person]:
    """One Person per named speaker across all the statements, with every title they were given,
    oldest first (undated documents first). Unnamed speakers (a spokesperson) are not people here."""
    groups: list[tuple[str, list[Statement]]] = []
    for st in sorted((s for s in statements if s.speaker and s.speaker.strip()), key=_when):
        key = name_key(st.speaker or "")
        if not key:
            continue
        group = next((g for k, g in groups if _same_person(key, k)), None)
        if group is None:
            groups.append((key, [st]))
        else:
            group.append(st)
    people = [_person(group) for _, group in groups]
    return sorted(people, key=lambda p: name_key(p.name))


def _person(group: list[Statement]) -> Person:
    spellings = Counter(_SPACES.sub(" ", s.speaker or "").strip() for s in group)
    # the commonest spelling names the person; on a tie, the one written first
    order = {
        name: i
        for i, name in reversed(list(enumerate(_SPACES.sub(" ", s.speaker or "").strip() for s in group)))
    }
    name = max(spellings, key=lambda n: (spellings[n], -order[n]))
    titles: list[PersonTitle] = []
    seen: set[tuple] = set()
    organisations: list[str] = []
    documents: list[str] = []
    for st in group:
        key = (st.role, st.speaker_organisation, st.document)
        if (st.role or st.speaker_organisation) and key not in seen:
            seen.add(key)
            titles.append(
                PersonTitle(
                    role=st.role,
                    organisation=st.speaker_organisation,
                    document=st.document,
                    published=st.published,
                )
            )
        if st.speaker_organisation and st.speaker_organisation not in organisations:
            organisations.append(st.speaker_organisation)
        if st.document and st.document not in documents:
            documents.append(st.document)
    return Person(
        name=name,
        variants=sorted(n for n in spellings if n != name),
        organisations=organisations,
        titles=titles,
        documents=documents,
        statements=len(group),
    )


# --- policy profiles ----------------------------------------------------------------------------

# Kinds whose stances can hold side by side (a business case and a manager's permission): each
# stance is a rule of its own. In the other kinds a later stance replaces an earlier one.
SIDE_BY_SIDE_KINDS = frozenset({"exception"})


class PolicyRule(BaseModel):
    """One of a body's rules as it stands now, with the facts it was read from over time."""

    kind: str
    platform: str | None = None  # the platform the rule is about, where the facts name one
    stance: str
    detail: str | None = None
    since: date | None = None  # the earliest dated document stating the current stance
    as_of: date | None = None  # the latest dated document stating it
    sources: list[str] = Field(default_factory=list)  # documents stating the current stance
    history: list[PolicyFact] = Field(default_factory=list)  # every fact on this rule, oldest first


class PolicyProfile(BaseModel):
    """A body's rules about social media: the current stance of each, with dates and sources."""

    organisation: str
    rules: list[PolicyRule] = Field(default_factory=list)


def _org_key(name: str | None) -> str:
    name = re.sub(r"[^\w\s&]", " ", (name or "").casefold())
    return re.sub(r"^the ", "", _SPACES.sub(" ", name).strip())


def policy_profile(facts: Iterable[PolicyFact], organisation: str) -> PolicyProfile:
    """The current rules of `organisation` (official name, or a name the register resolves) from
    facts of many documents: per kind and platform the latest dated fact wins, the rest is history."""
    from disclosed.extract.statements import resolve_body

    resolved = resolve_body(organisation)
    official = resolved[0] if resolved else organisation.strip()
    wanted = {_org_key(official), _org_key(organisation)}
    groups: dict[tuple[str, str, str], list[PolicyFact]] = {}
    for fact in facts:
        if _org_key(fact.organisation) not in wanted:
            continue
        stance_key = fact.stance if fact.kind in SIDE_BY_SIDE_KINDS else ""
        for platform in fact.platforms or [""]:
            groups.setdefault((fact.kind, platform, stance_key), []).append(fact)
    rules = [_rule(kind, platform, history) for (kind, platform, _), history in groups.items()]
    kind_order = ["access", "personal_use", "exception", "guidance", "training", "reminders", "sanctions"]
    rules.sort(
        key=lambda r: (kind_order.index(r.kind) if r.kind in kind_order else 99, r.platform or "", r.stance)
    )
    return PolicyProfile(organisation=official, rules=rules)


def _rule(kind: str, platform: str, facts: list[PolicyFact]) -> PolicyRule:
    history = sorted(facts, key=_when)
    current = history[-1]
    # the run of facts at the end of the history that state the current stance
    run = []
    for fact in reversed(history):
        if fact.stance != current.stance:
            break
        run.append(fact)
    run.reverse()
    dates = [f.published for f in run if f.published]
    sources: list[str] = []
    for f in run:
        if f.document and f.document not in sources:
            sources.append(f.document)
    detail = next((f.detail for f in reversed(run) if f.detail), None)
    return PolicyRule(
        kind=kind,
        platform=platform or None,
        stance=current.stance,
        detail=detail,
        since=min(dates) if dates else None,
        as_of=max(dates) if dates else None,
        sources=sources,
        history=history,
    )
