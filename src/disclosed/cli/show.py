"""`disclosed show DOC`: a document's text with the evidence of each record marked and labelled."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass

from rich.text import Text

from disclosed.cli.output import OutputFormat, safe, stdout_console, text
from disclosed.store import Store
from disclosed.store.document_refs import (
    DocumentRef,
    document_text,
    figures_by_document,
    policies_by_document,
    statements_by_document,
)

STYLES = {"figure": "bold", "policy": "underline", "statement": "italic"}


@dataclass
class _Mark:
    label: str
    kind: str
    start: int
    end: int
    summary: str
    record: dict


def _marks(store: Store, ref: DocumentRef) -> list[_Mark]:
    marks = []
    for _doc, row_id, fig in figures_by_document(store, document_id=ref.id):
        qualifier = "" if fig.qualifier == "exact" else fig.qualifier.replace("_", " ") + " "
        summary = f"{fig.organisation}: {qualifier}{fig.count} {fig.staff_group or ''} {fig.outcome}"
        marks.append(
            _Mark(
                f"f{row_id}",
                "figure",
                fig.evidence_start,
                fig.evidence_end,
                summary,
                fig.model_dump(mode="json"),
            )
        )
    for _doc, row_id, fact in policies_by_document(store, document_id=ref.id):
        summary = f"{fact.organisation}: {fact.kind} {fact.stance} {', '.join(fact.platforms)}"
        marks.append(
            _Mark(
                f"p{row_id}",
                "policy",
                fact.evidence_start,
                fact.evidence_end,
                summary,
                fact.model_dump(mode="json"),
            )
        )
    for _doc, row_id, said in statements_by_document(store, document_id=ref.id):
        summary = (
            f"{said.speaker or 'unnamed'} ({said.speaker_organisation or 'no organisation'}): {said.quote}"
        )
        marks.append(
            _Mark(
                f"s{row_id}",
                "statement",
                said.evidence_start,
                said.evidence_end,
                summary,
                said.model_dump(mode="json"),
            )
        )
    return marks


def _marked_text(body: str, marks: list[_Mark]) -> Text:
    """The text with each mark's span styled and its label after the span; characters made safe."""
    styles: list[set[str]] = [set() for _ in range(len(body) + 1)]
    labels: dict[int, list[str]] = {}
    for mark in marks:
        start, end = max(0, mark.start), min(len(body), mark.end)
        for i in range(start, end):
            styles[i].add(STYLES[mark.kind])
        labels.setdefault(end, []).append(mark.label)
    out = Text()
    run: list[str] = []
    run_style: frozenset[str] = frozenset()
    for i in range(len(body) + 1):
        if i in labels:
            if run:
                out.append(safe("".join(run), one_line=False), style=" ".join(sorted(run_style)))
                run = []
            out.append(f"[{', '.join(labels[i])}]", style="dim cyan")
        if i == len(body):
            break
        style = frozenset(styles[i])
        if style != run_style and run:
            out.append(safe("".join(run), one_line=False), style=" ".join(sorted(run_style)))
            run = []
        run_style = style
        run.append(body[i])
    if run:
        out.append(safe("".join(run), one_line=False), style=" ".join(sorted(run_style)))
    return out


def print_document(store: Store, ref: DocumentRef, fmt: OutputFormat) -> None:
    body = document_text(store, ref.id) or ""
    marks = sorted(_marks(store, ref), key=lambda m: (m.start, m.label))
    if fmt in (OutputFormat.json, OutputFormat.jsonl):
        record = {
            "document_id": ref.short_id,
            "id": ref.id,
            "name": ref.name,
            "path": ref.path,
            "format": ref.format,
            "title": ref.title,
            "published": ref.published.isoformat() if ref.published else None,
            "outlet": ref.outlet,
            "sha256": ref.sha256,
            "text": body,
            "records": [{"record_id": m.label, **m.record} for m in marks],
        }
        json.dump(record, sys.stdout, ensure_ascii=False, indent=2 if fmt is OutputFormat.json else None)
        sys.stdout.write("\n")
        return
    console = stdout_console()
    console.print(Text.assemble(text(ref.short_id, "bold"), " ", text(ref.path)))
    details = [ref.format, ref.title, ref.outlet, ref.published.isoformat() if ref.published else None]
    console.print(text(" | ".join(d for d in details if d), "dim"))
    console.print()
    console.print(_marked_text(body, marks))
    console.print()
    counts = {kind: sum(m.kind == kind for m in marks) for kind in STYLES}
    console.print(
        text(
            f"{counts['figure']} figures (bold), {counts['policy']} policy facts (underlined), "
            f"{counts['statement']} statements (italic)",
            "dim",
        )
    )
    for mark in marks:
        line = Text(f"{mark.label:>6} ", style="cyan")
        line.append(f"{mark.kind:<9} ")
        line.append_text(text(mark.summary))
        console.print(line, no_wrap=True, overflow="ellipsis")
