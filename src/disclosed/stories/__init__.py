"""Stories: near-duplicate documents, citations between outlets, and documents grouped by disclosure."""

from disclosed.stories.citations import find_citations
from disclosed.stories.grouping import StorySettings, group_into_stories
from disclosed.stories.near_duplicates import (
    DEFAULT_COPY_SETTINGS,
    CopyIndex,
    CopySettings,
    Fingerprint,
    find_copies,
    jaccard,
    normalise_for_shingles,
)

__all__ = [
    "DEFAULT_COPY_SETTINGS",
    "CopyIndex",
    "CopySettings",
    "Fingerprint",
    "StorySettings",
    "find_citations",
    "find_copies",
    "group_into_stories",
    "jaccard",
    "normalise_for_shingles",
]
