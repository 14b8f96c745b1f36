"""Gold annotation files: one JSON file per article with its annotated meetings.

The format is the one of the annotation guide (``GOLD_FORMAT.md``); ``load_gold`` reads files
or folders of them and refuses malformed ones with an ``InvalidInputError`` naming the file::

    from diplomeet.gold import load_gold

    articles = load_gold("my_gold/")
    articles[0].meetings[0].participants
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import datetime
from os import PathLike
from pathlib import Path
from typing import Any, Union

from diplomeet.errors import InvalidInputError
from diplomeet.models import Article, Participant

__all__ = ["GoldArticle", "GoldMeeting", "KINDS", "STATUSES", "load_gold"]

PathArg = Union[str, "PathLike[str]"]

STATUSES = ("occurred", "planned", "proposed", "cancelled")
KINDS = ("in_person", "phone", "video")


@dataclass(frozen=True)
class GoldMeeting:
    """One annotated meeting of a gold article."""

    event_id: str
    participants: tuple[Participant, ...]
    status: str
    date: Date | None = None
    date_end: Date | None = None
    date_text: str | None = None
    location: str | None = None
    kind: str = "in_person"
    optional: bool = False
    evidence: str | None = None


@dataclass(frozen=True)
class GoldArticle:
    """One gold file: the article and its annotated meetings."""

    id: str
    text: str
    meetings: tuple[GoldMeeting, ...]
    published: Date | datetime | None = None
    url: str | None = None
    title: str | None = None
    path: Path | None = field(default=None, compare=False)

    def to_article(self) -> Article:
        """The article as the extractor's input model."""
        return Article(
            id=self.id, text=self.text, published=self.published, url=self.url, title=self.title
        )


def load_gold(paths: PathArg | Iterable[PathArg]) -> list[GoldArticle]:
    """Read gold files (or folders of them) into ``GoldArticle`` objects.

    Args:
        paths: a JSON file, a folder, or an iterable of those. A folder contributes its
            ``*.gold.json`` files, or all its ``*.json`` files when it has no ``*.gold.json``.

    Raises:
        InvalidInputError: a path is missing, a file is not valid JSON, or an annotation lacks
            a required key or holds a value of the wrong form; the message names the file.
    """
    files = _gold_files(paths)
    articles = [_read_gold_file(path) for path in files]
    seen: dict[str, Path | None] = {}
    for art in articles:
        if art.id in seen:
            raise InvalidInputError(
                f"article id {art.id!r} appears in both {seen[art.id]} and {art.path}; "
                "give every gold article its own id"
            )
        seen[art.id] = art.path
    return articles


def _gold_files(paths: PathArg | Iterable[PathArg]) -> list[Path]:
    if isinstance(paths, (str, PathLike)):
        paths = [paths]
    try:
        items = [Path(p) for p in paths]  # type: ignore[union-attr]
    except TypeError as exc:
        raise TypeError(
            f"paths must be a path or an iterable of paths, got {type(paths).__name__}"
        ) from exc
    if not items:
        raise InvalidInputError("no gold paths given")
    files: list[Path] = []
    for path in items:
        if path.is_dir():
            found = sorted(path.glob("*.gold.json")) or sorted(path.glob("*.json"))
            if not found:
                raise InvalidInputError(f"{path}: folder holds no *.gold.json or *.json files")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise InvalidInputError(f"{path}: no such gold file or folder")
    return files


def _read_gold_file(path: Path) -> GoldArticle:
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInputError(f"{path}: cannot read gold file ({exc})") from exc
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InvalidInputError(f"{path}: not valid JSON ({exc})") from exc
    return _parse_gold(data, path)


def _parse_gold(data: Any, path: Path) -> GoldArticle:
    where = str(path)
    if not isinstance(data, dict):
        raise InvalidInputError(f"{where}: a gold file holds one JSON object (an article)")
    art_id = _require(data, "id", str, where)
    if "text" in data and data["text"] is not None:
        text = _require(data, "text", str, where)
    elif data.get("text_file"):
        name = _require(data, "text_file", str, where)
        text_path = path.parent / name
        try:
            text = text_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InvalidInputError(
                f"{where}: cannot read its text_file {text_path} ({exc})"
            ) from exc
    else:
        raise InvalidInputError(f"{where}: needs 'text' or 'text_file' (a file beside the JSON)")
    meetings_raw = _require(data, "meetings", list, where)
    meetings = tuple(
        _parse_meeting(m, f"{where}: meetings[{i}]") for i, m in enumerate(meetings_raw)
    )
    event_ids = [m.event_id for m in meetings]
    duplicates = sorted({e for e in event_ids if event_ids.count(e) > 1})
    if duplicates:
        raise InvalidInputError(
            f"{where}: event_id {duplicates[0]!r} is used twice; one article reports an event "
            "once (merge the annotations)"
        )
    return GoldArticle(
        id=art_id,
        text=text,
        meetings=meetings,
        published=_parse_published(data.get("published"), where),
        url=_optional(data, "url", str, where),
        title=_optional(data, "title", str, where),
        path=path,
    )


def _parse_meeting(data: Any, where: str) -> GoldMeeting:
    if not isinstance(data, dict):
        raise InvalidInputError(f"{where}: a meeting is a JSON object")
    event_id = _require(data, "event_id", str, where)
    where = f"{where} ({event_id})"
    people = _require(data, "participants", list, where)
    if len(people) < 2:
        raise InvalidInputError(f"{where}: a meeting needs two or more participants")
    participants = tuple(
        _parse_participant(p, f"{where}: participants[{i}]") for i, p in enumerate(people)
    )
    status = _require(data, "status", str, where)
    if status not in STATUSES:
        raise InvalidInputError(f"{where}: status {status!r} is not one of {', '.join(STATUSES)}")
    kind = _optional(data, "kind", str, where) or "in_person"
    if kind not in KINDS:
        raise InvalidInputError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    named = sum(1 for p in participants if p.name)
    optional = data.get("optional")
    if optional is None:
        optional = named < 2
    elif not isinstance(optional, bool):
        raise InvalidInputError(f"{where}: 'optional' must be true or false")
    elif not optional and named < 2:
        raise InvalidInputError(
            f"{where}: fewer than two participants are named, so the meeting must be "
            "\"optional\": true"
        )
    return GoldMeeting(
        event_id=event_id,
        participants=participants,
        status=status,
        date=_parse_day(data.get("date"), f"{where}: date"),
        date_end=_parse_day(data.get("date_end"), f"{where}: date_end"),
        date_text=_optional(data, "date_text", str, where),
        location=_optional(data, "location", str, where),
        kind=kind,
        optional=optional,
        evidence=_optional(data, "evidence", str, where),
    )


def _parse_participant(data: Any, where: str) -> Participant:
    if not isinstance(data, dict):
        raise InvalidInputError(f"{where}: a participant is a JSON object")
    aliases = data.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise InvalidInputError(f"{where}: 'aliases' must be a list of strings")
    name = _optional(data, "name", str, where) or None
    return Participant(
        name=name,
        aliases=aliases,
        role=_optional(data, "role", str, where),
        country=_optional(data, "country", str, where),
        country_code=_optional(data, "country_code", str, where),
    )


def _require(data: dict[str, Any], key: str, kind: type, where: str) -> Any:
    if key not in data or data[key] is None:
        raise InvalidInputError(f"{where}: missing required key {key!r}")
    return _optional(data, key, kind, where)


def _optional(data: dict[str, Any], key: str, kind: type, where: str) -> Any:
    value = data.get(key)
    if value is not None and not isinstance(value, kind):
        raise InvalidInputError(
            f"{where}: {key!r} must be a {kind.__name__}, got {type(value).__name__}"
        )
    return value


def _parse_day(value: Any, where: str) -> Date | None:
    if value is None:
        return None
    try:
        return Date.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"{where}: {value!r} is not an ISO day (YYYY-MM-DD)") from exc


def _parse_published(value: Any, where: str) -> Date | datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        try:
            if len(text) == 10:
                return Date.fromisoformat(text)
            if text.endswith(("Z", "z")):
                text = text[:-1] + "+00:00"
            return datetime.fromisoformat(text)
        except ValueError:
            pass
    raise InvalidInputError(f"{where}: 'published' {value!r} is not an ISO date or datetime")
