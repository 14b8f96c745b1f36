"""Article tables - CSV, Parquet, JSON Lines - streamed row by row as Articles."""

from __future__ import annotations

import csv
import json
import math
import os
import re
import sys
from collections import Counter
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from diplomeet.errors import InvalidInputError
from diplomeet.ingest._extra import require
from diplomeet.ingest.stream import ArticleStream, Skips
from diplomeet.models import Article

__all__ = ["read_articles", "table_format", "TABLE_FORMATS"]

#: file name ending -> table format
TABLE_FORMATS = {".csv": "csv", ".parquet": "parquet", ".jsonl": "jsonl", ".ndjson": "jsonl"}
_DEFAULT_COLUMNS = {"text": "text", "id": "id", "published": "published", "url": "url", "title": "title"}
# 20230619 or 20230619103000 (GDELT and many crawl databases)
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?$")


def read_articles(
    path: str | os.PathLike[str],
    *,
    text: str = "text",
    id: str = "id",
    published: str = "published",
    url: str = "url",
    title: str = "title",
    format: str | None = None,
    chunk_size: int = 10_000,
    skipped: Counter[str] | None = None,
) -> ArticleStream:
    """Stream the articles of a CSV, Parquet or JSON Lines table, one row at a time.

    Only ``chunk_size`` rows are held at once, whatever the size of the file. Name the columns
    when yours differ (``text="body", published="publish_date"``). The text column must exist;
    the others are used when present (a column you name explicitly must exist). A row without
    text, whose values do not make an article (an unreadable date), or a JSON Lines line that
    is not a JSON object is skipped and counted in the stream's ``skipped`` (``"no text"``,
    ``"invalid row"``, ``"malformed line"``); ``examples`` names the first row of each reason.

    Dates: ISO dates and date-times (``2023-06-19``, ``2023-06-19 10:30:00+02:00``), compact
    ``20230619``/``20230619103000`` values, and date/timestamp columns of a Parquet file.

    Args:
        path: The table file.
        text: The column holding the article text.
        id: The column holding the article id.
        published: The column holding the publication date or time.
        url: The column holding the URL.
        title: The column holding the headline.
        format: ``"csv"``, ``"parquet"`` or ``"jsonl"``; default: from the file name ending
            (``.csv``, ``.parquet``, ``.jsonl``, ``.ndjson``).
        chunk_size: Rows read at a time (Parquet).
        skipped: A counter to add the skips to; default a new one.

    Returns:
        An iterator of articles with ``.skipped`` (reason -> count) and ``.read``.

    Raises:
        InvalidInputError: Unknown format, a missing column (names the columns there are), a
            malformed file (raised on the first ``next()``).
        FileNotFoundError: No such file.
        MissingDependencyError: Parquet without ``pyarrow`` (the ``ingest`` extra).
    """
    columns = {"text": text, "id": id, "published": published, "url": url, "title": title}
    for field, column in columns.items():
        if not isinstance(column, str) or not column:
            raise TypeError(f"read_articles(): {field}= must be a column name, got {column!r}")
    if not isinstance(chunk_size, int) or isinstance(chunk_size, bool) or chunk_size < 1:
        raise ValueError(f"chunk_size must be a positive int, got {chunk_size!r}")
    path = Path(path)
    kind = format or table_format(path)
    if kind not in ("csv", "parquet", "jsonl"):
        raise InvalidInputError(
            f"{path}: unknown table format {kind!r}; use .csv, .parquet, .jsonl or format='csv'|'parquet'|'jsonl'"
        )
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file")
    if kind == "parquet":
        require("pyarrow.parquet", "read_articles() on Parquet")
    skips = Skips(skipped)
    rows = {"csv": _csv_rows, "parquet": _parquet_rows, "jsonl": _jsonl_rows}[kind](path, columns, chunk_size)
    return skips.stream(_articles(rows, columns, skips))


def table_format(path: str | os.PathLike[str]) -> str | None:
    """The table format of a file from its name (``"csv"``, ``"parquet"``, ``"jsonl"``), or None."""
    return TABLE_FORMATS.get(Path(path).suffix.lower())


# ----------------------------------------------------------------------------- rows


def _check_columns(path: Path, present: list[str], columns: Mapping[str, str]) -> None:
    wanted = [
        column for field, column in columns.items()
        if field == "text" or column != _DEFAULT_COLUMNS[field]
    ]
    missing = [c for c in wanted if c not in present]
    if missing:
        raise InvalidInputError(
            f"{path}: no column {', '.join(map(repr, missing))}; its columns are "
            f"{', '.join(map(repr, present)) or 'none'} (name yours with text=..., published=...)"
        )


def _csv_rows(path: Path, columns: Mapping[str, str], chunk_size: int) -> Iterator[tuple[str, dict[str, Any]]]:
    if csv.field_size_limit() < 2**31 - 1:  # article texts are longer than csv's 128 KiB default
        csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        try:
            _check_columns(path, list(reader.fieldnames or []), columns)
            for row in reader:
                yield f"{path}, row {reader.line_num - 1}", row
        except csv.Error as exc:
            raise InvalidInputError(f"{path}, line {reader.line_num}: not valid CSV ({exc})") from None
        except UnicodeDecodeError:
            raise InvalidInputError(f"{path}: not UTF-8 text") from None


def _jsonl_rows(
    path: Path, columns: Mapping[str, str], chunk_size: int
) -> Iterator[tuple[str, dict[str, Any] | None]]:
    with open(path, encoding="utf-8") as fh:
        try:
            for number, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                where = f"{path}, line {number}"
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield f"{where}: not valid JSON ({exc.msg})", None
                    continue
                if not isinstance(record, dict):
                    yield f"{where}: a JSON {type(record).__name__}, not an object", None
                    continue
                yield where, record
        except UnicodeDecodeError:
            raise InvalidInputError(f"{path}: not UTF-8 text") from None


def _parquet_rows(path: Path, columns: Mapping[str, str], chunk_size: int) -> Iterator[tuple[str, dict[str, Any]]]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        raise InvalidInputError(f"{path}: not a readable Parquet file ({exc})") from None
    present = list(table.schema_arrow.names)
    _check_columns(path, present, columns)
    wanted = [c for c in dict.fromkeys(columns.values()) if c in present]
    number = 0
    with table:
        for batch in table.iter_batches(batch_size=chunk_size, columns=wanted):
            for row in batch.to_pylist():
                number += 1
                yield f"{path}, row {number}", row


# ----------------------------------------------------------------------------- articles


def _articles(
    rows: Iterator[tuple[str, dict[str, Any] | None]], columns: Mapping[str, str], skips: Skips
) -> Iterator[Article]:
    for where, row in rows:
        if row is None:
            skips.add("malformed line", where)
            continue
        fields = {field: row.get(column) for field, column in columns.items()}
        body = fields["text"]
        if not isinstance(body, str) or not body.strip():
            skips.add("no text", where)
            continue
        data: dict[str, Any] = {"text": body}
        for field in ("id", "url", "title"):
            value = _present(fields[field])
            if value is not None:
                data[field] = str(value)
        try:
            data["published"] = _published(_present(fields["published"]))
            yield Article(**data)
        except (ValueError, TypeError, ValidationError) as exc:
            skips.add("invalid row", f"{where}: {_reason(exc)}")


def _present(value: Any) -> Any:
    """None for the empty values of tables: None, "", NaN."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _published(value: Any) -> date | datetime | str | None:
    if value is None or isinstance(value, (date, datetime)):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer():
            value = str(int(value))
        else:
            raise ValueError(f"published {value!r} is a number, not a date")
    value = str(value).strip()
    match = _COMPACT_DATE.match(value)
    if match:
        y, m, d, hh, mm, ss = match.groups()
        if hh is None:
            return date(int(y), int(m), int(d))
        return datetime(int(y), int(m), int(d), int(hh), int(mm), int(ss))
    if value.isdigit():
        raise ValueError(f"published {value!r} is a number, not a date")
    return value


def _reason(exc: BaseException) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
    return " ".join(str(exc).split())
