"""Why a story's documents are together: each link with its reason and evidence, in reading order."""

from __future__ import annotations

from pydantic import BaseModel

from disclosed.model import Story

REASONS = {
    "copy_of": "copy",
    "republishes": "copy (republished)",
    "cites": "citation",
    "shared_figures": "shared figures",
    "same_request": "same request",
    "same_requester": "same request",
    "same_body": "same body and subject",
}


class StoryReason(BaseModel):
    """One link of a story: `document` is with `source` (a document of the story) or `outlet`
    (named in the text) for `reason`, shown by `evidence`."""

    document: str
    reason: str
    relation: str
    source: str | None = None
    outlet: str | None = None
    evidence: str


def explain_story(story: Story) -> list[StoryReason]:
    """Every link of a story with its reason and the evidence for it: the similarity of a copy, the
    outlet a citation names, the figures shared, the request or requester in common."""
    similarity = {frozenset((c.a, c.b)): c.similarity for c in story.copies}
    out = []
    for link in story.links:
        evidence = link.evidence
        if evidence is None and link.relation in ("copy_of", "republishes") and link.source:
            sim = similarity.get(frozenset((link.document, link.source)))
            evidence = "near-duplicate text" + (f" (similarity {sim:.2f})" if sim is not None else "")
        if evidence is None and link.relation == "cites":
            evidence = f"names {link.outlet}" if link.outlet else "names its source"
        out.append(StoryReason(document=link.document, reason=REASONS.get(link.relation, link.relation),
                               relation=link.relation, source=link.source, outlet=link.outlet,
                               evidence=evidence or ""))
    order = {d: i for i, d in enumerate(story.documents)}
    out.sort(key=lambda r: (order.get(r.document, len(order)), r.relation))
    return out


__all__ = ["REASONS", "StoryReason", "explain_story"]
