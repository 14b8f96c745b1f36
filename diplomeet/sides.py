"""Sides of a meeting: a list of counterparts split into one meeting per state or organisation.

"X met A, B and C" with A, B and C of different countries states separate bilateral meetings;
A and B of one country (a president and her foreign minister) are one delegation. A person's
side is the country (or organisation) they represent. A person whose side is unknown, or who is
of the subject's own side (an aide named beside the hosts), stays with the person named before
them (or after, when first): lists run "the Brazilian minister A and federal deputy B".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def split_by_side(
    group: Sequence[T], side_of: Callable[[T], str | None], own_sides: set[str] = frozenset()
) -> list[list[T]]:
    """``group`` cut into runs of one side each, in order of first mention (one run when one side).

    ``side_of`` gives a member's country or organisation (None when unknown); ``own_sides`` are
    the sides of the other party (the subject), whose members never form a side of their own.
    """
    keys: list[str | None] = []
    for member in group:
        side = side_of(member)
        keys.append(None if side is None or side in own_sides else side)
    if len({k for k in keys if k is not None}) < 2:
        return [list(group)]
    # unknown sides take the side named before them, else the one after
    filled = list(keys)
    for i, k in enumerate(filled):
        if k is None and i > 0:
            filled[i] = filled[i - 1]
    for i in range(len(filled) - 1, -1, -1):
        if filled[i] is None:
            filled[i] = filled[i + 1]
    runs: dict[str, list[T]] = {}
    for member, key in zip(group, filled):
        runs.setdefault(key, []).append(member)
    return list(runs.values())
