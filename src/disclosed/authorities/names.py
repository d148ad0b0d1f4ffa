"""How names of public bodies are normalised: tokens, lookup keys and the spellings an alias stands for."""

from __future__ import annotations

import re
import unicodedata

WORD = re.compile(r"\w+")
_POSSESSIVE_END = re.compile(r"['\u2019]s\s*$")

_HONORIFICS = (("her", "majesty", "s"), ("his", "majesty", "s"), ("her", "majestys"), ("his", "majestys"))


def name_tokens(name: str) -> list[str]:
    """Lower-case word tokens of a name, "&" read as "and", a leading "the" dropped."""
    text = _POSSESSIVE_END.sub("", unicodedata.normalize("NFKC", name)).replace("&", " and ").lower()
    tokens = WORD.findall(text)
    while tokens and tokens[0] == "the":
        tokens = tokens[1:]
    return tokens


def written_words(name: str) -> list[str]:
    """The words of a name as written (case kept), a final possessive and a leading "the" dropped."""
    words = WORD.findall(_POSSESSIVE_END.sub("", unicodedata.normalize("NFKC", name)))
    while words and words[0].lower() == "the":
        words = words[1:]
    return words


def canonical_tokens(tokens: list[str]) -> list[str]:
    """Tokens with "Her/His Majesty's" (and "H.M.") folded to "hm", so the forms share one key."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for form in _HONORIFICS:
            if tuple(tokens[i : i + len(form)]) == form:
                out.append("hm")
                i += len(form)
                break
        else:
            if tokens[i] == "h" and i + 1 < len(tokens) and tokens[i + 1] == "m":
                out.append("hm")
                i += 2
            else:
                out.append(tokens[i])
                i += 1
    return out


def name_key(name: str) -> str:
    """The key two spellings of one name share: "the H.M. Revenue & Customs" -> "hm revenue and customs"."""
    return " ".join(canonical_tokens(name_tokens(name)))


def spelled_forms(alias: str) -> list[str]:
    """The ways an alias is written in running text: "HM X" is also "Her Majesty's X", "His Majesty's X"."""
    forms = [alias]
    stripped = re.sub(r"^(?:the\s+)", "", alias, flags=re.IGNORECASE)
    if stripped != alias:
        forms = [stripped]
    if stripped.startswith("HM "):
        rest = stripped[3:]
        forms += [f"Her Majesty's {rest}", f"His Majesty's {rest}"]
    return forms


def is_acronym(token: str) -> bool:
    """A token written with a capital after its first letter ("DWP", "MoJ", "DfT", "NHS")."""
    return any(c.isupper() for c in token[1:])
