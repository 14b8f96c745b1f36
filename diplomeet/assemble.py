"""Within-article assembly: meeting mentions -> one Meeting per real meeting.

The same meeting stated in the headline, a caption and the body is merged (same people,
compatible dates, same kind). A mention without a date or place takes it from the article's
context: a meeting of the same people (or a sub/super-set of them, as bilateral sittings within a
trilateral round), then a visit to the host country, then the dateline city.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from diplomeet.attributes import Place
from diplomeet.coref import Person, country_code
from diplomeet.models import Evidence, Kind, Meeting, Participant, Status, stable_hash
from diplomeet.names import fold

STATUS_RANK = {"cancelled": 3, "occurred": 2, "planned": 1, "proposed": 0}


@dataclass
class MeetingMention:
    """One statement of a meeting in the article, with what its own sentence says."""

    people: frozenset[int]
    status: Status
    kind: Kind
    date: date | None
    date_end: date | None
    date_text: str | None
    place: Place | None
    start: int
    end: int
    sentence: str
    confidence: float
    medium_open: bool = False  # "spoke to X", "their conversation": in person only by default
    period: tuple[date, date] | None = None  # the days of a vague date ("three weeks ago", "in October")
    headline: bool = False  # stated on a line of its own without final punctuation (headline, caption)


@dataclass(frozen=True)
class Trip:
    """A stated journey: a person travels to a place (on a day), as occurred or planned."""

    person: int
    place: Place
    date: date | None
    date_text: str | None
    status: Status


@dataclass
class Draft:
    """A meeting being assembled from one or more mentions."""

    people: frozenset[int]
    kind: Kind
    mentions: list[MeetingMention] = field(default_factory=list)
    date: date | None = None
    date_end: date | None = None
    date_text: str | None = None
    place: Place | None = None
    place_inferred: bool = False

    @property
    def status(self) -> Status:
        # a headline's tense is no guide ("X, Y talk trade"): the body's statements decide
        told = [m for m in self.mentions if not m.headline] or self.mentions
        return max((m.status for m in told), key=lambda s: STATUS_RANK[s])

    def absorb(self, m: MeetingMention) -> None:
        self.mentions.append(m)
        if self.date is None and m.date is not None:
            self.date, self.date_end, self.date_text = m.date, m.date_end, m.date_text
        if self.date_text is None and m.date_text is not None:
            self.date_text = m.date_text
        places = [x.place for x in self.mentions if x.place is not None]
        if places:
            cities = [p for p in places if p.is_city]
            self.place = Counter(cities or places).most_common(1)[0][0]

    def accepts(self, m: MeetingMention) -> bool:
        if m.people != self.people or m.kind != self.kind:
            return False
        if not _statuses_compatible(self.status, m.status, self.date, m.date):
            return False
        if self.date is not None and m.date is not None and self.date != m.date:
            return False
        if self.date is not None and m.period is not None and not m.period[0] <= self.date <= m.period[1]:
            return False  # "they last met three weeks ago" is not today's talks
        if m.date is not None and any(
            x.period is not None and not x.period[0] <= m.date <= x.period[1] for x in self.mentions
        ):
            return False
        if (
            self.place is not None and m.place is not None and self.place.country and m.place.country
            and self.place.country != m.place.country
        ):
            return False
        return True


def _statuses_compatible(a: Status, b: Status, date_a: date | None, date_b: date | None) -> bool:
    """Two statements of one meeting: "will meet" and "is due to meet" yes; "met" and "hoped to meet" no."""
    if a == b:
        return True
    pair = {a, b}
    if pair <= {"planned", "proposed", "cancelled"}:
        return True
    return pair == {"occurred", "planned"} and date_a is not None and date_a == date_b


def _adopt_medium(mentions: list[MeetingMention]) -> None:
    """ "spoke to X from his residence" after "spoke to X on the telephone": the same call.

    A mention whose words do not say how the people talked takes the kind of the call (or video
    meeting) the article states between the same people, when there is exactly one such kind.
    """
    for m in mentions:
        if not m.medium_open or m.kind != "in_person":
            continue
        kinds = {
            o.kind for o in mentions
            if o.kind != "in_person" and o.people == m.people
            and _statuses_compatible(o.status, m.status, o.date, m.date)
            and (o.date is None or m.date is None or o.date == m.date)
        }
        if len(kinds) == 1:
            m.kind = kinds.pop()
            m.place = None


def _merge(mentions: list[MeetingMention]) -> list[Draft]:
    drafts: list[Draft] = []
    # dated mentions first, so undated ones join the right meeting
    for m in sorted(mentions, key=lambda x: (x.date is None, x.start)):
        target = next((d for d in drafts if d.accepts(m)), None)
        if target is None:
            target = Draft(m.people, m.kind)
            drafts.append(target)
        target.absorb(m)
    return sorted(drafts, key=lambda d: min(m.start for m in d.mentions))


def _fold_headlines(drafts: list[Draft]) -> list[Draft]:
    """A meeting stated only in headlines joins the one body meeting of the same people (and day).

    Headlines and captions are short and loose about tense and medium ("Biden, Trudeau hold
    talks" over a story of a phone call), so their kind may differ when they state none.
    """
    out = list(drafts)
    for d in drafts:
        if not all(m.headline for m in d.mentions):
            continue
        body = [
            o for o in out
            if o is not d and o.people == d.people and not all(m.headline for m in o.mentions)
            and (o.kind == d.kind or d.kind == "in_person") and (d.date is None or d.date == o.date)
        ]
        if len(body) != 1:
            continue
        for m in d.mentions:
            body[0].absorb(m)
        out.remove(d)
    return out


def _related(a: Draft, b: Draft) -> bool:
    """Same round: one people set within the other, two or more in common, same kind and place."""
    same_place = a.place is None or b.place is None or a.place == b.place
    return a is not b and a.kind == b.kind and same_place and a.people != b.people and len(a.people & b.people) >= 2 and (
        a.people <= b.people or b.people <= a.people
    )


def _from_trips(d: Draft, trips: list[Trip], people: list[Person]) -> None:
    """A meeting with the hosts of a trip takes the trip's place (and day, when it has none)."""
    for trip in sorted(trips, key=lambda t: not t.place.is_city):  # "Beijing" before "China"
        if trip.person not in d.people or d.kind != "in_person":
            continue
        if (trip.status == "occurred") != (d.status == "occurred"):
            continue
        hosts = d.people - {trip.person}
        known = {people[p].country for p in hosts} - {None}
        if not known <= {trip.place.country} or people[trip.person].country == trip.place.country:
            continue  # the hosts (where known) are of the visited country, the traveller is not
        if d.date is not None and trip.date is not None and abs((d.date - trip.date).days) > 3:
            continue  # talks the day after an arrival still take place there
        d.place = trip.place
        d.place_inferred = True
        if d.date is None and d.date_text is None and trip.date is not None:
            d.date, d.date_text = trip.date, trip.date_text
        return


def _inherit(drafts: list[Draft], people: list[Person], dateline: Place | None, trips: list[Trip] = ()) -> None:
    for d in drafts:
        related = [o for o in drafts if _related(d, o) and o.status == d.status]
        if d.date is None and d.date_text is None:
            dates = {(o.date, o.date_end, o.date_text) for o in related if o.date is not None}
            if len(dates) == 1:
                d.date, d.date_end, d.date_text = dates.pop()
        if d.place is None and d.kind == "in_person":
            places = {o.place for o in related if o.place is not None}
            if len(places) == 1:
                d.place = places.pop()
                d.place_inferred = True
    for d in drafts:
        if d.place is None:
            _from_trips(d, list(trips), people)
    for d in drafts:
        if d.place is not None or d.kind != "in_person":
            continue
        # a visit: the other side all from the country where a shared participant met others
        for o in drafts:
            if o is d or o.place is None or o.place_inferred or not (d.people & o.people) or o.kind != "in_person":
                continue
            if {o.status, d.status} - {"occurred", "planned"} or (d.date and o.date and abs((d.date - o.date).days) > 3):
                continue
            hosts = d.people - o.people
            host_countries = {people[p].country for p in hosts}
            if host_countries == {o.place.country}:
                d.place = o.place
                d.place_inferred = True
                break
        if d.place is None and dateline is not None and d.status == "occurred" and d.date_text is None or (
            d.place is None and dateline is not None and d.status == "occurred" and d.date is not None
        ):
            d.place = dateline
            d.place_inferred = True


def _city_from_dateline(drafts: list[Draft], dateline: Place | None) -> None:
    """ "visited Georgia" under a TBILISI dateline: the city, when it lies in that country."""
    if dateline is None or not dateline.is_city:
        return
    for d in drafts:
        if d.place is not None and not d.place.is_city and d.place.name == dateline.country and d.status == "occurred":
            d.place = dateline


def _participant(person: Person) -> Participant:
    return Participant(
        name=person.name,
        aliases=person.aliases,
        role=person.role,
        country=person.country,
        country_code=country_code(person.country),
    )


def _person_key(person: Person) -> str:
    if person.name:
        return fold(person.name.split()[-1])
    return f"{person.role}|{person.country}"


def build_meetings(
    mentions: list[MeetingMention],
    people: list[Person],
    *,
    article_id: str,
    dateline: Place | None = None,
    trips: list[Trip] = (),
) -> list[Meeting]:
    """Merge meeting mentions into Meetings (one per real meeting in the article)."""
    _adopt_medium(mentions)
    drafts = _fold_headlines(_merge(mentions))
    _inherit(drafts, people, dateline, trips)
    # a second pass: undated mentions that became compatible after inheritance
    drafts = _fold_headlines(_merge([m for d in drafts for m in _with_context(d)]))
    _inherit(drafts, people, dateline, trips)
    _city_from_dateline(drafts, dateline)
    meetings = []
    for d in drafts:
        persons = sorted((people[p] for p in d.people), key=lambda p: p.id)  # order of first mention
        keys = sorted(_person_key(p) for p in persons)
        evidence = sorted(
            {(m.start, m.end, m.sentence) for m in d.mentions}, key=lambda e: e[0]
        )
        confidence = max(m.confidence for m in d.mentions)
        if len(d.mentions) > 1:
            confidence = min(1.0, confidence + 0.1)
        meetings.append(
            Meeting(
                id="m_" + stable_hash(article_id, "|".join(keys), d.date, d.kind, d.status),
                participants=[_participant(p) for p in persons],
                date=d.date,
                date_end=d.date_end,
                date_text=d.date_text,
                location=d.place.name if d.place else None,
                location_country=d.place.country if d.place else None,
                status=d.status,
                kind=d.kind,
                evidence=[Evidence(article_id=article_id, text=s, start=a, end=b) for a, b, s in evidence],
                sources=[article_id],
                confidence=round(confidence, 3),
            )
        )
    return meetings


def _with_context(d: Draft) -> list[MeetingMention]:
    """The draft's mentions carrying the draft's inherited date and place."""
    out = []
    for m in d.mentions:
        out.append(
            MeetingMention(
                people=m.people, status=m.status, kind=m.kind,
                date=m.date or d.date, date_end=m.date_end if m.date else d.date_end,
                date_text=m.date_text or d.date_text,
                place=m.place or d.place, start=m.start, end=m.end, sentence=m.sentence,
                confidence=m.confidence, medium_open=m.medium_open, period=m.period,
                headline=m.headline,
            )
        )
    return out
