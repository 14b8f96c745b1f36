"""Evidence that two meeting records report the same real meeting: the pieces and their weights.

A pair of records gets a score, the sum of the evidence below; the records are linked
when the score reaches :attr:`Linkage.threshold`. Some disagreements are vetoes (the
pair is never linked): two records of the same article (its extractor already kept them
apart), participants that do not overlap in at least two people, extra people on both
sides, dated records more than :attr:`Linkage.max_day_gap` days apart, an undated record
published too far from the other's date.

Participants:
    two participants are the same person when they share a blocking key and their names
    are compatible (:func:`names_compatible`: transliteration, nicknames, initials, the
    office-holder table, a reordered or longer form of the same name) and their
    countries do not conflict; an unnamed office holder is matched on role and country,
    or through the office-holder table on the meeting's day. The same people on both
    sides weigh :attr:`Linkage.same_participants`; the people of one record all found in
    the other, which lists more (a deputy, a host), weigh
    :attr:`Linkage.subset_participants`.

Dates:
    the same day (or overlapping ranges) weighs :attr:`Linkage.same_day`, one day apart
    :attr:`Linkage.next_day` (time zones, "late on Monday"), each further day costs
    :attr:`Linkage.day_gap_penalty`. A record without a date is placed through its
    publication date: within :attr:`Linkage.undated_window_days` of the other's date it
    weighs :attr:`Linkage.undated_near` minus :attr:`Linkage.undated_decay` per day.
    Two undated records published at most :attr:`Linkage.undated_peer_days` apart weigh
    nothing either way.

Places:
    the same city (a venue counts as its city) weighs :attr:`Linkage.same_place`; a city
    inside the other record's country (or the same country twice) weighs
    :attr:`Linkage.place_within`; two different places weigh :attr:`Linkage.place_conflict`
    (weak: one report may simply be wrong).

Kind and status:
    a call against an in-person meeting weighs :attr:`Linkage.kind_conflict` (an outlet
    may not say "phone"); ``occurred`` against ``cancelled`` weighs
    :attr:`Linkage.status_conflict`; planned, proposed and occurred reports of one meeting
    are otherwise compatible.

Evidence sentences:
    when the score is just below the threshold, sentences sharing most of their words
    (syndicated copy) add :attr:`Linkage.similar_evidence`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import lru_cache

from diplomeet.names import _same_person, fold

__all__ = ["Linkage", "DEFAULT_LINKAGE", "names_compatible", "evidence_similarity"]


@dataclass(frozen=True)
class Linkage:
    """Weights and threshold of the record linkage (see the module docstring).

    Every weight is a number of points added to a pair's score; negative weights are
    evidence against. Make a variant with ``dataclasses.replace(DEFAULT_LINKAGE, ...)``
    or ``Linkage(threshold=4.0)`` and pass it as ``dedupe_meetings(..., linkage=...)``.
    """

    threshold: float = 3.0
    same_participants: float = 3.0
    subset_participants: float = 1.5
    same_day: float = 2.0
    next_day: float = 0.25
    day_gap_penalty: float = 2.0
    max_day_gap: int = 3
    undated_near: float = 0.5
    undated_decay: float = 0.015
    undated_window_days: int = 31
    undated_peer_days: int = 3
    same_place: float = 1.0
    place_within: float = 0.5
    place_conflict: float = -1.5
    kind_conflict: float = -1.5
    status_conflict: float = -1.0
    similar_evidence: float = 1.0
    evidence_cutoff: float = 0.5

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise TypeError(f"Linkage.{f.name} must be a number, got {type(value).__name__}")
        for name in ("max_day_gap", "undated_window_days", "undated_peer_days"):
            if getattr(self, name) < 0:
                raise ValueError(f"Linkage.{name} must be 0 or more")
        if not 0.0 <= self.evidence_cutoff <= 1.0:
            raise ValueError("Linkage.evidence_cutoff must be between 0 and 1")


DEFAULT_LINKAGE = Linkage()

_WORD = re.compile(r"[a-z0-9]{3,}")


@lru_cache(maxsize=262_144)
def _tokens(name: str) -> tuple[str, ...]:
    return tuple(fold(name).split())


@lru_cache(maxsize=262_144)
def names_compatible(a: str, b: str) -> bool:
    """Whether two names written in different reports can be the same person.

    True when :func:`diplomeet.names.same_person` says so, when the office-holder table
    knows both as spellings of one person ("MBS" and "Mohammed bin Salman"), when one is
    the other with its words reordered ("HAYASHI Yoshimasa" / "Yoshimasa Hayashi"), or
    when a name of two words or more is contained in order in a longer one ("Gabriel
    Boric" / "Gabriel Boric Font"). False when the table knows them as two people.

    Args:
        a: A name as written.
        b: Another name as written.

    Returns:
        Whether nothing in the names tells the people apart.
    """
    if a == b:
        return True
    ta, tb = _tokens(a), _tokens(b)
    if ta == tb and ta:
        return True
    pa, pb = table_person(a), table_person(b)
    if pa is not None and pb is not None:
        return pa == pb
    if _same_person(a, b, False):
        return True
    if len(ta) >= 2 and len(tb) >= 2:
        if sorted(ta) == sorted(tb):
            return True
        short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
        it = iter(long_)
        if all(t in it for t in short):
            return True
    return False


@lru_cache(maxsize=262_144)
def table_person(name: str) -> str | None:
    """The canonical name of the one table person a name refers to, or None."""
    from diplomeet.officials_kb import lookup

    try:
        found = {o.name for o in lookup(name)}
    except (TypeError, ValueError):
        return None
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=65_536)
def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(fold(text)))


def evidence_similarity(texts_a: list[str], texts_b: list[str]) -> float:
    """The best word-overlap (Jaccard, words of three letters or more) between two sets of sentences."""
    best = 0.0
    for x in texts_a[:3]:
        wx = _words(x)
        if not wx:
            continue
        for y in texts_b[:3]:
            wy = _words(y)
            if not wy:
                continue
            score = len(wx & wy) / len(wx | wy)
            if score > best:
                best = score
    return best
