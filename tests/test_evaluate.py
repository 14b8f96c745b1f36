"""Tests of diplomeet.evaluate: gold loading, matching, scores, report and command line."""

from __future__ import annotations

import importlib
import json
from datetime import date
from pathlib import Path

import pytest

import diplomeet
from diplomeet.errors import InvalidInputError
from diplomeet.evaluate import (
    EvaluationReport,
    Scores,
    _fallback_same_person,
    _max_weight_pairs,
    _same_role,
    evaluate,
    load_gold,
    main,
)
from diplomeet.models import Evidence, Meeting, Participant

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

BLINKEN = {"name": "Antony Blinken", "aliases": ["Blinken"], "role": "Secretary of State",
           "country": "United States"}
CAVUSOGLU = {"name": "Mevlut Cavusoglu", "aliases": ["Mevlüt Çavuşoğlu", "Cavusoglu"],
             "role": "Foreign Minister", "country": "Turkey"}
WANG = {"name": "Wang Yi", "aliases": [], "role": "Foreign Minister", "country": "China"}
LAVROV = {"name": "Sergey Lavrov", "aliases": ["Sergei Lavrov", "Lavrov"],
          "role": "Foreign Minister", "country": "Russia"}


def gold_meeting(event_id, *people, date="2021-03-24", location="Ankara", status="occurred",
                 kind="in_person", optional=None, evidence=None):
    data = {
        "event_id": event_id,
        "participants": [dict(p) for p in people],
        "date": date,
        "date_end": None,
        "location": location,
        "status": status,
        "kind": kind,
        "evidence": evidence,
    }
    if optional is not None:
        data["optional"] = optional
    return data


def write_gold(folder: Path, article_id: str, meetings, text="Some article text.",
               published="2021-03-25"):
    path = folder / f"{article_id}.gold.json"
    path.write_text(
        json.dumps({"id": article_id, "published": published, "text": text,
                    "meetings": meetings}),
        encoding="utf-8",
    )
    return path


def person(name=None, aliases=(), role=None, country=None):
    return Participant(name=name, aliases=list(aliases), role=role, country=country)


def as_person(data: dict) -> Participant:
    return person(data["name"], data.get("aliases", []), data.get("role"), data.get("country"))


def predicted(mid, *people, when=date(2021, 3, 24), location="Ankara", status="occurred",
              kind="in_person", article_id=None, evidence="They met."):
    return Meeting(
        id=mid,
        participants=list(people),
        date=when,
        location=location,
        status=status,
        kind=kind,
        evidence=[Evidence(article_id=article_id, text=evidence, start=0, end=len(evidence))],
        sources=[article_id] if article_id else [],
    )


def fake(by_text: dict[str, list[Meeting]]):
    """An extractor answering from a table keyed by article text."""
    calls = []

    def extract(text, published):
        calls.append((text, published))
        return by_text.get(text, [])

    extract.calls = calls
    return extract


# ------------------------------------------------------------------ scores


def test_scores_from_counts():
    s = Scores.from_counts(3, 1, 2)
    assert s.precision == pytest.approx(0.75)
    assert s.recall == pytest.approx(0.6)
    assert s.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert Scores.from_counts(0, 0, 0).f1 == 1.0
    assert Scores.from_counts(0, 0, 4) == Scores(0.0, 0.0, 0.0, 0, 0, 4)


def test_assignment_is_optimal_where_greedy_is_not():
    # greedy would take (0, 0) = 5 and leave row 1 unmatched; the optimum pairs both rows
    weights = [[5, 4], [3, 0]]
    assert _max_weight_pairs(weights) == [(0, 1), (1, 0)]
    assert _max_weight_pairs([[0, 0], [0, 7], [2, 0]]) == [(1, 1), (2, 0)]
    assert _max_weight_pairs([]) == []


def test_fallback_name_identity():
    assert _fallback_same_person("Sergey Lavrov", "Sergei Lavrov")
    assert _fallback_same_person("Mevlüt Çavuşoğlu", "Cavusoglu")
    assert not _fallback_same_person("Sergey Lavrov", "Sergey Shoigu")
    assert not _fallback_same_person("the Russian president", "the Turkish president")
    assert _fallback_same_person("the Russian president", "the Russian President")


# ------------------------------------------------------------------ detection


def test_perfect_extractor_scores_one(tmp_path):
    write_gold(tmp_path, "a1", [gold_meeting("cavusoglu-wang", CAVUSOGLU, WANG)], text="T1")
    extract = fake({"T1": [predicted("m1", as_person(CAVUSOGLU), as_person(WANG))]})
    report = evaluate(tmp_path, extract=extract)
    assert report.detection == Scores(1.0, 1.0, 1.0, 1, 0, 0)
    assert report.full_match.f1 == 1.0
    assert all(f.accuracy == 1.0 for f in report.fields.values())
    assert report.fields["role"].count == 2
    assert report.dedupe is None  # one article only
    assert extract.calls == [("T1", date(2021, 3, 25))]


def test_empty_extractor_misses_everything(tmp_path):
    write_gold(tmp_path, "a1", [gold_meeting("cavusoglu-wang", CAVUSOGLU, WANG, evidence="E")],
               text="T1")
    report = evaluate(tmp_path, extract=fake({}))
    assert (report.detection.tp, report.detection.fp, report.detection.fn) == (0, 0, 1)
    assert report.detection.recall == 0.0 and report.detection.f1 == 0.0
    assert report.per_article[0].missed_event_ids == ["cavusoglu-wang"]
    assert report.per_article[0].missed[0].evidence == "E"
    assert report.fields["date"].accuracy is None


def test_spurious_prediction_is_a_false_positive(tmp_path):
    write_gold(tmp_path, "a1", [gold_meeting("cavusoglu-wang", CAVUSOGLU, WANG)], text="T1")
    extract = fake({"T1": [
        predicted("m1", as_person(CAVUSOGLU), as_person(WANG)),
        # the extractor's own article id (a text hash) differs from the gold id
        predicted("m2", as_person(BLINKEN), as_person(WANG), evidence="Blinken met Wang.",
                  article_id="a_0123456789abcdef"),
    ]})
    report = evaluate(tmp_path, extract=extract)
    assert (report.detection.tp, report.detection.fp, report.detection.fn) == (1, 1, 0)
    assert report.detection.precision == 0.5
    (fp,) = report.per_article[0].spurious
    assert fp.meeting_id == "m2" and "Antony Blinken" in fp.summary
    assert fp.evidence == "Blinken met Wang."


def test_wrong_date_detects_but_fails_full_match(tmp_path):
    write_gold(tmp_path, "a1", [gold_meeting("cavusoglu-wang", CAVUSOGLU, WANG)], text="T1")
    extract = fake({"T1": [
        predicted("m1", as_person(CAVUSOGLU), as_person(WANG), when=date(2021, 3, 23))
    ]})
    report = evaluate(tmp_path, extract=extract)
    assert report.detection.f1 == 1.0
    assert report.full_match == Scores(0.0, 0.0, 0.0, 0, 1, 1)
    assert report.fields["date"].accuracy == 0.0
    assert report.fields["location"].accuracy == 1.0
    assert any("date" in text for text in report.per_article[0].mismatches)


def test_location_is_compared_after_folding(tmp_path):
    write_gold(tmp_path, "a1", [gold_meeting("x", CAVUSOGLU, WANG, location="Bakı")], text="T1")
    extract = fake({"T1": [predicted("m1", as_person(CAVUSOGLU), as_person(WANG),
                                     location="baki")]})
    assert evaluate(tmp_path, extract=extract).full_match.f1 == 1.0


def test_optional_meetings_are_neutral(tmp_path):
    unnamed_a = {"name": None, "role": "President", "country": "Armenia"}
    unnamed_b = {"name": None, "role": "President", "country": "Azerbaijan"}
    write_gold(tmp_path, "a1", [
        gold_meeting("cavusoglu-wang", CAVUSOGLU, WANG),
        gold_meeting("teaser", BLINKEN, LAVROV, optional=True),
        gold_meeting("presidents", unnamed_a, unnamed_b),  # optional by rule: no names
        gold_meeting("teaser-2", BLINKEN, WANG, optional=True),  # never found: no penalty
    ], text="T1")
    extract = fake({"T1": [
        predicted("m1", as_person(CAVUSOGLU), as_person(WANG)),
        predicted("m2", as_person(BLINKEN), as_person(LAVROV)),  # matches the optional teaser
        predicted("m3", person(None, role="President", country="Armenia"),
                  person(None, role="President", country="Azerbaijan")),
        predicted("m4", as_person(LAVROV), person(None, country="France")),  # one name only
    ]})
    report = evaluate(tmp_path, extract=extract)
    assert (report.detection.tp, report.detection.fp, report.detection.fn) == (1, 0, 0)
    assert report.per_article[0].ignored == 3
    # the required meeting is still missed when only the optional ones are predicted
    report = evaluate(tmp_path, extract=fake({"T1": [
        predicted("m2", as_person(BLINKEN), as_person(LAVROV))]}))
    assert (report.detection.tp, report.detection.fp, report.detection.fn) == (0, 0, 1)


def test_optional_does_not_steal_a_required_match(tmp_path):
    write_gold(tmp_path, "a1", [
        gold_meeting("teaser", CAVUSOGLU, WANG, optional=True, date="2021-03-24"),
        gold_meeting("real", CAVUSOGLU, WANG, date="2021-05-01"),
    ], text="T1")
    extract = fake({"T1": [predicted("m1", as_person(CAVUSOGLU), as_person(WANG))]})
    report = evaluate(tmp_path, extract=extract)
    assert (report.detection.tp, report.detection.fn) == (1, 0)
    assert report.full_match.tp == 0  # matched the required one despite its other date


def test_aliases_match_and_other_people_do_not(tmp_path):
    write_gold(tmp_path, "a1", [gold_meeting("lavrov-cavusoglu", LAVROV, CAVUSOGLU)], text="T1")
    extract = fake({"T1": [predicted(
        "m1",
        person("Sergei Lavrov", role="Minister of Foreign Affairs", country="Russia"),
        person("Mevlüt Çavuşoğlu", role="foreign minister", country="Turkey"),
    )]})
    report = evaluate(tmp_path, extract=extract)
    assert report.detection.f1 == 1.0
    assert report.fields["role"].accuracy == 1.0  # role synonyms and case fold
    wrong = fake({"T1": [predicted("m1", person("Sergey Shoigu", country="Russia"),
                                   as_person(CAVUSOGLU))]})
    report = evaluate(tmp_path, extract=wrong)
    assert (report.detection.tp, report.detection.fp, report.detection.fn) == (0, 1, 1)


def test_trilateral_and_bilaterals_are_told_apart(tmp_path):
    write_gold(tmp_path, "a1", [
        gold_meeting("tri", LAVROV, CAVUSOGLU, WANG),
        gold_meeting("bi", LAVROV, WANG),
    ], text="T1")
    extract = fake({"T1": [
        predicted("m1", as_person(LAVROV), as_person(WANG)),
        predicted("m2", as_person(LAVROV), as_person(WANG), as_person(CAVUSOGLU)),
        predicted("m3", as_person(LAVROV), as_person(CAVUSOGLU)),
    ]})
    report = evaluate(tmp_path, extract=extract)
    assert (report.detection.tp, report.detection.fp, report.detection.fn) == (2, 1, 0)
    assert report.fields["country"].count == 5


def test_participant_fields_are_scored(tmp_path):
    write_gold(tmp_path, "a1", [gold_meeting("x", CAVUSOGLU, WANG)], text="T1")
    extract = fake({"T1": [predicted("m1", person("Wang Yi", role="Premier", country="China"),
                                     person("Cavusoglu", country="Turkiye",
                                            role="Foreign Minister"))]})
    report = evaluate(tmp_path, extract=extract)
    assert report.detection.f1 == 1.0
    assert report.fields["country"].correct == 1 and report.fields["country"].count == 2
    assert report.fields["role"].correct == 1


@pytest.mark.parametrize(
    ("gold", "pred", "same"),
    [
        ("Foreign Minister", "Minister of Foreign Affairs", True),
        ("State Councilor and Foreign Minister", "Foreign Minister", True),
        ("Secretary-General", "secretary general", True),
        ("President", "Prime Minister", False),
        ("Vice-President", "President", False),
        ("Caretaker Prime Minister", "Prime Minister", True),
        ("Deputy Foreign Minister", "Foreign Minister", False),
        ("General Secretary of the Communist Party of Vietnam", "General Secretary", True),
        ("Head of the Office of the President", "President", False),
        (None, "President", False),
        (None, None, True),
    ],
)
def test_role_comparison(gold, pred, same):
    assert _same_role(gold, pred) is same


def test_extractor_must_return_meetings(tmp_path):
    write_gold(tmp_path, "a1", [gold_meeting("x", CAVUSOGLU, WANG)], text="T1")
    with pytest.raises(TypeError, match="Meeting"):
        evaluate(tmp_path, extract=lambda text, published: [{"id": "m"}])


# ------------------------------------------------------------------ deduplication


def test_dedupe_pairwise_scores(tmp_path):
    # event A is reported by a1, a2, a3; event B by a1, a2
    for aid in ("a1", "a2", "a3"):
        meetings = [gold_meeting("A", LAVROV, CAVUSOGLU)]
        if aid != "a3":
            meetings.append(gold_meeting("B", BLINKEN, WANG))
        write_gold(tmp_path, aid, meetings, text=f"text of {aid}")

    def per_article(text, published):
        aid = text.split()[-1]
        out = [predicted(f"{aid}-A", as_person(LAVROV), as_person(CAVUSOGLU), article_id=aid)]
        if aid != "a3":
            out.append(predicted(f"{aid}-B", as_person(BLINKEN), as_person(WANG), article_id=aid))
        return out

    def merged(ids, mid, lavrov_side=True):
        people = ([as_person(LAVROV), as_person(CAVUSOGLU)] if lavrov_side
                  else [as_person(BLINKEN), as_person(WANG)])
        return Meeting(id=mid, participants=people, date=date(2021, 3, 24), location="Ankara",
                       status="occurred",
                       evidence=[Evidence(article_id=i, text="x", start=0, end=1) for i in ids],
                       sources=list(ids))

    def corpus_perfect(articles):
        assert [a.id for a in articles] == ["a1", "a2", "a3"]
        return [merged(["a1", "a2", "a3"], "A"), merged(["a1", "a2"], "B", False)]

    def corpus_split(articles):  # A only merged across a1 and a2; B never merged
        return [merged(["a1", "a2"], "A12"), merged(["a3"], "A3"),
                merged(["a1"], "B1", False), merged(["a2"], "B2", False)]

    report = evaluate(tmp_path, extract=per_article, extract_corpus=corpus_perfect)
    assert report.detection.f1 == 1.0
    assert report.dedupe == Scores(1.0, 1.0, 1.0, 4, 0, 0)

    report = evaluate(tmp_path, extract=per_article, extract_corpus=corpus_split)
    # gold pairs: A(a1,a2) A(a1,a3) A(a2,a3) B(a1,a2); predicted pairs: A(a1,a2) only
    assert report.dedupe == Scores.from_counts(1, 0, 3)
    # all four gold pairs had both reports extracted; one of them was merged
    assert (report.dedupe_extracted.correct, report.dedupe_extracted.count) == (1, 4)
    assert "both reports extracted: 4, merged 1" in report.format()

    report = evaluate(tmp_path, extract=per_article, extract_corpus=corpus_perfect, dedupe=False)
    assert report.dedupe is None


def test_dedupe_penalises_merging_different_events(tmp_path):
    write_gold(tmp_path, "a1", [gold_meeting("E1", LAVROV, CAVUSOGLU, date="2021-03-24")],
               text="one")
    write_gold(tmp_path, "a2", [gold_meeting("E2", LAVROV, CAVUSOGLU, date="2021-06-01")],
               text="two")
    both = Meeting(id="M", participants=[as_person(LAVROV), as_person(CAVUSOGLU)],
                   status="occurred", sources=["a1", "a2"])
    report = evaluate(tmp_path, extract=fake({}), extract_corpus=lambda arts: [both])
    assert report.dedupe == Scores.from_counts(0, 1, 0)
    assert report.dedupe.precision == 0.0


def test_default_dedupe_uses_per_article_predictions(tmp_path, monkeypatch):
    module = importlib.import_module("diplomeet.evaluate")
    write_gold(tmp_path, "a1", [gold_meeting("A", LAVROV, CAVUSOGLU)], text="one")
    write_gold(tmp_path, "a2", [gold_meeting("A", LAVROV, CAVUSOGLU)], text="two")
    seen = {}

    def fake_merge(articles, predictions):
        seen["ids"] = [a.id for a in articles]
        seen["n"] = [len(p) for p in predictions]
        meeting = predictions[0][0].model_copy(update={"sources": ["a1", "a2"]})
        return [meeting]

    monkeypatch.setattr(module, "_dedupe_per_article", fake_merge)
    extract = fake({t: [predicted("m", as_person(LAVROV), as_person(CAVUSOGLU))]
                    for t in ("one", "two")})
    report = evaluate(tmp_path, extract=extract)
    assert seen == {"ids": ["a1", "a2"], "n": [1, 1]}
    assert report.dedupe == Scores(1.0, 1.0, 1.0, 1, 0, 0)


def test_per_article_predictions_are_tagged_with_gold_ids(tmp_path, monkeypatch):
    pytest.importorskip("diplomeet.dedupe")
    write_gold(tmp_path, "a1", [gold_meeting("A", LAVROV, CAVUSOGLU)], text="one")
    write_gold(tmp_path, "a2", [gold_meeting("A", LAVROV, CAVUSOGLU)], text="two")
    received = []

    def merge_all(meetings):  # stands in for the real merge: everything is one meeting
        meetings = list(meetings)
        received.extend(meetings)
        first = meetings[0]
        return [first.model_copy(update={
            "sources": [s for m in meetings for s in m.sources],
            "evidence": [e for m in meetings for e in m.evidence]})]

    monkeypatch.setattr("diplomeet.dedupe.dedupe_meetings", merge_all)
    hashed = "a_0123456789abcdef"  # what the extractor calls an article it got as plain text
    extract = fake({t: [predicted(f"m-{t}", as_person(LAVROV), as_person(CAVUSOGLU),
                                  article_id=hashed)] for t in ("one", "two")})
    report = evaluate(tmp_path, extract=extract)
    assert [m.sources for m in received] == [["a1"], ["a2"]]
    assert [m.evidence[0].article_id for m in received] == ["a1", "a2"]
    assert report.dedupe == Scores(1.0, 1.0, 1.0, 1, 0, 0)


# ------------------------------------------------------------------ gold files


def test_text_file_and_folder_selection(tmp_path):
    (tmp_path / "x.txt").write_text("Body of x.", encoding="utf-8")
    (tmp_path / "x.gold.json").write_text(json.dumps(
        {"id": "x", "text_file": "x.txt", "published": "2017-11-21T05:44:27",
         "meetings": [gold_meeting("e", LAVROV, WANG, date=None, location=None)]}),
        encoding="utf-8")
    (tmp_path / "config.json").write_text("{}", encoding="utf-8")  # ignored: *.gold.json exist
    (gold,) = load_gold(tmp_path)
    assert gold.text == "Body of x."
    assert gold.published.hour == 5
    assert gold.meetings[0].date is None and not gold.meetings[0].optional


def test_several_paths_and_duplicate_ids(tmp_path):
    first = write_gold(tmp_path, "a1", [])
    other = tmp_path / "other"
    other.mkdir()
    second = write_gold(other, "a2", [])
    assert [g.id for g in load_gold([first, str(second)])] == ["a1", "a2"]
    write_gold(other, "a1", [])
    with pytest.raises(InvalidInputError, match="a1"):
        load_gold([tmp_path, other])


def test_missing_path_is_reported(tmp_path):
    with pytest.raises(InvalidInputError, match="no such gold file"):
        load_gold(tmp_path / "nope.gold.json")
    with pytest.raises(InvalidInputError, match="no \\*.gold.json"):
        load_gold(tmp_path)


def test_bad_json_names_the_file(tmp_path):
    bad = tmp_path / "broken.gold.json"
    bad.write_text('{"id": "x", ', encoding="utf-8")
    with pytest.raises(InvalidInputError, match="broken.gold.json.*not valid JSON"):
        evaluate(bad, extract=fake({}))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("meetings"), "'meetings'"),
        (lambda d: d.pop("id"), "'id'"),
        (lambda d: d.pop("text"), "'text' or 'text_file'"),
        (lambda d: d.update(text_file="gone.txt", text=None), "gone.txt"),
        (lambda d: d["meetings"][0].pop("event_id"), "'event_id'"),
        (lambda d: d["meetings"][0].pop("status"), "'status'"),
        (lambda d: d["meetings"][0].update(status="held"), "status 'held'"),
        (lambda d: d["meetings"][0].update(kind="letter"), "kind 'letter'"),
        (lambda d: d["meetings"][0].update(date="24/03/2021"), "ISO day"),
        (lambda d: d["meetings"][0]["participants"].pop(), "two or more"),
        (lambda d: d["meetings"][0]["participants"][0].update(name=None), "optional"),
        (lambda d: d["meetings"][0]["participants"][0].update(aliases="Lavrov"), "aliases"),
        (lambda d: d["meetings"].append(d["meetings"][0]), "used twice"),
        (lambda d: d.update(published="last week"), "published"),
    ],
)
def test_malformed_gold_is_rejected(tmp_path, change, message):
    data = {"id": "a1", "text": "T", "published": "2021-03-25",
            "meetings": [gold_meeting("e", LAVROV, WANG, optional=False)]}
    change(data)
    path = tmp_path / "a1.gold.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InvalidInputError, match=message) as info:
        load_gold(path)
    assert "a1.gold.json" in str(info.value)


def test_seed_gold_files_load():
    golds = load_gold(SEEDS)
    assert len(golds) == 5
    required = [m for g in golds for m in g.meetings if not m.optional]
    assert len(required) == 13
    for gold in golds:
        flat = " ".join(gold.text.split())
        for m in gold.meetings:
            assert m.evidence and " ".join(m.evidence.split()) in flat, (gold.id, m.event_id)


# ------------------------------------------------------------------ report and command line


def test_report_text_and_dict(tmp_path):
    write_gold(tmp_path, "a1", [gold_meeting("cavusoglu-wang", CAVUSOGLU, WANG, evidence="E1"),
                                gold_meeting("blinken-wang", BLINKEN, WANG, evidence="E2")],
               text="T1")
    extract = fake({"T1": [predicted("m1", as_person(CAVUSOGLU), as_person(WANG),
                                     location="Beijing"),
                           predicted("m9", as_person(LAVROV), as_person(WANG))]})
    report = evaluate(tmp_path, extract=extract)
    assert isinstance(report, EvaluationReport)
    text = str(report)
    assert "detection" in text and "full match" in text and "a1" in text
    assert "0.500" in text and "blinken-wang" not in text
    verbose = report.format(verbose=True)
    assert "missed  blinken-wang" in verbose and "E2" in verbose
    assert "false+  Sergey Lavrov, Wang Yi" in verbose
    assert "location gold=Ankara predicted=Beijing" in verbose
    data = report.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["detection"]["tp"] == 1
    assert data["per_article"][0]["missed"][0]["event_id"] == "blinken-wang"
    with pytest.raises(AttributeError):
        report.detection = report.full_match  # frozen


def test_package_attribute_is_callable(tmp_path, monkeypatch):
    write_gold(tmp_path, "a1", [gold_meeting("x", CAVUSOGLU, WANG)], text="T1")
    extract = fake({"T1": [predicted("m1", as_person(CAVUSOGLU), as_person(WANG))]})
    assert diplomeet.evaluate(tmp_path, extract=extract).detection.f1 == 1.0
    # after `import diplomeet.evaluate` the package attribute may be the module itself
    module = importlib.import_module("diplomeet.evaluate")
    monkeypatch.setattr(diplomeet, "evaluate", module)
    assert diplomeet.evaluate(tmp_path, extract=extract).detection.f1 == 1.0


def test_command_line_reports_bad_gold(tmp_path, capsys):
    assert main([str(tmp_path / "missing.gold.json")]) == 2
    assert "missing.gold.json" in capsys.readouterr().err


# ------------------------------------------------------------------ the specification


def _meetings_from_gold(gold, with_optional=True):
    out = []
    for i, m in enumerate(gold.meetings):
        if m.optional and not with_optional:
            continue
        out.append(Meeting(
            id=f"{gold.id}-{i}", participants=list(m.participants), date=m.date,
            date_end=m.date_end, location=m.location, status=m.status, kind=m.kind,
            evidence=[Evidence(article_id=gold.id, text=m.evidence or "", start=0, end=1)],
            sources=[gold.id],
        ))
    return out


@pytest.mark.parametrize("with_optional", [True, False])
def test_gold_as_predictions_scores_one_on_seeds(with_optional):
    golds = {g.text: g for g in load_gold(SEEDS)}

    def extract(text, published):
        return _meetings_from_gold(golds[text], with_optional)

    def corpus(articles):
        merged = {}
        for article in articles:
            gold = golds[article.text]
            for m, pred in zip([m for m in gold.meetings if with_optional or not m.optional],
                               _meetings_from_gold(gold, with_optional)):
                if m.event_id in merged:
                    first = merged[m.event_id]
                    pred = first.model_copy(update={
                        "sources": first.sources + pred.sources,
                        "evidence": first.evidence + pred.evidence})
                merged[m.event_id] = pred
        return list(merged.values())

    report = evaluate(SEEDS, extract=extract, extract_corpus=corpus)
    assert report.detection == Scores(1.0, 1.0, 1.0, 13, 0, 0)
    assert report.full_match.f1 == 1.0
    assert all(f.accuracy == 1.0 for f in report.fields.values())
    # 001 and 004 share two events: two gold pairs, both found
    assert report.dedupe == Scores(1.0, 1.0, 1.0, 2, 0, 0)
    ignored = sum(a.ignored for a in report.per_article)
    assert ignored == (6 if with_optional else 0)


def test_docs_example_is_a_valid_gold_file(tmp_path):
    docs = (Path(__file__).resolve().parent.parent / "docs" / "evaluation.md").read_text(
        encoding="utf-8"
    )
    example = json.loads(docs.split("```json", 1)[1].split("```", 1)[0])
    evidence = example["meetings"][0]["evidence"]
    (tmp_path / example["text_file"]).write_text("ANKARA -- " + evidence, encoding="utf-8")
    (tmp_path / f"{example['id']}.gold.json").write_text(json.dumps(example), encoding="utf-8")
    (gold,) = load_gold(tmp_path)
    assert gold.meetings[0].evidence in gold.text
    people = [as_person(p) for p in example["meetings"][0]["participants"]]
    extract = fake({gold.text: [predicted("m", *people)]})
    assert evaluate(tmp_path, extract=extract).full_match.f1 == 1.0


# ------------------------------------------------------------------ the error report


def _error_case(tmp_path):
    write_gold(tmp_path, "a1", [gold_meeting("cavusoglu-wang", CAVUSOGLU, WANG, evidence="E1"),
                                gold_meeting("blinken-wang", BLINKEN, WANG, evidence="E2")],
               text="T1")
    write_gold(tmp_path, "a2", [gold_meeting("lavrov-wang", LAVROV, WANG)], text="T2")
    wrong_country = as_person(WANG).model_copy(update={"country": "Taiwan"})
    extract = fake({
        "T1": [predicted("m1", as_person(CAVUSOGLU), wrong_country, location="Beijing"),
               predicted("m2", as_person(BLINKEN), as_person(WANG), as_person(LAVROV))],
        "T2": [predicted("m3", as_person(LAVROV), as_person(WANG))],
    })
    return evaluate(tmp_path, extract=extract, dedupe=False)


def test_error_report_lists_misses_spurious_and_differences(tmp_path):
    report = _error_case(tmp_path)
    errors = report.errors()
    assert [e["id"] for e in errors] == ["a1"]  # a2 is right: left out
    (a1,) = errors
    assert a1["missed"][0]["event_id"] == "blinken-wang"
    assert a1["missed"][0]["participants"] == ["Antony Blinken", "Wang Yi"]
    # the prediction with an extra person is the nearest to the missed meeting
    assert a1["missed"][0]["nearest"].startswith("Antony Blinken, Wang Yi, Sergey Lavrov")
    assert a1["spurious"][0]["summary"].startswith("Antony Blinken, Wang Yi, Sergey Lavrov")
    fields = {(d["field"], d["participant"]): (d["gold"], d["predicted"]) for d in a1["differences"]}
    assert fields[("location", None)] == ("Ankara", "Beijing")
    assert fields[("country", "Wang Yi")] == ("China", "Taiwan")
    assert json.loads(json.dumps(errors)) == errors
    text = report.format_errors()
    assert text.startswith("a1  (TP 1, FP 1, FN 1)")
    assert "missed  blinken-wang  [Antony Blinken, Wang Yi]" in text
    assert "nearest prediction: Antony Blinken, Wang Yi, Sergey Lavrov" in text
    assert "differs cavusoglu-wang: Wang Yi country gold=China predicted=Taiwan" in text
    assert "a2" not in text
    assert text.splitlines()[-1] == (
        "1 of 2 article(s) with errors: 1 missed, 1 spurious, 2 field difference(s)"
    )
    # the string form kept for older callers
    assert "cavusoglu-wang: location gold=Ankara predicted=Beijing" in report.per_article[0].mismatches


def test_command_line_error_report(tmp_path, monkeypatch, capsys):
    from diplomeet import cli

    report = _error_case(tmp_path)
    module = importlib.import_module("diplomeet.evaluate")
    monkeypatch.setattr(module, "evaluate", lambda paths, **kwargs: report)
    assert cli.main(["evaluate", str(tmp_path), "--errors"]) == 0
    out = capsys.readouterr().out
    assert "detection" in out and "missed  blinken-wang" in out
    assert "  a2 " not in out  # neither a per-article row nor an error block for a clean article
    assert cli.main(["evaluate", str(tmp_path), "--errors", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [e["id"] for e in data] == ["a1"]
    with pytest.raises(SystemExit):
        cli.main(["evaluate", "--help"])
    assert "diplomeet evaluate" in capsys.readouterr().out


def test_a_report_merged_into_a_fuller_record_still_counts(tmp_path):
    # a2 omits the third participant; the merge keeps the fuller record of a1
    third = {"name": "Ararat Mirzoyan", "role": "Foreign Minister", "country": "Armenia"}
    write_gold(tmp_path, "a1", [gold_meeting("A", LAVROV, CAVUSOGLU, third)], text="one")
    write_gold(tmp_path, "a2", [gold_meeting("A", LAVROV, CAVUSOGLU)], text="two")
    people = [as_person(LAVROV), as_person(CAVUSOGLU)]
    extract = fake({
        "one": [predicted("m1", *people, as_person(third), evidence="All three met.")],
        "two": [predicted("m2", *people)],
    })

    def corpus(articles):
        return [Meeting(id="M", participants=people + [as_person(third)], status="occurred",
                        date=date(2021, 3, 24), location="Ankara", sources=["a1", "a2"],
                        evidence=[Evidence(article_id="a1", text="All three met.", start=0, end=14),
                                  Evidence(article_id="a2", text="They met.", start=0, end=9)])]

    report = evaluate(tmp_path, extract=extract, extract_corpus=corpus)
    assert report.dedupe == Scores(1.0, 1.0, 1.0, 1, 0, 0)
    assert report.dedupe_extracted.accuracy == 1.0
