"""Reading an authority's response: what it decided (released, withheld and on which grounds, not
held, neither confirmed nor denied, clarification asked, time extended), the status that makes,
the sections it cites, a confidence with its reason, and stamping its figures with the requester.

The reply is read in its own words, sentence by sentence: the requester's words quoted in it
(a "Request" block, inline questions, an earlier message quoted below) and the standard notes
on review rights are set aside first. The phrases are data (responses.toml). A proposal is only
ever applied by `apply_proposal`, and one resting on weak evidence needs `confirm=True`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from datetime import date
from functools import cache
from importlib import resources
from typing import Literal

from disclosed.errors import InvalidInputError
from disclosed.foi.records import FoiRequest, Law
from disclosed.foi.statuses import CITING_STATUSES, change_status, exemptions_for, normalise_exemption
from disclosed.model import (
    Confidence as Confidence,  # the records live in disclosed.model; named here as before
)
from disclosed.model import Figure
from disclosed.model import Part as Part
from disclosed.model import PhraseMatch as PhraseMatch
from disclosed.model import Proposal as Proposal
from disclosed.model import Strength as Strength

# What one sentence of a reply says was done with (part of) the information.
Finding = Literal["disclosed", "partial", "withheld", "cost_limit", "ncnd", "not_held", "vexatious",
                  "repeated", "clarification", "extended", "acknowledged", "soft"]
FINDINGS: tuple[str, ...] = ("disclosed", "partial", "withheld", "cost_limit", "ncnd", "not_held",
                             "vexatious", "repeated", "clarification", "extended", "acknowledged")
# Findings that keep information back, and the ones that are refusals of the whole request.
_KEEPING_BACK = frozenset({"withheld", "cost_limit", "ncnd", "vexatious", "repeated"})


# -- the data ---------------------------------------------------------------------------------------

def _compile(phrase: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + phrase.replace(" ", r"\s+") + r"(?!\w)", re.IGNORECASE)


@cache
def _data() -> dict:
    with resources.files("disclosed.foi").joinpath("responses.toml").open("rb") as f:
        return tomllib.load(f)


@cache
def _signals() -> tuple[tuple[str, Strength, re.Pattern[str]], ...]:
    out: list[tuple[str, Strength, re.Pattern[str]]] = []
    for finding, levels in _data()["signals"].items():
        for strength in ("strong", "weak"):
            out.extend((finding, strength, _compile(p)) for p in levels.get(strength, []))
    return tuple(out)


@cache
def _patterns(group: str, key: str) -> tuple[re.Pattern[str], ...]:
    return tuple(_compile(p) for p in _data()[group][key])


@cache
def _heading(kind: str) -> re.Pattern[str]:
    words = "|".join(_data()["layout"][kind])
    # The heading word, optionally a number or date ("Request 1012", "Response 06-09-2016"), then
    # a colon (the text may follow on the same line) or the end of the line.
    return re.compile(r"^\s*(?:\d+[.)]\s*)?(?:" + words + r")\s*(?:\d[\w./-]*)?\s*(?::|[.)]?\s*$)",
                      re.IGNORECASE)


def _ground_code(kind: str, law: Law) -> str | None:
    for entry in _data()["grounds"].values():
        if entry["kind"] == kind:
            return entry[law]
    return None


def section_kind(code: str, law: Law) -> str:
    """The finding a cited section belongs to: "cost_limit" for FOIA s.12, "ncnd" for FOISA
    s.18, "soft" for information accessible by other means, else "withheld"."""
    kinds = _data()["section_kinds"].get(law, {})
    best = "withheld"
    best_len = -1
    for key, kind in kinds.items():
        if (code == key or code.startswith(key + "(")) and len(key) > best_len:
            best, best_len = kind, len(key)
    return best


# -- the citations ----------------------------------------------------------------------------------

_NUM = r"\d{1,3}[A-Z]?"
_SUB = r"\(\s*(?:\d{1,2}[A-Za-z]?|[a-z]{1,2}|[ivx]{1,5})\s*\)"
_REF = _NUM + r"(?:\s?" + _SUB + r")*"
_JOIN = r"\s*(?:,\s*(?:and|or|&)?|and/or|and|or|&|/|\+)\s*"
# "section 40(2)", "s.40(2)", "s24(1)", "ss.40 and 43", "sections 21, 40(2) and 43(2)",
# "section 27(1)(a)(b) & (d)", "Regulation 12(4)(b) and (e)", "regs 12(4)(b) and 13".
_CITE = re.compile(
    r"(?<![\w'’])(?P<kw>[Ss]ections?|SECTIONS?|[Ss]{1,2}\.|[Ss]{1,2}(?=\s?\d)|[Rr]egulations?|REGULATIONS?|[Rr]egs?\.?)\s*"
    r"(?P<refs>" + _REF + r"(?:" + _JOIN + r"(?:" + _REF + r"|(?:" + _SUB + r"\s?)+))*)"
)
_PIECE = re.compile(r"(?P<num>" + _NUM + r")|(?P<sub>" + _SUB + r")")
_ROMAN = re.compile(r"[ivx]{1,5}")


def _level(token: str, previous: int) -> int:
    """The depth of a subsection: (1) is 1, (a) is 2, (i)/(iv) after a letter is 3."""
    inner = token.strip("()")
    if inner[0].isdigit():
        return 1
    if previous >= 2 and _ROMAN.fullmatch(inner):
        return 3
    return 2


def _expand(refs: str, offset: int) -> list[tuple[str, int, int]]:
    """Every section a reference list names, with its span: "27(1)(a)(b) & (d)" ->
    27(1)(a), 27(1)(b), 27(1)(d); "40(2) and (3)" -> 40(2), 40(3)."""
    out: list[tuple[str, int, int]] = []
    path: list[tuple[str, int]] = []  # (token, depth): the number is depth 0
    pending = False
    item_start = item_end = 0
    for m in _PIECE.finditer(refs):
        if m["num"]:
            if pending:
                out.append(("".join(t for t, _ in path), offset + item_start, offset + item_end))
            path, pending, item_start = [(m["num"].upper(), 0)], True, m.start()
            item_end = m.end()
            continue
        token = re.sub(r"\s+", "", m["sub"]).lower()
        level = _level(token, path[-1][1] if path else 0)
        if path and path[-1][1] >= level:  # a sibling (or a shallower item) of the last subsection
            if pending:
                out.append(("".join(t for t, _ in path), offset + item_start, offset + item_end))
            while path and path[-1][1] >= level:
                path.pop()
            item_start = m.start()
        path.append((token, level))
        pending, item_end = True, m.end()
    if pending:
        out.append(("".join(t for t, _ in path), offset + item_start, offset + item_end))
    return out


def _other_act(text: str, end: int) -> bool:
    after = text[end:end + 60]
    return any(p.match(after.lstrip()) for p in _patterns("other_acts", "phrases"))


def cited_sections(text: str, law: Law, start: int = 0, end: int | None = None) -> list[PhraseMatch]:
    """The exemptions `text[start:end]` cites by section or regulation number that `law` has.

    Sections that are not exemptions (FOIA s.1, s.10, s.17...) and sections of other Acts ("section
    35 of the Data Protection Act") are left out. Each match's `code` is normalised ("s.40(2)").
    """
    known = exemptions_for(law)
    stop = len(text) if end is None else end
    found: list[PhraseMatch] = []
    for m in _CITE.finditer(text, start, stop):
        if _other_act(text, m.end()):
            continue
        prefix = "regulation " if m["kw"].lower().startswith("r") else "section "
        for i, (ref, a, b) in enumerate(_expand(m["refs"], m.start("refs"))):
            code = normalise_exemption(prefix + ref)
            if any(code == k or code.startswith(k + "(") for k in known):
                a = m.start() if i == 0 else a
                found.append(PhraseMatch(points_to="exemption", strength="strong", text=text[a:b].strip(),
                                         code=code, start=a, end=a + len(text[a:b].strip())))
    return found


def cited_exemptions(text: str, law: Law) -> list[PhraseMatch]:
    """The exemptions `text` cites that `law` has, by number ("section 40(2)") or in words (the
    cost limit, vexatious, not held): each match's `code` is the normalised citation."""
    found = cited_sections(text, law)
    for finding, code_kind in (("cost_limit", "cost_limit"), ("vexatious", "vexatious"),
                               ("repeated", "repeated"), ("not_held", "not_held")):
        code = _ground_code(code_kind, law)
        for m in _finding_matches(text, finding, 0, len(text)):
            if m.strength == "strong" and code:
                found.append(PhraseMatch(points_to="exemption", strength="strong", text=m.text, code=code,
                                         start=m.start, end=m.end))
    return _without_overlaps(found)


def _without_overlaps(matches: Iterable[PhraseMatch]) -> list[PhraseMatch]:
    """Matches in text order, dropping any that lies inside a longer (or stronger) one pointing
    the same way, so "withheld" inside "withheld under" is one piece of evidence."""
    ordered = sorted(matches, key=lambda m: (m.start, -(m.end - m.start), m.strength != "strong"))
    kept: list[PhraseMatch] = []
    for m in ordered:
        if not any(
            k.points_to == m.points_to and k.code == m.code and k.start <= m.start and m.end <= k.end
            for k in kept
        ):
            kept.append(m)
    return kept


# -- the reply's own words --------------------------------------------------------------------------

def _lines(text: str) -> Iterable[tuple[int, int, str]]:
    pos = 0
    for line in text.splitlines(keepends=True):
        yield pos, pos + len(line), line
        pos += len(line)


def reply_spans(text: str) -> list[tuple[int, int]]:
    """The spans of `text` that are the authority's own words: not a "Request" block (up to the
    "Response" heading), not lines quoted with ">", not an earlier message quoted below."""
    spans: list[tuple[int, int]] = []
    in_request = False
    quoted_from = _patterns("layout", "quoted_from")
    for a, b, line in _lines(text):
        stripped = line.strip()
        if any(p.match(stripped) for p in quoted_from):
            break
        if _heading("response_headings").match(stripped):
            in_request = False
        elif _heading("request_headings").match(stripped):
            in_request = True
        if in_request or stripped.startswith(">"):
            continue
        if spans and spans[-1][1] == a:
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    return spans


_ROW = re.compile(r"\t|\|.*\|")
_ITEM = re.compile(
    r"^\s*(?:\(?\d{1,2}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}[.)]|[-*•]|Q\d+|A\d+|Question\s+\d+|Part\s+\w+)\s",
    re.IGNORECASE)
# A full stop ends a sentence unless it follows an abbreviation ("s.", "reg.", "No.", "e.g.").
_STOP = re.compile(r"[.!?]['\"’”)]*\s+(?=[\"'‘“(]?[A-Z0-9])")
_ABBREVIATIONS = frozenset({"s", "ss", "reg", "regs", "no", "nos", "para", "e.g", "i.e", "mr", "mrs", "ms",
                            "dr", "st", "ref", "etc", "cf", "art", "sch", "vol", "p", "pp"})


def _is_stop(text: str, at: int) -> bool:
    word = re.search(r"([\w.]+)$", text[max(0, at - 8):at])
    return not (word and word.group(1).lower() in _ABBREVIATIONS)


def _sentences(text: str) -> list[tuple[int, int, str, bool]]:
    """The reply's sentences (start, end, text, is_table_row), outside the requester's words.

    Hard-wrapped lines are joined into paragraphs first (a letter's sentence often runs over a
    line break); a table row (cells split by tabs or bars) and a numbered item start units of
    their own.
    """
    units: list[tuple[int, int, bool]] = []
    current: list[int] | None = None
    for span_start, span_end in reply_spans(text):
        for a, b, line in _lines(text[span_start:span_end]):
            a, b = a + span_start, b + span_start
            stripped = line.strip()
            if not stripped:
                current = None
                continue
            lead = a + len(line) - len(line.lstrip())
            end = lead + len(stripped)
            if _ROW.search(stripped):
                units.append((lead, end, True))
                current = None
                continue
            if current is None or _ITEM.match(line) or _heading("response_headings").match(stripped):
                current = [lead, end]
                units.append((lead, end, False))
            else:
                current[1] = end
                units[-1] = (current[0], end, False)
        current = None
    out: list[tuple[int, int, str, bool]] = []
    for a, b, is_row in units:
        if is_row:
            out.append((a, b, text[a:b], True))
            continue
        start = a
        for m in _STOP.finditer(text, a, b):
            if not _is_stop(text, m.start()):
                continue
            out.append((start, m.start() + 1, text[start:m.start() + 1], False))
            start = m.end()
        if start < b:
            out.append((start, b, text[start:b], False))
    return out


def _finding_matches(text: str, finding: str, start: int, end: int) -> list[PhraseMatch]:
    out = []
    for name, strength, pattern in _signals():
        if name != finding:
            continue
        for m in pattern.finditer(text, start, end):
            if _NEGATED.search(text, max(start, m.start() - 16), m.start()):
                continue  # "does not hold the information you asked for", "is not exempt"
            out.append(PhraseMatch(points_to=finding, strength=strength, text=m.group(), start=m.start(),
                                   end=m.end()))
    return out


_NEGATED = re.compile(r"(?<!\w)(?:not|n[o']t|never|no longer)\s+(?:\w+\s+)?$", re.IGNORECASE)
_NUMBER_CELL = re.compile(r"^\s*(?:\d[\d,]*|nil|none|zero)\s*$", re.IGNORECASE)
_ANSWER_NUMBER = re.compile(r"\b\d{1,4}\b")


def _numeric_row(sentence: str) -> bool:
    cells = [c for c in re.split(r"\s*\|\s*|\t", sentence) if c.strip()]
    return len(cells) >= 2 and any(_NUMBER_CELL.match(c) for c in cells[1:])


# -- the proposal -----------------------------------------------------------------------------------

def read_reply(text: str, law: Law) -> tuple[list[PhraseMatch], list[Part]]:
    """Every phrase and cited section of the reply's own sentences, and what each sentence says
    was done (its `Part`), in text order."""
    boilerplate = _patterns("layout", "boilerplate")
    asking = _patterns("layout", "request_sentences")
    evidence: list[PhraseMatch] = []
    parts: list[Part] = []
    for start, end, sentence, is_row in _sentences(text):
        if any(p.search(sentence) for p in boilerplate):
            continue
        question = sentence.rstrip().endswith("?") or any(p.search(sentence) for p in asking)
        found: list[PhraseMatch] = []
        for finding in FINDINGS:
            if question and finding != "clarification":
                continue
            found.extend(_finding_matches(text, finding, start, end))
        sections = [] if question else cited_sections(text, law, start, end)
        if is_row and not question and _numeric_row(sentence):
            found.append(PhraseMatch(points_to="disclosed", strength="weak", text=sentence.strip(),
                                     start=start, end=start + len(sentence.strip())))
        found = _without_overlaps(found)
        evidence.extend(found)
        evidence.extend(sections)
        strong = {m.points_to for m in found if m.strength == "strong"}
        kinds = {section_kind(s.code or "", law) for s in sections}
        sentence_findings = strong | (kinds - {"soft"} if sections else set())
        if not sentence_findings and sections:
            sentence_findings = {"withheld"}
        if "soft" in kinds and not strong & _KEEPING_BACK:
            sentence_findings.add("disclosed")
        # A sentence naming the cost limit, NCND, not held or vexatiousness is that, not a plain withholding.
        if sentence_findings & {"cost_limit", "ncnd", "not_held", "vexatious", "repeated"}:
            sentence_findings.discard("withheld")
        codes = list(dict.fromkeys(s.code for s in sections if s.code))
        for finding in sorted(sentence_findings, key=lambda f: (f not in FINDINGS, f)):
            cites = codes if finding in _KEEPING_BACK | {"not_held"} else []
            parts.append(Part(finding=finding, sections=cites, text=sentence.strip(), start=start,
                              end=start + len(sentence.strip())))
    return evidence, parts


def propose_status(text: str, law: Law, figures: Sequence[Figure] = ()) -> Proposal:
    """The status a response's text suggests, with the phrases and sections that suggest it.

    A refusal on grounds of vexatiousness or repetition is `vexatious`; information given
    together with information withheld (or not held, or over the cost limit) is a partial
    disclosure; a refusal (an exemption, the cost limit, neither confirm nor deny) with nothing
    given is `refused`; not held with nothing given is `not_held`; a request for clarification
    or an extension stands when nothing was decided yet. Figures extracted from the response and
    tables of numbers are weak evidence of a disclosure. The confidence is strong only when
    the deciding findings rest on strong phrases and nothing contradicts them; `reason` says why.
    """
    evidence, parts = read_reply(text, law)
    if any(p.finding == "ncnd" for p in parts):
        # A reply that will neither confirm nor deny talks of whether information "exists": that is
        # not a finding that it is not held.
        parts = [p for p in parts if p.finding != "not_held"]
        evidence = [m for m in evidence if m.points_to != "not_held"]
    strong = {p.finding for p in parts}
    weak = {m.points_to for m in evidence if m.strength == "weak"} - strong
    has_data = bool([f for f in figures if f.count]) or any(
        m.points_to == "disclosed" and m.strength == "weak" and ("|" in m.text or "\t" in m.text)
        for m in evidence
    )
    disclosed = "disclosed" in strong
    keeping = strong & _KEEPING_BACK
    status: str | None
    sure = True
    reason = ""
    if strong & {"vexatious", "repeated"} and not disclosed:
        status = "vexatious"
        reason = "the reply calls the request " + (" and ".join(sorted(strong & {"vexatious", "repeated"})))
    elif "extended" in strong and not disclosed and not strong & {"cost_limit", "not_held", "ncnd"}:
        status = "extended"
        reason = "the reply extends the time to answer"
    elif "clarification" in strong and not disclosed and not keeping and "not_held" not in strong:
        status = "clarification_requested"
        reason = "the reply asks the requester to clarify"
    elif disclosed or "partial" in strong:
        if keeping or "not_held" in strong or "partial" in strong:
            status = "partially_successful"
            held = sorted((keeping | (strong & {"not_held", "partial"})) - {"partial"})
            reason = "information given and " + (", ".join(held) or "part withheld")
            if "partial" in strong and not disclosed and not keeping and "not_held" not in strong:
                reason = "the reply says only part was given"
        else:
            status = "successful"
            reason = "the reply gives the information"
            if weak & _KEEPING_BACK:
                sure = False
                hints = ", ".join(sorted(weak & _KEEPING_BACK))
                reason += f"; but it also hints at withholding ({hints})"
    elif keeping:
        if has_data and not keeping & {"cost_limit", "ncnd"}:
            status = "partially_successful"
            sure = False
            reason = "figures are given but the reply also withholds; check which part was released"
        else:
            status = "refused"
            reason = "the reply refuses: " + ", ".join(sorted(keeping))
            if "clarification" in strong:
                reason += " (and asks the requester to narrow the request)"
    elif "not_held" in strong:
        if has_data:
            status = "partially_successful"
            sure = False
            reason = "figures are given but part is not held; check"
        else:
            status = "not_held"
            reason = "the reply says the information is not held"
    elif "acknowledged" in strong:
        status = "awaiting_response"
        reason = "the reply only acknowledges the request"
    else:
        status, reason = _best_hint(evidence, has_data)
        sure = False
    if status is None:
        return Proposal(status=None, confidence="weak", reason="nothing in the reply says what was decided")
    conflicts = _conflicts(status, strong)
    if conflicts and sure:
        sure = False
        reason += "; but the reply also " + conflicts
    codes = _codes(parts, evidence, law, status)
    relevant = _RELEVANT.get(status, {status})
    shown = [m for m in evidence if m.points_to in relevant or m.points_to == "exemption"]
    shown.sort(key=lambda m: m.start)
    return Proposal(status=status, confidence="strong" if sure else "weak", reason=reason,
                    exemptions=codes, evidence=shown, parts=parts)


_RELEVANT: dict[str, set[str]] = {
    "successful": {"disclosed"},
    "partially_successful": {"disclosed", "partial", *_KEEPING_BACK, "not_held"},
    "refused": {*_KEEPING_BACK, "not_held", "partial"},
    "not_held": {"not_held"},
    "vexatious": {"vexatious", "repeated", "withheld"},
    "clarification_requested": {"clarification"},
    "extended": {"extended"},
    "awaiting_response": {"acknowledged"},
}


def _conflicts(status: str, strong: set[str]) -> str:
    if status in ("extended", "clarification_requested", "awaiting_response"):
        # An extension letter names the exemption it is weighing; that is no contradiction.
        others = strong & {"disclosed", "cost_limit", "ncnd", "not_held"}
        return ("says " + ", ".join(sorted(others))) if others else ""
    if status in ("successful", "partially_successful", "refused", "not_held") and "clarification" in strong:
        return "asks for clarification"
    return ""


def _codes(parts: Sequence[Part], evidence: Sequence[PhraseMatch], law: Law, status: str) -> list[str]:
    """The grounds the proposal cites: the sections written, then grounds named only in words."""
    cited = [m.code for m in evidence if m.points_to == "exemption" and m.code]
    findings = {p.finding for p in parts}
    for finding in ("cost_limit", "vexatious", "repeated", "not_held"):
        if finding in findings:
            code = _ground_code(finding, law)
            if code and not any(section_kind(c, law) == finding or c == code for c in cited):
                cited.append(code)
    codes = list(dict.fromkeys(cited))
    # "s.12" from the words "exceeds the appropriate limit" says less than a "section 12(1)" cited beside it.
    codes = [c for c in codes if not any(o.startswith(c + "(") for o in codes)]
    if status == "not_held":
        codes = [c for c in codes if section_kind(c, law) == "not_held" or c == "not held"]
    elif status in ("successful", "clarification_requested", "extended", "awaiting_response"):
        codes = []
    return codes


_HINTED_STATUS = {
    "disclosed": "successful", "withheld": "refused", "exemption": "refused",
    "partial": "partially_successful", "cost_limit": "refused", "ncnd": "refused", "not_held": "not_held",
    "clarification": "clarification_requested", "extended": "extended", "vexatious": "vexatious",
    "repeated": "vexatious", "acknowledged": "awaiting_response",
}


def _best_hint(evidence: Iterable[PhraseMatch], has_data: bool) -> tuple[str | None, str]:
    counts: dict[str, int] = {}
    for m in evidence:
        counts[m.points_to] = counts.get(m.points_to, 0) + 1
    if has_data:
        counts["disclosed"] = counts.get("disclosed", 0) + 1
    if not counts:
        return None, ""
    best = max(counts, key=lambda s: counts[s])
    status = _HINTED_STATUS[best]
    return status, f"only weak phrases ({best})"


def apply_proposal(request: FoiRequest, proposal: Proposal, on: date, *, confirm: bool = False) -> FoiRequest:
    """A copy of `request` moved to the proposed status on `on`.

    A weak proposal is applied only with `confirm=True` (a person has read the response);
    otherwise, as for any invalid move, InvalidInputError is raised and nothing changes.
    """
    if proposal.status is None:
        raise InvalidInputError("status", "the response suggests no status; set one by hand")
    if proposal.confidence == "weak" and not confirm:
        raise InvalidInputError(
            "status", f"the evidence for {proposal.status} is weak; confirm it after reading the response"
        )
    cited = proposal.exemptions if proposal.status in CITING_STATUSES else []
    return change_status(request, proposal.status, on, exemptions=cited, note="proposed from the response")


def figures_for_response(request: FoiRequest, figures: Iterable[Figure]) -> list[Figure]:
    """Copies of a response's figures carrying the request's requester (when the request has one)."""
    if request.requester is None:
        return list(figures)
    return [f.model_copy(update={"requester": request.requester}) for f in figures]
