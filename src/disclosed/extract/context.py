"""The per-document context every extractor shares, built once: sentences and table rows, the
bodies named with their spans and roles, and the document's title, heading body and date.

`document_context(doc)` is the one way in, used by `extract_all` (ingest) and the `extract`
command alike. Figures, policy facts and statements read the same sentences and the same
mentions, so "which body is this text about" has one answer per document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from disclosed.extract.organisations import OrgContext, OrgMention, default_register
from disclosed.extract.sentences import Sentence, split_sentences
from disclosed.model import Document

# How far into a document its heading reaches: a page title, masthead or letterhead sits in the
# first few lines, before the body text starts.
_HEADING_LINES = 4
_HEADING_CHARS = 400

_DEFAULT: Any = object()


@dataclass
class DocumentContext:
    """One document as the extractors see it. Build it with `document_context` or `text_context`."""

    text: str
    sentences: list[Sentence]
    orgs: OrgContext
    register: Any | None
    title: str | None = None
    published: date | None = None
    _heading: OrgMention | None = field(default=None, repr=False)

    @cached_property
    def heading_body(self) -> OrgMention | None:
        """The body named in the page's title, masthead or letterhead (its first lines), if one is.

        An FOI reply page names its own body there and nowhere else; its figures are that body's.
        Outlets and requesters named there (a newspaper's masthead) are not the page's body.
        """
        head_end = _heading_end(self.text)
        for m in self.orgs.named:
            if m.start >= head_end:
                break
            if self.orgs.role(m) is None:
                return m
        return None


def _heading_end(text: str) -> int:
    """The offset where the document's heading (its first few non-empty lines) ends."""
    pos, lines = 0, 0
    while lines < _HEADING_LINES and pos < len(text) and pos < _HEADING_CHARS:
        nl = text.find("\n", pos)
        if nl < 0:
            return len(text)
        if text[pos:nl].strip():
            lines += 1
        pos = nl + 1
    return min(pos, _HEADING_CHARS)


def text_context(
    text: str,
    *,
    published: date | None = None,
    title: str | None = None,
    register: Any = _DEFAULT,
) -> DocumentContext:
    """The context of a bare text (`register` None: bodies keep the names the text gives)."""
    if register is _DEFAULT:
        register = default_register()
    sentences = split_sentences(text)
    return DocumentContext(
        text=text,
        sentences=sentences,
        orgs=OrgContext(text, register, published),
        register=register,
        title=title,
        published=published,
    )


def document_context(doc: Document, register: Any = _DEFAULT) -> DocumentContext:
    """The context of one Document: what extract_all and the `extract` command both start from."""
    return text_context(doc.text, published=doc.published, title=doc.title, register=register)


__all__ = ["DocumentContext", "document_context", "text_context"]
