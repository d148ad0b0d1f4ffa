"""The vocabularies in src/disclosed/vocab/ are well-formed data."""

from __future__ import annotations

import re
from collections import Counter

import pytest

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
