"""Input classes for the scaling and fuzz benchmarks (all text invented for them).

Each class is a unit of text repeated until the input reaches the wanted size:

- ``names``: a long list of names with no verbs or punctuation (participant lists, name
  indexes, tables of officials flattened by a scraper);
- ``minister``: one title word repeated;
- ``met``: "X met Y" repeated with no punctuation: one endless sentence of meetings;
- ``article``: an ordinary news article repeated (normal sentences, datelines, quotes);
- ``varied``: the same article with other people, places and days in every copy, so that no
  paragraph repeats (the throughput on ordinary text).
"""

from __future__ import annotations

import random

ARTICLE = """\
OSLO, March 14 - Norwegian Foreign Minister Espen Barth Eide held talks with his Kenyan counterpart
Musalia Mudavadi in Oslo on Tuesday, the ministry said in a statement.

The two ministers discussed trade, fisheries and the security situation in the Horn of Africa,
according to the statement. Eide thanked Mudavadi for Kenya's role in regional mediation.

"We agreed to meet again before the end of the year," Mudavadi told reporters after the meeting.

Earlier in the day, Mudavadi was received by Prime Minister Jonas Gahr Store. The Kenyan minister
will travel to Stockholm on Thursday, where he is expected to meet Swedish Foreign Minister
Maria Malmer Stenergard.

Last month, Eide spoke by phone with Indian External Affairs Minister Subrahmanyam Jaishankar about
shipping routes. A planned visit by the Chilean foreign minister to Norway was cancelled.
"""

UNITS = {
    "names": "Espen Eide Musalia Mudavadi Penny Wong Melanie Joly ",
    "minister": "Minister ",
    "met": "Wong met Joly Eide met Mudavadi ",
    "article": ARTICLE + "\n",
}


GIVEN = ["Espen", "Musalia", "Penny", "Melanie", "Maria", "Jonas", "Ana", "Tomas", "Leila", "Omar", "Ines",
         "Pavel", "Sofia", "Kenji", "Amara", "Lucas", "Nadia", "Viktor", "Chen", "Rosa"]
SURNAMES = ["Eide", "Mudavadi", "Wong", "Joly", "Halvorsen", "Okoro", "Lindqvist", "Ferreira", "Haddad",
            "Novak", "Tanaka", "Mensah", "Kowalczyk", "Duarte", "Aziz", "Petrov", "Moreno", "Sato", "Keller",
            "Banda", "Ortiz", "Nyberg", "Castillo", "Rahimi", "Yilmaz", "Costa", "Varga", "Abebe", "Lund", "Silva"]
CITIES = ["Oslo", "Nairobi", "Stockholm", "Lisbon", "Vienna", "Accra", "Lima", "Hanoi", "Rabat", "Doha"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
_CAST = ["Espen Barth Eide", "Musalia Mudavadi", "Jonas Gahr Store", "Maria Malmer Stenergard",
         "Subrahmanyam Jaishankar"]


def varied_article(rng: random.Random) -> str:
    """The article of ``ARTICLE`` with invented people, another city and another day."""
    text = ARTICLE
    people = rng.sample([f"{g} {s}" for g in GIVEN for s in SURNAMES], len(_CAST))
    for old, new in zip(_CAST, people):
        text = text.replace(old, new).replace(old.split()[-1], new.split()[-1])
    return text.replace("Oslo", rng.choice(CITIES)).replace("Tuesday", rng.choice(DAYS))


def make_input(kind: str, size: int, *, seed: int = 5) -> str:
    """``size`` characters (cut at a unit boundary, at least one unit) of the input class ``kind``."""
    if kind == "varied":
        rng = random.Random(seed)
        parts: list[str] = []
        total = 0
        while total < size or not parts:
            parts.append(varied_article(rng) + "\n")
            total += len(parts[-1])
        return "".join(parts)
    unit = UNITS[kind]
    return unit * max(1, size // len(unit))
