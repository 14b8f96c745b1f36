"""Within-article person coreference: names, descriptions and pronouns -> people.

Names join a person when :func:`diplomeet.names.same_person` (lenient within one article) says
so; a person's role and country come from its mentions, else from the officials table.
Descriptions ("the Russian president") resolve to the one person of that country and office;
pronouns to the nearest fitting person before them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc

from diplomeet import gazetteer
from diplomeet.lexicon import load_json, words
from diplomeet.mentions import Mention, window_start
from diplomeet.names import same_person

GENERIC_ROLES = {"Leader", "Minister"}  # offices a description may name loosely


@dataclass
class Person:
    """One real person in an article (a coreference cluster)."""

    id: int
    names: list[str] = field(default_factory=list)  # surface names, in order of appearance
    roles: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    unnamed: bool = False

    @property
    def name(self) -> str | None:
        """The fullest name form seen (most tokens, then most frequent)."""
        if not self.names:
            return None
        counts = Counter(self.names)
        return max(counts, key=lambda n: (len(n.split()), counts[n], -self.names.index(n)))

    @property
    def aliases(self) -> list[str]:
        main = self.name
        seen = [n for n in dict.fromkeys(self.names) if n != main]
        return seen + [d for d in dict.fromkeys(self.descriptions) if d not in seen]

    @property
    def role(self) -> str | None:
        low = set(load_json("roles.json")["low_priority_roles"])
        specific = [r for r in self.roles if r not in GENERIC_ROLES and r not in low]
        pool = specific or self.roles
        return Counter(pool).most_common(1)[0][0] if pool else None

    @property
    def country(self) -> str | None:
        return Counter(self.countries).most_common(1)[0][0] if self.countries else None

    def key(self) -> str:
        """A key that identifies the person within the article."""
        if self.unnamed:
            return f"unnamed:{self.role}:{self.country}"
        return f"person:{self.id}"


def role_compatible(wanted: str | None, actual: str | None) -> bool:
    """Whether an office named in a description fits a person's known office."""
    if wanted is None or actual is None:
        return True
    if wanted == actual or actual.startswith(wanted + " "):
        return True  # "the ambassador" for the "Ambassador to Denmark"
    if wanted == "Leader":
        return actual in load_json("roles.json")["head_roles"]
    if wanted == "Minister":
        return "Minister" in actual or actual in {"Secretary of State", "Foreign Secretary"}
    return False


class Coreference:
    """Clusters the mentions of one Doc into people. Call :meth:`resolve` once."""

    def __init__(self, doc: Doc, mentions: list[Mention], *, on: date | None = None, officials_table: bool = True):
        self.doc = doc
        self.mentions = mentions
        self.on = on
        self.officials_table = officials_table
        self.people: list[Person] = []

    # -- names ---------------------------------------------------------------------------------
    def _cluster_names(self) -> None:
        for m in self.mentions:
            if m.kind != "name":
                continue
            match = None
            # prefer the most recent person that fits
            for person in reversed(self.people):
                if any(same_person(m.text, n, within_article=True) for n in person.names):
                    match = person
                    break
            if match is None and len(m.text.split()) > 1:
                # "Abdullah bin Zayed" for "Sheikh Abdullah bin Zayed Al Nahyan": a leading part of one fuller name
                words_ = m.text.split()
                longer = [p for p in self.people if p.name and len(p.name.split()) > len(words_) and p.name.split()[: len(words_)] == words_]
                # "Gabriel Boric Font" after "Gabriel Boric": a fuller form of one name seen before
                shorter = [
                    p for p in self.people
                    if p.name and 1 < len(p.name.split()) < len(words_) and words_[: len(p.name.split())] == p.name.split()
                ]
                if len(longer) == 1:
                    match = longer[0]
                elif len(shorter) == 1 and not longer:
                    match = shorter[0]
            if match is None and len(m.text.split()) == 1:
                # "Abiy" for "Abiy Ahmed", "Prabowo" for "Prabowo Subianto": a unique given name
                first = [p for p in self.people if p.name and len(p.name.split()) > 1 and p.name.split()[0] == m.text]
                if len(first) == 1:
                    match = first[0]
            if match is None:
                match = Person(id=len(self.people))
                self.people.append(match)
            match.names.append(m.text)
            if m.role:
                match.roles.append(m.role)
            match.countries.extend(m.countries)
            m.cluster = match.id
        self._merge_given_names()

    def _merge_given_names(self) -> None:
        """ "Abiy" seen before "Abiy Ahmed": a one-word person joins the only fuller name it starts."""
        for person in list(self.people):
            if person.unnamed or any(len(n.split()) > 1 for n in person.names):
                continue
            word = person.names[0]
            # "Abiy" for "Abiy Ahmed", "Lula" for "Luiz Inacio Lula da Silva"
            fuller = [
                p for p in self.people
                if p is not person and p.names and len(p.name.split()) > 1 and word in p.name.split()[:-1]
            ]
            if len(fuller) != 1:
                continue
            target = fuller[0]
            target.names.extend(person.names)
            target.roles.extend(person.roles)
            target.countries.extend(person.countries)
            person.names.clear()
            person.roles.clear()
            person.countries.clear()
            person.unnamed = True  # emptied; its mentions move to the target
            for m in self.mentions:
                if m.cluster == person.id:
                    m.cluster = target.id

    def _fill_from_role(self) -> None:
        """An office of one organisation names the side: "European Commission President" -> EU."""
        implied = load_json("roles.json")["role_countries"]
        for person in self.people:
            if not person.countries:
                person.countries.extend(implied[r] for r in person.roles[:1] if r in implied)

    def _fill_from_officials(self) -> None:
        """Role and country from the table of office-holders when the article does not state them.

        A courtesy title alone ("Prince Faisal", "Sheikh Tamim") gives way to the office held.
        """
        if not self.officials_table:
            return
        from diplomeet.officials_kb import lookup

        low_priority = set(load_json("roles.json")["low_priority_roles"])
        for person in self.people:
            name = person.name
            titled_only = bool(person.roles) and all(r in low_priority for r in person.roles)
            if not name or (person.role and person.country and not titled_only):
                continue
            offices = lookup(name, on=self.on, allow_surname=len(name.split()) == 1 and self.on is not None)
            if person.country:
                offices = [o for o in offices if o.country == person.country]
            if not offices:
                continue
            if not person.country and len({o.country for o in offices}) == 1:
                person.countries.append(offices[0].country)
            if (not person.role or titled_only) and len({o.role for o in offices}) == 1:
                person.roles = [offices[0].role] + person.roles

    # -- descriptions --------------------------------------------------------------------------
    def _fits(self, person: Person, m: Mention) -> bool:
        if person.unnamed:
            return False
        if m.countries and person.country and person.country not in m.countries:
            return False
        if m.countries and not person.country:
            return False
        return role_compatible(m.role, person.role) and (m.role is None or person.role is not None)

    def _resolve_description(self, m: Mention) -> None:
        if m.counterpart and m.role is None:
            return  # resolved once the possessor is known
        if m.plural:
            return
        seen_before = {x.cluster for x in self.mentions if x.cluster is not None and x.start < m.start}
        candidates = [p for p in self.people if self._fits(p, m)]
        before = [p for p in candidates if p.id in seen_before]
        pool = before or candidates
        if len(pool) == 1 or (pool and m.countries and len({p.id for p in pool}) == 1):
            person = pool[0]
        elif m.countries and m.role and len(pool) == 0:
            person = self.unnamed_person(m.role, m.countries[0])
        else:
            return
        m.cluster = person.id
        if not person.unnamed:
            person.descriptions.append(m.text)
            if m.role and m.role not in GENERIC_ROLES and not person.role:
                person.roles.append(m.role)

    def unnamed_person(self, role: str | None, country: str | None) -> Person:
        """The person standing for an unnamed office-holder ("the Armenian foreign minister")."""
        for p in self.people:
            if p.unnamed and p.role == role and p.country == country:
                return p
        person = Person(id=len(self.people), unnamed=True)
        if role:
            person.roles.append(role)
        if country:
            person.countries.append(country)
        self.people.append(person)
        return person

    # -- pronouns ------------------------------------------------------------------------------
    def _antecedent(self, m: Mention) -> int | None:
        """The person a singular pronoun refers to: the subject of its clause or the nearest before."""
        token = self.doc[m.start]
        conjoined = self._conjoined_owner(token)
        if conjoined is not None:
            return conjoined
        sent = token.sent
        first = window_start(self.doc, sent, 2)
        candidates = [
            x for x in self.mentions
            if x.cluster is not None and first <= x.start < m.start and x.kind != "pronoun"
            and not x.plural and (self.people[x.cluster].names or self.people[x.cluster].roles)
        ]
        if token.dep_ == "poss" and not any(x.start >= sent.start for x in candidates):
            # "During his meeting with X, Y said ...": a fronted possessive points forward to Y
            root = sent.root
            for x in self.mentions:
                if x.start > m.start and x.cluster is not None and x.kind == "name" and sent.start <= x.start < sent.end:
                    head = self.doc[x.end - 1]
                    if head.dep_ in {"nsubj", "nsubjpass"} and head.head.i == root.i:
                        return x.cluster
        if not candidates:
            return None
        same_sentence = [x for x in candidates if x.start >= sent.start]
        subjects = [x for x in same_sentence if self.doc[x.end - 1].dep_ in {"nsubj", "nsubjpass"}]
        if token.dep_ in {"dobj", "pobj", "dative"}:
            # "Qin held talks with him": "him" is not the subject of its own verb
            verb = next((a for a in token.ancestors if a.pos_ in {"VERB", "AUX"}), None)
            own = self._subject_clusters(verb, same_sentence) if verb is not None else set()
            candidates = [x for x in candidates if x.cluster not in own]
            same_sentence = [x for x in same_sentence if x.cluster not in own]
            subjects = [x for x in subjects if x.cluster not in own]
            if not candidates:
                return None
        if subjects:
            return subjects[-1].cluster
        prev_subjects = [x for x in candidates if self.doc[x.end - 1].dep_ in {"nsubj", "nsubjpass"}]
        if token.dep_ in {"nsubj", "nsubjpass", "poss"} and prev_subjects:
            return prev_subjects[-1].cluster
        return (same_sentence or candidates)[-1].cluster

    def _conjoined_owner(self, token) -> int | None:
        """ "A and his counterpart B": the possessive of a conjunct is the first conjunct, A."""
        if token.dep_ != "poss":
            return None
        head = token.head
        while head.dep_ in {"compound", "amod", "appos"} and head.head.i != head.i:
            head = head.head
        if head.dep_ != "conj":
            return None
        first = head.head
        for x in self.mentions:
            if x.kind == "name" and x.cluster is not None and x.start <= first.i < x.end:
                return x.cluster
        return None

    def _subject_clusters(self, verb, mentions: list[Mention]) -> set[int]:
        """People who are the subject of ``verb`` ("Li Qiang, who hosted him": Li)."""
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is None and verb.dep_ == "xcomp":
            # "X invited Y to meet with him": the object of "invited" is who meets, so "him" is X;
            # "X wants to meet him": the subject of "wants" meets
            governor = verb.head
            subject = next((c for c in governor.children if c.dep_ in {"dobj", "dative"}), None) or next(
                (c for c in governor.children if c.dep_ in {"nsubj", "nsubjpass"}), None
            )
        if subject is None:
            return {x.cluster for x in mentions if x.end <= verb.i}
        if subject.lower_ in {"who", "that", "which"} and verb.dep_ == "relcl":
            subject = verb.head
        span = {t.i for t in subject.subtree} if subject.lower_ not in {"who", "that", "which"} else {subject.i}
        return {x.cluster for x in mentions if x.end - 1 in span or subject.i in range(x.start, x.end)}

    def _addressee(self, m: Mention) -> int | None:
        """ "You recently met ..." in a quote: the person the previous sentences address.

        The addressee is the object of a verb of address ("conveyed greetings to X", "told X",
        "thanked X") in one of the two sentences before, and not the speaker.
        """
        sent = self.doc[m.start].sent
        if sent.start == 0:
            return None
        prev = self.doc[sent.start - 1].sent
        first = self.doc[prev.start - 1].sent.start if prev.start > 0 else prev.start
        address = words("address_verbs")
        for x in reversed([x for x in self.mentions if first <= x.start < sent.start and x.cluster is not None]):
            if x.kind == "pronoun" or self.people[x.cluster].unnamed:
                continue
            token = self.doc[x.end - 1]
            verb = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "to" else token.head
            if token.dep_ in {"dobj", "dative", "pobj"} and verb.lemma_.lower() in address:
                return x.cluster
        return None

    def _resolve_pronouns_and_counterparts(self) -> None:
        for m in self.mentions:
            if m.kind == "pronoun" and m.text.lower() == "you":
                m.cluster = self._addressee(m)
            elif m.kind == "pronoun" and not m.plural:
                m.cluster = self._antecedent(m)
            elif m.counterpart and m.cluster is None:
                other = None
                if m.possessor is not None:
                    poss = next((x for x in self.mentions if x.start == m.possessor), None)
                    if poss is not None:
                        if poss.cluster is None and poss.kind == "pronoun":
                            poss.cluster = self._antecedent(poss)
                        other = poss.cluster
                if other is None:
                    other = self._subject_before(m)
                role = self.people[other].role if other is not None else None
                m.role = role
                if m.kind == "name":
                    person = self.people[m.cluster] if m.cluster is not None else None
                    if person is not None and role and not person.role:
                        person.roles.append(role)
                elif role is not None and not m.plural:
                    self._resolve_description(m)

    def _subject_before(self, m: Mention) -> int | None:
        sent = self.doc[m.start].sent
        for x in self.mentions:
            if sent.start <= x.start < m.start and x.cluster is not None and self.doc[x.end - 1].dep_ in {"nsubj", "nsubjpass"}:
                return x.cluster
        return None

    def _named_counterparts(self) -> None:
        """ "his Azerbaijani counterpart <Name>": the name takes the possessor's office."""
        for m in self.mentions:
            if m.kind == "name" and m.counterpart and m.cluster is not None:
                person = self.people[m.cluster]
                if person.role:
                    continue
                other = None
                if m.possessor is not None:
                    poss = next((x for x in self.mentions if x.start == m.possessor), None)
                    if poss is not None:
                        poss.cluster = poss.cluster if poss.cluster is not None else self._antecedent(poss)
                        other = poss.cluster
                if other is None:
                    other = self._subject_before(m)
                if other is not None and other != person.id and self.people[other].role:
                    person.roles.append(self.people[other].role)

    def resolve(self) -> list[Person]:
        """Cluster all mentions; sets ``mention.cluster``; returns the people."""
        self._cluster_names()
        self._fill_from_role()
        self._fill_from_officials()
        self._named_counterparts()
        for m in self.mentions:
            if m.kind == "description":
                self._resolve_description(m)
        self._resolve_pronouns_and_counterparts()
        return self.people


def country_code(country: str | None) -> str | None:
    """ISO alpha-3 (or IGO) code of a country name from the gazetteer."""
    if not country:
        return None
    found = gazetteer.country_by_name(country)
    return found.code if found is not None else None
