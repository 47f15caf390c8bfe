"""The validated model of ``assistant/data/bodies.yaml``: body kinds, scope rules, wording rules.

Every table is a pydantic model with ``extra="forbid"``: a misspelt field, a rule naming an unknown
kind, a wording rule without an ``example`` or a pattern that does not compile fails at load with
the entry named, so a new kind is a YAML entry and no code (docs/bodies.md).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

DATA = Path(__file__).resolve().parent.parent / "data" / "bodies.yaml"
Level = Literal["乡级", "县级", "设区的市", "省"]
Group = Literal["党委", "政府", "部门", "党务", "司法"]  # 党务: party-side bodies (党委工作部门, 政法委)
Side = Literal["党委", "政府"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"正则表达式无效：{value}（{exc}）") from exc
    return value


class Roles(_Strict):
    """A kind's own words by role ({p} level character, {s} own suffix); None: the kind has none."""

    pronoun: str | None = None
    whole: str | None = None
    organ: str | None = None
    organ_meeting: str | None = None
    office_meeting: str | None = None
    study: str | None = None
    staff: str | None = None
    discipline: str | None = None
    level_unit: str | None = None
    office: str | None = None
    organ_pair: str | None = None
    leader: str | None = None  # the body's head as a report names him (县政府主要负责同志, 局主要负责人)


ROLE_NAMES = tuple(Roles.model_fields)


class Place(_Strict):
    """How a kind's place is read: ``area`` words name a place's body (县委, 我县) and may be a superior's."""

    area: bool = False
    char_from_level: bool = False  # a forced level gives the char (县级 → 县)
    char: str | None = None  # fixed level character (街道)
    level: Level | None = None  # fixed level (街道 → 乡级)
    parent: bool = False  # superiors name the parent place ({up})


class Sides(_Strict):
    """A body named by one of two organs (镇党委 / 镇人民政府): the side, from the name's end."""

    default: Side
    by_name: dict[Side, list[str]] = {}
    groups: dict[Side, Group] = {}
    roles: dict[Side, Roles] = {}  # a side's own words where they differ (镇政府 decides, not 镇党委、政府)


class Central(_Strict):
    """A chain of superiors from the centre: ``head`` + 和 + the user's superiors or ``rest``."""

    head: str = "党中央"
    rest: str = "上级党委"


class DocCue(_Strict):
    """Give-away words of a document by this kind (我乡 → 乡镇, char 乡); ``marker`` tells two kinds with the same cue apart."""

    pattern: str
    char: str | None = None
    marker: str | None = None

    _check = field_validator("pattern")(classmethod(lambda cls, v: _regex(v)))


class ExtraTerm(_Strict):
    """A surface form of one of the kind's roles that the role texts do not produce (党委会, 局机关)."""

    form: str
    role: Literal[ROLE_NAMES]  # type: ignore[valid-type]
    char: str = ""


class KindSpec(_Strict):
    """One body kind: recognition, voice, superiors, outline group, opening scope."""

    label: str
    aliases: list[str] = []
    alias_patterns: list[str] = []
    patterns: list[str]
    chars: list[str]
    place: Place = Place()
    sides: Sides | None = None
    roles: Roles
    role_overrides: dict[str, Roles] = {}  # by department (公安局 has a 党委, not a 党组)
    # by the body's own suffix, where the role template makes an ordinary word (全部 "all" for a 部)
    suffix_overrides: dict[str, Roles] = {}
    extra_terms: list[ExtraTerm] = []
    superiors: str
    superior_overrides: dict[str, str] = {}  # by department (税务局: 上级税务机关、{p}委、{p}政府)
    central: Central = Central()
    group: Group
    department: bool = False  # the name carries a speciality (司法局) and an own suffix
    suffix: str | None = None  # fixed own suffix (院)
    doc_suffix: str | None = None  # own suffix of a corpus document detected by its cues
    opening: str | None = None  # how the opening names the body's whole area (default: the whole role)
    title: str | None = None  # how a made title names a document by this kind (default: {level} + kind)
    default_level: Level | None = None
    doc_cues: list[DocCue] = []
    # a kind that is a part of another (a 人民法庭 of its 人民法院): the scope and wording rules that name
    # the other kind are this kind's too, unless a rule names this kind itself
    like: str | None = None

    @field_validator("patterns", "alias_patterns")
    @classmethod
    def _patterns(cls, value: list[str]) -> list[str]:
        return [_regex(v) for v in value]


class Cases(_Strict):
    drop: list[tuple[str, str]] = []
    keep: list[tuple[str, str]] = []


class ScopeRule(_Strict):
    """An institution or duty only some bodies have or may claim; outside them a sentence is dropped."""

    words: list[str] = Field(min_length=1)
    kinds: list[str]
    departments: dict[str, list[str]] = {}
    # words of the user's own table that show the body holds the duty whatever its department (a
    # 人民防空办公室 whose table counts 行政执法检查 and 立案查处 enforces): they lift ``departments``
    claimed_by: list[str] = []
    sides: list[Side] = []
    min_level: Level | None = None
    max_level: Level | None = None
    topic: str
    reason: str
    cases: Cases = Cases()

    @field_validator("words", "claimed_by")
    @classmethod
    def _words(cls, value: list[str]) -> list[str]:
        return [_regex(v) for v in value]


class Example(_Strict):
    org: str
    before: str
    after: str


class WordingRule(_Strict):
    """A reused phrase right for some bodies and wrong for others; ``example`` is run by a test."""

    pattern: str
    repl: str
    kinds: list[str] = []
    sides: list[Side] = []
    max_level: Level | None = None
    example: Example
    why: str

    _check = field_validator("pattern")(classmethod(lambda cls, v: _regex(v)))


class BodiesData(_Strict):
    """The whole ``bodies.yaml``."""

    kinds: dict[str, KindSpec]
    suffixes: dict[str, str]
    departments: list[str]
    same_department: dict[str, str] = {}
    levels: dict[str, Level]
    level_rank: dict[Level, int]
    level_aliases: dict[str, Level]
    level_words: dict[Level, str] = {}
    provincial_regions: list[str] = []
    meta_levels: dict[str, tuple[str, Level]]
    scope: list[ScopeRule]
    hedged: dict[str, Literal[ROLE_NAMES]]  # type: ignore[valid-type]
    wording: list[WordingRule]

    @model_validator(mode="after")
    def _known_kinds(self) -> BodiesData:
        known = set(self.kinds)
        named = [k for r in self.scope for k in (*r.kinds, *r.departments)]
        named += [k for r in self.wording for k in r.kinds]
        named += [k for k, _ in self.meta_levels.values()]
        named += [s.like for s in self.kinds.values() if s.like]
        unknown = sorted(set(named) - known)
        if unknown:
            raise ValueError(f"规则中出现未定义的单位类别：{'、'.join(unknown)}")
        return self


class BodyDataError(ValueError):
    """``bodies.yaml`` does not fit the model (message in Chinese, entry named)."""


def load_bodies(path: Path = DATA) -> BodiesData:
    """Read and validate a bodies file.

    Raises:
        BodyDataError: the file does not fit the model.
    """
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    try:
        return BodiesData.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise BodyDataError(f"{Path(path).name} 格式错误：{where}：{first['msg']}") from exc


@functools.cache
def bodies() -> BodiesData:
    """The shipped ``bodies.yaml``, validated once."""
    return load_bodies(DATA)
