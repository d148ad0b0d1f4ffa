"""The package as people use it: `disclosed.extract`, --version and -h, help for every option, the
generated CLI reference, the README's commands, the dependencies and their constraints file, and the
`heavy` marker."""

from __future__ import annotations

import importlib
import pkgutil
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import typer
from packaging.requirements import Requirement

import disclosed
from disclosed.cli import register
from disclosed.cli.reference import reference_markdown

ROOT = Path(__file__).parents[2]
SENTENCE = "The Home Office dismissed three civil servants over Facebook posts."


def _every_submodule() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(disclosed.__path__, "disclosed."):
        if ".migrations" in info.name or info.name.endswith("__main__"):
            continue  # migration scripts run inside Alembic; __main__ runs the command
        names.append(info.name)
    return names


def test_extract_stays_the_function_whatever_is_imported():
    assert disclosed.extract(SENTENCE)[0].count == 3
    names = _every_submodule()
    assert "disclosed.extract" in names and "disclosed.extract.figures" in names and len(names) > 40
    for name in names:
        importlib.import_module(name)
    import disclosed.extract as extract_package  # the submodule is still reachable as itself

    (figure,) = disclosed.extract(SENTENCE)
    assert (figure.organisation, figure.outcome, figure.count) == ("Home Office", "dismissed", 3)
    assert extract_package.extract_document is sys.modules["disclosed.extract"].extract_document
    assert disclosed.extract.figures is sys.modules["disclosed.extract.figures"]


def test_datasketch_is_neither_imported_nor_a_dependency():
    for name in _every_submodule():
        importlib.import_module(name)
    assert "datasketch" not in sys.modules
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert not any(Requirement(r).name == "datasketch" for r in project["dependencies"])
    assert "pytest" not in {Requirement(r).name for r in project["dependencies"]}  # test tools are extras


def test_version_and_short_help(run):
    version = run("--version")
    assert version.returncode == 0 and version.stdout == f"disclosed {disclosed.__version__}\n"
    for args in (["-h"], ["figures", "-h"], ["foi", "due-date", "-h"]):
        shown = run(*args)
        assert shown.returncode == 0 and "Usage: disclosed" in shown.stdout, args


def _commands(group, path):
    for name, command in getattr(group, "commands", {}).items():
        yield [*path, name], command
        yield from _commands(command, [*path, name])


def test_every_option_and_argument_has_help():
    root = typer.main.get_command(register())
    missing = []
    for path, command in _commands(root, []):
        if not (command.help or "").strip():
            missing.append(" ".join(path))
        for param in command.params:
            if not (getattr(param, "help", None) or "").strip():
                missing.append(f"{' '.join(path)} {param.name}")
    assert missing == []


def test_jobs_help_and_default_agree(run):
    shown = run("ingest", "-h", env={"COLUMNS": "200"})
    assert "default: 0" not in shown.stdout.lower() and "one per CPU" in shown.stdout


def test_docs_cli_md_is_generated_from_the_commands():
    written = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    stale = "docs/cli.md is stale: python -m disclosed.cli.reference > docs/cli.md"
    assert written == reference_markdown(), stale
    for command in ("ingest", "documents", "show", "remove", "figures", "dataset", "foi due-date"):
        assert f"## `disclosed {command}`" in written


def _bash_blocks(readme: str) -> list[str]:
    return re.findall(r"^```bash\n(.*?)^```", readme, re.DOTALL | re.MULTILINE)


def test_readme_code_blocks_are_fenced_and_its_first_two_commands_set_up_and_test():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert not re.search(r"\n\n {4}\S", readme), "indented code block: fence it"
    assert readme.count("```") % 2 == 0
    fences = re.findall(r"^```(\w*)$", readme, re.MULTILINE)
    assert all(lang in ("bash", "python", "") for lang in fences[::2]) and "bash" in fences
    blocks = _bash_blocks(readme)
    first, second = blocks[0], blocks[1]
    assert "pip install" in first and "-e ." in first and "[test]" not in first and "disclosed demo" in first
    assert "'.[test]'" in second and "-c constraints.txt" in second and "pytest" in second
    assert "-m" not in second.split("pytest", 1)[1]  # every test, heavy suites included


def test_ci_installs_with_the_constraints_and_runs_every_test():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "-c constraints.txt" in ci and "'.[test]'" in ci
    assert re.search(r"-m pytest\s*$", ci, re.MULTILINE), "the README's test command, unfiltered"
    assert "score.py" in ci  # the seeds gates stay


def test_the_constraints_file_pins_every_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            req = Requirement(line)
            (spec,) = req.specifier
            assert spec.operator == "==", line
            pins[req.name.lower().replace("_", "-")] = spec.version
    extras = project["optional-dependencies"]
    wanted = [*project["dependencies"], *extras["test"]]
    for requirement in map(Requirement, wanted):
        name = requirement.name.lower().replace("_", "-")
        if name == "disclosed":  # the test extra names another extra of ours: check what it holds
            wanted += [r for extra in requirement.extras for r in extras[extra]]
            continue
        assert name in pins, f"{name} is not pinned in constraints.txt"
        assert requirement.specifier.contains(pins[name], prereleases=True), (name, pins[name])
    assert "datasketch" not in pins and "scipy" not in pins


def test_the_installed_packages_match_the_constraints():
    """The environment the tests run in is the one the constraints describe (pip check: consistent)."""
    checked = subprocess.run([sys.executable, "-m", "pip", "check"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_heavy_is_a_registered_marker_and_a_skipped_heavy_test_fails_the_run(pytester, monkeypatch):
    monkeypatch.delenv("DISCLOSED_ALLOW_HEAVY_SKIPS", raising=False)
    pytester.makeconftest((ROOT / "tests" / "conftest.py").read_text())
    pytester.makeini("[pytest]\nmarkers =\n    heavy: slow suites\n")
    pytester.makepyfile(test_suite="""
        import pytest

        @pytest.mark.heavy
        def test_needs_a_server():
            pytest.skip("no PostgreSQL server")

        def test_light():
            pass
    """)
    full = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    full.assert_outcomes(passed=1, failed=1)
    assert "heavy test skipped (no PostgreSQL server)" in full.stdout.str()
    fast = pytester.runpytest_inprocess("-m", "not heavy", "-p", "no:cacheprovider")
    fast.assert_outcomes(passed=1, deselected=1)
    markers = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]["markers"]
    assert any(m.startswith("heavy:") for m in markers)


@pytest.mark.heavy
def test_the_installed_command_runs_as_a_subprocess(tmp_path):
    """One real process: the `disclosed` entry point, as installed (the rest run in-process)."""
    result = subprocess.run([sys.executable, "-m", "disclosed", "documents", "--db", "nosuch.db"],
                            capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert result.returncode == 1
    assert result.stderr == "Error: no database at nosuch.db (ingest creates one)\n"
    assert list(tmp_path.iterdir()) == []
