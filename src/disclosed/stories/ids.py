"""Stable story ids: a story keeps its id when it is regrouped, grows, merges or splits.

Pure: given which story each document was in before and the groups found now, say which id each
group takes and which old ids now redirect to another. The store persists the result.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field


@dataclass
class StoryIds:
    """The id of each new group (in the order given) and the old ids that now point elsewhere."""

    ids: list[str]
    redirects: dict[str, str] = field(default_factory=dict)  # old id -> the id it merged into
    created: list[str] = field(default_factory=list)  # ids given for the first time


def assign_story_ids(
    groups: Sequence[Sequence[str]],
    previous: Mapping[str, str],
    age: Mapping[str, int],
    new_id: Callable[[Sequence[str]], str],
    taken: frozenset[str] | set[str] = frozenset(),
) -> StoryIds:
    """Ids for `groups` (lists of document keys).

    `previous` maps a document to the story id it had; `age` ranks every id ever given (lower is
    older); `new_id(group)` proposes an id for a group that inherits none; `taken` are ids that
    exist or existed (redirected ones included) and cannot be given again.

    - An old story's id goes to the group now holding most of its documents (ties: the group
      whose first document sorts first), so when a story splits, the biggest part keeps the id.
    - A group inheriting several ids (stories merged) keeps the oldest; the others redirect to it.
    - A group inheriting none gets `new_id(group)`, made unique against every id in use.
    """
    share: dict[str, Counter[int]] = {}
    for i, group in enumerate(groups):
        for doc in group:
            old = previous.get(doc)
            if old is not None:
                share.setdefault(old, Counter())[i] += 1
    heirs: dict[int, list[str]] = {}
    for old, counts in share.items():
        best = min(counts, key=lambda i: (-counts[i], min(groups[i])))
        heirs.setdefault(best, []).append(old)
    ids: list[str] = []
    redirects: dict[str, str] = {}
    created: list[str] = []
    used = set(taken) | set(share)
    for i, group in enumerate(groups):
        inherited = sorted(heirs.get(i, ()), key=lambda x: (age.get(x, len(age)), x))
        if inherited:
            keep = inherited[0]
            for other in inherited[1:]:
                redirects[other] = keep
            ids.append(keep)
            continue
        proposed = base = new_id(group)
        n = 2
        while proposed in used:
            proposed, n = f"{base}-{n}", n + 1
        used.add(proposed)
        ids.append(proposed)
        created.append(proposed)
    return StoryIds(ids=ids, redirects=redirects, created=created)


def resolve(story_id: str, redirects: Mapping[str, str]) -> str:
    """The id a story has now, following redirects (merged into, merged again ...)."""
    seen = {story_id}
    while story_id in redirects:
        story_id = redirects[story_id]
        if story_id in seen:  # a cycle can only come from hand-edited data: stop where it loops
            break
        seen.add(story_id)
    return story_id


__all__ = ["StoryIds", "assign_story_ids", "resolve"]
