"""Tests for the country, organisation and city tables and their lookups."""

from __future__ import annotations

import csv
import re
from collections import Counter
from importlib import resources

import pytest

from diplomeet import gazetteer as gz

# --- lookups ---------------------------------------------------------------------------------

NAMES = [
    ("Russia", "Russia"),
    ("Russian Federation", "Russia"),
    ("the Russian Federation", "Russia"),
    ("United States", "United States"),
    ("the United States", "United States"),
    ("U.S.", "United States"),
    ("the U.S.", "United States"),
    ("US", "United States"),
    ("USA", "United States"),
    ("U.S.A.", "United States"),
    ("United States of America", "United States"),
    ("America", "United States"),
    ("UK", "United Kingdom"),
    ("Britain", "United Kingdom"),
    ("Great Britain", "United Kingdom"),
    ("Türkiye", "Turkey"),
    ("Turkiye", "Turkey"),
    ("Turkey's", "Turkey"),
    ("Côte d'Ivoire", "Ivory Coast"),
    ("Cote d'Ivoire", "Ivory Coast"),
    ("Côte d’Ivoire", "Ivory Coast"),
    ("Azerbaijan's", "Azerbaijan"),
    ("Azerbaijan’s", "Azerbaijan"),
    ("AZERBAIJAN", "Azerbaijan"),
    ("the Netherlands", "Netherlands"),
    ("Holland", "Netherlands"),
    ("the Philippines'", "Philippines"),
    ("Czechia", "Czech Republic"),
    ("Burma", "Myanmar"),
    ("Swaziland", "Eswatini"),
    ("Macedonia", "North Macedonia"),
    ("DPRK", "North Korea"),
    ("Republic of Korea", "South Korea"),
    ("Democratic Republic of the Congo", "DR Congo"),
    ("Congo-Brazzaville", "Republic of the Congo"),
    ("Guinea-Bissau", "Guinea-Bissau"),
    ("Guinea Bissau", "Guinea-Bissau"),
    ("Timor-Leste", "East Timor"),
    ("Holy See", "Vatican City"),
    ("State of Palestine", "Palestine"),
    ("Kosovo", "Kosovo"),
    ("Taiwan", "Taiwan"),
    ("Georgia", "Georgia"),
    ("São Tomé and Príncipe", "Sao Tome and Principe"),
    ("St. Kitts and Nevis", "Saint Kitts and Nevis"),
    ("UAE", "United Arab Emirates"),
    ("EU", "European Union"),
    ("E.U.", "European Union"),
    ("European Commission", "European Union"),
    ("the European Union", "European Union"),
    ("UN", "United Nations"),
    ("U.N.", "United Nations"),
    ("the United Nations", "United Nations"),
    ("OSCE", "OSCE"),
    ("Organization for Security and Co-operation in Europe", "OSCE"),
    ("OSCE Minsk Group", "OSCE Minsk Group"),
    ("the Minsk Group", "OSCE Minsk Group"),
    ("NATO", "NATO"),
    ("Nato", "NATO"),
    ("North Atlantic Treaty Organization", "NATO"),
    ("African Union", "African Union"),
    ("ASEAN", "ASEAN"),
    ("League of Arab States", "Arab League"),
    ("GCC", "Gulf Cooperation Council"),
    ("International Atomic Energy Agency", "IAEA"),
    ("WHO", "WHO"),
    ("IMF", "IMF"),
    ("World Bank", "World Bank"),
    ("Organization of Islamic Cooperation", "Organisation of Islamic Cooperation"),
    ("CIS", "Commonwealth of Independent States"),
    ("SCO", "Shanghai Cooperation Organisation"),
    ("Council of Europe", "Council of Europe"),
]


@pytest.mark.parametrize(("text", "expected"), NAMES)
def test_country_by_name(text: str, expected: str) -> None:
    found = gz.country_by_name(text)
    assert found is not None, text
    assert found.name == expected


DEMONYMS = [
    ("Russian", "Russia"),
    ("Russians", "Russia"),
    ("the Russian", "Russia"),
    ("Azerbaijani", "Azerbaijan"),
    ("Azeri", "Azerbaijan"),
    ("Azerbaijanis", "Azerbaijan"),
    ("Armenian", "Armenia"),
    ("American", "United States"),
    ("Americans", "United States"),
    ("U.S.", "United States"),
    ("British", "United Kingdom"),
    ("Chinese", "China"),
    ("EU", "European Union"),
    ("U.N.", "United Nations"),
    ("NATO", "NATO"),
    ("Emirati", "United Arab Emirates"),
    ("Saudi", "Saudi Arabia"),
    ("Israeli", "Israel"),
    ("Palestinian", "Palestine"),
    ("Kazakh", "Kazakhstan"),
    ("Kazakhstani", "Kazakhstan"),
    ("Kyrgyz", "Kyrgyzstan"),
    ("Tajik", "Tajikistan"),
    ("Uzbek", "Uzbekistan"),
    ("Turkmen", "Turkmenistan"),
    ("Filipino", "Philippines"),
    ("Philippine", "Philippines"),
    ("Dutch", "Netherlands"),
    ("Swiss", "Switzerland"),
    ("Belarusian", "Belarus"),
    ("Ukrainian", "Ukraine"),
    ("Georgian", "Georgia"),
    ("Iranian", "Iran"),
    ("Turkish", "Turkey"),
    ("Japanese", "Japan"),
    ("South Korean", "South Korea"),
    ("North Korean", "North Korea"),
    ("Qatari", "Qatar"),
    ("Bahraini", "Bahrain"),
    ("Omani", "Oman"),
    ("Yemeni", "Yemen"),
    ("Sudanese", "Sudan"),
    ("South Sudanese", "South Sudan"),
    ("Congolese", "DR Congo"),
    ("Ivorian", "Ivory Coast"),
    ("Malagasy", "Madagascar"),
    ("Nigerien", "Niger"),
    ("Nigerian", "Nigeria"),
    ("Bissau-Guinean", "Guinea-Bissau"),
    ("Burkinabè", "Burkina Faso"),
    ("Taiwanese", "Taiwan"),
    ("Kosovar", "Kosovo"),
    ("RUSSIAN", "Russia"),
]


@pytest.mark.parametrize(("text", "expected"), DEMONYMS)
def test_country_by_demonym(text: str, expected: str) -> None:
    found = gz.country_by_demonym(text)
    assert found is not None, text
    assert found.name == expected


CITIES = [
    ("Kyiv", "Kyiv", "Ukraine"),
    ("Kiev", "Kyiv", "Ukraine"),
    ("St. Petersburg", "St. Petersburg", "Russia"),
    ("St Petersburg", "St. Petersburg", "Russia"),
    ("Saint Petersburg", "St. Petersburg", "Russia"),
    ("Washington", "Washington", "United States"),
    ("Washington, D.C.", "Washington", "United States"),
    ("Washington DC", "Washington", "United States"),
    ("Baku", "Baku", "Azerbaijan"),
    ("Bakı", "Baku", "Azerbaijan"),
    ("Moscow", "Moscow", "Russia"),
    ("Vienna", "Vienna", "Austria"),
    ("Geneva", "Geneva", "Switzerland"),
    ("Genève", "Geneva", "Switzerland"),
    ("New York", "New York", "United States"),
    ("The Hague", "The Hague", "Netherlands"),
    ("Sharm El Sheikh", "Sharm el-Sheikh", "Egypt"),
    ("Astana", "Astana", "Kazakhstan"),
    ("Nur-Sultan", "Astana", "Kazakhstan"),
    ("Xi'an", "Xi'an", "China"),
    ("Ulan Bator", "Ulaanbaatar", "Mongolia"),
    ("Mumbai", "Mumbai", "India"),
    ("New Delhi", "New Delhi", "India"),
    ("Delhi", "Delhi", "India"),
    ("Chișinău", "Chisinau", "Moldova"),
    ("Camp David", "Camp David", "United States"),
    ("Yerevan", "Yerevan", "Armenia"),
    ("Tbilisi", "Tbilisi", "Georgia"),
    ("Shusha", "Shusha", "Azerbaijan"),
    ("Ramallah", "Ramallah", "Palestine"),
    ("Marrakech", "Marrakesh", "Morocco"),
    ("Rio de Janeiro", "Rio de Janeiro", "Brazil"),
    ("Nice", "Nice", "France"),
    ("OSH", "Osh", "Kyrgyzstan"),
]


@pytest.mark.parametrize(("text", "expected", "country"), CITIES)
def test_city_by_name(text: str, expected: str, country: str) -> None:
    found = gz.city_by_name(text)
    assert found is not None, text
    assert (found.name, found.country) == (expected, country)


UNKNOWN = [
    "",
    "   ",
    "the",
    "Atlantis",
    "the Kremlin",
    "Sergey Lavrov",
    "Foreign Minister",
    "European",
    "Korean",
    "us",
    "un",
    "who",
    "Who",
    "Us",
    "turkey",
    "china",
    "chad",
    "russian",
]


@pytest.mark.parametrize("text", UNKNOWN)
def test_unknown_names_give_none(text: str) -> None:
    assert gz.country_of(text) is None
    assert gz.city_by_name(text) is None


@pytest.mark.parametrize("text", ["nice", "male", "bled", "victoria", "moscow"])
def test_lower_case_words_are_not_cities(text: str) -> None:
    assert gz.city_by_name(text) is None
    assert gz.city_by_name(text.title()) is not None


def test_country_of_tries_names_then_demonyms() -> None:
    assert gz.country_of("Azerbaijan").name == "Azerbaijan"
    assert gz.country_of("Azerbaijani").name == "Azerbaijan"
    assert gz.country_of("Moscow") is None  # a capital does not stand for its state here
    assert gz.country_of("Washington") is None


def test_names_and_demonyms_are_kept_apart() -> None:
    assert gz.country_by_name("Russian") is None
    assert gz.country_by_demonym("Russia") is None


def test_country_record_fields() -> None:
    russia = gz.country_by_name("Russia")
    assert russia == gz.Country(
        name="Russia",
        code="RUS",
        kind="state",
        demonyms=("Russian",),
        aliases=("Russian Federation",),
        capital="Moscow",
    )
    eu = gz.country_by_name("EU")
    assert (eu.code, eu.kind, eu.capital) == ("EUR", "igo", "Brussels")
    assert gz.country_by_name("United Nations").code == "UNO"
    assert gz.country_by_name("NATO").code == "NAT"
    with pytest.raises(AttributeError):
        russia.name = "Russian Federation"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("code", "expected"),
    [("RUS", "Russia"), ("aze", "Azerbaijan"), ("EUR", "European Union"), ("SCE", "OSCE"), ("IGO", None)],
)
def test_country_by_code(code: str, expected: str | None) -> None:
    found = gz.country_by_code(code)
    assert (found.name if found else None) == expected


def test_membership_helpers() -> None:
    assert gz.is_country_name("the U.S.")
    assert not gz.is_country_name("American")
    assert gz.is_city_name("Kiev")
    assert not gz.is_city_name("Russia")
    assert gz.lookup_key("the U.S.") in gz.all_country_names()
    assert gz.lookup_key("Azeri") in gz.all_demonyms()
    assert gz.lookup_key("Azeri") not in gz.all_country_names()
    assert isinstance(gz.all_country_names(), frozenset)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("the U.S.", "US"),
        ("U.S.'s", "US"),
        ("Azerbaijan’s", "azerbaijan"),
        ("Türkiye", "turkiye"),
        ("St. Petersburg", "st petersburg"),
        ("Washington, D.C.", "washington dc"),
        ("Guinea-Bissau", "guinea bissau"),
        ("  The   Hague ", "hague"),
        ("WHO", "WHO"),
        ("NATO", "nato"),
        ("Baku", "baku"),
    ],
)
def test_lookup_key(text: str, key: str) -> None:
    assert gz.lookup_key(text) == key


@pytest.mark.parametrize("bad", [None, 3, b"Russia", ["Russia"]])
def test_non_text_input_is_a_type_error(bad: object) -> None:
    with pytest.raises(TypeError):
        gz.country_by_name(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        gz.city_by_name(bad)  # type: ignore[arg-type]


# --- table integrity -------------------------------------------------------------------------


def _rows(filename: str) -> list[dict[str, str]]:
    path = resources.files("diplomeet") / "data" / filename
    with path.open("r", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


COUNTRY_ROWS = _rows("countries.tsv")
CITY_ROWS = _rows("cities.tsv")


def test_tables_cover_the_world() -> None:
    states = [row for row in COUNTRY_ROWS if row["kind"] == "state"]
    # 193 UN members, 2 observers (Holy See, Palestine), Taiwan and Kosovo
    assert len(states) == 197
    assert sum(row["kind"] == "igo" for row in COUNTRY_ROWS) >= 20
    assert len(CITY_ROWS) >= 400


def test_every_row_has_a_valid_code_and_kind() -> None:
    for row in COUNTRY_ROWS:
        assert re.fullmatch(r"[A-Z]{3}", row["code"]), row
        assert row["kind"] in {"state", "igo"}, row
        assert row["name"] == row["name"].strip() and row["name"], row


def test_state_codes_are_unique() -> None:
    codes = Counter(row["code"] for row in COUNTRY_ROWS if row["kind"] == "state")
    assert [code for code, n in codes.items() if n > 1] == []


def test_no_key_names_two_countries() -> None:
    seen: dict[tuple[str, str], str] = {}
    for row in COUNTRY_ROWS:
        surfaces = [("name", s) for s in [row["name"], *row["aliases"].split("|")] if s]
        surfaces += [("demonym", s) for s in row["demonyms"].split("|") if s]
        for kind, surface in surfaces:
            key = (kind, gz.lookup_key(surface))
            assert seen.setdefault(key, row["name"]) == row["name"], (surface, seen[key], row["name"])
    # a name of one country is never a demonym of another
    names = {k: v for (kind, k), v in seen.items() if kind == "name"}
    for (kind, key), owner in seen.items():
        if kind == "demonym" and key in names:
            assert names[key] == owner, key


def test_no_key_names_two_cities() -> None:
    seen: dict[str, str] = {}
    for row in CITY_ROWS:
        for surface in [row["name"], *row["aliases"].split("|")]:
            if surface:
                key = gz.lookup_key(surface)
                assert seen.setdefault(key, row["name"]) == row["name"], (surface, seen[key])


def test_every_city_country_exists() -> None:
    countries = {row["name"] for row in COUNTRY_ROWS}
    assert [row for row in CITY_ROWS if row["country"] not in countries] == []


def test_every_capital_is_a_city_of_that_country() -> None:
    cities = {row["name"]: row["country"] for row in CITY_ROWS}
    for row in COUNTRY_ROWS:
        if row["kind"] == "state":
            assert cities.get(row["capital"]) == row["name"], row
        elif row["capital"]:
            assert row["capital"] in cities, row


def test_loaded_tables_match_files() -> None:
    assert len(gz.all_countries()) == len(COUNTRY_ROWS)
    assert len(gz.all_cities()) == len(CITY_ROWS)
    assert {c.name for c in gz.all_countries()} == {row["name"] for row in COUNTRY_ROWS}


def test_no_possessives_or_stray_spaces_in_tables() -> None:
    for row in COUNTRY_ROWS + CITY_ROWS:
        for value in row.values():
            assert all(part and part == part.strip() for part in value.split("|")) or not value, row
    for row in COUNTRY_ROWS:  # possessives are handled by the lookup, not listed
        for part in [row["name"], *row["demonyms"].split("|"), *row["aliases"].split("|")]:
            assert not part.endswith(("'s", "’s")), row


def test_tables_are_not_read_at_import() -> None:
    import importlib
    import sys

    sys.modules.pop("diplomeet.gazetteer", None)
    fresh = importlib.import_module("diplomeet.gazetteer")
    assert fresh._countries.cache_info().currsize == 0
    assert fresh.country_by_name("Russia") is not None
    assert fresh._countries.cache_info().currsize == 1
