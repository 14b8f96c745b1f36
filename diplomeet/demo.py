"""``python -m diplomeet.demo FOLDER``: extract meetings from a folder of articles, print a table.

Reads ``FOLDER/*.txt``; the publication date, title and URL come from the matching
``*.gold.json`` file when there is one. No pandas needed.
"""

from __future__ import annotations

import json
import sys
import textwrap
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from diplomeet.errors import DiplomeetError, InvalidInputError
from diplomeet.formats._common import participant_label
from diplomeet.models import Article, Meeting

COLUMNS = (
    ("date", 23),
    ("status", 9),
    ("kind", 9),
    ("location", 12),
    ("participants", 50),
    ("sources", 22),
)


def read_folder(folder: str | Path) -> list[Article]:
    """Articles from ``folder/*.txt``, with metadata from matching ``*.gold.json`` files.

    Raises:
        InvalidInputError: the folder does not exist or holds no .txt file.
    """
    root = Path(folder)
    if not root.is_dir():
        raise InvalidInputError(f"{root}: no such folder")
    articles = []
    for path in sorted(root.glob("*.txt")):
        meta: dict[str, object] = {}
        gold = path.with_name(path.stem + ".gold.json")
        if gold.is_file():
            try:
                data = json.loads(gold.read_text(encoding="utf-8"))
            except json.JSONDecodeError as exc:
                raise InvalidInputError(f"{gold}: not valid JSON ({exc.msg})") from None
            meta = {k: data.get(k) for k in ("published", "title", "url")}
        articles.append(Article(id=path.stem, text=path.read_text(encoding="utf-8"), **meta))
    if not articles:
        raise InvalidInputError(f"{root}: no .txt files")
    return articles


def format_date(m: Meeting) -> str:
    """``2017-11-20``, ``2017-11-20..2017-11-21``, or the unresolved expression in brackets."""
    if m.date is None:
        return f"({m.date_text})" if m.date_text else "?"
    if m.date_end and m.date_end != m.date:
        return f"{m.date.isoformat()}..{m.date_end.isoformat()}"
    return m.date.isoformat()


def format_table(meetings: Sequence[Meeting]) -> str:
    """A fixed-width table: one block per meeting, long cells wrapped."""
    header = " ".join(name.ljust(width) for name, width in COLUMNS)
    lines = [header.rstrip(), "-" * len(header)]
    ordered = sorted(meetings, key=lambda m: (m.date is None, m.date or m.date_end or 0, m.id))
    for m in ordered:
        cells = {
            "date": [format_date(m)],
            "status": [m.status],
            "kind": [m.kind],
            "location": [m.location or "?"],
            "participants": [participant_label(p) for p in m.participants],
            "sources": list(m.sources),
        }
        wrapped = {
            name: [
                piece
                for value in cells[name]
                for piece in (textwrap.wrap(value, width) or [""])
            ]
            for name, width in COLUMNS
        }
        height = max(len(v) for v in wrapped.values())
        for row in range(height):
            parts = [
                (wrapped[name][row] if row < len(wrapped[name]) else "").ljust(width)
                for name, width in COLUMNS
            ]
            lines.append(" ".join(parts).rstrip())
        lines.append("")
    return "\n".join(lines)


def summary(meetings: Sequence[Meeting], n_articles: int) -> str:
    """One line: counts of meetings by status and how many more than one article reports."""
    by_status = Counter(m.status for m in meetings)
    parts = ", ".join(f"{n} {status}" for status, n in sorted(by_status.items()))
    shared = sum(1 for m in meetings if len(set(m.sources)) > 1)
    return (
        f"{len(meetings)} meetings ({parts or 'none'}) from {n_articles} articles; "
        f"{shared} reported by more than one article"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the demo on a folder (default ``seeds``); returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    folder = args[0] if args else "seeds"
    try:
        articles = read_folder(folder)
        import diplomeet

        meetings = diplomeet.extract_meetings(articles, dedupe=True)
    except DiplomeetError as exc:
        print(f"diplomeet.demo: error: {exc}", file=sys.stderr)
        return 2
    print(format_table(meetings))
    print(summary(meetings, len(articles)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
