"""The packaged word lists (roles, meeting cues, venues), loaded once on first use."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any


def _data_path(name: str):
    return resources.files("diplomeet") / "data" / name


@lru_cache(maxsize=None)
def load_json(name: str) -> dict[str, Any]:
    """A JSON data file from ``diplomeet/data``."""
    with _data_path(name).open(encoding="utf-8") as handle:
        return json.load(handle)


@lru_cache(maxsize=None)
def load_tsv(name: str) -> tuple[dict[str, str], ...]:
    """The rows of a TSV data file from ``diplomeet/data`` (header line = keys)."""
    with _data_path(name).open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle, delimiter="\t"))


@dataclass(frozen=True)
class RoleTable:
    """Office titles: surface form (lower case) -> canonical role."""

    by_surface: dict[str, str]
    plurals: dict[str, str]
    counterpart_words: frozenset[str]
    honorifics: frozenset[str]
    title_modifiers: frozenset[str]
    generic_person_words: frozenset[str]

    @property
    def max_words(self) -> int:
        return max(len(s.split()) for s in self.by_surface)


@lru_cache(maxsize=None)
def roles() -> RoleTable:
    """The role table from ``roles.json``."""
    data = load_json("roles.json")
    by_surface: dict[str, str] = {}
    for canonical, forms in data["roles"].items():
        by_surface[canonical.lower()] = canonical
        for form in forms:
            by_surface[form.lower()] = canonical
    return RoleTable(
        by_surface=by_surface,
        plurals=dict(data["plurals"]),
        counterpart_words=frozenset(data["counterpart_words"]),
        honorifics=frozenset(data["honorific_prefixes"]),
        title_modifiers=frozenset(data["title_modifiers"]),
        generic_person_words=frozenset(data["generic_person_words"]),
    )


@lru_cache(maxsize=None)
def cues() -> dict[str, Any]:
    """Meeting, status and kind cues from ``meeting_cues.json``."""
    return load_json("meeting_cues.json")


@lru_cache(maxsize=None)
def venues() -> dict[str, tuple[str, str]]:
    """Venue (lower case) -> (city, country): "white house" -> ("Washington", "United States")."""
    return {row["venue"].lower(): (row["city"], row["country"]) for row in load_tsv("venues.tsv")}


@lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    """A word list from ``grammar.json`` ("say_verbs", "determiners", ...), as a frozen set."""
    return frozenset(load_json("grammar.json")[name])


def number_word(word: str) -> int | None:
    """2 for "two" or "both", ... (``grammar.json``); None for other words."""
    return load_json("grammar.json")["number_words"].get(word)
