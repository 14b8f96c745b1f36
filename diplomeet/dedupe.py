"""Cross-article merging: one record per real meeting.

Two meeting records are the same meeting when they have the same kind (in person,
phone, video), the same participants one to one (named people matched with
:func:`diplomeet.names.same_person` and a country check, unnamed office holders on
equal role and country), compatible dates and compatible places.

Scale comes from blocking: every record gets a key made of its participants' blocking
keys (:func:`diplomeet.names.person_key`, or role and country for an unnamed
participant), its kind and a day, so only records sharing a key are compared. Records
that are exactly alike are collapsed first. Merging is a union-find over the pairs found
compatible, so the result does not depend on input order.

Rules (all deterministic):

* Dates are compatible when the days overlap (equal days, a day inside a range, or
  overlapping ranges).
* A record without a date joins a dated meeting only when publication dates are known
  (``published=``): it joins the unique compatible meeting nearest to the publication
  date, at most :data:`UNDATED_WINDOW_DAYS` away; otherwise undated records merge with
  each other when published at most :data:`UNDATED_PEER_DAYS` apart. Without publication
  dates, undated records merge only with identical records from the same articles.
* Places are compatible when one is unknown, they are equal, or one is the country of
  the other ("Baku" and "Azerbaijan").
* Status: ``occurred`` wins over everything (a meeting that took place took place);
  otherwise ``cancelled`` wins over ``planned`` and ``proposed`` (a cancellation can only
  be reported after the plan); otherwise ``planned`` wins over ``proposed``.
* Canonical name: among the names the records give, full names (two tokens or more)
  first, then the name given by the most articles, then the longest, then alphabetical.
  Every other spelling goes to the aliases.
* Date, place, role and country: the value most records give; ties go to the earliest
  date, or alphabetically. A city is preferred to its own country.
* Confidence: the highest of the merged records.
* Ids: a hash of the merged meeting's content (participants, date, place, kind), with
  the sources added only if two merged meetings would otherwise share an id.

Merging is repeated until no merged meeting is compatible with another, so
``dedupe_meetings(dedupe_meetings(x)) == dedupe_meetings(x)``.
"""

from __future__ import annotations

import gc
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from itertools import combinations, permutations
from typing import NamedTuple

from diplomeet.models import Meeting, Participant, stable_hash
from diplomeet.names import _same_person, fold, name_tokens, person_key

__all__ = ["dedupe_meetings", "block_keys", "group_key", "finalize", "UNDATED_WINDOW_DAYS", "UNDATED_PEER_DAYS"]

#: An undated record joins a dated meeting at most this many days from its publication date.
UNDATED_WINDOW_DAYS = 10
#: Undated records merge with each other when published at most this many days apart.
UNDATED_PEER_DAYS = 3
#: A date range contributes at most this many days to blocking.
MAX_RANGE_DAYS = 31

_STATUS_RANK = {"occurred": 0, "cancelled": 1, "planned": 2, "proposed": 3}
_MAX_PERMUTED = 6


@lru_cache(maxsize=262_144)
def _fold(text: str) -> str:
    return fold(text)


def _fold_opt(text: str | None) -> str | None:
    if text is None:
        return None
    folded = _fold(text)
    return folded or None


@lru_cache(maxsize=262_144)
def _name_key(name: str) -> str:
    return person_key(name)


class _Part(NamedTuple):
    token: str
    name: str | None
    country: str | None
    code: str | None


def _part(p: Participant) -> _Part | None:
    """The comparable form of a participant; None when it cannot be blocked on."""
    return _part_of(p.name, p.role, p.country, p.country_code)


@lru_cache(maxsize=262_144)
def _part_of(name: str | None, role: str | None, country: str | None, code: str | None) -> _Part | None:
    country = _fold_opt(country)
    code = code.upper() if code else None
    if name:
        key = _name_key(name)
        if key:
            return _Part("n:" + key, name, country, code)
    role = _fold_opt(role)
    if role and (country or code):
        return _Part(f"r:{role}|{code or country}", None, country, code)
    return None


@dataclass(slots=True)
class _Rec:
    index: int
    meeting: Meeting
    parts: tuple[_Part, ...] | None  # sorted by token; None = cannot be blocked on
    tokens: tuple[str, ...]
    first: date | None
    last: date | None
    loc: str | None
    loc_country: str | None
    sig: Hashable
    people: tuple[Participant, ...]  # the meeting's participants in the order of ``parts``
    runs: bool  # whether two participants share a blocking key


def _record(index: int, meeting: Meeting) -> _Rec:
    pairs: list[tuple[_Part, Participant]] = []
    for participant in meeting.participants:
        part = _part_of(participant.name, participant.role, participant.country, participant.country_code)
        if part is None:
            pairs = []
            break
        pairs.append((part, participant))
    if len(pairs) == 2:
        if _part_order(pairs[0][0]) > _part_order(pairs[1][0]):
            pairs.reverse()
    else:
        pairs.sort(key=lambda t: _part_order(t[0]))
    ordered = tuple(p for p, _ in pairs)
    tokens = tuple(p.token for p in ordered)
    first = meeting.date
    end = meeting.date_end
    last = end if (first is not None and end is not None and end >= first) else first
    loc = _fold_opt(meeting.location)
    loc_country = _fold_opt(meeting.location_country)
    sig: Hashable = (
        ordered, first, last, loc, loc_country, meeting.kind, None if first else tuple(sorted(meeting.sources))
    )
    return _Rec(
        index, meeting, ordered or None, tokens, first, last, loc, loc_country, sig,
        tuple(p for _, p in pairs), len(set(tokens)) != len(tokens),
    )


def _part_order(part: _Part) -> tuple[str, str, str]:
    return (part.token, _fold(part.name or ""), part.country or "")


def block_keys(meeting: Meeting) -> list[Hashable]:
    """The blocking keys of a meeting record: records that can merge share at least one.

    A key is ``(participant keys, kind, day)`` for each day the record covers, or
    ``(participant keys, kind, None)`` for an undated record. A record whose participants
    cannot all be keyed (no name, role or country) gets no key and is never merged.

    Args:
        meeting: A meeting record.

    Returns:
        The keys, possibly empty.
    """
    rec = _record(0, meeting)
    return _rec_keys(rec)


def group_key(meeting: Meeting) -> str:
    """The part every blocking key of a record shares: its participant keys and kind.

    Records with different group keys never merge, so a corpus can be deduplicated group
    by group (e.g. after a distributed group-by) and the results simply concatenated and
    passed to :func:`finalize`. A record that cannot be blocked on gets a key of its own.

    Args:
        meeting: A meeting record.

    Returns:
        A short string key.
    """
    rec = _record(0, meeting)
    if rec.parts is None:
        return "solo:" + stable_hash(meeting.id, *_order_key(meeting))
    return "g:" + stable_hash(*rec.tokens, meeting.kind)


def finalize(meetings: Iterable[Meeting]) -> list[Meeting]:
    """Give deduplicated meetings their stable ids and the output order of ``dedupe_meetings``.

    Args:
        meetings: The merged meetings of every group.

    Returns:
        The meetings with content-derived ids (unique), sorted by date (undated last) and id.
    """
    result = _with_ids(list(meetings))
    result.sort(key=lambda m: (m.date is None, m.date.isoformat() if m.date else "", m.id))
    return result


def _rec_keys(rec: _Rec) -> list[Hashable]:
    if rec.parts is None:
        return []
    base = (rec.tokens, rec.meeting.kind)
    if rec.first is None:
        return [(*base, None)]
    assert rec.last is not None
    span = min((rec.last - rec.first).days, MAX_RANGE_DAYS)
    return [(*base, rec.first + timedelta(days=d)) for d in range(span + 1)]


def _countries_agree(a: _Part, b: _Part) -> bool:
    if a.code and b.code:
        return a.code == b.code
    return a.country is None or b.country is None or a.country == b.country


def _parts_match(a: _Part, b: _Part) -> bool:
    if a.token != b.token or not _countries_agree(a, b):
        return False
    if a.name is None or b.name is None:
        return a.name is None and b.name is None
    return a.name == b.name or _same_person(a.name, b.name, False)


def _participants_match(x: tuple[_Part, ...], y: tuple[_Part, ...], runs: bool = True) -> bool:
    if len(x) != len(y):
        return False
    if not runs:
        return all(_parts_match(a, b) for a, b in zip(x, y))
    i = 0
    while i < len(x):
        j = i
        while j < len(x) and x[j].token == x[i].token:
            j += 1
        run_x, run_y = x[i:j], y[i:j]
        if any(p.token != x[i].token for p in run_y):
            return False
        if len(run_x) == 1:
            if not _parts_match(run_x[0], run_y[0]):
                return False
        elif len(run_x) <= _MAX_PERMUTED:
            if not any(all(_parts_match(a, b) for a, b in zip(run_x, perm)) for perm in permutations(run_y)):
                return False
        elif not all(_parts_match(a, b) for a, b in zip(run_x, run_y)):
            return False
        i = j
    return True


def _places_match(a: _Rec, b: _Rec) -> bool:
    if a.loc_country and b.loc_country and a.loc_country != b.loc_country:
        return False
    if a.loc is None or b.loc is None or a.loc == b.loc:
        return True
    return a.loc == b.loc_country or b.loc == a.loc_country


def _compatible(a: _Rec, b: _Rec, *, dates: bool = True) -> bool:
    if a.parts is None or b.parts is None or a.tokens != b.tokens:
        return False
    if a.meeting.kind != b.meeting.kind:
        return False
    if dates:
        if a.first is None or b.first is None:
            return False
        assert a.last is not None and b.last is not None
        if a.first > b.last or b.first > a.last:
            return False
    return _places_match(a, b) and _participants_match(a.parts, b.parts, a.runs or b.runs)


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if ra < rb:
            self.parent[rb] = ra
        else:
            self.parent[ra] = rb
        return True


def _as_date(value: object) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
        except ValueError as exc:
            raise ValueError(f"published: {value!r} is not an ISO date or datetime") from exc
    raise TypeError(f"published values must be dates, datetimes or ISO strings, got {type(value).__name__}")


def _reference_date(meeting: Meeting, published: Mapping[str, date]) -> date | None:
    ids = set(meeting.sources) | {e.article_id for e in meeting.evidence if e.article_id}
    days = [published[i] for i in ids if i in published]
    return min(days) if days else None


def _span_distance(day: date, first: date, last: date) -> int:
    if first <= day <= last:
        return 0
    return min(abs((day - first).days), abs((day - last).days))


def _cluster(
    recs: list[_Rec], published: Mapping[str, date] | None, fresh: set[int] | None = None
) -> list[list[int]]:
    """Group record indices into meetings (each group sorted).

    With ``fresh``, only blocks holding one of those records are compared (the others
    were compared in an earlier round and found apart).
    """
    n = len(recs)
    uf = _UnionFind(n)
    # 1. identical records
    by_sig: dict[Hashable, int] = {}
    reps: list[int] = []
    for i, rec in enumerate(recs):
        if rec.parts is None:
            continue
        first = by_sig.setdefault(rec.sig, i)
        if first == i:
            reps.append(i)
        else:
            uf.union(first, i)
    # 2. dated records sharing a block
    blocks: dict[Hashable, list[int]] = defaultdict(list)
    undated: list[int] = []
    for i in reps:
        rec = recs[i]
        if rec.first is None:
            undated.append(i)
            continue
        for key in _rec_keys(rec):
            blocks[key].append(i)
    seen: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) < 2:
            continue
        if fresh is not None and not any(m in fresh for m in members):
            continue
        for i, j in combinations(members, 2):
            pair = (i, j) if i < j else (j, i)
            if pair in seen:
                continue
            seen.add(pair)
            if _compatible(recs[i], recs[j]):
                uf.union(i, j)
    # 3. undated records, placed through publication dates
    if undated and published:
        _place_undated(recs, reps, undated, uf, published)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[uf.find(i)].append(i)
    return list(groups.values())


def _place_undated(
    recs: list[_Rec],
    reps: list[int],
    undated: list[int],
    uf: _UnionFind,
    published: Mapping[str, date],
) -> None:
    # dated meetings (as clustered so far) by (participant keys, kind)
    spans: dict[int, list[date]] = {}
    members: dict[int, list[int]] = defaultdict(list)
    for i in reps:
        rec = recs[i]
        if rec.first is None:
            continue
        root = uf.find(i)
        members[root].append(i)
        assert rec.last is not None
        span = spans.get(root)
        spans[root] = [rec.first, rec.last] if span is None else [min(span[0], rec.first), max(span[1], rec.last)]
    by_block: dict[Hashable, list[int]] = defaultdict(list)
    for root, idxs in members.items():
        rec = recs[idxs[0]]
        by_block[(rec.tokens, rec.meeting.kind)].append(root)
    loose: list[tuple[int, date]] = []
    for u in undated:
        rec = recs[u]
        ref = _reference_date(rec.meeting, published)
        if ref is None:
            continue
        best: list[tuple[int, int]] = []
        for root in by_block.get((rec.tokens, rec.meeting.kind), ()):
            first, last = spans[root]
            distance = _span_distance(ref, first, last)
            if distance > UNDATED_WINDOW_DAYS:
                continue
            if any(_compatible(rec, recs[m], dates=False) for m in members[root]):
                best.append((distance, root))
        if best:
            best.sort()
            if len(best) == 1 or best[0][0] < best[1][0]:
                uf.union(u, best[0][1])
                continue
        loose.append((u, ref))
    peers: dict[Hashable, list[tuple[int, date]]] = defaultdict(list)
    for u, ref in loose:
        peers[(recs[u].tokens, recs[u].meeting.kind)].append((u, ref))
    for group in peers.values():
        for (u, ru), (v, rv) in combinations(group, 2):
            if abs((ru - rv).days) <= UNDATED_PEER_DAYS and _compatible(recs[u], recs[v], dates=False):
                uf.union(u, v)


# ----------------------------------------------------------------------------- merging


def _most_common(values: Iterable[str | None]) -> str | None:
    counts: dict[str, int] = {}
    for value in values:
        if value is not None:
            counts[value] = counts.get(value, 0) + 1
    if len(counts) <= 1:
        return next(iter(counts), None)
    return min(counts, key=lambda v: (-counts[v], v))


@lru_cache(maxsize=262_144)
def _n_tokens(name: str) -> int:
    return len(name_tokens(name))


def _canonical_name(named: list[tuple[str, list[str]]]) -> str:
    support: dict[str, set[str]] = defaultdict(set)
    for name, sources in named:
        support[name].update(sources)

    def rank(name: str) -> tuple[int, int, int, int, str]:
        n_tokens = _n_tokens(name)
        return (-(n_tokens >= 2), -len(support[name]), -n_tokens, -len(name), name)

    return min(support, key=rank)


def _slot_order(reference: _Rec, rec: _Rec) -> list[int]:
    """For each participant of ``rec`` (in ``parts`` order), the slot of ``reference`` it fills."""
    assert reference.parts is not None and rec.parts is not None
    order = list(range(len(rec.parts)))
    if not (rec.runs or reference.runs):
        return order
    i = 0
    while i < len(rec.parts):
        j = i
        while j < len(rec.parts) and rec.parts[j].token == rec.parts[i].token:
            j += 1
        if 1 < j - i <= _MAX_PERMUTED:
            slots = list(range(i, j))
            best = max(
                permutations(slots),
                key=lambda perm: sum(_parts_match(rec.parts[k], reference.parts[s]) for k, s in zip(slots, perm)),  # type: ignore[index]
            )
            for k, s in zip(slots, best):
                order[k] = s
        i = j
    return order


def _merge_participants(recs: list[_Rec], reference: _Rec) -> list[Participant]:
    assert reference.parts is not None
    slots: list[list[tuple[Participant, list[str]]]] = [[] for _ in reference.parts]
    for rec in recs:
        sources = rec.meeting.sources
        order = _slot_order(reference, rec)
        for k, participant in enumerate(rec.people):
            slots[order[k]].append((participant, sources))
    merged: list[Participant] = []
    for slot in slots:
        named = [(p.name, s) for p, s in slot if p.name]
        name = _canonical_name(named) if named else None
        surface = {p.name for p, _ in slot if p.name}
        for p, _ in slot:
            surface.update(p.aliases)
        surface.discard(name)  # type: ignore[arg-type]
        merged.append(
            Participant.model_construct(
                name=name,
                aliases=sorted(surface),
                role=_most_common([p.role for p, _ in slot]),
                country=_most_common([p.country for p, _ in slot]),
                country_code=_most_common([p.country_code for p, _ in slot]),
            )
        )
    merged.sort(key=lambda p: (_fold(p.name or ""), p.role or "", p.country or "", p.country_code or ""))
    return merged


def _merge_dates(recs: list[_Rec]) -> tuple[date | None, date | None, str | None]:
    counts: dict[tuple[date, date | None], int] = {}
    for r in recs:
        if r.meeting.date is not None:
            key = (r.meeting.date, r.meeting.date_end)
            counts[key] = counts.get(key, 0) + 1
    if not counts:
        return None, None, _most_common([r.meeting.date_text for r in recs])
    day, end = min(counts, key=lambda d: (-counts[d], d[0], d[1] or d[0], d[1] is not None))
    texts = [r.meeting.date_text for r in recs if (r.meeting.date, r.meeting.date_end) == (day, end)]
    return day, end, _most_common(texts)


def _merge_place(recs: list[_Rec]) -> tuple[str | None, str | None]:
    countries = {r.loc_country for r in recs if r.loc_country}
    places = [r.meeting.location for r in recs if r.meeting.location]
    folded = {_fold(p) for p in places}
    cities = [p for p in places if not (_fold(p) in countries and len(folded) > 1)]
    location = _most_common(cities or places)
    if location is None:
        return None, _most_common([r.meeting.location_country for r in recs])
    same = [r.meeting.location_country for r in recs if r.meeting.location == location]
    return location, _most_common(same) or _most_common([r.meeting.location_country for r in recs])


def _merge(recs: list[_Rec]) -> Meeting:
    if len(recs) == 1:  # nothing to merge: the record is kept as it is (only the id changes)
        return recs[0].meeting
    reference = min(recs, key=lambda r: _order_key(r.meeting))
    day, end, date_text = _merge_dates(recs)
    location, location_country = _merge_place(recs)
    status = min((r.meeting.status for r in recs), key=_STATUS_RANK.__getitem__)
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
        kind=reference.meeting.kind,
        evidence=[evidence[k] for k in sorted(evidence)],
        sources=sorted({s for r in recs for s in r.meeting.sources}),
        confidence=max(r.meeting.confidence for r in recs),
    )


def _order_key(meeting: Meeting) -> tuple[object, ...]:
    return (
        tuple(sorted(meeting.sources)),
        tuple((e.article_id or "", e.start, e.end, e.text) for e in meeting.evidence),
        meeting.date.isoformat() if meeting.date else "",
        meeting.status,
        tuple((p.name or "", p.role or "", p.country or "") for p in meeting.participants),
        meeting.location or "",
        meeting.date_text or "",
        meeting.confidence,
    )


def _content_id(meeting: Meeting) -> str:
    people = [
        _fold(p.name) if p.name else f"{_fold(p.role or '')}|{_fold(p.country or '')}" for p in meeting.participants
    ]
    return "m_" + stable_hash(
        "|".join(sorted(people)), meeting.date, meeting.date_end, _fold(meeting.location or ""), meeting.kind
    )


def _with_ids(meetings: list[Meeting]) -> list[Meeting]:
    ids = [_content_id(m) for m in meetings]
    counts = Counter(ids)
    out = []
    for meeting, mid in zip(meetings, ids):
        if counts[mid] > 1:
            mid = "m_" + stable_hash(
                mid, "|".join(meeting.sources), "|".join(f"{e.article_id}:{e.start}:{e.end}" for e in meeting.evidence)
            )
        out.append(meeting.model_copy(update={"id": mid}))
    return out


def _normalise_published(published: Mapping[str, object] | None) -> dict[str, date] | None:
    if published is None:
        return None
    if not isinstance(published, Mapping):
        raise TypeError("published must be a mapping of article id -> publication date")
    out: dict[str, date] = {}
    for key, value in published.items():
        day = _as_date(value)
        if day is not None:
            out[str(key)] = day
    return out


def dedupe_meetings(
    meetings: Iterable[Meeting], *, published: Mapping[str, date | datetime | str | None] | None = None
) -> list[Meeting]:
    """Merge the records of the same real meeting (from one or many articles) into one.

    Args:
        meetings: Meeting records, e.g. the per-article output of ``iter_meetings``.
        published: Optional publication dates by article id. With them, a record that
            gives no date can join the dated meeting it most likely reports.

    Returns:
        One meeting per real meeting, each with the union of sources, evidence and
        name spellings, sorted by date (undated last) and id. The result does not
        depend on the input order, and deduplicating it again changes nothing.

    Raises:
        TypeError: If an item is not a ``Meeting`` or ``meetings`` is a string.
    """
    if isinstance(meetings, (str, bytes, Meeting)):
        raise TypeError("dedupe_meetings() expects an iterable of Meeting objects")
    items = list(meetings)
    for i, item in enumerate(items):
        if not isinstance(item, Meeting):
            raise TypeError(f"dedupe_meetings(): item {i} is a {type(item).__name__}, not a Meeting")
    pub = _normalise_published(published)
    with _gc_paused():
        return finalize(_dedupe(items, pub))


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many acyclic objects (much faster)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _dedupe(items: list[Meeting], pub: dict[str, date] | None) -> list[Meeting]:
    recs = [_record(i, m) for i, m in enumerate(items)]
    fresh: set[int] | None = None
    while True:  # merged meetings can meet new partners: repeat until nothing merges
        groups = _cluster(recs, pub, fresh)
        if len(groups) == len(recs):
            break
        next_recs: list[_Rec] = []
        fresh = set()
        for group in groups:
            if len(group) == 1:
                rec = recs[group[0]]
                rec.index = len(next_recs)
            else:
                fresh.add(len(next_recs))
                rec = _record(len(next_recs), _merge([recs[i] for i in group]))
            next_recs.append(rec)
        recs = next_recs
    return [rec.meeting for rec in recs]
