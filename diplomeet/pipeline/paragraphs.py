"""The ``diplomeet_paragraphs`` component: a line break starts a sentence; no sentence is endless.

Scraped pages put headlines, captions and datelines on their own lines without final
punctuation; without this the parser glues them to the next sentence.

A run of more than :data:`MAX_SENTENCE_TOKENS` tokens without a sentence start (a flattened
table, a list of names, text without punctuation) is cut into pieces of at most that many
tokens, after the last comma, semicolon, colon or dash of the piece when there is one in its
second half, else at the limit. The parser keeps these starts, so every later step works on
sentences of bounded length.
"""

from __future__ import annotations

from spacy.tokens import Doc

from diplomeet.page import soft_line_breaks

#: The longest sentence handed to the parser, in tokens.
MAX_SENTENCE_TOKENS = 150
_BREAKS = frozenset({",", ";", ":", "-", "\u2013", "\u2014"})


def mark_paragraph_starts(doc: Doc, max_tokens: int = MAX_SENTENCE_TOKENS) -> Doc:
    """Set ``is_sent_start`` after line breaks and in runs longer than ``max_tokens`` (before the parser).

    The breaks that only wrap the lines of hard-wrapped prose (``page.soft_line_breaks``) are
    left to the parser: a sentence goes on across them.
    """
    n = len(doc)
    starts = [False] * n
    soft = soft_line_breaks(doc.text) if "\n" in doc.text else frozenset()
    for token in doc[:-1]:
        if "\n" in token.text_with_ws and (token.is_space or token.whitespace_ == "\n"):
            nxt = doc[token.i + 1]
            breaks = {token.idx + i for i, c in enumerate(token.text_with_ws) if c == "\n"}
            if not nxt.is_space and not breaks <= soft:
                starts[nxt.i] = True
    for i in range(n):
        if doc[i].is_sent_start:  # set by an earlier component
            starts[i] = True
    first, last_break = 0, -1
    for i in range(n):
        if starts[i]:
            first, last_break = i, -1
            continue
        if i - first >= max_tokens:
            cut = last_break + 1 if last_break >= first + max_tokens // 2 else i
            starts[cut] = True
            first, last_break = cut, -1
        if doc[i].text in _BREAKS:
            last_break = i
    for i in range(1, n):
        if starts[i]:
            doc[i].is_sent_start = True
    return doc
