"""find_files: paths and folders expanded into files, in sorted order, hidden entries skipped."""

from __future__ import annotations

import os
from pathlib import Path

from disclosed.errors import ReadError
from disclosed.read import find_files


def make_tree(root: Path) -> None:
    for relative in [
        "b.txt",
        "a.pdf",
        "sub/z.html",
        "sub/deeper/c.txt",
        ".hidden.txt",
        ".git/config",
        "sub/.cache/x.txt",
    ]:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")


def test_folders_expand_recursively_in_sorted_order_without_hidden_entries(tmp_path):
    make_tree(tmp_path)
    found = list(find_files([tmp_path]))
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a.pdf",
        "b.txt",
        "sub/deeper/c.txt",
        "sub/z.html",
    ]


def test_files_named_directly_are_kept_in_the_order_given(tmp_path):
    make_tree(tmp_path)
    found = list(find_files([tmp_path / "b.txt", str(tmp_path / ".hidden.txt"), tmp_path / "a.pdf"]))
    assert found == [tmp_path / "b.txt", tmp_path / ".hidden.txt", tmp_path / "a.pdf"]


def test_missing_path_is_an_error_and_the_rest_go_on(tmp_path):
    make_tree(tmp_path)
    found = list(find_files([tmp_path / "missing", tmp_path / "b.txt"]))
    assert isinstance(found[0], ReadError)
    assert str(found[0]) == f"{tmp_path / 'missing'}: does not exist"
    assert found[1] == tmp_path / "b.txt"


def test_unreadable_folder_is_an_error(tmp_path, monkeypatch):
    make_tree(tmp_path)
    locked = tmp_path / "sub"
    if os.geteuid() != 0:
        locked.chmod(0)
    else:  # root lists anything: simulate the refusal any other user would get
        real_scandir = os.scandir

        def refusing_scandir(path="."):
            if Path(path) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", refusing_scandir)
    try:
        found = list(find_files([tmp_path]))
    finally:
        locked.chmod(0o755)
    errors = [f for f in found if isinstance(f, ReadError)]
    assert [str(e) for e in errors] == [f"{locked}: no read permission (folder)"]
    assert [p.name for p in found if isinstance(p, Path)] == ["a.pdf", "b.txt"]


def test_symlinked_folders_are_not_followed(tmp_path):
    make_tree(tmp_path)
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    found = list(find_files([tmp_path]))
    assert len(found) == 4
