"""Page structure of raw article text: furniture to skip, the wire dateline, the page's own time stamp.

Every function takes the article text exactly as found and answers with character offsets into that
same text, so a caller can skip or use spans without ever rewriting the text. Pure Python: no spaCy.

Example:
    >>> text = "WASHINGTON, DC \\u2014 Antony Blinken met Wang Yi on Monday.\\n\\nRelated articles\\nOther news"
    >>> find_dateline(text).city
    'Washington'
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

__all__ = [
    "Dateline",
    "PublicationTime",
    "Region",
    "RegionReason",
    "find_dateline",
    "find_publication_time",
    "normalize_same_length",
    "region_at",
    "skipped_regions",
    "soft_line_breaks",
]

RegionReason = Literal[
    "furniture",  # site furniture: back-to-top, tags, copyright, junk lines
    "teaser",  # related/recommended/popular sections, "Read more: ..." lines
    "repeat",  # a paragraph already seen earlier on the page
    "comments",  # reader comments and reply forms
    "cookie",  # cookie notices
    "newsletter",  # sign-up / subscribe prompts
    "share",  # share buttons
    "credit",  # photo or source credit lines
    "advert",  # advertisement markers
    "nav",  # navigation and language menus
    "meta",  # stand-alone time stamp / source / editor lines
]

# One code point in, one code point out: offsets stay valid.
_SAME_LENGTH = {
    # odd spaces -> space
    **{cp: " " for cp in (0x00A0, 0x1680, 0x202F, 0x205F, 0x3000, *range(0x2000, 0x200B))},
    # C0/C1 control characters other than tab and line breaks -> space
    **{cp: " " for cp in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, *range(0x80, 0x85), *range(0x86, 0xA0))},
    # soft hyphen -> space would split a word; it becomes a hyphen-less join below
    # zero-width characters and the byte-order mark -> space (they cannot be dropped)
    **{cp: " " for cp in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF)},
    # line and paragraph separators -> newline
    0x0085: "\n",
    0x2028: "\n",
    0x2029: "\n",
    # single quotes, apostrophes and primes -> '
    **{cp: "'" for cp in (0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x2035, 0x02BC, 0x00B4, 0xFF07)},
    # double quotes and double primes -> "
    **{cp: '"' for cp in (0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x2036, 0x00AB, 0x00BB, 0xFF02)},
}


def normalize_same_length(text: str) -> str:
    """Replace odd spaces, zero-width characters and curly quotes with ASCII, keeping the length.

    Non-breaking, thin and other typographic spaces and zero-width characters become a space; curly
    quotes, guillemets and primes become ``'`` or ``"``; line separators become ``\\n``. En and em
    dashes are kept. ``len(result) == len(text)``, so offsets found in the result are valid in ``text``.

    Args:
        text: Any string.

    Returns:
        The normalised string, of exactly the same length.

    Raises:
        TypeError: ``text`` is not a string.
    """
    _check_text(text)
    return text.translate(_SAME_LENGTH)


@dataclass(frozen=True)
class Region:
    """A span of the page that is not the article's own body.

    Attributes:
        start: Offset of the first character.
        end: Offset just past the last character.
        reason: Why it is skipped (see ``RegionReason``).
    """

    start: int
    end: int
    reason: RegionReason


@dataclass(frozen=True)
class Dateline:
    """A wire dateline such as ``ANKARA, March 3 (Reuters) -``.

    Attributes:
        city: The place in title case ("New Delhi").
        date_text: The date as written ("Nov. 20"), or None.
        start: Offset of the dateline's first character.
        end: Offset just past its separator (dash or colon).
        city_start: Offset of the place name.
        city_end: Offset just past the place name.
    """

    city: str
    date_text: str | None
    start: int
    end: int
    city_start: int
    city_end: int


@dataclass(frozen=True)
class PublicationTime:
    """A date or time stamp found in the page text.

    Attributes:
        value: The date, or the datetime when a time is given (aware only when the stamp has an offset).
        text: The stamp as written.
        start: Offset of the stamp.
        end: Offset just past the stamp.
        basis: ``"stamp"`` for a metadata or stand-alone stamp, ``"in-text"`` for a dated sentence.
    """

    value: date | datetime
    text: str
    start: int
    end: int
    basis: Literal["stamp", "in-text"]


def region_at(regions: list[Region], start: int, end: int | None = None) -> Region | None:
    """The first region overlapping ``[start, end)`` (or containing ``start``), or None.

    Args:
        regions: Regions as returned by :func:`skipped_regions`.
        start: Start offset of the span to test.
        end: End offset; ``start + 1`` when omitted.
    """
    stop = start + 1 if end is None else max(end, start + 1)
    for region in regions:
        if region.start < stop and start < region.end:
            return region
    return None


# ---------------------------------------------------------------------------------------------
# data


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    raw = resources.files("diplomeet").joinpath("data/furniture.json").read_text(encoding="utf-8")
    return json.loads(raw)


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern[str]
    reason: RegionReason
    max_words: int
    period_ok: bool
    full: bool


@lru_cache(maxsize=1)
def _headers() -> tuple[_Pattern, ...]:
    data = _data()
    return tuple(
        _Pattern(
            re.compile(rf"(?:{entry['pattern']})\s*[:.!\u00bb\u203a>]*", re.IGNORECASE),
            entry["reason"],
            int(entry.get("max_words", data["header_max_words"])),
            bool(entry.get("period_ok", False)),
            True,
        )
        for entry in data["section_headers"]
    )


@lru_cache(maxsize=1)
def _line_patterns() -> tuple[_Pattern, ...]:
    return tuple(
        _Pattern(
            re.compile(entry["pattern"], re.IGNORECASE),
            entry["reason"],
            int(entry.get("max_words", 10_000)),
            True,
            bool(entry.get("full", False)),
        )
        for entry in _data()["line_patterns"]
    )


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


# ---------------------------------------------------------------------------------------------
# lines


@dataclass(frozen=True)
class _Line:
    start: int  # first non-space character
    end: int  # just past the last non-space character
    text: str  # stripped, normalised

    @property
    def words(self) -> list[str]:
        return self.text.split()


def _lines(norm: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    n = len(norm)
    while pos <= n:
        nl = norm.find("\n", pos)
        stop = n if nl == -1 else nl
        raw = norm[pos:stop]
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            start = pos + lead
            out.append(_Line(start, start + len(stripped), stripped))
        if nl == -1:
            break
        pos = nl + 1
    return out


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


_SENTENCE_END = re.compile(r"[.!?][\"')\]]*$")


def _header_reason(line: _Line) -> RegionReason | None:
    words = line.words
    for pat in _headers():
        if len(words) > pat.max_words:
            continue
        if not pat.period_ok and _SENTENCE_END.search(line.text) and not line.text.endswith("..."):
            continue
        if pat.regex.fullmatch(line.text):
            return pat.reason
    return None


_DOMAIN = re.compile(r"(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,}/?", re.IGNORECASE)
_TOKEN = re.compile(r"[A-Za-z]{2,3}")


def _is_nav(line: _Line) -> bool:
    data = _data()
    words = line.words
    # a language or section menu of very short capitalised tokens: "Az Iw En Ru"
    if len(words) >= 3 and all(_TOKEN.fullmatch(w) and w[0].isupper() for w in words):
        return True
    seps = data["nav_separators"]
    segments = [s.strip() for s in re.split(r"\s/\s|[" + re.escape(seps) + "]", line.text)]
    segments = [s for s in segments if s]
    if len(segments) >= 3 and not _SENTENCE_END.search(line.text):
        limit = int(data["nav_max_segment_words"])
        if all(len(s.split()) <= limit for s in segments) and len(words) <= 4 * limit + len(segments):
            return True
    return False


def _is_share(line: _Line) -> bool:
    data = _data()
    strong = set(data["share_words"])
    filler = set(data["share_filler"])
    tokens = [t.strip(":,") for t in line.text.lower().split()]
    tokens = [t for t in tokens if t]
    return bool(tokens) and any(t in strong for t in tokens) and all(t in strong or t in filler for t in tokens)


def _line_reason(line: _Line, stamps: list[_Stamp]) -> RegionReason | None:
    """A reason to skip this single line wherever it stands, or None."""
    text = line.text
    lower = text.lower()
    if any(phrase in lower for phrase in _data()["cookie_phrases"]):
        return "cookie"
    if stamps and _is_stamp_line(line, stamps):
        return "meta"
    if not re.search(r"[^\W\d_]", text):
        return "furniture"  # no letters at all: counters, ids, separators
    if _DOMAIN.fullmatch(text):
        return "furniture"
    n_words = len(line.words)
    for pat in _line_patterns():
        if n_words > pat.max_words:
            continue
        found = pat.regex.fullmatch(text) if pat.full else pat.regex.match(text)
        if found:
            return pat.reason
    if _is_share(line):
        return "share"
    if _is_nav(line):
        return "nav"
    return None


# ---------------------------------------------------------------------------------------------
# skipped regions


def skipped_regions(text: str, *, title: str | None = None) -> list[Region]:
    """The parts of a scraped page that are not the article's own body.

    Marks end-of-article sections ("Related articles", "You May Also Like", "2 comments", "Back to
    Top", ...) from their header to the end of the page or to a line that restarts the article (the
    title again, or a repeated body paragraph); single furniture lines anywhere ("Read more: ...",
    photo credits, menus, cookie notices, share buttons, stand-alone stamps); and paragraphs that
    repeat an earlier kept paragraph of more than 40 characters. A section header only opens a
    section after some body text, so a menu word at the top of a page cannot swallow the article.

    Args:
        text: The article text exactly as found.
        title: The page title, if known (not part of ``text``); a line repeating it after a section
            restarts the article.

    Returns:
        Non-overlapping regions sorted by offset.

    Raises:
        TypeError: ``text`` or ``title`` has the wrong type.
    """
    _check_text(text)
    if title is not None and not isinstance(title, str):
        raise TypeError(f"title must be a str or None, got {type(title).__name__}")
    norm = normalize_same_length(text)
    lines = _lines(norm)
    stamps = _stamps(norm)
    min_body = int(_data()["min_body_chars_before_section"])

    restart_keys: set[str] = set()
    if title and len(_key(title).split()) >= 3:
        restart_keys.add(_key(title))

    labels: list[RegionReason | None] = []
    seen: set[str] = set()  # keys of kept lines
    section: RegionReason | None = None
    body_chars = 0
    stamp_i = 0
    keys = [_key(line.text) for line in lines]
    for i, line in enumerate(lines):
        line_stamps = []
        while stamp_i < len(stamps) and stamps[stamp_i].start < line.start:
            stamp_i += 1
        j = stamp_i
        while j < len(stamps) and stamps[j].end <= line.end:
            line_stamps.append(stamps[j])
            j += 1
        key = keys[i]
        label: RegionReason | None
        if section is not None and _restarts(i, keys, restart_keys, seen):
            section = None  # the article starts over: the copy is handled as repeats
            label = "repeat"
        elif (header := _header_reason(line)) is not None:
            if body_chars >= min_body or section is not None:
                section = header
            label = header
        elif (single := _line_reason(line, line_stamps)) is not None:
            # a stamp inside a teaser section belongs to the teaser, not to this page
            label = section if single == "meta" and section is not None else single
        elif section is not None:
            label = section
        elif len(key) > 40 and key in seen:
            label = "repeat"
        else:
            label = None
            if key:
                seen.add(key)
                if not restart_keys and len(key.split()) >= 3:
                    restart_keys.add(key)  # the first kept line is taken as the headline
            body_chars += len(line.text)
        labels.append(label)
    return _merge(lines, labels)


def _restarts(i: int, keys: list[str], restart_keys: set[str], seen: set[str]) -> bool:
    """Whether line ``i`` starts a copy of the article: it repeats the headline or a body paragraph,
    and one of the next few lines repeats a body paragraph too (a lone teaser echoing the headline
    is not enough)."""
    key = keys[i]
    if not key or not (key in restart_keys or (len(key) > 40 and key in seen)):
        return False
    return any(len(k) > 40 and k in seen for k in keys[i + 1 : i + 5])


def _merge(lines: list[_Line], labels: list[RegionReason | None]) -> list[Region]:
    """Join runs of consecutive non-blank lines that share a label into one region each."""
    regions: list[Region] = []
    previous: RegionReason | None = None
    for line, label in zip(lines, labels):
        if label is not None:
            if label == previous:
                regions[-1] = Region(regions[-1].start, line.end, label)
            else:
                regions.append(Region(line.start, line.end, label))
        previous = label
    return regions


# ---------------------------------------------------------------------------------------------
# date stamps


@dataclass(frozen=True)
class _Stamp:
    value: date | datetime
    start: int
    end: int
    numeric: bool  # ISO or dotted/slashed digits
    has_time: bool


@lru_cache(maxsize=1)
def _stamp_regexes() -> tuple[re.Pattern[str], ...]:
    data = _data()
    month = rf"(?P<mon>{_alternation(list(data['months']))})\b\.?"
    weekday = rf"(?:(?:{_alternation(data['weekdays'])})\b\.?,?\s+)?"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?P<year>(?:19|20)\d\d)"
    flags = re.IGNORECASE
    return (
        re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)(?![\d-])", flags),
        re.compile(r"\b(?P<year>(?:19|20)\d\d)/(?P<mnum>[01]?\d)/(?P<day>[0-3]?\d)(?![\d/])", flags),
        re.compile(r"(?<![\d.:/])(?P<day>[0-3]?\d)(?P<sep>[./])(?P<mnum>[01]?\d)(?P=sep)(?P<year>(?:19|20)\d\d)(?![\d])", flags),
        re.compile(rf"\b{weekday}{day}\s+(?:of\s+)?{month},?\s+{year}\b", flags),
        re.compile(rf"\b{weekday}{month}\s+{day},?\s+{year}\b", flags),
    )


_TIME = (
    r"(?P<hh>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?::(?P<ss>[0-5]\d)(?:\.\d+)?)?"
    r"(?:\s*(?P<ampm>[ap]\.?\s?m\.?)(?![a-z]))?"
    r"(?:\s*(?P<tz>GMT|UTC|Z|[+-][01]\d:?[0-5]\d)(?![A-Za-z]))?"
)
_TIME_AFTER = re.compile(r"(?:\s*(?:,|\||at|@|-|\u2013|T)?\s*)" + _TIME, re.IGNORECASE)
_TIME_BEFORE = re.compile(_TIME + r"\s*[,|]?\s*$", re.IGNORECASE)


def _stamps(norm: str) -> list[_Stamp]:
    months: dict[str, int] = _data()["months"]
    found: list[_Stamp] = []
    taken: list[tuple[int, int]] = []
    for rx in _stamp_regexes():
        for m in rx.finditer(norm):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            groups = m.groupdict()
            month_no = months[groups["mon"].lower()] if groups.get("mon") else int(groups["mnum"])
            try:
                day_value = date(int(groups["year"]), month_no, int(groups["day"]))
            except ValueError:
                continue
            start, end = m.start(), m.end()
            value: date | datetime = day_value
            line_end = norm.find("\n", end)
            line_end = len(norm) if line_end == -1 else line_end
            line_start = norm.rfind("\n", 0, start) + 1
            after = _TIME_AFTER.match(norm, end, line_end)
            before = _TIME_BEFORE.search(norm, line_start, start)
            tm = after or before
            if tm is not None:
                moment = _with_time(day_value, tm)
                if moment is not None:
                    value = moment
                    if tm is after:
                        end = tm.end()
                    else:
                        start = tm.start()
            taken.append((start, end))
            found.append(_Stamp(value, start, end, groups.get("mon") is None, isinstance(value, datetime)))
    found.sort(key=lambda s: s.start)
    return found


def _with_time(day_value: date, m: re.Match[str]) -> datetime | None:
    hour, minute = int(m["hh"]), int(m["mi"])
    second = int(m["ss"]) if m["ss"] else 0
    if m["ampm"]:
        pm = m["ampm"].lower().startswith("p")
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if pm else 0)
    tz = None
    if m["tz"]:
        zone = m["tz"].upper()
        if zone.lower() in _data()["utc_zones"]:
            tz = timezone.utc
        else:
            sign = 1 if zone[0] == "+" else -1
            digits = zone[1:].replace(":", "")
            tz = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
    return datetime(day_value.year, day_value.month, day_value.day, hour, minute, second, tzinfo=tz)


_BY_LINE = re.compile(r"by\s+[A-Z][\w.'-]+", re.IGNORECASE)


def _is_stamp_line(line: _Line, stamps: list[_Stamp]) -> bool:
    """Whether a line is a metadata line: a stamp with a few label words around it."""
    data = _data()
    rest = line.text
    offset = line.start
    for s in sorted(stamps, key=lambda s: s.start, reverse=True):
        rest = rest[: s.start - offset] + " " + rest[s.end - offset :]
    other = re.findall(r"[^\W_]+", rest)
    if len(other) > int(data["stamp_max_other_words"]):
        return False
    if other and _SENTENCE_END.search(line.text) and len(other) > 2:
        return False
    lowered = {w.lower() for w in other}
    keywords = set(data["stamp_keywords"])
    return (
        not other
        or bool(lowered & keywords)
        or (len(other) <= 3 and any(s.numeric or s.has_time for s in stamps))
        or bool(_BY_LINE.match(line.text))
    )


_STAMP_LABEL = re.compile(
    r"\b(?:published|updated|posted|last updated|modified|released|issued|date|dated)\b\s*(?:on|at)?\s*[:\-]?\s*$",
    re.IGNORECASE,
)


def _prepared(text: str, regions: list[Region] | None) -> tuple[str, list[Region]]:
    """The normalised text and the skipped regions (computed unless given)."""
    _check_text(text)
    return normalize_same_length(text), skipped_regions(text) if regions is None else regions


def find_publication_time(text: str, *, regions: list[Region] | None = None) -> PublicationTime | None:
    """An in-text time stamp usable as the publication time when the caller has none.

    Recognises ISO stamps (``2023-03-14T09:12:00+03:00``), day-first numeric dates with an optional
    time before or after (``19:18 20.11.2017``, ``12.03.2023, 14:32``) and dates with a month name
    (``Posted on March 3, 2023``, ``Tuesday, 24 January 2017``). A stamp on a metadata or
    stand-alone line ("Source: ... | 2017-11-21 05:44:27 | Editor: ...") has basis ``"stamp"``; a
    full date inside a sentence or caption is the weaker ``"in-text"``. The first stamp wins over any
    in-text date; dates inside teaser, comment, newsletter or cookie regions are ignored.

    Args:
        text: The article text exactly as found.
        regions: Regions from :func:`skipped_regions`; computed when omitted.

    Returns:
        The best stamp, or None when the page carries no full date.

    Raises:
        TypeError: ``text`` is not a string.
    """
    norm, regions = _prepared(text, regions)
    foreign = [r for r in regions if r.reason in ("teaser", "comments", "newsletter", "cookie")]
    lines = _lines(norm)
    stamps = _stamps(norm)
    best_in_text: PublicationTime | None = None
    for s in stamps:
        if region_at(foreign, s.start, s.end) is not None:
            continue
        line = next((ln for ln in lines if ln.start <= s.start < ln.end), None)
        same_line = [t for t in stamps if line is not None and line.start <= t.start and t.end <= line.end]
        is_stamp = (
            (line is not None and _is_stamp_line(line, same_line))
            or (s.numeric and s.has_time)
            or bool(_STAMP_LABEL.search(norm, max(0, s.start - 40), s.start))
        )
        found = PublicationTime(s.value, text[s.start : s.end], s.start, s.end, "stamp" if is_stamp else "in-text")
        if is_stamp:
            return found
        if best_in_text is None:
            best_in_text = found
    return best_in_text


# ---------------------------------------------------------------------------------------------
# dateline


@lru_cache(maxsize=1)
def _dateline_regexes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = _data()
    month = rf"(?i:{_alternation(list(data['months']))})\b\.?"
    date_rx = (
        rf"(?P<date>{month}\s+[0-3]?\d(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d\d)?"
        rf"|[0-3]?\d(?:st|nd|rd|th)?\s+{month}(?:,?\s+(?:19|20)\d\d)?"
        r"|[0-3]?\d[./][01]?\d(?:[./](?:19|20)?\d\d)?)"
    )
    agency_len = int(data["agency_max_chars"])
    agency = (
        rf"(?:\s*\((?P<agency>[A-Z][\w.&' -]{{1,{agency_len}}})\)|\s*/(?P<agency2>[A-Z][\w.&' -]{{1,{agency_len}}})/"
        rf"|,\s*(?P<agency3>[A-Z][A-Z.&-]{{1,{agency_len}}})(?=\s*$))"  # "Baku, March 12, AZERTAC" on its own line
    )
    # "(PTI) External Affairs Minister ...": after an agency in brackets no dash is needed
    sep = r"(?P<sep>\s*(?:--|\u2014|\u2013)\s*|\s+-\s+|:\s+|(?<=\))\s+|(?<=[A-Z])\s*$)"
    no_month = rf"(?!{month}(?:\s|$))"
    region = rf"{no_month}(?P<region>[A-Z][a-zA-Z.]+(?:\s+[A-Z][a-zA-Z.]+)?|[A-Z]\.?[A-Z]\.?)"
    tail = rf"(?:,\s*{region})?(?:,?\s+{date_rx})?{agency}?{sep}(?:(?=[\"'A-Za-z0-9(])|$)"
    upper = r"(?P<city>[A-Z][A-Z'.-]*[A-Z](?:\s+[A-Z][A-Z'.-]*[A-Z])*)"
    title = r"(?P<city>[A-Z][a-z]+(?:[-'][A-Za-z][a-z]+)*(?:\s+[A-Z][a-z]+(?:[-'][A-Za-z][a-z]+)*){0,2})"
    return re.compile(upper + tail), re.compile(title + tail)


def find_dateline(text: str, *, regions: list[Region] | None = None) -> Dateline | None:
    """The wire dateline opening the first body paragraph, such as ``BAKU, Nov. 20 (Xinhua) --``.

    Looks at the first few kept lines within about 600 characters of the start of the body (so a
    headline or photo caption may come first). A place in capitals may stand alone before the dash
    (``MOSCOW \u2014``); a place in title case needs a date or an agency (``Beijing, 12 March (IRNA) \u2013``),
    so an ordinary sentence starting with a city name is never taken for a dateline.

    Args:
        text: The article text exactly as found.
        regions: Regions from :func:`skipped_regions`; computed when omitted.

    Returns:
        The dateline, or None.

    Raises:
        TypeError: ``text`` is not a string.
    """
    norm, regions = _prepared(text, regions)
    stop_words = {w.lower() for w in _data()["dateline_stopwords"]}
    upper_rx, title_rx = _dateline_regexes()
    body_start: int | None = None
    tried = 0
    for line in _lines(norm):
        if region_at(regions, line.start, line.end) is not None:
            continue
        if body_start is None:
            body_start = line.start
        if line.start - body_start > 600 or tried >= 5:
            break
        tried += 1
        for rx, strict in ((upper_rx, False), (title_rx, True)):
            m = rx.match(norm, line.start, line.end)
            if m is None or m["city"].lower() in stop_words:
                continue
            if strict and not (m["date"] or m["agency"] or m["agency2"] or m["agency3"]):
                continue
            if not m["sep"].strip() and not m["sep"].endswith(" ") and not (m["date"] and m["agency3"]):
                continue  # a line ending without a dash is a dateline only as "City, Month Day, AGENCY"
            if not strict and len(re.sub(r"[^A-Z]", "", m["city"])) < 3:
                continue
            return Dateline(
                city=_place_case(m["city"]),
                date_text=m["date"],
                start=m.start(),
                end=m.end("sep") - (len(m["sep"]) - len(m["sep"].rstrip())),
                city_start=m.start("city"),
                city_end=m.end("city"),
            )
    return None


def _place_case(name: str) -> str:
    if not name.isupper():
        return name
    particles = set(_data()["place_particles"])
    words = []
    for i, word in enumerate(name.lower().split()):
        if i and word in particles:
            words.append(word)
            continue
        parts = re.split(r"([-'])", word)
        words.append("".join(p if k and p in particles else p.capitalize() for k, p in enumerate(parts)))
    return " ".join(words)


# A paragraph is hard-wrapped prose when its lines are cut at one width: three or more lines,
# the longest between these bounds, and most inner lines within a word's length of it.
WRAP_WIDTH_MIN = 50
WRAP_WIDTH_MAX = 100
WRAP_SLACK = 12
WRAP_FULL_SHARE = 0.6
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


@lru_cache(maxsize=16)
def soft_line_breaks(text: str) -> frozenset[int]:
    """Offsets of the line breaks that only wrap lines inside hard-wrapped paragraphs.

    Wire copy wrapped at a fixed width ("... Prime Minister Manmohan\\nSingh and ...") breaks
    lines anywhere, even inside a name; such a break is a space, not the start of a new line
    of page furniture. Lists of headlines and other ragged lines are left alone.

    Args:
        text: The article text.

    Returns:
        The offsets of the ``\\n`` characters that are soft breaks (often none).
    """
    _check_text(text)
    soft: set[int] = set()
    start = 0
    for block_end in [m.start() for m in _BLANK_LINE.finditer(text)] + [len(text)]:
        block = text[start:block_end]
        lines = block.split("\n")
        if len(lines) >= 3:
            lengths = [len(line.rstrip()) for line in lines]
            width = max(lengths)
            inner = lines[:-1]
            full = [n for n in lengths[:-1] if width - n <= WRAP_SLACK]
            if (
                WRAP_WIDTH_MIN <= width <= WRAP_WIDTH_MAX
                and len(full) >= WRAP_FULL_SHARE * len(inner)
                and len(set(inner)) == len(inner)
            ):
                offset = start
                for line in inner:
                    offset += len(line)
                    soft.add(offset)
                    offset += 1
        start = block_end + 1
    return frozenset(soft)


def _check_text(text: object) -> None:
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
