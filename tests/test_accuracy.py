"""Accuracy floors on the annotated development and held-out sets (regression guards).

The figures are a little below the measured ones (README), so that a change which makes
extraction worse on articles it was not written from fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from diplomeet.evaluate import evaluate

pytestmark = pytest.mark.model

DATA = Path(__file__).resolve().parent / "data"

FLOORS = {
    # set: (detection F1, full-match F1)
    "dev": (0.90, 0.74),
    "holdout": (0.88, 0.60),
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_accuracy_stays_above_its_floor(name):
    report = evaluate(DATA / name, dedupe=False)
    detection, full = FLOORS[name]
    assert report.detection.f1 >= detection, report.format(verbose=True)
    assert report.full_match.f1 >= full, report.format(verbose=True)
