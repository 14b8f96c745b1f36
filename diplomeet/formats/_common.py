"""Shared by the output formats: input checks, participant labels, code tables, placement."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import IO, Any

from diplomeet import gazetteer
from diplomeet.models import Meeting, Participant

SEP = "; "


@lru_cache(maxsize=None)
def codes() -> dict[str, Any]:
    """The CAMEO/PLOVER code tables from ``diplomeet/data/event_codes.json``."""
    text = resources.files("diplomeet").joinpath("data/event_codes.json").read_text("utf-8")
    return json.loads(text)


def as_meetings(meetings: Iterable[Meeting] | Meeting, *, func: str) -> list[Meeting]:
    """Check and list the meetings given to an output function.

    A single :class:`Meeting` counts as a list of one; dicts are validated as meetings.

    Raises:
        TypeError: ``meetings`` is not an iterable of meetings.
    """
    if isinstance(meetings, Meeting):
        return [meetings]
    if isinstance(meetings, (str, bytes, dict)) or not isinstance(meetings, Iterable):
        raise TypeError(
            f"{func}() takes an iterable of Meeting objects, got {type(meetings).__name__}"
        )
    out: list[Meeting] = []
    for i, item in enumerate(meetings):
        if isinstance(item, Meeting):
            out.append(item)
        elif isinstance(item, dict):
            out.append(Meeting.model_validate(item))
        else:
            raise TypeError(
                f"{func}(): item {i} is a {type(item).__name__}, not a Meeting"
            )
    return out


def write_to(path_or_file: object, write: Callable[[IO[str]], int], *, func: str, newline: str | None = None) -> int:
    """Run ``write`` on an open text file, opening ``path_or_file`` (UTF-8) when it is a path."""
    if isinstance(path_or_file, (str, os.PathLike)):
        with open(path_or_file, "w", encoding="utf-8", newline=newline) as fh:
            return write(fh)
    if hasattr(path_or_file, "write"):
        return write(path_or_file)  # type: ignore[arg-type]
    raise TypeError(f"{func}() needs a path or an open text file, got {type(path_or_file).__name__}")


def as_meeting(meeting: Meeting | dict, *, func: str) -> Meeting:
    """Check one meeting (a dict is validated as one)."""
    if isinstance(meeting, Meeting):
        return meeting
    if isinstance(meeting, dict):
        return Meeting.model_validate(meeting)
    raise TypeError(f"{func}() takes one Meeting, got {type(meeting).__name__}")


def participant_label(p: Participant) -> str:
    """A readable label: ``"Wang Yi (Foreign Minister, China)"`` or ``"President (Armenia)"``."""
    details = ", ".join(x for x in (p.role, p.country) if x)
    if p.name:
        return f"{p.name} ({details})" if details else p.name
    if details:
        return f"unnamed ({details})"
    return "unnamed"


def participant_name(p: Participant) -> str:
    """The name, or office and country when unnamed (``"President of Armenia"``)."""
    if p.name:
        return p.name
    if p.role and p.country:
        return f"{p.role} of {p.country}"
    return p.role or p.country or "unnamed"


def participant_key(p: Participant) -> str:
    """A key identifying a person across meetings: the ``person_id`` of a corpus run, else the
    canonical name, else role and country."""
    if p.person_id:
        return p.person_id
    if p.name:
        return p.name
    return f"{p.role or '?'} ({p.country or '?'})"


def is_organisation(p: Participant) -> bool:
    """Whether the participant represents an international organisation rather than a state."""
    code = (p.country_code or "").upper()
    if not code:
        return False
    if code in set(codes()["organisation_codes"]):
        return True
    found = gazetteer.country_by_code(code)
    return found is not None and found.kind == "igo"


def is_mediator(p: Participant) -> bool:
    """Whether the participant's role is a mediating office (a co-chair, a special envoy...)."""
    role = (p.role or "").casefold()
    return any(word in role for word in codes()["mediator_roles"])


def mentions_negotiation(meeting: Meeting) -> bool:
    """Whether an evidence sentence speaks of negotiations."""
    words = set(codes()["negotiation_words"])
    for ev in meeting.evidence:
        tokens = {t.strip(".,;:!?\"'()").casefold() for t in ev.text.split()}
        if tokens & words:
            return True
    return False


def countries(meeting: Meeting) -> list[str]:
    """Distinct countries (or organisations) of the participants, in order of appearance."""
    seen: dict[str, None] = {}
    for p in meeting.participants:
        if p.country:
            seen.setdefault(p.country, None)
    return list(seen)


def country_codes(meeting: Meeting) -> list[str]:
    """Distinct country codes of the participants, in order of appearance."""
    seen: dict[str, None] = {}
    for p in meeting.participants:
        if p.country_code:
            seen.setdefault(p.country_code, None)
    return list(seen)


def meeting_country(meeting: Meeting) -> str | None:
    """Country of the meeting place: location_country, or the location if it names one."""
    if meeting.location_country:
        return meeting.location_country
    # a location given only as a country ("in Azerbaijan")
    if meeting.location and any(
        p.country and p.country.casefold() == meeting.location.casefold()
        for p in meeting.participants
    ):
        return meeting.location
    return None


def location_code(meeting: Meeting) -> str | None:
    """ISO alpha-3 code of the meeting's country (from its participants, else the gazetteer)."""
    country = meeting_country(meeting)
    if not country:
        return None
    for p in meeting.participants:
        if p.country and p.country.casefold() == country.casefold() and p.country_code:
            return p.country_code
    found = gazetteer.country_by_name(country)
    return found.code if found is not None else None


def is_local(p: Participant, meeting: Meeting) -> bool:
    """Whether the participant represents the country where the meeting took place."""
    country = meeting_country(meeting)
    return bool(country and p.country and p.country.casefold() == country.casefold())


@dataclass(frozen=True)
class Placement:
    """Who hosts whom: ``kind`` is "remote", "visit", "third_location" or "unknown"."""

    kind: str
    hosts: tuple[int, ...] = ()
    guests: tuple[int, ...] = ()


def placement(meeting: Meeting) -> Placement:
    """Classify an in-person meeting: a visit (some at home), a third location, or unknown."""
    if meeting.kind != "in_person":
        return Placement("remote")
    if meeting_country(meeting) is None:
        return Placement("unknown")
    hosts = tuple(i for i, p in enumerate(meeting.participants) if is_local(p, meeting))
    guests = tuple(i for i in range(len(meeting.participants)) if i not in hosts)
    if not hosts:
        return Placement("third_location", guests=guests)
    if not guests:
        return Placement("unknown")
    return Placement("visit", hosts=hosts, guests=guests)


def is_multilateral(meeting: Meeting) -> bool:
    """Three or more states/organisations, or an international organisation taking part."""
    return len(countries(meeting)) >= 3 or any(is_organisation(p) for p in meeting.participants)


def iso(value: Any) -> str | None:
    """ISO string of a date, or None."""
    return value.isoformat() if value is not None else None


def event_row(m: Meeting) -> dict[str, Any]:
    """One flat row per meeting (the "event" form shared by CSV and the data frame)."""
    return {
        "id": m.id,
        "date": m.date,
        "date_end": m.date_end,
        "date_text": m.date_text,
        "status": m.status,
        "kind": m.kind,
        "location": m.location,
        "location_country": m.location_country,
        "participants": SEP.join(participant_label(p) for p in m.participants),
        "names": SEP.join(participant_name(p) for p in m.participants),
        "countries": SEP.join(countries(m)),
        "country_codes": SEP.join(country_codes(m)),
        "n_participants": len(m.participants),
        "n_countries": len(countries(m)),
        "n_sources": len(m.sources),
        "n_mentions": len(m.evidence),
        "sources": SEP.join(m.sources),
        "confidence": m.confidence,
        "evidence": m.evidence[0].text if m.evidence else None,
    }


EVENT_COLUMNS: tuple[str, ...] = (
    "id", "date", "date_end", "date_text", "status", "kind", "location", "location_country",
    "participants", "names", "countries", "country_codes", "n_participants", "n_countries",
    "n_sources", "n_mentions", "sources", "confidence", "evidence",
)
DATE_COLUMNS = ("date", "date_end")
