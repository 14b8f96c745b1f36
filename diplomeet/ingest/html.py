"""One HTML page to an Article: main text through trafilatura, publication date through htmldate.

The page is parsed once; its title, canonical URL and date are read from the tree, then
trafilatura extracts the main text (its own metadata extraction, which also looks for authors,
site names and categories, would double the time per page).
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from diplomeet.errors import InvalidInputError
from diplomeet.ingest._extra import require
from diplomeet.models import Article

__all__ = ["read_html", "page_article"]

# htmldate through trafilatura: the original (first-published) date rather than the last-modified
# one, and only dates the page states in its markup or URL - no guessing from free text (which
# turns a copyright line "(c) 2021" into 2021-01-01).
DATE_PARAMS = {"original_date": True, "extensive_search": False}
_TITLE_PATHS = (
    '//meta[@property="og:title"]/@content',
    '//meta[@name="twitter:title"]/@content',
    "normalize-space((//h1)[1])",
    "normalize-space(//head/title)",
)
_URL_PATHS = (
    '//link[@rel="canonical"]/@href',
    '//meta[@property="og:url"]/@content',
)


def read_html(html: str | bytes, url: str | None = None, *, id: str | None = None) -> Article:
    """Read one news page: its main text, title, URL and publication date.

    Menus, cookie banners, "related articles", comments and footers are left out (trafilatura);
    the date is the one the page states in its markup or URL (htmldate, original date preferred
    to the last-modified one). ``Article.published`` stays None when the page states no date:
    never the time the page was fetched.

    Args:
        html: The page, as text or as bytes (the encoding is then detected).
        url: Where the page was found (helps the date lookup); else the page's canonical URL.
        id: The article id; default: the URL when known, else a hash of the text.

    Returns:
        The article; its ``text`` is the extracted main text, which the evidence offsets of
        the meetings found in it point into. ``published_basis`` is ``"page"`` when a date
        was found.

    Raises:
        TypeError: ``html`` is neither str nor bytes.
        InvalidInputError: The page holds no article text.
        MissingDependencyError: The ``ingest`` extra is not installed.
    """
    if not isinstance(html, (str, bytes, bytearray)):
        raise TypeError(f"read_html() needs the page as str or bytes, got {type(html).__name__}")
    article = page_article(bytes(html) if isinstance(html, bytearray) else html, url, id=id)
    if article is None:
        where = f" ({url})" if url else ""
        raise InvalidInputError(f"no article text found in the page{where}")
    return article


def page_article(
    html: str | bytes,
    url: str | None = None,
    *,
    id: str | None = None,
    fallback_date: date | None = None,
) -> Article | None:
    """The article of a page, or None when it holds no main text.

    Args:
        html: The page.
        url: Where it was found.
        id: The article id (default: the URL, else a hash of the text).
        fallback_date: Used when the page states no date, marked ``published_basis="crawl"``.
    """
    trafilatura = require("trafilatura", "read_html()")
    htmldate = require("htmldate", "read_html()")
    if not (html.strip() if isinstance(html, str) else html.strip()):
        return None
    tree = trafilatura.load_html(html)  # bytes: the encoding is detected
    if tree is None:
        return None
    # the page's own title, URL and date, read before the text extraction prunes the tree;
    # cheaper than trafilatura's full metadata (authors, site name, categories, ...)
    title = _first(tree, _TITLE_PATHS)
    url = url or _first(tree, _URL_PATHS)
    found = htmldate.find_date(copy.deepcopy(tree), url=url, **DATE_PARAMS)
    doc = trafilatura.bare_extraction(tree, url=url, include_comments=False)
    if doc is None or not (doc.text or "").strip():
        return None
    published, basis = _parse_date(found), "page"
    if published is None and fallback_date is not None:
        published, basis = fallback_date, "crawl"
    return Article(
        id=id or url or "",
        text=doc.text,
        published=published,
        published_basis=basis if published is not None else None,
        url=url,
        title=title,
    )


def _first(tree: Any, paths: tuple[str, ...]) -> str | None:
    """The first non-empty value the XPath expressions find, whitespace collapsed."""
    for path in paths:
        found = tree.xpath(path)
        for value in [found] if isinstance(found, str) else found:
            text = " ".join(str(value).split())
            if text:
                return text
    return None


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
