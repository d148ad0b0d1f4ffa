"""Why a story's documents are together: explain_story, and `disclosed stories --explain STORY`."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from disclosed.stories import find_copies, group_into_stories
from disclosed.stories.explain import explain_story

from .documents import hmrc_figures
from .test_requests import REQUESTS, doc


def test_every_link_has_a_reason_and_evidence(hmrc_docs):
    docs = hmrc_docs[:4]
    (story,) = group_into_stories(docs, {d.name: hmrc_figures(d.name) for d in docs}, find_copies(docs))
    reasons = {(r.document, r.reason) for r in explain_story(story)}
    assert ("hmrc_wire_copy.txt", "copy (republished)") in reasons
    assert ("hmrc_rewrite.txt", "shared figures") in reasons
    assert all(r.evidence for r in explain_story(story))
    copy = next(r for r in explain_story(story) if r.document == "hmrc_wire_copy.txt")
    assert copy.evidence.startswith("near-duplicate text (similarity 0.")


def test_a_request_link_shows_the_request():
    council, fire = doc("refusal_council.txt"), doc("refusal_fire.txt")
    (story,) = group_into_stories([council, fire], {}, [])
    (reason,) = explain_story(story)
    assert (reason.reason, reason.source) == ("same request", story.documents[0])


def _disclosed(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "disclosed", *args], capture_output=True, text=True,
                          timeout=300, cwd=cwd)


def test_cli_explain(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("refusal_council.txt", "refusal_fire.txt", "refusal_other_request.txt"):
        shutil.copy(REQUESTS / name, docs)
    db = str(tmp_path / "x.db")
    assert _disclosed("ingest", str(docs), "--db", db, cwd=tmp_path).returncode == 0
    listed = json.loads(_disclosed("stories", "--db", db, "--format", "json", cwd=tmp_path).stdout)
    (together,) = [s for s in listed if len(s["documents"]) == 2]
    assert sorted(together["documents"]) == ["refusal_council.txt", "refusal_fire.txt"]
    story_id = together["story"]
    shown = _disclosed("stories", "--db", db, "--explain", story_id, "--format", "json", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    (row,) = json.loads(shown.stdout)
    assert row["reason"] == "same request" and "request" in row["evidence"]
    missing = _disclosed("stories", "--db", db, "--explain", "story-nothing", cwd=tmp_path)
    assert missing.returncode != 0 and "--explain" in missing.stderr and "Traceback" not in missing.stderr

