"""Resolve news date expressions ("on Tuesday", "Nov. 20-21", "last week") against a publication time.

The news logic lives here: weekdays read in the tense of their clause, month-days given the
year nearest the publication date, ranges, vague periods, tolerant cleaning of what a named
entity recogniser hands over. dateparser (one reused English parser, built on first use) only
reads the absolute forms the rules below do not know. Word lists are in ``data/dates.json``.

Days counted from another day ("the next day", "two days later", "a day earlier", "the same
day", "later that day") count from the day named nearest before them in the same sentence; set
beside that day ("on Monday, the day before the summit") they name that very day. Without such
a day in the sentence they return None: in news they count from an event told elsewhere, not
from the publication. "The day" alone keeps its market-report reading, the publication day.
"""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from diplomeet.errors import InvalidInputError
from diplomeet.models import Precision, ResolvedDate

__all__ = ["is_future_context", "resolve_date"]

Tense = Literal["past", "present", "future", "nearest"]

_DASH = r"(?:-|\u2013|\u2014|--)"
_ORD = r"(?:st|nd|rd|th)?"
_POSSESSIVE = re.compile(r"(\w)'s?(?=\s|$|,)")


# --------------------------------------------------------------------------- word lists


@dataclass(frozen=True)
class _Lexicon:
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    day_offsets: dict[str, int]
    vague_none: frozenset[str]
    month_re: str
    weekday_re: str
    number_re: str
    leading_re: re.Pattern[str]
    part_of_day_re: re.Pattern[str]
    junk_re: re.Pattern[str]
    cue_res: tuple[tuple[str, re.Pattern[str]], ...]
    not_past: frozenset[str]
    clause_break_re: re.Pattern[str]
    nearest_before: frozenset[str]
    boundary_before: frozenset[str]
    anaphoric_days: dict[str, int]
    anaphoric_units: dict[str, int]
    fixed_days: dict[str, tuple[int, int]]
    fixed_day_re: re.Pattern[str]
    anchor_re: re.Pattern[str]
    owner_re: re.Pattern[str]


def _alternation(words: Any) -> str:
    """A regex alternation of ``words``, longest first, each escaped."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    raw = json.loads(resources.files("diplomeet").joinpath("data/dates.json").read_text("utf-8"))
    cues = raw["tense_cues"]
    cue_res = tuple(
        (name, re.compile(r"(?<![\w'])(?:" + "|".join(cues[name]) + r")(?!\w)", re.IGNORECASE))
        for name in ("nearest", "future", "weak_future", "past", "present")
    )
    breaks = [re.escape(b) if not b.isalpha() else rf"\b{b}\b" for b in cues["clause_breaks"]]
    fixed_days = {
        _POSSESSIVE.sub(r"\1", name): (month, day)
        for name, (month, day) in raw["fixed_days"].items()
    }
    weekdays = _alternation(w for w in raw["weekdays"] if len(w) > 4)  # full names only
    months = _alternation(raw["months"])
    anchor_re = re.compile(
        r"(?<![\w-])(?:"
        rf"(?:(?:last|next|this|this\s+past|this\s+coming|coming|past)\s+)?(?:{weekdays})"
        rf"|(?:{months})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s*{_DASH}\s*\d{{1,2}})?(?:,?\s+\d{{4}})?"
        rf"|(?:\d{{1,2}}\s*{_DASH}\s*)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{months})\.?(?:,?\s+\d{{4}})?"
        r"|\d{4}-\d{2}-\d{2}|the\s+day\s+before\s+yesterday|yesterday|today|tomorrow|tonight|last\s+night"
        r")(?![\w-])",
        re.IGNORECASE,
    )
    owner_re = re.compile(
        rf"^(?P<head>.*?\b(?:{_alternation(raw['weekdays'])}|{months}|today|yesterday|tomorrow|tonight"
        r"|week|weekend|month|year|\d{1,4}))\.?'s?\s+(?!(?:day|eve)\b)[a-z]",
        re.IGNORECASE,
    )
    return _Lexicon(
        months=raw["months"],
        weekdays=raw["weekdays"],
        numbers=raw["numbers"],
        day_offsets=raw["day_offsets"],
        vague_none=frozenset(raw["vague_none"]),
        month_re=rf"(?P<mon>{_alternation(raw['months'])})\.?",
        weekday_re=rf"(?P<wd>{_alternation(raw['weekdays'])})\.?",
        number_re=_alternation(raw["numbers"]),
        leading_re=re.compile(rf"^(?:{_alternation(raw['leading_words'])})\s+", re.IGNORECASE),
        part_of_day_re=re.compile(
            rf"\b(?:the\s+)?(?:(?:early|late)\s+)?(?:{_alternation(raw['parts_of_day'])})"
            r"(?:\s+(?:of|on|hours\s+of))?\b",
            re.IGNORECASE,
        ),
        junk_re=re.compile("|".join(raw["junk_patterns"]), re.IGNORECASE),
        cue_res=cue_res,
        not_past=frozenset(cues["not_past"]),
        clause_break_re=re.compile("|".join(breaks), re.IGNORECASE),
        nearest_before=frozenset(cues["nearest_before"]),
        boundary_before=frozenset(cues["boundary_before"]),
        anaphoric_days={k: v for k, v in raw["anaphoric_days"].items() if not k.startswith("_")},
        anaphoric_units=raw["anaphoric_units"],
        fixed_days=fixed_days,
        fixed_day_re=re.compile(rf"(?P<name>{_alternation(fixed_days)})(?:,?\s+(?P<y>\d{{4}}))?"),
        anchor_re=anchor_re,
        owner_re=owner_re,
    )


# --------------------------------------------------------------------------- parser


@lru_cache(maxsize=1)
def _parser() -> Any:
    """The one English dateparser parser, built on first use (never at import time)."""
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={
            "PREFER_DAY_OF_MONTH": "first",
            "DATE_ORDER": "DMY",
            "RETURN_AS_TIMEZONE_AWARE": False,
            "STRICT_PARSING": False,
        },
    )


# --------------------------------------------------------------------------- publication time


def _reference_day(published: date | datetime | str | None) -> date | None:
    """The publication day, in the publication's own time zone when it has one."""
    if published is None:
        return None
    if isinstance(published, datetime):
        return published.date()
    if isinstance(published, date):
        return published
    if isinstance(published, str):
        value = published.strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                return date.fromisoformat(value)
            except ValueError as err:
                raise InvalidInputError(f"published {published!r} is not a valid date") from err
        iso = re.sub(r"[Zz]$", "+00:00", value)
        try:
            return datetime.fromisoformat(iso).date()
        except ValueError as err:
            raise InvalidInputError(
                f"published {published!r} is not an ISO date or datetime (e.g. 2017-11-20T09:30+03:00)"
            ) from err
    raise TypeError(
        f"published must be a date, a datetime, an ISO string or None, got {type(published).__name__}"
    )


# --------------------------------------------------------------------------- tense


def _sentence_tense(sentence: str, expression: str | None) -> Tense | None:
    """The tense of the clause around ``expression`` in ``sentence`` (or of the whole sentence)."""
    lex = _lexicon()
    original = sentence.replace("\u2019", "'")
    low = original.lower()
    start = end = -1
    if expression:
        needle = " ".join(expression.lower().replace("\u2019", "'").split())
        start = low.find(needle)
        if start < 0:  # tokens joined differently: try the first word
            first = needle.split()[0] if needle.split() else ""
            start = low.find(first) if first else -1
            needle = first
        if start >= 0:
            end = start + len(needle)
            low = low[:start] + " " * (end - start) + low[end:]

    claimed = [False] * len(low)
    cues: list[tuple[int, int, str]] = []
    for name, pattern in lex.cue_res:
        for match in pattern.finditer(low):
            s, e = match.span()
            if any(claimed[s:e]):
                continue
            if name == "past" and match.group(0) in lex.not_past:
                continue
            if original[s : s + 3] == "May" and s > 0:  # the month, not the modal
                continue
            for i in range(s, e):
                claimed[i] = True
            cues.append((s, e, name))
    if not cues:
        return None
    if start < 0:
        kinds = {"future" if c[2] == "weak_future" else c[2] for c in cues}
        return kinds.pop() if len(kinds) == 1 else None  # type: ignore[return-value]

    left, right = 0, len(low)
    for match in lex.clause_break_re.finditer(low):
        if match.end() <= start:
            left = match.end()
        elif match.start() >= end:
            right = match.start()
            break

    def distance(cue: tuple[int, int, str]) -> int:
        return start - cue[1] if cue[1] <= start else cue[0] - end

    def pick(pool: list[tuple[int, int, str]]) -> Tense | None:
        strong = [c for c in pool if c[2] != "weak_future"]
        if strong:
            return min(strong, key=distance)[2]  # type: ignore[return-value]
        return "future" if pool else None

    in_clause = [c for c in cues if c[0] >= left and c[1] <= right]
    return pick(in_clause) or pick(cues)


def _word_before(sentence: str, expression: str) -> str | None:
    """The word just before ``expression`` in ``sentence``, lower-cased."""
    at = sentence.lower().find(expression.lower().strip())
    if at <= 0:
        return None
    words = re.findall(r"[\w']+", sentence[:at].lower())
    return words[-1] if words else None


_NEXT_WEEK_RE = re.compile(r"\bnext week\b", re.I)
_BARE_WEEKDAY_RE = re.compile(r"(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day", re.I)


def is_future_context(sentence: str, expression: str | None = None) -> bool | None:
    """Whether ``sentence`` speaks of the future around ``expression``.

    Args:
        sentence: The sentence holding the expression.
        expression: The date expression whose clause decides; None reads the whole sentence.

    Returns:
        True for future ("will meet on Friday", "is due to visit"), False for past or present
        narrative ("met on Tuesday", "says"), None when no cue decides (or the cue is a
        future-in-the-past such as "would" or "was due to").

    Example:
        >>> is_future_context("Antony Blinken will meet Wang Yi on Friday.", "Friday")
        True
    """
    if not isinstance(sentence, str):
        raise TypeError(f"sentence must be a str, got {type(sentence).__name__}")
    if expression is not None and not isinstance(expression, str):
        raise TypeError(f"expression must be a str or None, got {type(expression).__name__}")
    tense = _sentence_tense(sentence, expression)
    return {"future": True, "past": False, "present": False}.get(tense) if tense else None


# --------------------------------------------------------------------------- calendar helpers


def _days_in(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _safe_date(year: int, month: int, day: int) -> date | None:
    if 1 <= month <= 12 and 1 <= day <= _days_in(year, month) and 1 <= year <= 9999:
        return date(year, month, day)
    return None


def _choose(candidates: list[date], ref: date, tense: Tense | None) -> date | None:
    """Pick among dates: past -> latest on or before ref, future -> earliest on or after, else nearest."""
    if not candidates:
        return None
    if tense == "past":
        pool = [c for c in candidates if c <= ref]
        return max(pool) if pool else None
    if tense == "future":
        pool = [c for c in candidates if c >= ref]
        return min(pool) if pool else None
    return min(candidates, key=lambda c: (abs((c - ref).days), c > ref))


def _month_day(
    month: int, day: int, ref: date | None, tense: Tense | None, weekday: int | None = None
) -> date | None:
    """A month-day without a year: the year fitting the tense, nearest the publication date.

    A weekday named beside it ("Friday (14/4)") picks, when it can, a year in which the day
    falls on that weekday.
    """
    if ref is None:
        return None
    years = range(ref.year - 8, ref.year + 9) if (month, day) == (2, 29) else range(ref.year - 1, ref.year + 2)
    candidates = [d for y in years if (d := _safe_date(y, month, day))]
    if weekday is not None:
        matching = [d for d in candidates if d.weekday() == weekday]
        chosen = _choose(matching, ref, tense) or _choose(matching, ref, None)
        if chosen is not None:
            return chosen
    return _choose(candidates, ref, tense)


def _weekday(target: int, ref: date, tense: Tense | None, strict: bool = False) -> date:
    """The weekday ``target`` (0 = Monday) relative to ref, in the given tense."""
    back = (ref.weekday() - target) % 7
    ahead = (target - ref.weekday()) % 7
    if strict and back == 0:
        back = 7
    if strict and tense == "future" and ahead == 0:
        ahead = 7  # "next Monday" in a Monday paper; a bare "on Monday" in future tense is that day
    if tense == "future":
        return ref + timedelta(days=ahead)
    if tense == "nearest" and 0 < ahead < back:
        return ref + timedelta(days=ahead)
    return ref - timedelta(days=back)


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _year(text: str) -> int:
    value = int(text.lstrip("'"))
    if len(text.lstrip("'")) <= 2:
        value += 2000 if value < 50 else 1900
    return value


# --------------------------------------------------------------------------- cleaning


def _clean(expression: str) -> str:
    """Normalise what a tokenizer or NER hands over: spacing, quotes, trailing junk, possessives."""
    lex = _lexicon()
    s = expression.replace("\u2019", "'").replace("`", "'").replace("\u00a0", " ")
    s = " ".join(s.split())
    s = re.sub(r"\s+([,.;:!?)])", r"\1", s)
    s = re.sub(r"([(])\s+", r"\1", s)
    s = re.sub(r"\s+'s\b", "'s", s)
    s = s.strip(" \"'")
    # "October 16 - TASS": drop a dash-separated tail that is not itself a date
    tail = re.search(rf"\s+{_DASH}\s+(.*)$", s)
    if tail and not re.match(rf"(?:\d|{lex.month_re}\b|{lex.weekday_re}\b)", tail.group(1), re.IGNORECASE):
        s = s[: tail.start()]
    owner = lex.owner_re.match(s)
    if owner:  # "Monday's meeting", "last week's talks": the date that owns the noun
        s = owner["head"]
    s = _POSSESSIVE.sub(r"\1", s)  # possessives: "Tuesday's" keeps "Tuesday"
    s = re.sub(r"(?<=[a-z])s'(?=\s|$)", "s", s)
    return s.rstrip(" ,;:.!?").lower()


def _strip_times(s: str) -> str:
    s = re.sub(r"\b(\d{4}-\d{2}-\d{2})t\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?\b", r"\1", s)
    s = re.sub(r"\b\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)(?=\W|$)", " ", s)
    s = re.sub(r"\b\d{1,2}:\d{2}(?::\d{2})?\b", " ", s)
    s = re.sub(r"\bat\s+\d{1,2}\.\d{2}\b(?!\.)", " ", s)  # "at 10.30"; a bare "23.11" is a date
    s = re.sub(r"\b(?:gmt|utc|cet|cest|est|edt|pst|pdt|msk|bst|local time|o'clock)\b", " ", s)
    s = re.sub(r"\b\d{3,4}\s*(?:hrs|hours)\b", " ", s)
    s = re.sub(r"\b(?:at|around|about|from)\s*$", "", s.strip())
    s = re.sub(r"\b(?:at|around|about)\s*(?=,|$)", "", s)
    return " ".join(s.split()).strip(" ,")


def _strip_leading(s: str) -> tuple[str, list[str]]:
    lex = _lexicon()
    lead: list[str] = []
    while True:
        match = lex.leading_re.match(s)
        if not match:
            return s, lead
        lead.append(match.group(0).strip())
        s = s[match.end() :]


def _strip_parts_of_day(s: str) -> str:
    lex = _lexicon()
    out = lex.part_of_day_re.sub(" ", s)
    out = re.sub(r"^(?:late|early|earlier|later)\s+(?:on\s+)?", "", " ".join(out.split()))
    out = re.sub(r"\s+(?:late|early)$", "", out)
    out, _ = _strip_leading(out.strip(" ,"))
    return out.strip(" ,")


# --------------------------------------------------------------------------- rules


def _result(d: date, precision: Precision, text: str, end: date | None = None) -> ResolvedDate:
    return ResolvedDate(date=d, date_end=end, precision=precision, text=text)


def _absolute(
    s: str, ref: date | None, tense: Tense | None, text: str, weekday: int | None = None
) -> ResolvedDate | None:
    """Single days with a month name or in numeric form, and day ranges."""
    lex = _lexicon()
    mon, wd = lex.month_re, lex.weekday_re
    day = rf"(?:the\s+)?(?P<d>\d{{1,2}}){_ORD}"
    yr = r"(?P<y>\d{4}|'\d{2})"

    # strip a weekday in front of or behind a calendar date: "Tuesday, December 26"
    for form in (rf"^{wd},?\s+(?=(?:the\s+)?\d|{mon}(?!\w))", rf"(?<=\d),?\s+{wd}$"):
        named = re.search(form, s)
        if named:
            weekday = lex.weekdays[named["wd"]]
            s = s[: named.start()] + s[named.end() :]
    s = re.sub(r"\bof\s+(?:this|the\s+current)\s+month$", "", s).strip()

    match = re.fullmatch(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})", s)
    if match:
        d = _safe_date(int(match["y"]), int(match["m"]), int(match["d"]))
        return _result(d, "day", text) if d else None

    match = re.fullmatch(r"(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?:(?P=sep)(?P<y>\d{4}|\d{2}))?", s)
    if match and (match["y"] or match["sep"] != "-"):
        a, b = int(match["a"]), int(match["b"])
        readings = [(b, a)]  # day first, as news outside the US writes it
        if b > 12 >= a:  # "11/23/2017" can only be month first
            readings = [(a, b)]
        if match["sep"] == "/" and a <= 12 and b <= 12 and a != b:
            readings.append((a, b))
        found: list[date] = []
        for month, dd in readings:
            if match["y"]:
                got = _safe_date(_year(match["y"]), month, dd)
            else:
                got = _month_day(month, dd, ref, tense, weekday)
            if got:
                found.append(got)
        if not found:
            return None
        if len(found) > 1 and ref is not None:
            fits = [f for f in found if _choose([f], ref, tense)] or found
            best = min(fits, key=lambda f: abs((f - ref).days))
            found = [found[0]] if abs((found[0] - ref).days) <= abs((best - ref).days) else [best]
        return _result(found[0], "day", text)

    # ranges
    sep = rf"\s*(?:{_DASH}|\bto\b|\band\b|\buntil\b|\btill\b|\bthrough\b|\bthru\b)\s*"
    lead = r"(?:(?:from|between)\s+)?"
    tail_year = rf"(?:,?\s+{yr})?"
    day1 = rf"(?:the\s+)?(?P<d1>\d{{1,2}}){_ORD}"
    day2 = rf"(?:the\s+)?(?P<d2>\d{{1,2}}){_ORD}"
    mon1 = mon.replace("?P<mon>", "?P<m1>")
    mon2 = mon.replace("?P<mon>", "?P<m2>")
    range_forms = (
        rf"{lead}{mon1}\s+{day1}{sep}{day2}{tail_year}",
        rf"{lead}{day1}{sep}{day2}\s+(?:of\s+)?{mon1}{tail_year}",
        rf"{lead}{mon1}\s+{day1}{sep}{mon2}\s+{day2}{tail_year}",
        rf"{lead}{day1}\s+(?:of\s+)?{mon1}{sep}{day2}\s+(?:of\s+)?{mon2}{tail_year}",
    )
    for form in range_forms:
        match = re.fullmatch(form, s)
        if match:
            return _range(match, ref, tense, text)

    for form in (
        rf"{day}\s+(?:of\s+)?{mon},?(?:\s+{yr})?",
        rf"{mon}\s+{day}(?:,?\s+{yr})?",
    ):
        match = re.fullmatch(form, s)
        if match:
            month = lex.months[match["mon"]]
            dd = int(match["d"])
            y = match.groupdict().get("y")
            got = _safe_date(_year(y), month, dd) if y else _month_day(month, dd, ref, tense, weekday)
            return _result(got, "day", text) if got else None

    # "the 20th", "the 5th of next month"
    match = re.fullmatch(r"the\s+(?P<d>\d{1,2})(?:st|nd|rd|th)(?:\s+of\s+(?P<rel>last|next)\s+month)?", s)
    if match and ref is not None:
        dd = int(match["d"])
        if match["rel"]:
            y, m = _shift_month(ref.year, ref.month, -1 if match["rel"] == "last" else 1)
            got = _safe_date(y, m, dd)
        else:
            cands = [
                d
                for k in range(-2, 3)
                if (d := _safe_date(*_shift_month(ref.year, ref.month, k), dd))
            ]
            got = _choose(cands, ref, tense)
        return _result(got, "day", text) if got else None
    return None


def _range(match: re.Match[str], ref: date | None, tense: Tense | None, text: str) -> ResolvedDate | None:
    lex = _lexicon()
    groups = match.groupdict()
    m1 = lex.months[groups["m1"]]
    m2 = lex.months[groups["m2"]] if groups.get("m2") else m1
    d1, d2 = int(groups["d1"]), int(groups["d2"])
    if groups.get("y"):
        y2 = _year(groups["y"])
        y1 = y2 - 1 if (m1, d1) > (m2, d2) else y2
        start, end = _safe_date(y1, m1, d1), _safe_date(y2, m2, d2)
    else:
        start = _month_day(m1, d1, ref, tense)
        end = None
        if start is not None:
            cands = [d for y in (start.year, start.year + 1) if (d := _safe_date(y, m2, d2))]
            end = min((c for c in cands if c >= start), default=None)
    if start is None or end is None or end < start or (end - start).days > 62:
        return None
    return _result(start, "day", text, end if end != start else None)


def _weekday_rule(s: str, ref: date, tense: Tense | None, text: str) -> ResolvedDate | None:
    lex = _lexicon()
    match = re.fullmatch(
        rf"(?:(?P<mod>next|last|this\s+coming|coming|this\s+past|this|past|previous)\s+)?"
        rf"{lex.weekday_re}(?:\s+(?P<post>next|last|week))?",
        s,
    )
    if not match:
        return _weekday_of_week(s, ref, text) or _weekday_range(s, ref, tense, text)
    target = lex.weekdays[match["wd"]]
    mod = (match["mod"] or match["post"] or "").replace("  ", " ")
    if mod in ("next", "coming", "this coming"):
        return _result(_weekday(target, ref, "future", strict=True), "day", text)
    if mod in ("last", "past", "this past", "previous"):
        return _result(_weekday(target, ref, "past", strict=True), "day", text)
    if mod == "this" and tense is None:
        tense = "nearest"
    return _result(_weekday(target, ref, tense), "day", text)


def _weekday_of_week(s: str, ref: date, text: str) -> ResolvedDate | None:
    """ "Thursday next week", "Friday of last week": that weekday in the named week."""
    lex = _lexicon()
    match = re.fullmatch(
        rf"{lex.weekday_re}\s+(?:of\s+)?(?P<mod>this|next|last|the\s+following|the\s+previous)\s+week", s
    )
    if not match:
        return None
    shift = _PERIOD_OFFSET[" ".join(match["mod"].split()).replace("the following", "next")]
    monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=shift)
    return _result(monday + timedelta(days=lex.weekdays[match["wd"]]), "day", text)


def _weekday_range(s: str, ref: date, tense: Tense | None, text: str) -> ResolvedDate | None:
    """ "Monday and Tuesday", "from Monday to Wednesday": days of one stretch, in the tense given."""
    lex = _lexicon()
    match = re.fullmatch(
        rf"(?:between\s+)?{lex.weekday_re.replace('?P<wd>', '?P<w1>')}"
        rf"\s*(?:{_DASH}|\bto\b|\band\b|\bthrough\b|\bthru\b|\buntil\b|\btill\b)\s*"
        rf"{lex.weekday_re.replace('?P<wd>', '?P<w2>')}",
        s,
    )
    if not match:
        return None
    first, last = lex.weekdays[match["w1"]], lex.weekdays[match["w2"]]
    if first == last:
        return None
    start = _weekday(first, ref, tense)
    if tense in ("past", "present") and start + timedelta(days=(last - first) % 7) > ref:
        start -= timedelta(days=7)
    return _result(start, "day", text, start + timedelta(days=(last - first) % 7))


def _weekend(s: str, ref: date, tense: Tense | None, text: str) -> ResolvedDate | None:
    match = re.fullmatch(
        r"(?:(?P<mod>this\s+past|this\s+coming|this|last|next|the\s+past|the\s+coming|the)\s+)?weekend", s
    )
    if not match:
        return None
    mod = " ".join((match["mod"] or "the").split()).replace("this past", "the past")
    mod = mod.replace("this coming", "the coming")
    saturday = ref - timedelta(days=(ref.weekday() - 5) % 7)  # the latest Saturday, ref included
    in_weekend = ref.weekday() >= 5
    if mod in ("last", "the past"):
        saturday -= timedelta(days=7 if in_weekend else 0)
    elif mod in ("next", "the coming") or not in_weekend and (tense == "future" or (mod == "this" and tense != "past")):
        saturday += timedelta(days=7)
    return _result(saturday, "day", text, saturday + timedelta(days=1))


_PERIOD_OFFSET = {
    "this": 0, "the current": 0, "current": 0, "last": -1, "the past": -1, "past": -1, "this past": -1,
    "previous": -1, "the previous": -1, "next": 1, "the coming": 1, "coming": 1, "the following": 1,
}


def _period(unit: str, ref: date, shift: int, text: str) -> ResolvedDate:
    if unit == "week":
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=shift)
        return _result(monday, "week", text)
    if unit == "month":
        y, m = _shift_month(ref.year, ref.month, shift)
        return _result(date(y, m, 1), "month", text)
    return _result(date(ref.year + shift, 1, 1), "year", text)


def _vague(s: str, ref: date | None, tense: Tense | None, lead: list[str], text: str) -> ResolvedDate | None:
    """Weeks, months and years: never day precision, except the first day after "since"."""
    lex = _lexicon()
    start_of = re.match(r"(?:the\s+)?(?:start|beginning)\s+of\s+", s)
    if start_of and lead and lead[-1] in lex.boundary_before:  # "since the start of this year"
        period = _vague(s[start_of.end() :], ref, tense, [], text)
        return _result(period.date, "day", text) if period is not None else None
    edge = (
        r"(?:(?:earlier|later|early|late|mid|(?:the\s+)?(?:end|beginning|start|middle|rest|remainder)\s+of"
        r"|end|beginning|start)[\s-]+)?"
    )
    span = r"(?:(?:the\s+)?(?:first|second|third|fourth|last|final)\s+(?:half|quarter|(?:\w+\s+)?(?:months?|weeks?))\s+of\s+)?"

    match = re.fullmatch(rf"{edge}{span}(?P<y>\d{{4}})", s)
    if match:
        year = int(match["y"])
        return _result(date(year, 1, 1), "year", text) if 1000 <= year <= 2999 else None

    match = re.fullmatch(rf"{edge}{span}{lex.month_re}(?:,?\s+(?P<y>\d{{4}}))?", s)
    if match:
        month = lex.months[match["mon"]]
        if match["y"]:
            return _result(date(int(match["y"]), month, 1), "month", text)
        if ref is None:
            return None
        cands = [date(ref.year + k, month, 1) for k in (-1, 0, 1)]
        this_month = date(ref.year, ref.month, 1)
        if tense == "past":
            got = max(c for c in cands if c <= this_month)
        elif tense == "future":
            got = min(c for c in cands if c >= this_month)
        else:
            got = min(cands, key=lambda c: (abs((c - this_month).days), c > this_month))
        return _result(got, "month", text)

    if ref is None:
        return None

    match = re.fullmatch(
        rf"{edge}{span}(?:(?P<mod>this\s+past|this|the\s+current|current|last|the\s+past|past|previous|the\s+previous|next|the\s+coming|coming)\s+)(?P<unit>week|month|year)",
        s,
    )
    if match:
        mod = " ".join(match["mod"].split())
        return _period(match["unit"], ref, _PERIOD_OFFSET[mod], text)

    match = re.fullmatch(rf"(?:(?P<mod>last|next|this)\s+){lex.month_re}", s)
    if match:  # "last October": the latest October before this month; "next": the first after
        month = lex.months[match["mon"]]
        if match["mod"] == "this":
            return _vague(match["mon"], ref, tense, [], text)
        step = -1 if match["mod"] == "last" else 1
        y = ref.year + (step if (month - ref.month) * step <= 0 else 0)
        return _result(date(y, month, 1), "month", text)

    number = rf"(?P<n>\d+|{lex.number_re})"
    units = r"(?P<unit>day|week|month|year|fortnight)s?"
    match = re.fullmatch(rf"{number}\s+{units}\s+(?P<dir>ago|from\s+now|hence)", s)
    if not match and "in" in lead:
        match = re.fullmatch(rf"{number}\s+{units}(?:'?\s+time)?", s)
    if match:
        n = int(match["n"]) if match["n"].isdigit() else lex.numbers[match["n"]]
        sign = -1 if match.groupdict().get("dir") == "ago" else 1
        unit = match["unit"]
        if unit == "fortnight":
            n, unit = 2 * n, "week"
        if unit == "day":
            return _result(ref + timedelta(days=sign * n), "day", text)
        if unit == "week":
            return _period("week", ref + timedelta(weeks=sign * n), 0, text)
        if unit == "month":
            return _period("month", ref, sign * n, text)
        return _period("year", ref, sign * n, text)

    match = re.fullmatch(
        r"(?:(?:the\s+)?(?:end|beginning|start|middle|rest|remainder)\s+of|(?:earlier|later|early|late)\s+in)"
        r"\s+the\s+(?P<unit>week|month|year)",
        s,
    )
    if match:
        return _period(match["unit"], ref, 0, text)
    return None


def _with_dateparser(s: str, ref: date | None, tense: Tense | None, text: str) -> ResolvedDate | None:
    """Absolute forms the rules do not know; relative readings of dateparser are not trusted."""
    lex = _lexicon()
    has_month = re.search(rf"\b{lex.month_re}(?!\w)", s) is not None
    has_year = re.search(r"\b\d{4}\b", s) is not None
    if not (has_month or has_year) or not re.search(r"\d", s):
        return None
    if not has_month and re.fullmatch(r"[\d\s./'\-\u2013]+", s):  # "2017-18" is a span, not a day
        return None
    data = _parser().get_date_data(s)
    if data is None or data.date_obj is None:
        return None
    got: date = data.date_obj.date()
    period = data.period or "day"
    if period == "time":
        period = "day"
    if period not in ("day", "week", "month", "year"):
        return None
    if not has_year:
        if not (has_month and period == "day"):
            return None
        fixed = _month_day(got.month, got.day, ref, tense)
        if fixed is None:
            return None
        got = fixed
    if period == "month":
        got = got.replace(day=1)
    elif period == "year":
        got = got.replace(month=1, day=1)
    elif period == "week":
        got -= timedelta(days=got.weekday())
    return _result(got, period, text)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- days named from another day


def _anaphor(s: str) -> int | None:
    """The day offset of an expression that counts from another day ("the next day": 1), else None.

    "three days later than planned" counts 0: it describes the day it stands beside.
    """
    lex = _lexicon()
    s, _ = _strip_leading(_strip_times(s))
    if s in lex.anaphoric_days:
        return lex.anaphoric_days[s]
    match = re.fullmatch(
        rf"(?P<n>\d+|{lex.number_re})\s+(?P<unit>{_alternation(lex.anaphoric_units)})\s+"
        r"(?P<dir>earlier|later|before|after|afterwards|on)"
        r"(?P<than>\s+than\s+(?:\w+ly\s+)?(?:planned|scheduled|expected|anticipated|foreseen|announced|intended))?",
        s,
    )
    if not match:
        return None
    if match["than"]:
        return 0
    n = int(match["n"]) if match["n"].isdigit() else lex.numbers[match["n"]]
    sign = -1 if match["dir"] in ("earlier", "before") else 1
    return sign * n * lex.anaphoric_units[match["unit"]]


def _sentence_anchor(
    expression: str, sentence: str, ref: date | None
) -> tuple[ResolvedDate, bool] | None:
    """The day named nearest before ``expression`` in ``sentence``, and whether it stands beside it.

    "arrived on Monday and met the next day": Monday, not beside; "on Monday, the day before
    the summit": Monday, beside (the expression then describes that very day).
    """
    lex = _lexicon()
    low = sentence.replace("\u2019", "'").lower()
    at = low.find(" ".join(expression.replace("\u2019", "'").lower().split()))
    if at <= 0:
        return None
    for match in reversed(list(lex.anchor_re.finditer(sentence[:at]))):
        tense = _sentence_tense(sentence, match.group(0))
        found = _resolve(_clean(match.group(0)), ref, tense, match.group(0))
        if found is not None and found.precision == "day":
            beside = re.fullmatch(r"\s*(?:,|\(|--|\u2013|\u2014|-)\s*", sentence[match.end() : at]) is not None
            return found, beside
    return None


def _from_anchor(cleaned: str, sentence: str, ref: date | None, text: str) -> ResolvedDate | None:
    """An expression counting from another day, resolved against the day named before it."""
    offset = _anaphor(cleaned)
    if offset is None:
        return None
    anchor = _sentence_anchor(text, sentence, ref)
    if anchor is None:
        return None
    found, beside = anchor
    if beside or offset == 0:
        return _result(found.date, "day", text, found.date_end)
    start = (found.date_end or found.date) if offset > 0 else found.date
    return _result(start + timedelta(days=offset), "day", text)


# --------------------------------------------------------------------------- public


def _resolve(
    s: str, ref: date | None, tense: Tense | None, text: str, weekday: int | None = None
) -> ResolvedDate | None:
    lex = _lexicon()
    if not s or s in lex.vague_none or lex.junk_re.search(s):
        return None
    s = _strip_times(s)
    s, lead = _strip_leading(s)
    if not s or s in lex.vague_none:
        return None
    if tense in (None, "past", "present") and lead and lead[-1] in lex.nearest_before:
        tense = "nearest"

    if ref is not None:
        offset = lex.day_offsets.get(s)
        if offset is None:
            offset = lex.day_offsets.get(_strip_parts_of_day(s))
        if offset is not None:
            return _result(ref + timedelta(days=offset), "day", text)

    match = lex.fixed_day_re.fullmatch(s)
    if match:  # "Christmas Eve", "New Year's Day 2018"
        month, day = lex.fixed_days[match["name"]]
        got = _safe_date(int(match["y"]), month, day) if match["y"] else _month_day(month, day, ref, tense)
        return _result(got, "day", text) if got else None

    found = _absolute(s, ref, tense, text, weekday)
    if found is not None:
        return found
    bare = _strip_parts_of_day(s)
    if bare and bare != s:
        found = _resolve(bare, ref, tense, text, weekday)
        if found is not None:
            return found
    if ref is not None:
        found = _weekday_rule(s, ref, tense, text) or _weekend(s, ref, tense, text)
        if found is not None:
            return found
    found = _vague(s, ref, tense, lead, text)
    if found is not None:
        return found
    return _with_dateparser(s, ref, tense, text)


def resolve_date(
    expression: str,
    published: date | datetime | str | None,
    *,
    sentence: str | None = None,
) -> ResolvedDate | None:
    """Resolve a news date expression against the publication time.

    Args:
        expression: The date expression as found ("on Tuesday", "Nov. 20-21", "last week").
        published: Publication date or time (a date, a naive or timezone-aware datetime, an ISO
            string) or None; a timezone-aware time is read in its own zone. Without it only
            expressions carrying their year resolve.
        sentence: The sentence holding the expression; its tense decides between the last and
            the next weekday or the year of a month-day ("met on Tuesday" vs "will meet on Friday"),
            and the day it names anchors "the next day", "two days later" or "the same day".

    Returns:
        A ResolvedDate (``precision`` "day" when the day is fixed, else "week", "month" or
        "year"), or None when the expression does not name a date.

    Raises:
        TypeError: An argument has the wrong type.
        InvalidInputError: ``published`` is a string that is not an ISO date or datetime.

    Example:
        >>> resolve_date("Tuesday", "2017-11-23", sentence="Wang Yi met Antony Blinken on Tuesday.").date
        datetime.date(2017, 11, 21)
    """
    if not isinstance(expression, str):
        raise TypeError(f"expression must be a str, got {type(expression).__name__}")
    if sentence is not None and not isinstance(sentence, str):
        raise TypeError(f"sentence must be a str or None, got {type(sentence).__name__}")
    ref = _reference_day(published)
    text = expression
    try:
        cleaned = _clean(expression)
        if not cleaned:
            return None
        tense = None
        if sentence:
            anchored = _from_anchor(cleaned, sentence, ref, text)
            if anchored is not None:
                return anchored
            tense = _sentence_tense(sentence, expression)
            if tense == "future" and _NEXT_WEEK_RE.search(sentence) and _BARE_WEEKDAY_RE.fullmatch(cleaned):
                # "will travel to Sydney next week and hold talks on Wednesday": next week's Wednesday
                cleaned = f"{cleaned} next week"
            before = _word_before(sentence, expression)
            if before in _lexicon().nearest_before | _lexicon().boundary_before:  # "closed until Friday"
                cleaned = f"{before} {cleaned}"

        # "this Friday (14/4)", "24 November (Friday)": the part with digits is the date, and a
        # weekday on the other side helps choose its year
        inner = re.search(r"\(([^()]*)\)", cleaned)
        if inner:
            parts = [
                " ".join((cleaned[: inner.start()] + cleaned[inner.end() :]).split()),
                inner.group(1).strip(),
            ]
            parts.sort(key=lambda part: not re.search(r"\d", part))
            named = re.search(rf"\b{_lexicon().weekday_re}(?!\w)", parts[1])
            weekday = _lexicon().weekdays[named["wd"]] if named else None
            found = _resolve(parts[0], ref, tense, text, weekday)
            if found is not None and found.precision == "day":
                return found
            return _resolve(parts[1], ref, tense, text) if parts[1] else found
        return _resolve(cleaned, ref, tense, text)
    except OverflowError:
        return None  # a reference at the edge of the calendar (year 1 or 9999)
