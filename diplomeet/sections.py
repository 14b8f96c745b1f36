"""Long articles: read in bounded sections, so that time and memory grow linearly with the text.

An article longer than :data:`SECTION_CHARS` characters (a scraped index of names, a page of
tables, a text pasted many times) is cut into consecutive sections of at most that many
characters, at the last paragraph break of each window, else the last sentence end, else the
last space (a giant token is cut where it must). Each section is parsed as its own Doc, so
spaCy's length limit never applies and every per-document step works on a bounded input.

What stays article-wide: the skipped page regions (furniture, teasers, repeated paragraphs),
the dateline and the publication time, computed once on the whole text; evidence offsets
point into the whole text. What does not cross a section boundary: coreference ("the
minister" three sections later) and the within-article merge, which is replaced by the
cross-article merge (:func:`diplomeet.dedupe.dedupe_meetings`) over the sections' meetings.
Articles up to :data:`SECTION_CHARS` characters are read exactly as before, in one piece.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from diplomeet.models import Article, Meeting, stable_hash

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["SECTION_CHARS", "SECTION_KEY", "is_long", "run_article", "shift_meetings", "split_sections"]

#: Articles longer than this (characters) are read in sections of at most this length.
SECTION_CHARS = 20_000
#: ``doc.user_data`` key of a section's article-wide context (JSON-able, survives ``n_process``).
SECTION_KEY = "diplomeet_section"

_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s")
_SPACE = re.compile(r"\s")


def split_sections(text: str, limit: int = SECTION_CHARS) -> list[tuple[int, int]]:
    """Consecutive ``(start, end)`` spans covering ``text``, each at most ``limit`` characters.

    Each cut falls at the last paragraph break of the window, else after the last sentence
    end, else after the last whitespace, provided that leaves at least half a window; else
    the cut is made at the limit itself (inside a giant token).
    """
    if limit < 2:
        raise ValueError(f"limit must be 2 or more, got {limit}")
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    while n - start > limit:
        stop = start + limit
        half = start + limit // 2
        cut = text.rfind("\n\n", half, stop)
        cut = cut + 2 if cut >= 0 else -1
        if cut < 0:
            newline = text.rfind("\n", half, stop)
            cut = newline + 1 if newline >= 0 else -1
        if cut < 0:
            ends = [m.end() for m in _SENTENCE_END.finditer(text, half, stop)]
            cut = ends[-1] if ends else -1
        if cut < 0:
            spaces = [m.end() for m in _SPACE.finditer(text, max(half, stop - 200), stop)]
            cut = spaces[-1] if spaces else -1
        if cut <= start:
            cut = stop
        spans.append((start, cut))
        start = cut
    spans.append((start, n))
    return spans


def shift_meetings(meetings: list[Meeting], offset: int) -> list[Meeting]:
    """The meetings of a section starting at ``offset``: evidence offsets made article-wide.

    The ids of a later section's meetings get the offset mixed in, so that two sections never
    give two different meetings the same id.
    """
    if offset == 0:
        return meetings
    shifted = []
    for m in meetings:
        evidence = [e.model_copy(update={"start": e.start + offset, "end": e.end + offset}) for e in m.evidence]
        shifted.append(m.model_copy(update={"id": "m_" + stable_hash(m.id, "section", offset), "evidence": evidence}))
    return shifted


def run_article(pipeline: Language, article: Article, *, alone: bool = False) -> list[Meeting]:
    """The meetings of one article, read in sections when it is long.

    Args:
        pipeline: A pipeline with the ``diplomeet_meetings`` component.
        article: The article.
        alone: Run each component directly, so that any exception goes through (spaCy's
            error handlers are bypassed); else call the pipeline.
    """
    from diplomeet.extract import prepare_docs

    found: list[Meeting] = []
    docs = prepare_docs(pipeline, article)
    for doc in docs:
        if alone:
            for _, proc in pipeline.pipeline:
                doc = proc(doc)
        else:
            doc = pipeline(doc)
        offset = doc.user_data.get(SECTION_KEY, {}).get("offset", 0)
        found.extend(shift_meetings(doc._.meetings, offset))
    if len(docs) <= 1:
        return found
    from diplomeet.dedupe import dedupe_meetings

    published = {article.id: article.published} if article.published is not None else None
    return dedupe_meetings(found, published=published)


def is_long(article: Article) -> bool:
    """Whether the article is read in sections."""
    return len(article.text) > SECTION_CHARS

