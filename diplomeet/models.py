"""The data model: articles in, meetings out. Frozen pydantic v2 models, no spaCy import."""

from __future__ import annotations

import hashlib
from datetime import date as Date
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Status = Literal["occurred", "planned", "proposed", "cancelled"]
Kind = Literal["in_person", "phone", "video"]
Precision = Literal["day", "week", "month", "year"]
PublishedBasis = Literal["page", "crawl"]


def stable_hash(*parts: object, length: int = 16) -> str:
    """A short, stable hex digest of ``parts`` (same parts -> same digest, across runs)."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:length]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Article(_Frozen):
    """One news article to extract meetings from."""

    id: str = Field(
        default="",
        description="The caller's id for the article; a stable hash of the text when not given.",
    )
    text: str = Field(description="The article text, exactly as found.")
    published: Date | datetime | None = Field(
        default=None,
        description="Publication date or time (ISO strings accepted; a timezone is kept when given).",
    )
    url: str | None = Field(default=None, description="Where the article was found.")
    title: str | None = Field(default=None, description="The article's headline, if known.")
    published_basis: PublishedBasis | None = Field(
        default=None,
        description=(
            'Where ``published`` came from when it was read from a web page: "page" (the page\'s '
            'own markup or URL) or "crawl" (no date on the page: the time the page was archived, '
            "a fallback - the article appeared then or earlier); None when given by the caller."
        ),
    )

    @field_validator("text", mode="before")
    @classmethod
    def _text_is_str(cls, value: object) -> object:
        if not isinstance(value, str):
            raise TypeError(f"Article.text must be a str, got {type(value).__name__}")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ValueError(
                f"Article.text has a lone surrogate {value[exc.start]!r} at offset {exc.start}, which is not "
                "valid Unicode; decode the bytes with errors='replace'"
            ) from None
        return value

    @field_validator("published", mode="before")
    @classmethod
    def _published_is_not_a_number(cls, value: object) -> object:
        if isinstance(value, (bool, int, float)):
            raise TypeError(
                f"Article.published must be a date, datetime or ISO string, not a number ({value!r}); "
                "write 2021-11-01 as '2021-11-01'"
            )
        return value

    @model_validator(mode="after")
    def _default_id(self) -> "Article":
        if not self.id:
            object.__setattr__(self, "id", "a_" + stable_hash(self.text))
        return self


class Participant(_Frozen):
    """A person (or an unnamed office holder) taking part in a meeting."""

    name: str | None = Field(
        description='Canonical display name, the fullest form seen ("Antony Blinken"); None if never named.'
    )
    aliases: list[str] = Field(
        default_factory=list,
        description='Other surface forms seen ("Tony Blinken", "Blinken", "the US secretary of state").',
    )
    role: str | None = Field(
        default=None, description='Office held: "Foreign Minister", "President", "Prime Minister", ...'
    )
    country: str | None = Field(
        default=None,
        description='State or organisation represented, English short name ("Russia", "European Union").',
    )
    country_code: str | None = Field(
        default=None,
        description='ISO 3166-1 alpha-3 code ("RUS"), or a PLOVER/CAMEO IGO code ("EUR", "UNO", "IGO").',
    )
    person_id: str | None = Field(
        default=None,
        description="Id shared by every mention of the same person across a corpus run (stable for the "
        "same inputs); None when the participant cannot be identified (no name, role or country).",
    )


class Evidence(_Frozen):
    """One mention of a meeting: the sentence stating it and where it stands."""

    article_id: str | None = Field(default=None, description="Id of the article holding the sentence.")
    text: str = Field(description="The sentence that states the meeting.")
    start: int = Field(ge=0, description="Character offset of the sentence start in the article text.")
    end: int = Field(ge=0, description="Character offset of the sentence end in the article text.")


class Meeting(_Frozen):
    """One diplomatic meeting: who met whom, when, where, in what form and whether it happened."""

    id: str = Field(description="Stable id: the same meeting from the same inputs gets the same id.")
    participants: list[Participant] = Field(
        min_length=2, description="Two or more participants."
    )
    date: Date | None = Field(
        default=None, description="Day of the meeting; None when the text does not fix the day."
    )
    date_end: Date | None = Field(
        default=None, description='Last day of a range ("November 20-21"), else None.'
    )
    date_text: str | None = Field(
        default=None, description="The expression the date was resolved from."
    )
    location: str | None = Field(
        default=None,
        description="City (or country when only that is known), common English spelling.",
    )
    location_country: str | None = Field(
        default=None, description="Country of the location, English short name."
    )
    status: Status = Field(
        description="occurred, planned (announced), proposed (possible, invited) or cancelled."
    )
    kind: Kind = Field(default="in_person", description="in_person, phone or video.")
    evidence: list[Evidence] = Field(
        default_factory=list,
        description="One entry per mention, across articles after deduplication.",
    )
    sources: list[str] = Field(
        default_factory=list, description="Ids of the articles that report the meeting."
    )
    confidence: float = Field(default=0.5, ge=0.0, le=1.0, description="Confidence, 0..1.")


class ResolvedDate(_Frozen):
    """A date expression resolved against a publication time."""

    date: Date = Field(description="The (first) day the expression refers to.")
    date_end: Date | None = Field(default=None, description="Last day of a range, else None.")
    precision: Precision = Field(
        description='"day" when the day is fixed; "week", "month" or "year" for vaguer expressions.'
    )
    text: str = Field(description="The expression as given.")
