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
