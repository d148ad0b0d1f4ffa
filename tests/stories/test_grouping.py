"""Story grouping: copies and rewrites of one disclosure together, other disclosures apart, with
the origin, how the story travelled and its independent sources."""

from __future__ import annotations

from datetime import date

from disclosed.model import Citation, Document, Figure
from disclosed.stories import StorySettings, find_copies, group_into_stories

from .documents import HMRC, HMRC_DOCS, TRUST, figure, hmrc_figures, load


def _stories(docs: list[Document], figures: dict[str, list[Figure]] | None = None, **kw: object):
    figures = figures if figures is not None else {d.name: hmrc_figures(d.name) for d in docs}
    return group_into_stories(docs, figures, find_copies(docs), **kw)


def test_copies_and_a_rewrite_are_one_story_and_next_years_disclosure_another(hmrc_docs) -> None:
    stories = _stories(hmrc_docs)
    assert [s.documents for s in stories] == [
        ["hmrc_wire_original.txt", "hmrc_wire_copy.txt", "hmrc_syndicated.txt", "hmrc_rewrite.txt"],
        ["hmrc_next_year.txt"],
    ]
    first = stories[0]
    assert first.origin == "hmrc_wire_original.txt"
    assert first.title == "Tax office sacks six over online posts"
    assert (first.first_date, first.last_date) == (date(2015, 3, 2), date(2015, 3, 5))
    assert first.organisations == [HMRC]
    assert first.requesters == [TRUST]
    assert {(c.a, c.b) for c in first.copies} == {
        ("hmrc_wire_copy.txt", "hmrc_wire_original.txt"),
        ("hmrc_syndicated.txt", "hmrc_wire_original.txt"),  # each copy: its most similar earlier document
    }


def test_story_id_comes_from_the_earliest_document_and_survives_regrouping(hmrc_docs) -> None:
    original = next(d for d in hmrc_docs if d.name == "hmrc_wire_original.txt")
    stories = _stories(hmrc_docs)
    assert stories[0].id == "story-" + original.sha256[:12]
    assert [s.id for s in _stories(list(reversed(hmrc_docs)))] == [s.id for s in stories]


def test_how_the_story_travelled(hmrc_docs) -> None:
    links = {(x.document, x.relation, x.source, x.outlet) for x in _stories(hmrc_docs)[0].links}
    assert ("hmrc_wire_copy.txt", "republishes", "hmrc_wire_original.txt", None) in links  # another masthead
    assert ("hmrc_syndicated.txt", "republishes", "hmrc_wire_original.txt", "Civic Wire") in links
    travel = {"copy_of", "republishes", "cites"}
    assert all(x[0] != "hmrc_rewrite.txt" for x in links if x[1] in travel)
    # the rewrite is there for the figures it shares, and its link says which
    (why,) = [x for x in _stories(hmrc_docs)[0].links if x.document == "hmrc_rewrite.txt"]
    assert why.relation == "shared_figures" and why.evidence and "dismissed" in why.evidence


def test_copies_are_one_source_and_the_rewrite_another(hmrc_docs) -> None:
    assert _stories(hmrc_docs)[0].sources == [
        ["hmrc_wire_original.txt", "hmrc_wire_copy.txt", "hmrc_syndicated.txt"],
        ["hmrc_rewrite.txt"],
    ]


def test_same_outlet_copy_is_a_copy_not_a_republication() -> None:
    a = load("hmrc_wire_original.txt")
    b = load("hmrc_wire_copy.txt").model_copy(update={"outlet": "Civic Wire"})
    (story,) = _stories([a, b])
    assert [(x.document, x.relation, x.source) for x in story.links] == [
        ("hmrc_wire_copy.txt", "copy_of", "hmrc_wire_original.txt")
    ]


def test_undated_documents_with_the_same_figures_join_but_not_with_too_few_shared() -> None:
    docs = [load(n, dated=False) for n in HMRC_DOCS]
    assert sorted(len(s.documents) for s in _stories(docs)) == [1, 4]


def test_a_year_apart_with_the_same_figures_stays_apart() -> None:
    rewrite = load("hmrc_rewrite.txt").model_copy(update={"published": date(2016, 3, 5)})
    docs = [load("hmrc_wire_original.txt"), rewrite]
    assert len(_stories(docs)) == 2
    assert len(_stories(docs, settings=StorySettings(window_days=400))) == 1


def test_different_requesters_are_different_disclosures() -> None:
    docs = [load("hmrc_wire_original.txt"), load("hmrc_rewrite.txt")]
    figures = {d.name: hmrc_figures(d.name) for d in docs}
    figures["hmrc_rewrite.txt"] = [
        f.model_copy(update={"requester": "Another Group"}) for f in figures["hmrc_rewrite.txt"]
    ]
    assert len(_stories(docs, figures)) == 2


def test_a_figure_mentioned_in_passing_does_not_join_that_bodys_story() -> None:
    main = Document(text="Ministry story", source="ministry.txt", format="text", published=date(2015, 3, 1))
    other = Document(text="Council story", source="council.txt", format="text", published=date(2015, 3, 2))
    figures = {
        "ministry.txt": [
            figure("ministry.txt", "Ministry of Defence", "dismissed", 4),
            figure("ministry.txt", "Ministry of Defence", "written_warning", 12),
            figure("ministry.txt", "Ministry of Defence", "suspended", 2),
            figure("ministry.txt", "Fife Council", "dismissed", 3),  # "this follows three at Fife"
        ],
        "council.txt": [
            figure("council.txt", "Fife Council", "dismissed", 3),
            figure("council.txt", "Fife Council", "verbal_warning", 10),
        ],
    }
    stories = group_into_stories([main, other], figures, [])
    assert sorted(s.documents for s in stories) == [["council.txt"], ["ministry.txt"]]


def test_a_single_shared_figure_joins_documents_that_give_only_that_figure() -> None:
    a = Document(text="a", source="a.txt", format="text", published=date(2015, 3, 1))
    b = Document(text="b", source="b.txt", format="text", published=date(2015, 3, 9))
    figures = {
        "a.txt": [figure("a.txt", "Fife Council", "dismissed", 3, staff_group=None)],
        "b.txt": [figure("b.txt", "Fife Council", "dismissed", 3, staff_group="all"),
                  figure("b.txt", "Fife Council", "verbal_warning", 10, staff_group="all")],
    }
    (story,) = group_into_stories([a, b], figures, [])
    assert story.documents == ["a.txt", "b.txt"]
    assert story.sources == [["a.txt"], ["b.txt"]]


def test_documents_relaying_the_same_outside_outlet_count_once(hmrc_docs) -> None:
    docs = [load("hmrc_rewrite.txt"), load("citing_outlets.txt")]
    figures = {
        "hmrc_rewrite.txt": hmrc_figures("hmrc_rewrite.txt"),
        "citing_outlets.txt": [f.model_copy(update={"document": "citing_outlets.txt"})
                               for f in hmrc_figures("hmrc_rewrite.txt")],
    }
    bbc = {"hmrc_rewrite.txt": [], "citing_outlets.txt": []}
    from disclosed.stories import find_citations

    bbc["citing_outlets.txt"] = find_citations(docs[1])
    bbc["hmrc_rewrite.txt"] = [c.model_copy(update={"document": "hmrc_rewrite.txt"})
                               for c in bbc["citing_outlets.txt"] if c.outlet == "BBC"]
    (story,) = group_into_stories(docs, figures, [], bbc, StorySettings(window_days=400))
    assert story.sources == [["hmrc_rewrite.txt", "citing_outlets.txt"]]


def test_a_story_is_not_titled_by_page_furniture_or_a_republishing_line() -> None:
    text = ("Share this story\nThe Borough Courier has covered our research into council staff:\n\n"
            "Council sacks two over Facebook rants\nTwo workers were dismissed.")
    intro = "The Borough Courier has covered our research into council staff:"
    doc = Document(text=text, title="This article is more than 2 years old", source="x.txt", format="text")
    cite = Citation(document="x.txt", outlet="Borough Courier", relation="republishes", evidence=intro,
                    evidence_start=0, evidence_end=1)
    (story,) = group_into_stories([doc], {}, [], {"x.txt": [cite]})
    assert story.title == "Council sacks two over Facebook rants"
    titled = doc.model_copy(update={"title": "Council sacks two"})
    (story,) = group_into_stories([titled], {}, [], {"x.txt": [cite]})
    assert story.title == "Council sacks two"
