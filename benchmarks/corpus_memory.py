"""Peak memory of streaming extraction: iter_meetings over N synthetic articles.

Each size runs in a fresh process that pulls articles from a generator through
``iter_meetings`` and counts the meetings (nothing is kept), then prints its peak RSS.
Bounded streaming means the peak barely grows with N.

    python benchmarks/corpus_memory.py [--sizes 1000 10000] [--n-process 1]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _child(n: int, n_process: int) -> None:
    sys.path.insert(0, str(HERE))
    from _synthetic import make_articles

    from diplomeet import iter_meetings, load

    nlp = load()
    base = make_articles(min(n, 500))
    after_load = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    stream = ({**base[i % len(base)], "id": f"s{i}"} for i in range(n))
    t0 = time.perf_counter()
    count = sum(1 for _ in iter_meetings(stream, nlp=nlp, n_process=n_process))
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{n:>8} {count:>9} {seconds:>9.1f} {after_load / 1024:>13.0f} {peak / 1024:>13.0f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        _child(args.child, args.n_process)
        return
    print(f"{'articles':>8} {'meetings':>9} {'seconds':>9} {'MiB at start':>13} {'peak MiB':>13}", flush=True)
    for n in args.sizes:
        subprocess.run(
            [sys.executable, __file__, "--child", str(n), "--n-process", str(args.n_process)], check=True
        )


if __name__ == "__main__":
    main()
