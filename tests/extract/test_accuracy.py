"""Accuracy gate: extraction over tests/fixtures/figures/ keeps a pinned precision and recall, and so
does extraction over tests/fixtures/figures_blind/ (documents written by someone who had not read the
extractor; measured before rule changes at P=0.851 R=0.851, pinned a little under what the rules reach
now). tests/fixtures/figures_train/ (the third batch, aimed at lists with elided verbs, totals across
bodies, staff-group breakdowns and outcome wording) is pinned the same way: measured at P=0.828 R=0.734
before the sentence rules it prompted, P=0.944 R=0.913 after. tests/fixtures/figures_coverage/ (places,
outlets and requesters, totals over many bodies, list pairing, singulars, counted cases, counterfactuals,
FOI answers; the classes of issue 9) measured P=0.900 R=0.581 when committed, before the rules it prompted.
Where the contract changed (issue 9: totals over many bodies and counts of complaints are figures), the
older sets' gold was corrected to it, not to the extractor: their not_figures had listed such totals.

The matching rules are the figure contract's: organisation names equal (case and punctuation
aside, a leading "the" dropped, `organisation_alt` accepted), count equal, outcome the gold one
or one of its `accept_outcomes`, staff group equal where it is specific (staff, all and unstated
are interchangeable). Optional gold figures count neither way; count-0 predictions are ignored;
repeated predictions of one (organisation, group, outcome, count) count once.
Lower the pins only on purpose, never to make a rule change pass.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from disclosed.extract import extract_document
from disclosed.model import Document
from disclosed.read import read_file

FIXTURES = Path(__file__).parent.parent / "fixtures" / "figures"
MIN_PRECISION = 0.98
MIN_RECALL = 0.99
BLIND = Path(__file__).parent.parent / "fixtures" / "figures_blind"
BLIND_MIN_PRECISION = 0.95
BLIND_MIN_RECALL = 0.97
TRAIN = Path(__file__).parent.parent / "fixtures" / "figures_train"
TRAIN_MIN_PRECISION = 0.98
TRAIN_MIN_RECALL = 0.98
COVERAGE = Path(__file__).parent.parent / "fixtures" / "figures_coverage"
COVERAGE_MIN_PRECISION = 0.93
COVERAGE_MIN_RECALL = 0.91
BROAD = {"staff", "all", None, ""}


def _org(name: str | None) -> str:
    name = re.sub(r"[^\w\s&]", " ", (name or "").casefold().strip())
    return re.sub(r"^the ", "", re.sub(r"\s+", " ", name).strip())


def _matches(gold: dict, pred: dict) -> bool:
    orgs = {_org(gold["organisation"])} | {_org(a) for a in gold.get("organisation_alt", [])}
    group_ok = (
        pred.get("staff_group") in BROAD
        if gold.get("staff_group") in BROAD
        else gold.get("staff_group") == pred.get("staff_group")
    )
    return (
        _org(pred.get("organisation")) in orgs
        and pred.get("outcome") in {gold["outcome"], *gold.get("accept_outcomes", [])}
        and pred.get("count") == gold["count"]
        and group_ok
    )


def score(gold_docs: dict, predictions: dict[str, list[dict]]) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) over all documents."""
    tp = fp = fn = 0
    for name, entry in gold_docs.items():
        unique: dict[tuple, dict] = {}
        for p in predictions.get(name, []):
            if p.get("count") == 0:
                continue
            key = (_org(p.get("organisation")), p.get("staff_group") or "", p.get("outcome"), p.get("count"))
            unique.setdefault(key, p)
        preds = list(unique.values())
        used: set[int] = set()
        for g in sorted(entry["figures"], key=lambda g: bool(g.get("optional"))):
            hit = next((i for i, p in enumerate(preds) if i not in used and _matches(g, p)), None)
            if hit is None:
                fn += 0 if g.get("optional") else 1
                continue
            used.add(hit)
            tp += 0 if g.get("optional") else 1
        fp += len(preds) - len(used)
    return tp, fp, fn


def _score_folder(folder: Path) -> tuple[int, int, int]:
    gold = json.loads((folder / "gold.json").read_text("utf-8"))["documents"]
    predictions = {}
    for name in gold:
        path = folder / name
        if path.suffix == ".txt":
            doc = Document(text=path.read_text("utf-8"), source=str(path), format="text")
        else:  # an HTML page is read as the reader gives it: its tables as table rows
            doc = next(d for d in read_file(path) if isinstance(d, Document))
        predictions[name] = [f.model_dump(mode="json") for f in extract_document(doc)]
    return score(gold, predictions)


@pytest.fixture(scope="module")
def results() -> tuple[int, int, int]:
    return _score_folder(FIXTURES)


@pytest.fixture(scope="module")
def blind_results() -> tuple[int, int, int]:
    return _score_folder(BLIND)


@pytest.fixture(scope="module")
def train_results() -> tuple[int, int, int]:
    return _score_folder(TRAIN)


@pytest.fixture(scope="module")
def coverage_results() -> tuple[int, int, int]:
    return _score_folder(COVERAGE)


def test_coverage_precision_is_pinned(coverage_results):
    tp, fp, _ = coverage_results
    assert tp / (tp + fp) >= COVERAGE_MIN_PRECISION


def test_coverage_recall_is_pinned(coverage_results):
    tp, _, fn = coverage_results
    assert tp / (tp + fn) >= COVERAGE_MIN_RECALL


def test_precision_is_pinned(results):
    tp, fp, _ = results
    assert tp / (tp + fp) >= MIN_PRECISION


def test_recall_is_pinned(results):
    tp, _, fn = results
    assert tp / (tp + fn) >= MIN_RECALL


def test_blind_precision_is_pinned(blind_results):
    tp, fp, _ = blind_results
    assert tp / (tp + fp) >= BLIND_MIN_PRECISION


def test_blind_recall_is_pinned(blind_results):
    tp, _, fn = blind_results
    assert tp / (tp + fn) >= BLIND_MIN_RECALL


def test_train_precision_is_pinned(train_results):
    tp, fp, _ = train_results
    assert tp / (tp + fp) >= TRAIN_MIN_PRECISION


def test_train_recall_is_pinned(train_results):
    tp, _, fn = train_results
    assert tp / (tp + fn) >= TRAIN_MIN_RECALL


def test_scorer_counts_a_miss_an_extra_and_optional_figures():
    gold = {
        "d": {
            "figures": [
                {"organisation": "Home Office", "staff_group": "staff", "outcome": "dismissed", "count": 3},
                {"organisation": "Home Office", "outcome": "warning", "count": 9, "optional": True},
                {
                    "organisation": "Kent Police",
                    "staff_group": "police_staff",
                    "outcome": "dismissed",
                    "count": 2,
                },
            ]
        }
    }
    preds = {
        "d": [
            {"organisation": "the Home Office", "staff_group": None, "outcome": "dismissed", "count": 3},
            {"organisation": "Home Office", "staff_group": "all", "outcome": "warning", "count": 9},
            {
                "organisation": "Kent Police",
                "staff_group": "police_officers",
                "outcome": "dismissed",
                "count": 2,
            },
            {"organisation": "Kent Police", "staff_group": None, "outcome": "dismissed", "count": 0},
        ]
    }
    assert score(gold, preds) == (1, 1, 1)
