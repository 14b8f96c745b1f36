"""Synthetic articles for the benchmarks: seed sentences recombined with other names."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
POOL = [
    "Antony Blinken", "Wang Yi", "Mevlut Cavusoglu", "Hakan Fidan", "Josep Borrell", "Annalena Baerbock",
    "Catherine Colonna", "Penny Wong", "Hossein Amir-Abdollahian", "Dmytro Kuleba", "Subrahmanyam Jaishankar",
    "Mauro Vieira", "Naledi Pandor", "Yoko Kamikawa", "Faisal bin Farhan", "Retno Marsudi", "Melanie Joly",
    "James Cleverly", "Antonio Tajani", "Radoslaw Sikorski",
]


def _seed_material() -> tuple[list[str], list[str]]:
    sentences: list[str] = []
    names: set[str] = set()
    for path in sorted(SEEDS.glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (SEEDS / gold["text_file"]).read_text(encoding="utf-8")
        sentences.extend(s.strip() for s in _SENTENCE.split(text) if 40 <= len(s.strip()) <= 400)
        for meeting in gold["meetings"]:
            for p in meeting["participants"]:
                names.update(n for n in [p["name"], *p.get("aliases", [])] if n)
    # longest first, so that "Sergey Lavrov" is replaced before "Lavrov"
    return sentences, sorted(names, key=len, reverse=True)


def make_articles(n: int, *, seed: int = 3, sentences_per_article: int = 6) -> list[dict]:
    """``n`` articles of a few seed sentences each, the seed people replaced by others."""
    rng = random.Random(seed)
    sentences, names = _seed_material()
    pattern = re.compile("|".join(re.escape(n) for n in names))
    articles = []
    for i in range(n):
        cast: dict[str, str] = {}

        def swap(match: re.Match[str]) -> str:
            surname = match.group(0).split()[-1]
            if surname not in cast:
                cast[surname] = rng.choice(POOL)
            full = cast[surname]
            return full if " " in match.group(0) else full.split()[-1]

        body = " ".join(pattern.sub(swap, s) for s in rng.sample(sentences, sentences_per_article))
        day = 1 + i % 28
        articles.append({"id": f"syn{i}", "text": body, "published": f"2021-03-{day:02d}"})
    return articles
