"""Bodies named in a document, references to them, and the main body."""

from __future__ import annotations

from disclosed.extract.organisations import OrgContext, find_organisations, guess_kind


def test_registered_names_resolve_to_official_names(register):
    text = "Scotland Yard and the DWP both replied, as did the Department of Work and Pensions."
    names = [(m.text, m.name) for m in find_organisations(text, register)]
    assert ("Scotland Yard", "Metropolitan Police Service") in names
    assert ("DWP", "Department for Work and Pensions") in names
    assert ("Department of Work and Pensions", "Department for Work and Pensions") in names


def test_unregistered_bodies_keep_the_name_the_text_gives(register):
    text = "Westshire Constabulary and Borsetshire County Council said little."
    found = [(m.name, m.kind, m.registered) for m in find_organisations(text, register)]
    assert found == [
        ("Westshire Constabulary", "police_force", False),
        ("Borsetshire County Council", "council", False),
    ]


def test_the_force_refers_to_the_latest_police_body(register):
    text = "Kent Police and the Home Office replied. The force said nine were sacked."
    context = OrgContext(text, register)
    ref = [m for m in context.mentions if m.reference]
    assert [(m.text, m.name) for m in ref] == [("The force", "Kent Police")]


def test_the_main_body_is_named_most_and_speaks():
    text = "Leeds City Council replied. The Home Office said it had no data. The Home Office added more."
    assert OrgContext(text, None).main == "Home Office"


def test_guess_kind_from_head_word():
    assert guess_kind("Northshire Police") == "police_force"
    assert guess_kind("Eastvale Health Board") == "health_board"
    assert guess_kind("Ministry of Fun") == "ministerial_department"
    assert guess_kind("Parliament Street") is None


def test_names_found_from_capitals_are_those_of_the_plain_pattern():
    # _unregistered_names jumps from capital to capital; it must give exactly the plain scan's
    # matches, including names that follow one another and capitals inside a found name
    from disclosed.extract.organisations import _UNREGISTERED, _unregistered_names

    text = (
        "The Westshire Police Service and Borsetshire County Council wrote to the Ministry of Fair "
        "Play And Games.\nHMRC, DWP and MoJ replied; the Eastvale Health Board (NHS Foundation Trust) "
        "did not. aWestshire Police is not a name, nor is ACME; Cyngor Sir Ceredigion is."
    )
    expected = [(m.start(), m.end()) for m in _UNREGISTERED.finditer(text)]
    assert len(expected) >= 6
    assert list(_unregistered_names(text)) == expected
