"""Stable story ids: regrouping, growing, merging and splitting keep ids people have cited."""

from __future__ import annotations

from disclosed.stories.ids import assign_story_ids, resolve


def _new(group):
    return "story-" + min(group)


def test_first_grouping_gives_new_ids():
    out = assign_story_ids([["b", "a"], ["c"]], {}, {}, _new)
    assert out.ids == ["story-a", "story-c"] and out.created == out.ids and out.redirects == {}


def test_a_story_that_grows_keeps_its_id_even_when_an_earlier_document_joins():
    out = assign_story_ids([["a", "b", "z"]], {"b": "S1", "z": "S1"}, {"S1": 0}, _new)
    assert out.ids == ["S1"] and out.created == []


def test_merged_stories_keep_the_oldest_id_and_the_others_redirect():
    previous = {"a": "S2", "b": "S2", "c": "S1", "d": "S3"}
    out = assign_story_ids([["a", "b", "c", "d"]], previous, {"S1": 0, "S2": 1, "S3": 2}, _new)
    assert out.ids == ["S1"]
    assert out.redirects == {"S2": "S1", "S3": "S1"}


def test_a_split_story_keeps_its_id_on_the_part_with_most_documents():
    previous = {d: "S1" for d in "abcde"}
    out = assign_story_ids([["a", "b"], ["c", "d", "e"]], previous, {"S1": 0}, _new)
    assert out.ids == ["story-a", "S1"]
    assert out.redirects == {} and out.created == ["story-a"]


def test_a_new_id_never_reuses_one_given_before():
    out = assign_story_ids([["a"], ["b"]], {"b": "story-a"}, {"story-a": 0}, _new, taken={"story-a-2"})
    assert out.ids == ["story-a-3", "story-a"]


def test_split_ties_go_to_the_group_with_the_first_document():
    previous = {d: "S1" for d in "abcd"}
    out = assign_story_ids([["c", "d"], ["a", "b"]], previous, {"S1": 0}, _new)
    assert out.ids == ["story-c", "S1"]


def test_resolve_follows_redirects():
    assert resolve("S3", {"S3": "S2", "S2": "S1"}) == "S1"
    assert resolve("S1", {}) == "S1"
    assert resolve("X", {"X": "Y", "Y": "X"}) in {"X", "Y"}
