"""spaCy factory registration (loaded through the ``spacy_factories`` entry point; keep it light)."""

from __future__ import annotations

from spacy.language import Language

from diplomeet.pipeline.extensions import register_extensions

DEFAULT_CONFIG = {
    "min_confidence": 0.0,
    "use_officials_table": True,
}


@Language.component("diplomeet_paragraphs")
def paragraph_starts(doc):
    """Start a sentence at every line break (add before the parser)."""
    from diplomeet.pipeline.paragraphs import mark_paragraph_starts

    return mark_paragraph_starts(doc)


@Language.factory("diplomeet_meetings", default_config=DEFAULT_CONFIG)
def make_meeting_extractor(
    nlp: Language, name: str, min_confidence: float, use_officials_table: bool
):
    """Create the ``diplomeet_meetings`` component (see :class:`MeetingExtractor`)."""
    from diplomeet.pipeline.component import MeetingExtractor

    register_extensions()
    return MeetingExtractor(
        nlp, name, min_confidence=min_confidence, use_officials_table=use_officials_table
    )
