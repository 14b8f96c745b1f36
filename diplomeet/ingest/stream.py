"""An iterator of articles that counts what it skipped, and why."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from diplomeet.models import Article


class ArticleStream(Iterator[Article]):
    """Articles read one at a time from a file; ``skipped`` counts the records left out, by reason.

    Attributes:
        read: Articles yielded so far.
        skipped: Reason -> number of records skipped for it (``"not HTML"``, ``"HTTP status 404"``,
            ``"duplicate payload"``, ``"no article text"``, ...). Filled as the stream is consumed;
            may be shared by several streams (pass the same ``Counter``).
        examples: Reason -> where it first happened (a URL, a row number), for messages.
    """

    def __init__(self, articles: Iterator[Article], skipped: Counter[str], examples: dict[str, str]):
        self._articles = articles
        self.read = 0
        self.skipped = skipped
        self.examples = examples

    def __iter__(self) -> ArticleStream:
        return self

    def __next__(self) -> Article:
        article = next(self._articles)
        self.read += 1
        return article

    def close(self) -> None:
        """Stop reading and release the file (also done when the stream is exhausted)."""
        close = getattr(self._articles, "close", None)
        if close is not None:
            close()

    def summary(self) -> str:
        """One line: ``"12 articles; skipped 3: 2 not HTML, 1 HTTP status 404"``."""
        return f"{self.read} articles; " + describe_skips(self.skipped)


def describe_skips(skipped: Counter[str]) -> str:
    """``"skipped 3: 2 not HTML, 1 HTTP status 404"``, or ``"nothing skipped"``."""
    total = sum(skipped.values())
    if not total:
        return "nothing skipped"
    parts = ", ".join(f"{n} {reason}" for reason, n in skipped.most_common())
    return f"skipped {total}: {parts}"


class Skips:
    """What a reader fills while it runs: the counter and the first place of each reason."""

    def __init__(self, skipped: Counter[str] | None = None):
        self.counts: Counter[str] = Counter() if skipped is None else skipped
        self.examples: dict[str, str] = {}

    def add(self, reason: str, where: str) -> None:
        """Count one skipped record."""
        self.counts[reason] += 1
        self.examples.setdefault(reason, where)

    def stream(self, articles: Iterator[Article]) -> ArticleStream:
        """Wrap a generator of articles."""
        return ArticleStream(articles, self.counts, self.examples)
