"""FOI requests: making them (one or a batch), their statuses and FOIA/FOISA/EIR deadlines,
reading responses, authority performance and a calendar of deadlines."""

from __future__ import annotations

from disclosed.foi.calendar import deadlines_calendar
from disclosed.foi.deadlines import (
    add_working_days,
    appeal_window_closes,
    extended_response_due,
    is_working_day,
    parse_date,
    parse_law,
    response_due,
    review_due,
    review_request_closes,
    working_days,
    working_days_between,
)
from disclosed.foi.performance import AuthorityPerformance, BatchTable, authority_performance, collate_batch
from disclosed.foi.records import Deadline, FoiRequest, Law, Status, StatusChange
from disclosed.foi.requests import (
    due_within,
    first_response_due,
    is_overdue,
    law_for,
    new_batch,
    new_request,
    next_deadline,
    open_deadlines,
    render_text,
)
from disclosed.foi.responses import Proposal, apply_proposal, figures_for_response, propose_status
from disclosed.foi.statuses import change_status, parse_status, transitions

__all__ = [
    "AuthorityPerformance", "BatchTable", "Deadline", "FoiRequest", "Law", "Proposal", "Status",
    "StatusChange", "add_working_days", "apply_proposal", "appeal_window_closes", "authority_performance",
    "change_status", "collate_batch", "deadlines_calendar", "due_within", "extended_response_due",
    "figures_for_response", "first_response_due", "is_overdue", "is_working_day", "law_for", "new_batch",
    "new_request",
    "next_deadline", "open_deadlines", "parse_date", "parse_law", "parse_status", "propose_status",
    "render_text", "response_due", "review_due", "review_request_closes", "transitions", "working_days",
    "working_days_between",
]
