"""Merging the records of one real meeting into one Meeting.

* Participants: the record listing the most people is the reference; every other
  record's participants are matched to its people one to one.
* Canonical name: among the names the records give, full names (two tokens or more)
  first, spelled out rather than with initials, then the name given by the most articles, then the longest, then alphabetical.
  Every other spelling goes to the aliases.
* Status: ``occurred`` wins over everything (a meeting that took place took place);
  otherwise ``cancelled`` wins over ``planned`` and ``proposed`` (a cancellation can only
  be reported after the plan); otherwise ``planned`` wins over ``proposed``.
* Kind: a call or video call when any record says so (an outlet may leave it unsaid).
* Date, place, role and country: the value most records give; ties go to the earliest
  date, or alphabetically. A city is preferred to its own country.
* Confidence: the highest of the merged records.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from diplomeet.models import Meeting, Participant
from diplomeet.names import name_tokens
from diplomeet.records import Rec, assign
from diplomeet.records import cached_fold as fold

__all__ = ["merge", "most_common", "canonical_name"]

STATUS_RANK = {"occurred": 0, "cancelled": 1, "planned": 2, "proposed": 3}


def most_common(values: Iterable[str | None]) -> str | None:
    """The value given most often (ties: alphabetical); None when there is none."""
    counts: dict[str, int] = {}
    for value in values:
        if value is not None:
            counts[value] = counts.get(value, 0) + 1
    if len(counts) <= 1:
        return next(iter(counts), None)
    return min(counts, key=lambda v: (-counts[v], v))


def _agreed(values: list[str | None]) -> str | None:
    first = values[0]
    if all(v == first for v in values):
        return first
    return most_common(values)


@lru_cache(maxsize=262_144)
def _fullness(name: str) -> tuple[int, int, int]:
    """(full name, a given name spelled out, tokens): "S. Jaishankar" is full but not spelled out."""
    tokens = name_tokens(name)
    full = len(tokens) >= 2
    return (full, full and any(len(t) > 1 for t in tokens[:-1]), len(tokens))


def canonical_name(named: list[tuple[str, list[str]]]) -> str:
    """The display name among ``(name, sources)`` pairs: full, most supported, longest."""
    support: dict[str, set[str]] = defaultdict(set)
    for name, sources in named:
        support[name].update(sources)

    def rank(name: str) -> tuple[int, int, int, int, int, str]:
        full, spelled, n_tokens = _fullness(name)
        return (-full, -spelled, -len(support[name]), -n_tokens, -len(name), name)

    return min(support, key=rank)


def _merge_participants(recs: list[Rec], reference: Rec) -> list[Participant]:
    assert reference.people is not None
    slots: list[list[tuple[Participant, list[str]]]] = [[] for _ in reference.people]
    for rec in recs:
        sources = rec.meeting.sources
        people = rec.meeting.participants
        if rec is reference or rec.people == reference.people:
            pairs = [(k, k) for k in range(len(people))]
        else:
            assert rec.people is not None
            pairs = assign(rec.people, reference.people)
        placed = set()
        for k, slot in pairs:
            slots[slot].append((people[k], sources))
            placed.add(k)
        for k, participant in enumerate(people):
            if k not in placed:
                slots.append([(participant, sources)])
    merged: list[Participant] = []
    for slot in slots:
        people = [p for p, _ in slot]
        first = people[0]
        if all(p is first for p in people):  # one participant object seen everywhere
            merged.append(first)
            continue
        names = {p.name for p in people if p.name}
        if len(names) <= 1:
            name = next(iter(names), None)
        else:
            name = canonical_name([(p.name, s) for p, s in slot if p.name])
        surface = set(names)
        for p in people:
            surface.update(p.aliases)
        surface.discard(name)  # type: ignore[arg-type]
        merged.append(
            Participant.model_construct(
                name=name,
                aliases=sorted(surface),
                role=_agreed([p.role for p in people]),
                country=_agreed([p.country for p in people]),
                country_code=_agreed([p.country_code for p in people]),
                person_id=None,
            )
        )
    merged.sort(key=lambda p: (fold(p.name or ""), p.role or "", p.country or "", p.country_code or ""))
    return merged


def _merge_dates(recs: list[Rec]) -> tuple[date | None, date | None, str | None]:
    counts: dict[tuple[date, date | None], int] = {}
    for r in recs:
        if r.meeting.date is not None:
            key = (r.meeting.date, r.meeting.date_end)
            counts[key] = counts.get(key, 0) + 1
    if not counts:
        return None, None, most_common([r.meeting.date_text for r in recs])
    day, end = min(counts, key=lambda d: (-counts[d], d[0], d[1] or d[0], d[1] is not None))
    texts = [r.meeting.date_text for r in recs if (r.meeting.date, r.meeting.date_end) == (day, end)]
    return day, end, most_common(texts)


def _merge_place(recs: list[Rec]) -> tuple[str | None, str | None]:
    countries = {r.country for r in recs if r.country}
    places = [r.meeting.location for r in recs if r.meeting.location]
    folded = {fold(p) for p in places}
    cities = [p for p in places if not (fold(p) in countries and len(folded) > 1)]
    location = most_common(cities or places)
    if location is None:
        return None, most_common([r.meeting.location_country for r in recs])
    same = [r.meeting.location_country for r in recs if r.meeting.location == location]
    return location, most_common(same) or most_common([r.meeting.location_country for r in recs])


def _merge_kind(recs: list[Rec]) -> str:
    said = [r.meeting.kind for r in recs if r.meeting.kind != "in_person"]
    return most_common(said) or "in_person"


def merge(recs: list[Rec]) -> Meeting:
    """One Meeting from the records of one real meeting (a single record is kept as it is)."""
    if len(recs) == 1:
        return recs[0].meeting
    most = max(len(r.meeting.participants) for r in recs)
    fullest = [r for r in recs if len(r.meeting.participants) == most]
    reference = fullest[0] if len(fullest) == 1 else min(fullest, key=lambda r: sorted(r.sources))
    day, end, date_text = _merge_dates(recs)
    location, location_country = _merge_place(recs)
    status = min((r.meeting.status for r in recs), key=STATUS_RANK.__getitem__)
    evidence = {(e.article_id or "", e.start, e.end, e.text): e for r in recs for e in r.meeting.evidence}
    return Meeting.model_construct(
        id="",
        participants=_merge_participants(recs, reference),
        date=day,
        date_end=end,
        date_text=date_text,
        location=location,
        location_country=location_country,
        status=status,
        kind=_merge_kind(recs),
        evidence=[evidence[k] for k in sorted(evidence)],
        sources=sorted({s for r in recs for s in r.meeting.sources}),
        confidence=max(r.meeting.confidence for r in recs),
    )
