"""diplomeet.dask: the same meetings as the in-process run, model loaded once per worker."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pytest

pytest.importorskip("dask.bag")
pytest.importorskip("distributed")

import dask
import dask.bag as db
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import diplomeet.dask as ddask
from diplomeet import ExtractionWarning
from diplomeet.corpus import extract_meetings
from diplomeet.models import Article, Evidence, Meeting, Participant, stable_hash
from diplomeet.pipeline.extensions import MEETINGS_KEY, register_extensions

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
_LINE = re.compile(r"(?P<a>[A-Z][\w ]+?) met (?P<b>[A-Z][\w ]+?)(?: on (?P<day>\d{4}-\d\d-\d\d))?\.")


@Language.component("test_dask_fake_meetings")
def fake_meetings(doc: Doc) -> Doc:
    """Stands in for the extractor: 'A met B on 2020-01-02.' becomes a meeting."""
    if "BOOM" in doc.text:
        raise RuntimeError("the component broke")
    found = []
    for m in _LINE.finditer(doc.text):
        ev = Evidence(article_id=doc._.article_id, text=m.group(0), start=m.start(), end=m.end())
        found.append(
            Meeting(
                id=stable_hash(doc._.article_id, m.start()),
                participants=[Participant(name=m.group("a")), Participant(name=m.group("b"))],
                date=m.group("day"),
                status="occurred",
                evidence=[ev],
                sources=[doc._.article_id],
            ).model_dump(mode="json")
        )
    doc.user_data[MEETINGS_KEY] = found
    return doc


ARTICLES = [
    {"id": f"a{i}", "text": text, "published": f"2023-06-{19 + i % 3}"}
    for i, text in enumerate(
        [
            "Antony Blinken met Wang Yi on 2023-06-19.",
            "Tony Blinken met Wang Yi on 2023-06-19. Wang Yi met Josep Borrell.",
            "Blinken met Wang.",
            "Hakan Fidan met Wang Yi on 2023-06-20.",
            "Mevlut Cavusoglu met Wang Yi on 2023-06-19.",
            "BOOM",
            "Wang Yi met Josep Borrell on 2023-06-21.",
        ]
    )
]


@pytest.fixture(scope="module")
def fake_model(tmp_path_factory: pytest.TempPathFactory) -> str:
    register_extensions()
    nlp = spacy.blank("en")
    nlp.add_pipe("test_dask_fake_meetings", name="diplomeet_meetings")
    path = tmp_path_factory.mktemp("model") / "fake"
    nlp.to_disk(path)
    return str(path)


def _dump(meetings: list[Meeting]) -> list[dict]:
    return [m.model_dump(mode="json") for m in meetings]


@pytest.mark.parametrize("dedupe", [True, False])
def test_equal_to_the_in_process_run(fake_model: str, dedupe: bool) -> None:
    expected = extract_meetings(ARTICLES, nlp=spacy.load(fake_model), dedupe=dedupe, errors="ignore")
    bag = db.from_sequence(ARTICLES, npartitions=3)
    with dask.config.set(scheduler="sync"):
        got = ddask.extract_meetings(bag, model=fake_model, dedupe=dedupe, errors="ignore")
    assert _dump(got) == _dump(expected)
    if dedupe:
        assert sorted(m.sources for m in got)[0] == ["a0", "a1", "a2"]


def test_warnings_come_back_to_the_client(fake_model: str) -> None:
    bag = db.from_sequence([*ARTICLES, {"id": "no-text"}], npartitions=2)
    with dask.config.set(scheduler="sync"), pytest.warns(ExtractionWarning) as caught:
        ddask.extract_meetings(bag, model=fake_model, errors="warn")
    messages = sorted(str(w.message) for w in caught)
    assert len(messages) == 2
    assert any("'a5'" in m and "broke" in m for m in messages)
    assert any("'no-text'" in m and "no 'text'" in m for m in messages)


def test_errors_raise(fake_model: str) -> None:
    with dask.config.set(scheduler="sync"), pytest.raises(RuntimeError, match="broke"):
        ddask.extract_meetings(db.from_sequence(ARTICLES, npartitions=2), model=fake_model)


def test_bad_arguments() -> None:
    with pytest.raises(TypeError, match="Bag"):
        ddask.extract_meetings(ARTICLES)  # type: ignore[arg-type]
    bag = db.from_sequence(ARTICLES)
    with pytest.raises(TypeError, match="model name"):
        ddask.extract_meetings(bag, model=spacy.blank("en"))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="errors"):
        ddask.extract_meetings(bag, errors="skip")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="dedupe"):
        ddask.extract_meetings(bag, dedupe=1)  # type: ignore[arg-type]


def seed_articles() -> list[Article]:
    out = []
    for path in sorted(SEEDS.glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (SEEDS / gold["text_file"]).read_text(encoding="utf-8")
        out.append(Article(id=gold["id"], text=text, published=gold["published"]))
    return out


@pytest.mark.model
@pytest.mark.slow
def test_local_cluster_equals_in_process_on_the_seeds() -> None:
    from distributed import Client, LocalCluster

    articles = seed_articles()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster, Client(
            cluster
        ) as client:
            bag = db.from_sequence(articles, npartitions=4)
            got = ddask.extract_meetings(bag)
            loads = client.run(lambda: __import__("diplomeet.dask", fromlist=["_LOADS"])._LOADS)
    assert sum(loads.values()) >= 1 and all(n <= 1 for n in loads.values())
    expected = extract_meetings(articles)
    assert _dump(got) == _dump(expected)
    both = ["001_e633b9a43a37ef55", "004_40155533aaa2c299"]
    assert sum(1 for m in got if m.sources == both) >= 1
