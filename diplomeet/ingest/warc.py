"""The HTML pages of a WARC archive, streamed as Articles (warcio)."""

from __future__ import annotations

import hashlib
import io
import os
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime
from typing import IO, Any, Union

from diplomeet.errors import InvalidInputError
from diplomeet.ingest._extra import require
from diplomeet.ingest.html import page_article
from diplomeet.ingest.stream import ArticleStream, Skips
from diplomeet.models import Article

__all__ = ["read_warc", "is_html"]

PathOrFile = Union[str, "os.PathLike[str]", IO[bytes]]
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_SNIFF = (b"<!doctype html", b"<html")
TRUNCATED = "unreadable record (archive truncated or corrupt)"


def read_warc(path_or_file: PathOrFile, *, skipped: Counter[str] | None = None) -> ArticleStream:
    """Stream the news pages of a ``.warc`` or ``.warc.gz`` archive as articles.

    Reads ``response`` records (and ``resource`` records holding HTML) one at a time, so a
    large archive is never held in memory. A record is skipped, and counted with its reason
    in the returned stream's ``skipped``, when it is not HTML (``"not HTML"``), its HTTP
    status is not 200 (``"HTTP status 404"``), its payload repeats an earlier one (``"duplicate
    payload"``, also for ``revisit`` records), its page holds no article text (``"no article
    text"``) or the same text as an earlier page (``"duplicate text"``). Request, metadata and
    warcinfo records are not pages and are not counted.

    Each article's ``url`` is the record's target URI and its ``id`` the URL (with ``#2``,
    ``#3`` ... for later captures of the same URL holding other text). The publication date
    comes from the page (``published_basis="page"``); only when the page states none is the
    record's WARC-Date used, marked ``published_basis="crawl"``.

    Args:
        path_or_file: A path, or a file opened in binary mode (gzip is detected).
        skipped: A counter to add the skips to (to total several archives); default a new one.

    Returns:
        An iterator of articles with ``.skipped`` (reason -> count) and ``.read``.

    Raises:
        TypeError: Not a path or a binary file.
        InvalidInputError: The file is not a WARC archive (raised on the first ``next()``).
        MissingDependencyError: The ``ingest`` extra is not installed.
    """
    if not isinstance(path_or_file, (str, os.PathLike)) and not hasattr(path_or_file, "read"):
        raise TypeError(f"read_warc() needs a path or a binary file, got {type(path_or_file).__name__}")
    if isinstance(path_or_file, io.TextIOBase):
        raise TypeError("read_warc() needs a file opened in binary mode ('rb')")
    require("warcio", "read_warc()")
    require("trafilatura", "read_warc()")
    skips = Skips(skipped)
    return skips.stream(_articles(path_or_file, skips))


def is_html(content_type: str | None, payload: bytes) -> bool:
    """Whether a response is an HTML page: by its Content-Type, else by its first bytes."""
    if content_type:
        return content_type.split(";")[0].strip().lower() in _HTML_TYPES
    return payload[:1024].lstrip().lower().startswith(_SNIFF)


def _articles(path_or_file: PathOrFile, skips: Skips) -> Iterator[Article]:
    if isinstance(path_or_file, (str, os.PathLike)):
        name = os.fspath(path_or_file)
        with open(path_or_file, "rb") as fh:
            yield from _records(fh, name, skips)
    else:
        yield from _records(path_or_file, getattr(path_or_file, "name", "<stream>"), skips)


def _records(fh: IO[bytes], name: str, skips: Skips) -> Iterator[Article]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    payloads: set[bytes] = set()
    texts: set[bytes] = set()
    captures: Counter[str] = Counter()
    records = iter(ArchiveIterator(fh))
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except ArchiveLoadFailed as exc:
            raise InvalidInputError(f"{name}: not a readable WARC archive ({_one_line(exc)})") from None
        except (EOFError, OSError, ValueError) as exc:  # a corrupt gzip member
            skips.add(TRUNCATED, f"{name}: {_one_line(exc)}")
            return
        try:
            article = _page(record, skips, payloads, texts, captures)
        except _Truncated as exc:
            skips.add(TRUNCATED, f"{name}: {exc}")
            return
        if article is not None:
            yield article


class _Truncated(Exception):
    """A record's block ends before its Content-Length: the archive was cut off."""


def _page(
    record: Any, skips: Skips, payloads: set[bytes], texts: set[bytes], captures: Counter[str]
) -> Article | None:
    """The article of one record, or None (counted in ``skips`` when the record is a page)."""
    kind = record.rec_type
    if kind not in ("response", "resource", "revisit"):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    where = url or record.rec_headers.get_header("WARC-Record-ID") or "?"
    if kind == "revisit":  # a capture whose payload the archive already holds
        skips.add("duplicate payload", where)
        return None
    http = record.http_headers
    if kind == "resource":
        content_type, status = record.rec_headers.get_header("Content-Type"), 200
    elif http is None:
        return None  # a response that is not HTTP (dns:, whois:): not a page
    else:
        content_type, status = http.get_header("Content-Type"), _status(http)
    if status != 200:
        skips.add(f"HTTP status {status}" if status else "no HTTP status", where)
        return None
    try:
        payload = record.content_stream().read()
    except Exception as exc:  # a broken content encoding
        skips.add("unreadable payload", f"{where}: {_one_line(exc)}")
        return None
    if getattr(record.raw_stream, "limit", 0) > 0:  # the block ended early
        raise _Truncated(f"{where}: the record is cut off")
    if not is_html(content_type, payload):
        skips.add("not HTML", where)
        return None
    digest = hashlib.blake2b(payload, digest_size=16).digest()
    if digest in payloads:
        skips.add("duplicate payload", where)
        return None
    payloads.add(digest)
    article = page_article(
        _decoded(payload, content_type), url, fallback_date=_warc_date(record)
    )
    if article is None:
        skips.add("no article text", where)
        return None
    text_digest = hashlib.blake2b(article.text.encode("utf-8"), digest_size=16).digest()
    if text_digest in texts:
        skips.add("duplicate text", where)
        return None
    texts.add(text_digest)
    if url is not None:
        captures[url] += 1
        if captures[url] > 1:
            article = article.model_copy(update={"id": f"{url}#{captures[url]}"})
    return article


def _status(http: Any) -> int | None:
    try:
        return int(http.get_statuscode())
    except (TypeError, ValueError):
        return None


def _decoded(payload: bytes, content_type: str | None) -> str | bytes:
    """The page as text when the HTTP header names a known charset, else the bytes (detected)."""
    if content_type and "charset=" in content_type.lower():
        charset = content_type.lower().split("charset=", 1)[1].split(";")[0].strip().strip("\"'")
        try:
            return payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return payload


def _warc_date(record: Any) -> date | None:
    value = record.rec_headers.get_header("WARC-Date")
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
