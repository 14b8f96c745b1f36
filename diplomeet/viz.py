"""displaCy view of meetings: evidence sentences with participants, place and date marked."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Union

from diplomeet.formats._common import participant_label
from diplomeet.models import Meeting

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

Renderable = Union[str, "Doc", Meeting, Iterable[Meeting]]

COLORS = {
    "PARTICIPANT": "#7aecec",
    "PLACE": "#feca74",
    "DATE": "#bfe1d9",
}


def render(
    doc_or_text: Renderable,
    *,
    nlp: "Language | None" = None,
    jupyter: bool | None = None,
) -> str | None:
    """Show the meetings of a text with displaCy's entity style.

    One block per evidence sentence: participants (labelled with their country code),
    the place and the date expression are highlighted; the block title gives date, status,
    kind and place.

    Args:
        doc_or_text: An article text (run through ``nlp``), a Doc processed by diplomeet's
            pipeline (``doc._.meetings``), or meetings themselves.
        nlp: Pipeline for a text; ``diplomeet.load()`` when None.
        jupyter: Display in a notebook (True), return HTML (False) or detect (None).

    Returns:
        The HTML markup, or None when it was displayed in a notebook.

    Raises:
        TypeError: the input is none of the accepted kinds.
        ValueError: a Doc that diplomeet's pipeline did not process.
    """
    from spacy import displacy

    meetings = _meetings_of(doc_or_text, nlp)
    docs = [block for m in meetings for block in meeting_blocks(m)]
    if not docs:
        docs = [{"text": "No meetings found.", "ents": [], "title": None}]
    options = {"colors": COLORS}
    return displacy.render(docs, style="ent", manual=True, jupyter=jupyter, options=options)


def _meetings_of(value: Renderable, nlp: "Language | None") -> list[Meeting]:
    if isinstance(value, Meeting):
        return [value]
    if isinstance(value, str):
        if nlp is None:
            import diplomeet

            nlp = diplomeet.load()
        value = nlp(value)
    from spacy.tokens import Doc

    if isinstance(value, Doc):
        if not Doc.has_extension("meetings"):
            raise ValueError(
                "this Doc has no meetings: run it through diplomeet.load() or a pipeline "
                'with nlp.add_pipe("diplomeet_meetings")'
            )
        return list(value._.meetings)
    if isinstance(value, Iterable) and not isinstance(value, (bytes, dict)):
        items = list(value)
        if all(isinstance(m, Meeting) for m in items):
            return items
    raise TypeError(
        f"render() takes a text, a Doc or meetings, got {type(value).__name__}"
    )


def meeting_blocks(meeting: Meeting) -> list[dict[str, Any]]:
    """displaCy manual "ent" data for one meeting: one block per distinct evidence sentence."""
    title = " · ".join(
        x
        for x in (
            meeting.date.isoformat() if meeting.date else meeting.date_text or "date unknown",
            meeting.status,
            meeting.kind.replace("_", " "),
            meeting.location or "place unknown",
        )
    )
    who = "; ".join(participant_label(p) for p in meeting.participants)
    blocks = []
    for sentence in dict.fromkeys(ev.text for ev in meeting.evidence):
        blocks.append(
            {"text": sentence, "ents": _spans(sentence, meeting), "title": f"{title} — {who}"}
        )
    return blocks


def _spans(sentence: str, meeting: Meeting) -> list[dict[str, Any]]:
    candidates: list[tuple[str, str]] = []
    for p in meeting.participants:
        label = p.country_code or "PARTICIPANT"
        for form in {p.name, *p.aliases} - {None}:
            candidates.append((form, label))  # type: ignore[arg-type]
    for form in (meeting.location, meeting.location_country):
        if form:
            candidates.append((form, "PLACE"))
    if meeting.date_text:
        candidates.append((meeting.date_text, "DATE"))
    taken: list[tuple[int, int, str]] = []
    # longest forms first so "Antony Blinken" wins over "Blinken"
    for form, label in sorted(candidates, key=lambda c: -len(c[0])):
        for match in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", sentence):
            start, end = match.span()
            if all(end <= s or start >= e for s, e, _ in taken):
                taken.append((start, end, label))
    return [{"start": s, "end": e, "label": label} for s, e, label in sorted(taken)]
