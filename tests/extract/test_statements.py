"""Statements: attribution styles, speakers and their organisations, quotations over paragraphs,
pull quotes, the vocabulary, properties on any text, and accuracy on the fixture documents."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from disclosed.extract.statements import (
    extract_document_statements,
    extract_statements,
    find_quotations,
    normalise_quote,
    sentence_spans,
    vocabulary,
)
from disclosed.model import Document

FIXTURES = Path(__file__).parent.parent / "fixtures" / "facts"
GOLD = json.loads((FIXTURES / "facts.gold.json").read_text("utf-8"))["documents"]


def only(text: str):
    found = extract_statements(text)
    assert len(found) == 1, [s.quote for s in found]
    return found[0]


# --- attribution styles ---------------------------------------------------------------------------


def test_name_role_and_organisation_before_a_colon():
    s = only(
        'Jane Roe, head of research at the Open Data Forum, said: "Blocking sites teaches nobody anything."'
    )
    assert (s.speaker, s.role, s.speaker_organisation) == ("Jane Roe", "head of research", "Open Data Forum")
    assert s.quote == "Blocking sites teaches nobody anything."
    assert not s.reported


def test_according_to_a_body_after_or_before_the_words():
    after = only("Staff may post in their breaks, according to Kent Police.")
    assert (after.speaker_organisation, after.quote) == ("Kent Police", "Staff may post in their breaks")
    text = "Kent Police replied in May. According to the force, nine officers were warned last year."
    before = only(text)
    assert before.speaker_organisation == "Kent Police"
    assert before.quote == "nine officers were warned last year" and before.reported


def test_according_to_figures_is_no_statement():
    assert extract_statements("Nine officers were warned, according to figures released in May.") == []


def test_an_organisation_before_a_title_outranks_the_body_after_at():
    s = only('Mark Evans, PCS branch organiser at the DVLA, said: "Nobody told us the rules."')
    expected = ("Mark Evans", "branch organiser", "Public and Commercial Services Union")
    assert (s.speaker, s.role, s.speaker_organisation) == expected


def test_councillor_speaks_for_the_council_in_context():
    text = (
        "Leeds City Council published its rules in March.\n\n"
        "Councillor Ann Booth, cabinet member for resources, said the rules were simpler now."
    )
    s = only(text)
    assert (s.speaker, s.speaker_organisation) == ("Ann Booth", "Leeds City Council")


def test_a_relative_clause_about_the_speaker_names_no_organisation():
    s = only(
        "Dr Ann Booth, a nurse who writes about digital skills in the NHS, said the rules were out of date."
    )
    assert s.speaker == "Ann Booth" and s.speaker_organisation is None


def test_reported_speech_may_start_with_a_number_or_it_would():
    first, second = extract_statements(
        "The Home Office said 12 members of staff had been disciplined.\n\n"
        "Jane Roe of Open Desks said it would be better to train staff."
    )
    assert first.quote == "12 members of staff had been disciplined"
    assert second.quote == "it would be better to train staff"


def test_quote_then_said_name():
    s = only("“Rules without training fail,” said Omar Aziz, chief executive of Civic Signal.")
    assert (s.speaker, s.speaker_organisation) == ("Omar Aziz", "Civic Signal")
    assert s.quote == "Rules without training fail"


def test_he_added_carries_the_speaker_over():
    text = (
        'Omar Aziz, director of policy at Civic Signal, said: "We asked every department."\n\n'
        '"Only two replied on time," he added.'
    )
    first, second = extract_statements(text)
    assert second.speaker == first.speaker == "Omar Aziz"
    assert second.speaker_organisation == "Civic Signal"
    assert second.quote == "Only two replied on time"


def test_spokesperson_for_a_registered_body_resolves_to_its_official_name():
    s = only('A spokesperson for the DWP said: "Staff are reminded of the rules every year."')
    assert s.role == "spokesperson"
    assert s.speaker is None
    assert s.speaker_organisation == "Department for Work and Pensions"


def test_body_before_the_title():
    s = only('An MoJ spokeswoman said: "We do not comment on individual cases."')
    assert (s.role, s.speaker_organisation) == ("spokeswoman", "Ministry of Justice")


def test_in_its_disclosure_to_someone_the_discloser_speaks():
    s = only('In its disclosure to Civic Signal, the Met said: "Every officer receives the guidance."')
    assert s.speaker_organisation == "Metropolitan Police Service"


def test_reported_speech_with_that():
    s = only("The Home Office added that the figures covered permanent staff only.")
    assert s.reported
    assert s.speaker_organisation == "Home Office"
    assert s.quote == "the figures covered permanent staff only"


def test_reported_speech_by_the_force_resolves_from_context():
    text = "Kent Police dismissed two officers. The force said refresher sessions were held every spring."
    s = only(text)
    assert s.reported
    assert s.speaker_organisation == "Kent Police"
    assert s.quote.startswith("refresher sessions were held")


def test_trailing_attribution_of_reported_speech():
    s = only("Leeds City Council dismissed one worker. Staff can use Twitter at lunch, the council said.")
    assert s.reported
    assert s.speaker_organisation == "Leeds City Council"
    assert s.quote == "Staff can use Twitter at lunch"


def test_title_before_name_takes_the_force_from_context():
    text = 'Kent Police released its figures.\n\nChief Constable Ann Lowe said: "We publish every case."'
    s = only(text)
    assert (s.speaker, s.role, s.speaker_organisation) == ("Ann Lowe", "chief constable", "Kent Police")


def test_union_named_earlier_is_the_organisation_of_its_officer():
    text = (
        "The request came from the Prison Officers Association.\n\n"
        'Sam Hale, the association\'s general secretary, said: "Members deserve clear rules."'
    )
    s = only(text)
    assert s.speaker_organisation == "Prison Officers Association"
    assert s.role == "general secretary"


def test_staff_federation_is_not_the_force_it_is_named_after():
    s = only('Lee Park, chair of the Kent Police Federation, said: "Officers want the rules in writing."')
    assert s.speaker_organisation == "Kent Police Federation"


# --- quotations -----------------------------------------------------------------------------------


def test_quotation_continued_over_paragraphs_is_one_statement():
    text = (
        'A Home Office spokesperson said: "We take misuse seriously. Most staff follow the rules.\n\n'
        '"Where they do not, we act."'
    )
    s = only(text)
    assert s.quote == "We take misuse seriously. Most staff follow the rules. Where they do not, we act."
    assert s.evidence == text[s.evidence_start : s.evidence_end]


def test_pull_quote_is_not_a_second_statement():
    text = (
        "“Most staff follow the rules”\n\n"
        "A Home Office spokesperson said: “Most staff follow the rules, and where they do not, we act.”"
    )
    s = only(text)
    assert s.quote.startswith("Most staff follow the rules, and")


def test_scare_quotes_without_a_speaker_are_not_statements():
    text = 'Eleven staff received "words of advice" and two a "final written warning" from Kent Police.'
    assert extract_statements(text) == []


def test_apostrophes_do_not_open_quotations():
    text = "The department's rules say staff can't post. It's the officers' view that matters."
    assert find_quotations(text) == []


def test_straight_and_curly_single_quotes():
    s = only("Omar Aziz, director at Civic Signal, said: ‘The rules are out of date.’")
    assert s.quote == "The rules are out of date."
    s = only("'The rules are out of date,' said Omar Aziz, director at Civic Signal.")
    assert s.quote == "The rules are out of date"


def test_document_variant_cites_the_document_and_its_date():
    doc = Document(
        text="The Home Office said that its rules were under review.",
        source="/tmp/a/b.txt",
        format="text",
        published=date(2021, 3, 4),
    )
    (s,) = extract_document_statements(doc)
    assert (s.document, s.published) == ("b.txt", date(2021, 3, 4))


def test_headlines_are_not_reported_statements():
    assert extract_statements("Staff to be trained on social media, Home Office says\n\nBody text.") == []


def test_sentences_keep_abbreviations_together():
    text = "Dr. Roe said so. Mr Smith agreed.\nNew line"
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Dr. Roe said so.",
        "Mr Smith agreed.",
        "New line",
    ]


# --- vocabulary -----------------------------------------------------------------------------------


def test_vocabulary_lists_have_no_duplicates_and_body_nouns_name_known_kinds():
    v = vocabulary()
    for key in ("speech_verbs", "roles", "org_endings", "bare_report_verbs"):
        assert len(v[key]) == len(set(v[key])), key
    assert set(v["bare_report_verbs"]) <= set(v["speech_verbs"])
    from disclosed.extract.organisations import default_register

    kinds = {a.kind for a in default_register()}
    for listed in [*v["body_nouns"].values(), *v["role_kinds"].values()]:
        assert set(listed) <= kinds, listed
    for verb in ("revealed", "disclosed", "acknowledged"):
        assert verb not in v["speech_verbs"]  # in this domain they introduce figures, not words


# --- properties -----------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "said",
        "added",
        ":",
        '"',
        "“",
        "”",
        "‘",
        "’",
        "'",
        ",",
        ".",
        "\n",
        "\n\n",
        " ",
        "he",
        "The force",
        "A Home Office spokesperson",
        "Jane Roe, director at Civic Signal,",
        "that",
        "DWP",
        "the Met",
        "Twitter",
        "blocked",
        "x",
        "It",
        "she added",
        "Chief Constable",
    ]
)
_TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(_PIECES, max_size=60).map(" ".join),
    st.lists(_PIECES, max_size=60).map("".join),
)


def _words_in_order(quote: str, text: str) -> bool:
    """The quote's words appear in the text in the same order (a quotation interrupted by its
    attribution is one quote whose parts are apart in the text)."""
    words = re.findall(r"\w+", normalise_quote(quote).casefold())
    pos = 0
    haystack = normalise_quote(text).casefold()
    for w in words:
        m = re.compile(rf"\b{re.escape(w)}\b").search(haystack, pos)
        if m is None:
            return False
        pos = m.end()
    return bool(words) or not quote.strip()


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_never_raises_and_keeps_evidence_and_quotes_in_the_text(text):
    found = extract_statements(text)
    for s in found:
        assert text[s.evidence_start : s.evidence_end] == s.evidence
        assert _words_in_order(s.quote, s.evidence)
        assert _words_in_order(s.quote, text)


def test_every_fixture_quote_is_in_its_document():
    for path in sorted(FIXTURES.glob("*.txt")):
        text = path.read_text("utf-8")
        for s in extract_statements(text):
            assert _words_in_order(s.quote, s.evidence), (path.name, s.quote)
            assert text[s.evidence_start : s.evidence_end] == s.evidence


# --- accuracy on the fixture documents ------------------------------------------------------------

MIN_PRECISION = 0.9
MIN_RECALL = 0.9


def _org(name):
    name = re.sub(r"[^\w\s&]", " ", (name or "").casefold())
    return re.sub(r"^the ", "", re.sub(r"\s+", " ", name).strip())


def _quote_matches(gold: str, pred: str) -> bool:
    g, p = (set(re.findall(r"[a-z0-9']+", x.casefold())) for x in (gold, pred))
    if not g or not p:
        return False
    return g <= p or p <= g or len(g & p) / len(g | p) >= 0.6


def test_statement_accuracy_on_fixtures():
    tp = fp = fn = 0
    for name, entry in GOLD.items():
        gold = [g for g in entry["items"] if g["type"] == "statement"]
        preds = extract_statements((FIXTURES / name).read_text("utf-8"))
        used: set[int] = set()
        for g in sorted(gold, key=lambda g: bool(g.get("optional"))):
            hits = [
                i
                for i, p in enumerate(preds)
                if i not in used
                and _org(p.speaker_organisation) == _org(g["speaker_organisation"])
                and _quote_matches(g["quote"], p.quote)
            ]
            used.update(hits)
            if not g.get("optional"):
                tp, fn = (tp + 1, fn) if hits else (tp, fn + 1)
        fp += len(preds) - len(used)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert precision >= MIN_PRECISION and recall >= MIN_RECALL, (precision, recall, tp, fp, fn)


@pytest.mark.parametrize("name", sorted(GOLD))
def test_fixture_gold_is_well_formed(name):
    assert (FIXTURES / name).exists()
    for item in GOLD[name]["items"]:
        assert item["type"] in ("policy", "statement")
        if item["type"] == "statement":
            assert _words_in_order(item["quote"], (FIXTURES / name).read_text("utf-8")), item["quote"]
