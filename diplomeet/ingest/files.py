"""Which reader for which input file: the file kinds the command line accepts besides .txt and .jsonl."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from diplomeet.ingest.stream import Skips
from diplomeet.models import Article

__all__ = ["INGEST_SUFFIXES", "ingest_kind", "read_file"]

#: file name endings read through the ingest extra, and the reader of each
_KINDS = {
    ".html": "html",
    ".htm": "html",
    ".warc": "warc",
    ".warc.gz": "warc",
    ".csv": "table",
    ".parquet": "table",
}
INGEST_SUFFIXES = tuple(_KINDS)


def ingest_kind(path: str | os.PathLike[str]) -> str | None:
    """``"html"``, ``"warc"`` or ``"table"`` for a file the ingest readers take, else None."""
    name = Path(path).name.lower()
    for suffix in sorted(_KINDS, key=len, reverse=True):
        if name.endswith(suffix):
            return _KINDS[suffix]
    return None


def read_file(
    path: Path,
    *,
    published: date | datetime | None = None,
    skipped: Counter[str] | None = None,
) -> Iterator[Article]:
    """The articles of one HTML page, WARC archive or CSV/Parquet table.

    Args:
        path: The file (its kind from its name: see ``INGEST_SUFFIXES``).
        published: Publication date for articles that carry none.
        skipped: Filled with reason -> number of records skipped.

    Raises:
        ValueError: Not a file the ingest readers take.
        InvalidInputError: A malformed file.
        MissingDependencyError: The ``ingest`` extra is not installed.
    """
    kind = ingest_kind(path)
    skips = Skips(skipped)
    if kind == "html":
        articles: Iterator[Article] = _html_file(path, skips)
    elif kind == "warc":
        from diplomeet.ingest.warc import read_warc

        articles = read_warc(path, skipped=skips.counts)
    elif kind == "table":
        from diplomeet.ingest.tables import read_articles

        articles = read_articles(path, skipped=skips.counts)
    else:
        raise ValueError(f"{path}: not a file the ingest readers take ({', '.join(INGEST_SUFFIXES)})")
    for article in articles:
        if published is not None and article.published is None:
            article = article.model_copy(update={"published": published})
        yield article


def _html_file(path: Path, skips: Skips) -> Iterator[Article]:
    from diplomeet.ingest.html import page_article

    article = page_article(path.read_bytes(), id=path.stem)
    if article is None:
        skips.add("no article text", str(path))
        return
    yield article
