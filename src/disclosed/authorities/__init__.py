"""The register of UK public bodies and the resolver from a mention ("DWP", "the Met") to an official name."""

from disclosed.authorities.mentions import Mention
from disclosed.authorities.references import kind_of_reference, reference_words
from disclosed.authorities.register import Register, get_register, read_authorities
from disclosed.model import Authority


def resolve_authority(mention: str) -> Authority | None:
    """The registered body a mention names ("DWP" -> Department for Work and Pensions), or None."""
    return get_register().resolve(mention)


def find_authority_mentions(text: str) -> list[Mention]:
    """Every registered body named in a text, longest names first, no overlaps, in text order."""
    return get_register().find_mentions(text)


__all__ = [
    "Authority",
    "Mention",
    "Register",
    "find_authority_mentions",
    "get_register",
    "kind_of_reference",
    "read_authorities",
    "reference_words",
    "resolve_authority",
]
