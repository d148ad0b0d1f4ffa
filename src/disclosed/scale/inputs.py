"""What the tasks of a scale job are: one per WARC file, one per batch of other files.

An input is a WARC file (gzipped or not), a folder of documents (walked recursively, as `ingest`
walks it), a text file listing paths or URLs one a line, or any fsspec URL (s3://, gs://, file://,
memory://...) naming a file or a folder. A task is named by its input, so a task retried after a
worker died writes the same output file again instead of a second one.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from disclosed.errors import ReadError
from disclosed.read import find_files
from disclosed.read.detect import looks_like_warc

# Files per task for inputs that are not WARC archives (a WARC is a task of its own).
DEFAULT_BATCH = 64
# A text file is read as a list of inputs only when it is this small and every line names one.
LIST_MAX_BYTES = 16 * 1024 * 1024
_WARC_NAME = re.compile(r"\.w?arc(\.gz)?$", re.IGNORECASE)
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Task:
    """One unit of work: the files it reads (local paths or URLs) and the name its outputs carry."""

    id: str
    paths: tuple[str, ...]

    @classmethod
    def of(cls, paths: Iterable[str]) -> Task:
        paths = tuple(paths)
        digest = hashlib.sha1("\n".join(paths).encode("utf-8")).hexdigest()[:12]
        base = _UNSAFE.sub("_", re.split(r"[\\/]", paths[0].rstrip("/"))[-1])[:60] or "input"
        prefix = "" if len(paths) == 1 else f"batch{len(paths)}-"
        return cls(f"{prefix}{base}-{digest}", paths)


def is_url(path: str) -> bool:
    return "://" in path


def local_path(path: str) -> str | None:
    """The local path a plain path or file:// URL names; None for any other URL."""
    if path.startswith("file://"):
        return path[len("file://"):]
    return None if is_url(path) else path


def _is_warc(path: str) -> bool:
    if _WARC_NAME.search(path):
        return True
    local = local_path(path)
    if local is None:
        return False
    try:
        with open(local, "rb") as stream:
            return looks_like_warc(stream.read(4096))
    except OSError:
        return False


def _listed(path: str) -> list[str] | None:
    """The inputs a local text file lists, one a line (blank lines and # comments skipped), or None
    when it is not such a list (a document that happens to be text)."""
    try:
        if os.path.getsize(path) > LIST_MAX_BYTES:
            return None
        with open(path, encoding="utf-8") as stream:
            lines = [line.strip() for line in stream]
    except (OSError, UnicodeDecodeError):
        return None
    entries = [line for line in lines if line and not line.startswith("#")]
    if not entries:
        return None
    base = Path(path).parent
    resolved = [e if is_url(e) else str(base / e) for e in entries]
    if all(is_url(e) or os.path.exists(e) for e in resolved):
        return resolved
    return None


def _expand(given: str) -> Iterator[str | ReadError]:
    local = local_path(given)
    if local is None:
        import fsspec

        try:
            fs, root = fsspec.core.url_to_fs(given)
            if fs.isdir(root):
                for found in sorted(fs.find(root)):
                    if not re.split(r"[\\/]", found)[-1].startswith("."):
                        yield fs.unstrip_protocol(found)
            elif fs.exists(root):
                yield given
            else:
                yield ReadError(given, "does not exist")
        except (ImportError, ValueError, OSError) as err:
            yield ReadError(given, f"cannot list ({type(err).__name__}: {err})")
        return
    if os.path.isfile(local) and not _is_warc(local):
        listed = _listed(local)
        if listed is not None:
            for entry in listed:
                yield from _expand(entry)
            return
    for item in find_files([local]):
        yield item if isinstance(item, ReadError) else str(item)


def plan_tasks(inputs: Iterable[str | Path], batch: int = DEFAULT_BATCH
               ) -> tuple[list[Task], list[ReadError]]:
    """The tasks for `inputs`, in input order, and a ReadError for each input that can't be listed."""
    tasks: list[Task] = []
    errors: list[ReadError] = []
    pending: list[str] = []
    seen: set[str] = set()
    for given in inputs:
        for item in _expand(str(given)):
            if isinstance(item, ReadError):
                errors.append(item)
                continue
            if item in seen:
                continue
            seen.add(item)
            if _is_warc(item):
                tasks.append(Task.of([item]))
                continue
            pending.append(item)
            if len(pending) >= batch:
                tasks.append(Task.of(pending))
                pending = []
    if pending:
        tasks.append(Task.of(pending))
    return tasks, errors
