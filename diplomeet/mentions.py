"""Person mentions in a parsed Doc: names, descriptions ("his Armenian counterpart") and pronouns.

The small statistical models mislabel officials (a surname as ORG, a country as PERSON), so names
come from three general sources: PERSON entities that are not places or agencies, capitalised
words right after an office title, and later repetitions of a name already found.
Each mention carries the role and country its own noun phrase states.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from spacy.tokens import Doc, Span, Token

from diplomeet import gazetteer, page
from diplomeet.lexicon import cues, load_json, number_word, roles, words
from diplomeet.names import fold

MentionKind = Literal["name", "description", "pronoun"]
MAX_NAME_WORDS = 5  # capitalised words in one name ("Omar Hassan Ahmad al-Bashir" has four)

def _pronouns() -> frozenset[str]:
    return words("singular_pronouns") | words("plural_pronouns") | words("second_person")


@dataclass
class RoleSpan:
    """An office title in the text: tokens ``start:end``, canonical role, plural or not."""

    start: int
    end: int
    role: str
    plural: bool
    counterpart: bool = False


@dataclass
class Mention:
    """One reference to a person in the Doc (token offsets ``start:end``)."""

    start: int
    end: int
    text: str
    kind: MentionKind
    role: str | None = None
    countries: list[str] = field(default_factory=list)
    plural: bool = False
    count: int | None = None
    counterpart: bool = False
    possessor: int | None = None  # token index of "his"/"her" before "counterpart"
    cluster: int | None = None  # filled by coreference
    title: tuple[int, int] | None = None  # a title phrase set off before the name ("X's envoy for Y, <name>")

    @property
    def country(self) -> str | None:
        return self.countries[0] if len(self.countries) == 1 else None


def find_role_spans(doc: Doc) -> list[RoleSpan]:
    """Office titles ("Foreign Minister", "minister of foreign affairs", "counterpart") in ``doc``."""
    table = roles()
    max_tokens = table.max_words * 2 + 1
    spans: list[RoleSpan] = []
    lowered = doc.text.lower()  # built once: Doc.text is rebuilt on every access
    starts = [t.idx for t in doc]
    ends = [t.idx + len(t) for t in doc]
    first_words = (
        {form.split(" ")[0].split("-")[0] for form in table.by_surface}
        | {word.split("-")[0] for word in table.plurals}
        | {word.split(" ")[0] for word in table.counterpart_words}
    )
    i = 0
    n = len(doc)
    while i < n:
        found = None
        if doc[i].lower_.split("-")[0] not in first_words:
            i += 1
            continue
        for j in range(min(n, i + max_tokens), i, -1):
            surface = " ".join(lowered[starts[i] : ends[j - 1]].split())
            words = surface.split(" ")
            last = words[-1]
            plural = False
            if surface in table.by_surface:
                role = table.by_surface[surface]
                plural = last in table.plurals  # "co-chairs" is listed as it is written
            elif last in table.plurals:
                singular = " ".join(words[:-1] + [table.plurals[last]])
                role = table.by_surface.get(singular)
                plural = True
                if role is None and table.plurals[last] in table.counterpart_words:
                    role = ""
            elif surface in table.counterpart_words:
                role = ""
            else:
                role = None
            if role is not None:
                found = RoleSpan(i, j, role, plural, counterpart=(role == ""))
                break
        if found is not None:
            _take_country_complement(doc, found)
            spans.append(found)
            i = found.end
        else:
            i += 1
    return [s for s in spans if _plausible_role(doc, s)]


def _take_country_complement(doc: Doc, span: RoleSpan) -> None:
    """ "Ambassador to Denmark", "Special Envoy for Iran": the title with the country it is for.

    The country is part of the office, not the side the person represents.
    """
    preps = load_json("roles.json")["titles_taking_a_country"].get(span.role)
    if not preps or span.plural or span.end + 1 >= len(doc) or doc[span.end].lower_ not in preps:
        return
    country, end = _country_forward(doc, span.end + 1, min(len(doc), span.end + 5))
    if country is None:
        return
    span.role = f"{span.role} {doc[span.end].lower_} {country}"
    span.end = end


def _plausible_role(doc: Doc, span: RoleSpan) -> bool:
    """Drop lower-case generic words used as verbs or in other senses ("head", "leader" of a party)."""
    first = doc[span.start]
    if first.pos_ in {"VERB", "AUX"}:
        return False
    if span.start > 0 and doc[span.start - 1].lower_ in words("name_particles"):
        return False  # "Abdullah bin Zayed bin Sultan Al Nahyan": a name after "bin", not an office
    if span.role in load_json("roles.json")["titles_needing_context"]:
        # generic words need a country or a name next to them to be an office
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end] if span.end < len(doc) else None
        has_country = before is not None and (
            gazetteer.country_by_demonym(before.text) is not None
            or before.text in words("possessive_markers")
        )
        has_name = after is not None and after.pos_ == "PROPN"
        counted = span.plural and before is not None and number_word(before.lower_) is not None  # "the two leaders"
        return has_country or has_name or counted
    return True


def _country_of_token(token: Token) -> str | None:
    text = token.text
    country = gazetteer.country_by_demonym(text) or gazetteer.country_by_name(text)
    return country.name if country is not None else None


def _country_at(doc: Doc, start: int, end: int) -> tuple[str | None, int]:
    """A country named by a demonym, a name or a multi-word name ending at token ``end - 1``.

    Returns (country name, first token index) or (None, end).
    """
    if end <= start or (doc[end - 1].is_punct and doc[end - 1].text not in words("possessive_markers")):
        return None, end  # "... Harper of Canada. President X": a sentence's end is no country of X
    for width in (4, 3, 2, 1):
        s = end - width
        if s < start or doc[s].is_punct:
            continue
        text = doc[s:end].text
        country = gazetteer.country_by_demonym(text) or gazetteer.country_by_name(text)
        if country is not None:
            return country.name, s
    return None, end


def _country_forward(doc: Doc, start: int, limit: int) -> tuple[str | None, int]:
    """A country name starting at ``start`` (longest first). Returns (name, end) or (None, start)."""
    origin = start
    # "the Republic of Türkiye", "the Islamic Republic of Iran", "the Kingdom of Saudi Arabia"
    k = start
    if k < limit and doc[k].lower_ == "the":
        k += 1
    while k < limit and doc[k].text[:1].isupper() and doc[k].lower_ in {"islamic", "people", "democratic", "federal", "united", "arab"}:
        k += 1
    if k + 1 < limit and doc[k].lower_ in {"republic", "kingdom", "state", "federation", "sultanate", "emirate"} and doc[k + 1].lower_ == "of":
        name, end = _country_forward(doc, k + 2, limit)
        if name is not None:
            return name, end
    start = origin
    for width in (4, 3, 2, 1):
        e = start + width
        if e > limit or doc[e - 1].is_punct:
            continue  # "Denmark," is Denmark and a comma: the comma is no part of the name
        text = doc[start:e].text
        if text.lower().startswith("the "):
            continue
        country = gazetteer.country_by_name(text) or gazetteer.country_by_demonym(text)
        if country is not None:
            return country.name, e
    return None, start


def _is_place_or_agency(text: str) -> bool:
    low = text.lower().strip()
    if low in {w.lower() for w in cues()["non_person_names"]}:
        return True
    return bool(
        gazetteer.country_by_name(text)
        or gazetteer.country_by_demonym(text)
        or gazetteer.city_by_name(text)
    )


@lru_cache(maxsize=1)
def _cue_words() -> frozenset[str]:
    """Single words that state a meeting or its kind, with the verbs' inflections.

    In a title-case headline ("Scholz, Macron Hold Virtual Talks") they are capitalised like
    the names before them but are never part of a name.
    """
    c = cues()
    lemmas = set(c["verb_triggers"]) | words("light_verbs")
    forms = set(load_json("grammar.json")["irregular_cue_verb_forms"])
    for lemma in lemmas:
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        forms |= {lemma, lemma + "s", lemma + "es", stem + "ed", stem + "ing"}
    phrases = [*c["noun_triggers"], *c["kind"]["phone"], *c["kind"]["video"], *c["joint_cues"], *c["separate_cues"]]
    forms |= {p for p in phrases if " " not in p}
    return frozenset(forms)


def _never_in_name(token: Token) -> bool:
    """A capitalised word that ends a name run: a meeting cue, a weekday, a month before a number."""
    low = token.lower_
    if low in _cue_words() or low in words("weekday_words"):
        return True
    if low in words("month_words") and token.i + 1 < len(token.doc):
        return token.doc[token.i + 1].like_num  # "Obama March 3" (not "Theresa May")
    return False


def _is_name_token(token: Token, role_tokens: set[int]) -> bool:
    text = token.text
    if token.i in role_tokens:
        return False
    if _never_in_name(token):
        return False
    if not text[:1].isupper() or token.is_punct:
        return False
    if text.isupper() and len(text) > 1 and not text.endswith("."):
        return False  # datelines, acronyms (BAKU, OSCE)
    low = text.lower()
    if low in roles().honorifics or low in words("determiners"):
        return False
    if gazetteer.country_by_demonym(text) is not None:
        return False
    return token.pos_ in {"PROPN", "NOUN", "ADJ", "X"} or token.ent_type_ == "PERSON"


def _name_run(doc: Doc, start: int, role_tokens: set[int], limit: int) -> int:
    """End of a run of name tokens starting at ``start`` (hyphens, initials, particles allowed)."""
    end = start
    particles = words("name_particles")
    while end < limit:
        token = doc[end]
        if _is_name_token(token, role_tokens):
            end += 1
        elif token.is_space and end > start and end + 1 < limit and _is_name_token(doc[end + 1], role_tokens) and (
            "\n" not in token.text or _wrapped_line_break(doc, end)
        ):
            end += 1  # "Antony  Blinken": a stray extra space, or a hard-wrapped line, inside a name
        elif token.text == "-" and end + 1 < limit and doc[end + 1].text[:1].isupper() and end > start and not token.whitespace_:
            end += 1
        elif token.text == "-" and end > start and _lower_name_part(doc, end, limit):
            end += 2  # "Chung Eui-yong", "Wattana-kul": a hyphenated part in lower case
        elif token.text.lower() in particles and end > start and end + 1 < limit and (
            doc[end + 1].text[:1].isupper() or doc[end + 1].text.lower() in particles or doc[end + 1].text == "-"
        ):
            end += 1  # "Ursula von der Leyen", "Faisal bin Farhan"
        else:
            break
        if sum(1 for t in doc[start:end] if _counts_as_name_word(t)) >= MAX_NAME_WORDS:
            break
    return end


def _wrapped_line_break(doc: Doc, k: int) -> bool:
    """Whether the space token ``doc[k]`` is one line break of hard-wrapped prose."""
    token = doc[k]
    if token.text.count("\n") != 1:
        return False
    return token.idx + token.text.index("\n") in page.soft_line_breaks(doc.text)


def _counts_as_name_word(token: Token) -> bool:
    low = token.lower_
    return token.text[:1].isupper() and low not in words("name_particles") and low not in roles().honorifics


def _lower_name_part(doc: Doc, hyphen: int, limit: int) -> bool:
    """Whether ``doc[hyphen]`` joins a lower-case part that the tagger reads as part of a name.

    "Jin-hwan" (both proper nouns, no spaces) yes; "Biden-led" (a participle) no.
    """
    before, after = doc[hyphen - 1], doc[hyphen + 1] if hyphen + 1 < limit else None
    if after is None or before.whitespace_ or doc[hyphen].whitespace_:
        return False
    if not (after.text.isalpha() and after.text.islower() and before.text[:1].isupper()):
        return False
    return after.tag_ in {"NNP", "NNPS"} or (after.ent_type_ == "PERSON" and before.ent_type_ == "PERSON")


def _strip_possessive(doc: Doc, start: int, end: int) -> int:
    while end > start and doc[end - 1].text in words("possessive_markers"):
        end -= 1
    return end


def find_mentions(doc: Doc) -> list[Mention]:
    """All person mentions in ``doc``, in text order, with the role and country their NP states."""
    role_spans = find_role_spans(doc)
    role_tokens = {i for s in role_spans for i in range(s.start, s.end)}
    role_by_end = {s.end: s for s in role_spans}
    names: dict[int, Mention] = {}
    named: set[int] = set()  # tokens inside a name found so far

    def add_name(start: int, end: int) -> None:
        end = _strip_possessive(doc, start, end)
        while end - start > 1 and doc[end - 1].tag_.startswith("VB"):
            end -= 1  # a headline's verb glued to the name: "Kurti, Vucic Refuse to ..."
        while start < end and (doc[start].text.lower() in roles().honorifics or start in role_tokens):
            start += 1
        end = next((k for k in range(start, end) if _never_in_name(doc[k])), end)
        if end <= start:
            return
        text = " ".join(doc[start:end].text.split())
        if _is_place_or_agency(text) or not any(t.text[:1].isupper() for t in doc[start:end]):
            return
        if any(c.isdigit() for c in text) or text.lower() in roles().by_surface or text.lower() in roles().plurals:
            return  # "N1 BiH", a bare "Head" or "Minister" the recogniser called a person
        if any(i in named for i in range(start, end)):
            return
        names[start] = Mention(start, end, text, "name")
        named.update(range(start, end))

    # 1. names right after an office title: "Foreign Minister Sergei X", "Minister of Foreign Affairs of Armenia Ararat X"
    listed_under: dict[int, list[int]] = {}  # first name of a list under a plural title -> the others
    for span in role_spans:
        i = span.end
        while i < len(doc) and doc[i].text.lower() in roles().honorifics:
            i += 1
        if i < len(doc) and doc[i].text == "of":
            # "Minister of Foreign Affairs of Armenia X", "the foreign ministers of Azerbaijan and Armenia X and Y"
            k = i + 1
            while k < len(doc):
                _, after = _country_forward(doc, k, min(len(doc), k + 6))
                if after == k:
                    break
                k = after
                if span.plural and k + 1 < len(doc) and doc[k].lower_ in {"and", ","}:
                    k += 1
            if k > i + 1 and doc[k - 1].lower_ not in {"and", ","}:
                i = k
        if (
            i + 1 < len(doc) and doc[i].text == "," and doc[i + 1].ent_type_ == "PERSON"
            and span.start > 0 and (doc[span.start - 1].lower_ == "the" or doc[span.start - 1].text in words("possessive_markers"))
        ):
            i += 1  # "the Minister of International Relations, Ronald Lamola,"
        elif i + 1 < len(doc) and doc[i].text == ",":
            k = i + 1
            while k < len(doc) and doc[k].lower_ in roles().honorifics:
                k += 1
            run = _name_run(doc, k, role_tokens, len(doc))
            if run > k and run < len(doc) and doc[run].text == ",":
                i = k  # "Azerbaijani Defense Minister, Colonel General Zakir Hasanov, ..."
        end = _name_run(doc, i, role_tokens, len(doc))
        if end > i and doc[i].ent_type_ != "DATE":
            add_name(i, end)
            # "Co-Chairs Igor Popov, Stephane Visconti and Andrew Schofer": the list under a plural title
            while span.plural and end + 1 < len(doc) and doc[end].text in {",", "and"}:
                k = end + 1 if doc[end + 1].text != "and" else end + 2
                nxt_end = _name_run(doc, k, role_tokens, len(doc))
                if nxt_end == k or doc[k].ent_type_ in {"GPE", "DATE", "NORP"}:
                    break
                add_name(k, nxt_end)
                listed_under.setdefault(i, []).append(k)
                end = nxt_end
    # 2. PERSON entities that are not places, agencies or bare titles
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        start, end = ent.start, ent.end
        if start > 0 and doc[start - 1].lower_ in {"in", "at", "from", "near"}:
            continue
        if _modifies_plural_noun(ent):
            continue  # "the Chibok schoolgirls", "Trump supporters": a name used as a modifier
        while start < end and (
            start in role_tokens or gazetteer.country_by_demonym(doc[start].text)
            or (start > 0 and _country_at(doc, start - 1, start + 1)[0] is not None)  # "(Saudi) Arabian"
        ):
            start += 1
        while end > start and end - 1 in role_tokens:
            end -= 1  # "Arabian King": the recogniser took the title into the name
        if end - start >= 1:
            add_name(start, end)
    # 3. repetitions of names found above (any label, or none): "X assured that ..."
    # matched on folded forms, so "Vucic" repeats "Vučić"
    known_tokens = {fold(t.text) for m in names.values() for t in doc[m.start : m.end] if len(t.text) > 2}

    def known(token: Token) -> bool:
        return token.text[:1].isupper() and fold(token.text) in known_tokens

    for token in doc:
        if known(token) and token.i not in role_tokens and token.i not in named:
            start = token.i
            while start > 0 and known(doc[start - 1]) and start - 1 not in named:
                start -= 1
            while start > 0 and doc[start - 1].lower_ in words("name_particles") and fold(doc[start - 1].text) in known_tokens | words("name_particles"):
                start -= 1  # "von der Leyen" repeats "Ursula von der Leyen"
            end = token.i + 1
            while end < len(doc) and known(doc[end]):
                end += 1
            add_name(start, end)

    mentions = sorted(names.values(), key=lambda m: m.start)
    for m in mentions:
        _attach_title(doc, m, role_by_end)
        _attach_apposition(doc, m, role_spans)
    _share_plural_titles(doc, mentions)
    by_start = {m.start: m for m in mentions}
    for first, others in listed_under.items():
        head = by_start.get(first)
        for k in others:
            if head is not None and k in by_start:
                by_start[k].role = by_start[k].role or head.role
                by_start[k].countries = by_start[k].countries or list(head.countries)
    named_spans = [(m.start, m.end) for m in mentions]
    descriptions = _descriptions(doc, role_spans, named_spans, mentions)
    pronouns = [
        Mention(t.i, t.i + 1, t.text, "pronoun", plural=t.lower_ in words("plural_pronouns"))
        for t in doc
        if t.lower_ in _pronouns() and t.pos_ in {"PRON", "DET"}
        and not _inside_any(t.i, named_spans)
    ]
    groups = _numbered_groups(doc, named_spans + [(d.start, d.end) for d in descriptions])
    return sorted(mentions + descriptions + pronouns + groups, key=lambda m: m.start)


def _modifies_plural_noun(ent: Span) -> bool:
    """Whether a PERSON entity only modifies a plural common noun that is no meeting or office.

    A place the model took for a person ("the abducted Chibok schoolgirls") and a name used
    as a label ("Trump supporters") are not people in the text; "the Xi-Biden talks" are.
    """
    root = ent.root
    head = root.head
    if root.dep_ != "compound" or head.i < ent.end or head.tag_ != "NNS":
        return False
    low = head.lower_
    return low not in cues()["noun_triggers"] and low not in roles().plurals and low not in roles().by_surface


def _numbered_groups(doc: Doc, taken: list[tuple[int, int]]) -> list[Mention]:
    """ "the two men", "the three", "both sides": people counted but not named (resolved like "they")."""
    out = []
    for token in doc[:-1]:
        count = number_word(token.lower_)
        if count is None or token.i == 0 or doc[token.i - 1].lower_ not in {"the", "these", "both"} | {"all"}:
            continue
        if _inside_any(token.i, taken):
            continue
        nxt = doc[token.i + 1]
        end = token.i + 2 if nxt.lower_ in words("group_nouns") else token.i + 1
        if end == token.i + 1 and nxt.pos_ in {"NOUN", "PROPN", "ADJ"}:
            continue  # "the two countries", "the two presidents" (a title: handled as a description)
        out.append(Mention(token.i - 1, end, doc[token.i - 1 : end].text, "description", plural=True, count=count))
    return out


def _apposed_name(doc: Doc, end: int, name_starts: set[int]) -> int | None:
    """Start of a name set off by a comma after a title and its short complement, else None.

    "Türkiye's special envoy for normalization with Armenia, Serdar Kılıç, met ..." -> Kılıç.
    """
    k = end
    limit = min(len(doc), end + 7)
    while k < limit and doc[k].text != "," and doc[k].pos_ in {"ADP", "DET", "NOUN", "PROPN", "ADJ", "CCONJ"}:
        k += 1
    if k < len(doc) - 1 and doc[k].text == "," and (k + 1) in name_starts:
        return k + 1
    return None


def _inside_any(i: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= i < e for s, e in spans)


def _attach_title(doc: Doc, m: Mention, role_by_end: dict[int, RoleSpan]) -> None:
    """Role and country from the words before the name: "Azerbaijan's President", "his Russian counterpart"."""
    i = m.start
    while i > 0 and doc[i - 1].text.lower() in roles().honorifics:
        i -= 1
    if i > 1 and doc[i - 1].text == "," and (i - 1) in role_by_end:
        before = role_by_end[i - 1].start - 1
        closes = m.end < len(doc) and doc[m.end].text == ","
        if before >= 0 and (doc[before].lower_ == "the" or doc[before].text in words("possessive_markers") or closes):
            i -= 1  # "the Minister of International Relations, Ronald Lamola" (not "Uzbek President, X hold talks")
    # "Minister of Foreign Affairs of Armenia <name>"
    if i >= 2:
        country, first = _country_at(doc, max(0, i - 4), i)
        if country is not None and first > 0 and doc[first - 1].text == "of" and (first - 1) in role_by_end:
            m.countries = [country]
            i = first - 1
    span = role_by_end.get(i)
    if span is None:
        return
    if span.role == "Ambassador" and span.start >= 2 and doc[span.start - 1].text == "," and (span.start - 1) in role_by_end:
        span = role_by_end[span.start - 1]  # "Nigeria's Minister of Foreign Affairs, Ambassador X"
    while span.start >= 2 and doc[span.start - 1].lower_ == "and" and (span.start - 1) in role_by_end:
        span = role_by_end[span.start - 1]  # "Crown Prince and Prime Minister X": the first title leads
    if span.counterpart:
        m.counterpart = True
    else:
        m.role = span.role
    j = span.start
    # modifiers and countries before the title: "visiting Russian", "Azerbaijan's", "U.S."
    while j > 0:
        prev = doc[j - 1]
        low = prev.text.lower()
        if low in roles().title_modifiers or prev.text in {"-", "top"}:
            j -= 1
            continue
        if prev.text in words("possessive_markers") and j >= 2:
            country, first = _country_at(doc, max(0, j - 5), j - 1)
            if country is not None:
                if not m.countries:
                    m.countries = [country]
                j = first
                continue
            if doc[j - 2].lower_ in words("singular_pronouns") or doc[j - 2].pos_ == "PROPN":
                break
            break
        if low in {"his", "her", "their"}:
            m.possessor = j - 1
            break
        country, first = _country_at(doc, max(0, j - 4), j)
        if country is not None:
            if not m.countries:
                m.countries = [country]
            j = first
            continue
        break


def _attach_apposition(doc: Doc, m: Mention, role_spans: list[RoleSpan]) -> None:
    """Role and country from an apposition or PP after the name: ", Russia's foreign minister," / "of Azerbaijan"."""
    i = m.end
    if i < len(doc) and doc[i].text in words("possessive_markers"):
        return
    if i + 1 < len(doc) and doc[i].text == "of":
        country, _ = _country_forward(doc, i + 1, min(len(doc), i + 5))
        if country is not None and not m.countries:
            m.countries = [country]
        return
    if i < len(doc) and doc[i].text == "(":
        # "(L)" photo markers are skipped
        close = next((k for k in range(i + 1, min(len(doc), i + 4)) if doc[k].text == ")"), None)
        if close is not None:
            i = close + 1
    if not (i < len(doc) and doc[i].text == ","):
        return
    if m.role is not None:
        return  # "PM Shehbaz, Saudi crown prince ...": a titled name followed by another person
    j = i + 1
    sent_end = doc[m.start].sent.end
    limit = min(sent_end, j + 6)
    role_here = next((s for s in role_spans if j <= s.start < limit), None)
    if role_here is None or role_here.counterpart:
        return
    after = role_here.end
    if after < len(doc) and doc[after].text == "of":
        _, after = _country_forward(doc, after + 1, min(len(doc), after + 6))
    while after < len(doc) and doc[after].lower_ in roles().honorifics:
        after += 1
    if after < len(doc) and doc[after].text[:1].isupper() and doc[after].pos_ == "PROPN":
        return  # "A, Turkish Minister of National Defense B and ...": B's title, not A's
    if any(t.lower_ in {"former", "ex", "ex-", "then", "late"} for t in doc[j : role_here.start]):
        return  # "X, a former ambassador to the US,": not the office held now
    allowed = {"the", "a", "an", "who", "is", "was", "currently", "-", "also"}
    country = None
    k = j
    while k < role_here.start:
        tok = doc[k]
        if tok.text.lower() in allowed or tok.text in words("possessive_markers") or tok.text.lower() in roles().title_modifiers:
            k += 1
            continue
        c, after = _country_forward(doc, k, role_here.start)
        if c is None:
            return  # something else stands between the comma and the title: not an apposition
        country = country or c
        k = after
    if m.role is None:
        m.role = role_here.role
    if country and not m.countries:
        m.countries = [country]
    elif not m.countries and role_here.end < len(doc) and doc[role_here.end].text == "of":
        c, _ = _country_forward(doc, role_here.end + 1, min(len(doc), role_here.end + 6))
        if c:
            m.countries = [c]


def _share_plural_titles(doc: Doc, mentions: list[Mention]) -> None:
    """ "Foreign Ministers A and B": the plural title applies to every conjunct."""
    for prev, cur in zip(mentions, mentions[1:]):
        gap = doc[prev.end : cur.start]
        if cur.role is None and prev.role is not None and len(gap) >= 1 and all(
            t.text in {",", "and"} for t in gap
        ):
            # only when the title before the first conjunct is plural
            k = prev.start - 1
            if k >= 0 and doc[k].text.lower().endswith("s") and doc[k].text.lower() in roles().plurals:
                cur.role = prev.role


def _descriptions(
    doc: Doc, role_spans: list[RoleSpan], named: list[tuple[int, int]], names: list[Mention]
) -> list[Mention]:
    """Office titles that stand for a person without naming them: "the Russian president"."""
    out: list[Mention] = []
    name_starts = {m.start for m in names}
    title_of_name = set()
    for m in names:
        i = m.start
        while i > 0 and doc[i - 1].text.lower() in roles().honorifics:
            i -= 1
        title_of_name.add(i)
        # "Minister of Foreign Affairs of Armenia <name>"
        for k in range(max(0, i - 5), i):
            if doc[k].text == "of":
                title_of_name.add(k)
    role_starts = {s.start: s for s in role_spans}
    for span in role_spans:
        if span.end in title_of_name or span.end in name_starts or _inside_any(span.start, named):
            continue
        nxt_title = role_starts.get(span.end + 1)
        if span.end < len(doc) and doc[span.end].lower_ == "and" and nxt_title is not None and (
            nxt_title.end in title_of_name or nxt_title.end in name_starts
        ):
            continue
        nxt = doc[span.end] if span.end < len(doc) else None
        if nxt is not None and nxt.text == "of":
            k = span.end + 1
            while k < len(doc):
                after_country, after = _country_forward(doc, k, min(len(doc), k + 6))
                if after_country is None:
                    break
                k = after
                if k < len(doc) and doc[k].lower_ in {"and", ","}:
                    k += 1
            if k in name_starts:
                continue  # the names follow: "... of Azerbaijan and Armenia Elmar X and Zohrab Y"
        # words before the title: determiner / possessor / countries
        countries: list[str] = []
        j = span.start
        possessor = None
        count = None
        has_anchor = False
        sent_start = doc[span.start].sent.start
        while j > sent_start:
            prev = doc[j - 1]
            low = prev.text.lower()
            if low in roles().title_modifiers:
                j -= 1
                continue
            if (low == "and" or prev.text == ",") and countries:
                # "the Armenian and Azerbaijani presidents", "Russian, U.S. and French co-chairs"
                c, _ = _country_at(doc, max(sent_start, j - 5), j - 1)
                if c is not None:
                    j -= 1
                    continue
                break
            if prev.text in words("possessive_markers") and j - 2 >= sent_start:
                c, first = _country_at(doc, max(sent_start, j - 5), j - 1)
                if c is not None:
                    countries.insert(0, c)
                    j = first
                    has_anchor = True
                    continue
                break
            c, first = _country_at(doc, max(sent_start, j - 4), j)
            if c is not None:
                countries.insert(0, c)
                j = first
                has_anchor = True
                continue
            if low in words("determiners"):
                has_anchor = True
                if low in {"his", "her"}:
                    possessor = j - 1
                if number_word(low) is not None:
                    count = number_word(low)
                j -= 1
                continue
            break
        while j < span.start and doc[j].is_punct:
            j += 1
        # an apposition of a name just before (", Russia's foreign minister") is not a new person
        if j > 0 and doc[j - 1].text == "," and _inside_any(j - 2, named):
            continue
        end = span.end
        if nxt is not None and nxt.text == "of":
            k = span.end + 1
            while k < len(doc):
                if doc[k].text.lower() in {"the", "and", ","}:
                    k += 1
                    continue
                c, after = _country_forward(doc, k, min(len(doc), k + 5))
                if c is None:
                    break
                countries.append(c)
                end = after
                k = after
            has_anchor = has_anchor or end > span.end
        if not has_anchor and not span.counterpart:
            continue
        named_after = _apposed_name(doc, end, name_starts)
        if named_after is not None:
            person = next(m for m in names if m.start == named_after)
            person.role = person.role or (span.role or None)
            person.countries = person.countries or countries[:1]
            person.title = (j, named_after)
            continue
        if doc[span.start].text[:1].isupper() and j == span.start and not countries:
            continue  # a bare capitalised title: part of a name we did not recognise
        plural = span.plural or len(countries) > 1
        text = doc[j:end].text
        if plural and len(countries) > 1:
            for c in countries:
                out.append(
                    Mention(j, end, text, "description", role=span.role or None, countries=[c],
                            counterpart=span.counterpart, possessor=possessor)
                )
        else:
            out.append(
                Mention(j, end, text, "description", role=span.role or None, countries=countries,
                        plural=plural, count=count, counterpart=span.counterpart, possessor=possessor)
            )
    return out


def window_start(doc: Doc, sent: Span, sentences_back: int) -> int:
    """Token index where the window of ``sent`` and the ``sentences_back`` sentences before it starts."""
    start = sent.start
    for _ in range(sentences_back):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    return start
