"""A cheap relevance test run before extraction: does the text mention anything the rules look for?

A document is kept when it names a platform, a topic cue (social media, email, IT security...) or a
disciplinary outcome, using the extractor's own vocabularies, so the filter follows the rules when
they learn new words. Measured on the bundled examples and test fixtures (tests/scale and
README): it keeps every document the extractor finds a figure in. It costs about 0.1 ms a document
against tens of milliseconds for extraction, so on a news crawl, where almost every page is about
something else, most of the work is skipped.
"""

from __future__ import annotations

from disclosed.model import Document
from disclosed.vocab import lower_text, outcome_table, platform_table, topic_table


def is_relevant(doc: Document) -> bool:
    """Whether `doc` mentions a platform, a topic cue or a disciplinary outcome (title or text)."""
    lowered = lower_text(f"{doc.title}\n{doc.text}" if doc.title else doc.text)
    return any(table.search(lowered, lowered=lowered)
               for table in (platform_table(), topic_table(), outcome_table()))
