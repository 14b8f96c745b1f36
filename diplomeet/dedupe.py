"""Cross-article merging: one record per real meeting, one identity per person.

Two meeting records are linked when the evidence that they report the same meeting
reaches a threshold (:class:`diplomeet.linkage.Linkage`): overlapping participants,
near dates, compatible places, kind and status, similar evidence sentences. Linked
records are clustered and merged (:mod:`diplomeet.merging`); every participant then gets
a corpus-wide ``person_id`` (:mod:`diplomeet.persons`).

Scale comes from blocking: every pair of participants of a record gives keys (their
blocking keys, :func:`diplomeet.names.person_key` and alternatives), and only records
sharing a key whose days (or, undated, publication days) lie within the linkage windows
are compared. Records that are exactly alike are collapsed first.

Clustering is greedy over the links, strongest first (ties broken by content, so the
result does not depend on input order). Two clusters are joined only when the result
stays one meeting: no article twice (its extractor already told its meetings apart),
dates within :attr:`~diplomeet.linkage.Linkage.max_day_gap` days (so the same two people
meeting in September and in November stay two meetings, whatever undated reports lie
between), and any two records listing the same people or one of them more (so a surname
alone never joins "Ilham" and "Heydar Aliyev").

Merging is repeated until no merged meeting links to another, so
``dedupe_meetings(dedupe_meetings(x)) == dedupe_meetings(x)``.

Ids: a hash of the merged meeting's content (participants, date, place, kind), with the
sources added only if two merged meetings would otherwise share an id.
"""

from __future__ import annotations

import gc
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime, timedelta

from diplomeet.linkage import DEFAULT_LINKAGE, Linkage
from diplomeet.merging import merge
from diplomeet.models import Meeting, stable_hash
from diplomeet.persons import assign_person_ids
from diplomeet.records import Person, Rec, make_record, order_key, people_compatible, score
from diplomeet.records import cached_fold as fold

__all__ = [
    "dedupe_meetings",
    "block_keys",
    "group_key",
    "finalize",
    "Linkage",
    "DEFAULT_LINKAGE",
    "UNDATED_WINDOW_DAYS",
    "UNDATED_PEER_DAYS",
]

#: An undated record joins a dated meeting at most this many days from its publication date.
UNDATED_WINDOW_DAYS = DEFAULT_LINKAGE.undated_window_days
#: Undated records merge with each other when published at most this many days apart.
UNDATED_PEER_DAYS = DEFAULT_LINKAGE.undated_peer_days
#: A date range longer than this many days is compared through its first days only.
MAX_RANGE_DAYS = 31


def _pair_keys(rec: Rec) -> set[tuple[str, str]]:
    people = rec.people
    assert people is not None
    keys: set[tuple[str, str]] = set()
    for i in range(len(people)):
        for j in range(i + 1, len(people)):
            for a in people[i].keys:
                for b in people[j].keys:
                    keys.add((a, b) if a <= b else (b, a))
    return keys


def block_keys(meeting: Meeting) -> list[Hashable]:
    """The blocking keys of a meeting record: records that can merge share at least one.

    A key is a pair of participant blocking keys (every pair of participants gives its
    keys), so records sharing two people meet whatever else they list. A record whose
    participants cannot all be keyed (no name, role or country) gets no key and is never
    merged (except with an identical record).

    Args:
        meeting: A meeting record.

    Returns:
        The keys, sorted, possibly empty.
    """
    rec = make_record(0, meeting, None)
    if rec.people is None:
        return []
    return sorted(_pair_keys(rec))


def group_key(meeting: Meeting) -> str:
    """A short key for the people of a record: records with equal keys list the same people.

    Records with different group keys can still merge (one may list a participant more,
    or name a person differently), so a distributed run deduplicates all records together.

    Args:
        meeting: A meeting record.

    Returns:
        A short string key.
    """
    rec = make_record(0, meeting, None)
    if rec.people is None:
        return "solo:" + stable_hash(meeting.id, *order_key(meeting))
    return "g:" + stable_hash(*sorted(p.keys[0] for p in rec.people))


def finalize(meetings: Iterable[Meeting]) -> list[Meeting]:
    """Give deduplicated meetings their stable ids and the output order of ``dedupe_meetings``.

    Args:
        meetings: The merged meetings.

    Returns:
        The meetings with content-derived ids (unique), sorted by date (undated last) and id.
    """
    result = _with_ids(list(meetings))
    result.sort(key=lambda m: (m.date is None, m.date.isoformat() if m.date else "", m.id))
    return result


# ----------------------------------------------------------------------------- clustering


class _Clusters:
    """Union-find whose unions keep each cluster one meeting."""

    def __init__(self, recs: list[Rec], cfg: Linkage) -> None:
        self.recs = recs
        self.cfg = cfg
        n = len(recs)
        self.parent = list(range(n))
        self.sources: list[set[str] | frozenset[str]] = [r.sources for r in recs]
        self.lo_last: list[date | None] = [r.last for r in recs]
        self.hi_first: list[date | None] = [r.first for r in recs]
        self.people: list[list[tuple[Person, ...]]] = [[r.people] if r.people else [] for r in recs]

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
        sa, sb = self.sources[ra], self.sources[rb]
        if not sa.isdisjoint(sb):
            return False
        lo = _min_date(self.lo_last[ra], self.lo_last[rb])
        hi = _max_date(self.hi_first[ra], self.hi_first[rb])
        if lo is not None and hi is not None and (hi - lo).days > self.cfg.max_day_gap:
            return False
        pa, pb = self.people[ra], self.people[rb]
        if not all(x == y or people_compatible(x, y) is not None for x in pa for y in pb):
            return False
        if ra > rb:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.sources[ra] = set(sa) | sb if len(sa) >= len(sb) else set(sb) | sa
        self.lo_last[ra], self.hi_first[ra] = lo, hi
        self.people[ra] = pa + [y for y in pb if y not in pa]
        return True


def _min_date(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else min(a, b)


def _max_date(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else max(a, b)


def _plus_days(day: date, days: int) -> date:
    """``day`` plus ``days``, at most the last day of the calendar (a date in year 9999)."""
    return day + timedelta(days=days) if date.max - day > timedelta(days=days) else date.max


def _candidates(recs: list[Rec], cfg: Linkage, fresh: set[int] | None) -> list[tuple[float, int, int]]:
    """Scored pairs at or above the threshold among records sharing a block."""
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    spans: dict[int, tuple[date, date, int]] = {}
    multi: set[int] = set()  # records in more than one block: their pairs may come twice
    longest = timedelta(days=MAX_RANGE_DAYS)
    for rec in recs:
        if rec.people is None or (rec.first is None and rec.ref is None):
            continue
        keys = _pair_keys(rec)
        if len(keys) > 1:
            multi.add(rec.index)
        for key in keys:
            blocks[key].append(rec.index)
        if rec.first is not None:
            assert rec.last is not None
            spans[rec.index] = (rec.first, min(rec.last, _plus_days(rec.first, longest.days)), rec.index)
        else:
            assert rec.ref is not None
            spans[rec.index] = (rec.ref, rec.ref, rec.index)
    window = timedelta(days=max(cfg.max_day_gap, cfg.undated_window_days))
    seen: set[tuple[int, int]] = set()
    edges: list[tuple[float, int, int]] = []
    threshold = cfg.threshold
    for members in blocks.values():
        if len(members) < 2:
            continue
        if fresh is not None and not any(m in fresh for m in members):
            continue
        ordered = sorted(spans[m] for m in members)
        for i, (_, last_i, a) in enumerate(ordered):
            limit = _plus_days(last_i, window.days)
            for k in range(i + 1, len(ordered)):
                first_k, _, b = ordered[k]
                if first_k > limit:
                    break
                if fresh is not None and a not in fresh and b not in fresh:
                    continue
                pair = (a, b) if a < b else (b, a)
                if a in multi and b in multi:
                    if pair in seen:
                        continue
                    seen.add(pair)
                value = score(recs[a], recs[b], cfg)
                if value is not None and value >= threshold:
                    edges.append((value, pair[0], pair[1]))
    return edges


def _drop_ambiguous(recs: list[Rec], edges: list[tuple[float, int, int]], cfg: Linkage) -> list[tuple[float, int, int]]:
    """An undated record equally near two different dated meetings joins neither."""
    best: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for value, a, b in edges:
        ra, rb = recs[a], recs[b]
        if (ra.first is None) != (rb.first is None):
            undated, dated = (a, b) if ra.first is None else (b, a)
            best[undated].append((value, dated))
    ambiguous: set[int] = set()
    for undated, options in best.items():
        top = max(v for v, _ in options)
        tops = [recs[d] for v, d in options if v >= top - 1e-9]
        lo = min(r.last for r in tops if r.last is not None)
        hi = max(r.first for r in tops if r.first is not None)
        if (hi - lo).days > cfg.max_day_gap:
            ambiguous.add(undated)
    if not ambiguous:
        return edges
    return [
        e
        for e in edges
        if not (
            (e[1] in ambiguous and recs[e[2]].first is not None) or (e[2] in ambiguous and recs[e[1]].first is not None)
        )
    ]


def _cluster(recs: list[Rec], cfg: Linkage, fresh: set[int] | None) -> list[list[int]]:
    """Group record indices into meetings."""
    edges = _drop_ambiguous(recs, _candidates(recs, cfg, fresh), cfg)
    def key(i: int) -> tuple[object, ...]:
        rec = recs[i]
        if rec.okey is None:
            rec.okey = order_key(rec.meeting)
        return rec.okey

    # connected components first: most are one meeting as they stand
    plain = _Clusters(recs, cfg)
    for _, a, b in edges:
        ra, rb = plain.find(a), plain.find(b)
        if ra != rb:
            plain.parent[max(ra, rb)] = min(ra, rb)
    components: dict[int, list[int]] = defaultdict(list)
    for i in range(len(recs)):
        components[plain.find(i)].append(i)
    groups: list[list[int]] = []
    doubtful: set[int] = set()
    for component in components.values():
        if len(component) == 1 or _one_meeting(recs, component, cfg):
            groups.append(component)
        else:
            doubtful.update(component)
    if doubtful:  # strongest links first, ties by content, each union keeping one meeting
        todo = [e for e in edges if e[1] in doubtful]
        todo.sort(key=lambda e: (-e[0], min(key(e[1]), key(e[2])), max(key(e[1]), key(e[2]))))
        clusters = _Clusters(recs, cfg)
        for _, a, b in todo:
            clusters.union(a, b)
        split: dict[int, list[int]] = defaultdict(list)
        for i in sorted(doubtful):
            split[clusters.find(i)].append(i)
        groups.extend(split.values())
    return groups


def _one_meeting(recs: list[Rec], members: list[int], cfg: Linkage) -> bool:
    """Whether a linked component can be one meeting: no article twice, near dates, nested people."""
    seen: set[str] = set()
    lo: date | None = None
    hi: date | None = None
    for i in members:
        rec = recs[i]
        if not seen.isdisjoint(rec.sources):
            return False
        seen |= rec.sources
        if rec.first is not None:
            assert rec.last is not None
            lo = rec.last if lo is None or rec.last < lo else lo
            hi = rec.first if hi is None or rec.first > hi else hi
    if lo is not None and hi is not None and (hi - lo).days > cfg.max_day_gap:
        return False
    distinct: list[tuple[Person, ...]] = []
    for i in members:
        people = recs[i].people
        assert people is not None
        if people not in distinct:
            distinct.append(people)
    # every two reports must fit one meeting: the same people, or one listing more
    for k, x in enumerate(distinct):
        for y in distinct[k + 1 :]:
            if people_compatible(x, y) is None:
                return False
    return True


def _self_score(rec: Rec, cfg: Linkage) -> float:
    """The score two reports exactly like ``rec`` would get (before the evidence sentences)."""
    total = cfg.same_participants + (cfg.same_day if rec.first is not None else 0.0)
    if rec.city:
        total += cfg.same_place
    elif rec.country:
        total += cfg.place_within
    return total


def _collapse(recs: list[Rec], published: Mapping[str, date] | None, cfg: Linkage) -> list[Rec]:
    """Merge records that are exactly alike (same people, day, place, kind, status).

    Alike records of different articles are merged here only when the linkage would link
    them anyway; otherwise they are left to the scoring (the same article twice always merges).
    """
    by_sig: dict[Hashable, list[Rec]] = defaultdict(list)
    for rec in recs:
        by_sig[rec.sig].append(rec)
    if len(by_sig) == len(recs):
        return recs
    groups: list[list[Rec]] = []
    for group in by_sig.values():
        if len(group) > 1 and _self_score(group[0], cfg) < cfg.threshold:
            by_sources: dict[frozenset[str], list[Rec]] = defaultdict(list)
            for rec in group:
                by_sources[rec.sources].append(rec)
            groups.extend(by_sources.values())
        else:
            groups.append(group)
    out: list[Rec] = []
    for group in groups:
        if len(group) == 1:
            rec = group[0]
            rec.index = len(out)
        else:
            rec = _stand_in(len(out), group, published)
        out.append(rec)
    return out


def _stand_in(index: int, group: list[Rec], published: Mapping[str, date] | None) -> Rec:
    """One record standing for records exactly alike (merged later, with its cluster)."""
    members = [m for rec in group for m in (rec.members or [rec])]
    keys = [sorted(r.sources) for r in group]
    best = min(keys)
    tied = [r for r, k in zip(group, keys) if k == best]
    rep = tied[0] if len(tied) == 1 else min(tied, key=lambda r: order_key(r.meeting))
    sources = frozenset().union(*(r.sources for r in group))
    ref = rep.ref
    if rep.first is None and published:
        days = [published[s] for s in sources if s in published]
        ref = min(days) if days else None
    return Rec(
        index, rep.meeting, rep.people, rep.first, rep.last, ref, rep.city, rep.country, sources, rep.sig,
        members=members,
    )


def _members(rec: Rec) -> list[Rec]:
    return rec.members or [rec]


def _dedupe(
    items: list[Meeting], pub: dict[str, date] | None, cfg: Linkage, fresh: set[int] | None = None
) -> list[Meeting]:
    """Cluster and merge until nothing links; with ``fresh``, only pairs holding one of those are new."""
    recs = [make_record(i, m, pub) for i, m in enumerate(items)]
    collapsed = _collapse(recs, pub, cfg)
    if len(collapsed) != len(recs):
        recs, fresh = collapsed, None
    while True:  # merged meetings can meet new partners: repeat until nothing merges
        groups = _cluster(recs, cfg, fresh)
        pending = len(groups) == len(recs) and any(rec.members for rec in recs)
        if len(groups) == len(recs) and not pending:
            break
        next_recs: list[Rec] = []
        fresh = set()
        for group in groups:
            if len(group) == 1 and not recs[group[0]].members:
                rec = recs[group[0]]
                rec.index = len(next_recs)
            else:
                fresh.add(len(next_recs))
                merged = merge([m for i in group for m in _members(recs[i])])
                rec = make_record(len(next_recs), merged, pub)
            next_recs.append(rec)
        recs = _collapse(next_recs, pub, cfg)
        if len(recs) != len(next_recs):
            fresh = None
    return [rec.meeting for rec in recs]


# ----------------------------------------------------------------------------- ids and input


def _content_id(meeting: Meeting) -> str:
    people = [
        fold(p.name) if p.name else f"{fold(p.role or '')}|{fold(p.country or '')}" for p in meeting.participants
    ]
    return "m_" + stable_hash(
        "|".join(sorted(people)), meeting.date, meeting.date_end, fold(meeting.location or ""), meeting.kind
    )


def _with_ids(meetings: list[Meeting]) -> list[Meeting]:
    ids = [_content_id(m) for m in meetings]
    counts = Counter(ids)
    out = []
    for meeting, mid in zip(meetings, ids):
        if counts[mid] > 1:  # the sources, then everything else, tell them apart
            mid = "m_" + stable_hash(mid, repr(order_key(meeting)))
        out.append(meeting.model_copy(update={"id": mid}))
    return out


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
    meetings: Iterable[Meeting],
    *,
    published: Mapping[str, date | datetime | str | None] | None = None,
    linkage: Linkage | None = None,
) -> list[Meeting]:
    """Merge the records of the same real meeting (from one or many articles) into one.

    Args:
        meetings: Meeting records, e.g. the per-article output of ``iter_meetings``.
        published: Optional publication dates by article id. With them, a record that
            gives no date can join the dated meeting it most likely reports.
        linkage: Weights and threshold of the linkage (default :data:`DEFAULT_LINKAGE`).

    Returns:
        One meeting per real meeting, each with the union of sources, evidence and
        name spellings, sorted by date (undated last) and id; every participant carries
        a corpus-wide ``person_id``. The result does not depend on the input order, and
        deduplicating it again changes nothing.

    Raises:
        TypeError: If an item is not a ``Meeting``, ``meetings`` is a string or
            ``linkage`` is not a ``Linkage``.
    """
    if isinstance(meetings, (str, bytes, Meeting)):
        raise TypeError("dedupe_meetings() expects an iterable of Meeting objects")
    cfg = DEFAULT_LINKAGE if linkage is None else linkage
    if not isinstance(cfg, Linkage):
        raise TypeError(f"linkage must be a diplomeet.linkage.Linkage, got {type(linkage).__name__}")
    items = list(meetings)
    for i, item in enumerate(items):
        if not isinstance(item, Meeting):
            raise TypeError(f"dedupe_meetings(): item {i} is a {type(item).__name__}, not a Meeting")
    pub = _normalise_published(published)
    with _gc_paused():
        merged = _dedupe(items, pub, cfg)
        while True:  # a person's canonical name can let two more records meet: repeat
            named = assign_person_ids(merged)
            renamed = {i for i, (a, b) in enumerate(zip(merged, named)) if _names(a) != _names(b)}
            if not renamed:
                break
            again = _dedupe(named, pub, cfg, renamed)
            if len(again) == len(named):
                break
            merged = again
        return finalize(named)


def _names(meeting: Meeting) -> list[str | None]:
    return [p.name for p in meeting.participants]


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
