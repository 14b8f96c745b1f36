"""Status, kind, date and place of one meeting frame, read from its sentence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from spacy.tokens import Doc, Span, Token

from diplomeet import gazetteer
from diplomeet.dates import resolve_date
from diplomeet.frames import Frame
from diplomeet.lexicon import cues, roles, venues, words
from diplomeet.lexicon import words as grammar_words
from diplomeet.models import Kind, Status

CONTEXT_DEPS = {"aux", "auxpass", "neg", "amod", "advmod", "prt", "acomp", "compound", "det", "nummod"}


@dataclass(frozen=True)
class Place:
    """A meeting place: display name and its country."""

    name: str
    country: str | None
    is_city: bool


@dataclass(frozen=True)
class FoundDate:
    """A date found for a meeting: the day (or None), the last day of a range, the expression."""

    date: date | None
    date_end: date | None
    text: str | None
    precision: str | None
    period: tuple[date, date] | None = None  # first and last day of a vague expression ("in October")


def _clause_context(frame: Frame) -> tuple[list[Token], Token | None]:
    """The words that decide a meeting's status, and the preposition governing a noun trigger.

    For a verb trigger: the verb, its auxiliaries and modifiers, and the verbs it complements
    ("is scheduled to meet", "refused to meet"). For a noun trigger: its modifiers ("upcoming
    meeting"), nouns it depends on ("the possibility of a meeting"), and the verb it is the object
    or subject of ("will hold talks"); a preposition ("after the recent meeting") ends the climb.
    """
    doc = frame.sentence.doc
    trigger = doc[frame.trigger]
    chain = [trigger]
    governing_prep = None
    head = trigger
    for _ in range(6):
        parent = head.head
        if parent.i == head.i or parent.i < frame.sentence.start:
            break
        if parent.lemma_.lower() in words("say_verbs"):
            break
        if parent.pos_ == "ADP":
            if head.pos_ in {"NOUN", "PROPN"} and parent.head.pos_ in {"NOUN", "PROPN"} and parent.lower_ == "of":
                head = parent.head  # "the possibility of a meeting"
                chain.append(head)
                continue
            if parent.lower_ == "for" and parent.head.pos_ in {"VERB", "ADJ"}:
                head = parent.head  # "is due to travel to Ankara next week for talks with X"
                chain.append(head)
                continue
            governing_prep = parent
            break
        purpose = head.dep_ == "advcl" and any(c.lower_ == "to" and c.dep_ == "aux" for c in head.children)
        if head.pos_ in {"VERB", "AUX"} and head.dep_ not in {"xcomp", "conj", "aux", "auxpass"} and not purpose:
            break
        if head.pos_ in {"NOUN", "PROPN"} and head.dep_ not in {"dobj", "nsubj", "nsubjpass", "attr", "conj", "compound", "appos"}:
            break
        head = parent
        chain.append(head)
    tokens = list(chain)
    for t in chain:
        tokens.extend(c for c in t.children if c.dep_ in CONTEXT_DEPS)
    if governing_prep is not None:
        tokens.append(governing_prep)
        tokens.extend(c for c in governing_prep.children if c.dep_ in CONTEXT_DEPS)
    return tokens, governing_prep


def meeting_status(frame: Frame, meeting_date: date | None, reference: date | None) -> Status | None:
    """occurred, planned, proposed or cancelled; None when the text says it did not happen."""
    status_cues = cues()["status"]
    doc = frame.sentence.doc
    context, prep = _clause_context(frame)
    words = {t.lower_ for t in context} | {t.lemma_.lower() for t in context}
    trigger = doc[frame.trigger]
    own = {c.lower_ for c in trigger.children if c.dep_ in {"amod", "advmod", "npadvmod"}}
    if own & set(status_cues["occurred_modifiers"]):
        return "occurred"  # "the recent meeting", "last week's talks"
    # phrases around the trigger ("called off", "set to", "is being discussed")
    window = doc[max(frame.sentence.start, trigger.i - 4) : min(frame.sentence.end, trigger.i + 2)]
    phrase = " " + " ".join(t.lower_ for t in window) + " "
    clause_text = " " + " ".join(t.lower_ for t in sorted(context, key=lambda t: t.i)) + " "

    def has(kind: str) -> bool:
        for cue in status_cues[kind]:
            if " " in cue or "'" in cue:
                if f" {cue} " in phrase or f" {cue} " in clause_text:
                    return True
            elif cue in words:
                return True
        return False

    negated = any(t.dep_ == "neg" for t in context)
    if has("cancelled") or _inside_cancelled(trigger):
        return "cancelled"
    if negated:
        return "cancelled" if has("planned") else None
    if _past_plan(trigger, context) and _cancellation_nearby(frame):
        return "cancelled"  # "was due to hold talks with X" in a story of the postponed trip
    if has("proposed"):
        if words & set(status_cues["proposed"]) <= {"would"} and _reported_future(trigger):
            return "planned"  # "said X would meet Y": the reported "will"
        return "proposed"
    if has("planned") or _headline_infinitive(trigger):
        return "planned"
    if prep is not None and trigger.pos_ in {"NOUN", "PROPN"} and prep.lower_ in status_cues["planned_prepositions"]:
        return "planned"  # "ahead of the meeting"
    if prep is not None and trigger.pos_ in {"NOUN", "PROPN"} and prep.lower_ in {"after", "following"}:
        return "occurred"  # "Following the talks, A and B signed ..."
    if meeting_date is not None and reference is not None and meeting_date > reference:
        return "planned"
    return "occurred"


def is_past_plan(frame: Frame) -> bool:
    """Whether the frame's clause states a plan in the past tense ("was due to meet X on Sunday")."""
    return _past_plan(frame.sentence.doc[frame.trigger], _clause_context(frame)[0])


def _past_plan(trigger: Token, context: list[Token]) -> bool:
    """ "was due to meet", "had been scheduled to hold talks", "the scheduled meeting" in a past clause."""
    plan_words = set(cues()["status"]["past_plan_words"])
    doc = trigger.doc
    planned = [
        t for t in context
        if t.lower_ in plan_words or (t.lower_ == "to" and t.i > 0 and doc[t.i - 1].lower_ in {"was", "were"})
    ]
    if not planned:
        return False
    past = [t for t in context if t.tag_ == "VBD" and t.lemma_.lower() in {"be", "have"}]
    attributive = trigger.pos_ in {"NOUN", "PROPN"} and any(t.dep_ == "amod" and t.head.i == trigger.i for t in planned)
    if attributive:
        governor = next((a for a in trigger.ancestors if a.pos_ in {"VERB", "AUX"}), None)
        return (governor is not None and governor.tag_ == "VBD") or bool(past)  # "went for a haircut at the time of the scheduled meeting"
    return bool(past)


def _cancellation_nearby(frame: Frame) -> bool:
    """A word that cancels or postpones in the sentence, the two before it, or the article's first three."""
    doc = frame.sentence.doc
    every = cues()["status"]["cancelled"]
    strong = [c for c in every if c not in cues()["status"]["cancelled_only_in_clause"]]
    spans = [frame.sentence]
    start = frame.sentence.start
    for _ in range(2):
        if start == 0:
            break
        previous = doc[start - 1].sent
        spans.append(previous)
        start = previous.start
    lead = doc[0].sent
    for _ in range(3):  # the headline and the lead
        spans.append(lead)
        if lead.end >= len(doc):
            break
        lead = doc[lead.end].sent
    for span in spans:
        cancel = every if span is frame.sentence else strong
        tokens = {t.lower_ for t in span} | {t.lemma_.lower() for t in span}
        text = " " + " ".join(t.lower_ for t in span) + " "
        if any((f" {c} " in text) if " " in c else c in tokens for c in cancel):
            return True
    return False


def _reported_future(trigger: Token) -> bool:
    """ "X said Y would meet Z": "would" is the reported "will", not a supposition."""
    return any(a.lemma_.lower() in words("say_verbs") and a.tag_ == "VBD" for a in trigger.ancestors)


def _inside_cancelled(trigger: Token) -> bool:
    """ "postponed his trip to Beijing, where he had been due to meet X": a cancel verb over the trigger."""
    cancel = set(cues()["cancel_verbs"])
    for ancestor in trigger.ancestors:
        if ancestor.pos_ == "VERB" and ancestor.lemma_.lower() in cancel:
            if ancestor.lemma_.lower() in {"call", "put"} and not any(c.lower_ == "off" for c in ancestor.children):
                continue
            return True
    return False


def _headline_infinitive(trigger: Token) -> bool:
    """ "X to meet Y" / "X to discuss ... with Y" with no finite verb: an announcement."""
    head = trigger if trigger.pos_ in {"VERB", "AUX"} else trigger.head
    has_to = any(c.lower_ == "to" and c.dep_ == "aux" for c in head.children) or (
        head.i > 0 and trigger.doc[head.i - 1].lower_ == "to"
    )
    finite = any(t.tag_ in {"VBD", "VBZ", "VBP", "MD"} for t in trigger.sent)
    return has_to and (head.dep_ == "ROOT" or not finite)


def _medium_phrases(trigger: Token) -> list[list[str]]:
    """The words of the phrases that say how a meeting was held ("on the telephone", "via video link").

    They hang from the trigger, or from the verb a meeting noun is the object of ("held a meeting
    with X via video conference"); each phrase is a medium preposition with its object noun and
    that noun's modifiers ("in a virtual meeting").
    """
    kind_cues = cues()["kind"]
    if trigger.lemma_.lower() in kind_cues["medium_exempt_triggers"]:
        return []  # "extended an invitation during a video call": the visit is not the call
    heads = [trigger]
    if trigger.pos_ in {"NOUN", "PROPN"} and trigger.dep_ in {"dobj", "nsubj", "nsubjpass"} and trigger.head.pos_ in {"VERB", "AUX"}:
        heads.append(trigger.head)
    phrases: list[list[str]] = []
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in kind_cues["medium_prepositions"]:
                continue
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    phrases.append([c.lower_ for c in obj.children if c.dep_ in {"compound", "amod"}] + [obj.lower_])
    return phrases


def _kind_of_phrase(words: list[str]) -> Kind | None:
    """video or phone when a medium phrase names one ("by phone", "in a video call", "during a call")."""
    text = " " + " ".join(words) + " "
    for kind in ("video", "phone"):
        if any(f" {cue} " in text for cue in cues()["kind"][kind]):
            return kind  # type: ignore[return-value]
    return None


def meeting_kind(frame: Frame) -> Kind:
    """in_person, phone or video, from the words of the trigger phrase."""
    kind_cues = cues()["kind"]
    doc = frame.sentence.doc
    trigger = doc[frame.trigger]
    for phrase in _medium_phrases(trigger):
        found = _kind_of_phrase(phrase)
        if found is not None:
            return found
    if (
        trigger.dep_ == "conj" and trigger.lemma_.lower() in kind_cues["medium_open_triggers"]
        and trigger.head.pos_ in {"VERB", "AUX"} and trigger.head.lemma_.lower() in grammar_words("phone_verbs")
    ):
        return "phone"  # "had called A and would later speak to B"
    near = doc[max(frame.sentence.start, trigger.i - 3) : min(frame.sentence.end, trigger.i + 4)]
    words = [t.lower_ for t in near] + [c.lower_ for c in trigger.children]
    text = " " + " ".join(words) + " "
    sent_text = " " + frame.sentence.text.lower() + " "
    called_on = trigger.pos_ == "VERB" and trigger.lemma_.lower() == "call" and (
        trigger.i + 1 < len(doc) and doc[trigger.i + 1].lower_ == "on"
    )
    if "courtesy" in words or called_on:
        return "in_person"  # "paid a courtesy call on the Governor-General", "called on the prime minister"
    if trigger.pos_ in {"VERB", "AUX"} and trigger.lemma_.lower() in grammar_words("phone_verbs"):
        return "phone"  # "called X", "phoned X", "dialled X"
    for kind in ("video", "phone"):
        for cue in kind_cues[kind]:
            if cue in {"call", "called", "online"}:
                if f" {cue} " in text and kind == "phone" and trigger.lower_ in {"call", "calls", "conversation", "talks"}:
                    if "video" not in text:
                        return "phone"
                continue
            if f" {cue} " in text:
                return kind  # type: ignore[return-value]
    if trigger.lemma_.lower() not in cues()["communication_triggers"]:
        return "in_person"  # a phone call elsewhere in the sentence is another event
    if " by phone " in sent_text or " by telephone " in sent_text or " phone conversation " in sent_text or " telephone conversation " in sent_text:
        return "phone"
    if " by video " in sent_text or " videoconference " in sent_text or " video link " in sent_text:
        return "video"
    return "in_person"


def _date_candidates(frame: Frame, date_ents: list[Span] | None) -> list[Span]:
    """DATE and TIME entities of the frame's sentence ("this morning" is a TIME)."""
    sent = frame.sentence
    if date_ents is None:
        date_ents = [e for e in sent.ents if e.label_ in {"DATE", "TIME"}]
    return [e for e in date_ents if sent.start <= e.start and e.end <= sent.end]


def _date_text(ent: Span) -> str:
    """The expression with what the recogniser cut off: "on", or a month ("Aug 30, 2023")."""
    doc = ent.doc
    start = ent.start
    if start > 0 and doc[start - 1].lower_.rstrip(".") in words("month_words") and doc[start].like_num:
        start -= 1
    if start > 0 and doc[start - 1].lower_ in {"on", "since", "from", "between"}:
        start -= 1
    return doc[start : ent.end].text


def meeting_date(
    frame: Frame, reference: date | datetime | None, mention_tokens: set[int], date_ents: list[Span] | None = None,
    is_trigger=lambda token: False,
) -> FoundDate:
    """The day of the meeting from the DATE expressions of its sentence (nearest to the trigger).

    A date inside the phrase of another meeting noun ("the A-B meeting, expected on July 16,
    comes two months after A met C") is that meeting's, not this one's.
    """
    doc = frame.sentence.doc
    trigger = frame.trigger
    ents = [e for e in _date_candidates(frame, date_ents) if not any(i in mention_tokens for i in range(e.start, e.end))]
    ents = [e for e in ents if not _date_of_other_meeting(e, doc[trigger], is_trigger)]

    def distance(ent: Span) -> tuple[int, int]:
        d = ent.start - trigger if ent.start > trigger else trigger - ent.end + 1
        # a date attached to the trigger (or its verb) is preferred
        attached = 0 if ent.root.head.i == trigger or ent.root.head.head.i == trigger else 1
        return (attached, d)

    ents = [e for e in ents if not _date_of_saying(e, doc[trigger]) and not _date_of_journey(e, doc[trigger])]
    best_vague: FoundDate | None = None
    for ent in sorted(ents, key=distance):
        text = _date_text(ent)
        if reference is None:
            resolved = resolve_date(text, None, sentence=frame.sentence.text)
        else:
            resolved = resolve_date(text, reference, sentence=frame.sentence.text)
        if resolved is None:
            continue
        if resolved.precision == "day":
            return FoundDate(resolved.date, resolved.date_end, text, "day")
        if best_vague is None:
            best_vague = FoundDate(None, None, text, resolved.precision, _period(resolved.date, resolved.precision))
    if best_vague is not None:
        return best_vague
    follow = _date_in_next_sentence(frame, reference)
    return follow or FoundDate(None, None, None, None)


def _date_of_other_meeting(ent: Span, trigger: Token, is_trigger) -> bool:
    """Whether the date hangs from another meeting noun that is not part of this trigger's phrase."""
    head = ent.root
    for _ in range(4):
        if head.head.i == head.i:
            return False
        head = head.head
        if head.i == trigger.i:
            return False
        if head.pos_ in {"NOUN", "PROPN"} and is_trigger(head):
            return not any(a.i == trigger.i for a in head.ancestors)
        if head.pos_ in {"VERB", "AUX"} and head.dep_ not in {"acl", "relcl"}:
            return False
    return False


def _period(start: date | None, precision: str | None) -> tuple[date, date] | None:
    """The days a week, month or year expression covers, from its first day."""
    if start is None:
        return None
    if precision == "week":
        return start, start + timedelta(days=6)
    if precision == "month":
        following = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        return start, following - timedelta(days=1)
    if precision == "year":
        return start, date(start.year, 12, 31)
    return None


def _date_of_journey(ent: Span, trigger: Token) -> bool:
    """ "arrived in Oslo on Monday to meet X": Monday is the arrival, not the meeting."""
    head = ent.root.head
    if head.pos_ == "ADP":
        head = head.head
    return (
        head.i == trigger.head.i and head.i != trigger.i and trigger.dep_ in {"advcl", "xcomp"}
        and any(c.lower_ == "to" and c.dep_ == "aux" for c in trigger.children)  # a purpose: "to meet"
        and head.lemma_.lower() in words("journey_words") | {"arrive"}
    )


def _date_of_saying(ent: Span, trigger: Token) -> bool:
    """ "Biden told reporters on Thursday that he hoped to meet Xi": the day of the saying.

    Kept when the meeting hangs from the saying verb by "after"/"following" ("said on Friday
    after hosting talks"), which puts both on the same day.
    """
    head = ent.root.head
    if head.pos_ == "ADP":
        head = head.head
    if head.lemma_.lower() not in words("say_verbs") or head.i == trigger.i:
        return False
    if head.i > ent.start:
        return False  # "X will meet Y on Monday, the official said": the date is the meeting's
    for ancestor in trigger.ancestors:
        if ancestor.pos_ == "ADP" and ancestor.lower_ in {"after", "following", "during", "at"} and ancestor.head.i == head.i:
            return False
    return any(a.i == head.i for a in trigger.ancestors)


def _date_in_next_sentence(frame: Frame, reference: date | datetime | None) -> FoundDate | None:
    """ "... met in Tehran. That was on November 1." — a short anaphoric follow-up sentence."""
    doc = frame.sentence.doc
    if frame.sentence.end >= len(doc):
        return None
    nxt = doc[frame.sentence.end].sent
    if len(nxt) > 12 or nxt[0].lower_ not in {"that", "this", "it"}:
        return None
    if not any(t.lemma_.lower() in {"be", "happen", "take"} for t in nxt[:4]):
        return None
    for ent in nxt.ents:
        if ent.label_ == "DATE":
            resolved = resolve_date(_date_text(ent), reference, sentence=frame.sentence.text)
            if resolved is not None and resolved.precision == "day":
                return FoundDate(resolved.date, resolved.date_end, _date_text(ent), "day")
    return None


def place_of(text: str) -> Place | None:
    """A city, venue or country name -> Place; None for anything else."""
    text = text.strip()
    low = text.lower()
    for prefix in ("the ",):
        if low.startswith(prefix):
            low = low[len(prefix):]
    if low in venues():
        city, country = venues()[low]
        return Place(city, country, True)
    city = gazetteer.city_by_name(text)
    if city is not None:
        # the article's own spelling of a known city ("Makkah", "Kiev") is kept
        surface = text.strip(" ,.;:'\"()")
        keep = surface[:1].isupper() and not any(c in surface for c in ',;:"()')
        return Place(surface if keep else city.name, city.country, True)
    country = gazetteer.country_by_name(text)
    if country is not None and country.kind == "state":
        return Place(country.name, country.name, False)
    return None


def _modifies_a_title(doc: Doc, end: int, limit: int) -> bool:
    """ "visiting U.S. Secretary of State X", "in Kenya's foreign ministry": the place names an office."""
    if end >= limit:
        return False
    nxt = doc[end]
    return nxt.text in words("possessive_markers") or (
        nxt.text[:1].isupper() and nxt.lower_ in {w for form in roles().by_surface for w in form.split()}
    )


def _city_after_venue(doc: Doc, start: int, limit: int) -> Place | None:
    """ "at State House, Nairobi" / "at Government House in Canberra": the city after a venue name."""
    j = start
    if j < limit and doc[j].lower_ == "the":
        j += 1
    run = j
    while run < limit and run - j < 5 and doc[run].text[:1].isupper() and doc[run].pos_ == "PROPN":
        run += 1
    if run == j or run + 1 >= limit or doc[run].text != ",":
        return None
    if place_of(doc[j:run].text) is not None:
        return None
    for width in (3, 2, 1):
        place = place_of(doc[run + 1 : run + 1 + width].text) if run + 1 + width <= limit else None
        if place is not None and place.is_city:
            return place
    return None


def _movement_before(doc: Doc, i: int) -> bool:
    """ "to" names a place after a journey word ("visit to Kenya", "welcomed B to Canberra")."""
    if i == 0:
        return False
    prev = doc[i - 1]
    return prev.lemma_.lower() in words("journey_words") or doc[i].head.lemma_.lower() in words("journey_words")


def _capital_phrase(doc: Doc, i: int) -> tuple[Place | None, int]:
    """ "the Azerbaijani capital" / "the Russian capital" -> that country's capital."""
    j = i
    if j < len(doc) and doc[j].lower_ == "the":
        j += 1
    if j + 1 < len(doc) and doc[j + 1].lower_ == "capital":
        country = gazetteer.country_by_demonym(doc[j].text)
        if country is not None and country.capital:
            return Place(country.capital, country.name, True), j + 2
    return None, i


def sentence_places(sent: Span, excluded: set[int]) -> list[tuple[int, Place]]:
    """Places introduced as where something happens: "in Baku", "at the White House", "visited Kenya"."""
    doc = sent.doc
    found: list[tuple[int, Place]] = []
    i = sent.start
    while i < sent.end:
        tok = doc[i]
        low = tok.lower_
        start = None
        if low in words("place_prepositions") and i + 1 < sent.end and (low != "to" or _movement_before(doc, i)):
            start = i + 1
        elif tok.lemma_.lower() == "visit" and tok.pos_ == "VERB" and i + 1 < sent.end:
            start = i + 1
        if start is None or start in excluded:
            i += 1
            continue
        capital, after = _capital_phrase(doc, start)
        if capital is not None:
            found.append((start, capital))
            i = after
            continue
        venue_city = _city_after_venue(doc, start, sent.end)
        if venue_city is not None:
            found.append((start, venue_city))
            i = start + 1
            continue
        place = None
        for width in (5, 4, 3, 2, 1):
            end = start + width
            if end > sent.end:
                continue
            span = doc[start:end]
            if span[-1].text in {",", "."}:
                continue
            place = place_of(span.text)
            if place is not None:
                if not _modifies_a_title(doc, end, sent.end):
                    found.append((start, place))
                i = end
                break
        if place is None:
            ent = doc[start]
            if ent.ent_type_ == "GPE" and ent.ent_iob_ == "B" and low in {"in", "at"}:
                span = next(e for e in sent.ents if e.start == start)
                found.append((start, Place(span.text, None, True)))  # a town not in the tables
                i = span.end
                continue
            i += 1
    # "the Moscow talks", "Baku meeting": a place modifying a meeting noun
    for tok in sent:
        if tok.dep_ == "compound" and tok.head.lower_ in {"talks", "meeting", "summit", "negotiations"} and tok.i not in excluded:
            place = place_of(tok.text)
            if place is not None and place.is_city:
                found.append((tok.i, place))
    return found


def _place_of_saying(frame: Frame, index: int) -> bool:
    """ "told reporters at the White House that he hoped to meet X": where it was said."""
    doc = frame.sentence.doc
    prep = doc[index - 1] if index > frame.sentence.start else None
    return prep is not None and prep.lower_ in words("place_prepositions") and (
        prep.head.lemma_.lower() in words("say_verbs") and prep.head.i != frame.trigger
    )


def _belongs_elsewhere(frame: Frame, index: int, is_trigger) -> bool:
    """A place phrase governed by another meeting word ("the presidents' meetings in Vienna")."""
    doc = frame.sentence.doc
    prep = doc[index - 1] if index > frame.sentence.start else None
    if prep is None or prep.lower_ not in words("place_prepositions"):
        return False
    head = prep.head
    trigger = doc[frame.trigger]
    if head.i == frame.trigger or head.lemma_.lower() in words("journey_words"):
        return False  # "on a visit to Tokyo, A met B": the journey's place is the meeting's
    if head.lemma_.lower() in words("say_verbs"):
        return True  # "told reporters at the White House that he hoped to meet X"
    if trigger.pos_ in {"NOUN", "PROPN"} and head.i == trigger.head.i:
        return False  # "held talks in Moscow"
    return is_trigger(head)  # "met A in Bangkok and will meet B in Vientiane"


def _segment(frame: Frame, is_trigger) -> tuple[int, int]:
    """The stretch of the sentence between the triggers before and after this frame's trigger."""
    sent = frame.sentence
    others = [t.i for t in sent if t.i != frame.trigger and is_trigger(t)]
    end = min((i for i in others if i > frame.trigger), default=sent.end)
    if not frame.noun:
        return frame.trigger, end  # a verb's place follows it: "met A in Bangkok and will meet B in Vientiane"
    start = max((i for i in others if i < frame.trigger), default=sent.start - 1) + 1
    return start, end


def meeting_place(frame: Frame, excluded: set[int], is_trigger=lambda token: False) -> Place | None:
    """The place nearest the trigger in its sentence; a city beats the country it lies in.

    A place in the stretch between the neighbouring meeting words is preferred ("met A in
    Bangkok on Monday and will meet B in Vientiane").
    """
    found = sentence_places(frame.sentence, excluded)
    start, end = _segment(frame, is_trigger)
    own = [(i, p) for i, p in found if start <= i < end and not _place_of_saying(frame, i)]
    places = own or [(i, p) for i, p in found if not _belongs_elsewhere(frame, i, is_trigger)]
    if not places:
        return None
    trigger = frame.trigger
    places.sort(key=lambda p: abs(p[0] - trigger))
    best_index, best = places[0]
    if not best.is_city:
        for index, other in places[1:]:
            if other.is_city and other.country == best.name and abs(index - best_index) <= 4:
                return other
    return best
