"""Meeting records in comparable form, and the pairwise score of two records.

A record holds what linkage needs of a meeting: its participants as comparable people
(blocking keys, a name to compare, canonical country, role), its day span or, for an
undated record, its publication day, its place resolved to a city and a country, and
its sources. :func:`score` sums the evidence of :mod:`diplomeet.linkage` for two records.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from diplomeet.linkage import Linkage, evidence_similarity, names_compatible, table_person
from diplomeet.models import Meeting
from diplomeet.names import _tables, fold, name_tokens, person_key, skeleton

__all__ = ["Person", "Rec", "make_record", "score", "assign", "people_compatible", "order_key", "cached_fold"]


class Person(NamedTuple):
    """One participant as linkage compares it."""

    keys: tuple[str, ...]
    name: str | None
    country: str | None
    code: str | None
    role: str | None


@dataclass(slots=True)
class Rec:
    """A meeting record ready for blocking and scoring."""

    index: int
    meeting: Meeting
    people: tuple[Person, ...] | None  # in the order of meeting.participants; None = not linkable
    first: date | None
    last: date | None
    ref: date | None  # publication day of an undated record
    city: str | None
    country: str | None
    sources: frozenset[str]
    sig: Hashable
    okey: tuple[object, ...] | None = None  # order_key(meeting), computed when needed
    members: list[Rec] | None = None  # records exactly alike that this one stands for, not merged yet


@lru_cache(maxsize=65_536)
def _country(text: str | None) -> str | None:
    if not text:
        return None
    from diplomeet.gazetteer import country_by_name

    found = country_by_name(text)
    return fold(found.name if found else text) or None


@lru_cache(maxsize=4_096)
def nation(country: str | None, code: str | None) -> str | None:
    """The folded canonical name of the state or organisation given by name or by code."""
    found = _country(country)
    if found is None and code:
        from diplomeet.gazetteer import country_by_code

        by_code = country_by_code(code)
        found = fold(by_code.name) if by_code is not None else code.upper()
    return found


@lru_cache(maxsize=65_536)
def _role(text: str | None) -> str | None:
    return fold(text) or None if text else None


@lru_cache(maxsize=262_144)
def _name_keys(name: str) -> tuple[str, ...]:
    """Blocking keys of a name: its surname skeleton, the table person's, and alternative surnames."""
    keys: list[str] = []
    key = person_key(name)
    if key:
        keys.append(key)
    canonical = table_person(name)
    if canonical is not None:
        keys.append(person_key(canonical))
    tokens = name_tokens(name)
    particles = _tables().particles
    if len(tokens) >= 3 and len(tokens[-2]) > 3 and tokens[-2] not in particles:
        keys.append(skeleton(tokens[-2]))  # a double surname: "Boric Font"
    if not name.isupper():
        for raw in name.split():
            if len(raw) >= 2 and raw.isalpha() and raw.isupper():
                keys.append(skeleton(fold(raw)))  # a surname in capitals: "HAYASHI Yoshimasa"
    return tuple(dict.fromkeys(k for k in keys if k))


@lru_cache(maxsize=65_536)
def _holder(role: str, country: str, day: date) -> str | None:
    from diplomeet.officials_kb import holder

    try:
        found = {o.name for o in holder(role, country, day)}
    except (TypeError, ValueError):
        return None
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=262_144)
def _person(name: str | None, role: str | None, country: str | None, code: str | None, day: date | None) -> Person | None:
    c = _country(country)
    code = code.upper() if code else None
    r = _role(role)
    if name:
        keys = _name_keys(name)
        return Person(keys, name, c, code, r) if keys else None
    if r and (c or code):
        if day is not None and role and country:
            found = _holder(role, country, day)
            if found is not None:
                return Person(_name_keys(found), found, c, code, r)
        return Person((f"r:{r}|{code or c}",), None, c, code, r)
    return None


@lru_cache(maxsize=65_536)
def _place(location: str | None, location_country: str | None) -> tuple[str | None, str | None]:
    """(city, country) of a place, folded; a venue counts as its city."""
    country = _country(location_country)
    if not location:
        return None, country
    from diplomeet.gazetteer import city_by_name, country_by_name
    from diplomeet.lexicon import venues

    venue = venues().get(location.lower())
    if venue is not None:
        return fold(venue[0]), _country(venue[1])
    city = city_by_name(location)
    if city is not None:
        return fold(city.name), _country(city.country)
    found = country_by_name(location)
    if found is not None:
        return None, fold(found.name)
    return fold(location) or None, country


@lru_cache(maxsize=262_144)
def cached_fold(text: str) -> str:
    """:func:`diplomeet.names.fold`, cached."""
    return fold(text)


_fold = cached_fold


def make_record(index: int, meeting: Meeting, published: Mapping[str, date] | None) -> Rec:
    """The comparable form of a meeting record."""
    first = meeting.date
    end = meeting.date_end
    last = end if (first is not None and end is not None and end >= first) else first
    people: list[Person] | None = []
    raw = []
    for p in meeting.participants:
        person = _person(p.name, p.role, p.country, p.country_code, None if p.name else first)
        if person is None:
            people = None
            break
        people.append(person)  # type: ignore[union-attr]
        raw.append((p.name or "", p.role or "", p.country or "", p.country_code or ""))
    sources = frozenset(meeting.sources)
    for e in meeting.evidence:
        if e.article_id and e.article_id not in sources:
            sources = sources | {e.article_id}
    ref = None
    if first is None and published:
        days = [published[s] for s in sources if s in published]
        ref = min(days) if days else None
    location, location_country = meeting.location, meeting.location_country
    city, country = _place(location, location_country)
    raw.sort()
    sig: Hashable = (
        tuple(raw),
        first,
        last,
        _fold(location) if location else None,
        _fold(location_country) if location_country else None,
        meeting.kind,
        meeting.status,
        None if first else tuple(sorted(sources)),
    )
    if people is None:
        sig = (sig, meeting.id, tuple(sorted(sources)))
    return Rec(index, meeting, tuple(people) if people else None, first, last, ref, city, country, sources, sig)


def order_key(meeting: Meeting) -> tuple[object, ...]:
    """A total order on meeting records by content (used to break ties deterministically)."""
    return (
        tuple(sorted(meeting.sources)),
        tuple((e.article_id or "", e.start, e.end, e.text) for e in meeting.evidence),
        meeting.date.isoformat() if meeting.date else "",
        meeting.date_end.isoformat() if meeting.date_end else "",
        meeting.status,
        meeting.kind,
        tuple(
            (p.name or "", p.role or "", p.country or "", p.country_code or "", tuple(p.aliases))
            for p in meeting.participants
        ),
        meeting.location or "",
        meeting.location_country or "",
        meeting.date_text or "",
        meeting.confidence,
    )


# ----------------------------------------------------------------------------- participants


def _same(p: Person, q: Person) -> bool:
    return p is q or _same_people(p, q)


@lru_cache(maxsize=262_144)
def _same_people(p: Person, q: Person) -> bool:
    if p.code and q.code:
        if p.code != q.code:
            return False
    elif p.country and q.country and p.country != q.country:
        return False
    if p.name and q.name:
        return names_compatible(p.name, q.name)
    if p.name or q.name:
        return False
    return p.role == q.role and (p.code or p.country) == (q.code or q.country)


def assign(xs: tuple[Person, ...], ys: tuple[Person, ...]) -> list[tuple[int, int]]:
    """A maximum one-to-one matching of the same people in two participant lists."""
    if len(xs) == 2 and len(ys) == 2:  # the common case, directly
        x0, x1 = xs
        y0, y1 = ys
        if x0 is y0 and x1 is y1:
            return [(0, 0), (1, 1)]
        if x0 is y1 and x1 is y0:
            return [(0, 1), (1, 0)]
        straight = [(i, i) for i in (0, 1) if _same(xs[i], ys[i])]
        if len(straight) == 2:
            return straight
        crossed = [(i, 1 - i) for i in (0, 1) if _same(xs[i], ys[1 - i])]
        return crossed if len(crossed) > len(straight) else straight
    options = [[j for j, y in enumerate(ys) if _same(x, y)] for x in xs]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in options[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(xs)):
        if options[i]:
            augment(i, set())
    return sorted((i, j) for j, i in owner.items())


def people_compatible(xs: tuple[Person, ...], ys: tuple[Person, ...]) -> int | None:
    """How the participants of two records relate: 0 the same people, 1 one side lists more, None apart."""
    if len(xs) == 2 and len(ys) == 2:  # two and two: the same two people, or apart
        x0, x1 = xs
        y0, y1 = ys
        if (_same(x0, y0) and _same(x1, y1)) or (_same(x0, y1) and _same(x1, y0)):
            return 0
        return None
    matched = len(assign(xs, ys))
    if matched < 2:
        return None
    extra_x, extra_y = len(xs) - matched, len(ys) - matched
    if extra_x and extra_y:
        return None
    return 0 if not (extra_x or extra_y) else 1


# ----------------------------------------------------------------------------- the score


def _span_gap(a_first: date, a_last: date, b_first: date, b_last: date) -> int:
    if a_first > b_last:
        return (a_first - b_last).days
    if b_first > a_last:
        return (b_first - a_last).days
    return 0


def _date_score(a: Rec, b: Rec, cfg: Linkage) -> float | None:
    if a.first is not None and b.first is not None:
        assert a.last is not None and b.last is not None
        gap = _span_gap(a.first, a.last, b.first, b.last)
        if gap > cfg.max_day_gap:
            return None
        if gap == 0:
            return cfg.same_day
        return cfg.next_day - (gap - 1) * cfg.day_gap_penalty
    if a.first is None and b.first is None:
        if a.ref is None or b.ref is None:
            return None
        apart = abs((a.ref - b.ref).days)
        if apart > cfg.undated_window_days:
            return None
        return 0.0 if apart <= cfg.undated_peer_days else -cfg.undated_decay * apart
    dated, undated = (a, b) if a.first is not None else (b, a)
    if undated.ref is None:
        return None
    assert dated.first is not None and dated.last is not None
    distance = _span_gap(undated.ref, undated.ref, dated.first, dated.last)
    if distance > cfg.undated_window_days:
        return None
    if distance > cfg.undated_peer_days:
        # a report of a meeting that took place comes after it, an announcement before it
        reported = undated.meeting.status in ("occurred", "cancelled")
        if (dated.first > undated.ref) if reported else (dated.last < undated.ref):
            return None
    return cfg.undated_near - cfg.undated_decay * distance


def _place_score(a: Rec, b: Rec, cfg: Linkage) -> float:
    if a.city and b.city:
        return cfg.same_place if a.city == b.city else cfg.place_conflict
    if a.country and b.country:
        return cfg.place_within if a.country == b.country else cfg.place_conflict
    return 0.0


def score(a: Rec, b: Rec, cfg: Linkage) -> float | None:
    """The linkage score of two records, or None when something rules the pair out."""
    if a.people is None or b.people is None or not a.sources.isdisjoint(b.sources):
        return None
    dates = _date_score(a, b, cfg)
    if dates is None:
        return None
    relation = people_compatible(a.people, b.people)
    if relation is None:
        return None
    total = (cfg.same_participants if relation == 0 else cfg.subset_participants) + dates
    total += _place_score(a, b, cfg)
    ma, mb = a.meeting, b.meeting
    if ma.kind != mb.kind:
        total += cfg.kind_conflict
    if {ma.status, mb.status} == {"occurred", "cancelled"}:
        total += cfg.status_conflict
    if cfg.threshold - cfg.similar_evidence <= total < cfg.threshold:
        texts_a = [e.text for e in ma.evidence]
        texts_b = [e.text for e in mb.evidence]
        if evidence_similarity(texts_a, texts_b) >= cfg.evidence_cutoff:
            total += cfg.similar_evidence
    return total
