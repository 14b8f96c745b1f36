"""Every supported way of stating a meeting, proven on short articles written for this test.

The case table is ``tests/data/phrasings.json``. Each case is one short article with its
publication date and the meetings a careful annotator would record (GOLD_FORMAT.md):
the participants' surnames and, where the text fixes them, status, kind, date, date_end
and location. A prediction must give exactly the expected participant sets (nothing
missing, nothing extra, no unnamed party beside them) and agree on every field the case
states. A predicted meeting with fewer than two named people is optional under the guide
and ignored, except in the negative cases, where nothing at all may be extracted.

Cases the extractor does not yet get right carry ``"known_gap"``; they run as strict
xfails, so the table records what does not work and flags the day a gap is closed.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import diplomeet
from diplomeet.names import fold, same_person

pytestmark = pytest.mark.model

TABLE = Path(__file__).resolve().parent / "data" / "phrasings.json"
CASES: list[dict[str, Any]] = json.loads(TABLE.read_text(encoding="utf-8"))["cases"]
FIELDS = ("status", "kind", "date", "date_end", "location")
SEED_PEOPLE = (
    "lavrov",
    "mammadyarov",
    "mamedyarov",
    "aliyev",
    "mirzoyan",
    "bayramov",
    "mnatsakanyan",
    "putin",
)
# the groups the table must cover, with a floor on the number of cases in each
GROUP_MINIMUMS = {
    "verbs": 20,
    "several meetings": 5,
    "statuses": 12,
    "dates": 8,
    "places": 6,
    "titles": 10,
    "negatives": 10,
    "calls": 6,
}


def _params() -> list[Any]:
    params = []
    for case in CASES:
        marks = []
        if case.get("known_gap"):
            marks.append(pytest.mark.xfail(strict=True, reason=case["known_gap"]))
        params.append(pytest.param(case, id=case["id"], marks=marks))
    return params


@pytest.fixture(scope="module")
def nlp():
    return diplomeet.load()


def _label(name: str | None, aliases: list[str], expected_names: list[str]) -> str | None:
    """The expected surname this predicted person is, else a folded surname marked '?'."""
    if name is None:
        return None
    for expected in expected_names:
        if any(same_person(expected, form) for form in [name, *aliases]):
            return expected
    tokens = fold(name).split()
    return "?" + (tokens[-1] if tokens else name)


def _predicted_value(meeting: diplomeet.Meeting, field: str) -> Any:
    value = getattr(meeting, field)
    return value.isoformat() if isinstance(value, date) else value


def _mismatches(case: dict[str, Any], meetings: list[diplomeet.Meeting]) -> list[str]:
    expected_names = sorted(
        {name for m in case["meetings"] for name in m["participants"]}, key=len, reverse=True
    )
    if case.get("negative"):
        return [
            "unexpected meeting: "
            + " + ".join(str(_label(p.name, p.aliases, expected_names)) for p in m.participants)
            for m in meetings
        ]
    predicted: list[tuple[frozenset[str], diplomeet.Meeting]] = []
    for meeting in meetings:
        labels = {_label(p.name, p.aliases, expected_names) for p in meeting.participants}
        named = frozenset(label for label in labels if label is not None)
        if len(named) >= 2:  # fewer than two named people: optional under the guide
            predicted.append((named, meeting))
    expected = [(frozenset(m["participants"]), m) for m in case["meetings"]]

    problems: list[str] = []
    want = Counter(key for key, _ in expected)
    got = Counter(key for key, _ in predicted)
    for key in sorted(want - got, key=sorted):
        problems.append(f"missing meeting {sorted(key)}")
    for key in sorted(got - want, key=sorted):
        problems.append(f"extra meeting {sorted(key)}")

    unused = list(predicted)
    for key, gold in expected:
        candidates = [pair for pair in unused if pair[0] == key]
        if not candidates:
            continue

        def disagreements(pair: tuple[frozenset[str], diplomeet.Meeting], gold=gold) -> list[str]:
            return [
                f"{sorted(pair[0])} {field}: expected {gold[field]!r}, "
                f"got {_predicted_value(pair[1], field)!r}"
                for field in FIELDS
                if field in gold and _predicted_value(pair[1], field) != gold[field]
            ]

        best = min(candidates, key=lambda pair: len(disagreements(pair)))
        unused.remove(best)
        problems.extend(disagreements(best))
        # every person in the table is named, so an unnamed party is a split or a stray
        problems.extend(
            f"{sorted(key)} extra unnamed participant ({p.role}, {p.country})"
            for p in best[1].participants
            if p.name is None
        )
    return problems


@pytest.mark.parametrize("case", _params())
def test_phrasing(nlp, case):
    meetings = diplomeet.extract_meetings(case["text"], case["published"], nlp=nlp)
    problems = _mismatches(case, meetings)
    assert not problems, f"{case['id']}: {case['text']!r}\n  " + "\n  ".join(problems)


def test_table_is_well_formed():
    ids = [case["id"] for case in CASES]
    assert len(ids) >= 90 and len(set(ids)) == len(ids)
    groups = Counter(case["group"] for case in CASES)
    for group, minimum in GROUP_MINIMUMS.items():
        assert groups[group] >= minimum, group
    assert set(groups) == set(GROUP_MINIMUMS)
    for case in CASES:
        assert set(case) <= {
            "id",
            "group",
            "published",
            "text",
            "meetings",
            "negative",
            "known_gap",
        }
        date.fromisoformat(case["published"])
        assert bool(case.get("negative")) == (case["meetings"] == []), case["id"]
        words = set(re.findall(r"[a-z]+", fold(case["text"])))
        assert not words & set(SEED_PEOPLE), case["id"]
        for meeting in case["meetings"]:
            assert set(meeting) <= {"participants", *FIELDS}, case["id"]
            assert len(set(meeting["participants"])) == len(meeting["participants"]) >= 2
            for name in meeting["participants"]:
                assert fold(name) in fold(case["text"]), (case["id"], name)
            for field in ("date", "date_end"):
                if meeting.get(field) is not None:
                    date.fromisoformat(meeting[field])
            assert meeting.get("status", "occurred") in {
                "occurred",
                "planned",
                "proposed",
                "cancelled",
            }
            assert meeting.get("kind", "in_person") in {"in_person", "phone", "video"}


def test_every_required_phrasing_is_in_the_table():
    texts = " ".join(case["text"] for case in CASES).casefold()
    required = [
        " met ",
        " met with ",
        "held talks with",
        "held a meeting with",
        "talks between",
        "a meeting between",
        " received ",
        "was received by",
        "hosted",
        "welcomed",
        "paid a courtesy call on",
        "sat down with",
        "spoke by phone with",
        "held a phone call with",
        "telephone conversation",
        "video conference with",
        "virtual meeting with",
        "exchanged views with",
        "co-chaired by",
        "invited",
        "who is on a visit",
        "during his meeting with",
        "'s talks with",
        "separately",
        "held separate talks with",
        "as well as with",
        "trilateral",
        "phone calls with",
        "will meet",
        "is scheduled to hold talks",
        "is due to meet",
        "is expected to meet",
        "upcoming meeting",
        " to meet ",
        "could meet",
        "possible meeting",
        "hopes to meet",
        "postponed",
        "called off",
        "cancelled his trip",
        "on tuesday",
        "yesterday",
        "today",
        "this morning",
        "on march 3",
        "3 march 2023",
        "nov. 20, 2017",
        "on 20-21 may",
        "in ankara",
        "in baku, azerbaijan",
        "nairobi, feb 28 (reuters) -",
        "at the white house",
        "in the turkish capital",
        "on the sidelines of the un general assembly",
        "turkey's foreign minister",
        "chinese counterpart",
        ", the indian foreign minister,",
        "minister of foreign affairs of kenya",
        "the two ministers",
        "press conference",
        "statement",
        "interview",
        "called on",
        "students",
        "business leaders",
        "security council",
    ]
    missing = [phrase for phrase in required if phrase not in texts]
    assert not missing
