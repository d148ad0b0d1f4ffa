"""Grouping by the request: one request sent to many bodies, refusals to it, one requester however
written, figures stated in passing, and the reason each link gives."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from disclosed.model import Document
from disclosed.stories import group_into_stories
from disclosed.stories.grouping import is_background
from disclosed.stories.profile import request_similarity, request_wording, story_profile

from .documents import FIXTURES, HMRC, figure, hmrc_figures, load

REQUESTS = FIXTURES / "requests"


def doc(name: str, published: date | None = None, outlet: str | None = None) -> Document:
    path: Path = REQUESTS / name
    return Document(text=path.read_text(encoding="utf-8"), source=str(path), format="text",
                    published=published, outlet=outlet)


def groups(docs, figures=None):
    stories = group_into_stories(docs, figures or {}, [])
    return sorted(sorted(s.documents) for s in stories), stories


def test_a_national_total_and_each_bodys_local_answer_are_one_story():
    national = doc("robin_national.txt", date(2021, 5, 3))
    cumbria = doc("robin_local_cumbria.txt", date(2021, 5, 4))
    dyfed = doc("robin_local_dyfed.txt", date(2021, 5, 10), outlet="Radio 9")  # "released to the station"
    figures = {
        national.name: [figure(national.name, "Police", "disciplined", 312, staff_group="police_officers")],
        cumbria.name: [figure(cumbria.name, "Cumbria Constabulary", "dismissed", 3),
                       figure(cumbria.name, "Cumbria Constabulary", "written_warning", 11)],
        dyfed.name: [figure(dyfed.name, "Dyfed-Powys Police", "final_written_warning", 7)],
    }
    found, (story,) = groups([national, cumbria, dyfed], figures)
    assert found == [sorted([national.name, cumbria.name, dyfed.name])]
    assert story.requesters == ["Radio Nine News"]
    why = {link.document: link for link in story.links}
    assert {why[cumbria.name].relation, why[dyfed.name].relation} == {"same_requester"}
    assert "43 territorial forces" in why[cumbria.name].evidence


def test_another_requester_asking_the_same_body_is_another_story():
    cumbria = doc("robin_local_cumbria.txt", date(2021, 5, 4))
    other = doc("robin_other_requester.txt", date(2021, 5, 6))
    found, _ = groups([cumbria, other])
    assert found == [[cumbria.name], [other.name]]


def test_a_round_robin_out_of_the_date_window_stays_apart():
    national = doc("robin_national.txt", date(2021, 5, 3))
    late = doc("robin_local_cumbria.txt", date(2022, 9, 1))
    found, _ = groups([national, late])
    assert len(found) == 2


def test_refusals_to_one_request_are_one_story_and_a_different_request_is_not():
    council, fire = doc("refusal_council.txt"), doc("refusal_fire.txt")
    other = doc("refusal_other_request.txt")
    found, stories = groups([council, fire, other])
    assert found == [sorted([council.name, fire.name]), [other.name]]
    (link,) = [lk for s in stories for lk in s.links]
    assert link.relation == "same_request" and "request" in link.evidence


def test_request_wording_is_the_quoted_request_only():
    council = doc("refusal_council.txt")
    wording = request_wording(council.text)
    assert wording.startswith("Please could you tell me") and "section 12" not in wording
    a, b = story_profile(council), story_profile(doc("refusal_fire.txt"))
    assert request_similarity(a, b) > 0.8  # a greeting and one word changed
    assert request_similarity(a, story_profile(doc("refusal_other_request.txt"))) == 0.0


def test_a_figure_in_passing_never_joins_another_story_alone():
    hmrc = load("hmrc_wire_original.txt")
    mention = doc("background_mention.txt", date(2015, 3, 9))
    passing = figure(mention.name, HMRC, "dismissed", 6,
                     evidence="This follows the dismissal of six HM Revenue and Customs employees")
    assert is_background(passing)
    figures = {
        hmrc.name: hmrc_figures(hmrc.name),
        mention.name: [figure(mention.name, "Driver and Vehicle Licensing Agency", "suspended", 9),
                       figure(mention.name, "Driver and Vehicle Licensing Agency", "dismissed", 2), passing],
    }
    found, _ = groups([hmrc, mention], figures)
    assert found == sorted([[hmrc.name], [mention.name]])
    # the same figure stated as the document's own news does join
    figures[mention.name][2] = passing.model_copy(update={"evidence": "Six HMRC employees were dismissed."})
    figures[mention.name] += [figure(mention.name, HMRC, "written_warning", 19)]
    found, _ = groups([hmrc, mention], figures)
    assert found == [sorted([hmrc.name, mention.name])]


def test_the_same_body_and_subject_with_nothing_apart_is_one_story():
    a, b = doc("same_body_a.txt"), doc("same_body_b.txt")
    found, (story,) = groups([a, b])
    assert found == [sorted([a.name, b.name])]
    (link,) = story.links
    assert link.relation == "same_body" and "Cornwall Fire and Rescue Service" in link.evidence
    # ... but not when they report different figures of their own about it
    figures = {a.name: [figure(a.name, "Cornwall Fire and Rescue Service", "written_warning", 1),
                        figure(a.name, "Cornwall Fire and Rescue Service", "suspended", 2)],
               b.name: [figure(b.name, "Cornwall Fire and Rescue Service", "written_warning", 4),
                        figure(b.name, "Cornwall Fire and Rescue Service", "dismissed", 3)]}
    found, _ = groups([a, b], figures)
    assert len(found) == 2


def test_a_figure_one_recalls_from_the_others_news_keeps_them_apart():
    a, b = doc("same_body_a.txt"), doc("same_body_b.txt")
    figures = {a.name: [figure(a.name, "Cornwall Fire and Rescue Service", "suspended", 5)],
               b.name: [figure(b.name, "Cornwall Fire and Rescue Service", "suspended", 5,
                               evidence="It follows the suspension of five firefighters last year.")]}
    found, _ = groups([a, b], figures)
    assert len(found) == 2


def test_a_document_mentioning_a_later_date_is_a_later_story():
    a = doc("same_body_a.txt", date(2019, 2, 1))
    later = Document(text=(REQUESTS / "same_body_b.txt").read_text(encoding="utf-8")
                     + "\nThe authority met again on 14 October 2020 to review the case.",
                     source="later.txt", format="text")
    found, _ = groups([a, later])
    assert len(found) == 2
    assert story_profile(later).not_before == date(2020, 10, 14)


def test_figures_set_side_by_side_are_not_background():
    side = figure("x.txt", HMRC, "dismissed", 3, evidence="Meanwhile, three HMRC staff were sacked.")
    assert not is_background(side)
