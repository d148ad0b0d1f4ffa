"""Sentence splitting keeps exact offsets and knows abbreviations, decimals, quotes and table rows."""

from __future__ import annotations

from disclosed.extract.sentences import split_sentences


def _texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_every_sentence_is_its_exact_span():
    text = "  First one here.  Second, with 2.5 per cent!\n\nThird?  \n"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["First one here.", "Second, with 2.5 per cent!", "Third?"]
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_abbreviations_and_initials_do_not_end_a_sentence():
    text = "Dr. Patel of No. 4 unit cited s. 40 of the Act. Mr. J. Green agreed."
    assert _texts(text) == ["Dr. Patel of No. 4 unit cited s. 40 of the Act.", "Mr. J. Green agreed."]


def test_quotes_close_a_sentence_with_their_mark():
    text = 'The chief said: "We acted fast." Then she left.'
    assert _texts(text) == ['The chief said: "We acted fast."', "Then she left."]


def test_lines_are_sentences_and_a_glued_full_stop_splits():
    text = "A headline without a stop\nThe body ran on.Another sentence began here."
    assert _texts(text) == ["A headline without a stop", "The body ran on.", "Another sentence began here."]


def test_pipe_and_tab_rows_are_table_rows_with_cells():
    text = "Intro line.\n| Year | 2020 | 2021 |\n| Dismissed | 4 | <5 |\nOutcome\t2020\t2021\n"
    rows = [s for s in split_sentences(text) if s.is_table_row]
    assert [r.table_cells() for r in rows] == [
        ["Year", "2020", "2021"],
        ["Dismissed", "4", "<5"],
        ["Outcome", "2020", "2021"],
    ]
    for r in rows:
        assert [text[a:b] for a, b in r.table_cell_spans()] == r.table_cells()


def test_prose_has_no_cells():
    (s,) = split_sentences("Just words | with a pipe.")
    assert not s.is_table_row and s.table_cells() == []
