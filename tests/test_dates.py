"""resolve_date and is_future_context: a case table (tests/data/date_cases.tsv) plus error tests."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

import diplomeet
from diplomeet import InvalidInputError, ResolvedDate
from diplomeet.dates import is_future_context, resolve_date

CASES_PATH = Path(__file__).parent / "data" / "date_cases.tsv"


def _load_cases() -> list[tuple[str, str | None, str | None, str | None, str | None, str | None]]:
    lines = CASES_PATH.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    assert header == [
        "expression",
        "sentence",
        "published",
        "expected_date",
        "expected_end",
        "expected_precision",
    ]
    rows = []
    for line in lines[1:]:
        expression, *rest = line.split("\t")
        assert len(rest) == 5, line
        rows.append((expression, *(value or None for value in rest)))
    return rows


CASES = _load_cases()


def test_case_table_is_large() -> None:
    assert len(CASES) >= 230


@pytest.mark.parametrize(
    ("expression", "sentence", "published", "expected_date", "expected_end", "expected_precision"),
    CASES,
    ids=[f"{i}:{c[0].strip() or 'blank'}@{c[2]}" for i, c in enumerate(CASES)],
)
def test_case_table(
    expression: str,
    sentence: str | None,
    published: str | None,
    expected_date: str | None,
    expected_end: str | None,
    expected_precision: str | None,
) -> None:
    got = resolve_date(expression, published, sentence=sentence)
    if expected_date is None:
        assert got is None
        return
    assert got is not None
    assert got == ResolvedDate(
        date=date.fromisoformat(expected_date),
        date_end=date.fromisoformat(expected_end) if expected_end else None,
        precision=expected_precision,
        text=expression,
    )


def test_vague_expressions_are_never_day_precision() -> None:
    for expression in ["last week", "earlier this month", "next month", "in October", "this week",
                       "later this year", "two weeks ago", "in mid-December", "early November"]:
        got = resolve_date(expression, date(2017, 11, 23))
        assert got is not None and got.precision != "day", expression


def test_published_as_date_datetime_and_string_agree() -> None:
    for published in [date(2017, 11, 23), datetime(2017, 11, 23, 9), "2017-11-23", "2017-11-23T09:00"]:
        got = resolve_date("Tuesday", published, sentence="They met on Tuesday.")
        assert got is not None and got.date == date(2017, 11, 21)


def test_aware_datetime_resolves_in_its_own_zone() -> None:
    published = datetime(2018, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=4)))
    got = resolve_date("yesterday", published)
    assert got is not None and got.date == date(2017, 12, 31)
    utc = published.astimezone(timezone.utc)  # 2017-12-31 20:30 UTC
    got_utc = resolve_date("yesterday", utc)
    assert got_utc is not None and got_utc.date == date(2017, 12, 30)


def test_weekday_and_published_day_same_weekday_past_vs_future() -> None:
    thursday = date(2017, 11, 23)
    past = resolve_date("Thursday", thursday, sentence="They met on Thursday.")
    future = resolve_date("Thursday", thursday, sentence="They will meet on Thursday.")
    following = resolve_date("next Thursday", thursday, sentence="They will meet next Thursday.")
    today = resolve_date("today", thursday, sentence="They will meet today.")
    assert past is not None and past.date == thursday
    # a news page announcing "will meet on Thursday" on a Thursday means that day (seed 001)
    assert future is not None and future.date == thursday
    assert following is not None and following.date == thursday + timedelta(days=7)
    assert today is not None and today.date == thursday


def test_past_narrative_never_lands_after_publication() -> None:
    published = date(2017, 11, 23)
    for day in range(1, 31):
        got = resolve_date(f"November {day}", published, sentence=f"They met on November {day}.")
        assert got is not None and got.date <= published


@pytest.mark.parametrize("expression", [None, 20171120, b"Tuesday", ["Tuesday"]])
def test_expression_must_be_str(expression: object) -> None:
    with pytest.raises(TypeError, match="expression"):
        resolve_date(expression, date(2017, 11, 23))  # type: ignore[arg-type]


@pytest.mark.parametrize("published", [20171123, 2017.11, True, ["2017-11-23"], object()])
def test_published_bad_type(published: object) -> None:
    with pytest.raises(TypeError, match="published"):
        resolve_date("Tuesday", published)  # type: ignore[arg-type]


@pytest.mark.parametrize("published", ["yesterday", "23/11/2017", "2017-13-45", "", "2017-02-30"])
def test_published_unparsable_string(published: str) -> None:
    with pytest.raises(InvalidInputError):
        resolve_date("Tuesday", published)
    with pytest.raises(ValueError):  # InvalidInputError is also a ValueError
        resolve_date("Tuesday", published)


def test_sentence_bad_type() -> None:
    with pytest.raises(TypeError, match="sentence"):
        resolve_date("Tuesday", date(2017, 11, 23), sentence=42)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("sentence", "expression", "expected"),
    [
        ("Antony Blinken will meet Wang Yi on Friday.", "Friday", True),
        ("The talks are scheduled to resume on Monday.", "Monday", True),
        ("Wang Yi is due to visit Ankara next week.", "next week", True),
        ("The summit is expected to open on Friday.", "Friday", True),
        ("Blinken plans to travel to Baku on Thursday.", "Thursday", True),
        ("Blinken to visit Beijing on Thursday", "Thursday", True),
        ("The deal will be finalized by June 10.", "June 10", True),
        ("Cavusoglu met Wang Yi on Tuesday.", "Tuesday", False),
        ("The ministers held talks on Tuesday.", "Tuesday", False),
        ("The foreign ministry said on Monday that it was ready.", "Monday", False),
        ("Blinken said on Monday that he will travel to Ankara on Tuesday.", "Monday", False),
        ("Blinken said on Monday that he will travel to Ankara on Tuesday.", "Tuesday", True),
        ("Wang Yi, who arrived on Sunday, will meet Blinken on Friday.", "Sunday", False),
        ("On Monday, the two ministers spoke by phone.", "Monday", False),
        ("Talks in Geneva on Monday.", "Monday", None),
        ("He would arrive on Monday.", "Monday", None),
    ],
)
def test_is_future_context(sentence: str, expression: str, expected: bool | None) -> None:
    assert is_future_context(sentence, expression) is expected


def test_is_future_context_whole_sentence_and_errors() -> None:
    assert is_future_context("The ministers will meet again.") is True
    assert is_future_context("The ministers met in Baku.") is False
    assert is_future_context("Talks in Baku.") is None
    with pytest.raises(TypeError):
        is_future_context(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        is_future_context("They met.", 3)  # type: ignore[arg-type]


def test_public_export() -> None:
    assert diplomeet.resolve_date is resolve_date


def test_import_does_not_load_dateparser() -> None:
    code = "import sys, diplomeet.dates; print('dateparser' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
