"""Speed: extract_meetings over N synthetic articles vs plain ``nlp.pipe`` of the same model.

Prints seconds and articles per second for both and the ratio (the cost of diplomeet on
top of spaCy's own tagging, parsing and NER).

    python benchmarks/speed.py [--n 200] [--n-process 1]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _synthetic import make_articles  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--n-process", type=int, default=1)
    args = parser.parse_args()

    import spacy

    from diplomeet import extract_meetings, load
    from diplomeet.pipeline.loading import COMPONENT

    articles = make_articles(args.n)
    texts = [a["text"] for a in articles]
    nlp = load()
    plain = spacy.load(nlp.meta["lang"] + "_" + nlp.meta["name"])
    if COMPONENT in plain.pipe_names:
        plain.remove_pipe(COMPONENT)
    # warm both up
    list(plain.pipe(texts[:5]))
    extract_meetings(articles[:5], nlp=nlp)

    t0 = time.perf_counter()
    for _ in plain.pipe(texts, n_process=args.n_process):
        pass
    spacy_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    meetings = extract_meetings(articles, nlp=nlp, n_process=args.n_process)
    ours_s = time.perf_counter() - t0
    chars = sum(map(len, texts))
    print(f"articles: {args.n} ({chars / args.n:.0f} chars each), meetings: {len(meetings)}")
    print(f"plain nlp.pipe      {spacy_s:8.1f} s  {args.n / spacy_s:8.1f} articles/s")
    print(f"extract_meetings    {ours_s:8.1f} s  {args.n / ours_s:8.1f} articles/s")
    print(f"ratio               {ours_s / spacy_s:8.2f}x")


if __name__ == "__main__":
    main()
