"""What grouping knows of one document beyond its figures: who asked, what was asked, which bodies
it is about, whether it reports one request sent to many bodies, which platforms it names.

A profile is small and computed once from the document's text, so grouping can compare a corpus of
documents without holding their texts.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from collections.abc import Sequence
from datetime import date
from functools import cache

from pydantic import BaseModel, Field

from disclosed import vocab
from disclosed.authorities import find_authority_mentions, resolve_authority
from disclosed.authorities.references import kind_of_reference, reference_words
from disclosed.extract.policies import find_platforms
from disclosed.extract.requester import find_requester
from disclosed.model import Document, Figure
from disclosed.read.dates import latest_date_written
from disclosed.stories.phrases import request_headings
from disclosed.stories.requesters import RequesterVocabulary, default_vocabulary

# Raised whenever what a profile holds or how it is read changes: stored profiles of an older
# version are computed again.
PROFILE_VERSION = 2

# Words of the request a document quotes, compared as overlapping runs of this many words.
REQUEST_SHINGLE = 4
REQUEST_MAX_SHINGLES = 400
# A request quoted in fewer words than this is too short to recognise again.
REQUEST_MIN_WORDS = 12
REQUEST_MIN_SHARED = 8
# Bodies of one kind a document names for it to report one request sent to many bodies.
ROUND_ROBIN_BODIES = 3

_WORDS = re.compile(r"[a-z0-9]+")


class StoryProfile(BaseModel):
    """A document's request and subject, as grouping compares them."""

    requester: str | None = None  # the requester's one name (RequesterVocabulary.key)
    requester_name: str | None = None  # as written
    requester_evidence: str | None = None
    request: list[int] = Field(default_factory=list)  # hashed word runs of the quoted request
    bodies: list[str] = Field(default_factory=list)  # bodies the document is about, most named first
    kinds: list[str] = Field(default_factory=list)  # the kinds of those bodies
    round_robin: list[str] = Field(default_factory=list)  # kinds of body it reports a request to many of
    round_robin_evidence: str | None = None
    platforms: list[str] = Field(default_factory=list)
    outcomes: list[str] = Field(default_factory=list)  # outcome codes it reports (figures or wording)
    numbers: list[list[int]] = Field(default_factory=list)  # distinctive numbers written in one sentence
    not_before: date | None = None  # the latest date it mentions: it was not published earlier


def _sentence_around(text: str, start: int, end: int) -> str:
    a = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    b = min(stops) + 1 if stops else len(text)
    return " ".join(text[a:b].split())[:300]


def _requester(doc: Document, figures: Sequence[Figure], vocab: RequesterVocabulary
               ) -> tuple[str | None, str | None, str | None]:
    named = [f.requester for f in figures if f.requester]
    candidates: list[tuple[str, str | None]] = [(n, None) for n in named]
    found = find_requester(doc.text)
    if found:
        candidates.append((found, None))
    for name, start, end in vocab.mentions(doc.text):
        candidates.append((name, _sentence_around(doc.text, start, end)))
    found_keys: list[tuple[str, str, str | None]] = []
    for name, evidence in candidates:
        name = re.split(r"\s*\n\s*", name.strip())[-1]  # a name does not run across lines
        if any(w in name.lower() for w in ("freedom of information", "foi ")):
            continue
        authority = resolve_authority(name)
        if authority is not None and not vocab.known(name):
            continue  # a public body named where a requester could be: the body that answered
        if name.isupper() and len(name) <= 6 and not vocab.known(name):
            continue  # an acronym no vocabulary knows: more often the body's than a requester's
        key = vocab.key(name, doc.outlet)
        if key:
            found_keys.append((key, name, evidence))
    for key, name, evidence in found_keys:
        # the fullest spelling found: "Radio" cut short by a number ("Radio 9") yields to it
        longer = [f for f in found_keys if f[0] != key and f[0].startswith(key + " ")]
        if not longer:
            return key, name, evidence
    return None, None, None


def _shingles(words: list[str]) -> list[int]:
    runs = {zlib.crc32(" ".join(words[i : i + REQUEST_SHINGLE]).encode())
            for i in range(max(0, len(words) - REQUEST_SHINGLE + 1))}
    return sorted(runs)[:REQUEST_MAX_SHINGLES]


def request_wording(text: str) -> str | None:
    """The request a document quotes: the lines under a heading such as "Request" or "You asked"
    up to the answer ("Response", "We answered"), or the paragraph asking ("I would like to know
    ..."). None when the document quotes no request."""
    starts, ends, asks = request_headings()
    lines = text.splitlines()
    for i, line in enumerate(lines):
        head, colon, inline = " ".join(line.split()).partition(":")
        if head.lower() not in starts or (not colon and line.strip().endswith(".")):
            continue
        body = [inline.strip()] if inline.strip() else []
        for following in lines[i + 1 :]:
            flat = " ".join(following.split()).lower().rstrip(":")
            if flat in ends or (len(flat) < 60 and any(flat.startswith(e) for e in ends if len(e) > 8)):
                break
            body.append(following)
        wording = " ".join(" ".join(body).split())
        if len(wording.split()) >= REQUEST_MIN_WORDS:
            return wording
    for m in asks.finditer(text):
        end = text.find("\n\n", m.start())
        wording = " ".join(text[m.start() : end if end != -1 else len(text)].split())
        if len(wording.split()) >= REQUEST_MIN_WORDS:
            return wording
    return None


@cache
def _plural_references() -> tuple[re.Pattern[str], dict[str, frozenset[str]]]:
    plurals = {w: frozenset(kind_of_reference(w)) for w in reference_words() if w.endswith("s")}
    words = "|".join(re.escape(w) for w in sorted(plurals, key=len, reverse=True))
    # "41 of the 43 forces", "25 of the largest NHS trusts", "all 32 councils", "every one of the forces"
    pattern = re.compile(
        rf"\b(?:\d[\d,]*|all|every|each)\b(?:[\s,'’-]+[\w'’-]+){{0,5}}?[\s-]+(?P<noun>{words})\b",
        re.IGNORECASE,
    )
    return pattern, plurals


def _bodies(doc: Document, figures: Sequence[Figure]) -> tuple[list[str], list[str], list[str], str | None]:
    mentions = find_authority_mentions(doc.text)
    counts: Counter[str] = Counter(m.authority.official_name for m in mentions)
    kinds_of = {m.authority.official_name: m.authority.kind for m in mentions}
    for f in figures:
        authority = resolve_authority(f.organisation)
        if authority is not None:
            counts[authority.official_name] += 1
            kinds_of[authority.official_name] = authority.kind
    most = max(counts.values(), default=0)
    bodies = [b for b, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
              if n >= max(1, math.ceil(most / 2)) or len(counts) == 1]
    kinds = sorted({kinds_of[b] for b in bodies})
    per_kind = Counter(kinds_of[b] for b in counts)
    round_robin = {k for k, n in per_kind.items() if n >= ROUND_ROBIN_BODIES}
    evidence = None
    pattern, plurals = _plural_references()
    for m in pattern.finditer(doc.text):
        found = plurals[m.group("noun").lower()]
        if found:
            round_robin |= found
            evidence = evidence or _sentence_around(doc.text, m.start(), m.end())
    if round_robin and evidence is None:
        evidence = "names " + ", ".join(b for b in counts if kinds_of[b] in round_robin)
    return bodies, kinds, sorted(round_robin), evidence


@cache
def _outcome_words() -> tuple[re.Pattern[str], dict[str, str]]:
    codes = vocab.load("outcomes")["codes"]
    by_phrase = {vocab.normalise_phrase(p): code for code, entry in codes.items() for p in entry["phrases"]}
    # phrases matched on lower-cased text with hyphens and whitespace runs as single spaces
    return re.compile(rf"\b(?:{vocab.literal_trie_pattern(by_phrase)})\b"), by_phrase


def outcomes_named(text: str) -> set[str]:
    """The outcome codes a text names anywhere ("sacked" -> dismissed), whether or not with a count."""
    pattern, by_phrase = _outcome_words()
    return {by_phrase.get(m.group(0), "") for m in pattern.finditer(vocab.normalise_phrase(text))} - {""}


# A count as written in figures: not money, a share, a year, a time or part of a date or reference.
_COUNT = re.compile(
    r"(?<![£$€\d.,:/-])\b(\d{1,3}(?:,\d{3})*|\d+)\b(?![.,:/-]?\d)(?!\s*(?:%|per ?cent|percent))"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
NUMBER_PAIRS_MAX = 200


def number_pairs(text: str) -> list[list[int]]:
    """Pairs of distinct counts of at least 10 written in one sentence ("16 trusts took 72
    actions"): what retellings repeat even when no figure can be read from them. Years, money,
    shares and dates are left out."""
    pairs: set[tuple[int, int]] = set()
    for sentence in _SENTENCE_END.split(text):
        counts = set()
        for m in _COUNT.finditer(sentence):
            n = int(m.group(1).replace(",", ""))
            if n >= 10 and not (1900 <= n <= 2099 and len(m.group(1)) == 4):
                counts.add(n)
        ordered = sorted(counts)
        pairs.update((a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :])
        if len(pairs) >= NUMBER_PAIRS_MAX:
            break
    return [list(p) for p in sorted(pairs)[:NUMBER_PAIRS_MAX]]


def story_profile(doc: Document, figures: Sequence[Figure] = (),
                  vocabulary: RequesterVocabulary | None = None) -> StoryProfile:
    """The profile of one document (with its full text) and the figures extracted from it."""
    vocab = vocabulary or default_vocabulary()
    key, name, evidence = _requester(doc, figures, vocab)
    wording = request_wording(doc.text)
    bodies, kinds, round_robin, rr_evidence = _bodies(doc, figures)
    platforms = set(find_platforms(doc.text)) | {p for f in figures for p in f.platforms}
    return StoryProfile(
        requester=key,
        requester_name=name,
        requester_evidence=evidence,
        request=_shingles(_WORDS.findall(wording.lower())) if wording else [],
        bodies=bodies,
        kinds=kinds,
        round_robin=round_robin,
        round_robin_evidence=rr_evidence,
        platforms=sorted(platforms),
        outcomes=sorted(outcomes_named(doc.text) | {f.outcome for f in figures}),
        numbers=number_pairs(doc.text),
        not_before=latest_date_written(doc.text),
    )


def figures_signature(figures: Sequence[Figure]) -> int:
    """A checksum of what a profile takes from a document's figures, to tell a stored profile is stale."""
    parts = sorted(f"{f.organisation}|{f.outcome}|{f.requester}|{','.join(f.platforms)}" for f in figures)
    return zlib.crc32("\n".join(parts).encode()) & 0x7FFFFFFF  # fits a signed 32-bit column


def request_similarity(a: StoryProfile, b: StoryProfile) -> float:
    """How much of the shorter of two quoted requests the other repeats (word runs in common over
    the shorter's), so a request quoted with a greeting or a line less is still the same; 0 when
    either quotes none or they share fewer than REQUEST_MIN_SHARED runs."""
    if not a.request or not b.request:
        return 0.0
    sa, sb = set(a.request), set(b.request)
    shared = len(sa & sb)
    return shared / min(len(sa), len(sb)) if shared >= REQUEST_MIN_SHARED else 0.0


__all__ = ["PROFILE_VERSION", "StoryProfile", "figures_signature", "request_similarity", "request_wording",
           "story_profile"]
