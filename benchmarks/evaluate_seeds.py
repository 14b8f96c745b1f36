"""Score the extractor on the seed articles and on the development set, and print the reports.

    python benchmarks/evaluate_seeds.py [--verbose] [--model NAME]

A gold set that is not there yet is skipped with a note.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD_SETS = {"seeds": ROOT / "seeds", "dev": ROOT / "tests" / "data" / "dev"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="list misses and false positives"
    )
    parser.add_argument("--model", default=None, help="spaCy pipeline name or path")
    args = parser.parse_args(argv)

    from diplomeet.evaluate import evaluate, load_gold
    from diplomeet.pipeline.loading import load

    started = time.perf_counter()
    nlp = load(args.model)
    print(f"model loaded in {time.perf_counter() - started:.1f}s: {nlp.meta.get('name')}")
    for label, folder in GOLD_SETS.items():
        print(f"\n=== {label}: {folder.relative_to(ROOT)}")
        if not folder.is_dir() or not any(folder.glob("*.json")):
            print("    (no gold files yet: skipped)")
            continue
        n_articles = len(load_gold(folder))
        started = time.perf_counter()
        report = evaluate(folder, nlp=nlp)
        elapsed = time.perf_counter() - started
        print(report.format(verbose=args.verbose))
        print(f"\n{n_articles} articles scored in {elapsed:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
