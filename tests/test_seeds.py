"""The five seed articles are the spec: every required meeting with its people, date, place and status."""

from __future__ import annotations

from pathlib import Path

import pytest

from diplomeet.evaluate import evaluate

pytestmark = pytest.mark.model

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# The one field the rules do not reach: 003 places the 4 December meeting in Bratislava only
# through a later quote ("tomorrow in Bratislava") whose "tomorrow" is relative to an earlier day.
KNOWN_GAPS = {"mammadyarov-mnatsakanyan-2019-12-04-bratislava: location gold=Bratislava predicted=None"}


@pytest.fixture(scope="module")
def report():
    return evaluate(SEEDS, dedupe=False)


def test_every_required_meeting_found_and_nothing_spurious(report):
    assert report.detection.f1 == 1.0, report.format(verbose=True)


def test_fields_of_found_meetings_match_the_gold(report):
    differences = {text for article in report.per_article for text in article.mismatches}
    assert differences == KNOWN_GAPS, report.format(verbose=True)
    for name in ("date", "status", "kind", "country", "role"):
        assert report.fields[name].accuracy == 1.0, name


@pytest.mark.xfail(strict=True, reason="place stated only in a later quote relative to another day")
def test_bratislava_meeting_place(report):
    assert report.full_match.f1 == 1.0
