"""Score meeting extraction against gold annotations.

Gold files follow the format of the annotation guide (one JSON file per article with its
``meetings``). A predicted meeting matches a gold meeting of the same article when both name
the same people; matched pairs are then compared field by field::

    import diplomeet

    report = diplomeet.evaluate("my_gold/")
    print(report)              # a table: detection, full match, fields, deduplication
    report.to_dict()           # the same figures as plain data

From the shell: ``python -m diplomeet.evaluate my_gold/ --verbose``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import types
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date as Date
from datetime import datetime
from functools import lru_cache
from importlib import resources
from itertools import combinations
from os import PathLike
from pathlib import Path
from typing import Any, Union

from diplomeet.errors import InvalidInputError
from diplomeet.models import Article, Meeting, Participant

__all__ = [
    "ArticleResult",
    "EvaluationReport",
    "FalsePositive",
    "FieldAccuracy",
    "GoldArticle",
    "GoldMeeting",
    "Miss",
    "Scores",
    "evaluate",
    "load_gold",
    "main",
]

PathArg = Union[str, "PathLike[str]"]
Published = Union[Date, datetime, None]
Extractor = Callable[[str, Published], "list[Meeting]"]
CorpusExtractor = Callable[["list[Article]"], "list[Meeting]"]

STATUSES = ("occurred", "planned", "proposed", "cancelled")
KINDS = ("in_person", "phone", "video")
MEETING_FIELDS = ("date", "date_end", "location", "status", "kind")
PARTICIPANT_FIELDS = ("country", "role")

# Pair weights for the one-to-one assignment: any match with a required gold meeting outweighs
# any number of matches with optional ones, which outweigh agreement on details.
_WEIGHT_REQUIRED = 1000
_WEIGHT_OPTIONAL = 100
_WEIGHT_EVIDENCE = 2


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1 with the counts they come from.

    When nothing is predicted and nothing is expected, all three are 1.0; otherwise an empty
    denominator gives 0.0.
    """

    precision: float
    recall: float
    f1: float
    tp: int
    fp: int
    fn: int

    @classmethod
    def from_counts(cls, tp: int, fp: int, fn: int) -> Scores:
        """Build scores from true positive, false positive and false negative counts."""
        if tp + fp + fn == 0:
            return cls(1.0, 1.0, 1.0, 0, 0, 0)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(precision, recall, f1, tp, fp, fn)


@dataclass(frozen=True)
class FieldAccuracy:
    """Share of matched items on which a field agrees with the gold value."""

    accuracy: float | None
    correct: int
    count: int


@dataclass(frozen=True)
class Miss:
    """A required gold meeting that no prediction matched."""

    event_id: str
    evidence: str | None


@dataclass(frozen=True)
class FalsePositive:
    """A prediction with two or more named participants that matched no gold meeting."""

    meeting_id: str
    summary: str
    evidence: str | None


@dataclass(frozen=True)
class ArticleResult:
    """Detection counts of one article, with what went wrong for debugging.

    ``ignored`` counts predictions that are neither true nor false positives (matched to an
    optional gold meeting, or unmatched with fewer than two named participants).
    """

    id: str
    tp: int
    fp: int
    fn: int
    ignored: int
    missed: tuple[Miss, ...] = ()
    spurious: tuple[FalsePositive, ...] = ()
    mismatches: tuple[str, ...] = ()

    @property
    def missed_event_ids(self) -> list[str]:
        """Event ids of the gold meetings that were not found."""
        return [miss.event_id for miss in self.missed]


@dataclass(frozen=True)
class EvaluationReport:
    """Scores of an extraction run against a set of gold articles.

    Attributes:
        detection: micro P/R/F1 of meeting detection (same named participants).
        full_match: like ``detection`` but a pair counts only when date, location and status
            agree as well.
        fields: accuracy per field over matched pairs: date, date_end, location, status, kind
            (per meeting) and country, role (per aligned named participant).
        dedupe: pairwise P/R/F1 of cross-article deduplication over gold mentions, or None
            when not measured (``dedupe=False`` or fewer than two articles).
        per_article: one ``ArticleResult`` per gold article, in input order.
    """

    detection: Scores
    full_match: Scores
    fields: dict[str, FieldAccuracy]
    dedupe: Scores | None
    per_article: tuple[ArticleResult, ...]

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON-able data."""
        return json.loads(json.dumps(asdict(self)))

    def format(self, verbose: bool = False) -> str:
        """A readable multi-line table; with ``verbose``, misses and false positives too."""
        lines = [f"diplomeet evaluation over {len(self.per_article)} article(s)", ""]
        lines.append(f"{'':<16}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}")
        rows = [("detection", self.detection), ("full match", self.full_match)]
        if self.dedupe is not None:
            rows.append(("dedupe (pairs)", self.dedupe))
        for label, s in rows:
            lines.append(
                f"{label:<16}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}"
                f"{s.tp:>6}{s.fp:>6}{s.fn:>6}"
            )
        lines += ["", "field accuracy over matched meetings (participants aligned by name)"]
        for name, acc in self.fields.items():
            value = "   n/a" if acc.accuracy is None else f"{acc.accuracy:>6.3f}"
            lines.append(f"  {name:<14}{value}  ({acc.correct}/{acc.count})")
        width = max([len("article"), *(len(a.id) for a in self.per_article)]) + 2
        lines += ["", f"  {'article':<{width}}{'TP':>4}{'FP':>4}{'FN':>4}{'ign':>5}"]
        for art in self.per_article:
            lines.append(
                f"  {art.id:<{width}}{art.tp:>4}{art.fp:>4}{art.fn:>4}{art.ignored:>5}"
            )
            if not verbose:
                continue
            for miss in art.missed:
                lines.append(f"      missed  {miss.event_id}")
                if miss.evidence:
                    lines.append(f"              \u201c{_shorten(miss.evidence)}\u201d")
            for fp in art.spurious:
                lines.append(f"      false+  {fp.summary}")
                if fp.evidence:
                    lines.append(f"              \u201c{_shorten(fp.evidence)}\u201d")
            for text in art.mismatches:
                lines.append(f"      differs {text}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.format()


def _shorten(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "\u2026"


# --------------------------------------------------------------------------------------------
# Gold files
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldMeeting:
    """One annotated meeting of a gold article."""

    event_id: str
    participants: tuple[Participant, ...]
    status: str
    date: Date | None = None
    date_end: Date | None = None
    date_text: str | None = None
    location: str | None = None
    kind: str = "in_person"
    optional: bool = False
    evidence: str | None = None


@dataclass(frozen=True)
class GoldArticle:
    """One gold file: the article and its annotated meetings."""

    id: str
    text: str
    meetings: tuple[GoldMeeting, ...]
    published: Date | datetime | None = None
    url: str | None = None
    title: str | None = None
    path: Path | None = field(default=None, compare=False)

    def to_article(self) -> Article:
        """The article as the extractor's input model."""
        return Article(
            id=self.id, text=self.text, published=self.published, url=self.url, title=self.title
        )


def load_gold(paths: PathArg | Iterable[PathArg]) -> list[GoldArticle]:
    """Read gold files (or folders of them) into ``GoldArticle`` objects.

    Args:
        paths: a JSON file, a folder, or an iterable of those. A folder contributes its
            ``*.gold.json`` files, or all its ``*.json`` files when it has no ``*.gold.json``.

    Raises:
        InvalidInputError: a path is missing, a file is not valid JSON, or an annotation lacks
            a required key or holds a value of the wrong form; the message names the file.
    """
    files = _gold_files(paths)
    articles = [_read_gold_file(path) for path in files]
    seen: dict[str, Path | None] = {}
    for art in articles:
        if art.id in seen:
            raise InvalidInputError(
                f"article id {art.id!r} appears in both {seen[art.id]} and {art.path}; "
                "give every gold article its own id"
            )
        seen[art.id] = art.path
    return articles


def _gold_files(paths: PathArg | Iterable[PathArg]) -> list[Path]:
    if isinstance(paths, (str, PathLike)):
        paths = [paths]
    try:
        items = [Path(p) for p in paths]  # type: ignore[union-attr]
    except TypeError as exc:
        raise TypeError(
            f"paths must be a path or an iterable of paths, got {type(paths).__name__}"
        ) from exc
    if not items:
        raise InvalidInputError("no gold paths given")
    files: list[Path] = []
    for path in items:
        if path.is_dir():
            found = sorted(path.glob("*.gold.json")) or sorted(path.glob("*.json"))
            if not found:
                raise InvalidInputError(f"{path}: folder holds no *.gold.json or *.json files")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise InvalidInputError(f"{path}: no such gold file or folder")
    return files


def _read_gold_file(path: Path) -> GoldArticle:
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInputError(f"{path}: cannot read gold file ({exc})") from exc
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InvalidInputError(f"{path}: not valid JSON ({exc})") from exc
    return _parse_gold(data, path)


def _parse_gold(data: Any, path: Path) -> GoldArticle:
    where = str(path)
    if not isinstance(data, dict):
        raise InvalidInputError(f"{where}: a gold file holds one JSON object (an article)")
    art_id = _require(data, "id", str, where)
    if "text" in data and data["text"] is not None:
        text = _require(data, "text", str, where)
    elif data.get("text_file"):
        name = _require(data, "text_file", str, where)
        text_path = path.parent / name
        try:
            text = text_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InvalidInputError(
                f"{where}: cannot read its text_file {text_path} ({exc})"
            ) from exc
    else:
        raise InvalidInputError(f"{where}: needs 'text' or 'text_file' (a file beside the JSON)")
    meetings_raw = _require(data, "meetings", list, where)
    meetings = tuple(
        _parse_meeting(m, f"{where}: meetings[{i}]") for i, m in enumerate(meetings_raw)
    )
    event_ids = [m.event_id for m in meetings]
    duplicates = sorted({e for e in event_ids if event_ids.count(e) > 1})
    if duplicates:
        raise InvalidInputError(
            f"{where}: event_id {duplicates[0]!r} is used twice; one article reports an event "
            "once (merge the annotations)"
        )
    return GoldArticle(
        id=art_id,
        text=text,
        meetings=meetings,
        published=_parse_published(data.get("published"), where),
        url=_optional(data, "url", str, where),
        title=_optional(data, "title", str, where),
        path=path,
    )


def _parse_meeting(data: Any, where: str) -> GoldMeeting:
    if not isinstance(data, dict):
        raise InvalidInputError(f"{where}: a meeting is a JSON object")
    event_id = _require(data, "event_id", str, where)
    where = f"{where} ({event_id})"
    people = _require(data, "participants", list, where)
    if len(people) < 2:
        raise InvalidInputError(f"{where}: a meeting needs two or more participants")
    participants = tuple(
        _parse_participant(p, f"{where}: participants[{i}]") for i, p in enumerate(people)
    )
    status = _require(data, "status", str, where)
    if status not in STATUSES:
        raise InvalidInputError(f"{where}: status {status!r} is not one of {', '.join(STATUSES)}")
    kind = _optional(data, "kind", str, where) or "in_person"
    if kind not in KINDS:
        raise InvalidInputError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    named = sum(1 for p in participants if p.name)
    optional = data.get("optional")
    if optional is None:
        optional = named < 2
    elif not isinstance(optional, bool):
        raise InvalidInputError(f"{where}: 'optional' must be true or false")
    elif not optional and named < 2:
        raise InvalidInputError(
            f"{where}: fewer than two participants are named, so the meeting must be "
            "\"optional\": true"
        )
    return GoldMeeting(
        event_id=event_id,
        participants=participants,
        status=status,
        date=_parse_day(data.get("date"), f"{where}: date"),
        date_end=_parse_day(data.get("date_end"), f"{where}: date_end"),
        date_text=_optional(data, "date_text", str, where),
        location=_optional(data, "location", str, where),
        kind=kind,
        optional=optional,
        evidence=_optional(data, "evidence", str, where),
    )


def _parse_participant(data: Any, where: str) -> Participant:
    if not isinstance(data, dict):
        raise InvalidInputError(f"{where}: a participant is a JSON object")
    aliases = data.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise InvalidInputError(f"{where}: 'aliases' must be a list of strings")
    name = _optional(data, "name", str, where) or None
    return Participant(
        name=name,
        aliases=aliases,
        role=_optional(data, "role", str, where),
        country=_optional(data, "country", str, where),
        country_code=_optional(data, "country_code", str, where),
    )


def _require(data: dict[str, Any], key: str, kind: type, where: str) -> Any:
    if key not in data or data[key] is None:
        raise InvalidInputError(f"{where}: missing required key {key!r}")
    return _optional(data, key, kind, where)


def _optional(data: dict[str, Any], key: str, kind: type, where: str) -> Any:
    value = data.get(key)
    if value is not None and not isinstance(value, kind):
        raise InvalidInputError(
            f"{where}: {key!r} must be a {kind.__name__}, got {type(value).__name__}"
        )
    return value


def _parse_day(value: Any, where: str) -> Date | None:
    if value is None:
        return None
    try:
        return Date.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"{where}: {value!r} is not an ISO day (YYYY-MM-DD)") from exc


def _parse_published(value: Any, where: str) -> Date | datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        try:
            if len(text) == 10:
                return Date.fromisoformat(text)
            if text.endswith(("Z", "z")):
                text = text[:-1] + "+00:00"
            return datetime.fromisoformat(text)
        except ValueError:
            pass
    raise InvalidInputError(f"{where}: 'published' {value!r} is not an ISO date or datetime")


# --------------------------------------------------------------------------------------------
# Comparing values
# --------------------------------------------------------------------------------------------


def _fold(text: str | None) -> str | None:
    """Transliterate, case-fold and squeeze spaces; None stays None."""
    if text is None:
        return None
    from anyascii import anyascii

    folded = anyascii(text).casefold().replace("-", " ")
    return " ".join(re.sub(r"[^\w\s']", " ", folded).split())


@lru_cache(maxsize=1)
def _role_data() -> tuple[dict[str, str], frozenset[str]]:
    """Folded role form -> folded canonical role; leading words that leave the office as is."""
    canonical: dict[str, str] = {}
    try:
        from diplomeet.lexicon import roles

        for surface, role in roles().by_surface.items():
            canonical[_fold(surface) or surface] = _fold(role) or role
    except (ImportError, OSError, KeyError, ValueError):  # pragma: no cover - table missing
        pass
    source = resources.files("diplomeet") / "data" / "role_synonyms.json"
    data = json.loads(source.read_text(encoding="utf-8"))
    for key, forms in data["synonyms"].items():
        target = _fold(key) or key
        for form in (key, *forms):
            folded = _fold(form) or form
            canonical[folded] = target
            # a canonical role of the shared table that is a synonym here maps on as well
            for surface, role in list(canonical.items()):
                if role == folded:
                    canonical[surface] = target
    modifiers = frozenset(_fold(m) or m for m in data["ignored_modifiers"])
    return canonical, modifiers


def _canonical_role(part: str) -> str:
    table, modifiers = _role_data()
    words = part.split()
    while len(words) > 1 and words[0] in modifiers:
        words = words[1:]
    part = " ".join(words)
    if part in table:
        return table[part]
    head = part.split(" of ", 1)[0]  # "general secretary of the communist party"
    return table.get(head, part)


def _role_parts(role: str | None) -> frozenset[str]:
    folded = _fold(role)
    if not folded:
        return frozenset()
    whole = _canonical_role(folded)
    if whole != folded or folded in _role_data()[0]:
        return frozenset([whole])
    parts = [p.strip() for p in re.split(r"\band\b|,|/", folded) if p.strip()]
    return frozenset(_canonical_role(p) for p in parts)


def _same_role(gold: str | None, pred: str | None) -> bool:
    """Roles agree when equal after normalisation, or when one is part of a compound title.

    "Minister of Foreign Affairs" = "Foreign Minister"; "State Councilor and Foreign
    Minister" agrees with "Foreign Minister".
    """
    g, p = _role_parts(gold), _role_parts(pred)
    if not g or not p:
        return not g and not p
    return g <= p or p <= g


def _same_country(gold: str | None, pred: str | None) -> bool:
    return _fold(gold) == _fold(pred)


def _fallback_same_person(a: str, b: str) -> bool:
    """Name identity used until ``diplomeet.names`` is available: same folded surname.

    Descriptions ("the Russian president") only match an identical description.
    """
    fa, fb = _fold(a), _fold(b)
    if not fa or not fb:
        return False
    if fa == fb:
        return True
    if a[:1].islower() or b[:1].islower():
        return False
    return fa.split()[-1] == fb.split()[-1]


def _same_person_function() -> Callable[[str, str], bool]:
    try:
        from diplomeet.names import same_person
    except ImportError:
        return _fallback_same_person

    def within_article(a: str, b: str) -> bool:
        return bool(same_person(a, b, within_article=True))

    return within_article


def _forms(person: Participant) -> list[str]:
    return [f for f in (person.name, *person.aliases) if f and f.strip()]


def _people_weight(gold: Participant, pred: Participant, same: Callable[[str, str], bool]) -> int:
    """2 when the names fold equal, 1 when any forms are the same person, else 0."""
    if _fold(gold.name) == _fold(pred.name):
        return 2
    for g in _forms(gold):
        for p in _forms(pred):
            if same(g, p):
                return 1
    return 0


def _named(meeting: GoldMeeting | Meeting) -> list[Participant]:
    return [p for p in meeting.participants if p.name]


def _align_people(
    gold: GoldMeeting, pred: Meeting, same: Callable[[str, str], bool]
) -> list[tuple[Participant, Participant]] | None:
    """Pair the named participants one to one, or None when the named sets differ."""
    g_named, p_named = _named(gold), _named(pred)
    if len(g_named) != len(p_named):
        return None
    if len(g_named) < 2:
        # too few names to identify the meeting: the represented countries must agree too
        g_countries = {_fold(p.country) for p in gold.participants}
        p_countries = {_fold(p.country) for p in pred.participants}
        if g_countries != p_countries:
            return None
    weights = [[_people_weight(g, p, same) for p in p_named] for g in g_named]
    pairs = _max_weight_pairs(weights)
    if len(pairs) != len(g_named):
        return None
    return [(g_named[i], p_named[j]) for i, j in pairs]


def _evidence_texts(meeting: Meeting, article_id: str | None) -> list[str]:
    """Evidence sentences of ``meeting``; those of ``article_id`` only when it is given."""
    return [
        e.text
        for e in meeting.evidence
        if e.text.strip() and (article_id is None or e.article_id in (None, article_id))
    ]


def _evidence_overlaps(gold: GoldMeeting, pred: Meeting, article_id: str | None) -> bool:
    if not gold.evidence:
        return False
    g = " ".join(gold.evidence.split())
    for text in _evidence_texts(pred, article_id):
        p = " ".join(text.split())
        if g in p or p in g:
            return True
    return False


def _agrees(name: str, gold: GoldMeeting, pred: Meeting) -> bool:
    if name == "location":
        return _fold(gold.location) == _fold(pred.location)
    return getattr(gold, name) == getattr(pred, name)


def _full_match(gold: GoldMeeting, pred: Meeting) -> bool:
    return all(_agrees(name, gold, pred) for name in ("date", "location", "status"))


# --------------------------------------------------------------------------------------------
# One-to-one assignment
# --------------------------------------------------------------------------------------------


def _max_weight_pairs(weights: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """Row/column pairs of a maximum-weight one-to-one assignment; zero weight = not allowed.

    The Hungarian algorithm (shortest augmenting paths with potentials), O(n^2 m).
    """
    n = len(weights)
    m = len(weights[0]) if n else 0
    if n == 0 or m == 0:
        return []
    transposed = n > m
    w = [list(col) for col in zip(*weights)] if transposed else [list(row) for row in weights]
    if transposed:
        n, m = m, n
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    owner = [0] * (m + 1)  # owner[j] = row (1-based) assigned to column j
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        owner[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0 = owner[j0]
            delta = inf
            j1 = 0
            for j in range(1, m + 1):
                if used[j]:
                    continue
                cur = -w[i0 - 1][j - 1] - u[i0] - v[j]
                if cur < minv[j]:
                    minv[j] = cur
                    way[j] = j0
                if minv[j] < delta:
                    delta = minv[j]
                    j1 = j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    pairs = []
    for j in range(1, m + 1):
        if owner[j] and w[owner[j] - 1][j - 1] > 0:
            row, col = owner[j] - 1, j - 1
            pairs.append((col, row) if transposed else (row, col))
    return sorted(pairs)


@dataclass
class _Matching:
    pairs: list[tuple[int, int, list[tuple[Participant, Participant]]]]
    unmatched_gold: list[int]
    unmatched_pred: list[int]


def _match(
    golds: Sequence[GoldMeeting],
    preds: Sequence[Meeting],
    article_id: str | None,
    same: Callable[[str, str], bool],
) -> _Matching:
    """Match predictions to gold meetings of one article, one to one."""
    alignments: dict[tuple[int, int], list[tuple[Participant, Participant]]] = {}
    weights = [[0] * len(preds) for _ in golds]
    for gi, gold in enumerate(golds):
        for pi, pred in enumerate(preds):
            aligned = _align_people(gold, pred, same)
            if aligned is None:
                continue
            alignments[gi, pi] = aligned
            weight = _WEIGHT_OPTIONAL if gold.optional else _WEIGHT_REQUIRED
            weight += sum(_agrees(name, gold, pred) for name in ("date", "location", "status"))
            weight += _agrees("kind", gold, pred)
            weight += _WEIGHT_EVIDENCE * _evidence_overlaps(gold, pred, article_id)
            weights[gi][pi] = weight
    pairs = _max_weight_pairs(weights)
    matched_g = {gi for gi, _ in pairs}
    matched_p = {pi for _, pi in pairs}
    return _Matching(
        pairs=[(gi, pi, alignments[gi, pi]) for gi, pi in pairs],
        unmatched_gold=[gi for gi in range(len(golds)) if gi not in matched_g],
        unmatched_pred=[pi for pi in range(len(preds)) if pi not in matched_p],
    )


# --------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------


def _summary(meeting: Meeting) -> str:
    people = ", ".join(
        p.name or f"({' '.join(x for x in (p.country, p.role) if x) or 'unnamed'})"
        for p in meeting.participants
    )
    when = str(meeting.date) if meeting.date else "no date"
    if meeting.date_end:
        when += f"..{meeting.date_end}"
    where = meeting.location or "no place"
    return f"{people} | {when} | {where} | {meeting.status}/{meeting.kind}"


def _score_article(
    gold: GoldArticle,
    preds: Sequence[Meeting],
    same: Callable[[str, str], bool],
    field_counts: dict[str, list[int]],
) -> tuple[ArticleResult, int]:
    """Score one article; update ``field_counts``; return the result and full-match count."""
    # predictions of one article: all their evidence is from it, whatever id they carry
    matching = _match(gold.meetings, preds, None, same)
    tp = ignored = full = 0
    mismatches: list[str] = []
    for gi, pi, people in matching.pairs:
        g, p = gold.meetings[gi], preds[pi]
        if g.optional:
            ignored += 1
            continue
        tp += 1
        full += _full_match(g, p)
        for name in MEETING_FIELDS:
            ok = _agrees(name, g, p)
            _count(field_counts, name, ok)
            if not ok:
                mismatches.append(
                    f"{g.event_id}: {name} gold={getattr(g, name)} predicted={getattr(p, name)}"
                )
        for g_person, p_person in people:
            for name, agree in (("country", _same_country), ("role", _same_role)):
                gv, pv = getattr(g_person, name), getattr(p_person, name)
                ok = agree(gv, pv)
                _count(field_counts, name, ok)
                if not ok:
                    mismatches.append(
                        f"{g.event_id}: {g_person.name} {name} gold={gv} predicted={pv}"
                    )
    missed = tuple(
        Miss(gold.meetings[gi].event_id, gold.meetings[gi].evidence)
        for gi in matching.unmatched_gold
        if not gold.meetings[gi].optional
    )
    spurious = []
    for pi in matching.unmatched_pred:
        pred = preds[pi]
        if len(_named(pred)) < 2:
            ignored += 1
            continue
        texts = _evidence_texts(pred, None)
        spurious.append(FalsePositive(pred.id, _summary(pred), texts[0] if texts else None))
    result = ArticleResult(
        id=gold.id,
        tp=tp,
        fp=len(spurious),
        fn=len(missed),
        ignored=ignored,
        missed=missed,
        spurious=tuple(spurious),
        mismatches=tuple(mismatches),
    )
    return result, full


def _count(counts: dict[str, list[int]], name: str, ok: bool) -> None:
    entry = counts.setdefault(name, [0, 0])
    entry[0] += int(ok)
    entry[1] += 1


def _dedupe_scores(
    golds: Sequence[GoldArticle], merged: Sequence[Meeting], same: Callable[[str, str], bool]
) -> Scores:
    """Pairwise P/R/F1 over required gold mentions: same event vs same merged meeting."""
    cluster: dict[tuple[str, str], int] = {}
    for gold in golds:
        candidates = [
            index
            for index, meeting in enumerate(merged)
            if gold.id in meeting.sources or any(e.article_id == gold.id for e in meeting.evidence)
        ]
        matching = _match(gold.meetings, [merged[i] for i in candidates], gold.id, same)
        for gi, pi, _ in matching.pairs:
            cluster[gold.id, gold.meetings[gi].event_id] = candidates[pi]
    mentions = [(g.id, m.event_id) for g in golds for m in g.meetings if not m.optional]
    tp = fp = fn = 0
    for a, b in combinations(mentions, 2):
        same_event = a[1] == b[1]
        same_merged = a in cluster and b in cluster and cluster[a] == cluster[b]
        tp += same_event and same_merged
        fp += same_merged and not same_event
        fn += same_event and not same_merged
    return Scores.from_counts(tp, fp, fn)


def _checked(meetings: Any, what: str) -> list[Meeting]:
    if not isinstance(meetings, Iterable):
        raise TypeError(f"{what} must return a list of Meeting, got {type(meetings).__name__}")
    meetings = list(meetings)
    for m in meetings:
        if not isinstance(m, Meeting):
            raise TypeError(f"{what} must return Meeting objects, got {type(m).__name__}")
    return meetings


def evaluate(
    paths: PathArg | Iterable[PathArg],
    *,
    nlp: Any = None,
    extract: Extractor | None = None,
    dedupe: bool = True,
    extract_corpus: CorpusExtractor | None = None,
) -> EvaluationReport:
    """Run extraction on gold articles and score it.

    A predicted meeting matches a gold meeting of the same article when their named
    participants are the same people (gold name and aliases against predicted name and
    aliases). Matching is one to one, maximising the number of matched required meetings, then
    agreement on date, location, status, kind and evidence sentence. Optional gold meetings are
    never missed; a prediction matched to one, or an unmatched prediction with fewer than two
    named participants, is neither a true nor a false positive.

    Args:
        paths: gold JSON files, folders of them, or an iterable of those.
        nlp: the spaCy pipeline for the built-in extractor (default model when None).
        extract: ``extract(text, published) -> list[Meeting]`` to score instead of
            ``diplomeet.extract_meetings``.
        dedupe: also score cross-article deduplication (needs two or more articles).
        extract_corpus: ``extract_corpus(list[Article]) -> list[Meeting]`` returning merged
            meetings. Defaults to ``extract_meetings(articles, dedupe=True)``, or, when
            ``extract`` is given, to ``extract`` per article followed by ``dedupe_meetings``.

    Returns:
        An ``EvaluationReport``.

    Raises:
        InvalidInputError: a gold path or file is missing or malformed.
    """
    golds = load_gold(paths)
    custom_extract = extract is not None
    if extract is None:
        from diplomeet.corpus import extract_meetings

        if nlp is None:
            from diplomeet.pipeline.loading import load

            nlp = load()
        pipeline = nlp

        def extract(text: str, published: Published) -> list[Meeting]:
            return extract_meetings(text, published, nlp=pipeline)

    same = _same_person_function()
    field_counts: dict[str, list[int]] = {
        name: [0, 0] for name in (*MEETING_FIELDS, *PARTICIPANT_FIELDS)
    }
    results = []
    predictions: list[list[Meeting]] = []
    full_tp = 0
    for gold in golds:
        preds = _checked(extract(gold.text, gold.published), "extract")
        predictions.append(preds)
        result, full = _score_article(gold, preds, same, field_counts)
        results.append(result)
        full_tp += full
    tp = sum(r.tp for r in results)
    fp = sum(r.fp for r in results)
    fn = sum(r.fn for r in results)
    fields = {
        name: FieldAccuracy(correct / count if count else None, correct, count)
        for name, (correct, count) in field_counts.items()
    }
    dedupe_scores = None
    if dedupe and len(golds) >= 2:
        articles = [g.to_article() for g in golds]
        if extract_corpus is not None:
            merged = extract_corpus(articles)
        elif custom_extract:
            merged = _dedupe_per_article(articles, predictions)
        else:
            from diplomeet.corpus import extract_meetings

            merged = extract_meetings(articles, dedupe=True, nlp=nlp)
        dedupe_scores = _dedupe_scores(golds, _checked(merged, "extract_corpus"), same)
    return EvaluationReport(
        detection=Scores.from_counts(tp, fp, fn),
        full_match=Scores.from_counts(full_tp, fp + tp - full_tp, fn + tp - full_tp),
        fields=fields,
        dedupe=dedupe_scores,
        per_article=tuple(results),
    )


def _dedupe_per_article(
    articles: Sequence[Article], predictions: Sequence[Sequence[Meeting]]
) -> list[Meeting]:
    """Merge per-article predictions with ``dedupe_meetings``, tagged with their article ids.

    ``extract(text, published)`` never sees the gold id, so sources and evidence are retagged.
    """
    from diplomeet.dedupe import dedupe_meetings

    tagged = []
    for article, preds in zip(articles, predictions):
        for m in preds:
            evidence = [e.model_copy(update={"article_id": article.id}) for e in m.evidence]
            tagged.append(m.model_copy(update={"evidence": evidence, "sources": [article.id]}))
    return list(dedupe_meetings(tagged))


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m diplomeet.evaluate PATHS...``: print the report; returns the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m diplomeet.evaluate",
        description="Score diplomeet's extraction against gold annotation files.",
    )
    parser.add_argument("paths", nargs="+", help="gold JSON files or folders of them")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="list misses, false positives, differences"
    )
    parser.add_argument("--no-dedupe", action="store_true", help="skip the deduplication score")
    parser.add_argument("--model", default=None, help="spaCy pipeline name or path")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    try:
        load_gold(args.paths)  # report bad gold files before loading a model
        nlp = None
        if args.model is not None:
            from diplomeet.pipeline.loading import load

            nlp = load(args.model)
        report = evaluate(args.paths, nlp=nlp, dedupe=not args.no_dedupe)
    except InvalidInputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(report.format(verbose=args.verbose))
    return 0


class _CallableModule(types.ModuleType):
    """Lets ``diplomeet.evaluate(...)`` work even after ``import diplomeet.evaluate``."""

    def __call__(self, *args: Any, **kwargs: Any) -> EvaluationReport:
        return evaluate(*args, **kwargs)


if __name__ == "__main__":
    sys.exit(main())
else:
    sys.modules[__name__].__class__ = _CallableModule
