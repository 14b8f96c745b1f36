"""Tests of diplomeet.page: skipped regions, datelines and in-text publication stamps."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diplomeet.page import (
    Region,
    find_dateline,
    find_publication_time,
    normalize_same_length,
    region_at,
    skipped_regions,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_IDS = sorted(p.name.split(".")[0] for p in SEEDS.glob("*.gold.json"))

BODY = (
    "Turkish Foreign Minister Mevlut Cavusoglu met Chinese Foreign Minister Wang Yi in Ankara on Monday. "
    "The two ministers discussed trade, regional security and the situation in the Middle East, "
    "officials said after the talks."
)
BODY2 = "Both sides agreed to continue the dialogue and to prepare a visit by the Turkish president later this year."
TEASER = "Blinken holds phone call with Cavusoglu on Black Sea grain deal"


def seed(seed_id: str) -> tuple[str, dict]:
    gold = json.loads((SEEDS / f"{seed_id}.gold.json").read_text(encoding="utf-8"))
    text = (SEEDS / gold["text_file"]).read_text(encoding="utf-8")
    return text, gold


def kept(text: str, regions: list[Region], snippet: str) -> bool:
    start = text.index(snippet)
    return region_at(regions, start, start + len(snippet)) is None


def skipped_as(text: str, regions: list[Region], snippet: str) -> str | None:
    start = text.index(snippet)
    region = region_at(regions, start, start + len(snippet))
    if region is None or not (region.start <= start and start + len(snippet) <= region.end):
        return None
    return region.reason


# ------------------------------------------------------------------ normalisation


def test_normalize_same_length_maps_odd_characters() -> None:
    raw = "a\u00a0b\u2009c\u202fd\u2007e\u200bf\ufeff\u2018x\u2019 \u201cy\u201d \u201az\u201e \u2032 \u2013 \u2014"
    out = normalize_same_length(raw)
    assert len(out) == len(raw)
    assert out == "a b c d e f 'x' \"y\" 'z\" ' \u2013 \u2014"


@pytest.mark.parametrize("seed_id", SEED_IDS)
def test_normalize_keeps_length_on_seeds(seed_id: str) -> None:
    text, _ = seed(seed_id)
    out = normalize_same_length(text)
    assert len(out) == len(text)
    assert "\u00a0" not in out and "\u2019" not in out


@given(st.text())
def test_normalize_length_property(text: str) -> None:
    assert len(normalize_same_length(text)) == len(text)


def test_non_string_input_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="text must be a str"):
        skipped_regions(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        find_dateline(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="title"):
        skipped_regions("text", title=3)  # type: ignore[arg-type]


# ------------------------------------------------------------------ seeds


@pytest.mark.parametrize("seed_id", SEED_IDS)
def test_seed_body_evidence_never_skipped(seed_id: str) -> None:
    text, gold = seed(seed_id)
    regions = skipped_regions(text, title=gold.get("title"))
    assert regions == sorted(regions, key=lambda r: r.start)
    assert all(a.end <= b.start for a, b in zip(regions, regions[1:]))
    for meeting in gold["meetings"]:
        evidence = meeting["evidence"]
        start = text.index(evidence)
        region = region_at(regions, start, start + len(evidence))
        if meeting["optional"] and "teaser" in gold["notes"] and region is not None:
            assert region.reason == "teaser"
        else:
            assert region is None, (evidence, region)


def test_seed_000_teasers_skipped_caption_dated() -> None:
    text, _ = seed("000_57316ca0c65a78a2")
    regions = skipped_regions(text)
    teaser = [r for r in regions if r.reason == "teaser"]
    assert len(teaser) == 1
    assert text[teaser[0].start :].startswith("Related articles")
    assert teaser[0].end == len(text.rstrip())
    assert kept(text, regions, "photo: Russian Foreign Minister Sergei Lavrov met")
    assert find_dateline(text) is None
    stamp = find_publication_time(text)
    assert stamp is not None
    assert stamp.value == date(2017, 1, 24)
    assert stamp.basis == "in-text"
    assert stamp.text == "Tuesday, 24 January 2017"


def test_seed_001_stamp_and_menu() -> None:
    text, _ = seed("001_e633b9a43a37ef55")
    regions = skipped_regions(text)
    assert skipped_as(text, regions, "Az Iw En Ru") == "nav"
    assert kept(text, regions, "Strategic partnership")
    stamp = find_publication_time(text)
    assert stamp is not None
    assert stamp.value == datetime(2017, 11, 20, 19, 18)
    assert stamp.basis == "stamp"
    assert text[stamp.start : stamp.end] == "19:18 20.11.2017"
    assert find_dateline(text) is None


def test_seed_002_dateline_and_tail_sections() -> None:
    text, _ = seed("002_6175461c8c055e4a")
    regions = skipped_regions(text)
    dateline = find_dateline(text)
    assert dateline is not None
    assert (dateline.city, dateline.date_text) == ("Moscow", None)
    assert text[dateline.start : dateline.end] == "MOSCOW \u2014"
    assert text[dateline.city_start : dateline.city_end] == "MOSCOW"
    assert skipped_as(text, regions, "Well in order to believe") == "comments"
    assert skipped_as(text, regions, "Leave a Reply") == "comments"
    assert skipped_as(text, regions, "Sign Up for Our Newsletters") == "newsletter"
    assert skipped_as(text, regions, "You May Also Like") == "teaser"
    last = regions[-1]
    assert last.reason == "teaser" and last.end == len(text.rstrip())
    assert text.index("You May Also Like") >= last.start
    assert find_publication_time(text) is None  # no full date outside the teasers


def test_seed_003_no_false_dateline_cookie_notice() -> None:
    text, _ = seed("003_3bf6e1a8bff7b059")
    regions = skipped_regions(text)
    assert find_dateline(text) is None
    assert skipped_as(text, regions, "See Also") == "teaser"
    assert skipped_as(text, regions, "Our website uses cookies") == "cookie"
    assert kept(text, regions, "I hope that tomorrow in Bratislava")


def test_seed_004_dateline_stamp_and_repeated_body() -> None:
    text, gold = seed("004_40155533aaa2c299")
    regions = skipped_regions(text, title=gold["title"])
    dateline = find_dateline(text, regions=regions)
    assert dateline is not None
    assert dateline.city == "Baku"
    assert dateline.date_text == "Nov. 20"
    assert text[dateline.start : dateline.end] == "BAKU, Nov. 20 (Xinhua) --"
    assert (dateline.city_start, dateline.city_end) == (text.index("BAKU"), text.index("BAKU") + 4)

    stamp = find_publication_time(text, regions=regions)
    assert stamp is not None
    assert stamp.value == datetime(2017, 11, 21, 5, 44, 27)
    assert stamp.basis == "stamp"
    assert stamp.text == "2017-11-21 05:44:27"
    assert stamp.start == text.index("2017-11-21 05:44:27")

    # the second copy, from "Back to Top" to the end, is skipped entirely, character by character
    copy_start = text.index("Back to Top")
    covered = set()
    for region in regions:
        covered.update(range(region.start, region.end))
    assert all(i in covered for i in range(copy_start, len(text)) if not text[i].isspace())
    assert {r.reason for r in regions if r.start >= copy_start} >= {"repeat", "furniture"}
    # the first copy is kept apart from the metadata line
    first = text[:copy_start]
    assert [text[r.start : r.end] for r in regions if r.end <= copy_start] == [
        "Source: Xinhua | 2017-11-21 05:44:27 | Editor: huaxia"
    ]
    assert "BAKU, Nov. 20 (Xinhua)" in first


def test_seed_004_without_title_still_restarts_on_headline() -> None:
    text, gold = seed("004_40155533aaa2c299")
    assert skipped_regions(text) == skipped_regions(text, title=gold["title"])


# ------------------------------------------------------------------ section headers


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        ("Related articles", "teaser"),
        ("Related", "teaser"),
        ("RELATED NEWS", "teaser"),
        ("Related stories", "teaser"),
        ("You might also like", "teaser"),
        ("You May Also Like", "teaser"),
        ("Read more", "teaser"),
        ("More from World", "teaser"),
        ("More stories", "teaser"),
        ("See Also", "teaser"),
        ("Also read", "teaser"),
        ("Recommended", "teaser"),
        ("Most read", "teaser"),
        ("Popular", "teaser"),
        ("Trending", "teaser"),
        ("Editor's choice", "teaser"),
        ("Latest news", "teaser"),
        ("Leave a Reply", "comments"),
        ("Leave a comment", "comments"),
        ("12 Comments", "comments"),
        ("Comments", "comments"),
        ("Sign up for our newsletter", "newsletter"),
        ("Share this article", "share"),
        ("Tags: Turkey, China, diplomacy", "furniture"),
        ("Back to Top", "furniture"),
        ("Follow us on Twitter", "furniture"),
        ("Copyright 2023 Daily News. All rights reserved.", "furniture"),
    ],
)
def test_section_header_skips_to_end(header: str, reason: str) -> None:
    text = f"{BODY}\n\n{BODY2}\n\n{header}\n\n{TEASER}\n\nA short teaser paragraph about something else entirely."
    regions = skipped_regions(text)
    assert kept(text, regions, BODY) and kept(text, regions, BODY2)
    start = text.index(header)
    assert regions[0].start == start
    assert regions[-1].end == len(text)
    assert skipped_as(text, regions, header) == reason
    assert region_at(regions, text.index(TEASER)) is not None


def test_related_inside_a_sentence_does_not_cut() -> None:
    text = f"{BODY}\n\nRelated talks were held in Beijing last month.\n\nPopular protests followed the visit\n\n{BODY2}"
    assert skipped_regions(text) == []


def test_header_before_the_body_does_not_swallow_the_article() -> None:
    text = f"Popular\n\n{BODY}\n\n{BODY2}"
    regions = skipped_regions(text)
    assert regions == [Region(0, len("Popular"), "teaser")]


def test_subheadings_are_not_furniture() -> None:
    lines = [
        "More on the Black Sea deal",
        "Cavusoglu meets Wang Yi on 5 May 2021",
        "Armenia/Azerbaijan/Russia talks",
        "Strategic partnership",
        "Meeting on 12 March 2023",
    ]
    text = BODY + "\n\n" + "\n\n".join(f"{line}\n\n{BODY2} ({n})" for n, line in enumerate(lines))
    assert skipped_regions(text) == []


def test_teaser_echoing_the_headline_does_not_restart() -> None:
    title = "Cavusoglu and Wang Yi hold talks in Ankara"
    text = f"{title}\n\n{BODY}\n\n{BODY2}\n\nMost read\n\n{title}\n\n{TEASER}\n\nAnother teaser about other things"
    regions = skipped_regions(text)
    assert regions == [Region(text.index("Most read"), len(text), "teaser")]


def test_header_with_period_is_a_sentence() -> None:
    text = f"{BODY}\n\nComments.\n\n{BODY2}"
    assert kept(text, skipped_regions(text), BODY2)


# ------------------------------------------------------------------ single lines


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Read more: Cavusoglu to visit Beijing next month", "teaser"),
        ("READ ALSO: Wang Yi meets Blinken in Bali", "teaser"),
        ("Related: Ankara hosts grain talks", "teaser"),
        ("Also read: Talks in Geneva end without deal", "teaser"),
        ("Photo: Reuters", "credit"),
        ("(Xinhua/Li Ming)", "credit"),
        ("Getty Images", "credit"),
        ("Photo by Jane Doe/AFP", "credit"),
        ("Home | World | Politics | Business", "nav"),
        ("Az Iw En Ru", "nav"),
        ("This site uses cookies to improve your experience. Accept cookies", "cookie"),
        ("Subscribe", "newsletter"),
        ("Advertisement", "advert"),
        ("Share: Facebook Twitter WhatsApp Email", "share"),
        ("Published: 12 March 2023 14:05", "meta"),
        ("www.example-news.com", "furniture"),
    ],
)
def test_single_furniture_lines_anywhere(line: str, reason: str) -> None:
    text = f"{BODY}\n\n{line}\n\n{BODY2}"
    regions = skipped_regions(text)
    assert regions == [Region(text.index(line), text.index(line) + len(line), reason)]


def test_long_caption_starting_with_photo_is_kept() -> None:
    caption = (
        "photo: Turkish Foreign Minister Mevlut Cavusoglu met his Chinese counterpart Wang Yi in Ankara "
        "on Monday, 6 March 2023 (picture courtesy of the ministry)."
    )
    text = f"{BODY}\n\n{caption}"
    assert skipped_regions(text) == []


def test_sentence_with_a_numeric_date_is_kept() -> None:
    line = "The talks on 12.03.2023 were long and detailed, officials said in a statement on Monday."
    text = f"{BODY}\n\n{line}"
    assert skipped_regions(text) == []


# ------------------------------------------------------------------ repeats


def test_repeated_paragraph_is_marked() -> None:
    text = f"{BODY}\n\n{BODY2}\n\n{BODY}"
    second = text.rindex(BODY)
    assert skipped_regions(text) == [Region(second, second + len(BODY), "repeat")]


def test_repeat_ignores_case_space_and_curly_quotes() -> None:
    para = "\u201cWe agreed to meet again,\u201d said Wang Yi after the talks in Ankara."
    again = '"We agreed  to meet again," said Wang Yi after the talks in Ankara.'
    text = f"{para}\n\n{BODY}\n\n{again}"
    assert [r.reason for r in skipped_regions(text)] == ["repeat"]


def test_short_duplicate_is_not_a_repeat() -> None:
    text = f"Ankara talks\n\n{BODY}\n\nAnkara talks\n\n{BODY2}"
    assert skipped_regions(text) == []


def test_restart_after_back_to_top_with_title() -> None:
    title = "Cavusoglu and Wang Yi hold talks in Ankara"
    text = f"{BODY}\n\n{BODY2}\n\nBack to Top\nSite Name\n\n{title}\n\n{BODY}\n\n{BODY2}\n\nA new closing line that is not a copy."
    regions = skipped_regions(text, title=title)
    assert [r.reason for r in regions] == ["furniture", "repeat"]
    assert regions[1].start == text.index(title)
    assert kept(text, regions, "A new closing line")


# ------------------------------------------------------------------ datelines


@pytest.mark.parametrize(
    ("opening", "city", "date_text"),
    [
        ("BAKU, Nov. 20 (Xinhua) --", "Baku", "Nov. 20"),
        ("MOSCOW \u2014", "Moscow", None),
        ("WASHINGTON, DC \u2014", "Washington", None),
        ("ANKARA, March 3 (Reuters) -", "Ankara", "March 3"),
        ("NEW DELHI (AP) \u2014", "New Delhi", None),
        ("Beijing, 12 March (IRNA) \u2013", "Beijing", "12 March"),
        ("KYIV, Ukraine \u2014", "Kyiv", None),
        ("UNITED NATIONS, Sept 20 (AFP) -", "United Nations", "Sept 20"),
        ("Tashkent, 5 May /Trend/:", "Tashkent", "5 May"),
        ("DAR ES SALAAM, Jan. 5 (Xinhua) --", "Dar es Salaam", "Jan. 5"),
        ("ISTANBUL:", "Istanbul", None),
    ],
)
def test_dateline_forms(opening: str, city: str, date_text: str | None) -> None:
    text = f"Ministers meet in the capital\n\n{opening} {BODY}"
    found = find_dateline(text)
    assert found is not None
    assert (found.city, found.date_text) == (city, date_text)
    assert text[found.start : found.end] == opening
    assert text[found.city_start : found.city_end].lower() == city.lower()


def test_dateline_after_headline_and_caption() -> None:
    caption = "Mevlut Cavusoglu (R) meets Wang Yi in Ankara, Turkey, on March 6, 2023. (Xinhua/Li Ming)"
    text = f"Turkey and China pledge closer ties\n\n{caption}\n\nANKARA, March 6 (Xinhua) -- {BODY}"
    found = find_dateline(text)
    assert found is not None and found.city == "Ankara" and found.date_text == "March 6"


@pytest.mark.parametrize(
    "opening",
    [
        "Moscow has said it is ready to host another round of talks.",
        "Moscow \u2014 and Ankara \u2014 want a deal before winter, diplomats say.",
        "Washington, the capital, was quiet on Monday \u2014 officials said.",
        "On 3 December, Wang Yi met Mevlut Cavusoglu.",
        "BREAKING: Wang Yi arrives in Ankara.",
        "Note: the meeting was postponed.",
        "The EU and NATO - both absent - issued statements.",
        "NATO \u2014 the alliance said it would send observers.",
        "Ankara \u2014 a city of five million \u2014 hosted the talks.",
    ],
)
def test_no_false_dateline(opening: str) -> None:
    assert find_dateline(f"Headline of the day\n\n{opening} {BODY}") is None


def test_dateline_far_into_the_article_is_ignored() -> None:
    text = f"{BODY}\n\n{BODY2}\n\n{BODY}x\n\n{BODY2}y\n\n{BODY}z\n\nANKARA, March 6 (Xinhua) -- More talks."
    assert find_dateline(text) is None


# ------------------------------------------------------------------ publication time


@pytest.mark.parametrize(
    ("stamp_line", "value", "stamp_text"),
    [
        ("Source: Xinhua | 2017-11-21 05:44:27 | Editor: huaxia", datetime(2017, 11, 21, 5, 44, 27), "2017-11-21 05:44:27"),
        ("19:18 20.11.2017", datetime(2017, 11, 20, 19, 18), "19:18 20.11.2017"),
        ("Published: 12 March 2023 14:05", datetime(2023, 3, 12, 14, 5), "12 March 2023 14:05"),
        ("Updated 14:32 GMT 12.03.2023", datetime(2023, 3, 12, 14, 32, tzinfo=timezone.utc), "14:32 GMT 12.03.2023"),
        ("Posted on March 3, 2023", date(2023, 3, 3), "March 3, 2023"),
        ("Posted on March 3, 2023 at 2:05 pm", datetime(2023, 3, 3, 14, 5), "March 3, 2023 at 2:05 pm"),
        ("12.03.2023, 14:32", datetime(2023, 3, 12, 14, 32), "12.03.2023, 14:32"),
        (
            "2023-03-14T09:12:00+03:00",
            datetime(2023, 3, 14, 9, 12, tzinfo=timezone(timedelta(hours=3))),
            "2023-03-14T09:12:00+03:00",
        ),
        ("By Jane Doe | 7 June 2022", date(2022, 6, 7), "7 June 2022"),
    ],
)
def test_publication_stamp_forms(stamp_line: str, value: date, stamp_text: str) -> None:
    text = f"Ministers meet in Ankara\n{stamp_line}\n\n{BODY}"
    found = find_publication_time(text)
    assert found is not None
    assert found.value == value
    assert type(found.value) is type(value)
    assert found.text == stamp_text == text[found.start : found.end]
    assert found.basis == "stamp"


def test_in_text_date_is_weaker_fallback() -> None:
    text = f"{BODY}\n\nThe two ministers first met on 5 May 2021 in Rome, according to the ministry."
    found = find_publication_time(text)
    assert found is not None
    assert (found.value, found.basis, found.text) == (date(2021, 5, 5), "in-text", "5 May 2021")


def test_later_stamp_beats_earlier_in_text_date() -> None:
    text = f"The ministers first met on 5 May 2021 in Rome, officials said.\n\n{BODY}\n\n19:18 20.11.2022"
    found = find_publication_time(text)
    assert found is not None and found.basis == "stamp" and found.value == datetime(2022, 11, 20, 19, 18)


def test_dates_in_teasers_are_ignored() -> None:
    text = f"{BODY}\n\n{BODY2}\n\nRelated articles\n\nPosted on March 3, 2023\n{TEASER}"
    assert find_publication_time(text) is None


def test_invalid_calendar_dates_are_ignored() -> None:
    assert find_publication_time(f"31.02.2023\n\n{BODY}") is None
    assert find_publication_time(f"{BODY} The 2023 summit was held.") is None


def test_region_at() -> None:
    regions = [Region(5, 10, "teaser"), Region(20, 30, "repeat")]
    assert region_at(regions, 7) == regions[0]
    assert region_at(regions, 10) is None
    assert region_at(regions, 0, 6) == regions[0]
    assert region_at(regions, 12, 25) == regions[1]


# ---------------------------------------------------------------------------------------------
# hard-wrapped prose


def test_soft_line_breaks_inside_wrapped_paragraphs():
    from diplomeet.page import soft_line_breaks

    wrapped = (
        "NAIROBI, May 2 (KNA) Kenya's President William Samoei\n"
        "Ruto and his Ugandan counterpart Yoweri Museveni will\n"
        "meet in Arusha next week, officials said on Friday.\n"
        "\n"
        "Short line\n"
    )
    soft = soft_line_breaks(wrapped)
    first, second = wrapped.index("\n"), wrapped.index("\n", wrapped.index("\n") + 1)
    assert soft == {first, second}  # not the paragraph break, not the last line's end
    ragged = "Top stories\nRuto meets Museveni in Arusha for border talks\nMarkets\nWeather today\n"
    assert soft_line_breaks(ragged) == frozenset()
    repeated = "A headline that a page shows twice in its list of the top stories\n" * 4
    assert soft_line_breaks(repeated) == frozenset()
    with pytest.raises(TypeError):
        soft_line_breaks(None)
