"""Finding mentions in running text: the gold sentences, spans, longest match, no overlaps, case rules."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from disclosed.authorities import Mention, get_register
from disclosed.authorities.mentions import match_words, short_match_words

REGISTER = get_register()
CASES = tomllib.loads((Path(__file__).parent / "fixtures" / "mentions.toml").read_text("utf-8"))["case"]


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_gold_sentences(case: dict) -> None:
    found = REGISTER.find_mentions(case["text"])
    assert [[m.text, m.authority.official_name] for m in found] == case["found"]


def test_spans_point_at_the_text_as_written() -> None:
    text = "Cuts at the DWP's offices and at HM Revenue and Customs (HMRC) were reported."
    found = REGISTER.find_mentions(text)
    assert [(m.start, m.end) for m in found] == [(12, 15), (33, 55), (57, 61)]
    assert all(text[m.start : m.end] == m.text for m in found)
    assert isinstance(found[0], Mention)


def test_longest_name_wins_and_mentions_never_overlap() -> None:
    text = (
        "The Metropolitan Police Service Federation and the Met Police Service; Ministry of Defence Police."
    )
    found = REGISTER.find_mentions(text)
    assert [m.text for m in found] == [
        "Metropolitan Police Service",
        "Met Police Service",
        "Ministry of Defence Police",
    ]
    ends = [m.end for m in found]
    assert all(m.start >= end for m, end in zip(found[1:], ends, strict=False))


def test_acronyms_and_single_words_match_only_as_written() -> None:
    assert REGISTER.find_mentions("the dwp and the mod and the moj") == []
    assert REGISTER.find_mentions("we met them at the met") == []
    assert [m.text for m in REGISTER.find_mentions("the DWP and the MoD")] == ["DWP", "MoD"]


def test_words_inside_other_words_do_not_match() -> None:
    assert REGISTER.find_mentions("DWPs and MODERN HMRCs; Kent Policeman") == []


def test_commas_inside_a_name_only_where_the_name_has_them() -> None:
    assert REGISTER.find_mentions("In Kent, Police Scotland was not involved.")[0].text == "Police Scotland"
    text = "The Department for Environment, Food and Rural Affairs"
    assert [m.text for m in REGISTER.find_mentions(text)] == [text[4:]]
    text = "The Department for Environment Food and Rural Affairs"
    assert [m.text for m in REGISTER.find_mentions(text)] == [text[4:]]


def test_a_bracketed_part_of_a_name_keeps_its_closing_bracket() -> None:
    text = "The Department of Health (Northern Ireland) and the Metropolitan Police Service (MPS) replied."
    found = REGISTER.find_mentions(text)
    assert [m.text for m in found] == [
        "Department of Health (Northern Ireland)",
        "Metropolitan Police Service",
        "MPS",
    ]


def test_a_name_does_not_run_across_a_sentence_end() -> None:
    assert REGISTER.find_mentions("He went home. Office staff stayed.") == []
    found = REGISTER.find_mentions("Department for Work and\nPensions")
    assert [m.authority.official_name for m in found] == ["Department for Work and Pensions"]


def test_text_without_any_body_and_odd_characters() -> None:
    assert REGISTER.find_mentions("") == []
    assert REGISTER.find_mentions("No public body is named here at all.") == []
    text = "İstanbul 😀 café \udcff — “Home Office” said"
    [m] = REGISTER.find_mentions(text)
    assert m.text == "Home Office" and text[m.start : m.end] == "Home Office"


@given(st.text(alphabet=st.sampled_from("aAs'’&- .,\n\tzé😀İ"), max_size=40))
def test_short_and_array_word_splitting_agree(text: str) -> None:
    lowered = text.lower()
    if len(lowered) != len(text):
        return
    spaced, starts = match_words(lowered)
    assert short_match_words(lowered) == (spaced, starts.tolist())
    assert len(spaced) == len(text)
