"""Places: a bare place name stands for the body of the kind its sentence speaks about."""

from __future__ import annotations

from disclosed.authorities import get_register
from disclosed.authorities.places import place_of


def test_a_place_is_a_bodys_name_without_its_kinds_ending():
    assert place_of("Kent Police", "police_force") == "Kent"
    assert place_of("Torfaen County Borough Council", "council") == "Torfaen"
    assert place_of("City and County of Swansea Council", "council") == "Swansea"
    assert place_of("Essex County Fire and Rescue Service", "fire_and_rescue") == "Essex"
    assert place_of("Ministry of Justice", "ministerial_department") is None


def test_one_place_stands_for_a_body_of_each_kind():
    places = get_register().places
    assert places.body_at("Kent", "police_force").official_name == "Kent Police"
    assert places.body_at("Kent", "council").official_name == "Kent County Council"
    assert places.body_at("Kent", "fire_and_rescue").official_name == "Kent Fire and Rescue Service"


def test_a_current_body_is_preferred_to_a_former_one_and_special_forces_serve_no_place():
    places = get_register().places
    assert places.body_at("Dorset", "council").official_name == "Dorset Council"
    assert "Defence" not in places.bodies  # the Ministry of Defence Police is no place's force
    assert places.successor_began("Police Scotland") == 2013
