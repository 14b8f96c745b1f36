"""Robustness: arbitrary text, long inputs, no network, deterministic output, bounded sentences."""

from __future__ import annotations

import io
import socket
import string
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import diplomeet
from diplomeet import Article, InvalidInputError
from diplomeet.formats import write_jsonl
from diplomeet.invariants import meeting_problems
from diplomeet.pipeline.paragraphs import MAX_SENTENCE_TOKENS
from diplomeet.sections import SECTION_CHARS, split_sections

# invented material for generated articles
PEOPLE = ["Penny Wong", "Melanie Joly", "Espen Barth Eide", "Musalia Mudavadi", "Wong", "Joly", "Eide"]
TITLES = ["Foreign Minister", "President", "Prime Minister", "the Kenyan minister", "his counterpart", ""]
VERBS = ["met", "held talks with", "spoke by phone with", "will meet", "received", "hosted", "called"]
TAILS = ["in Oslo", "on Monday", "on March 3", "on 4-5 May", "next week", "in Nairobi on Friday", ""]
JUNK = ["\x00", "\u200b", "\ufeff", "\u202e", "\r\n", "\n\n", "\t", "\u0416", "\u4e2d", "\u0627",
        "\U0001f600", "....", ",,,", "(", ")", '"', "e\u0301", "x" * 300]


@st.composite
def articles_text(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["sentence", "sentence", "junk", "text"]))
        if kind == "sentence":
            parts.append(" ".join(x for x in [
                draw(st.sampled_from(TITLES)), draw(st.sampled_from(PEOPLE)), draw(st.sampled_from(VERBS)),
                draw(st.sampled_from(TITLES)), draw(st.sampled_from(PEOPLE)), draw(st.sampled_from(TAILS)),
            ] if x) + draw(st.sampled_from([".", "", "!", "?", ";"])))
        elif kind == "junk":
            parts.append(draw(st.sampled_from(JUNK)))
        else:
            parts.append(draw(st.text(max_size=40)))
    return draw(st.sampled_from([" ", "\n", ""])).join(parts)


ANY_TEXT = st.one_of(articles_text(), st.text(max_size=200), st.text(string.printable, max_size=200))
SETTINGS = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def nlp():
    return diplomeet.load()


@pytest.mark.model
@SETTINGS
@given(text=ANY_TEXT, published=st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2030, 12, 31))))
def test_arbitrary_text_gives_valid_meetings(nlp, text, published):
    meetings = diplomeet.extract_meetings(text, published, nlp=nlp)
    ids = {Article(text=text).id: text}
    for m in meetings:
        assert meeting_problems(m, ids) == []


@pytest.mark.model
@SETTINGS
@given(
    items=st.lists(
        st.fixed_dictionaries(
            {"text": ANY_TEXT},
            optional={"published": st.one_of(st.text(max_size=12), st.dates().map(str), st.integers()),
                      "id": st.text(max_size=5)},
        ),
        min_size=1,
        max_size=4,
    )
)
def test_arbitrary_corpus_gives_valid_meetings_or_documented_errors(nlp, items):
    try:
        meetings = diplomeet.extract_meetings(items, nlp=nlp)
    except (InvalidInputError, TypeError, ValueError):
        return  # documented: a malformed article under errors="raise"
    texts = {diplomeet.corpus.to_article(item).id: item["text"] for item in items}
    for m in meetings:
        assert meeting_problems(m, texts) == []


@pytest.mark.model
def test_bad_articles_are_skipped_with_a_warning_and_the_rest_goes_on(nlp):
    items = [{"text": "Penny Wong met Melanie Joly in Ottawa on Monday.", "id": "good", "published": "2023-05-02"},
             {"text": "x", "published": "someday"}, {"text": None}, 7]
    with pytest.warns(diplomeet.ExtractionWarning) as caught:
        meetings = diplomeet.extract_meetings(items, nlp=nlp, errors="warn")
    assert len(caught) == 3
    assert [m.sources for m in meetings] == [["good"]]


# --------------------------------------------------------------------------- long inputs


def test_sections_cover_the_text_and_stay_bounded():
    text = ("Penny Wong met Melanie Joly. " * 900 + "\n\n") * 3 + "x" * 50_000
    spans = split_sections(text)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert all(0 < end - start <= SECTION_CHARS for start, end in spans)
    assert text[spans[0][1] - 2 : spans[0][1]] == "\n\n" or text[spans[0][1] - 1] == " "
    assert split_sections("short") == [(0, 5)]


@pytest.mark.model
def test_sentences_are_bounded(nlp):
    doc = nlp("Penny Wong Melanie Joly Espen Eide " * 200 + "\n" + "Minister, " * 400)
    assert max(len(s) for s in doc.sents) <= MAX_SENTENCE_TOKENS


@pytest.mark.model
def test_long_article_is_read_in_sections_with_offsets_into_the_whole_text(nlp):
    filler = "".join(f"Paragraph {i} says nothing of note about the weather in the region.\n\n" for i in range(600))
    tail = "Penny Wong met Melanie Joly in Ottawa on Monday, the ministry said."
    text = "OTTAWA, May 2 - " + filler + tail
    assert len(text) > 2 * SECTION_CHARS
    meetings = diplomeet.extract_meetings(text, "2023-05-02", nlp=nlp)
    ids = {Article(text=text).id: text}
    assert [m for m in meetings if meeting_problems(m, ids)] == []
    assert len(meetings) == 1 and meetings[0].date == date(2023, 5, 1)
    evidence = meetings[0].evidence[0]
    assert text[evidence.start : evidence.end] == tail
    from diplomeet.extract import prepare_docs

    docs = prepare_docs(nlp, Article(text="Penny Wong Melanie Joly " * 60_000))  # over spaCy's max_length
    assert len(docs) > 60 and max(len(d.text) for d in docs) <= SECTION_CHARS


# --------------------------------------------------------------------------- no network


@pytest.mark.model
def test_extraction_runs_with_sockets_disabled(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("diplomeet tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    from diplomeet.pipeline.loading import _installed_default, _load_named

    nlp = _load_named.__wrapped__(_installed_default())  # a fresh load, not the cached pipeline
    text = "Foreign Minister Penny Wong met her Canadian counterpart Melanie Joly in Ottawa on Monday."
    meetings = diplomeet.extract_meetings(
        [{"id": "a", "text": text, "published": "2023-05-03"}, {"id": "b", "text": text, "published": "2023-05-04"}],
        nlp=nlp,
    )
    assert len(meetings) == 1 and meetings[0].sources == ["a", "b"]


# --------------------------------------------------------------------------- determinism


CORPUS = [
    {"id": f"d{i}", "text": text, "published": f"2023-05-0{1 + i % 5}"}
    for i, text in enumerate([
        "Foreign Minister Penny Wong met her Canadian counterpart Melanie Joly in Ottawa on Monday.",
        "Melanie Joly and Penny Wong held talks in Ottawa on Monday, the ministry said.",
        "Norwegian Foreign Minister Espen Barth Eide spoke by phone with Kenya's Musalia Mudavadi on Tuesday.",
        "Mudavadi will travel to Oslo next week to meet Eide. A planned visit to Lima was cancelled.",
        "President William Ruto received Espen Barth Eide in Nairobi on Friday.\n\nThe two discussed trade.",
    ] * 2)
]


def _jsonl(meetings) -> bytes:
    buffer = io.StringIO()
    write_jsonl(meetings, buffer)
    return buffer.getvalue().encode("utf-8")


@pytest.mark.model
def test_output_is_byte_identical_across_runs_and_processes(nlp):
    first = _jsonl(diplomeet.extract_meetings(CORPUS, nlp=nlp))
    assert first and first == _jsonl(diplomeet.extract_meetings(CORPUS, nlp=nlp))
    assert first == _jsonl(diplomeet.extract_meetings(list(reversed(CORPUS)), nlp=nlp))
    assert first == _jsonl(diplomeet.extract_meetings(CORPUS, nlp=nlp, n_process=2, batch_size=3))
    assert _jsonl(list(diplomeet.iter_meetings(CORPUS, nlp=nlp))) == _jsonl(list(diplomeet.iter_meetings(CORPUS, nlp=nlp)))


@pytest.mark.model
@pytest.mark.parametrize("published", ["9999-12-31", "0001-01-01"])
def test_publication_date_at_the_edge_of_the_calendar(nlp, published):
    text = "Penny Wong will meet Melanie Joly on Friday. Wong met Joly last Tuesday."
    meetings = diplomeet.extract_meetings(text, published, nlp=nlp)
    assert meetings and all(meeting_problems(m, {Article(text=text).id: text}) == [] for m in meetings)


def test_meetings_at_the_end_of_the_calendar_merge():
    from diplomeet import Evidence, Meeting, Participant, dedupe_meetings

    def report(source: str) -> Meeting:
        return Meeting(
            id="m-" + source, date=date(9999, 12, 31), status="occurred", sources=[source],
            participants=[Participant(name="Penny Wong"), Participant(name="Melanie Joly")],
            evidence=[Evidence(article_id=source, text="Wong met Joly.", start=0, end=14)],
        )

    assert len(dedupe_meetings([report("a"), report("b")])) == 1
