"""Running the real `disclosed` command as a user would, in-process with Typer's test runner.

`run(*args, db=..., cwd=..., env=...)` gives `returncode`, `stdout` and `stderr` like a subprocess.
The app is the one the `disclosed` entry point runs (`disclosed.cli.register()`), with the same
error handling; a crash shows up as its traceback on `stderr`, so tests asserting that no
traceback is printed see it.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from disclosed.cli import register


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


def invoke(*args: str, cwd: Path, db: Path | None = None, env: Mapping[str, str | None] | None = None,
           input: str | None = None) -> Ran:
    """Run `disclosed ARGS` in-process from folder `cwd`."""
    cmd = [str(a) for a in args]
    if db is not None:
        cmd += ["--db", str(db)]
    old = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(register(), cmd, env={"DISCLOSED_DB": None, **(env or {})},
                                    input=input, prog_name="disclosed")
    finally:
        os.chdir(old)
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(result.exception))
    return Ran(result.exit_code, result.stdout, stderr)


@pytest.fixture(scope="session")
def cli():
    """`invoke` for fixtures wider than one test (a module's demo database)."""
    return invoke


@pytest.fixture
def run(tmp_path: Path):
    def _run(*args: str, db: Path | None = None, cwd: Path | None = None,
             env: Mapping[str, str | None] | None = None, input: str | None = None) -> Ran:
        return invoke(*args, cwd=cwd or tmp_path, db=db, env=env, input=input)

    return _run
