"""Commands about reviews: `review` (a person's correction, confirmation or rejection of a figure)
and `reviews` (who changed what, the figures still to review, the orphaned corrections)."""

from __future__ import annotations

import getpass
from datetime import date
from typing import Annotated

import typer

from disclosed.cli import app
from disclosed.cli.options import DbOption, FormatOption, WideOption, open_existing
from disclosed.cli.output import print_rows, say
from disclosed.errors import InvalidInputError


def _changed(before: dict, after: dict) -> str:
    if not after:
        return "rejected"
    return "; ".join(f"{k}: {before.get(k)!r} -> {after.get(k)!r}" for k in sorted(after)
                     if before.get(k) != after.get(k))


@app.command()
def review(
    figure: Annotated[int, typer.Argument(help="The figure's id (`disclosed reviews --pending`, or the "
                                               "web app's /figures/ID).")],
    set_: Annotated[list[str] | None, typer.Option(
        "--set", help='A corrected value, field=value (repeatable): organisation="Kent Police", '
                      "staff_group=police_staff, count=12, platforms=X,TikTok.")] = None,
    confirm: Annotated[bool, typer.Option("--confirm", help="The figure is right as it stands.")] = False,
    reject: Annotated[bool, typer.Option("--reject",
                                         help="The figure is wrong: leave it out everywhere.")] = False,
    note: Annotated[str | None, typer.Option("--note", help="Why: kept in the history.")] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who reviews (default: your login name).")] = None,
    seen: Annotated[int | None, typer.Option(
        "--seen", help="The review version you saw (0: not reviewed yet); refused if it changed since.",
    )] = None,
    db: DbOption = None,
) -> None:
    """Correct, confirm or reject a stored figure; the change is kept apart from the extraction,
    survives `reextract`, and is read everywhere figures are (dataset, stories, exports, web)."""
    from disclosed.runs.reviews import parse_assignments, review_figure

    fields = parse_assignments(set_ or [])
    if confirm + reject + bool(fields) != 1:
        raise InvalidInputError("review", "give one of --set field=value, --confirm or --reject")
    action = "correct" if fields else "confirm" if confirm else "reject"
    store = open_existing(db)
    done = review_figure(store, figure, action, by=by or getpass.getuser(), fields=fields, note=note,
                         version=seen)
    last = done.changes[-1]
    where = f"figure {done.figure_id}" if done.figure_id is not None else f"figure {figure} (now left out)"
    say(f"{where}: {done.status} by {last.by} (review {done.id}, version {done.version})"
        + (f": {_changed(last.before, last.after)}" if action == "correct" else ""))


@app.command("reviews")
def reviews_(
    since: Annotated[str | None, typer.Option("--since", help="Only changes on or after DATE (YYYY-MM-DD).",
                                              metavar="DATE")] = None,
    by: Annotated[str | None, typer.Option("--by", help="Only changes by USER.", metavar="USER")] = None,
    orphaned: Annotated[bool, typer.Option("--orphaned", help="Only corrections whose figure no longer "
                                           "appears in its document.")] = False,
    pending: Annotated[bool, typer.Option("--pending", help="List the figures nobody has reviewed yet "
                                          "(with their ids) instead.")] = False,
    fmt: FormatOption = None,
    wide: WideOption = False,
    db: DbOption = None,
) -> None:
    """Every change people (and FOI responses) made to figures: who, when, what it was, what it became."""
    from disclosed.runs import reviews

    try:
        day = date.fromisoformat(since) if since else None
    except ValueError:
        raise InvalidInputError("--since", f"{since!r} is not a date (YYYY-MM-DD)") from None
    store = open_existing(db)
    if pending:
        from disclosed.store.document_refs import figures_by_document

        done = reviews.reviews_by_figure(store)
        rows = [{"figure": fig_id, "document": fig.document, "organisation": fig.organisation,
                 "outcome": fig.outcome, "count": fig.count, "evidence": fig.evidence}
                for _doc, fig_id, fig in figures_by_document(store)
                if fig_id not in done or not done[fig_id].reviewed]
        print_rows(rows, fmt, wide=wide, title="Figures to review")
        return
    rows = [{"review": r.id, "figure": r.figure_id, "document": r.document, "action": c.action, "by": c.by,
             "at": c.at.isoformat(timespec="seconds"), "changed": _changed(c.before, c.after) or "-",
             "note": c.note, "status": "orphaned" if r.orphaned else r.status}
            for r, c in reviews.list_changes(store, since=day, by=by, orphaned=orphaned)]
    print_rows(rows, fmt, wide=wide, title="Reviews")
