"""disclosed: FOI disclosures about staff disciplined for social-media misuse, made a verified dataset."""

from disclosed.errors import DisclosedError
from disclosed.model import Document, Figure, Table

__version__ = "0.1.0"


def extract(text: str, published=None) -> list[Figure]:
    """Every figure the text states, with its evidence. See `disclosed.extract.figures`."""
    from disclosed.extract import extract_figures

    return extract_figures(text, published=published)


__all__ = ["DisclosedError", "Document", "Figure", "Table", "extract", "__version__"]
