"""Genres as data: official section structures of 述法报告, 法治政府建设年度报告 and 工作总结.

The definitions live in ``assistant/data/genres.yaml`` so they can be edited without touching code.
This module loads them and turns them into numbered outlines (一、 / （一）).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from assistant.errors import BadInputError, NotFoundError
from assistant.lang.markers import missing
from assistant.lang.numbering import heading_level, numbered, strip_numbering

DATA = Path(__file__).resolve().parents[2] / "data" / "genres.yaml"
#: a part of the row above it (其中：直接纠错)
PART_RE = re.compile(r"^其中[：:，、]?")


@dataclass
class GenreSection:
    """One section (or sub-point) of a genre's official outline."""

    key: str
    title: str
    kind: str = "performance"
    query: str = ""
    metrics: list[str] = field(default_factory=list)
    lead: str = ""
    subpoints: list[GenreSection] = field(default_factory=list)
    # only for these bodies (see lang/body_outline.genre_for_body)
    bodies: list[str] = field(default_factory=list)
    # heading per body when it differs, keyed by department, kind@level, kind, group@level or group
    titles: dict[str, str] = field(default_factory=dict)
    # the genre's own wording with 【待补充】 markers, used when past reports give the section too little
    # (for the body: see lang/body_outline.fallback_for)
    fallback: list[str] = field(default_factory=list)
    # the same per body, keyed like ``titles`` (department, kind@level, kind, group@level, group; ``通用``
    # for every body without a key of its own)
    fallbacks: dict[str, list[str]] = field(default_factory=dict)
    subject: str = ""  # given to the section's first sentence when it has none ({leader}: the body's head)
    subject_lead: str = ""  # the part's opening when no sentence opens with the subject's verb ({subject})
    avoid: str = ""  # a regex: sentences without figures that match it are not the section's matter
    # a regex some sentence of the part must match (the head's own study in a 述法报告: 带头); when none
    # does, the first fallback that matches it opens the part
    needs: str = ""

    def all_metrics(self) -> list[str]:
        """Metric kinds of the section and of its sub-points, without repeats."""
        seen: list[str] = list(self.metrics)
        for sub in self.subpoints:
            for kind in sub.all_metrics():
                if kind not in seen:
                    seen.append(kind)
        return seen


@dataclass
class Genre:
    """A report genre and its canonical structure."""

    name: str
    aliases: list[str]
    title: str
    voice: str
    opening: str
    closing: str
    sections: list[GenreSection]
    signature: list[str]
    # bodies (kind or outline group) that do not write this genre → the Chinese message naming the right one
    not_for: dict[str, str] = field(default_factory=dict)
    # labels of figures that are not the genre's matter (fiscal revenue in a 法治 report): set aside
    set_aside: str = ""
    # a regex of words of 法治 work; when set, a figure none of whose words (label and note) match it is
    # not the genre's matter either (a 教育局's 在校学生 in its 法治建设工作总结: blind read r55)
    law_work: str = ""

    def sets_aside(self, label: str, note: str | None = None) -> bool:
        """Whether a figure of this label is not the genre's matter (一般公共预算收入 in a 述法报告; with
        ``law_work``, any figure that names no 法治 work in its label or note). A part (其中：…) follows
        its whole, which the caller decides (``set_aside_rows``)."""
        if self.set_aside and (
            re.search(self.set_aside, label)
            or re.search(self.set_aside, _LEAD_BODY_RE.sub("", label, count=1))
        ):
            return True  # …the body of the law named first is no law work (法庭年度办公经费, 区司法局部门预算: r60, r61)
        if note and NOT_LAW_NOTE_RE.search(note) and not PART_RE.match(label.strip()):
            return True  # the clerk's own word: 非法治工作数据 (blind read r60)
        if not self.law_work or PART_RE.match(label.strip()):
            return False
        # a body of the law named in the label (区司法局在编人员, 市法院部门预算) is no law work of the figure
        # (blind read r60: a 司法局's headcount and budget written into its report)
        return re.search(self.law_work, LAW_BODY_RE.sub("", label) + (note or "")) is None


#: the bodies of the law by their names (司法局, 人民法院, 中院, 检察院, 公安局) and the place before one (区, 县, 市)
_LAW_BODIES = r"司法(?:局|厅|所)|(?:中级)?人民法院|中院|法院|(?:人民)?检察院|公安(?:分局|局|厅)"
_PLACE = r"[\u4e00-\u9fff]{0,6}?[省市县区州旗镇乡]"
#: a body of the law named at a label's head, with or without its place (法庭, 区司法局, 本院)
_LEAD_BODY_RE = re.compile(rf"^(?:本|我)?(?:{_PLACE})?(?:{_LAW_BODIES}|人民法庭|法庭|政法委)")
#: a note saying the figure is no rule-of-law work (非法治工作数据, 不属于法治工作, 仅作参考不写入)
NOT_LAW_NOTE_RE = re.compile(r"非法治|不属于法治|与法治[^，,；;。]{0,6}无关|(?:不|无需|不需|不用)写入")
#: a body of the law by its name (区司法局, 县人民法院, 市中院, 政法委): the body, not the figure's work
LAW_BODY_RE = re.compile(rf"^(?:{_PLACE}(?:{_LAW_BODIES}|委政法委)|本局|我局|本院|我院|本厅|我厅)")


def _one_pattern(raw: object) -> str:
    """``set_aside:`` of genres.yaml, a regex or a list of them (the shared one and the genre's own)."""
    if isinstance(raw, list):
        return "|".join(f"(?:{p})" for p in raw if p)
    return str(raw or "")


def _fallbacks(raw: object) -> dict[str, list[str]]:
    """``fallback:`` of genres.yaml: one list for every body, or lists keyed like ``titles``."""
    if not raw:
        return {}
    if isinstance(raw, list):
        return {COMMON: [str(s) for s in raw]}
    if isinstance(raw, dict):
        return {str(k): [str(s) for s in v or []] for k, v in raw.items()}
    raise ValueError(f"fallback must be a list or a mapping, not {type(raw).__name__}")


#: the key of ``fallback:`` wording that fits every body of the section
COMMON = "通用"


def _section(data: dict, avoid: str = "") -> GenreSection:
    """One section of genres.yaml; ``avoid`` is the genre's own (matters no part of it speaks of)."""
    fallbacks = _fallbacks(data.get("fallback"))
    own = "|".join(a for a in (data.get("avoid", ""), avoid) if a)
    return GenreSection(
        key=data["key"],
        title=data["title"],
        kind=data.get("kind", "performance"),
        query=data.get("query", ""),
        metrics=list(data.get("metrics", [])),
        lead=data.get("lead", ""),
        subpoints=[_section(s, avoid) for s in data.get("subpoints", [])],
        bodies=list(data.get("bodies", [])),
        titles=dict(data.get("titles", {})),
        fallback=list(fallbacks.get(COMMON, [])),
        fallbacks=fallbacks,
        subject=data.get("subject", ""),
        subject_lead=data.get("subject_lead", ""),
        avoid=own,
        needs=data.get("needs", ""),
    )


@functools.cache
def load_genres(path: Path = DATA) -> dict[str, Genre]:
    """All genres, keyed by canonical name."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    genres = {}
    for name, data in raw.items():
        genres[name] = Genre(
            name=name,
            aliases=list(data.get("aliases", [])),
            title=data["title"],
            voice=data.get("voice", "我们"),
            opening=data.get("opening", ""),
            closing=data.get("closing", ""),
            sections=[_section(s, data.get("avoid", "")) for s in data["sections"]],
            signature=list(data.get("signature", [])),
            not_for=dict(data.get("not_for", {})),
            set_aside=_one_pattern(data.get("set_aside", "")),
            law_work=_one_pattern(data.get("law_work", "")),
        )
    return genres


def genre_names() -> list[str]:
    """Canonical genre names, in file order."""
    return list(load_genres())


def get_genre(name: str) -> Genre:
    """Find a genre by its name or an alias.

    Args:
        name: 述法报告, 法治政府建设年度报告, 工作总结, or an alias such as 述法.

    Returns:
        The genre.

    Raises:
        NotFoundError (a KeyError): with a Chinese message listing the known genres.
    """
    genres = load_genres()
    key = (name or "").strip()
    if key in genres:
        return genres[key]
    for genre in genres.values():
        if key in genre.aliases:
            return genre
    for genre in genres.values():
        if key and (key in genre.name or genre.name in key):
            return genre
    raise NotFoundError(f"未知的文种“{name}”。可选：{'、'.join(genres)}")


def fill_placeholders(template: str, **values: object) -> str:
    """Render ``{org}``/``{year}``… placeholders; missing values become 【待补充：…】 markers."""
    labels = {
        "org": "单位名称",
        "whole": "单位名称",
        "year": "年度",
        "next_year": "下一年度",
        "person": "署名",
        "post": "职务",
        "date": "成文日期",
    }
    out = template
    for key, label in labels.items():
        value = values.get(key)
        out = out.replace("{" + key + "}", str(value) if value not in (None, "") else missing(label))
    return out


#: Words that mark a heading as the 存在问题 part or the 下一步打算 part of a report.
PROBLEM_WORDS = ("问题", "不足", "差距", "短板")
PLAN_WORDS = ("打算", "下一步", "下步", "安排", "计划", "措施", "努力方向")


def outline_lines(genre: Genre) -> list[str]:
    """The genre's official outline as editable lines, one heading a line (一、… / （一）…).

    Year placeholders read 本年/下一年, so the lines fit any year; :func:`genre_with_outline`
    turns such lines back into a genre.
    """
    lines = []
    for n, sec in enumerate(genre.sections, 1):
        lines.append(numbered(1, n, fill_placeholders(sec.title, year="本", next_year="下一")))
        lines.extend(numbered(2, m, sub.title) for m, sub in enumerate(sec.subpoints, 1))
    return lines


def genre_with_outline(base: Genre, lines: list[str]) -> Genre:
    """The genre with the user's own outline (edited in the web app or given with ``--outline``).

    Args:
        base: the genre whose title, opening, voice and signature are kept.
        lines: one heading a line; 一、 (or no numbering) opens a section, （一）/1./（1） a sub-point.

    Returns:
        A genre whose sections follow ``lines``: a section about 问题/不足 becomes a problems list,
        one about 打算/下一步 a plans list, the rest performance text; each borrows the keywords and
        metric kinds of the official section it resembles most.
    """
    from assistant.lang.similarity import similarity as _bigram_overlap

    official = [(sec, sub) for sec in base.sections for sub in [None, *sec.subpoints]]
    sections: list[GenreSection] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        level = heading_level(line) or 1
        title = strip_numbering(line) or line
        kind = (
            "problems"
            if any(w in title for w in PROBLEM_WORDS)
            else ("plans" if any(w in title for w in PLAN_WORDS) else "performance")
        )
        like = max(official, key=lambda o: _bigram_overlap(title, (o[1] or o[0]).title), default=None)
        node = (
            (like[1] or like[0])
            if like and _bigram_overlap(title, (like[1] or like[0]).title) >= 0.3
            else None
        )
        lead = next((s.lead for s in base.sections if s.kind == kind), "") if kind != "performance" else ""
        section = GenreSection(
            key=f"u{len(sections)}",
            title=title,
            kind=kind,
            query=f"{title} {node.query if node else ''}".strip(),
            metrics=list(node.metrics) if node else [],
            lead=lead,
        )
        if level > 1 and sections and sections[-1].kind == "performance" and kind == "performance":
            section.key = f"{sections[-1].key}.{len(sections[-1].subpoints)}"
            sections[-1].subpoints.append(section)
        else:
            sections.append(section)
    if not sections:
        raise BadInputError("提纲为空：请每行写一个标题，如“一、履职情况”“（一）学习贯彻习近平法治思想”。")
    return Genre(
        name=base.name,
        aliases=base.aliases,
        title=base.title,
        voice=base.voice,
        opening=base.opening,
        closing=base.closing,
        sections=sections,
        signature=base.signature,
        not_for=base.not_for,
        set_aside=base.set_aside,
        law_work=base.law_work,
    )
