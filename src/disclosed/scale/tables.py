"""Models to Arrow tables and back, with the columns of their JSON output (`model_dump(mode="json")`).

Scalars keep their JSON type (dates as ISO strings); lists, dicts and nested models are JSON text.
The schema comes from the model's fields, so every task writes the same schema whatever it found,
and an empty table is still a valid part of its dataset. Rows of a document's figures, policy facts
and statements also carry `document_sha256`, the content hash of the document they were read from.
"""

from __future__ import annotations

import json
import types
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin

import pyarrow as pa
from pydantic import BaseModel

from disclosed.model import Document, Figure, PolicyFact, Statement

DOCUMENT_KEY = "document_sha256"
KINDS: dict[str, type[BaseModel]] = {
    "documents": Document,
    "figures": Figure,
    "policies": PolicyFact,
    "statements": Statement,
}


def _arrow_type(annotation: Any) -> pa.DataType | None:
    """The Arrow type of a field's JSON value; None when it is kept as JSON text."""
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        kinds = {_arrow_type(a) for a in get_args(annotation) if a is not type(None)}
        return kinds.pop() if len(kinds) == 1 else None
    if origin is Literal:
        values = get_args(annotation)
        return pa.string() if all(isinstance(v, str) for v in values) else None
    if isinstance(annotation, type):
        if issubclass(annotation, bool):
            return pa.bool_()
        if issubclass(annotation, Enum) and issubclass(annotation, str):
            return pa.string()
        if issubclass(annotation, int):
            return pa.int64()
        if issubclass(annotation, float):
            return pa.float64()
        if issubclass(annotation, str | date | datetime):
            return pa.string()
    return None


@cache
def _layout(model: type[BaseModel], keyed: bool) -> tuple[pa.Schema, frozenset[str]]:
    fields, as_json = [], set()
    for name, info in model.model_fields.items():
        kind = _arrow_type(info.annotation)
        if kind is None:
            as_json.add(name)
            kind = pa.string()
        fields.append(pa.field(name, kind))
    if keyed:
        fields.append(pa.field(DOCUMENT_KEY, pa.string()))
    return pa.schema(fields), frozenset(as_json)


def schema(kind: str) -> pa.Schema:
    return _layout(KINDS[kind], kind != "documents")[0]


def to_table(kind: str, items: list[BaseModel], keys: list[str] | None = None) -> pa.Table:
    """A table of `items` (all of the model of `kind`); `keys` are their documents' sha256."""
    layout, as_json = _layout(KINDS[kind], kind != "documents")
    rows = []
    for i, item in enumerate(items):
        row = item.model_dump(mode="json")
        for name in as_json:
            row[name] = json.dumps(row[name], ensure_ascii=False)
        if keys is not None:
            row[DOCUMENT_KEY] = keys[i]
        rows.append(row)
    return pa.Table.from_pylist(rows, schema=layout)


def from_rows(kind: str, rows: list[dict[str, Any]]) -> list[BaseModel]:
    """The models of `kind` back from table rows (`Table.to_pylist()`); the key column is dropped."""
    model = KINDS[kind]
    _, as_json = _layout(model, kind != "documents")
    out = []
    for row in rows:
        values = {k: v for k, v in row.items() if k in model.model_fields}
        for name in as_json & values.keys():
            if values[name] is not None:
                values[name] = json.loads(values[name])
        out.append(model.model_validate(values))
    return out
