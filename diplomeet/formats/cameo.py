"""CAMEO dyads in GDELT-like columns.

Each ordered pair of participants from different sides gives one row (CAMEO codes reciprocal
events twice: a visit is ``042`` from the guest and ``043`` from the host). Codes:

* planned / proposed -> ``036`` (intent to meet); cancelled -> ``125`` (reject a meeting);
* phone and video calls -> ``041``;
* a co-chair, mediator or special envoy towards the others -> ``045``;
* in person: ``042`` guest to host, ``043`` host to guest (the meeting is in the host's country),
  ``044`` when the meeting is in a country neither represents; otherwise ``046`` when the evidence
  speaks of negotiations, else ``040``.

Differences from GDELT: ``GlobalEventID`` is a string built from the meeting id,
``ActionGeo_CountryCode`` and the actor country codes are ISO 3166 alpha-3 (GDELT uses FIPS for
places), and ``MeetingID``, ``Status`` and ``Kind`` are added.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import permutations
from typing import Any

from diplomeet.formats._common import (
    as_meeting,
    codes,
    is_mediator,
    is_organisation,
    location_code,
    meeting_country,
    mentions_negotiation,
    participant_name,
    placement,
)
from diplomeet.models import Meeting, Participant

CAMEO_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode",
    "SOURCEURL", "MeetingID", "Status", "Kind",
)


def to_cameo(meeting: Meeting, *, urls: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """Convert one meeting to CAMEO dyad rows with GDELT-like column names.

    Args:
        meeting: The meeting.
        urls: Optional map from article id to URL for ``SOURCEURL``; a source id that is itself
            a URL is used as is.

    Returns:
        One dict per ordered pair of participants (keys: ``CAMEO_COLUMNS``). Pairs from the same
        state are left out when more than one state takes part.
    """
    m = as_meeting(meeting, func="to_cameo")
    table = codes()
    place = placement(m)
    n_countries = len({p.country for p in m.participants if p.country})
    rows = []
    for i, j in permutations(range(len(m.participants)), 2):
        a, b = m.participants[i], m.participants[j]
        if n_countries > 1 and a.country and a.country == b.country:
            continue
        code = _code(m, i, j, place)
        info = table["cameo"][code]
        rows.append(
            {
                "GlobalEventID": f"{m.id}-{len(rows) + 1}",
                **_date_fields(m),
                **_actor_fields(a, "Actor1"),
                **_actor_fields(b, "Actor2"),
                "IsRootEvent": 1,
                "EventCode": code,
                "EventBaseCode": code[:3],
                "EventRootCode": info["root"],
                "QuadClass": info["quad_class"],
                "GoldsteinScale": info["goldstein"],
                "NumMentions": len(m.evidence),
                "NumSources": len(m.sources),
                "NumArticles": len(m.sources),
                **_geo_fields(m),
                "SOURCEURL": _source_url(m, urls),
                "MeetingID": m.id,
                "Status": m.status,
                "Kind": m.kind,
            }
        )
    return rows


def _code(m: Meeting, i: int, j: int, place: Any) -> str:
    table = codes()
    if m.status != "occurred":
        return table["cameo_by_status"][m.status]
    if m.kind != "in_person":
        return table["cameo_remote"][m.kind]
    codes_by_place = table["cameo_place"]
    a, b = m.participants[i], m.participants[j]
    if is_mediator(a) and not is_mediator(b):
        return codes_by_place["mediate"]
    if place.kind == "visit":
        if i in place.hosts and j in place.guests:
            return codes_by_place["host"]
        if i in place.guests and j in place.hosts:
            return codes_by_place["visit"]
        if i in place.guests and j in place.guests:
            return codes_by_place["third_location"]
    elif place.kind == "third_location":
        return codes_by_place["third_location"]
    if mentions_negotiation(m):
        return codes_by_place["negotiate"]
    return codes_by_place["unknown"]


def _date_fields(m: Meeting) -> dict[str, Any]:
    d = m.date
    if d is None:
        return {"SQLDATE": None, "MonthYear": None, "Year": None, "FractionDate": None}
    day_of_year = d.timetuple().tm_yday
    return {
        "SQLDATE": int(d.strftime("%Y%m%d")),
        "MonthYear": int(d.strftime("%Y%m")),
        "Year": d.year,
        "FractionDate": round(d.year + day_of_year / 365, 4),
    }


def _actor_fields(p: Participant, prefix: str) -> dict[str, Any]:
    kinds = codes()["cameo_actor_type"]
    organisation = is_organisation(p)
    kind = kinds["organisation"] if organisation else kinds["state"]
    if organisation:
        actor_code = p.country_code
    else:
        actor_code = f"{p.country_code}{kind}" if p.country_code else None
    return {
        f"{prefix}Code": actor_code,
        f"{prefix}Name": participant_name(p),
        f"{prefix}CountryCode": None if organisation else p.country_code,
        f"{prefix}Type1Code": kind,
    }


def _geo_fields(m: Meeting) -> dict[str, Any]:
    if not m.location and not m.location_country:
        return {"ActionGeo_Type": None, "ActionGeo_FullName": None, "ActionGeo_CountryCode": None}
    country = meeting_country(m)
    is_country = m.location is None or (
        country is not None and m.location.casefold() == country.casefold()
    )
    parts = [x for x in (m.location, m.location_country) if x]
    if len(parts) == 2 and parts[0].casefold() == parts[1].casefold():
        parts = parts[:1]
    return {
        # GDELT geo types: 1 = country, 4 = world city
        "ActionGeo_Type": 1 if is_country else 4,
        "ActionGeo_FullName": ", ".join(parts),
        "ActionGeo_CountryCode": location_code(m),
    }


def _source_url(m: Meeting, urls: Mapping[str, str] | None) -> str | None:
    for source_id in m.sources:
        url = (urls or {}).get(source_id)
        if url:
            return url
        if source_id.startswith(("http://", "https://")):
            return source_id
    return None
