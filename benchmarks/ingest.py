"""Ingestion speed: reading a WARC archive and extracting the article of each page, against the
meeting extraction that follows. Shows whether reading raw crawls is the bottleneck.

Builds N synthetic news pages (synthetic articles inside site furniture, scripts and styles, about
the size of a real news page), writes them to a temporary .warc.gz, and times

- reading the records alone, with warcio (what diplomeet uses) and, when installed, fastwarc;
- ``read_html`` on each page (trafilatura main text + htmldate date);
- ``read_warc`` end to end (records + pages -> Articles);
- ``extract_meetings`` on the articles read (spaCy + diplomeet).

    python benchmarks/ingest.py [--n 200] [--n-process 1]
"""

from __future__ import annotations

import argparse
import html
import io
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _synthetic import make_articles  # noqa: E402

NAV = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(60))
SCRIPT = "var config = {" + ",".join(f'"key{i}": "{"x" * 40}"' for i in range(800)) + "};"
STYLE = " ".join(f".c{i} {{ margin: {i}px; padding: 2px; color: #333; }}" for i in range(600))
RELATED = "".join(
    f'<li><a href="/story/{i}">Ministers hold further talks on trade, story number {i}</a></li>' for i in range(12)
)


def make_page(article: dict, number: int) -> bytes:
    """A news page around one article: head with scripts and styles, nav, cookie banner, related links."""
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z\"\u201c])", article["text"])
    paragraphs = "".join(f"<p>{html.escape(s)}</p>" for s in sentences if s.strip())
    published = article.get("published") or "2023-06-19"
    page = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Story {number} | The Example Times</title>
<meta property="article:published_time" content="{published}T09:00:00Z">
<style>{STYLE}</style><script>{SCRIPT}</script></head><body>
<div class="cookie-banner"><p>We use cookies to improve your experience.</p><button>Accept</button></div>
<header><nav><ul>{NAV}</ul></nav></header>
<main><article><h1>Story {number}</h1>{paragraphs}</article>
<aside class="related"><h2>Related articles</h2><ul>{RELATED}</ul></aside></main>
<footer><ul>{NAV}</ul><p>&copy; 2023 The Example Times</p></footer></body></html>"""
    return page.encode("utf-8")


def write_warc(path: Path, pages: list[bytes]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i, page in enumerate(pages):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://times.example.org/story/{i}", "response", payload=io.BytesIO(page), http_headers=headers
            ))


def time_warcio(path: Path) -> float:
    from warcio.archiveiterator import ArchiveIterator

    t0 = time.perf_counter()
    with open(path, "rb") as fh:
        for record in ArchiveIterator(fh):
            if record.rec_type == "response":
                record.http_headers.get_statuscode()
                record.content_stream().read()
    return time.perf_counter() - t0


def time_fastwarc(path: Path) -> float | None:
    try:
        from fastwarc.warc import ArchiveIterator, WarcRecordType
    except ImportError:
        return None
    t0 = time.perf_counter()
    with open(path, "rb") as fh:
        for record in ArchiveIterator(fh, record_types=WarcRecordType.response, auto_decode="all"):
            _ = record.http_headers.status_code
            record.reader.read()
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--n-process", type=int, default=1)
    args = parser.parse_args()

    import diplomeet

    articles = make_articles(args.n)
    pages = [make_page(a, i) for i, a in enumerate(articles)]
    kib = sum(map(len, pages)) / len(pages) / 1024
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "crawl.warc.gz"
        write_warc(path, pages)
        diplomeet.read_html(pages[0])  # warm up: imports
        warcio_s = time_warcio(path)
        fastwarc_s = time_fastwarc(path)

        t0 = time.perf_counter()
        for page in pages:
            diplomeet.read_html(page)
        html_s = time.perf_counter() - t0

        t0 = time.perf_counter()
        read = list(diplomeet.read_warc(path))
        warc_s = time.perf_counter() - t0

    nlp = diplomeet.load()
    diplomeet.extract_meetings(read[:5], nlp=nlp)  # warm up
    t0 = time.perf_counter()
    meetings = diplomeet.extract_meetings(read, nlp=nlp, n_process=args.n_process)
    extract_s = time.perf_counter() - t0

    n = len(pages)
    print(f"pages: {n} ({kib:.0f} KiB of HTML each), articles read: {len(read)}, meetings: {len(meetings)}")
    print(f"WARC records, warcio       {warcio_s:7.2f} s  {n / warcio_s:8.0f} pages/s")
    if fastwarc_s is not None:
        print(f"WARC records, fastwarc     {fastwarc_s:7.2f} s  {n / fastwarc_s:8.0f} pages/s")
    print(f"read_html (text + date)    {html_s:7.2f} s  {n / html_s:8.1f} pages/s")
    print(f"read_warc (end to end)     {warc_s:7.2f} s  {n / warc_s:8.1f} pages/s")
    print(f"extract_meetings           {extract_s:7.2f} s  {n / extract_s:8.1f} articles/s")
    print(f"share of ingestion         {warc_s / (warc_s + extract_s):7.0%} of the time from WARC to meetings")


if __name__ == "__main__":
    main()
