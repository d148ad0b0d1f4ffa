"""The vocabularies in src/disclosed/vocab/ are well-formed data."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from disclosed import vocab


def _duplicates(phrases: list[str]) -> list[str]:
    counts = Counter(vocab.normalise_phrase(p) for p in phrases)
    return sorted(p for p, n in counts.items() if n > 1)


def test_every_outcome_code_is_in_the_contract():
    codes = set(vocab.load("outcomes")["codes"])
    assert codes <= vocab.OUTCOME_CODES
    assert codes == vocab.OUTCOME_CODES, "every contract outcome has phrases"


def test_no_outcome_phrase_is_listed_twice():
    codes = vocab.load("outcomes")["codes"]
    assert _duplicates([p for entry in codes.values() for p in entry["phrases"]]) == []


def test_every_staff_group_is_in_the_contract_and_nouns_are_unique():
    groups = vocab.load("staff_groups")["groups"]
    assert set(groups) <= vocab.STAFF_GROUPS
    assert _duplicates([n for entry in groups.values() for n in entry["nouns"]]) == []


def test_platform_spellings_are_unique_and_name_one_platform():
    platforms = vocab.load("platforms")["platforms"]
    assert _duplicates([s for spellings in platforms.values() for s in spellings]) == []
    assert all(spellings for spellings in platforms.values())


def test_qualifiers_are_in_the_contract_and_phrases_unique():
    data = vocab.load("qualifiers")["qualifiers"]
    _, senses = vocab.qualifier_table()
    assert {s.qualifier for s in senses.values()} <= vocab.QUALIFIERS
    assert _duplicates([p for entry in data.values() for p in entry["phrases"]]) == []
    assert vocab.suppression_ceiling() > 0


def test_topics_are_in_the_contract():
    data = vocab.load("topics")
    assert set(data["topics"]) <= vocab.TOPICS
    cues = [c for entry in data["topics"].values() for c in entry["cues"]] + data["social_media"]["cues"]
    assert _duplicates(cues) == []


def test_number_vocabulary_is_consistent():
    assert len(set(vocab.number_words())) == len(vocab.number_words())
    assert all(v > 0 for v in vocab.number_phrases().values())
    contexts = vocab.not_count_contexts()
    for key in ("units_after", "unit_modifiers", "words_before", "one_idioms"):
        assert _duplicates(list(contexts[key])) == [], key


@pytest.mark.parametrize("pattern", vocab.conduct_patterns())
def test_conduct_patterns_capture_a_conduct_group(pattern: re.Pattern[str]):
    assert "conduct" in pattern.groupindex


def test_abbreviations_are_lower_case_without_full_stop():
    assert all(a == a.lower() and not a.endswith(".") for a in vocab.abbreviations())


def test_phrase_tables_map_longest_phrase_first():
    found = list(vocab.outcome_table().finditer("She was given a final written warning."))
    assert [code for _, _, code in found] == ["final_written_warning"]
    found = list(vocab.platform_table().finditer("posts on Friends Re-united and X (formerly Twitter)"))
    assert [name for _, _, name in found] == ["Friends Reunited", "Twitter"]


def test_every_conduct_pattern_needs_a_keyword():
    # the extractor skips the conduct patterns for text holding none of the keywords
    for pattern in vocab.load("conduct")["patterns"]:
        assert any(k in pattern.lower() for k in vocab.conduct_keywords()), pattern


# -- fast phrase matching (PhraseMatcher, separated_words): same answers as the plain patterns ------

_PIECES = [
    "sacked",
    "Sacked",
    "unsacked",
    "sacked_x",
    "final written warning",
    "final-written warning",
    "written warning",
    "words of advice",
    "Facebook",
    "face book",
    "Friends Re-united",
    "X",
    "x,",
    "eleven",
    "seventeen",
    "seven",
    "a dozen",
    "another",
    "often",
    "someone",
    "café",
    "naïve",
    "’",
    "'",
    "-",
    "–",
    ",",
    ".",
    " ",
    "  ",
    "\n",
    "\t",
    "£5",
    "12",
    "_",
    "İ",
    "ß",
    "Σ",
]
_texts = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join) | st.text(max_size=120)
_TABLES = [vocab.outcome_table, vocab.platform_table, vocab.staff_group_table, vocab.topic_table]


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_phrase_tables_find_what_their_case_insensitive_pattern_finds(text: str):
    for table in _TABLES:
        t = table()
        expected = [(m.start(), m.end(), t.value(m.group())) for m in t.pattern.finditer(text)]
        assert list(t.finditer(text)) == expected
        assert t.search(text) == bool(expected)


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_a_matcher_rules_out_only_texts_without_its_phrases(text: str):
    lowered = vocab.lower_text(text)
    words = set(vocab.separated_words(lowered).split())
    for table in _TABLES:
        matcher = table().matcher
        found = matcher.search(lowered) is not None
        said = matcher.occurs(words, text.isascii())
        assert said is None or said == found, (table.__name__, said, found)


def test_lowering_and_separating_keep_every_offset():
    text = "İstanbul’s “café” — £5 ΣΑΣ x_y"
    assert len(vocab.lower_text(text)) == len(text)
    assert len(vocab.separated_words(vocab.lower_text(text))) == len(text)
    assert vocab.separated_words("x_sacked, twenty-three") == "x_sacked  twenty three"


def test_each_conduct_pattern_is_listed_under_a_keyword_it_needs():
    listed = {i for _, numbers in vocab.conduct_pattern_keywords() for i in numbers}
    assert listed == set(range(len(vocab.conduct_patterns())))
    assert vocab.conduct_pattern(frozenset({0})).pattern.count("(?P<conduct") == 1


def test_literal_trie_pattern_matches_every_word_whole_and_the_longest_first():
    import re as _re

    from disclosed.vocab import literal_trie_pattern

    words = ["seven", "seventeen", "seventy", "six", "a.b"]
    pattern = _re.compile(rf"\b(?:{literal_trie_pattern(words)})\b")
    assert [pattern.fullmatch(w) is not None for w in words] == [True] * len(words)
    assert pattern.search("seventeen staff").group() == "seventeen"
    assert pattern.search("axb") is None  # literals: the dot is not a wildcard
