"""The declared shape of every content file. Types are strict: a TOML string is never taken for
a number or a date. content/problems.py reports each error at the line of its key."""

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from .models import AUDIENCES, GRADE_BANDS

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
STANDARD_FRAMEWORKS = ("CASEL", "NHES", "ISTE", "NSES")  # named in docs/content-format.md
STANDARD = re.compile(rf"(?:{'|'.join(STANDARD_FRAMEWORKS)}): \S.*")
STACKED_MAX = 4  # one distinct colour each (--chart-1..4 in site.css)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class SourceEntry(Strict):
    file: Text
    title: Text
    publisher: Text
    year: int | None = None
    url: str = ""


class SourceRefEntry(Strict):
    id: Text
    section: str


class TranslationEntry(Strict):
    source_hash: Annotated[str, StringConstraints(pattern=r"^sha256:[0-9a-f]{64}$")]
    translated_on: dt.date
    machine_assisted: bool
    reviewed_by: str


class FrontMatter(Strict):
    title: Text
    summary: Text
    audience: Literal[AUDIENCES]  # type: ignore[valid-type]
    order: int
    updated: dt.date
    sources: list[SourceRefEntry]
    reading_time: Annotated[int, Field(ge=1)] | None = None
    translation: TranslationEntry | None = None


class VocabularyEntry(Strict):
    term: Text
    definition: Text


class PlanFrontMatter(FrontMatter):
    grade_band: Literal[GRADE_BANDS]  # type: ignore[valid-type]
    duration: Annotated[int, Field(ge=15, le=120)]
    objectives: Annotated[list[Text], Field(min_length=1)]
    vocabulary: list[VocabularyEntry]
    materials: Annotated[list[Text], Field(min_length=1)]
    preparation: Annotated[list[Text], Field(min_length=1)]
    standards: list[str] = []

    @field_validator("standards")
    @classmethod
    def known_frameworks(cls, standards: list[str]) -> list[str]:
        for item in standards:
            if not STANDARD.fullmatch(item):
                raise ValueError(
                    f"each standard must be '<framework>: <indicator>' with a framework from "
                    f"{', '.join(STANDARD_FRAMEWORKS)}; got {item!r}"
                )
        return standards


class FigureEntry(Strict):
    value: int | float
    unit: Literal["percent", "count", "years"]
    label: Text
    population: Text
    n: Annotated[int, Field(gt=0)] | None = None
    period: Text
    source: Text
    section: str = ""
    approx: bool = False
    qualifier: str = ""


class GroupEntry(Strict):
    id: str
    label: str
    bars: Annotated[list[str], Field(min_length=1)]


class ChartEntry(Strict):
    title: Text
    summary: Text
    kind: Literal["bar", "stacked"]
    population: Text
    bars: Annotated[list[str], Field(min_length=1)] | None = None
    groups: Annotated[list[GroupEntry], Field(min_length=1)] | None = None

    @field_validator("title", "summary", "population")
    @classmethod
    def no_typed_numbers(cls, text: str) -> str:
        if re.search(r"\d", text):
            raise ValueError("must not type numbers (charts draw figures)")
        return text
