"""Counts in a sentence: digits and number words, with their qualifier ("more than", "fewer than").

A count is a number that could count people. Numbers that are something else (years, money,
percentages, ages, durations, page counts, dates, section and phone numbers) are skipped by
their context, which numbers.toml lists as data.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import cache

from text_to_num import text2num

from disclosed.vocab import (
    PhraseMatcher,
    literal_trie_pattern,
    lower_text,
    named_not_after,
    named_ranks,
    normalise_phrase,
    not_count_contexts,
    number_phrases,
    number_words,
    one_more_phrases,
    one_more_verbs,
    phrase_pattern,
    qualifier_table,
    separated_words,
    singular_leads,
    singular_not_after,
    staff_group_table,
    suppression_ceiling,
)


@dataclass(frozen=True, slots=True)
class Count:
    """A count found in a sentence; `start`/`end` span `text` (qualifier included) in that sentence."""

    start: int
    end: int
    text: str
    value: int
    qualifier: str = "exact"
    suppressed: bool = False
    number_start: int = 0  # where the number itself starts (after any qualifier)
    singular: bool = False  # "a Dorset officer": one person, read from an article


_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)"
_MONTHS = [m.lower() for m in calendar.month_name[1:]] + [m.lower() for m in calendar.month_abbr[1:]]


def _singular_nouns() -> list[str]:
    return [n for n in staff_group_table().values if not n.endswith("s") or n.endswith("of staff")]


@cache
def singular_noun_matcher() -> PhraseMatcher:
    """Finds singular staff nouns ("officer", "member of staff"), which an article can count as one."""
    return PhraseMatcher(_singular_nouns())


# "the decision to dismiss an officer", "whether to fire an employee": a case in general, no count
_INFINITIVE_BEFORE = re.compile(r"\bto\s+[a-z]+\s+$")


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """The patterns of `find_counts`, all matched against lower-cased text (see `lower_text`):
    case-sensitive patterns run several times faster in Python's `re` than case-insensitive ones."""
    words = literal_trie_pattern(number_words())
    word_run = rf"(?:{words})(?:(?:[\s\-]+|\s+and\s+)(?:{words}))*"
    phrases = "|".join(
        r"[\s\-]+".join(re.escape(w) for w in p.split(" "))
        for p in sorted(number_phrases(), key=len, reverse=True)
    )
    number = (
        rf"(?<![\w.,£$€#/\-])(?P<digits>{_DIGITS})(?![\w%]|[.,:/]\d|-\d)"
        rf"|(?<![\w\-])(?P<words>{word_run})(?![\w])"
        rf"|(?<![\w\-])(?P<phrase>{phrases})(?![\w])"
        rf"|(?P<lt><\s?)(?P<ltdigits>\d+)(?![\w%]|[.,]\d)"
    )
    ctx = not_count_contexts()
    units = phrase_pattern(list(ctx["units_after"]) + _MONTHS)
    qual_table, _ = qualifier_table()
    singular = _singular_nouns()
    return {
        "one_more": re.compile(
            r"(?:"
            + phrase_pattern(one_more_phrases()).pattern
            + r")(?=\s+(?:[a-z-]+\s+)?(?:"
            + phrase_pattern(singular).pattern
            + r"))",
        ),
        # "a Dorset officer", "a second clerk", "an employee": one person (lead as the count)
        "singular": re.compile(
            r"(?<![\w'’-])(?:"
            + phrase_pattern(singular_leads()).pattern
            + r")(?=\s+(?:[a-z'’-]+\s+){0,2}?(?:"
            + phrase_pattern(singular).pattern
            + r"))",
        ),
        # a singular after one of these is an object, not a person counted ("against an officer")
        # "and another was disciplined": one more of the group the sentence counted before
        "one_more_alone": re.compile(
            r"(?<![\w-])(?:"
            + phrase_pattern(one_more_phrases()).pattern
            + r")(?=\s+(?:"
            + phrase_pattern(one_more_verbs()).pattern
            + r")(?![\w-]))",
        ),
        "singular_not_after": re.compile(rf"(?<!\w)(?:{literal_trie_pattern(singular_not_after())})\s+$"),
        "named_not_after": re.compile(rf"(?<!\w)(?:{literal_trie_pattern(named_not_after())})\s+$"),
        "number": re.compile(number),
        # the same for a sentence without number words: the alternatives for words never match
        "digits": re.compile(
            rf"(?<![\w.,£$€#/\-])(?P<digits>{_DIGITS})(?![\w%]|[.,:/]\d|-\d)"
            rf"|(?P<lt><\s?)(?P<ltdigits>\d+)(?![\w%]|[.,]\d)"
            r"|(?P<words>(?!))(?P<phrase>(?!))"
        ),
        "units_after": re.compile(
            r"[\s\-]*(?:(?:"
            + phrase_pattern(ctx["unit_modifiers"]).pattern
            + r")\s+)?(?:"
            + units.pattern
            + ")",
        ),
        "words_before": re.compile(r"(?:" + phrase_pattern(ctx["words_before"]).pattern + r")[\s]*$"),
        "month_before": re.compile(r"(?:" + phrase_pattern(_MONTHS).pattern + r")\s*$"),
        "one_idioms": re.compile(r"\s*(?:" + phrase_pattern(ctx["one_idioms"]).pattern + ")"),
        "qualifier_before": re.compile(r"(?:" + qual_table.pattern.pattern + r")\s*$"),
        "no_one_before": re.compile(r"\b(?:no|not|any|every|some|each)[\s-]*$"),
    }


_DIGITS_ONLY = re.compile(_DIGITS)
_SUBSECTION_BEFORE = re.compile(r"[\w)]\($")
_DIGIT_AFTER = re.compile(r"\s?\d")
_DIGIT_BEFORE = re.compile(r"\d\s?$")


def parse_number(written: str) -> int | None:
    """The integer a written number stands for: "1,234", "eleven", "twenty-three", "a dozen"."""
    w = written.strip()
    if not w:
        return None
    if _DIGITS_ONLY.fullmatch(w):
        return int(w.replace(",", ""))
    key = normalise_phrase(w)
    phrases = number_phrases()
    if key in phrases:
        return phrases[key]
    try:
        return int(text2num(key.replace(" and ", " "), "en"))
    except (ValueError, TypeError):
        first = key.split(" ")[0]
        try:
            return int(text2num(first, "en"))
        except (ValueError, TypeError):
            return None


def is_year(value: int, written: str) -> bool:
    """A four-digit number without a comma in the range of recent years."""
    return written.isdigit() and len(written) == 4 and 1900 <= value <= 2099


@cache
def number_word_matcher() -> PhraseMatcher:
    """Number words and phrases ("eleven", "a dozen", "another"), for telling whether a text has any."""
    return PhraseMatcher([*number_words(), *number_phrases(), *one_more_phrases()])


def find_counts(sentence: str, lowered: str | None = None, words: set[str] | None = None) -> list[Count]:
    """Every count in `sentence` with its qualifier, skipping numbers that count something else.

    `lowered` is `lower_text(sentence)` and `words` the set of its words (`separated_words`) when
    the caller has them."""
    pats = _patterns()
    qual_table, senses = qualifier_table()
    low = lower_text(sentence) if lowered is None else lowered
    if words is None:
        words = set(separated_words(low).split())
    spelled = number_word_matcher().occurs(words) is not False
    out: list[Count] = []
    for m in pats["number" if spelled else "digits"].finditer(low):
        if m.group("digits") is not None:
            written = m.group("digits")
        elif m.group("ltdigits") is not None:
            written = m.group("ltdigits")
        else:
            written = m.group("words") or m.group("phrase")
        value = parse_number(written)
        if value is None or value > 1_000_000:
            continue
        start, end = m.start(), m.end()
        before = low[max(0, start - 30) : start]
        after = low[end : end + 40]
        digits = m.group("digits") is not None
        if digits:
            if is_year(value, written) or (written.startswith("0") and len(written) > 1):
                continue
            # `in` first: the pattern needs a "(", which few windows hold
            if "(" in before and _SUBSECTION_BEFORE.search(before):
                continue  # a subsection: "section 40(2)"
            if _DIGIT_AFTER.match(after) or _DIGIT_BEFORE.search(before):
                continue  # phone numbers and digit groups: "0207 123 4567"
        if pats["units_after"].match(after) or pats["words_before"].search(before):
            continue
        if digits and pats["month_before"].search(before):
            continue  # "March 3"
        if value == 1 and not digits:
            if pats["no_one_before"].search(before):
                continue  # "no one", "not a single member of staff"
            if normalise_phrase(written) == "one" and pats["one_idioms"].match(after):
                continue
        qualifier, suppressed, count_start = "exact", False, start
        if m.group("lt") is not None:
            qualifier, strict = "up_to", True
        else:
            q = pats["qualifier_before"].search(before)
            strict = False
            if q:
                sense = senses[qual_table.value(q.group().strip())]
                qualifier, strict = sense.qualifier, sense.strict
                count_start = start - (len(before) - q.start())
        if strict:
            if value <= 0:
                continue  # "fewer than 0" states no count
            value -= 1
            suppressed = value + 1 <= suppression_ceiling()
        out.append(
            Count(
                count_start, end, sentence[count_start:end], value, qualifier, suppressed, number_start=start
            )
        )
    for m in pats["one_more"].finditer(low) if spelled else ():
        if not any(c.start <= m.start() < c.end for c in out):
            out.append(Count(m.start(), m.end(), sentence[m.start() : m.end()], 1, number_start=m.start()))
    if out and spelled:
        for m in pats["one_more_alone"].finditer(low, out[0].end):
            if not any(c.start <= m.start() < c.end for c in out):
                a, b = m.start(), m.end()
                out.append(Count(a, b, sentence[a:b], 1, number_start=a))
    if "a" in words or "an" in words:
        for m in pats["singular"].finditer(low):
            if any(c.start <= m.start() < c.end or m.start() <= c.start < m.end() for c in out):
                continue
            if pats["no_one_before"].search(low, max(0, m.start() - 30), m.start()):
                continue  # "not a single officer", "no member of staff"
            lead = max(0, m.start() - 24)
            if pats["singular_not_after"].search(low, lead, m.start()) or _INFINITIVE_BEFORE.search(
                low, lead, m.start()
            ):
                continue  # "supplied by a contractor", "about a colleague": not the one counted
            text = sentence[m.start() : m.end()]
            out.append(Count(m.start(), m.end(), text, 1, number_start=m.start(), singular=True))
    for m in _named_person().finditer(sentence) if words & _rank_words() else ():
        a, b = m.start("name"), m.end("name")
        if any(c.start < b and a < c.end for c in out):
            continue
        if pats["named_not_after"].search(low, max(0, m.start() - 24), m.start()):
            continue  # "complaints against PC Smith": not the one counted
        out.append(Count(a, b, sentence[a:b], 1, number_start=a, singular=True))
    out.sort(key=lambda c: c.start)
    return out


@cache
def _rank_words() -> frozenset[str]:
    """The lower-cased last words of the ranks: a sentence holding none names no one by rank."""
    return frozenset(separated_words(r.lower()).split()[-1] for r in named_ranks())


def names_a_person(text: str, words: set[str] | None = None) -> bool:
    """Whether `text` names someone by rank ("PC Jo Smith"), who counts as one person; `words`
    are its lower-cased words (`separated_words`) when the caller has them."""
    if words is not None and not words & _rank_words():
        return False
    return _named_person().search(text) is not None


@cache
def _named_person() -> re.Pattern[str]:
    """A rank before a name ("PC Jo Smith", "ACFO Matthews"): the name is the count of one person,
    the rank before it its staff noun. Case-sensitive: the rank and the name keep their capitals."""
    ranks = "|".join(re.escape(r) for r in sorted(named_ranks(), key=len, reverse=True))
    name = r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?"
    return re.compile(rf"(?<![\w-])(?:{ranks})\s+(?P<name>{name}(?:\s+{name}){{0,2}})(?![\w-])")


__all__ = [
    "Count",
    "find_counts",
    "is_year",
    "names_a_person",
    "number_word_matcher",
    "parse_number",
    "singular_noun_matcher",
]
