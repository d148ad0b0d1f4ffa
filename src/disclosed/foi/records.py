"""The FOI tracker's records: a request, its status history and its deadlines, as plain fields."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Literal

from pydantic import BaseModel, Field, model_validator

# foia: Freedom of Information Act 2000 (England, Wales, Northern Ireland, UK-wide bodies);
# foisa: Freedom of Information (Scotland) Act 2002; eir: Environmental Information Regulations
# 2004; eisr: Environmental Information (Scotland) Regulations 2004.
Law = Literal["foia", "foisa", "eir", "eisr"]
LAWS: tuple[Law, ...] = ("foia", "foisa", "eir", "eisr")
SCOTTISH_LAWS: frozenset[str] = frozenset({"foisa", "eisr"})

Status = Literal[
    "draft",
    "sent",
    "awaiting_response",
    "clarification_requested",
    "extended",
    "successful",
    "partially_successful",
    "refused",
    "not_held",
    "vexatious",
    "internal_review",
    "appeal",
    "withdrawn",
    "closed",
]

Commissioner = Literal["ico", "sic"]  # Information Commissioner / Scottish Information Commissioner

# Whose move a deadline is: the authority must answer by it; the requester must act by it.
Party = Literal["authority", "requester"]
DeadlineKind = Literal["response", "extended_response", "review", "review_request", "appeal_window"]


class StatusChange(BaseModel):
    """One entry of a request's history: the status it moved to, on which date, and why."""

    status: Status
    on: date
    exemptions: list[str] = Field(default_factory=list)  # normalised: "s.12", "s.40(2)", "not held"
    appeal_to: Commissioner | None = None
    note: str | None = None


class FoiRequest(BaseModel):
    """One request to one authority. A batch is many of these sharing `batch` and `text` template.

    `received` is the date the authority received the request (the day the clock starts from);
    the status and its dates live in `history`, oldest first, and `status` is its last entry.
    """

    id: str = Field(default_factory=lambda: uuid.uuid4().hex)
    batch: str | None = None
    authority: str  # official name from the authority register
    nation: str | None = None
    law: Law
    title: str
    text: str
    requester: str | None = None
    received: date | None = None
    reference: str | None = None  # the authority's reference number
    our_reference: str | None = None
    status: Status = "draft"
    history: list[StatusChange] = Field(default_factory=list)

    @model_validator(mode="after")
    def _status_is_the_last_change(self) -> FoiRequest:
        if self.history and self.history[-1].status != self.status:
            raise ValueError(f"status {self.status!r} is not the last change in the history "
                             f"({self.history[-1].status!r})")
        return self


class Deadline(BaseModel):
    """A date by which someone must act on a request, with the rule that sets it."""

    request_id: str
    authority: str
    title: str
    kind: DeadlineKind
    party: Party
    due: date
    latest: date | None = None  # an outer limit where guidance allows one (FOIA internal review: 40 days)
    rule: str  # the provision or guidance the date comes from
