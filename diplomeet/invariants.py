"""What every extracted Meeting guarantees, as a check (used by the tests and the fuzz run).

:func:`meeting_problems` lists the ways a meeting breaks the contract of the public API:
fewer than two participants, a range ending before it starts, evidence whose offsets do not
point into the article text or do not quote it, sources that are not input articles.
"""

from __future__ import annotations

from collections.abc import Mapping

from diplomeet.models import Meeting

__all__ = ["meeting_problems"]


def meeting_problems(meeting: Meeting, texts: Mapping[str, str]) -> list[str]:
    """The broken guarantees of ``meeting`` (empty when it is sound).

    Args:
        meeting: An extracted meeting.
        texts: Article id -> article text, for every input article.
    """
    problems: list[str] = []
    if len(meeting.participants) < 2:
        problems.append(f"{len(meeting.participants)} participant(s)")
    if meeting.date_end is not None and (meeting.date is None or meeting.date_end < meeting.date):
        problems.append(f"date_end {meeting.date_end} before date {meeting.date}")
    if not 0.0 <= meeting.confidence <= 1.0:
        problems.append(f"confidence {meeting.confidence} outside 0..1")
    if not meeting.sources:
        problems.append("no sources")
    for source in meeting.sources:
        if source not in texts:
            problems.append(f"source {source!r} is not an input article")
    if not meeting.evidence:
        problems.append("no evidence")
    for e in meeting.evidence:
        text = texts.get(e.article_id or "")
        if text is None:
            problems.append(f"evidence from {e.article_id!r}, not an input article")
        elif not 0 <= e.start < e.end <= len(text):
            problems.append(f"evidence offsets {e.start}:{e.end} outside the text ({len(text)} characters)")
        elif text[e.start : e.end] != e.text:
            problems.append(f"evidence {e.start}:{e.end} does not quote the text: {e.text[:60]!r}")
        if e.article_id is not None and e.article_id not in meeting.sources:
            problems.append(f"evidence from {e.article_id!r}, which is not among the sources")
    return problems
