"""Which files are documents: what `ingest` reads from the paths it is given, and what it skips.

`find_files` expands folders; this module then decides, by file name, which files to read:
- files whose names say they are data, code or media (JSON, TOML, CSV, images, ...; listed in
  `document_files.toml`) and files that describe a folder (README, MANIFEST, LICENSE) are skipped;
- `--exclude` globs skip more, `--include` globs (when given) read only what they match, and read
  it even when its name is on the list above;
- a `.disclosedignore` file in a folder (gitignore syntax) skips what it matches in that folder
  and below. Ignore files apply to what folders expand to, not to a file named on the command line.

Globs use gitignore syntax (pathspec): `*.md`, `drafts/`, `**/old/*.txt`; a pattern without a
slash matches a file name at any depth, one with a slash matches the path below the folder given.
Everything else is left to the readers, which tell formats apart by content.
"""

from __future__ import annotations

import os
import stat
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pathspec

from disclosed.errors import InvalidInputError, ReadError
from disclosed.read import find_files

_RULES = Path(__file__).with_name("document_files.toml")


@dataclass(frozen=True)
class Skipped:
    """A file not read, and why ("not a document (.json)", "matches .disclosedignore")."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class Selection:
    """The inputs to read (files, and a ReadError per path that can't be listed) and what was skipped."""

    inputs: list[Path | ReadError] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


@dataclass(frozen=True)
class _Rules:
    extensions: frozenset[str]
    compressed: frozenset[str]
    compressed_documents: tuple[str, ...]
    names: frozenset[str]
    ignore_file: str


@cache
def _rules() -> _Rules:
    data = tomllib.loads(_RULES.read_text(encoding="utf-8"))
    nd = data["not_documents"]
    return _Rules(
        extensions=frozenset(e.lower() for e in nd["extensions"]),
        compressed=frozenset(e.lower() for e in nd["compressed"]),
        compressed_documents=tuple(e.lower() for e in nd["compressed_documents"]),
        names=frozenset(n.lower() for n in nd["names"]),
        ignore_file=data["ignore_file"]["name"],
    )


def ignore_file_name() -> str:
    """The per-folder ignore file's name (`.disclosedignore`)."""
    return _rules().ignore_file


def not_a_document(name: str) -> str | None:
    """Why a file of this name is not a document (data, code, media, a folder's README), or None."""
    rules = _rules()
    lowered = name.lower()
    suffix = os.path.splitext(lowered)[1]
    if suffix in rules.compressed:
        if lowered.endswith(rules.compressed_documents):
            return None
        return f"not a document ({suffix}, and not a WARC archive)"
    if suffix in rules.extensions:
        return f"not a document ({suffix})"
    stem = lowered.split(".", 1)[0]
    if stem in rules.names:
        return "describes the folder, not a document"
    return None


def _spec(patterns: Iterable[str], option: str) -> pathspec.PathSpec | None:
    patterns = [p for p in patterns if p.strip()]
    if not patterns:
        return None
    try:
        return pathspec.GitIgnoreSpec.from_lines(patterns)
    except (ValueError, TypeError) as err:
        raise InvalidInputError(option, f"bad glob ({err})") from None


class _IgnoreFiles:
    """The `.disclosedignore` files of the folders under one root, read once each."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._specs: dict[Path, pathspec.PathSpec | None] = {}
        self.errors: list[ReadError] = []

    def _spec_of(self, folder: Path) -> pathspec.PathSpec | None:
        if folder not in self._specs:
            path = folder / ignore_file_name()
            spec = None
            if path.is_file():
                try:
                    spec = pathspec.GitIgnoreSpec.from_lines(path.read_text(encoding="utf-8").splitlines())
                except (OSError, UnicodeDecodeError, ValueError) as err:
                    self.errors.append(ReadError(str(path), f"ignore file not read ({type(err).__name__})"))
            self._specs[folder] = spec
        return self._specs[folder]

    def match(self, file: Path) -> Path | None:
        """The ignore file that skips `file`, or None. Patterns are relative to their own folder."""
        try:
            parts = file.relative_to(self.root).parts
        except ValueError:
            return None
        folder = self.root
        for depth in range(len(parts)):
            spec = self._spec_of(folder)
            if spec is not None and spec.match_file("/".join(parts[depth:])):
                return folder / ignore_file_name()
            folder = folder / parts[depth]
        return None


def _is_folder(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:
        return False


def select_inputs(
    paths: Iterable[str | Path], *, include: Sequence[str] = (), exclude: Sequence[str] = ()
) -> Selection:
    """The files under `paths` that are documents (see the module's docstring), and those skipped.

    A path that does not exist or a folder that can't be listed is a ReadError among the inputs,
    as `find_files` gives it; an unreadable `.disclosedignore` is one too (its folder is read whole).
    """
    includes = _spec(include, "--include")
    excludes = _spec(exclude, "--exclude")
    selection = Selection()
    for given in paths:
        root = Path(given)
        folder = _is_folder(root)
        ignores = _IgnoreFiles(root) if folder else None
        for item in find_files([root]):
            if isinstance(item, ReadError):
                selection.inputs.append(item)
                continue
            relative = item.relative_to(root).as_posix() if folder else item.name
            reason = _skip_reason(item, relative, includes, excludes, ignores)
            if reason is None:
                selection.inputs.append(item)
            else:
                selection.skipped.append(Skipped(str(item), reason))
        if ignores is not None:
            selection.inputs.extend(ignores.errors)
    return selection


def _skip_reason(
    path: Path,
    relative: str,
    includes: pathspec.PathSpec | None,
    excludes: pathspec.PathSpec | None,
    ignores: _IgnoreFiles | None,
) -> str | None:
    if excludes is not None and excludes.match_file(relative):
        return "matches --exclude"
    if includes is not None:
        return None if includes.match_file(relative) else "does not match --include"
    if ignores is not None and (found := ignores.match(path)) is not None:
        return f"matches {found}"
    return not_a_document(path.name)
