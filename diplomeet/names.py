"""Person names: folding, tokens, identity across spellings, and a blocking key.

Names are compared token by token after transliteration (anyascii): the surname must
match (exactly or through a transliteration-robust skeleton) and the given names and
initials must not conflict. Whole-string fuzzy scores are not used, because they do
not tell "Li Keqiang" from "Li Qiang" or "George H. W. Bush" from "George W. Bush".

The word tables (titles, particles, nicknames, ...) live in ``data/honorifics.json``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from anyascii import anyascii
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

__all__ = ["fold", "name_tokens", "same_person", "person_key", "skeleton"]

_VOWELS = frozenset("aeiou")
_DROP_CHARS = re.compile(r"['`.\-]")
_OTHER_PUNCT = re.compile(r"[^0-9a-z\s]")
_SPACES = re.compile(r"\s+")
_EXCELLENCY = re.compile(r"(?<![A-Za-z])H\.\s*E\.?(?=\s|$)")
_SPLIT_PUNCT = re.compile(r"[^0-9A-Za-z\s'`.\-]")
_POSSESSIVE = re.compile(r"['`]s$", re.IGNORECASE)

# given names compared by fuzzy ratio need at least this score (0-100) to count as equal
GIVEN_NAME_CUTOFF = 88.0
# within one article, names this short are not matched through a one-letter edit
LENIENT_MIN_LENGTH = 4
LENIENT_MIN_SURNAME_LENGTH = 5


@dataclass(frozen=True)
class _Tables:
    titles: frozenset[str]
    connectors: frozenset[str]
    suffixes: frozenset[str]
    particles: frozenset[str]
    article_prefixes: frozenset[str]
    surname_first: frozenset[str]
    nicknames: dict[str, frozenset[str]]


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    raw = json.loads(
        resources.files("diplomeet").joinpath("data/honorifics.json").read_text(encoding="utf-8")
    )
    nicknames: dict[str, set[str]] = {}
    for group in raw["nicknames"]:
        members = {fold(g) for g in group}
        for member in members:
            nicknames.setdefault(member, set()).update(members)
    return _Tables(
        titles=frozenset(raw["titles"]),
        connectors=frozenset(raw["title_connectors"]),
        suffixes=frozenset(raw["suffixes"]),
        particles=frozenset(raw["particles"]),
        article_prefixes=frozenset(raw["article_prefixes"]),
        surname_first=frozenset(raw["surname_first"]),
        nicknames={k: frozenset(v) for k, v in nicknames.items()},
    )


def fold(text: str) -> str:
    """Fold text for comparison: ASCII transliteration, case-folded, punctuation-light.

    Apostrophes, dots and hyphens are removed (so "Amir-Abdollahian" and "Amirabdollahian"
    fold alike), other punctuation becomes a space, and whitespace is collapsed.

    Args:
        text: Any text, e.g. a person's name.

    Returns:
        The folded text, e.g. ``fold("Mevlüt Çavuşoğlu") == "mevlut cavusoglu"``.

    Raises:
        TypeError: If ``text`` is not a string.
    """
    if not isinstance(text, str):
        raise TypeError(f"fold() expects a str, got {type(text).__name__}")
    out = anyascii(text).casefold()
    out = _DROP_CHARS.sub("", out)
    out = _OTHER_PUNCT.sub(" ", out)
    return _SPACES.sub(" ", out).strip()


def skeleton(token: str) -> str:
    """A transliteration-robust skeleton of one folded word.

    The first letter is kept, later vowels (and "y") are dropped, "ph" becomes "f" and
    doubled letters collapse: "zelenskyy", "zelensky" and "zelenskiy" share "zlnsk".
    Words whose consonant skeleton would be shorter than three letters keep their
    vowels ("li", "xi", "modi"), so that short names stay apart.

    Args:
        token: A folded word (see :func:`fold`).

    Returns:
        The skeleton; ``""`` for an empty word.
    """
    word = token.replace(" ", "").replace("ph", "f").replace("y", "i")
    if not word:
        return ""
    consonants = word[0] + "".join(c for c in word[1:] if c not in _VOWELS)
    base = consonants if len(_collapse(consonants)) >= 3 else word
    return _collapse(base)


def _collapse(word: str) -> str:
    out: list[str] = []
    for char in word:
        if not out or out[-1] != char:
            out.append(char)
    return "".join(out)


def _raw_tokens(name: str) -> list[tuple[str, bool]]:
    """Split a name into folded tokens; the flag marks a token that was an initial."""
    tables = _tables()
    text = _EXCELLENCY.sub(" ", anyascii(name))
    text = _SPLIT_PUNCT.sub(" ", text)
    tokens: list[tuple[str, bool]] = []
    for raw in text.split():
        raw = _POSSESSIVE.sub("", raw).strip("-'`")
        if not raw:
            continue
        prefix, sep, rest = raw.partition("-")
        if sep and prefix.casefold() in tables.article_prefixes and len(rest) >= 2:
            raw = rest  # "al-Sisi" -> "Sisi"
        parts = [p for p in raw.split(".") if p]
        if len(parts) > 1 and all(len(fold(p)) == 1 for p in parts):
            tokens.extend((fold(p), True) for p in parts)  # "H.W." -> "h", "w"
            continue
        folded = fold(raw).replace(" ", "")
        if folded:
            tokens.append((folded, len(folded) == 1))
    return tokens


@dataclass(frozen=True)
class _Parsed:
    given: tuple[str, ...]
    surname: str
    key: str
    suffix: str | None


@lru_cache(maxsize=262_144)
def _clean_tokens(name: str) -> tuple[tuple[str, ...], str | None]:
    """Folded tokens without leading titles, Arabic articles and a trailing suffix."""
    tables = _tables()
    tokens = [t for t, _ in _raw_tokens(name)]
    start = 0
    while start < len(tokens) and (
        tokens[start] in tables.titles
        or (start > 0 and tokens[start] in tables.connectors and tokens[start - 1] in tables.titles)
    ):
        start += 1
    tokens = tokens[start:]
    # a standalone Arabic article before another word: "Al Thani" -> "Thani"
    tokens = [
        t for i, t in enumerate(tokens) if not (t in tables.article_prefixes and i + 1 < len(tokens))
    ]
    suffix = None
    if len(tokens) > 1 and tokens[-1] in tables.suffixes:
        suffix = tokens.pop()
    return tuple(tokens), suffix


def _capitalised_surname(name: str, tokens: tuple[str, ...]) -> int | None:
    """Index of the one token written in capitals among mixed-case ones ("HAYASHI Yoshimasa").

    Japanese, Korean and Chinese official sources and some agencies write the surname in
    capitals, whatever the order.
    """
    from diplomeet.gazetteer import country_by_code, country_by_name

    if len(tokens) != 2:
        return None
    words = [w for w in re.findall(r"[^\W\d_]+", anyascii(name)) if len(w) > 1]
    upper = [w for w in words if w.isupper()]
    if len(upper) != 1 or len(words) != 2 or len(upper[0]) < 2:
        return None
    if country_by_code(upper[0]) or country_by_name(upper[0]):
        return None  # "NATO", "UN", "US": an organisation or country before a name
    found = [i for i, t in enumerate(tokens) if t == fold(upper[0])]
    return found[0] if len(found) == 1 else None


@lru_cache(maxsize=262_144)
def _parse(name: str) -> _Parsed | None:
    tables = _tables()
    tokens, suffix = _clean_tokens(name)
    if not tokens:
        return None
    capitalised = _capitalised_surname(name, tokens)
    if capitalised is not None:
        surname, given = tokens[capitalised], tokens[:capitalised] + tokens[capitalised + 1 :]
    elif 2 <= len(tokens) <= 3 and tokens[0] in tables.surname_first:
        surname, given = tokens[0], tokens[1:]
    else:
        cut = len(tokens) - 1
        while cut > 0 and tokens[cut - 1] in tables.particles:
            cut -= 1
        surname = "".join(tokens[cut:])
        given = tuple(t for t in tokens[:cut] if t not in tables.particles)
    return _Parsed(given=given, surname=surname, key=skeleton(surname), suffix=suffix)


def name_tokens(name: str) -> list[str]:
    """Folded tokens of a person's name, without titles, honorifics or generational suffixes.

    Args:
        name: A name as written, e.g. ``"Secretary of State Antony J. Blinken"``.

    Returns:
        The tokens, e.g. ``["antony", "j", "blinken"]``; empty when nothing but titles remains.

    Raises:
        TypeError: If ``name`` is not a string.
    """
    if not isinstance(name, str):
        raise TypeError(f"name_tokens() expects a str, got {type(name).__name__}")
    return list(_clean_tokens(name)[0])


def person_key(name: str) -> str:
    """A blocking key for a person: the skeleton of the surname.

    Two names that :func:`same_person` matches across articles always share this key,
    so it can be used to group candidates before comparing them.

    Args:
        name: A name as written.

    Returns:
        The key (e.g. ``"cvsgl"`` for "Cavusoglu"); ``""`` when the name has no usable token.
    """
    if not isinstance(name, str):
        raise TypeError(f"person_key() expects a str, got {type(name).__name__}")
    parsed = _parse(name)
    return "" if parsed is None else parsed.key


def same_person(a: str, b: str, *, within_article: bool = False) -> bool:
    """Whether two name strings can denote the same person.

    The surnames must match (equal, or equal skeletons such as "Zelensky"/"Zelenskyy");
    a surname alone matches any full name with that surname; given names and initials
    must not conflict ("George H. W. Bush" is not "George W. Bush"), with nicknames and
    transliteration variants allowed ("Tony"/"Antony", "Sergei"/"Sergey").

    Args:
        a: A name as written.
        b: Another name as written.
        within_article: Be lenient with the slips one article makes: given names one
            letter apart ("Eldar"/"Elmar") and surnames with one letter missing, extra
            or wrong match too.

    Returns:
        True when nothing in the two names tells the people apart.
    """
    if not isinstance(a, str) or not isinstance(b, str):
        raise TypeError("same_person() expects two str names")
    return _same_person(a, b, within_article)


@lru_cache(maxsize=262_144)
def _same_person(a: str, b: str, lenient: bool) -> bool:
    pa, pb = _parse(a), _parse(b)
    if pa is None or pb is None:
        return False
    if not _surnames_match(pa, pb, lenient):
        return False
    if pa.suffix and pb.suffix and pa.suffix != pb.suffix:
        return False
    if "".join(pa.given) == "".join(pb.given):  # "Jong Un" / "Jong-un"
        return True
    short, long_ = (pa.given, pb.given) if len(pa.given) <= len(pb.given) else (pb.given, pa.given)
    return _align(short, long_, 0, 0, lenient)


def _surnames_match(pa: _Parsed, pb: _Parsed, lenient: bool) -> bool:
    if pa.surname == pb.surname or pa.key == pb.key:
        return True
    if lenient and min(len(pa.surname), len(pb.surname)) >= LENIENT_MIN_SURNAME_LENGTH:
        return Levenshtein.distance(pa.surname, pb.surname, score_cutoff=1) <= 1
    return False


def _align(short: tuple[str, ...], long_: tuple[str, ...], i: int, j: int, lenient: bool) -> bool:
    """Can ``short`` be matched in order inside ``long_`` without a given-name conflict?

    Every token of ``short`` must pair with a compatible token of ``long_``. Tokens of
    ``long_`` left out before or between the pairs must be full names, never initials
    (so "George W." does not fit "George H. W."); tokens after the last pair are free.
    """
    if i == len(short):
        return True
    for k in range(j, len(long_) - (len(short) - i) + 1):
        skipped = long_[j:k]
        if any(len(t) == 1 for t in skipped):
            break
        if _given_match(short[i], long_[k], lenient) and _align(short, long_, i + 1, k + 1, lenient):
            return True
    return False


def _given_match(x: str, y: str, lenient: bool) -> bool:
    if x == y:
        return True
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]
    nick = _tables().nicknames.get(x)
    if nick is not None and y in nick:
        return True
    if skeleton(x) == skeleton(y) and min(len(x), len(y)) >= 3:
        return True
    if fuzz.ratio(x, y) >= GIVEN_NAME_CUTOFF:
        return True
    if lenient and min(len(x), len(y)) >= LENIENT_MIN_LENGTH:
        return Levenshtein.distance(x, y, score_cutoff=1) <= 1
    return False
