"""Time dedupe_meetings on synthetic meeting records: 10k, 100k and 1M records.

Each synthetic real meeting is reported by 1-9 articles with varied spellings (full name,
surname alone, transliteration variants, titles), some without a date or a place, and in
planned and occurred versions. Prints seconds and microseconds per record for each size.

    python benchmarks/dedupe_scale.py [--sizes 10000 100000 1000000] [--seed 7]
"""

from __future__ import annotations

import argparse
import gc
import random
import time
from datetime import date, timedelta

from diplomeet.dedupe import dedupe_meetings
from diplomeet.models import Evidence, Meeting, Participant

GIVEN = ["Sergey", "Elmar", "Antony", "Mevlut", "Wang", "Hossein", "Jeyhun", "Ararat", "Olaf", "Annalena",
         "Dmytro", "Josep", "Catherine", "Penny", "Marise", "Lee", "Ali", "Nasser", "Faisal", "Retno"]
SURNAMES = ["Ivanov", "Petrenko", "Kowalski", "Nakamura", "Okafor", "Haddad", "Silva", "Novak", "Horvat",
            "Jensen", "Larsen", "Rossi", "Moreau", "Dubois", "Schmidt", "Yilmaz", "Demir", "Karimov",
            "Aliev", "Nazarbayev", "Tokayev", "Mirziyoyev", "Rahmon", "Berdimuhamedow", "Sharif", "Khan",
            "Gupta", "Sato", "Tanaka", "Suzuki"]
COUNTRIES = ["Russia", "Azerbaijan", "United States", "Turkey", "China", "Iran", "Armenia", "Germany",
             "France", "Japan", "India", "Brazil", "Egypt", "Kenya", "Peru", "Chile", "Norway", "Italy"]
CITIES = ["Moscow", "Baku", "Washington", "Ankara", "Beijing", "Tehran", "Yerevan", "Berlin", "Paris",
          "Tokyo", "New Delhi", "Brasilia", "Cairo", "Nairobi", "Lima", "Santiago", "Oslo", "Rome"]
ROLES = ["Foreign Minister", "President", "Prime Minister", "Defence Minister"]


def _people(rng: random.Random, n: int) -> list[tuple[str, str, str, str]]:
    people = []
    for i in range(n):
        surname = SURNAMES[i % len(SURNAMES)] + ("" if i < len(SURNAMES) else _suffix(i))
        people.append((rng.choice(GIVEN), surname, rng.choice(ROLES), COUNTRIES[i % len(COUNTRIES)]))
    return people


def _suffix(i: int) -> str:
    letters = "bdgklmnprstvz"
    out = ""
    while i:
        i, r = divmod(i, len(letters))
        out += letters[r] + "a"
    return out


def _variant(rng: random.Random, given: str, surname: str) -> str:
    choice = rng.random()
    if choice < 0.45:
        return f"{given} {surname}"
    if choice < 0.7:
        return surname
    if choice < 0.85:
        return f"{given} {_respell(surname)}"
    return f"Minister {given[0]}. {surname}"


def _respell(surname: str) -> str:
    """A transliteration variant: a doubled consonant or an "i"/"y" swap."""
    if "i" in surname[1:]:
        return surname[0] + surname[1:].replace("i", "y", 1)
    for k in range(1, len(surname)):
        if surname[k] not in "aeiouy":
            return surname[: k + 1] + surname[k:]
    return surname


def make_records(n_records: int, seed: int = 7) -> list[Meeting]:
    """Synthetic meeting records, about one real meeting per five records."""
    rng = random.Random(seed)
    people = _people(rng, max(50, n_records // 200))
    participants: dict[tuple[int, str], Participant] = {}

    def participant(k: int, form: str) -> Participant:
        got = participants.get((k, form))
        if got is None:
            _, _, role, country = people[k]
            got = Participant.model_construct(name=form, aliases=[], role=role, country=country, country_code=None)
            participants[(k, form)] = got
        return got

    records: list[Meeting] = []
    start = date(2015, 1, 1)
    event = 0
    while len(records) < n_records:
        event += 1
        a, b = rng.sample(range(len(people)), 2)
        day = start + timedelta(days=rng.randrange(3000))
        city = rng.choice(CITIES)
        for r in range(min(rng.randint(1, 9), n_records - len(records))):
            article = f"a{event}_{r}"
            pa = participant(a, _variant(rng, people[a][0], people[a][1]))
            pb = participant(b, _variant(rng, people[b][0], people[b][1]))
            undated = rng.random() < 0.05
            text = f"{pa.name} met {pb.name}."
            records.append(
                Meeting.model_construct(
                    id=f"{article}_m",
                    participants=[pa, pb] if rng.random() < 0.5 else [pb, pa],
                    date=None if undated else day,
                    date_end=None,
                    date_text=None,
                    location=city if rng.random() < 0.8 else None,
                    location_country=None,
                    status="planned" if rng.random() < 0.2 else "occurred",
                    kind="in_person",
                    evidence=[Evidence.model_construct(article_id=article, text=text, start=0, end=len(text))],
                    sources=[article],
                    confidence=0.7,
                )
            )
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(f"{'records':>10} {'meetings':>10} {'seconds':>9} {'cpu s':>9} {'us/record':>10}")
    for size in args.sizes:
        records = make_records(size, args.seed)
        gc.collect()
        t0, c0 = time.perf_counter(), time.process_time()
        merged = dedupe_meetings(records)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(f"{size:>10} {len(merged):>10} {seconds:>9.2f} {cpu:>9.2f} {seconds / size * 1e6:>10.1f}", flush=True)
        del records, merged


if __name__ == "__main__":
    main()
