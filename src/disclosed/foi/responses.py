"""Reading an authority's response: the status it proposes (with evidence and a confidence), the
exemptions it cites, and stamping its figures with the request's requester.

The phrases are data (responses.toml). A proposal is only ever applied by `apply_proposal`, and
one resting on weak evidence needs `confirm=True` from a person.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from datetime import date
from functools import cache
from importlib import resources

from disclosed.errors import InvalidInputError
from disclosed.foi.records import FoiRequest, Law
from disclosed.foi.statuses import CITING_STATUSES, change_status, exemptions_for, normalise_exemption
from disclosed.model import (
    Confidence as Confidence,  # the records live in disclosed.model; named here as before
)
from disclosed.model import Figure
from disclosed.model import PhraseMatch as PhraseMatch
from disclosed.model import Proposal as Proposal
from disclosed.model import Strength as Strength


def _compile(phrase: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + phrase.replace(" ", r"\s+") + r"(?!\w)", re.IGNORECASE)


@cache
def _data() -> dict:
    with resources.files("disclosed.foi").joinpath("responses.toml").open("rb") as f:
        return tomllib.load(f)


@cache
def _signals() -> tuple[tuple[str, Strength, re.Pattern[str]], ...]:
    out: list[tuple[str, Strength, re.Pattern[str]]] = []
    for status, levels in _data()["signals"].items():
        for strength in ("strong", "weak"):
            out.extend((status, strength, _compile(p)) for p in levels.get(strength, []))
    return tuple(out)


@cache
def _grounds() -> tuple[tuple[dict[str, str], re.Pattern[str]], ...]:
    out = []
    for entry in _data()["grounds"].values():
        codes = {law: entry[law] for law in ("foia", "foisa", "eir", "eisr")}
        out.extend((codes, _compile(p)) for p in entry["phrases"])
    return tuple(out)


_REF = r"\d{1,3}[A-Z]?(?:\s*\(\s*[0-9a-z]{1,4}\s*\))*"
# "section 40(2)", "s.40(2)", "s 14(1)", "ss.40 and 43", "sections 21, 40(2) and 43(2)", "regulation 13".
_CITE = re.compile(
    r"(?<![\w'’])(?P<kw>sections?|ss?\.|s(?=\s*\d)|regulations?|regs?\.?)\s*"
    r"(?P<refs>" + _REF + r"(?:\s*(?:,|and|&|or)\s*" + _REF + r")*)",
    re.IGNORECASE,
)
_ONE_REF = re.compile(_REF, re.IGNORECASE)


def cited_exemptions(text: str, law: Law) -> list[PhraseMatch]:
    """The exemptions `text` cites that `law` has, by section or regulation number or in words.

    Sections that are not exemptions (FOIA s.1, s.10, s.17...) are left out. Each match's `code`
    is the normalised citation ("s.40(2)", "reg.12(4)(b)", "not held").
    """
    known = exemptions_for(law)
    found: list[PhraseMatch] = []
    for m in _CITE.finditer(text):
        prefix = "regulation " if m["kw"].lower().startswith("r") else "section "
        for i, ref in enumerate(_ONE_REF.finditer(m["refs"])):
            code = normalise_exemption(prefix + ref.group())
            if any(code == k or code.startswith(k + "(") for k in known):
                # The first number carries the keyword ("section 40(2)"); the rest stand alone ("43(2)").
                start = m.start() if i == 0 else m.start("refs") + ref.start()
                end = m.start("refs") + ref.end()
                found.append(PhraseMatch(points_to="exemption", strength="strong", text=text[start:end],
                                         code=code, start=start, end=end))
    for codes, pattern in _grounds():
        for m in pattern.finditer(text):
            found.append(PhraseMatch(points_to="exemption", strength="strong", text=m.group(),
                                     code=codes[law], start=m.start(), end=m.end()))
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


def propose_status(text: str, law: Law, figures: Sequence[Figure] = ()) -> Proposal:
    """The status a response's text suggests, with the phrases that suggest it.

    Precedence: information given together with information withheld is a partial disclosure;
    a refusal with no disclosure is a refusal; a request for clarification stands when nothing
    was given or refused. Figures extracted from the response count as weak evidence of a
    disclosure. Confidence is strong only when the chosen status has a strong phrase and no
    other strong phrase contradicts it.
    """
    matches = _without_overlaps(
        PhraseMatch(points_to=status, strength=strength, text=m.group(), start=m.start(), end=m.end())
        for status, strength, pattern in _signals()
        for m in pattern.finditer(text)
    )
    strong = {m.points_to for m in matches if m.strength == "strong"}
    hinted = {m.points_to for m in matches}
    if figures:
        hinted.add("successful")
    exemptions = cited_exemptions(text, law)
    codes = list(dict.fromkeys(e.code for e in exemptions if e.code))
    # "s.12" from "exceeds the appropriate limit" says less than a "section 12(1)" cited beside it.
    codes = [c for c in codes if not any(o.startswith(c + "(") for o in codes)]

    status: str | None
    if "partially_successful" in strong or {"refused", "successful"} <= strong:
        status = "partially_successful"
        sure = "partially_successful" in strong and "clarification_requested" not in strong
    elif "refused" in strong:
        status = "refused"
        sure = not strong - {"refused"}
    elif "clarification_requested" in strong:
        status = "clarification_requested"
        sure = not strong - {"clarification_requested"}
    elif "extended" in strong:
        status = "extended"
        sure = not strong - {"extended"}
    elif "successful" in strong:
        status = "successful"
        sure = not strong - {"successful"} and not (hinted & {"refused", "partially_successful"})
    else:
        status = _best_hint(matches, bool(figures), bool(codes))
        sure = False
    if status is None:
        return Proposal(status=None, confidence="weak")
    relevant = {status}
    if status in ("partially_successful", "refused"):
        relevant |= {"refused", "partially_successful", "successful"}
    evidence = [m for m in matches if m.points_to in relevant]
    if status in CITING_STATUSES:
        evidence += exemptions
    else:
        codes = []
    evidence.sort(key=lambda m: m.start)
    return Proposal(status=status, confidence="strong" if sure else "weak", exemptions=codes,
                    evidence=evidence)


def _best_hint(matches: Iterable[PhraseMatch], has_figures: bool, has_citations: bool) -> str | None:
    counts: dict[str, int] = {}
    for m in matches:
        counts[m.points_to] = counts.get(m.points_to, 0) + 1
    if has_citations:
        counts["refused"] = counts.get("refused", 0) + 1
    if has_figures:
        counts["successful"] = counts.get("successful", 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda s: counts[s])


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
