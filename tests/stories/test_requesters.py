"""Requesters resolved to one name, and found in phrasings the extractor does not know."""

from __future__ import annotations

import pytest

from disclosed.model import Document
from disclosed.stories.profile import story_profile
from disclosed.stories.requesters import RequesterVocabulary, VocabularyError, default_vocabulary


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Radio Nine News", "radio 9"),
        ("Radio 9", "radio 9"),
        ("the Guardian's Healthcare Network", "guardian healthcare"),
        ("Guardian Healthcare", "guardian healthcare"),
        ("the think-tank Parliament Street", "parliament street"),
        ("PA", "press association"),
        ("The Press Association", "press association"),
        ("the Mail", "daily mail"),
        ("Freedom", None),
    ],
)
def test_spellings_of_one_requester_have_one_key(written, key):
    assert default_vocabulary().key(written) == key


def test_own_outlet_references_are_the_documents_outlet():
    vocab = default_vocabulary()
    assert vocab.key("the station", outlet="Radio Nine News") == "radio 9"
    assert vocab.key("the paper") is None  # unknown outlet: unknown requester


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("The Press Association obtained the information through a Freedom of Information request.",
         "press association"),
        ("Steve Hall of the think-tank Marlow Street, which obtained the figures, said it was absurd.",
         "marlow street"),
        ("The data was obtained by Coastline Investigations after a request to every council.", "coastline"),
        ("Figures released to Valley Voice show eleven staff were sacked.", "valley voice"),
        ("Using freedom of information requests, the Courier established that 40 staff were disciplined.",
         "courier"),
        ("Civic Watch sent Freedom of Information requests to 25 trusts.", "civic watch"),
    ],
)
def test_more_phrasings_name_the_requester(sentence, name):
    doc = Document(text="Headline\n\n" + sentence, source="x.txt", format="text")
    assert story_profile(doc).requester == name


def test_the_body_that_answered_is_not_the_requester():
    doc = Document(text="The figures were released by the Home Office to Scotland Yard.", source="x.txt",
                   format="text")
    assert story_profile(doc).requester is None


def test_a_vocabulary_file_can_be_given(tmp_path):
    path = tmp_path / "requesters.toml"
    path.write_text('[normalise]\ntrailing = ["bulletin"]\n'
                    '[aliases]\n"Harbour FM" = ["HFM", "Harbour Radio"]\n')
    vocab = RequesterVocabulary.load(path)
    assert vocab.key("Harbour Radio") == vocab.key("HFM") == vocab.key("Harbour FM Bulletin") == "harbour fm"
    bad = tmp_path / "bad.toml"
    bad.write_text("[aliases\n")
    with pytest.raises(VocabularyError, match="bad.toml: not valid TOML"):
        RequesterVocabulary.load(bad)
    with pytest.raises(VocabularyError, match="cannot read"):
        RequesterVocabulary.load(tmp_path / "missing.toml")
