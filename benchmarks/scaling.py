"""Scaling: time of ``extract_meetings`` on one long text of each input class, size doubling.

For each class of :mod:`_inputs` (a list of names, a title repeated, "X met Y" without
punctuation, an article repeated, and articles with other people in every copy), times one ``extract_meetings(text)`` call at each size and prints the CPU
seconds of this process (single-threaded: BLAS threads are set to 1), the wall seconds and
the growth ratio of CPU time per doubling of the input. Linear time gives a ratio near
2.0; the ratio must stay at or below 2.3, and 1 MB of any class must take under 30 s.

    python benchmarks/scaling.py [--sizes 1 2 4 8] [--unit MB|KB] [--classes names met ...]
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import math  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _inputs import UNITS, make_input  # noqa: E402

CLASSES = (*UNITS, "varied")
MAX_RATIO = 2.3


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 4, 8])
    parser.add_argument("--unit", choices=("MB", "KB"), default="MB")
    parser.add_argument("--classes", nargs="+", choices=CLASSES, default=list(CLASSES))
    args = parser.parse_args()

    from diplomeet import extract_meetings, load

    nlp = load()
    extract_meetings("Penny Wong met Melanie Joly in Ottawa on Monday.", nlp=nlp)  # warm up
    scale = 1_000_000 if args.unit == "MB" else 1_000
    worst = 0.0
    print(f"{'class':10} {'size':>8} {'cpu s':>8} {'wall s':>8} {'ratio':>6} {'meetings':>8}", flush=True)
    for kind in args.classes:
        previous = None
        for size in args.sizes:
            text = make_input(kind, int(size * scale))
            cpu, wall = time.process_time(), time.perf_counter()
            meetings = extract_meetings(text, nlp=nlp)
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            ratio = ""
            if previous is not None:
                r = (cpu / previous[1]) ** (1 / max(1e-9, math.log2(size / previous[0])))
                worst = max(worst, r)
                ratio = f"{r:6.2f}"
            previous = (size, cpu)
            print(f"{kind:10} {size:>6g}{args.unit} {cpu:8.1f} {wall:8.1f} {ratio:>6} {len(meetings):8d}", flush=True)
    print(f"worst growth ratio per doubling: {worst:.2f} (limit {MAX_RATIO})")
    return 0 if worst <= MAX_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
