"""Policy facts: each body's rules about social media (access, personal use, exceptions, guidance,
training, reminders, sanctions) read from the phrases in vocab/policies.toml, with evidence."""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from disclosed.extract.organisations import OrgContext
from disclosed.extract.sentences import Sentence, split_sentences
from disclosed.extract.statements import (
    BodyContext,
    BodyMention,
    Found,
    _headline_like,
    find_bodies,
    find_statements,
    lower_keeping_offsets,
    resolve_body,
    sentence_spans,
    speech_cue_words,
)
from disclosed.extract.statements import (
    vocabulary as statement_vocabulary,
)
from disclosed.model import Document, PolicyFact, Statement
from disclosed.vocab import literal_trie_pattern

KINDS: dict[str, tuple[str, ...]] = {
    "access": ("allowed", "restricted", "banned"),
    "personal_use": ("allowed", "limited", "banned"),
    "exception": ("business_case", "permission", "genuine_need"),
    "guidance": ("issued",),
    "training": ("provided", "recommended"),
    "reminders": ("issued",),
    "sanctions": ("in_place",),
}
_PLATFORM_KINDS = frozenset({"access", "personal_use", "exception"})


@dataclass(frozen=True, slots=True)
class Rule:
    kind: str
    stance: str
    pattern: re.Pattern[str]  # matched against lower-cased text
    needs: tuple[str, ...]  # one of these is in every match: the rule is tried only where one occurs


@dataclass(frozen=True, slots=True)
class Vocabulary:
    site_words: tuple[str, ...]
    hortative: re.Pattern[str]
    hortative_words: tuple[str, ...]
    generic_subject: re.Pattern[str]
    suppress: dict[str, frozenset[str]]
    suppress_overlapping: dict[str, frozenset[str]]
    multi_stance: frozenset[str]
    negated: re.Pattern[str]
    not_a_rule: tuple[tuple[str, re.Pattern[str]], ...]
    request: re.Pattern[str]
    holder_by_kind: dict[str, str]
    rules: tuple[Rule, ...]
    platforms: re.Pattern[str]
    platform_names: dict[str, str]


def _read_toml(name: str) -> dict:
    return tomllib.loads(resources.files("disclosed.vocab").joinpath(name).read_text("utf-8"))


@cache
def vocabulary() -> Vocabulary:
    """policies.toml (and the platform names of platforms.toml), compiled once."""
    data = _read_toml("policies.toml")
    rules = tuple(
        Rule(r["kind"], r["stance"], re.compile(r["pattern"]), tuple(r["needs"])) for r in data["rule"]
    )
    names: dict[str, str] = {}
    for name, spellings in _read_toml("platforms.toml")["platforms"].items():
        for spelling in [name, *spellings]:
            names[spelling.casefold()] = name
    alternatives = "|".join(
        re.escape(s).replace(r"\ ", r"[\s-]+") for s in sorted(names, key=len, reverse=True)
    )
    return Vocabulary(
        site_words=tuple(data["site_words"]),
        hortative=re.compile(data["hortative"]),
        hortative_words=tuple(data["hortative_needs"]),
        generic_subject=re.compile(data["generic_subject"]),
        suppress={k: frozenset(v) for k, v in data["suppress"].items()},
        suppress_overlapping={k: frozenset(v) for k, v in data["suppress_overlapping"].items()},
        multi_stance=frozenset(data["multi_stance"]),
        negated=re.compile(data["negated_before"]),
        not_a_rule=tuple((r["kind"], re.compile(r["pattern"])) for r in data["not_a_rule"]),
        request=re.compile(data["request"]),
        holder_by_kind=dict(data["holder_by_kind"]),
        rules=rules,
        platforms=re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])"),
        platform_names=names,
    )


@cache
def _need_index() -> dict[str, frozenset[int]]:
    index: dict[str, set[int]] = {}
    for i, rule in enumerate(vocabulary().rules):
        for word in rule.needs:
            index.setdefault(word, set()).add(i)
    return {w: frozenset(ids) for w, ids in index.items()}


@dataclass(frozen=True, slots=True)
class _CueWord:
    """What one literal cue stands for: policy rules worth trying, a platform, or speech."""

    rules: frozenset[int]
    platform: str | None  # counts only where the word ends ("twitter", not "twittering")
    speech: bool  # a speech verb or source phrase; counts only as a whole word
    site: bool  # a word for the sites themselves ("social media", "internet"); a whole word too


@cache
def _cue_table() -> tuple[re.Pattern[str], dict[str, list[tuple[int, _CueWord]]]]:
    """One regex for every cue of both extractors (policy rules' needed words, platform names, speech
    verbs), each found at a word start; and for each word the cues it begins with, by length."""
    needs = _need_index()
    platforms = dict(_spellings())
    speech = set(speech_cue_words())
    sites = set(vocabulary().site_words)
    words = set(needs) | set(platforms) | speech | sites
    entries = {
        w: _CueWord(needs.get(w, frozenset()), platforms.get(w), w in speech, w in sites) for w in words
    }
    prefixes = {w: [(len(p), entries[p]) for p in words if w.startswith(p)] for w in words}
    # a lookahead finds the longest cue at every word start, so cues that overlap are all found
    return re.compile(rf"\b(?=({literal_trie_pattern(sorted(words))}))"), prefixes


@dataclass
class Cues:
    """Where a text's cues are: the only places the rules look (one regex pass over the text)."""

    rules: dict[int, list[tuple[int, frozenset[int]]]]  # sentence index -> (offset, rules allowed there)
    speech: list[int]  # indexes of sentences with a speech verb or source phrase
    platforms: list[tuple[int, int, str]]  # (start, end, platform) of each platform named
    sites: set[int]  # indexes of sentences naming the sites in general words


def find_cues(lowered: str, sentences: list[tuple[int, int]]) -> Cues:
    """The cues of lower-cased text, placed in `sentences`."""
    pattern, prefixes = _cue_table()
    starts = [s for s, _ in sentences]
    ends = [e for _, e in sentences]
    rules: dict[int, list[tuple[int, frozenset[int]]]] = {}
    speech: set[int] = set()
    sites: set[int] = set()
    platforms: list[tuple[int, int, str]] = []
    size = len(lowered)
    for m in pattern.finditer(lowered):
        pos = m.start()
        i = bisect_right(starts, pos) - 1
        if i < 0 or pos >= ends[i]:
            continue
        for length, cue in prefixes[m.group(1)]:
            if cue.rules:
                if i in rules:
                    rules[i].append((pos, cue.rules))
                else:
                    rules[i] = [(pos, cue.rules)]
            if cue.platform is None and not cue.speech and not cue.site:
                continue
            end = pos + length
            after = lowered[end] if end < size else " "
            if after.isalnum():
                continue
            if cue.platform is not None and after != "-":
                platforms.append((pos, end, cue.platform))
            if cue.speech:
                speech.add(i)
            if cue.site:
                sites.add(i)
    return Cues(rules, sorted(speech), platforms, sites)


def find_platforms(text: str) -> list[str]:
    """Platform names a piece of text mentions, in order, each once."""
    lowered = lower_keeping_offsets(text)
    hits = find_cues(lowered, [(0, len(lowered))]).platforms
    return list(dict.fromkeys(name for _, _, name in hits))


@cache
def _spellings() -> tuple[tuple[str, str], ...]:
    pairs: dict[str, str] = {}
    for spelling, name in vocabulary().platform_names.items():
        if name == "blogs":  # a blog is not a platform a rule blocks by name
            continue
        pairs[spelling] = name
        if " " in spelling:
            pairs[spelling.replace(" ", "-")] = name
    return tuple(sorted(pairs.items(), key=lambda p: -len(p[0])))


# Where a sentence splits into clauses with rules of their own ("Twitter is open but Facebook is blocked").
_CLAUSE_BREAKS = (
    "; ",
    ";",
    " but ",
    " whereas ",
    ", while ",
    ", whilst ",
    " although ",
    ", though ",
    " - ",
    " – ",
    " — ",
)
_JOINER = re.compile(r"^\s*(?:,|,?\s*and|,?\s*or|&|as well as)?\s*(?:the\s+)?$", re.IGNORECASE)


def _clauses(start: int, end: int, lowered: str) -> list[tuple[int, int]]:
    cuts: list[tuple[int, int]] = []
    for token in _CLAUSE_BREAKS:
        pos = lowered.find(token, start, end)
        while pos >= 0:
            cuts.append((pos, pos + len(token)))
            pos = lowered.find(token, pos + len(token), end)
    if not cuts:
        return [(start, end)]
    out = []
    pos = start
    for cut_start, cut_end in sorted(cuts):
        if cut_start < pos:
            continue
        cut_start = cut_start - 1 if lowered[cut_start - 1] == "," else cut_start
        if cut_start > pos:
            out.append((pos, cut_start))
        pos = cut_end
    if end > pos:
        out.append((pos, end))
    return out


def _groups(text: str, bodies: list[BodyMention]) -> list[list[BodyMention]]:
    """Bodies named together ("the MPS and the MoJ") as one group each, in order."""
    groups: list[list[BodyMention]] = []
    for b in bodies:
        if groups and _JOINER.match(text[groups[-1][-1].end : b.start]):
            groups[-1].append(b)
        else:
            groups.append([b])
    return groups


def _names(group: list[BodyMention]) -> list[str]:
    out: list[str] = []
    for b in group:
        if b.name not in out:
            out.append(b.name)
    return out


@dataclass
class _Quoted:
    start: int
    end: int
    organisation: str | None  # a public body speaking; None when the words are not a body's own


def _quoted_spans(found: list[Found]) -> list[_Quoted]:
    spans = []
    for f in found:
        org = f.speaker.organisation if f.speaker.is_body else None
        spans.append(_Quoted(f.quote_start, f.quote_end, org))
    return spans


def _rule_holder(
    text: str,
    clause: tuple[int, int],
    cue_at: int,
    sentence: tuple[int, int],
    ctx: BodyContext,
    quoted: _Quoted | None,
    context: list[str],
) -> list[str]:
    """The bodies whose rule a clause states: named before the cue, else after it, else in context."""
    in_clause = ctx.within(*clause)
    if in_clause:
        before = [b for b in in_clause if b.end <= cue_at]
        if before:
            return _names(_groups(text, before)[-1])
        return _names(_groups(text, in_clause)[0])
    in_sentence = ctx.within(*sentence)
    if in_sentence:
        return _names(_groups(text, in_sentence)[0])
    if quoted is not None and quoted.organisation:
        return [quoted.organisation]
    if len(context) > 1:
        # "In Birmingham, ..." after a sentence about two councils: the place picks one of them
        words = text[sentence[0] : sentence[1]]
        picked = [name for name in context if re.search(rf"\b{re.escape(name.split()[0])}\b", words)]
        if picked:
            return picked
    reference = re.search(
        r"\b(?:the|its|this)\s+(force|department|ministry|council|trust|service|constabulary)\b",
        text[sentence[0] : sentence[1]],
        re.IGNORECASE,
    )
    if reference:
        kinds = statement_vocabulary()["body_nouns"].get(reference.group(1).lower()) or None
        body = ctx.last_before(sentence[0], kinds)
        if body is not None:
            return [body.name]
    return list(context)


def _holder_name(name: str) -> str:
    """The body whose rule it is: the armed forces' rules are the Ministry of Defence's."""
    resolved = resolve_body(name)
    if resolved is not None and resolved[1] in vocabulary().holder_by_kind:
        return vocabulary().holder_by_kind[resolved[1]]
    return name


def find_policies(
    text: str,
    found: list[Found] | None = None,
    sentences: list[tuple[int, int]] | None = None,
    bodies: list[BodyMention] | None = None,
    cues: Cues | None = None,
) -> list[PolicyFact]:
    """Policy facts of `text` (see `extract_policies`). `found` (statements), `sentences`, `bodies` and
    `cues` may be passed in when the caller has them already, so one document is split and scanned once."""
    if not isinstance(text, str) or not text.strip():
        return []
    v = vocabulary()
    if sentences is None:
        sentences = sentence_spans(text)
    if bodies is None:
        bodies = find_bodies(text)
    ctx = BodyContext(bodies)
    lowered = lower_keeping_offsets(text)
    if cues is None:
        cues = find_cues(lowered, sentences)
    if found is None:
        found = find_statements(text, sentences, bodies, cues.speech)
    quoted = sorted(_quoted_spans(found), key=lambda q: (q.start, q.end))
    next_quote = 0
    candidates = cues.rules
    if not candidates:
        return []
    platforms = cues.platforms
    platform_starts = [p[0] for p in platforms]
    facts: list[PolicyFact] = []
    seen: set[tuple] = set()
    context: list[str] = []
    previous: tuple[int, int] = (0, 0)
    for index, sentence in enumerate(sentences):
        s, e = sentence
        named = ctx.within(s, e)
        here = candidates.get(index)
        if not here or _headline_like(text, s, e):
            if named:
                context = _names(_groups(text, named)[0])
            previous = sentence
            continue
        while next_quote < len(quoted) and quoted[next_quote].end <= s:
            next_quote += 1  # sentences come in text order: quotes ending before this one are done
        inside = quoted[next_quote] if next_quote < len(quoted) and quoted[next_quote].start < e else None
        if inside is not None and inside.organisation is None and inside.start <= (s + e) // 2 < inside.end:
            continue  # the words of someone other than a public body: not a body's rule
        if not named and v.generic_subject.match(lowered, s, e):
            continue
        if v.request.search(lowered, s, e):
            continue  # a question or a request (an FOI letter's), not a rule
        about_sites: bool | None = None
        for clause in _clauses(s, e, lowered):
            # only the rules whose needed word lies in this clause can match in it
            rules: set[int] = set()
            for pos, ids in here:
                if clause[0] <= pos < clause[1]:
                    rules |= ids
            if not rules:
                continue
            in_clause = platforms[
                bisect_left(platform_starts, clause[0]) : bisect_left(platform_starts, clause[1])
            ]
            names = list(dict.fromkeys(name for _, _, name in in_clause))
            if about_sites is None:
                # "Leeds staff can reach all three" is about the sites the sentence before named
                about_sites = bisect_left(platform_starts, previous[0]) != bisect_left(
                    platform_starts, previous[1]
                ) or index in cues.sites
            for fact in _clause_facts(
                text, lowered, rules, clause, sentence, names, about_sites, ctx, inside, context
            ):
                key = (fact.organisation, fact.kind, fact.stance, tuple(fact.platforms))
                if key not in seen:
                    seen.add(key)
                    facts.append(fact)
        if named:
            context = _names(_groups(text, named)[0])
        previous = sentence
    return facts


def _clause_facts(
    text: str,
    lowered: str,
    rule_ids: set[int],
    clause: tuple[int, int],
    sentence: tuple[int, int],
    platforms: list[str],
    about_sites: bool,
    ctx: BodyContext,
    quoted: _Quoted | None,
    context: list[str],
) -> list[PolicyFact]:
    v = vocabulary()
    words = lowered[clause[0] : clause[1]]
    hortative = any(w in words for w in v.hortative_words) and bool(v.hortative.search(words))
    hits: dict[str, tuple[Rule, re.Match[str]]] = {}  # by kind, or by kind/stance for multi_stance kinds
    for i in sorted(rule_ids):
        rule = v.rules[i]
        key = f"{rule.kind}/{rule.stance}" if rule.kind in v.multi_stance else rule.kind
        if key in hits:
            continue
        if hortative and rule.stance != "recommended":
            continue
        if rule.kind in ("access", "personal_use") and not (about_sites or platforms):
            continue
        m = next((m for m in rule.pattern.finditer(words) if not _negated(words, m.start())), None)
        if m and not any(kind == rule.kind and p.search(words) for kind, p in v.not_a_rule):
            hits[key] = (rule, m)
    for key in list(hits):
        rule, m = hits[key]
        inner = any(
            k != key and o.start() <= m.start() and m.end() <= o.end() and (o.start(), o.end()) != m.span()
            for k, (r, o) in hits.items()
            if r.kind == rule.kind
        )
        if inner:  # "genuine business need": one exception, read from the longer words
            del hits[key]
            continue
        others = [(r, o) for k, (r, o) in hits.items() if k != key and not _within(o, m)]
        blockers = {f"{r.kind}/{r.stance}" for r, _ in others} | {r.kind for r, _ in others}
        overlapping = {f"{r.kind}/{r.stance}" for r, o in others if _overlap(o, m)}
        for blocked in (rule.kind, f"{rule.kind}/{rule.stance}"):
            if v.suppress.get(blocked, frozenset()) & blockers or (
                v.suppress_overlapping.get(blocked, frozenset()) & overlapping
            ):
                del hits[key]
                break
    facts = []
    for rule, m in hits.values():
        kind = rule.kind
        cue_at = clause[0] + m.start()
        holders = _rule_holder(text, clause, cue_at, sentence, ctx, quoted, context)
        holders = list(dict.fromkeys(_holder_name(h) for h in holders))
        detail = re.sub(r"\s+", " ", text[cue_at : clause[0] + m.end()]).strip(" ,.;:")[:160] or None
        for org in holders:
            facts.append(
                PolicyFact(
                    organisation=org,
                    kind=kind,
                    stance=rule.stance,
                    platforms=platforms if kind in _PLATFORM_KINDS else [],
                    detail=detail,
                    evidence=text[sentence[0] : sentence[1]],
                    evidence_start=sentence[0],
                    evidence_end=sentence[1],
                )
            )
    return facts


def _overlap(a: re.Match[str], b: re.Match[str]) -> bool:
    return a.start() < b.end() and b.start() < a.end()


def _within(inner: re.Match[str], outer: re.Match[str]) -> bool:
    return outer.start() <= inner.start() and inner.end() <= outer.end()


def _negated(words: str, at: int) -> bool:
    """ "does not ban Twitter", "has never issued guidance": the rule's words are denied."""
    return bool(vocabulary().negated.search(words, max(0, at - 40), at))


def extract_policies(text: str, published: date | None = None) -> list[PolicyFact]:
    """Every rule about social media that `text` states of a public body, one fact per
    (organisation, kind, stance, platforms), each with its sentence as evidence."""
    facts = find_policies(text)
    if published is not None:
        facts = [f.model_copy(update={"published": published}) for f in facts]
    return facts


def extract_document_policies(doc: Document) -> list[PolicyFact]:
    """The policy facts of one Document, citing `doc.name` and dated `doc.published`."""
    return [
        f.model_copy(update={"document": doc.name, "published": doc.published})
        for f in find_policies(doc.text)
    ]


def extract_policies_and_statements(
    text: str,
    published: date | None = None,
    bodies: list[BodyMention] | None = None,
    *,
    sentences: list[Sentence] | None = None,
    orgs: OrgContext | None = None,
) -> tuple[list[PolicyFact], list[Statement]]:
    """Both kinds of fact in one pass: the text is split, scanned for cues and for bodies once.

    A caller that has them already (the figure extractor) may pass the shared `sentences`
    (extract.sentences.split_sentences) and `orgs` (extract.organisations.OrgContext), or `bodies`.
    """
    if not isinstance(text, str) or not text.strip():
        return [], []
    spans = [(s.start, s.end) for s in (split_sentences(text) if sentences is None else sentences)]
    if bodies is None:
        bodies = find_bodies(text, orgs)
    cues = find_cues(lower_keeping_offsets(text), spans)
    found = find_statements(text, spans, bodies, cues.speech)
    facts = find_policies(text, found, spans, bodies, cues)
    statements = [f.statement for f in found]
    if published is not None:
        facts = [f.model_copy(update={"published": published}) for f in facts]
        statements = [s.model_copy(update={"published": published}) for s in statements]
    return facts, statements


def extract_document_facts(
    doc: Document, *, sentences: list[Sentence] | None = None, orgs: OrgContext | None = None
) -> tuple[list[PolicyFact], list[Statement]]:
    """Policy facts and statements of one Document, each citing `doc.name` and dated `doc.published`
    (`sentences` and `orgs` as in `extract_policies_and_statements`, when the caller has them)."""
    facts, statements = extract_policies_and_statements(doc.text, sentences=sentences, orgs=orgs)
    update = {"document": doc.name, "published": doc.published}
    return [f.model_copy(update=update) for f in facts], [s.model_copy(update=update) for s in statements]
