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

from disclosed.extract.statements import (
    BodyContext,
    BodyMention,
    Found,
    _headline_like,
    find_bodies,
    find_statements,
    lower_keeping_offsets,
    sentence_spans,
    trie_pattern,
)
from disclosed.extract.statements import (
    vocabulary as statement_vocabulary,
)
from disclosed.model import Document, PolicyFact, Statement

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
    site_words: re.Pattern[str]
    hortative: re.Pattern[str]
    hortative_words: tuple[str, ...]
    generic_subject: re.Pattern[str]
    suppress: dict[str, frozenset[str]]
    multi_stance: frozenset[str]
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
        site_words=re.compile(data["site_words"]),
        hortative=re.compile(data["hortative"]),
        hortative_words=tuple(data["hortative_needs"]),
        generic_subject=re.compile(data["generic_subject"]),
        suppress={k: frozenset(v) for k, v in data["suppress"].items()},
        multi_stance=frozenset(data["multi_stance"]),
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


@cache
def _needs_finder() -> re.Pattern[str]:
    return re.compile(trie_pattern(list(_need_index())))


@cache
def _platform_finder() -> re.Pattern[str]:
    return re.compile(trie_pattern([spelling for spelling, _ in _spellings()]))


def _rules_by_sentence(lowered: str, sentences: list[tuple[int, int]]) -> dict[int, set[int]]:
    """For each sentence holding a rule's needed word, the rules worth trying there (str.find is fast)."""
    starts = [s for s, _ in sentences]
    index = _need_index()
    out: dict[int, set[int]] = {}
    for m in _needs_finder().finditer(lowered):
        i = bisect_right(starts, m.start()) - 1
        if i >= 0 and m.start() < sentences[i][1]:
            out.setdefault(i, set()).update(index[m.group()])
    return out


def find_platforms(text: str) -> list[str]:
    """Platform names a piece of text mentions, in order, each once."""
    return _platforms_in(lower_keeping_offsets(text))


def _platforms_in(lowered: str) -> list[str]:
    out: list[str] = []
    for _, _, name in _platform_hits(lowered):
        if name not in out:
            out.append(name)
    return out


def _platform_hits(lowered: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, platform) for each platform named in lower-cased text, in order."""
    names = dict(_spellings())
    hits: list[tuple[int, int, str]] = []
    for m in _platform_finder().finditer(lowered, start, len(lowered) if end is None else end):
        pos, end = m.span()
        if (pos == 0 or not _WORDISH(lowered[pos - 1])) and (
            end == len(lowered) or not _WORDISH(lowered[end])
        ):
            hits.append((pos, end, names[m.group()]))
    return hits


def _WORDISH(ch: str) -> bool:  # noqa: N802 - read like a character class
    return ch.isalnum() or ch == "-"


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


def find_policies(
    text: str,
    found: list[Found] | None = None,
    sentences: list[tuple[int, int]] | None = None,
    bodies: list[BodyMention] | None = None,
) -> list[PolicyFact]:
    """Policy facts of `text` (see `extract_policies`). `found` (statements), `sentences` and `bodies`
    may be passed in when the caller has them already, so one document is split and scanned once."""
    if not isinstance(text, str) or not text.strip():
        return []
    v = vocabulary()
    if sentences is None:
        sentences = sentence_spans(text)
    if bodies is None:
        bodies = find_bodies(text)
    ctx = BodyContext(bodies)
    if found is None:
        found = find_statements(text, sentences, bodies)
    quoted = _quoted_spans(found)
    lowered = lower_keeping_offsets(text)
    candidates = _rules_by_sentence(lowered, sentences)
    if not candidates:
        return []
    platforms: list[tuple[int, int, str]] = []
    looked: set[int] = set()
    for index in sorted(candidates):
        for i in (index - 1, index):
            if i >= 0 and i not in looked:
                looked.add(i)
                platforms += _platform_hits(lowered, *sentences[i])
    platforms.sort()
    platform_starts = [p[0] for p in platforms]
    facts: list[PolicyFact] = []
    seen: set[tuple] = set()
    context: list[str] = []
    previous: tuple[int, int] = (0, 0)
    for index, sentence in enumerate(sentences):
        s, e = sentence
        named = ctx.within(s, e)
        rules = candidates.get(index)
        if not rules or _headline_like(text, s, e):
            if named:
                context = _names(_groups(text, named)[0])
            previous = sentence
            continue
        inside = next(
            (q for q in quoted if q.start <= s < q.end or q.start < e <= q.end or s <= q.start < e), None
        )
        if inside is not None and inside.organisation is None and inside.start <= (s + e) // 2 < inside.end:
            continue  # the words of someone other than a public body: not a body's rule
        if not named and v.generic_subject.match(lowered, s, e):
            continue
        for clause in _clauses(s, e, lowered):
            in_clause = platforms[
                bisect_left(platform_starts, clause[0]) : bisect_left(platform_starts, clause[1])
            ]
            before = bisect_left(platform_starts, previous[0]) != bisect_left(platform_starts, previous[1])
            names = list(dict.fromkeys(name for _, _, name in in_clause))
            for fact in _clause_facts(
                text, lowered, rules, clause, sentence, names, before, ctx, inside, context
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
    platforms_before: bool,
    ctx: BodyContext,
    quoted: _Quoted | None,
    context: list[str],
) -> list[PolicyFact]:
    v = vocabulary()
    words = lowered[clause[0] : clause[1]]
    hortative = any(w in words for w in v.hortative_words) and bool(v.hortative.search(words))
    # "Leeds staff can reach all three" is about the sites the sentence before named
    about_sites = platforms_before or bool(v.site_words.search(lowered, sentence[0], sentence[1]))
    hits: dict[str, tuple[Rule, re.Match[str]]] = {}  # by kind, or by kind/stance for multi_stance kinds
    kinds_hit: set[str] = set()
    for i, rule in enumerate(v.rules):
        if i not in rule_ids:
            continue
        key = f"{rule.kind}/{rule.stance}" if rule.kind in v.multi_stance else rule.kind
        if key in hits:
            continue
        if hortative and rule.stance != "recommended":
            continue
        if rule.kind in ("access", "personal_use") and not (about_sites or platforms):
            continue
        m = rule.pattern.search(words)
        if m:
            hits[key] = (rule, m)
            kinds_hit.add(rule.kind)
    for kind, blockers in v.suppress.items():
        if kind in hits and blockers & kinds_hit:
            del hits[kind]
    facts = []
    for rule, m in hits.values():
        kind = rule.kind
        cue_at = clause[0] + m.start()
        holders = _rule_holder(text, clause, cue_at, sentence, ctx, quoted, context)
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
    text: str, published: date | None = None, bodies: list[BodyMention] | None = None
) -> tuple[list[PolicyFact], list[Statement]]:
    """Both kinds of fact in one pass: the text is split into sentences and scanned for bodies once
    (`bodies` may come from the caller, e.g. the figure extractor's register mentions)."""
    if not isinstance(text, str) or not text.strip():
        return [], []
    sentences = sentence_spans(text)
    if bodies is None:
        bodies = find_bodies(text)
    found = find_statements(text, sentences, bodies)
    facts = find_policies(text, found, sentences, bodies)
    statements = [f.statement for f in found]
    if published is not None:
        facts = [f.model_copy(update={"published": published}) for f in facts]
        statements = [s.model_copy(update={"published": published}) for s in statements]
    return facts, statements


def extract_document_facts(doc: Document) -> tuple[list[PolicyFact], list[Statement]]:
    """Policy facts and statements of one Document, each citing `doc.name` and dated `doc.published`."""
    facts, statements = extract_policies_and_statements(doc.text)
    update = {"document": doc.name, "published": doc.published}
    return [f.model_copy(update=update) for f in facts], [s.model_copy(update=update) for s in statements]
