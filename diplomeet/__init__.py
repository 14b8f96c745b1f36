"""diplomeet: a clean, deduplicated record of diplomatic meetings from English news text.

Importing the package is cheap: spaCy, dateparser and the rest load when first used.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from diplomeet.errors import (
    DiplomeetError,
    ExtractionWarning,
    InvalidInputError,
    MissingDependencyError,
    ModelNotFoundError,
)
from diplomeet.models import Article, Evidence, Meeting, Participant, ResolvedDate

__version__ = "0.1.0"

# public name -> module that defines it (imported on first access)
_LAZY = {
    "extract_meetings": "diplomeet.corpus",
    "iter_meetings": "diplomeet.corpus",
    "dedupe_meetings": "diplomeet.dedupe",
    "Linkage": "diplomeet.linkage",
    "DEFAULT_LINKAGE": "diplomeet.linkage",
    "assign_person_ids": "diplomeet.persons",
    "resolve_date": "diplomeet.dates",
    "load": "diplomeet.pipeline.loading",
    "evaluate": "diplomeet.evaluate",
    "to_dataframe": "diplomeet.formats.dataframe",
    "write_jsonl": "diplomeet.formats.jsonl",
    "read_jsonl": "diplomeet.formats.jsonl",
    "to_plover": "diplomeet.formats.plover",
    "to_cameo": "diplomeet.formats.cameo",
    "to_networkx": "diplomeet.graph",
    "plot_network": "diplomeet.graph",
    "plot_timeline": "diplomeet.graph",
    "render": "diplomeet.viz",
    "read_html": "diplomeet.ingest",
    "read_warc": "diplomeet.ingest",
    "read_articles": "diplomeet.ingest",
}

__all__ = [
    "Article",
    "DiplomeetError",
    "Evidence",
    "ExtractionWarning",
    "InvalidInputError",
    "Meeting",
    "MissingDependencyError",
    "ModelNotFoundError",
    "Participant",
    "ResolvedDate",
    *_LAZY,
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'diplomeet' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:  # pragma: no cover
    from diplomeet.corpus import extract_meetings, iter_meetings
    from diplomeet.dates import resolve_date
    from diplomeet.dedupe import dedupe_meetings
    from diplomeet.linkage import DEFAULT_LINKAGE, Linkage
    from diplomeet.persons import assign_person_ids
    from diplomeet.evaluate import evaluate
    from diplomeet.formats.cameo import to_cameo
    from diplomeet.formats.dataframe import to_dataframe
    from diplomeet.formats.jsonl import read_jsonl, write_jsonl
    from diplomeet.formats.plover import to_plover
    from diplomeet.graph import plot_network, plot_timeline, to_networkx
    from diplomeet.ingest import read_articles, read_html, read_warc
    from diplomeet.pipeline.loading import load
    from diplomeet.viz import render
