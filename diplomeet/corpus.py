"""Many articles: streaming extraction, the errors policy, progress, and the corpus merge.

``iter_meetings`` streams the meetings of each article as it is processed (memory stays
bounded whatever the corpus size); ``extract_meetings`` collects them and, by default,
merges the reports of the same real meeting across articles (:func:`dedupe_meetings`).

Articles are checked and turned into Docs one by one before they enter ``nlp.pipe``, so
a bad article never reaches the pipeline. An exception inside the pipeline drops only
the Docs it hit (spaCy's error handler); each dropped article is then run again on its
own, in this process, so that the culprit is named and every other article goes on.
"""

from __future__ import annotations

import sys
import warnings
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal

from pydantic import ValidationError

from diplomeet.errors import ExtractionWarning, InvalidInputError, ModelNotFoundError
from diplomeet.models import Article, Meeting

if TYPE_CHECKING:
    from pathlib import Path

    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["extract_meetings", "iter_meetings", "to_article", "DEFAULT_BATCH_SIZE"]

Errors = Literal["raise", "warn", "ignore"]
#: Articles per batch handed to ``nlp.pipe`` (and to each worker when ``n_process > 1``).
DEFAULT_BATCH_SIZE = 32
_ERRORS = ("raise", "warn", "ignore")
_ARTICLE_FIELDS = frozenset(Article.model_fields)


def extract_meetings(
    articles: str | Iterable[Article | Mapping[str, Any] | str],
    published: date | datetime | str | None = None,
    *,
    dedupe: bool = True,
    n_process: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    errors: Errors = "raise",
    progress: bool = False,
    nlp: Language | str | Path | None = None,
) -> list[Meeting]:
    """Extract the diplomatic meetings of one article or of a corpus.

    Args:
        articles: One article text (``str``), or an iterable of articles: ``Article``
            objects, dicts with the same keys (``"text"`` required), or plain texts.
        published: Publication date or time of a single text (only with a ``str``);
            give each article of a corpus its own ``published``.
        dedupe: Merge the reports of the same real meeting across articles into one
            Meeting listing all their sources and evidence.
        n_process: Processes for ``nlp.pipe`` (``-1``: one per CPU).
        batch_size: Articles per batch.
        errors: What to do with an article that is invalid or fails: ``"raise"`` the
            error, ``"warn"`` (skip it with an ``ExtractionWarning`` naming its id and
            the reason) or ``"ignore"`` (skip it silently).
        progress: Show a progress bar on stderr.
        nlp: A loaded spaCy pipeline, a model name or path, or None for the default model.

    Returns:
        The meetings: deduplicated within each article, and across articles when
        ``dedupe`` is true. Every participant carries a ``person_id`` shared by all
        mentions of the same person in the input (and its canonical name and spellings).

    Raises:
        InvalidInputError: An article is malformed (with ``errors="raise"``).
        TypeError: ``articles`` or an option is of the wrong type.
        ValueError: An option has a wrong value.
        ModelNotFoundError: No spaCy model could be loaded.
    """
    _check_options(dedupe=dedupe, n_process=n_process, batch_size=batch_size, errors=errors, progress=progress)
    if isinstance(articles, (bytes, bytearray)):
        raise TypeError("text is bytes: decode it first, e.g. data.decode('utf-8')")
    if isinstance(articles, Article):
        if published is not None:
            raise TypeError("published= is for a single text; this Article carries its own published")
        return _one_article(articles, errors=errors, nlp=nlp)
    if isinstance(articles, str):
        return _one_article(to_article({"text": articles, "published": published}), errors=errors, nlp=nlp)
    if published is not None:
        raise TypeError(
            "published= is only for a single text; give each article of a corpus its own "
            "'published' (Article(published=...) or a dict key)"
        )
    pub_dates: dict[str, date | datetime] = {}
    meetings: list[Meeting] = []
    for meeting, article in _iterate(
        articles, n_process=n_process, batch_size=batch_size, errors=errors, progress=progress, nlp=nlp
    ):
        meetings.append(meeting)
        if dedupe and meeting.date is None and article.published is not None:
            pub_dates[article.id] = article.published
    if not dedupe:
        from diplomeet.persons import assign_person_ids

        return assign_person_ids(meetings)
    from diplomeet.dedupe import dedupe_meetings

    return dedupe_meetings(meetings, published=pub_dates)


def iter_meetings(
    articles: Iterable[Article | Mapping[str, Any] | str],
    *,
    dedupe: bool = False,
    n_process: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    errors: Errors = "raise",
    progress: bool = False,
    nlp: Language | str | Path | None = None,
) -> Iterator[Meeting]:
    """Stream the meetings of many articles, article by article, in input order.

    Meetings are deduplicated within each article but not across articles (pass the
    collected meetings to ``dedupe_meetings`` for that). Memory stays bounded: only the
    articles in flight are held.

    Args:
        articles: An iterable of ``Article`` objects, dicts with the same keys, or texts.
        dedupe: Must stay False (a stream cannot be merged across articles); use
            ``extract_meetings`` or ``dedupe_meetings`` instead.
        n_process: Processes for ``nlp.pipe`` (``-1``: one per CPU).
        batch_size: Articles per batch.
        errors: ``"raise"``, ``"warn"`` or ``"ignore"`` (see ``extract_meetings``).
        progress: Show a progress bar on stderr.
        nlp: A loaded spaCy pipeline, a model name or path, or None for the default model.

    Returns:
        An iterator of meetings. Options are checked at once; the model loads on the
        first ``next()``.

    Raises:
        TypeError: ``articles`` is a single text or article, or an option has a wrong type.
        ValueError: An option has a wrong value.
    """
    _check_options(dedupe=dedupe, n_process=n_process, batch_size=batch_size, errors=errors, progress=progress)
    if dedupe:
        raise ValueError(
            "iter_meetings() streams article by article and cannot merge across articles; "
            "use extract_meetings(..., dedupe=True) or dedupe_meetings() on the collected meetings"
        )
    if isinstance(articles, (str, Article)):
        raise TypeError("iter_meetings() expects an iterable of articles; for one text use extract_meetings(text)")
    gen = _iterate(articles, n_process=n_process, batch_size=batch_size, errors=errors, progress=progress, nlp=nlp)
    return (meeting for meeting, _ in gen)


def to_article(item: object, position: int = 0) -> Article:
    """Turn an ``Article``, a dict or a text into an ``Article``, or say what is wrong.

    Args:
        item: The article as given.
        position: Its position in the input (for the error message).

    Returns:
        The article (its id a hash of the text when none was given).

    Raises:
        InvalidInputError: The item is not an article, lacks ``"text"``, has a non-str
            text, an unknown key or an unreadable value.
    """
    if isinstance(item, Article):
        return item
    if isinstance(item, str):
        return Article(text=item)
    if not isinstance(item, Mapping):
        raise InvalidInputError(
            f"article #{position} is a {type(item).__name__}; expected an Article, a dict with 'text', or a str"
        )
    ident = item.get("id")
    where = f"article #{position}" + (f" (id {ident!r})" if ident is not None else "")
    if "text" not in item:
        raise InvalidInputError(f"{where} has no 'text'")
    if not isinstance(item["text"], str):
        raise InvalidInputError(f"{where}: 'text' must be a str, got {type(item['text']).__name__}")
    unknown = sorted(str(k) for k in item if k not in _ARTICLE_FIELDS)
    if unknown:
        raise InvalidInputError(
            f"{where} has unknown key(s) {unknown}; allowed: {sorted(_ARTICLE_FIELDS)}"
        )
    data = dict(item)
    if isinstance(data.get("id"), int) and not isinstance(data.get("id"), bool):
        data["id"] = str(data["id"])
    try:
        return Article.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise InvalidInputError(f"{where} is invalid: {problems}") from None


# ----------------------------------------------------------------------------- internals


def _check_options(*, dedupe: object, n_process: object, batch_size: object, errors: object, progress: object) -> None:
    if not isinstance(dedupe, bool):
        raise TypeError(f"dedupe must be True or False, got {dedupe!r}")
    if not isinstance(progress, bool):
        raise TypeError(f"progress must be True or False, got {progress!r}")
    if not isinstance(n_process, int) or isinstance(n_process, bool):
        raise TypeError(f"n_process must be an int, got {type(n_process).__name__}")
    if n_process < 1 and n_process != -1:
        raise ValueError(f"n_process must be 1 or more (or -1 for one per CPU), got {n_process}")
    if not isinstance(batch_size, int) or isinstance(batch_size, bool):
        raise TypeError(f"batch_size must be an int, got {type(batch_size).__name__}")
    if batch_size < 1:
        raise ValueError(f"batch_size must be 1 or more, got {batch_size}")
    if errors not in _ERRORS:
        raise ValueError(f"errors must be one of {', '.join(map(repr, _ERRORS))}, got {errors!r}")


def _describe(article: object, position: int) -> str:
    """How a warning names an article: its id when known, else its position in the input."""
    ident = article.id if isinstance(article, Article) else article.get("id") if isinstance(article, Mapping) else None
    return f"article {ident!r}" if ident not in (None, "") else f"article #{position}"


def _fail(errors: str, what: str, exc: BaseException) -> None:
    """Apply the errors policy to a failing article (returns when it is to be skipped)."""
    if errors == "raise":
        raise exc
    if errors == "warn":
        warnings.warn(f"{what} skipped: {type(exc).__name__}: {exc}", ExtractionWarning, stacklevel=2)


def _one_article(article: Article, *, errors: str, nlp: Language | str | Path | None) -> list[Meeting]:
    from diplomeet.extract import extract_text

    from diplomeet.persons import assign_person_ids

    try:
        return assign_person_ids(extract_text(article.text, article.published, nlp=nlp, article_id=article.id))
    except (ModelNotFoundError, TypeError):
        raise
    except Exception as exc:
        _fail(errors, _describe(article, 0), exc)
        return []


def _drop_doc(name: str, proc: object, docs: list[Doc], exc: Exception) -> None:
    """spaCy error handler: drop the Docs a component failed on (they are retried alone)."""


def _iterate(
    articles: Iterable[Article | Mapping[str, Any] | str],
    *,
    n_process: int,
    batch_size: int,
    errors: str,
    progress: bool,
    nlp: Language | str | Path | None,
) -> Iterator[tuple[Meeting, Article]]:
    if isinstance(articles, Mapping) or not isinstance(articles, Iterable):
        raise TypeError(
            f"articles must be an iterable of Article objects, dicts or texts, got {type(articles).__name__}"
        )
    from tqdm import tqdm

    from diplomeet.extract import prepare_doc
    from diplomeet.pipeline.loading import load
    from diplomeet.sections import is_long, run_article

    pipeline = load(nlp)
    total = len(articles) if hasattr(articles, "__len__") else None  # type: ignore[arg-type]
    bar = tqdm(total=total, unit="article", file=sys.stderr, disable=not progress, desc="diplomeet")
    source = iter(enumerate(articles))
    pending: deque[tuple[int, Article]] = deque()
    refused: list[BaseException] = []  # errors raised on purpose under errors="raise"

    def prepared() -> Iterator[tuple[Doc, int]]:
        while True:
            try:
                position, item = next(source)
            except StopIteration:
                return
            except Exception as exc:  # the caller's iterable failed (a reader's bad input)
                refused.append(exc)
                raise
            try:
                article = to_article(item, position)
                doc = None if is_long(article) else prepare_doc(pipeline, article)
            except Exception as exc:
                bar.update(1)
                if errors == "raise":
                    refused.append(exc)
                _fail(errors, _describe(item, position), exc)
                continue
            pending.append((position, article))
            if doc is not None:  # a long article waits in ``pending`` and is read alone, in sections
                yield doc, position

    def retried(position: int, article: Article) -> Iterator[tuple[Meeting, Article]]:
        bar.update(1)
        try:
            meetings = run_article(pipeline, article, alone=True)
        except Exception as exc:
            if errors == "raise":
                refused.append(exc)
            _fail(errors, _describe(article, position), exc)
            return
        for meeting in meetings:
            yield meeting, article

    saved = _swap_error_handlers(pipeline, _drop_doc)
    try:
        while True:
            try:
                for doc, position in pipeline.pipe(
                    prepared(), as_tuples=True, n_process=n_process, batch_size=batch_size
                ):
                    while pending and pending[0][0] != position:
                        yield from retried(*pending.popleft())  # long, or dropped by the pipeline
                    _, article = pending.popleft()
                    bar.update(1)
                    for meeting in doc._.meetings:
                        yield meeting, article
            except Exception as exc:
                if any(exc is r for r in refused):
                    raise
                # a component without an error handler broke the batch: run the articles
                # in flight one by one (naming the culprit), then go on with the rest
                while pending:
                    yield from retried(*pending.popleft())
                continue
            while pending:
                yield from retried(*pending.popleft())
            break
    finally:
        _restore_error_handlers(pipeline, saved)
        bar.close()


def _swap_error_handlers(pipeline: Language, handler: Any) -> tuple[Any, dict[str, Any]]:
    """Install ``handler`` where spaCy allows it; return what was there."""
    saved_default = pipeline.default_error_handler
    saved: dict[str, Any] = {}
    pipeline.default_error_handler = handler
    for name, proc in pipeline.pipeline:
        if hasattr(proc, "get_error_handler") and hasattr(proc, "set_error_handler"):
            try:
                before = proc.get_error_handler()
                proc.set_error_handler(handler)
            except AttributeError:  # compiled components without the attribute
                continue
            saved[name] = before
    return saved_default, saved


def _restore_error_handlers(pipeline: Language, saved: tuple[Any, dict[str, Any]]) -> None:
    default, per_component = saved
    pipeline.default_error_handler = default
    for name, proc in pipeline.pipeline:
        if name in per_component:
            proc.set_error_handler(per_component[name])
