"""The ``diplomeet`` command: ``diplomeet extract PATHS...`` and ``diplomeet evaluate PATHS...``.

``diplomeet evaluate GOLD... --errors`` prints the scores and then the error report: per
article, the missed, spurious and field-mismatched meetings.

Exit codes: 0 on success, 1 on partial success (some articles or JSON Lines lines were
skipped under ``--errors warn`` or ``ignore``; the rest is written), 2 for failure: bad usage
or bad input (a one-line message on stderr, nothing written), 130 when interrupted. An output
file is written whole or not at all (a temporary file renamed into place).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import tempfile
import warnings
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from diplomeet import __version__
from diplomeet.errors import DiplomeetError, ExtractionWarning, InvalidInputError
from diplomeet.ingest.files import INGEST_SUFFIXES, ingest_kind, read_file
from diplomeet.ingest.stream import describe_skips
from diplomeet.models import Article, Meeting

FORMATS = ("jsonl", "csv", "plover", "cameo")
#: Exit codes of ``diplomeet extract``.
EXIT_OK, EXIT_PARTIAL, EXIT_FAILURE, EXIT_INTERRUPTED = 0, 1, 2, 130
#: ``skipped`` reasons that make a run a partial success (exit code 1).
FAILED_ARTICLES, BAD_LINES = "failed in extraction", "malformed JSON Lines lines"
ARTICLE_KEYS = ("id", "text", "published", "url", "title")
_TEXT_SUFFIXES = (".txt",)
_LINES_SUFFIXES = (".jsonl",)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``diplomeet`` command."""
    parser = argparse.ArgumentParser(
        prog="diplomeet",
        description="Extract diplomatic meetings from English news text.",
    )
    parser.add_argument("--version", action="version", version=f"diplomeet {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    extract = commands.add_parser(
        "extract",
        help="extract meetings from text files, JSON Lines, HTML pages, WARC archives and tables",
        description=(
            "Extract meetings from .txt files (one article each, id = file name without "
            ".txt), JSON Lines files of articles "
            '({"id", "text", "published", "url", "title"}), and, with the ingest extra, '
            ".html/.htm pages, .warc/.warc.gz archives and .csv/.parquet tables of articles; "
            "folders are searched recursively for all of these. "
            "Writes to stdout unless -o is given."
        ),
    )
    extract.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    extract.add_argument(
        "-o", "--output", metavar="FILE", help="output file (default: stdout)"
    )
    extract.add_argument(
        "-f",
        "--format",
        choices=FORMATS,
        default=None,
        help="jsonl (meetings, default), csv (one row per meeting), plover (PLOVER JSON "
        "Lines) or cameo (CAMEO dyads as CSV); default: from the -o suffix, else jsonl",
    )
    extract.add_argument(
        "--published",
        metavar="DATE",
        help="publication date (ISO, e.g. 2023-05-19) for articles that carry none",
    )
    extract.add_argument("--model", metavar="NAME", help="spaCy pipeline name or path")
    extract.add_argument(
        "--n-process",
        type=int,
        default=1,
        metavar="N",
        help="processes for the extraction (default 1; -1: one per CPU)",
    )
    extract.add_argument(
        "--no-dedupe",
        action="store_true",
        help="keep one record per article instead of merging reports of the same meeting",
    )
    extract.add_argument(
        "--errors",
        choices=("raise", "warn", "ignore"),
        default="warn",
        help="what to do with an article or JSON Lines line that fails: warn and skip it "
        "(default), ignore it (skip it silently), or raise (stop with exit code 2); "
        "exit code 1 when something was skipped",
    )
    extract.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar on stderr (default: when stderr is a terminal)",
    )
    extract.set_defaults(handler=_extract)

    commands.add_parser(
        "evaluate",
        help="score extraction against gold annotation files (diplomeet evaluate --help)",
        add_help=False,
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (the console-script entry point)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["evaluate"]:  # its own parser: diplomeet.evaluate.main
        evaluation = importlib.import_module("diplomeet.evaluate")
        return int(evaluation.main(argv[1:], prog="diplomeet evaluate"))
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        with warnings.catch_warnings():
            warnings.showwarning = _show_warning
            return int(args.handler(args))
    except DiplomeetError as exc:
        print(f"diplomeet: error: {_one_line(exc)}", file=sys.stderr)
        return EXIT_FAILURE
    except OSError as exc:
        print(f"diplomeet: error: {_one_line(exc)}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print("diplomeet: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _show_warning(message: Warning | str, category: type[Warning], *args: Any, **kw: Any) -> None:
    print(f"diplomeet: warning: {_one_line(message)}", file=sys.stderr)  # type: ignore[arg-type]


def _one_line(exc: BaseException | Warning | str) -> str:
    text = str(exc).strip() or type(exc).__name__
    return " ".join(text.split())


# --------------------------------------------------------------------------------------------
# extract
# --------------------------------------------------------------------------------------------


def _extract(args: argparse.Namespace) -> int:
    published = parse_published(args.published) if args.published else None
    files = find_inputs(args.paths)
    if not files:
        raise InvalidInputError("no articles found in " + ", ".join(args.paths))
    fmt = args.format or _format_from_suffix(args.output)
    urls: dict[str, str] = {}
    skipped: Counter[str] = Counter()
    # articles stream into the extraction (a WARC archive is never held whole); the
    # progress bar counts them as they are done

    def bad_line(message: str) -> None:
        skipped[BAD_LINES] += 1
        if args.errors == "warn":
            print(f"diplomeet: warning: {_one_line(message)}", file=sys.stderr)

    on_bad_line = None if args.errors == "raise" else bad_line  # else the run goes on
    articles = _Counted(read_articles(files, published=published, urls=urls, skipped=skipped, on_bad_line=on_bad_line))
    _count_extraction_skips(skipped, show=args.errors == "warn")

    import diplomeet

    nlp = diplomeet.load(args.model) if args.model else None
    progress = sys.stderr.isatty() if args.progress is None else args.progress
    meetings = diplomeet.extract_meetings(
        articles,
        dedupe=not args.no_dedupe,
        n_process=args.n_process,
        # under "ignore" skipped articles are still counted (exit code 1), only not shown
        errors="warn" if args.errors == "ignore" else args.errors,
        progress=progress,
        nlp=nlp,
    )
    if not articles.count:
        raise InvalidInputError(
            "no articles found in " + ", ".join(args.paths) + f" ({describe_skips(skipped)})"
        )
    if args.output:
        with atomic_output(args.output) as fh:
            write_meetings(meetings, fh, fmt, urls=urls)
    else:
        write_meetings(meetings, sys.stdout, fmt, urls=urls)
    where = args.output or "stdout"
    print(
        f"diplomeet: {len(meetings)} meetings from {articles.count} articles -> {where}"
        + (f"; {describe_skips(skipped)}" if skipped else ""),
        file=sys.stderr,
    )
    return EXIT_PARTIAL if skipped[FAILED_ARTICLES] or skipped[BAD_LINES] else EXIT_OK


@contextmanager
def atomic_output(path: str | os.PathLike[str]) -> Iterator[IO[str]]:
    """An open text file that replaces ``path`` only when the block ends without an exception.

    The text goes to a temporary file in the same folder, flushed to disk and renamed over
    ``path``; after an error, a crash or Ctrl-C, ``path`` is untouched (absent, or as before).
    """
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # as open() would create it
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


class _Counted(Iterator[Article]):
    """Counts the articles that pass through."""

    def __init__(self, articles: Iterator[Article]):
        self._articles = articles
        self.count = 0

    def __iter__(self) -> _Counted:
        return self

    def __next__(self) -> Article:
        article = next(self._articles)
        self.count += 1
        return article


def _count_extraction_skips(skipped: Counter[str], *, show: bool = True) -> None:
    """Count the articles the extraction skips (each one warned about) in ``skipped``."""
    shown = warnings.showwarning
    warnings.simplefilter("always", ExtractionWarning)  # two alike messages are two articles

    def count_then_show(message: Warning | str, category: type[Warning], *args: Any, **kw: Any) -> None:
        if issubclass(category, ExtractionWarning):
            skipped[FAILED_ARTICLES] += 1
            if not show:
                return
        shown(message, category, *args, **kw)

    warnings.showwarning = count_then_show


def parse_published(text: str) -> date | datetime:
    """Parse ``--published``: an ISO date or date-time.

    Raises:
        InvalidInputError: not an ISO date.
    """
    try:
        if len(text) <= 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInputError(
            f"--published must be an ISO date such as 2023-05-19, got {text!r}"
        ) from None


def find_inputs(paths: Sequence[str | os.PathLike[str]]) -> list[Path]:
    """Expand paths into input files: files as given, folders searched for the input kinds.

    Input kinds: .txt, .jsonl, and (read with the ingest extra) .html, .htm, .warc, .warc.gz,
    .csv, .parquet.

    Raises:
        InvalidInputError: a path does not exist, or a file is of none of the input kinds.
    """
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and _is_input(p))
            files.extend(found)
        elif path.is_file():
            if not _is_input(path):
                kinds = ", ".join(_TEXT_SUFFIXES + _LINES_SUFFIXES + INGEST_SUFFIXES)
                raise InvalidInputError(f"{path}: not a .txt or .jsonl file, nor one of {kinds}")
            files.append(path)
        else:
            raise InvalidInputError(f"{path}: no such file or folder")
    return files


def _is_input(path: Path) -> bool:
    suffix = path.suffix.lower()
    return suffix in _TEXT_SUFFIXES + _LINES_SUFFIXES or ingest_kind(path) is not None


def read_articles(
    files: Sequence[Path],
    *,
    published: date | datetime | None = None,
    urls: dict[str, str] | None = None,
    skipped: Counter[str] | None = None,
    on_bad_line: Callable[[str], None] | None = None,
) -> Iterator[Article]:
    """Read articles from the input files (see the ``extract`` help for the forms).

    Args:
        files: Input files.
        published: Publication date for articles that carry none.
        urls: If given, filled with article id -> URL.
        skipped: If given, filled with reason -> number of pages or rows skipped (WARC
            records that are not HTML pages, table rows without text, ...).
        on_bad_line: If given, a JSON Lines line that is not an article is handed to it (a
            message naming the file and line number) and skipped; else it raises.

    Raises:
        InvalidInputError: a JSON Lines record is not JSON, not UTF-8 or not an article (names
            the line), and ``on_bad_line`` is None.
        MissingDependencyError: an HTML, WARC or table file without the ingest extra.
    """
    for path in files:
        if ingest_kind(path) is not None:
            for article in read_file(path, published=published, skipped=skipped):
                if urls is not None and article.url:
                    urls[article.id] = article.url
                yield article
            continue
        if path.suffix.lower() in _TEXT_SUFFIXES:
            text = _read_text(path)
            yield Article(id=path.stem, text=text, published=published)
            continue
        with open(path, "rb") as fh:
            for number, raw in enumerate(fh, start=1):
                if not raw.strip():
                    continue
                try:
                    article = _article_from_line(raw, f"{path}, line {number}", published)
                except InvalidInputError as exc:
                    if on_bad_line is None:
                        raise
                    on_bad_line(f"{exc}; line skipped")
                    continue
                if urls is not None and article.url:
                    urls[article.id] = article.url
                yield article


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InvalidInputError(f"{path}: not UTF-8 text") from None


def _article_from_line(raw: bytes, where: str, published: date | datetime | None) -> Article:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInputError(f"{where}: not UTF-8 text") from None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InvalidInputError(f"{where}: not valid JSON ({exc.msg})") from None
    if not isinstance(record, dict) or "text" not in record:
        raise InvalidInputError(f'{where}: expected an object with a "text" field')
    fields = {k: record[k] for k in ARTICLE_KEYS if record.get(k) is not None}
    if "id" in fields:
        fields["id"] = str(fields["id"])
    if published is not None:
        fields.setdefault("published", published)
    try:
        return Article(**fields)
    except (ValueError, TypeError) as exc:
        raise InvalidInputError(f"{where}: not an article ({_one_line(exc)})") from None


def _format_from_suffix(output: str | None) -> str:
    if output and output.lower().endswith(".csv"):
        return "csv"
    return "jsonl"


def write_meetings(
    meetings: Sequence[Meeting], fh: IO[str], fmt: str, *, urls: dict[str, str] | None = None
) -> None:
    """Write meetings to an open text file in one of ``FORMATS``."""
    from diplomeet.formats import CAMEO_COLUMNS, to_cameo, to_plover, write_csv, write_jsonl

    if fmt == "jsonl":
        write_jsonl(meetings, fh)
    elif fmt == "csv":
        write_csv(meetings, fh)
    elif fmt == "plover":
        for m in meetings:
            fh.write(json.dumps(to_plover(m, urls=urls), ensure_ascii=False) + "\n")
    elif fmt == "cameo":
        import csv

        writer = csv.DictWriter(fh, fieldnames=list(CAMEO_COLUMNS), lineterminator="\n")
        writer.writeheader()
        for m in meetings:
            writer.writerows(to_cameo(m, urls=urls))
    else:
        raise InvalidInputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
