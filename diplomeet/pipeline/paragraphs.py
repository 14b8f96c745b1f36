"""The ``diplomeet_paragraphs`` component: a line break starts a sentence.

Scraped pages put headlines, captions and datelines on their own lines without final
punctuation; without this the parser glues them to the next sentence.
"""

from __future__ import annotations

from spacy.tokens import Doc

from diplomeet.page import soft_line_breaks


def mark_paragraph_starts(doc: Doc) -> Doc:
    """Set ``is_sent_start`` on the first token after every line break (before the parser runs).

    The breaks that only wrap the lines of hard-wrapped prose (``page.soft_line_breaks``) are
    left to the parser: a sentence goes on across them.
    """
    soft = soft_line_breaks(doc.text) if "\n" in doc.text else frozenset()
    for token in doc[:-1]:
        if "\n" in token.text_with_ws and (token.is_space or token.whitespace_ == "\n"):
            nxt = doc[token.i + 1]
            breaks = {token.idx + i for i, c in enumerate(token.text_with_ws) if c == "\n"}
            if not nxt.is_space and not breaks <= soft:
                nxt.is_sent_start = True
    return doc
