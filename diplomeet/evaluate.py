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
from dataclasses import asdict, dataclass
from datetime import date as Date
from datetime import datetime
from functools import lru_cache
from importlib import resources
from itertools import combinations
from typing import Any, Union

from diplomeet.errors import InvalidInputError
from diplomeet.gold import KINDS, STATUSES, GoldArticle, GoldMeeting, PathArg, load_gold
from diplomeet.models import Article, Meeting, Participant

__all__ = [
    "ArticleResult",
    "EvaluationReport",
    "FalsePositive",
    "FieldAccuracy",
    "FieldDifference",
    "GoldArticle",
    "GoldMeeting",
    "Miss",
    "Scores",
    "evaluate",
    "load_gold",
    "main",
]

Published = Union[Date, datetime, None]
Extractor = Callable[[str, Published], "list[Meeting]"]
CorpusExtractor = Callable[["list[Article]"], "list[Meeting]"]

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
    """A required gold meeting that no prediction matched.

    ``participants`` names its people (role and country for unnamed ones); ``nearest`` sums up
    the unmatched prediction that shares most named people with it (a meeting found with the
    wrong set of people), or is None when none shares any.
    """

    event_id: str
    evidence: str | None
    participants: tuple[str, ...] = ()
    nearest: str | None = None


@dataclass(frozen=True)
class FieldDifference:
    """A field on which a matched prediction disagrees with its gold meeting.

    ``participant`` is the gold name of the person for the participant fields (country, role)
    and None for the meeting fields (date, date_end, location, status, kind).
    """

    event_id: str
    field: str
    gold: str | None
    predicted: str | None
    participant: str | None = None

    def __str__(self) -> str:
        who = f"{self.participant} " if self.participant else ""
        return f"{self.event_id}: {who}{self.field} gold={self.gold} predicted={self.predicted}"


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
    differences: tuple[FieldDifference, ...] = ()

    @property
    def missed_event_ids(self) -> list[str]:
        """Event ids of the gold meetings that were not found."""
        return [miss.event_id for miss in self.missed]

    @property
    def has_errors(self) -> bool:
        """Whether anything was missed, spurious or different from the gold."""
        return bool(self.missed or self.spurious or self.differences or self.mismatches)


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
        dedupe_extracted: of the gold pairs (two reports of one event) whose two reports
            were both extracted, the share merged into one meeting; None when not measured.
    """

    detection: Scores
    full_match: Scores
    fields: dict[str, FieldAccuracy]
    dedupe: Scores | None
    per_article: tuple[ArticleResult, ...]
    dedupe_extracted: FieldAccuracy | None = None

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON-able data."""
        return json.loads(json.dumps(asdict(self)))

    def format(self, verbose: bool = False, articles: bool = True) -> str:
        """A readable multi-line table; with ``verbose``, misses and false positives too.

        ``articles=False`` leaves out the per-article rows (the overall figures only).
        """
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
        if self.dedupe_extracted is not None and self.dedupe_extracted.count:
            both = self.dedupe_extracted
            lines.append(
                f"  pairs with both reports extracted: {both.count}, merged {both.correct} ({both.accuracy:.3f})"
            )
        lines += ["", "field accuracy over matched meetings (participants aligned by name)"]
        for name, acc in self.fields.items():
            value = "   n/a" if acc.accuracy is None else f"{acc.accuracy:>6.3f}"
            lines.append(f"  {name:<14}{value}  ({acc.correct}/{acc.count})")
        if not articles:
            return "\n".join(lines)
        width = max([len("article"), *(len(a.id) for a in self.per_article)]) + 2
        lines += ["", f"  {'article':<{width}}{'TP':>4}{'FP':>4}{'FN':>4}{'ign':>5}"]
        for art in self.per_article:
            lines.append(
                f"  {art.id:<{width}}{art.tp:>4}{art.fp:>4}{art.fn:>4}{art.ignored:>5}"
            )
            if verbose:
                lines.extend(_error_lines(art, indent="      "))
        return "\n".join(lines)

    def errors(self) -> list[dict[str, Any]]:
        """Per article with something wrong: its missed, spurious and field-mismatched meetings.

        Plain JSON-able data, one entry per article (in input order) that has errors, with the
        keys ``id``, ``missed``, ``spurious`` and ``differences``.
        """
        out = []
        for art in self.per_article:
            if not art.has_errors:
                continue
            out.append(
                {
                    "id": art.id,
                    "missed": [asdict(miss) for miss in art.missed],
                    "spurious": [asdict(fp) for fp in art.spurious],
                    "differences": [asdict(d) for d in art.differences],
                }
            )
        return json.loads(json.dumps(out))

    def format_errors(self) -> str:
        """The error report: per article, what was missed, what was invented, what differs.

        Articles without errors are left out; a last line counts what is listed.
        """
        lines: list[str] = []
        for art in self.per_article:
            if not art.has_errors:
                continue
            lines.append(f"{art.id}  (TP {art.tp}, FP {art.fp}, FN {art.fn})")
            lines.extend(_error_lines(art, indent="  ", detailed=True))
            lines.append("")
        missed = sum(len(a.missed) for a in self.per_article)
        spurious = sum(len(a.spurious) for a in self.per_article)
        differing = sum(len(a.differences) for a in self.per_article)
        with_errors = sum(a.has_errors for a in self.per_article)
        lines.append(
            f"{with_errors} of {len(self.per_article)} article(s) with errors: {missed} missed, "
            f"{spurious} spurious, {differing} field difference(s)"
        )
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.format()


def _error_lines(art: ArticleResult, indent: str, detailed: bool = False) -> list[str]:
    """Lines for the misses, false positives and field differences of one article."""
    quote = indent + " " * 8
    lines = []
    for miss in art.missed:
        who = f"  [{', '.join(miss.participants)}]" if detailed and miss.participants else ""
        lines.append(f"{indent}missed  {miss.event_id}{who}")
        if miss.evidence:
            lines.append(f"{quote}\u201c{_shorten(miss.evidence)}\u201d")
        if detailed and miss.nearest:
            lines.append(f"{quote}nearest prediction: {miss.nearest}")
    for fp in art.spurious:
        lines.append(f"{indent}false+  {fp.summary}")
        if fp.evidence:
            lines.append(f"{quote}\u201c{_shorten(fp.evidence)}\u201d")
    differences = [str(d) for d in art.differences] or list(art.mismatches)
    for text in differences:
        lines.append(f"{indent}differs {text}")
    return lines


def _shorten(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "\u2026"


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
    people = ", ".join(_person_label(p) for p in meeting.participants)
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
    differences: list[FieldDifference] = []
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
                differences.append(
                    FieldDifference(
                        g.event_id, name, _text(getattr(g, name)), _text(getattr(p, name))
                    )
                )
        for g_person, p_person in people:
            for name, agree in (("country", _same_country), ("role", _same_role)):
                gv, pv = getattr(g_person, name), getattr(p_person, name)
                ok = agree(gv, pv)
                _count(field_counts, name, ok)
                if not ok:
                    differences.append(FieldDifference(g.event_id, name, gv, pv, g_person.name))
    unmatched = [preds[pi] for pi in matching.unmatched_pred]
    missed = tuple(
        Miss(
            gold.meetings[gi].event_id,
            gold.meetings[gi].evidence,
            participants=tuple(_person_label(p) for p in gold.meetings[gi].participants),
            nearest=_nearest(gold.meetings[gi], unmatched, same),
        )
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
        mismatches=tuple(str(d) for d in differences),
        differences=tuple(differences),
    )
    return result, full


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _person_label(person: Participant) -> str:
    if person.name:
        return person.name
    return f"({' '.join(x for x in (person.country, person.role) if x) or 'unnamed'})"


def _nearest(gold: GoldMeeting, preds: Sequence[Meeting], same: Callable[[str, str], bool]) -> str | None:
    """Summary of the prediction sharing most named people with ``gold`` (at least one)."""
    best, best_shared = None, 0
    for pred in preds:
        shared = sum(
            any(_people_weight(g, p, same) for p in _named(pred)) for g in _named(gold)
        )
        if shared > best_shared:
            best, best_shared = pred, shared
    return _summary(best) if best is not None else None


def _count(counts: dict[str, list[int]], name: str, ok: bool) -> None:
    entry = counts.setdefault(name, [0, 0])
    entry[0] += int(ok)
    entry[1] += 1


def _dedupe_scores(
    golds: Sequence[GoldArticle],
    merged: Sequence[Meeting],
    same: Callable[[str, str], bool],
    predictions: Sequence[Sequence[Meeting]] | None = None,
) -> tuple[Scores, FieldAccuracy]:
    """Pairwise P/R/F1 over required gold mentions: same event vs same merged meeting.

    A gold mention is followed to the merged meeting holding the evidence of the
    per-article prediction it matched (so a report merged into a fuller record still
    counts), else to the merged meeting of its article naming the same people.

    Also returns the share of gold pairs whose two reports were both extracted (each
    matched a per-article prediction) that ended in one merged meeting.
    """
    cluster: dict[tuple[str, str], int] = {}
    extracted: set[tuple[str, str]] = set()
    for k, gold in enumerate(golds):
        candidates = [
            index
            for index, meeting in enumerate(merged)
            if gold.id in meeting.sources or any(e.article_id == gold.id for e in meeting.evidence)
        ]
        if predictions is not None:
            preds = predictions[k]
            for gi, pi, _ in _match(gold.meetings, preds, None, same).pairs:
                key = (gold.id, gold.meetings[gi].event_id)
                extracted.add(key)
                found = _trace(preds[pi], [(i, merged[i]) for i in candidates], gold.id, same)
                if found is not None:
                    cluster[key] = found
        matching = _match(gold.meetings, [merged[i] for i in candidates], gold.id, same)
        for gi, pi, _ in matching.pairs:
            cluster.setdefault((gold.id, gold.meetings[gi].event_id), candidates[pi])
    mentions = [(g.id, m.event_id) for g in golds for m in g.meetings if not m.optional]
    tp = fp = fn = both = joined = 0
    for a, b in combinations(mentions, 2):
        same_event = a[1] == b[1]
        same_merged = a in cluster and b in cluster and cluster[a] == cluster[b]
        tp += same_event and same_merged
        fp += same_merged and not same_event
        fn += same_event and not same_merged
        if same_event and a in extracted and b in extracted:
            both += 1
            joined += same_merged
    coverage = FieldAccuracy(joined / both if both else None, joined, both)
    return Scores.from_counts(tp, fp, fn), coverage


def _trace(
    pred: Meeting, candidates: Sequence[tuple[int, Meeting]], article_id: str, same: Callable[[str, str], bool]
) -> int | None:
    """The merged meeting holding ``pred``'s evidence and naming all its people (the smallest)."""
    spans = {(e.start, e.end) for e in pred.evidence}
    names = [p.name for p in pred.participants if p.name]
    found = []
    for index, meeting in candidates:
        if not any(e.article_id == article_id and (e.start, e.end) in spans for e in meeting.evidence):
            continue
        forms = [_forms(p) for p in meeting.participants]
        if all(any(any(n == f or same(n, f) for f in fs) for fs in forms) for n in names):
            found.append((len(meeting.participants), index))
    return min(found)[1] if found else None


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
    dedupe_extracted = None
    if dedupe and len(golds) >= 2:
        articles = [g.to_article() for g in golds]
        if extract_corpus is not None:
            merged = extract_corpus(articles)
        elif custom_extract:
            merged = _dedupe_per_article(articles, predictions)
        else:
            from diplomeet.corpus import extract_meetings

            merged = extract_meetings(articles, dedupe=True, nlp=nlp)
        dedupe_scores, dedupe_extracted = _dedupe_scores(
            golds, _checked(merged, "extract_corpus"), same, predictions
        )
    return EvaluationReport(
        detection=Scores.from_counts(tp, fp, fn),
        full_match=Scores.from_counts(full_tp, fp + tp - full_tp, fn + tp - full_tp),
        fields=fields,
        dedupe=dedupe_scores,
        per_article=tuple(results),
        dedupe_extracted=dedupe_extracted,
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


def main(argv: Sequence[str] | None = None, *, prog: str = "python -m diplomeet.evaluate") -> int:
    """``python -m diplomeet.evaluate PATHS...``: print the report; returns the exit code."""
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Score diplomeet's extraction against gold annotation files.",
    )
    parser.add_argument("paths", nargs="+", help="gold JSON files or folders of them")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="list misses, false positives, differences"
    )
    parser.add_argument(
        "--errors",
        action="store_true",
        help="the scores, then the error report: per article with errors, the missed, "
        "spurious and field-mismatched meetings (with --json: the errors as JSON)",
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
        data = report.errors() if args.errors else report.to_dict()
        print(json.dumps(data, indent=2, ensure_ascii=False))
    elif args.errors:
        print(report.format(articles=False))
        print()
        print(report.format_errors())
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
