"""Reading files into Documents: find_files expands paths, read_file reads one file whatever its format.

Neither raises for bad input: problems come back as ReadError values, so a run over a folder
reports every bad file and carries on with the rest.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from disclosed.errors import ReadError
from disclosed.model import Document
from disclosed.read.detect import HEAD_BYTES, detect_format, looks_like_warc
from disclosed.read.html import read_html
from disclosed.read.limits import DEFAULT_MAX_BYTES, size_text
from disclosed.read.pdf import read_pdf
from disclosed.read.text import UndecodableError, decode_text, read_text
from disclosed.read.warc import read_warc

# Enough of a file to recognise a WARC, gzipped or not, before the size limit is applied.
_WARC_SNIFF_BYTES = 4096


def _os_reason(err: OSError) -> str:
    if isinstance(err, FileNotFoundError):
        return "does not exist"
    if isinstance(err, PermissionError):
        return "no read permission"
    return f"cannot read ({err.strerror or type(err).__name__})"


def read_bytes(data: bytes, source: str) -> Document:
    """One document (text, HTML or PDF, told apart by content) from bytes in memory. Raises ReadError.

    WARC archives hold many pages: read them with `read_file` or `read_warc`.
    """
    if not data.strip():
        raise ReadError(source, "empty document")
    found = detect_format(data[:HEAD_BYTES])
    if found == "pdf":
        return read_pdf(data, source)
    if found == "html":
        return read_html(data, source)
    if found == "text":
        return read_text(data, source)
    if found == "warc":
        raise ReadError(source, "a WARC archive holds many pages: read it as a file")
    try:
        decode_text(data)  # for its precise reason: binary data, or text no encoding explains
    except UndecodableError as err:
        raise ReadError(source, err.reason) from None
    raise ReadError(source, "not a document (binary data)")


def _read_file(path: Path, source: str, max_bytes: int) -> Iterator[Document | ReadError]:
    try:
        info = os.stat(path)
    except OSError as err:
        yield ReadError(source, _os_reason(err))
        return
    if stat.S_ISDIR(info.st_mode):
        yield ReadError(source, "not a regular file (a folder)")
        return
    if not stat.S_ISREG(info.st_mode):
        yield ReadError(source, "not a regular file")
        return
    if not os.access(path, os.R_OK):
        yield ReadError(source, "no read permission")
        return
    if info.st_size == 0:
        yield ReadError(source, "empty document")
        return
    try:
        with open(path, "rb") as stream:
            head = stream.read(_WARC_SNIFF_BYTES)
            is_warc = looks_like_warc(head)
            if not is_warc:
                if info.st_size > max_bytes:
                    yield ReadError(
                        source, f"too large ({size_text(info.st_size)} > {size_text(max_bytes)} limit)"
                    )
                    return
                data = head + stream.read(max(0, max_bytes + 1 - len(head)))
    except OSError as err:
        yield ReadError(source, _os_reason(err))
        return
    if is_warc:
        # Archives are legitimately big and are streamed: the size limit applies to each page.
        yield from read_warc(path, max_bytes=max_bytes)
        return
    if len(data) > max_bytes:  # the file grew after stat
        yield ReadError(source, f"too large (more than {size_text(max_bytes)} limit)")
        return
    yield read_bytes(data, source)


def read_file(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | ReadError]:
    """The documents in one file: one for text, HTML or PDF, one per HTML page for a WARC.

    The format comes from the content, not the extension. Never raises for bad input: a file
    that can't be read yields a ReadError naming it (missing, a folder, unreadable, too large,
    empty, binary, undecodable, damaged/encrypted/scanned PDF, HTML with no main text).
    """
    source = str(path)
    documents = _read_file(Path(path), source, max_bytes)
    while True:
        try:
            item = next(documents)
        except StopIteration:
            return
        except ReadError as err:
            yield err
            return
        except Exception as err:  # last line of defence: a library failing in a way not foreseen
            yield ReadError(source, f"could not read ({type(err).__name__})")
            return
        yield item


def _walk(folder: Path) -> Iterator[Path | ReadError]:
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as err:
        reason = "no read permission (folder)" if isinstance(err, PermissionError) else _os_reason(err)
        yield ReadError(str(folder), reason)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            # Symlinked folders are not followed: they can loop, and they lead out of the tree given.
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(Path(entry.path))
            elif entry.is_file():
                yield Path(entry.path)
        except OSError as err:
            yield ReadError(entry.path, _os_reason(err))


def find_files(paths: Iterable[str | Path]) -> Iterator[Path | ReadError]:
    """The files named, with folders expanded recursively in sorted order, skipping hidden entries.

    Yields a ReadError for a path that does not exist and for a folder that can't be listed.
    A hidden file named explicitly is kept: only what a folder expands to is filtered.
    """
    for given in paths:
        path = Path(given)
        try:
            is_folder = stat.S_ISDIR(os.stat(path).st_mode)
        except OSError as err:
            yield ReadError(str(given), _os_reason(err))
            continue
        if is_folder:
            yield from _walk(path)
        else:
            yield path


__all__ = [
    "DEFAULT_MAX_BYTES",
    "detect_format",
    "find_files",
    "read_bytes",
    "read_file",
    "read_html",
    "read_pdf",
    "read_text",
    "read_warc",
]
