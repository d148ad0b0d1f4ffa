"""Properties that hold for any input: no exceptions, and evidence that points back into the text."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disclosed.extract import extract_figures
from disclosed.extract.figures import _Reader
from disclosed.extract.numbers import number_word_matcher
from disclosed.extract.sentences import split_sentences
from disclosed.vocab import lower_text, outcome_table, platform_table

WORDS = [
    "The",
    "Home Office",
    "Kent Police",
    "the force",
    "sacked",
    "dismissed",
    "warned",
    "final written warning",
    "officers",
    "staff",
    "civilian staff",
    "PCSOs",
    "councillors",
    "and",
    ",",
    ".",
    "of these",
    "more than",
    "fewer than",
    "<5",
    "*",
    "|",
    "\t",
    "\n",
    "12",
    "1,000,000,000,000",
    "eleven",
    "a dozen",
    "2019",
    "2019/20",
    "since",
    "between",
    "last year",
    "Facebook",
    "X (formerly Twitter)",
    "Total",
    "none of the",
    "one of them",
    "£5",
    "40%",
    "aged",
    "section 40(2)",
    "Mr.",
    "No.",
    "’",
    "“",
    "—",
    "0",
    "99999999999999999999",
]

prose = st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join)
tables = st.lists(
    st.lists(
        st.sampled_from(["Dismissed", "2020", "Total", "3", "<5", "*", "", "Officers", "x"]),
        min_size=1,
        max_size=5,
    ).map(lambda cells: "| " + " | ".join(cells) + " |"),
    max_size=6,
).map("\n".join)
anything = st.one_of(st.text(max_size=400), prose, tables, st.tuples(prose, tables, prose).map("\n".join))


def _check(text: str) -> None:
    for f in extract_figures(text):
        assert 0 <= f.evidence_start <= f.evidence_end <= len(text)
        assert text[f.evidence_start : f.evidence_end] == f.evidence
        assert f.count_text and f.count_text in f.evidence
        assert f.count >= 0


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(anything)
def test_never_raises_and_evidence_is_a_span_of_the_text(text: str):
    _check(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_random_unicode(text: str):
    _check(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_sentences_are_exact_spans(text: str):
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text
        if s.is_table_row:
            for a, b in s.table_cell_spans():
                assert s.start <= a <= b <= s.end


def test_edge_cases():
    for text in [
        "|",
        "||",
        "| |",
        "|\n|",
        "\t\t",
        "*",
        "<",
        "< 5",
        "9" * 5000,
        "one " * 2000,
        "\u2028x\u2029",
    ]:
        _check(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(anything, st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)))
def test_the_sentence_scan_flags_what_each_sentence_holds(text: str):
    # the reader finds numbers, outcome phrases and platforms for all sentences at once; each flag
    # must be what searching that sentence alone gives
    reader = _Reader(text, None, None)
    sentences = split_sentences(text)
    reader.scan(sentences)
    for i, s in enumerate(sentences):
        lowered = lower_text(s.text)
        has_number = re.search(r"\d", s.text) is not None or number_word_matcher().search(lowered) is not None
        assert reader.has_number[i] == has_number, s.text
        assert reader.has_cue[i] == outcome_table().search(s.text), s.text
        assert reader.has_platform[i] == platform_table().search(s.text), s.text
