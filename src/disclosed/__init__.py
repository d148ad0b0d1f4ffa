"""disclosed: FOI disclosures about staff disciplined for social-media misuse, made a verified dataset."""

from __future__ import annotations

import importlib
import sys
import types
from datetime import date
from typing import Any

from disclosed.errors import DisclosedError
from disclosed.model import Document, Figure, Table

__version__ = "0.1.0"


class _Extract:
    """`disclosed.extract`: call it for the figures a text states; it is also the `disclosed.extract`
    package (attributes such as `disclosed.extract.extract_document` come from there).

    Python sets a subpackage as an attribute of its parent when it is imported, which would
    replace the function by the module; this object is both, so the call works whatever has been
    imported, in any order."""

    __name__ = "extract"
    __qualname__ = "extract"

    def __call__(self, text: str, published: date | None = None) -> list[Figure]:
        """Every figure the text states, with its evidence. See `disclosed.extract.figures`."""
        return importlib.import_module("disclosed.extract").extract_figures(text, published=published)

    @property
    def __doc__(self) -> str | None:  # type: ignore[override]
        return type(self).__call__.__doc__

    def __getattr__(self, name: str) -> Any:
        return getattr(importlib.import_module("disclosed.extract"), name)

    def __dir__(self) -> list[str]:
        return dir(importlib.import_module("disclosed.extract"))

    def __repr__(self) -> str:
        return "<function disclosed.extract(text, published=None)>"


extract = _Extract()


class _Package(types.ModuleType):
    def __setattr__(self, name: str, value: Any) -> None:
        if name == "extract" and isinstance(value, types.ModuleType):
            return  # the submodule stays in sys.modules; `disclosed.extract` stays callable
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

__all__ = ["DisclosedError", "Document", "Figure", "Table", "extract", "__version__"]
