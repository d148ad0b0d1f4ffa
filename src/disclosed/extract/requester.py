"""Who asked for a disclosure: "an FOI request by think tank X", "figures obtained by X", "released to X"."""

from __future__ import annotations

import re

# Lower-case descriptors may stand between the verb and the name ("by UK think tank X").
_DESCRIPTOR = r"(?:(?:the|a|an|UK|British|Scottish|Welsh|London-based|[a-z][a-z'-]*)\s+){0,5}"
_NAME = r"(?P<name>[A-Z][\w&'’-]*(?:\s+(?:of|for|and|&|the)?\s*[A-Z][\w&'’-]*){0,5})"
_REQUEST = r"(?:FOI|FoI|[Ff]reedom of [Ii]nformation|[Ii]nformation)(?:\s+\(FOI\))?(?:\s+[Aa]ct)?\s+requests?"
_MADE = r"made|submitted|lodged|filed|sent"
_PATTERNS = [
    re.compile(
        rf"{_REQUEST}\s+(?:(?:was|were|had been|has been)\s+)?(?:{_MADE})?\s*by\s+{_DESCRIPTOR}{_NAME}"
    ),
    re.compile(rf"{_REQUEST}\s+(?:[^.]{{0,80}}?)\s+from\s+{_DESCRIPTOR}{_NAME}"),
    re.compile(rf"\brequests?\s+(?:was|were|had been|has been)\s+(?:{_MADE})\s+by\s+{_DESCRIPTOR}{_NAME}"),
    re.compile(rf"\b(?:obtained|secured|requested|uncovered|unearthed)\s+by\s+{_DESCRIPTOR}{_NAME}"),
    re.compile(rf"\b(?:released|disclosed|provided|given|supplied)\s+to\s+{_DESCRIPTOR}{_NAME}"),
    re.compile(
        rf"\b{_NAME}\s+(?:obtained|requested|secured|submitted)\s+(?:the\s+)?(?:figures|data|information|details|{_REQUEST})"
    ),
]
# Every pattern needs one of these words: texts without them skip the patterns.
_TRIGGERS = (
    "request",
    "obtained",
    "secured",
    "uncovered",
    "unearthed",
    "released",
    "disclosed",
    "provided",
    "given",
    "supplied",
)
# How far before and after a trigger word a requester phrase can reach.
_BEFORE, _AFTER = 80, 260
_NOT_REQUESTERS = re.compile(r"^(?:The|It|They|He|She|We|This|That|Freedom|Information|FOI|Act|Parliament)$")


def find_requester(text: str, is_public_body=None) -> str | None:
    """The requester the document names, if any. `is_public_body(name)` rules out the disclosing body.

    The patterns run only on windows around the trigger words they need, so a long text costs
    a substring search plus a few short scans.
    """
    lowered = text.lower()
    windows: list[tuple[int, int]] = []
    for word in _TRIGGERS:
        at = lowered.find(word)
        while at != -1:
            windows.append((max(0, at - _BEFORE), min(len(text), at + _AFTER)))
            at = lowered.find(word, at + 1)
    if not windows:
        return None
    windows.sort()
    merged = [windows[0]]
    for a, b in windows[1:]:
        if a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    for pattern in _PATTERNS:
        for a, b in merged:
            for m in pattern.finditer(text, a, b):
                name = m.group("name").strip(" .’'")
                name = re.sub(r"\s+(?:and|of|for|the|&)$", "", name)
                if not name or _NOT_REQUESTERS.match(name):
                    continue
                if is_public_body is not None and is_public_body(name):
                    continue
                return name
    return None


__all__ = ["find_requester"]
