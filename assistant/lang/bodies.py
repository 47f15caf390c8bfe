"""Body profiles: who speaks in a report (kind, level, self-references, party organ, superiors).

A profile is detected from the organisation's name (``青山县红星镇党委`` → 乡镇, 乡级, 我镇, 镇党委,
superiors 县委、县政府) and can be overridden (``--body-kind``, ``--level``, ``--superiors``). The same
detection, fed with a document's title, opening and give-away words, labels every corpus document
at ingest. The data (patterns, role texts, claimable functions) is in ``assistant/data/bodies.yaml``.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent.parent / "data" / "bodies.yaml"
ROLES = (
    "pronoun",
    "whole",
    "organ",
    "organ_meeting",
    "office_meeting",
    "study",
    "staff",
    "discipline",
    "level_unit",
    "office",
    "organ_pair",
)
KIND_ALIASES = {
    "县委": "党委",
    "区委": "党委",
    "市委": "党委",
    "地方党委": "党委",
    "政府": "人民政府",
    "县政府": "人民政府",
    "区政府": "人民政府",
    "市政府": "人民政府",
    "部门": "政府部门",
    "政府工作部门": "政府部门",
    "局": "政府部门",
    "党委工作部门": "党委部门",
    "乡": "乡镇",
    "镇": "乡镇",
    "乡镇党委": "乡镇",
    "乡镇政府": "乡镇",
    "街道办事处": "街道",
    "人民法院": "法院",
    "人民检察院": "检察院",
}
LEVEL_ALIASES = {
    "乡镇": "乡级",
    "乡": "乡级",
    "镇": "乡级",
    "街道": "乡级",
    "县": "县级",
    "区": "县级",
    "县区": "县级",
    "市": "设区的市",
    "地市": "设区的市",
    "州": "设区的市",
    "省级": "省",
    "自治区": "省",
}


class BodyError(ValueError):
    """An unknown body kind or level (message in Chinese)."""


@functools.cache
def body_data(path: Path = DATA) -> dict[str, Any]:
    """The parsed ``bodies.yaml``."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def kind_names() -> list[str]:
    """Canonical body kinds, in file order."""
    return list(body_data()["kinds"])


def level_rank(level: str | None) -> int:
    """1 乡级 … 4 省; 0 when unknown."""
    return int(body_data()["level_rank"].get(level or "", 0))


@dataclass
class BodyProfile:
    """Who a report speaks for.

    Attributes:
        kind: 党委 | 人民政府 | 政府部门 | 党委部门 | 乡镇 | 街道 | 法院 | 检察院 (None: unknown).
        level: 乡级 | 县级 | 设区的市 | 省.
        name: the organisation's name as given.
        char: level character of the body's place (县, 区, 镇 …) or, for 街道, 街道.
        suffix: the body's own suffix (局/委/办/部/院) for departments, courts and procuratorates.
        up: level character of the parent place (县 for 青山县红星镇).
        department: a department's speciality (司法局, 公安局 …).
        superiors: the superiors a sentence may name (县委、县政府), in order.
        side: 党委 or 政府 for a township named by one of its two bodies.
    """

    kind: str | None = None
    level: str | None = None
    name: str | None = None
    char: str = ""
    suffix: str = ""
    up: str = ""
    department: str | None = None
    superiors: list[str] = field(default_factory=list)
    side: str | None = None

    @property
    def group(self) -> str | None:
        """Outline variant family: 党委 (party committees, townships, streets), 政府 or 部门."""
        if not self.kind:
            return None
        if self.kind == "乡镇" and self.side == "政府":
            return "政府"
        return body_data()["kinds"][self.kind].get("group")

    def role(self, name: str) -> str | None:
        """The body's own text for a role (``organ`` → 镇党委), None when it has none."""
        if not self.kind:
            return None
        spec = body_data()["kinds"][self.kind]
        template = spec.get("role_overrides", {}).get(self.department or "", {}).get(name) or spec[
            "roles"
        ].get(name)
        if not template:
            return None
        return template.format(p=self.char or "", s=self.suffix or "局")

    def superiors_text(self) -> str:
        """How the draft names the superiors: the user's list or the kind's default (上级党委 when unknown)."""
        if self.superiors:
            return "、".join(self.superiors)
        if not self.kind:
            return "上级党委、政府"
        template = body_data()["kinds"][self.kind].get("superiors") or "上级党委"
        if ("{up}" in template and not self.up) or ("{p}" in template and not self.char):
            return "上级党委、政府"
        return template.format(p=self.char, up=self.up)

    def rank(self) -> int:
        return level_rank(self.level)

    def to_public(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "level": self.level,
            "name": self.name,
            "department": self.department,
            "self": self.role("pronoun"),
            "organ": self.role("organ"),
            "superiors": self.superiors_text(),
        }


def _level_of_place(place: str) -> tuple[str | None, str]:
    """(level, level character) of a place name by its ending: 青山县 → (县级, 县)."""
    levels = body_data()["levels"]
    for ending in sorted(levels, key=len, reverse=True):
        if place.endswith(ending):
            return levels[ending], ending if len(ending) == 1 else place[-1]
    return None, ""


def _parent_char(place: str, own_char: str) -> str:
    """The level character of the place's parent: 青山县红星镇 → 县; 红星镇 → '' (unknown)."""
    head = place[: -len(own_char)] if own_char and place.endswith(own_char) else place
    m = re.search(r"([省市州县区旗盟])(?!.*[省市州县区旗盟])", head[:-1] if head else head)
    return m.group(1) if m else ""


def _suffix(name: str) -> str:
    for ending, suffix in sorted(body_data()["suffixes"].items(), key=lambda kv: -len(kv[0])):
        if name.endswith(ending):
            return suffix
    return name[-1] if name and name[-1] in "局委办部院厅" else "局"


def normalize_kind(kind: str | None) -> str | None:
    """A body kind given by the user, canonical (县委 → 党委); raises for an unknown kind."""
    if not kind:
        return None
    kind = kind.strip()
    if kind in body_data()["kinds"]:
        return kind
    if kind in KIND_ALIASES:
        return KIND_ALIASES[kind]
    if kind.endswith("局") or kind in body_data()["departments"]:
        return "政府部门"
    raise BodyError(f"未知的单位类别“{kind}”。可选：{'、'.join(kind_names())}")


def normalize_level(level: str | None) -> str | None:
    """A level given by the user, canonical (县 → 县级); raises for an unknown level."""
    if not level:
        return None
    level = level.strip()
    if level in body_data()["level_rank"]:
        return level
    if level in LEVEL_ALIASES:
        return LEVEL_ALIASES[level]
    raise BodyError(f"未知的层级“{level}”。可选：{'、'.join(body_data()['level_rank'])}")


def detect_body(
    org: str | None,
    *,
    kind: str | None = None,
    level: str | None = None,
    superiors: str | list[str] | None = None,
) -> BodyProfile:
    """The body profile of an organisation name, with the user's overrides.

    Args:
        org: the organisation (``青山县司法局``, ``中共青山县红星镇委员会``, ``朝阳区人民法院``).
        kind: override of the kind (党委/人民政府/政府部门/党委部门/乡镇/街道/法院/检察院, or an alias).
        level: override of the level (乡级/县级/设区的市/省, or 乡镇/县/市).
        superiors: override of the superiors (``市委、市政府`` or a list).

    Returns:
        The profile; ``kind`` is None when neither the name nor the override tells.
    """
    name = (org or "").strip().replace(" ", "")
    profile = BodyProfile(name=name or None)
    forced = normalize_kind(kind)
    data = body_data()
    for kind_id, spec in data["kinds"].items():
        if forced and kind_id != forced:
            continue
        for pattern in spec.get("patterns", []):
            m = re.match(pattern, name)
            if not m:
                continue
            place = m.group("place") if "place" in m.groupdict() else ""
            dept = m.groupdict().get("dept")
            profile.kind = kind_id
            _fill_place(profile, kind_id, place, dept, name)
            break
        if profile.kind:
            break
    if profile.kind is None and forced:
        profile.kind = forced
        _fill_place(profile, forced, _place_prefix(name), None, name)
    if level:
        profile.level = normalize_level(level)
        if not profile.char and profile.kind in ("党委", "人民政府"):
            profile.char = {"县级": "县", "设区的市": "市", "省": "省"}.get(profile.level, "")
    if superiors:
        items = superiors if isinstance(superiors, list) else re.split(r"[、,，;；\s]+", superiors)
        profile.superiors = [s for s in (x.strip() for x in items) if s]
    return profile


def _place_prefix(name: str) -> str:
    m = re.match(r"^(?:中共)?(.+?(?:街道|[省市州县区旗盟乡镇]))", name)
    return m.group(1) if m else ""


def _fill_place(profile: BodyProfile, kind: str, place: str, dept: str | None, name: str) -> None:
    if kind == "街道":
        profile.char, profile.level = "街道", "乡级"
        profile.up = _parent_char(place[:-2], "")
        if not profile.up and place[:-2]:
            profile.up = ""
    else:
        level, char = _level_of_place(place)
        profile.level, profile.char = level, char
        if kind == "乡镇":
            profile.up = _parent_char(place, char)
            profile.side = "政府" if name.endswith(("人民政府", "政府")) else "党委"
    if kind in ("政府部门", "党委部门"):
        profile.suffix = _suffix(name)
        profile.department = next(
            (d for d in sorted(body_data()["departments"], key=len, reverse=True) if d in (dept or name)),
            None,
        )
        if profile.department == "公安分局" or "公安" in name:
            profile.department = "公安局"
    elif kind in ("法院", "检察院"):
        profile.suffix = "院"
    if (
        kind in ("党委", "人民政府")
        and profile.char == "区"
        and name.startswith(("新疆", "西藏", "宁夏", "广西", "内蒙古"))
    ):
        profile.level = "省"


# ------------------------------------------------------------------ documents of the corpus
_DOC_CUES: list[tuple[str, str, str | None]] = [  # (regex, kind, level char or None)
    (r"我乡|全乡|乡党委", "乡镇", "乡"),
    (r"我镇|全镇|镇党委", "乡镇", "镇"),
    (r"我街道|街道党工委|党工委", "街道", "街道"),
    (r"我局|全局|局党组|局机关|局务会", "政府部门", None),
    (r"我院|全院|院党组", "法院", None),
    (r"我办|全办|编委", "党委部门", None),
    (r"我省|全省", "人民政府", "省"),
    (r"我市|全市", "人民政府", "市"),
    (r"我县|全县", "人民政府", "县"),
    (r"我区|全区", "人民政府", "区"),
]
_META_LEVEL = {
    "乡镇": ("乡镇", "乡级"),
    "街道": ("街道", "乡级"),
    "县级部门": ("政府部门", "县级"),
    "省级": ("人民政府", "省"),
    "县级": ("人民政府", "县级"),
    "市级": ("人民政府", "设区的市"),
}


def detect_document_body(title: str | None, text: str, meta_level: str | None = None) -> BodyProfile:
    """The profile of a corpus document, from its metadata, its title and its give-away words.

    Args:
        title: the document's title (a body name in it wins: 某县司法局…).
        text: its cleaned text (self-references counted: 我乡 ×5 → 乡镇).
        meta_level: ``level`` of ``meta.yaml`` (乡镇党委, 街道, 县级部门, 省级 …).

    Returns:
        The profile (kind None when nothing tells).
    """
    counts: Counter[tuple[str, str | None]] = Counter()
    sample = text[:20000]
    for pattern, kind, char in _DOC_CUES:
        counts[(kind, char)] += len(re.findall(pattern, sample))
    if "检察" in sample and counts[("法院", None)]:
        counts[("检察院", None)] = (
            counts.pop(("法院", None)) if sample.count("检察") > sample.count("审判") else 0
        )
    profile = BodyProfile()
    if meta_level:
        for key, (kind, level) in _META_LEVEL.items():
            if key in meta_level:
                profile.kind, profile.level = kind, level
                break
    for m in re.finditer(
        r"[\u4e00-\u9fff]{2,12}?(?:司法局|公安局|审计局|人民政府|人民法院|人民检察院)", title or ""
    ):
        found = detect_body(m.group(0))
        if found.kind:
            return found
    best = [kc for kc, n in counts.most_common() if n > 0]
    if profile.kind is None and best:
        kind, char = best[0]
        profile.kind = kind
        profile.char = char or ""
        profile.level = "乡级" if kind in ("乡镇", "街道") else body_data()["levels"].get(char or "", None)
        if kind == "政府部门" and profile.level is None:
            profile.level = "县级"
    elif profile.kind and best:
        for kind, char in best:
            if kind == profile.kind and char:
                profile.char = char
                break
    if profile.kind in ("政府部门", "党委部门") and not profile.suffix:
        profile.suffix = "办" if counts[("党委部门", None)] > counts[("政府部门", None)] else "局"
        if counts[("党委部门", None)] > counts[("政府部门", None)]:
            profile.kind = "党委部门"
    return profile


def genre_for_body(genre: Any, body: BodyProfile | None) -> Any:
    """The genre's outline for this body: items of other bodies left out, headings of its group.

    A section or sub-point with ``bodies`` is kept only when the body's group (党委/政府/部门) or its
    department (司法局 …) is listed; ``titles`` replaces the heading for the group. With no known
    body every item without ``bodies`` or listing 党委 is kept (the 述法 template of a 党委 head).
    """
    from dataclasses import replace

    group = body.group if body is not None else None
    tags = {t for t in (group, body.department if body is not None else None) if t}
    if not tags:
        tags = {"党委"}

    def keep(sec: Any) -> bool:
        return not sec.bodies or bool(tags & set(sec.bodies))

    def adapt(sec: Any) -> Any:
        title = sec.titles.get(group or "", sec.title)
        return replace(sec, title=title, subpoints=[adapt(s) for s in sec.subpoints if keep(s)])

    return replace(genre, sections=[adapt(s) for s in genre.sections if keep(s)])


def doc_affinity(entry: dict[str, Any] | None, body: BodyProfile | None) -> float:
    """Retrieval bonus of a corpus document for this body: same kind, then same group, same level.

    Args:
        entry: the document's manifest entry (``body_kind``/``body_level`` set at ingest).
        body: the user's profile.
    """
    if not entry or body is None or not body.kind or not entry.get("body_kind"):
        return 0.0
    kind, level = entry.get("body_kind"), entry.get("body_level")
    bonus = 0.0
    if kind == body.kind:
        bonus += 0.12
    elif kind in body_data()["kinds"] and body_data()["kinds"][kind].get("group") == body.group:
        bonus += 0.05
    if level and body.level:
        gap = abs(level_rank(level) - body.rank())
        bonus += 0.04 if gap == 0 else (-0.04 * gap if gap >= 2 else 0.0)
    return bonus
