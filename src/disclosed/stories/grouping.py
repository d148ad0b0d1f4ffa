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
from disclosed.stories.phrases import background_cues, boilerplate_phrases, unlinking_bodies
from disclosed.stories.profile import StoryProfile, request_similarity, story_profile

# `staff`, `all` and an unstated group name the same people in press coverage (the figure
# contract scores them as interchangeable); police officers, police staff and others stay apart.
GENERAL_STAFF = frozenset({None, "staff", "all"})


@dataclass(frozen=True)
class StorySettings:
    """When two documents that are not copies report the same disclosure."""

    window_days: int = 30  # both dated: published at most this many days apart
    request_window_days: int = 120  # answers to one request sent to many bodies come out over months
    min_shared_figures: int = 2  # figures about the organisation in common, when both give this many
    same_request: float = 0.6  # quoted requests at least this similar (request_similarity) are one
    different_request: float = 0.2  # quoted requests less similar than this are different questions
    request_min_runs: int = 20  # ... when both quote at least this many word runs of their request
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

    __slots__ = ("background", "doc", "keys_by_org", "principal", "profile", "requesters")

    def __init__(self, doc: Document, keys_by_org: dict, principal: frozenset, requesters: frozenset,
                 background: frozenset = frozenset(), profile: StoryProfile | None = None) -> None:
        self.doc = doc
        self.keys_by_org = keys_by_org
        self.principal = principal
        self.requesters = requesters
        self.background = background  # keys only stated in passing ("this follows the dismissal of 11")
        self.profile = profile or _NO_PROFILE


class _Names:
    """Interned organisation and requester keys with the spelling first seen for each."""

    def __init__(self) -> None:
        self.orgs: dict[str, str] = {}
        self.requesters: dict[str, str] = {}
        self._keys: dict[tuple, tuple] = {}

    def key(self, k: tuple) -> tuple:
        return self._keys.setdefault(k, k)


_NO_FIGURES: dict = {}
_NO_PROFILE = StoryProfile()


def is_background(f: Figure) -> bool:
    """Whether a figure is stated in passing, about an earlier disclosure or another story ("this
    follows the dismissal of 11 civil servants at the DWP"): its sentence says so."""
    return background_cues().search(f.evidence) is not None


def _facts(doc: Document, figures: Sequence[Figure], names: _Names, profile: StoryProfile | None
           ) -> _DocFacts:
    requesters = set()
    if profile is not None and profile.requester:
        requesters.add(sys.intern(profile.requester))
        names.requesters.setdefault(profile.requester, profile.requester_name or profile.requester)
    if not figures:
        return _DocFacts(doc, _NO_FIGURES, frozenset(), frozenset(requesters), profile=profile)
    keys_by_org: dict[str, set[tuple[str, str, str, int]]] = {}
    own_by_org: dict[str, set[tuple[str, str, str, int]]] = {}
    background: set[tuple] = set()
    for f in figures:
        if f.count <= 0:
            continue
        org = sys.intern(f.organisation.casefold())
        names.orgs.setdefault(org, f.organisation)
        key = names.key((org, staff_class(f.staff_group), f.outcome, f.count))
        keys_by_org.setdefault(org, set()).add(key)
        if is_background(f):
            background.add(key)
        else:
            own_by_org.setdefault(org, set()).add(key)
    background -= {k for v in own_by_org.values() for k in v}  # also stated as its own news
    # Principal organisations: those the document gives at least half as many figures of its own
    # about as its main one, so a figure in passing does not join another body's story.
    counted = own_by_org or keys_by_org
    most = max((len(v) for v in counted.values()), default=0)
    principal = frozenset(o for o, v in counted.items() if len(v) >= max(1, math.ceil(most / 2)))
    if profile is None:
        for f in figures:
            if f.requester:
                r = sys.intern(f.requester.casefold().strip())
                names.requesters.setdefault(r, f.requester.strip())
                requesters.add(r)
    return _DocFacts(doc, {o: frozenset(v) for o, v in keys_by_org.items()}, principal, frozenset(requesters),
                     frozenset(background), profile)


def _apart(a: _DocFacts, b: _DocFacts, settings: StorySettings, window: int | None = None) -> bool:
    """What keeps two documents apart whatever they share: published too far apart, different
    requesters, or quoting different requests."""
    da, db = a.doc.published, b.doc.published
    window = window or settings.window_days
    if da and db and abs((da - db).days) > window:
        return True
    # one mentions a date well after the other came out: it is a later document
    for x, y in ((a, b), (b, a)):
        after = y.profile.not_before
        if x.doc.published and after and (after - x.doc.published).days > window:
            return True
    if a.requesters and b.requesters and not (a.requesters & b.requesters):
        return True
    if min(len(a.profile.request), len(b.profile.request)) >= settings.request_min_runs:
        return request_similarity(a.profile, b.profile) < settings.different_request
    return False


def _same_disclosure(a: _DocFacts, b: _DocFacts, shared: dict[str, list[tuple]], settings: StorySettings
                     ) -> str | None:
    """The figures two documents share about an organisation principal to both, when they are
    enough: figures in passing count half, and never alone."""
    if _apart(a, b, settings):
        return None
    for org, keys in shared.items():
        if org not in a.principal or org not in b.principal:
            continue
        own = [k for k in keys if k not in a.background and k not in b.background]
        if not own:
            continue
        need = min(settings.min_shared_figures, len(a.keys_by_org[org]), len(b.keys_by_org[org]))
        if len(own) + (len(keys) - len(own)) / 2 >= need:
            return "; ".join(f"{k[3]} {k[2]} ({k[1]})" for k in sorted(keys, key=lambda k: (k[2], k[3])))
    return None


def _rewrite_pairs(facts: dict[str, _DocFacts], settings: StorySettings) -> list[tuple[str, str, str]]:
    """Pairs of documents sharing enough figures about an organisation principal to both, with
    the figures they share."""
    buckets: dict[tuple, list[str]] = defaultdict(list)
    for name, fa in facts.items():
        for org in fa.principal:
            for k in fa.keys_by_org[org]:
                buckets[k].append(name)
    shared: dict[tuple[str, str], dict[str, list[tuple]]] = defaultdict(lambda: defaultdict(list))
    for k, names in buckets.items():
        if len(names) < 2:
            continue
        for a, b in _bucket_pairs(names, facts, settings):
            shared[(a, b) if a < b else (b, a)][k[0]].append(k)
    out = []
    for (a, b), by_org in shared.items():
        why = _same_disclosure(facts[a], facts[b], by_org, settings)
        if why:
            out.append((a, b, why))
    return out


def _figures_agree(a: _DocFacts, b: _DocFacts, bodies: set[str], settings: StorySettings) -> bool:
    """Whether two documents' figures about the bodies they share leave room for one disclosure:
    when both give figures about one of them, they share as many as the shared-figures rule asks
    (so a body and subject alone join documents only where figures cannot tell them apart); and
    neither mentions in passing a figure the other reports as its own news (a later story
    recalling the other's disclosure)."""
    for body in bodies:
        org = body.casefold()
        ka, kb = a.keys_by_org.get(org, frozenset()), b.keys_by_org.get(org, frozenset())
        if (ka & a.background & (kb - b.background)) or (kb & b.background & (ka - a.background)):
            return False
        if ka and kb and len(ka & kb) < min(settings.min_shared_figures, len(ka), len(kb)):
            return False
    return True


def _disciplinary(p: StoryProfile) -> set[str]:
    """The outcomes a document reports that say what happened to someone (an investigation alone
    can be of anything: arrests, complaints, offences); two documents about one body must share one."""
    return set(p.outcomes) - {"investigated"}


def _subject_agrees(a: StoryProfile, b: StoryProfile) -> bool:
    return not (a.platforms and b.platforms) or bool(set(a.platforms) & set(b.platforms))


def _round_robin(a: StoryProfile, b: StoryProfile) -> str | None:
    """Evidence that one document reports a request sent to many bodies of a kind the other is
    about (a national total and one body's answer), or that both do."""
    for x, y in ((a, b), (b, a)):
        kinds = set(x.round_robin) & (set(y.kinds) | set(y.round_robin))
        if kinds:
            return x.round_robin_evidence or ", ".join(sorted(kinds))
    return None


def _request_pairs(facts: dict[str, _DocFacts], settings: StorySettings) -> list[tuple[str, str, str, str]]:
    """Pairs of documents about one request though they share no figures: the same request quoted
    (answers and refusals to one round-robin request), the same requester asking the same
    question (the same body, or many bodies of the kind the other is about), or the same body and
    subject with nothing telling them apart. Each with its relation and evidence."""
    ignored = unlinking_bodies()
    buckets: dict[tuple, list[str]] = defaultdict(list)
    for name, fa in facts.items():
        p = fa.profile
        for h in p.request:  # a fixed sample of the word runs: runs two requests share, both keep
            if h % 8 == 0:
                buckets[("q", h)].append(name)
        if p.requester:
            buckets[("r", p.requester)].append(name)
        for body in p.bodies:
            if body not in ignored:
                buckets[("b", body)].append(name)
        for pair in p.numbers:
            buckets[("n", *pair)].append(name)
    seen: set[tuple[str, str]] = set()
    out = []
    for _, names in buckets.items():
        if len(names) < 2:
            continue
        wide = StorySettings(**{**settings.__dict__, "window_days": settings.request_window_days})
        for a, b in _bucket_pairs(names, facts, wide):
            pair = (a, b) if a < b else (b, a)
            if pair in seen:
                continue
            seen.add(pair)
            found = _request_link(facts[pair[0]], facts[pair[1]], settings, ignored)
            if found:
                out.append((*pair, *found))
    return out


def _request_link(a: _DocFacts, b: _DocFacts, settings: StorySettings, ignored: frozenset[str]
                  ) -> tuple[str, str] | None:
    pa, pb = a.profile, b.profile
    similarity = request_similarity(pa, pb)
    if similarity >= settings.same_request and not _apart(a, b, settings, settings.request_window_days):
        return "same_request", f"the same request quoted ({similarity:.0%} of its wording)"
    if _apart(a, b, settings) or not _subject_agrees(pa, pb):
        return None
    bodies = (set(pa.bodies) & set(pb.bodies)) - ignored
    if not _figures_agree(a, b, bodies, settings):
        return None
    if pa.requester and pa.requester == pb.requester:
        if bodies:
            return "same_requester", f"{pa.requester_name or pa.requester} asked {', '.join(sorted(bodies))}"
        robin = _round_robin(pa, pb)
        if robin:
            return "same_requester", f"{pa.requester_name or pa.requester} asked many bodies: {robin}"
        return None
    numbers = {tuple(n) for n in pa.numbers} & {tuple(n) for n in pb.numbers}
    if numbers and (bodies or _round_robin(pa, pb) or not (pa.bodies and pb.bodies)):
        shown = "; ".join(f"{x} and {y}" for x, y in sorted(numbers)[:3])
        return "shared_figures", f"the same numbers in one sentence: {shown}"
    # a body and subject alone: not for a document reporting a request sent to many bodies, which
    # joins another only by its requester (a round-robin names many bodies in passing)
    if (bodies and not (a.requesters and b.requesters) and not (pa.round_robin or pb.round_robin)
            and _disciplinary(pa) & _disciplinary(pb)):
        return "same_body", f"both about {', '.join(sorted(bodies))}" + (
            f" and {', '.join(sorted(set(pa.platforms) & set(pb.platforms)))}"
            if set(pa.platforms) & set(pb.platforms) else "")
    return None


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
    profiles: Mapping[str, StoryProfile] | None = None,
) -> list[Story]:
    """Group documents (keyed by `Document.name`) into stories.

    Copies always share a story. Two other documents share one when they give the same figures
    (organisation, staff group, outcome, count) about an organisation that is principal to both,
    at least `min_shared_figures` of them when both give that many, were published within
    `window_days` of each other (when both are dated) and name no different requesters. So two
    disclosures about one body a year apart stay apart, and a figure mentioned in passing does not
    pull a document into another body's story (figures in passing count half, and never alone).

    Documents also join by their request (`profiles`, one per document, computed from the text
    when not given): the same request quoted, the same requester asking the same question (the
    same body, or a request sent to many bodies of the kind the other is about), or the same body
    and subject with no different figures, requester or request telling them apart. Each story's
    links say why its documents are together. Stories come out ordered by first date.
    """
    by_name = {d.name: d for d in docs}
    if citations_by_doc is None:
        citations_by_doc = {d.name: find_citations(d) for d in docs}
    if profiles is None:
        profiles = {d.name: story_profile(d, figures_by_doc.get(d.name, ())) for d in docs if d.text}
    names = _Names()
    facts = {d.name: _facts(d, figures_by_doc.get(d.name, ()), names, profiles.get(d.name)) for d in docs}
    uf = _UnionFind(list(by_name))
    copies = [c for c in copies if c.a in by_name and c.b in by_name]
    for c in copies:
        uf.union(c.a, c.b)
    reasons: list[tuple[str, str, str, str]] = []
    for a, b, why in _rewrite_pairs(facts, settings):
        if uf.find(a) != uf.find(b):
            reasons.append((a, b, "shared_figures", why))
        uf.union(a, b)
    for a, b, relation, why in _request_pairs(facts, settings):
        if uf.find(a) != uf.find(b):
            reasons.append((a, b, relation, why))
        uf.union(a, b)
    copies_by_root: dict[str, list[CopyPair]] = defaultdict(list)
    for c in copies:
        copies_by_root[uf.find(c.a)].append(c)
    reasons_by_root: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
    for r in reasons:
        reasons_by_root[uf.find(r[0])].append(r)
    stories = [
        _story(members, by_name, facts, names, copies_by_root.pop(root, []), citations_by_doc,
               reasons_by_root.pop(root, []))
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
    reasons: list[tuple[str, str, str, str]] = (),
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
    for a, b, relation, why in reasons:
        src, dst = sorted((a, b), key=rank.__getitem__)
        links.append(StoryLink(document=dst, relation=relation, source=src, evidence=why))
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
