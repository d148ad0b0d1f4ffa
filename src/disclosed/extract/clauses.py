"""Reading one sentence: which outcome, staff group and body each count in it belongs to.

A sentence is cut at its counts: each count owns the text from itself to the next count (its
segment). An outcome phrase binds to a count when it follows it closely ("34 were given a final
written warning"), or precedes it closely as its object ("sacked four employees", "issued final
warnings to three"); a count with neither borrows the outcome of the count it is coordinated with
("six officers and two staff retired") or of an earlier clause ("12 were sacked in 2019 and four
in 2020"). Every scan is a single regular-expression pass over the sentence, so the cost of a
sentence is linear in its length.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache

from disclosed.extract.numbers import Count, parse_number
from disclosed.vocab import (
    counted_nouns,
    counted_nouns_describing,
    counterfactual_before,
    counterfactual_happened,
    general_staff_nouns,
    literal_trie_pattern,
    load,
    lower_text,
    normalise_phrase,
    not_outcome_matcher,
    outcome_table,
    staff_conjunctions,
    staff_group_table,
)

# The patterns below run on lower-cased text (`lower_text`), which `re` scans faster than a
# case-insensitive pattern.
# An outcome phrase after one of these is a reason or a condition, not an outcome:
# "disciplined for breaching", "sacked after an investigation", "suspended pending a hearing".
_REASON_BEFORE = re.compile(
    r"\b(?:for|after|following|pending|without|despite|during|into|over|of\s+an?(?:\s+(?!formal\b)[a-z-]+)?|"
    r"regarding|about)"
    r"(?:\s+(?:an?|the|their|his|her|facing|being|a\s+formal))?\s*$",
)
_NEGATED_BEFORE = re.compile(
    r"\b(?:not|never|no|n['’]t|neither|nor|(?:avoided|escaped)(?!\s+with\b))\s+(?:\w+\s+){0,3}$",
)
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]–—]|\s-\s|\b(?:and|but|while|whereas|although|though|which|who|or)\b")
_COORDINATION = re.compile(
    r"^\s*(?:[\w'’-]+\s+){0,4}?(?:,\s*)?(?:and|or|plus|as\s+well\s+as|along\s+with|alongside|together\s+with|&|,)"
    r"\s*(?:another|a\s+further|an\s+additional|further|additional)?\s*$",
)
_RULE_AFTER = re.compile(
    r"\s+(?:policy|policies|procedures?|code|codes|rules|guidance|guidelines|process|processes|framework|"
    r"regulations|measures\s+in\s+place|team|unit|department|panel)\b",
)
# Plans and possibilities are not outcomes: "will give training to 10,000", "could face dismissal",
# "had considered leaving the service".
_FUTURE_BEFORE = re.compile(
    r"\b(?:will|would|could|should|may|might|must|shall|plans?\s+to|aims?\s+to|intends?\s+to|is\s+to|are\s+to|"
    r"risk|risks|faces?\s+possible|potential|considered|considering|thought\s+about|thinking\s+about)"
    r"\s+(?:[\w-]+\s+){0,3}$",
)
_PARTITIVE_GAP = re.compile(r"^\s*of\s+(?:the|these|those|its|their)\s+(?:\w+\s+)?$")
_WORD = re.compile(r"[\w'’]+")
_PARTITIVE_AFTER = re.compile(r"^\s*(?:of\s+(?:them|these|those|whom|which|the\s+\w+)|among\s+them)\b")
_ANOTHER_BEFORE = re.compile(r"\b(?:another|a\s+further|an\s+additional|further|additional|other)\s*$")
_BACKREF_BEFORE = re.compile(r"(?:\b(?:the|these|those|all|both|of\s+these|of\s+those|of\s+the)\s*)$")
_NONE_OF_BEFORE = re.compile(r"\bnone\s+of\s+(?:the|these|those)?\s*$")
_HEADCOUNT_BEFORE = re.compile(
    r"\b(?:employs|employing|employ|employed|workforce\s+of|headcount\s+of|staff\s+of|out\s+of|of\s+its|"
    r"of\s+the|total\s+of\s+its|among\s+its|strength\s+of|team\s+of)\s*$",
)
_HEADCOUNT_AFTER = re.compile(
    r"^\s*(?:[\w'’-]+\s+){0,3}?(?:are\s+employed|employed|working\s+(?:for|at|in)|on\s+the\s+payroll|spread\s+across|"
    r"in\s+total\s+employed|strong\b)",
)

@cache
def _counted_noun_after() -> re.Pattern[str]:
    """A counted noun right after a count, perhaps after one word ("three Facebook cases")."""
    return re.compile(rf"\s+(?:[\w'’-]+\s+)?(?P<noun>{literal_trie_pattern(counted_nouns())})\b")


@cache
def _happened() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{literal_trie_pattern(counterfactual_happened())})\s+$")


@cache
def _counterfactual() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{literal_trie_pattern(counterfactual_before())})\s+$")


@cache
def _describing_after() -> re.Pattern[str]:
    words = literal_trie_pattern(counted_nouns_describing())
    return re.compile(rf"(?:\s+(?:of\s+)?[\w'’-]+){{0,2}}\s+(?:{words})\b")


@cache
def _body_count_after() -> re.Pattern[str]:
    """ "two North East police forces", "16 trusts": a count followed (within six words that name
    no staff) by a plural body noun counts bodies."""
    from disclosed.vocab import literal_trie_pattern, load

    nouns = literal_trie_pattern(load("bodies")["body_nouns"])
    staff = r"(?!officers?\b|staff\b|employees?\b|workers?\b|members?\b|people\b)"
    return re.compile(rf"^\s+(?:{staff}[\w'’-]+\s+){{0,6}}(?:{nouns})\b")


_OPENING_SUBSET = re.compile(r"^\W*(?:of|among)\s+the\s*$")
_PASSIVE_AFTER = re.compile(r"[^,;.]*?\b(?:were|was|had\s+been|have\s+been)\b")


# Words one of which every match of a pattern above holds: where none is in the window (most
# windows), a substring test answers for the pattern, which `re` would try at every position.
_NEGATED_WORDS = ("no", "never", "n't", "n’t", "neither", "avoided", "escaped")  # "no" in not, nor
_ANOTHER_WORDS = ("other", "further", "additional")  # "other" in another


def _negated_before(before: str) -> bool:
    return any(w in before for w in _NEGATED_WORDS) and _NEGATED_BEFORE.search(before) is not None


def _another_before(before: str) -> bool:
    return any(w in before for w in _ANOTHER_WORDS) and _ANOTHER_BEFORE.search(before) is not None


def _none_of_before(before: str) -> bool:
    return "none" in before and _NONE_OF_BEFORE.search(before) is not None


@cache
def _void_first_words() -> tuple[str, ...]:
    phrases = load("outcomes")["not_outcomes"]["phrases"]
    return tuple(sorted({normalise_phrase(p).split()[0] for p in phrases}))


def _void_possible(low: str) -> bool:
    """Whether a phrase without a contract code may occur: a substring test spares most sentences a scan."""
    return any(w in low for w in _void_first_words())


@dataclass(frozen=True, slots=True)
class Cue:
    """An outcome phrase in a sentence: sentence offsets and the outcome code it expresses."""

    start: int
    end: int
    code: str


@dataclass(slots=True)
class Reading:
    """What a sentence says about one count (sentence offsets throughout)."""

    count: Count
    seg_start: int  # the count's clause: from the previous count's end...
    seg_end: int  # ...to the next count's start
    outcome: str | None = None
    staff_noun: str | None = None  # the staff group the noun names, before police adjustment
    staff_general: bool = False  # the noun names a whole workforce ("staff", "employees")
    staff_text: str = ""  # the noun as written
    partitive: bool = False  # "one of them", "12 of whom"
    another: bool = False  # "another eight", "a further three"
    backref: bool = False  # "the 11", "these 116": a count already stated
    none_of: bool = False  # "none of the 12"
    headcount: bool = False  # "out of 500 staff", "employs 122,000"
    how: str = ""  # how the outcome was found: forward, backward, coordinated, earlier
    loose: bool = False  # the outcome phrase follows at a distance, past a clause break


def find_cues(sentence: str, lowered: str | None = None, keep_void: bool = False) -> list[Cue]:
    """Outcome phrases in a sentence, leaving out reasons ("for breaching"), negations ("not sacked")
    and names of rules ("the Disciplinary Policy"). `lowered` is `lower_text(sentence)` if known.

    Phrases with no contract code ("demoted", "struck off") are left out too, or with
    `keep_void` kept as cues with the empty code, so that the count they govern takes no outcome.
    """
    low = lower_text(sentence) if lowered is None else lowered
    matcher = not_outcome_matcher()
    void = [(m.start(), m.end()) for m in matcher.finditer(low)] if _void_possible(low) else []
    cues = []
    for start, end, code in outcome_table().finditer(sentence, lowered=low):
        if void and any(a < end and start < b for a, b in void):
            continue
        before = low[max(0, start - 40) : start]
        if _REASON_BEFORE.search(before):
            continue
        if _negated_before(before) and not _happened().search(before):
            continue
        if _RULE_AFTER.match(low, end) or _FUTURE_BEFORE.search(before):
            continue
        cues.append(Cue(start, end, code))
    if keep_void and void:
        cues = sorted(cues + [Cue(a, b, "") for a, b in void], key=lambda q: q.start)
    return cues


@cache
def _staff_pattern() -> re.Pattern[str]:
    return staff_group_table().pattern


def staff_nouns(
    sentence: str, start: int = 0, end: int | None = None, lowered: str | None = None
) -> list[tuple[int, int, str, bool]]:
    """(start, end, group, general) for each staff-group noun in sentence[start:end]."""
    table = staff_group_table()
    general = general_staff_nouns()
    out: list[tuple[int, int, str, bool]] = []
    low = lower_text(sentence) if lowered is None else lowered
    for s, e, group in table.finditer(sentence, start, len(sentence) if end is None else end, low):
        noun = (s, e, group, normalise_phrase(sentence[s:e]) in general)
        if out and _joins_workforce(out[-1], noun, low):
            # "officers and support staff", "PCSOs or officers": both halves of a force together
            noun = (out.pop()[0], e, "all", False)
        out.append(noun)
    return out


def _joins_workforce(a: tuple[int, int, str, bool], b: tuple[int, int, str, bool], low: str) -> bool:
    """Whether two staff nouns joined by "and"/"or" name officers and civilian staff together."""
    kinds = {a[2], b[2]}
    civilian = "police_staff" in kinds or (b[2] == "staff" and b[3]) or (a[2] == "staff" and a[3])
    if "police_officers" not in kinds or not civilian or "all" in kinds:
        return False
    return normalise_phrase(low[a[1] : b[0]]) in staff_conjunctions()


# the object an outcome was given to: "final warnings were issued to three officers"
_GIVEN_TO_BEFORE = re.compile(r"\b(?:to|against|on|upon|at|among|for|of|into)\s+(?:[\w-]+\s+){0,2}$")
_ORG_IN_BRACKETS = re.compile(r"Org\s*\(\s*Org\s*\)")
_LIST_PUNCTUATION = re.compile(r"[,;:]")
# an outcome phrase then a verb of result: the phrase names the process, the next one its result
_RESULT_AFTER = re.compile(r"\s+(?:\w+\s+)?(?:concluded|ended|resulted|led|closed)\s+(?:with|in|to)\b")
# between a count's case noun and what the cases found: "cases, it was found that there was"
_FOUND_BETWEEN = re.compile(
    r",?\s+(?:it\s+)?(?:was\s+|were\s+)?(?:found|concluded|decided|established)\s+(?:that\s+)?"
    r"(?:there\s+(?:was|were)\s+)?"
)
_BROUGHT_AGAINST = re.compile(
    r"\b(?:brought|taken|issued|given|handed|imposed|launched|opened|started)\s+(?:against|to|on|into)\s*$"
)
# "an outcome in N (cases)": the outcome before the count is its own, whatever follows
_IN_CASES_GAP = re.compile(
    r"^\s*(?:was\s+given\s+|was\s+the\s+outcome\s+)?in\s+(?:a\s+further\s+|another\s+)?$"
)


def _masked(text: str, spans: list[tuple[int, int]], offset: int) -> str:
    """`text` with the given spans (organisation names, sorted and not overlapping) replaced by a
    neutral word. Only the spans near the window are visited (bisect), so masking every count's gap
    in a sentence costs in proportion to the sentence, not to counts times names."""
    out = []
    pos = 0
    first = bisect_right(spans, (offset, offset)) - 1 if spans else 0
    for a, b in spans[max(first, 0) :]:
        a, b = a - offset, b - offset
        if a >= len(text):
            break
        if b <= 0:
            continue
        a, b = max(a, 0), min(b, len(text))
        if a < pos:
            continue
        out.append(text[pos:a])
        out.append("Org")
        pos = b
    out.append(text[pos:])
    return _ORG_IN_BRACKETS.sub("Org", "".join(out))


def _outside_names(
    sentence: str, low: str, nouns: list[tuple[int, int, str, bool]], org_spans: list[tuple[int, int]]
) -> list[tuple[int, int, str, bool]]:
    """The staff nouns with any part inside a body's name read again from where the name ends:
    "Kent Police staff" is the force's staff, not "police staff"."""
    out = []
    for n in nouns:
        k = bisect_right(org_spans, (n[0], len(sentence))) - 1
        if k >= 0 and org_spans[k][0] <= n[0] < org_spans[k][1] < n[1]:
            out += staff_nouns(sentence, org_spans[k][1], n[1], low)
        else:
            out.append(n)
    return out


def _tight(gap: str, max_words: int) -> bool:
    return not _CLAUSE_BREAK.search(gap) and len(_WORD.findall(gap)) <= max_words


def read_counts(
    sentence: str, counts: list[Count], org_spans: list[tuple[int, int]], lowered: str | None = None
) -> list[Reading]:
    """A Reading per count: its clause, outcome and staff noun, by the rules in the module docstring."""
    low = lower_text(sentence) if lowered is None else lowered
    cues = find_cues(sentence, low, keep_void=True)
    nouns = _outside_names(sentence, low, staff_nouns(sentence, lowered=low), org_spans)
    readings: list[Reading] = []
    for i, c in enumerate(counts):
        seg_start = counts[i - 1].end if i else 0
        seg_end = counts[i + 1].start if i + 1 < len(counts) else len(sentence)
        r = Reading(c, seg_start, seg_end)
        before = low[max(0, c.start - 40) : c.start]
        after = low[c.end : c.end + 40]
        r.partitive = bool(_PARTITIVE_AFTER.match(after))
        r.another = _another_before(before)
        r.backref = bool(_BACKREF_BEFORE.search(before)) and not r.partitive
        r.none_of = _none_of_before(before)
        head_after = _HEADCOUNT_AFTER.match(after)
        if head_after and "working" in head_after.group() and _PASSIVE_AFTER.match(low, c.end, c.end + 90):
            head_after = None  # "37 people working for the council were investigated": the subject
        r.headcount = bool(_HEADCOUNT_BEFORE.search(before) or head_after)
        if "s" in after and _body_count_after().match(after):
            r.headcount = True  # a number of bodies, not of staff
        readings.append(r)
    # cues and nouns do not overlap among themselves, so their starts and ends are both sorted: each
    # count finds its own with a bisect, and a count's segment holds cues no other segment holds
    cue_starts = [q.start for q in cues]
    cue_ends = [q.end for q in cues]
    noun_starts = [n[0] for n in nouns]
    noun_ends = [n[1] for n in nouns]
    for r in readings:
        c = r.count
        lo = bisect_left(cue_starts, c.end)
        hi = bisect_right(cue_ends, r.seg_end, lo)
        forward = cues[lo:hi]
        j = bisect_right(cue_ends, c.start) - 1
        b = cues[j] if j >= 0 and cues[j].start >= r.seg_start else None
        f = forward[0] if forward else None
        f_gap = _masked(low[c.end : f.start], org_spans, c.end) if f else ""
        b_gap = _masked(low[b.end : c.number_start], org_spans, b.end) if b else ""
        if f is not None and _PARTITIVE_GAP.match(f_gap):
            # "18 of the investigations found a breach": the partitive names the set, the verb the outcome
            later = [q for q in forward[1:] if q.code != f.code]
            if later:
                f = later[0]
                f_gap = _masked(low[c.end : f.start], org_spans, c.end)
        if f is not None and forward[1:] and _counterfactual().search(low, max(0, f.start - 30), f.start):
            # "seven would have been made redundant had they not resigned": the outcome that happened
            f = forward[1]
            f_gap = _masked(low[c.end : f.start], org_spans, c.end)
        if (
            f is not None
            and forward[1:]
            and not f_gap.strip()
            and _FOUND_BETWEEN.fullmatch(low, f.end, forward[1].start)
        ):
            # "in two investigations it was found there was no case to answer": the finding is the outcome
            f = forward[1]
            f_gap = _masked(low[c.end : f.start], org_spans, c.end)
        if f is not None and forward[1:] and _RESULT_AFTER.match(low, f.end):
            # "the investigations concluded with no further action": the result is the outcome
            f = forward[1]
            f_gap = _masked(low[c.end : f.start], org_spans, c.end)
        if b and not b_gap.strip(" \t'\"‘’“”:=–-"):  # "sacked four", "Dismissed: 3"
            r.outcome, r.how = b.code, "backward"  # a verb right before the number governs it
            if r.headcount and not _HEADCOUNT_BEFORE.search(before):
                r.headcount = False  # "the contracts of 2 contractors working for the department"
        elif b and _BROUGHT_AGAINST.search(b_gap) and ";" not in b_gap:
            # "proceedings were brought against 26 officers": the process is the count's outcome
            r.outcome, r.how = b.code, "backward"
        elif b and _IN_CASES_GAP.match(b_gap):
            r.outcome, r.how = b.code, "backward"  # "advice in 61 cases", "dismissal in four"
        elif f and _tight(f_gap, 8):
            r.outcome, r.how = f.code, "forward"
        elif b and _tight(b_gap, 4):
            r.outcome, r.how = b.code, "backward"
        elif f:
            r.outcome, r.how, r.loose = f.code, "forward", True
        # the staff noun: in the count's own noun phrase, or the object the outcome was given to
        seg_nouns = nouns[bisect_left(noun_starts, c.end) : bisect_right(noun_ends, r.seg_end)]
        chosen = None
        if seg_nouns:
            first = seg_nouns[0]
            gap = _masked(low[c.end : first[0]], org_spans, c.end)
            if len(_WORD.findall(gap)) <= 3 and not _LIST_PUNCTUATION.search(gap):
                chosen = first
            elif f is not None:
                after_cue = [n for n in seg_nouns if n[0] >= f.end]
                for n in after_cue:
                    between = low[f.end : n[0]]
                    if _GIVEN_TO_BEFORE.search(between):
                        chosen = n
                        break
                if chosen is None:
                    before_cue = [n for n in seg_nouns if n[1] <= f.start]
                    chosen = before_cue[0] if before_cue else None
        if chosen is None:
            # a group named before the count: "Among the officers, fourteen were...", "for police
            # staff ... 27 cases, of which fewer than five"
            k = bisect_right(noun_ends, c.start)
            chosen = nouns[k - 1] if k else None
        if chosen is not None:
            r.staff_noun, r.staff_general = chosen[2], chosen[3]
            r.staff_text = sentence[chosen[0] : chosen[1]]
    for r in readings:
        opening = r.count.start < 40 and _OPENING_SUBSET.match(low[: r.count.start])
        if r.headcount and r.how == "forward" and not r.loose and opening:
            # "Of the 23 employees investigated, 9 were ...": a set the text states, not a workforce
            r.headcount = False
    for r in readings:
        if r.outcome is None and not r.headcount:
            m = _counted_noun_after().match(low, r.count.end, r.seg_end)
            if m is not None and not _describing_after().match(low, m.end()):
                # "Gwynedd reported three cases", "126 allegations": cases, not people, were counted
                r.outcome, r.how = counted_nouns()[m.group("noun")], "counted"
    # counts with no outcome of their own: coordination with the next count, then an earlier clause
    for i in range(len(readings) - 1, -1, -1):
        r = readings[i]
        if r.outcome is not None or i + 1 >= len(readings):
            continue
        nxt = readings[i + 1]
        between = _masked(low[r.count.end : nxt.count.start], org_spans, r.count.end)
        lo = bisect_left(noun_starts, r.count.end)
        for s, e, _, _ in nouns[lo : bisect_right(noun_ends, nxt.count.start, lo)]:
            between = between.replace(low[s:e], "")
        if nxt.outcome is not None and _COORDINATION.match(between):
            r.outcome, r.how = nxt.outcome, "coordinated"
    outcome_before = False  # whether a count before this one has an outcome
    for r in readings:
        if r.outcome is None and outcome_before and not r.partitive:
            k = bisect_right(cue_ends, r.count.start)
            if k:
                # "12 were sacked in 2019 and four in 2020"; but "two were dismissed, one of them
                # for X" only describes some of the two
                r.outcome, r.how = cues[k - 1].code, "earlier"
        outcome_before = outcome_before or r.outcome is not None
    for r in readings:
        far = r.loose or r.how in ("coordinated", "earlier", "counted")
        if far and _written_value(sentence, r.count) >= _LARGE:
            # "the trust, which has 8,000 staff, said it would introduce training": thousands are
            # workforces, budgets and the public; as a figure they come with their outcome beside them
            r.headcount = True
    return readings


_LARGE = 1000


def _written_value(sentence: str, count: Count) -> int:
    """The number as written, before any qualifier adjusts it ("fewer than 1,000" is 1,000)."""
    return parse_number(sentence[count.number_start : count.end]) or count.value


__all__ = ["Cue", "Reading", "find_cues", "read_counts", "staff_nouns"]
