"""Name normalisation: the keys two spellings of one name share."""

from __future__ import annotations

import pytest

from disclosed.authorities.names import is_acronym, name_key, spelled_forms


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The Home Office", "home office"),
        ("Department for Work & Pensions", "department for work and pensions"),
        ("HM Revenue and Customs", "Her Majesty's Revenue and Customs"),
        ("H.M. Treasury", "His Majesty's Treasury"),
        ("Dyfed-Powys Police", "Dyfed Powys Police"),
        ("the DWP's", "DWP"),
        ("Kent Police’s", "Kent Police"),
        ("Foreign, Commonwealth and Development Office", "Foreign Commonwealth and Development Office"),
    ],
)
def test_spellings_of_one_name_share_a_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def test_different_names_keep_different_keys() -> None:
    assert name_key("Department for Education") != name_key("Department of Education")
    assert name_key("Met Office") != name_key("Met")


def test_spelled_forms_and_acronyms() -> None:
    assert spelled_forms("HM Treasury") == ["HM Treasury", "Her Majesty's Treasury", "His Majesty's Treasury"]
    assert spelled_forms("the Met") == ["Met"]
    assert is_acronym("DWP") and is_acronym("MoJ") and is_acronym("DfT")
    assert not is_acronym("Kent") and not is_acronym("Met")
