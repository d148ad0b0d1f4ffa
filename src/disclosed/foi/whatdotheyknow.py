"""WhatDoTheyKnow (Alaveteli): its authorities list (`all-authorities.csv`) as bodies kept in the
store beside the packaged register, and a request's JSON (`/request/<url_title>.json`) as a
tracked request with its history and, given the files, its responses. Both imports are
idempotent: a second import of the same file adds nothing. This module reads the files; the
imports that store what they say are disclosed.runs.whatdotheyknow's.

The formats are Alaveteli's: PublicBodyCSV's columns ("Internal ID", "Name", "Short name",
"URL name", "Tags", "Home page", ...) and InfoRequest#json_for_api(deep) (url_title, title,
created_at, described_state, law_used, public_body {url_name, name, short_name, tags},
user {name}, info_request_events [{id, event_type, created_at, described_state}]).
"""

from __future__ import annotations

import csv
import io
import json
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from importlib import resources
from pathlib import Path

from disclosed.authorities.names import is_acronym, name_key
from disclosed.errors import InvalidInputError
from disclosed.foi.records import FoiRequest, Law, StatusChange
from disclosed.foi.statuses import transitions
from disclosed.model import WdtkBody

SOURCE = "whatdotheyknow"
CSV_COLUMNS = ("Name", "URL name")  # the columns an authorities list must have


@cache
def _data() -> dict:
    with resources.files("disclosed.foi").joinpath("whatdotheyknow.toml").open("rb") as f:
        return tomllib.load(f)


def short_name_is_alias(name: str, short_name: str | None) -> bool:
    """Whether a body's short name may stand for it: an acronym ("DWP") or a name with a body noun
    ("Kent Police"); a bare place name ("Kent" for Kent County Council) is a display name only."""
    if not short_name or not short_name.strip() or name_key(short_name) == name_key(name):
        return False
    words = short_name.split()
    if len(words) == 1 and (is_acronym(words[0]) or (words[0].isupper() and len(words[0]) > 1)):
        return True
    nouns = set(_data()["body_nouns"])
    return any(w.lower().strip(".,()") in nouns for w in words)


def _nation(tags: Sequence[str]) -> str | None:
    lookup = _data()["nation_tags"]
    for tag in tags:
        found = lookup.get(tag.lower())
        if found:
            return found
    return None


def read_authorities_csv(path: Path) -> list[WdtkBody]:
    """The bodies of an `all-authorities.csv`; a file without the Name and URL name columns, or a
    row without a name or URL name, is an InvalidInputError naming the file and line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise InvalidInputError(
            "file", f"cannot read {path} ({getattr(err, 'strerror', None) or err})"
        ) from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise InvalidInputError(
            "file", f"{path}: not an all-authorities.csv (no {', '.join(missing)} column)"
        )
    out: list[WdtkBody] = []
    seen: set[str] = set()
    for row in reader:
        name = (row.get("Name") or "").strip()
        url_name = (row.get("URL name") or "").strip()
        if not name or not url_name:
            raise InvalidInputError("file", f"{path}:{reader.line_num}: a body needs a Name and a URL name")
        if url_name in seen:
            continue
        seen.add(url_name)
        short = (row.get("Short name") or "").strip() or None
        tags = (row.get("Tags") or "").split()
        out.append(
            WdtkBody(
                url_name=url_name,
                name=name,
                name_key=name_key(name),
                short_name=short,
                short_name_is_alias=short_name_is_alias(name, short),
                tags=tags,
                home_page=(row.get("Home page") or "").strip() or None,
                nation=_nation(tags),
                source=SOURCE,
            )
        )
    return out


# -- requests -----------------------------------------------------------------------------------------



def _day(value: object, field: str, where: str) -> date:
    if not isinstance(value, str):
        raise InvalidInputError(field, f"{where}: expected a date, got {value!r}")
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        raise InvalidInputError(field, f"{where}: expected a date, got {value!r}") from None


def read_request_json(path: Path) -> dict:
    """A request's JSON as Alaveteli serves it, checked for the fields an import needs."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise InvalidInputError(
            "file", f"cannot read {path} ({getattr(err, 'strerror', None) or err})"
        ) from None
    except json.JSONDecodeError as err:
        raise InvalidInputError("file", f"{path}: not JSON ({err.msg}, line {err.lineno})") from None
    if not isinstance(data, dict):
        raise InvalidInputError("file", f"{path}: expected a request object")
    for key in ("url_title", "title", "public_body", "info_request_events"):
        if key not in data:
            raise InvalidInputError("file", f"{path}: not an Alaveteli request (no {key!r})")
    if not isinstance(data["public_body"], dict) or not data["public_body"].get("name"):
        raise InvalidInputError("file", f"{path}: the request's public_body has no name")
    if not isinstance(data["info_request_events"], list):
        raise InvalidInputError("file", f"{path}: info_request_events is not a list")
    return data


def _law(data: dict, nation: str | None) -> Law:
    used = _data()["laws"].get(str(data.get("law_used") or "foi").lower(), "foia")
    if nation == "Scotland":
        return "eisr" if used == "eir" else "foisa"
    return used


def _history(data: dict, path: Path) -> tuple[list[StatusChange], list[str], date | None]:
    """The status history the events tell (sent, then each described state in turn, keeping only
    the moves the tracker allows), the event keys, and the day the request was first sent."""
    states = _data()["states"]
    allowed = transitions()
    events = sorted(data["info_request_events"], key=lambda e: (str(e.get("created_at")), e.get("id", 0)))
    created = _day(
        data.get("created_at") or (events[0].get("created_at") if events else None), "created_at", str(path)
    )
    history = [StatusChange(status="draft", on=created, note="imported from WhatDoTheyKnow")]
    keys: list[str] = []
    sent: date | None = None
    for event in events:
        if not isinstance(event, dict) or "id" not in event:
            raise InvalidInputError("info_request_events", f"{path}: an event without an id")
        keys.append(f"event:{event['id']}")
        on = _day(event.get("created_at"), "created_at", f"{path}: event {event['id']}")
        on = max(on, history[-1].on)
        kind = event.get("event_type")
        status = None
        if kind == "sent" and sent is None:
            sent, status = on, "sent"
        elif event.get("described_state") in states:
            status = states[event["described_state"]]
        if status and status != history[-1].status and status in allowed[history[-1].status]:
            history.append(
                StatusChange(status=status, on=on, note=f"WhatDoTheyKnow event {event['id']} ({kind})")
            )
    return history, keys, sent


@dataclass(frozen=True)
class WdtkRequest:
    """What a request's JSON says: the key it is imported under, the request as the tracker keeps it
    (history from the events), and the keys of its events."""

    key: str
    request: FoiRequest
    event_keys: list[str]


def read_request(path: Path) -> WdtkRequest:
    """A request's JSON as a tracked request: the body (as WhatDoTheyKnow names it), the law, the
    requester, the history its events tell. InvalidInputError naming the file when it is not one."""
    data = read_request_json(path)
    body = data["public_body"]
    tags = body.get("tags") or []
    tag_names = [t[0] if isinstance(t, list) and t else str(t) for t in tags]
    nation = _nation(tag_names)
    history, event_keys, sent = _history(data, path)
    user = data.get("user") or {}
    request = FoiRequest(
        authority=str(body["name"]),
        nation=nation,
        law=_law(data, nation),
        title=str(data["title"]),
        text=f"Imported from WhatDoTheyKnow: /request/{data['url_title']}",
        requester=(user.get("name") if isinstance(user, dict) else None) or data.get("user_name"),
        received=sent,
        reference=f"whatdotheyknow:{data['url_title']}",
        status=history[-1].status,
        history=history,
    )
    return WdtkRequest(key=f"request:{data['url_title']}", request=request, event_keys=event_keys)
