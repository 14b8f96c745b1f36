"""Cross-article merging: seeds, rules, validation and order/idempotence properties."""

from __future__ import annotations

import json
import warnings
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diplomeet.dedupe import block_keys, dedupe_meetings
from diplomeet.models import Evidence, Meeting, Participant

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def gold_meetings(path: Path) -> tuple[dict, list[Meeting]]:
    """Meeting records built from a seed gold file, as an extractor would give them."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    text = (path.parent / gold["text_file"]).read_text(encoding="utf-8")
    out = []
    for i, g in enumerate(gold["meetings"]):
        start = max(text.find(g["evidence"]), 0)
        out.append(
            Meeting(
                id=f"{gold['id']}_{i}",
                participants=[
                    Participant(name=p["name"], aliases=p.get("aliases", []), role=p["role"], country=p["country"])
                    for p in g["participants"]
                ],
                date=g["date"],
                date_end=g["date_end"],
                date_text=g["date_text"],
                location=g["location"],
                status=g["status"],
                kind=g["kind"],
                evidence=[Evidence(article_id=gold["id"], text=g["evidence"], start=start, end=start + len(g["evidence"]))],
                sources=[gold["id"]],
                confidence=0.8,
            )
        )
    return gold, out


def _seed_records() -> tuple[list[Meeting], dict[str, str], dict[str, str]]:
    records, event_of, published = [], {}, {}
    for path in sorted(SEEDS.glob("*.gold.json")):
        gold, meetings = gold_meetings(path)
        published[gold["id"]] = gold["published"]
        for g, m in zip(gold["meetings"], meetings):
            event_of[m.id] = g["event_id"]
            records.append(m)
    return records, event_of, published


def test_seed_meetings_shared_by_001_and_004_come_out_once() -> None:
    records, _, published = _seed_records()
    merged = dedupe_meetings(records, published=published)
    both = {"001_e633b9a43a37ef55", "004_40155533aaa2c299"}
    shared = [m for m in merged if set(m.sources) == both]
    assert len(shared) == 2
    by_date = {m.date: m for m in shared}
    talks, reception = by_date[date(2017, 11, 20)], by_date[date(2017, 11, 19)]
    assert talks.location == reception.location == "Baku"
    assert talks.status == "occurred"  # planned in 001, occurred in 004
    assert {p.name for p in talks.participants} == {"Sergey Lavrov", "Elmar Mammadyarov"}
    assert {p.name for p in reception.participants} == {"Sergey Lavrov", "Ilham Aliyev"}
    assert len(talks.evidence) == 2 and {e.article_id for e in talks.evidence} == both


def test_seed_clusters_equal_gold_event_ids() -> None:
    records, event_of, published = _seed_records()
    merged = dedupe_meetings(records, published=published)
    # one output meeting per gold event id, and each holds exactly that event's records
    by_event: dict[str, set[str]] = {}
    for r in records:
        by_event.setdefault(event_of[r.id], set()).add(r.sources[0])
    assert len(merged) == len(by_event)
    assert sorted(tuple(m.sources) for m in merged) == sorted(tuple(sorted(s)) for s in by_event.values())


# ----------------------------------------------------------------------------- rule tests


def P(name: str | None, country: str | None = "Russia", role: str | None = "Foreign Minister", aliases=()) -> Participant:
    return Participant(name=name, aliases=list(aliases), role=role, country=country)


def M(article: str, *people: Participant, day=None, end=None, loc="Baku", status="occurred", kind="in_person", conf=0.5, loc_country=None, text=None) -> Meeting:
    text = text or f"{article}: " + " met ".join(p.name or p.role or "?" for p in people)
    return Meeting(
        id=f"{article}_x",
        participants=list(people),
        date=day,
        date_end=end,
        location=loc,
        location_country=loc_country,
        status=status,
        kind=kind,
        evidence=[Evidence(article_id=article, text=text, start=0, end=len(text))],
        sources=[article],
        confidence=conf,
    )


LAV = P("Sergey Lavrov")
LAV_I = P("Sergei Lavrov")
LAV_S = P("Lavrov")
MAM = P("Elmar Mammadyarov", "Azerbaijan")
MAM2 = P("Elmar Mamedyarov", "Azerbaijan")
D20 = date(2017, 11, 20)


def test_spelling_variants_merge_with_status_and_names() -> None:
    out = dedupe_meetings(
        [
            M("a1", LAV, MAM, day=D20, status="planned"),
            M("a2", MAM2, LAV_I, day=D20),
            M("a3", LAV_S, MAM, day=D20, loc=None),
            M("a4", LAV, MAM2, day=D20, loc="Azerbaijan", loc_country="Azerbaijan"),
        ]
    )
    assert len(out) == 1
    m = out[0]
    assert m.status == "occurred" and m.sources == ["a1", "a2", "a3", "a4"] and len(m.evidence) == 4
    assert m.location == "Baku"
    lav = next(p for p in m.participants if "Lavrov" in (p.name or ""))
    assert lav.name == "Sergey Lavrov"
    assert lav.aliases == ["Lavrov", "Sergei Lavrov"]
    mam = next(p for p in m.participants if p.country == "Azerbaijan")
    assert mam.name in {"Elmar Mammadyarov", "Elmar Mamedyarov"}
    assert set(mam.aliases) | {mam.name} == {"Elmar Mammadyarov", "Elmar Mamedyarov"}


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        (["planned", "occurred"], "occurred"),
        (["planned", "cancelled"], "cancelled"),
        (["proposed", "cancelled"], "cancelled"),
        (["cancelled", "occurred"], "occurred"),
        (["proposed", "planned"], "planned"),
        (["proposed", "proposed"], "proposed"),
    ],
)
def test_status_precedence(statuses: list[str], expected: str) -> None:
    out = dedupe_meetings([M(f"a{i}", LAV, MAM, day=D20, status=s) for i, s in enumerate(statuses)])
    assert [m.status for m in out] == [expected]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"day": D20}, {"day": date(2017, 11, 22)}),  # two days apart
        ({"day": D20}, {"day": date(2017, 9, 20)}),  # another month
        ({"day": D20, "loc": "Baku"}, {"day": D20, "loc": "Moscow", "kind": "phone"}),  # other place and kind
        ({"day": D20, "loc": "Baku"}, {"day": date(2017, 11, 21), "loc": "Moscow"}),  # other place, next day
        (
            {"day": D20, "loc": "Baku", "loc_country": "Azerbaijan"},
            {"day": D20, "loc": "Geneva", "loc_country": "Switzerland", "status": "cancelled"},
        ),
        ({"day": None}, {"day": D20}),  # undated, no publication dates
    ],
)
def test_incompatible_records_stay_apart(first: dict, second: dict) -> None:
    one = M("a1", LAV, MAM, **first, text="The ministers held talks on the peace process.")
    two = M("a2", LAV, MAM, **second, text="Lavrov spoke with his counterpart about transit routes.")
    assert len(dedupe_meetings([one, two])) == 2


def test_a_copied_sentence_tips_a_doubtful_pair() -> None:
    text = "The two ministers discussed the settlement of the conflict and regional transport links."
    one = M("a1", LAV, MAM, day=D20, loc="Baku", kind="phone", text=text)
    two = M("a2", LAV, MAM, day=D20, loc="Moscow", text=text)
    assert len(dedupe_meetings([one, two])) == 1
    other = M("a2", LAV, MAM, day=D20, loc="Moscow", text="Lavrov and Mammadyarov signed a visa agreement.")
    assert len(dedupe_meetings([one, other])) == 2


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"day": D20, "loc": "Baku"}, {"day": date(2017, 11, 21), "loc": "Baku"}),  # next day, same city
        ({"day": D20, "loc": "Baku"}, {"day": D20, "loc": "Moscow"}),  # one report has the wrong city
        ({"day": D20, "loc": "Baku"}, {"day": D20, "loc": "Azerbaijan"}),  # a city inside the country
        ({"day": D20, "kind": "phone", "loc": None}, {"day": D20, "loc": None}),  # "phone" left unsaid
        ({"day": D20, "status": "planned"}, {"day": D20, "status": "occurred"}),
    ],
)
def test_weak_disagreements_do_not_veto(first: dict, second: dict) -> None:
    out = dedupe_meetings([M("a1", LAV, MAM, **first), M("a2", LAV, MAM, **second)])
    assert len(out) == 1 and out[0].sources == ["a1", "a2"]


def test_merged_kind_and_place_prefer_the_specific_report() -> None:
    out = dedupe_meetings([M("a1", LAV, MAM, day=D20, kind="phone", loc=None), M("a2", LAV, MAM, day=D20, loc=None)])
    assert [m.kind for m in out] == ["phone"]
    out = dedupe_meetings(
        [M("a1", LAV, MAM, day=D20, loc="Azerbaijan", loc_country="Azerbaijan"), M("a2", LAV, MAM, day=D20, loc="Baku")]
    )
    assert [m.location for m in out] == ["Baku"]


def test_the_same_pair_on_two_dates_is_never_chained_by_undated_reports() -> None:
    shoukry = P("Sameh Shoukry", "Egypt")
    blinken = P("Antony Blinken", "United States", "Secretary of State")
    sept, nov = date(2021, 9, 22), date(2021, 11, 8)
    records = [
        M("a1", shoukry, blinken, day=sept, loc="New York"),
        M("a2", P("Shukri", "Egypt"), P("Blinken", "United States", None), day=None, loc=None),
        M("a3", shoukry, P("Tony Blinken", "United States", None), day=None, loc=None),
        M("a4", shoukry, blinken, day=nov, loc="Washington"),
    ]
    published = {"a1": sept, "a2": date(2021, 10, 15), "a3": date(2021, 10, 16), "a4": nov}
    out = dedupe_meetings(records, published=published)
    dated = sorted(m.date for m in out if m.date)
    assert dated == [sept, nov]
    assert not any(m.date and len(m.sources) > 1 and {"a1", "a4"} <= set(m.sources) for m in out)


def test_records_of_one_article_are_left_as_its_extractor_gave_them() -> None:
    out = dedupe_meetings([M("a1", LAV, MAM, day=D20), M("a1", LAV_S, MAM, day=D20, loc=None, status="planned")])
    assert len(out) == 2


def test_date_inside_range_merges() -> None:
    out = dedupe_meetings(
        [M("a1", LAV, MAM, day=D20, end=date(2017, 11, 21)), M("a2", LAV_S, MAM, day=date(2017, 11, 21))]
    )
    assert len(out) == 1 and out[0].sources == ["a1", "a2"]


@pytest.mark.parametrize(
    ("x", "y"),
    [
        (P("Ilham Aliyev", "Azerbaijan", "President"), P("Heydar Aliyev", "Azerbaijan", "President")),
        (P("George H. W. Bush", "United States", "President"), P("George W. Bush", "United States", "President")),
        (P("Li Keqiang", "China", "Premier"), P("Li Qiang", "China", "Premier")),
        (P("Abdullah Abdullah", "Afghanistan", "Chief Executive"), P("King Abdullah", "Jordan", "King")),
    ],
)
def test_different_people_stay_apart(x: Participant, y: Participant) -> None:
    out = dedupe_meetings([M("a1", LAV, x, day=D20), M("a2", LAV, y, day=D20)])
    assert len(out) == 2


def test_a_report_omitting_a_participant_merges_into_the_fuller_one() -> None:
    mir = P("Ararat Mirzoyan", "Armenia")
    out = dedupe_meetings([M("a1", LAV, MAM, mir, day=D20), M("a2", LAV, MAM, day=D20), M("a3", LAV, mir, MAM, day=D20)])
    assert [len(m.participants) for m in out] == [3]
    assert out[0].sources == ["a1", "a2", "a3"]


def test_a_bilateral_reported_apart_from_the_trilateral_stays_a_bilateral() -> None:
    mir = P("Ararat Mirzoyan", "Armenia")
    records = [
        M("a1", LAV, MAM, mir, day=D20),
        M("a1", LAV, MAM, day=D20, loc=None),  # the same article tells the two sittings apart
        M("a2", LAV, MAM, day=D20),
        M("a3", LAV, mir, MAM, day=D20),
    ]
    out = dedupe_meetings(records)
    assert sorted((len(m.participants), tuple(m.sources)) for m in out) == [(2, ("a1", "a2")), (3, ("a1", "a3"))]


def test_two_reports_each_with_an_extra_person_stay_apart() -> None:
    mir = P("Ararat Mirzoyan", "Armenia")
    aliyev = P("Ilham Aliyev", "Azerbaijan", "President")
    out = dedupe_meetings([M("a1", LAV, MAM, mir, day=D20), M("a2", LAV, MAM, aliyev, day=D20)])
    assert len(out) == 2


def test_participants_sharing_a_key_are_matched_one_to_one() -> None:
    kju = P("Kim Jong Un", "North Korea", "Leader")
    kyj = P("Kim Yo Jong", "North Korea", "Official")
    moon = P("Moon Jae-in", "South Korea", "President")
    out = dedupe_meetings(
        [M("a1", kju, kyj, moon, day=D20, loc="Panmunjom"), M("a2", moon, P("Kim Yo-jong", "North Korea"), P("Kim Jong-un", "North Korea"), day=D20, loc="Panmunjom")]
    )
    assert len(out) == 1
    assert sorted(p.name for p in out[0].participants) == ["Kim Jong Un", "Kim Yo Jong", "Moon Jae-in"]
    assert sorted(a for p in out[0].participants for a in p.aliases) == ["Kim Jong-un", "Kim Yo-jong"]


def test_unnamed_participants_merge_on_role_and_country_and_the_office_table() -> None:
    az = P(None, "Azerbaijan", "President")
    am = P(None, "Armenia", "President")
    day = date(2017, 10, 16)
    out = dedupe_meetings(
        [
            M("a1", az, am, day=day, loc="Geneva"),
            M("a2", am, az, day=day, loc="Geneva"),
            M("a3", P(None, "Armenia", "Foreign Minister"), az, day=day, loc="Geneva"),
            # the office-holder table: the president of Azerbaijan that day
            M("a4", P("Ilham Aliyev", "Azerbaijan", "President"), am, day=day, loc="Geneva"),
            # not in office that day
            M("a5", P("Heydar Aliyev", "Azerbaijan", "President"), am, day=day, loc="Geneva"),
        ]
    )
    assert sorted(tuple(m.sources) for m in out) == [("a1", "a2", "a4"), ("a3",), ("a5",)]
    merged = next(m for m in out if len(m.sources) == 3)
    assert "Ilham Aliyev" in {p.name for p in merged.participants}


def test_undated_records_join_through_publication_dates() -> None:
    dated = M("a1", LAV, MAM, day=D20)
    undated = M("a2", LAV_S, MAM, day=None)
    assert len(dedupe_meetings([dated, undated])) == 2
    out = dedupe_meetings([dated, undated], published={"a1": "2017-11-20", "a2": "2017-11-22T08:00:00"})
    assert len(out) == 1 and out[0].date == D20 and out[0].sources == ["a1", "a2"]
    # too far from the publication date
    assert len(dedupe_meetings([dated, undated], published={"a2": date(2018, 3, 1)})) == 2
    # two equally near candidates: ambiguous, left alone
    other = M("a3", LAV, MAM, day=date(2017, 11, 24))
    out = dedupe_meetings([dated, other, undated], published={"a2": date(2017, 11, 22)})
    assert len(out) == 3
    # nearest wins
    out = dedupe_meetings([dated, other, undated], published={"a2": date(2017, 11, 23)})
    assert sorted(tuple(m.sources) for m in out) == [("a1",), ("a2", "a3")]


def test_undated_records_merge_with_each_other_when_published_close() -> None:
    a, b, c = (M(f"a{i}", LAV, MAM, day=None, status="planned") for i in range(3))
    out = dedupe_meetings([a, b, c], published={"a0": "2017-11-18", "a1": "2017-11-19", "a2": "2018-01-30"})
    assert sorted(tuple(m.sources) for m in out) == [("a0", "a1"), ("a2",)]


def test_same_article_twice_is_one_record() -> None:
    m = M("a1", LAV, MAM, day=None)
    out = dedupe_meetings([m, m])
    assert len(out) == 1 and out[0].sources == ["a1"] and len(out[0].evidence) == 1


def test_ids_are_stable_and_unique() -> None:
    records = [M("a1", LAV, MAM, day=D20), M("a2", LAV_I, MAM2, day=D20), M("a3", LAV, MAM, day=date(2017, 9, 1), loc="Moscow")]
    first = dedupe_meetings(records)
    again = dedupe_meetings(list(reversed(records)))
    assert [m.id for m in first] == [m.id for m in again]
    assert len({m.id for m in first}) == len(first) == 2
    assert all(m.id.startswith("m_") for m in first)


def test_same_content_from_other_articles_gets_distinct_ids() -> None:
    out = dedupe_meetings([M("a1", LAV, MAM, day=None), M("a2", LAV, MAM, day=None)])
    assert len(out) == 2 and out[0].id != out[1].id


def test_confidence_is_the_highest() -> None:
    out = dedupe_meetings([M("a1", LAV, MAM, day=D20, conf=0.4), M("a2", LAV, MAM, day=D20, conf=0.9)])
    assert out[0].confidence == 0.9


def test_block_keys() -> None:
    keys = block_keys(M("a1", LAV, MAM, day=D20, end=date(2017, 11, 22)))
    assert keys == block_keys(M("a2", LAV_I, MAM2, day=None)) == block_keys(M("a3", MAM, LAV_S))
    trilateral = block_keys(M("a1", LAV, MAM, P("Ararat Mirzoyan", "Armenia"), day=D20))
    assert set(keys) < set(trilateral) and len(trilateral) == 3
    assert block_keys(M("a1", LAV, P(None, None, None))) == []


def test_bad_input() -> None:
    with pytest.raises(TypeError):
        dedupe_meetings("not meetings")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="item 1"):
        dedupe_meetings([M("a1", LAV, MAM), {"id": "x"}])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="ISO"):
        dedupe_meetings([M("a1", LAV, MAM)], published={"a1": "last week"})
    with pytest.raises(TypeError):
        dedupe_meetings([M("a1", LAV, MAM)], published=[("a1", "2020-01-01")])  # type: ignore[arg-type]
    assert dedupe_meetings([]) == []


# ----------------------------------------------------------------------------- properties

_PEOPLE = [
    [P("Sergey Lavrov"), P("Sergei Lavrov"), P("Lavrov"), P("Sergey Lavrov", aliases=["Lavrov"])],
    [P("Elmar Mammadyarov", "Azerbaijan"), P("Elmar Mamedyarov", "Azerbaijan"), P("Mammadyarov", "Azerbaijan")],
    [P("Ilham Aliyev", "Azerbaijan", "President"), P("Aliyev", "Azerbaijan", "President")],
    [P("Heydar Aliyev", "Azerbaijan", "President")],
    [P(None, "Armenia", "Foreign Minister")],
    [P("Antony J. Blinken", "United States", "Secretary of State"), P("Tony Blinken", "United States", None)],
]
_DAYS = [None, D20, date(2017, 11, 21), date(2017, 11, 19)]


@st.composite
def _records(draw: st.DrawFn) -> list[Meeting]:
    out = []
    for i in range(draw(st.integers(0, 12))):
        who = draw(st.lists(st.integers(0, len(_PEOPLE) - 1), min_size=2, max_size=3, unique=True))
        people = [draw(st.sampled_from(_PEOPLE[k])) for k in who]
        day = draw(st.sampled_from(_DAYS))
        end = date(2017, 11, 21) if day == D20 and draw(st.booleans()) else None
        out.append(
            M(
                f"a{draw(st.integers(0, 6))}",
                *people,
                day=day,
                end=end,
                loc=draw(st.sampled_from([None, "Baku", "Moscow", "Azerbaijan"])),
                status=draw(st.sampled_from(["occurred", "planned", "proposed", "cancelled"])),
                kind=draw(st.sampled_from(["in_person", "in_person", "phone"])),
                conf=draw(st.sampled_from([0.3, 0.6, 0.9])),
            )
        )
    return out


_PUBLISHED = st.one_of(
    st.none(),
    st.fixed_dictionaries({f"a{i}": st.sampled_from([date(2017, 11, d) for d in (17, 19, 20, 22, 27)]) for i in range(7)}),
)


def _dump(meetings: list[Meeting]) -> list[dict]:
    return [m.model_dump(mode="json") for m in meetings]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_records(), _PUBLISHED, st.randoms(use_true_random=False))
def test_order_independent_and_idempotent(records: list[Meeting], published, rnd) -> None:  # type: ignore[no-untyped-def]
    once = dedupe_meetings(records, published=published)
    shuffled = list(records)
    rnd.shuffle(shuffled)
    assert _dump(dedupe_meetings(shuffled, published=published)) == _dump(once)
    assert _dump(dedupe_meetings(once, published=published)) == _dump(once)
    # nothing is lost: every source and every mention survives
    assert {s for m in once for s in m.sources} == {s for m in records for s in m.sources}
    assert {(e.article_id, e.text) for m in once for e in m.evidence} == {
        (e.article_id, e.text) for m in records for e in m.evidence
    }
    assert len({m.id for m in once}) == len(once)
    assert all(m.sources == sorted(set(m.sources)) for m in once)


def test_no_warnings_on_clean_input() -> None:
    records, _, published = _seed_records()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        dedupe_meetings(records, published=published)


@pytest.mark.parametrize(
    ("x", "y"),
    [
        (P("Tony Blinken", "United States", None), P("Antony Blinken", "United States", "Secretary of State")),
        (P("Sameh Shukri", "Egypt"), P("Sameh Shoukry", "Egypt")),
        (P("S. Jaishankar", "India"), P("Subrahmanyam Jaishankar", "India")),
        (P("Mohamed bin Zayed", "United Arab Emirates", "President"), P("Mohammed bin Zayed", "United Arab Emirates", "President")),
        (P("MBS", "Saudi Arabia", "Crown Prince"), P("Mohammed bin Salman", "Saudi Arabia", "Crown Prince")),
        (P("Gabriel Boric Font", "Chile", "President"), P("Gabriel Boric", "Chile", "President")),
        (P("HAYASHI Yoshimasa", "Japan"), P("Yoshimasa Hayashi", "Japan")),
    ],
)
def test_spellings_of_one_person_across_outlets_merge(x: Participant, y: Participant) -> None:
    other = P("Kassym-Jomart Tokayev", "Kazakhstan", "President")
    out = dedupe_meetings([M("a1", x, other, day=D20, loc=None), M("a2", other, y, day=D20, loc=None)])
    assert len(out) == 1
    assert len({p.person_id for p in out[0].participants}) == 2


def test_linkage_settings_are_checked() -> None:
    from diplomeet.linkage import Linkage

    with pytest.raises(TypeError, match="threshold"):
        Linkage(threshold="high")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="max_day_gap"):
        Linkage(max_day_gap=-1)
    with pytest.raises(TypeError, match="linkage"):
        dedupe_meetings([], linkage={"threshold": 2})  # type: ignore[arg-type]
    strict = Linkage(threshold=6.0)
    records = [
        M("a1", LAV, MAM, day=D20, loc=None, text="The ministers met for talks."),
        M("a2", LAV_I, MAM, day=D20, loc=None, text="Lavrov received his counterpart."),
    ]
    assert len(dedupe_meetings(records)) == 1 and len(dedupe_meetings(records, linkage=strict)) == 2
