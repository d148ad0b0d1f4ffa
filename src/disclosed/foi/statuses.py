"""The statuses of an FOI request, the allowed moves between them (data in statuses.toml), and
the one function that records a move in the request's history."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from datetime import date
from functools import cache
from importlib import resources
from typing import get_args

from disclosed.errors import InvalidInputError
from disclosed.foi.records import SCOTTISH_LAWS, Commissioner, FoiRequest, Law, Status, StatusChange

STATUSES: tuple[Status, ...] = get_args(Status)
RESPONSE_STATUSES: frozenset[str] = frozenset(
    {"successful", "partially_successful", "refused", "not_held", "vexatious"})
# Statuses whose change may cite exemptions (a not held answer cites "not held", FOISA s.17...).
CITING_STATUSES: frozenset[str] = frozenset({"partially_successful", "refused", "not_held", "vexatious"})
# Answers that keep something back, so the requester may ask for a review of them.
REVIEWABLE_STATUSES: frozenset[str] = CITING_STATUSES


@cache
def _data() -> dict:
    with resources.files("disclosed.foi").joinpath("statuses.toml").open("rb") as f:
        return tomllib.load(f)


def transitions() -> dict[str, tuple[str, ...]]:
    """The allowed moves: status -> the statuses it may move to next."""
    return {name: tuple(entry["to"]) for name, entry in _data()["statuses"].items()}


def status_label(status: str) -> str:
    """How a status reads to a person ("awaiting response")."""
    return _data()["statuses"][status]["label"]


@cache
def _aliases() -> dict[str, str]:
    out: dict[str, str] = {}
    for name, entry in _data()["statuses"].items():
        for alias in entry.get("aliases", []):
            out[re.sub(r"[\s-]+", "_", alias.lower())] = name
    return out


def exemptions_for(law: Law) -> dict[str, str]:
    """The exemptions (and "not held") `law` lets an authority cite, code -> description."""
    return dict(_data()["exemptions"][law])


def parse_status(value: str, field: str = "status") -> Status:
    """A status as a person writes it ("internal review", "Internal-Review") to its code."""
    code = re.sub(r"[\s-]+", "_", value.strip().lower())
    code = _aliases().get(code, code)
    if code not in STATUSES:
        raise InvalidInputError(field, f"unknown status {value!r}; expected one of {', '.join(STATUSES)}")
    return code  # type: ignore[return-value]


_SECTION = re.compile(
    r"^(?:s(?:ection)?|(?P<reg>r(?:eg(?:ulation)?)?))\.?\s*(?P<num>\d+[A-Z]?)\s*(?P<sub>(?:\(\s*[0-9a-z]+\s*\)\s*)*)$",
    re.IGNORECASE,
)


def normalise_exemption(value: str) -> str:
    """One way to write a citation: "section 40(2)", "s40 (2)" -> "s.40(2)"; "reg 13" -> "reg.13";
    "information not held", "not held" -> "not held". Unrecognised text comes back stripped."""
    text = value.strip()
    if re.fullmatch(r"(?:information\s+)?not\s+held", text, re.IGNORECASE):
        return "not held"
    m = _SECTION.match(text)
    if not m:
        return text
    sub = re.sub(r"\s+", "", m["sub"]).lower()
    return f"{'reg' if m['reg'] else 's'}.{m['num'].upper()}{sub}"


def check_exemptions(values: Iterable[str], law: Law, field: str = "exemptions") -> list[str]:
    """The citations normalised and checked against `law`'s list; an unknown one raises."""
    known = exemptions_for(law)
    out: list[str] = []
    for value in values:
        code = normalise_exemption(value)
        if not any(code == k or code.startswith(k + "(") for k in known):
            raise InvalidInputError(field, f"{value!r} is not an exemption under {law.upper()}")
        if code not in out:
            out.append(code)
    return out


def commissioner_for(law: Law) -> Commissioner:
    """Who hears appeals: the Scottish Information Commissioner for FOISA and EISR, else the ICO."""
    return "sic" if law in SCOTTISH_LAWS else "ico"


def change_status(
    request: FoiRequest,
    status: str,
    on: date,
    *,
    exemptions: Iterable[str] = (),
    appeal_to: str | None = None,
    note: str | None = None,
) -> FoiRequest:
    """A copy of `request` moved to `status` on `on`, with the move appended to its history.

    Raises InvalidInputError (and leaves `request` as it was) for a move the table in
    statuses.toml does not allow, a date before the last change, an extension under FOISA,
    an appeal under FOISA/EISR without a review first (FOISA s.47(1)), exemptions the law
    doesn't have, or exemptions on a status that isn't a refusal or partial disclosure.
    """
    new = parse_status(status)
    current = request.status
    if new not in transitions()[current]:
        raise InvalidInputError("status", f"cannot move from {current} to {new}")
    if request.history and on < request.history[-1].on:
        raise InvalidInputError(
            "on", f"{on.isoformat()} is before the last change ({request.history[-1].on.isoformat()})"
        )
    if new == "extended" and request.law == "foisa":
        raise InvalidInputError("status", "FOISA 2002 has no extension of the time for compliance")
    if new == "appeal" and request.law in SCOTTISH_LAWS and not any(
        c.status == "internal_review" for c in request.history
    ):
        raise InvalidInputError(
            "status", "an application to the Scottish Information Commissioner needs a review first"
        )
    cited = list(exemptions)
    if cited and new not in CITING_STATUSES:
        raise InvalidInputError(
            "exemptions", f"only a refusal or partial disclosure cites exemptions, not {new}"
        )
    cited = check_exemptions(cited, request.law)
    commissioner: Commissioner | None = None
    if new == "appeal":
        commissioner = commissioner_for(request.law)
        if appeal_to is not None and appeal_to.strip().lower() != commissioner:
            raise InvalidInputError(
                "appeal_to", f"a {request.law.upper()} appeal goes to {commissioner}, not {appeal_to!r}"
            )
    elif appeal_to is not None:
        raise InvalidInputError("appeal_to", f"only an appeal has a Commissioner, not {new}")
    change = StatusChange(status=new, on=on, exemptions=cited, appeal_to=commissioner, note=note)
    return request.model_copy(update={"status": new, "history": [*request.history, change]})
