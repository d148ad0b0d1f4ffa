"""`disclosed foi ...`: FOI requests, their deadlines, statuses, responses, performance and calendar."""

from __future__ import annotations

import getpass
import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from disclosed.authorities import get_register
from disclosed.cli import app
from disclosed.cli.figures import FIGURE_COLUMNS, figure_rows
from disclosed.cli.options import DbOption, FormatOption
from disclosed.cli.output import OutputFormat, print_rows
from disclosed.errors import InvalidInputError
from disclosed.foi import (
    authority_performance,
    collate_batch,
    deadlines,
    deadlines_calendar,
    due_within,
    first_response_due,
    is_overdue,
    new_batch,
    new_request,
    next_deadline,
    open_deadlines,
    parse_date,
    parse_law,
    parse_status,
    response_due,
)
from disclosed.foi.bodies import BodyChoice, choose_bodies
from disclosed.foi.deadlines import RULES
from disclosed.foi.records import Deadline, FoiRequest
from disclosed.foi.statuses import change_status, status_label
from disclosed.runs import foi as tracking
from disclosed.runs import open_store, whatdotheyknow
from disclosed.store import Store
from disclosed.store import foi as tracker

foi_app = typer.Typer(
    help="Track FOI requests: deadlines under FOIA, FOISA and the EIR, statuses, responses, figures.",
    no_args_is_help=True,
)
app.add_typer(foi_app, name="foi")

DEFAULT_CALENDAR = "disclosed-deadlines.ics"
REQUEST_COLUMNS = ["id", "authority", "law", "status", "received", "deadline", "due", "overdue", "title"]

LawOption = Annotated[str | None, typer.Option(
    "--law", help="foia, foisa, eir or eisr: the law of a body outside the register (tracked as written).",
    show_default=False)]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Take a near miss of a registered name "
                                         "(\"Home Ofice\") as that body.")]
TodayOption = Annotated[str | None, typer.Option("--today", help="Count deadlines as of this day "
                                                 "(YYYY-MM-DD; default: today).", show_default=False)]
OnOption = Annotated[str | None, typer.Option("--on", help="The day it happened (YYYY-MM-DD; default: "
                                              "today).", show_default=False)]

# Help shared by several commands' options and arguments.
_REQUESTER = "Who asks (a person, an outlet, a campaign); stamped on the response's figures."
_REQUEST_ID = "The request id, or a unique prefix of it (4 characters or more)."
_NOTE = "A note kept with the change."



def _day(value: str | None, field: str) -> date:
    return date.today() if value is None else parse_date(value, field)


def _who() -> str | None:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        return None


def _read_text_file(path: Path, field: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        reason = getattr(err, "strerror", None) or err
        raise InvalidInputError(field, f"cannot read {path} ({reason})") from None


def _template(text: str | None, template_file: Path | None) -> str:
    if (text is None) == (template_file is None):
        raise InvalidInputError("text", "give the request's text with --text or --template-file (one)")
    return text if text is not None else _read_text_file(template_file, "template-file")


def _values(pairs: list[str] | None) -> dict[str, str]:
    out = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise InvalidInputError("value", f"expected KEY=VALUE, got {pair!r}")
        out[key.strip()] = value
    return out


def _sent_on(request: FoiRequest, received: date | None) -> FoiRequest:
    """A request the authority has already received starts its clock: it is sent, on that day."""
    if received is None:
        return request
    return change_status(request.model_copy(update={"received": received}), "sent", received)


def _due_line(request: FoiRequest) -> str:
    due = first_response_due(request)
    if due is None:
        return "due: not yet (a draft's clock starts when it is sent: disclosed foi status ID sent --on DATE)"
    return f"due {due.isoformat()} ({RULES['response'][request.law]})"


def _deadline_text(d: Deadline) -> str:
    latest = f", at the latest {d.latest.isoformat()}" if d.latest else ""
    return f"{d.due.isoformat()} {d.kind.replace('_', ' ')} ({d.party}{latest}): {d.rule}"


def _choose(names: list[str], law: str | None, yes: bool, store: Store) -> list[BodyChoice]:
    """The bodies the names mean; a near miss is asked about at a terminal, refused in a script."""
    code = parse_law(law) if law else None
    register = get_register()
    known = whatdotheyknow.known_bodies(store)
    if not names:
        raise InvalidInputError("authorities", "a batch needs at least one authority")
    try:
        chosen = choose_bodies(names, register, law=code, yes=yes, known=known)
    except InvalidInputError as err:
        if yes or not sys.stdin.isatty() or "resolved to" not in err.reason or "unknown" in err.reason:
            raise
        Console(stderr=True).print(err.reason.split("? Rerun")[0] + "?", markup=False, highlight=False)
        if not typer.confirm("Take it?", default=False):
            raise
        chosen = choose_bodies(names, register, law=code, yes=True, known=known)
    err_console = Console(stderr=True, highlight=False)
    for body in chosen:
        if body.note:
            err_console.print(f"note: {body.note}", markup=False, soft_wrap=True)
    return chosen


# -- commands ---------------------------------------------------------------------------------------

@foi_app.command("due-date")
def due_date(
    received: Annotated[str, typer.Argument(help="The day the authority received the request, YYYY-MM-DD.",
                                            show_default=False)],
    law: Annotated[str, typer.Option("--law", help="foia, foisa, eir or eisr.")] = "foia",
    school_terms: Annotated[Path | None, typer.Option("--school-terms", help="A school's term dates (one "
                                                      "term a line: FIRST LAST): 20 school days or 60 "
                                                      "working days, whichever is first.",
                                                      show_default=False)] = None,
    archive: Annotated[bool, typer.Option("--archive", help="A transferred public record held by an "
                                          "archive: 30 working days.")] = False,
    overseas: Annotated[bool, typer.Option("--overseas", help="Held outside the UK or from armed forces on "
                                           "operations: up to 60 working days (needs the Commissioner's "
                                           "agreement).")] = False,
    extended: Annotated[bool, typer.Option("--extended", help="Extended: 40 working days (EIR/EISR "
                                           "complex and voluminous; FOIA public interest).")] = False,
) -> None:
    """Print the day a response is due (first line: YYYY-MM-DD only; second line: the rule)."""
    day = parse_date(received, "received")
    code = parse_law(law)
    chosen = [name for name, on in (("school-terms", school_terms is not None), ("archive", archive),
                                    ("overseas", overseas), ("extended", extended)) if on]
    if len(chosen) > 1:
        raise InvalidInputError("due-date", f"choose one of --{', --'.join(chosen)}")
    if school_terms is not None:
        due = deadlines.school_response_due(day, deadlines.parse_terms(_read_text_file(school_terms,
                                                                                       "school-terms")), code)
        rule = deadlines.SPECIAL_RULES["school"]
    elif archive:
        due, rule = deadlines.archive_response_due(day, code), deadlines.SPECIAL_RULES["archive"]
    elif overseas:
        due, rule = deadlines.overseas_response_due(day, code), deadlines.SPECIAL_RULES["overseas"]
    elif extended:
        due, rule = deadlines.extended_response_due(day, code), RULES["extended_response"][code]
    else:
        due, rule = response_due(day, code), RULES["response"][code]
    print(due.isoformat())
    print(f"{rule}; received {day.isoformat()}")


@foi_app.command()
def new(
    authority: Annotated[str, typer.Argument(help="The authority, as the register names it (or an alias).",
                                             show_default=False)],
    title: Annotated[str, typer.Option("--title", help="A short title for the request.", show_default=False)],
    text: Annotated[str | None, typer.Option("--text", help="The request's text ({authority} etc. filled "
                                             "in).", show_default=False)] = None,
    template_file: Annotated[Path | None, typer.Option("--template-file", help="A file holding the text.",
                                                       show_default=False)] = None,
    received: Annotated[str | None, typer.Option("--received", help="The day the authority received it "
                                                 "(YYYY-MM-DD); starts the clock.",
                                                 show_default=False)] = None,
    requester: Annotated[str | None, typer.Option("--requester", help=_REQUESTER, show_default=False)] = None,
    reference: Annotated[str | None, typer.Option("--reference", help="The authority's reference.",
                                                  show_default=False)] = None,
    our_reference: Annotated[str | None, typer.Option(
        "--our-reference", help="Your own reference.", show_default=False)] = None,
    environmental: Annotated[bool, typer.Option("--environmental", help="Under the EIR (EISR in Scotland) "
                                                "instead of FOIA (FOISA).")] = False,
    value: Annotated[list[str] | None, typer.Option("--value", help="KEY=VALUE for a {KEY} placeholder; "
                                                    "repeatable.", show_default=False)] = None,
    law: LawOption = None,
    yes: YesOption = False,
    db: DbOption = None,
) -> None:
    """Make a request to one authority; print its id and due date.

    A body outside the register is tracked as written when --law names its law; a near miss of
    a registered name ("Home Ofice") is taken only with --yes (or a yes at the prompt).
    """
    day = parse_date(received, "received") if received else None
    store = open_store(db)
    [body] = _choose([authority], law, yes, store)
    request = new_request(
        body, title=title, template=_template(text, template_file), values=_values(value),
        requester=requester, environmental=environmental, on=day or date.today(), reference=reference,
        our_reference=our_reference,
    )
    request = _sent_on(request, day)
    tracker.save_request(store, request, by=_who())
    print(request.id)
    print(f"{request.authority} ({request.law.upper()}): {_due_line(request)}")


def _authority_names(names: list[str] | None, authorities_file: Path | None) -> list[str]:
    found = list(names or [])
    if authorities_file is not None:
        for line in _read_text_file(authorities_file, "authorities-file").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                found.append(line)
    return found


@foi_app.command()
def batch(
    authorities: Annotated[list[str] | None, typer.Argument(help="Authorities to ask (or "
                                                            "--authorities-file).",
                                                            show_default=False)] = None,
    authorities_file: Annotated[Path | None, typer.Option("--authorities-file", help="One authority per "
                                                          "line (# starts a comment).",
                                                          show_default=False)] = None,
    title: Annotated[str, typer.Option(
        "--title", help="A title for every request.", show_default=False)] = "",
    text: Annotated[str | None, typer.Option(
        "--text", help="The text ({authority} filled in).", show_default=False)] = None,
    template_file: Annotated[Path | None, typer.Option("--template-file", help="The text, with placeholders "
                                                       "such as {authority}.", show_default=False)] = None,
    received: Annotated[str | None, typer.Option("--received", help="The day they were received "
                                                 "(YYYY-MM-DD); starts every clock.",
                                                 show_default=False)] = None,
    requester: Annotated[str | None, typer.Option("--requester", help=_REQUESTER, show_default=False)] = None,
    environmental: Annotated[bool, typer.Option(
        "--environmental", help="Under the EIR (EISR in Scotland).")] = False,
    value: Annotated[list[str] | None, typer.Option("--value", help="KEY=VALUE for a {KEY} placeholder.",
                                                    show_default=False)] = None,
    law: LawOption = None,
    yes: YesOption = False,
    db: DbOption = None,
    fmt: FormatOption = None,
) -> None:
    """Send one question to many authorities: one request each, with its own law and clock.

    Every name is checked first: one unknown authority (or a near miss without --yes) and
    nothing is stored. With --law, names outside the register are tracked as written.
    """
    day = parse_date(received, "received") if received else None
    store = open_store(db)
    bodies = _choose(_authority_names(authorities, authorities_file), law, yes, store)
    made = new_batch(
        bodies, title=title, template=_template(text, template_file),
        values=_values(value), requester=requester, environmental=environmental, on=day or date.today(),
    )
    made = [_sent_on(r, day) for r in made]
    tracker.save_requests(store, made, by=_who())
    Console(stderr=True).print(f"batch {made[0].batch}: {len(made)} requests", highlight=False)
    rows = [{"id": r.id, "batch": r.batch, "authority": r.authority, "law": r.law,
             "due": first_response_due(r)} for r in made]
    print_rows(rows, fmt, columns=["id", "authority", "law", "due"], title=f"Batch {made[0].batch}")


@foi_app.command()
def status(
    request_id: Annotated[str, typer.Argument(metavar="ID", help=_REQUEST_ID, show_default=False)],
    new_status: Annotated[str, typer.Argument(metavar="STATUS", help="draft, sent, awaiting_response, "
                                              "clarification_requested, extended, successful, "
                                              "partially_successful, refused, internal_review, appeal, "
                                              "closed.", show_default=False)],
    on: OnOption = None,
    exemption: Annotated[list[str] | None, typer.Option("--exemption", help="A section cited: s.12, "
                                                        "s.40(2), \"not held\"...; repeatable.",
                                                        show_default=False)] = None,
    appeal_to: Annotated[str | None, typer.Option("--appeal-to", help="ico or sic.",
                                                  show_default=False)] = None,
    note: Annotated[str | None, typer.Option("--note", help=_NOTE, show_default=False)] = None,
    db: DbOption = None,
) -> None:
    """Record a status change (checked against the allowed moves; a bad one changes nothing)."""
    moved = tracking.record_status(open_store(db), request_id, new_status, _day(on, "on"),
                                  exemptions=exemption or [], appeal_to=appeal_to, note=note, by=_who())
    previous = moved.history[-2].status if len(moved.history) > 1 else None
    print(f"{moved.id}: {previous} -> {moved.status} on {moved.history[-1].on.isoformat()}")
    for d in open_deadlines(moved):
        print(f"  {_deadline_text(d)}")


@foi_app.command()
def respond(
    request_id: Annotated[str, typer.Argument(metavar="ID", help=_REQUEST_ID, show_default=False)],
    file: Annotated[Path, typer.Argument(help="The response: PDF, HTML or text.", show_default=False)],
    on: OnOption = None,
    apply: Annotated[bool, typer.Option("--apply", help="Record the proposed status.")] = False,
    confirm: Annotated[bool, typer.Option("--confirm", help="With --apply: record it even on weak "
                                          "evidence (you have read the response).")] = False,
    db: DbOption = None,
) -> None:
    """Attach a response: store it, extract its figures (carrying the requester), propose a status."""
    result = tracking.attach_response_file(open_store(db), request_id, file, _day(on, "on"), apply=apply,
                                          confirm=confirm, by=_who())
    console = Console(highlight=False)
    stored = "stored" if result.new_document else "already stored"
    console.print(f"{result.document_name}: document {result.document_id} ({stored}), "
                  f"{len(result.figures)} figures", markup=False)
    p = result.proposal
    if p.status is None:
        console.print("proposed status: none (the text says nothing recognisable; set one with foi status)")
    else:
        cited = f", citing {', '.join(p.exemptions)}" if p.exemptions else ""
        console.print(f"proposed status: {p.status} ({p.confidence} evidence{cited})", markup=False)
        for m in p.evidence:
            phrase = " ".join(m.text.split())
            console.print(f"  evidence: \"{phrase}\" -> {m.code or m.points_to}", markup=False)
        if result.applied:
            console.print(f"applied: {result.request.id} is now {result.request.status}", markup=False)
        elif p.confidence == "strong":
            console.print("not applied: run again with --apply to record it")
        else:
            console.print("not applied: the evidence is weak; read the response, then --apply --confirm")
    if result.figures:
        print_rows(figure_rows(result.figures, full=False), OutputFormat.table,
                   columns=["organisation", "outcome", "count", "period", "requester", "evidence"],
                   title="Figures", console=console)


def _request_row(r: FoiRequest, today: date, chosen: Deadline | None = None) -> dict:
    d = chosen or next_deadline(r, today)
    return {
        "id": r.id, "batch": r.batch, "authority": r.authority, "law": r.law, "status": r.status,
        "received": r.received, "deadline": d.kind if d else None, "due": d.due if d else None,
        "party": d.party if d else None, "overdue": is_overdue(r, today), "title": r.title,
    }


@foi_app.command("list")
def list_(
    overdue: Annotated[bool, typer.Option("--overdue", help="Only requests whose authority missed a deadline "
                                          "(a response or an internal review).")] = False,
    due_within_days: Annotated[int | None, typer.Option("--due-within", metavar="DAYS", help="Only requests "
                                                        "with a deadline (response, review, review request, "
                                                        "appeal window) in the next DAYS days.",
                                                        show_default=False)] = None,
    status_: Annotated[str | None, typer.Option(
        "--status", help="Only this status.", show_default=False)] = None,
    batch_: Annotated[str | None, typer.Option(
        "--batch", help="Only this batch.", show_default=False)] = None,
    authority: Annotated[str | None, typer.Option("--authority", help="Part of the authority's name.",
                                                  show_default=False)] = None,
    today: TodayOption = None,
    db: DbOption = None,
    fmt: FormatOption = None,
) -> None:
    """List tracked requests with their next deadline."""
    day = _day(today, "today")
    code = parse_status(status_) if status_ else None
    rows = []
    for r in tracker.list_requests(open_store(db), status=code, batch=batch_, authority=authority):
        chosen = None
        if overdue:
            missed = [d for d in open_deadlines(r) if d.party == "authority" and d.due < day]
            if not missed:
                continue
            chosen = min(missed, key=lambda d: d.due)
        if due_within_days is not None:
            soon = due_within(r, day, due_within_days)
            if not soon:
                continue
            chosen = chosen or soon[0]
        rows.append(_request_row(r, day, chosen))
    print_rows(rows, fmt, columns=REQUEST_COLUMNS, title="FOI requests")


@foi_app.command()
def show(
    request_id: Annotated[str, typer.Argument(metavar="ID", help=_REQUEST_ID, show_default=False)],
    today: TodayOption = None,
    db: DbOption = None,
    fmt: Annotated[OutputFormat | None, typer.Option("--format", "-f", help="table (default) or json.",
                                                     show_default=False)] = None,
) -> None:
    """Show a request: its history, deadlines, responses, figures and linked stories."""
    store = open_store(db)
    day = _day(today, "today")
    r = tracker.get_request(store, request_id)
    found = tracker.responses(store, r.id)
    figures = tracker.response_figures(store, [r.id]).get(r.id, [])
    stories = tracker.linked_stories(store, r.id)
    deadlines = open_deadlines(r)
    if fmt in (OutputFormat.json, OutputFormat.jsonl):
        data = r.model_dump(mode="json") | {
            "overdue": is_overdue(r, day),
            "deadlines": [d.model_dump(mode="json") for d in deadlines],
            "responses": [{"document_id": x.document_id, "document": x.document_name,
                           "received": x.received.isoformat(), "applied": x.applied,
                           "proposal": x.proposal.model_dump(mode="json")} for x in found],
            "figures": figure_rows(figures),
            "stories": [{"story_id": s.story_id, "note": s.note} for s in stories],
        }
        print(json.dumps(data, ensure_ascii=False, indent=None if fmt is OutputFormat.jsonl else 2))
        return
    console = Console(highlight=False)
    out = lambda text="": console.print(text, markup=False, soft_wrap=True)  # noqa: E731
    out(f"{r.title}  [{r.id}]")
    out(f"authority: {r.authority} ({r.nation or 'nation unknown'}); law: {r.law.upper()}")
    out(f"status: {status_label(r.status)}" + ("  OVERDUE" if is_overdue(r, day) else ""))
    for label, v in (("batch", r.batch), ("requester", r.requester), ("received", r.received),
                     ("reference", r.reference), ("our reference", r.our_reference)):
        if v:
            out(f"{label}: {v}")
    out("\nhistory:")
    for c in r.history:
        extra = "".join([f" citing {', '.join(c.exemptions)}" if c.exemptions else "",
                         f" to {c.appeal_to}" if c.appeal_to else "", f" ({c.note})" if c.note else ""])
        out(f"  {c.on.isoformat()} {status_label(c.status)}{extra}")
    out("\ndeadlines:" + ("" if deadlines else " none open"))
    for d in deadlines:
        out(f"  {_deadline_text(d)}")
    out("\nresponses:" + ("" if found else " none"))
    for x in found:
        p = x.proposal
        state = "applied" if x.applied else "not applied"
        out(f"  {x.received.isoformat()} {x.document_name} (document {x.document_id}): proposed "
            f"{p.status or 'nothing'} ({p.confidence}, {state})")
    if figures:
        print_rows(figure_rows(figures, full=False), OutputFormat.table,
                   columns=[c for c in FIGURE_COLUMNS if c != "document"], title="Figures", console=console)
    out("\nstories:" + ("" if stories else " none linked"))
    for s in stories:
        out(f"  {s.story_id}" + (f": {s.note}" if s.note else ""))


@foi_app.command()
def performance(
    today: TodayOption = None,
    db: DbOption = None,
    fmt: FormatOption = None,
) -> None:
    """Per-authority figures from the tracked requests: days to respond, late, refused, exemptions."""
    found = authority_performance(tracker.list_requests(open_store(db)), _day(today, "today"))
    rows = []
    for p in found:
        row = p.model_dump(mode="json")
        if (fmt or OutputFormat.jsonl) in (OutputFormat.table, OutputFormat.csv):
            row["exemptions"] = ", ".join(f"{k}: {v}" for k, v in p.exemptions.items())
            for k in ("share_late", "share_refused"):
                row[k] = None if row[k] is None else f"{row[k]:.0%}"
        rows.append(row)
    print_rows(rows, fmt, columns=["authority", "requests", "answered", "overdue", "median_working_days",
                                   "share_late", "share_refused", "partially_successful", "exemptions"],
               title="Authority performance")


@foi_app.command()
def collate(
    batch_id: Annotated[str, typer.Argument(metavar="BATCH", help="The batch id.", show_default=False)],
    today: TodayOption = None,
    db: DbOption = None,
    fmt: FormatOption = None,
) -> None:
    """A batch's answers as one table: one row per authority, one column per outcome."""
    store = open_store(db)
    tracker.batch_ids(store, batch_id)
    requests = tracker.list_requests(store, batch=batch_id)
    table = collate_batch(requests, tracker.response_figures(store, [r.id for r in requests]),
                          _day(today, "today"))
    print_rows(table.rows, fmt, columns=table.columns, title=f"Batch {batch_id}")


@foi_app.command()
def link(
    request_id: Annotated[str, typer.Argument(metavar="ID", help=_REQUEST_ID, show_default=False)],
    story_id: Annotated[str, typer.Argument(metavar="STORY_ID", help="A story id.", show_default=False)],
    note: Annotated[str | None, typer.Option("--note", help=_NOTE, show_default=False)] = None,
    db: DbOption = None,
) -> None:
    """Link a press story to the request whose answer it reported."""
    created = tracker.link_story(open_store(db), request_id, story_id, note)
    print(f"{request_id}: {'linked' if created else 'already linked to'} story {story_id}")


@foi_app.command()
def calendar(
    output: Annotated[Path, typer.Option("--output", "-o", help="The iCalendar file to write.")] = Path(
        DEFAULT_CALENDAR),
    db: DbOption = None,
) -> None:
    """Write every open deadline as an iCalendar file (import or subscribe to it in a calendar app)."""
    requests = tracker.list_requests(open_store(db))
    events = sum(len(open_deadlines(r)) for r in requests)
    try:
        output.write_bytes(deadlines_calendar(requests))
    except OSError as err:
        raise InvalidInputError("output", f"cannot write {output} ({err.strerror or err})") from None
    print(f"wrote {events} deadlines to {output}")


@foi_app.command("import-authorities")
def import_authorities(
    file: Annotated[Path, typer.Argument(help="WhatDoTheyKnow's all-authorities.csv.", show_default=False)],
    db: DbOption = None,
) -> None:
    """Add WhatDoTheyKnow's bodies to the store, beside the packaged register (again: adds nothing)."""
    added, updated = whatdotheyknow.import_authorities(open_store(db), file)
    print(f"{file}: {added} bodies added, {updated} updated")


@foi_app.command("import-wdtk")
def import_wdtk(
    file: Annotated[Path, typer.Argument(help="A request's JSON (/request/<url_title>.json).",
                                         show_default=False)],
    attachment: Annotated[list[Path] | None, typer.Option("--attachment", help="A reply or attachment "
                                                          "downloaded from the request; repeatable.",
                                                          show_default=False)] = None,
    db: DbOption = None,
) -> None:
    """Track a WhatDoTheyKnow request (its history from the events, its replies from the files)."""
    result = whatdotheyknow.import_request(open_store(db), file, attachments=attachment or [], by=_who())
    r = result.request
    state = "imported" if result.created else "already imported"
    print(r.id)
    print(f"{r.authority} ({r.law.upper()}): {state}; {result.new_events} new events, "
          f"{len(result.attached)} replies attached; status {r.status}")
