"""The command line and the demo, with the extraction replaced by a fake (no model needed)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import warnings
from datetime import date, datetime
from pathlib import Path

import pytest

import diplomeet
from diplomeet import Article, ExtractionWarning, Meeting, Participant
from diplomeet.cli import build_parser, find_inputs, main, parse_published, read_articles
from diplomeet.demo import format_table, read_folder, summary
from diplomeet.demo import main as demo_main
from diplomeet.formats import read_jsonl

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


class FakeExtraction:
    """Records its calls; one meeting per article, dated by the publication date."""

    def __init__(self, fail_on: str | None = None):
        self.calls: list[dict] = []
        self.fail_on = fail_on

    def __call__(self, articles, **kwargs):
        articles = list(articles)
        self.calls.append({"articles": articles, **kwargs})
        out = []
        for a in articles:
            if a.id == self.fail_on:
                if kwargs.get("errors") == "raise":
                    raise diplomeet.InvalidInputError(f"article {a.id}: broken")
                if kwargs.get("errors") == "warn":
                    warnings.warn(f"article {a.id} skipped: broken", ExtractionWarning, stacklevel=2)
                continue
            published = a.published.date() if isinstance(a.published, datetime) else a.published
            out.append(
                Meeting(
                    id="m-" + a.id,
                    participants=[
                        Participant(name="Antony Blinken", country="United States", country_code="USA"),
                        Participant(name="Wang Yi", country="China", country_code="CHN"),
                    ],
                    date=published,
                    location="Beijing",
                    location_country="China",
                    status="occurred",
                    sources=[a.id],
                )
            )
        return out


@pytest.fixture
def fake(monkeypatch):
    extraction = FakeExtraction()
    monkeypatch.setitem(vars(diplomeet), "extract_meetings", extraction)
    monkeypatch.setitem(vars(diplomeet), "load", lambda model: f"nlp:{model}")
    return extraction


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "one.txt").write_text("Antony Blinken met Wang Yi in Beijing.", "utf-8")
    sub = tmp_path / "more"
    sub.mkdir()
    (sub / "two.txt").write_text("Wang Yi received Antony Blinken.", "utf-8")
    records = [
        {"id": "j1", "text": "First.", "published": "2023-06-19", "url": "https://example.org/1", "outlet": "x"},
        {"text": "Second, no id.", "title": "T"},
        {"id": 7, "text": "Third.", "published": None},
    ]
    (sub / "batch.jsonl").write_text(
        "\n".join(json.dumps(r) for r in records[:2]) + "\n\n" + json.dumps(records[2]) + "\n", "utf-8"
    )
    (sub / "notes.md").write_text("ignored", "utf-8")
    return tmp_path


# --- parsing and reading -----------------------------------------------------------------


def test_parser_defaults_and_options():
    args = build_parser().parse_args(["extract", "a.txt", "b"])
    assert args.paths == ["a.txt", "b"] and args.output is None and args.format is None
    assert args.errors == "warn" and args.progress is None and not args.no_dedupe
    args = build_parser().parse_args(
        ["extract", "a", "-o", "x.csv", "--format", "plover", "--no-dedupe", "--errors", "raise",
         "--no-progress", "--published", "2020-01-02", "--model", "en_core_web_sm"]
    )
    assert args.format == "plover" and args.no_dedupe and args.errors == "raise"
    assert args.progress is False and args.model == "en_core_web_sm"


def test_bad_usage_exits_2(capsys):
    for argv in (["extract"], ["extract", "x", "--format", "xml"], ["frobnicate"], []):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        assert exc.value.code == 2


def test_parse_published():
    assert parse_published("2023-05-19") == date(2023, 5, 19)
    assert parse_published("2017-11-21T05:44:27") == datetime(2017, 11, 21, 5, 44, 27)
    with pytest.raises(diplomeet.InvalidInputError, match="ISO date"):
        parse_published("19/05/2023")


def test_find_inputs_recurses_and_sorts(corpus):
    files = find_inputs([corpus])
    names = [p.name for p in files]
    assert names == ["batch.jsonl", "two.txt", "one.txt"]
    assert find_inputs([corpus / "one.txt"]) == [corpus / "one.txt"]
    with pytest.raises(diplomeet.InvalidInputError, match="no such file"):
        find_inputs([corpus / "missing.txt"])
    with pytest.raises(diplomeet.InvalidInputError, match="not a .txt or .jsonl"):
        find_inputs([corpus / "more" / "notes.md"])


def test_read_articles_forms(corpus):
    urls: dict[str, str] = {}
    articles = list(read_articles(find_inputs([corpus]), published=date(2020, 1, 1), urls=urls))
    by_text = {a.text: a for a in articles}
    assert len(articles) == 5
    assert by_text["First."].id == "j1" and by_text["First."].published == date(2023, 6, 19)
    assert by_text["Second, no id."].id.startswith("a_")  # a stable hash of the text
    assert by_text["Second, no id."].published == date(2020, 1, 1)
    assert by_text["Second, no id."].title == "T"
    assert by_text["Third."].id == "7"
    assert by_text["Wang Yi received Antony Blinken."].id == "two"
    assert urls == {"j1": "https://example.org/1"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": "a", "text": "ok"}\n{broken\n', "line 2: not valid JSON"),
        ('{"id": "a"}\n', 'line 1: expected an object with a "text" field'),
        ('["text"]\n', "line 1: expected an object"),
        ('{"text": 5}\n', "line 1: not an article"),
        ('{"text": "x", "published": "someday"}\n', "line 1: not an article"),
    ],
)
def test_read_articles_bad_jsonl(tmp_path, content, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(content, "utf-8")
    with pytest.raises(diplomeet.InvalidInputError, match=message):
        list(read_articles([path]))


def test_read_articles_not_utf8(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\xe9".encode("latin-1"))
    with pytest.raises(diplomeet.InvalidInputError, match="not UTF-8"):
        list(read_articles([path]))


# --- extract -------------------------------------------------------------------------------


def test_extract_jsonl_to_stdout(fake, corpus, capsys):
    assert main(["extract", str(corpus), "--published", "2020-01-01"]) == 0
    out, err = capsys.readouterr()
    meetings = read_jsonl(io.StringIO(out))
    assert len(meetings) == 5
    assert "5 meetings from 5 articles -> stdout" in err
    call = fake.calls[0]
    assert call["dedupe"] is True and call["errors"] == "warn" and call["nlp"] is None
    assert call["progress"] is False  # stderr is not a terminal under pytest
    assert all(isinstance(a, Article) for a in call["articles"])


def test_extract_options_reach_extraction(fake, corpus, capsys):
    argv = ["extract", str(corpus / "one.txt"), "--no-dedupe", "--errors", "ignore",
            "--progress", "--model", "my_model"]
    assert main(argv) == 0
    call = fake.calls[0]
    assert call["dedupe"] is False and call["errors"] == "warn"  # counted, not shown
    assert call["progress"] is True and call["nlp"] == "nlp:my_model"


def test_extract_output_file_and_formats(fake, corpus, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("out")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(corpus), "-o", str(out)]) == 0
    assert len(read_jsonl(out)) == 5

    as_csv = tmp_path / "out.csv"  # format from the suffix
    assert main(["extract", str(corpus), "-o", str(as_csv)]) == 0
    rows = list(csv.DictReader(as_csv.open(encoding="utf-8")))
    assert len(rows) == 5 and rows[0]["location"] == "Beijing"

    plover = tmp_path / "plover.jsonl"
    assert main(["extract", str(corpus), "-o", str(plover), "--format", "plover"]) == 0
    records = [json.loads(line) for line in plover.read_text("utf-8").splitlines()]
    assert {r["event"][0] for r in records} == {"CONSULT"}
    j1 = next(r for r in records if r["sources"] == ["j1"])
    assert j1["cite_info"][0]["url"] == "https://example.org/1"

    cameo = tmp_path / "cameo.csv"
    assert main(["extract", str(corpus), "-o", str(cameo), "-f", "cameo"]) == 0
    rows = list(csv.DictReader(cameo.open(encoding="utf-8")))
    assert len(rows) == 10 and {r["EventCode"] for r in rows} == {"042", "043"}


def test_extract_missing_path_is_one_line_error(fake, capsys, tmp_path):
    assert main(["extract", str(tmp_path / "nope")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("diplomeet: error:") and "no such file or folder" in err
    assert "Traceback" not in err and err.count("\n") == 1
    assert fake.calls == []


def test_extract_empty_folder_and_bad_date(fake, capsys, tmp_path):
    assert main(["extract", str(tmp_path)]) == 2
    assert "no articles found" in capsys.readouterr().err
    (tmp_path / "a.txt").write_text("text", "utf-8")
    assert main(["extract", str(tmp_path), "--published", "yesterday"]) == 2
    assert "--published" in capsys.readouterr().err


def test_extract_errors_policy(monkeypatch, corpus, capsys):
    extraction = FakeExtraction(fail_on="one")
    monkeypatch.setitem(vars(diplomeet), "extract_meetings", extraction)
    assert main(["extract", str(corpus)]) == 1  # partial success
    out, err = capsys.readouterr()
    assert len(read_jsonl(io.StringIO(out))) == 4
    assert "diplomeet: warning: article one skipped: broken" in err
    assert main(["extract", str(corpus), "--errors", "raise"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "diplomeet: error: article one: broken" in err


def test_model_not_found_is_one_line_error(monkeypatch, corpus, capsys):
    def missing(model):
        raise diplomeet.ModelNotFoundError(f"no spaCy pipeline named {model!r}\nInstall it.")

    monkeypatch.setitem(vars(diplomeet), "load", missing)
    monkeypatch.setitem(vars(diplomeet), "extract_meetings", FakeExtraction())
    assert main(["extract", str(corpus), "--model", "xx_none"]) == 2
    err = capsys.readouterr().err
    assert err == "diplomeet: error: no spaCy pipeline named 'xx_none' Install it.\n"


def test_python_dash_m_and_version():
    result = subprocess.run(
        [sys.executable, "-m", "diplomeet", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and result.stdout.strip() == f"diplomeet {diplomeet.__version__}"
    result = subprocess.run(
        [sys.executable, "-m", "diplomeet", "extract", "/no/such/path"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == "diplomeet: error: /no/such/path: no such file or folder"


# --- demo ----------------------------------------------------------------------------------


def test_demo_reads_seed_metadata():
    articles = read_folder(SEEDS)
    assert len(articles) == len(list(SEEDS.glob("*.txt")))
    first = articles[0]
    assert first.id == "000_57316ca0c65a78a2" and first.published == date(2017, 1, 24)
    assert first.title


def test_demo_without_gold_files(tmp_path):
    (tmp_path / "x.txt").write_text("some text", "utf-8")
    (article,) = read_folder(tmp_path)
    assert article.published is None and article.id == "x"
    with pytest.raises(diplomeet.InvalidInputError):
        read_folder(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(diplomeet.InvalidInputError, match="no .txt"):
        read_folder(tmp_path / "empty")


def test_demo_table_and_summary(fake, tmp_path, capsys):
    (tmp_path / "a.txt").write_text("x", "utf-8")
    (tmp_path / "a.gold.json").write_text(json.dumps({"published": "2023-06-19"}), "utf-8")
    (tmp_path / "b.txt").write_text("y", "utf-8")
    assert demo_main([str(tmp_path)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split() == ["date", "status", "kind", "location", "participants", "sources"]
    assert "2023-06-19" in out and "Antony Blinken (United States)" in out
    assert lines[-1] == "2 meetings (2 occurred) from 2 articles; 0 reported by more than one article"
    assert fake.calls[0]["dedupe"] is True


def test_demo_table_wraps_and_marks_unknown_dates():
    m = Meeting(
        id="m",
        participants=[Participant(name="A " * 40), Participant(name=None, role="President", country="Armenia")],
        date_text="last week",
        status="planned",
        sources=["s1", "s2"],
    )
    table = format_table([m])
    assert "(last week)" in table and "unnamed (President, Armenia)" in table
    assert max(len(line) for line in table.splitlines()) <= 130
    assert summary([m], 2) == "1 meetings (1 planned) from 2 articles; 1 reported by more than one article"


def test_demo_missing_folder_exit_code(capsys):
    assert demo_main(["/no/such/folder"]) == 2
    assert "no such folder" in capsys.readouterr().err


# --- end to end, with the model ------------------------------------------------------------


@pytest.mark.model
def test_extract_seeds_end_to_end(tmp_path, capsys):
    pytest.importorskip("diplomeet.corpus")
    out = tmp_path / "seeds.jsonl"
    assert main(["extract", str(SEEDS), "-o", str(out), "--no-progress"]) == 0
    meetings = read_jsonl(out)
    seed_ids = {p.stem for p in SEEDS.glob("*.txt")}
    assert len(meetings) >= 5
    assert all(set(m.sources) <= seed_ids for m in meetings)
    assert any("Lavrov" in (p.name or "") for m in meetings for p in m.participants)
    assert f"{len(meetings)} meetings from {len(seed_ids)} articles" in capsys.readouterr().err
