"""Body profiles: who speaks in a report (kind, level, self-references, party organ, superiors).

A profile is detected from the organisation's name (``青山县红星镇党委`` → 乡镇, 乡级, 我镇, 镇党委,
superiors 县委、县政府) and can be overridden (``--body-kind``, ``--level``, ``--superiors``). The same
detection, fed with a document's title, opening and give-away words, labels every corpus document
at ingest. The data (patterns, role texts, claimable functions) is in ``assistant/data/bodies.yaml``.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from assistant.lang.body_model import ROLE_NAMES, KindSpec, ScopeRule, bodies
from assistant.lang.places import COUNTY_UP_CHARS, LEVEL_CHARS

ROLES = ROLE_NAMES


class BodyError(ValueError):
    """An unknown body kind or level (message in Chinese)."""


def body_data() -> dict[str, Any]:
    """The validated ``bodies.yaml`` as plain data (read-only use)."""
    return bodies().model_dump()


def kind_names() -> list[str]:
    """Canonical body kinds, in file order."""
    return list(bodies().kinds)


def level_rank(level: str | None) -> int:
    """1 乡级 … 4 省; 0 when unknown."""
    return int(bodies().level_rank.get(level or "", 0))  # type: ignore[call-overload]


@dataclass
class BodyProfile:
    """Who a report speaks for.

    Attributes:
        kind: a kind of ``bodies.yaml`` (党委, 人民政府, 政府部门 …; None: unknown).
        level: 乡级 | 县级 | 设区的市 | 省.
        name: the organisation's name as given.
        char: level character of the body's place (县, 区, 镇 …) or, for 街道, 街道.
        suffix: the body's own suffix (局/委/办/部/院) for departments, courts and procuratorates.
        up: level character of the parent place (县 for 青山县红星镇).
        department: a department's speciality (司法局, 公安局 …).
        superiors: the superiors a sentence may name (县委、县政府), in order.
        side: 党委 or 政府 for a body named by one of its two organs (a township).
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
    party_organ: str | None = None  # 党委 or 党组 as the user's own table names the body's party organ
    # the scope rules whose duty the user's own table shows (ScopeRule.claimed_by), found once
    claimed: tuple[ScopeRule, ...] = ()

    @property
    def spec(self) -> KindSpec | None:
        """The kind's data (None when the kind is unknown)."""
        return bodies().kinds.get(self.kind or "")

    def keys(self) -> list[str]:
        """What a per-body table is keyed by, most particular first: department, kind, the kind it is
        a part of (``like``)."""
        spec = self.spec
        found = [self.department, self.kind, spec.like if spec is not None else None]
        return [k for k in found if k]

    def named_in(self, kinds: list[str]) -> bool:
        """Whether a rule's kinds name this body: its own kind, or the kind it is a part of (``like``)
        when the rule does not name its own kind."""
        spec = self.spec
        like = spec.like if spec is not None else None
        return self.kind in kinds or (like is not None and like in kinds)

    @property
    def group(self) -> str | None:
        """Outline variant family: 党委 (party committees, townships, streets), 政府 or 部门."""
        spec = self.spec
        if spec is None:
            return None
        if spec.sides and self.side in spec.sides.groups:
            return spec.sides.groups[self.side]  # type: ignore[index]
        return spec.group

    def role(self, name: str) -> str | None:
        """The body's own text for a role (``organ`` → 镇党委), None when it has none."""
        spec = self.spec
        if spec is None:
            return None
        template = next(
            (
                getattr(o, name)
                for o in (
                    spec.sides.roles.get(self.side) if spec.sides and self.side else None,  # type: ignore[arg-type]
                    spec.role_overrides.get(self.department or ""),
                    spec.suffix_overrides.get(self.suffix),
                )
                if o is not None and getattr(o, name)
            ),
            getattr(spec.roles, name),
        )
        if not template:
            return None
        text = template.format(p=self.char or "", s=self.suffix or "局")
        if self.party_organ and spec.department:  # the user's 局党委, not the kind's 局党组 (or the reverse)
            text = text.replace({"党委": "党组", "党组": "党委"}[self.party_organ], self.party_organ)
        return text

    def with_own_words(self, texts: list[str]) -> BodyProfile:
        """The profile as the user's own words name the body: a department whose table says 局党委
        (or 局党组) gets that organ, whatever its kind's default (blind read r29)."""
        said = " ".join(texts)
        claimed = tuple(r for r in bodies().scope if any(re.search(w, said) for w in r.claimed_by))
        profile = dataclasses.replace(self, claimed=claimed) if claimed else self
        spec = (
            self.spec
        )  # any department kind, listed speciality or not (a 国资委 whose table says 委党委: r46)
        if spec is None or not spec.department or not self.suffix:
            return profile
        own = [o for o in ("党委", "党组") if f"{self.suffix}{o}" in said]
        if len(own) != 1:
            return profile
        return dataclasses.replace(profile, party_organ=own[0])

    def superiors_text(self) -> str:
        """How the draft names the superiors: the user's list or the kind's default (上级党委 when unknown)."""
        if self.superiors:
            return "、".join(self.superiors)
        spec = self.spec
        if spec is None:
            return "上级党委、政府"
        template = spec.superior_overrides.get(self.department or "") or spec.superiors or "上级党委"
        if ("{up}" in template and not self.up) or ("{p}" in template and not self.char):
            return "上级党委、政府"
        return template.format(p=self.char, up=self.up)

    def central_phrase(self) -> str:
        """A chain of superiors from the centre, for this body (党中央和上级党委 / 党中央、国务院和县委)."""
        spec = self.spec
        central = spec.central if spec is not None else None
        head, rest = (central.head, central.rest) if central else ("党中央", "上级党委")
        if (
            self.group == "政府" and head == "党中央"
        ):  # a township government answers to the State Council too
            head, rest = "党中央、国务院", "上级党委、政府"
        system = spec is not None and (self.department or "") in spec.superior_overrides
        if self.level == "省" and not self.superiors and self.char and not system:  # the centre alone
            if self.kind == "党委":
                return head
            both = self.kind in ("政府部门", "开发区")  # a government's own departments answer to both
            return head + "和" + f"{self.char}委" + (f"、{self.char}政府" if both else "")
        own = self.superiors_text()
        named = self.group in ("部门", "党务", "司法") or self.level == "乡级"  # its place's 县委、县政府
        if not self.superiors and named and ("上级" not in own or system):
            return head + "和" + own  # a county bureau answers to its 县委、县政府 (blind read r10), named
        placed = [x for x in re.split(r"和|、", own) if self.char and x.startswith(self.char)]
        if not self.superiors and named and placed:  # 上级院和县委: the party line is its place's 县委 (r24)
            return head + "和" + "、".join(placed)
        return head + "和" + (own if self.superiors else rest)

    def opening_scope(self) -> str | None:
        """How the opening names the body's whole area of work (全镇 / 本部门 / 全县政法系统)."""
        spec = self.spec
        if spec is not None and spec.opening:
            return spec.opening.format(p=self.char or "", s=self.suffix or "")
        return self.role("whole")

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
    levels = bodies().levels
    for ending in sorted(levels, key=len, reverse=True):
        if place.endswith(ending):
            return levels[ending], ending if len(ending) == 1 else place[-1]
    return None, ""


def _parent_char(head: str) -> str:
    """The level character of the parent of a place whose own ending was cut: 青山县红星 → 县."""
    m = re.search(rf"([{COUNTY_UP_CHARS}])(?!.*[{COUNTY_UP_CHARS}])", head[:-1] if head else head)
    return m.group(1) if m else ""


def _suffix(name: str) -> str:
    for ending, suffix in sorted(bodies().suffixes.items(), key=lambda kv: -len(kv[0])):
        if name.endswith(ending):
            return suffix
    return name[-1] if name and name[-1] in "局委办部院厅" else "局"


def kind_title(kind: str, level: str | None = None) -> str:
    """How a made title names a document by a body of this kind (乡镇, 县级部门, 市级人民政府)."""
    data = bodies()
    word = data.level_words.get(level or "", "")  # type: ignore[call-overload]
    spec = data.kinds.get(kind)
    template = spec.title if spec is not None and spec.title else "{level}" + kind
    return template.format(level=word)


def normalize_kind(kind: str | None) -> str | None:
    """A body kind given by the user, canonical (县委 → 党委); raises for an unknown kind."""
    if not kind:
        return None
    kind = kind.strip()
    data = bodies()
    if kind in data.kinds:
        return kind
    for kind_id, spec in data.kinds.items():
        if kind in spec.aliases:
            return kind_id
    for kind_id, spec in data.kinds.items():
        if any(re.search(p, kind) for p in spec.alias_patterns) or (
            spec.department and kind in data.departments
        ):
            return kind_id
    raise BodyError(f"未知的单位类别“{kind}”。可选：{'、'.join(kind_names())}")


def normalize_level(level: str | None) -> str | None:
    """A level given by the user, canonical (县 → 县级); raises for an unknown level."""
    if not level:
        return None
    level = level.strip()
    data = bodies()
    if level in data.level_rank:
        return level
    if level in data.level_aliases:
        return data.level_aliases[level]
    raise BodyError(f"未知的层级“{level}”。可选：{'、'.join(data.level_rank)}")


#: a party committee's full name before one of its departments (中共箐川彝族自治县委员会政法委员会, 中共…市委员会
#: 组织部): the same body as its short name (…县委政法委员会; blind read r51, no kind before)
_FULL_COMMITTEE_RE = re.compile(rf"^((?:中共|中国共产党).+?[{COUNTY_UP_CHARS}])委员会(?=.)")


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
        kind: override of the kind (a kind of ``bodies.yaml`` or one of its aliases).
        level: override of the level (乡级/县级/设区的市/省, or 乡镇/县/市).
        superiors: override of the superiors (``市委、市政府`` or a list).

    Returns:
        The profile; ``kind`` is None when neither the name nor the override tells.
    """
    name = (org or "").strip().replace(" ", "")
    profile = BodyProfile(name=name or None)
    forced = normalize_kind(kind)
    short = _FULL_COMMITTEE_RE.sub(r"\1委", name)  # 中共…县委员会政法委员会 reads as 中共…县委政法委员会
    for kind_id, spec in bodies().kinds.items():
        if forced and kind_id != forced:
            continue
        for pattern in spec.patterns:
            m = re.match(pattern, short)
            if not m:
                continue
            place = m.group("place") if "place" in m.groupdict() else ""
            profile.kind = kind_id
            _fill_place(profile, spec, place, m.groupdict().get("dept"), name)
            break
        if profile.kind:
            break
    if profile.kind is None and forced:
        profile.kind = forced
        _fill_place(profile, bodies().kinds[forced], _place_prefix(name), None, name)
    if level:
        profile.level = normalize_level(level)
        spec = profile.spec
        if not profile.char and spec is not None and spec.place.char_from_level:
            profile.char = {"县级": "县", "设区的市": "市", "省": "省"}.get(profile.level or "", "")
    if superiors:
        items = superiors if isinstance(superiors, list) else re.split(r"[、,，;；\s]+", superiors)
        profile.superiors = [s for s in (x.strip() for x in items) if s]
    return profile


def unknown_body_hint(body: BodyProfile | None) -> str:
    """A Chinese hint when the organisation's name told neither its kind nor its level: the draft then
    cannot be put in the body's own voice, and the user can say the kind and level."""
    if body is None or not body.name or body.kind is not None:
        return ""
    return (
        f"未能从单位名称“{body.name[:40]}”识别单位类别和层级，草稿未按本单位口吻调整；"
        f"请用 --body-kind 指定单位类别（{'、'.join(kind_names())}）并用 --level 指定层级"
    )


def _place_prefix(name: str) -> str:
    m = re.match(rf"^(?:中共)?(.+?(?:街道|[{LEVEL_CHARS}]))", name)
    return m.group(1) if m else ""


def _fill_place(profile: BodyProfile, spec: KindSpec, place: str, dept: str | None, name: str) -> None:
    data = bodies()
    if spec.place.char:
        profile.char, profile.level = spec.place.char, spec.place.level or _level_of_place(place)[0]
        own = spec.place.char if place.endswith(spec.place.char) else ""
    else:
        profile.level, profile.char = _level_of_place(place)
        own = profile.char
    if spec.place.parent:
        profile.up = _parent_char(place[: len(place) - len(own)] if own else place)
    if spec.sides:
        profile.side = next(
            (s for s, ends in spec.sides.by_name.items() if any(re.search(e, name) for e in ends)),
            spec.sides.default,
        )
    if spec.department:
        profile.suffix = _suffix(name)
        text = dept or name
        if text.endswith("厅"):  # a province's 司法厅/自然资源厅 is the 司法局/自然资源局 of its level
            text = text[:-1] + "局"
        elif text.endswith("分局"):  # a 生态环境分局/公安分局 has the speciality of its 局
            text = text[:-2] + "局"
        profile.department = next(
            (d for d in sorted(data.departments, key=len, reverse=True) if d in text), None
        )
        for alias, canonical in data.same_department.items():
            if profile.department == alias or alias in name:
                profile.department = canonical
                break
    elif spec.suffix:
        profile.suffix = spec.suffix
    if profile.level == "县级" and name.startswith(tuple(data.provincial_regions)) and profile.char == "区":
        profile.level = "省"  # 广西壮族自治区… ends in 区 but is no 市辖区


# ------------------------------------------------------------------ documents of the corpus
def detect_document_body(title: str | None, text: str, meta_level: str | None = None) -> BodyProfile:
    """The profile of a corpus document, from its metadata, its title and its give-away words.

    Args:
        title: the document's title (a body name in it wins: 某县司法局…).
        text: its cleaned text (self-references counted: 我乡 ×5 → 乡镇).
        meta_level: ``level`` of ``meta.yaml`` (乡镇党委, 街道, 县级部门, 省级 …).

    Returns:
        The profile (kind None when nothing tells).
    """
    data = bodies()
    counts: Counter[tuple[str, str | None]] = Counter()
    sample = text[:20000]
    for kind, spec in data.kinds.items():
        for cue in spec.doc_cues:
            n = len(re.findall(cue.pattern, sample))
            if cue.marker:  # a cue two kinds share (我院): the kind whose marker is most frequent takes it
                rivals = [
                    (sample.count(c.marker or ""), -i)
                    for i, s in enumerate(data.kinds.values())
                    for c in s.doc_cues
                    if c.pattern == cue.pattern
                ]
                if max(rivals) != (sample.count(cue.marker), -list(data.kinds).index(kind)):
                    n = 0
            counts[(kind, cue.char)] += n
    profile = BodyProfile()
    if meta_level:
        for key, (kind, level) in data.meta_levels.items():
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
        profile.kind, profile.char = kind, char or ""
        spec = data.kinds[kind]
        profile.level = spec.place.level or data.levels.get(char or "") or spec.default_level
    elif profile.kind and best:
        for kind, char in best:
            if kind == profile.kind and char:
                profile.char = char
                break
    spec = profile.spec
    if spec is not None and spec.department and not profile.suffix:
        # a department of the other family (编办 filed as 县级部门) is told by its own words
        family = [(k, n) for (k, _c), n in counts.items() if data.kinds[k].department and n > 0]
        if family:
            top = max(family, key=lambda kn: kn[1])
            if top[1] > counts.get((profile.kind, None), 0):
                profile.kind = top[0]
        profile.suffix = data.kinds[profile.kind].doc_suffix or "局"  # type: ignore[index]
    return profile


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
    if body.named_in([kind]):
        bonus += 0.12
    elif kind in bodies().kinds and bodies().kinds[kind].group == body.group:
        bonus += 0.05
    if level and body.level:
        gap = abs(level_rank(level) - body.rank())
        bonus += 0.04 if gap == 0 else (-0.04 * gap if gap >= 2 else 0.0)
    return bonus


@functools.cache
def _scope_patterns() -> tuple[tuple[re.Pattern[str], ScopeRule], ...]:
    return tuple((re.compile("|".join(rule.words)), rule) for rule in bodies().scope)


def out_of_scope(text: str, body: BodyProfile) -> list[tuple[re.Match[str], str]]:
    """(match, reason) for each institution or duty in ``text`` outside the body's scope (the rewriting,
    the voice audit and the outline read the same rules)."""
    out = []
    for pattern, rule in _scope_patterns():
        if not in_scope(rule, body):
            out += [(m, rule.reason) for m in pattern.finditer(text)]
    return out


def in_scope(rule: ScopeRule, body: BodyProfile) -> bool:
    """Whether the body may name a scope rule's institution or duty (its kinds, departments, side, levels)."""
    if not body.named_in(rule.kinds):
        return False
    allowed = rule.departments.get(body.kind)
    if allowed is not None and body.department not in allowed and not any(rule is c for c in body.claimed):
        return False
    if rule.sides and body.side is not None and body.side not in rule.sides:
        return False
    rank = body.rank()
    if rank and rule.min_level and rank < level_rank(rule.min_level):
        return False
    return not (rank and rule.max_level and rank > level_rank(rule.max_level))


def prompt_profile(body: BodyProfile | None) -> dict[str, Any]:
    """What every LLM prompt is told of the body (prompts/_body.j2): kind, level, own words,
    superiors, what it may and may not claim, and other kinds' words to avoid."""
    if body is None or not body.kind or body.spec is None:
        return {"kind": None}
    scope = bodies().scope
    own = {body.role(r) for r in ("pronoun", "organ", "office_meeting", "organ_meeting")}
    foreign: list[str] = []
    for kind, spec in bodies().kinds.items():
        if kind == body.kind:
            continue
        for role in ("pronoun", "organ"):
            template = getattr(spec.roles, role)
            word = template.format(p=spec.chars[0], s=spec.chars[0]) if template else None
            if word and word not in own and word not in foreign and not spec.place.area:
                foreign.append(word)
    meetings = [m for m in dict.fromkeys([body.role("organ_meeting"), body.role("office_meeting")]) if m]
    return {
        "kind": body.kind,
        "label": body.spec.label,
        "name": body.name or "",
        "level": body.level or "未知",
        "pronoun": body.role("pronoun") or "",
        "whole": body.opening_scope() or "",
        "organ": body.role("organ") or "",
        "meetings": meetings,
        "leader": body.role("leader") or "",
        "superiors": body.superiors_text(),
        "central": body.central_phrase(),
        "may": [r.topic for r in scope if in_scope(r, body)],
        "may_not": [r.topic for r in scope if not in_scope(r, body)],
        "foreign": foreign[:10],
    }
