"""One identity per person across a corpus: ``person_id``, canonical name and aliases.

Every participant of a set of meetings is a mention of a person. Mentions are grouped
into people in two steps:

1. Mentions with a full name (two words or more) and a known country: the same folded
   name and country are one person; a full alias given by one mention joins the
   mention so named; then two groups join when their names are compatible
   (:func:`diplomeet.linkage.names_compatible`), or differ by a one-letter slip
   ("Eldar"/"Elmar") while role and country agree, provided no two full names of the
   groups conflict (so "Ilham Aliyev" and "Heydar Aliyev" never meet through a third
   name) and the countries agree (so Amina Mohamed of Kenya and Amina Mohammed of the
   United Nations stay two).
2. A surname alone, or a name without a country, joins the one compatible person of
   step 1; when none or several are compatible it stays a person of its own (per name
   and country), never a bridge between two people.

An unnamed office holder whom the office-holder table identifies on the meeting's day
is that person; otherwise the office and country are the identity.

Each person's canonical name is chosen as in :func:`diplomeet.merging.canonical_name`
(full, given by the most articles, longest) and every spelling seen goes to the aliases
of each of its mentions. ``person_id`` is a hash of the canonical name and country (with
more of the person's spellings added when two people would share it), so it is the same
for the same inputs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

from diplomeet.linkage import names_compatible
from diplomeet.merging import canonical_name, most_common
from diplomeet.models import Meeting, Participant, stable_hash
from diplomeet.names import _same_person, name_tokens
from diplomeet.records import _country, _person, _role, nation
from diplomeet.records import cached_fold as fold

__all__ = ["assign_person_ids"]


@lru_cache(maxsize=262_144)
def _n_tokens(name: str) -> int:
    return len(name_tokens(name))


class _Entity:
    """All mentions sharing one written name and country."""

    __slots__ = ("name", "country", "keys", "mentions", "aliases", "roles", "sources")

    def __init__(self, name: str, country: str | None, keys: tuple[str, ...]) -> None:
        self.name = name
        self.country = country
        self.keys = keys
        self.mentions: list[tuple[int, int]] = []
        self.aliases: set[str] = set()
        self.roles: set[str] = set()
        self.sources: set[str] = set()


def _conflict(a: str, b: str) -> bool:
    return not names_compatible(a, b) and not _same_person(a, b, True)


def _joinable(x: list[_Entity], y: list[_Entity]) -> bool:
    """Whether two groups of full-name entities can be one person."""
    link = False
    for a in x:
        for b in y:
            if a.name == b.name:
                link = True
                continue
            if names_compatible(a.name, b.name):
                link = True
            elif _same_person(a.name, b.name, True) and a.roles & b.roles:
                link = True
            elif _conflict(a.name, b.name):
                return False
    return link


class _Groups:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def assign_person_ids(meetings: Sequence[Meeting]) -> list[Meeting]:
    """Give every participant a corpus-wide ``person_id``, canonical name and all spellings.

    Args:
        meetings: Deduplicated meetings.

    Returns:
        The meetings (in the same order) with their participants' ``name``, ``aliases``
        and ``person_id`` set for the whole corpus; unnamed participants keep
        ``name=None``.
    """
    entities: dict[tuple[str, str | None], _Entity] = {}
    offices: dict[tuple[int, int], str] = {}
    for mi, meeting in enumerate(meetings):
        for pi, p in enumerate(meeting.participants):
            person = _person(p.name, p.role, p.country, p.country_code, None if p.name else meeting.date)
            if person is None or person.name is None:
                if p.role or p.country or p.country_code:
                    offices[mi, pi] = f"{_role(p.role) or ''}|{nation(p.country, p.country_code) or ''}"
                continue
            country = nation(p.country, p.country_code)
            key = (fold(person.name), country)
            entity = entities.get(key)
            if entity is None:
                entity = entities[key] = _Entity(person.name, country, person.keys)
            elif person.name < entity.name:
                entity.name = person.name
            entity.mentions.append((mi, pi))
            if p.name:
                entity.aliases.add(p.name)
                entity.aliases.update(p.aliases)
            if person.role:
                entity.roles.add(person.role)
            entity.sources.update(meeting.sources)
    ordered = sorted(entities.values(), key=lambda e: (fold(e.name), e.country or "", e.name))
    index = {id(e): i for i, e in enumerate(ordered)}
    strong = [e for e in ordered if e.country and _n_tokens(e.name) >= 2]
    groups = _Groups(len(ordered))
    # 1a. a full alias of one mention names the same person as the entity of that name
    by_name: dict[tuple[str, str | None], _Entity] = {(fold(e.name), e.country): e for e in strong}
    for e in strong:
        for alias in sorted(e.aliases):
            if _n_tokens(alias) >= 2:
                other = by_name.get((fold(alias), e.country))
                if other is not None and other is not e:
                    groups.union(index[id(e)], index[id(other)])
    # 1b. compatible full names sharing a blocking key and a country
    blocks: dict[tuple[str, str | None], list[_Entity]] = defaultdict(list)
    for e in strong:
        for k in e.keys:
            blocks[k, e.country].append(e)
    members: dict[int, list[_Entity]] = defaultdict(list)
    for e in ordered:
        members[groups.find(index[id(e)])].append(e)
    for block in blocks.values():
        for i in range(len(block)):
            for j in range(i + 1, len(block)):
                ra, rb = groups.find(index[id(block[i])]), groups.find(index[id(block[j])])
                if ra == rb or not _joinable(members[ra], members[rb]):
                    continue
                groups.union(ra, rb)
                root = groups.find(ra)
                merged = members.pop(ra) + members.pop(rb)
                members[root] = merged
    # 2. short names and names without a country join the one compatible person
    strong_roots: dict[str, list[int]] = defaultdict(list)
    for e in strong:
        root = groups.find(index[id(e)])
        for k in e.keys:
            if root not in strong_roots[k]:
                strong_roots[k].append(root)
    for e in ordered:
        if e.country and _n_tokens(e.name) >= 2:
            continue
        found = set()
        for k in e.keys:
            for root in strong_roots.get(k, ()):
                group = members[root]
                if e.country and any(g.country != e.country for g in group):
                    continue
                if any(names_compatible(e.name, g.name) for g in group) and not any(
                    _conflict(e.name, g.name) and _n_tokens(e.name) >= 2 for g in group
                ):
                    found.add(root)
        if len(found) == 1:
            groups.union(index[id(e)], found.pop())
    # canonical names, spellings and ids
    people: dict[int, list[_Entity]] = defaultdict(list)
    for e in ordered:
        people[groups.find(index[id(e)])].append(e)
    updates: dict[tuple[int, int], tuple[str, list[str], str]] = {}
    ids: dict[str, list[tuple[str, list[_Entity]]]] = defaultdict(list)
    for group in people.values():
        named = [(e.name, list(e.sources)) for e in group if e.aliases]
        name = canonical_name(named) if named else group[0].name
        country = most_common([e.country for e in group for _ in e.mentions])
        base = "p_" + stable_hash(fold(name), country or "")
        ids[base].append((name, group))
    for base, holders in ids.items():
        for name, group in holders:
            spellings = sorted({a for e in group for a in e.aliases} - {name})
            pid = base
            if len(holders) > 1:
                pid = "p_" + stable_hash(base, *sorted({fold(a) for e in group for a in e.aliases} | {fold(e.name) for e in group}))
            for e in group:
                for mi, pi in e.mentions:
                    updates[mi, pi] = (name, spellings, pid)
    out: list[Meeting] = []
    for mi, meeting in enumerate(meetings):
        changed = False
        participants: list[Participant] = []
        for pi, p in enumerate(meeting.participants):
            new = p
            if (mi, pi) in updates:
                name, spellings, pid = updates[mi, pi]
                if p.name is None:
                    new_name, new_aliases = None, p.aliases
                else:
                    new_name, new_aliases = name, spellings
                if new_name != p.name or new_aliases != p.aliases or pid != p.person_id:
                    new = p.model_copy(update={"name": new_name, "aliases": new_aliases, "person_id": pid})
            elif (mi, pi) in offices:
                pid = "p_" + stable_hash("office", offices[mi, pi])
                if pid != p.person_id:
                    new = p.model_copy(update={"person_id": pid})
            changed = changed or new is not p
            participants.append(new)
        out.append(meeting.model_copy(update={"participants": participants}) if changed else meeting)
    return out
