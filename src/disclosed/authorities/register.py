"""The register of UK public bodies: loading the CSV data once and looking bodies up by name or mention."""

from __future__ import annotations

import csv
import io
import tomllib
from collections.abc import Iterator
from functools import cache, cached_property
from importlib import resources
from pathlib import Path

from pydantic import ValidationError
from rapidfuzz import fuzz, process

from disclosed.authorities.mentions import Mention, MentionFinder
from disclosed.authorities.names import name_key, spelled_forms
from disclosed.authorities.places import PlaceIndex, build_place_index
from disclosed.authorities.resolve import Resolver
from disclosed.errors import InvalidInputError
from disclosed.model import Authority

COLUMNS = (
    "official_name",
    "kind",
    "nation",
    "tier",
    "aliases",
    "headcount",
    "headcount_year",
    "headcount_source",
    "successor",
    "parent",
)


class Register:
    """Every registered body, with the lookups the extractor and the CLI need."""

    def __init__(
        self,
        authorities: list[Authority],
        case_bound: frozenset[str] = frozenset(),
        ambiguous: frozenset[str] = frozenset(),
    ) -> None:
        self._all = list(authorities)
        self._ambiguous = frozenset(name_key(n) for n in ambiguous)
        self._by_name = {name_key(a.official_name): a for a in self._all}
        forms: list[tuple[str, Authority]] = []
        for a in self._all:
            for name in (a.official_name, *a.aliases):
                forms.extend((form, a) for form in spelled_forms(name))
        self._resolver = Resolver(forms)
        self._finder = MentionFinder(forms, case_bound)
        self._search_keys = [name_key(form) for form, _ in forms]
        self._search_owner = [a for _, a in forms]
        self._resolved: dict[str, Authority | None] = {}

    def __iter__(self) -> Iterator[Authority]:
        return iter(self._all)

    def __len__(self) -> int:
        return len(self._all)

    @cached_property
    def places(self) -> PlaceIndex:
        """The places the bodies serve ("Kent" -> Kent Police, Kent County Council, ...), built once."""
        return build_place_index(self._all)

    def by_name(self, official_name: str) -> Authority | None:
        """The body with this official name (case, "the", "&" and punctuation aside)."""
        return self._by_name.get(name_key(official_name))

    def of_kind(self, kind: str) -> list[Authority]:
        """Every body of one kind ("police_force"), in register order."""
        return [a for a in self._all if a.kind == kind]

    def resolve(self, mention: str) -> Authority | None:
        """The body a mention names ("DWP", "the Met", "Metropolitian Police"), or None if unsure."""
        if mention in self._resolved:
            return self._resolved[mention]
        if name_key(mention) in self._ambiguous:
            body = None
        else:
            body = self._resolver.exact(mention) or self._resolver.fuzzy(mention)
        if len(self._resolved) >= 50_000:  # the press names the same few bodies again and again
            self._resolved.clear()
        self._resolved[mention] = body
        return body

    def is_near_match(self, mention: str) -> bool:
        """Whether `resolve(mention)` found its body by a fuzzy match rather than a listed name."""
        return self.resolve(mention) is not None and self._resolver.exact(mention) is None

    def find_mentions(self, text: str) -> list[Mention]:
        """Every registered body named in `text`: longest names win, no overlaps, in text order."""
        return self._finder.find(text)

    def search(self, query: str, limit: int = 20) -> list[Authority]:
        """Bodies whose name or an alias contains the query, best first, then close fuzzy matches."""
        key = name_key(query)
        if not key:
            return []
        ranked: dict[str, tuple[float, Authority]] = {}

        def offer(score: float, authority: Authority) -> None:
            current = ranked.get(authority.official_name)
            if current is None or score > current[0]:
                ranked[authority.official_name] = (score, authority)

        for k, a in zip(self._search_keys, self._search_owner, strict=True):
            if k == key:
                offer(300, a)
            elif k.startswith(key):
                offer(200 - len(k) / 100, a)
            elif f" {key}" in f" {k}":
                offer(150 - len(k) / 100, a)
        if len(ranked) < limit:
            for _, score, i in process.extract(
                key, self._search_keys, scorer=fuzz.WRatio, score_cutoff=85, limit=limit
            ):
                offer(score, self._search_owner[i])
        best = sorted(ranked.values(), key=lambda pair: (-pair[0], pair[1].official_name))
        return [a for _, a in best[:limit]]


def _optional_int(value: str, field: str, where: str) -> int | None:
    if not value.strip():
        return None
    try:
        return int(value.replace(",", "").strip())
    except ValueError:
        raise InvalidInputError(f"{where} {field}", f"not a whole number: {value!r}") from None


def read_authorities(path: Path | str, text: str | None = None) -> list[Authority]:
    """The bodies listed in one register CSV. Lines starting with "#" are comments."""
    name = str(path)
    if text is None:
        text = Path(path).read_text("utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise InvalidInputError(name, f"columns must be {', '.join(COLUMNS)}")
    out = []
    for row in reader:
        where = f"{name}: {row['official_name']!r}"
        if None in row or any(v is None for v in row.values()):
            raise InvalidInputError(where, "wrong number of cells")
        try:
            out.append(
                Authority(
                    official_name=row["official_name"].strip(),
                    kind=row["kind"].strip(),
                    nation=row["nation"].strip(),
                    tier=row["tier"].strip() or None,
                    aliases=tuple(a.strip() for a in row["aliases"].split(";") if a.strip()),
                    headcount=_optional_int(row["headcount"], "headcount", where),
                    headcount_year=_optional_int(row["headcount_year"], "headcount_year", where),
                    headcount_source=row["headcount_source"].strip() or None,
                    successor=row["successor"].strip() or None,
                    parent=row["parent"].strip() or None,
                )
            )
        except ValidationError as err:
            first = err.errors()[0]
            field = ".".join(str(p) for p in first["loc"])
            raise InvalidInputError(f"{where} {field}", first["msg"]) from None
    return out


def data_files() -> list[tuple[str, str]]:
    """(name, text) of every register CSV shipped with the package."""
    folder = resources.files(__package__).joinpath("data")
    return sorted((f.name, f.read_text("utf-8")) for f in folder.iterdir() if f.name.endswith(".csv"))


def _data_toml(name: str) -> dict:
    return tomllib.loads(resources.files(__package__).joinpath(f"data/{name}").read_text("utf-8"))


def case_bound_words() -> frozenset[str]:
    """Ordinary words that count as part of a name only when capitalised ("Met")."""
    return frozenset(w.lower() for w in _data_toml("casing.toml")["case_bound"])


def ambiguous_names() -> frozenset[str]:
    """Names that stand for more than one body and are never resolved."""
    return frozenset(_data_toml("ambiguous.toml")["names"])


@cache
def get_register() -> Register:
    """The register built from the shipped data, loaded on first use and then shared."""
    authorities = [
        a for name, text in data_files() for a in read_authorities(f"authorities/data/{name}", text)
    ]
    return Register(authorities, case_bound_words(), ambiguous_names())
