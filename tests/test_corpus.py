"""Corpus mode: input checks, the errors policy, streaming, n_process, and the seeds."""

from __future__ import annotations

import itertools
import json
import re
import warnings
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from diplomeet import ExtractionWarning, InvalidInputError
from diplomeet.corpus import extract_meetings, iter_meetings, to_article
from diplomeet.models import Article, Evidence, Meeting, Participant, stable_hash
from diplomeet.pipeline.extensions import MEETINGS_KEY, register_extensions

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
_LINE = re.compile(r"(?P<a>[A-Z][\w ]+?) met (?P<b>[A-Z][\w ]+?)(?: on (?P<day>\d{4}-\d\d-\d\d))?(?: in (?P<loc>[A-Z]\w+))?\.")


@Language.component("test_corpus_fake_meetings")
def fake_meetings(doc: Doc) -> Doc:
    """Stands in for the extractor: 'A met B on 2020-01-02 in Paris.' lines become meetings."""
    if "BOOM" in doc.text:
        raise RuntimeError("the component broke on this text")
    article_id = doc._.article_id
    found = []
    for m in _LINE.finditer(doc.text):
        ev = Evidence(article_id=article_id, text=m.group(0), start=m.start(), end=m.end())
        found.append(
            Meeting(
                id=stable_hash(article_id, m.start()),
                participants=[Participant(name=m.group("a")), Participant(name=m.group("b"))],
                date=m.group("day"),
                location=m.group("loc"),
                status="occurred",
                evidence=[ev],
                sources=[article_id],
            ).model_dump(mode="json")
        )
    doc.user_data[MEETINGS_KEY] = found
    return doc


@pytest.fixture(scope="module")
def nlp() -> Language:
    register_extensions()
    pipeline = spacy.blank("en")
    pipeline.add_pipe("test_corpus_fake_meetings", name="diplomeet_meetings")
    return pipeline


ARTICLES = [
    {"id": "a1", "text": "Antony Blinken met Wang Yi on 2023-06-19 in Beijing.", "published": "2023-06-19"},
    {"id": "a2", "text": "Tony Blinken met Wang Yi on 2023-06-19 in Beijing. Wang Yi met Josep Borrell.", "published": "2023-06-20"},
    Article(id="a3", text="Blinken met Wang on 2023-06-19.", published="2023-06-21"),
    "Mevlut Cavusoglu met Hakan Fidan on 2022-01-05 in Ankara.",
]


def _sources(meetings: list[Meeting]) -> list[list[str]]:
    return sorted(m.sources for m in meetings)


def test_corpus_is_deduplicated(nlp: Language) -> None:
    out = extract_meetings(ARTICLES, nlp=nlp)
    plain = "a_" + stable_hash(ARTICLES[3])
    assert _sources(out) == [["a1", "a2", "a3"], ["a2"], [plain]]
    talks = next(m for m in out if len(m.sources) == 3)
    assert {p.name for p in talks.participants} == {"Antony Blinken", "Wang Yi"}
    assert len(talks.evidence) == 3


def test_without_dedupe_every_record_stays(nlp: Language) -> None:
    assert len(extract_meetings(ARTICLES, nlp=nlp, dedupe=False)) == 5


def test_undated_reports_join_through_publication_dates(nlp: Language) -> None:
    arts = [
        {"id": "x1", "text": "Antony Blinken met Wang Yi on 2023-06-19 in Beijing.", "published": "2023-06-19"},
        {"id": "x2", "text": "Blinken met Wang Yi in Beijing.", "published": "2023-06-21"},
    ]
    assert _sources(extract_meetings(arts, nlp=nlp)) == [["x1", "x2"]]


def test_one_text(nlp: Language) -> None:
    out = extract_meetings("Antony Blinken met Wang Yi on 2023-06-19.", "2023-06-20", nlp=nlp)
    assert len(out) == 1 and out[0].date.isoformat() == "2023-06-19"
    art = Article(id="one", text="Antony Blinken met Wang Yi.")
    assert extract_meetings(art, nlp=nlp)[0].sources == ["one"]
    with pytest.raises(TypeError):
        extract_meetings(art, "2023-06-20", nlp=nlp)


def test_iter_meetings_streams_in_input_order(nlp: Language) -> None:
    stream = iter_meetings(ARTICLES, nlp=nlp, batch_size=1)
    assert [m.sources[0] for m in stream][:4] == ["a1", "a2", "a2", "a3"]


def test_iter_meetings_is_lazy_on_endless_input(nlp: Language) -> None:
    endless = ({"id": f"n{i}", "text": f"Antony Blinken met Wang Yi on 2023-06-{1 + i % 28:02d}."} for i in itertools.count())
    first = list(itertools.islice(iter_meetings(endless, nlp=nlp, batch_size=4), 10))
    assert [m.sources[0] for m in first] == [f"n{i}" for i in range(10)]


@pytest.mark.parametrize("n_process", [1, 2])
def test_warn_skips_only_the_failing_articles(nlp: Language, n_process: int) -> None:
    arts = [
        *ARTICLES[:2],
        {"id": "boom", "text": "BOOM. Antony Blinken met Wang Yi."},
        {"id": "no-text"},
        {"id": "bad-text", "text": 42},
        {"id": "bad-date", "text": "x", "published": "not a date"},
        17,
        *ARTICLES[2:],
    ]
    with pytest.warns(ExtractionWarning) as caught:
        out = extract_meetings(arts, nlp=nlp, errors="warn", n_process=n_process, batch_size=2)
    messages = sorted(str(w.message) for w in caught)
    assert len(messages) == 5
    assert any("'boom'" in m and "RuntimeError" in m and "broke" in m for m in messages)
    assert any("'no-text'" in m and "no 'text'" in m for m in messages)
    assert any("'bad-text'" in m and "must be a str" in m for m in messages)
    assert any("'bad-date'" in m and "published" in m for m in messages)
    assert any("#6" in m and "int" in m for m in messages)
    plain = "a_" + stable_hash(ARTICLES[3])
    assert _sources(out) == [["a1", "a2", "a3"], ["a2"], [plain]]


def test_ignore_is_silent(nlp: Language) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = extract_meetings([{"id": "boom", "text": "BOOM"}, {"id": "x"}, ARTICLES[0]], nlp=nlp, errors="ignore")
    assert _sources(out) == [["a1"]]


def test_raise_propagates(nlp: Language) -> None:
    with pytest.raises(RuntimeError, match="broke"):
        extract_meetings([ARTICLES[0], {"id": "boom", "text": "BOOM"}], nlp=nlp)
    with pytest.raises(RuntimeError, match="broke"):  # in the middle of a batch
        extract_meetings([ARTICLES[0], {"id": "boom", "text": "BOOM"}, ARTICLES[1]], nlp=nlp, batch_size=8)
    with pytest.raises(InvalidInputError, match="no 'text'"):
        extract_meetings([ARTICLES[0], {"id": "x"}], nlp=nlp)
    with pytest.raises(RuntimeError):
        extract_meetings("BOOM", nlp=nlp)
    assert extract_meetings("BOOM", nlp=nlp, errors="ignore") == []


def test_error_handlers_are_restored(nlp: Language) -> None:
    before = nlp.default_error_handler
    extract_meetings([{"id": "boom", "text": "BOOM"}], nlp=nlp, errors="ignore")
    assert nlp.default_error_handler is before


def test_progress_bar_on_stderr(nlp: Language, capsys: pytest.CaptureFixture[str]) -> None:
    extract_meetings(ARTICLES, nlp=nlp, progress=True)
    captured = capsys.readouterr()
    assert "4/4" in captured.err and captured.out == ""


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"errors": "skip"}, ValueError, "errors must be one of"),
        ({"n_process": 0}, ValueError, "n_process"),
        ({"n_process": "2"}, TypeError, "n_process"),
        ({"n_process": True}, TypeError, "n_process"),
        ({"batch_size": 0}, ValueError, "batch_size"),
        ({"batch_size": 2.5}, TypeError, "batch_size"),
        ({"dedupe": "yes"}, TypeError, "dedupe"),
        ({"progress": 1}, TypeError, "progress"),
    ],
)
def test_bad_options(nlp: Language, kwargs: dict, error: type, match: str) -> None:
    with pytest.raises(error, match=match):
        extract_meetings(ARTICLES, nlp=nlp, **kwargs)
    with pytest.raises(error, match=match):
        iter_meetings(ARTICLES, nlp=nlp, **kwargs)


def test_bad_corpus_arguments(nlp: Language) -> None:
    with pytest.raises(TypeError, match="published"):
        extract_meetings(ARTICLES, "2020-01-01", nlp=nlp)
    with pytest.raises(TypeError, match="iterable"):
        extract_meetings({"id": "a", "text": "x"}, nlp=nlp)  # a dict is one article, not a corpus
    with pytest.raises(TypeError, match="iterable"):
        extract_meetings(42, nlp=nlp)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="one text"):
        iter_meetings("Antony Blinken met Wang Yi.", nlp=nlp)
    with pytest.raises(ValueError, match="dedupe_meetings"):
        iter_meetings(ARTICLES, nlp=nlp, dedupe=True)


def test_to_article() -> None:
    assert to_article("some text").id.startswith("a_")
    assert to_article({"id": 7, "text": "t"}).id == "7"
    assert to_article({"text": "t", "published": "2020-01-02T10:00:00+03:00"}).published.utcoffset() is not None
    with pytest.raises(InvalidInputError, match="unknown key"):
        to_article({"text": "t", "publised": "2020-01-02"})
    with pytest.raises(InvalidInputError, match=r"#3 is a list"):
        to_article(["t"], 3)


# ----------------------------------------------------------------------------- with the model


def seed_articles() -> list[Article]:
    out = []
    for path in sorted(SEEDS.glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (SEEDS / gold["text_file"]).read_text(encoding="utf-8")
        out.append(Article(id=gold["id"], text=text, published=gold["published"], url=gold.get("url")))
    return out


@pytest.mark.model
def test_seed_meetings_shared_by_001_and_004_come_out_once() -> None:
    out = extract_meetings(seed_articles())
    both = ["001_e633b9a43a37ef55", "004_40155533aaa2c299"]
    for day, other in (("2017-11-20", "mammadyarov"), ("2017-11-19", "aliyev")):
        found = [
            m
            for m in out
            if m.date is not None
            and m.date.isoformat() == day
            and any(other in (p.name or "").lower() for p in m.participants)
            and any("lavrov" in (p.name or "").lower() for p in m.participants)
        ]
        assert len(found) == 1, (day, found)
        assert found[0].sources == both
