"""The store only speaks SQL: it imports nothing of disclosed but `model`, `errors` and itself."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import disclosed.store

STORE = Path(disclosed.store.__file__).parent
ALLOWED = ("disclosed.model", "disclosed.errors", "disclosed.store")


def _project_imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names if node.module == "disclosed")
    return {name for name in found if name == "disclosed" or name.startswith("disclosed.")}


def test_store_modules_import_only_model_errors_and_the_store():
    offending = {
        str(path.relative_to(STORE)): sorted(name for name in _project_imports(path)
                                             if not name.startswith(ALLOWED))
        for path in sorted(STORE.rglob("*.py"))
    }
    assert {k: v for k, v in offending.items() if v} == {}
    assert len(offending) >= 8  # the check saw the modules and migrations


def test_importing_the_store_loads_no_numpy_holidays_or_icalendar():
    code = ("import sys, disclosed.store, disclosed.store.foi, disclosed.store.stories, "
            "disclosed.store.database\n"
            "print(sorted(m for m in ('numpy', 'holidays', 'icalendar', 'disclosed.foi', 'disclosed.stories',"
            " 'disclosed.extract', 'disclosed.read', 'disclosed.reconcile') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
