"""Raw inputs to articles: HTML pages, WARC archives and article tables (extra ``diplomeet[ingest]``).

``read_html`` turns one page into an :class:`~diplomeet.Article` (main text through trafilatura,
publication date through htmldate); ``read_warc`` streams the HTML pages of a WARC archive;
``read_articles`` streams the rows of a CSV, Parquet or JSON Lines table. The ingest libraries
are imported when first used, so importing this package costs nothing and works without them.

The text of an article read from a page is the extracted main text; the evidence offsets of the
meetings found in it point into that text (``Article.text``), not into the HTML.
"""

from __future__ import annotations

from diplomeet.ingest.html import read_html
from diplomeet.ingest.stream import ArticleStream
from diplomeet.ingest.tables import read_articles
from diplomeet.ingest.warc import read_warc

__all__ = ["ArticleStream", "read_articles", "read_html", "read_warc"]
