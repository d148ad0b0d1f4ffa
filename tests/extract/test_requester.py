"""The requester a document names."""

from __future__ import annotations

import pytest

from disclosed.extract.requester import find_requester


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("It emerged after an FOI request by campaign group Open Ledger.", "Open Ledger"),
        ("The request was made by the Civic Audit Trust last spring.", "Civic Audit Trust"),
        ("Figures obtained by the Northern Gazette show a rise.", "Northern Gazette"),
        ("The data were released to Brightline Media under the Act.", "Brightline Media"),
        ("It answered freedom of information requests on misuse from Harbour PR.", "Harbour PR"),
    ],
)
def test_requester_wordings(text: str, who: str):
    assert find_requester(text) == who


def test_no_requester():
    assert find_requester("Nine staff were sacked, the council said.") is None


def test_the_disclosing_body_is_not_the_requester():
    text = "Figures released to Kent Police show nothing."
    assert find_requester(text, lambda name: name == "Kent Police") is None


def test_every_pattern_match_holds_its_clue():
    # a window without the clue is skipped, so each pattern's matches must hold it
    from disclosed.extract.requester import _CLUES, _PATTERNS

    phrases = [
        "an FOI request made by the campaign group Open Desks",
        "a Freedom of Information request for the data from the Eastvale Gazette",
        "the requests were submitted by Open Desks",
        "figures obtained by the Eastvale Gazette",
        "data released to UK think tank Open Desks",
        "Open Desks obtained the figures",
        "Open Desks requested the information",
        "The Gazette submitted an FoI request to the council",
    ]
    tried = set()
    for phrase in phrases:
        for i, ((pattern, _), clue) in enumerate(zip(_PATTERNS, _CLUES, strict=True)):
            if pattern.search(phrase):
                tried.add(i)
                assert clue.search(phrase.lower()), (phrase, pattern.pattern)
    assert tried == set(range(len(_PATTERNS)))  # every pattern was tried on a phrase it matches
