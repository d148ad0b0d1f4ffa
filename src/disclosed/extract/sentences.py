"""Sentence splitting that keeps character offsets, treating rendered table rows as their own units.

Reusable by every extractor that needs evidence spans (figures, policies, statements): each
`Sentence` knows its span in the original text, so `text[s.start:s.end] == s.text` always holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from disclosed.vocab import abbreviations


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence, headline or table row: `text` is exactly `document_text[start:end]`.

    Table rows are lines rendered by `model.render_table` ("| a | b |") or tab-separated lines
    ("a<TAB>b<TAB>c", as FOI letters pasted from spreadsheets have them).
    """

    start: int
    end: int
    text: str
    is_table_row: bool = False

    def _separator(self) -> str:
        return "|" if self.text.startswith("|") else "\t"

    def table_cells(self) -> list[str]:
        """The cells of a table row ("| a | b |" -> ["a", "b"]); [] for prose."""
        return [self.text[a - self.start : b - self.start] for a, b in self.table_cell_spans()]

    def table_cell_spans(self) -> list[tuple[int, int]]:
        """Document offsets (start, end) of each cell's stripped text, in `table_cells` order."""
        if not self.is_table_row:
            return []
        if not self.text.startswith("|") and "\t" not in self.text:
            # a space-aligned row: cells are cut at runs of two or more spaces
            return [(self.start + m.start(), self.start + m.end()) for m in _ALIGNED_CELL.finditer(self.text)]
        sep = self._separator()
        if sep == "|":
            inner_start, inner_end = self.text.index("|") + 1, self.text.rindex("|")
        else:
            inner_start, inner_end = 0, len(self.text)
        spans = []
        pos = inner_start
        for raw in self.text[inner_start:inner_end].split(sep):
            lead = len(raw) - len(raw.lstrip())
            s = self.start + pos + lead
            spans.append((s, s + len(raw.strip())))
            pos += len(raw) + 1
        return spans


_TABLE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$")
# A sentence ends at ., ! or ? (plus closing quotes or brackets) before whitespace and a
# likely sentence start; or at a full stop glued to a capitalised word ("sites.Investigations").
_BOUNDARY = re.compile(
    r"""(?P<end>[.!?]+['"’”)\]]*)(?=\s+['"‘“(\[]?[A-Z0-9£$])"""
    r"""|(?P<glued>(?<=[a-z]{2})\.)(?=[A-Z][a-z])"""
)
# Every boundary starts at one of these: the scan looks for them first (a plain character set is
# fast in `re`) and tries _BOUNDARY only there.
_STOP = re.compile(r"[.!?]")


def _is_tab_row(line: str) -> bool:
    """A line of two or more tab-separated cells."""
    return "\t" in line.strip() and sum(1 for c in line.split("\t") if c.strip()) >= 2


_ALIGNED_GAP = re.compile(r" {2,}")
_ALIGNED_CELL = re.compile(r"\S+(?: \S+)*")
_ALIGNED_VALUE = re.compile(r"[<>]?\d[\d,]*|[-–*x]|n/a|\[[a-z ]+\]", re.IGNORECASE)


def _aligned_cells(line: str) -> int:
    return len(_ALIGNED_GAP.split(line.strip())) if "  " in line.strip() else 1


def _is_aligned_row(line: str) -> bool:
    """A line of three or more cells set apart by runs of spaces, one of them (after the first) a count
    or a mark: a table row typed with spaces, as in plain-text letters."""
    if "  " not in line.strip():
        return False  # most lines: no wide gap, no aligned cells
    cells = _ALIGNED_GAP.split(line.strip())
    return len(cells) >= 3 and any(_ALIGNED_VALUE.fullmatch(c) for c in cells[1:])


def _is_abbreviation(line: str, dot: int) -> bool:
    """Is the full stop at `dot` part of an abbreviation or an initial rather than a sentence end?"""
    # the run of word characters and full stops just before the dot (at most 24 characters)
    start, lowest = dot, max(0, dot - 24)
    while start > lowest and (line[start - 1].isalnum() or line[start - 1] in "._"):
        start -= 1
    if start == dot:
        return False
    word = line[start:dot].rstrip(".")
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "J. Smith", "s. 40"
    return word.casefold() in abbreviations()


def _boundaries(line: str) -> Iterator[re.Match[str]]:
    """What `_BOUNDARY.finditer(line)` gives, trying the pattern only at stops."""
    after = 0
    match = _BOUNDARY.match
    for stop in _STOP.finditer(line):
        at = stop.start()
        if at < after:
            continue
        m = match(line, at)
        if m is not None:
            after = m.end()
            yield m


def split_sentences(text: str) -> list[Sentence]:
    """Sentences, headlines and table rows of `text` in order, each with its exact span.

    Line breaks end a sentence (headlines and paragraphs are lines); a line of the form
    "| a | b |" is one table row. Whitespace around a sentence is not part of it.
    """
    out: list[Sentence] = []
    pos = 0
    lines = text.splitlines(keepends=True)
    aligned = [_is_aligned_row(line.rstrip("\r\n")) for line in lines]
    for i, line in enumerate(lines):
        line_start = pos
        pos += len(line)
        body = line.rstrip("\r\n")
        if not body.strip():
            continue
        # the headings of a space-aligned table: three or more cells just above its first row
        heading = not aligned[i] and i + 1 < len(lines) and aligned[i + 1] and _aligned_cells(body) >= 3
        if _TABLE_ROW.match(body) or _is_tab_row(body) or aligned[i] or heading:
            lead = len(body) - len(body.lstrip())
            stripped = body.strip()
            out.append(Sentence(line_start + lead, line_start + lead + len(stripped), stripped, True))
            continue
        cut = 0
        for m in _boundaries(body):
            if m.group("end") is not None and m.group("end")[0] == "." and _is_abbreviation(body, m.start()):
                continue
            _append(out, body, line_start, cut, m.end())
            cut = m.end()
        _append(out, body, line_start, cut, len(body))
    return out


def _append(out: list[Sentence], line: str, line_start: int, a: int, b: int) -> None:
    piece = line[a:b]
    stripped = piece.strip()
    if not stripped:
        return
    s = line_start + a + (len(piece) - len(piece.lstrip()))
    out.append(Sentence(s, s + len(stripped), stripped))


__all__ = ["Sentence", "split_sentences"]
