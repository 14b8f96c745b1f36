"""The spaCy integration: components, extensions, load(), serialisation, n_process=2, hostile inputs.

The first half builds docs on ``spacy.blank("en")`` (no statistical model); the second half
(marked ``model``) shares one ``diplomeet.load()`` pipeline.
"""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
import textwrap
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

import diplomeet
from diplomeet import Article, Evidence, InvalidInputError, Meeting, ModelNotFoundError, Participant
from diplomeet.extract import prepare_doc
from diplomeet.pipeline.extensions import MEETINGS_KEY, published_iso, register_extensions

MEETING_SENTENCE = (
    "Chinese Foreign Minister Wang Yi held talks with U.S. Secretary of State Antony Blinken "
    "in Rome on Sunday."
)
PUBLISHED = "2021-11-01"  # a Monday: "on Sunday" is 31 October 2021


def _meeting(**changes: object) -> Meeting:
    data: dict[str, object] = dict(
        id="m_0123456789abcdef",
        participants=[
            Participant(name="Wang Yi", role="Foreign Minister", country="China", country_code="CHN"),
            Participant(
                name="Antony Blinken",
                aliases=["Blinken"],
                role="Secretary of State",
                country="United States",
                country_code="USA",
            ),
        ],
        date=date(2021, 10, 31),
        date_text="on Sunday",
        location="Rome",
        location_country="Italy",
        status="occurred",
        kind="in_person",
        evidence=[Evidence(article_id="a1", text=MEETING_SENTENCE, start=0, end=len(MEETING_SENTENCE))],
        sources=["a1"],
        confidence=0.9,
    )
    data.update(changes)
    return Meeting(**data)


# ----------------------------------------------------------------------------- diplomeet_paragraphs


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("Talks in Rome\nWang Yi met Antony Blinken.", ["Wang"]),
        ("Talks in Rome \nWang Yi met Antony Blinken.", ["Wang"]),
        ("Title\n\nBody text\r\nMore text", ["Body", "More"]),
        ("Title\n \nBody", ["Body"]),
        ("Title\n  Indented body", ["Indented"]),
        ("\nLead sentence here", ["Lead"]),
        ("No break at the end\n", []),
        ("One. Two three\tfour  five", []),  # punctuation, tabs and double spaces are not line breaks
    ],
)
def test_paragraphs_start_a_sentence_after_every_line_break_and_nowhere_else(text, starts):
    nlp = spacy.blank("en")
    nlp.add_pipe("diplomeet_paragraphs")
    doc = nlp(text)
    marked = [t.text for t in doc[1:] if t.is_sent_start]
    assert marked == starts
    # every other token is left for the parser to decide (unset, not forced to False)
    assert all(t.is_sent_start is None for t in doc[1:] if t.text not in starts)


def test_paragraph_starts_survive_a_later_sentence_splitter():
    nlp = spacy.blank("en")
    nlp.add_pipe("diplomeet_paragraphs")
    nlp.add_pipe("sentencizer")
    doc = nlp("Rome talks\nWang Yi met Antony Blinken. They spoke\nfor an hour")
    assert [s.text.strip() for s in doc.sents] == [
        "Rome talks",
        "Wang Yi met Antony Blinken.",
        "They spoke",
        "for an hour",
    ]


# ----------------------------------------------------------------------------- registration


def test_factories_are_found_through_the_entry_point_in_a_fresh_interpreter():
    code = textwrap.dedent(
        """
        import sys
        from importlib.metadata import entry_points
        import spacy
        from spacy.tokens import Doc

        names = sorted(ep.name for ep in entry_points(group="spacy_factories") if ep.name.startswith("diplomeet_"))
        assert not [m for m in sys.modules if m.split(".")[0] == "diplomeet"], "imported too early"
        nlp = spacy.blank("en")
        nlp.add_pipe("diplomeet_paragraphs")
        component = nlp.add_pipe("diplomeet_meetings", config={"min_confidence": 0.7})
        print(names, nlp.pipe_names, type(component).__name__, component.min_confidence,
              Doc.has_extension("meetings"), Doc.has_extension("published"))
        """
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == [
        "['diplomeet_meetings',",
        "'diplomeet_paragraphs']",
        "['diplomeet_paragraphs',",
        "'diplomeet_meetings']",
        "MeetingExtractor",
        "0.7",
        "True",
        "True",
    ]


def test_blank_pipeline_config_survives_to_disk_and_spacy_load(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("diplomeet_paragraphs")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("diplomeet_meetings", config={"min_confidence": 0.65, "use_officials_table": False})
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == ["diplomeet_paragraphs", "sentencizer", "diplomeet_meetings"]
    component = loaded.get_pipe("diplomeet_meetings")
    assert (component.min_confidence, component.use_officials_table) == (0.65, False)
    assert loaded.config["components"]["diplomeet_meetings"]["min_confidence"] == 0.65


# ----------------------------------------------------------------------------- doc._.meetings


def test_meetings_getter_rebuilds_meeting_objects_from_json_data():
    register_extensions()
    doc = spacy.blank("en")(MEETING_SENTENCE)
    assert doc._.meetings == []
    meeting = _meeting()
    other = _meeting(id="m_fedcba9876543210", kind="phone", location=None, location_country=None)
    doc.user_data[MEETINGS_KEY] = [meeting.model_dump(mode="json"), other.model_dump(mode="json")]
    json.dumps(doc.user_data[MEETINGS_KEY])  # storage is plain JSON data
    first, second = doc._.meetings, doc._.meetings
    assert first == [meeting, other]
    assert all(isinstance(m, Meeting) for m in first)
    assert first[0] is not second[0]  # rebuilt on every access, never a stored object
    assert first[0].date == date(2021, 10, 31)


@pytest.mark.parametrize("how", ["bytes", "pickle"])
def test_meetings_survive_doc_serialisation(how):
    register_extensions()
    nlp = spacy.blank("en")
    doc = nlp(MEETING_SENTENCE)
    meeting = _meeting()
    doc.user_data[MEETINGS_KEY] = [meeting.model_dump(mode="json")]
    doc._.published = "2021-11-01"
    doc._.article_id = "a1"
    if how == "bytes":
        copy = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    else:
        copy = pickle.loads(pickle.dumps(doc))
    assert copy._.meetings == [meeting]
    assert (copy._.published, copy._.article_id) == ("2021-11-01", "a1")


def test_component_stores_json_data_and_applies_min_confidence(monkeypatch):
    kept, dropped = _meeting(confidence=0.9), _meeting(id="m_low", confidence=0.55)
    calls = []

    def fake_meetings_from_doc(doc, *, use_officials_table=True):
        calls.append(use_officials_table)
        return [kept, dropped]

    monkeypatch.setattr("diplomeet.extract.meetings_from_doc", fake_meetings_from_doc)
    nlp = spacy.blank("en")
    nlp.add_pipe("diplomeet_meetings", config={"min_confidence": 0.6, "use_officials_table": False})
    doc = nlp(MEETING_SENTENCE)
    assert calls == [False]
    assert doc.user_data[MEETINGS_KEY] == [kept.model_dump(mode="json")]
    assert doc._.meetings == [kept]


# ----------------------------------------------------------------------------- prepare_doc, published


def test_prepare_doc_sets_article_id_and_published_without_running_the_pipeline():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = prepare_doc(nlp, Article(id="x-1", text=MEETING_SENTENCE, published=date(2021, 11, 1)))
    assert (doc._.article_id, doc._.published) == ("x-1", "2021-11-01")
    assert doc.text == MEETING_SENTENCE
    assert not doc.has_annotation("SENT_START")  # tokenised only

    anonymous = prepare_doc(nlp, Article(text=MEETING_SENTENCE))
    assert anonymous._.article_id == Article(text=MEETING_SENTENCE).id
    assert anonymous._.article_id.startswith("a_")
    assert anonymous._.published is None


@pytest.mark.parametrize(
    ("published", "stored"),
    [
        ("2021-11-01", "2021-11-01"),
        ("2021-11-01T09:30:00Z", "2021-11-01T09:30:00+00:00"),
        (datetime(2021, 11, 1, 9, 30), "2021-11-01T09:30:00"),
        (datetime(2021, 11, 1, 1, 30, tzinfo=timezone(timedelta(hours=9))), "2021-11-01T01:30:00+09:00"),
    ],
)
def test_prepare_doc_stores_published_as_iso_text(published, stored):
    doc = prepare_doc(spacy.blank("en"), Article(text="Text.", published=published))
    assert doc._.published == stored
    assert isinstance(doc._.published, str)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("2021-11-01", "2021-11-01"),
        (date(2021, 11, 1), "2021-11-01"),
        (datetime(2021, 11, 1, 9, 30, 5), "2021-11-01T09:30:05"),
        (datetime(2021, 11, 1, 9, 30, tzinfo=timezone(timedelta(hours=-5))), "2021-11-01T09:30:00-05:00"),
        (datetime(2021, 11, 1, tzinfo=timezone.utc), "2021-11-01T00:00:00+00:00"),
    ],
)
def test_published_iso_conversions(value, expected):
    assert published_iso(value) == expected


@pytest.mark.parametrize("value", [20211101, 1.5, True, b"2021-11-01", ["2021-11-01"]])
def test_published_iso_refuses_other_types(value):
    with pytest.raises(TypeError, match="published must be a date, datetime, ISO string or None"):
        published_iso(value)


# ----------------------------------------------------------------------------- wrong pipelines


def test_component_without_sentences_raises_a_clear_error():
    nlp = spacy.blank("en")
    nlp.add_pipe("diplomeet_meetings")
    with pytest.raises(InvalidInputError, match="parser or senter"):
        nlp(MEETING_SENTENCE)


def test_component_without_parser_but_with_line_breaks_raises():
    nlp = spacy.blank("en")
    nlp.add_pipe("diplomeet_paragraphs")
    nlp.add_pipe("diplomeet_meetings")
    with pytest.raises(InvalidInputError, match="parser or senter"):
        nlp("Rome talks\n" + MEETING_SENTENCE)


def test_component_without_ner_raises_a_clear_error():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("diplomeet_meetings")
    with pytest.raises(InvalidInputError, match="NER|ner|entit"):
        nlp(MEETING_SENTENCE)


# ----------------------------------------------------------------------------- load() errors


@pytest.mark.parametrize("model", ["diplomeet_no_such_model", "", Path("/nonexistent/diplomeet-model")])
def test_load_unknown_model_raises_model_not_found(model):
    with pytest.raises(ModelNotFoundError, match="Cannot load the spaCy pipeline"):
        diplomeet.load(model)


def test_load_empty_folder_raises_model_not_found(tmp_path):
    with pytest.raises(ModelNotFoundError):
        diplomeet.load(tmp_path)


@pytest.mark.parametrize("model", [42, b"en_core_web_sm", ["en_core_web_sm"]])
def test_load_wrong_type_raises_type_error(model):
    with pytest.raises(TypeError, match="model must be a spaCy Language"):
        diplomeet.load(model)


def test_load_language_without_ner_raises_model_not_found():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    with pytest.raises(ModelNotFoundError, match="no 'ner' component"):
        diplomeet.load(nlp)
    assert "diplomeet_meetings" not in nlp.pipe_names


# ============================================================================= with the model


@pytest.fixture(scope="module")
def nlp():
    return diplomeet.load()


ARTICLES = [
    (
        "Turkish Foreign Minister Mevlut Cavusoglu met his Greek counterpart Nikos Dendias in Ankara "
        "on Tuesday. The two ministers discussed maritime disputes.",
        "2021-04-15",
    ),
    (MEETING_SENTENCE + " They discussed trade and climate.", PUBLISHED),
    (
        "French President Emmanuel Macron spoke by phone with German Chancellor Olaf Scholz on Friday, "
        "the Elysee said.",
        "2022-03-14",
    ),
    (
        "Indian External Affairs Minister Subrahmanyam Jaishankar will meet Japanese Foreign Minister "
        "Yoshimasa Hayashi in Tokyo on March 20.",
        "2022-03-10",
    ),
]
EXPECTED = [  # (names, date, place, status, kind) of the one meeting of each article
    ({"Mevlut Cavusoglu", "Nikos Dendias"}, date(2021, 4, 13), "Ankara", "occurred", "in_person"),
    ({"Wang Yi", "Antony Blinken"}, date(2021, 10, 31), "Rome", "occurred", "in_person"),
    ({"Emmanuel Macron", "Olaf Scholz"}, date(2022, 3, 11), None, "occurred", "phone"),
    ({"Subrahmanyam Jaishankar", "Yoshimasa Hayashi"}, date(2022, 3, 20), "Tokyo", "planned", "in_person"),
]


def _summary(meetings: list[Meeting]) -> list[tuple]:
    return [({p.name for p in m.participants}, m.date, m.location, m.status, m.kind) for m in meetings]


def _docs(nlp, articles=ARTICLES):
    return [prepare_doc(nlp, Article(id=f"art-{i}", text=t, published=p)) for i, (t, p) in enumerate(articles)]


@pytest.mark.model
def test_load_is_cached_and_components_are_in_order(nlp):
    assert diplomeet.load() is nlp
    assert diplomeet.load(None) is nlp
    names = nlp.pipe_names
    assert names.index("diplomeet_paragraphs") < names.index("parser")
    assert names[-1] == "diplomeet_meetings"
    assert names.count("diplomeet_meetings") == names.count("diplomeet_paragraphs") == 1
    assert diplomeet.load(nlp) is nlp and nlp.pipe_names == names  # idempotent on a loaded pipeline


@pytest.mark.model
def test_to_disk_and_spacy_load_keep_components_and_meetings(nlp, tmp_path):
    nlp.to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    assert loaded.pipe_names == nlp.pipe_names
    assert loaded.get_pipe("diplomeet_meetings").min_confidence == nlp.get_pipe("diplomeet_meetings").min_confidence
    text, published = ARTICLES[0]
    article = Article(id="round-trip", text=text, published=published)
    before = nlp(prepare_doc(nlp, article))._.meetings
    after = loaded(prepare_doc(loaded, article))._.meetings
    assert _summary(after) == [EXPECTED[0]]
    assert after == before


@pytest.mark.model
def test_pipe_with_two_processes_gives_the_same_meetings(nlp):
    docs_one = list(nlp.pipe(_docs(nlp), n_process=1))
    inputs = _docs(nlp)
    docs_two = list(nlp.pipe(inputs, n_process=2, batch_size=1))
    assert all(out is not given for out, given in zip(docs_two, inputs))  # came back from workers
    assert [_summary(d._.meetings) for d in docs_one] == [[e] for e in EXPECTED]
    assert [d._.meetings for d in docs_two] == [d._.meetings for d in docs_one]
    assert [d._.published for d in docs_two] == [p for _, p in ARTICLES]
    assert [m.sources for d in docs_two for m in d._.meetings] == [[f"art-{i}"] for i in range(4)]


@pytest.mark.model
def test_extract_meetings_on_a_two_sentence_article(nlp):
    text = MEETING_SENTENCE + " The two diplomats discussed trade and climate change."
    (meeting,) = diplomeet.extract_meetings(text, PUBLISHED)
    people = {p.name: p for p in meeting.participants}
    assert set(people) == {"Wang Yi", "Antony Blinken"}
    assert (people["Wang Yi"].country, people["Wang Yi"].country_code) == ("China", "CHN")
    assert people["Wang Yi"].role == "Foreign Minister"
    assert (people["Antony Blinken"].country_code, people["Antony Blinken"].role) == ("USA", "Secretary of State")
    assert (meeting.date, meeting.date_end, meeting.location) == (date(2021, 10, 31), None, "Rome")
    assert (meeting.status, meeting.kind) == ("occurred", "in_person")
    (evidence,) = meeting.evidence
    assert evidence.text == MEETING_SENTENCE
    assert text[evidence.start : evidence.end] == MEETING_SENTENCE


@pytest.mark.model
def test_component_refuses_a_bad_published_set_by_hand(nlp):
    doc = nlp.make_doc(MEETING_SENTENCE)
    register_extensions()
    doc._.published = "not a date"
    with pytest.raises(InvalidInputError, match="published"):
        nlp(doc)


# ----------------------------------------------------------------------------- hostile inputs


@pytest.mark.model
@pytest.mark.parametrize("text", ["", " ", "   \n\n\t  \r\n ", "\n" * 5000, "\u200b\u00a0\ufeff"])
def test_empty_and_whitespace_texts_give_no_meetings(nlp, text):
    assert diplomeet.extract_meetings(text) == []
    assert diplomeet.extract_meetings(text, PUBLISHED) == []


@pytest.mark.model
def test_a_200000_character_text_of_repeated_sentences_finishes(nlp):
    unit = (
        MEETING_SENTENCE
        + " The two sides discussed trade, climate and the situation in the region."
        + " Markets in Asia were calm and the weather remained mild for the season."
        + " Officials said further contacts would follow at the working level. "
    )
    text = (unit * (200_000 // len(unit) + 1))[:200_000]
    started = time.process_time()
    meetings = diplomeet.extract_meetings(text, PUBLISHED)
    spent = time.process_time() - started
    assert spent < 60, f"{spent:.1f} s of CPU for 200,000 characters"  # measured: about 10 s
    assert isinstance(meetings, list)
    assert _summary(meetings) == [EXPECTED[1]]
    assert all(text[e.start : e.end] == e.text for e in meetings[0].evidence)


NOISE = {
    "control characters": "\x00\x07\x1b[31m\x7f\x08\n" + MEETING_SENTENCE + "\n\x1b[0m\x0c\x0b\n",
    "emoji": "\U0001f600\U0001f1e8\U0001f1f3\U0001f91d\U0001f1fa\U0001f1f8\n" + MEETING_SENTENCE + " \U0001f600",
    "right-to-left": "\u0648\u0632\u064a\u0631 \u0627\u0644\u062e\u0627\u0631\u062c\u064a\u0629.\n"
    + MEETING_SENTENCE
    + "\n\u05e9\u05dc\u05d5\u05dd \u202eabc\u202c\u200f",
    "bidi override first": "\u202e" + MEETING_SENTENCE,
    "zero-width around the sentence": "\u200b\ufeff" + MEETING_SENTENCE + "\u200d\u2060",
}


@pytest.mark.model
@pytest.mark.parametrize("text", list(NOISE.values()), ids=list(NOISE))
def test_noisy_characters_around_a_meeting(nlp, text):
    meetings = diplomeet.extract_meetings(text, PUBLISHED)
    assert _summary(meetings) == [EXPECTED[1]]
    for evidence in meetings[0].evidence:
        assert 0 <= evidence.start < evidence.end <= len(text)


@pytest.mark.model
def test_control_character_inside_a_word_does_not_leak_into_fields(nlp):
    (meeting,) = diplomeet.extract_meetings(MEETING_SENTENCE.replace("Rome", "Rome\x00"), PUBLISHED)
    assert meeting.location == "Rome"


CUT_NAME = pytest.mark.xfail(
    strict=True, reason="the name is cut at an invisible character inside it ('Antony Blin' / 'Antony')"
)


@pytest.mark.model
@pytest.mark.parametrize(
    "written",
    [
        pytest.param("Antony Blin\u00adken", id="soft hyphen", marks=CUT_NAME),
        pytest.param("Antony Blin\u200dken", id="ZWJ", marks=CUT_NAME),
        pytest.param("Antony Blin\u2060ken", id="word joiner", marks=CUT_NAME),
        pytest.param("Antony  Blinken", id="double space"),
        pytest.param("Antony \u200bBlinken", id="zero-width space after a space"),
    ],
)
def test_odd_characters_inside_a_name_keep_the_name(nlp, written):
    text = MEETING_SENTENCE.replace("Antony Blinken", written)
    (meeting,) = diplomeet.extract_meetings(text, PUBLISHED)
    assert {p.name for p in meeting.participants} == {"Wang Yi", "Antony Blinken"}


@pytest.mark.model
def test_evidence_text_is_the_article_slice_with_non_breaking_spaces(nlp):
    text = MEETING_SENTENCE.replace(" ", "\u00a0", 3)
    (meeting,) = diplomeet.extract_meetings(text, PUBLISHED)
    (evidence,) = meeting.evidence
    assert evidence.text == text[evidence.start : evidence.end]


@pytest.mark.model
@pytest.mark.parametrize("text", [123, 4.5, None])
def test_non_str_text_raises_type_error(nlp, text):
    with pytest.raises(TypeError):
        diplomeet.extract_meetings(text)


@pytest.mark.model
def test_bytes_text_raises_type_error(nlp):
    with pytest.raises(TypeError):
        diplomeet.extract_meetings(MEETING_SENTENCE.encode())


@pytest.mark.model
@pytest.mark.parametrize("published", ["not a date", "2021-13-45", ""])
def test_unreadable_published_raises_invalid_input(nlp, published):
    with pytest.raises(InvalidInputError, match="published"):
        diplomeet.extract_meetings(MEETING_SENTENCE, published)


@pytest.mark.model
@pytest.mark.parametrize("published", [20211101, 1635724800.0])
def test_numeric_published_is_refused(nlp, published):
    with pytest.raises((TypeError, InvalidInputError)):
        diplomeet.extract_meetings(MEETING_SENTENCE, published)


@pytest.mark.model
@pytest.mark.parametrize(
    "published",
    [
        datetime(2021, 11, 1, 1, 30, tzinfo=timezone(timedelta(hours=9))),  # Sunday 16:30 in UTC
        datetime(2021, 11, 1, 22, 0, tzinfo=timezone(timedelta(hours=-8))),  # Tuesday in UTC
        datetime(2021, 11, 1, 12, 0, tzinfo=timezone.utc),
        "2021-11-01T01:30:00+09:00",
    ],
)
def test_tz_aware_published_uses_the_local_day(nlp, published):
    (meeting,) = diplomeet.extract_meetings(MEETING_SENTENCE, published)
    assert meeting.date == date(2021, 10, 31)
