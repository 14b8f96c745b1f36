"""Who held which office when: a reviewed table of well-known officials.

The table (``diplomeet/data/officials.tsv``) lists heads of state and government,
foreign ministers and the heads of international organisations with the dates they
held office. The extractor uses it to fill the role and country of a person named
without a title ("Wang Yi met ...") and to check descriptions such as "the Chinese
foreign minister" against the people named in an article.

The table is read once, on first use, and indexed by folded surname so that a
lookup per person mention stays cheap.

Example:
    >>> from datetime import date
    >>> [o.role for o in lookup("Antony Blinken", on=date(2022, 5, 1))]
    ['Secretary of State']
    >>> [o.name for o in holder("Foreign Minister", "China", date(2016, 1, 1))]
    ['Wang Yi']
"""

from __future__ import annotations

import calendar
import csv
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from importlib import import_module, resources

from anyascii import anyascii

from diplomeet.errors import DiplomeetError, InvalidInputError

__all__ = ["GRACE_DAYS", "Office", "holder", "lookup", "offices"]

GRACE_DAYS = 30
"""Days of tolerance at both ends of a term when filtering by date."""

_COLUMNS = ("name", "aliases", "role", "country", "start", "end")

# Countries whose officials are written family name first in English news
# ("Xi Jinping" -> "Xi", "Moon Jae-in" -> "Moon").
_FAMILY_NAME_FIRST = frozenset({"china", "taiwan", "north korea", "south korea"})

# Tokens that are not a surname: generational suffixes and regnal numbers
# (stripped from the end of a name) and titles (stripped from the start).
_SUFFIXES = frozenset(
    "jr sr i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi".split()
)
_TITLES = frozenset(
    "pope king queen emperor sultan emir sheikh shaikh prince princess crown "
    "ayatollah lord baroness sir dame mr mrs ms dr".split()
)

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_SPLIT_RE = re.compile(r"[\s\-\u2010-\u2015]+")
_DROP_RE = re.compile(r"[.'`\u2019\u02bc\",()]")
_REPEAT_RE = re.compile(r"(.)\1+")


@dataclass(frozen=True)
class Office:
    """One term of one person in one office.

    Attributes:
        name: Canonical English name ("Antony Blinken").
        aliases: Other spellings and forms of the name ("Antony J. Blinken", ...).
        role: Canonical English role ("Secretary of State").
        country: State or organisation, English short name ("United States").
        start: First day in office (the first day of the month or year when the
            table gives only that).
        end: Last day in office, or None when still in office.
    """

    name: str
    aliases: tuple[str, ...]
    role: str
    country: str
    start: date
    end: date | None

    def held_on(self, day: date, grace_days: int = GRACE_DAYS) -> bool:
        """Whether this term covers ``day``, with ``grace_days`` of tolerance at both ends."""
        grace = timedelta(days=grace_days)
        if day < self.start - grace:
            return False
        return self.end is None or day <= self.end + grace


# --------------------------------------------------------------------- folding


def fold_tokens(text: str) -> tuple[str, ...]:
    """Split a name into transliteration-tolerant tokens.

    Transliterates to ASCII, case-folds, drops dots and apostrophes, splits on
    spaces and hyphens, treats "y" as "i" and collapses doubled letters, so that
    "Sergei"/"Sergey" and "Zelensky"/"Zelenskyy" give the same token.

    Args:
        text: A person's name in any script or spelling.

    Returns:
        The folded tokens, possibly empty.
    """
    ascii_text = _DROP_RE.sub("", anyascii(text).casefold())
    tokens = []
    for token in _SPLIT_RE.split(ascii_text):
        if token:
            tokens.append(_REPEAT_RE.sub(r"\1", token.replace("y", "i")))
    return tuple(tokens)


def _fold_label(text: str) -> str:
    """Fold a role or country label: ASCII, case-folded, hyphens as spaces."""
    ascii_text = anyascii(text).casefold().replace("-", " ").replace(".", "")
    return " ".join(ascii_text.split())


def _core(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """Drop leading titles and trailing suffixes, keeping at least one token."""
    start, end = 0, len(tokens)
    while end - start > 1 and tokens[start] in _TITLES:
        start += 1
    while end - start > 1 and tokens[end - 1] in _SUFFIXES:
        end -= 1
    return tokens[start:end]


def _is_subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    remaining = iter(long)
    return all(token in remaining for token in short)


# ----------------------------------------------------------------- the table


def _parse_date(text: str, *, end: bool, where: str) -> date:
    match = _DATE_RE.match(text)
    if not match:
        raise DiplomeetError(f"{where}: {text!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if month is None:
            return date(year, 12, 31) if end else date(year, 1, 1)
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return date(year, month, last if end else 1)
        return date(year, month, day)
    except ValueError as exc:
        raise DiplomeetError(f"{where}: {text!r} is not a valid date ({exc})") from exc


def read_table(lines: Iterable[str], source: str = "officials.tsv") -> list[Office]:
    """Parse the office-holder table.

    Args:
        lines: The lines of a tab-separated file with the header
            ``name aliases role country start end``.
        source: File name used in error messages.

    Returns:
        One Office per row, in file order.

    Raises:
        DiplomeetError: A row is malformed (wrong column count, bad date,
            start after end, empty name, role or country).
    """
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader, None)
    if header is None or tuple(header) != _COLUMNS:
        expected = " ".join(_COLUMNS)
        raise DiplomeetError(f"{source}: the header must be the tab-separated columns {expected!r}, got {header!r}")
    table = []
    for line_no, row in enumerate(reader, start=2):
        where = f"{source} line {line_no}"
        if not row:
            continue
        if len(row) != len(_COLUMNS):
            raise DiplomeetError(f"{where}: expected {len(_COLUMNS)} columns, got {len(row)}")
        name, aliases, role, country, start, end = (cell.strip() for cell in row)
        if not (name and role and country and start):
            raise DiplomeetError(f"{where}: name, role, country and start are required")
        first = _parse_date(start, end=False, where=where)
        last = _parse_date(end, end=True, where=where) if end else None
        if last is not None and last < first:
            raise DiplomeetError(f"{where}: end {end} is before start {start}")
        variants = tuple(a.strip() for a in aliases.split("|") if a.strip())
        table.append(Office(name, variants, role, country, first, last))
    return table


@dataclass(frozen=True, eq=False)
class _Person:
    name: str
    offices: tuple[Office, ...]
    variants: tuple[tuple[str, ...], ...]  # folded name and aliases (also without titles/suffixes)
    family_first: bool

    def active(self, on: date | None) -> list[Office]:
        if on is None:
            return list(self.offices)
        return [o for o in self.offices if o.held_on(on)]


@dataclass(frozen=True)
class _Index:
    people: tuple[_Person, ...]
    by_variant: dict[tuple[str, ...], list[_Person]]
    by_surname: dict[str, list[_Person]]
    offices: tuple[Office, ...]


def _surname_key(tokens: tuple[str, ...], family_first: bool) -> str:
    return tokens[0] if family_first else tokens[-1]


def build_index(table: Iterable[Office]) -> _Index:
    """Group offices by person and index them by folded name and surname."""
    grouped: dict[str, list[Office]] = {}
    for office in table:
        grouped.setdefault(office.name, []).append(office)
    people = []
    by_variant: dict[tuple[str, ...], list[_Person]] = {}
    by_surname: dict[str, list[_Person]] = {}
    for name, terms in grouped.items():
        spellings = [name, *(a for o in terms for a in o.aliases)]
        folded = [fold_tokens(s) for s in spellings]
        variants = tuple(
            dict.fromkeys(
                form
                for tokens in folded
                if tokens
                for form in (tokens, _core(tokens))
                if form == tokens or len(form) >= 2
            )
        )
        cores = [_core(tokens) for tokens in folded if tokens]
        family_first = _fold_label(terms[0].country) in _FAMILY_NAME_FIRST
        person = _Person(name, tuple(sorted(terms, key=lambda o: o.start)), variants, family_first)
        people.append(person)
        for variant in variants:
            bucket = by_variant.setdefault(variant, [])
            if person not in bucket:
                bucket.append(person)
        for core in dict.fromkeys(cores):
            bucket = by_surname.setdefault(_surname_key(core, family_first), [])
            if person not in bucket:
                bucket.append(person)
    all_offices = tuple(o for p in people for o in p.offices)
    return _Index(tuple(people), by_variant, by_surname, all_offices)


@lru_cache(maxsize=1)
def _index() -> _Index:
    path = resources.files("diplomeet") / "data" / "officials.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        return build_index(read_table(handle, source=str(path)))


@lru_cache(maxsize=1)
def _role_forms() -> dict[str, str]:
    """Folded surface form of a role -> folded canonical role, from data/roles.json."""
    forms: dict[str, str] = {}
    path = resources.files("diplomeet") / "data" / "roles.json"
    if not path.is_file():
        return forms
    roles = json.loads(path.read_text(encoding="utf-8")).get("roles", {})
    for canonical, surfaces in roles.items():
        key = _fold_label(canonical)
        for surface in [canonical, *surfaces]:
            forms.setdefault(_fold_label(surface), key)
    return forms


@lru_cache(maxsize=1)
def _country_forms() -> dict[str, str]:
    """Folded country name, alias or code -> folded canonical name, from data/countries.tsv."""
    forms: dict[str, str] = {}
    path = resources.files("diplomeet") / "data" / "countries.tsv"
    if not path.is_file():
        return forms
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            name = (row.get("name") or "").strip()
            if not name:
                continue
            key = _fold_label(name)
            forms[key] = key
            for other in [*(row.get("aliases") or "").split("|"), row.get("code") or ""]:
                if other.strip():
                    forms.setdefault(_fold_label(other), key)
    return forms


@lru_cache(maxsize=1)
def _same_person() -> Callable[[str, str], bool] | None:
    """diplomeet.names.same_person when that module provides it, else None."""
    try:
        module = import_module("diplomeet.names")
    except ImportError:
        return None
    func = getattr(module, "same_person", None)
    return func if callable(func) else None


# ------------------------------------------------------------------ public API


def _check_day(on: object) -> date | None:
    if on is None:
        return None
    if isinstance(on, datetime):
        return on.date()
    if isinstance(on, date):
        return on
    raise TypeError(f"on must be a datetime.date or None, not {type(on).__name__}")


def _collect(people: Iterable[_Person], on: date | None) -> list[Office]:
    found = [o for p in dict.fromkeys(people) for o in p.active(on)]
    return sorted(found, key=lambda o: (o.start, o.name, o.role))


def _fuzzy_matches(query: str, folded: tuple[str, ...], index: _Index) -> list[_Person]:
    same_person = _same_person()
    if same_person is None or len(folded) < 2:
        return []
    candidates = index.by_surname.get(folded[-1], []) + index.by_surname.get(folded[0], [])
    matched = []
    for person in dict.fromkeys(candidates):
        spellings = [person.name, *{a for o in person.offices for a in o.aliases}]
        try:
            if any(same_person(query, s) for s in spellings):
                matched.append(person)
        except TypeError:  # an incompatible signature: keep the internal matching only
            return []
    return matched


def _surname_matches(folded: tuple[str, ...], index: _Index, on: date | None) -> list[_Person]:
    candidates = index.by_surname.get(folded[-1], []) + index.by_surname.get(folded[0], [])
    matched = []
    for person in dict.fromkeys(candidates):
        for variant in person.variants:
            if len(folded) >= len(variant):
                continue
            part = variant[: len(folded)] if person.family_first else variant[-len(folded) :]
            if part == folded:
                matched.append(person)
                break
    if on is not None:
        matched = [p for p in matched if p.active(on)]
    return matched if len(matched) == 1 else []


def lookup(name: str, on: date | None = None, *, allow_surname: bool = False) -> list[Office]:
    """Offices held by the person a name refers to.

    The name matches a person's canonical name or one of its variants after
    transliteration and case folding ("Sergei"/"Sergey", "Zelensky"/"Zelenskyy"),
    also when one side adds a middle name or initial ("Antony J. Blinken"). A
    name shared by several people ("George Bush") returns the offices of all of
    them; pass ``on`` to keep the one in office that day.

    Args:
        name: A person's name as written ("Mevlut Cavusoglu", "Wang Yi").
        on: Keep only the offices held on this day (with a grace of
            ``GRACE_DAYS`` at both ends of each term); None keeps all.
        allow_surname: Also accept a surname alone ("Cavusoglu"), but only when
            exactly one person with that surname holds office on ``on`` (or, when
            ``on`` is None, exactly one person in the table has it).

    Returns:
        The matching offices sorted by start date; empty when the name is unknown
        or the person held no office that day.

    Raises:
        TypeError: ``name`` is not a string or ``on`` is not a date.
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a str, not {type(name).__name__}")
    day = _check_day(on)
    raw = fold_tokens(name)
    if not raw:
        return []
    folded = _core(raw)
    index = _index()
    people = index.by_variant.get(raw) or index.by_variant.get(folded)
    if not people and len(folded) >= 2:
        candidates = index.by_surname.get(folded[-1], []) + index.by_surname.get(folded[0], [])
        people = [
            person
            for person in dict.fromkeys(candidates)
            if any(
                variant[0] == folded[0]
                and variant[-1] == folded[-1]
                and (_is_subsequence(variant, folded) or _is_subsequence(folded, variant))
                for variant in person.variants
                if len(variant) >= 2
            )
        ]
    if not people:
        people = _fuzzy_matches(name, folded, index)
    if not people and allow_surname:
        people = _surname_matches(folded, index, day)
    return _collect(people or [], day)


def holder(role: str, country: str, on: date | None = None) -> list[Office]:
    """Who held a role for a country, optionally on a given day.

    Roles are compared through the role table (``data/roles.json``), so "Premier"
    finds a "Prime Minister"; countries through the country table
    (``data/countries.tsv``), so "USA" finds "United States".

    Args:
        role: A role ("President", "Foreign Minister", "Secretary-General").
        country: A state or organisation ("Russia", "United Nations").
        on: Keep only the terms covering this day (with a grace of
            ``GRACE_DAYS`` at both ends); None keeps every term.

    Returns:
        The matching offices sorted by start date; several when terms overlap
        the grace period around a change of office-holder.

    Raises:
        TypeError: An argument has the wrong type.
        InvalidInputError: ``role`` or ``country`` is empty.
    """
    for label, value in (("role", role), ("country", country)):
        if not isinstance(value, str):
            raise TypeError(f"{label} must be a str, not {type(value).__name__}")
        if not value.strip():
            raise InvalidInputError(f"{label} must not be empty")
    day = _check_day(on)
    roles, countries = _role_forms(), _country_forms()
    want_role = roles.get(_fold_label(role), _fold_label(role))
    want_country = countries.get(_fold_label(country), _fold_label(country))
    found = []
    for office in _index().offices:
        office_role = _fold_label(office.role)
        if roles.get(office_role, office_role) != want_role:
            continue
        office_country = _fold_label(office.country)
        if countries.get(office_country, office_country) != want_country:
            continue
        if day is None or office.held_on(day):
            found.append(office)
    return sorted(found, key=lambda o: (o.start, o.name))


def offices() -> tuple[Office, ...]:
    """Every office in the table, grouped by person."""
    return _index().offices
