"""Who asked for a disclosure: "an FOI request by think tank X", "figures obtained by X", "released to X"."""

from __future__ import annotations

import re

# Lower-case descriptors may stand between the verb and the name ("by UK think tank X").
_DESCRIPTOR = r"(?:(?:the|a|an|UK|British|Scottish|Welsh|London-based|[a-z][a-z'-]*)\s+){0,5}"
_NAME = r"(?P<name>[A-Z][\w&'’-]*(?:\s+(?:of|for|and|&|the)?\s*[A-Z][\w&'’-]*){0,5})"
_REQUEST = r"(?:FOI|FoI|[Ff]reedom of [Ii]nformation|[Ii]nformation)(?:\s+\(FOI\))?(?:\s+[Aa]ct)?\s+requests?"
_MADE = r"made|submitted|lodged|filed|sent"
# Each pattern with the words one of which it needs: a text runs a pattern only on windows
# around its own words.
_REQUEST_WORDS = ("request",)
_PATTERNS: list[tuple[re.Pattern[str], tuple[str, ...]]] = [
    (
        re.compile(
            rf"{_REQUEST}\s+(?:(?:was|were|had been|has been)\s+)?(?:{_MADE})?\s*by\s+{_DESCRIPTOR}{_NAME}"
        ),
        _REQUEST_WORDS,
    ),
    (re.compile(rf"{_REQUEST}\s+(?:[^.]{{0,80}}?)\s+from\s+{_DESCRIPTOR}{_NAME}"), _REQUEST_WORDS),
    (
        re.compile(
            rf"\brequests?\s+(?:was|were|had been|has been)\s+(?:{_MADE})\s+by\s+{_DESCRIPTOR}{_NAME}"
        ),
        _REQUEST_WORDS,
    ),
    (
        re.compile(rf"\b(?:obtained|secured|requested|uncovered|unearthed)\s+by\s+{_DESCRIPTOR}{_NAME}"),
        ("obtained", "secured", "request", "uncovered", "unearthed"),
    ),
    (
        re.compile(rf"\b(?:released|disclosed|provided|given|supplied)\s+to\s+{_DESCRIPTOR}{_NAME}"),
        ("released", "disclosed", "provided", "given", "supplied"),
    ),
    (
        re.compile(
            rf"\b{_NAME}\s+(?:obtained|requested|secured|submitted)\s+(?:the\s+)?"
            rf"(?:figures|data|information|details|{_REQUEST})"
        ),
        ("obtained", "request", "secured"),
    ),
]
# What each pattern's match holds in lower case, as a plain-started pattern `re` finds fast: a window
# without it is skipped before the pattern (slow to scan: it opens with a word test or a name) runs.
_CLUES: list[re.Pattern[str]] = [
    re.compile(r"foi|nformation"),
    re.compile(r"foi|nformation"),
    re.compile(rf"requests?\s+(?:was|were|had been|has been)\s+(?:{_MADE})\s+by\s"),
    re.compile(r"(?:obtained|secured|requested|uncovered|unearthed)\s+by\s"),
    re.compile(r"(?:released|disclosed|provided|given|supplied)\s+to\s"),
    re.compile(
        r"(?:obtained|requested|secured|submitted)\s+(?:the\s+)?(?:figures|data|information|details|foi|freedom)"
    ),
]
# How far before and after a trigger word a requester phrase can reach.
_BEFORE, _AFTER = 80, 260
_NOT_REQUESTERS = re.compile(r"^(?:The|It|They|He|She|We|This|That|Freedom|Information|FOI|Act|Parliament)$")


def _windows(lowered: str, words: tuple[str, ...]) -> list[tuple[int, int]]:
    """Spans around each occurrence of the words, overlapping ones merged."""
    windows: list[tuple[int, int]] = []
    for word in words:
        at = lowered.find(word)
        while at != -1:
            windows.append((max(0, at - _BEFORE), min(len(lowered), at + _AFTER)))
            at = lowered.find(word, at + 1)
    if not windows:
        return []
    windows.sort()
    merged = [windows[0]]
    for a, b in windows[1:]:
        if a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def find_requester(text: str, is_public_body=None) -> str | None:
    """The requester the document names, if any. `is_public_body(name)` rules out the disclosing body.

    Each pattern runs only on windows around the words it needs, so a long text costs
    a substring search plus a few short scans.
    """
    lowered = text.lower()
    clues = len(lowered) == len(text)  # the clues are lower case: they need the lowered text
    if not clues:
        lowered = text  # a rare character whose lower case is longer: find the words as written
    for (pattern, words), clue in zip(_PATTERNS, _CLUES, strict=True):
        for a, b in _windows(lowered, words):
            if clues and clue.search(lowered, a, b) is None:
                continue  # the pattern cannot match here
            for m in pattern.finditer(text, a, b):
                name = m.group("name").strip(" .’'")
                name = _TRAILING_LINK.sub("", name)
                if not name or _NOT_REQUESTERS.match(name):
                    continue
                if is_public_body is not None and is_public_body(name):
                    continue
                return name
    return None


_TRAILING_LINK = re.compile(r"\s+(?:and|of|for|the|&)$")


__all__ = ["find_requester"]
