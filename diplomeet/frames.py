"""Meeting triggers and their participants, from sentence structure.

A trigger is a meeting verb ("met", "held talks", "was received by") or noun ("a meeting between",
"phone conversation"). Its participants are the subject side (from the dependency parse, the
possessor, or the subject of the verb governing a noun trigger) plus each object group found by a
left-to-right scan after the trigger ("with A and B", "between A and B", a direct object, "by A").
The scan copes with parser errors inside coordinated noun phrases; separate "with" phrases and the
word "separate" make separate meetings.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from diplomeet import gazetteer
from diplomeet.lexicon import cues, roles, words
from diplomeet.coref import role_compatible
from diplomeet.mentions import Mention, window_start
from diplomeet.sides import split_by_side

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
CLIMB_DEPS = {"conj", "xcomp", "advcl", "pcomp", "ccomp", "acl", "prep", "relcl", "acomp"}
SKIP_BEFORE_OBJECT = {"ADV", "PART", "ADP", "DET", "NUM", "PROPN", "ADJ", "PUNCT", "NOUN", "CCONJ"}


def _possessive_determiner(doc: Doc, mention: Mention) -> bool:
    """ "his" in "his Azerbaijani counterpart": part of a noun phrase, not a participant."""
    token = doc[mention.start]
    return mention.kind == "pronoun" and (token.tag_ == "PRP$" or token.dep_ == "poss")


@dataclass
class Frame:
    """One stated meeting: the trigger token, the sentence and the participating mentions."""

    trigger: int
    sentence: Span
    participants: list[Mention]
    noun: bool
    separate: bool = False


class FrameFinder:
    """Finds meeting frames in one Doc, given its person mentions (with clusters resolved)."""

    def __init__(self, doc: Doc, mentions: list[Mention], role_of=lambda cluster: None, country_of=lambda cluster: None):
        self.doc = doc
        self.mentions = mentions
        self.role_of = role_of  # cluster id -> the person's office (from coreference)
        self.country_of = country_of  # cluster id -> the state or organisation the person represents
        self.by_start: dict[int, list[Mention]] = {}
        self.by_token: dict[int, list[Mention]] = {}
        for m in mentions:
            self.by_start.setdefault(m.start, []).append(m)
            for i in range(m.start, m.end):
                self.by_token.setdefault(i, []).append(m)
            if m.title is not None:  # the title phrase before an appositive name stands for it
                for i in range(*m.title):
                    self.by_token.setdefault(i, []).append(m)
        c = cues()
        self.verb_triggers: dict[str, str] = c["verb_triggers"]
        self.noun_triggers = set(c["noun_triggers"])
        self.weak_nouns = set(c["weak_noun_triggers"])
        self.not_meeting = set(c["not_meeting_nouns"])
        self.separate_cues = set(c["separate_cues"])
        self.role_words = {w for form in roles().by_surface for w in form.split()} | set(roles().plurals)
        self._title_tokens = {
            t.i for t in doc
            if t.lower_ in self.role_words or t.ent_type_ == "NORP" or gazetteer.country_by_demonym(t.text)
        }
        # both words of a two-word demonym ("Saudi Arabian King X")
        self._title_tokens |= {
            i for t in doc[1:] if t.text[:1].isupper() and doc[t.i - 1].text[:1].isupper()
            and gazetteer.country_by_demonym(doc[t.i - 1 : t.i + 1].text) for i in (t.i - 1, t.i)
        }
        self.lists = self._coordinated_lists()
        self.own_with_nouns = set(c["nouns_taking_own_with"])
        self.needs_modifier: dict[str, list[str]] = c["nouns_needing_modifier"]
        self.bridge_nouns = set(c["bridge_nouns"])
        self.joint_cues = set(c["joint_cues"])
        self.one_sitting = set(c["one_sitting_nouns"])
        self.several_sittings = set(c["several_sittings_nouns"])
        self.invitation_complements = set(c["invitation_complements"])

    # -- helpers ---------------------------------------------------------------------------------
    def _is_filler(self, token: Token) -> bool:
        low = token.lower_
        return (
            low in words("determiners") or low in self.role_words or low in roles().title_modifiers
            or low in roles().honorifics or token.text in words("possessive_markers") or low in {"of", "(", ")", "-", "l", "r", "c"}
            or low in roles().counterpart_words or token.ent_type_ in {"NORP", "GPE"}
            or token.i in self._title_tokens  # demonyms the recogniser labelled otherwise
            or (token.pos_ == "PROPN" and not token.ent_type_ == "DATE")
        )

    def _coordinated_lists(self) -> list[list[Mention]]:
        """Runs of two or more mentions joined by "and" / "," (for "they", "the two ministers")."""
        lists: list[list[Mention]] = []
        ordered = [m for m in self.mentions if m.kind != "pronoun" or m.plural]
        current: list[Mention] = []
        for m in ordered:
            if current:
                last = current[-1]
                gap = self.doc[last.end : m.start] if m.start >= last.end else []
                same_span = m.start == last.start and m.end == last.end
                joined = same_span or (
                    not self._starts_clause(last, m)
                    and len(gap) <= 8 and any(t.lower_ in {"and", ","} for t in gap)
                    and all(t.lower_ in {"and", ",", "as", "well"} or self._is_filler(t) for t in gap)
                    and not any(t.lower_ == "with" for t in gap)
                )
                if joined:
                    current.append(m)
                    continue
                if len(current) >= 2:
                    lists.append(current)
            current = [m]
        if len(current) >= 2:
            lists.append(current)
        return lists

    def _root(self, m: Mention) -> Token:
        """The token of the mention whose head lies outside it."""
        span = self.doc[m.start : m.end]
        return span.root

    def _starts_clause(self, last: Mention, m: Mention) -> bool:
        """ "with the president, A, and the minister, B, Mr C will meet": C heads a new clause."""
        root = self._root(m)
        return (
            root.dep_ in {"nsubj", "nsubjpass"} and root.head.i > root.i
            and self._root(last).dep_ not in {"nsubj", "nsubjpass", "conj"}
        )

    def plural_referent(self, m: Mention) -> list[Mention]:
        """The group a plural pronoun or description ("they", "the two ministers") stands for."""
        window = window_start(self.doc, self.doc[m.start].sent, 3)
        for group in reversed(self.lists):
            if group[-1].end <= m.start and group[0].start >= window and m not in group:
                if m.kind == "description" and m.role and not all(
                    role_compatible(m.role, g.role or self.role_of(g.cluster)) for g in group
                ):
                    continue
                if m.count and len({g.cluster for g in group}) != m.count:
                    continue
                return group
        if m.kind == "description" and (m.count or m.role):
            wanted = m.count or 2  # "the envoys", "the ministers": most often the pair just named
            recent: list[Mention] = []
            for x in reversed(self.mentions):
                if x.start >= m.start or x.start < window or x.cluster is None or x.kind in {"pronoun", "description"}:
                    continue
                office = self.role_of(x.cluster) or x.role
                if m.role and (office is None or not role_compatible(m.role, office)):
                    continue
                if x.cluster not in {r.cluster for r in recent}:
                    recent.append(x)
                if len(recent) == wanted:
                    return recent[::-1]
        return []

    def _expand(self, mentions: list[Mention]) -> list[Mention]:
        out: list[Mention] = []
        for m in mentions:
            if m.plural and m.cluster is None:
                out.extend(self.plural_referent(m))
            else:
                out.append(m)
        return out

    # -- subject side ----------------------------------------------------------------------------
    def _mentions_of_token(self, token: Token) -> list[Mention]:
        found: list[Mention] = []
        stack = [token]
        seen = set()
        while stack:
            t = stack.pop()
            if t.i in seen:
                continue
            seen.add(t.i)
            for m in self.by_token.get(t.i, []):
                if m not in found:
                    found.append(m)
            for child in t.children:
                if child.dep_ in {"conj", "appos"}:
                    stack.append(child)
        return sorted(found, key=lambda m: m.start)

    def _topic_before(self, sent: Span, exclude: set[int | None]) -> list[Mention]:
        """The subject person of the nearest of the two sentences before ``sent``."""
        doc = self.doc
        prev_end = sent.start
        for _ in range(2):
            if prev_end == 0:
                break
            prev = doc[prev_end - 1].sent
            for m in self.mentions:
                if prev.start <= m.start < prev.end and m.cluster is not None and m.cluster not in exclude:
                    if doc[m.end - 1].dep_ in {"nsubj", "nsubjpass"} and m.kind != "description":
                        return [m]
            prev_end = prev.start
        return []

    def _leading_mentions(self, token: Token) -> list[Mention]:
        """Mentions heading a subject phrase the parser split badly ("Visiting Minister X (L) holds")."""
        found: list[Mention] = []
        for t in token.subtree:
            if t.lower_ in {"with", "by", "of", "from", "to", "for", "and"} and found:
                break
            if t.lower_ in {"with", "by", "from", "to", "for"}:
                break
            for m in self.by_token.get(t.i, []):
                if m.kind == "name" and m not in found:
                    found.append(m)
        return found

    def subject_of(self, verb: Token) -> list[Mention]:
        """The person mentions that are the subject of ``verb`` (through the parse, else left of it)."""
        sent = verb.sent
        return self._expand(self._subject_of(verb) or self._left_subject(verb, sent))

    def _with_list(self, found: list[Mention]) -> list[Mention]:
        """A subject that belongs to a coordinated list ("A, B and C held ...") brings the whole list."""
        for group in self.lists:
            if any(m in group for m in found):
                return found + [m for m in group if m not in found]
        return found

    def _subject_of(self, verb: Token, depth: int = 0) -> list[Mention]:
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            child = subjects[0]
            if child.lower_ in {"who", "that", "which"} and verb.dep_ == "relcl":
                return self._mentions_of_token(verb.head)  # "Mahuta, who held a virtual meeting with X"
            found: list[Mention] = []
            for child in subjects:  # the parser may attach each conjunct as its own subject
                found.extend(m for m in (self._mentions_of_token(child) or self._leading_mentions(child)) if m not in found)
            return self._with_list(found)
        if depth < 3 and verb.dep_ in CLIMB_DEPS and verb.head.i != verb.i:
            head = verb.head
            if verb.dep_ == "relcl" or (verb.dep_ == "acl" and head.pos_ in {"NOUN", "PROPN"}):
                return self._mentions_of_token(head)
            if head.pos_ == "ADP":
                head = head.head
            return self._subject_of(head, depth + 1)
        return []

    def _left_subject(self, trigger: Token, sent: Span) -> list[Mention]:
        """Fallback: the mention group right before the verb phrase ("A and B met")."""
        i = trigger.i - 1
        while i >= sent.start and (
            self.doc[i].pos_ in {"AUX", "ADV", "PART"}
            or self.doc[i].lower_ in {"also", "have", "has", "had", "will", "to", "(", ")", "l", "r", "c", "left", "right", "center"}
        ):
            i -= 1
        if i < sent.start or i not in self.by_token:
            return []
        group = [m for m in self.lists if any(x.start <= i < x.end for x in m)]
        if group:
            return group[-1]
        return self.by_token[i]

    # -- object side -----------------------------------------------------------------------------
    def _scan_objects(
        self, start: int, sent: Span, preps: set[str], direct: bool, max_skip: int = 12, topic_first: bool = False
    ) -> list[list[Mention]]:
        """Object groups to the right of a trigger: one group per preposition phrase (or direct object)."""
        doc = self.doc
        groups: list[list[Mention]] = []
        i = start
        end = sent.end
        opened = False
        skipped = 0
        while i < end:
            tok = doc[i]
            low = tok.lower_
            if not opened:
                if low in preps:
                    opened = True
                    groups.append([])
                    i += 1
                    continue
                if i != start and self.is_trigger(tok):
                    break  # "discussions for the upcoming meeting between ...": the phrase is the other trigger's
                if direct and i in self.by_start and skipped <= 6:
                    opened = True
                    groups.append([])
                    continue
                if low in words("clause_breaks") or tok.pos_ in {"VERB", "AUX"} or low == "to" and i + 1 < end and doc[i + 1].pos_ == "VERB":
                    break
                if direct and tok.pos_ == "NOUN" and low not in self.role_words and low not in roles().counterpart_words and i not in self.by_token:
                    # a common-noun object ("received a letter"): only "from"/"with" phrases can follow
                    direct = False
                if tok.pos_ not in SKIP_BEFORE_OBJECT or (low in self.own_with_nouns and not topic_first):
                    break  # "at the joint briefing with X": the phrase belongs to another noun
                if tok.pos_ == "ADP" and low not in preps and low not in self.role_words:
                    direct = False  # "meet in Leticia" (but "met Minister for Europe and Foreign Affairs X")
                skipped += 1
                if skipped > max_skip:
                    break
                i += 1
                continue
            # inside an object group
            if i in self.by_start and groups[-1] and any(self._starts_clause(groups[-1][-1], m) for m in self.by_start[i]):
                break
            if i in self.by_start:
                for m in self.by_start[i]:
                    if m not in groups[-1] and not _possessive_determiner(doc, m):
                        groups[-1].append(m)
                i = max(m.end for m in self.by_start[i])
                continue
            if low in {",", "and", "&"}:
                i += 1
                continue
            if low in self.bridge_nouns and i + 1 < end and doc[i + 1].lower_ == "of":
                i += 2  # "with the mediation of Russian FM X": X takes part
                continue
            if low == "as" and doc[i + 1 : i + 3].text.lower() == "well as":
                i += 3
                if i < end and doc[i].lower_ in preps:
                    groups.append([])
                    i += 1
                continue
            if low in preps and groups[-1]:
                groups.append([])
                i += 1
                continue
            if self._is_filler(tok):
                i += 1
                continue
            break
        self.last_scan_end = i
        return [g for g in groups if g]

    # -- triggers --------------------------------------------------------------------------------
    def _noun_trigger(self, token: Token) -> bool:
        low = token.lower_
        if low not in self.noun_triggers or token.pos_ not in {"NOUN", "PROPN"}:
            return False
        prev = token.doc[token.i - 1].lower_ if token.i > 0 else ""
        if f"{prev} {low}" in self.not_meeting:
            return False
        needed = self.needs_modifier.get(low)
        if needed:
            return prev in needed
        return True

    def _verb_trigger(self, token: Token) -> str | None:
        if token.pos_ not in {"VERB", "AUX"} and not (token.tag_.startswith("VB")):
            return None
        lemma = token.lemma_.lower()
        kind = self.verb_triggers.get(lemma)
        if kind is None or kind == "light":
            return None
        # "Visiting Foreign Minister X", "the hosting country": a participle used as a modifier
        if token.dep_ in {"amod", "compound"} or (
            token.lower_ in roles().title_modifiers and token.i + 1 < len(self.doc)
            and ((token.i + 1) in self.by_token or (token.i + 1) in self._title_tokens)
        ):
            return None
        return lemma

    def is_strong_trigger(self, token: Token) -> bool:
        """A meeting word that is not merely a setting ("summit", "visit"): it owns its places."""
        return token.lower_ not in self.weak_nouns and self.is_trigger(token)

    def is_trigger(self, token: Token) -> bool:
        """Whether a token is a meeting verb or noun."""
        return self._noun_trigger(token) or self._verb_trigger(token) is not None

    def find(self, sentences: list[Span]) -> list[Frame]:
        """All meeting frames in the given sentences."""
        frames: list[Frame] = []
        for sent in sentences:
            for token in sent:
                lemma = self._verb_trigger(token)
                if lemma is not None:
                    frames.extend(self._verb_frames(token, lemma, sent))
                elif self._noun_trigger(token):
                    frames.extend(self._noun_frames(token, sent))
        return frames

    def summaries(self, sentences: list[Span]) -> list[tuple[Token, list[Mention]]]:
        """Meeting words whose counterparts are an unnamed plural group, with their subject.

        "X on Monday held talks with presidents of several countries" sums up the meetings the
        next sentences name ("He met A, B and C"): they share its day and place.
        """
        plurals = set(roles().plurals)
        found: list[tuple[Token, list[Mention]]] = []
        for sent in sentences:
            for token in sent:
                if not self.is_trigger(token):
                    continue
                window = self.doc[token.i + 1 : min(sent.end, token.i + 5)]
                opener = next((t for t in window if t.lower_ == "with"), None)
                if opener is None:
                    continue
                group = None
                for t in self.doc[opener.i + 1 : min(sent.end, opener.i + 5)]:
                    if t.i in self.by_token and not self.by_token[t.i][0].plural and t.tag_ != "PRP$":
                        break
                    if t.lower_ in plurals:
                        group = t
                        break
                    if t.pos_ not in {"DET", "ADJ", "NUM", "PRON"}:
                        break
                if group is None:
                    continue
                verb = token if token.pos_ in {"VERB", "AUX"} else self._governing_subject(token)[1]
                subject = self.subject_of(verb) if verb is not None else []
                if subject:
                    found.append((token, subject))
        return found

    def _is_separate(self, sent: Span, trigger: Token) -> bool:
        window = sent.doc[max(sent.start, trigger.i - 3) : min(sent.end, trigger.i + 20)]
        text = " " + " ".join(t.lower_ for t in window) + " "
        return any(f" {cue} " in text for cue in self.separate_cues)

    def _is_joint(self, sent: Span, trigger: Token) -> bool:
        window = sent.doc[max(sent.start, trigger.i - 4) : min(sent.end, trigger.i + 14)]
        return any(t.lower_ in self.joint_cues for t in window)

    def _distinct_offices(self, group: list[Mention]) -> bool:
        """ "expected to meet the foreign minister, A, and the vice-president, B": separate sittings."""
        people = {m.cluster: m for m in group if m.cluster is not None}
        offices = [self.role_of(c) or m.role for c, m in people.items()]
        sides = [self._side(m) for m in people.values()]
        if None not in sides and len(set(sides)) == 1:
            return False  # one state's president and minister: one delegation (sides.py)
        return len(people) > 1 and all(offices) and len(set(offices)) == len(offices)

    def _side(self, m: Mention) -> str | None:
        """The country or organisation a mentioned person represents, when known."""
        return (self.country_of(m.cluster) if m.cluster is not None else None) or m.country

    def _one_side(self, group: list[Mention]) -> bool:
        """ "President A and Prime Minister B of Sri Lanka telephoned C": one party, not two callers."""
        known = {self._side(m) for m in group} - {None}
        return len(known) == 1  # a title shared by the list leaves the later names without a country

    def _is_possessor(self, m: Mention) -> bool:
        """ "Kishida's wife": a name followed by 's names someone else."""
        return m.end < len(self.doc) and self.doc[m.end].text in words("possessive_markers")

    def _make(
        self, trigger: Token, sent: Span, subject: list[Mention], objects: list[list[Mention]], noun: bool,
        between: bool = False,
    ) -> list[Frame]:
        subject = [m for m in subject if not (_possessive_determiner(self.doc, m) and self.doc[m.start].head.i != trigger.i)]
        objects = [[m for m in g if not _possessive_determiner(self.doc, m) and not self._is_possessor(m)] for g in objects]
        subject = self._expand(subject)
        objects = [self._expand(g) for g in objects]
        low = trigger.lower_
        several = noun and low in self.several_sittings  # "meetings with A and B": one sitting each
        if between and not subject and len(objects) == 1 and len(objects[0]) > 2 and (
            several or self._is_separate(sent, trigger)
        ) and not self._is_joint(sent, trigger):
            # "bilateral meetings between A and B, C and D": A met each of them
            subject, objects, between = objects[0][:1], [objects[0][1:]], False
        joint = between or self._is_joint(sent, trigger)  # "a call between A and B" is one call
        phone = any(t.lower_ in {"phone", "telephone", "calls", "phoned", "telephoned"} for t in sent.doc[max(sent.start, trigger.i - 3) : min(sent.end, trigger.i + 4)]) or (
            noun and trigger.lower_ == "call" and self.doc[trigger.i - 1].lower_ not in self.joint_cues
        ) or (
            not noun and trigger.lemma_.lower() in words("phone_verbs")
        )
        direct_objects = not noun and trigger.lemma_.lower() == "meet" and not any(
            c.lower_ == "with" for c in trigger.children
        ) and (trigger.i + 1 < len(self.doc) and self.doc[trigger.i + 1].lower_ != "with")
        separate = not joint and (
            self._is_separate(sent, trigger) or phone or several
            or (direct_objects and any(self._distinct_offices(g) and len(subject) == 1 for g in objects))
        )
        if subject and not joint and not separate and not (noun and low in self.one_sitting):
            # "X met A, B and C": one meeting per side among A, B and C (sides.py); but
            # "a meeting with A, B and C" is one sitting
            own = {self._side(m) for m in subject} - {None}
            objects = [part for g in objects for part in split_by_side(g, self._side, own)]
        frames = []
        if objects:
            for group in objects:
                if separate and len(group) > 1:
                    for o in group:
                        frames.append(Frame(trigger.i, sent, subject + [o], noun, separate=True))
                elif separate and len(subject) > 1 and not self._one_side(subject):
                    for s in subject:
                        frames.append(Frame(trigger.i, sent, [s] + group, noun, separate=True))
                else:
                    frames.append(Frame(trigger.i, sent, subject + group, noun))
        elif len(subject) >= 2:
            frames.append(Frame(trigger.i, sent, subject, noun))
        return frames

    def _invitation_frames(self, verb: Token, sent: Span) -> list[Frame]:
        """ "A invited B to visit C" / "A invited B to Washington": a proposed meeting of A and B."""
        complement = [c for c in verb.children if c.dep_ in {"xcomp", "ccomp", "advcl"} and c.lemma_.lower() in self.invitation_complements]
        to_place = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"]
        if not complement and not to_place:
            return []
        objects = [m for c in verb.children if c.dep_ in {"dobj", "dative"} for m in self._mentions_of_token(c)]
        if not objects:
            objects = self._scan_objects(verb.i + 1, sent, set(), True, max_skip=2)[:1]
            objects = objects[0] if objects else []
        subject = self._subject_of(verb) or self._left_subject(verb, sent)
        if not objects:
            return []
        return self._make(verb, sent, subject, [objects], noun=False)

    def _verb_frames(self, verb: Token, lemma: str, sent: Span) -> list[Frame]:
        kind = self.verb_triggers[lemma]
        if kind == "invite":
            return self._invitation_frames(verb, sent)
        if kind == "by":  # "co-chaired by A and B", "A and B will co-chair"
            objs = self._scan_objects(verb.i + 1, sent, {"by"}, False, max_skip=2)
            subject = self._subject_of(verb) or self._left_subject(verb, sent)
            if objs:
                return self._make(verb, sent, [], objs, noun=False)
            return self._make(verb, sent, subject, [], noun=False)
        passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children)
        preps = {"with"}
        direct = lemma in words("direct_object_verbs") and not passive
        called_on = verb.i + 1 < len(self.doc) and self.doc[verb.i + 1].lower_ == "on"
        phone_call = lemma in words("phone_verbs") and not called_on
        if phone_call and kind == "on":
            # "called X" is a telephone call; "called X a liar" names X
            if any(c.dep_ in {"oprd", "attr", "acomp"} and c.i not in self.by_token for c in verb.children):
                return []
            direct = not passive
        elif kind == "on":
            preps = {"on"}
            # "called on X to do Y" is an appeal, not a visit
            if any(c.dep_ in {"xcomp", "ccomp"} for c in verb.children) or any(
                t.lower_ == "to" and t.head.pos_ == "VERB" and t.i > verb.i for t in sent
            ):
                return []
        if kind == "down_with":
            if not any(c.lower_ == "down" for c in verb.children) and not (
                verb.i + 1 < len(self.doc) and self.doc[verb.i + 1].lower_ == "down"
            ):
                return []
        if lemma in {"talk", "speak", "converse"}:
            preps = {"with", "to"}
        if passive and lemma in words("passive_agent_verbs"):
            preps = {"by"}
        if lemma in {"talk", "speak", "converse"}:
            objs = self._scan_objects(verb.i + 1, sent, preps, False, max_skip=4)
        elif lemma == "exchange":
            objs = self._scan_objects(verb.i + 1, sent, {"with"}, False)
            if not any(t.lower_ in cues()["exchange_objects"] for t in verb.children):
                return []
        else:
            objs = self._scan_objects(verb.i + 1, sent, preps, direct)
        if lemma == "visit":
            objs = [g for g in objs if all(m.kind != "description" or m.role for m in g)]
        subject = self._subject_of(verb) or self._left_subject(verb, sent)
        if lemma == "discuss":
            objs = self._scan_objects(verb.i + 1, sent, {"with"}, False, max_skip=10, topic_first=True)
            if not objs:
                return []
        if lemma in {"talk", "speak"} and not objs and any(
            c.dep_ == "prep" and c.lower_ in {"at", "to", "about"} for c in verb.children
        ):
            return []  # "A and B spoke at a business forum": speeches, not a meeting
        if lemma in {"talk", "speak", "converse", "exchange", "consult", "negotiate", "confer"} and not objs:
            # "A and B spoke briefly in Buenos Aires": a joint subject is enough
            return self._make(verb, sent, subject, [], noun=False) if len(self._expand(subject)) >= 2 else []
        if phone_call and not objs:
            objs = self._addressed_in_conjunct(verb)  # "A telephoned and conveyed greetings to B"
        if (lemma in {"visit", "welcome", "greet", "host"} or phone_call) and not objs:
            return []  # "talks ... were called off": no one was called
        return self._make(verb, sent, subject, objs, noun=False)

    def _addressed_in_conjunct(self, verb: Token) -> list[list[Mention]]:
        """The person a conjoined address verb names: "telephoned and conveyed wishes to B" -> [[B]]."""
        conjuncts = [c for c in verb.children if c.dep_ == "conj"]
        if verb.dep_ == "conj":
            conjuncts.append(verb.head)
        found: list[Mention] = []
        for other in conjuncts:
            if other.lemma_.lower() not in words("address_verbs"):
                continue
            for child in other.children:
                targets = [child] if child.dep_ == "dative" else [g for g in child.children if g.dep_ == "pobj"] if (
                    child.dep_ == "prep" and child.lower_ == "to"
                ) else []
                for target in targets:
                    found.extend(m for m in self._mentions_of_token(target) if m not in found)
        return [found] if found else []

    def _governing_subject(self, noun: Token) -> tuple[list[Mention], Token | None]:
        head = noun
        for _ in range(4):
            if head.dep_ in {"dobj", "pobj", "attr", "npadvmod", "compound", "conj", "appos", "prep", "pcomp", "nsubj", "nsubjpass"} and head.head.i != head.i:
                head = head.head
                if head.pos_ in {"VERB", "AUX"} or (head.pos_ == "ADJ" and any(c.dep_ in SUBJECT_DEPS for c in head.children)):
                    if head.dep_ != "ccomp" and noun.dep_ not in {"nsubj", "nsubjpass"}:
                        return self._subject_of(head), head
                    return [], head
            else:
                break
        return [], None

    def _noun_frames(self, noun: Token, sent: Span) -> list[Frame]:
        doc = self.doc
        low = noun.lower_
        start = noun.i + 1
        # compound nouns: "phone conversation", "video call", "trilateral meeting"
        objs_between = self._scan_objects(start, sent, {"between", "among"}, False)
        if not objs_between and noun.dep_ in {"nsubj", "nsubjpass"} and noun.head.lemma_.lower() in {"take", "be", "hold"}:
            objs_between = self._scan_objects(noun.head.i + 1, sent, {"between", "among"}, False)
        objs_with = self._scan_objects(start, sent, {"with", "from", "on", "to"} if low in {"call", "calls"} else {"with"}, False)
        objs_of = self._scan_objects(start, sent, {"of"}, False) if doc[start : start + 1].text.lower() == "of" else []
        if objs_of and not objs_with:
            # "the meeting of A and B with the mediation of C"
            objs_with = self._scan_objects(self.last_scan_end, sent, {"with"}, False, max_skip=2)
        if low == "reception":
            if not objs_of:
                return []
            objs_with = objs_of
            objs_of = []
        possessor = [m for c in noun.children if c.dep_ == "poss" for m in self.by_token.get(c.i, [])]
        if not possessor and any(c.dep_ == "poss" and c.lower_ == "whose" for c in noun.children):
            clause = next((a for a in noun.ancestors if a.dep_ == "relcl"), None)
            if clause is not None:  # "A and B, whose meeting is expected on Monday"
                possessor = self._with_list(self._mentions_of_token(clause.head))
        if not possessor and noun.i > 0:
            prev = doc[noun.i - 1]
            if prev.text in words("possessive_markers") and (noun.i - 2) in self.by_token:
                possessor = self.by_token[noun.i - 2]
            elif noun.i - 1 in self.by_token and doc[noun.i - 1].pos_ == "PRON":
                possessor = self.by_token[noun.i - 1]
        governing, verb = self._governing_subject(noun)
        if not governing and verb is not None and verb.pos_ == "VERB" and noun.dep_ == "dobj":
            governing = self._left_subject(verb, sent)
        if low == "invitation":
            # "his invitation to the Crown Prince to visit Tehran": the inviter and the invited
            invited = self._scan_objects(start, sent, {"to"}, False, max_skip=1)
            inviter = possessor or self._governing_subject(noun)[0]
            return self._make(noun, sent, inviter, invited[:1], noun=True) if invited else []
        if objs_between:
            group = objs_between[0]
            subject = governing if verb is not None and verb.lemma_.lower() in words("host_verbs") else []
            return self._make(noun, sent, subject, [group], noun=True, between=True)
        if objs_of and (objs_with or len(objs_of[0]) >= 2):
            return self._make(noun, sent, objs_of[0], objs_with, noun=True)
        if objs_with:
            subject = possessor or governing
            if low in self.weak_nouns and not subject:
                return []
            if not subject and noun.dep_ in {"nsubj", "nsubjpass"}:
                exclude = {m.cluster for g in objs_with for m in g}
                sayer = next((a for a in noun.ancestors if a.lemma_.lower() in {"say", "tell", "add", "note"}), None)
                if sayer is not None:
                    # "Talks with B were constructive, A said": the speaker took part
                    subject = [m for m in self._subject_of(sayer) if m.cluster not in exclude]
                if not subject:
                    # "A possible meeting with President Xi has not been confirmed": the story's actor
                    subject = self._topic_before(sent, exclude=exclude)
            return self._make(noun, sent, subject, objs_with, noun=True)
        if possessor and len(self._expand(possessor)) >= 2:
            return self._make(noun, sent, possessor, [], noun=True)
        in_setting = noun.head.lower_ in {"in", "during", "at", "on", "over", "via", "by", "after", "following"}
        if verb is not None and noun.dep_ == "pobj" and in_setting and (
            not self.is_trigger(verb) or verb.lemma_.lower() == "discuss"
        ) and (low not in self.weak_nouns or low in {"call", "calls"}):
            # "A and B discussed ... in a phone call", "A told B in a call that ..."
            others = [m for c in verb.children if c.dep_ in {"dobj", "dative"} for m in self._mentions_of_token(c)]
            if not others:  # "extended an invitation to B during a video call", "conveyed wishes to B in a call"
                holders = [verb] + [c for c in verb.children if c.dep_ == "dobj"]
                others = [
                    m for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ == "to"
                    for o in p.children if o.dep_ == "pobj" for m in self._mentions_of_token(o)
                ]
            if others and governing:
                return self._make(noun, sent, governing, [others], noun=True)
            if len(self._expand(governing)) >= 2:
                return self._make(noun, sent, governing, [], noun=True)
        if governing and len(self._expand(governing)) >= 2 and verb is not None and verb.lemma_.lower() in words("light_verbs"):
            return self._make(noun, sent, governing, [], noun=True)
        return []
