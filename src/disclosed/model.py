"""Plain typed records that flow through the pipeline: Document, Table, Figure, PolicyFact, Statement."""

from __future__ import annotations

import hashlib
import re
import unicodedata
import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

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
    published_from: str | None = None  # where `published` was read: "meta article:published_time", "url"
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
    def captured(self) -> date | None:
        """When a WARC page was captured: a fallback for ordering, never a publication date."""
        return self.retrieved.date() if self.retrieved else None

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
    # how the organisation was chosen, for a reviewer to check: "named in the same clause",
    # "place name + officers", "list pairing", "page letterhead", "near match to ..."
    attribution: str | None = None


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
    published: date | None = None  # the document's date, so a person's titles can be ordered
    evidence: str
    evidence_start: int
    evidence_end: int


AuthorityKind = Literal[
    "ministerial_department",
    "non_ministerial_department",
    "executive_agency",
    "devolved_government",
    "police_force",
    "fire_and_rescue",
    "council",
    "nhs_trust",
    "health_board",
    "nhs_body",
    "armed_forces",
    "other_public_body",
]
Nation = Literal[
    "England", "Wales", "Scotland", "Northern Ireland", "England and Wales", "Great Britain", "UK-wide"
]


class Authority(BaseModel):
    """A UK public body in the authority register (see authorities/data/).

    `aliases` are other names the press and FOI responses use ("DWP", "the Met"); `successor`
    names the body that took over a renamed or abolished one; `parent` the department an agency
    belongs to; `tier` a finer grouping within a kind ("territorial" forces, "london_borough").
    """

    model_config = ConfigDict(frozen=True)

    official_name: str
    kind: AuthorityKind
    nation: Nation
    tier: str | None = None
    aliases: tuple[str, ...] = ()
    headcount: int | None = None
    headcount_year: int | None = None
    headcount_source: str | None = None
    successor: str | None = None
    parent: str | None = None


class CopyPair(BaseModel):
    """Two documents (by name, `a` < `b`) whose normalised texts are near-duplicates."""

    model_config = ConfigDict(frozen=True)

    a: str
    b: str
    similarity: float  # exact Jaccard similarity of the two shingle sets

    @classmethod
    def of(cls, x: str, y: str, similarity: float) -> CopyPair:
        a, b = sorted((x, y))
        return cls(a=a, b=b, similarity=round(similarity, 4))


CitationRelation = Literal["republishes", "cites"]


class Citation(BaseModel):
    """A document naming where its story came from: "the Guardian reported" (cites), "this article
    was originally published at Kable" (republishes). `outlet` is as written, without a leading
    "the"; None when the text only says "the original article can be found here"."""

    model_config = ConfigDict(frozen=True)

    document: str
    outlet: str | None
    relation: CitationRelation
    evidence: str
    evidence_start: int
    evidence_end: int


StoryRelation = Literal[
    "copy_of", "republishes", "cites", "shared_figures", "same_request", "same_requester", "same_body"
]


class StoryLink(BaseModel):
    """One step of how a story travelled: `document` is a copy of, republishes or cites `source`
    (a document of the story) or `outlet` (named in the text, not among the documents); or why
    two documents that are not copies are one story (shared figures, the same request sent to
    them, the same requester asking the same question, the same body and subject)."""

    model_config = ConfigDict(frozen=True)

    document: str
    relation: StoryRelation
    source: str | None = None
    outlet: str | None = None
    evidence: str | None = None  # why: the figures shared, the request or requester in common


class Story(BaseModel):
    """Documents that report the same disclosure, copies and independent rewrites alike.

    `sources` partitions `documents` into independent sources: copies, republications and
    documents relaying the same outlet fall in one group and count once.
    """

    id: str
    title: str
    first_date: date | None = None
    last_date: date | None = None
    documents: list[str]
    origin: str
    copies: list[CopyPair] = Field(default_factory=list)
    links: list[StoryLink] = Field(default_factory=list)
    sources: list[list[str]] = Field(default_factory=list)
    organisations: list[str] = Field(default_factory=list)
    requesters: list[str] = Field(default_factory=list)


RowStatus = Literal["agreed", "single_source", "conflicting"]


class RowValue(BaseModel):
    """One value given for a dataset row, with the documents that give it."""

    count: int
    qualifier: Qualifier = "exact"
    documents: list[str]
    sources: int  # independent sources among `documents`


class DatasetRow(BaseModel):
    """One fact of the dataset: an organisation, staff group, outcome and period, reconciled
    across every document that states it. `detail` tells a subset apart from its total (the
    conduct of "1 warning for a security breach" among "11 warnings")."""

    organisation: str
    staff_group: StaffGroup | None = None
    outcome: str
    period_start: str | None = None
    period_end: str | None = None
    period: str | None = None
    topic: Topic = "social_media"
    detail: str | None = None
    count: int
    qualifier: Qualifier = "exact"
    status: RowStatus
    documents: list[str]
    sources: int
    stories: list[str] = Field(default_factory=list)
    values: list[RowValue] = Field(default_factory=list)  # competing values when conflicting


CheckKind = Literal["breakdown", "conflict"]


class Check(BaseModel):
    """A failed consistency check: a breakdown that does not add up to its total, or one figure
    given different counts by different sources."""

    kind: CheckKind
    organisation: str
    message: str
    documents: list[str]
    story: str | None = None
    expected: int | None = None
    found: int | None = None


class Dataset(BaseModel):
    """Reconciled rows and the consistency checks that failed."""

    rows: list[DatasetRow]
    checks: list[Check]


class PersonTitle(BaseModel):
    """One job title a person was given in one document."""

    role: str | None = None
    organisation: str | None = None
    document: str | None = None
    published: date | None = None


class Person(BaseModel):
    """A named speaker across documents: one person, however many titles the articles gave them."""

    name: str
    variants: list[str] = Field(default_factory=list)  # other spellings met ("Steven George Hilley")
    organisations: list[str] = Field(default_factory=list)
    titles: list[PersonTitle] = Field(default_factory=list)  # oldest first; undated ones first
    documents: list[str] = Field(default_factory=list)
    statements: int = 0


class Extraction(BaseModel):
    """Everything extracted from one document: stored together, in one transaction."""

    figures: list[Figure] = Field(default_factory=list)
    policies: list[PolicyFact] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)


# -- FOI requests (the tracker's records; the rules that change them live in disclosed.foi) --------

# foia: Freedom of Information Act 2000 (England, Wales, Northern Ireland, UK-wide bodies);
# foisa: Freedom of Information (Scotland) Act 2002; eir: Environmental Information Regulations
# 2004; eisr: Environmental Information (Scotland) Regulations 2004.
Law = Literal["foia", "foisa", "eir", "eisr"]
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
Confidence = Literal["strong", "weak"]
Strength = Literal["strong", "weak"]


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


class PhraseMatch(BaseModel):
    """One phrase found in a response: what it points to and where it is.

    `points_to` is a finding ("disclosed", "withheld", "cost_limit", "not_held"...) or
    "exemption" for a cited section or a ground named in words.
    """

    points_to: str
    strength: Strength
    text: str  # as written in the response
    code: str | None = None  # for an exemption: "s.40(2)", "reg.12(4)(b)", "not held"
    start: int
    end: int


class Part(BaseModel):
    """What one sentence of a reply says was done with part of the information, with the
    sections it cites (normalised) and the sentence itself as evidence."""

    finding: str
    sections: list[str] = Field(default_factory=list)
    text: str
    start: int
    end: int


class Proposal(BaseModel):
    """The status a response suggests; `status` is None when the text says nothing recognisable.

    `exemptions` are the sections the reply cites (normalised: "s.40(2)", "reg.12(4)(b)", "not
    held"); `parts` say, sentence by sentence, what was released and what was kept back on
    which grounds; `reason` says why the confidence is what it is.
    """

    status: Status | None
    confidence: Confidence
    reason: str = ""
    exemptions: list[str] = Field(default_factory=list)
    evidence: list[PhraseMatch] = Field(default_factory=list)
    parts: list[Part] = Field(default_factory=list)

    @property
    def phrases(self) -> list[str]:
        """The matched text of the evidence, in order of appearance."""
        return [m.text for m in self.evidence]

    @property
    def needs_confirmation(self) -> bool:
        """Whether a person must confirm it before it is recorded."""
        return self.confidence == "weak"


class WdtkBody(BaseModel):
    """A public body as WhatDoTheyKnow lists it (its authorities CSV), with what the FOI tracker
    matches names on; stored beside the packaged register."""

    model_config = ConfigDict(frozen=True)

    url_name: str
    name: str
    name_key: str
    short_name: str | None
    short_name_is_alias: bool
    tags: list[str] = Field(default_factory=list)
    home_page: str | None = None
    nation: str | None = None
    source: str = "whatdotheyknow"
