"""One article -> its meetings: the steps of the ``diplomeet_meetings`` component, in order.

1. page structure: furniture, teasers and repeated blocks to skip; dateline; in-text timestamp;
2. person mentions and within-article coreference;
3. meeting frames (trigger + participants) in the body sentences;
4. status, kind, date and place of each frame;
5. within-article merge into Meetings.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from diplomeet import page
from diplomeet.assemble import MeetingMention, Trip, build_meetings
from diplomeet.attributes import FoundDate, Place, is_past_plan, meeting_date, meeting_kind, meeting_place, meeting_status, place_of
from diplomeet.coref import Coreference
from diplomeet.dates import resolve_date
from diplomeet.errors import InvalidInputError
from diplomeet.frames import Frame, FrameFinder
from diplomeet.lexicon import cues
from diplomeet.mentions import find_mentions
from diplomeet.models import Article, Meeting, stable_hash
from diplomeet.sections import SECTION_KEY, is_long, run_article, split_sections

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DATELINE_DAYS = 3
ORIGINAL_TEXT_KEY = "diplomeet_original_text"  # a dateline day this close before the publication day anchors relative dates


def prepare_doc(nlp: Language, article: Article) -> Doc:
    """The Doc for an article, with ``doc._.article_id`` and ``doc._.published`` set, ready to pipe.

    Raises:
        InvalidInputError: The article is longer than ``nlp.max_length`` (use :func:`prepare_docs`).
    """
    if len(article.text) > nlp.max_length:
        raise InvalidInputError(
            f"article {article.id!r} has {len(article.text)} characters, more than the pipeline's "
            f"max_length ({nlp.max_length}); extract_meetings reads long articles in sections"
        )
    return _make_doc(nlp, article, article.text)


def _make_doc(nlp: Language, article: Article, text: str, *, shown: str | None = None) -> Doc:
    """A Doc of ``shown`` (``text`` by default, normalised); evidence quotes ``text``."""
    from diplomeet.pipeline.extensions import published_iso, register_extensions

    register_extensions()
    normalised = page.normalize_same_length(text if shown is None else shown)
    doc = nlp.make_doc(normalised)
    doc._.article_id = article.id
    doc._.published = published_iso(article.published)
    if normalised != text:
        doc.user_data[ORIGINAL_TEXT_KEY] = text  # evidence quotes the article as given
    return doc


def prepare_docs(nlp: Language, article: Article) -> list[Doc]:
    """The Docs of an article: one, or one per section when it is long (:mod:`diplomeet.sections`).

    Each section's Doc carries the article-wide context (skipped regions, dateline, reference
    times) in ``doc.user_data[SECTION_KEY]``.
    """
    if not is_long(article):
        return [prepare_doc(nlp, article)]
    from diplomeet.pipeline.extensions import published_iso

    text = page.normalize_same_length(article.text)
    regions = page.skipped_regions(text)
    anchor, pub_day, dateline = _times_of_text(text, article.published, regions)
    docs = []
    first = 0  # regions are sorted and do not overlap
    for start, end in split_sections(article.text):
        while first < len(regions) and regions[first].end <= start:
            first += 1
        skipped = []
        k = first
        while k < len(regions) and regions[k].start < end:
            skipped.append([max(regions[k].start, start) - start, min(regions[k].end, end) - start])
            k += 1
        shown = _blank(text[start:end], skipped)
        if not shown.strip():
            continue  # furniture or a repeat of earlier paragraphs: nothing to parse
        doc = _make_doc(nlp, article, article.text[start:end], shown=shown)
        doc.user_data[SECTION_KEY] = {
            "offset": start,
            "anchor": published_iso(anchor),
            "pub_day": published_iso(pub_day),
            "dateline_city": dateline.city if dateline is not None else None,
            "skipped": skipped,
        }
        docs.append(doc)
    return docs


def _blank(text: str, skipped: list[list[int]]) -> str:
    """``text`` with the ``skipped`` spans blanked out (line breaks kept), of the same length."""
    parts = []
    at = 0
    for a, b in skipped:
        parts.append(text[at:a])
        parts.append(re.sub(r"[^\n]", " ", text[a:b]))
        at = b
    parts.append(text[at:])
    return "".join(parts)


def extract_text(
    text: str,
    published: date | datetime | str | None = None,
    *,
    nlp: Language | str | None = None,
    article_id: str | None = None,
) -> list[Meeting]:
    """The meetings stated in one article text (deduplicated within the article)."""
    from diplomeet.pipeline.loading import load

    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    article = Article(id=article_id or "", text=text, published=published)
    return run_article(load(nlp), article)


def _as_reference(value: object) -> date | datetime | None:
    if value is None:
        return None
    if isinstance(value, (date, datetime)):
        return value
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        try:
            return date.fromisoformat(str(value))
        except ValueError as exc:
            raise InvalidInputError(f"published is not an ISO date or datetime: {value!r}") from exc


def _day(value: date | datetime | None) -> date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, datetime) else value


def _reference_times(doc: Doc, regions: list[page.Region]) -> tuple[date | datetime | None, date | None, page.Dateline | None]:
    """(anchor for relative dates, publication day, dateline) of the article."""
    published = doc._.published if doc.has_extension("published") else None
    return _times_of_text(doc.text, published, regions)


def _times_of_text(
    text: str, published: object, regions: list[page.Region]
) -> tuple[date | datetime | None, date | None, page.Dateline | None]:
    published = _as_reference(published)
    if published is None:
        stamp = page.find_publication_time(text, regions=regions)
        published = stamp.value if stamp is not None else None
    dateline = page.find_dateline(text, regions=regions)
    anchor = published
    if dateline is not None and dateline.date_text and published is not None:
        resolved = resolve_date(dateline.date_text, published, sentence=None)
        pub_day = _day(published)
        if resolved is not None and resolved.precision == "day" and pub_day is not None:
            if 0 <= (pub_day - resolved.date).days <= DATELINE_DAYS:
                anchor = resolved.date
    return anchor, _day(published), dateline


def meetings_from_doc(doc: Doc, *, use_officials_table: bool = True) -> list[Meeting]:
    """All meetings stated in a parsed Doc (needs sentences, POS, dependencies and NER)."""
    if not doc.text.strip():
        return []
    if not doc.has_annotation("DEP") and not doc.has_annotation("SENT_START", require_complete=True):
        raise InvalidInputError("the pipeline gives no sentences: add a parser or senter before diplomeet_meetings")
    if not doc.has_annotation("ENT_IOB"):
        raise InvalidInputError("the pipeline has no named entities: add an 'ner' component before diplomeet_meetings")
    text = doc.user_data.get(ORIGINAL_TEXT_KEY, doc.text)
    article_id = (doc._.article_id if doc.has_extension("article_id") else None) or ("a_" + stable_hash(text))
    section = doc.user_data.get(SECTION_KEY)
    if section is None:
        regions = page.skipped_regions(doc.text)
        anchor, pub_day, dateline = _reference_times(doc, regions)
        spans = [(r.start, r.end) for r in regions]
        dateline_city = dateline.city if dateline is not None else None
    else:  # a section of a long article: the context was found on the whole text
        anchor, pub_day = _as_reference(section["anchor"]), _day(_as_reference(section["pub_day"]))
        spans = [(a, b) for a, b in section["skipped"]]
        dateline_city = section["dateline_city"]
    starts = [a for a, _ in spans]  # sorted, not overlapping

    def skipped(char: int) -> bool:
        k = bisect_right(starts, char) - 1
        return k >= 0 and char < spans[k][1]

    mentions = [m for m in find_mentions(doc) if not skipped(doc[m.start].idx)]
    coref = Coreference(doc, mentions, on=pub_day, officials_table=use_officials_table)
    people = coref.resolve()
    sentences = [s for s in doc.sents if not skipped(s.start_char) and s.text.strip()]
    finder = FrameFinder(
        doc, mentions, role_of=lambda c: people[c].role if c is not None else None,
        country_of=lambda c: people[c].country if c is not None else None,
    )
    mention_tokens = {i for m in mentions for i in range(m.start, m.end)}
    date_ents = [e for e in doc.ents if e.label_ in {"DATE", "TIME"}]  # Span.ents rebuilds all: once
    dateline_place = place_of(dateline_city) if dateline_city is not None else None

    summaries = _summaries(finder, sentences, anchor, mention_tokens, date_ents)
    found: list[MeetingMention] = []
    for frame in finder.find(sentences):
        keys: list[int] = []
        for m in frame.participants:
            cluster = m.cluster
            if cluster is None and m.kind == "description" and m.role and m.country:
                cluster = coref.unnamed_person(m.role, m.country).id
                m.cluster = cluster
            if cluster is not None and cluster not in keys:
                keys.append(cluster)
        if len(keys) < 2:
            continue
        when = meeting_date(frame, anchor, mention_tokens, date_ents, finder.is_strong_trigger)
        same_day = when.text is not None and re.search(r"\b(?:the|that|same) day\b", when.text, re.I)
        if (when.date is None and when.text is None and _continues_narrative(frame.sentence)) or same_day:
            when = _narrated_day(frame.sentence, anchor, mention_tokens, date_ents) or when
        summary = _summary_before(frame.sentence, keys, summaries) if when.text is None else None
        if summary is not None:
            when = summary.when  # "He conferred with A, B and C" after "X today held talks with presidents"
        status = meeting_status(frame, when.date, pub_day)
        if status is None:
            continue
        planning = status in {"planned", "proposed"} or (status == "cancelled" and is_past_plan(frame))
        if planning and when.date and pub_day and when.date < pub_day and when.text:
            # the clause is about the future even if a "said" nearby reads as past
            ahead = resolve_date(when.text, anchor, sentence=f"They will meet {when.text}.")
            if ahead is not None and ahead.precision == "day" and ahead.date >= pub_day:
                when = FoundDate(ahead.date, ahead.date_end, when.text, "day")
        kind = meeting_kind(frame)
        place: Place | None = meeting_place(frame, mention_tokens, finder.is_strong_trigger) if kind == "in_person" else None
        if place is None and kind == "in_person" and summary is not None:
            place = summary.place
        if place is None and kind == "in_person" and dateline_place is not None and _says_here(frame):
            place = dateline_place  # "met ... here on Monday" under a dateline
        named = sum(1 for k in keys if not people[k].unnamed)
        confidence = 0.5 + 0.15 * min(named, 2) / 2 + (0.15 if when.date else 0) + (0.1 if place else 0)
        sent = frame.sentence
        found.append(
            MeetingMention(
                people=frozenset(keys), status=status, kind=kind, date=when.date,
                date_end=when.date_end, date_text=when.text, place=place,
                start=sent.start_char, end=sent.end_char, sentence=text[sent.start_char : sent.end_char],
                confidence=min(confidence, 0.95), medium_open=kind == "in_person" and _medium_open(frame),
                period=when.period if when.date is None else None,
                headline=_is_headline(text, sent.start_char, sent.end_char),
            )
        )
    trips = find_trips(doc, sentences, finder, anchor, pub_day, mention_tokens, date_ents)
    return build_meetings(found, people, article_id=article_id, dateline=dateline_place, trips=trips)


@dataclass(frozen=True)
class _Summary:
    """A sentence summing up meetings with an unnamed group: its subject, day and place."""

    person: int
    sentence_start: int
    when: FoundDate
    place: Place | None


def _summaries(finder: FrameFinder, sentences: list, anchor, mention_tokens: set[int], date_ents: list) -> list[_Summary]:
    out = []
    for trigger, subject in finder.summaries(sentences):
        people = {m.cluster for m in subject if m.cluster is not None}
        if len(people) != 1:
            continue
        frame = Frame(trigger.i, trigger.sent, [], noun=trigger.pos_ not in {"VERB", "AUX"})
        when = meeting_date(frame, anchor, mention_tokens, date_ents)
        place = meeting_place(frame, mention_tokens, finder.is_strong_trigger)
        if when.text is not None or place is not None:
            out.append(_Summary(people.pop(), trigger.sent.start, when, place))
    return out


def _summary_before(sent, keys: list[int], summaries: list[_Summary]) -> _Summary | None:
    """The summary sentence, one or two sentences before ``sent``, of a participant's meetings."""
    doc = sent.doc
    start = sent.start
    for _ in range(2):
        if start == 0:
            return None
        previous = doc[start - 1].sent
        for s in summaries:
            if s.sentence_start == previous.start and s.person in keys:
                return s
        start = previous.start
    return None


def _is_headline(text: str, start: int, end: int) -> bool:
    """A sentence that is a whole line without final punctuation: a headline, caption or teaser."""
    end = start + len(text[start:end].rstrip())
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start:start].strip() or text[end:line_end].strip():
        return False
    return text[start:end].rstrip()[-1:] not in {".", "!", "?", '"', "'", ")"}


def _continues_narrative(sent) -> bool:
    """ "Later, X was received by Y." / "On the sidelines, X held talks with Y.": same day as before."""
    opening = " ".join(t.lower_ for t in sent[:4] if not t.is_punct)
    return any(opening.startswith(cue) for cue in cues()["continuation_openers"])


def _narrated_day(sent, anchor, mention_tokens: set[int], date_ents: list):
    """The day stated in the nearest of the three sentences before ``sent`` that states one."""
    doc = sent.doc
    start = sent.start
    for _ in range(3):
        if start == 0:
            return None
        previous = doc[start - 1].sent
        days = set()
        for ent in (e for e in date_ents if previous.start <= e.start < previous.end):
            frame = Frame(ent.root.i, previous, [], noun=False)
            found = meeting_date(frame, anchor, mention_tokens, [ent])
            if found.date is not None and found.date_end is None:
                days.add((found.date, found.text))
        if len(days) == 1:
            day, text = days.pop()
            return FoundDate(day, None, text, "day")
        if days:
            return None
        start = previous.start
    return None


def _medium_open(frame: Frame) -> bool:
    """ "spoke to X", "their conversation": words that fit a call as well as a sitting."""
    trigger = frame.sentence.doc[frame.trigger]
    in_person = cues()["kind"]["in_person"]
    text = " " + frame.sentence.text.lower() + " "
    return trigger.lemma_.lower() in cues()["kind"]["medium_open_triggers"] and not any(f" {cue} " in text for cue in in_person)


def _says_here(frame: Frame) -> bool:
    trigger = frame.sentence.doc[frame.trigger]
    near = list(trigger.children) + list(trigger.head.children)
    return any(t.lower_ == "here" for t in near)


def find_trips(
    doc: Doc, sentences: list, finder: FrameFinder, anchor, pub_day, mention_tokens: set[int], date_ents: list
) -> list[Trip]:
    """Journeys stated in the article: "X will travel to Beijing on Wednesday", "X arrived in Kyiv"."""
    verbs = set(cues()["trip_verbs"])
    trips: list[Trip] = []
    for sent in sentences:
        for token in sent:
            lemma = token.lemma_.lower()
            if lemma not in verbs or (token.pos_ != "VERB" and lemma != "be"):
                continue
            if lemma == "be" and not (token.i + 1 < len(doc) and doc[token.i + 1].lower_ in {"in", "at"}):
                continue  # only "X is in Canberra"
            travellers = [m.cluster for m in finder.subject_of(token) if m.cluster is not None]
            if len(set(travellers)) != 1:
                continue
            frame = Frame(token.i, sent, [], noun=False)
            place = meeting_place(frame, mention_tokens, finder.is_strong_trigger)
            if place is None:
                continue
            when = meeting_date(frame, anchor, mention_tokens, date_ents)
            status = meeting_status(frame, when.date, pub_day) or "occurred"
            if status not in {"occurred", "planned"}:
                continue
            single_day = when.date if when.date_end is None else None  # "this weekend" fixes no day
            trips.append(Trip(travellers[0], place, single_day, when.text if single_day else None, status))
    return trips
