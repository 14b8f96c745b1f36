"""Meetings as a pandas DataFrame: a row per meeting, per participant or per pair."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations
from typing import TYPE_CHECKING, Any, Literal

from diplomeet.formats._common import (
    DATE_COLUMNS,
    EVENT_COLUMNS,
    SEP,
    as_meetings,
    event_row,
    participant_key,
    participant_label,
)
from diplomeet.models import Meeting, Participant

if TYPE_CHECKING:  # pragma: no cover
    import pandas

Form = Literal["event", "participant", "dyad"]

_MEETING_COLUMNS = (
    "meeting_id", "date", "date_end", "status", "kind", "location", "location_country",
    "n_participants", "confidence",
)
_PERSON_FIELDS = ("key", "name", "label", "role", "country", "country_code")
PARTICIPANT_COLUMNS: tuple[str, ...] = (
    *_MEETING_COLUMNS[:1], "position", *_PERSON_FIELDS, "aliases", *_MEETING_COLUMNS[1:]
)
DYAD_COLUMNS: tuple[str, ...] = (
    _MEETING_COLUMNS[0],
    *(f"{f}_1" for f in _PERSON_FIELDS),
    *(f"{f}_2" for f in _PERSON_FIELDS),
    *_MEETING_COLUMNS[1:],
)
COLUMNS: dict[str, tuple[str, ...]] = {
    "event": EVENT_COLUMNS,
    "participant": PARTICIPANT_COLUMNS,
    "dyad": DYAD_COLUMNS,
}


def to_dataframe(meetings: Iterable[Meeting], form: Form = "event") -> "pandas.DataFrame":
    """Flatten meetings into a table.

    Args:
        meetings: The meetings.
        form: ``"event"``: one row per meeting (participants joined with ``"; "``, with counts);
            ``"participant"``: one row per (meeting, participant);
            ``"dyad"``: one row per unordered pair of participants of a meeting.

    Returns:
        A DataFrame; ``date`` and ``date_end`` are ``datetime64`` columns (``NaT`` when unknown).
        An empty input gives an empty frame with the same columns.

    Raises:
        ImportError: pandas is not installed (``pip install "diplomeet[pandas]"``).
        ValueError: ``form`` is not one of the three forms.
    """
    if form not in COLUMNS:
        raise ValueError(f"form must be 'event', 'participant' or 'dyad', got {form!r}")
    items = as_meetings(meetings, func="to_dataframe")
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError(
            'to_dataframe() needs pandas: pip install "diplomeet[pandas]"'
        ) from None
    rows: list[dict[str, Any]]
    if form == "event":
        rows = [event_row(m) for m in items]
    elif form == "participant":
        rows = [row for m in items for row in _participant_rows(m)]
    else:
        rows = [row for m in items for row in _dyad_rows(m)]
    frame = pd.DataFrame(rows, columns=list(COLUMNS[form]))
    for column in DATE_COLUMNS:
        frame[column] = pd.to_datetime(frame[column])
    return frame


def _meeting_fields(m: Meeting) -> dict[str, Any]:
    return {
        "meeting_id": m.id,
        "date": m.date,
        "date_end": m.date_end,
        "status": m.status,
        "kind": m.kind,
        "location": m.location,
        "location_country": m.location_country,
        "n_participants": len(m.participants),
        "confidence": m.confidence,
    }


def _person(p: Participant, suffix: str = "") -> dict[str, Any]:
    values = {
        "key": participant_key(p),
        "person_id": p.person_id,
        "name": p.name,
        "label": participant_label(p),
        "role": p.role,
        "country": p.country,
        "country_code": p.country_code,
    }
    return {f"{k}{suffix}": v for k, v in values.items()}


def _participant_rows(m: Meeting) -> list[dict[str, Any]]:
    base = _meeting_fields(m)
    return [
        {**base, "position": i, **_person(p), "aliases": SEP.join(p.aliases)}
        for i, p in enumerate(m.participants)
    ]


def _dyad_rows(m: Meeting) -> list[dict[str, Any]]:
    base = _meeting_fields(m)
    rows = []
    for a, b in combinations(m.participants, 2):
        if participant_key(b) < participant_key(a):
            a, b = b, a
        rows.append({**base, **_person(a, "_1"), **_person(b, "_2")})
    return rows
