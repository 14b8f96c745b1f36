"""Run diplomeet on Dask: extraction on the workers, deduplication on the client.

Install with ``pip install "diplomeet[dask]"``. Each worker process loads the spaCy model
once (a module-level cache keyed by model name, filled inside the worker); tasks carry
only the model's name, never the pipeline. The extracted records (small) are then merged
across articles on the client with :func:`diplomeet.dedupe_meetings` (linkage compares
records across any partition: one report may list a person more or spell a name another
way), so the result equals ``diplomeet.extract_meetings`` run in one process.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diplomeet.corpus import DEFAULT_BATCH_SIZE, Errors, _check_options, _iterate
from diplomeet.dedupe import dedupe_meetings
from diplomeet.persons import assign_person_ids
from diplomeet.errors import ExtractionWarning
from diplomeet.models import Meeting

if TYPE_CHECKING:
    import dask.bag as db
    from spacy.language import Language

__all__ = ["extract_meetings", "meeting_records"]

# model name -> loaded pipeline, filled lazily inside each worker process
_PIPELINES: dict[str, Language] = {}
# how many pipelines this process has loaded (read by tests through Client.run)
_LOADS = 0


def _worker_pipeline(model: str | None) -> Language:
    """The pipeline for ``model`` in this process, loaded on first use."""
    global _LOADS
    key = model or ""
    nlp = _PIPELINES.get(key)
    if nlp is None:
        from diplomeet.pipeline.loading import load

        nlp = _PIPELINES[key] = load(model)
        _LOADS += 1
    return nlp


def _extract_partition(
    articles: Iterable[Any], model: str | None, batch_size: int, errors: str
) -> list[tuple[str, Any, Any]]:
    """Meetings of one partition as ``("m", meeting, published)`` plus ``("w", message, None)``."""
    out: list[tuple[str, Any, Any]] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ExtractionWarning)
        nlp = _worker_pipeline(model)
        for meeting, article in _iterate(
            list(articles), n_process=1, batch_size=batch_size, errors=errors, progress=False, nlp=nlp
        ):
            published = article.published if meeting.date is None else None
            out.append(("m", meeting, published))
    out.extend(("w", str(w.message), None) for w in caught if issubclass(w.category, ExtractionWarning))
    return out


def _model_name(model: object) -> str | None:
    if model is None or isinstance(model, str):
        return model
    if isinstance(model, Path):
        return str(model)
    raise TypeError(
        "model must be a spaCy model name or path (or None): a loaded pipeline would be "
        f"shipped with every task; got {type(model).__name__}"
    )


def meeting_records(
    bag: db.Bag,
    *,
    model: str | Path | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    errors: Errors = "raise",
) -> db.Bag:
    """A lazy Bag of ``("m", Meeting, published)`` and ``("w", warning message, None)`` records.

    Args:
        bag: A Bag of articles (``Article`` objects, dicts with ``"text"``, or texts).
        model: A spaCy model name or path for the workers to load, or None for the default.
        batch_size: Articles per ``nlp.pipe`` batch inside a partition.
        errors: ``"raise"``, ``"warn"`` or ``"ignore"``, as in ``diplomeet.extract_meetings``.

    Returns:
        The records, one partition per input partition, not yet computed.

    Raises:
        TypeError: ``bag`` is not a Bag, or ``model`` is a loaded pipeline.
        ValueError: An option has a wrong value.
    """
    import dask.bag as db

    if not isinstance(bag, db.Bag):
        raise TypeError(f"bag must be a dask.bag.Bag of articles, got {type(bag).__name__}")
    _check_options(dedupe=True, n_process=1, batch_size=batch_size, errors=errors, progress=False)
    return bag.map_partitions(_extract_partition, _model_name(model), batch_size, errors)


def extract_meetings(
    bag: db.Bag,
    *,
    dedupe: bool = True,
    model: str | Path | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    errors: Errors = "raise",
) -> list[Meeting]:
    """Extract (and by default deduplicate) the meetings of a Bag of articles on Dask.

    Uses the active Dask scheduler: create a ``dask.distributed.Client`` first to run on
    a cluster. Warnings for skipped articles (``errors="warn"``) are raised again here.

    Args:
        bag: A Bag of articles (``Article`` objects, dicts with ``"text"``, or texts).
        dedupe: Merge the reports of the same real meeting across articles.
        model: A spaCy model name or path for the workers to load, or None for the default.
        batch_size: Articles per ``nlp.pipe`` batch inside a partition.
        errors: ``"raise"``, ``"warn"`` or ``"ignore"``, as in ``diplomeet.extract_meetings``.

    Returns:
        The same meetings as ``diplomeet.extract_meetings`` on the same articles in one
        process (in input order when ``dedupe`` is false).

    Raises:
        TypeError: ``bag`` is not a Bag, or ``model`` is a loaded pipeline.
        ValueError: An option has a wrong value.
    """
    import dask

    if not isinstance(dedupe, bool):
        raise TypeError(f"dedupe must be True or False, got {dedupe!r}")
    records = meeting_records(bag, model=model, batch_size=batch_size, errors=errors)
    messages = records.filter(lambda r: r[0] == "w").map(lambda r: r[1])
    found = records.filter(lambda r: r[0] == "m")
    warned, results = dask.compute(messages, found)
    for message in warned:
        warnings.warn(message, ExtractionWarning, stacklevel=2)
    if not dedupe:
        return assign_person_ids([meeting for _, meeting, _ in results])
    # linkage crosses any partition of the records (a report may list one person more, or
    # spell a name another way), so the merge runs once here, on the extracted records
    published = {s: pub for _, m, pub in results if pub is not None for s in m.sources}
    return dedupe_meetings([m for _, m, _ in results], published=published)
