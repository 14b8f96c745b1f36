"""The ``diplomeet_paragraphs`` component: a line break starts a sentence.

Scraped pages put headlines, captions and datelines on their own lines without final
punctuation; without this the parser glues them to the next sentence.
"""

from __future__ import annotations

from spacy.tokens import Doc


def mark_paragraph_starts(doc: Doc) -> Doc:
    """Set ``is_sent_start`` on the first token after every line break (before the parser runs)."""
    for token in doc[:-1]:
        if "\n" in token.text_with_ws and (token.is_space or token.whitespace_ == "\n"):
            nxt = doc[token.i + 1]
            if not nxt.is_space:
                nxt.is_sent_start = True
    return doc
