"""The FOI tracker's records: a request, its status history and its deadlines, as plain fields."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel

# The records themselves live in disclosed.model (the store reads and writes them); named here as before.
from disclosed.model import Commissioner as Commissioner
from disclosed.model import FoiRequest as FoiRequest
from disclosed.model import Law as Law
from disclosed.model import Status as Status
from disclosed.model import StatusChange as StatusChange

LAWS: tuple[Law, ...] = ("foia", "foisa", "eir", "eisr")
SCOTTISH_LAWS: frozenset[str] = frozenset({"foisa", "eisr"})

# Whose move a deadline is: the authority must answer by it; the requester must act by it.
Party = Literal["authority", "requester"]
DeadlineKind = Literal["response", "extended_response", "review", "review_request", "appeal_window"]


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
