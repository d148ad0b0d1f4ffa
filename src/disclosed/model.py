"""Plain typed records that flow through the pipeline: Document, Table, Figure, PolicyFact, Statement."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DocumentFormat = Literal["text", "html", "pdf", "warc"]
Qualifier = Literal["exact", "more_than", "at_least", "about", "up_to"]
StaffGroup = Literal["staff", "all", "police_officers", "police_staff", "other"]
Topic = Literal["social_media", "internet_email", "it_security", "other"]

_SPACES = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """The form a document's identity is computed on: NFC, whitespace runs folded, trimmed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def text_sha256(text: str) -> str:
    """SHA-256 (hex) of the normalised text: equal for the same content however it was encoded."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


class Table(BaseModel):
    """A table as a grid of cell strings; the first row(s) usually hold the column headings."""

    model_config = ConfigDict(frozen=True)

    rows: list[list[str]]
    caption: str | None = None
    page: int | None = None  # 1-based page number for tables read from a PDF


class Document(BaseModel):
    """One readable document: an article, an FOI response, one page out of a WARC.

    `text` is the main text. Tables found in the source are kept in `tables` as grids and are
    also rendered into `text` as lines of cells separated by " | " (see `render_table`), so
    that figures read from a table have an evidence span in the text like any other figure.
    """

    text: str
    title: str | None = None
    published: date | None = None
    outlet: str | None = None
    source: str  # file path, or the URL for a page out of a WARC
    container: str | None = None  # the WARC file a page came from
    retrieved: datetime | None = None  # WARC-Date: when the page was captured
    format: DocumentFormat
    sha256: str = ""
    tables: list[Table] = Field(default_factory=list)

    def model_post_init(self, __context: object) -> None:
        if not self.sha256:
            self.sha256 = text_sha256(self.text)

    @property
    def name(self) -> str:
        """The short name figures cite as `document`: the file name, or the URL for WARC pages."""
        if self.format == "warc" or "://" in self.source:
            return self.source
        return re.split(r"[\\/]", self.source)[-1]


TABLE_CELL_SEPARATOR = " | "


def render_table(table: Table) -> str:
    """A table as text: one line per row, cells joined by " | ", framed by pipes."""
    lines = []
    for row in table.rows:
        cells = [_SPACES.sub(" ", c).strip() for c in row]
        lines.append("| " + TABLE_CELL_SEPARATOR.join(cells) + " |")
    return "\n".join(lines)


class Figure(BaseModel):
    """One disclosed figure, following shared/eval/README.md (the figure contract).

    `evidence` is the sentence (or table row with its headings) the figure was read from;
    `evidence_start`/`evidence_end` are its character span in the document text, and
    `count_text` is the count as written there ("eleven", "more than 40", "<5").
    """

    type: Literal["figure"] = "figure"
    document: str | None = None
    id: str | None = None
    part_of: str | None = None
    organisation: str
    organisation_mention: str | None = None  # as the text wrote it: "the Met", "DWP"
    staff_group: StaffGroup | None = None
    outcome: str
    count: int
    qualifier: Qualifier = "exact"
    suppressed: bool = False  # an FOI suppression mark ("fewer than 5", "<5", "*")
    platforms: list[str] = Field(default_factory=list)
    period_start: str | None = None  # "YYYY" or "YYYY-MM"
    period_end: str | None = None
    period: str | None = None  # a phrase that can't be dated: "the past 18 months"
    conduct: str | None = None
    requester: str | None = None
    topic: Topic = "social_media"
    evidence: str
    evidence_start: int
    evidence_end: int
    count_text: str


class PolicyFact(BaseModel):
    """A body's rule about social media, following shared/eval/FACTS.md."""

    type: Literal["policy"] = "policy"
    document: str | None = None
    organisation: str
    kind: str
    stance: str
    platforms: list[str] = Field(default_factory=list)
    detail: str | None = None
    published: date | None = None  # the document's date, so rules can be shown over time
    evidence: str
    evidence_start: int
    evidence_end: int


class Statement(BaseModel):
    """A quotation or reported statement attributed to a speaker, following shared/eval/FACTS.md."""

    type: Literal["statement"] = "statement"
    document: str | None = None
    speaker: str | None = None
    role: str | None = None
    speaker_organisation: str | None = None
    quote: str
    reported: bool = False  # "X added that ..." rather than quoted words
    evidence: str
    evidence_start: int
    evidence_end: int
