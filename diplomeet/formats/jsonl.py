"""JSON Lines storage of meetings: one ``Meeting.model_dump(mode="json")`` per line."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from typing import IO, Union

from pydantic import ValidationError

from diplomeet.errors import InvalidInputError
from diplomeet.formats._common import as_meetings, write_to
from diplomeet.models import Meeting

PathOrFile = Union[str, "os.PathLike[str]", IO[str]]


def write_jsonl(meetings: Iterable[Meeting], path_or_file: PathOrFile) -> int:
    """Write meetings as JSON Lines, one meeting per line (UTF-8).

    Args:
        meetings: The meetings to write.
        path_or_file: A file path (created or overwritten) or an open text file.

    Returns:
        The number of meetings written.
    """
    items = as_meetings(meetings, func="write_jsonl")
    lines = (json.dumps(m.model_dump(mode="json"), ensure_ascii=False) + "\n" for m in items)

    def write(fh: IO[str]) -> int:
        fh.writelines(lines)
        return len(items)

    return write_to(path_or_file, write, func="write_jsonl")


def read_jsonl(path_or_file: PathOrFile) -> list[Meeting]:
    """Read meetings written by :func:`write_jsonl`; blank lines are skipped.

    Args:
        path_or_file: A file path or an open text file.

    Returns:
        The meetings, validated.

    Raises:
        InvalidInputError: A line is not JSON or not a valid meeting (the message names the line).
    """
    if isinstance(path_or_file, (str, os.PathLike)):
        name = os.fspath(path_or_file)
        with open(path_or_file, encoding="utf-8") as fh:
            return _read(fh, name)
    if hasattr(path_or_file, "read"):
        return _read(path_or_file, getattr(path_or_file, "name", "<stream>"))
    raise TypeError(
        f"read_jsonl() needs a path or an open text file, got {type(path_or_file).__name__}"
    )


def _read(lines: Iterable[str], name: str) -> list[Meeting]:
    out: list[Meeting] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InvalidInputError(f"{name}, line {number}: not valid JSON ({exc.msg})") from None
        try:
            out.append(Meeting.model_validate(data))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(x) for x in first.get("loc", ())) or "record"
            raise InvalidInputError(
                f"{name}, line {number}: not a meeting ({where}: {first.get('msg')})"
            ) from None
    return out
