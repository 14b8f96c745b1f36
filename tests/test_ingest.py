"""Raw inputs: HTML pages, WARC archives and article tables (the ``ingest`` extra).

The pages in tests/data/ingest are invented articles inside the furniture of a news site; the
WARC archives are written here with warcio. Nothing is fetched.
"""

from __future__ import annotations

import builtins
import gzip
import io
import json
import sys
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import pytest

import diplomeet
from diplomeet import Article, InvalidInputError, MissingDependencyError
from diplomeet.cli import find_inputs, main
from diplomeet.formats import read_jsonl
from diplomeet.ingest.files import ingest_kind
from diplomeet.ingest.warc import is_html

DATA = Path(__file__).resolve().parent / "data" / "ingest"
COURIER = DATA / "courier_geneva.html"
GAZETTE = DATA / "gazette_nodate.html"
COURIER_URL = "https://courier.example.org/world/2023/estonia-chile-geneva"
# words of the page furniture that must not reach the article text
FURNITURE = ("cookie", "Related", "Bakos", "Subscribe", "Share on", "All rights", "Home", "More stories")


def article_text(page: Path) -> str:
    """The article text a fixture page holds (NAME.txt beside it)."""
    return page.with_suffix(".txt").read_text("utf-8").rstrip("\n")


# --- read_html ------------------------------------------------------------------------------


def test_read_html_keeps_the_article_and_drops_the_furniture():
    article = diplomeet.read_html(COURIER.read_text("utf-8"))
    assert article.text == article_text(COURIER)
    assert not any(word in article.text for word in FURNITURE)
    assert article.title == "Estonian and Chilean ministers meet in Geneva"
    assert article.url == COURIER_URL == article.id  # the canonical URL
    # the original publication date, not the last-modified one (June 22)
    assert article.published == date(2023, 6, 19) and article.published_basis == "page"


def test_read_html_without_a_date_leaves_published_empty():
    article = diplomeet.read_html(GAZETTE.read_bytes())  # bytes: the encoding is detected
    assert article.text == article_text(GAZETTE)
    assert not any(word in article.text for word in FURNITURE)
    # no guess from the footer's copyright year, never the time of reading
    assert article.published is None and article.published_basis is None
    assert article.url is None and article.id.startswith("a_")


def test_read_html_url_and_id():
    html = GAZETTE.read_text("utf-8")
    article = diplomeet.read_html(html, url="https://gazette.example.com/africa/2024/03/05/talks")
    assert article.url == article.id == "https://gazette.example.com/africa/2024/03/05/talks"
    assert article.published == date(2024, 3, 5)  # a date in the URL is the page's own
    assert diplomeet.read_html(html, id="g1").id == "g1"


def test_read_html_other_encodings():
    html = GAZETTE.read_text("utf-8").replace('charset="utf-8"', 'charset="windows-1252"')
    html = html.replace("Nairobi on Tuesday", "Nairobi on Tuesday \u2013 a caf\xe9 was closed \u2013")
    article = diplomeet.read_html(html.encode("cp1252"))
    assert "\u2013 a caf\xe9 was closed \u2013" in article.text


def test_read_html_bad_input():
    with pytest.raises(TypeError, match="str or bytes"):
        diplomeet.read_html(42)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="no article text"):
        diplomeet.read_html("<html><head><title>Moved</title></head><body><img src='a.png'></body></html>")
    with pytest.raises(InvalidInputError, match="no article text"):
        diplomeet.read_html(b"   ")


def test_missing_extra_names_the_pip_command(monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # as if not installed
    with pytest.raises(MissingDependencyError, match=r"pip install 'diplomeet\[ingest\]'") as exc:
        diplomeet.read_html(COURIER.read_text("utf-8"))
    assert isinstance(exc.value, ImportError) and isinstance(exc.value, diplomeet.DiplomeetError)
    assert "trafilatura" in str(exc.value)


def test_importing_diplomeet_does_not_import_the_ingest_libraries():
    import subprocess

    code = (
        "import sys, diplomeet; diplomeet.read_html; diplomeet.read_warc; diplomeet.read_articles; "
        "print(sorted(m for m in ('trafilatura', 'htmldate', 'warcio', 'pyarrow') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# --- read_warc ------------------------------------------------------------------------------


def write_warc(path: Path, *, gzip_records: bool = True) -> None:
    """A small crawl: two news pages and every kind of record the reader must skip."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    courier = COURIER.read_bytes()
    gazette = GAZETTE.read_bytes()
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzip_records)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))

        def response(url, body, status="200 OK", content_type="text/html; charset=utf-8", when=None):
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            warc_headers = {"WARC-Date": when} if when else None
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers,
                warc_headers_dict=warc_headers,
            )
            writer.write_record(record)
            return record

        request = writer.create_warc_record(
            COURIER_URL, "request", payload=io.BytesIO(b""),
            http_headers=StatusAndHeaders("GET / HTTP/1.1", [("Host", "courier.example.org")], is_http_request=True),
        )
        writer.write_record(request)
        first = response(COURIER_URL, courier, when="2023-06-25T08:00:00Z")
        response("https://courier.example.org/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), content_type="image/png")
        response("https://courier.example.org/gone", b"<html><body><p>Not found</p></body></html>", status="404 Not Found")
        response("https://courier.example.org/old", b"", status="301 Moved Permanently")
        response("https://courier.example.org/copy", courier)  # the same payload again
        revisit = writer.create_revisit_record(
            COURIER_URL, digest=first.rec_headers.get_header("WARC-Payload-Digest"),
            refers_to_uri=COURIER_URL, refers_to_date=first.rec_headers.get_header("WARC-Date"),
        )
        writer.write_record(revisit)
        response("https://courier.example.org/redirect", b"<html><head><script>location.href='/'</script></head><body></body></html>")
        response("https://gazette.example.com/story", gazette, when="2024-02-03T12:00:00Z")
        # the same article again, its page changed around it (another advert): same text
        response("https://gazette.example.com/story?ref=rss", gazette.replace(b"Fuel prices", b"Oil prices"))


EXPECTED_SKIPS = {
    "not HTML": 1,
    "HTTP status 404": 1,
    "HTTP status 301": 1,
    "duplicate payload": 2,  # the copy and the revisit record
    "no article text": 1,
    "duplicate text": 1,
}


@pytest.mark.parametrize("gzipped", [True, False])
def test_read_warc_pages_and_skips(tmp_path, gzipped):
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    write_warc(path, gzip_records=gzipped)
    stream = diplomeet.read_warc(path)
    articles = list(stream)
    assert [a.url for a in articles] == [COURIER_URL, "https://gazette.example.com/story"]
    courier, gazette = articles
    assert courier.id == COURIER_URL and courier.text == article_text(COURIER)
    # the page's date wins over the crawl date
    assert courier.published == date(2023, 6, 19) and courier.published_basis == "page"
    # no date on the page: the crawl date, marked as such
    assert gazette.text == article_text(GAZETTE)
    assert gazette.published == date(2024, 2, 3) and gazette.published_basis == "crawl"
    assert stream.read == 2 and dict(stream.skipped) == EXPECTED_SKIPS
    assert stream.examples["HTTP status 404"] == "https://courier.example.org/gone"
    assert stream.summary().startswith("2 articles; skipped 7: 2 duplicate payload")


def test_read_warc_streams_from_an_open_file_and_shares_a_counter(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path)
    counts: Counter[str] = Counter()
    with open(path, "rb") as fh:
        stream = diplomeet.read_warc(fh, skipped=counts)
        first = next(stream)  # reads only as far as needed
        assert first.url == COURIER_URL and counts == Counter()
        assert len(list(stream)) == 1 and counts == Counter(EXPECTED_SKIPS)
    with open(path, "rb") as fh:
        assert len(list(diplomeet.read_warc(fh, skipped=counts))) == 2
    assert counts == Counter({reason: 2 * n for reason, n in EXPECTED_SKIPS.items()})


def test_read_warc_later_captures_of_a_url(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    url = "https://courier.example.org/live"
    path = tmp_path / "two.warc.gz"
    page = COURIER.read_text("utf-8")
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for body in (page, page.replace("on Thursday", "on Friday")):  # the story was updated
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body.encode("utf-8")), http_headers=headers
            ))
    assert [a.id for a in diplomeet.read_warc(path)] == [url, url + "#2"]


def test_read_warc_bad_input(tmp_path):
    not_warc = tmp_path / "page.warc"
    not_warc.write_text("<html>not an archive</html>", "utf-8")
    with pytest.raises(InvalidInputError, match="not a readable WARC"):
        list(diplomeet.read_warc(not_warc))
    with pytest.raises(TypeError, match="binary mode"):
        diplomeet.read_warc(io.StringIO("x"))
    with pytest.raises(TypeError, match="path or a binary file"):
        diplomeet.read_warc(42)  # type: ignore[arg-type]
    with pytest.raises(FileNotFoundError):
        list(diplomeet.read_warc(tmp_path / "missing.warc.gz"))


def test_read_warc_truncated_archive_is_counted(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path)
    data = path.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) - 200])  # the last record broken off
    stream = diplomeet.read_warc(cut)
    assert [a.url for a in stream] == [COURIER_URL, "https://gazette.example.com/story"]
    assert stream.skipped["unreadable record (archive truncated or corrupt)"] == 1
    assert "duplicate text" not in stream.skipped  # the cut page is not read


def test_is_html():
    assert is_html("text/html; charset=UTF-8", b"")
    assert is_html("application/xhtml+xml", b"")
    assert not is_html("application/json", b"<html>")
    assert is_html(None, b"\n  <!DOCTYPE html><html>")
    assert not is_html(None, b"%PDF-1.7")


# --- read_articles --------------------------------------------------------------------------


def test_read_articles_csv_with_own_column_names(tmp_path):
    path = tmp_path / "export.csv"
    long_text = "Word " * 40_000  # longer than the csv module's default field limit
    path.write_text(
        "doc_id,body,pubdate,link,headline,outlet\n"
        'd1,"Leaders met, and said so.",2023-06-19 10:30:00,https://x.example/1,Talks,X\n'
        "d2,,2023-06-20,,,X\n"
        "d3,Second text.,20230621,,,Y\n"
        "d4,Third text.,someday,,,Y\n"
        f"d5,{long_text},2023-06-22T08:00:00+02:00,,,Z\n",
        "utf-8",
    )
    stream = diplomeet.read_articles(
        path, text="body", id="doc_id", published="pubdate", url="link", title="headline"
    )
    articles = list(stream)
    assert [a.id for a in articles] == ["d1", "d3", "d5"]
    assert articles[0] == Article(
        id="d1", text="Leaders met, and said so.", published=datetime(2023, 6, 19, 10, 30),
        url="https://x.example/1", title="Talks",
    )
    assert articles[1].published == date(2023, 6, 21)  # compact dates (GDELT)
    assert articles[2].published.utcoffset().total_seconds() == 7200
    assert dict(stream.skipped) == {"no text": 1, "invalid row": 1}
    assert stream.examples["invalid row"].startswith(f"{path}, row 4: published")


def test_read_articles_missing_column_names_the_columns(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("body,date\nSome text.,2023-01-01\n", "utf-8")
    with pytest.raises(InvalidInputError, match=r"no column 'text'; its columns are 'body', 'date'"):
        list(diplomeet.read_articles(path))
    with pytest.raises(InvalidInputError, match="no column 'pubdate'"):
        list(diplomeet.read_articles(path, text="body", published="pubdate"))
    # default names that are absent are simply not used
    (article,) = diplomeet.read_articles(path, text="body")
    assert article.published is None and article.id.startswith("a_")


def test_read_articles_parquet_in_chunks(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    n = 25
    table = pa.table({
        "id": [f"p{i}" for i in range(n)],
        "text": [f"Article number {i}." if i != 7 else None for i in range(n)],
        "published": [date(2023, 1, 1 + i) for i in range(n)],
        "url": [None] * n,
        "extra": list(range(n)),
    })
    path = tmp_path / "articles.parquet"
    pq.write_table(table, path)
    stream = diplomeet.read_articles(path, chunk_size=4)
    articles = list(stream)
    assert len(articles) == n - 1 and stream.skipped == Counter({"no text": 1})
    assert articles[0] == Article(id="p0", text="Article number 0.", published=date(2023, 1, 1))
    assert articles[-1].id == "p24"
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"not parquet at all")
    with pytest.raises(InvalidInputError, match="not a readable Parquet"):
        list(diplomeet.read_articles(bad))


def test_read_articles_json_lines(tmp_path):
    path = tmp_path / "articles.jsonl"
    lines = [
        json.dumps({"id": 1, "content": "One.", "date": "2023-05-01"}),
        "{broken",
        json.dumps(["a list"]),
        "",
        json.dumps({"id": 2, "content": "Two.", "date": None}),
    ]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    stream = diplomeet.read_articles(path, text="content", published="date")
    assert [(a.id, a.published) for a in stream] == [("1", date(2023, 5, 1)), ("2", None)]
    assert stream.skipped == Counter({"malformed line": 2})
    assert "line 2: not valid JSON" in stream.examples["malformed line"]


def test_read_articles_bad_arguments(tmp_path):
    path = tmp_path / "x.tsv"
    path.write_text("text\nx\n", "utf-8")
    with pytest.raises(InvalidInputError, match="unknown table format"):
        diplomeet.read_articles(path)
    assert [a.text for a in diplomeet.read_articles(path, format="csv")] == ["x"]
    with pytest.raises(FileNotFoundError):
        diplomeet.read_articles(tmp_path / "missing.csv")
    with pytest.raises(TypeError, match="column name"):
        diplomeet.read_articles(path, text=None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="chunk_size"):
        diplomeet.read_articles(path, format="csv", chunk_size=0)


# --- the command line -----------------------------------------------------------------------


def test_input_kinds():
    assert ingest_kind("a/crawl.warc.gz") == "warc" and ingest_kind("CRAWL.WARC") == "warc"
    assert ingest_kind("p.htm") == ingest_kind("p.html") == "html"
    assert ingest_kind("t.parquet") == ingest_kind("t.csv") == "table"
    assert ingest_kind("notes.md") is None and ingest_kind("x.gz") is None


@pytest.fixture
def raw_inputs(tmp_path):
    folder = tmp_path / "inputs"
    (folder / "pages").mkdir(parents=True)
    (folder / "pages" / "courier.html").write_bytes(COURIER.read_bytes())
    (folder / "pages" / "gazette.htm").write_bytes(GAZETTE.read_bytes())
    write_warc(folder / "crawl.warc.gz")
    (folder / "table.csv").write_text("id,text,published\nc1,From a table.,2023-07-01\nc2,,\n", "utf-8")
    return folder


def test_find_inputs_takes_the_raw_kinds(raw_inputs):
    names = [p.name for p in find_inputs([raw_inputs])]
    assert names == ["crawl.warc.gz", "courier.html", "gazette.htm", "table.csv"]


def test_cli_extract_raw_inputs_counts_every_skip(fake_extraction, raw_inputs, tmp_path, capsys):
    out = tmp_path / "meetings.jsonl"
    argv = ["extract", str(raw_inputs), "-o", str(out), "--n-process", "2", "--published", "2020-01-01"]
    assert main(argv) == 0
    call = fake_extraction.calls[0]
    assert call["n_process"] == 2
    by_id = {a.id: a for a in call["articles"]}
    assert set(by_id) == {COURIER_URL, "https://gazette.example.com/story", "courier", "gazette", "c1"}
    assert by_id["courier"].published == date(2023, 6, 19)
    assert by_id["gazette"].published == date(2020, 1, 1)  # --published for a page without a date
    assert by_id["https://gazette.example.com/story"].published_basis == "crawl"
    assert len(read_jsonl(out)) == 5
    err = capsys.readouterr().err
    assert err.strip() == (
        f"diplomeet: 5 meetings from 5 articles -> {out}; skipped 8: 2 duplicate payload, "
        "1 not HTML, 1 HTTP status 404, 1 HTTP status 301, 1 no article text, 1 duplicate text, 1 no text"
    )


def test_cli_counts_articles_the_extraction_skips(monkeypatch, raw_inputs, capsys):
    fake = FakeExtraction(fail_on="c1")
    monkeypatch.setitem(vars(diplomeet), "extract_meetings", fake)
    assert main(["extract", str(raw_inputs / "table.csv")]) == 1  # partial success: an article was skipped
    err = capsys.readouterr().err
    assert "diplomeet: warning: article c1 skipped" in err
    assert "0 meetings from 1 articles -> stdout; skipped 2: 1 no text, 1 failed in extraction" in err


def test_cli_nothing_but_skips_is_an_error(fake_extraction, tmp_path, capsys):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "images.warc.gz"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "image/jpeg")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "https://x.example/a.jpg", "response", payload=io.BytesIO(b"\xff\xd8"), http_headers=headers
        ))
    assert main(["extract", str(path)]) == 2
    err = capsys.readouterr().err
    assert err == f"diplomeet: error: no articles found in {path} (skipped 1: 1 not HTML)\n"


def test_cli_missing_extra_is_a_one_line_error(fake_extraction, raw_inputs, monkeypatch, capsys):
    real_import = builtins.__import__

    def no_warcio(name, *args, **kwargs):
        if name.startswith("warcio"):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_warcio)
    monkeypatch.delitem(sys.modules, "warcio", raising=False)
    assert main(["extract", str(raw_inputs / "crawl.warc.gz")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("diplomeet: error: read_warc() needs the optional package 'warcio'")
    assert "pip install 'diplomeet[ingest]'" in err and err.count("\n") == 1


class FakeExtraction:
    """Records its calls; one dummy meeting per article."""

    def __init__(self, fail_on: str | None = None):
        self.calls: list[dict] = []
        self.fail_on = fail_on

    def __call__(self, articles, **kwargs):
        import warnings

        from diplomeet import ExtractionWarning, Meeting, Participant

        articles = list(articles)
        self.calls.append({"articles": articles, **kwargs})
        out = []
        for a in articles:
            if a.id == self.fail_on:
                warnings.warn(f"article {a.id} skipped: broken", ExtractionWarning, stacklevel=2)
                continue
            people = [Participant(name="A B", country="Chile"), Participant(name="C D", country="Estonia")]
            out.append(Meeting(id="m-" + a.id, participants=people, status="occurred", sources=[a.id]))
        return out


@pytest.fixture
def fake_extraction(monkeypatch):
    extraction = FakeExtraction()
    monkeypatch.setitem(vars(diplomeet), "extract_meetings", extraction)
    return extraction


# --- with the model -------------------------------------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize("page", [COURIER, GAZETTE], ids=lambda p: p.stem)
def test_extraction_on_a_page_equals_extraction_on_its_text(page):
    from_page = diplomeet.read_html(page.read_bytes())
    given = Article(id=from_page.id, text=article_text(page), published=from_page.published)
    meetings = diplomeet.extract_meetings([from_page])
    assert meetings and meetings == diplomeet.extract_meetings([given])
    for meeting in meetings:  # evidence offsets point into the extracted text
        for ev in meeting.evidence:
            assert from_page.text[ev.start : ev.end] == ev.text


@pytest.mark.model
def test_cli_extract_a_warc_end_to_end(tmp_path, capsys):
    crawl = tmp_path / "crawl.warc.gz"
    write_warc(crawl)
    out = tmp_path / "meetings.jsonl"
    assert main(["extract", str(crawl), "-o", str(out), "--no-progress"]) == 0
    meetings = read_jsonl(out)
    people = {frozenset(p.name for p in m.participants) for m in meetings}
    assert frozenset({"Kadri Lepik", "Tomás Ferrer"}) in people
    assert not any("Zoltan Bakos" in names for names in people)  # a related-articles link
    geneva = next(m for m in meetings if "Tomás Ferrer" in {p.name for p in m.participants})
    assert geneva.date == date(2023, 6, 19) and geneva.sources == [COURIER_URL]
    err = capsys.readouterr().err
    assert f"from 2 articles -> {out}; skipped 7:" in err


@pytest.mark.model
def test_a_failing_reader_stops_the_extraction():
    def articles():
        yield Article(id="ok", text="Nothing happened today.")
        raise InvalidInputError("line 2 of the input is broken")

    with pytest.raises(InvalidInputError, match="line 2"):
        diplomeet.extract_meetings(articles(), errors="warn")


def test_gzip_is_not_mistaken_for_html():
    assert not is_html(None, gzip.compress(b"<html></html>"))
