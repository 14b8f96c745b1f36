"""Doc extension attributes: JSON-able storage in ``doc.user_data``, rebuilt on access.

Storing plain data (not pydantic objects) keeps Docs picklable, so ``nlp.pipe(n_process>1)``
and ``Doc.to_bytes`` carry the meetings across processes.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from spacy.tokens import Doc

MEETINGS_KEY = "diplomeet_meetings"


def _get_meetings(doc: Doc) -> list[Any]:
    from diplomeet.models import Meeting

    return [Meeting.model_validate(data) for data in doc.user_data.get(MEETINGS_KEY, [])]


def published_iso(value: date | datetime | str | None) -> str | None:
    """The publication time as an ISO string (what ``doc._.published`` stores)."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"published must be a date, datetime, ISO string or None, got {type(value).__name__}")


def register_extensions() -> None:
    """Register ``doc._.meetings``, ``doc._.published`` and ``doc._.article_id`` (idempotent)."""
    if not Doc.has_extension("meetings"):
        Doc.set_extension("meetings", getter=_get_meetings)
    if not Doc.has_extension("published"):
        Doc.set_extension("published", default=None)
    if not Doc.has_extension("article_id"):
        Doc.set_extension("article_id", default=None)
