"""The reliability suite's helpers (in a module of their own: every test folder has a `conftest`):
a corpus with copies and stories, a snapshot of everything a run stores (read back through the
library, compared by names, not ids), and the command as a process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from disclosed.cli.documents import example_paths
from disclosed.runs import stories as runs_stories
from disclosed.store import open_store
from disclosed.store import stories as story_store

HERE = Path(__file__).parent
ORGS = ["Sefton Council", "The Ministry of Justice", "Avon and Somerset Police",
        "Wrexham County Borough Council"]
ARTICLE = (
    "Staff sanctions at {org}\n\n"
    "{org} sacked {n} employees over Facebook and WhatsApp posts between {year} and {year}, a Freedom of "
    "Information request has revealed. Another {w} were given final written warnings. A spokesperson for "
    "{org} said: \"We expect every member of staff to behave online as they would at work.\" Case {i}."
)


def make_corpus(folder: Path) -> Path:
    """The bundled examples (copies, citations, a WARC, a PDF) and 20 generated articles."""
    (folder / "examples").mkdir(parents=True)
    for path in example_paths():
        shutil.copy(path, folder / "examples" / path.name)
    (folder / "articles").mkdir()
    for i in range(20):
        org = ORGS[i % len(ORGS)]
        (folder / "articles" / f"article_{i:02d}.txt").write_text(
            ARTICLE.format(org=org, n=2 + i % 7, w=10 + i % 5, i=i, year=2018 + i % 4), encoding="utf-8")
    return folder


def snapshot(url: str) -> dict:
    """Everything a run leaves, independent of row ids: documents, figures, facts, stories, dataset."""
    store = open_store(url)
    try:
        docs = sorted((d["name"], d["sha256"], d["figures"]) for d in store.documents())
        figures = sorted(f.model_dump_json() for f in story_store.named_figures(store))
        policies = sorted(p.model_dump_json() for p in store.policies())
        statements = sorted(s.model_dump_json() for s in store.statements())
        # Story ids are stable across regroupings, so they carry the store's history (a run killed
        # half way grouped part of the documents first): stories are compared by their documents.
        found = story_store.stories(store)
        canon = {s.id: "|".join(sorted(s.documents)) for s in found}
        stories = sorted(s.model_copy(update={"id": canon[s.id]}).model_dump_json() for s in found)
        copies = sorted(c.model_dump_json() for c in story_store.copy_pairs(store))
        dataset = runs_stories.dataset(store, None)
        rows = sorted(r.model_copy(update={"stories": sorted(canon.get(i, i) for i in r.stories)})
                      .model_dump_json() for r in dataset.rows)
        checks = sorted(c.model_copy(update={"story": canon.get(c.story, c.story)}).model_dump_json()
                        for c in dataset.checks)
        owed = store.owed()
    finally:
        store.close()
    return {"documents": docs, "figures": figures, "policies": policies, "statements": statements,
            "stories": stories, "copies": copies, "dataset": rows, "checks": checks, "owed": owed}


def disclosed(*args: str, kill_at: tuple[str, int] | None = None, timeout: float = 600,
              **popen) -> subprocess.CompletedProcess:
    """Run `disclosed ARGS` in a new process (dying at a named point when `kill_at` is given)."""
    prefix = [sys.executable, str(HERE / "kill_at.py"), kill_at[0], str(kill_at[1]), "--"] if kill_at else [
        sys.executable, "-m", "disclosed"]
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run([*prefix, *args], capture_output=True, text=True, timeout=timeout, env=env, **popen)
