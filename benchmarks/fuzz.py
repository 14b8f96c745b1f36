"""Fuzz run: extraction over thousands of mutated articles must finish clean.

Each input is an invented article (``_inputs.varied_article``) mutated at random: cut short,
paragraphs or sentences shuffled or duplicated, control and zero-width characters, other
scripts (Cyrillic, Arabic, CJK, emoji, right-to-left marks, combining accents), lone
surrogates, giant tokens, punctuation removed, all capitals, and a publication date that is
sometimes junk. The run passes when every skipped article was skipped for a documented
reason (``InvalidInputError`` for a bad publication date or a lone surrogate), every meeting satisfies
:func:`diplomeet.invariants.meeting_problems`, and the meetings survive a JSON Lines round
trip.

    python benchmarks/fuzz.py [--n 10000] [--seed 1] [--batch 200]
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import io  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from collections import Counter  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _inputs import varied_article  # noqa: E402

CONTROL = [chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32), 127, 0x85, 0x200B, 0x200E, 0x202E, 0xFEFF, 0x2028)]
SCRIPTS = ["Москва", "Сергей", "القاهرة", "وزير", "北京", "外交部长", "東京", "😀🤝", "Zürich", "İstanbul", "Ærø",
           "e\u0301\u0301", "\u05e9\u05dc\u05d5\u05dd", "\u0939\u093f\u0928\u094d\u0926\u0940", "ﬁ", "Ⅻ"]
#: Why an article may be skipped: a bad publication date, text that is not valid Unicode.
DOCUMENTED = ("published", "lone surrogate")
JUNK_DATES = ["someday", "2023-13-45", "", "0000-00-00", "tomorrow", "2023-05-02T25:00", "1e9", "9999-12-31"]


def mutate(text: str, rng: random.Random) -> str:
    """One to four random mutations of ``text``."""
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(12)
        if op == 0 and text:  # truncated
            text = text[: rng.randrange(len(text))]
        elif op == 1:  # paragraphs shuffled
            paragraphs = text.split("\n\n")
            rng.shuffle(paragraphs)
            text = "\n\n".join(paragraphs)
        elif op == 2:  # sentences shuffled, line breaks lost
            sentences = re.split(r"(?<=[.!?])\s+", text)
            rng.shuffle(sentences)
            text = " ".join(sentences)
        elif op == 3 and text:  # a piece duplicated
            a = rng.randrange(len(text))
            b = min(len(text), a + rng.randint(1, 2000))
            text = text[:b] + text[a:b] * rng.randint(1, 4) + text[b:]
        elif op == 4:  # control characters
            for _ in range(rng.randint(1, 30)):
                k = rng.randrange(len(text) + 1)
                text = text[:k] + rng.choice(CONTROL) + text[k:]
        elif op == 5:  # other scripts
            for _ in range(rng.randint(1, 20)):
                k = rng.randrange(len(text) + 1)
                text = text[:k] + rng.choice(SCRIPTS) + rng.choice(["", " "]) + text[k:]
        elif op == 6:  # a giant token
            k = rng.randrange(len(text) + 1)
            token = rng.choice(["x", "ab", "Minister", "=", "\u4e2d", "."]) * rng.choice([100, 500, 2000, 8000])
            text = text[:k] + token + text[k:]
        elif op == 7:  # no punctuation
            text = re.sub(r"[.,;:!?\"'()-]", "", text)
        elif op == 8:  # capitals
            text = text.upper()
        elif op == 9:  # random characters anywhere
            chars = list(text)
            for _ in range(rng.randint(1, 50)):
                if chars:
                    chars[rng.randrange(len(chars))] = chr(rng.randrange(1, 0x2FFFF))
            text = "".join(chars).replace("\ud800", "")
        elif op == 10:  # a lone surrogate, as left by a lenient decoder
            k = rng.randrange(len(text) + 1)
            text = text[:k] + rng.choice(["\udcff", "\ud800"]) + text[k:]
        else:  # whitespace runs and line breaks
            text = re.sub(r" ", lambda _: rng.choice([" ", "  ", "\n", "\t", " \u00a0"]), text)
    return text


def make_inputs(n: int, seed: int) -> list[dict]:
    """``n`` mutated articles with ids and (sometimes junk) publication dates."""
    rng = random.Random(seed)
    items = []
    for i in range(n):
        text = "\n".join(varied_article(rng) for _ in range(rng.choice([1, 1, 1, 2])))
        item: dict = {"id": f"f{i}", "text": mutate(text, rng)}
        roll = rng.random()
        if roll < 0.7:
            item["published"] = f"20{rng.randint(10, 29)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        elif roll < 0.8:
            item["published"] = rng.choice(JUNK_DATES)
        items.append(item)
    return items


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=200)
    args = parser.parse_args()

    import diplomeet
    from diplomeet.formats import read_jsonl, write_jsonl
    from diplomeet.invariants import meeting_problems

    nlp = diplomeet.load()
    items = make_inputs(args.n, args.seed)
    texts = {item["id"]: item["text"] for item in items}
    failures: list[str] = []
    skip_reasons: Counter[str] = Counter()
    n_meetings = 0
    reported = 0
    slowest = (0.0, "")
    started = time.perf_counter()
    cpu_started = time.process_time()
    for first in range(0, len(items), args.batch):
        batch = items[first : first + args.batch]
        t0 = time.perf_counter()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                meetings = diplomeet.extract_meetings(batch, nlp=nlp, errors="warn")
            except Exception as exc:  # noqa: BLE001 - the run reports anything escaping
                failures.append(f"batch {first}: {type(exc).__name__}: {exc}")
                continue
        elapsed = time.perf_counter() - t0
        if elapsed / len(batch) > slowest[0]:
            slowest = (elapsed / len(batch), f"batch at {first}")
        for w in caught:
            if not issubclass(w.category, diplomeet.ExtractionWarning):
                continue
            message = str(w.message)
            reason = message.split(" skipped: ", 1)[-1].split(":", 1)[0]
            skip_reasons[reason] += 1
            if reason != "InvalidInputError" or not any(d in message for d in DOCUMENTED):
                failures.append(message[:300])
        for m in meetings:
            for problem in meeting_problems(m, texts):
                failures.append(f"{m.id}: {problem}")
        buffer = io.StringIO()
        try:
            write_jsonl(meetings, buffer)
            buffer.getvalue().encode("utf-8")
            if read_jsonl(io.StringIO(buffer.getvalue())) != meetings:
                failures.append(f"batch {first}: JSON Lines round trip changed the meetings")
        except Exception as exc:  # noqa: BLE001
            failures.append(f"batch {first}: JSON Lines: {type(exc).__name__}: {exc}")
        n_meetings += len(meetings)
        for failure in failures[reported:]:
            print("  failure: " + failure[:300], flush=True)
        reported = len(failures)
        done = first + len(batch)
        print(f"{done:6d} inputs, {n_meetings} meetings, {len(failures)} failures, "
              f"{time.perf_counter() - started:7.0f} s", flush=True)
    chars = sum(map(len, texts.values()))
    print(f"inputs: {len(items)} ({chars / len(items):.0f} characters on average, largest {max(map(len, texts.values()))})")
    print(f"meetings: {n_meetings}; skipped: {dict(skip_reasons)}")
    print(f"time: {time.perf_counter() - started:.0f} s wall, {time.process_time() - cpu_started:.0f} s CPU; "
          f"slowest batch {slowest[0]:.2f} s per input ({slowest[1]})")
    print(f"failures: {len(failures)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
