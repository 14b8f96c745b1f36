"""Countries, international organisations and cities: the reference tables and their lookups.

The tables live in ``diplomeet/data/countries.tsv`` and ``diplomeet/data/cities.tsv`` and are read
once, on first use. Every lookup goes through :func:`lookup_key`, which makes "the U.S.", "US",
"Türkiye", "Turkiye" and "Azerbaijan's" meet the same entries.

Two rules keep ordinary words from passing for places:

- a name written in lower case only ("turkey", "china", "nice", "chad") matches nothing, since
  news text capitalises proper names;
- acronyms of two or three letters ("US", "UN", "WHO", "AU") match only in capitals, so "us",
  "un" and "who" stay ordinary words. Longer ones match as "NATO" or "Nato".
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

from anyascii import anyascii

__all__ = [
    "City",
    "Country",
    "all_cities",
    "all_countries",
    "all_country_names",
    "all_demonyms",
    "city_by_name",
    "country_by_code",
    "country_by_demonym",
    "country_by_name",
    "country_of",
    "is_city_name",
    "is_country_name",
    "lookup_key",
]

_COUNTRY_COLUMNS = ("name", "code", "kind", "demonyms", "aliases", "capital")
_CITY_COLUMNS = ("name", "country", "aliases")
_GENERIC_IGO_CODE = "IGO"

_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|(?<=s)')$", re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015,/]+")
_EDGE_PUNCT = " \t\r\n\"'()[]{}<>,;:!?"
_CODE = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class Country:
    """A state or an international organisation taking part in diplomacy.

    Attributes:
        name: English short name as used in news ("Russia", "European Union").
        code: ISO 3166-1 alpha-3 code for a state; a CAMEO organisation code
            ("EUR", "UNO", "NAT") for an organisation, or "IGO" when it has none.
        kind: "state" or "igo".
        demonyms: Adjectives and nouns naming its people or officials ("Russian", "Azeri").
        aliases: Other names ("Russian Federation", "U.S.", "Türkiye").
        capital: Capital city (headquarters for an organisation), or None.
    """

    name: str
    code: str
    kind: Literal["state", "igo"]
    demonyms: tuple[str, ...]
    aliases: tuple[str, ...]
    capital: str | None


@dataclass(frozen=True)
class City:
    """A city (or a well-known meeting venue such as Camp David).

    Attributes:
        name: Common English spelling ("Kyiv", "St. Petersburg").
        country: The ``name`` of the country it lies in.
        aliases: Other spellings ("Kiev", "Saint Petersburg").
    """

    name: str
    country: str
    aliases: tuple[str, ...]


def lookup_key(text: str) -> str:
    """The normalised form under which names are stored and looked up.

    Transliterates to ASCII, drops a leading "the", a final possessive ("'s" or "s'") and dots,
    treats hyphens and commas as spaces, and case-folds, except that an acronym of two or three
    capital letters keeps its capitals ("U.S." -> "US", "WHO" -> "WHO").

    Args:
        text: A name, alias, demonym or city as written ("the U.S.", "Azerbaijan's").

    Returns:
        The key, possibly empty.

    Raises:
        TypeError: If ``text`` is not a string.
    """
    if not isinstance(text, str):
        raise TypeError(f"expected a str to look up, got {type(text).__name__}")
    s = anyascii(text).strip(_EDGE_PUNCT)
    s = _LEADING_THE.sub("", s)
    s = _POSSESSIVE.sub("", s).replace(".", "")
    s = _SEPARATORS.sub(" ", s).strip(_EDGE_PUNCT)
    if 2 <= len(s) <= 3 and s.isalpha() and s.isupper():
        return s
    return s.casefold()


@lru_cache(maxsize=1 << 16)
def _keys(text: str) -> tuple[str, ...]:
    """Keys to try for ``text``: its own, then (for capitals only) the case-folded one."""
    key = lookup_key(text)
    if not key or not any(ch.isupper() for ch in anyascii(text)):
        return ()
    return (key, key.casefold()) if key.isupper() else (key,)


def _split(field: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in field.split("|") if part.strip())


def _read_tsv(filename: str, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    path = resources.files("diplomeet") / "data" / filename
    with path.open("r", encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = tuple(next(reader, ()))
        if header != columns:
            raise ValueError(f"{filename}: header must be {columns}, found {header}")
        rows = []
        for line, row in enumerate(reader, start=2):
            if not row:
                continue
            if len(row) != len(columns):
                raise ValueError(f"{filename}:{line}: expected {len(columns)} columns, got {len(row)}")
            rows.append((line, dict(zip(columns, (cell.strip() for cell in row)))))
    return rows


def _add(index: dict[str, object], key: str, value: object, where: str) -> None:
    if not key:
        raise ValueError(f"{where}: a name is empty after normalisation")
    known = index.setdefault(key, value)
    if known is not value:
        raise ValueError(f"{where}: {key!r} already names {getattr(known, 'name', known)!r}")


@lru_cache(maxsize=1)
def _countries() -> tuple[tuple[Country, ...], dict[str, Country], dict[str, Country]]:
    countries: list[Country] = []
    names: dict[str, Country] = {}
    demonyms: dict[str, Country] = {}
    for line, row in _read_tsv("countries.tsv", _COUNTRY_COLUMNS):
        where = f"countries.tsv:{line}"
        if row["kind"] not in ("state", "igo"):
            raise ValueError(f"{where}: kind must be 'state' or 'igo', got {row['kind']!r}")
        if not _CODE.match(row["code"]):
            raise ValueError(f"{where}: code must be three capital letters, got {row['code']!r}")
        country = Country(
            name=row["name"],
            code=row["code"],
            kind=row["kind"],  # type: ignore[arg-type]
            demonyms=_split(row["demonyms"]),
            aliases=_split(row["aliases"]),
            capital=row["capital"] or None,
        )
        countries.append(country)
        for surface in (country.name, *country.aliases):
            _add(names, lookup_key(surface), country, where)  # type: ignore[arg-type]
        for surface in country.demonyms:
            _add(demonyms, lookup_key(surface), country, where)  # type: ignore[arg-type]
    return tuple(countries), names, demonyms


@lru_cache(maxsize=1)
def _cities() -> tuple[tuple[City, ...], dict[str, City]]:
    known_countries = {country.name for country in _countries()[0]}
    cities: list[City] = []
    index: dict[str, City] = {}
    for line, row in _read_tsv("cities.tsv", _CITY_COLUMNS):
        where = f"cities.tsv:{line}"
        if row["country"] not in known_countries:
            raise ValueError(f"{where}: unknown country {row['country']!r}")
        city = City(name=row["name"], country=row["country"], aliases=_split(row["aliases"]))
        cities.append(city)
        for surface in (city.name, *city.aliases):
            _add(index, lookup_key(surface), city, where)  # type: ignore[arg-type]
    return tuple(cities), index


@lru_cache(maxsize=1)
def _codes() -> dict[str, Country]:
    by_code: dict[str, Country] = {}
    for country in _countries()[0]:
        if country.code != _GENERIC_IGO_CODE:
            by_code.setdefault(country.code, country)
    return by_code


def _find(index: dict[str, Country] | dict[str, City], text: str) -> Country | City | None:
    for key in _keys(text):
        found = index.get(key)
        if found is not None:
            return found
    return None


def country_by_name(text: str) -> Country | None:
    """The state or organisation a name or alias refers to.

    Args:
        text: "Russia", "the United States", "U.S.", "Türkiye", "Azerbaijan's", "NATO".

    Returns:
        The country, or None when the text is not a known name.
    """
    return _find(_countries()[1], text)  # type: ignore[return-value]


def country_by_demonym(text: str) -> Country | None:
    """The state or organisation a demonym or adjective refers to.

    Args:
        text: "Russian", "Azeri", "American", "U.S.", "EU"; a plural noun ("Russians") also works.

    Returns:
        The country, or None when the text is not a known demonym.
    """
    index = _countries()[2]
    found = _find(index, text)
    if found is None:
        for key in _keys(text):
            if len(key) > 4 and key.endswith("s") and not key.isupper():
                found = index.get(key[:-1])
                if found is not None:
                    break
    return found  # type: ignore[return-value]


def country_of(text: str) -> Country | None:
    """The country a name, alias or demonym refers to (a capital standing for its state is not used).

    Args:
        text: "Russia", "Russian", "the Kremlin" (None: not a name or demonym).

    Returns:
        The country, or None.
    """
    return country_by_name(text) or country_by_demonym(text)


def country_by_code(code: str) -> Country | None:
    """The country with an ISO alpha-3 or organisation code ("RUS", "EUR"); None for "IGO"."""
    if not isinstance(code, str):
        raise TypeError(f"expected a str code, got {type(code).__name__}")
    return _codes().get(code.strip().upper())


def city_by_name(text: str) -> City | None:
    """The city a name or spelling refers to.

    Args:
        text: "Kyiv", "Kiev", "St Petersburg", "Washington, D.C.", "Sharm El Sheikh".

    Returns:
        The city, or None when it is not in the table.
    """
    return _find(_cities()[1], text)  # type: ignore[return-value]


def is_country_name(text: str) -> bool:
    """Whether ``text`` is a known name or alias of a state or organisation."""
    return country_by_name(text) is not None


def is_city_name(text: str) -> bool:
    """Whether ``text`` is a known city name or spelling."""
    return city_by_name(text) is not None


def all_countries() -> tuple[Country, ...]:
    """Every state and organisation, in table order."""
    return _countries()[0]


def all_cities() -> tuple[City, ...]:
    """Every city, in table order."""
    return _cities()[0]


def all_country_names() -> frozenset[str]:
    """Lookup keys (see :func:`lookup_key`) of every country name and alias."""
    return frozenset(_countries()[1])


def all_demonyms() -> frozenset[str]:
    """Lookup keys (see :func:`lookup_key`) of every demonym."""
    return frozenset(_countries()[2])
