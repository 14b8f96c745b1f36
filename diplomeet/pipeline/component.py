"""The ``diplomeet_meetings`` pipeline component: finds meetings in a parsed Doc."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from diplomeet.pipeline.extensions import MEETINGS_KEY


class MeetingExtractor:
    """Adds the meetings stated in a Doc to ``doc.user_data`` (read them with ``doc._.meetings``).

    Needs a pipeline with a parser (or senter), a tagger and NER before it.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "diplomeet_meetings",
        *,
        min_confidence: float = 0.0,
        use_officials_table: bool = True,
    ) -> None:
        self.name = name
        self.min_confidence = min_confidence
        self.use_officials_table = use_officials_table

    def __call__(self, doc: Doc) -> Doc:
        from diplomeet.extract import meetings_from_doc

        meetings = meetings_from_doc(doc, use_officials_table=self.use_officials_table)
        doc.user_data[MEETINGS_KEY] = [
            m.model_dump(mode="json") for m in meetings if m.confidence >= self.min_confidence
        ]
        return doc
