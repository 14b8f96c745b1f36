"""Full-day DATE resolution on MEANTIME: diplomeet.resolve_date beside plain dateparser.

Usage: python benchmarks/dates_meantime.py [MEANTIME_DIR] [--failures PATH]

Cases: every DATE TIMEX3 anchored to tokens whose value is a full day (YYYY-MM-DD). Input: the
expression (tokens joined), its sentence and the document creation time; expected: the value.
A document without a CREATION_TIME timex takes its dateline (the first full-day timex of the
line under the headline) as the creation time; that timex is then not a case, as in every other
document, where the dateline is the creation time itself.

Besides the raw accuracy it prints the accuracy on the cases whose gold passes two automatic
checks: a weekday named in the expression is the weekday of the expected date, and the
document's creation time is the date its own dateline tokens spell.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DIRS = (REPO.parent / "shared" / "tempeval" / "meantime", Path("/work/shared/tempeval/meantime"))
FULL_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Case:
    doc: str
    expression: str
    sentence: str
    created: date
    expected: date
    dateline_ok: bool = True


def join_tokens(tokens: list[str]) -> str:
    """Tokens back to text: no space before punctuation and clitics, none inside brackets."""
    text = " ".join(tokens)
    text = re.sub(r"\s+([,.;:!?%)\]]|'s\b|n't\b|'re\b|'ll\b|'ve\b|'d\b)", r"\1", text)
    text = re.sub(r"([(\[$])\s+", r"\1", text)
    text = re.sub(r"``\s*|\s*''", '"', text)
    return text


def parse_creation(value: str) -> date | None:
    if FULL_DAY.fullmatch(value):
        return date.fromisoformat(value)
    match = re.fullmatch(r"(\d{2})-(\d{2})-(\d{4})", value)  # one document writes DD-MM-YYYY
    if match:
        return date(int(match[3]), int(match[2]), int(match[1]))
    return None


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def dateparser_day(text: str) -> date | None:
    import dateparser

    got = dateparser.parse(text, languages=["en"])
    return got.date() if got else None


def gold_consistent(case: Case) -> bool:
    """False when the gold contradicts itself (a named weekday, or the dateline)."""
    named = [i for i, day in enumerate(WEEKDAYS) if day in case.expression.lower()]
    if named and case.expected.weekday() not in named:
        return False
    return case.dateline_ok


def load_cases(root: Path) -> list[Case]:
    cases: list[Case] = []
    for path in sorted(root.rglob("*.xml")):
        doc = ET.parse(path).getroot()
        if doc.tag != "Document":
            continue
        tokens = {t.get("t_id"): (t.text or "", t.get("sentence")) for t in doc.iter("token")}
        sentences: dict[str | None, list[str]] = {}
        for text, sent in tokens.values():
            sentences.setdefault(sent, []).append(text)
        created = None
        creation_tokens: list[str] = []
        timexes = []
        for timex in doc.iter("TIMEX3"):
            anchors = [a.get("t_id") for a in timex.iter("token_anchor")]
            if timex.get("functionInDocument") == "CREATION_TIME":
                created = parse_creation(timex.get("value", ""))
                creation_tokens = [tokens[a][0] for a in anchors]
            elif anchors and timex.get("type") == "DATE":
                timexes.append((timex, anchors))
        dateline_ok = True
        if created is not None and creation_tokens:
            spelled = dateparser_day(join_tokens(creation_tokens))
            dateline_ok = spelled is None or spelled == created
        if created is None:  # fall back on the dateline
            for timex, anchors in timexes:
                value = timex.get("value", "")
                if tokens[anchors[0]][1] == "1" and FULL_DAY.fullmatch(value):
                    created = date.fromisoformat(value)
                    timexes.remove((timex, anchors))
                    break
        if created is None:
            continue
        for timex, anchors in timexes:
            value = timex.get("value", "")
            if not FULL_DAY.fullmatch(value):
                continue
            sent = tokens[anchors[0]][1]
            cases.append(
                Case(
                    doc=path.stem,
                    expression=join_tokens([tokens[a][0] for a in anchors]),
                    sentence=join_tokens(sentences[sent]),
                    created=created,
                    expected=date.fromisoformat(value),
                    dateline_ok=dateline_ok,
                )
            )
    return cases


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", type=Path, help="the MEANTIME folder")
    parser.add_argument("--failures", type=Path, help="write our failures (TSV) to this file")
    args = parser.parse_args(argv)
    root = args.root or next((d for d in DEFAULT_DIRS if d.is_dir()), DEFAULT_DIRS[-1])
    if not root.is_dir():
        parser.error(f"no MEANTIME folder at {root}")

    import dateparser

    from diplomeet import resolve_date

    cases = load_cases(root)
    if not cases:
        parser.error(f"no full-day DATE timexes found under {root}")
    resolve_date("today", date(2000, 1, 1))  # build the parser outside the timing
    dateparser.parse("1 May 2000", languages=["en"])

    ours_ok, ours_time, failures = 0, 0.0, []
    consistent = [c for c in cases if gold_consistent(c)]
    consistent_ok = 0
    for case in cases:
        start = time.perf_counter()
        got = resolve_date(case.expression, case.created, sentence=case.sentence)
        ours_time += time.perf_counter() - start
        if got is not None and got.precision == "day" and got.date == case.expected:
            ours_ok += 1
            consistent_ok += gold_consistent(case)
        else:
            failures.append((case, got))

    plain_ok, plain_time, plain_consistent_ok = 0, 0.0, 0
    for case in cases:
        base = datetime(case.created.year, case.created.month, case.created.day, 12)
        start = time.perf_counter()
        got_dt = dateparser.parse(case.expression, languages=["en"], settings={"RELATIVE_BASE": base})
        plain_time += time.perf_counter() - start
        if got_dt is not None and got_dt.date() == case.expected:
            plain_ok += 1
            plain_consistent_ok += gold_consistent(case)

    n = len(cases)
    print(f"MEANTIME full-day DATE cases: {n}")
    print(f"diplomeet.resolve_date: {ours_ok / n:.1%} ({ours_ok}/{n}), {ours_time / n * 1000:.3f} ms/call")
    print(f"plain dateparser:       {plain_ok / n:.1%} ({plain_ok}/{n}), {plain_time / n * 1000:.3f} ms/call")
    k = len(consistent)
    print(f"on the {k} cases whose gold passes the consistency checks:")
    print(f"diplomeet.resolve_date: {consistent_ok / k:.1%} ({consistent_ok}/{k})")
    print(f"plain dateparser:       {plain_consistent_ok / k:.1%} ({plain_consistent_ok}/{k})")
    if args.failures:
        with args.failures.open("w", encoding="utf-8") as out:
            out.write("doc\texpression\tcreated\texpected\tgot\tprecision\tgold_consistent\tsentence\n")
            for case, got in failures:
                out.write(
                    f"{case.doc}\t{case.expression}\t{case.created}\t{case.expected}\t"
                    f"{got.date if got else None}\t{got.precision if got else None}\t"
                    f"{gold_consistent(case)}\t{case.sentence}\n"
                )
        print(f"{len(failures)} failures written to {args.failures}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
