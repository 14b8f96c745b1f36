"""Corpus-wide person identity: person_id, canonical name and aliases."""

from __future__ import annotations

from datetime import date

from diplomeet.dedupe import dedupe_meetings
from diplomeet.models import Evidence, Meeting, Participant
from diplomeet.persons import assign_person_ids


def P(name: str | None, country: str | None, role: str | None = "Foreign Minister", aliases=()) -> Participant:
    return Participant(name=name, aliases=list(aliases), role=role, country=country)


def M(article: str, *people: Participant, day: date | None = None, loc: str | None = None) -> Meeting:
    text = f"Report {article}."
    return Meeting(
        id=f"{article}-{len(people)}",
        participants=list(people),
        date=day,
        location=loc,
        status="occurred",
        evidence=[Evidence(article_id=article, text=text, start=0, end=len(text))],
        sources=[article],
    )


def _ids(meetings: list[Meeting]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m in meetings:
        for p in m.participants:
            out.setdefault(p.person_id or "", set()).add(p.name or "")
    return out


def test_transliterations_and_slips_are_one_person_with_every_spelling() -> None:
    gutierrez = P("Carlos Gutierrez", "Mexico")
    records = [
        M("a1", P("Sergei Ivanov", "Russia"), gutierrez, day=date(2019, 3, 1)),
        M("a2", P("Sergey Ivanov", "Russia"), P("Paolo Conte", "Italy"), day=date(2019, 5, 2)),
        # a one-letter slip in the given name, with the same role and country
        M("a3", P("Sergey Ivanov", "Russia"), P("Fatima Wardak", "Afghanistan"), day=date(2019, 6, 2)),
        M("a4", P("Sergej Ivanov", "Russia"), P("Fatima Wardak", "Afghanistan"), day=date(2020, 6, 2)),
        M("a5", P("Ivanov", "Russia"), P("Conte", "Italy"), day=date(2019, 9, 9)),
    ]
    out = dedupe_meetings(records)
    ivanov = {p.person_id for m in out for p in m.participants if p.country == "Russia"}
    assert len(ivanov) == 1
    person = next(p for m in out for p in m.participants if p.country == "Russia")
    assert person.name in {"Sergei Ivanov", "Sergey Ivanov"}
    assert {person.name, *person.aliases} == {"Sergei Ivanov", "Sergey Ivanov", "Sergej Ivanov", "Ivanov"}
    assert all(p.name == person.name for m in out for p in m.participants if p.country == "Russia")


def test_similar_names_stay_apart_when_country_or_given_names_say_so() -> None:
    records = [
        M("a1", P("Amina Mohamed", "Kenya"), P("Naledi Pandor", "South Africa"), day=date(2017, 3, 1)),
        M("a2", P("Amina Mohammed", "United Nations", "Deputy Secretary-General"), P("Naledi Pandor", "South Africa"), day=date(2018, 3, 1)),
        M("a3", P("Ilham Aliyev", "Azerbaijan", "President"), P("Naledi Pandor", "South Africa"), day=date(2019, 3, 1)),
        M("a4", P("Heydar Aliyev", "Azerbaijan", "President"), P("Naledi Pandor", "South Africa"), day=date(2001, 3, 1)),
        # a surname alone fitting two people is nobody's alias
        M("a5", P("Aliyev", "Azerbaijan", "President"), P("Pandor", "South Africa"), day=date(2010, 3, 1)),
    ]
    out = dedupe_meetings(records)
    ids = _ids(out)
    by_name = {name: pid for pid, names in ids.items() for name in names}
    assert by_name["Amina Mohamed"] != by_name["Amina Mohammed"]
    assert len({by_name["Ilham Aliyev"], by_name["Heydar Aliyev"], by_name["Aliyev"]}) == 3
    assert len({p.person_id for m in out for p in m.participants if p.country == "South Africa"}) == 1


def test_person_ids_are_stable_and_cover_unnamed_office_holders() -> None:
    records = [
        M("a1", P("Sergey Lavrov", "Russia"), P(None, "Armenia", "President"), day=date(2016, 4, 2)),
        M("a2", P("Lavrov", "Russia"), P(None, "Armenia", "President"), day=date(2016, 7, 2)),
    ]
    first = assign_person_ids(records)
    again = assign_person_ids(list(reversed(records)))
    assert [p.person_id for m in first for p in m.participants] == [
        p.person_id for m in reversed(again) for p in m.participants
    ]
    assert all(p.person_id for m in first for p in m.participants)
    assert assign_person_ids(first) == first


def test_an_alias_given_in_one_article_names_the_same_person_elsewhere() -> None:
    records = [
        M("a1", P("Jan Kowalczyk", "Poland", aliases=["Jon Kowalczyk", "Kowalczyk"]), P("Paolo Conte", "Italy"), day=date(2019, 1, 1)),
        M("a2", P("Jon Kowalczyk", "Poland"), P("Ana Brnabic", "Serbia"), day=date(2019, 2, 1)),
    ]
    out = dedupe_meetings(records)
    assert len({p.person_id for m in out for p in m.participants if p.country == "Poland"}) == 1
