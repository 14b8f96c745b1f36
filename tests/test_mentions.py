"""Names from messy pages: what a person's name is, and what is not part of it.

Short invented texts; each checks the people the extractor reports (full names, roles,
countries) rather than only the meetings.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

import diplomeet
from diplomeet.mentions import _modifies_plural_noun

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp():
    return diplomeet.load()


def _names(nlp, text: str, published: str = "2024-03-04") -> list[set[str]]:
    meetings = diplomeet.extract_meetings(text, published, nlp=nlp)
    return [{p.name for p in m.participants} for m in meetings]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a title-case headline: its verbs and nouns are no part of the names before them
        (
            "Ramaphosa, Lula Hold Virtual Bilateral Meeting\n\n"
            "South African President Cyril Ramaphosa met with Brazilian President Luiz Inacio "
            "Lula da Silva on Friday in a virtual meeting on trade.",
            [{"Cyril Ramaphosa", "Luiz Inacio Lula da Silva"}],
        ),
        # a weekday after a name
        (
            "Turkish President Recep Tayyip Erdogan Thursday met Hungarian Prime Minister "
            "Viktor Orban in Budapest.",
            [{"Recep Tayyip Erdogan", "Viktor Orban"}],
        ),
        # a hyphenated given name in lower case after the hyphen
        (
            "South Korean Unification Minister Kim Yung-ho met Thai Foreign Minister "
            "Somchai Wattana-kul in Bangkok on Tuesday.",
            [{"Kim Yung-ho", "Somchai Wattana-kul"}],
        ),
        # long Arabic names with particles, Malay honorifics
        (
            "UAE Foreign Minister Sheikh Abdullah bin Zayed bin Sultan Al Nahyan met Malaysian "
            "Defence Minister Dato Seri Ahmad Zahid Bin Hamidi in Abu Dhabi on Monday.",
            [{"Abdullah bin Zayed bin Sultan Al Nahyan", "Ahmad Zahid Bin Hamidi"}],
        ),
        # "His Majesty King": honorifics before the title
        (
            "Dutch Prime Minister Mark Rutte had an audience with His Majesty King Philippe "
            "of Belgium in Brussels on Friday.",
            [{"Mark Rutte", "Philippe"}],
        ),
    ],
    ids=["headline-verbs", "weekday", "hyphen-lower", "arabic-malay", "majesty"],
)
def test_names_are_whole_and_clean(nlp, text, expected):
    assert _names(nlp, text) == expected


def test_hard_wrapped_name_is_one_person(nlp):
    text = (
        "ISLAMABAD, March 3 (APP) Pakistan's Prime Minister Shehbaz\n"
        "Sharif met President Recep Tayyip Erdogan in Ankara on Monday,\n"
        "two weeks after his talks with Malaysian Prime Minister Anwar\n"
        "Ibrahim in Kuala Lumpur, officials said on Tuesday evening.\n"
    )
    meetings = diplomeet.extract_meetings(text, "2024-03-05", nlp=nlp)
    people = {p.name for m in meetings for p in m.participants}
    assert {"Shehbaz Sharif", "Recep Tayyip Erdogan", "Anwar Ibrahim"} <= people
    assert not people & {"Shehbaz", "Anwar", "Sharif", "Ibrahim"}


def test_fuller_and_capitalised_forms_join_one_person(nlp):
    text = (
        "Colombian President Gustavo Petro met Chilean President Gabriel Boric in Bogota on "
        "Monday. Gabriel Boric Font said the talks were useful. Japanese Foreign Minister "
        "KAMIKAWA Yoko met Kenyan Foreign Minister Musalia Mudavadi in Tokyo on Tuesday. "
        "Kamikawa called the talks frank."
    )
    meetings = diplomeet.extract_meetings(text, "2024-03-06", nlp=nlp)
    found = [{p.name for p in m.participants} for m in meetings]
    assert {"Gustavo Petro", "Gabriel Boric Font"} in found
    assert {"KAMIKAWA Yoko", "Musalia Mudavadi"} in found
    assert len(meetings) == 2


def test_invited_to_meet_with_him_is_the_host(nlp):
    text = (
        "Kenyan President William Ruto spoke with Nigerian President Bola Tinubu by phone on "
        "Monday about the Kuriga schoolchildren. Mr. Ruto also invited Mr. Tinubu to meet "
        "with him in Nairobi at a later date."
    )
    proposed = [
        {p.name for p in m.participants}
        for m in diplomeet.extract_meetings(text, "2024-03-06", nlp=nlp)
        if m.status == "proposed"
    ]
    assert proposed == [{"William Ruto", "Bola Tinubu"}]


def test_name_modifying_a_plural_noun_is_not_a_person(nlp):
    words = ["the", "Chibok", "schoolgirls", "and", "Xi", "talks"]
    doc = Doc(
        nlp.vocab,
        words=words,
        tags=["DT", "NNP", "NNS", "CC", "NNP", "NNS"],
        deps=["det", "compound", "ROOT", "cc", "compound", "conj"],
        heads=[2, 2, 2, 2, 5, 2],
        ents=["O", "B-PERSON", "O", "O", "B-PERSON", "O"],
    )
    place, talks = doc.ents
    assert _modifies_plural_noun(place)
    assert not _modifies_plural_noun(talks)  # "the Xi talks": a meeting noun


def test_country_before_a_full_stop_is_not_the_next_persons(nlp):
    text = (
        "President Tomas Varga spoke by phone with Prime Minister Lena Holm of Denmark. "
        "President Varga then spoke by phone with Prime Minister Aino Virtanen of Finland."
    )
    people = {
        p.name: p.country
        for m in diplomeet.extract_meetings(text, "2024-03-06", nlp=nlp)
        for p in m.participants
    }
    assert people["Lena Holm"] == "Denmark" and people["Aino Virtanen"] == "Finland"
    assert people["Tomas Varga"] is None  # not stated: neither Denmark nor Finland


def test_counterpart_in_a_coordinated_subject_takes_the_first_conjuncts_office(nlp):
    text = (
        "Prime Minister Rahul Verma will visit Nepal next month. Foreign Secretary Arun Mehta "
        "and his Nepali counterpart Bikash Thapa held talks in Kathmandu on Sunday."
    )
    people = {
        p.name: (p.role, p.country)
        for m in diplomeet.extract_meetings(text, "2024-03-06", nlp=nlp)
        for p in m.participants
    }
    assert people["Bikash Thapa"] == ("Foreign Secretary", "Nepal")


def test_title_inside_a_recognised_name_and_a_two_word_demonym(nlp):
    text = (
        "The president called Kenyan President William Ruto, Saudi Arabian King Salman Bin "
        "Abdul Aziz, and Dutch Prime Minister Dick Schoof on Monday."
    )
    called = sorted(
        p.name
        for m in diplomeet.extract_meetings(text, "2024-07-10", nlp=nlp)
        for p in m.participants
        if p.name and p.name != "The president"
    )
    assert "Salman Bin Abdul Aziz" in called
    assert not any("Arabian" in name or "King" in name for name in called)


@pytest.mark.parametrize(
    "text, kind, status",
    [
        # a headline that names no medium over the story of a call
        ("Scholz, Macron hold talks\n\n"
         "German Chancellor Olaf Scholz spoke by phone with French President Emmanuel Macron "
         "on Monday.", "phone", "occurred"),
        # a headline whose tense the body corrects
        ("Tokyo presses Seoul on phone call between Yoon and Kishida\n\n"
         "Japan is seeking a telephone conversation between Prime Minister Fumio Kishida and "
         "South Korean President Yoon Suk Yeol, officials said on Monday.", "phone", "proposed"),
    ],
    ids=["medium", "tense"],
)
def test_headline_and_body_are_one_meeting(nlp, text, kind, status):
    meetings = diplomeet.extract_meetings(text, "2024-01-10", nlp=nlp)
    assert [(m.kind, m.status) for m in meetings] == [(kind, status)]


def _people(nlp, text: str, published: str = "2024-01-10") -> dict[str, tuple[str | None, str | None]]:
    return {
        p.name: (p.role, p.country)
        for m in diplomeet.extract_meetings(text, published, nlp=nlp)
        for p in m.participants
        if p.name
    }


@pytest.mark.parametrize(
    "text, name, role, country",
    [
        # an organisation's office before the name gives the side, whatever the person's nation
        ("OSCE Chairperson-in-Office Ann Linde met Kazakh President Kassym-Jomart Tokayev in "
         "Astana on Monday.", "Ann Linde", "Chairperson-in-Office", "OSCE"),
        # an office of the European Union implies it
        ("European Commission President Ursula von der Leyen met European Council President "
         "Antonio Costa in Brussels on Monday.", "Antonio Costa", "President of the European Council",
         "European Union"),
        # the country an envoy or ambassador is accredited to is part of the title, not the side
        ("British Foreign Secretary David Lammy met Robert Wood, US Special Envoy for Sudan, in "
         "London on Monday.", "Robert Wood", "Special Envoy for Sudan", "United States"),
        ("The US ambassador to Kenya, Meg Whitman, held talks with Kenyan President William Ruto "
         "in Nairobi on Monday.", "Meg Whitman", "Ambassador to Kenya", "United States"),
    ],
    ids=["osce-chair", "eu-council", "envoy-for", "ambassador-to"],
)
def test_long_titles_give_role_and_side(nlp, text, name, role, country):
    assert _people(nlp, text)[name] == (role, country)
