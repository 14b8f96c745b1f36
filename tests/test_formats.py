"""Output formats on hand-built meetings: JSON Lines, CSV, DataFrame, PLOVER, CAMEO."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from diplomeet import Evidence, InvalidInputError, Meeting, Participant
from diplomeet.formats import (
    CAMEO_COLUMNS,
    read_jsonl,
    to_cameo,
    to_dataframe,
    to_plover,
    write_csv,
    write_jsonl,
)
from diplomeet.formats._common import EVENT_COLUMNS, event_row

BLINKEN = Participant(
    name="Antony Blinken",
    aliases=["Blinken"],
    role="Secretary of State",
    country="United States",
    country_code="USA",
)
WANG = Participant(name="Wang Yi", role="Foreign Minister", country="China", country_code="CHN")
CAVUSOGLU = Participant(
    name="Mevlut Cavusoglu",
    aliases=["Cavusoglu"],
    role="Foreign Minister",
    country="Turkey",
    country_code="TUR",
)
LAVROV = Participant(
    name="Sergey Lavrov",
    aliases=["Sergei Lavrov", "Lavrov"],
    role="Foreign Minister",
    country="Russia",
    country_code="RUS",
)
UNNAMED = Participant(name=None, role="President", country="Armenia", country_code="ARM")
BORRELL = Participant(
    name="Josep Borrell",
    role="High Representative",
    country="European Union",
    country_code="EUR",
)
CO_CHAIR = Participant(
    name="Igor Popov", role="OSCE Minsk Group Co-Chair", country="Russia", country_code="RUS"
)


def meeting(**kw) -> Meeting:
    base = dict(
        id="m-visit",
        participants=[BLINKEN, WANG],
        date=date(2023, 6, 19),
        date_text="on Monday",
        location="Beijing",
        location_country="China",
        status="occurred",
        kind="in_person",
        evidence=[
            Evidence(
                article_id="a1",
                text="Blinken met Wang Yi in Beijing on Monday.",
                start=10,
                end=51,
            )
        ],
        sources=["a1"],
        confidence=0.9,
    )
    base.update(kw)
    return Meeting(**base)


VISIT = meeting()
THIRD = meeting(
    id="m-third",
    participants=[LAVROV, CAVUSOGLU],
    location="Geneva",
    location_country="Switzerland",
    date=date(2017, 11, 20),
    date_end=date(2017, 11, 21),
    sources=["a1", "https://example.org/news/2"],
)
PHONE = meeting(id="m-phone", kind="phone", location=None, location_country=None)
VIDEO = meeting(id="m-video", kind="video", location=None, location_country=None)
PLANNED = meeting(id="m-planned", status="planned", date=None, location="Ankara", location_country="Turkey")
PROPOSED = meeting(id="m-proposed", status="proposed", date=None)
CANCELLED = meeting(id="m-cancelled", status="cancelled")
TRILATERAL = meeting(
    id="m-tri",
    participants=[LAVROV, CAVUSOGLU, UNNAMED],
    location="Moscow",
    location_country="Russia",
    date=None,
)
ALL = [VISIT, THIRD, PHONE, VIDEO, PLANNED, PROPOSED, CANCELLED, TRILATERAL]


# --- JSON Lines -------------------------------------------------------------------------


def test_jsonl_round_trip_path(tmp_path):
    path = tmp_path / "out.jsonl"
    assert write_jsonl(ALL, path) == len(ALL)
    lines = path.read_text("utf-8").splitlines()
    assert len(lines) == len(ALL)
    assert json.loads(lines[0])["date"] == "2023-06-19"
    assert read_jsonl(path) == ALL
    assert read_jsonl(str(path)) == ALL


def test_jsonl_round_trip_file_object_and_unicode():
    m = meeting(participants=[CAVUSOGLU, Participant(name="Ceyhun Bayramov", aliases=["Bayramov", "Ceyhun Bayramov"], country="Azerbaijan")], location="Bakı")
    buf = io.StringIO()
    write_jsonl([m], buf)
    assert "Bakı" in buf.getvalue()  # not escaped
    buf.seek(0)
    assert read_jsonl(buf) == [m]


def test_jsonl_empty_and_blank_lines(tmp_path):
    path = tmp_path / "empty.jsonl"
    assert write_jsonl([], path) == 0
    assert read_jsonl(path) == []
    buf = io.StringIO("\n" + json.dumps(VISIT.model_dump(mode="json")) + "\n\n")
    assert read_jsonl(buf) == [VISIT]


def test_jsonl_bad_json_names_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(VISIT.model_dump(mode="json")) + "\n{not json\n", "utf-8")
    with pytest.raises(InvalidInputError, match="line 2"):
        read_jsonl(path)


def test_jsonl_invalid_meeting_names_line_and_field():
    record = VISIT.model_dump(mode="json")
    record["status"] = "maybe"
    buf = io.StringIO(json.dumps(VISIT.model_dump(mode="json")) + "\n\n" + json.dumps(record) + "\n")
    with pytest.raises(InvalidInputError, match=r"line 3.*status"):
        read_jsonl(buf)
    one_person = VISIT.model_dump(mode="json")
    one_person["participants"] = one_person["participants"][:1]
    with pytest.raises(ValueError, match="line 1"):  # InvalidInputError is a ValueError
        read_jsonl(io.StringIO(json.dumps(one_person)))


def test_jsonl_bad_arguments():
    with pytest.raises(TypeError, match="Meeting"):
        write_jsonl(["not a meeting"], io.StringIO())
    with pytest.raises(TypeError, match="iterable of Meeting"):
        write_jsonl("meetings.jsonl", io.StringIO())
    with pytest.raises(TypeError, match="path or an open text file"):
        write_jsonl([VISIT], 42)
    with pytest.raises(TypeError, match="path or an open text file"):
        read_jsonl(42)


# --- CSV ---------------------------------------------------------------------------------


def test_csv_event_form(tmp_path):
    path = tmp_path / "out.csv"
    assert write_csv(ALL, path) == len(ALL)
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == list(EVENT_COLUMNS)
    assert len(rows) == len(ALL)
    third = rows[1]
    assert third["date"] == "2017-11-20" and third["date_end"] == "2017-11-21"
    assert third["participants"] == (
        "Sergey Lavrov (Foreign Minister, Russia); Mevlut Cavusoglu (Foreign Minister, Turkey)"
    )
    assert third["n_sources"] == "2"
    assert rows[4]["date"] == ""  # planned, no date
    tri = rows[-1]
    assert tri["names"] == "Sergey Lavrov; Mevlut Cavusoglu; President of Armenia"
    assert "unnamed (President, Armenia)" in tri["participants"]
    assert tri["n_countries"] == "3"


def test_csv_empty_has_header():
    buf = io.StringIO()
    assert write_csv([], buf) == 0
    assert buf.getvalue().strip() == ",".join(EVENT_COLUMNS)


def test_event_row_keys_match_columns():
    assert tuple(event_row(VISIT)) == EVENT_COLUMNS


# --- DataFrame ---------------------------------------------------------------------------

pd = pytest.importorskip("pandas")


def test_dataframe_event_form():
    df = to_dataframe(ALL)
    assert list(df.columns) == list(EVENT_COLUMNS)
    assert len(df) == len(ALL)
    assert str(df["date"].dtype).startswith("datetime64")
    assert df.loc[0, "date"] == pd.Timestamp("2023-06-19")
    assert pd.isna(df.loc[4, "date"])
    assert df.loc[7, "n_participants"] == 3
    assert df.loc[0, "countries"] == "United States; China"


def test_dataframe_participant_form():
    df = to_dataframe(ALL, form="participant")
    assert len(df) == sum(len(m.participants) for m in ALL)
    tri = df[df["meeting_id"] == "m-tri"]
    assert tri["position"].tolist() == [0, 1, 2]
    assert tri["country_code"].tolist() == ["RUS", "TUR", "ARM"]
    assert tri["name"].isna().tolist() == [False, False, True]
    assert tri["key"].tolist()[2] == "President (Armenia)"
    assert df.loc[0, "aliases"] == "Blinken"
    assert str(df["date"].dtype).startswith("datetime64")


def test_dataframe_dyad_form():
    df = to_dataframe(ALL, form="dyad")
    # two participants -> one pair, three -> three pairs
    assert len(df) == 7 * 1 + 3
    tri = df[df["meeting_id"] == "m-tri"]
    pairs = {frozenset((a, b)) for a, b in zip(tri["key_1"], tri["key_2"], strict=True)}
    assert pairs == {
        frozenset({"Sergey Lavrov", "Mevlut Cavusoglu"}),
        frozenset({"Sergey Lavrov", "President (Armenia)"}),
        frozenset({"Mevlut Cavusoglu", "President (Armenia)"}),
    }
    # pairs are ordered by key, so the same pair reads the same way in every meeting
    assert (df["key_1"] < df["key_2"]).all()


@pytest.mark.parametrize("form", ["event", "participant", "dyad"])
def test_dataframe_empty_has_columns(form):
    df = to_dataframe([], form=form)
    assert df.empty
    assert "date" in df.columns and len(df.columns) > 5
    assert list(df.columns) == list(to_dataframe([VISIT], form=form).columns)
    assert str(df["date"].dtype).startswith("datetime64")


def test_dataframe_bad_form_and_input():
    with pytest.raises(ValueError, match="form"):
        to_dataframe(ALL, form="pairs")
    with pytest.raises(TypeError):
        to_dataframe([{"id": "x"}.keys()])
    assert len(to_dataframe(VISIT)) == 1  # a single meeting is a list of one


def test_dataframe_accepts_dicts():
    df = to_dataframe([m.model_dump(mode="json") for m in ALL])
    assert len(df) == len(ALL)


# --- PLOVER ------------------------------------------------------------------------------


def test_plover_visit():
    rec = to_plover(VISIT)
    assert rec["event"] == ["CONSULT"]
    assert rec["mode"] == ["visit"]
    assert [a["code"] for a in rec["source"]] == ["USA"]  # the guest
    assert [a["code"] for a in rec["recipient"]] == ["CHN"]  # the host
    assert rec["date"] == "2023-06-19" and rec["enddate"] is None
    assert rec["event_loc"] == {"name": "Beijing", "country": "China", "cc3": "CHN"}
    assert rec["event_text"] == ["Blinken met Wang Yi in Beijing on Monday."]
    assert rec["quad_code"] == 1
    assert rec["id"] == VISIT.id
    assert rec["source"][0]["office"] == "Secretary of State"
    json.dumps(rec)  # JSON-able


def test_plover_third_party_all_sources_and_urls():
    rec = to_plover(THIRD, urls={"a1": "https://example.org/news/1"})
    assert rec["mode"] == ["third-party"]
    assert {a["code"] for a in rec["source"]} == {"RUS", "TUR"}
    assert rec["recipient"] == []
    assert rec["enddate"] == "2017-11-21"
    assert [c["url"] for c in rec["cite_info"]] == [
        "https://example.org/news/1",
        "https://example.org/news/2",
    ]


@pytest.mark.parametrize("m", [PHONE, VIDEO])
def test_plover_remote(m):
    rec = to_plover(m)
    assert rec["event"] == ["CONSULT"] and rec["mode"] == ["phone"]
    assert rec["recipient"] == [] and rec["event_loc"] is None
    assert rec["kind"] == m.kind


def test_plover_future_and_cancelled():
    planned, proposed, cancelled = to_plover(PLANNED), to_plover(PROPOSED), to_plover(CANCELLED)
    assert planned["event"] == ["AGREE"] and planned["mode"] == ["meet"]
    assert planned["context"] == ["future"] and planned["date"] is None
    assert proposed["event"] == ["AGREE"] and "hypothetical" in proposed["context"]
    assert cancelled["event"] == ["REJECT"] and cancelled["mode"] == ["meet"]
    assert cancelled["quad_code"] == 3
    assert len(cancelled["source"]) == 2 and cancelled["recipient"] == []


def test_plover_multilateral_and_organisation():
    rec = to_plover(TRILATERAL)
    assert rec["mode"] == ["visit", "multilateral"]
    assert [a["code"] for a in rec["recipient"]] == ["RUS"]
    assert rec["source"][1]["actor_text"] == "President of Armenia"
    assert rec["source"][1]["identifier_text"] is None
    eu = to_plover(meeting(participants=[BORRELL, WANG]))
    assert "multilateral" in eu["mode"]
    assert eu["source"][0]["code"] == "IGO" and eu["source"][0]["country_code"] == "EUR"


def test_plover_bad_input():
    with pytest.raises(TypeError, match="one Meeting"):
        to_plover([VISIT])
    assert to_plover(VISIT.model_dump(mode="json")) == to_plover(VISIT)


# --- CAMEO -------------------------------------------------------------------------------


def codes_by_pair(m, **kw):
    return {(r["Actor1CountryCode"], r["Actor2CountryCode"]): r["EventCode"] for r in to_cameo(m, **kw)}


def test_cameo_visit_and_host():
    rows = to_cameo(VISIT)
    assert all(list(r) == list(CAMEO_COLUMNS) for r in rows)
    assert codes_by_pair(VISIT) == {("USA", "CHN"): "042", ("CHN", "USA"): "043"}
    row = rows[0]
    assert row["SQLDATE"] == 20230619 and row["MonthYear"] == 202306 and row["Year"] == 2023
    assert row["Actor1Code"] == "USAGOV" and row["Actor1Name"] == "Antony Blinken"
    assert row["EventBaseCode"] == "042" and row["EventRootCode"] == "04"
    assert row["QuadClass"] == 1 and row["GoldsteinScale"] == pytest.approx(1.9)
    assert row["ActionGeo_FullName"] == "Beijing, China"
    assert row["ActionGeo_CountryCode"] == "CHN" and row["ActionGeo_Type"] == 4
    assert row["MeetingID"] == VISIT.id
    assert len({r["GlobalEventID"] for r in rows}) == 2


def test_cameo_third_location_and_source_url():
    assert set(codes_by_pair(THIRD).values()) == {"044"}
    assert to_cameo(THIRD)[0]["SOURCEURL"] == "https://example.org/news/2"
    assert to_cameo(THIRD, urls={"a1": "https://x.test/1"})[0]["SOURCEURL"] == "https://x.test/1"
    assert to_cameo(VISIT)[0]["SOURCEURL"] is None


@pytest.mark.parametrize("m", [PHONE, VIDEO])
def test_cameo_phone(m):
    assert set(codes_by_pair(m).values()) == {"041"}
    assert to_cameo(m)[0]["ActionGeo_FullName"] is None


@pytest.mark.parametrize(
    ("m", "code", "quad"), [(PLANNED, "036", 1), (PROPOSED, "036", 1), (CANCELLED, "125", 3)]
)
def test_cameo_status_codes(m, code, quad):
    rows = to_cameo(m)
    assert len(rows) == 2
    assert {r["EventCode"] for r in rows} == {code}
    assert {r["QuadClass"] for r in rows} == {quad}
    assert {r["EventRootCode"] for r in rows} == {code[:2]}


def test_cameo_unknown_place_and_negotiation():
    nowhere = meeting(location=None, location_country=None)
    assert set(codes_by_pair(nowhere).values()) == {"040"}
    talks = meeting(
        location=None,
        location_country=None,
        evidence=[Evidence(text="The two ministers held negotiations on trade.", start=0, end=45)],
    )
    assert set(codes_by_pair(talks).values()) == {"046"}
    assert to_cameo(nowhere)[0]["SQLDATE"] == 20230619


def test_cameo_trilateral_guests_and_mediator():
    pairs = codes_by_pair(TRILATERAL)
    assert pairs[("TUR", "RUS")] == "042" and pairs[("RUS", "TUR")] == "043"
    assert pairs[("TUR", "ARM")] == "044"  # both guests in Moscow
    assert len(pairs) == 6
    assert to_cameo(TRILATERAL)[0]["SQLDATE"] is None
    mediated = meeting(participants=[CO_CHAIR, CAVUSOGLU], location="Vienna", location_country="Austria")
    pairs = codes_by_pair(mediated)
    assert pairs[("RUS", "TUR")] == "045" and pairs[("TUR", "RUS")] == "044"


def test_cameo_skips_same_country_pairs_but_keeps_domestic_meetings():
    m = meeting(participants=[LAVROV, CO_CHAIR, CAVUSOGLU], location="Ankara", location_country="Turkey")
    pairs = [(r["Actor1Name"], r["Actor2Name"]) for r in to_cameo(m)]
    assert ("Sergey Lavrov", "Igor Popov") not in pairs
    assert len(pairs) == 4
    domestic = meeting(participants=[LAVROV, CO_CHAIR], location="Moscow", location_country="Russia")
    assert len(to_cameo(domestic)) == 2


def test_cameo_organisation_actor():
    row = to_cameo(meeting(participants=[BORRELL, WANG]))[0]
    assert row["Actor1Code"] == "EUR" and row["Actor1Type1Code"] == "IGO"
    assert row["Actor1CountryCode"] is None
    assert row["EventCode"] == "042"


def test_cameo_location_given_as_country():
    m = meeting(participants=[LAVROV, CAVUSOGLU], location="Turkey", location_country=None)
    assert codes_by_pair(m)[("RUS", "TUR")] == "042"
    row = to_cameo(m)[0]
    assert row["ActionGeo_Type"] == 1 and row["ActionGeo_CountryCode"] == "TUR"


def test_cameo_bad_input():
    with pytest.raises(TypeError):
        to_cameo("m1")


def test_third_location_country_code_from_gazetteer():
    assert to_plover(THIRD)["event_loc"]["cc3"] == "CHE"
    assert to_cameo(THIRD)[0]["ActionGeo_CountryCode"] == "CHE"
