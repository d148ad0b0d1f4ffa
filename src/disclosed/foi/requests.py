"""Making FOI requests (to one authority or a batch to many) and the deadlines each one has open."""

from __future__ import annotations

import string
import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta

from disclosed.errors import InvalidInputError
from disclosed.foi import deadlines
from disclosed.foi.bodies import AuthorityLookup, BodyChoice, KnownBody, choose_bodies, choose_body
from disclosed.foi.records import SCOTTISH_LAWS, Deadline, FoiRequest, Law, StatusChange
from disclosed.foi.statuses import RESPONSE_STATUSES, REVIEWABLE_STATUSES
from disclosed.model import Authority

# Placeholders every template may use; callers add their own (period_start, period_end...).
BUILTIN_PLACEHOLDERS = ("authority", "nation", "kind", "requester", "title", "date")


def _default_register() -> AuthorityLookup:
    from disclosed.authorities import get_register

    return get_register()


def law_for(authority: Authority | BodyChoice, environmental: bool = False) -> Law:
    """FOISA (or the EISR) for a Scottish public authority, FOIA (or the EIR) for every other body.

    A body's `nation` is where it is an authority: UK-wide departments answer under FOIA even
    about their Scottish offices (FOISA s.3 covers only Scottish public authorities).
    """
    if isinstance(authority, BodyChoice) and authority.law is not None:
        named = authority.law
        if environmental and named in ("foia", "foisa"):
            return "eisr" if named == "foisa" else "eir"
        return named
    scottish = authority.nation == "Scotland"
    if environmental:
        return "eisr" if scottish else "eir"
    return "foisa" if scottish else "foia"


def resolve_authority(name: str, register: AuthorityLookup | None = None) -> Authority:
    """The register's entry for `name`; an unknown name raises InvalidInputError naming it."""
    found = (register or _default_register()).resolve(name)
    if found is None:
        raise InvalidInputError("authority", f"unknown authority {name!r}")
    return found


def render_text(template: str, values: Mapping[str, object]) -> str:
    """`template` with its {placeholders} filled from `values` ("{{" for a literal brace).

    An unknown placeholder, or one written with attribute or index access, raises
    InvalidInputError naming it and listing the known ones.
    """
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(template) if f is not None]
    except ValueError as err:
        raise InvalidInputError("template", f"malformed placeholder ({err})") from None
    for name in fields:
        if name not in values:
            known = ", ".join("{" + k + "}" for k in values)
            raise InvalidInputError("template", f"unknown placeholder {{{name}}}; known: {known}")
    return template.format_map({k: "" if v is None else v for k, v in values.items()})


def new_request(
    authority: str | BodyChoice,
    *,
    title: str,
    template: str,
    values: Mapping[str, object] | None = None,
    requester: str | None = None,
    environmental: bool = False,
    on: date | None = None,
    received: date | None = None,
    reference: str | None = None,
    our_reference: str | None = None,
    batch: str | None = None,
    register: AuthorityLookup | None = None,
    law: Law | None = None,
    yes: bool = False,
    known: Sequence[KnownBody] = (),
) -> FoiRequest:
    """A draft request to the authority named `authority` (chosen by `bodies.choose_body`: a
    near miss needs `yes`, a body outside the register needs `law`), or to a body already chosen.

    Its text is `template` filled with the authority's official name, nation and kind, the
    requester, the title, the date and `values`. `on` dates the draft (default today).
    """
    found = authority if isinstance(authority, BodyChoice) else choose_body(
        authority, register or _default_register(), law=law, yes=yes, known=known)
    return _request_to(
        found, title=title, template=template, values=values or {}, requester=requester,
        environmental=environmental, on=on or date.today(), received=received, reference=reference,
        our_reference=our_reference, batch=batch,
    )


def new_batch(
    authorities: Iterable[str | BodyChoice],
    *,
    title: str,
    template: str,
    values: Mapping[str, object] | None = None,
    requester: str | None = None,
    environmental: bool = False,
    on: date | None = None,
    register: AuthorityLookup | None = None,
    law: Law | None = None,
    yes: bool = False,
    known: Sequence[KnownBody] = (),
) -> list[FoiRequest]:
    """One draft request per authority, all asking the same question (a round robin).

    Each request has its own id, law and clock and shares one `batch` id. Every name is chosen
    before any request is made (`bodies.choose_bodies`): an unknown name, a near miss without
    `yes`, or two names for the same body raise InvalidInputError and nothing is made.
    """
    names = list(authorities)
    if not names:
        raise InvalidInputError("authorities", "a batch needs at least one authority")
    given = [n for n in names if isinstance(n, BodyChoice)]
    written = [n for n in names if not isinstance(n, BodyChoice)]
    resolved = given + (choose_bodies(written, register or _default_register(), law=law, yes=yes, known=known)
                        if written else [])
    batch = uuid.uuid4().hex
    day = on or date.today()
    return [
        _request_to(
            a, title=title, template=template, values=values or {}, requester=requester,
            environmental=environmental, on=day, received=None, reference=None, our_reference=None,
            batch=batch,
        )
        for a in resolved
    ]


def _request_to(
    authority: BodyChoice,
    *,
    title: str,
    template: str,
    values: Mapping[str, object],
    requester: str | None,
    environmental: bool,
    on: date,
    received: date | None,
    reference: str | None,
    our_reference: str | None,
    batch: str | None,
) -> FoiRequest:
    if not title.strip():
        raise InvalidInputError("title", "a request needs a title")
    filled = {
        "authority": authority.name,
        "nation": authority.nation or "",
        "kind": (authority.kind or "public body").replace("_", " "),
        "requester": requester or "",
        "title": title,
        "date": on.isoformat(),
        **values,
    }
    return FoiRequest(
        batch=batch,
        authority=authority.name,
        nation=authority.nation,
        law=law_for(authority, environmental),
        title=title,
        text=render_text(template, filled),
        requester=requester,
        received=received,
        reference=reference,
        our_reference=our_reference,
        history=[StatusChange(status="draft", on=on)],
    )


def clock_start(request: FoiRequest) -> date | None:
    """The day the response clock runs from: receipt, or the latest clarification received.

    Receipt is `request.received`, or the day it was sent when no receipt date is known. A move
    from clarification_requested back to awaiting_response is dated the day the authority got
    the clarification, and restarts the clock (FOIA s.1(3), FOISA s.1(3), EIR reg 9(4)).
    """
    start = request.received
    previous = None
    for change in request.history:
        restarted = change.status == "awaiting_response" and previous == "clarification_requested"
        if restarted or (change.status == "sent" and start is None):
            start = change.on
        previous = change.status
    return start


def first_response(request: FoiRequest) -> StatusChange | None:
    """The authority's first answer (before any review or appeal), if it has answered."""
    for change in request.history:
        if change.status in ("internal_review", "appeal"):
            return None
        if change.status in RESPONSE_STATUSES:
            return change
    return None


def first_response_due(request: FoiRequest) -> date | None:
    """The day the first response is due, extended if the authority extended it; None before sending."""
    start = clock_start(request)
    if start is None:
        return None
    if any(c.status == "extended" for c in request.history):
        return deadlines.extended_response_due(start, request.law)
    return deadlines.response_due(start, request.law)


def open_deadlines(request: FoiRequest) -> list[Deadline]:
    """The deadlines the request's current status leaves open.

    sent/awaiting_response: the first response; extended: the extended response;
    internal_review: the review's answer (with FOIA's 40-day outer limit); a refusal or partial
    disclosure: the requester's window to ask for a review, or, after a review, to complain to
    the Commissioner. Under FOISA and the EISR the law also dates what to do if the authority
    stays silent: require a review within 40 working days of the missed response deadline
    (FOISA s.20(5)(b)), apply to the Commissioner within six months of the missed review
    deadline (s.47(4)(b)). Drafts, clarification requests (the clock is stopped), successful
    requests, appeals and closed requests have none.
    """
    law = request.law
    status = request.status
    last = request.history[-1] if request.history else None

    scottish = law in SCOTTISH_LAWS

    def make(
        kind: str, party: str, due: date, latest: date | None = None, rule: str | None = None
    ) -> Deadline:
        return Deadline(
            request_id=request.id, authority=request.authority, title=request.title, kind=kind,
            party=party, due=due, latest=latest, rule=rule or deadlines.RULES[kind][law],
        )

    if status in ("sent", "awaiting_response", "extended"):
        due = first_response_due(request)
        if due is None:
            return []
        kind = "extended_response" if status == "extended" else "response"
        found = [make(kind, "authority", due)]
        if scottish:
            found.append(make("review_request", "requester", deadlines.review_request_closes(due, law),
                              rule=deadlines.SILENCE_RULES["review_request"]))
        return found
    if last is None:
        return []
    if status == "internal_review":
        due, latest = deadlines.review_due(last.on, law)
        found = [make("review", "authority", due, latest)]
        if scottish:
            found.append(make("appeal_window", "requester", deadlines.appeal_window_closes(due, law),
                              rule=deadlines.SILENCE_RULES["appeal_window"]))
        return found
    if status in REVIEWABLE_STATUSES:
        earlier = [c.status for c in request.history[:-1]]
        if "appeal" in earlier:
            return []  # the Commissioner has decided; a tribunal or court appeal is out of scope
        if "internal_review" in earlier:
            return [make("appeal_window", "requester", deadlines.appeal_window_closes(last.on, law))]
        return [make("review_request", "requester", deadlines.review_request_closes(last.on, law))]
    return []


def live_deadlines(request: FoiRequest, today: date) -> list[Deadline]:
    """Open deadlines still worth acting on: the authority's (even if passed) and the requester's
    windows that have not yet closed; soonest first."""
    return sorted(
        (d for d in open_deadlines(request) if d.party == "authority" or d.due >= today),
        key=lambda d: d.due,
    )


def next_deadline(request: FoiRequest, today: date) -> Deadline | None:
    """The soonest live deadline, overdue ones included; None when nothing is pending."""
    live = live_deadlines(request, today)
    return live[0] if live else None


def is_overdue(request: FoiRequest, today: date) -> bool:
    """Whether the authority has let a deadline pass (a response or a review), as of `today`."""
    return any(d.party == "authority" and d.due < today for d in open_deadlines(request))


def due_within(request: FoiRequest, today: date, days: int) -> list[Deadline]:
    """The request's deadlines falling from `today` to `days` calendar days ahead, inclusive."""
    if days < 0:
        raise InvalidInputError("due_within", f"expected a number of days >= 0, got {days}")
    horizon = today + timedelta(days=days)
    return [d for d in live_deadlines(request, today) if today <= d.due <= horizon]

