"""Near-duplicates: normalisation, fingerprints, the incremental index and find_copies."""

from __future__ import annotations

import random

import numpy as np
import pytest

from disclosed.model import Document
from disclosed.stories import CopyIndex, CopySettings, find_copies, jaccard, normalise_for_shingles

from .documents import load


def test_normalisation_folds_case_quotes_dashes_and_punctuation() -> None:
    assert normalise_for_shingles("The department’s “rules” – don't") == normalise_for_shingles(
        'the DEPARTMENT\'s "rules" - don’t'
    )
    assert normalise_for_shingles("Staff don’t post.") == ["staff", "dont", "post"]


def test_normalisation_drops_page_furniture_lines() -> None:
    text = "Six staff sacked.\nComments are closed.\nThe original article can be found here."
    words = normalise_for_shingles(text)
    assert words == ["six", "staff", "sacked"]


def test_wire_copy_and_syndicated_copy_are_copies_of_the_original() -> None:
    docs = [load(n) for n in ("hmrc_wire_original.txt", "hmrc_wire_copy.txt", "hmrc_syndicated.txt")]
    pairs = {(p.a, p.b) for p in find_copies(docs)}
    assert pairs == {
        ("hmrc_wire_copy.txt", "hmrc_wire_original.txt"),
        ("hmrc_syndicated.txt", "hmrc_wire_original.txt"),  # each copy: its most similar earlier document
    }


def test_rewrite_and_next_years_story_are_not_copies(hmrc_docs: list[Document]) -> None:
    pairs = find_copies(hmrc_docs)
    involved = {p.a for p in pairs} | {p.b for p in pairs}
    assert "hmrc_rewrite.txt" not in involved
    assert "hmrc_next_year.txt" not in involved


def test_reported_similarity_is_the_exact_jaccard_of_shingle_sets(hmrc_docs: list[Document]) -> None:
    index = CopyIndex()
    by_name = {d.name: d for d in hmrc_docs}
    for pair in find_copies(hmrc_docs):
        words_a = normalise_for_shingles(by_name[pair.a].text)
        words_b = normalise_for_shingles(by_name[pair.b].text)
        sa = {tuple(words_a[i : i + 3]) for i in range(len(words_a) - 2)}
        sb = {tuple(words_b[i : i + 3]) for i in range(len(words_b) - 2)}
        assert pair.similarity == pytest.approx(len(sa & sb) / len(sa | sb), abs=0.01)
        fa, fb = index.fingerprint(by_name[pair.a].text), index.fingerprint(by_name[pair.b].text)
        assert pair.similarity == pytest.approx(jaccard(fa.shingles, fb.shingles), abs=1e-4)
        assert pair.similarity >= CopySettings().threshold


def test_incremental_index_finds_the_same_pairs_as_a_batch(hmrc_docs: list[Document]) -> None:
    index = CopyIndex()
    incremental = set()
    for d in hmrc_docs:
        incremental.update((p.a, p.b) for p in index.add(d.name, d.text))
    assert incremental == {(p.a, p.b) for p in find_copies(hmrc_docs)}
    assert len(index) == len(hmrc_docs)
    assert "hmrc_rewrite.txt" in index


def test_fingerprints_round_trip_through_bytes(hmrc_docs: list[Document]) -> None:
    first = CopyIndex()
    fps = [(d.name, first.fingerprint(d.text)) for d in hmrc_docs]
    stored = [(name, fp.shingles_bytes(), fp.signature_bytes()) for name, fp in fps]
    assert all(isinstance(s, bytes) and len(g) == 4 * CopySettings().num_perm for _, s, g in stored)
    rebuilt = CopyIndex()
    from disclosed.stories import Fingerprint

    pairs = rebuilt.add_fingerprints([(n, Fingerprint.from_bytes(s, g)) for n, s, g in stored])
    assert {(p.a, p.b) for p in pairs} == {(p.a, p.b) for p in find_copies(hmrc_docs)}
    np.testing.assert_array_equal(rebuilt.fingerprint_of(fps[0][0]).signature, fps[0][1].signature)


def test_adding_a_document_twice_is_refused() -> None:
    index = CopyIndex()
    index.add("a", "some words about staff being disciplined for posts")
    with pytest.raises(ValueError, match="already indexed"):
        index.add("a", "other words")


def test_empty_and_short_documents_are_never_copies() -> None:
    texts = ["", "", "Sacked.", "Sacked."]
    docs = [Document(text=t, source=f"d{i}.txt", format="text") for i, t in enumerate(texts)]
    pairs = {(p.a, p.b) for p in find_copies(docs)}
    assert ("d0.txt", "d1.txt") not in pairs
    assert ("d2.txt", "d3.txt") in pairs  # identical one-word texts are copies


def _text(rng: random.Random, words: list[str], n: int) -> str:
    return " ".join(rng.choice(words) for _ in range(n))


def test_edited_copies_in_a_larger_corpus_are_found_and_strangers_are_not() -> None:
    rng = random.Random(3)
    vocab = [f"w{i}" for i in range(3000)]
    originals = [_text(rng, vocab, 200) for _ in range(300)]
    items = [(f"o{i}", t) for i, t in enumerate(originals)]
    for i in range(0, 300, 10):  # every tenth original gets a copy with a new headline and two edits
        words = originals[i].split()
        for _ in range(2):
            words[rng.randrange(len(words))] = "changed"
        items.append((f"c{i}", "A brand new headline\n" + " ".join(words) + "\nA new footer line here."))
    rng.shuffle(items)
    pairs = {(p.a, p.b) for p in CopyIndex().add_many(items, batch_size=64)}
    assert pairs == {(f"c{i}", f"o{i}") for i in range(0, 300, 10)}


def test_a_cluster_of_near_identical_documents_gives_linear_links_not_all_pairs() -> None:
    base = ("The trust said staff had been reminded of the policy on social media use at work. "
            "It added that disciplinary measures were in place for those who broke the rules. ") * 6
    docs = [Document(text=f"Template reply {i}.\n\n{base}Reference {i}.", source=f"r{i:02d}.txt",
                     format="text")
            for i in range(30)]
    pairs = find_copies(docs)
    assert len(pairs) == 29  # each later document linked once, not 30 * 29 / 2 pairs
    linked = {p.a for p in pairs} | {p.b for p in pairs}
    assert linked == {d.name for d in docs}
