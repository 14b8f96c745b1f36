"""PLOVER JSON records (openeventdata/PLOVER, draft 0.7b1) for meetings.

* occurred -> ``CONSULT``, with a mode: ``visit`` (guests are the source, hosts the recipient),
  ``third-party`` (met in a country none of them represents), ``phone`` (phone *and* video calls:
  PLOVER's phone mode covers "phone or some other remote medium"), plus ``multilateral`` when three
  or more states or an international organisation take part;
* planned / proposed -> ``AGREE`` with mode ``meet`` and context ``future`` (and ``hypothetical``
  for proposed meetings);
* cancelled -> ``REJECT`` with mode ``meet``.

Without a host/guest distinction every participant is a source actor and there is no recipient.
Besides the PLOVER fields, a record carries ``status``, ``kind``, ``date_text``, ``sources`` and
``confidence`` from the meeting.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from diplomeet import __version__
from diplomeet.formats._common import (
    as_meeting,
    codes,
    is_multilateral,
    is_organisation,
    iso,
    location_code,
    participant_name,
    placement,
)
from diplomeet.models import Meeting, Participant


def to_plover(meeting: Meeting, *, urls: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Convert one meeting to a PLOVER event record.

    Args:
        meeting: The meeting.
        urls: Optional map from article id to URL, used for ``cite_info``; a source id that is
            itself a URL is used as is.

    Returns:
        A JSON-able dict with the PLOVER fields ``id``, ``date``, ``enddate``, ``source``,
        ``recipient``, ``event``, ``mode``, ``context``, ``quad_code``, ``event_loc``,
        ``event_text``, ``cite_info``, ``coder``.
    """
    m = as_meeting(meeting, func="to_plover")
    table = codes()["plover"]
    event = table["event_by_status"][m.status]
    context = list(table["context_by_status"][m.status])
    everyone = list(range(len(m.participants)))
    source, recipient = everyone, []
    mode: list[str] = []
    if event == "CONSULT":
        place = placement(m)
        modes = table["consult_modes"]
        if place.kind == "remote":
            mode.append(modes[m.kind])
        elif place.kind == "visit":
            mode.append(modes["visit"])
            source, recipient = list(place.guests), list(place.hosts)
        elif place.kind == "third_location":
            mode.append(modes["third_location"])
        if is_multilateral(m):
            mode.append(modes["multilateral"])
    else:
        mode.append(table["meeting_mode"])
    return {
        "id": m.id,
        "has_event": True,
        "date": iso(m.date),
        "enddate": iso(m.date_end),
        "source": [_actor(m.participants[i]) for i in source],
        "recipient": [_actor(m.participants[i]) for i in recipient],
        "event": [event],
        "mode": mode,
        "context": context,
        "quad_code": table["quad_code"][event],
        "event_loc": _location(m),
        "event_text": [ev.text for ev in m.evidence],
        "cite_info": [_cite(source_id, urls) for source_id in m.sources],
        "coder": f"diplomeet {__version__}",
        "codebook": table["codebook"],
        "status": m.status,
        "kind": m.kind,
        "date_text": m.date_text,
        "sources": list(m.sources),
        "confidence": m.confidence,
    }


def _actor(p: Participant) -> dict[str, Any]:
    organisation = is_organisation(p)
    return {
        "code": "IGO" if organisation else p.country_code,
        "sector": None if organisation else codes()["plover"]["state_sector"],
        "actor_text": participant_name(p),
        "identifier_text": p.name,
        "office": p.role,
        "country": p.country,
        "country_code": p.country_code,
    }


def _location(m: Meeting) -> dict[str, Any] | None:
    if not m.location and not m.location_country:
        return None
    return {"name": m.location, "country": m.location_country, "cc3": location_code(m)}


def _cite(source_id: str, urls: Mapping[str, str] | None) -> dict[str, Any]:
    url = (urls or {}).get(source_id)
    if url is None and source_id.startswith(("http://", "https://")):
        url = source_id
    return {"citation": source_id, "url": url}
