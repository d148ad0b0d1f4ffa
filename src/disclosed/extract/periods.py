"""Periods a sentence states ("since January 2009", "between 2009 and 2012", "last year", "2021/22").

Each `Period` has a span in the sentence, and either dates ("YYYY" or "YYYY-MM") or a phrase that
cannot be dated ("past 18 months"). Relative phrases ("last year") are dated against the
document's publication date when it is known.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from disclosed.vocab import lower_text


@dataclass(frozen=True, slots=True)
class Period:
    """A period stated in a sentence; `start`/`end` span the phrase in that sentence."""

    start: int
    end: int
    period_start: str | None = None
    period_end: str | None = None
    phrase: str | None = None


_MONTH_NUM = (
    {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
    | {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
    | {"sept": 9}
)
_MONTH = "(?:" + "|".join(sorted(_MONTH_NUM, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?:19[5-9]\d|20\d\d)"
_DAY = r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)"
_WHEN = (
    rf"(?:(?:early|late|mid|the start of|the end of|the beginning of|the middle of)[\s-]+)?"
    rf"(?:{_DAY}?(?P<{{m}}>{_MONTH})\s+)?(?P<{{y}}>{_YEAR})"
)
_NUMWORD = (
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty-four|twenty"
    r"|thirty-six)"
)


_FY_CONTEXT = re.compile(
    r"(?:financial|fiscal|tax|business|reporting)\s+years?\s+(?:of\s+)?$|\bFY\s*$", re.IGNORECASE
)


def _when(m: str, y: str) -> str:
    return _WHEN.replace("{m}", m).replace("{y}", y)


@cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    # matched against the lower-cased sentence: case-sensitive patterns run faster in `re`
    flags = 0
    return [
        ("fy", re.compile(rf"(?<!\d)(?P<y1>{_YEAR})\s?[/\-–]\s?(?P<y2>\d\d)(?![\d/])", flags)),
        (
            "range",
            re.compile(
                rf"\b(?:between|from)\s+{_when('m1', 'y1')}\s+"
                rf"(?:and|to|until|till|through|[-–])\s+{_when('m2', 'y2')}",
                flags,
            ),
        ),
        (
            "dated_range",
            re.compile(
                rf"(?<!\w){_DAY}?{_when('m1', 'y1')}\s*(?:to|until|till|[-–])\s*{_DAY}?{_when('m2', 'y2')}",
                flags,
            ),
        ),
        ("span", re.compile(rf"(?<![\d/])(?P<y1>{_YEAR})\s?(?:[-–]|to)\s?(?P<y2>{_YEAR})(?!\d)", flags)),
        (
            "since",
            re.compile(rf"\b(?:since|from|starting in|beginning in|as of)\s+{_when('m1', 'y1')}", flags),
        ),
        (
            "until",
            re.compile(
                rf"\b(?:up to|until|till|to|before|by|up until|through to|ending)\s+"
                rf"(?:the\s+)?{_when('m2', 'y2')}",
                flags,
            ),
        ),
        (
            "in",
            re.compile(rf"\b(?:in|during|throughout|for|of)\s+(?:the\s+year\s+)?{_when('m1', 'y1')}", flags),
        ),
        (
            "last_year",
            re.compile(
                r"\b(?:(?:in|during|over|within)\s+)?(?:the\s+)?(?:last|past|previous)\s+(?:calendar\s+)?year\b|\blast\s+year\b",
                flags,
            ),
        ),
        ("this_year", re.compile(r"\b(?:so far )?this year\b", flags)),
        (
            "recent",
            re.compile(
                rf"\b(?:(?:in|during|over|within)\s+)?(?:the\s+)?(?P<phrase>(?:past|last|previous)\s+{_NUMWORD}\s+(?:years?|months?|weeks?))\b",
                flags,
            ),
        ),
        ("bare_year", re.compile(rf"(?<![\d/£$\-])(?P<y1>{_YEAR})(?![\d/%])", flags)),
    ]


def _ym(m: re.Match[str], mg: str, yg: str) -> str | None:
    year = m.groupdict().get(yg)
    if not year:
        return None
    month = m.groupdict().get(mg)
    if month:
        return f"{year}-{_MONTH_NUM[month.lower().rstrip('.')]:02d}"
    return year


# Cheap checks that let a sentence skip the patterns that cannot match it.
_YEAR_HINT = re.compile(_YEAR)
_WORD_KINDS = frozenset({"last_year", "this_year", "recent"})
_TWO_YEAR_KINDS = frozenset({"range", "dated_range", "span"})
_KEYWORDS = {
    "range": ("between", "from"),
    "since": ("since", "from", "starting", "beginning", "as of"),
    "this_year": ("this year",),
}


def find_periods(sentence: str, published: date | None = None, lowered: str | None = None) -> list[Period]:
    """Every period stated in `sentence`, in order, none overlapping another (`lowered`:
    `lower_text(sentence)` when the caller has it)."""
    years = len(_YEAR_HINT.findall(sentence))
    lowered = lower_text(sentence) if lowered is None else lowered
    has_word = "year" in lowered or "month" in lowered or "week" in lowered
    if not years and not has_word:
        return []
    taken: list[tuple[int, int]] = []
    out: list[Period] = []
    for kind, pat in _patterns():
        if (kind in _WORD_KINDS and not has_word) or (kind not in _WORD_KINDS and not years):
            continue
        if kind in _TWO_YEAR_KINDS and years < 2:
            continue
        if kind in _KEYWORDS and not any(k in lowered for k in _KEYWORDS[kind]):
            continue
        for m in pat.finditer(lowered):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            period = _period(kind, m, published)
            if period is None:
                continue
            taken.append((m.start(), m.end()))
            out.append(period)
    out.sort(key=lambda p: p.start)
    return out


def _period(kind: str, m: re.Match[str], published: date | None) -> Period | None:
    s, e = m.start(), m.end()
    if kind == "fy":
        y1 = int(m.group("y1"))
        y2 = int(m.group("y2"))
        if (y1 + 1) % 100 != y2:
            return None
        # "2021/22" and "financial year 2021-22" are April to March; "2017-18" alone is two years
        if "/" in m.group() or _FY_CONTEXT.search(m.string, max(0, s - 30), s):
            return Period(s, e, f"{y1}-04", f"{y1 + 1}-03")
        return Period(s, e, str(y1), str(y1 + 1))
    if kind in ("range", "span", "dated_range"):
        a, b = _ym(m, "m1", "y1"), _ym(m, "m2", "y2")
        if a and b and a > b:
            return None
        return Period(s, e, a, b)
    if kind == "since":
        return Period(s, e, _ym(m, "m1", "y1"), None)
    if kind == "until":
        return Period(s, e, None, _ym(m, "m2", "y2"))
    if kind in ("in", "bare_year"):
        when = _ym(m, "m1", "y1")
        return Period(s, e, when, when)
    if kind == "last_year":
        if published is None:
            return Period(s, e, phrase="last year")
        y = str(published.year - 1)
        return Period(s, e, y, y)
    if kind == "this_year":
        if published is None:
            return Period(s, e, phrase="this year")
        y = str(published.year)
        return Period(s, e, y, y)
    if kind == "recent":
        return Period(s, e, phrase=re.sub(r"\s+", " ", m.group("phrase").lower()))
    return None


__all__ = ["Period", "find_periods"]
