"""Shared fixtures for the stories tests."""

from __future__ import annotations

import pytest

from disclosed.model import Document

from .documents import HMRC_DOCS, load


@pytest.fixture
def hmrc_docs() -> list[Document]:
    return [load(n) for n in HMRC_DOCS]
