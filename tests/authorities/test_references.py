"""Generic references ("the force") and the kinds of body they can stand for."""

from __future__ import annotations

from typing import get_args

from disclosed.authorities import kind_of_reference, reference_words
from disclosed.model import AuthorityKind


def test_generic_nouns_map_to_kinds() -> None:
    assert kind_of_reference("force") == {"police_force"}
    assert kind_of_reference("the Council") == {"council"}
    assert kind_of_reference("trust") == {"nhs_trust"}
    assert kind_of_reference("board") == {"health_board"}
    assert "ministerial_department" in kind_of_reference("department")
    assert "fire_and_rescue" in kind_of_reference("brigade")
    assert kind_of_reference("spokesman") == set()


def test_every_kind_named_in_the_data_is_a_known_kind() -> None:
    kinds = set(get_args(AuthorityKind))
    for word in reference_words():
        assert kind_of_reference(word) and kind_of_reference(word) <= kinds, word
