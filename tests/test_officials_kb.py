"""Tests for the office-holder table and its loader."""

from __future__ import annotations

import csv
import re
from datetime import date, datetime
from importlib import resources
from itertools import pairwise

import pytest

from diplomeet import officials_kb as kb
from diplomeet.errors import DiplomeetError, InvalidInputError

D = date

# (query, on, allow_surname, expected {(name, role, country)})
LOOKUP_CASES = [
    # full names and spelling variants
    ("Sergey Lavrov", D(2017, 11, 20), False, {("Sergey Lavrov", "Foreign Minister", "Russia")}),
    ("Sergei Lavrov", D(2017, 11, 20), False, {("Sergey Lavrov", "Foreign Minister", "Russia")}),
    ("SERGEI LAVROV", None, False, {("Sergey Lavrov", "Foreign Minister", "Russia")}),
    ("Sergei Viktorovich Lavrov", D(2010, 1, 1), False, {("Sergey Lavrov", "Foreign Minister", "Russia")}),
    ("Elmar Mamedyarov", D(2017, 11, 20), False, {("Elmar Mammadyarov", "Foreign Minister", "Azerbaijan")}),
    ("Elmar Məmmədyarov", D(2012, 1, 1), False, {("Elmar Mammadyarov", "Foreign Minister", "Azerbaijan")}),
    ("Jeyhun Bayramov", D(2021, 6, 1), False, {("Jeyhun Bayramov", "Foreign Minister", "Azerbaijan")}),
    ("Ararat Mirzoyan", D(2022, 10, 6), False, {("Ararat Mirzoyan", "Foreign Minister", "Armenia")}),
    ("Zohrab Mnatsakanyan", D(2019, 1, 16), False, {("Zohrab Mnatsakanyan", "Foreign Minister", "Armenia")}),
    ("Eduard Nalbandyan", D(2016, 1, 1), False, {("Edward Nalbandian", "Foreign Minister", "Armenia")}),
    ("Antony J. Blinken", D(2023, 1, 1), False, {("Antony Blinken", "Secretary of State", "United States")}),
    ("Tony Blinken", D(2023, 1, 1), False, {("Antony Blinken", "Secretary of State", "United States")}),
    ("Mevlüt Çavuşoğlu", D(2018, 1, 1), False, {("Mevlut Cavusoglu", "Foreign Minister", "Turkey")}),
    ("Volodymyr Zelenskyy", D(2023, 1, 1), False, {("Volodymyr Zelensky", "President", "Ukraine")}),
    ("Vladimir Zelensky", D(2023, 1, 1), False, {("Volodymyr Zelensky", "President", "Ukraine")}),
    ("Hossein Amirabdollahian", D(2022, 1, 1), False, {("Hossein Amir-Abdollahian", "Foreign Minister", "Iran")}),
    ("Wang Yi", D(2016, 1, 1), False, {("Wang Yi", "Foreign Minister", "China")}),
    ("Kim Jong Un", D(2019, 1, 1), False, {("Kim Jong-un", "Supreme Leader", "North Korea")}),
    # date filtering
    ("Vladimir Putin", D(2010, 1, 1), False, {("Vladimir Putin", "Prime Minister", "Russia")}),
    ("Vladimir Putin", D(2017, 11, 1), False, {("Vladimir Putin", "President", "Russia")}),
    ("Dmitry Medvedev", D(2009, 6, 1), False, {("Dmitry Medvedev", "President", "Russia")}),
    ("Dmitri Medvedev", D(2015, 6, 1), False, {("Dmitry Medvedev", "Prime Minister", "Russia")}),
    ("Heydar Aliyev", D(2000, 1, 1), False, {("Heydar Aliyev", "President", "Azerbaijan")}),
    ("Ilham Aliyev", D(2017, 11, 20), False, {("Ilham Aliyev", "President", "Azerbaijan")}),
    ("Heydar Aliyev", D(2010, 1, 1), False, set()),
    ("George W. Bush", None, False, {("George W. Bush", "President", "United States")}),
    ("George H. W. Bush", D(1991, 1, 1), False, {("George H. W. Bush", "President", "United States")}),
    ("George Bush", D(1991, 1, 1), False, {("George H. W. Bush", "President", "United States")}),
    ("George Bush", D(2005, 1, 1), False, {("George W. Bush", "President", "United States")}),
    ("Nikol Pashinyan", D(2015, 1, 1), False, set()),
    # surnames alone
    ("Lavrov", D(2017, 11, 20), False, set()),
    ("Lavrov", D(2017, 11, 20), True, {("Sergey Lavrov", "Foreign Minister", "Russia")}),
    ("Aliyev", D(2001, 5, 1), True, {("Heydar Aliyev", "President", "Azerbaijan")}),
    ("Aliyev", D(2015, 5, 1), True, {("Ilham Aliyev", "President", "Azerbaijan")}),
    ("Li", D(2015, 1, 1), True, {("Li Keqiang", "Prime Minister", "China")}),
    ("Li", D(2024, 1, 1), True, {("Li Qiang", "Prime Minister", "China")}),
    ("Xi", D(2020, 1, 1), True, {("Xi Jinping", "President", "China")}),
    ("Zelenskyy", D(2023, 1, 1), True, {("Volodymyr Zelensky", "President", "Ukraine")}),
    ("von der Leyen", D(2021, 1, 1), True, {("Ursula von der Leyen", "President of the European Commission", "European Union")}),
    ("Sisi", D(2020, 1, 1), True, {("Abdel Fattah el-Sisi", "President", "Egypt")}),
    # a surname matches only when one person with it is in office that day
    ("Bush", D(2005, 1, 1), True, {("George W. Bush", "President", "United States")}),
    ("Clinton", D(2010, 1, 1), True, {("Hillary Clinton", "Secretary of State", "United States")}),
    ("Clinton", None, True, set()),
    ("Rasmussen", D(2010, 1, 1), True, set()),  # NATO's and Denmark's
    # Central Asia, the Caucasus, Eastern Europe and the Balkans
    ("Mukhtar Tleuberdi", D(2021, 3, 1), False, {("Mukhtar Tileuberdi", "Foreign Minister", "Kazakhstan")}),
    ("Erzhan Kazykhanov", D(2012, 1, 1), False, {("Yerzhan Kazykhanov", "Foreign Minister", "Kazakhstan")}),
    ("Vladimir Norov", D(2020, 6, 1), False, {("Vladimir Norov", "Secretary-General", "Shanghai Cooperation Organisation")}),
    ("Vladimir Norov", D(2022, 7, 1), False, {("Vladimir Norov", "Foreign Minister", "Uzbekistan")}),
    ("Ilia Darchiashvili", D(2023, 5, 1), False, {("Ilia Darchiashvili", "Foreign Minister", "Georgia")}),
    ("Maksim Ryzhenkov", D(2025, 1, 1), False, {("Maxim Ryzhenkov", "Foreign Minister", "Belarus")}),
    ("Ivica Dačić", D(2023, 12, 1), False, {("Ivica Dacic", "Foreign Minister", "Serbia")}),
    ("Gordan Grlić Radman", D(2020, 1, 1), False, {("Gordan Grlic Radman", "Foreign Minister", "Croatia")}),
    # South and South-East Asia, Africa, the Pacific
    ("Bùi Thanh Sơn", D(2022, 1, 1), False, {("Bui Thanh Son", "Foreign Minister", "Vietnam")}),
    ("Teddy Locsin", D(2020, 1, 1), False, {("Teodoro Locsin Jr.", "Foreign Minister", "Philippines")}),
    ("A.K. Abdul Momen", D(2020, 1, 1), False, {("A. K. Abdul Momen", "Foreign Minister", "Bangladesh")}),
    ("Tedros Adhanom", D(2015, 1, 1), False, {("Tedros Adhanom Ghebreyesus", "Foreign Minister", "Ethiopia")}),
    ("Tedros Adhanom", D(2020, 1, 1), False, {("Tedros Adhanom Ghebreyesus", "Director-General", "WHO")}),
    ("Vincent Biruta", D(2022, 1, 1), False, {("Vincent Biruta", "Foreign Minister", "Rwanda")}),
    ("Winston Peters", D(2019, 1, 1), False, {("Winston Peters", "Foreign Minister", "New Zealand")}),
    # organisations and the Minsk Group
    ("Christine Lagarde", D(2015, 1, 1), False, {("Christine Lagarde", "Managing Director", "IMF")}),
    ("Stéphane Visconti", D(2020, 12, 14), False, {("Stephane Visconti", "Co-Chair", "OSCE Minsk Group")}),
    ("Grossi", D(2023, 3, 4), True, {("Rafael Grossi", "Director-General", "IAEA")}),
    # unknown names
    ("John Smith", None, False, set()),
    ("Nobody", D(2020, 1, 1), True, set()),
    ("", None, False, set()),
]


def _as_set(found: list[kb.Office]) -> set[tuple[str, str, str]]:
    return {(o.name, o.role, o.country) for o in found}


@pytest.mark.parametrize(("query", "on", "allow_surname", "expected"), LOOKUP_CASES)
def test_lookup(query, on, allow_surname, expected):
    assert _as_set(kb.lookup(query, on, allow_surname=allow_surname)) == expected


def test_lookup_without_date_returns_every_office_in_order():
    found = kb.lookup("Vladimir Putin")
    assert [o.role for o in found] == ["Prime Minister", "President", "Prime Minister", "President"]
    assert [o.start for o in found] == sorted(o.start for o in found)
    assert found[-1].end is None


def test_lookup_accepts_datetime():
    assert _as_set(kb.lookup("Wang Yi", datetime(2024, 3, 7, 10, 30))) == {("Wang Yi", "Foreign Minister", "China")}


def test_grace_period_at_both_ends_of_a_term():
    # Jeyhun Bayramov took over on 16 July 2020: both ministers match within the grace
    assert _as_set(kb.lookup("Jeyhun Bayramov", D(2020, 7, 1)))
    assert _as_set(kb.lookup("Elmar Mammadyarov", D(2020, 8, 1)))
    assert not kb.lookup("Elmar Mammadyarov", D(2020, 10, 1))
    assert not kb.lookup("Jeyhun Bayramov", D(2020, 5, 1))


# (role, country, on, expected names)
HOLDER_CASES = [
    ("President", "Russia", D(2017, 11, 1), {"Vladimir Putin"}),
    ("President", "Russia", D(2010, 1, 1), {"Dmitry Medvedev"}),
    ("Foreign Minister", "Russia", D(2017, 11, 20), {"Sergey Lavrov"}),
    ("Foreign Minister", "Azerbaijan", D(2017, 11, 20), {"Elmar Mammadyarov"}),
    ("Foreign Minister", "Azerbaijan", D(2022, 1, 1), {"Jeyhun Bayramov"}),
    ("Foreign Minister", "Armenia", D(2019, 6, 1), {"Zohrab Mnatsakanyan"}),
    ("Foreign Minister", "Armenia", D(2023, 6, 1), {"Ararat Mirzoyan"}),
    ("Prime Minister", "Armenia", D(2020, 1, 1), {"Nikol Pashinyan"}),
    ("President", "Armenia", D(2012, 1, 1), {"Serzh Sargsyan"}),
    ("President", "Azerbaijan", D(2001, 1, 1), {"Heydar Aliyev"}),
    ("Premier", "China", D(2015, 1, 1), {"Li Keqiang"}),
    ("Prime Minister", "China", D(2024, 1, 1), {"Li Qiang"}),
    ("Secretary of State", "United States", D(2019, 1, 1), {"Mike Pompeo"}),
    ("President", "USA", D(2018, 1, 1), {"Donald Trump"}),
    ("Secretary-General", "United Nations", D(2010, 1, 1), {"Ban Ki-moon"}),
    ("secretary general", "NATO", D(2016, 1, 1), {"Jens Stoltenberg"}),
    ("High Representative", "European Union", D(2016, 1, 1), {"Federica Mogherini"}),
    ("Foreign Secretary", "United Kingdom", D(2017, 1, 1), {"Boris Johnson"}),
    ("Chancellor", "Germany", D(2010, 1, 1), {"Angela Merkel"}),
    ("Foreign Minister", "Turkey", D(2018, 1, 1), {"Mevlut Cavusoglu"}),
    ("Supreme Leader", "Iran", D(2015, 1, 1), {"Ali Khamenei"}),
    ("Foreign Minister", "Kyrgyzstan", D(2019, 1, 1), {"Chingiz Aidarbekov"}),
    ("Foreign Minister", "Colombia", D(2015, 1, 1), {"Maria Angela Holguin"}),
    ("Foreign Minister", "Kuwait", D(2015, 1, 1), {"Sabah Al-Khalid Al-Hamad Al-Sabah"}),
    ("Governor-General", "Australia", D(2016, 1, 1), {"Peter Cosgrove"}),
    ("Secretary-General", "ASEAN", D(2015, 1, 1), {"Le Luong Minh"}),
    ("director general", "World Health Organization", D(2020, 1, 1), {"Tedros Adhanom Ghebreyesus"}),
    ("Managing Director", "International Monetary Fund", D(2021, 1, 1), {"Kristalina Georgieva"}),
    ("Co-Chair", "Minsk Group", D(2019, 9, 26), {"Igor Popov", "Stephane Visconti", "Andrew Schofer"}),
    ("King", "Mars", D(2015, 1, 1), set()),
]


@pytest.mark.parametrize(("role", "country", "on", "expected"), HOLDER_CASES)
def test_holder(role, country, on, expected):
    assert {o.name for o in kb.holder(role, country, on)} == expected


def test_holder_at_a_change_of_office_returns_both():
    names = {o.name for o in kb.holder("President", "Azerbaijan", D(2003, 11, 10))}
    assert names == {"Heydar Aliyev", "Ilham Aliyev"}


def test_holder_without_date_lists_all_terms_in_order():
    found = kb.holder("President", "United States", None)
    assert [o.start for o in found] == sorted(o.start for o in found)
    assert {"Bill Clinton", "Barack Obama", "Joe Biden"} <= {o.name for o in found}


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: kb.lookup(None), TypeError),
        (lambda: kb.lookup("Wang Yi", "2020-01-01"), TypeError),
        (lambda: kb.holder("", "Russia", None), InvalidInputError),
        (lambda: kb.holder("President", "  ", None), InvalidInputError),
        (lambda: kb.holder("President", 7, None), TypeError),
    ],
)
def test_bad_input_raises(call, error):
    with pytest.raises(error):
        call()


def test_fold_tokens_is_transliteration_tolerant():
    assert kb.fold_tokens("Sergei") == kb.fold_tokens("Sergey")
    assert kb.fold_tokens("Zelenskyy") == kb.fold_tokens("Zelensky")
    assert kb.fold_tokens("Mevlüt Çavuşoğlu") == kb.fold_tokens("Mevlut Cavusoglu")
    assert kb.fold_tokens("Kim Jong-un") == kb.fold_tokens("kim jong un")
    assert kb.fold_tokens("Lavrov") != kb.fold_tokens("Lavrova")


def test_table_is_loaded_lazily_once():
    kb._index.cache_clear()
    assert kb._index.cache_info().currsize == 0
    kb.lookup("Wang Yi")
    kb.lookup("Antony Blinken")
    info = kb._index.cache_info()
    assert (info.currsize, info.misses) == (1, 1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name\taliases\trole\tcountry\tstart\tend\nA B\t\tPresident\tX\t2020-13-01\t\n", "not a valid date"),
        ("name\taliases\trole\tcountry\tstart\tend\nA B\t\tPresident\tX\t2020-01-01\t2019\n", "before start"),
        ("name\taliases\trole\tcountry\tstart\tend\nA B\t\tPresident\tX\n", "expected 6 columns"),
        ("name\trole\nA B\tPresident\n", "header"),
        ("name\taliases\trole\tcountry\tstart\tend\nA B\t\t\tX\t2020\t\n", "required"),
    ],
)
def test_read_table_rejects_malformed_rows(text, message):
    with pytest.raises(DiplomeetError, match=message):
        kb.read_table(text.splitlines(keepends=True))


def test_read_table_widens_partial_dates():
    text = "name\taliases\trole\tcountry\tstart\tend\nA B\tA. B.\tPresident\tX\t2012-02\t2020\n"
    (office,) = kb.read_table(text.splitlines(keepends=True))
    assert (office.start, office.end, office.aliases) == (D(2012, 2, 1), D(2020, 12, 31), ("A. B.",))


# ------------------------------------------------------------ table integrity

_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _raw_rows() -> list[dict[str, str]]:
    path = resources.files("diplomeet") / "data" / "officials.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_table_dates_are_iso_and_ordered():
    rows = _raw_rows()
    assert len(rows) >= 300
    for row in rows:
        assert _ISO.match(row["start"]), row
        assert row["end"] == "" or _ISO.match(row["end"]), row
    for office in kb.offices():
        assert office.end is None or office.start <= office.end, office


def test_table_has_no_duplicate_rows_or_self_aliases():
    seen = set()
    for row in _raw_rows():
        key = (row["name"], row["role"], row["country"], row["start"])
        assert key not in seen, key
        seen.add(key)
        aliases = row["aliases"].split("|") if row["aliases"] else []
        assert row["name"] not in aliases, row
        assert len(aliases) == len(set(aliases)), row
        assert all(a.strip() == a and a for a in aliases), row


def test_aliases_are_not_bare_surnames():
    index = kb._index()
    for person in index.people:
        surname = kb._surname_key(kb._core(kb.fold_tokens(person.name)), person.family_first)
        for office in person.offices:
            for alias in office.aliases:
                tokens = kb.fold_tokens(alias)
                assert not (len(tokens) == 1 and tokens[0] == surname), (person.name, alias)


def test_terms_of_one_office_do_not_overlap_much():
    # two people may share a few days at a handover, but not whole months;
    # offices held by several people at once (the three Minsk Group co-chairs) are left out
    shared = {"Special Envoy", "Deputy Secretary-General", "Vice President", "State Councillor", "Co-Chair"}
    by_office: dict[tuple[str, str], list[kb.Office]] = {}
    for office in kb.offices():
        if office.role not in shared:
            by_office.setdefault((office.role, office.country), []).append(office)
    far_future = date(2100, 1, 1)
    for terms in by_office.values():
        terms.sort(key=lambda o: o.start)
        for before, after in pairwise(terms):
            overlap = ((before.end or far_future) - after.start).days
            assert overlap <= 31, (before, after)


def test_countries_exist_in_country_table():
    path = resources.files("diplomeet") / "data" / "countries.tsv"
    if not path.is_file():
        pytest.skip("diplomeet/data/countries.tsv is not there yet")
    with path.open(encoding="utf-8", newline="") as handle:
        names = {row["name"] for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)}
    missing = {o.country for o in kb.offices()} - names
    assert not missing


def test_seed_era_people_are_covered():
    for name in [
        "Vladimir Putin", "Dmitry Medvedev", "Sergey Lavrov", "Ilham Aliyev", "Heydar Aliyev",
        "Elmar Mammadyarov", "Jeyhun Bayramov", "Serzh Sargsyan", "Armen Sarkissian",
        "Vahagn Khachaturyan", "Nikol Pashinyan", "Edward Nalbandian", "Zohrab Mnatsakanyan",
        "Ara Aivazian", "Ararat Mirzoyan", "Antony Blinken",
    ]:
        assert kb.lookup(name), name
