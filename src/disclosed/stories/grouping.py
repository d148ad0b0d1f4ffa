"""Story grouping: documents that report the same disclosure, whether copies or independent
rewrites, with the document it first appeared in, how it travelled and its independent sources."""

from __future__ import annotations

import math
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations

from disclosed.model import Citation, CopyPair, Document, Figure, Story, StoryLink
from disclosed.stories.citations import find_citations, outlet_key, same_outlet
from disclosed.stories.phrases import boilerplate_phrases

# `staff`, `all` and an unstated group name the same people in press coverage (the figure
# contract scores them as interchangeable); police officers, police staff and others stay apart.
GENERAL_STAFF = frozenset({None, "staff", "all"})


@dataclass(frozen=True)
class StorySettings:
    """When two documents that are not copies report the same disclosure."""

    window_days: int = 30  # both dated: published at most this many days apart
    min_shared_figures: int = 2  # figures about the organisation in common, when both give this many
    bucket_cap: int = 200  # undated documents sharing one figure: pair at most this many


DEFAULT_STORY_SETTINGS = StorySettings()


def staff_class(group: str | None) -> str:
    return "staff" if group in GENERAL_STAFF else str(group)


def figure_key(f: Figure) -> tuple[str, str, str, int]:
    """What makes two documents' figures the same fact for grouping: organisation, staff group,
    outcome and count (qualifiers aside: "more than 100" and "116" are not the same figure)."""
    return (f.organisation.casefold(), staff_class(f.staff_group), f.outcome, f.count)


class _UnionFind:
    def __init__(self, items: Sequence[str]) -> None:
        self.parent = {i: i for i in items}

    def find(self, x: str) -> str:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for x in self.parent:
            out[self.find(x)].append(x)
        return out


class _DocFacts:
    """What grouping needs of one document's figures; slotted and interned, as a rebuild holds one
    per document of the corpus at once."""

    __slots__ = ("doc", "keys_by_org", "principal", "requesters")

    def __init__(self, doc: Document, keys_by_org: dict, principal: frozenset, requesters: frozenset) -> None:
        self.doc = doc
        self.keys_by_org = keys_by_org
        self.principal = principal
        self.requesters = requesters


class _Names:
    """Interned organisation and requester keys with the spelling first seen for each."""

    def __init__(self) -> None:
        self.orgs: dict[str, str] = {}
        self.requesters: dict[str, str] = {}
        self._keys: dict[tuple, tuple] = {}

    def key(self, k: tuple) -> tuple:
        return self._keys.setdefault(k, k)


_NO_FIGURES: dict = {}


def _facts(doc: Document, figures: Sequence[Figure], names: _Names) -> _DocFacts:
    if not figures:
        return _DocFacts(doc, _NO_FIGURES, frozenset(), frozenset())
    keys_by_org: dict[str, set[tuple[str, str, str, int]]] = {}
    for f in figures:
        if f.count <= 0:
            continue
        org = sys.intern(f.organisation.casefold())
        names.orgs.setdefault(org, f.organisation)
        key = names.key((org, staff_class(f.staff_group), f.outcome, f.count))
        keys_by_org.setdefault(org, set()).add(key)
    # Principal organisations: those the document gives at least half as many figures about as its
    # main one, so "this follows the dismissal of 11 at DWP" in passing does not join DWP's story.
    most = max((len(v) for v in keys_by_org.values()), default=0)
    principal = frozenset(o for o, v in keys_by_org.items() if len(v) >= max(1, math.ceil(most / 2)))
    requesters = set()
    for f in figures:
        if f.requester:
            r = sys.intern(f.requester.casefold().strip())
            names.requesters.setdefault(r, f.requester.strip())
            requesters.add(r)
    return _DocFacts(doc, {o: frozenset(v) for o, v in keys_by_org.items()}, principal, frozenset(requesters))


def _same_disclosure(a: _DocFacts, b: _DocFacts, shared: Counter[str], settings: StorySettings) -> bool:
    da, db = a.doc.published, b.doc.published
    if da and db and abs((da - db).days) > settings.window_days:
        return False
    if a.requesters and b.requesters and not (a.requesters & b.requesters):
        return False
    for org, n in shared.items():
        if org not in a.principal or org not in b.principal:
            continue
        need = min(settings.min_shared_figures, len(a.keys_by_org[org]), len(b.keys_by_org[org]))
        if n >= need:
            return True
    return False


def _rewrite_pairs(facts: dict[str, _DocFacts], settings: StorySettings) -> list[tuple[str, str]]:
    """Pairs of documents sharing enough figures about an organisation principal to both."""
    buckets: dict[tuple, list[str]] = defaultdict(list)
    for name, fa in facts.items():
        for org in fa.principal:
            for k in fa.keys_by_org[org]:
                buckets[k].append(name)
    shared: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for k, names in buckets.items():
        if len(names) < 2:
            continue
        for a, b in _bucket_pairs(names, facts, settings):
            shared[(a, b) if a < b else (b, a)][k[0]] += 1
    return [p for p, c in shared.items() if _same_disclosure(facts[p[0]], facts[p[1]], c, settings)]


def _bucket_pairs(
    names: list[str], facts: dict[str, _DocFacts], settings: StorySettings
) -> Iterator[tuple[str, str]]:
    """Pairs within one figure's bucket: dated documents only within the date window of each
    other (a sliding window over the dates), undated ones with everything; at most `bucket_cap`
    partners each, so a figure thousands of documents share stays linear."""
    dated = sorted((n for n in names if facts[n].doc.published), key=lambda n: facts[n].doc.published)
    undated = [n for n in names if not facts[n].doc.published][: settings.bucket_cap]
    lo = 0
    for hi, n in enumerate(dated):
        d = facts[n].doc.published
        while (d - facts[dated[lo]].doc.published).days > settings.window_days:
            lo += 1
        for m in dated[max(lo, hi - settings.bucket_cap) : hi]:
            yield m, n
    others = dated[: settings.bucket_cap] + undated
    undated_set = set(undated)
    for u in undated:
        for m in others:
            if m != u and (m not in undated_set or m < u):
                yield m, u


def _order_key(doc: Document, republishes: bool) -> tuple:
    return (doc.published is None, doc.published or date.max, republishes, doc.name)


def is_headline(line: str, citations: Sequence[Citation] = ()) -> bool:
    """Whether a title or line of text can name a story: not page furniture ("This article is more
    than 1 year old"), not the line saying where the document republishes it from, and not a line
    introducing what follows (ending with a colon)."""
    flat = " ".join(line.split())
    if not flat or flat.endswith(":") or any(p in flat.lower() for p in boilerplate_phrases()):
        return False
    return not any(c.relation == "republishes" and (flat in c.evidence or c.evidence in flat)
                   for c in citations)


def _title(doc: Document, citations: Sequence[Citation] = ()) -> str:
    if doc.title and is_headline(doc.title, citations):
        return doc.title.strip()
    for line in doc.text.splitlines():
        if is_headline(line, citations):
            return line.strip()[:160]
    return doc.title.strip() if doc.title else doc.name


def group_into_stories(
    docs: Sequence[Document],
    figures_by_doc: Mapping[str, Sequence[Figure]],
    copies: Sequence[CopyPair],
    citations_by_doc: Mapping[str, Sequence[Citation]] | None = None,
    settings: StorySettings = DEFAULT_STORY_SETTINGS,
) -> list[Story]:
    """Group documents (keyed by `Document.name`) into stories.

    Copies always share a story. Two other documents share one when they give the same figures
    (organisation, staff group, outcome, count) about an organisation that is principal to both,
    at least `min_shared_figures` of them when both give that many, were published within
    `window_days` of each other (when both are dated) and name no different requesters. So two
    disclosures about one body a year apart stay apart, and a figure mentioned in passing does not
    pull a document into another body's story. Stories come out ordered by first date.
    """
    by_name = {d.name: d for d in docs}
    if citations_by_doc is None:
        citations_by_doc = {d.name: find_citations(d) for d in docs}
    names = _Names()
    facts = {d.name: _facts(d, figures_by_doc.get(d.name, ()), names) for d in docs}
    uf = _UnionFind(list(by_name))
    copies = [c for c in copies if c.a in by_name and c.b in by_name]
    for c in copies:
        uf.union(c.a, c.b)
    for a, b in _rewrite_pairs(facts, settings):
        uf.union(a, b)
    copies_by_root: dict[str, list[CopyPair]] = defaultdict(list)
    for c in copies:
        copies_by_root[uf.find(c.a)].append(c)
    stories = [
        _story(members, by_name, facts, names, copies_by_root.pop(root, []), citations_by_doc)
        for root, members in uf.groups().items()
    ]
    stories.sort(key=lambda s: (s.first_date is None, s.first_date or date.max, s.id))
    return stories


def _story(
    names: list[str],
    by_name: dict[str, Document],
    facts: dict[str, _DocFacts],
    known: _Names,
    copies: list[CopyPair],
    citations_by_doc: Mapping[str, Sequence[Citation]],
) -> Story:
    cites = {n: list(citations_by_doc.get(n, ())) for n in names}
    republishes = {n: any(c.relation == "republishes" for c in cites[n]) for n in names}
    ordered = sorted(names, key=lambda n: _order_key(by_name[n], republishes[n]))
    rank = {n: i for i, n in enumerate(ordered)}
    origin = by_name[ordered[0]]
    earliest = min((by_name[n] for n in names), key=lambda d: _order_key(d, False))
    dates = [by_name[n].published for n in names if by_name[n].published]

    links: list[StoryLink] = []
    uf = _UnionFind(names)
    for c in sorted(copies, key=lambda c: (c.a, c.b)):
        src, dst = sorted((c.a, c.b), key=rank.__getitem__)
        o_src, o_dst = by_name[src].outlet, by_name[dst].outlet
        moved = republishes[dst] or bool(o_src and o_dst and outlet_key(o_src) != outlet_key(o_dst))
        links.append(StoryLink(document=dst, relation="republishes" if moved else "copy_of", source=src))
        uf.union(src, dst)
    relayed: dict[str, list[str]] = defaultdict(list)
    for n in ordered:
        for c in cites[n]:
            if c.outlet is None:
                continue
            target = next(
                (m for m in ordered if m != n and by_name[m].outlet and same_outlet(
                    outlet_key(by_name[m].outlet), outlet_key(c.outlet))),
                None,
            )
            links.append(StoryLink(document=n, relation=c.relation, source=target, outlet=c.outlet))
            if target:
                uf.union(n, target)
            else:
                relayed[outlet_key(c.outlet)].append(n)
    # documents relaying the same outside outlet are one source, not several
    for group in relayed.values():
        for a, b in combinations(group, 2):
            uf.union(a, b)
    groups = (sorted(g, key=rank.__getitem__) for g in uf.groups().values())
    sources = sorted(groups, key=lambda g: rank[g[0]])

    org_counts: Counter[str] = Counter()
    org_names: dict[str, str] = {}
    requesters: dict[str, str] = {}
    for n in names:
        fact = facts.pop(n)  # each document is in one story: free its facts as stories are built
        for o in fact.principal:
            org_counts[o] += 1
            org_names.setdefault(o, known.orgs[o])
        for r in fact.requesters:
            requesters.setdefault(r, known.requesters[r])
    return Story(
        id="story-" + earliest.sha256[:12],
        title=_title(origin, cites[origin.name]),
        first_date=min(dates) if dates else None,
        last_date=max(dates) if dates else None,
        documents=ordered,
        origin=origin.name,
        copies=sorted(copies, key=lambda c: (c.a, c.b)),
        links=links,
        sources=sources,
        organisations=[org_names[o] for o, _ in sorted(org_counts.items(), key=lambda kv: (-kv[1], kv[0]))],
        requesters=sorted(requesters.values()),
    )
